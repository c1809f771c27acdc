/* Win32 synchronisation as a Windows program uses it: CRITICAL_SECTION (static and embedded in
 * the program's own structures; recursive; TryEnter from another thread; DebugInfo non-NULL
 * while initialised, which programs test before deleting), the Interlocked
 * functions (32- and 64-bit, pointers), mutexes (recursive ownership, ERROR_NOT_OWNER,
 * WAIT_ABANDONED when the owner thread ends), semaphores (counts, maximum,
 * ERROR_TOO_MANY_POSTS), and waits mixing them with events. */
#include <winsock2.h>
#include <windows.h>
#include "check.h"

#define THREADS 4
#define ROUNDS 20000

static CRITICAL_SECTION global_lock; /* static storage, as legacy servers have it */
static long long guarded_total;
static volatile LONG atomic_total;
static volatile LONGLONG atomic_total64;

struct account {
    int id;
    CRITICAL_SECTION lock; /* embedded in the program's structure */
    long balance;
};

static struct account acct;

static DWORD WINAPI hammer(LPVOID param)
{
    int i;
    (void)param;
    for (i = 0; i < ROUNDS; i++) {
        EnterCriticalSection(&global_lock);
        EnterCriticalSection(&global_lock); /* recursive, as on Windows */
        guarded_total++;
        LeaveCriticalSection(&global_lock);
        LeaveCriticalSection(&global_lock);
        EnterCriticalSection(&acct.lock);
        acct.balance += 2;
        LeaveCriticalSection(&acct.lock);
        InterlockedIncrement(&atomic_total);
        InterlockedExchangeAdd64(&atomic_total64, 3);
    }
    return 0;
}

static DWORD WINAPI try_enter_elsewhere(LPVOID param)
{
    (void)param;
    if (TryEnterCriticalSection(&global_lock)) {
        LeaveCriticalSection(&global_lock);
        return 1;
    }
    return 0;
}

static void test_critical_sections(void)
{
    HANDLE h[THREADS];
    DWORD code = 99;
    int i;
    InitializeCriticalSection(&global_lock);
    CHECK_EQ(InitializeCriticalSectionAndSpinCount(&acct.lock, 4000), TRUE, "InitializeCriticalSectionAndSpinCount returns TRUE");
    {
        CRITICAL_SECTION local;
        CHECK_EQ(InitializeCriticalSectionEx(&local, 0, 0), TRUE, "InitializeCriticalSectionEx on the stack");
        EnterCriticalSection(&local);
        LeaveCriticalSection(&local);
        DeleteCriticalSection(&local);
    }
    for (i = 0; i < THREADS; i++)
        h[i] = CreateThread(NULL, 0, hammer, NULL, 0, NULL);
    CHECK_EQ(WaitForMultipleObjects(THREADS, h, TRUE, 60000), WAIT_OBJECT_0, "the workers end");
    for (i = 0; i < THREADS; i++)
        CloseHandle(h[i]);
    CHECK_EQ(guarded_total, (long long)THREADS * ROUNDS, "a static CRITICAL_SECTION excludes (recursively entered)");
    CHECK_EQ(acct.balance, 2L * THREADS * ROUNDS, "a CRITICAL_SECTION inside a struct excludes");
    CHECK_EQ(atomic_total, THREADS * ROUNDS, "InterlockedIncrement loses no update");
    CHECK_EQ(atomic_total64, 3LL * THREADS * ROUNDS, "InterlockedExchangeAdd64 loses no update");

    CHECK_EQ(TryEnterCriticalSection(&global_lock), TRUE, "TryEnterCriticalSection on a free section enters");
    CHECK_EQ(TryEnterCriticalSection(&global_lock), TRUE, "... and again by the owner (recursive)");
    CHECK_EQ(global_lock.RecursionCount, 2, "RecursionCount counts the entries");
    CHECK(global_lock.OwningThread == (HANDLE)(UINT_PTR)GetCurrentThreadId(), "OwningThread is the owner's thread id");
    h[0] = CreateThread(NULL, 0, try_enter_elsewhere, NULL, 0, NULL);
    WaitForSingleObject(h[0], INFINITE);
    GetExitCodeThread(h[0], &code);
    CHECK_EQ(code, 0, "TryEnterCriticalSection from another thread fails while it is held");
    CloseHandle(h[0]);
    LeaveCriticalSection(&global_lock);
    LeaveCriticalSection(&global_lock);
    h[0] = CreateThread(NULL, 0, try_enter_elsewhere, NULL, 0, NULL);
    WaitForSingleObject(h[0], INFINITE);
    GetExitCodeThread(h[0], &code);
    CHECK_EQ(code, 1, "... and succeeds once the owner left as often as it entered");
    CloseHandle(h[0]);
    CHECK(global_lock.DebugInfo != NULL, "an initialised section's DebugInfo is not NULL");
    DeleteCriticalSection(&global_lock);
    CHECK(global_lock.DebugInfo == NULL, "... and NULL once deleted");
    if (acct.lock.DebugInfo != NULL) /* the "delete it if it was set up" idiom */
        DeleteCriticalSection(&acct.lock);
    CHECK(acct.lock.DebugInfo == NULL, "the idiom finds the section initialised and deletes it");
}

static void test_interlocked(void)
{
    LONG v = 5;
    LONGLONG w = 1LL << 40;
    int a = 1, b = 2;
    PVOID p = &a;
    CHECK_EQ(InterlockedIncrement(&v), 6, "InterlockedIncrement returns the new value");
    CHECK_EQ(InterlockedDecrement(&v), 5, "InterlockedDecrement returns the new value");
    CHECK_EQ(InterlockedExchange(&v, 9), 5, "InterlockedExchange returns the old value");
    CHECK_EQ(InterlockedExchangeAdd(&v, 3), 9, "InterlockedExchangeAdd returns the old value");
    CHECK_EQ(v, 12, "... and adds");
    CHECK_EQ(InterlockedCompareExchange(&v, 100, 7), 12, "InterlockedCompareExchange with a wrong comparand returns the value");
    CHECK_EQ(v, 12, "... and changes nothing");
    CHECK_EQ(InterlockedCompareExchange(&v, 100, 12), 12, "with the right comparand it returns the old value");
    CHECK_EQ(v, 100, "... and stores");
    CHECK_EQ(InterlockedOr(&v, 3), 100, "InterlockedOr returns the old value");
    CHECK_EQ(InterlockedAnd(&v, 6), 103, "InterlockedAnd returns the old value");
    CHECK_EQ(v, 6, "... and masks");
    CHECK_EQ(sizeof(LONG), 4, "LONG is 32 bits, as on Windows");
    CHECK(InterlockedIncrement64(&w) == (1LL << 40) + 1, "InterlockedIncrement64 works past 32 bits");
    CHECK(InterlockedCompareExchange64(&w, 5, (1LL << 40) + 1) == (1LL << 40) + 1, "InterlockedCompareExchange64");
    CHECK(w == 5, "... stores");
    CHECK(InterlockedExchangePointer(&p, &b) == &a, "InterlockedExchangePointer returns the old pointer");
    CHECK(InterlockedCompareExchangePointer(&p, &a, &b) == &b && p == &a, "InterlockedCompareExchangePointer swaps");
}

static HANDLE shared_mutex;

static DWORD WINAPI try_mutex(LPVOID param)
{
    DWORD r = WaitForSingleObject(shared_mutex, (DWORD)(UINT_PTR)param);
    if (r == WAIT_OBJECT_0 || r == WAIT_ABANDONED)
        ReleaseMutex(shared_mutex);
    return r;
}

static DWORD WINAPI release_foreign(LPVOID param)
{
    (void)param;
    SetLastError(0);
    if (ReleaseMutex(shared_mutex))
        return 1;
    return GetLastError();
}

static DWORD WINAPI take_and_die(LPVOID param)
{
    (void)param;
    WaitForSingleObject(shared_mutex, INFINITE);
    return 0; /* ends owning it */
}

static DWORD run(LPTHREAD_START_ROUTINE f, DWORD arg)
{
    DWORD code = 0;
    HANDLE h = CreateThread(NULL, 0, f, (LPVOID)(UINT_PTR)arg, 0, NULL);
    WaitForSingleObject(h, INFINITE);
    GetExitCodeThread(h, &code);
    CloseHandle(h);
    return code;
}

static void test_mutexes(void)
{
    HANDLE again;
    shared_mutex = CreateMutex(NULL, TRUE, NULL);
    REQUIRE(shared_mutex != NULL, "CreateMutex(bInitialOwner TRUE)");
    CHECK_EQ(run(try_mutex, 50), WAIT_TIMEOUT, "another thread cannot take an owned mutex");
    CHECK_EQ(WaitForSingleObject(shared_mutex, 0), WAIT_OBJECT_0, "the owner takes it again (recursive)");
    CHECK_EQ(run(release_foreign, 0), ERROR_NOT_OWNER, "ReleaseMutex by a non-owner: ERROR_NOT_OWNER");
    CHECK_EQ(ReleaseMutex(shared_mutex), TRUE, "first release");
    CHECK_EQ(run(try_mutex, 50), WAIT_TIMEOUT, "... still owned (taken twice)");
    CHECK_EQ(ReleaseMutex(shared_mutex), TRUE, "second release");
    CHECK_EQ(run(try_mutex, 1000), WAIT_OBJECT_0, "now another thread takes it");
    SetLastError(0);
    CHECK_EQ(ReleaseMutex(shared_mutex), FALSE, "releasing a free mutex fails");
    CHECK_EQ(GetLastError(), ERROR_NOT_OWNER, "... ERROR_NOT_OWNER");

    CHECK_EQ(run(take_and_die, 0), 0, "a thread takes the mutex and ends without releasing it");
    CHECK_EQ(WaitForSingleObject(shared_mutex, 1000), WAIT_ABANDONED, "the next wait gets WAIT_ABANDONED ...");
    CHECK_EQ(ReleaseMutex(shared_mutex), TRUE, "... and owns it");
    CHECK_EQ(WaitForSingleObject(shared_mutex, 0), WAIT_OBJECT_0, "after that the mutex is an ordinary one again");
    ReleaseMutex(shared_mutex);
    CHECK_EQ(run(take_and_die, 0), 0, "abandoned again");
    {
        HANDLE two[2];
        two[0] = CreateEvent(NULL, TRUE, FALSE, NULL);
        two[1] = shared_mutex;
        CHECK_EQ(WaitForMultipleObjects(2, two, FALSE, 1000), WAIT_ABANDONED_0 + 1, "WAIT_ABANDONED_0 + index in a multiple wait");
        ReleaseMutex(shared_mutex);
        CloseHandle(two[0]);
    }

    again = CreateMutexA(NULL, FALSE, "ws2mp-test-mutex");
    CHECK(again != NULL, "a named mutex");
    {
        HANDLE same = OpenMutexA(SYNCHRONIZE, FALSE, "ws2mp-test-mutex");
        CHECK(same != NULL, "OpenMutex finds it");
        CloseHandle(same);
    }
    CloseHandle(again);
    SetLastError(0);
    CHECK_EQ(ReleaseMutex(NULL), FALSE, "ReleaseMutex(NULL) fails");
    CHECK_EQ(GetLastError(), ERROR_INVALID_HANDLE, "... ERROR_INVALID_HANDLE");
    CHECK_EQ(CloseHandle(shared_mutex), TRUE, "CloseHandle closes a mutex");
}

static void test_semaphores(void)
{
    LONG prev = -1;
    HANDLE ev, mix[2];
    HANDLE s = CreateSemaphore(NULL, 2, 3, NULL);
    REQUIRE(s != NULL, "CreateSemaphore(2, max 3)");
    CHECK_EQ(WaitForSingleObject(s, 0), WAIT_OBJECT_0, "first take");
    CHECK_EQ(WaitForSingleObject(s, 0), WAIT_OBJECT_0, "second take");
    CHECK_EQ(WaitForSingleObject(s, 0), WAIT_TIMEOUT, "count 0: not signalled");
    CHECK_EQ(ReleaseSemaphore(s, 2, &prev), TRUE, "ReleaseSemaphore(2)");
    CHECK_EQ(prev, 0, "... reports the previous count");
    SetLastError(0);
    CHECK_EQ(ReleaseSemaphore(s, 2, &prev), FALSE, "going past the maximum fails");
    CHECK_EQ(GetLastError(), ERROR_TOO_MANY_POSTS, "... ERROR_TOO_MANY_POSTS");
    CHECK_EQ(ReleaseSemaphore(s, 1, NULL), TRUE, "up to the maximum is fine (NULL lpPreviousCount)");
    ev = CreateEvent(NULL, FALSE, TRUE, NULL);
    mix[0] = s;
    mix[1] = ev;
    CHECK_EQ(WaitForMultipleObjects(2, mix, TRUE, 0), WAIT_OBJECT_0, "wait-all over a semaphore and an auto event");
    CHECK_EQ(WaitForSingleObject(ev, 0), WAIT_TIMEOUT, "... took the event");
    CHECK_EQ(ReleaseSemaphore(s, 1, &prev), TRUE, "... and one count");
    CHECK_EQ(prev, 2, "... (3 - 1)");
    SetLastError(0);
    CHECK(CreateSemaphore(NULL, 4, 3, NULL) == NULL, "an initial count above the maximum fails");
    CHECK_EQ(GetLastError(), ERROR_INVALID_PARAMETER, "... ERROR_INVALID_PARAMETER");
    SetLastError(0);
    CHECK_EQ(ReleaseSemaphore(ev, 1, NULL), FALSE, "ReleaseSemaphore on an event fails");
    CHECK_EQ(GetLastError(), ERROR_INVALID_HANDLE, "... ERROR_INVALID_HANDLE");
    SetLastError(0);
    CHECK_EQ(SetEvent(s), FALSE, "SetEvent on a semaphore fails");
    CHECK_EQ(GetLastError(), ERROR_INVALID_HANDLE, "... ERROR_INVALID_HANDLE");
    CloseHandle(ev);
    {
        static const WCHAR wname[] = {'s', 'e', 'm', 0};
        HANDLE w = CreateSemaphoreW(NULL, 1, 1, wname);
        HANDLE a = OpenSemaphoreA(SEMAPHORE_ALL_ACCESS, FALSE, "sem");
        HANDLE b = OpenSemaphoreW(SYNCHRONIZE, FALSE, wname);
        CHECK(w != NULL && a != NULL && b != NULL, "a UTF-16 named semaphore opens by either name form");
        CHECK_EQ(WaitForSingleObject(a, 0), WAIT_OBJECT_0, "... one count, taken through one handle");
        CHECK_EQ(WaitForSingleObject(b, 0), WAIT_TIMEOUT, "... is gone through the other");
        SetLastError(0);
        CHECK(OpenMutexW(SYNCHRONIZE, FALSE, wname) == NULL, "OpenMutexW on a semaphore's name fails");
        CHECK_EQ(GetLastError(), ERROR_INVALID_HANDLE, "... ERROR_INVALID_HANDLE");
        CloseHandle(w);
        CloseHandle(a);
        CloseHandle(b);
    }
    CHECK_EQ(CloseHandle(s), TRUE, "CloseHandle closes a semaphore");
}

int __cdecl main(void)
{
    WSADATA wsa;
    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");
    test_critical_sections();
    test_interlocked();
    test_mutexes();
    test_semaphores();
    WSACleanup();
    return check_done();
}

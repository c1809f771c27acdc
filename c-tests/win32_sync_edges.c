/* Edges of the Win32 waits and objects that servers run into, as Wine's kernel32 sync tests
 * record Windows answering them:
 * - CreateSemaphore with a maximum of 0 or below, or a negative initial count, fails with
 *   ERROR_INVALID_PARAMETER; ReleaseSemaphore by 0 or a negative count too (a count computed
 *   as "jobs queued - jobs done" can come out 0);
 * - SignalObjectAndWait on a semaphore already at its maximum fails (WAIT_FAILED,
 *   ERROR_TOO_MANY_POSTS) without waiting: the object to wait on keeps its count;
 *   SignalObjectAndWait of an auto-reset event on itself takes the signal it just gave,
 *   every time;
 * - a mutex taken 32 times by its owner needs 32 releases;
 * - WaitForMultipleObjects over 64 signalled events reports the lowest index and takes only
 *   that one (a server polling its 64 client events in a loop serves them in order);
 *   the same handle twice is fine in a wait-any;
 * - the low two bits of a handle are ignored (some programs tag handles in them);
 * - SleepConditionVariableCS/SRW time out with FALSE and ERROR_TIMEOUT, also for a timeout of
 *   0, and a wake given while nobody sleeps is lost (the next sleep times out);
 * - a sleeper woken before its timeout returns TRUE even when getting its critical section
 *   back takes longer than the timeout (the waker still holds it);
 * - SRW locks are not recursive (TryAcquire by the holder fails), and the thread that releases
 *   one need not be the one that took it (a lock used as a hand-off between threads);
 * - GetExitCodeThread on the running thread is STILL_ACTIVE; a CREATE_SUSPENDED thread's
 *   suspend count is 1 (SuspendThread returns 1, ResumeThread 2, then 1 starts it);
 *   SuspendThread on a thread that has ended fails with (DWORD)-1; TerminateThread's code is the
 *   thread's exit code (a watchdog that kills a hung worker reads it back);
 * - TLS: TlsFree leaves the last error alone when it succeeds and fails with
 *   ERROR_INVALID_PARAMETER for an index already freed; an index past Windows' 1088 slots (such
 *   as TLS_OUT_OF_INDEXES, kept by a program that did not check TlsAlloc) is refused with
 *   ERROR_INVALID_PARAMETER by TlsGetValue, TlsSetValue and TlsFree. */
#include <winsock2.h>
#include <windows.h>
#include "check.h"

static CONDITION_VARIABLE late_cv = CONDITION_VARIABLE_INIT;
static CRITICAL_SECTION late_cs;
static volatile LONG late_sleeping;
static BOOL late_result;
static DWORD late_error;

/* Sleeps on late_cv with a 200 ms timeout; main wakes it at once but keeps late_cs 500 ms. */
static DWORD WINAPI late_sleeper(LPVOID param)
{
    (void)param;
    EnterCriticalSection(&late_cs);
    InterlockedExchange(&late_sleeping, 1);
    SetLastError(0xdeadbeef);
    late_result = SleepConditionVariableCS(&late_cv, &late_cs, 200);
    late_error = GetLastError();
    LeaveCriticalSection(&late_cs);
    return 0;
}

static SRWLOCK handoff = SRWLOCK_INIT;

static DWORD WINAPI release_handoff(LPVOID param)
{
    (void)param;
    ReleaseSRWLockExclusive(&handoff);
    return 0;
}

static DWORD WINAPI returns_99(LPVOID param)
{
    (void)param;
    return 99;
}

static DWORD WINAPI hangs(LPVOID param)
{
    SetEvent((HANDLE)param);
    Sleep(20000);
    return 0;
}

static HANDLE tag_handle(HANDLE h, UINT_PTR bits)
{
    return (HANDLE)((UINT_PTR)h | bits);
}

static void test_semaphore_arguments(void)
{
    HANDLE s;
    LONG prev = 77;

    SetLastError(0xdeadbeef);
    CHECK(CreateSemaphoreA(NULL, 0, 0, NULL) == NULL, "CreateSemaphore with a maximum of 0 fails");
    CHECK_EQ(GetLastError(), ERROR_INVALID_PARAMETER, "... ERROR_INVALID_PARAMETER");
    SetLastError(0xdeadbeef);
    CHECK(CreateSemaphoreA(NULL, 0, -1, NULL) == NULL, "a negative maximum fails");
    CHECK_EQ(GetLastError(), ERROR_INVALID_PARAMETER, "... ERROR_INVALID_PARAMETER");
    SetLastError(0xdeadbeef);
    CHECK(CreateSemaphoreA(NULL, -1, 1, NULL) == NULL, "a negative initial count fails");
    CHECK_EQ(GetLastError(), ERROR_INVALID_PARAMETER, "... ERROR_INVALID_PARAMETER");

    s = CreateSemaphoreA(NULL, 0, 0x7fffffff, NULL);
    REQUIRE(s != NULL, "a semaphore with the largest maximum");
    SetLastError(0xdeadbeef);
    CHECK_EQ(ReleaseSemaphore(s, 0, &prev), FALSE, "ReleaseSemaphore by 0 fails");
    CHECK_EQ(GetLastError(), ERROR_INVALID_PARAMETER, "... ERROR_INVALID_PARAMETER");
    SetLastError(0xdeadbeef);
    CHECK_EQ(ReleaseSemaphore(s, -1, &prev), FALSE, "ReleaseSemaphore by -1 fails");
    CHECK_EQ(GetLastError(), ERROR_INVALID_PARAMETER, "... ERROR_INVALID_PARAMETER");
    CHECK_EQ(WaitForSingleObject(s, 0), WAIT_TIMEOUT, "... and neither added anything");
    CHECK_EQ(ReleaseSemaphore(s, 0x7fffffff, &prev), TRUE, "releasing up to the largest maximum at once");
    CHECK_EQ(prev, 0, "... from 0");
    SetLastError(0xdeadbeef);
    CHECK_EQ(ReleaseSemaphore(s, 1, NULL), FALSE, "one more is too many");
    CHECK_EQ(GetLastError(), ERROR_TOO_MANY_POSTS, "... ERROR_TOO_MANY_POSTS");
    CloseHandle(s);
}

static void test_signal_and_wait(void)
{
    HANDLE full, other, ev;
    int i, took = 0;

    full = CreateSemaphoreA(NULL, 0, 1, NULL);
    other = CreateSemaphoreA(NULL, 1, 1, NULL);
    REQUIRE(full != NULL && other != NULL, "two semaphores of maximum 1 (counts 0 and 1)");
    CHECK_EQ(SignalObjectAndWait(full, other, 0, FALSE), WAIT_OBJECT_0, "signal the first, take the second");
    SetLastError(0xdeadbeef);
    CHECK_EQ(SignalObjectAndWait(full, other, 0, FALSE), WAIT_FAILED,
             "again: the first is at its maximum, SignalObjectAndWait fails");
    CHECK_EQ(GetLastError(), ERROR_TOO_MANY_POSTS, "... ERROR_TOO_MANY_POSTS");
    CHECK_EQ(ReleaseSemaphore(other, 1, NULL), TRUE, "the failed call did not wait: the second could take a count back");
    CHECK_EQ(WaitForSingleObject(full, 0), WAIT_OBJECT_0, "the first holds its one count");
    CloseHandle(full);
    CloseHandle(other);

    ev = CreateEventA(NULL, FALSE, FALSE, NULL);
    REQUIRE(ev != NULL, "an auto-reset event");
    for (i = 0; i < 2000; i++)
        if (SignalObjectAndWait(ev, ev, 0, FALSE) == WAIT_OBJECT_0)
            took++;
    CHECK_EQ(took, 2000, "SignalObjectAndWait(ev, ev) takes its own signal, every time");
    CHECK_EQ(WaitForSingleObject(ev, 0), WAIT_TIMEOUT, "... and leaves the event reset");
    CloseHandle(ev);
}

static void test_mutex_depth(void)
{
    HANDLE m = CreateMutexA(NULL, FALSE, NULL);
    int i, taken = 0, released = 0;
    REQUIRE(m != NULL, "a mutex");
    for (i = 0; i < 32; i++)
        if (WaitForSingleObject(m, 0) == WAIT_OBJECT_0)
            taken++;
    CHECK_EQ(taken, 32, "the owner takes it 32 times");
    for (i = 0; i < 32; i++)
        if (ReleaseMutex(m))
            released++;
    CHECK_EQ(released, 32, "... and releases it 32 times");
    SetLastError(0xdeadbeef);
    CHECK_EQ(ReleaseMutex(m), FALSE, "a 33rd release fails");
    CHECK_EQ(GetLastError(), ERROR_NOT_OWNER, "... ERROR_NOT_OWNER");
    CloseHandle(m);
}

static void test_lowest_index(void)
{
    HANDLE ev[MAXIMUM_WAIT_OBJECTS], twice[2];
    int i, in_order = 1;
    DWORD r;

    for (i = 0; i < MAXIMUM_WAIT_OBJECTS; i++) {
        ev[i] = CreateEventA(NULL, i == 0, TRUE, NULL); /* [0] manual-reset, the rest auto */
        REQUIRE(ev[i] != NULL, "an event");
    }
    CHECK_EQ(WaitForMultipleObjects(MAXIMUM_WAIT_OBJECTS, ev, FALSE, 0), WAIT_OBJECT_0,
             "64 signalled events: the lowest index");
    CHECK_EQ(WaitForMultipleObjects(MAXIMUM_WAIT_OBJECTS, ev, FALSE, 0), WAIT_OBJECT_0,
             "... again: a manual-reset event stays signalled");
    ResetEvent(ev[0]);
    for (i = 1; i < MAXIMUM_WAIT_OBJECTS; i++) {
        r = WaitForMultipleObjects(MAXIMUM_WAIT_OBJECTS, ev, FALSE, 0);
        if (r != WAIT_OBJECT_0 + (DWORD)i)
            in_order = 0;
    }
    CHECK(in_order, "then each wait takes the next auto-reset event, leaving the others set");
    CHECK_EQ(WaitForMultipleObjects(MAXIMUM_WAIT_OBJECTS, ev, FALSE, 0), WAIT_TIMEOUT, "... until none is left");

    SetEvent(ev[5]);
    twice[0] = ev[5];
    twice[1] = ev[5];
    CHECK_EQ(WaitForMultipleObjects(2, twice, FALSE, 0), WAIT_OBJECT_0, "the same handle twice in a wait-any");
    CHECK_EQ(WaitForSingleObject(ev[5], 0), WAIT_TIMEOUT, "... took the signal once");
    for (i = 0; i < MAXIMUM_WAIT_OBJECTS; i++)
        CloseHandle(ev[i]);
}

static void test_handle_tag_bits(void)
{
    HANDLE on = CreateEventA(NULL, TRUE, TRUE, NULL);
    HANDLE off = CreateEventA(NULL, TRUE, FALSE, NULL);
    HANDLE pair[2];
    UINT_PTR bits;
    REQUIRE(on != NULL && off != NULL, "a set and an unset manual-reset event");
    for (bits = 1; bits < 4; bits++) {
        SetLastError(0xdeadbeef);
        CHECK_EQ(WaitForSingleObject(tag_handle(on, bits), 0), WAIT_OBJECT_0, "low handle bits set: the set event");
        CHECK_EQ(WaitForSingleObject(tag_handle(off, bits), 0), WAIT_TIMEOUT, "... the unset one");
        CHECK_EQ(GetLastError(), 0xdeadbeef, "... the last error untouched");
        pair[0] = tag_handle(off, bits);
        pair[1] = tag_handle(on, bits);
        CHECK_EQ(WaitForMultipleObjects(2, pair, FALSE, 0), WAIT_OBJECT_0 + 1, "... in WaitForMultipleObjects too");
        SetLastError(0xdeadbeef);
        CHECK_EQ(WaitForSingleObject(tag_handle((HANDLE)(UINT_PTR)0xdeadbee0, bits), 0), WAIT_FAILED,
                 "a tagged handle that names nothing fails");
        CHECK_EQ(GetLastError(), ERROR_INVALID_HANDLE, "... ERROR_INVALID_HANDLE");
    }
    CHECK_EQ(SetEvent(tag_handle(off, 2)), TRUE, "SetEvent through a tagged handle");
    CHECK_EQ(WaitForSingleObject(off, 0), WAIT_OBJECT_0, "... set the event");
    CloseHandle(on);
    CloseHandle(off);
}

static void test_condition_timeouts(void)
{
    CONDITION_VARIABLE cv = CONDITION_VARIABLE_INIT;
    CRITICAL_SECTION cs;
    SRWLOCK lock = SRWLOCK_INIT;
    ULONGLONG t0;

    InitializeCriticalSection(&cs);
    EnterCriticalSection(&cs);
    SetLastError(0xdeadbeef);
    CHECK_EQ(SleepConditionVariableCS(&cv, &cs, 0), FALSE, "SleepConditionVariableCS with timeout 0: FALSE");
    CHECK_EQ(GetLastError(), ERROR_TIMEOUT, "... ERROR_TIMEOUT");
    WakeConditionVariable(&cv);
    WakeAllConditionVariable(&cv);
    t0 = GetTickCount64();
    SetLastError(0xdeadbeef);
    CHECK_EQ(SleepConditionVariableCS(&cv, &cs, 50), FALSE, "wakes given while nobody slept are lost: the sleep times out");
    CHECK_EQ(GetLastError(), ERROR_TIMEOUT, "... ERROR_TIMEOUT");
    CHECK(GetTickCount64() - t0 >= 40, "... after about its timeout");
    CHECK(TryEnterCriticalSection(&cs), "the critical section is held again after the sleep");
    LeaveCriticalSection(&cs);
    LeaveCriticalSection(&cs);
    DeleteCriticalSection(&cs);

    AcquireSRWLockShared(&lock);
    SetLastError(0xdeadbeef);
    CHECK_EQ(SleepConditionVariableSRW(&cv, &lock, 0, CONDITION_VARIABLE_LOCKMODE_SHARED), FALSE,
             "SleepConditionVariableSRW (shared) with timeout 0: FALSE");
    CHECK_EQ(GetLastError(), ERROR_TIMEOUT, "... ERROR_TIMEOUT");
    CHECK_EQ(TryAcquireSRWLockExclusive(&lock), FALSE, "... the shared hold is back");
    ReleaseSRWLockShared(&lock);

    AcquireSRWLockExclusive(&lock);
    SetLastError(0xdeadbeef);
    CHECK_EQ(SleepConditionVariableSRW(&cv, &lock, 20, 0), FALSE, "SleepConditionVariableSRW (exclusive) times out: FALSE");
    CHECK_EQ(GetLastError(), ERROR_TIMEOUT, "... ERROR_TIMEOUT");
    CHECK_EQ(TryAcquireSRWLockShared(&lock), FALSE, "... the exclusive hold is back");
    ReleaseSRWLockExclusive(&lock);
}

static void test_condition_wake_before_relock(void)
{
    HANDLE t;
    InitializeCriticalSection(&late_cs);
    t = CreateThread(NULL, 0, late_sleeper, NULL, 0, NULL);
    REQUIRE(t != NULL, "a thread sleeps on a condition variable (timeout 200 ms)");
    /* It set late_sleeping inside the critical section, so once main gets the section the
     * thread is asleep on the condition variable. */
    while (InterlockedCompareExchange(&late_sleeping, 0, 0) == 0)
        Sleep(1);
    EnterCriticalSection(&late_cs);
    WakeConditionVariable(&late_cv);
    Sleep(500); /* the sleeper cannot have its critical section back before this */
    LeaveCriticalSection(&late_cs);
    WaitForSingleObject(t, INFINITE);
    CloseHandle(t);
    CHECK_EQ(late_result, TRUE, "woken in time, its critical section back after the timeout: TRUE");
    CHECK(late_error != ERROR_TIMEOUT, "... not ERROR_TIMEOUT");
    DeleteCriticalSection(&late_cs);
}

static void test_srw_not_recursive(void)
{
    SRWLOCK lock = SRWLOCK_INIT;
    HANDLE t;

    AcquireSRWLockExclusive(&lock);
    CHECK_EQ(TryAcquireSRWLockExclusive(&lock), FALSE, "the exclusive holder cannot take it again");
    CHECK_EQ(TryAcquireSRWLockShared(&lock), FALSE, "... nor share it");
    ReleaseSRWLockExclusive(&lock);
    AcquireSRWLockShared(&lock);
    CHECK_EQ(TryAcquireSRWLockShared(&lock), TRUE, "a shared holder can share it again");
    CHECK_EQ(TryAcquireSRWLockExclusive(&lock), FALSE, "... but not take it exclusively");
    ReleaseSRWLockShared(&lock);
    ReleaseSRWLockShared(&lock);
    CHECK_EQ(TryAcquireSRWLockExclusive(&lock), TRUE, "both shared holds released: free");
    ReleaseSRWLockExclusive(&lock);

    AcquireSRWLockExclusive(&handoff);
    t = CreateThread(NULL, 0, release_handoff, NULL, 0, NULL);
    REQUIRE(t != NULL, "another thread releases the lock main took");
    WaitForSingleObject(t, INFINITE);
    CloseHandle(t);
    CHECK_EQ(TryAcquireSRWLockExclusive(&handoff), TRUE, "... and the lock is free");
    ReleaseSRWLockExclusive(&handoff);
}

static void test_running_thread_exit_code(void)
{
    DWORD code = 0;
    CHECK_EQ(GetExitCodeThread(GetCurrentThread(), &code), TRUE, "GetExitCodeThread on the running thread");
    CHECK_EQ(code, STILL_ACTIVE, "... STILL_ACTIVE");
}

static void test_thread_counts(void)
{
    HANDLE t, started;
    DWORD code = 0, err;

    t = CreateThread(NULL, 0, returns_99, NULL, CREATE_SUSPENDED, NULL);
    REQUIRE(t != NULL, "a CREATE_SUSPENDED thread");
    CHECK_EQ(SuspendThread(t), 1, "SuspendThread: it was suspended once");
    CHECK_EQ(ResumeThread(t), 2, "ResumeThread: twice");
    CHECK_EQ(WaitForSingleObject(t, 100), WAIT_TIMEOUT, "... still suspended once: it has not run");
    CHECK_EQ(ResumeThread(t), 1, "the second ResumeThread ...");
    CHECK_EQ(WaitForSingleObject(t, 5000), WAIT_OBJECT_0, "... starts it");
    SetLastError(0xdeadbeef);
    CHECK_EQ(SuspendThread(t), (DWORD)-1, "SuspendThread on a thread that has ended fails");
    err = GetLastError();
    CHECK(err == ERROR_ACCESS_DENIED || err == ERROR_NO_MORE_ITEMS, "... ERROR_ACCESS_DENIED");
    CHECK(GetExitCodeThread(t, &code) && code == 99, "its exit code is its return value");
    CloseHandle(t);

    started = CreateEventA(NULL, TRUE, FALSE, NULL);
    t = CreateThread(NULL, 0, hangs, started, 0, NULL);
    REQUIRE(t != NULL && WaitForSingleObject(started, 5000) == WAIT_OBJECT_0, "a thread that hangs");
    CHECK_EQ(TerminateThread(t, 99), TRUE, "TerminateThread");
    CHECK_EQ(WaitForSingleObject(t, 5000), WAIT_OBJECT_0, "... ends it");
    CHECK(GetExitCodeThread(t, &code) && code == 99, "... with TerminateThread's code");
    CloseHandle(t);
    CloseHandle(started);
}

static void test_tls_indexes(void)
{
    DWORD idx = TlsAlloc();
    REQUIRE(idx != TLS_OUT_OF_INDEXES, "TlsAlloc");
    CHECK_EQ(TlsSetValue(idx, &idx), TRUE, "TlsSetValue");
    SetLastError(0xdeadbeef);
    CHECK(TlsGetValue(idx) == &idx, "TlsGetValue gives it back");
    CHECK_EQ(GetLastError(), 0, "... and clears the last error");
    SetLastError(0xcafef00d);
    CHECK_EQ(TlsFree(idx), TRUE, "TlsFree");
    CHECK_EQ(GetLastError(), 0xcafef00d, "... leaves the last error alone");
    SetLastError(0xcafef00d);
    CHECK_EQ(TlsFree(idx), FALSE, "TlsFree of a freed index fails");
    CHECK_EQ(GetLastError(), ERROR_INVALID_PARAMETER, "... ERROR_INVALID_PARAMETER");

    SetLastError(0xdeadbeef);
    CHECK(TlsGetValue(TLS_OUT_OF_INDEXES) == NULL, "TlsGetValue(TLS_OUT_OF_INDEXES): NULL");
    CHECK_EQ(GetLastError(), ERROR_INVALID_PARAMETER, "... ERROR_INVALID_PARAMETER");
    SetLastError(0xdeadbeef);
    CHECK(TlsGetValue(1088) == NULL, "TlsGetValue(1088), one past the last slot: NULL");
    CHECK_EQ(GetLastError(), ERROR_INVALID_PARAMETER, "... ERROR_INVALID_PARAMETER");
    SetLastError(0xdeadbeef);
    CHECK_EQ(TlsSetValue(TLS_OUT_OF_INDEXES, &idx), FALSE, "TlsSetValue(TLS_OUT_OF_INDEXES) fails");
    CHECK_EQ(GetLastError(), ERROR_INVALID_PARAMETER, "... ERROR_INVALID_PARAMETER");
    SetLastError(0xdeadbeef);
    CHECK_EQ(TlsFree(TLS_OUT_OF_INDEXES), FALSE, "TlsFree(TLS_OUT_OF_INDEXES) fails");
    CHECK_EQ(GetLastError(), ERROR_INVALID_PARAMETER, "... ERROR_INVALID_PARAMETER");
}

int __cdecl main(void)
{
    test_semaphore_arguments();
    test_signal_and_wait();
    test_mutex_depth();
    test_lowest_index();
    test_handle_tag_bits();
    test_condition_timeouts();
    test_condition_wake_before_relock();
    test_srw_not_recursive();
    test_running_thread_exit_code();
    test_thread_counts();
    test_tls_indexes();
    return check_done();
}

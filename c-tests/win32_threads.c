/* Win32 threads as a Windows program uses them: CreateThread (thread id out, CREATE_SUSPENDED
 * + ResumeThread), _beginthreadex / _endthreadex, _beginthread (handle closed by itself when
 * the thread ends), ExitThread, exit codes (STILL_ACTIVE until the end), thread handles
 * signalled at the end (also in a wait-all over several threads), GetCurrentThread's
 * pseudo-handle, thread and process ids, SleepEx. */
#include <winsock2.h>
#include <windows.h>
#include <process.h>
#ifndef _WIN32
#include <pthread.h> /* a thread ws2mp did not start: only where such threads exist */
#include <unistd.h>
#endif
#include "check.h"

static volatile LONG started;
static DWORD seen_id;
static HANDLE gate;

static DWORD WINAPI report_id(LPVOID param)
{
    seen_id = GetCurrentThreadId();
    InterlockedIncrement(&started);
    return (DWORD)(UINT_PTR)param;
}

static DWORD WINAPI wait_for_gate(LPVOID param)
{
    (void)param;
    WaitForSingleObject(gate, INFINITE);
    return 5;
}

static void nested_exit(DWORD code)
{
    ExitThread(code);
}

static DWORD WINAPI exits_early(LPVOID param)
{
    (void)param;
    nested_exit(42);
    return 1; /* never reached */
}

static unsigned __stdcall crt_thread(void *param)
{
    *(int *)param = 1;
    _endthreadex(7);
    return 0;
}

static HANDLE done_event;

static void __cdecl plain_thread(void *param)
{
    (void)param;
    SetEvent(done_event);
}

static void test_create_and_exit_code(void)
{
    DWORD id = 0, code = 0;
    HANDLE h;
    gate = CreateEvent(NULL, TRUE, FALSE, NULL);
    h = CreateThread(NULL, 0, wait_for_gate, NULL, 0, &id);
    REQUIRE(h != NULL, "CreateThread returns a handle");
    CHECK(id != 0, "... and writes a thread id");
    CHECK_EQ(GetThreadId(h), id, "GetThreadId gives the same id");
    CHECK_EQ(GetExitCodeThread(h, &code), TRUE, "GetExitCodeThread on a running thread");
    CHECK_EQ(code, STILL_ACTIVE, "... is STILL_ACTIVE (259)");
    CHECK_EQ(WaitForSingleObject(h, 50), WAIT_TIMEOUT, "a running thread's handle is not signalled");
    SetEvent(gate);
    CHECK_EQ(WaitForSingleObject(h, 5000), WAIT_OBJECT_0, "the handle is signalled when the thread ends");
    CHECK_EQ(GetExitCodeThread(h, &code), TRUE, "GetExitCodeThread after the end");
    CHECK_EQ(code, 5, "... is what the routine returned");
    CHECK_EQ(WaitForSingleObject(h, 0), WAIT_OBJECT_0, "an ended thread stays signalled");
    CHECK_EQ(CloseHandle(h), TRUE, "CloseHandle closes a thread handle");
    SetLastError(0);
    CHECK_EQ(GetExitCodeThread(h, &code), FALSE, "a closed thread handle is invalid");
    CHECK_EQ(GetLastError(), ERROR_INVALID_HANDLE, "... ERROR_INVALID_HANDLE");

    h = CreateThread(NULL, 64 * 1024, report_id, (LPVOID)(UINT_PTR)9, 0, &id);
    REQUIRE(h != NULL, "CreateThread with a stack size");
    WaitForSingleObject(h, INFINITE);
    CHECK_EQ(seen_id, id, "GetCurrentThreadId inside the thread is CreateThread's lpThreadId");
    CHECK(seen_id != GetCurrentThreadId(), "... and differs from the creator's");
    GetExitCodeThread(h, &code);
    CHECK_EQ(code, 9, "the exit code is the routine's return value");
    CloseHandle(h);

    h = CreateThread(NULL, 0, exits_early, NULL, 0, NULL);
    REQUIRE(h != NULL, "CreateThread with a NULL lpThreadId");
    CHECK_EQ(WaitForSingleObject(h, 5000), WAIT_OBJECT_0, "ExitThread ends the thread (from a nested call)");
    GetExitCodeThread(h, &code);
    CHECK_EQ(code, 42, "... with ExitThread's code");
    CloseHandle(h);
    CloseHandle(gate);
}

static void test_suspended(void)
{
    DWORD id;
    HANDLE h;
    started = 0;
    h = CreateThread(NULL, 0, report_id, NULL, CREATE_SUSPENDED, &id);
    REQUIRE(h != NULL, "CreateThread(CREATE_SUSPENDED)");
    Sleep(100);
    CHECK_EQ(started, 0, "a suspended thread does not run");
    CHECK_EQ(WaitForSingleObject(h, 0), WAIT_TIMEOUT, "... and is not signalled");
    CHECK_EQ(ResumeThread(h), 1, "ResumeThread returns the previous suspend count (1)");
    CHECK_EQ(WaitForSingleObject(h, 5000), WAIT_OBJECT_0, "the resumed thread runs to its end");
    CHECK_EQ(started, 1, "... having run its routine");
    CHECK_EQ(ResumeThread(h), 0, "ResumeThread on a thread that is not suspended returns 0");
    CloseHandle(h);
    SetLastError(0);
    CHECK_EQ(ResumeThread(h), (DWORD)-1, "ResumeThread on a closed handle returns -1");
    CHECK_EQ(GetLastError(), ERROR_INVALID_HANDLE, "... ERROR_INVALID_HANDLE");
}

static void test_crt_threads(void)
{
    int flag = 0;
    unsigned id = 0;
    DWORD code = 0;
    uintptr_t h = _beginthreadex(NULL, 0, crt_thread, &flag, 0, &id);
    uintptr_t h2;
    int i, closed = 0;
    REQUIRE(h != 0, "_beginthreadex returns a handle");
    CHECK(id != 0, "... and a thread id");
    CHECK_EQ(WaitForSingleObject((HANDLE)h, 5000), WAIT_OBJECT_0, "the _beginthreadex handle is waitable");
    CHECK_EQ(flag, 1, "... the routine ran");
    GetExitCodeThread((HANDLE)h, &code);
    CHECK_EQ(code, 7, "_endthreadex(7) sets the exit code");
    CloseHandle((HANDLE)h);

    done_event = CreateEvent(NULL, TRUE, FALSE, NULL);
    h2 = _beginthread(plain_thread, 0, NULL);
    REQUIRE(h2 != (uintptr_t)-1, "_beginthread starts a thread");
    CHECK_EQ(WaitForSingleObject(done_event, 5000), WAIT_OBJECT_0, "... which runs");
    for (i = 0; i < 200 && !closed; i++) {
        DWORD c;
        if (!GetExitCodeThread((HANDLE)h2, &c))
            closed = GetLastError() == ERROR_INVALID_HANDLE;
        else
            Sleep(10);
    }
    CHECK(closed, "_beginthread's handle is closed by itself when the thread ends");
    CloseHandle(done_event);
    CHECK_EQ(_beginthreadex(NULL, 0, NULL, NULL, 0, NULL), 0, "_beginthreadex with no routine fails with 0");
    CHECK(_beginthread(NULL, 0, NULL) == (uintptr_t)-1, "_beginthread with no routine fails with -1");
    SetLastError(0);
    CHECK(CreateThread(NULL, 0, NULL, NULL, 0, NULL) == NULL, "CreateThread with no routine fails");
    CHECK_EQ(GetLastError(), ERROR_INVALID_PARAMETER, "... ERROR_INVALID_PARAMETER");
}

static DWORD WINAPI short_worker(LPVOID param)
{
    Sleep((DWORD)(UINT_PTR)param);
    return (DWORD)(UINT_PTR)param;
}

static void test_wait_all_threads(void)
{
    HANDLE h[8];
    DWORD t0 = GetTickCount(), code;
    int i, codes_ok = 1;
    for (i = 0; i < 8; i++)
        h[i] = CreateThread(NULL, 0, short_worker, (LPVOID)(UINT_PTR)(20 + 20 * i), 0, NULL);
    CHECK_EQ(WaitForMultipleObjects(8, h, FALSE, 5000), WAIT_OBJECT_0, "wait-any over threads: the first to end (index 0)");
    CHECK_EQ(WSAWaitForMultipleEvents(1, &h[0], FALSE, 0, FALSE), WSA_WAIT_EVENT_0, "WSAWaitForMultipleEvents takes a thread handle too");
    CHECK_EQ(WaitForMultipleObjects(8, h, TRUE, 5000), WAIT_OBJECT_0, "wait-all over 8 threads returns when all ended");
    CHECK(GetTickCount() - t0 >= 155, "... not before the slowest one ended");
    for (i = 0; i < 8; i++) {
        GetExitCodeThread(h[i], &code);
        codes_ok &= code == (DWORD)(20 + 20 * i);
        CloseHandle(h[i]);
    }
    CHECK(codes_ok, "each thread's exit code is its own");
}

static void test_pseudo_handles_and_ids(void)
{
    DWORD code = 0;
    HANDLE self = GetCurrentThread();
    CHECK(self == (HANDLE)(LONG_PTR)-2, "GetCurrentThread is the pseudo-handle -2");
    CHECK_EQ(GetExitCodeThread(self, &code), TRUE, "GetExitCodeThread(GetCurrentThread())");
    CHECK_EQ(code, STILL_ACTIVE, "... STILL_ACTIVE");
    CHECK_EQ(WaitForSingleObject(self, 10), WAIT_TIMEOUT, "a thread waiting on itself times out");
    CHECK_EQ(CloseHandle(self), TRUE, "closing the pseudo-handle is a harmless no-op");
    CHECK_EQ(GetThreadId(self), GetCurrentThreadId(), "GetThreadId of the pseudo-handle is the caller's id");
    CHECK_EQ(GetCurrentProcessId(), (DWORD)getpid(), "GetCurrentProcessId is the process id");
    CHECK_EQ(SleepEx(10, TRUE), 0, "SleepEx returns 0 (no APCs are queued)");
    CHECK_EQ(GetThreadPriority(self), THREAD_PRIORITY_NORMAL, "GetThreadPriority: THREAD_PRIORITY_NORMAL at first");
    CHECK(SetThreadPriority(self, THREAD_PRIORITY_HIGHEST), "SetThreadPriority(THREAD_PRIORITY_HIGHEST)");
    CHECK_EQ(GetThreadPriority(self), THREAD_PRIORITY_HIGHEST, "... read back");
    CHECK(SetThreadPriority(self, THREAD_PRIORITY_IDLE), "SetThreadPriority(THREAD_PRIORITY_IDLE)");
    CHECK_EQ(GetThreadPriority(self), THREAD_PRIORITY_IDLE, "... read back");
    CHECK(SetThreadPriority(self, THREAD_MODE_BACKGROUND_BEGIN), "THREAD_MODE_BACKGROUND_BEGIN is accepted");
    CHECK(SetThreadPriority(self, THREAD_MODE_BACKGROUND_END), "... and THREAD_MODE_BACKGROUND_END");
    CHECK(SetThreadPriority(self, THREAD_PRIORITY_NORMAL), "SetThreadPriority(THREAD_PRIORITY_NORMAL)");
    SetLastError(0);
    CHECK(!SetThreadPriority(self, THREAD_PRIORITY_HIGHEST + 1), "a level Windows refuses (3): FALSE");
    CHECK_EQ(GetLastError(), ERROR_INVALID_PARAMETER, "... ERROR_INVALID_PARAMETER");
    CHECK(!SetThreadPriority(self, THREAD_PRIORITY_LOWEST - 1), "... and -3");
    CHECK_EQ(GetThreadPriority(self), THREAD_PRIORITY_NORMAL, "GetThreadPriority: THREAD_PRIORITY_NORMAL");
    SetLastError(0);
    CHECK(!SetThreadPriority((HANDLE)(LONG_PTR)0x1234, THREAD_PRIORITY_HIGHEST), "SetThreadPriority on no thread: FALSE");
    CHECK_EQ(GetLastError(), ERROR_INVALID_HANDLE, "... ERROR_INVALID_HANDLE");
    CHECK_EQ(GetThreadPriority((HANDLE)(LONG_PTR)0x1234), THREAD_PRIORITY_ERROR_RETURN,
             "GetThreadPriority on no thread: THREAD_PRIORITY_ERROR_RETURN");
    CHECK_EQ(GetLastError(), ERROR_INVALID_HANDLE, "... ERROR_INVALID_HANDLE");
}

/* A worker raised by its creator, the way an audio or telemetry program raises its sender
 * thread: the level is the worker's, read back through its handle and by the worker itself. */
static DWORD WINAPI report_priority(LPVOID param)
{
    (void)param;
    WaitForSingleObject(gate, INFINITE);
    return (DWORD)GetThreadPriority(GetCurrentThread());
}

static void test_priority_of_another_thread(void)
{
    DWORD code = 0;
    HANDLE t;
    gate = CreateEvent(NULL, TRUE, FALSE, NULL);
    t = CreateThread(NULL, 0, report_priority, NULL, 0, NULL);
    REQUIRE(gate != NULL && t != NULL, "a worker waiting on a gate");
    CHECK(SetThreadPriority(t, THREAD_PRIORITY_TIME_CRITICAL), "SetThreadPriority(worker, THREAD_PRIORITY_TIME_CRITICAL)");
    CHECK_EQ(GetThreadPriority(t), THREAD_PRIORITY_TIME_CRITICAL, "... read back through its handle");
    CHECK_EQ(GetThreadPriority(GetCurrentThread()), THREAD_PRIORITY_NORMAL, "... the creator's own level is unchanged");
    SetEvent(gate);
    WaitForSingleObject(t, 5000);
    CHECK(GetExitCodeThread(t, &code) && code == THREAD_PRIORITY_TIME_CRITICAL, "... and by the worker itself");
    CloseHandle(t);
    CloseHandle(gate);
}

static DWORD tls_slot;

static DWORD WINAPI tls_thread(LPVOID param)
{
    if (TlsGetValue(tls_slot) != NULL)
        return 1;
    TlsSetValue(tls_slot, param);
    SwitchToThread();
    return TlsGetValue(tls_slot) == param ? 0 : 2;
}

static void test_tls(void)
{
    int mine = 1, theirs = 2;
    DWORD code = 99;
    HANDLE h;
    tls_slot = TlsAlloc();
    REQUIRE(tls_slot != TLS_OUT_OF_INDEXES, "TlsAlloc");
    SetLastError(1234);
    CHECK(TlsGetValue(tls_slot) == NULL, "a new TLS slot holds NULL");
    CHECK_EQ(GetLastError(), 0, "... and TlsGetValue clears the last error");
    CHECK_EQ(TlsSetValue(tls_slot, &mine), TRUE, "TlsSetValue");
    h = CreateThread(NULL, 0, tls_thread, &theirs, 0, NULL);
    WaitForSingleObject(h, INFINITE);
    GetExitCodeThread(h, &code);
    CHECK_EQ(code, 0, "another thread has its own value in the slot");
    CloseHandle(h);
    CHECK(TlsGetValue(tls_slot) == &mine, "... and this thread's value is untouched");
    CHECK_EQ(TlsFree(tls_slot), TRUE, "TlsFree");
}

#ifndef _WIN32
static HANDLE own_handle;

static void *posix_thread(void *arg)
{
    (void)arg;
    DuplicateHandle(GetCurrentProcess(), GetCurrentThread(), GetCurrentProcess(), &own_handle, 0, FALSE,
                    DUPLICATE_SAME_ACCESS);
    return NULL;
}
#endif

static HANDLE first_handle, second_handle, go_on;

static DWORD WINAPI reopen_own_handle(LPVOID param)
{
    (void)param;
    CloseHandle(first_handle); /* the only handle to this thread, closed by the thread */
    DuplicateHandle(GetCurrentProcess(), GetCurrentThread(), GetCurrentProcess(), &second_handle, 0, FALSE,
                    DUPLICATE_SAME_ACCESS);
    if (WaitForSingleObject(GetCurrentThread(), 30) != WAIT_TIMEOUT)
        return 1;
    SetEvent(go_on);
    Sleep(100);
    return 17;
}

static void test_duplicate_handle(void)
{
    HANDLE main_thread = NULL, ev, dup = NULL;
#ifndef _WIN32
    pthread_t t;
#endif
    DWORD code = 0;
    CHECK_EQ(DuplicateHandle(GetCurrentProcess(), GetCurrentThread(), GetCurrentProcess(), &main_thread, 0, FALSE,
                             DUPLICATE_SAME_ACCESS),
             TRUE, "DuplicateHandle turns GetCurrentThread() into a real handle");
    CHECK(main_thread != NULL && main_thread != GetCurrentThread(), "... a new handle value");
    CHECK_EQ(WaitForSingleObject(main_thread, 20), WAIT_TIMEOUT, "... not signalled while the thread runs");
    CHECK_EQ(GetThreadId(main_thread), GetCurrentThreadId(), "... naming the calling thread");
    CloseHandle(main_thread);

#ifndef _WIN32
    REQUIRE(pthread_create(&t, NULL, posix_thread, NULL) == 0, "a thread ws2mp did not start");
    pthread_join(t, NULL);
    REQUIRE(own_handle != NULL, "... duplicated its own handle");
    CHECK_EQ(WaitForSingleObject(own_handle, 5000), WAIT_OBJECT_0, "... which is signalled once that thread ended");
    GetExitCodeThread(own_handle, &code);
    CHECK_EQ(code, 0, "... with exit code 0");
    CloseHandle(own_handle);
#endif

    ev = CreateEvent(NULL, TRUE, FALSE, NULL);
    CHECK_EQ(DuplicateHandle(GetCurrentProcess(), ev, GetCurrentProcess(), &dup, 0, FALSE, DUPLICATE_CLOSE_SOURCE),
             TRUE, "DuplicateHandle of an event with DUPLICATE_CLOSE_SOURCE");
    SetLastError(0);
    CHECK_EQ(SetEvent(ev), FALSE, "... closed the source handle");
    CHECK_EQ(SetEvent(dup), TRUE, "... the duplicate works");
    CHECK_EQ(WaitForSingleObject(dup, 0), WAIT_OBJECT_0, "... on the same event");
    SetLastError(0);
    CHECK_EQ(DuplicateHandle(GetCurrentProcess(), ev, GetCurrentProcess(), &dup, 0, FALSE, 0), FALSE,
             "DuplicateHandle of a closed handle fails");
    CHECK_EQ(GetLastError(), ERROR_INVALID_HANDLE, "... ERROR_INVALID_HANDLE");
    CloseHandle(dup);

    go_on = CreateEvent(NULL, TRUE, FALSE, NULL);
    first_handle = CreateThread(NULL, 0, reopen_own_handle, NULL, CREATE_SUSPENDED, NULL);
    REQUIRE(first_handle != NULL, "a thread that closes its own handle and opens another");
    ResumeThread(first_handle);
    REQUIRE(WaitForSingleObject(go_on, 5000) == WAIT_OBJECT_0, "... did so");
    {
        DWORD t0 = GetTickCount();
        CHECK_EQ(WaitForSingleObject(second_handle, 20), WAIT_TIMEOUT, "the new handle is not signalled while it runs");
        CHECK(GetTickCount() - t0 >= 15, "... a real wait, not an early return");
    }
    CHECK_EQ(WaitForSingleObject(second_handle, 5000), WAIT_OBJECT_0, "... and is signalled at its end");
    GetExitCodeThread(second_handle, &code);
    CHECK_EQ(code, 17, "... with its exit code");
    CloseHandle(second_handle);
    CloseHandle(go_on);
}

int __cdecl main(void)
{
    WSADATA wsa;
    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");
    test_create_and_exit_code();
    test_suspended();
    test_crt_threads();
    test_wait_all_threads();
    test_pseudo_handles_and_ids();
    test_priority_of_another_thread();
    test_duplicate_handle();
    test_tls();
    WSACleanup();
    return check_done();
}

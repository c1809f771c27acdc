/* A service written to run on Windows XP (`#define _WIN32_WINNT 0x0501` before <windows.h>)
 * brings its own versions of the Vista synchronisation and timing functions it uses: condition
 * variables over an event, slim reader/writer locks over a critical section, one-time
 * initialisation, GetTickCount64 over GetTickCount and CancelIoEx over CancelIo. Windows'
 * <synchapi.h>, <sysinfoapi.h> and <ioapiset.h> declare those functions only for Vista and later
 * (_WIN32_WINNT >= 0x0600; TryAcquireSRWLockExclusive for Windows 7), while CONDITION_VARIABLE,
 * SRWLOCK and INIT_ONCE are declared for every version: so the program's static definitions
 * compile there with Windows' types. They must compile here too, and the program's calls must
 * reach its own functions. */
#define _WIN32_WINNT 0x0501
#include <windows.h>
#include <stdlib.h>
#include "check.h"

static int own_calls;

static VOID WINAPI InitializeConditionVariable(PCONDITION_VARIABLE cv)
{
    own_calls++;
    cv->Ptr = CreateEventA(NULL, FALSE, FALSE, NULL);
}
static VOID WINAPI WakeConditionVariable(PCONDITION_VARIABLE cv)
{
    own_calls++;
    SetEvent((HANDLE)cv->Ptr);
}
static BOOL WINAPI SleepConditionVariableCS(PCONDITION_VARIABLE cv, PCRITICAL_SECTION cs,
                                            DWORD ms)
{
    DWORD r;
    own_calls++;
    LeaveCriticalSection(cs);
    r = WaitForSingleObject((HANDLE)cv->Ptr, ms);
    EnterCriticalSection(cs);
    if (r == WAIT_TIMEOUT) {
        SetLastError(ERROR_TIMEOUT);
        return FALSE;
    }
    return r == WAIT_OBJECT_0;
}

static VOID WINAPI InitializeSRWLock(PSRWLOCK lock)
{
    CRITICAL_SECTION *cs = (CRITICAL_SECTION *)malloc(sizeof(CRITICAL_SECTION));
    own_calls++;
    InitializeCriticalSection(cs);
    lock->Ptr = cs;
}
static VOID WINAPI AcquireSRWLockExclusive(PSRWLOCK lock)
{
    own_calls++;
    EnterCriticalSection((CRITICAL_SECTION *)lock->Ptr);
}
static VOID WINAPI ReleaseSRWLockExclusive(PSRWLOCK lock)
{
    own_calls++;
    LeaveCriticalSection((CRITICAL_SECTION *)lock->Ptr);
}
static BOOLEAN WINAPI TryAcquireSRWLockExclusive(PSRWLOCK lock)
{
    own_calls++;
    return TryEnterCriticalSection((CRITICAL_SECTION *)lock->Ptr) ? TRUE : FALSE;
}

/* One-time initialisation without InitOnceExecuteOnce: a flag under a critical section. */
static CRITICAL_SECTION once_guard;
static BOOL WINAPI InitOnceExecuteOnce(PINIT_ONCE once, PINIT_ONCE_FN fn, PVOID param,
                                       LPVOID *context)
{
    BOOL ok = TRUE;
    own_calls++;
    EnterCriticalSection(&once_guard);
    if (once->Ptr == NULL) {
        ok = fn(once, param, context);
        if (ok)
            once->Ptr = (PVOID)1;
    }
    LeaveCriticalSection(&once_guard);
    return ok;
}

static ULONGLONG WINAPI GetTickCount64(VOID)
{
    own_calls++;
    return (ULONGLONG)GetTickCount();
}

static BOOL WINAPI CancelIoEx(HANDLE file, LPOVERLAPPED overlapped)
{
    (void)overlapped;
    own_calls++;
    return CancelIo(file);
}

static CRITICAL_SECTION lock;
static CONDITION_VARIABLE ready_cv;
static int ready;
static int worker_saw_ready = -1;
static int init_runs;

static BOOL CALLBACK init_once(PINIT_ONCE once, PVOID param, PVOID *context)
{
    (void)once;
    (void)context;
    init_runs += *(int *)param;
    return TRUE;
}

static DWORD WINAPI worker(LPVOID arg)
{
    (void)arg;
    EnterCriticalSection(&lock);
    while (!ready) {
        if (!SleepConditionVariableCS(&ready_cv, &lock, 5000))
            break;
    }
    worker_saw_ready = ready;
    LeaveCriticalSection(&lock);
    return 0;
}

int main(void)
{
    SRWLOCK srw;
    INIT_ONCE once = INIT_ONCE_STATIC_INIT;
    ULONGLONG t;
    HANDLE thread;
    int one = 1;
    int calls_before;

    InitializeCriticalSection(&lock);
    InitializeCriticalSection(&once_guard);
    InitializeConditionVariable(&ready_cv);
    CHECK(ready_cv.Ptr != NULL, "own InitializeConditionVariable made its event");
    thread = CreateThread(NULL, 0, worker, NULL, 0, NULL);
    REQUIRE(thread != NULL, "CreateThread");
    Sleep(50);
    EnterCriticalSection(&lock);
    ready = 1;
    WakeConditionVariable(&ready_cv);
    LeaveCriticalSection(&lock);
    CHECK_EQ(WaitForSingleObject(thread, 10000), WAIT_OBJECT_0, "the worker finished");
    CHECK_EQ(worker_saw_ready, 1, "... woken by the program's own condition variable");
    CloseHandle(thread);
    CloseHandle((HANDLE)ready_cv.Ptr);

    InitializeSRWLock(&srw);
    CHECK(srw.Ptr != NULL, "own InitializeSRWLock set its lock up");
    AcquireSRWLockExclusive(&srw);
    CHECK(TryAcquireSRWLockExclusive(&srw), "the owner may enter its own critical section again");
    ReleaseSRWLockExclusive(&srw);
    ReleaseSRWLockExclusive(&srw);
    DeleteCriticalSection((CRITICAL_SECTION *)srw.Ptr);
    free(srw.Ptr);

    CHECK(InitOnceExecuteOnce(&once, init_once, &one, NULL), "own InitOnceExecuteOnce");
    CHECK(InitOnceExecuteOnce(&once, init_once, &one, NULL), "... again");
    CHECK_EQ(init_runs, 1, "... ran the function once");

    calls_before = own_calls;
    t = GetTickCount64();
    CHECK(t > 0 && t <= (ULONGLONG)0xFFFFFFFFu, "own GetTickCount64 is GetTickCount's value");
    CHECK(!CancelIoEx(NULL, NULL), "own CancelIoEx on no handle fails");
    CHECK_EQ(own_calls - calls_before, 2, "GetTickCount64 and CancelIoEx were the program's");
    CHECK(own_calls >= 12, "every call reached the program's own functions");
    DeleteCriticalSection(&once_guard);
    DeleteCriticalSection(&lock);
    return check_done();
}

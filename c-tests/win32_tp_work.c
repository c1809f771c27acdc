/* The Vista thread pool's work objects as servers use them: a work object submitted N times
 * runs exactly N times (WaitForThreadpoolWorkCallbacks then sees none left); callbacks still
 * queued are withdrawn by WaitForThreadpoolWorkCallbacks(..., TRUE); a callback may close its
 * own work object; TrySubmitThreadpoolCallback; callbacks that block do not hold up the others
 * (the pool grows); the callback-instance calls (SetEventWhenCallbackReturns,
 * ReleaseSemaphoreWhenCallbackReturns, ReleaseMutexWhenCallbackReturns,
 * LeaveCriticalSectionWhenCallbackReturns, CallbackMayRunLong,
 * DisassociateCurrentThreadFromCallback); a private pool with a thread maximum; a cleanup group
 * torn down with work still queued, a periodic timer and an armed wait among its members
 * (CloseThreadpoolCleanupGroupMembers with and without cancelling, the cancel callback). */
#include <winsock2.h>
#include <windows.h>
#include <stdio.h>
#include "check.h"

static volatile LONG counted, blocked_done, simple_runs, closed_self_runs, cancel_calls, group_runs;

/* Counters other threads update with the Interlocked functions are read the same way. */
static LONG count_of(volatile LONG *counter)
{
    return InterlockedCompareExchange(counter, 0, 0);
}
static HANDLE gate;

/* Opens the gate a little later, while the main thread is already in a wait that cancels. */
static DWORD WINAPI open_gate_later(LPVOID arg)
{
    (void)arg;
    Sleep(200);
    SetEvent(gate);
    return 0;
}

static void open_gate_soon(void)
{
    HANDLE t = CreateThread(NULL, 0, open_gate_later, NULL, 0, NULL);
    CloseHandle(t);
}

static VOID CALLBACK count_work(PTP_CALLBACK_INSTANCE inst, PVOID ctx, PTP_WORK work)
{
    (void)inst;
    (void)work;
    InterlockedExchangeAdd(&counted, (LONG)(LONG_PTR)ctx);
}

/* Waits on the gate (set by the test), so that the submissions behind it stay queued. */
static VOID CALLBACK gated_work(PTP_CALLBACK_INSTANCE inst, PVOID ctx, PTP_WORK work)
{
    (void)inst;
    (void)work;
    (void)ctx;
    WaitForSingleObject(gate, INFINITE);
    InterlockedIncrement(&blocked_done);
}

static VOID CALLBACK close_self(PTP_CALLBACK_INSTANCE inst, PVOID ctx, PTP_WORK work)
{
    (void)inst;
    InterlockedIncrement(&closed_self_runs);
    CloseThreadpoolWork(work);
    SetEvent((HANDLE)ctx);
}

static VOID CALLBACK simple(PTP_CALLBACK_INSTANCE inst, PVOID ctx)
{
    InterlockedIncrement(&simple_runs);
    SetEventWhenCallbackReturns(inst, (HANDLE)ctx);
}

/* Blocks until every one of them has started: only works if the pool grows. */
static volatile LONG rendezvous;
static VOID CALLBACK meet(PTP_CALLBACK_INSTANCE inst, PVOID ctx, PTP_WORK work)
{
    int i;
    (void)inst;
    (void)work;
    InterlockedIncrement(&rendezvous);
    for (i = 0; i < 500 && count_of(&rendezvous) < (LONG)(LONG_PTR)ctx; i++)
        Sleep(10);
}

struct on_return {
    HANDLE sem;
    HANDLE mutex;
    CRITICAL_SECTION cs;
    volatile LONG may_run_long;
};

static VOID CALLBACK releases(PTP_CALLBACK_INSTANCE inst, PVOID ctx)
{
    struct on_return *r = (struct on_return *)ctx;
    WaitForSingleObject(r->mutex, INFINITE);
    EnterCriticalSection(&r->cs);
    ReleaseSemaphoreWhenCallbackReturns(inst, r->sem, 2);
    ReleaseMutexWhenCallbackReturns(inst, r->mutex);
    LeaveCriticalSectionWhenCallbackReturns(inst, &r->cs);
    r->may_run_long = CallbackMayRunLong(inst);
}

static VOID CALLBACK disassociates(PTP_CALLBACK_INSTANCE inst, PVOID ctx, PTP_WORK work)
{
    (void)work;
    DisassociateCurrentThreadFromCallback(inst);
    WaitForSingleObject((HANDLE)ctx, INFINITE);
    InterlockedIncrement(&blocked_done);
}

static VOID CALLBACK group_work(PTP_CALLBACK_INSTANCE inst, PVOID ctx, PTP_WORK work)
{
    (void)inst;
    (void)ctx;
    (void)work;
    WaitForSingleObject(gate, INFINITE);
    InterlockedIncrement(&group_runs);
}

static volatile LONG group_ticks, group_waits;
static VOID CALLBACK group_tick(PTP_CALLBACK_INSTANCE inst, PVOID ctx, PTP_TIMER timer)
{
    (void)inst;
    (void)ctx;
    (void)timer;
    InterlockedIncrement(&group_ticks);
}

static VOID CALLBACK group_wait(PTP_CALLBACK_INSTANCE inst, PVOID ctx, PTP_WAIT wait, TP_WAIT_RESULT result)
{
    (void)inst;
    (void)ctx;
    (void)wait;
    (void)result;
    InterlockedIncrement(&group_waits);
}

static VOID CALLBACK group_cancelled(PVOID object_context, PVOID cleanup_context)
{
    if (object_context == (PVOID)0x1234 && cleanup_context == (PVOID)0x5678)
        InterlockedIncrement(&cancel_calls);
}

static void work_counts(void)
{
    PTP_WORK w = CreateThreadpoolWork(count_work, (PVOID)3, NULL);
    int i;
    REQUIRE(w != NULL, "CreateThreadpoolWork");
    for (i = 0; i < 100; i++)
        SubmitThreadpoolWork(w);
    WaitForThreadpoolWorkCallbacks(w, FALSE);
    CHECK_EQ(count_of(&counted), 300, "100 submissions ran exactly 100 times once the wait returns");
    SubmitThreadpoolWork(w);
    WaitForThreadpoolWorkCallbacks(w, FALSE);
    CHECK_EQ(count_of(&counted), 303, "a later submission runs once more");
    CloseThreadpoolWork(w);
}

static void cancel_pending(void)
{
    PTP_POOL pool = CreateThreadpool(NULL);
    TP_CALLBACK_ENVIRON env;
    PTP_WORK w;
    int i;
    REQUIRE(pool != NULL, "CreateThreadpool");
    SetThreadpoolThreadMaximum(pool, 1);
    CHECK(SetThreadpoolThreadMinimum(pool, 1), "SetThreadpoolThreadMinimum");
    InitializeThreadpoolEnvironment(&env);
    SetThreadpoolCallbackPool(&env, pool);
    gate = CreateEvent(NULL, TRUE, FALSE, NULL);
    w = CreateThreadpoolWork(gated_work, NULL, &env);
    REQUIRE(w != NULL, "CreateThreadpoolWork on a private pool of one thread");
    for (i = 0; i < 10; i++)
        SubmitThreadpoolWork(w);
    Sleep(100);
    open_gate_soon();
    WaitForThreadpoolWorkCallbacks(w, TRUE);
    CHECK_EQ(count_of(&blocked_done), 1, "cancelling withdrew the submissions still queued");
    Sleep(100);
    CHECK_EQ(count_of(&blocked_done), 1, "... and they never run");
    CloseThreadpoolWork(w);
    DestroyThreadpoolEnvironment(&env);
    CloseThreadpool(pool);
    CloseHandle(gate);
}

static void closes_itself(void)
{
    HANDLE done = CreateEvent(NULL, FALSE, FALSE, NULL);
    PTP_WORK w = CreateThreadpoolWork(close_self, done, NULL);
    REQUIRE(w != NULL, "CreateThreadpoolWork");
    SubmitThreadpoolWork(w);
    CHECK_EQ(WaitForSingleObject(done, 5000), WAIT_OBJECT_0, "a callback closed its own work object");
    Sleep(50);
    CHECK_EQ(count_of(&closed_self_runs), 1, "... and ran once");
    CloseHandle(done);
}

static void simple_callbacks(void)
{
    HANDLE done = CreateEvent(NULL, FALSE, FALSE, NULL);
    int i, got = 0;
    for (i = 0; i < 20; i++) {
        CHECK(TrySubmitThreadpoolCallback(simple, done, NULL), "TrySubmitThreadpoolCallback");
        if (WaitForSingleObject(done, 5000) == WAIT_OBJECT_0)
            got++;
    }
    CHECK_EQ(got, 20, "each simple callback ran and set its event when it returned");
    CHECK_EQ(count_of(&simple_runs), 20, "... once each");
    SetLastError(0);
    CHECK(!TrySubmitThreadpoolCallback(NULL, NULL, NULL), "a NULL callback is refused");
    CHECK_EQ(GetLastError(), ERROR_INVALID_PARAMETER, "... ERROR_INVALID_PARAMETER");
    CloseHandle(done);
}

static void pool_grows(void)
{
    PTP_WORK w = CreateThreadpoolWork(meet, (PVOID)8, NULL);
    int i;
    REQUIRE(w != NULL, "CreateThreadpoolWork");
    for (i = 0; i < 8; i++)
        SubmitThreadpoolWork(w);
    WaitForThreadpoolWorkCallbacks(w, FALSE);
    CHECK_EQ(count_of(&rendezvous), 8, "8 blocking callbacks ran at the same time");
    CloseThreadpoolWork(w);
}

static void instance_calls(void)
{
    struct on_return r;
    HANDLE release;
    PTP_WORK w;
    r.sem = CreateSemaphore(NULL, 0, 10, NULL);
    r.mutex = CreateMutex(NULL, FALSE, NULL);
    InitializeCriticalSection(&r.cs);
    r.may_run_long = -1;
    CHECK(TrySubmitThreadpoolCallback(releases, &r, NULL), "TrySubmitThreadpoolCallback");
    CHECK_EQ(WaitForSingleObject(r.sem, 5000), WAIT_OBJECT_0, "the semaphore was released when the callback returned");
    CHECK_EQ(WaitForSingleObject(r.sem, 0), WAIT_OBJECT_0, "... by 2");
    CHECK_EQ(WaitForSingleObject(r.mutex, 5000), WAIT_OBJECT_0, "the mutex was released on its thread");
    ReleaseMutex(r.mutex);
    CHECK(TryEnterCriticalSection(&r.cs), "the critical section was left");
    LeaveCriticalSection(&r.cs);
    CHECK_EQ(r.may_run_long, TRUE, "CallbackMayRunLong: another thread is there");
    DeleteCriticalSection(&r.cs);
    CloseHandle(r.sem);
    CloseHandle(r.mutex);

    release = CreateEvent(NULL, TRUE, FALSE, NULL);
    InterlockedExchange(&blocked_done, 0);
    w = CreateThreadpoolWork(disassociates, release, NULL);
    SubmitThreadpoolWork(w);
    Sleep(50);
    WaitForThreadpoolWorkCallbacks(w, FALSE);
    CHECK_EQ(count_of(&blocked_done), 0, "a disassociated callback is not waited for");
    SetEvent(release);
    CloseThreadpoolWork(w);
    Sleep(50);
    CHECK_EQ(count_of(&blocked_done), 1, "... and finishes on its own");
    CloseHandle(release);
}

static void cleanup_group(BOOL cancel)
{
    PTP_CLEANUP_GROUP group = CreateThreadpoolCleanupGroup();
    PTP_POOL pool = CreateThreadpool(NULL);
    TP_CALLBACK_ENVIRON env;
    PTP_WORK a, b;
    PTP_TIMER t, ticker;
    PTP_WAIT waiter;
    HANDLE never = CreateEvent(NULL, TRUE, FALSE, NULL);
    FILETIME soon;
    LONG ticks;
    int i;
    REQUIRE(group != NULL && pool != NULL, "CreateThreadpoolCleanupGroup, CreateThreadpool");
    SetThreadpoolThreadMaximum(pool, 1);
    InitializeThreadpoolEnvironment(&env);
    SetThreadpoolCallbackPool(&env, pool);
    SetThreadpoolCallbackCleanupGroup(&env, group, group_cancelled);
    gate = CreateEvent(NULL, TRUE, FALSE, NULL);
    InterlockedExchange(&group_runs, 0);
    InterlockedExchange(&cancel_calls, 0);
    a = CreateThreadpoolWork(group_work, (PVOID)0x1234, &env);
    b = CreateThreadpoolWork(group_work, (PVOID)0x1234, &env);
    t = CreateThreadpoolTimer((PTP_TIMER_CALLBACK)NULL, NULL, &env);
    CHECK(t == NULL, "a NULL timer callback is refused");
    REQUIRE(a != NULL && b != NULL, "two work objects in the group");
    ticker = CreateThreadpoolTimer(group_tick, (PVOID)0x1234, &env);
    waiter = CreateThreadpoolWait(group_wait, (PVOID)0x1234, &env);
    REQUIRE(ticker != NULL && waiter != NULL, "a timer and a wait in the group");
    soon.dwLowDateTime = (DWORD)-100000; /* 10 ms from now */
    soon.dwHighDateTime = (DWORD)-1;
    SetThreadpoolTimer(ticker, &soon, 10, 0);
    SetThreadpoolWait(waiter, never, NULL);
    InterlockedExchange(&group_ticks, 0);
    InterlockedExchange(&group_waits, 0);
    for (i = 0; i < 5; i++) {
        SubmitThreadpoolWork(a);
        SubmitThreadpoolWork(b);
    }
    Sleep(100);
    open_gate_soon();
    CloseThreadpoolCleanupGroupMembers(group, cancel, (PVOID)0x5678);
    if (cancel) {
        CHECK_EQ(count_of(&group_runs), 1, "cancelling: the running callback finished, the queued ones were withdrawn");
        CHECK_EQ(count_of(&cancel_calls), 4, "... the cancel callback ran for each member with both contexts");
    } else {
        CHECK_EQ(count_of(&group_runs), 10, "without cancelling: every queued callback ran before the members closed");
        CHECK_EQ(count_of(&cancel_calls), 0, "... and no cancel callback");
    }
    i = (int)count_of(&group_runs);
    ticks = count_of(&group_ticks);
    SetEvent(never);
    Sleep(100);
    CHECK_EQ(count_of(&group_runs), i, "nothing runs after the members are closed");
    CHECK_EQ(count_of(&group_ticks), ticks, "... the group's periodic timer stopped");
    CHECK_EQ(count_of(&group_waits), 0, "... and its wait was withdrawn");
    CloseHandle(never);
    CloseThreadpoolCleanupGroup(group);
    DestroyThreadpoolEnvironment(&env);
    CloseThreadpool(pool);
    CloseHandle(gate);
}

int main(void)
{
    work_counts();
    cancel_pending();
    closes_itself();
    simple_callbacks();
    pool_grows();
    instance_calls();
    cleanup_group(TRUE);
    cleanup_group(FALSE);
    return check_done();
}

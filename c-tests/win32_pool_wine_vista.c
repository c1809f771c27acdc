/* The Vista thread pool's finer points, checked against Wine's ntdll threadpool.c tests (the
 * Tp* calls under the kernel32 names programs use). On Windows:
 *  - a one-shot pool timer stays "set" (IsThreadpoolTimerSet TRUE) after it fired, until it is
 *    set with a NULL due time; a due time of 0 (a FILETIME holding 0) fires at once;
 *  - CloseThreadpoolCleanupGroupMembers(group, TRUE, ctx) calls a member's cancel callback
 *    once per object (a work object submitted 10 times: once), on the calling thread, and
 *    before it waits for the callbacks already running (so a cancel callback may release a
 *    running one);
 *  - CallbackMayRunLong in a pool limited to one thread returns FALSE;
 *  - an environment's FinalizationCallback runs after each callback, on its thread, before
 *    the ...WhenCallbackReturns actions of that callback;
 *  - a simple callback that called DisassociateCurrentThreadFromCallback is not waited for by
 *    CloseThreadpoolCleanupGroupMembers.
 * Servers use cleanup groups to stop a listener's work, timers and waits in one call, and the
 * finalization callback to release per-callback state. */
#include <winsock2.h>
#include <windows.h>
#include <stdio.h>
#include "check.h"

static LONG count_of(volatile LONG *counter)
{
    return InterlockedCompareExchange(counter, 0, 0);
}

static VOID CALLBACK timer_fires(PTP_CALLBACK_INSTANCE inst, PVOID ctx, PTP_TIMER timer)
{
    (void)inst;
    (void)timer;
    ReleaseSemaphore((HANDLE)ctx, 1, NULL);
}

static void timer_stays_set(void)
{
    HANDLE sem = CreateSemaphore(NULL, 0, 10, NULL);
    PTP_TIMER t = CreateThreadpoolTimer(timer_fires, sem, NULL);
    FILETIME due;
    ULARGE_INTEGER rel;
    ULONGLONG start, took;
    int i, got = 0;
    REQUIRE(t != NULL, "CreateThreadpoolTimer");

    rel.QuadPart = (ULONGLONG)(-(LONGLONG)100 * 10000);
    due.dwLowDateTime = rel.LowPart;
    due.dwHighDateTime = rel.HighPart;
    SetThreadpoolTimer(t, &due, 0, 0);
    CHECK_EQ(WaitForSingleObject(sem, 5000), WAIT_OBJECT_0, "a one-shot timer fired");
    WaitForThreadpoolTimerCallbacks(t, FALSE);
    CHECK(IsThreadpoolTimerSet(t), "... and still counts as set");

    due.dwLowDateTime = 0;
    due.dwHighDateTime = 0;
    SetThreadpoolTimer(t, &due, 0, 0);
    CHECK(IsThreadpoolTimerSet(t), "due time 0: set");
    CHECK_EQ(WaitForSingleObject(sem, 5000), WAIT_OBJECT_0, "... fires at once");
    WaitForThreadpoolTimerCallbacks(t, FALSE);
    CHECK(IsThreadpoolTimerSet(t), "... and still counts as set");
    SetThreadpoolTimer(t, NULL, 0, 0);
    CHECK(!IsThreadpoolTimerSet(t), "a NULL due time unsets it");
    WaitForThreadpoolTimerCallbacks(t, TRUE);

    rel.QuadPart = (ULONGLONG)(-(LONGLONG)200 * 10000);
    due.dwLowDateTime = rel.LowPart;
    due.dwHighDateTime = rel.HighPart;
    start = GetTickCount64();
    SetThreadpoolTimer(t, &due, 200, 0);
    for (i = 0; i < 3; i++)
        if (WaitForSingleObject(sem, 5000) == WAIT_OBJECT_0)
            got++;
    took = GetTickCount64() - start;
    printf("# three periods of 200 ms took %llu ms\n", (unsigned long long)took);
    CHECK_EQ(got, 3, "a 200 ms periodic timer fired three times");
    CHECK(took >= 500, "... not before about 600 ms");
    SetThreadpoolTimer(t, NULL, 0, 0);
    WaitForThreadpoolTimerCallbacks(t, TRUE);
    CloseThreadpoolTimer(t);
    CloseHandle(sem);
}

/* The cleanup group's cancel callbacks. */
static volatile LONG cancel_calls, cancel_wrong_thread, work_runs;
static DWORD main_tid;
static HANDLE release_blocker, blocker_done;

static VOID CALLBACK never_expected(PTP_CALLBACK_INSTANCE inst, PVOID ctx)
{
    (void)inst;
    (void)ctx;
    InterlockedIncrement(&work_runs);
}

static VOID CALLBACK counted_work(PTP_CALLBACK_INSTANCE inst, PVOID ctx, PTP_WORK work)
{
    (void)inst;
    (void)ctx;
    (void)work;
    Sleep(10);
    InterlockedIncrement(&work_runs);
}

/* Releases the blocked callback: works only if it runs before the group waits for it. */
static VOID CALLBACK cancel_releases(PVOID object_ctx, PVOID cleanup_ctx)
{
    (void)object_ctx;
    (void)cleanup_ctx;
    if (GetCurrentThreadId() != main_tid)
        InterlockedIncrement(&cancel_wrong_thread);
    InterlockedIncrement(&cancel_calls);
    SetEvent(release_blocker);
}

static VOID CALLBACK cancel_counts(PVOID object_ctx, PVOID cleanup_ctx)
{
    (void)object_ctx;
    if (GetCurrentThreadId() != main_tid)
        InterlockedIncrement(&cancel_wrong_thread);
    InterlockedIncrement((volatile LONG *)cleanup_ctx);
}

static volatile LONG may_run_long_result = -1, blocker_released;
static VOID CALLBACK asks_run_long(PTP_CALLBACK_INSTANCE inst, PVOID ctx)
{
    (void)ctx;
    InterlockedExchange(&may_run_long_result, CallbackMayRunLong(inst));
    if (WaitForSingleObject(release_blocker, 5000) == WAIT_OBJECT_0)
        InterlockedIncrement(&blocker_released);
    SetEvent(blocker_done);
}

static void cleanup_group_cancel(void)
{
    PTP_POOL pool = CreateThreadpool(NULL);
    PTP_CLEANUP_GROUP group = CreateThreadpoolCleanupGroup();
    TP_CALLBACK_ENVIRON plain, grouped;
    PTP_WORK work;
    volatile LONG per_object = 0;
    DWORD r;
    int i;
    REQUIRE(pool != NULL && group != NULL, "a pool and a cleanup group");
    SetThreadpoolThreadMaximum(pool, 1);
    main_tid = GetCurrentThreadId();
    release_blocker = CreateEvent(NULL, TRUE, FALSE, NULL);
    blocker_done = CreateEvent(NULL, TRUE, FALSE, NULL);

    InitializeThreadpoolEnvironment(&plain);
    SetThreadpoolCallbackPool(&plain, pool);
    InitializeThreadpoolEnvironment(&grouped);
    SetThreadpoolCallbackPool(&grouped, pool);
    SetThreadpoolCallbackCleanupGroup(&grouped, group, cancel_releases);

    CHECK(TrySubmitThreadpoolCallback(asks_run_long, NULL, &plain), "a callback that blocks the only thread");
    CHECK(TrySubmitThreadpoolCallback(never_expected, NULL, &grouped), "a grouped callback queued behind it");
    Sleep(200);
    CloseThreadpoolCleanupGroupMembers(group, TRUE, NULL);
    r = WaitForSingleObject(blocker_done, 10000);
    CHECK_EQ(r, WAIT_OBJECT_0, "the blocking callback finished");
    CHECK_EQ(count_of(&blocker_released), 1, "... released by the cancel callback of the queued member");
    CHECK_EQ(count_of(&cancel_calls), 1, "the cancel callback ran once");
    CHECK_EQ(count_of(&work_runs), 0, "the queued grouped callback never ran");
    CHECK_EQ(count_of(&may_run_long_result), FALSE, "CallbackMayRunLong in a one-thread pool: FALSE");

    SetThreadpoolCallbackCleanupGroup(&grouped, group, cancel_counts);
    work = CreateThreadpoolWork(counted_work, NULL, &grouped);
    REQUIRE(work != NULL, "a grouped work object");
    InterlockedExchange(&work_runs, 0);
    for (i = 0; i < 10; i++)
        SubmitThreadpoolWork(work);
    CloseThreadpoolCleanupGroupMembers(group, TRUE, (PVOID)&per_object);
    printf("# %ld of 10 submissions ran\n", (long)count_of(&work_runs));
    CHECK(count_of(&work_runs) <= 8, "cancelling withdrew submissions still queued");
    CHECK_EQ(count_of(&per_object), 1, "one cancel callback for the object, not one per submission");
    CHECK_EQ(count_of(&cancel_wrong_thread), 0, "cancel callbacks ran on the thread that closed the members");

    DestroyThreadpoolEnvironment(&plain);
    DestroyThreadpoolEnvironment(&grouped);
    CloseThreadpoolCleanupGroup(group);
    CloseThreadpool(pool);
    CloseHandle(release_blocker);
    CloseHandle(blocker_done);
}

/* Finalization: runs after the callback, before its release-on-return actions. */
static volatile LONG finalized, finalized_saw_release, finalized_wrong_thread, finalized_ctx_ok;
static volatile LONG callback_tid;
static HANDLE fin_sem, fin_done;

static VOID CALLBACK releases_on_return(PTP_CALLBACK_INSTANCE inst, PVOID ctx)
{
    (void)ctx;
    InterlockedExchange(&callback_tid, (LONG)GetCurrentThreadId());
    ReleaseSemaphoreWhenCallbackReturns(inst, fin_sem, 1);
}

static VOID CALLBACK finalization(PTP_CALLBACK_INSTANCE inst, PVOID ctx)
{
    (void)inst;
    if (ctx == (PVOID)&finalized)
        InterlockedIncrement(&finalized_ctx_ok);
    if (WaitForSingleObject(fin_sem, 200) == WAIT_OBJECT_0) {
        InterlockedIncrement(&finalized_saw_release);
        ReleaseSemaphore(fin_sem, 1, NULL);
    }
    if ((LONG)GetCurrentThreadId() != count_of(&callback_tid))
        InterlockedIncrement(&finalized_wrong_thread);
    InterlockedIncrement(&finalized);
    SetEvent(fin_done);
}

static VOID CALLBACK plain_work(PTP_CALLBACK_INSTANCE inst, PVOID ctx, PTP_WORK work)
{
    (void)inst;
    (void)work;
    InterlockedExchange(&callback_tid, (LONG)GetCurrentThreadId());
    (void)ctx;
}

static void finalization_callback(void)
{
    TP_CALLBACK_ENVIRON env;
    PTP_WORK work;
    fin_sem = CreateSemaphore(NULL, 0, 10, NULL);
    fin_done = CreateEvent(NULL, FALSE, FALSE, NULL);
    InitializeThreadpoolEnvironment(&env);
    TpSetCallbackFinalizationCallback(&env, finalization);

    CHECK(TrySubmitThreadpoolCallback(releases_on_return, (PVOID)&finalized, &env), "a simple callback with finalization");
    CHECK_EQ(WaitForSingleObject(fin_done, 5000), WAIT_OBJECT_0, "the finalization callback ran");
    CHECK_EQ(WaitForSingleObject(fin_sem, 5000), WAIT_OBJECT_0, "the release-on-return happened too");
    CHECK_EQ(count_of(&finalized_saw_release), 0, "... after the finalization callback");
    CHECK_EQ(count_of(&finalized_ctx_ok), 1, "the finalization callback got the callback's context");

    work = CreateThreadpoolWork(plain_work, (PVOID)&finalized, &env);
    REQUIRE(work != NULL, "a work object with finalization");
    SubmitThreadpoolWork(work);
    WaitForThreadpoolWorkCallbacks(work, FALSE);
    SubmitThreadpoolWork(work);
    WaitForThreadpoolWorkCallbacks(work, FALSE);
    CHECK_EQ(count_of(&finalized), 3, "finalization ran after each callback, before the wait returned");
    CHECK_EQ(count_of(&finalized_wrong_thread), 0, "... on the callback's thread");
    CloseThreadpoolWork(work);
    DestroyThreadpoolEnvironment(&env);
    CloseHandle(fin_sem);
    CloseHandle(fin_done);
}

/* A simple callback that disassociates is not waited for by the cleanup group. */
static HANDLE dis_go, dis_done;
static volatile LONG dis_waited_out;
static VOID CALLBACK disassociates_then_waits(PTP_CALLBACK_INSTANCE inst, PVOID ctx)
{
    (void)ctx;
    DisassociateCurrentThreadFromCallback(inst);
    if (WaitForSingleObject(dis_go, 5000) == WAIT_OBJECT_0)
        InterlockedIncrement(&dis_waited_out);
    SetEvent(dis_done);
}

static void disassociated_simple(void)
{
    PTP_CLEANUP_GROUP group = CreateThreadpoolCleanupGroup();
    TP_CALLBACK_ENVIRON env;
    dis_go = CreateEvent(NULL, TRUE, FALSE, NULL);
    dis_done = CreateEvent(NULL, TRUE, FALSE, NULL);
    InitializeThreadpoolEnvironment(&env);
    SetThreadpoolCallbackCleanupGroup(&env, group, NULL);
    CHECK(TrySubmitThreadpoolCallback(disassociates_then_waits, NULL, &env), "a grouped simple callback");
    Sleep(100);
    CloseThreadpoolCleanupGroupMembers(group, FALSE, NULL);
    CHECK_EQ(WaitForSingleObject(dis_done, 0), WAIT_TIMEOUT, "closing the members did not wait for it");
    SetEvent(dis_go);
    CHECK_EQ(WaitForSingleObject(dis_done, 5000), WAIT_OBJECT_0, "... it finishes on its own");
    CHECK_EQ(count_of(&dis_waited_out), 1, "... having been let go");
    DestroyThreadpoolEnvironment(&env);
    CloseThreadpoolCleanupGroup(group);
    CloseHandle(dis_go);
    CloseHandle(dis_done);
}

int main(void)
{
    timer_stays_set();
    cleanup_group_cancel();
    finalization_callback();
    disassociated_simple();
    return check_done();
}

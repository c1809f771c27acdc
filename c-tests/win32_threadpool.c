/* The thread pool calls servers use for work off the accept loop and for idle timeouts:
 * QueueUserWorkItem, a periodic and a one-shot timer on timer queues (CreateTimerQueueTimer,
 * ChangeTimerQueueTimer, DeleteTimerQueueTimer with INVALID_HANDLE_VALUE or an event,
 * DeleteTimerQueueEx), and registered waits on an event (RegisterWaitForSingleObject, with
 * its timeout, and UnregisterWaitEx). Deleting a timer whose callback runs returns FALSE with
 * ERROR_IO_PENDING (with NULL or an event, which is set once the callback returned); a
 * one-shot timer that fired is not re-armed by ChangeTimerQueueTimer. */
#include <winsock2.h>
#include <windows.h>
#include <stdio.h>
#include "check.h"

static volatile LONG work_done, ticks, once_fired, waits_signalled, waits_timed_out;
static HANDLE work_event;

/* Waits (up to 5 s) until *counter reaches want: callbacks run on their own threads. */
static LONG wait_count(volatile LONG *counter, LONG want)
{
    int i;
    for (i = 0; i < 500 && *counter < want; i++)
        Sleep(10);
    return *counter;
}

static DWORD WINAPI work_item(LPVOID arg)
{
    InterlockedExchangeAdd(&work_done, (LONG)(LONG_PTR)arg);
    SetEvent(work_event);
    return 0;
}

static VOID CALLBACK tick(PVOID param, BOOLEAN fired)
{
    (void)param;
    if (fired)
        InterlockedIncrement(&ticks);
}

static VOID CALLBACK one_shot(PVOID param, BOOLEAN fired)
{
    if (fired)
        InterlockedIncrement(&once_fired);
    SetEvent((HANDLE)param);
}

static VOID CALLBACK on_wait(PVOID param, BOOLEAN timed_out)
{
    (void)param;
    if (timed_out)
        InterlockedIncrement(&waits_timed_out);
    else
        InterlockedIncrement(&waits_signalled);
}

static void test_work_item(void)
{
    work_event = CreateEvent(NULL, FALSE, FALSE, NULL);
    CHECK(QueueUserWorkItem(work_item, (PVOID)(LONG_PTR)7, WT_EXECUTEDEFAULT), "QueueUserWorkItem queues");
    CHECK_EQ(WaitForSingleObject(work_event, 5000), WAIT_OBJECT_0, "the work item runs");
    CHECK_EQ(work_done, 7, "with its context");
    CloseHandle(work_event);
}

static void test_timers(void)
{
    HANDLE queue = CreateTimerQueue(), periodic = NULL, once = NULL;
    HANDLE done = CreateEvent(NULL, TRUE, FALSE, NULL);
    HANDLE deleted = CreateEvent(NULL, TRUE, FALSE, NULL);
    LONG seen;
    REQUIRE(queue != NULL, "CreateTimerQueue");
    CHECK(CreateTimerQueueTimer(&periodic, queue, tick, NULL, 10, 20, WT_EXECUTEDEFAULT), "a periodic timer");
    CHECK(CreateTimerQueueTimer(&once, NULL, one_shot, done, 30, 0, WT_EXECUTEONLYONCE), "a one-shot timer on the default queue");
    CHECK_EQ(WaitForSingleObject(done, 5000), WAIT_OBJECT_0, "the one-shot timer fires");
    seen = wait_count(&ticks, 3);
    printf("# %ld ticks\n", (long)seen);
    CHECK(seen >= 3, "the periodic timer fires again and again");
    CHECK_EQ(once_fired, 1, "the one-shot timer fired once, with TimerOrWaitFired TRUE");
    CHECK(ChangeTimerQueueTimer(queue, periodic, 10000, 10000), "ChangeTimerQueueTimer pushes it back");
    Sleep(50);
    seen = ticks;
    Sleep(100);
    CHECK_EQ(ticks, seen, "then it does not fire meanwhile");
    CHECK(DeleteTimerQueueTimer(queue, periodic, INVALID_HANDLE_VALUE), "DeleteTimerQueueTimer waits for callbacks");
    CHECK(DeleteTimerQueueTimer(NULL, once, deleted), "deleting with an event");
    CHECK_EQ(WaitForSingleObject(deleted, 5000), WAIT_OBJECT_0, "sets the event");
    SetLastError(0);
    CHECK(!DeleteTimerQueueTimer(queue, periodic, NULL), "a deleted timer is no longer a handle");
    CHECK_EQ(GetLastError(), ERROR_INVALID_HANDLE, "ERROR_INVALID_HANDLE");
    CHECK(DeleteTimerQueueEx(queue, INVALID_HANDLE_VALUE), "DeleteTimerQueueEx");
    CloseHandle(done);
    CloseHandle(deleted);
}

/* A callback that tells it started, then holds on until released. */
struct busy {
    HANDLE entered, release;
    volatile LONG runs;
};

static VOID CALLBACK busy_callback(PVOID param, BOOLEAN fired)
{
    struct busy *b = (struct busy *)param;
    (void)fired;
    InterlockedIncrement(&b->runs);
    SetEvent(b->entered);
    WaitForSingleObject(b->release, 5000);
}

static void test_deleting_busy_timers(void)
{
    struct busy b;
    HANDLE queue = CreateTimerQueue(), timer = NULL, idle = NULL, done = CreateEvent(NULL, TRUE, FALSE, NULL);
    b.entered = CreateEvent(NULL, FALSE, FALSE, NULL);
    b.release = CreateEvent(NULL, TRUE, FALSE, NULL);
    b.runs = 0;

    CHECK(CreateTimerQueueTimer(&timer, queue, busy_callback, &b, 0, 0, WT_EXECUTEDEFAULT), "a one-shot timer");
    CHECK_EQ(WaitForSingleObject(b.entered, 5000), WAIT_OBJECT_0, "its callback runs");
    SetLastError(0);
    CHECK(!DeleteTimerQueueTimer(queue, timer, done), "deleting it with an event while the callback runs: FALSE");
    CHECK_EQ(GetLastError(), ERROR_IO_PENDING, "... ERROR_IO_PENDING");
    CHECK_EQ(WaitForSingleObject(done, 50), WAIT_TIMEOUT, "the event waits for the callback");
    SetEvent(b.release);
    CHECK_EQ(WaitForSingleObject(done, 5000), WAIT_OBJECT_0, "... and is set once it returned");

    ResetEvent(b.release);
    ResetEvent(done);
    CHECK(CreateTimerQueueTimer(&timer, queue, busy_callback, &b, 0, 0, WT_EXECUTEDEFAULT), "another one-shot timer");
    CHECK_EQ(WaitForSingleObject(b.entered, 5000), WAIT_OBJECT_0, "its callback runs");
    SetLastError(0);
    CHECK(!DeleteTimerQueueTimer(queue, timer, NULL), "deleting it with NULL while the callback runs: FALSE");
    CHECK_EQ(GetLastError(), ERROR_IO_PENDING, "... ERROR_IO_PENDING");
    SetEvent(b.release);

    CHECK(CreateTimerQueueTimer(&idle, queue, busy_callback, &b, 10000, 0, WT_EXECUTEDEFAULT), "a timer not due yet");
    SetLastError(0);
    CHECK(DeleteTimerQueueTimer(queue, idle, done), "deleting it with an event: TRUE");
    CHECK_EQ(GetLastError(), 0, "... the last error untouched");
    CHECK_EQ(WaitForSingleObject(done, 0), WAIT_OBJECT_0, "... the event already set");

    b.runs = 0;
    CHECK(CreateTimerQueueTimer(&timer, queue, busy_callback, &b, 0, 0, WT_EXECUTEDEFAULT), "a one-shot timer");
    CHECK_EQ(WaitForSingleObject(b.entered, 5000), WAIT_OBJECT_0, "fires");
    Sleep(20);
    CHECK(ChangeTimerQueueTimer(queue, timer, 10, 10), "ChangeTimerQueueTimer after it fired: TRUE");
    Sleep(200);
    CHECK_EQ(b.runs, 1, "... but a one-shot timer that fired is not updated (Microsoft documents it)");

    CHECK(DeleteTimerQueueEx(queue, INVALID_HANDLE_VALUE), "DeleteTimerQueueEx");
    CloseHandle(done);
    CloseHandle(b.entered);
    CloseHandle(b.release);
}

static void test_registered_wait(void)
{
    HANDLE ev = CreateEvent(NULL, FALSE, FALSE, NULL), wait = NULL, idle = NULL;
    HANDLE never = CreateEvent(NULL, TRUE, FALSE, NULL);
    int i;
    CHECK(RegisterWaitForSingleObject(&wait, ev, on_wait, NULL, INFINITE, WT_EXECUTEDEFAULT),
          "RegisterWaitForSingleObject on an auto-reset event");
    for (i = 0; i < 3; i++) {
        SetEvent(ev);
        wait_count(&waits_signalled, i + 1);
    }
    CHECK_EQ(waits_signalled, 3, "each SetEvent calls back with TimerOrWaitFired FALSE");
    CHECK(UnregisterWaitEx(wait, INVALID_HANDLE_VALUE), "UnregisterWaitEx");
    SetEvent(ev);
    Sleep(50);
    CHECK_EQ(waits_signalled, 3, "no callback after it");

    CHECK(RegisterWaitForSingleObject(&idle, never, on_wait, NULL, 30, WT_EXECUTEONLYONCE),
          "a one-shot registered wait with a 30 ms timeout");
    wait_count(&waits_timed_out, 1);
    Sleep(100);
    CHECK_EQ(waits_timed_out, 1, "times out once, with TimerOrWaitFired TRUE");
    CHECK(UnregisterWait(idle), "UnregisterWait");
    SetLastError(0);
    CHECK(!RegisterWaitForSingleObject(&wait, (HANDLE)(LONG_PTR)0x12345670, on_wait, NULL, 10, 0),
          "a bad object is refused");
    CHECK_EQ(GetLastError(), ERROR_INVALID_HANDLE, "with ERROR_INVALID_HANDLE");
    CloseHandle(ev);
    CloseHandle(never);
}

int main(void)
{
    test_work_item();
    test_timers();
    test_deleting_busy_timers();
    test_registered_wait();
    return check_done();
}

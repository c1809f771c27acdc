/* Timer queues the way Windows runs them, checked against Wine's kernel32 sync.c timer-queue
 * tests. Servers use CreateTimerQueueTimer for idle and keep-alive timeouts, and they change or
 * delete a timer from inside its own callback ("this connection is done, stop ticking").
 * On Windows:
 *  - a timer due at 0 with no period runs exactly once; one due at 0 with a long period runs
 *    once before the period is up; a fast period runs more often than a slow one; a timer due
 *    far in the future never runs before the queue is deleted; WT_EXECUTEONLYONCE makes a
 *    timer with a period run once;
 *  - DeleteTimerQueueEx(queue, INVALID_HANDLE_VALUE) waits for the callbacks and returns TRUE;
 *    with an event it sets the event; deleting the default queue (NULL) fails with
 *    ERROR_INVALID_HANDLE;
 *  - DeleteTimerQueueTimer with a NULL event from the timer's own callback returns FALSE with
 *    ERROR_IO_PENDING, and the timer runs no more; ChangeTimerQueueTimer from its own callback
 *    to a due time far away stops it; a one-shot timer that calls ChangeTimerQueueTimer on
 *    itself from its callback gets TRUE but still runs only once;
 *  - a one-shot timer changed to due 0 before it fired runs once;
 *  - a callback may create and synchronously delete another timer on its own queue;
 *  - the queue argument of ChangeTimerQueueTimer / DeleteTimerQueueTimer is not checked
 *    against the timer's queue: NULL and another queue both work. */
#include <winsock2.h>
#include <windows.h>
#include <stdio.h>
#include "check.h"

static LONG count_of(volatile LONG *counter)
{
    return InterlockedCompareExchange(counter, 0, 0);
}

/* Counts its calls, and how many were not reported as timer expiries. */
static volatile LONG not_timed_out;
static VOID CALLBACK counts(PVOID param, BOOLEAN timed_out)
{
    if (!timed_out)
        InterlockedIncrement(&not_timed_out);
    InterlockedIncrement((volatile LONG *)param);
}

static VOID CALLBACK sleeps(PVOID param, BOOLEAN timed_out)
{
    (void)timed_out;
    if (param)
        Sleep((DWORD)(DWORD_PTR)param);
}

/* A timer that acts on itself from its callback. The handle is stored before it can fire
 * (its first due time is later than the store), read with the Interlocked calls. */
struct self {
    HANDLE queue;
    HANDLE volatile timer;
    volatile LONG calls;
    LONG stop_at;
    volatile LONG result;   /* what the call on itself returned, -1 before */
    volatile LONG error;    /* GetLastError after it */
    volatile LONG inner_ok; /* for the create-and-delete case */
};

static void init_self(struct self *s, HANDLE queue, LONG stop_at)
{
    s->queue = queue;
    s->timer = NULL;
    s->calls = 0;
    s->stop_at = stop_at;
    s->result = -1;
    s->error = 0;
    s->inner_ok = -1;
}

static HANDLE timer_of(struct self *s)
{
    return (HANDLE)InterlockedCompareExchangePointer((PVOID volatile *)&s->timer, NULL, NULL);
}

static VOID CALLBACK deletes_itself(PVOID param, BOOLEAN timed_out)
{
    struct self *s = (struct self *)param;
    (void)timed_out;
    if (InterlockedIncrement(&s->calls) == s->stop_at) {
        SetLastError(0);
        InterlockedExchange(&s->result, DeleteTimerQueueTimer(s->queue, timer_of(s), NULL));
        InterlockedExchange(&s->error, (LONG)GetLastError());
    }
}

static VOID CALLBACK pushes_itself_back(PVOID param, BOOLEAN timed_out)
{
    struct self *s = (struct self *)param;
    (void)timed_out;
    if (InterlockedIncrement(&s->calls) == s->stop_at)
        InterlockedExchange(&s->result, ChangeTimerQueueTimer(s->queue, timer_of(s), 60000, 0));
}

static VOID CALLBACK one_shot_rearms(PVOID param, BOOLEAN timed_out)
{
    struct self *s = (struct self *)param;
    (void)timed_out;
    InterlockedIncrement(&s->calls);
    InterlockedExchange(&s->result, ChangeTimerQueueTimer(s->queue, timer_of(s), 20, 20));
}

static VOID CALLBACK deletes_itself_and_another(PVOID param, BOOLEAN timed_out)
{
    struct self *s = (struct self *)param;
    HANDLE other = NULL;
    volatile LONG other_runs = 0;
    (void)timed_out;
    if (InterlockedIncrement(&s->calls) != 1)
        return;
    SetLastError(0);
    InterlockedExchange(&s->result, DeleteTimerQueueTimer(s->queue, timer_of(s), NULL));
    InterlockedExchange(&s->error, (LONG)GetLastError());
    /* a timer that would come due before this one's next period, removed at once */
    if (CreateTimerQueueTimer(&other, s->queue, counts, (PVOID)&other_runs, 50, 0, WT_EXECUTEDEFAULT) &&
        DeleteTimerQueueTimer(s->queue, other, INVALID_HANDLE_VALUE))
        InterlockedExchange(&s->inner_ok, 1);
    else
        InterlockedExchange(&s->inner_ok, 0);
    /* stay in the callback past this timer's period */
    Sleep(400);
}

static void store_timer(struct self *s, HANDLE t)
{
    InterlockedExchangePointer((PVOID volatile *)&s->timer, t);
}

static void mixed_timers(void)
{
    HANDLE q = CreateTimerQueue(), once = NULL, slow = NULL, fast = NULL, late = NULL, long_period = NULL;
    HANDLE only_once = NULL;
    volatile LONG n_once = 0, n_slow = 0, n_fast = 0, n_late = 0, n_long = 0, n_only_once = 0;
    REQUIRE(q != NULL, "CreateTimerQueue");
    CHECK(CreateTimerQueueTimer(&once, q, counts, (PVOID)&n_once, 0, 0, WT_EXECUTEDEFAULT), "due 0, no period");
    CHECK(CreateTimerQueueTimer(&slow, q, counts, (PVOID)&n_slow, 0, 200, WT_EXECUTEDEFAULT), "due 0, period 200 ms");
    CHECK(CreateTimerQueueTimer(&fast, q, counts, (PVOID)&n_fast, 0, 10, WT_EXECUTEDEFAULT), "due 0, period 10 ms");
    CHECK(CreateTimerQueueTimer(&late, q, counts, (PVOID)&n_late, 60000, 10, WT_EXECUTEDEFAULT), "due in a minute");
    CHECK(CreateTimerQueueTimer(&long_period, q, counts, (PVOID)&n_long, 0, 60000, WT_EXECUTEDEFAULT),
          "due 0, period a minute");
    CHECK(CreateTimerQueueTimer(&only_once, q, counts, (PVOID)&n_only_once, 0, 10, WT_EXECUTEONLYONCE),
          "due 0, period 10 ms, WT_EXECUTEONLYONCE");
    CHECK(once != NULL && slow != NULL && fast != NULL && late != NULL && long_period != NULL, "each timer has a handle");
    Sleep(700);
    CHECK(DeleteTimerQueueTimer(q, once, INVALID_HANDLE_VALUE), "deleting the fired one-shot timer, waiting: TRUE");
    CHECK(DeleteTimerQueueTimer(q, slow, INVALID_HANDLE_VALUE), "deleting a periodic timer, waiting: TRUE");
    CHECK(DeleteTimerQueueEx(q, INVALID_HANDLE_VALUE), "DeleteTimerQueueEx waiting for the rest: TRUE");
    printf("# once %ld slow %ld fast %ld late %ld long %ld\n", (long)count_of(&n_once), (long)count_of(&n_slow),
           (long)count_of(&n_fast), (long)count_of(&n_late), (long)count_of(&n_long));
    CHECK_EQ(count_of(&n_once), 1, "due 0 and no period: ran exactly once");
    CHECK(count_of(&n_slow) >= 1, "the slow periodic timer ran");
    CHECK(count_of(&n_slow) < count_of(&n_fast), "the 10 ms timer ran more often than the 200 ms one");
    CHECK_EQ(count_of(&n_late), 0, "the timer due in a minute never ran");
    CHECK_EQ(count_of(&n_long), 1, "due 0 with a one-minute period: ran once");
    CHECK_EQ(count_of(&n_only_once), 1, "WT_EXECUTEONLYONCE: ran once despite its 10 ms period");
    CHECK_EQ(count_of(&not_timed_out), 0, "every timer callback had TimerOrWaitFired TRUE");
}

static void deleting_queues(void)
{
    HANDLE q = CreateTimerQueue(), t1 = NULL, t2 = NULL, t3 = NULL, t4 = NULL;
    HANDLE e = CreateEvent(NULL, TRUE, FALSE, NULL), et1 = CreateEvent(NULL, TRUE, FALSE, NULL),
           et2 = CreateEvent(NULL, TRUE, FALSE, NULL);
    BOOL ret;
    REQUIRE(q != NULL, "CreateTimerQueue");
    SetLastError(0);
    ret = DeleteTimerQueueEx(q, NULL);
    CHECK(ret || GetLastError() == ERROR_IO_PENDING, "DeleteTimerQueueEx(NULL) on an empty queue: TRUE (or pending)");

    q = CreateTimerQueue();
    REQUIRE(q != NULL, "CreateTimerQueue");
    CHECK(CreateTimerQueueTimer(&t1, q, sleeps, NULL, 0, 0, WT_EXECUTEDEFAULT), "a quick one-shot");
    CHECK(CreateTimerQueueTimer(&t2, q, sleeps, (PVOID)(DWORD_PTR)1500, 0, 0, WT_EXECUTEDEFAULT), "a slow one-shot");
    CHECK(CreateTimerQueueTimer(&t3, q, sleeps, NULL, 0, 0, WT_EXECUTEDEFAULT), "another quick one-shot");
    CHECK(CreateTimerQueueTimer(&t4, q, sleeps, (PVOID)(DWORD_PTR)1500, 0, 0, WT_EXECUTEDEFAULT), "another slow one");
    Sleep(400);
    SetLastError(0);
    ret = DeleteTimerQueueTimer(q, t1, NULL);
    CHECK(ret || GetLastError() == ERROR_IO_PENDING, "deleting a finished timer with NULL: TRUE (or pending)");
    SetLastError(0);
    CHECK(!DeleteTimerQueueTimer(q, t2, NULL), "deleting a timer still in its callback with NULL: FALSE");
    CHECK_EQ(GetLastError(), ERROR_IO_PENDING, "... ERROR_IO_PENDING");
    SetLastError(0);
    CHECK(DeleteTimerQueueTimer(q, t3, et1), "deleting a finished timer with an event: TRUE");
    CHECK_EQ(GetLastError(), 0, "... the last error untouched");
    CHECK_EQ(WaitForSingleObject(et1, 5000), WAIT_OBJECT_0, "... its event is set");
    SetLastError(0);
    CHECK(!DeleteTimerQueueTimer(q, t4, et2), "deleting a timer in its callback with an event: FALSE");
    CHECK_EQ(GetLastError(), ERROR_IO_PENDING, "... ERROR_IO_PENDING");
    CHECK_EQ(WaitForSingleObject(et2, 5000), WAIT_OBJECT_0, "... its event is set once the callback returned");
    SetLastError(0);
    ret = DeleteTimerQueueEx(q, e);
    CHECK(ret || GetLastError() == ERROR_IO_PENDING, "DeleteTimerQueueEx with an event: TRUE (or pending)");
    CHECK_EQ(WaitForSingleObject(e, 5000), WAIT_OBJECT_0, "... the event is set once the queue is gone");

    SetLastError(0);
    CHECK(!DeleteTimerQueueEx(NULL, NULL), "the default queue cannot be deleted");
    CHECK_EQ(GetLastError(), ERROR_INVALID_HANDLE, "... ERROR_INVALID_HANDLE");
    CloseHandle(e);
    CloseHandle(et1);
    CloseHandle(et2);
}

static void acting_on_itself(void)
{
    HANDLE q = CreateTimerQueue(), t = NULL;
    volatile LONG n_changed = 0;
    struct self del, push, rearm;
    LONG seen;
    REQUIRE(q != NULL, "CreateTimerQueue");

    CHECK(CreateTimerQueueTimer(&t, q, counts, (PVOID)&n_changed, 60000, 0, WT_EXECUTEDEFAULT), "a one-shot due in a minute");
    CHECK(ChangeTimerQueueTimer(q, t, 0, 0), "changed to due 0 before it fired: TRUE");

    init_self(&del, q, 3);
    CHECK(CreateTimerQueueTimer(&t, q, deletes_itself, &del, 100, 10, WT_EXECUTEDEFAULT), "a periodic timer that deletes itself");
    store_timer(&del, t);
    init_self(&push, q, 4);
    CHECK(CreateTimerQueueTimer(&t, q, pushes_itself_back, &push, 100, 10, WT_EXECUTEDEFAULT),
          "a periodic timer that pushes itself back");
    store_timer(&push, t);
    init_self(&rearm, q, 0);
    CHECK(CreateTimerQueueTimer(&t, q, one_shot_rearms, &rearm, 100, 0, WT_EXECUTEDEFAULT), "a one-shot that re-arms itself");
    store_timer(&rearm, t);

    Sleep(700);
    seen = count_of(&del.calls);
    Sleep(200);
    CHECK_EQ(count_of(&del.calls), seen, "the self-deleted timer is quiet");
    CHECK(DeleteTimerQueueEx(q, INVALID_HANDLE_VALUE), "DeleteTimerQueueEx");
    CHECK_EQ(count_of(&n_changed), 1, "the one-shot changed to due 0 ran once");
    CHECK_EQ(count_of(&del.calls), 3, "a timer deleting itself on its 3rd call ran 3 times");
    CHECK_EQ(count_of(&del.result), FALSE, "... DeleteTimerQueueTimer(NULL) from its callback: FALSE");
    CHECK_EQ(count_of(&del.error), ERROR_IO_PENDING, "... ERROR_IO_PENDING");
    CHECK_EQ(count_of(&push.calls), 4, "a timer pushing itself a minute back on its 4th call ran 4 times");
    CHECK_EQ(count_of(&push.result), TRUE, "... ChangeTimerQueueTimer from its callback: TRUE");
    CHECK_EQ(count_of(&rearm.calls), 1, "a one-shot timer changing itself from its callback still ran once");
    CHECK_EQ(count_of(&rearm.result), TRUE, "... ChangeTimerQueueTimer returned TRUE");
}

static void delete_then_insert(void)
{
    HANDLE q = CreateTimerQueue(), t = NULL;
    struct self s;
    BOOL ret;
    REQUIRE(q != NULL, "CreateTimerQueue");
    init_self(&s, q, 1);
    CHECK(CreateTimerQueueTimer(&t, q, deletes_itself_and_another, &s, 100, 100, WT_EXECUTELONGFUNCTION),
          "a periodic timer with WT_EXECUTELONGFUNCTION");
    store_timer(&s, t);
    Sleep(900);
    SetLastError(0);
    ret = DeleteTimerQueueEx(q, INVALID_HANDLE_VALUE);
    CHECK(ret, "DeleteTimerQueueEx");
    CHECK_EQ(count_of(&s.calls), 1, "a timer deleted from its own callback never ran again");
    CHECK_EQ(count_of(&s.result), FALSE, "... its DeleteTimerQueueTimer(NULL) said FALSE");
    CHECK_EQ(count_of(&s.error), ERROR_IO_PENDING, "... ERROR_IO_PENDING");
    CHECK_EQ(count_of(&s.inner_ok), 1, "a callback created and deleted (waiting) another timer on its queue");
}

static void default_queue(void)
{
    HANDLE q, t1 = NULL, t2 = NULL;
    volatile LONG n1 = 0, n2 = 0;
    CHECK(CreateTimerQueueTimer(&t1, NULL, counts, (PVOID)&n1, 1000, 1000, WT_EXECUTEDEFAULT), "a timer on the default queue");
    CHECK(ChangeTimerQueueTimer(NULL, t1, 2000, 2000), "changed through the default queue");
    CHECK(DeleteTimerQueueTimer(NULL, t1, INVALID_HANDLE_VALUE), "deleted through the default queue");

    q = CreateTimerQueue();
    REQUIRE(q != NULL, "CreateTimerQueue");
    CHECK(CreateTimerQueueTimer(&t1, q, counts, (PVOID)&n1, 1000, 1000, WT_EXECUTEDEFAULT), "a timer on a queue");
    CHECK(CreateTimerQueueTimer(&t2, NULL, counts, (PVOID)&n2, 1000, 1000, WT_EXECUTEDEFAULT), "one on the default queue");
    CHECK(ChangeTimerQueueTimer(NULL, t1, 2000, 2000), "the queue's timer changed naming the default queue");
    CHECK(ChangeTimerQueueTimer(q, t2, 2000, 2000), "the default queue's timer changed naming the other queue");
    CHECK(DeleteTimerQueueTimer(NULL, t1, INVALID_HANDLE_VALUE), "deleted naming the default queue");
    CHECK(DeleteTimerQueueTimer(q, t2, INVALID_HANDLE_VALUE), "deleted naming the other queue");
    CHECK(DeleteTimerQueueEx(q, INVALID_HANDLE_VALUE), "DeleteTimerQueueEx");
    CHECK_EQ(count_of(&n1) + count_of(&n2), 0, "neither came due");
}

int main(void)
{
    mixed_timers();
    deleting_queues();
    acting_on_itself();
    delete_then_insert();
    default_queue();
    return check_done();
}

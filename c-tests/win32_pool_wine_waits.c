/* Registered waits the way Windows runs them, checked against Wine's kernel32 thread.c and
 * ntdll threadpool.c registered-wait tests. A server registers a wait on a socket event or a
 * child process and expects:
 *  - each release of a semaphore calls back once with TimerOrWaitFired FALSE and takes that
 *    count; with WT_EXECUTEONLYONCE only the first one, and a later release stays in the
 *    semaphore (nobody consumes it);
 *  - a finite timeout with nothing signalled calls back with TimerOrWaitFired TRUE, again
 *    after each timeout unless WT_EXECUTEONLYONCE; a timeout
 *    of 0 with WT_EXECUTEONLYONCE calls back at once, with TRUE;
 *  - a wait unregistered before anything happened never calls back; UnregisterWaitEx with an
 *    event sets that event (also for a one-shot wait that already ran);
 *  - UnregisterWait / UnregisterWaitEx(NULL) while the callback runs: FALSE, ERROR_IO_PENDING;
 *    with INVALID_HANDLE_VALUE it waits for the callback and returns TRUE; with an event it
 *    returns FALSE, ERROR_IO_PENDING and sets the event when the callback returned;
 *  - UnregisterWait(NULL) fails with ERROR_INVALID_HANDLE;
 *  - the wait handle is stored before the callback can run, even on an object already
 *    signalled, so the callback may read it;
 *  - WT_EXECUTEINWAITTHREAD waits call back too.
 * Callbacks record into globals; the main thread checks after waiting. */
#include <winsock2.h>
#include <windows.h>
#include <stdio.h>
#include "check.h"

static LONG count_of(volatile LONG *counter)
{
    return InterlockedCompareExchange(counter, 0, 0);
}

struct info {
    HANDLE called;   /* semaphore: released each time the callback starts */
    HANDLE hold;     /* if set: the callback waits on it (up to 5 s) before it returns */
    HANDLE finished; /* semaphore: released when the callback returns (if set) */
    volatile LONG signalled, timed_out;
};

static void init_info(struct info *i, HANDLE called)
{
    i->called = called;
    i->hold = NULL;
    i->finished = NULL;
    i->signalled = 0;
    i->timed_out = 0;
}

static VOID CALLBACK on_wait(PVOID param, BOOLEAN timed_out)
{
    struct info *i = (struct info *)param;
    InterlockedIncrement(timed_out ? &i->timed_out : &i->signalled);
    ReleaseSemaphore(i->called, 1, NULL);
    if (i->hold)
        WaitForSingleObject(i->hold, 5000);
    if (i->finished)
        ReleaseSemaphore(i->finished, 1, NULL);
}

static void semaphores(void)
{
    HANDLE called = CreateSemaphore(NULL, 0, 10, NULL), sem = CreateSemaphore(NULL, 0, 10, NULL), wait = NULL;
    struct info i;
    init_info(&i, called);

    CHECK(RegisterWaitForSingleObject(&wait, sem, on_wait, &i, INFINITE, WT_EXECUTEDEFAULT), "a wait on a semaphore");
    CHECK(wait != NULL, "... gives a handle");
    CHECK(UnregisterWait(wait), "unregistered before anything happened: TRUE");
    CHECK_EQ(count_of(&i.signalled) + count_of(&i.timed_out), 0, "... and no callback");

    CHECK(RegisterWaitForSingleObject(&wait, sem, on_wait, &i, INFINITE, WT_EXECUTEDEFAULT), "a wait on a semaphore");
    ReleaseSemaphore(sem, 1, NULL);
    CHECK_EQ(WaitForSingleObject(called, 5000), WAIT_OBJECT_0, "a release calls back");
    ReleaseSemaphore(sem, 1, NULL);
    CHECK_EQ(WaitForSingleObject(called, 5000), WAIT_OBJECT_0, "a second release calls back again");
    CHECK_EQ(count_of(&i.signalled), 2, "... twice, TimerOrWaitFired FALSE");
    CHECK_EQ(WaitForSingleObject(sem, 0), WAIT_TIMEOUT, "... each call took its count");
    CHECK(UnregisterWaitEx(wait, INVALID_HANDLE_VALUE), "UnregisterWaitEx waiting");

    init_info(&i, called);
    CHECK(RegisterWaitForSingleObject(&wait, sem, on_wait, &i, INFINITE, WT_EXECUTEONLYONCE), "a one-shot wait on it");
    ReleaseSemaphore(sem, 1, NULL);
    CHECK_EQ(WaitForSingleObject(called, 5000), WAIT_OBJECT_0, "a release calls back");
    ReleaseSemaphore(sem, 1, NULL);
    CHECK_EQ(WaitForSingleObject(called, 300), WAIT_TIMEOUT, "a second release: no second call");
    CHECK_EQ(count_of(&i.signalled), 1, "... once in all");
    CHECK_EQ(WaitForSingleObject(sem, 0), WAIT_OBJECT_0, "... the second count stayed in the semaphore");
    CHECK(UnregisterWait(wait), "UnregisterWait after it ran: TRUE");
    CloseHandle(called);
    CloseHandle(sem);
}

static void timeouts(void)
{
    HANDLE called = CreateSemaphore(NULL, 0, 10, NULL), sem = CreateSemaphore(NULL, 0, 10, NULL), wait = NULL;
    HANDLE ev = CreateEvent(NULL, TRUE, FALSE, NULL);
    struct info i;
    init_info(&i, called);

    CHECK(RegisterWaitForSingleObject(&wait, sem, on_wait, &i, 300, WT_EXECUTEDEFAULT), "a wait with a 300 ms timeout");
    CHECK_EQ(WaitForSingleObject(called, 5000), WAIT_OBJECT_0, "nothing released: it calls back");
    CHECK_EQ(WaitForSingleObject(called, 5000), WAIT_OBJECT_0, "... and again after another timeout");
    CHECK(count_of(&i.timed_out) >= 2, "... TimerOrWaitFired TRUE each time");
    CHECK_EQ(count_of(&i.signalled), 0, "... not as signalled");
    CHECK(UnregisterWaitEx(wait, INVALID_HANDLE_VALUE), "UnregisterWaitEx waiting");
    while (WaitForSingleObject(called, 0) == WAIT_OBJECT_0)
        ; /* a third timeout may have come before the unregistering */

    init_info(&i, called);
    CHECK(RegisterWaitForSingleObject(&wait, sem, on_wait, &i, 0, WT_EXECUTEONLYONCE), "a one-shot wait with timeout 0");
    CHECK_EQ(WaitForSingleObject(called, 5000), WAIT_OBJECT_0, "calls back at once");
    Sleep(100);
    CHECK_EQ(count_of(&i.timed_out), 1, "... once, TimerOrWaitFired TRUE");
    CHECK(UnregisterWaitEx(wait, ev), "UnregisterWaitEx with an event after it ran: TRUE");
    CHECK_EQ(WaitForSingleObject(ev, 5000), WAIT_OBJECT_0, "... the event is set");

    ResetEvent(ev);
    init_info(&i, called);
    CHECK(RegisterWaitForSingleObject(&wait, sem, on_wait, &i, INFINITE, WT_EXECUTEDEFAULT), "a wait");
    CHECK(UnregisterWaitEx(wait, ev), "UnregisterWaitEx with an event before anything happened: TRUE");
    CHECK_EQ(WaitForSingleObject(ev, 5000), WAIT_OBJECT_0, "... the event is set");
    CHECK_EQ(count_of(&i.signalled) + count_of(&i.timed_out), 0, "... no callback");

    SetLastError(0);
    CHECK(!UnregisterWait(NULL), "UnregisterWait(NULL) fails");
    CHECK_EQ(GetLastError(), ERROR_INVALID_HANDLE, "... ERROR_INVALID_HANDLE");
    CloseHandle(called);
    CloseHandle(sem);
    CloseHandle(ev);
}

static void while_running(void)
{
    HANDLE called = CreateSemaphore(NULL, 0, 10, NULL), finished = CreateSemaphore(NULL, 0, 10, NULL);
    HANDLE sem = CreateSemaphore(NULL, 0, 10, NULL), hold = CreateSemaphore(NULL, 0, 10, NULL);
    HANDLE ev = CreateEvent(NULL, TRUE, FALSE, NULL), wait = NULL;
    struct info i;

    init_info(&i, called);
    i.hold = hold;
    i.finished = finished;
    CHECK(RegisterWaitForSingleObject(&wait, sem, on_wait, &i, INFINITE, WT_EXECUTEONLYONCE), "a one-shot wait");
    ReleaseSemaphore(sem, 1, NULL);
    CHECK_EQ(WaitForSingleObject(called, 5000), WAIT_OBJECT_0, "its callback runs");
    SetLastError(0);
    CHECK(!UnregisterWait(wait), "UnregisterWait while it runs: FALSE");
    CHECK_EQ(GetLastError(), ERROR_IO_PENDING, "... ERROR_IO_PENDING");
    ReleaseSemaphore(hold, 1, NULL);
    CHECK_EQ(WaitForSingleObject(finished, 5000), WAIT_OBJECT_0, "the callback still finishes");

    CHECK(RegisterWaitForSingleObject(&wait, sem, on_wait, &i, INFINITE, WT_EXECUTEONLYONCE), "a one-shot wait");
    ReleaseSemaphore(sem, 1, NULL);
    CHECK_EQ(WaitForSingleObject(called, 5000), WAIT_OBJECT_0, "its callback runs");
    SetLastError(0);
    CHECK(!UnregisterWaitEx(wait, ev), "UnregisterWaitEx with an event while it runs: FALSE");
    CHECK_EQ(GetLastError(), ERROR_IO_PENDING, "... ERROR_IO_PENDING");
    CHECK_EQ(WaitForSingleObject(ev, 200), WAIT_TIMEOUT, "... the event waits for the callback");
    ReleaseSemaphore(hold, 1, NULL);
    CHECK_EQ(WaitForSingleObject(ev, 5000), WAIT_OBJECT_0, "... and is set when it returned");
    CHECK_EQ(WaitForSingleObject(finished, 0), WAIT_OBJECT_0, "... after the callback finished");

    i.hold = NULL;
    CHECK(RegisterWaitForSingleObject(&wait, sem, on_wait, &i, INFINITE, WT_EXECUTEONLYONCE), "a one-shot wait");
    ReleaseSemaphore(sem, 1, NULL);
    CHECK_EQ(WaitForSingleObject(called, 5000), WAIT_OBJECT_0, "its callback runs");
    CHECK(UnregisterWaitEx(wait, INVALID_HANDLE_VALUE), "UnregisterWaitEx(INVALID_HANDLE_VALUE): TRUE");
    CHECK_EQ(WaitForSingleObject(finished, 0), WAIT_OBJECT_0, "... once the callback returned");
    CloseHandle(called);
    CloseHandle(finished);
    CloseHandle(sem);
    CloseHandle(hold);
    CloseHandle(ev);
}

/* The callback reads the wait handle the register call stored. */
struct seen {
    HANDLE volatile wait;
    volatile LONG saw_handle;
    HANDLE done;
};

static VOID CALLBACK reads_handle(PVOID param, BOOLEAN timed_out)
{
    struct seen *s = (struct seen *)param;
    (void)timed_out;
    if (InterlockedCompareExchangePointer((PVOID volatile *)&s->wait, NULL, NULL) != INVALID_HANDLE_VALUE)
        InterlockedIncrement(&s->saw_handle);
    SetEvent(s->done);
}

static void handle_before_callback(void)
{
    HANDLE ev = CreateEvent(NULL, TRUE, TRUE, NULL);
    struct seen s;
    int n, ok = 0;
    s.saw_handle = 0;
    s.done = CreateEvent(NULL, FALSE, FALSE, NULL);
    for (n = 0; n < 50; n++) {
        HANDLE w = INVALID_HANDLE_VALUE;
        s.wait = INVALID_HANDLE_VALUE;
        if (!RegisterWaitForSingleObject((PHANDLE)&s.wait, ev, reads_handle, &s, INFINITE,
                                         WT_EXECUTEONLYONCE | WT_EXECUTEINWAITTHREAD))
            break;
        if (WaitForSingleObject(s.done, 5000) != WAIT_OBJECT_0)
            break;
        w = (HANDLE)InterlockedCompareExchangePointer((PVOID volatile *)&s.wait, NULL, NULL);
        if (!UnregisterWaitEx(w, INVALID_HANDLE_VALUE))
            break;
        ok++;
    }
    CHECK_EQ(ok, 50, "50 one-shot WT_EXECUTEINWAITTHREAD waits on a set event called back");
    CHECK_EQ(count_of(&s.saw_handle), 50, "... each callback already saw its wait handle");
    CloseHandle(ev);
    CloseHandle(s.done);
}

int main(void)
{
    semaphores();
    timeouts();
    while_running();
    handle_before_callback();
    return check_done();
}

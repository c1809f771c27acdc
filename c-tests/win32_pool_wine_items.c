/* Work items and pool waits the way Windows runs them, checked against Wine's ntdll
 * threadpool.c and kernel32 thread.c tests. On Windows:
 *  - QueueUserWorkItem accepts WT_EXECUTEDEFAULT, WT_EXECUTEINIOTHREAD,
 *    WT_EXECUTEINPERSISTENTTHREAD, WT_EXECUTELONGFUNCTION and WT_TRANSFER_IMPERSONATION, and
 *    each item runs; 100 items queued at once all run;
 *  - SetThreadpoolWait with a timeout of 0 on an object not signalled calls back at once with
 *    WAIT_TIMEOUT; INVALID_HANDLE_VALUE (the current process, never signalled while it runs)
 *    can be waited on that way; arming a wait again replaces its earlier arming (the earlier
 *    object's signal is not taken); an absolute due time works as a timeout;
 *  - two waits armed on one semaphore: one release calls back one of them (and is taken), two
 *    releases call back both;
 *  - many waits, each on its own semaphore, each call back for their own object;
 *  - a WT_EXECUTEONLYONCE | WT_EXECUTEINWAITTHREAD registered wait may unregister itself from
 *    its callback: UnregisterWait returns TRUE there; WT_EXECUTEINWAITTHREAD callbacks run one
 *    at a time (on the wait thread their waits share).
 * Servers queue a work item per accepted connection and arm a pool wait per socket event. */
#include <winsock2.h>
#include <windows.h>
#include <stdio.h>
#include "check.h"

static LONG count_of(volatile LONG *counter)
{
    return InterlockedCompareExchange(counter, 0, 0);
}

static volatile LONG items_run;
static DWORD WINAPI work_item(LPVOID arg)
{
    InterlockedIncrement(&items_run);
    ReleaseSemaphore((HANDLE)arg, 1, NULL);
    return 0;
}

static void work_item_flags(void)
{
    static const ULONG flags[] = {WT_EXECUTEDEFAULT, WT_EXECUTEINIOTHREAD, WT_EXECUTEINPERSISTENTTHREAD,
                                  WT_EXECUTELONGFUNCTION, WT_TRANSFER_IMPERSONATION};
    HANDLE sem = CreateSemaphore(NULL, 0, 200, NULL);
    unsigned i;
    int ran = 0, queued = 0;
    for (i = 0; i < sizeof(flags) / sizeof(flags[0]); i++) {
        if (QueueUserWorkItem(work_item, sem, flags[i]))
            queued++;
        if (WaitForSingleObject(sem, 5000) == WAIT_OBJECT_0)
            ran++;
    }
    CHECK_EQ(queued, 5, "QueueUserWorkItem accepts each WT_ flag");
    CHECK_EQ(ran, 5, "... and each item ran");

    InterlockedExchange(&items_run, 0);
    for (i = 0, queued = 0; i < 100; i++)
        if (QueueUserWorkItem(work_item, sem, WT_EXECUTEDEFAULT))
            queued++;
    for (i = 0, ran = 0; i < 100; i++)
        if (WaitForSingleObject(sem, 10000) == WAIT_OBJECT_0)
            ran++;
    CHECK_EQ(queued, 100, "100 work items queued at once");
    CHECK_EQ(ran, 100, "... all ran");
    CHECK_EQ(count_of(&items_run), 100, "... once each");
    CloseHandle(sem);
}

struct wait_info {
    HANDLE called;
    volatile LONG signalled, timed_out;
};

static VOID CALLBACK on_pool_wait(PTP_CALLBACK_INSTANCE inst, PVOID ctx, PTP_WAIT wait, TP_WAIT_RESULT result)
{
    struct wait_info *w = (struct wait_info *)ctx;
    (void)inst;
    (void)wait;
    if (result == WAIT_OBJECT_0)
        InterlockedIncrement(&w->signalled);
    else if (result == WAIT_TIMEOUT)
        InterlockedIncrement(&w->timed_out);
    ReleaseSemaphore(w->called, 1, NULL);
}

static FILETIME relative_ms(LONGLONG ms)
{
    ULARGE_INTEGER v;
    FILETIME ft;
    v.QuadPart = (ULONGLONG)(-ms * 10000);
    ft.dwLowDateTime = v.LowPart;
    ft.dwHighDateTime = v.HighPart;
    return ft;
}

static void pool_waits(void)
{
    struct wait_info w;
    HANDLE sem = CreateSemaphore(NULL, 0, 10, NULL);
    PTP_WAIT w1, w2;
    FILETIME when;
    ULARGE_INTEGER abs_time;
    w.called = CreateSemaphore(NULL, 0, 10, NULL);
    w.signalled = w.timed_out = 0;
    w1 = CreateThreadpoolWait(on_pool_wait, &w, NULL);
    w2 = CreateThreadpoolWait(on_pool_wait, &w, NULL);
    REQUIRE(w1 != NULL && w2 != NULL, "CreateThreadpoolWait");

    when.dwLowDateTime = when.dwHighDateTime = 0;
    SetThreadpoolWait(w1, sem, &when);
    CHECK_EQ(WaitForSingleObject(w.called, 5000), WAIT_OBJECT_0, "timeout 0 on an unsignalled semaphore calls back");
    CHECK_EQ(count_of(&w.timed_out), 1, "... with WAIT_TIMEOUT");

    SetThreadpoolWait(w1, INVALID_HANDLE_VALUE, &when);
    CHECK_EQ(WaitForSingleObject(w.called, 5000), WAIT_OBJECT_0, "INVALID_HANDLE_VALUE with timeout 0 calls back");
    CHECK_EQ(count_of(&w.timed_out), 2, "... with WAIT_TIMEOUT (the process is not signalled)");

    when = relative_ms(250);
    SetThreadpoolWait(w1, sem, &when);
    CHECK_EQ(WaitForSingleObject(w.called, 100), WAIT_TIMEOUT, "a wait with 250 ms left has not called back");
    when.dwLowDateTime = when.dwHighDateTime = 0;
    SetThreadpoolWait(w1, INVALID_HANDLE_VALUE, &when);
    Sleep(50);
    ReleaseSemaphore(sem, 1, NULL);
    CHECK_EQ(WaitForSingleObject(w.called, 5000), WAIT_OBJECT_0, "re-armed on another object: it calls back");
    Sleep(300);
    CHECK_EQ(count_of(&w.timed_out), 3, "... once, for the new arming, with WAIT_TIMEOUT");
    CHECK_EQ(count_of(&w.signalled), 0, "... the earlier arming is gone");
    CHECK_EQ(WaitForSingleObject(sem, 0), WAIT_OBJECT_0, "... and did not take the semaphore's count");

    GetSystemTimeAsFileTime(&when);
    abs_time.LowPart = when.dwLowDateTime;
    abs_time.HighPart = when.dwHighDateTime;
    abs_time.QuadPart += (ULONGLONG)200 * 10000;
    when.dwLowDateTime = abs_time.LowPart;
    when.dwHighDateTime = abs_time.HighPart;
    SetThreadpoolWait(w1, sem, &when);
    CHECK_EQ(WaitForSingleObject(w.called, 100), WAIT_TIMEOUT, "an absolute timeout 200 ms ahead: not yet");
    CHECK_EQ(WaitForSingleObject(w.called, 5000), WAIT_OBJECT_0, "... then it calls back");
    CHECK_EQ(count_of(&w.timed_out), 4, "... with WAIT_TIMEOUT");

    SetThreadpoolWait(w1, sem, NULL);
    SetThreadpoolWait(w2, sem, NULL);
    Sleep(50);
    ReleaseSemaphore(sem, 1, NULL);
    CHECK_EQ(WaitForSingleObject(w.called, 5000), WAIT_OBJECT_0, "two waits on one semaphore, one release: a callback");
    CHECK_EQ(WaitForSingleObject(w.called, 300), WAIT_TIMEOUT, "... only one");
    CHECK_EQ(count_of(&w.signalled), 1, "... with WAIT_OBJECT_0");
    CHECK_EQ(WaitForSingleObject(sem, 0), WAIT_TIMEOUT, "... the count was taken");
    SetThreadpoolWait(w1, sem, NULL);
    SetThreadpoolWait(w2, sem, NULL);
    Sleep(50);
    ReleaseSemaphore(sem, 2, NULL);
    CHECK_EQ(WaitForSingleObject(w.called, 5000), WAIT_OBJECT_0, "two releases: a callback");
    CHECK_EQ(WaitForSingleObject(w.called, 5000), WAIT_OBJECT_0, "... and another");
    CHECK_EQ(count_of(&w.signalled), 3, "... both WAIT_OBJECT_0");
    CHECK_EQ(WaitForSingleObject(sem, 0), WAIT_TIMEOUT, "... both counts taken");

    SetThreadpoolWait(w1, NULL, NULL);
    SetThreadpoolWait(w2, NULL, NULL);
    WaitForThreadpoolWaitCallbacks(w1, TRUE);
    WaitForThreadpoolWaitCallbacks(w2, TRUE);
    CloseThreadpoolWait(w1);
    CloseThreadpoolWait(w2);
    CloseHandle(w.called);
    CloseHandle(sem);
}

#define MANY 48
static volatile LONG which = -1, many_other;
static HANDLE many_called;
static VOID CALLBACK many_cb(PTP_CALLBACK_INSTANCE inst, PVOID ctx, PTP_WAIT wait, TP_WAIT_RESULT result)
{
    (void)inst;
    (void)wait;
    if (result == WAIT_OBJECT_0)
        InterlockedExchange(&which, (LONG)(LONG_PTR)ctx);
    else
        InterlockedIncrement(&many_other);
    ReleaseSemaphore(many_called, 1, NULL);
}

static void many_waits(void)
{
    HANDLE sems[MANY];
    PTP_WAIT waits[MANY];
    int i, right = 0, pass;
    many_called = CreateSemaphore(NULL, 0, MANY, NULL);
    for (i = 0; i < MANY; i++) {
        sems[i] = CreateSemaphore(NULL, 0, 1, NULL);
        waits[i] = CreateThreadpoolWait(many_cb, (PVOID)(LONG_PTR)i, NULL);
        REQUIRE(sems[i] != NULL && waits[i] != NULL, "a semaphore and a wait");
        SetThreadpoolWait(waits[i], sems[i], NULL);
    }
    for (pass = 0; pass < 2; pass++) {
        for (i = 0; i < MANY; i++) {
            int k = pass ? MANY - 1 - i : i;
            InterlockedExchange(&which, -1);
            ReleaseSemaphore(sems[k], 1, NULL);
            if (WaitForSingleObject(many_called, 5000) == WAIT_OBJECT_0 && count_of(&which) == k)
                right++;
            SetThreadpoolWait(waits[k], sems[k], NULL);
        }
    }
    CHECK_EQ(right, 2 * MANY, "each of 48 waits called back for its own semaphore, in order and reversed");
    CHECK_EQ(count_of(&many_other), 0, "... never with another result");
    for (i = 0; i < MANY; i++) {
        SetThreadpoolWait(waits[i], NULL, NULL);
        WaitForThreadpoolWaitCallbacks(waits[i], TRUE);
        CloseThreadpoolWait(waits[i]);
        CloseHandle(sems[i]);
    }
    CloseHandle(many_called);
}

/* A one-shot wait-thread callback that unregisters its own wait. */
struct self_unregister {
    HANDLE volatile wait;
    HANDLE done;
    volatile LONG result;
};

static VOID CALLBACK unregisters_itself(PVOID param, BOOLEAN timed_out)
{
    struct self_unregister *s = (struct self_unregister *)param;
    (void)timed_out;
    InterlockedExchange(&s->result,
                        UnregisterWait(InterlockedCompareExchangePointer((PVOID volatile *)&s->wait, NULL, NULL)));
    SetEvent(s->done);
}

static void unregister_from_callback(void)
{
    HANDLE ev = CreateEvent(NULL, TRUE, TRUE, NULL);
    struct self_unregister s;
    int n, ok = 0;
    s.done = CreateEvent(NULL, FALSE, FALSE, NULL);
    for (n = 0; n < 10; n++) {
        s.result = -1;
        if (!RegisterWaitForSingleObject((PHANDLE)&s.wait, ev, unregisters_itself, &s, INFINITE,
                                         WT_EXECUTEONLYONCE | WT_EXECUTEINWAITTHREAD))
            break;
        if (WaitForSingleObject(s.done, 5000) != WAIT_OBJECT_0)
            break;
        if (count_of(&s.result) == TRUE)
            ok++;
    }
    CHECK_EQ(ok, 10, "UnregisterWait from its own WT_EXECUTEINWAITTHREAD callback: TRUE");
    Sleep(50);
    CloseHandle(ev);
    CloseHandle(s.done);
}

/* Two WT_EXECUTEINWAITTHREAD waits: while the first one's callback runs, the second one's
 * object is signalled; its callback cannot run until the first returns. */
static HANDLE serial_trigger, serial_reply, serial_done;
static volatile LONG serial_reply_seen = -1;
static VOID CALLBACK replies(PVOID param, BOOLEAN timed_out)
{
    (void)param;
    (void)timed_out;
    SetEvent(serial_reply);
}

static VOID CALLBACK triggers_and_waits(PVOID param, BOOLEAN timed_out)
{
    (void)param;
    (void)timed_out;
    SetEvent(serial_trigger);
    InterlockedExchange(&serial_reply_seen, (LONG)WaitForSingleObject(serial_reply, 300));
    SetEvent(serial_done);
}

static void wait_thread_serial(void)
{
    HANDLE set = CreateEvent(NULL, TRUE, TRUE, NULL), w1 = NULL, w2 = NULL;
    serial_trigger = CreateEvent(NULL, FALSE, FALSE, NULL);
    serial_reply = CreateEvent(NULL, FALSE, FALSE, NULL);
    serial_done = CreateEvent(NULL, FALSE, FALSE, NULL);
    CHECK(RegisterWaitForSingleObject(&w2, serial_trigger, replies, NULL, INFINITE,
                                      WT_EXECUTEONLYONCE | WT_EXECUTEINWAITTHREAD),
          "a wait-thread wait on a trigger");
    CHECK(RegisterWaitForSingleObject(&w1, set, triggers_and_waits, NULL, INFINITE,
                                      WT_EXECUTEONLYONCE | WT_EXECUTEINWAITTHREAD),
          "a wait-thread wait on a set event");
    CHECK_EQ(WaitForSingleObject(serial_done, 5000), WAIT_OBJECT_0, "the first callback ran");
    CHECK_EQ(count_of(&serial_reply_seen), WAIT_TIMEOUT,
             "... the other wait-thread callback did not run while it did");
    CHECK_EQ(WaitForSingleObject(serial_reply, 5000), WAIT_OBJECT_0, "... it ran once the first returned");
    CHECK(UnregisterWaitEx(w1, INVALID_HANDLE_VALUE), "UnregisterWaitEx");
    CHECK(UnregisterWaitEx(w2, INVALID_HANDLE_VALUE), "UnregisterWaitEx");
    CloseHandle(set);
    CloseHandle(serial_trigger);
    CloseHandle(serial_reply);
    CloseHandle(serial_done);
}

int main(void)
{
    work_item_flags();
    pool_waits();
    many_waits();
    unregister_from_callback();
    wait_thread_serial();
    return check_done();
}

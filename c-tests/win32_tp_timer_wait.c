/* The Vista thread pool's timers and waits, as servers use them for idle timeouts and for
 * work triggered by an event: a one-shot timer with a relative due time fires once, after it;
 * a periodic timer keeps firing until SetThreadpoolTimer(NULL) stops it; IsThreadpoolTimerSet
 * follows; an absolute due time in the past fires at once; a timer closed from its own
 * callback. A wait object calls back with WAIT_OBJECT_0 when its event is set (taking an
 * auto-reset event's signal), once per SetThreadpoolWait, and with WAIT_TIMEOUT when its
 * timeout passes first; SetThreadpoolWait(NULL) withdraws it; a wait re-armed from its own
 * callback. */
#include <winsock2.h>
#include <windows.h>
#include <stdio.h>
#include "check.h"

static volatile LONG one_shot_runs, periodic_runs, past_runs, self_close_runs;

/* Counters other threads update with the Interlocked functions are read the same way. */
static LONG count_of(volatile LONG *counter)
{
    return InterlockedCompareExchange(counter, 0, 0);
}
static volatile LONG wait_ok, wait_timeouts, wait_other;
static HANDLE fired;

/* Waits (up to 5 s) until *counter reaches want. */
static LONG wait_count(volatile LONG *counter, LONG want)
{
    int i;
    for (i = 0; i < 500 && count_of(counter) < want; i++)
        Sleep(10);
    return count_of(counter);
}

static VOID CALLBACK one_shot(PTP_CALLBACK_INSTANCE inst, PVOID ctx, PTP_TIMER timer)
{
    (void)inst;
    (void)timer;
    InterlockedIncrement((volatile LONG *)ctx);
    SetEvent(fired);
}

static VOID CALLBACK closes_itself(PTP_CALLBACK_INSTANCE inst, PVOID ctx, PTP_TIMER timer)
{
    (void)inst;
    (void)ctx;
    InterlockedIncrement(&self_close_runs);
    CloseThreadpoolTimer(timer);
}

static VOID CALLBACK on_wait(PTP_CALLBACK_INSTANCE inst, PVOID ctx, PTP_WAIT wait, TP_WAIT_RESULT result)
{
    (void)inst;
    (void)wait;
    (void)ctx;
    if (result == WAIT_OBJECT_0)
        InterlockedIncrement(&wait_ok);
    else if (result == WAIT_TIMEOUT)
        InterlockedIncrement(&wait_timeouts);
    else
        InterlockedIncrement(&wait_other);
    SetEvent(fired);
}

/* Re-arms itself from its own callback, as servers do for an event that fires again and again. */
static volatile LONG rearmed_runs;
static HANDLE rearm_event, rearm_done;
static VOID CALLBACK rearms(PTP_CALLBACK_INSTANCE inst, PVOID ctx, PTP_WAIT wait, TP_WAIT_RESULT result)
{
    (void)inst;
    (void)ctx;
    if (result == WAIT_OBJECT_0 && InterlockedIncrement(&rearmed_runs) < 5)
        SetThreadpoolWait(wait, rearm_event, NULL);
    SetEvent(rearm_done);
}

/* A relative due time of ms milliseconds, as a FILETIME (negative, in 100 ns units). */
static FILETIME relative_ms(LONGLONG ms)
{
    ULARGE_INTEGER due;
    FILETIME ft;
    due.QuadPart = (ULONGLONG)(-ms * 10000);
    ft.dwLowDateTime = due.LowPart;
    ft.dwHighDateTime = due.HighPart;
    return ft;
}

static void timers(void)
{
    FILETIME due;
    ULONGLONG start, took;
    PTP_TIMER t = CreateThreadpoolTimer(one_shot, (PVOID)&one_shot_runs, NULL);
    REQUIRE(t != NULL, "CreateThreadpoolTimer");
    CHECK(!IsThreadpoolTimerSet(t), "a new timer is not set");
    due = relative_ms(100);
    start = GetTickCount64();
    SetThreadpoolTimer(t, &due, 0, 0);
    CHECK(IsThreadpoolTimerSet(t), "SetThreadpoolTimer sets it");
    CHECK_EQ(WaitForSingleObject(fired, 5000), WAIT_OBJECT_0, "the one-shot timer fired");
    took = GetTickCount64() - start;
    CHECK(took >= 90, "... not before its 100 ms");
    Sleep(300);
    CHECK_EQ(count_of(&one_shot_runs), 1, "... once");
    WaitForThreadpoolTimerCallbacks(t, FALSE);
    CloseThreadpoolTimer(t);

    t = CreateThreadpoolTimer(one_shot, (PVOID)&periodic_runs, NULL);
    due = relative_ms(10);
    SetThreadpoolTimer(t, &due, 20, 0);
    CHECK(wait_count(&periodic_runs, 5) >= 5, "a periodic timer fires again and again");
    SetThreadpoolTimer(t, NULL, 0, 0);
    CHECK(!IsThreadpoolTimerSet(t), "SetThreadpoolTimer(NULL) stops it");
    WaitForThreadpoolTimerCallbacks(t, TRUE);
    {
        LONG after = count_of(&periodic_runs);
        Sleep(200);
        CHECK_EQ(count_of(&periodic_runs), after, "... and it fires no more");
    }
    CloseThreadpoolTimer(t);

    t = CreateThreadpoolTimer(one_shot, (PVOID)&past_runs, NULL);
    GetSystemTimeAsFileTime(&due);
    due.dwHighDateTime -= 1; /* about 7 minutes ago */
    SetThreadpoolTimer(t, &due, 0, 0);
    CHECK(wait_count(&past_runs, 1) == 1, "an absolute due time already past fires at once");
    WaitForThreadpoolTimerCallbacks(t, FALSE);
    CloseThreadpoolTimer(t);

    t = CreateThreadpoolTimer(one_shot, (PVOID)&one_shot_runs, NULL);
    due = relative_ms(10000);
    SetThreadpoolTimer(t, &due, 0, 0);
    CloseThreadpoolTimer(t); /* closed while set: it never fires */

    /* A period longer than a callback's start can be late on a loaded machine: a second
     * firing queued before the first callback ran would still run (queued callbacks finish). */
    t = CreateThreadpoolTimer(closes_itself, NULL, NULL);
    due = relative_ms(10);
    SetThreadpoolTimer(t, &due, 100, 0);
    Sleep(400);
    CHECK_EQ(count_of(&self_close_runs), 1, "a periodic timer closed by its own callback fires no more");
    CHECK_EQ(count_of(&one_shot_runs), 1, "a timer closed while set never fired");
}

static void waits(void)
{
    HANDLE ev = CreateEvent(NULL, FALSE, FALSE, NULL);
    PTP_WAIT w = CreateThreadpoolWait(on_wait, NULL, NULL);
    FILETIME timeout;
    REQUIRE(w != NULL, "CreateThreadpoolWait");
    ResetEvent(fired);

    SetThreadpoolWait(w, ev, NULL);
    Sleep(50);
    CHECK_EQ(count_of(&wait_ok) + count_of(&wait_timeouts), 0, "an armed wait does not call back before its event is set");
    SetEvent(ev);
    CHECK_EQ(WaitForSingleObject(fired, 5000), WAIT_OBJECT_0, "setting the event calls back");
    CHECK_EQ(count_of(&wait_ok), 1, "... with WAIT_OBJECT_0");
    CHECK_EQ(WaitForSingleObject(ev, 0), WAIT_TIMEOUT, "... having taken the auto-reset event's signal");
    SetEvent(ev);
    Sleep(100);
    CHECK_EQ(count_of(&wait_ok), 1, "a wait calls back once per SetThreadpoolWait");
    ResetEvent(ev);

    timeout = relative_ms(100);
    SetThreadpoolWait(w, ev, &timeout);
    CHECK_EQ(WaitForSingleObject(fired, 5000), WAIT_OBJECT_0, "an event never set: the wait calls back");
    CHECK_EQ(count_of(&wait_timeouts), 1, "... with WAIT_TIMEOUT");

    SetThreadpoolWait(w, ev, NULL);
    SetThreadpoolWait(w, NULL, NULL);
    SetEvent(ev);
    Sleep(100);
    CHECK_EQ(count_of(&wait_ok), 1, "SetThreadpoolWait(NULL) withdrew the wait");
    CHECK_EQ(WaitForSingleObject(ev, 0), WAIT_OBJECT_0, "... and the event kept its signal");
    SetEvent(ev); /* the check above took it */

    SetThreadpoolWait(w, ev, NULL);
    CHECK_EQ(WaitForSingleObject(fired, 5000), WAIT_OBJECT_0, "a wait armed on a set event calls back at once");
    WaitForThreadpoolWaitCallbacks(w, FALSE);
    CHECK_EQ(count_of(&wait_ok), 2, "... with WAIT_OBJECT_0");
    CHECK_EQ(count_of(&wait_other), 0, "no other result was reported");
    SetThreadpoolWait(w, ev, NULL);
    CloseThreadpoolWait(w); /* closed while armed */
    CloseHandle(ev);

    {
        int i, answered = 0;
        rearm_event = CreateEvent(NULL, FALSE, FALSE, NULL);
        rearm_done = CreateEvent(NULL, FALSE, FALSE, NULL);
        w = CreateThreadpoolWait(rearms, NULL, NULL);
        SetThreadpoolWait(w, rearm_event, NULL);
        for (i = 0; i < 6; i++) {
            SetEvent(rearm_event);
            if (WaitForSingleObject(rearm_done, 1000) == WAIT_OBJECT_0)
                answered++;
        }
        CHECK_EQ(answered, 5, "a wait re-armed from its own callback answered each signal, until it stopped re-arming");
        CHECK_EQ(count_of(&rearmed_runs), 5, "... once each");
        WaitForThreadpoolWaitCallbacks(w, FALSE);
        CloseThreadpoolWait(w);
        CloseHandle(rearm_event);
        CloseHandle(rearm_done);
    }
}

int main(void)
{
    fired = CreateEvent(NULL, FALSE, FALSE, NULL);
    timers();
    waits();
    CloseHandle(fired);
    return check_done();
}

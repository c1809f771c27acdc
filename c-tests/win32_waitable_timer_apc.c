/* Waitable timers with completion routines, as a Windows program uses them: the routine is
 * queued to the thread that set the timer and runs only in its alertable waits
 * (SleepEx(INFINITE, TRUE) returns WAIT_IO_COMPLETION), with its argument and the FILETIME of
 * the expiry; a non-alertable wait sees the timer signalled but runs nothing; a periodic timer
 * runs its routine once per alertable wait; cancelling the timer withdraws a routine still
 * queued; setting a timer from a worker thread runs the routine on that worker. */
#include <winsock2.h>
#include <windows.h>
#include "check.h"

struct ticks {
    int calls;
    ULONGLONG last; /* the FILETIME the routine was given */
    DWORD thread;
};

static VOID CALLBACK on_timer(LPVOID arg, DWORD low, DWORD high)
{
    struct ticks *t = (struct ticks *)arg;
    t->calls++;
    t->last = ((ULONGLONG)high << 32) | low;
    t->thread = GetCurrentThreadId();
}

static ULONGLONG filetime_now(void)
{
    FILETIME ft;
    GetSystemTimeAsFileTime(&ft);
    return ((ULONGLONG)ft.dwHighDateTime << 32) | ft.dwLowDateTime;
}

static void test_routine_runs_in_alertable_wait(void)
{
    struct ticks t = {0, 0, 0};
    HANDLE timer = CreateWaitableTimer(NULL, TRUE, NULL);
    LARGE_INTEGER due;
    ULONGLONG before, after;
    REQUIRE(timer != NULL, "a timer");
    due.QuadPart = -20 * 10000LL;
    before = filetime_now();
    CHECK_EQ(SetWaitableTimer(timer, &due, 0, on_timer, &t, FALSE), TRUE, "SetWaitableTimer with a completion routine");
    CHECK_EQ(WaitForSingleObject(timer, 5000), WAIT_OBJECT_0, "the timer is signalled when due");
    CHECK_EQ(t.calls, 0, "... and a non-alertable wait ran no routine");
    CHECK_EQ(SleepEx(INFINITE, TRUE), WAIT_IO_COMPLETION, "SleepEx(INFINITE, TRUE) runs the routine: WAIT_IO_COMPLETION");
    after = filetime_now();
    CHECK_EQ(t.calls, 1, "... once");
    CHECK(t.last >= before + 20 * 10000ULL - 10000 && t.last <= after, "... with the FILETIME of the expiry (low, high)");
    CHECK_EQ(t.thread, GetCurrentThreadId(), "... on the thread that set the timer");
    CHECK_EQ(SleepEx(30, TRUE), 0, "a one-shot timer queues no second routine");
    CHECK_EQ(t.calls, 1, "... the count stays 1");
    CloseHandle(timer);
}

static void test_periodic_routine(void)
{
    struct ticks t = {0, 0, 0};
    HANDLE timer = CreateWaitableTimer(NULL, FALSE, NULL);
    LARGE_INTEGER due;
    ULONGLONG t0 = GetTickCount64(), previous = 0;
    int i, increasing = 1;
    due.QuadPart = -10 * 10000LL;
    CHECK_EQ(SetWaitableTimer(timer, &due, 10, on_timer, &t, FALSE), TRUE, "a periodic timer (10 ms) with a routine");
    for (i = 0; i < 4; i++) {
        if (SleepEx(5000, TRUE) != WAIT_IO_COMPLETION)
            break;
        if (t.last <= previous)
            increasing = 0;
        previous = t.last;
    }
    CHECK_EQ(t.calls, 4, "four alertable sleeps ran the routine four times");
    CHECK(increasing, "... with later and later expiry times");
    CHECK(GetTickCount64() - t0 >= 40, "... no sooner than four periods");
    CHECK_EQ(CancelWaitableTimer(timer), TRUE, "CancelWaitableTimer");
    CHECK_EQ(SleepEx(40, TRUE), 0, "after it no routine runs");
    CloseHandle(timer);
}

static void test_cancel_withdraws_queued_routine(void)
{
    struct ticks t = {0, 0, 0};
    HANDLE timer = CreateWaitableTimer(NULL, TRUE, NULL);
    LARGE_INTEGER due;
    due.QuadPart = -1;
    CHECK_EQ(SetWaitableTimer(timer, &due, 0, on_timer, &t, FALSE), TRUE, "a timer with a routine, due at once");
    CHECK_EQ(WaitForSingleObject(timer, 5000), WAIT_OBJECT_0, "it is signalled (its routine queued)");
    CHECK_EQ(CancelWaitableTimer(timer), TRUE, "CancelWaitableTimer");
    CHECK_EQ(SleepEx(0, TRUE), 0, "... withdrew the queued routine: SleepEx(0, TRUE) runs nothing");
    CHECK_EQ(t.calls, 0, "... the routine never ran");
    CHECK_EQ(WaitForSingleObject(timer, 0), WAIT_OBJECT_0, "the timer is still signalled");

    due.QuadPart = -1;
    CHECK_EQ(SetWaitableTimer(timer, &due, 0, on_timer, &t, FALSE), TRUE, "set again, due at once");
    CHECK_EQ(WaitForSingleObject(timer, 5000), WAIT_OBJECT_0, "signalled again");
    due.QuadPart = -60000 * 10000LL;
    CHECK_EQ(SetWaitableTimer(timer, &due, 0, on_timer, &t, FALSE), TRUE, "setting it again before the routine ran");
    CHECK_EQ(SleepEx(0, TRUE), 0, "... withdrew that routine too");
    CHECK_EQ(t.calls, 0, "... which never ran");
    CloseHandle(timer);
}

static struct ticks worker_ticks;
static DWORD worker_result;

static DWORD WINAPI worker(LPVOID param)
{
    HANDLE timer = (HANDLE)param;
    LARGE_INTEGER due;
    due.QuadPart = -10 * 10000LL;
    if (!SetWaitableTimer(timer, &due, 0, on_timer, &worker_ticks, FALSE))
        return 1;
    worker_result = SleepEx(5000, TRUE);
    return 0;
}

static void test_routine_runs_on_the_setting_thread(void)
{
    HANDLE timer = CreateWaitableTimer(NULL, FALSE, NULL);
    HANDLE th;
    REQUIRE(timer != NULL, "a timer");
    th = CreateThread(NULL, 0, worker, timer, 0, NULL);
    CHECK_EQ(WaitForSingleObject(th, 10000), WAIT_OBJECT_0, "a worker sets the timer and sleeps alertably");
    CHECK_EQ(worker_result, WAIT_IO_COMPLETION, "... its SleepEx returned WAIT_IO_COMPLETION");
    CHECK_EQ(worker_ticks.calls, 1, "... the routine ran once");
    CHECK_EQ(worker_ticks.thread, GetThreadId(th), "... on the worker, the thread that set the timer");
    CHECK_EQ(SleepEx(0, TRUE), 0, "nothing was queued to the main thread");
    CloseHandle(th);
    CloseHandle(timer);
}

int main(void)
{
    test_routine_runs_in_alertable_wait();
    test_periodic_routine();
    test_cancel_withdraws_queued_routine();
    test_routine_runs_on_the_setting_thread();
    return check_done();
}

/* PulseEvent and SignalObjectAndWait as a Windows program uses them: a pulse releases the
 * threads waiting on a manual-reset event (at most one per pulse for an auto-reset event) and
 * leaves the event not signalled, with or without waiters; SignalObjectAndWait hands a turn
 * between two threads (ping-pong over two auto-reset events), signals semaphores and mutexes,
 * times out, runs APCs when alertable, and fails with Windows' error codes. */
#include <winsock2.h>
#include <windows.h>
#include "check.h"

#define WAITERS 3

static HANDLE pulsed;
static volatile LONG ready;

static DWORD WINAPI wait_for_pulse(LPVOID param)
{
    (void)param;
    InterlockedIncrement(&ready);
    return WaitForSingleObject(pulsed, 20000);
}

static void start_waiters(HANDLE *threads, int n)
{
    int i;
    ready = 0;
    for (i = 0; i < n; i++)
        threads[i] = CreateThread(NULL, 0, wait_for_pulse, NULL, 0, NULL);
    while (InterlockedCompareExchange(&ready, 0, 0) < n)
        Sleep(1);
}

static int count_ended(HANDLE *threads, int n)
{
    int i, ended = 0;
    for (i = 0; i < n; i++)
        if (WaitForSingleObject(threads[i], 0) == WAIT_OBJECT_0)
            ended++;
    return ended;
}

static void test_pulse_without_waiters(void)
{
    HANDLE manual = CreateEvent(NULL, TRUE, TRUE, NULL), automatic = CreateEvent(NULL, FALSE, TRUE, NULL);
    REQUIRE(manual && automatic, "two signalled events");
    CHECK_EQ(PulseEvent(manual), TRUE, "PulseEvent on a manual-reset event nobody waits on");
    CHECK_EQ(WaitForSingleObject(manual, 0), WAIT_TIMEOUT, "... leaves it not signalled");
    CHECK_EQ(PulseEvent(manual), TRUE, "PulseEvent on a non-signalled event");
    CHECK_EQ(WaitForSingleObject(manual, 0), WAIT_TIMEOUT, "... leaves it not signalled");
    CHECK_EQ(PulseEvent(automatic), TRUE, "PulseEvent on an auto-reset event nobody waits on");
    CHECK_EQ(WaitForSingleObject(automatic, 0), WAIT_TIMEOUT, "... leaves it not signalled");
    CloseHandle(manual);
    CloseHandle(automatic);
}

static void test_pulse_manual_releases_all(void)
{
    HANDLE threads[WAITERS];
    DWORD code;
    int pulses = 0, reset_each_time = 1, i, all_object_0 = 1;
    pulsed = CreateEvent(NULL, TRUE, FALSE, NULL);
    start_waiters(threads, WAITERS);
    /* A thread counted as ready may not be in its wait yet: pulse until all have been
     * released (usually one pulse does it). */
    while (pulses < 200) {
        CHECK_EQ(PulseEvent(pulsed), TRUE, "PulseEvent with threads waiting");
        pulses++;
        if (WaitForSingleObject(pulsed, 0) != WAIT_TIMEOUT)
            reset_each_time = 0;
        if (WaitForMultipleObjects(WAITERS, threads, TRUE, 50) == WAIT_OBJECT_0)
            break;
    }
    CHECK_EQ(count_ended(threads, WAITERS), WAITERS, "pulses released every waiter of a manual-reset event");
    CHECK(reset_each_time, "... and each pulse left the event not signalled");
    for (i = 0; i < WAITERS; i++) {
        if (!GetExitCodeThread(threads[i], &code) || code != WAIT_OBJECT_0)
            all_object_0 = 0;
        CloseHandle(threads[i]);
    }
    CHECK(all_object_0, "... whose waits returned WAIT_OBJECT_0");
    CloseHandle(pulsed);
}

static void test_pulse_auto_releases_one(void)
{
    HANDLE threads[2];
    int pulses = 0, never_more = 1, ended = 0;
    pulsed = CreateEvent(NULL, FALSE, FALSE, NULL);
    start_waiters(threads, 2);
    while (ended < 2 && pulses < 200) {
        HANDLE still[2];
        int n = 0, i;
        for (i = 0; i < 2; i++)
            if (WaitForSingleObject(threads[i], 0) != WAIT_OBJECT_0)
                still[n++] = threads[i];
        PulseEvent(pulsed);
        pulses++;
        WaitForMultipleObjects(n, still, FALSE, 50); /* a waiter released by this pulse ends */
        ended = count_ended(threads, 2);
        if (ended > pulses)
            never_more = 0;
    }
    CHECK_EQ(ended, 2, "pulses of an auto-reset event released both waiters");
    CHECK(never_more, "... never more than one per pulse");
    CHECK(pulses >= 2, "... so it took two pulses at least");
    CHECK_EQ(WaitForSingleObject(pulsed, 0), WAIT_TIMEOUT, "the event is left not signalled");
    CloseHandle(threads[0]);
    CloseHandle(threads[1]);
    CloseHandle(pulsed);
}

#define ROUNDS 50

static HANDLE ping, pong;
static volatile LONG turn; /* even: main's turn, odd: the worker's */
static volatile LONG out_of_turn;

static DWORD WINAPI ponger(LPVOID param)
{
    int i;
    (void)param;
    if (WaitForSingleObject(ping, 10000) != WAIT_OBJECT_0)
        return 1;
    for (i = 0; i < ROUNDS; i++) {
        if (turn % 2 != 1)
            out_of_turn++;
        turn++;
        if (i == ROUNDS - 1)
            return SetEvent(pong) ? 0 : 2;
        if (SignalObjectAndWait(pong, ping, 10000, FALSE) != WAIT_OBJECT_0)
            return 3;
    }
    return 0;
}

static void test_signal_and_wait_ping_pong(void)
{
    HANDLE th;
    DWORD code = 99;
    int i, ok = 1;
    ping = CreateEvent(NULL, FALSE, FALSE, NULL);
    pong = CreateEvent(NULL, FALSE, FALSE, NULL);
    th = CreateThread(NULL, 0, ponger, NULL, 0, NULL);
    for (i = 0; i < ROUNDS; i++) {
        if (turn % 2 != 0)
            out_of_turn++;
        turn++;
        if (SignalObjectAndWait(ping, pong, 10000, FALSE) != WAIT_OBJECT_0)
            ok = 0;
    }
    CHECK(ok, "SignalObjectAndWait(ping, pong) returned WAIT_OBJECT_0 every round");
    CHECK_EQ(WaitForSingleObject(th, 10000), WAIT_OBJECT_0, "the other thread ends");
    CHECK(GetExitCodeThread(th, &code) && code == 0, "... its SignalObjectAndWait(pong, ping) calls all returned WAIT_OBJECT_0");
    CHECK_EQ(turn, 2 * ROUNDS, "the two threads took 100 turns");
    CHECK_EQ(out_of_turn, 0, "... strictly alternating");
    CloseHandle(th);
    CloseHandle(ping);
    CloseHandle(pong);
}

static HANDLE shared_mutex;

static DWORD WINAPI take_mutex(LPVOID param)
{
    DWORD r;
    (void)param;
    r = WaitForSingleObject(shared_mutex, 5000);
    if (r == WAIT_OBJECT_0)
        ReleaseMutex(shared_mutex);
    return r;
}

static ULONG_PTR apc_data;

static VOID CALLBACK note_apc(ULONG_PTR data)
{
    apc_data = data;
}

static void test_signal_and_wait_rules(void)
{
    HANDLE sem = CreateSemaphore(NULL, 0, 1, NULL), ev = CreateEvent(NULL, TRUE, FALSE, NULL);
    HANDLE never = CreateEvent(NULL, TRUE, FALSE, NULL), th;
    ULONGLONG t0;
    DWORD code = 99;
    REQUIRE(sem && ev && never, "a semaphore and two events");

    CHECK_EQ(SignalObjectAndWait(sem, sem, 0, FALSE), WAIT_OBJECT_0, "signalling a semaphore, then waiting on it, takes the count back");
    CHECK_EQ(WaitForSingleObject(sem, 0), WAIT_TIMEOUT, "... its count is 0 again");
    CHECK_EQ(ReleaseSemaphore(sem, 1, NULL), TRUE, "the semaphore at its maximum");
    CHECK_EQ(SignalObjectAndWait(sem, ev, 0, FALSE), WAIT_FAILED, "SignalObjectAndWait on a full semaphore fails");
    CHECK_EQ(GetLastError(), ERROR_TOO_MANY_POSTS, "... ERROR_TOO_MANY_POSTS");

    t0 = GetTickCount64();
    CHECK_EQ(SignalObjectAndWait(ev, never, 30, FALSE), WAIT_TIMEOUT, "signal an event, wait 30 ms on another: WAIT_TIMEOUT");
    CHECK(GetTickCount64() - t0 >= 30, "... after the full timeout");
    CHECK_EQ(WaitForSingleObject(ev, 0), WAIT_OBJECT_0, "... the first event was signalled");

    ResetEvent(ev);
    QueueUserAPC(note_apc, GetCurrentThread(), 42);
    CHECK_EQ(SignalObjectAndWait(ev, never, INFINITE, TRUE), WAIT_IO_COMPLETION, "an alertable SignalObjectAndWait runs a queued APC: WAIT_IO_COMPLETION");
    CHECK_EQ(apc_data, 42, "... the APC ran");
    CHECK_EQ(WaitForSingleObject(ev, 0), WAIT_OBJECT_0, "... after the event was signalled");
    CHECK_EQ(SignalObjectAndWait(ev, never, 0, FALSE), WAIT_TIMEOUT, "signalling an event already set is fine");

    shared_mutex = CreateMutex(NULL, TRUE, NULL);
    CHECK_EQ(SignalObjectAndWait(shared_mutex, never, 0, FALSE), WAIT_TIMEOUT, "SignalObjectAndWait releases a mutex the caller owns");
    th = CreateThread(NULL, 0, take_mutex, NULL, 0, NULL);
    CHECK_EQ(WaitForSingleObject(th, 10000), WAIT_OBJECT_0, "another thread");
    CHECK(GetExitCodeThread(th, &code) && code == WAIT_OBJECT_0, "... could take the released mutex");
    CloseHandle(th);
    CHECK_EQ(SignalObjectAndWait(shared_mutex, never, 0, FALSE), WAIT_FAILED, "releasing a mutex the caller does not own fails");
    CHECK_EQ(GetLastError(), ERROR_NOT_OWNER, "... ERROR_NOT_OWNER");

    ResetEvent(ev);
    CHECK_EQ(SignalObjectAndWait(ev, NULL, 0, FALSE), WAIT_FAILED, "a bad handle to wait on fails");
    CHECK_EQ(GetLastError(), ERROR_INVALID_HANDLE, "... ERROR_INVALID_HANDLE");
    CHECK_EQ(WaitForSingleObject(ev, 0), WAIT_TIMEOUT, "... before anything was signalled");
    CHECK_EQ(SignalObjectAndWait(NULL, ev, 0, FALSE), WAIT_FAILED, "a bad handle to signal fails");
    CHECK_EQ(GetLastError(), ERROR_INVALID_HANDLE, "... ERROR_INVALID_HANDLE");
    CHECK_EQ(PulseEvent(shared_mutex), FALSE, "PulseEvent on a mutex fails");
    CHECK_EQ(GetLastError(), ERROR_INVALID_HANDLE, "... ERROR_INVALID_HANDLE");
    CHECK_EQ(PulseEvent(NULL), FALSE, "PulseEvent(NULL) fails");
    CHECK_EQ(GetLastError(), ERROR_INVALID_HANDLE, "... ERROR_INVALID_HANDLE");

    CloseHandle(shared_mutex);
    CloseHandle(sem);
    CloseHandle(ev);
    CloseHandle(never);
}

int main(void)
{
    test_pulse_without_waiters();
    test_pulse_manual_releases_all();
    test_pulse_auto_releases_one();
    test_signal_and_wait_ping_pong();
    test_signal_and_wait_rules();
    return check_done();
}

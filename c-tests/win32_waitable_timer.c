/* Waitable timers as a Windows program uses them: a manual-reset (notification) timer stays
 * signalled until it is set again, setting it resets it, CancelWaitableTimer leaves the state
 * alone; a synchronization timer releases one waiter per expiry; an absolute due time in the
 * past signals at once; a periodic timer drives a UDP heartbeat sender through
 * WaitForMultipleObjects on the timer and a WSAEVENT; timers in WSAWaitForMultipleEvents,
 * MsgWaitForMultipleObjects and wait-all; names; bad handles and arguments. */
#include <winsock2.h>
#include <windows.h>
#include "check.h"

static LARGE_INTEGER relative_ms(LONGLONG ms)
{
    LARGE_INTEGER due;
    due.QuadPart = -ms * 10000; /* negative: relative, in 100 ns units */
    return due;
}

static void test_manual_reset(void)
{
    HANDLE t;
    LARGE_INTEGER due;
    ULONGLONG t0, waited;
    SetLastError(0xdead);
    t = CreateWaitableTimer(NULL, TRUE, NULL);
    REQUIRE(t != NULL, "CreateWaitableTimer(NULL, TRUE, NULL) makes a timer");
    CHECK_EQ(GetLastError(), 0, "... and sets the last error to 0");
    CHECK_EQ(WaitForSingleObject(t, 0), WAIT_TIMEOUT, "a new timer is not signalled");

    due = relative_ms(40);
    t0 = GetTickCount64();
    CHECK_EQ(SetWaitableTimer(t, &due, 0, NULL, NULL, FALSE), TRUE, "SetWaitableTimer(-40 ms) succeeds");
    CHECK_EQ(WaitForSingleObject(t, 5000), WAIT_OBJECT_0, "the wait on the timer is satisfied");
    waited = GetTickCount64() - t0;
    CHECK(waited >= 40, "... no sooner than the due time");
    CHECK(waited < 4000, "... and not much later");
    CHECK_EQ(WaitForSingleObject(t, 0), WAIT_OBJECT_0, "a notification timer stays signalled");
    CHECK_EQ(WaitForSingleObject(t, 0), WAIT_OBJECT_0, "... wait after wait");
    CHECK_EQ(CancelWaitableTimer(t), TRUE, "CancelWaitableTimer succeeds");
    CHECK_EQ(WaitForSingleObject(t, 0), WAIT_OBJECT_0, "... and leaves a signalled timer signalled");

    due = relative_ms(60000);
    CHECK_EQ(SetWaitableTimer(t, &due, 0, NULL, NULL, FALSE), TRUE, "setting it again (a minute away)");
    CHECK_EQ(WaitForSingleObject(t, 0), WAIT_TIMEOUT, "... resets it to not signalled");
    CHECK_EQ(CancelWaitableTimer(t), TRUE, "cancelling it before it is due");
    t0 = GetTickCount64();
    CHECK_EQ(WaitForSingleObject(t, 50), WAIT_TIMEOUT, "... it is never signalled: the wait times out");
    CHECK(GetTickCount64() - t0 >= 50, "... after its full timeout");
    CHECK_EQ(CloseHandle(t), TRUE, "CloseHandle closes a timer");
    CHECK_EQ(WaitForSingleObject(t, 0), WAIT_FAILED, "a closed timer handle cannot be waited on");
    CHECK_EQ(GetLastError(), ERROR_INVALID_HANDLE, "... ERROR_INVALID_HANDLE");
}

static void test_absolute_past(void)
{
    HANDLE t = CreateWaitableTimerExW(NULL, NULL, 0, TIMER_ALL_ACCESS);
    FILETIME now;
    LARGE_INTEGER due;
    REQUIRE(t != NULL, "CreateWaitableTimerExW(no flags) makes a synchronization timer");
    GetSystemTimeAsFileTime(&now);
    due.LowPart = now.dwLowDateTime;
    due.HighPart = (LONG)now.dwHighDateTime;
    due.QuadPart -= 10LL * 10000000; /* ten seconds ago */
    CHECK_EQ(SetWaitableTimer(t, &due, 0, NULL, NULL, FALSE), TRUE, "SetWaitableTimer with an absolute time already past");
    CHECK_EQ(WaitForSingleObject(t, 2000), WAIT_OBJECT_0, "... signals it at once");
    CHECK_EQ(WaitForSingleObject(t, 0), WAIT_TIMEOUT, "the wait took a synchronization timer's signal");
    CloseHandle(t);
}

static HANDLE sync_timer;

static DWORD WINAPI wait_for_timer(LPVOID param)
{
    (void)param;
    return WaitForSingleObject(sync_timer, 10000);
}

static void test_synchronization_releases_one(void)
{
    HANDLE threads[2];
    LARGE_INTEGER due = relative_ms(30);
    DWORD first, code;
    int other;
    sync_timer = CreateWaitableTimerA(NULL, FALSE, NULL);
    REQUIRE(sync_timer != NULL, "CreateWaitableTimerA(NULL, FALSE, NULL) makes a synchronization timer");
    threads[0] = CreateThread(NULL, 0, wait_for_timer, NULL, 0, NULL);
    threads[1] = CreateThread(NULL, 0, wait_for_timer, NULL, 0, NULL);
    REQUIRE(threads[0] && threads[1], "two threads wait on it");
    CHECK_EQ(SetWaitableTimer(sync_timer, &due, 0, NULL, NULL, FALSE), TRUE, "the timer is set once");
    first = WaitForMultipleObjects(2, threads, FALSE, 5000);
    CHECK(first == WAIT_OBJECT_0 || first == WAIT_OBJECT_0 + 1, "one waiter is released");
    other = first == WAIT_OBJECT_0 ? 1 : 0;
    CHECK_EQ(WaitForSingleObject(threads[other], 100), WAIT_TIMEOUT, "... and only one: the other still waits");
    due = relative_ms(1);
    CHECK_EQ(SetWaitableTimer(sync_timer, &due, 0, NULL, NULL, FALSE), TRUE, "the timer is set again");
    CHECK_EQ(WaitForSingleObject(threads[other], 5000), WAIT_OBJECT_0, "... which releases the other");
    CHECK(GetExitCodeThread(threads[0], &code) && code == WAIT_OBJECT_0, "the first thread's wait returned WAIT_OBJECT_0");
    CHECK(GetExitCodeThread(threads[1], &code) && code == WAIT_OBJECT_0, "the second thread's wait returned WAIT_OBJECT_0");
    CloseHandle(threads[0]);
    CloseHandle(threads[1]);
    CloseHandle(sync_timer);
}

#define HEARTBEATS 5
#define PERIOD_MS 20

/* A heartbeat sender driven by a periodic timer: the loop waits on the timer and on the
 * receiving socket's event, sends a datagram at each tick, reads them as they come. */
static void test_periodic_heartbeat(void)
{
    SOCKET tx, rx;
    struct sockaddr_in addr;
    int len = sizeof(addr);
    HANDLE timer, objects[2];
    WSAEVENT ev;
    LARGE_INTEGER due = relative_ms(PERIOD_MS);
    int ticks = 0, received = 0, in_order = 1, spurious = 0;
    ULONGLONG t0, took;

    rx = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    tx = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    REQUIRE(rx != INVALID_SOCKET && tx != INVALID_SOCKET, "two UDP sockets");
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(bind(rx, (struct sockaddr *)&addr, sizeof(addr)) == 0, "the receiver binds to 127.0.0.1");
    REQUIRE(getsockname(rx, (struct sockaddr *)&addr, &len) == 0, "... and has a port");
    ev = WSACreateEvent();
    REQUIRE(WSAEventSelect(rx, ev, FD_READ) == 0, "WSAEventSelect(FD_READ) on the receiver");

    timer = CreateWaitableTimer(NULL, FALSE, NULL);
    REQUIRE(timer != NULL, "a synchronization timer for the heartbeat");
    t0 = GetTickCount64();
    CHECK_EQ(SetWaitableTimer(timer, &due, PERIOD_MS, NULL, NULL, FALSE), TRUE, "SetWaitableTimer with a 20 ms period");
    objects[0] = timer;
    objects[1] = ev;
    while (received < HEARTBEATS) {
        DWORD r = WaitForMultipleObjects(2, objects, FALSE, 3000);
        if (r == WAIT_OBJECT_0) {
            char beat[16];
            int n = wsprintfA(beat, "beat %d", ticks);
            ticks++;
            if (sendto(tx, beat, n, 0, (struct sockaddr *)&addr, sizeof(addr)) != n)
                break;
        } else if (r == WAIT_OBJECT_0 + 1) {
            WSANETWORKEVENTS ne;
            char buf[32];
            int n;
            WSAEnumNetworkEvents(rx, ev, &ne);
            while ((n = recv(rx, buf, sizeof(buf) - 1, 0)) > 0) {
                char expect[16];
                buf[n] = 0;
                wsprintfA(expect, "beat %d", received);
                if (strcmp(buf, expect) != 0)
                    in_order = 0;
                received++;
            }
            if (!(ne.lNetworkEvents & FD_READ))
                spurious++;
        } else {
            break;
        }
    }
    took = GetTickCount64() - t0;
    CHECK_EQ(received, HEARTBEATS, "five heartbeats were sent at the timer's ticks and received");
    CHECK(in_order, "... in order");
    CHECK_EQ(spurious, 0, "the event was signalled only with FD_READ recorded");
    CHECK(took >= (ULONGLONG)HEARTBEATS * PERIOD_MS, "... the fifth tick came no sooner than five periods");
    CHECK(took < 10000, "... nor very much later");
    CHECK_EQ(CancelWaitableTimer(timer), TRUE, "the periodic timer is cancelled");
    WaitForSingleObject(timer, 0); /* a tick that came before the cancel */
    CHECK_EQ(WaitForSingleObject(timer, 3 * PERIOD_MS), WAIT_TIMEOUT, "... and ticks no more");
    CloseHandle(timer);
    WSACloseEvent(ev);
    closesocket(tx);
    closesocket(rx);
}

static void test_other_waits(void)
{
    HANDLE t = CreateWaitableTimer(NULL, TRUE, NULL), ev = CreateEvent(NULL, TRUE, TRUE, NULL), both[2];
    LARGE_INTEGER due = relative_ms(20);
    ULONGLONG t0;
    REQUIRE(t && ev, "a timer and a signalled event");
    CHECK_EQ(SetWaitableTimer(t, &due, 0, NULL, NULL, FALSE), TRUE, "the timer is set 20 ms away");
    CHECK_EQ(WSAWaitForMultipleEvents(1, &t, FALSE, 5000, FALSE), WSA_WAIT_EVENT_0, "WSAWaitForMultipleEvents waits on a timer");
    CHECK_EQ(SetWaitableTimer(t, &due, 0, NULL, NULL, FALSE), TRUE, "set again");
    CHECK_EQ(MsgWaitForMultipleObjects(1, &t, FALSE, 5000, QS_ALLINPUT), WAIT_OBJECT_0, "MsgWaitForMultipleObjects waits on a timer");
    due = relative_ms(30);
    /* The clock is read before the timer is set: the 30 ms run from the setting, and a slow
     * run (a sanitizer) can spend a millisecond between the setting and the wait. */
    t0 = GetTickCount64();
    CHECK_EQ(SetWaitableTimer(t, &due, 0, NULL, NULL, FALSE), TRUE, "set again (30 ms)");
    both[0] = ev;
    both[1] = t;
    CHECK_EQ(WaitForMultipleObjects(2, both, TRUE, 5000), WAIT_OBJECT_0, "a wait-all on a signalled event and the timer");
    CHECK(GetTickCount64() - t0 >= 30, "... waits for the timer");
    CloseHandle(t);
    CloseHandle(ev);
}

static void test_names_and_errors(void)
{
    HANDLE a, b, c, ev;
    LARGE_INTEGER due = relative_ms(10);
    SetLastError(0xdead);
    a = CreateWaitableTimerA(NULL, TRUE, "ws2mp timer test");
    CHECK(a != NULL && GetLastError() == 0, "a named timer is created (last error 0)");
    b = CreateWaitableTimerA(NULL, TRUE, "ws2mp timer test");
    CHECK(b != NULL && GetLastError() == ERROR_ALREADY_EXISTS, "the same name opens it: ERROR_ALREADY_EXISTS");
    c = OpenWaitableTimerA(TIMER_ALL_ACCESS, FALSE, "ws2mp timer test");
    CHECK(c != NULL, "OpenWaitableTimer finds it by name");
    CHECK_EQ(SetWaitableTimer(a, &due, 0, NULL, NULL, FALSE), TRUE, "set through one handle");
    CHECK_EQ(WaitForSingleObject(c, 5000), WAIT_OBJECT_0, "... signalled through another");
    CHECK(OpenWaitableTimerA(TIMER_ALL_ACCESS, FALSE, "WS2MP TIMER TEST") == NULL, "names are case-sensitive");
    CHECK_EQ(GetLastError(), ERROR_FILE_NOT_FOUND, "... ERROR_FILE_NOT_FOUND");
    ev = CreateEventA(NULL, TRUE, FALSE, "ws2mp timer test event");
    CHECK(OpenWaitableTimerA(TIMER_ALL_ACCESS, FALSE, "ws2mp timer test event") == NULL, "an event's name is not a timer's");
    CHECK_EQ(GetLastError(), ERROR_INVALID_HANDLE, "... ERROR_INVALID_HANDLE");
    CHECK_EQ(SetWaitableTimer(ev, &due, 0, NULL, NULL, FALSE), FALSE, "SetWaitableTimer on an event fails");
    CHECK_EQ(GetLastError(), ERROR_INVALID_HANDLE, "... ERROR_INVALID_HANDLE");
    CHECK_EQ(CancelWaitableTimer(ev), FALSE, "CancelWaitableTimer on an event fails");
    CHECK_EQ(GetLastError(), ERROR_INVALID_HANDLE, "... ERROR_INVALID_HANDLE");
    CHECK_EQ(CancelWaitableTimer(NULL), FALSE, "CancelWaitableTimer(NULL) fails");
    CHECK_EQ(GetLastError(), ERROR_INVALID_HANDLE, "... ERROR_INVALID_HANDLE");
    CHECK_EQ(SetWaitableTimer(INVALID_HANDLE_VALUE, &due, 0, NULL, NULL, FALSE), FALSE, "SetWaitableTimer(INVALID_HANDLE_VALUE) fails");
    CHECK_EQ(GetLastError(), ERROR_INVALID_HANDLE, "... ERROR_INVALID_HANDLE");
    CHECK(CreateWaitableTimerExA(NULL, NULL, 0x100, TIMER_ALL_ACCESS) == NULL, "CreateWaitableTimerEx with an unknown flag fails");
    CHECK_EQ(GetLastError(), ERROR_INVALID_PARAMETER, "... ERROR_INVALID_PARAMETER");
    CloseHandle(ev);
    CloseHandle(c);
    CloseHandle(b);
    CloseHandle(a);
    CHECK(OpenWaitableTimerA(TIMER_ALL_ACCESS, FALSE, "ws2mp timer test") == NULL, "the name goes with the last handle");
}

int main(void)
{
    WSADATA wsa;
    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");
    test_manual_reset();
    test_absolute_past();
    test_synchronization_releases_one();
    test_periodic_heartbeat();
    test_other_waits();
    test_names_and_errors();
    WSACleanup();
    return check_done();
}

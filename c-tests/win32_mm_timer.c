/* Multimedia timers the way telemetry and market-data programs drive their sends: a periodic
 * timeSetEvent callback sending a UDP heartbeat to a receiver on 127.0.0.1, a one-shot timer,
 * an event set by a timer (TIME_CALLBACK_EVENT_SET) and waited on, and timeKillEvent's
 * guarantee that the callback does not run once it returned. */
#include <winsock2.h>
#include <windows.h>
#include <mmsystem.h>
#include <string.h>
#include "check.h"

static SOCKET g_out;
static SOCKADDR_IN g_to;
static volatile LONG g_sent;
static volatile LONG g_once;
static volatile LONG g_bad_args;
static volatile LONG g_after_kill;
static volatile LONG g_killed;

static void CALLBACK heartbeat(UINT id, UINT msg, DWORD_PTR user, DWORD_PTR dw1, DWORD_PTR dw2)
{
    char packet[32];
    LONG n = InterlockedIncrement(&g_sent);
    if (msg != 0 || dw1 != 0 || dw2 != 0 || user != 0xBEEF || id == 0)
        InterlockedIncrement(&g_bad_args);
    if (InterlockedCompareExchange(&g_killed, 0, 0))
        InterlockedIncrement(&g_after_kill);
    memset(packet, 0, sizeof packet);
    memcpy(packet, &n, sizeof n);
    sendto(g_out, packet, sizeof packet, 0, (SOCKADDR *)&g_to, sizeof g_to);
}

/* A shared counter read without a data race (the callbacks run on another thread). */
static LONG read_shared(volatile LONG *v)
{
    return InterlockedCompareExchange(v, 0, 0);
}

static void CALLBACK once(UINT id, UINT msg, DWORD_PTR user, DWORD_PTR dw1, DWORD_PTR dw2)
{
    (void)id;
    (void)msg;
    (void)dw1;
    (void)dw2;
    InterlockedExchange(&g_once, (LONG)user);
}

int main(void)
{
    WSADATA wsa;
    SOCKET in;
    int len = (int)sizeof(g_to), got = 0, tries;
    char buf[64];
    MMRESULT periodic, single;
    HANDLE ev;
    DWORD start, waited;
    LONG sent_at_kill;
    TIMECAPS caps;

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");
    in = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    g_out = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    memset(&g_to, 0, sizeof g_to);
    g_to.sin_family = AF_INET;
    g_to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(bind(in, (SOCKADDR *)&g_to, sizeof g_to) == 0 && getsockname(in, (SOCKADDR *)&g_to, &len) == 0,
            "the receiver binds on 127.0.0.1");

    CHECK(timeGetDevCaps(&caps, sizeof caps) == TIMERR_NOERROR && caps.wPeriodMin == 1, "timeGetDevCaps");
    CHECK_EQ(timeBeginPeriod(1), TIMERR_NOERROR, "timeBeginPeriod(1)");
    periodic = timeSetEvent(10, 1, heartbeat, 0xBEEF, TIME_PERIODIC | TIME_CALLBACK_FUNCTION);
    CHECK(periodic != 0, "timeSetEvent(10 ms, TIME_PERIODIC)");

    /* The receiver counts heartbeats for up to 10 s; five is enough. */
    for (tries = 0; got < 5 && tries < 100; tries++) {
        fd_set rs;
        struct timeval tv = {0, 100000};
        FD_ZERO(&rs);
        FD_SET(in, &rs);
        if (select(0, &rs, NULL, NULL, &tv) == 1 && recv(in, buf, sizeof buf, 0) == 32)
            got++;
    }
    CHECK(got >= 5, "the receiver gets the periodic heartbeats");
    CHECK_EQ(read_shared(&g_bad_args), 0, "the callback gets its id and dwUser, and 0 for uMsg, dw1, dw2");

    CHECK_EQ(timeKillEvent(periodic), TIMERR_NOERROR, "timeKillEvent");
    InterlockedExchange(&g_killed, 1);
    sent_at_kill = read_shared(&g_sent);
    Sleep(60);
    CHECK(read_shared(&g_sent) == sent_at_kill && read_shared(&g_after_kill) == 0,
          "no callback runs after timeKillEvent returned");
    CHECK_EQ(timeKillEvent(periodic), MMSYSERR_INVALPARAM, "a second timeKillEvent: MMSYSERR_INVALPARAM");

    single = timeSetEvent(5, 0, once, 77, TIME_ONESHOT);
    CHECK(single != 0 && single != periodic, "a one-shot timer, a new id");
    for (tries = 0; read_shared(&g_once) == 0 && tries < 1000; tries++)
        Sleep(10);
    CHECK_EQ(read_shared(&g_once), 77, "the one-shot callback runs with its dwUser");
    Sleep(30);
    CHECK_EQ(timeKillEvent(single), MMSYSERR_INVALPARAM, "a one-shot timer that fired is gone");

    /* TIME_CALLBACK_EVENT_SET: the timer sets an event the program waits on. */
    ev = CreateEventA(NULL, FALSE, FALSE, NULL);
    start = GetTickCount();
    single = timeSetEvent(20, 0, (LPTIMECALLBACK)ev, 0, TIME_ONESHOT | TIME_CALLBACK_EVENT_SET);
    CHECK(single != 0, "timeSetEvent(TIME_CALLBACK_EVENT_SET)");
    CHECK_EQ(WaitForSingleObject(ev, 10000), WAIT_OBJECT_0, "the event is set when the timer is due");
    waited = GetTickCount() - start;
    CHECK(waited >= 15, "... not before its delay");
    CloseHandle(ev);

    /* TIME_CALLBACK_EVENT_PULSE: the waiting thread is released, the event left reset. */
    ev = CreateEventA(NULL, TRUE, FALSE, NULL);
    single = timeSetEvent(20, 0, (LPTIMECALLBACK)ev, 0, TIME_PERIODIC | TIME_CALLBACK_EVENT_PULSE);
    CHECK(single != 0, "timeSetEvent(TIME_PERIODIC | TIME_CALLBACK_EVENT_PULSE)");
    CHECK_EQ(WaitForSingleObject(ev, 10000), WAIT_OBJECT_0, "a pulse releases the waiting thread");
    CHECK_EQ(timeKillEvent(single), TIMERR_NOERROR, "... the pulsing timer stopped");
    CHECK_EQ(WaitForSingleObject(ev, 0), WAIT_TIMEOUT, "... and the manual-reset event is left not signalled");
    CloseHandle(ev);

    CHECK_EQ(timeSetEvent(0, 0, once, 0, TIME_ONESHOT), 0, "a delay of 0: no timer");
    CHECK_EQ(timeSetEvent(10, 0, NULL, 0, TIME_ONESHOT), 0, "no callback: no timer");
    CHECK_EQ(timeEndPeriod(1), TIMERR_NOERROR, "timeEndPeriod(1)");
    closesocket(in);
    closesocket(g_out);
    WSACleanup();
    return check_done();
}

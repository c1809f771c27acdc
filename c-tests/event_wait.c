/* WSAWaitForMultipleEvents (docs/WINDOWS.md §6.2): count 1-64, the lowest signalled index,
 * fWaitAll, timeout 0 and short timeouts (WSA_WAIT_TIMEOUT, never early). */
#include "event_util.h"

#define N 5

static WSAEVENT late;

static DWORD WINAPI set_later(LPVOID arg)
{
    (void)arg;
    sleep_ms(150);
    WSASetEvent(late);
    return 0;
}

int main(void)
{
    WSAEVENT ev[WSA_MAXIMUM_WAIT_EVENTS + 1];
    DWORD r;
    long long t0, took;
    int i, ok;

    start_winsock();
    for (ok = 1, i = 0; i <= WSA_MAXIMUM_WAIT_EVENTS; i++) {
        ev[i] = WSACreateEvent();
        ok &= ev[i] != WSA_INVALID_EVENT;
    }
    REQUIRE(ok, "WSACreateEvent 65 times");

    /* Parameter checks. */
    WSASetLastError(0);
    CHECK_EQ(WSAWaitForMultipleEvents(0, ev, FALSE, 0, FALSE), WSA_WAIT_FAILED,
             "cEvents 0 fails with WSA_WAIT_FAILED");
    CHECK_EQ(WSAGetLastError(), WSA_INVALID_PARAMETER, "... and WSA_INVALID_PARAMETER");
    WSASetLastError(0);
    CHECK_EQ(WSAWaitForMultipleEvents(WSA_MAXIMUM_WAIT_EVENTS + 1, ev, FALSE, 0, FALSE),
             WSA_WAIT_FAILED, "cEvents 65 fails with WSA_WAIT_FAILED");
    CHECK_EQ(WSAGetLastError(), WSA_INVALID_PARAMETER, "... and WSA_INVALID_PARAMETER");
    CHECK_EQ(WSAWaitForMultipleEvents(WSA_MAXIMUM_WAIT_EVENTS, ev, FALSE, 0, FALSE),
             WSA_WAIT_TIMEOUT, "cEvents 64 is accepted");
    WSASetEvent(ev[63]);
    CHECK_EQ(WSAWaitForMultipleEvents(WSA_MAXIMUM_WAIT_EVENTS, ev, FALSE, 0, FALSE),
             WSA_WAIT_EVENT_0 + 63, "... and finds the 64th event signalled");
    WSAResetEvent(ev[63]);

    /* Lowest signalled index, scanning from 0. */
    WSASetEvent(ev[3]);
    WSASetEvent(ev[1]);
    CHECK_EQ(WSAWaitForMultipleEvents(N, ev, FALSE, 1000, FALSE), WSA_WAIT_EVENT_0 + 1,
             "fWaitAll FALSE returns the lowest signalled index");
    CHECK_EQ(WSAWaitForMultipleEvents(N, ev, FALSE, 1000, FALSE), WSA_WAIT_EVENT_0 + 1,
             "... again, since waiting reset nothing");
    WSAResetEvent(ev[1]);
    CHECK_EQ(WSAWaitForMultipleEvents(N, ev, FALSE, 0, FALSE), WSA_WAIT_EVENT_0 + 3,
             "after resetting it, the next signalled index");
    CHECK_EQ(WSAWaitForMultipleEvents(2, &ev[3], FALSE, 0, FALSE), WSA_WAIT_EVENT_0 + 0,
             "indexes are relative to the array passed");

    /* fWaitAll. */
    WSASetEvent(ev[0]);
    t0 = now_ms();
    r = WSAWaitForMultipleEvents(N, ev, TRUE, 100, FALSE);
    took = now_ms() - t0;
    CHECK_EQ(r, WSA_WAIT_TIMEOUT, "fWaitAll with some events unset times out");
    CHECK(took >= 100, "... not before the timeout");
    CHECK_EQ(WSAWaitForMultipleEvents(1, &ev[0], FALSE, 0, FALSE), WSA_WAIT_EVENT_0,
             "... and left the signalled ones signalled");
    for (i = 0; i < N; i++)
        WSASetEvent(ev[i]);
    r = WSAWaitForMultipleEvents(N, ev, TRUE, 0, FALSE);
    CHECK(r < WSA_WAIT_EVENT_0 + N, "fWaitAll returns WSA_WAIT_EVENT_0 + i once all are set");
    for (ok = 1, i = 0; i < N; i++)
        ok &= WSAWaitForMultipleEvents(1, &ev[i], FALSE, 0, FALSE) == WSA_WAIT_EVENT_0;
    CHECK(ok, "... and every event is still signalled afterwards");

    /* fWaitAll completed by another thread. */
    {
        HANDLE t;
        WSAResetEvent(ev[2]);
        late = ev[2];
        t = CreateThread(NULL, 0, set_later, NULL, 0, NULL);
        t0 = now_ms();
        r = WSAWaitForMultipleEvents(N, ev, TRUE, 5000, FALSE);
        took = now_ms() - t0;
        WaitForSingleObject(t, INFINITE);
        CloseHandle(t);
        CHECK(r < WSA_WAIT_EVENT_0 + N, "fWaitAll returns when another thread sets the last event");
        CHECK(took >= 100 && took < 4000, "... after it was set, not before and not at timeout");
    }
    WSASetLastError(0);
    {
        WSAEVENT dup[2] = {ev[0], ev[0]};
        CHECK_EQ(WSAWaitForMultipleEvents(2, dup, TRUE, 0, FALSE), WSA_WAIT_FAILED,
                 "fWaitAll with a duplicate handle fails");
        CHECK_EQ(WSAGetLastError(), WSA_INVALID_PARAMETER, "... with WSA_INVALID_PARAMETER");
    }

    /* Timeouts. */
    for (i = 0; i < N; i++)
        WSAResetEvent(ev[i]);
    t0 = now_ms();
    r = WSAWaitForMultipleEvents(N, ev, FALSE, 0, FALSE);
    took = now_ms() - t0;
    CHECK_EQ(r, WSA_WAIT_TIMEOUT, "timeout 0 polls: WSA_WAIT_TIMEOUT");
    CHECK(took < 500, "... without blocking");
    for (ok = 1, i = 0; i < 5; i++) {
        int ms = 10 + 17 * i;
        t0 = now_ms();
        r = WSAWaitForMultipleEvents(i % 2 ? 1 : N, ev, FALSE, ms, FALSE);
        took = now_ms() - t0;
        if (r != WSA_WAIT_TIMEOUT || took < ms) {
            printf("# wait of %d ms returned %lu after %lld ms\n", ms, (unsigned long)r, took);
            ok = 0;
        }
    }
    CHECK(ok, "short timeouts (10-78 ms, one and several events) never return early");
    t0 = now_ms();
    r = WSAWaitForMultipleEvents(1, ev, FALSE, 200, FALSE);
    took = now_ms() - t0;
    CHECK_EQ(r, WSA_WAIT_TIMEOUT, "a 200 ms wait times out");
    CHECK(took >= 200 && took < 2000, "... after 200 ms, not much later");

    /* An invalid handle among valid ones. */
    WSACloseEvent(ev[WSA_MAXIMUM_WAIT_EVENTS]);
    {
        WSAEVENT mixed[2] = {ev[0], ev[WSA_MAXIMUM_WAIT_EVENTS]};
        WSASetLastError(0);
        CHECK_EQ(WSAWaitForMultipleEvents(2, mixed, FALSE, 0, FALSE), WSA_WAIT_FAILED,
                 "a closed handle in the array fails the wait");
        CHECK_EQ(WSAGetLastError(), WSA_INVALID_HANDLE, "... with WSA_INVALID_HANDLE");
    }

    for (i = 0; i < WSA_MAXIMUM_WAIT_EVENTS; i++)
        WSACloseEvent(ev[i]);
    WSACleanup();
    return check_done();
}

/* WSAEventSelect and blocking mode (docs/WINDOWS.md §6.3 rules 1 and 3): selecting makes the socket
 * non-blocking, FIONBIO 0 fails with WSAEINVAL while selected, lNetworkEvents 0 cancels (the
 * socket stays non-blocking) and FIONBIO 0 then works. */
#include "event_util.h"

int main(void)
{
    SOCKET a, b;
    WSAEVENT ev;
    WSANETWORKEVENTS ne;
    u_long arg;
    char buf[16];
    long long t0;

    start_winsock();
    REQUIRE(tcp_pair(&a, &b) == 0, "loopback TCP pair");
    ev = WSACreateEvent();
    REQUIRE(ev != WSA_INVALID_EVENT, "WSACreateEvent");

    CHECK_EQ(WSAEventSelect(b, ev, FD_READ | FD_CLOSE), 0, "WSAEventSelect succeeds");
    CHECK_EQ(recv(b, buf, sizeof(buf), 0), SOCKET_ERROR, "recv with no data does not block");
    CHECK_EQ(WSAGetLastError(), WSAEWOULDBLOCK, "... it fails with WSAEWOULDBLOCK");

    arg = 0;
    CHECK_EQ(ioctlsocket(b, FIONBIO, &arg), SOCKET_ERROR, "FIONBIO 0 while selected fails");
    CHECK_EQ(WSAGetLastError(), WSAEINVAL, "... with WSAEINVAL");
    arg = 1;
    CHECK_EQ(ioctlsocket(b, FIONBIO, &arg), 0, "FIONBIO 1 while selected is allowed");

    /* Cancel: mask 0, the event handle is ignored (even an invalid one). */
    CHECK_EQ(WSAEventSelect(b, WSA_INVALID_EVENT, 0), 0, "WSAEventSelect(s, NULL, 0) cancels");
    CHECK_EQ(WSAWaitForMultipleEvents(1, &ev, FALSE, 0, FALSE), WSA_WAIT_TIMEOUT,
             "the event is not signalled");
    send(a, "x", 1, 0);
    CHECK(!signalled_within(ev, 200), "after cancelling, arriving data no longer sets the event");
    CHECK_EQ(enum_events(b, ev, &ne), 0, "... and records nothing");
    CHECK_EQ(recv(b, buf, sizeof(buf), 0), 1, "the data is there");
    CHECK_EQ(recv(b, buf, sizeof(buf), 0), SOCKET_ERROR, "the socket stays non-blocking after cancelling");
    CHECK_EQ(WSAGetLastError(), WSAEWOULDBLOCK, "... WSAEWOULDBLOCK");

    arg = 0;
    CHECK_EQ(ioctlsocket(b, FIONBIO, &arg), 0, "after cancelling, FIONBIO 0 works");
    {
        DWORD tmo = 150;
        setsockopt(b, SOL_SOCKET, SO_RCVTIMEO, (const char *)&tmo, sizeof(tmo));
    }
    t0 = now_ms();
    CHECK_EQ(recv(b, buf, sizeof(buf), 0), SOCKET_ERROR, "recv now blocks until SO_RCVTIMEO");
    CHECK(now_ms() - t0 >= 100, "... it really waited (blocking again)");

    /* Mask 0 with a valid event on a socket that was never selected: still non-blocking. */
    CHECK_EQ(WSAEventSelect(a, ev, 0), 0, "WSAEventSelect(s, ev, 0) on an unselected socket");
    CHECK_EQ(recv(a, buf, sizeof(buf), 0), SOCKET_ERROR, "... makes it non-blocking too");
    CHECK_EQ(WSAGetLastError(), WSAEWOULDBLOCK, "... WSAEWOULDBLOCK");

    /* A bad event handle with a non-zero mask. */
    WSACloseEvent(ev);
    CHECK_EQ(WSAEventSelect(b, ev, FD_READ), SOCKET_ERROR, "selecting a closed event fails");
    CHECK_EQ(WSAGetLastError(), WSAEINVAL, "... with WSAEINVAL");
    CHECK_EQ(WSAEventSelect(INVALID_SOCKET, WSA_INVALID_EVENT, 0), SOCKET_ERROR,
             "WSAEventSelect on a non-socket fails");
    CHECK_EQ(WSAGetLastError(), WSAENOTSOCK, "... with WSAENOTSOCK");

    closesocket(a);
    closesocket(b);
    WSACleanup();
    return check_done();
}

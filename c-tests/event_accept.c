/* FD_ACCEPT and inheritance (docs/WINDOWS.md §6.3 rule 4, re-enabling): FD_ACCEPT is recorded
 * once per accept call and again at once while connections remain; accepted sockets inherit
 * the listener's event object and mask (and so are non-blocking and selected). */
#include "event_util.h"

static SOCKET connect_to(const struct sockaddr_in *addr)
{
    SOCKET c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    if (c != INVALID_SOCKET && connect(c, (const struct sockaddr *)addr, sizeof(*addr)) != 0) {
        closesocket(c);
        c = INVALID_SOCKET;
    }
    return c;
}

/* A WSAAccept condition function that returns its callback data (CF_ACCEPT or CF_DEFER). */
static int CALLBACK decide(LPWSABUF caller, LPWSABUF caller_data, LPQOS sqos, LPQOS gqos, LPWSABUF callee,
                           LPWSABUF callee_data, GROUP *g, DWORD_PTR verdict)
{
    (void)caller, (void)caller_data, (void)sqos, (void)gqos, (void)callee, (void)callee_data, (void)g;
    return (int)verdict;
}

int main(void)
{
    SOCKET l, c1, c2, c3, c4, c5, c6, s1, s2, s3, s4, s5;
    struct sockaddr_in addr, peer;
    WSAEVENT ev;
    WSANETWORKEVENTS ne;
    u_long arg;
    int len;
    char buf[16];

    start_winsock();
    l = tcp_listener(&addr);
    REQUIRE(l != INVALID_SOCKET, "listener on loopback");
    ev = WSACreateEvent();
    REQUIRE(ev != WSA_INVALID_EVENT, "WSACreateEvent");
    REQUIRE(WSAEventSelect(l, ev, FD_ACCEPT | FD_READ | FD_CLOSE) == 0, "select the listener");

    CHECK_EQ(wait_and_enum(l, ev, 100, &ne), 0, "no connection: nothing recorded");

    c1 = connect_to(&addr);
    c2 = connect_to(&addr);
    REQUIRE(c1 != INVALID_SOCKET && c2 != INVALID_SOCKET, "two clients connect");
    CHECK_EQ(wait_and_enum(l, ev, 5000, &ne), FD_ACCEPT, "pending connections: FD_ACCEPT");
    CHECK_EQ(ne.iErrorCode[FD_ACCEPT_BIT], 0, "... with error code 0");
    CHECK_EQ(wait_and_enum(l, ev, 100, &ne), 0, "... once, until accept is called");

    len = sizeof(peer);
    s1 = accept(l, (struct sockaddr *)&peer, &len);
    CHECK(s1 != INVALID_SOCKET, "accept the first connection");
    CHECK_EQ(wait_and_enum(l, ev, 0, &ne), FD_ACCEPT, "another connection remains: FD_ACCEPT at once");

    /* A refused accept call (address buffer too small) still re-enables FD_ACCEPT. */
    len = 4;
    CHECK(accept(l, (struct sockaddr *)&peer, &len) == INVALID_SOCKET, "accept with a 4-byte address buffer fails");
    CHECK_EQ(WSAGetLastError(), WSAEFAULT, "... with WSAEFAULT");
    CHECK_EQ(wait_and_enum(l, ev, 0, &ne), FD_ACCEPT, "... and re-enables FD_ACCEPT (the connection is still pending)");

    s2 = accept(l, NULL, NULL);
    CHECK(s2 != INVALID_SOCKET, "accept the second connection");
    CHECK_EQ(wait_and_enum(l, ev, 100, &ne), 0, "no connection remains: no FD_ACCEPT");
    CHECK(accept(l, NULL, NULL) == INVALID_SOCKET, "a further accept does not block");
    CHECK_EQ(WSAGetLastError(), WSAEWOULDBLOCK, "... it fails with WSAEWOULDBLOCK (and re-enables)");
    c3 = connect_to(&addr);
    CHECK_EQ(wait_and_enum(l, ev, 5000, &ne), FD_ACCEPT, "a new connection after that: FD_ACCEPT");

    /* The accepted socket inherited the listener's event object and mask. */
    arg = 0;
    CHECK_EQ(ioctlsocket(s1, FIONBIO, &arg), SOCKET_ERROR, "the accepted socket is selected: FIONBIO 0 fails");
    CHECK_EQ(WSAGetLastError(), WSAEINVAL, "... with WSAEINVAL");
    CHECK_EQ(recv(s1, buf, sizeof(buf), 0), SOCKET_ERROR, "the accepted socket is non-blocking");
    CHECK_EQ(WSAGetLastError(), WSAEWOULDBLOCK, "... WSAEWOULDBLOCK");
    send(c1, "ping", 4, 0);
    CHECK_EQ(wait_and_enum(s1, ev, 5000, &ne), FD_READ, "data on the accepted socket sets the listener's event: FD_READ");
    CHECK_EQ(ne.iErrorCode[FD_READ_BIT], 0, "... with error code 0");
    closesocket(c2);
    CHECK_EQ(wait_and_enum(s2, ev, 5000, &ne), FD_CLOSE, "the second accepted socket reports FD_CLOSE on the same event");
    CHECK_EQ(ne.iErrorCode[FD_CLOSE_BIT], 0, "... graceful: error code 0");
    s3 = accept(l, NULL, NULL);
    CHECK(s3 != INVALID_SOCKET, "accept the third connection");
    CHECK_EQ(wait_and_enum(s3, ev, 200, &ne), 0,
             "FD_WRITE is not in the listener's mask: the accepted socket does not report it");
    closesocket(s3);
    closesocket(c3);

    /* With FD_WRITE in the listener's mask, the accepted socket reports it at once. */
    REQUIRE(WSAEventSelect(l, ev, FD_ACCEPT | FD_WRITE) == 0, "re-select the listener with FD_WRITE");
    c3 = connect_to(&addr);
    CHECK_EQ(wait_and_enum(l, ev, 5000, &ne), FD_ACCEPT, "FD_ACCEPT for the new connection");
    s3 = accept(l, NULL, NULL);
    REQUIRE(s3 != INVALID_SOCKET, "accept it");
    CHECK_EQ(wait_and_enum(s3, ev, 5000, &ne), FD_WRITE, "the accepted socket reports FD_WRITE (inherited mask)");
    send(c3, "r", 1, 0);
    CHECK_EQ(wait_and_enum(s3, ev, 300, &ne), 0, "FD_READ is no longer in the mask: not reported");

    /* Cancelling on the listener does not cancel the accepted socket's own selection. */
    REQUIRE(WSAEventSelect(l, NULL, 0) == 0, "cancel the listener's selection");
    arg = 0;
    CHECK_EQ(ioctlsocket(s3, FIONBIO, &arg), SOCKET_ERROR, "the accepted socket is still selected");

    /* WSAAccept deferring (CF_DEFER, WSATRY_AGAIN) is the one accept call that does not
     * re-enable FD_ACCEPT. */
    REQUIRE(WSAEventSelect(l, ev, FD_ACCEPT) == 0, "select the listener for FD_ACCEPT again");
    wait_and_enum(l, ev, 100, &ne);
    c4 = connect_to(&addr);
    CHECK_EQ(wait_and_enum(l, ev, 5000, &ne), FD_ACCEPT, "a connection: FD_ACCEPT");
    CHECK(WSAAccept(l, NULL, NULL, decide, CF_DEFER) == INVALID_SOCKET, "WSAAccept whose condition defers fails");
    CHECK_EQ(WSAGetLastError(), WSATRY_AGAIN, "... with WSATRY_AGAIN");
    CHECK_EQ(wait_and_enum(l, ev, 200, &ne), 0, "... and does not re-enable FD_ACCEPT, though the connection waits");
    s4 = WSAAccept(l, NULL, NULL, decide, CF_ACCEPT);
    CHECK(s4 != INVALID_SOCKET, "WSAAccept accepting takes the deferred connection");
    c5 = connect_to(&addr);
    CHECK_EQ(wait_and_enum(l, ev, 5000, &ne), FD_ACCEPT, "that re-enabled FD_ACCEPT: the next connection reports");

    /* A connection already pending when WSAEventSelect is called is reported at once. */
    REQUIRE(WSAEventSelect(l, NULL, 0) == 0, "cancel the listener's selection");
    c6 = connect_to(&addr);
    sleep_ms(50);
    REQUIRE(WSAEventSelect(l, ev, FD_ACCEPT) == 0, "select the listener with a connection pending");
    CHECK_EQ(wait_and_enum(l, ev, 0, &ne), FD_ACCEPT, "FD_ACCEPT at selection time");
    s5 = accept(l, NULL, NULL);
    CHECK(s5 != INVALID_SOCKET, "... and the connection is there");

    closesocket(s1);
    closesocket(s2);
    closesocket(s3);
    closesocket(s4);
    closesocket(s5);
    closesocket(c1);
    closesocket(c6);
    closesocket(c3);
    closesocket(c4);
    closesocket(c5);
    closesocket(l);
    WSACloseEvent(ev);
    WSACleanup();
    return check_done();
}

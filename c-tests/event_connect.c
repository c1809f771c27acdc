/* FD_CONNECT (docs/WINDOWS.md §6.3): a non-blocking connect fails with WSAEWOULDBLOCK and reports
 * FD_CONNECT once, with 0 on success or WSAECONNREFUSED when nothing listens; FD_CONNECT is
 * also reported at selection time on a socket that is already connected. */
#include "event_util.h"

int main(void)
{
    SOCKET l, c, s, a, b;
    struct sockaddr_in addr, closed;
    WSAEVENT ev;
    WSANETWORKEVENTS ne;
    long bits;
    int code;

    start_winsock();
    ev = WSACreateEvent();
    REQUIRE(ev != WSA_INVALID_EVENT, "WSACreateEvent");

    /* Success. */
    l = tcp_listener(&addr);
    REQUIRE(l != INVALID_SOCKET, "listener on loopback");
    c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    REQUIRE(WSAEventSelect(c, ev, FD_CONNECT | FD_WRITE | FD_READ | FD_CLOSE) == 0, "select an unconnected socket");
    CHECK_EQ(wait_and_enum(c, ev, 100, &ne), 0, "nothing is recorded before connect");
    CHECK_EQ(connect(c, (struct sockaddr *)&addr, sizeof(addr)), SOCKET_ERROR, "a non-blocking connect does not complete at once");
    CHECK_EQ(WSAGetLastError(), WSAEWOULDBLOCK, "... it fails with WSAEWOULDBLOCK");
    bits = wait_and_enum(c, ev, 5000, &ne);
    code = ne.iErrorCode[FD_CONNECT_BIT];
    if (bits == FD_CONNECT) /* FD_WRITE may come in a second round */
        bits |= wait_and_enum(c, ev, 5000, &ne) & FD_WRITE;
    CHECK(bits & FD_CONNECT, "the connect completes: FD_CONNECT");
    CHECK_EQ(code, 0, "... with error code 0");
    CHECK(bits & FD_WRITE, "... and FD_WRITE (a connection was established)");
    CHECK_EQ(wait_and_enum(c, ev, 100, &ne), 0, "FD_CONNECT is reported once");
    s = accept(l, NULL, NULL);
    CHECK(s != INVALID_SOCKET, "the listener accepts it");
    CHECK_EQ(send(c, "x", 1, 0), 1, "the connected socket sends");
    CHECK_EQ(connect(c, (struct sockaddr *)&addr, sizeof(addr)), SOCKET_ERROR, "connect again fails");
    CHECK_EQ(WSAGetLastError(), WSAEISCONN, "... with WSAEISCONN");
    CHECK_EQ(wait_and_enum(c, ev, 100, &ne), 0, "... and records no second FD_CONNECT");

    /* Already connected at selection time. */
    REQUIRE(tcp_pair(&a, &b) == 0, "a connected pair");
    REQUIRE(WSAEventSelect(a, ev, FD_CONNECT) == 0, "select a connected socket for FD_CONNECT");
    CHECK_EQ(wait_and_enum(a, ev, 5000, &ne), FD_CONNECT, "FD_CONNECT at selection time");
    CHECK_EQ(ne.iErrorCode[FD_CONNECT_BIT], 0, "... with error code 0");
    CHECK_EQ(wait_and_enum(a, ev, 100, &ne), 0, "... once");

    /* Refused: connect to a port nothing listens on. */
    {
        SOCKET gone = tcp_listener(&closed);
        closesocket(gone); /* its port is now closed */
    }
    c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    REQUIRE(WSAEventSelect(c, ev, FD_CONNECT | FD_WRITE | FD_READ | FD_CLOSE) == 0, "select another socket");
    CHECK_EQ(connect(c, (struct sockaddr *)&closed, sizeof(closed)), SOCKET_ERROR, "connect to a closed port");
    CHECK_EQ(WSAGetLastError(), WSAEWOULDBLOCK, "... fails with WSAEWOULDBLOCK, not at once with the refusal");
    CHECK_EQ(wait_and_enum(c, ev, 5000, &ne), FD_CONNECT, "the failure is reported as FD_CONNECT alone");
    CHECK_EQ(ne.iErrorCode[FD_CONNECT_BIT], WSAECONNREFUSED, "... with iErrorCode[FD_CONNECT_BIT] == WSAECONNREFUSED");
    CHECK_EQ(wait_and_enum(c, ev, 200, &ne), 0, "no FD_WRITE, FD_READ or FD_CLOSE follows a failed connect");
    closesocket(c);

    /* A datagram connect completes at once: FD_CONNECT immediately. */
    {
        SOCKET u = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
        REQUIRE(WSAEventSelect(u, ev, FD_CONNECT) == 0, "select a UDP socket for FD_CONNECT");
        CHECK_EQ(connect(u, (struct sockaddr *)&addr, sizeof(addr)), 0, "UDP connect succeeds at once");
        CHECK_EQ(wait_and_enum(u, ev, 0, &ne), FD_CONNECT, "UDP: FD_CONNECT recorded immediately");
        closesocket(u);
    }

    closesocket(a);
    closesocket(b);
    closesocket(s);
    closesocket(l);
    WSACloseEvent(ev);
    WSACleanup();
    return check_done();
}

/* FD_WRITE (docs/WINDOWS.md §6.3): recorded at selection on a connected socket, then only after a
 * send failed with WSAEWOULDBLOCK and space came back; successful sends never record it. */
#include "event_util.h"

static char chunk[16384];

int main(void)
{
    SOCKET a, b;
    WSAEVENT ev;
    WSANETWORKEVENTS ne;
    int small = 4096, n, total = 0, blocked = 0;
    long long deadline;

    start_winsock();
    REQUIRE(tcp_pair(&a, &b) == 0, "loopback TCP pair");
    /* Small buffers so that filling them is quick. */
    setsockopt(a, SOL_SOCKET, SO_SNDBUF, (const char *)&small, sizeof(small));
    setsockopt(b, SOL_SOCKET, SO_RCVBUF, (const char *)&small, sizeof(small));
    ev = WSACreateEvent();
    REQUIRE(ev != WSA_INVALID_EVENT, "WSACreateEvent");
    memset(chunk, 'w', sizeof(chunk));

    REQUIRE(WSAEventSelect(a, ev, FD_WRITE | FD_READ | FD_CLOSE) == 0, "select the sender");
    CHECK_EQ(wait_and_enum(a, ev, 5000, &ne), FD_WRITE, "FD_WRITE at selection on a connected socket");
    CHECK_EQ(ne.iErrorCode[FD_WRITE_BIT], 0, "... with error code 0");
    CHECK_EQ(wait_and_enum(a, ev, 100, &ne), 0, "... once: still writable, but not recorded again");

    CHECK_EQ(send(a, "hi", 2, 0), 2, "a successful send");
    CHECK_EQ(wait_and_enum(a, ev, 100, &ne), 0, "a successful send does not record FD_WRITE");

    /* Selecting again does not record FD_WRITE again (Windows): only a send that failed with
     * WSAEWOULDBLOCK re-enables it. Cancelling and selecting again changes nothing either. */
    REQUIRE(WSAEventSelect(a, ev, FD_WRITE | FD_READ | FD_CLOSE) == 0, "select the sender again");
    CHECK_EQ(wait_and_enum(a, ev, 200, &ne), 0, "a new WSAEventSelect does not report FD_WRITE again");
    REQUIRE(WSAEventSelect(a, NULL, 0) == 0, "cancel the selection");
    REQUIRE(WSAEventSelect(a, ev, FD_WRITE | FD_READ | FD_CLOSE) == 0, "select once more");
    CHECK_EQ(wait_and_enum(a, ev, 200, &ne), 0, "... still no FD_WRITE");

    /* Fill the connection until a send fails with WSAEWOULDBLOCK. */
    deadline = now_ms() + 10000;
    while (now_ms() < deadline) {
        n = send(a, chunk, sizeof(chunk), 0);
        if (n > 0) {
            total += n;
            continue;
        }
        blocked = n == SOCKET_ERROR && WSAGetLastError() == WSAEWOULDBLOCK;
        break;
    }
    CHECK(blocked, "sending without reading ends in WSAEWOULDBLOCK");
    CHECK_EQ(wait_and_enum(a, ev, 200, &ne), 0, "while the buffers are full, no FD_WRITE");

    /* The receiver drains everything: space comes back and FD_WRITE is recorded. */
    {
        static char sink[65536];
        int got = 0, r;
        u_long on = 1;
        ioctlsocket(b, FIONBIO, &on);
        deadline = now_ms() + 10000;
        while (got < total + 2 && now_ms() < deadline) {
            r = recv(b, sink, sizeof(sink), 0);
            if (r > 0)
                got += r;
            else
                sleep_ms(5);
        }
        CHECK_EQ(got, total + 2, "the receiver gets every byte sent");
    }
    CHECK_EQ(wait_and_enum(a, ev, 5000, &ne), FD_WRITE, "space came back after WSAEWOULDBLOCK: FD_WRITE");
    CHECK_EQ(ne.iErrorCode[FD_WRITE_BIT], 0, "... with error code 0");
    CHECK_EQ(wait_and_enum(a, ev, 100, &ne), 0, "... recorded once");
    CHECK_EQ(send(a, "ok", 2, 0), 2, "sends work again after FD_WRITE");
    CHECK_EQ(wait_and_enum(a, ev, 100, &ne), 0, "and a successful send still does not record FD_WRITE");

    /* A datagram socket is writable at selection: FD_WRITE. */
    {
        SOCKET u = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
        struct sockaddr_in addr;
        loopback(&addr, 0);
        bind(u, (struct sockaddr *)&addr, sizeof(addr));
        REQUIRE(WSAEventSelect(u, ev, FD_WRITE) == 0, "select a bound UDP socket for FD_WRITE");
        CHECK_EQ(wait_and_enum(u, ev, 5000, &ne), FD_WRITE, "UDP: FD_WRITE at selection");
        closesocket(u);
    }

    closesocket(a);
    closesocket(b);
    WSACloseEvent(ev);
    WSACleanup();
    return check_done();
}

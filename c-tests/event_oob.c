/* FD_OOB (docs/WINDOWS.md §6.3): urgent data sent with MSG_OOB records FD_OOB once, re-enabled by a
 * receive; with SO_OOBINLINE on, urgent data is normal data (FD_READ, never FD_OOB). */
#include "event_util.h"

int main(void)
{
    SOCKET a, b;
    WSAEVENT ev;
    WSANETWORKEVENTS ne;
    char c = 0, buf[16];
    long bits;

    start_winsock();
    REQUIRE(tcp_pair(&a, &b) == 0, "loopback TCP pair");
    ev = WSACreateEvent();
    REQUIRE(ev != WSA_INVALID_EVENT, "WSACreateEvent");
    REQUIRE(WSAEventSelect(b, ev, FD_READ | FD_OOB) == 0, "select for FD_READ|FD_OOB");

    send(a, "ab", 2, 0);
    CHECK_EQ(wait_and_enum(b, ev, 5000, &ne), FD_READ, "normal data: FD_READ, no FD_OOB");

    CHECK_EQ(send(a, "!", 1, MSG_OOB), 1, "send one byte with MSG_OOB");
    CHECK_EQ(wait_and_enum(b, ev, 5000, &ne), FD_OOB, "urgent data: FD_OOB");
    CHECK_EQ(ne.iErrorCode[FD_OOB_BIT], 0, "... with error code 0");
    CHECK_EQ(wait_and_enum(b, ev, 200, &ne), 0, "FD_OOB is recorded once, until a receive");

    CHECK_EQ(recv(b, &c, 1, MSG_OOB), 1, "recv(MSG_OOB) returns the urgent byte");
    CHECK_EQ(c, '!', "... which is '!'");
    CHECK_EQ(wait_and_enum(b, ev, 0, &ne), FD_READ,
             "after the receive: normal data remains (FD_READ again), urgent data does not (no FD_OOB)");
    CHECK_EQ(recv(b, buf, sizeof(buf), 0), 2, "the normal data is the 2 bytes, without the urgent one");

    CHECK_EQ(send(a, "?", 1, MSG_OOB), 1, "send another urgent byte");
    bits = wait_and_enum(b, ev, 5000, &ne);
    CHECK(bits & FD_OOB, "the receives re-enabled FD_OOB: recorded again");
    CHECK_EQ(recv(b, &c, 1, MSG_OOB), 1, "recv(MSG_OOB) again");
    CHECK_EQ(c, '?', "... returns '?'");

    /* FD_OOB not in the mask: urgent data alone records nothing. */
    REQUIRE(WSAEventSelect(b, ev, FD_READ) == 0, "re-select for FD_READ only");
    wait_and_enum(b, ev, 100, &ne);
    send(a, "#", 1, MSG_OOB);
    bits = wait_and_enum(b, ev, 300, &ne);
    CHECK(!(bits & FD_OOB), "FD_OOB is not reported when it is not selected");
    CHECK_EQ(recv(b, &c, 1, MSG_OOB), 1, "... the urgent byte is there all the same");

    closesocket(a);
    closesocket(b);

    /* SO_OOBINLINE (set before any urgent data): urgent data is read in line, as FD_READ. */
    REQUIRE(tcp_pair(&a, &b) == 0, "a second pair");
    {
        BOOL on = TRUE;
        CHECK_EQ(setsockopt(b, SOL_SOCKET, SO_OOBINLINE, (const char *)&on, sizeof(on)), 0, "SO_OOBINLINE on");
        REQUIRE(WSAEventSelect(b, ev, FD_READ | FD_OOB) == 0, "select for FD_READ|FD_OOB");
        send(a, "U", 1, MSG_OOB);
        sleep_ms(50);
        bits = wait_and_enum(b, ev, 5000, &ne);
        CHECK(bits & FD_READ, "SO_OOBINLINE: urgent data records FD_READ");
        CHECK(!(bits & FD_OOB), "... and not FD_OOB");
        CHECK_EQ(recv(b, buf, sizeof(buf), 0), 1, "... it is read in line");
        CHECK_EQ(buf[0], 'U', "... as 'U'");
    }

    closesocket(a);
    closesocket(b);

    /* An accepted socket inherits SO_OOBINLINE from the listener, with its meaning for events. */
    {
        struct sockaddr_in addr;
        SOCKET l = tcp_listener(&addr);
        BOOL on = TRUE, got = FALSE;
        int len = sizeof(got);
        REQUIRE(l != INVALID_SOCKET, "listener");
        setsockopt(l, SOL_SOCKET, SO_OOBINLINE, (const char *)&on, sizeof(on));
        REQUIRE(WSAEventSelect(l, ev, FD_ACCEPT | FD_READ | FD_OOB) == 0, "select the listener");
        a = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        REQUIRE(connect(a, (struct sockaddr *)&addr, sizeof(addr)) == 0, "connect");
        CHECK_EQ(wait_and_enum(l, ev, 5000, &ne), FD_ACCEPT, "FD_ACCEPT");
        b = accept(l, NULL, NULL);
        REQUIRE(b != INVALID_SOCKET, "accept");
        getsockopt(b, SOL_SOCKET, SO_OOBINLINE, (char *)&got, &len);
        CHECK(got, "the accepted socket has SO_OOBINLINE on");
        send(a, "V", 1, MSG_OOB);
        sleep_ms(50);
        bits = wait_and_enum(b, ev, 5000, &ne);
        CHECK_EQ(bits, FD_READ, "... so its urgent data is FD_READ, not FD_OOB");
        closesocket(l);
        closesocket(a);
        closesocket(b);
    }
    WSACloseEvent(ev);
    WSACleanup();
    return check_done();
}

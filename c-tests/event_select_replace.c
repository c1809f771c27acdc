/* Replacing and cancelling a selection (docs/WINDOWS.md §6.3 rules 2 and 3): a new WSAEventSelect
 * replaces the old one (event object and mask) and clears the record; closesocket cancels
 * the selection and leaves the event object alone. */
#include "event_util.h"

int main(void)
{
    SOCKET a, b;
    WSAEVENT ev1, ev2;
    WSANETWORKEVENTS ne;
    char buf[64];

    start_winsock();
    REQUIRE(tcp_pair(&a, &b) == 0, "loopback TCP pair");
    ev1 = WSACreateEvent();
    ev2 = WSACreateEvent();
    REQUIRE(ev1 != WSA_INVALID_EVENT && ev2 != WSA_INVALID_EVENT, "two events");

    /* FD_READ gets recorded on ev1 ... */
    REQUIRE(WSAEventSelect(b, ev1, FD_READ) == 0, "select b on ev1 for FD_READ");
    send(a, "hello", 5, 0);
    CHECK(signalled_within(ev1, 5000), "data sets ev1 (FD_READ recorded)");

    /* ... then a new selection replaces it and clears the record. */
    CHECK_EQ(WSAEventSelect(b, ev2, FD_WRITE), 0, "re-select b on ev2 for FD_WRITE only");
    CHECK_EQ(wait_and_enum(b, ev2, 5000, &ne), FD_WRITE,
             "the record holds only FD_WRITE: the earlier FD_READ was cleared");
    CHECK_EQ(ne.iErrorCode[FD_READ_BIT], SENTINEL, "... and FD_READ's error code was not written");
    CHECK_EQ(WSAResetEvent(ev1), TRUE, "reset ev1");
    send(a, "more", 4, 0);
    CHECK(!signalled_within(ev1, 200), "the old event ev1 is no longer set by b");
    CHECK(!signalled_within(ev2, 200), "FD_READ is not in the new mask: ev2 stays quiet too");

    /* Re-select with FD_READ again: the condition that holds (unread data) is recorded at once. */
    CHECK_EQ(WSAEventSelect(b, ev2, FD_READ | FD_CLOSE), 0, "re-select b on ev2 for FD_READ|FD_CLOSE");
    CHECK_EQ(wait_and_enum(b, ev2, 5000, &ne), FD_READ, "unread data is recorded at selection time");
    CHECK(!signalled_within(ev1, 100), "... on the new event only");
    CHECK_EQ(recv(b, buf, sizeof(buf), 0), 9, "recv the 9 bytes");

    /* closesocket cancels: data that arrived just before the close is never recorded. */
    WSAResetEvent(ev2);
    send(a, "late", 4, 0);
    sleep_ms(50);
    CHECK_EQ(closesocket(b), 0, "closesocket on the selected socket");
    CHECK(!signalled_within(ev2, 200), "the closed socket records nothing and never sets the event");
    CHECK_EQ(WSASetEvent(ev2), TRUE, "the event object survives closesocket");
    CHECK_EQ(WSAResetEvent(ev2), TRUE, "... and can be reset");
    CHECK_EQ(enum_events(b, ev2, &ne), -1, "WSAEnumNetworkEvents on the closed socket fails");
    CHECK_EQ(WSAGetLastError(), WSAENOTSOCK, "... with WSAENOTSOCK");

    /* The event still serves a new socket, even one that got the same descriptor number. */
    {
        SOCKET c, d;
        REQUIRE(tcp_pair(&c, &d) == 0, "a second pair");
        REQUIRE(WSAEventSelect(d, ev2, FD_READ) == 0, "select the new socket on ev2");
        send(c, "z", 1, 0);
        CHECK_EQ(wait_and_enum(d, ev2, 5000, &ne), FD_READ, "the reused event works for a new socket");
        closesocket(c);
        closesocket(d);
    }

    closesocket(a);
    WSACloseEvent(ev1);
    WSACloseEvent(ev2);
    WSACleanup();
    return check_done();
}

/* WSAEnumNetworkEvents (docs/WINDOWS.md §6.4): copies and clears the record and resets the event
 * in one step; writes iErrorCode only for reported bits; accepts a NULL event handle (then
 * the event is left alone); on failure changes nothing. */
#include "event_util.h"

int main(void)
{
    SOCKET a, b;
    WSAEVENT ev;
    WSANETWORKEVENTS ne;
    int i, untouched;

    start_winsock();
    REQUIRE(tcp_pair(&a, &b) == 0, "loopback TCP pair");
    ev = WSACreateEvent();
    REQUIRE(ev != WSA_INVALID_EVENT, "WSACreateEvent");

    REQUIRE(WSAEventSelect(b, ev, FD_READ | FD_WRITE | FD_CLOSE) == 0, "WSAEventSelect");
    send(a, "abc", 3, 0);
    sleep_ms(20);
    CHECK(signalled_within(ev, 5000), "FD_WRITE (at selection) and FD_READ set the event");

    /* Failure first: nothing may change. */
    CHECK_EQ(WSAEnumNetworkEvents(b, ev, NULL), SOCKET_ERROR, "a NULL lpNetworkEvents fails");
    CHECK_EQ(WSAGetLastError(), WSAEFAULT, "... with WSAEFAULT");
    CHECK(signalled_within(ev, 0), "... and did not reset the event");
    {
        WSAEVENT bogus = WSACreateEvent();
        WSACloseEvent(bogus);
        CHECK_EQ(enum_events(b, bogus, &ne), -1, "a closed event handle fails");
        CHECK_EQ(WSAGetLastError(), WSAEINVAL, "... with WSAEINVAL");
        CHECK_EQ(ne.lNetworkEvents, SENTINEL, "... and writes nothing");
    }

    /* Success: exactly the recorded bits, their codes, and nothing else. */
    CHECK_EQ(enum_events(b, ev, &ne), FD_READ | FD_WRITE, "the record is FD_READ|FD_WRITE");
    CHECK_EQ(ne.iErrorCode[FD_READ_BIT], 0, "iErrorCode[FD_READ_BIT] is 0");
    CHECK_EQ(ne.iErrorCode[FD_WRITE_BIT], 0, "iErrorCode[FD_WRITE_BIT] is 0");
    for (untouched = 1, i = 0; i < FD_MAX_EVENTS; i++)
        if (i != FD_READ_BIT && i != FD_WRITE_BIT && ne.iErrorCode[i] != SENTINEL)
            untouched = 0;
    CHECK(untouched, "the other eight iErrorCode elements are untouched");
    CHECK(!signalled_within(ev, 0), "the event was reset");
    CHECK_EQ(enum_events(b, ev, &ne), 0, "the record was cleared: a second call reports nothing");
    CHECK_EQ(ne.iErrorCode[FD_READ_BIT], SENTINEL, "... and writes no error code");

    /* A NULL event handle: the record is taken, the event stays as it is. */
    {
        char buf[8];
        CHECK_EQ(recv(b, buf, 1, 0), 1, "recv one byte (re-enables FD_READ; two remain)");
        CHECK(signalled_within(ev, 5000), "FD_READ is recorded again");
        CHECK_EQ(enum_events(b, NULL, &ne), FD_READ, "enumerating with a NULL event reports it");
        CHECK(signalled_within(ev, 0), "... and leaves the event signalled");
        CHECK_EQ(enum_events(b, NULL, &ne), 0, "... but the record was cleared");
        WSAResetEvent(ev);
    }

    /* Enumerating before anyone waited still reports what holds now. */
    {
        char buf[8];
        recv(b, buf, sizeof(buf), 0);
        send(a, "d", 1, 0);
        sleep_ms(50);
        CHECK_EQ(enum_events(b, ev, &ne), FD_READ, "data that arrived without a wait is reported");
    }

    /* On a socket that was never selected there is nothing to report. */
    CHECK_EQ(enum_events(a, ev, &ne), 0, "an unselected socket reports no events");

    closesocket(a);
    closesocket(b);
    WSACloseEvent(ev);
    WSACleanup();
    return check_done();
}

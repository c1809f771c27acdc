/* select() and poll() on an event-selected socket (docs/WINDOWS.md §6.3, docs/ARCHITECTURE.md: a
 * SOCKET is a real pollable descriptor): they report readiness without touching the event record,
 * without re-enabling anything and without setting or resetting the event. */
#include "event_util.h"
#ifndef _WIN32
#include <poll.h>
#endif

/* Polls one socket without waiting: the C library's poll() on the descriptor where a SOCKET is
 * one, WSAPoll on Windows. Returns what the call returns; the events seen go to *revents. */
static int poll_now(SOCKET s, short events, short *revents)
{
    int n;
#ifdef _WIN32
    WSAPOLLFD pfd;
    pfd.fd = s;
#else
    struct pollfd pfd;
    pfd.fd = (int)s;
#endif
    pfd.events = events;
    pfd.revents = 0;
#ifdef _WIN32
    n = WSAPoll(&pfd, 1, 0);
#else
    n = poll(&pfd, 1, 0);
#endif
    *revents = pfd.revents;
    return n;
}

int main(void)
{
    SOCKET a, b;
    WSAEVENT ev;
    WSANETWORKEVENTS ne;
    fd_set rd, wr;
    struct timeval tv = {0, 0};
    short revents;
    char buf[16];

    start_winsock();
    REQUIRE(tcp_pair(&a, &b) == 0, "loopback TCP pair");
    ev = WSACreateEvent();
    REQUIRE(ev != WSA_INVALID_EVENT, "WSACreateEvent");
    REQUIRE(WSAEventSelect(b, ev, FD_READ | FD_WRITE | FD_CLOSE) == 0, "select b");

    send(a, "abc", 3, 0);
    CHECK(signalled_within(ev, 5000), "FD_READ/FD_WRITE set the event");

    /* Winsock select() before enumerating. */
    FD_ZERO(&rd);
    FD_ZERO(&wr);
    FD_SET(b, &rd);
    FD_SET(b, &wr);
    CHECK_EQ(select(0, &rd, &wr, NULL, &tv), 2, "select() sees b readable and writable");
    CHECK(signalled_within(ev, 0), "select() did not reset the event");

    /* Native poll() on the same descriptor. */
    CHECK_EQ(poll_now(b, POLLIN | POLLOUT, &revents), 1, "poll() on the SOCKET value works");
    CHECK((revents & (POLLIN | POLLOUT)) == (POLLIN | POLLOUT), "... readable and writable");

    CHECK_EQ(enum_events(b, ev, &ne), FD_READ | FD_WRITE, "the record survived select() and poll()");

    /* After enumerating, select()/poll() still see the data, but record nothing. */
    FD_ZERO(&rd);
    FD_SET(b, &rd);
    CHECK_EQ(select(0, &rd, NULL, NULL, &tv), 1, "select() still sees the unread data");
    CHECK_EQ(poll_now(b, POLLIN | POLLOUT, &revents), 1, "poll() too");
    CHECK(!signalled_within(ev, 100), "but they re-enable nothing: no new FD_READ, event stays reset");

    /* A wait that blocks in select() while data arrives: the record is still made by the
     * next WSAWaitForMultipleEvents. */
    CHECK_EQ(recv(b, buf, sizeof(buf), 0), 3, "recv re-enables FD_READ");
    CHECK_EQ(wait_and_enum(b, ev, 0, &ne), 0, "nothing left to report");
    send(a, "d", 1, 0);
    FD_ZERO(&rd);
    FD_SET(b, &rd);
    tv.tv_sec = 5;
    CHECK_EQ(select(0, &rd, NULL, NULL, &tv), 1, "select() wakes for new data");
    CHECK_EQ(wait_and_enum(b, ev, 5000, &ne), FD_READ, "... and FD_READ is still recorded for it");

    closesocket(a);
    closesocket(b);
    WSACloseEvent(ev);
    WSACleanup();
    return check_done();
}

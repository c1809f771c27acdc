/* One event object serving several sockets (docs/WINDOWS.md §6.3 rule 5, §6.4): the classic
 * "one event, many sockets" loop. WSAEnumNetworkEvents takes only the named socket's record;
 * the others keep theirs even though the shared event is reset. */
#include "event_util.h"

#define NS 4

int main(void)
{
    SOCKET cli[NS], srv[NS];
    WSAEVENT ev;
    WSANETWORKEVENTS ne;
    long got[NS];
    int i, ok;
    char buf[16];

    start_winsock();
    ev = WSACreateEvent();
    REQUIRE(ev != WSA_INVALID_EVENT, "WSACreateEvent");
    for (ok = 1, i = 0; i < NS; i++) {
        ok &= tcp_pair(&cli[i], &srv[i]) == 0;
        ok &= WSAEventSelect(srv[i], ev, FD_READ | FD_CLOSE) == 0;
    }
    REQUIRE(ok, "four pairs, every server socket selected on the same event");

    CHECK(!signalled_within(ev, 100), "no traffic: the shared event stays unsignalled");

    send(cli[1], "one", 3, 0);
    send(cli[3], "three", 5, 0);
    sleep_ms(20);
    CHECK(signalled_within(ev, 5000), "traffic on two sockets sets the shared event");

    CHECK_EQ(enum_events(srv[0], ev, &ne), 0, "socket 0 has nothing recorded");
    CHECK(!signalled_within(ev, 0), "... but enumerating it reset the shared event");
    CHECK_EQ(enum_events(srv[1], ev, &ne), FD_READ, "socket 1 still has its FD_READ");
    CHECK_EQ(enum_events(srv[1], ev, &ne), 0, "... taken once");
    CHECK_EQ(enum_events(srv[2], ev, &ne), 0, "socket 2 has nothing recorded");
    CHECK_EQ(enum_events(srv[3], ev, &ne), FD_READ, "socket 3 still has its FD_READ");

    /* The loop a legacy server runs: wait, then enumerate every socket. */
    for (i = 0; i < NS; i++) {
        recv(srv[i], buf, sizeof(buf), 0);
        got[i] = 0;
    }
    send(cli[0], "a", 1, 0);
    send(cli[2], "c", 1, 0);
    closesocket(cli[3]);
    {
        long long deadline = now_ms() + 5000;
        while ((got[0] & FD_READ) == 0 || (got[2] & FD_READ) == 0 || (got[3] & FD_CLOSE) == 0) {
            DWORD r = WSAWaitForMultipleEvents(1, &ev, FALSE, 200, FALSE);
            if (now_ms() > deadline || r == WSA_WAIT_FAILED)
                break;
            if (r == WSA_WAIT_TIMEOUT)
                continue;
            for (i = 0; i < NS; i++) {
                long bits = enum_events(srv[i], ev, &ne);
                if (bits > 0)
                    got[i] |= bits;
                if (bits & FD_READ)
                    recv(srv[i], buf, sizeof(buf), 0);
            }
        }
    }
    CHECK_EQ(got[0], FD_READ, "loop: socket 0 got exactly FD_READ");
    CHECK_EQ(got[1], 0, "loop: socket 1 got nothing");
    CHECK_EQ(got[2], FD_READ, "loop: socket 2 got exactly FD_READ");
    CHECK_EQ(got[3], FD_CLOSE, "loop: socket 3 got exactly FD_CLOSE");

    /* Closing one socket leaves the others' selections working. */
    closesocket(srv[0]);
    send(cli[1], "x", 1, 0);
    CHECK_EQ(wait_and_enum(srv[1], ev, 5000, &ne), FD_READ, "after closing socket 0, socket 1 still reports");

    for (i = 0; i < NS; i++) {
        if (i != 3)
            closesocket(cli[i]);
        if (i != 0)
            closesocket(srv[i]);
    }
    WSACloseEvent(ev);
    WSACleanup();
    return check_done();
}

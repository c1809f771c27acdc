/* ws2mp-test: posix */ /* a private network namespace (unshare) */
/* ws2mp-test: needs-root
 *
 * Windows' receive-side multicast loopback, IPv4 and IPv6, inside a private network namespace:
 * - the matrix: sender and receiver each with SIO_MULTIPOINT_LOOPBACK TRUE/FALSE; only the
 *   receiver's setting decides whether it sees a datagram sent from this host;
 * - IP_MULTICAST_LOOP through setsockopt has the same meaning (Microsoft's example: a sender
 *   with loopback OFF still reaches a receiver with loopback ON);
 * - a filtered datagram is invisible to every way of observing it: recv, recvfrom, WSARecv,
 *   WSARecvFrom, MSG_PEEK, FIONREAD, select, blocking recv, and FD_READ.
 *
 * A "witness" member with loopback TRUE receives every datagram: once it has one, the datagram
 * was sent and delivered, so a socket that still has nothing dropped it.
 */
#define _GNU_SOURCE 1
#include "mcast.h"

struct family {
    int af;
    const char *name;
    const char *group;
};

static const struct family families[2] = {
    {AF_INET, "IPv4", "239.255.10.1"},
    {AF_INET6, "IPv6", "ff15::10:1"},
};

static char what[256];
#define WHAT(...) (snprintf(what, sizeof(what), __VA_ARGS__), what)

/* Sends `text` to the group from `s` (its default destination) and waits for the witness. */
static int send_and_witness(SOCKET s, SOCKET witness, const char *text)
{
    char buf[64];
    int err;
    if (send(s, text, (int)strlen(text), 0) != (int)strlen(text))
        return 0;
    return recv_text(witness, buf, sizeof(buf), 2000, &err) > 0 && strcmp(buf, text) == 0;
}

/* True when `s` has nothing to deliver now (a receive fails with WSAEWOULDBLOCK). */
static int nothing_for(SOCKET s)
{
    char buf[64];
    int err;
    Sleep(100);
    return recv_text(s, buf, sizeof(buf), 0, &err) < 0 && err == WSAEWOULDBLOCK;
}

static void matrix(const struct family *f)
{
    int sl, rl;
    for (sl = 1; sl >= 0; sl--) {
        for (rl = 1; rl >= 0; rl--) {
            unsigned short port = free_port(f->af);
            SOCKET w = member(f->af, NULL, port, f->group, JL_RECEIVER_ONLY);
            SOCKET r = member(f->af, NULL, port, f->group, JL_RECEIVER_ONLY);
            SOCKET s = member(f->af, NULL, port, f->group, JL_BOTH);
            char buf[64], text[32];
            int err, n;

            REQUIRE(w != INVALID_SOCKET && r != INVALID_SOCKET && s != INVALID_SOCKET,
                    WHAT("%s matrix: witness, receiver and sender (a member too) join", f->name));
            CHECK_EQ(set_loopback(r, rl), 0, WHAT("%s receiver loopback %s", f->name, rl ? "TRUE" : "FALSE"));
            CHECK_EQ(set_loopback(s, sl), 0, WHAT("%s sender loopback %s", f->name, sl ? "TRUE" : "FALSE"));
            snprintf(text, sizeof(text), "matrix s%d r%d", sl, rl);
            CHECK(send_and_witness(s, w, text), WHAT("%s sender s=%d r=%d: sent, the witness has it", f->name, sl, rl));
            if (rl) {
                n = recv_text(r, buf, sizeof(buf), 2000, &err);
                CHECK(n > 0 && strcmp(buf, text) == 0,
                      WHAT("%s receiver with loopback TRUE gets it (sender loopback %s)", f->name, sl ? "TRUE" : "FALSE"));
            } else {
                CHECK(nothing_for(r),
                      WHAT("%s receiver with loopback FALSE does not get it (sender loopback %s)", f->name, sl ? "TRUE" : "FALSE"));
            }
            if (sl) {
                n = recv_text(s, buf, sizeof(buf), 2000, &err);
                CHECK(n > 0 && strcmp(buf, text) == 0, WHAT("%s sender with loopback TRUE gets its own datagram", f->name));
            } else {
                CHECK(nothing_for(s), WHAT("%s sender with loopback FALSE does not get its own datagram", f->name));
            }
            closesocket(w);
            closesocket(r);
            closesocket(s);
        }
    }
}

/* Plain sockets with setsockopt(IP_MULTICAST_LOOP): Microsoft's example. */
static void setsockopt_loop(const struct family *f)
{
    unsigned short port = free_port(f->af);
    int level = f->af == AF_INET ? IPPROTO_IP : IPPROTO_IPV6;
    int loop_opt = f->af == AF_INET ? IP_MULTICAST_LOOP : IPV6_MULTICAST_LOOP;
    SOCKET on = socket(f->af, SOCK_DGRAM, 0), off = socket(f->af, SOCK_DGRAM, 0);
    SOCKADDR_STORAGE local, g;
    int len = make_addr(&local, f->af, f->af == AF_INET ? "0.0.0.0" : "::", port);
    int glen = make_addr(&g, f->af, f->group, port);
    BOOL yes = TRUE;
    DWORD v;
    char buf[64];
    int err, i;
    SOCKET both[2];

    both[0] = on;
    both[1] = off;
    for (i = 0; i < 2; i++) {
        SOCKET s = both[i];
        int ok = setsockopt(s, SOL_SOCKET, SO_REUSEADDR, (char *)&yes, sizeof(yes)) == 0 &&
                 bind(s, (struct sockaddr *)&local, len) == 0 && set_nonblocking(s) == 0;
        if (f->af == AF_INET) {
            struct ip_mreq m;
            m.imr_multiaddr = ((struct sockaddr_in *)&g)->sin_addr;
            m.imr_interface.s_addr = htonl(INADDR_ANY);
            ok = ok && setsockopt(s, IPPROTO_IP, IP_ADD_MEMBERSHIP, (char *)&m, sizeof(m)) == 0;
        } else {
            struct ipv6_mreq m;
            m.ipv6mr_multiaddr = ((struct sockaddr_in6 *)&g)->sin6_addr;
            m.ipv6mr_interface = 0;
            ok = ok && setsockopt(s, IPPROTO_IPV6, IPV6_JOIN_GROUP, (char *)&m, sizeof(m)) == 0;
        }
        v = i == 0 ? 1 : 0;
        ok = ok && setsockopt(s, level, loop_opt, (char *)&v, sizeof(v)) == 0;
        REQUIRE(ok, WHAT("%s plain socket %s: bound, joined with setsockopt, loop %lu", f->name,
                         i == 0 ? "ON" : "OFF", (unsigned long)v));
    }
    CHECK_EQ(sendto(off, "from OFF", 8, 0, (struct sockaddr *)&g, glen), 8, WHAT("%s the loop-OFF socket sends", f->name));
    CHECK(recv_text(on, buf, sizeof(buf), 2000, &err) > 0 && strcmp(buf, "from OFF") == 0,
          WHAT("%s ... the loop-ON socket receives it (Winsock; POSIX would not loop it back)", f->name));
    CHECK(nothing_for(off), WHAT("%s ... the loop-OFF sender does not see its own datagram", f->name));
    CHECK_EQ(sendto(on, "from ON", 7, 0, (struct sockaddr *)&g, glen), 7, WHAT("%s the loop-ON socket sends", f->name));
    CHECK(recv_text(on, buf, sizeof(buf), 2000, &err) > 0 && strcmp(buf, "from ON") == 0,
          WHAT("%s ... and receives its own datagram", f->name));
    CHECK(nothing_for(off), WHAT("%s ... the loop-OFF socket does not receive it (Winsock; POSIX would)", f->name));
    closesocket(on);
    closesocket(off);
}

/* Every way of observing a datagram hides one the filter drops. */
static void observation_paths(const struct family *f)
{
    unsigned short port = free_port(f->af);
    SOCKET w = member(f->af, NULL, port, f->group, JL_RECEIVER_ONLY);
    SOCKET r = member(f->af, NULL, port, f->group, JL_RECEIVER_ONLY);
    SOCKET b = member(f->af, NULL, port, f->group, JL_RECEIVER_ONLY);
    SOCKET s = member(f->af, NULL, port, f->group, JL_SENDER_ONLY);
    SOCKET e = member(f->af, NULL, port, f->group, JL_RECEIVER_ONLY);
    WSAEVENT ev = WSACreateEvent();
    WSANETWORKEVENTS ne;
    char buf[64];
    SOCKADDR_STORAGE from;
    int fromlen, err, n;
    WSABUF wb;
    DWORD got, flags, timeout = 300;
    u_long avail;
    u_long blocking = 0;
    fd_set rs;
    struct timeval tv;

    REQUIRE(w != INVALID_SOCKET && r != INVALID_SOCKET && b != INVALID_SOCKET && s != INVALID_SOCKET &&
                e != INVALID_SOCKET && ev != WSA_INVALID_EVENT,
            WHAT("%s observation: sockets and an event", f->name));
    CHECK_EQ(set_loopback(r, FALSE), 0, WHAT("%s receiver loopback FALSE", f->name));

    REQUIRE(send_and_witness(s, w, "r1"), WHAT("%s datagram 1 sent", f->name));
    Sleep(50);
    CHECK(recv(r, buf, sizeof(buf), 0) == SOCKET_ERROR && WSAGetLastError() == WSAEWOULDBLOCK,
          WHAT("%s recv drops it: WSAEWOULDBLOCK", f->name));

    REQUIRE(send_and_witness(s, w, "r2"), WHAT("%s datagram 2 sent", f->name));
    Sleep(50);
    fromlen = sizeof(from);
    CHECK(recvfrom(r, buf, sizeof(buf), 0, (struct sockaddr *)&from, &fromlen) == SOCKET_ERROR &&
              WSAGetLastError() == WSAEWOULDBLOCK,
          WHAT("%s recvfrom drops it", f->name));

    REQUIRE(send_and_witness(s, w, "r3"), WHAT("%s datagram 3 sent", f->name));
    Sleep(50);
    wb.len = sizeof(buf);
    wb.buf = buf;
    flags = 0;
    CHECK(WSARecv(r, &wb, 1, &got, &flags, NULL, NULL) == SOCKET_ERROR && WSAGetLastError() == WSAEWOULDBLOCK,
          WHAT("%s WSARecv drops it", f->name));

    REQUIRE(send_and_witness(s, w, "r4"), WHAT("%s datagram 4 sent", f->name));
    Sleep(50);
    flags = 0;
    fromlen = sizeof(from);
    CHECK(WSARecvFrom(r, &wb, 1, &got, &flags, (struct sockaddr *)&from, &fromlen, NULL, NULL) == SOCKET_ERROR &&
              WSAGetLastError() == WSAEWOULDBLOCK,
          WHAT("%s WSARecvFrom drops it", f->name));

    REQUIRE(send_and_witness(s, w, "r5"), WHAT("%s datagram 5 sent", f->name));
    Sleep(50);
    CHECK(recv(r, buf, sizeof(buf), MSG_PEEK) == SOCKET_ERROR && WSAGetLastError() == WSAEWOULDBLOCK,
          WHAT("%s recv(MSG_PEEK) does not show it", f->name));
    CHECK(recv(r, buf, sizeof(buf), 0) == SOCKET_ERROR && WSAGetLastError() == WSAEWOULDBLOCK,
          WHAT("%s ... and it is gone afterwards", f->name));

    REQUIRE(send_and_witness(s, w, "r6"), WHAT("%s datagram 6 sent", f->name));
    Sleep(50);
    avail = 12345;
    CHECK(ioctlsocket(r, FIONREAD, &avail) == 0 && avail == 0, WHAT("%s FIONREAD reports 0 bytes", f->name));

    REQUIRE(send_and_witness(s, w, "r7"), WHAT("%s datagram 7 sent", f->name));
    Sleep(50);
    FD_ZERO(&rs);
    FD_SET(r, &rs);
    tv.tv_sec = 0;
    tv.tv_usec = 200 * 1000;
    CHECK_EQ(select(0, &rs, NULL, NULL, &tv), 0, WHAT("%s select does not report it readable (times out)", f->name));

    /* A blocking socket with a receive timeout: the dropped datagram does not end the wait. */
    CHECK_EQ(set_loopback(b, FALSE), 0, WHAT("%s blocking receiver loopback FALSE", f->name));
    CHECK_EQ(ioctlsocket(b, FIONBIO, &blocking), 0, WHAT("%s ... made blocking", f->name));
    CHECK_EQ(setsockopt(b, SOL_SOCKET, SO_RCVTIMEO, (char *)&timeout, sizeof(timeout)), 0,
             WHAT("%s ... with SO_RCVTIMEO 300 ms", f->name));
    REQUIRE(send_and_witness(s, w, "b1"), WHAT("%s datagram b1 sent", f->name));
    CHECK(recv(b, buf, sizeof(buf), 0) == SOCKET_ERROR && WSAGetLastError() == WSAETIMEDOUT,
          WHAT("%s blocking recv times out instead of returning it", f->name));

    /* The event model: no FD_READ for datagrams the socket drops. */
    CHECK_EQ(set_loopback(e, FALSE), 0, WHAT("%s selected receiver loopback FALSE", f->name));
    CHECK_EQ(WSAEventSelect(e, ev, FD_READ), 0, WHAT("%s WSAEventSelect(FD_READ)", f->name));
    REQUIRE(send_and_witness(s, w, "e1") && send_and_witness(s, w, "e2") && send_and_witness(s, w, "e3"),
            WHAT("%s three datagrams sent", f->name));
    CHECK_EQ(WSAWaitForMultipleEvents(1, &ev, FALSE, 300, FALSE), WSA_WAIT_TIMEOUT,
             WHAT("%s the event is not signalled", f->name));
    memset(&ne, 0, sizeof(ne));
    CHECK(WSAEnumNetworkEvents(e, ev, &ne) == 0 && ne.lNetworkEvents == 0,
          WHAT("%s WSAEnumNetworkEvents reports no FD_READ", f->name));
    CHECK_EQ(set_loopback(e, TRUE), 0, WHAT("%s loopback back to TRUE", f->name));
    REQUIRE(send_and_witness(s, w, "e4"), WHAT("%s datagram e4 sent", f->name));
    CHECK_EQ(WSAWaitForMultipleEvents(1, &ev, FALSE, 2000, FALSE), WSA_WAIT_EVENT_0,
             WHAT("%s now the event is signalled", f->name));
    memset(&ne, 0, sizeof(ne));
    CHECK(WSAEnumNetworkEvents(e, ev, &ne) == 0 && ne.lNetworkEvents == FD_READ && ne.iErrorCode[FD_READ_BIT] == 0,
          WHAT("%s ... with FD_READ", f->name));
    n = recv_text(e, buf, sizeof(buf), 0, &err);
    CHECK(n > 0 && strcmp(buf, "e4") == 0, WHAT("%s recv returns e4 (e1..e3 were dropped, not kept)", f->name));
    CHECK(nothing_for(e), WHAT("%s ... and nothing else", f->name));

    closesocket(w);
    closesocket(r);
    closesocket(b);
    closesocket(s);
    closesocket(e);
    WSACloseEvent(ev);
}

int main(void)
{
    WSADATA wsa;
    int i;

    private_netns();
    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");
    for (i = 0; i < 2; i++) {
        matrix(&families[i]);
        setsockopt_loop(&families[i]);
        observation_paths(&families[i]);
    }
    WSACleanup();
    return check_done();
}

/* ws2mp-test: posix */ /* a private network namespace (unshare) */
/* ws2mp-test: needs-root
 *
 * Who receives what, IPv4 and IPv6, inside a private network namespace, as on Windows:
 * - sender-only members (JL_SENDER_ONLY) join nothing and receive nothing, even on the port;
 *   JL_SENDER_ONLY | JL_RECEIVER_ONLY (how some Windows code spells "both") is JL_BOTH;
 * - non-members bound to a member's port (multipoint or plain, or members of another group)
 *   do not receive the group;
 * - closesocket leaves the group;
 * - a member bound to the host's own address receives the group, rejects unicast sent to the
 *   host's other addresses (also for FD_READ), and reports its address in getsockname;
 * - scope 0 still delivers on this host;
 * - after WSAJoinLeaf, send/WSASend without an address go to the group;
 * - a sender-only member may then WSAConnect to the group (Windows' own sender code does);
 * - FD_CONNECT after a receiving join, then FD_READ.
 */
#define _GNU_SOURCE 1
#include "mcast.h"

struct family {
    int af;
    const char *name;
    const char *group;
    const char *other_group;
    const char *local;    /* the namespace link's address */
    const char *loopback; /* another address of this host */
};

static const struct family families[2] = {
    {AF_INET, "IPv4", "239.255.20.1", "239.255.20.2", NS_ADDR4, "127.0.0.1"},
    {AF_INET6, "IPv6", "ff15::20:1", "ff15::20:2", NS_ADDR6, "::1"},
};

static char what[256];
#define WHAT(...) (snprintf(what, sizeof(what), __VA_ARGS__), what)

static int got_text(SOCKET s, const char *text, int ms)
{
    char buf[128];
    int err;
    return recv_text(s, buf, sizeof(buf), ms, &err) > 0 && strcmp(buf, text) == 0;
}

static int nothing_for(SOCKET s)
{
    char buf[64];
    int err;
    Sleep(100);
    return recv_text(s, buf, sizeof(buf), 0, &err) < 0 && err == WSAEWOULDBLOCK;
}

static SOCKET bound_plain(int af, unsigned short port)
{
    SOCKADDR_STORAGE a;
    int len = make_addr(&a, af, af == AF_INET ? "0.0.0.0" : "::", port);
    BOOL on = TRUE;
    SOCKET s = socket(af, SOCK_DGRAM, 0);
    if (s == INVALID_SOCKET || setsockopt(s, SOL_SOCKET, SO_REUSEADDR, (char *)&on, sizeof(on)) != 0 ||
        bind(s, (struct sockaddr *)&a, len) != 0 || set_nonblocking(s) != 0) {
        closesocket(s);
        return INVALID_SOCKET;
    }
    return s;
}

static SOCKET bound_leaf(int af, unsigned short port)
{
    SOCKADDR_STORAGE a;
    int len = make_addr(&a, af, af == AF_INET ? "0.0.0.0" : "::", port);
    BOOL on = TRUE;
    SOCKET s = leaf_socket(af);
    if (s == INVALID_SOCKET || setsockopt(s, SOL_SOCKET, SO_REUSEADDR, (char *)&on, sizeof(on)) != 0 ||
        bind(s, (struct sockaddr *)&a, len) != 0 || set_nonblocking(s) != 0) {
        closesocket(s);
        return INVALID_SOCKET;
    }
    return s;
}

static void membership(const struct family *f)
{
    unsigned short port = free_port(f->af);
    int before = group_users(f->af, f->group);
    SOCKET m = member(f->af, NULL, port, f->group, JL_RECEIVER_ONLY);
    SOCKET m2 = member(f->af, NULL, port, f->group, JL_BOTH);
    SOCKET m3 = member(f->af, NULL, port, f->group, JL_SENDER_ONLY | JL_RECEIVER_ONLY);
    SOCKET so = member(f->af, NULL, port, f->group, JL_SENDER_ONLY);
    SOCKET other = member(f->af, NULL, port, f->other_group, JL_RECEIVER_ONLY);
    SOCKET nl = bound_leaf(f->af, port);
    SOCKET np = bound_plain(f->af, port);

    REQUIRE(m != INVALID_SOCKET && m2 != INVALID_SOCKET && m3 != INVALID_SOCKET && so != INVALID_SOCKET && other != INVALID_SOCKET &&
                nl != INVALID_SOCKET && np != INVALID_SOCKET,
            WHAT("%s: members, a sender-only member, another group's member and non-members share a port", f->name));
    CHECK_EQ(group_users(f->af, f->group), before + 3,
             WHAT("%s the kernel counts three memberships: JL_SENDER_ONLY added none", f->name));
    CHECK_EQ(send(so, "to the group", 12, 0), 12, WHAT("%s the sender-only member sends with send() (no address)", f->name));
    CHECK(got_text(m, "to the group", 2000), WHAT("%s a JL_RECEIVER_ONLY member receives it", f->name));
    CHECK(got_text(m2, "to the group", 2000), WHAT("%s a JL_BOTH member receives it", f->name));
    CHECK(got_text(m3, "to the group", 2000),
          WHAT("%s a JL_SENDER_ONLY | JL_RECEIVER_ONLY member receives it", f->name));
    CHECK_EQ(send(m3, "from m3", 7, 0), 7, WHAT("%s ... and sends to the group with send()", f->name));
    CHECK(got_text(m, "from m3", 2000), WHAT("%s ... which the JL_RECEIVER_ONLY member receives", f->name));
    CHECK(got_text(m2, "from m3", 2000), WHAT("%s ... and so does the JL_BOTH member", f->name));
    CHECK(nothing_for(so), WHAT("%s the sender-only member, bound to the port, does not", f->name));
    CHECK(nothing_for(other), WHAT("%s a member of another group on the port does not", f->name));
    CHECK(nothing_for(nl), WHAT("%s a multipoint non-member on the port does not", f->name));
    CHECK(nothing_for(np), WHAT("%s a plain non-member on the port does not", f->name));

    CHECK_EQ(closesocket(m2), 0, WHAT("%s closesocket on a member", f->name));
    CHECK_EQ(group_users(f->af, f->group), before + 2, WHAT("%s ... leaves the group", f->name));
    CHECK_EQ(closesocket(m3), 0, WHAT("%s closesocket on another member", f->name));
    CHECK_EQ(group_users(f->af, f->group), before + 1, WHAT("%s ... leaves the group", f->name));
    CHECK_EQ(closesocket(m), 0, WHAT("%s closesocket on the last member", f->name));
    CHECK_EQ(group_users(f->af, f->group), before, WHAT("%s ... the group has no member left", f->name));
    closesocket(so);
    closesocket(other);
    closesocket(nl);
    closesocket(np);
}

static void default_destination(const struct family *f)
{
    unsigned short port = free_port(f->af);
    SOCKET r = member(f->af, NULL, port, f->group, JL_RECEIVER_ONLY);
    SOCKET s = leaf_socket(f->af);
    SOCKADDR_STORAGE g, peer;
    int glen = make_addr(&g, f->af, f->group, port), plen = sizeof(peer);
    char data[] = "via WSASend";
    WSABUF wb;
    DWORD sent = 0;

    REQUIRE(r != INVALID_SOCKET && s != INVALID_SOCKET, WHAT("%s a member and an unbound leaf socket", f->name));
    CHECK(send(s, "x", 1, 0) == SOCKET_ERROR && WSAGetLastError() == WSAENOTCONN,
          WHAT("%s before the join, send() has no destination: WSAENOTCONN", f->name));
    CHECK(WSAJoinLeaf(s, (struct sockaddr *)&g, glen, NULL, NULL, NULL, NULL, JL_SENDER_ONLY) == s,
          WHAT("%s the sender joins (JL_SENDER_ONLY)", f->name));
    CHECK_EQ(send(s, "via send", 8, 0), 8, WHAT("%s send() without an address", f->name));
    CHECK(got_text(r, "via send", 2000), WHAT("%s ... reaches the group", f->name));
    wb.len = (ULONG)strlen(data);
    wb.buf = data;
    CHECK_EQ(WSASend(s, &wb, 1, &sent, 0, NULL, NULL), 0, WHAT("%s WSASend without an address", f->name));
    CHECK_EQ(sent, strlen(data), WHAT("%s ... sends every byte", f->name));
    CHECK(got_text(r, "via WSASend", 2000), WHAT("%s ... reaches the group", f->name));
    CHECK_EQ(sendto(s, "via sendto", 10, 0, (struct sockaddr *)&g, glen), 10, WHAT("%s sendto the group still works", f->name));
    CHECK(got_text(r, "via sendto", 2000), WHAT("%s ... and arrives", f->name));
    CHECK(getpeername(s, (struct sockaddr *)&peer, &plen) == 0 && plen == glen && memcmp(&peer, &g, (size_t)glen) == 0,
          WHAT("%s getpeername names the group", f->name));
    closesocket(r);
    closesocket(s);
}

/* A sender of Windows' own shape: bound to the group's port on the wildcard address
 * (SO_REUSEADDR), SIO_MULTICAST_SCOPE, WSAJoinLeaf(JL_SENDER_ONLY), then WSAConnect to the group
 * and WSASend. The join then the connect both succeed, and the datagrams reach the group. */
static void join_then_connect(const struct family *f)
{
    unsigned short port = free_port(f->af);
    SOCKET r = member(f->af, NULL, port, f->group, JL_RECEIVER_ONLY);
    SOCKET s = member(f->af, NULL, port, f->group, JL_SENDER_ONLY);
    SOCKADDR_STORAGE g;
    int glen = make_addr(&g, f->af, f->group, port);
    char data[] = "after WSAConnect";
    WSABUF wb;
    DWORD sent = 0;

    REQUIRE(r != INVALID_SOCKET && s != INVALID_SOCKET,
            WHAT("%s a member and a sender-only member bound to the group's port", f->name));
    CHECK_EQ(set_scope(s, 1), 0, WHAT("%s SIO_MULTICAST_SCOPE on the joined sender", f->name));
    CHECK_EQ(WSAConnect(s, (struct sockaddr *)&g, glen, NULL, NULL, NULL, NULL), 0,
             WHAT("%s WSAConnect to the group after the join", f->name));
    wb.len = (ULONG)strlen(data);
    wb.buf = data;
    CHECK_EQ(WSASend(s, &wb, 1, &sent, 0, NULL, NULL), 0, WHAT("%s WSASend on the connected sender", f->name));
    CHECK_EQ(sent, strlen(data), WHAT("%s ... sends every byte", f->name));
    CHECK(got_text(r, "after WSAConnect", 2000), WHAT("%s ... and the member receives it", f->name));
    closesocket(r);
    closesocket(s);
}

static void scope_zero(const struct family *f)
{
    unsigned short port = free_port(f->af);
    SOCKET r = member(f->af, NULL, port, f->group, JL_RECEIVER_ONLY);
    SOCKET s = sender(f->af, f->group, port);
    DWORD v = 77;
    int len = sizeof(v);

    REQUIRE(r != INVALID_SOCKET && s != INVALID_SOCKET, WHAT("%s scope 0: a member and a sender", f->name));
    CHECK_EQ(set_scope(s, 0), 0, WHAT("%s SIO_MULTICAST_SCOPE 0", f->name));
    CHECK(getsockopt(s, f->af == AF_INET ? IPPROTO_IP : IPPROTO_IPV6,
                     f->af == AF_INET ? IP_MULTICAST_TTL : IPV6_MULTICAST_HOPS, (char *)&v, &len) == 0 && v == 0,
          WHAT("%s ... the TTL / hop limit is 0", f->name));
    CHECK_EQ(send(s, "scope 0", 7, 0), 7, WHAT("%s the sender sends", f->name));
    CHECK(got_text(r, "scope 0", 2000), WHAT("%s a member on this host receives it", f->name));
    closesocket(r);
    closesocket(s);
}

static void bound_to_interface(const struct family *f)
{
    unsigned short port = free_port(f->af);
    SOCKET b = member(f->af, f->local, port, f->group, JL_BOTH);
    SOCKET w = member(f->af, NULL, port, f->group, JL_RECEIVER_ONLY);
    SOCKET s = sender(f->af, f->group, port);
    SOCKET u = socket(f->af, SOCK_DGRAM, 0);
    SOCKADDR_STORAGE name, to_local, to_other, from;
    int len = sizeof(name), lo = make_addr(&to_local, f->af, f->local, port);
    int lother = make_addr(&to_other, f->af, f->loopback, port), fromlen;
    WSAEVENT ev = WSACreateEvent();
    WSANETWORKEVENTS ne;
    char text[64], buf[64];
    int n;

    REQUIRE(b != INVALID_SOCKET && w != INVALID_SOCKET && s != INVALID_SOCKET && u != INVALID_SOCKET,
            WHAT("%s a leaf socket binds %s and joins", f->name, f->local));
    CHECK(getsockname(b, (struct sockaddr *)&name, &len) == 0 &&
              strcmp(addr_text(&name, text, sizeof(text)), f->local) == 0 && addr_port(&name) == port,
          WHAT("%s getsockname reports %s and the port", f->name, f->local));
    CHECK_EQ(send(s, "group", 5, 0), 5, WHAT("%s a datagram to the group", f->name));
    CHECK(got_text(b, "group", 2000), WHAT("%s ... reaches the member bound to %s (Linux alone delivers nothing)", f->name, f->local));
    CHECK(got_text(w, "group", 2000), WHAT("%s ... and the wildcard member", f->name));

    CHECK_EQ(send(b, "from bound", 10, 0), 10, WHAT("%s the bound member sends to the group", f->name));
    CHECK(got_text(b, "from bound", 2000), WHAT("%s ... gets its own datagram (loopback TRUE)", f->name));
    fromlen = sizeof(from);
    CHECK(recvfrom(w, buf, sizeof(buf), 0, (struct sockaddr *)&from, &fromlen) == 10,
          WHAT("%s ... the wildcard member receives it", f->name));
    CHECK(strcmp(addr_text(&from, text, sizeof(text)), f->local) == 0 && addr_port(&from) == port,
          WHAT("%s ... from the bound address and port", f->name));

    /* Unicast from the bound member carries the bound address, even to another of the host's
     * addresses (the routing table alone would pick that one). */
    {
        unsigned short uport = free_port(f->af);
        SOCKADDR_STORAGE ua;
        int ulen = make_addr(&ua, f->af, f->loopback, uport);
        SOCKET p = socket(f->af, SOCK_DGRAM, 0);
        REQUIRE(p != INVALID_SOCKET && bind(p, (struct sockaddr *)&ua, ulen) == 0 && set_nonblocking(p) == 0,
                WHAT("%s a plain receiver on %s", f->name, f->loopback));
        CHECK_EQ(sendto(b, "unicast", 7, 0, (struct sockaddr *)&ua, ulen), 7,
                 WHAT("%s the bound member sends unicast to %s", f->name, f->loopback));
        wait_readable(p, 2000);
        fromlen = sizeof(from);
        CHECK(recvfrom(p, buf, sizeof(buf), 0, (struct sockaddr *)&from, &fromlen) == 7 &&
                  strcmp(addr_text(&from, text, sizeof(text)), f->local) == 0 && addr_port(&from) == port,
              WHAT("%s ... it comes from %s and the bound port", f->name, f->local));
        closesocket(p);
    }

    /* The wildcard member must not take the unicast datagrams meant for the bound one. */
    closesocket(w);
    CHECK_EQ(WSAEventSelect(b, ev, FD_READ), 0, WHAT("%s WSAEventSelect(FD_READ) on the bound member", f->name));
    CHECK_EQ(sendto(u, "to other", 8, 0, (struct sockaddr *)&to_other, lother), 8,
             WHAT("%s unicast to %s, port of the bound member", f->name, f->loopback));
    CHECK_EQ(WSAWaitForMultipleEvents(1, &ev, FALSE, 300, FALSE), WSA_WAIT_TIMEOUT,
             WHAT("%s ... records no FD_READ: it is not addressed to the bound address", f->name));
    CHECK_EQ(sendto(u, "to local", 8, 0, (struct sockaddr *)&to_local, lo), 8,
             WHAT("%s unicast to %s", f->name, f->local));
    CHECK_EQ(WSAWaitForMultipleEvents(1, &ev, FALSE, 2000, FALSE), WSA_WAIT_EVENT_0, WHAT("%s ... signals", f->name));
    memset(&ne, 0, sizeof(ne));
    CHECK(WSAEnumNetworkEvents(b, ev, &ne) == 0 && ne.lNetworkEvents == FD_READ, WHAT("%s ... FD_READ", f->name));
    n = recv(b, buf, sizeof(buf) - 1, 0);
    CHECK(n == 8 && memcmp(buf, "to local", 8) == 0, WHAT("%s recv returns the datagram sent to %s", f->name, f->local));
    CHECK_EQ(sendto(u, "other 2", 7, 0, (struct sockaddr *)&to_other, lother), 7,
             WHAT("%s unicast to %s again", f->name, f->loopback));
    CHECK(nothing_for(b), WHAT("%s ... recv drops it", f->name));

    /* More dropped datagrams than one readiness check discards, then one to keep. */
    {
        int k, sent = 0;
        for (k = 0; k < 150; k++)
            sent += sendto(u, "burst", 5, 0, (struct sockaddr *)&to_other, lother) == 5;
        CHECK_EQ(sent, 150, WHAT("%s 150 unicast datagrams to %s", f->name, f->loopback));
        CHECK_EQ(sendto(u, "kept", 4, 0, (struct sockaddr *)&to_local, lo), 4, WHAT("%s then one to %s", f->name, f->local));
        CHECK_EQ(WSAWaitForMultipleEvents(1, &ev, FALSE, 2000, FALSE), WSA_WAIT_EVENT_0, WHAT("%s ... signals", f->name));
        memset(&ne, 0, sizeof(ne));
        CHECK(WSAEnumNetworkEvents(b, ev, &ne) == 0 && ne.lNetworkEvents == FD_READ, WHAT("%s ... FD_READ", f->name));
        n = recv(b, buf, sizeof(buf) - 1, 0);
        CHECK(n == 4 && memcmp(buf, "kept", 4) == 0, WHAT("%s recv returns the one kept datagram", f->name));
    }
    closesocket(b);
    closesocket(s);
    closesocket(u);
    WSACloseEvent(ev);
}

static void connect_then_read(const struct family *f)
{
    unsigned short port = free_port(f->af);
    SOCKET r = bound_leaf(f->af, port);
    SOCKET s = sender(f->af, f->group, port);
    SOCKADDR_STORAGE g;
    int glen = make_addr(&g, f->af, f->group, port);
    WSAEVENT ev = WSACreateEvent();
    WSANETWORKEVENTS ne;

    REQUIRE(r != INVALID_SOCKET && s != INVALID_SOCKET && ev != WSA_INVALID_EVENT, WHAT("%s a receiver and a sender", f->name));
    CHECK_EQ(WSAEventSelect(r, ev, FD_READ | FD_CONNECT), 0, WHAT("%s WSAEventSelect(FD_READ|FD_CONNECT)", f->name));
    CHECK(WSAJoinLeaf(r, (struct sockaddr *)&g, glen, NULL, NULL, NULL, NULL, JL_RECEIVER_ONLY) == r,
          WHAT("%s JL_RECEIVER_ONLY join", f->name));
    CHECK_EQ(WSAWaitForMultipleEvents(1, &ev, FALSE, 1000, FALSE), WSA_WAIT_EVENT_0, WHAT("%s signals", f->name));
    memset(&ne, 0xff, sizeof(ne));
    CHECK(WSAEnumNetworkEvents(r, ev, &ne) == 0 && ne.lNetworkEvents == FD_CONNECT && ne.iErrorCode[FD_CONNECT_BIT] == 0,
          WHAT("%s ... FD_CONNECT with code 0", f->name));
    CHECK_EQ(send(s, "after join", 10, 0), 10, WHAT("%s a datagram to the group", f->name));
    CHECK_EQ(WSAWaitForMultipleEvents(1, &ev, FALSE, 2000, FALSE), WSA_WAIT_EVENT_0, WHAT("%s signals again", f->name));
    memset(&ne, 0xff, sizeof(ne));
    CHECK(WSAEnumNetworkEvents(r, ev, &ne) == 0 && ne.lNetworkEvents == FD_READ && ne.iErrorCode[FD_READ_BIT] == 0,
          WHAT("%s ... FD_READ", f->name));
    CHECK(got_text(r, "after join", 0), WHAT("%s recv returns it", f->name));
    closesocket(r);
    closesocket(s);
    WSACloseEvent(ev);
}

int main(void)
{
    WSADATA wsa;
    int i;

    private_netns();
    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");
    for (i = 0; i < 2; i++) {
        membership(&families[i]);
        default_destination(&families[i]);
        join_then_connect(&families[i]);
        scope_zero(&families[i]);
        bound_to_interface(&families[i]);
        connect_then_read(&families[i]);
    }
    WSACleanup();
    return check_done();
}

/* ws2mp-test: posix */ /* a private network namespace (unshare) */
/* ws2mp-test: needs-root
 *
 * A multicast receiver written the way many Windows programs are: a plain socket() UDP socket
 * bound to the host's own interface address (to choose the interface), then joined with
 * IP_ADD_MEMBERSHIP / IPV6_ADD_MEMBERSHIP on that address's interface. On Windows it receives
 * the group; the kernel here delivers multicast only to sockets bound to the wildcard address,
 * so ws2mp moves the socket onto one when it joins. What the program set before the join is
 * kept (non-blocking mode, the multicast TTL, SO_REUSEADDR, its WSAEventSelect), getsockname
 * still reports the bound address, unicast to that address still arrives while unicast to the
 * host's other addresses does not, what it sends comes from the bound address, and dropping
 * the membership stops the group.
 */
#define _GNU_SOURCE 1
#include "mcast.h"
#include <net/if.h>

static char what[256];
#define WHAT(...) (snprintf(what, sizeof(what), __VA_ARGS__), what)

struct family {
    int af;
    const char *name;
    const char *group;
    const char *local;    /* the interface address the receiver binds */
    const char *loopback; /* another address of this host */
};

static const struct family families[2] = {
    {AF_INET, "IPv4", "239.255.77.1", NS_ADDR4, "127.0.0.1"},
    {AF_INET6, "IPv6", "ff15::77:1", NS_ADDR6, "::1"},
};

/* Joins `group` on the interface of `local` the way the program would write it. */
static int add_membership(SOCKET s, const struct family *f, int add)
{
    if (f->af == AF_INET) {
        struct ip_mreq mreq;
        mreq.imr_multiaddr.s_addr = inet_addr(f->group);
        mreq.imr_interface.s_addr = inet_addr(f->local);
        return setsockopt(s, IPPROTO_IP, add ? IP_ADD_MEMBERSHIP : IP_DROP_MEMBERSHIP, (char *)&mreq,
                          sizeof(mreq));
    } else {
        struct ipv6_mreq mreq6;
        memset(&mreq6, 0, sizeof(mreq6));
        inet_pton(AF_INET6, f->group, &mreq6.ipv6mr_multiaddr);
        mreq6.ipv6mr_interface = if_nametoindex("mc0");
        return setsockopt(s, IPPROTO_IPV6, add ? IPV6_ADD_MEMBERSHIP : IPV6_DROP_MEMBERSHIP,
                          (char *)&mreq6, sizeof(mreq6));
    }
}

/* A sender on the namespace's interface: IP_MULTICAST_IF / IPV6_MULTICAST_IF set to mc0. */
static SOCKET group_sender(const struct family *f)
{
    SOCKET s = socket(f->af, SOCK_DGRAM, IPPROTO_UDP);
    if (s == INVALID_SOCKET)
        return s;
    if (f->af == AF_INET) {
        struct in_addr iface;
        iface.s_addr = inet_addr(f->local);
        setsockopt(s, IPPROTO_IP, IP_MULTICAST_IF, (char *)&iface, sizeof(iface));
    } else {
        DWORD index = if_nametoindex("mc0");
        setsockopt(s, IPPROTO_IPV6, IPV6_MULTICAST_IF, (char *)&index, sizeof(index));
    }
    return s;
}

static int send_text(SOCKET s, const struct family *f, const char *ip, unsigned short port, const char *text)
{
    SOCKADDR_STORAGE to;
    int len = make_addr(&to, f->af, ip, port);
    return sendto(s, text, (int)strlen(text), 0, (struct sockaddr *)&to, len);
}

/* Receives one datagram within `ms` with recvfrom; its text and sender. */
static int recv_from(SOCKET s, char *buf, int len, SOCKADDR_STORAGE *from, int ms)
{
    int flen = (int)sizeof(*from), n;
    if (!wait_readable(s, ms))
        return -1;
    n = recvfrom(s, buf, len - 1, 0, (struct sockaddr *)from, &flen);
    if (n >= 0)
        buf[n] = 0;
    return n;
}

static void receiver_bound_to_interface(const struct family *f)
{
    SOCKADDR_STORAGE local, name, from;
    WSANETWORKEVENTS ne;
    char buf[128], text[64];
    int len, nlen = (int)sizeof(name);
    unsigned short port = free_port(f->af);
    DWORD ttl = 7, got_ttl = 0;
    int ttl_len = (int)sizeof(got_ttl);
    BOOL on = TRUE;
    WSAEVENT ev = WSACreateEvent();
    SOCKET r = socket(f->af, SOCK_DGRAM, 0);
    SOCKET s = group_sender(f);
    SOCKET other = socket(f->af, SOCK_DGRAM, 0);

    REQUIRE(r != INVALID_SOCKET && s != INVALID_SOCKET && other != INVALID_SOCKET, WHAT("%s sockets", f->name));
    CHECK_EQ(setsockopt(r, SOL_SOCKET, SO_REUSEADDR, (char *)&on, sizeof(on)), 0, WHAT("%s SO_REUSEADDR", f->name));
    len = make_addr(&local, f->af, f->local, port);
    CHECK_EQ(bind(r, (struct sockaddr *)&local, len), 0, WHAT("%s bind to the interface address", f->name));
    CHECK_EQ(setsockopt(r, f->af == AF_INET ? IPPROTO_IP : IPPROTO_IPV6,
                        f->af == AF_INET ? IP_MULTICAST_TTL : IPV6_MULTICAST_HOPS, (char *)&ttl, sizeof(ttl)),
             0, WHAT("%s multicast TTL 7 before the join", f->name));
    CHECK_EQ(set_nonblocking(r), 0, WHAT("%s non-blocking before the join", f->name));
    CHECK_EQ(WSAEventSelect(r, ev, FD_READ), 0, WHAT("%s WSAEventSelect(FD_READ) before the join", f->name));

    CHECK_EQ(add_membership(r, f, 1), 0, WHAT("%s the membership is added", f->name));
    CHECK_EQ(group_users_on(f->af, f->group, "mc0"), 1, WHAT("%s one member on mc0", f->name));

    /* What was set before the join is kept. */
    CHECK_EQ(getsockname(r, (struct sockaddr *)&name, &nlen), 0, WHAT("%s getsockname", f->name));
    CHECK(strcmp(addr_text(&name, buf, sizeof(buf)), f->local) == 0, WHAT("%s getsockname: the bound address", f->name));
    CHECK_EQ(addr_port(&name), port, WHAT("%s ... and port", f->name));
    CHECK_EQ(getsockopt(r, f->af == AF_INET ? IPPROTO_IP : IPPROTO_IPV6,
                        f->af == AF_INET ? IP_MULTICAST_TTL : IPV6_MULTICAST_HOPS, (char *)&got_ttl, &ttl_len),
             0, WHAT("%s getsockopt multicast TTL", f->name));
    CHECK_EQ(got_ttl, 7, WHAT("%s the TTL set before the join", f->name));
    CHECK_EQ(recv(r, buf, sizeof(buf), 0), SOCKET_ERROR, WHAT("%s nothing to read yet", f->name));
    CHECK_EQ(WSAGetLastError(), WSAEWOULDBLOCK, WHAT("%s ... WSAEWOULDBLOCK: still non-blocking", f->name));

    /* The group arrives, through the event selected before the join. */
    CHECK(send_text(s, f, f->group, port, "to the group") == 12, WHAT("%s a datagram to the group", f->name));
    CHECK_EQ(WSAWaitForMultipleEvents(1, &ev, FALSE, 2000, FALSE), WSA_WAIT_EVENT_0,
             WHAT("%s the event is signalled", f->name));
    CHECK(WSAEnumNetworkEvents(r, ev, &ne) == 0 && (ne.lNetworkEvents & FD_READ),
          WHAT("%s ... with FD_READ", f->name));
    CHECK_EQ(recv_from(r, buf, sizeof(buf), &from, 1000), 12, WHAT("%s recvfrom gets the group's datagram", f->name));
    CHECK(strcmp(buf, "to the group") == 0, WHAT("%s ... its text", f->name));
    CHECK(strcmp(addr_text(&from, text, sizeof(text)), f->local) == 0, WHAT("%s ... from the sender's address", f->name));

    /* Unicast to the bound address arrives; to another address of the host it does not. */
    CHECK(send_text(other, f, f->local, port, "unicast") == 7, WHAT("%s unicast to the bound address", f->name));
    CHECK_EQ(recv_from(r, buf, sizeof(buf), &from, 1000), 7, WHAT("%s ... received", f->name));
    CHECK(send_text(other, f, f->loopback, port, "elsewhere") == 9, WHAT("%s unicast to %s", f->name, f->loopback));
    CHECK(recv_from(r, buf, sizeof(buf), &from, 300) < 0, WHAT("%s ... not received", f->name));

    /* What the receiver sends comes from its bound address. */
    {
        SOCKADDR_STORAGE o;
        int olen = make_addr(&o, f->af, f->loopback, 0);
        int onlen = (int)sizeof(o);
        SOCKET listener = socket(f->af, SOCK_DGRAM, 0);
        CHECK(listener != INVALID_SOCKET && bind(listener, (struct sockaddr *)&o, olen) == 0 &&
                  getsockname(listener, (struct sockaddr *)&o, &onlen) == 0,
              WHAT("%s a unicast listener on %s", f->name, f->loopback));
        CHECK(send_text(r, f, f->loopback, addr_port(&o), "reply") == 5, WHAT("%s the receiver sends", f->name));
        CHECK_EQ(recv_from(listener, buf, sizeof(buf), &from, 1000), 5, WHAT("%s ... it arrives", f->name));
        CHECK(strcmp(addr_text(&from, text, sizeof(text)), f->local) == 0, WHAT("%s ... from the bound address", f->name));
        CHECK_EQ(addr_port(&from), port, WHAT("%s ... and port", f->name));
        closesocket(listener);
    }

    /* Dropping the membership stops the group. */
    CHECK_EQ(add_membership(r, f, 0), 0, WHAT("%s the membership is dropped", f->name));
    CHECK_EQ(group_users_on(f->af, f->group, "mc0"), 0, WHAT("%s no member left on mc0", f->name));
    CHECK(send_text(s, f, f->group, port, "after leaving") == 13, WHAT("%s a datagram after leaving", f->name));
    CHECK(recv_from(r, buf, sizeof(buf), &from, 300) < 0, WHAT("%s ... not received", f->name));

    closesocket(r);
    closesocket(s);
    closesocket(other);
    WSACloseEvent(ev);
}

int main(void)
{
    WSADATA wsa;
    int i;

    private_netns();
    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");
    for (i = 0; i < 2; i++)
        receiver_bound_to_interface(&families[i]);
    WSACleanup();
    return check_done();
}

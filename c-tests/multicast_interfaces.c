/* ws2mp-test: posix */ /* a private network namespace, <net/if.h> */
/* ws2mp-test: needs-root
 *
 * The interface WSAJoinLeaf joins on, IPv4 and IPv6, read back from the kernel's membership
 * lists (/proc/net/igmp, /proc/net/igmp6), inside a private network namespace with two links:
 * mc0 (which has the IPv4 multicast route) and mc1.
 * - the system's choice by default; the interface set with IP_MULTICAST_IF (an address, or
 *   Windows' 0.x.x.x index form) / IPV6_MULTICAST_IF; the group's sin6_scope_id;
 * - the interface of the address a multipoint socket is bound to (and its sends leave there,
 *   from that address);
 * - the Deering options through setsockopt: IP_ADD/DROP_MEMBERSHIP, IPV6_JOIN/LEAVE_GROUP,
 *   and a WSAJoinLeaf after a setsockopt join of the same group.
 */
#define _GNU_SOURCE 1
/* <net/if.h> (for if_nametoindex) before <winsock2.h>: both define IFF_UP, ... with different
 * values; the compat header then leaves the POSIX ones in place. */
#include <net/if.h>
#include "mcast.h"

static char what[256];
#define WHAT(...) (snprintf(what, sizeof(what), __VA_ARGS__), what)

static unsigned mc0, mc1;

static SOCKET joined(int af, const char *group, unsigned short port, DWORD flags, int (*prepare)(SOCKET, int))
{
    SOCKADDR_STORAGE g;
    int glen = make_addr(&g, af, group, port);
    SOCKET s = leaf_socket(af);
    if (s == INVALID_SOCKET)
        return s;
    if (prepare && prepare(s, af) != 0) {
        printf("# prepare: error %d\n", WSAGetLastError());
        closesocket(s);
        return INVALID_SOCKET;
    }
    if (WSAJoinLeaf(s, (struct sockaddr *)&g, glen, NULL, NULL, NULL, NULL, flags) != s) {
        printf("# join %s: error %d\n", group, WSAGetLastError());
        closesocket(s);
        return INVALID_SOCKET;
    }
    return s;
}

static int if_by_address(SOCKET s, int af)
{
    if (af == AF_INET) {
        struct in_addr a;
        inet_pton(AF_INET, "10.56.0.1", &a);
        return setsockopt(s, IPPROTO_IP, IP_MULTICAST_IF, (char *)&a, sizeof(a));
    } else {
        DWORD index = mc1;
        return setsockopt(s, IPPROTO_IPV6, IPV6_MULTICAST_IF, (char *)&index, sizeof(index));
    }
}

static int if_by_index_v4(SOCKET s, int af)
{
    DWORD v = htonl(mc1); /* Windows: 0.x.x.x is an interface index */
    (void)af;
    return setsockopt(s, IPPROTO_IP, IP_MULTICAST_IF, (char *)&v, sizeof(v));
}

static int if_mc0_v6(SOCKET s, int af)
{
    DWORD index = mc0;
    (void)af;
    return setsockopt(s, IPPROTO_IPV6, IPV6_MULTICAST_IF, (char *)&index, sizeof(index));
}

static void choices(void)
{
    SOCKET s;
    SOCKADDR_STORAGE g;
    struct sockaddr_in6 *g6 = (struct sockaddr_in6 *)&g;
    int glen;

    s = joined(AF_INET, "239.255.40.1", 9, JL_RECEIVER_ONLY, NULL);
    CHECK(s != INVALID_SOCKET && group_users_on(AF_INET, "239.255.40.1", "mc0") == 1 &&
              group_users_on(AF_INET, "239.255.40.1", "mc1") == 0,
          "IPv4 default: joined on mc0, the interface of the multicast route");
    closesocket(s);
    s = joined(AF_INET6, "ff15::40:1", 9, JL_RECEIVER_ONLY, NULL);
    CHECK(s != INVALID_SOCKET && group_users(AF_INET6, "ff15::40:1") == 1, "IPv6 default: joined on one interface");
    closesocket(s);

    s = joined(AF_INET, "239.255.40.2", 9, JL_BOTH, if_by_address);
    CHECK(s != INVALID_SOCKET && group_users_on(AF_INET, "239.255.40.2", "mc1") == 1 &&
              group_users_on(AF_INET, "239.255.40.2", "mc0") == 0,
          "IP_MULTICAST_IF 10.56.0.1: joined on mc1");
    closesocket(s);
    s = joined(AF_INET, "239.255.40.3", 9, JL_BOTH, if_by_index_v4);
    CHECK(s != INVALID_SOCKET && group_users_on(AF_INET, "239.255.40.3", "mc1") == 1,
          "IP_MULTICAST_IF 0.0.0.<index of mc1>: joined on mc1");
    closesocket(s);
    s = joined(AF_INET6, "ff15::40:2", 9, JL_BOTH, if_by_address);
    CHECK(s != INVALID_SOCKET && group_users_on(AF_INET6, "ff15::40:2", "mc1") == 1 &&
              group_users_on(AF_INET6, "ff15::40:2", "mc0") == 0,
          "IPV6_MULTICAST_IF <index of mc1>: joined on mc1");
    closesocket(s);

    /* The group's scope id wins over IPV6_MULTICAST_IF. */
    s = leaf_socket(AF_INET6);
    glen = make_addr(&g, AF_INET6, "ff12::40:3", 9);
    g6->sin6_scope_id = mc1;
    CHECK(s != INVALID_SOCKET && if_mc0_v6(s, AF_INET6) == 0 &&
              WSAJoinLeaf(s, (struct sockaddr *)&g, glen, NULL, NULL, NULL, NULL, JL_RECEIVER_ONLY) == s,
          "IPv6 join of ff12::40:3%mc1 with IPV6_MULTICAST_IF mc0");
    CHECK(group_users_on(AF_INET6, "ff12::40:3", "mc1") == 1 && group_users_on(AF_INET6, "ff12::40:3", "mc0") == 0,
          "... joined on mc1, the scope id's interface");
    closesocket(s);
    CHECK_EQ(group_users(AF_INET6, "ff12::40:3"), 0, "... and closesocket left it");
}

static void bound(int af, const char *addr, const char *group)
{
    unsigned short port = free_port(af);
    const char *name = af == AF_INET ? "IPv4" : "IPv6";
    SOCKET b = member(af, addr, port, group, JL_BOTH);
    SOCKET m1;
    SOCKADDR_STORAGE from, local;
    int fromlen = sizeof(from), len;
    BOOL on = TRUE;
    char buf[64], text[64];
    int n;

    CHECK(b != INVALID_SOCKET && group_users_on(af, group, "mc1") == 1 && group_users_on(af, group, "mc0") == 0,
          WHAT("%s member bound to %s: joined on mc1, its interface", name, addr));
    /* A receiver joined on mc1, on the port: the bound member's sends leave by mc1. */
    m1 = leaf_socket(af);
    len = make_addr(&local, af, af == AF_INET ? "0.0.0.0" : "::", port);
    REQUIRE(m1 != INVALID_SOCKET && setsockopt(m1, SOL_SOCKET, SO_REUSEADDR, (char *)&on, sizeof(on)) == 0 &&
                bind(m1, (struct sockaddr *)&local, len) == 0 && set_nonblocking(m1) == 0 && if_by_address(m1, af) == 0,
            WHAT("%s a receiver that joins on mc1", name));
    {
        SOCKADDR_STORAGE g;
        int glen = make_addr(&g, af, group, port);
        REQUIRE(WSAJoinLeaf(m1, (struct sockaddr *)&g, glen, NULL, NULL, NULL, NULL, JL_RECEIVER_ONLY) == m1,
                WHAT("%s ... joined", name));
    }
    CHECK_EQ(send(b, "bound sends", 11, 0), 11, WHAT("%s the bound member sends to the group", name));
    wait_readable(m1, 2000);
    n = recvfrom(m1, buf, sizeof(buf), 0, (struct sockaddr *)&from, &fromlen);
    CHECK(n == 11 && strcmp(addr_text(&from, text, sizeof(text)), addr) == 0,
          WHAT("%s ... by mc1, from %s", name, addr));
    closesocket(b);
    closesocket(m1);
}

static void deering(void)
{
    SOCKET s = socket(AF_INET, SOCK_DGRAM, 0), s6 = socket(AF_INET6, SOCK_DGRAM, 0);
    SOCKET l = leaf_socket(AF_INET);
    struct ip_mreq m;
    struct ipv6_mreq m6;
    SOCKADDR_STORAGE g;
    int glen = make_addr(&g, AF_INET, "239.255.40.9", 9);

    REQUIRE(s != INVALID_SOCKET && s6 != INVALID_SOCKET && l != INVALID_SOCKET, "sockets for the Deering options");
    inet_pton(AF_INET, "239.255.40.8", &m.imr_multiaddr);
    inet_pton(AF_INET, "10.56.0.1", &m.imr_interface);
    CHECK_EQ(setsockopt(s, IPPROTO_IP, IP_ADD_MEMBERSHIP, (char *)&m, sizeof(m)), 0, "IP_ADD_MEMBERSHIP on 10.56.0.1");
    CHECK_EQ(group_users_on(AF_INET, "239.255.40.8", "mc1"), 1, "... joined on mc1");
    CHECK_EQ(setsockopt(s, IPPROTO_IP, IP_DROP_MEMBERSHIP, (char *)&m, sizeof(m)), 0, "IP_DROP_MEMBERSHIP");
    CHECK_EQ(group_users(AF_INET, "239.255.40.8"), 0, "... left");
    inet_pton(AF_INET6, "ff15::40:8", &m6.ipv6mr_multiaddr);
    m6.ipv6mr_interface = mc1;
    CHECK_EQ(setsockopt(s6, IPPROTO_IPV6, IPV6_JOIN_GROUP, (char *)&m6, sizeof(m6)), 0, "IPV6_JOIN_GROUP on mc1");
    CHECK_EQ(group_users_on(AF_INET6, "ff15::40:8", "mc1"), 1, "... joined on mc1");
    CHECK_EQ(setsockopt(s6, IPPROTO_IPV6, IPV6_LEAVE_GROUP, (char *)&m6, sizeof(m6)), 0, "IPV6_LEAVE_GROUP");
    CHECK_EQ(group_users(AF_INET6, "ff15::40:8"), 0, "... left");

    inet_pton(AF_INET, "239.255.40.9", &m.imr_multiaddr);
    m.imr_interface.s_addr = htonl(INADDR_ANY);
    CHECK_EQ(setsockopt(l, IPPROTO_IP, IP_ADD_MEMBERSHIP, (char *)&m, sizeof(m)), 0, "a leaf socket joins with IP_ADD_MEMBERSHIP");
    CHECK(WSAJoinLeaf(l, (struct sockaddr *)&g, glen, NULL, NULL, NULL, NULL, JL_BOTH) == l,
          "... then WSAJoinLeaf of the same group succeeds (already a member)");
    CHECK_EQ(group_users(AF_INET, "239.255.40.9"), 1, "... one membership");
    closesocket(s);
    closesocket(s6);
    closesocket(l);
    CHECK_EQ(group_users(AF_INET, "239.255.40.9"), 0, "closesocket left it");
}

int main(void)
{
    WSADATA wsa;

    private_netns();
    REQUIRE(run_cmd("ip link add mc1 type veth peer name mc1p"
                    " && echo 1 > /proc/sys/net/ipv6/conf/mc1p/disable_ipv6"
                    " && ip link set mc1 up && ip link set mc1p up"
                    " && ip addr add 10.56.0.1/24 dev mc1 && ip -6 addr add fd56::1/64 dev mc1 nodad"),
            "a second link, mc1 (10.56.0.1, fd56::1)");
    mc0 = if_nametoindex("mc0");
    mc1 = if_nametoindex("mc1");
    REQUIRE(mc0 != 0 && mc1 != 0, "interface indexes");
    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");
    choices();
    bound(AF_INET, "10.56.0.1", "239.255.40.5");
    bound(AF_INET6, "fd56::1", "ff15::40:5");
    deering();
    WSACleanup();
    return check_done();
}

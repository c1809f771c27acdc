/* ws2mp-test: posix needs-root */ /* a private network namespace (unshare) */
/*
 * A market-data receiver that takes a feed from one publisher only, the final-state way:
 * WSAIoctl(SIO_SET_MULTICAST_FILTER) with an ip_msfilter names the group, the interface, the
 * mode and the sources in one call, on a plain socket() UDP socket that has not joined the
 * group (Windows joins it; POSIX's IP_MSFILTER only changes a membership that exists), and
 * SIO_GET_MULTICAST_FILTER reads the state back. Two publishers send from the namespace's two
 * addresses; INCLUDE {A} hears A only, EXCLUDE {A} hears B only, INCLUDE {} leaves the group.
 */
#define _GNU_SOURCE 1
#include "mcast.h"

#define GROUP "239.255.12.1"
#define PUB_A NS_ADDR4
#define PUB_B "10.55.0.2"

static char what[256];
#define WHAT(...) (snprintf(what, sizeof(what), __VA_ARGS__), what)

/* A publisher: a plain UDP socket bound to `ip`, sending to the group with IP_MULTICAST_IF. */
static SOCKET publisher(const char *ip)
{
    SOCKADDR_IN a;
    SOCKET s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    memset(&a, 0, sizeof(a));
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = inet_addr(ip);
    if (s == INVALID_SOCKET || bind(s, (SOCKADDR *)&a, sizeof(a)) != 0 ||
        setsockopt(s, IPPROTO_IP, IP_MULTICAST_IF, (char *)&a.sin_addr.s_addr, sizeof(a.sin_addr.s_addr)) != 0) {
        printf("# publisher(%s): error %d\n", ip, WSAGetLastError());
        closesocket(s);
        return INVALID_SOCKET;
    }
    return s;
}

static void publish(SOCKET s, unsigned short port, const char *text)
{
    SOCKADDR_IN g;
    memset(&g, 0, sizeof(g));
    g.sin_family = AF_INET;
    g.sin_port = htons(port);
    g.sin_addr.s_addr = inet_addr(GROUP);
    CHECK_EQ(sendto(s, text, (int)strlen(text), 0, (SOCKADDR *)&g, sizeof(g)), (int)strlen(text),
             WHAT("publisher sends \"%s\"", text));
}

/* Sets the filter: mode and up to two sources. Returns WSAIoctl's result. */
static int set_filter(SOCKET s, ULONG mode, int count, const char *src1, const char *src2)
{
    char buf[sizeof(struct ip_msfilter) + sizeof(struct in_addr)];
    struct ip_msfilter *f = (struct ip_msfilter *)buf;
    DWORD bytes = 0;
    memset(buf, 0, sizeof(buf));
    f->imsf_multiaddr.s_addr = inet_addr(GROUP);
    f->imsf_interface.s_addr = inet_addr(NS_ADDR4);
    f->imsf_fmode = mode;
    f->imsf_numsrc = (ULONG)count;
    if (count > 0)
        f->imsf_slist[0].s_addr = inet_addr(src1);
    if (count > 1)
        f->imsf_slist[1].s_addr = inet_addr(src2);
    return WSAIoctl(s, SIO_SET_MULTICAST_FILTER, buf, (DWORD)(sizeof(struct ip_msfilter) + (count > 1 ? sizeof(struct in_addr) : 0)),
                    NULL, 0, &bytes, NULL, NULL);
}

/* Reads what arrives within a short while; returns a bit set: 1 = A's datagram, 2 = B's. */
static int heard(SOCKET r)
{
    char buf[64];
    int err, got = 0;
    while (recv_text(r, buf, sizeof(buf), 300, &err) > 0) {
        if (strcmp(buf, "from A") == 0)
            got |= 1;
        else if (strcmp(buf, "from B") == 0)
            got |= 2;
        else
            got |= 4;
    }
    return got;
}

int main(void)
{
    WSADATA wsa;
    SOCKET r, a, b, tcp;
    SOCKADDR_IN local;
    unsigned short port;
    char out[256];
    struct ip_msfilter *got = (struct ip_msfilter *)out;
    DWORD bytes = 0;
    u_long nonblocking = 1;

    private_netns();
    REQUIRE(run_cmd("ip addr add " PUB_B "/24 dev mc0"), "a second address for the second publisher");
    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");

    port = free_port(AF_INET);
    r = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    memset(&local, 0, sizeof(local));
    local.sin_family = AF_INET;
    local.sin_port = htons(port);
    REQUIRE(r != INVALID_SOCKET && bind(r, (SOCKADDR *)&local, sizeof(local)) == 0, "the receiver binds the feed's port");
    CHECK_EQ(ioctlsocket(r, FIONBIO, &nonblocking), 0, "the receiver is non-blocking");
    a = publisher(PUB_A);
    b = publisher(PUB_B);
    REQUIRE(a != INVALID_SOCKET && b != INVALID_SOCKET, "two publishers, one per address");

    /* Nothing joined yet: there is no filter to read. */
    memset(out, 0, sizeof(out));
    got->imsf_multiaddr.s_addr = inet_addr(GROUP);
    got->imsf_interface.s_addr = inet_addr(NS_ADDR4);
    CHECK_EQ(WSAIoctl(r, SIO_GET_MULTICAST_FILTER, out, sizeof(out), out, sizeof(out), &bytes, NULL, NULL), SOCKET_ERROR,
             "SIO_GET_MULTICAST_FILTER before any join fails");

    /* INCLUDE {A}, on a socket that never joined: the ioctl joins. */
    CHECK_EQ(set_filter(r, MCAST_INCLUDE, 1, PUB_A, NULL), 0, "SIO_SET_MULTICAST_FILTER INCLUDE {A} on an unjoined socket");
    CHECK_EQ(group_users(AF_INET, GROUP), 1, "the socket is now a member of the group");
    memset(out, 0, sizeof(out));
    got->imsf_multiaddr.s_addr = inet_addr(GROUP);
    got->imsf_interface.s_addr = inet_addr(NS_ADDR4);
    bytes = 0;
    CHECK_EQ(WSAIoctl(r, SIO_GET_MULTICAST_FILTER, out, sizeof(out), out, sizeof(out), &bytes, NULL, NULL), 0,
             "SIO_GET_MULTICAST_FILTER reads the filter");
    CHECK_EQ((int)bytes, (int)sizeof(struct ip_msfilter), "the filter with one source fills one ip_msfilter");
    CHECK(got->imsf_multiaddr.s_addr == inet_addr(GROUP), "imsf_multiaddr is the group");
    CHECK(got->imsf_fmode == MCAST_INCLUDE, "imsf_fmode is MCAST_INCLUDE");
    CHECK_EQ((int)got->imsf_numsrc, 1, "one source");
    CHECK(got->imsf_slist[0].s_addr == inet_addr(PUB_A), "the source is publisher A");

    publish(a, port, "from A");
    publish(b, port, "from B");
    CHECK_EQ(heard(r), 1, "INCLUDE {A}: A's datagram arrives, B's does not");

    /* EXCLUDE {A}: the other publishers only. */
    CHECK_EQ(set_filter(r, MCAST_EXCLUDE, 1, PUB_A, NULL), 0, "SIO_SET_MULTICAST_FILTER EXCLUDE {A}");
    publish(a, port, "from A");
    publish(b, port, "from B");
    CHECK_EQ(heard(r), 2, "EXCLUDE {A}: B's datagram arrives, A's does not");

    /* INCLUDE {A, B}: both. */
    CHECK_EQ(set_filter(r, MCAST_INCLUDE, 2, PUB_A, PUB_B), 0, "SIO_SET_MULTICAST_FILTER INCLUDE {A, B}");
    memset(out, 0, sizeof(out));
    got->imsf_multiaddr.s_addr = inet_addr(GROUP);
    got->imsf_interface.s_addr = inet_addr(NS_ADDR4);
    CHECK_EQ(WSAIoctl(r, SIO_GET_MULTICAST_FILTER, out, sizeof(out), out, sizeof(out), &bytes, NULL, NULL), 0,
             "SIO_GET_MULTICAST_FILTER reads it back");
    CHECK_EQ((int)got->imsf_numsrc, 2, "two sources");
    publish(a, port, "from A");
    publish(b, port, "from B");
    CHECK_EQ(heard(r), 3, "INCLUDE {A, B}: both arrive");

    /* Bad requests. */
    CHECK_EQ(set_filter(r, 77, 1, PUB_A, NULL), SOCKET_ERROR, "a mode that is neither INCLUDE nor EXCLUDE fails");
    CHECK_EQ(WSAGetLastError(), WSAEINVAL, "... with WSAEINVAL");
    CHECK_EQ(WSAIoctl(r, SIO_SET_MULTICAST_FILTER, out, 8, NULL, 0, &bytes, NULL, NULL), SOCKET_ERROR,
             "an input shorter than an ip_msfilter fails");
    CHECK_EQ(WSAGetLastError(), WSAEFAULT, "... with WSAEFAULT");
    tcp = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    CHECK_EQ(set_filter(tcp, MCAST_EXCLUDE, 0, NULL, NULL), SOCKET_ERROR, "a TCP socket has no multicast filter");
    CHECK_EQ(WSAGetLastError(), WSAEINVAL, "... WSAEINVAL");
    closesocket(tcp);

    /* INCLUDE {} is leaving the group. */
    CHECK_EQ(set_filter(r, MCAST_INCLUDE, 0, NULL, NULL), 0, "SIO_SET_MULTICAST_FILTER INCLUDE {} (leave)");
    CHECK_EQ(group_users(AF_INET, GROUP), 0, "the socket is no longer a member");
    CHECK_EQ(set_filter(r, MCAST_INCLUDE, 0, NULL, NULL), 0, "INCLUDE {} again, not a member: nothing to do");

    closesocket(a);
    closesocket(b);
    closesocket(r);
    WSACleanup();
    return check_done();
}

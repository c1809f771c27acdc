/*
 * WSAJoinLeaf, the multipoint IOCTLs and the IP multicast options: argument checking, Winsock
 * error codes, value types and defaults. Nothing here puts a packet on a network: the only
 * joins are JL_SENDER_ONLY (no membership) and nothing is sent, so it runs without root.
 */
#define _GNU_SOURCE 1
#include "mcast.h"

/* The C library's getsockopt (the compat header's getsockopt is ws2mp's), to look at the
 * kernel's own state behind ws2mp. */
#define NATIVE_STR2(x) #x
#define NATIVE_STR(x) NATIVE_STR2(x)
int native_getsockopt(int fd, int level, int name, void *val, unsigned int *len)
    __asm__(NATIVE_STR(__USER_LABEL_PREFIX__) "getsockopt");

static SOCKET join(SOCKET s, const SOCKADDR_STORAGE *g, int len, DWORD flags)
{
    return WSAJoinLeaf(s, (const struct sockaddr *)g, len, NULL, NULL, NULL, NULL, flags);
}

static void join_errors(void)
{
    SOCKADDR_STORAGE g4, g6, uni, any;
    int l4 = make_addr(&g4, AF_INET, "239.255.77.1", 7001);
    int l6 = make_addr(&g6, AF_INET6, "ff15::77:1", 7001);
    int lu = make_addr(&uni, AF_INET, "127.0.0.1", 7001);
    int la = make_addr(&any, AF_INET, "0.0.0.0", 7001);
    SOCKET plain = socket(AF_INET, SOCK_DGRAM, 0);
    SOCKET tcp = WSASocket(AF_INET, SOCK_STREAM, IPPROTO_TCP, NULL, 0, 0);
    SOCKET s = leaf_socket(AF_INET);
    SOCKET s6 = leaf_socket(AF_INET6);
    char data[8] = "hello";
    WSABUF caller = {4, data};
    WSABUF empty = {0, data};
    WSABUF callee = {sizeof(data), data};
    QOS qos;
    SOCKADDR_STORAGE name;
    int namelen;

    REQUIRE(plain != INVALID_SOCKET && tcp != INVALID_SOCKET, "plain UDP and TCP sockets");
    REQUIRE(s != INVALID_SOCKET && s6 != INVALID_SOCKET, "c_leaf|d_leaf UDP sockets, IPv4 and IPv6");
    memset(&qos, 0, sizeof(qos));

    CHECK(join(plain, &g4, l4, JL_BOTH) == INVALID_SOCKET, "WSAJoinLeaf on a UDP socket without multipoint flags fails");
    CHECK_EQ(WSAGetLastError(), WSAEINVAL, "... with WSAEINVAL");
    CHECK(join(tcp, &g4, l4, JL_BOTH) == INVALID_SOCKET, "WSAJoinLeaf on a TCP socket fails");
    CHECK_EQ(WSAGetLastError(), WSAEINVAL, "... with WSAEINVAL");
    CHECK(join((SOCKET)987654, &g4, l4, JL_BOTH) == INVALID_SOCKET, "WSAJoinLeaf on a non-socket fails");
    CHECK_EQ(WSAGetLastError(), WSAENOTSOCK, "... with WSAENOTSOCK");

    CHECK(join(s, &g4, l4, 0) == INVALID_SOCKET, "dwFlags 0 fails");
    CHECK_EQ(WSAGetLastError(), WSAEINVAL, "... with WSAEINVAL");
    CHECK(join(s, &g4, l4, JL_BOTH | 8) == INVALID_SOCKET, "an unknown bit beside JL_BOTH fails");
    CHECK_EQ(WSAGetLastError(), WSAEINVAL, "... with WSAEINVAL");
    CHECK(join(s, &g4, l4, 8) == INVALID_SOCKET, "an unknown JL_ flag fails");
    CHECK_EQ(WSAGetLastError(), WSAEINVAL, "... with WSAEINVAL");

    CHECK(join(s, NULL, l4, JL_BOTH) == INVALID_SOCKET, "a NULL name fails");
    CHECK_EQ(WSAGetLastError(), WSAEFAULT, "... with WSAEFAULT");
    CHECK(join(s, &g4, 8, JL_BOTH) == INVALID_SOCKET, "a short namelen fails");
    CHECK_EQ(WSAGetLastError(), WSAEFAULT, "... with WSAEFAULT");
    CHECK(join(s6, &g6, (int)sizeof(struct sockaddr_in), JL_BOTH) == INVALID_SOCKET,
          "an IPv6 name with an IPv4 length fails");
    CHECK_EQ(WSAGetLastError(), WSAEFAULT, "... with WSAEFAULT");

    CHECK(join(s, &uni, lu, JL_BOTH) == INVALID_SOCKET, "a unicast address fails");
    CHECK_EQ(WSAGetLastError(), WSAEADDRNOTAVAIL, "... with WSAEADDRNOTAVAIL");
    CHECK(join(s, &any, la, JL_RECEIVER_ONLY) == INVALID_SOCKET, "ADDR_ANY fails");
    CHECK_EQ(WSAGetLastError(), WSAEADDRNOTAVAIL, "... with WSAEADDRNOTAVAIL");
    CHECK(join(s, &g6, l6, JL_BOTH) == INVALID_SOCKET, "an IPv6 group on an IPv4 socket fails");
    CHECK_EQ(WSAGetLastError(), WSAEAFNOSUPPORT, "... with WSAEAFNOSUPPORT");
    CHECK(join(s6, &g4, l4, JL_BOTH) == INVALID_SOCKET, "an IPv4 group on an IPv6 socket fails");
    CHECK_EQ(WSAGetLastError(), WSAEAFNOSUPPORT, "... with WSAEAFNOSUPPORT");

    CHECK(WSAJoinLeaf(s, (struct sockaddr *)&g4, l4, &caller, NULL, NULL, NULL, JL_SENDER_ONLY) == INVALID_SOCKET,
          "caller data fails");
    CHECK_EQ(WSAGetLastError(), WSAEPROTONOSUPPORT, "... with WSAEPROTONOSUPPORT");
    CHECK(WSAJoinLeaf(s, (struct sockaddr *)&g4, l4, NULL, NULL, &qos, NULL, JL_SENDER_ONLY) == INVALID_SOCKET,
          "a sending QOS fails");
    CHECK_EQ(WSAGetLastError(), WSAEOPNOTSUPP, "... with WSAEOPNOTSUPP");
    CHECK(WSAJoinLeaf(s, (struct sockaddr *)&g4, l4, NULL, NULL, NULL, &qos, JL_SENDER_ONLY) == INVALID_SOCKET,
          "a group QOS fails");
    CHECK_EQ(WSAGetLastError(), WSAEOPNOTSUPP, "... with WSAEOPNOTSUPP");

    namelen = sizeof(name);
    CHECK_EQ(getsockname(s, (struct sockaddr *)&name, &namelen), SOCKET_ERROR, "the failed joins left the socket unbound");

    /* Success: an empty caller buffer is fine, the callee buffer comes back empty. */
    CHECK(WSAJoinLeaf(s, (struct sockaddr *)&g4, l4, &empty, &callee, NULL, NULL, JL_SENDER_ONLY) == s,
          "JL_SENDER_ONLY join returns the same socket");
    CHECK_EQ(callee.len, 0, "lpCalleeData->len is set to 0");
    namelen = sizeof(name);
    CHECK_EQ(getsockname(s, (struct sockaddr *)&name, &namelen), 0, "the join bound the unbound socket");
    CHECK(addr_port(&name) != 0, "... to a port of the system's choosing");
    namelen = sizeof(name);
    CHECK_EQ(getpeername(s, (struct sockaddr *)&name, &namelen), 0, "getpeername after the join succeeds");
    CHECK(namelen == l4 && memcmp(&name, &g4, (size_t)l4) == 0, "... and names the group (the default destination)");
    CHECK(join(s, &g4, l4, JL_SENDER_ONLY) == INVALID_SOCKET, "a second join fails");
    CHECK_EQ(WSAGetLastError(), WSAEISCONN, "... with WSAEISCONN");
    g4.ss_family = AF_INET;
    ((struct sockaddr_in *)&g4)->sin_addr.s_addr = htonl(0xefff4d02);
    CHECK(join(s, &g4, l4, JL_BOTH) == INVALID_SOCKET, "a join to another group fails too");
    CHECK_EQ(WSAGetLastError(), WSAEISCONN, "... with WSAEISCONN");

    CHECK(join(s6, &g6, l6, JL_SENDER_ONLY) == s6, "IPv6 JL_SENDER_ONLY join returns the same socket");
    CHECK(join(s6, &g6, l6, JL_SENDER_ONLY) == INVALID_SOCKET, "a second IPv6 join fails");
    CHECK_EQ(WSAGetLastError(), WSAEISCONN, "... with WSAEISCONN");

    closesocket(s);
    /* A datagram socket connected to a peer is "connected": it cannot join. */
    s = leaf_socket(AF_INET);
    CHECK_EQ(connect(s, (struct sockaddr *)&uni, lu), 0, "a leaf socket connects to a unicast peer");
    l4 = make_addr(&g4, AF_INET, "239.255.77.1", 7001);
    CHECK(join(s, &g4, l4, JL_SENDER_ONLY) == INVALID_SOCKET, "a connected socket cannot join");
    CHECK_EQ(WSAGetLastError(), WSAEISCONN, "... WSAEISCONN");

    closesocket(s);
    closesocket(s6);
    closesocket(plain);
    closesocket(tcp);
}

static void fd_connect_after_join(void)
{
    SOCKADDR_STORAGE g;
    int len = make_addr(&g, AF_INET6, "ff15::77:2", 7002);
    SOCKET s = leaf_socket(AF_INET6);
    WSAEVENT ev = WSACreateEvent();
    WSANETWORKEVENTS ne;

    REQUIRE(s != INVALID_SOCKET && ev != WSA_INVALID_EVENT, "a leaf socket and an event");
    CHECK_EQ(WSAEventSelect(s, ev, FD_READ | FD_CONNECT | FD_CLOSE), 0, "WSAEventSelect(FD_READ|FD_CONNECT|FD_CLOSE)");
    CHECK_EQ(WSAWaitForMultipleEvents(1, &ev, FALSE, 0, FALSE), WSA_WAIT_TIMEOUT, "nothing is signalled before the join");
    CHECK(WSAJoinLeaf(s, (struct sockaddr *)&g, len, NULL, NULL, NULL, NULL, JL_SENDER_ONLY) == s,
          "a non-blocking (selected) socket joins at once, never WSAEWOULDBLOCK");
    CHECK_EQ(WSAWaitForMultipleEvents(1, &ev, FALSE, 1000, FALSE), WSA_WAIT_EVENT_0, "the join signals the event");
    memset(&ne, 0xff, sizeof(ne));
    CHECK_EQ(WSAEnumNetworkEvents(s, ev, &ne), 0, "WSAEnumNetworkEvents");
    CHECK_EQ(ne.lNetworkEvents, FD_CONNECT, "FD_CONNECT (only) is recorded");
    CHECK_EQ(ne.iErrorCode[FD_CONNECT_BIT], 0, "... with error code 0");
    CHECK_EQ(WSAWaitForMultipleEvents(1, &ev, FALSE, 50, FALSE), WSA_WAIT_TIMEOUT, "FD_CONNECT is reported once");
    closesocket(s);
    WSACloseEvent(ev);
}

static void ioctl_errors(void)
{
    static const DWORD codes[2] = {SIO_MULTIPOINT_LOOPBACK, SIO_MULTICAST_SCOPE};
    static const char *names[2] = {"SIO_MULTIPOINT_LOOPBACK", "SIO_MULTICAST_SCOPE"};
    SOCKET udp = socket(AF_INET, SOCK_DGRAM, 0);
    SOCKET tcp = socket(AF_INET, SOCK_STREAM, 0);
    SOCKET s6 = leaf_socket(AF_INET6);
    char what[160];
    int i, v = 1;
    DWORD bytes;
    short small = 1;

    REQUIRE(udp != INVALID_SOCKET && tcp != INVALID_SOCKET && s6 != INVALID_SOCKET, "sockets for the IOCTL tests");
    for (i = 0; i < 2; i++) {
        snprintf(what, sizeof(what), "%s with a NULL input buffer fails with WSAEFAULT", names[i]);
        bytes = 77;
        CHECK(WSAIoctl(udp, codes[i], NULL, 4, NULL, 0, &bytes, NULL, NULL) == SOCKET_ERROR &&
                  WSAGetLastError() == WSAEFAULT, what);
        snprintf(what, sizeof(what), "%s with a 2-byte input fails with WSAEFAULT", names[i]);
        CHECK(WSAIoctl(udp, codes[i], &small, sizeof(small), NULL, 0, &bytes, NULL, NULL) == SOCKET_ERROR &&
                  WSAGetLastError() == WSAEFAULT, what);
        snprintf(what, sizeof(what), "%s with a NULL lpcbBytesReturned fails with WSAEFAULT", names[i]);
        CHECK(WSAIoctl(udp, codes[i], &v, sizeof(v), NULL, 0, NULL, NULL, NULL) == SOCKET_ERROR &&
                  WSAGetLastError() == WSAEFAULT, what);
        snprintf(what, sizeof(what), "%s on a TCP socket fails with WSAENOPROTOOPT", names[i]);
        CHECK(WSAIoctl(tcp, codes[i], &v, sizeof(v), NULL, 0, &bytes, NULL, NULL) == SOCKET_ERROR &&
                  WSAGetLastError() == WSAENOPROTOOPT, what);
        snprintf(what, sizeof(what), "%s on a UDP socket without multipoint flags succeeds", names[i]);
        bytes = 77;
        CHECK_EQ(WSAIoctl(udp, codes[i], &v, sizeof(v), NULL, 0, &bytes, NULL, NULL), 0, what);
        CHECK_EQ(bytes, 0, "... and sets *lpcbBytesReturned to 0");
        snprintf(what, sizeof(what), "%s on a closed socket fails with WSAENOTSOCK", names[i]);
        CHECK(WSAIoctl((SOCKET)987654, codes[i], &v, sizeof(v), NULL, 0, &bytes, NULL, NULL) == SOCKET_ERROR &&
                  WSAGetLastError() == WSAENOTSOCK, what);
    }
    v = -1;
    CHECK(set_scope(udp, -1) == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL, "scope -1 fails with WSAEINVAL");
    CHECK(set_scope(udp, 256) == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL, "scope 256 fails with WSAEINVAL");
    CHECK_EQ(set_scope(udp, 0), 0, "scope 0 is accepted");
    CHECK_EQ(set_scope(udp, 255), 0, "scope 255 is accepted");
    CHECK_EQ(set_scope(s6, 9), 0, "scope 9 on an IPv6 leaf socket is accepted");
    closesocket(udp);
    closesocket(tcp);
    closesocket(s6);
}

static DWORD get_dword(SOCKET s, int level, int name, int *len_out)
{
    DWORD v = 0xdeadbeef;
    int len = sizeof(v);
    if (getsockopt(s, level, name, (char *)&v, &len) != 0)
        return 0xffffffff;
    *len_out = len;
    return v;
}

static void options(void)
{
    SOCKET s = socket(AF_INET, SOCK_DGRAM, 0);
    SOCKET s6 = leaf_socket(AF_INET6);
    DWORD v;
    unsigned char byte;
    /* Zeroed before each raw read: macOS returns the IPv4 loop flag as one byte. */
    int len = 0, native = 0;
    unsigned int nlen = sizeof(native);
    struct in_addr ifaddr;

    REQUIRE(s != INVALID_SOCKET && s6 != INVALID_SOCKET, "sockets for the option tests");
    v = get_dword(s, IPPROTO_IP, IP_MULTICAST_LOOP, &len);
    CHECK(v == 1 && len == 4, "IP_MULTICAST_LOOP defaults to TRUE, as a 4-byte DWORD");
    v = get_dword(s, IPPROTO_IP, IP_MULTICAST_TTL, &len);
    CHECK(v == 1 && len == 4, "IP_MULTICAST_TTL defaults to 1, as a 4-byte DWORD");

    CHECK_EQ(set_loopback(s, FALSE), 0, "SIO_MULTIPOINT_LOOPBACK FALSE");
    CHECK_EQ(get_dword(s, IPPROTO_IP, IP_MULTICAST_LOOP, &len), 0, "... reads back through IP_MULTICAST_LOOP");
    CHECK(native_getsockopt((int)s, IPPROTO_IP, IP_MULTICAST_LOOP, &native, &nlen) == 0 && native == 1,
          "... and the kernel's send-side loopback stays on");
    CHECK_EQ(set_loopback(s, TRUE), 0, "SIO_MULTIPOINT_LOOPBACK TRUE");
    CHECK_EQ(get_dword(s, IPPROTO_IP, IP_MULTICAST_LOOP, &len), 1, "... reads back TRUE");

    v = 0;
    CHECK_EQ(setsockopt(s, IPPROTO_IP, IP_MULTICAST_LOOP, (char *)&v, sizeof(v)), 0, "IP_MULTICAST_LOOP = DWORD 0");
    CHECK_EQ(get_dword(s, IPPROTO_IP, IP_MULTICAST_LOOP, &len), 0, "... reads back 0");
    native = 0;
    nlen = sizeof(native);
    CHECK(native_getsockopt((int)s, IPPROTO_IP, IP_MULTICAST_LOOP, &native, &nlen) == 0 && native == 1,
          "... the kernel's loopback stays on (the setting is receive-side)");
    byte = 1;
    CHECK_EQ(setsockopt(s, IPPROTO_IP, IP_MULTICAST_LOOP, (char *)&byte, 1), 0, "IP_MULTICAST_LOOP = 1-byte 1");
    CHECK_EQ(get_dword(s, IPPROTO_IP, IP_MULTICAST_LOOP, &len), 1, "... reads back 1");
    CHECK(setsockopt(s, IPPROTO_IP, IP_MULTICAST_LOOP, (char *)&byte, 0) == SOCKET_ERROR &&
              WSAGetLastError() == WSAEFAULT, "IP_MULTICAST_LOOP with optlen 0 fails with WSAEFAULT");

    v = 5;
    CHECK_EQ(setsockopt(s, IPPROTO_IP, IP_MULTICAST_TTL, (char *)&v, sizeof(v)), 0, "IP_MULTICAST_TTL = DWORD 5");
    CHECK_EQ(get_dword(s, IPPROTO_IP, IP_MULTICAST_TTL, &len), 5, "... reads back 5");
    byte = 6;
    CHECK_EQ(setsockopt(s, IPPROTO_IP, IP_MULTICAST_TTL, (char *)&byte, 1), 0, "IP_MULTICAST_TTL = 1-byte 6");
    CHECK_EQ(get_dword(s, IPPROTO_IP, IP_MULTICAST_TTL, &len), 6, "... reads back 6");
    CHECK_EQ(set_scope(s, 3), 0, "SIO_MULTICAST_SCOPE 3");
    CHECK_EQ(get_dword(s, IPPROTO_IP, IP_MULTICAST_TTL, &len), 3, "... is the IP_MULTICAST_TTL");
    v = 300;
    CHECK(setsockopt(s, IPPROTO_IP, IP_MULTICAST_TTL, (char *)&v, sizeof(v)) == SOCKET_ERROR &&
              WSAGetLastError() == WSAEINVAL, "IP_MULTICAST_TTL 300 fails with WSAEINVAL");

    inet_pton(AF_INET, "127.0.0.1", &ifaddr);
    CHECK_EQ(setsockopt(s, IPPROTO_IP, IP_MULTICAST_IF, (char *)&ifaddr, sizeof(ifaddr)), 0,
             "IP_MULTICAST_IF takes a 4-byte in_addr");
    {
        struct in_addr got;
        unsigned int glen = sizeof(got);
        CHECK(native_getsockopt((int)s, IPPROTO_IP, IP_MULTICAST_IF, &got, &glen) == 0 && got.s_addr == ifaddr.s_addr,
              "... which the kernel uses");
    }
    v = htonl(1); /* 0.0.0.1: interface index 1 (lo) */
    CHECK_EQ(setsockopt(s, IPPROTO_IP, IP_MULTICAST_IF, (char *)&v, sizeof(v)), 0,
             "IP_MULTICAST_IF 0.0.0.1 (an interface index) is accepted");
    inet_pton(AF_INET, "192.0.2.77", &ifaddr);
    CHECK(setsockopt(s, IPPROTO_IP, IP_MULTICAST_IF, (char *)&ifaddr, sizeof(ifaddr)) == SOCKET_ERROR &&
              WSAGetLastError() == WSAEADDRNOTAVAIL, "IP_MULTICAST_IF with a foreign address fails with WSAEADDRNOTAVAIL");

    v = get_dword(s6, IPPROTO_IPV6, IPV6_MULTICAST_LOOP, &len);
    CHECK(v == 1 && len == 4, "IPV6_MULTICAST_LOOP defaults to TRUE");
    v = 0;
    CHECK_EQ(setsockopt(s6, IPPROTO_IPV6, IPV6_MULTICAST_LOOP, (char *)&v, sizeof(v)), 0, "IPV6_MULTICAST_LOOP = 0");
    CHECK_EQ(get_dword(s6, IPPROTO_IPV6, IPV6_MULTICAST_LOOP, &len), 0, "... reads back 0");
    native = 0;
    nlen = sizeof(native);
    CHECK(native_getsockopt((int)s6, IPPROTO_IPV6, IPV6_MULTICAST_LOOP, &native, &nlen) == 0 && native == 1,
          "... the kernel's IPv6 loopback stays on");
    v = 1;
    CHECK_EQ(setsockopt(s6, IPPROTO_IPV6, IPV6_MULTICAST_IF, (char *)&v, sizeof(v)), 0, "IPV6_MULTICAST_IF = index 1");
    v = 4;
    CHECK_EQ(setsockopt(s6, IPPROTO_IPV6, IPV6_MULTICAST_HOPS, (char *)&v, sizeof(v)), 0, "IPV6_MULTICAST_HOPS = 4");
    CHECK_EQ(get_dword(s6, IPPROTO_IPV6, IPV6_MULTICAST_HOPS, &len), 4, "... reads back 4");
    CHECK_EQ(set_scope(s6, 0), 0, "SIO_MULTICAST_SCOPE 0 on IPv6");
    CHECK_EQ(get_dword(s6, IPPROTO_IPV6, IPV6_MULTICAST_HOPS, &len), 0, "... is the hop limit");
    closesocket(s);
    closesocket(s6);
}

static void shared_ports_and_binding(void)
{
    SOCKADDR_STORAGE a, got;
    int len, glen;
    BOOL on = TRUE;
    SOCKET x = leaf_socket(AF_INET), y = leaf_socket(AF_INET), z = socket(AF_INET, SOCK_DGRAM, 0);
    SOCKET b = leaf_socket(AF_INET), c = leaf_socket(AF_INET), p = socket(AF_INET, SOCK_DGRAM, 0);
    char text[64];
    unsigned short port = free_port(AF_INET), port2 = free_port(AF_INET);

    REQUIRE(x != INVALID_SOCKET && y != INVALID_SOCKET && z != INVALID_SOCKET, "sockets for the shared port");
    REQUIRE(port != 0 && port2 != 0, "free ports");
    len = make_addr(&a, AF_INET, "0.0.0.0", port);
    CHECK_EQ(setsockopt(x, SOL_SOCKET, SO_REUSEADDR, (char *)&on, sizeof(on)), 0, "SO_REUSEADDR on the first member");
    CHECK_EQ(setsockopt(y, SOL_SOCKET, SO_REUSEADDR, (char *)&on, sizeof(on)), 0, "SO_REUSEADDR on the second member");
    CHECK_EQ(bind(x, (struct sockaddr *)&a, len), 0, "the first member binds the group port");
    CHECK_EQ(bind(y, (struct sockaddr *)&a, len), 0, "the second member shares it (SO_REUSEADDR)");
    CHECK(bind(z, (struct sockaddr *)&a, len) == SOCKET_ERROR && WSAGetLastError() == WSAEADDRINUSE,
          "a socket without SO_REUSEADDR cannot: WSAEADDRINUSE");

    /* A receiver binds the wildcard address and joins: Windows refuses the group's address. */
    {
        SOCKET g4 = socket(AF_INET, SOCK_DGRAM, 0), g6 = socket(AF_INET6, SOCK_DGRAM, 0);
        len = make_addr(&a, AF_INET, "239.255.77.9", port2);
        CHECK(bind(g4, (struct sockaddr *)&a, len) == SOCKET_ERROR && WSAGetLastError() == WSAEADDRNOTAVAIL,
              "binding an IPv4 group address: WSAEADDRNOTAVAIL");
        len = make_addr(&a, AF_INET6, "ff15::77:9", port2);
        CHECK(bind(g6, (struct sockaddr *)&a, len) == SOCKET_ERROR && WSAGetLastError() == WSAEADDRNOTAVAIL,
              "binding an IPv6 group address: WSAEADDRNOTAVAIL");
        closesocket(g4);
        closesocket(g6);
    }

    /* A multipoint socket bound to one of the host's addresses (emulated, see bind). */
    len = make_addr(&a, AF_INET, "192.0.2.77", port2);
    CHECK(bind(b, (struct sockaddr *)&a, len) == SOCKET_ERROR && WSAGetLastError() == WSAEADDRNOTAVAIL,
          "a leaf socket cannot bind an address the host does not have: WSAEADDRNOTAVAIL");
    len = make_addr(&a, AF_INET, "127.0.0.1", port2);
    CHECK_EQ(bind(b, (struct sockaddr *)&a, len), 0, "a leaf socket binds 127.0.0.1 and a port");
    glen = sizeof(got);
    CHECK_EQ(getsockname(b, (struct sockaddr *)&got, &glen), 0, "getsockname");
    CHECK(strcmp(addr_text(&got, text, sizeof(text)), "127.0.0.1") == 0 && addr_port(&got) == port2,
          "... reports the address and port the program bound");
    CHECK(bind(b, (struct sockaddr *)&a, len) == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL,
          "binding it again fails with WSAEINVAL");
    CHECK(bind(c, (struct sockaddr *)&a, len) == SOCKET_ERROR && WSAGetLastError() == WSAEADDRINUSE,
          "another leaf socket cannot take the same address and port: WSAEADDRINUSE");
    len = make_addr(&a, AF_INET, "127.0.0.1", 0);
    CHECK_EQ(bind(p, (struct sockaddr *)&a, len), 0, "a plain UDP socket binds 127.0.0.1:0 natively");
    glen = sizeof(got);
    CHECK(getsockname(p, (struct sockaddr *)&got, &glen) == 0 && addr_port(&got) != 0 &&
              strcmp(addr_text(&got, text, sizeof(text)), "127.0.0.1") == 0,
          "... and getsockname reports it with its port");
    closesocket(x);
    closesocket(y);
    closesocket(z);
    closesocket(b);
    closesocket(c);
    closesocket(p);
}

int main(void)
{
    WSADATA wsa;
    SOCKADDR_STORAGE g;
    int len = make_addr(&g, AF_INET, "239.255.77.1", 7000);

    CHECK(WSAJoinLeaf((SOCKET)3, (struct sockaddr *)&g, len, NULL, NULL, NULL, NULL, JL_BOTH) == INVALID_SOCKET &&
              WSAGetLastError() == WSANOTINITIALISED,
          "WSAJoinLeaf before WSAStartup fails with WSANOTINITIALISED");
    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");
    join_errors();
    fd_connect_after_join();
    ioctl_errors();
    options();
    shared_ports_and_binding();
    WSACleanup();
    return check_done();
}

/*
 * Which IP- and IPv6-level options each kind of socket accepts, as Windows answers them: a
 * program reads each option into a zeroed 256-byte buffer and, where that works, writes the
 * same bytes back. Multicast and receive-information options are WSAEINVAL on TCP and fine on
 * UDP, group memberships cannot be read (WSAENOPROTOOPT), IP_HDRINCL is refused on TCP and
 * UDP, the MTU cannot be read before a connection (WSAENOTCONN), an unknown option number is
 * WSAENOPROTOOPT. Every successful call leaves the last error 0. Also SO_DEBUG (reads 0, can
 * be set) and SO_CONNECT_TIME (0xFFFFFFFF unconnected and on UDP, seconds on a connection).
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <mswsock.h>
#include <stdio.h>
#include <string.h>
#include "check.h"

struct row {
    const char *name;
    int opt;
    int get_error; /* 0: getsockopt succeeds */
    int set_error; /* 0: setsockopt of what was read succeeds */
};

#define ROW(o, g, s) {#o, o, g, s}

static void run_rows(const char *kind, SOCKET s, int level, const struct row *rows, int n)
{
    char value[256], what[160];
    int i, count, rc;

    for (i = 0; i < n; i++) {
        memset(value, 0, sizeof(value));
        count = sizeof(value);
        WSASetLastError(0xdeadbeef);
        rc = getsockopt(s, level, rows[i].opt, value, &count);
        snprintf(what, sizeof what, "%s: getsockopt(%s) gives error %d", kind, rows[i].name, rows[i].get_error);
        CHECK_EQ(rc == 0 ? WSAGetLastError() : (rc == SOCKET_ERROR ? WSAGetLastError() : -2), rows[i].get_error, what);
        if (rows[i].get_error)
            continue;
        WSASetLastError(0xdeadbeef);
        rc = setsockopt(s, level, rows[i].opt, value, count);
        snprintf(what, sizeof what, "%s: setsockopt(%s) of the value read gives error %d", kind, rows[i].name,
                 rows[i].set_error);
        CHECK_EQ(rc == 0 ? WSAGetLastError() : (rc == SOCKET_ERROR ? WSAGetLastError() : -2), rows[i].set_error, what);
    }
}

static const struct row ipv4_tcp[] = {
    ROW(-1, WSAENOPROTOOPT, 0),
    ROW(IP_OPTIONS, 0, 0),
    ROW(IP_HDRINCL, WSAEINVAL, 0),
    ROW(IP_TOS, 0, 0),
    ROW(IP_TTL, 0, 0),
    ROW(IP_MULTICAST_IF, WSAEINVAL, 0),
    ROW(IP_MULTICAST_TTL, WSAEINVAL, 0),
    ROW(IP_MULTICAST_LOOP, WSAEINVAL, 0),
    ROW(IP_ADD_MEMBERSHIP, WSAENOPROTOOPT, 0),
    ROW(IP_DROP_MEMBERSHIP, WSAENOPROTOOPT, 0),
    ROW(IP_DONTFRAGMENT, 0, 0),
    ROW(IP_PKTINFO, WSAEINVAL, 0),
    ROW(IP_RECVTTL, WSAEINVAL, 0),
    ROW(IP_UNICAST_IF, 0, 0),
    ROW(IP_RECVTOS, WSAEINVAL, 0),
    ROW(IP_MTU, WSAENOTCONN, 0),
};

static const struct row ipv4_udp[] = {
    ROW(-1, WSAENOPROTOOPT, 0),
    ROW(IP_OPTIONS, 0, 0),
    ROW(IP_HDRINCL, WSAEINVAL, 0),
    ROW(IP_TOS, 0, 0),
    ROW(IP_TTL, 0, 0),
    ROW(IP_MULTICAST_IF, 0, 0),
    ROW(IP_MULTICAST_TTL, 0, 0),
    ROW(IP_MULTICAST_LOOP, 0, 0),
    ROW(IP_ADD_MEMBERSHIP, WSAENOPROTOOPT, 0),
    ROW(IP_DROP_MEMBERSHIP, WSAENOPROTOOPT, 0),
    ROW(IP_DONTFRAGMENT, 0, 0),
    ROW(IP_PKTINFO, 0, 0),
    ROW(IP_RECVTTL, 0, 0),
    ROW(IP_UNICAST_IF, 0, 0),
    ROW(IP_RECVTOS, 0, 0),
    ROW(IP_MTU, WSAENOTCONN, 0),
};

static const struct row ipv6_tcp[] = {
    ROW(-1, WSAENOPROTOOPT, 0),
    ROW(IPV6_UNICAST_HOPS, 0, 0),
    ROW(IPV6_MULTICAST_IF, WSAEINVAL, 0),
    ROW(IPV6_MULTICAST_HOPS, WSAEINVAL, 0),
    ROW(IPV6_MULTICAST_LOOP, WSAEINVAL, 0),
    ROW(IPV6_ADD_MEMBERSHIP, WSAENOPROTOOPT, 0),
    ROW(IPV6_DROP_MEMBERSHIP, WSAENOPROTOOPT, 0),
    ROW(IPV6_DONTFRAG, 0, 0),
    ROW(IPV6_PKTINFO, WSAEINVAL, 0),
    ROW(IPV6_HOPLIMIT, WSAEINVAL, 0),
    ROW(IPV6_V6ONLY, 0, 0),
    ROW(IPV6_UNICAST_IF, 0, 0),
    ROW(IPV6_RECVTCLASS, WSAEINVAL, 0),
    ROW(IPV6_MTU, WSAENOTCONN, 0),
};

static const struct row ipv6_udp[] = {
    ROW(-1, WSAENOPROTOOPT, 0),
    ROW(IPV6_UNICAST_HOPS, 0, 0),
    ROW(IPV6_MULTICAST_IF, 0, 0),
    ROW(IPV6_MULTICAST_HOPS, 0, 0),
    ROW(IPV6_MULTICAST_LOOP, 0, 0),
    ROW(IPV6_ADD_MEMBERSHIP, WSAENOPROTOOPT, 0),
    ROW(IPV6_DROP_MEMBERSHIP, WSAENOPROTOOPT, 0),
    ROW(IPV6_DONTFRAG, 0, 0),
    ROW(IPV6_PKTINFO, 0, 0),
    ROW(IPV6_HOPLIMIT, 0, 0),
    ROW(IPV6_V6ONLY, 0, 0),
    ROW(IPV6_UNICAST_IF, 0, 0),
    ROW(IPV6_RECVTCLASS, 0, 0),
    ROW(IPV6_MTU, WSAENOTCONN, 0),
};

#define N_ROWS(a) ((int)(sizeof(a) / sizeof((a)[0])))

int main(void)
{
    WSADATA wsaData;
    SOCKET s, l, c, a;
    SOCKADDR_IN addr;
    DWORD v;
    int len, i;

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsaData) == 0, "WSAStartup");

    s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    run_rows("IPv4 TCP", s, IPPROTO_IP, ipv4_tcp, N_ROWS(ipv4_tcp));
    closesocket(s);
    s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    run_rows("IPv4 UDP", s, IPPROTO_IP, ipv4_udp, N_ROWS(ipv4_udp));
    closesocket(s);
    s = socket(AF_INET6, SOCK_STREAM, IPPROTO_TCP);
    run_rows("IPv6 TCP", s, IPPROTO_IPV6, ipv6_tcp, N_ROWS(ipv6_tcp));
    closesocket(s);
    s = socket(AF_INET6, SOCK_DGRAM, IPPROTO_UDP);
    run_rows("IPv6 UDP", s, IPPROTO_IPV6, ipv6_udp, N_ROWS(ipv6_udp));
    closesocket(s);

    /* Levels Windows does not know (old programs passed 0xffffffff for SOL_SOCKET). */
    {
        static const unsigned levels[] = {0xffffffffu, 0x1234ffffu, 0x8000ffffu, 0x8000u, 0x800u};
        char what[96];
        for (i = 0; i < (int)(sizeof(levels) / sizeof(levels[0])); i++) {
            s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
            v = 0xdeadbeef;
            len = sizeof(v);
            snprintf(what, sizeof what, "getsockopt(SO_MAX_MSG_SIZE) at level %#x: WSAEINVAL", levels[i]);
            CHECK(getsockopt(s, (int)levels[i], SO_MAX_MSG_SIZE, (char *)&v, &len) == SOCKET_ERROR &&
                      WSAGetLastError() == WSAEINVAL,
                  what);
            closesocket(s);
        }
    }
    s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    v = 0;
    len = sizeof(v);
    CHECK(getsockopt(s, SOL_SOCKET, SO_MAX_MSG_SIZE, (char *)&v, &len) == 0 && v == 65507,
          "SO_MAX_MSG_SIZE on UDP: 65507");
    {
        struct linger lg;
        len = sizeof(lg);
        CHECK(getsockopt(s, SOL_SOCKET, SO_LINGER, (char *)&lg, &len) == SOCKET_ERROR && WSAGetLastError() == WSAENOPROTOOPT,
              "SO_LINGER on UDP: WSAENOPROTOOPT");
    }
    closesocket(s);

    /* SO_DEBUG */
    s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    v = 0xdeadbeef;
    len = sizeof(v);
    WSASetLastError(0xdeadbeef);
    CHECK(getsockopt(s, SOL_SOCKET, SO_DEBUG, (char *)&v, &len) == 0 && WSAGetLastError() == 0,
          "getsockopt(SO_DEBUG) succeeds, clearing the last error");
    CHECK(len == 4 && v == 0, "... FALSE, 4 bytes");
    v = 2;
    WSASetLastError(0xdeadbeef);
    CHECK(setsockopt(s, SOL_SOCKET, SO_DEBUG, (char *)&v, sizeof(v)) == 0 && WSAGetLastError() == 0,
          "setsockopt(SO_DEBUG, 2) succeeds, clearing the last error");
    v = 0xdeadbeef;
    len = sizeof(v);
    CHECK(getsockopt(s, SOL_SOCKET, SO_DEBUG, (char *)&v, &len) == 0 && len == 4 && v == 1, "... and reads back TRUE (1)");
    closesocket(s);

    /* SO_CONNECT_TIME */
    s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    v = 0;
    len = sizeof(v);
    WSASetLastError(0xdeadbeef);
    CHECK(getsockopt(s, SOL_SOCKET, SO_CONNECT_TIME, (char *)&v, &len) == 0 && WSAGetLastError() == 0,
          "getsockopt(SO_CONNECT_TIME) on an unconnected socket succeeds");
    CHECK(len == 4 && v == 0xFFFFFFFFu, "... 0xFFFFFFFF");
    closesocket(s);
    l = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    len = sizeof(addr);
    REQUIRE(bind(l, (SOCKADDR *)&addr, sizeof(addr)) == 0 && listen(l, 1) == 0 && getsockname(l, (SOCKADDR *)&addr, &len) == 0,
            "a listener");
    c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    REQUIRE(connect(c, (SOCKADDR *)&addr, sizeof(addr)) == 0, "connect");
    a = accept(l, NULL, NULL);
    v = 0xdeadbeef;
    len = sizeof(v);
    CHECK(getsockopt(c, SOL_SOCKET, SO_CONNECT_TIME, (char *)&v, &len) == 0 && len == 4 && v == 0,
          "the connector: 0 seconds");
    v = 0xdeadbeef;
    len = sizeof(v);
    CHECK(getsockopt(a, SOL_SOCKET, SO_CONNECT_TIME, (char *)&v, &len) == 0 && len == 4 && v == 0,
          "the accepted socket: 0 seconds");
    closesocket(a);
    closesocket(c);
    closesocket(l);
    s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    c = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    len = sizeof(addr);
    addr.sin_port = 0;
    REQUIRE(bind(s, (SOCKADDR *)&addr, sizeof(addr)) == 0 && getsockname(s, (SOCKADDR *)&addr, &len) == 0 &&
                connect(c, (SOCKADDR *)&addr, sizeof(addr)) == 0,
            "a connected UDP pair");
    v = 0;
    len = sizeof(v);
    CHECK(getsockopt(c, SOL_SOCKET, SO_CONNECT_TIME, (char *)&v, &len) == 0 && v == 0xFFFFFFFFu,
          "a connected UDP socket: 0xFFFFFFFF");
    v = 0;
    len = sizeof(v);
    CHECK(getsockopt(s, SOL_SOCKET, SO_CONNECT_TIME, (char *)&v, &len) == 0 && v == 0xFFFFFFFFu, "a bound one too");
    closesocket(s);
    closesocket(c);

    WSACleanup();
    return check_done();
}

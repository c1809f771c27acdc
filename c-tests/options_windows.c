/*
 * Socket options answering as Windows does: IPV6_V6ONLY TRUE by default (a dual-stack server
 * binds 0.0.0.0:p and then [::]:p), IPv6-level options on an IPv4 socket, SO_RCVBUF/SO_SNDBUF
 * read back as set (0 too) and a zero send buffer still sends, SO_EXCLUSIVEADDRUSE against
 * SO_REUSEADDR, SO_CONNECT_TIME, SO_OPENTYPE, IP_DONTFRAGMENT, SO_ERROR set and read,
 * SIO_KEEPALIVE_VALS, unknown options and short lengths, and the last error cleared on success.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <mstcpip.h>
#include <mswsock.h> /* SO_CONNECT_TIME, SO_OPENTYPE, SO_SYNCHRONOUS_* live here in Windows' SDK */
#include "check.h"

/* Windows' ws2ipdef.h value, which some SDKs' headers leave out. */
#ifndef TCP_KEEPALIVE
#define TCP_KEEPALIVE 3
#endif

static DWORD get_dword(SOCKET s, int level, int name, int *len)
{
    DWORD v = 0xdeadbeef;
    *len = sizeof v;
    if (getsockopt(s, level, name, (char *)&v, len) == SOCKET_ERROR)
        return 0xdead0000u + (DWORD)WSAGetLastError();
    return v;
}

static int set_dword(SOCKET s, int level, int name, DWORD v)
{
    return setsockopt(s, level, name, (const char *)&v, sizeof v);
}

int main(void)
{
    WSADATA wsaData;
    SOCKET t, t6, u, l, c, a, v4, v6;
    struct sockaddr_in sin;
    struct sockaddr_in6 sin6;
    struct tcp_keepalive ka;
    DWORD returned;
    int len;
    char big[65536];

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsaData) == 0, "WSAStartup");
    t = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    t6 = socket(AF_INET6, SOCK_STREAM, IPPROTO_TCP);
    u = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    REQUIRE(t != INVALID_SOCKET && t6 != INVALID_SOCKET && u != INVALID_SOCKET, "sockets");

    /* IPV6_V6ONLY. */
    CHECK_EQ(get_dword(t6, IPPROTO_IPV6, IPV6_V6ONLY, &len) & 0xff, 1, "IPV6_V6ONLY is TRUE on a new IPv6 socket");
    CHECK_EQ(len, 1, "... as a 1-byte value (Windows keeps it in one byte)");
    CHECK_EQ(get_dword(t, IPPROTO_IPV6, IPV6_V6ONLY, &len) & 0xff, 1,
             "IPV6_V6ONLY on an IPv4 socket reads TRUE, as on Windows (c-test options_v6only_ipv4)");
    CHECK_EQ(get_dword(t, IPPROTO_IPV6, IPV6_UNICAST_HOPS, &len), 0xdead0000u + WSAEINVAL,
             "another IPv6-level option on an IPv4 socket fails with WSAEINVAL");
    v4 = socket(AF_INET, SOCK_STREAM, 0);
    v6 = socket(AF_INET6, SOCK_STREAM, 0);
    memset(&sin, 0, sizeof sin);
    sin.sin_family = AF_INET;
    REQUIRE(bind(v4, (SOCKADDR *)&sin, sizeof sin) == 0, "a server binds 0.0.0.0:0");
    len = sizeof sin;
    REQUIRE(getsockname(v4, (SOCKADDR *)&sin, &len) == 0, "... and learns its port");
    memset(&sin6, 0, sizeof sin6);
    sin6.sin6_family = AF_INET6;
    sin6.sin6_port = sin.sin_port;
    sin6.sin6_addr = in6addr_any;
    CHECK_EQ(bind(v6, (SOCKADDR *)&sin6, sizeof sin6), 0, "... then [::] on the same port (dual-stack server)");
    closesocket(v4);
    closesocket(v6);

    /* Buffer sizes. */
    CHECK_EQ(set_dword(t, SOL_SOCKET, SO_RCVBUF, 4096), 0, "SO_RCVBUF 4096");
    CHECK_EQ(get_dword(t, SOL_SOCKET, SO_RCVBUF, &len), 4096, "... reads back 4096");
    CHECK_EQ(set_dword(t, SOL_SOCKET, SO_SNDBUF, 0), 0, "SO_SNDBUF 0");
    CHECK_EQ(get_dword(t, SOL_SOCKET, SO_SNDBUF, &len), 0, "... reads back 0");

    /* SO_EXCLUSIVEADDRUSE and SO_REUSEADDR. */
    CHECK_EQ(get_dword(u, SOL_SOCKET, SO_EXCLUSIVEADDRUSE, &len), 0, "SO_EXCLUSIVEADDRUSE starts FALSE");
    CHECK_EQ(set_dword(u, SOL_SOCKET, SO_EXCLUSIVEADDRUSE, 1), 0, "SO_EXCLUSIVEADDRUSE TRUE");
    CHECK_EQ(get_dword(u, SOL_SOCKET, SO_EXCLUSIVEADDRUSE, &len), 1, "... reads back TRUE");
    CHECK(set_dword(u, SOL_SOCKET, SO_REUSEADDR, 1) == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL,
          "SO_REUSEADDR on an exclusive socket fails with WSAEINVAL");
    c = socket(AF_INET, SOCK_STREAM, 0);
    CHECK_EQ(set_dword(c, SOL_SOCKET, SO_REUSEADDR, 1), 0, "SO_REUSEADDR TRUE on another socket");
    CHECK(set_dword(c, SOL_SOCKET, SO_EXCLUSIVEADDRUSE, 1) == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL,
          "... then SO_EXCLUSIVEADDRUSE fails with WSAEINVAL");

    /* A bind SO_REUSEADDR may not share: WSAEACCES. */
    l = socket(AF_INET, SOCK_STREAM, 0);
    memset(&sin, 0, sizeof sin);
    sin.sin_family = AF_INET;
    sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    CHECK_EQ(set_dword(l, SOL_SOCKET, SO_EXCLUSIVEADDRUSE, 1), 0, "an exclusive listener");
    REQUIRE(bind(l, (SOCKADDR *)&sin, sizeof sin) == 0 && listen(l, 1) == 0, "... bound and listening");
    len = sizeof sin;
    REQUIRE(getsockname(l, (SOCKADDR *)&sin, &len) == 0, "... on a known port");
    CHECK(bind(c, (SOCKADDR *)&sin, sizeof sin) == SOCKET_ERROR && WSAGetLastError() == WSAEACCES,
          "a SO_REUSEADDR socket binding its port fails with WSAEACCES");
    closesocket(c);
    {
        /* The same for UDP: an exclusive holder, a sharing newcomer. */
        SOCKET x = socket(AF_INET, SOCK_DGRAM, 0), y = socket(AF_INET, SOCK_DGRAM, 0);
        struct sockaddr_in ua = sin;
        ua.sin_port = 0;
        CHECK(set_dword(x, SOL_SOCKET, SO_EXCLUSIVEADDRUSE, 1) == 0 && bind(x, (SOCKADDR *)&ua, sizeof ua) == 0,
              "an exclusive UDP socket bound");
        len = sizeof ua;
        getsockname(x, (SOCKADDR *)&ua, &len);
        CHECK(set_dword(y, SOL_SOCKET, SO_REUSEADDR, 1) == 0 && bind(y, (SOCKADDR *)&ua, sizeof ua) == SOCKET_ERROR &&
                  WSAGetLastError() == WSAEACCES,
              "a SO_REUSEADDR UDP socket binding its port fails with WSAEACCES");
        closesocket(x);
        closesocket(y);
    }

    /* SO_CONNECT_TIME. */
    c = socket(AF_INET, SOCK_STREAM, 0);
    CHECK_EQ(get_dword(c, SOL_SOCKET, SO_CONNECT_TIME, &len), 0xFFFFFFFFu, "SO_CONNECT_TIME is 0xFFFFFFFF before connect");
    REQUIRE(connect(c, (SOCKADDR *)&sin, sizeof sin) == 0, "connect");
    a = accept(l, NULL, NULL);
    REQUIRE(a != INVALID_SOCKET, "accept");
    CHECK(get_dword(c, SOL_SOCKET, SO_CONNECT_TIME, &len) <= 1 && len == 4, "SO_CONNECT_TIME is 0 seconds just after connect");
    CHECK(get_dword(a, SOL_SOCKET, SO_CONNECT_TIME, &len) <= 1, "... and on the accepted socket");
    CHECK(set_dword(c, SOL_SOCKET, SO_CONNECT_TIME, 5) == SOCKET_ERROR && WSAGetLastError() == WSAENOPROTOOPT,
          "SO_CONNECT_TIME cannot be set: WSAENOPROTOOPT");

    /* A zero send buffer still sends. */
    CHECK_EQ(set_dword(c, SOL_SOCKET, SO_SNDBUF, 0), 0, "SO_SNDBUF 0 on a connected socket");
    memset(big, 'x', sizeof big);
    CHECK_EQ(send(c, big, 100, 0), 100, "... send still sends");
    CHECK_EQ(recv(a, big, sizeof big, 0), 100, "... and the peer receives it");

    /* SIO_KEEPALIVE_VALS. */
    ka.onoff = 1;
    ka.keepalivetime = 7000;
    ka.keepaliveinterval = 1500;
    CHECK_EQ(WSAIoctl(c, SIO_KEEPALIVE_VALS, &ka, sizeof ka, NULL, 0, &returned, NULL, NULL), 0, "SIO_KEEPALIVE_VALS");
    CHECK_EQ(get_dword(c, SOL_SOCKET, SO_KEEPALIVE, &len), 0xdeadbe01, "... turns SO_KEEPALIVE on (one byte)");
    CHECK_EQ(get_dword(c, IPPROTO_TCP, TCP_KEEPALIVE, &len), 7, "... with a 7-second idle time (TCP_KEEPALIVE)");
    CHECK(WSAIoctl(c, SIO_KEEPALIVE_VALS, &ka, 4, NULL, 0, &returned, NULL, NULL) == SOCKET_ERROR &&
              WSAGetLastError() == WSAEFAULT,
          "SIO_KEEPALIVE_VALS with a short input fails with WSAEFAULT");
    closesocket(a);
    closesocket(c);
    closesocket(l);

    /* SO_OPENTYPE: per thread. */
    CHECK_EQ(get_dword(t, SOL_SOCKET, SO_OPENTYPE, &len), 0, "SO_OPENTYPE starts at 0");
    CHECK_EQ(get_dword(INVALID_SOCKET, SOL_SOCKET, SO_OPENTYPE, &len), 0, "SO_OPENTYPE needs no valid socket handle");
    CHECK_EQ(set_dword(t, SOL_SOCKET, SO_OPENTYPE, SO_SYNCHRONOUS_NONALERT), 0, "SO_OPENTYPE SO_SYNCHRONOUS_NONALERT");
    CHECK_EQ(get_dword(u, SOL_SOCKET, SO_OPENTYPE, &len), SO_SYNCHRONOUS_NONALERT, "... reads back on any socket of the thread");
    CHECK_EQ(set_dword(t, SOL_SOCKET, SO_OPENTYPE, 0), 0, "SO_OPENTYPE back to 0");

    /* IP_DONTFRAGMENT. */
    CHECK_EQ(get_dword(u, IPPROTO_IP, IP_DONTFRAGMENT, &len), 0, "IP_DONTFRAGMENT starts FALSE");
    CHECK_EQ(set_dword(u, IPPROTO_IP, IP_DONTFRAGMENT, 0xdead), 0, "IP_DONTFRAGMENT 0xdead");
    CHECK_EQ(get_dword(u, IPPROTO_IP, IP_DONTFRAGMENT, &len), 1, "... reads back 1");
    CHECK_EQ(get_dword(t6, IPPROTO_IPV6, IP_DONTFRAGMENT, &len), 1, "IP_DONTFRAGMENT at the IPv6 level starts TRUE on TCP, as on Windows");
    CHECK_EQ(set_dword(t6, IPPROTO_IPV6, IP_DONTFRAGMENT, 0), 0, "... set FALSE");
    CHECK_EQ(get_dword(t6, IPPROTO_IPV6, IP_DONTFRAGMENT, &len), 0, "... reads back 0");
    CHECK_EQ(set_dword(t6, IPPROTO_IPV6, IP_DONTFRAGMENT, 1), 0, "... set TRUE");
    CHECK_EQ(get_dword(t6, IPPROTO_IPV6, IP_DONTFRAGMENT, &len), 1, "... reads back 1");
    CHECK_EQ(set_dword(t6, IPPROTO_IPV6, IPV6_V6ONLY, 0), 0, "IPV6_V6ONLY FALSE");
    CHECK_EQ(get_dword(t6, IPPROTO_IPV6, IPV6_V6ONLY, &len), 0xdeadbe00, "... reads back FALSE (one byte)");

    /* SO_ERROR is stored. */
    CHECK_EQ(set_dword(t, SOL_SOCKET, SO_ERROR, 1234), 0, "SO_ERROR can be set");
    CHECK_EQ(WSAGetLastError(), 0, "... and success clears the last error");
    CHECK_EQ(get_dword(t, SOL_SOCKET, SO_ERROR, &len), 1234, "... reads back the value set");

    /* Errors, and the last error after a success. */
    CHECK_EQ(get_dword(t, SOL_SOCKET, 0x7777, &len), 0xdead0000u + WSAENOPROTOOPT, "an unknown option: WSAENOPROTOOPT");
    CHECK_EQ(get_dword(t, 0x8000, SO_RCVBUF, &len), 0xdead0000u + WSAEINVAL, "an unknown level: WSAEINVAL");
    {
        DWORD v = 0;
        len = 2;
        CHECK(getsockopt(t, SOL_SOCKET, SO_RCVBUF, (char *)&v, &len) == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT,
              "a 2-byte buffer for SO_RCVBUF (an int): WSAEFAULT");
    }
    {
        char b = 0x55;
        CHECK_EQ(set_dword(u, SOL_SOCKET, SO_BROADCAST, 1), 0, "SO_BROADCAST TRUE");
        len = 1;
        CHECK(getsockopt(u, SOL_SOCKET, SO_BROADCAST, &b, &len) == 0 && len == 1 && b == 1,
              "... read into a 1-byte buffer: one byte, 1");
        len = 1;
        CHECK(getsockopt(u, SOL_SOCKET, SO_EXCLUSIVEADDRUSE, &b, &len) == 0 && len == 1 && b == 1,
              "SO_EXCLUSIVEADDRUSE read into a 1-byte buffer");
    }
    WSASetLastError(12345);
    CHECK_EQ(get_dword(t, IPPROTO_TCP, TCP_NODELAY, &len), 0xdeadbe00, "TCP_NODELAY reads FALSE (one byte)");
    CHECK_EQ(WSAGetLastError(), 0, "... a successful getsockopt clears the last error");
    WSASetLastError(12345);
    CHECK_EQ(set_dword(t, IPPROTO_TCP, TCP_NODELAY, 1), 0, "TCP_NODELAY TRUE");
    CHECK_EQ(WSAGetLastError(), 0, "... a successful setsockopt clears the last error");
    CHECK(get_dword(t, IPPROTO_TCP, TCP_NODELAY, &len) == 0xdeadbe01 && len == 1, "... reads back 1 in one byte, as Windows");

    closesocket(t);
    closesocket(t6);
    closesocket(u);
    WSACleanup();
    return check_done();
}

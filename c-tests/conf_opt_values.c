/* ws2mp-test: no-mingw */ /* TCP_KEEPALIVE, TCP_KEEPCNT, TCP_KEEPINTVL are newer than this mingw-w64's headers */
/*
 * Option values as Windows reads them back: SO_RCVTIMEO/SO_SNDTIMEO in milliseconds, SO_LINGER
 * pairs, SO_DONTLINGER and SO_LINGER with a NULL value, TCP_NODELAY with any positive length
 * (only its first byte counts), the keep-alive times, an integer passed where a pointer belongs,
 * levels Windows does not know, SO_ERROR stored and read, IP_MULTICAST_TTL of 1 to 4 bytes
 * (nothing beyond the length is read),
 * SO_PROTOCOL_INFOA's argument checks, IP_HDRINCL on TCP and UDP sockets, IP_DONTFRAGMENT's
 * defaults (on for TCP, off for UDP) at both IP levels.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <mstcpip.h>
#include "check.h"

static int set_int(SOCKET s, int level, int name, int v, int len)
{
    return setsockopt(s, level, name, (char *)&v, len);
}

static DWORD get_dword(SOCKET s, int level, int name)
{
    DWORD v = 0xdeadbeef;
    int len = sizeof v;
    if (getsockopt(s, level, name, (char *)&v, &len) == SOCKET_ERROR)
        return 0xdead0000u + (DWORD)WSAGetLastError();
    return v;
}

int main(void)
{
    WSADATA wsaData;
    SOCKET s, u;
    LINGER lg;
    WSAPROTOCOL_INFOA info;
    static const u_short pairs[][2] = {{0, 0}, {0, 73}, {1, 0}, {5, 189}};
    /* Bytes beyond the length given are garbage the call must not read. */
    static const unsigned int ttl_values[4] = {0xffffff0au, 0xffff000bu, 0xff00000cu, 0x0000000du};
    int len, i, family;

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsaData) == 0, "WSAStartup");
    s = socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(s != INVALID_SOCKET, "socket");

    /* Timeouts: DWORD milliseconds, read back exactly. */
    CHECK_EQ(set_int(s, SOL_SOCKET, SO_RCVTIMEO, 63000, 4), 0, "SO_RCVTIMEO 63000");
    CHECK_EQ(get_dword(s, SOL_SOCKET, SO_RCVTIMEO), 63000, "... reads back 63000");
    CHECK_EQ(set_int(s, SOL_SOCKET, SO_RCVTIMEO, 0, 4), 0, "SO_RCVTIMEO 0");
    CHECK_EQ(get_dword(s, SOL_SOCKET, SO_RCVTIMEO), 0, "... reads back 0");
    CHECK_EQ(set_int(s, SOL_SOCKET, SO_SNDTIMEO, 997000, 4), 0, "SO_SNDTIMEO 997000");
    CHECK_EQ(get_dword(s, SOL_SOCKET, SO_SNDTIMEO), 997000, "... reads back 997000");
    CHECK_EQ(set_int(s, SOL_SOCKET, SO_RCVTIMEO, 1, 4), 0, "SO_RCVTIMEO 1 ms");
    CHECK_EQ(get_dword(s, SOL_SOCKET, SO_RCVTIMEO), 1, "... reads back 1 (not the kernel's tick)");

    /* SO_LINGER pairs. */
    for (i = 0; i < 4; i++) {
        lg.l_onoff = pairs[i][0];
        lg.l_linger = pairs[i][1];
        CHECK_EQ(setsockopt(s, SOL_SOCKET, SO_LINGER, (char *)&lg, sizeof lg), 0, "SO_LINGER set");
        memset(&lg, 0x55, sizeof lg);
        len = sizeof lg;
        CHECK_EQ(getsockopt(s, SOL_SOCKET, SO_LINGER, (char *)&lg, &len), 0, "SO_LINGER read");
        CHECK_EQ(!lg.l_onoff, !pairs[i][0], "... l_onoff as set");
        if (lg.l_onoff)
            CHECK_EQ(lg.l_linger, pairs[i][1], "... l_linger as set");
    }
    CHECK(setsockopt(s, SOL_SOCKET, SO_LINGER, NULL, sizeof lg) == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT,
          "SO_LINGER with a NULL value: WSAEFAULT");
    CHECK(setsockopt(s, SOL_SOCKET, SO_LINGER, NULL, 0) == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT,
          "... and with a NULL value of length 0");
    CHECK(setsockopt(s, SOL_SOCKET, SO_DONTLINGER, NULL, sizeof(BOOL)) == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT,
          "SO_DONTLINGER with a NULL value: WSAEFAULT");
    CHECK(setsockopt(s, SOL_SOCKET, SO_DONTLINGER, NULL, 0) == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT,
          "... and with a NULL value of length 0");

    /* TCP_NODELAY: any positive length; only the first byte counts. */
    CHECK_EQ(set_int(s, IPPROTO_TCP, TCP_NODELAY, 1, 1), 0, "TCP_NODELAY with optlen 1");
    CHECK_EQ(get_dword(s, IPPROTO_TCP, TCP_NODELAY) & 0xff, 1, "... is on");
    CHECK_EQ(set_int(s, IPPROTO_TCP, TCP_NODELAY, 0, 4), 0, "TCP_NODELAY off");
    {
        char big[42];
        memset(big, 0, sizeof big);
        big[0] = 1;
        CHECK_EQ(setsockopt(s, IPPROTO_TCP, TCP_NODELAY, big, sizeof big), 0, "TCP_NODELAY with optlen 42");
        CHECK_EQ(get_dword(s, IPPROTO_TCP, TCP_NODELAY) & 0xff, 1, "... is on");
    }
    CHECK(set_int(s, IPPROTO_TCP, TCP_NODELAY, 0, 0) == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT,
          "TCP_NODELAY with optlen 0: WSAEFAULT");
    CHECK(set_int(s, IPPROTO_TCP, TCP_NODELAY, 0, -1) == SOCKET_ERROR &&
              (WSAGetLastError() == WSAEFAULT || WSAGetLastError() == WSAENOBUFS),
          "TCP_NODELAY with optlen -1 fails");
    CHECK_EQ(set_int(s, IPPROTO_TCP, TCP_NODELAY, 0x100, 4), 0, "TCP_NODELAY 0x100");
    CHECK_EQ(get_dword(s, IPPROTO_TCP, TCP_NODELAY) & 0xff, 0, "... is off (its first byte is 0)");

    /* Keep-alive times (seconds). */
    CHECK_EQ(set_int(s, IPPROTO_TCP, TCP_KEEPALIVE, 3600, 4), 0, "TCP_KEEPALIVE 3600");
    CHECK_EQ(get_dword(s, IPPROTO_TCP, TCP_KEEPALIVE), 3600, "... reads back");
    CHECK_EQ(set_int(s, IPPROTO_TCP, TCP_KEEPCNT, 5, 4), 0, "TCP_KEEPCNT 5");
    CHECK_EQ(get_dword(s, IPPROTO_TCP, TCP_KEEPCNT), 5, "... reads back");
    CHECK_EQ(set_int(s, IPPROTO_TCP, TCP_KEEPINTVL, 5, 4), 0, "TCP_KEEPINTVL 5");
    CHECK_EQ(get_dword(s, IPPROTO_TCP, TCP_KEEPINTVL), 5, "... reads back");

    /* A value passed where its address belongs. */
    CHECK(setsockopt(s, SOL_SOCKET, SO_DONTROUTE, (char *)1, 1) == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT,
          "an integer as optval: WSAEFAULT");

    /* Levels Windows does not know. */
    CHECK(set_int(s, (int)0xffffffff, SO_RCVTIMEO, 1000, 4) == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL,
          "level 0xffffffff: WSAEINVAL");
    CHECK(set_int(s, 0x8000, SO_RCVTIMEO, 1000, 4) == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL,
          "level 0x8000: WSAEINVAL");

    /* SO_ERROR: stored, and a short buffer refused. */
    WSASetLastError(777);
    CHECK_EQ(set_int(s, SOL_SOCKET, SO_ERROR, 1234, 4), 0, "SO_ERROR set");
    CHECK_EQ(WSAGetLastError(), 0, "... clears the last error");
    WSASetLastError(777);
    CHECK_EQ(get_dword(s, SOL_SOCKET, SO_ERROR), 1234, "SO_ERROR reads back 1234");
    CHECK_EQ(WSAGetLastError(), 0, "... clearing the last error");
    {
        int e = 0;
        len = 1;
        CHECK(getsockopt(s, SOL_SOCKET, SO_ERROR, (char *)&e, &len) == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT,
              "SO_ERROR into 1 byte: WSAEFAULT");
    }
    closesocket(s);
    {
        int e = 1234;
        len = sizeof e;
        CHECK(getsockopt(s, SOL_SOCKET, SO_ERROR, (char *)&e, &len) == SOCKET_ERROR && WSAGetLastError() == WSAENOTSOCK,
              "SO_ERROR on a closed socket: WSAENOTSOCK");
        CHECK_EQ(e, 1234, "... buffer untouched");
    }

    /* IP_MULTICAST_TTL of 1, 2, 3 and 4 bytes: the value is the first byte. */
    u = socket(AF_INET, SOCK_DGRAM, 0);
    REQUIRE(u != INVALID_SOCKET, "UDP socket");
    for (i = 0; i < 4; i++) {
        unsigned int v = ttl_values[i];
        int got = 0;
        CHECK_EQ(setsockopt(u, IPPROTO_IP, IP_MULTICAST_TTL, (char *)&v, i + 1), 0, "IP_MULTICAST_TTL with a short value");
        len = sizeof got;
        CHECK_EQ(getsockopt(u, IPPROTO_IP, IP_MULTICAST_TTL, (char *)&got, &len), 0, "... read");
        CHECK_EQ(got, (int)(ttl_values[i] & 0xff), "... is the value given in that many bytes");
    }
    closesocket(u);

    /* SO_PROTOCOL_INFOA's arguments. */
    CHECK(getsockopt(INVALID_SOCKET, SOL_SOCKET, SO_PROTOCOL_INFOA, NULL, NULL) == SOCKET_ERROR &&
              WSAGetLastError() == WSAENOTSOCK,
          "SO_PROTOCOL_INFOA on INVALID_SOCKET: WSAENOTSOCK first");
    len = sizeof info;
    CHECK(getsockopt(INVALID_SOCKET, SOL_SOCKET, SO_PROTOCOL_INFOA, (char *)&info, &len) == SOCKET_ERROR &&
              WSAGetLastError() == WSAENOTSOCK && len == sizeof info,
          "... with a buffer: WSAENOTSOCK, optlen untouched");
    s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    CHECK(getsockopt(s, SOL_SOCKET, SO_PROTOCOL_INFOA, NULL, NULL) == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT,
          "SO_PROTOCOL_INFOA with NULL pointers: WSAEFAULT");
    CHECK(getsockopt(s, SOL_SOCKET, SO_PROTOCOL_INFOA, (char *)&info, NULL) == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT,
          "... NULL optlen: WSAEFAULT");
    CHECK(getsockopt(s, SOL_SOCKET, SO_PROTOCOL_INFOA, NULL, &len) == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT,
          "... NULL optval: WSAEFAULT");
    len = sizeof info / 2;
    CHECK(getsockopt(s, SOL_SOCKET, SO_PROTOCOL_INFOA, (char *)&info, &len) == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT,
          "... half the structure: WSAEFAULT");
    CHECK_EQ(len, (int)sizeof info, "... and optlen says the size needed");
    {
        char two[sizeof(WSAPROTOCOL_INFOA) * 2];
        len = sizeof two;
        CHECK_EQ(getsockopt(s, SOL_SOCKET, SO_PROTOCOL_INFOA, two, &len), 0, "... twice the structure: fine");
        CHECK_EQ(len, (int)sizeof two, "... optlen left as it was");
    }
    closesocket(s);

    /* IP_HDRINCL belongs to raw sockets: WSAEINVAL on TCP and UDP, value untouched. */
    for (i = 0; i < 2; i++) {
        int k = 1;
        s = socket(AF_INET, i ? SOCK_DGRAM : SOCK_STREAM, 0);
        CHECK(setsockopt(s, IPPROTO_IP, IP_HDRINCL, (char *)&k, sizeof k) == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL,
              "IP_HDRINCL set on a TCP/UDP socket: WSAEINVAL");
        k = 99;
        len = sizeof k;
        CHECK(getsockopt(s, IPPROTO_IP, IP_HDRINCL, (char *)&k, &len) == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL,
              "IP_HDRINCL read on a TCP/UDP socket: WSAEINVAL");
        CHECK_EQ(k, 99, "... value untouched");
        closesocket(s);
    }

    /* SO_MAX_MSG_SIZE, SO_LINGER on UDP, SO_ACCEPTCONN, SO_TYPE. */
    {
        SOCKADDR_IN any;
        LINGER l;
        BOOL b;
        SOCKET t;
        memset(&any, 0, sizeof any);
        any.sin_family = AF_INET;
        u = socket(AF_INET, SOCK_DGRAM, IPPROTO_IP);
        CHECK_EQ(bind(u, (SOCKADDR *)&any, sizeof any), 0, "UDP bind");
        CHECK_EQ(get_dword(u, SOL_SOCKET, SO_MAX_MSG_SIZE), 65507, "SO_MAX_MSG_SIZE of UDP over IPv4 is 65507");
        len = sizeof l;
        CHECK(getsockopt(u, SOL_SOCKET, SO_LINGER, (char *)&l, &len) == SOCKET_ERROR && WSAGetLastError() == WSAENOPROTOOPT,
              "SO_LINGER on UDP: WSAENOPROTOOPT");
        len = sizeof b;
        CHECK(getsockopt(u, SOL_SOCKET, SO_DONTLINGER, (char *)&b, &len) == SOCKET_ERROR && WSAGetLastError() == WSAENOPROTOOPT,
              "SO_DONTLINGER on UDP: WSAENOPROTOOPT");
        CHECK_EQ(get_dword(u, SOL_SOCKET, SO_TYPE), SOCK_DGRAM, "SO_TYPE of UDP");
        closesocket(u);
        t = socket(AF_INET, SOCK_STREAM, IPPROTO_IP);
        CHECK_EQ(bind(t, (SOCKADDR *)&any, sizeof any), 0, "TCP bind");
        len = sizeof l;
        CHECK_EQ(getsockopt(t, SOL_SOCKET, SO_LINGER, (char *)&l, &len), 0, "SO_LINGER on TCP");
        len = sizeof b;
        CHECK_EQ(getsockopt(t, SOL_SOCKET, SO_DONTLINGER, (char *)&b, &len), 0, "SO_DONTLINGER on TCP");
        CHECK((l.l_onoff && !b) || (!l.l_onoff && b), "... SO_DONTLINGER is the opposite of l_onoff");
        CHECK_EQ(get_dword(t, SOL_SOCKET, SO_ACCEPTCONN), 0, "SO_ACCEPTCONN FALSE before listen");
        CHECK_EQ(listen(t, 1), 0, "listen");
        CHECK_EQ(get_dword(t, SOL_SOCKET, SO_ACCEPTCONN), 1, "SO_ACCEPTCONN TRUE after");
        CHECK_EQ(get_dword(t, SOL_SOCKET, SO_TYPE), SOCK_STREAM, "SO_TYPE of TCP");
        closesocket(t);
    }

    /* IP_DONTFRAGMENT defaults, both levels. */
    for (family = 0; family < 2; family++) {
        int af = family ? AF_INET6 : AF_INET, level = family ? IPPROTO_IPV6 : IPPROTO_IP;
        u = socket(af, SOCK_DGRAM, 0);
        CHECK_EQ(get_dword(u, level, IP_DONTFRAGMENT), 0, "IP_DONTFRAGMENT starts FALSE on UDP");
        CHECK_EQ(set_int(u, level, IP_DONTFRAGMENT, 0xdead, 4), 0, "... set to 0xdead");
        CHECK_EQ(get_dword(u, level, IP_DONTFRAGMENT), 1, "... reads back 1");
        closesocket(u);
        s = socket(af, SOCK_STREAM, 0);
        CHECK_EQ(get_dword(s, level, IP_DONTFRAGMENT), 1, "IP_DONTFRAGMENT starts TRUE on TCP");
        CHECK_EQ(set_int(s, level, IP_DONTFRAGMENT, 0, 4), 0, "... set FALSE");
        CHECK_EQ(get_dword(s, level, IP_DONTFRAGMENT), 0, "... reads back 0");
        closesocket(s);
    }

    WSACleanup();
    return check_done();
}

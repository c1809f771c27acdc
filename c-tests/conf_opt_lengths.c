/* ws2mp-test: no-mingw */ /* TCP_KEEPALIVE, TCP_KEEPCNT, TCP_KEEPINTVL are newer than this mingw-w64's headers */
/*
 * Option value lengths as Windows handles them, for each option a program commonly sets:
 * what a getsockopt with a 1-, 2- or 4-byte buffer writes and reports back in *optlen, which
 * options take a short setsockopt length (a char BOOL), an 8-byte value, optlen 0 or -1, and
 * a value of 0x100 (out of range for the TTLs; the BOOL-as-byte options read only its low
 * byte). Also the receive-information flags (IP_PKTINFO, IP_RECVTTL, ...), which refuse short
 * buffers and report 0 bytes then. Every call starts from a 0xdeadbeef pattern, so the bytes Windows leaves alone are
 * checked too.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <mstcpip.h>
#include "check.h"

/* One option: how Windows treats it. */
struct opt_case {
    const char *name;
    int af, type, level, optname;
    BOOL short_set;       /* setsockopt accepts a length below 4 */
    int got_len[3];       /* *optlen after getsockopt with a 1-, 2- and 4-byte buffer */
    DWORD got_value[3];   /* the buffer afterwards (0: the value 1 in got_len bytes) */
    BOOL takes_0x100;     /* setsockopt(0x100) succeeds */
    BOOL is_bool;         /* a BOOL: reads back as 1 */
};

static const struct opt_case cases[] = {
    {"SO_BROADCAST", AF_INET, SOCK_DGRAM, SOL_SOCKET, SO_BROADCAST, TRUE, {1, 1, 4}, {0, 0xdead0001, 0}, TRUE, TRUE},
    {"SO_DONTLINGER", AF_INET, SOCK_STREAM, SOL_SOCKET, SO_DONTLINGER, TRUE, {1, 1, 4}, {0, 0xdead0001, 0}, TRUE, TRUE},
    {"SO_LINGER", AF_INET, SOCK_STREAM, SOL_SOCKET, SO_LINGER, FALSE, {1, 2, 4}, {0xdeadbe00, 0xdead0000, 0}, TRUE, FALSE},
    {"SO_OOBINLINE", AF_INET, SOCK_STREAM, SOL_SOCKET, SO_OOBINLINE, TRUE, {1, 1, 4}, {0, 0xdead0001, 0}, TRUE, TRUE},
    {"SO_RCVBUF", AF_INET, SOCK_STREAM, SOL_SOCKET, SO_RCVBUF, FALSE, {1, 2, 4}, {0xdeadbe00, 0xdead0000, 0}, TRUE, FALSE},
    {"SO_KEEPALIVE", AF_INET, SOCK_STREAM, SOL_SOCKET, SO_KEEPALIVE, TRUE, {1, 1, 1}, {0, 0, 0}, TRUE, FALSE},
    {"SO_DONTROUTE", AF_INET, SOCK_STREAM, SOL_SOCKET, SO_DONTROUTE, TRUE, {1, 1, 1}, {0, 0, 0}, TRUE, FALSE},
    {"SO_RCVTIMEO", AF_INET, SOCK_STREAM, SOL_SOCKET, SO_RCVTIMEO, FALSE, {1, 2, 4}, {0, 0, 0}, TRUE, FALSE},
    {"SO_REUSEADDR", AF_INET, SOCK_STREAM, SOL_SOCKET, SO_REUSEADDR, TRUE, {1, 1, 4}, {0, 0xdead0001, 0}, TRUE, TRUE},
    {"SO_EXCLUSIVEADDRUSE", AF_INET, SOCK_STREAM, SOL_SOCKET, SO_EXCLUSIVEADDRUSE, TRUE, {1, 1, 4}, {0, 0xdead0001, 0}, TRUE, TRUE},
    {"SO_SNDBUF", AF_INET, SOCK_STREAM, SOL_SOCKET, SO_SNDBUF, FALSE, {1, 2, 4}, {0xdeadbe00, 0xdead0000, 0}, TRUE, FALSE},
    {"SO_SNDTIMEO", AF_INET, SOCK_STREAM, SOL_SOCKET, SO_SNDTIMEO, FALSE, {1, 2, 4}, {0, 0, 0}, TRUE, FALSE},
    {"SO_OPENTYPE", AF_INET, SOCK_STREAM, SOL_SOCKET, SO_OPENTYPE, FALSE, {1, 2, 4}, {0, 0, 0}, TRUE, FALSE},
    {"TCP_NODELAY", AF_INET, SOCK_STREAM, IPPROTO_TCP, TCP_NODELAY, TRUE, {1, 1, 1}, {0, 0, 0}, TRUE, FALSE},
    {"TCP_KEEPALIVE", AF_INET, SOCK_STREAM, IPPROTO_TCP, TCP_KEEPALIVE, FALSE, {0, 0, 4}, {0, 0, 0}, TRUE, FALSE},
    {"TCP_KEEPCNT", AF_INET, SOCK_STREAM, IPPROTO_TCP, TCP_KEEPCNT, FALSE, {0, 0, 4}, {0, 0, 0}, FALSE, FALSE},
    {"TCP_KEEPINTVL", AF_INET, SOCK_STREAM, IPPROTO_TCP, TCP_KEEPINTVL, FALSE, {0, 0, 4}, {0, 0, 0}, TRUE, FALSE},
    {"IP_PKTINFO", AF_INET, SOCK_DGRAM, IPPROTO_IP, IP_PKTINFO, FALSE, {0, 0, 4}, {0, 0, 0}, TRUE, TRUE},
    {"IP_RECVTOS", AF_INET, SOCK_DGRAM, IPPROTO_IP, IP_RECVTOS, FALSE, {0, 0, 4}, {0, 0, 0}, TRUE, TRUE},
    {"IP_RECVTTL", AF_INET, SOCK_DGRAM, IPPROTO_IP, IP_RECVTTL, FALSE, {0, 0, 4}, {0, 0, 0}, TRUE, TRUE},
    {"IPV6_DONTFRAG", AF_INET6, SOCK_STREAM, IPPROTO_IPV6, IPV6_DONTFRAG, TRUE, {1, 1, 4}, {0, 0, 0}, TRUE, TRUE},
    {"IPV6_HOPLIMIT", AF_INET6, SOCK_DGRAM, IPPROTO_IPV6, IPV6_HOPLIMIT, FALSE, {0, 0, 4}, {0, 0, 0}, TRUE, TRUE},
    {"IPV6_PKTINFO", AF_INET6, SOCK_DGRAM, IPPROTO_IPV6, IPV6_PKTINFO, FALSE, {0, 0, 4}, {0, 0, 0}, TRUE, TRUE},
    {"IPV6_RECVTCLASS", AF_INET6, SOCK_DGRAM, IPPROTO_IPV6, IPV6_RECVTCLASS, FALSE, {0, 0, 4}, {0, 0, 0}, TRUE, TRUE},
    {"IP_MULTICAST_LOOP", AF_INET, SOCK_DGRAM, IPPROTO_IP, IP_MULTICAST_LOOP, TRUE, {1, 1, 4}, {0, 0, 0}, TRUE, TRUE},
    {"IP_MULTICAST_TTL", AF_INET, SOCK_DGRAM, IPPROTO_IP, IP_MULTICAST_TTL, TRUE, {1, 1, 4}, {0, 0, 0}, FALSE, FALSE},
    {"IP_TOS", AF_INET, SOCK_DGRAM, IPPROTO_IP, IP_TOS, TRUE, {1, 1, 4}, {0, 0, 0}, FALSE, FALSE},
    {"IP_TTL", AF_INET, SOCK_DGRAM, IPPROTO_IP, IP_TTL, TRUE, {1, 1, 4}, {0, 0, 0}, FALSE, FALSE},
    {"IPV6_MULTICAST_HOPS", AF_INET6, SOCK_DGRAM, IPPROTO_IPV6, IPV6_MULTICAST_HOPS, TRUE, {1, 1, 4}, {0, 0, 0}, FALSE, FALSE},
    {"IPV6_MULTICAST_LOOP", AF_INET6, SOCK_DGRAM, IPPROTO_IPV6, IPV6_MULTICAST_LOOP, TRUE, {1, 1, 4}, {0, 0, 0}, TRUE, TRUE},
    {"IPV6_UNICAST_HOPS", AF_INET6, SOCK_DGRAM, IPPROTO_IPV6, IPV6_UNICAST_HOPS, TRUE, {1, 1, 4}, {0, 0, 0}, FALSE, FALSE},
    {"IPV6_V6ONLY", AF_INET6, SOCK_DGRAM, IPPROTO_IPV6, IPV6_V6ONLY, TRUE, {1, 1, 1}, {0, 0, 0}, TRUE, FALSE},
};

static char what_[200];
static const char *what(const struct opt_case *c, const char *step)
{
    snprintf(what_, sizeof what_, "%s: %s", c->name, step);
    return what_;
}

static void check_option(const struct opt_case *c)
{
    SOCKET s = socket(c->af, c->type, 0);
    DWORD saved = 0, v;
    unsigned long long v64;
    int len, rc, j;

    REQUIRE(s != INVALID_SOCKET, what(c, "socket"));
    len = sizeof saved;
    CHECK_EQ(getsockopt(s, c->level, c->optname, (char *)&saved, &len), 0, what(c, "reads with a 4-byte buffer"));

    /* A 64-bit value: accepted, read back with the option's own size. */
    v64 = 0xffffffff00000001ULL;
    CHECK_EQ(setsockopt(s, c->level, c->optname, (char *)&v64, sizeof v64), 0, what(c, "takes an 8-byte value"));
    len = sizeof v64;
    CHECK_EQ(getsockopt(s, c->level, c->optname, (char *)&v64, &len), 0, what(c, "reads into an 8-byte buffer"));
    CHECK_EQ(len, c->got_len[2], what(c, "... reporting the option's size"));

    /* optlen -1: the socket-level 4-byte options ignore it; the rest fail with WSAENOBUFS. */
    v = 1;
    rc = setsockopt(s, c->level, c->optname, (char *)&v, -1);
    if (c->got_len[2] == 1 || c->level != SOL_SOCKET) {
        CHECK_EQ(rc, SOCKET_ERROR, what(c, "setsockopt with optlen -1 fails"));
        CHECK_EQ(WSAGetLastError(), WSAENOBUFS, what(c, "... with WSAENOBUFS"));
    } else {
        CHECK_EQ(rc, 0, what(c, "setsockopt with optlen -1 succeeds"));
    }
    len = -1;
    v = 0xdeadbeef;
    if (c->level == SOL_SOCKET && c->optname == SO_OPENTYPE) {
        /* The thread's option: Windows answers it whatever the length. */
        CHECK_EQ(getsockopt(s, c->level, c->optname, (char *)&v, &len), 0, what(c, "getsockopt with *optlen -1 succeeds"));
        CHECK_EQ(len, 4, what(c, "... reporting 4 bytes"));
    } else {
        CHECK_EQ(getsockopt(s, c->level, c->optname, (char *)&v, &len), SOCKET_ERROR, what(c, "getsockopt with *optlen -1 fails"));
        CHECK_EQ(WSAGetLastError(), WSAEFAULT, what(c, "... with WSAEFAULT"));
        CHECK_EQ(len, -1, what(c, "... leaving *optlen"));
    }

    /* optlen 0: the socket-level BOOLs succeed without reading anything. */
    v = 1;
    WSASetLastError(12345);
    rc = setsockopt(s, c->level, c->optname, (char *)&v, 0);
    if (c->level == SOL_SOCKET && c->is_bool) {
        CHECK_EQ(rc, 0, what(c, "setsockopt with optlen 0 succeeds"));
        CHECK_EQ(WSAGetLastError(), 0, what(c, "... clearing the last error"));
    } else {
        CHECK_EQ(rc, SOCKET_ERROR, what(c, "setsockopt with optlen 0 fails"));
        CHECK_EQ(WSAGetLastError(), WSAEFAULT, what(c, "... with WSAEFAULT"));
    }
    len = 0;
    CHECK_EQ(getsockopt(s, c->level, c->optname, (char *)&v, &len), SOCKET_ERROR, what(c, "getsockopt with *optlen 0 fails"));
    CHECK_EQ(WSAGetLastError(), WSAEFAULT, what(c, "... with WSAEFAULT"));

    /* 0x100. */
    v = 0x100;
    rc = setsockopt(s, c->level, c->optname, (char *)&v, 4);
    if (c->takes_0x100) {
        DWORD want = c->got_len[2] == 1 ? 0xdeadbe00 : c->is_bool ? 1 : 0x100;
        CHECK_EQ(rc, 0, what(c, "takes 0x100"));
        v = 0xdeadbeef;
        len = 4;
        CHECK_EQ(getsockopt(s, c->level, c->optname, (char *)&v, &len), 0, what(c, "reads 0x100 back"));
        CHECK_EQ(v, want, what(c, "... as Windows does"));
        CHECK_EQ(len, c->got_len[2], what(c, "... in the option's size"));
    } else {
        CHECK_EQ(rc, SOCKET_ERROR, what(c, "refuses 0x100"));
        CHECK_EQ(WSAGetLastError(), WSAEINVAL, what(c, "... with WSAEINVAL"));
    }

    /* 1, 2 and 4 bytes. */
    for (j = 0; j < 3; j++) {
        int size = 1 << j;
        BOOL works = c->short_set || size == 4;
        DWORD want;
        char step[64];
        if (c->got_value[j])
            want = c->got_value[j];
        else if (works)
            want = c->got_len[j] == 1 ? 0xdeadbe01 : 1;
        else
            want = 0xdeadbeef;
        v = 1;
        len = size;
        snprintf(step, sizeof step, "setsockopt with %d byte(s)", size);
        rc = setsockopt(s, c->level, c->optname, (char *)&v, size);
        if (works) {
            CHECK_EQ(rc, 0, what(c, step));
        } else {
            CHECK_EQ(rc, SOCKET_ERROR, what(c, step));
            CHECK_EQ(WSAGetLastError(), WSAEFAULT, what(c, "... fails with WSAEFAULT"));
        }
        v = 0xdeadbeef;
        snprintf(step, sizeof step, "getsockopt with %d byte(s)", size);
        rc = getsockopt(s, c->level, c->optname, (char *)&v, &len);
        if (works) {
            CHECK_EQ(rc, 0, what(c, step));
        } else {
            CHECK_EQ(rc, SOCKET_ERROR, what(c, step));
            CHECK_EQ(WSAGetLastError(), WSAEFAULT, what(c, "... fails with WSAEFAULT"));
        }
        CHECK_EQ(v, want, what(c, "... buffer afterwards"));
        CHECK_EQ(len, c->got_len[j], what(c, "... *optlen afterwards"));
    }
    CHECK_EQ(setsockopt(s, c->level, c->optname, (char *)&saved, sizeof saved), 0, what(c, "restores its value"));
    closesocket(s);
}

int main(void)
{
    WSADATA wsaData;
    size_t i;
    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsaData) == 0, "WSAStartup");
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
        check_option(&cases[i]);
    WSACleanup();
    return check_done();
}

/*
 * The ABI types a legacy Winsock program uses, as it uses them: u_long/ULONG/DWORD are one
 * 32-bit type (Winsock is LLP64) and ioctlsocket touches exactly those 4 bytes; Windows'
 * in_addr union (S_un.S_addr, S_un_b, S_un_w and the s_* macros), in6_addr's u.Byte/u.Word,
 * `struct fd_set`, Windows' 4-byte struct linger, socklen_t as int, inet_ntoa with Windows'
 * in_addr, and headers included after the C library's (stdio, stdlib, string, time, unistd,
 * pthread).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <pthread.h>
#include <winsock2.h>
#include <ws2tcpip.h>
#include "check.h"

/* FIONREAD into a DWORD that sits between two others: only the DWORD changes. */
struct guarded {
    DWORD before;
    DWORD value;
    DWORD after;
};

int main(void)
{
    WSADATA wsaData;
    SOCKET l, c, a, u;
    struct sockaddr_in addr, peer;
    struct fd_set rs;
    fd_set ws;
    struct guarded g;
    struct linger lg;
    struct in6_addr six;
    struct timeval tv;
    u_long ul;
    ULONG ulong_;
    DWORD dw;
    socklen_t slen;
    int len;
    char buf[16];

    CHECK_EQ(sizeof(u_long), 4, "u_long is 32 bits, as on Windows");
    CHECK(sizeof(ULONG) == 4 && sizeof(DWORD) == 4 && sizeof(LONG) == 4, "ULONG, DWORD and LONG are 32 bits");
    CHECK_EQ(sizeof(struct in_addr), 4, "struct in_addr is 4 bytes");
    CHECK_EQ(sizeof(struct sockaddr_in), 16, "struct sockaddr_in is 16 bytes");
    CHECK_EQ(sizeof(struct in6_addr), 16, "struct in6_addr is 16 bytes");
    CHECK_EQ(sizeof(struct sockaddr_in6), 28, "struct sockaddr_in6 is 28 bytes");
    CHECK_EQ(sizeof(struct linger), 4, "struct linger is Windows' {u_short, u_short}");
    CHECK_EQ(sizeof(IP_MREQ), 8, "IP_MREQ is 8 bytes");
    CHECK_EQ(sizeof(IPV6_MREQ), 20, "IPV6_MREQ is 20 bytes");

    /* Windows' in_addr union. */
    memset(&addr, 0, sizeof addr);
    addr.sin_addr.S_un.S_un_b.s_b1 = 127;
    addr.sin_addr.S_un.S_un_b.s_b2 = 0;
    addr.sin_addr.S_un.S_un_b.s_b3 = 0;
    addr.sin_addr.S_un.S_un_b.s_b4 = 1;
    CHECK_EQ(addr.sin_addr.S_un.S_addr, htonl(INADDR_LOOPBACK), "S_un_b.s_b1..s_b4 spell 127.0.0.1 in S_un.S_addr");
    CHECK_EQ(addr.sin_addr.s_addr, inet_addr("127.0.0.1"), "s_addr is S_un.S_addr");
    CHECK(addr.sin_addr.s_net == 127 && addr.sin_addr.s_host == 0 && addr.sin_addr.s_lh == 0 &&
              addr.sin_addr.s_impno == 1,
          "s_net, s_host, s_lh and s_impno name the bytes");
    CHECK_EQ(addr.sin_addr.S_un.S_un_w.s_w1, htons(0x7f00), "S_un_w.s_w1 is the first 16 bits");
    CHECK_EQ(addr.sin_addr.S_un.S_un_w.s_w2, htons(1), "S_un_w.s_w2 (s_imp) is the last 16 bits");
    CHECK_EQ(strcmp(inet_ntoa(addr.sin_addr), "127.0.0.1"), 0, "inet_ntoa takes Windows' in_addr");

    /* in6_addr. */
    CHECK_EQ(inet_pton(AF_INET6, "ff02::1:2", &six), 1, "inet_pton fills Windows' in6_addr");
    CHECK(six.u.Byte[0] == 0xff && six.u.Byte[1] == 0x02 && six.s6_addr[15] == 2, "u.Byte and s6_addr read it");
    CHECK_EQ(six.u.Word[0], htons(0xff02), "u.Word reads it in 16-bit words");
    CHECK(IN6_IS_ADDR_MULTICAST(&six) && IN6_IS_ADDR_MC_LINKLOCAL(&six) && !IN6_IS_ADDR_LOOPBACK(&six),
          "IN6_IS_ADDR_* work on Windows' in6_addr");
    six = in6addr_loopback;
    CHECK(IN6_IS_ADDR_LOOPBACK(&six) && six.u.Byte[15] == 1, "in6addr_loopback has Windows' type");

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsaData) == 0, "WSAStartup");
    l = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    u = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    REQUIRE(l != INVALID_SOCKET && c != INVALID_SOCKET && u != INVALID_SOCKET, "sockets");
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_addr.S_un.S_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(bind(l, (SOCKADDR *)&addr, sizeof addr) == 0 && listen(l, 1) == 0, "listener on 127.0.0.1");
    slen = sizeof addr;
    REQUIRE(getsockname(l, (struct sockaddr *)&addr, &slen) == 0, "getsockname with a socklen_t length");
    REQUIRE(connect(c, (SOCKADDR *)&addr, sizeof addr) == 0, "connect");
    len = sizeof peer;
    a = accept(l, (struct sockaddr *)&peer, &len);
    REQUIRE(a != INVALID_SOCKET, "accept");
    CHECK_EQ(peer.sin_addr.S_un.S_un_b.s_b1, 127, "accept's peer address reads through S_un_b");

    /* ioctlsocket with each of Windows' names for the 32-bit type. */
    ul = 1;
    CHECK_EQ(ioctlsocket(a, FIONBIO, &ul), 0, "FIONBIO with a u_long 1");
    CHECK(recv(a, buf, sizeof buf, 0) == SOCKET_ERROR && WSAGetLastError() == WSAEWOULDBLOCK,
          "... makes the socket non-blocking");
    dw = 0;
    CHECK_EQ(ioctlsocket(a, FIONBIO, &dw), 0, "FIONBIO with a DWORD 0");
    CHECK_EQ(send(c, "abcde", 5, 0), 5, "send 5 bytes");
    CHECK_EQ(recv(a, buf, 2, 0), 2, "... a blocking recv takes 2 of them (the DWORD 0 made it blocking)");
    ulong_ = 1;
    CHECK_EQ(ioctlsocket(a, FIONBIO, &ulong_), 0, "FIONBIO with a ULONG");
    g.before = 0x11111111;
    g.value = 0xdeadbeef;
    g.after = 0x22222222;
    CHECK_EQ(ioctlsocket(a, FIONREAD, &g.value), 0, "FIONREAD into a DWORD");
    CHECK_EQ(g.value, 3, "... gives the 3 unread bytes");
    CHECK(g.before == 0x11111111 && g.after == 0x22222222, "... and leaves the neighbouring DWORDs alone");
    CHECK(ioctlsocket(a, FIONREAD, (u_long *)1) == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT,
          "FIONREAD into an unwritable address fails with WSAEFAULT");

    /* WSAHtonl & co. take and give Windows' 32-bit u_long. */
    ul = 0;
    CHECK(WSAHtonl(a, 0x01020304, &ul) == 0 && ul == htonl(0x01020304), "WSAHtonl into a u_long");
    g.before = g.after = 0x33333333;
    CHECK(WSANtohl(a, htonl(7), &g.value) == 0 && g.value == 7, "WSANtohl into a DWORD");
    CHECK(g.before == 0x33333333 && g.after == 0x33333333, "... writes only its 4 bytes");
    {
        u_short us = 0;
        CHECK(WSAHtons(a, 0x0102, &us) == 0 && us == htons(0x0102), "WSAHtons");
        CHECK(WSANtohs(a, htons(9), &us) == 0 && us == 9, "WSANtohs");
    }
    CHECK(WSAHtonl(a, 1, NULL) == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT, "WSAHtonl with NULL: WSAEFAULT");
    CHECK(WSAHtonl((SOCKET)99999, 1, &ul) == SOCKET_ERROR && WSAGetLastError() == WSAENOTSOCK,
          "WSAHtonl on a non-socket: WSAENOTSOCK");

    /* struct fd_set and select. */
    FD_ZERO(&rs);
    FD_SET(a, &rs);
    FD_ZERO(&ws);
    FD_SET(c, &ws);
    tv.tv_sec = 1;
    tv.tv_usec = 0;
    CHECK_EQ(select(0, &rs, &ws, NULL, &tv), 2, "select with a struct fd_set and an fd_set");
    CHECK(FD_ISSET(a, &rs) && FD_ISSET(c, &ws), "... reports both ready");

    /* Windows' struct linger. */
    lg.l_onoff = 1;
    lg.l_linger = 3;
    CHECK_EQ(setsockopt(c, SOL_SOCKET, SO_LINGER, (const char *)&lg, sizeof lg), 0, "SO_LINGER with Windows' struct linger");
    memset(&lg, 0, sizeof lg);
    len = sizeof lg;
    CHECK_EQ(getsockopt(c, SOL_SOCKET, SO_LINGER, (char *)&lg, &len), 0, "... read back");
    CHECK(len == 4 && lg.l_onoff == 1 && lg.l_linger == 3, "... as {1, 3} in 4 bytes");

    closesocket(a);
    closesocket(c);
    closesocket(l);
    closesocket(u);
    WSACleanup();
    return check_done();
}

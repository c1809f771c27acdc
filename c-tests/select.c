/*
 * Winsock select over the counted fd_set (docs/WINDOWS.md §1.3): FD_SET appends and ignores
 * duplicates and overflow, programs iterate fd_array[0..fd_count), nfds is ignored, all three
 * sets empty or NULL is WSAEINVAL, and the readable / writable / exceptional / timeout cases.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include "check.h"

static long now_ms(void)
{
    return (long)GetTickCount();
}

static SOCKET bound_udp(SOCKADDR_IN *addr)
{
    SOCKET s = socket(AF_INET, SOCK_DGRAM, 0);
    int len = sizeof(*addr);
    memset(addr, 0, sizeof(*addr));
    addr->sin_family = AF_INET;
    addr->sin_addr.s_addr = inet_addr("127.0.0.1");
    if (s == INVALID_SOCKET || bind(s, (SOCKADDR *)addr, sizeof(*addr)) == SOCKET_ERROR ||
        getsockname(s, (SOCKADDR *)addr, &len) == SOCKET_ERROR)
        return INVALID_SOCKET;
    return s;
}

/* Whether s is among the first fd_count entries, the way Windows programs look. */
static int in_array(const fd_set *set, SOCKET s)
{
    u_int i;
    for (i = 0; i < set->fd_count; i++)
        if (set->fd_array[i] == s)
            return 1;
    return 0;
}

int main(void)
{
    WSADATA wsaData;
    SOCKET u1, u2, l, c, a;
    SOCKADDR_IN a1, a2, laddr;
    fd_set rs, ws, es;
    struct timeval tv;
    int n, len, i;
    long start, took;
    char buf[16];

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsaData) == 0, "WSAStartup");
    CHECK_EQ(sizeof(((fd_set *)0)->fd_array) / sizeof(SOCKET), 64, "fd_set holds FD_SETSIZE = 64 sockets");

    /* The counted array. */
    FD_ZERO(&rs);
    CHECK_EQ(rs.fd_count, 0, "FD_ZERO empties the set");
    FD_SET((SOCKET)7, &rs);
    FD_SET((SOCKET)3, &rs);
    FD_SET((SOCKET)7, &rs);
    CHECK_EQ(rs.fd_count, 2, "FD_SET ignores a duplicate");
    CHECK(rs.fd_array[0] == 7 && rs.fd_array[1] == 3, "FD_SET appends in call order");
    CHECK(FD_ISSET((SOCKET)3, &rs) && FD_ISSET((SOCKET)7, &rs) && !FD_ISSET((SOCKET)5, &rs), "FD_ISSET finds members only");
    FD_CLR((SOCKET)7, &rs);
    CHECK(rs.fd_count == 1 && rs.fd_array[0] == 3, "FD_CLR removes and closes the gap");
    FD_CLR((SOCKET)9, &rs);
    CHECK_EQ(rs.fd_count, 1, "FD_CLR of a non-member changes nothing");
    FD_ZERO(&rs);
    for (i = 0; i < 70; i++)
        FD_SET((SOCKET)(1000 + i), &rs);
    CHECK_EQ(rs.fd_count, FD_SETSIZE, "FD_SET ignores sockets beyond FD_SETSIZE");
    CHECK_EQ(rs.fd_array[FD_SETSIZE - 1], 1000 + FD_SETSIZE - 1, "... keeping the first 64");

    /* Nothing to wait for: WSAEINVAL, not a sleep. */
    tv.tv_sec = 0;
    tv.tv_usec = 0;
    CHECK_EQ(select(0, NULL, NULL, NULL, &tv), SOCKET_ERROR, "select with three NULL sets fails");
    CHECK_EQ(WSAGetLastError(), WSAEINVAL, "... with WSAEINVAL");
    FD_ZERO(&rs);
    FD_ZERO(&ws);
    FD_ZERO(&es);
    tv.tv_sec = 1;
    start = now_ms();
    CHECK_EQ(select(0, &rs, &ws, &es, &tv), SOCKET_ERROR, "select with three empty sets fails");
    CHECK_EQ(WSAGetLastError(), WSAEINVAL, "... with WSAEINVAL");
    CHECK(now_ms() - start < 500, "... at once, without waiting for the timeout");

    u1 = bound_udp(&a1);
    u2 = bound_udp(&a2);
    REQUIRE(u1 != INVALID_SOCKET && u2 != INVALID_SOCKET, "two UDP sockets");

    /* Timeout: nothing readable. */
    FD_ZERO(&rs);
    FD_SET(u1, &rs);
    FD_SET(u2, &rs);
    tv.tv_sec = 0;
    tv.tv_usec = 200000;
    start = now_ms();
    n = select(0, &rs, NULL, NULL, &tv);
    took = now_ms() - start;
    CHECK_EQ(n, 0, "select with nothing readable returns 0 on timeout");
    CHECK_EQ(rs.fd_count, 0, "... and empties the set");
    CHECK(took >= 190 && took < 2000, "... after about 200 ms");
    FD_ZERO(&rs);
    FD_SET(u1, &rs);
    tv.tv_sec = 0;
    tv.tv_usec = 0;
    start = now_ms();
    CHECK_EQ(select(0, &rs, NULL, NULL, &tv), 0, "a zero timeout polls");
    CHECK(now_ms() - start < 1000, "... and returns at once");

    /* Readable: only the socket with a datagram stays in the set. nfds is ignored. */
    CHECK_EQ(sendto(u1, "r", 1, 0, (SOCKADDR *)&a2, sizeof a2), 1, "send a datagram to the second socket");
    FD_ZERO(&rs);
    FD_SET(u1, &rs);
    FD_SET(u2, &rs);
    tv.tv_sec = 2;
    tv.tv_usec = 0;
    n = select(0, &rs, NULL, NULL, &tv);
    CHECK_EQ(n, 1, "select (nfds 0) reports one readable socket");
    CHECK(rs.fd_count == 1 && rs.fd_array[0] == u2, "... fd_array[0] is the socket with the datagram");
    CHECK(FD_ISSET(u2, &rs) && !FD_ISSET(u1, &rs), "... FD_ISSET agrees");
    FD_ZERO(&rs);
    FD_SET(u2, &rs);
    CHECK_EQ(select(-5, &rs, NULL, NULL, NULL), 1, "a negative nfds and a NULL timeout: still readable at once");
    FD_ZERO(&rs);
    FD_SET(u2, &rs);
    CHECK_EQ(select(12345, &rs, NULL, NULL, &tv), 1, "nfds 12345: the same");
    CHECK_EQ(recv(u2, buf, sizeof buf, 0), 1, "recv the datagram");

    /* Writable, and the count of memberships. */
    FD_ZERO(&rs);
    FD_ZERO(&ws);
    FD_SET(u1, &ws);
    FD_SET(u2, &ws);
    FD_SET(u1, &rs);
    n = select(0, &rs, &ws, NULL, &tv);
    CHECK_EQ(n, 2, "two writable UDP sockets (the one in readfds has no data)");
    CHECK(ws.fd_count == 2 && in_array(&ws, u1) && in_array(&ws, u2) && rs.fd_count == 0, "... both stay in writefds, readfds is emptied");
    CHECK_EQ(sendto(u2, "w", 1, 0, (SOCKADDR *)&a1, sizeof a1), 1, "send a datagram to the first socket");
    FD_ZERO(&rs);
    FD_ZERO(&ws);
    FD_SET(u1, &rs);
    FD_SET(u1, &ws);
    CHECK_EQ(select(0, &rs, &ws, NULL, &tv), 2, "a socket both readable and writable counts twice");
    recv(u1, buf, sizeof buf, 0);

    /* A pending connection makes the listener readable; a FIN makes the peer readable. */
    l = socket(AF_INET, SOCK_STREAM, 0);
    memset(&laddr, 0, sizeof laddr);
    laddr.sin_family = AF_INET;
    laddr.sin_addr.s_addr = inet_addr("127.0.0.1");
    len = sizeof laddr;
    REQUIRE(l != INVALID_SOCKET && bind(l, (SOCKADDR *)&laddr, sizeof laddr) == 0 && listen(l, 5) == 0 &&
                getsockname(l, (SOCKADDR *)&laddr, &len) == 0,
            "a TCP listener");
    FD_ZERO(&rs);
    FD_SET(l, &rs);
    tv.tv_sec = 0;
    tv.tv_usec = 100000;
    CHECK_EQ(select(0, &rs, NULL, NULL, &tv), 0, "the listener is not readable with nothing pending");
    c = socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(connect(c, (SOCKADDR *)&laddr, sizeof laddr) == 0, "a client connects");
    FD_ZERO(&rs);
    FD_SET(l, &rs);
    tv.tv_sec = 2;
    CHECK_EQ(select(0, &rs, NULL, NULL, &tv), 1, "the listener is readable with a connection pending");
    a = accept(l, NULL, NULL);
    REQUIRE(a != INVALID_SOCKET, "accept");
    FD_ZERO(&ws);
    FD_SET(c, &ws);
    FD_SET(a, &ws);
    CHECK_EQ(select(0, NULL, &ws, NULL, &tv), 2, "both ends of a connection are writable");

    CHECK_EQ(send(c, "!", 1, MSG_OOB), 1, "send one byte of out-of-band data");
    FD_ZERO(&es);
    FD_ZERO(&rs);
    FD_SET(a, &es);
    CHECK_EQ(select(0, NULL, NULL, &es, &tv), 1, "out-of-band data puts the receiver in exceptfds");
    CHECK_EQ(recv(a, buf, 1, MSG_OOB), 1, "recv(MSG_OOB) takes it");
    FD_ZERO(&es);
    FD_SET(a, &es);
    tv.tv_sec = 0;
    tv.tv_usec = 100000;
    CHECK_EQ(select(0, NULL, NULL, &es, &tv), 0, "... after which the socket is no longer exceptional");

    CHECK_EQ(shutdown(c, SD_SEND), 0, "the client shuts down sending");
    FD_ZERO(&rs);
    FD_SET(a, &rs);
    tv.tv_sec = 2;
    CHECK_EQ(select(0, &rs, NULL, NULL, &tv), 1, "the peer's FIN makes the socket readable");
    CHECK_EQ(recv(a, buf, sizeof buf, 0), 0, "... and recv returns 0");
    closesocket(a);
    closesocket(c);

    /* A member that is not a socket. */
    closesocket(u2);
    FD_ZERO(&rs);
    FD_SET(u1, &rs);
    FD_SET(u2, &rs);
    CHECK_EQ(select(0, &rs, NULL, NULL, &tv), SOCKET_ERROR, "a closed socket in a set fails the call");
    CHECK_EQ(WSAGetLastError(), WSAENOTSOCK, "... with WSAENOTSOCK");
    FD_ZERO(&rs);
    FD_SET(u1, &rs);
    tv.tv_sec = -1;
    CHECK_EQ(select(0, &rs, NULL, NULL, &tv), SOCKET_ERROR, "a negative timeout fails");
    CHECK_EQ(WSAGetLastError(), WSAEINVAL, "... with WSAEINVAL");

    closesocket(u1);
    closesocket(l);
    CHECK_EQ(WSACleanup(), 0, "WSACleanup");
    return check_done();
}

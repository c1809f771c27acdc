/*
 * select the way a Windows server loop uses it, checked against what Windows reports:
 * argument errors, a connection waiting on a listener, the connector and the accepted socket
 * writable, data readable, out-of-band data in the except set (and in the read set with
 * SO_OOBINLINE, where MSG_OOB then fails with WSAEINVAL), a closed peer readable with a
 * zero-byte recv, an unbound UDP socket writable only, a refused connect never writable, and a
 * counted fd_set larger than FD_SETSIZE.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"

static SOCKET listener(SOCKADDR_IN *addr)
{
    int len = sizeof(*addr);
    SOCKET l = socket(AF_INET, SOCK_STREAM, 0);
    memset(addr, 0, sizeof(*addr));
    addr->sin_family = AF_INET;
    addr->sin_addr.s_addr = inet_addr("127.0.0.1");
    bind(l, (SOCKADDR *)addr, sizeof(*addr));
    getsockname(l, (SOCKADDR *)addr, &len);
    listen(l, 5);
    return l;
}

static void tcp_pair(SOCKET *a, SOCKET *b)
{
    SOCKADDR_IN addr;
    SOCKET l = listener(&addr);
    *a = socket(AF_INET, SOCK_STREAM, 0);
    connect(*a, (SOCKADDR *)&addr, sizeof(addr));
    *b = accept(l, NULL, NULL);
    closesocket(l);
}

int main(void)
{
    WSADATA wsaData;
    fd_set rs, ws, es, *big;
    struct timeval tv = {1, 250000}, zero = {0, 0};
    SOCKADDR_IN addr;
    SOCKET lsn, cl, sv, u, pairs[200];
    char buf[64];
    int ret, len, err, i;
    u_long nb = 1;

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsaData) == 0, "WSAStartup");

    /* no sets at all, or only empty ones: WSAEINVAL */
    ret = select(0, NULL, NULL, NULL, &zero);
    CHECK_EQ(ret, SOCKET_ERROR, "select with no sets fails");
    CHECK_EQ(WSAGetLastError(), WSAEINVAL, "... with WSAEINVAL");
    FD_ZERO(&rs); FD_ZERO(&ws); FD_ZERO(&es);
    ret = select(0, &rs, &ws, &es, &zero);
    CHECK_EQ(ret, SOCKET_ERROR, "select with three empty sets fails");
    CHECK_EQ(WSAGetLastError(), WSAEINVAL, "... with WSAEINVAL");

    /* a listener with nothing waiting is in no set */
    lsn = listener(&addr);
    FD_ZERO(&rs); FD_ZERO(&ws); FD_ZERO(&es);
    FD_SET(lsn, &rs); FD_SET(lsn, &ws); FD_SET(lsn, &es);
    tv.tv_sec = 0; tv.tv_usec = 100000;
    CHECK_EQ(select(0, &rs, &ws, &es, &tv), 0, "an idle listener is in no set");

    /* a connection waiting: the listener is readable */
    cl = socket(AF_INET, SOCK_STREAM, 0);
    ioctlsocket(cl, FIONBIO, &nb);
    ret = connect(cl, (SOCKADDR *)&addr, sizeof(addr));
    CHECK(ret == 0 || WSAGetLastError() == WSAEWOULDBLOCK, "non-blocking connect starts");
    FD_ZERO(&rs); FD_ZERO(&ws); FD_ZERO(&es);
    FD_SET(lsn, &rs); FD_SET(lsn, &ws); FD_SET(lsn, &es);
    tv.tv_sec = 1; tv.tv_usec = 250000;
    CHECK_EQ(select(0, &rs, &ws, &es, &tv), 1, "a listener with a connection waiting counts once");
    CHECK(FD_ISSET(lsn, &rs), "... in the read set");
    len = sizeof(addr);
    sv = accept(lsn, (SOCKADDR *)&addr, &len);
    REQUIRE(sv != INVALID_SOCKET, "accept");

    /* the connector and the accepted socket are writable */
    FD_ZERO(&rs); FD_ZERO(&ws); FD_ZERO(&es);
    FD_SET(lsn, &rs); FD_SET(lsn, &ws); FD_SET(lsn, &es);
    FD_SET(cl, &rs); FD_SET(cl, &ws); FD_SET(cl, &es);
    FD_SET(sv, &rs); FD_SET(sv, &ws); FD_SET(sv, &es);
    CHECK_EQ(select(0, &rs, &ws, &es, &tv), 2, "connector and accepted socket: two");
    CHECK(FD_ISSET(cl, &ws) && FD_ISSET(sv, &ws), "... both writable");
    err = -1; len = sizeof(err);
    CHECK_EQ(getsockopt(cl, SOL_SOCKET, SO_ERROR, (char *)&err, &len), 0, "SO_ERROR readable");
    CHECK_EQ(err, 0, "... and 0 after a good connect");
    ioctlsocket(sv, FIONBIO, &nb);

    /* data: readable (and writable), not in the except set */
    CHECK_EQ(send(cl, "1234", 4, 0), 4, "send 4 bytes");
    FD_ZERO(&rs); FD_ZERO(&ws); FD_ZERO(&es);
    FD_SET(sv, &rs); FD_SET(sv, &ws); FD_SET(sv, &es);
    CHECK_EQ(select(0, &rs, &ws, &es, &tv), 2, "data: readable and writable count two");
    CHECK(FD_ISSET(sv, &rs) && FD_ISSET(sv, &ws) && !FD_ISSET(sv, &es), "... not exceptional");
    memset(buf, 0, sizeof(buf));
    CHECK_EQ(recv(sv, buf, sizeof(buf), 0), 4, "recv the 4 bytes");

    /* out-of-band data: the except set */
    CHECK_EQ(send(cl, "A", 1, MSG_OOB), 1, "send one OOB byte");
    FD_ZERO(&rs); FD_ZERO(&es);
    FD_SET(sv, &rs); FD_SET(sv, &es);
    CHECK_EQ(select(0, &rs, NULL, &es, &tv), 1, "OOB data: one socket set");
    CHECK(FD_ISSET(sv, &es), "... in the except set");
    buf[0] = 0;
    CHECK_EQ(recv(sv, buf, sizeof(buf), MSG_OOB), 1, "recv MSG_OOB returns the byte");
    CHECK_EQ(buf[0], 'A', "... 'A'");

    /* SO_OOBINLINE (on another connection): the urgent byte is ordinary data, the socket is
       readable and not exceptional, and MSG_OOB is WSAEINVAL */
    {
        SOCKET c2, s2;
        tcp_pair(&c2, &s2);
        ioctlsocket(s2, FIONBIO, &nb);
        i = 1;
        CHECK_EQ(setsockopt(s2, SOL_SOCKET, SO_OOBINLINE, (char *)&i, sizeof(i)), 0, "SO_OOBINLINE");
        CHECK_EQ(send(c2, "B", 1, MSG_OOB), 1, "send an OOB byte");
        FD_ZERO(&rs); FD_ZERO(&es);
        FD_SET(s2, &rs); FD_SET(s2, &es);
        CHECK_EQ(select(0, &rs, NULL, &es, &tv), 1, "inline OOB: one socket set");
        CHECK(FD_ISSET(s2, &rs) && !FD_ISSET(s2, &es), "... in the read set only");
        ret = recv(s2, buf, sizeof(buf), MSG_OOB);
        CHECK_EQ(ret, SOCKET_ERROR, "recv MSG_OOB with SO_OOBINLINE fails");
        CHECK_EQ(WSAGetLastError(), WSAEINVAL, "... with WSAEINVAL");
        buf[0] = 0;
        CHECK_EQ(recv(s2, buf, sizeof(buf), 0), 1, "the inline byte arrives as data");
        CHECK_EQ(buf[0], 'B', "... 'B'");
        ret = recv(s2, buf, sizeof(buf), 0);
        CHECK_EQ(ret, SOCKET_ERROR, "nothing more to read");
        CHECK_EQ(WSAGetLastError(), WSAEWOULDBLOCK, "... WSAEWOULDBLOCK, the byte came once");
        closesocket(c2);
        closesocket(s2);
    }

    /* the peer closes: readable, recv 0 */
    closesocket(sv);
    FD_ZERO(&rs);
    FD_SET(cl, &rs);
    CHECK_EQ(select(0, &rs, NULL, NULL, &tv), 1, "a closed peer makes the socket readable");
    CHECK_EQ(recv(cl, buf, sizeof(buf), 0), 0, "... recv returns 0");
    closesocket(cl);

    /* MSG_PEEK on a closed socket fails */
    u = socket(AF_INET, SOCK_STREAM, 0);
    closesocket(u);
    CHECK_EQ(recv(u, buf, 1, MSG_PEEK), SOCKET_ERROR, "peek at a closed socket fails");

    /* a refused connect is never writable */
    u = socket(AF_INET, SOCK_STREAM, 0);
    ret = connect(u, (SOCKADDR *)&addr, sizeof(addr)); /* the accepted peer's port: nobody listens */
    addr.sin_port = 0;
    {
        SOCKADDR_IN dead;
        SOCKET t = socket(AF_INET, SOCK_STREAM, 0);
        int dl = sizeof(dead);
        memset(&dead, 0, sizeof(dead));
        dead.sin_family = AF_INET;
        dead.sin_addr.s_addr = inet_addr("127.0.0.1");
        bind(t, (SOCKADDR *)&dead, sizeof(dead));
        getsockname(t, (SOCKADDR *)&dead, &dl);
        closesocket(t);
        closesocket(u);
        u = socket(AF_INET, SOCK_STREAM, 0);
        ret = connect(u, (SOCKADDR *)&dead, sizeof(dead));
        CHECK_EQ(ret, SOCKET_ERROR, "connect to a closed port fails");
        CHECK_EQ(WSAGetLastError(), WSAECONNREFUSED, "... WSAECONNREFUSED");
        FD_ZERO(&ws);
        FD_SET(u, &ws);
        tv.tv_sec = 0; tv.tv_usec = 50000;
        CHECK_EQ(select(1, NULL, &ws, NULL, &tv), 0, "a refused socket is not writable");
        closesocket(u);
    }

    /* an unbound UDP socket is writable, nothing else */
    u = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    FD_ZERO(&rs); FD_ZERO(&ws); FD_ZERO(&es);
    FD_SET(u, &rs); FD_SET(u, &ws); FD_SET(u, &es);
    tv.tv_sec = 0; tv.tv_usec = 250000;
    CHECK_EQ(select(0, &rs, &ws, &es, &tv), 1, "an unbound UDP socket: one");
    CHECK(FD_ISSET(u, &ws), "... writable");
    closesocket(u);

    /* a counted fd_set with 200 sockets, more than FD_SETSIZE */
    big = (fd_set *)malloc(offsetof(fd_set, fd_array) + 200 * sizeof(SOCKET));
    big->fd_count = 200;
    for (i = 0; i < 200; i += 2) {
        tcp_pair(&pairs[i], &pairs[i + 1]);
        big->fd_array[i] = pairs[i];
        big->fd_array[i + 1] = pairs[i + 1];
    }
    tv.tv_sec = 1; tv.tv_usec = 0;
    CHECK_EQ(select(0, NULL, big, NULL, &tv), 200, "200 connected sockets are writable");
    ret = 1;
    for (i = 0; i < 200; i++) {
        if (big->fd_array[i] != pairs[i])
            ret = 0;
        closesocket(pairs[i]);
    }
    CHECK(ret, "... listed in their order");
    free(big);

    closesocket(lsn);
    WSACleanup();
    return check_done();
}

/*
 * A sender with SO_SNDBUF 0 (Windows: no send buffering) and a receiver with a 1 KiB
 * SO_RCVBUF, both non-blocking: on Windows three 4 KiB sends each go through whole and the
 * receiver gets all 12 KiB. The buffer sizes read back as set.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include "check.h"

static int recv_all(SOCKET s, char *buf, int want)
{
    int got = 0;
    while (got < want) {
        fd_set rs;
        struct timeval tv = {5, 0};
        int n;
        FD_ZERO(&rs);
        FD_SET(s, &rs);
        if (select(0, &rs, NULL, NULL, &tv) != 1)
            return got;
        n = recv(s, buf + got, want - got, 0);
        if (n <= 0)
            return got;
        got += n;
    }
    return got;
}

int main(void)
{
    WSADATA wsaData;
    SOCKET l, src, dst;
    SOCKADDR_IN a;
    int len, i;
    DWORD v;
    u_long on = 1;
    static char buffer[4096], in[3 * 4096];

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsaData) == 0, "WSAStartup");
    l = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(bind(l, (SOCKADDR *)&a, sizeof a) == 0 && listen(l, 1) == 0, "listener");
    len = sizeof a;
    getsockname(l, (SOCKADDR *)&a, &len);
    src = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    REQUIRE(connect(src, (SOCKADDR *)&a, sizeof a) == 0, "connect");
    dst = accept(l, NULL, NULL);
    REQUIRE(dst != INVALID_SOCKET, "accept");
    ioctlsocket(src, FIONBIO, &on);
    ioctlsocket(dst, FIONBIO, &on);

    v = 0;
    CHECK_EQ(setsockopt(src, SOL_SOCKET, SO_SNDBUF, (char *)&v, sizeof v), 0, "sender: SO_SNDBUF 0");
    v = 1024;
    CHECK_EQ(setsockopt(dst, SOL_SOCKET, SO_RCVBUF, (char *)&v, sizeof v), 0, "receiver: SO_RCVBUF 1024");
    v = 0xdeadbeef;
    len = sizeof v;
    CHECK(getsockopt(dst, SOL_SOCKET, SO_RCVBUF, (char *)&v, &len) == 0 && v == 1024, "... reads back 1024");
    for (i = 0; i < (int)sizeof buffer; i++)
        buffer[i] = (char)i;
    for (i = 0; i < 3; i++)
        CHECK_EQ(send(src, buffer, sizeof buffer, 0), (int)sizeof buffer, "a non-blocking 4 KiB send goes through whole");
    CHECK_EQ(recv_all(dst, in, sizeof in), (int)sizeof in, "the receiver gets all 12 KiB");
    CHECK(memcmp(in + 2 * 4096, buffer, sizeof buffer) == 0, "... intact");
    closesocket(src);
    closesocket(dst);
    closesocket(l);
    WSACleanup();
    return check_done();
}

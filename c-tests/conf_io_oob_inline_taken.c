/*
 * An urgent byte read with MSG_OOB is gone, also after the program turns SO_OOBINLINE on
 * (Wine's test_select reads the urgent byte out of band, sets SO_OOBINLINE, receives the next
 * urgent byte in line and then finds nothing more: WSAEWOULDBLOCK). A program that switches
 * to in-line urgent data after handling one out of band (a telnet-style client) must not
 * read the old byte a second time. With SO_OOBINLINE, MSG_OOB is WSAEINVAL and the new
 * urgent byte is ordinary data: select reports it readable, not exceptional.
 */
#include <winsock2.h>
#include <windows.h>
#include <stdio.h>
#include "check.h"
#include "ovl_util.h"

int main(void)
{
    SOCKET c, s;
    char buf[8];
    int one = 1, rc;
    u_long nonblocking = 1;
    fd_set rd, ex;
    struct timeval tv = {1, 0};

    ovl_start();
    REQUIRE(ovl_tcp_pair(&c, &s) == 0, "loopback TCP pair");
    CHECK_EQ(ioctlsocket(s, FIONBIO, &nonblocking), 0, "receiver non-blocking");

    CHECK_EQ(send(c, "A", 1, MSG_OOB), 1, "send urgent byte 'A'");
    FD_ZERO(&ex);
    FD_SET(s, &ex);
    CHECK_EQ(select(0, NULL, NULL, &ex, &tv), 1, "select: the receiver is exceptional");
    buf[0] = 0;
    CHECK_EQ(recv(s, buf, sizeof(buf), MSG_OOB), 1, "recv(MSG_OOB) takes one byte");
    CHECK_EQ(buf[0], 'A', "... 'A'");

    CHECK_EQ(setsockopt(s, SOL_SOCKET, SO_OOBINLINE, (char *)&one, sizeof(one)), 0, "SO_OOBINLINE on");
    CHECK_EQ(send(c, "B", 1, MSG_OOB), 1, "send urgent byte 'B'");
    FD_ZERO(&rd);
    FD_SET(s, &rd);
    FD_ZERO(&ex);
    FD_SET(s, &ex);
    CHECK_EQ(select(0, &rd, NULL, &ex, &tv), 1, "select: one socket ready");
    CHECK(FD_ISSET(s, &rd), "... readable");
    CHECK(!FD_ISSET(s, &ex), "... not exceptional");
    rc = recv(s, buf, sizeof(buf), MSG_OOB);
    CHECK(rc == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL, "recv(MSG_OOB) with SO_OOBINLINE fails with WSAEINVAL");
    buf[0] = 0;
    CHECK_EQ(recv(s, buf, sizeof(buf), 0), 1, "recv takes one byte");
    CHECK_EQ(buf[0], 'B', "... 'B', the new urgent byte, not 'A' again");
    rc = recv(s, buf, sizeof(buf), 0);
    CHECK(rc == SOCKET_ERROR && WSAGetLastError() == WSAEWOULDBLOCK, "then nothing is left: WSAEWOULDBLOCK");

    CHECK_EQ(send(c, "xyz", 3, 0), 3, "ordinary data still flows");
    Sleep(50);
    CHECK_EQ(recv(s, buf, sizeof(buf), 0), 3, "... 3 bytes");
    closesocket(c);
    closesocket(s);
    WSACleanup();
    return check_done();
}

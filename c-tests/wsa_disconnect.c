/* WSASendDisconnect and WSARecvDisconnect, the Winsock 2 forms of shutdown: the peer sees end
 * of stream after WSASendDisconnect and can still send back; after WSARecvDisconnect the local
 * receives fail with WSAESHUTDOWN; TCP carries no disconnect data (NULL is the usual argument). */
#include <winsock2.h>
#include <stdio.h>
#include "check.h"

int main(void)
{
    WSADATA wsa;
    SOCKET ls, c, s, u;
    struct sockaddr_in a;
    int len = sizeof(a);
    char buf[16];
    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");
    ls = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    memset(&a, 0, sizeof(a));
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(bind(ls, (SOCKADDR *)&a, sizeof(a)) == 0 && listen(ls, 1) == 0, "listener on 127.0.0.1");
    getsockname(ls, (SOCKADDR *)&a, &len);
    c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    REQUIRE(connect(c, (SOCKADDR *)&a, sizeof(a)) == 0, "connect");
    s = accept(ls, NULL, NULL);
    REQUIRE(s != INVALID_SOCKET, "accept");

    CHECK_EQ(send(c, "last", 4, 0), 4, "the client sends its last data");
    CHECK_EQ(WSASendDisconnect(c, NULL), 0, "WSASendDisconnect succeeds");
    CHECK_EQ(send(c, "x", 1, 0), SOCKET_ERROR, "a send after it fails");
    CHECK_EQ(WSAGetLastError(), WSAESHUTDOWN, "with WSAESHUTDOWN");
    CHECK_EQ(recv(s, buf, sizeof(buf), 0), 4, "the server reads the last data");
    CHECK_EQ(recv(s, buf, sizeof(buf), 0), 0, "then end of stream");
    CHECK_EQ(send(s, "reply", 5, 0), 5, "the server still answers");
    CHECK_EQ(recv(c, buf, sizeof(buf), 0), 5, "and the half-closed client reads the answer");

    CHECK_EQ(WSARecvDisconnect(s, NULL), 0, "WSARecvDisconnect succeeds");
    CHECK_EQ(recv(s, buf, sizeof(buf), 0), SOCKET_ERROR, "a receive after it fails");
    CHECK_EQ(WSAGetLastError(), WSAESHUTDOWN, "with WSAESHUTDOWN");

    u = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    CHECK_EQ(WSASendDisconnect(u, NULL), SOCKET_ERROR, "WSASendDisconnect on an unconnected socket fails");
    CHECK_EQ(WSAGetLastError(), WSAENOTCONN, "with WSAENOTCONN");
    CHECK_EQ(WSARecvDisconnect((SOCKET)12345, NULL), SOCKET_ERROR, "WSARecvDisconnect on a non-socket fails");
    CHECK_EQ(WSAGetLastError(), WSAENOTSOCK, "with WSAENOTSOCK");

    closesocket(u);
    closesocket(c);
    closesocket(s);
    closesocket(ls);
    WSACleanup();
    return check_done();
}

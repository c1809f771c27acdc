/* ioctlsocket with an `unsigned long` argument, as Windows code writes it (u_long IS unsigned
 * long on Windows): FIONBIO from one, FIONREAD into one whose upper half holds garbage, and
 * the plain u_long form next to it. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include "check.h"

int main(void)
{
    WSADATA wsa;
    SOCKET lst, cli, srv;
    struct sockaddr_in addr;
    int len = sizeof(addr);
    unsigned long nonblocking = 1;
    unsigned long pending;
    u_long small = 0;
    char buf[16];

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");
    lst = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    REQUIRE(lst != INVALID_SOCKET, "listener");
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(bind(lst, (struct sockaddr *)&addr, sizeof(addr)) == 0, "bind");
    REQUIRE(getsockname(lst, (struct sockaddr *)&addr, &len) == 0, "getsockname");
    REQUIRE(listen(lst, 1) == 0, "listen");

    CHECK_EQ(ioctlsocket(lst, FIONBIO, &nonblocking), 0, "FIONBIO from an unsigned long");
    srv = accept(lst, NULL, NULL);
    CHECK(srv == INVALID_SOCKET && WSAGetLastError() == WSAEWOULDBLOCK,
          "the listener is non-blocking: accept says WSAEWOULDBLOCK");

    cli = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    REQUIRE(connect(cli, (struct sockaddr *)&addr, sizeof(addr)) == 0, "connect");
    nonblocking = 0;
    CHECK_EQ(ioctlsocket(lst, FIONBIO, &nonblocking), 0, "FIONBIO 0 from an unsigned long");
    srv = accept(lst, NULL, NULL);
    REQUIRE(srv != INVALID_SOCKET, "accept blocks again and takes the connection");

    REQUIRE(send(cli, "hello", 5, 0) == 5, "send 5 bytes");
    Sleep(50);
    memset(&pending, 0xff, sizeof(pending));
    CHECK_EQ(ioctlsocket(srv, FIONREAD, &pending), 0, "FIONREAD into an unsigned long");
    CHECK(pending == 5, "the whole unsigned long holds 5 (no garbage above 32 bits)");
    CHECK_EQ(ioctlsocket(srv, FIONREAD, &small), 0, "FIONREAD into a u_long");
    CHECK_EQ(small, 5, "u_long holds 5");

    pending = 77;
    CHECK_EQ(ioctlsocket(srv, 0x12345, &pending), SOCKET_ERROR, "an unknown command fails");
    CHECK_EQ(pending, 77, "a failed call leaves the unsigned long as it was");

    CHECK_EQ(recv(srv, buf, sizeof(buf), 0), 5, "the data is still there");
    closesocket(cli);
    closesocket(srv);
    closesocket(lst);
    WSACleanup();
    return check_done();
}

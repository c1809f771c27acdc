/*
 * Data sent to a peer that has closed its socket, then a receive, as Windows answers it (Wine's
 * ws2_32 shutdown tests): the peer shuts down its sending side (its FIN arrives) and closes;
 * the send still succeeds (the data is taken), but the peer answers it with a reset, and the
 * next recv fails with WSAECONNABORTED instead of reporting a graceful end (0). A server that
 * writes its reply and then reads to see whether the client is still there must see the
 * connection aborted, not a normal end of the request stream, and later receives fail alike.
 * A peer that only closes after its FIN, with nothing sent to it, still gives 0.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <string.h>
#include "check.h"

static void pair(SOCKET *client, SOCKET *server)
{
    SOCKADDR_IN addr;
    int len = sizeof(addr);
    SOCKET l = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = inet_addr("127.0.0.1");
    REQUIRE(bind(l, (SOCKADDR *)&addr, sizeof(addr)) == 0 && listen(l, 1) == 0, "listener");
    getsockname(l, (SOCKADDR *)&addr, &len);
    *client = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    REQUIRE(connect(*client, (SOCKADDR *)&addr, sizeof(addr)) == 0, "connect");
    *server = accept(l, NULL, NULL);
    REQUIRE(*server != INVALID_SOCKET, "accept");
    closesocket(l);
}

int main(void)
{
    WSADATA wsaData;
    SOCKET client, server;
    char buffer[8];

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsaData) == 0, "WSAStartup");

    pair(&client, &server);
    CHECK_EQ(shutdown(client, SD_SEND), 0, "the client shuts down its sending side");
    CHECK_EQ(closesocket(client), 0, "... and closes");
    CHECK_EQ(send(server, "test", 5, 0), 5, "the server's send to the closed client succeeds");
    Sleep(100);
    WSASetLastError(0xdead);
    CHECK_EQ(recv(server, buffer, sizeof(buffer), 0), SOCKET_ERROR, "the server's recv then fails");
    CHECK_EQ(WSAGetLastError(), WSAECONNABORTED, "... WSAECONNABORTED, not a graceful end");
    WSASetLastError(0xdead);
    CHECK_EQ(recv(server, buffer, sizeof(buffer), 0), SOCKET_ERROR, "a second recv fails too");
    CHECK_EQ(WSAGetLastError(), WSAECONNABORTED, "... WSAECONNABORTED");
    closesocket(server);

    pair(&client, &server);
    CHECK_EQ(shutdown(client, SD_SEND), 0, "another client shuts down its sending side");
    CHECK_EQ(closesocket(client), 0, "... and closes");
    Sleep(100);
    WSASetLastError(0xdead);
    CHECK_EQ(recv(server, buffer, sizeof(buffer), 0), 0, "with nothing sent to it, the server's recv sees the graceful end");
    CHECK_EQ(recv(server, buffer, sizeof(buffer), 0), 0, "... again");
    closesocket(server);

    WSACleanup();
    return check_done();
}

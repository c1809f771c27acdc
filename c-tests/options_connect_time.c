/*
 * An AcceptEx-style server's idle-connection check, which reads SO_CONNECT_TIME on each
 * connection and drops the ones connected for a whole second without a request: the value is
 * the whole seconds the connection has lasted, so a connection made a few milliseconds ago
 * reads 0 whenever it was made (even when a second of the clock turns meanwhile), and one that
 * has lasted more than a second reads 1.
 */
#include <winsock2.h>
#include <windows.h>
#include <mswsock.h>
#include <string.h>
#include "check.h"

static DWORD connect_time(SOCKET s)
{
    DWORD secs = 0xdeadbeef;
    int len = sizeof secs;
    if (getsockopt(s, SOL_SOCKET, SO_CONNECT_TIME, (char *)&secs, &len) == SOCKET_ERROR)
        return 0xdead0000u + (DWORD)WSAGetLastError();
    return secs;
}

int main(void)
{
    WSADATA wsaData;
    SOCKET listener, client, server;
    SOCKADDR_IN addr;
    int len, i, young_zero = 1;
    DWORD t;

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsaData) == 0, "WSAStartup");
    listener = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = inet_addr("127.0.0.1");
    REQUIRE(bind(listener, (SOCKADDR *)&addr, sizeof addr) == 0 && listen(listener, 5) == 0, "listener");
    len = sizeof addr;
    getsockname(listener, (SOCKADDR *)&addr, &len);

    /* 30 connections, each checked 40 ms after it was made: together they span more than a
     * second, so one of them is made just before a second of the clock turns. */
    for (i = 0; i < 30; i++) {
        client = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        REQUIRE(connect(client, (SOCKADDR *)&addr, sizeof addr) == 0, "connect");
        server = accept(listener, NULL, NULL);
        REQUIRE(server != INVALID_SOCKET, "accept");
        Sleep(40);
        t = connect_time(client);
        if (t != 0 || connect_time(server) != 0) {
            printf("# connection %d: %lu seconds after 40 ms\n", i, (unsigned long)t);
            young_zero = 0;
        }
        closesocket(server);
        closesocket(client);
    }
    CHECK(young_zero, "a connection 40 ms old always reads 0 seconds");

    client = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    REQUIRE(connect(client, (SOCKADDR *)&addr, sizeof addr) == 0, "connect");
    server = accept(listener, NULL, NULL);
    Sleep(1200);
    CHECK_EQ(connect_time(client), 1, "after 1.2 s the connecting side reads 1");
    CHECK_EQ(connect_time(server), 1, "... and so does the accepted side");
    closesocket(server);
    CHECK_EQ(connect_time(client), 1, "the peer's close does not change it");
    closesocket(client);
    closesocket(listener);
    WSACleanup();
    return check_done();
}

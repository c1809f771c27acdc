/*
 * A non-blocking client that connects, waits in select() and then asks SO_ERROR why the
 * connection failed, as legacy clients do, sometimes twice (once in a helper that logs it, once
 * in the caller that decides to retry). On Windows the failed connect's error stays: every
 * getsockopt(SO_ERROR) reports WSAECONNREFUSED, a second connect() call does not clear it, a
 * successful connection does. Linux clears the error at the first read: the second check saw 0
 * and took the refused connection for an established one.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <string.h>
#include "check.h"

static int so_error(SOCKET s)
{
    int err = -1, len = sizeof(err);
    if (getsockopt(s, SOL_SOCKET, SO_ERROR, (char *)&err, &len) == SOCKET_ERROR)
        return -2;
    return err;
}

static int wait_connect(SOCKET s, int *writable, int *failed)
{
    fd_set wfds, efds;
    struct timeval tv = {5, 0};
    int ret;
    FD_ZERO(&wfds);
    FD_ZERO(&efds);
    FD_SET(s, &wfds);
    FD_SET(s, &efds);
    ret = select(0, NULL, &wfds, &efds, &tv);
    *writable = FD_ISSET(s, &wfds);
    *failed = FD_ISSET(s, &efds);
    return ret;
}

int main(void)
{
    WSADATA wsaData;
    SOCKET listener, client;
    struct sockaddr_in closed_port, server;
    int len = sizeof(server), writable, failed;
    u_long nonblocking = 1;

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsaData) == 0, "WSAStartup");

    /* A port nobody listens on: bind a socket, note its port, close it. */
    memset(&closed_port, 0, sizeof(closed_port));
    closed_port.sin_family = AF_INET;
    closed_port.sin_addr.s_addr = inet_addr("127.0.0.1");
    listener = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    REQUIRE(bind(listener, (struct sockaddr *)&closed_port, sizeof(closed_port)) == 0, "bind");
    len = sizeof(closed_port);
    REQUIRE(getsockname(listener, (struct sockaddr *)&closed_port, &len) == 0, "getsockname");
    closesocket(listener);

    server = closed_port;
    server.sin_port = 0;
    listener = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    REQUIRE(bind(listener, (struct sockaddr *)&server, sizeof(server)) == 0, "bind server");
    len = sizeof(server);
    REQUIRE(getsockname(listener, (struct sockaddr *)&server, &len) == 0, "server address");
    REQUIRE(listen(listener, 5) == 0, "listen");

    client = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    REQUIRE(client != INVALID_SOCKET, "socket");
    REQUIRE(ioctlsocket(client, FIONBIO, &nonblocking) == 0, "FIONBIO");
    CHECK_EQ(connect(client, (struct sockaddr *)&closed_port, sizeof(closed_port)), SOCKET_ERROR,
             "connect to a closed port: pending");
    CHECK_EQ(WSAGetLastError(), WSAEWOULDBLOCK, "WSAEWOULDBLOCK");
    CHECK_EQ(wait_connect(client, &writable, &failed), 1, "select: one socket");
    CHECK(failed && !writable, "refused connect: in the except set only");

    CHECK_EQ(so_error(client), WSAECONNREFUSED, "SO_ERROR: WSAECONNREFUSED");
    CHECK_EQ(so_error(client), WSAECONNREFUSED, "SO_ERROR read again: still WSAECONNREFUSED");
    CHECK_EQ(WSAGetLastError(), 0, "getsockopt succeeded (last error 0)");

    /* Trying again does not clear it while the new attempt is pending or failed. */
    CHECK_EQ(connect(client, (struct sockaddr *)&closed_port, sizeof(closed_port)), SOCKET_ERROR,
             "connect again");
    CHECK_EQ(WSAGetLastError(), WSAEWOULDBLOCK, "connect again: WSAEWOULDBLOCK");
    CHECK_EQ(wait_connect(client, &writable, &failed), 1, "select again");
    CHECK(failed, "refused again");
    CHECK_EQ(so_error(client), WSAECONNREFUSED, "SO_ERROR after the second attempt");

    /* A successful connection resets it. */
    CHECK_EQ(connect(client, (struct sockaddr *)&server, sizeof(server)), SOCKET_ERROR,
             "connect to the server: pending");
    CHECK_EQ(WSAGetLastError(), WSAEWOULDBLOCK, "WSAEWOULDBLOCK");
    CHECK_EQ(wait_connect(client, &writable, &failed), 1, "select: connected");
    CHECK(writable && !failed, "connected: writable");
    CHECK_EQ(so_error(client), 0, "SO_ERROR after the connection: 0");
    CHECK_EQ(so_error(client), 0, "SO_ERROR read again: 0");

    closesocket(client);
    closesocket(listener);
    WSACleanup();
    return check_done();
}

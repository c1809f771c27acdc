/*
 * A legacy Winsock program, unchanged: a TCP client and server over loopback in one thread,
 * driven by select() on Winsock fd_sets. tests/cmake_consumer.rs builds it through CMake
 * (find_package, add_subdirectory, FetchContent), pkg-config and the README's link line, and
 * runs it. Prints one line per step; exit status 0 when every reply came back intact.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <stdio.h>
#include <string.h>

static int fail(const char *what)
{
    printf("legacy_client: %s failed with error %d\n", what, WSAGetLastError());
    WSACleanup();
    return 1;
}

/* Waits up to five seconds for s to be readable. */
static int wait_readable(SOCKET s)
{
    fd_set readfds;
    struct timeval tv;
    FD_ZERO(&readfds);
    FD_SET(s, &readfds);
    tv.tv_sec = 5;
    tv.tv_usec = 0;
    return select(0, &readfds, NULL, NULL, &tv) == 1 && FD_ISSET(s, &readfds);
}

int main(void)
{
    WSADATA wsaData;
    SOCKET listener, client, server;
    SOCKADDR_IN addr;
    int addrLen = sizeof(addr), i, n;
    char request[32], reply[96], buf[64];

    if (WSAStartup(MAKEWORD(2, 2), &wsaData) != 0) {
        printf("legacy_client: WSAStartup failed\n");
        return 1;
    }
    listener = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    if (listener == INVALID_SOCKET)
        return fail("socket");
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = inet_addr("127.0.0.1");
    addr.sin_port = htons(0);
    if (bind(listener, (SOCKADDR *)&addr, sizeof(addr)) == SOCKET_ERROR)
        return fail("bind");
    if (listen(listener, SOMAXCONN) == SOCKET_ERROR)
        return fail("listen");
    if (getsockname(listener, (SOCKADDR *)&addr, &addrLen) == SOCKET_ERROR)
        return fail("getsockname");

    client = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    if (client == INVALID_SOCKET)
        return fail("socket");
    if (connect(client, (SOCKADDR *)&addr, sizeof(addr)) == SOCKET_ERROR)
        return fail("connect");
    if (!wait_readable(listener))
        return fail("select on the listener");
    server = accept(listener, NULL, NULL);
    if (server == INVALID_SOCKET)
        return fail("accept");
    printf("legacy_client: connected over 127.0.0.1:%u\n", (unsigned)ntohs(addr.sin_port));

    for (i = 1; i <= 3; i++) {
        sprintf(request, "ping %d", i);
        if (send(client, request, (int)strlen(request), 0) == SOCKET_ERROR)
            return fail("send");
        if (!wait_readable(server))
            return fail("select on the server socket");
        n = recv(server, buf, sizeof(buf) - 1, 0);
        if (n <= 0)
            return fail("recv (server)");
        buf[n] = '\0';
        sprintf(reply, "pong for [%s]", buf);
        if (send(server, reply, (int)strlen(reply), 0) == SOCKET_ERROR)
            return fail("send (server)");
        if (!wait_readable(client))
            return fail("select on the client socket");
        n = recv(client, buf, sizeof(buf) - 1, 0);
        if (n <= 0)
            return fail("recv (client)");
        buf[n] = '\0';
        if (strcmp(buf, reply) != 0) {
            printf("legacy_client: got \"%s\", expected \"%s\"\n", buf, reply);
            return 1;
        }
        printf("legacy_client: %s -> %s\n", request, buf);
    }

    closesocket(client);
    closesocket(server);
    closesocket(listener);
    WSACleanup();
    printf("legacy_client: 3 round trips, all intact\n");
    return 0;
}

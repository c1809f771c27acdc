/*
 * A Winsock 1.1 program: <winsock.h>, WSAStartup(1.1), blocking sockets, inet_addr, the
 * kernel32 string functions (lstrlen, lstrcpy, lstrcat) and GetTickCount. It serves one
 * request on 127.0.0.1 and reads the reply until the server closes the connection.
 */
#include <windows.h>
#include <winsock.h>
#include <stdio.h>

int main(void)
{
    WSADATA wsaData;
    SOCKET listener, client, conn;
    struct sockaddr_in sin;
    int sinLen = sizeof(sin), n, total = 0;
    char request[64], reply[256];
    DWORD started = GetTickCount();

    if (WSAStartup(MAKEWORD(1, 1), &wsaData) != 0 || LOBYTE(wsaData.wVersion) != 1 ||
        HIBYTE(wsaData.wVersion) != 1) {
        printf("Winsock 1.1 is not available\n");
        return 1;
    }
    listener = socket(PF_INET, SOCK_STREAM, 0);
    memset(&sin, 0, sizeof(sin));
    sin.sin_family = AF_INET;
    sin.sin_addr.s_addr = inet_addr("127.0.0.1");
    sin.sin_port = htons(0);
    if (bind(listener, (struct sockaddr *)&sin, sizeof(sin)) == SOCKET_ERROR ||
        listen(listener, 5) == SOCKET_ERROR ||
        getsockname(listener, (struct sockaddr *)&sin, &sinLen) == SOCKET_ERROR) {
        printf("listen failed: %d\n", WSAGetLastError());
        return 1;
    }

    client = socket(PF_INET, SOCK_STREAM, 0);
    if (client == INVALID_SOCKET || connect(client, (struct sockaddr *)&sin, sizeof(sin)) == SOCKET_ERROR) {
        printf("connect failed: %d\n", WSAGetLastError());
        return 1;
    }
    conn = accept(listener, NULL, NULL);

    lstrcpy(request, "HELLO ");
    lstrcat(request, "server\r\n");
    send(client, request, lstrlen(request), 0);
    n = recv(conn, reply, sizeof(reply) - 1, 0);
    if (n <= 0)
        return 1;
    reply[n] = '\0';
    lstrcpy(request, "you said: ");
    send(conn, request, lstrlen(request), 0);
    send(conn, reply, n, 0);
    closesocket(conn);

    while ((n = recv(client, reply + total, (int)sizeof(reply) - 1 - total, 0)) > 0)
        total += n;
    reply[total] = '\0';
    closesocket(client);
    closesocket(listener);
    WSACleanup();
    printf("%s(%lu ms)\n", reply, (unsigned long)(GetTickCount() - started));
    return lstrcmp(reply, "you said: HELLO server\r\n") == 0 ? 0 : 1;
}

/*
 * A TCHAR Winsock client in the style of the Windows SDK samples: _tmain, _T(), ADDRINFOT /
 * GetAddrInfo, StringCchPrintf / StringCchLength, _tprintf. It starts its own echo server on
 * 127.0.0.1 (same thread: listen, connect, accept) and checks that the message comes back.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <tchar.h>
#include <strsafe.h>
#include <stdio.h>

#define DEFAULT_BUFLEN 512

int _tmain(int argc, _TCHAR *argv[])
{
    WSADATA wsaData;
    ADDRINFOT hints, *result = NULL;
    SOCKET listenSocket = INVALID_SOCKET, clientSocket = INVALID_SOCKET, serverSocket = INVALID_SOCKET;
    SOCKADDR_IN bound;
    int boundLen = sizeof(bound);
    TCHAR portText[16];
    TCHAR message[DEFAULT_BUFLEN];
    char recvbuf[DEFAULT_BUFLEN];
    size_t messageLen = 0;
    int iResult, received = 0;

    UNREFERENCED_PARAMETER(argc);
    iResult = WSAStartup(MAKEWORD(2, 2), &wsaData);
    if (iResult != 0) {
        _tprintf(_T("WSAStartup failed: %d\n"), iResult);
        return 1;
    }

    ZeroMemory(&hints, sizeof(hints));
    hints.ai_family = AF_INET;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_protocol = IPPROTO_TCP;
    hints.ai_flags = AI_PASSIVE;
    iResult = GetAddrInfo(_T("127.0.0.1"), _T("0"), &hints, &result);
    if (iResult != 0) {
        _tprintf(_T("GetAddrInfo failed: %d\n"), iResult);
        WSACleanup();
        return 1;
    }
    listenSocket = socket(result->ai_family, result->ai_socktype, result->ai_protocol);
    if (listenSocket == INVALID_SOCKET || bind(listenSocket, result->ai_addr, (int)result->ai_addrlen) == SOCKET_ERROR ||
        listen(listenSocket, SOMAXCONN) == SOCKET_ERROR ||
        getsockname(listenSocket, (SOCKADDR *)&bound, &boundLen) == SOCKET_ERROR) {
        _tprintf(_T("server setup failed: %d\n"), WSAGetLastError());
        FreeAddrInfo(result);
        WSACleanup();
        return 1;
    }
    FreeAddrInfo(result);
    result = NULL;

    StringCchPrintf(portText, _countof(portText), _T("%u"), (unsigned)ntohs(bound.sin_port));
    hints.ai_flags = 0;
    iResult = GetAddrInfo(_T("127.0.0.1"), portText, &hints, &result);
    if (iResult != 0) {
        _tprintf(_T("GetAddrInfo(%s) failed: %d\n"), portText, iResult);
        return 1;
    }
    clientSocket = socket(result->ai_family, result->ai_socktype, result->ai_protocol);
    if (connect(clientSocket, result->ai_addr, (int)result->ai_addrlen) == SOCKET_ERROR) {
        _tprintf(_T("connect failed: %d\n"), WSAGetLastError());
        return 1;
    }
    FreeAddrInfo(result);
    serverSocket = accept(listenSocket, NULL, NULL);
    if (serverSocket == INVALID_SOCKET) {
        _tprintf(_T("accept failed: %d\n"), WSAGetLastError());
        return 1;
    }

    StringCchPrintf(message, _countof(message), _T("hello from %s on port %s"), argv[0], portText);
    StringCchLength(message, _countof(message), &messageLen);
    if (send(clientSocket, (const char *)message, (int)(messageLen * sizeof(TCHAR)), 0) == SOCKET_ERROR) {
        _tprintf(_T("send failed: %d\n"), WSAGetLastError());
        return 1;
    }
    shutdown(clientSocket, SD_SEND);

    /* The server echoes what it gets until the client's shutdown. */
    for (;;) {
        iResult = recv(serverSocket, recvbuf, sizeof(recvbuf), 0);
        if (iResult <= 0)
            break;
        send(serverSocket, recvbuf, iResult, 0);
    }
    closesocket(serverSocket);

    while ((iResult = recv(clientSocket, recvbuf + received, (int)sizeof(recvbuf) - 1 - received, 0)) > 0)
        received += iResult;
    recvbuf[received] = '\0';
    closesocket(clientSocket);
    closesocket(listenSocket);
    WSACleanup();

    if ((size_t)received != messageLen * sizeof(TCHAR) || memcmp(recvbuf, message, (size_t)received) != 0) {
        _tprintf(_T("echo mismatch (%d bytes)\n"), received);
        return 1;
    }
    _tprintf(_T("echoed: %s\n"), message);
    return 0;
}

/*
 * A server that reports failures the way many Windows programs do: FormatMessage with
 * FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_ALLOCATE_BUFFER, trailing CRLF stripped,
 * LocalFree. It provokes WSAEADDRINUSE and WSAECONNREFUSED on 127.0.0.1 and checks the texts.
 */
#include <winsock2.h>
#include <windows.h>
#include <stdio.h>
#include <string.h>

static char lastText[512];

static void PrintError(LPCSTR what, DWORD err)
{
    LPSTR msg = NULL;
    DWORD len = FormatMessageA(FORMAT_MESSAGE_ALLOCATE_BUFFER | FORMAT_MESSAGE_FROM_SYSTEM |
                                   FORMAT_MESSAGE_IGNORE_INSERTS,
                               NULL, err, MAKELANGID(LANG_NEUTRAL, SUBLANG_DEFAULT), (LPSTR)&msg, 0, NULL);
    if (len == 0) {
        fprintf(stderr, "%s: error %lu (no text: %lu)\n", what, (unsigned long)err, (unsigned long)GetLastError());
        lastText[0] = '\0';
        return;
    }
    while (len > 0 && (msg[len - 1] == '\n' || msg[len - 1] == '\r'))
        msg[--len] = '\0';
    printf("%s: error %lu: %s\n", what, (unsigned long)err, msg);
    strncpy(lastText, msg, sizeof(lastText) - 1);
    lastText[sizeof(lastText) - 1] = '\0';
    LocalFree(msg);
}

int main(void)
{
    WSADATA wsaData;
    SOCKET first, second, client;
    SOCKADDR_IN addr;
    int addrLen = sizeof(addr);
    int failures = 0;

    if (WSAStartup(MAKEWORD(2, 2), &wsaData) != 0)
        return 1;
    first = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    ZeroMemory(&addr, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = inet_addr("127.0.0.1");
    addr.sin_port = 0;
    if (bind(first, (SOCKADDR *)&addr, sizeof(addr)) == SOCKET_ERROR || listen(first, 5) == SOCKET_ERROR) {
        PrintError("bind", WSAGetLastError());
        return 1;
    }
    getsockname(first, (SOCKADDR *)&addr, &addrLen);

    second = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    if (bind(second, (SOCKADDR *)&addr, sizeof(addr)) == SOCKET_ERROR) {
        PrintError("second bind", WSAGetLastError());
        failures += strcmp(lastText, "Only one usage of each socket address (protocol/network address/port) is "
                                     "normally permitted.") != 0;
    } else {
        printf("second bind unexpectedly succeeded\n");
        failures++;
    }
    closesocket(second);

    /* Nobody listens on the port once the listener is closed. */
    closesocket(first);
    client = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    if (connect(client, (SOCKADDR *)&addr, sizeof(addr)) == SOCKET_ERROR) {
        PrintError("connect", WSAGetLastError());
        failures += strcmp(lastText, "No connection could be made because the target machine actively refused it.") != 0;
    } else {
        printf("connect unexpectedly succeeded\n");
        failures++;
    }
    closesocket(client);

    PrintError("a closed socket", WSAENOTSOCK);
    failures += strcmp(lastText, "An operation was attempted on something that is not a socket.") != 0;
    PrintError("Win32", ERROR_INVALID_PARAMETER);
    failures += strcmp(lastText, "The parameter is incorrect.") != 0;

    WSACleanup();
    printf("%d unexpected texts\n", failures);
    return failures == 0 ? 0 : 1;
}

/*
 * A UDP daytime-style server and its client in one process, written with the MSVC C runtime's
 * secure functions: localtime_s (Windows' argument order), sprintf_s, strcpy_s, _countof,
 * _stricmp for commands, and GetVersionEx for the banner.
 */
#include <winsock2.h>
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static void answer(const char *request, char *reply, size_t replySize)
{
    char stamp[64];
    struct tm local;
    time_t now = time(NULL);
    if (_stricmp(request, "TIME") == 0) {
        if (localtime_s(&local, &now) != 0) {
            strcpy_s(reply, replySize, "ERROR");
            return;
        }
        strftime(stamp, _countof(stamp), "%Y-%m-%d %H:%M:%S", &local);
        sprintf_s(reply, replySize, "TIME %s", stamp);
    } else if (_strnicmp(request, "ver", 3) == 0) {
        OSVERSIONINFO osvi;
        ZeroMemory(&osvi, sizeof(osvi));
        osvi.dwOSVersionInfoSize = sizeof(osvi);
        if (!GetVersionEx(&osvi))
            strcpy_s(reply, replySize, "ERROR");
        else
            sprintf_s(reply, replySize, "VER %lu.%lu.%lu", (unsigned long)osvi.dwMajorVersion,
                      (unsigned long)osvi.dwMinorVersion, (unsigned long)osvi.dwBuildNumber);
    } else {
        strcpy_s(reply, replySize, "UNKNOWN");
    }
}

int main(void)
{
    static const char *requests[] = {"time", "Version", "bogus"};
    static const char *expect[] = {"TIME ", "VER ", "UNKNOWN"};
    WSADATA wsd;
    SOCKET server, client;
    SOCKADDR_IN addr, from;
    int addrLen = sizeof(addr), fromLen, n, i, ok = 0;
    char request[64], reply[128];

    if (WSAStartup(MAKEWORD(2, 2), &wsd) != 0)
        return 1;
    server = socket(AF_INET, SOCK_DGRAM, 0);
    ZeroMemory(&addr, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = inet_addr("127.0.0.1");
    if (bind(server, (SOCKADDR *)&addr, sizeof(addr)) == SOCKET_ERROR ||
        getsockname(server, (SOCKADDR *)&addr, &addrLen) == SOCKET_ERROR) {
        printf("bind failed: %d\n", WSAGetLastError());
        return 1;
    }
    client = socket(AF_INET, SOCK_DGRAM, 0);
    for (i = 0; i < (int)_countof(requests); i++) {
        sendto(client, requests[i], (int)strlen(requests[i]), 0, (SOCKADDR *)&addr, sizeof(addr));
        fromLen = sizeof(from);
        n = recvfrom(server, request, sizeof(request) - 1, 0, (SOCKADDR *)&from, &fromLen);
        if (n == SOCKET_ERROR)
            break;
        request[n] = '\0';
        answer(request, reply, _countof(reply));
        sendto(server, reply, (int)strlen(reply), 0, (SOCKADDR *)&from, fromLen);
        n = recv(client, reply, sizeof(reply) - 1, 0);
        if (n == SOCKET_ERROR)
            break;
        reply[n] = '\0';
        printf("%-8s -> %s\n", requests[i], reply);
        ok += strncmp(reply, expect[i], strlen(expect[i])) == 0;
    }
    closesocket(client);
    closesocket(server);
    WSACleanup();
    return ok == (int)_countof(requests) ? 0 : 1;
}

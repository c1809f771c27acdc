/*
 * A thread-per-client TCP echo server in the style of the Winsock book samples: the main
 * thread accepts, a worker thread started with CreateThread serves each client, and a
 * CRITICAL_SECTION guards the server's statistics. So that the program checks itself on
 * 127.0.0.1, client threads started with _beginthreadex connect, send numbered lines and
 * verify each echo; the main thread waits for all of them with WaitForMultipleObjects and
 * reads their exit codes with GetExitCodeThread.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <process.h>
#include <stdio.h>
#include <string.h>

#define NCLIENTS 8
#define ROUNDS 25

static CRITICAL_SECTION g_stats_lock;
static int g_served;
static long g_bytes;
static volatile LONG g_clients_ok;
static u_short g_port;

/* The server's worker: echoes everything until the client shuts its side down. */
static DWORD WINAPI ServeClient(LPVOID lpParam)
{
    SOCKET s = (SOCKET)(ULONG_PTR)lpParam;
    char buf[512];
    int n, total = 0;

    while ((n = recv(s, buf, sizeof(buf), 0)) > 0) {
        int off = 0;
        while (off < n) {
            int sent = send(s, buf + off, n - off, 0);
            if (sent == SOCKET_ERROR) {
                printf("send failed: %d\n", WSAGetLastError());
                closesocket(s);
                return 1;
            }
            off += sent;
        }
        total += n;
    }
    closesocket(s);
    EnterCriticalSection(&g_stats_lock);
    g_served++;
    g_bytes += total;
    LeaveCriticalSection(&g_stats_lock);
    return n == 0 ? 0 : 1;
}

static int RecvAll(SOCKET s, char *buf, int len)
{
    int got = 0;
    while (got < len) {
        int n = recv(s, buf + got, len - got, 0);
        if (n <= 0)
            return SOCKET_ERROR;
        got += n;
    }
    return got;
}

/* A client: connects, sends ROUNDS lines, checks each echo, then closes gracefully. */
static unsigned __stdcall Client(void *arg)
{
    int id = (int)(INT_PTR)arg, round;
    SOCKET s;
    struct sockaddr_in addr;
    char line[64], echo[64];

    s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    if (s == INVALID_SOCKET)
        return 1;
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_port = htons(g_port);
    addr.sin_addr.s_addr = inet_addr("127.0.0.1");
    if (connect(s, (SOCKADDR *)&addr, sizeof(addr)) == SOCKET_ERROR) {
        printf("client %d: connect failed: %d\n", id, WSAGetLastError());
        closesocket(s);
        return 1;
    }
    for (round = 0; round < ROUNDS; round++) {
        int len = sprintf_s(line, sizeof(line), "client %02d round %02d\n", id, round);
        if (send(s, line, len, 0) != len || RecvAll(s, echo, len) != len || memcmp(line, echo, (size_t)len) != 0) {
            printf("client %d: round %d failed\n", id, round);
            closesocket(s);
            return 1;
        }
    }
    shutdown(s, SD_SEND);
    if (recv(s, echo, sizeof(echo), 0) != 0) {
        closesocket(s);
        return 1;
    }
    closesocket(s);
    InterlockedIncrement(&g_clients_ok);
    return 0;
}

int main(void)
{
    WSADATA wsaData;
    SOCKET listener;
    struct sockaddr_in addr;
    int addrlen = sizeof(addr), i, failures = 0;
    HANDLE clients[NCLIENTS], workers[NCLIENTS];
    DWORD code;

    if (WSAStartup(MAKEWORD(2, 2), &wsaData) != 0) {
        printf("WSAStartup failed\n");
        return 1;
    }
    InitializeCriticalSection(&g_stats_lock);

    listener = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = inet_addr("127.0.0.1");
    addr.sin_port = 0;
    if (listener == INVALID_SOCKET || bind(listener, (SOCKADDR *)&addr, sizeof(addr)) == SOCKET_ERROR ||
        getsockname(listener, (SOCKADDR *)&addr, &addrlen) == SOCKET_ERROR || listen(listener, SOMAXCONN) == SOCKET_ERROR) {
        printf("listen failed: %d\n", WSAGetLastError());
        return 1;
    }
    g_port = ntohs(addr.sin_port);
    printf("echo server on 127.0.0.1:%u, %d clients\n", g_port, NCLIENTS);

    for (i = 0; i < NCLIENTS; i++) {
        unsigned tid;
        clients[i] = (HANDLE)_beginthreadex(NULL, 0, Client, (void *)(INT_PTR)i, 0, &tid);
        if (clients[i] == NULL) {
            printf("_beginthreadex failed\n");
            return 1;
        }
    }
    for (i = 0; i < NCLIENTS; i++) {
        DWORD tid;
        SOCKET s = accept(listener, NULL, NULL);
        if (s == INVALID_SOCKET) {
            printf("accept failed: %d\n", WSAGetLastError());
            return 1;
        }
        workers[i] = CreateThread(NULL, 0, ServeClient, (LPVOID)(ULONG_PTR)s, 0, &tid);
        if (workers[i] == NULL) {
            printf("CreateThread failed: %lu\n", (unsigned long)GetLastError());
            return 1;
        }
    }

    if (WaitForMultipleObjects(NCLIENTS, clients, TRUE, 30000) == WAIT_TIMEOUT ||
        WaitForMultipleObjects(NCLIENTS, workers, TRUE, 30000) == WAIT_TIMEOUT) {
        printf("threads did not finish\n");
        return 1;
    }
    for (i = 0; i < NCLIENTS; i++) {
        if (!GetExitCodeThread(clients[i], &code) || code != 0)
            failures++;
        if (!GetExitCodeThread(workers[i], &code) || code != 0)
            failures++;
        CloseHandle(clients[i]);
        CloseHandle(workers[i]);
    }
    closesocket(listener);

    EnterCriticalSection(&g_stats_lock);
    printf("served %d clients, %ld bytes echoed, %ld clients verified\n", g_served, g_bytes, (long)g_clients_ok);
    if (g_served != NCLIENTS || g_clients_ok != NCLIENTS)
        failures++;
    LeaveCriticalSection(&g_stats_lock);
    DeleteCriticalSection(&g_stats_lock);
    WSACleanup();
    return failures == 0 ? 0 : 1;
}

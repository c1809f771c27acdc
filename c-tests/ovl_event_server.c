/* The overlapped-I/O-with-events echo server of the Winsock I/O model tutorials: the main
 * thread accepts and posts a WSARecv whose WSAOVERLAPPED carries a WSACreateEvent event; a
 * worker waits on the table of events with WSAWaitForMultipleEvents (1 s timeout), keeping the
 * result in an int and skipping WSA_WAIT_FAILED (the table is empty before the first client)
 * and WSA_WAIT_TIMEOUT, then WSAResetEvent, WSAGetOverlappedResult, echo with send, and a new
 * WSARecv. On Windows WSA_WAIT_FAILED is ((DWORD)0xFFFFFFFF), so the int -1 compares equal to
 * it; the same holds for WAIT_FAILED and an int from WaitForMultipleObjects. */
#define _WINSOCK_DEPRECATED_NO_WARNINGS
/* The int == DWORD comparisons below are the point (MSVC warns about them too, at /W4). */
#pragma GCC diagnostic ignored "-Wsign-compare"
#include <winsock2.h>
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include "check.h"

#define MSGSIZE 1024
#define CLIENTS 3

typedef struct {
    WSAOVERLAPPED overlap;
    WSABUF Buffer;
    char szMessage[MSGSIZE];
    DWORD NumberOfBytesRecvd;
    DWORD Flags;
} PER_IO_DATA;

static volatile LONG g_total; /* entries in the tables below */
static SOCKET g_sockets[WSA_MAXIMUM_WAIT_EVENTS];
static WSAEVENT g_events[WSA_MAXIMUM_WAIT_EVENTS];
static PER_IO_DATA *g_io[WSA_MAXIMUM_WAIT_EVENTS];
static volatile LONG g_stop, g_failed_seen, g_timeouts_seen, g_echoed;

/* An atomic read of a counter the other thread updates with Interlocked calls. */
static LONG get(volatile LONG *p)
{
    return InterlockedCompareExchange(p, 0, 0);
}

static void post_recv(int i)
{
    memset(&g_io[i]->overlap, 0, sizeof(WSAOVERLAPPED));
    g_io[i]->overlap.hEvent = g_events[i];
    g_io[i]->Buffer.len = MSGSIZE;
    g_io[i]->Buffer.buf = g_io[i]->szMessage;
    g_io[i]->Flags = 0;
    WSARecv(g_sockets[i], &g_io[i]->Buffer, 1, &g_io[i]->NumberOfBytesRecvd, &g_io[i]->Flags,
            &g_io[i]->overlap, NULL);
}

static DWORD WINAPI worker(LPVOID unused)
{
    (void)unused;
    while (!get(&g_stop)) {
        int ret, index;
        DWORD cbTransferred = 0, flags = 0;
        ret = WSAWaitForMultipleEvents((DWORD)get(&g_total), g_events, FALSE, 200, FALSE);
        if (ret == WSA_WAIT_FAILED) {
            InterlockedIncrement(&g_failed_seen);
            Sleep(10);
            continue;
        }
        if (ret == WSA_WAIT_TIMEOUT) {
            InterlockedIncrement(&g_timeouts_seen);
            continue;
        }
        index = ret - WSA_WAIT_EVENT_0;
        if (index < 0 || index >= get(&g_total)) {
            printf("# WSAWaitForMultipleEvents gave %d\n", ret);
            InterlockedIncrement(&g_stop);
            break;
        }
        WSAResetEvent(g_events[index]);
        if (!WSAGetOverlappedResult(g_sockets[index], &g_io[index]->overlap, &cbTransferred, TRUE,
                                    &flags) ||
            cbTransferred == 0)
            continue; /* the client left: its entry stays, no receive is posted again */
        if (send(g_sockets[index], g_io[index]->szMessage, (int)cbTransferred, 0) == (int)cbTransferred)
            InterlockedExchangeAdd(&g_echoed, (LONG)cbTransferred);
        post_recv(index);
    }
    return 0;
}

int main(void)
{
    WSADATA wsa;
    SOCKET listener, clients[CLIENTS];
    SOCKADDR_IN a;
    int len = sizeof(a), i, ret;
    HANDLE thread, handles[1];
    char buf[64];

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");

    /* The comparisons themselves, with the int the tutorials keep the result in. */
    ret = WSAWaitForMultipleEvents(0, g_events, FALSE, 0, FALSE);
    CHECK(ret == WSA_WAIT_FAILED, "an int holding WSAWaitForMultipleEvents' failure equals WSA_WAIT_FAILED");
    CHECK(WSAGetLastError() == WSA_INVALID_PARAMETER, "no events is WSA_INVALID_PARAMETER");
    handles[0] = NULL;
    ret = WaitForMultipleObjects(1, handles, FALSE, 0);
    CHECK(ret == WAIT_FAILED, "an int holding WaitForMultipleObjects' failure equals WAIT_FAILED");
    CHECK(sizeof(WSA_WAIT_FAILED) == 4 && sizeof(WSA_INFINITE) == 4,
          "WSA_WAIT_FAILED and WSA_INFINITE are 32-bit values");

    listener = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    memset(&a, 0, sizeof(a));
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = inet_addr("127.0.0.1");
    REQUIRE(bind(listener, (SOCKADDR *)&a, sizeof(a)) == 0 && listen(listener, 5) == 0, "listener");
    getsockname(listener, (SOCKADDR *)&a, &len);

    thread = CreateThread(NULL, 0, worker, NULL, 0, NULL);
    REQUIRE(thread != NULL, "the worker starts with no events to wait on");
    Sleep(100);
    CHECK(get(&g_failed_seen) > 0, "the worker saw WSA_WAIT_FAILED while the table was empty");

    for (i = 0; i < CLIENTS; i++) {
        SOCKET s;
        clients[i] = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        REQUIRE(connect(clients[i], (SOCKADDR *)&a, sizeof(a)) == 0, "a client connects");
        s = accept(listener, NULL, NULL);
        REQUIRE(s != INVALID_SOCKET, "accept");
        g_sockets[i] = s;
        g_io[i] = (PER_IO_DATA *)HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(PER_IO_DATA));
        g_events[i] = WSACreateEvent();
        post_recv(i);
        InterlockedIncrement(&g_total);
    }
    for (i = 0; i < CLIENTS; i++) {
        int n;
        sprintf(buf, "hello %d", i);
        send(clients[i], buf, (int)strlen(buf), 0);
        memset(buf, 0, sizeof(buf));
        n = recv(clients[i], buf, sizeof(buf) - 1, 0);
        CHECK(n == 7 && buf[6] == (char)('0' + i), "each client gets its line back");
    }
    Sleep(500);
    CHECK(get(&g_timeouts_seen) > 0, "an idle table times out with WSA_WAIT_TIMEOUT");
    CHECK_EQ(get(&g_echoed), 7 * CLIENTS, "the worker echoed every line");

    InterlockedIncrement(&g_stop);
    CHECK_EQ(WaitForSingleObject(thread, 5000), WAIT_OBJECT_0, "the worker stops");
    CloseHandle(thread);
    for (i = 0; i < CLIENTS; i++) {
        closesocket(clients[i]);
        closesocket(g_sockets[i]);
        WSACloseEvent(g_events[i]);
        HeapFree(GetProcessHeap(), 0, g_io[i]);
    }
    closesocket(listener);
    WSACleanup();
    return check_done();
}

/* I/O completion ports the way an IOCP server uses them: sockets associated with a port
 * with a per-socket key, worker threads in GetQueuedCompletionStatus running an echo loop
 * (overlapped WSARecv → WSASend), PostQueuedCompletionStatus to stop the workers; a timeout
 * returns FALSE with a NULL OVERLAPPED and WAIT_TIMEOUT; an immediate completion still queues
 * a packet unless FILE_SKIP_COMPLETION_PORT_ON_SUCCESS is set; an hEvent with its low bit set
 * queues none; GetQueuedCompletionStatusEx returns several entries; associating a socket
 * twice fails; closing the port wakes a waiter with ERROR_ABANDONED_WAIT_0. */
#include "ovl_util.h"

#define CLIENTS 4
#define ROUNDS 50
#define WORKERS 3
#define KEY_STOP ((ULONG_PTR)-1)

typedef struct {
    WSAOVERLAPPED ov; /* first: the OVERLAPPED* is the context */
    SOCKET s;
    int sending;
    WSABUF wsabuf;
    char buf[128];
} CONN;

static HANDLE g_port;
static volatile LONG g_echoed;

static void post_recv(CONN *c)
{
    DWORD flags = 0;
    memset(&c->ov, 0, sizeof(c->ov));
    c->sending = 0;
    c->wsabuf.buf = c->buf;
    c->wsabuf.len = sizeof(c->buf);
    if (WSARecv(c->s, &c->wsabuf, 1, NULL, &flags, &c->ov, NULL) == SOCKET_ERROR &&
        WSAGetLastError() != WSA_IO_PENDING)
        printf("# WSARecv failed: %d\n", WSAGetLastError());
}

static DWORD WINAPI worker(LPVOID arg)
{
    (void)arg;
    for (;;) {
        DWORD bytes = 0;
        ULONG_PTR key = 0;
        LPOVERLAPPED ov = NULL;
        BOOL ok = GetQueuedCompletionStatus(g_port, &bytes, &key, &ov, INFINITE);
        CONN *c;
        if (key == KEY_STOP)
            return 0;
        if (!ok || ov == NULL || bytes == 0)
            continue; /* a closed connection: the test closes it */
        c = (CONN *)ov;
        if (key != (ULONG_PTR)c->s)
            printf("# key mismatch\n");
        if (c->sending) {
            InterlockedIncrement(&g_echoed);
            post_recv(c);
        } else {
            memset(&c->ov, 0, sizeof(c->ov));
            c->sending = 1;
            c->wsabuf.len = bytes;
            if (WSASend(c->s, &c->wsabuf, 1, NULL, 0, &c->ov, NULL) == SOCKET_ERROR &&
                WSAGetLastError() != WSA_IO_PENDING)
                printf("# WSASend failed: %d\n", WSAGetLastError());
        }
    }
}

static SOCKET g_assoc;
static WSAOVERLAPPED g_thread_ov;
static char g_thread_buf[16];

/* Posts a receive on a socket associated with a port, then ends: the receive lives on. */
static DWORD WINAPI post_and_exit(LPVOID arg)
{
    WSABUF wsabuf;
    DWORD flags = 0;
    (void)arg;
    wsabuf.buf = g_thread_buf;
    wsabuf.len = sizeof(g_thread_buf);
    memset(&g_thread_ov, 0, sizeof(g_thread_ov));
    return WSARecv(g_assoc, &wsabuf, 1, NULL, &flags, &g_thread_ov, NULL) == SOCKET_ERROR &&
           WSAGetLastError() == WSA_IO_PENDING;
}

static HANDLE g_close_port;
static DWORD g_wait_error;
static BOOL g_wait_result = TRUE;
static LPOVERLAPPED g_wait_ov = (LPOVERLAPPED)1;

static DWORD WINAPI waiter(LPVOID arg)
{
    DWORD bytes;
    ULONG_PTR key;
    (void)arg;
    g_wait_result = GetQueuedCompletionStatus(g_close_port, &bytes, &key, &g_wait_ov, INFINITE);
    g_wait_error = GetLastError();
    return 0;
}

int main(void)
{
    SOCKET clients[CLIENTS], servers[CLIENTS], a, b;
    CONN conns[CLIENTS];
    HANDLE workers[WORKERS], port, thread;
    WSAOVERLAPPED ov, ov2;
    WSABUF wsabuf;
    OVERLAPPED_ENTRY entries[8];
    ULONG removed = 0;
    DWORD bytes, flags, start;
    ULONG_PTR key;
    LPOVERLAPPED got;
    char buf[128];
    int i, r, ok_rounds = 0;

    ovl_start();

    /* ---- echo server on one port, three workers ---- */
    g_port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);
    REQUIRE(g_port != NULL, "CreateIoCompletionPort creates a port");
    for (i = 0; i < WORKERS; i++) {
        workers[i] = CreateThread(NULL, 0, worker, NULL, 0, NULL);
        REQUIRE(workers[i] != NULL, "worker thread");
    }
    for (i = 0; i < CLIENTS; i++) {
        REQUIRE(ovl_tcp_pair(&clients[i], &servers[i]) == 0, "connection");
        conns[i].s = servers[i];
        CHECK(CreateIoCompletionPort((HANDLE)servers[i], g_port, (ULONG_PTR)servers[i], 0) == g_port,
              "associating a socket returns the existing port");
        post_recv(&conns[i]);
    }
    for (r = 0; r < ROUNDS; r++) {
        int good = 1;
        for (i = 0; i < CLIENTS; i++) {
            char msg[64];
            int n = sprintf(msg, "round %d client %d", r, i);
            send(clients[i], msg, n, 0);
        }
        for (i = 0; i < CLIENTS; i++) {
            char msg[64];
            int n = sprintf(msg, "round %d client %d", r, i), have = 0;
            while (have < n) {
                int k = recv(clients[i], buf + have, n - have, 0);
                if (k <= 0)
                    break;
                have += k;
            }
            if (have != n || memcmp(buf, msg, n) != 0)
                good = 0;
        }
        ok_rounds += good;
    }
    CHECK_EQ(ok_rounds, ROUNDS, "every round is echoed by the workers");
    start = GetTickCount();
    while (InterlockedExchangeAdd(&g_echoed, 0) < CLIENTS * ROUNDS && GetTickCount() - start < 5000)
        Sleep(10);
    CHECK_EQ(InterlockedExchangeAdd(&g_echoed, 0), CLIENTS * ROUNDS, "every echo's send completion reached a worker");

    /* Closing with receives pending: the workers see failed packets and carry on. */
    for (i = 0; i < CLIENTS; i++) {
        closesocket(servers[i]);
        closesocket(clients[i]);
    }
    for (i = 0; i < WORKERS; i++)
        CHECK(PostQueuedCompletionStatus(g_port, 0, KEY_STOP, NULL), "PostQueuedCompletionStatus");
    CHECK_EQ(WaitForMultipleObjects(WORKERS, workers, TRUE, 5000), WAIT_OBJECT_0,
             "every worker took its stop packet");
    for (i = 0; i < WORKERS; i++)
        CloseHandle(workers[i]);

    /* ---- single-threaded rules ---- */
    port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 1);
    REQUIRE(port != NULL, "a second port");
    got = (LPOVERLAPPED)1;
    start = GetTickCount();
    CHECK_EQ(GetQueuedCompletionStatus(port, &bytes, &key, &got, 100), FALSE, "empty port: FALSE");
    CHECK_EQ(GetLastError(), WAIT_TIMEOUT, "... WAIT_TIMEOUT");
    CHECK(got == NULL, "... with a NULL OVERLAPPED");
    CHECK(GetTickCount() - start >= 90, "... after the timeout");

    CHECK(PostQueuedCompletionStatus(port, 7, 42, (LPOVERLAPPED)0x1234), "post a packet");
    CHECK_EQ(GetQueuedCompletionStatus(port, &bytes, &key, &got, 0), TRUE, "the posted packet");
    CHECK(bytes == 7 && key == 42 && got == (LPOVERLAPPED)0x1234, "... exactly as posted");

    REQUIRE(ovl_tcp_pair(&a, &b) == 0, "connection");
    CHECK(CreateIoCompletionPort((HANDLE)b, port, 77, 0) == port, "associate b");
    CHECK(CreateIoCompletionPort((HANDLE)b, port, 78, 0) == NULL, "associating b again fails");
    CHECK_EQ(GetLastError(), ERROR_INVALID_PARAMETER, "... ERROR_INVALID_PARAMETER");

    /* Immediate completion still queues a packet. */
    send(a, "now", 3, 0);
    Sleep(100);
    memset(&ov, 0, sizeof(ov));
    wsabuf.buf = buf;
    wsabuf.len = sizeof(buf);
    flags = 0;
    CHECK_EQ(WSARecv(b, &wsabuf, 1, &bytes, &flags, &ov, NULL), 0, "receive completes at once");
    CHECK_EQ(GetQueuedCompletionStatus(port, &bytes, &key, &got, 1000), TRUE, "... and still queues a packet");
    CHECK(got == &ov && key == 77 && bytes == 3, "... for it, with the socket's key");

    /* A pending receive whose socket gets data. */
    memset(&ov, 0, sizeof(ov));
    CHECK_EQ(WSARecv(b, &wsabuf, 1, NULL, &flags, &ov, NULL), SOCKET_ERROR, "receive pending");
    CHECK_EQ(WSAGetLastError(), WSA_IO_PENDING, "... WSA_IO_PENDING");
    send(a, "later!", 6, 0);
    CHECK_EQ(GetQueuedCompletionStatus(port, &bytes, &key, &got, 5000), TRUE, "its packet arrives");
    CHECK(got == &ov && bytes == 6, "... with 6 bytes");

    /* A receive posted by a thread that has ended still completes to the port. */
    {
        DWORD code = 0;
        g_assoc = b;
        thread = CreateThread(NULL, 0, post_and_exit, NULL, 0, NULL);
        REQUIRE(thread != NULL, "thread");
        WaitForSingleObject(thread, INFINITE);
        GetExitCodeThread(thread, &code);
        CloseHandle(thread);
        CHECK_EQ(code, 1, "a thread posts a receive and ends");
        send(a, "orphan", 6, 0);
        CHECK_EQ(GetQueuedCompletionStatus(port, &bytes, &key, &got, 5000), TRUE, "its packet arrives");
        CHECK(got == &g_thread_ov && bytes == 6, "... with its 6 bytes");
    }

    /* hEvent with the low bit set: the event is set, no packet. */
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = (HANDLE)((ULONG_PTR)WSACreateEvent() | 1);
    send(a, "bit", 3, 0);
    Sleep(100);
    CHECK_EQ(WSARecv(b, &wsabuf, 1, &bytes, &flags, &ov, NULL), 0, "receive (hEvent | 1) at once");
    CHECK(ovl_signalled((WSAEVENT)((ULONG_PTR)ov.hEvent & ~(ULONG_PTR)1), 0), "... sets the event");
    CHECK_EQ(GetQueuedCompletionStatus(port, &bytes, &key, &got, 100), FALSE, "... queues no packet");
    CHECK_EQ(GetLastError(), WAIT_TIMEOUT, "... WAIT_TIMEOUT");
    WSACloseEvent((WSAEVENT)((ULONG_PTR)ov.hEvent & ~(ULONG_PTR)1));

    /* FILE_SKIP_COMPLETION_PORT_ON_SUCCESS: an immediate success queues nothing; a pending
     * operation still does. */
    CHECK(SetFileCompletionNotificationModes((HANDLE)b, FILE_SKIP_COMPLETION_PORT_ON_SUCCESS),
          "SetFileCompletionNotificationModes");
    memset(&ov, 0, sizeof(ov));
    send(a, "skip", 4, 0);
    Sleep(100);
    CHECK_EQ(WSARecv(b, &wsabuf, 1, &bytes, &flags, &ov, NULL), 0, "receive at once");
    CHECK_EQ(bytes, 4, "... 4 bytes");
    CHECK_EQ(GetQueuedCompletionStatus(port, &bytes, &key, &got, 100), FALSE, "... no packet with skip mode");
    memset(&ov, 0, sizeof(ov));
    CHECK_EQ(WSARecv(b, &wsabuf, 1, NULL, &flags, &ov, NULL), SOCKET_ERROR, "receive pending");
    send(a, "pend", 4, 0);
    CHECK_EQ(GetQueuedCompletionStatus(port, &bytes, &key, &got, 5000), TRUE, "... its packet still arrives");
    CHECK(got == &ov, "... for it");
    CHECK_EQ(SetFileCompletionNotificationModes((HANDLE)b, 0x80), FALSE, "unknown mode bits");
    CHECK_EQ(GetLastError(), ERROR_INVALID_PARAMETER, "... ERROR_INVALID_PARAMETER");

    /* GetQueuedCompletionStatusEx: several packets at once, failed operations included. */
    memset(&ov, 0, sizeof(ov));
    memset(&ov2, 0, sizeof(ov2));
    CHECK_EQ(WSARecv(b, &wsabuf, 1, NULL, &flags, &ov, NULL), SOCKET_ERROR, "receive pending");
    CHECK(PostQueuedCompletionStatus(port, 1, 2, &ov2), "post a packet");
    CHECK(CancelIoEx((HANDLE)b, &ov), "CancelIoEx the receive");
    Sleep(50);
    CHECK_EQ(GetQueuedCompletionStatusEx(port, entries, 8, &removed, 1000, FALSE), TRUE,
             "GetQueuedCompletionStatusEx");
    CHECK_EQ(removed, 2, "... two entries");
    CHECK(entries[0].lpOverlapped == &ov2 && entries[0].lpCompletionKey == 2 &&
              entries[0].dwNumberOfBytesTransferred == 1 && entries[0].Internal == 0,
          "... the posted one first");
    CHECK(entries[1].lpOverlapped == &ov && entries[1].lpCompletionKey == 77 &&
              entries[1].Internal == 0xC0000120,
          "... then the cancelled receive, STATUS_CANCELLED");
    CHECK_EQ(GetQueuedCompletionStatusEx(port, entries, 8, &removed, 50, FALSE), FALSE,
             "GetQueuedCompletionStatusEx on an empty port");
    CHECK_EQ(GetLastError(), WAIT_TIMEOUT, "... WAIT_TIMEOUT");
    CHECK_EQ(removed, 0, "... no entries");

    /* A failed operation: FALSE with its OVERLAPPED. */
    memset(&ov, 0, sizeof(ov));
    CHECK_EQ(WSARecv(b, &wsabuf, 1, NULL, &flags, &ov, NULL), SOCKET_ERROR, "receive pending");
    CHECK(CancelIoEx((HANDLE)b, NULL), "CancelIoEx(s, NULL)");
    CHECK_EQ(GetQueuedCompletionStatus(port, &bytes, &key, &got, 1000), FALSE, "a cancelled receive: FALSE");
    CHECK_EQ(GetLastError(), ERROR_OPERATION_ABORTED, "... ERROR_OPERATION_ABORTED");
    CHECK(got == &ov && key == 77, "... with its OVERLAPPED and key");
    CHECK_EQ(CancelIoEx((HANDLE)b, NULL), FALSE, "CancelIoEx with nothing pending");
    CHECK_EQ(GetLastError(), ERROR_NOT_FOUND, "... ERROR_NOT_FOUND");
    closesocket(a);
    closesocket(b);
    CHECK(CloseHandle(port), "CloseHandle(port)");

    /* Bad handles. */
    CHECK(CreateIoCompletionPort((HANDLE)(ULONG_PTR)99999, NULL, 0, 0) == NULL, "not a socket");
    CHECK_EQ(GetLastError(), ERROR_INVALID_HANDLE, "... ERROR_INVALID_HANDLE");
    got = (LPOVERLAPPED)1;
    CHECK_EQ(GetQueuedCompletionStatus(port, &bytes, &key, &got, 0), FALSE, "a closed port");
    CHECK_EQ(GetLastError(), ERROR_INVALID_HANDLE, "... ERROR_INVALID_HANDLE");
    CHECK(got == NULL, "... NULL OVERLAPPED");
    CHECK_EQ(PostQueuedCompletionStatus(port, 0, 0, NULL), FALSE, "post to a closed port");
    CHECK_EQ(GetLastError(), ERROR_INVALID_HANDLE, "... ERROR_INVALID_HANDLE");
    CHECK_EQ(PostQueuedCompletionStatus(NULL, 0, 0, NULL), FALSE, "post to NULL");
    CHECK_EQ(GetLastError(), ERROR_INVALID_HANDLE, "... ERROR_INVALID_HANDLE");

    /* Closing a port a thread waits on. */
    g_close_port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);
    REQUIRE(g_close_port != NULL, "a port to close");
    thread = CreateThread(NULL, 0, waiter, NULL, 0, NULL);
    REQUIRE(thread != NULL, "waiter thread");
    Sleep(200);
    CHECK(CloseHandle(g_close_port), "close the port under the waiter");
    CHECK_EQ(WaitForSingleObject(thread, 5000), WAIT_OBJECT_0, "the waiter returns");
    CHECK_EQ(g_wait_result, FALSE, "... FALSE");
    CHECK_EQ(g_wait_error, ERROR_ABANDONED_WAIT_0, "... ERROR_ABANDONED_WAIT_0");
    CHECK(g_wait_ov == NULL, "... NULL OVERLAPPED");
    CloseHandle(thread);

    CHECK(CloseHandle(g_port), "CloseHandle(first port)");
    WSACleanup();
    return check_done();
}

/*
 * iocp_server: a TCP echo server on an I/O completion port, in the classic Windows shape, and
 * a small client load to check it, in one program.
 *
 * The server: one completion port; worker threads loop on GetQueuedCompletionStatus; an
 * acceptor thread accept()s connections, associates each socket with the port (the per-socket
 * context is the completion key) and posts the first overlapped WSARecv. Each context starts
 * with its WSAOVERLAPPED, so the LPOVERLAPPED a completion returns is the context itself. A
 * receive completion sends the bytes back with overlapped WSASends (resuming after a partial
 * send); a send completion posts the next receive; a zero-byte receive or a failure closes the
 * socket and frees the context. Shutdown: close the listener, wait until every connection is
 * gone, then post one empty completion per worker (PostQueuedCompletionStatus) to stop it.
 *
 * Usage: iocp_server [port]                 serve on 0.0.0.0:port (default 5150) until killed
 *        iocp_server -test [clients] [msgs] serve on 127.0.0.1 (a free port), run that many
 *                                           client threads (default 8) echoing that many
 *                                           messages each (default 200), stop, exit 0 if
 *                                           every byte came back intact
 *
 * Builds unchanged with ws2mp (include/compat) and with mingw-w64 against Windows' headers
 * (x86_64-w64-mingw32-gcc iocp_server.c -lws2_32).
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WORKERS 2
#define BUF_SIZE 4096

enum op { OP_RECV, OP_SEND };

/* Per-socket context. The WSAOVERLAPPED comes first: the completion hands it back. */
struct conn {
    WSAOVERLAPPED ov;
    SOCKET s;
    enum op op;
    WSABUF wsabuf;
    DWORD pending; /* bytes received and not yet sent back */
    DWORD sent;    /* bytes of them already sent */
    char data[BUF_SIZE];
};

static HANDLE port;
static SOCKET listener = INVALID_SOCKET;
static volatile LONG live_conns;
static volatile LONG echoed_bytes;

static void fail(const char *what)
{
    printf("iocp_server: %s failed: %d\n", what, (int)WSAGetLastError());
    exit(1);
}

static void close_conn(struct conn *c)
{
    closesocket(c->s);
    free(c);
    InterlockedDecrement(&live_conns);
}

/* Posts the next overlapped receive; false if the socket is finished. */
static BOOL post_recv(struct conn *c)
{
    DWORD flags = 0;
    memset(&c->ov, 0, sizeof(c->ov));
    c->op = OP_RECV;
    c->wsabuf.buf = c->data;
    c->wsabuf.len = BUF_SIZE;
    if (WSARecv(c->s, &c->wsabuf, 1, NULL, &flags, &c->ov, NULL) == SOCKET_ERROR &&
        WSAGetLastError() != WSA_IO_PENDING)
        return FALSE;
    return TRUE; /* the completion arrives through the port, also when it completed at once */
}

/* Posts an overlapped send of what is left of the received bytes. */
static BOOL post_send(struct conn *c)
{
    memset(&c->ov, 0, sizeof(c->ov));
    c->op = OP_SEND;
    c->wsabuf.buf = c->data + c->sent;
    c->wsabuf.len = c->pending - c->sent;
    if (WSASend(c->s, &c->wsabuf, 1, NULL, 0, &c->ov, NULL) == SOCKET_ERROR &&
        WSAGetLastError() != WSA_IO_PENDING)
        return FALSE;
    return TRUE;
}

static DWORD WINAPI worker(LPVOID param)
{
    (void)param;
    for (;;) {
        DWORD bytes = 0;
        ULONG_PTR key = 0;
        LPOVERLAPPED ov = NULL;
        BOOL ok = GetQueuedCompletionStatus(port, &bytes, &key, &ov, INFINITE);
        struct conn *c = (struct conn *)ov;
        if (ov == NULL) {
            if (!ok)
                fail("GetQueuedCompletionStatus");
            break; /* the empty completion posted at shutdown */
        }
        if (!ok || (c->op == OP_RECV && bytes == 0)) {
            close_conn(c); /* the peer closed (0 bytes) or the connection failed */
            continue;
        }
        if (c->op == OP_RECV) {
            c->pending = bytes;
            c->sent = 0;
            if (!post_send(c))
                close_conn(c);
        } else {
            c->sent += bytes;
            InterlockedExchangeAdd(&echoed_bytes, (LONG)bytes);
            if (c->sent < c->pending ? !post_send(c) : !post_recv(c))
                close_conn(c);
        }
    }
    return 0;
}

static DWORD WINAPI acceptor(LPVOID param)
{
    (void)param;
    for (;;) {
        struct conn *c;
        SOCKET s = accept(listener, NULL, NULL);
        if (s == INVALID_SOCKET)
            break; /* the listener was closed: shutting down */
        c = (struct conn *)calloc(1, sizeof(*c));
        if (c == NULL) {
            closesocket(s);
            continue;
        }
        c->s = s;
        InterlockedIncrement(&live_conns);
        if (CreateIoCompletionPort((HANDLE)s, port, (ULONG_PTR)c, 0) != port || !post_recv(c))
            close_conn(c);
    }
    return 0;
}

/* ---- the client load (-test) --------------------------------------------------------------- */
struct client {
    u_short port;
    int msgs;
    int id;
    int ok;
};

static int send_all(SOCKET s, const char *p, int len)
{
    while (len > 0) {
        int n = send(s, p, len, 0);
        if (n <= 0)
            return 0;
        p += n;
        len -= n;
    }
    return 1;
}

static int recv_all(SOCKET s, char *p, int len)
{
    while (len > 0) {
        int n = recv(s, p, len, 0);
        if (n <= 0)
            return 0;
        p += n;
        len -= n;
    }
    return 1;
}

static DWORD WINAPI client(LPVOID param)
{
    struct client *cl = (struct client *)param;
    char msg[6000], back[6000];
    struct sockaddr_in a;
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    int i, j;
    memset(&a, 0, sizeof(a));
    a.sin_family = AF_INET;
    a.sin_port = htons(cl->port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (s == INVALID_SOCKET || connect(s, (struct sockaddr *)&a, sizeof(a)) == SOCKET_ERROR)
        return 1;
    cl->ok = 1;
    for (i = 0; i < cl->msgs && cl->ok; i++) {
        int len = 1 + (cl->id * 131 + i * 977) % (int)sizeof(back); /* up to 6000: > BUF_SIZE */
        for (j = 0; j < len; j++)
            msg[j] = (char)(cl->id + i + j);
        cl->ok = send_all(s, msg, len) && recv_all(s, back, len) && memcmp(msg, back, (size_t)len) == 0;
    }
    closesocket(s);
    return 0;
}

static int run_test(int clients, int msgs)
{
    struct sockaddr_in a;
    int len = sizeof(a), i, good = 0, waited;
    HANDLE threads[64];
    struct client cl[64];
    if (clients > 64)
        clients = 64;
    if (getsockname(listener, (struct sockaddr *)&a, &len) == SOCKET_ERROR)
        fail("getsockname");
    for (i = 0; i < clients; i++) {
        cl[i].port = ntohs(a.sin_port);
        cl[i].msgs = msgs;
        cl[i].id = i;
        cl[i].ok = 0;
        threads[i] = CreateThread(NULL, 0, client, &cl[i], 0, NULL);
        if (threads[i] == NULL)
            fail("CreateThread (client)");
    }
    WaitForMultipleObjects((DWORD)clients, threads, TRUE, INFINITE);
    for (i = 0; i < clients; i++) {
        good += cl[i].ok;
        CloseHandle(threads[i]);
    }
    /* Every client has closed: wait for the server to see each close. */
    for (waited = 0; live_conns > 0 && waited < 10000; waited += 10)
        Sleep(10);
    printf("iocp_server: %d of %d clients got all %d messages back; %ld bytes echoed; %ld connections left\n",
           good, clients, msgs, (long)echoed_bytes, (long)live_conns);
    return good == clients && live_conns == 0 ? 0 : 1;
}

int main(int argc, char **argv)
{
    WSADATA wsa;
    struct sockaddr_in a;
    HANDLE workers[WORKERS], accept_thread;
    int test = argc > 1 && strcmp(argv[1], "-test") == 0;
    int i, status = 0;
    if (WSAStartup(MAKEWORD(2, 2), &wsa) != 0)
        fail("WSAStartup");
    port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);
    if (port == NULL)
        fail("CreateIoCompletionPort");
    listener = WSASocket(AF_INET, SOCK_STREAM, IPPROTO_TCP, NULL, 0, WSA_FLAG_OVERLAPPED);
    if (listener == INVALID_SOCKET)
        fail("WSASocket");
    memset(&a, 0, sizeof(a));
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(test ? INADDR_LOOPBACK : INADDR_ANY);
    a.sin_port = htons((u_short)(test ? 0 : (argc > 1 ? atoi(argv[1]) : 5150)));
    if (bind(listener, (struct sockaddr *)&a, sizeof(a)) == SOCKET_ERROR)
        fail("bind");
    if (listen(listener, SOMAXCONN) == SOCKET_ERROR)
        fail("listen");
    for (i = 0; i < WORKERS; i++) {
        workers[i] = CreateThread(NULL, 0, worker, NULL, 0, NULL);
        if (workers[i] == NULL)
            fail("CreateThread (worker)");
    }
    accept_thread = CreateThread(NULL, 0, acceptor, NULL, 0, NULL);
    if (accept_thread == NULL)
        fail("CreateThread (acceptor)");
    if (!test) {
        printf("iocp_server: echoing on port %u with %d workers\n", (unsigned)ntohs(a.sin_port), WORKERS);
        WaitForSingleObject(accept_thread, INFINITE);
    } else {
        status = run_test(argc > 2 ? atoi(argv[2]) : 8, argc > 3 ? atoi(argv[3]) : 200);
    }
    closesocket(listener); /* ends the acceptor's accept() */
    WaitForSingleObject(accept_thread, INFINITE);
    CloseHandle(accept_thread);
    for (i = 0; i < WORKERS; i++)
        PostQueuedCompletionStatus(port, 0, 0, NULL);
    WaitForMultipleObjects(WORKERS, workers, TRUE, INFINITE);
    for (i = 0; i < WORKERS; i++)
        CloseHandle(workers[i]);
    CloseHandle(port);
    WSACleanup();
    if (status == 0)
        printf("iocp_server: OK\n");
    return status;
}

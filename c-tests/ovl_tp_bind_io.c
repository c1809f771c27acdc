/* An echo server written the pre-Vista way: each accepted socket is bound to the system's
 * thread pool with BindIoCompletionCallback, and the completion routine
 * (dwErrorCode, dwNumberOfBytesTransfered, lpOverlapped) drives the receive → send → receive
 * loop on the pool's threads. Many clients, every byte echoed; closing a socket ends its
 * pending receive with an abort code in the routine. Also: Flags other than 0, a handle that
 * is not a socket, and binding a socket twice are refused. */
#include "ovl_util.h"

#define CLIENTS 6
#define ROUNDS 30

typedef struct {
    WSAOVERLAPPED ov; /* first: lpOverlapped is the connection */
    SOCKET s;
    int sending;
    DWORD sent, to_send;
    WSABUF wsabuf;
    char buf[256];
    volatile LONG final_error; /* the error of the receive that ended it, -1 before */
    HANDLE ended;
} conn_t;

static conn_t conns[CLIENTS];
static volatile LONG echoed_bytes, client_ok, clients_done, unexpected;

/* Counters other threads update with the Interlocked functions are read the same way. */
static LONG count_of(volatile LONG *counter)
{
    return InterlockedCompareExchange(counter, 0, 0);
}
static HANDLE quit;
static unsigned short port;

static void ended(conn_t *c, LONG error)
{
    InterlockedExchange(&c->final_error, error);
    SetEvent(c->ended);
}

static void post_recv(conn_t *c)
{
    DWORD flags = 0, got = 0;
    c->sending = 0;
    c->wsabuf.buf = c->buf;
    c->wsabuf.len = sizeof(c->buf);
    memset(&c->ov, 0, sizeof(c->ov));
    if (WSARecv(c->s, &c->wsabuf, 1, &got, &flags, &c->ov, NULL) == SOCKET_ERROR && WSAGetLastError() != WSA_IO_PENDING)
        ended(c, WSAGetLastError());
}

static void post_send(conn_t *c)
{
    DWORD n = 0;
    c->sending = 1;
    c->wsabuf.buf = c->buf + c->sent;
    c->wsabuf.len = c->to_send - c->sent;
    memset(&c->ov, 0, sizeof(c->ov));
    if (WSASend(c->s, &c->wsabuf, 1, &n, 0, &c->ov, NULL) == SOCKET_ERROR && WSAGetLastError() != WSA_IO_PENDING)
        ended(c, WSAGetLastError());
}

static VOID CALLBACK completed(DWORD error, DWORD bytes, LPOVERLAPPED overlapped)
{
    conn_t *c = CONTAINING_RECORD(overlapped, conn_t, ov);
    if (c < conns || c >= conns + CLIENTS) {
        InterlockedIncrement(&unexpected);
        return;
    }
    if (error != NO_ERROR || (!c->sending && bytes == 0)) {
        if (c->sending || bytes != 0)
            InterlockedIncrement(&unexpected);
        ended(c, (LONG)error);
        return;
    }
    if (!c->sending) {
        c->to_send = bytes;
        c->sent = 0;
        post_send(c);
        return;
    }
    c->sent += bytes;
    InterlockedExchangeAdd(&echoed_bytes, (LONG)bytes);
    if (c->sent < c->to_send)
        post_send(c);
    else
        post_recv(c);
}

static DWORD WINAPI client(LPVOID arg)
{
    int id = (int)(INT_PTR)arg, round, ok = 1;
    struct sockaddr_in addr;
    char out[200], in[200];
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    ovl_loopback(&addr, port);
    if (connect(s, (struct sockaddr *)&addr, sizeof(addr)) != 0)
        ok = 0;
    for (round = 0; ok && round < ROUNDS; round++) {
        int len = 1 + (id * 53 + round * 7) % (int)sizeof(out), i, got = 0;
        for (i = 0; i < len; i++)
            out[i] = (char)(id + round * 3 + i);
        if (send(s, out, len, 0) != len)
            ok = 0;
        while (ok && got < len) {
            int n = recv(s, in + got, len - got, 0);
            if (n <= 0)
                ok = 0;
            else
                got += n;
        }
        if (ok && memcmp(in, out, (size_t)len) != 0)
            ok = 0;
    }
    if (ok)
        InterlockedIncrement(&client_ok);
    InterlockedIncrement(&clients_done);
    WaitForSingleObject(quit, INFINITE);
    closesocket(s);
    return 0;
}

int main(void)
{
    struct sockaddr_in addr;
    int len = sizeof(addr), i, bound = 0;
    HANDLE threads[CLIENTS], ev;
    LONG expected = 0;
    SOCKET listener;

    ovl_start();
    listener = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    ovl_loopback(&addr, 0);
    REQUIRE(bind(listener, (struct sockaddr *)&addr, sizeof(addr)) == 0 &&
                getsockname(listener, (struct sockaddr *)&addr, &len) == 0 && listen(listener, SOMAXCONN) == 0,
            "listener on 127.0.0.1");
    port = ntohs(addr.sin_port);
    quit = CreateEvent(NULL, TRUE, FALSE, NULL);

    CHECK(!BindIoCompletionCallback((HANDLE)listener, completed, 1), "Flags other than 0 are refused");
    CHECK_EQ(GetLastError(), ERROR_INVALID_PARAMETER, "... ERROR_INVALID_PARAMETER");
    ev = CreateEvent(NULL, FALSE, FALSE, NULL);
    CHECK(!BindIoCompletionCallback(ev, completed, 0), "an event is not a socket");
    CHECK_EQ(GetLastError(), ERROR_INVALID_HANDLE, "... ERROR_INVALID_HANDLE");
    CloseHandle(ev);

    for (i = 0; i < CLIENTS; i++)
        threads[i] = CreateThread(NULL, 0, client, (LPVOID)(INT_PTR)i, 0, NULL);
    for (i = 0; i < CLIENTS; i++) {
        conn_t *c = &conns[i];
        c->final_error = -1;
        c->ended = CreateEvent(NULL, TRUE, FALSE, NULL);
        c->s = accept(listener, NULL, NULL);
        if (c->s != INVALID_SOCKET && BindIoCompletionCallback((HANDLE)c->s, completed, 0)) {
            bound++;
            post_recv(c);
        }
    }
    CHECK_EQ(bound, CLIENTS, "every accepted socket was bound with BindIoCompletionCallback");
    CHECK(!BindIoCompletionCallback((HANDLE)conns[0].s, completed, 0), "binding a socket twice is refused");
    CHECK_EQ(GetLastError(), ERROR_INVALID_PARAMETER, "... ERROR_INVALID_PARAMETER");
    for (i = 0; i < 1000 && count_of(&clients_done) < CLIENTS; i++)
        Sleep(10);
    CHECK_EQ(count_of(&client_ok), CLIENTS, "every client got each of its messages back, byte for byte");
    for (i = 0; i < CLIENTS; i++) {
        int round;
        for (round = 0; round < ROUNDS; round++)
            expected += 1 + (i * 53 + round * 7) % 200;
    }
    /* A client can read its echo before the server's send completion has run its routine. */
    for (i = 0; i < 500 && count_of(&echoed_bytes) < expected; i++)
        Sleep(10);
    CHECK_EQ(count_of(&echoed_bytes), expected, "the completion routine counted every byte sent");

    for (i = 0; i < CLIENTS; i++) {
        conn_t *c = &conns[i];
        closesocket(c->s);
        CHECK_EQ(WaitForSingleObject(c->ended, 5000), WAIT_OBJECT_0, "closesocket: the pending receive completed");
        CHECK(c->final_error == ERROR_OPERATION_ABORTED || c->final_error == ERROR_CONNECTION_ABORTED,
              "... with an abort code in the routine");
        CloseHandle(c->ended);
    }
    SetEvent(quit);
    WaitForMultipleObjects(CLIENTS, threads, TRUE, INFINITE);
    for (i = 0; i < CLIENTS; i++)
        CloseHandle(threads[i]);
    CloseHandle(quit);
    closesocket(listener);
    CHECK_EQ(count_of(&unexpected), 0, "no routine call saw anything count_of(&unexpected)");
    WSACleanup();
    return check_done();
}

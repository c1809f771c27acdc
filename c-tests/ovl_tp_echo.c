/* An echo server written the Vista way, on the thread pool: the listener and every count_of(&accepted)
 * socket get an I/O object (CreateThreadpoolIo); StartThreadpoolIo comes before each AcceptEx,
 * WSARecv and WSASend, and CancelThreadpoolIo after one that fails at once with an error other
 * than WSA_IO_PENDING; the callbacks run the accept → receive → send → receive loop. Many
 * clients, every byte echoed (operations that complete at once still get their callback).
 * Clean shutdown: closesocket ends the pending receives and the pending AcceptEx, whose
 * callbacks see an abort code and no bytes; WaitForThreadpoolIoCallbacks then returns and
 * CloseThreadpoolIo closes each object. Also: a socket with FILE_SKIP_COMPLETION_PORT_ON_SUCCESS
 * gets no callback for an operation that completed at once (the program cancels it);
 * WaitForThreadpoolIoCallbacks(..., TRUE) cancels the callback of a completion that comes
 * while it waits; a socket already bound to a pool cannot be bound again. */
#include "ovl_util.h"
#include <mswsock.h>

#define CLIENTS 8
#define ROUNDS 40
#define ADDR_LEN (sizeof(struct sockaddr_in) + 16)

typedef struct {
    WSAOVERLAPPED ov; /* first: the callback's Overlapped is the connection */
    SOCKET s;
    PTP_IO io;
    int sending;
    DWORD sent, to_send;
    WSABUF wsabuf;
    char buf[512];
    char addrs[2 * ADDR_LEN];
    volatile LONG final_result; /* the IoResult of the last receive, -1 until it ended */
} conn_t;

static SOCKET listener = INVALID_SOCKET;
static PTP_IO listen_io;
static LPFN_ACCEPTEX pAcceptEx;
static conn_t conns[CLIENTS + 1];
static volatile LONG accepted, echoed_bytes, client_ok, clients_done, unexpected;

/* Counters other threads update with the Interlocked functions are read the same way. */
static LONG count_of(volatile LONG *counter)
{
    return InterlockedCompareExchange(counter, 0, 0);
}
static volatile LONG listen_aborts;
static HANDLE quit;
static unsigned short port;

static VOID CALLBACK conn_callback(PTP_CALLBACK_INSTANCE, PVOID, PVOID, ULONG, ULONG_PTR, PTP_IO);

static void post_recv(conn_t *c)
{
    DWORD flags = 0, got = 0;
    c->sending = 0;
    c->wsabuf.buf = c->buf;
    c->wsabuf.len = sizeof(c->buf);
    memset(&c->ov, 0, sizeof(c->ov));
    StartThreadpoolIo(c->io);
    /* Completed at once (0) or pending: either way the callback comes. */
    if (WSARecv(c->s, &c->wsabuf, 1, &got, &flags, &c->ov, NULL) == SOCKET_ERROR && WSAGetLastError() != WSA_IO_PENDING) {
        CancelThreadpoolIo(c->io);
        InterlockedExchange(&c->final_result, (LONG)WSAGetLastError());
    }
}

static void post_send(conn_t *c)
{
    DWORD n = 0;
    c->sending = 1;
    c->wsabuf.buf = c->buf + c->sent;
    c->wsabuf.len = c->to_send - c->sent;
    memset(&c->ov, 0, sizeof(c->ov));
    StartThreadpoolIo(c->io);
    if (WSASend(c->s, &c->wsabuf, 1, &n, 0, &c->ov, NULL) == SOCKET_ERROR && WSAGetLastError() != WSA_IO_PENDING) {
        CancelThreadpoolIo(c->io);
        InterlockedExchange(&c->final_result, (LONG)WSAGetLastError());
    }
}

static VOID CALLBACK conn_callback(PTP_CALLBACK_INSTANCE inst, PVOID ctx, PVOID overlapped, ULONG result,
                                   ULONG_PTR bytes, PTP_IO io)
{
    conn_t *c = (conn_t *)ctx;
    (void)inst;
    if (overlapped != &c->ov || io != c->io)
        InterlockedIncrement(&unexpected);
    if (result != NO_ERROR || (!c->sending && bytes == 0)) {
        if (c->sending || bytes != 0)
            InterlockedIncrement(&unexpected);
        InterlockedExchange(&c->final_result, (LONG)result);
        return;
    }
    if (!c->sending) {
        c->to_send = (DWORD)bytes;
        c->sent = 0;
        post_send(c);
        return;
    }
    c->sent += (DWORD)bytes;
    InterlockedExchangeAdd(&echoed_bytes, (LONG)bytes);
    if (c->sent < c->to_send)
        post_send(c);
    else
        post_recv(c);
}

static void post_accept(conn_t *c)
{
    DWORD got = 0;
    c->s = WSASocket(AF_INET, SOCK_STREAM, IPPROTO_TCP, NULL, 0, WSA_FLAG_OVERLAPPED);
    c->final_result = -1;
    memset(&c->ov, 0, sizeof(c->ov));
    StartThreadpoolIo(listen_io);
    if (!pAcceptEx(listener, c->s, c->addrs, 0, ADDR_LEN, ADDR_LEN, &got, &c->ov) &&
        WSAGetLastError() != ERROR_IO_PENDING) {
        CancelThreadpoolIo(listen_io);
        InterlockedIncrement(&unexpected);
    }
}

static VOID CALLBACK accept_callback(PTP_CALLBACK_INSTANCE inst, PVOID ctx, PVOID overlapped, ULONG result,
                                     ULONG_PTR bytes, PTP_IO io)
{
    conn_t *c = (conn_t *)overlapped;
    (void)inst;
    (void)ctx;
    (void)bytes;
    if (io != listen_io)
        InterlockedIncrement(&unexpected);
    if (result != NO_ERROR) {
        /* The listener was closed under the last AcceptEx. */
        if ((result == ERROR_OPERATION_ABORTED || result == ERROR_CONNECTION_ABORTED) && bytes == 0)
            InterlockedIncrement(&listen_aborts);
        return;
    }
    setsockopt(c->s, SOL_SOCKET, SO_UPDATE_ACCEPT_CONTEXT, (char *)&listener, sizeof(listener));
    c->io = CreateThreadpoolIo((HANDLE)c->s, conn_callback, c, NULL);
    if (c->io == NULL) {
        InterlockedIncrement(&unexpected);
        return;
    }
    InterlockedIncrement(&accepted);
    post_recv(c);
}

/* A client: ROUNDS messages of varying sizes, each echoed back whole; then it waits for the
 * server to shut down before closing. */
static DWORD WINAPI client(LPVOID arg)
{
    int id = (int)(INT_PTR)arg, round, ok = 1;
    struct sockaddr_in addr;
    char out[300], in[300];
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    ovl_loopback(&addr, port);
    if (connect(s, (struct sockaddr *)&addr, sizeof(addr)) != 0)
        ok = 0;
    for (round = 0; ok && round < ROUNDS; round++) {
        int len = 1 + (id * 37 + round * 11) % (int)sizeof(out), i, got = 0;
        for (i = 0; i < len; i++)
            out[i] = (char)(id * 7 + round + i);
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

static void echo_server(void)
{
    struct sockaddr_in addr;
    int len = sizeof(addr), i;
    GUID accept_id = WSAID_ACCEPTEX;
    DWORD bytes = 0;
    HANDLE threads[CLIENTS];
    LONG expected = 0;

    listener = WSASocket(AF_INET, SOCK_STREAM, IPPROTO_TCP, NULL, 0, WSA_FLAG_OVERLAPPED);
    ovl_loopback(&addr, 0);
    REQUIRE(bind(listener, (struct sockaddr *)&addr, sizeof(addr)) == 0 &&
                getsockname(listener, (struct sockaddr *)&addr, &len) == 0 && listen(listener, SOMAXCONN) == 0,
            "listener on 127.0.0.1");
    port = ntohs(addr.sin_port);
    REQUIRE(WSAIoctl(listener, SIO_GET_EXTENSION_FUNCTION_POINTER, &accept_id, sizeof(accept_id), &pAcceptEx,
                     sizeof(pAcceptEx), &bytes, NULL, NULL) == 0,
            "AcceptEx's pointer");
    listen_io = CreateThreadpoolIo((HANDLE)listener, accept_callback, NULL, NULL);
    REQUIRE(listen_io != NULL, "CreateThreadpoolIo on the listener");
    CHECK(CreateThreadpoolIo((HANDLE)listener, accept_callback, NULL, NULL) == NULL,
          "a socket already bound to the pool cannot be bound again");
    CHECK_EQ(GetLastError(), ERROR_INVALID_PARAMETER, "... ERROR_INVALID_PARAMETER");

    quit = CreateEvent(NULL, TRUE, FALSE, NULL);
    for (i = 0; i < CLIENTS; i++)
        post_accept(&conns[i]);
    for (i = 0; i < CLIENTS; i++)
        threads[i] = CreateThread(NULL, 0, client, (LPVOID)(INT_PTR)i, 0, NULL);
    for (i = 0; i < 1000 && count_of(&clients_done) < CLIENTS; i++)
        Sleep(10);
    CHECK_EQ(count_of(&accepted), CLIENTS, "every client was count_of(&accepted) by AcceptEx callbacks");
    CHECK_EQ(count_of(&client_ok), CLIENTS, "every client got each of its messages back, byte for byte");
    for (i = 0; i < CLIENTS; i++) {
        int round;
        for (round = 0; round < ROUNDS; round++)
            expected += 1 + (i * 37 + round * 11) % 300;
    }
    /* A client can read its echo before the server's send completion has run its callback. */
    for (i = 0; i < 500 && count_of(&echoed_bytes) < expected; i++)
        Sleep(10);
    CHECK_EQ(count_of(&echoed_bytes), expected, "the server's send callbacks counted every byte");
    /* Shut down: close every count_of(&accepted) socket; its pending receive completes in the callback
     * with an abort code. */
    for (i = 0; i < CLIENTS; i++) {
        closesocket(conns[i].s);
        WaitForThreadpoolIoCallbacks(conns[i].io, FALSE);
        CHECK(conns[i].final_result == ERROR_OPERATION_ABORTED || conns[i].final_result == ERROR_CONNECTION_ABORTED,
              "closesocket: the pending receive's callback got an abort code");
        CloseThreadpoolIo(conns[i].io);
    }
    printf("# the receive pending at closesocket ended with %ld\n", (long)conns[0].final_result);
    /* One more AcceptEx, then close the listener under it. */
    post_accept(&conns[CLIENTS]);
    closesocket(listener);
    WaitForThreadpoolIoCallbacks(listen_io, FALSE);
    CHECK_EQ(count_of(&listen_aborts), 1, "closing the listener ended the pending AcceptEx with an abort code");
    CloseThreadpoolIo(listen_io);
    closesocket(conns[CLIENTS].s);
    SetEvent(quit);
    WaitForMultipleObjects(CLIENTS, threads, TRUE, INFINITE);
    for (i = 0; i < CLIENTS; i++)
        CloseHandle(threads[i]);
    CloseHandle(quit);
    CHECK_EQ(count_of(&unexpected), 0, "no callback saw anything count_of(&unexpected)");
}

static volatile LONG skip_calls;
static VOID CALLBACK count_io(PTP_CALLBACK_INSTANCE inst, PVOID ctx, PVOID overlapped, ULONG result,
                              ULONG_PTR bytes, PTP_IO io)
{
    (void)inst;
    (void)ctx;
    (void)overlapped;
    (void)result;
    (void)bytes;
    (void)io;
    InterlockedIncrement(&skip_calls);
}

/* Sends one byte on the socket after 100 ms. */
static DWORD WINAPI send_later(LPVOID arg)
{
    Sleep(100);
    send((SOCKET)(UINT_PTR)arg, "z", 1, 0);
    return 0;
}

static void at_once(void)
{
    SOCKET a, b;
    PTP_IO io;
    WSAOVERLAPPED ov;
    WSABUF wb;
    char buf[16];
    DWORD got = 0, flags = 0;
    REQUIRE(ovl_tcp_pair(&a, &b) == 0, "a TCP pair");
    io = CreateThreadpoolIo((HANDLE)b, count_io, NULL, NULL);
    REQUIRE(io != NULL, "CreateThreadpoolIo");
    wb.buf = buf;
    wb.len = sizeof(buf);

    send(a, "x", 1, 0);
    Sleep(50);
    memset(&ov, 0, sizeof(ov));
    StartThreadpoolIo(io);
    CHECK_EQ(WSARecv(b, &wb, 1, &got, &flags, &ov, NULL), 0, "a receive with data waiting completes at once");
    WaitForThreadpoolIoCallbacks(io, FALSE);
    CHECK_EQ(count_of(&skip_calls), 1, "... and its callback still runs");

    CHECK(SetFileCompletionNotificationModes((HANDLE)b, FILE_SKIP_COMPLETION_PORT_ON_SUCCESS),
          "FILE_SKIP_COMPLETION_PORT_ON_SUCCESS");
    send(a, "y", 1, 0);
    Sleep(50);
    memset(&ov, 0, sizeof(ov));
    StartThreadpoolIo(io);
    CHECK_EQ(WSARecv(b, &wb, 1, &got, &flags, &ov, NULL), 0, "with it, a receive completes at once");
    CancelThreadpoolIo(io); /* Windows' rule: no callback will come */
    WaitForThreadpoolIoCallbacks(io, FALSE);
    Sleep(50);
    CHECK_EQ(count_of(&skip_calls), 1, "... and no callback runs");

    /* WaitForThreadpoolIoCallbacks(..., TRUE): the receive completes while it waits, and its
     * callback, not yet started, is cancelled. */
    {
        HANDLE t;
        memset(&ov, 0, sizeof(ov));
        StartThreadpoolIo(io);
        CHECK(WSARecv(b, &wb, 1, &got, &flags, &ov, NULL) == SOCKET_ERROR && WSAGetLastError() == WSA_IO_PENDING,
              "a receive with nothing to read is pending");
        t = CreateThread(NULL, 0, send_later, (LPVOID)(UINT_PTR)a, 0, NULL);
        WaitForThreadpoolIoCallbacks(io, TRUE);
        CHECK(HasOverlappedIoCompleted(&ov), "the wait returned once the receive completed");
        Sleep(50);
        CHECK_EQ(count_of(&skip_calls), 1, "... and its callback was cancelled");
        WaitForSingleObject(t, INFINITE);
        CloseHandle(t);
    }

    shutdown(b, SD_SEND);
    memset(&ov, 0, sizeof(ov));
    StartThreadpoolIo(io);
    CHECK_EQ(WSASend(b, &wb, 1, &got, 0, &ov, NULL), SOCKET_ERROR, "a send after shutdown fails at once");
    CancelThreadpoolIo(io);
    WaitForThreadpoolIoCallbacks(io, FALSE);
    CHECK_EQ(count_of(&skip_calls), 1, "CancelThreadpoolIo: the wait does not wait for it, no callback");
    CloseThreadpoolIo(io);
    closesocket(a);
    closesocket(b);
}

int main(void)
{
    ovl_start();
    echo_server();
    at_once();
    WSACleanup();
    return check_done();
}

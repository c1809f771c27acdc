/*
 * What an IOCP server's port receives around AcceptEx and socket close, as Windows queues it
 * (the behaviour Wine's conformance tests observe on Windows): closing a listener with an
 * AcceptEx pending queues ERROR_OPERATION_ABORTED (Internal STATUS_CANCELLED, 0 bytes, the
 * listener's key) whether the listener was associated before or after the AcceptEx; an
 * AcceptEx completes with the listener's key, never the accept socket's, and closing the
 * accept socket after that changes nothing; closing it while the AcceptEx waits for data
 * cancels it; a receive that succeeds at once (data, or
 * the peer's graceful close) still queues its packet with the byte count, TRUE, and the
 * thread's last error untouched. Each packet is queued once: the port is empty afterwards.
 */
#include "ovl_util.h"
#include <mswsock.h>

#define ROOM (sizeof(struct sockaddr_in) + 16)
#define LKEY 125
#define AKEY 236

static LPFN_ACCEPTEX pAcceptEx;
static HANDLE g_port;
static char buf[1024];

static BOOL take(DWORD ms, DWORD *bytes, ULONG_PTR *key, LPOVERLAPPED *ov)
{
    *bytes = 0xdeadbeef;
    *key = 0xdeadbeef;
    *ov = (LPOVERLAPPED)(ULONG_PTR)0xdeadbeef;
    SetLastError(0xdeadbeef);
    return GetQueuedCompletionStatus(g_port, bytes, key, ov, ms);
}

/* The port stays empty for ms: FALSE, WAIT_TIMEOUT, outputs left alone, OVERLAPPED NULL. */
static void empty(DWORD ms, const char *what)
{
    DWORD bytes;
    ULONG_PTR key;
    LPOVERLAPPED got;
    BOOL ok = take(ms, &bytes, &key, &got);
    CHECK(!ok && GetLastError() == WAIT_TIMEOUT && got == NULL, what);
    CHECK(bytes == 0xdeadbeef && key == 0xdeadbeef, "... count and key left alone");
}

/* One cancelled AcceptEx on the port. */
static void cancelled(WSAOVERLAPPED *ov, const char *what)
{
    DWORD bytes;
    ULONG_PTR key;
    LPOVERLAPPED got;
    BOOL ok = take(1000, &bytes, &key, &got);
    CHECK(!ok && GetLastError() == ERROR_OPERATION_ABORTED, what);
    CHECK(got == ov && key == LKEY && bytes == 0, "... its OVERLAPPED, the listener's key, 0 bytes");
    CHECK_EQ(ov->Internal, 0xC0000120, "... Internal STATUS_CANCELLED");
    empty(100, "... and nothing else is queued");
}

static SOCKET listener(struct sockaddr_in *addr)
{
    SOCKET l = WSASocket(AF_INET, SOCK_STREAM, IPPROTO_TCP, NULL, 0, WSA_FLAG_OVERLAPPED);
    int len = sizeof(*addr);
    ovl_loopback(addr, 0);
    REQUIRE(l != INVALID_SOCKET && bind(l, (struct sockaddr *)addr, sizeof(*addr)) == 0 &&
                getsockname(l, (struct sockaddr *)addr, &len) == 0 && listen(l, 5) == 0,
            "a listener");
    return l;
}

static SOCKET tcp(void)
{
    SOCKET s = WSASocket(AF_INET, SOCK_STREAM, IPPROTO_TCP, NULL, 0, WSA_FLAG_OVERLAPPED);
    REQUIRE(s != INVALID_SOCKET, "a TCP socket");
    return s;
}

static void pend(SOCKET l, SOCKET acc, DWORD data, WSAOVERLAPPED *ov)
{
    DWORD bytes;
    memset(ov, 0, sizeof(*ov));
    REQUIRE(!pAcceptEx(l, acc, buf, data, ROOM, ROOM, &bytes, ov) && WSAGetLastError() == ERROR_IO_PENDING,
            "AcceptEx is pending");
}

static void listener_close(void)
{
    struct sockaddr_in addr;
    SOCKET l, acc = tcp();
    WSAOVERLAPPED ov;

    l = listener(&addr);
    pend(l, acc, sizeof(buf) - 2 * ROOM, &ov);
    REQUIRE(CreateIoCompletionPort((HANDLE)l, g_port, LKEY, 0) == g_port, "the listener is associated afterwards");
    closesocket(l);
    cancelled(&ov, "closing the listener: ERROR_OPERATION_ABORTED on the port it was associated with later");

    l = listener(&addr);
    REQUIRE(CreateIoCompletionPort((HANDLE)l, g_port, LKEY, 0) == g_port, "a listener associated first");
    pend(l, acc, sizeof(buf) - 2 * ROOM, &ov);
    closesocket(l);
    cancelled(&ov, "closing it: ERROR_OPERATION_ABORTED");

    closesocket(acc);
}

static void accept_keys(void)
{
    struct sockaddr_in addr;
    SOCKET l, acc, c;
    WSAOVERLAPPED ov;
    DWORD bytes;
    ULONG_PTR key;
    LPOVERLAPPED got;
    BOOL ok;

    l = listener(&addr);
    REQUIRE(CreateIoCompletionPort((HANDLE)l, g_port, LKEY, 0) == g_port, "the listener associated");

    /* The client connects and leaves without sending. */
    acc = tcp();
    REQUIRE(CreateIoCompletionPort((HANDLE)acc, g_port, AKEY, 0) == g_port, "the accept socket associated too");
    pend(l, acc, sizeof(buf) - 2 * ROOM, &ov);
    c = tcp();
    REQUIRE(connect(c, (struct sockaddr *)&addr, sizeof(addr)) == 0, "a client connects");
    closesocket(c);
    ok = take(1000, &bytes, &key, &got);
    CHECK(ok && got == &ov, "the client leaving completes the AcceptEx: TRUE");
    CHECK(GetLastError() == 0xdeadbeef, "... the last error untouched");
    CHECK(key == LKEY && bytes == 0, "... the listener's key (not the accept socket's), 0 bytes");
    CHECK_EQ(ov.Internal, 0, "... STATUS_SUCCESS");
    empty(100, "... one packet only");
    closesocket(acc);

    /* The client sends a byte; the accept socket is closed after the completion. */
    acc = tcp();
    REQUIRE(CreateIoCompletionPort((HANDLE)acc, g_port, AKEY, 0) == g_port, "a new accept socket associated");
    pend(l, acc, sizeof(buf) - 2 * ROOM, &ov);
    c = tcp();
    REQUIRE(connect(c, (struct sockaddr *)&addr, sizeof(addr)) == 0, "a client connects");
    CHECK_EQ(send(c, buf, 1, 0), 1, "... and sends 1 byte");
    Sleep(100);
    closesocket(acc);
    ok = take(1000, &bytes, &key, &got);
    CHECK(ok && got == &ov && key == LKEY && bytes == 1,
          "closing the accept socket after the AcceptEx completed: its packet is TRUE with 1 byte");
    CHECK_EQ(ov.Internal, 0, "... STATUS_SUCCESS");
    empty(100, "... one packet only");
    closesocket(c);

    /* The accept socket is closed while the AcceptEx waits for the first data. */
    acc = tcp();
    REQUIRE(CreateIoCompletionPort((HANDLE)acc, g_port, AKEY, 0) == g_port, "a new accept socket associated");
    pend(l, acc, sizeof(buf) - 2 * ROOM, &ov);
    c = tcp();
    REQUIRE(connect(c, (struct sockaddr *)&addr, sizeof(addr)) == 0, "a client connects, sends nothing");
    Sleep(100);
    closesocket(acc);
    ok = take(1000, &bytes, &key, &got);
    CHECK(!ok && got == &ov, "closing the accept socket while the AcceptEx waits for data fails it");
    CHECK(GetLastError() == ERROR_OPERATION_ABORTED || GetLastError() == ERROR_CONNECTION_ABORTED,
          "... ERROR_OPERATION_ABORTED (or ERROR_CONNECTION_ABORTED)");
    CHECK(ov.Internal == 0xC0000120 || ov.Internal == 0xC0000241, "... Internal STATUS_CANCELLED (or _ABORTED)");
    CHECK(key == LKEY && bytes == 0, "... the listener's key, 0 bytes");
    empty(100, "... one packet only");
    closesocket(c);
    closesocket(l);
}

static void immediate_receives(void)
{
    SOCKET a, b;
    WSAOVERLAPPED ov;
    WSABUF wb;
    DWORD bytes, flags = 0;
    ULONG_PTR key;
    LPOVERLAPPED got;
    fd_set readable;
    BOOL ok;

    REQUIRE(ovl_tcp_pair(&a, &b) == 0, "a connected pair");
    REQUIRE(CreateIoCompletionPort((HANDLE)b, g_port, LKEY, 0) == g_port, "the receiver associated");
    CHECK_EQ(send(a, buf, sizeof(buf), 0), (int)sizeof(buf), "the peer sends");
    FD_ZERO(&readable);
    FD_SET(b, &readable);
    CHECK_EQ(select(0, &readable, NULL, NULL, NULL), 1, "... the data is there");
    Sleep(50);
    wb.buf = buf;
    wb.len = sizeof(buf);
    memset(&ov, 0, sizeof(ov));
    bytes = 0xdeadbeef;
    CHECK_EQ(WSARecv(b, &wb, 1, &bytes, &flags, &ov, NULL), 0, "an overlapped receive succeeds at once");
    CHECK_EQ(bytes, sizeof(buf), "... with the whole buffer");
    ok = take(200, &bytes, &key, &got);
    CHECK(ok && got == &ov && key == LKEY && bytes == sizeof(buf), "... and still queues its packet");
    CHECK(GetLastError() == 0xdeadbeef, "... the last error untouched");
    empty(100, "... one packet only");

    closesocket(a);
    FD_ZERO(&readable);
    FD_SET(b, &readable);
    CHECK_EQ(select(0, &readable, NULL, NULL, NULL), 1, "the peer closes: readable");
    memset(&ov, 0, sizeof(ov));
    bytes = 0xdeadbeef;
    flags = 0;
    CHECK_EQ(WSARecv(b, &wb, 1, &bytes, &flags, &ov, NULL), 0, "a receive after the graceful close succeeds at once");
    CHECK_EQ(bytes, 0, "... with 0 bytes");
    ok = take(200, &bytes, &key, &got);
    CHECK(ok && got == &ov && key == LKEY && bytes == 0, "... and queues a TRUE, 0-byte packet");
    CHECK(GetLastError() == 0xdeadbeef, "... the last error untouched");
    empty(100, "... one packet only");
    closesocket(b);
}

int main(void)
{
    GUID a = WSAID_ACCEPTEX;
    DWORD n;
    SOCKET s;

    ovl_start();
    s = tcp();
    REQUIRE(WSAIoctl(s, SIO_GET_EXTENSION_FUNCTION_POINTER, &a, sizeof(a), &pAcceptEx, sizeof(pAcceptEx), &n, NULL,
                     NULL) == 0,
            "AcceptEx");
    closesocket(s);
    g_port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);
    REQUIRE(g_port != NULL, "a completion port");
    listener_close();
    accept_keys();
    immediate_receives();
    CloseHandle(g_port);
    return check_done();
}

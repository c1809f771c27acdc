/*
 * Completion ports as Windows fills them (the behaviour Wine's conformance tests observe on
 * Windows): GetQueuedCompletionStatus leaves the byte count and key alone and NULLs the
 * OVERLAPPED pointer on a timeout, and leaves the thread's last error alone on success; a
 * receive pending when the peer resets the connection fails with ERROR_NETNAME_DELETED; one
 * pending when the program closes its own connected socket fails with
 * ERROR_CONNECTION_ABORTED (STATUS_CONNECTION_ABORTED in Internal), including one issued by
 * a thread that has ended (a thread's end does not cancel its socket I/O); an operation that
 * fails at once (reset, not connected) queues no packet; a socket associated with a port
 * after its receive was issued still gets the packet; a pending completion is queued even
 * with FILE_SKIP_COMPLETION_PORT_ON_SUCCESS; a graceful close completes a receive with 0
 * bytes and TRUE.
 */
#include "ovl_util.h"
#include <mswsock.h>

#define NOTHING ((LPOVERLAPPED)(ULONG_PTR)0xdeadbeef)

static HANDLE g_port;

/* GetQueuedCompletionStatus with every output preset to a marker. */
static BOOL take(DWORD ms, DWORD *bytes, ULONG_PTR *key, LPOVERLAPPED *ov)
{
    *bytes = 0xdeadbeef;
    *key = 0xdeadbeef;
    *ov = NOTHING;
    SetLastError(0xdeadbeef);
    return GetQueuedCompletionStatus(g_port, bytes, key, ov, ms);
}

/* Nothing is queued: FALSE, WAIT_TIMEOUT, count and key untouched, OVERLAPPED NULL. */
static void expect_empty(const char *what)
{
    DWORD bytes;
    ULONG_PTR key;
    LPOVERLAPPED ov;
    char line[160];
    BOOL ok = take(150, &bytes, &key, &ov);
    sprintf(line, "%s: nothing queued (FALSE, WAIT_TIMEOUT)", what);
    CHECK(!ok && GetLastError() == WAIT_TIMEOUT, line);
    sprintf(line, "%s: count and key untouched, OVERLAPPED NULL", what);
    CHECK(bytes == 0xdeadbeef && key == 0xdeadbeef && ov == NULL, line);
}

static void reset_close(SOCKET s)
{
    struct linger lg;
    lg.l_onoff = 1;
    lg.l_linger = 0;
    setsockopt(s, SOL_SOCKET, SO_LINGER, (const char *)&lg, sizeof(lg));
    closesocket(s);
}

static void peer_reset(void)
{
    SOCKET a, b;
    WSAOVERLAPPED ov;
    WSABUF wb;
    char buf[64];
    DWORD bytes, flags = 0;
    ULONG_PTR key;
    LPOVERLAPPED got;
    BOOL ok;

    REQUIRE(ovl_tcp_pair(&a, &b) == 0, "loopback TCP pair");
    REQUIRE(CreateIoCompletionPort((HANDLE)b, g_port, 125, 0) == g_port, "associate");
    memset(&ov, 0, sizeof(ov));
    wb.buf = buf;
    wb.len = sizeof(buf);
    CHECK(WSARecv(b, &wb, 1, &bytes, &flags, &ov, NULL) == SOCKET_ERROR &&
              WSAGetLastError() == WSA_IO_PENDING,
          "a receive is pending");
    Sleep(50);
    reset_close(a);
    ok = take(2000, &bytes, &key, &got);
    CHECK(!ok, "the peer's reset fails the pending receive");
    CHECK_EQ(GetLastError(), ERROR_NETNAME_DELETED, "... ERROR_NETNAME_DELETED");
    CHECK(key == 125 && bytes == 0 && got == &ov, "... with its key, 0 bytes and its OVERLAPPED");
    expect_empty("after the reset's packet");

    /* Operations after the reset fail at once and queue nothing. */
    bytes = 0xdeadbeef;
    memset(&ov, 0, sizeof(ov));
    CHECK(WSASend(b, &wb, 1, &bytes, 0, &ov, NULL) == SOCKET_ERROR, "WSASend on the reset connection fails");
    CHECK_EQ(WSAGetLastError(), WSAECONNRESET, "... WSAECONNRESET");
    CHECK_EQ(bytes, 0xdeadbeef, "... the count untouched");
    expect_empty("after the failed send");
    closesocket(b);
}

static void reset_before_receive(void)
{
    SOCKET a, b;
    WSAOVERLAPPED ov;
    WSABUF wb;
    char buf[64];
    DWORD bytes, flags = 0;
    fd_set rd;

    REQUIRE(ovl_tcp_pair(&a, &b) == 0, "loopback TCP pair");
    REQUIRE(CreateIoCompletionPort((HANDLE)b, g_port, 125, 0) == g_port, "associate");
    reset_close(a);
    FD_ZERO(&rd);
    FD_SET(b, &rd);
    select(0, &rd, NULL, NULL, NULL);
    memset(&ov, 0, sizeof(ov));
    wb.buf = buf;
    wb.len = sizeof(buf);
    bytes = 0xdeadbeef;
    CHECK(WSARecv(b, &wb, 1, &bytes, &flags, &ov, NULL) == SOCKET_ERROR,
          "a receive on a connection already reset fails at once");
    CHECK_EQ(WSAGetLastError(), WSAECONNRESET, "... WSAECONNRESET");
    CHECK_EQ(bytes, 0xdeadbeef, "... the count untouched");
    expect_empty("after the receive that failed at once");
    closesocket(b);

    /* A receive on a socket that is not connected fails at once too. */
    b = WSASocket(AF_INET, SOCK_STREAM, IPPROTO_TCP, NULL, 0, WSA_FLAG_OVERLAPPED);
    REQUIRE(CreateIoCompletionPort((HANDLE)b, g_port, 125, 0) == g_port, "associate");
    memset(&ov, 0, sizeof(ov));
    CHECK(WSARecv(b, &wb, 1, &bytes, &flags, &ov, NULL) == SOCKET_ERROR, "WSARecv on an unconnected socket fails");
    CHECK_EQ(WSAGetLastError(), WSAENOTCONN, "... WSAENOTCONN");
    expect_empty("after WSARecv on an unconnected socket");
    closesocket(b);
}

static void immediate_and_graceful(void)
{
    SOCKET a, b;
    WSAOVERLAPPED ov;
    WSABUF wb;
    char buf[64];
    DWORD bytes, flags = 0;
    ULONG_PTR key;
    LPOVERLAPPED got;
    BOOL ok;
    fd_set rd;

    REQUIRE(ovl_tcp_pair(&a, &b) == 0, "loopback TCP pair");
    REQUIRE(CreateIoCompletionPort((HANDLE)b, g_port, 125, 0) == g_port, "associate");
    send(a, "Hello World!", 12, 0);
    FD_ZERO(&rd);
    FD_SET(b, &rd);
    select(0, &rd, NULL, NULL, NULL);
    memset(&ov, 0, sizeof(ov));
    wb.buf = buf;
    wb.len = sizeof(buf);
    bytes = 0;
    CHECK_EQ(WSARecv(b, &wb, 1, &bytes, &flags, &ov, NULL), 0, "a receive with data waiting returns 0");
    CHECK_EQ(bytes, 12, "... with the count");
    ok = take(1000, &bytes, &key, &got);
    CHECK(ok, "... and still queues its packet");
    CHECK_EQ(GetLastError(), 0xdeadbeef, "... the last error untouched by a successful dequeue");
    CHECK(key == 125 && bytes == 12 && got == &ov, "... key, count and OVERLAPPED");
    CHECK(ov.Internal == 0 && ov.InternalHigh == 12, "... Internal 0, InternalHigh 12");

    /* The peer's graceful close: a receive completes with 0 bytes, successfully. */
    closesocket(a);
    select(0, &rd, NULL, NULL, NULL);
    memset(&ov, 0, sizeof(ov));
    bytes = 0xdeadbeef;
    CHECK_EQ(WSARecv(b, &wb, 1, &bytes, &flags, &ov, NULL), 0, "a receive after the peer's close returns 0");
    CHECK_EQ(bytes, 0, "... with 0 bytes");
    ok = take(1000, &bytes, &key, &got);
    CHECK(ok && bytes == 0 && got == &ov && key == 125, "... and queues a successful 0-byte packet");
    expect_empty("after the 0-byte packet");
    closesocket(b);
}

struct issue {
    SOCKET s;
    WSAOVERLAPPED ov;
    WSABUF wb;
    char buf[64];
};

static DWORD WINAPI issue_and_end(LPVOID arg)
{
    struct issue *is = (struct issue *)arg;
    DWORD flags = 0, bytes = 0xdeadbeef;
    memset(&is->ov, 0, sizeof(is->ov));
    is->wb.buf = is->buf;
    is->wb.len = sizeof(is->buf);
    if (WSARecv(is->s, &is->wb, 1, &bytes, &flags, &is->ov, NULL) != SOCKET_ERROR ||
        WSAGetLastError() != WSA_IO_PENDING)
        return 1;
    return bytes == 0xdeadbeef ? 0 : 2;
}

static DWORD run_issuer(struct issue *is)
{
    DWORD code = 99;
    HANDLE t = CreateThread(NULL, 0, issue_and_end, is, 0, NULL);
    REQUIRE(t != NULL, "issuing thread");
    WaitForSingleObject(t, INFINITE);
    GetExitCodeThread(t, &code);
    CloseHandle(t);
    return code;
}

static void closing_own_socket(void)
{
    SOCKET a, b;
    WSAOVERLAPPED ov;
    WSABUF wb;
    char buf[64];
    DWORD bytes, flags = 0;
    ULONG_PTR key;
    LPOVERLAPPED got;
    BOOL ok;
    static struct issue is;

    /* closesocket with a receive pending on a connected socket. */
    REQUIRE(ovl_tcp_pair(&a, &b) == 0, "loopback TCP pair");
    REQUIRE(CreateIoCompletionPort((HANDLE)b, g_port, 0x12345678, 0) == g_port, "associate");
    memset(&ov, 0, sizeof(ov));
    wb.buf = buf;
    wb.len = sizeof(buf);
    CHECK(WSARecv(b, &wb, 1, NULL, &flags, &ov, NULL) == SOCKET_ERROR && WSAGetLastError() == WSA_IO_PENDING,
          "a receive is pending");
    expect_empty("while the receive is pending");
    closesocket(b);
    ok = take(2000, &bytes, &key, &got);
    CHECK(!ok, "closesocket fails the pending receive");
    CHECK_EQ(GetLastError(), ERROR_CONNECTION_ABORTED, "... ERROR_CONNECTION_ABORTED");
    CHECK(bytes == 0 && key == 0x12345678 && got == &ov, "... 0 bytes, its key and OVERLAPPED");
    CHECK_EQ(ov.Internal, 0xC0000241, "... Internal STATUS_CONNECTION_ABORTED");
    CHECK_EQ(ov.InternalHigh, 0, "... InternalHigh 0");
    expect_empty("after the aborted receive");
    closesocket(a);

    /* A receive issued by a thread that has ended is still pending, and gets the data. */
    REQUIRE(ovl_tcp_pair(&a, &b) == 0, "loopback TCP pair");
    REQUIRE(CreateIoCompletionPort((HANDLE)b, g_port, 0x12345678, 0) == g_port, "associate");
    is.s = b;
    CHECK_EQ(run_issuer(&is), 0, "another thread issues a receive (pending) and ends");
    expect_empty("after the issuing thread ended");
    send(a, "Hello World!", 12, 0);
    ok = take(2000, &bytes, &key, &got);
    CHECK(ok && bytes == 12 && got == &is.ov && key == 0x12345678,
          "the ended thread's receive completes with the data");
    CHECK(memcmp(is.buf, "Hello World!", 12) == 0 && is.ov.InternalHigh == 12, "... into its buffer");

    /* ... and one issued by an ended thread is aborted by closesocket like any other. */
    CHECK_EQ(run_issuer(&is), 0, "another thread issues a receive and ends");
    closesocket(b);
    ok = take(2000, &bytes, &key, &got);
    CHECK(!ok && GetLastError() == ERROR_CONNECTION_ABORTED, "closesocket aborts it: ERROR_CONNECTION_ABORTED");
    CHECK(got == &is.ov && bytes == 0, "... its OVERLAPPED, 0 bytes");
    expect_empty("after it");
    closesocket(a);

    /* A listening socket: its pending AcceptEx is cancelled (ERROR_OPERATION_ABORTED), not
     * aborted. */
    {
        GUID guid = WSAID_ACCEPTEX;
        LPFN_ACCEPTEX pAcceptEx = NULL;
        struct sockaddr_in addr;
        SOCKET l = WSASocket(AF_INET, SOCK_STREAM, IPPROTO_TCP, NULL, 0, WSA_FLAG_OVERLAPPED);
        SOCKET acc = WSASocket(AF_INET, SOCK_STREAM, IPPROTO_TCP, NULL, 0, WSA_FLAG_OVERLAPPED);
        char abuf[2 * (sizeof(struct sockaddr_in) + 16)];
        ovl_loopback(&addr, 0);
        REQUIRE(bind(l, (struct sockaddr *)&addr, sizeof(addr)) == 0 && listen(l, 5) == 0, "listener");
        REQUIRE(WSAIoctl(l, SIO_GET_EXTENSION_FUNCTION_POINTER, &guid, sizeof(guid), &pAcceptEx,
                         sizeof(pAcceptEx), &bytes, NULL, NULL) == 0,
                "AcceptEx pointer");
        REQUIRE(CreateIoCompletionPort((HANDLE)l, g_port, 125, 0) == g_port, "associate the listener");
        memset(&ov, 0, sizeof(ov));
        CHECK(!pAcceptEx(l, acc, abuf, 0, sizeof(struct sockaddr_in) + 16, sizeof(struct sockaddr_in) + 16,
                         &bytes, &ov) &&
                  WSAGetLastError() == ERROR_IO_PENDING,
              "AcceptEx pending");
        closesocket(l);
        ok = take(2000, &bytes, &key, &got);
        CHECK(!ok && GetLastError() == ERROR_OPERATION_ABORTED,
              "closing the listener cancels its AcceptEx: ERROR_OPERATION_ABORTED");
        CHECK(got == &ov && key == 125 && bytes == 0, "... its OVERLAPPED, key, 0 bytes");
        CHECK_EQ(ov.Internal, 0xC0000120, "... Internal STATUS_CANCELLED");
        closesocket(acc);
    }
}

static void associate_later_and_skip(void)
{
    SOCKET a, b;
    WSAOVERLAPPED ov;
    WSABUF wb;
    char buf[64];
    DWORD bytes, flags = 0;
    ULONG_PTR key;
    LPOVERLAPPED got;
    BOOL ok;

    REQUIRE(ovl_tcp_pair(&a, &b) == 0, "loopback TCP pair");
    memset(&ov, 0, sizeof(ov));
    wb.buf = buf;
    wb.len = sizeof(buf);
    CHECK(WSARecv(b, &wb, 1, NULL, &flags, &ov, NULL) == SOCKET_ERROR && WSAGetLastError() == WSA_IO_PENDING,
          "a receive pending before the socket has a port");
    REQUIRE(CreateIoCompletionPort((HANDLE)b, g_port, 236, 0) == g_port, "associate afterwards");
    CHECK(SetFileCompletionNotificationModes((HANDLE)b, FILE_SKIP_COMPLETION_PORT_ON_SUCCESS),
          "FILE_SKIP_COMPLETION_PORT_ON_SUCCESS");
    send(a, "abc", 3, 0);
    ok = take(2000, &bytes, &key, &got);
    CHECK(ok && got == &ov && key == 236 && bytes == 3,
          "its completion goes to the port associated since (a pending completion is queued even "
          "with SKIP_COMPLETION_PORT_ON_SUCCESS)");
    expect_empty("after it");
    closesocket(a);
    closesocket(b);
}

int main(void)
{
    ovl_start();
    g_port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);
    REQUIRE(g_port != NULL, "a port");
    expect_empty("an empty port");
    peer_reset();
    reset_before_receive();
    immediate_and_graceful();
    closing_own_socket();
    associate_later_and_skip();
    CloseHandle(g_port);
    WSACleanup();
    return check_done();
}

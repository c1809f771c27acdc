/*
 * The extension functions' completions as Windows reports them (the behaviour Wine's
 * conformance tests observe on Windows): ConnectEx and DisconnectEx queue a packet to the
 * socket's port (with the key, and ConnectEx's sent byte count), even with
 * FILE_SKIP_COMPLETION_PORT_ON_SUCCESS since they are left pending, and none when hEvent's
 * low bit is set; connect, shutdown, WSASendDisconnect and WSARecvDisconnect queue none; a
 * refused ConnectEx fails with ERROR_CONNECTION_REFUSED through the port and
 * GetOverlappedResult; AcceptEx and ConnectEx that fail at once still leave Internal set to
 * STATUS_PENDING; an AcceptEx whose local address room is too small completes with
 * ERROR_INSUFFICIENT_BUFFER; CancelIo on the accept socket does not cancel an AcceptEx
 * issued on the listener; closing the listener cancels it.
 */
#include "ovl_util.h"
#include <mswsock.h>

#define ADDR_ROOM (sizeof(struct sockaddr_in) + 16)

static LPFN_CONNECTEX pConnectEx;
static LPFN_DISCONNECTEX pDisconnectEx;
static LPFN_ACCEPTEX pAcceptEx;
static struct sockaddr_in g_dest;
static SOCKET g_listener;

static void load(SOCKET s)
{
    GUID c = WSAID_CONNECTEX, d = WSAID_DISCONNECTEX, a = WSAID_ACCEPTEX;
    DWORD n;
    REQUIRE(WSAIoctl(s, SIO_GET_EXTENSION_FUNCTION_POINTER, &c, sizeof(c), &pConnectEx, sizeof(pConnectEx), &n,
                     NULL, NULL) == 0,
            "ConnectEx");
    REQUIRE(WSAIoctl(s, SIO_GET_EXTENSION_FUNCTION_POINTER, &d, sizeof(d), &pDisconnectEx, sizeof(pDisconnectEx),
                     &n, NULL, NULL) == 0,
            "DisconnectEx");
    REQUIRE(WSAIoctl(s, SIO_GET_EXTENSION_FUNCTION_POINTER, &a, sizeof(a), &pAcceptEx, sizeof(pAcceptEx), &n, NULL,
                     NULL) == 0,
            "AcceptEx");
}

/* Whether the port has nothing queued. (A packet that is owed is waited for: the event is set
 * just before the packet is queued, on Windows too.) */
static int port_empty(HANDLE port)
{
    DWORD bytes;
    ULONG_PTR key;
    LPOVERLAPPED got;
    return !GetQueuedCompletionStatus(port, &bytes, &key, &got, 1000) && GetLastError() == WAIT_TIMEOUT;
}

/* A new TCP socket bound to 127.0.0.1 and associated with a new port (key 0). */
static SOCKET bound_with_port(HANDLE *port)
{
    struct sockaddr_in a;
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    REQUIRE(s != INVALID_SOCKET, "socket");
    *port = CreateIoCompletionPort((HANDLE)s, NULL, 0, 0);
    REQUIRE(*port != NULL, "its port");
    ovl_loopback(&a, 0);
    REQUIRE(bind(s, (struct sockaddr *)&a, sizeof(a)) == 0, "bound");
    return s;
}

static void drain_accept(void)
{
    SOCKET acc = accept(g_listener, NULL, NULL);
    if (acc != INVALID_SOCKET)
        closesocket(acc);
}

static void connect_ex(void)
{
    SOCKET s;
    HANDLE port, ev = CreateEvent(NULL, FALSE, FALSE, NULL);
    WSAOVERLAPPED ov;
    DWORD size, bytes;
    ULONG_PTR key;
    LPOVERLAPPED got;
    u_long on = 1;
    int rc;

    /* connect() queues nothing, blocking or not. */
    s = bound_with_port(&port);
    CHECK_EQ(connect(s, (struct sockaddr *)&g_dest, sizeof(g_dest)), 0, "connect on an associated socket");
    drain_accept();
    CHECK(port_empty(port), "... queues no packet");
    closesocket(s);
    CloseHandle(port);
    s = bound_with_port(&port);
    ioctlsocket(s, FIONBIO, &on);
    rc = connect(s, (struct sockaddr *)&g_dest, sizeof(g_dest));
    CHECK(rc == SOCKET_ERROR && WSAGetLastError() == WSAEWOULDBLOCK, "a non-blocking connect: WSAEWOULDBLOCK");
    drain_accept();
    Sleep(50);
    CHECK(port_empty(port), "... queues no packet either");
    closesocket(s);
    CloseHandle(port);

    /* ConnectEx queues its completion, with the bytes it sent. */
    s = bound_with_port(&port);
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = ev;
    CHECK(!pConnectEx(s, (struct sockaddr *)&g_dest, sizeof(g_dest), (PVOID) "one", 3, &size, &ov) &&
              WSAGetLastError() == ERROR_IO_PENDING,
          "ConnectEx with 3 bytes: pending");
    CHECK(WaitForSingleObject(ev, 2000) == WAIT_OBJECT_0, "... its event is set");
    CHECK(GetOverlappedResult((HANDLE)s, &ov, &size, FALSE) && size == 3, "... GetOverlappedResult: 3 bytes");
    drain_accept();
    bytes = 0xdeadbeef;
    key = 0xdeadbeef;
    got = NULL;
    CHECK(GetQueuedCompletionStatus(port, &bytes, &key, &got, 1000), "... a packet is queued");
    CHECK(key == 0 && bytes == 3 && got == &ov, "... key 0, 3 bytes, its OVERLAPPED");
    closesocket(s);
    CloseHandle(port);

    /* The low bit of hEvent: no packet, the event is still set. */
    s = bound_with_port(&port);
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = (HANDLE)((ULONG_PTR)ev | 1);
    CHECK(!pConnectEx(s, (struct sockaddr *)&g_dest, sizeof(g_dest), NULL, 0, &size, &ov) &&
              WSAGetLastError() == ERROR_IO_PENDING,
          "ConnectEx with hEvent's low bit set: pending");
    CHECK(WaitForSingleObject(ev, 2000) == WAIT_OBJECT_0, "... the event is set");
    CHECK(GetOverlappedResult((HANDLE)s, &ov, &size, FALSE) && size == 0, "... it succeeded");
    drain_accept();
    CHECK(port_empty(port), "... no packet is queued");
    closesocket(s);
    CloseHandle(port);

    /* FILE_SKIP_COMPLETION_PORT_ON_SUCCESS: a ConnectEx left pending still queues one. */
    s = bound_with_port(&port);
    CHECK(SetFileCompletionNotificationModes((HANDLE)s, FILE_SKIP_COMPLETION_PORT_ON_SUCCESS),
          "FILE_SKIP_COMPLETION_PORT_ON_SUCCESS");
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = ev;
    CHECK(!pConnectEx(s, (struct sockaddr *)&g_dest, sizeof(g_dest), NULL, 0, &size, &ov) &&
              WSAGetLastError() == ERROR_IO_PENDING,
          "ConnectEx: pending");
    CHECK(WaitForSingleObject(ev, 2000) == WAIT_OBJECT_0, "... completes");
    drain_accept();
    got = NULL;
    CHECK(GetQueuedCompletionStatus(port, &bytes, &key, &got, 1000) && got == &ov && bytes == 0,
          "... and its packet is queued");
    closesocket(s);
    CloseHandle(port);

    /* Failures at once leave Internal STATUS_PENDING. */
    s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    memset(&ov, 0, sizeof(ov));
    ov.Internal = 0xdeadbeef;
    CHECK(!pConnectEx(s, (struct sockaddr *)&g_dest, sizeof(g_dest), NULL, 0, &size, &ov) &&
              WSAGetLastError() == WSAEINVAL,
          "ConnectEx on an unbound socket: WSAEINVAL");
    CHECK_EQ(ov.Internal, STATUS_PENDING, "... Internal STATUS_PENDING all the same");
    ov.Internal = 0xdeadbeef;
    CHECK(!pConnectEx(INVALID_SOCKET, (struct sockaddr *)&g_dest, sizeof(g_dest), NULL, 0, &size, &ov) &&
              WSAGetLastError() == WSAENOTSOCK,
          "ConnectEx on INVALID_SOCKET: WSAENOTSOCK");
    closesocket(s);
    ov.Internal = 0xdeadbeef;
    CHECK(!pConnectEx(g_listener, (struct sockaddr *)&g_dest, sizeof(g_dest), NULL, 0, &size, &ov) &&
              WSAGetLastError() == WSAEINVAL,
          "ConnectEx on a listening socket: WSAEINVAL");
    CHECK_EQ(ov.Internal, STATUS_PENDING, "... Internal STATUS_PENDING");
    {
        SOCKET a, b;
        REQUIRE(ovl_tcp_pair(&a, &b) == 0, "a connected pair");
        ov.Internal = 0xdeadbeef;
        CHECK(!pConnectEx(a, (struct sockaddr *)&g_dest, sizeof(g_dest), NULL, 0, &size, &ov) &&
                  WSAGetLastError() == WSAEISCONN,
              "ConnectEx on a connected socket: WSAEISCONN");
        CHECK_EQ(ov.Internal, STATUS_PENDING, "... Internal STATUS_PENDING");
        ov.Internal = 0xdeadbeef;
        CHECK(!pConnectEx(b, (struct sockaddr *)&g_dest, sizeof(g_dest), NULL, 0, &size, &ov) &&
                  WSAGetLastError() == WSAEISCONN,
              "ConnectEx on an accepted socket: WSAEISCONN");
        CHECK_EQ(ov.Internal, STATUS_PENDING, "... Internal STATUS_PENDING");
        closesocket(a);
        closesocket(b);
    }
    s = bound_with_port(&port);
    CHECK(!pConnectEx(s, (struct sockaddr *)&g_dest, sizeof(g_dest), NULL, 0, &size, NULL) &&
              WSAGetLastError() == ERROR_INVALID_PARAMETER,
          "ConnectEx without an OVERLAPPED: ERROR_INVALID_PARAMETER");
    closesocket(s);
    CloseHandle(port);

    /* Refused: through GetOverlappedResult and the port. */
    {
        struct sockaddr_in closed;
        SOCKET t = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        int len = sizeof(closed);
        ovl_loopback(&closed, 0);
        bind(t, (struct sockaddr *)&closed, sizeof(closed));
        getsockname(t, (struct sockaddr *)&closed, &len);
        closesocket(t); /* a port nothing listens on */
        s = bound_with_port(&port);
        memset(&ov, 0, sizeof(ov));
        ov.hEvent = ev;
        CHECK(!pConnectEx(s, (struct sockaddr *)&closed, sizeof(closed), NULL, 0, &size, &ov) &&
                  WSAGetLastError() == ERROR_IO_PENDING,
              "ConnectEx to a closed port: pending");
        CHECK(WaitForSingleObject(ev, 15000) == WAIT_OBJECT_0, "... completes");
        size = 0xdeadbeef;
        CHECK(!GetOverlappedResult((HANDLE)s, &ov, &size, FALSE) && GetLastError() == ERROR_CONNECTION_REFUSED,
              "... GetOverlappedResult: ERROR_CONNECTION_REFUSED");
        CHECK_EQ(size, 0, "... 0 bytes");
        bytes = 0xdeadbeef;
        key = 0xdeadbeef;
        got = NULL;
        CHECK(!GetQueuedCompletionStatus(port, &bytes, &key, &got, 1000) && GetLastError() == ERROR_CONNECTION_REFUSED,
              "... the port: FALSE, ERROR_CONNECTION_REFUSED");
        CHECK(key == 0 && bytes == 0 && got == &ov, "... key 0, 0 bytes, its OVERLAPPED");
        closesocket(s);
        CloseHandle(port);
    }
    CloseHandle(ev);
}

static void disconnect_ex(void)
{
    SOCKET c, srv;
    HANDLE port, ev = CreateEvent(NULL, TRUE, FALSE, NULL);
    WSAOVERLAPPED ov;
    DWORD size, bytes;
    ULONG_PTR key;
    LPOVERLAPPED got;
    char buf[8];

    /* shutdown, WSASendDisconnect, WSARecvDisconnect: no packet. */
    c = bound_with_port(&port);
    REQUIRE(connect(c, (struct sockaddr *)&g_dest, sizeof(g_dest)) == 0, "connected");
    srv = accept(g_listener, NULL, NULL);
    CHECK_EQ(shutdown(c, SD_BOTH), 0, "shutdown(SD_BOTH) on an associated socket");
    CHECK(port_empty(port), "... queues no packet");
    closesocket(c);
    closesocket(srv);
    CloseHandle(port);
    c = bound_with_port(&port);
    REQUIRE(connect(c, (struct sockaddr *)&g_dest, sizeof(g_dest)) == 0, "connected");
    srv = accept(g_listener, NULL, NULL);
    CHECK_EQ(WSASendDisconnect(c, NULL), 0, "WSASendDisconnect");
    CHECK_EQ(WSARecvDisconnect(c, NULL), 0, "WSARecvDisconnect");
    CHECK(port_empty(port), "... queue no packet");
    closesocket(c);
    closesocket(srv);
    CloseHandle(port);

    /* DisconnectEx, left pending: queued even with SKIP_COMPLETION_PORT_ON_SUCCESS. */
    c = bound_with_port(&port);
    CHECK(SetFileCompletionNotificationModes((HANDLE)c, FILE_SKIP_COMPLETION_PORT_ON_SUCCESS),
          "FILE_SKIP_COMPLETION_PORT_ON_SUCCESS");
    REQUIRE(connect(c, (struct sockaddr *)&g_dest, sizeof(g_dest)) == 0, "connected");
    srv = accept(g_listener, NULL, NULL);
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = ev;
    ResetEvent(ev);
    SetLastError(0xdeadbeef);
    CHECK(!pDisconnectEx(c, &ov, 0, 0) && GetLastError() == ERROR_IO_PENDING, "DisconnectEx: ERROR_IO_PENDING");
    CHECK(WaitForSingleObject(ev, 2000) == WAIT_OBJECT_0, "... its event is set");
    size = 0xdeadbeef;
    CHECK(GetOverlappedResult((HANDLE)c, &ov, &size, TRUE) && size == 0, "... it succeeded, 0 bytes");
    bytes = 0xdeadbeef;
    key = 0xdeadbeef;
    got = NULL;
    CHECK(GetQueuedCompletionStatus(port, &bytes, &key, &got, 1000) && key == 0 && bytes == 0 && got == &ov,
          "... a packet is queued (key 0, 0 bytes, its OVERLAPPED)");
    CHECK(connect(c, (struct sockaddr *)&g_dest, sizeof(g_dest)) == SOCKET_ERROR && WSAGetLastError() == WSAEISCONN,
          "connect after DisconnectEx: WSAEISCONN");
    CHECK(send(c, "test", 5, 0) == SOCKET_ERROR && WSAGetLastError() == WSAESHUTDOWN,
          "send after DisconnectEx: WSAESHUTDOWN");
    CHECK_EQ(recv(srv, buf, sizeof(buf), 0), 0, "the peer sees the end of the stream");
    CHECK_EQ(send(srv, "test", 5, 0), 5, "the peer can still send");
    CHECK(recv(c, buf, sizeof(buf), 0) == 5 && strcmp(buf, "test") == 0, "... and DisconnectEx's socket receives it");
    closesocket(c);
    closesocket(srv);
    CloseHandle(port);

    /* No OVERLAPPED: synchronous, no packet; twice. */
    c = bound_with_port(&port);
    REQUIRE(connect(c, (struct sockaddr *)&g_dest, sizeof(g_dest)) == 0, "connected");
    srv = accept(g_listener, NULL, NULL);
    CHECK(pDisconnectEx(c, NULL, 0, 0), "DisconnectEx without an OVERLAPPED succeeds");
    CHECK(pDisconnectEx(c, NULL, 0, 0), "... and again");
    CHECK(port_empty(port), "... queues no packet");
    closesocket(c);
    closesocket(srv);
    CloseHandle(port);

    /* hEvent's low bit: no packet. */
    c = bound_with_port(&port);
    REQUIRE(connect(c, (struct sockaddr *)&g_dest, sizeof(g_dest)) == 0, "connected");
    srv = accept(g_listener, NULL, NULL);
    memset(&ov, 0, sizeof(ov));
    ResetEvent(ev);
    ov.hEvent = (HANDLE)((ULONG_PTR)ev | 1);
    CHECK(!pDisconnectEx(c, &ov, 0, 0) && GetLastError() == ERROR_IO_PENDING, "DisconnectEx with the low bit");
    CHECK(WaitForSingleObject(ev, 2000) == WAIT_OBJECT_0, "... its event is set");
    CHECK(GetOverlappedResult((HANDLE)c, &ov, &size, TRUE) && size == 0, "... it succeeded");
    CHECK(port_empty(port), "... no packet");
    closesocket(c);
    closesocket(srv);
    CloseHandle(port);

    /* Errors. */
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = ev;
    CHECK(!pDisconnectEx(INVALID_SOCKET, &ov, 0, 0) && WSAGetLastError() == WSAENOTSOCK,
          "DisconnectEx(INVALID_SOCKET): WSAENOTSOCK");
    c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    CHECK(!pDisconnectEx(c, &ov, 0, 0) && WSAGetLastError() == WSAENOTCONN,
          "DisconnectEx on an unconnected socket: WSAENOTCONN");
    closesocket(c);
    CloseHandle(ev);
}

static void accept_ex(void)
{
    SOCKET l, acc, acc2, conn;
    struct sockaddr_in addr;
    int len = sizeof(addr);
    char buf[2 * ADDR_ROOM + 16];
    WSAOVERLAPPED ov, ov2;
    DWORD bytes;

    l = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    ovl_loopback(&addr, 0);
    REQUIRE(bind(l, (struct sockaddr *)&addr, sizeof(addr)) == 0 && getsockname(l, (struct sockaddr *)&addr, &len) == 0 &&
                listen(l, 5) == 0,
            "a listener");
    acc = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    ovl_init(&ov);
    ovl_init(&ov2);

    ov.Internal = 0xdeadbeef;
    CHECK(!pAcceptEx(INVALID_SOCKET, acc, buf, 0, ADDR_ROOM, ADDR_ROOM, &bytes, &ov) && WSAGetLastError() == WSAENOTSOCK,
          "AcceptEx on INVALID_SOCKET: WSAENOTSOCK");
    CHECK_EQ(ov.Internal, STATUS_PENDING, "... Internal STATUS_PENDING all the same");
    ov.Internal = 0xdeadbeef;
    CHECK(!pAcceptEx(l, INVALID_SOCKET, buf, 0, ADDR_ROOM, ADDR_ROOM, &bytes, &ov) && WSAGetLastError() == WSAENOTSOCK,
          "AcceptEx into INVALID_SOCKET: WSAENOTSOCK");
    CHECK_EQ(ov.Internal, STATUS_PENDING, "... Internal STATUS_PENDING");
    ov.Internal = 0xdeadbeef;
    CHECK(!pAcceptEx(l, acc, buf, 0, ADDR_ROOM, 0, &bytes, &ov) && WSAGetLastError() == WSAEFAULT,
          "AcceptEx with no remote address room: WSAEFAULT");
    CHECK_EQ(ov.Internal, STATUS_PENDING, "... Internal STATUS_PENDING");
    CHECK(!pAcceptEx(l, acc, buf, 0, ADDR_ROOM, ADDR_ROOM, &bytes, NULL) &&
              WSAGetLastError() == ERROR_INVALID_PARAMETER,
          "AcceptEx without an OVERLAPPED: ERROR_INVALID_PARAMETER");

    /* Pending; a second AcceptEx into the same socket, and connecting it, fail. */
    ov.Internal = 0xdeadbeef;
    CHECK(!pAcceptEx(l, acc, buf, 0, ADDR_ROOM, ADDR_ROOM, &bytes, &ov) && WSAGetLastError() == ERROR_IO_PENDING,
          "AcceptEx: pending");
    CHECK_EQ(ov.Internal, STATUS_PENDING, "... Internal STATUS_PENDING");
    ov2.Internal = 0xdeadbeef;
    CHECK(!pAcceptEx(l, acc, buf, 0, ADDR_ROOM, ADDR_ROOM, &bytes, &ov2) && WSAGetLastError() == WSAEINVAL,
          "a second AcceptEx into the same socket: WSAEINVAL");
    CHECK_EQ(ov2.Internal, STATUS_PENDING, "... Internal STATUS_PENDING");
    CHECK(connect(acc, (struct sockaddr *)&addr, sizeof(addr)) == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL,
          "connect on the socket being accepted into: WSAEINVAL");
    CHECK(!pConnectEx(acc, (struct sockaddr *)&addr, sizeof(addr), NULL, 0, &bytes, &ov2) &&
              WSAGetLastError() == WSAEINVAL,
          "ConnectEx on it: WSAEINVAL");
    CHECK(CancelIo((HANDLE)acc), "CancelIo on the accept socket");
    CHECK(!ovl_signalled(ov.hEvent, 200), "... does not cancel the AcceptEx issued on the listener");
    conn = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    CHECK_EQ(connect(conn, (struct sockaddr *)&addr, sizeof(addr)), 0, "a client connects");
    CHECK(ovl_signalled(ov.hEvent, 2000) && ov.Internal == 0, "... the AcceptEx completes, STATUS_SUCCESS");
    CHECK(GetOverlappedResult((HANDLE)l, &ov, &bytes, FALSE) && bytes == 0, "... 0 bytes");
    closesocket(conn);
    closesocket(acc);

    /* Local address room of 3 bytes: accepted as pending, fails when a connection comes. */
    acc = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    ovl_init(&ov);
    CHECK(!pAcceptEx(l, acc, buf, 0, 3, ADDR_ROOM, &bytes, &ov) && WSAGetLastError() == ERROR_IO_PENDING,
          "AcceptEx with 3 bytes of local address room: pending");
    conn = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    CHECK_EQ(connect(conn, (struct sockaddr *)&addr, sizeof(addr)), 0, "a client connects");
    CHECK(ovl_signalled(ov.hEvent, 2000), "... the AcceptEx completes");
    bytes = 0xdeadbeef;
    SetLastError(0xdeadbeef);
    CHECK(!GetOverlappedResult((HANDLE)l, &ov, &bytes, FALSE) && GetLastError() == ERROR_INSUFFICIENT_BUFFER,
          "... failed: ERROR_INSUFFICIENT_BUFFER");
    CHECK_EQ(ov.Internal, 0xC0000023, "... Internal STATUS_BUFFER_TOO_SMALL");
    CHECK_EQ(bytes, 0, "... 0 bytes");
    closesocket(acc);
    closesocket(conn);
    acc2 = accept(l, NULL, NULL);
    if (acc2 != INVALID_SOCKET)
        closesocket(acc2);

    /* Closing the listener cancels its pending AcceptEx. */
    acc = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    ovl_init(&ov);
    CHECK(!pAcceptEx(l, acc, buf, 0, ADDR_ROOM, ADDR_ROOM, &bytes, &ov) && WSAGetLastError() == ERROR_IO_PENDING,
          "AcceptEx: pending");
    closesocket(l);
    CHECK(ovl_signalled(ov.hEvent, 2000), "closing the listener completes it");
    CHECK(!GetOverlappedResult((HANDLE)l, &ov, &bytes, FALSE) && GetLastError() == ERROR_OPERATION_ABORTED,
          "... ERROR_OPERATION_ABORTED");
    closesocket(acc);
    WSACloseEvent(ov.hEvent);
    WSACloseEvent(ov2.hEvent);
}

int main(void)
{
    int len = sizeof(g_dest);
    ovl_start();
    g_listener = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    ovl_loopback(&g_dest, 0);
    REQUIRE(bind(g_listener, (struct sockaddr *)&g_dest, sizeof(g_dest)) == 0 &&
                getsockname(g_listener, (struct sockaddr *)&g_dest, &len) == 0 && listen(g_listener, 16) == 0,
            "a listener");
    load(g_listener);
    connect_ex();
    disconnect_ex();
    accept_ex();
    closesocket(g_listener);
    WSACleanup();
    return check_done();
}

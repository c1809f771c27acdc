/*
 * AcceptEx's argument checks and completions as Windows reports them (the behaviour Wine's
 * conformance tests observe on Windows). An IOCP server pre-posts AcceptEx calls and trusts
 * what comes back: a listener that is not listening yet, a NULL buffer, or an accept socket
 * that cannot take a connection (a UDP socket, a bound one, a connected one) fail at once
 * with WSAEINVAL / WSAEFAULT and never complete later; no local address room at all is
 * accepted (only the remote address is filled in), while room too small for the address
 * fails when a connection arrives (ERROR_INSUFFICIENT_BUFFER), leaving that connection
 * in the backlog for the next accept; an AcceptEx with receive room waits for the first
 * data, and one whose client closes without sending completes successfully with 0 bytes;
 * closing the accept socket or CancelIo on the listener cancels it (ERROR_OPERATION_ABORTED),
 * on the listener's completion port as well.
 */
#include "ovl_util.h"
#include <mswsock.h>

#define ROOM (sizeof(struct sockaddr_in) + 16)
#define LKEY 0x77

static LPFN_ACCEPTEX pAcceptEx;
static LPFN_GETACCEPTEXSOCKADDRS pGetAcceptExSockaddrs;
static struct sockaddr_in g_addr;
static SOCKET g_l;
static HANDLE g_port;
static char buf[1024];

static void load(SOCKET s)
{
    GUID a = WSAID_ACCEPTEX, g = WSAID_GETACCEPTEXSOCKADDRS;
    DWORD n;
    REQUIRE(WSAIoctl(s, SIO_GET_EXTENSION_FUNCTION_POINTER, &a, sizeof(a), &pAcceptEx, sizeof(pAcceptEx), &n, NULL,
                     NULL) == 0,
            "AcceptEx");
    REQUIRE(WSAIoctl(s, SIO_GET_EXTENSION_FUNCTION_POINTER, &g, sizeof(g), &pGetAcceptExSockaddrs,
                     sizeof(pGetAcceptExSockaddrs), &n, NULL, NULL) == 0,
            "GetAcceptExSockaddrs");
}

static SOCKET tcp(void)
{
    SOCKET s = WSASocket(AF_INET, SOCK_STREAM, IPPROTO_TCP, NULL, 0, WSA_FLAG_OVERLAPPED);
    REQUIRE(s != INVALID_SOCKET, "a TCP socket");
    return s;
}

/* A client connected to the listener; its own address in *me when me is not NULL. */
static SOCKET client(struct sockaddr_in *me)
{
    SOCKET c = tcp();
    int len = sizeof(*me);
    REQUIRE(connect(c, (struct sockaddr *)&g_addr, sizeof(g_addr)) == 0, "a client connects");
    if (me)
        REQUIRE(getsockname(c, (struct sockaddr *)me, &len) == 0, "its address");
    return c;
}

/* AcceptEx that must fail at once with `err`, leaving Internal STATUS_PENDING. */
static void refused(SOCKET l, SOCKET acc, char *b, DWORD data, DWORD local, DWORD remote, int err, const char *what)
{
    WSAOVERLAPPED ov;
    DWORD bytes;
    ovl_init(&ov);
    ov.Internal = 0xdeadbeef;
    WSASetLastError(0xdeadbeef);
    CHECK(!pAcceptEx(l, acc, b, data, local, remote, &bytes, &ov), what);
    CHECK_EQ(WSAGetLastError(), err, "... its error");
    CHECK_EQ(ov.Internal, STATUS_PENDING, "... Internal STATUS_PENDING all the same");
    CHECK(!ovl_signalled(ov.hEvent, 100), "... and it never completes");
    if (WSAGetLastError() == ERROR_IO_PENDING)
        CancelIo((HANDLE)l);
    WSACloseEvent(ov.hEvent);
}

static int take(DWORD ms, DWORD *bytes, ULONG_PTR *key, LPOVERLAPPED *ov)
{
    *bytes = 0xdeadbeef;
    *key = 0xdeadbeef;
    *ov = NULL;
    SetLastError(0xdeadbeef);
    return GetQueuedCompletionStatus(g_port, bytes, key, ov, ms);
}

static void port_drained(void)
{
    DWORD bytes;
    ULONG_PTR key;
    LPOVERLAPPED got;
    CHECK(!take(0, &bytes, &key, &got) && got == NULL && GetLastError() == WAIT_TIMEOUT, "... no other packet");
}

static void bad_arguments(void)
{
    SOCKET quiet, acc, a, b;
    struct sockaddr_in any;
    int len = sizeof(any);

    /* A listener that is bound but not listening. */
    quiet = tcp();
    ovl_loopback(&any, 0);
    REQUIRE(bind(quiet, (struct sockaddr *)&any, sizeof(any)) == 0, "a bound socket");
    acc = tcp();
    refused(quiet, acc, buf, 0, ROOM, ROOM, WSAEINVAL, "AcceptEx on a socket that is not listening fails");
    closesocket(quiet);

    refused(g_l, acc, NULL, sizeof(buf) - 2 * ROOM, ROOM, ROOM, WSAEFAULT, "AcceptEx with a NULL buffer fails");
    closesocket(acc);

    acc = WSASocket(AF_INET, SOCK_DGRAM, IPPROTO_UDP, NULL, 0, WSA_FLAG_OVERLAPPED);
    refused(g_l, acc, buf, 0, ROOM, ROOM, WSAEINVAL, "AcceptEx into a UDP socket fails");
    closesocket(acc);

    acc = tcp();
    ovl_loopback(&any, 0);
    REQUIRE(bind(acc, (struct sockaddr *)&any, sizeof(any)) == 0, "a bound accept socket");
    refused(g_l, acc, buf, 0, ROOM, ROOM, WSAEINVAL, "AcceptEx into a bound socket fails");
    closesocket(acc);

    REQUIRE(ovl_tcp_pair(&a, &b) == 0, "a connected pair");
    refused(g_l, a, buf, 0, ROOM, ROOM, WSAEINVAL, "AcceptEx into a connected (connect) socket fails");
    refused(g_l, b, buf, 0, ROOM, ROOM, WSAEINVAL, "AcceptEx into a connected (accepted) socket fails");
    closesocket(a);
    closesocket(b);
    (void)len;
    port_drained();
}

static void no_local_room(void)
{
    SOCKET acc = tcp(), c;
    struct sockaddr_in me, *local, *remote;
    WSAOVERLAPPED ov;
    DWORD bytes;
    ULONG_PTR key;
    LPOVERLAPPED got;
    INT llen, rlen;

    ovl_init(&ov);
    ov.Internal = 0xdeadbeef;
    CHECK(!pAcceptEx(g_l, acc, buf, 0, 0, ROOM, &bytes, &ov) && WSAGetLastError() == ERROR_IO_PENDING,
          "AcceptEx with no local address room is pending");
    CHECK_EQ(ov.Internal, STATUS_PENDING, "... Internal STATUS_PENDING");
    c = client(&me);
    CHECK(ovl_signalled(ov.hEvent, 2000), "... a connection completes it");
    CHECK(GetOverlappedResult((HANDLE)g_l, &ov, &bytes, FALSE), "... successfully");
    CHECK_EQ(ov.Internal, 0, "... STATUS_SUCCESS");
    CHECK_EQ(bytes, 0, "... 0 bytes");
    CHECK(take(1000, &bytes, &key, &got) && got == &ov && key == LKEY && bytes == 0,
          "... its packet on the listener's port");
    remote = (struct sockaddr_in *)0xdeadbeef;
    rlen = 0xdeadbeef;
    local = NULL;
    llen = 0;
    pGetAcceptExSockaddrs(buf, 0, 0, ROOM, (struct sockaddr **)&local, &llen, (struct sockaddr **)&remote, &rlen);
    CHECK(remote != (struct sockaddr_in *)0xdeadbeef && remote->sin_family == AF_INET &&
              remote->sin_addr.s_addr == me.sin_addr.s_addr && remote->sin_port == me.sin_port,
          "GetAcceptExSockaddrs: the remote address is the client's");
    CHECK_EQ(rlen, sizeof(struct sockaddr_in), "... remote length sizeof(SOCKADDR_IN)");
    closesocket(c);
    closesocket(acc);
    WSACloseEvent(ov.hEvent);
}

/* Local address room that cannot hold the address: the AcceptEx fails when the connection
 * comes, and the connection stays in the backlog. */
static void small_local_room(DWORD room)
{
    SOCKET acc = tcp(), c, later;
    struct sockaddr_in me, peer;
    WSAOVERLAPPED ov;
    DWORD bytes;
    ULONG_PTR key;
    LPOVERLAPPED got;
    int len = sizeof(peer);
    char what[96];
    fd_set readable;
    struct timeval tv = {1, 0};

    ovl_init(&ov);
    snprintf(what, sizeof(what), "AcceptEx with %u bytes of local address room is pending", (unsigned)room);
    CHECK(!pAcceptEx(g_l, acc, buf, 0, room, ROOM, &bytes, &ov) && WSAGetLastError() == ERROR_IO_PENDING, what);
    c = client(&me);
    CHECK(ovl_signalled(ov.hEvent, 2000), "... a connection completes it");
    bytes = 0xdeadbeef;
    SetLastError(0xdeadbeef);
    CHECK(!GetOverlappedResult((HANDLE)g_l, &ov, &bytes, FALSE), "... as a failure");
    CHECK_EQ(GetLastError(), ERROR_INSUFFICIENT_BUFFER, "... ERROR_INSUFFICIENT_BUFFER");
    CHECK_EQ(ov.Internal, 0xC0000023, "... Internal STATUS_BUFFER_TOO_SMALL");
    CHECK_EQ(bytes, 0, "... 0 bytes");
    CHECK(!take(1000, &bytes, &key, &got) && got == &ov && GetLastError() == ERROR_INSUFFICIENT_BUFFER,
          "... the port reports ERROR_INSUFFICIENT_BUFFER");
    CHECK(key == LKEY && bytes == 0, "... with the listener's key and 0 bytes");
    closesocket(acc);
    FD_ZERO(&readable);
    FD_SET(g_l, &readable);
    later = select(0, &readable, NULL, NULL, &tv) == 1 ? accept(g_l, (struct sockaddr *)&peer, &len) : INVALID_SOCKET;
    CHECK(later != INVALID_SOCKET, "the connection is still there for accept");
    CHECK(later != INVALID_SOCKET && peer.sin_port == me.sin_port, "... the same client");
    if (later != INVALID_SOCKET) {
        CHECK_EQ(send(c, "x", 1, 0), 1, "... which can talk to it");
        CHECK(recv(later, buf, sizeof(buf), 0) == 1 && buf[0] == 'x', "... through the accepted socket");
        closesocket(later);
    }
    closesocket(c);
    WSACloseEvent(ov.hEvent);
}

static void enough_room_pending(void)
{
    SOCKET acc = tcp();
    WSAOVERLAPPED ov;
    DWORD bytes;
    ULONG_PTR key;
    LPOVERLAPPED got;

    ovl_init(&ov);
    CHECK(!pAcceptEx(g_l, acc, buf, 0, ROOM - 1, ROOM, &bytes, &ov) && WSAGetLastError() == ERROR_IO_PENDING,
          "AcceptEx with 15 spare bytes of local address room is pending");
    CHECK(CancelIo((HANDLE)g_l), "CancelIo on the listener");
    CHECK(ovl_signalled(ov.hEvent, 2000), "... completes it");
    CHECK(!GetOverlappedResult((HANDLE)g_l, &ov, &bytes, FALSE) && GetLastError() == ERROR_OPERATION_ABORTED,
          "... ERROR_OPERATION_ABORTED");
    CHECK(!take(1000, &bytes, &key, &got) && got == &ov && GetLastError() == ERROR_OPERATION_ABORTED && key == LKEY,
          "... on the port too");
    ovl_init(&ov);
    CHECK(!pAcceptEx(g_l, acc, buf, 0, ROOM, ROOM - 1, &bytes, &ov) && WSAGetLastError() == ERROR_IO_PENDING,
          "AcceptEx with 15 spare bytes of remote address room is pending");
    CHECK(CancelIo((HANDLE)g_l), "CancelIo on the listener");
    CHECK(ovl_signalled(ov.hEvent, 2000), "... completes it");
    CHECK(take(1000, &bytes, &key, &got) == FALSE && got == &ov, "... one packet");
    closesocket(acc);
    port_drained();
}

static void short_read(void)
{
    SOCKET acc = tcp(), c = tcp();
    struct sockaddr_in me, l, r, *local, *remote;
    WSAOVERLAPPED ov;
    DWORD bytes;
    ULONG_PTR key;
    LPOVERLAPPED got;
    INT llen, rlen;
    int len = sizeof(me);

    ovl_init(&ov);
    ov.Internal = 0xdeadbeef;
    CHECK(!pAcceptEx(g_l, acc, buf, 2, ROOM, ROOM, &bytes, &ov) && WSAGetLastError() == ERROR_IO_PENDING,
          "AcceptEx with 2 bytes of receive room is pending");
    REQUIRE(connect(c, (struct sockaddr *)&g_addr, sizeof(g_addr)) == 0, "a client connects");
    REQUIRE(getsockname(c, (struct sockaddr *)&me, &len) == 0, "its address");
    CHECK(!ovl_signalled(ov.hEvent, 200), "... the connection alone does not complete it");
    CHECK_EQ(ov.Internal, STATUS_PENDING, "... still STATUS_PENDING");
    CHECK(!take(0, &bytes, &key, &got) && got == NULL, "... nothing on the port");
    CHECK_EQ(send(c, "q", 1, 0), 1, "the client sends 1 byte");
    CHECK(ovl_signalled(ov.hEvent, 2000), "... which completes it");
    CHECK_EQ(ov.Internal, 0, "... STATUS_SUCCESS");
    CHECK(GetOverlappedResult((HANDLE)g_l, &ov, &bytes, FALSE) && bytes == 1, "... with 1 byte");
    CHECK(take(1000, &bytes, &key, &got) && got == &ov && bytes == 1 && key == LKEY, "... 1 byte on the port");
    CHECK_EQ(buf[0], 'q', "... at the start of the buffer");
    local = remote = NULL;
    llen = rlen = 0;
    pGetAcceptExSockaddrs(buf, 2, ROOM, ROOM, (struct sockaddr **)&local, &llen, (struct sockaddr **)&remote, &rlen);
    /* The addresses follow the 2 bytes of data, unaligned: copy them out. */
    memset(&l, 0, sizeof(l));
    memset(&r, 0, sizeof(r));
    if (local)
        memcpy(&l, local, sizeof(l));
    if (remote)
        memcpy(&r, remote, sizeof(r));
    CHECK(local && l.sin_addr.s_addr == g_addr.sin_addr.s_addr && l.sin_port == g_addr.sin_port,
          "GetAcceptExSockaddrs: the local address is the listener's");
    CHECK(remote && r.sin_addr.s_addr == me.sin_addr.s_addr && r.sin_port == me.sin_port,
          "... the remote one the client's");
    CHECK(llen == sizeof(struct sockaddr_in) && rlen == sizeof(struct sockaddr_in), "... both sizeof(SOCKADDR_IN)");
    closesocket(c);
    closesocket(acc);
    WSACloseEvent(ov.hEvent);
}

static void client_leaves(void)
{
    SOCKET acc = tcp(), c;
    WSAOVERLAPPED ov;
    DWORD bytes;
    ULONG_PTR key;
    LPOVERLAPPED got;

    ovl_init(&ov);
    CHECK(!pAcceptEx(g_l, acc, buf, sizeof(buf) - 2 * ROOM, ROOM, ROOM, &bytes, &ov) &&
              WSAGetLastError() == ERROR_IO_PENDING,
          "AcceptEx with receive room is pending");
    c = client(NULL);
    closesocket(c);
    CHECK(ovl_signalled(ov.hEvent, 2000), "the client closing without sending completes it");
    bytes = 123456;
    CHECK(GetOverlappedResult((HANDLE)g_l, &ov, &bytes, FALSE), "... successfully");
    CHECK_EQ(bytes, 0, "... with 0 bytes");
    CHECK(take(1000, &bytes, &key, &got) && got == &ov && bytes == 0 && key == LKEY, "... TRUE, 0 bytes on the port");
    CHECK_EQ(recv(acc, buf, sizeof(buf), 0), 0, "the accept socket reads the end of the stream");
    closesocket(acc);

    /* Closing the accept socket cancels the AcceptEx. */
    acc = tcp();
    ovl_init(&ov);
    CHECK(!pAcceptEx(g_l, acc, buf, sizeof(buf) - 2 * ROOM, ROOM, ROOM, &bytes, &ov) &&
              WSAGetLastError() == ERROR_IO_PENDING,
          "AcceptEx is pending");
    closesocket(acc);
    CHECK(ovl_signalled(ov.hEvent, 2000), "closing the accept socket completes it");
    CHECK(!GetOverlappedResult((HANDLE)g_l, &ov, &bytes, FALSE) && GetLastError() == ERROR_OPERATION_ABORTED,
          "... ERROR_OPERATION_ABORTED");
    CHECK(!take(1000, &bytes, &key, &got) && got == &ov && GetLastError() == ERROR_OPERATION_ABORTED && key == LKEY,
          "... on the listener's port too");
    port_drained();
}

int main(void)
{
    int len = sizeof(g_addr);
    ovl_start();
    g_l = tcp();
    ovl_loopback(&g_addr, 0);
    REQUIRE(bind(g_l, (struct sockaddr *)&g_addr, sizeof(g_addr)) == 0 &&
                getsockname(g_l, (struct sockaddr *)&g_addr, &len) == 0 && listen(g_l, 8) == 0,
            "a listener");
    g_port = CreateIoCompletionPort((HANDLE)g_l, NULL, LKEY, 0);
    REQUIRE(g_port != NULL, "the listener's port");
    load(g_l);
    bad_arguments();
    no_local_room();
    small_local_room(3);
    small_local_room(sizeof(struct sockaddr_in) + 4);
    enough_room_pending();
    short_read();
    client_leaves();
    closesocket(g_l);
    CloseHandle(g_port);
    return check_done();
}

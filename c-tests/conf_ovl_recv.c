/*
 * Overlapped stream receives as Windows completes them (the behaviour Wine's conformance
 * tests observe on Windows): a pending WSARecv has Internal STATUS_PENDING and leaves
 * InternalHigh alone; a non-blocking socket still leaves an overlapped receive pending;
 * several pending receives take the data in the order they were posted, and cancelling one
 * (the first or a later one) leaves the others to receive; a zero-length receive stays
 * pending until data arrives and consumes none of it; SO_RCVTIMEO does not end an overlapped
 * receive; a receive pending at shutdown(SD_RECEIVE) or SD_BOTH still gets the data that
 * arrives, while new receives fail with WSAESHUTDOWN; the peer's SD_SEND, close or reset completes a pending
 * receive with 0 bytes or WSAECONNRESET, and after a reset every later receive fails with
 * WSAECONNRESET too (the OS reports the end of the stream once the reset was taken).
 */
#include "ovl_util.h"

/* A receive of `len` bytes into buf with a new event; returns WSARecv's result and leaves
 * the error in *err. */
static int post(SOCKET s, WSAOVERLAPPED *ov, WSABUF *wb, char *buf, ULONG len, int *err)
{
    DWORD flags = 0;
    int rc;
    ovl_init(ov);
    wb->buf = buf;
    wb->len = len;
    rc = WSARecv(s, wb, 1, NULL, &flags, ov, NULL);
    *err = rc == 0 ? 0 : WSAGetLastError();
    return rc;
}

static void pending_fields(void)
{
    SOCKET a, b;
    WSAOVERLAPPED ov;
    WSABUF wb;
    char buf[16];
    DWORD flags = 0, got = 0;
    u_long on = 1;
    int rc;

    REQUIRE(ovl_tcp_pair(&a, &b) == 0, "loopback TCP pair");
    CHECK_EQ(ioctlsocket(b, FIONBIO, &on), 0, "the receiving socket is non-blocking");
    wb.buf = buf;
    wb.len = sizeof(buf);
    CHECK(recv(b, buf, sizeof(buf), 0) == SOCKET_ERROR && WSAGetLastError() == WSAEWOULDBLOCK,
          "recv: WSAEWOULDBLOCK");
    memset(&ov, 0, sizeof(ov));
    ov.Internal = 0xdeadbeef;
    CHECK(WSARecv(b, &wb, 1, &got, &flags, NULL, NULL) == SOCKET_ERROR && WSAGetLastError() == WSAEWOULDBLOCK,
          "a plain WSARecv: WSAEWOULDBLOCK");
    CHECK_EQ(ov.Internal, 0xdeadbeef, "... an OVERLAPPED not passed is not touched");

    /* NULL event, NULL count. */
    memset(buf, 0, sizeof(buf));
    ov.hEvent = NULL;
    ov.Internal = 0xdeadbeef;
    ov.InternalHigh = 0xdeadbeef;
    rc = WSARecv(b, &wb, 1, NULL, &flags, &ov, NULL);
    CHECK(rc == SOCKET_ERROR && WSAGetLastError() == WSA_IO_PENDING,
          "an overlapped WSARecv on the non-blocking socket is pending (not WSAEWOULDBLOCK)");
    CHECK_EQ(ov.Internal, STATUS_PENDING, "... Internal STATUS_PENDING");
    CHECK_EQ(ov.InternalHigh, 0xdeadbeef, "... InternalHigh untouched while pending");
    send(a, "data", 4, 0);
    CHECK_EQ(GetOverlappedResult((HANDLE)b, &ov, &got, TRUE), TRUE, "it completes when data arrives");
    CHECK(got == 4 && strcmp(buf, "data") == 0, "... with the data");
    CHECK(ov.Internal == 0 && ov.InternalHigh == 4, "... Internal 0, InternalHigh 4");

    /* With an event. */
    memset(buf, 0, sizeof(buf));
    ovl_init(&ov);
    rc = WSARecv(b, &wb, 1, NULL, &flags, &ov, NULL);
    CHECK(rc == SOCKET_ERROR && WSAGetLastError() == WSA_IO_PENDING, "with an event: pending");
    CHECK(!ovl_signalled(ov.hEvent, 0), "... the event is not signalled");
    send(a, "data", 4, 0);
    CHECK(ovl_signalled(ov.hEvent, 2000), "... it is when data arrives");
    CHECK(GetOverlappedResult((HANDLE)b, &ov, &got, FALSE) && got == 4 && strcmp(buf, "data") == 0,
          "... with the data");

    /* Data already there: completes at once, the event set all the same. */
    send(a, "data", 4, 0);
    Sleep(50);
    memset(buf, 0, sizeof(buf));
    got = 0;
    rc = WSARecv(b, &wb, 1, &got, &flags, &ov, NULL);
    CHECK_EQ(rc, 0, "with data waiting: returns 0");
    CHECK(ovl_signalled(ov.hEvent, 0), "... the event is set");
    CHECK(got == 4 && GetOverlappedResult((HANDLE)b, &ov, &got, FALSE) && got == 4, "... 4 bytes");
    WSACloseEvent(ov.hEvent);
    closesocket(a);
    closesocket(b);
}

static void several_and_cancel(void)
{
    SOCKET a, b;
    WSAOVERLAPPED ov[3];
    WSABUF wb[3];
    char res[32], buf[3][8];
    static const char msg[32] = "-- Lorem ipsum dolor sit amet -";
    DWORD got = 0, flags = 0;
    int i, err;

    REQUIRE(ovl_tcp_pair(&a, &b) == 0, "loopback TCP pair");
    /* Two receives of 16 bytes, then 32 bytes in one send. */
    for (i = 0; i < 2; i++)
        CHECK(post(b, &ov[i], &wb[i], res + 16 * i, 16, &err) == SOCKET_ERROR && err == WSA_IO_PENDING,
              "a 16-byte receive is pending");
    send(a, msg, sizeof(msg), 0);
    for (i = 0; i < 2; i++) {
        CHECK(ovl_signalled(ov[i].hEvent, 2000), "... it completes");
        CHECK(GetOverlappedResult((HANDLE)b, &ov[i], &got, FALSE) && got == 16, "... with 16 bytes");
        CHECK(memcmp(res + 16 * i, msg + 16 * i, 16) == 0, "... the next 16 of the stream, in posting order");
        WSACloseEvent(ov[i].hEvent);
    }

    /* Three pending; cancel the second: the first and third still receive, in order. */
    for (i = 0; i < 3; i++)
        CHECK(post(b, &ov[i], &wb[i], buf[i], 4, &err) == SOCKET_ERROR && err == WSA_IO_PENDING,
              "a 4-byte receive is pending");
    CHECK(CancelIoEx((HANDLE)b, &ov[1]), "CancelIoEx of the second");
    CHECK(ovl_signalled(ov[1].hEvent, 2000), "... it completes");
    CHECK_EQ(ov[1].Internal, 0xC0000120, "... STATUS_CANCELLED");
    CHECK(!WSAGetOverlappedResult(b, &ov[1], &got, FALSE, &flags) && WSAGetLastError() == WSA_OPERATION_ABORTED,
          "... WSA_OPERATION_ABORTED");
    CHECK(!ovl_signalled(ov[0].hEvent, 50) && !ovl_signalled(ov[2].hEvent, 0), "the first and third are pending");
    send(a, "abcd", 4, 0);
    CHECK(ovl_signalled(ov[0].hEvent, 2000) && GetOverlappedResult((HANDLE)b, &ov[0], &got, FALSE) && got == 4 &&
              memcmp(buf[0], "abcd", 4) == 0,
          "the first gets the first data");
    CHECK(!ovl_signalled(ov[2].hEvent, 50), "... the third still waits");
    send(a, "efgh", 4, 0);
    CHECK(ovl_signalled(ov[2].hEvent, 2000) && GetOverlappedResult((HANDLE)b, &ov[2], &got, FALSE) && got == 4 &&
              memcmp(buf[2], "efgh", 4) == 0,
          "the third gets the next");
    for (i = 0; i < 3; i++)
        WSACloseEvent(ov[i].hEvent);

    /* Two pending; cancel the first: the second receives. */
    for (i = 0; i < 2; i++)
        CHECK(post(b, &ov[i], &wb[i], buf[i], 4, &err) == SOCKET_ERROR && err == WSA_IO_PENDING,
              "a 4-byte receive is pending");
    CHECK(CancelIoEx((HANDLE)b, &ov[0]), "CancelIoEx of the first");
    CHECK(ovl_signalled(ov[0].hEvent, 2000) && ov[0].Internal == 0xC0000120, "... it is cancelled");
    CHECK(!ovl_signalled(ov[1].hEvent, 50), "... the second is still pending");
    send(a, "ijkl", 4, 0);
    CHECK(ovl_signalled(ov[1].hEvent, 2000) && GetOverlappedResult((HANDLE)b, &ov[1], &got, FALSE) && got == 4 &&
              memcmp(buf[1], "ijkl", 4) == 0,
          "the second gets the data");
    for (i = 0; i < 2; i++)
        WSACloseEvent(ov[i].hEvent);
    CHECK(!CancelIoEx((HANDLE)b, &ov[0]) && GetLastError() == ERROR_NOT_FOUND,
          "CancelIoEx of a finished receive: ERROR_NOT_FOUND");
    CHECK(CancelIo((HANDLE)b), "CancelIo with nothing pending succeeds");
    closesocket(a);
    closesocket(b);
}

static void zero_length(void)
{
    SOCKET a, b;
    WSAOVERLAPPED ov;
    WSABUF wb;
    char buf[8];
    DWORD got = 0, flags = 0;
    int err;

    REQUIRE(ovl_tcp_pair(&a, &b) == 0, "loopback TCP pair");
    ovl_init(&ov);
    CHECK(WSARecv(b, NULL, 0, NULL, &flags, &ov, NULL) == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL,
          "WSARecv with no buffers: WSAEINVAL");
    wb.buf = buf;
    wb.len = 0;
    CHECK(WSARecv(b, &wb, 0, NULL, &flags, &ov, NULL) == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL,
          "WSARecv with a count of 0: WSAEINVAL");
    WSACloseEvent(ov.hEvent);

    CHECK(post(b, &ov, &wb, buf, 0, &err) == SOCKET_ERROR && err == WSA_IO_PENDING,
          "a zero-length receive with nothing to read is pending");
    CHECK(!ovl_signalled(ov.hEvent, 100), "... and stays pending");
    send(a, "data", 5, 0);
    CHECK(ovl_signalled(ov.hEvent, 2000), "... it completes when data arrives");
    CHECK(GetOverlappedResult((HANDLE)b, &ov, &got, FALSE) && got == 0, "... successfully, with 0 bytes");
    got = 0xdeadbeef;
    CHECK_EQ(WSARecv(b, &wb, 1, &got, &flags, &ov, NULL), 0, "a zero-length receive with data waiting returns 0");
    CHECK_EQ(got, 0, "... with 0 bytes");
    CHECK_EQ(recv(b, NULL, 0, 0), 0, "recv of 0 bytes returns 0");
    CHECK(recv(b, buf, sizeof(buf), 0) == 5 && strcmp(buf, "data") == 0, "the data is all still there");
    WSACloseEvent(ov.hEvent);

    /* The peer's close completes a pending zero-length receive with 0 bytes. */
    CHECK(post(b, &ov, &wb, buf, 0, &err) == SOCKET_ERROR && err == WSA_IO_PENDING, "a zero-length receive");
    closesocket(a);
    CHECK(ovl_signalled(ov.hEvent, 2000) && GetOverlappedResult((HANDLE)b, &ov, &got, FALSE) && got == 0,
          "... completes with 0 bytes at the peer's close");
    WSACloseEvent(ov.hEvent);
    closesocket(b);
}

static void receive_timeout(void)
{
    SOCKET a, b;
    WSAOVERLAPPED ov;
    WSABUF wb;
    char c;
    DWORD timeout = 0xdeadbeef, got, flags = 0;
    int len = sizeof(timeout), err;

    REQUIRE(ovl_tcp_pair(&a, &b) == 0, "loopback TCP pair");
    CHECK(getsockopt(b, SOL_SOCKET, SO_RCVTIMEO, (char *)&timeout, &len) == 0 && timeout == 0,
          "SO_RCVTIMEO is 0 at first");
    timeout = 100;
    CHECK_EQ(setsockopt(b, SOL_SOCKET, SO_RCVTIMEO, (char *)&timeout, sizeof(timeout)), 0, "SO_RCVTIMEO 100 ms");
    CHECK(recv(b, &c, 1, 0) == SOCKET_ERROR && WSAGetLastError() == WSAETIMEDOUT, "recv: WSAETIMEDOUT");
    wb.buf = &c;
    wb.len = 1;
    got = 0xdeadbeef;
    CHECK(WSARecv(b, &wb, 1, &got, &flags, NULL, NULL) == SOCKET_ERROR && WSAGetLastError() == WSAETIMEDOUT,
          "plain WSARecv: WSAETIMEDOUT");
    CHECK_EQ(got, 0xdeadbeef, "... the count untouched");
    CHECK(post(b, &ov, &wb, &c, 1, &err) == SOCKET_ERROR && err == WSA_IO_PENDING, "overlapped WSARecv: pending");
    CHECK(!ovl_signalled(ov.hEvent, 300), "... the timeout does not end it");
    send(a, "a", 1, 0);
    CHECK(ovl_signalled(ov.hEvent, 2000) && GetOverlappedResult((HANDLE)b, &ov, &got, FALSE) && got == 1 && c == 'a',
          "... it completes with the data");
    WSACloseEvent(ov.hEvent);
    closesocket(a);
    closesocket(b);
}

static void shutdown_pending(void)
{
    SOCKET a, b;
    WSAOVERLAPPED ov, ov2;
    WSABUF wb, wb2;
    char buf[8], buf2[8];
    DWORD got, flags = 0;
    u_long on = 1;
    int err;

    REQUIRE(ovl_tcp_pair(&a, &b) == 0, "loopback TCP pair");
    ioctlsocket(b, FIONBIO, &on);
    memset(buf, 0, sizeof(buf));
    CHECK(post(b, &ov, &wb, buf, 5, &err) == SOCKET_ERROR && err == WSA_IO_PENDING, "a receive is pending");
    CHECK_EQ(shutdown(b, SD_RECEIVE), 0, "shutdown(SD_RECEIVE)");
    CHECK(WSARecv(b, &wb, 1, &got, &flags, NULL, NULL) == SOCKET_ERROR && WSAGetLastError() == WSAESHUTDOWN,
          "a new plain WSARecv: WSAESHUTDOWN");
    CHECK(!ovl_signalled(ov.hEvent, 100), "the receive pending at the shutdown is still pending");
    send(a, "test", 5, 0);
    got = 0xdeadbeef;
    CHECK(ovl_signalled(ov.hEvent, 2000) && GetOverlappedResult((HANDLE)b, &ov, &got, FALSE),
          "... and completes with the data that arrives");
    CHECK(got == 5 && strcmp(buf, "test") == 0, "... all 5 bytes");
    CHECK(post(b, &ov2, &wb2, buf2, 5, &err) == SOCKET_ERROR && err == WSAESHUTDOWN,
          "a new overlapped WSARecv fails at once: WSAESHUTDOWN");
    WSACloseEvent(ov2.hEvent);

    /* The peer's pending receive completes with 0 bytes at our SD_SEND. */
    CHECK(post(a, &ov2, &wb2, buf2, 5, &err) == SOCKET_ERROR && err == WSA_IO_PENDING, "the peer's receive is pending");
    CHECK_EQ(shutdown(b, SD_SEND), 0, "shutdown(SD_SEND)");
    got = 0xdeadbeef;
    CHECK(ovl_signalled(ov2.hEvent, 2000) && GetOverlappedResult((HANDLE)a, &ov2, &got, FALSE) && got == 0,
          "... it completes with 0 bytes");
    WSACloseEvent(ov.hEvent);
    WSACloseEvent(ov2.hEvent);
    closesocket(a);
    closesocket(b);

    /* SD_BOTH with a receive pending: the receive still waits for data, the peer sees the end
     * of the stream, new receives and sends fail. */
    REQUIRE(ovl_tcp_pair(&a, &b) == 0, "loopback TCP pair");
    memset(buf, 0, sizeof(buf));
    CHECK(post(b, &ov, &wb, buf, 5, &err) == SOCKET_ERROR && err == WSA_IO_PENDING, "a receive is pending");
    CHECK_EQ(shutdown(b, SD_BOTH), 0, "shutdown(SD_BOTH)");
    CHECK_EQ(recv(a, buf2, sizeof(buf2), 0), 0, "the peer sees the end of the stream");
    CHECK(!ovl_signalled(ov.hEvent, 100), "the pending receive still waits");
    CHECK(send(b, "x", 1, 0) == SOCKET_ERROR && WSAGetLastError() == WSAESHUTDOWN, "send: WSAESHUTDOWN");
    CHECK(WSARecv(b, &wb2, 1, &got, &flags, NULL, NULL) == SOCKET_ERROR && WSAGetLastError() == WSAESHUTDOWN,
          "a new receive: WSAESHUTDOWN");
    send(a, "late", 5, 0);
    CHECK(ovl_signalled(ov.hEvent, 2000) && GetOverlappedResult((HANDLE)b, &ov, &got, FALSE) && got == 5 &&
              strcmp(buf, "late") == 0,
          "... the pending receive gets the peer's data");
    /* Once it is done, a receive is refused as after any shutdown. */
    CHECK(recv(b, buf2, sizeof(buf2), 0) == SOCKET_ERROR && WSAGetLastError() == WSAESHUTDOWN,
          "recv after it: WSAESHUTDOWN");
    WSACloseEvent(ov.hEvent);
    closesocket(a);
    closesocket(b);

    /* A receive let through SD_RECEIVE can still be cancelled. */
    REQUIRE(ovl_tcp_pair(&a, &b) == 0, "loopback TCP pair");
    CHECK(post(b, &ov, &wb, buf, 5, &err) == SOCKET_ERROR && err == WSA_IO_PENDING, "a receive is pending");
    CHECK_EQ(shutdown(b, SD_RECEIVE), 0, "shutdown(SD_RECEIVE)");
    CHECK(CancelIoEx((HANDLE)b, &ov), "CancelIoEx of it");
    CHECK(ovl_signalled(ov.hEvent, 2000) && ov.Internal == 0xC0000120, "... it is cancelled");
    send(a, "gone", 5, 0);
    CHECK(recv(b, buf2, sizeof(buf2), 0) == SOCKET_ERROR && WSAGetLastError() == WSAESHUTDOWN,
          "a receive after it: WSAESHUTDOWN");
    WSACloseEvent(ov.hEvent);
    closesocket(a);
    closesocket(b);
}

static void peer_ends(void)
{
    SOCKET a, b;
    WSAOVERLAPPED ov, ov2_after_reset;
    WSABUF wb;
    char buf[8];
    DWORD got, flags = 0;
    struct linger lg;
    int err;

    /* The peer closes gracefully. */
    REQUIRE(ovl_tcp_pair(&a, &b) == 0, "loopback TCP pair");
    CHECK(post(b, &ov, &wb, buf, sizeof(buf), &err) == SOCKET_ERROR && err == WSA_IO_PENDING, "a receive is pending");
    closesocket(a);
    got = 0xdeadbeef;
    CHECK(ovl_signalled(ov.hEvent, 2000) && WSAGetOverlappedResult(b, &ov, &got, FALSE, &flags),
          "the peer's closesocket completes it successfully");
    CHECK(got == 0 && ov.Internal == 0, "... with 0 bytes");
    WSACloseEvent(ov.hEvent);
    closesocket(b);

    /* The peer resets. */
    REQUIRE(ovl_tcp_pair(&a, &b) == 0, "loopback TCP pair");
    CHECK(post(b, &ov, &wb, buf, sizeof(buf), &err) == SOCKET_ERROR && err == WSA_IO_PENDING, "a receive is pending");
    lg.l_onoff = 1;
    lg.l_linger = 0;
    setsockopt(a, SOL_SOCKET, SO_LINGER, (const char *)&lg, sizeof(lg));
    closesocket(a);
    CHECK(ovl_signalled(ov.hEvent, 2000), "the peer's reset completes it");
    CHECK(!WSAGetOverlappedResult(b, &ov, &got, FALSE, &flags) && WSAGetLastError() == WSAECONNRESET,
          "... WSAGetOverlappedResult: WSAECONNRESET");
    CHECK(!GetOverlappedResult((HANDLE)b, &ov, &got, FALSE) && GetLastError() == ERROR_NETNAME_DELETED,
          "... GetOverlappedResult: ERROR_NETNAME_DELETED");
    CHECK(got == 0 && ov.Internal == 0xC000020D, "... 0 bytes, Internal STATUS_CONNECTION_RESET");
    {
        int error = -1, len = sizeof(error), rc;
        WSAPOLLFD pfd;
        fd_set rd, wr, ex;
        struct timeval zero = {0, 0};
        CHECK(getsockopt(b, SOL_SOCKET, SO_ERROR, (char *)&error, &len) == 0 && error == 0,
              "after it, SO_ERROR is 0");
        CHECK(post(b, &ov2_after_reset, &wb, buf, sizeof(buf), &err) == SOCKET_ERROR && err == WSAECONNRESET,
              "a new overlapped receive fails at once: WSAECONNRESET");
        WSACloseEvent(ov2_after_reset.hEvent);
        CHECK(recv(b, buf, sizeof(buf), 0) == SOCKET_ERROR && WSAGetLastError() == WSAECONNRESET,
              "a plain recv too, and again");
        CHECK(send(b, "data", 5, 0) == SOCKET_ERROR && WSAGetLastError() == WSAECONNRESET, "send: WSAECONNRESET");
        pfd.fd = b;
        pfd.events = POLLRDNORM | POLLRDBAND | POLLWRNORM;
        pfd.revents = 0;
        rc = WSAPoll(&pfd, 1, 1000);
        CHECK(rc == 1 && pfd.revents == (POLLERR | POLLHUP | POLLWRNORM), "WSAPoll: POLLERR | POLLHUP | POLLWRNORM");
        FD_ZERO(&rd);
        FD_ZERO(&wr);
        FD_ZERO(&ex);
        FD_SET(b, &rd);
        FD_SET(b, &wr);
        FD_SET(b, &ex);
        rc = select(0, &rd, &wr, &ex, &zero);
        CHECK(rc == 2 && FD_ISSET(b, &rd) && FD_ISSET(b, &wr) && !FD_ISSET(b, &ex),
              "select: readable and writable, no exception");
    }
    WSACloseEvent(ov.hEvent);
    closesocket(b);

    /* Our own closesocket: the event-notified receive is aborted too. */
    REQUIRE(ovl_tcp_pair(&a, &b) == 0, "loopback TCP pair");
    CHECK(post(b, &ov, &wb, buf, sizeof(buf), &err) == SOCKET_ERROR && err == WSA_IO_PENDING, "a receive is pending");
    closesocket(b);
    CHECK(ovl_signalled(ov.hEvent, 2000), "closesocket completes it");
    CHECK(!GetOverlappedResult((HANDLE)b, &ov, &got, FALSE) && GetLastError() == ERROR_CONNECTION_ABORTED,
          "... GetOverlappedResult: ERROR_CONNECTION_ABORTED");
    CHECK_EQ(ov.Internal, 0xC0000241, "... Internal STATUS_CONNECTION_ABORTED");
    WSACloseEvent(ov.hEvent);
    closesocket(a);
}

int main(void)
{
    ovl_start();
    pending_fields();
    several_and_cancel();
    zero_length();
    receive_timeout();
    shutdown_pending();
    peer_ends();
    WSACleanup();
    return check_done();
}

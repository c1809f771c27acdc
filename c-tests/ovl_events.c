/* Overlapped WSARecv/WSASend with event notification, as Microsoft's overlapped samples use
 * them: a receive with nothing to read is pending (WSA_IO_PENDING, Internal STATUS_PENDING,
 * WSAGetOverlappedResult WSA_IO_INCOMPLETE) and completes through its event and
 * WSAGetOverlappedResult; several pending receives complete in the order they were posted;
 * an operation that can complete at once returns 0 and still sets its event; the WSABUF
 * array may live on a stack frame that is gone; GetOverlappedResult with bWait TRUE waits. */
#include "ovl_util.h"

static char late_buf[16];

/* Posts a receive whose WSABUF array lives in this frame only. */
static int post_from_frame(SOCKET s, WSAOVERLAPPED *ov)
{
    WSABUF wsabuf;
    DWORD flags = 0;
    wsabuf.buf = late_buf;
    wsabuf.len = sizeof(late_buf);
    if (WSARecv(s, &wsabuf, 1, NULL, &flags, ov, NULL) == 0)
        return 0;
    return WSAGetLastError();
}

static void scribble_stack(void)
{
    volatile char junk[512];
    int i;
    for (i = 0; i < (int)sizeof(junk); i++)
        junk[i] = (char)0xEE;
    (void)junk[7];
}

int main(void)
{
    SOCKET a, b;
    WSAOVERLAPPED ov, ovs[3];
    WSABUF wsabuf;
    char buf[64], parts[3][4];
    DWORD bytes = 0, flags = 0, got = 0;
    HANDLE thread;
    int i, rc;

    ovl_start();
    REQUIRE(ovl_tcp_pair(&a, &b) == 0, "loopback TCP pair (WSA_FLAG_OVERLAPPED)");

    /* Nothing to read: pending. */
    ovl_init(&ov);
    wsabuf.buf = buf;
    wsabuf.len = sizeof(buf);
    bytes = 12345;
    rc = WSARecv(b, &wsabuf, 1, &bytes, &flags, &ov, NULL);
    CHECK_EQ(rc, SOCKET_ERROR, "WSARecv with nothing to read returns SOCKET_ERROR");
    CHECK_EQ(WSAGetLastError(), WSA_IO_PENDING, "... WSA_IO_PENDING");
    CHECK_EQ(ov.Internal, STATUS_PENDING, "Internal is STATUS_PENDING while pending");
    CHECK(!HasOverlappedIoCompleted(&ov), "HasOverlappedIoCompleted is FALSE");
    CHECK(!ovl_signalled(ov.hEvent, 0), "the event is not set");
    CHECK_EQ(WSAGetOverlappedResult(b, &ov, &got, FALSE, &flags), FALSE,
             "WSAGetOverlappedResult(fWait FALSE) on a pending receive fails");
    CHECK_EQ(WSAGetLastError(), WSA_IO_INCOMPLETE, "... WSA_IO_INCOMPLETE");

    CHECK_EQ(send(a, "hello", 5, 0), 5, "peer sends 5 bytes");
    CHECK(ovl_signalled(ov.hEvent, 5000), "the receive's event is set");
    CHECK(HasOverlappedIoCompleted(&ov), "HasOverlappedIoCompleted is TRUE");
    CHECK_EQ(ov.Internal, 0, "Internal is STATUS_SUCCESS");
    CHECK_EQ(ov.InternalHigh, 5, "InternalHigh is the byte count");
    flags = 99;
    CHECK_EQ(WSAGetOverlappedResult(b, &ov, &got, FALSE, &flags), TRUE, "WSAGetOverlappedResult");
    CHECK_EQ(got, 5, "... 5 bytes");
    CHECK_EQ(flags, 0, "... flags 0");
    CHECK(memcmp(buf, "hello", 5) == 0, "the data is in the buffer");

    /* Three pending receives complete in posting order. */
    for (i = 0; i < 3; i++) {
        WSABUF one;
        ovl_init(&ovs[i]);
        one.buf = parts[i];
        one.len = 4;
        flags = 0;
        rc = WSARecv(b, &one, 1, NULL, &flags, &ovs[i], NULL);
        CHECK(rc == SOCKET_ERROR && WSAGetLastError() == WSA_IO_PENDING, "receive pending (NULL count)");
    }
    CHECK_EQ(send(a, "AAAABBBBCCCC", 12, 0), 12, "peer sends 12 bytes");
    for (i = 0; i < 3; i++) {
        CHECK(ovl_signalled(ovs[i].hEvent, 5000), "pending receive completes");
        CHECK_EQ(WSAGetOverlappedResult(b, &ovs[i], &got, TRUE, &flags), TRUE, "... successfully");
        CHECK_EQ(got, 4, "... 4 bytes");
        CHECK_EQ(parts[i][0], "ABC"[i], "... in posting order");
        WSACloseEvent(ovs[i].hEvent);
    }

    /* Data already there: completes at once, and the event is still set. */
    CHECK_EQ(send(a, "xyz", 3, 0), 3, "peer sends 3 bytes");
    Sleep(100);
    WSASetEvent(ov.hEvent);
    bytes = 0;
    flags = 0;
    rc = WSARecv(b, &wsabuf, 1, &bytes, &flags, &ov, NULL);
    CHECK_EQ(rc, 0, "WSARecv with data waiting returns 0");
    CHECK_EQ(bytes, 3, "... the count at once");
    CHECK(ovl_signalled(ov.hEvent, 0), "... and its event is set");
    CHECK_EQ(ov.Internal, 0, "... Internal STATUS_SUCCESS");
    CHECK_EQ(ov.InternalHigh, 3, "... InternalHigh 3");

    /* An overlapped send completes at once with its event set. */
    WSAResetEvent(ov.hEvent);
    wsabuf.buf = (char *)"ping";
    wsabuf.len = 4;
    bytes = 0;
    rc = WSASend(a, &wsabuf, 1, &bytes, 0, &ov, NULL);
    CHECK_EQ(rc, 0, "overlapped WSASend returns 0");
    CHECK_EQ(bytes, 4, "... 4 bytes sent");
    CHECK(ovl_signalled(ov.hEvent, 0), "... its event is set");
    CHECK_EQ(WSAGetOverlappedResult(a, &ov, &got, FALSE, &flags), TRUE, "WSAGetOverlappedResult on the send");
    CHECK_EQ(got, 4, "... 4 bytes");
    CHECK_EQ(recv(b, buf, sizeof(buf), 0), 4, "the peer receives them");

    /* The WSABUF array is copied when the receive is posted. */
    CHECK_EQ(post_from_frame(b, &ov), WSA_IO_PENDING, "receive posted from a frame that returns");
    scribble_stack();
    CHECK_EQ(send(a, "frame", 5, 0), 5, "peer sends");
    CHECK_EQ(GetOverlappedResult((HANDLE)b, &ov, &got, TRUE), TRUE, "GetOverlappedResult(bWait TRUE)");
    CHECK_EQ(got, 5, "... 5 bytes");
    CHECK(memcmp(late_buf, "frame", 5) == 0, "... into the buffer the gone WSABUF named");

    /* GetOverlappedResult waits for a receive that completes later. */
    wsabuf.buf = buf;
    wsabuf.len = sizeof(buf);
    flags = 0;
    rc = WSARecv(b, &wsabuf, 1, NULL, &flags, &ov, NULL);
    CHECK(rc == SOCKET_ERROR && WSAGetLastError() == WSA_IO_PENDING, "receive pending");
    CHECK_EQ(GetOverlappedResult((HANDLE)b, &ov, &got, FALSE), FALSE, "GetOverlappedResult(bWait FALSE)");
    CHECK_EQ(GetLastError(), ERROR_IO_INCOMPLETE, "... ERROR_IO_INCOMPLETE");
    thread = ovl_send_later(a);
    CHECK_EQ(GetOverlappedResult((HANDLE)b, &ov, &got, TRUE), TRUE, "GetOverlappedResult(bWait TRUE) waits");
    CHECK_EQ(got, 5, "... for the 5 bytes sent later");
    WaitForSingleObject(thread, INFINITE);
    CloseHandle(thread);

    /* GetOverlappedResultEx: a bounded wait. */
    flags = 0;
    rc = WSARecv(b, &wsabuf, 1, NULL, &flags, &ov, NULL);
    CHECK(rc == SOCKET_ERROR && WSAGetLastError() == WSA_IO_PENDING, "receive pending");
    CHECK_EQ(GetOverlappedResultEx((HANDLE)b, &ov, &got, 50, FALSE), FALSE, "GetOverlappedResultEx(50 ms)");
    CHECK_EQ(GetLastError(), WAIT_TIMEOUT, "... WAIT_TIMEOUT while pending");
    CHECK_EQ(GetOverlappedResultEx((HANDLE)b, &ov, &got, 0, FALSE), FALSE, "GetOverlappedResultEx(0 ms)");
    CHECK_EQ(GetLastError(), ERROR_IO_INCOMPLETE, "... ERROR_IO_INCOMPLETE");
    send(a, "ex", 2, 0);
    CHECK_EQ(GetOverlappedResultEx((HANDLE)b, &ov, &got, 5000, FALSE), TRUE, "... completes within the wait");
    CHECK_EQ(got, 2, "... 2 bytes");

    /* An overlapped WSAIoctl completes at once and still sets its event. */
    {
        u_long avail = 99;
        DWORD ret = 0;
        WSAResetEvent(ov.hEvent);
        CHECK_EQ(WSAIoctl(b, FIONREAD, NULL, 0, &avail, sizeof(avail), &ret, &ov, NULL), 0,
                 "overlapped WSAIoctl(FIONREAD) returns 0");
        CHECK_EQ(avail, 0, "... nothing to read");
        CHECK(ovl_signalled(ov.hEvent, 0), "... its event is set");
        CHECK_EQ(ret, sizeof(avail), "... the output size in *lpcbBytesReturned");
        CHECK_EQ(ov.InternalHigh, 0, "... and 0 in InternalHigh, as Windows reports it");
        CHECK(WSAIoctl(b, FIONREAD, NULL, 0, &avail, sizeof(avail), NULL, &ov, NULL) == SOCKET_ERROR &&
                  WSAGetLastError() == WSAEFAULT,
              "... lpcbBytesReturned NULL with an OVERLAPPED: WSAEFAULT, as on Windows");
    }

    /* Peer closes: a pending receive completes with 0 bytes. */
    flags = 0;
    rc = WSARecv(b, &wsabuf, 1, NULL, &flags, &ov, NULL);
    CHECK(rc == SOCKET_ERROR && WSAGetLastError() == WSA_IO_PENDING, "receive pending");
    closesocket(a);
    CHECK_EQ(WSAGetOverlappedResult(b, &ov, &got, TRUE, &flags), TRUE, "peer closed: completes");
    CHECK_EQ(got, 0, "... with 0 bytes");

    WSACloseEvent(ov.hEvent);
    closesocket(b);
    WSACleanup();
    return check_done();
}

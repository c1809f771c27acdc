/* Overlapped datagrams and bad input: WSARecvFrom pending, completed with the sender's
 * address written to the program's buffer; WSASendTo overlapped; a datagram larger than the
 * buffers completes with WSAEMSGSIZE and the truncated count (pending and at once); bad
 * OVERLAPPED pointers fail with WSAEFAULT before anything is queued; NULL buffers fail as the
 * plain calls do. */
#include "ovl_util.h"

int main(void)
{
    struct sockaddr_in ra, sa, from;
    SOCKET r, s;
    WSAOVERLAPPED ov;
    WSABUF wsabuf;
    char buf[64], small[4];
    DWORD flags = 0, got = 0, bytes = 0;
    int fromlen, rc;

    ovl_start();
    r = ovl_udp(&ra);
    s = ovl_udp(&sa);
    REQUIRE(r != INVALID_SOCKET && s != INVALID_SOCKET, "two UDP sockets");

    /* A pending WSARecvFrom writes the source when it completes. */
    ovl_init(&ov);
    wsabuf.buf = buf;
    wsabuf.len = sizeof(buf);
    memset(&from, 0, sizeof(from));
    fromlen = sizeof(from);
    rc = WSARecvFrom(r, &wsabuf, 1, NULL, &flags, (struct sockaddr *)&from, &fromlen, &ov, NULL);
    CHECK(rc == SOCKET_ERROR && WSAGetLastError() == WSA_IO_PENDING, "WSARecvFrom pending");
    {
        WSABUF out;
        WSAOVERLAPPED sov;
        ovl_init(&sov);
        out.buf = (char *)"datagram";
        out.len = 8;
        rc = WSASendTo(s, &out, 1, &bytes, 0, (struct sockaddr *)&ra, sizeof(ra), &sov, NULL);
        CHECK_EQ(rc, 0, "overlapped WSASendTo returns 0");
        CHECK_EQ(bytes, 8, "... 8 bytes");
        CHECK(ovl_signalled(sov.hEvent, 0), "... its event is set");
        WSACloseEvent(sov.hEvent);
    }
    CHECK(ovl_signalled(ov.hEvent, 5000), "the receive completes");
    CHECK_EQ(WSAGetOverlappedResult(r, &ov, &got, FALSE, &flags), TRUE, "... successfully");
    CHECK_EQ(got, 8, "... 8 bytes");
    CHECK(memcmp(buf, "datagram", 8) == 0, "... the datagram");
    CHECK(from.sin_port == sa.sin_port && from.sin_addr.s_addr == sa.sin_addr.s_addr,
          "... the source address written");
    CHECK_EQ(fromlen, sizeof(from), "... and its length");

    /* A datagram larger than the buffers, pending. */
    wsabuf.buf = small;
    wsabuf.len = sizeof(small);
    rc = WSARecv(r, &wsabuf, 1, NULL, &flags, &ov, NULL);
    CHECK(rc == SOCKET_ERROR && WSAGetLastError() == WSA_IO_PENDING, "small receive pending");
    CHECK_EQ(sendto(s, "0123456789", 10, 0, (struct sockaddr *)&ra, sizeof(ra)), 10, "send 10 bytes");
    CHECK(ovl_signalled(ov.hEvent, 5000), "the receive completes");
    CHECK_EQ(WSAGetOverlappedResult(r, &ov, &got, FALSE, &flags), FALSE, "... failed");
    CHECK_EQ(WSAGetLastError(), WSAEMSGSIZE, "... WSAEMSGSIZE");
    CHECK_EQ(got, 4, "... with the truncated count");
    CHECK(memcmp(small, "0123", 4) == 0, "... the buffer filled");
    CHECK_EQ(ov.Internal, 0x80000005, "... Internal STATUS_BUFFER_OVERFLOW");

    /* ... and at once. */
    CHECK_EQ(sendto(s, "abcdefghij", 10, 0, (struct sockaddr *)&ra, sizeof(ra)), 10, "send 10 bytes");
    Sleep(100);
    WSAResetEvent(ov.hEvent);
    bytes = 0;
    rc = WSARecv(r, &wsabuf, 1, &bytes, &flags, &ov, NULL);
    CHECK_EQ(rc, SOCKET_ERROR, "small receive with the datagram waiting fails at once");
    CHECK_EQ(WSAGetLastError(), WSAEMSGSIZE, "... WSAEMSGSIZE");
    CHECK_EQ(bytes, 4, "... the truncated count");
    CHECK(ovl_signalled(ov.hEvent, 0), "... the completion is still posted");
    CHECK_EQ(ov.InternalHigh, 4, "... InternalHigh 4");

    /* Bad OVERLAPPED pointers: WSAEFAULT, nothing queued. */
    wsabuf.buf = buf;
    wsabuf.len = sizeof(buf);
    rc = WSARecv(r, &wsabuf, 1, NULL, &flags, (LPWSAOVERLAPPED)(ULONG_PTR)0x10, NULL);
    CHECK(rc == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT, "a near-NULL OVERLAPPED: WSAEFAULT");
    rc = WSARecv(r, &wsabuf, 1, NULL, &flags, (LPWSAOVERLAPPED)(ULONG_PTR)0x7ffffff00000ULL, NULL);
    CHECK(rc == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT, "an unmapped OVERLAPPED: WSAEFAULT");
    rc = WSASend(s, &wsabuf, 1, NULL, 0, (LPWSAOVERLAPPED)(ULONG_PTR)0x10, NULL);
    CHECK(rc == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT, "WSASend with a bad OVERLAPPED: WSAEFAULT");
    CHECK_EQ(WSAGetOverlappedResult(r, NULL, &got, FALSE, &flags), FALSE, "WSAGetOverlappedResult(NULL)");
    CHECK_EQ(WSAGetLastError(), WSAEFAULT, "... WSAEFAULT");
    CHECK_EQ(WSAGetOverlappedResult(r, &ov, NULL, FALSE, &flags), FALSE, "NULL count");
    CHECK_EQ(WSAGetLastError(), WSAEFAULT, "... WSAEFAULT");
    CHECK_EQ(GetOverlappedResult((HANDLE)r, NULL, &got, FALSE), FALSE, "GetOverlappedResult(NULL)");
    CHECK_EQ(GetLastError(), ERROR_INVALID_PARAMETER, "... ERROR_INVALID_PARAMETER");
    rc = WSARecv(r, NULL, 1, NULL, &flags, &ov, NULL);
    CHECK(rc == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT, "NULL WSABUF array: WSAEFAULT");
    rc = WSARecv(r, &wsabuf, 1, NULL, NULL, &ov, NULL);
    CHECK(rc == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT, "NULL lpFlags: WSAEFAULT");
    rc = WSARecv(INVALID_SOCKET, &wsabuf, 1, NULL, &flags, &ov, NULL);
    CHECK(rc == SOCKET_ERROR && WSAGetLastError() == WSAENOTSOCK, "not a socket: WSAENOTSOCK");
    CHECK(sendto(s, "x", 1, 0, (struct sockaddr *)&ra, sizeof(ra)) == 1, "one more datagram");
    Sleep(50);
    rc = WSARecv(r, &wsabuf, 1, &bytes, &flags, &ov, NULL);
    CHECK(rc == 0 && bytes == 1, "it goes to the next good receive: nothing bad was queued");

    WSACloseEvent(ov.hEvent);
    closesocket(r);
    closesocket(s);
    WSACleanup();
    return check_done();
}

/* WSAGetOverlappedResult with NULL for lpdwFlags, as programs that never look at the flags call
 * it: Windows still writes the byte count and reports the operation's result (a truncated
 * datagram: FALSE, WSAEMSGSIZE, the truncated count; a whole one: TRUE). ws2mp failed the call
 * with WSAEFAULT and left the count unwritten. A NULL lpcbTransfer is still WSAEFAULT. */
#include "ovl_util.h"

int main(void)
{
    struct sockaddr_in ra, sa;
    SOCKET r, s;
    WSAOVERLAPPED ov;
    WSABUF wsabuf;
    char buf[64], small[4];
    DWORD flags = 0, got;
    int rc;

    ovl_start();
    r = ovl_udp(&ra);
    s = ovl_udp(&sa);
    REQUIRE(r != INVALID_SOCKET && s != INVALID_SOCKET, "two UDP sockets");

    /* A whole datagram. */
    ovl_init(&ov);
    wsabuf.buf = buf;
    wsabuf.len = sizeof(buf);
    rc = WSARecv(r, &wsabuf, 1, NULL, &flags, &ov, NULL);
    CHECK(rc == SOCKET_ERROR && WSAGetLastError() == WSA_IO_PENDING, "WSARecv pending");
    CHECK_EQ(sendto(s, "HELLO", 6, 0, (struct sockaddr *)&ra, sizeof(ra)), 6, "sendto");
    CHECK_EQ(WaitForSingleObject(ov.hEvent, 2000), WAIT_OBJECT_0, "completion signalled");
    got = 0;
    CHECK_EQ(WSAGetOverlappedResult(r, &ov, &got, FALSE, NULL), TRUE, "NULL flags: TRUE");
    CHECK_EQ(got, 6, "NULL flags: byte count written");
    CHECK(strcmp(buf, "HELLO") == 0, "datagram");

    /* A truncated one: the error and the truncated count. */
    flags = 0;
    wsabuf.buf = small;
    wsabuf.len = sizeof(small);
    rc = WSARecv(r, &wsabuf, 1, NULL, &flags, &ov, NULL);
    CHECK(rc == SOCKET_ERROR && WSAGetLastError() == WSA_IO_PENDING, "WSARecv pending (small)");
    CHECK_EQ(sendto(s, "HELLO", 6, 0, (struct sockaddr *)&ra, sizeof(ra)), 6, "sendto");
    CHECK_EQ(WaitForSingleObject(ov.hEvent, 2000), WAIT_OBJECT_0, "completion signalled");
    got = 0;
    CHECK_EQ(WSAGetOverlappedResult(r, &ov, &got, FALSE, NULL), FALSE, "truncated: FALSE");
    CHECK_EQ(WSAGetLastError(), WSAEMSGSIZE, "truncated: WSAEMSGSIZE");
    CHECK_EQ(got, (DWORD)sizeof(small), "truncated: count written");

    /* The count itself cannot be NULL. */
    CHECK_EQ(WSAGetOverlappedResult(r, &ov, NULL, FALSE, &flags), FALSE, "NULL count: FALSE");
    CHECK_EQ(WSAGetLastError(), WSAEFAULT, "NULL count: WSAEFAULT");

    WSACloseEvent(ov.hEvent);
    closesocket(r);
    closesocket(s);
    WSACleanup();
    return check_done();
}

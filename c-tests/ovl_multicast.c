/* ws2mp-test: posix */ /* a private network namespace (unshare) */
/* ws2mp-test: needs-root
 *
 * Overlapped receives on a multicast member follow the same rules as the plain calls: with
 * SIO_MULTIPOINT_LOOPBACK FALSE a pending WSARecvFrom never completes with a datagram sent
 * from this host (the filter drops it and the receive stays pending), and once loopback is
 * back on the next datagram completes it; a member's overlapped WSASend goes to the joined
 * group (its default destination).
 */
#define _GNU_SOURCE 1
#include "mcast.h"
#include <windows.h>

int main(void)
{
    WSADATA wsa;
    WSAOVERLAPPED ov, sov;
    WSABUF wsabuf;
    SOCKADDR_STORAGE from;
    char buf[64], text[64];
    DWORD flags = 0, got = 0;
    unsigned short port;
    SOCKET w, r, s;
    int fromlen = sizeof(from), rc, err;

    private_netns();
    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");
    port = free_port(AF_INET);
    w = member(AF_INET, NULL, port, "239.255.10.7", JL_RECEIVER_ONLY);
    r = member(AF_INET, NULL, port, "239.255.10.7", JL_RECEIVER_ONLY);
    s = member(AF_INET, NULL, port, "239.255.10.7", JL_BOTH);
    REQUIRE(w != INVALID_SOCKET && r != INVALID_SOCKET && s != INVALID_SOCKET, "three members");
    REQUIRE(set_loopback(r, FALSE) == 0, "the receiver turns loopback off");

    memset(&ov, 0, sizeof(ov));
    ov.hEvent = WSACreateEvent();
    wsabuf.buf = buf;
    wsabuf.len = sizeof(buf);
    rc = WSARecvFrom(r, &wsabuf, 1, NULL, &flags, (struct sockaddr *)&from, &fromlen, &ov, NULL);
    CHECK(rc == SOCKET_ERROR && WSAGetLastError() == WSA_IO_PENDING, "overlapped WSARecvFrom pending");

    /* An overlapped send from a member goes to the group. */
    memset(&sov, 0, sizeof(sov));
    sov.hEvent = WSACreateEvent();
    {
        WSABUF out;
        DWORD sent = 0;
        out.buf = (char *)"local";
        out.len = 5;
        rc = WSASend(s, &out, 1, &sent, 0, &sov, NULL);
        CHECK(rc == 0 || WSAGetLastError() == WSA_IO_PENDING, "overlapped WSASend to the group");
        CHECK_EQ(WSAGetOverlappedResult(s, &sov, &sent, TRUE, &flags), TRUE, "... completes");
        CHECK_EQ(sent, 5, "... 5 bytes");
    }
    CHECK(recv_text(w, text, sizeof(text), 2000, &err) == 5 && strcmp(text, "local") == 0,
          "the witness (loopback on) receives it");
    Sleep(200);
    CHECK(!HasOverlappedIoCompleted(&ov), "the pending receive (loopback off) does not complete with it");
    CHECK_EQ(WSAGetOverlappedResult(r, &ov, &got, FALSE, &flags), FALSE, "... still pending");
    CHECK_EQ(WSAGetLastError(), WSA_IO_INCOMPLETE, "... WSA_IO_INCOMPLETE");

    REQUIRE(set_loopback(r, TRUE) == 0, "the receiver turns loopback on");
    CHECK_EQ(send(s, "again", 5, 0), 5, "a second datagram");
    CHECK_EQ(WSAGetOverlappedResult(r, &ov, &got, TRUE, &flags), TRUE, "the pending receive completes");
    CHECK(got == 5 && memcmp(buf, "again", 5) == 0, "... with the second datagram, not the dropped one");
    CHECK_EQ(fromlen, sizeof(struct sockaddr_in), "... the source length written");

    WSACloseEvent(ov.hEvent);
    WSACloseEvent(sov.hEvent);
    closesocket(w);
    closesocket(r);
    closesocket(s);
    WSACleanup();
    return check_done();
}

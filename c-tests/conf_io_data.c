/*
 * The data path the way a Windows client and server use it: WSASendTo and WSARecv(From)
 * argument rules (WSAENOTSOCK first, a NULL byte count is WSAEFAULT, a send binds the socket),
 * scattering into two buffers, lpFlags written back as 0, MSG_PEEK leaving the data, a
 * truncated datagram failing with WSAEMSGSIZE with the buffer filled (recvfrom and WSARecvFrom,
 * which reports the bytes copied and MSG_PARTIAL in lpFlags is not set), recvfrom with a
 * too-small address length (WSAEFAULT, nothing written, the datagram still queued) or a large
 * one (only the address written), zero-length datagrams, and a blocking recv woken by data.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <string.h>
#include "check.h"

int main(void)
{
    WSADATA wsaData;
    SOCKADDR_IN addr, from, got;
    SOCKET u, r, c, s, l;
    WSABUF bufs[2];
    DWORD n, flags;
    char buf[64], big[1024], small[4];
    int len, ret;

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsaData) == 0, "WSAStartup");

    /* WSASendTo's argument order and auto-bind */
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    r = socket(AF_INET, SOCK_DGRAM, 0);
    bind(r, (SOCKADDR *)&addr, sizeof(addr));
    len = sizeof(addr);
    getsockname(r, (SOCKADDR *)&addr, &len);
    u = socket(AF_INET, SOCK_DGRAM, 0);
    bufs[0].buf = "hello world";
    bufs[0].len = 12;
    CHECK_EQ(WSASendTo(INVALID_SOCKET, bufs, 1, NULL, 0, (SOCKADDR *)&addr, sizeof(addr), NULL, NULL),
             SOCKET_ERROR, "WSASendTo on INVALID_SOCKET fails");
    CHECK_EQ(WSAGetLastError(), WSAENOTSOCK, "... WSAENOTSOCK before anything else");
    len = sizeof(got);
    CHECK_EQ(getsockname(u, (SOCKADDR *)&got, &len), SOCKET_ERROR, "a fresh UDP socket has no name");
    CHECK_EQ(WSAGetLastError(), WSAEINVAL, "... WSAEINVAL");
    CHECK_EQ(WSASendTo(u, bufs, 1, NULL, 0, (SOCKADDR *)&addr, sizeof(addr), NULL, NULL), SOCKET_ERROR,
             "WSASendTo without a byte count fails");
    CHECK_EQ(WSAGetLastError(), WSAEFAULT, "... WSAEFAULT");
    WSASetLastError(12345);
    n = 0;
    CHECK_EQ(WSASendTo(u, bufs, 1, &n, 0, (SOCKADDR *)&addr, sizeof(addr), NULL, NULL), 0, "WSASendTo");
    CHECK_EQ(WSAGetLastError(), 0, "... clears the last error");
    CHECK_EQ(n, 12, "... 12 bytes");
    len = sizeof(got);
    CHECK_EQ(getsockname(u, (SOCKADDR *)&got, &len), 0, "the send bound the socket");
    CHECK(got.sin_family == AF_INET && got.sin_port != 0, "... to a port");

    /* the datagram, peeked then truncated */
    CHECK_EQ(recv(r, buf, sizeof(buf), MSG_PEEK), 12, "MSG_PEEK sees the datagram");
    len = sizeof(from);
    ret = recvfrom(r, small, sizeof(small), 0, (SOCKADDR *)&from, &len);
    CHECK_EQ(ret, SOCKET_ERROR, "recvfrom into 4 bytes fails");
    CHECK_EQ(WSAGetLastError(), WSAEMSGSIZE, "... WSAEMSGSIZE");
    CHECK(memcmp(small, "hell", 4) == 0, "... with the buffer filled");
    CHECK(from.sin_port == got.sin_port, "... and the source written");

    /* WSARecvFrom: truncated, byte count and flags */
    WSASendTo(u, bufs, 1, &n, 0, (SOCKADDR *)&addr, sizeof(addr), NULL, NULL);
    bufs[0].buf = small;
    bufs[0].len = sizeof(small);
    n = 0xdead;
    flags = 0;
    len = sizeof(from);
    ret = WSARecvFrom(r, bufs, 1, &n, &flags, (SOCKADDR *)&from, &len, NULL, NULL);
    CHECK_EQ(ret, SOCKET_ERROR, "WSARecvFrom into 4 bytes fails");
    CHECK_EQ(WSAGetLastError(), WSAEMSGSIZE, "... WSAEMSGSIZE");
    CHECK_EQ(n, 4, "... reporting the 4 bytes copied");

    /* recvfrom with a 1-byte address length: WSAEFAULT, nothing written, datagram kept */
    sendto(u, "abc", 3, 0, (SOCKADDR *)&addr, sizeof(addr));
    Sleep(20);
    big[0] = 'A';
    len = 1;
    CHECK_EQ(recvfrom(r, buf, sizeof(buf), 0, (SOCKADDR *)big, &len), SOCKET_ERROR, "recvfrom with fromlen 1 fails");
    CHECK_EQ(WSAGetLastError(), WSAEFAULT, "... WSAEFAULT");
    CHECK_EQ(big[0], 'A', "... nothing written");
    len = sizeof(big);
    big[1023] = 'B';
    CHECK_EQ(recvfrom(r, buf, sizeof(buf), 0, (SOCKADDR *)big, &len), 3, "the datagram is still there");
    CHECK_EQ(len, sizeof(SOCKADDR_IN), "... the length is the address's");
    CHECK_EQ(big[1023], 'B', "... nothing written past the address");

    /* a zero-length datagram */
    CHECK_EQ(sendto(u, buf, 0, 0, (SOCKADDR *)&addr, sizeof(addr)), 0, "send an empty datagram");
    Sleep(20);
    CHECK_EQ(recv(r, buf, sizeof(buf), 0), 0, "receive it: 0 bytes");
    closesocket(u);
    closesocket(r);

    /* TCP: two buffers, flags written back */
    l = socket(AF_INET, SOCK_STREAM, 0);
    addr.sin_port = 0;
    bind(l, (SOCKADDR *)&addr, sizeof(addr));
    len = sizeof(addr);
    getsockname(l, (SOCKADDR *)&addr, &len);
    listen(l, 1);
    c = socket(AF_INET, SOCK_STREAM, 0);
    connect(c, (SOCKADDR *)&addr, sizeof(addr));
    s = accept(l, NULL, NULL);
    closesocket(l);
    CHECK_EQ(send(c, "ab", 2, 0), 2, "send 2 bytes");
    bufs[0].buf = buf;
    bufs[0].len = 1;
    flags = 0;
    n = 0xdead;
    WSASetLastError(12345);
    CHECK_EQ(WSARecv(s, bufs, 1, &n, &flags, NULL, NULL), 0, "WSARecv 1 byte");
    CHECK_EQ(n, 1, "... 1");
    CHECK_EQ(WSAGetLastError(), 0, "... clears the last error");
    CHECK_EQ(WSARecv(s, bufs, 1, &n, &flags, NULL, NULL), 0, "WSARecv the second byte");
    CHECK_EQ(n, 1, "... 1");
    CHECK_EQ(send(c, "deadbeefs", 9, 0), 9, "send 9 bytes");
    Sleep(20);
    bufs[0].len = 4;
    bufs[1].buf = buf + 10;
    bufs[1].len = 5;
    flags = MSG_PEEK;
    CHECK_EQ(WSARecv(s, bufs, 2, &n, &flags, NULL, NULL), 0, "WSARecv MSG_PEEK into two buffers");
    CHECK_EQ(n, 9, "... sees 9");
    CHECK_EQ(flags, 0, "... lpFlags written back as 0");
    flags = 0;
    memset(buf, 0, sizeof(buf));
    CHECK_EQ(WSARecv(s, bufs, 2, &n, &flags, NULL, NULL), 0, "WSARecv into two buffers");
    CHECK_EQ(n, 9, "... 9 bytes");
    CHECK(memcmp(buf, "dead", 4) == 0 && memcmp(buf + 10, "beefs", 5) == 0, "... scattered in order");
    CHECK_EQ(WSARecv(s, NULL, 0, &n, &flags, NULL, NULL), SOCKET_ERROR, "WSARecv with no buffers fails");
    CHECK_EQ(WSAGetLastError(), WSAEINVAL, "... WSAEINVAL");
    CHECK_EQ(WSARecv(s, bufs, 0, &n, &flags, NULL, NULL), SOCKET_ERROR, "WSARecv with a count of 0 fails");
    CHECK_EQ(WSAGetLastError(), WSAEINVAL, "... WSAEINVAL");
    CHECK_EQ(send(c, "xyz", 3, 0), 3, "send 3 bytes");
    Sleep(20);
    CHECK_EQ(recv(s, NULL, 0, 0), 0, "with data waiting, recv of 0 bytes into NULL returns 0");
    CHECK_EQ(recv(s, buf, sizeof(buf), 0), 3, "... and leaves the data");
    CHECK_EQ(WSARecv(s, bufs, 1, NULL, &flags, NULL, NULL), SOCKET_ERROR, "WSARecv without a byte count fails");
    CHECK_EQ(WSAGetLastError(), WSAEFAULT, "... WSAEFAULT");
    CHECK_EQ(WSASend(INVALID_SOCKET, bufs, 1, NULL, 0, NULL, NULL), SOCKET_ERROR, "WSASend on INVALID_SOCKET");
    CHECK_EQ(WSAGetLastError(), WSAENOTSOCK, "... WSAENOTSOCK");

    /* a peer that closes: 0, then 0 again */
    closesocket(c);
    CHECK_EQ(recv(s, buf, sizeof(buf), 0), 0, "the peer closed: recv 0");
    CHECK_EQ(recv(s, buf, sizeof(buf), 0), 0, "... and 0 again");
    flags = 0;
    bufs[0].len = 4;
    CHECK_EQ(WSARecv(s, bufs, 1, &n, &flags, NULL, NULL), 0, "WSARecv after the close succeeds");
    CHECK_EQ(n, 0, "... with 0 bytes");
    closesocket(s);

    WSACleanup();
    return check_done();
}

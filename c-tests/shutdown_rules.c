/*
 * shutdown as Windows answers it: WSAENOTCONN on an unconnected or listening stream socket,
 * WSAEINVAL for an unknown `how`, WSAESHUTDOWN from every send after SD_SEND and every receive
 * after SD_RECEIVE (recv, WSARecv, recvfrom, TCP and UDP), and getsockname/getpeername still
 * answering after the connection is shut down.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include "check.h"

static SOCKET listener(SOCKADDR_IN *addr)
{
    SOCKET l = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    int len = sizeof(*addr);
    memset(addr, 0, sizeof(*addr));
    addr->sin_family = AF_INET;
    addr->sin_addr.s_addr = inet_addr("127.0.0.1");
    bind(l, (SOCKADDR *)addr, sizeof(*addr));
    getsockname(l, (SOCKADDR *)addr, &len);
    listen(l, 5);
    return l;
}

int main(void)
{
    WSADATA wsaData;
    SOCKADDR_IN laddr, peer, local, addr;
    SOCKET l, c, s, u1, u2;
    char buf[16];
    WSABUF wb;
    DWORD got, flags;
    int len, rc;

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsaData) == 0, "WSAStartup");
    l = listener(&laddr);

    c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    WSASetLastError(0xdead);
    CHECK_EQ(shutdown(c, SD_SEND), SOCKET_ERROR, "shutdown on an unconnected TCP socket fails");
    CHECK_EQ(WSAGetLastError(), WSAENOTCONN, "... with WSAENOTCONN");
    CHECK_EQ(shutdown(c, SD_RECEIVE), SOCKET_ERROR, "SD_RECEIVE on it fails too");
    CHECK_EQ(WSAGetLastError(), WSAENOTCONN, "... with WSAENOTCONN");
    CHECK_EQ(shutdown(l, SD_SEND), SOCKET_ERROR, "shutdown on a listening socket fails");
    CHECK_EQ(WSAGetLastError(), WSAENOTCONN, "... with WSAENOTCONN");

    REQUIRE(connect(c, (SOCKADDR *)&laddr, sizeof(laddr)) == 0, "connect");
    s = accept(l, NULL, NULL);
    REQUIRE(s != INVALID_SOCKET, "accept");

    CHECK_EQ(shutdown(c, 0xdead), SOCKET_ERROR, "an unknown how fails");
    CHECK_EQ(WSAGetLastError(), WSAEINVAL, "... with WSAEINVAL");

    WSASetLastError(0xdead);
    CHECK_EQ(shutdown(c, SD_SEND), 0, "SD_SEND on a connected socket succeeds");
    CHECK_EQ(WSAGetLastError(), 0, "... and clears the last error");
    CHECK_EQ(shutdown(c, SD_SEND), 0, "SD_SEND twice succeeds");
    CHECK_EQ(send(c, "test", 5, 0), SOCKET_ERROR, "send after SD_SEND fails");
    CHECK_EQ(WSAGetLastError(), WSAESHUTDOWN, "... with WSAESHUTDOWN");
    wb.buf = buf;
    wb.len = 5;
    CHECK_EQ(WSASend(c, &wb, 1, &got, 0, NULL, NULL), SOCKET_ERROR, "WSASend after SD_SEND fails");
    CHECK_EQ(WSAGetLastError(), WSAESHUTDOWN, "... with WSAESHUTDOWN");
    CHECK_EQ(recv(s, buf, sizeof(buf), 0), 0, "the peer sees the end of the stream");

    CHECK_EQ(shutdown(s, SD_RECEIVE), 0, "SD_RECEIVE succeeds");
    CHECK_EQ(recv(s, buf, sizeof(buf), 0), SOCKET_ERROR, "recv after SD_RECEIVE fails");
    CHECK_EQ(WSAGetLastError(), WSAESHUTDOWN, "... with WSAESHUTDOWN (not 0)");
    flags = 0;
    wb.len = sizeof(buf);
    CHECK_EQ(WSARecv(s, &wb, 1, &got, &flags, NULL, NULL), SOCKET_ERROR, "WSARecv after SD_RECEIVE fails");
    CHECK_EQ(WSAGetLastError(), WSAESHUTDOWN, "... with WSAESHUTDOWN");
    CHECK_EQ(send(s, "test", 5, 0), 5, "the other direction still sends");
    CHECK_EQ(recv(c, buf, sizeof(buf), 0), 5, "... and the data arrives");

    CHECK_EQ(shutdown(c, SD_RECEIVE), 0, "SD_RECEIVE after SD_SEND succeeds");
    CHECK_EQ(recv(c, buf, sizeof(buf), 0), SOCKET_ERROR, "recv after it fails");
    CHECK_EQ(WSAGetLastError(), WSAESHUTDOWN, "... with WSAESHUTDOWN");
    CHECK_EQ(shutdown(s, SD_SEND), 0, "the server shuts down its sending side too");

    len = sizeof(peer);
    CHECK_EQ(getpeername(c, (SOCKADDR *)&peer, &len), 0, "getpeername works after shutdown");
    CHECK(peer.sin_port == laddr.sin_port && peer.sin_addr.s_addr == laddr.sin_addr.s_addr,
          "... and reports the server");
    len = sizeof(local);
    CHECK_EQ(getsockname(c, (SOCKADDR *)&local, &len), 0, "getsockname works after shutdown");
    len = sizeof(peer);
    CHECK_EQ(getpeername(s, (SOCKADDR *)&peer, &len), 0, "the server's getpeername works");
    CHECK(peer.sin_port == local.sin_port, "... and reports the client");
    CHECK_EQ(connect(c, (SOCKADDR *)&laddr, sizeof(laddr)), SOCKET_ERROR, "connect again fails");
    CHECK_EQ(WSAGetLastError(), WSAEISCONN, "... with WSAEISCONN");
    closesocket(c);
    closesocket(s);

    /* SD_BOTH */
    c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    REQUIRE(connect(c, (SOCKADDR *)&laddr, sizeof(laddr)) == 0, "connect");
    s = accept(l, NULL, NULL);
    CHECK_EQ(shutdown(c, SD_BOTH), 0, "SD_BOTH succeeds");
    CHECK_EQ(recv(c, buf, sizeof(buf), 0), SOCKET_ERROR, "recv after SD_BOTH fails");
    CHECK_EQ(WSAGetLastError(), WSAESHUTDOWN, "... with WSAESHUTDOWN");
    CHECK_EQ(send(c, "test", 5, 0), SOCKET_ERROR, "send after SD_BOTH fails");
    CHECK_EQ(WSAGetLastError(), WSAESHUTDOWN, "... with WSAESHUTDOWN");
    CHECK_EQ(recv(s, buf, sizeof(buf), 0), 0, "the peer sees the end");
    CHECK_EQ(shutdown(s, SD_BOTH), 0, "the peer shuts down both ways");
    len = sizeof(peer);
    CHECK_EQ(getpeername(c, (SOCKADDR *)&peer, &len), 0, "getpeername after both sides shut down");
    CHECK(peer.sin_port == laddr.sin_port, "... still reports the server");
    closesocket(c);
    closesocket(s);
    closesocket(l);

    /* UDP */
    u1 = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    u2 = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = inet_addr("127.0.0.1");
    bind(u1, (SOCKADDR *)&addr, sizeof(addr));
    len = sizeof(addr);
    getsockname(u1, (SOCKADDR *)&addr, &len);
    CHECK_EQ(shutdown(u1, SD_RECEIVE), 0, "SD_RECEIVE on an unconnected UDP socket succeeds");
    CHECK_EQ(recvfrom(u1, buf, sizeof(buf), 0, NULL, NULL), SOCKET_ERROR, "recvfrom after it fails");
    CHECK_EQ(WSAGetLastError(), WSAESHUTDOWN, "... with WSAESHUTDOWN");
    CHECK_EQ(sendto(u2, "test", 5, 0, (SOCKADDR *)&addr, sizeof(addr)), 5, "sendto before SD_SEND");
    CHECK_EQ(shutdown(u2, SD_SEND), 0, "SD_SEND on an unconnected UDP socket succeeds");
    CHECK_EQ(shutdown(u2, SD_SEND), 0, "... twice");
    rc = sendto(u2, "test", 5, 0, (SOCKADDR *)&addr, sizeof(addr));
    CHECK_EQ(rc, SOCKET_ERROR, "sendto after SD_SEND fails");
    CHECK_EQ(WSAGetLastError(), WSAESHUTDOWN, "... with WSAESHUTDOWN");
    closesocket(u1);
    closesocket(u2);

    WSACleanup();
    return check_done();
}

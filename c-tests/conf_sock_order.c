/*
 * Calls made in the wrong order, and the address calls around them, as Windows answers them
 * (Wine's ws2_32 getsockname, listen, errors, connecting-socket and UDP tests, and Microsoft's
 * reference pages): getsockname on an unbound socket is WSAEINVAL with the buffer untouched,
 * after bind it clears the last error and zeroes sin_zero; recv on an unbound UDP socket is
 * WSAEINVAL; accept before listen or on a connected socket is WSAEINVAL; a second connect is
 * WSAEISCONN, connect on a listener WSAEINVAL, listen on a connected socket WSAEISCONN, bind on an
 * accepted socket WSAEINVAL; data calls on unconnected or listening TCP sockets are WSAENOTCONN,
 * also while a non-blocking connect is still under way (where a second connect is WSAEALREADY);
 * a refused connect is WSAECONNREFUSED and select then shows no writability; recvfrom with a
 * 1-byte address buffer is WSAEFAULT and keeps the datagram. Servers and clients branch on
 * exactly these codes (retry, reconnect, "not bound yet").
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <string.h>
#include "check.h"

static SOCKADDR_IN loopback(u_short port)
{
    SOCKADDR_IN a;
    memset(&a, 0, sizeof(a));
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons(port);
    return a;
}

static void names(void)
{
    SOCKADDR_IN set, got;
    SOCKET s;
    int len;
    char buf[8];

    s = socket(AF_INET, SOCK_STREAM, IPPROTO_IP);
    memset(&set, 0, sizeof(set));
    set.sin_family = AF_INET;
    got = set;
    len = sizeof(got);
    WSASetLastError(0xdead);
    CHECK_EQ(getsockname(s, (SOCKADDR *)&got, &len), SOCKET_ERROR, "getsockname on an unbound TCP socket fails");
    CHECK_EQ(WSAGetLastError(), WSAEINVAL, "... WSAEINVAL");
    CHECK(memcmp(&got, &set, sizeof(got)) == 0, "... the buffer untouched");
    CHECK_EQ(len, sizeof(got), "... the length untouched");
    CHECK_EQ(bind(s, (SOCKADDR *)&set, sizeof(set)), 0, "bind to 0.0.0.0 port 0");
    memset(&got, 0x55, sizeof(got));
    len = sizeof(got);
    WSASetLastError(0xdead);
    CHECK_EQ(getsockname(s, (SOCKADDR *)&got, &len), 0, "getsockname after bind");
    CHECK_EQ(WSAGetLastError(), 0, "... clears the last error");
    CHECK_EQ(got.sin_family, AF_INET, "... AF_INET");
    CHECK(got.sin_port != 0, "... a port was chosen");
    CHECK_EQ(got.sin_addr.s_addr, INADDR_ANY, "... the wildcard address");
    CHECK(memcmp(got.sin_zero, "\0\0\0\0\0\0\0\0", 8) == 0, "... sin_zero zeroed");
    len = sizeof(got) - 1;
    CHECK_EQ(getsockname(s, (SOCKADDR *)&got, &len), SOCKET_ERROR, "getsockname with a length one byte short");
    CHECK_EQ(WSAGetLastError(), WSAEFAULT, "... WSAEFAULT");
    CHECK_EQ(len, sizeof(got) - 1, "... the length kept");
    closesocket(s);

    s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    len = sizeof(got);
    CHECK_EQ(getsockname(s, (SOCKADDR *)&got, &len), SOCKET_ERROR, "getsockname on an unbound UDP socket fails");
    CHECK_EQ(WSAGetLastError(), WSAEINVAL, "... WSAEINVAL");
    len = sizeof(got);
    CHECK_EQ(recvfrom(s, buf, sizeof(buf), 0, (SOCKADDR *)&got, &len), SOCKET_ERROR, "recvfrom on an unbound UDP socket fails");
    CHECK_EQ(WSAGetLastError(), WSAEINVAL, "... WSAEINVAL");
    CHECK_EQ(recv(s, buf, sizeof(buf), 0), SOCKET_ERROR, "recv on an unbound UDP socket fails");
    CHECK_EQ(WSAGetLastError(), WSAEINVAL, "... WSAEINVAL");
    closesocket(s);
}

static void stream_order(void)
{
    SOCKADDR_IN addr, other;
    SOCKET l, c, a, u;
    int len;
    char buf[4];

    l = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    addr = loopback(0);
    REQUIRE(bind(l, (SOCKADDR *)&addr, sizeof(addr)) == 0, "bind the listener");
    len = sizeof(addr);
    REQUIRE(getsockname(l, (SOCKADDR *)&addr, &len) == 0, "its port");

    len = sizeof(other);
    CHECK(accept(c, (SOCKADDR *)&other, &len) == INVALID_SOCKET, "accept before listen fails");
    CHECK_EQ(WSAGetLastError(), WSAEINVAL, "... WSAEINVAL");
    REQUIRE(listen(l, 5) == 0, "listen");
    CHECK_EQ(send(l, "x", 1, 0), SOCKET_ERROR, "send on a listening socket fails");
    CHECK_EQ(WSAGetLastError(), WSAENOTCONN, "... WSAENOTCONN");
    CHECK_EQ(recv(l, buf, sizeof(buf), 0), SOCKET_ERROR, "recv on a listening socket fails");
    CHECK_EQ(WSAGetLastError(), WSAENOTCONN, "... WSAENOTCONN");
    CHECK_EQ(connect(l, (SOCKADDR *)&addr, sizeof(addr)), SOCKET_ERROR, "connect on a listening socket fails");
    CHECK_EQ(WSAGetLastError(), WSAEINVAL, "... WSAEINVAL");

    REQUIRE(connect(c, (SOCKADDR *)&addr, sizeof(addr)) == 0, "connect");
    CHECK_EQ(connect(c, (SOCKADDR *)&addr, sizeof(addr)), SOCKET_ERROR, "a second connect fails");
    CHECK_EQ(WSAGetLastError(), WSAEISCONN, "... WSAEISCONN");
    CHECK_EQ(listen(c, 1), SOCKET_ERROR, "listen on a connected socket fails");
    CHECK_EQ(WSAGetLastError(), WSAEISCONN, "... WSAEISCONN");
    len = sizeof(other);
    CHECK(accept(c, (SOCKADDR *)&other, &len) == INVALID_SOCKET, "accept on a connected socket fails");
    CHECK_EQ(WSAGetLastError(), WSAEINVAL, "... WSAEINVAL");
    a = accept(l, NULL, NULL);
    REQUIRE(a != INVALID_SOCKET, "accept");
    other = loopback(0);
    CHECK_EQ(bind(a, (SOCKADDR *)&other, sizeof(other)), SOCKET_ERROR, "bind on an accepted socket fails");
    CHECK_EQ(WSAGetLastError(), WSAEINVAL, "... WSAEINVAL");
    closesocket(a);
    closesocket(c);
    closesocket(l);

    u = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    CHECK_EQ(send(u, "x", 1, 0), SOCKET_ERROR, "send on a new TCP socket fails");
    CHECK_EQ(WSAGetLastError(), WSAENOTCONN, "... WSAENOTCONN");
    CHECK_EQ(recv(u, buf, sizeof(buf), 0), SOCKET_ERROR, "recv on a new TCP socket fails");
    CHECK_EQ(WSAGetLastError(), WSAENOTCONN, "... WSAENOTCONN");
    other = loopback(9);
    CHECK_EQ(sendto(u, "x", 1, 0, (SOCKADDR *)&other, sizeof(other)), SOCKET_ERROR, "sendto on a new TCP socket fails");
    CHECK_EQ(WSAGetLastError(), WSAENOTCONN, "... WSAENOTCONN");
    /* addr's listener is closed: nobody listens there now. */
    CHECK_EQ(connect(u, (SOCKADDR *)&addr, sizeof(addr)), SOCKET_ERROR, "connect to a closed port fails");
    CHECK_EQ(WSAGetLastError(), WSAECONNREFUSED, "... WSAECONNREFUSED");
    {
        fd_set writable;
        TIMEVAL tv = {0, 50000};
        FD_ZERO(&writable);
        FD_SET(u, &writable);
        CHECK_EQ(select(0, NULL, &writable, NULL, &tv), 0, "select shows the refused socket not writable");
    }
    closesocket(u);
}

static void connecting(void)
{
    SOCKADDR_IN addr, got;
    SOCKET l = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP), filler, s;
    u_long nonblocking = 1;
    char buf[4];
    int len;

    /* A listener whose accept queue is full leaves later connects unanswered: under way. */
    addr = loopback(0);
    REQUIRE(bind(l, (SOCKADDR *)&addr, sizeof(addr)) == 0 && listen(l, 0) == 0, "a listener with backlog 0");
    len = sizeof(addr);
    REQUIRE(getsockname(l, (SOCKADDR *)&addr, &len) == 0, "its port");
    filler = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    REQUIRE(connect(filler, (SOCKADDR *)&addr, sizeof(addr)) == 0, "the accept queue is filled");
    Sleep(50);

    s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    ioctlsocket(s, FIONBIO, &nonblocking);
    CHECK_EQ(connect(s, (SOCKADDR *)&addr, sizeof(addr)), SOCKET_ERROR, "a non-blocking connect");
    CHECK_EQ(WSAGetLastError(), WSAEWOULDBLOCK, "... is under way (WSAEWOULDBLOCK)");
    CHECK_EQ(connect(s, (SOCKADDR *)&addr, sizeof(addr)), SOCKET_ERROR, "connect again while it is under way");
    CHECK_EQ(WSAGetLastError(), WSAEALREADY, "... WSAEALREADY");
    CHECK_EQ(recv(s, buf, sizeof(buf), 0), SOCKET_ERROR, "recv while connecting");
    CHECK_EQ(WSAGetLastError(), WSAENOTCONN, "... WSAENOTCONN");
    CHECK_EQ(send(s, "data", 5, 0), SOCKET_ERROR, "send while connecting");
    CHECK_EQ(WSAGetLastError(), WSAENOTCONN, "... WSAENOTCONN");
    len = sizeof(got);
    CHECK_EQ(getsockname(s, (SOCKADDR *)&got, &len), 0, "getsockname while connecting");
    CHECK(got.sin_port != 0, "... the port chosen for the connect");
    closesocket(s);
    closesocket(filler);
    closesocket(l);
}

static void datagram_lengths(void)
{
    SOCKADDR_IN addr;
    SOCKET r = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP), w = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    char data[16], from[1024];
    int len;

    memset(data, 'd', sizeof(data));
    addr = loopback(0);
    REQUIRE(bind(r, (SOCKADDR *)&addr, sizeof(addr)) == 0, "bind the receiver");
    len = sizeof(addr);
    REQUIRE(getsockname(r, (SOCKADDR *)&addr, &len) == 0, "its port");
    CHECK_EQ(sendto(w, data, sizeof(data), 0, (SOCKADDR *)&addr, sizeof(addr)), sizeof(data), "sendto");
    from[0] = 'A';
    len = 1;
    CHECK_EQ(recvfrom(r, data, sizeof(data), 0, (SOCKADDR *)from, &len), SOCKET_ERROR, "recvfrom with a 1-byte address buffer fails");
    CHECK_EQ(WSAGetLastError(), WSAEFAULT, "... WSAEFAULT");
    CHECK(from[0] == 'A', "... nothing written to the address buffer");
    from[1023] = 'B';
    len = sizeof(from);
    CHECK_EQ(recvfrom(r, data, sizeof(data), 0, (SOCKADDR *)from, &len), sizeof(data), "the datagram is still queued");
    CHECK_EQ(len, sizeof(SOCKADDR_IN), "... the length written back is the address's");
    CHECK(from[1023] == 'B', "... nothing written past the address");
    addr = loopback(0);
    CHECK_EQ(sendto(w, data, sizeof(data), 0, (SOCKADDR *)&addr, sizeof(addr)), sizeof(data), "sendto port 0 on 127.0.0.1 succeeds");
    closesocket(r);
    closesocket(w);
}

int main(void)
{
    WSADATA wsaData;

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsaData) == 0, "WSAStartup");
    names();
    stream_order();
    connecting();
    datagram_lengths();
    WSACleanup();
    return check_done();
}

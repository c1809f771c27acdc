/* Small Windows behaviours: send/recv during a pending connect, recv after a datagram
 * disconnect, and buffer sizes read back as set. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include "check.h"

int main(void)
{
    WSADATA wsa;
    SOCKET u, t, l;
    struct sockaddr_in a, zero;
    int len = sizeof(a), size, optlen = sizeof(size);
    u_long nb = 1;
    char buf[16];

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");

    /* recv after connect(all-zero) on a datagram socket: WSAENOTCONN; recvfrom still works. */
    u = socket(AF_INET, SOCK_DGRAM, 0);
    memset(&a, 0, sizeof(a));
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(bind(u, (SOCKADDR *)&a, sizeof(a)) == 0, "bind a UDP socket");
    getsockname(u, (SOCKADDR *)&a, &len);
    CHECK_EQ(connect(u, (SOCKADDR *)&a, sizeof(a)), 0, "connect it to itself");
    memset(&zero, 0, sizeof(zero));
    zero.sin_family = AF_INET;
    CHECK_EQ(connect(u, (SOCKADDR *)&zero, sizeof(zero)), 0, "connect to the all-zero address disconnects");
    ioctlsocket(u, FIONBIO, &nb);
    CHECK_EQ(recv(u, buf, sizeof(buf), 0), SOCKET_ERROR, "recv after the disconnect fails");
    CHECK_EQ(WSAGetLastError(), WSAENOTCONN, "... with WSAENOTCONN");
    CHECK_EQ(send(u, "x", 1, 0), SOCKET_ERROR, "send after the disconnect fails");
    CHECK_EQ(WSAGetLastError(), WSAENOTCONN, "... with WSAENOTCONN");
    CHECK_EQ(sendto(u, "hi", 2, 0, (SOCKADDR *)&a, sizeof(a)), 2, "sendto still works");
    CHECK_EQ(recvfrom(u, buf, sizeof(buf), 0, NULL, NULL), 2, "recvfrom still receives from anyone");
    CHECK_EQ(connect(u, (SOCKADDR *)&a, sizeof(a)), 0, "connect again");
    CHECK_EQ(send(u, "ok", 2, 0), 2, "send works after reconnecting");
    CHECK_EQ(recv(u, buf, sizeof(buf), 0), 2, "recv works after reconnecting");

    /* Buffer sizes read back as set. */
    size = 65536;
    CHECK_EQ(setsockopt(u, SOL_SOCKET, SO_RCVBUF, (char *)&size, sizeof(size)), 0, "set SO_RCVBUF");
    size = 0;
    CHECK_EQ(getsockopt(u, SOL_SOCKET, SO_RCVBUF, (char *)&size, &optlen), 0, "get SO_RCVBUF");
    CHECK_EQ(size, 65536, "SO_RCVBUF reads back as set");
    size = 32768;
    setsockopt(u, SOL_SOCKET, SO_SNDBUF, (char *)&size, sizeof(size));
    size = 0;
    getsockopt(u, SOL_SOCKET, SO_SNDBUF, (char *)&size, &optlen);
    CHECK_EQ(size, 32768, "SO_SNDBUF reads back as set");
    closesocket(u);

    /* send and recv while a non-blocking connect is pending: WSAENOTCONN. A listener with a
     * full backlog keeps the connect pending. */
    l = socket(AF_INET, SOCK_STREAM, 0);
    a.sin_port = 0;
    bind(l, (SOCKADDR *)&a, sizeof(a));
    len = sizeof(a);
    getsockname(l, (SOCKADDR *)&a, &len);
    listen(l, 0);
    {
        SOCKET fill[8];
        int i;
        for (i = 0; i < 8; i++) {
            fill[i] = socket(AF_INET, SOCK_STREAM, 0);
            ioctlsocket(fill[i], FIONBIO, &nb);
            connect(fill[i], (SOCKADDR *)&a, sizeof(a));
        }
        t = socket(AF_INET, SOCK_STREAM, 0);
        ioctlsocket(t, FIONBIO, &nb);
        CHECK_EQ(connect(t, (SOCKADDR *)&a, sizeof(a)), SOCKET_ERROR, "a connect to a listener with a full backlog stays pending");
        CHECK_EQ(WSAGetLastError(), WSAEWOULDBLOCK, "... (WSAEWOULDBLOCK)");
        CHECK_EQ(send(t, "x", 1, 0), SOCKET_ERROR, "send during a pending connect fails");
        CHECK_EQ(WSAGetLastError(), WSAENOTCONN, "... with WSAENOTCONN");
        CHECK_EQ(recv(t, buf, 1, 0), SOCKET_ERROR, "recv during a pending connect fails");
        CHECK_EQ(WSAGetLastError(), WSAENOTCONN, "... with WSAENOTCONN");
        closesocket(t);
        for (i = 0; i < 8; i++)
            closesocket(fill[i]);
    }
    closesocket(l);
    WSACleanup();
    return check_done();
}

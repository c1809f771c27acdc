/*
 * A connection the peer resets (linger {1, 0} then closesocket), as a Windows client sees it:
 * the next recv fails with WSAECONNRESET, SO_ERROR is then 0, a send fails with WSAECONNRESET,
 * WSAPoll reports POLLERR | POLLHUP | POLLWRNORM, select puts it in the read and write sets
 * but not the except set. Also sendto/recvfrom on TCP (the address arguments are ignored and
 * left untouched) and a UDP socket's connect/disconnect rules.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <string.h>
#include "check.h"

static void pair(SOCKET *a, SOCKET *b)
{
    SOCKADDR_IN addr;
    int len = sizeof(addr);
    SOCKET l = socket(AF_INET, SOCK_STREAM, 0);
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = inet_addr("127.0.0.1");
    bind(l, (SOCKADDR *)&addr, sizeof(addr));
    getsockname(l, (SOCKADDR *)&addr, &len);
    listen(l, 1);
    *a = socket(AF_INET, SOCK_STREAM, 0);
    connect(*a, (SOCKADDR *)&addr, sizeof(addr));
    *b = accept(l, NULL, NULL);
    closesocket(l);
}

int main(void)
{
    WSADATA wsaData;
    SOCKET c, s, u1, u2;
    struct linger lg = {1, 0};
    char buf[32];
    int err, len, ret;
    WSAPOLLFD p;
    fd_set rs, ws, es;
    struct timeval zero = {0, 0};
    SOCKADDR_IN bad, copy, addr, got;
    int to_len = 0x0c0ffee1;
    u_long nb = 1;

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsaData) == 0, "WSAStartup");

    pair(&c, &s);
    CHECK_EQ(setsockopt(s, SOL_SOCKET, SO_LINGER, (char *)&lg, sizeof(lg)), 0, "linger {1, 0}");
    closesocket(s);
    Sleep(100);
    CHECK_EQ(recv(c, buf, sizeof(buf), 0), SOCKET_ERROR, "recv after the reset fails");
    CHECK_EQ(WSAGetLastError(), WSAECONNRESET, "... WSAECONNRESET");
    err = -1;
    len = sizeof(err);
    CHECK_EQ(getsockopt(c, SOL_SOCKET, SO_ERROR, (char *)&err, &len), 0, "SO_ERROR");
    CHECK_EQ(err, 0, "... 0 once reported");
    CHECK_EQ(send(c, "data", 5, 0), SOCKET_ERROR, "send after the reset fails");
    CHECK_EQ(WSAGetLastError(), WSAECONNRESET, "... WSAECONNRESET");
    p.fd = c;
    p.events = POLLRDNORM | POLLRDBAND | POLLWRNORM;
    p.revents = 0;
    CHECK_EQ(WSAPoll(&p, 1, 1000), 1, "WSAPoll reports it");
    CHECK_EQ(p.revents, POLLERR | POLLHUP | POLLWRNORM, "... POLLERR | POLLHUP | POLLWRNORM");
    FD_ZERO(&rs); FD_ZERO(&ws); FD_ZERO(&es);
    FD_SET(c, &rs); FD_SET(c, &ws); FD_SET(c, &es);
    CHECK_EQ(select(0, &rs, &ws, &es, &zero), 2, "select: two sets");
    CHECK(FD_ISSET(c, &rs) && FD_ISSET(c, &ws) && !FD_ISSET(c, &es), "... read and write, not except");
    FD_ZERO(&es);
    FD_SET(c, &es);
    CHECK_EQ(select(0, NULL, NULL, &es, &zero), 0, "the except set alone: nothing");
    closesocket(c);

    /* sendto/recvfrom on TCP ignore the address arguments */
    pair(&c, &s);
    memset(&bad, 0xfe, sizeof(bad));
    memcpy(&copy, &bad, sizeof(bad));
    CHECK_EQ(sendto(s, "tcp data", 9, 0, (SOCKADDR *)&bad, sizeof(bad)), 9, "sendto on TCP ignores the address");
    CHECK(memcmp(&bad, &copy, sizeof(bad)) == 0, "... and leaves it alone");
    CHECK_EQ(recvfrom(c, buf, sizeof(buf), 0, (SOCKADDR *)&bad, &to_len), 9, "recvfrom on TCP");
    CHECK(memcmp(&bad, &copy, sizeof(bad)) == 0, "... writes no address");
    CHECK_EQ(to_len, 0x0c0ffee1, "... nor a length");
    closesocket(c);
    closesocket(s);

    /* UDP connect rules */
    u1 = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    u2 = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    ioctlsocket(u1, FIONBIO, &nb);
    ioctlsocket(u2, FIONBIO, &nb);
    CHECK_EQ(send(u1, "data", 4, 0), SOCKET_ERROR, "send on an unconnected UDP socket fails");
    CHECK_EQ(WSAGetLastError(), WSAENOTCONN, "... WSAENOTCONN");
    CHECK_EQ(recv(u2, buf, sizeof(buf), 0), SOCKET_ERROR, "recv on an unbound UDP socket fails");
    CHECK_EQ(WSAGetLastError(), WSAEINVAL, "... WSAEINVAL");
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(u2, (SOCKADDR *)&addr, sizeof(addr));
    len = sizeof(addr);
    getsockname(u2, (SOCKADDR *)&addr, &len);
    CHECK_EQ(recv(u2, buf, sizeof(buf), 0), SOCKET_ERROR, "bound, nothing queued");
    CHECK_EQ(WSAGetLastError(), WSAEWOULDBLOCK, "... WSAEWOULDBLOCK");
    CHECK_EQ(connect(u1, (SOCKADDR *)&addr, sizeof(addr)), 0, "connect UDP");
    len = sizeof(got);
    CHECK_EQ(getpeername(u1, (SOCKADDR *)&got, &len), 0, "getpeername");
    CHECK(memcmp(&got, &addr, sizeof(addr)) == 0, "... the address connected to");
    len = sizeof(got);
    CHECK_EQ(getpeername(u2, (SOCKADDR *)&got, &len), SOCKET_ERROR, "the receiver has no peer");
    CHECK_EQ(WSAGetLastError(), WSAENOTCONN, "... WSAENOTCONN");
    CHECK_EQ(send(u1, "data", 4, 0), 4, "send");
    Sleep(20);
    CHECK_EQ(recv(u2, buf, sizeof(buf), 0), 4, "recv");
    CHECK_EQ(send(u2, "data", 4, 0), SOCKET_ERROR, "send from the unconnected receiver fails");
    CHECK_EQ(WSAGetLastError(), WSAENOTCONN, "... WSAENOTCONN");
    CHECK_EQ(connect(u1, (SOCKADDR *)&addr, sizeof(addr)), 0, "connect again to the same");
    addr.sin_port = htons(ntohs(addr.sin_port) + 1);
    CHECK_EQ(connect(u1, (SOCKADDR *)&addr, sizeof(addr)), 0, "connect to another port");
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_UNSPEC;
    CHECK_EQ(connect(u1, (SOCKADDR *)&addr, sizeof(addr)), 0, "connect to AF_UNSPEC");
    len = sizeof(got);
    ret = getpeername(u1, (SOCKADDR *)&got, &len);
    CHECK_EQ(ret, SOCKET_ERROR, "... disconnects");
    CHECK_EQ(WSAGetLastError(), WSAENOTCONN, "... WSAENOTCONN");
    closesocket(u1);
    closesocket(u2);

    WSACleanup();
    return check_done();
}

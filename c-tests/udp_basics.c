/*
 * UDP on loopback with Windows' semantics: sendto/recvfrom, WSASendTo/WSARecvFrom with several
 * WSABUFs (gather/scatter), a truncated datagram filling the buffer and failing with
 * WSAEMSGSIZE, connect setting a default peer (and filtering), connect to the all-zero address
 * removing it (send -> WSAENOTCONN), and SO_MAX_MSG_SIZE.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include "check.h"
#include "udp_util.h"

static int same_addr(const SOCKADDR_IN *a, const SOCKADDR_IN *b)
{
    return a->sin_family == b->sin_family && a->sin_port == b->sin_port && a->sin_addr.s_addr == b->sin_addr.s_addr;
}

int main(void)
{
    WSADATA wsaData;
    SOCKET a, b, c;
    SOCKADDR_IN aaddr, baddr, caddr, from, zero;
    char buf[256], big[100], p1[4], p2[3], p3[10];
    WSABUF bufs[3];
    DWORD count, flags;
    int len, n, i, maxmsg, optlen;
    WSAPROTOCOL_INFOA info;
    char *huge;

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsaData) == 0, "WSAStartup");
    a = bound_udp(&aaddr);
    b = bound_udp(&baddr);
    c = bound_udp(&caddr);
    REQUIRE(a != INVALID_SOCKET && b != INVALID_SOCKET && c != INVALID_SOCKET, "three UDP sockets on 127.0.0.1");

    /* sendto / recvfrom. */
    CHECK_EQ(sendto(a, "ping", 4, 0, (SOCKADDR *)&baddr, sizeof baddr), 4, "sendto returns the bytes sent");
    len = sizeof from;
    memset(&from, 0, sizeof from);
    n = recvfrom(b, buf, sizeof buf, 0, (SOCKADDR *)&from, &len);
    CHECK_EQ(n, 4, "recvfrom returns the datagram's size");
    CHECK(memcmp(buf, "ping", 4) == 0, "... and its bytes");
    CHECK(len == sizeof(SOCKADDR_IN) && same_addr(&from, &aaddr), "... and the sender's address");
    CHECK_EQ(sendto(a, "peek", 4, 0, (SOCKADDR *)&baddr, sizeof baddr), 4, "sendto");
    CHECK_EQ(recv(b, buf, sizeof buf, MSG_PEEK), 4, "recv(MSG_PEEK) sees the datagram");
    len = 8;
    CHECK_EQ(recvfrom(b, buf, sizeof buf, 0, (SOCKADDR *)&from, &len), SOCKET_ERROR, "recvfrom with fromlen 8 fails");
    CHECK_EQ(WSAGetLastError(), WSAEFAULT, "... with WSAEFAULT");
    n = recvfrom(b, buf, sizeof buf, 0, NULL, NULL);
    CHECK(n == 4 && memcmp(buf, "peek", 4) == 0, "... leaving the datagram queued; recvfrom with NULL from reads it");
    CHECK_EQ(sendto(a, "", 0, 0, (SOCKADDR *)&baddr, sizeof baddr), 0, "an empty datagram can be sent");
    CHECK_EQ(recv(b, buf, sizeof buf, 0), 0, "... and received (0 bytes)");
    CHECK_EQ(recv(b, buf, sizeof buf, MSG_OOB), SOCKET_ERROR, "recv(MSG_OOB) on a datagram socket fails");
    CHECK_EQ(WSAGetLastError(), WSAEOPNOTSUPP, "... with WSAEOPNOTSUPP");
    CHECK_EQ(sendto(a, "x", 1, 0, (SOCKADDR *)&baddr, sizeof baddr - 1), SOCKET_ERROR, "sendto with tolen too small fails");
    CHECK_EQ(WSAGetLastError(), WSAEFAULT, "... with WSAEFAULT");

    /* Gather on send, scatter on receive. */
    bufs[0].buf = (char *)"abc";
    bufs[0].len = 3;
    bufs[1].buf = (char *)"de";
    bufs[1].len = 2;
    bufs[2].buf = (char *)"fghij";
    bufs[2].len = 5;
    count = 0;
    CHECK_EQ(WSASendTo(a, bufs, 3, &count, 0, (SOCKADDR *)&baddr, sizeof baddr, NULL, NULL), 0, "WSASendTo with three buffers");
    CHECK_EQ(count, 10, "... reports 10 bytes sent");
    n = recv(b, buf, sizeof buf, 0);
    CHECK(n == 10 && memcmp(buf, "abcdefghij", 10) == 0, "... as one datagram, gathered in order");
    CHECK_EQ(WSASendTo(a, bufs, 3, &count, 0, (SOCKADDR *)&baddr, sizeof baddr, NULL, NULL), 0, "WSASendTo again");
    memset(p1, 0, sizeof p1);
    memset(p2, 0, sizeof p2);
    memset(p3, 0, sizeof p3);
    bufs[0].buf = p1;
    bufs[0].len = sizeof p1;
    bufs[1].buf = p2;
    bufs[1].len = sizeof p2;
    bufs[2].buf = p3;
    bufs[2].len = sizeof p3;
    count = 0;
    flags = 0;
    len = sizeof from;
    CHECK_EQ(WSARecvFrom(b, bufs, 3, &count, &flags, (SOCKADDR *)&from, &len, NULL, NULL), 0, "WSARecvFrom with three buffers");
    CHECK_EQ(count, 10, "... reports 10 bytes");
    CHECK(memcmp(p1, "abcd", 4) == 0 && memcmp(p2, "efg", 3) == 0 && memcmp(p3, "hij", 3) == 0, "... scattered 4 + 3 + 3");
    CHECK_EQ(flags, 0, "... flags 0 (a whole message)");
    CHECK(same_addr(&from, &aaddr), "... from the sender");

    /* A datagram larger than the buffers: buffers filled, WSAEMSGSIZE, the rest is lost. */
    for (i = 0; i < (int)sizeof big; i++)
        big[i] = (char)('A' + i % 26);
    CHECK_EQ(sendto(a, big, sizeof big, 0, (SOCKADDR *)&baddr, sizeof baddr), 100, "send a 100-byte datagram");
    memset(buf, 0, sizeof buf);
    CHECK_EQ(recv(b, buf, 10, 0), SOCKET_ERROR, "recv into 10 bytes fails");
    CHECK_EQ(WSAGetLastError(), WSAEMSGSIZE, "... with WSAEMSGSIZE");
    CHECK(memcmp(buf, big, 10) == 0 && buf[10] == 0, "... after filling the 10 bytes, and no more");
    CHECK_EQ(sendto(a, big, sizeof big, 0, (SOCKADDR *)&baddr, sizeof baddr), 100, "send it again");
    memset(buf, 0, sizeof buf);
    len = sizeof from;
    memset(&from, 0, sizeof from);
    CHECK_EQ(recvfrom(b, buf, 20, 0, (SOCKADDR *)&from, &len), SOCKET_ERROR, "recvfrom into 20 bytes fails");
    CHECK_EQ(WSAGetLastError(), WSAEMSGSIZE, "... with WSAEMSGSIZE");
    CHECK(memcmp(buf, big, 20) == 0, "... after filling the buffer");
    CHECK(same_addr(&from, &aaddr), "... and still reports the sender");
    CHECK_EQ(sendto(a, big, sizeof big, 0, (SOCKADDR *)&baddr, sizeof baddr), 100, "send it once more");
    memset(p1, 0, sizeof p1);
    memset(p2, 0, sizeof p2);
    bufs[0].buf = p1;
    bufs[0].len = sizeof p1;
    bufs[1].buf = p2;
    bufs[1].len = sizeof p2;
    count = 12345;
    flags = 0;
    CHECK_EQ(WSARecv(b, bufs, 2, &count, &flags, NULL, NULL), SOCKET_ERROR, "WSARecv into 4 + 3 bytes fails");
    CHECK_EQ(WSAGetLastError(), WSAEMSGSIZE, "... with WSAEMSGSIZE");
    CHECK_EQ(count, 7, "... with the byte count set to the 7 bytes copied");
    CHECK(memcmp(p1, big, 4) == 0 && memcmp(p2, big + 4, 3) == 0, "... and both buffers filled");
    CHECK_EQ(sendto(a, "next", 4, 0, (SOCKADDR *)&baddr, sizeof baddr), 4, "send a small datagram");
    n = recv(b, buf, sizeof buf, 0);
    CHECK(n == 4 && memcmp(buf, "next", 4) == 0, "the next recv gets the next datagram (the truncated rest is gone)");

    /* connect sets the default peer; only its datagrams arrive. */
    CHECK_EQ(send(a, "x", 1, 0), SOCKET_ERROR, "send on an unconnected UDP socket fails");
    CHECK_EQ(WSAGetLastError(), WSAENOTCONN, "... with WSAENOTCONN");
    CHECK_EQ(connect(a, (SOCKADDR *)&baddr, sizeof baddr), 0, "connect a UDP socket to b");
    CHECK_EQ(send(a, "default", 7, 0), 7, "send goes to the default peer");
    len = sizeof from;
    n = recvfrom(b, buf, sizeof buf, 0, (SOCKADDR *)&from, &len);
    CHECK(n == 7 && memcmp(buf, "default", 7) == 0 && same_addr(&from, &aaddr), "... b receives it from a");
    len = sizeof from;
    CHECK(getpeername(a, (SOCKADDR *)&from, &len) == 0 && same_addr(&from, &baddr), "getpeername names the default peer");
    CHECK_EQ(sendto(c, "from-c", 6, 0, (SOCKADDR *)&aaddr, sizeof aaddr), 6, "c sends to a");
    CHECK_EQ(sendto(b, "from-b", 6, 0, (SOCKADDR *)&aaddr, sizeof aaddr), 6, "b sends to a");
    n = recv(a, buf, sizeof buf, 0);
    CHECK(n == 6 && memcmp(buf, "from-b", 6) == 0, "a receives b's datagram: c's, from another address, was dropped");
    CHECK_EQ(connect(a, (SOCKADDR *)&caddr, sizeof caddr), 0, "connect again changes the default peer");
    CHECK_EQ(send(a, "to-c", 4, 0), 4, "send");
    n = recv(c, buf, sizeof buf, 0);
    CHECK(n == 4 && memcmp(buf, "to-c", 4) == 0, "... now reaches c");

    /* WSAConnect on UDP: the same, with no callee data. */
    {
        WSABUF callee;
        char cbuf[16];
        callee.buf = cbuf;
        callee.len = sizeof cbuf;
        CHECK_EQ(WSAConnect(a, (SOCKADDR *)&baddr, sizeof baddr, NULL, &callee, NULL, NULL), 0, "WSAConnect on UDP");
        CHECK_EQ(callee.len, 0, "... sets lpCalleeData->len to 0");
        CHECK_EQ(send(a, "wsa", 3, 0), 3, "send after WSAConnect");
        n = recv(b, buf, sizeof buf, 0);
        CHECK(n == 3 && memcmp(buf, "wsa", 3) == 0, "... reaches the new default peer");
    }

    /* connect to the all-zero address removes the default peer. */
    memset(&zero, 0, sizeof zero);
    zero.sin_family = AF_INET;
    CHECK_EQ(connect(a, (SOCKADDR *)&zero, sizeof zero), 0, "connect to 0.0.0.0:0 disconnects");
    len = sizeof from;
    CHECK(getsockname(a, (SOCKADDR *)&from, &len) == 0 && same_addr(&from, &aaddr), "... and keeps the local address and port");
    CHECK_EQ(send(a, "x", 1, 0), SOCKET_ERROR, "send afterwards fails");
    CHECK_EQ(WSAGetLastError(), WSAENOTCONN, "... with WSAENOTCONN");
    count = 0;
    bufs[0].buf = (char *)"x";
    bufs[0].len = 1;
    CHECK_EQ(WSASend(a, bufs, 1, &count, 0, NULL, NULL), SOCKET_ERROR, "WSASend afterwards fails");
    CHECK_EQ(WSAGetLastError(), WSAENOTCONN, "... with WSAENOTCONN");
    len = sizeof from;
    CHECK_EQ(getpeername(a, (SOCKADDR *)&from, &len), SOCKET_ERROR, "getpeername afterwards fails");
    CHECK_EQ(WSAGetLastError(), WSAENOTCONN, "... with WSAENOTCONN");
    CHECK_EQ(sendto(a, "still", 5, 0, (SOCKADDR *)&baddr, sizeof baddr), 5, "sendto still works");
    n = recv(b, buf, sizeof buf, 0);
    CHECK(n == 5 && memcmp(buf, "still", 5) == 0, "... and arrives");
    CHECK_EQ(sendto(c, "any", 3, 0, (SOCKADDR *)&aaddr, sizeof aaddr), 3, "c sends to a");
    len = sizeof from;
    n = recvfrom(a, buf, sizeof buf, 0, (SOCKADDR *)&from, &len);
    CHECK(n == 3 && same_addr(&from, &caddr), "a receives from anyone again");

    /* SO_MAX_MSG_SIZE: the largest datagram, as the catalog entry says. */
    maxmsg = 0;
    optlen = sizeof maxmsg;
    CHECK_EQ(getsockopt(a, SOL_SOCKET, SO_MAX_MSG_SIZE, (char *)&maxmsg, &optlen), 0, "getsockopt(SO_MAX_MSG_SIZE)");
    CHECK_EQ(optlen, sizeof(int), "... writes 4 bytes");
    optlen = sizeof info;
    REQUIRE(getsockopt(a, SOL_SOCKET, SO_PROTOCOL_INFOA, (char *)&info, &optlen) == 0, "getsockopt(SO_PROTOCOL_INFOA)");
    CHECK_EQ(maxmsg, (int)info.dwMessageSize, "... equals the entry's dwMessageSize");
    CHECK(maxmsg >= 65467 && maxmsg <= 65527, "... a UDP-sized maximum");
    huge = (char *)calloc(1, (size_t)maxmsg + 1);
    REQUIRE(huge != NULL, "calloc");
    CHECK_EQ(sendto(a, huge, maxmsg, 0, (SOCKADDR *)&baddr, sizeof baddr), maxmsg, "a datagram of exactly that size can be sent");
    CHECK_EQ(recv(b, huge, maxmsg + 1, 0), maxmsg, "... and received whole");
    CHECK_EQ(sendto(a, huge, maxmsg + 1, 0, (SOCKADDR *)&baddr, sizeof baddr), SOCKET_ERROR, "one byte more fails");
    CHECK_EQ(WSAGetLastError(), WSAEMSGSIZE, "... with WSAEMSGSIZE");
    free(huge);
    optlen = 2;
    CHECK_EQ(getsockopt(a, SOL_SOCKET, SO_MAX_MSG_SIZE, (char *)&maxmsg, &optlen), SOCKET_ERROR, "SO_MAX_MSG_SIZE with optlen 2 fails");
    CHECK_EQ(WSAGetLastError(), WSAEFAULT, "... with WSAEFAULT");
    CHECK_EQ(setsockopt(a, SOL_SOCKET, SO_MAX_MSG_SIZE, (char *)&maxmsg, sizeof maxmsg), SOCKET_ERROR, "SO_MAX_MSG_SIZE is read-only");
    CHECK_EQ(WSAGetLastError(), WSAENOPROTOOPT, "... WSAENOPROTOOPT");

    /* IPv6. */
    {
        SOCKET x = socket(AF_INET6, SOCK_DGRAM, 0), y = socket(AF_INET6, SOCK_DGRAM, 0);
        SOCKADDR_IN6 xa, ya, f6;
        memset(&xa, 0, sizeof xa);
        xa.sin6_family = AF_INET6;
        xa.sin6_addr = in6addr_loopback;
        ya = xa;
        len = sizeof ya;
        REQUIRE(x != INVALID_SOCKET && y != INVALID_SOCKET && bind(x, (SOCKADDR *)&xa, sizeof xa) == 0 &&
                    bind(y, (SOCKADDR *)&ya, sizeof ya) == 0 && getsockname(y, (SOCKADDR *)&ya, &len) == 0,
                "two UDP sockets on [::1]");
        CHECK_EQ(sendto(x, "v6", 2, 0, (SOCKADDR *)&ya, sizeof ya), 2, "sendto over IPv6");
        len = sizeof f6;
        CHECK_EQ(recvfrom(y, buf, sizeof buf, 0, (SOCKADDR *)&f6, &len), 2, "recvfrom over IPv6");
        CHECK(len == sizeof(SOCKADDR_IN6) && f6.sin6_family == AF_INET6, "... names an IPv6 sender");
        CHECK_EQ(sendto(x, "v4", 2, 0, (SOCKADDR *)&baddr, sizeof baddr), SOCKET_ERROR, "sendto an IPv4 address from an IPv6 socket fails");
        CHECK_EQ(WSAGetLastError(), WSAEAFNOSUPPORT, "... with WSAEAFNOSUPPORT");
        CHECK_EQ(sendto(x, "v6", 2, 0, (SOCKADDR *)&ya, sizeof ya), 2, "sendto over IPv6 again");
        len = sizeof(SOCKADDR_IN);
        CHECK_EQ(recvfrom(y, buf, sizeof buf, 0, (SOCKADDR *)&f6, &len), SOCKET_ERROR, "recvfrom with a sockaddr_in-sized fromlen on IPv6 fails");
        CHECK_EQ(WSAGetLastError(), WSAEFAULT, "... with WSAEFAULT");
        closesocket(x);
        closesocket(y);
    }

    closesocket(a);
    closesocket(b);
    closesocket(c);
    CHECK_EQ(WSACleanup(), 0, "WSACleanup");
    return check_done();
}

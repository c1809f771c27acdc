/*
 * FIONREAD and SIOCATMARK through WSAIoctl, as a Windows program polls them: a short output
 * buffer is WSAEFAULT and leaves *lpcbBytesReturned alone; a successful call clears the last
 * error and returns 4 bytes; FIONREAD counts ordinary data only (the urgent byte is not in
 * it), SIOCATMARK is FALSE while an urgent byte waits and TRUE again once it was read; fresh,
 * bound and listening sockets report 0 and TRUE.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <string.h>
#include "check.h"

static void query(SOCKET s, unsigned *nread, unsigned *atmark)
{
    int value;
    DWORD size;

    value = 0x5a5a;
    size = 0;
    WSASetLastError(0xdead);
    CHECK_EQ(WSAIoctl(s, FIONREAD, NULL, 0, &value, sizeof(value), &size, NULL, NULL), 0, "WSAIoctl FIONREAD");
    CHECK_EQ(WSAGetLastError(), 0, "... last error cleared");
    CHECK_EQ(size, sizeof(value), "... 4 bytes");
    *nread = (unsigned)value;
    value = 0x5a5a;
    WSASetLastError(0xdead);
    CHECK_EQ(WSAIoctl(s, SIOCATMARK, NULL, 0, &value, sizeof(value), &size, NULL, NULL), 0, "WSAIoctl SIOCATMARK");
    CHECK_EQ(WSAGetLastError(), 0, "... last error cleared");
    *atmark = (unsigned)value;
}

int main(void)
{
    WSADATA wsaData;
    SOCKADDR_IN addr;
    SOCKET l, c, s;
    int len = sizeof(addr), value;
    unsigned n, mark;
    DWORD size;
    char buf[8];
    fd_set es;
    struct timeval tv = {2, 0};

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsaData) == 0, "WSAStartup");
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    l = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);

    query(l, &n, &mark);
    CHECK(n == 0 && mark == TRUE, "a fresh socket: 0 bytes, at the mark");
    bind(l, (SOCKADDR *)&addr, sizeof(addr));
    query(l, &n, &mark);
    CHECK(n == 0 && mark == TRUE, "a bound socket: 0 bytes, at the mark");
    getsockname(l, (SOCKADDR *)&addr, &len);
    listen(l, 1);
    c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    connect(c, (SOCKADDR *)&addr, sizeof(addr));
    s = accept(l, NULL, NULL);
    REQUIRE(s != INVALID_SOCKET, "a connected pair");

    size = 0xdeadbeef;
    CHECK_EQ(WSAIoctl(c, FIONREAD, NULL, 0, &value, sizeof(value) - 1, &size, NULL, NULL), SOCKET_ERROR,
             "FIONREAD into 3 bytes fails");
    CHECK_EQ(WSAGetLastError(), WSAEFAULT, "... WSAEFAULT");
    CHECK_EQ(size, 0xdeadbeef, "... the count is left alone");
    size = 0xdeadbeef;
    CHECK_EQ(WSAIoctl(c, SIOCATMARK, NULL, 0, &value, sizeof(value) - 1, &size, NULL, NULL), SOCKET_ERROR,
             "SIOCATMARK into 3 bytes fails");
    CHECK_EQ(WSAGetLastError(), WSAEFAULT, "... WSAEFAULT");
    CHECK_EQ(size, 0xdeadbeef, "... the count is left alone");
    CHECK_EQ(WSAIoctl(c, SIOCATMARK, NULL, 0, &value, sizeof(value), NULL, NULL, NULL), SOCKET_ERROR,
             "SIOCATMARK without lpcbBytesReturned fails");
    CHECK_EQ(WSAGetLastError(), WSAEFAULT, "... WSAEFAULT");

    query(c, &n, &mark);
    CHECK(n == 0 && mark == TRUE, "connected, nothing sent: 0 bytes, at the mark");
    CHECK_EQ(send(s, "data", 5, 0), 5, "send 5 bytes");
    Sleep(50);
    query(c, &n, &mark);
    CHECK_EQ(n, 5, "FIONREAD: 5");
    CHECK_EQ(mark, TRUE, "SIOCATMARK: TRUE");
    CHECK_EQ(send(s, "a", 1, MSG_OOB), 1, "send an urgent byte");
    FD_ZERO(&es);
    FD_SET(c, &es);
    select(0, NULL, NULL, &es, &tv);
    query(c, &n, &mark);
    CHECK_EQ(n, 5, "FIONREAD does not count the urgent byte");
    CHECK_EQ(mark, FALSE, "SIOCATMARK: FALSE while it waits");
    CHECK_EQ(recv(c, buf, 1, MSG_OOB), 1, "recv the urgent byte");
    query(c, &n, &mark);
    CHECK_EQ(n, 5, "FIONREAD: still the 5 ordinary bytes");
    CHECK_EQ(mark, TRUE, "SIOCATMARK: TRUE again");
    CHECK_EQ(recv(c, buf, sizeof(buf), 0), 5, "recv the 5 bytes");
    query(c, &n, &mark);
    CHECK(n == 0 && mark == TRUE, "all read: 0 bytes, at the mark");

    closesocket(c);
    closesocket(s);
    closesocket(l);
    WSACleanup();
    return check_done();
}

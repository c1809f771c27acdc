/*
 * Legacy programs read WSAGetLastError() after calls that succeeded: Windows sets it to 0 on
 * success in the socket calls. Each call below runs with a stale error set first.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include "check.h"

#define STALE() WSASetLastError(0xdead)

int main(void)
{
    WSADATA wsaData;
    SOCKADDR_IN addr, from;
    SOCKET l, c, s, u1, u2;
    WSABUF wb;
    DWORD n, flags;
    char buf[16];
    int len, ret;
    fd_set ws;
    struct timeval tv = {0, 0};
    WSAEVENT ev;
    WSANETWORKEVENTS ne;

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsaData) == 0, "WSAStartup");

    STALE();
    l = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    CHECK(l != INVALID_SOCKET && WSAGetLastError() == 0, "socket success clears the last error");
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = inet_addr("127.0.0.1");
    STALE();
    CHECK(bind(l, (SOCKADDR *)&addr, sizeof(addr)) == 0 && WSAGetLastError() == 0, "bind success clears it");
    len = sizeof(addr);
    STALE();
    CHECK(getsockname(l, (SOCKADDR *)&addr, &len) == 0 && WSAGetLastError() == 0, "getsockname success clears it");
    STALE();
    CHECK(listen(l, 5) == 0 && WSAGetLastError() == 0, "listen success clears it");

    STALE();
    c = WSASocket(AF_INET, SOCK_STREAM, IPPROTO_TCP, NULL, 0, 0);
    CHECK(c != INVALID_SOCKET && WSAGetLastError() == 0, "WSASocket success clears it");
    STALE();
    CHECK(connect(c, (SOCKADDR *)&addr, sizeof(addr)) == 0 && WSAGetLastError() == 0, "connect success clears it");
    STALE();
    s = accept(l, NULL, NULL);
    CHECK(s != INVALID_SOCKET && WSAGetLastError() == 0, "accept success clears it");
    len = sizeof(from);
    STALE();
    CHECK(getpeername(s, (SOCKADDR *)&from, &len) == 0 && WSAGetLastError() == 0, "getpeername success clears it");

    STALE();
    CHECK(send(c, "ab", 2, 0) == 2 && WSAGetLastError() == 0, "send success clears it");
    wb.buf = buf;
    wb.len = 1;
    flags = 0;
    FD_ZERO(&ws);
    FD_SET(s, &ws);
    tv.tv_sec = 1;
    STALE();
    CHECK(select(0, &ws, NULL, NULL, &tv) == 1 && WSAGetLastError() == 0, "select success clears it");
    STALE();
    CHECK(recv(s, buf, 1, 0) == 1 && WSAGetLastError() == 0, "recv success clears it");
    STALE();
    ret = WSARecv(s, &wb, 1, &n, &flags, NULL, NULL);
    CHECK(ret == 0 && n == 1 && WSAGetLastError() == 0, "WSARecv success clears it");
    wb.buf = (char *)"xyz";
    wb.len = 3;
    STALE();
    CHECK(WSASend(c, &wb, 1, &n, 0, NULL, NULL) == 0 && WSAGetLastError() == 0, "WSASend success clears it");

    ev = WSACreateEvent();
    STALE();
    CHECK(WSAEventSelect(s, ev, FD_READ) == 0 && WSAGetLastError() == 0, "WSAEventSelect success clears it");
    STALE();
    CHECK(WSAEnumNetworkEvents(s, ev, &ne) == 0 && WSAGetLastError() == 0, "WSAEnumNetworkEvents success clears it");
    WSAEventSelect(s, NULL, 0);
    WSACloseEvent(ev);
    STALE();
    CHECK(shutdown(c, SD_SEND) == 0 && WSAGetLastError() == 0, "shutdown success clears it");
    {
        int one = 1, value = 0, vlen = sizeof(value);
        u_long avail = 0;
        DWORD got = 0;
        STALE();
        CHECK(setsockopt(s, SOL_SOCKET, SO_KEEPALIVE, (char *)&one, sizeof(one)) == 0 && WSAGetLastError() == 0,
              "setsockopt success clears it");
        STALE();
        CHECK(getsockopt(s, SOL_SOCKET, SO_KEEPALIVE, (char *)&value, &vlen) == 0 && WSAGetLastError() == 0,
              "getsockopt success clears it");
        STALE();
        CHECK(ioctlsocket(s, FIONREAD, &avail) == 0 && WSAGetLastError() == 0, "ioctlsocket success clears it");
        STALE();
        CHECK(WSAIoctl(s, FIONREAD, NULL, 0, &value, sizeof(value), &got, NULL, NULL) == 0 && WSAGetLastError() == 0,
              "WSAIoctl success clears it");
    }

    u1 = socket(AF_INET, SOCK_DGRAM, 0);
    u2 = socket(AF_INET, SOCK_DGRAM, 0);
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = inet_addr("127.0.0.1");
    bind(u1, (SOCKADDR *)&addr, sizeof(addr));
    len = sizeof(addr);
    getsockname(u1, (SOCKADDR *)&addr, &len);
    STALE();
    CHECK(sendto(u2, "hi", 2, 0, (SOCKADDR *)&addr, sizeof(addr)) == 2 && WSAGetLastError() == 0, "sendto success clears it");
    len = sizeof(from);
    STALE();
    CHECK(recvfrom(u1, buf, sizeof(buf), 0, (SOCKADDR *)&from, &len) == 2 && WSAGetLastError() == 0, "recvfrom success clears it");
    STALE();
    CHECK(closesocket(u1) == 0 && WSAGetLastError() == 0, "closesocket success clears it");

    /* A failure still reports its error. */
    CHECK_EQ(recv(u1, buf, 1, 0), SOCKET_ERROR, "recv on a closed socket fails");
    CHECK_EQ(WSAGetLastError(), WSAENOTSOCK, "... with WSAENOTSOCK");

    closesocket(u2);
    closesocket(c);
    closesocket(s);
    closesocket(l);
    WSACleanup();
    return check_done();
}

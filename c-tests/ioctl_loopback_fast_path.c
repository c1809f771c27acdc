/* SIO_LOOPBACK_FAST_PATH, which low-latency Windows programs set on TCP sockets before
 * connecting over loopback: accepted on stream sockets (the connection then works as usual),
 * refused on datagram sockets (Windows documents it for TCP only), and it needs its BOOL; the
 * <VersionHelpers.h> check such programs make first. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <mstcpip.h>
#include <versionhelpers.h>
#include <stdio.h>
#include "check.h"

int main(void)
{
    WSADATA wsa;
    SOCKET ls, c, s, u;
    struct sockaddr_in a;
    int len = sizeof(a);
    int on = 1;
    DWORD bytes = 0;
    char buf[8];
    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");
    CHECK_EQ((DWORD)SIO_LOOPBACK_FAST_PATH, 0x98000010u, "SIO_LOOPBACK_FAST_PATH has Windows' value");
    CHECK(IsWindows8OrGreater() && IsWindowsVistaOrGreater(), "IsWindows8OrGreater, the check made before using it, is TRUE");
    CHECK(!IsWindowsServer(), "IsWindowsServer is FALSE");

    ls = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    CHECK_EQ(WSAIoctl(ls, SIO_LOOPBACK_FAST_PATH, &on, sizeof(on), NULL, 0, &bytes, NULL, NULL), 0,
             "the listener accepts SIO_LOOPBACK_FAST_PATH");
    CHECK_EQ(WSAIoctl(c, SIO_LOOPBACK_FAST_PATH, &on, sizeof(on), NULL, 0, &bytes, NULL, NULL), 0,
             "so does the client before connecting");
    memset(&a, 0, sizeof(a));
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(bind(ls, (SOCKADDR *)&a, sizeof(a)) == 0 && listen(ls, 1) == 0, "listener on 127.0.0.1");
    getsockname(ls, (SOCKADDR *)&a, &len);
    CHECK_EQ(connect(c, (SOCKADDR *)&a, sizeof(a)), 0, "the client connects");
    s = accept(ls, NULL, NULL);
    CHECK(send(c, "fast", 4, 0) == 4 && recv(s, buf, sizeof(buf), 0) == 4, "and data flows");

    CHECK_EQ(WSAIoctl(c, SIO_LOOPBACK_FAST_PATH, NULL, 0, NULL, 0, &bytes, NULL, NULL), SOCKET_ERROR,
             "without its BOOL the call fails");
    CHECK_EQ(WSAGetLastError(), WSAEFAULT, "with WSAEFAULT");
    u = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    CHECK_EQ(WSAIoctl(u, SIO_LOOPBACK_FAST_PATH, &on, sizeof(on), NULL, 0, &bytes, NULL, NULL), SOCKET_ERROR,
             "a UDP socket refuses it");
    CHECK_EQ(WSAGetLastError(), WSAEOPNOTSUPP, "with WSAEOPNOTSUPP");

    closesocket(u);
    closesocket(s);
    closesocket(c);
    closesocket(ls);
    WSACleanup();
    return check_done();
}

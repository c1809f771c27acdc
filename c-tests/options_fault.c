/*
 * A pointer the program cannot read or write is WSAEFAULT, not a crash: option values passed
 * as small integers instead of pointers (a classic legacy bug), unmapped optlen pointers, and
 * WSAIoctl buffers.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include "check.h"

int main(void)
{
    WSADATA wsaData;
    SOCKET s;
    int len, v;
    DWORD returned;

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsaData) == 0, "WSAStartup");
    s = socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(s != INVALID_SOCKET, "socket");

    CHECK(setsockopt(s, SOL_SOCKET, SO_DONTROUTE, (char *)1, 1) == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT,
          "setsockopt(SO_DONTROUTE) with the value 1 instead of a pointer: WSAEFAULT");
    CHECK(setsockopt(s, SOL_SOCKET, SO_LINGER, (char *)16, 4) == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT,
          "setsockopt(SO_LINGER) with an unmapped pointer: WSAEFAULT");
    CHECK(setsockopt(s, IPPROTO_TCP, TCP_NODELAY, (char *)8, 4) == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT,
          "setsockopt(TCP_NODELAY) with an unmapped pointer: WSAEFAULT");
    len = sizeof v;
    CHECK(getsockopt(s, SOL_SOCKET, SO_TYPE, (char *)8, &len) == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT,
          "getsockopt into an unmapped buffer: WSAEFAULT");
    CHECK(getsockopt(s, SOL_SOCKET, SO_TYPE, (char *)&v, (int *)8) == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT,
          "getsockopt with an unmapped optlen: WSAEFAULT");
    CHECK(ioctlsocket(s, FIONBIO, (u_long *)24) == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT,
          "ioctlsocket(FIONBIO) with an unmapped argument: WSAEFAULT");
    CHECK(WSAIoctl(s, FIONBIO, (void *)24, 4, NULL, 0, &returned, NULL, NULL) == SOCKET_ERROR &&
              WSAGetLastError() == WSAEFAULT,
          "WSAIoctl(FIONBIO) with an unmapped input: WSAEFAULT");
    CHECK(WSAIoctl(s, FIONREAD, NULL, 0, (void *)24, 4, &returned, NULL, NULL) == SOCKET_ERROR &&
              WSAGetLastError() == WSAEFAULT,
          "WSAIoctl(FIONREAD) with an unmapped output: WSAEFAULT");
    v = 1;
    CHECK_EQ(setsockopt(s, SOL_SOCKET, SO_DONTROUTE, (char *)&v, sizeof v), 0, "the same calls with real pointers work");

    closesocket(s);
    WSACleanup();
    return check_done();
}

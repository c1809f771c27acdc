/*
 * getpeername's checks in Windows' order: WSAENOTSOCK first, then WSAENOTCONN (an unconnected
 * UDP socket, also after sendto), then the pointers (WSAEFAULT with the length untouched), and
 * a connected UDP socket's peer returned as it was given to connect.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <string.h>
#include "check.h"

int main(void)
{
    WSADATA wsaData;
    SOCKADDR_IN sa, out;
    SOCKADDR_STORAGE ss;
    SOCKET s;
    int len;

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsaData) == 0, "WSAStartup");
    CHECK_EQ(getpeername(INVALID_SOCKET, NULL, NULL), SOCKET_ERROR, "getpeername(INVALID_SOCKET) fails");
    CHECK_EQ(WSAGetLastError(), WSAENOTSOCK, "... WSAENOTSOCK");

    s = socket(AF_INET, SOCK_DGRAM, IPPROTO_IP);
    CHECK_EQ(getpeername(s, NULL, NULL), SOCKET_ERROR, "an unconnected UDP socket has no peer");
    CHECK_EQ(WSAGetLastError(), WSAENOTCONN, "... WSAENOTCONN, before the NULL pointers");
    memset(&sa, 0, sizeof(sa));
    sa.sin_family = AF_INET;
    sa.sin_port = htons(139);
    sa.sin_addr.s_addr = inet_addr("127.0.0.1");
    CHECK(sendto(s, "hello", 6, 0, (SOCKADDR *)&sa, sizeof(sa)) != SOCKET_ERROR, "sendto");
    CHECK_EQ(getpeername(s, NULL, NULL), SOCKET_ERROR, "sendto does not connect");
    CHECK_EQ(WSAGetLastError(), WSAENOTCONN, "... WSAENOTCONN");
    CHECK_EQ(connect(s, (SOCKADDR *)&sa, sizeof(sa)), 0, "connect");
    CHECK_EQ(getpeername(s, NULL, NULL), SOCKET_ERROR, "connected, NULL pointers");
    CHECK_EQ(WSAGetLastError(), WSAEFAULT, "... WSAEFAULT");
    CHECK_EQ(getpeername(s, (SOCKADDR *)&out, NULL), SOCKET_ERROR, "connected, NULL length");
    CHECK_EQ(WSAGetLastError(), WSAEFAULT, "... WSAEFAULT");
    len = 0;
    CHECK_EQ(getpeername(s, NULL, &len), SOCKET_ERROR, "connected, NULL address");
    CHECK_EQ(WSAGetLastError(), WSAEFAULT, "... WSAEFAULT");
    CHECK_EQ(len, 0, "... length untouched");
    len = 0;
    CHECK_EQ(getpeername(s, (SOCKADDR *)&ss, &len), SOCKET_ERROR, "connected, length 0");
    CHECK_EQ(WSAGetLastError(), WSAEFAULT, "... WSAEFAULT");
    CHECK_EQ(len, 0, "... length untouched");
    len = sizeof(ss);
    memset(&ss, 0, sizeof(ss));
    CHECK_EQ(getpeername(s, (SOCKADDR *)&ss, &len), 0, "connected, room for the address");
    CHECK(memcmp(&sa, &ss, sizeof(sa)) == 0, "... the address given to connect");
    CHECK_EQ(len, sizeof(sa), "... 16 bytes");
    closesocket(s);
    WSACleanup();
    return check_done();
}

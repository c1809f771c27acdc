/*
 * SIO_ROUTING_INTERFACE_QUERY as a Windows program asks for the local address toward a peer,
 * checked against what Windows answers: a NULL byte count is WSAEFAULT; a short or NULL input
 * and the unspecified address are WSAEINVAL, another family WSAEAFNOSUPPORT, a NULL output
 * WSAEFAULT -- each leaving *lpcbBytesReturned as it was; an output too small is WSAEFAULT
 * with the size needed reported; toward 127.0.0.1 it succeeds with a 16-byte address and
 * clears the last error.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <string.h>
#include "check.h"

int main(void)
{
    WSADATA wsaData;
    SOCKADDR_IN in, out;
    DWORD size;
    SOCKET s;

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsaData) == 0, "WSAStartup");
    s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    REQUIRE(s != INVALID_SOCKET, "a UDP socket");
    memset(&in, 0, sizeof(in));
    memset(&out, 0, sizeof(out));

    CHECK(WSAIoctl(s, SIO_ROUTING_INTERFACE_QUERY, &in, sizeof(in), &out, sizeof(out), NULL, NULL, NULL) == SOCKET_ERROR &&
              WSAGetLastError() == WSAEFAULT,
          "no lpcbBytesReturned: WSAEFAULT");
    size = 0xdeadbeef;
    CHECK(WSAIoctl(s, SIO_ROUTING_INTERFACE_QUERY, &in, sizeof(in) - 1, &out, sizeof(out), &size, NULL, NULL) == SOCKET_ERROR &&
              WSAGetLastError() == WSAEINVAL,
          "a 15-byte input: WSAEINVAL");
    CHECK_EQ(size, 0xdeadbeef, "... the count untouched");
    size = 0xdeadbeef;
    CHECK(WSAIoctl(s, SIO_ROUTING_INTERFACE_QUERY, NULL, sizeof(in), &out, sizeof(out), &size, NULL, NULL) == SOCKET_ERROR &&
              WSAGetLastError() == WSAEINVAL,
          "a NULL input: WSAEINVAL");
    CHECK_EQ(size, 0xdeadbeef, "... the count untouched");
    size = 0xdeadbeef;
    CHECK(WSAIoctl(s, SIO_ROUTING_INTERFACE_QUERY, &in, sizeof(in), &out, sizeof(out), &size, NULL, NULL) == SOCKET_ERROR &&
              WSAGetLastError() == WSAEAFNOSUPPORT,
          "family 0: WSAEAFNOSUPPORT");
    CHECK_EQ(size, 0xdeadbeef, "... the count untouched");
    in.sin_family = AF_INET;
    size = 0xdeadbeef;
    CHECK(WSAIoctl(s, SIO_ROUTING_INTERFACE_QUERY, &in, sizeof(in), &out, sizeof(out), &size, NULL, NULL) == SOCKET_ERROR &&
              WSAGetLastError() == WSAEINVAL,
          "0.0.0.0: WSAEINVAL");
    CHECK_EQ(size, 0xdeadbeef, "... the count untouched");

    in.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    size = 0xdeadbeef;
    WSASetLastError(0xdeadbeef);
    CHECK_EQ(WSAIoctl(s, SIO_ROUTING_INTERFACE_QUERY, &in, sizeof(in), &out, sizeof(out), &size, NULL, NULL), 0,
             "toward 127.0.0.1: success");
    CHECK(WSAGetLastError() == 0 && size == sizeof(out) && out.sin_family == AF_INET, "... a 16-byte address, the last error cleared");
    size = 0xdeadbeef;
    CHECK(WSAIoctl(s, SIO_ROUTING_INTERFACE_QUERY, &in, sizeof(in), &out, sizeof(out) - 1, &size, NULL, NULL) == SOCKET_ERROR &&
              WSAGetLastError() == WSAEFAULT,
          "a 15-byte output: WSAEFAULT");
    CHECK_EQ(size, sizeof(out), "... and the size needed");
    size = 0xdeadbeef;
    CHECK(WSAIoctl(s, SIO_ROUTING_INTERFACE_QUERY, &in, sizeof(in), NULL, sizeof(out), &size, NULL, NULL) == SOCKET_ERROR &&
              WSAGetLastError() == WSAEFAULT,
          "a NULL output: WSAEFAULT");
    CHECK_EQ(size, 0xdeadbeef, "... the count untouched");

    closesocket(s);
    WSACleanup();
    return check_done();
}

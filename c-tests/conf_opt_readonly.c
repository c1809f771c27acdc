/*
 * Options a program can read but not set, and the socket type a WSASocket call gets, as
 * Windows answers them: setsockopt(SO_TYPE) fails with WSAEINVAL on a UDP socket and with
 * WSAENOPROTOOPT on a TCP socket, setsockopt(SO_ACCEPTCONN) with WSAENOPROTOOPT (TRUE or
 * FALSE), and neither changes what getsockopt reports. WSASocket with a WSAPROTOCOL_INFO:
 * explicit family/type/protocol arguments win over the structure's, zero arguments take the
 * structure's, and a structure with -1 or 0 fields and zero arguments is WSAEAFNOSUPPORT.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <string.h>
#include "check.h"

static int sock_type(SOCKET s)
{
    int v = 0xdead, len = sizeof(v);
    if (getsockopt(s, SOL_SOCKET, SO_TYPE, (char *)&v, &len) != 0)
        return -1;
    return v;
}

int main(void)
{
    WSADATA wsaData;
    WSAPROTOCOL_INFOA info;
    SOCKET udp, tcp, s;
    int v, len;

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsaData) == 0, "WSAStartup");
    udp = socket(AF_INET, SOCK_DGRAM, 0);
    tcp = socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(udp != INVALID_SOCKET && tcp != INVALID_SOCKET, "a UDP and a TCP socket");

    v = SOCK_STREAM;
    WSASetLastError(0xdeadbeef);
    CHECK(setsockopt(udp, SOL_SOCKET, SO_TYPE, (char *)&v, sizeof(v)) == SOCKET_ERROR, "setsockopt(SO_TYPE) on UDP fails");
    CHECK_EQ(WSAGetLastError(), WSAEINVAL, "... with WSAEINVAL");
    v = SOCK_DGRAM;
    CHECK(setsockopt(udp, SOL_SOCKET, SO_TYPE, (char *)&v, sizeof(v)) == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL,
          "... even with the type it has");
    CHECK_EQ(sock_type(udp), SOCK_DGRAM, "SO_TYPE still reads SOCK_DGRAM");

    v = SOCK_STREAM;
    WSASetLastError(0xdeadbeef);
    CHECK(setsockopt(tcp, SOL_SOCKET, SO_TYPE, (char *)&v, sizeof(v)) == SOCKET_ERROR, "setsockopt(SO_TYPE) on TCP fails");
    CHECK_EQ(WSAGetLastError(), WSAENOPROTOOPT, "... with WSAENOPROTOOPT");
    v = SOCK_DGRAM;
    CHECK(setsockopt(tcp, SOL_SOCKET, SO_TYPE, (char *)&v, sizeof(v)) == SOCKET_ERROR && WSAGetLastError() == WSAENOPROTOOPT,
          "... whatever the value");
    CHECK_EQ(sock_type(tcp), SOCK_STREAM, "SO_TYPE still reads SOCK_STREAM");

    v = 1;
    CHECK(setsockopt(tcp, SOL_SOCKET, SO_ACCEPTCONN, (char *)&v, sizeof(v)) == SOCKET_ERROR && WSAGetLastError() == WSAENOPROTOOPT,
          "setsockopt(SO_ACCEPTCONN, TRUE): WSAENOPROTOOPT");
    v = 0;
    CHECK(setsockopt(tcp, SOL_SOCKET, SO_ACCEPTCONN, (char *)&v, sizeof(v)) == SOCKET_ERROR && WSAGetLastError() == WSAENOPROTOOPT,
          "setsockopt(SO_ACCEPTCONN, FALSE): WSAENOPROTOOPT");
    v = 0xdead;
    len = sizeof(v);
    CHECK(getsockopt(tcp, SOL_SOCKET, SO_ACCEPTCONN, (char *)&v, &len) == 0 && v == 0, "SO_ACCEPTCONN reads FALSE");

    /* WSASocket from protocol information. */
    len = sizeof(info);
    REQUIRE(getsockopt(udp, SOL_SOCKET, SO_PROTOCOL_INFOA, (char *)&info, &len) == 0, "the UDP socket's WSAPROTOCOL_INFOA");
    info.iAddressFamily = -1;
    info.iSocketType = -1;
    info.iProtocol = -1;
    CHECK(WSASocketA(0, 0, IPPROTO_UDP, &info, 0, 0) == INVALID_SOCKET && WSAGetLastError() == WSAEAFNOSUPPORT,
          "a structure of -1s with family 0: WSAEAFNOSUPPORT");
    info.iAddressFamily = 0;
    info.iSocketType = 0;
    info.iProtocol = 0;
    CHECK(WSASocketA(0, 0, IPPROTO_UDP, &info, 0, 0) == INVALID_SOCKET && WSAGetLastError() == WSAEAFNOSUPPORT,
          "a structure of zeros with family 0: WSAEAFNOSUPPORT");
    info.iAddressFamily = AF_INET;
    info.iSocketType = SOCK_DGRAM;
    info.iProtocol = IPPROTO_UDP;
    s = WSASocketA(0, 0, 0, &info, 0, 0);
    CHECK(s != INVALID_SOCKET && sock_type(s) == SOCK_DGRAM, "zero arguments take the structure's UDP triple");
    closesocket(s);
    s = WSASocketA(AF_INET, SOCK_STREAM, IPPROTO_TCP, &info, 0, 0);
    CHECK(s != INVALID_SOCKET && sock_type(s) == SOCK_STREAM, "explicit TCP arguments win over a UDP structure");
    v = SOCK_DGRAM;
    CHECK(setsockopt(s, SOL_SOCKET, SO_TYPE, (char *)&v, sizeof(v)) == SOCKET_ERROR && WSAGetLastError() == WSAENOPROTOOPT,
          "... and it is a TCP socket for setsockopt(SO_TYPE) too");
    closesocket(s);

    closesocket(udp);
    closesocket(tcp);
    WSACleanup();
    return check_done();
}

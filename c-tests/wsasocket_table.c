/*
 * WSASocket's answer for each family/type/protocol combination, as Windows gives it: the
 * error for an unknown family, type or protocol (type checked first, AF_UNSPEC with protocol 0
 * refused with WSAEINVAL), 0 as "any" for the type and protocol, and the triple the socket got
 * reported by SO_PROTOCOL_INFO. Also sockets made from a WSAPROTOCOL_INFO whose fields and
 * arguments are 0.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include "check.h"

struct row {
    int family, type, protocol;
    int error;
    int got_type, got_protocol;
};

static const struct row rows[] = {
    {0xdead, SOCK_STREAM, IPPROTO_TCP, WSAEAFNOSUPPORT, 0, 0},
    {-1, SOCK_STREAM, IPPROTO_TCP, WSAEAFNOSUPPORT, 0, 0},
    {AF_INET, 0xdead, IPPROTO_TCP, WSAESOCKTNOSUPPORT, 0, 0},
    {AF_INET, -1, IPPROTO_TCP, WSAESOCKTNOSUPPORT, 0, 0},
    {AF_INET, SOCK_STREAM, 0xdead, WSAEPROTONOSUPPORT, 0, 0},
    {AF_INET, SOCK_STREAM, -1, WSAEPROTONOSUPPORT, 0, 0},
    {0xdead, 0xdead, IPPROTO_TCP, WSAESOCKTNOSUPPORT, 0, 0},
    {0xdead, SOCK_STREAM, 0xdead, WSAEAFNOSUPPORT, 0, 0},
    {AF_INET, 0xdead, 0xdead, WSAESOCKTNOSUPPORT, 0, 0},
    {0xdead, SOCK_STREAM, IPPROTO_UDP, WSAEAFNOSUPPORT, 0, 0},
    {AF_INET, SOCK_STREAM, 0, 0, SOCK_STREAM, IPPROTO_TCP},
    {AF_INET, SOCK_DGRAM, 0, 0, SOCK_DGRAM, IPPROTO_UDP},
    {AF_INET, 0xdead, 0, WSAESOCKTNOSUPPORT, 0, 0},
    {AF_INET, 0, IPPROTO_TCP, 0, SOCK_STREAM, IPPROTO_TCP},
    {AF_INET, 0, IPPROTO_UDP, 0, SOCK_DGRAM, IPPROTO_UDP},
    {AF_INET, 0, 0xdead, WSAEPROTONOSUPPORT, 0, 0},
    {AF_INET, 0, 0, 0, SOCK_STREAM, IPPROTO_TCP},
    {AF_INET, SOCK_STREAM, IPPROTO_UDP, WSAEPROTONOSUPPORT, 0, 0},
    {AF_INET, SOCK_DGRAM, IPPROTO_TCP, WSAEPROTONOSUPPORT, 0, 0},
    {AF_UNSPEC, SOCK_STREAM, IPPROTO_TCP, 0, SOCK_STREAM, IPPROTO_TCP},
    {AF_UNSPEC, SOCK_STREAM, 0xdead, WSAEPROTONOSUPPORT, 0, 0},
    {AF_UNSPEC, 0xdead, IPPROTO_UDP, WSAESOCKTNOSUPPORT, 0, 0},
    {AF_UNSPEC, SOCK_STREAM, 0, WSAEINVAL, 0, 0},
    {AF_UNSPEC, SOCK_DGRAM, 0, WSAEINVAL, 0, 0},
    {AF_UNSPEC, 0xdead, 0, WSAEINVAL, 0, 0},
    {AF_UNSPEC, 0, IPPROTO_TCP, 0, SOCK_STREAM, IPPROTO_TCP},
    {AF_UNSPEC, 0, IPPROTO_UDP, 0, SOCK_DGRAM, IPPROTO_UDP},
    {AF_UNSPEC, 0, 0xdead, WSAEPROTONOSUPPORT, 0, 0},
    {AF_UNSPEC, 0, 0, WSAEINVAL, 0, 0},
};

int main(void)
{
    WSADATA wsaData;
    WSAPROTOCOL_INFOA info, pi;
    SOCKET s;
    unsigned i;
    int size, type;
    char what[160];

    WSASetLastError(0xdead);
    CHECK(WSASocketA(0, 0, 0, NULL, 0, 0) == INVALID_SOCKET, "WSASocket before WSAStartup fails");
    CHECK_EQ(WSAGetLastError(), WSANOTINITIALISED, "... with WSANOTINITIALISED");
    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsaData) == 0, "WSAStartup");

    for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        WSASetLastError(0xdead);
        s = WSASocketA(rows[i].family, rows[i].type, rows[i].protocol, NULL, 0, 0);
        snprintf(what, sizeof(what), "WSASocket(%#x, %#x, %#x): last error %d", rows[i].family,
                 rows[i].type, rows[i].protocol, rows[i].error);
        CHECK_EQ(WSAGetLastError(), rows[i].error, what);
        if (rows[i].error) {
            CHECK(s == INVALID_SOCKET, "... and no socket");
            continue;
        }
        REQUIRE(s != INVALID_SOCKET, "... and a socket");
        size = sizeof(info);
        CHECK_EQ(getsockopt(s, SOL_SOCKET, SO_PROTOCOL_INFOA, (char *)&info, &size), 0, "SO_PROTOCOL_INFOA");
        CHECK_EQ(info.iAddressFamily, AF_INET, "... family AF_INET");
        CHECK_EQ(info.iSocketType, rows[i].got_type, "... the type");
        CHECK_EQ(info.iProtocol, rows[i].got_protocol, "... the protocol");
        closesocket(s);
    }

    /* From a WSAPROTOCOL_INFO: an argument of 0 takes the structure's field, others win. */
    s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    size = sizeof(pi);
    REQUIRE(getsockopt(s, SOL_SOCKET, SO_PROTOCOL_INFOA, (char *)&pi, &size) == 0, "a TCP entry");
    closesocket(s);
    s = WSASocketA(FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, &pi, 0, 0);
    CHECK(s != INVALID_SOCKET, "FROM_PROTOCOL_INFO everywhere");
    closesocket(s);
    info = pi;
    info.iAddressFamily = -1;
    info.iSocketType = -1;
    info.iProtocol = -1;
    CHECK(WSASocketA(0, 0, IPPROTO_UDP, &info, 0, 0) == INVALID_SOCKET, "0 takes the structure's family -1");
    CHECK_EQ(WSAGetLastError(), WSAEAFNOSUPPORT, "... WSAEAFNOSUPPORT");
    info.iAddressFamily = 0;
    info.iSocketType = 0;
    info.iProtocol = 0;
    CHECK(WSASocketA(0, 0, IPPROTO_UDP, &info, 0, 0) == INVALID_SOCKET, "a structure of zeroes and family 0");
    CHECK_EQ(WSAGetLastError(), WSAEAFNOSUPPORT, "... WSAEAFNOSUPPORT");
    info.iAddressFamily = AF_INET;
    info.iSocketType = SOCK_DGRAM;
    info.iProtocol = IPPROTO_UDP;
    s = WSASocketA(0, 0, 0, &info, 0, 0);
    CHECK(s != INVALID_SOCKET, "all arguments 0: the structure's UDP triple");
    size = sizeof(type);
    getsockopt(s, SOL_SOCKET, SO_TYPE, (char *)&type, &size);
    CHECK_EQ(type, SOCK_DGRAM, "... a datagram socket");
    closesocket(s);
    s = WSASocketA(AF_INET, SOCK_STREAM, IPPROTO_TCP, &info, 0, 0);
    CHECK(s != INVALID_SOCKET, "arguments override the structure");
    size = sizeof(type);
    getsockopt(s, SOL_SOCKET, SO_TYPE, (char *)&type, &size);
    CHECK_EQ(type, SOCK_STREAM, "... a stream socket");
    closesocket(s);

    WSACleanup();
    return check_done();
}

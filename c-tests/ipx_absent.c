/*
 * A 1997 game's network layer opens a UDP and an IPX socket per side (server, client) and
 * keeps whichever the machine has: <wsipx.h>'s SOCKADDR_IPX and NSPROTO_IPX, <wsnwlink.h>'s
 * options. Windows since Vista has no IPX: socket(AF_IPX, SOCK_DGRAM, NSPROTO_IPX) fails with
 * WSAEAFNOSUPPORT, which the game takes as "no IPX" in silence, and it plays over UDP. The same
 * here: the IPX headers compile, the IPX socket is refused so, and the UDP path works.
 */
#include <winsock2.h>
#include <wsipx.h>
#include <wsnwlink.h>
#include <string.h>
#include "check.h"

#define PORT_ANY -1

static int warnings;

static int ipx_socket(int port)
{
    SOCKET s;
    SOCKADDR_IPX address;
    u_long on = 1;
    int one = 1;

    if ((s = socket(PF_IPX, SOCK_DGRAM, NSPROTO_IPX)) == INVALID_SOCKET) {
        if (WSAGetLastError() != WSAEAFNOSUPPORT)
            warnings++;
        return 0;
    }
    ioctlsocket(s, FIONBIO, &on);
    setsockopt(s, SOL_SOCKET, SO_BROADCAST, (char *)&one, sizeof(one));
    memset(&address, 0, sizeof(address));
    address.sa_family = AF_IPX;
    memset(address.sa_nodenum, 0, sizeof(address.sa_nodenum));
    address.sa_socket = port == PORT_ANY ? 0 : htons((unsigned short)port);
    if (bind(s, (SOCKADDR *)&address, sizeof(address)) == SOCKET_ERROR) {
        closesocket(s);
        return 0;
    }
    return (int)s;
}

static SOCKET ip_socket(int port)
{
    SOCKET s = socket(PF_INET, SOCK_DGRAM, IPPROTO_UDP);
    SOCKADDR_IN address;
    u_long on = 1;
    int one = 1;

    if (s == INVALID_SOCKET)
        return INVALID_SOCKET;
    ioctlsocket(s, FIONBIO, &on);
    setsockopt(s, SOL_SOCKET, SO_BROADCAST, (char *)&one, sizeof(one));
    memset(&address, 0, sizeof(address));
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = port == PORT_ANY ? 0 : htons((unsigned short)port);
    if (bind(s, (SOCKADDR *)&address, sizeof(address)) == SOCKET_ERROR) {
        closesocket(s);
        return INVALID_SOCKET;
    }
    return s;
}

int main(void)
{
    WSADATA wsaData;
    SOCKET server, client;
    SOCKADDR_IN to;
    IPX_ADDRESS_DATA ipx_data;
    char buf[64];
    int len = sizeof(to), tries;

    REQUIRE(WSAStartup(MAKEWORD(1, 1), &wsaData) == 0, "WSAStartup(1.1)");

    CHECK(sizeof(SOCKADDR_IPX) == 14, "SOCKADDR_IPX is 14 bytes (it fits a struct sockaddr)");
    CHECK(sizeof(ipx_data.netnum) == 4 && sizeof(ipx_data.nodenum) == 6, "IPX_ADDRESS_DATA's network and node numbers");
    CHECK(NSPROTO_IPX == 1000 && NSPROTO_SPX == 1256 && NSPROTO_SPXII == 1257, "NSPROTO_IPX, NSPROTO_SPX, NSPROTO_SPXII");
    CHECK(IPX_PTYPE == 0x4000 && IPX_ADDRESS == 0x4007 && IPX_MAX_ADAPTER_NUM == 0x400D, "IPX_PTYPE, IPX_ADDRESS, IPX_MAX_ADAPTER_NUM");

    CHECK_EQ(ipx_socket(PORT_ANY), 0, "the IPX client socket is not opened");
    CHECK_EQ(ipx_socket(27910), 0, "the IPX server socket is not opened");
    CHECK_EQ(WSAGetLastError(), WSAEAFNOSUPPORT, "socket(AF_IPX) fails with WSAEAFNOSUPPORT");
    CHECK_EQ(warnings, 0, "... the error the game passes over in silence");
    CHECK(socket(AF_IPX, SOCK_SEQPACKET, NSPROTO_SPX) == INVALID_SOCKET && WSAGetLastError() == WSAEAFNOSUPPORT,
          "SPX is refused the same way");

    server = ip_socket(0);
    client = ip_socket(PORT_ANY);
    REQUIRE(server != INVALID_SOCKET && client != INVALID_SOCKET, "the UDP sockets open");
    REQUIRE(getsockname(server, (SOCKADDR *)&to, &len) == 0, "the server's port");
    CHECK_EQ(sendto(client, "\xff\xff\xff\xffgetchallenge", 16, 0, (SOCKADDR *)&to, sizeof(to)), 16,
             "the client's connectionless request goes out over UDP");
    for (tries = 0; tries < 200; tries++) {
        if (recvfrom(server, buf, sizeof(buf), 0, NULL, NULL) == 16)
            break;
        CHECK(WSAGetLastError() == WSAEWOULDBLOCK || tries > 0, "the polling server sees WSAEWOULDBLOCK until it arrives");
        Sleep(10);
    }
    CHECK(tries < 200 && memcmp(buf + 4, "getchallenge", 12) == 0, "the server reads it");

    closesocket(client);
    closesocket(server);
    WSACleanup();
    return check_done();
}

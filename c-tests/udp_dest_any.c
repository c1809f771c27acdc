/*
 * A game client that aims at the address its server reports: the server binds INADDR_ANY and
 * prints getsockname's 0.0.0.0:port, and the client sends its join request there. Windows
 * refuses the unspecified address as a destination (sendto, WSASendTo: WSAEADDRNOTAVAIL;
 * nothing is sent), and as the peer of a TCP connect, as it refuses port 0 there; Linux would
 * deliver to this host. The same client aimed at 127.0.0.1 reaches the server; a datagram
 * socket's connect to the all-zero address still dissolves its association.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <string.h>
#include "check.h"

static int readable(SOCKET s, int ms)
{
    fd_set r;
    struct timeval tv;
    FD_ZERO(&r);
    FD_SET(s, &r);
    tv.tv_sec = ms / 1000;
    tv.tv_usec = (ms % 1000) * 1000;
    return select(0, &r, NULL, NULL, &tv) == 1;
}

int main(void)
{
    WSADATA wsaData;
    SOCKET server, client, listener, tcp;
    SOCKADDR_IN reported, to, any;
    SOCKADDR_IN6 any6;
    WSABUF buf;
    DWORD sent = 0;
    u_long nonblocking = 1;
    char join[] = "JOIN player1";
    char got[64];
    int len = sizeof(reported);

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsaData) == 0, "WSAStartup");

    /* The server: bound to INADDR_ANY, non-blocking, as a game server's tick loop has it. */
    server = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    memset(&any, 0, sizeof(any));
    any.sin_family = AF_INET;
    any.sin_addr.s_addr = htonl(INADDR_ANY);
    REQUIRE(bind(server, (SOCKADDR *)&any, sizeof(any)) == 0, "the server binds INADDR_ANY");
    REQUIRE(ioctlsocket(server, FIONBIO, &nonblocking) == 0, "FIONBIO on the server");
    REQUIRE(getsockname(server, (SOCKADDR *)&reported, &len) == 0, "getsockname");
    CHECK(reported.sin_addr.s_addr == htonl(INADDR_ANY) && reported.sin_port != 0,
          "the server reports 0.0.0.0 and its port");

    client = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    CHECK_EQ(sendto(client, join, sizeof(join), 0, (SOCKADDR *)&reported, sizeof(reported)), SOCKET_ERROR,
             "sendto the reported 0.0.0.0:port fails");
    CHECK_EQ(WSAGetLastError(), WSAEADDRNOTAVAIL, "... with WSAEADDRNOTAVAIL");
    buf.buf = join;
    buf.len = sizeof(join);
    CHECK_EQ(WSASendTo(client, &buf, 1, &sent, 0, (SOCKADDR *)&reported, sizeof(reported), NULL, NULL),
             SOCKET_ERROR, "WSASendTo the reported address fails");
    CHECK_EQ(WSAGetLastError(), WSAEADDRNOTAVAIL, "... with WSAEADDRNOTAVAIL");
    CHECK(!readable(server, 200), "nothing reached the server");
    CHECK_EQ(recvfrom(server, got, sizeof(got), 0, NULL, NULL), SOCKET_ERROR, "the server's non-blocking read");
    CHECK_EQ(WSAGetLastError(), WSAEWOULDBLOCK, "... finds nothing (WSAEWOULDBLOCK)");

    /* The same request to 127.0.0.1 arrives. */
    to = reported;
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    CHECK_EQ(sendto(client, join, sizeof(join), 0, (SOCKADDR *)&to, sizeof(to)), (int)sizeof(join),
             "sendto 127.0.0.1:port sends the request");
    CHECK(readable(server, 2000), "the server has it");
    CHECK_EQ(recvfrom(server, got, sizeof(got), 0, NULL, NULL), (int)sizeof(join), "the server reads the request");

    /* A datagram socket's connect to the all-zero address dissolves its association. */
    REQUIRE(connect(client, (SOCKADDR *)&to, sizeof(to)) == 0, "the client connects to the server");
    CHECK_EQ(send(client, join, sizeof(join), 0), (int)sizeof(join), "send to the connected server");
    memset(&any, 0, sizeof(any));
    any.sin_family = AF_INET;
    CHECK_EQ(connect(client, (SOCKADDR *)&any, sizeof(any)), 0, "connect to 0.0.0.0:0 dissolves the association");
    CHECK_EQ(send(client, join, sizeof(join), 0), SOCKET_ERROR, "send without a peer then fails");
    CHECK_EQ(WSAGetLastError(), WSAENOTCONN, "... with WSAENOTCONN");

    /* TCP: the lobby connection. A listener on the port, the client aimed at 0.0.0.0:port. */
    listener = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    memset(&any, 0, sizeof(any));
    any.sin_family = AF_INET;
    REQUIRE(bind(listener, (SOCKADDR *)&any, sizeof(any)) == 0 && listen(listener, 4) == 0, "a lobby listener on INADDR_ANY");
    len = sizeof(reported);
    REQUIRE(getsockname(listener, (SOCKADDR *)&reported, &len) == 0, "its address");
    tcp = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    CHECK_EQ(connect(tcp, (SOCKADDR *)&reported, sizeof(reported)), SOCKET_ERROR, "connect to 0.0.0.0:port fails");
    CHECK_EQ(WSAGetLastError(), WSAEADDRNOTAVAIL, "... with WSAEADDRNOTAVAIL");
    CHECK(!readable(listener, 200), "no connection reached the listener");
    to = reported;
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    to.sin_port = 0;
    CHECK_EQ(connect(tcp, (SOCKADDR *)&to, sizeof(to)), SOCKET_ERROR, "connect to 127.0.0.1:0 fails");
    CHECK_EQ(WSAGetLastError(), WSAEADDRNOTAVAIL, "... with WSAEADDRNOTAVAIL");
    closesocket(tcp);
    tcp = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    to.sin_port = reported.sin_port;
    CHECK_EQ(connect(tcp, (SOCKADDR *)&to, sizeof(to)), 0, "connect to 127.0.0.1:port reaches the lobby");
    closesocket(tcp);

    tcp = socket(AF_INET6, SOCK_STREAM, IPPROTO_TCP);
    if (tcp != INVALID_SOCKET) {
        memset(&any6, 0, sizeof(any6));
        any6.sin6_family = AF_INET6;
        any6.sin6_port = reported.sin_port;
        CHECK_EQ(connect(tcp, (SOCKADDR *)&any6, sizeof(any6)), SOCKET_ERROR, "connect to [::]:port fails");
        CHECK_EQ(WSAGetLastError(), WSAEADDRNOTAVAIL, "... with WSAEADDRNOTAVAIL");
        closesocket(tcp);
    }

    closesocket(listener);
    closesocket(client);
    closesocket(server);
    WSACleanup();
    return check_done();
}

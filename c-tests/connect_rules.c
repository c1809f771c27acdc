/*
 * accept, getpeername, bind and connect answers that legacy programs depend on, as Windows
 * gives them: accept(s, &addr, NULL) accepts; getpeername on an unconnected socket is
 * WSAENOTCONN whatever the buffer; bind twice is WSAEINVAL, to 255.255.255.255
 * WSAEADDRNOTAVAIL; connect to AF_UNSPEC dissolves a UDP association.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include "check.h"

int main(void)
{
    WSADATA wsaData;
    SOCKADDR_IN addr, out, bcast, unspec_in;
    SOCKADDR unspec;
    SOCKADDR_STORAGE ss, empty;
    SOCKET l, c, s, u, v;
    int len;
    char buf[8];

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsaData) == 0, "WSAStartup");
    l = socket(AF_INET, SOCK_STREAM, 0);
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = inet_addr("127.0.0.1");
    CHECK_EQ(bind(l, (SOCKADDR *)&addr, sizeof(addr)), 0, "bind");
    CHECK_EQ(bind(l, (SOCKADDR *)&addr, sizeof(addr)), SOCKET_ERROR, "a second bind fails");
    CHECK_EQ(WSAGetLastError(), WSAEINVAL, "... with WSAEINVAL");
    len = sizeof(addr);
    getsockname(l, (SOCKADDR *)&addr, &len);
    listen(l, 5);

    c = socket(AF_INET, SOCK_STREAM, 0);
    CHECK_EQ(getpeername(c, NULL, NULL), SOCKET_ERROR, "getpeername unconnected, NULL buffer, fails");
    CHECK_EQ(WSAGetLastError(), WSAENOTCONN, "... with WSAENOTCONN (not WSAEFAULT)");
    REQUIRE(connect(c, (SOCKADDR *)&addr, sizeof(addr)) == 0, "connect");
    CHECK_EQ(getpeername(c, NULL, NULL), SOCKET_ERROR, "getpeername connected, NULL buffer, fails");
    CHECK_EQ(WSAGetLastError(), WSAEFAULT, "... with WSAEFAULT");
    len = 0;
    CHECK_EQ(getpeername(c, (SOCKADDR *)&ss, &len), SOCKET_ERROR, "getpeername with length 0 fails");
    CHECK_EQ(WSAGetLastError(), WSAEFAULT, "... with WSAEFAULT");
    CHECK_EQ(len, 0, "... and leaves the length");

    memset(&ss, 0, sizeof(ss));
    memset(&empty, 0, sizeof(empty));
    s = accept(l, (SOCKADDR *)&ss, NULL);
    CHECK(s != INVALID_SOCKET, "accept with an address but no length accepts");
    CHECK(memcmp(&ss, &empty, sizeof(ss)) == 0, "... and leaves the address alone");
    closesocket(s);
    closesocket(c);
    closesocket(l);

    u = socket(AF_INET, SOCK_DGRAM, 0);
    CHECK_EQ(recv(u, buf, sizeof(buf), 0), SOCKET_ERROR, "recv on an unbound UDP socket fails at once");
    CHECK_EQ(WSAGetLastError(), WSAEINVAL, "... with WSAEINVAL");
    memset(&bcast, 0, sizeof(bcast));
    bcast.sin_family = AF_INET;
    bcast.sin_addr.s_addr = INADDR_BROADCAST;
    CHECK_EQ(bind(u, (SOCKADDR *)&bcast, sizeof(bcast)), SOCKET_ERROR, "bind to 255.255.255.255 fails");
    CHECK_EQ(WSAGetLastError(), WSAEADDRNOTAVAIL, "... with WSAEADDRNOTAVAIL");

    /* connect with AF_UNSPEC dissolves a UDP association */
    v = socket(AF_INET, SOCK_DGRAM, 0);
    memset(&out, 0, sizeof(out));
    out.sin_family = AF_INET;
    out.sin_addr.s_addr = inet_addr("127.0.0.1");
    bind(v, (SOCKADDR *)&out, sizeof(out));
    len = sizeof(out);
    getsockname(v, (SOCKADDR *)&out, &len);
    CHECK_EQ(connect(u, (SOCKADDR *)&out, sizeof(out)), 0, "UDP connect");
    len = sizeof(ss);
    CHECK_EQ(getpeername(u, (SOCKADDR *)&ss, &len), 0, "... has a peer");
    memset(&unspec, 0, sizeof(unspec));
    unspec.sa_family = AF_UNSPEC;
    CHECK_EQ(connect(u, &unspec, sizeof(unspec)), 0, "connect to AF_UNSPEC succeeds");
    len = sizeof(ss);
    CHECK_EQ(getpeername(u, (SOCKADDR *)&ss, &len), SOCKET_ERROR, "... and the peer is gone");
    CHECK_EQ(WSAGetLastError(), WSAENOTCONN, "... WSAENOTCONN");
    memset(&unspec_in, 0, sizeof(unspec_in));
    unspec_in.sin_family = AF_INET;
    CHECK_EQ(connect(u, (SOCKADDR *)&out, sizeof(out)), 0, "UDP connect again");
    CHECK_EQ(connect(u, (SOCKADDR *)&unspec_in, sizeof(unspec_in)), 0, "connect to 0.0.0.0:0 dissolves it too");
    CHECK_EQ(send(u, "x", 1, 0), SOCKET_ERROR, "send without a peer fails");
    CHECK_EQ(WSAGetLastError(), WSAENOTCONN, "... with WSAENOTCONN");
    (void)buf;
    {
        SOCKADDR_IN port0;
        SOCKET w = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
        memset(&port0, 0, sizeof(port0));
        port0.sin_family = AF_INET;
        port0.sin_addr.s_addr = inet_addr("127.0.0.1");
        CHECK_EQ(sendto(w, "test", 4, 0, (SOCKADDR *)&port0, sizeof(port0)), 4, "sendto port 0 succeeds (the datagram goes nowhere)");
        closesocket(w);
    }
    closesocket(u);
    closesocket(v);
    WSACleanup();
    return check_done();
}

/*
 * Address rules of bind, getsockname, getpeername and listen as Windows applies them: bad
 * sockets and pointers, short and foreign-family addresses, addresses not of this host, a
 * second bind, a taken port, getsockname before bind (WSAEINVAL, buffer untouched) and after
 * (sin_zero cleared, short buffers refused), getpeername unconnected, listen unbound or on UDP,
 * and IPV6_V6ONLY: TRUE by default, settable before bind only, dual-stack when FALSE.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include "check.h"

static int err_of(int rc)
{
    return rc == 0 ? 0 : WSAGetLastError();
}

int main(void)
{
    WSADATA wsaData;
    SOCKET s, t, u, v6;
    SOCKADDR_IN a, b, got;
    SOCKADDR_IN6 a6;
    DWORD v;
    int len;
    static const unsigned char zeros[8] = {0};

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsaData) == 0, "WSAStartup");
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);

    CHECK_EQ(err_of(bind(INVALID_SOCKET, (SOCKADDR *)&a, sizeof a)), WSAENOTSOCK, "bind(INVALID_SOCKET): WSAENOTSOCK");
    s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    CHECK_EQ(err_of(bind(s, NULL, 0)), WSAEFAULT, "bind(NULL): WSAEFAULT");
    CHECK_EQ(err_of(bind(s, (SOCKADDR *)&a, sizeof a - 1)), WSAEFAULT, "bind with a short length: WSAEFAULT");
    memset(&a6, 0, sizeof a6);
    a6.sin6_family = AF_INET6;
    CHECK_EQ(err_of(bind(s, (SOCKADDR *)&a6, sizeof a6)), WSAEFAULT, "an IPv6 address on an IPv4 socket: WSAEFAULT");
    b = a;
    b.sin_addr.s_addr = inet_addr("192.0.2.77");
    CHECK_EQ(err_of(bind(s, (SOCKADDR *)&b, sizeof b)), WSAEADDRNOTAVAIL, "an address not of this host: WSAEADDRNOTAVAIL");

    /* getsockname before bind. */
    memset(&got, 0x55, sizeof got);
    len = sizeof got;
    CHECK_EQ(err_of(getsockname(s, (SOCKADDR *)&got, &len)), WSAEINVAL, "getsockname unbound: WSAEINVAL");
    CHECK(((unsigned char *)&got)[0] == 0x55 && len == (int)sizeof got, "... buffer and length untouched");

    CHECK_EQ(err_of(listen(s, 5)), WSAEINVAL, "listen unbound: WSAEINVAL");
    CHECK_EQ(err_of(bind(s, (SOCKADDR *)&a, sizeof a)), 0, "bind 127.0.0.1:0");
    CHECK_EQ(err_of(bind(s, (SOCKADDR *)&a, sizeof a)), WSAEINVAL, "a second bind: WSAEINVAL");
    memset(&got, 0x55, sizeof got);
    len = sizeof got;
    CHECK_EQ(err_of(getsockname(s, (SOCKADDR *)&got, &len)), 0, "getsockname bound");
    CHECK(len == (int)sizeof got && got.sin_family == AF_INET && got.sin_port != 0 &&
              got.sin_addr.s_addr == htonl(INADDR_LOOPBACK),
          "... 127.0.0.1 and a port");
    CHECK(memcmp(got.sin_zero, zeros, 8) == 0, "... sin_zero cleared");
    len = sizeof got - 1;
    CHECK_EQ(err_of(getsockname(s, (SOCKADDR *)&got, &len)), WSAEFAULT, "getsockname into a short buffer: WSAEFAULT");
    CHECK_EQ(err_of(getsockname(s, NULL, &len)), WSAEFAULT, "getsockname(NULL): WSAEFAULT");
    len = sizeof got;
    CHECK_EQ(err_of(getpeername(s, (SOCKADDR *)&got, &len)), WSAENOTCONN, "getpeername unconnected: WSAENOTCONN");

    t = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    len = sizeof b;
    getsockname(s, (SOCKADDR *)&b, &len);
    CHECK_EQ(err_of(bind(t, (SOCKADDR *)&b, sizeof b)), WSAEADDRINUSE, "the same address and port again: WSAEADDRINUSE");
    closesocket(t);

    u = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    CHECK_EQ(err_of(bind(u, (SOCKADDR *)&a, sizeof a)), 0, "UDP bind");
    CHECK_EQ(err_of(listen(u, 5)), WSAEOPNOTSUPP, "listen on UDP: WSAEOPNOTSUPP");
    closesocket(u);
    closesocket(s);

    /* IPV6_V6ONLY. */
    v6 = socket(AF_INET6, SOCK_STREAM, IPPROTO_TCP);
    REQUIRE(v6 != INVALID_SOCKET, "IPv6 socket");
    v = 0;
    len = sizeof v;
    CHECK(getsockopt(v6, IPPROTO_IPV6, IPV6_V6ONLY, (char *)&v, &len) == 0 && v == 1, "IPV6_V6ONLY starts TRUE");
    v = 0;
    CHECK_EQ(setsockopt(v6, IPPROTO_IPV6, IPV6_V6ONLY, (char *)&v, sizeof v), 0, "IPV6_V6ONLY FALSE before bind");
    memset(&a6, 0, sizeof a6);
    a6.sin6_family = AF_INET6;
    CHECK_EQ(err_of(bind(v6, (SOCKADDR *)&a6, sizeof a6)), 0, "dual-stack bind [::]:0");
    v = 1;
    CHECK_EQ(err_of(setsockopt(v6, IPPROTO_IPV6, IPV6_V6ONLY, (char *)&v, sizeof v)), WSAEINVAL,
             "IPV6_V6ONLY after bind: WSAEINVAL");
    len = sizeof a6;
    getsockname(v6, (SOCKADDR *)&a6, &len);
    s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    b = a;
    b.sin_addr.s_addr = htonl(INADDR_ANY);
    b.sin_port = a6.sin6_port;
    CHECK_EQ(err_of(bind(s, (SOCKADDR *)&b, sizeof b)), WSAEADDRINUSE, "0.0.0.0 on a dual-stack port: WSAEADDRINUSE");
    closesocket(s);
    closesocket(v6);

    WSACleanup();
    return check_done();
}

/*
 * bind's argument checks as Windows makes them, in a server's usual calls: NULL or zero-length
 * names (WSAEFAULT), an unknown family (WSAEAFNOSUPPORT), a name one byte short (WSAEFAULT),
 * an address not of this host (WSAEADDRNOTAVAIL, TCP and UDP), a second bind (WSAEINVAL), a
 * taken address (WSAEADDRINUSE); a successful bind clears the last error. IPv6: the 24-byte
 * sockaddr_in6 of old headers is too short for bind and getsockname (WSAEFAULT), a scope id no
 * interface has is WSAEADDRNOTAVAIL, and getsockname returns the scope id bound.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <string.h>
#include "check.h"

/* The sockaddr_in6 of old headers, without sin6_scope_id. */
#define OLD_SOCKADDR_IN6_LEN 24

int main(void)
{
    WSADATA wsaData;
    SOCKADDR_IN bind_addr, invalid_addr;
    SOCKADDR_IN6 a6, got6;
    struct sockaddr addr;
    SOCKET s, s2;
    int len;

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsaData) == 0, "WSAStartup");
    memset(&bind_addr, 0, sizeof(bind_addr));
    bind_addr.sin_family = AF_INET;
    bind_addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    invalid_addr = bind_addr;
    invalid_addr.sin_addr.s_addr = inet_addr("192.0.2.0");

    s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    memset(&addr, 0, sizeof(addr));
    CHECK(bind(s, NULL, 0) == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT, "bind(NULL, 0): WSAEFAULT");
    CHECK(bind(s, NULL, sizeof(addr)) == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT, "bind(NULL, 16): WSAEFAULT");
    addr.sa_family = AF_INET;
    CHECK(bind(s, &addr, 0) == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT, "bind(name, 0): WSAEFAULT");
    addr.sa_family = 0xdead;
    CHECK(bind(s, &addr, sizeof(addr)) == SOCKET_ERROR && WSAGetLastError() == WSAEAFNOSUPPORT,
          "an unknown family: WSAEAFNOSUPPORT");
    CHECK(bind(s, (SOCKADDR *)&bind_addr, sizeof(bind_addr) - 1) == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT,
          "a name one byte short: WSAEFAULT");
    CHECK(bind(s, (SOCKADDR *)&invalid_addr, sizeof(invalid_addr)) == SOCKET_ERROR && WSAGetLastError() == WSAEADDRNOTAVAIL,
          "an address not of this host: WSAEADDRNOTAVAIL");
    WSASetLastError(0xdeadbeef);
    CHECK(bind(s, (SOCKADDR *)&bind_addr, sizeof(bind_addr)) == 0 && WSAGetLastError() == 0,
          "bind to 127.0.0.1 succeeds, clearing the last error");
    CHECK(bind(s, (SOCKADDR *)&bind_addr, sizeof(bind_addr)) == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL,
          "a second bind: WSAEINVAL");
    len = sizeof(addr);
    REQUIRE(getsockname(s, &addr, &len) == 0, "getsockname");
    s2 = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    CHECK(bind(s2, &addr, sizeof(addr)) == SOCKET_ERROR && WSAGetLastError() == WSAEADDRINUSE,
          "another socket on the same address: WSAEADDRINUSE");
    closesocket(s2);
    closesocket(s);

    s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    CHECK(bind(s, (SOCKADDR *)&invalid_addr, sizeof(invalid_addr)) == SOCKET_ERROR && WSAGetLastError() == WSAEADDRNOTAVAIL,
          "UDP: an address not of this host: WSAEADDRNOTAVAIL");
    WSASetLastError(0xdeadbeef);
    CHECK(bind(s, (SOCKADDR *)&bind_addr, sizeof(bind_addr)) == 0 && WSAGetLastError() == 0, "UDP: bind succeeds");
    closesocket(s);

    /* IPv6 */
    s = socket(AF_INET6, SOCK_STREAM, IPPROTO_TCP);
    memset(&a6, 0, sizeof(a6));
    a6.sin6_family = AF_INET6;
    a6.sin6_addr = in6addr_loopback;
    CHECK(bind(s, (SOCKADDR *)&a6, OLD_SOCKADDR_IN6_LEN) == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT,
          "IPv6: a 24-byte name: WSAEFAULT");
    a6.sin6_scope_id = 0xabacab;
    CHECK(bind(s, (SOCKADDR *)&a6, sizeof(a6)) == SOCKET_ERROR && WSAGetLastError() == WSAEADDRNOTAVAIL,
          "IPv6: a scope id no interface has: WSAEADDRNOTAVAIL");
    a6.sin6_scope_id = 0;
    CHECK_EQ(bind(s, (SOCKADDR *)&a6, sizeof(a6)), 0, "IPv6: bind to ::1");
    len = OLD_SOCKADDR_IN6_LEN;
    CHECK(getsockname(s, (SOCKADDR *)&got6, &len) == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT,
          "IPv6: getsockname into 24 bytes: WSAEFAULT");
    len = sizeof(got6);
    memset(&got6, 0, sizeof(got6));
    CHECK(getsockname(s, (SOCKADDR *)&got6, &len) == 0 && got6.sin6_family == AF_INET6 && got6.sin6_port != 0 &&
              memcmp(&got6.sin6_addr, &in6addr_loopback, sizeof(got6.sin6_addr)) == 0 && got6.sin6_scope_id == 0,
          "IPv6: getsockname gives ::1, a port, scope id 0");
    closesocket(s);

    WSACleanup();
    return check_done();
}

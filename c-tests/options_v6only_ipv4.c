/*
 * A dual-stack server that turns IPV6_V6ONLY off on every listening socket it makes from its
 * getaddrinfo list, IPv4 ones included, and treats a failing setsockopt as fatal: Windows
 * accepts IPV6_V6ONLY on an IPv4 socket until it is bound (the value is kept and read back,
 * TRUE at first, in one byte), refuses to change it once the socket is bound (the value read
 * stays), and the server runs. Other IPv6-level options stay WSAEINVAL on an IPv4 socket.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <string.h>
#include "check.h"

int main(void)
{
    WSADATA wsaData;
    ADDRINFOA hints, *res = NULL, *ai;
    SOCKET listeners[4], client, server;
    int n = 0, i, off = 0, on = 1, len;
    DWORD v;
    SOCKADDR_STORAGE bound;
    char buf[4];

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsaData) == 0, "WSAStartup");
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_INET;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE | AI_NUMERICHOST;
    REQUIRE(getaddrinfo("127.0.0.1", "0", &hints, &res) == 0 && res, "getaddrinfo gives an IPv4 address");

    for (ai = res; ai && n < 4; ai = ai->ai_next) {
        SOCKET s = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
        REQUIRE(s != INVALID_SOCKET, "socket");
        v = 0xdeadbeef;
        len = sizeof v;
        CHECK(getsockopt(s, IPPROTO_IPV6, IPV6_V6ONLY, (char *)&v, &len) == 0 && len == 1 && (v & 0xff) == 1,
              "IPV6_V6ONLY on a new IPv4 socket reads TRUE, one byte");
        if (setsockopt(s, IPPROTO_IPV6, IPV6_V6ONLY, (const char *)&off, sizeof off) == SOCKET_ERROR) {
            CHECK(0, "setsockopt(IPV6_V6ONLY, FALSE) on the unbound IPv4 socket succeeds");
            closesocket(s);
            continue;
        }
        CHECK(1, "setsockopt(IPV6_V6ONLY, FALSE) on the unbound IPv4 socket succeeds");
        v = 0xdeadbeef;
        len = sizeof v;
        CHECK(getsockopt(s, IPPROTO_IPV6, IPV6_V6ONLY, (char *)&v, &len) == 0 && (v & 0xff) == 0, "... and reads back FALSE");
        CHECK(setsockopt(s, IPPROTO_IPV6, IPV6_V6ONLY, (const char *)&on, sizeof on) == 0, "set TRUE again");
        REQUIRE(bind(s, ai->ai_addr, (int)ai->ai_addrlen) == 0 && listen(s, 5) == 0, "bind and listen");
        CHECK(setsockopt(s, IPPROTO_IPV6, IPV6_V6ONLY, (const char *)&off, sizeof off) == SOCKET_ERROR,
              "once bound, changing it fails");
        v = 0xdeadbeef;
        len = sizeof v;
        CHECK(getsockopt(s, IPPROTO_IPV6, IPV6_V6ONLY, (char *)&v, &len) == 0 && (v & 0xff) == 1,
              "... and the value read stays TRUE");
        CHECK(setsockopt(s, IPPROTO_IPV6, IPV6_UNICAST_HOPS, (const char *)&on, sizeof on) == SOCKET_ERROR &&
                  WSAGetLastError() == WSAEINVAL,
              "another IPv6-level option on the IPv4 socket: WSAEINVAL");
        listeners[n++] = s;
    }
    REQUIRE(n > 0, "the server listens");

    len = sizeof bound;
    getsockname(listeners[0], (SOCKADDR *)&bound, &len);
    client = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    CHECK_EQ(connect(client, (SOCKADDR *)&bound, len), 0, "a client connects");
    server = accept(listeners[0], NULL, NULL);
    CHECK(server != INVALID_SOCKET, "the server accepts");
    CHECK_EQ(send(client, "ok", 2, 0), 2, "send");
    CHECK_EQ(recv(server, buf, sizeof buf, 0), 2, "receive");

    closesocket(server);
    closesocket(client);
    for (i = 0; i < n; i++)
        closesocket(listeners[i]);
    freeaddrinfo(res);
    WSACleanup();
    return check_done();
}

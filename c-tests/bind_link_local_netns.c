/* ws2mp-test: posix needs-root */ /* a private network namespace (unshare) */
/*
 * A server told to listen on an IPv6 link-local address written in its configuration without
 * a zone ("fe80::55", so sin6_scope_id 0), in a private network namespace where the test gives
 * that address to one interface: Windows binds it on the interface that holds it (TCP and
 * UDP), getsockname then reports that interface's index as the scope id, and a client reaches
 * the server through it. A link-local address no interface holds stays WSAEADDRNOTAVAIL, and
 * an explicit scope id is kept as given.
 */
#define _GNU_SOURCE 1
#include "mcast.h"
#include <iphlpapi.h>
#include <string.h>

#define LINK_LOCAL "fe80::55"

static int parse(SOCKADDR_IN6 *a6, const char *text)
{
    ADDRINFOA hints, *res = NULL;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_INET6;
    hints.ai_flags = AI_NUMERICHOST | AI_PASSIVE;
    hints.ai_socktype = SOCK_STREAM;
    if (getaddrinfo(text, "0", &hints, &res) != 0 || !res)
        return 0;
    memcpy(a6, res->ai_addr, sizeof *a6);
    freeaddrinfo(res);
    return 1;
}

int main(void)
{
    WSADATA wsaData;
    SOCKADDR_IN6 a6, got, other;
    SOCKET listener, udp, client, server;
    unsigned int index;
    char buf[8];
    int len;

    private_netns();
    REQUIRE(run_cmd("ip -6 addr add " LINK_LOCAL "/64 dev mc0 nodad"), "mc0 holds " LINK_LOCAL);
    index = if_nametoindex("mc0");
    REQUIRE(index != 0, "mc0's index");
    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsaData) == 0, "WSAStartup");

    REQUIRE(parse(&a6, LINK_LOCAL), "the configured address parses");
    CHECK_EQ(a6.sin6_scope_id, 0, "the text has no zone: scope id 0");

    listener = socket(AF_INET6, SOCK_STREAM, IPPROTO_TCP);
    WSASetLastError(0xdeadbeef);
    CHECK(bind(listener, (SOCKADDR *)&a6, sizeof a6) == 0, "TCP: bind to the link-local address without a scope id");
    CHECK_EQ(WSAGetLastError(), 0, "... clears the last error");
    len = sizeof got;
    memset(&got, 0, sizeof got);
    CHECK(getsockname(listener, (SOCKADDR *)&got, &len) == 0 && got.sin6_port != 0 &&
              memcmp(&got.sin6_addr, &a6.sin6_addr, sizeof got.sin6_addr) == 0,
          "getsockname gives the address and a port");
    CHECK_EQ(got.sin6_scope_id, index, "... and the index of the interface holding it as the scope id");
    CHECK_EQ(listen(listener, 5), 0, "listen");

    /* A client connects to what getsockname reported. */
    client = socket(AF_INET6, SOCK_STREAM, IPPROTO_TCP);
    CHECK_EQ(connect(client, (SOCKADDR *)&got, sizeof got), 0, "a client connects to the reported address");
    server = accept(listener, NULL, NULL);
    CHECK(server != INVALID_SOCKET, "accept");
    CHECK_EQ(send(client, "hi", 2, 0), 2, "send");
    CHECK_EQ(recv(server, buf, sizeof buf, 0), 2, "the server receives");
    closesocket(server);
    closesocket(client);
    closesocket(listener);

    udp = socket(AF_INET6, SOCK_DGRAM, IPPROTO_UDP);
    CHECK_EQ(bind(udp, (SOCKADDR *)&a6, sizeof a6), 0, "UDP: bind to the link-local address without a scope id");
    len = sizeof got;
    CHECK(getsockname(udp, (SOCKADDR *)&got, &len) == 0 && got.sin6_scope_id == index,
          "UDP: getsockname reports the interface's index");
    closesocket(udp);

    /* An explicit scope id is used as given. */
    udp = socket(AF_INET6, SOCK_DGRAM, IPPROTO_UDP);
    a6.sin6_scope_id = index;
    CHECK_EQ(bind(udp, (SOCKADDR *)&a6, sizeof a6), 0, "bind with the scope id given");
    len = sizeof got;
    CHECK(getsockname(udp, (SOCKADDR *)&got, &len) == 0 && got.sin6_scope_id == index, "... and it is reported");
    closesocket(udp);

    /* A link-local address no interface holds. */
    REQUIRE(parse(&other, "fe80::56"), "another link-local address parses");
    udp = socket(AF_INET6, SOCK_DGRAM, IPPROTO_UDP);
    CHECK(bind(udp, (SOCKADDR *)&other, sizeof other) == SOCKET_ERROR && WSAGetLastError() == WSAEADDRNOTAVAIL,
          "a link-local address of no interface: WSAEADDRNOTAVAIL");
    closesocket(udp);

    WSACleanup();
    return check_done();
}

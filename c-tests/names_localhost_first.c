/* A server that listens on the first address getaddrinfo(NULL, port, AI_PASSIVE) gives and a
 * client that connects to the first address it gets for "localhost", as Microsoft's sockdup
 * and simple samples do. On Windows both are IPv6 (:: and ::1, with IPV6_V6ONLY on), so they
 * meet, whatever the machine's hosts file says: Windows' resolver answers "localhost" itself,
 * ::1 first, then 127.0.0.1. Only loopback addresses are used. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <stdio.h>
#include <string.h>
#include "check.h"

static int count(const struct addrinfo *ai)
{
    int n = 0;
    for (; ai; ai = ai->ai_next)
        n++;
    return n;
}

int main(void)
{
    WSADATA wsaData;
    struct addrinfo hints, *res = NULL, *passive = NULL;
    SOCKET listener, client, accepted;
    SOCKADDR_STORAGE local;
    char host[NI_MAXHOST], serv[NI_MAXSERV], buf[32];
    int len, rc;

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsaData) == 0, "WSAStartup");

    memset(&hints, 0, sizeof(hints));
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_protocol = IPPROTO_TCP;
    rc = getaddrinfo("localhost", "8765", &hints, &res);
    REQUIRE(rc == 0 && res != NULL, "getaddrinfo(localhost, AF_UNSPEC) succeeds");
    CHECK_EQ(count(res), 2, "... two addresses");
    CHECK_EQ(res->ai_family, AF_INET6, "... ::1 first");
    CHECK(memcmp(&((SOCKADDR_IN6 *)res->ai_addr)->sin6_addr, &in6addr_loopback, sizeof(IN6_ADDR)) == 0,
          "... which is the IPv6 loopback");
    CHECK(res->ai_next && res->ai_next->ai_family == AF_INET &&
              ntohl(((SOCKADDR_IN *)res->ai_next->ai_addr)->sin_addr.s_addr) == INADDR_LOOPBACK,
          "... then 127.0.0.1");
    CHECK_EQ(ntohs(((SOCKADDR_IN6 *)res->ai_addr)->sin6_port), 8765, "... with the port");
    freeaddrinfo(res);

    hints.ai_flags = AI_CANONNAME;
    rc = getaddrinfo("LOCALHOST", NULL, &hints, &res);
    REQUIRE(rc == 0 && res != NULL, "getaddrinfo(LOCALHOST, AI_CANONNAME) succeeds");
    CHECK(res->ai_canonname && _stricmp(res->ai_canonname, "localhost") == 0, "... canonical name localhost");
    CHECK_EQ(res->ai_family, AF_INET6, "... ::1 first");
    freeaddrinfo(res);

    hints.ai_flags = 0;
    hints.ai_family = AF_INET;
    rc = getaddrinfo("localhost", NULL, &hints, &res);
    REQUIRE(rc == 0 && res != NULL, "getaddrinfo(localhost, AF_INET) succeeds");
    CHECK(count(res) == 1 && res->ai_family == AF_INET, "... 127.0.0.1 alone");
    freeaddrinfo(res);

    /* The server: the first passive address (::), IPV6_V6ONLY left as Windows sets it. */
    hints.ai_family = AF_UNSPEC;
    hints.ai_flags = AI_PASSIVE;
    rc = getaddrinfo(NULL, "0", &hints, &passive);
    REQUIRE(rc == 0 && passive != NULL, "getaddrinfo(NULL, AI_PASSIVE) succeeds");
    CHECK_EQ(passive->ai_family, AF_INET6, "the first passive address is IPv6");
    listener = WSASocket(passive->ai_family, passive->ai_socktype, passive->ai_protocol, NULL, 0,
                         WSA_FLAG_OVERLAPPED);
    REQUIRE(listener != INVALID_SOCKET, "the server's socket");
    REQUIRE(bind(listener, passive->ai_addr, (int)passive->ai_addrlen) == 0, "... binds ::");
    REQUIRE(listen(listener, 5) == 0, "... listens");
    len = sizeof(local);
    REQUIRE(getsockname(listener, (SOCKADDR *)&local, &len) == 0, "... has a port");
    rc = getnameinfo((SOCKADDR *)&local, len, host, sizeof(host), serv, sizeof(serv),
                     NI_NUMERICHOST | NI_NUMERICSERV);
    REQUIRE(rc == 0, "getnameinfo of the port");
    freeaddrinfo(passive);

    /* The client: the first answer for "localhost" only. */
    hints.ai_flags = 0;
    rc = getaddrinfo("localhost", serv, &hints, &res);
    REQUIRE(rc == 0 && res != NULL, "the client resolves localhost");
    client = WSASocket(res->ai_family, res->ai_socktype, res->ai_protocol, NULL, 0, 0);
    REQUIRE(client != INVALID_SOCKET, "the client's socket");
    CHECK_EQ(connect(client, res->ai_addr, (int)res->ai_addrlen), 0, "... reaches the server through the first answer");
    freeaddrinfo(res);

    len = sizeof(local);
    accepted = WSAAccept(listener, (SOCKADDR *)&local, &len, NULL, 0);
    REQUIRE(accepted != INVALID_SOCKET, "the server accepts");
    CHECK_EQ(local.ss_family, AF_INET6, "... a client from ::1");
    CHECK_EQ(send(client, "Test message 0\n", 15, 0), 15, "the client sends");
    CHECK_EQ(recv(accepted, buf, sizeof(buf), 0), 15, "the server receives it");

    closesocket(accepted);
    closesocket(client);
    closesocket(listener);
    WSACleanup();
    return check_done();
}

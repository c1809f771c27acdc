/* ws2mp-test: no-mingw */ /* mingw-w64's mstcpip.h lacks the SDK's IN4ADDR_* and INETADDR_* helpers
 *
 * mstcpip.h's family-independent address helpers the way Vista-era samples use them: fill a
 * SOCKADDR_STORAGE with the wildcard or loopback address of its family, set the port through
 * SS_PORT or INETADDR_SET_PORT, then bind, connect and compare. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <mstcpip.h>
#include "check.h"

static void round_trip(int family, const char *what)
{
    SOCKADDR_STORAGE any, loop, bound;
    int len = sizeof(bound);
    SOCKET lst, cli;
    char msg[96];

    memset(&any, 0, sizeof(any));
    any.ss_family = (ADDRESS_FAMILY)family;
    INETADDR_SETANY((SOCKADDR *)&any);
    snprintf(msg, sizeof(msg), "%s: INETADDR_SETANY keeps the family", what);
    CHECK_EQ(any.ss_family, family, msg);
    snprintf(msg, sizeof(msg), "%s: INETADDR_ISANY on the wildcard", what);
    CHECK(INETADDR_ISANY((SOCKADDR *)&any), msg);
    snprintf(msg, sizeof(msg), "%s: the wildcard is not loopback", what);
    CHECK(!INETADDR_ISLOOPBACK((SOCKADDR *)&any), msg);
    SS_PORT(&any) = htons(0);

    lst = socket(family, SOCK_STREAM, IPPROTO_TCP);
    REQUIRE(lst != INVALID_SOCKET, "listener");
    REQUIRE(bind(lst, (SOCKADDR *)&any, sizeof(any)) == 0, "bind the wildcard from a SOCKADDR_STORAGE");
    REQUIRE(getsockname(lst, (SOCKADDR *)&bound, &len) == 0, "getsockname");
    REQUIRE(listen(lst, 1) == 0, "listen");
    snprintf(msg, sizeof(msg), "%s: INETADDR_PORT reads the bound port", what);
    CHECK(INETADDR_PORT((SOCKADDR *)&bound) != 0 && INETADDR_PORT((SOCKADDR *)&bound) == SS_PORT(&bound), msg);

    memset(&loop, 0, sizeof(loop));
    loop.ss_family = (ADDRESS_FAMILY)family;
    INETADDR_SETLOOPBACK((SOCKADDR *)&loop);
    snprintf(msg, sizeof(msg), "%s: INETADDR_ISLOOPBACK on loopback", what);
    CHECK(INETADDR_ISLOOPBACK((SOCKADDR *)&loop), msg);
    INETADDR_SET_PORT((SOCKADDR *)&loop, INETADDR_PORT((SOCKADDR *)&bound));
    cli = socket(family, SOCK_STREAM, IPPROTO_TCP);
    snprintf(msg, sizeof(msg), "%s: connect to INETADDR_SETLOOPBACK + INETADDR_SET_PORT", what);
    CHECK_EQ(connect(cli, (SOCKADDR *)&loop, family == AF_INET6 ? (int)sizeof(SOCKADDR_IN6) : (int)sizeof(SOCKADDR_IN)), 0, msg);

    len = sizeof(bound);
    REQUIRE(getpeername(cli, (SOCKADDR *)&bound, &len) == 0, "getpeername");
    snprintf(msg, sizeof(msg), "%s: INETADDR_ISEQUAL on the peer and the loopback address", what);
    CHECK(INETADDR_ISEQUAL((SOCKADDR *)&bound, (SOCKADDR *)&loop), msg);
    snprintf(msg, sizeof(msg), "%s: not equal to the wildcard", what);
    CHECK(!INETADDR_ISEQUAL((SOCKADDR *)&bound, (SOCKADDR *)&any), msg);
    closesocket(cli);
    closesocket(lst);
}

int main(void)
{
    WSADATA wsa;
    SOCKADDR_IN in4;
    SOCKADDR_STORAGE ss;
    static const UCHAR ten[4] = {10, 1, 2, 3};

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");
    round_trip(AF_INET, "IPv4");
    round_trip(AF_INET6, "IPv6");

    IN4ADDR_SETLOOPBACK(&in4);
    CHECK(in4.sin_family == AF_INET && in4.sin_addr.s_addr == htonl(INADDR_LOOPBACK) && in4.sin_port == 0,
          "IN4ADDR_SETLOOPBACK: AF_INET, 127.0.0.1, port 0");
    CHECK(IN4ADDR_ISLOOPBACK(&in4) && !IN4ADDR_ISANY(&in4), "IN4ADDR_ISLOOPBACK, not IN4ADDR_ISANY");
    {
        IN_ADDR a, b;
        a.s_addr = htonl(0x7F000001);
        b.s_addr = in4.sin_addr.s_addr;
        CHECK(IN4_ADDR_EQUAL(&a, &b) && IN4_UNALIGNED_ADDR_EQUAL(&a, &b), "IN4_ADDR_EQUAL on equal addresses");
        CHECK(IN4_IS_ADDR_LOOPBACK(&a) && !IN4_IS_ADDR_MULTICAST(&a), "IN4_IS_ADDR_LOOPBACK, not multicast");
        b.s_addr = htonl(0xE0000001);
        CHECK(!IN4_ADDR_EQUAL(&a, &b) && IN4_IS_ADDR_MULTICAST(&b), "224.0.0.1 differs and is multicast");
        b.s_addr = INADDR_BROADCAST;
        CHECK(IN4_IS_ADDR_BROADCAST(&b) && !IN4_IS_ADDR_UNSPECIFIED(&b), "IN4_IS_ADDR_BROADCAST");
    }
    IN4ADDR_SETANY(&in4);
    CHECK(IN4ADDR_ISANY(&in4) && IN4_IS_ADDR_UNSPECIFIED(&in4.sin_addr), "IN4ADDR_SETANY gives the wildcard");

    memset(&ss, 0, sizeof(ss));
    ss.ss_family = AF_INET;
    INETADDR_SET_ADDRESS((SOCKADDR *)&ss, ten);
    CHECK(((SOCKADDR_IN *)&ss)->sin_addr.s_addr == htonl(0x0A010203), "INETADDR_SET_ADDRESS writes network order");
    CHECK(memcmp(INETADDR_ADDRESS((SOCKADDR *)&ss), ten, 4) == 0, "INETADDR_ADDRESS reads it back");
    {
        SOCKADDR_IN6 mapped;
        SCOPE_ID scope;
        IN_ADDR four;
        char text[64];
        DWORD len = sizeof(text);
        four.s_addr = htonl(0xC0A80001);
        scope = INETADDR_SCOPE_ID((SOCKADDR *)&in4);
        CHECK_EQ(scope.Value, 0, "INETADDR_SCOPE_ID of an IPv4 address is 0");
        IN6ADDR_SETV4MAPPED(&mapped, &four, scope, htons(8080));
        CHECK(mapped.sin6_family == AF_INET6 && IN6_IS_ADDR_V4MAPPED(&mapped.sin6_addr), "IN6ADDR_SETV4MAPPED maps");
        CHECK(WSAAddressToStringA((LPSOCKADDR)&mapped, sizeof(mapped), NULL, text, &len) == 0 &&
                  strcmp(text, "[::ffff:192.168.0.1]:8080") == 0,
              "... to [::ffff:192.168.0.1]:8080");
        CHECK_EQ(SIZEOF_SOCKET_ADDRESS_LIST(3), offsetof(SOCKET_ADDRESS_LIST, Address) + 3 * sizeof(SOCKET_ADDRESS),
                 "SIZEOF_SOCKET_ADDRESS_LIST counts the head and the entries");
        CHECK_EQ(FIELD_OFFSET(SOCKET_ADDRESS_LIST, Address), sizeof(void *), "FIELD_OFFSET is offsetof");
    }
    WSACleanup();
    return check_done();
}

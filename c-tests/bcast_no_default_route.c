/* ws2mp-test: posix needs-root */ /* private network namespaces (unshare) */
/*
 * A LAN game's server finder: SO_BROADCAST, sendto(INADDR_BROADCAST), and the servers on the
 * port answer. Windows' route table has the limited broadcast address on every interface,
 * loopback included, so this works on a host with no default route (a lab machine, a
 * container); Linux refuses it there (ENETUNREACH). Here: a namespace with loopback only (the
 * announcement comes from 127.0.0.1), then one with an Ethernet-like link and no default route
 * (it comes from the link's address); a socket without SO_BROADCAST is still refused
 * (WSAEACCES), as on Windows.
 */
#define _GNU_SOURCE 1
#include "mcast.h"

static char what[256];
#define WHAT(...) (snprintf(what, sizeof(what), __VA_ARGS__), what)

static void announce_and_hear(const char *where, const char *expect_from)
{
    SOCKET server, finder;
    SOCKADDR_IN a, from;
    BOOL on = TRUE;
    char buf[64];
    int n, len = sizeof(from);
    unsigned short port = free_port(AF_INET);

    server = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    memset(&a, 0, sizeof(a));
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    REQUIRE(server != INVALID_SOCKET && bind(server, (SOCKADDR *)&a, sizeof(a)) == 0, WHAT("%s: a server on the port", where));

    finder = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    a.sin_addr.s_addr = INADDR_BROADCAST;
    CHECK_EQ(sendto(finder, "FIND", 4, 0, (SOCKADDR *)&a, sizeof(a)), SOCKET_ERROR,
             WHAT("%s: without SO_BROADCAST the broadcast is refused", where));
    CHECK_EQ(WSAGetLastError(), WSAEACCES, "... with WSAEACCES");
    CHECK_EQ(setsockopt(finder, SOL_SOCKET, SO_BROADCAST, (char *)&on, sizeof(on)), 0, "SO_BROADCAST");
    CHECK_EQ(sendto(finder, "FIND", 4, 0, (SOCKADDR *)&a, sizeof(a)), 4,
             WHAT("%s: sendto(INADDR_BROADCAST) succeeds without a default route", where));
    CHECK(wait_readable(server, 2000), WHAT("%s: the server hears it", where));
    n = recvfrom(server, buf, sizeof(buf), 0, (SOCKADDR *)&from, &len);
    CHECK(n == 4 && memcmp(buf, "FIND", 4) == 0, "the announcement arrives whole");
    CHECK(from.sin_addr.s_addr == inet_addr(expect_from), WHAT("%s: from %s", where, expect_from));
    CHECK_EQ(sendto(server, "HERE", 4, 0, (SOCKADDR *)&from, len), 4, "the server answers the finder");
    CHECK(wait_readable(finder, 2000), "the finder has the answer");
    n = recv(finder, buf, sizeof(buf), 0);
    CHECK(n == 4 && memcmp(buf, "HERE", 4) == 0, WHAT("%s: the finder finds the server", where));
    closesocket(finder);
    closesocket(server);
}

int main(void)
{
    WSADATA wsa;

    REQUIRE(unshare(CLONE_NEWNET) == 0, "unshare(CLONE_NEWNET): a namespace with loopback only");
    REQUIRE(run_cmd("ip link set lo up"), "lo is up, no other interface, no default route");
    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");
    announce_and_hear("loopback only", "127.0.0.1");
    WSACleanup();

    private_netns();
    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");
    announce_and_hear("a link, no default route", NS_ADDR4);
    WSACleanup();
    return check_done();
}

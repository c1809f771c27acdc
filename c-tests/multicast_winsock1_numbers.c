/* ws2mp-test: posix */ /* a private network namespace (unshare) */
/* ws2mp-test: needs-root
 *
 * A Winsock 1.1 multicast "party line" of the early samples: <winsock.h>, WSAStartup(0x0101),
 * and the membership options written as the numbers of the 1.1 header, setsockopt(s,
 * IPPROTO_IP, 5, &mreq, sizeof(struct ip_mreq)) to join and 6 to leave. Windows' wsock32 (the
 * library a <winsock.h> program links) renumbers them as Winsock 2's IP_ADD_MEMBERSHIP /
 * IP_DROP_MEMBERSHIP; the system's 5 and 6 are other options, so ws2mp takes them as the
 * membership only in a 1.1 session, on a datagram socket, with an ip_mreq. Inside a private
 * network namespace.
 */
#define _GNU_SOURCE 1
#include <winsock.h>
#include "mcast.h"

#define PARTY_LINE "233.1.1.1"
#define WS1_IP_ADD_MEMBERSHIP 5
#define WS1_IP_DROP_MEMBERSHIP 6

/* Whether a datagram is waiting on `s` within `ms`. */
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
    SOCKET srv, cli;
    struct sockaddr_in sock_addr, dst;
    struct ip_mreq mreq;
    struct in_addr ifaddr;
    char buf[300];
    int n, port;

    private_netns();
    REQUIRE(WSAStartup(0x0101, &wsaData) == 0, "WSAStartup(1.1)");

    srv = socket(AF_INET, SOCK_DGRAM, 0);
    cli = socket(AF_INET, SOCK_DGRAM, 0);
    REQUIRE(srv != INVALID_SOCKET && cli != INVALID_SOCKET, "two UDP sockets");
    memset(&sock_addr, 0, sizeof(sock_addr));
    sock_addr.sin_family = AF_INET;
    sock_addr.sin_addr.s_addr = INADDR_ANY;
    REQUIRE(bind(srv, (LPSOCKADDR)&sock_addr, sizeof(sock_addr)) == 0, "the party server binds");
    n = sizeof(sock_addr);
    REQUIRE(getsockname(srv, (LPSOCKADDR)&sock_addr, &n) == 0, "getsockname");
    port = ntohs(sock_addr.sin_port);

    mreq.imr_multiaddr.s_addr = inet_addr(PARTY_LINE);
    mreq.imr_interface.s_addr = inet_addr(NS_ADDR4);
    CHECK(setsockopt(srv, IPPROTO_IP, WS1_IP_ADD_MEMBERSHIP, (char *)&mreq, sizeof(struct ip_mreq)) == 0,
          "setsockopt(IPPROTO_IP, 5) with an ip_mreq joins the group in a 1.1 session");
    CHECK_EQ(group_users_on(AF_INET, PARTY_LINE, "mc0"), 1, "the kernel counts one member on mc0");

    ifaddr.s_addr = inet_addr(NS_ADDR4);
    CHECK(setsockopt(cli, IPPROTO_IP, IP_MULTICAST_IF, (char *)&ifaddr, sizeof(ifaddr)) == 0,
          "the client's multicast interface");
    memset(&dst, 0, sizeof(dst));
    dst.sin_family = AF_INET;
    dst.sin_addr.s_addr = inet_addr(PARTY_LINE);
    dst.sin_port = htons((u_short)port);
    CHECK_EQ(sendto(cli, "alice: hello", 12, 0, (LPSOCKADDR)&dst, sizeof(dst)), 12, "the client sends to the group");
    REQUIRE(readable(srv, 2000), "the message reaches the member");
    memset(buf, 0, sizeof(buf));
    CHECK_EQ(recvfrom(srv, buf, sizeof(buf), 0, NULL, NULL), 12, "recvfrom gets it");
    CHECK(strcmp(buf, "alice: hello") == 0, "the message is intact");

    CHECK(setsockopt(srv, IPPROTO_IP, WS1_IP_DROP_MEMBERSHIP, (char *)&mreq, sizeof(mreq)) == 0,
          "setsockopt(IPPROTO_IP, 6) with an ip_mreq leaves the group");
    CHECK_EQ(group_users_on(AF_INET, PARTY_LINE, "mc0"), 0, "the kernel counts no member");
    sendto(cli, "!KILL", 5, 0, (LPSOCKADDR)&dst, sizeof(dst));
    CHECK(!readable(srv, 300), "after leaving, a message to the group does not arrive");

    /* The same numbers with another value length are not a membership. */
    CHECK(setsockopt(srv, IPPROTO_IP, WS1_IP_ADD_MEMBERSHIP, (char *)&mreq, 4) == SOCKET_ERROR ||
              group_users_on(AF_INET, PARTY_LINE, "mc0") == 0,
          "option 5 with 4 bytes does not join");
    CHECK_EQ(group_users_on(AF_INET, PARTY_LINE, "mc0"), 0, "still no member");

    closesocket(cli);
    closesocket(srv);
    WSACleanup();
    return check_done();
}

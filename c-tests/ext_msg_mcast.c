/* ws2mp-test: posix */ /* a private network namespace (unshare) */
/* ws2mp-test: needs-root
 *
 * WSARecvMsg on a multicast member, in a private network namespace (c-tests/mcast.h): with
 * IP_PKTINFO the datagram sent to the group reports MSG_MCAST in WSAMSG.dwFlags and the group
 * as its IN_PKTINFO destination; a unicast datagram reports neither flag. Also MSG_PEEK as the
 * input flag: the datagram stays queued.
 */
#define _GNU_SOURCE 1
#include "mcast.h"
#include <mswsock.h>

#define GROUP "239.255.12.1"

int main(void)
{
    WSADATA wsaData;
    GUID recvmsg_id = WSAID_WSARECVMSG;
    LPFN_WSARECVMSG pWSARecvMsg = NULL;
    SOCKET m, s, u;
    SOCKADDR_STORAGE to;
    WSAMSG msg;
    WSABUF data;
    WSACMSGHDR *cmsg;
    char buf[64], control[64];
    DWORD bytes, on = 1;
    unsigned short port;
    int len;

    private_netns();
    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsaData) == 0, "WSAStartup");
    port = free_port(AF_INET);
    m = member(AF_INET, NULL, port, GROUP, JL_BOTH);
    s = sender(AF_INET, GROUP, port);
    REQUIRE(m != INVALID_SOCKET && s != INVALID_SOCKET, "a member of " GROUP " and a sender");
    REQUIRE(WSAIoctl(m, SIO_GET_EXTENSION_FUNCTION_POINTER, &recvmsg_id, sizeof recvmsg_id, &pWSARecvMsg,
                     sizeof pWSARecvMsg, &bytes, NULL, NULL) == 0,
            "WSARecvMsg loaded");
    CHECK_EQ(setsockopt(m, IPPROTO_IP, IP_PKTINFO, (const char *)&on, sizeof on), 0, "IP_PKTINFO on");

    REQUIRE(send(s, "group", 6, 0) == 6, "send to the group");
    REQUIRE(wait_readable(m, 2000), "the member has a datagram");
    memset(&msg, 0, sizeof msg);
    data.buf = buf;
    data.len = sizeof buf;
    msg.lpBuffers = &data;
    msg.dwBufferCount = 1;
    msg.Control.buf = control;
    msg.Control.len = sizeof control;
    msg.dwFlags = MSG_PEEK;
    CHECK(pWSARecvMsg(m, &msg, &bytes, NULL, NULL) == 0 && bytes == 6, "WSARecvMsg with MSG_PEEK");
    CHECK(msg.dwFlags & MSG_MCAST, "... reports MSG_MCAST");
    CHECK(!(msg.dwFlags & MSG_BCAST), "... not MSG_BCAST");
    cmsg = WSA_CMSG_FIRSTHDR(&msg);
    CHECK(cmsg != NULL && cmsg->cmsg_type == IP_PKTINFO &&
              ((IN_PKTINFO *)WSA_CMSG_DATA(cmsg))->ipi_addr.s_addr == inet_addr(GROUP),
          "... and the group as the IN_PKTINFO destination");
    msg.Control.len = sizeof control;
    msg.dwFlags = 0;
    CHECK(pWSARecvMsg(m, &msg, &bytes, NULL, NULL) == 0 && bytes == 6 && strcmp(buf, "group") == 0,
          "the peeked datagram is still there");
    CHECK(msg.dwFlags & MSG_MCAST, "... MSG_MCAST again");

    /* A unicast datagram to the member's port: no flag. */
    u = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    len = make_addr(&to, AF_INET, NS_ADDR4, port);
    REQUIRE(sendto(u, "uni", 4, 0, (SOCKADDR *)&to, len) == 4, "send to " NS_ADDR4);
    REQUIRE(wait_readable(m, 2000), "the member has it");
    msg.Control.len = sizeof control;
    msg.dwFlags = 0;
    CHECK(pWSARecvMsg(m, &msg, &bytes, NULL, NULL) == 0 && bytes == 4, "WSARecvMsg gets the unicast datagram");
    CHECK_EQ(msg.dwFlags & (MSG_MCAST | MSG_BCAST), 0, "... with neither MSG_MCAST nor MSG_BCAST");

    closesocket(u);
    closesocket(s);
    closesocket(m);
    WSACleanup();
    return check_done();
}

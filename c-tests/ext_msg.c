/*
 * WSARecvMsg / WSASendMsg on loopback UDP, the way a legacy multi-homed UDP server uses them:
 * IP_PKTINFO on a wildcard-bound socket gives each datagram's destination address and arrival
 * interface in an IN_PKTINFO control message (walked with WSA_CMSG_FIRSTHDR / WSA_CMSG_NXTHDR /
 * WSA_CMSG_DATA); WSASendMsg with an IN_PKTINFO chooses the source address of the reply; the same
 * for IPv6 with IPV6_PKTINFO; a control buffer too small reports MSG_CTRUNC (and fails with
 * WSAEMSGSIZE, the data received), a datagram too large
 * fails with WSAEMSGSIZE and reports MSG_TRUNC.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <mswsock.h>
#include <string.h>
#include "check.h"

static LPFN_WSARECVMSG pWSARecvMsg;
static LPFN_WSASENDMSG pWSASendMsg;

static SOCKET udp_bound(int family, const char *addr, SOCKADDR_STORAGE *out)
{
    SOCKET s = socket(family, SOCK_DGRAM, IPPROTO_UDP);
    DWORD timeout = 2000;
    int len = sizeof(*out);
    memset(out, 0, sizeof(*out));
    if (family == AF_INET) {
        SOCKADDR_IN *sin = (SOCKADDR_IN *)out;
        sin->sin_family = AF_INET;
        sin->sin_addr.s_addr = inet_addr(addr);
        len = sizeof(*sin);
    } else {
        SOCKADDR_IN6 *sin6 = (SOCKADDR_IN6 *)out;
        sin6->sin6_family = AF_INET6;
        if (inet_pton(AF_INET6, addr, &sin6->sin6_addr) != 1)
            return INVALID_SOCKET;
        len = sizeof(*sin6);
    }
    if (s == INVALID_SOCKET || bind(s, (SOCKADDR *)out, len) == SOCKET_ERROR)
        return INVALID_SOCKET;
    len = sizeof(*out);
    if (getsockname(s, (SOCKADDR *)out, &len) == SOCKET_ERROR ||
        setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, (const char *)&timeout, sizeof timeout) == SOCKET_ERROR)
        return INVALID_SOCKET;
    return s;
}

int main(void)
{
    WSADATA wsaData;
    GUID recvmsg_id = WSAID_WSARECVMSG, sendmsg_id = WSAID_WSASENDMSG;
    SOCKET server, client, server6, client6;
    SOCKADDR_STORAGE server_addr, client_addr, server6_addr, client6_addr, from;
    SOCKADDR_IN to;
    WSAMSG msg;
    WSABUF data;
    WSACMSGHDR *cmsg;
    char buf[64], control[WSA_CMSG_SPACE(sizeof(IN6_PKTINFO)) * 2], small[4];
    DWORD bytes, on = 1;
    int found, ret, len;

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsaData) == 0, "WSAStartup");
    server = udp_bound(AF_INET, "0.0.0.0", &server_addr);
    client = udp_bound(AF_INET, "127.0.0.1", &client_addr);
    REQUIRE(server != INVALID_SOCKET && client != INVALID_SOCKET, "two UDP sockets");
    REQUIRE(WSAIoctl(server, SIO_GET_EXTENSION_FUNCTION_POINTER, &recvmsg_id, sizeof recvmsg_id, &pWSARecvMsg,
                     sizeof pWSARecvMsg, &bytes, NULL, NULL) == 0,
            "WSARecvMsg loaded");
    REQUIRE(WSAIoctl(server, SIO_GET_EXTENSION_FUNCTION_POINTER, &sendmsg_id, sizeof sendmsg_id, &pWSASendMsg,
                     sizeof pWSASendMsg, &bytes, NULL, NULL) == 0,
            "WSASendMsg loaded");
    CHECK_EQ(setsockopt(server, IPPROTO_IP, IP_PKTINFO, (const char *)&on, sizeof on), 0, "IP_PKTINFO on");

    /* A datagram to 127.0.0.1 on the wildcard-bound server. */
    memset(&to, 0, sizeof to);
    to.sin_family = AF_INET;
    to.sin_port = ((SOCKADDR_IN *)&server_addr)->sin_port;
    to.sin_addr.s_addr = inet_addr("127.0.0.1");
    REQUIRE(sendto(client, "hello", 5, 0, (SOCKADDR *)&to, sizeof to) == 5, "sendto");
    memset(&msg, 0, sizeof msg);
    data.buf = buf;
    data.len = sizeof buf;
    msg.name = (SOCKADDR *)&from;
    msg.namelen = sizeof from;
    msg.lpBuffers = &data;
    msg.dwBufferCount = 1;
    msg.Control.buf = control;
    msg.Control.len = sizeof control;
    msg.dwFlags = 0;
    bytes = 0;
    ret = pWSARecvMsg(server, &msg, &bytes, NULL, NULL);
    CHECK_EQ(ret, 0, "WSARecvMsg succeeds");
    CHECK_EQ(bytes, 5, "... 5 bytes");
    CHECK(memcmp(buf, "hello", 5) == 0, "... the data");
    CHECK_EQ(msg.namelen, sizeof(SOCKADDR_IN), "... namelen is an IPv4 address's");
    CHECK(((SOCKADDR_IN *)&from)->sin_port == ((SOCKADDR_IN *)&client_addr)->sin_port, "... the source port");
    CHECK_EQ(msg.dwFlags, 0, "... no flags");
    CHECK_EQ(msg.Control.len, WSA_CMSG_SPACE(sizeof(IN_PKTINFO)), "... Control.len is one IN_PKTINFO message");
    found = 0;
    for (cmsg = WSA_CMSG_FIRSTHDR(&msg); cmsg != NULL; cmsg = WSA_CMSG_NXTHDR(&msg, cmsg)) {
        if (cmsg->cmsg_level == IPPROTO_IP && cmsg->cmsg_type == IP_PKTINFO) {
            IN_PKTINFO *info = (IN_PKTINFO *)WSA_CMSG_DATA(cmsg);
            found++;
            CHECK_EQ(cmsg->cmsg_len, WSA_CMSG_LEN(sizeof(IN_PKTINFO)), "IP_PKTINFO: cmsg_len is WSA_CMSG_LEN");
            CHECK(info->ipi_addr.s_addr == inet_addr("127.0.0.1"), "IP_PKTINFO: the destination was 127.0.0.1");
            CHECK(info->ipi_ifindex != 0, "IP_PKTINFO: the arrival interface's index");
        }
    }
    CHECK_EQ(found, 1, "one IP_PKTINFO message");

#ifdef IP_RECVTTL
    /* IP_RECVTTL adds an IP_TTL message (an INT) next to IP_PKTINFO. */
    CHECK_EQ(setsockopt(server, IPPROTO_IP, IP_RECVTTL, (const char *)&on, sizeof on), 0, "IP_RECVTTL on");
    REQUIRE(sendto(client, "ttl", 3, 0, (SOCKADDR *)&to, sizeof to) == 3, "sendto");
    msg.namelen = sizeof from;
    msg.Control.len = sizeof control;
    ret = pWSARecvMsg(server, &msg, &bytes, NULL, NULL);
    found = 0;
    for (cmsg = WSA_CMSG_FIRSTHDR(&msg); ret == 0 && cmsg != NULL; cmsg = WSA_CMSG_NXTHDR(&msg, cmsg)) {
        if (cmsg->cmsg_level == IPPROTO_IP && cmsg->cmsg_type == IP_TTL) {
            found++;
            CHECK_EQ(cmsg->cmsg_len, WSA_CMSG_LEN(sizeof(INT)), "IP_TTL: an INT");
            CHECK(*(INT *)WSA_CMSG_DATA(cmsg) > 0, "IP_TTL: the datagram's TTL");
        }
    }
    CHECK_EQ(found, 1, "one IP_TTL message");
    on = 0;
    setsockopt(server, IPPROTO_IP, IP_RECVTTL, (const char *)&on, sizeof on);
    on = 1;
#endif

    /* NULL buffers with lengths. */
    msg.name = NULL;
    CHECK(pWSARecvMsg(server, &msg, &bytes, NULL, NULL) == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT,
          "a NULL name with a namelen: WSAEFAULT");
    msg.name = (SOCKADDR *)&from;
    msg.Control.buf = NULL;
    CHECK(pWSARecvMsg(server, &msg, &bytes, NULL, NULL) == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT,
          "a NULL control buffer with a length: WSAEFAULT");
    msg.Control.buf = control;

    /* A control buffer too small for it: MSG_CTRUNC, no control data. */
    REQUIRE(sendto(client, "again", 5, 0, (SOCKADDR *)&to, sizeof to) == 5, "sendto");
    msg.namelen = sizeof from;
    msg.Control.buf = small;
    msg.Control.len = sizeof small;
    msg.dwFlags = 0;
    ret = pWSARecvMsg(server, &msg, &bytes, NULL, NULL);
    CHECK(ret == SOCKET_ERROR && WSAGetLastError() == WSAEMSGSIZE,
          "WSARecvMsg with a 4-byte control buffer fails with WSAEMSGSIZE, as on Windows");
    CHECK_EQ(bytes, 5, "... the datagram received and counted");
    CHECK(msg.dwFlags & MSG_CTRUNC, "... and reports MSG_CTRUNC");
    CHECK_EQ(msg.Control.len, 0, "... with no control data");

    /* A datagram larger than the buffer: WSAEMSGSIZE, MSG_TRUNC. */
    REQUIRE(sendto(client, "0123456789", 10, 0, (SOCKADDR *)&to, sizeof to) == 10, "sendto 10 bytes");
    data.len = 4;
    msg.namelen = sizeof from;
    msg.Control.buf = control;
    msg.Control.len = sizeof control;
    msg.dwFlags = 0;
    ret = pWSARecvMsg(server, &msg, &bytes, NULL, NULL);
    CHECK(ret == SOCKET_ERROR && WSAGetLastError() == WSAEMSGSIZE, "a truncated datagram: WSAEMSGSIZE");
    CHECK(msg.dwFlags & MSG_TRUNC, "... MSG_TRUNC");
    CHECK_EQ(bytes, 4, "... the buffer's 4 bytes");
    CHECK(memcmp(buf, "0123", 4) == 0, "... filled");
    data.len = sizeof buf;

    /* WSASendMsg with an IN_PKTINFO: the reply leaves from 127.0.0.2. */
    {
        WSAMSG out;
        WSABUF payload;
        char ctl[WSA_CMSG_SPACE(sizeof(IN_PKTINFO))];
        IN_PKTINFO *info;
        SOCKADDR_IN src;
        memset(ctl, 0, sizeof ctl);
        memset(&out, 0, sizeof out);
        payload.buf = (char *)"reply";
        payload.len = 5;
        out.name = (SOCKADDR *)&client_addr;
        out.namelen = sizeof(SOCKADDR_IN);
        out.lpBuffers = &payload;
        out.dwBufferCount = 1;
        out.Control.buf = ctl;
        out.Control.len = sizeof ctl;
        cmsg = WSA_CMSG_FIRSTHDR(&out);
        cmsg->cmsg_len = WSA_CMSG_LEN(sizeof(IN_PKTINFO));
        cmsg->cmsg_level = IPPROTO_IP;
        cmsg->cmsg_type = IP_PKTINFO;
        info = (IN_PKTINFO *)WSA_CMSG_DATA(cmsg);
        info->ipi_addr.s_addr = inet_addr("127.0.0.2");
        info->ipi_ifindex = 0;
        bytes = 0;
        CHECK_EQ(pWSASendMsg(server, &out, 0, &bytes, NULL, NULL), 0, "WSASendMsg with IN_PKTINFO");
        CHECK_EQ(bytes, 5, "... sent 5 bytes");
        len = sizeof src;
        ret = recvfrom(client, buf, sizeof buf, 0, (SOCKADDR *)&src, &len);
        CHECK_EQ(ret, 5, "the client receives the reply");
        CHECK(src.sin_addr.s_addr == inet_addr("127.0.0.2"), "... from the source IN_PKTINFO chose");
        CHECK(src.sin_port == ((SOCKADDR_IN *)&server_addr)->sin_port, "... and the server's port");

        /* Without control data it is WSASendTo. */
        out.Control.buf = NULL;
        out.Control.len = 0;
        CHECK(pWSASendMsg(server, &out, 0, &bytes, NULL, NULL) == 0 && bytes == 5, "WSASendMsg without control");
        ret = recvfrom(client, buf, sizeof buf, 0, (SOCKADDR *)&src, &len);
        CHECK(ret == 5 && src.sin_addr.s_addr == inet_addr("127.0.0.1"), "... arrives from 127.0.0.1");

        /* A malformed control header. */
        out.Control.buf = ctl;
        out.Control.len = sizeof ctl;
        cmsg->cmsg_len = 3;
        CHECK(pWSASendMsg(server, &out, 0, &bytes, NULL, NULL) == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL,
              "a control header shorter than a header: WSAEINVAL");
        cmsg->cmsg_len = WSA_CMSG_LEN(sizeof(IN_PKTINFO));
        CHECK(pWSASendMsg(server, &out, 0, NULL, NULL, NULL) == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT,
              "no byte count without an OVERLAPPED: WSAEFAULT");
    }

    /* IPv6: IPV6_PKTINFO gives the destination ::1. */
    server6 = udp_bound(AF_INET6, "::", &server6_addr);
    client6 = udp_bound(AF_INET6, "::1", &client6_addr);
    if (server6 != INVALID_SOCKET && client6 != INVALID_SOCKET) {
        SOCKADDR_IN6 to6 = *(SOCKADDR_IN6 *)&client6_addr;
        to6.sin6_port = ((SOCKADDR_IN6 *)&server6_addr)->sin6_port;
        CHECK_EQ(setsockopt(server6, IPPROTO_IPV6, IPV6_PKTINFO, (const char *)&on, sizeof on), 0,
                 "IPV6_PKTINFO on");
        REQUIRE(sendto(client6, "six", 3, 0, (SOCKADDR *)&to6, sizeof to6) == 3, "sendto ::1");
        msg.name = (SOCKADDR *)&from;
        msg.namelen = sizeof from;
        msg.Control.buf = control;
        msg.Control.len = sizeof control;
        msg.dwFlags = 0;
        ret = pWSARecvMsg(server6, &msg, &bytes, NULL, NULL);
        CHECK(ret == 0 && bytes == 3, "WSARecvMsg on IPv6");
        CHECK_EQ(msg.namelen, sizeof(SOCKADDR_IN6), "... an IPv6 source");
        found = 0;
        for (cmsg = WSA_CMSG_FIRSTHDR(&msg); cmsg != NULL; cmsg = WSA_CMSG_NXTHDR(&msg, cmsg)) {
            if (cmsg->cmsg_level == IPPROTO_IPV6 && cmsg->cmsg_type == IPV6_PKTINFO) {
                IN6_PKTINFO *info = (IN6_PKTINFO *)WSA_CMSG_DATA(cmsg);
                found++;
                CHECK(IN6_IS_ADDR_LOOPBACK(&info->ipi6_addr), "IPV6_PKTINFO: the destination was ::1");
                CHECK(info->ipi6_ifindex != 0, "IPV6_PKTINFO: the arrival interface");
            }
        }
        CHECK_EQ(found, 1, "one IPV6_PKTINFO message");
    } else {
        printf("# no IPv6 loopback here: the IPv6 checks are skipped\n");
    }

    closesocket(server);
    closesocket(client);
    if (server6 != INVALID_SOCKET)
        closesocket(server6);
    if (client6 != INVALID_SOCKET)
        closesocket(client6);
    WSACleanup();
    return check_done();
}

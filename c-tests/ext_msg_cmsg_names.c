/* ws2mp-test: no-mingw */ /* mingw-w64's ws2def.h lacks the unprefixed CMSG_ names and PCMSGHDR that the Windows SDK's has */
/*
 * A UDP server that learns each datagram's destination address with IP_PKTINFO and WSARecvMsg,
 * walking the control buffer with ws2def.h's unprefixed names (CMSG_FIRSTHDR, CMSG_NXTHDR,
 * CMSG_SPACE, CMSG_LEN, CMSGHDR_ALIGN, CMSGDATA_ALIGN) as some Windows programs do, instead of
 * the WSA_CMSG_ forms. On Linux the system's <sys/socket.h> has CMSG_FIRSTHDR / CMSG_NXTHDR for
 * its struct msghdr: the program failed to compile ("WSAMSG has no member named msg_control").
 * Also checks the names keep the system's meaning for a struct msghdr in the same file.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <mswsock.h>
#include <string.h>
#include "check.h"

int main(void)
{
    WSADATA wsaData;
    GUID recvmsg_id = WSAID_WSARECVMSG;
    LPFN_WSARECVMSG pWSARecvMsg = NULL;
    SOCKET server, client;
    SOCKADDR_IN addr, from;
    WSAMSG msg;
    WSABUF data;
    PCMSGHDR cmsg;
    union {
        char bytes[WSA_CMSG_SPACE(sizeof(IN_PKTINFO)) + WSA_CMSG_SPACE(sizeof(INT))];
        WSACMSGHDR align;
    } control;
    char buf[32];
    DWORD bytes = 0, on = 1, timeout = 2000;
    int len = sizeof(addr), found = 0;

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsaData) == 0, "WSAStartup");
#ifndef __APPLE__ /* macOS's own CMSG_SPACE / CMSG_LEN align to 4 bytes (docs/PORTING.md) */
    CHECK_EQ((long)CMSG_SPACE(sizeof(IN_PKTINFO)), (long)WSA_CMSG_SPACE(sizeof(IN_PKTINFO)),
             "CMSG_SPACE is WSA_CMSG_SPACE");
    CHECK_EQ((long)CMSG_LEN(sizeof(INT)), (long)WSA_CMSG_LEN(sizeof(INT)), "CMSG_LEN is WSA_CMSG_LEN");
#endif
    CHECK_EQ((long)CMSGHDR_ALIGN(1), (long)WSA_CMSGHDR_ALIGN(1), "CMSGHDR_ALIGN");
    CHECK_EQ((long)CMSGDATA_ALIGN(1), (long)WSA_CMSGDATA_ALIGN(1), "CMSGDATA_ALIGN");

    server = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    client = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    REQUIRE(server != INVALID_SOCKET && client != INVALID_SOCKET, "socket");
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_ANY);
    REQUIRE(bind(server, (SOCKADDR *)&addr, sizeof(addr)) == 0, "bind INADDR_ANY");
    REQUIRE(getsockname(server, (SOCKADDR *)&addr, &len) == 0, "getsockname");
    addr.sin_addr.s_addr = inet_addr("127.0.0.1");
    setsockopt(server, SOL_SOCKET, SO_RCVTIMEO, (const char *)&timeout, sizeof(timeout));
    REQUIRE(setsockopt(server, IPPROTO_IP, IP_PKTINFO, (const char *)&on, sizeof(on)) == 0,
            "IP_PKTINFO");
    REQUIRE(WSAIoctl(server, SIO_GET_EXTENSION_FUNCTION_POINTER, &recvmsg_id, sizeof(recvmsg_id),
                     &pWSARecvMsg, sizeof(pWSARecvMsg), &bytes, NULL, NULL) == 0,
            "WSARecvMsg pointer");
    CHECK_EQ(sendto(client, "hello", 5, 0, (SOCKADDR *)&addr, sizeof(addr)), 5, "sendto");

    memset(&msg, 0, sizeof(msg));
    data.buf = buf;
    data.len = sizeof(buf);
    msg.name = (SOCKADDR *)&from;
    msg.namelen = sizeof(from);
    msg.lpBuffers = &data;
    msg.dwBufferCount = 1;
    msg.Control.buf = control.bytes;
    msg.Control.len = sizeof(control.bytes);
    CHECK_EQ(pWSARecvMsg(server, &msg, &bytes, NULL, NULL), 0, "WSARecvMsg");
    CHECK_EQ((long)bytes, 5L, "datagram length");
    for (cmsg = CMSG_FIRSTHDR(&msg); cmsg != NULL; cmsg = CMSG_NXTHDR(&msg, cmsg)) {
        if (cmsg->cmsg_level == IPPROTO_IP && cmsg->cmsg_type == IP_PKTINFO) {
            IN_PKTINFO *info = (IN_PKTINFO *)WSA_CMSG_DATA(cmsg);
            CHECK_EQ((long)cmsg->cmsg_len, (long)WSA_CMSG_LEN(sizeof(IN_PKTINFO)), "cmsg_len");
            CHECK(info->ipi_addr.s_addr == inet_addr("127.0.0.1"), "destination 127.0.0.1");
            CHECK(info->ipi_ifindex != 0, "arrival interface");
            found++;
        }
    }
    CHECK_EQ(found, 1, "one IP_PKTINFO header, found with CMSG_FIRSTHDR / CMSG_NXTHDR");

    /* A control buffer shorter than a header: CMSG_FIRSTHDR gives NULL. */
    msg.Control.len = sizeof(WSACMSGHDR) - 1;
    CHECK(CMSG_FIRSTHDR(&msg) == NULL, "short control buffer: no first header");

    /* The system's struct msghdr in the same file still walks the system's way. */
    {
        struct msghdr posix_msg;
        struct cmsghdr *posix_cmsg;
        memset(&posix_msg, 0, sizeof(posix_msg));
        memset(&control, 0, sizeof(control));
        posix_msg.msg_control = control.bytes;
        posix_msg.msg_controllen = sizeof(control.bytes);
        posix_cmsg = CMSG_FIRSTHDR(&posix_msg);
        CHECK(posix_cmsg == (struct cmsghdr *)(void *)control.bytes, "struct msghdr: first header");
        posix_cmsg->cmsg_len = CMSG_LEN(sizeof(int));
        posix_cmsg = CMSG_NXTHDR(&posix_msg, posix_cmsg);
        CHECK(posix_cmsg != NULL, "struct msghdr: next header");
    }

    closesocket(client);
    closesocket(server);
    WSACleanup();
    return check_done();
}

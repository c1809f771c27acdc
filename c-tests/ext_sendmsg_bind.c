/* WSASendMsg binds an unbound UDP socket, as Windows does: a successful send leaves it
 * bound to 0.0.0.0 and a port, and so does a call that fails with WSAEFAULT only because
 * lpNumberOfBytesSent is NULL; a call without a WSAMSG binds nothing. Behaviour taken from
 * Wine's Winsock conformance test (test_WSASendMsg), which records what Windows does. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <mswsock.h>
#include <string.h>
#include "check.h"

int main(void)
{
    WSADATA wsa;
    SOCKET s, dst;
    struct sockaddr_in to, local;
    int len;
    char text[] = "hello";
    WSABUF buf;
    WSAMSG msg;
    DWORD sent = 0;

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");

    dst = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    memset(&to, 0, sizeof(to));
    to.sin_family = AF_INET;
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(bind(dst, (struct sockaddr *)&to, sizeof(to)) == 0, "bind the receiver");
    len = sizeof(to);
    REQUIRE(getsockname(dst, (struct sockaddr *)&to, &len) == 0, "getsockname");

    buf.buf = text;
    buf.len = sizeof(text);
    memset(&msg, 0, sizeof(msg));
    msg.name = (struct sockaddr *)&to;
    msg.namelen = sizeof(to);
    msg.lpBuffers = &buf;
    msg.dwBufferCount = 1;

    /* A send that succeeds binds the sender. */
    s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    len = sizeof(local);
    CHECK_EQ(getsockname(s, (struct sockaddr *)&local, &len), SOCKET_ERROR, "a new UDP socket has no address");
    CHECK_EQ(WSAGetLastError(), WSAEINVAL, "... WSAEINVAL");
    CHECK_EQ(WSASendMsg(s, &msg, 0, &sent, NULL, NULL), 0, "WSASendMsg sends");
    CHECK_EQ(sent, sizeof(text), "... the whole datagram");
    len = sizeof(local);
    CHECK_EQ(getsockname(s, (struct sockaddr *)&local, &len), 0, "... and binds the socket");
    CHECK_EQ(local.sin_addr.s_addr, htonl(INADDR_ANY), "... to 0.0.0.0");
    CHECK(local.sin_port != 0, "... and a port");
    closesocket(s);

    /* No byte count: WSAEFAULT, but the socket is bound all the same. */
    s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    CHECK_EQ(WSASendMsg(s, &msg, 0, NULL, NULL, NULL), SOCKET_ERROR, "WSASendMsg without lpNumberOfBytesSent fails");
    CHECK_EQ(WSAGetLastError(), WSAEFAULT, "... with WSAEFAULT");
    len = sizeof(local);
    memset(&local, 0xff, sizeof(local));
    CHECK_EQ(getsockname(s, (struct sockaddr *)&local, &len), 0, "... yet the socket is bound");
    CHECK_EQ(local.sin_addr.s_addr, htonl(INADDR_ANY), "... to 0.0.0.0");
    CHECK(local.sin_port != 0, "... and a port");
    closesocket(s);

    /* No WSAMSG at all: nothing is bound. */
    s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    CHECK_EQ(WSASendMsg(s, NULL, 0, NULL, NULL, NULL), SOCKET_ERROR, "WSASendMsg without a WSAMSG fails");
    CHECK_EQ(WSAGetLastError(), WSAEFAULT, "... with WSAEFAULT");
    len = sizeof(local);
    CHECK_EQ(getsockname(s, (struct sockaddr *)&local, &len), SOCKET_ERROR, "... and leaves the socket unbound");
    CHECK_EQ(WSAGetLastError(), WSAEINVAL, "... WSAEINVAL");
    closesocket(s);

    closesocket(dst);
    WSACleanup();
    return check_done();
}

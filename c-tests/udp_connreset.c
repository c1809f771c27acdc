/*
 * A "port unreachable" on UDP, as Windows reports it: sends keep succeeding (a peer that
 * restarts does not kill the sender), the next receive fails once with WSAECONNRESET, on a
 * connected and on an unconnected socket, unless SIO_UDP_CONNRESET turned that off. Also the
 * host's address lists: SIO_GET_INTERFACE_LIST and SIO_ADDRESS_LIST_QUERY.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <mswsock.h>
#include "check.h"

/* Windows' mstcpip.h value, which some SDKs' headers leave out. */
#ifndef SIO_UDP_NETRESET
#define SIO_UDP_NETRESET _WSAIOW(IOC_VENDOR, 15)
#endif

/* A loopback port nobody listens on (bound, then closed). */
static SOCKADDR_IN dead_port(void)
{
    SOCKADDR_IN a;
    int len = sizeof(a);
    SOCKET t = socket(AF_INET, SOCK_DGRAM, 0);
    memset(&a, 0, sizeof(a));
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = inet_addr("127.0.0.1");
    bind(t, (SOCKADDR *)&a, sizeof(a));
    getsockname(t, (SOCKADDR *)&a, &len);
    closesocket(t);
    return a;
}

static int readable(SOCKET s, int ms)
{
    fd_set rs;
    struct timeval tv;
    FD_ZERO(&rs);
    FD_SET(s, &rs);
    tv.tv_sec = 0;
    tv.tv_usec = ms * 1000;
    return select(0, &rs, NULL, NULL, &tv);
}

int main(void)
{
    WSADATA wsaData;
    SOCKADDR_IN dead, local, from;
    SOCKET u, v;
    char buf[64];
    BOOL off = FALSE, on = TRUE;
    DWORD ret_bytes;
    int i, ok_sends, len;
    INTERFACE_INFO ifs[32];
    char list_buf[4096];
    SOCKET_ADDRESS_LIST *list = (SOCKET_ADDRESS_LIST *)list_buf;
    DWORD needed;
    int saw_loopback;

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsaData) == 0, "WSAStartup");
    dead = dead_port();

    /* connected */
    u = socket(AF_INET, SOCK_DGRAM, 0);
    REQUIRE(connect(u, (SOCKADDR *)&dead, sizeof(dead)) == 0, "connect to a dead port");
    ok_sends = 0;
    for (i = 0; i < 5; i++) {
        if (send(u, "ping", 4, 0) == 4)
            ok_sends++;
        Sleep(20);
    }
    CHECK_EQ(ok_sends, 5, "every send to an unreachable port succeeds (connected)");
    CHECK_EQ(readable(u, 500), 1, "the port-unreachable makes the socket readable");
    CHECK_EQ(recv(u, buf, sizeof(buf), 0), SOCKET_ERROR, "the next recv fails");
    CHECK_EQ(WSAGetLastError(), WSAECONNRESET, "... with WSAECONNRESET");
    {
        u_long nb = 1;
        ioctlsocket(u, FIONBIO, &nb);
    }
    CHECK_EQ(recv(u, buf, sizeof(buf), 0), SOCKET_ERROR, "the recv after it");
    CHECK_EQ(WSAGetLastError(), WSAEWOULDBLOCK, "... only would block: the reset was reported once");
    closesocket(u);

    /* unconnected */
    u = socket(AF_INET, SOCK_DGRAM, 0);
    memset(&local, 0, sizeof(local));
    local.sin_family = AF_INET;
    local.sin_addr.s_addr = inet_addr("127.0.0.1");
    bind(u, (SOCKADDR *)&local, sizeof(local));
    ok_sends = 0;
    for (i = 0; i < 3; i++) {
        if (sendto(u, "ping", 4, 0, (SOCKADDR *)&dead, sizeof(dead)) == 4)
            ok_sends++;
        Sleep(20);
    }
    CHECK_EQ(ok_sends, 3, "every sendto to an unreachable port succeeds (unconnected)");
    len = sizeof(from);
    CHECK_EQ(readable(u, 500), 1, "the unconnected socket becomes readable too");
    CHECK_EQ(recvfrom(u, buf, sizeof(buf), 0, (SOCKADDR *)&from, &len), SOCKET_ERROR, "recvfrom fails");
    CHECK_EQ(WSAGetLastError(), WSAECONNRESET, "... with WSAECONNRESET (unconnected)");

    /* A peer that restarts: the sender goes on. */
    v = socket(AF_INET, SOCK_DGRAM, 0);
    bind(v, (SOCKADDR *)&dead, sizeof(dead));
    CHECK_EQ(sendto(u, "again", 5, 0, (SOCKADDR *)&dead, sizeof(dead)), 5, "sending to the restarted peer works");
    len = sizeof(from);
    CHECK_EQ(recvfrom(v, buf, sizeof(buf), 0, (SOCKADDR *)&from, &len), 5, "... and it receives the datagram");
    closesocket(v);
    closesocket(u);

    /* SIO_UDP_CONNRESET FALSE: no report */
    u = socket(AF_INET, SOCK_DGRAM, 0);
    CHECK_EQ(WSAIoctl(u, SIO_UDP_CONNRESET, &off, sizeof(off), NULL, 0, &ret_bytes, NULL, NULL), 0,
             "SIO_UDP_CONNRESET FALSE is accepted");
    CHECK_EQ(WSAIoctl(u, SIO_UDP_NETRESET, &on, sizeof(on), NULL, 0, &ret_bytes, NULL, NULL), 0,
             "SIO_UDP_NETRESET is accepted");
    CHECK_EQ(WSAIoctl(u, SIO_UDP_CONNRESET, NULL, 0, NULL, 0, &ret_bytes, NULL, NULL), SOCKET_ERROR,
             "SIO_UDP_CONNRESET without input fails");
    CHECK_EQ(WSAGetLastError(), WSAEFAULT, "... with WSAEFAULT");
    connect(u, (SOCKADDR *)&dead, sizeof(dead));
    send(u, "ping", 4, 0);
    Sleep(100);
    {
        u_long nb = 1;
        ioctlsocket(u, FIONBIO, &nb);
    }
    CHECK_EQ(send(u, "ping", 4, 0), 4, "send still succeeds");
    CHECK_EQ(recv(u, buf, sizeof(buf), 0), SOCKET_ERROR, "recv with the report turned off");
    CHECK_EQ(WSAGetLastError(), WSAEWOULDBLOCK, "... would block, no WSAECONNRESET");
    closesocket(u);

    /* the host's interfaces */
    u = socket(AF_INET, SOCK_DGRAM, 0);
    CHECK_EQ(sizeof(INTERFACE_INFO), 76, "INTERFACE_INFO has Windows' size");
    CHECK_EQ(WSAIoctl(u, SIO_GET_INTERFACE_LIST, NULL, 0, ifs, sizeof(ifs), &ret_bytes, NULL, NULL), 0,
             "SIO_GET_INTERFACE_LIST succeeds");
    CHECK(ret_bytes >= sizeof(INTERFACE_INFO) && ret_bytes % sizeof(INTERFACE_INFO) == 0,
          "... with whole entries");
    saw_loopback = 0;
    for (i = 0; i < (int)(ret_bytes / sizeof(INTERFACE_INFO)); i++) {
        if (ifs[i].iiAddress.AddressIn.sin_addr.s_addr == htonl(INADDR_LOOPBACK)) {
            saw_loopback = 1;
            CHECK(ifs[i].iiFlags & IFF_LOOPBACK, "loopback has IFF_LOOPBACK");
            CHECK(ifs[i].iiFlags & IFF_UP, "... and IFF_UP");
            CHECK(ifs[i].iiNetmask.AddressIn.sin_addr.s_addr == htonl(0xff000000), "... netmask 255.0.0.0");
            CHECK_EQ(ifs[i].iiAddress.AddressIn.sin_family, AF_INET, "... an AF_INET address");
        }
    }
    CHECK(saw_loopback, "the list holds 127.0.0.1");
    CHECK_EQ(WSAIoctl(u, SIO_GET_INTERFACE_LIST, NULL, 0, ifs, 4, &ret_bytes, NULL, NULL), SOCKET_ERROR,
             "a too small buffer fails");
    CHECK_EQ(WSAGetLastError(), WSAEFAULT, "... with WSAEFAULT");

    needed = 0;
    CHECK_EQ(WSAIoctl(u, SIO_ADDRESS_LIST_QUERY, NULL, 0, NULL, 0, &needed, NULL, NULL), SOCKET_ERROR,
             "SIO_ADDRESS_LIST_QUERY without a buffer fails");
    CHECK_EQ(WSAGetLastError(), WSAEFAULT, "... with WSAEFAULT");
    CHECK(needed >= sizeof(int), "... and reports the size needed");
    CHECK_EQ(WSAIoctl(u, SIO_ADDRESS_LIST_QUERY, NULL, 0, list, needed, &ret_bytes, NULL, NULL), 0,
             "with that size it succeeds");
    CHECK_EQ(ret_bytes, needed, "... filling what it announced");
    for (i = 0; i < list->iAddressCount; i++) {
        CHECK_EQ(list->Address[i].iSockaddrLength, sizeof(SOCKADDR_IN), "an IPv4 entry");
        CHECK_EQ(list->Address[i].lpSockaddr->sa_family, AF_INET, "... of family AF_INET");
    }
    closesocket(u);

    WSACleanup();
    return check_done();
}

/* ws2mp-test: posix */ /* mmap for pages the program may not touch */
/*
 * The other pointers a Winsock call reads or writes, given memory the program cannot use, are
 * WSAEFAULT (or the error Windows documents), never a crash: WSABUF arrays, the byte-count
 * and flags out-parameters of WSASend/WSARecv, the data buffers themselves (the system call
 * checks those), select's fd_sets and timeout, WSAPoll's array, WSAEnumNetworkEvents' output,
 * WSAEnumProtocols' list, buffer and length, WSAStartup's WSADATA, WSAWaitForMultipleEvents'
 * handle array. The sockets still work afterwards, and WSABUF arrays and counters kept in
 * globals work call after call.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <sys/mman.h>
#include "check.h"
#include "fault_util.h"
#include "udp_util.h"

#define FAILS_WITH(expr, err, what) CHECK((expr) && WSAGetLastError() == (err), what)

static WSABUF g_bufs[2]; /* a program's global WSABUF array and counters */
static DWORD g_count, g_flags;
static char g_data[32];

int main(void)
{
    WSADATA wsaData;
    SOCKET a, b, lst, cli, srv;
    SOCKADDR_IN aaddr, baddr, laddr;
    char buf[64];
    char *edge, *guard, *ro;
    WSABUF wb[2];
    DWORD count, flags, len32;
    int len, i, n;
    fd_set rd;
    struct timeval tv;
    WSAPOLLFD pfd;
    WSAEVENT ev;
    WSANETWORKEVENTS ne;
    WSAPROTOCOL_INFOA infos[16];
    INT protos[2];

    /* WSAStartup writes its WSADATA. */
    map_guard_pages(&edge, &guard, &ro);
    CHECK_EQ(WSAStartup(MAKEWORD(2, 2), (WSADATA *)1), WSAEFAULT, "WSAStartup with (WSADATA *)1 returns WSAEFAULT");
    CHECK_EQ(WSAStartup(MAKEWORD(2, 2), (WSADATA *)ro), WSAEFAULT, "WSAStartup into a read-only page returns WSAEFAULT");
    CHECK_EQ(WSAStartup(MAKEWORD(2, 2), (WSADATA *)(guard - 100)), WSAEFAULT,
             "WSAStartup into a WSADATA running into a guard page returns WSAEFAULT");
    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsaData) == 0 && wsaData.wVersion == MAKEWORD(2, 2), "WSAStartup");
    CHECK(strcmp(wsaData.szSystemStatus, "Running") == 0, "WSADATA filled");

    a = bound_udp(&aaddr);
    b = bound_udp(&baddr);
    REQUIRE(a != INVALID_SOCKET && b != INVALID_SOCKET, "two UDP sockets");
    REQUIRE(connect(a, (SOCKADDR *)&baddr, sizeof baddr) == 0, "connect a to b");

    /* WSABUF arrays and out-parameters. */
    wb[0].buf = buf;
    wb[0].len = 4;
    FAILS_WITH(WSASend(a, (WSABUF *)1, 1, &count, 0, NULL, NULL) == SOCKET_ERROR, WSAEFAULT, "WSASend with (WSABUF *)1: WSAEFAULT");
    FAILS_WITH(WSASend(a, (WSABUF *)guard, 1, &count, 0, NULL, NULL) == SOCKET_ERROR, WSAEFAULT,
               "WSASend with the WSABUF array in a guard page: WSAEFAULT");
    memcpy(guard - sizeof(WSABUF), wb, sizeof(WSABUF));
    FAILS_WITH(WSASend(a, (WSABUF *)(guard - sizeof(WSABUF)), 2, &count, 0, NULL, NULL) == SOCKET_ERROR, WSAEFAULT,
               "WSASend with an array whose second WSABUF is in a guard page: WSAEFAULT");
    FAILS_WITH(WSASend(a, wb, 1, (DWORD *)ro, 0, NULL, NULL) == SOCKET_ERROR, WSAEFAULT,
               "WSASend with the byte count in a read-only page: WSAEFAULT");
    flags = 0;
    FAILS_WITH(WSARecv(b, (WSABUF *)1, 1, &count, &flags, NULL, NULL) == SOCKET_ERROR, WSAEFAULT,
               "WSARecv with (WSABUF *)1: WSAEFAULT");
    FAILS_WITH(WSARecv(b, wb, 1, &count, (DWORD *)guard, NULL, NULL) == SOCKET_ERROR, WSAEFAULT,
               "WSARecv with the flags in a guard page: WSAEFAULT");
    FAILS_WITH(WSARecv(b, wb, 1, &count, (DWORD *)1, NULL, NULL) == SOCKET_ERROR, WSAEFAULT,
               "WSARecv with the flags at (DWORD *)1: WSAEFAULT");

    /* The data buffers: the system call checks them. */
    FAILS_WITH(send(a, guard, 4, 0) == SOCKET_ERROR, WSAEFAULT, "send from a guard page: WSAEFAULT");
    FAILS_WITH(sendto(a, guard - 2, 4, 0, (SOCKADDR *)&baddr, sizeof baddr) == SOCKET_ERROR, WSAEFAULT,
               "sendto from a buffer running into a guard page: WSAEFAULT");
    wb[1].buf = guard;
    wb[1].len = 4;
    FAILS_WITH(WSASend(a, wb, 2, &count, 0, NULL, NULL) == SOCKET_ERROR, WSAEFAULT,
               "WSASend with a buffer in a guard page: WSAEFAULT");
    CHECK_EQ(send(a, "data", 4, 0), 4, "send");
    FAILS_WITH(recv(b, ro, 4, 0) == SOCKET_ERROR, WSAEFAULT, "recv into a read-only page: WSAEFAULT");
    CHECK_EQ(send(a, "data", 4, 0), 4, "send");
    flags = 0;
    wb[0].buf = guard;
    wb[0].len = 4;
    FAILS_WITH(WSARecv(b, wb, 1, &count, &flags, NULL, NULL) == SOCKET_ERROR, WSAEFAULT,
               "WSARecv into a guard page: WSAEFAULT");

    /* Globals, call after call. */
    for (i = 0; i < 5; i++) {
        g_bufs[0].buf = g_data;
        g_bufs[0].len = 3;
        g_bufs[1].buf = g_data + 3;
        g_bufs[1].len = 2;
        memcpy(g_data, "hello", 5);
        CHECK(WSASend(a, g_bufs, 2, &g_count, 0, NULL, NULL) == 0 && g_count == 5, "WSASend from a global WSABUF array");
        memset(g_data, 0, sizeof g_data);
        g_bufs[0].len = sizeof g_data;
        g_flags = 0;
        n = WSARecv(b, g_bufs, 1, &g_count, &g_flags, NULL, NULL);
        while (n == 0 && g_count != 5) /* a datagram dropped by a fault above may still be queued */
            n = WSARecv(b, g_bufs, 1, &g_count, &g_flags, NULL, NULL);
        CHECK(n == 0 && g_count == 5 && memcmp(g_data, "hello", 5) == 0, "WSARecv into a global WSABUF array and counters");
    }

    /* A stream: a refused receive leaves the data queued. */
    lst = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    cli = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    memset(&laddr, 0, sizeof laddr);
    laddr.sin_family = AF_INET;
    laddr.sin_addr.s_addr = inet_addr("127.0.0.1");
    len = sizeof laddr;
    REQUIRE(lst != INVALID_SOCKET && cli != INVALID_SOCKET && bind(lst, (SOCKADDR *)&laddr, sizeof laddr) == 0 &&
                listen(lst, 1) == 0 && getsockname(lst, (SOCKADDR *)&laddr, &len) == 0 &&
                connect(cli, (SOCKADDR *)&laddr, sizeof laddr) == 0,
            "a TCP connection");
    srv = accept(lst, NULL, NULL);
    REQUIRE(srv != INVALID_SOCKET, "accept");
    CHECK_EQ(send(cli, "stream", 6, 0), 6, "send on the stream");
    FAILS_WITH(recv(srv, ro, 6, 0) == SOCKET_ERROR, WSAEFAULT, "recv (stream) into a read-only page: WSAEFAULT");
    CHECK(recv(srv, buf, sizeof buf, 0) == 6 && memcmp(buf, "stream", 6) == 0, "... and the data is still there");

    /* select. */
    FD_ZERO(&rd);
    FD_SET(b, &rd);
    tv.tv_sec = 0;
    tv.tv_usec = 0;
    FAILS_WITH(select(0, (fd_set *)1, NULL, NULL, &tv) == SOCKET_ERROR, WSAEFAULT, "select with (fd_set *)1: WSAEFAULT");
    FAILS_WITH(select(0, (fd_set *)guard, NULL, NULL, &tv) == SOCKET_ERROR, WSAEFAULT,
               "select with an fd_set in a guard page: WSAEFAULT");
    FAILS_WITH(select(0, &rd, NULL, NULL, (struct timeval *)guard) == SOCKET_ERROR, WSAEFAULT,
               "select with the timeout in a guard page: WSAEFAULT");
    CHECK_EQ(send(a, "sel", 3, 0), 3, "send");
    memcpy(guard - 8, &rd, 8); /* the count (1) is readable, the array is in the guard page */
    FAILS_WITH(select(0, (fd_set *)(guard - 8), NULL, NULL, &tv) == SOCKET_ERROR, WSAEFAULT,
               "select with an fd_set running into a guard page: WSAEFAULT");
    FD_ZERO(&rd);
    FD_SET(b, &rd);
    CHECK(select(0, &rd, NULL, NULL, &tv) == 1 && FD_ISSET(b, &rd), "select still works");
    CHECK(!FD_ISSET(b, (fd_set *)guard), "FD_ISSET on a guard page: not set, no crash");

    /* WSAPoll. */
    FAILS_WITH(WSAPoll((WSAPOLLFD *)1, 1, 0) == SOCKET_ERROR, WSAEFAULT, "WSAPoll with (WSAPOLLFD *)1: WSAEFAULT");
    FAILS_WITH(WSAPoll((WSAPOLLFD *)guard, 1, 0) == SOCKET_ERROR, WSAEFAULT, "WSAPoll with the array in a guard page: WSAEFAULT");
    FAILS_WITH(WSAPoll((WSAPOLLFD *)ro, 1, 0) == SOCKET_ERROR, WSAEFAULT, "WSAPoll with the array in a read-only page: WSAEFAULT");
    pfd.fd = b;
    pfd.events = POLLRDNORM;
    pfd.revents = 0;
    CHECK(WSAPoll(&pfd, 1, 0) == 1 && pfd.revents == POLLRDNORM, "WSAPoll still works");

    /* WSAEnumNetworkEvents and WSAWaitForMultipleEvents. */
    ev = WSACreateEvent();
    REQUIRE(ev != WSA_INVALID_EVENT && WSAEventSelect(b, ev, FD_READ) == 0, "WSAEventSelect");
    FAILS_WITH(WSAEnumNetworkEvents(b, ev, (WSANETWORKEVENTS *)1) == SOCKET_ERROR, WSAEFAULT,
               "WSAEnumNetworkEvents into (WSANETWORKEVENTS *)1: WSAEFAULT");
    FAILS_WITH(WSAEnumNetworkEvents(b, ev, (WSANETWORKEVENTS *)ro) == SOCKET_ERROR, WSAEFAULT,
               "WSAEnumNetworkEvents into a read-only page: WSAEFAULT");
    FAILS_WITH(WSAEnumNetworkEvents(b, NULL, (WSANETWORKEVENTS *)(guard - 8)) == SOCKET_ERROR, WSAEFAULT,
               "WSAEnumNetworkEvents into a structure running into a guard page: WSAEFAULT");
    CHECK(WSAEnumNetworkEvents(b, ev, &ne) == 0 && (ne.lNetworkEvents & FD_READ),
          "the FD_READ record survived the refused calls");
    CHECK(WSAWaitForMultipleEvents(1, (WSAEVENT *)guard, FALSE, 0, FALSE) == WSA_WAIT_FAILED &&
              WSAGetLastError() == WSA_INVALID_PARAMETER,
          "WSAWaitForMultipleEvents with the handles in a guard page: WSA_INVALID_PARAMETER");
    WSAEventSelect(b, NULL, 0);
    WSACloseEvent(ev);

    /* WSAEnumProtocols. */
    FAILS_WITH(WSAEnumProtocolsA(NULL, NULL, (DWORD *)guard) == SOCKET_ERROR, WSAEFAULT,
               "WSAEnumProtocolsA with the length in a guard page: WSAEFAULT");
    len32 = sizeof infos;
    FAILS_WITH(WSAEnumProtocolsA(NULL, (WSAPROTOCOL_INFOA *)ro, &len32) == SOCKET_ERROR, WSAEFAULT,
               "WSAEnumProtocolsA into a read-only page: WSAEFAULT");
    len32 = sizeof infos;
    FAILS_WITH(WSAEnumProtocolsA((INT *)guard, infos, &len32) == SOCKET_ERROR, WSAEFAULT,
               "WSAEnumProtocolsA with the protocol list in a guard page: WSAEFAULT");
    protos[0] = IPPROTO_UDP;
    protos[1] = 0;
    len32 = sizeof infos;
    CHECK(WSAEnumProtocolsA(protos, infos, &len32) >= 1 && infos[0].iProtocol == IPPROTO_UDP, "WSAEnumProtocolsA still works");

    /* Everything still works. */
    CHECK_EQ(send(a, "end", 3, 0), 3, "send after the faults");
    n = 0;
    do
        n = recv(b, buf, sizeof buf, 0);
    while (n > 0 && !(n == 3 && memcmp(buf, "end", 3) == 0));
    CHECK_EQ(n, 3, "recv after the faults");

    closesocket(a);
    closesocket(b);
    closesocket(srv);
    closesocket(cli);
    closesocket(lst);
    munmap(edge, 8192);
    munmap(ro, 4096);
    WSACleanup();
    return check_done();
}

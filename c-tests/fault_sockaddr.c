/* ws2mp-test: posix */ /* mmap for pages the program may not touch */
/*
 * Address arguments the program cannot read or write are WSAEFAULT, never a crash: a small
 * integer passed where a pointer belongs, a pointer into an inaccessible (guard) page, one
 * that runs from a readable page into the guard page, a read-only page for an output, and a
 * length too short for the family. Covers bind, connect, sendto, WSASendTo, recvfrom,
 * WSARecvFrom, getsockname, getpeername, accept, WSAAccept, WSAConnect and WSAJoinLeaf. Every
 * socket still works afterwards; a global address (not on the stack) used call after call
 * keeps working.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <sys/mman.h>
#include "check.h"
#include "fault_util.h"
#include "udp_util.h"

#define FAILS_FAULT(expr, what) CHECK((expr) && WSAGetLastError() == WSAEFAULT, what)

static SOCKADDR_IN g_dest; /* a program's global address, not on the stack */

int main(void)
{
    WSADATA wsaData;
    SOCKET a, b, lst, cli, srv, fresh;
    SOCKADDR_IN aaddr, baddr, from, laddr;
    char buf[64];
    char *guard, *ro, *edge;
    int len, i;
    WSABUF wb;
    DWORD count, flags;
    SOCKADDR *bad[3];
    int *badlen[3];
    const char *badname[3] = {"(SOCKADDR *)1", "a guard page", "a page running into the guard page"};

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsaData) == 0, "WSAStartup");
    map_guard_pages(&edge, &guard, &ro);
    bad[0] = (SOCKADDR *)1;
    bad[1] = (SOCKADDR *)guard;
    bad[2] = (SOCKADDR *)(guard - 8); /* the family is readable, the address is not */
    ((SOCKADDR_IN *)(guard - 8))->sin_family = AF_INET;
    badlen[0] = (int *)1;
    badlen[1] = (int *)guard;
    badlen[2] = (int *)(guard - 2); /* half of the int is readable */

    a = bound_udp(&aaddr);
    b = bound_udp(&baddr);
    REQUIRE(a != INVALID_SOCKET && b != INVALID_SOCKET, "two UDP sockets on 127.0.0.1");

    fresh = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    REQUIRE(fresh != INVALID_SOCKET, "an unbound UDP socket");
    for (i = 0; i < 3; i++) {
        char what[128];
        snprintf(what, sizeof what, "bind to %s: WSAEFAULT", badname[i]);
        FAILS_FAULT(bind(fresh, bad[i], sizeof(SOCKADDR_IN)) == SOCKET_ERROR, what);
        snprintf(what, sizeof what, "connect to %s: WSAEFAULT", badname[i]);
        FAILS_FAULT(connect(fresh, bad[i], sizeof(SOCKADDR_IN)) == SOCKET_ERROR, what);
        snprintf(what, sizeof what, "sendto %s: WSAEFAULT", badname[i]);
        FAILS_FAULT(sendto(a, "x", 1, 0, bad[i], sizeof(SOCKADDR_IN)) == SOCKET_ERROR, what);
        wb.buf = buf;
        wb.len = 1;
        snprintf(what, sizeof what, "WSASendTo %s: WSAEFAULT", badname[i]);
        FAILS_FAULT(WSASendTo(a, &wb, 1, &count, 0, bad[i], sizeof(SOCKADDR_IN), NULL, NULL) == SOCKET_ERROR, what);
        snprintf(what, sizeof what, "WSAConnect to %s: WSAEFAULT", badname[i]);
        FAILS_FAULT(WSAConnect(fresh, bad[i], sizeof(SOCKADDR_IN), NULL, NULL, NULL, NULL) == SOCKET_ERROR, what);
        len = sizeof from;
        snprintf(what, sizeof what, "getsockname into %s: WSAEFAULT", badname[i]);
        FAILS_FAULT(getsockname(a, bad[i], &len) == SOCKET_ERROR, what);
        snprintf(what, sizeof what, "getsockname with namelen at %s: WSAEFAULT", badname[i]);
        FAILS_FAULT(getsockname(a, (SOCKADDR *)&from, badlen[i]) == SOCKET_ERROR, what);
    }
    FAILS_FAULT(bind(fresh, (SOCKADDR *)&aaddr, 8) == SOCKET_ERROR, "bind with a length too short for sockaddr_in");
    FAILS_FAULT(sendto(a, "x", 1, 0, (SOCKADDR *)&baddr, 15) == SOCKET_ERROR, "sendto with a length too short");
    len = sizeof from;
    FAILS_FAULT(getsockname(a, (SOCKADDR *)ro, &len) == SOCKET_ERROR, "getsockname into a read-only page");
    FAILS_FAULT(getsockname(a, (SOCKADDR *)&from, (int *)ro) == SOCKET_ERROR,
                "getsockname with namelen in a read-only page (it is written)");
    len = 8;
    FAILS_FAULT(getsockname(a, (SOCKADDR *)&from, &len) == SOCKET_ERROR, "getsockname with a namelen too short");

    /* recvfrom / WSARecvFrom: bad from or fromlen. */
    CHECK_EQ(sendto(a, "one", 3, 0, (SOCKADDR *)&baddr, sizeof baddr), 3, "sendto");
    FAILS_FAULT(recvfrom(b, buf, sizeof buf, 0, (SOCKADDR *)&from, (int *)1) == SOCKET_ERROR, "recvfrom with fromlen (int *)1");
    FAILS_FAULT(recvfrom(b, buf, sizeof buf, 0, (SOCKADDR *)&from, (int *)guard) == SOCKET_ERROR,
                "recvfrom with fromlen in a guard page");
    wb.buf = buf;
    wb.len = sizeof buf;
    flags = 0;
    FAILS_FAULT(WSARecvFrom(b, &wb, 1, &count, &flags, (SOCKADDR *)&from, (int *)guard, NULL, NULL) == SOCKET_ERROR,
                "WSARecvFrom with fromlen in a guard page");
    len = sizeof from;
    CHECK_EQ(recvfrom(b, buf, sizeof buf, 0, (SOCKADDR *)&from, &len), 3,
             "the datagram is still queued after a bad fromlen (checked first)");
    CHECK_EQ(sendto(a, "two", 3, 0, (SOCKADDR *)&baddr, sizeof baddr), 3, "sendto");
    len = sizeof from;
    FAILS_FAULT(recvfrom(b, buf, sizeof buf, 0, (SOCKADDR *)guard, &len) == SOCKET_ERROR, "recvfrom with from in a guard page");
    CHECK_EQ(sendto(a, "three", 5, 0, (SOCKADDR *)&baddr, sizeof baddr), 5, "sendto");
    len = sizeof from;
    flags = 0;
    FAILS_FAULT(WSARecvFrom(b, &wb, 1, &count, &flags, (SOCKADDR *)ro, &len, NULL, NULL) == SOCKET_ERROR,
                "WSARecvFrom with from in a read-only page");

    /* A global address, used call after call: every datagram arrives, with its source. */
    g_dest = baddr;
    for (i = 0; i < 5; i++) {
        static SOCKADDR_IN g_from;
        static int g_len;
        CHECK_EQ(sendto(a, "g", 1, 0, (SOCKADDR *)&g_dest, sizeof g_dest), 1, "sendto a global address");
        g_len = sizeof g_from;
        memset(&g_from, 0, sizeof g_from);
        CHECK(recvfrom(b, buf, sizeof buf, 0, (SOCKADDR *)&g_from, &g_len) == 1 && g_len == sizeof g_from &&
                  g_from.sin_port == aaddr.sin_port,
              "recvfrom into a global address and length");
    }

    /* getpeername, accept and WSAAccept. */
    lst = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    cli = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    REQUIRE(lst != INVALID_SOCKET && cli != INVALID_SOCKET, "two TCP sockets");
    memset(&laddr, 0, sizeof laddr);
    laddr.sin_family = AF_INET;
    laddr.sin_addr.s_addr = inet_addr("127.0.0.1");
    len = sizeof laddr;
    REQUIRE(bind(lst, (SOCKADDR *)&laddr, sizeof laddr) == 0 && listen(lst, 4) == 0 &&
                getsockname(lst, (SOCKADDR *)&laddr, &len) == 0,
            "a listener");
    REQUIRE(connect(cli, (SOCKADDR *)&laddr, sizeof laddr) == 0, "connect");
    len = sizeof from;
    FAILS_FAULT(getpeername(cli, (SOCKADDR *)guard, &len) == SOCKET_ERROR, "getpeername into a guard page");
    FAILS_FAULT(getpeername(cli, (SOCKADDR *)&from, (int *)1) == SOCKET_ERROR, "getpeername with namelen (int *)1");
    FAILS_FAULT(accept(lst, (SOCKADDR *)&from, (int *)guard) == INVALID_SOCKET, "accept with addrlen in a guard page");
    FAILS_FAULT(WSAAccept(lst, (SOCKADDR *)&from, (int *)1, NULL, 0) == INVALID_SOCKET, "WSAAccept with addrlen (int *)1");
    len = sizeof from;
    srv = accept(lst, (SOCKADDR *)&from, &len);
    CHECK(srv != INVALID_SOCKET && len == sizeof from, "the connection is still pending after the refused accepts");
    if (srv != INVALID_SOCKET) {
        CHECK_EQ(send(cli, "hi", 2, 0), 2, "send on the connection");
        CHECK_EQ(recv(srv, buf, sizeof buf, 0), 2, "recv on the connection");
        closesocket(srv);
    }

    /* WSAJoinLeaf with a bad group address. */
    for (i = 0; i < 3; i++) {
        SOCKET m = WSASocket(AF_INET, SOCK_DGRAM, IPPROTO_UDP, NULL, 0,
                             WSA_FLAG_MULTIPOINT_C_LEAF | WSA_FLAG_MULTIPOINT_D_LEAF);
        char what[128];
        REQUIRE(m != INVALID_SOCKET, "a multipoint socket");
        snprintf(what, sizeof what, "WSAJoinLeaf to %s: WSAEFAULT", badname[i]);
        FAILS_FAULT(WSAJoinLeaf(m, bad[i], sizeof(SOCKADDR_IN), NULL, NULL, NULL, NULL, JL_BOTH) == INVALID_SOCKET, what);
        closesocket(m);
    }

    /* Everything still works. */
    CHECK_EQ(sendto(a, "end", 3, 0, (SOCKADDR *)&baddr, sizeof baddr), 3, "sendto after the faults");
    len = sizeof from;
    do {
        i = recvfrom(b, buf, sizeof buf, 0, (SOCKADDR *)&from, &len);
        len = sizeof from;
    } while (i > 0 && !(i == 3 && memcmp(buf, "end", 3) == 0));
    CHECK_EQ(i, 3, "recvfrom after the faults");
    CHECK_EQ(bind(fresh, (SOCKADDR *)&aaddr, 0) == SOCKET_ERROR ? 0 : 1, 0, "bind with length 0 fails");
    memset(&from, 0, sizeof from);
    from.sin_family = AF_INET;
    from.sin_addr.s_addr = inet_addr("127.0.0.1");
    CHECK_EQ(bind(fresh, (SOCKADDR *)&from, sizeof from), 0, "the socket refused before binds now");

    closesocket(a);
    closesocket(b);
    closesocket(cli);
    closesocket(lst);
    closesocket(fresh);
    munmap(edge, 8192);
    munmap(ro, 4096);
    WSACleanup();
    return check_done();
}

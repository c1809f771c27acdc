/* ws2mp-test: posix */ /* mmap for pages the program may not touch */
/*
 * Rooted multipoint data buffers the program cannot use fail with WSAEFAULT instead of
 * crashing: a send from a buffer running into a guard page, a receive into a read-only page
 * or at (char *)1. A receive that fails so leaves the message queued: the next receive with a
 * good buffer gets it whole. The session goes on afterwards.
 */
#include "rmp.h"
#include "fault_util.h"

#define FAILS_WITH(expr, err, what) CHECK((expr) && WSAGetLastError() == (err), what)

int main(void)
{
    WSADATA wsaData;
    struct sockaddr_in addr;
    WSANETWORKEVENTS ne;
    WSAEVENT eroot, ev;
    SOCKET root, leaf, c;
    char *edge, *guard, *ro;
    char buf[64];
    u_long off = 0;
    int n;

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsaData) == 0, "WSAStartup");
    map_guard_pages(&edge, &guard, &ro);
    eroot = WSACreateEvent();
    ev = WSACreateEvent();

    root = rmp_socket(AF_INET, 1, RMP_ROOT_FLAGS);
    REQUIRE(root != INVALID_SOCKET && rmp_listen(root, &addr) == 0, "a root listens");
    WSAEventSelect(root, eroot, FD_ACCEPT);
    leaf = rmp_socket(AF_INET, 1, RMP_LEAF_FLAGS);
    WSAEventSelect(leaf, ev, FD_CONNECT);
    REQUIRE(WSAJoinLeaf(leaf, (SOCKADDR *)&addr, sizeof(addr), NULL, NULL, NULL, NULL, JL_BOTH) == leaf,
            "a leaf asks to join");
    rmp_wait(root, eroot, FD_ACCEPT, 5000, &ne);
    c = accept(root, NULL, NULL);
    REQUIRE(c != INVALID_SOCKET, "the root admits it");
    REQUIRE(rmp_wait(leaf, ev, FD_CONNECT, 5000, &ne) & FD_CONNECT && ne.iErrorCode[FD_CONNECT_BIT] == 0,
            "the leaf joined");
    WSAEventSelect(leaf, NULL, 0);
    ioctlsocket(leaf, FIONBIO, &off);
    WSAEventSelect(root, NULL, 0);
    ioctlsocket(root, FIONBIO, &off);

    FAILS_WITH(send(root, guard - 8, 16, 0) == SOCKET_ERROR, WSAEFAULT,
               "root send from a buffer running into a guard page: WSAEFAULT");
    FAILS_WITH(send(leaf, (const char *)1, 16, 0) == SOCKET_ERROR, WSAEFAULT,
               "leaf send from (char *)1: WSAEFAULT");

    CHECK(send(root, "hello leaf", 10, 0) == 10, "the root still sends");
    FAILS_WITH(recv(leaf, ro, 64, 0) == SOCKET_ERROR, WSAEFAULT, "leaf recv into a read-only page: WSAEFAULT");
    FAILS_WITH(recv(leaf, (char *)1, 64, 0) == SOCKET_ERROR, WSAEFAULT, "leaf recv at (char *)1: WSAEFAULT");
    n = rmp_recv_wait(leaf, buf, sizeof(buf), 5000, NULL);
    CHECK(n == 10 && memcmp(buf, "hello leaf", 10) == 0, "the message stayed queued and arrives whole");

    CHECK(send(leaf, "hello root", 10, 0) == 10, "the leaf still sends");
    n = rmp_recv_wait(root, buf, sizeof(buf), 5000, NULL);
    CHECK(n == 10 && memcmp(buf, "hello root", 10) == 0, "the root receives it");

    closesocket(leaf);
    closesocket(c);
    closesocket(root);
    WSACloseEvent(eroot);
    WSACloseEvent(ev);
    munmap(edge, 8192);
    munmap(ro, 4096);
    WSACleanup();
    return check_done();
}

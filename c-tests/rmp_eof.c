/* Rooted multipoint, end-of-file on every receive call: once a session ended gracefully
 * (FD_CLOSE with error 0), recv, recvfrom, WSARecv and WSARecvFrom return 0 bytes, with or
 * without an address buffer, with fromlen sizeof(SOCKADDR_IN) or sizeof(SOCKADDR_STORAGE); the
 * address buffer is not written and fromlen is left as it was, as on Windows. Checked on a leaf
 * whose root closed and on the root's c_leaf socket of a leaf that left, for both data planes.
 * A 0-byte UDP datagram, which is not an end-of-file, still reports its sender.
 * ws2mp-test: timeout=60 */
#include "rmp.h"

#define FILL 0xA5

static int untouched(const void *p, int len)
{
    const unsigned char *b = (const unsigned char *)p;
    int i;
    for (i = 0; i < len; i++)
        if (b[i] != FILL)
            return 0;
    return 1;
}

/* Every receive call on `s`, which has reached a graceful end-of-file. `who` names it. */
static void check_eof(SOCKET s, const char *who)
{
    char buf[32], what[160];
    SOCKADDR_IN sin;
    SOCKADDR_STORAGE ss;
    WSABUF wb;
    DWORD got, flags;
    int len, r;

    printf("# %s\n", who);
    CHECK_EQ(recv(s, buf, sizeof(buf), 0), 0, "recv returns 0");
    CHECK_EQ(recvfrom(s, buf, sizeof(buf), 0, NULL, NULL), 0, "recvfrom without an address buffer returns 0");

    memset(&sin, FILL, sizeof(sin));
    len = sizeof(sin);
    r = recvfrom(s, buf, sizeof(buf), 0, (SOCKADDR *)&sin, &len);
    CHECK_EQ(r == SOCKET_ERROR ? -WSAGetLastError() : r, 0, "recvfrom with a SOCKADDR_IN returns 0 (not WSAEFAULT)");
    CHECK(untouched(&sin, sizeof(sin)), "... writes no address");
    CHECK_EQ(len, (int)sizeof(sin), "... and leaves fromlen as it was");

    memset(&ss, FILL, sizeof(ss));
    len = sizeof(ss);
    r = recvfrom(s, buf, sizeof(buf), 0, (SOCKADDR *)&ss, &len);
    CHECK_EQ(r, 0, "recvfrom with a SOCKADDR_STORAGE returns 0");
    CHECK(untouched(&ss, sizeof(ss)), "... writes no address");
    CHECK_EQ(len, (int)sizeof(ss), "... and leaves fromlen as it was");

    wb.buf = buf;
    wb.len = sizeof(buf);
    got = 12345;
    flags = 0;
    CHECK_EQ(WSARecv(s, &wb, 1, &got, &flags, NULL, NULL), 0, "WSARecv succeeds");
    CHECK_EQ(got, 0, "... with 0 bytes");

    got = 12345;
    flags = 0;
    CHECK_EQ(WSARecvFrom(s, &wb, 1, &got, &flags, NULL, NULL, NULL, NULL), 0, "WSARecvFrom without an address succeeds");
    CHECK_EQ(got, 0, "... with 0 bytes");

    memset(&sin, FILL, sizeof(sin));
    len = sizeof(sin);
    got = 12345;
    flags = 0;
    r = WSARecvFrom(s, &wb, 1, &got, &flags, (SOCKADDR *)&sin, &len, NULL, NULL);
    CHECK_EQ(r == SOCKET_ERROR ? -WSAGetLastError() : r, 0, "WSARecvFrom with a SOCKADDR_IN succeeds (not WSAEFAULT)");
    CHECK_EQ(got, 0, "... with 0 bytes");
    CHECK(untouched(&sin, sizeof(sin)), "... writes no address");
    CHECK_EQ(len, (int)sizeof(sin), "... and leaves lpFromlen as it was");

    memset(&ss, FILL, sizeof(ss));
    len = sizeof(ss);
    got = 12345;
    flags = 0;
    CHECK_EQ(WSARecvFrom(s, &wb, 1, &got, &flags, (SOCKADDR *)&ss, &len, NULL, NULL), 0,
             "WSARecvFrom with a SOCKADDR_STORAGE succeeds");
    CHECK_EQ(got, 0, "... with 0 bytes");
    CHECK(untouched(&ss, sizeof(ss)), "... writes no address");
    CHECK_EQ(len, (int)sizeof(ss), "... and leaves lpFromlen as it was");

    snprintf(what, sizeof(what), "%s: still end-of-file afterwards", who);
    CHECK_EQ(recv(s, buf, sizeof(buf), 0), 0, what);
}

static void one_plane(int rooted_data)
{
    SOCKET root, leaf, c, leaf2, c2;
    WSAEVENT eroot, eleaf, ec2;
    WSANETWORKEVENTS ne;
    struct sockaddr_in addr, from;
    char buf[32];
    DWORD root_flags = rooted_data ? RMP_ROOT_FLAGS : RMP_PEER_ROOT_FLAGS;

    printf("# %s data plane\n", rooted_data ? "rooted" : "non-rooted");
    root = rmp_socket(AF_INET, rooted_data, root_flags);
    REQUIRE(root != INVALID_SOCKET && rmp_listen(root, &addr) == 0, "a root listens");
    eroot = WSACreateEvent();
    WSAEventSelect(root, eroot, FD_ACCEPT);

    eleaf = WSACreateEvent();
    ec2 = WSACreateEvent();
    leaf = rmp_socket(AF_INET, rooted_data, RMP_LEAF_FLAGS);
    WSAEventSelect(leaf, eleaf, FD_CONNECT | FD_READ | FD_CLOSE);
    REQUIRE(WSAJoinLeaf(leaf, (SOCKADDR *)&addr, sizeof(addr), NULL, NULL, NULL, NULL, JL_BOTH) == leaf, "leaf 1 asks to join");
    rmp_wait(root, eroot, FD_ACCEPT, 5000, &ne);
    c = accept(root, NULL, NULL);
    REQUIRE(c != INVALID_SOCKET, "the root admits it");
    REQUIRE(rmp_wait(leaf, eleaf, FD_CONNECT, 5000, &ne) & FD_CONNECT && ne.iErrorCode[FD_CONNECT_BIT] == 0, "leaf 1 joined");
    leaf2 = rmp_socket(AF_INET, rooted_data, RMP_LEAF_FLAGS);
    WSAEventSelect(leaf2, ec2, FD_CONNECT);
    REQUIRE(WSAJoinLeaf(leaf2, (SOCKADDR *)&addr, sizeof(addr), NULL, NULL, NULL, NULL, JL_BOTH) == leaf2, "leaf 2 asks to join");
    rmp_wait(root, eroot, FD_ACCEPT, 5000, &ne);
    c2 = accept(root, NULL, NULL);
    REQUIRE(c2 != INVALID_SOCKET, "the root admits it");
    REQUIRE(rmp_wait(leaf2, ec2, FD_CONNECT, 5000, &ne) & FD_CONNECT && ne.iErrorCode[FD_CONNECT_BIT] == 0, "leaf 2 joined");
    WSAEventSelect(leaf2, NULL, 0);
    WSAResetEvent(ec2);
    WSAEventSelect(c2, ec2, FD_READ | FD_CLOSE);

    /* Leaf 2 leaves: its c_leaf socket at the root reaches end-of-file. */
    CHECK_EQ(send(leaf2, "hi", 2, 0), 2, "leaf 2 says something");
    CHECK_EQ(shutdown(leaf2, SD_SEND), 0, "then leaves (shutdown SD_SEND)");
    CHECK(rmp_wait(c2, ec2, FD_CLOSE, 5000, &ne) & FD_CLOSE, "its c_leaf socket at the root sees FD_CLOSE");
    CHECK_EQ(ne.iErrorCode[FD_CLOSE_BIT], 0, "... with error 0");
    if (rooted_data) {
        /* On the rooted plane the leaf's data goes to the root socket, not to its c_leaf. */
        CHECK_EQ(rmp_recv_wait(root, buf, sizeof(buf), 5000, &from), 2, "the root socket got leaf 2's message");
    } else {
        /* On the non-rooted plane it also reaches the other leaf. */
        CHECK_EQ(rmp_recv_wait(leaf, buf, sizeof(buf), 5000, &from), 2, "leaf 1 got leaf 2's message");
    }
    check_eof(c2, "the root's c_leaf socket of a leaf that left");

    /* The root closes: leaf 1 reaches end-of-file. */
    CHECK_EQ(closesocket(root), 0, "the root closes");
    CHECK(rmp_wait(leaf, eleaf, FD_CLOSE, 5000, &ne) & FD_CLOSE, "leaf 1 sees FD_CLOSE");
    CHECK_EQ(ne.iErrorCode[FD_CLOSE_BIT], 0, "... with error 0");
    check_eof(leaf, "a leaf whose root closed");

    closesocket(leaf);
    closesocket(leaf2);
    closesocket(c);
    closesocket(c2);
    WSACloseEvent(eroot);
    WSACloseEvent(eleaf);
    WSACloseEvent(ec2);
}

/* A 0-byte datagram is data, not an end-of-file: it names its sender. */
static void empty_datagram(void)
{
    SOCKET rx = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP), tx = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    SOCKADDR_IN a = rmp_loopback(0), from, txa;
    int len = sizeof(a);
    char buf[8];
    REQUIRE(rx != INVALID_SOCKET && tx != INVALID_SOCKET, "two UDP sockets");
    REQUIRE(bind(rx, (SOCKADDR *)&a, sizeof(a)) == 0 && getsockname(rx, (SOCKADDR *)&a, &len) == 0, "bound on loopback");
    txa = rmp_loopback(0);
    REQUIRE(bind(tx, (SOCKADDR *)&txa, sizeof(txa)) == 0, "the sender is bound");
    len = sizeof(txa);
    getsockname(tx, (SOCKADDR *)&txa, &len);
    CHECK_EQ(sendto(tx, buf, 0, 0, (SOCKADDR *)&a, sizeof(a)), 0, "a 0-byte datagram is sent");
    memset(&from, FILL, sizeof(from));
    len = sizeof(from);
    CHECK_EQ(recvfrom(rx, buf, sizeof(buf), 0, (SOCKADDR *)&from, &len), 0, "recvfrom returns 0 bytes");
    CHECK_EQ(len, (int)sizeof(SOCKADDR_IN), "... with fromlen sizeof(SOCKADDR_IN)");
    CHECK(rmp_same_addr(&from, &txa), "... and the sender's address");
    closesocket(rx);
    closesocket(tx);
}

int main(void)
{
    WSADATA wsa;
    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");
    one_plane(1);
    one_plane(0);
    empty_datagram();
    CHECK_EQ(WSACleanup(), 0, "WSACleanup");
    return check_done();
}

/* Rooted control with a non-rooted (peer) data plane: every member's sends reach every other
 * member (the root relays and is a member), recvfrom names the original sender,
 * SIO_MULTIPOINT_LOOPBACK (default TRUE here, FALSE in the rooted data plane), JL_SENDER_ONLY /
 * JL_RECEIVER_ONLY in both planes, and a data-plane mismatch refused with WSAEPROTOTYPE.
 * ws2mp-test: timeout=120 valgrind */
#include "rmp.h"

static SOCKET join(int rooted_data, struct sockaddr_in *root_addr, DWORD jl, SOCKET root, WSAEVENT eroot, SOCKET *c,
                   struct sockaddr_in *self)
{
    WSANETWORKEVENTS ne;
    SOCKET leaf = rmp_socket(AF_INET, rooted_data, RMP_LEAF_FLAGS);
    WSAEVENT ev = WSACreateEvent();
    int len = sizeof(*self);
    WSAEventSelect(leaf, ev, FD_CONNECT);
    if (WSAJoinLeaf(leaf, (struct sockaddr *)root_addr, sizeof(*root_addr), NULL, NULL, NULL, NULL, jl) != leaf)
        return INVALID_SOCKET;
    rmp_wait(root, eroot, FD_ACCEPT, 5000, &ne);
    *c = accept(root, NULL, NULL);
    if (!(rmp_wait(leaf, ev, FD_CONNECT, 5000, &ne) & FD_CONNECT) || ne.iErrorCode[FD_CONNECT_BIT] != 0)
        return INVALID_SOCKET;
    WSAEventSelect(leaf, NULL, 0);
    WSACloseEvent(ev);
    getsockname(leaf, (struct sockaddr *)self, &len);
    return leaf;
}

/* Whether `s` receives `msg` from `sender` within 5 s. */
static int got(SOCKET s, const char *msg, const struct sockaddr_in *sender)
{
    char buf[64];
    struct sockaddr_in from;
    int n = rmp_recv_wait(s, buf, sizeof(buf), 5000, &from);
    return n == (int)strlen(msg) && memcmp(buf, msg, n) == 0 && rmp_same_addr(&from, sender);
}

/* Whether nothing is waiting on `s` (after a short grace period). */
static int nothing(SOCKET s)
{
    char buf[64];
    Sleep(200);
    return recv(s, buf, sizeof(buf), 0) == SOCKET_ERROR && WSAGetLastError() == WSAEWOULDBLOCK;
}

static int set_loopback(SOCKET s, BOOL on)
{
    DWORD ret = 99;
    return WSAIoctl(s, SIO_MULTIPOINT_LOOPBACK, &on, sizeof(on), NULL, 0, &ret, NULL, NULL) == 0 && ret == 0;
}

int main(void)
{
    WSADATA wsa;
    SOCKET root, a, b, snd, rcv, ca, cb, cs, cr, mismatch, rroot, ra, rs, rr, cra, crs, crr;
    WSAEVENT eroot, erroot, emis;
    WSANETWORKEVENTS ne;
    struct sockaddr_in root_addr, rroot_addr, aa, ba, sa, rxa, raa, rsa, rra;
    DWORD ret;
    int scope = 4, n;

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");
    root = rmp_socket(AF_INET, 0, RMP_PEER_ROOT_FLAGS);
    REQUIRE(root != INVALID_SOCKET && rmp_listen(root, &root_addr) == 0, "a c_root|d_leaf root of the peer-data entry listens");
    eroot = WSACreateEvent();
    WSAEventSelect(root, eroot, FD_ACCEPT | FD_READ);
    a = join(0, &root_addr, JL_BOTH, root, eroot, &ca, &aa);
    b = join(0, &root_addr, JL_BOTH, root, eroot, &cb, &ba);
    snd = join(0, &root_addr, JL_SENDER_ONLY, root, eroot, &cs, &sa);
    rcv = join(0, &root_addr, JL_RECEIVER_ONLY, root, eroot, &cr, &rxa);
    REQUIRE(a != INVALID_SOCKET && b != INVALID_SOCKET && snd != INVALID_SOCKET && rcv != INVALID_SOCKET,
            "four leaves joined (both, both, sender-only, receiver-only)");
    WSAEventSelect(a, NULL, 0);

    /* A leaf's message reaches every other member, and itself (loopback default TRUE). */
    CHECK_EQ(send(a, "from A", 6, 0), 6, "leaf A sends");
    CHECK(got(root, "from A", &aa), "the root receives it, named A");
    CHECK(got(b, "from A", &aa), "leaf B receives the relay, named A (the original sender)");
    CHECK(got(rcv, "from A", &aa), "the receiver-only leaf receives it");
    CHECK(got(a, "from A", &aa), "A receives its own message (SIO_MULTIPOINT_LOOPBACK defaults to TRUE)");
    CHECK(nothing(snd), "the sender-only leaf receives nothing");

    /* The root is a member like the others. */
    CHECK_EQ(send(root, "from R", 6, 0), 6, "the root sends");
    CHECK(got(a, "from R", &root_addr), "A receives it, named the root");
    CHECK(got(b, "from R", &root_addr), "B receives it");
    CHECK(got(rcv, "from R", &root_addr), "the receiver-only leaf receives it");
    CHECK(got(root, "from R", &root_addr), "the root gets its own copy (loopback)");
    CHECK(nothing(snd), "the sender-only leaf receives nothing");

    /* Loopback off. */
    CHECK(set_loopback(a, FALSE), "SIO_MULTIPOINT_LOOPBACK FALSE on A");
    CHECK(set_loopback(root, FALSE), "SIO_MULTIPOINT_LOOPBACK FALSE on the root");
    CHECK_EQ(send(a, "A2", 2, 0), 2, "A sends again");
    CHECK(got(b, "A2", &aa), "B receives it");
    CHECK(got(root, "A2", &aa), "the root receives it");
    CHECK(got(rcv, "A2", &aa), "the receiver-only leaf receives it");
    CHECK(nothing(a), "A no longer receives its own message");
    CHECK_EQ(send(root, "R2", 2, 0), 2, "the root sends again");
    CHECK(got(a, "R2", &root_addr), "A receives it");
    CHECK(got(b, "R2", &root_addr), "B receives it");
    CHECK(got(rcv, "R2", &root_addr), "the receiver-only leaf receives it");
    CHECK(nothing(root), "the root no longer receives its own message");
    CHECK(set_loopback(a, TRUE), "SIO_MULTIPOINT_LOOPBACK TRUE on A again");

    /* JL flags. */
    CHECK_EQ(send(snd, "from S", 6, 0), 6, "the sender-only leaf sends");
    CHECK(got(root, "from S", &sa), "the root receives it");
    CHECK(got(a, "from S", &sa), "A receives it");
    CHECK(got(b, "from S", &sa), "B receives it");
    CHECK(got(rcv, "from S", &sa), "the receiver-only leaf receives it");
    CHECK(nothing(snd), "the sender-only leaf does not get it back");
    n = send(rcv, "no", 2, 0);
    CHECK(n == SOCKET_ERROR && WSAGetLastError() == WSAESHUTDOWN, "the receiver-only leaf cannot send: WSAESHUTDOWN");
    n = send(cs, "chat", 4, 0);
    CHECK(n == SOCKET_ERROR && WSAGetLastError() == WSAESHUTDOWN, "a side chat to the sender-only leaf: WSAESHUTDOWN");
    CHECK(WSAIoctl(a, SIO_MULTICAST_SCOPE, &scope, sizeof(scope), NULL, 0, &ret, NULL, NULL) == SOCKET_ERROR &&
              WSAGetLastError() == WSAENOPROTOOPT,
          "SIO_MULTICAST_SCOPE: WSAENOPROTOOPT (not UDP)");
    CHECK(WSAIoctl(a, SIO_MULTIPOINT_LOOPBACK, NULL, 0, NULL, 0, &ret, NULL, NULL) == SOCKET_ERROR &&
              WSAGetLastError() == WSAEFAULT,
          "SIO_MULTIPOINT_LOOPBACK without input: WSAEFAULT");

    /* A leaf of the other data plane is refused. */
    mismatch = rmp_socket(AF_INET, 1, RMP_LEAF_FLAGS);
    emis = WSACreateEvent();
    WSAEventSelect(mismatch, emis, FD_CONNECT);
    CHECK(WSAJoinLeaf(mismatch, (struct sockaddr *)&root_addr, sizeof(root_addr), NULL, NULL, NULL, NULL, JL_BOTH) == mismatch,
          "a rooted-data leaf asks a peer-data root");
    CHECK(rmp_wait(mismatch, emis, FD_CONNECT, 5000, &ne) & FD_CONNECT && ne.iErrorCode[FD_CONNECT_BIT] == WSAEPROTOTYPE,
          "... and is refused with WSAEPROTOTYPE before the program sees it");
    CHECK(accept(root, NULL, NULL) == INVALID_SOCKET && WSAGetLastError() == WSAEWOULDBLOCK, "... no request reached the root");

    /* ---- the rooted data plane, for contrast ------------------------------------------------ */
    rroot = rmp_socket(AF_INET, 1, RMP_ROOT_FLAGS);
    REQUIRE(rroot != INVALID_SOCKET && rmp_listen(rroot, &rroot_addr) == 0, "a rooted-data root listens");
    erroot = WSACreateEvent();
    WSAEventSelect(rroot, erroot, FD_ACCEPT | FD_READ);
    ra = join(1, &rroot_addr, JL_BOTH, rroot, erroot, &cra, &raa);
    rs = join(1, &rroot_addr, JL_SENDER_ONLY, rroot, erroot, &crs, &rsa);
    rr = join(1, &rroot_addr, JL_RECEIVER_ONLY, rroot, erroot, &crr, &rra);
    REQUIRE(ra != INVALID_SOCKET && rs != INVALID_SOCKET && rr != INVALID_SOCKET, "three leaves joined it");
    CHECK_EQ(send(ra, "leaf", 4, 0), 4, "a leaf sends");
    CHECK(got(rroot, "leaf", &raa), "only the root receives it");
    CHECK(nothing(rr), "... not the other leaves");
    CHECK(nothing(ra), "... not the sender (loopback defaults to FALSE in the rooted data plane)");
    CHECK_EQ(send(rroot, "root", 4, 0), 4, "the root sends");
    CHECK(got(ra, "root", &rroot_addr), "a JL_BOTH leaf receives it");
    CHECK(got(rr, "root", &rroot_addr), "a JL_RECEIVER_ONLY leaf receives it");
    CHECK(nothing(rs), "a JL_SENDER_ONLY leaf does not");
    CHECK(nothing(rroot), "the root does not get its own message");
    CHECK_EQ(send(rs, "sender", 6, 0), 6, "the sender-only leaf sends");
    CHECK(got(rroot, "sender", &rsa), "the root receives it");
    n = send(rr, "x", 1, 0);
    CHECK(n == SOCKET_ERROR && WSAGetLastError() == WSAESHUTDOWN, "the receiver-only leaf cannot send");
    CHECK(set_loopback(rroot, TRUE), "SIO_MULTIPOINT_LOOPBACK TRUE on the rooted-data root");
    CHECK_EQ(send(rroot, "again", 5, 0), 5, "the root sends");
    CHECK(got(rroot, "again", &rroot_addr), "now the root receives its own message");
    CHECK(got(ra, "again", &rroot_addr), "... and the leaf too");

    closesocket(a);
    closesocket(b);
    closesocket(snd);
    closesocket(rcv);
    closesocket(mismatch);
    closesocket(ra);
    closesocket(rs);
    closesocket(rr);
    closesocket(ca);
    closesocket(cb);
    closesocket(cs);
    closesocket(cr);
    closesocket(cra);
    closesocket(crs);
    closesocket(crr);
    closesocket(root);
    closesocket(rroot);
    CHECK_EQ(WSACleanup(), 0, "WSACleanup");
    return check_done();
}

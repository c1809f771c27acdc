/* Rooted multipoint, root-initiated joins: a listening c_leaf sees FD_ACCEPT and admits itself
 * with WSAAccept; the root's WSAJoinLeaf returns a new c_leaf socket that inherits its
 * selection, is unusable until FD_CONNECT, then carries a side chat; one invitation at a time;
 * a rejected invitation; a withdrawn one; a blocking one; a root that listens and invites at the
 * same time; and both directions over IPv6.
 * ws2mp-test: timeout=90 */
#include "rmp.h"

static int g_verdict = CF_ACCEPT;
static int g_calls;
static struct sockaddr_storage g_caller;

static int CALLBACK leaf_decides(LPWSABUF caller_id, LPWSABUF caller_data, LPQOS sqos, LPQOS gqos,
                                 LPWSABUF callee_id, LPWSABUF callee_data, GROUP *g, DWORD_PTR cb)
{
    (void)sqos;
    (void)gqos;
    (void)callee_id;
    (void)g;
    (void)cb;
    ++g_calls;
    memcpy(&g_caller, caller_id->buf, caller_id->len < sizeof(g_caller) ? caller_id->len : sizeof(g_caller));
    CHECK(caller_data && caller_data->len == 6 && memcmp(caller_data->buf, "invite", 6) == 0,
          "the invited leaf's condition function sees the root's caller data");
    if (callee_data) {
        memcpy(callee_data->buf, "yes", 3);
        callee_data->len = 3;
    }
    return g_verdict;
}

static SOCKET listening_leaf(int af, void *addr, int *len, WSAEVENT ev)
{
    SOCKET s = rmp_socket(af, 1, RMP_LEAF_FLAGS);
    if (af == AF_INET) {
        struct sockaddr_in *a = addr;
        *a = rmp_loopback(0);
        *len = sizeof(*a);
    } else {
        struct sockaddr_in6 *a = addr;
        memset(a, 0, sizeof(*a));
        a->sin6_family = AF_INET6;
        a->sin6_addr = in6addr_loopback;
        *len = sizeof(*a);
    }
    if (bind(s, (struct sockaddr *)addr, *len) != 0 || listen(s, 5) != 0 ||
        getsockname(s, (struct sockaddr *)addr, len) != 0)
        return INVALID_SOCKET;
    if (ev)
        WSAEventSelect(s, ev, FD_ACCEPT);
    return s;
}

struct blocking_accept {
    SOCKET listener;
    SOCKET result;
};

struct blocked_recv {
    SOCKET s;
    int result, error;
};

static DWORD WINAPI recv_thread(LPVOID p)
{
    struct blocked_recv *b = p;
    char buf[16];
    b->result = recv(b->s, buf, sizeof(buf), 0);
    b->error = b->result == SOCKET_ERROR ? WSAGetLastError() : 0;
    return 0;
}

static DWORD WINAPI accept_thread(LPVOID p)
{
    struct blocking_accept *b = p;
    b->result = accept(b->listener, NULL, NULL);
    return 0;
}

int main(void)
{
    WSADATA wsa;
    SOCKET root, lv, lm, ln, i1, c, c2, c3, joiner, cj;
    WSAEVENT eroot, elv, elm, eln, ei1, ec2, ejoin;
    WSANETWORKEVENTS ne;
    WSABUF caller, callee;
    char cbuf[32], buf[64];
    struct sockaddr_in lv_addr, lm_addr, ln_addr, root_addr, from;
    int len, n;

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");
    elv = WSACreateEvent();
    lv = listening_leaf(AF_INET, &lv_addr, &len, elv);
    REQUIRE(lv != INVALID_SOCKET, "a c_leaf binds and listens for invitations");
    CHECK(WSAJoinLeaf(lv, (struct sockaddr *)&lv_addr, sizeof(lv_addr), NULL, NULL, NULL, NULL, JL_BOTH) == INVALID_SOCKET &&
              WSAGetLastError() == WSAEINVAL,
          "WSAJoinLeaf on a listening c_leaf: WSAEINVAL");

    root = rmp_socket(AF_INET, 1, RMP_ROOT_FLAGS);
    REQUIRE(root != INVALID_SOCKET && rmp_listen(root, &root_addr) == 0, "a root that also listens");
    eroot = WSACreateEvent();
    WSAEventSelect(root, eroot, FD_CONNECT | FD_ACCEPT | FD_READ | FD_WRITE);
    rmp_wait(root, eroot, FD_WRITE, 1000, &ne);

    caller.buf = "invite";
    caller.len = 6;
    memset(cbuf, 0, sizeof(cbuf));
    callee.buf = cbuf;
    callee.len = sizeof(cbuf);
    c = WSAJoinLeaf(root, (struct sockaddr *)&lv_addr, sizeof(lv_addr), &caller, &callee, NULL, NULL, JL_BOTH);
    REQUIRE(c != INVALID_SOCKET && c != root, "the root's WSAJoinLeaf returns a new c_leaf socket");
    n = send(c, "early", 5, 0);
    CHECK(n == SOCKET_ERROR && WSAGetLastError() == WSAENOTCONN, "it is unusable until FD_CONNECT (WSAENOTCONN)");
    CHECK(WSAJoinLeaf(root, (struct sockaddr *)&lv_addr, sizeof(lv_addr), &caller, &callee, NULL, NULL, JL_BOTH) == INVALID_SOCKET &&
              WSAGetLastError() == WSAEALREADY,
          "a second invitation while one is outstanding: WSAEALREADY");

    CHECK(rmp_wait(lv, elv, FD_ACCEPT, 5000, &ne) & FD_ACCEPT, "the listening leaf sees FD_ACCEPT");
    len = sizeof(from);
    i1 = WSAAccept(lv, (struct sockaddr *)&from, &len, leaf_decides, 0);
    REQUIRE(i1 != INVALID_SOCKET, "WSAAccept on the leaf returns its session socket");
    CHECK(((struct sockaddr_in *)&g_caller)->sin_addr.s_addr == htonl(INADDR_LOOPBACK) && from.sin_addr.s_addr == htonl(INADDR_LOOPBACK),
          "lpCallerId and the accepted address are the root's");
    CHECK(rmp_wait(root, eroot, FD_CONNECT, 5000, &ne) & FD_CONNECT, "the root sees FD_CONNECT");
    CHECK_EQ(ne.iErrorCode[FD_CONNECT_BIT], 0, "... with error 0");
    CHECK(callee.len == 3 && memcmp(cbuf, "yes", 3) == 0, "the root's lpCalleeData holds the leaf's answer");
    {
        WSANETWORKEVENTS cne;
        memset(&cne, 0, sizeof(cne));
        CHECK(WSAEnumNetworkEvents(c, NULL, &cne) == 0, "the new c_leaf socket has its own record (inherited selection)");
        if (!(cne.lNetworkEvents & FD_WRITE))
            rmp_wait(c, eroot, FD_WRITE, 2000, &cne);
        CHECK(cne.lNetworkEvents & FD_WRITE, "... and FD_WRITE once the invitation completed");
    }
    len = sizeof(from);
    CHECK(getpeername(c, (struct sockaddr *)&from, &len) == 0 && rmp_same_addr(&from, &lv_addr),
          "the c_leaf socket's peer is the invited leaf");

    ei1 = WSACreateEvent();
    WSAEventSelect(i1, ei1, FD_READ | FD_CLOSE);
    CHECK_EQ(send(root, "to all", 6, 0), 6, "the root sends");
    n = rmp_recv_wait(i1, buf, sizeof(buf), 5000, NULL);
    CHECK(n == 6 && memcmp(buf, "to all", 6) == 0, "the invited leaf receives the root's data");
    CHECK_EQ(send(c, "chat", 4, 0), 4, "a side chat on the c_leaf socket");
    n = rmp_recv_wait(i1, buf, sizeof(buf), 5000, NULL);
    CHECK(n == 4 && memcmp(buf, "chat", 4) == 0, "... reaches the invited leaf");
    CHECK_EQ(send(i1, "reply", 5, 0), 5, "the invited leaf sends");
    n = rmp_recv_wait(root, buf, sizeof(buf), 5000, &from);
    CHECK(n == 5 && memcmp(buf, "reply", 5) == 0 && rmp_same_addr(&from, &lv_addr),
          "the root receives it, named with the leaf's address");

    /* ---- the root listens at the same time: a leaf-initiated join -------------------------- */
    joiner = rmp_socket(AF_INET, 1, RMP_LEAF_FLAGS);
    ejoin = WSACreateEvent();
    WSAEventSelect(joiner, ejoin, FD_CONNECT | FD_READ);
    CHECK(WSAJoinLeaf(joiner, (struct sockaddr *)&root_addr, sizeof(root_addr), NULL, NULL, NULL, NULL, JL_BOTH) == joiner,
          "meanwhile a leaf asks to join the same root");
    CHECK(rmp_wait(root, eroot, FD_ACCEPT, 5000, &ne) & FD_ACCEPT, "the inviting root sees FD_ACCEPT");
    cj = accept(root, NULL, NULL);
    CHECK(cj != INVALID_SOCKET, "... and admits it");
    CHECK(rmp_wait(joiner, ejoin, FD_CONNECT, 5000, &ne) & FD_CONNECT && ne.iErrorCode[FD_CONNECT_BIT] == 0, "the joiner is in");
    CHECK_EQ(send(root, "both", 4, 0), 4, "the root sends to both leaves");
    CHECK_EQ(rmp_recv_wait(i1, buf, sizeof(buf), 5000, NULL), 4, "the invited leaf receives");
    CHECK_EQ(rmp_recv_wait(joiner, buf, sizeof(buf), 5000, NULL), 4, "the joining leaf receives");

    /* ---- a rejected invitation: FD_CONNECT with the code; the c_leaf socket ends ----------- */
    elm = WSACreateEvent();
    lm = listening_leaf(AF_INET, &lm_addr, &len, elm);
    callee.len = sizeof(cbuf);
    c2 = WSAJoinLeaf(root, (struct sockaddr *)&lm_addr, sizeof(lm_addr), &caller, &callee, NULL, NULL, JL_BOTH);
    CHECK(c2 != INVALID_SOCKET, "the next invitation may start once the previous completed");
    ec2 = WSACreateEvent();
    WSAEventSelect(c2, ec2, FD_CLOSE);
    CHECK(rmp_wait(lm, elm, FD_ACCEPT, 5000, &ne) & FD_ACCEPT, "the second listening leaf sees FD_ACCEPT");
    g_verdict = CF_REJECT;
    CHECK(WSAAccept(lm, NULL, NULL, leaf_decides, 0) == INVALID_SOCKET && WSAGetLastError() == WSAECONNREFUSED,
          "it rejects the invitation");
    CHECK(rmp_wait(root, eroot, FD_CONNECT, 5000, &ne) & FD_CONNECT, "the root sees FD_CONNECT");
    CHECK_EQ(ne.iErrorCode[FD_CONNECT_BIT], WSAECONNREFUSED, "... with WSAECONNREFUSED");
    CHECK_EQ(callee.len, 0, "... and lpCalleeData->len 0");
    n = send(c2, "x", 1, 0);
    CHECK(n == SOCKET_ERROR && WSAGetLastError() == WSAECONNREFUSED, "the rejected invitation's c_leaf socket stays unusable: send fails with the code");
    n = recv(c2, buf, sizeof(buf), 0);
    CHECK(n == SOCKET_ERROR && WSAGetLastError() == WSAECONNREFUSED, "... and recv too");
    CHECK((rmp_wait(c2, ec2, FD_CLOSE, 300, &ne) & FD_CLOSE) == 0, "... and it gets no FD_CLOSE (it never connected)");
    closesocket(c2);

    /* ---- a withdrawn invitation: closesocket on its c_leaf socket -------------------------- */
    eln = WSACreateEvent();
    ln = listening_leaf(AF_INET, &ln_addr, &len, eln);
    c3 = WSAJoinLeaf(root, (struct sockaddr *)&ln_addr, sizeof(ln_addr), &caller, NULL, NULL, NULL, JL_BOTH);
    CHECK(c3 != INVALID_SOCKET, "a third invitation");
    CHECK(rmp_wait(ln, eln, FD_ACCEPT, 5000, &ne) & FD_ACCEPT, "its leaf sees FD_ACCEPT");
    CHECK_EQ(closesocket(c3), 0, "the root closes the c_leaf socket before the leaf decides");
            Sleep(300);
    g_verdict = CF_ACCEPT;
    CHECK(accept(ln, NULL, NULL) == INVALID_SOCKET && WSAGetLastError() == WSAEWOULDBLOCK,
          "the withdrawn invitation is gone from the leaf");
    c3 = WSAJoinLeaf(root, (struct sockaddr *)&ln_addr, sizeof(ln_addr), &caller, NULL, NULL, NULL, JL_BOTH);
    CHECK(c3 != INVALID_SOCKET, "the root may invite again");
    CHECK(rmp_wait(ln, eln, FD_ACCEPT, 5000, &ne) & FD_ACCEPT, "... FD_ACCEPT at the leaf");
    CHECK(accept(ln, NULL, NULL) != INVALID_SOCKET, "... which accepts with plain accept");
    CHECK(rmp_wait(root, eroot, FD_CONNECT, 5000, &ne) & FD_CONNECT && ne.iErrorCode[FD_CONNECT_BIT] == 0,
          "the root sees FD_CONNECT 0");

    /* ---- evicting the invited leaf: closesocket on its c_leaf socket ------------------------ */
    CHECK_EQ(closesocket(c), 0, "the root closes the first invited leaf's c_leaf socket");
    CHECK(rmp_wait(i1, ei1, FD_CLOSE, 5000, &ne) & FD_CLOSE, "the evicted leaf sees FD_CLOSE");
    CHECK_EQ(ne.iErrorCode[FD_CLOSE_BIT], 0, "... with error 0");

    /* ---- a blocking invitation ----------------------------------------------------------------- */
    {
        SOCKET broot, lp, cb;
        struct sockaddr_in lp_addr;
        struct blocking_accept ba;
        HANDLE t;
        lp = listening_leaf(AF_INET, &lp_addr, &len, NULL);
        broot = rmp_socket(AF_INET, 1, RMP_ROOT_FLAGS);
        ba.listener = lp;
        ba.result = INVALID_SOCKET;
        t = CreateThread(NULL, 0, accept_thread, &ba, 0, NULL);
        cb = WSAJoinLeaf(broot, (struct sockaddr *)&lp_addr, sizeof(lp_addr), NULL, NULL, NULL, NULL, JL_RECEIVER_ONLY);
        WaitForSingleObject(t, INFINITE);
        CloseHandle(t);
        CHECK(cb != INVALID_SOCKET, "a blocking root's WSAJoinLeaf returns after the leaf accepted");
        CHECK(ba.result != INVALID_SOCKET, "... the leaf's blocking accept returned its session socket");
        CHECK_EQ(send(cb, "direct", 6, 0), 6, "a side chat to it");
        n = recv(ba.result, buf, sizeof(buf), 0);
        CHECK_EQ(n, 6, "... arrives (blocking recv)");
        n = send(ba.result, "no", 2, 0);
        CHECK(n == SOCKET_ERROR && WSAGetLastError() == WSAESHUTDOWN, "a JL_RECEIVER_ONLY leaf cannot send: WSAESHUTDOWN");
        /* MSG_PEEK leaves the message; SO_RCVTIMEO bounds a blocking receive. */
        CHECK_EQ(send(cb, "peekaboo", 8, 0), 8, "another side chat");
        {
            char pk[16];
            DWORD tmo = 300;
            double t0;
            CHECK(recv(ba.result, pk, sizeof(pk), MSG_PEEK) == 8 && memcmp(pk, "peekaboo", 8) == 0, "MSG_PEEK sees it");
            CHECK(recv(ba.result, pk, sizeof(pk), 0) == 8 && memcmp(pk, "peekaboo", 8) == 0, "... and recv still gets it");
            CHECK_EQ(setsockopt(ba.result, SOL_SOCKET, SO_RCVTIMEO, (char *)&tmo, sizeof(tmo)), 0, "SO_RCVTIMEO 300 ms");
            t0 = rmp_now();
            n = recv(ba.result, pk, sizeof(pk), 0);
            CHECK(n == SOCKET_ERROR && WSAGetLastError() == WSAETIMEDOUT, "a blocking receive with nothing to read: WSAETIMEDOUT");
            CHECK(rmp_now() - t0 >= 0.25 && rmp_now() - t0 < 3, "... after about 300 ms");
        }
        {
            /* closesocket from another thread wakes a blocked receive with WSAEINTR. */
            struct blocked_recv br;
            DWORD none = 0;
            setsockopt(ba.result, SOL_SOCKET, SO_RCVTIMEO, (char *)&none, sizeof(none));
            br.s = ba.result;
            br.result = 0;
            br.error = 0;
            t = CreateThread(NULL, 0, recv_thread, &br, 0, NULL);
                            Sleep(200);
            CHECK_EQ(closesocket(ba.result), 0, "closesocket while another thread is blocked in recv");
            WaitForSingleObject(t, INFINITE);
            CloseHandle(t);
            CHECK(br.result == SOCKET_ERROR && br.error == WSAEINTR, "... wakes it with WSAEINTR");
        }
        closesocket(cb);
        closesocket(broot);
        closesocket(lp);
    }

    /* ---- IPv6, both directions ------------------------------------------------------------- */
    {
        SOCKET r6, l6, lv6, c6a, c6b, i6;
        WSAEVENT e6 = WSACreateEvent(), el6 = WSACreateEvent(), elv6 = WSACreateEvent();
        struct sockaddr_in6 r6_addr, lv6_addr, f6;
        int l6len;
        r6 = rmp_socket(AF_INET6, 1, RMP_ROOT_FLAGS);
        memset(&r6_addr, 0, sizeof(r6_addr));
        r6_addr.sin6_family = AF_INET6;
        r6_addr.sin6_addr = in6addr_loopback;
        l6len = sizeof(r6_addr);
        REQUIRE(r6 != INVALID_SOCKET && bind(r6, (struct sockaddr *)&r6_addr, sizeof(r6_addr)) == 0 && listen(r6, 5) == 0 &&
                    getsockname(r6, (struct sockaddr *)&r6_addr, &l6len) == 0,
                "an IPv6 root listens on ::1");
        WSAEventSelect(r6, e6, FD_ACCEPT | FD_CONNECT | FD_READ);
        l6 = rmp_socket(AF_INET6, 1, RMP_LEAF_FLAGS);
        WSAEventSelect(l6, el6, FD_CONNECT | FD_READ);
        CHECK(WSAJoinLeaf(l6, (struct sockaddr *)&r6_addr, sizeof(r6_addr), NULL, NULL, NULL, NULL, JL_BOTH) == l6,
              "an IPv6 leaf asks to join");
        CHECK(rmp_wait(r6, e6, FD_ACCEPT, 5000, &ne) & FD_ACCEPT, "... FD_ACCEPT");
        c6a = accept(r6, NULL, NULL);
        CHECK(c6a != INVALID_SOCKET, "... admitted");
        CHECK(rmp_wait(l6, el6, FD_CONNECT, 5000, &ne) & FD_CONNECT && ne.iErrorCode[FD_CONNECT_BIT] == 0, "... joined");
        lv6 = listening_leaf(AF_INET6, &lv6_addr, &l6len, elv6);
        c6b = WSAJoinLeaf(r6, (struct sockaddr *)&lv6_addr, sizeof(lv6_addr), NULL, NULL, NULL, NULL, JL_BOTH);
        CHECK(c6b != INVALID_SOCKET, "the IPv6 root invites an IPv6 leaf");
        CHECK(rmp_wait(lv6, elv6, FD_ACCEPT, 5000, &ne) & FD_ACCEPT, "... FD_ACCEPT at the leaf");
        i6 = accept(lv6, NULL, NULL);
        CHECK(i6 != INVALID_SOCKET, "... accepted");
        CHECK(rmp_wait(r6, e6, FD_CONNECT, 5000, &ne) & FD_CONNECT && ne.iErrorCode[FD_CONNECT_BIT] == 0, "... FD_CONNECT 0");
        CHECK_EQ(send(r6, "six", 3, 0), 3, "the IPv6 root sends");
        CHECK_EQ(rmp_recv_wait(l6, buf, sizeof(buf), 5000, NULL), 3, "the joined IPv6 leaf receives");
        CHECK_EQ(rmp_recv_wait(i6, buf, sizeof(buf), 5000, NULL), 3, "the invited IPv6 leaf receives");
        CHECK_EQ(send(l6, "up6", 3, 0), 3, "an IPv6 leaf sends");
        l6len = sizeof(f6);
        n = -1;
        {
            double deadline = rmp_now() + 5;
            while ((n = recvfrom(r6, buf, sizeof(buf), 0, (struct sockaddr *)&f6, &l6len)) < 0 && rmp_now() < deadline) {
                Sleep(2);
            }
        }
        CHECK(n == 3 && f6.sin6_family == AF_INET6 && memcmp(&f6.sin6_addr, &in6addr_loopback, 16) == 0,
              "the IPv6 root receives it, named with an IPv6 address");
        closesocket(i6);
        closesocket(lv6);
        closesocket(c6a);
        closesocket(c6b);
        closesocket(l6);
        closesocket(r6);
    }

    closesocket(joiner);
    closesocket(cj);
    closesocket(i1);
    closesocket(lv);
    closesocket(lm);
    closesocket(ln);
    closesocket(root);
    CHECK_EQ(g_calls > 0, 1, "condition functions ran");
    CHECK_EQ(WSACleanup(), 0, "WSACleanup");
    return check_done();
}

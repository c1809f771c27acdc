/* Rooted multipoint admission: CF_DEFER (WSATRY_AGAIN, FD_ACCEPT not re-enabled), CF_REJECT
 * (WSAECONNREFUSED at both ends), a retried join, plain accept, FD_ACCEPT re-recorded while
 * requests remain, invalid condition results, blocking joins (accepted and rejected), select
 * on a listening root, and the decision timeout.
 * ws2mp-test: timeout=90 */
#include "rmp.h"
#include <stdlib.h>

static int g_verdict;
static char g_seen_data[64];
static int g_seen_len;

static int CALLBACK decide(LPWSABUF caller_id, LPWSABUF caller_data, LPQOS sqos, LPQOS gqos,
                           LPWSABUF callee_id, LPWSABUF callee_data, GROUP *g, DWORD_PTR cb)
{
    (void)caller_id;
    (void)sqos;
    (void)gqos;
    (void)callee_id;
    (void)g;
    (void)cb;
    g_seen_len = caller_data ? (int)caller_data->len : -1;
    if (caller_data && caller_data->len < sizeof(g_seen_data))
        memcpy(g_seen_data, caller_data->buf, caller_data->len);
    if (callee_data) {
        memcpy(callee_data->buf, "ok!", 3);
        callee_data->len = 3;
    }
    return g_verdict;
}

struct joiner {
    SOCKET leaf;
    struct sockaddr_in root;
    SOCKET result;
    int error;
    char callee[32];
    unsigned callee_len;
};

static DWORD WINAPI blocking_join(LPVOID p)
{
    struct joiner *j = p;
    WSABUF caller, callee;
    caller.buf = "blocking";
    caller.len = 8;
    callee.buf = j->callee;
    callee.len = sizeof(j->callee);
    j->result = WSAJoinLeaf(j->leaf, (struct sockaddr *)&j->root, sizeof(j->root), &caller, &callee, NULL, NULL, JL_BOTH);
    j->error = j->result == INVALID_SOCKET ? WSAGetLastError() : 0;
    j->callee_len = callee.len;
    return 0;
}

static SOCKET start_join(struct sockaddr_in *root, const char *data, WSAEVENT ev, char *callee_buf, WSABUF *callee)
{
    SOCKET leaf = rmp_socket(AF_INET, 1, RMP_LEAF_FLAGS);
    WSABUF caller;
    WSAEventSelect(leaf, ev, FD_CONNECT | FD_READ | FD_CLOSE);
    caller.buf = (char *)data;
    caller.len = (ULONG)strlen(data);
    callee->buf = callee_buf;
    callee->len = 32;
    if (WSAJoinLeaf(leaf, (struct sockaddr *)root, sizeof(*root), &caller, callee, NULL, NULL, JL_BOTH) != leaf)
        return INVALID_SOCKET;
    return leaf;
}

int main(void)
{
    WSADATA wsa;
    SOCKET root, leaf1, leaf2, leaf3, leaf5, c1, c2, c3;
    WSAEVENT eroot, e1, e2, e3, e5;
    WSANETWORKEVENTS ne;
    WSABUF callee1, callee2, callee3, callee5, caller;
    char cb1[32], cb2[32], cb3[32], cb5[32];
    struct sockaddr_in root_addr;
    struct joiner j;
    HANDLE t;
    fd_set rd;
    struct timeval tv;
    int n;

    rmp_set_env("WS2MP_RMP_JOIN_TIMEOUT_MS", "3000");
    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");
    root = rmp_socket(AF_INET, 1, RMP_ROOT_FLAGS);
    REQUIRE(root != INVALID_SOCKET && rmp_listen(root, &root_addr) == 0, "root listens");
    eroot = WSACreateEvent();
    WSAEventSelect(root, eroot, FD_ACCEPT | FD_READ);
    CHECK(accept(root, NULL, NULL) == INVALID_SOCKET && WSAGetLastError() == WSAEWOULDBLOCK,
          "non-blocking accept with nothing pending: WSAEWOULDBLOCK");

    /* ---- defer, then reject ---------------------------------------------------------------- */
    e1 = WSACreateEvent();
    leaf1 = start_join(&root_addr, "one", e1, cb1, &callee1);
    REQUIRE(leaf1 != INVALID_SOCKET, "leaf 1 starts joining");
    CHECK(rmp_wait(root, eroot, FD_ACCEPT, 5000, &ne) & FD_ACCEPT, "root: FD_ACCEPT");
    FD_ZERO(&rd);
    FD_SET(root, &rd);
    tv.tv_sec = 1;
    tv.tv_usec = 0;
    CHECK(select(0, &rd, NULL, NULL, &tv) == 1 && FD_ISSET(root, &rd), "select: a root with a pending join is readable");
    g_verdict = CF_DEFER;
    CHECK(WSAAccept(root, NULL, NULL, decide, 0) == INVALID_SOCKET && WSAGetLastError() == WSATRY_AGAIN,
          "CF_DEFER: WSATRY_AGAIN");
    CHECK(g_seen_len == 3 && memcmp(g_seen_data, "one", 3) == 0, "the condition function saw the caller data");
    CHECK((rmp_wait(root, eroot, FD_ACCEPT, 300, &ne) & FD_ACCEPT) == 0, "after CF_DEFER FD_ACCEPT is not re-enabled");
    g_verdict = CF_REJECT;
    CHECK(WSAAccept(root, NULL, NULL, decide, 0) == INVALID_SOCKET && WSAGetLastError() == WSAECONNREFUSED,
          "the deferred request comes back; CF_REJECT: WSAECONNREFUSED");
    CHECK(rmp_wait(leaf1, e1, FD_CONNECT, 5000, &ne) & FD_CONNECT, "leaf 1: FD_CONNECT");
    CHECK_EQ(ne.iErrorCode[FD_CONNECT_BIT], WSAECONNREFUSED, "... with WSAECONNREFUSED");
    CHECK_EQ(callee1.len, 0, "... and lpCalleeData->len 0");
    n = send(leaf1, "x", 1, 0);
    CHECK(n == SOCKET_ERROR && WSAGetLastError() == WSAENOTCONN, "a rejected leaf cannot send");
    FD_ZERO(&rd);
    FD_SET(root, &rd);
    tv.tv_sec = 0;
    tv.tv_usec = 100000;
    CHECK_EQ(select(0, &rd, NULL, NULL, &tv), 0, "select: no pending join any more");

    /* ---- a retried join, admitted by plain accept ----------------------------------------- */
    caller.buf = "again";
    caller.len = 5;
    callee1.len = sizeof(cb1);
    CHECK(WSAJoinLeaf(leaf1, (struct sockaddr *)&root_addr, sizeof(root_addr), &caller, &callee1, NULL, NULL, JL_BOTH) == leaf1,
          "a rejected leaf may join again");
    CHECK(rmp_wait(root, eroot, FD_ACCEPT, 5000, &ne) & FD_ACCEPT, "root: FD_ACCEPT (re-enabled by the rejecting WSAAccept)");
    c1 = accept(root, NULL, NULL);
    CHECK(c1 != INVALID_SOCKET, "plain accept admits the leaf");
    CHECK(rmp_wait(leaf1, e1, FD_CONNECT, 5000, &ne) & FD_CONNECT, "leaf 1: FD_CONNECT");
    CHECK_EQ(ne.iErrorCode[FD_CONNECT_BIT], 0, "... with error 0");
    CHECK_EQ(callee1.len, 0, "plain accept sends no callee data");

    /* ---- two pending requests: FD_ACCEPT is recorded again after the first accept -------- */
    e2 = WSACreateEvent();
    e3 = WSACreateEvent();
    leaf2 = start_join(&root_addr, "two", e2, cb2, &callee2);
    leaf3 = start_join(&root_addr, "three", e3, cb3, &callee3);
    REQUIRE(leaf2 != INVALID_SOCKET && leaf3 != INVALID_SOCKET, "leaves 2 and 3 start joining");
    {
        double deadline = rmp_now() + 5;
        while (rmp_now() < deadline) {
            Sleep(20);
            FD_ZERO(&rd);
            FD_SET(root, &rd);
            tv.tv_sec = 0;
            tv.tv_usec = 0;
            if (select(0, &rd, NULL, NULL, &tv) == 1 && rmp_now() > deadline - 4.5)
                break;
        }
    }
    CHECK(rmp_wait(root, eroot, FD_ACCEPT, 5000, &ne) & FD_ACCEPT, "root: FD_ACCEPT");
    g_verdict = CF_ACCEPT;
    c2 = WSAAccept(root, NULL, NULL, decide, 0);
    CHECK(c2 != INVALID_SOCKET, "the first is admitted");
    CHECK(rmp_wait(root, eroot, FD_ACCEPT, 5000, &ne) & FD_ACCEPT, "FD_ACCEPT is recorded again while a request remains");
    c3 = WSAAccept(root, NULL, NULL, decide, 0);
    CHECK(c3 != INVALID_SOCKET, "the second is admitted");
    CHECK(rmp_wait(leaf2, e2, FD_CONNECT, 5000, &ne) & FD_CONNECT && ne.iErrorCode[FD_CONNECT_BIT] == 0, "leaf 2 joined");
    CHECK(callee2.len == 3 && memcmp(cb2, "ok!", 3) == 0, "leaf 2 got the callee data");
    CHECK(rmp_wait(leaf3, e3, FD_CONNECT, 5000, &ne) & FD_CONNECT && ne.iErrorCode[FD_CONNECT_BIT] == 0, "leaf 3 joined");
    CHECK_EQ(send(root, "all", 3, 0), 3, "root sends to three leaves");
    {
        char buf[8];
        CHECK_EQ(rmp_recv_wait(leaf1, buf, sizeof(buf), 5000, NULL), 3, "leaf 1 receives");
        CHECK_EQ(rmp_recv_wait(leaf2, buf, sizeof(buf), 5000, NULL), 3, "leaf 2 receives");
        CHECK_EQ(rmp_recv_wait(leaf3, buf, sizeof(buf), 5000, NULL), 3, "leaf 3 receives");
    }

    /* ---- an invalid condition result -------------------------------------------------------- */
    e5 = WSACreateEvent();
    leaf5 = start_join(&root_addr, "five", e5, cb5, &callee5);
    CHECK(rmp_wait(root, eroot, FD_ACCEPT, 5000, &ne) & FD_ACCEPT, "root: FD_ACCEPT for leaf 5");
    g_verdict = 7;
    CHECK(WSAAccept(root, NULL, NULL, decide, 0) == INVALID_SOCKET && WSAGetLastError() == WSAEINVAL,
          "a condition result other than CF_*: WSAEINVAL");
    CHECK(rmp_wait(leaf5, e5, FD_CONNECT, 5000, &ne) & FD_CONNECT && ne.iErrorCode[FD_CONNECT_BIT] == WSAECONNREFUSED,
          "... and the leaf is refused");
    closesocket(leaf5);

    /* ---- blocking joins ------------------------------------------------------------------- */
    memset(&j, 0, sizeof(j));
    j.leaf = rmp_socket(AF_INET, 1, RMP_LEAF_FLAGS);
    j.root = root_addr;
    t = CreateThread(NULL, 0, blocking_join, &j, 0, NULL);
    CHECK(rmp_wait(root, eroot, FD_ACCEPT, 5000, &ne) & FD_ACCEPT, "root: FD_ACCEPT for a blocking joiner");
            Sleep(200);
    CHECK(j.result == 0 && j.error == 0, "the blocking WSAJoinLeaf is still waiting for the decision");
    g_verdict = CF_ACCEPT;
    CHECK(WSAAccept(root, NULL, NULL, decide, 0) != INVALID_SOCKET, "root admits it");
    WaitForSingleObject(t, INFINITE);
    CloseHandle(t);
    CHECK(j.result == j.leaf, "the blocking WSAJoinLeaf returns the leaf after the decision");
    CHECK(g_seen_len == 8 && memcmp(g_seen_data, "blocking", 8) == 0, "... its caller data arrived");
    CHECK(j.callee_len == 3 && memcmp(j.callee, "ok!", 3) == 0, "... and its callee data is there on return");
    closesocket(j.leaf);

    memset(&j, 0, sizeof(j));
    j.leaf = rmp_socket(AF_INET, 1, RMP_LEAF_FLAGS);
    j.root = root_addr;
    t = CreateThread(NULL, 0, blocking_join, &j, 0, NULL);
    CHECK(rmp_wait(root, eroot, FD_ACCEPT, 5000, &ne) & FD_ACCEPT, "root: FD_ACCEPT for another blocking joiner");
    g_verdict = CF_REJECT;
    CHECK(WSAAccept(root, NULL, NULL, decide, 0) == INVALID_SOCKET, "root rejects it");
    WaitForSingleObject(t, INFINITE);
    CloseHandle(t);
    CHECK(j.result == INVALID_SOCKET && j.error == WSAECONNREFUSED, "the blocking WSAJoinLeaf fails with WSAECONNREFUSED");
    closesocket(j.leaf);

    /* ---- the decision timeout (3 s here, WS2MP_RMP_JOIN_TIMEOUT_MS) ------------------------ */
    e5 = WSACreateEvent();
    leaf5 = start_join(&root_addr, "late", e5, cb5, &callee5);
    CHECK(rmp_wait(root, eroot, FD_ACCEPT, 5000, &ne) & FD_ACCEPT, "root: FD_ACCEPT, left undecided");
    CHECK(rmp_wait(leaf5, e5, FD_CONNECT, 8000, &ne) & FD_CONNECT, "the leaf gets FD_CONNECT without a decision");
    CHECK_EQ(ne.iErrorCode[FD_CONNECT_BIT], WSAETIMEDOUT, "... WSAETIMEDOUT");
    CHECK(accept(root, NULL, NULL) == INVALID_SOCKET && WSAGetLastError() == WSAEWOULDBLOCK,
          "the timed-out request is gone from the root");

    closesocket(leaf1);
    closesocket(leaf2);
    closesocket(leaf3);
    closesocket(leaf5);
    closesocket(c1);
    closesocket(c2);
    closesocket(c3);
    closesocket(root);
    CHECK_EQ(WSACleanup(), 0, "WSACleanup");
    return check_done();
}

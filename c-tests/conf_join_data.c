/* ws2mp-test: posix timeout=60 */ /* mmap for pages the program may not touch */
/*
 * WSAJoinLeaf's connect-data arguments given memory the program cannot use: lpCallerData or
 * lpCalleeData pointing nowhere, into a guard page or (for the callee, which is written) into
 * a read-only page, and WSABUFs whose buffers do. Each join fails with WSAEFAULT, never
 * crashes, and starts nothing (the socket stays unbound and unjoined, no root or leaf sees a
 * request); a good join afterwards works. Multicast (c_leaf|d_leaf UDP, JL_SENDER_ONLY: no
 * membership, nothing sent) and ws2mp's rooted sessions: a leaf's blocking and non-blocking
 * joins, and a root's invitation. Also a non-blocking join whose callee WSABUF the program
 * unmaps before the root answers: the join still completes, nothing is written.
 */
#include "rmp.h"
#include "fault_util.h"

#define FAILS_WITH(expr, err, what) CHECK((expr) && WSAGetLastError() == (err), what)

static char *g_edge, *g_guard, *g_ro;

/* The bad WSABUF pointers: nowhere, a guard page, the last bytes before a guard page. */
#define N_BAD_PTR 3
static WSABUF *bad_ptr(int i)
{
    switch (i) {
    case 0:
        return (WSABUF *)1;
    case 1:
        return (WSABUF *)g_guard;
    default:
        return (WSABUF *)(g_edge + 4096 - 8);
    }
}

/* WSABUFs whose buffer is bad: nowhere, a guard page, running into a guard page. */
#define N_BAD_BUF 3
static WSABUF bad_buf(int i)
{
    WSABUF b;
    b.len = 16;
    b.buf = i == 0 ? (char *)1 : i == 1 ? g_guard : g_edge + 4096 - 8;
    return b;
}

/* Every bad caller/callee combination on `s` towards `name`: each must fail with WSAEFAULT
 * and return INVALID_SOCKET. */
static void bad_joins(SOCKET s, const struct sockaddr *name, int namelen, DWORD flags, const char *kind)
{
    char what[160], data[16] = "caller";
    WSABUF good = {6, data}, b, *ro_buf = (WSABUF *)g_ro;
    WSABUF ro_target;
    int i;

    for (i = 0; i < N_BAD_PTR; i++) {
        snprintf(what, sizeof what, "%s: lpCallerData pointer %d unreadable: WSAEFAULT", kind, i);
        FAILS_WITH(WSAJoinLeaf(s, name, namelen, bad_ptr(i), NULL, NULL, NULL, flags) == INVALID_SOCKET, WSAEFAULT, what);
        snprintf(what, sizeof what, "%s: lpCalleeData pointer %d unusable: WSAEFAULT", kind, i);
        FAILS_WITH(WSAJoinLeaf(s, name, namelen, NULL, bad_ptr(i), NULL, NULL, flags) == INVALID_SOCKET, WSAEFAULT, what);
    }
    for (i = 0; i < N_BAD_BUF; i++) {
        b = bad_buf(i);
        snprintf(what, sizeof what, "%s: caller data buffer %d unreadable: WSAEFAULT", kind, i);
        FAILS_WITH(WSAJoinLeaf(s, name, namelen, &b, NULL, NULL, NULL, flags) == INVALID_SOCKET, WSAEFAULT, what);
        b = bad_buf(i);
        snprintf(what, sizeof what, "%s: callee data buffer %d unusable: WSAEFAULT", kind, i);
        FAILS_WITH(WSAJoinLeaf(s, name, namelen, &good, &b, NULL, NULL, flags) == INVALID_SOCKET, WSAEFAULT, what);
        CHECK_EQ(b.len, 16, "... and its len is left as it was");
    }
    /* The callee WSABUF is written: a read-only one (or one naming read-only memory) is
     * refused even though it can be read. */
    snprintf(what, sizeof what, "%s: lpCalleeData in a read-only page: WSAEFAULT", kind);
    FAILS_WITH(WSAJoinLeaf(s, name, namelen, NULL, ro_buf, NULL, NULL, flags) == INVALID_SOCKET, WSAEFAULT, what);
    ro_target.len = 16;
    ro_target.buf = g_ro;
    snprintf(what, sizeof what, "%s: callee data buffer in a read-only page: WSAEFAULT", kind);
    FAILS_WITH(WSAJoinLeaf(s, name, namelen, NULL, &ro_target, NULL, NULL, flags) == INVALID_SOCKET, WSAEFAULT, what);
}

/* ---- IP multicast -------------------------------------------------------------------------- */

static void multicast(int nonblocking)
{
    const char *kind = nonblocking ? "multicast, non-blocking" : "multicast, blocking";
    SOCKET s = WSASocket(AF_INET, SOCK_DGRAM, IPPROTO_UDP, NULL, 0,
                         WSA_FLAG_MULTIPOINT_C_LEAF | WSA_FLAG_MULTIPOINT_D_LEAF);
    struct sockaddr_in g, name;
    WSAEVENT ev = WSACreateEvent();
    WSANETWORKEVENTS ne;
    WSABUF empty, callee;
    char cbuf[16];
    int len;

    REQUIRE(s != INVALID_SOCKET, "a c_leaf|d_leaf UDP socket");
    memset(&g, 0, sizeof(g));
    g.sin_family = AF_INET;
    g.sin_port = htons(7011);
    g.sin_addr.s_addr = htonl(0xefff4d0b); /* 239.255.77.11 */
    if (nonblocking)
        CHECK_EQ(WSAEventSelect(s, ev, FD_CONNECT), 0, "WSAEventSelect(FD_CONNECT) makes it non-blocking");

    bad_joins(s, (struct sockaddr *)&g, sizeof(g), JL_SENDER_ONLY, kind);
    len = sizeof(name);
    CHECK(getsockname(s, (struct sockaddr *)&name, &len) == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL,
          "the refused joins left the socket unbound");
    if (nonblocking)
        CHECK_EQ(WSAWaitForMultipleEvents(1, &ev, FALSE, 0, FALSE), WSA_WAIT_TIMEOUT, "... and recorded no FD_CONNECT");

    empty.len = 0;
    empty.buf = NULL;
    callee.len = sizeof(cbuf);
    callee.buf = cbuf;
    CHECK(WSAJoinLeaf(s, (struct sockaddr *)&g, sizeof(g), &empty, &callee, NULL, NULL, JL_SENDER_ONLY) == s,
          "then a join with good (empty) caller data returns the socket");
    CHECK_EQ(callee.len, 0, "... and sets lpCalleeData->len to 0 (no connect data on IP)");
    if (nonblocking) {
        CHECK_EQ(WSAWaitForMultipleEvents(1, &ev, FALSE, 2000, FALSE), WSA_WAIT_EVENT_0, "the join signals the event");
        memset(&ne, 0, sizeof(ne));
        CHECK(WSAEnumNetworkEvents(s, ev, &ne) == 0 && ne.lNetworkEvents == FD_CONNECT && ne.iErrorCode[FD_CONNECT_BIT] == 0,
              "... with FD_CONNECT, code 0");
    }
    closesocket(s);
    WSACloseEvent(ev);
}

/* ---- rooted sessions ----------------------------------------------------------------------- */

static int CALLBACK answer_welcome(LPWSABUF caller_id, LPWSABUF caller_data, LPQOS sqos, LPQOS gqos,
                                   LPWSABUF callee_id, LPWSABUF callee_data, GROUP *g, DWORD_PTR cb)
{
    (void)caller_id;
    (void)caller_data;
    (void)sqos;
    (void)gqos;
    (void)callee_id;
    (void)g;
    (void)cb;
    if (callee_data && callee_data->len >= 7) {
        memcpy(callee_data->buf, "welcome", 7);
        callee_data->len = 7;
    }
    return CF_ACCEPT;
}

struct admitter {
    SOCKET root;
    SOCKET admitted;
};

/* Waits (blocking) for one request on the root and admits it with callee data "welcome". */
static DWORD WINAPI admit_one(LPVOID p)
{
    struct admitter *a = p;
    a->admitted = WSAAccept(a->root, NULL, NULL, answer_welcome, 0);
    return 0;
}

/* Whether a connection or request waits on the non-blocking listener `s` after `ms`. */
static int request_waiting(SOCKET s, DWORD ms)
{
    fd_set r;
    struct timeval tv;
    FD_ZERO(&r);
    FD_SET(s, &r);
    tv.tv_sec = 0;
    tv.tv_usec = (long)ms * 1000;
    return select(0, &r, NULL, NULL, &tv) == 1;
}

static void rooted_leaf_joins(void)
{
    SOCKET root, leaf;
    struct sockaddr_in addr, name;
    WSAEVENT eleaf = WSACreateEvent();
    WSANETWORKEVENTS ne;
    WSABUF caller, callee, *mapped;
    struct admitter a;
    HANDLE th;
    char cbuf[32];
    char *page;
    int len;

    root = rmp_socket(AF_INET, 1, RMP_ROOT_FLAGS);
    REQUIRE(root != INVALID_SOCKET && rmp_listen(root, &addr) == 0, "a root listens");

    /* A blocking leaf: refused before anything is sent. */
    leaf = rmp_socket(AF_INET, 1, RMP_LEAF_FLAGS);
    REQUIRE(leaf != INVALID_SOCKET, "a leaf socket");
    bad_joins(leaf, (struct sockaddr *)&addr, sizeof(addr), JL_BOTH, "rooted leaf, blocking");
    CHECK(!request_waiting(root, 200), "no refused join reached the root");
    len = sizeof(name);
    CHECK(getsockname(leaf, (struct sockaddr *)&name, &len) == SOCKET_ERROR, "... and the leaf is still unbound");

    /* Then a good blocking join, admitted by another thread with callee data. */
    a.root = root;
    a.admitted = INVALID_SOCKET;
    th = CreateThread(NULL, 0, admit_one, &a, 0, NULL);
    REQUIRE(th != NULL, "a thread admits the next request");
    caller.buf = "hello";
    caller.len = 5;
    memset(cbuf, 0, sizeof(cbuf));
    callee.buf = cbuf;
    callee.len = sizeof(cbuf);
    CHECK(WSAJoinLeaf(leaf, (struct sockaddr *)&addr, sizeof(addr), &caller, &callee, NULL, NULL, JL_BOTH) == leaf,
          "a blocking join with good connect data returns the leaf");
    WaitForSingleObject(th, 10000);
    CloseHandle(th);
    CHECK(a.admitted != INVALID_SOCKET, "... the root admitted it");
    CHECK(callee.len == 7 && memcmp(cbuf, "welcome", 7) == 0, "... and lpCalleeData holds the root's callee data");
    closesocket(a.admitted);
    closesocket(leaf);

    /* A non-blocking leaf: refused, no FD_CONNECT, nothing reaches the root. */
    leaf = rmp_socket(AF_INET, 1, RMP_LEAF_FLAGS);
    REQUIRE(leaf != INVALID_SOCKET, "a second leaf socket");
    CHECK_EQ(WSAEventSelect(leaf, eleaf, FD_CONNECT), 0, "WSAEventSelect(FD_CONNECT)");
    bad_joins(leaf, (struct sockaddr *)&addr, sizeof(addr), JL_BOTH, "rooted leaf, non-blocking");
    CHECK(!request_waiting(root, 200), "no refused join reached the root");
    CHECK_EQ(WSAWaitForMultipleEvents(1, &eleaf, FALSE, 0, FALSE), WSA_WAIT_TIMEOUT, "no FD_CONNECT was recorded");

    /* The program gives the callee WSABUF back (unmaps it) before the root answers: the join
     * completes all the same and nothing is written. */
    page = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    REQUIRE(page != MAP_FAILED, "mmap a page for the callee WSABUF");
    mapped = (WSABUF *)page;
    mapped->buf = page + 64;
    mapped->len = 32;
    CHECK(WSAJoinLeaf(leaf, (struct sockaddr *)&addr, sizeof(addr), NULL, mapped, NULL, NULL, JL_BOTH) == leaf,
          "a non-blocking join with a good callee WSABUF starts");
    CHECK_EQ(munmap(page, 4096), 0, "the program unmaps the WSABUF before the root answers");
    REQUIRE(request_waiting(root, 5000), "the root sees the request");
    a.admitted = WSAAccept(root, NULL, NULL, answer_welcome, 0);
    CHECK(a.admitted != INVALID_SOCKET, "the root admits it with callee data");
    CHECK(rmp_wait(leaf, eleaf, FD_CONNECT, 5000, &ne) & FD_CONNECT && ne.iErrorCode[FD_CONNECT_BIT] == 0,
          "the leaf sees FD_CONNECT with code 0 (the unusable callee buffer was skipped)");
    closesocket(a.admitted);
    closesocket(leaf);

    /* A non-blocking join whose callee buffer is good gets the data by FD_CONNECT. */
    leaf = rmp_socket(AF_INET, 1, RMP_LEAF_FLAGS);
    WSAEventSelect(leaf, eleaf, FD_CONNECT);
    memset(cbuf, 0, sizeof(cbuf));
    callee.buf = cbuf;
    callee.len = sizeof(cbuf);
    CHECK(WSAJoinLeaf(leaf, (struct sockaddr *)&addr, sizeof(addr), NULL, &callee, NULL, NULL, JL_BOTH) == leaf,
          "a non-blocking join with good buffers starts");
    REQUIRE(request_waiting(root, 5000), "the root sees the request");
    a.admitted = WSAAccept(root, NULL, NULL, answer_welcome, 0);
    CHECK(rmp_wait(leaf, eleaf, FD_CONNECT, 5000, &ne) & FD_CONNECT && ne.iErrorCode[FD_CONNECT_BIT] == 0,
          "FD_CONNECT with code 0");
    CHECK(callee.len == 7 && memcmp(cbuf, "welcome", 7) == 0, "lpCalleeData holds the root's callee data");
    closesocket(a.admitted);
    closesocket(leaf);
    closesocket(root);
    WSACloseEvent(eleaf);
}

static void rooted_invitation(void)
{
    SOCKET root, lv, c;
    struct sockaddr_in lv_addr;
    WSAEVENT eroot = WSACreateEvent();
    int len = sizeof(lv_addr);

    lv = rmp_socket(AF_INET, 1, RMP_LEAF_FLAGS);
    lv_addr = rmp_loopback(0);
    REQUIRE(lv != INVALID_SOCKET && bind(lv, (struct sockaddr *)&lv_addr, sizeof(lv_addr)) == 0 &&
                listen(lv, 5) == 0 && getsockname(lv, (struct sockaddr *)&lv_addr, &len) == 0,
            "a c_leaf listens for invitations");
    root = rmp_socket(AF_INET, 1, RMP_ROOT_FLAGS);
    REQUIRE(root != INVALID_SOCKET, "a root socket");

    bad_joins(root, (struct sockaddr *)&lv_addr, sizeof(lv_addr), JL_BOTH, "rooted invitation, blocking");
    CHECK(!request_waiting(lv, 200), "no refused invitation reached the leaf");
    CHECK_EQ(WSAEventSelect(root, eroot, FD_CONNECT), 0, "the root is event-selected (non-blocking)");
    bad_joins(root, (struct sockaddr *)&lv_addr, sizeof(lv_addr), JL_BOTH, "rooted invitation, non-blocking");
    CHECK(!request_waiting(lv, 200), "no refused invitation reached the leaf");
    CHECK_EQ(WSAWaitForMultipleEvents(1, &eroot, FALSE, 0, FALSE), WSA_WAIT_TIMEOUT, "the root recorded no FD_CONNECT");

    c = WSAJoinLeaf(root, (struct sockaddr *)&lv_addr, sizeof(lv_addr), NULL, NULL, NULL, NULL, JL_BOTH);
    CHECK(c != INVALID_SOCKET && c != root, "a good invitation then returns a new c_leaf socket");
    CHECK(request_waiting(lv, 5000), "... and reaches the listening leaf");
    closesocket(c);
    closesocket(root);
    closesocket(lv);
    WSACloseEvent(eroot);
}

int main(void)
{
    WSADATA wsaData;

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsaData) == 0, "WSAStartup");
    map_guard_pages(&g_edge, &g_guard, &g_ro);
    multicast(0);
    multicast(1);
    rooted_leaf_joins();
    rooted_invitation();
    WSACleanup();
    return check_done();
}

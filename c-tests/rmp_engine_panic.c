/* ws2mp-test: posix */ /* ws2mp's debug-build fault hook (WS2MP_TEST_ENGINE_PANIC) */
/*
 * Rooted multipoint: a session whose handler panics in ws2mp's engine thread is failed, and
 * only that session. Two leaves join one root; the root sends leaf A the message that the
 * fault hook turns into a panic while the engine delivers it. Then:
 * - the thread blocked in WSAWaitForMultipleEvents on leaf A's event wakes, and A reports
 *   FD_CLOSE with WSAECONNABORTED; its recv and send fail with WSAECONNABORTED;
 * - the root's c_leaf socket for A reports FD_CLOSE (A's link was aborted);
 * - leaf B and the root still exchange messages both ways (the engine still runs);
 * Then a second root's handler panics on a message from its leaf: a thread blocked in accept
 * on that root wakes with WSAEINVAL, its c_leaf socket reports FD_CLOSE with WSAECONNABORTED,
 * its recv fails with WSAECONNABORTED, the leaf sees FD_CLOSE, and the first session still
 * works. Closing everything and WSACleanup return (nothing hangs).
 * ws2mp-test: timeout=60 */
#include "rmp.h"

#define TRIGGER "ws2mp: inject a panic here"

static SOCKET g_leaf_a;
static WSAEVENT g_event_a;
static long g_seen;
static int g_close_code = -1;

static SOCKET g_root2;
static SOCKET g_accepted = INVALID_SOCKET;
static int g_accept_error;

/* Blocks in accept on the second root (nothing is pending). */
static DWORD WINAPI blocked_accept(LPVOID arg)
{
    (void)arg;
    g_accepted = accept(g_root2, NULL, NULL);
    g_accept_error = WSAGetLastError();
    return 0;
}

/* Waits on leaf A's event until it reports FD_CLOSE (or 10 s pass). */
static DWORD WINAPI wait_for_close(LPVOID arg)
{
    DWORD i;
    (void)arg;
    for (i = 0; i < 100 && !(g_seen & FD_CLOSE); i++) {
        WSANETWORKEVENTS ne;
        if (WSAWaitForMultipleEvents(1, &g_event_a, FALSE, 10000, FALSE) != WSA_WAIT_EVENT_0)
            break;
        memset(&ne, 0, sizeof(ne));
        if (WSAEnumNetworkEvents(g_leaf_a, g_event_a, &ne) != 0)
            break;
        g_seen |= ne.lNetworkEvents;
        if (ne.lNetworkEvents & FD_CLOSE)
            g_close_code = ne.iErrorCode[FD_CLOSE_BIT];
    }
    return 0;
}

/* Joins `leaf` (selected to `ev`) to the root and returns the root's c_leaf socket for it. */
static SOCKET join(SOCKET root, WSAEVENT eroot, const struct sockaddr_in *root_addr, SOCKET leaf, WSAEVENT ev)
{
    WSANETWORKEVENTS ne;
    struct sockaddr_in from;
    int len = sizeof(from);
    SOCKET c;
    CHECK_EQ(WSAEventSelect(leaf, ev, FD_CONNECT | FD_READ | FD_CLOSE), 0, "leaf event-selected");
    CHECK(WSAJoinLeaf(leaf, (const struct sockaddr *)root_addr, sizeof(*root_addr), NULL, NULL, NULL, NULL, JL_BOTH) == leaf,
          "non-blocking WSAJoinLeaf");
    CHECK(rmp_wait(root, eroot, FD_ACCEPT, 5000, &ne) & FD_ACCEPT, "root sees FD_ACCEPT");
    c = accept(root, (struct sockaddr *)&from, &len);
    CHECK(c != INVALID_SOCKET, "root accepts the leaf");
    CHECK(rmp_wait(leaf, ev, FD_CONNECT, 5000, &ne) & FD_CONNECT, "leaf sees FD_CONNECT");
    CHECK_EQ(ne.iErrorCode[FD_CONNECT_BIT], 0, "... with error 0");
    return c;
}

int main(void)
{
    WSADATA wsa;
    SOCKET root, leaf_b, c_a, c_b;
    WSAEVENT eroot, eb, eca;
    WSANETWORKEVENTS ne;
    struct sockaddr_in root_addr, from;
    HANDLE waiter;
    char buf[256];
    int n;

    /* Read by ws2mp's debug builds only (the ones the tests link). */
    REQUIRE(rmp_set_env("WS2MP_TEST_ENGINE_PANIC", TRIGGER) == 0, "set WS2MP_TEST_ENGINE_PANIC");
    /* The panic message is printed on the engine thread before it unwinds; a symbolised
     * backtrace (RUST_BACKTRACE=1 in the caller's environment) takes seconds under
     * ThreadSanitizer, long enough for the other sessions' heartbeats to time out. */
    REQUIRE(rmp_set_env("RUST_BACKTRACE", "0") == 0, "set RUST_BACKTRACE=0");
    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");

    root = rmp_socket(AF_INET, 1, RMP_ROOT_FLAGS);
    REQUIRE(root != INVALID_SOCKET, "WSASocket c_root|d_root");
    REQUIRE(rmp_listen(root, &root_addr) == 0, "root binds and listens");
    eroot = WSACreateEvent();
    CHECK_EQ(WSAEventSelect(root, eroot, FD_ACCEPT | FD_READ), 0, "root event-selected");

    g_leaf_a = rmp_socket(AF_INET, 1, RMP_LEAF_FLAGS);
    leaf_b = rmp_socket(AF_INET, 1, RMP_LEAF_FLAGS);
    REQUIRE(g_leaf_a != INVALID_SOCKET && leaf_b != INVALID_SOCKET, "two c_leaf sockets");
    g_event_a = WSACreateEvent();
    eb = WSACreateEvent();
    c_a = join(root, eroot, &root_addr, g_leaf_a, g_event_a);
    c_b = join(root, eroot, &root_addr, leaf_b, eb);
    REQUIRE(c_a != INVALID_SOCKET && c_b != INVALID_SOCKET, "both leaves joined");
    eca = WSACreateEvent();
    CHECK_EQ(WSAEventSelect(c_a, eca, FD_READ | FD_CLOSE), 0, "the c_leaf socket for A gets its own event");

    /* A side chat to A proves the link works before the fault. */
    CHECK_EQ(send(c_a, "before", 6, 0), 6, "root sends A a message");
    n = rmp_recv_wait(g_leaf_a, buf, sizeof(buf), 5000, NULL);
    CHECK(n == 6 && memcmp(buf, "before", 6) == 0, "A receives it");

    waiter = CreateThread(NULL, 0, wait_for_close, NULL, 0, NULL);
    REQUIRE(waiter != NULL, "a thread waits on A's event");
    Sleep(100);

    CHECK_EQ(send(c_a, TRIGGER, (int)strlen(TRIGGER), 0), (int)strlen(TRIGGER),
             "root sends A the message the engine panics on");
    CHECK_EQ(WaitForSingleObject(waiter, 10000), WAIT_OBJECT_0, "the thread waiting on A's event woke and ended");
    CloseHandle(waiter);
    CHECK(g_seen & FD_CLOSE, "A reported FD_CLOSE");
    CHECK_EQ(g_close_code, WSAECONNABORTED, "... with WSAECONNABORTED");
    n = recv(g_leaf_a, buf, sizeof(buf), 0);
    CHECK(n == SOCKET_ERROR && WSAGetLastError() == WSAECONNABORTED, "recv on A fails with WSAECONNABORTED");
    n = send(g_leaf_a, "x", 1, 0);
    CHECK(n == SOCKET_ERROR && WSAGetLastError() == WSAECONNABORTED, "send on A fails with WSAECONNABORTED");
    CHECK(rmp_wait(c_a, eca, FD_CLOSE, 5000, &ne) & FD_CLOSE, "the root's c_leaf socket for A reports FD_CLOSE");
    CHECK(ne.iErrorCode[FD_CLOSE_BIT] != 0, "... as a failure, not a graceful close");

    /* The engine still serves B, both ways. */
    CHECK_EQ(send(c_b, "still here", 10, 0), 10, "root sends B a message");
    n = rmp_recv_wait(leaf_b, buf, sizeof(buf), 5000, NULL);
    CHECK(n == 10 && memcmp(buf, "still here", 10) == 0, "B receives it after A's session failed");
    CHECK_EQ(send(leaf_b, "up", 2, 0), 2, "B sends to the root");
    n = rmp_recv_wait(root, buf, sizeof(buf), 5000, &from);
    CHECK(n == 2 && memcmp(buf, "up", 2) == 0, "the root receives it");

    /* ---- a root's session fails: a thread blocked in accept on it wakes --------------- */
    {
        SOCKET leaf3, c3;
        WSAEVENT e3, ec3;
        struct sockaddr_in root2_addr;
        HANDLE t;
        g_root2 = rmp_socket(AF_INET, 1, RMP_ROOT_FLAGS);
        REQUIRE(g_root2 != INVALID_SOCKET, "a second root");
        REQUIRE(rmp_listen(g_root2, &root2_addr) == 0, "... binds and listens (blocking)");
        leaf3 = rmp_socket(AF_INET, 1, RMP_LEAF_FLAGS);
        REQUIRE(leaf3 != INVALID_SOCKET, "a third leaf");
        e3 = WSACreateEvent();
        CHECK_EQ(WSAEventSelect(leaf3, e3, FD_CONNECT | FD_CLOSE), 0, "leaf event-selected");
        CHECK(WSAJoinLeaf(leaf3, (struct sockaddr *)&root2_addr, sizeof(root2_addr), NULL, NULL, NULL, NULL, JL_BOTH) == leaf3,
              "non-blocking WSAJoinLeaf to the second root");
        c3 = accept(g_root2, NULL, NULL);
        REQUIRE(c3 != INVALID_SOCKET, "the second root accepts it (blocking accept)");
        CHECK(rmp_wait(leaf3, e3, FD_CONNECT, 5000, &ne) & FD_CONNECT, "the leaf sees FD_CONNECT");
        ec3 = WSACreateEvent();
        CHECK_EQ(WSAEventSelect(c3, ec3, FD_READ | FD_CLOSE), 0, "the root's c_leaf socket event-selected");

        t = CreateThread(NULL, 0, blocked_accept, NULL, 0, NULL);
        REQUIRE(t != NULL, "a thread blocks in accept on the second root");
        Sleep(100);
        CHECK_EQ(send(leaf3, TRIGGER, (int)strlen(TRIGGER), 0), (int)strlen(TRIGGER),
                 "the leaf sends the root the message the engine panics on");
        CHECK_EQ(WaitForSingleObject(t, 10000), WAIT_OBJECT_0, "the thread blocked in accept woke");
        CloseHandle(t);
        CHECK(g_accepted == INVALID_SOCKET && g_accept_error == WSAEINVAL,
              "... and its accept failed with WSAEINVAL (the root no longer listens)");
        CHECK(rmp_wait(c3, ec3, FD_CLOSE, 5000, &ne) & FD_CLOSE, "the root's c_leaf socket reports FD_CLOSE");
        CHECK_EQ(ne.iErrorCode[FD_CLOSE_BIT], WSAECONNABORTED, "... with WSAECONNABORTED");
        n = recv(g_root2, buf, sizeof(buf), 0);
        CHECK(n == SOCKET_ERROR && WSAGetLastError() == WSAECONNABORTED, "recv on the root fails with WSAECONNABORTED");
        CHECK(rmp_wait(leaf3, e3, FD_CLOSE, 5000, &ne) & FD_CLOSE, "the leaf reports FD_CLOSE (its link was aborted)");
        CHECK(ne.iErrorCode[FD_CLOSE_BIT] != 0, "... as a failure");
        CHECK_EQ(closesocket(c3), 0, "close the c_leaf socket");
        CHECK_EQ(closesocket(leaf3), 0, "close the leaf");
        CHECK_EQ(closesocket(g_root2), 0, "close the second root");
        WSACloseEvent(e3);
        WSACloseEvent(ec3);
    }
    /* The first root and leaf B are still served. */
    CHECK_EQ(send(c_b, "after", 5, 0), 5, "the first root sends B a message");
    n = rmp_recv_wait(leaf_b, buf, sizeof(buf), 5000, NULL);
    CHECK(n == 5 && memcmp(buf, "after", 5) == 0, "B receives it after the second root's session failed");

    CHECK_EQ(closesocket(c_a), 0, "close A's c_leaf socket");
    CHECK_EQ(closesocket(g_leaf_a), 0, "close A");
    CHECK_EQ(closesocket(c_b), 0, "close B's c_leaf socket");
    CHECK_EQ(closesocket(leaf_b), 0, "close B");
    CHECK_EQ(closesocket(root), 0, "close the root");
    WSACloseEvent(eroot);
    WSACloseEvent(g_event_a);
    WSACloseEvent(eb);
    WSACloseEvent(eca);
    CHECK_EQ(WSACleanup(), 0, "WSACleanup returns (the engine stops)");
    return check_done();
}

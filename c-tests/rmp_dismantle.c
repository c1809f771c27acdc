/* ws2mp-test: posix */ /* fork and waitpid */
/* Rooted multipoint, every dismantling path: closesocket on a c_leaf socket at the root evicts
 * that leaf; closesocket on the root gives FD_CLOSE on every c_leaf socket, local and remote
 * (including a leaf in another process), refuses pending joins; shutdown on the root does the
 * same and then fails sends with WSAESHUTDOWN; shutdown on a leaf leaves; the last WSACleanup
 * still delivers the LEAVE.
 * ws2mp-test: timeout=60 */
#include "respawn.h"
#include "rmp.h"
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#define N 3

struct session {
    SOCKET root, leaf[N], c[N];
    WSAEVENT eroot, eleaf[N], ec[N];
    struct sockaddr_in addr;
};

static int open_session(struct session *s)
{
    WSANETWORKEVENTS ne;
    int i;
    s->root = rmp_socket(AF_INET, 1, RMP_ROOT_FLAGS);
    if (s->root == INVALID_SOCKET || rmp_listen(s->root, &s->addr) != 0)
        return -1;
    s->eroot = WSACreateEvent();
    WSAEventSelect(s->root, s->eroot, FD_ACCEPT | FD_READ | FD_WRITE);
    for (i = 0; i < N; i++) {
        s->leaf[i] = rmp_socket(AF_INET, 1, RMP_LEAF_FLAGS);
        s->eleaf[i] = WSACreateEvent();
        WSAEventSelect(s->leaf[i], s->eleaf[i], FD_CONNECT | FD_READ | FD_CLOSE);
        if (WSAJoinLeaf(s->leaf[i], (struct sockaddr *)&s->addr, sizeof(s->addr), NULL, NULL, NULL, NULL, JL_BOTH) != s->leaf[i])
            return -1;
        rmp_wait(s->root, s->eroot, FD_ACCEPT, 5000, &ne);
        s->c[i] = accept(s->root, NULL, NULL);
        if (s->c[i] == INVALID_SOCKET)
            return -1;
        s->ec[i] = WSACreateEvent();
        WSAEventSelect(s->c[i], s->ec[i], FD_CLOSE | FD_READ);
        if (!(rmp_wait(s->leaf[i], s->eleaf[i], FD_CONNECT, 5000, &ne) & FD_CONNECT) || ne.iErrorCode[FD_CONNECT_BIT] != 0)
            return -1;
    }
    return 0;
}

static void close_session(struct session *s)
{
    int i;
    for (i = 0; i < N; i++) {
        closesocket(s->leaf[i]);
        closesocket(s->c[i]);
        WSACloseEvent(s->eleaf[i]);
        WSACloseEvent(s->ec[i]);
    }
    closesocket(s->root);
    WSACloseEvent(s->eroot);
}

/* The other process's root: admits one leaf, sends, closes, cleans up; its address goes to
 * descriptor `out`. */
static int root_process(int out)
{
    WSADATA w;
    SOCKET r, c;
    struct sockaddr_in a;
    if (WSAStartup(MAKEWORD(2, 2), &w) != 0)
        return 1;
    r = rmp_socket(AF_INET, 1, RMP_ROOT_FLAGS);
    if (rmp_listen(r, &a) != 0 || write(out, &a, sizeof(a)) != sizeof(a))
        return 2;
    c = accept(r, NULL, NULL);
    if (c == INVALID_SOCKET || send(r, "bye", 3, 0) != 3)
        return 3;
    closesocket(r);
    WSACleanup();
    return 0;
}

int main(int argc, char **argv)
{
    WSADATA wsa;
    struct session s;
    WSANETWORKEVENTS ne;
    SOCKET late;
    WSAEVENT elate;
    char buf[64], fd[12];
    const char *args[2];
    int i, n, p[2], status;
    pid_t pid;

    if (respawned(argc, argv))
        return argc == 3 ? root_process(atoi(argv[2])) : 2;

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");

    /* ---- closesocket on one c_leaf socket evicts that leaf only ---------------------------- */
    REQUIRE(open_session(&s) == 0, "a root with three leaves");
    CHECK_EQ(closesocket(s.c[0]), 0, "the root closes leaf 0's c_leaf socket");
    CHECK(rmp_wait(s.leaf[0], s.eleaf[0], FD_CLOSE, 5000, &ne) & FD_CLOSE, "leaf 0 sees FD_CLOSE");
    CHECK_EQ(ne.iErrorCode[FD_CLOSE_BIT], 0, "... with error 0");
    CHECK_EQ(recv(s.leaf[0], buf, sizeof(buf), 0), 0, "... and recv returns 0");
    n = send(s.leaf[0], "x", 1, 0);
    CHECK(n == SOCKET_ERROR && WSAGetLastError() == WSAENOTCONN, "an evicted leaf cannot send: WSAENOTCONN");
    CHECK_EQ(send(s.root, "still", 5, 0), 5, "the root still sends");
    CHECK_EQ(rmp_recv_wait(s.leaf[1], buf, sizeof(buf), 5000, NULL), 5, "leaf 1 still receives");
    CHECK_EQ(rmp_recv_wait(s.leaf[2], buf, sizeof(buf), 5000, NULL), 5, "leaf 2 still receives");
    s.c[0] = INVALID_SOCKET;

    /* ---- shutdown on a leaf: it leaves, its c_leaf socket at the root sees FD_CLOSE --------- */
    CHECK_EQ(shutdown(s.leaf[1], SD_SEND), 0, "leaf 1 shuts down sending");
    CHECK(rmp_wait(s.c[1], s.ec[1], FD_CLOSE, 5000, &ne) & FD_CLOSE && ne.iErrorCode[FD_CLOSE_BIT] == 0,
          "its c_leaf socket at the root sees FD_CLOSE 0");
    n = send(s.leaf[1], "x", 1, 0);
    CHECK(n == SOCKET_ERROR && WSAGetLastError() == WSAESHUTDOWN, "its sends fail with WSAESHUTDOWN");

    /* ---- closesocket on the root ---------------------------------------------------------- */
    late = rmp_socket(AF_INET, 1, RMP_LEAF_FLAGS);
    elate = WSACreateEvent();
    WSAEventSelect(late, elate, FD_CONNECT);
    CHECK(WSAJoinLeaf(late, (struct sockaddr *)&s.addr, sizeof(s.addr), NULL, NULL, NULL, NULL, JL_BOTH) == late,
          "a leaf asks to join and is left pending");
    CHECK(rmp_wait(s.root, s.eroot, FD_ACCEPT, 5000, &ne) & FD_ACCEPT, "the root sees FD_ACCEPT");
    CHECK_EQ(send(s.root, "last", 4, 0), 4, "the root sends a last message");
    CHECK_EQ(closesocket(s.root), 0, "the root closes its socket");
    CHECK(rmp_wait(s.leaf[2], s.eleaf[2], FD_READ, 5000, &ne) == FD_READ, "a remaining leaf sees FD_READ (not yet FD_CLOSE)");
    CHECK(rmp_recv_wait(s.leaf[2], buf, sizeof(buf), 1000, NULL) == 4 && memcmp(buf, "last", 4) == 0,
          "... the root's last message");
    CHECK(rmp_wait(s.leaf[2], s.eleaf[2], FD_CLOSE, 5000, &ne) & FD_CLOSE, "then FD_CLOSE, once everything was read");
    CHECK_EQ(ne.iErrorCode[FD_CLOSE_BIT], 0, "... with error 0");
    CHECK_EQ(recv(s.leaf[2], buf, sizeof(buf), 0), 0, "... and recv returns 0");
    CHECK(rmp_wait(s.c[2], s.ec[2], FD_CLOSE, 5000, &ne) & FD_CLOSE && ne.iErrorCode[FD_CLOSE_BIT] == 0,
          "the local c_leaf socket of that leaf sees FD_CLOSE 0 too");
    CHECK(rmp_wait(late, elate, FD_CONNECT, 5000, &ne) & FD_CONNECT && ne.iErrorCode[FD_CONNECT_BIT] == WSAECONNREFUSED,
          "the pending join is refused (WSAECONNREFUSED)");
    n = send(s.c[2], "x", 1, 0);
    CHECK(n == SOCKET_ERROR && WSAGetLastError() == WSAENOTCONN, "the c_leaf socket can no longer send");
    s.root = INVALID_SOCKET;
    closesocket(late);
    close_session(&s);

    /* ---- shutdown on the root ---------------------------------------------------------------- */
    REQUIRE(open_session(&s) == 0, "a second root with three leaves");
    CHECK_EQ(shutdown(s.root, SD_BOTH), 0, "shutdown(SD_BOTH) on the root");
    for (i = 0; i < N; i++) {
        CHECK(rmp_wait(s.leaf[i], s.eleaf[i], FD_CLOSE, 5000, &ne) & FD_CLOSE && ne.iErrorCode[FD_CLOSE_BIT] == 0,
              "a leaf sees FD_CLOSE 0");
        CHECK(rmp_wait(s.c[i], s.ec[i], FD_CLOSE, 5000, &ne) & FD_CLOSE && ne.iErrorCode[FD_CLOSE_BIT] == 0,
              "its local c_leaf socket sees FD_CLOSE 0");
    }
    n = send(s.root, "x", 1, 0);
    CHECK(n == SOCKET_ERROR && WSAGetLastError() == WSAESHUTDOWN, "the root's sends fail with WSAESHUTDOWN");
    close_session(&s);

    /* ---- a root process that closes: its leaf in this process sees FD_CLOSE 0 --------------- */
    REQUIRE(pipe(p) == 0, "pipe");
    fflush(stdout);
    snprintf(fd, sizeof(fd), "%d", p[1]);
    args[0] = fd;
    args[1] = NULL;
    pid = fork();
    if (pid == 0) {
        close(p[0]);
        respawn_exec(args); /* runs root_process() (respawn.h says why not in this copy) */
    }
    close(p[1]);
    {
        struct sockaddr_in a;
        SOCKET leaf;
        WSAEVENT ev = WSACreateEvent();
        CHECK(read(p[0], &a, sizeof(a)) == sizeof(a), "the root process listens");
        leaf = rmp_socket(AF_INET, 1, RMP_LEAF_FLAGS);
        CHECK_EQ(WSAJoinLeaf(leaf, (struct sockaddr *)&a, sizeof(a), NULL, NULL, NULL, NULL, JL_BOTH) == leaf ? 0 : WSAGetLastError(), 0,
                 "a leaf joins the root process");
        WSAEventSelect(leaf, ev, FD_READ | FD_CLOSE);
        CHECK(rmp_recv_wait(leaf, buf, sizeof(buf), 5000, NULL) == 3, "the root process's last message arrives");
        CHECK(rmp_wait(leaf, ev, FD_CLOSE, 5000, &ne) & FD_CLOSE, "the root process closes: FD_CLOSE at the leaf");
        CHECK_EQ(ne.iErrorCode[FD_CLOSE_BIT], 0, "... with error 0 (a graceful dismantle, even through WSACleanup)");
        CHECK(waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0, "the root process succeeded");
        closesocket(leaf);
    }
    CHECK_EQ(WSACleanup(), 0, "WSACleanup");
    return check_done();
}

/* ws2mp-test: posix */ /* fork and kill */
/* Rooted multipoint across processes: a root and four leaf processes (blocking joins with
 * caller data, fan-out, replies naming each leaf, graceful leaving), kill -9 of a leaf process
 * (FD_CLOSE with WSAECONNRESET at once on its c_leaf socket), and kill -9 of the root process
 * (FD_CLOSE with WSAECONNRESET at the leaf).
 * ws2mp-test: timeout=90 */
#include "respawn.h"
#include "rmp.h"
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#define LEAVES 4
#define MESSAGES 10

static unsigned short read_port(int fd)
{
    unsigned short port = 0;
    if (read(fd, &port, sizeof(port)) != sizeof(port))
        _exit(90);
    return port;
}

/* A leaf process: joins, counts the root's messages until "bye", replies, leaves.
 * `linger` != 0: after joining it just waits to be killed. Exit status 0 on success. */
static void leaf_process(int pipe_fd, int index, int linger)
{
    WSADATA wsa;
    SOCKET leaf;
    struct sockaddr_in root;
    WSABUF caller;
    char name[32], buf[256];
    int count = 0, n;
    if (WSAStartup(MAKEWORD(2, 2), &wsa) != 0)
        _exit(91);
    root = rmp_loopback(0);
    root.sin_port = read_port(pipe_fd); /* network order, as written */
    leaf = rmp_socket(AF_INET, 1, RMP_LEAF_FLAGS);
    snprintf(name, sizeof(name), "leaf-%d", index);
    caller.buf = name;
    caller.len = (ULONG)strlen(name);
    if (WSAJoinLeaf(leaf, (struct sockaddr *)&root, sizeof(root), &caller, NULL, NULL, NULL, JL_BOTH) != leaf)
        _exit(92);
    if (linger)
        for (;;)
            pause();
    for (;;) {
        n = recv(leaf, buf, sizeof(buf) - 1, 0);
        if (n <= 0)
            _exit(93);
        buf[n] = 0;
        if (strcmp(buf, "bye") == 0)
            break;
        if (strncmp(buf, "msg ", 4) != 0 || atoi(buf + 4) != count)
            _exit(94); /* out of order or corrupted */
        count++;
    }
    snprintf(buf, sizeof(buf), "%s got %d", name, count);
    if (send(leaf, buf, (int)strlen(buf), 0) != (int)strlen(buf))
        _exit(95);
    /* Wait for the root's acknowledgement so the reply is read before we leave. */
    if (recv(leaf, buf, sizeof(buf), 0) <= 0)
        _exit(96);
    closesocket(leaf);
    WSACleanup();
    _exit(count == MESSAGES ? 0 : 97);
}

/* A root process that admits one leaf and waits to be killed. */
static void root_process(int pipe_fd)
{
    WSADATA wsa;
    SOCKET root, c;
    struct sockaddr_in addr;
    if (WSAStartup(MAKEWORD(2, 2), &wsa) != 0)
        _exit(91);
    root = rmp_socket(AF_INET, 1, RMP_ROOT_FLAGS);
    if (rmp_listen(root, &addr) != 0)
        _exit(92);
    if (write(pipe_fd, &addr.sin_port, sizeof(addr.sin_port)) != sizeof(addr.sin_port))
        _exit(93);
    c = accept(root, NULL, NULL); /* blocking */
    if (c == INVALID_SOCKET)
        _exit(94);
    for (;;)
        pause();
}

static int CALLBACK note_caller(LPWSABUF caller_id, LPWSABUF caller_data, LPQOS sqos, LPQOS gqos,
                                LPWSABUF callee_id, LPWSABUF callee_data, GROUP *g, DWORD_PTR cb)
{
    int *index = (int *)cb;
    (void)caller_id;
    (void)sqos;
    (void)gqos;
    (void)callee_id;
    (void)callee_data;
    (void)g;
    *index = -1;
    if (caller_data && caller_data->len == 6 && memcmp(caller_data->buf, "leaf-", 5) == 0)
        *index = caller_data->buf[5] - '0';
    if (callee_data)
        callee_data->len = 0;
    return CF_ACCEPT;
}

static int exit_status(pid_t pid)
{
    int status = 0;
    if (waitpid(pid, &status, 0) != pid)
        return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

int main(int argc, char **argv)
{
    WSADATA wsa;
    SOCKET root, c[LEAVES], leaf;
    WSAEVENT eroot, ec[LEAVES], eleaf;
    WSANETWORKEVENTS ne;
    struct sockaddr_in root_addr, from, peer[LEAVES];
    pid_t pids[LEAVES], root_pid;
    int pipes[LEAVES][2], rp[2], i, k, n, len, index;
    char buf[256], fd[12];
    const char *args[2];
    double t0;

    if (respawned(argc, argv)) {
        if (argc == 3)
            root_process(atoi(argv[2]));
        return 2;
    }
    /* Fork the leaves before this process starts ws2mp. */
    for (i = 0; i < LEAVES; i++) {
        if (pipe(pipes[i]) != 0)
            return 1;
        pids[i] = fork();
        if (pids[i] == 0)
            leaf_process(pipes[i][0], i, i == LEAVES - 1);
    }
    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");
    root = rmp_socket(AF_INET, 1, RMP_ROOT_FLAGS);
    REQUIRE(root != INVALID_SOCKET && rmp_listen(root, &root_addr) == 0, "root listens");
    for (i = 0; i < LEAVES; i++)
        CHECK(write(pipes[i][1], &root_addr.sin_port, sizeof(root_addr.sin_port)) == sizeof(root_addr.sin_port),
              "the root's port goes to a leaf process");

    /* Admit the four leaf processes (blocking WSAAccept), each by its caller data. */
    for (i = 0; i < LEAVES; i++)
        c[i] = INVALID_SOCKET;
    for (k = 0; k < LEAVES; k++) {
        len = sizeof(from);
        SOCKET s = WSAAccept(root, (struct sockaddr *)&from, &len, note_caller, (DWORD_PTR)&index);
        CHECK(s != INVALID_SOCKET && index >= 0 && index < LEAVES, "a blocking WSAAccept admits a leaf process");
        if (s != INVALID_SOCKET && index >= 0 && index < LEAVES) {
            c[index] = s;
            peer[index] = from;
        }
    }
    for (i = 0; i < LEAVES; i++) {
        REQUIRE(c[i] != INVALID_SOCKET, "every leaf process was admitted");
        ec[i] = WSACreateEvent();
        WSAEventSelect(c[i], ec[i], FD_CLOSE);
    }
    eroot = WSACreateEvent();
    WSAEventSelect(root, eroot, FD_READ);

    /* Fan-out: every message reaches every leaf process, in order. */
    for (k = 0; k < MESSAGES; k++) {
        n = snprintf(buf, sizeof(buf), "msg %d", k);
        CHECK_EQ(send(root, buf, n, 0), n, "root sends a message to the leaf processes");
    }
    CHECK_EQ(send(root, "bye", 3, 0), 3, "root sends bye");
    for (k = 0; k < LEAVES - 1; k++) {
        n = rmp_recv_wait(root, buf, sizeof(buf) - 1, 10000, &from);
        CHECK(n > 0, "the root receives a reply");
        if (n <= 0)
            continue;
        buf[n] = 0;
        index = buf[5] - '0';
        CHECK(index >= 0 && index < LEAVES - 1 && strstr(buf, " got 10") != NULL, "... reporting all 10 messages in order");
        if (index >= 0 && index < LEAVES)
            CHECK(rmp_same_addr(&from, &peer[index]), "... and recvfrom names that leaf process");
    }
    CHECK_EQ(send(root, "ack", 3, 0), 3, "root acknowledges");
    for (i = 0; i < LEAVES - 1; i++) {
        CHECK(rmp_wait(c[i], ec[i], FD_CLOSE, 10000, &ne) & FD_CLOSE, "a leaf process left: FD_CLOSE on its c_leaf socket");
        CHECK_EQ(ne.iErrorCode[FD_CLOSE_BIT], 0, "... with error 0");
        CHECK_EQ(exit_status(pids[i]), 0, "... and the leaf process succeeded");
    }

    /* kill -9 of a leaf process: FD_CLOSE with an error at once. */
    t0 = rmp_now();
    kill(pids[LEAVES - 1], SIGKILL);
    CHECK(rmp_wait(c[LEAVES - 1], ec[LEAVES - 1], FD_CLOSE, 5000, &ne) & FD_CLOSE, "kill -9 of a leaf process: FD_CLOSE on its c_leaf socket");
    CHECK_EQ(ne.iErrorCode[FD_CLOSE_BIT], WSAECONNRESET, "... with WSAECONNRESET");
    CHECK(rmp_now() - t0 < 2.0, "... at once (well within the heartbeat timeout)");
    CHECK_EQ(exit_status(pids[LEAVES - 1]), 128 + SIGKILL, "the leaf process was killed");
    for (i = 0; i < LEAVES; i++)
        closesocket(c[i]);
    closesocket(root);

    /* kill -9 of the root process: the leaf sees FD_CLOSE with an error at once. */
    REQUIRE(pipe(rp) == 0, "pipe");
    snprintf(fd, sizeof(fd), "%d", rp[1]);
    args[0] = fd;
    args[1] = NULL;
    fflush(stdout);
    root_pid = fork();
    if (root_pid == 0) {
        close(rp[0]);
        respawn_exec(args); /* runs root_process() (respawn.h says why not in this copy) */
    }
    root_addr = rmp_loopback(0);
    root_addr.sin_port = read_port(rp[0]);
    leaf = rmp_socket(AF_INET, 1, RMP_LEAF_FLAGS);
    CHECK(WSAJoinLeaf(leaf, (struct sockaddr *)&root_addr, sizeof(root_addr), NULL, NULL, NULL, NULL, JL_BOTH) == leaf,
          "a leaf joins a root process (blocking)");
    eleaf = WSACreateEvent();
    WSAEventSelect(leaf, eleaf, FD_CLOSE | FD_READ);
    t0 = rmp_now();
    kill(root_pid, SIGKILL);
    CHECK(rmp_wait(leaf, eleaf, FD_CLOSE, 5000, &ne) & FD_CLOSE, "kill -9 of the root process: FD_CLOSE at the leaf");
    CHECK_EQ(ne.iErrorCode[FD_CLOSE_BIT], WSAECONNRESET, "... with WSAECONNRESET");
    CHECK(rmp_now() - t0 < 2.0, "... at once");
    n = recv(leaf, buf, sizeof(buf), 0);
    CHECK(n == SOCKET_ERROR && WSAGetLastError() == WSAECONNRESET, "recv then fails with WSAECONNRESET");
    n = send(leaf, "x", 1, 0);
    CHECK(n == SOCKET_ERROR && WSAGetLastError() == WSAECONNRESET, "and send too");
    CHECK_EQ(exit_status(root_pid), 128 + SIGKILL, "the root process was killed");
    closesocket(leaf);
    CHECK_EQ(WSACleanup(), 0, "WSACleanup");
    return check_done();
}

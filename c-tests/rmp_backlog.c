/* ws2mp-test: posix */ /* fork, RLIMIT_NOFILE */
/* Rooted multipoint under a burst of joins: listen's backlog decides how many join requests (at
 * a root) or invitations (at a listening c_leaf) may wait for the program, as for TCP.
 * - 1,000 leaves in another process join at once (non-blocking WSAJoinLeaf) a root that called
 *   listen(root, SOMAXCONN) and accepts only afterwards: every one is admitted, none refused,
 *   and each receives the root's data.
 * - A root with listen(root, 5) and 40 leaves joining at once: past the backlog the joiners
 *   wait (as TCP connects do) and every one is admitted once the root accepts.
 * - 1,000 roots in another process invite one listening c_leaf (listen(SOMAXCONN_HINT(2000)))
 *   at once: every invitation is admitted and each root receives its invited leaf's data.
 * The process raises its descriptor limit first (each member holds a few descriptors). As root
 * it runs in a network namespace of its own: its 4,000 connections then neither compete with
 * other programs for loopback ports nor leave thousands of TIME_WAIT entries in the host's.
 * A burst that goes wrong fails within about 100 s (the leaves' process reports by then).
 * ws2mp-test: timeout=300 */
#define _GNU_SOURCE 1
#include "respawn.h"
#include "rmp.h"
#include <sched.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#define MANY 1000
#define FEW 40

struct tally {
    int started, joined, refused, received;
};

static void pause_ms(long ms)
{
    struct timespec ts;
    ts.tv_sec = ms / 1000;
    ts.tv_nsec = (ms % 1000) * 1000000L;
    nanosleep(&ts, NULL);
}

/* In a child: `n` sockets each ask to join `to` at once (leaves joining a root when `as_root`
 * is 0, roots inviting a listening leaf when it is 1), then wait for every FD_CONNECT and one
 * message on each; the tally goes to `out`. The byte written to `ready` says all asked; the
 * members stay until `release` is closed. */
static int child(const struct sockaddr_in *to, int n, int as_root, int ready, int release, int out)
{
    WSADATA wsa;
    SOCKET *s = (SOCKET *)calloc((size_t)n, sizeof(SOCKET));
    char *done = (char *)calloc((size_t)n, 1), *got = (char *)calloc((size_t)n, 1);
    struct tally t;
    WSAEVENT ev;
    double deadline;
    int i, left;
    char buf[16];

    memset(&t, 0, sizeof(t));
    if (!s || !done || !got || WSAStartup(MAKEWORD(2, 2), &wsa) != 0)
        return 1;
    ev = WSACreateEvent();
    for (i = 0; i < n; i++) {
        s[i] = rmp_socket(AF_INET, 1, as_root ? RMP_ROOT_FLAGS : RMP_LEAF_FLAGS);
        if (s[i] == INVALID_SOCKET)
            break;
        WSAEventSelect(s[i], ev, FD_CONNECT | FD_READ | FD_CLOSE);
        if (WSAJoinLeaf(s[i], (const struct sockaddr *)to, sizeof(*to), NULL, NULL, NULL, NULL, JL_BOTH) == INVALID_SOCKET) {
            if (WSAGetLastError() != WSAEWOULDBLOCK) {
                done[i] = 1;
                t.refused++;
                continue;
            }
        }
        t.started++;
    }
    if (write(ready, "x", 1) != 1)
        return 1;
    deadline = rmp_now() + 75;
    left = 2 * t.started;
    while (left > 0 && rmp_now() < deadline) {
        WSAWaitForMultipleEvents(1, &ev, FALSE, 200, FALSE);
        WSAResetEvent(ev);
        for (i = 0; i < t.started + t.refused && i < n; i++) {
            WSANETWORKEVENTS ne;
            if (done[i] && got[i])
                continue;
            memset(&ne, 0, sizeof(ne));
            if (WSAEnumNetworkEvents(s[i], NULL, &ne) != 0)
                continue;
            if ((ne.lNetworkEvents & FD_CONNECT) && !done[i]) {
                done[i] = 1;
                left--;
                if (ne.iErrorCode[FD_CONNECT_BIT] == 0) {
                    t.joined++;
                } else {
                    t.refused++;
                    got[i] = 1;
                    left--;
                }
            }
            if (done[i] && !got[i] && recv(s[i], buf, sizeof(buf), 0) > 0) {
                got[i] = 1;
                left--;
                t.received++;
            }
        }
    }
    if (write(out, &t, sizeof(t)) != sizeof(t))
        return 1;
    /* Stay a member until the parent has its tally (it closes the pipe). */
    if (read(release, buf, 1) < 0)
        return 1;
    for (i = 0; i < n; i++)
        if (s[i] != INVALID_SOCKET && s[i] != 0)
            closesocket(s[i]);
    WSACloseEvent(ev);
    WSACleanup();
    free(s);
    free(done);
    free(got);
    return 0;
}

/* Starts the child against `to` (a fresh copy of this program: see respawn.h). Returns its
 * pid; *asked reads its "all asked" byte, *tally its tally, and closing *release lets it go. */
static pid_t spawn(const struct sockaddr_in *to, int n, int as_root, int *asked, int *tally, int *release)
{
    int a[2], r[2], b[2];
    char port[8], count[12], role[4], ready_fd[12], release_fd[12], out_fd[12];
    const char *args[7];
    pid_t pid;
    if (pipe(a) != 0 || pipe(r) != 0 || pipe(b) != 0)
        return -1;
    snprintf(port, sizeof(port), "%u", (unsigned)ntohs(to->sin_port));
    snprintf(count, sizeof(count), "%d", n);
    snprintf(role, sizeof(role), "%d", as_root);
    snprintf(ready_fd, sizeof(ready_fd), "%d", a[1]);
    snprintf(release_fd, sizeof(release_fd), "%d", b[0]);
    snprintf(out_fd, sizeof(out_fd), "%d", r[1]);
    args[0] = port;
    args[1] = count;
    args[2] = role;
    args[3] = ready_fd;
    args[4] = release_fd;
    args[5] = out_fd;
    args[6] = NULL;
    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        close(a[0]);
        close(r[0]);
        close(b[1]);
        respawn_exec(args);
    }
    close(a[1]);
    close(r[1]);
    close(b[0]);
    *asked = a[0];
    *tally = r[0];
    *release = b[1];
    return pid;
}

/* Collects the child's tally and lets it go. */
static int finish(pid_t pid, int asked, int tally, int release, struct tally *t)
{
    int status, ok;
    memset(t, 0, sizeof(*t));
    ok = read(tally, t, sizeof(*t)) == (ssize_t)sizeof(*t);
    close(release);
    close(asked);
    close(tally);
    return ok && waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

/* A root listening with `backlog` admits `n` leaves of a child that asked all at once. */
static void burst_of_joins(int n, int backlog, const char *what)
{
    SOCKET root, *c = (SOCKET *)calloc((size_t)n, sizeof(SOCKET));
    WSAEVENT ev = WSACreateEvent();
    struct sockaddr_in addr;
    struct tally t;
    int asked, tally, release, accepted = 0, len = sizeof(addr), i;
    double deadline;
    char x;
    pid_t pid;

    printf("# %s\n", what);
    root = rmp_socket(AF_INET, 1, RMP_ROOT_FLAGS);
    addr = rmp_loopback(0);
    REQUIRE(root != INVALID_SOCKET && c && bind(root, (struct sockaddr *)&addr, sizeof(addr)) == 0 &&
                listen(root, backlog) == 0 && getsockname(root, (struct sockaddr *)&addr, &len) == 0,
            "a root listens");
    WSAEventSelect(root, ev, FD_ACCEPT);
    pid = spawn(&addr, n, 0, &asked, &tally, &release);
    REQUIRE(pid > 0, "the leaves' process starts");
    REQUIRE(read(asked, &x, 1) == 1, "every leaf asked to join");
    pause_ms(1500); /* they all wait before the root accepts anything */

    deadline = rmp_now() + 60;
    while (accepted < n && rmp_now() < deadline) {
        SOCKET s = accept(root, NULL, NULL);
        if (s != INVALID_SOCKET) {
            c[accepted++] = s;
            continue;
        }
        if (WSAGetLastError() != WSAEWOULDBLOCK)
            break;
        WSAWaitForMultipleEvents(1, &ev, FALSE, 200, FALSE);
        WSAResetEvent(ev);
    }
    CHECK_EQ(accepted, n, "the root admits every leaf");
    CHECK_EQ(send(root, "hello", 5, 0), 5, "the root sends to all");
    REQUIRE(finish(pid, asked, tally, release, &t), "the leaves' process reports");
    CHECK_EQ(t.started, n, "every WSAJoinLeaf started");
    CHECK_EQ(t.refused, 0, "no leaf was refused");
    CHECK_EQ(t.joined, n, "every leaf saw FD_CONNECT with error 0");
    CHECK_EQ(t.received, n, "every leaf received the root's data");
    for (i = 0; i < accepted; i++)
        closesocket(c[i]);
    closesocket(root);
    WSACloseEvent(ev);
    free(c);
}

/* A listening c_leaf admits invitations from `n` roots of a child that invited all at once. */
static void burst_of_invitations(int n)
{
    SOCKET lv, *sess = (SOCKET *)calloc((size_t)n, sizeof(SOCKET));
    WSAEVENT ev = WSACreateEvent();
    struct sockaddr_in addr;
    struct tally t;
    int asked, tally, release, accepted = 0, sent = 0, len = sizeof(addr), i;
    double deadline;
    char x;
    pid_t pid;

    printf("# %d invitations to one listening leaf\n", n);
    lv = rmp_socket(AF_INET, 1, RMP_LEAF_FLAGS);
    addr = rmp_loopback(0);
    REQUIRE(lv != INVALID_SOCKET && sess && bind(lv, (struct sockaddr *)&addr, sizeof(addr)) == 0 &&
                listen(lv, SOMAXCONN_HINT(2000)) == 0 && getsockname(lv, (struct sockaddr *)&addr, &len) == 0,
            "a leaf listens for invitations (SOMAXCONN_HINT(2000))");
    WSAEventSelect(lv, ev, FD_ACCEPT);
    pid = spawn(&addr, n, 1, &asked, &tally, &release);
    REQUIRE(pid > 0, "the roots' process starts");
    REQUIRE(read(asked, &x, 1) == 1, "every root sent its invitation");
    pause_ms(1500);

    deadline = rmp_now() + 60;
    while (accepted < n && rmp_now() < deadline) {
        SOCKET s = accept(lv, NULL, NULL);
        if (s != INVALID_SOCKET) {
            sess[accepted++] = s;
            continue;
        }
        if (WSAGetLastError() != WSAEWOULDBLOCK)
            break;
        WSAWaitForMultipleEvents(1, &ev, FALSE, 200, FALSE);
        WSAResetEvent(ev);
    }
    CHECK_EQ(accepted, n, "the leaf admits every invitation");
    for (i = 0; i < accepted; i++)
        if (send(sess[i], "hi", 2, 0) == 2)
            sent++;
    CHECK_EQ(sent, n, "each session socket sends to its root");
    REQUIRE(finish(pid, asked, tally, release, &t), "the roots' process reports");
    CHECK_EQ(t.started, n, "every invitation started");
    CHECK_EQ(t.refused, 0, "no invitation was refused");
    CHECK_EQ(t.joined, n, "every root saw FD_CONNECT with error 0");
    CHECK_EQ(t.received, n, "every root received its leaf's data");
    for (i = 0; i < accepted; i++)
        closesocket(sess[i]);
    closesocket(lv);
    WSACloseEvent(ev);
    free(sess);
}

int main(int argc, char **argv)
{
    WSADATA wsa;
    struct rlimit rl;

    if (respawned(argc, argv)) {
        struct sockaddr_in to;
        if (argc != 8)
            return 2;
        to = rmp_loopback((unsigned short)atoi(argv[2]));
        return child(&to, atoi(argv[3]), atoi(argv[4]), atoi(argv[5]), atoi(argv[6]), atoi(argv[7]));
    }

    REQUIRE(getrlimit(RLIMIT_NOFILE, &rl) == 0, "getrlimit");
    if (rl.rlim_cur < 16384) {
        /* Raising the hard limit too works as root (CAP_SYS_RESOURCE); otherwise the soft
         * limit goes as high as the hard one allows. */
        rl.rlim_cur = 16384;
        if (rl.rlim_max < rl.rlim_cur)
            rl.rlim_max = rl.rlim_cur;
        if (setrlimit(RLIMIT_NOFILE, &rl) != 0 && getrlimit(RLIMIT_NOFILE, &rl) == 0) {
            rl.rlim_cur = rl.rlim_max;
            setrlimit(RLIMIT_NOFILE, &rl);
        }
    }
    REQUIRE(getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur >= 8 * MANY, "room for 8 descriptors per member");
    if (geteuid() == 0) {
        REQUIRE(unshare(CLONE_NEWNET) == 0 && system("ip link set lo up") == 0,
                "as root: a network namespace of its own, loopback up");
    } else {
        printf("# not root: runs in the host's network namespace\n");
    }
    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");

    burst_of_joins(MANY, SOMAXCONN, "1000 leaves join a root with listen(SOMAXCONN)");
    burst_of_joins(FEW, 5, "40 leaves join a root with listen(5)");
    burst_of_invitations(MANY);

    CHECK_EQ(WSACleanup(), 0, "WSACleanup");
    return check_done();
}

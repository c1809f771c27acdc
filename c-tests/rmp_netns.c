/* ws2mp-test: posix */ /* network namespaces and fork */
/* Rooted multipoint failure detection across a cut link: a root in one network namespace, a
 * leaf process in another joined over a veth pair, and a second leaf beside the root. The
 * test cuts the link (`ip link set ... down`): both ends of the cut membership see FD_CLOSE
 * WSAECONNABORTED within the default heartbeat timeout (10 s), and the other leaf loses
 * nothing. The namespaces are created and removed by the test.
 * ws2mp-test: needs-root timeout=90 */
#define _GNU_SOURCE 1
#include "rmp.h"
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

static char g_ns_root[32], g_ns_leaf[32];

static int sh(const char *fmt, const char *a, const char *b)
{
    char cmd[1024];
    snprintf(cmd, sizeof(cmd), fmt, a, b);
    return system(cmd);
}

static void cleanup_ns(void)
{
    sh("ip netns del %s 2>/dev/null; ip netns del %s 2>/dev/null", g_ns_root, g_ns_leaf);
}

static int enter(const char *ns)
{
    char path[128];
    int fd, r;
    snprintf(path, sizeof(path), "/var/run/netns/%s", ns);
    fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    r = setns(fd, CLONE_NEWNET);
    close(fd);
    return r;
}

/* The leaf process: joins the root at 10.77.0.1:<port>, reads until FD_CLOSE, then reports
 * {FD_CLOSE code, seconds since the cut signal} on `report`. */
static void leaf_process(int port_pipe, int go_pipe, int report)
{
    WSADATA wsa;
    SOCKET leaf;
    WSAEVENT ev;
    WSANETWORKEVENTS ne;
    struct sockaddr_in root;
    char buf[64], cut;
    double result[2] = {-1, -1}, t_cut;
    if (enter(g_ns_leaf) != 0 || WSAStartup(MAKEWORD(2, 2), &wsa) != 0)
        _exit(1);
    memset(&root, 0, sizeof(root));
    root.sin_family = AF_INET;
    root.sin_addr.s_addr = inet_addr("10.77.0.1");
    if (read(port_pipe, &root.sin_port, sizeof(root.sin_port)) != sizeof(root.sin_port))
        _exit(2);
    leaf = rmp_socket(AF_INET, 1, RMP_LEAF_FLAGS);
    if (WSAJoinLeaf(leaf, (struct sockaddr *)&root, sizeof(root), NULL, NULL, NULL, NULL, JL_BOTH) != leaf)
        _exit(3);
    ev = WSACreateEvent();
    WSAEventSelect(leaf, ev, FD_READ | FD_CLOSE);
    if (read(go_pipe, &cut, 1) != 1) /* the parent is about to cut the link */
        _exit(4);
    t_cut = rmp_now();
    while (rmp_now() - t_cut < 30) {
        WSAWaitForMultipleEvents(1, &ev, FALSE, 100, FALSE);
        memset(&ne, 0, sizeof(ne));
        WSAEnumNetworkEvents(leaf, ev, &ne);
        while (recv(leaf, buf, sizeof(buf), 0) > 0)
            ;
        if (ne.lNetworkEvents & FD_CLOSE) {
            result[0] = ne.iErrorCode[FD_CLOSE_BIT];
            result[1] = rmp_now() - t_cut;
            break;
        }
    }
    if (write(report, result, sizeof(result)) != sizeof(result))
        _exit(5);
    _exit(0);
}

int main(void)
{
    WSADATA wsa;
    SOCKET root, c1, c2, leaf2;
    WSAEVENT eroot, ec1;
    WSANETWORKEVENTS ne;
    struct sockaddr_in addr;
    int port_pipe[2], go_pipe[2], report[2], status, lost = 0, out_of_order = 0;
    double result[2], t_cut = 0, c1_closed = -1;
    unsigned seq = 0, next2 = 0;
    pid_t pid;
    char buf[64];

    snprintf(g_ns_root, sizeof(g_ns_root), "rmpr%d", (int)getpid());
    snprintf(g_ns_leaf, sizeof(g_ns_leaf), "rmpl%d", (int)getpid());
    REQUIRE(sh("ip netns add %s && ip netns add %s", g_ns_root, g_ns_leaf) == 0, "two network namespaces");
    atexit(cleanup_ns);
    REQUIRE(sh("ip link add vr%s type veth peer name vl%s", g_ns_root + 4, g_ns_root + 4) == 0, "a veth pair");
    {
        char cmd[2048];
        snprintf(cmd, sizeof(cmd),
                 "ip link set vr%s netns %s && ip link set vl%s netns %s && "
                 "ip -n %s addr add 10.77.0.1/24 dev vr%s && ip -n %s addr add 10.77.0.2/24 dev vl%s && "
                 "ip -n %s link set vr%s up && ip -n %s link set vl%s up && "
                 "ip -n %s link set lo up && ip -n %s link set lo up",
                 g_ns_root + 4, g_ns_root, g_ns_root + 4, g_ns_leaf, g_ns_root, g_ns_root + 4, g_ns_leaf, g_ns_root + 4,
                 g_ns_root, g_ns_root + 4, g_ns_leaf, g_ns_root + 4, g_ns_root, g_ns_leaf);
        REQUIRE(system(cmd) == 0, "the veth ends are addressed (10.77.0.1, 10.77.0.2) and up");
    }
    REQUIRE(pipe(port_pipe) == 0 && pipe(go_pipe) == 0 && pipe(report) == 0, "pipes");
    fflush(stdout);
    pid = fork();
    if (pid == 0)
        leaf_process(port_pipe[0], go_pipe[0], report[1]);

    REQUIRE(enter(g_ns_root) == 0, "this process enters the root's namespace");
    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");
    root = rmp_socket(AF_INET, 1, RMP_ROOT_FLAGS);
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = inet_addr("10.77.0.1");
    REQUIRE(bind(root, (struct sockaddr *)&addr, sizeof(addr)) == 0 && listen(root, 5) == 0, "the root listens on 10.77.0.1");
    {
        int len = sizeof(addr);
        getsockname(root, (struct sockaddr *)&addr, &len);
    }
    CHECK(write(port_pipe[1], &addr.sin_port, sizeof(addr.sin_port)) == sizeof(addr.sin_port), "the port goes to the leaf process");
    c1 = accept(root, NULL, NULL);
    REQUIRE(c1 != INVALID_SOCKET, "the leaf in the other namespace joined (over the veth link)");
    leaf2 = rmp_socket(AF_INET, 1, RMP_LEAF_FLAGS);
    eroot = WSACreateEvent();
    WSAEventSelect(root, eroot, FD_ACCEPT);
    {
        u_long nb = 1;
        ioctlsocket(leaf2, FIONBIO, &nb);
    }
    CHECK(WSAJoinLeaf(leaf2, (struct sockaddr *)&addr, sizeof(addr), NULL, NULL, NULL, NULL, JL_BOTH) == leaf2, "a second leaf joins locally");
    rmp_wait(root, eroot, FD_ACCEPT, 5000, &ne);
    c2 = accept(root, NULL, NULL);
    REQUIRE(c2 != INVALID_SOCKET, "... admitted");
    WSAEventSelect(root, NULL, 0);
    {
        u_long nb = 1;
        ioctlsocket(root, FIONBIO, &nb);
    }
    ec1 = WSACreateEvent();
    WSAEventSelect(c1, ec1, FD_CLOSE);

    /* Traffic for 1 s, the cut, then traffic until both ends noticed (or 20 s). */
    {
        double t0 = rmp_now();
        int cut = 0;
        while (rmp_now() - t0 < 25) {
            WSANETWORKEVENTS cne;
            int n;
            if (!cut && rmp_now() - t0 > 1) {
                CHECK(write(go_pipe[1], "x", 1) == 1, "the leaf process is told the link is going down");
                t_cut = rmp_now();
                CHECK(sh("ip -n %s link set vl%s down", g_ns_leaf, g_ns_root + 4) == 0, "ip link set ... down: the link is cut");
                cut = 1;
            }
            memcpy(buf, &seq, sizeof(seq));
            n = send(root, buf, 16, 0);
            if (n == 16)
                seq++;
            while ((n = recv(leaf2, buf, sizeof(buf), 0)) == 16) {
                unsigned s;
                memcpy(&s, buf, sizeof(s));
                if (s != next2)
                    out_of_order = 1;
                next2 = s + 1;
            }
            memset(&cne, 0, sizeof(cne));
            if (c1_closed < 0 && WSAEnumNetworkEvents(c1, ec1, &cne) == 0 && (cne.lNetworkEvents & FD_CLOSE)) {
                c1_closed = rmp_now() - t_cut;
                CHECK_EQ(cne.iErrorCode[FD_CLOSE_BIT], WSAECONNABORTED, "the root's c_leaf socket for the cut leaf: FD_CLOSE WSAECONNABORTED");
            }
            if (c1_closed >= 0 && rmp_now() - t_cut > c1_closed + 0.5)
                break;
            {
                struct timespec ts = {0, 20000000};
                nanosleep(&ts, NULL);
            }
        }
    }
    CHECK(c1_closed > 0 && c1_closed <= 11.0, "... within the 10 s heartbeat timeout (plus the timer period)");
    printf("# root detected the cut after %.2f s\n", c1_closed);
    CHECK(read(report[0], result, sizeof(result)) == sizeof(result), "the cut leaf reports");
    CHECK_EQ((int)result[0], WSAECONNABORTED, "the cut leaf saw FD_CLOSE WSAECONNABORTED");
    CHECK(result[1] > 0 && result[1] <= 11.0, "... within the 10 s heartbeat timeout");
    printf("# the leaf detected the cut after %.2f s\n", result[1]);
    CHECK(waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0, "the leaf process succeeded");
    {
        double deadline = rmp_now() + 2;
        int n;
        while (next2 < seq && rmp_now() < deadline)
            while ((n = recv(leaf2, buf, sizeof(buf), 0)) == 16) {
                unsigned s;
                memcpy(&s, buf, sizeof(s));
                if (s != next2)
                    out_of_order = 1;
                next2 = s + 1;
            }
        lost = (int)(seq - next2);
    }
    CHECK(seq > 100, "the root kept sending during the cut");
    CHECK(lost == 0 && !out_of_order, "the other leaf lost nothing and got everything in order");
    {
        WSANETWORKEVENTS cne;
        memset(&cne, 0, sizeof(cne));
        CHECK(send(c2, "still", 5, 0) == 5, "the other leaf's c_leaf socket still works");
    }
    closesocket(leaf2);
    closesocket(c1);
    closesocket(c2);
    closesocket(root);
    CHECK_EQ(WSACleanup(), 0, "WSACleanup");
    cleanup_ns();
    CHECK(sh("ip netns list | grep -q %s%s", g_ns_root, "") != 0, "the namespaces are removed");
    return check_done();
}

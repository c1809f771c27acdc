/*
 * Rooted multipoint fan-out (issue 5: ratio >= 0.8): a root sends 1 KiB messages to 100 leaves
 * in another process. Rate = messages delivered to leaves per second.
 *   ws2mp: a c_root|d_root socket (blocking sends) and 100 joined c_leaf sockets, the leaves
 *          read in a Winsock event loop (one event object, WSAEnumNetworkEvents, recv).
 *   raw:   the same framing (8-byte header + payload) over 100 TCP connections, written by
 *          hand on non-blocking sockets and epoll: per-connection queues on the sending side,
 *          an epoll loop parsing frames on the receiving side.
 * Both keep TCP_NODELAY on. The leaves' process is forked once per path; each measurement
 * sends `iters / LEAVES` messages and stops when the leaf process has received all of them.
 */
#include "bench.h"
#include "net.h"
#include "ws2mp.h"
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#define LEAVES 100
#define SIZE 1024
#define HDR 8
#define QUEUE_LIMIT (256 * 1024)

static int rmp_entry(int rooted_data, WSAPROTOCOL_INFOA *out)
{
    /* The caller's own buffer: several threads enumerate at once. */
    WSAPROTOCOL_INFOA e[32];
    uint32_t len = sizeof(e);
    int n = WSAEnumProtocolsA(NULL, e, &len), i;
    for (i = 0; i < n; i++)
        if (e[i].iAddressFamily == AF_INET && (e[i].dwServiceFlags1 & XP1_MULTIPOINT_CONTROL_PLANE) &&
            !!(e[i].dwServiceFlags1 & XP1_MULTIPOINT_DATA_PLANE) == !!rooted_data) {
            *out = e[i];
            return 0;
        }
    return -1;
}

static SOCKET rmp_socket(int rooted_data, uint32_t flags)
{
    WSAPROTOCOL_INFOA info;
    if (rmp_entry(rooted_data, &info))
        die("no rooted entry");
    return WSASocketA(-1, -1, -1, &info, 0, flags);
}

/* The leaves' side of a run: after reading the count from `ctl`, receive count messages on
 * every leaf, then write one byte to `done`. Loops until the count is 0. */
typedef void (*leaf_loop)(int ctl, int done, unsigned short port);

/* ---- ws2mp ---------------------------------------------------------------------------------- */
static void ws_leaves(int ctl, int done, unsigned short port)
{
    WSADATA wsa;
    SOCKET leaf[LEAVES];
    WSAEVENT ev;
    struct sockaddr_in root = loopback();
    static char buf[SIZE + 64];
    long want, got, first;
    int i;
    (void)port;
    /* The root's port comes first on the control pipe, negated. */
    read_full(ctl, &first, sizeof(first));
    root.sin_port = (unsigned short)(-first);
    if (WSAStartup(0x0202, &wsa))
        die("WSAStartup (leaves)");
    for (i = 0; i < LEAVES; i++) {
        leaf[i] = rmp_socket(1, WSA_FLAG_MULTIPOINT_C_LEAF | WSA_FLAG_MULTIPOINT_D_LEAF);
        if (WSAJoinLeaf(leaf[i], (struct sockaddr *)&root, sizeof(root), NULL, NULL, NULL, NULL, JL_BOTH) != leaf[i])
            die("WSAJoinLeaf");
    }
    ev = WSACreateEvent();
    for (i = 0; i < LEAVES; i++)
        if (WSAEventSelect(leaf[i], ev, FD_READ | FD_CLOSE))
            die("WSAEventSelect");
    if (write(done, "j", 1) != 1)
        die("pipe");
    for (;;) {
        read_full(ctl, &want, sizeof(want));
        if (want == 0)
            break;
        want *= LEAVES;
        got = 0;
        while (got < want) {
            if (WSAWaitForMultipleEvents(1, &ev, 0, WSA_INFINITE, 0) != WSA_WAIT_EVENT_0)
                die("WSAWaitForMultipleEvents");
            for (i = 0; i < LEAVES; i++) {
                WSANETWORKEVENTS ne;
                if (WSAEnumNetworkEvents(leaf[i], ev, &ne))
                    die("WSAEnumNetworkEvents");
                if (!(ne.lNetworkEvents & FD_READ))
                    continue;
                for (;;) {
                    int n = ws2mp_recv(leaf[i], buf, sizeof(buf), 0);
                    if (n == SIZE) {
                        got++;
                        continue;
                    }
                    if (n < 0 && WSAGetLastError() == WSAEWOULDBLOCK)
                        break;
                    die("leaf recv");
                }
            }
        }
        if (write(done, "d", 1) != 1)
            die("pipe");
    }
    for (i = 0; i < LEAVES; i++)
        closesocket(leaf[i]);
    WSACleanup();
    _exit(0);
}

static SOCKET g_root;
static int g_ws_ctl, g_ws_done;
static char g_msg[HDR + SIZE];

static double ws_run(long iters)
{
    long msgs = iters / LEAVES, i;
    char c;
    double t0, t1;
    t0 = now_s();
    if (write(g_ws_ctl, &msgs, sizeof(msgs)) != sizeof(msgs))
        die("pipe");
    for (i = 0; i < msgs; i++)
        if (ws2mp_send(g_root, g_msg + HDR, SIZE, 0) != SIZE)
            die("root send");
    read_full(g_ws_done, &c, 1);
    t1 = now_s();
    return t1 - t0;
}

/* ---- raw TCP ------------------------------------------------------------------------------- */
struct conn {
    int fd;
    char *q; /* pending bytes */
    size_t len, cap;
    char in[64 * 1024 + HDR + SIZE];
    size_t have;
};

static void raw_leaves(int ctl, int done, unsigned short port)
{
    static struct conn c[LEAVES];
    struct sockaddr_in root = loopback();
    struct epoll_event ev, out[64];
    long want, got;
    int ep = epoll_create1(EPOLL_CLOEXEC), i, one = 1;
    root.sin_port = port;
    for (i = 0; i < LEAVES; i++) {
        c[i].fd = socket(AF_INET, SOCK_STREAM, 0);
        if (connect(c[i].fd, (struct sockaddr *)&root, sizeof(root)))
            die("raw leaf connect");
        setsockopt(c[i].fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
        fcntl(c[i].fd, F_SETFL, fcntl(c[i].fd, F_GETFL) | O_NONBLOCK);
        ev.events = EPOLLIN;
        ev.data.u32 = (uint32_t)i;
        epoll_ctl(ep, EPOLL_CTL_ADD, c[i].fd, &ev);
    }
    if (write(done, "j", 1) != 1)
        die("pipe");
    for (;;) {
        read_full(ctl, &want, sizeof(want));
        if (want == 0)
            break;
        want *= LEAVES;
        got = 0;
        while (got < want) {
            int n = epoll_wait(ep, out, 64, -1), k;
            for (k = 0; k < n; k++) {
                struct conn *x = &c[out[k].data.u32];
                for (;;) {
                    ssize_t r = recv(x->fd, x->in + x->have, sizeof(x->in) - x->have, 0);
                    size_t off = 0;
                    if (r <= 0) {
                        if (r < 0 && errno == EAGAIN)
                            break;
                        die("raw leaf recv");
                    }
                    x->have += (size_t)r;
                    while (x->have - off >= HDR) {
                        uint32_t len;
                        memcpy(&len, x->in + off, 4);
                        len = ntohl(len);
                        if (x->have - off < HDR + len)
                            break;
                        got++;
                        off += HDR + len;
                    }
                    memmove(x->in, x->in + off, x->have - off);
                    x->have -= off;
                }
            }
        }
        if (write(done, "d", 1) != 1)
            die("pipe");
    }
    _exit(0);
}

static struct conn *g_raw;
static int g_raw_ep, g_raw_ctl, g_raw_done;

/* Writes queued bytes of `x`; returns 0 when they were all written. */
static int raw_flush(struct conn *x)
{
    while (x->len) {
        ssize_t w = send(x->fd, x->q, x->len, MSG_NOSIGNAL);
        if (w < 0) {
            if (errno == EAGAIN)
                return 1;
            die("raw send");
        }
        memmove(x->q, x->q + w, x->len - (size_t)w);
        x->len -= (size_t)w;
    }
    return 0;
}

static void raw_send_one(struct conn *x, const char *frame, size_t n)
{
    if (x->len == 0) {
        ssize_t w = send(x->fd, frame, n, MSG_NOSIGNAL);
        if (w < 0) {
            if (errno != EAGAIN)
                die("raw send");
            w = 0;
        }
        if ((size_t)w == n)
            return;
        frame += w;
        n -= (size_t)w;
        {
            struct epoll_event ev = {.events = EPOLLOUT, .data.ptr = x};
            epoll_ctl(g_raw_ep, EPOLL_CTL_MOD, x->fd, &ev);
        }
    }
    if (x->len + n > x->cap) {
        x->cap = (x->len + n) * 2;
        x->q = realloc(x->q, x->cap);
    }
    memcpy(x->q + x->len, frame, n);
    x->len += n;
}

static double raw_run(long iters)
{
    long msgs = iters / LEAVES, m;
    int i;
    char c;
    double t0, t1;
    t0 = now_s();
    if (write(g_raw_ctl, &msgs, sizeof(msgs)) != sizeof(msgs))
        die("pipe");
    for (m = 0; m < msgs; m++) {
        int full;
        for (i = 0; i < LEAVES; i++)
            raw_send_one(&g_raw[i], g_msg, sizeof(g_msg));
        /* Back-pressure, as ws2mp's blocking send: wait until every queue has room. */
        do {
            full = 0;
            for (i = 0; i < LEAVES; i++)
                if (g_raw[i].len + sizeof(g_msg) > QUEUE_LIMIT)
                    full = 1;
            if (full) {
                struct epoll_event out[64];
                int n = epoll_wait(g_raw_ep, out, 64, -1), k;
                for (k = 0; k < n; k++) {
                    struct conn *x = out[k].data.ptr;
                    if (!raw_flush(x)) {
                        struct epoll_event ev = {.events = 0, .data.ptr = x};
                        epoll_ctl(g_raw_ep, EPOLL_CTL_MOD, x->fd, &ev);
                    }
                }
            }
        } while (full);
    }
    /* Drain what is queued. */
    for (;;) {
        struct epoll_event out[64];
        int pending = 0, n, k;
        for (i = 0; i < LEAVES; i++)
            pending += g_raw[i].len != 0;
        if (!pending)
            break;
        n = epoll_wait(g_raw_ep, out, 64, -1);
        for (k = 0; k < n; k++) {
            struct conn *x = out[k].data.ptr;
            if (!raw_flush(x)) {
                struct epoll_event ev = {.events = 0, .data.ptr = x};
                epoll_ctl(g_raw_ep, EPOLL_CTL_MOD, x->fd, &ev);
            }
        }
    }
    read_full(g_raw_done, &c, 1);
    t1 = now_s();
    return t1 - t0;
}

static pid_t spawn(leaf_loop loop, unsigned short port, int *ctl, int *done)
{
    int a[2], b[2];
    pid_t pid;
    if (pipe(a) || pipe(b))
        die("pipe");
    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        close(a[1]);
        close(b[0]);
        loop(a[0], b[1], port);
    }
    close(a[0]);
    close(b[1]);
    *ctl = a[1];
    *done = b[0];
    return pid;
}

int main(int argc, char **argv)
{
    WSADATA wsa;
    long iters = argc > 1 ? atol(argv[1]) : 200000, zero = 0;
    struct sockaddr_in addr = loopback();
    int len = sizeof(addr), i, one = 1, lfd;
    socklen_t slen = sizeof(addr);
    pid_t ws_pid, raw_pid;
    char c;
    struct rlimit rl = {4096, 4096};
    setrlimit(RLIMIT_NOFILE, &rl);
    memset(g_msg, 'm', sizeof(g_msg));
    {
        uint32_t l = htonl(SIZE);
        memcpy(g_msg, &l, 4);
        g_msg[4] = 0x10;
        g_msg[5] = g_msg[6] = g_msg[7] = 0;
    }

    /* The raw topology: 100 TCP connections to a plain listener (forked before ws2mp starts). */
    lfd = socket(AF_INET, SOCK_STREAM, 0);
    if (bind(lfd, (struct sockaddr *)&addr, sizeof(addr)) || listen(lfd, LEAVES) ||
        getsockname(lfd, (struct sockaddr *)&addr, &slen))
        die("raw listener");
    raw_pid = spawn(raw_leaves, addr.sin_port, &g_raw_ctl, &g_raw_done);
    g_raw = calloc(LEAVES, sizeof(*g_raw));
    g_raw_ep = epoll_create1(EPOLL_CLOEXEC);
    for (i = 0; i < LEAVES; i++) {
        struct epoll_event ev = {.events = 0};
        g_raw[i].fd = accept(lfd, NULL, NULL);
        if (g_raw[i].fd < 0)
            die("raw accept");
        setsockopt(g_raw[i].fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
        fcntl(g_raw[i].fd, F_SETFL, fcntl(g_raw[i].fd, F_GETFL) | O_NONBLOCK);
        ev.data.ptr = &g_raw[i];
        epoll_ctl(g_raw_ep, EPOLL_CTL_ADD, g_raw[i].fd, &ev);
    }
    read_full(g_raw_done, &c, 1);
    close(lfd);

    /* The ws2mp session: the leaves' process is forked before this process starts ws2mp. */
    ws_pid = spawn(ws_leaves, 0, &g_ws_ctl, &g_ws_done);
    if (WSAStartup(0x0202, &wsa))
        die("WSAStartup");
    g_root = rmp_socket(1, WSA_FLAG_MULTIPOINT_C_ROOT | WSA_FLAG_MULTIPOINT_D_ROOT);
    addr = loopback();
    if (g_root == INVALID_SOCKET || ws2mp_bind(g_root, (struct sockaddr *)&addr, sizeof(addr)) ||
        ws2mp_listen(g_root, 200) || ws2mp_getsockname(g_root, (struct sockaddr *)&addr, &len))
        die("root listener");
    /* The leaves' process was forked before the port existed: it is the first message on the
     * control pipe (negated). */
    {
        long port = -(long)addr.sin_port;
        if (write(g_ws_ctl, &port, sizeof(port)) != sizeof(port))
            die("pipe");
    }
    for (i = 0; i < LEAVES; i++)
        if (ws2mp_accept(g_root, NULL, NULL) == INVALID_SOCKET)
            die("root accept");
    read_full(g_ws_done, &c, 1);

    compare("rmp_fanout_100_leaves_1k", iters, ws_run, raw_run);

    if (write(g_ws_ctl, &zero, sizeof(zero)) != sizeof(zero) || write(g_raw_ctl, &zero, sizeof(zero)) != sizeof(zero))
        die("pipe");
    waitpid(ws_pid, NULL, 0);
    waitpid(raw_pid, NULL, 0);
    closesocket(g_root);
    WSACleanup();
    return 0;
}

/*
 * Rooted control, peer data: relay through the root (issue 5: ratio >= 0.7). Ten members (the
 * root and nine leaves in another process) each send 1 KiB messages; every message reaches
 * the nine other members. Rate = messages delivered per second.
 *   ws2mp: a c_root|d_leaf root of the peer-data entry; the root relays. Every member sends
 *          from one thread and receives in another: non-blocking sockets, select to wait,
 *          recv until WSAEWOULDBLOCK (a send that would block waits for select writability).
 *   raw:   the same framing over TCP: a relay server (one epoll thread: parse a read's frames,
 *          forward them to the other eight clients with one write per client, count its own
 *          copy; plus a thread sending the server's own messages) and nine clients (one
 *          sender thread, one epoll receiver thread).
 * SIO_MULTIPOINT_LOOPBACK is off (the raw members do not receive their own messages either).
 */
#include "bench.h"
#include "net.h"
#include "ws2mp.h"
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <sys/epoll.h>
#include <sys/wait.h>
#include <unistd.h>

#define LEAVES 9
#define MEMBERS (LEAVES + 1)
#define SIZE 1024
#define HDR 8

static char g_frame[HDR + SIZE];

static void write_full(int fd, const void *p, size_t n)
{
    const char *c = p;
    while (n) {
        ssize_t w = send(fd, c, n, MSG_NOSIGNAL);
        if (w <= 0) {
            if (w < 0 && errno == EINTR)
                continue;
            die("write_full");
        }
        c += w;
        n -= (size_t)w;
    }
}

static SOCKET peer_socket(uint32_t flags)
{
    /* The caller's own buffer: several threads enumerate at once. */
    WSAPROTOCOL_INFOA e[32];
    uint32_t len = sizeof(e);
    int n = WSAEnumProtocolsA(NULL, e, &len), i;
    for (i = 0; i < n; i++)
        if (e[i].iAddressFamily == AF_INET && (e[i].dwServiceFlags1 & XP1_MULTIPOINT_CONTROL_PLANE) &&
            !(e[i].dwServiceFlags1 & XP1_MULTIPOINT_DATA_PLANE))
            return WSASocketA(-1, -1, -1, &e[i], 0, flags);
    die("no peer-data entry");
    return INVALID_SOCKET;
}

static void no_loopback(SOCKET s)
{
    int off = 0;
    uint32_t ret;
    if (WSAIoctl(s, SIO_MULTIPOINT_LOOPBACK, &off, sizeof(off), NULL, 0, &ret, NULL, NULL))
        die("SIO_MULTIPOINT_LOOPBACK");
}

static void nonblocking(SOCKET s)
{
    uint32_t on = 1; /* u_long: 32 bits, as on Windows */
    if (ioctlsocket(s, (int32_t)0x8004667EU, &on))
        die("FIONBIO");
}

struct sender {
    uintptr_t *socks;
    int count;
    long msgs;
    int ws;
};

/* Sends `msgs` messages on each socket, round-robin, blocking. */
static void *send_thread(void *p)
{
    struct sender *s = p;
    long m;
    int i;
    for (m = 0; m < s->msgs; m++)
        for (i = 0; i < s->count; i++) {
            if (s->ws) {
                /* Non-blocking sockets: wait for writability (select) when a send would
                 * block, as a blocking send would. */
                while (ws2mp_send(s->socks[i], g_frame + HDR, SIZE, 0) != SIZE) {
                    ws2mp_fd_set wr;
                    if (WSAGetLastError() != WSAEWOULDBLOCK)
                        die("ws2mp send");
                    wr.fd_count = 1;
                    wr.fd_array[0] = s->socks[i];
                    ws2mp_select(0, NULL, &wr, NULL, NULL);
                }
            } else {
                write_full((int)s->socks[i], g_frame, sizeof(g_frame));
            }
        }
    return NULL;
}

/* ---- ws2mp: receiving ------------------------------------------------------------------------ */
/* Receives `want` messages in total over `socks` (select + recv). */
static void ws_receive(SOCKET *socks, int count, long want)
{
    static char buf[SIZE + 64];
    long got = 0;
    int i;
    while (got < want) {
        ws2mp_fd_set rd;
        rd.fd_count = (uint32_t)count;
        for (i = 0; i < count; i++)
            rd.fd_array[i] = socks[i];
        if (ws2mp_select(0, &rd, NULL, NULL, NULL) <= 0)
            die("select");
        for (i = 0; i < (int)rd.fd_count; i++) {
            /* Non-blocking: take everything that is there. */
            for (;;) {
                int n = ws2mp_recv(rd.fd_array[i], buf, sizeof(buf), 0);
                if (n == SIZE) {
                    got++;
                    continue;
                }
                if (n < 0 && WSAGetLastError() == WSAEWOULDBLOCK)
                    break;
                die("ws2mp recv");
            }
        }
    }
}

static void ws_leaves(int ctl, int done)
{
    WSADATA wsa;
    SOCKET leaf[LEAVES];
    struct sockaddr_in root = loopback();
    long first, msgs;
    int i;
    read_full(ctl, &first, sizeof(first));
    root.sin_port = (unsigned short)(-first);
    if (WSAStartup(0x0202, &wsa))
        die("WSAStartup (leaves)");
    for (i = 0; i < LEAVES; i++) {
        leaf[i] = peer_socket(WSA_FLAG_MULTIPOINT_C_LEAF | WSA_FLAG_MULTIPOINT_D_LEAF);
        if (WSAJoinLeaf(leaf[i], (struct sockaddr *)&root, sizeof(root), NULL, NULL, NULL, NULL, JL_BOTH) != leaf[i])
            die("WSAJoinLeaf");
        no_loopback(leaf[i]);
        nonblocking(leaf[i]);
    }
    if (write(done, "j", 1) != 1)
        die("pipe");
    for (;;) {
        struct sender s = {leaf, LEAVES, 0, 1};
        pthread_t t;
        read_full(ctl, &msgs, sizeof(msgs));
        if (msgs == 0)
            break;
        s.msgs = msgs;
        pthread_create(&t, NULL, send_thread, &s);
        /* Each leaf receives every other member's messages. */
        ws_receive(leaf, LEAVES, msgs * (MEMBERS - 1) * LEAVES);
        pthread_join(t, NULL);
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

static double ws_run(long iters)
{
    long msgs = iters / (MEMBERS * (MEMBERS - 1));
    struct sender s = {&g_root, 1, msgs, 1};
    pthread_t t;
    char c;
    double t0 = now_s();
    if (write(g_ws_ctl, &msgs, sizeof(msgs)) != sizeof(msgs))
        die("pipe");
    pthread_create(&t, NULL, send_thread, &s);
    ws_receive(&g_root, 1, msgs * LEAVES);
    pthread_join(t, NULL);
    read_full(g_ws_done, &c, 1);
    return now_s() - t0;
}

/* ---- raw TCP ------------------------------------------------------------------------------- */
struct inbuf {
    char data[64 * 1024 + HDR + SIZE];
    size_t have;
};

/* Reads what is available on `fd`, calling on_frame for each complete frame. Returns frames. */
static long raw_read(int fd, struct inbuf *b, void (*on_frame)(int from, const char *f, size_t n), int from)
{
    long frames = 0;
    for (;;) {
        ssize_t r = recv(fd, b->data + b->have, sizeof(b->data) - b->have, MSG_DONTWAIT);
        size_t off = 0;
        if (r <= 0) {
            if (r < 0 && (errno == EAGAIN || errno == EINTR))
                return frames;
            die("raw recv");
        }
        b->have += (size_t)r;
        while (b->have - off >= HDR) {
            uint32_t len;
            memcpy(&len, b->data + off, 4);
            len = ntohl(len);
            if (b->have - off < HDR + len)
                break;
            if (on_frame)
                on_frame(from, b->data + off, HDR + len);
            frames++;
            off += HDR + len;
        }
        memmove(b->data, b->data + off, b->have - off);
        b->have -= off;
    }
}

static int g_srv[LEAVES];
static pthread_mutex_t g_srv_lock[LEAVES];
/* Frames to forward, collected per client while one read is parsed, then written with one
 * call per client (the same batching ws2mp's engine does). */
static char *g_out[LEAVES];
static size_t g_out_len[LEAVES], g_out_cap[LEAVES];

static void relay(int from, const char *f, size_t n)
{
    int i;
    for (i = 0; i < LEAVES; i++)
        if (i != from) {
            if (g_out_len[i] + n > g_out_cap[i]) {
                g_out_cap[i] = (g_out_len[i] + n) * 2;
                g_out[i] = realloc(g_out[i], g_out_cap[i]);
            }
            memcpy(g_out[i] + g_out_len[i], f, n);
            g_out_len[i] += n;
        }
}

/* Writes what `relay` collected (blocking writes under a per-client lock, shared with the
 * server's own sender thread). */
static void relay_flush(void)
{
    int i;
    for (i = 0; i < LEAVES; i++)
        if (g_out_len[i]) {
            pthread_mutex_lock(&g_srv_lock[i]);
            write_full(g_srv[i], g_out[i], g_out_len[i]);
            pthread_mutex_unlock(&g_srv_lock[i]);
            g_out_len[i] = 0;
        }
}

static void *raw_server_own(void *p)
{
    long msgs = *(long *)p, m;
    int i;
    for (m = 0; m < msgs; m++)
        for (i = 0; i < LEAVES; i++) {
            pthread_mutex_lock(&g_srv_lock[i]);
            write_full(g_srv[i], g_frame, sizeof(g_frame));
            pthread_mutex_unlock(&g_srv_lock[i]);
        }
    return NULL;
}

static int g_raw_ctl, g_raw_done, g_srv_ep;

static double raw_run(long iters)
{
    static struct inbuf in[LEAVES];
    long msgs = iters / (MEMBERS * (MEMBERS - 1)), want, got = 0;
    pthread_t t;
    char c;
    double t0 = now_s();
    if (write(g_raw_ctl, &msgs, sizeof(msgs)) != sizeof(msgs))
        die("pipe");
    pthread_create(&t, NULL, raw_server_own, &msgs);
    want = msgs * LEAVES;
    while (got < want) {
        struct epoll_event out[16];
        int n = epoll_wait(g_srv_ep, out, 16, -1), k;
        for (k = 0; k < n; k++) {
            int i = (int)out[k].data.u32;
            got += raw_read(g_srv[i], &in[i], relay, i);
            relay_flush();
        }
    }
    pthread_join(t, NULL);
    read_full(g_raw_done, &c, 1);
    return now_s() - t0;
}

static void raw_clients(int ctl, int done)
{
    static struct inbuf in[LEAVES];
    uintptr_t fds[LEAVES];
    struct sockaddr_in srv = loopback();
    long first, msgs;
    int ep = epoll_create1(EPOLL_CLOEXEC), i, one = 1;
    read_full(ctl, &first, sizeof(first));
    srv.sin_port = (unsigned short)(-first);
    for (i = 0; i < LEAVES; i++) {
        struct epoll_event ev = {.events = EPOLLIN, .data.u32 = (uint32_t)i};
        int fd = socket(AF_INET, SOCK_STREAM, 0);
        if (connect(fd, (struct sockaddr *)&srv, sizeof(srv)))
            die("raw connect");
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
        epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
        fds[i] = (uintptr_t)fd;
    }
    if (write(done, "j", 1) != 1)
        die("pipe");
    for (;;) {
        struct sender s = {fds, LEAVES, 0, 0};
        pthread_t t;
        long want, got = 0;
        read_full(ctl, &msgs, sizeof(msgs));
        if (msgs == 0)
            break;
        s.msgs = msgs;
        pthread_create(&t, NULL, send_thread, &s);
        want = msgs * (MEMBERS - 1) * LEAVES;
        while (got < want) {
            struct epoll_event out[16];
            int n = epoll_wait(ep, out, 16, -1), k;
            for (k = 0; k < n; k++) {
                int j = (int)out[k].data.u32;
                got += raw_read((int)fds[j], &in[j], NULL, j);
            }
        }
        pthread_join(t, NULL);
        if (write(done, "d", 1) != 1)
            die("pipe");
    }
    _exit(0);
}

static pid_t spawn(void (*loop)(int, int), int *ctl, int *done)
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
        loop(a[0], b[1]);
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
    long iters = argc > 1 ? atol(argv[1]) : 300000, zero = 0, port;
    struct sockaddr_in addr = loopback();
    socklen_t slen = sizeof(addr);
    int len = sizeof(addr), i, lfd, one = 1;
    pid_t ws_pid, raw_pid;
    char c;
    memset(g_frame, 'r', sizeof(g_frame));
    {
        uint32_t l = htonl(SIZE);
        memcpy(g_frame, &l, 4);
        g_frame[4] = 0x10;
        g_frame[5] = g_frame[6] = g_frame[7] = 0;
    }
    raw_pid = spawn(raw_clients, &g_raw_ctl, &g_raw_done);
    ws_pid = spawn(ws_leaves, &g_ws_ctl, &g_ws_done);

    /* Raw relay server. */
    lfd = socket(AF_INET, SOCK_STREAM, 0);
    if (bind(lfd, (struct sockaddr *)&addr, sizeof(addr)) || listen(lfd, LEAVES) ||
        getsockname(lfd, (struct sockaddr *)&addr, &slen))
        die("raw listener");
    port = -(long)addr.sin_port;
    if (write(g_raw_ctl, &port, sizeof(port)) != sizeof(port))
        die("pipe");
    g_srv_ep = epoll_create1(EPOLL_CLOEXEC);
    for (i = 0; i < LEAVES; i++) {
        struct epoll_event ev = {.events = EPOLLIN, .data.u32 = (uint32_t)i};
        g_srv[i] = accept(lfd, NULL, NULL);
        if (g_srv[i] < 0)
            die("raw accept");
        setsockopt(g_srv[i], IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
        pthread_mutex_init(&g_srv_lock[i], NULL);
        epoll_ctl(g_srv_ep, EPOLL_CTL_ADD, g_srv[i], &ev);
    }
    read_full(g_raw_done, &c, 1);
    close(lfd);

    /* ws2mp session. */
    if (WSAStartup(0x0202, &wsa))
        die("WSAStartup");
    g_root = peer_socket(WSA_FLAG_MULTIPOINT_C_ROOT | WSA_FLAG_MULTIPOINT_D_LEAF);
    addr = loopback();
    if (g_root == INVALID_SOCKET || ws2mp_bind(g_root, (struct sockaddr *)&addr, sizeof(addr)) ||
        ws2mp_listen(g_root, 64) || ws2mp_getsockname(g_root, (struct sockaddr *)&addr, &len))
        die("root listener");
    no_loopback(g_root);
    port = -(long)addr.sin_port;
    if (write(g_ws_ctl, &port, sizeof(port)) != sizeof(port))
        die("pipe");
    for (i = 0; i < LEAVES; i++)
        if (ws2mp_accept(g_root, NULL, NULL) == INVALID_SOCKET)
            die("root accept");
    read_full(g_ws_done, &c, 1);
    nonblocking(g_root);

    compare("rmp_relay_10_members_1k", iters, ws_run, raw_run);

    if (write(g_ws_ctl, &zero, sizeof(zero)) != sizeof(zero) || write(g_raw_ctl, &zero, sizeof(zero)) != sizeof(zero))
        die("pipe");
    waitpid(ws_pid, NULL, 0);
    waitpid(raw_pid, NULL, 0);
    closesocket(g_root);
    WSACleanup();
    return 0;
}

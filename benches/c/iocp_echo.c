/*
 * An IOCP echo server against a raw epoll echo server, in one process, alternately.
 *   iocp_echo_64B / iocp_echo_16KiB: CONNS (100) client connections (plain POSIX sockets, the
 *   same for both servers), driven by CLIENT_THREADS threads that own CONNS / CLIENT_THREADS
 *   each: a thread sends one request (64 bytes or 16 KiB) on each of its connections, then
 *   reads every answer, and repeats; so up to 100 requests are in the server at once. The ws2mp server
 *   is the classic IOCP shape: every connection associated with one completion port,
 *   WORKERS threads in GetQueuedCompletionStatus, overlapped WSARecv → WSASend → WSARecv.
 *   The raw server: WORKERS threads in epoll_wait on one epoll (EPOLLONESHOT), read → write.
 *   iocp_echo_64B_100k_pending: the IOCP server's 64-byte rate with 100,000 overlapped receives
 *   pending on 10,000 idle UDP sockets (10 each) against its rate without them (issue 10:
 *   the idle operations must not slow the active connections by more than 10%, ratio >= 0.9).
 *   Also prints the memory one pending overlapped receive costs (RSS over 100,000 of them).
 */
#include "bench.h"
#include "net.h"
#include "ws2mp.h"
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <sys/epoll.h>
#include <unistd.h>

#define CONNS 100
#define CLIENT_THREADS 4
#define PER_THREAD (CONNS / CLIENT_THREADS)
#define WORKERS 2
#define BIG 16384

static size_t msg_size;

/* ---- clients (shared) ---------------------------------------------------------------------- */
struct client {
    int *fds;
    long rounds;
};

static void *client_run(void *arg)
{
    struct client *c = arg;
    static __thread char buf[BIG];
    long r;
    int i;
    for (r = 0; r < c->rounds; r++) {
        for (i = 0; i < PER_THREAD; i++)
            if (write(c->fds[i], buf, msg_size) != (ssize_t)msg_size)
                die("client write");
        for (i = 0; i < PER_THREAD; i++) {
            size_t have = 0;
            while (have < msg_size) {
                ssize_t n = read(c->fds[i], buf + have, msg_size - have);
                if (n <= 0)
                    die("client read");
                have += (size_t)n;
            }
        }
    }
    return NULL;
}

/* `iters` round trips in all, spread over the CONNS connections. */
static double run_clients(int *fds, long iters)
{
    pthread_t t[CLIENT_THREADS];
    struct client c[CLIENT_THREADS];
    double t0 = now_s();
    int i;
    for (i = 0; i < CLIENT_THREADS; i++) {
        c[i].fds = fds + i * PER_THREAD;
        c[i].rounds = iters / CONNS > 0 ? iters / CONNS : 1;
        pthread_create(&t[i], NULL, client_run, &c[i]);
    }
    for (i = 0; i < CLIENT_THREADS; i++)
        pthread_join(t[i], NULL);
    return now_s() - t0;
}

static int connect_to(struct sockaddr_in *addr)
{
    int one = 1, fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0 || connect(fd, (struct sockaddr *)addr, sizeof(*addr)))
        die("client connect");
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    return fd;
}

/* ---- the IOCP server ---------------------------------------------------------------------- */
struct conn {
    WSAOVERLAPPED ov;
    SOCKET s;
    int sending;
    WSABUF wsabuf;
    char buf[BIG];
};

static void *port;
static int ws_clients[CONNS];

static void post_recv(struct conn *c)
{
    uint32_t flags = 0;
    memset(&c->ov, 0, sizeof(c->ov));
    c->sending = 0;
    c->wsabuf.buf = c->buf;
    c->wsabuf.len = BIG;
    if (WSARecv(c->s, &c->wsabuf, 1, NULL, &flags, &c->ov, NULL) && WSAGetLastError() != WSA_IO_PENDING)
        die("WSARecv");
}

static void *iocp_worker(void *arg)
{
    (void)arg;
    for (;;) {
        uint32_t bytes;
        uintptr_t key;
        WSAOVERLAPPED *ov;
        struct conn *c;
        if (!GetQueuedCompletionStatus(port, &bytes, &key, &ov, 0xFFFFFFFFu) || !ov)
            continue;
        c = (struct conn *)ov;
        if (c->sending || bytes == 0) {
            post_recv(c);
            continue;
        }
        memset(&c->ov, 0, sizeof(c->ov));
        c->sending = 1;
        c->wsabuf.len = bytes;
        if (WSASend(c->s, &c->wsabuf, 1, NULL, 0, &c->ov, NULL) && WSAGetLastError() != WSA_IO_PENDING)
            die("WSASend");
    }
    return NULL;
}

static void iocp_setup(void)
{
    struct sockaddr_in addr = loopback();
    int len = sizeof(addr), one = 1, i;
    SOCKET l = WSASocketA(AF_INET, SOCK_STREAM, IPPROTO_TCP, NULL, 0, WSA_FLAG_OVERLAPPED);
    pthread_t t;
    port = CreateIoCompletionPort((void *)(intptr_t)-1, NULL, 0, 0);
    if (!port || l == INVALID_SOCKET || ws2mp_bind(l, (struct sockaddr *)&addr, sizeof(addr)) ||
        ws2mp_listen(l, CONNS) || ws2mp_getsockname(l, (struct sockaddr *)&addr, &len))
        die("iocp listener");
    for (i = 0; i < CONNS; i++) {
        struct conn *c = calloc(1, sizeof(*c));
        ws_clients[i] = connect_to(&addr);
        c->s = ws2mp_accept(l, NULL, NULL);
        if (c->s == INVALID_SOCKET || CreateIoCompletionPort((void *)(uintptr_t)c->s, port, 0, 0) != port)
            die("iocp accept");
        ws2mp_setsockopt(c->s, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
        post_recv(c);
    }
    closesocket(l);
    for (i = 0; i < WORKERS; i++)
        pthread_create(&t, NULL, iocp_worker, NULL);
}

/* ---- the raw epoll server ----------------------------------------------------------------- */
static int epfd, raw_clients[CONNS];

static void *epoll_worker(void *arg)
{
    static __thread char buf[BIG];
    (void)arg;
    for (;;) {
        struct epoll_event ev;
        int fd;
        ssize_t n;
        if (epoll_wait(epfd, &ev, 1, -1) != 1)
            continue;
        fd = ev.data.fd;
        n = read(fd, buf, BIG);
        if (n > 0) {
            ssize_t off = 0;
            while (off < n) {
                ssize_t w = write(fd, buf + off, (size_t)(n - off));
                if (w <= 0)
                    break;
                off += w;
            }
        }
        ev.events = EPOLLIN | EPOLLONESHOT;
        epoll_ctl(epfd, EPOLL_CTL_MOD, fd, &ev);
    }
    return NULL;
}

static void raw_setup(void)
{
    struct sockaddr_in addr = loopback();
    socklen_t len = sizeof(addr);
    int one = 1, i, l = socket(AF_INET, SOCK_STREAM, 0);
    pthread_t t;
    epfd = epoll_create1(0);
    if (l < 0 || bind(l, (struct sockaddr *)&addr, sizeof(addr)) || listen(l, CONNS) ||
        getsockname(l, (struct sockaddr *)&addr, &len))
        die("raw listener");
    for (i = 0; i < CONNS; i++) {
        struct epoll_event ev;
        int s;
        raw_clients[i] = connect_to(&addr);
        s = accept(l, NULL, NULL);
        setsockopt(s, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
        ev.events = EPOLLIN | EPOLLONESHOT;
        ev.data.fd = s;
        epoll_ctl(epfd, EPOLL_CTL_ADD, s, &ev);
    }
    close(l);
    for (i = 0; i < WORKERS; i++)
        pthread_create(&t, NULL, epoll_worker, NULL);
}

static double ws_echo(long iters)
{
    return run_clients(ws_clients, iters);
}

static double raw_echo(long iters)
{
    return run_clients(raw_clients, iters);
}

/* ---- 100,000 pending receives on 10,000 idle sockets --------------------------------------- */
#define IDLE_SOCKETS 10000
#define IDLE_PER_SOCKET 10

static SOCKET idle[IDLE_SOCKETS];
static WSAOVERLAPPED *idle_ovs;

static void idle_post(void)
{
    static char buf[16];
    WSABUF wsabuf = {sizeof(buf), buf};
    int i, j;
    for (i = 0; i < IDLE_SOCKETS; i++)
        for (j = 0; j < IDLE_PER_SOCKET; j++) {
            uint32_t flags = 0;
            WSAOVERLAPPED *ov = &idle_ovs[i * IDLE_PER_SOCKET + j];
            memset(ov, 0, sizeof(*ov));
            if (WSARecv(idle[i], &wsabuf, 1, NULL, &flags, ov, NULL) == 0 || WSAGetLastError() != WSA_IO_PENDING)
                die("idle WSARecv");
        }
}

static void idle_cancel(void)
{
    int i;
    for (i = 0; i < IDLE_SOCKETS; i++)
        CancelIoEx((void *)(uintptr_t)idle[i], NULL);
}

/* Lets the kernel finish the work posting or cancelling left (not timed). */
static void settle(void)
{
    usleep(200 * 1000);
}

static void pending_scaling(long iters)
{
    struct sockaddr_in addr = loopback();
    double with[PAIRS], without[PAIRS], ratios[PAIRS], cpu_ratios[PAIRS];
    int i;
    idle_ovs = calloc((size_t)IDLE_SOCKETS * IDLE_PER_SOCKET, sizeof(*idle_ovs));
    if (!idle_ovs)
        die("idle overlapped");
    for (i = 0; i < IDLE_SOCKETS; i++) {
        idle[i] = WSASocketA(AF_INET, SOCK_DGRAM, IPPROTO_UDP, NULL, 0, WSA_FLAG_OVERLAPPED);
        if (idle[i] == INVALID_SOCKET || ws2mp_bind(idle[i], (struct sockaddr *)&addr, sizeof(addr))) {
            printf("SKIPPED iocp_echo_64B_100k_pending: cannot open %d sockets\n", IDLE_SOCKETS);
            return;
        }
    }
    msg_size = 64;
    for (i = 0; i < PAIRS; i++) {
        double c0, cw, cwo;
        /* Alternate the order, as compare() does: with, without, without, with, ... */
        if (i % 2 == 0)
            idle_post();
        settle();
        c0 = cpu_s();
        (i % 2 == 0 ? with : without)[i] = (double)iters / ws_echo(iters);
        *(i % 2 == 0 ? &cw : &cwo) = cpu_s() - c0;
        if (i % 2 == 0)
            idle_cancel();
        else
            idle_post();
        settle();
        c0 = cpu_s();
        (i % 2 == 0 ? without : with)[i] = (double)iters / ws_echo(iters);
        *(i % 2 == 0 ? &cwo : &cw) = cpu_s() - c0;
        if (i % 2 != 0)
            idle_cancel();
        ratios[i] = with[i] / without[i];
        cpu_ratios[i] = cwo / cw;
    }
    printf("RESULT iocp_echo_64B_100k_pending ws2mp=%.0f raw=%.0f ratio=%.3f cpu_ratio=%.3f\n",
           median(with, PAIRS), median(without, PAIRS), median(ratios, PAIRS), median(cpu_ratios, PAIRS));
    for (i = 0; i < IDLE_SOCKETS; i++)
        closesocket(idle[i]);
    free(idle_ovs);
}

/* ---- memory per pending operation --------------------------------------------------------- */
static long rss_bytes(void)
{
    long pages = 0, rss = 0;
    FILE *f = fopen("/proc/self/statm", "r");
    if (!f)
        return -1;
    if (fscanf(f, "%ld %ld", &pages, &rss) != 2)
        rss = -1;
    fclose(f);
    return rss * sysconf(_SC_PAGESIZE);
}

static void pending_memory(void)
{
    enum { N = 100000 };
    struct sockaddr_in addr = loopback();
    SOCKET s = WSASocketA(AF_INET, SOCK_DGRAM, IPPROTO_UDP, NULL, 0, WSA_FLAG_OVERLAPPED);
    WSAOVERLAPPED *ovs = calloc(N, sizeof(*ovs));
    static char buf[16];
    WSABUF wsabuf = {sizeof(buf), buf};
    long before, after;
    int i;
    if (s == INVALID_SOCKET || !ovs || ws2mp_bind(s, (struct sockaddr *)&addr, sizeof(addr)))
        die("memory socket");
    memset(ovs, 1, N * sizeof(*ovs)); /* touch the program's own part first */
    before = rss_bytes();
    for (i = 0; i < N; i++) {
        uint32_t flags = 0;
        memset(&ovs[i], 0, sizeof(ovs[i]));
        if (WSARecv(s, &wsabuf, 1, NULL, &flags, &ovs[i], NULL) == 0 || WSAGetLastError() != WSA_IO_PENDING)
            die("pending WSARecv");
    }
    after = rss_bytes();
    printf("MEMORY iocp_pending_receive bytes_per_op=%.0f (%d pending receives on one socket)\n",
           (double)(after - before) / N, N);
    closesocket(s);
    free(ovs);
}

int main(int argc, char **argv)
{
    WSADATA wsa;
    long iters = argc > 1 ? atol(argv[1]) : 40000;
    if (WSAStartup(0x0202, &wsa))
        die("WSAStartup");
    iocp_setup();
    raw_setup();
    msg_size = 64;
    compare("iocp_echo_64B", iters, ws_echo, raw_echo);
    msg_size = BIG;
    compare("iocp_echo_16KiB", iters / 4, ws_echo, raw_echo);
    pending_memory();
    pending_scaling(iters);
    return 0;
}

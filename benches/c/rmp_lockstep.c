/*
 * Rooted multipoint in lockstep (issue 14), one thread, the shape of a request/answer
 * conference: nothing is pipelined, so every delivery's latency counts.
 *   rmp_lockstep_fanout_<N>_leaves_1k  the root sends one 1 KiB message to N leaves, then each
 *                                      leaf receives it with a blocking recv; rate =
 *                                      deliveries per second (N = 10 and 100).
 *   rmp_roundtrip_1k                   the root sends 1 KiB to its one leaf, the leaf receives
 *                                      it and answers 1 KiB, the root receives the answer;
 *                                      rate = round trips per second.
 * ws2mp: a c_root|d_root socket of the rooted data plane and N c_leaf sockets joined to it
 * (SIO_MULTIPOINT_LOOPBACK FALSE everywhere), blocking send and recv.
 * raw:   N TCP connections over loopback with TCP_NODELAY and ws2mp's framing (8-byte header,
 *        then the payload), the root writing each frame to every connection, each leaf reading
 *        a frame with one blocking recv(MSG_WAITALL).
 * Each measurement is one process, one thread (a helper thread only accepts the joins at set-up).
 */
#include "bench.h"
#include "net.h"
#include "ws2mp.h"
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <sys/resource.h>
#include <unistd.h>

#define MAX_LEAVES 100
#define SIZE 1024
#define HDR 8

static int rmp_entry(WSAPROTOCOL_INFOA *out)
{
    static WSAPROTOCOL_INFOA e[32];
    uint32_t len = sizeof(e);
    int n = WSAEnumProtocolsA(NULL, e, &len), i;
    for (i = 0; i < n; i++)
        if (e[i].iAddressFamily == AF_INET && (e[i].dwServiceFlags1 & XP1_MULTIPOINT_CONTROL_PLANE) &&
            (e[i].dwServiceFlags1 & XP1_MULTIPOINT_DATA_PLANE)) {
            *out = e[i];
            return 0;
        }
    return -1;
}

static SOCKET rmp_socket(uint32_t flags)
{
    WSAPROTOCOL_INFOA info;
    SOCKET s;
    int32_t off = 0;
    uint32_t got = 0;
    if (rmp_entry(&info))
        die("no rooted entry");
    s = WSASocketA(-1, -1, -1, &info, 0, flags);
    if (s == INVALID_SOCKET)
        die("WSASocket");
    if (WSAIoctl(s, SIO_MULTIPOINT_LOOPBACK, &off, sizeof(off), NULL, 0, &got, NULL, NULL))
        die("SIO_MULTIPOINT_LOOPBACK");
    return s;
}

/* ---- one topology per N ------------------------------------------------------------------- */
struct topo {
    int n;
    SOCKET root, leaf[MAX_LEAVES];
    int raw_root[MAX_LEAVES], raw_leaf[MAX_LEAVES];
};

struct acceptor {
    SOCKET root;
    int n;
};

static void *accept_joins(void *p)
{
    struct acceptor *a = p;
    int i;
    for (i = 0; i < a->n; i++)
        if (ws2mp_accept(a->root, NULL, NULL) == INVALID_SOCKET)
            die("root accept");
    return NULL;
}

static void make_topo(struct topo *t, int n)
{
    struct sockaddr_in addr = loopback();
    socklen_t slen = sizeof(addr);
    int len = sizeof(addr), i, one = 1, lfd;
    pthread_t th;
    struct acceptor a;

    t->n = n;
    t->root = rmp_socket(WSA_FLAG_MULTIPOINT_C_ROOT | WSA_FLAG_MULTIPOINT_D_ROOT);
    if (ws2mp_bind(t->root, (struct sockaddr *)&addr, sizeof(addr)) || ws2mp_listen(t->root, 200) ||
        ws2mp_getsockname(t->root, (struct sockaddr *)&addr, &len))
        die("root listener");
    a.root = t->root;
    a.n = n;
    pthread_create(&th, NULL, accept_joins, &a);
    for (i = 0; i < n; i++) {
        t->leaf[i] = rmp_socket(WSA_FLAG_MULTIPOINT_C_LEAF | WSA_FLAG_MULTIPOINT_D_LEAF);
        if (WSAJoinLeaf(t->leaf[i], (struct sockaddr *)&addr, sizeof(addr), NULL, NULL, NULL, NULL, JL_BOTH) !=
            t->leaf[i])
            die("WSAJoinLeaf");
    }
    pthread_join(th, NULL);

    addr = loopback();
    lfd = socket(AF_INET, SOCK_STREAM, 0);
    if (bind(lfd, (struct sockaddr *)&addr, sizeof(addr)) || listen(lfd, MAX_LEAVES) ||
        getsockname(lfd, (struct sockaddr *)&addr, &slen))
        die("raw listener");
    for (i = 0; i < n; i++) {
        t->raw_leaf[i] = socket(AF_INET, SOCK_STREAM, 0);
        if (connect(t->raw_leaf[i], (struct sockaddr *)&addr, sizeof(addr)))
            die("raw connect");
        t->raw_root[i] = accept(lfd, NULL, NULL);
        if (t->raw_root[i] < 0)
            die("raw accept");
        setsockopt(t->raw_leaf[i], IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
        setsockopt(t->raw_root[i], IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    }
    close(lfd);
}

static void free_topo(struct topo *t)
{
    int i;
    for (i = 0; i < t->n; i++) {
        closesocket(t->leaf[i]);
        close(t->raw_leaf[i]);
        close(t->raw_root[i]);
    }
    closesocket(t->root);
}

static struct topo g;
static char g_frame[HDR + SIZE], g_in[HDR + SIZE];

/* ---- lockstep fan-out --------------------------------------------------------------------- */
static double ws_fanout(long iters)
{
    long rounds = iters / g.n, r;
    int i;
    double t0 = now_s();
    for (r = 0; r < rounds; r++) {
        if (ws2mp_send(g.root, g_frame + HDR, SIZE, 0) != SIZE)
            die("root send");
        for (i = 0; i < g.n; i++)
            if (ws2mp_recv(g.leaf[i], g_in, SIZE, 0) != SIZE)
                die("leaf recv");
    }
    return now_s() - t0;
}

static double raw_fanout(long iters)
{
    long rounds = iters / g.n, r;
    int i;
    double t0 = now_s();
    for (r = 0; r < rounds; r++) {
        for (i = 0; i < g.n; i++)
            if (send(g.raw_root[i], g_frame, sizeof(g_frame), MSG_NOSIGNAL) != (ssize_t)sizeof(g_frame))
                die("raw send");
        for (i = 0; i < g.n; i++)
            if (recv(g.raw_leaf[i], g_in, sizeof(g_in), MSG_WAITALL) != (ssize_t)sizeof(g_in))
                die("raw recv");
    }
    return now_s() - t0;
}

/* ---- round trip root <-> leaf ------------------------------------------------------------- */
static double ws_roundtrip(long iters)
{
    long r;
    double t0 = now_s();
    for (r = 0; r < iters; r++) {
        if (ws2mp_send(g.root, g_frame + HDR, SIZE, 0) != SIZE)
            die("root send");
        if (ws2mp_recv(g.leaf[0], g_in, SIZE, 0) != SIZE)
            die("leaf recv");
        if (ws2mp_send(g.leaf[0], g_in, SIZE, 0) != SIZE)
            die("leaf send");
        if (ws2mp_recv(g.root, g_in, SIZE, 0) != SIZE)
            die("root recv");
    }
    return now_s() - t0;
}

static double raw_roundtrip(long iters)
{
    long r;
    double t0 = now_s();
    for (r = 0; r < iters; r++) {
        if (send(g.raw_root[0], g_frame, sizeof(g_frame), MSG_NOSIGNAL) != (ssize_t)sizeof(g_frame) ||
            recv(g.raw_leaf[0], g_in, sizeof(g_in), MSG_WAITALL) != (ssize_t)sizeof(g_in) ||
            send(g.raw_leaf[0], g_in, sizeof(g_in), MSG_NOSIGNAL) != (ssize_t)sizeof(g_in) ||
            recv(g.raw_root[0], g_in, sizeof(g_in), MSG_WAITALL) != (ssize_t)sizeof(g_in))
            die("raw round trip");
    }
    return now_s() - t0;
}

int main(int argc, char **argv)
{
    WSADATA wsa;
    long iters = argc > 1 ? atol(argv[1]) : 100000;
    struct rlimit rl = {4096, 4096};
    static const int sizes[] = {10, 100};
    unsigned k;
    setrlimit(RLIMIT_NOFILE, &rl);
    memset(g_frame, 'm', sizeof(g_frame));
    {
        uint32_t l = htonl(SIZE);
        memcpy(g_frame, &l, 4);
        g_frame[4] = 0x10;
        g_frame[5] = g_frame[6] = g_frame[7] = 0;
    }
    if (WSAStartup(0x0202, &wsa))
        die("WSAStartup");
    for (k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
        char name[64];
        make_topo(&g, sizes[k]);
        snprintf(name, sizeof(name), "rmp_lockstep_fanout_%d_leaves_1k", sizes[k]);
        compare(name, iters, ws_fanout, raw_fanout);
        free_topo(&g);
    }
    make_topo(&g, 1);
    compare("rmp_roundtrip_1k", iters / 2, ws_roundtrip, raw_roundtrip);
    free_topo(&g);
    WSACleanup();
    return 0;
}

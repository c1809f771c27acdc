/*
 * The network and helpers shared by the multicast benchmarks (multicast.c, iocp_multicast.c):
 * two private network namespaces made with unshare(2) and joined by a veth pair, thread
 * pinning, and the datagram payload. The kernel deletes the namespaces when the process exits;
 * the machine's own network is never used.
 *
 * It also holds what both measure the same way: the state of one measurement, the sender
 * thread (a ws2mp c_leaf|d_leaf socket joined with JL_SENDER_ONLY that calls send(), or
 * WSASend with run_state.wsabuf; or a raw socket calling sendto), which keeps at most WINDOW
 * datagrams unacknowledged, the raw member's socket, and the member's check and acknowledgement
 * of each datagram it receives.
 *
 * The including program defines, before including this header: BENCH_NAME (for the SKIPPED
 * line), VETH (the prefix of the veth pair's names: VETH "0" in the member's namespace,
 * VETH "1" in the sender's), MEMBER_ADDR, SENDER_ADDR, PAYLOAD, GROUP, PORT, ACK_PORT,
 * WINDOW, ACK_EVERY, TIMEOUT_MS, RCVBUF and LEAF (the ws2mp sender's WSASocket flags).
 */
#ifndef WS2MP_BENCH_MCAST_NET_H
#define WS2MP_BENCH_MCAST_NET_H

#include "bench.h"
#include "ws2mp.h"
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pthread.h>
#include <sched.h>
#include <stdarg.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

/* ---- the two namespaces ------------------------------------------------------------------------ */
static int ns_member = -1, ns_sender = -1;

static int run(const char *fmt, ...)
{
    char cmd[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof(cmd), fmt, ap);
    va_end(ap);
    fflush(stdout);
    return system(cmd) == 0;
}

static void skip(const char *why)
{
    printf("SKIPPED " BENCH_NAME ": %s; no multicast figures this run\n", why);
    exit(0);
}

static int open_own_netns(void)
{
    return open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
}

/* Pins the calling thread to one CPU (when the machine has two or more): the sender and the
 * member always run on different CPUs, the same two in every measurement, so that thread
 * placement does not vary between the ws2mp and the raw runs. */
static void pin(int cpu)
{
    cpu_set_t set;
    if (sysconf(_SC_NPROCESSORS_ONLN) < 2)
        return;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    sched_setaffinity(0, sizeof(set), &set);
}

static void enter(int ns)
{
    if (setns(ns, CLONE_NEWNET) != 0)
        die("setns");
}

/* Moves this thread into a fresh namespace A (the member's), makes B (the sender's), and links
 * them with a veth pair. The calling thread ends up in A; so do the threads it creates. */
static void make_network(void)
{
    if (geteuid() != 0)
        skip("needs root (it builds two private network namespaces)");
    if (unshare(CLONE_NEWNET) != 0)
        skip("unshare(CLONE_NEWNET) is not permitted here");
    ns_member = open_own_netns();
    if (ns_member < 0)
        die("open the member's namespace");
    if (!run("ip link set lo up"))
        skip("the ip command (iproute2) is not available");
    if (unshare(CLONE_NEWNET) != 0)
        die("unshare (the sender's namespace)");
    ns_sender = open_own_netns();
    if (ns_sender < 0)
        die("open the sender's namespace");
    if (!run("ip link set lo up"))
        die("lo up in the sender's namespace");
    enter(ns_member);
    if (!run("ip link add " VETH "0 type veth peer name " VETH "1 netns /proc/%d/fd/%d"
             " && echo 1 > /proc/sys/net/ipv6/conf/" VETH "0/disable_ipv6"
             " && ip addr add " MEMBER_ADDR "/24 dev " VETH "0 && ip link set " VETH "0 up"
             " && ip route add 224.0.0.0/4 dev " VETH "0",
             (int)getpid(), ns_sender))
        die("the member's side of the veth link");
    enter(ns_sender);
    if (!run("echo 1 > /proc/sys/net/ipv6/conf/" VETH "1/disable_ipv6"
             " && ip addr add " SENDER_ADDR "/24 dev " VETH "1 && ip link set " VETH "1 up"
             " && ip route add 224.0.0.0/4 dev " VETH "1"))
        die("the sender's side of the veth link");
    enter(ns_member);
}

/* ---- the datagrams ------------------------------------------------------------------------------ */
static struct sockaddr_in in4(const char *ip, unsigned short port)
{
    struct sockaddr_in a;
    memset(&a, 0, sizeof(a));
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    inet_pton(AF_INET, ip, &a.sin_addr);
    return a;
}

static double thread_cpu_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void fill(unsigned char *buf, uint64_t seq)
{
    memcpy(buf, &seq, sizeof(seq));
}

/* The payload is a function of the sequence number: checked on receipt. */
static void init_payload(unsigned char *buf)
{
    int i;
    for (i = 8; i < PAYLOAD; i++)
        buf[i] = (unsigned char)(i * 7 + 3);
}

static int payload_ok(const unsigned char *buf)
{
    return buf[8] == (unsigned char)(8 * 7 + 3) && buf[PAYLOAD / 2] == (unsigned char)((PAYLOAD / 2) * 7 + 3) &&
           buf[PAYLOAD - 1] == (unsigned char)((PAYLOAD - 1) * 7 + 3);
}

static void set_timeout(int fd, int ms)
{
    struct timeval tv = {ms / 1000, (ms % 1000) * 1000};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
}

/* ---- one measurement ---------------------------------------------------------------------------- */
struct run_state {
    int ws;            /* through ws2mp (else raw) */
    int wsabuf;        /* ws2mp through WSASend/WSARecvFrom (else send/recvfrom) */
    long iters;
    pthread_barrier_t ready, go, done;
    /* results */
    long received, drops, out_of_order, bad_payload;
    double elapsed;
    double cpu, sender_cpu; /* seconds of CPU time of both threads / the sender's */
    int sender_stalled;
};

static void *sender_main(void *p)
{
    struct run_state *st = p;
    static unsigned char buf[PAYLOAD];
    struct sockaddr_in group = in4(GROUP, PORT), me = in4(SENDER_ADDR, ACK_PORT);
    uint64_t seq, acked = 0;
    double cpu0;
    int ack;
    SOCKET ws = INVALID_SOCKET;
    int raw = -1;

    enter(ns_sender); /* this thread only */
    pin(0);
    ack = socket(AF_INET, SOCK_DGRAM, 0);
    if (ack < 0 || bind(ack, (struct sockaddr *)&me, sizeof(me)) != 0)
        die("sender's ack socket");
    set_timeout(ack, TIMEOUT_MS);
    if (st->ws) {
        ws = WSASocketA(AF_INET, SOCK_DGRAM, IPPROTO_UDP, NULL, 0, LEAF);
        if (ws == INVALID_SOCKET ||
            WSAJoinLeaf(ws, (struct sockaddr *)&group, sizeof(group), NULL, NULL, NULL, NULL, JL_SENDER_ONLY) != ws)
            die("ws2mp sender: WSASocket/WSAJoinLeaf(JL_SENDER_ONLY)");
    } else {
        raw = socket(AF_INET, SOCK_DGRAM, 0);
        if (raw < 0)
            die("raw sender socket");
    }
    init_payload(buf);
    pthread_barrier_wait(&st->ready);
    pthread_barrier_wait(&st->go);
    cpu0 = thread_cpu_s();
    for (seq = 0; seq < (uint64_t)st->iters; seq++) {
        while (seq - acked >= WINDOW) {
            uint64_t v;
            if (recv(ack, &v, sizeof(v), 0) != (ssize_t)sizeof(v)) {
                st->sender_stalled = 1; /* no acknowledgement for TIMEOUT_MS: stop sending */
                goto out;
            }
            if (v > acked)
                acked = v;
        }
        fill(buf, seq);
        if (st->ws && st->wsabuf) {
            WSABUF wb = {PAYLOAD, (char *)buf};
            uint32_t sent = 0;
            if (WSASend(ws, &wb, 1, &sent, 0, NULL, NULL) != 0 || sent != PAYLOAD)
                die("ws2mp WSASend");
        } else if (st->ws) {
            if (ws2mp_send(ws, (const char *)buf, PAYLOAD, 0) != PAYLOAD)
                die("ws2mp send");
        } else if (sendto(raw, buf, PAYLOAD, 0, (struct sockaddr *)&group, sizeof(group)) != PAYLOAD) {
            die("raw sendto");
        }
    }
out:
    st->sender_cpu = thread_cpu_s() - cpu0;
    pthread_barrier_wait(&st->done);
    if (st->ws)
        closesocket(ws);
    else
        close(raw);
    close(ack);
    return NULL;
}

/* Starts the sender thread of a measurement; it sends once the member passes st->go. */
static void start_sender(struct run_state *st, pthread_t *t)
{
    st->received = st->drops = st->out_of_order = st->bad_payload = 0;
    st->sender_stalled = 0;
    pthread_barrier_init(&st->ready, NULL, 2);
    pthread_barrier_init(&st->go, NULL, 2);
    pthread_barrier_init(&st->done, NULL, 2);
    if (pthread_create(t, NULL, sender_main, st) != 0)
        die("pthread_create");
    pthread_barrier_wait(&st->ready);
}

/* Ends the measurement of a member that took `cpu` seconds of CPU time: meets the sender at
 * st->done and adds the sender's CPU time. */
static void sender_done(struct run_state *st, double cpu)
{
    st->cpu = cpu;
    pthread_barrier_wait(&st->done);
    st->cpu += st->sender_cpu;
}

/* Waits for the sender thread to end (after sender_done). */
static void join_sender(struct run_state *st, pthread_t t)
{
    pthread_join(t, NULL);
    pthread_barrier_destroy(&st->ready);
    pthread_barrier_destroy(&st->go);
    pthread_barrier_destroy(&st->done);
}

/* The raw member: a socket bound to the wildcard address and PORT, a member of GROUP on the
 * member's interface, with the enlarged receive buffer and a TIMEOUT_MS receive timeout. */
static int raw_member_socket(void)
{
    struct sockaddr_in group = in4(GROUP, PORT), any = in4("0.0.0.0", PORT), bound = in4(MEMBER_ADDR, PORT);
    struct ip_mreq mreq;
    int rcvbuf = RCVBUF, one = 1;
    int raw = socket(AF_INET, SOCK_DGRAM, 0);
    mreq.imr_multiaddr = group.sin_addr;
    mreq.imr_interface = bound.sin_addr;
    if (raw < 0 || setsockopt(raw, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) != 0 ||
        setsockopt(raw, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(rcvbuf)) != 0 ||
        bind(raw, (struct sockaddr *)&any, sizeof(any)) != 0 ||
        setsockopt(raw, IPPROTO_IP, IP_ADD_MEMBERSHIP, &mreq, sizeof(mreq)) != 0)
        die("raw member");
    set_timeout(raw, TIMEOUT_MS);
    return raw;
}

/* The member's sequence-number state: the next one expected, the last acknowledged. */
struct member_seq {
    uint64_t expect, acked;
};

/* Checks one datagram of n bytes from `from` (size, payload, source, order) and acknowledges
 * every ACK_EVERY datagrams on `ack`. */
static void check_datagram(struct run_state *st, struct member_seq *q, int ack, const unsigned char *data, int n,
                           const struct sockaddr_in *from)
{
    struct sockaddr_in sender = in4(SENDER_ADDR, ACK_PORT);
    uint64_t seq;
    memcpy(&seq, data, sizeof(seq));
    if (n != PAYLOAD || !payload_ok(data) || from->sin_addr.s_addr != sender.sin_addr.s_addr)
        st->bad_payload++;
    if (seq != q->expect)
        st->out_of_order++;
    if (seq >= q->expect)
        q->expect = seq + 1;
    if (q->expect - q->acked >= ACK_EVERY) {
        q->acked = q->expect;
        if (sendto(ack, &q->acked, sizeof(q->acked), 0, (struct sockaddr *)&sender, sizeof(sender)) !=
            (ssize_t)sizeof(q->acked))
            die("ack");
    }
}

/* After a measurement: a warning line when anything was lost, damaged or stalled. */
static void warn_losses(const struct run_state *st)
{
    if (st->drops || st->bad_payload || st->out_of_order || st->sender_stalled)
        printf("# WARNING: %s run: %ld of %ld received, %ld dropped, %ld reordered, %ld bad%s\n",
               st->ws ? "ws2mp" : "raw", st->received, st->iters, st->drops, st->out_of_order, st->bad_payload,
               st->sender_stalled ? ", sender stalled waiting for acknowledgements" : "");
}

#endif

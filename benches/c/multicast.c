/*
 * Multicast with the receive filter on (issue 4): 1 KiB datagrams from a sender on another
 * host to a group member, through ws2mp and through raw sendto/recvfrom, alternated in one
 * run (ratio of messages per second; target >= 0.95), and the heap allocations on ws2mp's
 * multicast data path (target: none per datagram).
 *
 * The network: two network namespaces this program makes for itself with unshare(2) — the
 * member's ("A", 10.56.0.1 on mb0) and the sender's ("B", 10.56.0.2 on mb1) — joined by a veth
 * pair, each with its multicast route on the veth. Both are anonymous: the kernel deletes them
 * when the process exits, however it exits, and the machine's own namespace is never touched,
 * so nothing multicasts through its real interfaces. Without root (or without unshare) the
 * benchmark prints a SKIPPED line and exits 0.
 *
 * The sender's source address is not one of the member's host addresses, so the filter keeps
 * every datagram: each one goes through the whole filter decision. Two member set-ups:
 *   multicast_filtered_loopback_off  wildcard bind, SIO_MULTIPOINT_LOOPBACK FALSE
 *                                    (the "sent from this host?" check on every datagram)
 *   multicast_filtered_bound_iface   bound to the interface address 10.56.0.1 and
 *                                    SIO_MULTIPOINT_LOOPBACK FALSE (the destination check on
 *                                    IP_PKTINFO as well: the whole filter)
 * ws2mp: the sender is a c_leaf|d_leaf socket joined with JL_SENDER_ONLY that calls send()
 * (the group is its default destination); the member joins with JL_RECEIVER_ONLY and calls
 * recvfrom(). raw: socket/sendto on one side, socket/bind/IP_ADD_MEMBERSHIP/recvfrom on the
 * other. Both sides are blocking; the member's receive buffer is enlarged the same way in both.
 *
 * Flow control, so that loss cannot pass for speed: the sender keeps at most WINDOW datagrams
 * outstanding; the member acknowledges (raw unicast, identical in both variants) the highest
 * sequence number it has seen every ACK_EVERY datagrams. The member counts what arrives and
 * checks the sequence numbers; rates are datagrams *received* per second, and every RESULT
 * line carries the drops (which must be 0; a run with drops says so loudly).
 *
 * Allocations: this program replaces malloc/calloc/realloc/memalign (forwarding to glibc's
 * __libc_* functions) and counts the calls of every thread, libc's own included. The count
 * across ALLOC_DATAGRAMS datagrams sent and received through ws2mp with the filter on is
 * printed as RESULT multicast_allocations_per_datagram value=<allocations/datagrams> (send and
 * recvfrom), and as multicast_allocations_per_datagram_wsabuf (WSASend and WSARecvFrom). The
 * periodic refresh of the host's address list (once a second at most, src/multicast/local.rs)
 * allocates, so a long run may count a few allocations in total; none is per datagram.
 *
 * Measurements: 40 rounds, each one ws2mp and one raw measurement of DATAGRAMS (alternating
 * which goes first), so 1,000,000 datagrams per path and set-up by default; the sender and
 * the member are pinned to two different CPUs. Printed per set-up: the medians of the
 * messages-per-second rates and of the per-round ratios, and the CPU time per datagram of
 * both threads together (kernel time included) with its ratio, which other load on a shared
 * machine disturbs much less than wall-clock rates.
 *
 * Usage: multicast [DATAGRAMS_PER_MEASUREMENT]   (default 25000)
 */
#include "bench.h"
#include "ws2mp.h"
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pthread.h>
#include <sched.h>
#include <stdarg.h>
#include <sys/socket.h>
#include <unistd.h>

#define PAYLOAD 1024
#define WINDOW 64
#define ACK_EVERY 16
#define TIMEOUT_MS 2000
#define RCVBUF (1 << 20)
#define ALLOC_DATAGRAMS 100000

#define GROUP "239.255.56.1"
#define PORT 41560
#define ACK_PORT 41561
#define MEMBER_ADDR "10.56.0.1"
#define SENDER_ADDR "10.56.0.2"
#define LEAF (WSA_FLAG_MULTIPOINT_C_LEAF | WSA_FLAG_MULTIPOINT_D_LEAF)

/* ---- counting allocations --------------------------------------------------------------------
 * A program may replace glibc's malloc by defining these functions; libc's internal calls
 * (getifaddrs, ...) come here too. */
extern void *__libc_malloc(size_t n);
extern void *__libc_calloc(size_t n, size_t size);
extern void *__libc_realloc(void *p, size_t n);
extern void *__libc_memalign(size_t align, size_t n);
extern void __libc_free(void *p);

static unsigned long allocations;

static void counted(void)
{
    __atomic_fetch_add(&allocations, 1, __ATOMIC_RELAXED);
}

static unsigned long allocations_now(void)
{
    return __atomic_load_n(&allocations, __ATOMIC_SEQ_CST);
}

void *malloc(size_t n)
{
    counted();
    return __libc_malloc(n);
}

void *calloc(size_t n, size_t size)
{
    counted();
    return __libc_calloc(n, size);
}

void *realloc(void *p, size_t n)
{
    counted();
    return __libc_realloc(p, n);
}

void free(void *p)
{
    __libc_free(p);
}

void *memalign(size_t align, size_t n)
{
    counted();
    return __libc_memalign(align, n);
}

void *aligned_alloc(size_t align, size_t n)
{
    counted();
    return __libc_memalign(align, n);
}

int posix_memalign(void **out, size_t align, size_t n)
{
    void *p;
    counted();
    p = __libc_memalign(align, n);
    if (!p)
        return ENOMEM;
    *out = p;
    return 0;
}

#define BENCH_NAME "multicast"
#define VETH "mb"
#include "mcast_net.h"

/* ---- one measurement --------------------------------------------------------------------------- */
enum setup { LOOPBACK_OFF, BOUND_IFACE };

/* The member: receives st->iters datagrams (or until TIMEOUT_MS passes without one). */
static void member(struct run_state *st, enum setup setup, unsigned long *allocs)
{
    static unsigned char buf[PAYLOAD + 64];
    struct sockaddr_in group = in4(GROUP, PORT), any = in4("0.0.0.0", PORT), bound = in4(MEMBER_ADDR, PORT), from;
    int rcvbuf = RCVBUF, one = 1, ack;
    uint32_t timeout = TIMEOUT_MS, bytes = 0; /* Winsock: SO_RCVTIMEO in milliseconds */
    int32_t off = 0;                          /* BOOL FALSE */
    SOCKET ws = INVALID_SOCKET;
    int raw = -1;
    pthread_t t;
    struct member_seq q = {0, 0};
    double t0, last = 0, cpu0;
    unsigned long a0 = 0;
    long received = 0;

    ack = socket(AF_INET, SOCK_DGRAM, 0);
    if (ack < 0)
        die("member's ack socket");
    if (st->ws) {
        struct sockaddr_in *local = setup == BOUND_IFACE ? &bound : &any;
        ws = WSASocketA(AF_INET, SOCK_DGRAM, IPPROTO_UDP, NULL, 0, LEAF);
        if (ws == INVALID_SOCKET ||
            ws2mp_setsockopt(ws, SOL_SOCKET, SO_REUSEADDR, (const char *)&one, sizeof(one)) != 0 ||
            ws2mp_setsockopt(ws, SOL_SOCKET, SO_RCVBUF, (const char *)&rcvbuf, sizeof(rcvbuf)) != 0 ||
            ws2mp_setsockopt(ws, SOL_SOCKET, SO_RCVTIMEO, (const char *)&timeout, sizeof(timeout)) != 0 ||
            ws2mp_bind(ws, (struct sockaddr *)local, sizeof(*local)) != 0 ||
            WSAJoinLeaf(ws, (struct sockaddr *)&group, sizeof(group), NULL, NULL, NULL, NULL, JL_RECEIVER_ONLY) != ws ||
            WSAIoctl(ws, SIO_MULTIPOINT_LOOPBACK, &off, sizeof(off), NULL, 0, &bytes, NULL, NULL) != 0) {
            fprintf(stderr, "ws2mp member set-up: error %d\n", WSAGetLastError());
            die("ws2mp member");
        }
    } else {
        raw = raw_member_socket();
    }

    start_sender(st, &t);
    a0 = allocations_now();
    t0 = now_s();
    cpu0 = thread_cpu_s();
    pthread_barrier_wait(&st->go);
    while (received < st->iters) {
        int n;
        if (st->ws && st->wsabuf) {
            WSABUF wb = {sizeof(buf), (char *)buf};
            uint32_t got = 0, flags = 0;
            int fromlen = sizeof(from);
            n = WSARecvFrom(ws, &wb, 1, &got, &flags, (struct sockaddr *)&from, &fromlen, NULL, NULL) == 0
                    ? (int)got
                    : -1;
        } else if (st->ws) {
            int fromlen = sizeof(from);
            n = ws2mp_recvfrom(ws, (char *)buf, sizeof(buf), 0, (struct sockaddr *)&from, &fromlen);
        } else {
            socklen_t fromlen = sizeof(from);
            n = (int)recvfrom(raw, buf, sizeof(buf), 0, (struct sockaddr *)&from, &fromlen);
        }
        if (n < 0)
            break; /* nothing for TIMEOUT_MS: the rest was lost */
        last = now_s();
        received++;
        check_datagram(st, &q, ack, buf, n, &from);
    }
    sender_done(st, thread_cpu_s() - cpu0);
    if (allocs)
        *allocs = allocations_now() - a0;
    join_sender(st, t);
    st->received = received;
    st->drops = st->iters - received;
    st->elapsed = (received > 0 ? last : now_s()) - t0;
    if (st->ws)
        closesocket(ws);
    else
        close(raw);
    close(ack);
}

/* ---- comparison -------------------------------------------------------------------------------- */
#define ROUNDS 40

static void measure(struct run_state *st, enum setup setup, int ws, long iters, long *drops, long *bad)
{
    st->ws = ws;
    st->iters = iters;
    member(st, setup, NULL);
    *drops += st->drops;
    *bad += st->bad_payload + st->out_of_order;
    warn_losses(st);
}

/* ROUNDS rounds of one ws2mp and one raw measurement of `iters` datagrams each, in alternating
 * order. Short measurements alternated many times keep the two paths under the same machine
 * conditions (the machine is shared); the figures are medians over the rounds. Besides the
 * wall-clock rates, the CPU time both threads used per datagram (kernel time included) is
 * compared: it moves much less with other load on the machine. */
static int compare_multicast(const char *name, enum setup setup, long iters)
{
    static struct run_state st;
    double ratios[ROUNDS], ws_rates[ROUNDS], raw_rates[ROUNDS], cpu_ratios[ROUNDS], ws_cpu[ROUNDS], raw_cpu[ROUNDS];
    long ws_drops = 0, raw_drops = 0, ws_bad = 0, raw_bad = 0, warm_drops = 0, warm_bad = 0;
    int i;
    measure(&st, setup, 1, iters, &warm_drops, &warm_bad); /* warm up both paths */
    measure(&st, setup, 0, iters, &warm_drops, &warm_bad);
    for (i = 0; i < ROUNDS; i++) {
        int order;
        for (order = 0; order < 2; order++) {
            int ws = (i % 2 == 0) == (order == 0);
            measure(&st, setup, ws, iters, ws ? &ws_drops : &raw_drops, ws ? &ws_bad : &raw_bad);
            if (ws) {
                ws_rates[i] = (double)st.received / st.elapsed;
                ws_cpu[i] = st.cpu / (double)st.received;
            } else {
                raw_rates[i] = (double)st.received / st.elapsed;
                raw_cpu[i] = st.cpu / (double)st.received;
            }
        }
        ratios[i] = ws_rates[i] / raw_rates[i];
        cpu_ratios[i] = raw_cpu[i] / ws_cpu[i];
        printf("# %s round %d: ws2mp=%.0f raw=%.0f ratio=%.3f cpu_ratio=%.3f\n", name, i + 1, ws_rates[i],
               raw_rates[i], ratios[i], cpu_ratios[i]);
    }
    printf("RESULT %s ws2mp=%.0f raw=%.0f ratio=%.3f cpu_ns_per_datagram_ws2mp=%.0f cpu_ns_per_datagram_raw=%.0f"
           " cpu_ratio=%.3f datagrams=%ld drops_ws2mp=%ld drops_raw=%ld\n",
           name, median(ws_rates, ROUNDS), median(raw_rates, ROUNDS), median(ratios, ROUNDS),
           median(ws_cpu, ROUNDS) * 1e9, median(raw_cpu, ROUNDS) * 1e9, median(cpu_ratios, ROUNDS),
           iters * ROUNDS, ws_drops, raw_drops);
    fflush(stdout);
    if (ws_drops || raw_drops || ws_bad || raw_bad || warm_drops || warm_bad) {
        printf("# %s: DATAGRAMS WERE LOST OR DAMAGED (ws2mp %ld lost %ld bad, raw %ld lost %ld bad): the rates above"
               " count only what arrived\n",
               name, ws_drops, ws_bad, raw_drops, raw_bad);
        return 0;
    }
    return 1;
}

int main(int argc, char **argv)
{
    WSADATA wsa;
    long iters = argc > 1 ? atol(argv[1]) : 25000;
    static struct run_state st;
    unsigned long allocs = 0, probe;
    SOCKET s;
    int ok = 1, i;

    if (iters < 1000)
        iters = 1000;
    make_network();
    pin(1);
    if (WSAStartup(0x0202, &wsa))
        die("WSAStartup");

    /* The counter must see ws2mp's own allocations (a new socket allocates its state). */
    probe = allocations_now();
    s = WSASocketA(AF_INET, SOCK_DGRAM, IPPROTO_UDP, NULL, 0, LEAF);
    if (s == INVALID_SOCKET || allocations_now() == probe)
        die("the allocation counter does not see ws2mp's allocations");
    closesocket(s);

    printf("# %d rounds of %ld datagrams of %d bytes per path, window %d, member in 10.56.0.1's namespace,"
           " sender in 10.56.0.2's\n",
           ROUNDS, iters, PAYLOAD, WINDOW);
    ok &= compare_multicast("multicast_filtered_loopback_off", LOOPBACK_OFF, iters);
    ok &= compare_multicast("multicast_filtered_bound_iface", BOUND_IFACE, iters);

    /* Allocations across ALLOC_DATAGRAMS sends and filtered receives through ws2mp (the set-up
     * before the first datagram and the clean-up after the last are outside the count), with
     * send/recvfrom and with WSASend/WSARecvFrom. */
    for (i = 0; i < 2; i++) {
        st.ws = 1;
        st.wsabuf = i;
        st.iters = ALLOC_DATAGRAMS;
        member(&st, BOUND_IFACE, &allocs);
        printf("RESULT %s value=%.6f allocations=%lu datagrams=%ld drops=%ld\n",
               i ? "multicast_allocations_per_datagram_wsabuf" : "multicast_allocations_per_datagram",
               (double)allocs / (double)(st.received > 0 ? st.received : 1), allocs, st.received, st.drops);
        if (st.drops)
            ok = 0;
    }
    st.wsabuf = 0;

    WSACleanup();
    return ok ? 0 : 1;
}

/*
 * Overlapped multicast receive on a completion port (issue 10): 1 KiB datagrams from a sender
 * in another network namespace to a group member that receives with overlapped WSARecvFrom
 * calls (DEPTH of them outstanding, each reposted when GetQueuedCompletionStatus hands its
 * completion back), against a raw member that calls recvfrom (target: ratio >= 0.95).
 *
 * The set-up is multicast.c's: two private network namespaces made with unshare(2) and joined
 * by a veth pair (the kernel deletes them when the process exits; the machine's own network is
 * never used), a sender that keeps at most WINDOW datagrams unacknowledged, a member that
 * acknowledges every ACK_EVERY datagrams and checks sequence numbers and payloads; rates are
 * datagrams received per second, medians over ROUNDS alternated rounds. The ws2mp member is a
 * c_leaf|d_leaf socket joined with JL_RECEIVER_ONLY, SIO_MULTIPOINT_LOOPBACK FALSE (every
 * datagram goes through the receive filter), bound to the wildcard address; the raw member
 * binds and joins with IP_ADD_MEMBERSHIP. The sender, the raw member's socket and the
 * datagram checks are multicast.c's (benches/c/mcast_net.h).
 *
 * Without root, or when this build of ws2mp has no overlapped I/O, prints a SKIPPED line and
 * exits 0.
 *
 * Usage: iocp_multicast [DATAGRAMS_PER_MEASUREMENT]   (default 25000)
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
#define DEPTH 8

#define GROUP "239.255.57.1"
#define PORT 41570
#define ACK_PORT 41571
#define MEMBER_ADDR "10.57.0.1"
#define SENDER_ADDR "10.57.0.2"
#define LEAF (WSA_FLAG_MULTIPOINT_C_LEAF | WSA_FLAG_MULTIPOINT_D_LEAF | WSA_FLAG_OVERLAPPED)

#define BENCH_NAME "iocp_multicast"
#define VETH "mo"
#include "mcast_net.h"

/* ---- one measurement --------------------------------------------------------------------------- */

/* One outstanding overlapped receive; the WSAOVERLAPPED first, so the completion names it. */
struct rx {
    WSAOVERLAPPED ov;
    WSABUF wb;
    uint32_t flags;
    int fromlen;
    struct sockaddr_in from;
    unsigned char buf[PAYLOAD + 64];
};

static struct rx rxs[DEPTH];

/* Posts rx; 0, or the error of a WSARecvFrom that failed outright. */
static int post_rx(SOCKET s, struct rx *r)
{
    memset(&r->ov, 0, sizeof(r->ov));
    r->wb.len = sizeof(r->buf);
    r->wb.buf = (char *)r->buf;
    r->flags = 0;
    r->fromlen = sizeof(r->from);
    if (WSARecvFrom(s, &r->wb, 1, NULL, &r->flags, (struct sockaddr *)&r->from, &r->fromlen, &r->ov, NULL) ==
            SOCKET_ERROR &&
        WSAGetLastError() != WSA_IO_PENDING)
        return WSAGetLastError();
    return 0;
}

/* The member: receives st->iters datagrams (or until TIMEOUT_MS passes without one). */
static void member(struct run_state *st)
{
    static unsigned char buf[PAYLOAD + 64];
    struct sockaddr_in group = in4(GROUP, PORT), any = in4("0.0.0.0", PORT), from;
    int rcvbuf = RCVBUF, one = 1, ack, i, outstanding = 0;
    uint32_t bytes = 0;
    int32_t off = 0; /* BOOL FALSE */
    SOCKET ws = INVALID_SOCKET;
    void *port = NULL;
    int raw = -1;
    pthread_t t;
    struct member_seq q = {0, 0};
    double t0, last = 0, cpu0;
    long received = 0;

    ack = socket(AF_INET, SOCK_DGRAM, 0);
    if (ack < 0)
        die("member's ack socket");
    if (st->ws) {
        ws = WSASocketA(AF_INET, SOCK_DGRAM, IPPROTO_UDP, NULL, 0, LEAF);
        if (ws == INVALID_SOCKET ||
            ws2mp_setsockopt(ws, SOL_SOCKET, SO_REUSEADDR, (const char *)&one, sizeof(one)) != 0 ||
            ws2mp_setsockopt(ws, SOL_SOCKET, SO_RCVBUF, (const char *)&rcvbuf, sizeof(rcvbuf)) != 0 ||
            ws2mp_bind(ws, (struct sockaddr *)&any, sizeof(any)) != 0 ||
            WSAJoinLeaf(ws, (struct sockaddr *)&group, sizeof(group), NULL, NULL, NULL, NULL, JL_RECEIVER_ONLY) != ws ||
            WSAIoctl(ws, SIO_MULTIPOINT_LOOPBACK, &off, sizeof(off), NULL, 0, &bytes, NULL, NULL) != 0) {
            fprintf(stderr, "ws2mp member set-up: error %d\n", WSAGetLastError());
            die("ws2mp member");
        }
        port = CreateIoCompletionPort((void *)(uintptr_t)ws, NULL, 1, 0);
        if (port == NULL)
            die("CreateIoCompletionPort");
        for (i = 0; i < DEPTH; i++) {
            int e = post_rx(ws, &rxs[i]);
            if (e == WSAEOPNOTSUPP)
                skip("this ws2mp has no overlapped I/O (WSARecvFrom: WSAEOPNOTSUPP)");
            if (e != 0)
                die("overlapped WSARecvFrom");
            outstanding++;
        }
    } else {
        raw = raw_member_socket();
    }

    start_sender(st, &t);
    t0 = now_s();
    cpu0 = thread_cpu_s();
    pthread_barrier_wait(&st->go);
    while (received < st->iters) {
        int n;
        const unsigned char *data;
        if (st->ws) {
            uint32_t got = 0;
            uintptr_t key = 0;
            WSAOVERLAPPED *ov = NULL;
            struct rx *r;
            if (!GetQueuedCompletionStatus(port, &got, &key, &ov, TIMEOUT_MS)) {
                if (ov == NULL)
                    break; /* nothing for TIMEOUT_MS: the rest was lost */
                die("an overlapped receive failed");
            }
            r = (struct rx *)ov;
            n = (int)got;
            from = r->from;
            memcpy(buf, r->buf, (size_t)n < sizeof(buf) ? (size_t)n : sizeof(buf));
            data = buf;
            if (post_rx(ws, r) != 0)
                die("overlapped WSARecvFrom (again)");
        } else {
            socklen_t fromlen = sizeof(from);
            n = (int)recvfrom(raw, buf, sizeof(buf), 0, (struct sockaddr *)&from, &fromlen);
            data = buf;
        }
        if (n < 0)
            break; /* nothing for TIMEOUT_MS: the rest was lost */
        last = now_s();
        received++;
        check_datagram(st, &q, ack, data, n, &from);
    }
    sender_done(st, thread_cpu_s() - cpu0);
    join_sender(st, t);
    st->received = received;
    st->drops = st->iters - received;
    st->elapsed = (received > 0 ? last : now_s()) - t0;
    if (st->ws) {
        /* Closing aborts the outstanding receives; collect their completions before rxs is
         * reused by the next measurement. */
        closesocket(ws);
        while (outstanding > 0) {
            uint32_t got = 0;
            uintptr_t key = 0;
            WSAOVERLAPPED *ov = NULL;
            if (!GetQueuedCompletionStatus(port, &got, &key, &ov, TIMEOUT_MS) && ov == NULL)
                die("an aborted receive never completed");
            outstanding--;
        }
        CloseHandle(port);
    } else {
        close(raw);
    }
    close(ack);
}

/* ---- comparison -------------------------------------------------------------------------------- */
#define ROUNDS 20

static void measure(struct run_state *st, int ws, long iters, long *drops, long *bad)
{
    st->ws = ws;
    st->iters = iters;
    member(st);
    *drops += st->drops;
    *bad += st->bad_payload + st->out_of_order;
    warn_losses(st);
}

int main(int argc, char **argv)
{
    WSADATA wsa;
    long iters = argc > 1 ? atol(argv[1]) : 25000;
    static struct run_state st;
    double ratios[ROUNDS], ws_rates[ROUNDS], raw_rates[ROUNDS], cpu_ratios[ROUNDS], ws_cpu[ROUNDS], raw_cpu[ROUNDS];
    long ws_drops = 0, raw_drops = 0, ws_bad = 0, raw_bad = 0, warm = 0;
    int i;
    if (iters < 1000)
        iters = 1000;
    make_network();
    pin(1);
    if (WSAStartup(0x0202, &wsa))
        die("WSAStartup");
    measure(&st, 1, iters, &warm, &warm); /* warm up both paths (and skip without overlapped I/O) */
    measure(&st, 0, iters, &warm, &warm);
    for (i = 0; i < ROUNDS; i++) {
        int order;
        for (order = 0; order < 2; order++) {
            int ws = (i % 2 == 0) == (order == 0);
            measure(&st, ws, iters, ws ? &ws_drops : &raw_drops, ws ? &ws_bad : &raw_bad);
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
    }
    printf("RESULT iocp_multicast_overlapped_recv ws2mp=%.0f raw=%.0f ratio=%.3f cpu_ratio=%.3f datagrams=%ld"
           " drops_ws2mp=%ld drops_raw=%ld\n",
           median(ws_rates, ROUNDS), median(raw_rates, ROUNDS), median(ratios, ROUNDS), median(cpu_ratios, ROUNDS),
           iters * ROUNDS, ws_drops, raw_drops);
    WSACleanup();
    return ws_drops || raw_drops || ws_bad || raw_bad ? 1 : 0;
}

/*
 * Multicast's simplest path (issue 14): one thread, a JL_SENDER_ONLY member and a JL_BOTH
 * member (SIO_MULTIPOINT_LOOPBACK left TRUE, bound to INADDR_ANY), bursts of BURST send()s of
 * 1 KiB to the group, then BURST recv()s on the member. Rate = datagrams received per second.
 *   ws2mp: c_leaf|d_leaf UDP sockets, WSAJoinLeaf (the group is the sender's default
 *          destination), send / recv.
 *   raw:   socket, IP_ADD_MEMBERSHIP on the member, sendto / recvfrom.
 * No receive filter runs (loopback TRUE, wildcard bind): this is the path most programs take.
 *
 * The network: a namespace of its own (unshare(2)) with a veth interface carrying the
 * multicast route; the host's namespaces are never touched and the kernel deletes this one
 * when the process exits. Without root it prints a SKIPPED line and exits 0.
 *
 * Usage: multicast_burst [DATAGRAMS_PER_MEASUREMENT]   (default 200000)
 */
#include "bench.h"
#include "ws2mp.h"
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sched.h>
#include <sys/socket.h>
#include <unistd.h>

#define PAYLOAD 1024
#define BURST 32
#define GROUP "239.255.57.1"
#define PORT 41570
#define LEAF (WSA_FLAG_MULTIPOINT_C_LEAF | WSA_FLAG_MULTIPOINT_D_LEAF)

static void skip(const char *why)
{
    printf("SKIPPED multicast_burst: %s; no figure this run\n", why);
    exit(0);
}

static void make_network(void)
{
    if (geteuid() != 0)
        skip("needs root (it builds a private network namespace)");
    if (unshare(CLONE_NEWNET) != 0)
        skip("unshare(CLONE_NEWNET) is not permitted here");
    fflush(stdout);
    if (system("ip link set lo up && ip link add mb0 type veth peer name mb1"
               " && ip addr add 10.57.0.1/24 dev mb0 && ip link set mb0 up && ip link set mb1 up"
               " && ip route add 224.0.0.0/4 dev mb0") != 0)
        skip("cannot make the veth interface (iproute2 or the veth driver missing)");
}

static struct sockaddr_in group_addr(unsigned short port)
{
    struct sockaddr_in a;
    memset(&a, 0, sizeof(a));
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    inet_pton(AF_INET, GROUP, &a.sin_addr);
    return a;
}

static SOCKET ws_tx, ws_rx;
static int raw_tx, raw_rx;
static char buf[PAYLOAD];

static double ws_run(long iters)
{
    long done = 0;
    double t0 = now_s();
    while (done < iters) {
        int k;
        for (k = 0; k < BURST; k++)
            if (ws2mp_send(ws_tx, buf, PAYLOAD, 0) != PAYLOAD)
                die("ws2mp send");
        for (k = 0; k < BURST; k++)
            if (ws2mp_recv(ws_rx, buf, sizeof(buf), 0) != PAYLOAD)
                die("ws2mp recv");
        done += BURST;
    }
    return now_s() - t0;
}

static double raw_run(long iters)
{
    struct sockaddr_in g = group_addr(PORT + 1), from;
    long done = 0;
    double t0 = now_s();
    while (done < iters) {
        int k;
        for (k = 0; k < BURST; k++)
            if (sendto(raw_tx, buf, PAYLOAD, 0, (struct sockaddr *)&g, sizeof(g)) != PAYLOAD)
                die("raw sendto");
        for (k = 0; k < BURST; k++) {
            socklen_t len = sizeof(from);
            if (recvfrom(raw_rx, buf, sizeof(buf), 0, (struct sockaddr *)&from, &len) != PAYLOAD)
                die("raw recvfrom");
        }
        done += BURST;
    }
    return now_s() - t0;
}

int main(int argc, char **argv)
{
    WSADATA wsa;
    long iters = argc > 1 ? atol(argv[1]) : 200000;
    struct sockaddr_in g = group_addr(PORT), any;
    struct ip_mreq mreq;
    int one = 1;

    make_network();
    memset(buf, 'b', sizeof(buf));
    if (WSAStartup(0x0202, &wsa))
        die("WSAStartup");

    /* ws2mp: the member binds the group's port on the wildcard address and joins JL_BOTH; the
     * sender joins JL_SENDER_ONLY (no membership, the group becomes its destination). */
    ws_rx = WSASocketA(AF_INET, SOCK_DGRAM, IPPROTO_UDP, NULL, 0, LEAF | WSA_FLAG_OVERLAPPED);
    ws_tx = WSASocketA(AF_INET, SOCK_DGRAM, IPPROTO_UDP, NULL, 0, LEAF | WSA_FLAG_OVERLAPPED);
    if (ws_rx == INVALID_SOCKET || ws_tx == INVALID_SOCKET)
        die("WSASocket");
    memset(&any, 0, sizeof(any));
    any.sin_family = AF_INET;
    any.sin_port = htons(PORT);
    if (ws2mp_setsockopt(ws_rx, SOL_SOCKET, SO_REUSEADDR, (const char *)&one, sizeof(one)) ||
        ws2mp_bind(ws_rx, (struct sockaddr *)&any, sizeof(any)))
        die("ws2mp bind");
    if (WSAJoinLeaf(ws_rx, (struct sockaddr *)&g, sizeof(g), NULL, NULL, NULL, NULL, JL_BOTH) == INVALID_SOCKET ||
        WSAJoinLeaf(ws_tx, (struct sockaddr *)&g, sizeof(g), NULL, NULL, NULL, NULL, JL_SENDER_ONLY) ==
            INVALID_SOCKET)
        die("WSAJoinLeaf");

    /* raw: a second member on the same port (SO_REUSEADDR) would receive the ws2mp traffic as
     * well; give it a port of its own instead. */
    raw_rx = socket(AF_INET, SOCK_DGRAM, 0);
    raw_tx = socket(AF_INET, SOCK_DGRAM, 0);
    any.sin_port = htons(PORT + 1);
    if (bind(raw_rx, (struct sockaddr *)&any, sizeof(any)))
        die("raw bind");
    inet_pton(AF_INET, GROUP, &mreq.imr_multiaddr);
    mreq.imr_interface.s_addr = htonl(INADDR_ANY);
    if (setsockopt(raw_rx, IPPROTO_IP, IP_ADD_MEMBERSHIP, &mreq, sizeof(mreq)))
        die("raw IP_ADD_MEMBERSHIP");

    compare("multicast_burst_one_thread", iters, ws_run, raw_run);

    closesocket(ws_rx);
    closesocket(ws_tx);
    close(raw_rx);
    close(raw_tx);
    WSACleanup();
    return 0;
}

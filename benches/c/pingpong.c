/*
 * One-byte TCP ping-pong over loopback between two threads.
 *   blocking:  send/recv on blocking sockets (issue 2: ratio >= 0.95)
 *   eventloop: each side loops on WSAEventSelect + WSAWaitForMultipleEvents +
 *              WSAEnumNetworkEvents + recv/send, against the same loop on raw epoll
 *              (issue 3: ratio >= 0.9)
 *   eventloop_10k_idle: the event loop with 10,000 idle selected sockets on the same event
 *              object, against the event loop with none (issue 3: within 10%)
 */
#include "bench.h"
#include "net.h"
#include "pingpong.h"
#include "ws2mp.h"
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>
#include <pthread.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <unistd.h>

/* ---- blocking ping-pong ----------------------------------------------------------------- */
struct echo_arg {
    uintptr_t s;
    long iters;
};

static void *ws_blocking_echo(void *p)
{
    struct echo_arg *e = p;
    char c;
    long i;
    for (i = 0; i < e->iters; i++) {
        if (ws2mp_recv(e->s, &c, 1, 0) != 1 || ws2mp_send(e->s, &c, 1, 0) != 1)
            die("ws2mp echo");
    }
    return NULL;
}

static double ws_blocking(long iters)
{
    SOCKET a, b;
    pthread_t t;
    struct echo_arg e;
    char c = 'x';
    long i;
    double t0, t1;
    ws_pair(&a, &b);
    e.s = b;
    e.iters = iters;
    pthread_create(&t, NULL, ws_blocking_echo, &e);
    t0 = now_s();
    for (i = 0; i < iters; i++) {
        if (ws2mp_send(a, &c, 1, 0) != 1 || ws2mp_recv(a, &c, 1, 0) != 1)
            die("ws2mp ping");
    }
    t1 = now_s();
    pthread_join(t, NULL);
    closesocket(a);
    closesocket(b);
    return t1 - t0;
}

static void *raw_blocking_echo(void *p)
{
    struct echo_arg *e = p;
    char c;
    long i;
    for (i = 0; i < e->iters; i++) {
        if (recv((int)e->s, &c, 1, 0) != 1 || send((int)e->s, &c, 1, MSG_NOSIGNAL) != 1)
            die("raw echo");
    }
    return NULL;
}

static double raw_blocking(long iters)
{
    int a, b;
    pthread_t t;
    struct echo_arg e;
    char c = 'x';
    long i;
    double t0, t1;
    raw_pair(&a, &b);
    e.s = (uintptr_t)b;
    e.iters = iters;
    pthread_create(&t, NULL, raw_blocking_echo, &e);
    t0 = now_s();
    for (i = 0; i < iters; i++) {
        if (send(a, &c, 1, MSG_NOSIGNAL) != 1 || recv(a, &c, 1, 0) != 1)
            die("raw ping");
    }
    t1 = now_s();
    pthread_join(t, NULL);
    close(a);
    close(b);
    return t1 - t0;
}

/* ---- event-loop ping-pong ---------------------------------------------------------------- */
/* One side of the Winsock event loop: waits for FD_READ, receives the byte, sends it back.
 * The initiator sends first. Returns after `iters` bytes received. */
static void ws_event_side(SOCKET s, WSAEVENT ev, long iters, int initiator)
{
    char c = 'x';
    long got = 0;
    WSANETWORKEVENTS ne;
    if (initiator && ws2mp_send(s, &c, 1, 0) != 1)
        die("ws2mp first send");
    while (got < iters) {
        if (WSAWaitForMultipleEvents(1, &ev, 0, WSA_INFINITE, 0) != WSA_WAIT_EVENT_0)
            die("WSAWaitForMultipleEvents");
        if (WSAEnumNetworkEvents(s, ev, &ne) != 0)
            die("WSAEnumNetworkEvents");
        if (ne.lNetworkEvents & FD_READ) {
            if (ws2mp_recv(s, &c, 1, 0) != 1)
                die("ws2mp recv");
            got++;
            if ((initiator && got < iters) || !initiator) {
                if (ws2mp_send(s, &c, 1, 0) != 1)
                    die("ws2mp send");
            }
        }
    }
}

struct ws_side_arg {
    SOCKET s;
    WSAEVENT ev;
    long iters;
};

static void *ws_event_echo(void *p)
{
    struct ws_side_arg *a = p;
    ws_event_side(a->s, a->ev, a->iters, 0);
    return NULL;
}

static SOCKET *idle_socks;
static int idle_count;

static double ws_eventloop_common(long iters, int with_idle)
{
    SOCKET a, b;
    WSAEVENT ea = WSACreateEvent(), eb = WSACreateEvent();
    pthread_t t;
    struct ws_side_arg arg;
    double t0, t1;
    int i;
    ws_pair(&a, &b);
    if (WSAEventSelect(a, ea, FD_READ | FD_CLOSE) || WSAEventSelect(b, eb, FD_READ | FD_CLOSE))
        die("WSAEventSelect");
    if (with_idle)
        for (i = 0; i < idle_count; i++)
            if (WSAEventSelect(idle_socks[i], ea, FD_READ | FD_CLOSE))
                die("WSAEventSelect idle");
    arg.s = b;
    arg.ev = eb;
    arg.iters = iters;
    pthread_create(&t, NULL, ws_event_echo, &arg);
    t0 = now_s();
    ws_event_side(a, ea, iters, 1);
    t1 = now_s();
    pthread_join(t, NULL);
    if (with_idle)
        for (i = 0; i < idle_count; i++)
            WSAEventSelect(idle_socks[i], NULL, 0);
    closesocket(a);
    closesocket(b);
    WSACloseEvent(ea);
    WSACloseEvent(eb);
    return t1 - t0;
}

static double ws_eventloop(long iters) { return ws_eventloop_common(iters, 0); }
static double ws_eventloop_idle(long iters) { return ws_eventloop_common(iters, 1); }

int main(int argc, char **argv)
{
    WSADATA wsa;
    long iters = argc > 1 ? atol(argv[1]) : 50000;
    struct rlimit rl;
    int i;
    if (WSAStartup(0x0202, &wsa))
        die("WSAStartup");
    compare("tcp_pingpong_blocking", iters, ws_blocking, raw_blocking);
    compare("tcp_pingpong_eventloop", iters, ws_eventloop, raw_eventloop);

    idle_count = 10000;
    getrlimit(RLIMIT_NOFILE, &rl);
    if (rl.rlim_cur < 25000) {
        rl.rlim_cur = rl.rlim_max < 25000 ? rl.rlim_max : 25000;
        setrlimit(RLIMIT_NOFILE, &rl);
    }
    idle_socks = calloc((size_t)idle_count, sizeof(SOCKET));
    for (i = 0; i < idle_count; i++) {
        idle_socks[i] = ws2mp_socket(AF_INET, SOCK_DGRAM, 0);
        if (idle_socks[i] == INVALID_SOCKET)
            die("idle socket (raise RLIMIT_NOFILE)");
    }
    compare("tcp_eventloop_10k_idle_vs_none", iters, ws_eventloop_idle, ws_eventloop);
    for (i = 0; i < idle_count; i++)
        closesocket(idle_socks[i]);
    free(idle_socks);
    WSACleanup();
    return 0;
}

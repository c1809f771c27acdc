/*
 * The one-byte TCP ping-pong's pieces shared by pingpong.c and iocp_routine_pingpong.c:
 * connected loopback pairs (through ws2mp and raw, TCP_NODELAY on both ends) and the raw
 * baseline, a readiness loop on epoll in each of two threads.
 */
#ifndef WS2MP_BENCH_PINGPONG_H
#define WS2MP_BENCH_PINGPONG_H

#include "bench.h"
#include "net.h"
#include "ws2mp.h"
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <sys/epoll.h>
#include <unistd.h>

/* ---- connected pairs ---------------------------------------------------------------------- */
static void ws_pair(SOCKET *a, SOCKET *b)
{
    struct sockaddr_in addr = loopback();
    int len = sizeof(addr), one = 1;
    SOCKET l = ws2mp_socket(AF_INET, SOCK_STREAM, 0);
    if (l == INVALID_SOCKET || ws2mp_bind(l, (struct sockaddr *)&addr, sizeof(addr)) ||
        ws2mp_listen(l, 1) || ws2mp_getsockname(l, (struct sockaddr *)&addr, &len))
        die("ws2mp listener");
    *a = ws2mp_socket(AF_INET, SOCK_STREAM, 0);
    if (ws2mp_connect(*a, (struct sockaddr *)&addr, sizeof(addr)))
        die("ws2mp connect");
    *b = ws2mp_accept(l, NULL, NULL);
    if (*b == INVALID_SOCKET)
        die("ws2mp accept");
    ws2mp_setsockopt(*a, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    ws2mp_setsockopt(*b, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    closesocket(l);
}

static void raw_pair(int *a, int *b)
{
    struct sockaddr_in addr = loopback();
    socklen_t len = sizeof(addr);
    int one = 1;
    int l = socket(AF_INET, SOCK_STREAM, 0);
    if (l < 0 || bind(l, (struct sockaddr *)&addr, sizeof(addr)) || listen(l, 1) ||
        getsockname(l, (struct sockaddr *)&addr, &len))
        die("raw listener");
    *a = socket(AF_INET, SOCK_STREAM, 0);
    if (connect(*a, (struct sockaddr *)&addr, sizeof(addr)))
        die("raw connect");
    *b = accept(l, NULL, NULL);
    if (*b < 0)
        die("raw accept");
    setsockopt(*a, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    setsockopt(*b, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    close(l);
}

/* ---- raw epoll ping-pong -------------------------------------------------------------------- */
struct raw_echo_arg {
    int s;
    long iters;
};

static void raw_event_side(int s, long iters, int initiator)
{
    char c = 'x';
    long got = 0;
    struct epoll_event ev = {.events = EPOLLIN | EPOLLRDHUP, .data.fd = s}, out[8];
    int ep = epoll_create1(EPOLL_CLOEXEC);
    if (epoll_ctl(ep, EPOLL_CTL_ADD, s, &ev))
        die("epoll_ctl");
    if (initiator && send(s, &c, 1, MSG_NOSIGNAL) != 1)
        die("raw first send");
    while (got < iters) {
        int n = epoll_wait(ep, out, 8, -1);
        if (n < 1)
            die("epoll_wait");
        if (out[0].events & EPOLLIN) {
            if (recv(s, &c, 1, 0) != 1)
                die("raw recv");
            got++;
            if ((initiator && got < iters) || !initiator) {
                if (send(s, &c, 1, MSG_NOSIGNAL) != 1)
                    die("raw send");
            }
        }
    }
    close(ep);
}

static void *raw_event_echo(void *p)
{
    struct raw_echo_arg *e = p;
    raw_event_side(e->s, e->iters, 0);
    return NULL;
}

static double raw_eventloop(long iters)
{
    int a, b;
    pthread_t t;
    struct raw_echo_arg e;
    double t0, t1;
    raw_pair(&a, &b);
    e.s = b;
    e.iters = iters;
    pthread_create(&t, NULL, raw_event_echo, &e);
    t0 = now_s();
    raw_event_side(a, iters, 1);
    t1 = now_s();
    pthread_join(t, NULL);
    close(a);
    close(b);
    return t1 - t0;
}

#endif

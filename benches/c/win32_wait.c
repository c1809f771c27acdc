/*
 * Wake-up through a 64-handle WaitForMultipleObjects (issue 9), against the same wake-up
 * through WSAWaitForMultipleEvents on 64 events, in the same run.
 *   ws2mp: a responder thread waits with WaitForMultipleObjects on 64 handles: 16 thread
 *          handles (running threads), 16 idle events, 31 events that a connected TCP socket
 *          each is selected to (FD_READ), and the ping event last (index 63, the scan's worst
 *          case). The main thread SetEvent(ping) and waits for the responder's pong.
 *   raw:   the same bounce, the responder waiting with WSAWaitForMultipleEvents on 64 WSA
 *          events (the thread handles replaced by idle events).
 * Target: the Win32 wait costs at most 1.2x the WSAWaitForMultipleEvents wait (ratio >= 0.83).
 */
#include "bench.h"
#include "ws2mp.h"
#include <netinet/in.h>
#include <pthread.h>
#include <sys/socket.h>
#include <unistd.h>

#define N 64
#define THREADS 16
#define IDLE 16
#define SOCKETS (N - 1 - THREADS - IDLE)

static void *gate;
static void *win_set[N], *wsa_set[N];
static SOCKET conns[2 * SOCKETS];

static uint32_t blocked_thread(void *arg)
{
    (void)arg;
    WaitForSingleObject(gate, 0xFFFFFFFFu);
    return 0;
}

struct arg {
    void **set;
    int win32;
    void *ping, *pong;
    long iters;
};

static void *responder(void *p)
{
    struct arg *a = p;
    long i;
    for (i = 0; i < a->iters; i++) {
        uint32_t r = a->win32 ? WaitForMultipleObjects(N, (void *const *)a->set, 0, 0xFFFFFFFFu)
                              : WSAWaitForMultipleEvents(N, a->set, 0, WSA_INFINITE, 0);
        if (r != N - 1)
            die("wait");
        ResetEvent(a->ping);
        SetEvent(a->pong);
    }
    return NULL;
}

static double bounce(void **set, int win32, long iters)
{
    struct arg a;
    pthread_t t;
    long i;
    double t0, t1;
    a.set = set;
    a.win32 = win32;
    a.ping = set[N - 1];
    a.pong = CreateEventA(NULL, 0, 0, NULL); /* auto-reset */
    a.iters = iters;
    pthread_create(&t, NULL, responder, &a);
    t0 = now_s();
    for (i = 0; i < iters; i++) {
        SetEvent(a.ping);
        if (WaitForSingleObject(a.pong, 0xFFFFFFFFu) != 0)
            die("pong");
    }
    t1 = now_s();
    pthread_join(t, NULL);
    CloseHandle(a.pong);
    return t1 - t0;
}

static double win32_wait(long iters)
{
    return bounce(win_set, 1, iters);
}

static double wsa_wait(long iters)
{
    return bounce(wsa_set, 0, iters);
}

static void tcp_pair(SOCKET *a, SOCKET *b)
{
    struct sockaddr_in addr;
    int len = sizeof(addr);
    SOCKET l = ws2mp_socket(AF_INET, SOCK_STREAM, 0);
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (ws2mp_bind(l, (struct sockaddr *)&addr, sizeof(addr)) || ws2mp_getsockname(l, (struct sockaddr *)&addr, &len) ||
        ws2mp_listen(l, 1))
        die("listen");
    *a = ws2mp_socket(AF_INET, SOCK_STREAM, 0);
    if (ws2mp_connect(*a, (struct sockaddr *)&addr, sizeof(addr)))
        die("connect");
    *b = ws2mp_accept(l, NULL, NULL);
    closesocket(l);
}

int main(int argc, char **argv)
{
    WSADATA wsa;
    void *threads[THREADS];
    long iters = argc > 1 ? atol(argv[1]) : 50000;
    int i, k = 0;
    if (WSAStartup(0x0202, &wsa))
        die("WSAStartup");
    gate = CreateEventA(NULL, 1, 0, NULL);
    for (i = 0; i < THREADS; i++) {
        threads[i] = CreateThread(NULL, 0, blocked_thread, NULL, 0, NULL);
        win_set[k] = threads[i];
        wsa_set[k] = WSACreateEvent();
        k++;
    }
    for (i = 0; i < IDLE; i++, k++)
        win_set[k] = wsa_set[k] = WSACreateEvent();
    for (i = 0; i < SOCKETS; i++, k++) {
        tcp_pair(&conns[2 * i], &conns[2 * i + 1]);
        win_set[k] = wsa_set[k] = WSACreateEvent();
        if (WSAEventSelect(conns[2 * i + 1], win_set[k], FD_READ))
            die("WSAEventSelect");
    }
    win_set[k] = wsa_set[k] = WSACreateEvent();
    compare("win32_wait_64_handles", iters, win32_wait, wsa_wait);
    SetEvent(gate);
    if (WaitForMultipleObjects(THREADS, threads, 1, 10000) != 0)
        die("threads");
    WSACleanup();
    return 0;
}

/*
 * Cross-thread wake-up: two threads bounce a signal back and forth.
 *   ws2mp: WSASetEvent(e1) -> the other thread's WSAWaitForMultipleEvents(e1) returns, it
 *          WSAResetEvent(e1) and WSASetEvent(e2), and so on.
 *   raw:   the same with two eventfds and blocking read/write.
 * Issue 3: a ws2mp wake-up costs at most 1.2x a raw eventfd wake (ratio of rates >= 0.83).
 */
#include "bench.h"
#include "wakeup.h"
#include "ws2mp.h"
#include <pthread.h>
#include <sys/eventfd.h>
#include <unistd.h>

struct ws_arg {
    WSAEVENT in, out;
    long iters;
};

static void *ws_responder(void *p)
{
    struct ws_arg *a = p;
    long i;
    for (i = 0; i < a->iters; i++) {
        if (WSAWaitForMultipleEvents(1, &a->in, 0, WSA_INFINITE, 0) != WSA_WAIT_EVENT_0)
            die("wait");
        WSAResetEvent(a->in);
        WSASetEvent(a->out);
    }
    return NULL;
}

static double ws_wake(long iters)
{
    struct ws_arg a;
    pthread_t t;
    long i;
    double t0, t1;
    WSAEVENT e1 = WSACreateEvent(), e2 = WSACreateEvent();
    a.in = e1;
    a.out = e2;
    a.iters = iters;
    pthread_create(&t, NULL, ws_responder, &a);
    t0 = now_s();
    for (i = 0; i < iters; i++) {
        WSASetEvent(e1);
        if (WSAWaitForMultipleEvents(1, &e2, 0, WSA_INFINITE, 0) != WSA_WAIT_EVENT_0)
            die("wait");
        WSAResetEvent(e2);
    }
    t1 = now_s();
    pthread_join(t, NULL);
    WSACloseEvent(e1);
    WSACloseEvent(e2);
    return t1 - t0;
}

int main(int argc, char **argv)
{
    WSADATA wsa;
    long iters = argc > 1 ? atol(argv[1]) : 50000;
    if (WSAStartup(0x0202, &wsa))
        die("WSAStartup");
    compare("event_wakeup_cross_thread", iters, ws_wake, raw_wake);
    WSACleanup();
    return 0;
}

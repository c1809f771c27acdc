/*
 * The raw baseline of the cross-thread wake-up benchmarks (wakeup.c, iocp_apc_wakeup.c): two
 * threads wake each other in turn through a pair of eventfds.
 */
#ifndef WS2MP_BENCH_WAKEUP_H
#define WS2MP_BENCH_WAKEUP_H

#include "bench.h"
#include <pthread.h>
#include <sys/eventfd.h>
#include <unistd.h>

struct raw_arg {
    int in, out;
    long iters;
};

static void *raw_responder(void *p)
{
    struct raw_arg *a = p;
    uint64_t v;
    long i;
    for (i = 0; i < a->iters; i++) {
        if (read(a->in, &v, 8) != 8)
            die("read");
        v = 1;
        if (write(a->out, &v, 8) != 8)
            die("write");
    }
    return NULL;
}

static double raw_wake(long iters)
{
    struct raw_arg a;
    pthread_t t;
    uint64_t v = 1;
    long i;
    double t0, t1;
    int e1 = eventfd(0, EFD_CLOEXEC), e2 = eventfd(0, EFD_CLOEXEC);
    a.in = e1;
    a.out = e2;
    a.iters = iters;
    pthread_create(&t, NULL, raw_responder, &a);
    t0 = now_s();
    for (i = 0; i < iters; i++) {
        v = 1;
        if (write(e1, &v, 8) != 8 || read(e2, &v, 8) != 8)
            die("raw");
    }
    t1 = now_s();
    pthread_join(t, NULL);
    close(e1);
    close(e2);
    return t1 - t0;
}

#endif

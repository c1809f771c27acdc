/*
 * Shared helpers for the ws2mp benchmarks. Each benchmark runs the same work through ws2mp
 * and through the raw POSIX calls, alternating the two PAIRS times in one process, and prints
 *   RESULT <name> ws2mp=<rate> raw=<rate> ratio=<median ws2mp/raw> cpu_ratio=<median>
 * Rates are operations per second (higher is better). cpu_ratio compares the process CPU time
 * per operation (raw / ws2mp, so again higher is better); it moves much less than wall-clock
 * time when other work shares the machine.
 */
#ifndef WS2MP_BENCH_H
#define WS2MP_BENCH_H

#define _GNU_SOURCE 1
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define PAIRS 5

static inline double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static inline double cpu_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static inline int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static inline double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof(double), cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static inline void die(const char *what)
{
    fprintf(stderr, "benchmark failed: %s\n", what);
    exit(2);
}

/* Runs ws(iters) and raw(iters) alternately PAIRS times; each returns elapsed seconds. */
static inline void compare(const char *name, long iters, double (*ws)(long), double (*raw)(long))
{
    double ratios[PAIRS], ws_rates[PAIRS], raw_rates[PAIRS], cpu_ratios[PAIRS];
    int i;
    ws(iters / 10); /* warm up both paths */
    raw(iters / 10);
    for (i = 0; i < PAIRS; i++) {
        double tw, tr, cw, cr, c0;
        if (i % 2 == 0) {
            c0 = cpu_s();
            tw = ws(iters);
            cw = cpu_s() - c0;
            c0 = cpu_s();
            tr = raw(iters);
            cr = cpu_s() - c0;
        } else {
            c0 = cpu_s();
            tr = raw(iters);
            cr = cpu_s() - c0;
            c0 = cpu_s();
            tw = ws(iters);
            cw = cpu_s() - c0;
        }
        ws_rates[i] = (double)iters / tw;
        raw_rates[i] = (double)iters / tr;
        ratios[i] = ws_rates[i] / raw_rates[i];
        cpu_ratios[i] = cr / cw;
    }
    printf("RESULT %s ws2mp=%.0f raw=%.0f ratio=%.3f cpu_ratio=%.3f\n", name, median(ws_rates, PAIRS),
           median(raw_rates, PAIRS), median(ratios, PAIRS), median(cpu_ratios, PAIRS));
    fflush(stdout);
}

#endif

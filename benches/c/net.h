/*
 * Small socket helpers shared by the benchmarks (POSIX side; no ws2mp calls).
 */
#ifndef WS2MP_BENCH_NET_H
#define WS2MP_BENCH_NET_H

#include "bench.h"
#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>
#include <unistd.h>

static inline struct sockaddr_in loopback(void)
{
    struct sockaddr_in a;
    memset(&a, 0, sizeof(a));
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return a;
}

static inline void read_full(int fd, void *p, size_t n)
{
    char *c = p;
    while (n) {
        ssize_t r = read(fd, c, n);
        if (r <= 0)
            die("pipe");
        c += r;
        n -= (size_t)r;
    }
}

#endif

/* Scale (issue 3): 10,000 event-selected UDP sockets sharing four event objects. Every socket
 * reports FD_WRITE at selection exactly once; with no traffic nothing is reported; one busy
 * socket then gets its FD_READ promptly, 1,000 times over; and a datagram to every socket gives
 * every socket exactly one FD_READ. */
/* ws2mp-test: timeout=300 */
#include "event_util.h"
#ifndef _WIN32
#include <sys/resource.h>
#endif

#define NSOCK 10000
#define NEV 4
#define BUSY 7777
#define ROUNDS 1000

static SOCKET socks[NSOCK];
static struct sockaddr_in addrs[NSOCK];
static unsigned char seen[NSOCK];

/* Waits on the four events and enumerates every socket of each signalled one (the legacy
 * shared-event loop), adding what each socket reports to seen[]. Returns the number of
 * sockets that reported `bit`, or -1 when a wait timed out or failed. */
static int harvest_round(WSAEVENT *evs, long bit, long *others)
{
    DWORD r = WSAWaitForMultipleEvents(NEV, evs, FALSE, 5000, FALSE), e;
    int i, count = 0;
    if (r >= WSA_WAIT_EVENT_0 + NEV)
        return -1;
    for (e = r - WSA_WAIT_EVENT_0; e < NEV; e++) {
        for (i = (int)e; i < NSOCK; i += NEV) {
            WSANETWORKEVENTS ne;
            if (WSAEnumNetworkEvents(socks[i], evs[e], &ne) != 0)
                return -1;
            if (ne.lNetworkEvents & bit) {
                seen[i]++;
                count++;
            }
            if (ne.lNetworkEvents & ~bit)
                (*others)++;
        }
    }
    return count;
}

int main(void)
{
    WSAEVENT evs[NEV];
    SOCKET sender;
#ifndef _WIN32
    struct rlimit rl;
#endif
    int i, ok, total, once, round;
    long others = 0, long_waits = 0;
    long long t0, took, worst = 0;
    char buf[32];

#ifndef _WIN32
    /* 10,000 sockets plus the events' descriptors, the sender and the standard streams (a
     * file-descriptor limit Windows does not have). */
    getrlimit(RLIMIT_NOFILE, &rl);
    if (rl.rlim_cur < NSOCK + 100) {
        rl.rlim_cur = NSOCK + 100;
        if (rl.rlim_max < rl.rlim_cur)
            rl.rlim_max = rl.rlim_cur;
        setrlimit(RLIMIT_NOFILE, &rl);
    }
    getrlimit(RLIMIT_NOFILE, &rl);
    REQUIRE(rl.rlim_cur >= NSOCK + 100, "RLIMIT_NOFILE raised above 10,100");
#endif

    start_winsock();
    for (ok = 1, i = 0; i < NEV; i++)
        ok &= (evs[i] = WSACreateEvent()) != WSA_INVALID_EVENT;
    REQUIRE(ok, "four event objects");

    t0 = now_ms();
    for (ok = 1, i = 0; i < NSOCK && ok; i++) {
        int len = sizeof(addrs[i]);
        socks[i] = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
        loopback(&addrs[i], 0);
        ok = socks[i] != INVALID_SOCKET && bind(socks[i], (struct sockaddr *)&addrs[i], sizeof(addrs[i])) == 0 &&
             getsockname(socks[i], (struct sockaddr *)&addrs[i], &len) == 0 &&
             WSAEventSelect(socks[i], evs[i % NEV], FD_READ | FD_WRITE) == 0;
    }
    REQUIRE(ok, "10,000 UDP sockets bound and selected for FD_READ|FD_WRITE on four events");
    printf("# created and selected in %lld ms\n", now_ms() - t0);

    /* Phase 1: FD_WRITE at selection, once per socket. */
    t0 = now_ms();
    for (total = 0; total < NSOCK;) {
        int n = harvest_round(evs, FD_WRITE, &others);
        if (n < 0)
            break;
        total += n;
    }
    printf("# FD_WRITE from all sockets in %lld ms\n", now_ms() - t0);
    for (once = 1, i = 0; i < NSOCK; i++)
        once &= seen[i] == 1;
    CHECK_EQ(total, NSOCK, "every socket reported FD_WRITE at selection");
    CHECK(once, "... exactly once each");
    CHECK_EQ(others, 0, "... and nothing else");

    /* Phase 2: no traffic, nothing to report. */
    t0 = now_ms();
    CHECK_EQ(WSAWaitForMultipleEvents(NEV, evs, FALSE, 300, FALSE), WSA_WAIT_TIMEOUT,
             "with no traffic the four events stay unsignalled");
    took = now_ms() - t0;
    CHECK(took >= 300 && took < 5000, "... for the whole timeout");

    /* Phase 3: one busy socket among 10,000. */
    sender = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    REQUIRE(sender != INVALID_SOCKET, "a sender socket");
    t0 = now_ms();
    for (ok = 1, round = 0; round < ROUNDS && ok; round++) {
        WSANETWORKEVENTS ne;
        long long t1 = now_ms(), dt;
        DWORD r;
        sendto(sender, "busy", 4, 0, (struct sockaddr *)&addrs[BUSY], sizeof(addrs[BUSY]));
        r = WSAWaitForMultipleEvents(NEV, evs, FALSE, 5000, FALSE);
        dt = now_ms() - t1;
        if (dt > worst)
            worst = dt;
        if (dt > 100)
            long_waits++;
        ok = r == WSA_WAIT_EVENT_0 + BUSY % NEV && WSAEnumNetworkEvents(socks[BUSY], evs[BUSY % NEV], &ne) == 0 &&
             ne.lNetworkEvents == FD_READ && recvfrom(socks[BUSY], buf, sizeof(buf), 0, NULL, NULL) == 4;
        if (!ok)
            printf("# round %d: wait returned %lu\n", round, (unsigned long)r);
    }
    took = now_ms() - t0;
    printf("# %d busy round trips in %lld ms, worst wake-up %lld ms, %ld over 100 ms\n", round, took, worst,
           long_waits);
    CHECK(ok, "the busy socket's event wakes the right event and reports FD_READ, 1,000 times");
    CHECK(took < 10000, "... promptly: 1,000 send/wait/enumerate/recv rounds in under 10 s");
    CHECK(long_waits <= ROUNDS / 100, "... with at most 1% of the wake-ups over 100 ms");
    for (others = 0, i = 0; i < NSOCK; i++) {
        WSANETWORKEVENTS ne;
        if (WSAEnumNetworkEvents(socks[i], NULL, &ne) != 0 || ne.lNetworkEvents != 0)
            others++;
    }
    CHECK_EQ(others, 0, "no idle socket recorded anything meanwhile");

    /* Phase 4: a datagram to every socket: every one reports FD_READ once. */
    memset(seen, 0, sizeof(seen));
    for (i = 0; i < NEV; i++)
        WSAResetEvent(evs[i]);
    t0 = now_ms();
    for (ok = 1, i = 0; i < NSOCK; i++)
        ok &= sendto(sender, "all", 3, 0, (struct sockaddr *)&addrs[i], sizeof(addrs[i])) == 3;
    CHECK(ok, "one datagram sent to each of the 10,000 sockets");
    for (total = 0, others = 0; total < NSOCK;) {
        int n = harvest_round(evs, FD_READ, &others);
        if (n < 0)
            break;
        total += n;
    }
    printf("# FD_READ from all sockets in %lld ms\n", now_ms() - t0);
    for (once = 1, i = 0; i < NSOCK; i++)
        once &= seen[i] == 1;
    CHECK_EQ(total, NSOCK, "every socket reported FD_READ");
    CHECK(once, "... exactly once each (no lost and no doubled event)");
    for (ok = 1, i = 0; i < NSOCK; i++)
        ok &= recvfrom(socks[i], buf, sizeof(buf), 0, NULL, NULL) == 3;
    CHECK(ok, "... and every socket holds its datagram");

    t0 = now_ms();
    for (ok = 1, i = 0; i < NSOCK; i++)
        ok &= closesocket(socks[i]) == 0;
    CHECK(ok, "closing the 10,000 sockets");
    printf("# closed in %lld ms\n", now_ms() - t0);
    closesocket(sender);
    for (i = 0; i < NEV; i++)
        WSACloseEvent(evs[i]);
    WSACleanup();
    return check_done();
}

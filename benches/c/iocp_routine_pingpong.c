/*
 * One-byte TCP ping-pong over loopback between two threads, driven by overlapped completion
 * routines (issue 10: ratio >= 0.9):
 *   ws2mp: each side posts an overlapped WSARecv with a completion routine and loops on
 *          SleepEx(INFINITE, TRUE); the receive routine sends the byte back with an overlapped
 *          WSASend (its own completion routine) and posts the next receive. So every byte costs
 *          two completion routines run as APCs in the issuing thread's alertable wait.
 *   raw:   the same ping-pong as a readiness loop on raw epoll (as pingpong.c's event loop).
 * If this build of ws2mp has no overlapped I/O yet (WSARecv with an overlapped structure fails
 * with WSAEOPNOTSUPP), prints SKIPPED and exits 0.
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
#include <unistd.h>

/* ---- completion routines ------------------------------------------------------------------ */
struct side {
    WSAOVERLAPPED rov, sov; /* hEvent of each points back here (free for routines' use) */
    SOCKET s;
    char rbyte, sbyte;
    WSABUF rbuf, sbuf;
    long got, iters;
    int initiator, sends_out, failed;
};

static void sent(uint32_t err, uint32_t bytes, WSAOVERLAPPED *ov, uint32_t flags)
{
    struct side *sd = (struct side *)ov->hEvent;
    (void)flags;
    sd->sends_out--;
    if (err != 0 || bytes != 1)
        sd->failed = 1;
}

static void post_send(struct side *sd)
{
    memset(&sd->sov, 0, sizeof(sd->sov));
    sd->sov.hEvent = (WSAEVENT)sd;
    sd->sbuf.len = 1;
    sd->sbuf.buf = &sd->sbyte;
    sd->sends_out++;
    if (WSASend(sd->s, &sd->sbuf, 1, NULL, 0, &sd->sov, sent) == SOCKET_ERROR &&
        WSAGetLastError() != WSA_IO_PENDING)
        die("overlapped WSASend");
}

static void received(uint32_t err, uint32_t bytes, WSAOVERLAPPED *ov, uint32_t flags);

/* Returns 0, or the error of a WSARecv that failed outright. */
static int post_recv(struct side *sd)
{
    uint32_t fl = 0;
    memset(&sd->rov, 0, sizeof(sd->rov));
    sd->rov.hEvent = (WSAEVENT)sd;
    sd->rbuf.len = 1;
    sd->rbuf.buf = &sd->rbyte;
    if (WSARecv(sd->s, &sd->rbuf, 1, NULL, &fl, &sd->rov, received) == SOCKET_ERROR &&
        WSAGetLastError() != WSA_IO_PENDING)
        return WSAGetLastError();
    return 0;
}

static void received(uint32_t err, uint32_t bytes, WSAOVERLAPPED *ov, uint32_t flags)
{
    struct side *sd = (struct side *)ov->hEvent;
    (void)flags;
    if (err != 0 || bytes != 1) {
        sd->failed = 1;
        return;
    }
    sd->got++;
    if (sd->got < sd->iters && post_recv(sd) != 0)
        die("overlapped WSARecv (again)");
    if (!sd->initiator || sd->got < sd->iters) {
        sd->sbyte = sd->rbyte;
        post_send(sd);
    }
}

/* Runs one side until it has received `iters` bytes and its sends have completed. */
static void routine_side(struct side *sd)
{
    int e = post_recv(sd);
    if (e == WSAEOPNOTSUPP) {
        printf("SKIPPED iocp_routine_pingpong: this ws2mp has no overlapped I/O (WSARecv: WSAEOPNOTSUPP)\n");
        exit(0);
    }
    if (e != 0)
        die("overlapped WSARecv");
    if (sd->initiator) {
        sd->sbyte = 'x';
        post_send(sd);
    }
    while ((sd->got < sd->iters || sd->sends_out > 0) && !sd->failed)
        SleepEx(WSA_INFINITE, 1);
    if (sd->failed)
        die("completion reported a failure");
}

static void *routine_echo(void *p)
{
    routine_side(p);
    return NULL;
}

static double ws_routines(long iters)
{
    SOCKET a, b;
    pthread_t t;
    struct side sa, sb;
    double t0, t1;
    ws_pair(&a, &b);
    memset(&sa, 0, sizeof(sa));
    memset(&sb, 0, sizeof(sb));
    sa.s = a;
    sa.iters = iters;
    sa.initiator = 1;
    sb.s = b;
    sb.iters = iters;
    pthread_create(&t, NULL, routine_echo, &sb);
    t0 = now_s();
    routine_side(&sa);
    t1 = now_s();
    pthread_join(t, NULL);
    closesocket(a);
    closesocket(b);
    return t1 - t0;
}

int main(int argc, char **argv)
{
    WSADATA wsa;
    long iters = argc > 1 ? atol(argv[1]) : 50000;
    if (WSAStartup(0x0202, &wsa))
        die("WSAStartup");
    compare("iocp_routine_pingpong", iters, ws_routines, raw_eventloop);
    WSACleanup();
    return 0;
}

/*
 * event_echo: an event-select TCP echo server that serves more than 64 clients, and a client
 * load that drives it, in one program.
 *
 * The server is written the classic Winsock way: an acceptor waits on FD_ACCEPT; each worker
 * thread owns up to 63 client sockets, each with its own event object, plus one control event,
 * and loops on WSAWaitForMultipleEvents / WSAEnumNetworkEvents / recv / send. More clients than
 * fit one wait (WSA_MAXIMUM_WAIT_EVENTS = 64) start more workers.
 *
 * Usage: event_echo [clients] [rounds]   (default 150 clients, 20 rounds)
 * Exits 0 when every client got every message back intact.
 *
 * Builds unchanged with ws2mp (include/compat) and with mingw-w64 against Windows' headers
 * (x86_64-w64-mingw32-gcc event_echo.c -lws2_32 -lpthread). Threads are pthreads, which
 * mingw-w64 provides too.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PER_WORKER (WSA_MAXIMUM_WAIT_EVENTS - 1)
#define MAX_WORKERS 64

struct worker {
    pthread_t thread;
    pthread_mutex_t lock;
    WSAEVENT control;             /* set when a socket is handed over, or to stop */
    SOCKET inbox[PER_WORKER];     /* sockets handed over, not yet adopted */
    int inbox_count;
    int assigned;                 /* sockets adopted or in the inbox */
    int stop;
    long echoed;                  /* bytes this worker echoed */
};

static struct worker workers[MAX_WORKERS];
static int worker_count;

static void fail(const char *what)
{
    printf("event_echo: %s failed: %d\n", what, WSAGetLastError());
    exit(1);
}

/* Sends all of buf on a non-blocking socket, waiting for FD_WRITE when the buffer is full. */
static int send_all(SOCKET s, WSAEVENT ev, const char *buf, int len)
{
    while (len > 0) {
        int n = send(s, buf, len, 0);
        if (n == SOCKET_ERROR) {
            WSANETWORKEVENTS ne;
            if (WSAGetLastError() != WSAEWOULDBLOCK)
                return -1;
            /* FD_WRITE is recorded once there is room again. */
            do {
                WSAWaitForMultipleEvents(1, &ev, FALSE, 1000, FALSE);
                WSAEnumNetworkEvents(s, ev, &ne);
            } while (!(ne.lNetworkEvents & (FD_WRITE | FD_CLOSE)));
            if (ne.lNetworkEvents & FD_CLOSE)
                return -1;
            continue;
        }
        buf += n;
        len -= n;
    }
    return 0;
}

static void *worker_main(void *arg)
{
    struct worker *w = (struct worker *)arg;
    WSAEVENT events[WSA_MAXIMUM_WAIT_EVENTS];
    SOCKET socks[WSA_MAXIMUM_WAIT_EVENTS];
    int count = 1, i;
    char buf[4096];

    events[0] = w->control;
    socks[0] = INVALID_SOCKET;
    for (;;) {
        DWORD r = WSAWaitForMultipleEvents((DWORD)count, events, FALSE, WSA_INFINITE, FALSE);
        int first;
        if (r == WSA_WAIT_FAILED)
            fail("WSAWaitForMultipleEvents");
        first = (int)(r - WSA_WAIT_EVENT_0);
        if (first == 0) {
            pthread_mutex_lock(&w->lock);
            WSAResetEvent(w->control);
            while (w->inbox_count > 0) {
                SOCKET s = w->inbox[--w->inbox_count];
                WSAEVENT ev = WSACreateEvent();
                if (ev == WSA_INVALID_EVENT || WSAEventSelect(s, ev, FD_READ | FD_CLOSE) != 0)
                    fail("WSAEventSelect");
                socks[count] = s;
                events[count] = ev;
                count++;
            }
            if (w->stop) {
                pthread_mutex_unlock(&w->lock);
                break;
            }
            pthread_mutex_unlock(&w->lock);
            continue;
        }
        /* Serve every signalled socket from the lowest index up, so none starves. */
        for (i = first; i < count; i++) {
            WSANETWORKEVENTS ne;
            if (WSAWaitForMultipleEvents(1, &events[i], FALSE, 0, FALSE) != WSA_WAIT_EVENT_0)
                continue;
            if (WSAEnumNetworkEvents(socks[i], events[i], &ne) != 0)
                fail("WSAEnumNetworkEvents");
            if (ne.lNetworkEvents & FD_READ) {
                int n = recv(socks[i], buf, sizeof(buf), 0);
                if (n > 0) {
                    if (send_all(socks[i], events[i], buf, n) != 0)
                        ne.lNetworkEvents |= FD_CLOSE;
                    else
                        w->echoed += n;
                }
            }
            if (ne.lNetworkEvents & FD_CLOSE) {
                closesocket(socks[i]);
                WSACloseEvent(events[i]);
                socks[i] = socks[count - 1];
                events[i] = events[count - 1];
                count--;
                i--;
                pthread_mutex_lock(&w->lock);
                w->assigned--;
                pthread_mutex_unlock(&w->lock);
            }
        }
    }
    for (i = 1; i < count; i++) {
        closesocket(socks[i]);
        WSACloseEvent(events[i]);
    }
    return NULL;
}

/* Hands a new client to the first worker with room, starting a worker when all are full. */
static void hand_over(SOCKET s)
{
    int i;
    for (i = 0; i < worker_count; i++) {
        struct worker *w = &workers[i];
        pthread_mutex_lock(&w->lock);
        if (w->assigned < PER_WORKER) {
            w->inbox[w->inbox_count++] = s;
            w->assigned++;
            WSASetEvent(w->control);
            pthread_mutex_unlock(&w->lock);
            return;
        }
        pthread_mutex_unlock(&w->lock);
    }
    if (worker_count == MAX_WORKERS)
        fail("too many workers");
    i = worker_count++;
    pthread_mutex_init(&workers[i].lock, NULL);
    workers[i].control = WSACreateEvent();
    workers[i].inbox[0] = s;
    workers[i].inbox_count = 1;
    workers[i].assigned = 1;
    WSASetEvent(workers[i].control);
    pthread_create(&workers[i].thread, NULL, worker_main, &workers[i]);
}

struct acceptor {
    SOCKET listener;
    WSAEVENT stop;
    int accepted;
};

static void *acceptor_main(void *arg)
{
    struct acceptor *a = (struct acceptor *)arg;
    WSAEVENT events[2];
    events[0] = a->stop;
    events[1] = WSACreateEvent();
    if (WSAEventSelect(a->listener, events[1], FD_ACCEPT) != 0)
        fail("WSAEventSelect(FD_ACCEPT)");
    for (;;) {
        WSANETWORKEVENTS ne;
        DWORD r = WSAWaitForMultipleEvents(2, events, FALSE, WSA_INFINITE, FALSE);
        if (r == WSA_WAIT_EVENT_0)
            break;
        WSAEnumNetworkEvents(a->listener, events[1], &ne);
        if (ne.lNetworkEvents & FD_ACCEPT) {
            SOCKET s = accept(a->listener, NULL, NULL);
            if (s == INVALID_SOCKET) {
                if (WSAGetLastError() == WSAEWOULDBLOCK)
                    continue;
                fail("accept");
            }
            /* The accepted socket inherited the listener's selection: hand it over clean. */
            WSAEventSelect(s, NULL, 0);
            hand_over(s);
            a->accepted++;
        }
    }
    WSACloseEvent(events[1]);
    return NULL;
}

int main(int argc, char **argv)
{
    WSADATA wsa;
    struct sockaddr_in addr;
    int addrlen = sizeof(addr);
    int clients = argc > 1 ? atoi(argv[1]) : 150;
    int rounds = argc > 2 ? atoi(argv[2]) : 20;
    SOCKET *conns;
    struct acceptor acc;
    pthread_t acc_thread;
    long expected = 0, echoed_bytes = 0;
    int i, r, bad = 0;

    if (WSAStartup(MAKEWORD(2, 2), &wsa) != 0)
        fail("WSAStartup");
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    acc.listener = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    if (acc.listener == INVALID_SOCKET || bind(acc.listener, (SOCKADDR *)&addr, sizeof(addr)) != 0 ||
        listen(acc.listener, SOMAXCONN) != 0 || getsockname(acc.listener, (SOCKADDR *)&addr, &addrlen) != 0)
        fail("listen");
    acc.stop = WSACreateEvent();
    acc.accepted = 0;
    pthread_create(&acc_thread, NULL, acceptor_main, &acc);
    printf("event_echo: server on 127.0.0.1:%d, %d clients x %d rounds\n", ntohs(addr.sin_port), clients, rounds);

    /* The client load: plain blocking sockets, one message per client per round. */
    conns = (SOCKET *)calloc((size_t)clients, sizeof(SOCKET));
    for (i = 0; i < clients; i++) {
        conns[i] = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        if (conns[i] == INVALID_SOCKET || connect(conns[i], (SOCKADDR *)&addr, sizeof(addr)) != 0)
            fail("connect");
    }
    for (r = 0; r < rounds; r++) {
        for (i = 0; i < clients; i++) {
            char msg[64];
            int len = sprintf(msg, "client %d round %d", i, r);
            if (send(conns[i], msg, len, 0) != len)
                fail("client send");
            expected += len;
        }
        for (i = 0; i < clients; i++) {
            char want[64], got[64];
            int len = sprintf(want, "client %d round %d", i, r), have = 0;
            while (have < len) {
                int n = recv(conns[i], got + have, len - have, 0);
                if (n <= 0)
                    fail("client recv");
                have += n;
            }
            if (memcmp(want, got, (size_t)len) != 0)
                bad++;
        }
    }
    for (i = 0; i < clients; i++)
        closesocket(conns[i]);
    free(conns);

    WSASetEvent(acc.stop);
    pthread_join(acc_thread, NULL);
    for (i = 0; i < worker_count; i++) {
        pthread_mutex_lock(&workers[i].lock);
        workers[i].stop = 1;
        WSASetEvent(workers[i].control);
        pthread_mutex_unlock(&workers[i].lock);
        pthread_join(workers[i].thread, NULL);
        WSACloseEvent(workers[i].control);
        echoed_bytes += workers[i].echoed;
    }
    closesocket(acc.listener);
    WSACloseEvent(acc.stop);
    printf("event_echo: %d clients accepted by %d worker threads, %ld bytes echoed, %d mismatches\n",
           acc.accepted, worker_count, echoed_bytes, bad);
    WSACleanup();
    if (bad || acc.accepted != clients || echoed_bytes != expected || worker_count < 2) {
        printf("event_echo: FAILED\n");
        return 1;
    }
    printf("event_echo: OK\n");
    return 0;
}

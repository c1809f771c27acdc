/* Stress (issue 3): 8 threads for 30 s, each creating sockets and events, selecting them,
 * ping-ponging numbered messages over its own loopback connection with WSAWaitForMultipleEvents
 * + WSAEnumNetworkEvents + recv/send, and closing everything (gracefully or with a reset), round
 * after round, on one shared event or one event per socket. Under
 * AddressSanitizer: no crash, no leak, and no lost event (every wait that should end does, and
 * every message sent is received, in order). */
/* ws2mp-test: timeout=150 */
#include "event_util.h"

#define THREADS 8
#define SECONDS 30
#define MESSAGES 1000

struct worker {
    HANDLE thread;
    int id;
    SOCKET listener;
    struct sockaddr_in addr;
    long rounds, sent, received, closes;
    long lost;   /* waits that timed out although an event was due */
    long errors; /* unexpected failures, with the first one described */
    char what[160];
};

static long long stop_at;

static void fail(struct worker *w, const char *what, long detail)
{
    if (w->errors++ == 0)
        snprintf(w->what, sizeof(w->what), "%s (%ld, error %d)", what, detail, WSAGetLastError());
}

/* Waits until `s` reports one of `want`; returns the bits seen (0: lost, -1: failed). */
static long await(struct worker *w, SOCKET s, WSAEVENT *evs, DWORD nev, WSAEVENT own, long want, int *close_code)
{
    WSANETWORKEVENTS ne;
    long seen = 0;
    while (!(seen & want)) {
        DWORD r = WSAWaitForMultipleEvents(nev, evs, FALSE, 5000, FALSE);
        if (r == WSA_WAIT_TIMEOUT) {
            w->lost++;
            return 0;
        }
        if (r >= WSA_WAIT_EVENT_0 + nev) {
            fail(w, "WSAWaitForMultipleEvents", (long)r);
            return -1;
        }
        if (WSAEnumNetworkEvents(s, own, &ne) != 0) {
            fail(w, "WSAEnumNetworkEvents", 0);
            return -1;
        }
        if (nev == 2) {
            /* Two events: the other one may be signalled by the other socket's FD_WRITE;
             * WSAEnumNetworkEvents only reset ours. Reset the other so the wait can block. */
            WSAEVENT other = evs[0] == own ? evs[1] : evs[0];
            WSAResetEvent(other);
        }
        if ((ne.lNetworkEvents & FD_CLOSE) && close_code)
            *close_code = ne.iErrorCode[FD_CLOSE_BIT];
        seen |= ne.lNetworkEvents;
    }
    return seen;
}

/* Receives exactly one 4-byte message on s (waiting for FD_READ as needed). */
static int receive_msg(struct worker *w, SOCKET s, WSAEVENT *evs, DWORD nev, WSAEVENT own, unsigned *value)
{
    unsigned char buf[4];
    int have = 0;
    while (have < 4) {
        int n = recv(s, (char *)buf + have, 4 - have, 0);
        if (n > 0) {
            have += n;
            continue;
        }
        if (n == 0 || WSAGetLastError() != WSAEWOULDBLOCK) {
            fail(w, "recv", n);
            return -1;
        }
        if (await(w, s, evs, nev, own, FD_READ, NULL) <= 0)
            return -1;
    }
    *value = (unsigned)buf[0] | (unsigned)buf[1] << 8 | (unsigned)buf[2] << 16 | (unsigned)buf[3] << 24;
    return 0;
}

static int send_msg(struct worker *w, SOCKET s, unsigned value)
{
    unsigned char buf[4] = {value & 0xff, (value >> 8) & 0xff, (value >> 16) & 0xff, value >> 24};
    if (send(s, (const char *)buf, 4, 0) != 4) {
        fail(w, "send", 0);
        return -1;
    }
    w->sent++;
    return 0;
}

static int one_round(struct worker *w)
{
    SOCKET a, b;
    WSAEVENT ea, eb, evs[2];
    int shared = w->rounds % 2, abortive = (w->rounds / 2) % 2, i, code = -1;
    DWORD nev = shared ? 1 : 2; /* wait on every event in use, as a legacy loop does */
    unsigned v;
    long bits;

    a = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    ea = WSACreateEvent();
    eb = shared ? ea : WSACreateEvent();
    if (a == INVALID_SOCKET || ea == WSA_INVALID_EVENT || eb == WSA_INVALID_EVENT) {
        fail(w, "socket/WSACreateEvent", 0);
        return -1;
    }
    evs[0] = ea;
    evs[1] = eb;
    /* Non-blocking connect, completed through FD_CONNECT; the listener reports FD_ACCEPT. */
    if (WSAEventSelect(a, ea, FD_CONNECT | FD_READ | FD_WRITE | FD_CLOSE) != 0 ||
        (connect(a, (struct sockaddr *)&w->addr, sizeof(w->addr)) != SOCKET_ERROR) ||
        WSAGetLastError() != WSAEWOULDBLOCK) {
        fail(w, "select/connect", 0);
        return -1;
    }
    if (await(w, a, &ea, 1, ea, FD_CONNECT, NULL) <= 0)
        return -1;
    b = accept(w->listener, NULL, NULL);
    if (b == INVALID_SOCKET) {
        fail(w, "accept", 0);
        return -1;
    }
    /* b inherited the listener's selection; give it its own. */
    if (WSAEventSelect(b, eb, FD_READ | FD_WRITE | FD_CLOSE) != 0) {
        fail(w, "WSAEventSelect(b)", 0);
        return -1;
    }

    for (i = 0; i < MESSAGES; i++) {
        unsigned ping = (unsigned)(w->rounds * MESSAGES + i);
        if (send_msg(w, a, ping) || receive_msg(w, b, evs, nev, eb, &v))
            return -1;
        if (v != ping) {
            fail(w, "ping out of order", (long)v);
            return -1;
        }
        w->received++;
        if (send_msg(w, b, ~ping) || receive_msg(w, a, evs, nev, ea, &v))
            return -1;
        if (v != ~ping) {
            fail(w, "pong out of order", (long)v);
            return -1;
        }
        w->received++;
    }

    /* b closes, gracefully or (every other pair of rounds) with a reset, which also keeps the
     * number of TIME_WAIT connections down: a sees FD_CLOSE once, with 0 or WSAECONNABORTED. */
    if (abortive) {
        struct linger lg = {1, 0};
        setsockopt(b, SOL_SOCKET, SO_LINGER, (const char *)&lg, sizeof(lg));
    }
    closesocket(b);
    bits = await(w, a, evs, nev, ea, FD_CLOSE, &code);
    if (bits <= 0)
        return -1;
    if (code != (abortive ? WSAECONNABORTED : 0))
        fail(w, "FD_CLOSE code", code);
    else
        w->closes++;
    closesocket(a);
    WSACloseEvent(ea);
    if (!shared)
        WSACloseEvent(eb);
    return 0;
}

static DWORD WINAPI work(LPVOID arg)
{
    struct worker *w = arg;
    WSAEVENT lev = WSACreateEvent();
    w->listener = tcp_listener(&w->addr);
    if (w->listener == INVALID_SOCKET || WSAEventSelect(w->listener, lev, FD_ACCEPT) != 0) {
        fail(w, "listener", 0);
        return 0;
    }
    while (now_ms() < stop_at && w->errors == 0 && w->lost == 0) {
        if (one_round(w) != 0)
            break;
        w->rounds++;
    }
    closesocket(w->listener);
    WSACloseEvent(lev);
    return 0;
}

int main(void)
{
    static struct worker workers[THREADS];
    long rounds = 0, sent = 0, received = 0, lost = 0, errors = 0, closes = 0;
    int i, all_ran = 1;

    start_winsock();
    stop_at = now_ms() + SECONDS * 1000;
    for (i = 0; i < THREADS; i++) {
        workers[i].id = i;
        workers[i].thread = CreateThread(NULL, 0, work, &workers[i], 0, NULL);
    }
    for (i = 0; i < THREADS; i++) {
        struct worker *w = &workers[i];
        WaitForSingleObject(w->thread, INFINITE);
        CloseHandle(w->thread);
        printf("# thread %d: %ld rounds, %ld sent, %ld received, %ld lost, %ld errors %s\n", i, w->rounds,
               w->sent, w->received, w->lost, w->errors, w->what);
        rounds += w->rounds;
        sent += w->sent;
        received += w->received;
        lost += w->lost;
        errors += w->errors;
        closes += w->closes;
        if (w->rounds == 0)
            all_ran = 0;
    }
    CHECK(now_ms() >= stop_at, "the threads ran for the whole 30 s");
    CHECK(all_ran, "every thread completed rounds");
    CHECK_EQ(errors, 0, "no unexpected failure in any thread");
    CHECK_EQ(lost, 0, "no lost event: no wait ran into its 5 s timeout");
    CHECK_EQ(received, sent, "every message sent was received, in order");
    CHECK_EQ(closes, rounds, "every connection reported FD_CLOSE once, 0 or WSAECONNABORTED as due");
    CHECK(sent == rounds * MESSAGES * 2, "... and every round exchanged all its messages");
    WSACleanup();
    return check_done();
}

/* ws2mp-test: posix */ /* fork and waitpid */
/* Two processes, one Winsock event loop each side (docs/WINDOWS.md §6): a forked echo server with one
 * event per socket (FD_ACCEPT, FD_READ, FD_WRITE, FD_CLOSE) and forked clients that connect
 * non-blocking (FD_CONNECT), stream 1 MiB each, check every echoed byte and close gracefully.
 * The server buffers what it cannot send (WSAEWOULDBLOCK) and continues on FD_WRITE. */
/* ws2mp-test: timeout=180 */
#include "event_util.h"
#include <sys/wait.h>
#include <unistd.h>

#define CLIENTS 2
#define TOTAL (1 << 20)
#define CAP 65536

static unsigned char pattern(int id, long offset)
{
    return (unsigned char)((offset * 7 + id * 13 + offset / 251) & 0xff);
}

/* ---- client (child process): its result is its exit status --------------------------------- */

static int client(int id, unsigned short port)
{
    SOCKET s;
    WSAEVENT ev;
    WSANETWORKEVENTS ne;
    struct sockaddr_in addr;
    static char out[CAP], in[CAP];
    long sent = 0, got = 0;
    int connected = 0, closed = 0, shut = 0, writable = 0, i, n;
    long long deadline = now_ms() + 120000;
    WSADATA wsaData;

    if (WSAStartup(MAKEWORD(2, 2), &wsaData) != 0)
        return 10;
    s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    ev = WSACreateEvent();
    if (s == INVALID_SOCKET || ev == WSA_INVALID_EVENT)
        return 11;
    if (WSAEventSelect(s, ev, FD_CONNECT | FD_READ | FD_WRITE | FD_CLOSE) != 0)
        return 12;
    loopback(&addr, port);
    if (connect(s, (struct sockaddr *)&addr, sizeof(addr)) != SOCKET_ERROR || WSAGetLastError() != WSAEWOULDBLOCK)
        return 13;

    while (!closed) {
        DWORD r = WSAWaitForMultipleEvents(1, &ev, FALSE, 10000, FALSE);
        if (r != WSA_WAIT_EVENT_0 || now_ms() > deadline) {
            printf("# client %d: wait returned %lu (sent %ld, got %ld)\n", id, (unsigned long)r, sent, got);
            return 14;
        }
        if (WSAEnumNetworkEvents(s, ev, &ne) != 0)
            return 15;
        if (ne.lNetworkEvents & FD_CONNECT) {
            if (ne.iErrorCode[FD_CONNECT_BIT] != 0 || connected)
                return 16;
            connected = 1;
        }
        if (ne.lNetworkEvents & FD_WRITE)
            writable = 1;
        while (writable && sent < TOTAL) {
            int len = (int)(TOTAL - sent < CAP ? TOTAL - sent : CAP);
            for (i = 0; i < len; i++)
                out[i] = (char)pattern(id, sent + i);
            n = send(s, out, len, 0);
            if (n > 0) {
                sent += n;
            } else if (WSAGetLastError() == WSAEWOULDBLOCK) {
                writable = 0; /* FD_WRITE comes back when there is room */
            } else {
                return 17;
            }
        }
        if (sent == TOTAL && !shut) {
            if (shutdown(s, SD_SEND) != 0)
                return 18;
            shut = 1;
        }
        if (ne.lNetworkEvents & FD_READ) {
            n = recv(s, in, sizeof(in), 0);
            if (n > 0) {
                for (i = 0; i < n; i++)
                    if ((unsigned char)in[i] != pattern(id, got + i)) {
                        printf("# client %d: byte %ld differs\n", id, got + i);
                        return 19;
                    }
                got += n;
            } else if (n == SOCKET_ERROR && WSAGetLastError() != WSAEWOULDBLOCK) {
                return 20;
            }
        }
        if (ne.lNetworkEvents & FD_CLOSE) {
            if (ne.iErrorCode[FD_CLOSE_BIT] != 0)
                return 21;
            /* FD_CLOSE comes when the peer's close arrives, possibly before the last data is
               read (as on Windows): read the rest, up to the end of the stream. */
            while ((n = recv(s, in, sizeof(in), 0)) > 0) {
                for (i = 0; i < n; i++)
                    if ((unsigned char)in[i] != pattern(id, got + i)) {
                        printf("# client %d: byte %ld differs\n", id, got + i);
                        return 19;
                    }
                got += n;
            }
            if (n != 0)
                return 23;
            closed = 1;
        }
    }
    if (!connected || got != TOTAL || recv(s, in, 1, 0) != 0) {
        printf("# client %d: connected %d, got %ld of %d\n", id, connected, got, TOTAL);
        return 22;
    }
    closesocket(s);
    WSACloseEvent(ev);
    WSACleanup();
    return 0;
}

/* ---- server (parent process) ------------------------------------------------------------- */

struct conn {
    SOCKET s;
    char buf[CAP];
    int len;
    int peer_done;
    long echoed;
    int closes, close_code;
};

static struct conn conns[CLIENTS];

/* Sends what is buffered, then reads more while there is room (a receive also re-enables
 * FD_READ). Returns -1 on an unexpected error. */
static int pump(struct conn *c)
{
    for (;;) {
        int progress = 0, n;
        if (c->len > 0) {
            n = send(c->s, c->buf, c->len, 0);
            if (n > 0) {
                memmove(c->buf, c->buf + n, c->len - n);
                c->len -= n;
                c->echoed += n;
                progress = 1;
            } else if (WSAGetLastError() != WSAEWOULDBLOCK) {
                return -1;
            }
        }
        if (c->len < CAP && !c->peer_done) {
            n = recv(c->s, c->buf + c->len, CAP - c->len, 0);
            if (n > 0) {
                c->len += n;
                progress = 1;
            } else if (n == SOCKET_ERROR && WSAGetLastError() != WSAEWOULDBLOCK) {
                return -1;
            }
        }
        if (!progress)
            return 0;
    }
}

int main(void)
{
    int fds[2], i, status, children_ok = 1, errors = 0, accepts = 0, accept_events = 0, finished = 0;
    pid_t pids[CLIENTS];
    unsigned short port;
    struct sockaddr_in addr;
    SOCKET l, socks[CLIENTS + 1];
    WSAEVENT events[CLIENTS + 1];
    DWORD n = 1;
    long long deadline;

    REQUIRE(pipe(fds) == 0, "pipe");
    for (i = 0; i < CLIENTS; i++) {
        pids[i] = fork();
        REQUIRE(pids[i] >= 0, "fork a client process");
        if (pids[i] == 0) {
            close(fds[1]);
            if (read(fds[0], &port, sizeof(port)) != sizeof(port))
                _exit(9);
            _exit(client(i, port));
        }
    }
    close(fds[0]);

    start_winsock();
    l = tcp_listener(&addr);
    REQUIRE(l != INVALID_SOCKET, "server listens on loopback");
    port = ntohs(addr.sin_port);
    events[0] = WSACreateEvent();
    socks[0] = l;
    REQUIRE(WSAEventSelect(l, events[0], FD_ACCEPT | FD_CLOSE) == 0, "select the listener");
    for (i = 0; i < CLIENTS; i++)
        REQUIRE(write(fds[1], &port, sizeof(port)) == sizeof(port), "tell a client the port");
    close(fds[1]);

    deadline = now_ms() + 150000;
    while (finished < CLIENTS && now_ms() < deadline) {
        DWORD r = WSAWaitForMultipleEvents(n, events, FALSE, 10000, FALSE), k;
        if (r == WSA_WAIT_TIMEOUT || r == WSA_WAIT_FAILED) {
            printf("# server: wait returned %lu\n", (unsigned long)r);
            errors++;
            break;
        }
        /* Serve the signalled socket and every later one (the usual fairness loop). */
        for (k = r - WSA_WAIT_EVENT_0; k < n; k++) {
            WSANETWORKEVENTS ne;
            struct conn *c = k ? &conns[k - 1] : NULL;
            if (socks[k] == INVALID_SOCKET || WSAEnumNetworkEvents(socks[k], events[k], &ne) != 0)
                continue;
            if (ne.lNetworkEvents & FD_ACCEPT) {
                SOCKET s;
                accept_events++;
                while ((s = accept(l, NULL, NULL)) != INVALID_SOCKET) {
                    if (accepts == CLIENTS) {
                        errors++;
                        closesocket(s);
                        continue;
                    }
                    /* Replace the inherited selection with the connection's own event. */
                    events[n] = WSACreateEvent();
                    socks[n] = s;
                    if (WSAEventSelect(s, events[n], FD_READ | FD_WRITE | FD_CLOSE) != 0)
                        errors++;
                    conns[accepts].s = s;
                    accepts++;
                    n++;
                }
                if (WSAGetLastError() != WSAEWOULDBLOCK)
                    errors++;
            }
            if (!c)
                continue;
            if (ne.lNetworkEvents & FD_CLOSE) {
                c->closes++;
                c->close_code = ne.iErrorCode[FD_CLOSE_BIT];
            }
            if (ne.lNetworkEvents & (FD_READ | FD_WRITE | FD_CLOSE))
                if (pump(c) != 0)
                    errors++;
            if (c->closes && !c->peer_done && c->len == 0) {
                /* FD_CLOSE was seen and pump emptied the buffer: its last recv found the end of
                   the stream (FD_CLOSE may come before the last data is read, as on Windows). */
                char extra;
                if (recv(c->s, &extra, 1, 0) != 0)
                    errors++;
                c->peer_done = 1;
            }
            if (c->peer_done && c->len == 0 && socks[k] != INVALID_SOCKET) {
                closesocket(c->s);
                socks[k] = INVALID_SOCKET;
                finished++;
            }
        }
    }

    CHECK_EQ(accepts, CLIENTS, "the server accepted both clients");
    CHECK(accept_events >= 1 && accept_events <= CLIENTS, "... through one FD_ACCEPT per accept round");
    CHECK_EQ(finished, CLIENTS, "both connections were served to the end");
    CHECK_EQ(errors, 0, "no call failed unexpectedly in the server loop");
    for (i = 0; i < CLIENTS; i++) {
        CHECK_EQ(conns[i].echoed, TOTAL, "the server echoed every byte of a client");
        CHECK_EQ(conns[i].closes, 1, "... saw FD_CLOSE exactly once");
        CHECK_EQ(conns[i].close_code, 0, "... graceful (0)");
    }
    for (i = 0; i < CLIENTS; i++) {
        if (waitpid(pids[i], &status, 0) != pids[i] || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
            printf("# client %d: status %#x\n", i, status);
            children_ok = 0;
        }
    }
    CHECK(children_ok, "both client processes connected (FD_CONNECT 0), got their echo, saw FD_CLOSE 0");

    for (i = 0; i < (int)n; i++) {
        if (socks[i] != INVALID_SOCKET)
            closesocket(socks[i]);
        WSACloseEvent(events[i]);
    }
    WSACleanup();
    return check_done();
}

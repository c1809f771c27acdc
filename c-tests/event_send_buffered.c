/* While a non-blocking TCP socket holds data a send took beyond what the network could take
 * (Windows buffers it; Wine's conformance tests show such sends are never partial), the socket
 * is not writable: sends fail with WSAEWOULDBLOCK, select and WSAPoll do not report it
 * writable, and no FD_WRITE is recorded. Once the data is out, a select or WSAPoll that waits
 * wakes, and after a WSAEWOULDBLOCK FD_WRITE is recorded (WSAEventSelect and
 * WSAAsyncSelect-style loops depend on it), with the peer reading on another thread. A
 * blocking-mode send waits for the buffered data. */
#include "event_util.h"
#include <stdlib.h>

#define BIG (8 * 1024 * 1024)

static char *data;

/* Reads `want` bytes after a pause, from another thread. */
struct reader {
    SOCKET s;
    int want, got, delay_ms;
};

static DWORD WINAPI read_later(LPVOID p)
{
    static char buf[65536];
    struct reader *r = (struct reader *)p;
    int n;
    Sleep(r->delay_ms);
    while (r->got < r->want) {
        n = recv(r->s, buf, sizeof(buf), 0);
        if (n <= 0)
            break;
        r->got += n;
    }
    return 0;
}

static HANDLE start_reader(struct reader *r, SOCKET s, int want, int delay_ms)
{
    r->s = s;
    r->want = want;
    r->got = 0;
    r->delay_ms = delay_ms;
    return CreateThread(NULL, 0, read_later, r, 0, NULL);
}

static int would_block(int n)
{
    return n == SOCKET_ERROR && WSAGetLastError() == WSAEWOULDBLOCK;
}

int main(void)
{
    SOCKET c, s;
    WSAEVENT ev;
    WSANETWORKEVENTS ne;
    fd_set wr;
    struct timeval zero = {0, 0}, five = {5, 0};
    WSAPOLLFD pfd;
    struct reader r;
    HANDLE t;
    u_long on = 1;

    start_winsock();
    data = calloc(1, BIG);
    REQUIRE(data != NULL, "8 MB buffer");

    /* select and WSAPoll. */
    REQUIRE(tcp_pair(&c, &s) == 0, "loopback TCP pair");
    REQUIRE(ioctlsocket(c, FIONBIO, &on) == 0, "FIONBIO");
    CHECK_EQ(send(c, data, BIG, 0), BIG, "8 MB taken by one non-blocking send");
    FD_ZERO(&wr);
    FD_SET(c, &wr);
    CHECK_EQ(select(0, NULL, &wr, NULL, &zero), 0, "select: not writable while the data waits");
    pfd.fd = c;
    pfd.events = POLLWRNORM;
    pfd.revents = 0;
    CHECK_EQ(WSAPoll(&pfd, 1, 0), 0, "WSAPoll: no POLLWRNORM while the data waits");
    CHECK(would_block(send(c, data, 100, 0)), "send: WSAEWOULDBLOCK while the data waits");
    t = start_reader(&r, s, BIG, 200);
    REQUIRE(t != NULL, "reader thread");
    FD_ZERO(&wr);
    FD_SET(c, &wr);
    CHECK_EQ(select(0, NULL, &wr, NULL, &five), 1, "a waiting select wakes once the data is out");
    CHECK(FD_ISSET(c, &wr), "... reporting the socket writable");
    WaitForSingleObject(t, 10000);
    CloseHandle(t);
    CHECK_EQ(r.got, BIG, "the reader got all 8 MB");
    CHECK_EQ(send(c, data, BIG, 0), BIG, "8 MB taken again");
    t = start_reader(&r, s, BIG, 200);
    REQUIRE(t != NULL, "reader thread");
    pfd.revents = 0;
    CHECK_EQ(WSAPoll(&pfd, 1, 5000), 1, "a waiting WSAPoll wakes once the data is out");
    CHECK(pfd.revents & POLLWRNORM, "... with POLLWRNORM");
    WaitForSingleObject(t, 10000);
    CloseHandle(t);
    CHECK_EQ(r.got, BIG, "the reader got all 8 MB");
    closesocket(c);
    closesocket(s);

    /* Back in blocking mode, a send waits for the buffered data, then goes out after it. */
    REQUIRE(tcp_pair(&c, &s) == 0, "loopback TCP pair");
    on = 1;
    REQUIRE(ioctlsocket(c, FIONBIO, &on) == 0, "FIONBIO");
    CHECK_EQ(send(c, data, BIG, 0), BIG, "8 MB taken by one non-blocking send");
    on = 0;
    REQUIRE(ioctlsocket(c, FIONBIO, &on) == 0, "back to blocking");
    t = start_reader(&r, s, BIG + 100, 200);
    REQUIRE(t != NULL, "reader thread");
    CHECK_EQ(send(c, data, 100, 0), 100, "a blocking send waits for the buffered data, then sends");
    WaitForSingleObject(t, 10000);
    CloseHandle(t);
    CHECK_EQ(r.got, BIG + 100, "the reader got everything");
    closesocket(c);
    closesocket(s);

    /* WSAEventSelect: FD_WRITE only after a WSAEWOULDBLOCK, once the data is out. */
    REQUIRE(tcp_pair(&c, &s) == 0, "loopback TCP pair");
    ev = WSACreateEvent();
    REQUIRE(ev != WSA_INVALID_EVENT, "WSACreateEvent");
    REQUIRE(WSAEventSelect(c, ev, FD_WRITE | FD_READ | FD_CLOSE) == 0, "WSAEventSelect");
    CHECK_EQ(wait_and_enum(c, ev, 5000, &ne), FD_WRITE, "FD_WRITE at selection");
    CHECK_EQ(send(c, data, BIG, 0), BIG, "8 MB taken by one send");
    CHECK_EQ(wait_and_enum(c, ev, 300, &ne), 0, "a send that was taken records no FD_WRITE");
    CHECK(would_block(send(c, data, 100, 0)), "the next send: WSAEWOULDBLOCK");
    CHECK_EQ(wait_and_enum(c, ev, 300, &ne), 0, "no FD_WRITE while the data waits");
    t = start_reader(&r, s, BIG, 100);
    REQUIRE(t != NULL, "reader thread");
    CHECK_EQ(wait_and_enum(c, ev, 10000, &ne), FD_WRITE, "FD_WRITE once the data is out");
    CHECK_EQ(ne.iErrorCode[FD_WRITE_BIT], 0, "... with error code 0");
    CHECK_EQ(wait_and_enum(c, ev, 100, &ne), 0, "... once");
    WaitForSingleObject(t, 10000);
    CloseHandle(t);
    CHECK_EQ(r.got, BIG, "the reader got all 8 MB");
    CHECK_EQ(send(c, "ok", 2, 0), 2, "sending works again");

    /* The peer resets while data waits: the next call reports it, and FD_CLOSE carries it. */
    CHECK_EQ(send(c, data, BIG, 0), BIG, "8 MB taken");
    {
        struct linger abortive = {1, 0};
        setsockopt(s, SOL_SOCKET, SO_LINGER, (const char *)&abortive, sizeof(abortive));
        closesocket(s);
    }
    {
        long events = 0, deadline = (long)(now_ms() + 10000);
        while (!(events & FD_CLOSE) && now_ms() < deadline) {
            long got = wait_and_enum(c, ev, 1000, &ne);
            if (got > 0)
                events |= got;
        }
        CHECK(events & FD_CLOSE, "FD_CLOSE after the peer's reset");
        CHECK(ne.iErrorCode[FD_CLOSE_BIT] != 0, "... with an error code");
    }
    {
        int n = send(c, "x", 1, 0);
        CHECK(n == SOCKET_ERROR && (WSAGetLastError() == WSAECONNRESET || WSAGetLastError() == WSAECONNABORTED),
              "a send after the reset fails with it");
    }
    closesocket(c);
    WSACloseEvent(ev);

    free(data);
    WSACleanup();
    return check_done();
}

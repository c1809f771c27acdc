/*
 * The network-event scenarios of conf_events_select.c (WSAEventSelect) and conf_events_message.c
 * (WSAAsyncSelect), written from what Windows is observed to do in Wine's ws2_32 conformance
 * suite (sock.c: the accept, connect, write, read, out-of-band and close event tests). Both
 * models record under one set of rules; where Windows treats them differently (a window
 * message is posted again when the socket is selected again, an event object is not signalled
 * again; new data while FD_READ waits for its recv), each scenario says which model expects
 * what.
 *
 * The including file defines BY_MESSAGE as 0 or 1 before including this header.
 */
#ifndef WS2MP_CONF_EVENTS_SCENARIOS_H
#define WS2MP_CONF_EVENTS_SCENARIOS_H

#include <winsock2.h>
#include <windows.h>
#include <mswsock.h>
#include <stdio.h>
#include <string.h>
#include "check.h"

#define NOTIFY_MSG (WM_USER + 40)

/* Every event a scenario selects, and the same without one bit. */
#define ALL_EVENTS (FD_ACCEPT | FD_CLOSE | FD_CONNECT | FD_OOB | FD_READ | FD_WRITE)

/* What one notification carries: the event in the low word, the error in the high word. */
#define NOTE(ev, err) ((long)WSAMAKESELECTREPLY((ev), (err)))

struct watch {
    WSAEVENT event; /* the event object (WSAEventSelect) */
    HWND window;    /* the window (WSAAsyncSelect) */
    SOCKET sock;    /* the socket the next expectation is about */
};

static struct watch W;

static void watch_begin(void)
{
    WSADATA wd;
    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wd) == 0, "WSAStartup");
    if (BY_MESSAGE) {
        W.window = CreateWindowA("Message", NULL, 0, 0, 0, 0, 0, HWND_MESSAGE, NULL, NULL, NULL);
        REQUIRE(W.window != NULL, "a message-only window for the notifications");
    } else {
        W.event = WSACreateEvent();
        REQUIRE(W.event != WSA_INVALID_EVENT, "WSACreateEvent");
    }
}

static void watch_end(void)
{
    if (BY_MESSAGE)
        DestroyWindow(W.window);
    else
        WSACloseEvent(W.event);
    WSACleanup();
}

/* Selects `events` on s with the model under test; s becomes the socket expectations are about. */
static void watch_select(SOCKET s, long events)
{
    int r;
    if (BY_MESSAGE)
        r = WSAAsyncSelect(s, W.window, NOTIFY_MSG, events);
    else
        r = WSAEventSelect(s, W.event, events);
    CHECK_EQ(r == 0 ? 0 : WSAGetLastError(), 0, "the selection is accepted");
    W.sock = s;
}

/* Takes one notification for the watched window, waiting up to wait_ms for it: its lParam, or
 * -1 when none came (-2: it named another socket). */
static long next_message(DWORD wait_ms)
{
    MSG msg;
    BOOL got = PeekMessageA(&msg, W.window, NOTIFY_MSG, NOTIFY_MSG, PM_REMOVE);
    while (!got && MsgWaitForMultipleObjects(0, NULL, FALSE, wait_ms, QS_POSTMESSAGE) == WAIT_OBJECT_0)
        got = PeekMessageA(&msg, W.window, NOTIFY_MSG, NOTIFY_MSG, PM_REMOVE);
    if (!got)
        return -1;
    if (msg.wParam != (WPARAM)W.sock)
        return -2;
    return (long)msg.lParam;
}

/*
 * Expects the notifications `first` then `second` (NOTE values, 0 for none) within wait_ms,
 * and nothing more. With an event object: the event is signalled (or, when nothing is
 * expected, stays unsignalled for wait_ms) and WSAEnumNetworkEvents reports exactly those
 * events with those codes. With a window: those messages in that order, then none queued.
 */
static void expect_(long first, long second, DWORD wait_ms, const char *what, int line)
{
    char text[200];
    if (BY_MESSAGE) {
        long got;
        if (first) {
            got = next_message(wait_ms);
            snprintf(text, sizeof text, "%s: first message", what);
            check_report_(got == first, text, got, __FILE__, line);
        }
        if (second) {
            got = next_message(wait_ms);
            snprintf(text, sizeof text, "%s: second message", what);
            check_report_(got == second, text, got, __FILE__, line);
        }
        got = next_message(0);
        snprintf(text, sizeof text, "%s: no other message", what);
        check_report_(got == -1, text, got, __FILE__, line);
    } else {
        WSANETWORKEVENTS ne;
        long want = (long)LOWORD(first | second);
        DWORD r = WSAWaitForMultipleEvents(1, &W.event, FALSE, wait_ms, FALSE);
        int i;
        snprintf(text, sizeof text, "%s: the event is %s", what, want ? "signalled" : "not signalled");
        check_report_(r == (want ? WSA_WAIT_EVENT_0 : WSA_WAIT_TIMEOUT), text, (long)r, __FILE__, line);
        memset(&ne, 0x5a, sizeof ne);
        r = (DWORD)WSAEnumNetworkEvents(W.sock, W.event, &ne);
        snprintf(text, sizeof text, "%s: WSAEnumNetworkEvents succeeds", what);
        check_report_(r == 0, text, r == 0 ? 0 : WSAGetLastError(), __FILE__, line);
        snprintf(text, sizeof text, "%s: the recorded events", what);
        check_report_(ne.lNetworkEvents == want, text, ne.lNetworkEvents, __FILE__, line);
        for (i = 0; i < FD_MAX_EVENTS; i++) {
            long bit = 1L << i;
            long note = (LOWORD(first) == bit) ? first : (LOWORD(second) == bit) ? second : 0;
            if (!note || !(ne.lNetworkEvents & bit))
                continue;
            snprintf(text, sizeof text, "%s: the error code of event 0x%lx", what, bit);
            check_report_(ne.iErrorCode[i] == HIWORD(note), text, ne.iErrorCode[i], __FILE__, line);
        }
    }
}
#define EXPECT(first, second, wait_ms, what) expect_((first), (second), (wait_ms), (what), __LINE__)

/* Lets an arrival whose recording differs from Windows settle, and clears what it left
 * (the next expectation starts from an empty record). */
static void settle(void)
{
    WSANETWORKEVENTS ne;
    Sleep(200);
    if (!BY_MESSAGE)
        WSAEnumNetworkEvents(W.sock, W.event, &ne);
}
/* The same expectation for one model only; the other expects nothing at that point. */
#define EXPECT_MSG_ONLY(first, wait_ms, what) \
    do { if (BY_MESSAGE) EXPECT((first), 0, (wait_ms), (what)); } while (0)

/* A listener on 127.0.0.1 and a fresh port (in *where), not yet listening when listen_now is 0. */
static SOCKET make_listener(struct sockaddr_in *where, int listen_now)
{
    SOCKET l = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    int len = sizeof(*where);
    REQUIRE(l != INVALID_SOCKET, "a listening socket");
    memset(where, 0, sizeof(*where));
    where->sin_family = AF_INET;
    where->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(bind(l, (struct sockaddr *)where, sizeof(*where)) == 0, "bind the listener");
    REQUIRE(getsockname(l, (struct sockaddr *)where, &len) == 0, "the listener's address");
    if (listen_now)
        REQUIRE(listen(l, 4) == 0, "listen");
    return l;
}

static SOCKET connect_to(const struct sockaddr_in *where)
{
    SOCKET c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    REQUIRE(c != INVALID_SOCKET, "a client socket");
    REQUIRE(connect(c, (const struct sockaddr *)where, sizeof(*where)) == 0, "connect to the listener");
    return c;
}

/* A connected pair over loopback (both blocking until a selection changes that). */
static void make_pair(SOCKET *client, SOCKET *server)
{
    struct sockaddr_in where;
    SOCKET l = make_listener(&where, 1);
    *client = connect_to(&where);
    *server = accept(l, NULL, NULL);
    REQUIRE(*server != INVALID_SOCKET, "accept the pair's server side");
    closesocket(l);
}

static void set_nonblocking(SOCKET s)
{
    u_long on = 1;
    ioctlsocket(s, FIONBIO, &on);
}

/* Resets a connection: linger on with no time, then close. */
static void close_abortive(SOCKET s)
{
    struct linger lg;
    lg.l_onoff = 1;
    lg.l_linger = 0;
    CHECK(setsockopt(s, SOL_SOCKET, SO_LINGER, (const char *)&lg, sizeof lg) == 0, "SO_LINGER 0");
    closesocket(s);
}

/* recv on a selected (so non-blocking) socket, waiting up to a second for data. */
static int recv_waiting(SOCKET s, char *buf, int len, int flags)
{
    int tries, n = SOCKET_ERROR;
    for (tries = 0; tries < 100; tries++) {
        n = recv(s, buf, len, flags);
        if (n != SOCKET_ERROR || WSAGetLastError() != WSAEWOULDBLOCK)
            break;
        Sleep(10);
    }
    return n;
}

/* ---- FD_ACCEPT ------------------------------------------------------------------------------ */

static void accept_events(void)
{
    const long sel = FD_CONNECT | FD_READ | FD_OOB | FD_ACCEPT;
    struct sockaddr_in where;
    SOCKET l, c1, c2, c, s;

    /* Selected before listen: nothing to tell yet. */
    l = make_listener(&where, 0);
    watch_select(l, sel);
    REQUIRE(listen(l, 4) == 0, "listen after the selection");
    EXPECT(0, 0, 0, "accept: a listener without connections");

    c1 = connect_to(&where);
    EXPECT(FD_ACCEPT, 0, 200, "accept: a connection arrives");
    EXPECT(0, 0, 0, "accept: told once");
    watch_select(l, sel);
    EXPECT_MSG_ONLY(FD_ACCEPT, 200, "accept: selected again, a window is told again");
    EXPECT(0, 0, 0, "accept: selected again");
    watch_select(l, 0);
    watch_select(l, sel);
    EXPECT_MSG_ONLY(FD_ACCEPT, 200, "accept: cancelled and selected again, a window is told again");
    EXPECT(0, 0, 0, "accept: cancelled and selected again");

    /* A second connection while the first waits: an event object records FD_ACCEPT anew, a
     * window is told nothing new. (On macOS ws2mp cannot tell a new connection from one that
     * waits, docs/PORTING.md: the arrival only settles there.) */
    c2 = connect_to(&where);
#ifndef __APPLE__
    if (!BY_MESSAGE)
        EXPECT(FD_ACCEPT, 0, 200, "accept: a second connection while the first waits (event)");
#else
    if (!BY_MESSAGE)
        settle();
#endif
    EXPECT(0, 0, 0, "accept: after the second connection");

    s = accept(l, NULL, NULL);
    CHECK(s != INVALID_SOCKET, "accept the first");
    closesocket(s);
    EXPECT(FD_ACCEPT, 0, 200, "accept: one still waits after accept");
    EXPECT(0, 0, 0, "accept: once");
    s = accept(l, NULL, NULL);
    CHECK(s != INVALID_SOCKET, "accept the second");
    closesocket(s);
    EXPECT(0, 0, 0, "accept: none waits");
    closesocket(c2);
    closesocket(c1);

    c = connect_to(&where);
    EXPECT(FD_ACCEPT, 0, 200, "accept: a third connection");
    s = accept(l, NULL, NULL);
    closesocket(s);
    closesocket(c);
    EXPECT(0, 0, 200, "accept: accepted");
    closesocket(l);

    /* The connection is there before the selection. */
    l = make_listener(&where, 1);
    c = connect_to(&where);
    watch_select(l, sel);
    EXPECT(FD_ACCEPT, 0, 200, "accept: connected before the selection");
    s = accept(l, NULL, NULL);
    closesocket(s);
    closesocket(c);

    if (!BY_MESSAGE) {
        /* A selection leaves the event object as it is: a signal stays until reset. */
        watch_select(l, sel);
        c = connect_to(&where);
        CHECK_EQ(WSAWaitForMultipleEvents(1, &W.event, FALSE, 200, FALSE), WSA_WAIT_EVENT_0,
                 "accept: signalled for the connection");
        watch_select(l, sel & ~FD_ACCEPT);
        CHECK_EQ(WSAWaitForMultipleEvents(1, &W.event, FALSE, 0, FALSE), WSA_WAIT_EVENT_0,
                 "accept: a new selection does not reset the event");
        WSAResetEvent(W.event);
        watch_select(l, sel & ~FD_ACCEPT);
        CHECK_EQ(WSAWaitForMultipleEvents(1, &W.event, FALSE, 0, FALSE), WSA_WAIT_TIMEOUT,
                 "accept: a selection without FD_ACCEPT does not signal");
        watch_select(l, sel);
        CHECK_EQ(WSAWaitForMultipleEvents(1, &W.event, FALSE, 0, FALSE), WSA_WAIT_EVENT_0,
                 "accept: selecting FD_ACCEPT again signals at once");
        EXPECT(FD_ACCEPT, 0, 0, "accept: recorded by the selection");
        s = accept(l, NULL, NULL);
        closesocket(s);
        closesocket(c);
    }

    /* A connection arrives while FD_ACCEPT is not selected. */
    watch_select(l, sel & ~FD_ACCEPT);
    c = connect_to(&where);
    watch_select(l, sel);
    EXPECT(FD_ACCEPT, 0, 200, "accept: arrived while not selected");
    s = accept(l, NULL, NULL);
    closesocket(s);
    closesocket(c);

    /* ... and is accepted before FD_ACCEPT is selected. */
    watch_select(l, sel & ~FD_ACCEPT);
    c = connect_to(&where);
    Sleep(200);
    s = accept(l, NULL, NULL);
    CHECK(s != INVALID_SOCKET, "accept before selecting");
    watch_select(l, sel);
    EXPECT(0, 0, 200, "accept: accepted before the selection");
    closesocket(s);
    closesocket(c);
    closesocket(l);

    /* The accepted socket takes the listener's selection: it can send at once. */
    l = make_listener(&where, 1);
    c = connect_to(&where);
    watch_select(l, sel | FD_WRITE);
    EXPECT(FD_ACCEPT, 0, 200, "accept: the listener with FD_WRITE selected");
    s = accept(l, NULL, NULL);
    REQUIRE(s != INVALID_SOCKET, "accept the inheriting socket");
    W.sock = s;
    EXPECT(FD_WRITE, 0, 200, "accept: the accepted socket can send");
    EXPECT(0, 0, 0, "accept: the accepted socket, once");
    closesocket(s);
    closesocket(c);

    /* A connection taken by a pending AcceptEx is not told as FD_ACCEPT. */
    {
        GUID guid = WSAID_ACCEPTEX;
        LPFN_ACCEPTEX accept_ex = NULL;
        DWORD size = 0;
        char addrs[2 * (sizeof(struct sockaddr_in) + 16)];
        WSAOVERLAPPED ov;
        CHECK(WSAIoctl(l, SIO_GET_EXTENSION_FUNCTION_POINTER, &guid, sizeof guid, &accept_ex,
                       sizeof accept_ex, &size, NULL, NULL) == 0, "accept: AcceptEx");
        watch_select(l, sel);
        memset(&ov, 0, sizeof ov);
        ov.hEvent = WSACreateEvent();
        s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        CHECK(accept_ex && !accept_ex(l, s, addrs, 0, sizeof(addrs) / 2, sizeof(addrs) / 2, &size, &ov) &&
                  WSAGetLastError() == WSA_IO_PENDING,
              "accept: AcceptEx waits");
        c = connect_to(&where);
        CHECK_EQ(WSAWaitForMultipleEvents(1, &ov.hEvent, FALSE, 1000, FALSE), WSA_WAIT_EVENT_0,
                 "accept: AcceptEx completes");
        EXPECT(0, 0, 0, "accept: the connection AcceptEx took");
        closesocket(s);
        closesocket(c);
        c = connect_to(&where);
        EXPECT(FD_ACCEPT, 0, 200, "accept: the next connection, with no AcceptEx pending");
        EXPECT(0, 0, 0, "accept: the next connection, once");
        s = accept(l, NULL, NULL);
        closesocket(s);
        closesocket(c);
        WSACloseEvent(ov.hEvent);
    }
    closesocket(l);
}

/* ---- FD_CONNECT ----------------------------------------------------------------------------- */

static void connect_events(void)
{
    const long no_close = FD_ACCEPT | FD_CONNECT | FD_OOB | FD_READ | FD_WRITE;
    struct sockaddr_in where, any;
    SOCKET l, c, s, u, peer;
    int r, len;

    l = make_listener(&where, 1);

    c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    watch_select(c, ALL_EVENTS);
    EXPECT(0, 0, 0, "connect: a socket that is not connected");
    r = connect(c, (struct sockaddr *)&where, sizeof where);
    CHECK(r == 0 || WSAGetLastError() == WSAEWOULDBLOCK, "connect: started");
    EXPECT(FD_CONNECT, FD_WRITE, 200, "connect: connected, can send");
    EXPECT(0, 0, 0, "connect: told once");
    watch_select(c, 0);
    watch_select(c, ALL_EVENTS);
    EXPECT_MSG_ONLY(FD_WRITE, 200, "connect: selected again, a window is told it can send");
    EXPECT(0, 0, 0, "connect: selected again");

    s = accept(l, NULL, NULL);
    REQUIRE(s != INVALID_SOCKET, "accept");
    watch_select(s, no_close);
    EXPECT(FD_WRITE, 0, 200, "connect: the accepted side can send, no FD_CONNECT");
    closesocket(c);
    closesocket(s);

    /* Connected (and data sent) before the selection. */
    c = connect_to(&where);
    s = accept(l, NULL, NULL);
    CHECK_EQ(send(c, "data", 5, 0), 5, "send before selecting");
    watch_select(c, ALL_EVENTS);
    if (BY_MESSAGE)
        EXPECT(FD_WRITE, 0, 200, "connect: connected before the selection (window)");
    else
        EXPECT(FD_CONNECT, FD_WRITE, 200, "connect: connected before the selection (event)");
    closesocket(c);
    closesocket(s);

    /* FD_CONNECT is selected only after the connection. */
    c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    watch_select(c, ALL_EVENTS & ~FD_CONNECT);
    r = connect(c, (struct sockaddr *)&where, sizeof where);
    CHECK(r == 0 || WSAGetLastError() == WSAEWOULDBLOCK, "connect without FD_CONNECT selected");
    s = accept(l, NULL, NULL);
    EXPECT(FD_WRITE, 0, 200, "connect: without FD_CONNECT selected");
    watch_select(c, no_close);
    if (BY_MESSAGE)
        EXPECT(FD_WRITE, 0, 200, "connect: FD_CONNECT selected afterwards (window)");
    else
        EXPECT(FD_CONNECT, 0, 200, "connect: FD_CONNECT selected afterwards (event)");
    closesocket(c);
    closesocket(s);
    closesocket(l);

    /* A refused connection: FD_CONNECT carries WSAECONNREFUSED, and no FD_WRITE follows. */
    l = make_listener(&where, 0);
    c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    watch_select(c, ALL_EVENTS);
    r = connect(c, (struct sockaddr *)&where, sizeof where);
    CHECK(r == SOCKET_ERROR && WSAGetLastError() == WSAEWOULDBLOCK, "connect: a refused connect starts");
    EXPECT(NOTE(FD_CONNECT, WSAECONNREFUSED), 0, 5000, "connect: refused");
    EXPECT(0, 0, 200, "connect: refused, nothing more");
    closesocket(c);
    closesocket(l);

    /* Datagram sockets. */
    u = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    peer = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    watch_select(u, no_close);
    EXPECT_MSG_ONLY(FD_WRITE, 200, "connect: an unbound datagram socket (window)");
    EXPECT(0, 0, 0, "connect: an unbound datagram socket");
    memset(&any, 0, sizeof any);
    any.sin_family = AF_INET;
    any.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    CHECK(bind(peer, (struct sockaddr *)&any, sizeof any) == 0, "bind the datagram peer");
    len = sizeof where;
    getsockname(peer, (struct sockaddr *)&where, &len);
    CHECK(connect(u, (struct sockaddr *)&where, sizeof where) == 0, "connect the datagram socket");
    if (BY_MESSAGE)
        EXPECT(FD_WRITE, 0, 200, "connect: a datagram socket connects (window)");
    else
        EXPECT(FD_CONNECT, FD_WRITE, 200, "connect: a datagram socket connects (event)");
    EXPECT(0, 0, 0, "connect: the datagram socket, once");
    closesocket(u);
    closesocket(peer);
}

/* ---- FD_WRITE ------------------------------------------------------------------------------- */

static void write_events(void)
{
    static char big[1024 * 1024];
    SOCKET c, s;
    int n, sends = 0, short_sends = 0;

    make_pair(&c, &s);
    set_nonblocking(c);
    watch_select(s, ALL_EVENTS);
    EXPECT(FD_WRITE, 0, 200, "write: a connected socket can send");
    EXPECT(0, 0, 0, "write: told once");
    watch_select(s, ALL_EVENTS);
    EXPECT_MSG_ONLY(FD_WRITE, 200, "write: selected again, a window is told again");
    EXPECT(0, 0, 0, "write: selected again");
    watch_select(s, 0);
    watch_select(s, ALL_EVENTS);
    EXPECT_MSG_ONLY(FD_WRITE, 200, "write: cancelled and selected again, a window is told again");
    EXPECT(0, 0, 0, "write: cancelled and selected again");

    CHECK_EQ(send(s, "data", 5, 0), 5, "a send that fits");
    EXPECT(0, 0, 0, "write: a send that succeeds");
    CHECK_EQ(recv_waiting(c, big, 16, 0), 5, "the peer reads it");
    EXPECT(0, 0, 0, "write: the peer read");

    /* Fill the connection until a send would block, then let the peer drain it. */
    while ((n = send(s, big, sizeof big, 0)) > 0) {
        ++sends;
        if (n != (int)sizeof big)
            ++short_sends;
        if (sends > 1000)
            break;
    }
    CHECK_EQ(n, SOCKET_ERROR, "write: the connection fills up");
    CHECK_EQ(WSAGetLastError(), WSAEWOULDBLOCK, "write: the send that does not fit would block");
    CHECK_EQ(short_sends, 0, "write: a non-blocking send takes all of its buffer or nothing");
    /* Drain until nothing more comes for a while (what is still on its way keeps coming). */
    for (n = 0; n < 10;) {
        if (recv(c, big, sizeof big, 0) > 0) {
            n = 0;
        } else {
            if (WSAGetLastError() != WSAEWOULDBLOCK)
                break;
            ++n;
            Sleep(20);
        }
    }
    CHECK_EQ(WSAGetLastError(), WSAEWOULDBLOCK, "write: drained");
    EXPECT(FD_WRITE, 0, 1000, "write: room again after WSAEWOULDBLOCK");
    EXPECT(0, 0, 0, "write: room again, once");
    watch_select(s, 0);
    watch_select(s, ALL_EVENTS);
    EXPECT_MSG_ONLY(FD_WRITE, 200, "write: selected again after the drain (window)");
    EXPECT(0, 0, 0, "write: selected again after the drain");
    closesocket(s);
    closesocket(c);

    /* FD_WRITE is selected only after the connection. */
    make_pair(&c, &s);
    set_nonblocking(c);
    CHECK_EQ(send(c, "data", 5, 0), 5, "send before selecting");
    watch_select(c, FD_ACCEPT | FD_CONNECT | FD_OOB | FD_READ);
    if (!BY_MESSAGE)
        EXPECT(FD_CONNECT, 0, 200, "write: without FD_WRITE, the connection is told (event)");
    EXPECT(0, 0, 0, "write: without FD_WRITE");
    watch_select(c, FD_ACCEPT | FD_CONNECT | FD_OOB | FD_READ | FD_WRITE);
    EXPECT(FD_WRITE, 0, 200, "write: FD_WRITE selected afterwards");
    EXPECT(0, 0, 0, "write: FD_WRITE selected afterwards, once");
    closesocket(c);
    closesocket(s);

    /* A successful send does not take back an FD_WRITE already recorded. */
    make_pair(&c, &s);
    watch_select(s, FD_ACCEPT | FD_CONNECT | FD_OOB | FD_READ | FD_WRITE);
    CHECK_EQ(send(s, "data", 5, 0), 5, "send right after selecting");
    EXPECT(FD_WRITE, 0, 200, "write: recorded before the send, still there");
    closesocket(s);
    closesocket(c);
}

/* ---- FD_READ -------------------------------------------------------------------------------- */

static void read_events(void)
{
    const long sel = FD_ACCEPT | FD_CLOSE | FD_CONNECT | FD_OOB | FD_READ;
    SOCKET c, s;
    char buf[16];
    WSAPOLLFD pfd;
    WSAOVERLAPPED ov;
    WSABUF wb;
    DWORD got = 0, flags = 0;
    int i, r;

    make_pair(&c, &s);
    set_nonblocking(c);
    watch_select(s, sel);
    EXPECT(0, 0, 0, "read: nothing to read");
    CHECK_EQ(send(c, "data", 5, 0), 5, "the peer sends");
    EXPECT(FD_READ, 0, 200, "read: data arrives");
    EXPECT(0, 0, 0, "read: told once");
    watch_select(s, sel);
    EXPECT_MSG_ONLY(FD_READ, 200, "read: selected again, a window is told again");
    EXPECT(0, 0, 0, "read: selected again");
    watch_select(s, 0);
    watch_select(s, sel);
    EXPECT_MSG_ONLY(FD_READ, 200, "read: cancelled and selected again, a window is told again");
    EXPECT(0, 0, 0, "read: cancelled and selected again");

    /* More data before the program reads: a window is told nothing new. (Windows records
     * FD_READ anew for an event object; ws2mp does not until the recv, see docs/PORTING.md.) */
    CHECK_EQ(send(c, "data", 5, 0), 5, "the peer sends more");
    if (BY_MESSAGE)
        EXPECT(0, 0, 0, "read: more data arrives before a recv (window)");
    else
        settle();

    CHECK_EQ(recv(s, buf, 2, 0), 2, "read part of it");
    EXPECT(FD_READ, 0, 200, "read: data left after recv");
    EXPECT(0, 0, 0, "read: data left after recv, once");

    r = recv(s, buf, -1, 0);
    CHECK_EQ(r, SOCKET_ERROR, "recv with a negative length fails");
    CHECK_EQ(WSAGetLastError(), WSAEFAULT, "recv with a negative length: WSAEFAULT");
    EXPECT_MSG_ONLY(FD_READ, 200, "read: the refused recv, a window is told again");
    EXPECT(0, 0, 0, "read: the refused recv");

    for (i = 0; i < 8; i++) {
        CHECK_EQ(recv_waiting(s, buf, 1, 0), 1, "read one byte");
        if (i < 7)
            EXPECT(FD_READ, 0, 200, "read: a byte at a time, more is left");
        EXPECT(0, 0, 0, "read: a byte at a time");
    }

    /* Data arrives while the socket is not selected. */
    watch_select(s, 0);
    CHECK_EQ(send(c, "data", 5, 0), 5, "send while not selected");
    watch_select(s, sel);
    EXPECT(FD_READ, 0, 200, "read: arrived while not selected");
    CHECK_EQ(recv_waiting(s, buf, 5, 0), 5, "read it");

    watch_select(s, 0);
    CHECK_EQ(send(c, "data", 5, 0), 5, "send while not selected, again");
    CHECK_EQ(recv_waiting(s, buf, 5, 0), 5, "read it before selecting");
    watch_select(s, sel & ~FD_CLOSE);
    EXPECT(0, 0, 200, "read: read before the selection");

    /* Data arrives while the program polls, not selected: enumerating reports nothing and
     * keeps what a later selection finds. */
    watch_select(s, 0);
    CHECK_EQ(send(c, "data", 5, 0), 5, "send while polling");
    pfd.fd = s;
    pfd.events = POLLIN;
    pfd.revents = 0;
    CHECK_EQ(WSAPoll(&pfd, 1, 1000), 1, "WSAPoll sees the data");
    EXPECT(0, 0, 0, "read: enumerated while not selected");
    watch_select(s, FD_ACCEPT | FD_CONNECT | FD_OOB | FD_READ | FD_WRITE);
    EXPECT(FD_READ, FD_WRITE, 200, "read: selected after polling, with FD_WRITE first selected");
    EXPECT(0, 0, 0, "read: selected after polling, once");
    CHECK_EQ(recv_waiting(s, buf, 5, 0), 5, "read it");

    /* Data that completes a pending overlapped receive is not reported. */
    watch_select(s, sel);
    memset(&ov, 0, sizeof ov);
    ov.hEvent = WSACreateEvent();
    wb.buf = buf;
    wb.len = 1;
    r = WSARecv(s, &wb, 1, NULL, &flags, &ov, NULL);
    CHECK(r == SOCKET_ERROR && WSAGetLastError() == WSA_IO_PENDING, "an overlapped receive waits");
    CHECK_EQ(send(c, "a", 1, 0), 1, "send one byte");
    CHECK_EQ(WSAWaitForMultipleEvents(1, &ov.hEvent, FALSE, 1000, FALSE), WSA_WAIT_EVENT_0,
             "the overlapped receive completes");
    CHECK(WSAGetOverlappedResult(s, &ov, &got, FALSE, &flags) && got == 1, "with the byte");
    EXPECT(0, 0, 0, "read: taken by the overlapped receive");
    CHECK_EQ(send(c, "a", 1, 0), 1, "send another byte");
    EXPECT(FD_READ, 0, 200, "read: the next byte");
    EXPECT(0, 0, 0, "read: the next byte, once");
    WSACloseEvent(ov.hEvent);
    closesocket(s);
    closesocket(c);
}

/* ---- FD_OOB --------------------------------------------------------------------------------- */

static void oob_events(void)
{
    const long sel = FD_ACCEPT | FD_CLOSE | FD_CONNECT | FD_OOB | FD_READ;
    SOCKET c, s;
    char b;

    make_pair(&c, &s);
    set_nonblocking(c);
    watch_select(s, sel);
    EXPECT(0, 0, 0, "oob: nothing urgent");
    CHECK_EQ(send(c, "a", 1, MSG_OOB), 1, "send an urgent byte");
    EXPECT(FD_OOB, 0, 200, "oob: urgent data arrives");
    EXPECT(0, 0, 0, "oob: told once");
    watch_select(s, sel);
    EXPECT_MSG_ONLY(FD_OOB, 200, "oob: selected again, a window is told again");
    EXPECT(0, 0, 0, "oob: selected again");
    watch_select(s, 0);
    watch_select(s, sel);
    EXPECT_MSG_ONLY(FD_OOB, 200, "oob: cancelled and selected again, a window is told again");
    EXPECT(0, 0, 0, "oob: cancelled and selected again");

    /* A second urgent byte before the first is read: a window is told nothing new. (Windows
     * records FD_OOB anew for an event object; ws2mp does not, see docs/PORTING.md.) */
    CHECK_EQ(send(c, "b", 1, MSG_OOB), 1, "send a second urgent byte");
    if (BY_MESSAGE)
        EXPECT(0, 0, 0, "oob: a second urgent byte (window)");
    else
        settle();
    CHECK_EQ(recv(s, &b, 1, MSG_OOB), 1, "read the urgent byte");
    closesocket(s);
    closesocket(c);

    /* Urgent data arrives while the socket is not selected. */
    make_pair(&c, &s);
    watch_select(s, 0);
    CHECK_EQ(send(c, "a", 1, MSG_OOB), 1, "send an urgent byte while not selected");
    Sleep(50);
    watch_select(s, sel);
    EXPECT(FD_OOB, 0, 200, "oob: arrived while not selected");
    CHECK_EQ(recv(s, &b, 1, MSG_OOB), 1, "read it");
    closesocket(s);
    closesocket(c);
}

/* ---- FD_CLOSE ------------------------------------------------------------------------------- */

static void close_events(void)
{
    const long sel = FD_ACCEPT | FD_CLOSE | FD_CONNECT | FD_OOB | FD_READ;
    SOCKET c, s;
    char buf[8];

    make_pair(&c, &s);
    watch_select(s, sel);
    closesocket(c);
    EXPECT(FD_CLOSE, 0, 1000, "close: the peer closes");
    EXPECT(0, 0, 0, "close: told once");
    watch_select(s, sel);
    EXPECT_MSG_ONLY(FD_CLOSE, 200, "close: selected again, a window is told again");
    EXPECT(0, 0, 0, "close: selected again");
    watch_select(s, 0);
    watch_select(s, sel);
    EXPECT_MSG_ONLY(FD_CLOSE, 200, "close: cancelled and selected again, a window is told again");
    EXPECT(0, 0, 0, "close: cancelled and selected again");
    CHECK_EQ(recv(s, buf, 5, 0), 0, "close: recv finds the end");
    EXPECT(0, 0, 0, "close: after reading the end");
    closesocket(s);

    /* The peer shuts down sending, then closes. */
    make_pair(&c, &s);
    watch_select(s, sel);
    shutdown(c, SD_SEND);
    EXPECT(FD_CLOSE, 0, 1000, "close: the peer shuts down sending");
    EXPECT(0, 0, 0, "close: shut down, once");
    closesocket(c);
    EXPECT(0, 0, 0, "close: the peer closes after its shutdown");
    closesocket(s);

    /* The program's own shutdowns record nothing. (The peer's FIN after them is FD_CLOSE on
     * Windows; ws2mp cannot see it then, see docs/PORTING.md.) */
    make_pair(&c, &s);
    watch_select(s, sel);
    shutdown(c, SD_RECEIVE);
    shutdown(s, SD_BOTH);
    EXPECT(0, 0, 200, "close: shutdowns that send no FIN to the watched socket");
    closesocket(s);
    closesocket(c);

    /* Data, then the close: FD_CLOSE comes while data is unread. (Not on macOS, where ws2mp
     * learns of the close only with the data: docs/PORTING.md.) */
#ifndef __APPLE__
    make_pair(&c, &s);
    watch_select(s, sel);
    CHECK_EQ(send(c, "data", 5, 0), 5, "the peer sends");
    EXPECT(FD_READ, 0, 200, "close: data first");
    closesocket(c);
    EXPECT(FD_CLOSE, 0, 200, "close: the close behind unread data");
    CHECK_EQ(recv(s, buf, 3, 0), 3, "read part of the data");
    EXPECT(FD_READ, 0, 200, "close: data left behind the close");
    CHECK_EQ(recv(s, buf, 5, 0), 2, "read the rest");
    EXPECT(0, 0, 0, "close: all read");
    closesocket(s);
#endif

    /* Closed before the selection. */
    make_pair(&c, &s);
    closesocket(c);
    Sleep(50);
    watch_select(s, sel);
    EXPECT(FD_CLOSE, 0, 200, "close: closed before the selection");
    closesocket(s);

    /* Closed while FD_CLOSE is not selected. */
    make_pair(&c, &s);
    watch_select(s, sel & ~FD_CLOSE);
    closesocket(c);
    EXPECT(0, 0, 200, "close: FD_CLOSE not selected");
    watch_select(s, sel);
    EXPECT(FD_CLOSE, 0, 200, "close: FD_CLOSE selected afterwards");
    closesocket(s);

    /* The peer resets the connection: FD_CLOSE with WSAECONNABORTED. */
    make_pair(&c, &s);
    watch_select(s, sel);
    close_abortive(c);
    EXPECT(NOTE(FD_CLOSE, WSAECONNABORTED), 0, 1000, "close: the peer resets");
    EXPECT(0, 0, 0, "close: reset, once");
    watch_select(s, sel);
    EXPECT_MSG_ONLY(NOTE(FD_CLOSE, WSAECONNABORTED), 200, "close: reset, selected again (window)");
    EXPECT(0, 0, 0, "close: reset, selected again");
    watch_select(s, 0);
    watch_select(s, sel);
    EXPECT_MSG_ONLY(NOTE(FD_CLOSE, WSAECONNABORTED), 200, "close: reset, cancelled and selected again (window)");
    EXPECT(0, 0, 0, "close: reset, cancelled and selected again");
    closesocket(s);
}

/* ---- WSAEnumNetworkEvents straight after the selection (event objects) ------------------- */

/* Selects FD_READ | FD_WRITE and enumerates at once, five times over, with the event and with
 * no event: an unconnected stream socket reports nothing; a bound datagram socket and a
 * connected stream socket report FD_WRITE the first time only. The error slots of events not
 * reported are left as they were. */
static void enumerate_at_once(void)
{
    struct sockaddr_in any;
    SOCKET s, other;
    WSAEVENT ev;
    WSANETWORKEVENTS ne;
    int kind, round, with_event, i, untouched;
    char what[120];

    memset(&any, 0, sizeof any);
    any.sin_family = AF_INET;
    any.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    for (with_event = 1; with_event >= 0; with_event--) {
        for (kind = 0; kind < 3; kind++) {
            other = INVALID_SOCKET;
            if (kind == 2) {
                make_pair(&s, &other);
            } else {
                s = socket(AF_INET, kind == 0 ? SOCK_STREAM : SOCK_DGRAM, 0);
                CHECK(bind(s, (struct sockaddr *)&any, sizeof any) == 0, "enumerate: bind");
            }
            ev = WSACreateEvent();
            for (round = 0; round < 5; round++) {
                long want = (kind > 0 && round == 0) ? FD_WRITE : 0;
                CHECK(WSAEventSelect(s, ev, FD_READ | FD_WRITE) == 0, "enumerate: WSAEventSelect");
                memset(&ne, 0xab, sizeof ne);
                CHECK(WSAEnumNetworkEvents(s, with_event ? ev : NULL, &ne) == 0,
                      "enumerate: WSAEnumNetworkEvents");
                snprintf(what, sizeof what, "enumerate at once: %s socket, %s event, round %d",
                         kind == 0 ? "an unconnected stream" : kind == 1 ? "a bound datagram" : "a connected stream",
                         with_event ? "with the" : "no", round + 1);
                check_report_(ne.lNetworkEvents == want, what, ne.lNetworkEvents, __FILE__, __LINE__);
                for (untouched = 1, i = 0; i < FD_MAX_EVENTS; i++) {
                    if (ne.lNetworkEvents & (1L << i)) {
                        if (ne.iErrorCode[i] != 0)
                            untouched = 0;
                    } else if ((unsigned)ne.iErrorCode[i] != 0xababababu) {
                        untouched = 0;
                    }
                }
                CHECK(untouched, "enumerate at once: codes written for reported events only");
            }
            closesocket(s);
            if (other != INVALID_SOCKET)
                closesocket(other);
            WSACloseEvent(ev);
        }
    }
}

static int run_event_scenarios(void)
{
    watch_begin();
    if (!BY_MESSAGE)
        enumerate_at_once();
    accept_events();
    connect_events();
    write_events();
    read_events();
    oob_events();
    close_events();
    watch_end();
    return check_done();
}

#endif

/*
 * WSAEventSelect on a server the way an event-driven Windows program drives it: once the
 * program has been told of FD_ACCEPT, FD_READ or FD_OOB (WSAEnumNetworkEvents) and has not
 * accepted or received since, selecting the socket again -- with the same mask, or after a
 * mask of 0 -- records nothing for the same connection or data. An event recorded but never
 * enumerated is still there when the socket is selected again with that event. accept and
 * recv re-enable as usual, also while the socket is not selected; data sent while the socket
 * is not selected is reported at the next selection; a recv refused for its buffer re-enables
 * nothing. FD_CLOSE: once, not again on re-selection, for the peer's close or SD_SEND but not
 * for SD_RECEIVE or a local shutdown, when the close arrives even while data is unread (no
 * second one once it is read), and WSAECONNABORTED for a reset.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <string.h>
#include "check.h"

#define ALL_BUT_WRITE (FD_ACCEPT | FD_CLOSE | FD_CONNECT | FD_OOB | FD_READ)

static SOCKADDR_IN addr;

static SOCKET make_listener(void)
{
    int len = sizeof(addr);
    SOCKET l = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(l, (SOCKADDR *)&addr, sizeof(addr));
    getsockname(l, (SOCKADDR *)&addr, &len);
    listen(l, 5);
    return l;
}

static SOCKET dial(void)
{
    SOCKET c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    connect(c, (SOCKADDR *)&addr, sizeof(addr));
    return c;
}

/* Waits up to `ms` for the event, then enumerates: the bits recorded. */
static long events_of(SOCKET s, WSAEVENT ev, DWORD ms)
{
    WSANETWORKEVENTS ne;
    WaitForSingleObject(ev, ms);
    memset(&ne, 0xcc, sizeof(ne));
    if (WSAEnumNetworkEvents(s, ev, &ne) != 0)
        return -1;
    return ne.lNetworkEvents;
}

static void accept_rules(WSAEVENT ev)
{
    SOCKET l = make_listener(), c1, c2, s;

    CHECK_EQ(WSAEventSelect(l, ev, FD_CONNECT | FD_READ | FD_OOB | FD_ACCEPT), 0, "select the listener");
    CHECK_EQ(events_of(l, ev, 0), 0, "an idle listener records nothing");
    c1 = dial();
    CHECK_EQ(events_of(l, ev, 500), FD_ACCEPT, "a connection: FD_ACCEPT");
    CHECK_EQ(events_of(l, ev, 0), 0, "... reported once");
    WSAEventSelect(l, ev, FD_CONNECT | FD_READ | FD_OOB | FD_ACCEPT);
    CHECK_EQ(events_of(l, ev, 0), 0, "selecting again: nothing for the same connection");
    WSAEventSelect(l, ev, 0);
    WSAEventSelect(l, ev, FD_CONNECT | FD_READ | FD_OOB | FD_ACCEPT);
    CHECK_EQ(events_of(l, ev, 0), 0, "cancelling and selecting again: nothing either");
    s = accept(l, NULL, NULL);
    CHECK(s != INVALID_SOCKET, "accept the connection");
    closesocket(s);
    CHECK_EQ(events_of(l, ev, 0), 0, "no connection left: nothing");
    c2 = dial();
    CHECK_EQ(events_of(l, ev, 500), FD_ACCEPT, "accept re-enabled: the next connection records FD_ACCEPT");
    s = accept(l, NULL, NULL);
    closesocket(s);
    closesocket(c1);
    closesocket(c2);

    /* recorded but never enumerated: selecting again without FD_ACCEPT and then with it
       still reports the connection */
    c1 = dial();
    CHECK_EQ(WaitForSingleObject(ev, 500), WAIT_OBJECT_0, "a connection signals the event");
    WSAEventSelect(l, ev, FD_CONNECT | FD_READ | FD_OOB);
    ResetEvent(ev);
    WSAEventSelect(l, ev, FD_CONNECT | FD_READ | FD_OOB);
    CHECK_EQ(WaitForSingleObject(ev, 0), WAIT_TIMEOUT, "selected without FD_ACCEPT: not signalled");
    WSAEventSelect(l, ev, FD_CONNECT | FD_READ | FD_OOB | FD_ACCEPT);
    CHECK_EQ(WaitForSingleObject(ev, 0), WAIT_OBJECT_0, "selected with FD_ACCEPT again: signalled");
    CHECK_EQ(events_of(l, ev, 0), FD_ACCEPT, "... FD_ACCEPT");
    s = accept(l, NULL, NULL);
    closesocket(s);
    closesocket(c1);

    /* accepted before selecting with FD_ACCEPT: nothing */
    WSAEventSelect(l, ev, FD_CONNECT | FD_READ | FD_OOB);
    c1 = dial();
    Sleep(100);
    s = accept(l, NULL, NULL);
    WSAEventSelect(l, ev, FD_CONNECT | FD_READ | FD_OOB | FD_ACCEPT);
    CHECK_EQ(events_of(l, ev, 100), 0, "a connection accepted before selection: nothing");
    closesocket(s);
    closesocket(c1);
    closesocket(l);
}

static void read_rules(WSAEVENT ev)
{
    SOCKET l = make_listener(), c, s;
    char buf[16];
    u_long nb = 1;

    c = dial();
    s = accept(l, NULL, NULL);
    closesocket(l);
    ioctlsocket(c, FIONBIO, &nb);

    CHECK_EQ(WSAEventSelect(s, ev, ALL_BUT_WRITE), 0, "select the server socket");
    CHECK_EQ(events_of(s, ev, 0), 0, "nothing yet");
    send(c, "data", 5, 0);
    CHECK_EQ(events_of(s, ev, 500), FD_READ, "data: FD_READ");
    CHECK_EQ(events_of(s, ev, 0), 0, "... once");
    WSAEventSelect(s, ev, ALL_BUT_WRITE);
    CHECK_EQ(events_of(s, ev, 0), 0, "selecting again: nothing for the same data");
    WSAEventSelect(s, ev, 0);
    WSAEventSelect(s, ev, ALL_BUT_WRITE);
    CHECK_EQ(events_of(s, ev, 0), 0, "cancelling and selecting again: nothing either");

    CHECK_EQ(recv(s, buf, 2, 0), 2, "recv 2 of the 5 bytes");
    CHECK_EQ(events_of(s, ev, 500), FD_READ, "... data remains: FD_READ again");
    CHECK_EQ(events_of(s, ev, 0), 0, "... once");
    CHECK_EQ(recv(s, buf, -1, 0), SOCKET_ERROR, "recv with a negative length fails");
    CHECK_EQ(WSAGetLastError(), WSAEFAULT, "... with WSAEFAULT");
    CHECK_EQ(events_of(s, ev, 0), 0, "... and re-enables nothing");
    CHECK_EQ(recv(s, buf, sizeof(buf), 0), 3, "recv the other 3 bytes");
    CHECK_EQ(events_of(s, ev, 0), 0, "nothing left: nothing");

    /* told of data, then a receive while not selected: the next selection reports what is left */
    send(c, "more!", 5, 0);
    CHECK_EQ(events_of(s, ev, 500), FD_READ, "more data: FD_READ");
    WSAEventSelect(s, ev, 0);
    CHECK_EQ(recv(s, buf, 2, 0), 2, "recv 2 bytes while not selected");
    WSAEventSelect(s, ev, ALL_BUT_WRITE);
    CHECK_EQ(events_of(s, ev, 500), FD_READ, "selected again: the 3 bytes left are reported");
    CHECK_EQ(recv(s, buf, sizeof(buf), 0), 3, "recv them");

    /* data sent while not selected is reported at the next selection */
    WSAEventSelect(s, ev, 0);
    send(c, "data", 5, 0);
    Sleep(50);
    WSAEventSelect(s, ev, ALL_BUT_WRITE);
    CHECK_EQ(events_of(s, ev, 500), FD_READ, "data that came while not selected: FD_READ");
    CHECK_EQ(recv(s, buf, 5, 0), 5, "recv it");
    WSAEventSelect(s, ev, 0);
    send(c, "data", 5, 0);
    Sleep(50);
    CHECK_EQ(recv(s, buf, 5, 0), 5, "data received while not selected");
    WSAEventSelect(s, ev, FD_ACCEPT | FD_CONNECT | FD_OOB | FD_READ);
    CHECK_EQ(events_of(s, ev, 100), 0, "... is not reported at the next selection");
    closesocket(s);
    closesocket(c);
}

static void oob_rules(WSAEVENT ev)
{
    SOCKET l = make_listener(), c, s;
    char b;

    c = dial();
    s = accept(l, NULL, NULL);
    closesocket(l);
    CHECK_EQ(WSAEventSelect(s, ev, ALL_BUT_WRITE), 0, "select the server socket");
    send(c, "a", 1, MSG_OOB);
    CHECK_EQ(events_of(s, ev, 500), FD_OOB, "urgent data: FD_OOB");
    CHECK_EQ(events_of(s, ev, 0), 0, "... once");
    WSAEventSelect(s, ev, ALL_BUT_WRITE);
    CHECK_EQ(events_of(s, ev, 0), 0, "selecting again: nothing for the same byte");
    WSAEventSelect(s, ev, 0);
    WSAEventSelect(s, ev, ALL_BUT_WRITE);
    CHECK_EQ(events_of(s, ev, 0), 0, "cancelling and selecting again: nothing either");
    CHECK_EQ(recv(s, &b, 1, MSG_OOB), 1, "recv the urgent byte");
    CHECK_EQ(b, 'a', "... 'a'");

    WSAEventSelect(s, ev, 0);
    send(c, "b", 1, MSG_OOB);
    Sleep(50);
    WSAEventSelect(s, ev, ALL_BUT_WRITE);
    CHECK_EQ(events_of(s, ev, 500), FD_OOB, "urgent data sent while not selected: FD_OOB");
    CHECK_EQ(recv(s, &b, 1, MSG_OOB), 1, "recv it");
    closesocket(s);
    closesocket(c);
}

/* Enumerates and returns the bits; `code` gets FD_CLOSE's error code. */
static long close_events_of(SOCKET s, WSAEVENT ev, DWORD ms, int *code)
{
    WSANETWORKEVENTS ne;
    WaitForSingleObject(ev, ms);
    memset(&ne, 0, sizeof(ne));
    if (WSAEnumNetworkEvents(s, ev, &ne) != 0)
        return -1;
    *code = ne.iErrorCode[FD_CLOSE_BIT];
    return ne.lNetworkEvents;
}

static void pair(SOCKET *c, SOCKET *s)
{
    SOCKET l = make_listener();
    *c = dial();
    *s = accept(l, NULL, NULL);
    closesocket(l);
}

static void close_rules(WSAEVENT ev)
{
    SOCKET c, s;
    char buf[8];
    int code = -1;
    struct linger lg = {1, 0};

    pair(&c, &s);
    WSAEventSelect(s, ev, ALL_BUT_WRITE);
    closesocket(c);
    CHECK_EQ(close_events_of(s, ev, 1000, &code), FD_CLOSE, "the peer closes: FD_CLOSE");
    CHECK_EQ(code, 0, "... graceful: 0");
    CHECK_EQ(events_of(s, ev, 0), 0, "... once");
    WSAEventSelect(s, ev, ALL_BUT_WRITE);
    CHECK_EQ(events_of(s, ev, 0), 0, "selecting again: nothing");
    WSAEventSelect(s, ev, 0);
    WSAEventSelect(s, ev, ALL_BUT_WRITE);
    CHECK_EQ(events_of(s, ev, 0), 0, "cancelling and selecting again: nothing");
    CHECK_EQ(recv(s, buf, sizeof(buf), 0), 0, "recv: 0");
    CHECK_EQ(events_of(s, ev, 0), 0, "... and nothing more");
    closesocket(s);

    pair(&c, &s);
    WSAEventSelect(s, ev, ALL_BUT_WRITE);
    shutdown(c, SD_SEND);
    CHECK_EQ(events_of(s, ev, 1000), FD_CLOSE, "the peer's SD_SEND: FD_CLOSE");
    CHECK_EQ(events_of(s, ev, 0), 0, "... once");
    closesocket(c);
    CHECK_EQ(events_of(s, ev, 100), 0, "its closesocket then: nothing");
    closesocket(s);

    pair(&c, &s);
    WSAEventSelect(s, ev, ALL_BUT_WRITE);
    shutdown(c, SD_RECEIVE);
    shutdown(s, SD_BOTH);
    CHECK_EQ(events_of(s, ev, 200), 0, "the peer's SD_RECEIVE and our own SD_BOTH: nothing");
    closesocket(s);
    closesocket(c);

    /* data, then the close: FD_READ, then FD_CLOSE at once although data is unread */
    pair(&c, &s);
    WSAEventSelect(s, ev, ALL_BUT_WRITE);
    send(c, "data", 5, 0);
    CHECK_EQ(events_of(s, ev, 1000), FD_READ, "data: FD_READ");
    closesocket(c);
    CHECK_EQ(close_events_of(s, ev, 1000, &code), FD_CLOSE, "the close behind unread data: FD_CLOSE");
    CHECK_EQ(code, 0, "... graceful: 0");
    CHECK_EQ(recv(s, buf, 3, 0), 3, "recv 3 of the 5 bytes");
    CHECK_EQ(events_of(s, ev, 1000), FD_READ, "... FD_READ for the rest");
    CHECK_EQ(recv(s, buf, 5, 0), 2, "recv the last 2");
    CHECK_EQ(events_of(s, ev, 100), 0, "all read: no second FD_CLOSE");
    CHECK_EQ(recv(s, buf, 5, 0), 0, "recv: end of stream");
    closesocket(s);

    /* closed before the selection; a selection without FD_CLOSE first */
    pair(&c, &s);
    closesocket(c);
    Sleep(50);
    WSAEventSelect(s, ev, ALL_BUT_WRITE);
    CHECK_EQ(events_of(s, ev, 1000), FD_CLOSE, "closed before the selection: FD_CLOSE");
    closesocket(s);
    pair(&c, &s);
    WSAEventSelect(s, ev, FD_ACCEPT | FD_CONNECT | FD_OOB | FD_READ);
    closesocket(c);
    CHECK_EQ(events_of(s, ev, 200), 0, "FD_CLOSE not selected: nothing");
    WSAEventSelect(s, ev, ALL_BUT_WRITE);
    CHECK_EQ(events_of(s, ev, 1000), FD_CLOSE, "selected with FD_CLOSE: FD_CLOSE");
    closesocket(s);

    /* a reset: FD_CLOSE with WSAECONNABORTED, once */
    pair(&c, &s);
    WSAEventSelect(s, ev, ALL_BUT_WRITE);
    setsockopt(c, SOL_SOCKET, SO_LINGER, (char *)&lg, sizeof(lg));
    closesocket(c);
    CHECK_EQ(close_events_of(s, ev, 1000, &code), FD_CLOSE, "a reset: FD_CLOSE");
    CHECK_EQ(code, WSAECONNABORTED, "... WSAECONNABORTED");
    CHECK_EQ(events_of(s, ev, 0), 0, "... once");
    WSAEventSelect(s, ev, ALL_BUT_WRITE);
    CHECK_EQ(events_of(s, ev, 0), 0, "selecting again: nothing");
    closesocket(s);
}

int main(void)
{
    WSADATA wsaData;
    WSAEVENT ev;

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsaData) == 0, "WSAStartup");
    ev = WSACreateEvent();
    accept_rules(ev);
    read_rules(ev);
    oob_rules(ev);
    close_rules(ev);
    WSACloseEvent(ev);
    WSACleanup();
    return check_done();
}

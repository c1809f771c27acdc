/*
 * Calling WSAEventSelect again does not record FD_WRITE, FD_CONNECT or FD_CLOSE again for the
 * same condition (Windows); an event the earlier mask left out, never recorded, is recorded
 * when a later selection includes it; only a send that failed with WSAEWOULDBLOCK re-enables
 * FD_WRITE.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include "check.h"

static long events(SOCKET s, WSAEVENT ev, DWORD timeout)
{
    WSANETWORKEVENTS ne;
    WSAWaitForMultipleEvents(1, &ev, FALSE, timeout, FALSE);
    if (WSAEnumNetworkEvents(s, ev, &ne) != 0)
        return -1;
    return ne.lNetworkEvents;
}

static SOCKET listener(SOCKADDR_IN *addr)
{
    SOCKET l = socket(AF_INET, SOCK_STREAM, 0);
    int len = sizeof(*addr);
    memset(addr, 0, sizeof(*addr));
    addr->sin_family = AF_INET;
    addr->sin_addr.s_addr = inet_addr("127.0.0.1");
    bind(l, (SOCKADDR *)addr, sizeof(*addr));
    getsockname(l, (SOCKADDR *)addr, &len);
    listen(l, 5);
    return l;
}

int main(void)
{
    WSADATA wsaData;
    SOCKADDR_IN addr;
    SOCKET l, c, s;
    WSAEVENT ev;
    const long all = FD_ACCEPT | FD_CLOSE | FD_CONNECT | FD_OOB | FD_READ | FD_WRITE;
    static char chunk[65536];
    int n, guard;
    char buf[4096];

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsaData) == 0, "WSAStartup");
    ev = WSACreateEvent();
    l = listener(&addr);

    /* connect while selected: FD_CONNECT and FD_WRITE once */
    c = socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(WSAEventSelect(c, ev, all) == 0, "select an unconnected socket");
    CHECK_EQ(events(c, ev, 0), 0, "nothing before connect");
    n = connect(c, (SOCKADDR *)&addr, sizeof(addr));
    CHECK(n == 0 || WSAGetLastError() == WSAEWOULDBLOCK, "connect");
    Sleep(100);
    CHECK_EQ(events(c, ev, 1000), FD_CONNECT | FD_WRITE, "FD_CONNECT and FD_WRITE");
    CHECK_EQ(events(c, ev, 0), 0, "then nothing");
    WSAEventSelect(c, ev, all);
    CHECK_EQ(events(c, ev, 100), 0, "selecting again records neither again");
    WSAEventSelect(c, NULL, 0);
    WSAEventSelect(c, ev, all);
    CHECK_EQ(events(c, ev, 100), 0, "cancelling and selecting again: still nothing");
    s = accept(l, NULL, NULL);
    closesocket(c);

    /* a subset without FD_CONNECT first: FD_CONNECT when a later mask includes it */
    REQUIRE(WSAEventSelect(s, ev, FD_READ | FD_WRITE) == 0, "select the accepted socket without FD_CONNECT");
    (void)events(s, ev, 100);
    closesocket(s);
    c = socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(connect(c, (SOCKADDR *)&addr, sizeof(addr)) == 0, "connect (blocking)");
    s = accept(l, NULL, NULL);
    REQUIRE(WSAEventSelect(c, ev, FD_READ | FD_WRITE | FD_CLOSE) == 0, "select a connected socket without FD_CONNECT");
    CHECK_EQ(events(c, ev, 1000), FD_WRITE, "FD_WRITE");
    REQUIRE(WSAEventSelect(c, ev, all) == 0, "select with FD_CONNECT");
    CHECK_EQ(events(c, ev, 1000), FD_CONNECT, "FD_CONNECT now, FD_WRITE not again");

    /* FD_CLOSE once */
    closesocket(s);
    CHECK_EQ(events(c, ev, 1000), FD_CLOSE, "the peer's close: FD_CLOSE");
    WSAEventSelect(c, ev, all);
    CHECK_EQ(events(c, ev, 100), 0, "selecting again does not record FD_CLOSE again");
    closesocket(c);

    /* FD_CLOSE left out first, included later */
    c = socket(AF_INET, SOCK_STREAM, 0);
    connect(c, (SOCKADDR *)&addr, sizeof(addr));
    s = accept(l, NULL, NULL);
    WSAEventSelect(c, ev, FD_READ);
    closesocket(s);
    CHECK_EQ(events(c, ev, 200), 0, "FD_CLOSE not selected: nothing");
    WSAEventSelect(c, ev, FD_READ | FD_CLOSE);
    CHECK_EQ(events(c, ev, 1000), FD_CLOSE, "selected later: FD_CLOSE");
    closesocket(c);

    /* FD_WRITE again only after WSAEWOULDBLOCK */
    c = socket(AF_INET, SOCK_STREAM, 0);
    connect(c, (SOCKADDR *)&addr, sizeof(addr));
    s = accept(l, NULL, NULL);
    WSAEventSelect(c, ev, FD_WRITE);
    CHECK_EQ(events(c, ev, 1000), FD_WRITE, "FD_WRITE at selection");
    memset(chunk, 'x', sizeof(chunk));
    for (guard = 0; guard < 10000; guard++)
        if (send(c, chunk, sizeof(chunk), 0) == SOCKET_ERROR)
            break;
    CHECK_EQ(WSAGetLastError(), WSAEWOULDBLOCK, "fill until WSAEWOULDBLOCK");
    for (guard = 0; guard < 100000; guard++)
        if (recv(s, buf, sizeof(buf), MSG_PEEK) > 0 && recv(s, buf, sizeof(buf), 0) <= 0)
            break;
        else if (events(c, ev, 0) == FD_WRITE)
            break;
    CHECK(guard < 100000, "draining the peer records FD_WRITE again");
    closesocket(c);
    closesocket(s);

    /* UDP: no FD_WRITE before the socket has an address; connect brings FD_CONNECT and FD_WRITE */
    {
        SOCKET u = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
        SOCKET v = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
        SOCKADDR_IN va;
        int vlen = sizeof(va);
        memset(&va, 0, sizeof(va));
        va.sin_family = AF_INET;
        va.sin_addr.s_addr = inet_addr("127.0.0.1");
        bind(v, (SOCKADDR *)&va, sizeof(va));
        getsockname(v, (SOCKADDR *)&va, &vlen);
        REQUIRE(WSAEventSelect(u, ev, all) == 0, "select an unbound UDP socket");
        CHECK_EQ(events(u, ev, 100), 0, "an unbound UDP socket records nothing");
        REQUIRE(connect(u, (SOCKADDR *)&va, sizeof(va)) == 0, "connect it");
        CHECK_EQ(events(u, ev, 1000), FD_CONNECT | FD_WRITE, "FD_CONNECT and FD_WRITE");
        CHECK_EQ(events(u, ev, 0), 0, "then nothing");
        closesocket(u);
        closesocket(v);
    }

    closesocket(l);
    WSACloseEvent(ev);
    WSACleanup();
    return check_done();
}

/*
 * WSAPoll with Windows' event bits and rules: argument errors, event bits other than
 * POLLRDNORM/POLLRDBAND/POLLWRNORM refused, INVALID_SOCKET and non-sockets reported POLLNVAL,
 * a pending connection is POLLRDNORM, data POLLRDNORM, OOB data POLLRDBAND, the peer's close
 * POLLHUP (reported even when not asked), and closesocket in another thread ends the wait.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include "check.h"

static DWORD WINAPI close_later(LPVOID arg)
{
    Sleep(300);
    closesocket(*(SOCKET *)arg);
    return 0;
}

static short poll_one(SOCKET s, short events, int timeout)
{
    WSAPOLLFD p;
    p.fd = s;
    p.events = events;
    p.revents = (short)0x7ead;
    if (WSAPoll(&p, 1, timeout) < 0)
        return -1;
    return p.revents;
}

int main(void)
{
    WSADATA wsaData;
    SOCKADDR_IN addr;
    SOCKET l, c, s, u;
    WSAPOLLFD fds[3];
    HANDLE t;
    char buf[8];
    int len, ret, i;
    static const short invalid[] = {POLLERR, POLLHUP, POLLNVAL, 0x8, POLLWRBAND, 0x40, POLLPRI, 0x800};

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsaData) == 0, "WSAStartup");
    CHECK_EQ(POLLIN, 0x0300, "POLLIN has Windows' value");
    CHECK_EQ(POLLOUT, 0x0010, "POLLOUT has Windows' value");
    CHECK_EQ(POLLNVAL, 4, "POLLNVAL has Windows' value");

    CHECK_EQ(WSAPoll(NULL, 0, 0), SOCKET_ERROR, "NULL array, 0 entries fails");
    CHECK_EQ(WSAGetLastError(), WSAEINVAL, "... with WSAEINVAL");
    CHECK_EQ(WSAPoll(NULL, 1, 0), SOCKET_ERROR, "NULL array, 1 entry fails");
    CHECK_EQ(WSAGetLastError(), WSAEFAULT, "... with WSAEFAULT");

    l = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = inet_addr("127.0.0.1");
    bind(l, (SOCKADDR *)&addr, sizeof(addr));
    len = sizeof(addr);
    getsockname(l, (SOCKADDR *)&addr, &len);
    listen(l, 5);

    for (i = 0; i < (int)(sizeof(invalid) / sizeof(invalid[0])); i++) {
        fds[0].fd = l;
        fds[0].events = invalid[i];
        WSASetLastError(0);
        ret = WSAPoll(fds, 1, 0);
        CHECK(ret == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL, "an event bit Windows refuses fails with WSAEINVAL");
    }

    CHECK_EQ(poll_one(l, POLLRDNORM | POLLRDBAND | POLLWRNORM, 0), 0, "an idle listening socket reports nothing");

    fds[0].fd = INVALID_SOCKET;
    fds[0].events = POLLERR;
    fds[1].fd = l;
    fds[1].events = POLLIN;
    WSASetLastError(0xdead);
    ret = WSAPoll(fds, 2, 0);
    CHECK_EQ(ret, 0, "INVALID_SOCKET is skipped, not counted");
    CHECK_EQ(WSAGetLastError(), 0, "... and the call succeeds");
    CHECK_EQ(fds[0].revents, POLLNVAL, "... reported POLLNVAL");
    CHECK_EQ(fds[1].revents, 0, "the listening socket: nothing");

    fds[0].fd = l;
    fds[0].events = POLLIN;
    fds[1].fd = (SOCKET)0xabacab;
    fds[1].events = POLLIN;
    ret = WSAPoll(fds, 2, 0);
    CHECK_EQ(ret, 0, "a non-socket is not counted");
    CHECK_EQ(fds[1].revents, POLLNVAL, "... and reported POLLNVAL");

    fds[0].fd = INVALID_SOCKET;
    fds[0].events = POLLERR;
    fds[1].fd = (SOCKET)0xabacab;
    fds[1].events = POLLERR;
    CHECK_EQ(WSAPoll(fds, 2, 0), SOCKET_ERROR, "no socket at all fails");
    CHECK_EQ(WSAGetLastError(), WSAENOTSOCK, "... with WSAENOTSOCK");

    c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    CHECK_EQ(poll_one(c, POLLRDNORM | POLLRDBAND | POLLWRNORM, 0), 0, "a TCP socket that never connected reports nothing");
    REQUIRE(connect(c, (SOCKADDR *)&addr, sizeof(addr)) == 0, "connect");
    CHECK_EQ(poll_one(l, POLLIN, 1000), POLLRDNORM, "a pending connection is POLLRDNORM");
    CHECK_EQ(poll_one(l, POLLRDBAND | POLLWRNORM, 0), 0, "... and nothing else");
    s = accept(l, NULL, NULL);
    REQUIRE(s != INVALID_SOCKET, "accept");

    fds[0].fd = l; fds[0].events = POLLRDNORM | POLLRDBAND | POLLWRNORM;
    fds[1].fd = s; fds[1].events = POLLRDNORM | POLLRDBAND | POLLWRNORM;
    fds[2].fd = c; fds[2].events = POLLRDNORM | POLLRDBAND | POLLWRNORM;
    CHECK_EQ(WSAPoll(fds, 3, 0), 2, "two connected sockets are writable");
    CHECK_EQ(fds[0].revents, 0, "... the listener reports nothing");
    CHECK_EQ(fds[1].revents, POLLWRNORM, "... the server POLLWRNORM");
    CHECK_EQ(fds[2].revents, POLLWRNORM, "... the client POLLWRNORM");

    send(s, "1234", 4, 0);
    CHECK_EQ(poll_one(c, POLLRDNORM | POLLRDBAND, 1000), POLLRDNORM, "data is POLLRDNORM");
    CHECK_EQ(poll_one(c, POLLIN | POLLOUT, 0), POLLRDNORM | POLLWRNORM, "... with POLLWRNORM when asked");
    recv(c, buf, sizeof(buf), 0);
    CHECK_EQ(poll_one(c, POLLIN | POLLOUT, 0), POLLWRNORM, "after the read only POLLWRNORM");

    send(c, "A", 1, MSG_OOB);
    CHECK_EQ(poll_one(s, POLLRDNORM | POLLRDBAND, 1000), POLLRDBAND, "out-of-band data is POLLRDBAND");
    recv(s, buf, 1, MSG_OOB);

    CHECK_EQ(shutdown(c, SD_RECEIVE), 0, "SD_RECEIVE");
    CHECK_EQ(poll_one(c, POLLIN | POLLOUT, 0), POLLWRNORM, "after SD_RECEIVE still only POLLWRNORM");
    closesocket(c);
    CHECK_EQ(poll_one(s, 0, 1000), POLLHUP, "the peer's close is POLLHUP, even when not asked");
    CHECK_EQ(poll_one(s, POLLIN | POLLOUT, 0), POLLWRNORM | POLLHUP, "... POLLWRNORM | POLLHUP, no POLLRDNORM");
    closesocket(s);

    c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    connect(c, (SOCKADDR *)&addr, sizeof(addr));
    s = accept(l, NULL, NULL);
    send(c, "data", 5, 0);
    shutdown(c, SD_SEND);
    CHECK_EQ(poll_one(s, POLLIN | POLLOUT, 1000), POLLRDNORM | POLLWRNORM | POLLHUP, "data before the close: POLLRDNORM too");
    closesocket(c);
    closesocket(s);

    c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    connect(c, (SOCKADDR *)&addr, sizeof(addr));
    s = accept(l, NULL, NULL);
    fds[0].fd = c;
    fds[0].events = POLLRDNORM | POLLRDBAND;
    t = CreateThread(NULL, 0, close_later, &c, 0, NULL);
    ret = WSAPoll(fds, 1, 5000);
    WaitForSingleObject(t, INFINITE);
    CloseHandle(t);
    CHECK_EQ(ret, 1, "closesocket in another thread ends the wait");
    CHECK_EQ(fds[0].revents, POLLNVAL, "... the socket reported POLLNVAL");
    closesocket(s);

    /* a reset connection */
    c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    connect(c, (SOCKADDR *)&addr, sizeof(addr));
    s = accept(l, NULL, NULL);
    {
        LINGER lg = {1, 0};
        setsockopt(s, SOL_SOCKET, SO_LINGER, (char *)&lg, sizeof(lg));
        closesocket(s);
    }
    Sleep(100);
    CHECK_EQ(recv(c, buf, sizeof(buf), 0), SOCKET_ERROR, "recv after a reset fails");
    CHECK_EQ(WSAGetLastError(), WSAECONNRESET, "... with WSAECONNRESET");
    CHECK_EQ(poll_one(c, POLLRDNORM | POLLRDBAND | POLLWRNORM, 0), POLLERR | POLLHUP | POLLWRNORM,
             "a reset connection polls POLLERR | POLLHUP | POLLWRNORM");
    closesocket(c);

    u = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    CHECK_EQ(poll_one(u, POLLIN | POLLOUT, 0), POLLWRNORM, "a UDP socket is POLLWRNORM");
    closesocket(u);
    closesocket(l);

    WSACleanup();
    return check_done();
}

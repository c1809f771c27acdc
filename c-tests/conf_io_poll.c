/* ws2mp-test: posix */ /* its helper threads are pthreads */
/*
 * WSAPoll as Windows reports it to a poll-driven server: argument errors, POLLNVAL for an
 * invalid socket (not counted unless every entry is invalid: then WSAENOTSOCK), a listener's
 * waiting connection as POLLRDNORM only, connected sockets POLLWRNORM, data POLLRDNORM,
 * urgent data POLLRDBAND (POLLRDNORM with SO_OOBINLINE), a peer's close POLLHUP, a socket
 * closed by another thread during the wait POLLNVAL, and UDP sockets (writable at once).
 * Also connect's errors on a listening and a connected socket.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <pthread.h>
#include <string.h>
#include "check.h"

static short poll_one(SOCKET s, short events)
{
    WSAPOLLFD p;
    int ret;
    p.fd = s;
    p.events = events;
    p.revents = (short)0x5a5a;
    ret = WSAPoll(&p, 1, 1000);
    if (ret != (p.revents ? 1 : 0))
        return -1;
    return p.revents;
}

#define ALL (POLLRDNORM | POLLRDBAND | POLLWRNORM)

static void *close_later(void *arg)
{
    Sleep(300);
    closesocket(*(SOCKET *)arg);
    return NULL;
}

int main(void)
{
    WSADATA wsaData;
    WSAPOLLFD fds[3];
    SOCKADDR_IN addr;
    SOCKET l, c, s, u1, u2;
    int len = sizeof(addr), ret, one = 1;
    char buf[8];
    u_long nb = 1;
    pthread_t th;

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsaData) == 0, "WSAStartup");

    CHECK_EQ(WSAPoll(NULL, 0, 0), SOCKET_ERROR, "WSAPoll(NULL, 0) fails");
    CHECK_EQ(WSAGetLastError(), WSAEINVAL, "... WSAEINVAL");
    CHECK_EQ(WSAPoll(NULL, 1, 0), SOCKET_ERROR, "WSAPoll(NULL, 1) fails");
    CHECK_EQ(WSAGetLastError(), WSAEFAULT, "... WSAEFAULT");

    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    l = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    bind(l, (SOCKADDR *)&addr, sizeof(addr));
    getsockname(l, (SOCKADDR *)&addr, &len);
    listen(l, 5);

    fds[0].fd = l;
    fds[0].events = ALL;
    fds[0].revents = (short)0xdead;
    CHECK_EQ(WSAPoll(fds, 1, 0), 0, "an idle listener: 0");
    CHECK_EQ(fds[0].revents, 0, "... revents 0");

    fds[0].fd = INVALID_SOCKET;
    fds[0].events = POLLIN;
    fds[0].revents = (short)0xdead;
    fds[1].fd = l;
    fds[1].events = POLLIN;
    fds[1].revents = (short)0xdead;
    WSASetLastError(0xdead);
    CHECK_EQ(WSAPoll(fds, 2, 0), 0, "an invalid socket beside a valid one: 0");
    CHECK_EQ(WSAGetLastError(), 0, "... no error");
    CHECK_EQ(fds[0].revents, POLLNVAL, "... POLLNVAL for the invalid one");
    CHECK_EQ(fds[1].revents, 0, "... nothing for the listener");
    fds[1].fd = INVALID_SOCKET;
    CHECK_EQ(WSAPoll(fds, 2, 0), SOCKET_ERROR, "only invalid sockets: fails");
    CHECK_EQ(WSAGetLastError(), WSAENOTSOCK, "... WSAENOTSOCK");
    CHECK(fds[0].revents == POLLNVAL && fds[1].revents == POLLNVAL, "... both POLLNVAL");

    c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    ioctlsocket(c, FIONBIO, &nb);
    connect(c, (SOCKADDR *)&addr, sizeof(addr));
    CHECK_EQ(poll_one(l, POLLIN), POLLRDNORM, "a waiting connection: POLLRDNORM");
    CHECK_EQ(poll_one(l, POLLRDBAND | POLLWRNORM), 0, "... nothing else");
    s = accept(l, NULL, NULL);
    REQUIRE(s != INVALID_SOCKET, "accept");
    ioctlsocket(s, FIONBIO, &nb);

    fds[0].fd = l; fds[0].events = ALL;
    fds[1].fd = s; fds[1].events = ALL;
    fds[2].fd = c; fds[2].events = ALL;
    CHECK_EQ(WSAPoll(fds, 3, 0), 2, "connected: two sockets");
    CHECK_EQ(fds[0].revents, 0, "... the listener nothing");
    CHECK_EQ(fds[1].revents, POLLWRNORM, "... the accepted socket POLLWRNORM");
    CHECK_EQ(fds[2].revents, POLLWRNORM, "... the connector POLLWRNORM");

    send(s, "1234", 4, 0);
    CHECK_EQ(poll_one(c, POLLRDNORM | POLLRDBAND), POLLRDNORM, "data: POLLRDNORM");
    CHECK_EQ(poll_one(c, ALL), POLLRDNORM | POLLWRNORM, "... with POLLWRNORM");
    CHECK_EQ(recv(c, buf, sizeof(buf), 0), 4, "read it");
    CHECK_EQ(poll_one(c, ALL), POLLWRNORM, "then POLLWRNORM only");

    send(c, "A", 1, MSG_OOB);
    CHECK_EQ(poll_one(s, POLLRDNORM | POLLRDBAND), POLLRDBAND, "urgent data: POLLRDBAND");
    CHECK_EQ(poll_one(s, ALL), POLLWRNORM | POLLRDBAND, "... with POLLWRNORM");
    CHECK_EQ(recv(s, buf, 1, MSG_OOB), 1, "read the urgent byte");
    CHECK_EQ(poll_one(s, ALL), POLLWRNORM, "then POLLWRNORM only");

    setsockopt(s, SOL_SOCKET, SO_OOBINLINE, (char *)&one, sizeof(one));
    send(c, "B", 1, MSG_OOB);
    CHECK_EQ(poll_one(s, POLLRDNORM | POLLRDBAND), POLLRDNORM, "inline urgent data: POLLRDNORM");

    closesocket(c);
    closesocket(s);

    /* the peer closes: POLLHUP, even when not asked for */
    c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    connect(c, (SOCKADDR *)&addr, sizeof(addr));
    s = accept(l, NULL, NULL);
    closesocket(c);
    CHECK_EQ(poll_one(s, 0), POLLHUP, "a closed peer: POLLHUP with no events asked");
    CHECK_EQ(poll_one(s, ALL), POLLWRNORM | POLLHUP, "... POLLWRNORM | POLLHUP");
    closesocket(s);

    /* closed by another thread during the wait */
    c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    connect(c, (SOCKADDR *)&addr, sizeof(addr));
    s = accept(l, NULL, NULL);
    pthread_create(&th, NULL, close_later, &c);
    fds[0].fd = c;
    fds[0].events = POLLRDNORM | POLLRDBAND;
    fds[0].revents = (short)0xdead;
    ret = WSAPoll(fds, 1, 2000);
    CHECK_EQ(ret, 1, "closesocket during WSAPoll ends it: 1");
    CHECK_EQ(fds[0].revents, POLLNVAL, "... POLLNVAL");
    pthread_join(th, NULL);
    closesocket(s);

    /* connect on a listening or connected socket */
    CHECK_EQ(connect(l, (SOCKADDR *)&addr, sizeof(addr)), SOCKET_ERROR, "connect on a listener fails");
    CHECK_EQ(WSAGetLastError(), WSAEINVAL, "... WSAEINVAL");
    c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    connect(c, (SOCKADDR *)&addr, sizeof(addr));
    s = accept(l, NULL, NULL);
    CHECK_EQ(connect(c, (SOCKADDR *)&addr, sizeof(addr)), SOCKET_ERROR, "connect again fails");
    CHECK_EQ(WSAGetLastError(), WSAEISCONN, "... WSAEISCONN");
    CHECK_EQ(connect(s, (SOCKADDR *)&addr, sizeof(addr)), SOCKET_ERROR, "connect on an accepted socket fails");
    CHECK_EQ(WSAGetLastError(), WSAEISCONN, "... WSAEISCONN");
    closesocket(c);
    closesocket(s);
    closesocket(l);

    /* UDP */
    u1 = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    u2 = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    CHECK_EQ(poll_one(u1, ALL), POLLWRNORM, "a fresh UDP socket: POLLWRNORM");
    addr.sin_port = 0;
    bind(u1, (SOCKADDR *)&addr, sizeof(addr));
    len = sizeof(addr);
    getsockname(u1, (SOCKADDR *)&addr, &len);
    CHECK_EQ(poll_one(u1, ALL), POLLWRNORM, "bound: POLLWRNORM");
    sendto(u2, "data", 5, 0, (SOCKADDR *)&addr, sizeof(addr));
    CHECK_EQ(poll_one(u1, POLLRDNORM | POLLRDBAND), POLLRDNORM, "a datagram: POLLRDNORM");
    CHECK_EQ(poll_one(u1, ALL), POLLRDNORM | POLLWRNORM, "... with POLLWRNORM");
    CHECK_EQ(poll_one(u2, ALL), POLLWRNORM, "the sender: POLLWRNORM");
    closesocket(u1);
    closesocket(u2);

    WSACleanup();
    return check_done();
}

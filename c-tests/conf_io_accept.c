/* ws2mp-test: posix */ /* its helper threads are pthreads */
/*
 * listen and accept as Windows checks them: listen on a non-socket (WSAENOTSOCK), on UDP
 * (WSAEOPNOTSUPP), on an unbound TCP socket (WSAEINVAL, any backlog), twice (fine), after the
 * port is taken (bind fails with WSAEADDRINUSE), SO_ACCEPTCONN before and after; accept with
 * an address length of 0 (WSAEFAULT, length untouched, connection kept), with an address and no
 * length (nothing written), with a large buffer (the length shrinks), and a blocked accept
 * woken by closesocket in another thread.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <pthread.h>
#include <string.h>
#include "check.h"

static SOCKET blocked_listener;
static int accept_failed;

static void *accept_thread(void *arg)
{
    SOCKET a = accept(blocked_listener, NULL, NULL);
    (void)arg;
    accept_failed = (a == INVALID_SOCKET);
    if (a != INVALID_SOCKET)
        closesocket(a);
    return NULL;
}

int main(void)
{
    WSADATA wsaData;
    SOCKADDR_IN addr;
    SOCKADDR_STORAGE ss, empty;
    SOCKET a, b, u, c, s;
    int len, v;
    pthread_t th;

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsaData) == 0, "WSAStartup");

    CHECK_EQ(listen(0, 0), SOCKET_ERROR, "listen(0) fails");
    CHECK_EQ(WSAGetLastError(), WSAENOTSOCK, "... WSAENOTSOCK");
    CHECK_EQ(listen((SOCKET)0xdeadbeef, 0), SOCKET_ERROR, "listen on a bogus handle fails");
    CHECK_EQ(WSAGetLastError(), WSAENOTSOCK, "... WSAENOTSOCK");

    u = socket(AF_INET, SOCK_DGRAM, 0);
    CHECK_EQ(listen(u, 1), SOCKET_ERROR, "listen on UDP fails");
    CHECK_EQ(WSAGetLastError(), WSAEOPNOTSUPP, "... WSAEOPNOTSUPP");
    closesocket(u);

    a = socket(AF_INET, SOCK_STREAM, 0);
    b = socket(AF_INET, SOCK_STREAM, 0);
    CHECK_EQ(listen(a, -2), SOCKET_ERROR, "listen unbound, backlog -2, fails");
    CHECK_EQ(WSAGetLastError(), WSAEINVAL, "... WSAEINVAL");
    CHECK_EQ(listen(a, 1), SOCKET_ERROR, "listen unbound fails");
    CHECK_EQ(WSAGetLastError(), WSAEINVAL, "... WSAEINVAL");
    CHECK_EQ(listen(a, SOMAXCONN), SOCKET_ERROR, "listen unbound, SOMAXCONN, fails");
    CHECK_EQ(WSAGetLastError(), WSAEINVAL, "... WSAEINVAL");

    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = inet_addr("127.0.0.1");
    CHECK_EQ(bind(a, (SOCKADDR *)&addr, sizeof(addr)), 0, "bind");
    len = sizeof(addr);
    getsockname(a, (SOCKADDR *)&addr, &len);
    v = 0xdead;
    len = sizeof(v);
    CHECK_EQ(getsockopt(a, SOL_SOCKET, SO_ACCEPTCONN, (char *)&v, &len), 0, "SO_ACCEPTCONN before listen");
    CHECK_EQ(v, 0, "... 0");
    CHECK_EQ(listen(a, 0), 0, "listen");
    CHECK_EQ(listen(a, SOMAXCONN), 0, "listen again");
    v = 0xdead;
    len = sizeof(v);
    CHECK_EQ(getsockopt(a, SOL_SOCKET, SO_ACCEPTCONN, (char *)&v, &len), 0, "SO_ACCEPTCONN after listen");
    CHECK_EQ(v, 1, "... 1");
    CHECK_EQ(listen(b, SOMAXCONN), SOCKET_ERROR, "another unbound socket cannot listen");
    CHECK_EQ(WSAGetLastError(), WSAEINVAL, "... WSAEINVAL");
    CHECK_EQ(bind(b, (SOCKADDR *)&addr, sizeof(addr)), SOCKET_ERROR, "binding the listener's port fails");
    CHECK_EQ(WSAGetLastError(), WSAEADDRINUSE, "... WSAEADDRINUSE");
    closesocket(b);

    /* accept with a zero length: WSAEFAULT, length untouched, the connection stays */
    c = socket(AF_INET, SOCK_STREAM, 0);
    connect(c, (SOCKADDR *)&addr, sizeof(addr));
    len = 0;
    CHECK(accept(a, (SOCKADDR *)&ss, &len) == INVALID_SOCKET, "accept with length 0 fails");
    CHECK_EQ(WSAGetLastError(), WSAEFAULT, "... WSAEFAULT");
    CHECK_EQ(len, 0, "... the length stays 0");
    s = accept(a, NULL, NULL);
    CHECK(s != INVALID_SOCKET, "the connection is still there");
    closesocket(s);
    closesocket(c);

    /* a large buffer: the length becomes the address's */
    c = socket(AF_INET, SOCK_STREAM, 0);
    connect(c, (SOCKADDR *)&addr, sizeof(addr));
    len = sizeof(ss);
    memset(&ss, 0, sizeof(ss));
    s = accept(a, (SOCKADDR *)&ss, &len);
    CHECK(s != INVALID_SOCKET, "accept into a SOCKADDR_STORAGE");
    CHECK_EQ(len, sizeof(SOCKADDR_IN), "... the length is a SOCKADDR_IN's");
    CHECK_EQ(ss.ss_family, AF_INET, "... the family is set");
    closesocket(s);
    closesocket(c);

    /* an address with a NULL length: accepted, nothing written */
    c = socket(AF_INET, SOCK_STREAM, 0);
    connect(c, (SOCKADDR *)&addr, sizeof(addr));
    memset(&ss, 0, sizeof(ss));
    memset(&empty, 0, sizeof(empty));
    s = accept(a, (SOCKADDR *)&ss, NULL);
    CHECK(s != INVALID_SOCKET, "accept with an address and no length succeeds");
    CHECK(memcmp(&ss, &empty, sizeof(ss)) == 0, "... and writes nothing");
    closesocket(s);
    closesocket(c);

    /* closesocket wakes a blocked accept */
    blocked_listener = a;
    pthread_create(&th, NULL, accept_thread, NULL);
    Sleep(200);
    CHECK_EQ(closesocket(a), 0, "close the listener while another thread accepts");
    pthread_join(th, NULL);
    CHECK(accept_failed, "... the accept fails");

    WSACleanup();
    return check_done();
}

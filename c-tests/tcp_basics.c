/*
 * TCP on loopback with Windows' semantics: bind/listen/connect/accept/send/recv,
 * getsockname/getpeername, the Winsock-specific failures (WSAEINVAL for listen without bind and
 * getsockname on an unbound socket, WSAEFAULT for a short accept address, WSAEWOULDBLOCK then
 * WSAEALREADY/WSAEISCONN for a non-blocking connect), shutdown, no SIGPIPE, SO_RCVTIMEO as a
 * DWORD of milliseconds, and closesocket waking a blocked call with WSAEINTR.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <signal.h>
#include "check.h"

/* Windows has no SIGPIPE; where the C library has one, the test counts any that is raised. */
static volatile sig_atomic_t sigpipes = 0;

#ifndef _WIN32
static void on_sigpipe(int sig)
{
    (void)sig;
    sigpipes++;
}
#endif

static long now_ms(void)
{
    return (long)GetTickCount();
}

static void sleep_ms(int ms)
{
    Sleep((DWORD)ms);
}

/* A listening socket on 127.0.0.1, any port; its address goes to *addr. */
static SOCKET make_listener(SOCKADDR_IN *addr, int backlog)
{
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    int len = sizeof(*addr);
    memset(addr, 0, sizeof(*addr));
    addr->sin_family = AF_INET;
    addr->sin_addr.s_addr = inet_addr("127.0.0.1");
    addr->sin_port = 0;
    if (s == INVALID_SOCKET || bind(s, (SOCKADDR *)addr, sizeof(*addr)) == SOCKET_ERROR ||
        listen(s, backlog) == SOCKET_ERROR || getsockname(s, (SOCKADDR *)addr, &len) == SOCKET_ERROR)
        return INVALID_SOCKET;
    return s;
}

static SOCKET connected_client(const SOCKADDR_IN *addr)
{
    SOCKET c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    if (c == INVALID_SOCKET)
        return INVALID_SOCKET;
    if (connect(c, (const SOCKADDR *)addr, sizeof(*addr)) == SOCKET_ERROR) {
        closesocket(c);
        return INVALID_SOCKET;
    }
    return c;
}

static int same_addr(const SOCKADDR_IN *a, const SOCKADDR_IN *b)
{
    return a->sin_family == b->sin_family && a->sin_port == b->sin_port && a->sin_addr.s_addr == b->sin_addr.s_addr;
}

/* Waits until s is writable or has failed; returns 1 writable, 2 failed, 0 timeout. */
static int wait_connect(SOCKET s, int ms)
{
    fd_set w, e;
    struct timeval tv;
    tv.tv_sec = ms / 1000;
    tv.tv_usec = (ms % 1000) * 1000;
    FD_ZERO(&w);
    FD_ZERO(&e);
    FD_SET(s, &w);
    FD_SET(s, &e);
    if (select(0, NULL, &w, &e, &tv) <= 0)
        return 0;
    return FD_ISSET(s, &e) ? 2 : 1;
}

struct blocked_call {
    SOCKET s;
    int accept_call; /* 0: recv, 1: accept */
    int result;
    int error;
    long took_ms;
};

static DWORD WINAPI blocked_thread(LPVOID arg)
{
    struct blocked_call *b = (struct blocked_call *)arg;
    char buf[16];
    long start = now_ms();
    if (b->accept_call) {
        SOCKET a = accept(b->s, NULL, NULL);
        b->result = a == INVALID_SOCKET ? SOCKET_ERROR : 0;
    } else {
        b->result = recv(b->s, buf, sizeof buf, 0);
    }
    b->error = WSAGetLastError();
    b->took_ms = now_ms() - start;
    return 0;
}

int main(void)
{
    WSADATA wsaData;
    SOCKET l, c, a, a2, c2, u;
    SOCKADDR_IN laddr, addr, caddr;
    int len, n, err, i;
    char buf[64];
    DWORD timeout;
    long start, took;
    u_long nonblocking = 1;
    HANDLE th;
    struct blocked_call bc;
#ifndef _WIN32
    struct sigaction sa;

    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigpipe;
    sigaction(SIGPIPE, &sa, NULL);
#endif

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsaData) == 0, "WSAStartup");

    /* Winsock-specific failures of an unbound socket. */
    u = socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(u != INVALID_SOCKET, "socket");
    len = sizeof addr;
    CHECK_EQ(getsockname(u, (SOCKADDR *)&addr, &len), SOCKET_ERROR, "getsockname on an unbound socket fails");
    CHECK_EQ(WSAGetLastError(), WSAEINVAL, "... with WSAEINVAL");
    CHECK_EQ(listen(u, 5), SOCKET_ERROR, "listen without bind fails");
    CHECK_EQ(WSAGetLastError(), WSAEINVAL, "... with WSAEINVAL");
    len = sizeof addr;
    CHECK_EQ(getpeername(u, (SOCKADDR *)&addr, &len), SOCKET_ERROR, "getpeername on an unconnected socket fails");
    CHECK_EQ(WSAGetLastError(), WSAENOTCONN, "... with WSAENOTCONN");
    CHECK_EQ(shutdown(u, SD_SEND), SOCKET_ERROR, "shutdown on an unconnected stream socket fails");
    CHECK_EQ(WSAGetLastError(), WSAENOTCONN, "... with WSAENOTCONN");
    CHECK_EQ(accept(u, NULL, NULL), INVALID_SOCKET, "accept on a socket that is not listening fails");
    CHECK_EQ(WSAGetLastError(), WSAEINVAL, "... with WSAEINVAL");
    CHECK_EQ(recv(u, buf, sizeof buf, 0), SOCKET_ERROR, "recv on an unconnected stream socket fails");
    CHECK_EQ(WSAGetLastError(), WSAENOTCONN, "... with WSAENOTCONN");
    CHECK_EQ(send(u, "x", 1, 0), SOCKET_ERROR, "send on an unconnected stream socket fails");
    CHECK_EQ(WSAGetLastError(), WSAENOTCONN, "... with WSAENOTCONN");

    /* bind, listen, getsockname. */
    l = make_listener(&laddr, 5);
    REQUIRE(l != INVALID_SOCKET, "bind + listen + getsockname on 127.0.0.1:0");
    CHECK(laddr.sin_port != 0 && laddr.sin_addr.s_addr == inet_addr("127.0.0.1") && laddr.sin_family == AF_INET,
          "getsockname reports 127.0.0.1 and the port chosen");
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    CHECK_EQ(bind(l, (SOCKADDR *)&addr, sizeof addr), SOCKET_ERROR, "binding a bound socket again fails");
    CHECK_EQ(WSAGetLastError(), WSAEINVAL, "... with WSAEINVAL");
    CHECK_EQ(connect(l, (SOCKADDR *)&laddr, sizeof laddr), SOCKET_ERROR, "connect on a listening socket fails");
    CHECK_EQ(WSAGetLastError(), WSAEINVAL, "... with WSAEINVAL");

    /* connect and accept. */
    c = connected_client(&laddr);
    REQUIRE(c != INVALID_SOCKET, "a blocking connect to the listener succeeds");
    len = sizeof addr;
    CHECK(getpeername(c, (SOCKADDR *)&addr, &len) == 0 && same_addr(&addr, &laddr), "getpeername names the listener");
    len = sizeof caddr;
    CHECK(getsockname(c, (SOCKADDR *)&caddr, &len) == 0 && caddr.sin_port != 0, "the client was bound implicitly");
    CHECK_EQ(connect(c, (SOCKADDR *)&laddr, sizeof laddr), SOCKET_ERROR, "connecting a connected socket fails");
    CHECK_EQ(WSAGetLastError(), WSAEISCONN, "... with WSAEISCONN");

    len = sizeof(SOCKADDR_IN) - 1;
    CHECK_EQ(accept(l, (SOCKADDR *)&addr, &len), INVALID_SOCKET, "accept with addrlen too small fails");
    CHECK_EQ(WSAGetLastError(), WSAEFAULT, "... with WSAEFAULT");
    len = sizeof addr;
    memset(&addr, 0, sizeof addr);
    a = accept(l, (SOCKADDR *)&addr, &len);
    REQUIRE(a != INVALID_SOCKET, "the connection is still there for the next accept");
    CHECK_EQ(len, sizeof(SOCKADDR_IN), "accept sets addrlen to the address size");
    CHECK(same_addr(&addr, &caddr), "accept reports the client's address");
    len = sizeof addr;
    CHECK(getsockname(a, (SOCKADDR *)&addr, &len) == 0 && same_addr(&addr, &laddr), "the accepted socket's local address is the listener's");
    len = sizeof addr;
    CHECK(getpeername(a, (SOCKADDR *)&addr, &len) == 0 && same_addr(&addr, &caddr), "the accepted socket's peer is the client");

    c2 = connected_client(&laddr);
    REQUIRE(c2 != INVALID_SOCKET, "a second client connects");
    a2 = accept(l, NULL, NULL);
    CHECK(a2 != INVALID_SOCKET, "accept with NULL addr and addrlen");
    closesocket(a2);
    closesocket(c2);

    /* send and recv. */
    CHECK_EQ(send(c, "hello winsock", 13, 0), 13, "send returns the bytes sent");
    memset(buf, 0, sizeof buf);
    n = recv(a, buf, sizeof buf, 0);
    CHECK_EQ(n, 13, "recv returns the bytes received");
    CHECK(memcmp(buf, "hello winsock", 13) == 0, "... and they are the bytes sent");
    CHECK_EQ(send(a, "pong", 4, 0), 4, "the accepted socket sends back");
    n = recv(c, buf, sizeof buf, MSG_PEEK);
    CHECK(n == 4 && memcmp(buf, "pong", 4) == 0, "MSG_PEEK sees the reply");
    n = recv(c, buf, 2, 0);
    CHECK(n == 2 && memcmp(buf, "po", 2) == 0, "a short recv takes part of the stream");
    n = recv(c, buf, sizeof buf, 0);
    CHECK(n == 2 && memcmp(buf, "ng", 2) == 0, "... and the next recv the rest");
    CHECK_EQ(send(c, "", 0, 0), 0, "a zero-length send returns 0");

    /* shutdown(SD_SEND): the peer reads 0, local sends fail with WSAESHUTDOWN; the other
     * direction still works. */
    CHECK_EQ(shutdown(c, 3), SOCKET_ERROR, "shutdown with an unknown how fails");
    CHECK_EQ(WSAGetLastError(), WSAEINVAL, "... with WSAEINVAL");
    CHECK_EQ(shutdown(c, SD_SEND), 0, "shutdown(SD_SEND)");
    CHECK_EQ(recv(a, buf, sizeof buf, 0), 0, "the peer's recv returns 0 (graceful close)");
    CHECK_EQ(send(c, "late", 4, 0), SOCKET_ERROR, "send after SD_SEND fails");
    CHECK_EQ(WSAGetLastError(), WSAESHUTDOWN, "... with WSAESHUTDOWN");
    CHECK_EQ(send(a, "still", 5, 0), 5, "the peer can still send");
    n = recv(c, buf, sizeof buf, 0);
    CHECK(n == 5 && memcmp(buf, "still", 5) == 0, "... and the half-closed side still receives");
    closesocket(a);
    closesocket(c);

    /* Sending to a peer that has gone: an error, never SIGPIPE. */
    c = connected_client(&laddr);
    REQUIRE(c != INVALID_SOCKET, "connect");
    a = accept(l, NULL, NULL);
    REQUIRE(a != INVALID_SOCKET, "accept");
    closesocket(a);
    err = 0;
    for (i = 0; i < 200 && err == 0; i++) {
        if (send(c, "data", 4, 0) == SOCKET_ERROR)
            err = WSAGetLastError();
        else
            sleep_ms(5);
    }
    CHECK_EQ(err, WSAECONNRESET, "sending to a closed peer eventually fails with WSAECONNRESET");
    CHECK_EQ(sigpipes, 0, "... and no SIGPIPE was raised");
    CHECK_EQ(send(c, "more", 4, 0), SOCKET_ERROR, "further sends fail too");
    CHECK_EQ(sigpipes, 0, "... still without SIGPIPE");
    closesocket(c);

    /* Non-blocking connect: WSAEWOULDBLOCK, then WSAEALREADY while pending, WSAEISCONN after. */
    c = socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(c != INVALID_SOCKET, "socket");
    CHECK_EQ(ioctlsocket(c, FIONBIO, &nonblocking), 0, "ioctlsocket(FIONBIO, 1)");
    err = connect(c, (SOCKADDR *)&laddr, sizeof laddr) == SOCKET_ERROR ? WSAGetLastError() : 0;
    CHECK_EQ(err, WSAEWOULDBLOCK, "a non-blocking connect fails with WSAEWOULDBLOCK (not WSAEINPROGRESS)");
    CHECK_EQ(wait_connect(c, 2000), 1, "select reports it writable once connected");
    CHECK_EQ(connect(c, (SOCKADDR *)&laddr, sizeof laddr), SOCKET_ERROR, "connect again after it completed fails");
    CHECK_EQ(WSAGetLastError(), WSAEISCONN, "... with WSAEISCONN");
    CHECK_EQ(connect(c, (SOCKADDR *)&laddr, sizeof laddr), SOCKET_ERROR, "and again");
    CHECK_EQ(WSAGetLastError(), WSAEISCONN, "... still WSAEISCONN");
    a = accept(l, NULL, NULL);
    CHECK(a != INVALID_SOCKET, "the listener accepts it");
    CHECK_EQ(send(c, "nb", 2, 0), 2, "the connected non-blocking socket sends");
    CHECK_EQ(recv(a, buf, sizeof buf, 0), 2, "... and the peer receives");
    CHECK_EQ(recv(c, buf, sizeof buf, 0), SOCKET_ERROR, "recv with nothing queued on a non-blocking socket fails");
    CHECK_EQ(WSAGetLastError(), WSAEWOULDBLOCK, "... with WSAEWOULDBLOCK");
    closesocket(a);
    closesocket(c);
    closesocket(l);

    /* A connect that stays pending (the listener's queue is full): WSAEALREADY. */
    l = make_listener(&laddr, 0);
    REQUIRE(l != INVALID_SOCKET, "a listener with backlog 0");
    c2 = connected_client(&laddr);
    REQUIRE(c2 != INVALID_SOCKET, "a first client fills its queue");
    c = socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(c != INVALID_SOCKET, "socket");
    ioctlsocket(c, FIONBIO, &nonblocking);
    err = connect(c, (SOCKADDR *)&laddr, sizeof laddr) == SOCKET_ERROR ? WSAGetLastError() : 0;
    CHECK_EQ(err, WSAEWOULDBLOCK, "a second non-blocking connect fails with WSAEWOULDBLOCK");
    sleep_ms(50);
    CHECK_EQ(wait_connect(c, 0), 0, "it is still pending");
    CHECK_EQ(connect(c, (SOCKADDR *)&laddr, sizeof laddr), SOCKET_ERROR, "connect again while pending fails");
    CHECK_EQ(WSAGetLastError(), WSAEALREADY, "... with WSAEALREADY");
    closesocket(c);
    closesocket(c2);
    closesocket(l);

    /* A refused non-blocking connect can be retried on the same socket. */
    l = make_listener(&laddr, 5);
    REQUIRE(l != INVALID_SOCKET, "listener");
    addr = laddr;
    u = make_listener(&addr, 5);
    REQUIRE(u != INVALID_SOCKET, "a second listener, closed at once to leave a refused port");
    closesocket(u);
    c = socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(c != INVALID_SOCKET, "socket");
    ioctlsocket(c, FIONBIO, &nonblocking);
    err = connect(c, (SOCKADDR *)&addr, sizeof addr) == SOCKET_ERROR ? WSAGetLastError() : 0;
    CHECK_EQ(err, WSAEWOULDBLOCK, "a non-blocking connect to a closed port fails with WSAEWOULDBLOCK");
    CHECK_EQ(wait_connect(c, 2000), 2, "select reports the failure in exceptfds, not writefds");
    err = -1;
    len = sizeof err;
    CHECK_EQ(getsockopt(c, SOL_SOCKET, SO_ERROR, (char *)&err, &len), 0, "getsockopt(SO_ERROR)");
    CHECK_EQ(err, WSAECONNREFUSED, "... is WSAECONNREFUSED");
    err = connect(c, (SOCKADDR *)&laddr, sizeof laddr) == SOCKET_ERROR ? WSAGetLastError() : 0;
    CHECK_EQ(err, WSAEWOULDBLOCK, "connecting the same socket again starts a new attempt (WSAEWOULDBLOCK)");
    CHECK_EQ(wait_connect(c, 2000), 1, "... which succeeds");
    a = accept(l, NULL, NULL);
    CHECK(a != INVALID_SOCKET, "... and is accepted");
    closesocket(a);
    closesocket(c);

    /* SO_RCVTIMEO: a DWORD of milliseconds; expiry is WSAETIMEDOUT. */
    c = connected_client(&laddr);
    REQUIRE(c != INVALID_SOCKET, "connect");
    a = accept(l, NULL, NULL);
    REQUIRE(a != INVALID_SOCKET, "accept");
    timeout = 300;
    CHECK_EQ(setsockopt(c, SOL_SOCKET, SO_RCVTIMEO, (const char *)&timeout, sizeof timeout), 0, "setsockopt(SO_RCVTIMEO, 300 ms as a DWORD)");
    start = now_ms();
    n = recv(c, buf, sizeof buf, 0);
    err = WSAGetLastError();
    took = now_ms() - start;
    CHECK_EQ(n, SOCKET_ERROR, "recv with nothing to read fails");
    CHECK_EQ(err, WSAETIMEDOUT, "... with WSAETIMEDOUT");
    CHECK(took >= 250 && took < 3000, "... after about 300 ms");

    /* closesocket wakes a blocking recv in another thread with WSAEINTR. */
    timeout = 0;
    setsockopt(c, SOL_SOCKET, SO_RCVTIMEO, (const char *)&timeout, sizeof timeout);
    memset(&bc, 0, sizeof bc);
    bc.s = c;
    REQUIRE((th = CreateThread(NULL, 0, blocked_thread, &bc, 0, NULL)) != NULL, "CreateThread");
    sleep_ms(200);
    CHECK_EQ(closesocket(c), 0, "closesocket while another thread is blocked in recv");
    WaitForSingleObject(th, INFINITE);
    CloseHandle(th);
    CHECK_EQ(bc.result, SOCKET_ERROR, "the blocked recv fails");
    CHECK_EQ(bc.error, WSAEINTR, "... with WSAEINTR");
    CHECK(bc.took_ms >= 50, "... after it had really blocked");
    closesocket(a);

    /* ... and a blocking accept. */
    memset(&bc, 0, sizeof bc);
    bc.s = l;
    bc.accept_call = 1;
    REQUIRE((th = CreateThread(NULL, 0, blocked_thread, &bc, 0, NULL)) != NULL, "CreateThread");
    sleep_ms(200);
    CHECK_EQ(closesocket(l), 0, "closesocket while another thread is blocked in accept");
    WaitForSingleObject(th, INFINITE);
    CloseHandle(th);
    CHECK_EQ(bc.result, SOCKET_ERROR, "the blocked accept fails");
    CHECK_EQ(bc.error, WSAEINTR, "... with WSAEINTR");

    /* IPv6 loopback. */
    {
        SOCKADDR_IN6 a6, p6;
        SOCKET l6 = socket(AF_INET6, SOCK_STREAM, 0), c6, s6;
        memset(&a6, 0, sizeof a6);
        a6.sin6_family = AF_INET6;
        a6.sin6_addr = in6addr_loopback;
        len = sizeof a6;
        REQUIRE(l6 != INVALID_SOCKET && bind(l6, (SOCKADDR *)&a6, sizeof a6) == 0 && listen(l6, 1) == 0 &&
                    getsockname(l6, (SOCKADDR *)&a6, &len) == 0,
                "an IPv6 listener on [::1]");
        CHECK_EQ(len, sizeof(SOCKADDR_IN6), "getsockname writes a sockaddr_in6");
        c6 = socket(AF_INET6, SOCK_STREAM, 0);
        CHECK_EQ(connect(c6, (SOCKADDR *)&a6, sizeof a6), 0, "connect to [::1]");
        len = sizeof(SOCKADDR_IN);
        CHECK_EQ(accept(l6, (SOCKADDR *)&p6, &len), INVALID_SOCKET, "accept with a sockaddr_in-sized buffer on IPv6 fails");
        CHECK_EQ(WSAGetLastError(), WSAEFAULT, "... with WSAEFAULT");
        len = sizeof p6;
        s6 = accept(l6, (SOCKADDR *)&p6, &len);
        CHECK(s6 != INVALID_SOCKET && len == sizeof(SOCKADDR_IN6) && p6.sin6_family == AF_INET6, "accept reports an IPv6 peer");
        CHECK_EQ(send(c6, "six", 3, 0), 3, "send over IPv6");
        CHECK_EQ(recv(s6, buf, sizeof buf, 0), 3, "recv over IPv6");
        closesocket(s6);
        s6 = socket(AF_INET6, SOCK_STREAM, 0);
        CHECK_EQ(connect(s6, (SOCKADDR *)&laddr, sizeof laddr), SOCKET_ERROR, "connect with an IPv4 address on an IPv6 socket fails");
        CHECK_EQ(WSAGetLastError(), WSAEAFNOSUPPORT, "... with WSAEAFNOSUPPORT");
        closesocket(s6);
        closesocket(c6);
        closesocket(l6);
    }

    CHECK_EQ(WSACleanup(), 0, "WSACleanup");
    return check_done();
}

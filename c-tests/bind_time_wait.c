/*
 * A server restarted at once binds its port again, as on Windows: the connections it closed
 * first are left in TIME_WAIT, and Windows' bind passes a port whose only users are in
 * TIME_WAIT (POSIX refuses it unless the old and the new socket both set SO_REUSEADDR). The
 * port stays refused while something really holds it: a listening server, a bound socket.
 * Written as such servers are: fixed port, no socket options.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include "check.h"

static SOCKET listener_on(u_short port, int *err)
{
    SOCKADDR_IN sin;
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    memset(&sin, 0, sizeof sin);
    sin.sin_family = AF_INET;
    sin.sin_addr.s_addr = htonl(INADDR_ANY);
    sin.sin_port = port;
    *err = 0;
    if (bind(s, (SOCKADDR *)&sin, sizeof sin) == SOCKET_ERROR || listen(s, SOMAXCONN) == SOCKET_ERROR) {
        *err = WSAGetLastError();
        closesocket(s);
        return INVALID_SOCKET;
    }
    return s;
}

/* One client served: the server closes first (its end goes to TIME_WAIT), then the client. */
static int serve_one(SOCKET server, u_short port, const char *text)
{
    SOCKADDR_IN sin;
    SOCKET c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP), a;
    char buf[32];
    int n, len = (int)strlen(text);
    memset(&sin, 0, sizeof sin);
    sin.sin_family = AF_INET;
    sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    sin.sin_port = port;
    if (connect(c, (SOCKADDR *)&sin, sizeof sin) == SOCKET_ERROR)
        return 0;
    a = accept(server, NULL, NULL);
    if (a == INVALID_SOCKET)
        return 0;
    send(c, text, len, 0);
    n = recv(a, buf, sizeof buf, 0);
    closesocket(a);
    Sleep(20);
    closesocket(c);
    return n == len && memcmp(buf, text, (size_t)len) == 0;
}

int main(void)
{
    WSADATA wsa;
    SOCKET server, other;
    SOCKADDR_IN sin;
    int len = sizeof sin, err, v = -1;
    u_short port;

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");

    /* A free port to use as the server's fixed one. */
    server = listener_on(0, &err);
    REQUIRE(server != INVALID_SOCKET, "first server listens");
    REQUIRE(getsockname(server, (SOCKADDR *)&sin, &len) == 0, "getsockname");
    port = sin.sin_port;
    CHECK(serve_one(server, port, "first"), "first server answers a client");
    CHECK(serve_one(server, port, "again"), "... and a second one");
    closesocket(server);
    Sleep(100);

    /* The restarted server binds the same port at once. */
    server = listener_on(port, &err);
    CHECK(server != INVALID_SOCKET, "restarted server binds and listens on its port (connections in TIME_WAIT)");
    CHECK_EQ(err, 0, "... no error");
    if (server != INVALID_SOCKET) {
        len = sizeof v;
        CHECK(getsockopt(server, SOL_SOCKET, SO_REUSEADDR, (char *)&v, &len) == 0 && v == 0,
              "SO_REUSEADDR still reads FALSE");
        CHECK(serve_one(server, port, "restarted"), "restarted server answers a client");

        /* While it listens, nobody else binds the port. */
        other = listener_on(port, &err);
        CHECK(other == INVALID_SOCKET, "a second server on the port is refused");
        CHECK_EQ(err, WSAEADDRINUSE, "... WSAEADDRINUSE");
        closesocket(server);
        Sleep(100);
    }

    /* Restarted again, with nothing but TIME_WAIT left from two generations. */
    server = listener_on(port, &err);
    CHECK(server != INVALID_SOCKET, "third start binds too");
    if (server != INVALID_SOCKET) {
        /* A bound socket holds the port against a plain bind, as on Windows. */
        SOCKET bound;
        closesocket(server);
        Sleep(50);
        bound = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        memset(&sin, 0, sizeof sin);
        sin.sin_family = AF_INET;
        sin.sin_addr.s_addr = htonl(INADDR_ANY);
        sin.sin_port = port;
        CHECK_EQ(bind(bound, (SOCKADDR *)&sin, sizeof sin), 0, "a plain bind of the port (TIME_WAIT only)");
        other = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        CHECK(bind(other, (SOCKADDR *)&sin, sizeof sin) == SOCKET_ERROR && WSAGetLastError() == WSAEADDRINUSE,
              "a second plain bind of a port a bound socket holds: WSAEADDRINUSE");
        closesocket(other);
        closesocket(bound);
    }

    WSACleanup();
    return check_done();
}

/*
 * Socket options and ioctls with Windows' value types (docs/WINDOWS.md §1.1, §5.4, §7.5): BOOL
 * options as 4-byte BOOL and as 1-byte char, SO_LINGER as Windows' {u_short, u_short} and as
 * the native struct linger, SO_DONTLINGER, SO_RCVTIMEO/SO_SNDTIMEO as a DWORD of milliseconds
 * and as struct timeval, SO_ERROR, unknown options and levels, ioctlsocket FIONBIO/FIONREAD/
 * SIOCATMARK with the program's u_long, and WSAIoctl's buffer-size rules.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include "check.h"

/* Windows' struct linger, as a program written for Windows declares it. */
typedef struct {
    u_short l_onoff;
    u_short l_linger;
} WIN_LINGER;

static int get_int(SOCKET s, int level, int name, int *len)
{
    int v = -1;
    *len = sizeof v;
    if (getsockopt(s, level, name, (char *)&v, len) == SOCKET_ERROR)
        return -1000 - WSAGetLastError();
    return v;
}

/* A BOOL option read into a zeroed BOOL (Windows writes one byte for some of them). */
static int get_bool(SOCKET s, int level, int name, int *len)
{
    BOOL v = 0;
    *len = sizeof v;
    if (getsockopt(s, level, name, (char *)&v, len) == SOCKET_ERROR)
        return -1000 - WSAGetLastError();
    return v;
}

/* One BOOL option, set both ways (4-byte BOOL and 1-byte char) and read back; getsockopt
 * reports `size` bytes (Windows keeps SO_KEEPALIVE and TCP_NODELAY in one byte). */
static void check_bool_option(SOCKET s, int level, int name, int size, const char *what)
{
    char msg[160];
    BOOL on = TRUE, off = FALSE, five = 5;
    char c_on = 1, c_off = 0;
    int len;

    snprintf(msg, sizeof msg, "%s: set as a 4-byte BOOL TRUE", what);
    CHECK_EQ(setsockopt(s, level, name, (const char *)&on, sizeof on), 0, msg);
    snprintf(msg, sizeof msg, "%s: reads back TRUE (1)", what);
    CHECK_EQ(get_bool(s, level, name, &len), 1, msg);
    snprintf(msg, sizeof msg, "%s: getsockopt writes %d byte(s)", what, size);
    CHECK_EQ(len, size, msg);
    snprintf(msg, sizeof msg, "%s: set as a 4-byte BOOL FALSE", what);
    CHECK_EQ(setsockopt(s, level, name, (const char *)&off, sizeof off), 0, msg);
    snprintf(msg, sizeof msg, "%s: reads back FALSE", what);
    CHECK_EQ(get_bool(s, level, name, &len), 0, msg);
    snprintf(msg, sizeof msg, "%s: set as a 1-byte char TRUE", what);
    CHECK_EQ(setsockopt(s, level, name, &c_on, 1), 0, msg);
    snprintf(msg, sizeof msg, "%s: reads back TRUE", what);
    CHECK_EQ(get_bool(s, level, name, &len), 1, msg);
    snprintf(msg, sizeof msg, "%s: set as a 1-byte char FALSE", what);
    CHECK_EQ(setsockopt(s, level, name, &c_off, 1), 0, msg);
    snprintf(msg, sizeof msg, "%s: reads back FALSE", what);
    CHECK_EQ(get_bool(s, level, name, &len), 0, msg);
    snprintf(msg, sizeof msg, "%s: a BOOL of 5 is TRUE, read back as 1", what);
    CHECK(setsockopt(s, level, name, (const char *)&five, sizeof five) == 0 && get_bool(s, level, name, &len) == 1, msg);
}

int main(void)
{
    WSADATA wsaData;
    SOCKET t, u, l, c, a;
    SOCKADDR_IN addr;
    WIN_LINGER wl;
    struct linger nl;
    struct timeval tv;
    DWORD ms, returned;
    BOOL b;
    int len, v, i;
    u_long arg;
    char buf[16];
    fd_set rs;

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsaData) == 0, "WSAStartup");
    t = socket(AF_INET, SOCK_STREAM, 0);
    u = socket(AF_INET, SOCK_DGRAM, 0);
    REQUIRE(t != INVALID_SOCKET && u != INVALID_SOCKET, "a TCP and a UDP socket");

    /* BOOL options. */
    check_bool_option(t, SOL_SOCKET, SO_REUSEADDR, 4, "SO_REUSEADDR");
    check_bool_option(t, SOL_SOCKET, SO_KEEPALIVE, 1, "SO_KEEPALIVE");
    check_bool_option(t, IPPROTO_TCP, TCP_NODELAY, 1, "TCP_NODELAY");
    check_bool_option(u, SOL_SOCKET, SO_BROADCAST, 4, "SO_BROADCAST");
    CHECK_EQ(get_int(t, SOL_SOCKET, SO_TYPE, &len), SOCK_STREAM, "SO_TYPE is SOCK_STREAM");
    CHECK_EQ(get_int(u, SOL_SOCKET, SO_TYPE, &len), SOCK_DGRAM, "SO_TYPE is SOCK_DGRAM");

    /* SO_LINGER: Windows' 4-byte struct and the native one, both ways. */
    wl.l_onoff = 1;
    wl.l_linger = 5;
    CHECK_EQ(setsockopt(t, SOL_SOCKET, SO_LINGER, (const char *)&wl, sizeof wl), 0, "SO_LINGER set with Windows' 4-byte {1, 5}");
    memset(&wl, 0xff, sizeof wl);
    len = sizeof wl;
    CHECK_EQ(getsockopt(t, SOL_SOCKET, SO_LINGER, (char *)&wl, &len), 0, "SO_LINGER read into a 4-byte struct");
    CHECK(len == 4 && wl.l_onoff == 1 && wl.l_linger == 5, "... gives {1, 5} in 4 bytes");
    memset(&nl, 0xff, sizeof nl);
    len = sizeof nl;
    CHECK_EQ(getsockopt(t, SOL_SOCKET, SO_LINGER, (char *)&nl, &len), 0, "SO_LINGER read into the native struct linger");
    CHECK(len == sizeof nl && nl.l_onoff != 0 && nl.l_linger == 5, "... gives {on, 5} in the native layout");
    nl.l_onoff = 1;
    nl.l_linger = 7;
    CHECK_EQ(setsockopt(t, SOL_SOCKET, SO_LINGER, (const char *)&nl, sizeof nl), 0, "SO_LINGER set with the native struct linger {1, 7}");
    len = sizeof wl;
    CHECK(getsockopt(t, SOL_SOCKET, SO_LINGER, (char *)&wl, &len) == 0 && wl.l_onoff == 1 && wl.l_linger == 7,
          "... reads back {1, 7} as Windows' struct");
    len = 2;
    CHECK_EQ(getsockopt(t, SOL_SOCKET, SO_LINGER, (char *)&wl, &len), SOCKET_ERROR, "SO_LINGER with optlen 2 fails");
    CHECK_EQ(WSAGetLastError(), WSAEFAULT, "... with WSAEFAULT");
    wl.l_onoff = 1;
    wl.l_linger = 1;
    CHECK_EQ(setsockopt(u, SOL_SOCKET, SO_LINGER, (const char *)&wl, sizeof wl), SOCKET_ERROR, "SO_LINGER on a UDP socket fails");
    CHECK_EQ(WSAGetLastError(), WSAENOPROTOOPT, "... with WSAENOPROTOOPT");

    /* SO_DONTLINGER: only l_onoff, the linger time is kept. */
    b = TRUE;
    CHECK_EQ(setsockopt(t, SOL_SOCKET, SO_DONTLINGER, (const char *)&b, sizeof b), 0, "SO_DONTLINGER TRUE");
    CHECK_EQ(get_int(t, SOL_SOCKET, SO_DONTLINGER, &len), 1, "... reads back TRUE");
    len = sizeof wl;
    CHECK(getsockopt(t, SOL_SOCKET, SO_LINGER, (char *)&wl, &len) == 0 && wl.l_onoff == 0, "... and SO_LINGER's l_onoff is 0");
    CHECK_EQ(wl.l_linger, 7, "... with l_linger untouched");
    b = FALSE;
    CHECK_EQ(setsockopt(t, SOL_SOCKET, SO_DONTLINGER, (const char *)&b, sizeof b), 0, "SO_DONTLINGER FALSE");
    CHECK_EQ(get_int(t, SOL_SOCKET, SO_DONTLINGER, &len), 0, "... reads back FALSE");
    len = sizeof wl;
    CHECK(getsockopt(t, SOL_SOCKET, SO_LINGER, (char *)&wl, &len) == 0 && wl.l_onoff != 0 && wl.l_linger == 7,
          "... lingers again for the 7 seconds set before (not an abortive 0)");

    /* SO_RCVTIMEO / SO_SNDTIMEO: a DWORD of milliseconds, or a struct timeval. */
    ms = 1500;
    CHECK_EQ(setsockopt(t, SOL_SOCKET, SO_RCVTIMEO, (const char *)&ms, sizeof ms), 0, "SO_RCVTIMEO set to 1500 as a DWORD");
    ms = 0;
    len = sizeof ms;
    CHECK(getsockopt(t, SOL_SOCKET, SO_RCVTIMEO, (char *)&ms, &len) == 0 && len == 4 && ms == 1500,
          "... reads back 1500 into a DWORD");
    memset(&tv, 0, sizeof tv);
    len = sizeof tv;
    CHECK(getsockopt(t, SOL_SOCKET, SO_RCVTIMEO, (char *)&tv, &len) == 0 && len == sizeof tv && tv.tv_sec == 1 &&
              tv.tv_usec == 500000,
          "... and reads back {1 s, 500000 us} into a struct timeval");
    tv.tv_sec = 2;
    tv.tv_usec = 500000;
    CHECK_EQ(setsockopt(t, SOL_SOCKET, SO_RCVTIMEO, (const char *)&tv, sizeof tv), 0, "SO_RCVTIMEO set with a struct timeval");
    len = sizeof ms;
    CHECK(getsockopt(t, SOL_SOCKET, SO_RCVTIMEO, (char *)&ms, &len) == 0 && ms == 2500, "... reads back 2500 ms");
    ms = 0;
    CHECK_EQ(setsockopt(t, SOL_SOCKET, SO_RCVTIMEO, (const char *)&ms, sizeof ms), 0, "SO_RCVTIMEO 0 (no timeout)");
    ms = 99;
    len = sizeof ms;
    CHECK(getsockopt(t, SOL_SOCKET, SO_RCVTIMEO, (char *)&ms, &len) == 0 && ms == 0, "... reads back 0");
    ms = 1000;
    CHECK_EQ(setsockopt(t, SOL_SOCKET, SO_SNDTIMEO, (const char *)&ms, sizeof ms), 0, "SO_SNDTIMEO set to 1000 as a DWORD");
    ms = 0;
    len = sizeof ms;
    CHECK(getsockopt(t, SOL_SOCKET, SO_SNDTIMEO, (char *)&ms, &len) == 0 && ms == 1000, "... reads back 1000");
    len = 2;
    CHECK_EQ(getsockopt(t, SOL_SOCKET, SO_SNDTIMEO, (char *)&ms, &len), SOCKET_ERROR, "SO_SNDTIMEO with optlen 2 fails");
    CHECK_EQ(WSAGetLastError(), WSAEFAULT, "... with WSAEFAULT");

    /* Unknown options and levels. */
    v = 1;
    CHECK_EQ(setsockopt(t, SOL_SOCKET, 0x7777, (const char *)&v, sizeof v), SOCKET_ERROR, "setsockopt of an unknown SOL_SOCKET option fails");
    CHECK_EQ(WSAGetLastError(), WSAENOPROTOOPT, "... with WSAENOPROTOOPT");
    CHECK_EQ(get_int(t, SOL_SOCKET, 0x7777, &len), -1000 - WSAENOPROTOOPT, "getsockopt of it fails with WSAENOPROTOOPT");
    CHECK_EQ(setsockopt(t, IPPROTO_TCP, 0x7777, (const char *)&v, sizeof v), SOCKET_ERROR, "an unknown IPPROTO_TCP option fails");
    CHECK_EQ(WSAGetLastError(), WSAENOPROTOOPT, "... with WSAENOPROTOOPT");
    CHECK_EQ(setsockopt(t, 0x1234, 1, (const char *)&v, sizeof v), SOCKET_ERROR, "setsockopt at an unknown level fails");
    CHECK_EQ(WSAGetLastError(), WSAEINVAL, "... with WSAEINVAL");
    CHECK_EQ(get_int(t, 0x1234, 1, &len), -1000 - WSAEINVAL, "getsockopt at an unknown level fails with WSAEINVAL");
    CHECK_EQ(setsockopt(t, SOL_SOCKET, SO_PROTOCOL_INFOA, (const char *)&v, sizeof v), SOCKET_ERROR, "SO_PROTOCOL_INFO is read-only");
    CHECK_EQ(WSAGetLastError(), WSAENOPROTOOPT, "... WSAENOPROTOOPT");

    /* SO_ERROR: a WSAE code; reading it clears WSAGetLastError. A failed connect's error stays
     * until a connection succeeds (connect_refused_so_error.c). */
    WSASetLastError(WSAEWOULDBLOCK);
    CHECK_EQ(get_int(t, SOL_SOCKET, SO_ERROR, &len), 0, "SO_ERROR of a healthy socket is 0");
    CHECK_EQ(WSAGetLastError(), 0, "... and reading it cleared WSAGetLastError");
    l = socket(AF_INET, SOCK_STREAM, 0);
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = inet_addr("127.0.0.1");
    len = sizeof addr;
    REQUIRE(l != INVALID_SOCKET && bind(l, (SOCKADDR *)&addr, sizeof addr) == 0 && getsockname(l, (SOCKADDR *)&addr, &len) == 0,
            "a bound, never-listening socket gives a port that refuses connections");
    c = socket(AF_INET, SOCK_STREAM, 0);
    arg = 1;
    ioctlsocket(c, FIONBIO, &arg);
    connect(c, (SOCKADDR *)&addr, sizeof addr);
    {
        fd_set ws, es;
        struct timeval two = {2, 0};
        FD_ZERO(&ws);
        FD_ZERO(&es);
        FD_SET(c, &ws);
        FD_SET(c, &es);
        select(0, NULL, &ws, &es, &two);
    }
    WSASetLastError(WSAEWOULDBLOCK);
    CHECK_EQ(get_int(c, SOL_SOCKET, SO_ERROR, &len), WSAECONNREFUSED, "SO_ERROR after a refused connect is WSAECONNREFUSED (10061), not an errno");
    CHECK_EQ(WSAGetLastError(), 0, "... and WSAGetLastError is 0 afterwards");
    CHECK_EQ(get_int(c, SOL_SOCKET, SO_ERROR, &len), WSAECONNREFUSED,
             "reading SO_ERROR again gives the same error (Windows keeps it)");
    closesocket(c);
    len = 2;
    CHECK_EQ(getsockopt(t, SOL_SOCKET, SO_ERROR, (char *)&v, &len), SOCKET_ERROR, "SO_ERROR with optlen 2 fails");
    CHECK_EQ(WSAGetLastError(), WSAEFAULT, "... with WSAEFAULT");

    /* ioctlsocket with the program's own u_long. */
    REQUIRE(listen(l, 5) == 0, "listen");
    c = socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(connect(c, (SOCKADDR *)&addr, sizeof addr) == 0, "connect");
    a = accept(l, NULL, NULL);
    REQUIRE(a != INVALID_SOCKET, "accept");
    arg = 1;
    CHECK_EQ(ioctlsocket(a, FIONBIO, &arg), 0, "ioctlsocket(FIONBIO, 1)");
    CHECK_EQ(arg, 1, "... leaves the u_long as it was");
    CHECK_EQ(recv(a, buf, sizeof buf, 0), SOCKET_ERROR, "recv with nothing queued now fails");
    CHECK_EQ(WSAGetLastError(), WSAEWOULDBLOCK, "... with WSAEWOULDBLOCK");
    arg = 0;
    CHECK_EQ(ioctlsocket(a, FIONBIO, &arg), 0, "ioctlsocket(FIONBIO, 0)");
    ms = 200;
    setsockopt(a, SOL_SOCKET, SO_RCVTIMEO, (const char *)&ms, sizeof ms);
    CHECK_EQ(recv(a, buf, sizeof buf, 0), SOCKET_ERROR, "recv on the blocking socket fails after SO_RCVTIMEO");
    CHECK_EQ(WSAGetLastError(), WSAETIMEDOUT, "... with WSAETIMEDOUT: it was blocking again");
    arg = 12345;
    CHECK_EQ(ioctlsocket(a, FIONREAD, &arg), 0, "ioctlsocket(FIONREAD) with nothing queued");
    CHECK_EQ(arg, 0, "... is 0");
    CHECK_EQ(send(c, "12345", 5, 0), 5, "the peer sends 5 bytes");
    FD_ZERO(&rs);
    FD_SET(a, &rs);
    {
        struct timeval two = {2, 0};
        REQUIRE(select(0, &rs, NULL, NULL, &two) == 1, "they arrive");
    }
    arg = 0;
    CHECK_EQ(ioctlsocket(a, FIONREAD, &arg), 0, "ioctlsocket(FIONREAD)");
    CHECK_EQ(arg, 5, "... reports 5 bytes");
    arg = 0;
    CHECK_EQ(ioctlsocket(a, SIOCATMARK, &arg), 0, "ioctlsocket(SIOCATMARK)");
    CHECK(arg != 0, "... is TRUE: no out-of-band data is waiting");
    arg = 1;
    CHECK_EQ(ioctlsocket(a, 0x12345678, &arg), SOCKET_ERROR, "an unknown ioctlsocket command fails");
    CHECK_EQ(WSAGetLastError(), WSAEINVAL, "... with WSAEINVAL");
    CHECK_EQ(ioctlsocket(a, 0x8004667D /* FIOASYNC */, &arg), SOCKET_ERROR, "FIOASYNC is not supported");
    CHECK_EQ(WSAGetLastError(), WSAEINVAL, "... WSAEINVAL");

    /* WSAIoctl: 4-byte buffers; too small is WSAEFAULT. */
    {
        DWORD in = 1, out = 0;
        returned = 99;
        CHECK_EQ(WSAIoctl(a, FIONREAD, NULL, 0, &out, sizeof out, &returned, NULL, NULL), 0, "WSAIoctl(FIONREAD)");
        CHECK(out == 5 && returned == 4, "... writes 5 into a 4-byte output and reports 4 bytes returned");
        CHECK_EQ(WSAIoctl(a, FIONREAD, NULL, 0, &out, 2, &returned, NULL, NULL), SOCKET_ERROR, "WSAIoctl(FIONREAD) with cbOutBuffer 2 fails");
        CHECK_EQ(WSAGetLastError(), WSAEFAULT, "... with WSAEFAULT");
        CHECK_EQ(WSAIoctl(a, FIONREAD, NULL, 0, NULL, 4, &returned, NULL, NULL), SOCKET_ERROR, "WSAIoctl(FIONREAD) with a NULL output fails");
        CHECK_EQ(WSAGetLastError(), WSAEFAULT, "... with WSAEFAULT");
        CHECK_EQ(WSAIoctl(a, FIONREAD, NULL, 0, &out, sizeof out, NULL, NULL, NULL), SOCKET_ERROR, "WSAIoctl without lpcbBytesReturned fails");
        CHECK_EQ(WSAGetLastError(), WSAEFAULT, "... with WSAEFAULT");
        returned = 99;
        CHECK_EQ(WSAIoctl(a, FIONBIO, &in, sizeof in, NULL, 0, &returned, NULL, NULL), 0, "WSAIoctl(FIONBIO, 1)");
        CHECK_EQ(returned, 0, "... returns no bytes");
        CHECK_EQ(recv(a, buf, sizeof buf, 0), 5, "recv takes the 5 bytes");
        CHECK_EQ(recv(a, buf, sizeof buf, 0), SOCKET_ERROR, "... and then fails");
        CHECK_EQ(WSAGetLastError(), WSAEWOULDBLOCK, "... with WSAEWOULDBLOCK: WSAIoctl made it non-blocking");
        CHECK_EQ(WSAIoctl(a, FIONBIO, &in, 2, NULL, 0, &returned, NULL, NULL), SOCKET_ERROR, "WSAIoctl(FIONBIO) with cbInBuffer 2 fails");
        CHECK_EQ(WSAGetLastError(), WSAEFAULT, "... with WSAEFAULT");
        CHECK_EQ(WSAIoctl(a, FIONBIO, NULL, 4, NULL, 0, &returned, NULL, NULL), SOCKET_ERROR, "WSAIoctl(FIONBIO) with a NULL input fails");
        CHECK_EQ(WSAGetLastError(), WSAEFAULT, "... with WSAEFAULT");
        CHECK_EQ(WSAIoctl(a, 0x12345678, &in, sizeof in, &out, sizeof out, &returned, NULL, NULL), SOCKET_ERROR, "an unknown WSAIoctl code fails");
        CHECK_EQ(WSAGetLastError(), WSAEOPNOTSUPP, "... with WSAEOPNOTSUPP, as Windows");
    }

    /* Many options on the same socket do not disturb each other. */
    for (i = 0; i < 3; i++) {
        v = 65536;
        CHECK_EQ(setsockopt(t, SOL_SOCKET, SO_RCVBUF, (const char *)&v, sizeof v), 0, "SO_RCVBUF as an int");
    }
    CHECK(get_int(t, SOL_SOCKET, SO_RCVBUF, &len) >= 65536, "SO_RCVBUF reads back at least what was set");

    closesocket(a);
    closesocket(c);
    closesocket(l);
    closesocket(t);
    closesocket(u);
    CHECK_EQ(WSACleanup(), 0, "WSACleanup");
    return check_done();
}

/*
 * Every exported function given what careless or hostile code passes: calls before
 * WSAStartup, SOCKET values that are no socket (0, 99999, INVALID_SOCKET, a closed socket, a
 * pipe, a socket ws2mp did not create, a value above any fd), NULL pointers, zero, negative
 * and huge lengths, invalid event handles. Each call must fail with the Winsock error Windows
 * gives (or ws2mp's documented choice where the reference is silent), and never crash, hang,
 * read out of bounds or leak (this test runs under AddressSanitizer with leak detection).
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <limits.h>
#ifndef _WIN32
#include <fcntl.h>
#include <unistd.h>
#endif
#include "check.h"

/* The functions that take a SOCKET, each called with otherwise valid arguments. */
enum {
    F_EVENTSELECT,
    F_ENUMNETWORKEVENTS,
    F_RECV,
    F_RECVFROM,
    F_SEND,
    F_SENDTO,
    F_WSASEND,
    F_WSASENDTO,
    F_WSARECV,
    F_WSARECVFROM,
    F_SETSOCKOPT,
    F_GETSOCKOPT,
    F_IOCTLSOCKET,
    F_WSAIOCTL,
    F_CLOSESOCKET,
    F_BIND,
    F_LISTEN,
    F_ACCEPT,
    F_WSAACCEPT,
    F_CONNECT,
    F_WSACONNECT,
    F_SHUTDOWN,
    F_GETSOCKNAME,
    F_GETPEERNAME,
    F_SELECT,
    F_JOINLEAF,
    F_COUNT
};

static const char *const fname[F_COUNT] = {
    "WSAEventSelect", "WSAEnumNetworkEvents", "recv", "recvfrom", "send", "sendto", "WSASend",
    "WSASendTo", "WSARecv", "WSARecvFrom", "setsockopt", "getsockopt", "ioctlsocket", "WSAIoctl",
    "closesocket", "bind", "listen", "accept", "WSAAccept", "connect", "WSAConnect", "shutdown",
    "getsockname", "getpeername", "select", "WSAJoinLeaf",
};

static int condition_calls = 0;

static int CALLBACK accept_all(LPWSABUF a, LPWSABUF b, LPQOS c, LPQOS d, LPWSABUF e, LPWSABUF f, GROUP *g, DWORD_PTR h)
{
    (void)a, (void)b, (void)c, (void)d, (void)e, (void)f, (void)g, (void)h;
    condition_calls++;
    return CF_ACCEPT;
}

/* Calls function f on s; returns 1 if the call returned its failure value. */
static int call_on(int f, SOCKET s, WSAEVENT ev)
{
    char buf[16] = "data";
    WSABUF wb;
    DWORD n = 0, flags = 0, in = 1, out = 0;
    SOCKADDR_IN sin;
    int len = sizeof sin, v = 1;
    u_long arg = 1;
    WSANETWORKEVENTS ne;
    fd_set rs;
    struct timeval tv = {0, 0};

    wb.buf = buf;
    wb.len = sizeof buf;
    memset(&sin, 0, sizeof sin);
    sin.sin_family = AF_INET;
    sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    sin.sin_port = htons(9);
    switch (f) {
    case F_EVENTSELECT: return WSAEventSelect(s, ev, FD_READ) == SOCKET_ERROR;
    case F_ENUMNETWORKEVENTS: return WSAEnumNetworkEvents(s, ev, &ne) == SOCKET_ERROR;
    case F_RECV: return recv(s, buf, sizeof buf, 0) == SOCKET_ERROR;
    case F_RECVFROM: return recvfrom(s, buf, sizeof buf, 0, (SOCKADDR *)&sin, &len) == SOCKET_ERROR;
    case F_SEND: return send(s, buf, 4, 0) == SOCKET_ERROR;
    case F_SENDTO: return sendto(s, buf, 4, 0, (SOCKADDR *)&sin, sizeof sin) == SOCKET_ERROR;
    case F_WSASEND: return WSASend(s, &wb, 1, &n, 0, NULL, NULL) == SOCKET_ERROR;
    case F_WSASENDTO: return WSASendTo(s, &wb, 1, &n, 0, (SOCKADDR *)&sin, sizeof sin, NULL, NULL) == SOCKET_ERROR;
    case F_WSARECV: return WSARecv(s, &wb, 1, &n, &flags, NULL, NULL) == SOCKET_ERROR;
    case F_WSARECVFROM: return WSARecvFrom(s, &wb, 1, &n, &flags, (SOCKADDR *)&sin, &len, NULL, NULL) == SOCKET_ERROR;
    case F_SETSOCKOPT: return setsockopt(s, SOL_SOCKET, SO_REUSEADDR, (const char *)&v, sizeof v) == SOCKET_ERROR;
    case F_GETSOCKOPT: return getsockopt(s, SOL_SOCKET, SO_REUSEADDR, (char *)&v, &len) == SOCKET_ERROR;
    case F_IOCTLSOCKET: return ioctlsocket(s, FIONBIO, &arg) == SOCKET_ERROR;
    case F_WSAIOCTL: return WSAIoctl(s, FIONBIO, &in, sizeof in, &out, sizeof out, &n, NULL, NULL) == SOCKET_ERROR;
    case F_CLOSESOCKET: return closesocket(s) == SOCKET_ERROR;
    case F_BIND: return bind(s, (SOCKADDR *)&sin, sizeof sin) == SOCKET_ERROR;
    case F_LISTEN: return listen(s, 5) == SOCKET_ERROR;
    case F_ACCEPT: return accept(s, (SOCKADDR *)&sin, &len) == INVALID_SOCKET;
    case F_WSAACCEPT: return WSAAccept(s, (SOCKADDR *)&sin, &len, accept_all, 0) == INVALID_SOCKET;
    case F_CONNECT: return connect(s, (SOCKADDR *)&sin, sizeof sin) == SOCKET_ERROR;
    case F_WSACONNECT: return WSAConnect(s, (SOCKADDR *)&sin, sizeof sin, NULL, NULL, NULL, NULL) == SOCKET_ERROR;
    case F_SHUTDOWN: return shutdown(s, SD_BOTH) == SOCKET_ERROR;
    case F_GETSOCKNAME: return getsockname(s, (SOCKADDR *)&sin, &len) == SOCKET_ERROR;
    case F_GETPEERNAME: return getpeername(s, (SOCKADDR *)&sin, &len) == SOCKET_ERROR;
    case F_JOINLEAF:
        sin.sin_addr.s_addr = htonl(0xEFFF0001); /* 239.255.0.1 */
        return WSAJoinLeaf(s, (SOCKADDR *)&sin, sizeof sin, NULL, NULL, NULL, NULL, JL_BOTH) == INVALID_SOCKET;
    case F_SELECT:
        FD_ZERO(&rs);
        FD_SET(s, &rs);
        return select(0, &rs, NULL, NULL, &tv) == SOCKET_ERROR;
    }
    return 0;
}

/* Expect a failed call with error `want`. */
static void expect(int failed, int want, const char *what)
{
    int err = WSAGetLastError();
    char msg[200];
    snprintf(msg, sizeof msg, "%s fails", what);
    CHECK(failed, msg);
    snprintf(msg, sizeof msg, "... %s: error %d", what, want);
    CHECK_EQ(err, want, msg);
}

#define FAILS(call, want, what)                                                                \
    do {                                                                                       \
        WSASetLastError(0);                                                                    \
        expect((call), (want), (what));                                                        \
    } while (0)

int main(void)
{
    WSADATA wsaData;
    WSAPROTOCOL_INFOA ia;
    WSAPROTOCOL_INFOW iw;
    DWORD len32, n, flags;
    WSAEVENT ev, closed_ev, evs[2];
    WSANETWORKEVENTS ne;
    SOCKET s, t, u, l, c, a, closed, bad[7];
    const char *bad_name[7];
    SOCKADDR_IN sin, laddr;
    SOCKADDR_IN6 sin6;
    WSABUF wb[2];
    char buf[64];
    int i, f, len, v, n_bad;
#ifndef _WIN32
    int fds[2], pair[2];
    SOCKET native;
#endif
    u_long arg;
    fd_set rs;
    struct timeval tv = {0, 0};
    int dummy = 0;

    /* ---- Before WSAStartup: WSANOTINITIALISED everywhere. ---- */
    for (f = 0; f < F_COUNT; f++) {
        char what[80];
        snprintf(what, sizeof what, "%s before WSAStartup", fname[f]);
        FAILS(call_on(f, (SOCKET)5, (WSAEVENT)0x100), WSANOTINITIALISED, what);
    }
    /* The event calls are the kernel's on Windows: they work before WSAStartup. */
    {
        WSAEVENT early = WSACreateEvent();
        CHECK(early != WSA_INVALID_EVENT, "WSACreateEvent works before WSAStartup, as on Windows");
        CHECK(WSASetEvent(early) && WSAWaitForMultipleEvents(1, &early, FALSE, 0, FALSE) == WSA_WAIT_EVENT_0 &&
                  WSAResetEvent(early) && WSACloseEvent(early),
              "... and so do WSASetEvent, WSAWaitForMultipleEvents, WSAResetEvent, WSACloseEvent");
    }
    FAILS(WSACloseEvent((WSAEVENT)0x100) == FALSE, WSA_INVALID_HANDLE, "WSACloseEvent of no event before WSAStartup");
    FAILS(WSASetEvent((WSAEVENT)0x100) == FALSE, WSA_INVALID_HANDLE, "WSASetEvent of no event before WSAStartup");
    FAILS(WSAResetEvent((WSAEVENT)0x100) == FALSE, WSA_INVALID_HANDLE, "WSAResetEvent of no event before WSAStartup");
    evs[0] = (WSAEVENT)0x100;
    FAILS(WSAWaitForMultipleEvents(1, evs, FALSE, 0, FALSE) == WSA_WAIT_FAILED, WSA_INVALID_HANDLE, "WSAWaitForMultipleEvents on no event before WSAStartup");
    len32 = 0;
    FAILS(WSAEnumProtocolsA(NULL, NULL, &len32) == SOCKET_ERROR, WSANOTINITIALISED, "WSAEnumProtocolsA before WSAStartup");
    FAILS(WSAEnumProtocolsW(NULL, NULL, &len32) == SOCKET_ERROR, WSANOTINITIALISED, "WSAEnumProtocolsW before WSAStartup");
    FAILS(WSASocketA(AF_INET, SOCK_STREAM, 0, NULL, 0, 0) == INVALID_SOCKET, WSANOTINITIALISED, "WSASocketA before WSAStartup");
    FAILS(WSASocketW(AF_INET, SOCK_STREAM, 0, NULL, 0, 0) == INVALID_SOCKET, WSANOTINITIALISED, "WSASocketW before WSAStartup");
    FAILS(socket(AF_INET, SOCK_DGRAM, 0) == INVALID_SOCKET, WSANOTINITIALISED, "socket before WSAStartup");
    FAILS(WSACleanup() == SOCKET_ERROR, WSANOTINITIALISED, "WSACleanup before WSAStartup");
    CHECK_EQ(WSAStartup(MAKEWORD(0, 1), &wsaData), WSAVERNOTSUPPORTED, "WSAStartup(0.1) returns WSAVERNOTSUPPORTED");
    CHECK_EQ(WSAStartup(MAKEWORD(2, 2), NULL), WSAEFAULT, "WSAStartup with NULL data returns WSAEFAULT");
    FAILS(socket(AF_INET, SOCK_DGRAM, 0) == INVALID_SOCKET, WSANOTINITIALISED, "socket after failed WSAStartups");
    WSASetLastError(-7);
    CHECK_EQ(WSAGetLastError(), -7, "WSASetLastError/WSAGetLastError work before WSAStartup");
    CHECK_EQ(__WSAFDIsSet((SOCKET)5, NULL), 0, "__WSAFDIsSet with a NULL set is 0");

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsaData) == 0, "WSAStartup");

    /* ---- SOCKET values that are no ws2mp socket. ---- */
    ev = WSACreateEvent();
    REQUIRE(ev != WSA_INVALID_EVENT, "WSACreateEvent");
#ifndef _WIN32
    /* Descriptors that are no socket, or no socket of ws2mp's: only where SOCKET is a file
     * descriptor. */
    REQUIRE(pipe(fds) == 0, "pipe");
    /* A socket created with libc, behind ws2mp's back (socketpair is not mapped). */
    REQUIRE(socketpair(AF_UNIX, SOCK_DGRAM, 0, pair) == 0, "a socket created with libc, behind ws2mp's back");
    native = (SOCKET)pair[0];
#endif
    closed = socket(AF_INET, SOCK_DGRAM, 0);
    REQUIRE(closed != INVALID_SOCKET && closesocket(closed) == 0, "a closed socket");
    bad[0] = 0;
    bad_name[0] = "SOCKET 0";
    bad[1] = 99999;
    bad_name[1] = "SOCKET 99999";
    bad[2] = INVALID_SOCKET;
    bad_name[2] = "INVALID_SOCKET";
    bad[3] = closed;
    bad_name[3] = "a closed socket";
    bad[4] = (SOCKET)1 << 40;
    bad_name[4] = "SOCKET 2^40";
    n_bad = 5;
#ifndef _WIN32
    bad[n_bad] = (SOCKET)fds[0];
    bad_name[n_bad++] = "a pipe";
    bad[n_bad] = native;
    bad_name[n_bad++] = "a socket ws2mp did not create";
#endif
    for (i = 0; i < n_bad; i++) {
        for (f = 0; f < F_COUNT; f++) {
            char what[120];
            snprintf(what, sizeof what, "%s on %s", fname[f], bad_name[i]);
            FAILS(call_on(f, bad[i], ev), WSAENOTSOCK, what);
        }
    }
    CHECK_EQ(condition_calls, 0, "no condition function was called for a non-socket");
#ifndef _WIN32
    CHECK(fcntl(fds[0], F_GETFD) != -1 && write(fds[1], "p", 1) == 1, "the pipe was left alone");
    close(fds[0]);
    close(fds[1]);
    close(pair[0]);
    close(pair[1]);
#endif

    /* ---- Socket creation. ---- */
    FAILS(socket(12345, SOCK_STREAM, 0) == INVALID_SOCKET, WSAEAFNOSUPPORT, "socket with an unknown af");
    FAILS(socket(AF_INET, 12345, 0) == INVALID_SOCKET, WSAESOCKTNOSUPPORT, "socket with an unknown type");
    FAILS(socket(AF_INET, SOCK_STREAM, IPPROTO_UDP) == INVALID_SOCKET, WSAEPROTONOSUPPORT, "socket(SOCK_STREAM, IPPROTO_UDP)");
    FAILS(socket(AF_INET, SOCK_DGRAM, IPPROTO_TCP) == INVALID_SOCKET, WSAEPROTONOSUPPORT, "socket(SOCK_DGRAM, IPPROTO_TCP)");
    FAILS(WSASocketA(AF_INET, SOCK_STREAM, 0, NULL, 0, 0xFFFFFFFF) == INVALID_SOCKET, WSAEINVAL, "WSASocketA with every flag bit set");
    /* Without protocol info, -1 is an unknown type (checked first): WSAESOCKTNOSUPPORT. */
    FAILS(WSASocketA(FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, NULL, 0, 0) == INVALID_SOCKET, WSAESOCKTNOSUPPORT,
          "WSASocketA(FROM_PROTOCOL_INFO) with a NULL protocol info");
    /* With protocol info the family is checked first: 0 or -1 is WSAEAFNOSUPPORT. */
    memset(&ia, 0, sizeof ia);
    FAILS(WSASocketA(FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, &ia, 0, 0) == INVALID_SOCKET, WSAEAFNOSUPPORT,
          "WSASocketA with an all-zero protocol info");
    memset(&iw, 0xff, sizeof iw);
    FAILS(WSASocketW(FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, &iw, 0, 0) == INVALID_SOCKET, WSAEAFNOSUPPORT,
          "WSASocketW with a garbage protocol info");
    FAILS(WSASocketW(AF_INET, SOCK_DGRAM, 0, NULL, 7, 0) == INVALID_SOCKET, WSAEINVAL, "WSASocketW with a group");

    /* ---- Protocol enumeration. ---- */
    FAILS(WSAEnumProtocolsA(NULL, NULL, NULL) == SOCKET_ERROR, WSAEFAULT, "WSAEnumProtocolsA with a NULL length");
    FAILS(WSAEnumProtocolsW(NULL, &iw, NULL) == SOCKET_ERROR, WSAEFAULT, "WSAEnumProtocolsW with a NULL length");
    len32 = sizeof ia;
    FAILS(WSAEnumProtocolsA(NULL, &ia, &len32) == SOCKET_ERROR, WSAENOBUFS, "WSAEnumProtocolsA with room for one entry");
    CHECK(len32 > sizeof ia, "... reports the size needed");
    len32 = 0xFFFFFFFF;
    FAILS(WSAEnumProtocolsA(NULL, NULL, &len32) == SOCKET_ERROR, WSAENOBUFS, "WSAEnumProtocolsA with a NULL buffer and a huge length");

    /* ---- Event handles. ---- */
    closed_ev = WSACreateEvent();
    REQUIRE(closed_ev != WSA_INVALID_EVENT && WSACloseEvent(closed_ev), "an event, closed");
    {
        WSAEVENT bad_ev[5];
        const char *bad_ev_name[5] = {"NULL", "a closed event", "(WSAEVENT)1", "a pointer to an int", "(WSAEVENT)~0"};
        bad_ev[0] = NULL;
        bad_ev[1] = closed_ev;
        bad_ev[2] = (WSAEVENT)1;
        bad_ev[3] = (WSAEVENT)&dummy;
        bad_ev[4] = (WSAEVENT)~(uintptr_t)0;
        for (i = 0; i < 5; i++) {
            char what[120];
            snprintf(what, sizeof what, "WSASetEvent(%s)", bad_ev_name[i]);
            FAILS(WSASetEvent(bad_ev[i]) == FALSE, WSA_INVALID_HANDLE, what);
            snprintf(what, sizeof what, "WSAResetEvent(%s)", bad_ev_name[i]);
            FAILS(WSAResetEvent(bad_ev[i]) == FALSE, WSA_INVALID_HANDLE, what);
            snprintf(what, sizeof what, "WSACloseEvent(%s)", bad_ev_name[i]);
            FAILS(WSACloseEvent(bad_ev[i]) == FALSE, WSA_INVALID_HANDLE, what);
            evs[0] = ev;
            evs[1] = bad_ev[i];
            snprintf(what, sizeof what, "WSAWaitForMultipleEvents with %s", bad_ev_name[i]);
            FAILS(WSAWaitForMultipleEvents(2, evs, FALSE, 0, FALSE) == WSA_WAIT_FAILED, WSA_INVALID_HANDLE, what);
        }
        s = socket(AF_INET, SOCK_DGRAM, 0);
        REQUIRE(s != INVALID_SOCKET, "socket");
        for (i = 0; i < 5; i++) {
            char what[120];
            snprintf(what, sizeof what, "WSAEventSelect(FD_READ) with %s", bad_ev_name[i]);
            FAILS(WSAEventSelect(s, bad_ev[i], FD_READ) == SOCKET_ERROR, WSAEINVAL, what);
            if (bad_ev[i] == NULL)
                continue; /* NULL means "do not reset an event" */
            snprintf(what, sizeof what, "WSAEnumNetworkEvents with %s", bad_ev_name[i]);
            FAILS(WSAEnumNetworkEvents(s, bad_ev[i], &ne) == SOCKET_ERROR, WSAEINVAL, what);
        }
    }
    evs[0] = ev;
    evs[1] = ev;
    FAILS(WSAWaitForMultipleEvents(0, evs, FALSE, 0, FALSE) == WSA_WAIT_FAILED, WSA_INVALID_PARAMETER, "WSAWaitForMultipleEvents with 0 events");
    FAILS(WSAWaitForMultipleEvents(65, evs, FALSE, 0, FALSE) == WSA_WAIT_FAILED, WSA_INVALID_PARAMETER, "WSAWaitForMultipleEvents with 65 events");
    FAILS(WSAWaitForMultipleEvents(0xFFFFFFFF, evs, FALSE, 0, FALSE) == WSA_WAIT_FAILED, WSA_INVALID_PARAMETER, "WSAWaitForMultipleEvents with 2^32-1 events");
    FAILS(WSAWaitForMultipleEvents(1, NULL, FALSE, 0, FALSE) == WSA_WAIT_FAILED, WSA_INVALID_PARAMETER, "WSAWaitForMultipleEvents with a NULL array");
    FAILS(WSAWaitForMultipleEvents(2, evs, TRUE, 0, FALSE) == WSA_WAIT_FAILED, WSA_INVALID_PARAMETER, "WSAWaitForMultipleEvents(fWaitAll) with a duplicate");
    CHECK_EQ(WSAWaitForMultipleEvents(1, evs, FALSE, 0, FALSE), WSA_WAIT_TIMEOUT, "a valid wait still works (times out)");
    FAILS(WSAEventSelect(s, ev, 0x400) == SOCKET_ERROR, WSAEINVAL, "WSAEventSelect with an undefined event bit");
    FAILS(WSAEventSelect(s, ev, -1) == SOCKET_ERROR, WSAEINVAL, "WSAEventSelect with every bit set");
    CHECK_EQ(WSAEventSelect(s, NULL, 0), 0, "WSAEventSelect(s, NULL, 0) cancels (the handle is ignored)");
    FAILS(WSAEnumNetworkEvents(s, ev, NULL) == SOCKET_ERROR, WSAEFAULT, "WSAEnumNetworkEvents with a NULL result");
    closesocket(s);

    /* ---- Addresses: NULL, short, negative, huge lengths; family mismatch. ---- */
    s = socket(AF_INET, SOCK_DGRAM, 0);
    t = socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(s != INVALID_SOCKET && t != INVALID_SOCKET, "a UDP and a TCP socket");
    memset(&sin, 0, sizeof sin);
    sin.sin_family = AF_INET;
    sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    FAILS(bind(s, NULL, sizeof sin) == SOCKET_ERROR, WSAEFAULT, "bind with a NULL name");
    FAILS(bind(s, (SOCKADDR *)&sin, 0) == SOCKET_ERROR, WSAEFAULT, "bind with namelen 0");
    FAILS(bind(s, (SOCKADDR *)&sin, -16) == SOCKET_ERROR, WSAEFAULT, "bind with a negative namelen");
    FAILS(bind(s, (SOCKADDR *)&sin, 8) == SOCKET_ERROR, WSAEFAULT, "bind with namelen 8 for a sockaddr_in");
    memset(&sin6, 0, sizeof sin6);
    sin6.sin6_family = AF_INET6;
    sin6.sin6_addr = in6addr_loopback;
    FAILS(bind(s, (SOCKADDR *)&sin6, sizeof sin6) == SOCKET_ERROR, WSAEFAULT, "bind an IPv4 socket to an IPv6 address");
    CHECK_EQ(bind(s, (SOCKADDR *)&sin, 1000), 0, "bind with namelen 1000 for a 16-byte sockaddr_in reads only the address");
    u = socket(AF_INET, SOCK_DGRAM, 0);
    CHECK_EQ(bind(u, (SOCKADDR *)&sin, INT_MAX), 0, "bind with namelen INT_MAX too");
    FAILS(connect(t, NULL, sizeof sin) == SOCKET_ERROR, WSAEFAULT, "connect with a NULL name");
    FAILS(connect(t, (SOCKADDR *)&sin, -1) == SOCKET_ERROR, WSAEFAULT, "connect with a negative namelen");
    FAILS(connect(t, (SOCKADDR *)&sin, 15) == SOCKET_ERROR, WSAEFAULT, "connect with namelen 15");
    FAILS(connect(t, (SOCKADDR *)&sin6, sizeof sin6) == SOCKET_ERROR, WSAEAFNOSUPPORT, "connect an IPv4 socket to an IPv6 address");
    {
        SOCKADDR_IN zero;
        memset(&zero, 0, sizeof zero);
        zero.sin_family = AF_INET;
        FAILS(connect(t, (SOCKADDR *)&zero, sizeof zero) == SOCKET_ERROR, WSAEADDRNOTAVAIL, "connect a stream socket to 0.0.0.0:0");
    }
    FAILS(WSAConnect(t, NULL, 0, NULL, NULL, NULL, NULL) == SOCKET_ERROR, WSAEFAULT, "WSAConnect with a NULL name");
    {
        QOS qos;
        WSABUF caller;
        memset(&qos, 0, sizeof qos);
        caller.buf = buf;
        caller.len = 4;
        FAILS(WSAConnect(t, (SOCKADDR *)&sin, sizeof sin, NULL, NULL, NULL, &qos) == SOCKET_ERROR, WSAEINVAL, "WSAConnect with a group QOS");
        FAILS(WSAConnect(t, (SOCKADDR *)&sin, sizeof sin, NULL, NULL, &qos, NULL) == SOCKET_ERROR, WSAEOPNOTSUPP, "WSAConnect with a QOS");
        FAILS(WSAConnect(t, (SOCKADDR *)&sin, sizeof sin, &caller, NULL, NULL, NULL) == SOCKET_ERROR, WSAEPROTONOSUPPORT, "WSAConnect with caller data on TCP");
    }
    len = sizeof laddr;
    FAILS(getsockname(s, NULL, &len) == SOCKET_ERROR, WSAEFAULT, "getsockname with a NULL name");
    FAILS(getsockname(s, (SOCKADDR *)&laddr, NULL) == SOCKET_ERROR, WSAEFAULT, "getsockname with a NULL namelen");
    len = -1;
    FAILS(getsockname(s, (SOCKADDR *)&laddr, &len) == SOCKET_ERROR, WSAEFAULT, "getsockname with a negative namelen");
    len = 4;
    FAILS(getsockname(s, (SOCKADDR *)&laddr, &len) == SOCKET_ERROR, WSAEFAULT, "getsockname with namelen 4");
    len = sizeof laddr;
    CHECK(getsockname(s, (SOCKADDR *)&laddr, &len) == 0, "getsockname with a valid buffer still works");
    /* Windows checks the connection first: an unconnected socket is WSAENOTCONN whatever the buffer. */
    FAILS(getpeername(s, NULL, &len) == SOCKET_ERROR, WSAENOTCONN, "getpeername unconnected with a NULL name");
    FAILS(getpeername(s, (SOCKADDR *)&sin, NULL) == SOCKET_ERROR, WSAENOTCONN, "getpeername unconnected with a NULL namelen");

    /* ---- send / recv families. ---- */
    REQUIRE(connect(s, (SOCKADDR *)&laddr, sizeof laddr) == 0, "connect the UDP socket to itself");
    FAILS(send(s, NULL, 5, 0) == SOCKET_ERROR, WSAEFAULT, "send from a NULL buffer");
    FAILS(send(s, buf, -1, 0) == SOCKET_ERROR, WSAEFAULT, "send with a negative length");
    FAILS(send(s, buf, 1, 0x10000) == SOCKET_ERROR, WSAEINVAL, "send with an unknown flag");
    FAILS(send(s, buf, 1, MSG_PARTIAL) == SOCKET_ERROR, WSAEOPNOTSUPP, "send with MSG_PARTIAL");
    FAILS(send(s, buf, 1, MSG_OOB) == SOCKET_ERROR, WSAEOPNOTSUPP, "send(MSG_OOB) on a datagram socket");
    FAILS(sendto(s, buf, 1, 0, (SOCKADDR *)&laddr, -5) == SOCKET_ERROR, WSAEFAULT, "sendto with a negative tolen");
    FAILS(sendto(s, buf, 1, 0, (SOCKADDR *)&laddr, 0) == SOCKET_ERROR, WSAEFAULT, "sendto with tolen 0");
    FAILS(sendto(s, NULL, 1, 0, (SOCKADDR *)&laddr, sizeof laddr) == SOCKET_ERROR, WSAEFAULT, "sendto from a NULL buffer");
    FAILS(recv(s, NULL, 5, 0) == SOCKET_ERROR, WSAEFAULT, "recv into a NULL buffer");
    FAILS(recv(s, buf, -1, 0) == SOCKET_ERROR, WSAEFAULT, "recv with a negative length");
    FAILS(recv(s, buf, 1, 0x10000) == SOCKET_ERROR, WSAEINVAL, "recv with an unknown flag");
    FAILS(recvfrom(s, buf, 1, 0, (SOCKADDR *)&sin, NULL) == SOCKET_ERROR, WSAEFAULT, "recvfrom with from but a NULL fromlen");
    len = -1;
    FAILS(recvfrom(s, buf, 1, 0, (SOCKADDR *)&sin, &len) == SOCKET_ERROR, WSAEFAULT, "recvfrom with a negative fromlen");
    n = 0;
    wb[0].buf = buf;
    wb[0].len = 4;
    wb[1].buf = NULL;
    wb[1].len = 4;
    FAILS(WSASend(s, NULL, 1, &n, 0, NULL, NULL) == SOCKET_ERROR, WSAEFAULT, "WSASend with a NULL buffer array");
    FAILS(WSASend(s, wb, 2, &n, 0, NULL, NULL) == SOCKET_ERROR, WSAEFAULT, "WSASend with a NULL buffer in the array");
    FAILS(WSASend(s, wb, 1, NULL, 0, NULL, NULL) == SOCKET_ERROR, WSAEFAULT, "WSASend with a NULL byte count");
    FAILS(WSASend(s, wb, 0xFFFFFFFF, &n, 0, NULL, NULL) == SOCKET_ERROR, WSAENOBUFS, "WSASend with 2^32-1 buffers (more than ws2mp takes)");
    {
        /* Overlapped calls check their OVERLAPPED: an unmapped one is WSAEFAULT. */
        LPWSAOVERLAPPED bad = (LPWSAOVERLAPPED)(ULONG_PTR)0x10;
        FAILS(WSASend(s, wb, 1, &n, 0, bad, NULL) == SOCKET_ERROR, WSAEFAULT, "WSASend with an unmapped OVERLAPPED");
        flags = 0;
        FAILS(WSARecv(s, wb, 1, &n, &flags, bad, NULL) == SOCKET_ERROR, WSAEFAULT, "WSARecv with an unmapped OVERLAPPED");
        FAILS(WSAIoctl(s, FIONREAD, NULL, 0, &v, sizeof v, &n, bad, NULL) == SOCKET_ERROR, WSAEFAULT, "WSAIoctl with an unmapped OVERLAPPED");
    }
    FAILS(WSASendTo(s, wb, 1, &n, 0, (SOCKADDR *)&laddr, 3, NULL, NULL) == SOCKET_ERROR, WSAEFAULT, "WSASendTo with iTolen 3");
    flags = 0;
    FAILS(WSARecv(s, NULL, 1, &n, &flags, NULL, NULL) == SOCKET_ERROR, WSAEFAULT, "WSARecv with a NULL buffer array");
    FAILS(WSARecv(s, wb, 1, NULL, &flags, NULL, NULL) == SOCKET_ERROR, WSAEFAULT, "WSARecv with a NULL byte count");
    FAILS(WSARecv(s, wb, 1, &n, NULL, NULL, NULL) == SOCKET_ERROR, WSAEFAULT, "WSARecv with NULL flags");
    FAILS(WSARecv(s, wb, 2, &n, &flags, NULL, NULL) == SOCKET_ERROR, WSAEFAULT, "WSARecv with a NULL buffer in the array");
    FAILS(WSARecv(s, wb, 0xFFFFFFFF, &n, &flags, NULL, NULL) == SOCKET_ERROR, WSAENOBUFS, "WSARecv with 2^32-1 buffers");
    FAILS(WSARecvFrom(s, wb, 1, &n, &flags, (SOCKADDR *)&sin, NULL, NULL, NULL) == SOCKET_ERROR, WSAEFAULT, "WSARecvFrom with from but a NULL fromlen");
    CHECK_EQ(send(s, "ok", 2, 0), 2, "the socket still works after all that");
    CHECK_EQ(recv(s, buf, sizeof buf, 0), 2, "... and receives its datagram");

    /* ---- Options and ioctls. ---- */
    v = 1;
    FAILS(setsockopt(s, SOL_SOCKET, SO_REUSEADDR, NULL, 4) == SOCKET_ERROR, WSAEFAULT, "setsockopt with a NULL value");
    FAILS(setsockopt(s, SOL_SOCKET, SO_RCVBUF, (char *)&v, 0) == SOCKET_ERROR, WSAEFAULT, "setsockopt with optlen 0");
    FAILS(setsockopt(s, IPPROTO_IP, IP_TTL, (char *)&v, -4) == SOCKET_ERROR, WSAENOBUFS, "setsockopt(IP_TTL) with a negative optlen");
    FAILS(setsockopt(t, SOL_SOCKET, SO_LINGER, (char *)&v, 2) == SOCKET_ERROR, WSAEFAULT, "SO_LINGER with optlen 2");
    FAILS(setsockopt(t, SOL_SOCKET, SO_RCVTIMEO, (char *)&v, 2) == SOCKET_ERROR, WSAEFAULT, "SO_RCVTIMEO with optlen 2");
    FAILS(setsockopt(t, IPPROTO_TCP, TCP_NODELAY, NULL, 0) == SOCKET_ERROR, WSAEFAULT, "TCP_NODELAY with a NULL value");
    len = sizeof v;
    FAILS(getsockopt(s, SOL_SOCKET, SO_REUSEADDR, NULL, &len) == SOCKET_ERROR, WSAEFAULT, "getsockopt with a NULL value");
    FAILS(getsockopt(s, SOL_SOCKET, SO_REUSEADDR, (char *)&v, NULL) == SOCKET_ERROR, WSAEFAULT, "getsockopt with a NULL optlen");
    len = 0;
    FAILS(getsockopt(s, SOL_SOCKET, SO_REUSEADDR, (char *)&v, &len) == SOCKET_ERROR, WSAEFAULT, "getsockopt with optlen 0");
    len = -4;
    FAILS(getsockopt(s, SOL_SOCKET, SO_REUSEADDR, (char *)&v, &len) == SOCKET_ERROR, WSAEFAULT, "getsockopt with a negative optlen");
    len = 2;
    FAILS(getsockopt(s, SOL_SOCKET, SO_RCVBUF, (char *)&v, &len) == SOCKET_ERROR, WSAEFAULT, "getsockopt(SO_RCVBUF) with optlen 2");
    len = 0;
    FAILS(getsockopt(t, IPPROTO_TCP, TCP_NODELAY, (char *)&v, &len) == SOCKET_ERROR, WSAEFAULT, "getsockopt(TCP_NODELAY) with optlen 0");
    FAILS(ioctlsocket(s, FIONBIO, NULL) == SOCKET_ERROR, WSAEFAULT, "ioctlsocket(FIONBIO) with a NULL argp");
    FAILS(ioctlsocket(s, FIONREAD, NULL) == SOCKET_ERROR, WSAEFAULT, "ioctlsocket(FIONREAD) with a NULL argp");
    arg = 0;
    FAILS(ioctlsocket(s, 0, &arg) == SOCKET_ERROR, WSAEINVAL, "ioctlsocket with command 0");
    FAILS(ioctlsocket(s, -1, &arg) == SOCKET_ERROR, WSAEINVAL, "ioctlsocket with command -1");
    FAILS(WSAIoctl(s, FIONBIO, &v, 4, NULL, 0, NULL, NULL, NULL) == SOCKET_ERROR, WSAEFAULT, "WSAIoctl with a NULL lpcbBytesReturned");
    FAILS(WSAIoctl(s, FIONBIO, NULL, 0, NULL, 0, &n, NULL, NULL) == SOCKET_ERROR, WSAEFAULT, "WSAIoctl(FIONBIO) with no input");
    FAILS(WSAIoctl(s, FIONREAD, NULL, 0, NULL, 0, &n, NULL, NULL) == SOCKET_ERROR, WSAEFAULT, "WSAIoctl(FIONREAD) with no output");
    FAILS(WSAIoctl(s, 0xFFFFFFFF, &v, 4, &v, 4, &n, NULL, NULL) == SOCKET_ERROR, WSAEOPNOTSUPP, "WSAIoctl with code 0xFFFFFFFF (unknown, as Windows)");

    /* ---- Listen and accept on the wrong sockets; select's limits. ---- */
    FAILS(listen(s, 5) == SOCKET_ERROR, WSAEOPNOTSUPP, "listen on a UDP socket");
    FAILS(accept(s, NULL, NULL) == INVALID_SOCKET, WSAEOPNOTSUPP, "accept on a UDP socket");
    FAILS(WSAAccept(s, NULL, NULL, accept_all, 0) == INVALID_SOCKET, WSAEOPNOTSUPP, "WSAAccept on a UDP socket");
    FAILS(shutdown(s, 3) == SOCKET_ERROR, WSAEINVAL, "shutdown with how 3");
    FAILS(shutdown(s, -1) == SOCKET_ERROR, WSAEINVAL, "shutdown with how -1");
    l = socket(AF_INET, SOCK_STREAM, 0);
    sin.sin_port = 0;
    len = sizeof laddr;
    REQUIRE(l != INVALID_SOCKET && bind(l, (SOCKADDR *)&sin, sizeof sin) == 0 && listen(l, 5) == 0 &&
                getsockname(l, (SOCKADDR *)&laddr, &len) == 0,
            "a listener");
    c = socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(connect(c, (SOCKADDR *)&laddr, 4096) == 0, "connect with namelen 4096 for a sockaddr_in works");
    a = accept(l, (SOCKADDR *)&sin, NULL);
    CHECK(a != INVALID_SOCKET, "accept with addr but a NULL addrlen accepts, as on Windows");
    closesocket(a);
    closesocket(c);
    c = socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(connect(c, (SOCKADDR *)&laddr, sizeof laddr) == 0, "connect again");
    len = -1;
    FAILS(accept(l, (SOCKADDR *)&sin, &len) == INVALID_SOCKET, WSAEFAULT, "accept with a negative addrlen");
    len = -1;
    FAILS(WSAAccept(l, (SOCKADDR *)&sin, &len, accept_all, 0) == INVALID_SOCKET, WSAEFAULT, "WSAAccept with a negative addrlen");
    CHECK_EQ(condition_calls, 0, "... the condition function was not called");
    a = accept(l, NULL, NULL);
    CHECK(a != INVALID_SOCKET, "the connection survived the bad calls");
    closesocket(a);
    closesocket(c);
    closesocket(l);
    FD_ZERO(&rs);
    FD_SET(s, &rs);
    rs.fd_count = 0x7FFFFFFF;
    FAILS(select(0, &rs, NULL, NULL, &tv) == SOCKET_ERROR, WSAEINVAL, "select with fd_count 0x7FFFFFFF");
    CHECK_EQ(FD_ISSET(s, &rs), 0, "FD_ISSET (__WSAFDIsSet) with fd_count 0x7FFFFFFF is 0 (and reads nothing)");
    FD_ZERO(&rs);
    FD_SET(s, &rs);
    tv.tv_usec = -1;
    FAILS(select(0, &rs, NULL, NULL, &tv) == SOCKET_ERROR, WSAEINVAL, "select with a negative tv_usec");

    closesocket(s);
    closesocket(t);
    closesocket(u);
    CHECK(WSACloseEvent(ev), "WSACloseEvent");
    CHECK_EQ(WSACleanup(), 0, "WSACleanup");
    FAILS(WSACleanup() == SOCKET_ERROR, WSANOTINITIALISED, "one WSACleanup too many");
    return check_done();
}

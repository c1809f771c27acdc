/*
 * Helpers shared by the event-model C tests (c-tests/event_*.c): loopback connections made the
 * way a legacy Winsock program makes them, a monotonic clock (GetTickCount64, Sleep), and WSANETWORKEVENTS with a
 * sentinel in every iErrorCode element so a test can tell "written" from "left alone".
 */
#ifndef WS2MP_EVENT_UTIL_H
#define WS2MP_EVENT_UTIL_H

#include <winsock2.h>
#include <stdio.h>
#include <time.h>
#include "check.h"

/* A value no Winsock error code has: iErrorCode elements still holding it were not written. */
#define SENTINEL 0x5A5A5A5A

static inline void start_winsock(void)
{
    WSADATA wsaData;
    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsaData) == 0, "WSAStartup");
}

/* Milliseconds on the monotonic tick count (GetTickCount64), as a Windows program measures. */
static inline long long now_ms(void)
{
    return (long long)GetTickCount64();
}

static inline void sleep_ms(int ms)
{
    Sleep((DWORD)ms);
}

static inline void loopback(struct sockaddr_in *addr, unsigned short port)
{
    memset(addr, 0, sizeof(*addr));
    addr->sin_family = AF_INET;
    addr->sin_addr.s_addr = inet_addr("127.0.0.1");
    addr->sin_port = htons(port);
}

/* A blocking TCP listener on 127.0.0.1 and an ephemeral port, written to *addr. */
static inline SOCKET tcp_listener(struct sockaddr_in *addr)
{
    SOCKET l = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    int len = sizeof(*addr);
    if (l == INVALID_SOCKET)
        return INVALID_SOCKET;
    loopback(addr, 0);
    if (bind(l, (struct sockaddr *)addr, sizeof(*addr)) != 0 ||
        getsockname(l, (struct sockaddr *)addr, &len) != 0 || listen(l, SOMAXCONN) != 0) {
        closesocket(l);
        return INVALID_SOCKET;
    }
    return l;
}

/* A connected pair of blocking TCP sockets over loopback. Returns 0 on success. */
static inline int tcp_pair(SOCKET *client, SOCKET *server)
{
    struct sockaddr_in addr;
    SOCKET l = tcp_listener(&addr);
    *client = *server = INVALID_SOCKET;
    if (l == INVALID_SOCKET)
        return -1;
    *client = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    if (*client != INVALID_SOCKET && connect(*client, (struct sockaddr *)&addr, sizeof(addr)) == 0)
        *server = accept(l, NULL, NULL);
    closesocket(l);
    if (*server == INVALID_SOCKET) {
        if (*client != INVALID_SOCKET)
            closesocket(*client);
        *client = INVALID_SOCKET;
        return -1;
    }
    return 0;
}

static inline void fill_sentinel(WSANETWORKEVENTS *ne)
{
    int i;
    ne->lNetworkEvents = SENTINEL;
    for (i = 0; i < FD_MAX_EVENTS; i++)
        ne->iErrorCode[i] = SENTINEL;
}

/* WSAEnumNetworkEvents into a sentinel-filled record; returns the reported bits (-1: failed). */
static inline long enum_events(SOCKET s, WSAEVENT ev, WSANETWORKEVENTS *ne)
{
    fill_sentinel(ne);
    if (WSAEnumNetworkEvents(s, ev, ne) != 0)
        return -1;
    return ne->lNetworkEvents;
}

/*
 * The classic loop body: wait up to timeout_ms for ev, then enumerate s. Returns the bits
 * reported (0 when the wait timed out), -1 if a call failed.
 */
static inline long wait_and_enum(SOCKET s, WSAEVENT ev, DWORD timeout_ms, WSANETWORKEVENTS *ne)
{
    DWORD r = WSAWaitForMultipleEvents(1, &ev, FALSE, timeout_ms, FALSE);
    fill_sentinel(ne);
    if (r == WSA_WAIT_TIMEOUT) {
        ne->lNetworkEvents = 0;
        return 0;
    }
    if (r != WSA_WAIT_EVENT_0)
        return -1;
    return enum_events(s, ev, ne);
}

/* Whether ev becomes signalled within timeout_ms (waiting harvests readiness, never resets). */
static inline int signalled_within(WSAEVENT ev, DWORD timeout_ms)
{
    return WSAWaitForMultipleEvents(1, &ev, FALSE, timeout_ms, FALSE) == WSA_WAIT_EVENT_0;
}

/* Sends all of buf on a blocking socket. */
static inline int send_all(SOCKET s, const char *buf, int len)
{
    int done = 0;
    while (done < len) {
        int n = send(s, buf + done, len - done, 0);
        if (n <= 0)
            return -1;
        done += n;
    }
    return done;
}

#endif

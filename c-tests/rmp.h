/*
 * Helpers for the rooted multipoint tests (docs/PROTOCOL.md), written the way a legacy
 * Winsock program finds and uses a provider: enumerate the catalog, test the XP1 bits,
 * WSASocket(FROM_PROTOCOL_INFO, ...), WSAEventSelect + WSAWaitForMultipleEvents.
 */
#ifndef WS2MP_TEST_RMP_H
#define WS2MP_TEST_RMP_H

#include <winsock2.h>
#include <ws2tcpip.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"

#define RMP_ROOT_FLAGS (WSA_FLAG_MULTIPOINT_C_ROOT | WSA_FLAG_MULTIPOINT_D_ROOT)
#define RMP_PEER_ROOT_FLAGS (WSA_FLAG_MULTIPOINT_C_ROOT | WSA_FLAG_MULTIPOINT_D_LEAF)
#define RMP_LEAF_FLAGS (WSA_FLAG_MULTIPOINT_C_LEAF | WSA_FLAG_MULTIPOINT_D_LEAF)

/* Finds the catalog entry for family `af` with a rooted control plane and a rooted (rooted_data
 * != 0) or non-rooted data plane. Returns 0 when found. */
static inline int rmp_find(int af, int rooted_data, WSAPROTOCOL_INFOA *out)
{
    /* The caller's own buffer: tests call this from many threads at once. */
    WSAPROTOCOL_INFOA entries[32];
    DWORD len = sizeof(entries);
    int n = WSAEnumProtocolsA(NULL, entries, &len), i;
    for (i = 0; i < n; i++) {
        DWORD f = entries[i].dwServiceFlags1;
        if (entries[i].iAddressFamily != af || !(f & XP1_SUPPORT_MULTIPOINT) ||
            !(f & XP1_MULTIPOINT_CONTROL_PLANE))
            continue;
        if (!!(f & XP1_MULTIPOINT_DATA_PLANE) != !!rooted_data)
            continue;
        *out = entries[i];
        return 0;
    }
    return -1;
}

/* A socket of that entry with `flags`. */
static inline SOCKET rmp_socket(int af, int rooted_data, DWORD flags)
{
    WSAPROTOCOL_INFOA info;
    if (rmp_find(af, rooted_data, &info) != 0)
        return INVALID_SOCKET;
    return WSASocketA(FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, &info, 0, flags);
}

static inline struct sockaddr_in rmp_loopback(unsigned short port)
{
    struct sockaddr_in a;
    memset(&a, 0, sizeof(a));
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons(port);
    return a;
}

/* Binds `s` to 127.0.0.1 (ephemeral port), listens, and returns its address in `*addr`. */
static inline int rmp_listen(SOCKET s, struct sockaddr_in *addr)
{
    int len = sizeof(*addr);
    *addr = rmp_loopback(0);
    if (bind(s, (struct sockaddr *)addr, sizeof(*addr)) != 0)
        return -1;
    if (listen(s, SOMAXCONN) != 0)
        return -1;
    return getsockname(s, (struct sockaddr *)addr, &len);
}

/* Seconds on the monotonic tick count (GetTickCount64). */
static inline double rmp_now(void)
{
    return (double)GetTickCount64() / 1000.0;
}

/* Waits on `ev` for `s` until every bit of `want` was reported (accumulated into *got, codes
 * kept), or `ms` pass. Returns the bits seen. */
static inline long rmp_wait(SOCKET s, WSAEVENT ev, long want, DWORD ms, WSANETWORKEVENTS *got)
{
    double deadline = rmp_now() + ms / 1000.0;
    long seen = 0;
    int i;
    memset(got, 0, sizeof(*got));
    while ((seen & want) != want) {
        WSANETWORKEVENTS ne;
        double left = deadline - rmp_now();
        if (left <= 0)
            break;
        if (WSAWaitForMultipleEvents(1, &ev, FALSE, (DWORD)(left * 1000) + 1, FALSE) != WSA_WAIT_EVENT_0)
            continue;
        memset(&ne, 0, sizeof(ne));
        if (WSAEnumNetworkEvents(s, ev, &ne) != 0)
            break;
        for (i = 0; i < FD_MAX_EVENTS; i++)
            if (ne.lNetworkEvents & (1 << i))
                got->iErrorCode[i] = ne.iErrorCode[i];
        seen |= ne.lNetworkEvents;
    }
    got->lNetworkEvents = seen;
    return seen;
}

/* Receives one message on a non-blocking socket, waiting up to `ms`. Returns the length or -1. */
static inline int rmp_recv_wait(SOCKET s, char *buf, int len, DWORD ms, struct sockaddr_in *from)
{
    double deadline = rmp_now() + ms / 1000.0;
    for (;;) {
        int flen = sizeof(*from), n;
        n = from ? recvfrom(s, buf, len, 0, (struct sockaddr *)from, &flen) : recv(s, buf, len, 0);
        if (n >= 0 || WSAGetLastError() != WSAEWOULDBLOCK || rmp_now() > deadline)
            return n;
        Sleep(2);
    }
}

/* Sets one of ws2mp's tuning variables (docs/PROTOCOL.md) for this process, before WSAStartup:
 * SetEnvironmentVariable on Windows, setenv where the C library has it. */
static inline int rmp_set_env(const char *name, const char *value)
{
#ifdef _WIN32
    return SetEnvironmentVariableA(name, value) ? 0 : -1;
#else
    return setenv(name, value, 1);
#endif
}

static inline int rmp_same_addr(const struct sockaddr_in *a, const struct sockaddr_in *b)
{
    return a->sin_family == b->sin_family && a->sin_port == b->sin_port &&
           a->sin_addr.s_addr == b->sin_addr.s_addr;
}

#endif

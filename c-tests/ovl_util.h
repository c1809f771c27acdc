/*
 * Helpers for the overlapped I/O tests (c-tests/ovl_*.c): loopback TCP pairs and UDP sockets
 * made the way a legacy Winsock program makes them, and an OVERLAPPED with its own event.
 */
#ifndef WS2MP_OVL_UTIL_H
#define WS2MP_OVL_UTIL_H

#include <winsock2.h>
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include "check.h"

static inline void ovl_start(void)
{
    WSADATA wsaData;
    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsaData) == 0, "WSAStartup");
}

static inline void ovl_loopback(struct sockaddr_in *addr, unsigned short port)
{
    memset(addr, 0, sizeof(*addr));
    addr->sin_family = AF_INET;
    addr->sin_addr.s_addr = inet_addr("127.0.0.1");
    addr->sin_port = htons(port);
}

/* A connected pair of overlapped TCP sockets over loopback. Returns 0 on success. */
static inline int ovl_tcp_pair(SOCKET *client, SOCKET *server)
{
    struct sockaddr_in addr;
    int len = sizeof(addr);
    SOCKET l = WSASocket(AF_INET, SOCK_STREAM, IPPROTO_TCP, NULL, 0, WSA_FLAG_OVERLAPPED);
    *client = *server = INVALID_SOCKET;
    if (l == INVALID_SOCKET)
        return -1;
    ovl_loopback(&addr, 0);
    if (bind(l, (struct sockaddr *)&addr, sizeof(addr)) != 0 ||
        getsockname(l, (struct sockaddr *)&addr, &len) != 0 || listen(l, 5) != 0) {
        closesocket(l);
        return -1;
    }
    *client = WSASocket(AF_INET, SOCK_STREAM, IPPROTO_TCP, NULL, 0, WSA_FLAG_OVERLAPPED);
    if (*client != INVALID_SOCKET && connect(*client, (struct sockaddr *)&addr, sizeof(addr)) == 0)
        *server = accept(l, NULL, NULL);
    closesocket(l);
    return *server == INVALID_SOCKET ? -1 : 0;
}

/* An overlapped UDP socket bound to 127.0.0.1 on an ephemeral port, written to *addr. */
static inline SOCKET ovl_udp(struct sockaddr_in *addr)
{
    int len = sizeof(*addr);
    SOCKET s = WSASocket(AF_INET, SOCK_DGRAM, IPPROTO_UDP, NULL, 0, WSA_FLAG_OVERLAPPED);
    if (s == INVALID_SOCKET)
        return s;
    ovl_loopback(addr, 0);
    if (bind(s, (struct sockaddr *)addr, sizeof(*addr)) != 0 ||
        getsockname(s, (struct sockaddr *)addr, &len) != 0) {
        closesocket(s);
        return INVALID_SOCKET;
    }
    return s;
}

/* A zeroed OVERLAPPED with a new manual-reset event. */
static inline void ovl_init(WSAOVERLAPPED *ov)
{
    memset(ov, 0, sizeof(*ov));
    ov->hEvent = WSACreateEvent();
}

/* Whether the event is signalled within ms. */
static inline int ovl_signalled(WSAEVENT ev, DWORD ms)
{
    return WSAWaitForMultipleEvents(1, &ev, FALSE, ms, FALSE) == WSA_WAIT_EVENT_0;
}

static inline DWORD WINAPI ovl_send_later_thread(LPVOID arg)
{
    Sleep(150);
    send((SOCKET)(ULONG_PTR)arg, "later", 5, 0);
    return 0;
}

/* Sends "later" (5 bytes) on s from another thread, 150 ms from now: something for a read
 * that waits. Wait for the returned thread and close it. */
static inline HANDLE ovl_send_later(SOCKET s)
{
    HANDLE t = CreateThread(NULL, 0, ovl_send_later_thread, (LPVOID)(ULONG_PTR)s, 0, NULL);
    REQUIRE(t != NULL, "sender thread");
    return t;
}

#endif

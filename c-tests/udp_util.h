/*
 * A UDP socket bound to an ephemeral port on 127.0.0.1, made the way a legacy Winsock program
 * makes it (udp_basics.c, fault_buffers.c, fault_sockaddr.c).
 */
#ifndef WS2MP_UDP_UTIL_H
#define WS2MP_UDP_UTIL_H

#include <winsock2.h>
#include <string.h>

/* The socket, its address in *addr; INVALID_SOCKET if any step fails. */
static inline SOCKET bound_udp(SOCKADDR_IN *addr)
{
    SOCKET s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    int len = sizeof(*addr);
    DWORD timeout = 2000; /* a lost datagram fails the test instead of hanging it */
    memset(addr, 0, sizeof(*addr));
    addr->sin_family = AF_INET;
    addr->sin_addr.s_addr = inet_addr("127.0.0.1");
    if (s == INVALID_SOCKET || bind(s, (SOCKADDR *)addr, sizeof(*addr)) == SOCKET_ERROR ||
        getsockname(s, (SOCKADDR *)addr, &len) == SOCKET_ERROR ||
        setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, (const char *)&timeout, sizeof timeout) == SOCKET_ERROR)
        return INVALID_SOCKET;
    return s;
}

#endif

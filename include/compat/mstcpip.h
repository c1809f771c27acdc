/*
 * ws2mp compat: <mstcpip.h>. Microsoft's TCP/IP extensions ws2mp knows: the keep-alive
 * structure for WSAIoctl(SIO_KEEPALIVE_VALS), the UDP reset control codes and the address
 * helpers (IN4ADDR_*, INETADDR_*).
 */
#ifndef WS2MP_COMPAT_MSTCPIP_H
#define WS2MP_COMPAT_MSTCPIP_H

#include "ws2ipdef.h"

#ifdef __cplusplus
extern "C" {
#endif

/* WSAIoctl(SIO_KEEPALIVE_VALS)'s input: on/off, idle time and probe interval in ms. */
struct tcp_keepalive {
    ULONG onoff;
    ULONG keepalivetime;
    ULONG keepaliveinterval;
};

#ifndef SIO_RCVALL
#define SIO_RCVALL _WSAIOW(IOC_VENDOR, 1)
#endif
#ifndef SIO_RCVALL_MCAST
#define SIO_RCVALL_MCAST _WSAIOW(IOC_VENDOR, 2)
#endif
#ifndef SIO_RCVALL_IGMPMCAST
#define SIO_RCVALL_IGMPMCAST _WSAIOW(IOC_VENDOR, 3)
#endif
/* SIO_RCVALL's values. */
#define RCVALL_OFF 0
#define RCVALL_ON 1
#define RCVALL_SOCKETLEVELONLY 2
#define RCVALL_IPLEVEL 3
typedef int RCVALL_VALUE, *PRCVALL_VALUE;
#ifndef SIO_KEEPALIVE_VALS
#define SIO_KEEPALIVE_VALS _WSAIOW(IOC_VENDOR, 4)
#endif
#ifndef SIO_UDP_CONNRESET
#define SIO_UDP_CONNRESET _WSAIOW(IOC_VENDOR, 12)
#endif
#ifndef SIO_LOOPBACK_FAST_PATH
#define SIO_LOOPBACK_FAST_PATH _WSAIOW(IOC_VENDOR, 16)
#endif
#ifndef SIO_UDP_NETRESET
#define SIO_UDP_NETRESET _WSAIOW(IOC_VENDOR, 15)
#endif

/* mstcpip.h's address helpers, for IPv4 (IN4ADDR_*) and for either family (INETADDR_*, which
 * look at sa_family: AF_INET6, anything else is taken as AF_INET as Windows does). They touch
 * only the fields every sockaddr layout names (sin_port, sin_addr.s_addr, s6_addr), so they
 * work in fallback mode too. */
static inline void IN4ADDR_SETANY(struct sockaddr_in *a)
{
    memset(a, 0, sizeof(*a));
    a->sin_family = AF_INET;
    a->sin_addr.s_addr = htonl(INADDR_ANY);
}
static inline void IN4ADDR_SETLOOPBACK(struct sockaddr_in *a)
{
    memset(a, 0, sizeof(*a));
    a->sin_family = AF_INET;
    a->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
}
static inline BOOLEAN IN4ADDR_ISANY(const struct sockaddr_in *a)
{
    return a->sin_addr.s_addr == htonl(INADDR_ANY);
}
static inline BOOLEAN IN4ADDR_ISLOOPBACK(const struct sockaddr_in *a)
{
    return (ntohl(a->sin_addr.s_addr) >> 24) == 127;
}
/* IPv4 address tests on an IN_ADDR (mstcpip.h / ws2ipdef.h). */
static inline BOOLEAN IN4_ADDR_EQUAL(const struct in_addr *a, const struct in_addr *b)
{
    return a->s_addr == b->s_addr;
}
static inline BOOLEAN IN4_UNALIGNED_ADDR_EQUAL(const struct in_addr *a, const struct in_addr *b)
{
    return memcmp(a, b, sizeof(*a)) == 0;
}
static inline BOOLEAN IN4_IS_ADDR_UNSPECIFIED(const struct in_addr *a)
{
    return a->s_addr == 0;
}
static inline BOOLEAN IN4_IS_ADDR_LOOPBACK(const struct in_addr *a)
{
    return ((const UCHAR *)a)[0] == 127;
}
static inline BOOLEAN IN4_IS_ADDR_MULTICAST(const struct in_addr *a)
{
    return (((const UCHAR *)a)[0] & 0xf0) == 0xe0;
}
static inline BOOLEAN IN4_IS_ADDR_BROADCAST(const struct in_addr *a)
{
    return a->s_addr == 0xffffffffu;
}
static inline void INETADDR_SETANY(struct sockaddr *a)
{
    if (a->sa_family == AF_INET6) {
        struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)(void *)a;
        memset(a6, 0, sizeof(*a6));
        a6->sin6_family = AF_INET6;
    } else {
        IN4ADDR_SETANY((struct sockaddr_in *)(void *)a);
    }
}
static inline void INETADDR_SETLOOPBACK(struct sockaddr *a)
{
    if (a->sa_family == AF_INET6) {
        struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)(void *)a;
        memset(a6, 0, sizeof(*a6));
        a6->sin6_family = AF_INET6;
        a6->sin6_addr.s6_addr[15] = 1;
    } else {
        IN4ADDR_SETLOOPBACK((struct sockaddr_in *)(void *)a);
    }
}
static inline BOOLEAN INETADDR_ISANY(const struct sockaddr *a)
{
    if (a->sa_family == AF_INET6) {
        static const unsigned char zero[16] = {0};
        return memcmp(((const struct sockaddr_in6 *)(const void *)a)->sin6_addr.s6_addr, zero,
                      16) == 0;
    }
    return IN4ADDR_ISANY((const struct sockaddr_in *)(const void *)a);
}
static inline BOOLEAN INETADDR_ISLOOPBACK(const struct sockaddr *a)
{
    if (a->sa_family == AF_INET6) {
        static const unsigned char loop[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
        return memcmp(((const struct sockaddr_in6 *)(const void *)a)->sin6_addr.s6_addr, loop,
                      16) == 0;
    }
    return IN4ADDR_ISLOOPBACK((const struct sockaddr_in *)(const void *)a);
}
/* The address bytes (network order) and the port (network order, as stored). */
static inline const UCHAR *INETADDR_ADDRESS(const struct sockaddr *a)
{
    if (a->sa_family == AF_INET6)
        return (const UCHAR *)((const struct sockaddr_in6 *)(const void *)a)->sin6_addr.s6_addr;
    return (const UCHAR *)&((const struct sockaddr_in *)(const void *)a)->sin_addr;
}
static inline USHORT INETADDR_PORT(const struct sockaddr *a)
{
    return ((const struct sockaddr_in *)(const void *)a)->sin_port;
}
static inline void INETADDR_SET_PORT(struct sockaddr *a, USHORT port)
{
    ((struct sockaddr_in *)(void *)a)->sin_port = port;
}
static inline void INETADDR_SET_ADDRESS(struct sockaddr *a, const UCHAR *address)
{
    if (a->sa_family == AF_INET6)
        memcpy(((struct sockaddr_in6 *)(void *)a)->sin6_addr.s6_addr, address, 16);
    else
        memcpy(&((struct sockaddr_in *)(void *)a)->sin_addr, address, 4);
}
/* The scope of an address (IPv6: sin6_scope_id; IPv4: none). */
static inline SCOPE_ID INETADDR_SCOPE_ID(const struct sockaddr *a)
{
    SCOPE_ID scope;
    scope.Value = 0;
    if (a->sa_family == AF_INET6)
        scope.Value = ((const struct sockaddr_in6 *)(const void *)a)->sin6_scope_id;
    return scope;
}
/* An IPv6 socket address for an IPv4 one: ::ffff:a.b.c.d, with the given scope and port. */
static inline void IN6ADDR_SETV4MAPPED(struct sockaddr_in6 *a6, const struct in_addr *a4,
                                       SCOPE_ID scope, USHORT port)
{
    memset(a6, 0, sizeof(*a6));
    a6->sin6_family = AF_INET6;
    a6->sin6_port = port;
    a6->sin6_scope_id = scope.Value;
    a6->sin6_addr.s6_addr[10] = 0xff;
    a6->sin6_addr.s6_addr[11] = 0xff;
    memcpy(&a6->sin6_addr.s6_addr[12], a4, 4);
}
static inline BOOLEAN INETADDR_ISEQUAL(const struct sockaddr *a, const struct sockaddr *b)
{
    if (a->sa_family != b->sa_family)
        return 0;
    return memcmp(INETADDR_ADDRESS(a), INETADDR_ADDRESS(b), a->sa_family == AF_INET6 ? 16 : 4) ==
           0;
}

#ifdef __cplusplus
}
#endif

#endif /* WS2MP_COMPAT_MSTCPIP_H */

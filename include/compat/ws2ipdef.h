/*
 * ws2mp compat: <ws2ipdef.h>, the IP definitions <ws2tcpip.h> builds on: Windows' in6_addr,
 * sockaddr_in6, ip_mreq and ipv6_mreq (declared by <winsock2.h>), SOCKADDR_INET, the IN6_*
 * address tests, and Winsock's TCP keep-alive options with values that cannot clash with the
 * system's.
 */
#ifndef WS2MP_COMPAT_WS2IPDEF_H
#define WS2MP_COMPAT_WS2IPDEF_H
#ifndef _WS2IPDEF_
#define _WS2IPDEF_
#endif

#include "winsock2.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef union _SOCKADDR_INET {
    SOCKADDR_IN Ipv4;
    SOCKADDR_IN6 Ipv6;
    ADDRESS_FAMILY si_family;
} SOCKADDR_INET, *PSOCKADDR_INET;

typedef struct sockaddr_in6 SOCKADDR_IN6_W2KSP1, *PSOCKADDR_IN6_W2KSP1, *LPSOCKADDR_IN6_W2KSP1;

#ifndef WS2MP_COMPAT_FALLBACK
/* IP_PKTINFO / IPV6_PKTINFO control data, in Windows' layout (address first). */
typedef struct in_pktinfo {
    IN_ADDR ipi_addr;
    ULONG ipi_ifindex;
} IN_PKTINFO, *PIN_PKTINFO;
typedef struct in6_pktinfo {
    IN6_ADDR ipi6_addr;
    ULONG ipi6_ifindex;
} IN6_PKTINFO, *PIN6_PKTINFO;
#endif

#ifndef WS2MP_COMPAT_FALLBACK
/* ws2ipdef.h's helpers for IPv6 addresses and socket addresses. */
static inline void IN6_SET_ADDR_UNSPECIFIED(struct in6_addr *a)
{
    memset(a, 0, sizeof(*a));
}
static inline void IN6_SET_ADDR_LOOPBACK(struct in6_addr *a)
{
    memset(a, 0, sizeof(*a));
    a->u.Byte[15] = 1;
}
static inline void IN6ADDR_SETANY(struct sockaddr_in6 *sa)
{
    memset(sa, 0, sizeof(*sa));
    sa->sin6_family = AF_INET6;
}
static inline void IN6ADDR_SETLOOPBACK(struct sockaddr_in6 *sa)
{
    IN6ADDR_SETANY(sa);
    sa->sin6_addr.u.Byte[15] = 1;
}
static inline BOOL IN6ADDR_ISANY(const struct sockaddr_in6 *sa)
{
    return sa->sin6_family == AF_INET6 && IN6_IS_ADDR_UNSPECIFIED(&sa->sin6_addr);
}
static inline BOOL IN6ADDR_ISLOOPBACK(const struct sockaddr_in6 *sa)
{
    return sa->sin6_family == AF_INET6 && IN6_IS_ADDR_LOOPBACK(&sa->sin6_addr);
}
#endif

/* The port of a SOCKADDR_STORAGE (or any IPv4/IPv6 sockaddr: both keep it at the same place). */
#ifndef SS_PORT
#define SS_PORT(ssp) (((struct sockaddr_in *)(ssp))->sin_port)
#endif

/* An IPv6 scope: a 28-bit zone and a 4-bit level, or the whole value. */
typedef union _SCOPE_ID {
    __extension__ struct {
        ULONG Zone : 28;
        ULONG Level : 4;
    };
    ULONG Value;
} SCOPE_ID, *PSCOPE_ID;
#define SCOPEID_UNSPECIFIED_INIT {0}

/* Winsock's TCP_KEEPALIVE (idle seconds before the first probe) is 3, the system's TCP_CORK
 * on Linux: ws2mp names the system's idle-time option instead (macOS has TCP_KEEPALIVE). */
#if !defined(TCP_KEEPALIVE) && defined(TCP_KEEPIDLE)
#define TCP_KEEPALIVE TCP_KEEPIDLE
#endif

#ifdef __cplusplus
}
#endif

#endif /* WS2MP_COMPAT_WS2IPDEF_H */

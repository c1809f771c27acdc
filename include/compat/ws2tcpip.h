/*
 * ws2mp compat: <ws2tcpip.h>. The TCP/IP additions to <winsock2.h>: multicast request
 * structures, IPv6 option aliases, and the address-info typedefs. Option numbers are the
 * native ones; ws2mp accepts Windows' value types for them (4-byte DWORD/BOOL values).
 */
#ifndef WS2MP_COMPAT_WS2TCPIP_H
#define WS2MP_COMPAT_WS2TCPIP_H
#ifndef _WS2TCPIP_H_
#define _WS2TCPIP_H_
#endif

#include "winsock2.h"
#include "ws2ipdef.h"

#ifdef __cplusplus
extern "C" {
#endif


/* The size of a buffer for gai_strerror's text. */
#ifndef GAI_STRERROR_BUFFER_SIZE
#define GAI_STRERROR_BUFFER_SIZE 1024
#endif

#if !defined(IPV6_ADD_MEMBERSHIP) && defined(IPV6_JOIN_GROUP)
#define IPV6_ADD_MEMBERSHIP IPV6_JOIN_GROUP
#endif
#if !defined(IPV6_DROP_MEMBERSHIP) && defined(IPV6_LEAVE_GROUP)
#define IPV6_DROP_MEMBERSHIP IPV6_LEAVE_GROUP
#endif
#if !defined(IPV6_JOIN_GROUP) && defined(IPV6_ADD_MEMBERSHIP)
#define IPV6_JOIN_GROUP IPV6_ADD_MEMBERSHIP
#endif
#if !defined(IPV6_LEAVE_GROUP) && defined(IPV6_DROP_MEMBERSHIP)
#define IPV6_LEAVE_GROUP IPV6_DROP_MEMBERSHIP
#endif

/* Ideal send backlog (Windows Vista SP1): <ws2tcpip.h>'s inline wrappers of WSAIoctl. */
#ifndef SIO_IDEAL_SEND_BACKLOG_CHANGE
#define SIO_IDEAL_SEND_BACKLOG_CHANGE 0x2000747A
#endif
static __inline int idealsendbacklogquery(SOCKET s, ULONG *pISB)
{
    DWORD bytes;
    return WSAIoctl(s, SIO_IDEAL_SEND_BACKLOG_QUERY, NULL, 0, pISB, sizeof(*pISB), &bytes, NULL, NULL);
}
static __inline int idealsendbacklognotify(SOCKET s, LPWSAOVERLAPPED lpOverlapped,
                                           LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine)
{
    DWORD bytes;
    return WSAIoctl(s, SIO_IDEAL_SEND_BACKLOG_CHANGE, NULL, 0, NULL, 0, &bytes, lpOverlapped, lpCompletionRoutine);
}

#ifdef __cplusplus
}
#endif

#endif /* WS2MP_COMPAT_WS2TCPIP_H */

/*
 * ws2mp compat: <wspiapi.h>. On old Windows versions this header provided getaddrinfo and
 * friends through Wspiapi* wrappers; on POSIX the system functions exist, so the wrappers map
 * straight onto them.
 */
#ifndef WS2MP_COMPAT_WSPIAPI_H
#define WS2MP_COMPAT_WSPIAPI_H

#include "ws2tcpip.h"

#define WspiapiGetAddrInfo getaddrinfo
#define WspiapiGetNameInfo getnameinfo
#define WspiapiFreeAddrInfo freeaddrinfo

#endif /* WS2MP_COMPAT_WSPIAPI_H */

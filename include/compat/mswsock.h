/*
 * ws2mp compat: <mswsock.h>. ws2mp provides none of the Microsoft extension functions
 * (AcceptEx, TransmitFile, ...): WSAIoctl(SIO_GET_EXTENSION_FUNCTION_POINTER) fails with
 * WSAEINVAL. This header exists so that sources that include it still compile.
 */
#ifndef WS2MP_COMPAT_MSWSOCK_H
#define WS2MP_COMPAT_MSWSOCK_H

#include "winsock2.h"

#endif /* WS2MP_COMPAT_MSWSOCK_H */

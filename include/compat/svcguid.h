/*
 * ws2mp compat: <svcguid.h>: the service class GUIDs of the TCP/IP name spaces, for
 * WSALookupServiceBegin: `GUID g = SVCID_INET_HOSTADDRBYNAME;`. The DNS name space answers
 * SVCID_HOSTNAME, SVCID_INET_HOSTADDRBYNAME and SVCID_INET_HOSTADDRBYINETSTRING.
 */
#ifndef WS2MP_COMPAT_SVCGUID_H
#define WS2MP_COMPAT_SVCGUID_H

#include "winsock2.h"

#define SVCID_HOSTNAME {0x0002a800, 0, 0, {0xC0, 0, 0, 0, 0, 0, 0, 0x46}}
#define SVCID_INET_HOSTADDRBYINETSTRING {0x0002a801, 0, 0, {0xC0, 0, 0, 0, 0, 0, 0, 0x46}}
#define SVCID_INET_SERVICEBYNAME {0x0002a802, 0, 0, {0xC0, 0, 0, 0, 0, 0, 0, 0x46}}
#define SVCID_INET_HOSTADDRBYNAME {0x0002a803, 0, 0, {0xC0, 0, 0, 0, 0, 0, 0, 0x46}}

#endif /* WS2MP_COMPAT_SVCGUID_H */

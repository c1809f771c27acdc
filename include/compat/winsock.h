/*
 * ws2mp compat: <winsock.h>, the Winsock 1.1 header. As on Windows, a program that includes it
 * gets the socket API it needs; here that is the whole Winsock 2 API of <winsock2.h> (a 1.1
 * program uses a subset of it).
 *
 * The multicast options keep the system's values, as in <ws2tcpip.h>: Windows' 1.1 header
 * numbers IP_MULTICAST_IF..IP_DROP_MEMBERSHIP 2..6, which are other IP options on Linux
 * (IP_TTL, IP_HDRINCL, ...), so ws2mp cannot accept those numbers (docs/PORTING.md), except
 * the membership options written as 5 and 6 with an ip_mreq in a 1.1 session, which ws2mp
 * renumbers as Windows' wsock32 does.
 */
#ifndef WS2MP_COMPAT_WINSOCK_H
#define WS2MP_COMPAT_WINSOCK_H

#include "winsock2.h"
#include "mswsock.h" /* as Windows' winsock.h: WSARecvEx, TransmitFile, AcceptEx */

#endif /* WS2MP_COMPAT_WINSOCK_H */

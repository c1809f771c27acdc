/*
 * ws2mp compat: <icmpapi.h>: pinging without raw sockets.
 *
 * IcmpCreateFile, IcmpCloseHandle, IcmpSendEcho, IcmpSendEcho2 (with an event; not an APC
 * routine) and IcmpParseReplies are exported by libws2mp (declared in ws2mp.h with Windows'
 * types, so a program's own declarations of them agree; the reply buffer is `void *`). IPv4 only (no Icmp6*). The echo uses
 * a raw ICMP socket when the process may open one (root, CAP_NET_RAW), else Linux's
 * unprivileged ping socket (allowed by the net.ipv4.ping_group_range sysctl); with neither,
 * IcmpSendEcho fails with ERROR_ACCESS_DENIED. Through a ping socket, ICMP errors (TTL
 * expired, unreachable) are not seen: such a request ends as IP_REQ_TIMED_OUT, and the reply's
 * Options.Ttl is 0.
 */
#ifndef WS2MP_COMPAT_ICMPAPI_H
#define WS2MP_COMPAT_ICMPAPI_H

#include "ipexport.h"
#include "windows.h"

#endif /* WS2MP_COMPAT_ICMPAPI_H */

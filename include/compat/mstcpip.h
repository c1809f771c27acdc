/*
 * ws2mp compat: <mstcpip.h>. Microsoft's TCP/IP extensions ws2mp knows: the keep-alive
 * structure for WSAIoctl(SIO_KEEPALIVE_VALS) and the UDP reset control codes.
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
/* SIO_RCVALL's values. */
#define RCVALL_OFF 0
#define RCVALL_ON 1
#define RCVALL_SOCKETLEVELONLY 2
#define RCVALL_IPLEVEL 3
#ifndef SIO_KEEPALIVE_VALS
#define SIO_KEEPALIVE_VALS _WSAIOW(IOC_VENDOR, 4)
#endif
#ifndef SIO_UDP_CONNRESET
#define SIO_UDP_CONNRESET _WSAIOW(IOC_VENDOR, 12)
#endif
#ifndef SIO_UDP_NETRESET
#define SIO_UDP_NETRESET _WSAIOW(IOC_VENDOR, 15)
#endif

#ifdef __cplusplus
}
#endif

#endif /* WS2MP_COMPAT_MSTCPIP_H */

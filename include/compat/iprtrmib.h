/*
 * ws2mp compat: <iprtrmib.h>: the MIB headers of the IP Helper API (<ipmib.h>, <ifmib.h>,
 * <tcpmib.h>, <udpmib.h>) and the table classes of GetExtendedTcpTable and
 * GetExtendedUdpTable. <iphlpapi.h> includes it.
 */
#ifndef WS2MP_COMPAT_IPRTRMIB_H
#define WS2MP_COMPAT_IPRTRMIB_H

#include "ipmib.h"
#include "ifmib.h"
#include "tcpmib.h"
#include "udpmib.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum _TCP_TABLE_CLASS {
    TCP_TABLE_BASIC_LISTENER,
    TCP_TABLE_BASIC_CONNECTIONS,
    TCP_TABLE_BASIC_ALL,
    TCP_TABLE_OWNER_PID_LISTENER,
    TCP_TABLE_OWNER_PID_CONNECTIONS,
    TCP_TABLE_OWNER_PID_ALL,
    TCP_TABLE_OWNER_MODULE_LISTENER,
    TCP_TABLE_OWNER_MODULE_CONNECTIONS,
    TCP_TABLE_OWNER_MODULE_ALL
} TCP_TABLE_CLASS, *PTCP_TABLE_CLASS;

typedef enum _UDP_TABLE_CLASS {
    UDP_TABLE_BASIC,
    UDP_TABLE_OWNER_PID,
    UDP_TABLE_OWNER_MODULE
} UDP_TABLE_CLASS, *PUDP_TABLE_CLASS;

#ifdef __cplusplus
}
#endif

#endif /* WS2MP_COMPAT_IPRTRMIB_H */

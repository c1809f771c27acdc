/*
 * ws2mp compat: <iphlpapi.h>. GetAdaptersAddresses (exported by libws2mp, declared in
 * ws2mp.h; see there for what it reports) with the structures of <iptypes.h>, and the
 * interface name/index conversions (if_nametoindex, if_indextoname: the system's, which have
 * Windows' signatures). GetAdaptersInfo and the rest of the IP Helper API are not provided.
 *
 * Windows' AF_INET6 is 23; ws2mp accepts both that and the native AF_INET6 as Family.
 */
#ifndef WS2MP_COMPAT_IPHLPAPI_H
#define WS2MP_COMPAT_IPHLPAPI_H

#include "winsock2.h"
#include "iptypes.h"
#include <net/if.h>

#ifndef IF_NAMESIZE
#define IF_NAMESIZE 16
#endif
#ifndef IF_MAX_STRING_SIZE
#define IF_MAX_STRING_SIZE 256
#endif

#endif /* WS2MP_COMPAT_IPHLPAPI_H */

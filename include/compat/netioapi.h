/*
 * ws2mp compat: <netioapi.h>. The IP Helper change notifications of Windows Vista and later:
 * NotifyIpInterfaceChange, NotifyUnicastIpAddressChange and CancelMibChangeNotify2
 * (exported by libws2mp, declared in ws2mp.h with PIPINTERFACE_CHANGE_CALLBACK,
 * PUNICAST_IPADDRESS_CHANGE_CALLBACK and MIB_NOTIFICATION_TYPE), with Windows' layouts of
 * MIB_IPINTERFACE_ROW (168 bytes on Win64) and MIB_UNICASTIPADDRESS_ROW (80 bytes).
 *
 * The callbacks run on a ws2mp thread. A row passed to them has only the fields Windows fills
 * for a notification: Family, InterfaceLuid and InterfaceIndex (MIB_IPINTERFACE_ROW),
 * Address, InterfaceLuid and InterfaceIndex (MIB_UNICASTIPADDRESS_ROW); the rest is zero. The
 * initial notification (InitialNotification TRUE) passes a NULL row, as Windows does.
 * InterfaceLuid is the interface's NET_LUID (as GetAdaptersAddresses' Luid).
 *
 * The conversions between an interface's NET_LUID, index, GUID, name and alias
 * (ConvertInterfaceIndexToLuid, ConvertInterfaceLuidToIndex, ConvertInterfaceLuidToGuid,
 * ConvertInterfaceGuidToLuid, ConvertInterfaceLuidToNameA/W, ConvertInterfaceNameToLuidA/W,
 * ConvertInterfaceLuidToAlias, ConvertInterfaceAliasToLuid; exported, declared in ws2mp.h
 * with void pointers for the NET_LUID and GUID arguments): a NET_LUID's Info holds the
 * interface index as NetLuidIndex and IF_TYPE_ETHERNET_CSMACD or IF_TYPE_SOFTWARE_LOOPBACK as
 * IfType; the GUID is made from the interface's name (the same in every run); names and
 * aliases are the system's interface names (eth0), where Windows has ethernet_32768 and
 * "Ethernet". Errors as Windows returns them: ERROR_INVALID_PARAMETER, ERROR_FILE_NOT_FOUND
 * (no such interface), ERROR_NOT_ENOUGH_MEMORY (a name buffer too small), ERROR_INVALID_NAME.
 * The rest of <netioapi.h> (GetIpInterfaceEntry, GetUnicastIpAddressTable, GetIfTable2, ...)
 * is not provided.
 */
#ifndef NDIS_IF_MAX_STRING_SIZE
#define NDIS_IF_MAX_STRING_SIZE 256
#endif
#ifndef WS2MP_COMPAT_NETIOAPI_H
#define WS2MP_COMPAT_NETIOAPI_H

#include "winsock2.h"
#include "ws2ipdef.h"
#include "iptypes.h"

#ifdef __cplusplus
extern "C" {
#endif

#ifndef NETIOAPI_API_
#define NETIOAPI_API_ WINAPI
#endif
#ifndef NETIO_STATUS
#define NETIO_STATUS DWORD
#endif
#ifndef NETIO_SUCCESS
#define NETIO_SUCCESS(x) ((x) == NO_ERROR)
#endif
#ifndef NETIOAPI_API
#define NETIOAPI_API NETIO_STATUS NETIOAPI_API_
#endif

typedef MIB_NOTIFICATION_TYPE *PMIB_NOTIFICATION_TYPE;

typedef IP_PREFIX_ORIGIN NL_PREFIX_ORIGIN;
typedef IP_SUFFIX_ORIGIN NL_SUFFIX_ORIGIN;
typedef IP_DAD_STATE NL_DAD_STATE;

typedef enum {
    RouterDiscoveryDisabled = 0,
    RouterDiscoveryEnabled,
    RouterDiscoveryDhcp,
    RouterDiscoveryUnchanged = -1
} NL_ROUTER_DISCOVERY_BEHAVIOR;

typedef enum {
    LinkLocalAlwaysOff = 0,
    LinkLocalDelayed,
    LinkLocalAlwaysOn,
    LinkLocalUnchanged = -1
} NL_LINK_LOCAL_ADDRESS_BEHAVIOR;

typedef struct _NL_INTERFACE_OFFLOAD_ROD {
    BOOLEAN NlChecksumSupported : 1;
    BOOLEAN NlOptionsSupported : 1;
    BOOLEAN TlDatagramChecksumSupported : 1;
    BOOLEAN TlStreamChecksumSupported : 1;
    BOOLEAN TlStreamOptionsSupported : 1;
    BOOLEAN FastPathCompatible : 1;
    BOOLEAN TlLargeSendOffloadSupported : 1;
    BOOLEAN TlGiantSendOffloadSupported : 1;
} NL_INTERFACE_OFFLOAD_ROD, *PNL_INTERFACE_OFFLOAD_ROD;

/* SCOPE_LEVEL's count of levels: ZoneIndices has one entry per level. */
#ifndef WS2MP_SCOPE_LEVEL_COUNT_
#define WS2MP_SCOPE_LEVEL_COUNT_ 16
#endif

typedef struct _MIB_IPINTERFACE_ROW {
    ADDRESS_FAMILY Family;
    NET_LUID InterfaceLuid;
    NET_IFINDEX InterfaceIndex;
    ULONG MaxReassemblySize;
    ULONG64 InterfaceIdentifier;
    ULONG MinRouterAdvertisementInterval;
    ULONG MaxRouterAdvertisementInterval;
    BOOLEAN AdvertisingEnabled;
    BOOLEAN ForwardingEnabled;
    BOOLEAN WeakHostSend;
    BOOLEAN WeakHostReceive;
    BOOLEAN UseAutomaticMetric;
    BOOLEAN UseNeighborUnreachabilityDetection;
    BOOLEAN ManagedAddressConfigurationSupported;
    BOOLEAN OtherStatefulConfigurationSupported;
    BOOLEAN AdvertiseDefaultRoute;
    NL_ROUTER_DISCOVERY_BEHAVIOR RouterDiscoveryBehavior;
    ULONG DadTransmits;
    ULONG BaseReachableTime;
    ULONG RetransmitTime;
    ULONG PathMtuDiscoveryTimeout;
    NL_LINK_LOCAL_ADDRESS_BEHAVIOR LinkLocalAddressBehavior;
    ULONG LinkLocalAddressTimeout;
    ULONG ZoneIndices[WS2MP_SCOPE_LEVEL_COUNT_];
    ULONG SitePrefixLength;
    ULONG Metric;
    ULONG NlMtu;
    BOOLEAN Connected;
    BOOLEAN SupportsWakeUpPatterns;
    BOOLEAN SupportsNeighborDiscovery;
    BOOLEAN SupportsRouterDiscovery;
    ULONG ReachableTime;
    NL_INTERFACE_OFFLOAD_ROD TransmitOffload;
    NL_INTERFACE_OFFLOAD_ROD ReceiveOffload;
    BOOLEAN DisableDefaultRoutes;
} MIB_IPINTERFACE_ROW, *PMIB_IPINTERFACE_ROW;

typedef struct _MIB_UNICASTIPADDRESS_ROW {
    SOCKADDR_INET Address;
    NET_LUID InterfaceLuid;
    NET_IFINDEX InterfaceIndex;
    NL_PREFIX_ORIGIN PrefixOrigin;
    NL_SUFFIX_ORIGIN SuffixOrigin;
    ULONG ValidLifetime;
    ULONG PreferredLifetime;
    UINT8 OnLinkPrefixLength;
    BOOLEAN SkipAsSource;
    NL_DAD_STATE DadState;
    SCOPE_ID ScopeId;
    LARGE_INTEGER CreationTimeStamp;
} MIB_UNICASTIPADDRESS_ROW, *PMIB_UNICASTIPADDRESS_ROW;

#if defined(__x86_64__) || defined(__aarch64__)
C_ASSERT(sizeof(MIB_IPINTERFACE_ROW) == 168);
C_ASSERT(offsetof(MIB_IPINTERFACE_ROW, InterfaceIndex) == 16);
C_ASSERT(offsetof(MIB_IPINTERFACE_ROW, ZoneIndices) == 80);
C_ASSERT(offsetof(MIB_IPINTERFACE_ROW, DisableDefaultRoutes) == 166);
C_ASSERT(sizeof(MIB_UNICASTIPADDRESS_ROW) == 80);
C_ASSERT(offsetof(MIB_UNICASTIPADDRESS_ROW, InterfaceLuid) == 32);
C_ASSERT(offsetof(MIB_UNICASTIPADDRESS_ROW, InterfaceIndex) == 40);
C_ASSERT(offsetof(MIB_UNICASTIPADDRESS_ROW, CreationTimeStamp) == 72);
#endif

#ifdef __cplusplus
}
#endif

#endif /* WS2MP_COMPAT_NETIOAPI_H */

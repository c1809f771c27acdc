/*
 * ws2mp compat: <iphlpapi.h>. GetAdaptersAddresses (exported by libws2mp, declared in
 * ws2mp.h; see there for what it reports) with the structures of <iptypes.h>, and the
 * interface name/index conversions (if_nametoindex, if_indextoname: the system's, which have
 * Windows' signatures); the ICMP functions are in <icmpapi.h>.
 *
 * GetAdaptersInfo (inline, over GetAdaptersAddresses): the IPv4 adapters other than loopback,
 * each with all its IPv4 addresses and masks; GatewayList the default gateway through it from
 * the routing table (mask 255.255.255.255), or 0.0.0.0 and 0.0.0.0 when it has none, as
 * Windows fills it; DhcpServer and the WINS servers are empty strings and DhcpEnabled is 0
 * (ws2mp does not know them). ERROR_BUFFER_OVERFLOW with
 * the size needed, ERROR_INVALID_PARAMETER for a NULL size, ERROR_NO_DATA without adapters.
 *
 * GetIpAddrTable, GetBestInterface(Ex) and GetNumberOfInterfaces (inline, over
 * GetAdaptersAddresses; GetBestInterface asks the routing table through a connected UDP
 * socket, sending nothing).
 *
 * GetPerAdapterInfo (inline): an interface's name servers, those of /etc/resolv.conf.
 * GetRTTAndHopCount (exported): ICMP echoes with a growing TTL until the destination answers,
 * as <icmpapi.h>'s IcmpSendEcho sends them (without a raw socket, routers' TTL-expired answers
 * are not seen and each hop before the destination waits its second out).
 * GetAdapterIndex (exported): the index of the adapter "\DEVICE\TCPIP_{GUID}" or "{GUID}"
 * (GetInterfaceInfo's and GetAdaptersInfo's names) or of an interface name.
 *
 * GetNetworkParams (inline): the DNS host name and domain (GetComputerNameEx's), the IPv4
 * name servers of /etc/resolv.conf in its order (the first also CurrentDnsServer), the
 * broadcast node type of a host without WINS servers, no scope, routing enabled when the
 * system forwards IPv4 (Linux's /proc/sys/net/ipv4/ip_forward), no WINS proxy, no DNS for
 * NetBIOS names. ERROR_BUFFER_OVERFLOW with the size needed, ERROR_INVALID_PARAMETER for a
 * NULL size.
 *
 * The MIB tables (exported by libws2mp, declared in ws2mp.h; structures in <tcpmib.h>,
 * <udpmib.h>, <ifmib.h>, <ipmib.h>, all included through <iprtrmib.h>), read from Linux's
 * /proc (ERROR_NOT_SUPPORTED on macOS and the BSDs): GetTcpTable, GetTcp6Table, GetUdpTable,
 * GetUdp6Table, GetExtendedTcpTable and GetExtendedUdpTable (the BASIC and OWNER_PID classes;
 * the owning PID is found for this process's sockets and for those of processes whose
 * /proc/<pid>/fd is readable), GetIfTable and GetIfEntry, GetIpForwardTable (the main routing
 * table), GetIpNetTable (the ARP cache), GetIpStatistics, GetIcmpStatistics,
 * GetTcpStatistics, GetUdpStatistics, and SendARP (the kernel's neighbour cache only: no ARP
 * request is sent; ERROR_BAD_NET_NAME for an address it does not hold). The size protocol is
 * Windows': ERROR_INSUFFICIENT_BUFFER with the size needed, ERROR_INVALID_PARAMETER for a NULL
 * size pointer.
 *
 * Windows' AF_INET6 is 23; ws2mp accepts both that and the native AF_INET6 as Family.
 */
#ifndef WS2MP_COMPAT_IPHLPAPI_H
#define WS2MP_COMPAT_IPHLPAPI_H

#include "winsock2.h"
#include "iptypes.h"
#include "ipexport.h"
#include "iprtrmib.h"
#include "netioapi.h"
/* <winsock2.h> reads the system's <net/if.h> (before defining Windows' IFF_* values), which
 * declares the two conversions; should it not have, they are declared here the way it
 * declares them. */
#if !defined(_NET_IF_H) && !defined(_NET_IF_H_) && WS2MP_NTDDI_VISTA
#ifdef __cplusplus
extern "C" {
#endif
#if defined(__cplusplus) && defined(__THROW)
unsigned int if_nametoindex(const char *ifname) __THROW;
char *if_indextoname(unsigned int ifindex, char *ifname) __THROW;
#else
unsigned int if_nametoindex(const char *ifname);
char *if_indextoname(unsigned int ifindex, char *ifname);
#endif
#ifdef __cplusplus
}
#endif
#endif

#ifndef IF_NAMESIZE
#define IF_NAMESIZE 16
#endif
#ifndef IF_MAX_STRING_SIZE
#define IF_MAX_STRING_SIZE 256
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* The IPv4 adapters GetAdaptersInfo lists, from GetAdaptersAddresses (a malloc'd list, or
 * NULL with the Win32 error in *rc). */
static inline PIP_ADAPTER_ADDRESSES ws2mp_ipv4_adapters_(ULONG *rc)
{
    ULONG size = 16384;
    PIP_ADAPTER_ADDRESSES list = NULL;
    int tries;
    for (tries = 0; tries < 4; tries++) {
        list = (PIP_ADAPTER_ADDRESSES)malloc(size);
        if (list == NULL) {
            *rc = ERROR_NOT_ENOUGH_MEMORY;
            return NULL;
        }
        *rc = GetAdaptersAddresses(AF_INET, GAA_FLAG_SKIP_ANYCAST | GAA_FLAG_SKIP_MULTICAST |
                                                GAA_FLAG_SKIP_DNS_SERVER | GAA_FLAG_SKIP_FRIENDLY_NAME,
                                   NULL, list, &size);
        if (*rc == NO_ERROR)
            return list;
        free(list);
        list = NULL;
        if (*rc != ERROR_BUFFER_OVERFLOW)
            return NULL;
    }
    return NULL;
}

/* The default gateway of the adapter with this index, from the routing table (the default
 * route through it with the lowest metric); 0 when it has none. */
static inline DWORD ws2mp_adapter_gateway_(DWORD index)
{
    ULONG size = 0, i;
    DWORD gateway = 0, metric = 0;
    PMIB_IPFORWARDTABLE table;
    if (GetIpForwardTable(NULL, &size, FALSE) != ERROR_INSUFFICIENT_BUFFER)
        return 0;
    table = (PMIB_IPFORWARDTABLE)malloc(size);
    if (table == NULL)
        return 0;
    if (GetIpForwardTable(table, &size, FALSE) == NO_ERROR) {
        for (i = 0; i < table->dwNumEntries; i++) {
            PMIB_IPFORWARDROW r = &table->table[i];
            if (r->dwForwardDest != 0 || r->dwForwardMask != 0 || r->dwForwardIfIndex != index ||
                r->dwForwardNextHop == 0)
                continue;
            if (gateway == 0 || r->dwForwardMetric1 < metric) {
                gateway = r->dwForwardNextHop;
                metric = r->dwForwardMetric1;
            }
        }
    }
    free(table);
    return gateway;
}

static inline int ws2mp_adapter_listed_(PIP_ADAPTER_ADDRESSES a)
{
    return a->IfType != IF_TYPE_SOFTWARE_LOOPBACK && a->FirstUnicastAddress != NULL;
}

static inline DWORD GetAdaptersInfo(PIP_ADAPTER_INFO info, PULONG size)
{
    ULONG rc, need = 0;
    PIP_ADAPTER_ADDRESSES list, a;
    PIP_ADAPTER_UNICAST_ADDRESS u;
    PIP_ADAPTER_INFO out, prev = NULL;
    PIP_ADDR_STRING extra;
    if (size == NULL)
        return ERROR_INVALID_PARAMETER;
    list = ws2mp_ipv4_adapters_(&rc);
    if (list == NULL)
        return rc == ERROR_NO_DATA ? ERROR_NO_DATA : rc;
    for (a = list; a != NULL; a = a->Next) {
        if (!ws2mp_adapter_listed_(a))
            continue;
        need += sizeof(IP_ADAPTER_INFO);
        for (u = a->FirstUnicastAddress->Next; u != NULL; u = u->Next)
            need += sizeof(IP_ADDR_STRING);
    }
    if (need == 0) {
        free(list);
        return ERROR_NO_DATA;
    }
    if (info == NULL || *size < need) {
        *size = need;
        free(list);
        return ERROR_BUFFER_OVERFLOW;
    }
    memset(info, 0, need);
    out = info;
    for (a = list; a != NULL; a = a->Next) {
        PIP_ADDR_STRING slot;
        int first = 1;
        if (!ws2mp_adapter_listed_(a))
            continue;
        extra = (PIP_ADDR_STRING)(void *)(out + 1);
        strncpy(out->AdapterName, a->AdapterName, MAX_ADAPTER_NAME_LENGTH);
        strncpy(out->Description, a->AdapterName, MAX_ADAPTER_DESCRIPTION_LENGTH);
        out->AddressLength = a->PhysicalAddressLength;
        memcpy(out->Address, a->PhysicalAddress, MAX_ADAPTER_ADDRESS_LENGTH);
        out->Index = a->IfIndex;
        out->ComboIndex = a->IfIndex;
        out->Type = a->IfType == IF_TYPE_ETHERNET_CSMACD ? MIB_IF_TYPE_ETHERNET : MIB_IF_TYPE_OTHER;
        slot = &out->IpAddressList;
        for (u = a->FirstUnicastAddress; u != NULL; u = u->Next) {
            struct in_addr addr = ((struct sockaddr_in *)(void *)u->Address.lpSockaddr)->sin_addr;
            struct in_addr mask;
            if (!first) {
                slot->Next = extra;
                slot = extra++;
            }
            first = 0;
            mask.s_addr = htonl(u->OnLinkPrefixLength == 0 ? 0u : 0xFFFFFFFFu << (32 - u->OnLinkPrefixLength));
            ws2mp_inet_ntop(AF_INET, &addr, slot->IpAddress.String, sizeof(slot->IpAddress.String));
            ws2mp_inet_ntop(AF_INET, &mask, slot->IpMask.String, sizeof(slot->IpMask.String));
        }
        {
            /* As Windows: the gateway with mask 255.255.255.255, or 0.0.0.0 twice. */
            struct in_addr gw;
            gw.s_addr = ws2mp_adapter_gateway_(a->IfIndex);
            ws2mp_inet_ntop(AF_INET, &gw, out->GatewayList.IpAddress.String, sizeof(out->GatewayList.IpAddress.String));
            strcpy(out->GatewayList.IpMask.String, gw.s_addr != 0 ? "255.255.255.255" : "0.0.0.0");
        }
        if (prev != NULL)
            prev->Next = out;
        prev = out;
        out = (PIP_ADAPTER_INFO)(void *)extra;
    }
    free(list);
    return NO_ERROR;
}

/* ---- GetInterfaceInfo: the IPv4 adapters other than loopback, by index and name ---------- */
/* Each Name is "\DEVICE\TCPIP_" and the adapter's GetAdaptersInfo AdapterName, as on Windows:
 * "\DEVICE\TCPIP_{GUID}". ERROR_INSUFFICIENT_BUFFER with the size needed when the table
 * does not fit; ERROR_NO_DATA without such an adapter. */
static inline DWORD GetInterfaceInfo(PIP_INTERFACE_INFO table, PULONG size)
{
    static const char prefix[] = "\\DEVICE\\TCPIP_";
    ULONG rc, need;
    LONG count = 0;
    PIP_ADAPTER_ADDRESSES list, a;
    if (size == NULL)
        return ERROR_INVALID_PARAMETER;
    list = ws2mp_ipv4_adapters_(&rc);
    if (list == NULL)
        return rc;
    for (a = list; a != NULL; a = a->Next)
        if (ws2mp_adapter_listed_(a))
            count++;
    if (count == 0) {
        free(list);
        return ERROR_NO_DATA;
    }
    need = (ULONG)(offsetof(IP_INTERFACE_INFO, Adapter) + (size_t)count * sizeof(IP_ADAPTER_INDEX_MAP));
    if (table == NULL || *size < need) {
        *size = need;
        free(list);
        return ERROR_INSUFFICIENT_BUFFER;
    }
    memset(table, 0, need);
    table->NumAdapters = 0;
    for (a = list; a != NULL; a = a->Next) {
        IP_ADAPTER_INDEX_MAP *m;
        size_t i, j = 0;
        if (!ws2mp_adapter_listed_(a))
            continue;
        m = &table->Adapter[table->NumAdapters++];
        m->Index = a->IfIndex;
        for (i = 0; prefix[i] != 0 && j + 1 < MAX_ADAPTER_NAME; i++)
            m->Name[j++] = (WCHAR)(unsigned char)prefix[i];
        for (i = 0; a->AdapterName[i] != 0 && j + 1 < MAX_ADAPTER_NAME; i++)
            m->Name[j++] = (WCHAR)(unsigned char)a->AdapterName[i];
    }
    free(list);
    return NO_ERROR;
}

/* ---- The calls that change the system's configuration: they fail as for a program without
 * administrator rights on Windows (ERROR_ACCESS_DENIED); ws2mp changes no addresses or leases. */
static inline DWORD AddIPAddress(IPAddr Address, IPMask IpMask, DWORD IfIndex, PULONG NTEContext, PULONG NTEInstance)
{
    (void)Address;
    (void)IpMask;
    (void)IfIndex;
    if (NTEContext == NULL || NTEInstance == NULL)
        return ERROR_INVALID_PARAMETER;
    return ERROR_ACCESS_DENIED;
}
static inline DWORD DeleteIPAddress(ULONG NTEContext)
{
    (void)NTEContext;
    return ERROR_ACCESS_DENIED;
}
static inline DWORD IpReleaseAddress(PIP_ADAPTER_INDEX_MAP AdapterInfo)
{
    return AdapterInfo == NULL ? ERROR_INVALID_PARAMETER : ERROR_ACCESS_DENIED;
}
static inline DWORD IpRenewAddress(PIP_ADAPTER_INDEX_MAP AdapterInfo)
{
    return AdapterInfo == NULL ? ERROR_INVALID_PARAMETER : ERROR_ACCESS_DENIED;
}

/* ---- GetIpAddrTable (ipmib.h's MIB_IPADDRTABLE): every IPv4 address, loopback included ---- */
static inline int ws2mp_ipaddrrow_cmp_(const void *a, const void *b)
{
    DWORD x = ntohl(((const MIB_IPADDRROW *)a)->dwAddr), y = ntohl(((const MIB_IPADDRROW *)b)->dwAddr);
    return x < y ? -1 : x > y;
}

/* The host's IPv4 addresses (each with its interface index and mask; dwBCastAddr is 1 and
 * dwReasmSize 65535, as Windows reports), sorted by address when bOrder is TRUE. The size
 * protocol: ERROR_INSUFFICIENT_BUFFER with the size needed in *pdwSize;
 * ERROR_INVALID_PARAMETER for a NULL pdwSize. */
static inline DWORD GetIpAddrTable(PMIB_IPADDRTABLE pIpAddrTable, PULONG pdwSize, BOOL bOrder)
{
    ULONG rc, size = 16384, n = 0, need;
    PIP_ADAPTER_ADDRESSES list = NULL, a;
    PIP_ADAPTER_UNICAST_ADDRESS u;
    int tries;
    if (pdwSize == NULL)
        return ERROR_INVALID_PARAMETER;
    for (tries = 0; tries < 4; tries++) {
        list = (PIP_ADAPTER_ADDRESSES)malloc(size);
        if (list == NULL)
            return ERROR_NOT_ENOUGH_MEMORY;
        rc = GetAdaptersAddresses(AF_INET, GAA_FLAG_SKIP_ANYCAST | GAA_FLAG_SKIP_MULTICAST |
                                               GAA_FLAG_SKIP_DNS_SERVER | GAA_FLAG_SKIP_FRIENDLY_NAME,
                                  NULL, list, &size);
        if (rc == NO_ERROR)
            break;
        free(list);
        list = NULL;
        if (rc == ERROR_NO_DATA)
            break;
        if (rc != ERROR_BUFFER_OVERFLOW)
            return rc;
    }
    for (a = list; a != NULL; a = a->Next)
        for (u = a->FirstUnicastAddress; u != NULL; u = u->Next)
            n++;
    need = (ULONG)SIZEOF_IPADDRTABLE(n == 0 ? 1 : n);
    if (pIpAddrTable == NULL || *pdwSize < need) {
        *pdwSize = need;
        free(list);
        return ERROR_INSUFFICIENT_BUFFER;
    }
    memset(pIpAddrTable, 0, need);
    n = 0;
    for (a = list; a != NULL; a = a->Next) {
        for (u = a->FirstUnicastAddress; u != NULL; u = u->Next) {
            MIB_IPADDRROW *row = &pIpAddrTable->table[n++];
            row->dwAddr = ((struct sockaddr_in *)(void *)u->Address.lpSockaddr)->sin_addr.s_addr;
            row->dwIndex = a->IfIndex;
            row->dwMask = htonl(u->OnLinkPrefixLength == 0 ? 0u : 0xFFFFFFFFu << (32 - u->OnLinkPrefixLength));
            row->dwBCastAddr = 1;
            row->dwReasmSize = 65535;
            row->wType = MIB_IPADDR_PRIMARY;
        }
    }
    pIpAddrTable->dwNumEntries = n;
    if (bOrder && n > 1)
        qsort(pIpAddrTable->table, n, sizeof(MIB_IPADDRROW), ws2mp_ipaddrrow_cmp_);
    free(list);
    return NO_ERROR;
}

/* The interface the host would send from toward a destination: the interface that owns the
 * local address a connected UDP socket gets (no datagram is sent). */
static inline DWORD GetBestInterfaceEx(struct sockaddr *pDestAddr, PDWORD pdwBestIfIndex)
{
    SOCKET s;
    struct sockaddr_storage local;
    int len = (int)sizeof(local), dlen;
    ULONG rc, size = 16384;
    PIP_ADAPTER_ADDRESSES list, a;
    PIP_ADAPTER_UNICAST_ADDRESS u;
    if (pDestAddr == NULL || pdwBestIfIndex == NULL)
        return ERROR_INVALID_PARAMETER;
    WSADATA wsa;
    int saved = WSAGetLastError();
    dlen = pDestAddr->sa_family == AF_INET ? (int)sizeof(struct sockaddr_in) : (int)sizeof(struct sockaddr_in6);
    /* The IP Helper API needs no WSAStartup: take a reference of our own. */
    if (WSAStartup(MAKEWORD(2, 2), &wsa) != 0)
        return ERROR_NOT_ENOUGH_MEMORY;
    s = socket(pDestAddr->sa_family, SOCK_DGRAM, IPPROTO_UDP);
    if (s == INVALID_SOCKET) {
        WSACleanup();
        WSASetLastError(saved);
        return ERROR_INVALID_PARAMETER;
    }
    rc = (connect(s, pDestAddr, dlen) != 0 || getsockname(s, (struct sockaddr *)&local, &len) != 0);
    closesocket(s);
    WSACleanup();
    WSASetLastError(saved);
    if (rc)
        return ERROR_NETWORK_UNREACHABLE;
    list = (PIP_ADAPTER_ADDRESSES)malloc(size);
    if (list == NULL)
        return ERROR_NOT_ENOUGH_MEMORY;
    rc = GetAdaptersAddresses(local.ss_family, GAA_FLAG_SKIP_ANYCAST | GAA_FLAG_SKIP_MULTICAST |
                                                   GAA_FLAG_SKIP_DNS_SERVER | GAA_FLAG_SKIP_FRIENDLY_NAME,
                              NULL, list, &size);
    if (rc == NO_ERROR) {
        rc = ERROR_NOT_FOUND;
        for (a = list; a != NULL && rc != NO_ERROR; a = a->Next) {
            for (u = a->FirstUnicastAddress; u != NULL; u = u->Next) {
                int same = local.ss_family == AF_INET
                               ? ((struct sockaddr_in *)(void *)u->Address.lpSockaddr)->sin_addr.s_addr ==
                                     ((struct sockaddr_in *)&local)->sin_addr.s_addr
                               : memcmp(&((struct sockaddr_in6 *)(void *)u->Address.lpSockaddr)->sin6_addr,
                                        &((struct sockaddr_in6 *)&local)->sin6_addr, sizeof(struct in6_addr)) == 0;
                if (same) {
                    *pdwBestIfIndex = a->IfIndex;
                    rc = NO_ERROR;
                    break;
                }
            }
        }
    }
    free(list);
    return rc;
}

/* GetBestInterfaceEx for an IPv4 address (network byte order). */
static inline DWORD GetBestInterface(IPAddr dwDestAddr, PDWORD pdwBestIfIndex)
{
    struct sockaddr_in sin;
    memset(&sin, 0, sizeof(sin));
    sin.sin_family = AF_INET;
    sin.sin_port = htons(9);
    sin.sin_addr.s_addr = dwDestAddr;
    return GetBestInterfaceEx((struct sockaddr *)&sin, pdwBestIfIndex);
}

/* The number of interfaces (loopback included). */
static inline DWORD GetNumberOfInterfaces(PDWORD pdwNumIf)
{
    ULONG rc, size = 32768, n = 0;
    PIP_ADAPTER_ADDRESSES list, a;
    if (pdwNumIf == NULL)
        return ERROR_INVALID_PARAMETER;
    list = (PIP_ADAPTER_ADDRESSES)malloc(size);
    if (list == NULL)
        return ERROR_NOT_ENOUGH_MEMORY;
    rc = GetAdaptersAddresses(AF_UNSPEC, GAA_FLAG_SKIP_UNICAST | GAA_FLAG_SKIP_ANYCAST | GAA_FLAG_SKIP_MULTICAST |
                                             GAA_FLAG_SKIP_DNS_SERVER | GAA_FLAG_SKIP_FRIENDLY_NAME,
                              NULL, list, &size);
    if (rc == NO_ERROR)
        for (a = list; a != NULL; a = a->Next)
            n++;
    free(list);
    if (rc != NO_ERROR && rc != ERROR_NO_DATA)
        return rc;
    *pdwNumIf = n;
    return NO_ERROR;
}

/* ---- GetNetworkParams ------------------------------------------------------------------ */
#define WS2MP_DNS_SERVERS_MAX 16

/* Whether `s` is a dotted IPv4 address (four numbers 0-255); its length when it is, else 0. */
static inline size_t ws2mp_dotted_ipv4_(const char *s)
{
    size_t i = 0;
    int part, digits, value;
    for (part = 0; part < 4; part++) {
        if (part > 0 && s[i++] != '.')
            return 0;
        for (digits = 0, value = 0; s[i] >= '0' && s[i] <= '9' && digits < 3; digits++)
            value = value * 10 + (s[i++] - '0');
        if (digits == 0 || value > 255)
            return 0;
    }
    return s[i] == '\0' || s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r' ? i : 0;
}

/* The IPv4 name servers of /etc/resolv.conf, in its order, into servers; their number. */
static inline int ws2mp_dns_servers_(char servers[WS2MP_DNS_SERVERS_MAX][16])
{
    char line[512];
    int n = 0;
    FILE *f = fopen("/etc/resolv.conf", "r");
    if (f == NULL)
        return 0;
    while (n < WS2MP_DNS_SERVERS_MAX && fgets(line, sizeof(line), f) != NULL) {
        const char *p = line;
        size_t len;
        while (*p == ' ' || *p == '\t')
            p++;
        if (strncmp(p, "nameserver", 10) != 0 || (p[10] != ' ' && p[10] != '\t'))
            continue;
        p += 10;
        while (*p == ' ' || *p == '\t')
            p++;
        len = ws2mp_dotted_ipv4_(p);
        if (len == 0)
            continue;
        memcpy(servers[n], p, len);
        servers[n][len] = '\0';
        n++;
    }
    fclose(f);
    return n;
}

static inline DWORD GetNetworkParams(PFIXED_INFO pFixedInfo, PULONG pOutBufLen)
{
    char servers[WS2MP_DNS_SERVERS_MAX][16];
    int n = ws2mp_dns_servers_(servers), i;
    ULONG need = (ULONG)sizeof(FIXED_INFO) + (ULONG)(n > 1 ? n - 1 : 0) * (ULONG)sizeof(IP_ADDR_STRING);
    PIP_ADDR_STRING extra;
    DWORD len;
    FILE *f;
    if (pOutBufLen == NULL)
        return ERROR_INVALID_PARAMETER;
    if (pFixedInfo == NULL || *pOutBufLen < need) {
        *pOutBufLen = need;
        return ERROR_BUFFER_OVERFLOW;
    }
    memset(pFixedInfo, 0, need);
    len = sizeof(pFixedInfo->HostName);
    if (!GetComputerNameExA(ComputerNameDnsHostname, pFixedInfo->HostName, &len))
        pFixedInfo->HostName[0] = '\0';
    len = sizeof(pFixedInfo->DomainName);
    if (!GetComputerNameExA(ComputerNameDnsDomain, pFixedInfo->DomainName, &len))
        pFixedInfo->DomainName[0] = '\0';
    extra = (PIP_ADDR_STRING)(void *)(pFixedInfo + 1);
    for (i = 0; i < n; i++) {
        PIP_ADDR_STRING slot = i == 0 ? &pFixedInfo->DnsServerList : &extra[i - 1];
        if (i > 0)
            (i == 1 ? &pFixedInfo->DnsServerList : &extra[i - 2])->Next = slot;
        memcpy(slot->IpAddress.String, servers[i], sizeof(servers[i]));
    }
    pFixedInfo->CurrentDnsServer = n > 0 ? &pFixedInfo->DnsServerList : NULL;
    pFixedInfo->NodeType = BROADCAST_NODETYPE;
    f = fopen("/proc/sys/net/ipv4/ip_forward", "r");
    if (f != NULL) {
        pFixedInfo->EnableRouting = fgetc(f) == '1';
        fclose(f);
    }
    return NO_ERROR;
}

/* ---- GetPerAdapterInfo --------------------------------------------------- */
/* The C library's if_indextoname under a private name: a program that targets XP may define
 * its own (Windows declares it for Vista and later). */
#define WS2MP_IPHLP_STR2_(x) #x
#define WS2MP_IPHLP_STR_(x) WS2MP_IPHLP_STR2_(x)
#ifdef __cplusplus
extern "C" {
#endif
char *ws2mp_if_indextoname_(unsigned int ifindex, char *ifname)
    __asm__(WS2MP_IPHLP_STR_(__USER_LABEL_PREFIX__) "if_indextoname");
#ifdef __cplusplus
}
#endif
/* The name servers of an interface (by index): those of /etc/resolv.conf, which the system
 * uses for every interface; no autoconfiguration. ERROR_INVALID_PARAMETER for a NULL size,
 * ERROR_NO_DATA for an index no interface has, ERROR_BUFFER_OVERFLOW with the size needed. */
static inline DWORD GetPerAdapterInfo(ULONG IfIndex, PIP_PER_ADAPTER_INFO pPerAdapterInfo, PULONG pOutBufLen)
{
    char servers[WS2MP_DNS_SERVERS_MAX][16], name[IF_NAMESIZE];
    int n, i;
    ULONG need;
    PIP_ADDR_STRING extra;
    if (pOutBufLen == NULL)
        return ERROR_INVALID_PARAMETER;
    if (IfIndex == 0 || ws2mp_if_indextoname_(IfIndex, name) == NULL)
        return ERROR_NO_DATA;
    n = ws2mp_dns_servers_(servers);
    need = (ULONG)sizeof(IP_PER_ADAPTER_INFO) + (ULONG)(n > 1 ? n - 1 : 0) * (ULONG)sizeof(IP_ADDR_STRING);
    if (pPerAdapterInfo == NULL || *pOutBufLen < need) {
        *pOutBufLen = need;
        return ERROR_BUFFER_OVERFLOW;
    }
    memset(pPerAdapterInfo, 0, need);
    extra = (PIP_ADDR_STRING)(void *)(pPerAdapterInfo + 1);
    for (i = 0; i < n; i++) {
        PIP_ADDR_STRING slot = i == 0 ? &pPerAdapterInfo->DnsServerList : &extra[i - 1];
        if (i > 0)
            (i == 1 ? &pPerAdapterInfo->DnsServerList : &extra[i - 2])->Next = slot;
        memcpy(slot->IpAddress.String, servers[i], sizeof(servers[i]));
    }
    pPerAdapterInfo->CurrentDnsServer = n > 0 ? &pPerAdapterInfo->DnsServerList : NULL;
    return NO_ERROR;
}

#ifdef __cplusplus
}
#endif

#endif /* WS2MP_COMPAT_IPHLPAPI_H */

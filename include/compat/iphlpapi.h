/*
 * ws2mp compat: <iphlpapi.h>. GetAdaptersAddresses (exported by libws2mp, declared in
 * ws2mp.h; see there for what it reports) with the structures of <iptypes.h>, and the
 * interface name/index conversions (if_nametoindex, if_indextoname: the system's, which have
 * Windows' signatures). The rest of the IP Helper API is not provided.
 *
 * GetAdaptersInfo (inline, over GetAdaptersAddresses): the IPv4 adapters other than loopback,
 * each with all its IPv4 addresses and masks; GatewayList, DhcpServer and the WINS servers are
 * empty strings and DhcpEnabled is 0 (ws2mp does not know them). ERROR_BUFFER_OVERFLOW with
 * the size needed, ERROR_INVALID_PARAMETER for a NULL size, ERROR_NO_DATA without adapters.
 *
 * Windows' AF_INET6 is 23; ws2mp accepts both that and the native AF_INET6 as Family.
 */
#ifndef WS2MP_COMPAT_IPHLPAPI_H
#define WS2MP_COMPAT_IPHLPAPI_H

#include "winsock2.h"
#include "iptypes.h"
#include "ipexport.h"
/* <winsock2.h> reads the system's <net/if.h> (before defining Windows' IFF_* values), which
 * declares the two conversions; should it not have, they are declared here the way it
 * declares them. */
#if !defined(_NET_IF_H) && !defined(_NET_IF_H_)
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
            inet_ntop(AF_INET, &addr, slot->IpAddress.String, sizeof(slot->IpAddress.String));
            inet_ntop(AF_INET, &mask, slot->IpMask.String, sizeof(slot->IpMask.String));
        }
        if (prev != NULL)
            prev->Next = out;
        prev = out;
        out = (PIP_ADAPTER_INFO)(void *)extra;
    }
    free(list);
    return NO_ERROR;
}

#ifdef __cplusplus
}
#endif

#endif /* WS2MP_COMPAT_IPHLPAPI_H */

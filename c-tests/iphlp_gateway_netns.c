/* ws2mp-test: posix needs-root */ /* a private network namespace (unshare) with a default route */
/*
 * An ipconfig-like listing the way Windows tools print it: GetAdaptersInfo's address, mask and
 * default gateway per adapter, GetInterfaceInfo's names matched with GetIfEntry's wszName, and
 * GetAdaptersAddresses' size protocol. In a namespace whose mc0 link (10.55.0.1/24) has a
 * default route through 10.55.0.254, the adapter's GatewayList is that router with mask
 * 255.255.255.255; after the route is removed it is 0.0.0.0 / 0.0.0.0, as Windows fills it.
 * GetBestRoute picks the route to a destination (default, on-link, loopback, none), and
 * GetPerAdapterInfo and GetAdapterIndex answer for the adapter.
 */
#define _GNU_SOURCE 1
#include "mcast.h"
#include <iphlpapi.h>
#include <stdlib.h>

static PIP_ADAPTER_INFO adapters(void)
{
    ULONG size = 0;
    PIP_ADAPTER_INFO info;
    REQUIRE(GetAdaptersInfo(NULL, &size) == ERROR_BUFFER_OVERFLOW, "GetAdaptersInfo tells the size it needs");
    info = (PIP_ADAPTER_INFO)malloc(size);
    REQUIRE(info != NULL && GetAdaptersInfo(info, &size) == NO_ERROR, "GetAdaptersInfo fills the list");
    return info;
}

static PIP_ADAPTER_INFO ours(PIP_ADAPTER_INFO info)
{
    for (; info != NULL; info = info->Next)
        if (strcmp(info->IpAddressList.IpAddress.String, NS_ADDR4) == 0)
            return info;
    return NULL;
}

int main(void)
{
    WSADATA wsa;
    PIP_ADAPTER_INFO info, a;
    PIP_INTERFACE_INFO table;
    PIP_ADAPTER_ADDRESSES list;
    ULONG len = 0, size, skip_size;
    LONG i;
    int named = 0;
    MIB_IPFORWARDROW route;
    ULONG index, per_size;
    PIP_PER_ADAPTER_INFO per;

    private_netns();
    REQUIRE(run_cmd("ip route add default via 10.55.0.254 dev mc0"), "a default route through 10.55.0.254");
    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");

    info = adapters();
    a = ours(info);
    REQUIRE(a != NULL, "the adapter with " NS_ADDR4 " is listed");
    printf("# %s: %s/%s gateway %s/%s\n", a->Description, a->IpAddressList.IpAddress.String, a->IpAddressList.IpMask.String,
           a->GatewayList.IpAddress.String, a->GatewayList.IpMask.String);
    CHECK(strcmp(a->IpAddressList.IpMask.String, "255.255.255.0") == 0, "its mask is 255.255.255.0");
    CHECK(strcmp(a->GatewayList.IpAddress.String, "10.55.0.254") == 0, "its gateway is the default route's router");
    CHECK(strcmp(a->GatewayList.IpMask.String, "255.255.255.255") == 0, "... with mask 255.255.255.255");
    index = a->Index;

    CHECK_EQ(GetBestRoute(inet_addr("8.8.8.8"), 0, NULL), ERROR_INVALID_PARAMETER, "GetBestRoute: NULL row");
    memset(&route, 0, sizeof(route));
    CHECK_EQ(GetBestRoute(inet_addr("8.8.8.8"), 0, &route), NO_ERROR, "GetBestRoute to 8.8.8.8");
    CHECK(route.dwForwardDest == 0 && route.dwForwardMask == 0 && route.dwForwardNextHop == inet_addr("10.55.0.254") &&
              route.dwForwardIfIndex == index && route.dwForwardType == MIB_IPROUTE_TYPE_INDIRECT,
          "... is the default route through 10.55.0.254 on the adapter");
    CHECK_EQ(GetBestRoute(inet_addr("10.55.0.7"), 0, &route), NO_ERROR, "GetBestRoute to a neighbour");
    CHECK(route.dwForwardDest == inet_addr("10.55.0.0") && route.dwForwardMask == inet_addr("255.255.255.0") &&
              route.dwForwardType == MIB_IPROUTE_TYPE_DIRECT,
          "... is the subnet's on-link route");
    CHECK_EQ(GetBestRoute(htonl(INADDR_LOOPBACK), 0, &route), NO_ERROR, "GetBestRoute to 127.0.0.1");
    CHECK(route.dwForwardDest == inet_addr("127.0.0.0") && route.dwForwardMask == inet_addr("255.0.0.0") &&
              route.dwForwardIfIndex == if_nametoindex("lo"),
          "... is 127.0.0.0/8 on the loopback interface");

    CHECK_EQ(GetPerAdapterInfo(index, NULL, NULL), ERROR_INVALID_PARAMETER, "GetPerAdapterInfo: NULL size");
    per_size = 0xdeadbeef;
    CHECK_EQ(GetPerAdapterInfo(0x7fffff, NULL, &per_size), ERROR_NO_DATA, "GetPerAdapterInfo of an index no adapter has");
    per_size = 0;
    CHECK_EQ(GetPerAdapterInfo(index, NULL, &per_size), ERROR_BUFFER_OVERFLOW, "GetPerAdapterInfo tells its size");
    CHECK(per_size >= sizeof(IP_PER_ADAPTER_INFO), "... at least one IP_PER_ADAPTER_INFO");
    per = (PIP_PER_ADAPTER_INFO)malloc(per_size);
    REQUIRE(per != NULL, "memory for it");
    CHECK_EQ(GetPerAdapterInfo(index, per, &per_size), NO_ERROR, "GetPerAdapterInfo fills it");
    free(per);

    {
        WCHAR name[64];
        ULONG found = 0;
        size_t k, n;
        const char *prefix = "\\DEVICE\\TCPIP_";
        for (k = 0; prefix[k]; k++)
            name[k] = (WCHAR)prefix[k];
        for (n = 0; a->AdapterName[n]; n++)
            name[k + n] = (WCHAR)a->AdapterName[n];
        name[k + n] = 0;
        CHECK(GetAdapterIndex(name, &found) == NO_ERROR && found == index, "GetAdapterIndex of its \\DEVICE\\TCPIP_ name");
        CHECK_EQ(GetAdapterIndex(NULL, &found), ERROR_INVALID_PARAMETER, "GetAdapterIndex: NULL name");
    }
    free(info);

    REQUIRE(run_cmd("ip route del default"), "the default route removed");
    info = adapters();
    a = ours(info);
    REQUIRE(a != NULL, "the adapter is still listed");
    CHECK(strcmp(a->GatewayList.IpAddress.String, "0.0.0.0") == 0 && strcmp(a->GatewayList.IpMask.String, "0.0.0.0") == 0,
          "without a default route its gateway is 0.0.0.0 / 0.0.0.0");
    CHECK_EQ(GetBestRoute(inet_addr("8.8.8.8"), 0, &route), ERROR_CAN_NOT_COMPLETE, "... and no route reaches 8.8.8.8");
    free(info);

    /* GetInterfaceInfo's adapter names are GetIfEntry's wszName: "\DEVICE\TCPIP_" and the
     * adapter's name. */
    CHECK_EQ(GetInterfaceInfo(NULL, &len), ERROR_INSUFFICIENT_BUFFER, "GetInterfaceInfo tells the size it needs");
    table = (PIP_INTERFACE_INFO)malloc(len);
    REQUIRE(table != NULL && GetInterfaceInfo(table, &len) == NO_ERROR, "GetInterfaceInfo fills the table");
    for (i = 0; i < table->NumAdapters; i++) {
        MIB_IFROW row;
        memset(&row, 0, sizeof(row));
        row.dwIndex = table->Adapter[i].Index;
        if (GetIfEntry(&row) == NO_ERROR && memcmp(row.wszName, table->Adapter[i].Name, sizeof(table->Adapter[i].Name)) == 0 &&
            row.wszName[0] == '\\' && row.dwType != IF_TYPE_SOFTWARE_LOOPBACK)
            named++;
    }
    CHECK(table->NumAdapters > 0 && named == table->NumAdapters,
          "each GetInterfaceInfo name is its interface's GetIfEntry wszName, and no entry is loopback");
    free(table);

    /* GAA_FLAG_SKIP_FRIENDLY_NAME changes nothing (Windows ignores it). */
    size = 0;
    skip_size = 0;
    CHECK_EQ(GetAdaptersAddresses(AF_UNSPEC, 0, NULL, NULL, &size), ERROR_BUFFER_OVERFLOW, "GetAdaptersAddresses tells its size");
    CHECK_EQ(GetAdaptersAddresses(AF_UNSPEC, GAA_FLAG_SKIP_FRIENDLY_NAME, NULL, NULL, &skip_size), ERROR_BUFFER_OVERFLOW,
             "... with GAA_FLAG_SKIP_FRIENDLY_NAME too");
    CHECK_EQ(skip_size, size, "the same size: the flag is ignored");
    list = (PIP_ADAPTER_ADDRESSES)malloc(size);
    REQUIRE(list != NULL && GetAdaptersAddresses(AF_UNSPEC, GAA_FLAG_SKIP_FRIENDLY_NAME, NULL, list, &size) == NO_ERROR,
            "GetAdaptersAddresses fills the list");
    CHECK(list->FriendlyName != NULL && list->FriendlyName[0] != 0, "and the friendly name is there");
    CHECK(list->Length == sizeof(IP_ADAPTER_ADDRESSES_LH) && sizeof(IP_ADAPTER_ADDRESSES_XP) < sizeof(IP_ADAPTER_ADDRESSES_LH),
          "entries are the _LH layout (the _XP one is declared too, shorter)");
    free(list);

    WSACleanup();
    return check_done();
}

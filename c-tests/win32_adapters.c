/* GetAdaptersAddresses (<iphlpapi.h>) the way programs pick an interface: the buffer-size
 * protocol, the loopback adapter and its 127.0.0.1, family filters, bad input. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <iphlpapi.h>
#include <stdlib.h>
#include "check.h"

/* GetAdapterIndex of "\DEVICE\TCPIP_" and an adapter's AdapterName, as GetInterfaceInfo
 * names it. */
static ULONG index_of_adapter(const char *adapter_name)
{
    static const char prefix[] = "\\DEVICE\\TCPIP_";
    WCHAR name[80];
    ULONG index = 0;
    size_t i, n = strlen(prefix);
    for (i = 0; i < n; i++)
        name[i] = (WCHAR)prefix[i];
    for (i = 0; adapter_name[i] != '\0' && n + i + 1 < sizeof(name) / sizeof(name[0]); i++)
        name[n + i] = (WCHAR)(unsigned char)adapter_name[i];
    name[n + i] = 0;
    return GetAdapterIndex(name, &index) == NO_ERROR ? index : 0;
}

static PIP_ADAPTER_ADDRESSES fetch(ULONG family, ULONG flags, ULONG *rc)
{
    ULONG size = 0;
    PIP_ADAPTER_ADDRESSES list = NULL;
    *rc = GetAdaptersAddresses(family, flags, NULL, NULL, &size);
    if (*rc != ERROR_BUFFER_OVERFLOW)
        return NULL;
    list = (PIP_ADAPTER_ADDRESSES)malloc(size);
    *rc = GetAdaptersAddresses(family, flags, NULL, list, &size);
    if (*rc != NO_ERROR) {
        free(list);
        return NULL;
    }
    return list;
}

static PIP_ADAPTER_ADDRESSES find_loopback(PIP_ADAPTER_ADDRESSES list)
{
    for (; list != NULL; list = list->Next)
        if (list->IfType == IF_TYPE_SOFTWARE_LOOPBACK)
            return list;
    return NULL;
}

static void test_size_protocol(void)
{
    ULONG size = 0, need;
    ULONG rc = GetAdaptersAddresses(AF_UNSPEC, 0, NULL, NULL, &size);
    char *buf;
    CHECK_EQ(rc, ERROR_BUFFER_OVERFLOW, "a NULL buffer is ERROR_BUFFER_OVERFLOW");
    CHECK(size >= sizeof(IP_ADAPTER_ADDRESSES), "... with the size needed");
    need = size;
    buf = (char *)malloc(need);
    size = need - 1;
    rc = GetAdaptersAddresses(AF_UNSPEC, 0, NULL, (PIP_ADAPTER_ADDRESSES)buf, &size);
    CHECK_EQ(rc, ERROR_BUFFER_OVERFLOW, "one byte short is ERROR_BUFFER_OVERFLOW");
    CHECK_EQ(size, need, "... reporting the same size");
    rc = GetAdaptersAddresses(AF_UNSPEC, 0, NULL, (PIP_ADAPTER_ADDRESSES)buf, &size);
    CHECK_EQ(rc, NO_ERROR, "the reported size is enough");
    free(buf);
}

static void test_loopback(void)
{
    ULONG rc;
    PIP_ADAPTER_ADDRESSES list = fetch(AF_UNSPEC, GAA_FLAG_SKIP_ANYCAST | GAA_FLAG_SKIP_MULTICAST, &rc);
    PIP_ADAPTER_ADDRESSES lo;
    PIP_ADAPTER_UNICAST_ADDRESS ua;
    int found = 0, v6 = 0;
    REQUIRE(list != NULL, "GetAdaptersAddresses(AF_UNSPEC) lists the adapters");
    lo = find_loopback(list);
    REQUIRE(lo != NULL, "... the loopback adapter is one of them (IF_TYPE_SOFTWARE_LOOPBACK)");
    CHECK_EQ(lo->Length, sizeof(IP_ADAPTER_ADDRESSES), "Length is the structure's size");
    CHECK(lo->AdapterName != NULL && strlen(lo->AdapterName) == 38 && lo->AdapterName[0] == '{' &&
              lo->AdapterName[37] == '}',
          "AdapterName is a GUID in braces, as on Windows");
    CHECK(lo->FriendlyName != NULL && lo->FriendlyName[0] != 0, "FriendlyName is a WCHAR string");
    CHECK(lo->Description != NULL && lo->DnsSuffix != NULL, "Description and DnsSuffix are strings");
    CHECK_EQ(lo->IfIndex, if_nametoindex("lo"), "IfIndex is the interface index");
    CHECK_EQ(index_of_adapter(lo->AdapterName), lo->IfIndex, "GetAdapterIndex of its \\DEVICE\\TCPIP_ name gives it");
    CHECK_EQ(lo->OperStatus, IfOperStatusUp, "loopback is up");
    CHECK(lo->Mtu > 0, "Mtu is set");
    CHECK(lo->Flags & IP_ADAPTER_IPV4_ENABLED, "IPv4 is enabled on it");
    CHECK(lo->Ipv4Enabled, "... also through the bit-field view of Flags");
    for (ua = lo->FirstUnicastAddress; ua != NULL; ua = ua->Next) {
        struct sockaddr *sa = ua->Address.lpSockaddr;
        if (sa->sa_family == AF_INET) {
            struct sockaddr_in *sin = (struct sockaddr_in *)sa;
            if (sin->sin_addr.s_addr == htonl(INADDR_LOOPBACK) && ua->Address.iSockaddrLength == sizeof(*sin) &&
                ua->OnLinkPrefixLength == 8)
                found = 1;
        } else if (sa->sa_family == AF_INET6) {
            v6 = 1;
        }
    }
    CHECK(found, "its unicast addresses include 127.0.0.1/8 as a sockaddr_in");
    printf("# loopback adapter %s, index %lu, IPv6 address listed: %d\n", lo->AdapterName,
           (unsigned long)lo->IfIndex, v6);
    free(list);

    list = fetch(AF_INET6, 0, &rc);
    REQUIRE(list != NULL, "GetAdaptersAddresses(AF_INET6) succeeds");
    for (lo = list; lo != NULL; lo = lo->Next)
        for (ua = lo->FirstUnicastAddress; ua != NULL; ua = ua->Next)
            found &= ua->Address.lpSockaddr->sa_family == AF_INET6;
    CHECK(found, "AF_INET6 lists only IPv6 unicast addresses");
    free(list);

    list = fetch(AF_INET, GAA_FLAG_SKIP_UNICAST, &rc);
    REQUIRE(list != NULL, "GAA_FLAG_SKIP_UNICAST succeeds");
    lo = find_loopback(list);
    CHECK(lo != NULL && lo->FirstUnicastAddress == NULL, "... and lists no unicast addresses");
    free(list);
}

static void test_bad_input(void)
{
    ULONG size = 0;
    char buf[16];
    CHECK_EQ(GetAdaptersAddresses(AF_UNSPEC, 0, NULL, NULL, NULL), ERROR_INVALID_PARAMETER,
             "a NULL SizePointer is ERROR_INVALID_PARAMETER");
    CHECK_EQ(GetAdaptersAddresses(12345, 0, NULL, NULL, &size), ERROR_INVALID_PARAMETER,
             "an unknown family is ERROR_INVALID_PARAMETER");
    CHECK_EQ(GetAdaptersAddresses(AF_UNSPEC, 0, buf, NULL, &size), ERROR_INVALID_PARAMETER,
             "a non-NULL Reserved is ERROR_INVALID_PARAMETER");
    size = sizeof(buf);
    CHECK_EQ(GetAdaptersAddresses(AF_INET, 0, NULL, (PIP_ADAPTER_ADDRESSES)(void *)buf, &size),
             ERROR_BUFFER_OVERFLOW, "a small buffer is ERROR_BUFFER_OVERFLOW");
}

static void test_index_names(void)
{
    char name[IF_NAMESIZE];
    unsigned idx = if_nametoindex("lo");
    if (idx == 0)
        idx = if_nametoindex("lo0");
    CHECK(idx != 0, "if_nametoindex finds the loopback interface");
    CHECK(if_indextoname(idx, name) != NULL, "if_indextoname names it back");
}

static void test_adapters_info(void)
{
    ULONG size = 0;
    DWORD rc = GetAdaptersInfo(NULL, &size);
    PIP_ADAPTER_INFO info, a;
    int ok = 1, count = 0;
    CHECK_EQ(GetAdaptersInfo(NULL, NULL), ERROR_INVALID_PARAMETER, "GetAdaptersInfo without a size fails");
    if (rc == ERROR_NO_DATA) {
        printf("# no IPv4 adapter besides loopback: GetAdaptersInfo has nothing to list\n");
        CHECK_EQ(rc, ERROR_NO_DATA, "GetAdaptersInfo reports ERROR_NO_DATA");
        return;
    }
    CHECK_EQ(rc, ERROR_BUFFER_OVERFLOW, "GetAdaptersInfo(NULL) is ERROR_BUFFER_OVERFLOW");
    CHECK(size >= sizeof(IP_ADAPTER_INFO), "... with the size needed");
    info = (PIP_ADAPTER_INFO)malloc(size);
    REQUIRE(GetAdaptersInfo(info, &size) == NO_ERROR, "GetAdaptersInfo fills the list");
    for (a = info; a != NULL; a = a->Next) {
        PIP_ADDR_STRING ip;
        count++;
        ok &= a->Type != MIB_IF_TYPE_LOOPBACK && a->Index == index_of_adapter(a->AdapterName) && a->AdapterName[0] == '{';
        for (ip = &a->IpAddressList; ip != NULL; ip = ip->Next)
            ok &= inet_addr(ip->IpAddress.String) != INADDR_NONE && inet_addr(ip->IpAddress.String) != 0 &&
                  ip->IpMask.String[0] != '\0';
        printf("# %s: %s/%s\n", a->AdapterName, a->IpAddressList.IpAddress.String, a->IpAddressList.IpMask.String);
    }
    CHECK(count > 0 && ok, "every adapter is a non-loopback interface with dotted IPv4 addresses and masks");
    free(info);
}

int main(void)
{
    test_size_protocol();
    test_loopback();
    test_bad_input();
    test_index_names();
    test_adapters_info();
    return check_done();
}

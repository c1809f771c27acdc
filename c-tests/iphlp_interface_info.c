/* The IP Helper walk-through the way Microsoft's IP Helper sample application does it:
 * GetInterfaceInfo with a one-entry IP_INTERFACE_INFO, ERROR_INSUFFICIENT_BUFFER and the size
 * needed, then the table, whose adapters are GetAdaptersInfo's (same indexes; each Name is
 * "\DEVICE\TCPIP_" and the AdapterName); the DHCP lease times printed with _localtime32_s on a
 * (__time32_t *) cast of the time_t field; and AddIPAddress / DeleteIPAddress / IpReleaseAddress,
 * which the sample calls and handles failing. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <iphlpapi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "check.h"

static int name_is(const WCHAR *name, const char *prefix, const char *rest)
{
    size_t i = 0, j;
    for (j = 0; prefix[j]; j++, i++)
        if (name[i] != (WCHAR)(unsigned char)prefix[j])
            return 0;
    for (j = 0; rest[j]; j++, i++)
        if (name[i] != (WCHAR)(unsigned char)rest[j])
            return 0;
    return name[i] == 0;
}

int main(void)
{
    ULONG len = 0, info_len = 0;
    DWORD rc, info_rc;
    IP_INTERFACE_INFO *table;
    IP_ADAPTER_INFO *info = NULL, *a;
    int adapters = 0, i, matched = 0;
    struct tm by32, by64;
    time_t now = time(NULL);
    ULONG nte_context = 0, nte_instance = 0;

    info_rc = GetAdaptersInfo(NULL, &info_len);
    if (info_rc == ERROR_BUFFER_OVERFLOW) {
        info = (IP_ADAPTER_INFO *)malloc(info_len);
        REQUIRE(info != NULL, "memory for GetAdaptersInfo");
        info_rc = GetAdaptersInfo(info, &info_len);
    }
    CHECK(info_rc == NO_ERROR || info_rc == ERROR_NO_DATA, "GetAdaptersInfo answers");
    for (a = info_rc == NO_ERROR ? info : NULL; a; a = a->Next)
        adapters++;
    printf("# %d IPv4 adapters besides loopback\n", adapters);

    CHECK_EQ(GetInterfaceInfo(NULL, NULL), ERROR_INVALID_PARAMETER, "GetInterfaceInfo without a size: ERROR_INVALID_PARAMETER");
    table = (IP_INTERFACE_INFO *)malloc(sizeof(IP_INTERFACE_INFO));
    REQUIRE(table != NULL, "a one-entry IP_INTERFACE_INFO");
    len = sizeof(IP_INTERFACE_INFO);
    rc = GetInterfaceInfo(table, &len);
    if (adapters == 0) {
        CHECK_EQ(rc, ERROR_NO_DATA, "no adapter besides loopback: ERROR_NO_DATA, as GetAdaptersInfo");
    } else {
        if (rc == ERROR_INSUFFICIENT_BUFFER) {
            CHECK(adapters > 1, "ERROR_INSUFFICIENT_BUFFER only for more than one adapter");
            CHECK(len > sizeof(IP_INTERFACE_INFO), "... with a larger size needed");
            free(table);
            table = (IP_INTERFACE_INFO *)malloc(len);
            REQUIRE(table != NULL, "memory for the whole table");
            rc = GetInterfaceInfo(table, &len);
        }
        CHECK_EQ(rc, NO_ERROR, "GetInterfaceInfo fills the table");
        CHECK_EQ(table->NumAdapters, adapters, "one entry per GetAdaptersInfo adapter");
        for (i = 0; i < table->NumAdapters; i++)
            for (a = info; a; a = a->Next)
                if (a->Index == table->Adapter[i].Index && name_is(table->Adapter[i].Name, "\\DEVICE\\TCPIP_", a->AdapterName))
                    matched++;
        CHECK_EQ(matched, adapters, "each entry has an adapter's index and \\DEVICE\\TCPIP_ plus its AdapterName");
        len = 0;
        CHECK_EQ(GetInterfaceInfo(NULL, &len), ERROR_INSUFFICIENT_BUFFER, "no table: ERROR_INSUFFICIENT_BUFFER");
        CHECK_EQ((int)len, (int)(offsetof(IP_INTERFACE_INFO, Adapter) + adapters * sizeof(IP_ADAPTER_INDEX_MAP)),
                 "with the size of the whole table");
    }

    /* The lease times of the sample: _localtime32_s through a (__time32_t *) cast. */
    CHECK_EQ(_localtime32_s(&by32, (__time32_t *)&now), 0, "_localtime32_s of a time_t through (__time32_t *)");
    CHECK_EQ(localtime_s(&by64, &now), 0, "localtime_s of the same time");
    CHECK(by32.tm_year == by64.tm_year && by32.tm_yday == by64.tm_yday && by32.tm_hour == by64.tm_hour &&
              by32.tm_min == by64.tm_min,
          "the same broken-down time");

#ifndef _WIN32
    /* ws2mp changes no addresses and no leases: these fail as for a program without rights. */
    CHECK_EQ(AddIPAddress(inet_addr("192.168.0.27"), inet_addr("255.255.255.0"), 1, &nte_context, &nte_instance),
             ERROR_ACCESS_DENIED, "AddIPAddress: ERROR_ACCESS_DENIED");
    CHECK_EQ(DeleteIPAddress(nte_context), ERROR_ACCESS_DENIED, "DeleteIPAddress: ERROR_ACCESS_DENIED");
    if (adapters > 0) {
        CHECK_EQ(IpReleaseAddress(&table->Adapter[0]), ERROR_ACCESS_DENIED, "IpReleaseAddress: ERROR_ACCESS_DENIED");
        CHECK_EQ(IpRenewAddress(&table->Adapter[0]), ERROR_ACCESS_DENIED, "IpRenewAddress: ERROR_ACCESS_DENIED");
    }
#else
    (void)nte_context;
    (void)nte_instance;
#endif

    free(table);
    free(info);
    return check_done();
}

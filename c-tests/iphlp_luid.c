/* The interface identifier conversions of <netioapi.h> the way newer network tools use them:
 * an adapter from GetAdaptersAddresses, its index to a NET_LUID (Info.NetLuidIndex, IfType),
 * back to the index, to a GUID printed as "{...}" and back, to a name (narrow and wide) and
 * back, to an alias and back; and each call's argument errors as Windows returns them. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <iphlpapi.h>
#include <netioapi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"

int main(void)
{
    ULONG size = 0;
    PIP_ADAPTER_ADDRESSES list, a, pick = NULL;
    NET_LUID luid, again;
    NET_IFINDEX index, back;
    GUID guid, none;
    WCHAR nameW[IF_MAX_STRING_SIZE + 1], alias[IF_MAX_STRING_SIZE + 1];
    char nameA[IF_MAX_STRING_SIZE + 1], text[64];
    int expected_type;

    REQUIRE(GetAdaptersAddresses(AF_UNSPEC, 0, NULL, NULL, &size) == ERROR_BUFFER_OVERFLOW, "GetAdaptersAddresses' size");
    list = (PIP_ADAPTER_ADDRESSES)malloc(size);
    REQUIRE(list != NULL && GetAdaptersAddresses(AF_UNSPEC, 0, NULL, list, &size) == NO_ERROR, "the adapters");
    for (a = list; a != NULL; a = a->Next)
        if (pick == NULL || (pick->IfType == IF_TYPE_SOFTWARE_LOOPBACK && a->IfType != IF_TYPE_SOFTWARE_LOOPBACK))
            pick = a;
    REQUIRE(pick != NULL, "an adapter to convert");
    index = pick->IfIndex;
    expected_type = pick->IfType == IF_TYPE_SOFTWARE_LOOPBACK ? IF_TYPE_SOFTWARE_LOOPBACK : IF_TYPE_ETHERNET_CSMACD;

    /* Index -> LUID */
    CHECK_EQ(ConvertInterfaceIndexToLuid(0, NULL), ERROR_INVALID_PARAMETER, "IndexToLuid: NULL LUID");
    memset(&luid, 0xff, sizeof(luid));
    CHECK_EQ(ConvertInterfaceIndexToLuid(0, &luid), ERROR_FILE_NOT_FOUND, "IndexToLuid: no interface has index 0");
    CHECK(luid.Value == 0, "... and the LUID is zeroed");
    luid.Info.Reserved = luid.Info.NetLuidIndex = luid.Info.IfType = 0xdead;
    CHECK_EQ(ConvertInterfaceIndexToLuid(index, &luid), NO_ERROR, "IndexToLuid of the adapter's index");
    CHECK(luid.Info.Reserved == 0 && luid.Info.NetLuidIndex != 0xdead, "Reserved 0, NetLuidIndex set");
    CHECK_EQ((int)luid.Info.IfType, expected_type, "IfType Ethernet (or software loopback)");
    CHECK(luid.Value == pick->Luid.Value, "the LUID GetAdaptersAddresses gives");

    /* LUID -> index */
    CHECK_EQ(ConvertInterfaceLuidToIndex(NULL, NULL), ERROR_INVALID_PARAMETER, "LuidToIndex: NULLs");
    CHECK_EQ(ConvertInterfaceLuidToIndex(NULL, &back), ERROR_INVALID_PARAMETER, "LuidToIndex: NULL LUID");
    CHECK_EQ(ConvertInterfaceLuidToIndex(&luid, NULL), ERROR_INVALID_PARAMETER, "LuidToIndex: NULL index");
    CHECK(ConvertInterfaceLuidToIndex(&luid, &back) == NO_ERROR && back == index, "LuidToIndex gives the index back");

    /* LUID <-> GUID */
    CHECK_EQ(ConvertInterfaceLuidToGuid(NULL, NULL), ERROR_INVALID_PARAMETER, "LuidToGuid: NULLs");
    memset(&guid, 0xff, sizeof(guid));
    CHECK_EQ(ConvertInterfaceLuidToGuid(NULL, &guid), ERROR_INVALID_PARAMETER, "LuidToGuid: NULL LUID");
    CHECK(guid.Data1 == 0xffffffff, "... leaves the GUID alone");
    CHECK_EQ(ConvertInterfaceLuidToGuid(&luid, NULL), ERROR_INVALID_PARAMETER, "LuidToGuid: NULL GUID");
    memset(&guid, 0, sizeof(guid));
    CHECK_EQ(ConvertInterfaceLuidToGuid(&luid, &guid), NO_ERROR, "LuidToGuid");
    CHECK(guid.Data1 != 0, "a GUID");
    sprintf(text, "{%08lX-%04X-%04X-%02X%02X-%02X%02X%02X%02X%02X%02X}", (unsigned long)guid.Data1, guid.Data2,
            guid.Data3, guid.Data4[0], guid.Data4[1], guid.Data4[2], guid.Data4[3], guid.Data4[4], guid.Data4[5],
            guid.Data4[6], guid.Data4[7]);
    printf("# interface %lu: LUID %llx, GUID %s\n", (unsigned long)index, (unsigned long long)luid.Value, text);
    memset(&none, 0, sizeof(none));
    CHECK_EQ(ConvertInterfaceLuidToGuid(&luid, &none), NO_ERROR, "LuidToGuid again");
    CHECK(memcmp(&none, &guid, sizeof(guid)) == 0, "the same GUID each time");
    CHECK_EQ(ConvertInterfaceGuidToLuid(NULL, NULL), ERROR_INVALID_PARAMETER, "GuidToLuid: NULLs");
    again.Info.NetLuidIndex = 1;
    CHECK_EQ(ConvertInterfaceGuidToLuid(NULL, &again), ERROR_INVALID_PARAMETER, "GuidToLuid: NULL GUID");
    CHECK(again.Info.NetLuidIndex == 1, "... leaves the LUID alone");
    CHECK_EQ(ConvertInterfaceGuidToLuid(&guid, NULL), ERROR_INVALID_PARAMETER, "GuidToLuid: NULL LUID");
    again.Value = 0;
    CHECK(ConvertInterfaceGuidToLuid(&guid, &again) == NO_ERROR && again.Value == luid.Value, "GuidToLuid gives the LUID back");
    memset(&none, 0x5a, sizeof(none));
    CHECK_EQ(ConvertInterfaceGuidToLuid(&none, &again), ERROR_FILE_NOT_FOUND, "GuidToLuid of a GUID no interface has");

    /* LUID -> name, wide and narrow */
    CHECK_EQ(ConvertInterfaceLuidToNameW(NULL, NULL, 0), ERROR_INVALID_PARAMETER, "LuidToNameW: NULLs");
    CHECK_EQ(ConvertInterfaceLuidToNameW(&luid, NULL, 0), ERROR_INVALID_PARAMETER, "LuidToNameW: NULL buffer");
    CHECK_EQ(ConvertInterfaceLuidToNameW(NULL, nameW, 0), ERROR_INVALID_PARAMETER, "LuidToNameW: NULL LUID");
    CHECK_EQ(ConvertInterfaceLuidToNameW(&luid, nameW, 0), ERROR_NOT_ENOUGH_MEMORY, "LuidToNameW: no room");
    nameW[0] = 0;
    CHECK_EQ(ConvertInterfaceLuidToNameW(&luid, nameW, sizeof(nameW) / sizeof(nameW[0])), NO_ERROR, "LuidToNameW");
    CHECK(nameW[0] != 0, "a name");
    CHECK_EQ(ConvertInterfaceLuidToNameA(NULL, NULL, 0), ERROR_INVALID_PARAMETER, "LuidToNameA: NULLs");
    CHECK_EQ(ConvertInterfaceLuidToNameA(&luid, NULL, 0), ERROR_NOT_ENOUGH_MEMORY, "LuidToNameA: NULL buffer has no room");
    CHECK_EQ(ConvertInterfaceLuidToNameA(NULL, nameA, 0), ERROR_INVALID_PARAMETER, "LuidToNameA: NULL LUID");
    CHECK_EQ(ConvertInterfaceLuidToNameA(&luid, nameA, 0), ERROR_NOT_ENOUGH_MEMORY, "LuidToNameA: no room");
    CHECK_EQ(ConvertInterfaceLuidToNameA(&luid, nameA, 2), ERROR_NOT_ENOUGH_MEMORY, "LuidToNameA: too little room");
    nameA[0] = 0;
    CHECK_EQ(ConvertInterfaceLuidToNameA(&luid, nameA, sizeof(nameA)), NO_ERROR, "LuidToNameA");
    CHECK(nameA[0] != 0 && (WCHAR)nameA[0] == nameW[0], "the same name");
    printf("# name %s\n", nameA);

    /* name -> LUID */
    CHECK_EQ(ConvertInterfaceNameToLuidW(NULL, NULL), ERROR_INVALID_PARAMETER, "NameToLuidW: NULLs");
    again.Info.Reserved = again.Info.NetLuidIndex = again.Info.IfType = 0xdead;
    CHECK_EQ(ConvertInterfaceNameToLuidW(NULL, &again), ERROR_INVALID_NAME, "NameToLuidW: NULL name");
    CHECK(again.Info.Reserved == 0 && again.Info.IfType == 0, "... zeroes the LUID");
    CHECK_EQ(ConvertInterfaceNameToLuidW(nameW, NULL), ERROR_INVALID_PARAMETER, "NameToLuidW: NULL LUID");
    again.Value = 0;
    CHECK(ConvertInterfaceNameToLuidW(nameW, &again) == NO_ERROR && again.Value == luid.Value, "NameToLuidW gives the LUID");
    CHECK_EQ(ConvertInterfaceNameToLuidA(NULL, NULL), ERROR_INVALID_NAME, "NameToLuidA: NULLs");
    again.Info.Reserved = again.Info.NetLuidIndex = again.Info.IfType = 0xdead;
    CHECK_EQ(ConvertInterfaceNameToLuidA(NULL, &again), ERROR_INVALID_NAME, "NameToLuidA: NULL name");
    CHECK(again.Info.Reserved == 0xdead && again.Info.IfType == 0xdead, "... leaves the LUID alone");
    CHECK_EQ(ConvertInterfaceNameToLuidA(nameA, NULL), ERROR_INVALID_PARAMETER, "NameToLuidA: NULL LUID");
    again.Value = 0;
    CHECK(ConvertInterfaceNameToLuidA(nameA, &again) == NO_ERROR && again.Value == luid.Value, "NameToLuidA gives the LUID");
    CHECK_EQ(ConvertInterfaceNameToLuidA("no-such-if0", &again), ERROR_INVALID_NAME, "NameToLuidA of a name no interface has");

    /* LUID <-> alias */
    alias[0] = 0;
    CHECK_EQ(ConvertInterfaceLuidToAlias(&luid, alias, sizeof(alias) / sizeof(alias[0])), NO_ERROR, "LuidToAlias");
    CHECK(alias[0] != 0 && memcmp(alias, pick->FriendlyName, 2) == 0, "the adapter's friendly name");
    again.Value = 0;
    CHECK(ConvertInterfaceAliasToLuid(alias, &again) == NO_ERROR && again.Value == luid.Value, "AliasToLuid gives the LUID");
    CHECK_EQ(ConvertInterfaceAliasToLuid(NULL, &again), ERROR_INVALID_PARAMETER, "AliasToLuid: NULL alias");

    free(list);
    return check_done();
}

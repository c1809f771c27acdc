// Printing a catalog entry's provider GUID as Microsoft's WSAEnumProtocols example does:
// StringFromGUID2(lpProtocolInfo[i].ProviderId, (LPOLESTR)&GuidString, 39) from <objbase.h>,
// then wprintf's %ws. Also the buffer-too-small case and IsEqualGUID.
#ifndef UNICODE
#define UNICODE 1
#endif
#include <winsock2.h>
#include <ws2tcpip.h>
#include <objbase.h>
#include <stdio.h>
#include <string.h>
#include "check.h"

int main()
{
    WSADATA wsaData;
    DWORD len = 0;
    LPWSAPROTOCOL_INFO info;
    WCHAR GuidString[40] = {0};
    char narrow[40], expect[40];
    int count, i, ret;
    const GUID g = {0x01234567, 0x89ab, 0xcdef, {0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef}};

    ret = StringFromGUID2(g, (LPOLESTR)&GuidString, 39);
    CHECK_EQ(ret, 39, "StringFromGUID2 returns 39 characters with the NUL");
    for (i = 0; i < 39; i++)
        narrow[i] = (char)GuidString[i];
    CHECK(strcmp(narrow, "{01234567-89AB-CDEF-0123-456789ABCDEF}") == 0, "... in Windows' form, in capitals");
    GuidString[0] = 'x';
    CHECK_EQ(StringFromGUID2(g, GuidString, 38), 0, "a buffer of 38 is too small: 0");
    CHECK(GuidString[0] == 'x', "... and nothing is written");
    CHECK(IsEqualGUID(g, g), "IsEqualGUID of a GUID and itself");

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsaData) == 0, "WSAStartup");
    CHECK_EQ(WSAEnumProtocols(NULL, NULL, &len), SOCKET_ERROR, "WSAEnumProtocols asks for a buffer");
    info = (LPWSAPROTOCOL_INFO)HeapAlloc(GetProcessHeap(), 0, len);
    REQUIRE(info != NULL, "HeapAlloc");
    count = WSAEnumProtocols(NULL, info, &len);
    REQUIRE(count > 0, "WSAEnumProtocols lists the catalog");
    ret = StringFromGUID2(info[0].ProviderId, (LPOLESTR)&GuidString, 39);
    CHECK_EQ(ret, 39, "StringFromGUID2 of the first entry's ProviderId");
    snprintf(expect, sizeof(expect), "{%08X-%04X-%04X-%02X%02X-%02X%02X%02X%02X%02X%02X}",
             (unsigned)info[0].ProviderId.Data1, info[0].ProviderId.Data2, info[0].ProviderId.Data3,
             info[0].ProviderId.Data4[0], info[0].ProviderId.Data4[1], info[0].ProviderId.Data4[2],
             info[0].ProviderId.Data4[3], info[0].ProviderId.Data4[4], info[0].ProviderId.Data4[5],
             info[0].ProviderId.Data4[6], info[0].ProviderId.Data4[7]);
    for (i = 0; i < 39; i++)
        narrow[i] = (char)GuidString[i];
    CHECK(strcmp(narrow, expect) == 0, "... is the GUID's fields");
    HeapFree(GetProcessHeap(), 0, info);
    WSACleanup();
    return check_done();
}

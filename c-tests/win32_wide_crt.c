/* The shape of Microsoft's socket() example: a Unicode program reads its numeric arguments
 * with _wtoi, names the family in a switch over AF_UNSPEC, AF_INET, AF_INET6, AF_NETBIOS and
 * AF_BTH, and opens the socket it was asked for (families without a provider fail with
 * WSAEAFNOSUPPORT). Also _wtol, _wtoi64 and _wtof on the C library's wide strings. */
#ifndef UNICODE
#define UNICODE 1
#endif
#include <winsock2.h>
#include <ws2tcpip.h>
#include <stdio.h>
#include <stdlib.h>
#include "check.h"

static const char *family_name(int family)
{
    switch (family) {
    case AF_UNSPEC:
        return "Unspecified";
    case AF_INET:
        return "AF_INET (IPv4)";
    case AF_INET6:
        return "AF_INET6 (IPv6)";
    case AF_NETBIOS:
        return "AF_NETBIOS (NetBIOS)";
    case AF_BTH:
        return "AF_BTH (Bluetooth)";
    default:
        return "Other";
    }
}

static int try_socket(const wchar_t *args[3], int *error)
{
    int family = _wtoi(args[0]), type = _wtoi(args[1]), protocol = _wtoi(args[2]);
    SOCKET s = socket(family, type, protocol);
    if (s == INVALID_SOCKET) {
        *error = WSAGetLastError();
        return 0;
    }
    *error = 0;
    closesocket(s);
    return 1;
}

int main(void)
{
    WSADATA wsaData;
    const wchar_t *udp[3] = {L"2", L"2", L"17"};
    const wchar_t *bth[3] = {L"32", L"1", L"0"};
    const wchar_t *netbios[3] = {L"17", L"2", L"0"};
    int error;

    CHECK_EQ(_wtoi(L"  42abc"), 42, "_wtoi skips spaces and stops at the first non-digit");
    CHECK_EQ(_wtoi(L"-17"), -17, "_wtoi reads a sign");
    CHECK_EQ(_wtol(L"123456"), 123456, "_wtol");
    CHECK(_wtoi64(L"9000000000") == 9000000000LL, "_wtoi64 reads past 32 bits");
    CHECK(_wtof(L"2.5") == 2.5, "_wtof");
    CHECK_EQ(AF_NETBIOS, 17, "AF_NETBIOS has Windows' value");
    CHECK_EQ(AF_BTH, 32, "AF_BTH has Windows' value");
    CHECK_EQ(PF_BTH, AF_BTH, "PF_BTH is AF_BTH");
    CHECK(strcmp(family_name(_wtoi(L"32")), "AF_BTH (Bluetooth)") == 0, "a switch over the families");

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsaData) == 0, "WSAStartup");
    CHECK(try_socket(udp, &error), "socket(2, 2, 17) from wide arguments");
#ifndef _WIN32
    CHECK(!try_socket(bth, &error), "socket(AF_BTH) fails: no Bluetooth provider");
    CHECK_EQ(error, WSAEAFNOSUPPORT, "... with WSAEAFNOSUPPORT");
    CHECK(!try_socket(netbios, &error), "socket(AF_NETBIOS) fails: no NetBIOS provider");
    CHECK_EQ(error, WSAEAFNOSUPPORT, "... with WSAEAFNOSUPPORT");
#else
    (void)bth;
    (void)netbios;
#endif
    WSACleanup();
    return check_done();
}

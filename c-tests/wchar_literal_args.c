/* A UNICODE program passes the C library's wide strings to the W functions, as Windows
 * programs do (there wchar_t and WCHAR are one 16-bit type): L"..." literals to
 * InetPton/InetPtonW, GetAddrInfoW with a host and a one-character service, WSAStringToAddressW,
 * CreateFileW/DeleteFileW, a named event made and opened by a wide name, mixed with TEXT()
 * strings and NULL in the same call; a wchar_t buffer filled by the C library (swprintf, as
 * std::wstring::c_str() would give it) too. The W functions keep their address, and a WCHAR
 * string is passed as it is; the compat headers' inline W helpers (lstrlenW, lstrcpyW, the
 * environment) take them too. Built as C++ as well (wchar_literal_args_cpp.cpp). */
#define UNICODE
#define _UNICODE
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <tchar.h>
#include <shlwapi.h>
#define STRSAFE_NO_DEPRECATE /* the test fills a wchar_t buffer with swprintf */
#include <strsafe.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>
#include "check.h"

typedef INT(WSAAPI *inet_pton_w_fn)(INT, PCWSTR, PVOID);

static void test_addresses(void)
{
    IN_ADDR a;
    IN6_ADDR a6;
    SOCKADDR_STORAGE ss;
    INT len = sizeof(ss);
    inet_pton_w_fn by_address = InetPtonW;

    memset(&a, 0, sizeof(a));
    CHECK(InetPton(AF_INET, L"127.0.0.1", &a) == 1 && a.s_addr == htonl(INADDR_LOOPBACK),
          "InetPton (UNICODE: InetPtonW) reads an L\"\" literal");
    CHECK(InetPtonW(AF_INET6, L"::1", &a6) == 1 && a6.s6_addr[15] == 1, "InetPtonW reads L\"::1\"");
    CHECK(InetPtonW(AF_INET, TEXT("10.1.2.3"), &a) == 1 && a.s_addr == htonl(0x0A010203),
          "a TEXT() string is passed as it is");
    CHECK(by_address(AF_INET, TEXT("10.0.0.9"), &a) == 1 && a.s_addr == htonl(0x0A000009),
          "InetPtonW's address is the function");
    CHECK((InetPtonW)(AF_INET, TEXT("10.0.0.8"), &a) == 1, "(InetPtonW)(...) calls it directly");
    WSASetLastError(0);
    CHECK(InetPtonW(AF_INET, L"not an address", &a) == 0 && WSAGetLastError() == WSAEINVAL,
          "a wide text that is no address: 0 and WSAEINVAL, as with a WCHAR one");

    memset(&ss, 0, sizeof(ss));
    CHECK(WSAStringToAddressW((LPWSTR)L"127.0.0.1:8080", AF_INET, NULL, (LPSOCKADDR)&ss, &len) == 0 &&
              ((SOCKADDR_IN *)&ss)->sin_port == htons(8080),
          "WSAStringToAddressW (its LPWSTR cast as programs write it) reads the address and port");
}

static void test_names(void)
{
    ADDRINFOW hints, *res = NULL;
    wchar_t host[32];
    int rc;

    memset(&hints, 0, sizeof(hints));
    hints.ai_family = AF_INET;
    hints.ai_socktype = SOCK_STREAM;
    rc = GetAddrInfoW(L"127.0.0.1", L"7", &hints, &res);
    CHECK(rc == 0 && res && ((SOCKADDR_IN *)res->ai_addr)->sin_port == htons(7),
          "GetAddrInfoW(L\"127.0.0.1\", L\"7\"): the one-character service is port 7");
    if (res)
        FreeAddrInfoW(res);
    res = NULL;
    rc = GetAddrInfoW(L"localhost", TEXT("8080"), &hints, &res);
    CHECK(rc == 0 && res && ((SOCKADDR_IN *)res->ai_addr)->sin_port == htons(8080),
          "an L\"\" host and a TEXT() service in one call");
    if (res)
        FreeAddrInfoW(res);
    res = NULL;
    rc = GetAddrInfoW(L"127.0.0.1", NULL, &hints, &res);
    CHECK(rc == 0 && res && ((SOCKADDR_IN *)res->ai_addr)->sin_addr.s_addr == htonl(INADDR_LOOPBACK),
          "an L\"\" host and a NULL service");
    if (res)
        FreeAddrInfoW(res);
    res = NULL;
    swprintf(host, 32, L"%d.%d.%d.%d", 127, 0, 0, 1);
    rc = GetAddrInfoW(host, L"80", &hints, &res);
    CHECK(rc == 0 && res && ((SOCKADDR_IN *)res->ai_addr)->sin_port == htons(80),
          "a wchar_t buffer the C library filled");
    if (res)
        FreeAddrInfoW(res);
}

static void test_files_and_objects(void)
{
    HANDLE f, e, again;
    DWORD wrote = 0;
    wchar_t name[64];

    swprintf(name, 64, L"ws2mp_wchar_args_%lu.tmp", (unsigned long)GetCurrentProcessId());
    f = CreateFileW(name, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
    REQUIRE(f != INVALID_HANDLE_VALUE, "CreateFileW makes a file named by a wchar_t string");
    CHECK(WriteFile(f, "x", 1, &wrote, NULL) && wrote == 1, "and writes it");
    CloseHandle(f);
    CHECK(GetFileAttributesW(name) != INVALID_FILE_ATTRIBUTES, "GetFileAttributesW finds it");
    CHECK(DeleteFileW(name), "DeleteFileW removes it");
    CHECK(GetFileAttributesW(name) == INVALID_FILE_ATTRIBUTES, "and it is gone");

    e = CreateEventW(NULL, TRUE, FALSE, L"ws2mp_wchar_args_event");
    REQUIRE(e != NULL, "CreateEventW with an L\"\" name");
    again = OpenEventW(EVENT_ALL_ACCESS, FALSE, L"ws2mp_wchar_args_event");
    CHECK(again != NULL, "OpenEventW finds it by the same L\"\" name");
    if (again) {
        SetEvent(again);
        CHECK(WaitForSingleObject(e, 0) == WAIT_OBJECT_0, "one event behind both handles");
        CloseHandle(again);
    }
    CloseHandle(e);
}

/* The compat headers' own W helpers take them too: the string functions, the environment,
 * the DLL directory, as a UNICODE program's configuration code calls them. */
static void test_inline_helpers(void)
{
    WCHAR copy[32], value[64];
    wchar_t mine[16];

    CHECK_EQ(lstrlenW(L"server"), 6, "lstrlenW(L\"server\")");
    lstrcpyW(copy, L"Port");
    CHECK(copy[0] == 'P' && copy[3] == 't' && copy[4] == 0, "lstrcpyW from a literal into a WCHAR buffer");
    lstrcatW(copy, L"=80");
    CHECK_EQ(lstrlenW(copy), 7, "lstrcatW appends a literal");
    CHECK_EQ(lstrcmpiW(L"PORT=80", copy), 0, "lstrcmpiW of a literal and a WCHAR string");
    CHECK(lstrcmpW(L"a", L"b") < 0, "lstrcmpW of two literals");
    swprintf(mine, 16, L"%ls", L"Port=80");
    CHECK_EQ(lstrcmpiW(mine, copy), 0, "... and of a wchar_t buffer");
    CHECK(SetEnvironmentVariableW(L"WS2MP_WCHAR_ARG", L"on"), "SetEnvironmentVariableW with literals");
    CHECK_EQ(GetEnvironmentVariableW(L"WS2MP_WCHAR_ARG", value, 64), 2, "GetEnvironmentVariableW reads it");
    CHECK(value[0] == 'o' && value[1] == 'n', "... its value");
    CHECK(AddDllDirectory(L"/opt/plugins") != NULL, "AddDllDirectory(L\"...\")");
    CHECK(SUCCEEDED(StringCchCopyW(copy, 32, L"log")) && SUCCEEDED(StringCchCatW(copy, 32, L".txt")),
          "StringCchCopyW / StringCchCatW from literals");
    CHECK_EQ(lstrcmpW(copy, TEXT("log.txt")), 0, "... give the WCHAR string");
    CHECK(StrCmpIW(copy, L"LOG.TXT") == 0 && PathIsRelativeW(L"logs\\a.txt"), "shlwapi's W helpers");
    OutputDebugStringW(L"ws2mp: a wide debug line\n");
}

int main(void)
{
    WSADATA wsa;
    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");
    test_addresses();
    test_names();
    test_files_and_objects();
    test_inline_helpers();
    WSACleanup();
    return check_done();
}

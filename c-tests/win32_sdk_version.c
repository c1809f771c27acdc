/*
 * A console program the way Visual Studio's wizard lays one out: its precompiled header
 * includes targetver.h, which includes <SDKDDKVer.h> (spelled in lower case here, for
 * mingw-w64's headers; c-tests/abi_headers_case.c includes the wizard's spelling), then
 * <stdio.h> and <tchar.h>; the program includes <winsock2.h> and <windows.h> (without
 * WIN32_LEAN_AND_MEAN) and picks code paths with the SDK's version macros: its own address
 * formatter for Windows XP under `#if (_WIN32_WINNT < 0x0600)`, WSAPoll from Vista on, a
 * session nonce from BCryptGenRandom kept in an NTSTATUS (which <windows.h> brings through
 * <wincrypt.h> and <bcrypt.h>).
 */
/* targetver.h */
#include <sdkddkver.h>
/* stdafx.h */
#include <stdio.h>
#include <tchar.h>

#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <string.h>
#include "check.h"

#ifndef STATUS_SUCCESS
#define STATUS_SUCCESS ((NTSTATUS)0x00000000L)
#endif

/* Windows XP has no inet_ntop: programs that still target it bring their own. */
#if (_WIN32_WINNT < 0x0600)
static const int uses_xp_fallback = 1;
static const char *inet_ntop(int af, const void *src, char *dst, socklen_t size)
{
    (void)af;
    (void)src;
    strncpy(dst, "xp", (size_t)size);
    return dst;
}
#else
static const int uses_xp_fallback = 0;
#endif

static int wait_readable(SOCKET s, int ms)
{
#if _WIN32_WINNT >= _WIN32_WINNT_VISTA
    WSAPOLLFD pfd;
    pfd.fd = s;
    pfd.events = POLLRDNORM;
    pfd.revents = 0;
    return WSAPoll(&pfd, 1, ms) == 1 && (pfd.revents & POLLRDNORM) != 0;
#else
    fd_set rs;
    struct timeval tv = {ms / 1000, (ms % 1000) * 1000};
    FD_ZERO(&rs);
    FD_SET(s, &rs);
    return select(0, &rs, NULL, NULL, &tv) == 1;
#endif
}

int _tmain(int argc, _TCHAR *argv[])
{
    WSADATA wsd;
    SOCKET rx, tx;
    SOCKADDR_IN addr;
    int len = sizeof(addr);
    char text[INET_ADDRSTRLEN];
    unsigned char nonce[16];
    NTSTATUS status;

    (void)argc;
    (void)argv;

    /* The SDK's defaults: a program that names no target gets the newest one. */
    CHECK_EQ(_WIN32_WINNT, 0x0A00, "_WIN32_WINNT defaults to Windows 10");
    CHECK_EQ(_WIN32_WINNT, _WIN32_WINNT_WIN10, "... _WIN32_WINNT_WIN10");
    CHECK_EQ(WINVER, 0x0A00, "WINVER follows _WIN32_WINNT");
    CHECK_EQ(NTDDI_VERSION, NTDDI_WIN10, "NTDDI_VERSION is NTDDI_WIN10");
    CHECK_EQ(_WIN32_IE, 0x0A00, "_WIN32_IE is Internet Explorer 11's");
    CHECK(NTDDI_VERSION >= NTDDI_VISTA && NTDDI_VERSION >= NTDDI_WIN7, "NTDDI_VERSION compares as a version");
    CHECK_EQ(NTDDI_VERSION_FROM_WIN32_WINNT(_WIN32_WINNT_WINXP), NTDDI_WINXP,
             "NTDDI_VERSION_FROM_WIN32_WINNT(_WIN32_WINNT_WINXP) is NTDDI_WINXP");
    CHECK_EQ(NTDDI_VERSION_FROM_WIN32_WINNT(0x0601), NTDDI_WIN7, "... of 0x0601, NTDDI_WIN7");
    CHECK_EQ(OSVER(NTDDI_WINXPSP3), NTDDI_WINXP, "OSVER drops the service pack");
    CHECK_EQ(SPVER(NTDDI_WINXPSP3), 3, "SPVER is the service pack");
    CHECK_EQ(_WIN32_WINNT_WIN7, 0x0601, "_WIN32_WINNT_WIN7");
    CHECK_EQ(_WIN32_WINNT_WINBLUE, 0x0603, "_WIN32_WINNT_WINBLUE");
    CHECK_EQ(uses_xp_fallback, 0, "the Windows XP fallback is not compiled");

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsd) == 0, "WSAStartup");

    /* A datagram to ourselves, waited for on the Vista path. */
    rx = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    tx = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    REQUIRE(rx != INVALID_SOCKET && tx != INVALID_SOCKET, "two UDP sockets");
    ZeroMemory(&addr, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(bind(rx, (SOCKADDR *)&addr, sizeof(addr)) == 0, "bind to 127.0.0.1");
    REQUIRE(getsockname(rx, (SOCKADDR *)&addr, &len) == 0, "getsockname");
    CHECK(inet_ntop(AF_INET, &addr.sin_addr, text, sizeof(text)) != NULL && strcmp(text, "127.0.0.1") == 0,
          "inet_ntop is Winsock's, not the XP fallback");
    CHECK_EQ(sendto(tx, "hello", 5, 0, (SOCKADDR *)&addr, sizeof(addr)), 5, "sendto");
    CHECK(wait_readable(rx, 2000), "WSAPoll sees the datagram");

    /* NTSTATUS and BCryptGenRandom came with <windows.h>. */
    status = BCryptGenRandom(NULL, nonce, sizeof(nonce), BCRYPT_USE_SYSTEM_PREFERRED_RNG);
    CHECK(BCRYPT_SUCCESS(status), "BCryptGenRandom through <windows.h>");
    CHECK_EQ(status, STATUS_SUCCESS, "... STATUS_SUCCESS (the program's own definition)");

    closesocket(rx);
    closesocket(tx);
    WSACleanup();
    return check_done();
}

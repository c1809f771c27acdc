/* The Win32 basics that network programs use alongside Winsock (include/compat/windows.h). */
/* windows.h first, as much Windows code has it: lean, so that it does not pull in Winsock 1.1. */
#define WIN32_LEAN_AND_MEAN
#include <windows.h>
#include <wspiapi.h>
#ifndef _WIN32
#include <sys/wait.h> /* ExitProcess is checked in a forked child */
#include <unistd.h>
#endif
#include "check.h"

static void test_errors(void)
{
    SetLastError(1234);
    CHECK_EQ(GetLastError(), 1234, "SetLastError/GetLastError round trip");
    CHECK_EQ(WSAGetLastError(), 1234, "GetLastError shares the slot with WSAGetLastError");
    WSASetLastError(WSAEWOULDBLOCK);
    CHECK_EQ(GetLastError(), WSAEWOULDBLOCK, "WSASetLastError is visible through GetLastError");
}

static void test_time(void)
{
    DWORD t0 = GetTickCount();
    ULONGLONG t64 = GetTickCount64();
    DWORD elapsed;
    Sleep(50);
    elapsed = GetTickCount() - t0;
    CHECK(elapsed >= 49 && elapsed < 1000, "Sleep(50) sleeps about 50 ms by GetTickCount");
    CHECK(GetTickCount64() - t64 >= 49, "GetTickCount64 advances too");
    CHECK_EQ((DWORD)GetTickCount64() - GetTickCount() <= 1, 1, "GetTickCount is the low 32 bits of GetTickCount64");
}

static void test_memory(void)
{
    char buf[8];
    HANDLE heap = GetProcessHeap();
    int *p, i, zero = 1;
    FillMemory(buf, sizeof(buf), 'x');
    CHECK(buf[0] == 'x' && buf[7] == 'x', "FillMemory fills");
    ZeroMemory(buf, sizeof(buf));
    CHECK(buf[0] == 0 && buf[7] == 0, "ZeroMemory zeroes");
    CopyMemory(buf, "abc", 4);
    CHECK(strcmp(buf, "abc") == 0, "CopyMemory copies");
    MoveMemory(buf + 1, buf, 3);
    CHECK(memcmp(buf, "aabc", 4) == 0, "MoveMemory handles overlap");
    CHECK(heap != NULL, "GetProcessHeap returns a handle");
    p = (int *)HeapAlloc(heap, HEAP_ZERO_MEMORY, 64 * sizeof(int));
    REQUIRE(p != NULL, "HeapAlloc(HEAP_ZERO_MEMORY) allocates");
    for (i = 0; i < 64; i++)
        zero &= p[i] == 0;
    CHECK(zero, "... zeroed memory");
    p = (int *)HeapReAlloc(heap, 0, p, 128 * sizeof(int));
    REQUIRE(p != NULL, "HeapReAlloc grows the block");
    CHECK(p[63] == 0, "... keeping its contents");
    CHECK_EQ(HeapSize(heap, 0, p), 128 * sizeof(int), "HeapSize is the size asked for");
    p = (int *)HeapReAlloc(heap, HEAP_ZERO_MEMORY, p, 256 * sizeof(int));
    REQUIRE(p != NULL, "HeapReAlloc(HEAP_ZERO_MEMORY) grows the block");
    CHECK(p[128] == 0 && p[255] == 0, "... and zeroes the new part");
    CHECK_EQ(HeapSize(heap, 0, p), 256 * sizeof(int), "HeapSize follows the new size");
    CHECK_EQ(HeapFree(heap, 0, p), TRUE, "HeapFree returns TRUE");
}

static void test_strings(void)
{
    char buf[8];
    char num[40];
    int r;
    r = _snprintf(buf, sizeof(buf), "%d", 42);
    CHECK(r == 2 && strcmp(buf, "42") == 0, "_snprintf formats");
    memset(buf, '#', sizeof(buf));
    r = _snprintf(buf, 4, "%s", "abcdef");
    CHECK_EQ(r, -1, "_snprintf returns -1 when truncated");
    CHECK(memcmp(buf, "abcd#", 5) == 0, "... writes exactly count characters and no NUL");
    r = _snprintf_s(buf, sizeof(buf), _TRUNCATE, "%s", "abcdefghijk");
    CHECK(r == -1 && strcmp(buf, "abcdefg") == 0, "_snprintf_s(_TRUNCATE) truncates and terminates");
    r = _snprintf_s(buf, sizeof(buf), 3, "%s", "abcdef");
    CHECK(r == -1 && strcmp(buf, "abc") == 0, "_snprintf_s with count < size writes count characters");
    r = _snprintf_s(buf, sizeof(buf), 7, "%s", "xy");
    CHECK(r == 2 && strcmp(buf, "xy") == 0, "_snprintf_s returns the length when it fits");
    r = _snprintf_s(buf, sizeof(buf), 100, "%s", "0123456789");
    CHECK(r == -1 && buf[0] == '\0', "_snprintf_s that cannot fit empties the buffer");
    CHECK_EQ(strncpy_s(buf, sizeof(buf), "hello", 3), 0, "strncpy_s copies count characters");
    CHECK(strcmp(buf, "hel") == 0, "... and terminates");
    CHECK_EQ(strncpy_s(buf, sizeof(buf), "far too long", _TRUNCATE), STRUNCATE, "strncpy_s(_TRUNCATE) reports STRUNCATE");
    CHECK(strcmp(buf, "far too") == 0, "... with the string cut to fit");
    CHECK_EQ(strncpy_s(buf, sizeof(buf), "far too long", 100), ERANGE, "strncpy_s that cannot fit fails with ERANGE");
    CHECK(buf[0] == '\0', "... leaving an empty string");
    CHECK_EQ(strncpy_s(NULL, 4, "x", 1), EINVAL, "strncpy_s to NULL is EINVAL");
    CHECK(strcmp(_itoa(-123, num, 10), "-123") == 0, "_itoa base 10 with a sign");
    CHECK(strcmp(_itoa(255, num, 16), "ff") == 0, "_itoa base 16");
    CHECK(strcmp(itoa(5, num, 2), "101") == 0, "itoa is _itoa");
    CHECK(strcmp(_itoa(-1, num, 16), "ffffffff") == 0, "negative values in other bases show their bits");
}

static void test_wspiapi(void)
{
    struct addrinfo hints, *res = NULL;
    memset(&hints, 0, sizeof(hints));
    hints.ai_family = AF_INET;
    hints.ai_flags = AI_NUMERICHOST;
    CHECK_EQ(WspiapiGetAddrInfo("127.0.0.1", "80", &hints, &res), 0, "WspiapiGetAddrInfo resolves");
    CHECK(res != NULL && res->ai_family == AF_INET, "... an IPv4 address");
    if (res)
        WspiapiFreeAddrInfo(res);
}

#ifndef _WIN32
static void test_exit_process(void)
{
    int status = 0;
    pid_t child = fork();
    if (child == 0)
        ExitProcess(7);
    REQUIRE(child > 0, "fork");
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 7, "ExitProcess(7) ends the process with status 7");
}
#endif

static void test_unsuffixed_names(void)
{
    WSAPROTOCOL_INFO info;
    LPWSAPROTOCOL_INFO list;
    DWORD size = 0;
    int n;
    CHECK_EQ(sizeof(info), sizeof(WSAPROTOCOL_INFOA), "WSAPROTOCOL_INFO is the A form without UNICODE");
    CHECK_EQ(WSAEnumProtocols(NULL, NULL, &size), SOCKET_ERROR, "WSAEnumProtocols (the A form) asks for a buffer");
    list = (LPWSAPROTOCOL_INFO)malloc(size);
    n = WSAEnumProtocols(NULL, list, &size);
    CHECK(n > 0 && (DWORD)n * sizeof(WSAPROTOCOL_INFOA) == size, "... and fills A entries");
    CHECK(n > 0 && strstr(list[0].szProtocol, "TCP") != NULL, "... with narrow-string names");
    free(list);
}

int __cdecl main(void)
{
    WSADATA wsa;
    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");
    test_errors();
    test_time();
    test_memory();
    test_strings();
    test_wspiapi();
#ifndef _WIN32
    test_exit_process();
#endif
    test_unsuffixed_names();
    CHECK_EQ(WSAWaitForMultipleEvents(1, NULL, FALSE, INFINITE, FALSE), WSA_WAIT_FAILED, "INFINITE is usable with WSAWaitForMultipleEvents");
    WSACleanup();
    return check_done();
}

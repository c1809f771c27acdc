/*
 * A telemetry sender written for Windows, which has neither gettimeofday nor clock_gettime:
 * like many ported programs it defines both itself, gettimeofday (with its own struct
 * timezone) over GetSystemTimeAsFileTime and clock_gettime over QueryPerformanceCounter, and
 * stamps each UDP report with them. On Windows those definitions are the program's alone. With
 * ws2mp the C library's declarations must not clash with them (gettimeofday's second
 * parameter is `void *` there), and ws2mp's own clock reads (which its QueryPerformanceCounter,
 * GetSystemTimeAsFileTime, GetTickCount, Sleep and waits make) must not land in the program's
 * functions: an emulation built on QueryPerformanceCounter would call itself until the stack
 * ran out.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "check.h"

#ifndef _TIMEZONE_DEFINED
#define _TIMEZONE_DEFINED
struct timezone {
    int tz_minuteswest;
    int tz_dsttime;
};
#endif

#define EPOCH_DIFF_US 11644473600000000ULL

static int g_gettimeofday_calls;
static int g_clock_gettime_calls;

int gettimeofday(struct timeval *tv, struct timezone *tz)
{
    FILETIME ft;
    unsigned __int64 t;
    g_gettimeofday_calls++;
    GetSystemTimeAsFileTime(&ft);
    t = ((unsigned __int64)ft.dwHighDateTime << 32) | ft.dwLowDateTime;
    t = t / 10 - EPOCH_DIFF_US;
    if (tv != NULL) {
        tv->tv_sec = (long)(t / 1000000UL);
        tv->tv_usec = (long)(t % 1000000UL);
    }
    if (tz != NULL) {
        tz->tz_minuteswest = 0;
        tz->tz_dsttime = 0;
    }
    return 0;
}

int clock_gettime(int clk, struct timespec *ts)
{
    LARGE_INTEGER count, freq;
    (void)clk;
    g_clock_gettime_calls++;
    QueryPerformanceCounter(&count);
    QueryPerformanceFrequency(&freq);
    ts->tv_sec = (time_t)(count.QuadPart / freq.QuadPart);
    ts->tv_nsec = (long)((count.QuadPart % freq.QuadPart) * 1000000000LL / freq.QuadPart);
    return 0;
}

static double seconds(const struct timespec *ts)
{
    return (double)ts->tv_sec + (double)ts->tv_nsec / 1e9;
}

int main(void)
{
    WSADATA wsa;
    SOCKET rx, tx;
    struct sockaddr_in addr;
    int len = sizeof(addr);
    struct timeval tv, timeout;
    struct timezone tz;
    struct timespec before, after;
    char report[128], got[128];
    fd_set readable;
    HANDLE never;
    DWORD ticks;
    time_t now;
    int n, calls;

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");

    now = time(NULL);
    CHECK_EQ(gettimeofday(&tv, &tz), 0, "the program's gettimeofday");
    CHECK_EQ(g_gettimeofday_calls, 1, "... is the one called");
    CHECK(tv.tv_sec >= now - 1 && tv.tv_sec <= now + 2, "... gives the calendar time");
    CHECK(tv.tv_usec >= 0 && tv.tv_usec < 1000000, "... microseconds in range");

    CHECK_EQ(clock_gettime(0, &before), 0, "the program's clock_gettime");
    calls = g_clock_gettime_calls;
    CHECK(calls >= 1, "... is the one called");
    ticks = GetTickCount();
    Sleep(60);
    CHECK(GetTickCount() - ticks >= 50, "Sleep and GetTickCount keep time (no recursion)");
    clock_gettime(0, &after);
    CHECK(seconds(&after) - seconds(&before) >= 0.05, "60 ms pass on the program's clock");
    CHECK(seconds(&after) - seconds(&before) < 5.0, "... and not much more");

    never = CreateEvent(NULL, TRUE, FALSE, NULL);
    REQUIRE(never != NULL, "CreateEvent");
    ticks = GetTickCount();
    CHECK_EQ(WaitForSingleObject(never, 40), WAIT_TIMEOUT, "a timed wait times out");
    CHECK(GetTickCount() - ticks >= 30, "... after its time");
    CloseHandle(never);

    rx = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    tx = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    REQUIRE(rx != INVALID_SOCKET && tx != INVALID_SOCKET, "two UDP sockets");
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(bind(rx, (struct sockaddr *)&addr, sizeof(addr)) == 0, "bind the receiver");
    REQUIRE(getsockname(rx, (struct sockaddr *)&addr, &len) == 0, "its port");

    FD_ZERO(&readable);
    FD_SET(rx, &readable);
    timeout.tv_sec = 0;
    timeout.tv_usec = 50000;
    ticks = GetTickCount();
    CHECK_EQ(select(0, &readable, NULL, NULL, &timeout), 0, "select times out with nothing sent");
    CHECK(GetTickCount() - ticks >= 40, "... after its time");

    gettimeofday(&tv, NULL);
    n = sprintf(report, "t=%ld.%06ld temp=21.5", (long)tv.tv_sec, (long)tv.tv_usec);
    CHECK_EQ(sendto(tx, report, n, 0, (struct sockaddr *)&addr, sizeof(addr)), n, "send the stamped report");
    FD_ZERO(&readable);
    FD_SET(rx, &readable);
    timeout.tv_sec = 5;
    timeout.tv_usec = 0;
    CHECK_EQ(select(0, &readable, NULL, NULL, &timeout), 1, "the report arrives");
    n = recv(rx, got, sizeof(got) - 1, 0);
    CHECK(n > 0, "recv");
    got[n > 0 ? n : 0] = '\0';
    CHECK_EQ(strcmp(got, report), 0, "... as sent");

    closesocket(rx);
    closesocket(tx);
    WSACleanup();
    return check_done();
}

/* The clocks Windows programs time and stamp their traffic with: QueryPerformanceCounter and
 * QueryPerformanceFrequency (LARGE_INTEGER), GetSystemTime / GetLocalTime (SYSTEMTIME),
 * GetSystemTimeAsFileTime and the FILETIME conversions, timeGetTime (<mmsystem.h>), _strtime,
 * _strdate and _ftime (<sys/timeb.h>), and the MSVC integer keywords (__int64) such code
 * declares its counters with. */
#include <winsock2.h>
#include <windows.h>
#include <mmsystem.h>
#include <stdio.h>
#include <time.h>
#include <sys/timeb.h>
#include "check.h"

static void test_performance_counter(void)
{
    LARGE_INTEGER freq, start, stop;
    __int64 elapsed_us;
    unsigned __int64 ticks;
    CHECK(QueryPerformanceFrequency(&freq), "QueryPerformanceFrequency succeeds");
    CHECK(freq.QuadPart >= 1000000, "the frequency is at least 1 MHz");
    CHECK(QueryPerformanceCounter(&start), "QueryPerformanceCounter succeeds");
    Sleep(50);
    QueryPerformanceCounter(&stop);
    elapsed_us = (stop.QuadPart - start.QuadPart) * 1000000 / freq.QuadPart;
    printf("# Sleep(50) took %lld us by the performance counter\n", (long long)elapsed_us);
    CHECK(elapsed_us >= 49000 && elapsed_us < 2000000, "the counter measures Sleep(50) as about 50 ms");
    ticks = (unsigned __int64)stop.QuadPart;
    CHECK(stop.LowPart == (DWORD)ticks && (DWORD)stop.HighPart == (DWORD)(ticks >> 32),
          "LowPart/HighPart are the halves of QuadPart");
    CHECK(stop.u.LowPart == stop.LowPart, "the u. spelling names the same half");
    CHECK(sizeof(__int64) == 8 && sizeof(__int32) == 4 && sizeof(__int16) == 2 && sizeof(__int8) == 1,
          "__int64/__int32/__int16/__int8 have their sizes");
}

static void test_system_time(void)
{
    SYSTEMTIME st, local, back;
    FILETIME ft, ft2;
    ULARGE_INTEGER u;
    time_t now = time(NULL);
    struct tm utc = *gmtime(&now);
    GetSystemTime(&st);
    printf("# GetSystemTime: %04u-%02u-%02u %02u:%02u:%02u.%03u (day %u)\n", st.wYear, st.wMonth, st.wDay,
           st.wHour, st.wMinute, st.wSecond, st.wMilliseconds, st.wDayOfWeek);
    CHECK_EQ(st.wYear, utc.tm_year + 1900, "GetSystemTime's year is the UTC year");
    CHECK_EQ(st.wMonth, utc.tm_mon + 1, "wMonth counts from 1");
    CHECK(st.wMilliseconds < 1000 && st.wDayOfWeek < 7 && st.wHour < 24, "the fields are in range");
    GetLocalTime(&local);
    CHECK(local.wYear >= 2020 && local.wMonth >= 1 && local.wMonth <= 12, "GetLocalTime fills a date");

    GetSystemTimeAsFileTime(&ft);
    u.LowPart = ft.dwLowDateTime;
    u.HighPart = ft.dwHighDateTime;
    /* FILETIME counts 100 ns from 1601; Unix time is 11644473600 s later. */
    CHECK((long long)(u.QuadPart / 10000000ULL - 11644473600ULL) - (long long)now <= 2,
          "GetSystemTimeAsFileTime counts 100 ns units from 1601");
    CHECK(FileTimeToSystemTime(&ft, &back), "FileTimeToSystemTime succeeds");
    CHECK_EQ(back.wYear, st.wYear, "and gives the same year as GetSystemTime");

    st.wYear = 2000;
    st.wMonth = 3;
    st.wDay = 1;
    st.wHour = 12;
    st.wMinute = 0;
    st.wSecond = 0;
    st.wMilliseconds = 500;
    CHECK(SystemTimeToFileTime(&st, &ft2), "SystemTimeToFileTime succeeds");
    u.LowPart = ft2.dwLowDateTime;
    u.HighPart = ft2.dwHighDateTime;
    CHECK(u.QuadPart == 125963856005000000ULL, "2000-03-01 12:00:00.500 is FILETIME 125963856005000000");
    CHECK(FileTimeToSystemTime(&ft2, &back), "and converts back");
    CHECK(back.wYear == 2000 && back.wMonth == 3 && back.wDay == 1 && back.wHour == 12 &&
              back.wMilliseconds == 500,
          "to the same fields");
    CHECK_EQ(back.wDayOfWeek, 3, "2000-03-01 was a Wednesday");

    st.wMonth = 2;
    st.wDay = 30;
    SetLastError(0);
    CHECK(!SystemTimeToFileTime(&st, &ft2), "February 30 is refused");
    CHECK_EQ(GetLastError(), ERROR_INVALID_PARAMETER, "with ERROR_INVALID_PARAMETER");
}

static void test_mmsystem_and_crt(void)
{
    DWORD t0, t1;
    char tbuf[9], dbuf[9];
    CHECK_EQ(timeBeginPeriod(1), TIMERR_NOERROR, "timeBeginPeriod(1) succeeds");
    t0 = timeGetTime();
    Sleep(30);
    t1 = timeGetTime();
    CHECK(t1 - t0 >= 29 && t1 - t0 < 2000, "timeGetTime measures Sleep(30)");
    CHECK_EQ(timeEndPeriod(1), TIMERR_NOERROR, "timeEndPeriod(1) succeeds");
    {
        struct _timeb a, b;
        long long ms;
        _ftime(&a);
        Sleep(40);
        CHECK_EQ(_ftime_s(&b), 0, "_ftime_s succeeds");
        ms = (long long)(b.time - a.time) * 1000 + b.millitm - a.millitm;
        CHECK(ms >= 39 && ms < 2000, "_ftime measures Sleep(40) in seconds and milliseconds");
        CHECK(a.millitm < 1000 && (long long)a.time - (long long)time(NULL) <= 1, "_ftime's time is the calendar time");
    }
    _strtime(tbuf);
    _strdate(dbuf);
    printf("# _strtime %s, _strdate %s\n", tbuf, dbuf);
    CHECK(strlen(tbuf) == 8 && tbuf[2] == ':' && tbuf[5] == ':', "_strtime writes hh:mm:ss");
    CHECK(strlen(dbuf) == 8 && dbuf[2] == '/' && dbuf[5] == '/', "_strdate writes mm/dd/yy");
}

int main(void)
{
    test_performance_counter();
    test_system_time();
    test_mmsystem_and_crt();
    return check_done();
}

/* ws2mp-test: posix */ /* pins the local zone with setenv("TZ") + tzset */
/* A file lister's time columns: a file's last-write time is shown as local time with
 * FileTimeToLocalFileTime + FileTimeToSystemTime, read back with LocalFileTimeToFileTime, and
 * packed into a ZIP entry's MS-DOS date and time (FileTimeToDosDateTime, DosDateTimeToFileTime).
 * Windows shifts every time by the offset in force now, daylight saving included, whatever
 * the date (docs/WINDOWS.md §10.8). */
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "check.h"

static ULONGLONG ticks(const FILETIME *ft)
{
    return ((ULONGLONG)ft->dwHighDateTime << 32) | ft->dwLowDateTime;
}

static FILETIME at(WORD y, WORD m, WORD d, WORD h)
{
    SYSTEMTIME st;
    FILETIME ft;
    memset(&st, 0, sizeof(st));
    st.wYear = y;
    st.wMonth = m;
    st.wDay = d;
    st.wHour = h;
    SystemTimeToFileTime(&st, &ft);
    return ft;
}

static void test_local_shift_is_todays(void)
{
    FILETIME jan = at(2021, 1, 15, 12), jul = at(2021, 7, 15, 12), now, now_local, l_jan, l_jul, back;
    LONGLONG shift_now, shift_jan, shift_jul;
    GetSystemTimeAsFileTime(&now);
    REQUIRE(FileTimeToLocalFileTime(&now, &now_local), "FileTimeToLocalFileTime(now)");
    REQUIRE(FileTimeToLocalFileTime(&jan, &l_jan) && FileTimeToLocalFileTime(&jul, &l_jul),
            "FileTimeToLocalFileTime(January, July)");
    shift_now = (LONGLONG)(ticks(&now_local) - ticks(&now));
    shift_jan = (LONGLONG)(ticks(&l_jan) - ticks(&jan));
    shift_jul = (LONGLONG)(ticks(&l_jul) - ticks(&jul));
    CHECK(shift_now == 600000000LL * 60 * 10 || shift_now == 600000000LL * 60 * 11, "the zone's offset is +10 or +11 hours");
    CHECK(shift_jan == shift_now && shift_jul == shift_now, "a winter and a summer time both get today's offset");
    CHECK(LocalFileTimeToFileTime(&l_jul, &back) && ticks(&back) == ticks(&jul), "LocalFileTimeToFileTime takes it off again");
    CHECK(LocalFileTimeToFileTime(&l_jan, &back) && ticks(&back) == ticks(&jan), "... for the other season too");
}

static void test_dos_date_time(void)
{
    FILETIME ft = at(2004, 2, 29, 13), back;
    WORD date = 0, time = 0;
    SYSTEMTIME st;
    ULARGE_INTEGER u;
    u.LowPart = ft.dwLowDateTime;
    u.HighPart = ft.dwHighDateTime;
    u.QuadPart += 10000000ull * 37; /* 13:00:37 */
    ft.dwLowDateTime = u.LowPart;
    ft.dwHighDateTime = u.HighPart;
    REQUIRE(FileTimeToDosDateTime(&ft, &date, &time), "FileTimeToDosDateTime");
    CHECK_EQ(date, ((2004 - 1980) << 9) | (2 << 5) | 29, "the date packs year-1980, month and day");
    CHECK_EQ(time, (13 << 11) | (0 << 5) | (37 / 2), "the time packs hour, minute and seconds/2");
    REQUIRE(DosDateTimeToFileTime(date, time, &back), "DosDateTimeToFileTime");
    FileTimeToSystemTime(&back, &st);
    CHECK(st.wYear == 2004 && st.wMonth == 2 && st.wDay == 29 && st.wHour == 13 && st.wSecond == 36,
          "and unpack to the even second");
    ft = at(1979, 12, 31, 23);
    SetLastError(0);
    CHECK(!FileTimeToDosDateTime(&ft, &date, &time) && GetLastError() == ERROR_INVALID_PARAMETER,
          "a time before 1980 has no MS-DOS form");
    SetLastError(0);
    CHECK(!FileTimeToDosDateTime(&back, NULL, &time) && GetLastError() == ERROR_INVALID_PARAMETER,
          "a NULL output is ERROR_INVALID_PARAMETER");
    CHECK(!DosDateTimeToFileTime((24 << 9) | (13 << 5) | 1, 0, &back), "month 13 is refused");
}

int main(void)
{
    setenv("TZ", "AEST-10AEDT,M10.1.0,M4.1.0/3", 1);
    tzset();
    test_local_shift_is_todays();
    test_dos_date_time();
    return check_done();
}

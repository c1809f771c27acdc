/* GetTimeZoneInformation the way a time-synchronisation client uses it: the bias, the
 * daylight saving rules and names, checked for three zones given in TZ (POSIX rules, so no
 * time zone database is needed), and the local time it implies against GetLocalTime. */
#include <winsock2.h>
#include <windows.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "check.h"
#include "wide.h"

static DWORD zone(const char *tz, TIME_ZONE_INFORMATION *tzi)
{
    SetEnvironmentVariableA("TZ", tz);
    _tzset();
    memset(tzi, 0xAB, sizeof *tzi);
    return GetTimeZoneInformation(tzi);
}

/* Local minus UTC now, in minutes, from GetLocalTime and GetSystemTime. */
static LONG local_minus_utc(void)
{
    SYSTEMTIME l, u;
    FILETIME fl, fu;
    ULARGE_INTEGER a, b;
    GetLocalTime(&l);
    GetSystemTime(&u);
    SystemTimeToFileTime(&l, &fl);
    SystemTimeToFileTime(&u, &fu);
    a.LowPart = fl.dwLowDateTime;
    a.HighPart = fl.dwHighDateTime;
    b.LowPart = fu.dwLowDateTime;
    b.HighPart = fu.dwHighDateTime;
    /* Rounded to the nearest minute (the two calls are a few microseconds apart). */
    {
        LONGLONG d = (LONGLONG)a.QuadPart - (LONGLONG)b.QuadPart;
        return (LONG)((d < 0 ? d - 300000000 : d + 300000000) / 600000000);
    }
}

int main(void)
{
    TIME_ZONE_INFORMATION tzi;
    DWORD id;

    CHECK(sizeof(TIME_ZONE_INFORMATION) == 172, "TIME_ZONE_INFORMATION is 172 bytes, as on Windows");

    id = zone("EST5EDT,M3.2.0,M11.1.0", &tzi);
    CHECK(id == TIME_ZONE_ID_STANDARD || id == TIME_ZONE_ID_DAYLIGHT, "New York: standard or daylight time");
    CHECK(tzi.Bias == 300 && tzi.StandardBias == 0 && tzi.DaylightBias == -60, "... Bias 300, DaylightBias -60");
    CHECK(tzi.DaylightDate.wYear == 0 && tzi.DaylightDate.wMonth == 3 && tzi.DaylightDate.wDayOfWeek == 0 &&
              tzi.DaylightDate.wDay == 2 && tzi.DaylightDate.wHour == 2 && tzi.DaylightDate.wMinute == 0,
          "... daylight time from the second Sunday of March, 2:00");
    CHECK(tzi.StandardDate.wMonth == 11 && tzi.StandardDate.wDayOfWeek == 0 && tzi.StandardDate.wDay == 1 &&
              tzi.StandardDate.wHour == 2,
          "... standard time from the first Sunday of November, 2:00");
    CHECK(weq(tzi.StandardName, "EST") && weq(tzi.DaylightName, "EDT"), "... the zone's abbreviations as names");
    CHECK_EQ(local_minus_utc(), -(tzi.Bias + (id == TIME_ZONE_ID_DAYLIGHT ? tzi.DaylightBias : 0)),
             "... GetLocalTime agrees with the bias in force");

    id = zone("CET-1CEST,M3.5.0,M10.5.0/3", &tzi);
    CHECK(tzi.Bias == -60 && tzi.DaylightBias == -60, "Central Europe: Bias -60");
    CHECK(tzi.DaylightDate.wMonth == 3 && tzi.DaylightDate.wDay == 5 && tzi.DaylightDate.wHour == 2,
          "... daylight time from the last Sunday of March (week 5), 2:00");
    CHECK(tzi.StandardDate.wMonth == 10 && tzi.StandardDate.wDay == 5 && tzi.StandardDate.wHour == 3,
          "... standard time from the last Sunday of October, 3:00");
    CHECK_EQ(local_minus_utc(), -(tzi.Bias + (id == TIME_ZONE_ID_DAYLIGHT ? tzi.DaylightBias : 0)),
             "... GetLocalTime agrees");

    id = zone("IST-5:30", &tzi);
    CHECK_EQ(id, TIME_ZONE_ID_UNKNOWN, "India: no daylight saving time, TIME_ZONE_ID_UNKNOWN");
    CHECK(tzi.Bias == -330 && tzi.DaylightBias == 0 && tzi.StandardDate.wMonth == 0 && tzi.DaylightDate.wMonth == 0,
          "... Bias -330, no transitions");
    CHECK_EQ(local_minus_utc(), 330, "... GetLocalTime is 5:30 ahead");

    SetLastError(0);
    CHECK(GetTimeZoneInformation(NULL) == TIME_ZONE_ID_INVALID && GetLastError() == ERROR_NOACCESS,
          "NULL: TIME_ZONE_ID_INVALID, ERROR_NOACCESS");
    return check_done();
}

/* A log viewer shows event times (kept in UTC) in each site's own zone, from the site's
 * TIME_ZONE_INFORMATION in its configuration, with SystemTimeToTzSpecificLocalTime, and turns
 * a time typed in that zone back with TzSpecificLocalTimeToSystemTime; NULL is the machine's
 * zone (docs/WINDOWS.md §10.8). */
#include <windows.h>
#include <string.h>
#include "check.h"

static SYSTEMTIME when(WORD y, WORD mo, WORD d, WORD h, WORD mi)
{
    SYSTEMTIME st;
    memset(&st, 0, sizeof(st));
    st.wYear = y;
    st.wMonth = mo;
    st.wDay = d;
    st.wHour = h;
    st.wMinute = mi;
    return st;
}

static int is(const SYSTEMTIME *st, WORD y, WORD mo, WORD d, WORD h, WORD mi)
{
    return st->wYear == y && st->wMonth == mo && st->wDay == d && st->wHour == h && st->wMinute == mi;
}

int main(void)
{
    TIME_ZONE_INFORMATION site, plain;
    SYSTEMTIME utc, local, back, now_utc, now_local;
    memset(&site, 0, sizeof(site));
    /* UTC-5, daylight time (UTC-4) from the second Sunday of March 2:00 to the first Sunday of
     * November 2:00. */
    site.Bias = 300;
    site.DaylightBias = -60;
    site.DaylightDate.wMonth = 3;
    site.DaylightDate.wDay = 2;
    site.DaylightDate.wHour = 2;
    site.StandardDate.wMonth = 11;
    site.StandardDate.wDay = 1;
    site.StandardDate.wHour = 2;

    utc = when(2021, 1, 15, 12, 30);
    CHECK(SystemTimeToTzSpecificLocalTime(&site, &utc, &local) && is(&local, 2021, 1, 15, 7, 30),
          "winter: UTC-5");
    utc = when(2021, 7, 4, 16, 0);
    CHECK(SystemTimeToTzSpecificLocalTime(&site, &utc, &local) && is(&local, 2021, 7, 4, 12, 0),
          "summer: UTC-4");
    utc = when(2021, 3, 14, 6, 59); /* 01:59 standard time */
    CHECK(SystemTimeToTzSpecificLocalTime(&site, &utc, &local) && is(&local, 2021, 3, 14, 1, 59),
          "a minute before the clocks go forward");
    utc = when(2021, 3, 14, 7, 0);
    CHECK(SystemTimeToTzSpecificLocalTime(&site, &utc, &local) && is(&local, 2021, 3, 14, 3, 0),
          "and at the change: 3:00");
    utc = when(2021, 1, 1, 2, 0);
    CHECK(SystemTimeToTzSpecificLocalTime(&site, &utc, &local) && is(&local, 2020, 12, 31, 21, 0),
          "the date moves back across the new year");

    local = when(2021, 7, 4, 12, 0);
    CHECK(TzSpecificLocalTimeToSystemTime(&site, &local, &back) && is(&back, 2021, 7, 4, 16, 0),
          "TzSpecificLocalTimeToSystemTime takes the summer offset off");
    local = when(2021, 11, 7, 1, 30); /* repeated hour: read as daylight time */
    CHECK(TzSpecificLocalTimeToSystemTime(&site, &local, &back) && is(&back, 2021, 11, 7, 5, 30),
          "the repeated hour is read as daylight time");

    memset(&plain, 0, sizeof(plain));
    plain.Bias = -330; /* UTC+5:30, no daylight time; the standard bias is not applied */
    plain.StandardBias = 15;
    utc = when(2021, 7, 4, 0, 0);
    CHECK(SystemTimeToTzSpecificLocalTime(&plain, &utc, &local) && is(&local, 2021, 7, 4, 5, 30),
          "without transitions only the bias applies");

    GetSystemTime(&now_utc);
    GetLocalTime(&now_local);
    GetLocalTime(&back); /* the hour could turn between the two reads */
    CHECK(SystemTimeToTzSpecificLocalTime(NULL, &now_utc, &local) &&
              ((local.wHour == now_local.wHour && local.wDay == now_local.wDay) ||
               (local.wHour == back.wHour && local.wDay == back.wDay)),
          "NULL is the machine's zone");

    SetLastError(0);
    utc = when(2021, 13, 1, 0, 0);
    CHECK(!SystemTimeToTzSpecificLocalTime(&site, &utc, &local) && GetLastError() == ERROR_INVALID_PARAMETER,
          "month 13 is ERROR_INVALID_PARAMETER");
    return check_done();
}

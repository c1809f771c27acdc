/* A report generator builds SYSTEMTIMEs field by field: for a time column it zeroes the
 * struct and sets only the hour and minute; for a date column it sets year, month and day
 * and never the day of the week; it prints times without seconds or the AM/PM marker with
 * the TIME_NO* flags. Windows checks only the fields the call shows (a time ignores the
 * date, a date the time), works the weekday out from the date, drops the separator before an
 * omitted field, and refuses flags that do not go with a picture (ERROR_INVALID_FLAGS) and
 * dates before 1601. Wine's kernel32 locale.c test_GetTimeFormatA, test_GetDateFormatA,
 * test_GetDateFormatW (docs/WINDOWS.md §10.12). */
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include "check.h"

static void test_time_column(void)
{
    SYSTEMTIME t;
    char buf[64];
    memset(&t, 0, sizeof(t)); /* wMonth and wDay are 0: no date at all */
    t.wHour = 8;
    t.wMinute = 56;
    t.wSecond = 13;
    CHECK(GetTimeFormatA(LOCALE_USER_DEFAULT, 0, &t, NULL, buf, sizeof buf) > 0 && strcmp(buf, "8:56:13 AM") == 0,
          "a time with no date formats");
    CHECK(GetTimeFormatA(LOCALE_USER_DEFAULT, TIME_NOSECONDS, &t, NULL, buf, sizeof buf) > 0 && strcmp(buf, "8:56 AM") == 0,
          "TIME_NOSECONDS: 8:56 AM");
    CHECK(GetTimeFormatA(LOCALE_USER_DEFAULT, TIME_NOMINUTESORSECONDS, &t, NULL, buf, sizeof buf) > 0 &&
              strcmp(buf, "8 AM") == 0,
          "TIME_NOMINUTESORSECONDS: 8 AM");
    CHECK(GetTimeFormatA(LOCALE_USER_DEFAULT, TIME_NOTIMEMARKER, &t, NULL, buf, sizeof buf) > 0 && strcmp(buf, "8:56:13") == 0,
          "TIME_NOTIMEMARKER: no marker and no space before it");
    CHECK(GetTimeFormatA(LOCALE_USER_DEFAULT, TIME_NOSECONDS, &t, "h.@:m.@:s.@:tt", buf, sizeof buf) > 0 &&
              strcmp(buf, "8.@:56AM") == 0,
          "the text around an omitted field goes with it");
    SetLastError(0);
    CHECK(GetTimeFormatA(LOCALE_USER_DEFAULT, LOCALE_NOUSEROVERRIDE, &t, "HH:mm", buf, sizeof buf) == 0 &&
              GetLastError() == ERROR_INVALID_FLAGS,
          "LOCALE_NOUSEROVERRIDE with a picture: ERROR_INVALID_FLAGS");
    t.wHour = 24;
    SetLastError(0);
    CHECK(GetTimeFormatA(LOCALE_USER_DEFAULT, 0, &t, NULL, buf, sizeof buf) == 0 && GetLastError() == ERROR_INVALID_PARAMETER,
          "hour 24: ERROR_INVALID_PARAMETER");
}

static void test_date_column(void)
{
    SYSTEMTIME d;
    char buf[64];
    WCHAR wbuf[64];
    memset(&d, 0xff, sizeof(d)); /* time fields and weekday: garbage */
    d.wYear = 2002;
    d.wMonth = 10;
    d.wDay = 23;
    CHECK(GetDateFormatA(LOCALE_USER_DEFAULT, 0, &d, "dddd d MMMM yyyy", buf, sizeof buf) > 0 &&
              strcmp(buf, "Wednesday 23 October 2002") == 0,
          "the weekday comes from the date, the time is not looked at");
    CHECK(GetDateFormatA(LOCALE_USER_DEFAULT, DATE_YEARMONTH, &d, NULL, buf, sizeof buf) > 0 && strcmp(buf, "October 2002") == 0,
          "DATE_YEARMONTH");
    d.wYear = 1601;
    d.wMonth = 1;
    d.wDay = 1;
    CHECK(GetDateFormatA(LOCALE_USER_DEFAULT, 0, &d, "ddd", buf, sizeof buf) > 0 && strcmp(buf, "Mon") == 0,
          "1 January 1601 was a Monday");
    d.wYear = 1600;
    d.wMonth = 12;
    d.wDay = 31;
    SetLastError(0);
    CHECK(GetDateFormatA(LOCALE_USER_DEFAULT, 0, &d, "ddd", buf, sizeof buf) == 0 && GetLastError() == ERROR_INVALID_PARAMETER,
          "before 1601: ERROR_INVALID_PARAMETER");
    d.wYear = 2003;
    d.wMonth = 2;
    d.wDay = 29;
    SetLastError(0);
    CHECK(GetDateFormatA(LOCALE_USER_DEFAULT, 0, &d, "d", buf, sizeof buf) == 0 && GetLastError() == ERROR_INVALID_PARAMETER,
          "29 February 2003 does not exist");
    d.wYear = 2004;
    SetLastError(0);
    CHECK(GetDateFormatA(LOCALE_USER_DEFAULT, DATE_SHORTDATE, &d, "d", buf, sizeof buf) == 0 && GetLastError() == ERROR_INVALID_FLAGS,
          "DATE_SHORTDATE with a picture: ERROR_INVALID_FLAGS");
    SetLastError(0);
    CHECK(GetDateFormatA(LOCALE_USER_DEFAULT, DATE_SHORTDATE | DATE_LONGDATE, &d, NULL, buf, sizeof buf) == 0 &&
              GetLastError() == ERROR_INVALID_FLAGS,
          "two kinds of date: ERROR_INVALID_FLAGS");
    SetLastError(0);
    CHECK(GetDateFormatW(LOCALE_USER_DEFAULT, 0, &d, NULL, NULL, 64) == 0 && GetLastError() == ERROR_INVALID_PARAMETER,
          "GetDateFormatW with no buffer but a size: ERROR_INVALID_PARAMETER");
    CHECK(GetDateFormatW(LOCALE_USER_DEFAULT, 0, &d, NULL, wbuf, 64) == 10 && wbuf[0] == '2', "GetDateFormatW: 2/29/2004");
}

int main(void)
{
    test_time_column();
    test_date_column();
    return check_done();
}

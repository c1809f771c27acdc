/* A calendar printer asks the locale for its day and month names (LOCALE_SDAYNAME1 is
 * Monday on Windows, LOCALE_SDAYNAME7 Sunday), which day a week starts on and the short time
 * picture, and copes with a buffer that is too small. For English (United States): Sunday
 * first (LOCALE_IFIRSTDAYOFWEEK 6), "h:mm tt", "MMMM yyyy"; a short buffer gets the first
 * characters and ERROR_INSUFFICIENT_BUFFER. Wine's kernel32 locale.c test_GetLocaleInfoA
 * (docs/WINDOWS.md §10.12). */
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include "check.h"

int main(void)
{
    char name[32], header[128] = "";
    DWORD first = 99;
    int i, n;
    REQUIRE(GetLocaleInfoA(LOCALE_USER_DEFAULT, LOCALE_IFIRSTDAYOFWEEK | LOCALE_RETURN_NUMBER, (LPSTR)&first, sizeof(first)) > 0,
            "LOCALE_IFIRSTDAYOFWEEK");
    CHECK_EQ(first, 6, "the week starts on Sunday (6: Monday is 0)");
    for (i = 0; i < 7; i++) {
        int day = (int)((first + (DWORD)i) % 7);
        REQUIRE(GetLocaleInfoA(LOCALE_USER_DEFAULT, LOCALE_SABBREVDAYNAME1 + (LCTYPE)day, name, sizeof name) > 0,
                "LOCALE_SABBREVDAYNAMEn");
        strcat(header, name);
        strcat(header, i < 6 ? " " : "");
    }
    CHECK(strcmp(header, "Sun Mon Tue Wed Thu Fri Sat") == 0, "the calendar's header row");
    CHECK(GetLocaleInfoA(LOCALE_USER_DEFAULT, LOCALE_SDAYNAME1, name, sizeof name) == 7 && strcmp(name, "Monday") == 0,
          "LOCALE_SDAYNAME1 is Monday");
    CHECK(GetLocaleInfoA(LOCALE_USER_DEFAULT, LOCALE_SMONTHNAME12, name, sizeof name) > 0 && strcmp(name, "December") == 0,
          "LOCALE_SMONTHNAME12");
    CHECK(GetLocaleInfoA(LOCALE_USER_DEFAULT, LOCALE_SABBREVMONTHNAME9, name, sizeof name) > 0 && strcmp(name, "Sep") == 0,
          "LOCALE_SABBREVMONTHNAME9");
    CHECK(GetLocaleInfoA(LOCALE_USER_DEFAULT, LOCALE_SMONTHNAME13, name, sizeof name) == 1 && name[0] == 0,
          "no 13th month: an empty string");
    CHECK(GetLocaleInfoA(LOCALE_USER_DEFAULT, LOCALE_SSHORTTIME, name, sizeof name) > 0 && strcmp(name, "h:mm tt") == 0,
          "LOCALE_SSHORTTIME");
    CHECK(GetLocaleInfoA(LOCALE_USER_DEFAULT, LOCALE_SYEARMONTH, name, sizeof name) > 0 && strcmp(name, "MMMM yyyy") == 0,
          "LOCALE_SYEARMONTH");
    memset(name, 0, sizeof name);
    SetLastError(0);
    n = GetLocaleInfoA(0x0409, LOCALE_NOUSEROVERRIDE | LOCALE_SDAYNAME1, name, 3);
    CHECK(n == 0 && GetLastError() == ERROR_INSUFFICIENT_BUFFER, "3 characters for Monday: ERROR_INSUFFICIENT_BUFFER");
    CHECK(strcmp(name, "Mon") == 0, "with the first 3 written");
    CHECK_EQ(GetLocaleInfoA(0x0409, LOCALE_SDAYNAME1, NULL, 0), 7, "the size asked for");
    SetLastError(0);
    CHECK(GetLocaleInfoA(0x0409, LOCALE_SDAYNAME1 | LOCALE_RETURN_NUMBER, name, sizeof name) == 0 &&
              GetLastError() == ERROR_INVALID_FLAGS,
          "a name is no number: ERROR_INVALID_FLAGS");
    return check_done();
}

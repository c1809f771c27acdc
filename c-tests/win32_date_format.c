/* GetDateFormat / GetTimeFormat the way a server stamps its log lines: pictures, the default
 * formats, the flags, the size protocol. */
#include <winsock2.h>
#include <windows.h>
#include <string.h>
#include "check.h"

int main(void)
{
    SYSTEMTIME t;
    char buf[64];
    int n;

    memset(&t, 0, sizeof t);
    t.wYear = 2024;
    t.wMonth = 3;
    t.wDay = 5;
    t.wDayOfWeek = 2; /* Tuesday */
    t.wHour = 14;
    t.wMinute = 7;
    t.wSecond = 9;

    n = GetDateFormatA(LOCALE_USER_DEFAULT, 0, &t, "yyyy'-'MM'-'dd", buf, sizeof buf);
    CHECK(n == 11 && strcmp(buf, "2024-03-05") == 0, "a picture with quoted separators; the NUL counted");
    GetDateFormatA(LOCALE_USER_DEFAULT, 0, &t, "dddd, MMMM d, yyyy", buf, sizeof buf);
    CHECK(strcmp(buf, "Tuesday, March 5, 2024") == 0, "day and month names");
    GetDateFormatA(LOCALE_USER_DEFAULT, 0, &t, "ddd dd MMM yy", buf, sizeof buf);
    CHECK(strcmp(buf, "Tue 05 Mar 24") == 0, "abbreviations, two-digit forms");
    GetDateFormatA(LOCALE_USER_DEFAULT, 0, &t, "d/M/y 'o''clock'", buf, sizeof buf);
    CHECK(strcmp(buf, "5/3/24 o'clock") == 0, "'' inside quotes is a quote");
    GetDateFormatA(LOCALE_USER_DEFAULT, DATE_SHORTDATE, &t, NULL, buf, sizeof buf);
    CHECK(strcmp(buf, "3/5/2024") == 0, "the short date of English (United States)");
    GetDateFormatA(LOCALE_USER_DEFAULT, DATE_LONGDATE, &t, NULL, buf, sizeof buf);
    CHECK(strcmp(buf, "Tuesday, March 5, 2024") == 0, "the long date");
    GetDateFormatA(LOCALE_INVARIANT, 0, &t, NULL, buf, sizeof buf);
    CHECK(strcmp(buf, "03/05/2024") == 0, "the invariant locale's date");

    GetTimeFormatA(LOCALE_USER_DEFAULT, 0, &t, NULL, buf, sizeof buf);
    CHECK(strcmp(buf, "2:07:09 PM") == 0, "the default time");
    GetTimeFormatA(LOCALE_USER_DEFAULT, 0, &t, "HH':'mm':'ss", buf, sizeof buf);
    CHECK(strcmp(buf, "14:07:09") == 0, "a 24-hour picture");
    GetTimeFormatA(LOCALE_USER_DEFAULT, TIME_NOSECONDS, &t, NULL, buf, sizeof buf);
    CHECK(strcmp(buf, "2:07 PM") == 0, "TIME_NOSECONDS drops the seconds and their separator");
    GetTimeFormatA(LOCALE_USER_DEFAULT, TIME_NOTIMEMARKER | TIME_FORCE24HOURFORMAT, &t, NULL, buf, sizeof buf);
    CHECK(strcmp(buf, "14:07:09") == 0, "TIME_FORCE24HOURFORMAT and TIME_NOTIMEMARKER");
    t.wHour = 0;
    GetTimeFormatA(LOCALE_USER_DEFAULT, 0, &t, "hh:mm tt", buf, sizeof buf);
    CHECK(strcmp(buf, "12:07 AM") == 0, "midnight is 12 AM");
    GetTimeFormatA(LOCALE_INVARIANT, 0, &t, NULL, buf, sizeof buf);
    CHECK(strcmp(buf, "00:07:09") == 0, "the invariant locale's time");

    CHECK_EQ(GetDateFormatA(LOCALE_USER_DEFAULT, 0, &t, "yyyy-MM-dd", NULL, 0), 11, "size 0: the size needed");
    SetLastError(0);
    CHECK(GetDateFormatA(LOCALE_USER_DEFAULT, 0, &t, "yyyy-MM-dd", buf, 5) == 0 &&
              GetLastError() == ERROR_INSUFFICIENT_BUFFER,
          "a buffer too small: 0, ERROR_INSUFFICIENT_BUFFER");
    t.wMonth = 13;
    CHECK(GetDateFormatA(LOCALE_USER_DEFAULT, 0, &t, NULL, buf, sizeof buf) == 0 &&
              GetLastError() == ERROR_INVALID_PARAMETER,
          "month 13: ERROR_INVALID_PARAMETER");
    n = GetDateFormatA(LOCALE_USER_DEFAULT, 0, NULL, "yyyy", buf, sizeof buf);
    CHECK(n == 5 && buf[0] == '2', "no date given: today");
    return check_done();
}

/* An event log's timestamps the way a Windows service writes and reads them back: each line
 * stamped with strftime's "%c" (Microsoft's "12/07/26 22:40:00", not the C library's
 * "Mon Dec  7 22:40:00 2026"), a report heading with "%#x" (the long date) and "%#d/%#m"
 * (no leading zeros: Microsoft's # flag), and stored times checked with _localtime64 /
 * _gmtime64 / localtime_s before use: a corrupt record (-1, or past the year 3000) gives NULL
 * or EINVAL there, and _mktime64 gives -1 for a date before 1970. Wine's msvcrt time.c tests
 * (test_strftime, test_gmtime64, test_localtime64_s, test_mktime) are the specification. */
#include <windows.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "check.h"

#ifndef _MAX__TIME64_T /* Microsoft's <time.h> has it; some mingw-w64 versions do not */
#define _MAX__TIME64_T 0x793406FFFLL
#endif

/* The service's line stamp: "%c" of a UTC time. */
static const char *stamp(char *buf, size_t size, __time64_t t)
{
    struct tm *tm = _gmtime64(&t);
    if (tm == NULL)
        return "(bad time)";
    if (strftime(buf, size, "%c", tm) == 0)
        return "(no room)";
    return buf;
}

int main(void)
{
    char buf[128];
    struct tm tm, *ptm;
    __time64_t t;
    errno_t err;
    size_t n;

    /* 1970-01-01 00:00:00 UTC was a Thursday; 2026-12-07 22:40:05 UTC. */
    CHECK(strcmp(stamp(buf, sizeof buf, 0), "01/01/70 00:00:00") == 0, "%c is mm/dd/yy hh:mm:ss");
    CHECK(strcmp(stamp(buf, sizeof buf, 1796683205), "12/07/26 22:40:05") == 0,
          "%c of a later time");
    CHECK(strcmp(stamp(buf, 17, 0), "(no room)") == 0, "%c needs 18 bytes: 17 is too few");

    t = 0;
    ptm = _gmtime64(&t);
    REQUIRE(ptm != NULL, "_gmtime64(0)");
    tm = *ptm;
    n = strftime(buf, sizeof buf, "%#x", &tm);
    CHECK(strcmp(buf, "Thursday, January 01, 1970") == 0, "%#x is the long date");
    CHECK_EQ(n, strlen("Thursday, January 01, 1970"), "strftime returns its length");
    strftime(buf, sizeof buf, "[%#c]", &tm);
    CHECK(strcmp(buf, "[Thursday, January 01, 1970 00:00:00]") == 0, "%#c is the long date and the time");
    strftime(buf, sizeof buf, "%#d/%#m/%Y %#H:%M", &tm);
    CHECK(strcmp(buf, "1/1/1970 0:00") == 0, "# drops a number's leading zeros");
    strftime(buf, sizeof buf, "%#a %#b %#p %d", &tm);
    CHECK(strcmp(buf, "Thu Jan AM 01") == 0, "# changes nothing else (case kept)");
    strftime(buf, sizeof buf, "%x %X 100%%c", &tm);
    CHECK(strcmp(buf, "01/01/70 00:00:00 100%c") == 0, "%x, %X, and a %% before c stays text");
    tm.tm_hour = 14;
    strftime(buf, sizeof buf, "%I %p %#I", &tm);
    CHECK(strcmp(buf, "02 PM 2") == 0, "%I %p and %#I of 14:00");

    /* The span of the 64-bit conversions. */
    t = -1;
    errno = 0;
    CHECK(_localtime64(&t) == NULL, "_localtime64 of -1 is NULL");
    CHECK_EQ(errno, EINVAL, "with errno EINVAL");
    t = _MAX__TIME64_T + 1;
    CHECK(_localtime64(&t) == NULL, "_localtime64 past _MAX__TIME64_T is NULL");
    t = 0;
    CHECK(_localtime64(&t) != NULL, "_localtime64 of 0 converts");
    t = -43200;
    ptm = _gmtime64(&t);
    CHECK(ptm != NULL && ptm->tm_year == 69 && ptm->tm_hour == 12 && ptm->tm_mday == 31,
          "_gmtime64 takes 12 hours before 1970");
    t = -43201;
    errno = 0;
    CHECK(_gmtime64(&t) == NULL && errno == EINVAL, "but not a second more: NULL, EINVAL");
    t = _MAX__TIME64_T + 46800;
    ptm = _gmtime64(&t);
    CHECK(ptm != NULL && ptm->tm_year == 1101 && ptm->tm_hour == 20 && ptm->tm_min == 59,
          "_gmtime64 takes 13 hours past _MAX__TIME64_T");
    t = _MAX__TIME64_T + 46801;
    CHECK(_gmtime64(&t) == NULL, "and not a second more");
    t = -1;
    errno = 0;
    CHECK(_ctime64(&t) == NULL && errno == EINVAL, "_ctime64 of -1: NULL, EINVAL");

    memset(&tm, 0, sizeof tm);
    t = -1;
    errno = 0;
    err = localtime_s(&tm, &t);
    CHECK_EQ(err, EINVAL, "localtime_s of -1 returns EINVAL");
    CHECK_EQ(errno, EINVAL, "and sets errno");
    CHECK(tm.tm_year == -1 && tm.tm_mday == -1 && tm.tm_hour == -1 && tm.tm_isdst == -1,
          "every field of the result is -1");
    memset(&tm, 0, sizeof tm);
    t = _MAX__TIME64_T + 1;
    CHECK_EQ(_localtime64_s(&tm, &t), EINVAL, "_localtime64_s past _MAX__TIME64_T: EINVAL");
    errno = 0;
    CHECK(localtime_s(&tm, NULL) == EINVAL && errno == EINVAL && tm.tm_sec == -1,
          "localtime_s of a NULL time: EINVAL, fields -1");
    t = 1000;
    errno = 0;
    CHECK(localtime_s(NULL, &t) == EINVAL && errno == EINVAL, "localtime_s into NULL: EINVAL");
    t = -43201;
    memset(&tm, 0, sizeof tm);
    CHECK(gmtime_s(&tm, &t) == EINVAL && tm.tm_year == -1, "gmtime_s before the span: EINVAL, fields -1");
    t = -43200;
    CHECK(gmtime_s(&tm, &t) == 0 && tm.tm_year == 69, "gmtime_s at its start converts");
    t = -1;
    errno = 0;
    CHECK(ctime_s(buf, sizeof buf, &t) == EINVAL && errno == EINVAL && buf[0] == '\0',
          "ctime_s of -1: EINVAL, an empty string");

    /* _strdate_s / _strtime_s, as Wine's test_strdate and test_strtime. */
    errno = 0;
    CHECK(_strdate_s(NULL, 1) == EINVAL && errno == EINVAL, "_strdate_s into NULL: EINVAL in errno");
    buf[0] = 'x';
    buf[1] = 'x';
    errno = 0;
    CHECK(_strdate_s(buf, 8) == ERANGE && errno == ERANGE, "_strdate_s into 8 bytes: ERANGE in errno");
    CHECK(buf[0] == '\0' && buf[1] == 'x', "only the first byte cleared");
    CHECK(_strdate_s(buf, 9) == 0 && strlen(buf) == 8 && buf[2] == '/' && buf[5] == '/', "into 9: mm/dd/yy");
    errno = 0;
    CHECK(_strtime_s(NULL, 0) == EINVAL && errno == EINVAL, "_strtime_s into NULL: EINVAL in errno");
    errno = 0;
    CHECK(_strtime_s(buf, 8) == ERANGE && errno == ERANGE && buf[0] == '\0', "_strtime_s into 8: ERANGE");
    CHECK(_strtime_s(buf, 9) == 0 && strlen(buf) == 8 && buf[2] == ':' && buf[5] == ':', "into 9: hh:mm:ss");

    memset(&tm, 0, sizeof tm);
    tm.tm_year = 69;
    tm.tm_mon = 5;
    tm.tm_mday = 15;
    tm.tm_isdst = -1;
    CHECK_EQ(_mktime64(&tm), -1, "_mktime64 of a day in 1969 is -1");
    memset(&tm, 0, sizeof tm);
    tm.tm_year = 100;
    tm.tm_mon = 13; /* February 2001 */
    tm.tm_mday = 1;
    tm.tm_hour = 12;
    tm.tm_isdst = -1;
    t = _mktime64(&tm);
    CHECK(t > 0 && tm.tm_year == 101 && tm.tm_mon == 1, "_mktime64 normalises a 14th month");
    return check_done();
}

/* A Visual C++ 6-to-2013 era program sets up its build in the first lines of its main source,
 * before any include: it trims <windows.h> (WIN32_LEAN_AND_MEAN, VC_EXTRALEAN, NOMINMAX,
 * STRICT), silences the secure-CRT warnings, raises FD_SETSIZE, asks for the LPFN_ typedefs,
 * and maps the POSIX names its shared code uses onto the Microsoft C library's (that library
 * had no snprintf, vsnprintf, strcasecmp, atoll, strtoll or localtime_r). Windows' headers
 * accept all of that, and the calls then reach the Microsoft functions: `snprintf` is
 * _snprintf, which on truncation returns -1 and writes no terminating NUL. Here the same
 * source must compile unchanged and keep the program's mappings (ws2mp's own snprintf must
 * not replace them). */
#define WIN32_LEAN_AND_MEAN
#define VC_EXTRALEAN
#define NOMINMAX
#define STRICT
#define _CRT_SECURE_NO_DEPRECATE
#define _CRT_SECURE_NO_WARNINGS
#define FD_SETSIZE 1024
#define INCL_WINSOCK_API_TYPEDEFS 1
#define snprintf _snprintf
#define vsnprintf _vsnprintf
#define strcasecmp _stricmp
#define strncasecmp _strnicmp
#define atoll _atoi64
#define strtoll _strtoi64
#define localtime_r(t, r) localtime_s((r), (t))
#define inline __inline
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "check.h"

static int format(char *buf, size_t n, const char *fmt, ...)
{
    va_list ap;
    int r;
    va_start(ap, fmt);
    r = vsnprintf(buf, n, fmt, ap);
    va_end(ap);
    return r;
}

int main(void)
{
    WSADATA wsa;
    LPFN_WSASTARTUP start = WSAStartup;
    char buf[8];
    time_t now = time(NULL);
    struct tm mine, theirs;
    fd_set set;

#ifdef min
    CHECK(0, "NOMINMAX: <windows.h> defines no min macro");
#endif
    CHECK(sizeof(set.fd_array) / sizeof(set.fd_array[0]) >= 1024, "FD_SETSIZE 1024 sizes fd_set");
    REQUIRE(start(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup through LPFN_WSASTARTUP");

    memset(buf, 'x', sizeof(buf));
    CHECK_EQ(snprintf(buf, 4, "%s", "abcdef"), -1, "snprintf is _snprintf: -1 on truncation");
    CHECK(memcmp(buf, "abcdx", 5) == 0, "... 4 characters written, no NUL");
    memset(buf, 'x', sizeof(buf));
    CHECK_EQ(snprintf(buf, sizeof(buf), "%d", 42), 2, "snprintf of what fits");
    CHECK(strcmp(buf, "42") == 0, "... is terminated");
    memset(buf, 'x', sizeof(buf));
    CHECK_EQ(format(buf, 3, "%s", "hello"), -1, "vsnprintf is _vsnprintf: -1 on truncation");
    CHECK(memcmp(buf, "helx", 4) == 0, "... 3 characters written, no NUL");
    CHECK_EQ(strcasecmp("Winsock", "WINSOCK"), 0, "strcasecmp is _stricmp");
    CHECK(strncasecmp("abcX", "ABCy", 3) == 0 && strncasecmp("abcX", "ABCy", 4) != 0,
          "strncasecmp is _strnicmp");
    CHECK(atoll("9000000000") == 9000000000LL, "atoll is _atoi64");
    CHECK(strtoll("-9000000000", NULL, 10) == -9000000000LL, "strtoll is _strtoi64");
    memset(&mine, 0, sizeof(mine));
    CHECK_EQ(localtime_r(&now, &mine), 0, "localtime_r is localtime_s (0: success)");
    theirs = *localtime(&now);
    CHECK(mine.tm_year == theirs.tm_year && mine.tm_yday == theirs.tm_yday &&
              mine.tm_min == theirs.tm_min,
          "... and gives the local time");
    WSACleanup();
    return check_done();
}

/* The C++ side of a Visual C++ 2008-2013 project: its precompiled header starts with the
 * build's own macros (WIN32_LEAN_AND_MEAN, NOMINMAX, _CRT_SECURE_NO_WARNINGS, and
 * `#define snprintf _snprintf` / `#define vsnprintf _vsnprintf` / `#define strcasecmp _stricmp`
 * for the code it shares with its POSIX build), then includes <winsock2.h>, <windows.h> and the
 * C headers (and the C++ library's, which include <cstdio>). Windows' headers accept that.
 * Here the same source must compile as C++, and the calls must work. (The C++ library's
 * <cstdio> #undefs snprintf and vsnprintf, with g++ on Windows as here: from there on they
 * are the standard functions, not _snprintf; the C test checks Microsoft's truncation.) */
#define WIN32_LEAN_AND_MEAN
#define NOMINMAX
#define _CRT_SECURE_NO_WARNINGS
#define snprintf _snprintf
#define vsnprintf _vsnprintf
#define strcasecmp _stricmp
#define localtime_r(t, r) localtime_s((r), (t))
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <string>
#include <algorithm>
#include "check.h"

class Logger {
public:
    int line(char *buf, size_t n, const char *fmt, ...)
    {
        va_list ap;
        va_start(ap, fmt);
        int r = vsnprintf(buf, n, fmt, ap);
        va_end(ap);
        return r;
    }
};

int main()
{
    WSADATA wsa;
    char buf[8];
    Logger log;
    time_t now = time(NULL);
    struct tm mine;

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");
    CHECK_EQ(std::min(3, 4), 3, "NOMINMAX: std::min is usable");
    memset(buf, 'x', sizeof(buf));
    CHECK_EQ(snprintf(buf, sizeof(buf), "%d", 42), 2, "snprintf of what fits");
    CHECK(strcmp(buf, "42") == 0, "... is terminated");
    CHECK_EQ(log.line(buf, sizeof(buf), "%d-%d", 1, 2), 3, "vsnprintf of what fits");
    CHECK(std::string(buf) == "1-2", "... is terminated");
    CHECK_EQ(strcasecmp("Winsock", "WINSOCK"), 0, "strcasecmp is _stricmp");
    memset(&mine, 0, sizeof(mine));
    CHECK_EQ(localtime_r(&now, &mine), 0, "localtime_r is localtime_s (0: success)");
    CHECK(mine.tm_year >= 100, "... and fills the structure");
    WSACleanup();
    return check_done();
}

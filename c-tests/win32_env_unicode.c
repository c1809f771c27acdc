/*
 * The environment and path calls of a Unicode program (UNICODE and _UNICODE, Visual Studio's
 * default character set): a service that finds its own directory with GetModuleFileName,
 * reads its settings from the environment (GetEnvironmentVariable, ExpandEnvironmentStrings,
 * GetEnvironmentStrings), writes to GetTempPath, moves with SetCurrentDirectory and logs its
 * user name with wsprintf, all through the W forms with TCHAR strings.
 */
#define UNICODE
#define _UNICODE
#include <winsock2.h>
#include <windows.h>
#include <tchar.h>
#include <string.h>
#include "check.h"
#include "wide.h"

static size_t tlen(const TCHAR *w)
{
    size_t n = 0;
    while (w[n])
        n++;
    return n;
}

int main(void)
{
    TCHAR buf[MAX_PATH], small[4], *block, *p;
    char narrow[MAX_PATH];
    DWORD n, size;
    int found = 0;

    n = GetModuleFileName(NULL, buf, MAX_PATH);
    GetModuleFileNameA(NULL, narrow, sizeof(narrow));
    CHECK(n > 0 && n == strlen(narrow) && weq(buf, narrow), "GetModuleFileName (W) gives the program's path");
    SetLastError(0);
    n = GetModuleFileName(NULL, small, 4);
    CHECK(n == 4 && small[3] == 0 && GetLastError() == ERROR_INSUFFICIENT_BUFFER,
          "a buffer too small: truncated, nSize returned, ERROR_INSUFFICIENT_BUFFER");

    CHECK(SetEnvironmentVariable(_T("WS2MP_FEED_PORT"), _T("5150")), "SetEnvironmentVariable (W)");
    n = GetEnvironmentVariable(_T("WS2MP_FEED_PORT"), buf, MAX_PATH);
    CHECK(n == 4 && weq(buf, "5150"), "GetEnvironmentVariable (W) reads it back, length without the NUL");
    CHECK_EQ(GetEnvironmentVariable(_T("WS2MP_FEED_PORT"), small, 4), 5, "too small: the size needed with the NUL");
    n = ExpandEnvironmentStrings(_T("port %WS2MP_FEED_PORT% of %WS2MP_NO_SUCH%"), buf, MAX_PATH);
    CHECK(weq(buf, "port 5150 of %WS2MP_NO_SUCH%") && n == tlen(buf) + 1,
          "ExpandEnvironmentStrings (W): known names replaced, unknown kept; the count includes the NUL");
    block = GetEnvironmentStrings();
    REQUIRE(block != NULL, "GetEnvironmentStrings (W)");
    for (p = block; *p; p += tlen(p) + 1)
        if (weq(p, "WS2MP_FEED_PORT=5150"))
            found = 1;
    CHECK(found, "the block holds NAME=value strings in UTF-16");
    CHECK(FreeEnvironmentStrings(block), "FreeEnvironmentStrings (W)");
    CHECK(SetEnvironmentVariable(_T("WS2MP_FEED_PORT"), NULL), "a NULL value deletes the variable");
    SetLastError(0);
    CHECK(GetEnvironmentVariable(_T("WS2MP_FEED_PORT"), buf, MAX_PATH) == 0 && GetLastError() == ERROR_ENVVAR_NOT_FOUND,
          "then it is ERROR_ENVVAR_NOT_FOUND");

    n = GetTempPath(MAX_PATH, buf);
    CHECK(n > 0 && (buf[n - 1] == '/' || buf[n - 1] == '\\'), "GetTempPath (W) ends with a separator");
    CHECK(SetCurrentDirectory(buf), "SetCurrentDirectory (W) to it");
    n = GetCurrentDirectory(MAX_PATH, buf);
    GetCurrentDirectoryA(sizeof(narrow), narrow);
    CHECK(n == strlen(narrow) && weq(buf, narrow), "GetCurrentDirectory (W) agrees with the A form");
    size = 2;
    SetLastError(0);
    CHECK(!GetUserName(small, &size) && GetLastError() == ERROR_INSUFFICIENT_BUFFER && size > 1,
          "GetUserName (W) too small: the size needed");
    size = MAX_PATH;
    CHECK(GetUserName(buf, &size) && size == tlen(buf) + 1, "GetUserName (W): the count includes the NUL");
    {
        TCHAR line[1100], long_arg[1100];
        int i;
        CHECK_EQ(wsprintf(line, _T("%s:%d:%c:%S"), _T("feed"), 42, (TCHAR)'x', "narrow"), 16,
                 "wsprintf (W): %s a TCHAR string, %c a TCHAR, %S a narrow string");
        CHECK(weq(line, "feed:42:x:narrow"), "... formatted as Windows formats them");
        for (i = 0; i < 1099; i++)
            long_arg[i] = 'a';
        long_arg[1099] = 0;
        CHECK_EQ(wsprintf(line, _T("%s"), long_arg), 1024, "wsprintf (W) stops at 1024 characters");
        CHECK_EQ(line[1024], 0, "... NUL-terminated");
    }
    return check_done();
}

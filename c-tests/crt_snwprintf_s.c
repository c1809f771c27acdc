/* A Unicode service's event text, written the way Visual Studio's deprecation warnings steered
 * it: _snwprintf_s(buf, _countof(buf), _TRUNCATE, L"...") for a line cut to the buffer (-1 when
 * cut, the text always terminated), a count smaller than the buffer to keep a column narrow,
 * and a v form behind the service's own logging function. */
#include <winsock2.h>
#include <windows.h>
#include <stdio.h>
#include <stdarg.h>
#include <wchar.h>
#include <errno.h>
#include "check.h"

static int log_event(wchar_t *out, size_t size, const wchar_t *fmt, ...)
{
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = _vsnwprintf_s(out, size, _TRUNCATE, fmt, ap);
    va_end(ap);
    return n;
}

int main(void)
{
    wchar_t line[16], col[8];
    int n;

    n = _snwprintf_s(line, _countof(line), _TRUNCATE, L"%s:%u", L"svc", 42u);
    CHECK_EQ(n, 6, "a line that fits returns its length");
    CHECK(wcscmp(line, L"svc:42") == 0, "%s is a wide string");

    n = _snwprintf_s(line, _countof(line), _TRUNCATE, L"listening on %S port %d", "0.0.0.0", 5150);
    CHECK_EQ(n, -1, "a longer line is cut: -1");
    CHECK(wcscmp(line, L"listening on 0.") == 0, "cut to 15 characters and a NUL");

    n = _snwprintf_s(line, _countof(line), _TRUNCATE, L"%015d", 7);
    CHECK_EQ(n, 15, "15 characters fit a 16-character buffer");

    n = _snwprintf_s(col, _countof(col), 3, L"%s", L"status");
    CHECK_EQ(n, -1, "a count of 3 cuts the column: -1");
    CHECK(wcscmp(col, L"sta") == 0, "3 characters and a NUL");
    n = _snwprintf_s(col, _countof(col), 6, L"%d", 12);
    CHECK_EQ(n, 2, "a short value under the count returns its length");

    errno = 0;
    n = _snwprintf_s(col, _countof(col), 10, L"%s", L"too long for it");
    CHECK(n == -1 && errno == ERANGE && col[0] == L'\0', "count past the buffer and no room: -1, ERANGE, emptied");
    errno = 0;
    n = _snwprintf_s(NULL, 4, _TRUNCATE, L"x");
    CHECK(n == -1 && errno == EINVAL, "a NULL buffer is EINVAL");

    n = log_event(line, _countof(line), L"%-5s|%5I64u|", L"rx", (unsigned __int64)1024);
    CHECK_EQ(n, 12, "the v form behind the logging function");
    CHECK(wcscmp(line, L"rx   | 1024|") == 0, "with width and I64");
    n = log_event(line, 4, L"%s", L"abcdef");
    CHECK(n == -1 && wcscmp(line, L"abc") == 0, "the v form cuts with _TRUNCATE too");
    return check_done();
}

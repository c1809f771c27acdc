/* A Visual C++ 6 era status line builder kept building with later compilers by defining
 * _CRT_NON_CONFORMING_SWPRINTFS (swprintf without a count, as before Visual C++ 2005) ahead of
 * <windows.h>, then including <wchar.h> for wcslen: the peer's address and port go into a
 * wchar_t buffer with swprintf(buf, fmt, ...) and vswprintf(buf, fmt, ap), %s a wide string.
 * <windows.h> reads the C library's <wchar.h> itself, and the second <wchar.h> must not
 * declare swprintf again with ISO C's count. */
#define _CRT_NON_CONFORMING_SWPRINTFS
#include <winsock2.h>
#include <windows.h>
#include <wchar.h>
#include <stdarg.h>
#include <string.h>
#include "check.h"

static int status_line(wchar_t *out, const wchar_t *fmt, ...)
{
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = vswprintf(out, fmt, ap);
    va_end(ap);
    return n;
}

int main(void)
{
    wchar_t line[128];
    int n;

    n = swprintf(line, L"peer %s:%d", L"10.0.0.7", 5150);
    CHECK_EQ(n, 18, "swprintf without a count returns the characters written");
    CHECK(wcscmp(line, L"peer 10.0.0.7:5150") == 0, "swprintf formats %s as a wide string");
    CHECK_EQ(wcslen(line), 18, "wcslen from the program's <wchar.h> sees the NUL");

    n = status_line(line, L"%-6s|%5I64u|%S", L"recv", (unsigned __int64)4096, "ok");
    CHECK_EQ(n, 15, "vswprintf without a count returns the characters written");
    CHECK(wcscmp(line, L"recv  | 4096|ok") == 0, "vswprintf: width, I64 and a narrow %S");
    return check_done();
}

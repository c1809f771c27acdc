/* A Unicode configuration reader of the Visual C++ kind: each L"key=value" line of its settings
 * is split with swscanf(line, L"%[^=]=%s", key, value) into wchar_t buffers, numbers with %d
 * and %I64u, a one-letter flag with %c, and a narrow tag with %S. In Microsoft's wide scanf %s,
 * %c and %[ fill wchar_t buffers (the C library's swscanf would store char strings there). The
 * v form is behind the reader's own helper. */
#include <winsock2.h>
#include <windows.h>
#include <stdio.h>
#include <stdarg.h>
#include <string.h>
#include <wchar.h>
#include "check.h"

static int read_line(const wchar_t *line, const wchar_t *fmt, ...)
{
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = vswscanf(line, fmt, ap);
    va_end(ap);
    return n;
}

int main(void)
{
    wchar_t key[32], value[64], flag = 0;
    char tag[16];
    int port = 0, used = 0;
    unsigned __int64 quota = 0;

    CHECK_EQ(swscanf(L"server=relais.example", L"%[^=]=%s", key, value), 2, "key and value");
    CHECK(wcscmp(key, L"server") == 0, "%[^=] fills a wchar_t buffer");
    CHECK(wcscmp(value, L"relais.example") == 0, "%s fills a wchar_t buffer");

    CHECK_EQ(swscanf(L"port = 5150", L"%s = %d", key, &port), 2, "a word and a number");
    CHECK(wcscmp(key, L"port") == 0 && port == 5150, "port 5150");

    CHECK_EQ(swscanf(L"quota=10737418240 mode=R", L"quota=%I64u mode=%c", &quota, &flag), 2, "%I64u and %c");
    CHECK(quota == 10737418240ULL, "a 64-bit quota");
    CHECK(flag == L'R', "%c fills one wchar_t");

    CHECK_EQ(read_line(L"tag=lab-3 \u00e9t\u00e9", L"tag=%S %ls%n", tag, value, &used), 2, "the v form: %S then %ls");
    CHECK(strcmp(tag, "lab-3") == 0, "%S fills a char buffer");
    CHECK(wcscmp(value, L"\u00e9t\u00e9") == 0, "%ls is a wide string too, accents kept");
    CHECK(used > 0, "%n is stored");

    CHECK_EQ(swscanf(L"", L"%d", &port), EOF, "an empty line is EOF");
    CHECK_EQ(swscanf(L"name", L"%d", &port), 0, "a word where a number is wanted: 0");
    return check_done();
}

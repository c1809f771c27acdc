/* FormatMessage as error-reporting helpers use it: inserts read from the helper's own
 * va_list (a variadic helper that passes &args, and a v-helper that receives a va_list and
 * passes &args), printf-style insert specs, line wrapping, and Windows' answers for an empty
 * result, a short buffer and a bad template (docs/WINDOWS.md §10.7). */
#include <winsock2.h>
#include <windows.h>
#include <stdarg.h>
#include <string.h>
#include "check.h"

#ifndef ERROR_NO_WORK_DONE /* mingw-w64's <winerror.h> lacks it (Windows' has 235) */
#define ERROR_NO_WORK_DONE 235L
#endif

static char last_text[512];

/* The v-helper: args is a parameter here. */
static DWORD vreport(const char *fmt, va_list args)
{
    return FormatMessageA(FORMAT_MESSAGE_FROM_STRING, fmt, 0, 0, last_text, sizeof(last_text), &args);
}

/* The variadic helper: args is a local it starts itself. */
static DWORD report(const char *fmt, ...)
{
    va_list args;
    DWORD n;
    va_start(args, fmt);
    n = FormatMessageA(FORMAT_MESSAGE_FROM_STRING, fmt, 0, 0, last_text, sizeof(last_text), &args);
    va_end(args);
    return n;
}

static DWORD report_via_v(const char *fmt, ...)
{
    va_list args;
    DWORD n;
    va_start(args, fmt);
    n = vreport(fmt, args);
    va_end(args);
    return n;
}

static DWORD wide_report(WCHAR *out, DWORD size, const WCHAR *fmt, ...)
{
    va_list args;
    DWORD n;
    va_start(args, fmt);
    n = FormatMessageW(FORMAT_MESSAGE_FROM_STRING, fmt, 0, 0, out, size, &args);
    va_end(args);
    return n;
}

/* A WCHAR copy of an ASCII string (the test's own literals). */
static const WCHAR *W(const char *s)
{
    static WCHAR bufs[4][128];
    static int next;
    WCHAR *w = bufs[next++ % 4];
    size_t i;
    for (i = 0; s[i] && i < 127; i++)
        w[i] = (WCHAR)(unsigned char)s[i];
    w[i] = 0;
    return w;
}

static int wide_is(const WCHAR *w, const char *s)
{
    size_t i;
    for (i = 0; s[i]; i++)
        if (w[i] != (WCHAR)(unsigned char)s[i])
            return 0;
    return w[i] == 0;
}

static void test_va_list_inserts(void)
{
    DWORD n;
    n = report("%1 failed on port %2!d! (error %3!lu!)", "bind", 5150, 10048ul);
    CHECK(n == strlen(last_text) && strcmp(last_text, "bind failed on port 5150 (error 10048)") == 0,
          "a variadic helper's &args gives the inserts");
    n = report_via_v("%2!s!:%1!u!", 80, "host");
    CHECK(n > 0 && strcmp(last_text, "host:80") == 0, "a va_list parameter's &args gives them too, in any order");
    report("[%1!5d!][%2!-5d!][%3!05x!][%4!X!][%5!c!]", 42, -7, 255, 0xbeefu, 'Z');
    CHECK(strcmp(last_text, "[   42][-7   ][000ff][BEEF][Z]") == 0, "width, left, zero pad, hex, char");
    report("%1!I64u! %2!I64d!", (unsigned __int64)18446744073709551615ull, (__int64)-5);
    CHECK(strcmp(last_text, "18446744073709551615 -5") == 0, "I64 numbers");
    /* With a va_list, Windows numbers the argument after a %1!*.*u! (three arguments) %3. */
    report("%1!*.*u!,%3!s!", 6, 4, 2, "end");
    CHECK(strcmp(last_text, "  0002,end") == 0, "width and precision from the arguments");
    report("%1!.3s!|%2!10s!|%3", "abcdef", "r", NULL);
    CHECK(strcmp(last_text, "abc|         r|(null)") == 0, "string precision and width; NULL is (null)");
    report("%1!S!-%2!ls!", W("wide"), W("also"));
    CHECK(strcmp(last_text, "wide-also") == 0, "S and ls insert WCHAR strings in FormatMessageA");
}

static void test_escapes_and_wrapping(void)
{
    char buf[128];
    DWORD n;
    n = FormatMessageA(FORMAT_MESSAGE_FROM_STRING | FORMAT_MESSAGE_IGNORE_INSERTS, "50%% %.%! done%nnext%0ignored", 0, 0,
                       buf, sizeof(buf), NULL);
    CHECK(n == 20 && strcmp(buf, "50%% %.%! done\r\nnext") == 0, "IGNORE_INSERTS keeps %% %. %!, expands %n, stops at %0");
    n = report("50%% %.%! done");
    CHECK(n == 11 && strcmp(last_text, "50% .! done") == 0, "without it they are the character");
    n = FormatMessageA(FORMAT_MESSAGE_FROM_STRING | 11, "short long line", 0, 0, buf, sizeof(buf), NULL);
    CHECK(n == 16 && strcmp(buf, "short long\r\nline") == 0, "a width wraps at the last space");
    n = FormatMessageA(FORMAT_MESSAGE_FROM_STRING | 8, "shortlongline", 0, 0, buf, sizeof(buf), NULL);
    CHECK(n == 15 && strcmp(buf, "shortlon\r\ngline") == 0, "a word longer than the width is cut");
    n = FormatMessageA(FORMAT_MESSAGE_FROM_STRING, "a\rb\nc", 0, 0, buf, sizeof(buf), NULL);
    CHECK(n == 7 && strcmp(buf, "a\r\nb\r\nc") == 0, "a lone CR or LF becomes CRLF");
}

static void test_errors(void)
{
    char buf[64];
    char *alloc = (char *)1;
    WCHAR wbuf[8];
    DWORD n;

    memcpy(buf, "xxxxx", 6);
    SetLastError(0);
    n = FormatMessageA(FORMAT_MESSAGE_FROM_STRING, "", 0, 0, buf, sizeof(buf), NULL);
    CHECK_EQ(n, 0, "an empty message returns 0");
    CHECK_EQ(GetLastError(), ERROR_NO_WORK_DONE, "... with ERROR_NO_WORK_DONE");
    CHECK(strcmp(buf, "xxxxx") == 0, "... and leaves FormatMessageA's buffer alone");

    n = FormatMessageA(FORMAT_MESSAGE_FROM_STRING | FORMAT_MESSAGE_ALLOCATE_BUFFER, "", 0, 0, (LPSTR)&alloc, 0, NULL);
    CHECK(n == 0 && alloc == NULL, "ALLOCATE_BUFFER stores NULL when there is no message");

    SetLastError(0);
    n = FormatMessageA(FORMAT_MESSAGE_FROM_STRING, "50%", 0, 0, buf, sizeof(buf), NULL);
    CHECK_EQ(n, 0, "a template ending in % fails");
    CHECK_EQ(GetLastError(), ERROR_INVALID_PARAMETER, "... with ERROR_INVALID_PARAMETER");
    n = FormatMessageA(FORMAT_MESSAGE_FROM_STRING, "%1", 0, 0, buf, sizeof(buf), NULL);
    CHECK(n == 0 && GetLastError() == ERROR_INVALID_PARAMETER, "an insert without arguments fails");

    SetLastError(0);
    n = FormatMessageW(FORMAT_MESSAGE_FROM_STRING, W("message"), 0, 0, wbuf, 4, NULL);
    CHECK_EQ(n, 0, "FormatMessageW with a short buffer fails");
    CHECK_EQ(GetLastError(), ERROR_INSUFFICIENT_BUFFER, "... with ERROR_INSUFFICIENT_BUFFER");
    CHECK(wide_is(wbuf, "mes"), "... leaving the message cut to the buffer");
    n = wide_report(wbuf, 8, W("%1!s!=%2!u!"), W("n"), 12345u);
    CHECK(n == 7 && wide_is(wbuf, "n=12345"), "FormatMessageW reads WCHAR inserts from its va_list");

    n = FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, NULL, 0x80070005u /* E_ACCESSDENIED */,
                       0, buf, sizeof(buf), NULL);
    CHECK(n > 0 && strcmp(buf, "Access is denied.\r\n") == 0, "a Win32 HRESULT has its code's text");
    n = FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_ALLOCATE_BUFFER, NULL, ERROR_BAD_EXE_FORMAT, 0,
                       (LPSTR)&alloc, 0, NULL);
    CHECK(n == 0 && alloc == NULL, "a system message with an insert needs arguments (or IGNORE_INSERTS)");
}

int main(void)
{
    test_va_list_inserts();
    test_escapes_and_wrapping();
    test_errors();
    return check_done();
}

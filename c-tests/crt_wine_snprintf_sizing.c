/* A logger that sizes its buffer first, the way Windows programs written before _scprintf do
 * it: n = _snprintf(NULL, 0, fmt, ...) (or _vsnprintf / _snwprintf in the variadic helper),
 * malloc(n + 1), then format for real. Microsoft's documentation and Wine's ucrtbase printf.c
 * tests (test_snprintf, test_swprintf: a NULL buffer of count 0 returns the length in every
 * mode) agree: the call returns the length the text needs. The C library's vsnprintf agrees,
 * but ws2mp's _snprintf returned -1 there (as for any cut output), so the logger allocated 0
 * bytes and wrote past them. Also checked: _vsnprintf_s with _TRUNCATE into ever smaller
 * buffers (Wine's test_vsnprintf_s and test_vsnwprintf_s) and the legacy _snprintf ends. */
#include <windows.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include "check.h"

/* The logger's helper: a malloc'd line, or NULL. */
static char *format_line(int *need, const char *fmt, ...)
{
    va_list ap;
    char *line;
    int n;
    va_start(ap, fmt);
    n = _vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    *need = n;
    if (n < 0)
        return NULL;
    line = (char *)malloc((size_t)n + 1);
    if (line == NULL)
        return NULL;
    va_start(ap, fmt);
    _vsnprintf(line, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return line;
}

static int vsnprintf_s_of(char *buf, size_t size, size_t count, const char *fmt, ...)
{
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = _vsnprintf_s(buf, size, count, fmt, ap);
    va_end(ap);
    return n;
}

static int vsnwprintf_s_of(wchar_t *buf, size_t size, size_t count, const wchar_t *fmt, ...)
{
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = _vsnwprintf_s(buf, size, count, fmt, ap);
    va_end(ap);
    return n;
}

int main(void)
{
    char buf[14], *line;
    wchar_t wbuf[14];
    int need = -2, n;
    static const char *const texts[] = {"short", "justfit", "justfits", "muchlonger"};
    size_t i;

    CHECK_EQ(_snprintf(NULL, 0, "%s:%d", "gateway", 8080), 12, "_snprintf(NULL, 0, ...) is the length needed");
    CHECK_EQ(_snprintf(NULL, 0, "%I64u", (unsigned __int64)18446744073709551615ULL), 20,
             "with Microsoft's %I64u too");
    CHECK_EQ(_snwprintf(NULL, 0, L"%d-%d", 10, 200), 6, "_snwprintf(NULL, 0, ...) likewise");
    memset(buf, 'x', sizeof buf);
    CHECK_EQ(_snprintf(buf, 0, "%s", "abc"), -1, "a real buffer of count 0 is -1");
    CHECK_EQ(buf[0], 'x', "and nothing is written");

    line = format_line(&need, "%s peer=%s port=%u", "accept", "127.0.0.1", 5150u);
    CHECK_EQ(need, 31, "the logger's sizing call returns 31");
    CHECK(line != NULL && strcmp(line, "accept peer=127.0.0.1 port=5150") == 0 && strlen(line) == 31,
          "and the line fits the buffer it sized");
    free(line);

    /* The legacy ends into 8 bytes: the length with a NUL, exactly 8 without, -1 when cut. */
    for (i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        size_t len = strlen(texts[i]);
        memset(buf, 'x', sizeof buf);
        n = _snprintf(buf, 8, "%s", texts[i]);
        if (len < 8)
            CHECK(n == (int)len && strcmp(buf, texts[i]) == 0, "a short text: its length, terminated");
        else if (len == 8)
            CHECK(n == 8 && memcmp(buf, texts[i], 8) == 0 && buf[8] == 'x', "exactly 8: 8, no NUL");
        else
            CHECK(n == -1 && memcmp(buf, texts[i], 8) == 0 && buf[8] == 'x', "longer: -1, 8 bytes, no NUL");
    }

    /* _vsnprintf_s with _TRUNCATE: "AB123C" into 14, 12, 7 fits; 6, 2, 1 cut and -1. */
    CHECK(vsnprintf_s_of(buf, 14, _TRUNCATE, "AB%uC", 123u) == 6 && strcmp(buf, "AB123C") == 0, "14 bytes: 6");
    CHECK(vsnprintf_s_of(buf, 12, _TRUNCATE, "AB%uC", 123u) == 6 && strcmp(buf, "AB123C") == 0, "12 bytes: 6");
    CHECK(vsnprintf_s_of(buf, 7, _TRUNCATE, "AB%uC", 123u) == 6 && strcmp(buf, "AB123C") == 0, "7 bytes: 6");
    CHECK(vsnprintf_s_of(buf, 6, _TRUNCATE, "AB%uC", 123u) == -1 && strcmp(buf, "AB123") == 0, "6 bytes: -1, AB123");
    CHECK(vsnprintf_s_of(buf, 2, _TRUNCATE, "AB%uC", 123u) == -1 && strcmp(buf, "A") == 0, "2 bytes: -1, A");
    CHECK(vsnprintf_s_of(buf, 1, _TRUNCATE, "AB%uC", 123u) == -1 && buf[0] == '\0', "1 byte: -1, empty");
    CHECK(vsnwprintf_s_of(wbuf, 7, _TRUNCATE, L"AB%uC", 123u) == 6 && wcscmp(wbuf, L"AB123C") == 0,
          "_vsnwprintf_s into 7 characters: 6");
    CHECK(vsnwprintf_s_of(wbuf, 6, _TRUNCATE, L"AB%uC", 123u) == -1 && wcscmp(wbuf, L"AB123") == 0,
          "into 6: -1, AB123");
    CHECK(vsnwprintf_s_of(wbuf, 1, _TRUNCATE, L"AB%uC", 123u) == -1 && wbuf[0] == L'\0', "into 1: -1, empty");
    return check_done();
}

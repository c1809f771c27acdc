/* The helper file of a Windows program that includes only the C library's headers and calls
 * the names MSVC's C library declares there: a logger that formats with vsprintf_s, a
 * timestamp from _strtime_s / localtime_s, _snprintf into a fixed line, strcpy_s / strcat_s,
 * _stricmp on a command word, _itoa / _strdup / _strupr; strerror_s, _putenv / getenv_s /
 * _dupenv_s, _mkgmtime, asctime_s, _aligned_malloc, and the wide wcscpy_s / wcscat_s / _wcsicmp;
 * a packet checksum with _rotl / _rotr64 / _lrotl, _byteswap_* for the wire order, _countof over
 * a table, and <float.h>'s _isnan / _finite on a parsed reading.
 * No Windows header is included. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <errno.h>
#include <wchar.h>
#include <float.h>
#include "check.h"

/* The protocol's checksum: a rotate-and-add over the packet's words, sent big-endian. */
static unsigned long packet_checksum(const unsigned int *words, size_t count)
{
    unsigned int sum = 0x9E3779B9u;
    size_t i;
    for (i = 0; i < count; i++)
        sum = _rotl(sum, 5) + words[i];
    return _byteswap_ulong((unsigned long)sum);
}

static char g_line[256];

/* The logger's printf: formats into its own buffer, as a tee class does. */
static int log_line(const char *format, ...)
{
    char buffer[128];
    va_list args;
    int n;
    va_start(args, format);
    n = vsprintf_s(buffer, sizeof(buffer), format, args);
    va_end(args);
    strcpy_s(g_line, sizeof(g_line), "log: ");
    strcat_s(g_line, sizeof(g_line), buffer);
    return n;
}

int main(void)
{
    char timeStr[9];
    char small[8];
    char num[34];
    char *copy;
    struct tm tmv;
    time_t now = 86400 * 365;
    int n;
    errno_t e;

    n = log_line("%s:%d", "port", 8080);
    CHECK_EQ(n, 9, "vsprintf_s returns the length written");
    CHECK(strcmp(g_line, "log: port:8080") == 0, "strcpy_s + strcat_s build the line");

    n = sprintf_s(small, sizeof(small), "%d", 1234567);
    CHECK_EQ(n, 7, "sprintf_s that fits returns its length");
    CHECK(strcmp(small, "1234567") == 0, "... and writes it");

    memset(small, 'x', sizeof(small));
    n = _snprintf(small, sizeof(small), "%s", "0123456789");
    CHECK_EQ(n, -1, "_snprintf returns -1 when the output is cut");
    CHECK(memcmp(small, "01234567", 8) == 0, "... after filling the buffer, without a NUL");
    n = _snprintf(small, sizeof(small), "%d", 42);
    CHECK_EQ(n, 2, "_snprintf that fits returns its length");
    CHECK(strcmp(small, "42") == 0, "... and ends the string");
    n = _snprintf_s(small, sizeof(small), _TRUNCATE, "%s", "0123456789");
    CHECK_EQ(n, -1, "_snprintf_s(_TRUNCATE) returns -1 when it cuts");
    CHECK(strcmp(small, "0123456") == 0, "... and ends the cut string");

    CHECK_EQ(_stricmp("QUIT", "quit"), 0, "_stricmp ignores case");
    CHECK(_strnicmp("HELO host", "helo", 4) == 0, "_strnicmp compares a prefix");
    CHECK(_stricmp("abc", "abd") < 0, "_stricmp orders");

    CHECK(strcmp(_itoa(-255, num, 16), "ffffff01") == 0, "_itoa of a negative value in base 16");
    CHECK(strcmp(_itoa(-255, num, 10), "-255") == 0, "_itoa in base 10 has the sign");
    copy = _strdup("MixedCase");
    REQUIRE(copy != NULL, "_strdup");
    CHECK(strcmp(_strupr(copy), "MIXEDCASE") == 0, "_strupr");
    free(copy);

    e = localtime_s(&tmv, &now);
    CHECK_EQ(e, 0, "localtime_s (the result first) returns 0");
    CHECK_EQ(tmv.tm_year, 71, "... and fills the structure");
    CHECK_EQ(localtime_s(&tmv, NULL), EINVAL, "localtime_s with no time is EINVAL");
    e = _strtime_s(timeStr, sizeof(timeStr));
    CHECK_EQ(e, 0, "_strtime_s returns 0");
    CHECK(strlen(timeStr) == 8 && timeStr[2] == ':' && timeStr[5] == ':', "... hh:mm:ss");
    CHECK_EQ(_strtime_s(timeStr, 8), ERANGE, "_strtime_s into 8 bytes is ERANGE");

    {
        char msg[64], val[16];
        size_t len = 0;
        char *dup = NULL;
        wchar_t w[8];
        struct tm utc;
        time_t epoch = 0;
        void *aligned;
        CHECK_EQ(strerror_s(msg, sizeof(msg), ENOENT), 0, "strerror_s");
        CHECK(strlen(msg) > 0 && strlen(msg) < sizeof(msg), "... writes a message");
        CHECK_EQ(_putenv("WS2MP_CRT_TEST=42"), 0, "_putenv sets a variable");
        CHECK_EQ(getenv_s(&len, val, sizeof(val), "WS2MP_CRT_TEST"), 0, "getenv_s");
        CHECK(strcmp(val, "42") == 0 && len == 3, "... reads it with its size (NUL included)");
        CHECK_EQ(getenv_s(&len, val, 2, "WS2MP_CRT_TEST"), ERANGE, "getenv_s into a short buffer is ERANGE");
        CHECK_EQ(len, 3, "... and says the size needed");
#ifndef _WIN32 /* mingw-w64's msvcrt has no _dupenv_s */
        CHECK(_dupenv_s(&dup, &len, "WS2MP_CRT_TEST") == 0 && dup != NULL && strcmp(dup, "42") == 0,
              "_dupenv_s copies it");
        free(dup);
#else
        (void)dup;
#endif
        CHECK_EQ(_putenv("WS2MP_CRT_TEST="), 0, "_putenv(\"NAME=\") removes it");
        CHECK(getenv("WS2MP_CRT_TEST") == NULL, "... it is gone");
        CHECK(gmtime_s(&utc, &epoch) == 0 && _mkgmtime(&utc) == 0, "_mkgmtime is gmtime's inverse");
        CHECK(asctime_s(msg, sizeof(msg), &utc) == 0 && strcmp(msg, "Thu Jan 01 00:00:00 1970\n") == 0,
              "asctime_s");
        aligned = _aligned_malloc(100, 64);
        CHECK(aligned != NULL && ((size_t)aligned % 64) == 0, "_aligned_malloc aligns");
        _aligned_free(aligned);
        CHECK(wcscpy_s(w, 8, L"abc") == 0 && wcscat_s(w, 8, L"de") == 0 && wcscmp(w, L"abcde") == 0,
              "wcscpy_s and wcscat_s");
        CHECK_EQ(wcscat_s(w, 8, L"xyz"), ERANGE, "wcscat_s past the end is ERANGE");
        CHECK_EQ(_wcsicmp(L"Hello", L"hELLO"), 0, "_wcsicmp ignores case");
    }
    {
        static const unsigned int packet[] = {1u, 2u, 3u};
        unsigned int sum = 0x9E3779B9u;
        size_t i;
        double reading = strtod("nan", NULL);
        for (i = 0; i < 3; i++)
            sum = ((sum << 5) | (sum >> 27)) + packet[i];
        CHECK_EQ(_countof(packet), 3, "_countof counts a table's elements");
        CHECK(packet_checksum(packet, _countof(packet)) ==
                  (((sum & 0xFFu) << 24) | ((sum & 0xFF00u) << 8) | ((sum >> 8) & 0xFF00u) | (sum >> 24)),
              "_rotl and _byteswap_ulong make the wire checksum");
        CHECK(_rotl(0x80000001u, 1) == 3u && _rotr(3u, 1) == 0x80000001u && _rotl(1u, 33) == 2u,
              "_rotl / _rotr rotate 32 bits (the count taken mod 32)");
        CHECK(_lrotl(0x80000000ul, 1) == 1ul && _lrotr(1ul, 1) == 0x80000000ul,
              "_lrotl / _lrotr rotate 32 bits, as Microsoft's 32-bit unsigned long");
        CHECK(_rotl64(0x8000000000000000ull, 1) == 1ull && _rotr64(1ull, 4) == 0x1000000000000000ull,
              "_rotl64 / _rotr64 rotate 64 bits");
        CHECK(_byteswap_ushort(0x1234) == 0x3412 &&
                  _byteswap_uint64(0x0102030405060708ull) == 0x0807060504030201ull,
              "_byteswap_ushort and _byteswap_uint64");
        CHECK(_isnan(reading) && !_finite(reading) && _finite(1.5) && !_isnan(1.5),
              "<float.h>'s _isnan and _finite on a parsed reading");
    }
    return check_done();
}

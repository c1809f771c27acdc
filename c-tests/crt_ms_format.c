/* ws2mp-test: no-mingw */ /* mingw-w64 formats with its ISO printf here (__USE_MINGW_ANSI_STDIO), whose format check rejects %I64d: MSVC's C library is what these programs were written for */
/* The Microsoft C library's printf/scanf length modifiers, the way a Windows server prints its
 * counters: %I64d / %I64u / %I64x for the 64-bit totals, %Iu for a SIZE_T, %I32d for a 32-bit
 * value, through printf, fprintf, sprintf, _snprintf, sprintf_s, StringCchPrintfA and wsprintfA,
 * and read back with sscanf / fscanf. The C library would read I as a flag and 64 as a width. */
#include <winsock2.h>
#include <windows.h>
#define STRSAFE_NO_DEPRECATE /* sprintf & co. next to StringCchPrintf, as on Windows */
#include <strsafe.h>
#include <stdio.h>
#include <string.h>
#include "check.h"

static char g_log[256];

/* A logging helper of the usual shape: its own va_list formatting. */
static void log_line(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(g_log, sizeof g_log, fmt, ap);
    va_end(ap);
}

int main(void)
{
    char buf[512];
    char longfmt[400];
    __int64 total = 1234567890123LL;
    unsigned __int64 bytes = 18446744073709551615ULL;
    SIZE_T len = (SIZE_T)5000000000ULL;
    DWORD dw = 4000000000u;
    __int64 back = 0;
    unsigned __int64 uback = 0;
    int tail = 0, n;
    FILE *f;

    n = sprintf(buf, "%I64d|%I64u|%I64x|%I64X|%s", total, bytes, (unsigned __int64)0xABCDEF0123ULL,
                (unsigned __int64)0xABCDEF0123ULL, "end");
    CHECK(strcmp(buf, "1234567890123|18446744073709551615|abcdef0123|ABCDEF0123|end") == 0,
          "sprintf: %I64d, %I64u, %I64x, %I64X and the argument after them");
    CHECK_EQ(n, (int)strlen(buf), "sprintf returns the length");

    sprintf(buf, "[%20I64d] [%-6I64d] [%016I64X] [%+I64d]", total, (__int64)-42, (unsigned __int64)255,
            (__int64)7);
    CHECK(strcmp(buf, "[       1234567890123] [-42   ] [00000000000000FF] [+7]") == 0,
          "flags and widths before I64");

    sprintf(buf, "%Iu %Id %I32d %I32u %lu", len, (SSIZE_T)-3, (int)-5, dw, (unsigned long)dw);
    CHECK(strcmp(buf, "5000000000 -3 -5 4000000000 4000000000") == 0,
          "%Iu / %Id are pointer-sized, %I32d / %I32u 32-bit");

    {
        LONG neg = -5;
        DWORD a = 1, b = 2, c = 3, d = 4, e = 5, big = 0xFFFFFFF0u;
        sprintf(buf, "%ld %lu %lu %lu %lu %lu %lu %lx", neg, a, b, c, d, e, big, big);
        CHECK(strcmp(buf, "-5 1 2 3 4 5 4294967280 fffffff0") == 0,
              "%ld / %lu / %lx read Microsoft's 32-bit long (LONG, DWORD), also from the stack");
        sprintf(buf, "%lld %lf %ls", (long long)-7, 0.5, L"w");
        CHECK(strcmp(buf, "-7 0.500000 w") == 0, "%lld, %lf and %ls keep their meaning");
    }

    sprintf(buf, "100%% %%I64d %c %5.1f %s", 'x', 2.25, "ok");
    CHECK(strcmp(buf, "100% %I64d x   2.2 ok") == 0 || strcmp(buf, "100% %I64d x   2.3 ok") == 0,
          "%% is a percent sign, a format without Microsoft modifiers is untouched");

    n = _snprintf(buf, 8, "%I64d", total);
    CHECK_EQ(n, -1, "_snprintf cut with I64: -1");
    CHECK(memcmp(buf, "12345678", 8) == 0, "... the first count characters");
    CHECK_EQ(sprintf_s(buf, sizeof buf, "%I64u bytes", bytes), 26, "sprintf_s with I64");
    CHECK(strcmp(buf, "18446744073709551615 bytes") == 0, "... writes it");
    CHECK(StringCchPrintfA(buf, 64, "%I64d/%Iu", total, len) == S_OK, "StringCchPrintfA with I64");
    CHECK(strcmp(buf, "1234567890123/5000000000") == 0, "... writes it");
    n = snprintf(buf, 6, "%I64d", total);
    CHECK_EQ(n, 13, "snprintf returns the full length");
    CHECK(strcmp(buf, "12345") == 0, "... and cuts with a NUL");
    wsprintfA(buf, "%I64d", total);
    CHECK(strcmp(buf, "1234567890123") == 0, "wsprintfA with I64");
    log_line("sent %I64u in %I32d packets", bytes, 3);
    CHECK(strcmp(g_log, "sent 18446744073709551615 in 3 packets") == 0, "vsnprintf in a log helper");

    /* A format longer than the wrappers' stack buffer. */
    memset(longfmt, 'a', 300);
    strcpy(longfmt + 300, "%I64d|%I64d");
    sprintf(buf, longfmt, total, (__int64)-1);
    CHECK(strlen(buf) == 300 + 16 && strcmp(buf + 300, "1234567890123|-1") == 0,
          "a 311-character format with I64");

    CHECK_EQ(sscanf("1234567890123 18446744073709551615 9", "%I64d %I64u %d", &back, &uback, &tail), 3,
             "sscanf with %I64d and %I64u");
    CHECK(back == total && uback == bytes && tail == 9, "... fills the whole 64-bit values");
    back = 0;
    CHECK_EQ(sscanf("77 ff", "%*I64d %I64x", &back), 1, "sscanf with a suppressed %*I64d");
    CHECK(back == 0xff, "... then %I64x");

    f = tmpfile();
    REQUIRE(f != NULL, "tmpfile");
    CHECK_EQ(fprintf(f, "total=%I64d\n", total), 20, "fprintf with I64");
    rewind(f);
    back = 0;
    CHECK_EQ(fscanf(f, "total=%I64d", &back), 1, "fscanf with I64");
    CHECK(back == total, "... reads it back");
    fclose(f);

    n = printf("transferred %I64u bytes (%Iu in the last block)\n", bytes, len);
    CHECK_EQ(n, 70, "printf with I64 and I returns the length printed");
    return check_done();
}

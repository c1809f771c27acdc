/* Microsoft's %p, the way Windows programs log their handles and buffers: "socket handle =
 * 0x%p", "overlapped %p done", through printf, sprintf, _snprintf, sprintf_s, fprintf to a log
 * file, StringCchPrintfA, wsprintfA and a va_list logging helper, and in the wide functions
 * (StringCchPrintfW, swprintf). Microsoft's C library prints the address as upper-case
 * hexadecimal zero-padded to the pointer's width (16 digits on 64-bit Windows), "0X" first with
 * the # flag, NULL as zeros; the C library's own %p would print "0x39" and "(nil)". */
#include <winsock2.h>
#include <windows.h>
#define STRSAFE_NO_DEPRECATE /* sprintf & co. next to StringCchPrintf, as on Windows */
#include <strsafe.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>
#include "check.h"
#include "wide.h"

static char g_log[256];

/* A logging helper of the usual shape: its own va_list formatting. */
static void log_line(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    _vsnprintf(g_log, sizeof g_log - 1, fmt, ap);
    g_log[sizeof g_log - 1] = '\0';
    va_end(ap);
}

/* Formats held in variables, as a program's message tables hold them. */
static const char *const k_alt = "[%#020p]";
static const char *const k_alt_left = "[%#-020p]";

int main(void)
{
    WSADATA wsa;
    SOCKET s;
    char buf[256], expect[64], hex[32];
    WCHAR wbuf[64];
    wchar_t cbuf[64];
    void *p57 = (void *)(ULONG_PTR)57;
    void *big = (void *)(ULONG_PTR)0xABCDEF12u;
    int digits = (int)(2 * sizeof(void *)), n, i;
    FILE *f;

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");

    /* The pointer's width in zeros, then the value's digits. */
    memset(expect, '0', (size_t)digits);
    strcpy(expect + digits - 2, "39");
    n = sprintf(buf, "%p", p57);
    CHECK(strcmp(buf, expect) == 0, "sprintf %p: upper-case hexadecimal zero-padded to the pointer's width");
    CHECK_EQ(n, digits, "sprintf %p returns the pointer's width in characters");

    memset(hex, '0', (size_t)digits);
    strcpy(hex + digits - 8, "ABCDEF12");
    _snprintf(buf, sizeof buf, "%p", big);
    CHECK(strcmp(buf, hex) == 0, "_snprintf %p: the digits A-F in upper case");

    sprintf_s(buf, sizeof buf, "[%p]", NULL);
    memset(expect, 0, sizeof expect);
    expect[0] = '[';
    memset(expect + 1, '0', (size_t)digits);
    expect[digits + 1] = ']';
    CHECK(strcmp(buf, expect) == 0, "sprintf_s %p of NULL is zeros, not (nil)");

    /* "0x%p", the common spelling: the 0x is the format's, the digits %p's. */
    s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    REQUIRE(s != INVALID_SOCKET, "socket");
    n = sprintf(buf, "socket handle = 0x%p", (void *)s);
    CHECK(strncmp(buf, "socket handle = 0x", 18) == 0 && strncmp(buf + 18, "0x", 2) != 0,
          "\"0x%p\" prints one 0x");
    CHECK_EQ(n, 18 + digits, "\"0x%p\" prints the pointer's width of digits after it");
    for (i = 18; i < n; i++) {
        if (!((buf[i] >= '0' && buf[i] <= '9') || (buf[i] >= 'A' && buf[i] <= 'F')))
            break;
    }
    CHECK_EQ(i, n, "the handle's digits are upper-case hexadecimal");
    closesocket(s);

    /* Flags and width: # puts 0X before the digits, a width pads with spaces (0 is ignored, as
     * the digits already fill the pointer's width), - pads on the right. */
    sprintf(buf, k_alt, p57);
    snprintf(expect, sizeof expect, "[%*s0X%0*d39]", 20 - digits - 2, "", digits - 2, 0);
    CHECK(strcmp(buf, expect) == 0, "%#020p: right-aligned 0X and the zero-padded digits");
    sprintf(buf, k_alt_left, p57);
    snprintf(expect, sizeof expect, "[0X%0*d39%*s]", digits - 2, 0, 20 - digits - 2, "");
    CHECK(strcmp(buf, expect) == 0, "%#-020p: left-aligned");
    sprintf(buf, "[%*p]", digits + 3, p57);
    snprintf(expect, sizeof expect, "[   %0*d39]", digits - 2, 0);
    CHECK(strcmp(buf, expect) == 0, "%*p: a width beyond the digits pads with spaces");

    /* Mixed with other conversions, through the logging helper and into a log file. */
    log_line("recv %d bytes into %p (%s)", 42, big, "ok");
    snprintf(expect, sizeof expect, "recv 42 bytes into %s (ok)", hex);
    CHECK(strcmp(g_log, expect) == 0, "_vsnprintf %p among %d and %s");

    f = tmpfile();
    REQUIRE(f != NULL, "tmpfile");
    fprintf(f, "buffer %p len %lu\n", big, (unsigned long)7);
    rewind(f);
    memset(buf, 0, sizeof buf);
    CHECK(fgets(buf, sizeof buf, f) != NULL, "the log line reads back");
    snprintf(expect, sizeof expect, "buffer %s len 7\n", hex);
    CHECK(strcmp(buf, expect) == 0, "fprintf %p to a log file");
    fclose(f);

    CHECK(StringCchPrintfA(buf, sizeof buf, "ctx=%p", big) == S_OK, "StringCchPrintfA");
    snprintf(expect, sizeof expect, "ctx=%s", hex);
    CHECK(strcmp(buf, expect) == 0, "StringCchPrintfA %p");

    /* The wide functions format %p the same way. */
    CHECK(StringCchPrintfW(wbuf, 64, W("%p"), big) == S_OK, "StringCchPrintfW");
    CHECK(weq(wbuf, hex), "StringCchPrintfW %p");
    n = swprintf(cbuf, 64, L"%p", p57);
    CHECK_EQ(n, digits, "swprintf %p gives the pointer's width of characters");
    CHECK(cbuf[digits - 2] == L'3' && cbuf[digits - 1] == L'9' && cbuf[0] == L'0', "swprintf %p digits");

    WSACleanup();
    return check_done();
}

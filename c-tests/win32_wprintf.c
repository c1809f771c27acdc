/* Wide printf as Windows programs write it (Microsoft's examples print everything with
 * wprintf): %s and %ws are wide strings, %S and %hs narrow ones, %c / %C likewise, I64 / I32 /
 * I length modifiers; printf and wprintf on the same stream, in order. The output is read
 * back from a file. */
#include <winsock2.h>
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include "check.h"

static FILE *g_out;

/* What the stream holds, from its start. */
static const char *contents(void)
{
    static char buf[512];
    size_t n;
    fflush(g_out);
    rewind(g_out);
    n = fread(buf, 1, sizeof(buf) - 1, g_out);
    buf[n] = '\0';
    rewind(g_out);
    return buf;
}

static int reset(void)
{
    fclose(g_out);
    g_out = tmpfile();
    return g_out != NULL;
}

int main(void)
{
    int n;
    __int64 big = (__int64)1 << 40;
    size_t sz = 12345;

    g_out = tmpfile();
    REQUIRE(g_out != NULL, "tmpfile");

    n = fwprintf(g_out, L"[%s] [%ws] [%ls]", L"wide", L"ws", L"ls");
    CHECK(strcmp(contents(), "[wide] [ws] [ls]") == 0, "%s, %ws and %ls take wide strings");
    CHECK_EQ(n, 16, "fwprintf returns the characters written");

    REQUIRE(reset(), "a fresh file");
    fwprintf(g_out, L"[%S] [%hs] [%c%C%hc%lc]", "narrow", "hs", L'a', 'b', 'c', L'd');
    CHECK(strcmp(contents(), "[narrow] [hs] [abcd]") == 0, "%S and %hs take narrow strings, %C a narrow char");

    REQUIRE(reset(), "a fresh file");
    fwprintf(g_out, L"%I64d %I64u %Iu %I32d %lld", big, (unsigned __int64)big, sz, 7, -1LL);
    CHECK(strcmp(contents(), "1099511627776 1099511627776 12345 7 -1") == 0, "I64, I and I32 length modifiers");

    REQUIRE(reset(), "a fresh file");
    fwprintf(g_out, L"%-5d|%*d|%.*s|%5.1f|%%|%x", 42, 4, 7, 3, L"abcdef", 2.25, 255);
    CHECK(strcmp(contents(), "42   |   7|abc|  2.2|%|ff") == 0 ||
              strcmp(contents(), "42   |   7|abc|  2.3|%|ff") == 0,
          "widths, precisions, * arguments and %% as in printf");

    REQUIRE(reset(), "a fresh file");
    fprintf(g_out, "narrow, ");
    fwprintf(g_out, L"%s, ", L"wide");
    fprintf(g_out, "narrow again");
    CHECK(strcmp(contents(), "narrow, wide, narrow again") == 0, "fprintf and fwprintf mix on one stream, in order");

    {
        /* The 16-bit strings of the W functions print with %s too. */
        SOCKADDR_IN sin;
        WCHAR text[64];
        DWORD len = 64;
        WSADATA wsaData;
        REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsaData) == 0, "WSAStartup");
        memset(&sin, 0, sizeof(sin));
        sin.sin_family = AF_INET;
        sin.sin_port = htons(8080);
        sin.sin_addr.s_addr = htonl(0x7f000001);
        REQUIRE(WSAAddressToStringW((SOCKADDR *)&sin, sizeof(sin), NULL, text, &len) == 0, "WSAAddressToStringW");
        REQUIRE(reset(), "a fresh file");
        n = fwprintf(g_out, L"[%s] [%ws] [%-14s|]", text, text, text);
        CHECK(strcmp(contents(), "[127.0.0.1:8080] [127.0.0.1:8080] [127.0.0.1:8080|]") == 0,
              "a WCHAR string from WSAAddressToStringW prints with %s and %ws");
        CHECK_EQ(n, 51, "... counted in characters");
        WSACleanup();
    }

#ifndef _WIN32
    /* Windows converts through the C locale here (non-ASCII fails there); ws2mp writes UTF-8. */
    REQUIRE(reset(), "a fresh file");
    fwprintf(g_out, L"%s", L"caf\u00e9");
    CHECK(strcmp(contents(), "caf\xc3\xa9") == 0, "non-ASCII characters are written as UTF-8");
#endif
    fclose(g_out);
    wprintf(L"# %s: done\n", L"wprintf to stdout");
    return check_done();
}

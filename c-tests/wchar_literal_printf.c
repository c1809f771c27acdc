/* A UNICODE program formats messages with the printf-style W functions the way Windows code
 * writes them, with L"..." literals (wchar_t and WCHAR are one 16-bit type on Windows):
 * StringCchPrintfW / StringCbPrintfW / StringCchPrintfExW / StringCbPrintfExW and wsprintfW,
 * with an L"" format, L"" and wchar_t-buffer %s arguments mixed with TEXT() strings, a WCHAR
 * buffer, %S narrow strings, numbers, a character, a NULL string and a pointer; the unsuffixed
 * names under UNICODE; the plain function through its address. Built as C++ as well
 * (wchar_literal_printf_cpp.cpp). */
#define UNICODE
#define _UNICODE
#include <windows.h>
#include <tchar.h>
#define STRSAFE_NO_DEPRECATE
#include <strsafe.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>
#include "check.h"

/* The WCHAR result as ASCII text, for comparing. */
static const char *ascii(const WCHAR *w)
{
    static char out[256];
    size_t i = 0;
    while (w[i] != 0 && i < sizeof(out) - 1) {
        out[i] = w[i] < 128 ? (char)w[i] : '?';
        i++;
    }
    out[i] = 0;
    return out;
}

typedef int (*wsprintf_fn)(LPWSTR, LPCWSTR, ...);

int main(void)
{
    WCHAR buf[128], host[16];
    wchar_t user[16];
    WCHAR *end = NULL;
    size_t left = 0;
    const char *narrow = "narrow";
    void *p = (void *)(ULONG_PTR)0x1234;
    wsprintf_fn plain = wsprintfW;
    HRESULT hr;

    lstrcpyW(host, TEXT("example"));
    wcscpy(user, L"alice");

    hr = StringCchPrintfW(buf, ARRAYSIZE(buf), L"%s:%d", L"host", 80);
    CHECK(hr == S_OK && strcmp(ascii(buf), "host:80") == 0, "StringCchPrintfW: L\"\" format and %s");
    hr = StringCchPrintfW(buf, ARRAYSIZE(buf), L"%s@%s [%S] %c%u %.1f", user, host, narrow, L'x', 7u, 2.5);
    CHECK(hr == S_OK && strcmp(ascii(buf), "alice@example [narrow] x7 2.5") == 0,
          "StringCchPrintfW: a wchar_t buffer, a WCHAR buffer, %S, a character, numbers");
    hr = StringCchPrintfW(buf, ARRAYSIZE(buf), TEXT("[%s] [%s]"), L"lit", TEXT("text"));
    CHECK(hr == S_OK && strcmp(ascii(buf), "[lit] [text]") == 0, "StringCchPrintfW: a TEXT() format, mixed strings");
    hr = StringCchPrintfW(buf, ARRAYSIZE(buf), L"no arguments");
    CHECK(hr == S_OK && strcmp(ascii(buf), "no arguments") == 0, "StringCchPrintfW: a format alone");
    hr = StringCchPrintfW(buf, 6, L"%s", L"truncated");
    CHECK(hr == STRSAFE_E_INSUFFICIENT_BUFFER && strcmp(ascii(buf), "trunc") == 0,
          "StringCchPrintfW: a short buffer truncates");
    hr = StringCbPrintfW(buf, sizeof(buf), L"%d-%s", -3, L"cb");
    CHECK(hr == S_OK && strcmp(ascii(buf), "-3-cb") == 0, "StringCbPrintfW");
    hr = StringCchPrintfExW(buf, ARRAYSIZE(buf), &end, &left, 0, L"%s!", L"ex");
    CHECK(hr == S_OK && strcmp(ascii(buf), "ex!") == 0 && end == buf + 3 && left == ARRAYSIZE(buf) - 3,
          "StringCchPrintfExW: the end and the room left");
    hr = StringCbPrintfExW(buf, sizeof(buf), NULL, NULL, 0, L"%s", L"cbex");
    CHECK(hr == S_OK && strcmp(ascii(buf), "cbex") == 0, "StringCbPrintfExW");
    hr = StringCchPrintf(buf, ARRAYSIZE(buf), L"%s=%ld", L"unsuffixed", 12L);
    CHECK(hr == S_OK && strcmp(ascii(buf), "unsuffixed=12") == 0, "StringCchPrintf (UNICODE) takes them too");

    CHECK_EQ(wsprintfW(buf, L"%s %d", L"ws", 42), 5, "wsprintfW: L\"\" format and %s");
    CHECK(strcmp(ascii(buf), "ws 42") == 0, "wsprintfW: the text");
    CHECK_EQ(wsprintf(buf, L"%s|%s|%S", user, host, narrow), 20, "wsprintf (UNICODE): three strings");
    CHECK(strcmp(ascii(buf), "alice|example|narrow") == 0, "wsprintf: the text");
    CHECK(wsprintfW(buf, L"%p", p) > 0 && strstr(ascii(buf), "1234") != NULL, "wsprintfW: a pointer passes unchanged");
    CHECK_EQ(plain(buf, TEXT("%s"), TEXT("plain")), 5, "the function through its address");
    CHECK(strcmp(ascii(buf), "plain") == 0, "... formats WCHAR arguments");
    return check_done();
}

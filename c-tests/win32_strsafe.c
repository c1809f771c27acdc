/* <strsafe.h>: Windows' truncation rules and return codes, Cch and Cb, A and W. */
#include <windows.h>
/* The test also calls the C library's string functions, which strsafe.h would deprecate. */
#define STRSAFE_NO_DEPRECATE
#include <strsafe.h>
#include "check.h"
#include "wide.h"

static void test_hresult(void)
{
    CHECK_EQ(STRSAFE_E_INSUFFICIENT_BUFFER, (HRESULT)0x8007007Au, "STRSAFE_E_INSUFFICIENT_BUFFER is 0x8007007A");
    CHECK_EQ(STRSAFE_E_INVALID_PARAMETER, (HRESULT)0x80070057u, "STRSAFE_E_INVALID_PARAMETER is 0x80070057");
    CHECK_EQ(HRESULT_FROM_WIN32(ERROR_INSUFFICIENT_BUFFER), STRSAFE_E_INSUFFICIENT_BUFFER,
             "... which is HRESULT_FROM_WIN32(ERROR_INSUFFICIENT_BUFFER)");
    CHECK(FAILED(STRSAFE_E_INSUFFICIENT_BUFFER) && !SUCCEEDED(E_FAIL), "FAILED / SUCCEEDED on errors");
    CHECK(SUCCEEDED(S_OK) && SUCCEEDED(S_FALSE) && !FAILED(S_OK), "... and on success codes");
    CHECK_EQ(sizeof(HRESULT), 4, "HRESULT is 32 bits");
}

static void test_copy(void)
{
    char buf[8];
    WCHAR wbuf[8];
    HRESULT hr;
    hr = StringCchCopyA(buf, _countof(buf), "hello");
    CHECK(hr == S_OK && strcmp(buf, "hello") == 0, "StringCchCopyA copies what fits");
    hr = StringCchCopyA(buf, _countof(buf), "0123456");
    CHECK(hr == S_OK && strcmp(buf, "0123456") == 0, "... exactly cch - 1 characters still fit");
    hr = StringCchCopyA(buf, _countof(buf), "0123456789");
    CHECK_EQ(hr, STRSAFE_E_INSUFFICIENT_BUFFER, "a longer string is STRSAFE_E_INSUFFICIENT_BUFFER");
    CHECK(strcmp(buf, "0123456") == 0, "... cut to cch - 1 characters and terminated");
    strcpy(buf, "keep");
    hr = StringCchCopyA(buf, 0, "x");
    CHECK(hr == STRSAFE_E_INVALID_PARAMETER && strcmp(buf, "keep") == 0,
          "cch 0 is STRSAFE_E_INVALID_PARAMETER and writes nothing");
    hr = StringCchCopyA(buf, (size_t)STRSAFE_MAX_CCH + 1, "x");
    CHECK(hr == STRSAFE_E_INVALID_PARAMETER && buf[0] == '\0', "cch above STRSAFE_MAX_CCH empties the buffer");
    hr = StringCbCopyA(buf, sizeof(buf), "abcdefghij");
    CHECK(hr == STRSAFE_E_INSUFFICIENT_BUFFER && strcmp(buf, "abcdefg") == 0, "StringCbCopyA cuts at cb - 1");
    hr = StringCchCopyNA(buf, _countof(buf), "abcdef", 3);
    CHECK(hr == S_OK && strcmp(buf, "abc") == 0, "StringCchCopyNA copies at most n characters");
    hr = StringCchCopyNA(buf, _countof(buf), "abcdefghij", 9);
    CHECK(hr == STRSAFE_E_INSUFFICIENT_BUFFER && strcmp(buf, "abcdefg") == 0, "... and cuts like Copy");
    hr = StringCbCopyNA(buf, sizeof(buf), "abcdef", 2);
    CHECK(hr == S_OK && strcmp(buf, "ab") == 0, "StringCbCopyNA counts bytes");

    hr = StringCchCopyW(wbuf, _countof(wbuf), W("0123456789"));
    CHECK(hr == STRSAFE_E_INSUFFICIENT_BUFFER && weq(wbuf, "0123456"), "StringCchCopyW cuts at cch - 1");
    hr = StringCbCopyW(wbuf, sizeof(wbuf), W("abc"));
    CHECK(hr == S_OK && weq(wbuf, "abc"), "StringCbCopyW copies what fits");
    hr = StringCbCopyW(wbuf, sizeof(wbuf) - 1, W("0123456789"));
    CHECK(hr == STRSAFE_E_INSUFFICIENT_BUFFER && weq(wbuf, "012345"), "an odd cb rounds down to whole WCHARs");
    hr = StringCbCopyW(wbuf, 1, W("x"));
    CHECK_EQ(hr, STRSAFE_E_INVALID_PARAMETER, "cb 1 holds no WCHAR: STRSAFE_E_INVALID_PARAMETER");
    hr = StringCbCopyNW(wbuf, sizeof(wbuf), W("abcdef"), 4);
    CHECK(hr == S_OK && weq(wbuf, "ab"), "StringCbCopyNW's limit is in bytes");
    /* A program casts its arguments to the N functions' own source types (Microsoft's IOCP
     * AcceptEx sample copies a received buffer this way). The Windows SDK's names; mingw-w64's
     * strsafe.h has none of the three. */
#ifndef __MINGW32__
    hr = StringCbCopyNW((STRSAFE_LPWSTR)wbuf, sizeof(wbuf), (STRSAFE_PCNZWCH)W("xyz"), sizeof(wbuf));
    CHECK(hr == S_OK && weq(wbuf, "xyz"), "StringCbCopyNW takes a STRSAFE_PCNZWCH source");
    hr = StringCbCopyNA((STRSAFE_LPSTR)buf, sizeof(buf), (STRSAFE_PCNZCH) "uvw", sizeof(buf));
    CHECK(hr == S_OK && strcmp(buf, "uvw") == 0, "StringCbCopyNA takes a STRSAFE_PCNZCH source");
    {
        STRSAFE_PCUNZWCH src = W("q");
        CHECK(src[0] == 'q', "STRSAFE_PCUNZWCH points to WCHARs");
    }
#endif
    hr = StringCchCopy(buf, _countof(buf), "plain");
    CHECK(hr == S_OK && strcmp(buf, "plain") == 0, "StringCchCopy is the A form without UNICODE");
}

static void test_cat(void)
{
    char buf[8];
    WCHAR wbuf[8];
    HRESULT hr;
    strcpy(buf, "abc");
    hr = StringCchCatA(buf, _countof(buf), "de");
    CHECK(hr == S_OK && strcmp(buf, "abcde") == 0, "StringCchCatA appends");
    hr = StringCchCatA(buf, _countof(buf), "fghij");
    CHECK(hr == STRSAFE_E_INSUFFICIENT_BUFFER && strcmp(buf, "abcdefg") == 0, "... cutting at cch - 1");
    hr = StringCchCatA(buf, _countof(buf), "x");
    CHECK(hr == STRSAFE_E_INSUFFICIENT_BUFFER && strcmp(buf, "abcdefg") == 0, "a full buffer takes nothing more");
    hr = StringCchCatA(buf, _countof(buf), "");
    CHECK_EQ(hr, S_OK, "appending \"\" to a full buffer succeeds");
    memset(buf, 'z', sizeof(buf));
    hr = StringCchCatA(buf, _countof(buf), "x");
    CHECK(hr == STRSAFE_E_INVALID_PARAMETER && buf[0] == 'z' && buf[7] == 'z',
          "an unterminated destination is STRSAFE_E_INVALID_PARAMETER, left unchanged");
    strcpy(buf, "ab");
    hr = StringCbCatA(buf, sizeof(buf), "cd");
    CHECK(hr == S_OK && strcmp(buf, "abcd") == 0, "StringCbCatA appends");
    hr = StringCchCatNA(buf, _countof(buf), "efgh", 1);
    CHECK(hr == S_OK && strcmp(buf, "abcde") == 0, "StringCchCatNA appends at most n characters");
    hr = StringCbCatNA(buf, sizeof(buf), "fghij", 5);
    CHECK(hr == STRSAFE_E_INSUFFICIENT_BUFFER && strcmp(buf, "abcdefg") == 0, "StringCbCatNA cuts like Cat");

    StringCchCopyW(wbuf, _countof(wbuf), W("abc"));
    hr = StringCchCatW(wbuf, _countof(wbuf), W("defghi"));
    CHECK(hr == STRSAFE_E_INSUFFICIENT_BUFFER && weq(wbuf, "abcdefg"), "StringCchCatW cuts at cch - 1");
    StringCchCopyW(wbuf, _countof(wbuf), W("ab"));
    hr = StringCbCatW(wbuf, sizeof(wbuf), W("cd"));
    CHECK(hr == S_OK && weq(wbuf, "abcd"), "StringCbCatW appends");
}

static void test_length(void)
{
    size_t n = 99;
    HRESULT hr;
    hr = StringCchLengthA("hello", 6, &n);
    CHECK(hr == S_OK && n == 5, "StringCchLengthA measures within cchMax");
    n = 99;
    hr = StringCchLengthA("hello", 5, &n);
    CHECK(hr == STRSAFE_E_INVALID_PARAMETER && n == 0, "no NUL within cchMax: STRSAFE_E_INVALID_PARAMETER, length 0");
    hr = StringCchLengthA("x", STRSAFE_MAX_CCH, NULL);
    CHECK_EQ(hr, S_OK, "the length pointer may be NULL");
    n = 99;
    hr = StringCchLengthA(NULL, 10, &n);
    CHECK(hr == STRSAFE_E_INVALID_PARAMETER && n == 0, "a NULL string is STRSAFE_E_INVALID_PARAMETER");
    hr = StringCbLengthA("abc", 4, &n);
    CHECK(hr == S_OK && n == 3, "StringCbLengthA counts bytes");
    hr = StringCbLengthW(W("abc"), 8, &n);
    CHECK(hr == S_OK && n == 6, "StringCbLengthW reports bytes (2 per WCHAR)");
    hr = StringCchLengthW(W("abc"), 3, &n);
    CHECK(hr == STRSAFE_E_INVALID_PARAMETER && n == 0, "StringCchLengthW without a NUL in range fails");
    hr = StringCchLength("four", 10, &n);
    CHECK(hr == S_OK && n == 4, "StringCchLength is the A form without UNICODE");
}

static HRESULT vprint(char *buf, size_t cb, const char *fmt, ...)
{
    va_list ap;
    HRESULT hr;
    va_start(ap, fmt);
    hr = StringCbVPrintfA(buf, cb, fmt, ap);
    va_end(ap);
    return hr;
}

static void test_printf(void)
{
    char buf[8];
    WCHAR wbuf[32];
    HRESULT hr;
    hr = StringCchPrintfA(buf, _countof(buf), "%d-%s", 42, "ab");
    CHECK(hr == S_OK && strcmp(buf, "42-ab") == 0, "StringCchPrintfA formats");
    hr = StringCchPrintfA(buf, _countof(buf), "%s", "1234567");
    CHECK(hr == S_OK && strcmp(buf, "1234567") == 0, "... exactly cch - 1 characters fit");
    hr = StringCchPrintfA(buf, _countof(buf), "%d-%s", 42, "abcdef");
    CHECK(hr == STRSAFE_E_INSUFFICIENT_BUFFER && strcmp(buf, "42-abcd") == 0,
          "a longer result is cut to cch - 1 and STRSAFE_E_INSUFFICIENT_BUFFER");
    hr = StringCbPrintfA(buf, sizeof(buf), "%05u", 7u);
    CHECK(hr == S_OK && strcmp(buf, "00007") == 0, "StringCbPrintfA formats");
    hr = vprint(buf, sizeof(buf), "%s%s", "abcd", "efgh");
    CHECK(hr == STRSAFE_E_INSUFFICIENT_BUFFER && strcmp(buf, "abcdefg") == 0, "StringCbVPrintfA cuts the same way");
    strcpy(buf, "keep");
    hr = StringCchPrintfA(buf, 0, "%d", 1);
    CHECK(hr == STRSAFE_E_INVALID_PARAMETER && strcmp(buf, "keep") == 0, "cch 0 writes nothing");

    hr = StringCchPrintfW(wbuf, _countof(wbuf), W("%s=%d|%S|%c"), W("key"), -12, "nar", 'z');
    CHECK(hr == S_OK && weq(wbuf, "key=-12|nar|z"), "StringCchPrintfW: %s is WCHAR, %S is char");
    hr = StringCchPrintfW(wbuf, _countof(wbuf), W("%-4s|%3d|%x|%lu|%I64d"), W("ab"), 5, 255u, 7ul, (long long)-9);
    CHECK(hr == S_OK && weq(wbuf, "ab  |  5|ff|7|-9"), "... widths, flags and length modifiers");
    hr = StringCchPrintfW(wbuf, 8, W("%s"), W("0123456789"));
    CHECK(hr == STRSAFE_E_INSUFFICIENT_BUFFER && weq(wbuf, "0123456"), "StringCchPrintfW cuts at cch - 1");
    hr = StringCbPrintfW(wbuf, 8 * sizeof(WCHAR), W("%.3s%ls%hs!"), W("abcdef"), W("gh"), "ij");
    CHECK(hr == STRSAFE_E_INSUFFICIENT_BUFFER && weq(wbuf, "abcghij"), "StringCbPrintfW: precision, %ls, %hs");
    hr = StringCchPrintf(buf, _countof(buf), "%c%c", 'o', 'k');
    CHECK(hr == S_OK && strcmp(buf, "ok") == 0, "StringCchPrintf is the A form without UNICODE");
}

int main(void)
{
    test_hresult();
    test_copy();
    test_cat();
    test_length();
    test_printf();
    return check_done();
}

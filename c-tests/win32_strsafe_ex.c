/* <strsafe.h>'s Ex forms the way Windows programs use them: a message built piece by piece at
 * the end pointer with the remaining count, and the STRSAFE_* flags' documented effects. */
#include <windows.h>
#include <strsafe.h>
#include "check.h"
#include "wide.h"

int main(void)
{
    char buf[16];
    char *end = NULL;
    size_t rem = 0, cbrem = 0;
    WCHAR wbuf[8];
    WCHAR *wend = NULL;
    TCHAR tbuf[8];
    LPTSTR tend = NULL;
    int i;

    /* The usual chain: each call continues at the previous one's end. */
    CHECK(StringCchCopyExA(buf, 16, "Hello", &end, &rem, 0) == S_OK, "StringCchCopyExA");
    CHECK(end == buf + 5 && rem == 11, "... end at the NUL, 11 characters left (the NUL's included)");
    CHECK(StringCchPrintfExA(end, rem, &end, &rem, 0, ", %s #%I64d", "peer", (__int64)7) == S_OK,
          "StringCchPrintfExA at the end pointer");
    CHECK(strcmp(buf, "Hello, peer #7") == 0 && end == buf + 14 && rem == 2, "... appends, end and count move");
    CHECK(StringCchCatExA(buf, 16, "!!!", &end, &rem, 0) == STRSAFE_E_INSUFFICIENT_BUFFER,
          "StringCchCatExA that does not fit");
    CHECK(strcmp(buf, "Hello, peer #7!") == 0 && end == buf + 15 && rem == 1,
          "... truncates, end and count describe the truncated string");

    /* STRSAFE_FILL_BEHIND_NULL: the rest of the buffer after the NUL gets the fill byte. */
    memset(buf, '?', sizeof buf);
    CHECK(StringCchCopyExA(buf, 8, "ab", NULL, NULL, STRSAFE_FILL_BYTE('x')) == S_OK, "FILL_BEHIND_NULL");
    CHECK(memcmp(buf, "ab\0xxxxx?", 9) == 0, "... fills the 5 characters after the NUL, nothing beyond");

    /* STRSAFE_FILL_ON_FAILURE: the whole buffer, NUL-terminated. */
    CHECK(StringCchCopyExA(buf, 8, "abcdefghij", &end, &rem, STRSAFE_FAILURE_BYTE('z')) ==
              STRSAFE_E_INSUFFICIENT_BUFFER,
          "FILL_ON_FAILURE on a copy that does not fit");
    CHECK(memcmp(buf, "zzzzzzz\0", 8) == 0 && end == buf + 7 && rem == 1, "... fills the buffer, NUL last");
    CHECK(StringCchCopyExA(buf, 8, "abcdefghij", &end, &rem, STRSAFE_FAILURE_BYTE(0)) ==
              STRSAFE_E_INSUFFICIENT_BUFFER,
          "FILL_ON_FAILURE with 0");
    for (i = 0; i < 8 && buf[i] == 0; i++)
        ;
    CHECK(i == 8 && end == buf && rem == 8, "... zeroes the buffer: an empty string, 8 left");

    /* STRSAFE_NULL_ON_FAILURE and STRSAFE_NO_TRUNCATION. */
    CHECK(StringCchCopyExA(buf, 8, "abcdefghij", &end, &rem, STRSAFE_NULL_ON_FAILURE) ==
              STRSAFE_E_INSUFFICIENT_BUFFER,
          "NULL_ON_FAILURE");
    CHECK(buf[0] == '\0' && end == buf && rem == 8, "... leaves an empty string");
    CHECK(StringCchCopyExA(buf, 8, "abcdefghij", NULL, NULL, STRSAFE_NO_TRUNCATION) ==
              STRSAFE_E_INSUFFICIENT_BUFFER && buf[0] == '\0',
          "NO_TRUNCATION copy: no truncated string");
    StringCchCopyA(buf, 8, "abc");
    CHECK(StringCchCatExA(buf, 8, "defghijk", &end, &rem, STRSAFE_NO_TRUNCATION) ==
              STRSAFE_E_INSUFFICIENT_BUFFER,
          "NO_TRUNCATION cat that does not fit");
    CHECK(strcmp(buf, "abc") == 0 && end == buf + 3 && rem == 5, "... keeps the original string");
    CHECK(StringCchPrintfExA(buf, 4, NULL, NULL, STRSAFE_NO_TRUNCATION, "%d", 12345) ==
              STRSAFE_E_INSUFFICIENT_BUFFER && buf[0] == '\0',
          "NO_TRUNCATION printf: no truncated string");

    /* STRSAFE_IGNORE_NULLS and the argument rules. */
    CHECK(StringCchCopyExA(buf, 8, NULL, &end, &rem, STRSAFE_IGNORE_NULLS) == S_OK, "IGNORE_NULLS: NULL source");
    CHECK(buf[0] == '\0' && end == buf && rem == 8, "... is the empty string");
    CHECK(StringCchCopyExA(NULL, 0, "", NULL, NULL, STRSAFE_IGNORE_NULLS) == S_OK,
          "IGNORE_NULLS: NULL destination of size 0, nothing to copy");
    CHECK(StringCchCopyExA(NULL, 0, "a", NULL, NULL, STRSAFE_IGNORE_NULLS) == STRSAFE_E_INVALID_PARAMETER,
          "... with something to copy: invalid");
    CHECK(StringCchCopyExA(buf, 0, "a", NULL, NULL, STRSAFE_IGNORE_NULLS) == STRSAFE_E_INSUFFICIENT_BUFFER,
          "IGNORE_NULLS: a buffer of size 0: insufficient");
    CHECK(StringCchCopyExA(buf, 0, "a", NULL, NULL, 0) == STRSAFE_E_INVALID_PARAMETER, "size 0 without it: invalid");
    CHECK(StringCchCopyExA(buf, 8, "a", NULL, NULL, 0x10000) == STRSAFE_E_INVALID_PARAMETER,
          "an unknown flag bit: invalid");
    CHECK(StringCchCopyNExA(buf, 8, "abcdef", 3, &end, &rem, 0) == S_OK && strcmp(buf, "abc") == 0 && rem == 5,
          "StringCchCopyNExA copies at most n");
    CHECK(StringCchCatNExA(buf, 8, "defgh", 2, &end, &rem, 0) == S_OK && strcmp(buf, "abcde") == 0 &&
              end == buf + 5,
          "StringCchCatNExA appends at most n");

    /* Byte counts, and the W forms. */
    CHECK(StringCbCopyExA(buf, 16, "abc", &end, &cbrem, 0) == S_OK && cbrem == 13, "StringCbCopyExA: bytes left");
    CHECK(StringCbCopyExW(wbuf, sizeof wbuf, W("abc"), &wend, &cbrem, 0) == S_OK, "StringCbCopyExW");
    CHECK(weq(wbuf, "abc") && wend == wbuf + 3 && cbrem == 10, "... 5 WCHARs = 10 bytes left");
    CHECK(StringCchCatExW(wbuf, 8, W("defghij"), &wend, &rem, 0) == STRSAFE_E_INSUFFICIENT_BUFFER,
          "StringCchCatExW that does not fit");
    CHECK(weq(wbuf, "abcdefg") && wend == wbuf + 7 && rem == 1, "... truncated, end and count");
    CHECK(StringCchPrintfExW(wbuf, 8, &wend, &rem, 0, W("%s=%d"), W("k"), 42) == S_OK,
          "StringCchPrintfExW with a WCHAR %s");
    CHECK(weq(wbuf, "k=42") && wend == wbuf + 4 && rem == 4, "... writes it");
    CHECK(StringCbPrintfExW(wbuf, sizeof wbuf, NULL, &cbrem, STRSAFE_FILL_BYTE(0), W("%d"), 7) == S_OK &&
              cbrem == 14 && wbuf[1] == 0 && wbuf[7] == 0,
          "StringCbPrintfExW: bytes left, filled behind the NUL");

    /* The TCHAR names. */
    CHECK(StringCchCopyEx(tbuf, 8, TEXT("tchar"), &tend, &rem, 0) == S_OK && tend == tbuf + 5 && rem == 3,
          "StringCchCopyEx (TCHAR)");
    CHECK(StringCbCatEx(tbuf, sizeof tbuf, TEXT("!"), &tend, &cbrem, 0) == S_OK && cbrem == 2 * sizeof(TCHAR),
          "StringCbCatEx (TCHAR)");
    return check_done();
}

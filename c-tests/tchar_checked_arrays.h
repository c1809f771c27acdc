// Shared body of win32_tchar_checked_cpp.cpp (narrow) and win32_tchar_checked_unicode_cpp.cpp
// (UNICODE): the two-argument array forms of the checked <tchar.h> copies, as a C++ console
// tool builds a status line into fixed TCHAR arrays.
#include <winsock2.h>
#include <windows.h>
#include <tchar.h>
#include <stdio.h>
#include <stdlib.h>
#include <errno.h>
#include "check.h"

static int same(const TCHAR *a, const TCHAR *b)
{
    return _tcscmp(a, b) == 0;
}

static int checked_forms(void)
{
    TCHAR line[32];
    TCHAR port[8];
    TCHAR tag[4];
    TCHAR host[] = { 'l', 'o', 'c', 'a', 'l', 'h', 'o', 's', 't', 0 };

    CHECK_EQ(_tcscpy_s(line, _T("peer ")), 0, "_tcscpy_s(array, src) copies");
    CHECK_EQ(_tcscat_s(line, host), 0, "_tcscat_s(array, src) appends");
    CHECK(same(line, _T("peer localhost")), "the two pieces joined");

    CHECK_EQ(_stprintf_s(port, _T("%d"), 8080), 4, "_stprintf_s(array, fmt, ...) counts characters");
    CHECK(same(port, _T("8080")), "the port as text");
    CHECK_EQ(_tcsncat_s(line, sizeof line / sizeof line[0], _T(":8080xyz"), 5), 0,
             "_tcsncat_s appends count characters");
    CHECK(same(line, _T("peer localhost:8080")), "five characters appended");
#ifndef __MINGW32__ /* MSVC's headers have this template; mingw-w64's do not */
    CHECK_EQ(_tcsncat_s(line, _T("/ab"), 2), 0, "_tcsncat_s(array, src, count)");
    CHECK(same(line, _T("peer localhost:8080/a")), "two more characters");
    CHECK_EQ(_tcscpy_s(line, _T("peer localhost:8080")), 0, "back to the line");
#endif

    CHECK_EQ(_tcsncpy_s(tag, _T("abcdef"), 2), 0, "_tcsncpy_s(array, src, count) copies count");
    CHECK(same(tag, _T("ab")), "two characters and a NUL");
    CHECK_EQ(_tcsncpy_s(tag, _T("abcdef"), _TRUNCATE), STRUNCATE, "_TRUNCATE cuts to the array");
    CHECK(same(tag, _T("abc")), "three characters and a NUL fill four");

    CHECK_EQ(_sntprintf_s(port, _TRUNCATE, _T("%d"), 42), 2, "_sntprintf_s(array, _TRUNCATE, ...) fits");
    CHECK(same(port, _T("42")), "formatted");
    CHECK_EQ(_sntprintf_s(port, _TRUNCATE, _T("%s"), _T("0123456789")), -1, "a longer text is cut: -1");
    CHECK(same(port, _T("0123456")), "to seven characters and a NUL");

    /* the three-argument forms, as C code writes them, still work */
    CHECK_EQ(_tcscpy_s(line, sizeof line / sizeof line[0], _T("x")), 0, "the counted _tcscpy_s");
    CHECK_EQ(_stprintf_s(line, sizeof line / sizeof line[0], _T("%s-%d"), _T("id"), 7), 4,
             "the counted _stprintf_s");
    CHECK(same(line, _T("id-7")), "its text");
    return 0;
}

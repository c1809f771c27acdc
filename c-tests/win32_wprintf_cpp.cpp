// Wide printf in C++ with the C++ library included after <winsock2.h> (<iostream> reads
// <cwchar>, which #undefs the C library's names): fwprintf, swprintf, swprintf_s (also the array
// form), _snwprintf keep the Microsoft C library's format (%s wide, %S narrow).
#include <winsock2.h>
#include <windows.h>
#include <iostream>
#include <string>
#include <cstring>
#include <cwchar>
#include "check.h"

int main()
{
    wchar_t buf[32];
    char bytes[64];
    size_t n;
    FILE *f = tmpfile();
    REQUIRE(f != NULL, "tmpfile");

    CHECK_EQ(fwprintf(f, L"[%s] [%S]", L"wide", "narrow"), 15, "fwprintf after <iostream>");
    fflush(f);
    rewind(f);
    n = fread(bytes, 1, sizeof(bytes) - 1, f);
    bytes[n] = '\0';
    CHECK(std::strcmp(bytes, "[wide] [narrow]") == 0, "... with Windows' %s and %S");
    fclose(f);

    CHECK_EQ(swprintf(buf, 32, L"%s-%d", L"ab", 5), 4, "swprintf(buf, count, fmt, ...)");
    CHECK(std::wcscmp(buf, L"ab-5") == 0, "... %s is a wide string");
    CHECK_EQ(swprintf_s(buf, L"%S!", "narrow"), 7, "swprintf_s(array, fmt, ...)");
    CHECK(std::wcscmp(buf, L"narrow!") == 0, "... %S is a narrow string");
    CHECK_EQ(swprintf_s(buf, 32, L"%I64d", (__int64)-5), 2, "swprintf_s(buf, size, fmt, ...) with I64");
    CHECK(std::wcscmp(buf, L"-5") == 0, "... writes it");
    wmemset(buf, L'x', 8);
    CHECK_EQ(_snwprintf(buf, 3, L"%s", L"abcdef"), -1, "_snwprintf cut: -1");
    CHECK(buf[0] == L'a' && buf[2] == L'c' && buf[3] == L'x', "... count characters, no NUL");
    CHECK_EQ(swprintf(buf, 4, L"%s", L"abcdef"), -1, "swprintf that does not fit: -1");
    std::wstring w = std::to_wstring(42);
    CHECK(w == L"42", "the C++ library's own wide formatting still works");
    return check_done();
}

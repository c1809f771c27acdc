// _snwprintf_s in C++ as Visual C++ code writes it: the array overload that takes the
// buffer's size from its type, _snwprintf_s(buf, _TRUNCATE, L"...", ...), next to <string>.
#include <winsock2.h>
#include <windows.h>
#include <string>
#include <stdio.h>
#include <wchar.h>
#include "check.h"

int main()
{
    wchar_t name[8];
    int n = _snwprintf_s(name, _TRUNCATE, L"%s-%02d", L"node", 7);
    CHECK_EQ(n, 7, "the array overload: 7 characters fit 8");
    CHECK(std::wstring(name) == L"node-07", "%s wide and %02d");
    n = _snwprintf_s(name, _TRUNCATE, L"%s", L"a much longer name");
    CHECK_EQ(n, -1, "a longer name is cut: -1");
    CHECK(std::wstring(name) == L"a much ", "to 7 characters and a NUL");
    return check_done();
}

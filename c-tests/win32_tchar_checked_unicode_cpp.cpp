// As win32_tchar_checked_cpp.cpp, with UNICODE/_UNICODE as a Visual Studio project sets them:
// TCHAR is the 16-bit WCHAR, and the array forms of _tcscpy_s, _tcscat_s, _tcsncpy_s,
// _tcsncat_s, _stprintf_s and _sntprintf_s take the size in characters from the array's type.
#ifndef UNICODE
#define UNICODE 1
#endif
#ifndef _UNICODE
#define _UNICODE 1
#endif
#include "tchar_checked_arrays.h"

int main()
{
    checked_forms();
    return check_done();
}

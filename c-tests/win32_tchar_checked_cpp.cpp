// Visual C++ console tools written with <tchar.h> call the checked copies in the form MSVC's
// C++ templates provide, taking the size from the array's type: _tcscpy_s(line, src),
// _tcscat_s(line, src), _stprintf_s(port, _T("%d"), n), _tcsncpy_s(tag, src, _TRUNCATE),
// _sntprintf_s(buf, _TRUNCATE, ...). On Windows they copy or format into the array and return
// 0 (a character count for the printf forms), STRUNCATE or -1 when _TRUNCATE cut the text. A
// program builds its messages this way and must compile and get the same text. Narrow TCHAR.
#include "tchar_checked_arrays.h"

int main()
{
    checked_forms();
    return check_done();
}

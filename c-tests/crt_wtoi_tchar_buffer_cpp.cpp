// C++, UNICODE: _wtoi & co. of TCHAR buffers (see crt_wtoi_tchar_tokens.h), the overloads a
// Visual Studio C++ window program reaches.
#ifndef UNICODE
#define UNICODE 1
#endif
#ifndef _UNICODE
#define _UNICODE 1
#endif
#include "crt_wtoi_tchar_tokens.h"

int main()
{
    tokens_from_socket();
    other_forms();
    return check_done();
}

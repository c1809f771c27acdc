/* The same TCHAR program built with UNICODE and _UNICODE (TCHAR is the 16-bit WCHAR):
 * tchar_wizard.h. Its entry is main, not _tmain (which is wmain: mingw-w64 links that only with
 * -municode; win32_tmain_unicode.c tests _tmain itself). */
#define UNICODE
#define _UNICODE
#include "tchar_wizard.h"

int main(void)
{
    return run();
}

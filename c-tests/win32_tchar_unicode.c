/* A TCHAR program built with UNICODE and _UNICODE: TCHAR is the 16-bit WCHAR, and the string
 * functions ws2mp has in 16-bit form (_tcslen, _tcscpy, _tcscat, _tcscmp, StringCch*,
 * lstr*, FormatMessage, GetVersionEx) are the W forms; a header line is parsed with
 * _tcsspnp, _tcsncicmp, _tcsnccmp and _tcsnccpy. */
#define UNICODE
#define _UNICODE
#include <windows.h>
#include <tchar.h>
/* The test also calls the C library's string functions, which strsafe.h would deprecate. */
#define STRSAFE_NO_DEPRECATE
#include <strsafe.h>
#include "check.h"
#include "wide.h"

int main(void)
{
    TCHAR buf[32];
    TCHAR msg[256];
    OSVERSIONINFO info;
    CHECK_EQ(sizeof(TCHAR), 2, "TCHAR is the 16-bit WCHAR with UNICODE");
    _tcscpy(buf, _T("net"));
    _tcscat(buf, TEXT("work"));
    CHECK(_tcslen(buf) == 7 && weq(buf, "network"), "_tcscpy / _tcscat / _tcslen on WCHAR");
    CHECK(_tcscmp(buf, _T("network")) == 0 && _tcsicmp(buf, _T("NETWORK")) == 0, "_tcscmp / _tcsicmp");
    CHECK(lstrlen(buf) == 7 && lstrcmpi(buf, _T("NetWork")) == 0, "lstrlen / lstrcmpi are the W forms");
    CHECK(StringCchPrintf(buf, _countof(buf), _T("%s:%d"), _T("port"), 5150) == S_OK && weq(buf, "port:5150"),
          "StringCchPrintf is StringCchPrintfW");
    CHECK(StringCchCopy(buf, 4, _T("abcdef")) == STRSAFE_E_INSUFFICIENT_BUFFER && weq(buf, "abc"),
          "StringCchCopy is StringCchCopyW");
    CHECK(FormatMessage(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, NULL, WSAEINVAL, 0, msg,
                        _countof(msg), NULL) > 0 &&
              weq(msg, "An invalid argument was supplied.\r\n"),
          "FormatMessage is FormatMessageW");
    ZeroMemory(&info, sizeof(info));
    info.dwOSVersionInfoSize = sizeof(info);
    CHECK(GetVersionEx(&info) && info.dwBuildNumber == 19045, "GetVersionEx is GetVersionExW");
    {
        const TCHAR *header = _T("   Content-Length: 12");
        const TCHAR *p = _tcsspnp(header, _T(" "));
        TCHAR key[16];
        CHECK(p != NULL && p == header + 3 && _tcsspnp(_T("  "), _T(" ")) == NULL,
              "_tcsspnp skips the blanks (NULL when only blanks)");
        CHECK(p != NULL && _tcsncicmp(p, _T("content-length:"), 15) == 0 && _tcsnccmp(p, _T("Content-Type"), 8) == 0 &&
                  _tcsnccmp(p, _T("Content-Type"), 9) < 0,
              "_tcsncicmp / _tcsnccmp");
        _tcsnccpy(key, p, 14);
        key[14] = 0;
        CHECK(weq(key, "Content-Length"), "_tcsnccpy");
    }
    return check_done();
}

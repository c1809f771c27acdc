/* A Unicode (_UNICODE) console tool that includes <stdio.h> and <tchar.h> and no other Windows
 * header, as Visual Studio's console template did: _tprintf / _ftprintf / _sntprintf take %s as
 * a TCHAR string and %S / %hs as a narrow one, and the same program also calls wprintf with
 * L"" strings and %s / %ls; everything lands on the streams as UTF-8, mixed with printf. */
#ifndef _UNICODE
#define _UNICODE
#endif
#ifndef UNICODE
#define UNICODE
#endif
#include <stdio.h>
#include <tchar.h>
#include <string.h>
#include "check.h"

int main(void)
{
    TCHAR msg[64];
    char bytes[128];
    FILE *f;
    size_t got;
    int n;

    n = _sntprintf(msg, 64, _T("%s:%S:%d"), _T("caf\x00e9"), "bar", 7);
    CHECK(n == 10 && _tcscmp(msg, _T("caf\x00e9:bar:7")) == 0, "_sntprintf: %s a TCHAR string, %S narrow");
    f = tmpfile();
    REQUIRE(f != NULL, "a scratch file");
    fprintf(f, "a ");
    _ftprintf(f, _T("%s "), msg);
    fwprintf(f, L"%s|%ls|%S", L"w", L"ls", "n");
    rewind(f);
    got = fread(bytes, 1, sizeof(bytes) - 1, f);
    bytes[got] = '\0';
    fclose(f);
    CHECK(strcmp(bytes, "a caf\xc3\xa9:bar:7 w|ls|n") == 0, "_ftprintf and fwprintf write UTF-8 after fprintf");
    printf("# ");
    fflush(stdout);
    n = _tprintf(_T("%s and "), _T("_tprintf"));
    CHECK(n > 0, "_tprintf writes to stdout");
    n = wprintf(L"%s\n", L"wprintf");
    CHECK_EQ(n, 8, "wprintf on the same stream");
    return check_done();
}

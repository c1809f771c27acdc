/* ws2mp-test: no-mingw */
/* mingw-w64 builds wmain programs only with -municode.
 * The C++ form of a Unicode console program's entry point with Win32 string types:
 * `int __cdecl wmain(int argc, LPWSTR argv[])`. argv holds 16-bit WCHAR strings here, the ones
 * the W functions take. */
#include <winsock2.h>
#include <windows.h>
#include <cstring>
#include "check.h"

int __cdecl wmain(int argc, LPWSTR argv[])
{
    char self[4096];
    DWORD len = GetModuleFileNameA(NULL, self, sizeof(self));
    const char *base = std::strrchr(self, '\\');
    int n, blen, i;

    base = base ? base + 1 : self;
    CHECK(len > 0, "GetModuleFileNameA gives the program's path");
    CHECK(argc >= 1, "argc counts the program");
    CHECK(argv[argc] == NULL, "argv ends with NULL");
    n = lstrlenW(argv[0]);
    blen = (int)std::strlen(base);
    REQUIRE(n >= blen, "argv[0] is at least as long as the program's file name");
    for (i = 0; i < blen && argv[0][n - blen + i] == (WCHAR)(unsigned char)base[i]; i++)
        ;
    CHECK_EQ(i, blen, "argv[0] ends with the program's file name, in 16-bit WCHARs");
    return check_done();
}

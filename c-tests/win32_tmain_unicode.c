/* ws2mp-test: no-mingw */ /* a wmain program links with mingw-w64's -municode, which the mingw build does not pass */
/* A Unicode console program of Visual Studio's template: UNICODE and _UNICODE defined, <tchar.h>,
 * and `int _tmain(int argc, _TCHAR *argv[])`, which is wmain: argv holds the arguments as
 * UTF-16 strings (the program's name first), and the Winsock calls take them as they are. */
#define UNICODE
#define _UNICODE
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <tchar.h>
#include "check.h"

int _tmain(int argc, _TCHAR *argv[])
{
    WSADATA wsa;
    ADDRINFOW *result = NULL;
    CHECK_EQ(argc, 1, "no arguments: argc is 1");
    CHECK(argv[0] != NULL && lstrlenW(argv[0]) > 0, "argv[0] is the program's name in UTF-16");
    CHECK(argv[argc] == NULL, "argv ends with NULL");
    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");
    CHECK_EQ(GetAddrInfoW(_T("127.0.0.1"), _T("80"), NULL, &result), 0, "GetAddrInfoW takes _T() strings");
    CHECK(result != NULL && result->ai_family == AF_INET, "... and answers");
    if (result)
        FreeAddrInfoW(result);
    WSACleanup();
    return check_done();
}

/* A TCHAR program as Windows samples write it, built without UNICODE: _tmain, _T(), _tcs*,
 * _stprintf, _ttoi, StringCchPrintf and ADDRINFOT all resolve to the narrow forms. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <tchar.h>
/* The test also calls the C library's string functions, which strsafe.h would deprecate. */
#define STRSAFE_NO_DEPRECATE
#include <strsafe.h>
#include "check.h"

int _tmain(int argc, _TCHAR *argv[])
{
    TCHAR host[64];
    TCHAR line[80];
    LPCTSTR port = _T("5150");
    ADDRINFOT hints, *res = NULL;
    WSADATA wsa;
    CHECK(argc >= 1 && _tcslen(argv[0]) > 0, "_tmain gets argv as TCHAR strings");
    CHECK_EQ(sizeof(TCHAR), 1, "TCHAR is char without UNICODE");
    _tcscpy(host, _T("127.0.0.1"));
    CHECK_EQ(_tcslen(host), 9, "_tcscpy / _tcslen");
    CHECK(_tcscmp(host, TEXT("127.0.0.1")) == 0 && _tcsicmp(_T("ABC"), _T("abc")) == 0, "_tcscmp / _tcsicmp");
    CHECK_EQ(_ttoi(port), 5150, "_ttoi");
    _stprintf(line, _T("%s:%d"), host, _ttoi(port));
    CHECK(_tcscmp(line, _T("127.0.0.1:5150")) == 0, "_stprintf");
    CHECK(SUCCEEDED(StringCchPrintf(line, _countof(line), TEXT("[%s]"), host)), "StringCchPrintf with TEXT()");
    CHECK(_tcschr(line, _T(':')) == NULL && _tcsstr(line, _T("0.0")) != NULL, "_tcschr / _tcsstr");
    CHECK_EQ(WSAStartup(MAKEWORD(2, 2), &wsa), 0, "WSAStartup (the resolver needs it, as on Windows)");
    ZeroMemory(&hints, sizeof(hints));
    hints.ai_family = AF_INET;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_NUMERICHOST;
    CHECK_EQ(GetAddrInfo(host, port, &hints, &res), 0, "GetAddrInfo with TCHAR strings");
    CHECK(res != NULL && ((struct sockaddr_in *)res->ai_addr)->sin_port == htons(5150), "... resolves the port");
    FreeAddrInfo(res);
    WSACleanup();
    _tprintf(_T("# %s\n"), line);
    return check_done();
}

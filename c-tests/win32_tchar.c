/* A TCHAR program as Windows samples write it, built without UNICODE: _tmain, _T(), _tcs*,
 * _stprintf, _ttoi, StringCchPrintf and ADDRINFOT all resolve to the narrow forms; its settings
 * file is named with _tmakepath_s / _tsplitpath_s, written with _tfopen_s and the checked _t
 * forms (_tcsncat_s, _ltot_s, _tctime_s, _tgetenv_s, ...). */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <tchar.h>
#include <sys/types.h>
#include <sys/stat.h>
#include <io.h>
#include <fcntl.h>
#include <share.h>
/* The test also calls the C library's string functions, which strsafe.h would deprecate. */
#define STRSAFE_NO_DEPRECATE
#include <strsafe.h>
#include "check.h"

/* The program's settings: a file beside it, "port=...", "id=...", "started=...". */
static void settings_file_checks(void)
{
    TCHAR path[_MAX_PATH], drive[_MAX_DRIVE], dir[_MAX_DIR], fname[_MAX_FNAME], ext[_MAX_EXT];
    TCHAR full[_MAX_PATH], line[128], num[40], when[26], stamp[9], up[16], *dup = NULL;
    FILE *f = NULL, *again = NULL;
    size_t len = 0;
    time_t t0 = 0;
    struct _stat st;
    int fd;

    CHECK_EQ(_tmakepath_s(path, _countof(path), NULL, _T("."), _T("win32_tchar_settings"), _T("ini")), 0,
             "_tmakepath_s");
    CHECK(_tcscmp(path, _T(".\\win32_tchar_settings.ini")) == 0, "... joins dir, name and extension with '\\'");
    CHECK_EQ(_tsplitpath_s(path, drive, _countof(drive), dir, _countof(dir), fname, _countof(fname), ext,
                           _countof(ext)),
             0, "_tsplitpath_s");
    CHECK(drive[0] == 0 && _tcscmp(dir, _T(".\\")) == 0 && _tcscmp(fname, _T("win32_tchar_settings")) == 0 &&
              _tcscmp(ext, _T(".ini")) == 0,
          "... gives its parts back");
    _tsplitpath(_T("logs\\server.log"), NULL, dir, fname, NULL);
    _tmakepath(line, NULL, dir, fname, _T("old"));
    CHECK(_tcscmp(line, _T("logs\\server.old")) == 0, "_tsplitpath / _tmakepath");

    REQUIRE(_tfopen_s(&f, path, _T("w")) == 0 && f != NULL, "_tfopen_s creates the settings file");
    _tcscpy_s(line, _countof(line), _T("port="));
    CHECK_EQ(_ltot_s(5150L, num, _countof(num), 10), 0, "_ltot_s");
    CHECK_EQ(_tcsncat_s(line, _countof(line), num, _TRUNCATE), 0, "_tcsncat_s");
    _ftprintf(f, _T("%s\n"), line);
    CHECK(_ultot_s(0xBEEFUL, num, _countof(num), 16) == 0 && _tcscmp(num, _T("beef")) == 0, "_ultot_s in hex");
    CHECK_EQ(_tcsupr_s(num, _countof(num)), 0, "_tcsupr_s");
    _ftprintf(f, _T("id=%s\n"), num);
    CHECK(_i64tot_s(-9000000000LL, num, _countof(num), 10) == 0 && _tcscmp(num, _T("-9000000000")) == 0,
          "_i64tot_s");
    CHECK(_ui64tot_s(18446744073709551615ULL, num, _countof(num), 10) == 0 &&
              _tcscmp(num, _T("18446744073709551615")) == 0,
          "_ui64tot_s");
    CHECK_EQ(_ltot_s(5150L, num, 3, 10), ERANGE, "_ltot_s into a short buffer is ERANGE");
#ifndef _WIN32 /* mingw-w64's msvcrt has no ctime_s */
    CHECK(_tctime_s(when, _countof(when), &t0) == 0 && _tcslen(when) == 25 && when[24] == _T('\n'),
          "_tctime_s");
#else
    (void)t0;
    _tcscpy(when, _T("Thu Jan 01 00:00:00 1970\n"));
#endif
    CHECK(_tstrtime_s(stamp, _countof(stamp)) == 0 && _tcslen(stamp) == 8 && stamp[2] == _T(':'), "_tstrtime_s");
    CHECK(_tstrdate_s(stamp, _countof(stamp)) == 0 && _tcslen(stamp) == 8 && stamp[2] == _T('/'), "_tstrdate_s");
    _ftprintf(f, _T("started=%s"), when);
    CHECK_EQ(_sctprintf(_T("id=%s\n"), _T("BEEF")), 8, "_sctprintf counts what would be written");
    fclose(f);

    CHECK(_tstat(path, &st) == 0 && st.st_size > 0, "_tstat sees the file");
    fd = _topen(path, _O_RDONLY);
    CHECK(fd >= 0, "_topen opens it");
    if (fd >= 0)
        _close(fd);
    CHECK(_tfullpath(full, path, _countof(full)) != NULL && _tcslen(full) > _tcslen(path) &&
              _tcsstr(full, _T("win32_tchar_settings.ini")) != NULL,
          "_tfullpath makes the name absolute");
    f = _tfsopen(path, _T("r"), _SH_DENYWR);
    REQUIRE(f != NULL, "_tfsopen reads it back");
    CHECK(_fgetts(line, _countof(line), f) != NULL && _tcscmp(line, _T("port=5150\n")) == 0, "... port=5150");
    CHECK(_fgetts(line, _countof(line), f) != NULL && _tcsncicmp(line, _T("ID=beef"), 7) == 0,
          "... id=BEEF (_tcsncicmp)");
    CHECK(_tfreopen_s(&again, path, _T("r"), f) == 0 && again == f, "_tfreopen_s reopens the stream");
    fclose(again);
    CHECK_EQ(_tremove(path), 0, "_tremove");

    CHECK_EQ(_tputenv(_T("WIN32_TCHAR_MODE=fast")), 0, "_tputenv");
    CHECK(_tgetenv_s(&len, line, _countof(line), _T("WIN32_TCHAR_MODE")) == 0 && len == 5 &&
              _tcscmp(line, _T("fast")) == 0,
          "_tgetenv_s (the size counts the NUL)");
    CHECK_EQ(_tputenv_s(_T("WIN32_TCHAR_MODE"), _T("safe")), 0, "_tputenv_s");
#ifndef _WIN32 /* nor _dupenv_s */
    CHECK(_tdupenv_s(&dup, &len, _T("WIN32_TCHAR_MODE")) == 0 && dup != NULL && _tcscmp(dup, _T("safe")) == 0,
          "_tdupenv_s");
    free(dup);
#else
    (void)dup;
#endif
    CHECK(_tcserror_s(line, _countof(line), ENOENT) == 0 && _tcslen(line) > 0, "_tcserror_s");

    _tcscpy(up, _T("Hello"));
    CHECK(_tcslwr_s(up, _countof(up)) == 0 && _tcscmp(up, _T("hello")) == 0, "_tcslwr_s");
    line[0] = 0;
    _tcsncat(line, _T("ab"), 2);
    _tcsncat(line, _T("cdef"), 2);
    CHECK(_tcscmp(line, _T("abcd")) == 0, "_tcsncat appends at most n characters");
    CHECK(_tcsnccmp(_T("abcX"), _T("abcY"), 3) == 0 && _tcsnccmp(_T("abcX"), _T("abcY"), 4) < 0, "_tcsnccmp");
    _tcsnccpy(num, _T("xyz"), 4);
    CHECK(_tcscmp(num, _T("xyz")) == 0, "_tcsnccpy");
    _tcsset(num, _T('*'));
    CHECK(_tcscmp(num, _T("***")) == 0, "_tcsset");
    _tcsnset(up, _T('-'), 2);
    CHECK(_tcscmp(up, _T("--llo")) == 0, "_tcsnset");
    CHECK(_tcsspnp(_T("  key"), _T(" ")) != NULL && _tcscmp(_tcsspnp(_T("  key"), _T(" ")), _T("key")) == 0 &&
              _tcsspnp(_T("   "), _T(" ")) == NULL,
          "_tcsspnp");
    CHECK(_tcsicoll(_T("Port"), _T("PORT")) == 0, "_tcsicoll");
}

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
    settings_file_checks();
    return check_done();
}

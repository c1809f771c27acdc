/*
 * The body of a Visual Studio wizard-style console program (`_tmain`, `<tchar.h>` throughout)
 * that keeps a small text database in the temporary directory: it makes a directory, moves
 * into it, writes records with _tfopen/_fputts, reads them back with _fgetts, splits them with
 * _tcstok_s, parses a command with _stscanf/_stscanf_s and reads a config line with _ftscanf,
 * converts numbers both ways, changes case, stamps them with the time and date,
 * reads its environment, sizes a file with _tstat, and cleans up. Included by win32_tchar_wizard.c (built narrow) and
 * win32_tchar_wizard_unicode.c (built with UNICODE and _UNICODE, Visual Studio's default).
 */
#include <windows.h>
#include <tchar.h>
#include <direct.h>
#include <io.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <errno.h>
#include <sys/types.h>
#include <sys/stat.h>
#include "check.h"

static int tcs_equal(const TCHAR *a, const TCHAR *b)
{
    return _tcscmp(a, b) == 0;
}

static void records(void)
{
    TCHAR line[128], *context = NULL, *field, num[32];
    FILE *f;
    int count = 0, total = 0;
    double price = 0;

    f = _tfopen(_T("stock.txt"), _T("w"));
    REQUIRE(f != NULL, "_tfopen creates the record file");
    _fputts(_T("msft;100;412.5\n"), f);
    _fputts(_T("ibm ;  25;190.25\n"), f);
    fclose(f);
    CHECK_EQ(_taccess(_T("stock.txt"), 0), 0, "_taccess finds it");

    f = _tfopen(_T("stock.txt"), _T("r"));
    REQUIRE(f != NULL, "and opens it again");
    while (_fgetts(line, 128, f) != NULL) {
        TCHAR *name = _tcstok_s(line, _T(";"), &context);
        field = _tcstok_s(NULL, _T(";"), &context);
        total += _ttoi(field + _tcsspn(field, _T(" ")));
        field = _tcstok_s(NULL, _T(";\n"), &context);
        price += _tcstod(field, NULL);
        CHECK(_tcstok_s(NULL, _T(";\n"), &context) == NULL, "_tcstok_s: three fields");
        if (count == 0)
            CHECK(tcs_equal(name, _T("msft")), "the first name");
        count++;
    }
    fclose(f);
    CHECK_EQ(count, 2, "_fgetts reads both records");
    CHECK_EQ(total, 125, "_ttoi after _tcsspn skips the blanks");
    CHECK(price > 602.74 && price < 602.76, "_tcstod reads the prices");

    _itot(-1234, num, 10);
    CHECK(tcs_equal(num, _T("-1234")), "_itot");
    _ltot(255, num, 16);
    CHECK(tcs_equal(num, _T("ff")), "_ltot in base 16");
    _ultot(4000000000ul, num, 10);
    CHECK(tcs_equal(num, _T("4000000000")), "_ultot");
    _i64tot(-5000000000ll, num, 10);
    CHECK(tcs_equal(num, _T("-5000000000")), "_i64tot");

    _tcscpy(line, _T("Msft Corp"));
    _tcsupr(line);
    CHECK(tcs_equal(line, _T("MSFT CORP")), "_tcsupr");
    _tcslwr(line);
    CHECK(tcs_equal(line, _T("msft corp")), "_tcslwr");
    CHECK(_tcsnicmp(line, _T("MSFT Inc"), 4) == 0, "_tcsnicmp ignores case");
    CHECK(_tcsnicmp(line, _T("MSFU"), 4) < 0, "and orders");
    CHECK(_istdigit(_T('7')) && !_istdigit(_T('x')), "_istdigit");
    CHECK(_istalpha(_T('q')) && _istspace(_T(' ')) && _istupper(_T('Q')), "_istalpha, _istspace, _istupper");
    CHECK(_totupper(_T('a')) == _T('A') && _totlower(_T('Z')) == _T('z'), "_totupper, _totlower");
    CHECK(_tcspbrk(line, _T(" ")) == line + 4, "_tcspbrk finds the blank");
    CHECK_EQ(_tcscspn(line, _T("c")), 5, "_tcscspn");
    _tcscpy(num, _T("abc"));
    _tcsrev(num);
    CHECK(tcs_equal(num, _T("cba")), "_tcsrev");
    _tcsncat(num, _T("defgh"), 2);
    CHECK(tcs_equal(num, _T("cbade")), "_tcsncat copies at most n");
    CHECK(_tcsinc(num) == num + 1, "_tcsinc");
}

static void files_and_dirs(void)
{
    TCHAR here[MAX_PATH], there[MAX_PATH];
    struct _stat st;
    FILE *f;
    int c;

    CHECK(_tgetcwd(here, MAX_PATH) != NULL, "_tgetcwd");
    CHECK_EQ(_tmkdir(_T("archive")), 0, "_tmkdir");
    CHECK_EQ(_tchdir(_T("archive")), 0, "_tchdir into it");
    CHECK(_tgetcwd(there, MAX_PATH) != NULL && _tcslen(there) > _tcslen(here), "_tgetcwd is deeper");
    f = _tfopen(_T("one.txt"), _T("w"));
    REQUIRE(f != NULL, "a file in the new directory");
    _fputtc(_T('A'), f);
    _puttc(_T('\xe9'), f); /* e acute: two bytes in UTF-8 with UNICODE, one byte without */
    fclose(f);
    f = _tfopen(_T("one.txt"), _T("r"));
    REQUIRE(f != NULL, "open it to read");
    c = _fgettc(f);
    CHECK(c == _T('A'), "_fgettc reads the first character back");
    c = _gettc(f);
    CHECK((TCHAR)c == _T('\xe9'), "and the second, as it was written");
    CHECK(_gettc(f) == _TEOF, "then _TEOF");
    fclose(f);
    CHECK(_tstat(_T("one.txt"), &st) == 0 && st.st_size >= 2 && (st.st_mode & _S_IFMT) == _S_IFREG,
          "_tstat sizes the file into a struct _stat");
    CHECK(_tstat(_T("archive-none"), &st) == -1 && errno == ENOENT, "_tstat of a missing name: ENOENT");
    CHECK_EQ(_trename(_T("one.txt"), _T("two.txt")), 0, "_trename");
    CHECK(_taccess(_T("one.txt"), 0) != 0 && _taccess(_T("two.txt"), 0) == 0, "the new name exists, the old does not");
    CHECK_EQ(_tremove(_T("two.txt")), 0, "_tremove");
    CHECK_EQ(_tchdir(here), 0, "_tchdir back");
    CHECK_EQ(_trmdir(_T("archive")), 0, "_trmdir");
    CHECK(_taccess(_T("archive"), 0) != 0, "the directory is gone");
    CHECK_EQ(_tunlink(_T("stock.txt")), 0, "_tunlink the record file");
}

static void stamps_and_environment(void)
{
    TCHAR t[16], d[16], year[16];
    time_t now = time(NULL);
    const TCHAR *path;

    _tstrtime(t);
    CHECK(_tcslen(t) == 8 && t[2] == _T(':') && t[5] == _T(':'), "_tstrtime is hh:mm:ss");
    _tstrdate(d);
    CHECK(_tcslen(d) == 8 && d[2] == _T('/') && d[5] == _T('/'), "_tstrdate is mm/dd/yy");
    CHECK_EQ(_tcsftime(year, 16, _T("%Y"), localtime(&now)), 4, "_tcsftime writes a 4-digit year");
    CHECK(_ttoi(year) >= 2024, "that reads as this year");
    CHECK_EQ(_tcsftime(year, 3, _T("%Y"), localtime(&now)), 0, "0 when it does not fit");
    path = _tgetenv(_T("PATH"));
    CHECK(path != NULL && _tcslen(path) > 0, "_tgetenv reads PATH");
    CHECK(_tgetenv(_T("PATH")) == path, "the same string when asked again");
    CHECK(_tgetenv(_T("WS2MP_NO_SUCH_VARIABLE")) == NULL, "NULL for a missing variable");
    CHECK(_tsystem(NULL) != 0, "_tsystem(NULL): there is a command processor");
}

static void parsing(void)
{
    TCHAR command[16], host[32], tiny[4];
    char narrow[8];
    int port = 0, backlog = 0, n;
    double rate = 0;
    FILE *f;

#ifdef _UNICODE
    /* %hs is a char string in both of Microsoft's families (C's own scanf leaves it undefined,
     * so the narrow build says %s). */
    n = _stscanf(_T("connect relay.example 5000 2.5 raw"), _T("%15s %31s %d %lf %7hs"), command, host, &port, &rate,
                 narrow);
#else
    n = _stscanf(_T("connect relay.example 5000 2.5 raw"), _T("%15s %31s %d %lf %7s"), command, host, &port, &rate,
                 narrow);
#endif
    CHECK_EQ(n, 5, "_stscanf converts five fields");
    CHECK(tcs_equal(command, _T("connect")) && tcs_equal(host, _T("relay.example")), "... TCHAR strings with %s");
    CHECK(port == 5000 && rate > 2.49 && rate < 2.51, "... numbers");
    CHECK(strcmp(narrow, "raw") == 0, "... and a char string with %hs");
    CHECK_EQ(_stscanf(_T("port: x"), _T("port: %d"), &port), 0, "a field that does not match converts nothing");
    CHECK_EQ(_stscanf(_T(""), _T("%d"), &port), EOF, "an empty string is EOF");
    n = _stscanf_s(_T("quit now"), _T("%s"), tiny, (unsigned)_countof(tiny));
    CHECK(n == 0 && tiny[0] == 0, "_stscanf_s: a word longer than the buffer gives an empty buffer");
    n = _stscanf_s(_T("ok"), _T("%s"), tiny, (unsigned)_countof(tiny));
    CHECK(n == 1 && tcs_equal(tiny, _T("ok")), "_stscanf_s: one that fits");

    f = _tfopen(_T("server.cfg"), _T("w"));
    REQUIRE(f != NULL, "write a config file");
    _fputts(_T("listen 8080 backlog 64\n"), f);
    fclose(f);
    f = _tfopen(_T("server.cfg"), _T("r"));
    REQUIRE(f != NULL, "read it back");
    n = _ftscanf(f, _T("%15s %d backlog %d"), command, &port, &backlog);
    fclose(f);
    CHECK(n == 3 && tcs_equal(command, _T("listen")) && port == 8080 && backlog == 64, "_ftscanf reads the config line");
    CHECK_EQ(_tremove(_T("server.cfg")), 0, "remove it");
}

/* The program's main body (its _tmain: the variants call it). */
static int run(void)
{
    TCHAR temp[MAX_PATH], here[MAX_PATH];
    REQUIRE(GetTempPath(MAX_PATH, temp) > 0, "GetTempPath");
    REQUIRE(_tgetcwd(here, MAX_PATH) != NULL, "remember the directory");
    _stprintf_s(temp + _tcslen(temp), MAX_PATH - _tcslen(temp), _T("tchar%u"), (unsigned)GetCurrentProcessId());
    REQUIRE(_tmkdir(temp) == 0 && _tchdir(temp) == 0, "work in a directory of its own");
    records();
    parsing();
    files_and_dirs();
    stamps_and_environment();
    CHECK_EQ(_tchdir(here), 0, "back where it started");
    CHECK_EQ(_trmdir(temp), 0, "and its directory removed");
    return check_done();
}

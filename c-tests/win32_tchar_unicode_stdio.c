/* ws2mp-test: no-mingw */ /* mingw-w64 maps _stprintf to ISO swprintf with a count, where Microsoft maps it to the legacy _swprintf */
/* A Unicode TCHAR program's C library calls (UNICODE and _UNICODE, as Visual Studio's default
 * "Use Unicode Character Set" defines them): a server banner with _tprintf, a log file with
 * _tfopen / _ftprintf / _fgetts, a command line parsed with _tcstok / _ttoi / _tcstol, reply
 * lines built with _stprintf / _sntprintf. TCHAR is the 16-bit WCHAR; files hold UTF-8. */
#define UNICODE
#define _UNICODE
#include <winsock2.h>
#include <windows.h>
#include <tchar.h>
#include <string.h>
#include "check.h"
#include "wide.h"

static int file_is(const char *path, const char *want)
{
    char got[256];
    size_t n;
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return 0;
    n = fread(got, 1, sizeof(got) - 1, f);
    fclose(f);
    got[n] = '\0';
    return strcmp(got, want) == 0;
}

int _tmain(int argc, TCHAR *argv[])
{
    TCHAR line[128], reply[16], command[64];
    TCHAR *word, *end;
    const char *log_path = "ws2mp_tchar_unicode_stdio.log";
    FILE *log;
    int n, port = 0, words = 0;
    long mask = 0;

    (void)argc;
    (void)argv;

    /* The banner: a TAP comment line, so that the test output stays readable. */
    n = _tprintf(_T("# %s listening on port %d (%S)\n"), _T("echo-server"), 5150, "narrow");
    CHECK_EQ(n, 46, "_tprintf returns the characters written");

    log = _tfopen(_T("ws2mp_tchar_unicode_stdio.log"), _T("w"));
    REQUIRE(log != NULL, "_tfopen opens the log for writing");
    CHECK_EQ(_ftprintf(log, _T("client %s:%u connected\n"), _T("127.0.0.1"), 49152u), 33,
             "_ftprintf returns the characters written");
    CHECK(_fputts(_T("caf\x00e9\n"), log) >= 0, "_fputts writes a line");
    fclose(log);
    CHECK(file_is(log_path, "client 127.0.0.1:49152 connected\ncaf\xc3\xa9\n"), "the log holds the lines in UTF-8");

    log = _tfopen(_T("ws2mp_tchar_unicode_stdio.log"), _T("r"));
    REQUIRE(log != NULL, "_tfopen opens the log for reading");
    CHECK(_fgetts(line, _countof(line), log) == line && weq(line, "client 127.0.0.1:49152 connected\n"),
          "_fgetts reads the first line as WCHARs");
    CHECK(_fgetts(line, _countof(line), log) == line && line[3] == 0x00e9 && line[4] == '\n',
          "_fgetts decodes UTF-8 to UTF-16");
    CHECK(_fgetts(line, _countof(line), log) == NULL, "_fgetts returns NULL at the end of the file");
    fclose(log);
    remove(log_path);

    /* A command line: "LISTEN 5150 0x1F verbose" */
    _tcscpy(command, _T("LISTEN  5150 0x1F verbose"));
    for (word = _tcstok(command, _T(" ")); word != NULL; word = _tcstok(NULL, _T(" "))) {
        words++;
        if (words == 2)
            port = _ttoi(word);
        if (words == 3)
            mask = _tcstol(word, &end, 16);
    }
    CHECK_EQ(words, 4, "_tcstok splits the command into 4 words");
    CHECK_EQ(port, 5150, "_ttoi reads the port");
    CHECK_EQ(mask, 0x1F, "_tcstol reads a hexadecimal mask");
    CHECK(end != NULL && *end == 0, "_tcstol's end pointer is past the digits");
    CHECK_EQ(_tcstol(_T("  -42abc"), &end, 10), -42, "_tcstol skips blanks and reads a sign");
    CHECK(weq(end, "abc"), "and stops at the first non-digit");
    CHECK(weq(_tcschr(_T("user@host"), '@'), "@host"), "_tcschr");
    CHECK(weq(_tcsrchr(_T("a/b/c"), '/'), "/c"), "_tcsrchr");
    CHECK(weq(_tcsstr(_T("GET /index.html"), _T("/index")), "/index.html"), "_tcsstr");
    CHECK(_tcsstr(_T("GET"), _T("POST")) == NULL, "_tcsstr returns NULL when absent");

    /* Replies. */
    CHECK_EQ(_stprintf(line, _T("%-6s|%04d|%c"), _T("OK"), 42, 'x'), 13, "_stprintf returns the length");
    CHECK(weq(line, "OK    |0042|x"), "_stprintf formats with widths, flags and %c");
    reply[4] = 'Z';
    CHECK_EQ(_sntprintf(reply, 4, _T("%d"), 123), 3, "_sntprintf fits");
    CHECK(weq(reply, "123"), "with its NUL");
    reply[4] = 'Z';
    CHECK_EQ(_sntprintf(reply, 4, _T("%d"), 1234), 4, "_sntprintf exactly filling the buffer returns the count");
    CHECK(reply[3] == '4' && reply[4] == 'Z', "and writes no NUL");
    CHECK_EQ(_sntprintf(reply, 4, _T("%s"), _T("too long")), -1, "_sntprintf cut returns -1");
    return check_done();
}

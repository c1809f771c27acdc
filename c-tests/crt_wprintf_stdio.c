/* Wide printf with only <stdio.h> and <wchar.h> included, as a Unicode console tool written
 * for Windows uses it: wprintf and fwprintf take %s as a wide string and %S / %hs as a narrow
 * one (the reverse of ISO C), %ls / %ws are wide too, %c a wide character and %C a narrow
 * one; wide and narrow output mix on one stream; swprintf takes a count (modern MSVC) and
 * _swprintf is the count-less legacy form; _snwprintf leaves no NUL when the text fills the
 * buffer. The log file is read back as bytes: the wide text is written as UTF-8. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include "check.h"

int main(void)
{
    wchar_t line[128], small[4];
    char bytes[256];
    const wchar_t *user = L"Zo\x00eb";
    const char *host = "gateway";
    FILE *log;
    size_t got;
    int n;

    n = swprintf(line, 128, L"%s@%S:%d", user, host, 8080);
    CHECK(n == 16 && wcscmp(line, L"Zo\x00eb@gateway:8080") == 0, "swprintf: %s wide, %S narrow");
    swprintf(line, 128, L"[%ls|%hs|%ws]", L"ls", "hs", L"ws");
    CHECK(wcscmp(line, L"[ls|hs|ws]") == 0, "%ls and %ws wide, %hs narrow");
    swprintf(line, 128, L"%c%C%5.2f%%", L'\x00e9', 'x', 2.5);
    CHECK(wcscmp(line, L"\x00e9x 2.50%") == 0, "%c a wide character, %C a narrow one");
    swprintf(line, 128, L"%-6s|%6S|", L"ab", "cd");
    CHECK(wcscmp(line, L"ab    |    cd|") == 0, "widths pad both kinds of string");
    CHECK(swprintf(small, 4, L"%s", L"toolong") < 0, "swprintf: -1 when the text does not fit");
    n = _swprintf(line, L"%s=%d", L"port", 25);
    CHECK(n == 7 && wcscmp(line, L"port=25") == 0, "_swprintf: the legacy count-less form");
    wmemset(small, L'#', 4);
    n = _snwprintf(small, 4, L"%s", L"abcd");
    CHECK(n == 4 && wmemcmp(small, L"abcd", 4) == 0, "_snwprintf fills the buffer without a NUL");

    log = tmpfile();
    REQUIRE(log != NULL, "a log file");
    fprintf(log, "narrow ");
    n = fwprintf(log, L"%s %S\n", user, host);
    CHECK_EQ(n, 12, "fwprintf returns the characters written");
    fprintf(log, "end");
    rewind(log);
    got = fread(bytes, 1, sizeof(bytes) - 1, log);
    bytes[got] = '\0';
    fclose(log);
    CHECK(strcmp(bytes, "narrow Zo\xc3\xab gateway\nend") == 0, "fwprintf mixes with fprintf, as UTF-8");

    printf("# printf, then ");
    fflush(stdout);
    n = wprintf(L"%s %S\n", L"wprintf", "on stdout");
    CHECK_EQ(n, 18, "wprintf writes to stdout after printf");
    return check_done();
}

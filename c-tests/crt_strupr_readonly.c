/* A protocol module that normalises command words in place with _strupr / _strlwr before
 * comparing them, called as well on its own table of constant words (string literals, in
 * read-only memory), which are already in the right case: Microsoft's functions write only the
 * characters they change, so that works on Windows. The same for the wide forms and the _s
 * forms, and for a buffer the program made read-only with VirtualProtect. */
#include <winsock2.h>
#include <windows.h>
#include <tchar.h>
#include <string.h>
#include <wchar.h>
#include "check.h"

static const char *const verbs[] = {"HELO", "QUIT", "NOOP"};

int main(void)
{
    char word[8];
    char *page;
    DWORD old = 0;
    size_t i;

    for (i = 0; i < sizeof verbs / sizeof verbs[0]; i++)
        CHECK(_strupr((char *)verbs[i]) == verbs[i], "_strupr of an upper-case literal returns it, unwritten");
    CHECK(strcmp(_strlwr((char *)"mail from"), "mail from") == 0, "_strlwr of a lower-case literal");
    CHECK(_strupr_s((char *)"RCPT", 5) == 0, "_strupr_s of an upper-case literal");
    CHECK(_strlwr_s((char *)"data", 5) == 0, "_strlwr_s of a lower-case literal");
    CHECK(wcscmp(_wcsupr((wchar_t *)L"EHLO 42"), L"EHLO 42") == 0, "_wcsupr of an upper-case wide literal");
    CHECK(wcscmp(_wcslwr((wchar_t *)L"vrfy"), L"vrfy") == 0, "_wcslwr of a lower-case wide literal");
    CHECK(_wcsupr_s((wchar_t *)L"RSET", 5) == 0, "_wcsupr_s of an upper-case wide literal");

    strcpy(word, "hElo");
    CHECK(strcmp(_strupr(word), "HELO") == 0, "a mixed-case word is upper-cased");
    CHECK(strcmp(_strlwr(word), "helo") == 0, "and lower-cased");

    page = (char *)VirtualAlloc(NULL, 4096, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE);
    REQUIRE(page != NULL, "VirtualAlloc");
    strcpy(page, "123-XYZ");
    REQUIRE(VirtualProtect(page, 4096, PAGE_READONLY, &old), "VirtualProtect to read-only");
    CHECK(_strupr(page) == page && strcmp(page, "123-XYZ") == 0, "_strupr of a read-only page with nothing to change");
    CHECK(_tcsupr(page) == page, "_tcsupr too");
    REQUIRE(VirtualProtect(page, 4096, PAGE_READWRITE, &old), "VirtualProtect back");
    CHECK(VirtualFree(page, 0, MEM_RELEASE), "VirtualFree");
    return check_done();
}

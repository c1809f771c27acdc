/* An old text editor sizes its conversion buffers with GetCPInfo (MaxCharSize per character),
 * walks ANSI strings with IsDBCSLeadByte so it never splits a double-byte character, shows
 * the code page's name from GetCPInfoEx, and offers only the code pages IsValidCodePage
 * accepts. Here the ANSI code page is UTF-8: 4 bytes at most, no lead bytes. Wine's kernel32
 * codepage.c test_threadcp and test_GetCPInfo (docs/WINDOWS.md §10.11). */
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include "check.h"

static void test_cpinfo(void)
{
    CPINFO info;
    CPINFOEXA ex;
    CPINFOEXW exw;
    int i, leads = 0;
    memset(&info, 0xaa, sizeof(info));
    REQUIRE(GetCPInfo(CP_ACP, &info), "GetCPInfo(CP_ACP)");
    CHECK_EQ(info.MaxCharSize, 4, "UTF-8: up to 4 bytes a character");
    CHECK(info.DefaultChar[0] == '?' && info.DefaultChar[1] == 0, "default character '?'");
    for (i = 0; i < MAX_LEADBYTES; i++)
        leads |= info.LeadByte[i];
    CHECK_EQ(leads, 0, "no lead byte ranges");
    REQUIRE(GetCPInfo(1252, &info), "GetCPInfo(1252)");
    CHECK_EQ(info.MaxCharSize, 1, "1252 is single-byte");

    memset(&info, 0xaa, sizeof(info));
    SetLastError(0);
    CHECK(!GetCPInfo(12345, &info) && GetLastError() == ERROR_INVALID_PARAMETER, "unknown page: ERROR_INVALID_PARAMETER");
    CHECK_EQ(info.MaxCharSize, 0xaaaaaaaau, "nothing written");
    SetLastError(0);
    CHECK(!GetCPInfo(CP_ACP, NULL) && GetLastError() == ERROR_INVALID_PARAMETER, "NULL: ERROR_INVALID_PARAMETER");

    memset(&ex, 0, sizeof(ex));
    REQUIRE(GetCPInfoExA(CP_THREAD_ACP, 0, &ex), "GetCPInfoExA(CP_THREAD_ACP)");
    CHECK_EQ(ex.CodePage, GetACP(), "the thread's ANSI page is the ANSI page");
    CHECK(strstr(ex.CodePageName, "65001") != NULL, "its name starts with its number");
    printf("# %s\n", ex.CodePageName);
    REQUIRE(GetCPInfoExW(1252, 0, &exw), "GetCPInfoExW(1252)");
    CHECK(exw.CodePage == 1252 && exw.CodePageName[0] == '1', "wide name too");
    SetLastError(0);
    CHECK(!GetCPInfoExA(CP_ACP, 1, &ex) && GetLastError() == ERROR_INVALID_FLAGS, "flags: ERROR_INVALID_FLAGS");
}

static void test_valid_and_lead(void)
{
    const char *text = "na\xc3\xafve";
    int i, chars = 0;
    CHECK(IsValidCodePage(CP_UTF8), "UTF-8 is offered");
    CHECK(IsValidCodePage(1252), "1252 too");
    CHECK(!IsValidCodePage(CP_ACP), "CP_ACP is an alias, not a code page");
    CHECK(!IsValidCodePage(932), "no Shift-JIS");
    for (i = 0; text[i] != '\0'; i++) {
        if (IsDBCSLeadByte((BYTE)text[i]))
            i++;
        chars++;
    }
    CHECK_EQ(chars, 6, "no byte of the ANSI string is a DBCS lead byte");
    CHECK(!IsDBCSLeadByteEx(CP_ACP, 0x81) && !IsDBCSLeadByteEx(CP_THREAD_ACP, 0xe0), "nor in any alias");
}

int main(void)
{
    test_cpinfo();
    test_valid_and_lead();
    return check_done();
}

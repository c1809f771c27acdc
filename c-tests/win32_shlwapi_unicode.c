/*
 * A Unicode program's (UNICODE and _UNICODE) file names and text: <shlwapi.h>'s path and
 * string helpers, the user32 character functions, GetDateFormat/GetTimeFormat and
 * GetTempFileName, all through the W forms with TCHAR strings, as a file-transfer tool
 * builds the name of a download and logs it.
 */
#define UNICODE
#define _UNICODE
#include <winsock2.h>
#include <windows.h>
#include <shlwapi.h>
#include <tchar.h>
#include <string.h>
#include "check.h"
#include "wide.h"

static void test_paths(void)
{
    TCHAR path[MAX_PATH], file[MAX_PATH], line[32], dir[MAX_PATH], tmp[MAX_PATH];
    HANDLE f;
    lstrcpy(path, W("C:\\downloads\\report.final.txt"));
    CHECK(weq(PathFindFileName(path), "report.final.txt") && PathFindFileName(path) == path + 13,
          "PathFindFileName (W) points into the string");
    CHECK(weq(PathFindExtension(path), ".txt"), "PathFindExtension (W): the last dot");
    CHECK(PathRenameExtension(path, _T(".bak")) && weq(path, "C:\\downloads\\report.final.bak"), "PathRenameExtension (W)");
    PathRemoveExtension(path);
    CHECK(weq(path, "C:\\downloads\\report.final"), "PathRemoveExtension (W)");
    CHECK(PathRemoveFileSpec(path) && weq(path, "C:\\downloads"), "PathRemoveFileSpec (W)");
    lstrcpy(path, W("C:\\a\\b\\file.bin"));
    PathStripPath(path);
    CHECK(weq(path, "file.bin"), "PathStripPath (W)");
    CHECK(PathIsRelative(_T("data\\x")) && !PathIsRelative(_T("C:\\x")) && !PathIsRelative(_T("\\x")),
          "PathIsRelative (W)");
    lstrcpy(path, W("incoming"));
    CHECK(PathAppend(path, _T("\\part1.dat")) && weq(path, "incoming\\part1.dat"), "PathAppend (W)");
    lstrcpy(path, W("out"));
    CHECK(PathAddBackslash(path) == path + 4 && weq(path, "out\\"), "PathAddBackslash (W) adds one");
    CHECK(PathCombine(file, _T("base"), _T("name.txt")) == file && weq(file, "base\\name.txt"), "PathCombine (W)");
    CHECK(StrStrI(_T("GET /Index.HTML HTTP/1.0"), _T("index.html")) != NULL, "StrStrI (W)");
    CHECK(StrCmpI(_T("QUIT"), _T("quit")) == 0 && StrCmpNI(_T("USER bob"), _T("user"), 4) == 0 &&
              StrCmpI(_T("a"), _T("b")) < 0,
          "StrCmpI, StrCmpNI (W)");
    CHECK_EQ(StrToInt(_T("-42x")), -42, "StrToInt (W)");
    lstrcpy(line, W("  PORT 21\r\n"));
    CHECK(StrTrim(line, _T(" \t\r\n")) && weq(line, "PORT 21"), "StrTrim (W)");

    GetTempPath(MAX_PATH, tmp);
    CHECK(GetTempFileName(tmp, _T("dl"), 0, dir) != 0, "GetTempFileName (W) makes a new file");
    CHECK(PathFileExists(dir) && !PathIsDirectory(dir), "PathFileExists (W), PathIsDirectory (W) on it");
    f = CreateFile(dir, GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
    CHECK(f != INVALID_HANDLE_VALUE, "CreateFile (W) opens it by that name");
    CloseHandle(f);
    CHECK(DeleteFile(dir) && !PathFileExists(dir), "DeleteFile (W); gone");
}

static void test_chars_and_dates(void)
{
    TCHAR text[64];
    SYSTEMTIME t;
    lstrcpy(text, W("Mixed Case 123"));
    CharUpper(text);
    CHECK(weq(text, "MIXED CASE 123"), "CharUpper (W) on a string");
    CHECK((TCHAR)(ULONG_PTR)CharLower((LPTSTR)(ULONG_PTR)'Q') == 'q', "CharLower (W) on one character in the low word");
    CHECK(CharUpperBuff(text, 3) == 3 && CharLowerBuff(text, 5) == 5 && weq(text, "mixed CASE 123"),
          "CharUpperBuff / CharLowerBuff (W)");
    CHECK(IsCharAlpha('a') && !IsCharAlpha('1') && IsCharAlphaNumeric('1') && IsCharUpper('A') && IsCharLower('a'),
          "IsCharAlpha & co. (W)");
    CHECK(CharNext(text) == text + 1 && CharPrev(text, text + 1) == text && CharPrev(text, text) == text,
          "CharNext / CharPrev (W)");
    memset(&t, 0, sizeof(t));
    t.wYear = 2024;
    t.wMonth = 3;
    t.wDay = 7;
    t.wHour = 9;
    t.wMinute = 5;
    t.wSecond = 30;
    CHECK_EQ(GetDateFormat(LOCALE_USER_DEFAULT, 0, &t, _T("yyyy'-'MM'-'dd"), text, 64), 11,
             "GetDateFormat (W): the count includes the NUL");
    CHECK(weq(text, "2024-03-07"), "... the date");
    CHECK_EQ(GetDateFormat(LOCALE_USER_DEFAULT, 0, &t, _T("yyyy'-'MM'-'dd"), NULL, 0), 11, "... the size asked with 0");
    CHECK(GetTimeFormat(LOCALE_USER_DEFAULT, 0, &t, _T("HH':'mm':'ss"), text, 64) == 9 && weq(text, "09:05:30"),
          "GetTimeFormat (W)");
    SetLastError(0);
    CHECK(GetTimeFormat(LOCALE_USER_DEFAULT, 0, &t, _T("HH':'mm':'ss"), text, 4) == 0 &&
              GetLastError() == ERROR_INSUFFICIENT_BUFFER,
          "... too small: ERROR_INSUFFICIENT_BUFFER");
}

int main(void)
{
    test_paths();
    test_chars_and_dates();
    return check_done();
}

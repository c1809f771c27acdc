/* An installer normalises the paths it is given the Windows way: GetFullPathName first, then
 * GetLongPathName (to undo 8.3 names) and GetShortPathName (for an old tool's command line),
 * and reports a bad argument by the error code it gets; its launcher asks
 * NeedCurrentDirectoryForExePath before it looks for a helper in the current directory.
 * Windows' answers as Wine's kernel32 path.c test records them (docs/WINDOWS.md §10.10). */
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include "check.h"

static void test_bad_names(void)
{
    char buf[MAX_PATH], *part = (char *)buf;
    WCHAR wbuf[MAX_PATH];
    DWORD n;

    SetLastError(0);
    strcpy(buf, "untouched");
    n = GetFullPathNameA(NULL, sizeof(buf), buf, &part);
    CHECK(n == 0 && GetLastError() == ERROR_INVALID_NAME, "GetFullPathName(NULL): 0 and ERROR_INVALID_NAME");
    CHECK(strcmp(buf, "untouched") == 0 && part == buf, "... the buffer and the part pointer untouched");
    SetLastError(0);
    n = GetFullPathNameW(NULL, MAX_PATH, wbuf, NULL);
    CHECK(n == 0 && GetLastError() == ERROR_INVALID_NAME, "GetFullPathNameW(NULL) too");

    SetLastError(0);
    n = GetLongPathNameA("", buf, sizeof(buf));
    CHECK(n == 0 && GetLastError() == ERROR_PATH_NOT_FOUND, "GetLongPathName(\"\"): ERROR_PATH_NOT_FOUND");
    SetLastError(0);
    n = GetShortPathNameA("", buf, sizeof(buf));
    CHECK(n == 0 && GetLastError() == ERROR_PATH_NOT_FOUND, "GetShortPathName(\"\") too");
    SetLastError(0);
    n = GetLongPathNameW(NULL, NULL, 0);
    CHECK(n == 0 && GetLastError() == ERROR_INVALID_PARAMETER, "GetLongPathNameW(NULL): ERROR_INVALID_PARAMETER");
    SetLastError(0);
    n = GetLongPathNameA(".\\*", buf, sizeof(buf));
    CHECK(n == 0 && GetLastError() == ERROR_INVALID_NAME, "a wildcard: ERROR_INVALID_NAME");
    SetLastError(0);
    n = GetShortPathNameA("conf?.ini", buf, sizeof(buf));
    CHECK(n == 0 && GetLastError() == ERROR_INVALID_NAME, "GetShortPathName of a wildcard too");
    SetLastError(0);
    n = GetLongPathNameA("no_such_setup_file.ini", buf, sizeof(buf));
    CHECK(n == 0 && GetLastError() == ERROR_FILE_NOT_FOUND, "a missing file: ERROR_FILE_NOT_FOUND");
}

static void test_long_path_prefix(void)
{
    char dir[MAX_PATH], file[MAX_PATH], prefixed[MAX_PATH + 4], buf[MAX_PATH + 4];
    HANDLE h;
    DWORD n;
    REQUIRE(GetTempPathA(sizeof(dir), dir) > 0, "GetTempPath");
    snprintf(file, sizeof(file), "%ssetup_%lu.log", dir, (unsigned long)GetCurrentProcessId());
    h = CreateFileA(file, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
    REQUIRE(h != INVALID_HANDLE_VALUE, "CreateFile");
    CloseHandle(h);
    snprintf(prefixed, sizeof(prefixed), "\\\\?\\%s", file);
    n = GetLongPathNameA(prefixed, NULL, 0);
    CHECK_EQ(n, strlen(file) + 5, "a \\\\?\\ name: the size needed, prefix included");
    n = GetLongPathNameA(prefixed, buf, sizeof(buf));
    CHECK(n == strlen(prefixed) && strcmp(buf, prefixed) == 0, "... and the name back with its prefix");
    memset(buf, 0, sizeof(buf));
    n = GetShortPathNameA(prefixed, buf, 4);
    CHECK(n == strlen(prefixed) + 1 && buf[0] == 0, "a short buffer: the size needed, the buffer untouched");
    CHECK(DeleteFileA(file), "DeleteFile");
}

/* A launcher decides whether to try the current directory for a bare program name, and
 * honours the administrator's NoDefaultCurrentDirectoryInExePath. */
static void test_need_current_directory(void)
{
    SetEnvironmentVariableA("NoDefaultCurrentDirectoryInExePath", NULL);
    CHECK(NeedCurrentDirectoryForExePathA("helper.exe"), "a bare name: search the current directory");
    CHECK(NeedCurrentDirectoryForExePathA(".\\helper.exe"), "a name with a directory: yes");
    CHECK(NeedCurrentDirectoryForExePathW(L"helper.exe"), "the W form");
    SetEnvironmentVariableA("NoDefaultCurrentDirectoryInExePath", "1");
    CHECK(!NeedCurrentDirectoryForExePathA("helper.exe"), "NoDefaultCurrentDirectoryInExePath set: not for a bare name");
    CHECK(!NeedCurrentDirectoryForExePathA("."), "... nor for \".\"");
    CHECK(NeedCurrentDirectoryForExePathA("bin\\helper.exe"), "... but still for a name with a directory");
    CHECK(!NeedCurrentDirectoryForExePathW(L"helper.exe"), "the W form too");
    SetEnvironmentVariableA("NoDefaultCurrentDirectoryInExePath", NULL);
}

int main(void)
{
    test_need_current_directory();
    test_bad_names();
    test_long_path_prefix();
    return check_done();
}

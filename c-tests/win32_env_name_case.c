/* A tool's start-up code reads its settings the Windows way: variable names in whatever case
 * the documentation used ("Path", "MyTool_Home"), a variable set to "" to switch an option
 * off, and %name% references expanded in a configured command line. Windows' variable names
 * are case-insensitive (docs/WINDOWS.md §10.9). */
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include "check.h"

static void test_names_ignore_case(void)
{
    char buf[512], path[512];
    DWORD n;
    CHECK(SetEnvironmentVariableA("MyTool_Home", "/opt/mytool"), "SetEnvironmentVariable");
    n = GetEnvironmentVariableA("MYTOOL_HOME", buf, sizeof(buf));
    CHECK(n == 11 && strcmp(buf, "/opt/mytool") == 0, "another case finds the variable");
    n = GetEnvironmentVariableA("mytool_home", NULL, 0);
    CHECK_EQ(n, 12, "the size query too");
    CHECK(SetEnvironmentVariableA("MYTOOL_HOME", "/srv/mytool"), "setting it in another case");
    n = GetEnvironmentVariableA("MyTool_Home", buf, sizeof(buf));
    CHECK(n == 11 && strcmp(buf, "/srv/mytool") == 0, "... changes the same variable");
    n = ExpandEnvironmentStringsA("%mytool_home%/bin", buf, sizeof(buf));
    CHECK(n == 16 && strcmp(buf, "/srv/mytool/bin") == 0, "%name% expands in any case");
    CHECK(SetEnvironmentVariableA("mytool_HOME", NULL), "deleting it in another case");
    SetLastError(0);
    n = GetEnvironmentVariableA("MyTool_Home", buf, sizeof(buf));
    CHECK(n == 0 && GetLastError() == ERROR_ENVVAR_NOT_FOUND, "... deletes it");

    n = GetEnvironmentVariableA("PATH", path, sizeof(path));
    REQUIRE(n > 0 && n < sizeof(path), "PATH is set");
    n = GetEnvironmentVariableA("Path", buf, sizeof(buf));
    CHECK(n > 0 && strcmp(buf, path) == 0, "\"Path\" is PATH");
}

static void test_empty_value(void)
{
    char buf[16];
    WCHAR wbuf[16];
    static const WCHAR name[] = {'Q', 'U', 'I', 'E', 'T', 0};
    DWORD n;
    CHECK(SetEnvironmentVariableA("QUIET", ""), "a variable can be set to \"\"");
    strcpy(buf, "xyz");
    n = GetEnvironmentVariableA("quiet", buf, sizeof(buf));
    CHECK(n == 0 && buf[0] == '\0', "it reads as \"\" with 0");
    wbuf[0] = 'x';
    SetLastError(0);
    n = GetEnvironmentVariableW(name, wbuf, 16);
    CHECK(n == 0 && wbuf[0] == 0 && GetLastError() == ERROR_ENVVAR_NOT_FOUND,
          "GetEnvironmentVariableW: \"\", 0 and ERROR_ENVVAR_NOT_FOUND");
    n = ExpandEnvironmentStringsA(NULL, buf, sizeof(buf));
    CHECK(n == 1 && buf[0] == '\0', "ExpandEnvironmentStrings of NULL is the empty string");
    SetEnvironmentVariableA("QUIET", NULL);
}

int main(void)
{
    test_names_ignore_case();
    test_empty_value();
    return check_done();
}

/* A batch tool makes its scratch files the Windows way: GetTempPath for the directory (or the
 * TMP variable the user set), GetTempFileName for a unique name in it, and checks the error
 * when the configured directory is gone. Windows' answers as Wine's kernel32 path.c test
 * records them (docs/WINDOWS.md §10.10). */
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include "check.h"

static void test_missing_directory(void)
{
    char dir[MAX_PATH], missing[MAX_PATH], name[MAX_PATH];
    UINT id;
    REQUIRE(GetTempPathA(sizeof(dir), dir) > 0, "GetTempPath");
    snprintf(missing, sizeof(missing), "%sno_such_spool_dir_5b1", dir);
    SetLastError(0);
    id = GetTempFileNameA(missing, "job", 0, name);
    CHECK(id == 0 && GetLastError() == ERROR_DIRECTORY, "a missing directory: 0 and ERROR_DIRECTORY");
    SetLastError(0);
    id = GetTempFileNameA(missing, "job", 7, name);
    CHECK(id == 0 && GetLastError() == ERROR_DIRECTORY, "... with a number given too");
    id = GetTempFileNameA(dir, "job", 7, name);
    CHECK_EQ(id, 7, "an existing directory with a number: the number");
    CHECK(GetFileAttributesA(name) == INVALID_FILE_ATTRIBUTES, "... and no file is made");
    id = GetTempFileNameA(dir, "job", 0, name);
    CHECK(id != 0, "with 0: a new file");
    CHECK(GetFileAttributesA(name) != INVALID_FILE_ATTRIBUTES, "... that exists");
    SetLastError(0);
    CHECK(GetTempFileNameA(name, "job", 0, missing) == 0 && GetLastError() == ERROR_DIRECTORY,
          "a file is not a directory: ERROR_DIRECTORY");
    CHECK(DeleteFileA(name), "the scratch file deletes");
}

/* The user points TMP (or TEMP) at a spool directory; the tool's GetTempPath follows it. */
static void test_tmp_variable(void)
{
    char cwd[MAX_PATH], want[MAX_PATH], got[MAX_PATH], saved_tmp[MAX_PATH], saved_temp[MAX_PATH];
    WCHAR wide[64];
    DWORD n, had_tmp, had_temp, i, clear;
    had_tmp = GetEnvironmentVariableA("TMP", saved_tmp, sizeof(saved_tmp));
    had_temp = GetEnvironmentVariableA("TEMP", saved_temp, sizeof(saved_temp));
    REQUIRE(GetCurrentDirectoryA(sizeof(cwd), cwd) > 0, "GetCurrentDirectory");
    snprintf(want, sizeof(want), "%s/", cwd);

    CHECK(SetEnvironmentVariableA("Tmp", cwd), "set Tmp");
    n = GetTempPathA(sizeof(got), got);
    CHECK(n == strlen(want) && strcmp(got, want) == 0, "TMP names the temporary directory, with a separator added");
    CHECK(SetEnvironmentVariableA("TMP", NULL), "unset TMP");
    CHECK(SetEnvironmentVariableA("TEMP", "."), "set TEMP to a relative name");
    n = GetTempPathA(sizeof(got), got);
    CHECK(n == strlen(want) && strcmp(got, want) == 0, "TEMP when TMP is not set, made absolute");
    CHECK_EQ(GetTempPathA(3, got), strlen(want) + 1, "a short buffer: the size needed");

    for (i = 0; i < 64; i++)
        wide[i] = 'x';
    n = GetTempPathW(64, wide);
    if (n < 64) {
        for (clear = 1, i = n; i < 64; i++)
            clear = clear && wide[i] == 0;
        CHECK(clear, "GetTempPathW clears the rest of the buffer");
    }
    for (i = 0; i < 64; i++)
        wide[i] = 'x';
    n = GetTempPathW(2, wide);
    CHECK(n == strlen(want) + 1 && wide[0] == 0 && wide[1] == 0 && wide[2] == 'x',
          "GetTempPathW with a short buffer: the size needed, the buffer cleared");

    SetEnvironmentVariableA("TMP", had_tmp ? saved_tmp : NULL);
    SetEnvironmentVariableA("TEMP", had_temp ? saved_temp : NULL);
}

int main(void)
{
    test_missing_directory();
    test_tmp_variable();
    return check_done();
}

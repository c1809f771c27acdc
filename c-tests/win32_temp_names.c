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

int main(void)
{
    test_missing_directory();
    return check_done();
}

/* A server that keeps its spool and log directories tidy reports what went wrong by the error
 * code Windows gives: CreateDirectory of an existing name (also ".", "..", or a file's name) is
 * ERROR_ALREADY_EXISTS, under a missing parent ERROR_PATH_NOT_FOUND, an empty name
 * ERROR_PATH_NOT_FOUND, a name with a wildcard ERROR_INVALID_NAME; RemoveDirectory of a missing
 * directory is ERROR_FILE_NOT_FOUND, of a file ERROR_DIRECTORY, of the current directory
 * ERROR_SHARING_VIOLATION; DeleteFile of a directory is ERROR_ACCESS_DENIED, of an empty name
 * ERROR_PATH_NOT_FOUND, and a file open with FILE_SHARE_DELETE can be deleted (it is gone once
 * closed); SetCurrentDirectory tells a missing directory from a missing parent and from a file.
 * A listing starts with "." and then ".."; a search through a missing directory is
 * ERROR_PATH_NOT_FOUND, one for a missing name ERROR_FILE_NOT_FOUND. Windows' answers as
 * Wine's kernel32 directory.c and file.c tests record them (docs/WINDOWS.md §10.19). */
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include "check.h"

static char base[MAX_PATH + 64];

static void join(char *out, size_t cap, const char *name)
{
    snprintf(out, cap, "%s\\%s", base, name);
}

static void make_file(const char *name)
{
    HANDLE h = CreateFileA(name, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
    DWORD n = 0;
    REQUIRE(h != INVALID_HANDLE_VALUE, "a file to work with");
    WriteFile(h, "spool", 5, &n, NULL);
    CloseHandle(h);
}

static void test_create_directory(void)
{
    char name[MAX_PATH + 128], file[MAX_PATH + 128], cwd[MAX_PATH];
    static const WCHAR empty[] = {0};

    join(name, sizeof(name), "spool");
    CHECK(CreateDirectoryA(name, NULL), "CreateDirectory makes the spool directory");
    SetLastError(0xdeadbeef);
    CHECK(!CreateDirectoryA(name, NULL) && GetLastError() == ERROR_ALREADY_EXISTS,
          "again: ERROR_ALREADY_EXISTS");
    join(file, sizeof(file), "spool.txt");
    make_file(file);
    SetLastError(0xdeadbeef);
    CHECK(!CreateDirectoryA(file, NULL) && GetLastError() == ERROR_ALREADY_EXISTS,
          "over a file's name: ERROR_ALREADY_EXISTS");
    CHECK(!(GetFileAttributesA(file) & FILE_ATTRIBUTE_DIRECTORY), "... the file stays a file");

    GetCurrentDirectoryA(sizeof(cwd), cwd);
    REQUIRE(SetCurrentDirectoryA(name), "into the spool directory");
    SetLastError(0xdeadbeef);
    CHECK(!CreateDirectoryA(".", NULL) && GetLastError() == ERROR_ALREADY_EXISTS, "\".\": ERROR_ALREADY_EXISTS");
    SetLastError(0xdeadbeef);
    CHECK(!CreateDirectoryA("..", NULL) && GetLastError() == ERROR_ALREADY_EXISTS, "\"..\": ERROR_ALREADY_EXISTS");
    SetLastError(0xdeadbeef);
    CHECK(!RemoveDirectoryA(name), "RemoveDirectory of the current directory fails");
    CHECK_EQ(GetLastError(), ERROR_SHARING_VIOLATION, "... with ERROR_SHARING_VIOLATION");
    CHECK(GetFileAttributesA(name) & FILE_ATTRIBUTE_DIRECTORY, "... and it is still there");
    REQUIRE(SetCurrentDirectoryA(cwd), "back to the first directory");

    join(name, sizeof(name), "missing\\spool");
    SetLastError(0xdeadbeef);
    CHECK(!CreateDirectoryA(name, NULL) && GetLastError() == ERROR_PATH_NOT_FOUND,
          "under a missing parent: ERROR_PATH_NOT_FOUND");
    SetLastError(0xdeadbeef);
    CHECK(!CreateDirectoryA("", NULL) && GetLastError() == ERROR_PATH_NOT_FOUND, "\"\": ERROR_PATH_NOT_FOUND");
    SetLastError(0xdeadbeef);
    CHECK(!CreateDirectoryW(empty, NULL) && GetLastError() == ERROR_PATH_NOT_FOUND, "L\"\": ERROR_PATH_NOT_FOUND");
    SetLastError(0xdeadbeef);
    CHECK(!CreateDirectoryW(NULL, NULL) && GetLastError() == ERROR_PATH_NOT_FOUND, "NULL: ERROR_PATH_NOT_FOUND");
    join(name, sizeof(name), "job?");
    SetLastError(0xdeadbeef);
    CHECK(!CreateDirectoryA(name, NULL) && GetLastError() == ERROR_INVALID_NAME, "\"job?\": ERROR_INVALID_NAME");
    join(name, sizeof(name), "job*");
    SetLastError(0xdeadbeef);
    CHECK(!CreateDirectoryA(name, NULL) && GetLastError() == ERROR_INVALID_NAME, "\"job*\": ERROR_INVALID_NAME");
    SetLastError(0xdeadbeef);
    CHECK(!RemoveDirectoryA(name) && GetLastError() == ERROR_INVALID_NAME,
          "RemoveDirectory(\"job*\"): ERROR_INVALID_NAME");
}

static void test_remove_and_delete(void)
{
    char name[MAX_PATH + 128], file[MAX_PATH + 128];
    static const WCHAR empty[] = {0};
    HANDLE h;

    join(name, sizeof(name), "gone");
    SetLastError(0xdeadbeef);
    CHECK(!RemoveDirectoryA(name) && GetLastError() == ERROR_FILE_NOT_FOUND,
          "RemoveDirectory of a missing directory: ERROR_FILE_NOT_FOUND");
    join(name, sizeof(name), "gone\\deeper");
    SetLastError(0xdeadbeef);
    CHECK(!RemoveDirectoryA(name) && GetLastError() == ERROR_PATH_NOT_FOUND,
          "... under a missing parent: ERROR_PATH_NOT_FOUND");
    join(file, sizeof(file), "spool.txt");
    SetLastError(0xdeadbeef);
    CHECK(!RemoveDirectoryA(file) && GetLastError() == ERROR_DIRECTORY, "RemoveDirectory of a file: ERROR_DIRECTORY");
    CHECK(GetFileAttributesA(file) != INVALID_FILE_ATTRIBUTES, "... the file stays");

    join(name, sizeof(name), "spool");
    SetLastError(0xdeadbeef);
    CHECK(!DeleteFileA(name) && GetLastError() == ERROR_ACCESS_DENIED, "DeleteFile of a directory: ERROR_ACCESS_DENIED");
    CHECK(GetFileAttributesA(name) & FILE_ATTRIBUTE_DIRECTORY, "... the directory stays");
    SetLastError(0xdeadbeef);
    CHECK(!DeleteFileA("") && GetLastError() == ERROR_PATH_NOT_FOUND, "DeleteFile(\"\"): ERROR_PATH_NOT_FOUND");
    SetLastError(0xdeadbeef);
    CHECK(!DeleteFileW(empty) && GetLastError() == ERROR_PATH_NOT_FOUND, "DeleteFileW(L\"\"): ERROR_PATH_NOT_FOUND");
    SetLastError(0xdeadbeef);
    CHECK(!DeleteFileW(NULL) && GetLastError() == ERROR_PATH_NOT_FOUND, "DeleteFileW(NULL): ERROR_PATH_NOT_FOUND");
    join(name, sizeof(name), "gone\\job.txt");
    SetLastError(0xdeadbeef);
    CHECK(!DeleteFileA(name) && GetLastError() == ERROR_PATH_NOT_FOUND,
          "DeleteFile through a missing directory: ERROR_PATH_NOT_FOUND");

    h = CreateFileA(file, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_DELETE, NULL, OPEN_EXISTING, 0, NULL);
    REQUIRE(h != INVALID_HANDLE_VALUE, "the file open with FILE_SHARE_DELETE");
    CHECK(DeleteFileA(file), "DeleteFile of it succeeds");
    CloseHandle(h);
    SetLastError(0xdeadbeef);
    CHECK(GetFileAttributesA(file) == INVALID_FILE_ATTRIBUTES && GetLastError() == ERROR_FILE_NOT_FOUND,
          "... it is gone once closed");
    SetLastError(0xdeadbeef);
    CHECK(!DeleteFileA(file) && GetLastError() == ERROR_FILE_NOT_FOUND, "... a second DeleteFile: ERROR_FILE_NOT_FOUND");
}

static void test_current_directory(void)
{
    char name[MAX_PATH + 128], cwd[MAX_PATH], now[MAX_PATH];

    GetCurrentDirectoryA(sizeof(cwd), cwd);
    join(name, sizeof(name), "gone");
    SetLastError(0xdeadbeef);
    CHECK(!SetCurrentDirectoryA(name) && GetLastError() == ERROR_FILE_NOT_FOUND,
          "SetCurrentDirectory to a missing directory: ERROR_FILE_NOT_FOUND");
    join(name, sizeof(name), "gone\\deeper");
    SetLastError(0xdeadbeef);
    CHECK(!SetCurrentDirectoryA(name) && GetLastError() == ERROR_PATH_NOT_FOUND,
          "... under a missing parent: ERROR_PATH_NOT_FOUND");
    join(name, sizeof(name), "note.txt");
    make_file(name);
    SetLastError(0xdeadbeef);
    CHECK(!SetCurrentDirectoryA(name) && GetLastError() == ERROR_DIRECTORY, "... to a file: ERROR_DIRECTORY");
    GetCurrentDirectoryA(sizeof(now), now);
    CHECK(strcmp(now, cwd) == 0, "the current directory did not change");
    DeleteFileA(name);
}

static void test_find(void)
{
    char spec[MAX_PATH + 128];
    WIN32_FIND_DATAA fd;
    HANDLE h;
    int rest = 0;

    join(spec, sizeof(spec), "spool\\a.job");
    make_file(spec);
    join(spec, sizeof(spec), "spool\\*");
    h = FindFirstFileA(spec, &fd);
    REQUIRE(h != INVALID_HANDLE_VALUE, "FindFirstFile(\"spool\\\\*\")");
    CHECK(strcmp(fd.cFileName, ".") == 0 && (fd.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY), "\".\" comes first");
    CHECK(FindNextFileA(h, &fd) && strcmp(fd.cFileName, "..") == 0, "\"..\" second");
    while (FindNextFileA(h, &fd))
        rest++;
    CHECK_EQ(GetLastError(), ERROR_NO_MORE_FILES, "then the file, and ERROR_NO_MORE_FILES");
    CHECK_EQ(rest, 1, "... one file");
    SetLastError(0xdeadbeef);
    CHECK(!FindNextFileA(h, &fd) && GetLastError() == ERROR_NO_MORE_FILES, "FindNextFile after the end: the same");
    FindClose(h);
    join(spec, sizeof(spec), "spool\\a.job");
    DeleteFileA(spec);

    join(spec, sizeof(spec), "gone");
    SetLastError(0xdeadbeef);
    CHECK(FindFirstFileA(spec, &fd) == INVALID_HANDLE_VALUE && GetLastError() == ERROR_FILE_NOT_FOUND,
          "a missing name: ERROR_FILE_NOT_FOUND");
    join(spec, sizeof(spec), "gone\\");
    SetLastError(0xdeadbeef);
    CHECK(FindFirstFileA(spec, &fd) == INVALID_HANDLE_VALUE && GetLastError() == ERROR_PATH_NOT_FOUND,
          "a missing name with a trailing backslash: ERROR_PATH_NOT_FOUND");
    join(spec, sizeof(spec), "gone\\a.job");
    SetLastError(0xdeadbeef);
    CHECK(FindFirstFileA(spec, &fd) == INVALID_HANDLE_VALUE && GetLastError() == ERROR_PATH_NOT_FOUND,
          "a name in a missing directory: ERROR_PATH_NOT_FOUND");
    join(spec, sizeof(spec), "spool\\");
    SetLastError(0xdeadbeef);
    CHECK(FindFirstFileA(spec, &fd) == INVALID_HANDLE_VALUE && GetLastError() == ERROR_FILE_NOT_FOUND,
          "an existing directory with a trailing backslash: ERROR_FILE_NOT_FOUND");
}

static void test_copy_move(void)
{
    char source[MAX_PATH + 128], locked[MAX_PATH + 128], other[MAX_PATH + 128], missing[MAX_PATH + 128];
    HANDLE h;

    join(source, sizeof(source), "report.txt");
    join(locked, sizeof(locked), "archive.txt");
    join(other, sizeof(other), "copy.txt");
    make_file(source);
    h = CreateFileA(locked, GENERIC_WRITE, 0, NULL, CREATE_NEW, FILE_ATTRIBUTE_READONLY, NULL);
    REQUIRE(h != INVALID_HANDLE_VALUE, "a read-only archive file");
    CloseHandle(h);

    SetLastError(0xdeadbeef);
    CHECK(!CopyFileA(source, locked, FALSE) && GetLastError() == ERROR_ACCESS_DENIED,
          "CopyFile onto a read-only file: ERROR_ACCESS_DENIED");
    SetLastError(0xdeadbeef);
    CHECK(!CopyFileA(source, locked, TRUE) && GetLastError() == ERROR_FILE_EXISTS,
          "... with bFailIfExists: ERROR_FILE_EXISTS");
    SetLastError(0xdeadbeef);
    CHECK(!MoveFileExA(source, locked, MOVEFILE_REPLACE_EXISTING) && GetLastError() == ERROR_ACCESS_DENIED,
          "MoveFileEx(MOVEFILE_REPLACE_EXISTING) onto it: ERROR_ACCESS_DENIED");
    CHECK(GetFileAttributesA(source) != INVALID_FILE_ATTRIBUTES, "... the source stays");
    h = CreateFileA(locked, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    CHECK(h != INVALID_HANDLE_VALUE && GetFileSize(h, NULL) == 0, "... and the read-only file is untouched");
    CloseHandle(h);
    CHECK(CopyFileA(locked, other, FALSE), "CopyFile of the read-only file");
    CHECK(GetFileAttributesA(other) & FILE_ATTRIBUTE_READONLY, "... the copy is read-only too");
    CHECK(SetFileAttributesA(other, FILE_ATTRIBUTE_NORMAL) && DeleteFileA(other), "... until the attribute is cleared");
    CHECK(MoveFileA(locked, other), "MoveFile renames a read-only file");
    CHECK(GetFileAttributesA(other) & FILE_ATTRIBUTE_READONLY, "... which stays read-only");
    CHECK(SetFileAttributesA(other, FILE_ATTRIBUTE_NORMAL) && DeleteFileA(other), "... and is removed");

    join(missing, sizeof(missing), "gone\\report.txt");
    SetLastError(0xdeadbeef);
    CHECK(!MoveFileA(missing, other) && GetLastError() == ERROR_PATH_NOT_FOUND,
          "MoveFile from a missing directory: ERROR_PATH_NOT_FOUND");
    SetLastError(0xdeadbeef);
    CHECK(!MoveFileA(source, missing) && GetLastError() == ERROR_PATH_NOT_FOUND,
          "MoveFile into a missing directory: ERROR_PATH_NOT_FOUND");
    SetLastError(0xdeadbeef);
    CHECK(!CopyFileA(missing, other, FALSE) && GetLastError() == ERROR_PATH_NOT_FOUND,
          "CopyFile from a missing directory: ERROR_PATH_NOT_FOUND");
    SetLastError(0xdeadbeef);
    CHECK(!CopyFileA(source, missing, FALSE) && GetLastError() == ERROR_PATH_NOT_FOUND,
          "CopyFile into a missing directory: ERROR_PATH_NOT_FOUND");
    join(missing, sizeof(missing), "gone.txt");
    SetLastError(0xdeadbeef);
    CHECK(!CopyFileA(missing, other, FALSE) && GetLastError() == ERROR_FILE_NOT_FOUND,
          "CopyFile of a missing file: ERROR_FILE_NOT_FOUND");
    CHECK(GetFileAttributesA(other) == INVALID_FILE_ATTRIBUTES, "... and no copy is made");

    join(missing, sizeof(missing), "*.txt");
    SetLastError(0xdeadbeef);
    CHECK(!DeleteFileA(missing) && GetLastError() == ERROR_INVALID_NAME, "DeleteFile(\"*.txt\"): ERROR_INVALID_NAME");
    CHECK(DeleteFileA(source), "the report is deleted");
}

int main(void)
{
    char name[MAX_PATH + 128];
    GetTempPathA(MAX_PATH, base);
    snprintf(base + strlen(base), sizeof(base) - strlen(base), "ws2mp_dir_errors_%lu", (unsigned long)GetCurrentProcessId());
    REQUIRE(CreateDirectoryA(base, NULL), "a directory for the test");
    test_create_directory();
    test_remove_and_delete();
    test_current_directory();
    test_find();
    test_copy_move();
    join(name, sizeof(name), "spool");
    CHECK(RemoveDirectoryA(name), "the spool directory is removed");
    CHECK(RemoveDirectoryA(base), "the test directory is removed");
    return check_done();
}

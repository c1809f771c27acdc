/* Share modes, the way a Windows server guards its data and log files: a file opened with
 * share mode 0 keeps every other open out (ERROR_SHARING_VIOLATION), FILE_SHARE_READ lets
 * readers in but not writers, an open must also share what the opens already there do, an
 * open for attributes only (access 0) stands in no one's way, CREATE_ALWAYS refused by a
 * share mode leaves the file's contents alone, and closing (or a duplicate's close) lets the
 * next open in. DeleteFile and MoveFile of a file open without FILE_SHARE_DELETE fail with
 * ERROR_SHARING_VIOLATION, MoveFileEx cannot replace a file that is open (ERROR_ACCESS_DENIED),
 * CopyFile refuses a source open without read sharing, a target open without write sharing
 * and a copy of a file onto itself. The access rights programs spell out (DELETE,
 * FILE_GENERIC_READ, ...) compile. */
#include <winsock2.h>
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include "check.h"

static char dir[MAX_PATH], data_path[MAX_PATH + 32], other_path[MAX_PATH + 32];

static HANDLE open_file(const char *name, DWORD access, DWORD share, DWORD disposition)
{
    return CreateFileA(name, access, share, NULL, disposition, FILE_ATTRIBUTE_NORMAL, NULL);
}

static void write_text(const char *name, const char *text)
{
    DWORD n = 0;
    HANDLE h = open_file(name, GENERIC_WRITE, 0, CREATE_ALWAYS);
    REQUIRE(h != INVALID_HANDLE_VALUE, "the data file is created");
    WriteFile(h, text, (DWORD)strlen(text), &n, NULL);
    CloseHandle(h);
}

static void test_exclusive_open(void)
{
    HANDLE a, b, dup;

    write_text(data_path, "record 1\r\n");
    a = open_file(data_path, GENERIC_READ | GENERIC_WRITE, 0, OPEN_EXISTING);
    CHECK(a != INVALID_HANDLE_VALUE, "share mode 0: the first open succeeds");

    SetLastError(0xdeadbeef);
    b = open_file(data_path, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, OPEN_EXISTING);
    CHECK(b == INVALID_HANDLE_VALUE, "a second open of an exclusively open file fails");
    CHECK_EQ(GetLastError(), ERROR_SHARING_VIOLATION, "with ERROR_SHARING_VIOLATION");

    b = open_file(data_path, 0, 0, OPEN_EXISTING);
    CHECK(b != INVALID_HANDLE_VALUE, "an open for attributes only (access 0) is let in");
    CloseHandle(b);

    /* CREATE_ALWAYS refused: the file keeps its contents. */
    SetLastError(0xdeadbeef);
    b = open_file(data_path, GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, CREATE_ALWAYS);
    CHECK(b == INVALID_HANDLE_VALUE, "CREATE_ALWAYS over an exclusive open fails");
    CHECK_EQ(GetLastError(), ERROR_SHARING_VIOLATION, "with ERROR_SHARING_VIOLATION");
    CHECK_EQ(GetFileSize(a, NULL), 10, "and nothing was truncated");

    /* A duplicate keeps the open alive until both handles are closed. */
    CHECK(DuplicateHandle(GetCurrentProcess(), a, GetCurrentProcess(), &dup, 0, FALSE,
                          DUPLICATE_SAME_ACCESS),
          "DuplicateHandle of the file");
    CloseHandle(a);
    b = open_file(data_path, GENERIC_READ, FILE_SHARE_READ, OPEN_EXISTING);
    CHECK(b == INVALID_HANDLE_VALUE, "still refused while the duplicate is open");
    CloseHandle(dup);
    b = open_file(data_path, GENERIC_READ, FILE_SHARE_READ, OPEN_EXISTING);
    CHECK(b != INVALID_HANDLE_VALUE, "the next open succeeds once every handle is closed");
    CloseHandle(b);
}

static void test_readers_and_writers(void)
{
    HANDLE log, reader, writer;

    /* A log writer that lets others read. */
    log = open_file(data_path, GENERIC_WRITE, FILE_SHARE_READ, OPEN_ALWAYS);
    CHECK(log != INVALID_HANDLE_VALUE, "the log is open for writing, shared for reading");

    reader = open_file(data_path, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, OPEN_EXISTING);
    CHECK(reader != INVALID_HANDLE_VALUE, "a reader sharing writing gets in");
    CloseHandle(reader);

    SetLastError(0xdeadbeef);
    reader = open_file(data_path, GENERIC_READ, FILE_SHARE_READ, OPEN_EXISTING);
    CHECK(reader == INVALID_HANDLE_VALUE, "a reader that does not share writing is refused");
    CHECK_EQ(GetLastError(), ERROR_SHARING_VIOLATION, "with ERROR_SHARING_VIOLATION");

    SetLastError(0xdeadbeef);
    writer = open_file(data_path, GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, OPEN_EXISTING);
    CHECK(writer == INVALID_HANDLE_VALUE, "a second writer is refused");
    CHECK_EQ(GetLastError(), ERROR_SHARING_VIOLATION, "with ERROR_SHARING_VIOLATION");

    writer = CreateFileA(data_path, FILE_APPEND_DATA, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL,
                         OPEN_EXISTING, 0, NULL);
    CHECK(writer == INVALID_HANDLE_VALUE, "FILE_APPEND_DATA is writing too");
    CloseHandle(log);
}

static void test_delete_and_move(void)
{
    HANDLE h;

    write_text(data_path, "x");
    h = open_file(data_path, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, OPEN_EXISTING);
    SetLastError(0xdeadbeef);
    CHECK(!DeleteFileA(data_path), "DeleteFile of a file open without FILE_SHARE_DELETE fails");
    CHECK_EQ(GetLastError(), ERROR_SHARING_VIOLATION, "with ERROR_SHARING_VIOLATION");
    SetLastError(0xdeadbeef);
    CHECK(!MoveFileA(data_path, other_path), "MoveFile of it fails");
    CHECK_EQ(GetLastError(), ERROR_SHARING_VIOLATION, "with ERROR_SHARING_VIOLATION");
    CHECK(GetFileAttributesA(data_path) != INVALID_FILE_ATTRIBUTES, "the file is still there");
    CloseHandle(h);

    h = open_file(data_path, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_DELETE, OPEN_EXISTING);
    CHECK(MoveFileA(data_path, other_path), "with FILE_SHARE_DELETE the move succeeds");
    CloseHandle(h);
    CHECK(MoveFileA(other_path, data_path), "and moves back once closed");

    CHECK(MoveFileA(data_path, data_path), "MoveFile of a file onto itself succeeds");

    /* A file in the way that is open cannot be replaced. */
    write_text(other_path, "y");
    h = open_file(other_path, GENERIC_READ,
                  FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, OPEN_EXISTING);
    SetLastError(0xdeadbeef);
    CHECK(!MoveFileExA(data_path, other_path, MOVEFILE_REPLACE_EXISTING),
          "MoveFileEx cannot replace an open file");
    CHECK_EQ(GetLastError(), ERROR_ACCESS_DENIED, "with ERROR_ACCESS_DENIED");
    CloseHandle(h);
    CHECK(MoveFileExA(data_path, other_path, MOVEFILE_REPLACE_EXISTING),
          "and replaces it once it is closed");
    CHECK(DeleteFileA(other_path), "the moved file is deleted");
}

static void test_copy(void)
{
    HANDLE h;

    write_text(data_path, "copy me");
    SetLastError(0xdeadbeef);
    CHECK(!CopyFileA(data_path, data_path, FALSE), "a copy of a file onto itself fails");
    CHECK_EQ(GetLastError(), ERROR_SHARING_VIOLATION, "with ERROR_SHARING_VIOLATION");

    h = open_file(data_path, GENERIC_READ, FILE_SHARE_WRITE, OPEN_EXISTING);
    SetLastError(0xdeadbeef);
    CHECK(!CopyFileA(data_path, other_path, FALSE), "a source open without read sharing is refused");
    CHECK_EQ(GetLastError(), ERROR_SHARING_VIOLATION, "with ERROR_SHARING_VIOLATION");
    CloseHandle(h);

    h = open_file(data_path, GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ, OPEN_EXISTING);
    CHECK(CopyFileA(data_path, other_path, FALSE), "a source a writer shares for reading copies");
    CloseHandle(h);

    h = open_file(other_path, GENERIC_READ, FILE_SHARE_READ, OPEN_EXISTING);
    SetLastError(0xdeadbeef);
    CHECK(!CopyFileA(data_path, other_path, FALSE), "a target open without write sharing is refused");
    CHECK_EQ(GetLastError(), ERROR_SHARING_VIOLATION, "with ERROR_SHARING_VIOLATION");
    CloseHandle(h);

    CHECK(DeleteFileA(other_path), "the copy is deleted");
    CHECK(DeleteFileA(data_path), "the data file is deleted");
}

static void test_rights_compile(void)
{
    DWORD all[] = { DELETE, READ_CONTROL, FILE_GENERIC_READ, FILE_GENERIC_WRITE,
                    FILE_GENERIC_EXECUTE, FILE_ALL_ACCESS, FILE_READ_ATTRIBUTES,
                    FILE_WRITE_ATTRIBUTES, FILE_READ_EA, FILE_WRITE_EA, FILE_EXECUTE,
                    STANDARD_RIGHTS_REQUIRED };
    HANDLE h;

    CHECK_EQ(FILE_GENERIC_READ, 0x120089, "FILE_GENERIC_READ has Windows' value");
    CHECK_EQ(FILE_ALL_ACCESS, 0x1F01FF, "FILE_ALL_ACCESS has Windows' value");
    CHECK(all[0] == 0x10000, "DELETE has Windows' value");
    h = open_file(data_path, FILE_GENERIC_READ | FILE_GENERIC_WRITE, 0, CREATE_ALWAYS);
    CHECK(h != INVALID_HANDLE_VALUE, "CreateFile with FILE_GENERIC_READ | FILE_GENERIC_WRITE");
    SetLastError(0xdeadbeef);
    CHECK(open_file(data_path, FILE_READ_DATA, FILE_SHARE_READ | FILE_SHARE_WRITE, OPEN_EXISTING)
              == INVALID_HANDLE_VALUE,
          "it reads and writes: a reader is refused");
    CloseHandle(h);
    CHECK(DeleteFileA(data_path), "the file is deleted");
}

int main(void)
{
    DWORD n = GetTempPathA(sizeof(dir), dir);
    REQUIRE(n > 0 && n < sizeof(dir), "GetTempPath");
    snprintf(data_path, sizeof(data_path), "%sws2mp_share_%lu.dat", dir,
             (unsigned long)GetCurrentProcessId());
    snprintf(other_path, sizeof(other_path), "%sws2mp_share_%lu.bak", dir,
             (unsigned long)GetCurrentProcessId());
    test_exclusive_open();
    test_readers_and_writers();
    test_delete_and_move();
    test_copy();
    test_rights_compile();
    DeleteFileA(data_path);
    DeleteFileA(other_path);
    return check_done();
}

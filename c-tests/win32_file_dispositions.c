/* A log writer and a transfer receiver open their files the Windows way and read the last
 * error to tell what happened: CreateFile's dispositions set the last error on success too
 * (ERROR_ALREADY_EXISTS when CREATE_ALWAYS or OPEN_ALWAYS found the file, 0 otherwise, also
 * for OPEN_EXISTING), CREATE_ALWAYS empties a file it finds, TRUNCATE_EXISTING wants the file
 * to exist, an unknown disposition is ERROR_INVALID_PARAMETER and a name through a missing
 * directory ERROR_PATH_NOT_FOUND. A transfer that resumes at an offset writes past the end
 * (the gap reads as zeros), reads at and past the end (TRUE with 0 bytes), grows and cuts the
 * file with SetEndOfFile, and a file over 4 GiB reports its size and position in two halves:
 * a low half of 0xFFFFFFFF with the last error NO_ERROR is a real value, not a failure.
 * SetFilePointer(Ex) refuse a negative position (ERROR_NEGATIVE_SEEK) and an unknown move
 * method (ERROR_INVALID_PARAMETER) and leave the position where it was; SetEndOfFile and
 * FlushFileBuffers want a handle opened to write (ERROR_ACCESS_DENIED). Windows' answers as
 * Wine's kernel32 file.c test records them (docs/WINDOWS.md §10.19). */
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include "check.h"

static char dir[MAX_PATH], path[MAX_PATH + 64];

static HANDLE open_file(DWORD access, DWORD disposition)
{
    return CreateFileA(path, access, FILE_SHARE_READ, NULL, disposition, FILE_ATTRIBUTE_NORMAL, NULL);
}

static void write_text(HANDLE h, const char *text)
{
    DWORD n = 0;
    WriteFile(h, text, (DWORD)strlen(text), &n, NULL);
}

static void test_dispositions(void)
{
    HANDLE h;
    char missing[MAX_PATH + 64];

    DeleteFileA(path);
    SetLastError(0xdeadbeef);
    h = open_file(GENERIC_READ | GENERIC_WRITE, OPEN_ALWAYS);
    REQUIRE(h != INVALID_HANDLE_VALUE, "OPEN_ALWAYS creates a missing file");
    CHECK_EQ(GetLastError(), 0, "... and sets the last error to 0");
    write_text(h, "first line\r\n");
    CloseHandle(h);

    SetLastError(0xdeadbeef);
    h = open_file(GENERIC_READ, OPEN_EXISTING);
    CHECK(h != INVALID_HANDLE_VALUE, "OPEN_EXISTING opens it");
    CHECK_EQ(GetLastError(), 0, "... and sets the last error to 0");
    CloseHandle(h);

    SetLastError(0xdeadbeef);
    h = open_file(GENERIC_WRITE, OPEN_ALWAYS);
    CHECK(h != INVALID_HANDLE_VALUE, "OPEN_ALWAYS opens the existing file");
    CHECK_EQ(GetLastError(), ERROR_ALREADY_EXISTS, "... with ERROR_ALREADY_EXISTS");
    CHECK_EQ(GetFileSize(h, NULL), 12, "... and keeps its contents");
    CloseHandle(h);

    SetLastError(0xdeadbeef);
    h = open_file(GENERIC_READ, CREATE_ALWAYS);
    CHECK(h != INVALID_HANDLE_VALUE, "CREATE_ALWAYS opens the existing file");
    CHECK_EQ(GetLastError(), ERROR_ALREADY_EXISTS, "... with ERROR_ALREADY_EXISTS");
    CHECK_EQ(GetFileSize(h, NULL), 0, "... emptied");
    CloseHandle(h);

    SetLastError(0xdeadbeef);
    h = open_file(GENERIC_READ, CREATE_NEW);
    CHECK(h == INVALID_HANDLE_VALUE && GetLastError() == ERROR_FILE_EXISTS,
          "CREATE_NEW on it: ERROR_FILE_EXISTS");

    h = open_file(GENERIC_WRITE, OPEN_EXISTING);
    write_text(h, "0123456789");
    CloseHandle(h);
    SetLastError(0xdeadbeef);
    h = open_file(GENERIC_WRITE, TRUNCATE_EXISTING);
    CHECK(h != INVALID_HANDLE_VALUE, "TRUNCATE_EXISTING opens it");
    CHECK_EQ(GetLastError(), 0, "... and sets the last error to 0");
    CHECK_EQ(GetFileSize(h, NULL), 0, "... emptied");
    CloseHandle(h);

    CHECK(DeleteFileA(path), "the file is deleted");
    SetLastError(0xdeadbeef);
    h = open_file(GENERIC_WRITE, TRUNCATE_EXISTING);
    CHECK(h == INVALID_HANDLE_VALUE && GetLastError() == ERROR_FILE_NOT_FOUND,
          "TRUNCATE_EXISTING on a missing file: ERROR_FILE_NOT_FOUND");
    CHECK(GetFileAttributesA(path) == INVALID_FILE_ATTRIBUTES, "... and makes none");

    SetLastError(0xdeadbeef);
    h = open_file(GENERIC_WRITE, CREATE_ALWAYS);
    CHECK(h != INVALID_HANDLE_VALUE, "CREATE_ALWAYS creates a missing file");
    CHECK_EQ(GetLastError(), 0, "... and sets the last error to 0");
    CloseHandle(h);

    SetLastError(0xdeadbeef);
    h = open_file(GENERIC_WRITE, 0);
    CHECK(h == INVALID_HANDLE_VALUE && GetLastError() == ERROR_INVALID_PARAMETER,
          "disposition 0: ERROR_INVALID_PARAMETER");
    SetLastError(0xdeadbeef);
    h = open_file(GENERIC_WRITE, TRUNCATE_EXISTING + 1);
    CHECK(h == INVALID_HANDLE_VALUE && GetLastError() == ERROR_INVALID_PARAMETER,
          "disposition 6: ERROR_INVALID_PARAMETER");

    snprintf(missing, sizeof(missing), "%sws2mp_no_such_dir_%lu\\log.txt", dir, (unsigned long)GetCurrentProcessId());
    SetLastError(0xdeadbeef);
    h = CreateFileA(missing, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    CHECK(h == INVALID_HANDLE_VALUE && GetLastError() == ERROR_PATH_NOT_FOUND,
          "CREATE_ALWAYS in a missing directory: ERROR_PATH_NOT_FOUND");
    SetLastError(0xdeadbeef);
    h = CreateFileA(missing, GENERIC_READ, 0, NULL, OPEN_EXISTING, 0, NULL);
    CHECK(h == INVALID_HANDLE_VALUE && GetLastError() == ERROR_PATH_NOT_FOUND,
          "OPEN_EXISTING in a missing directory: ERROR_PATH_NOT_FOUND");
}

static void test_end_of_file(void)
{
    HANDLE h;
    char buf[32];
    DWORD n;
    static const char zeros[6] = {0};
    LARGE_INTEGER move, pos;

    h = open_file(GENERIC_READ | GENERIC_WRITE, CREATE_ALWAYS);
    REQUIRE(h != INVALID_HANDLE_VALUE, "a file to resume into");
    write_text(h, "abcd");
    CHECK_EQ(SetFilePointer(h, 10, NULL, FILE_BEGIN), 10, "the position can go past the end");
    CHECK_EQ(GetFileSize(h, NULL), 4, "... which does not grow the file");
    n = 99;
    CHECK(ReadFile(h, buf, sizeof(buf), &n, NULL) && n == 0, "reading there: TRUE with 0 bytes");
    write_text(h, "XY");
    CHECK_EQ(GetFileSize(h, NULL), 12, "writing there grows the file to 12 bytes");
    SetFilePointer(h, 0, NULL, FILE_BEGIN);
    n = 0;
    CHECK(ReadFile(h, buf, sizeof(buf), &n, NULL) && n == 12, "the file reads back whole");
    CHECK(memcmp(buf, "abcd", 4) == 0 && memcmp(buf + 4, zeros, 6) == 0 && memcmp(buf + 10, "XY", 2) == 0,
          "... the gap as zeros");
    n = 99;
    CHECK(ReadFile(h, buf, sizeof(buf), &n, NULL) && n == 0, "at the end: TRUE with 0 bytes");
    n = 99;
    CHECK(WriteFile(h, buf, 0, &n, NULL) && n == 0, "a write of 0 bytes succeeds");
    CHECK_EQ(GetFileSize(h, NULL), 12, "... and changes nothing");

    CHECK_EQ(SetFilePointer(h, 20, NULL, FILE_BEGIN), 20, "to 20");
    CHECK(SetEndOfFile(h), "SetEndOfFile there");
    CHECK_EQ(GetFileSize(h, NULL), 20, "... grows the file to 20");
    CHECK_EQ(SetFilePointer(h, 0, NULL, FILE_CURRENT), 20, "... the position stays at 20");
    SetFilePointer(h, 12, NULL, FILE_BEGIN);
    n = 0;
    CHECK(ReadFile(h, buf, sizeof(buf), &n, NULL) && n == 8 && memcmp(buf, zeros, 6) == 0,
          "... with zeros");
    CHECK_EQ(SetFilePointer(h, 5, NULL, FILE_BEGIN), 5, "to 5");
    CHECK(SetEndOfFile(h) && GetFileSize(h, NULL) == 5, "SetEndOfFile cuts the file to 5");

    SetFilePointer(h, 3, NULL, FILE_BEGIN);
    SetLastError(0xdeadbeef);
    CHECK_EQ(SetFilePointer(h, -4, NULL, FILE_CURRENT), INVALID_SET_FILE_POINTER, "3 - 4 is refused");
    CHECK_EQ(GetLastError(), ERROR_NEGATIVE_SEEK, "... ERROR_NEGATIVE_SEEK");
    CHECK_EQ(SetFilePointer(h, 0, NULL, FILE_CURRENT), 3, "... the position stays at 3");
    move.QuadPart = -6;
    SetLastError(0xdeadbeef);
    CHECK(!SetFilePointerEx(h, move, &pos, FILE_END), "SetFilePointerEx to end - 6 is refused");
    CHECK_EQ(GetLastError(), ERROR_NEGATIVE_SEEK, "... ERROR_NEGATIVE_SEEK");
    CHECK_EQ(SetFilePointer(h, 0, NULL, FILE_CURRENT), 3, "... the position stays at 3");
    SetLastError(0xdeadbeef);
    CHECK_EQ(SetFilePointer(h, 1, NULL, 3), INVALID_SET_FILE_POINTER, "move method 3 is refused");
    CHECK_EQ(GetLastError(), ERROR_INVALID_PARAMETER, "... ERROR_INVALID_PARAMETER");
    move.QuadPart = 1;
    SetLastError(0xdeadbeef);
    CHECK(!SetFilePointerEx(h, move, NULL, 7) && GetLastError() == ERROR_INVALID_PARAMETER,
          "SetFilePointerEx too");
    CHECK_EQ(SetFilePointer(h, 0, NULL, FILE_CURRENT), 3, "... the position stays at 3");
    CloseHandle(h);

    h = open_file(GENERIC_READ, OPEN_EXISTING);
    REQUIRE(h != INVALID_HANDLE_VALUE, "the file opened only to read");
    SetFilePointer(h, 2, NULL, FILE_BEGIN);
    SetLastError(0xdeadbeef);
    CHECK(!SetEndOfFile(h) && GetLastError() == ERROR_ACCESS_DENIED,
          "SetEndOfFile through it: ERROR_ACCESS_DENIED");
    CHECK_EQ(GetFileSize(h, NULL), 5, "... the file keeps its 5 bytes");
    SetLastError(0xdeadbeef);
    CHECK(!FlushFileBuffers(h) && GetLastError() == ERROR_ACCESS_DENIED,
          "FlushFileBuffers through it: ERROR_ACCESS_DENIED");
    CloseHandle(h);
}

static void test_large_file(void)
{
    HANDLE h;
    LONG high;
    DWORD size_high = 0, low;
    LARGE_INTEGER size, move, pos;

    h = open_file(GENERIC_READ | GENERIC_WRITE, CREATE_ALWAYS);
    REQUIRE(h != INVALID_HANDLE_VALUE, "a file for a large image");
    high = 0;
    SetLastError(0xdeadbeef);
    low = SetFilePointer(h, -1, &high, FILE_BEGIN);
    CHECK_EQ(low, INVALID_SET_FILE_POINTER, "to 0xFFFFFFFF: the low half reads as the failure value");
    CHECK_EQ(GetLastError(), NO_ERROR, "... and the last error NO_ERROR says it is not one");
    CHECK_EQ(high, 0, "... the high half is 0");
    high = 1;
    low = SetFilePointer(h, 16, &high, FILE_BEGIN);
    CHECK(low == 16 && high == 1, "to 4 GiB + 16: 16 and a high half of 1");
    high = 0;
    low = SetFilePointer(h, 0, &high, FILE_CURRENT);
    CHECK(low == 16 && high == 1, "FILE_CURRENT reports it the same way");
    high = -1;
    low = SetFilePointer(h, -32, &high, FILE_CURRENT);
    CHECK(low == 0xFFFFFFF0u && high == 0, "back 32 bytes with a high half of -1: 0xFFFFFFF0");
    high = 1;
    SetFilePointer(h, -1, &high, FILE_BEGIN);
    if (!SetEndOfFile(h)) {
        printf("# skipping the size checks: no room for a sparse 8 GiB file (error %lu)\n",
               (unsigned long)GetLastError());
        CloseHandle(h);
        return;
    }
    SetLastError(0xdeadbeef);
    low = GetFileSize(h, &size_high);
    CHECK_EQ(low, INVALID_FILE_SIZE, "a size of 0x1FFFFFFFF: the low half reads as the failure value");
    CHECK_EQ(size_high, 1, "... the high half is 1");
    CHECK_EQ(GetLastError(), NO_ERROR, "... and the last error is NO_ERROR");
    CHECK(GetFileSizeEx(h, &size) && size.QuadPart == 0x1FFFFFFFFLL, "GetFileSizeEx: 0x1FFFFFFFF");
    move.QuadPart = -0x100000000LL;
    CHECK(SetFilePointerEx(h, move, &pos, FILE_END) && pos.QuadPart == 0xFFFFFFFFLL,
          "SetFilePointerEx from the end back 4 GiB: 0xFFFFFFFF");
    size_high = 5;
    SetEndOfFile(h);
    CHECK(GetFileSize(h, &size_high) == 0xFFFFFFFFu && size_high == 0, "cut there: 0xFFFFFFFF with 0");
    CloseHandle(h);
}

int main(void)
{
    REQUIRE(GetTempPathA(sizeof(dir), dir) > 0, "GetTempPath");
    snprintf(path, sizeof(path), "%sws2mp_dispositions_%lu.log", dir, (unsigned long)GetCurrentProcessId());
    test_dispositions();
    test_end_of_file();
    test_large_file();
    DeleteFileA(path);
    return check_done();
}

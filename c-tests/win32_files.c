/* Files as handles, the way a Windows file server sends them: CreateFile (dispositions and
 * their errors), WriteFile / ReadFile (synchronous and with an OVERLAPPED offset and event),
 * GetFileSize(Ex), SetFilePointer(Ex), SetEndOfFile, GetFileType, TransmitFile of the file
 * over a loopback TCP connection, FILE_FLAG_DELETE_ON_CLOSE, DeleteFile, GetFileAttributes,
 * CreateDirectory and RemoveDirectory. */
#include <winsock2.h>
#include <mswsock.h>
#include <windows.h>
#include <stdio.h>
#include "check.h"

static char path[MAX_PATH + 64];
static const char text[] = "0123456789abcdefghijklmnopqrstuvwxyz";

static void test_file_calls(void)
{
    HANDLE f, again;
    DWORD n = 0, high = 7;
    char buf[64];
    LARGE_INTEGER size, move, pos;
    OVERLAPPED ov;

    f = CreateFileA(path, GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
    REQUIRE(f != INVALID_HANDLE_VALUE, "CreateFile(CREATE_ALWAYS) creates the file");
    CHECK_EQ(GetLastError(), 0, "a new file leaves the last error 0");
    CHECK(WriteFile(f, text, (DWORD)strlen(text), &n, NULL) && n == strlen(text), "WriteFile writes 36 bytes");
    CHECK_EQ(GetFileSize(f, &high), 36, "GetFileSize gives 36");
    CHECK_EQ(high, 0, "with 0 in the high half");
    CHECK(GetFileSizeEx(f, &size) && size.QuadPart == 36, "GetFileSizeEx agrees");
    CHECK_EQ(GetFileType(f), FILE_TYPE_DISK, "GetFileType says FILE_TYPE_DISK");

    CHECK_EQ(SetFilePointer(f, 10, NULL, FILE_BEGIN), 10, "SetFilePointer moves to 10");
    memset(buf, 0, sizeof(buf));
    CHECK(ReadFile(f, buf, 5, &n, NULL) && n == 5 && memcmp(buf, "abcde", 5) == 0, "ReadFile reads from there");
    move.QuadPart = -3;
    CHECK(SetFilePointerEx(f, move, &pos, FILE_END) && pos.QuadPart == 33, "SetFilePointerEx from the end");
    CHECK(ReadFile(f, buf, sizeof(buf), &n, NULL) && n == 3, "reading to the end gives the last 3 bytes");
    CHECK(ReadFile(f, buf, sizeof(buf), &n, NULL) && n == 0, "then end of file: TRUE with 0 bytes");
    SetLastError(0);
    CHECK_EQ(SetFilePointer(f, -100, NULL, FILE_CURRENT), INVALID_SET_FILE_POINTER, "a negative position is refused");
    CHECK_EQ(GetLastError(), ERROR_NEGATIVE_SEEK, "with ERROR_NEGATIVE_SEEK");

    memset(&ov, 0, sizeof(ov));
    ov.Offset = 20;
    ov.hEvent = CreateEvent(NULL, TRUE, FALSE, NULL);
    CHECK(ReadFile(f, buf, 4, NULL, &ov), "an overlapped ReadFile completes at once");
    CHECK(memcmp(buf, "klmn", 4) == 0 && ov.InternalHigh == 4, "reading at OVERLAPPED.Offset");
    CHECK_EQ(WaitForSingleObject(ov.hEvent, 0), WAIT_OBJECT_0, "and signals hEvent");
    n = 0;
    CHECK(GetOverlappedResult(f, &ov, &n, TRUE) && n == 4, "GetOverlappedResult reports its 4 bytes");
    ov.Offset = 100;
    SetLastError(0);
    CHECK(!ReadFile(f, buf, 4, NULL, &ov), "an overlapped read past the end fails");
    CHECK_EQ(GetLastError(), ERROR_HANDLE_EOF, "with ERROR_HANDLE_EOF");
    SetLastError(0);
    CHECK(!GetOverlappedResult(f, &ov, &n, TRUE) && GetLastError() == ERROR_HANDLE_EOF,
          "and GetOverlappedResult reports ERROR_HANDLE_EOF too");
    CloseHandle(ov.hEvent);

    CHECK_EQ(SetFilePointer(f, 30, NULL, FILE_BEGIN), 30, "back to 30");
    CHECK(SetEndOfFile(f) && GetFileSize(f, NULL) == 30, "SetEndOfFile cuts the file there");
    CHECK(FlushFileBuffers(f), "FlushFileBuffers");
    CHECK(CloseHandle(f), "CloseHandle closes the file");
    SetLastError(0);
    CHECK_EQ(GetFileSize(f, NULL), INVALID_FILE_SIZE, "the closed handle is no file");
    CHECK_EQ(GetLastError(), ERROR_INVALID_HANDLE, "ERROR_INVALID_HANDLE");

    again = CreateFileA(path, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_ALWAYS, 0, NULL);
    CHECK(again != INVALID_HANDLE_VALUE && GetLastError() == ERROR_ALREADY_EXISTS,
          "OPEN_ALWAYS on an existing file reports ERROR_ALREADY_EXISTS");
    CloseHandle(again);
    CHECK(CreateFileA(path, GENERIC_WRITE, 0, NULL, CREATE_NEW, 0, NULL) == INVALID_HANDLE_VALUE,
          "CREATE_NEW on an existing file fails");
    CHECK_EQ(GetLastError(), ERROR_FILE_EXISTS, "with ERROR_FILE_EXISTS");
}

static void test_transmit_file(void)
{
    WSADATA wsa;
    SOCKET ls, c, s;
    struct sockaddr_in a;
    int len = sizeof(a), got = 0, r;
    char buf[128];
    HANDLE f;
    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");
    ls = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    memset(&a, 0, sizeof(a));
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(bind(ls, (SOCKADDR *)&a, sizeof(a)) == 0 && listen(ls, 1) == 0, "listener on 127.0.0.1");
    getsockname(ls, (SOCKADDR *)&a, &len);
    c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    REQUIRE(connect(c, (SOCKADDR *)&a, sizeof(a)) == 0, "connect");
    s = accept(ls, NULL, NULL);
    f = CreateFileA(path, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, FILE_FLAG_SEQUENTIAL_SCAN, NULL);
    REQUIRE(f != INVALID_HANDLE_VALUE, "the file opens for reading");
    CHECK(TransmitFile(s, f, 0, 0, NULL, NULL, 0), "TransmitFile sends the file from its handle");
    shutdown(s, SD_SEND);
    while ((r = recv(c, buf + got, (int)sizeof(buf) - got, 0)) > 0)
        got += r;
    CHECK_EQ(got, 30, "the client receives the 30 bytes");
    CHECK(memcmp(buf, text, 30) == 0, "the file's contents");
    CloseHandle(f);
    closesocket(c);
    closesocket(s);
    closesocket(ls);
    WSACleanup();
}

static void test_delete(void)
{
    HANDLE f;
    char temp[sizeof(path) + 8];
    CHECK_EQ(GetFileAttributesA(path), FILE_ATTRIBUTE_NORMAL, "GetFileAttributes on the file: FILE_ATTRIBUTE_NORMAL");
    snprintf(temp, sizeof(temp), "%s.dir", path);
    CHECK(CreateDirectoryA(temp, NULL), "CreateDirectory");
    CHECK(GetFileAttributesA(temp) & FILE_ATTRIBUTE_DIRECTORY, "its attributes say FILE_ATTRIBUTE_DIRECTORY");
    CHECK(!CreateDirectoryA(temp, NULL) && GetLastError() == ERROR_ALREADY_EXISTS,
          "a second CreateDirectory fails with ERROR_ALREADY_EXISTS");
    CHECK(RemoveDirectoryA(temp), "RemoveDirectory");
    CHECK(DeleteFileA(path), "DeleteFile removes the file");
    CHECK(CreateFileA(path, GENERIC_READ, 0, NULL, OPEN_EXISTING, 0, NULL) == INVALID_HANDLE_VALUE,
          "then OPEN_EXISTING fails");
    CHECK_EQ(GetLastError(), ERROR_FILE_NOT_FOUND, "with ERROR_FILE_NOT_FOUND");
    CHECK(!DeleteFileA(path) && GetLastError() == ERROR_FILE_NOT_FOUND, "deleting it again fails the same way");
    CHECK(GetFileAttributesA(path) == INVALID_FILE_ATTRIBUTES && GetLastError() == ERROR_FILE_NOT_FOUND,
          "GetFileAttributes says INVALID_FILE_ATTRIBUTES and ERROR_FILE_NOT_FOUND");
    snprintf(temp, sizeof(temp), "%s.tmp", path);
    f = CreateFileA(temp, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_FLAG_DELETE_ON_CLOSE, NULL);
    CHECK(f != INVALID_HANDLE_VALUE, "a FILE_FLAG_DELETE_ON_CLOSE file");
    CloseHandle(f);
    CHECK(CreateFileA(temp, GENERIC_READ, 0, NULL, OPEN_EXISTING, 0, NULL) == INVALID_HANDLE_VALUE,
          "is gone after CloseHandle");
}

/* Relative paths as Windows programs write them, with backslashes. */
static void test_backslash_paths(const char *dir)
{
    char sub[64], inner[96];
    HANDLE f;
    DWORD n = 0;
    CHECK(SetCurrentDirectoryA(dir), "SetCurrentDirectory to the temporary directory");
    snprintf(sub, sizeof(sub), ".\\ws2mp_files_%lu.d", (unsigned long)GetCurrentProcessId());
    snprintf(inner, sizeof(inner), "%s\\inner.txt", sub);
    CHECK(CreateDirectoryA(sub, NULL), "CreateDirectory(\".\\\\name\")");
    f = CreateFileA(inner, GENERIC_WRITE, 0, NULL, CREATE_NEW, FILE_ATTRIBUTE_NORMAL, NULL);
    CHECK(f != INVALID_HANDLE_VALUE, "CreateFile(\"dir\\\\file\") in it");
    CHECK(WriteFile(f, "abc", 3, &n, NULL) && n == 3, "... written");
    CloseHandle(f);
    CHECK_EQ(GetFileAttributesA(inner), FILE_ATTRIBUTE_NORMAL, "GetFileAttributes finds the file by that name");
    CHECK(!RemoveDirectoryA(sub) && GetLastError() == ERROR_DIR_NOT_EMPTY,
          "the file is inside the directory (RemoveDirectory: ERROR_DIR_NOT_EMPTY)");
    CHECK(CopyFileA(inner, ".\\ws2mp_copy.tmp", TRUE), "CopyFile");
    CHECK(!CopyFileA(inner, ".\\ws2mp_copy.tmp", TRUE) && GetLastError() == ERROR_FILE_EXISTS,
          "CopyFile onto an existing file with bFailIfExists: ERROR_FILE_EXISTS");
    CHECK(CopyFileA(inner, ".\\ws2mp_copy.tmp", FALSE), "... without it the copy replaces the file");
    CHECK(!MoveFileA(".\\ws2mp_copy.tmp", inner) && GetLastError() == ERROR_ALREADY_EXISTS,
          "MoveFile onto an existing file: ERROR_ALREADY_EXISTS");
    CHECK(MoveFileExA(".\\ws2mp_copy.tmp", inner, MOVEFILE_REPLACE_EXISTING), "MoveFileEx(MOVEFILE_REPLACE_EXISTING)");
    CHECK(GetFileAttributesA(".\\ws2mp_copy.tmp") == INVALID_FILE_ATTRIBUTES, "... the source is gone");
    f = CreateFileA(inner, GENERIC_READ, 0, NULL, OPEN_EXISTING, 0, NULL);
    CHECK(f != INVALID_HANDLE_VALUE && GetFileSize(f, NULL) == 3, "... the target has the copied bytes");
    CloseHandle(f);
    CHECK(MoveFileA(inner, ".\\ws2mp_moved.tmp") && DeleteFileA(".\\ws2mp_moved.tmp"),
          "MoveFile out of the directory");
    CHECK(!MoveFileA(inner, ".\\ws2mp_moved.tmp") && GetLastError() == ERROR_FILE_NOT_FOUND,
          "MoveFile of a missing file: ERROR_FILE_NOT_FOUND");
    CHECK(RemoveDirectoryA(sub), "RemoveDirectory of the emptied directory");
}

int main(void)
{
    char dir[MAX_PATH];
    GetTempPathA(MAX_PATH, dir);
    snprintf(path, sizeof(path), "%sws2mp_files_%lu.txt", dir, (unsigned long)GetCurrentProcessId());
    test_file_calls();
    test_transmit_file();
    test_delete();
    test_backslash_paths(dir);
    return check_done();
}

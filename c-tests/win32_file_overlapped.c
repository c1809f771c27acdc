/* File I/O the way a Win32 server does it around its sockets: WriteFile/ReadFile with an
 * OVERLAPPED offset on a handle opened without FILE_FLAG_OVERLAPPED (the file position moves
 * past the transfer), FILE_FLAG_OVERLAPPED handles read with GetOverlappedResult and
 * ERROR_HANDLE_EOF at the end, a completion port bound to a file (CreateIoCompletionPort on
 * the file handle, the packets' key, bytes and OVERLAPPED; FILE_SKIP_COMPLETION_PORT_ON_SUCCESS
 * through SetFileCompletionNotificationModes), ReadFileEx/WriteFileEx whose
 * completion routines run in an alertable wait (none for a read at the end of the file, which
 * fails with ERROR_HANDLE_EOF), CancelIo/CancelIoEx on a file (nothing pending:
 * ERROR_NOT_FOUND), writing through a read-only handle and reading through a write-only or
 * access-0 one (ERROR_ACCESS_DENIED), the NUL device
 * (FILE_TYPE_CHAR), and CreateFile's name and disposition errors. */
#include <winsock2.h>
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include "check.h"

static char dir[MAX_PATH], path[MAX_PATH + 32];
static int routine_calls;
static DWORD routine_bytes, routine_error;

static void CALLBACK done(DWORD error, DWORD bytes, LPOVERLAPPED ov)
{
    routine_calls++;
    routine_bytes = bytes;
    routine_error = error;
    (void)ov;
}

static void test_offset_moves_position(void)
{
    HANDLE h = CreateFileA(path, GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    OVERLAPPED ov;
    DWORD n = 0;
    char buf[8];

    REQUIRE(h != INVALID_HANDLE_VALUE, "CreateFile (synchronous handle)");
    CHECK(WriteFile(h, "0123456789", 10, &n, NULL) && n == 10, "ten bytes written");
    memset(&ov, 0, sizeof(ov));
    ov.Offset = 2;
    CHECK(WriteFile(h, "ab", 2, &n, &ov) && n == 2, "a write at offset 2 completes at once");
    CHECK_EQ(SetFilePointer(h, 0, NULL, FILE_CURRENT), 4, "the position is after it (4)");
    memset(&ov, 0, sizeof(ov));
    ov.Offset = 6;
    CHECK(ReadFile(h, buf, 3, &n, &ov) && n == 3, "a read at offset 6");
    CHECK(memcmp(buf, "678", 3) == 0, "reads what is there");
    CHECK_EQ(SetFilePointer(h, 0, NULL, FILE_CURRENT), 9, "the position is after it (9)");
    CHECK(ReadFile(h, buf, 8, &n, NULL) && n == 1 && buf[0] == '9',
          "a plain read goes on from there");
    CloseHandle(h);
}

static void test_overlapped_handle(void)
{
    HANDLE h = CreateFileA(path, GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ, NULL,
                           OPEN_EXISTING, FILE_FLAG_OVERLAPPED, NULL);
    HANDLE port, ev = CreateEventA(NULL, TRUE, FALSE, NULL);
    OVERLAPPED ov, *got = NULL;
    ULONG_PTR key = 0;
    DWORD n = 0, bytes = 0;
    char buf[16];
    BOOL ok;

    REQUIRE(h != INVALID_HANDLE_VALUE, "CreateFile with FILE_FLAG_OVERLAPPED");
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = ev;
    ok = ReadFile(h, buf, 4, NULL, &ov);
    CHECK(ok || GetLastError() == ERROR_IO_PENDING, "an overlapped read starts");
    CHECK(GetOverlappedResult(h, &ov, &bytes, TRUE) && bytes == 4, "and gives 4 bytes");
    CHECK(memcmp(buf, "01ab", 4) == 0, "from offset 0");
    CHECK_EQ(WaitForSingleObject(ev, 0), WAIT_OBJECT_0, "its event is signalled");

    ResetEvent(ev);
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = ev;
    ov.Offset = 10;
    SetLastError(0xdeadbeef);
    ok = ReadFile(h, buf, 4, &n, &ov);
    CHECK(!ok, "a read at the end of the file fails");
    if (GetLastError() == ERROR_IO_PENDING) {
        CHECK(!GetOverlappedResult(h, &ov, &bytes, TRUE), "its result is a failure");
    }
    CHECK_EQ(GetLastError(), ERROR_HANDLE_EOF, "with ERROR_HANDLE_EOF");

    /* A completion port bound to the file. */
    port = CreateIoCompletionPort(h, NULL, 77, 0);
    REQUIRE(port != NULL, "CreateIoCompletionPort on the file handle");
    memset(&ov, 0, sizeof(ov));
    ov.Offset = 4;
    ok = WriteFile(h, "XY", 2, NULL, &ov);
    CHECK(ok || GetLastError() == ERROR_IO_PENDING, "an overlapped write starts");
    CHECK(GetQueuedCompletionStatus(port, &bytes, &key, &got, 1000), "its packet arrives");
    CHECK(key == 77 && got == &ov && bytes == 2, "with the key, the OVERLAPPED and 2 bytes");
    memset(&ov, 0, sizeof(ov));
    ov.Offset = 4;
    ok = ReadFile(h, buf, 2, NULL, &ov);
    CHECK(ok || GetLastError() == ERROR_IO_PENDING, "an overlapped read starts");
    CHECK(GetQueuedCompletionStatus(port, &bytes, &key, &got, 1000) && got == &ov && bytes == 2,
          "its packet arrives too");
    CHECK(memcmp(buf, "XY", 2) == 0, "with the bytes written");
    CHECK(!GetQueuedCompletionStatus(port, &bytes, &key, &got, 0), "no other packet");
    CHECK_EQ(GetLastError(), WAIT_TIMEOUT, "WAIT_TIMEOUT");

    /* Skip the port for transfers that complete at once (as a file's do here). */
    CHECK(SetFileCompletionNotificationModes(h, FILE_SKIP_COMPLETION_PORT_ON_SUCCESS),
          "FILE_SKIP_COMPLETION_PORT_ON_SUCCESS on the file");
    memset(&ov, 0, sizeof(ov));
    ok = ReadFile(h, buf, 2, &n, &ov);
    if (ok) {
        CHECK(!GetQueuedCompletionStatus(port, &bytes, &key, &got, 0),
              "a read that completed at once queues no packet");
    } else {
        CHECK(GetLastError() == ERROR_IO_PENDING &&
                  GetQueuedCompletionStatus(port, &bytes, &key, &got, 1000),
              "a pending read still queues its packet");
    }

    CHECK(CancelIo(h), "CancelIo on the file succeeds");
    SetLastError(0xdeadbeef);
    CHECK(!CancelIoEx(h, NULL), "CancelIoEx finds nothing pending");
    CHECK_EQ(GetLastError(), ERROR_NOT_FOUND, "ERROR_NOT_FOUND");

    CloseHandle(h);
    CloseHandle(port);
    CloseHandle(ev);
}

static void test_routines(void)
{
    HANDLE h = CreateFileA(path, GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING,
                           FILE_FLAG_OVERLAPPED, NULL);
    OVERLAPPED ov;
    char buf[32];

    REQUIRE(h != INVALID_HANDLE_VALUE, "CreateFile for ReadFileEx");
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = (HANDLE)&routine_calls; /* the program's own data: left alone */
    routine_calls = 0;
    CHECK(WriteFileEx(h, "0123456789ABCDEF", 16, &ov, done), "WriteFileEx starts");
    CHECK_EQ(routine_calls, 0, "its routine waits for an alertable wait");
    CHECK_EQ(SleepEx(1000, TRUE), WAIT_IO_COMPLETION, "SleepEx runs it");
    CHECK(routine_calls == 1 && routine_bytes == 16 && routine_error == 0,
          "once, with 16 bytes and no error");

    memset(&ov, 0, sizeof(ov));
    ov.Offset = 10;
    CHECK(ReadFileEx(h, buf, sizeof(buf), &ov, done), "ReadFileEx at offset 10 starts");
    CHECK_EQ(SleepEx(1000, TRUE), WAIT_IO_COMPLETION, "SleepEx runs its routine");
    CHECK(routine_calls == 2 && routine_bytes == 6, "with the 6 bytes left");
    CHECK(memcmp(buf, "ABCDEF", 6) == 0, "read into the buffer");

    memset(&ov, 0, sizeof(ov));
    ov.Offset = 16;
    SetLastError(0xdeadbeef);
    CHECK(!ReadFileEx(h, buf, sizeof(buf), &ov, done), "ReadFileEx at the end fails");
    CHECK_EQ(GetLastError(), ERROR_HANDLE_EOF, "with ERROR_HANDLE_EOF");
    CHECK_EQ(SleepEx(0, TRUE), 0, "and queues no routine");
    CHECK_EQ(routine_calls, 2, "the routine ran twice in all");
    CloseHandle(h);
}

static void test_errors(void)
{
    char name[MAX_PATH + 40];
    HANDLE h;
    DWORD n = 0;

    h = CreateFileA(path, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    SetLastError(0xdeadbeef);
    CHECK(!WriteFile(h, "x", 1, &n, NULL), "writing through a read-only handle fails");
    CHECK_EQ(GetLastError(), ERROR_ACCESS_DENIED, "with ERROR_ACCESS_DENIED");
    CloseHandle(h);
    h = CreateFileA(path, GENERIC_WRITE, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    SetLastError(0xdeadbeef);
    CHECK(!ReadFile(h, name, 1, &n, NULL), "reading through a write-only handle fails");
    CHECK_EQ(GetLastError(), ERROR_ACCESS_DENIED, "with ERROR_ACCESS_DENIED");
    CloseHandle(h);
    h = CreateFileA(path, 0, 0, NULL, OPEN_EXISTING, 0, NULL);
    CHECK(h != INVALID_HANDLE_VALUE, "an open for attributes only (access 0)");
    SetLastError(0xdeadbeef);
    CHECK(!ReadFile(h, name, 1, &n, NULL), "cannot read either");
    CHECK_EQ(GetLastError(), ERROR_ACCESS_DENIED, "ERROR_ACCESS_DENIED");
    CHECK_EQ(GetFileSize(h, NULL), 16, "but gives the size");
    CloseHandle(h);

    SetLastError(0xdeadbeef);
    h = CreateFileA(path, FILE_WRITE_DATA, 0, NULL, TRUNCATE_EXISTING, 0, NULL);
    CHECK(h == INVALID_HANDLE_VALUE, "TRUNCATE_EXISTING wants GENERIC_WRITE");
    CHECK_EQ(GetLastError(), ERROR_INVALID_PARAMETER, "ERROR_INVALID_PARAMETER");
    h = CreateFileA(path, GENERIC_READ, 0, NULL, CREATE_ALWAYS, 0, NULL);
    CHECK(h != INVALID_HANDLE_VALUE && GetLastError() == ERROR_ALREADY_EXISTS,
          "CREATE_ALWAYS for reading only");
    CHECK_EQ(GetFileSize(h, NULL), 0, "truncates the file too");
    CloseHandle(h);

    snprintf(name, sizeof(name), "%s*.log", dir);
    SetLastError(0xdeadbeef);
    CHECK(CreateFileA(name, GENERIC_READ, 0, NULL, OPEN_EXISTING, 0, NULL) == INVALID_HANDLE_VALUE,
          "a name with a wildcard is refused");
    CHECK_EQ(GetLastError(), ERROR_INVALID_NAME, "ERROR_INVALID_NAME");
    SetLastError(0xdeadbeef);
    CHECK(CreateFileA("", GENERIC_READ, 0, NULL, OPEN_EXISTING, 0, NULL) == INVALID_HANDLE_VALUE,
          "an empty name is refused");
    CHECK_EQ(GetLastError(), ERROR_PATH_NOT_FOUND, "ERROR_PATH_NOT_FOUND");

    SetLastError(0xdeadbeef);
    CHECK(CreateFileA(dir, GENERIC_READ, 0, NULL, OPEN_EXISTING, 0, NULL) == INVALID_HANDLE_VALUE,
          "a directory named with a trailing separator is no file");
    CHECK_EQ(GetLastError(), ERROR_PATH_NOT_FOUND, "ERROR_PATH_NOT_FOUND");
    h = CreateFileA(dir, GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL,
                    OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS, NULL);
    CHECK(h != INVALID_HANDLE_VALUE, "with FILE_FLAG_BACKUP_SEMANTICS it opens (read and write)");
    CloseHandle(h);

    h = CreateFileA("NUL", GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
    CHECK(h != INVALID_HANDLE_VALUE, "the NUL device opens");
    CHECK_EQ(GetFileType(h), FILE_TYPE_CHAR, "as FILE_TYPE_CHAR");
    CHECK(WriteFile(h, "gone", 4, &n, NULL) && n == 4, "and swallows what is written");
    CloseHandle(h);
}

int main(void)
{
    DWORD n = GetTempPathA(sizeof(dir), dir);
    REQUIRE(n > 0 && n < sizeof(dir), "GetTempPath");
    snprintf(path, sizeof(path), "%sws2mp_fov_%lu.dat", dir, (unsigned long)GetCurrentProcessId());
    test_offset_moves_position();
    test_overlapped_handle();
    test_routines();
    test_errors();
    CHECK(DeleteFileA(path), "the file is deleted");
    return check_done();
}

/*
 * A service's debug log, written the way small Windows services (simple TCP/IP services,
 * telemetry agents) keep one: the file opened with FILE_FLAG_OVERLAPPED, one OVERLAPPED whose
 * Offset and OffsetHigh are both 0xFFFFFFFF reused for every WriteFile. Windows documents that
 * pair as "write at the end of the file" (what FILE_APPEND_DATA gives), so each message lands
 * after the previous one; the call either completes at once or fails with ERROR_IO_PENDING
 * and is waited on through the event and GetOverlappedResult. A program that takes the pair
 * for an error (ERROR_NEGATIVE_SEEK) concludes it cannot log and, like these services, exits
 * before serving anything. The same pair on a handle opened without FILE_FLAG_OVERLAPPED
 * appends too, and leaves the file position after the bytes written. Also what such services
 * check their sizes against (MAXDWORD & co. from <winnt.h>), and their event source closed
 * with CloseEventLog (which fails on NULL with ERROR_INVALID_HANDLE, as on Windows).
 */
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include "check.h"

static char dir[MAX_PATH], path[MAX_PATH + 32];
static HANDLE log_file;
static OVERLAPPED log_ov;

/* Writes one message at the end of the log as the services do; TRUE when it was written. */
static BOOL log_line(const char *msg)
{
    DWORD written = 0;
    BOOL ok = WriteFile(log_file, msg, (DWORD)strlen(msg), &written, &log_ov);
    if (!ok) {
        if (GetLastError() != ERROR_IO_PENDING)
            return FALSE;
        if (WaitForSingleObject(log_ov.hEvent, INFINITE) != WAIT_OBJECT_0)
            return FALSE;
        ok = GetOverlappedResult(log_file, &log_ov, &written, FALSE);
    }
    return ok && written == strlen(msg);
}

static DWORD file_text(char *buf, DWORD size)
{
    HANDLE h = CreateFileA(path, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL,
                           OPEN_EXISTING, 0, NULL);
    DWORD n = 0;
    if (h == INVALID_HANDLE_VALUE)
        return 0;
    if (!ReadFile(h, buf, size - 1, &n, NULL))
        n = 0;
    buf[n] = 0;
    CloseHandle(h);
    return n;
}

static void test_overlapped_log_appends(void)
{
    char text[128];

    DeleteFileA(path);
    memset(&log_ov, 0, sizeof(log_ov));
    log_ov.Offset = 0xFFFFFFFF;
    log_ov.OffsetHigh = 0xFFFFFFFF;
    log_ov.hEvent = CreateEvent(NULL, TRUE, FALSE, NULL);
    REQUIRE(log_ov.hEvent != NULL, "CreateEvent for the log's OVERLAPPED");
    log_file = CreateFileA(path, GENERIC_WRITE, FILE_SHARE_READ, NULL, OPEN_ALWAYS,
                           FILE_ATTRIBUTE_NORMAL | FILE_FLAG_OVERLAPPED, NULL);
    REQUIRE(log_file != INVALID_HANDLE_VALUE, "CreateFile of the log (FILE_FLAG_OVERLAPPED)");

    CHECK(log_line("[start]"), "first message written at the end of the empty file");
    CHECK(log_line("Echo server listening\r\n"), "second message appended");
    CHECK(log_line("Daytime server listening\r\n"), "third message appended");
    CHECK_EQ((long)file_text(text, sizeof(text)), 56L, "the log holds the three messages");
    CHECK(strcmp(text, "[start]Echo server listening\r\nDaytime server listening\r\n") == 0,
          "in the order they were written, none over another");

    /* An ordinary offset on the same handle still writes where it says. */
    log_ov.Offset = 1;
    log_ov.OffsetHigh = 0;
    CHECK(log_line("S"), "a write at offset 1");
    CHECK_EQ((long)file_text(text, sizeof(text)), 56L, "which does not grow the file");
    CHECK(strncmp(text, "[Start]", 7) == 0, "and replaces the byte at that offset");
    log_ov.Offset = 0xFFFFFFFF;
    log_ov.OffsetHigh = 0xFFFFFFFF;
    CHECK(log_line("[stop]"), "back to writing at the end");
    CHECK_EQ((long)file_text(text, sizeof(text)), 62L, "appended after the last message");

    FlushFileBuffers(log_file);
    CloseHandle(log_file);
    CloseHandle(log_ov.hEvent);
}

static void test_synchronous_handle_appends(void)
{
    HANDLE h = CreateFileA(path, GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    OVERLAPPED ov;
    DWORD n = 0;
    char text[64];

    REQUIRE(h != INVALID_HANDLE_VALUE, "CreateFile (synchronous handle)");
    CHECK(WriteFile(h, "0123456789", 10, &n, NULL) && n == 10, "ten bytes written");
    CHECK_EQ((long)SetFilePointer(h, 3, NULL, FILE_BEGIN), 3L, "position moved back to 3");
    memset(&ov, 0, sizeof(ov));
    ov.Offset = 0xFFFFFFFF;
    ov.OffsetHigh = 0xFFFFFFFF;
    n = 0;
    CHECK(WriteFile(h, "ab", 2, &n, &ov), "WriteFile at the end through an OVERLAPPED");
    CHECK_EQ((long)n, 2L, "two bytes written");
    CHECK_EQ((long)SetFilePointer(h, 0, NULL, FILE_CURRENT), 12L,
             "the position follows the bytes written at the end");
    CHECK_EQ((long)GetFileSize(h, NULL), 12L, "the file grew by two bytes");
    CloseHandle(h);
    CHECK_EQ((long)file_text(text, sizeof(text)), 12L, "twelve bytes on disk");
    CHECK(strcmp(text, "0123456789ab") == 0, "appended, not written at the old position");
}

static void test_limits(void)
{
    DWORD big = MAXDWORD;
    CHECK(big + 1 == 0, "MAXDWORD is the largest DWORD");
    CHECK_EQ((long)MAXWORD, 65535L, "MAXWORD");
    CHECK_EQ((long)MAXBYTE, 255L, "MAXBYTE");
    CHECK_EQ((long)MAXLONG, 2147483647L, "MAXLONG");
    CHECK_EQ((long)MAXSHORT, 32767L, "MAXSHORT");
    CHECK_EQ((long)MAXCHAR, 127L, "MAXCHAR");
    CHECK((size_t)1000 <= MAXDWORD / sizeof(WCHAR), "a service's length check against MAXDWORD");
}

static void test_close_event_log(void)
{
    HANDLE source;
    const char *strings[] = {"Service state 0x4, CheckPoint 0"};

    SetLastError(0xdeadbeef);
    CHECK(!CloseEventLog(NULL), "CloseEventLog(NULL) fails");
    CHECK_EQ((long)GetLastError(), (long)ERROR_INVALID_HANDLE, "with ERROR_INVALID_HANDLE");

    source = RegisterEventSourceA(NULL, "ws2mp-log-file-test");
    REQUIRE(source != NULL, "RegisterEventSource");
    CHECK(ReportEventA(source, EVENTLOG_SUCCESS, 0, 0, NULL, 1, 0, strings, NULL),
          "ReportEvent");
    CHECK(CloseEventLog(source), "CloseEventLog on the source closes it");
}

int main(void)
{
    DWORD n = GetTempPathA(sizeof(dir), dir);
    REQUIRE(n > 0 && n < sizeof(dir), "GetTempPath");
    snprintf(path, sizeof(path), "%sws2mp_svclog_%lu.log", dir, (unsigned long)GetCurrentProcessId());

    test_overlapped_log_appends();
    test_synchronous_handle_appends();
    test_limits();
    test_close_event_log();
    DeleteFileA(path);
    return check_done();
}

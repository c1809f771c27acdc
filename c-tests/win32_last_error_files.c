/* The last-error rules of the file calls the way Windows' own conformance tests record them
 * (ReactOS's ReadFile apitest, run on Windows 10), in the shape of a program that reads its
 * own executable: a synchronous ReadFile that succeeds, also at the end of the file, leaves
 * the last error alone; SetFilePointer and GetFileSize leave it alone on success (they clear
 * it only when the value reads like their failure value); GetOverlappedResult clears it on
 * success. Also an APC routine declared VOID NTAPI, as Windows headers let programs declare it. */
#include <windows.h>
#include <stdio.h>
#include "check.h"

static int apc_ran;

static VOID NTAPI on_apc(ULONG_PTR parameter)
{
    apc_ran = (int)parameter;
}

int main(int argc, char **argv)
{
    char name[MAX_PATH];
    unsigned char buf[128];
    DWORD n, size;
    OVERLAPPED ov;
    HANDLE h;
    (void)argc;
    (void)argv;

    REQUIRE(GetModuleFileNameA(NULL, name, sizeof(name)) > 0, "the program's own file name");
    h = CreateFileA(name, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL);
    REQUIRE(h != INVALID_HANDLE_VALUE, "it opens for reading");

    SetLastError(0xdeadbeef);
    CHECK(ReadFile(h, buf, sizeof(buf), &n, NULL) && n == sizeof(buf), "ReadFile reads 128 bytes");
    CHECK_EQ(GetLastError(), 0xdeadbeef, "... and leaves the last error alone");
    SetLastError(0xdeadbeef);
    CHECK(SetFilePointer(h, 0, NULL, FILE_END) != INVALID_SET_FILE_POINTER, "SetFilePointer to the end");
    CHECK_EQ(GetLastError(), 0xdeadbeef, "... leaves the last error alone");
    SetLastError(0xdeadbeef);
    CHECK(ReadFile(h, buf, sizeof(buf), &n, NULL) && n == 0, "ReadFile at the end succeeds with 0 bytes");
    CHECK_EQ(GetLastError(), 0xdeadbeef, "... and leaves the last error alone");
    SetLastError(0xdeadbeef);
    size = GetFileSize(h, NULL);
    CHECK(size != INVALID_FILE_SIZE && size > sizeof(buf), "GetFileSize");
    CHECK_EQ(GetLastError(), 0xdeadbeef, "... leaves the last error alone");

    memset(&ov, 0, sizeof(ov));
    SetLastError(0xdeadbeef);
    CHECK(ReadFile(h, buf, sizeof(buf), NULL, &ov), "an overlapped ReadFile at offset 0 completes at once");
    SetLastError(0xdeadbeef);
    CHECK(GetOverlappedResult(h, &ov, &n, TRUE) && n == sizeof(buf), "GetOverlappedResult gives its 128 bytes");
    CHECK_EQ(GetLastError(), 0, "... and clears the last error, as Windows 10 does");
    ov.Offset = size;
    SetLastError(0xdeadbeef);
    CHECK(!ReadFile(h, buf, sizeof(buf), NULL, &ov) && GetLastError() == ERROR_HANDLE_EOF,
          "an overlapped ReadFile at the end fails with ERROR_HANDLE_EOF");
    CloseHandle(h);

    CHECK(QueueUserAPC(on_apc, GetCurrentThread(), 7), "QueueUserAPC of a VOID NTAPI routine");
    CHECK_EQ(SleepEx(0, TRUE), WAIT_IO_COMPLETION, "it runs in an alertable SleepEx");
    CHECK_EQ(apc_ran, 7, "with its parameter");

    return check_done();
}

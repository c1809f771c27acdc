/* A file indexer's scanning threads call SetThreadErrorMode(SEM_FAILCRITICALERRORS |
 * SEM_NOOPENFILEERRORBOX, &old) so that a missing floppy or CD gives an error code instead of
 * a dialog, and restore the old mode when done; the UI thread keeps its own mode. The mode is
 * per thread, 0 at first, and bits other than those two and SEM_NOGPFAULTERRORBOX are
 * ERROR_INVALID_PARAMETER. Wine's kernel32 thread.c test_ThreadErrorMode
 * (docs/WINDOWS.md §10.11). */
#include <windows.h>
#include <stdio.h>
#include "check.h"

/* What the scanner saw, checked by the UI thread once it has ended. */
static DWORD g_initial = 1234, g_old = 1234, g_read_back;
static BOOL g_set, g_restored;

static DWORD WINAPI scanner(LPVOID arg)
{
    (void)arg;
    g_initial = GetThreadErrorMode();
    g_set = SetThreadErrorMode(SEM_FAILCRITICALERRORS | SEM_NOOPENFILEERRORBOX, &g_old);
    g_read_back = GetThreadErrorMode();
    g_restored = SetThreadErrorMode(g_old, NULL);
    return 0;
}

int main(void)
{
    DWORD old;
    HANDLE h;
    CHECK(SetThreadErrorMode(SEM_NOGPFAULTERRORBOX, &old), "the UI thread's mode");
    h = CreateThread(NULL, 0, scanner, NULL, 0, NULL);
    REQUIRE(h != NULL, "CreateThread");
    CHECK_EQ(WaitForSingleObject(h, 10000), WAIT_OBJECT_0, "the scanner ends");
    CHECK_EQ(g_initial, 0, "a new thread starts with mode 0");
    CHECK(g_set, "set the scanner's mode");
    CHECK_EQ(g_old, 0, "the old mode was 0");
    CHECK_EQ(g_read_back, SEM_FAILCRITICALERRORS | SEM_NOOPENFILEERRORBOX, "read back");
    CHECK(g_restored, "restore it (no old mode wanted)");
    CloseHandle(h);
    CHECK_EQ(GetThreadErrorMode(), SEM_NOGPFAULTERRORBOX, "the scanner did not change the UI thread's mode");
    SetLastError(0);
    CHECK(!SetThreadErrorMode(SEM_NOALIGNMENTFAULTEXCEPT, &old), "SEM_NOALIGNMENTFAULTEXCEPT is not a thread mode");
    CHECK_EQ(GetLastError(), ERROR_INVALID_PARAMETER, "... ERROR_INVALID_PARAMETER");
    CHECK_EQ(GetThreadErrorMode(), SEM_NOGPFAULTERRORBOX, "and changed nothing");
    CHECK(!SetThreadErrorMode(0x10000, NULL), "nor any other bit");
    return check_done();
}

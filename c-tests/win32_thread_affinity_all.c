/* A render farm client pins each worker to one CPU for a job and afterwards frees it again
 * with SetThreadAffinityMask(thread, (DWORD_PTR)-1), "any processor", as its Windows
 * original does; a config file written for a bigger machine names CPUs this one lacks. On
 * Windows all bits set means every CPU of the process, and bits of CPUs the system does not
 * have are ignored (a mask with nothing else left is ERROR_INVALID_PARAMETER). Wine's
 * kernel32 thread.c test_thread_processor (docs/WINDOWS.md §10.11). */
#include <windows.h>
#include <stdio.h>
#include "check.h"

static DWORD_PTR g_process, g_system;
/* What the worker saw, checked by the main thread once it has ended. */
static DWORD_PTR g_first, g_any, g_after;

static DWORD WINAPI worker(LPVOID arg)
{
    DWORD_PTR lowest = g_process & (~g_process + 1);
    (void)arg;
    g_first = SetThreadAffinityMask(GetCurrentThread(), lowest);
    g_any = SetThreadAffinityMask(GetCurrentThread(), (DWORD_PTR)-1);
    g_after = SetThreadAffinityMask(GetCurrentThread(), lowest);
    return 0;
}

int main(void)
{
    HANDLE h;
    DWORD_PTR prev, lowest;
    REQUIRE(GetProcessAffinityMask(GetCurrentProcess(), &g_process, &g_system), "GetProcessAffinityMask");
    lowest = g_process & (~g_process + 1);
    h = CreateThread(NULL, 0, worker, NULL, 0, NULL);
    REQUIRE(h != NULL, "CreateThread");
    CHECK_EQ(WaitForSingleObject(h, 10000), WAIT_OBJECT_0, "the worker ends");
    CHECK_EQ((long)g_first, (long)g_process, "a new thread starts with the process's CPUs");
    CHECK_EQ((long)g_any, (long)lowest, "(DWORD_PTR)-1 is accepted and returns the pinned mask");
    CHECK_EQ((long)g_after, (long)g_process, "after it the thread had all of the process's CPUs");
    CloseHandle(h);

    prev = SetThreadAffinityMask(GetCurrentThread(), ~(DWORD_PTR)0);
    CHECK_EQ((long)prev, (long)g_process, "~0 on the main thread returns its mask");
    if (~g_system != 0) {
        DWORD_PTR missing = ~g_system; /* CPUs this machine does not have */
        prev = SetThreadAffinityMask(GetCurrentThread(), lowest | missing);
        CHECK_EQ((long)prev, (long)g_process, "CPUs the system lacks are ignored");
        prev = SetThreadAffinityMask(GetCurrentThread(), g_process);
        CHECK_EQ((long)prev, (long)lowest, "the mask was just the existing CPU");
        missing &= ~missing + 1;
        SetLastError(0);
        CHECK_EQ(SetThreadAffinityMask(GetCurrentThread(), missing), 0, "only missing CPUs: refused");
        CHECK_EQ(GetLastError(), ERROR_INVALID_PARAMETER, "... with ERROR_INVALID_PARAMETER");
    }
    return check_done();
}

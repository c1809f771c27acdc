/* ws2mp-test: no-tsan */ /* a suspended child is forked with a pre-exec hook (std then forks instead of posix_spawn): TSan does not follow a child forked from a threaded process */
/* A launcher that starts its worker with CREATE_SUSPENDED, prepares what the worker needs,
 * then lets it run with ResumeThread(pi.hThread), as job-control and service wrappers do:
 * the suspended child does not run its program (its marker file does not appear, the process
 * stays active), ResumeThread returns the previous suspend count (1, then 0), the child then
 * runs to its exit code; a suspended child can be ended with TerminateProcess without ever
 * running; ResumeThread on a child started normally returns 0. The worker is this program
 * started again. */
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"

static BOOL start(const char *self, const char *marker, DWORD flags, PROCESS_INFORMATION *pi)
{
    char line[2 * MAX_PATH + 32];
    STARTUPINFOA si;
    memset(&si, 0, sizeof(si));
    si.cb = sizeof(si);
    snprintf(line, sizeof(line), "\"%s\" worker \"%s\"", self, marker);
    return CreateProcessA(NULL, line, NULL, NULL, FALSE, flags, NULL, NULL, &si, pi);
}

static BOOL exists(const char *path)
{
    return GetFileAttributesA(path) != INVALID_FILE_ATTRIBUTES;
}

int main(int argc, char **argv)
{
    char self[MAX_PATH], dir[MAX_PATH], marker[MAX_PATH], marker2[MAX_PATH], marker3[MAX_PATH];
    PROCESS_INFORMATION pi;
    DWORD code = 0;

    if (argc == 3 && strcmp(argv[1], "worker") == 0) {
        HANDLE f = CreateFileA(argv[2], GENERIC_WRITE, 0, NULL, CREATE_NEW, FILE_ATTRIBUTE_NORMAL, NULL);
        if (f == INVALID_HANDLE_VALUE)
            return 99;
        CloseHandle(f);
        return 7;
    }
    REQUIRE(GetModuleFileNameA(NULL, self, sizeof(self)) > 0, "GetModuleFileNameA");
    REQUIRE(GetTempPathA(sizeof(dir), dir) > 0, "GetTempPathA");
    snprintf(marker, sizeof(marker), "%sws2mp-suspended-%lu-a", dir, (unsigned long)GetCurrentProcessId());
    snprintf(marker2, sizeof(marker2), "%sws2mp-suspended-%lu-b", dir, (unsigned long)GetCurrentProcessId());
    snprintf(marker3, sizeof(marker3), "%sws2mp-suspended-%lu-c", dir, (unsigned long)GetCurrentProcessId());
    DeleteFileA(marker);
    DeleteFileA(marker2);
    DeleteFileA(marker3);

    /* Started suspended, then resumed. */
    REQUIRE(start(self, marker, CREATE_SUSPENDED, &pi), "CreateProcess with CREATE_SUSPENDED");
    CHECK(pi.dwProcessId != 0 && pi.hProcess != NULL && pi.hThread != NULL, "the process and thread handles");
    Sleep(300);
    CHECK(!exists(marker), "the suspended worker has not run (no marker after 300 ms)");
    CHECK_EQ(WaitForSingleObject(pi.hProcess, 0), WAIT_TIMEOUT, "its process is not signalled");
    CHECK(GetExitCodeProcess(pi.hProcess, &code) && code == STILL_ACTIVE, "GetExitCodeProcess: STILL_ACTIVE");
    CHECK_EQ(ResumeThread(pi.hThread), 1, "ResumeThread returns the previous suspend count, 1");
    CHECK_EQ(WaitForSingleObject(pi.hProcess, 20000), WAIT_OBJECT_0, "the resumed worker runs to its end");
    CHECK(exists(marker), "... having made its marker");
    CHECK(GetExitCodeProcess(pi.hProcess, &code) && code == 7, "... with its exit code, 7");
    CHECK_EQ(ResumeThread(pi.hThread), 0, "ResumeThread again: 0, it is not suspended");
    CloseHandle(pi.hThread);
    CloseHandle(pi.hProcess);

    /* Started suspended, then ended without running. */
    REQUIRE(start(self, marker2, CREATE_SUSPENDED, &pi), "a second worker, suspended");
    CHECK(TerminateProcess(pi.hProcess, 42), "TerminateProcess of the suspended worker");
    CHECK_EQ(WaitForSingleObject(pi.hProcess, 20000), WAIT_OBJECT_0, "... ends it");
    CHECK(GetExitCodeProcess(pi.hProcess, &code) && code == 42, "... with the code given, 42");
    CHECK(!exists(marker2), "... and it never ran");
    CloseHandle(pi.hThread);
    CloseHandle(pi.hProcess);

    /* Started normally: nothing to resume. */
    REQUIRE(start(self, marker3, 0, &pi), "a worker started normally");
    CHECK_EQ(WaitForSingleObject(pi.hProcess, 20000), WAIT_OBJECT_0, "it runs to its end");
    CHECK_EQ(ResumeThread(pi.hThread), 0, "ResumeThread on its thread handle: 0");
    CHECK(exists(marker3), "... having made its marker");
    CloseHandle(pi.hThread);
    CloseHandle(pi.hProcess);

    DeleteFileA(marker);
    DeleteFileA(marker3);
    return check_done();
}

/* A service supervisor starts its workers with CreateProcess and, when that fails, runs one
 * cleanup path that closes whatever PROCESS_INFORMATION holds: Windows clears the structure
 * first, so a failed start leaves NULL handles there. An empty program name is
 * ERROR_PATH_NOT_FOUND. Wine's kernel32 process.c test_CommandLine (docs/WINDOWS.md §10.10). */
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include "check.h"

static void cleanup(PROCESS_INFORMATION *pi)
{
    if (pi->hThread)
        CloseHandle(pi->hThread);
    if (pi->hProcess)
        CloseHandle(pi->hProcess);
}

static void test_failed_start_clears_information(void)
{
    STARTUPINFOA si;
    PROCESS_INFORMATION pi;
    char line[] = "\"no_such_worker_7c1.exe\" --serve";
    char empty[] = "";
    memset(&si, 0, sizeof(si));
    si.cb = sizeof(si);
    memset(&pi, 0x5a, sizeof(pi));
    SetLastError(0);
    CHECK(!CreateProcessA(NULL, line, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi), "a missing program does not start");
    CHECK_EQ(GetLastError(), ERROR_FILE_NOT_FOUND, "... ERROR_FILE_NOT_FOUND");
    CHECK(pi.hProcess == NULL && pi.hThread == NULL, "the handles are NULL");
    CHECK(pi.dwProcessId == 0 && pi.dwThreadId == 0, "the ids are 0");
    cleanup(&pi);

    memset(&pi, 0x5a, sizeof(pi));
    SetLastError(0);
    CHECK(!CreateProcessA(NULL, line, NULL, NULL, FALSE, 0, NULL, "no\\such\\dir", &si, &pi), "a missing directory");
    CHECK_EQ(GetLastError(), ERROR_DIRECTORY, "... ERROR_DIRECTORY");
    CHECK(pi.hProcess == NULL && pi.dwProcessId == 0, "... and a cleared structure");

    memset(&pi, 0x5a, sizeof(pi));
    SetLastError(0);
    CHECK(!CreateProcessA(empty, NULL, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi), "an empty program name");
    CHECK_EQ(GetLastError(), ERROR_PATH_NOT_FOUND, "... ERROR_PATH_NOT_FOUND");
    SetLastError(0);
    CHECK(!CreateProcessA(empty, empty, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi), "an empty name and command line");
    CHECK_EQ(GetLastError(), ERROR_PATH_NOT_FOUND, "... ERROR_PATH_NOT_FOUND too");
    CHECK(pi.hProcess == NULL, "cleared");
}

int main(void)
{
    test_failed_start_clears_information();
    return check_done();
}

/* An old tool checks which Windows its own program and a helper it started were built for
 * (GetProcessVersion, major version in the high word) before it uses a newer shell feature,
 * and treats a helper that has gone as an error. Wine's kernel32 process.c
 * test_GetProcessVersion (docs/WINDOWS.md §10.10). */
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include "check.h"

static void test_versions(void)
{
    STARTUPINFOA si;
    PROCESS_INFORMATION pi;
    char line[] = "sleep 5";
    DWORD v;
    v = GetProcessVersion(0);
    CHECK(HIWORD(v) >= 4, "this program: a Windows version of 4.0 or later");
    CHECK_EQ(GetProcessVersion(GetCurrentProcessId()), v, "its own id gives the same");
    memset(&si, 0, sizeof(si));
    si.cb = sizeof(si);
    REQUIRE(CreateProcessA(NULL, line, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi), "CreateProcess");
    CHECK(GetProcessVersion(pi.dwProcessId) != 0, "a running helper has one too");
    CHECK(TerminateProcess(pi.hProcess, 0), "TerminateProcess");
    CHECK_EQ(WaitForSingleObject(pi.hProcess, 5000), WAIT_OBJECT_0, "the helper ends");
    CloseHandle(pi.hThread);
    CloseHandle(pi.hProcess);
    SetLastError(0);
    CHECK(GetProcessVersion(0x7ffffff0u) == 0 && GetLastError() == ERROR_INVALID_PARAMETER,
          "no such process: 0 and ERROR_INVALID_PARAMETER");
}

int main(void)
{
    test_versions();
    return check_done();
}

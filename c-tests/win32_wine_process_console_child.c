/* A console server's launcher and the worker it starts, the way a Windows supervisor does it:
 * the worker's output goes to a file handle given with STARTF_USESTDHANDLES and
 * bInheritHandles, the worker writes its report with WriteFile on GetStdHandle's handle,
 * finds its own command line in GetCommandLineA, its standard handles in GetStartupInfo, its
 * own id through GetProcessId(GetCurrentProcess()), and ends with ExitProcess(code). The
 * launcher reads the code with GetExitCodeProcess (STILL_ACTIVE, 259, while the worker runs),
 * ends a hung worker with TerminateProcess and reads the code it gave, and gets Windows'
 * errors for NULL handles and for process id 0. Wine's kernel32 process.c as the
 * specification (test_Startup, test_ExitCode, test_TerminateProcess, test_OpenProcess). */
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"

static int worker(int argc, char **argv)
{
    HANDLE out = GetStdHandle(STD_OUTPUT_HANDLE);
    STARTUPINFOA si;
    char report[512];
    DWORD n, code = 0;
    const char *line = GetCommandLineA();

    if (argc > 2 && strcmp(argv[2], "hang") == 0) {
        Sleep(60000);
        ExitProcess(1);
    }
    memset(&si, 0, sizeof(si));
    GetStartupInfoA(&si);
    GetExitCodeProcess(GetCurrentProcess(), &code);
    n = (DWORD)snprintf(report, sizeof(report), "cb=%d std=%d self=%d active=%lu cmdline=%d line=%s\n",
                        si.cb == sizeof(si), si.hStdOutput == out && out != INVALID_HANDLE_VALUE,
                        GetProcessId(GetCurrentProcess()) == GetCurrentProcessId(), (unsigned long)code,
                        strstr(line, "worker report") != NULL, line);
    if (!WriteFile(out, report, n, &n, NULL))
        ExitProcess(2);
    ExitProcess(42);
    return 3;
}

int main(int argc, char **argv)
{
    char self[MAX_PATH], path[MAX_PATH + 16], line[2 * MAX_PATH], text[1024];
    SECURITY_ATTRIBUTES sa = {sizeof(sa), NULL, TRUE};
    STARTUPINFOA si;
    PROCESS_INFORMATION pi;
    HANDLE file;
    DWORD code = 0, n = 0;

    if (argc > 1 && strcmp(argv[1], "worker") == 0)
        return worker(argc, argv);

    REQUIRE(GetModuleFileNameA(NULL, self, sizeof(self)) > 0, "GetModuleFileNameA");
    snprintf(path, sizeof(path), "%s.%lu.out", self, (unsigned long)GetCurrentProcessId());
    file = CreateFileA(path, GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, &sa, CREATE_ALWAYS,
                       FILE_ATTRIBUTE_NORMAL, NULL);
    REQUIRE(file != INVALID_HANDLE_VALUE, "the report file is created, inheritable");

    memset(&si, 0, sizeof(si));
    si.cb = sizeof(si);
    si.dwFlags = STARTF_USESTDHANDLES;
    si.hStdInput = GetStdHandle(STD_INPUT_HANDLE);
    si.hStdOutput = file;
    si.hStdError = GetStdHandle(STD_ERROR_HANDLE);
    snprintf(line, sizeof(line), "\"%s\" worker report", self);
    REQUIRE(CreateProcessA(NULL, line, NULL, NULL, TRUE, 0, NULL, NULL, &si, &pi), "the worker starts");
    CHECK_EQ(GetProcessId(pi.hProcess), pi.dwProcessId, "GetProcessId of its handle is dwProcessId");
    CHECK_EQ(WaitForSingleObject(pi.hProcess, 10000), WAIT_OBJECT_0, "the worker ends");
    CHECK(GetExitCodeProcess(pi.hProcess, &code), "GetExitCodeProcess");
    CHECK_EQ(code, 42, "... the code the worker gave ExitProcess");
    CloseHandle(pi.hThread);
    CloseHandle(pi.hProcess);

    SetFilePointer(file, 0, NULL, FILE_BEGIN);
    memset(text, 0, sizeof(text));
    CHECK(ReadFile(file, text, sizeof(text) - 1, &n, NULL) && n > 0, "the worker's report is in the file");
    CHECK(strstr(text, "cb=1 ") != NULL, "the worker's GetStartupInfo fills cb");
    CHECK(strstr(text, "std=1 ") != NULL, "... and its hStdOutput is its GetStdHandle(STD_OUTPUT_HANDLE)");
    CHECK(strstr(text, "self=1 ") != NULL, "GetProcessId(GetCurrentProcess()) is GetCurrentProcessId()");
    CHECK(strstr(text, "active=259 ") != NULL, "its own exit code reads STILL_ACTIVE while it runs");
    CHECK(strstr(text, "cmdline=1 ") != NULL, "GetCommandLineA holds the line the launcher gave");
    CloseHandle(file);
    DeleteFileA(path);

    /* A hung worker ended by the launcher. */
    memset(&si, 0, sizeof(si));
    si.cb = sizeof(si);
    snprintf(line, sizeof(line), "\"%s\" worker hang", self);
    REQUIRE(CreateProcessA(NULL, line, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi), "a worker that hangs starts");
    CHECK_EQ(WaitForSingleObject(pi.hProcess, 200), WAIT_TIMEOUT, "it does not end by itself");
    CHECK(GetExitCodeProcess(pi.hProcess, &code) && code == STILL_ACTIVE, "its exit code is STILL_ACTIVE (259)");
    CHECK(TerminateProcess(pi.hProcess, 0xDEAD), "TerminateProcess ends it");
    CHECK_EQ(WaitForSingleObject(pi.hProcess, 10000), WAIT_OBJECT_0, "... its handle is signalled");
    CHECK(GetExitCodeProcess(pi.hProcess, &code), "GetExitCodeProcess");
    CHECK_EQ(code, 0xDEAD, "... the code TerminateProcess gave");
    CloseHandle(pi.hThread);
    CloseHandle(pi.hProcess);

    /* The errors. */
    SetLastError(0);
    CHECK(OpenProcess(PROCESS_QUERY_INFORMATION, FALSE, 0) == NULL, "OpenProcess of id 0 fails");
    CHECK_EQ(GetLastError(), ERROR_INVALID_PARAMETER, "... ERROR_INVALID_PARAMETER");
    SetLastError(0);
    CHECK(!GetExitCodeProcess(NULL, &code), "GetExitCodeProcess(NULL) fails");
    CHECK_EQ(GetLastError(), ERROR_INVALID_HANDLE, "... ERROR_INVALID_HANDLE");
    SetLastError(0);
    CHECK(!TerminateProcess(NULL, 1), "TerminateProcess(NULL) fails");
    CHECK_EQ(GetLastError(), ERROR_INVALID_HANDLE, "... ERROR_INVALID_HANDLE");
    SetLastError(0);
    CHECK_EQ(GetProcessId(NULL), 0, "GetProcessId(NULL) is 0");
    CHECK_EQ(GetLastError(), ERROR_INVALID_HANDLE, "... ERROR_INVALID_HANDLE");
    CHECK_EQ(WaitForSingleObject(GetCurrentProcess(), 0), WAIT_TIMEOUT, "this process's pseudo-handle is not signalled");
    return check_done();
}

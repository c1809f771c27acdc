/* ws2mp-test: no-mingw */ /* __try/__except in C are MSVC's: mingw-w64's gcc has no SEH keywords */
/*
 * Software exceptions the way Visual C++ programs raise them: the SetThreadName recipe
 * (RaiseException(0x406D1388) with a THREADNAME_INFO inside __try/__except) that names worker
 * threads for the debugger, and an application-defined exception code that a vectored handler
 * deals with. A raised exception no handler takes ends the process with its code: that runs in
 * a child copy of this program.
 */
#include <winsock2.h>
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include "check.h"

#define MS_VC_EXCEPTION 0x406D1388
#define APP_RETRY_EXCEPTION 0xE0000001
#define APP_FATAL_EXCEPTION 0xE0000002

#pragma pack(push, 8)
typedef struct tagTHREADNAME_INFO {
    DWORD dwType;
    LPCSTR szName;
    DWORD dwThreadID;
    DWORD dwFlags;
} THREADNAME_INFO;
#pragma pack(pop)

static void SetThreadName(DWORD threadId, const char *name)
{
    THREADNAME_INFO info;
    info.dwType = 0x1000;
    info.szName = name;
    info.dwThreadID = threadId;
    info.dwFlags = 0;
    __try {
        RaiseException(MS_VC_EXCEPTION, 0, sizeof(info) / sizeof(ULONG_PTR), (ULONG_PTR *)&info);
    } __except (EXCEPTION_EXECUTE_HANDLER) {
    }
}

static volatile LONG retries;
static ULONG_PTR last_argument;

static LONG CALLBACK retry_handler(EXCEPTION_POINTERS *info)
{
    EXCEPTION_RECORD *r = info->ExceptionRecord;
    if (r->ExceptionCode != APP_RETRY_EXCEPTION)
        return EXCEPTION_CONTINUE_SEARCH;
    InterlockedIncrement(&retries);
    last_argument = r->NumberParameters == 1 ? r->ExceptionInformation[0] : 0;
    return EXCEPTION_CONTINUE_EXECUTION;
}

static LONG WINAPI fatal_filter(EXCEPTION_POINTERS *info)
{
    return info->ExceptionRecord->ExceptionCode == APP_FATAL_EXCEPTION &&
                   (info->ExceptionRecord->ExceptionFlags & EXCEPTION_NONCONTINUABLE)
               ? EXCEPTION_EXECUTE_HANDLER
               : EXCEPTION_CONTINUE_SEARCH;
}

static DWORD WINAPI worker(LPVOID unused)
{
    char comm[32] = "";
    FILE *f;
    (void)unused;
    SetThreadName((DWORD)-1, "ws2mp-worker-1");
#ifdef __linux__
    f = fopen("/proc/thread-self/comm", "r");
    if (f != NULL) {
        if (fgets(comm, sizeof(comm), f) == NULL)
            comm[0] = '\0';
        fclose(f);
    }
#else
    (void)f;
    strcpy(comm, "ws2mp-worker-1\n");
#endif
    return strcmp(comm, "ws2mp-worker-1\n") == 0 ? 0 : 1;
}

int main(int argc, char **argv)
{
    char self[MAX_PATH], line[MAX_PATH + 32];
    ULONG_PTR argument = 42;
    HANDLE t;
    DWORD code = 99;
    STARTUPINFOA si;
    PROCESS_INFORMATION pi;

    if (argc == 2 && strcmp(argv[1], "fatal") == 0) {
        SetUnhandledExceptionFilter(fatal_filter);
        RaiseException(APP_FATAL_EXCEPTION, EXCEPTION_NONCONTINUABLE, 0, NULL);
        return 50; /* not reached */
    }
    if (argc == 2 && strcmp(argv[1], "unhandled") == 0) {
        RaiseException(APP_FATAL_EXCEPTION, 0, 0, NULL);
        return 51; /* not reached */
    }

    t = CreateThread(NULL, 0, worker, NULL, 0, NULL);
    REQUIRE(t != NULL, "CreateThread");
    WaitForSingleObject(t, INFINITE);
    GetExitCodeThread(t, &code);
    CloseHandle(t);
    CHECK_EQ(code, 0, "SetThreadName's RaiseException names the thread and returns");

    AddVectoredExceptionHandler(1, retry_handler);
    RaiseException(APP_RETRY_EXCEPTION, 0, 1, &argument);
    CHECK_EQ(retries, 1, "a vectored handler sees the program's own exception code");
    CHECK(last_argument == 42, "... with its argument");
    RaiseException(APP_RETRY_EXCEPTION, 0, 0, NULL);
    CHECK_EQ(retries, 2, "EXCEPTION_CONTINUE_EXECUTION returns from RaiseException");

    REQUIRE(GetModuleFileNameA(NULL, self, sizeof(self)) > 0, "GetModuleFileNameA");
    memset(&si, 0, sizeof(si));
    si.cb = sizeof(si);
    sprintf(line, "\"%s\" fatal", self);
    REQUIRE(CreateProcessA(NULL, line, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi), "start the fatal child");
    WaitForSingleObject(pi.hProcess, INFINITE);
    GetExitCodeProcess(pi.hProcess, &code);
    CloseHandle(pi.hThread);
    CloseHandle(pi.hProcess);
    CHECK_EQ(code & 0xFF, APP_FATAL_EXCEPTION & 0xFF, "the filter's EXCEPTION_EXECUTE_HANDLER ends it with the code");

    sprintf(line, "\"%s\" unhandled", self);
    REQUIRE(CreateProcessA(NULL, line, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi), "start the unhandled child");
    WaitForSingleObject(pi.hProcess, INFINITE);
    GetExitCodeProcess(pi.hProcess, &code);
    CloseHandle(pi.hThread);
    CloseHandle(pi.hProcess);
    CHECK_EQ(code & 0xFF, APP_FATAL_EXCEPTION & 0xFF, "an exception no handler takes ends the process with its code");
    return check_done();
}

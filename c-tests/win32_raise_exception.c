/* ws2mp-test: no-mingw */ /* __try/__except in C are MSVC's: mingw-w64's gcc has no SEH keywords */
/*
 * Naming threads and raising exceptions the way Visual C++ programs do: the SetThreadName
 * recipe (RaiseException(0x406D1388) with a THREADNAME_INFO inside __try/__except) and, on
 * Windows 10, SetThreadDescription / GetThreadDescription; an application-defined exception
 * code that a vectored handler deals with. A raised exception no handler takes ends the process with its code: that runs in
 * a child copy of this program.
 */
#include <winsock2.h>
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include "check.h"
#include "wide.h"

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

/* The system's name of the calling thread ("" where it cannot be read). */
static void kernel_name(char *comm, size_t size)
{
    FILE *f;
    comm[0] = '\0';
#ifdef __linux__
    f = fopen("/proc/thread-self/comm", "r");
    if (f != NULL) {
        if (fgets(comm, (int)size, f) == NULL)
            comm[0] = '\0';
        fclose(f);
    }
#else
    (void)f;
    (void)size;
#endif
}

static HANDLE go;

static DWORD WINAPI worker(LPVOID unused)
{
    char comm[32];
    (void)unused;
    SetThreadName((DWORD)-1, "ws2mp-worker-1");
    kernel_name(comm, sizeof(comm));
#ifdef __linux__
    if (strcmp(comm, "ws2mp-worker-1\n") != 0)
        return 1;
#endif
    WaitForSingleObject(go, INFINITE);
    kernel_name(comm, sizeof(comm));
#ifdef __linux__
    if (strcmp(comm, "feed-reader\n") != 0)
        return 2;
#endif
    return 0;
}

/* Runs this program again as `self what` and returns its exit code. */
static DWORD run_child(const char *what)
{
    char self[MAX_PATH], line[MAX_PATH + 32];
    STARTUPINFOA si;
    PROCESS_INFORMATION pi;
    DWORD code = 99;
    REQUIRE(GetModuleFileNameA(NULL, self, sizeof(self)) > 0, "GetModuleFileNameA");
    memset(&si, 0, sizeof(si));
    si.cb = sizeof(si);
    sprintf(line, "\"%s\" %s", self, what);
    REQUIRE(CreateProcessA(NULL, line, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi), "start the child");
    WaitForSingleObject(pi.hProcess, INFINITE);
    GetExitCodeProcess(pi.hProcess, &code);
    CloseHandle(pi.hThread);
    CloseHandle(pi.hProcess);
    return code;
}

int main(int argc, char **argv)
{
    ULONG_PTR argument = 42;
    HANDLE t;
    DWORD code = 99;

    if (argc == 2 && strcmp(argv[1], "fatal") == 0) {
        SetUnhandledExceptionFilter(fatal_filter);
        RaiseException(APP_FATAL_EXCEPTION, EXCEPTION_NONCONTINUABLE, 0, NULL);
        return 50; /* not reached */
    }
    if (argc == 2 && strcmp(argv[1], "unhandled") == 0) {
        RaiseException(APP_FATAL_EXCEPTION, 0, 0, NULL);
        return 51; /* not reached */
    }

    go = CreateEvent(NULL, TRUE, FALSE, NULL);
    t = CreateThread(NULL, 0, worker, NULL, 0, NULL);
    REQUIRE(t != NULL && go != NULL, "CreateThread");
    Sleep(100);
    {
        PWSTR text = NULL;
        CHECK(SUCCEEDED(GetThreadDescription(t, &text)) && text != NULL && text[0] == 0,
              "GetThreadDescription: empty before SetThreadDescription");
        LocalFree(text);
        CHECK(SUCCEEDED(SetThreadDescription(t, W("feed-reader"))), "SetThreadDescription on another thread");
        CHECK(SUCCEEDED(GetThreadDescription(t, &text)) && weq(text, "feed-reader"), "GetThreadDescription reads it back");
        LocalFree(text);
        CHECK(SUCCEEDED(SetThreadDescription(GetCurrentThread(), W("market data main thread, long name"))),
              "SetThreadDescription on the calling thread");
        CHECK(SUCCEEDED(GetThreadDescription(GetCurrentThread(), &text)) &&
                  weq(text, "market data main thread, long name"),
              "... the whole description comes back");
        LocalFree(text);
        CHECK(FAILED(SetThreadDescription((HANDLE)(ULONG_PTR)0x7777, W("x"))), "an invalid handle fails");
    }
    SetEvent(go);
    WaitForSingleObject(t, INFINITE);
    GetExitCodeThread(t, &code);
    CloseHandle(t);
    CloseHandle(go);
    CHECK_EQ(code, 0, "SetThreadName's RaiseException named the worker, SetThreadDescription renamed it");

    AddVectoredExceptionHandler(1, retry_handler);
    RaiseException(APP_RETRY_EXCEPTION, 0, 1, &argument);
    CHECK_EQ(retries, 1, "a vectored handler sees the program's own exception code");
    CHECK(last_argument == 42, "... with its argument");
    RaiseException(APP_RETRY_EXCEPTION, 0, 0, NULL);
    CHECK_EQ(retries, 2, "EXCEPTION_CONTINUE_EXECUTION returns from RaiseException");

    CHECK_EQ(run_child("fatal") & 0xFF, APP_FATAL_EXCEPTION & 0xFF,
             "the filter's EXCEPTION_EXECUTE_HANDLER ends it with the code");
    CHECK_EQ(run_child("unhandled") & 0xFF, APP_FATAL_EXCEPTION & 0xFF,
             "an exception no handler takes ends the process with its code");
    return check_done();
}

/*
 * A server's crash handler: SetUnhandledExceptionFilter installs a top-level filter that tries
 * to write a minidump, logs the exception code and the faulting address, then ends the process
 * quietly (or lets the crash go on, or repairs the fault and continues); vectored handlers
 * (AddVectoredExceptionHandler) see the fault first. Each crash runs in a child copy of this
 * program started with CreateProcess; the parent reads the child's exit code and its log.
 * On Windows the exit code is the exception code (0xC0000005); here its low byte (5) is what
 * the system keeps, so the checks compare low bytes.
 * The sanitizers would catch the faults before the filter does (a division by zero, a store
 * through NULL): the program runs under valgrind, its children natively.
 * ws2mp-test: valgrind */
#include <winsock2.h>
#include <windows.h>
#include <dbghelp.h>
#include <stdio.h>
#include <string.h>
#include "check.h"

static char self[MAX_PATH];
static char log_path[MAX_PATH];
static volatile int *volatile target;
static volatile int zero;
static DWORD page_protect_fixes;

/* Appends one line to the child's log file. */
static void log_line(const char *text)
{
    HANDLE f = CreateFileA(log_path, FILE_APPEND_DATA, 0, NULL, OPEN_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
    DWORD written;
    if (f != INVALID_HANDLE_VALUE) {
        WriteFile(f, text, (DWORD)strlen(text), &written, NULL);
        CloseHandle(f);
    }
}

static LONG WINAPI report_and_exit(EXCEPTION_POINTERS *info)
{
    char line[200];
    EXCEPTION_RECORD *r = info->ExceptionRecord;
    MINIDUMP_EXCEPTION_INFORMATION mei;
    HANDLE dump = CreateFileA("ws2mp_crash.dmp", GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
    mei.ThreadId = GetCurrentThreadId();
    mei.ExceptionPointers = info;
    mei.ClientPointers = FALSE;
    if (dump != INVALID_HANDLE_VALUE) {
        if (!MiniDumpWriteDump(GetCurrentProcess(), GetCurrentProcessId(), dump, MiniDumpNormal, &mei, NULL, NULL))
            log_line("no dump\n");
        CloseHandle(dump);
        DeleteFileA("ws2mp_crash.dmp");
    }
    if (r->ExceptionCode == EXCEPTION_ACCESS_VIOLATION)
        sprintf(line, "code %08lx params %lu write %lu address %p\n", (unsigned long)r->ExceptionCode,
                (unsigned long)r->NumberParameters, (unsigned long)r->ExceptionInformation[0],
                (void *)r->ExceptionInformation[1]);
    else
        sprintf(line, "code %08lx params %lu\n", (unsigned long)r->ExceptionCode, (unsigned long)r->NumberParameters);
    log_line(line);
    return EXCEPTION_EXECUTE_HANDLER;
}

static LONG WINAPI report_and_search(EXCEPTION_POINTERS *info)
{
    (void)info;
    log_line("searching\n");
    return EXCEPTION_CONTINUE_SEARCH;
}

/* A guard page that becomes writable on first touch: whether the fault was on it. */
static BOOL unprotect_target(EXCEPTION_POINTERS *info)
{
    DWORD old;
    EXCEPTION_RECORD *r = info->ExceptionRecord;
    if (r->ExceptionCode != EXCEPTION_ACCESS_VIOLATION ||
        r->ExceptionInformation[1] - (ULONG_PTR)target >= 4096)
        return FALSE;
    page_protect_fixes++;
    VirtualProtect((LPVOID)target, 4096, PAGE_READWRITE, &old);
    return TRUE;
}

static LONG WINAPI unprotect_and_continue(EXCEPTION_POINTERS *info)
{
    return unprotect_target(info) ? EXCEPTION_CONTINUE_EXECUTION : EXCEPTION_CONTINUE_SEARCH;
}

static LONG CALLBACK vectored_first(EXCEPTION_POINTERS *info)
{
    (void)info;
    log_line("first ");
    return EXCEPTION_CONTINUE_SEARCH;
}

static LONG CALLBACK vectored_removed(EXCEPTION_POINTERS *info)
{
    (void)info;
    log_line("removed ");
    return EXCEPTION_CONTINUE_SEARCH;
}

static LONG CALLBACK vectored_fix(EXCEPTION_POINTERS *info)
{
    log_line("fix ");
    return unprotect_target(info) ? EXCEPTION_CONTINUE_EXECUTION : EXCEPTION_CONTINUE_SEARCH;
}

static LONG WINAPI filter_not_reached(EXCEPTION_POINTERS *info)
{
    (void)info;
    log_line("filter ");
    return EXCEPTION_EXECUTE_HANDLER;
}

static int child(const char *what)
{
    if (strcmp(what, "write") == 0) {
        SetUnhandledExceptionFilter(report_and_exit);
        target = (volatile int *)(ULONG_PTR)0x40;
        *target = 7;
    } else if (strcmp(what, "divide") == 0) {
        SetUnhandledExceptionFilter(report_and_exit);
        return 10 / zero;
    } else if (strcmp(what, "search") == 0) {
        SetUnhandledExceptionFilter(report_and_search);
        target = NULL;
        *target = 1;
    } else if (strcmp(what, "repair") == 0) {
        target = (volatile int *)VirtualAlloc(NULL, 4096, MEM_COMMIT | MEM_RESERVE, PAGE_READONLY);
        if (target == NULL)
            return 20;
        SetUnhandledExceptionFilter(unprotect_and_continue);
        target[10] = 1234;
        target[11] = 5678;
        /* The page was fixed once; both values are there. */
        return page_protect_fixes == 1 && target[10] == 1234 && target[11] == 5678 ? 0 : 21;
    } else if (strcmp(what, "vectored") == 0) {
        PVOID removed, fix;
        target = (volatile int *)VirtualAlloc(NULL, 4096, MEM_COMMIT | MEM_RESERVE, PAGE_READONLY);
        if (target == NULL)
            return 40;
        SetUnhandledExceptionFilter(filter_not_reached);
        fix = AddVectoredExceptionHandler(0, vectored_fix);
        removed = AddVectoredExceptionHandler(1, vectored_removed);
        if (fix == NULL || removed == NULL || AddVectoredExceptionHandler(1, vectored_first) == NULL)
            return 41;
        if (RemoveVectoredExceptionHandler(removed) == 0 || RemoveVectoredExceptionHandler(removed) != 0)
            return 42;
        target[3] = 99;
        log_line("done\n");
        return target[3] == 99 ? 0 : 43;
    }
    return 30;
}

/* Runs `child <what> <log>` and returns its exit code; the log's text goes to `text`. */
static DWORD run_child(const char *what, char *text, size_t size)
{
    STARTUPINFOA si;
    PROCESS_INFORMATION pi;
    char line[2 * MAX_PATH + 40];
    DWORD code = 0xFFFF, got = 0;
    HANDLE f;
    DeleteFileA(log_path);
    memset(&si, 0, sizeof(si));
    si.cb = sizeof(si);
    sprintf(line, "\"%s\" child %s \"%s\"", self, what, log_path);
    REQUIRE(CreateProcessA(NULL, line, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi), "CreateProcess of the child");
    CHECK_EQ(WaitForSingleObject(pi.hProcess, 20000), WAIT_OBJECT_0, "the child ends");
    GetExitCodeProcess(pi.hProcess, &code);
    CloseHandle(pi.hThread);
    CloseHandle(pi.hProcess);
    text[0] = '\0';
    f = CreateFileA(log_path, GENERIC_READ, 0, NULL, OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL);
    if (f != INVALID_HANDLE_VALUE) {
        ReadFile(f, text, (DWORD)size - 1, &got, NULL);
        text[got] = '\0';
        CloseHandle(f);
    }
    return code;
}

static LONG WINAPI first_filter(EXCEPTION_POINTERS *info)
{
    (void)info;
    return EXCEPTION_CONTINUE_SEARCH;
}

static LONG WINAPI second_filter(EXCEPTION_POINTERS *info)
{
    (void)info;
    return EXCEPTION_EXECUTE_HANDLER;
}

int main(int argc, char **argv)
{
    char text[512];
    DWORD code;
    LPTOP_LEVEL_EXCEPTION_FILTER previous;

    if (argc == 4 && strcmp(argv[1], "child") == 0) {
        strcpy(log_path, argv[3]);
        return child(argv[2]);
    }
    REQUIRE(GetModuleFileNameA(NULL, self, sizeof(self)) > 0, "GetModuleFileNameA");
    sprintf(log_path, "ws2mp_exception_%lu.log", (unsigned long)GetCurrentProcessId());

    /* The filter chain as a program that installs its own, then restores the old one. */
    previous = SetUnhandledExceptionFilter(first_filter);
    CHECK(previous == NULL, "no filter at first");
    previous = SetUnhandledExceptionFilter(second_filter);
    CHECK(previous == first_filter, "installing a filter returns the one before");
    previous = SetUnhandledExceptionFilter(NULL);
    CHECK(previous == second_filter, "removing it returns it");
    CHECK(SetUnhandledExceptionFilter(NULL) == NULL, "and none is left");

    code = run_child("write", text, sizeof(text));
    CHECK_EQ(code & 0xFF, EXCEPTION_ACCESS_VIOLATION & 0xFF, "a handled access violation ends the child with its code");
    /* ws2mp has no minidump writer; %p prints as Microsoft's C library prints it. */
    CHECK(strcmp(text, "no dump\ncode c0000005 params 2 write 1 address 0000000000000040\n") == 0 ||
              strcmp(text, "code c0000005 params 2 write 1 address 0000000000000040\n") == 0,
          "the filter saw EXCEPTION_ACCESS_VIOLATION, a write, at address 0x40 (no minidump writer here)");


    code = run_child("divide", text, sizeof(text));
    CHECK_EQ(code & 0xFF, EXCEPTION_INT_DIVIDE_BY_ZERO & 0xFF, "a handled division by zero ends the child with its code");
    CHECK(strcmp(text, "no dump\ncode c0000094 params 0\n") == 0 || strcmp(text, "code c0000094 params 0\n") == 0,
          "the filter saw EXCEPTION_INT_DIVIDE_BY_ZERO");

    code = run_child("search", text, sizeof(text));
    CHECK(strcmp(text, "searching\n") == 0, "EXCEPTION_CONTINUE_SEARCH: the filter ran");
    CHECK(code != 0, "... and the crash went on: the child failed");

    code = run_child("repair", text, sizeof(text));
    CHECK_EQ(code, 0, "EXCEPTION_CONTINUE_EXECUTION after making the page writable: the write is done again and the child goes on");

    code = run_child("vectored", text, sizeof(text));
    CHECK_EQ(code, 0, "a vectored handler repairs the fault and the child goes on");
    CHECK(strcmp(text, "first fix done\n") == 0,
          "vectored handlers run in order (First in front), a removed one not, the filter not after a repair");

    DeleteFileA(log_path);
    return check_done();
}

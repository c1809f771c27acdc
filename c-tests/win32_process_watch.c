/*
 * A watchdog and its self-monitoring, the way Windows monitoring agents are written: the
 * process list from CreateToolhelp32Snapshot walked with Process32First/Process32Next (finding
 * itself and the worker it started, by id, parent and program name), EnumProcesses, and
 * GetProcessMemoryInfo of itself (its working set grows as it touches memory) and of the
 * worker; OpenProcess of a process it did not start (the worker's own worker, found in the
 * snapshot by its parent): waited on, named, terminated; then the errors Windows gives for a
 * short dwSize, the end of the list, a short cb, a process that does not exist.
 */
#include <winsock2.h>
#include <windows.h>
#include <tlhelp32.h>
#include <psapi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"

static char self[MAX_PATH];

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/'), *back = strrchr(path, '\\');
    const char *last = slash > back ? slash : back;
    return last ? last + 1 : path;
}

static void test_snapshot(DWORD worker)
{
    HANDLE snap = CreateToolhelp32Snapshot(TH32CS_SNAPPROCESS, 0);
    PROCESSENTRY32 pe;
    PROCESSENTRY32W pw;
    int seen_self = 0, seen_worker = 0, count = 0;
    REQUIRE(snap != INVALID_HANDLE_VALUE, "CreateToolhelp32Snapshot(TH32CS_SNAPPROCESS)");
    memset(&pe, 0, sizeof(pe));
    pe.dwSize = sizeof(pe);
    if (Process32First(snap, &pe)) {
        do {
            count++;
            if (pe.th32ProcessID == GetCurrentProcessId())
                seen_self = strcmp(pe.szExeFile, base_name(self)) == 0 && pe.cntThreads >= 1;
            if (pe.th32ProcessID == worker)
                seen_worker = pe.th32ParentProcessID == GetCurrentProcessId() && strcmp(pe.szExeFile, base_name(self)) == 0;
        } while (Process32Next(snap, &pe));
    }
    CHECK_EQ(GetLastError(), ERROR_NO_MORE_FILES, "the walk ends with ERROR_NO_MORE_FILES");
    CHECK(count > 2, "the snapshot lists the system's processes");
    CHECK(seen_self, "it holds this process: its id, its program's file name, its threads");
    CHECK(seen_worker, "and the worker, whose parent is this process");
    pw.dwSize = sizeof(pw);
    CHECK(Process32FirstW(snap, &pw) && pw.szExeFile[0] != 0, "Process32FirstW starts the walk again, UTF-16 names");
    pe.dwSize = sizeof(pe) - 1;
    SetLastError(0);
    CHECK(!Process32First(snap, &pe) && GetLastError() == ERROR_BAD_LENGTH, "a dwSize too small: ERROR_BAD_LENGTH");
    CHECK(CloseHandle(snap), "CloseHandle closes the snapshot");
    pe.dwSize = sizeof(pe);
    SetLastError(0);
    CHECK(!Process32First(snap, &pe) && GetLastError() == ERROR_INVALID_HANDLE, "a closed snapshot: ERROR_INVALID_HANDLE");
}

static void test_enum(DWORD worker)
{
    DWORD ids[4096], needed = 0, i, few[2];
    int seen_self = 0, seen_worker = 0;
    CHECK(EnumProcesses(ids, sizeof(ids), &needed) && needed > 0 && needed % sizeof(DWORD) == 0,
          "EnumProcesses: the bytes it wrote");
    for (i = 0; i < needed / sizeof(DWORD); i++) {
        seen_self |= ids[i] == GetCurrentProcessId();
        seen_worker |= ids[i] == worker;
    }
    CHECK(seen_self && seen_worker, "... among them this process and the worker");
    CHECK(EnumProcesses(few, sizeof(few), &needed) && needed == sizeof(few), "a small array is filled: needed == cb");
}

static void test_memory(HANDLE worker)
{
    PROCESS_MEMORY_COUNTERS pmc, after;
    PROCESS_MEMORY_COUNTERS_EX ex;
    const size_t big = 32 << 20;
    char *block;
    memset(&pmc, 0, sizeof(pmc));
    pmc.cb = sizeof(pmc);
    REQUIRE(GetProcessMemoryInfo(GetCurrentProcess(), &pmc, sizeof(pmc)), "GetProcessMemoryInfo of this process");
    CHECK(pmc.WorkingSetSize > 0 && pmc.PeakWorkingSetSize >= pmc.WorkingSetSize, "a working set and its peak");
    CHECK(pmc.PagefileUsage > 0 && pmc.PageFaultCount > 0, "private bytes and page faults");
    block = (char *)VirtualAlloc(NULL, big, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
    REQUIRE(block != NULL, "32 MiB committed");
    memset(block, 1, big);
    after.cb = sizeof(after);
    CHECK(GetProcessMemoryInfo(GetCurrentProcess(), &after, sizeof(after)) &&
              after.WorkingSetSize >= pmc.WorkingSetSize + big / 2,
          "touching 32 MiB grows the working set");
    VirtualFree(block, 0, MEM_RELEASE);
    ex.cb = sizeof(ex);
    CHECK(GetProcessMemoryInfo(GetCurrentProcess(), (PPROCESS_MEMORY_COUNTERS)&ex, sizeof(ex)) && ex.PrivateUsage > 0,
          "PROCESS_MEMORY_COUNTERS_EX: PrivateUsage");
    CHECK(K32GetProcessMemoryInfo(worker, &pmc, sizeof(pmc)) && pmc.WorkingSetSize > 0,
          "K32GetProcessMemoryInfo of the worker CreateProcess started");
    SetLastError(0);
    CHECK(!GetProcessMemoryInfo(GetCurrentProcess(), &pmc, sizeof(pmc) - 1) && GetLastError() == ERROR_INSUFFICIENT_BUFFER,
          "a cb too small: ERROR_INSUFFICIENT_BUFFER");
    SetLastError(0);
    CHECK(!GetProcessMemoryInfo((HANDLE)(ULONG_PTR)0x4321, &pmc, sizeof(pmc)) && GetLastError() == ERROR_INVALID_HANDLE,
          "a handle that is no process: ERROR_INVALID_HANDLE");
}

/* The process whose parent is `parent`, from a snapshot (0 when there is none yet). */
static DWORD child_of(DWORD parent)
{
    HANDLE snap = CreateToolhelp32Snapshot(TH32CS_SNAPPROCESS, 0);
    PROCESSENTRY32 pe;
    DWORD found = 0;
    pe.dwSize = sizeof(pe);
    if (snap == INVALID_HANDLE_VALUE)
        return 0;
    if (Process32First(snap, &pe)) {
        do {
            if (pe.th32ParentProcessID == parent)
                found = pe.th32ProcessID;
        } while (Process32Next(snap, &pe));
    }
    CloseHandle(snap);
    return found;
}

static void test_open_process(DWORD worker)
{
    DWORD grandchild = 0, code = 0, size;
    char name[MAX_PATH], path[MAX_PATH];
    HANDLE h;
    int i;
    for (i = 0; i < 100 && grandchild == 0; i++) {
        Sleep(50);
        grandchild = child_of(worker);
    }
    REQUIRE(grandchild != 0, "the worker's own worker is in the snapshot");
    h = OpenProcess(SYNCHRONIZE | PROCESS_TERMINATE | PROCESS_QUERY_LIMITED_INFORMATION, FALSE, grandchild);
    REQUIRE(h != NULL, "OpenProcess of a process this one did not start");
    CHECK_EQ(GetProcessId(h), grandchild, "GetProcessId of it");
    CHECK_EQ(WaitForSingleObject(h, 100), WAIT_TIMEOUT, "it is not signalled while it runs");
    CHECK(GetExitCodeProcess(h, &code) && code == STILL_ACTIVE, "its exit code is STILL_ACTIVE");
    CHECK(GetModuleBaseNameA(h, NULL, name, sizeof(name)) == strlen(base_name(self)) && strcmp(name, base_name(self)) == 0,
          "GetModuleBaseName names its program");
    size = sizeof(path);
    CHECK(QueryFullProcessImageNameA(h, 0, path, &size) && size == strlen(self) && strcmp(path, self) == 0,
          "QueryFullProcessImageName gives the full path and its length");
    size = 4;
    SetLastError(0);
    CHECK(!QueryFullProcessImageNameA(h, 0, path, &size) && GetLastError() == ERROR_INSUFFICIENT_BUFFER,
          "... a buffer too small: ERROR_INSUFFICIENT_BUFFER");
    CHECK(TerminateProcess(h, 9), "TerminateProcess of it");
    CHECK_EQ(WaitForSingleObject(h, 10000), WAIT_OBJECT_0, "its handle is signalled when it has ended");
    CHECK(GetExitCodeProcess(h, &code) && code == 9, "with the exit code TerminateProcess gave");
    SetLastError(0);
    CHECK(!TerminateProcess(h, 1) && GetLastError() == ERROR_ACCESS_DENIED, "a second TerminateProcess: ERROR_ACCESS_DENIED");
    CloseHandle(h);

    h = OpenProcess(PROCESS_QUERY_INFORMATION, FALSE, GetCurrentProcessId());
    CHECK(h != NULL && WaitForSingleObject(h, 0) == WAIT_TIMEOUT, "OpenProcess of this process: never signalled");
    CHECK(GetModuleFileNameExA(h, NULL, path, sizeof(path)) == strlen(self), "GetModuleFileNameEx of it");
    CloseHandle(h);
    h = OpenProcess(SYNCHRONIZE, FALSE, worker);
    CHECK(h != NULL && GetProcessId(h) == worker, "OpenProcess of a child CreateProcess started");
    CloseHandle(h);
    SetLastError(0);
    CHECK(OpenProcess(SYNCHRONIZE, FALSE, 0x7FFFFFF0u) == NULL && GetLastError() == ERROR_INVALID_PARAMETER,
          "OpenProcess of an id no process has: ERROR_INVALID_PARAMETER");
}

int main(int argc, char **argv)
{
    STARTUPINFOA si;
    PROCESS_INFORMATION pi;
    char line[MAX_PATH + 16];
    if (argc > 1 && strcmp(argv[1], "worker") == 0) {
        STARTUPINFOA child_si;
        PROCESS_INFORMATION child_pi;
        memset(&child_si, 0, sizeof(child_si));
        child_si.cb = sizeof(child_si);
        GetModuleFileNameA(NULL, self, sizeof(self));
        snprintf(line, sizeof(line), "\"%s\" sleeper", self);
        CreateProcessA(NULL, line, NULL, NULL, FALSE, 0, NULL, NULL, &child_si, &child_pi);
        Sleep(30000);
        return 0;
    }
    if (argc > 1 && strcmp(argv[1], "sleeper") == 0) {
        Sleep(30000);
        return 0;
    }
    REQUIRE(GetModuleFileNameA(NULL, self, sizeof(self)) > 0, "GetModuleFileNameA");
    memset(&si, 0, sizeof(si));
    si.cb = sizeof(si);
    snprintf(line, sizeof(line), "\"%s\" worker", self);
    REQUIRE(CreateProcessA(NULL, line, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi), "the worker starts");
    Sleep(200); /* let it reach its program */
    test_snapshot(pi.dwProcessId);
    test_enum(pi.dwProcessId);
    test_memory(pi.hProcess);
    test_open_process(pi.dwProcessId);
    TerminateProcess(pi.hProcess, 0);
    WaitForSingleObject(pi.hProcess, 10000);
    CloseHandle(pi.hProcess);
    CloseHandle(pi.hThread);
    return check_done();
}

/* The calls a Windows server makes before it opens its first socket, as the SDK samples and
 * service templates write them: heap hardening (HeapSetInformation), DLL search-order
 * hardening (SetDllDirectory(""), SetDefaultDllDirectories, SetSearchPathMode), LoadLibraryEx
 * and GetModuleHandleEx of the Winsock DLL, scheduling hints (SetThreadIdealProcessor, the
 * priority boost, the working set, SetCriticalSectionSpinCount), the session and power state
 * (ProcessIdToSessionId, SetThreadExecutionState), string comparison for its configuration
 * keys (CompareString), locating and replacing its configuration file (SearchPath,
 * GetLongPathName, ReplaceFile, GetCompressedFileSize, CreateDirectoryEx), starting a helper
 * with WinExec; then it serves one client on 127.0.0.1. Also the argument errors Windows gives. */
#include <winsock2.h>
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include "check.h"

static char g_dir[MAX_PATH];

static void write_text(const char *path, const char *text)
{
    HANDLE f = CreateFileA(path, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
    DWORD n;
    CHECK(f != INVALID_HANDLE_VALUE, "write a file");
    WriteFile(f, text, (DWORD)strlen(text), &n, NULL);
    CloseHandle(f);
}

static void test_hardening(void)
{
    ULONG lfh = 2, got = 0;
    SIZE_T len = 0;
    char dir[MAX_PATH];
    HMODULE ws, again = NULL, by_address = NULL;
    FARPROC proc;

    CHECK(HeapSetInformation(NULL, HeapEnableTerminationOnCorruption, NULL, 0), "HeapEnableTerminationOnCorruption");
    CHECK(HeapSetInformation(GetProcessHeap(), HeapCompatibilityInformation, &lfh, sizeof lfh), "the LFH");
    CHECK(!HeapSetInformation(GetProcessHeap(), HeapCompatibilityInformation, &lfh, 2), "a short buffer");
    CHECK_EQ(GetLastError(), ERROR_INSUFFICIENT_BUFFER, "... ERROR_INSUFFICIENT_BUFFER");
    CHECK(HeapQueryInformation(GetProcessHeap(), HeapCompatibilityInformation, &got, sizeof got, &len) && got == 2 &&
              len == sizeof(ULONG),
          "HeapQueryInformation: the LFH");

    CHECK(SetDllDirectoryA(""), "SetDllDirectory(\"\") takes the current directory out of the search");
    CHECK_EQ(GetDllDirectoryA(sizeof dir, dir), 0, "... and GetDllDirectory reads it back empty");
    CHECK(SetDllDirectoryA("/opt/plugins"), "SetDllDirectory");
    CHECK_EQ(GetDllDirectoryA(0, NULL), strlen("/opt/plugins") + 1, "the size GetDllDirectory needs");
    CHECK(GetDllDirectoryA(sizeof dir, dir) == strlen("/opt/plugins") && strcmp(dir, "/opt/plugins") == 0,
          "GetDllDirectory gives it back");
    CHECK(SetDllDirectoryA(NULL), "SetDllDirectory(NULL) restores the default");
    CHECK(SetDefaultDllDirectories(LOAD_LIBRARY_SEARCH_SYSTEM32), "SetDefaultDllDirectories");
    CHECK(!SetDefaultDllDirectories(0), "no flags");
    CHECK_EQ(GetLastError(), ERROR_INVALID_PARAMETER, "... ERROR_INVALID_PARAMETER");
    CHECK(SetSearchPathMode(BASE_SEARCH_PATH_ENABLE_SAFE_SEARCHMODE | BASE_SEARCH_PATH_PERMANENT), "SetSearchPathMode");
    CHECK(!SetSearchPathMode(0), "no mode");
    CHECK(AddDllDirectory(L"/opt/plugins") != NULL, "AddDllDirectory of an absolute directory");
    CHECK(AddDllDirectory(L"plugins") == NULL && GetLastError() == ERROR_INVALID_PARAMETER, "... not a relative one");

    ws = LoadLibraryExA("ws2_32.dll", NULL, LOAD_LIBRARY_SEARCH_SYSTEM32);
    CHECK(ws != NULL, "LoadLibraryEx(\"ws2_32.dll\")");
    proc = GetProcAddress(ws, "WSAStartup");
    CHECK(proc != NULL, "... and its WSAStartup");
    CHECK(LoadLibraryExA("ws2_32.dll", (HANDLE)1, 0) == NULL && GetLastError() == ERROR_INVALID_PARAMETER,
          "LoadLibraryEx with a file handle: ERROR_INVALID_PARAMETER");
    CHECK(GetModuleHandleExA(GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT, "ws2_32.dll", &again) && again == ws,
          "GetModuleHandleEx by name");
    CHECK(GetModuleHandleExA(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS | GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT,
                             (LPCSTR)(void *)&test_hardening, &by_address) &&
              by_address == GetModuleHandleA(NULL),
          "GetModuleHandleEx from an address of the program: the program's module");
    CHECK(!GetModuleHandleExA(GET_MODULE_HANDLE_EX_FLAG_PIN | GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT, NULL,
                              &again) &&
              again == NULL && GetLastError() == ERROR_INVALID_PARAMETER,
          "PIN with UNCHANGED_REFCOUNT: ERROR_INVALID_PARAMETER");
    FreeLibrary(ws);
}

static void test_scheduling(void)
{
    CRITICAL_SECTION cs;
    BOOL disabled = -1;
    SIZE_T lo = 0, hi = 0;
    DWORD flags = 0, session = 99;

    CHECK(InitializeCriticalSectionAndSpinCount(&cs, 4000), "a critical section with a spin count");
    CHECK_EQ(SetCriticalSectionSpinCount(&cs, 1000), 4000, "SetCriticalSectionSpinCount returns the previous count");
    CHECK_EQ(SetCriticalSectionSpinCount(&cs, 0), 1000, "... each time");
    DeleteCriticalSection(&cs);

    CHECK_EQ(SetThreadIdealProcessor(GetCurrentThread(), 1), 0, "SetThreadIdealProcessor: the previous hint");
    CHECK_EQ(SetThreadIdealProcessor(GetCurrentThread(), MAXIMUM_PROCESSORS), 1, "MAXIMUM_PROCESSORS asks for it");
    CHECK_EQ(SetThreadIdealProcessor(GetCurrentThread(), MAXIMUM_PROCESSORS + 1), (DWORD)-1, "too high");
    CHECK_EQ(GetLastError(), ERROR_INVALID_PARAMETER, "... ERROR_INVALID_PARAMETER");

    CHECK(SetProcessPriorityBoost(GetCurrentProcess(), TRUE), "SetProcessPriorityBoost");
    CHECK(GetProcessPriorityBoost(GetCurrentProcess(), &disabled) && disabled == TRUE, "... reads back");
    CHECK(SetThreadPriorityBoost(GetCurrentThread(), FALSE), "SetThreadPriorityBoost");
    CHECK(GetThreadPriorityBoost(GetCurrentThread(), &disabled) && disabled == FALSE, "... reads back");
    CHECK(!GetThreadPriorityBoost(GetCurrentThread(), NULL), "a NULL result pointer");

    CHECK(GetProcessWorkingSetSize(GetCurrentProcess(), &lo, &hi) && lo == 200 * 4096 && hi == 1380 * 4096,
          "the default working set, as Windows reports it");
    CHECK(SetProcessWorkingSetSize(GetCurrentProcess(), 16 << 20, 64 << 20), "SetProcessWorkingSetSize");
    CHECK(GetProcessWorkingSetSizeEx(GetCurrentProcess(), &lo, &hi, &flags) && lo == 16 << 20 && hi == 64 << 20,
          "... reads back");
    CHECK(!SetProcessWorkingSetSize(GetCurrentProcess(), 64 << 20, 16 << 20), "a minimum above the maximum");
    CHECK_EQ(GetLastError(), ERROR_INVALID_PARAMETER, "... ERROR_INVALID_PARAMETER");
    CHECK(SetProcessWorkingSetSize(GetCurrentProcess(), (SIZE_T)-1, (SIZE_T)-1), "(SIZE_T)-1 twice trims");

    CHECK(ProcessIdToSessionId(GetCurrentProcessId(), &session) && session == WTSGetActiveConsoleSessionId(),
          "the process is in the console's session");
    CHECK(session != 0, "... not the services' session 0");

    CHECK(SetThreadExecutionState(ES_CONTINUOUS | ES_SYSTEM_REQUIRED) & ES_CONTINUOUS, "SetThreadExecutionState");
    CHECK_EQ(SetThreadExecutionState(ES_CONTINUOUS), ES_CONTINUOUS | ES_SYSTEM_REQUIRED, "... returns the previous state");
    CHECK_EQ(SetThreadExecutionState(0x100), 0, "unknown flags: 0");
    CHECK_EQ(SetHandleCount(40), 40, "SetHandleCount returns its argument");
}

static void test_strings(void)
{
    static const WCHAR key[] = {'P', 'o', 'r', 't', 0}, lower[] = {'p', 'o', 'r', 't', 0};
    CHECK_EQ(CompareStringA(LOCALE_USER_DEFAULT, NORM_IGNORECASE, "Port", -1, "PORT", -1), CSTR_EQUAL,
             "CompareString ignoring case");
    CHECK_EQ(CompareStringA(LOCALE_USER_DEFAULT, 0, "Port", -1, "PORT", -1), CSTR_LESS_THAN,
             "... and with case: lowercase sorts first");
    CHECK_EQ(CompareStringA(LOCALE_SYSTEM_DEFAULT, 0, "Portable", 4, "Port", -1), CSTR_EQUAL, "counted strings");
    CHECK_EQ(CompareStringA(LOCALE_USER_DEFAULT, 0, "abc", -1, "abd", -1), CSTR_LESS_THAN, "abc < abd");
    CHECK_EQ(CompareStringA(LOCALE_USER_DEFAULT, 0, "b", -1, "abd", -1), CSTR_GREATER_THAN, "b > abd");
    CHECK_EQ(CompareStringA(LOCALE_USER_DEFAULT, 0, NULL, -1, "x", -1), 0, "a NULL string");
    CHECK_EQ(GetLastError(), ERROR_INVALID_PARAMETER, "... ERROR_INVALID_PARAMETER");
    CHECK_EQ(CompareStringA(LOCALE_USER_DEFAULT, 0x00100000, "a", -1, "a", -1), 0, "unknown flags");
    CHECK_EQ(GetLastError(), ERROR_INVALID_FLAGS, "... ERROR_INVALID_FLAGS");
    CHECK_EQ(CompareStringW(LOCALE_USER_DEFAULT, NORM_IGNORECASE, key, -1, lower, -1), CSTR_EQUAL, "CompareStringW");
    CHECK_EQ(CompareStringOrdinal(key, -1, lower, -1, FALSE), CSTR_LESS_THAN, "CompareStringOrdinal: 'P' < 'p'");
    CHECK_EQ(CompareStringOrdinal(key, -1, lower, -1, TRUE), CSTR_EQUAL, "... ignoring case");
}

static void test_config_file(void)
{
    char conf[MAX_PATH + 32], next[MAX_PATH + 32], backup[MAX_PATH + 32], found[MAX_PATH + 64], sub[MAX_PATH + 32];
    char *part = NULL;
    DWORD n, high = 7;

    sprintf(conf, "%s\\server.conf", g_dir);
    sprintf(next, "%s\\server.conf.new", g_dir);
    sprintf(backup, "%s\\server.conf.bak", g_dir);
    write_text(conf, "port=7000\n");

    n = SearchPathA(g_dir, "server", ".conf", sizeof found, found, &part);
    CHECK(n > 0 && n == strlen(found), "SearchPath finds server.conf in the given directory");
    CHECK(part != NULL && strcmp(part, "server.conf") == 0, "... *lpFilePart at the file name");
    CHECK_EQ(SearchPathA(g_dir, "server.conf", NULL, 4, found, NULL), n + 1, "a short buffer: the size needed");
    CHECK_EQ(SearchPathA(g_dir, "missing", ".conf", sizeof found, found, NULL), 0, "a missing file");
    CHECK_EQ(GetLastError(), ERROR_FILE_NOT_FOUND, "... ERROR_FILE_NOT_FOUND");
    CHECK(SearchPathA(NULL, "sh", NULL, sizeof found, found, NULL) > 0, "with no path: the PATH directories");

    CHECK_EQ(GetLongPathNameA(conf, found, sizeof found), strlen(conf), "GetLongPathName gives the name back");
    CHECK(strcmp(found, conf) == 0, "... unchanged");
    CHECK_EQ(GetShortPathNameA(conf, NULL, 0), strlen(conf) + 1, "GetShortPathName: the size needed");
    CHECK_EQ(GetLongPathNameA(next, found, sizeof found), 0, "a file that does not exist");
    CHECK_EQ(GetLastError(), ERROR_FILE_NOT_FOUND, "... ERROR_FILE_NOT_FOUND");

    CHECK_EQ(GetCompressedFileSizeA(conf, &high), 10, "GetCompressedFileSize: the size");
    CHECK_EQ(high, 0, "... high DWORD 0");
    CHECK_EQ(GetCompressedFileSizeA(next, NULL), INVALID_FILE_SIZE, "a missing file: INVALID_FILE_SIZE");

    write_text(next, "port=7001\n");
    CHECK(ReplaceFileA(conf, next, backup, REPLACEFILE_IGNORE_MERGE_ERRORS, NULL, NULL), "ReplaceFile with a backup");
    CHECK_EQ(GetCompressedFileSizeA(conf, NULL), 10, "the new configuration in place");
    CHECK(GetFileAttributesA(next) == INVALID_FILE_ATTRIBUTES, "the replacement's name is gone");
    CHECK(GetFileAttributesA(backup) != INVALID_FILE_ATTRIBUTES, "the old one is the backup");
    CHECK(!ReplaceFileA(conf, next, NULL, 0, NULL, NULL), "no replacement file");
    CHECK_EQ(GetLastError(), ERROR_FILE_NOT_FOUND, "... ERROR_FILE_NOT_FOUND");

    sprintf(sub, "%s\\logs", g_dir);
    CHECK(CreateDirectoryExA(g_dir, sub, NULL), "CreateDirectoryEx");
    CHECK(!CreateDirectoryExA("/no/such/template", sub, NULL), "a missing template");
    CHECK_EQ(GetLastError(), ERROR_PATH_NOT_FOUND, "... ERROR_PATH_NOT_FOUND");
    RemoveDirectoryA(sub);
    DeleteFileA(conf);
    DeleteFileA(backup);
}

static void test_serve(void)
{
    char marker[MAX_PATH + 32], cmd[2 * MAX_PATH + 64], buf[64];
    SOCKET l, c, s;
    struct sockaddr_in a;
    int alen = sizeof a, n, i;
    ULONGLONG kb = 0;
    DWORD adj, inc;
    BOOL off;

    CHECK(GetPhysicallyInstalledSystemMemory(&kb) && kb > 1024, "GetPhysicallyInstalledSystemMemory");
    CHECK(GetSystemTimeAdjustment(&adj, &inc, &off) && inc == 156250 && off, "GetSystemTimeAdjustment");

    /* A helper started with WinExec leaves its mark. */
    sprintf(marker, "%s/helper.done", g_dir);
    sprintf(cmd, "touch %s", marker);
    CHECK(WinExec(cmd, SW_HIDE) > 31, "WinExec starts the helper");
    for (i = 0; i < 200 && GetFileAttributesA(marker) == INVALID_FILE_ATTRIBUTES; i++)
        Sleep(10);
    CHECK(GetFileAttributesA(marker) != INVALID_FILE_ATTRIBUTES, "... which ran");
    DeleteFileA(marker);
    CHECK_EQ(WinExec("/no/such/program", SW_SHOW), ERROR_FILE_NOT_FOUND, "a missing program: ERROR_FILE_NOT_FOUND");

    l = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    CHECK(bind(l, (struct sockaddr *)&a, sizeof a) == 0 && listen(l, SOMAXCONN) == 0, "the server listens");
    getsockname(l, (struct sockaddr *)&a, &alen);
    c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    CHECK(connect(c, (struct sockaddr *)&a, sizeof a) == 0, "a client connects");
    s = accept(l, NULL, NULL);
    CHECK(send(c, "HELLO", 5, 0) == 5, "the client greets");
    n = recv(s, buf, sizeof buf, 0);
    CHECK(n == 5 && CompareStringA(LOCALE_USER_DEFAULT, NORM_IGNORECASE, buf, n, "hello", -1) == CSTR_EQUAL,
          "the server matches the command with CompareString");
    closesocket(s);
    closesocket(c);
    closesocket(l);
}

int main(void)
{
    WSADATA wsa;
    CHECK(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");
    GetTempPathA(MAX_PATH, g_dir);
    sprintf(g_dir + strlen(g_dir), "ws2mp_startup_%lu", (unsigned long)GetCurrentProcessId());
    CHECK(CreateDirectoryA(g_dir, NULL), "a directory of our own");
    test_hardening();
    test_scheduling();
    test_strings();
    test_config_file();
    test_serve();
    CHECK(RemoveDirectoryA(g_dir), "the directory is empty again");
    WSACleanup();
    return check_done();
}

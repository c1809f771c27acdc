/*
 * Small Win32 calls legacy programs use: a LAN "who is there" sender asks Winsock for the
 * broadcast address (SIO_GET_BROADCAST_ADDRESS) and sends to it; a library checks the
 * pointers it is handed (IsBadReadPtr & co.); a file tool reads and changes attributes
 * (GetFileAttributesEx, SetFileAttributes); a console program sizes its thread pool, prints
 * the Windows directory, makes sure it has a console and beeps.
 * Nothing waits for answers from the network: the broadcast is only sent.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"

static void broadcast_address(void)
{
    SOCKET s, s6, rx;
    SOCKADDR_IN bc, me;
    DWORD bytes = 99;
    BOOL on = TRUE;
    int len = sizeof(me);
    char small[8];

    s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    REQUIRE(s != INVALID_SOCKET, "a UDP socket");
    memset(&bc, 0xAB, sizeof(bc));
    CHECK_EQ(WSAIoctl(s, SIO_GET_BROADCAST_ADDRESS, NULL, 0, &bc, sizeof(bc), &bytes, NULL, NULL), 0,
             "SIO_GET_BROADCAST_ADDRESS succeeds on an IPv4 socket");
    CHECK_EQ(bytes, sizeof(SOCKADDR_IN), "... with a 16-byte sockaddr_in");
    CHECK_EQ(bc.sin_family, AF_INET, "... of family AF_INET");
    CHECK_EQ(bc.sin_addr.s_addr, htonl(INADDR_BROADCAST), "... for 255.255.255.255");
    CHECK_EQ(bc.sin_port, 0, "... port 0");
    CHECK(SIO_GET_BROADCAST_ADDRESS == 0x48000005, "SIO_GET_BROADCAST_ADDRESS is _WSAIOR(IOC_WS2, 5)");

    CHECK_EQ(WSAIoctl(s, SIO_GET_BROADCAST_ADDRESS, NULL, 0, NULL, 0, &bytes, NULL, NULL), SOCKET_ERROR,
             "no output buffer fails");
    CHECK_EQ(WSAGetLastError(), WSAEFAULT, "... with WSAEFAULT");
    CHECK_EQ(WSAIoctl(s, SIO_GET_BROADCAST_ADDRESS, NULL, 0, small, sizeof(small), &bytes, NULL, NULL),
             SOCKET_ERROR, "an 8-byte output buffer fails");
    CHECK_EQ(WSAGetLastError(), WSAEFAULT, "... with WSAEFAULT");

    s6 = socket(AF_INET6, SOCK_DGRAM, IPPROTO_UDP);
    if (s6 != INVALID_SOCKET) {
        SOCKADDR_IN6 b6;
        CHECK_EQ(WSAIoctl(s6, SIO_GET_BROADCAST_ADDRESS, NULL, 0, &b6, sizeof(b6), &bytes, NULL, NULL),
                 SOCKET_ERROR, "an IPv6 socket has no broadcast address");
        CHECK_EQ(WSAGetLastError(), WSAENOPROTOOPT, "... WSAENOPROTOOPT");
        closesocket(s6);
    }

    /* The "who is there" datagram, to a port of a socket of ours (not waited for). */
    rx = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    memset(&me, 0, sizeof(me));
    me.sin_family = AF_INET;
    REQUIRE(bind(rx, (SOCKADDR *)&me, sizeof(me)) == 0, "a receiver on a free port");
    getsockname(rx, (SOCKADDR *)&me, &len);
    bc.sin_port = me.sin_port;
    CHECK_EQ(setsockopt(s, SOL_SOCKET, SO_BROADCAST, (const char *)&on, sizeof(on)), 0, "set SO_BROADCAST");
    CHECK_EQ(sendto(s, "who", 3, 0, (SOCKADDR *)&bc, sizeof(bc)), 3, "sendto the broadcast address succeeds");
    closesocket(rx);
    closesocket(s);
}

static void pointer_checks(void)
{
    char local[64] = "hello";
    WCHAR wide[3] = {'h', 'i', 0};
    SYSTEM_INFO si;
    DWORD page, old;
    char *p;

    CHECK_EQ(IsBadReadPtr(local, sizeof(local)), FALSE, "a local buffer is readable");
    CHECK_EQ(IsBadWritePtr(local, sizeof(local)), FALSE, "... and writable");
    CHECK_EQ(strcmp(local, "hello"), 0, "... and left as it was");
    CHECK_EQ(IsBadReadPtr(NULL, 4), TRUE, "NULL is bad to read");
    CHECK_EQ(IsBadWritePtr(NULL, 4), TRUE, "NULL is bad to write");
    CHECK_EQ(IsBadReadPtr(local, 0), FALSE, "a size of 0 is never bad");
    CHECK_EQ(IsBadCodePtr((FARPROC)pointer_checks), FALSE, "a function's address is good code");
    CHECK_EQ(IsBadCodePtr(NULL), TRUE, "NULL is bad code");
    CHECK_EQ(IsBadStringPtrA("hello", (UINT_PTR)-1), FALSE, "a literal string is good");
    CHECK_EQ(IsBadStringPtrW(wide, 10), FALSE, "a wide string is good");
    CHECK_EQ(IsBadStringPtrA(NULL, 5), TRUE, "a NULL string is bad");

    GetSystemInfo(&si);
    page = si.dwPageSize;
    p = (char *)VirtualAlloc(NULL, 2 * page, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE);
    REQUIRE(p != NULL, "VirtualAlloc two pages");
    REQUIRE(VirtualProtect(p + page, page, PAGE_READONLY, &old), "make the second page read-only");
    CHECK_EQ(IsBadWritePtr(p, page), FALSE, "the first page is writable");
    CHECK_EQ(IsBadWritePtr(p + page - 4, 8), TRUE, "a range into the read-only page is not");
    CHECK_EQ(IsBadReadPtr(p, 2 * page), FALSE, "both pages are readable");
    REQUIRE(VirtualProtect(p + page, page, PAGE_NOACCESS, &old), "make the second page inaccessible");
    CHECK_EQ(IsBadReadPtr(p + page - 4, 8), TRUE, "a range into the inaccessible page is bad to read");
    memset(p + page - 3, 'x', 3);
    CHECK_EQ(IsBadStringPtrA(p + page - 3, 100), TRUE, "a string running into it is bad");
    CHECK_EQ(IsBadStringPtrA(p + page - 3, 3), FALSE, "... unless the limit stops before it");
    p[page - 1] = '\0';
    CHECK_EQ(IsBadStringPtrA(p + page - 3, 100), FALSE, "... or it ends before it");
    VirtualFree(p, 0, MEM_RELEASE);
}

static void file_attributes(void)
{
    char dir[MAX_PATH], path[MAX_PATH];
    WCHAR wpath[MAX_PATH];
    WIN32_FILE_ATTRIBUTE_DATA data;
    FILETIME now;
    ULONGLONG written, current;
    HANDLE h;
    DWORD n;

    REQUIRE(GetTempPathA(sizeof(dir), dir) > 0, "GetTempPath");
    sprintf(path, "%sws2mp_attr_%lu.txt", dir, (unsigned long)GetCurrentProcessId());
    h = CreateFileA(path, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
    REQUIRE(h != INVALID_HANDLE_VALUE, "create a file");
    WriteFile(h, "12345", 5, &n, NULL);
    CloseHandle(h);

    memset(&data, 0xAB, sizeof(data));
    CHECK(sizeof(data) == 36, "WIN32_FILE_ATTRIBUTE_DATA is 36 bytes");
    CHECK_EQ(GetFileAttributesExA(path, GetFileExInfoStandard, &data), TRUE, "GetFileAttributesExA");
    CHECK_EQ(data.dwFileAttributes & (FILE_ATTRIBUTE_DIRECTORY | FILE_ATTRIBUTE_READONLY), 0,
             "... a writable file, not a directory");
    CHECK_EQ(data.dwFileAttributes, GetFileAttributesA(path), "... the attributes GetFileAttributes gives");
    CHECK_EQ(data.nFileSizeLow, 5, "... size low 5");
    CHECK_EQ(data.nFileSizeHigh, 0, "... size high 0");
    GetSystemTimeAsFileTime(&now);
    written = ((ULONGLONG)data.ftLastWriteTime.dwHighDateTime << 32) | data.ftLastWriteTime.dwLowDateTime;
    current = ((ULONGLONG)now.dwHighDateTime << 32) | now.dwLowDateTime;
    CHECK(written <= current + 20000000ULL && written + 36000000000ULL > current,
          "... last written within the hour");
    CHECK(data.ftCreationTime.dwHighDateTime != 0 && data.ftLastAccessTime.dwHighDateTime != 0,
          "... creation and access times set");

    MultiByteToWideChar(CP_UTF8, 0, path, -1, wpath, MAX_PATH);
    memset(&data, 0, sizeof(data));
    CHECK_EQ(GetFileAttributesExW(wpath, GetFileExInfoStandard, &data), TRUE, "GetFileAttributesExW");
    CHECK_EQ(data.nFileSizeLow, 5, "... size 5");

    CHECK_EQ(SetFileAttributesA(path, FILE_ATTRIBUTE_READONLY), TRUE, "SetFileAttributesA(READONLY)");
    CHECK(GetFileAttributesA(path) & FILE_ATTRIBUTE_READONLY, "... the file is read-only");
    GetFileAttributesExA(path, GetFileExInfoStandard, &data);
    CHECK(data.dwFileAttributes & FILE_ATTRIBUTE_READONLY, "... GetFileAttributesEx says so");
    CHECK_EQ(SetFileAttributesW(wpath, FILE_ATTRIBUTE_NORMAL), TRUE, "SetFileAttributesW(NORMAL)");
    CHECK_EQ(GetFileAttributesA(path), FILE_ATTRIBUTE_NORMAL, "... the file is normal again");
    CHECK_EQ(DeleteFileA(path), TRUE, "delete it");

    SetLastError(0);
    CHECK_EQ(GetFileAttributesExA(path, GetFileExInfoStandard, &data), FALSE, "a missing file fails");
    CHECK_EQ(GetLastError(), ERROR_FILE_NOT_FOUND, "... ERROR_FILE_NOT_FOUND");
    CHECK_EQ(SetFileAttributesA(path, FILE_ATTRIBUTE_NORMAL), FALSE, "SetFileAttributes on it fails");
    CHECK_EQ(GetLastError(), ERROR_FILE_NOT_FOUND, "... ERROR_FILE_NOT_FOUND");

    CHECK_EQ(GetFileAttributesExA(dir, GetFileExInfoStandard, &data), TRUE, "the temporary directory");
    CHECK(data.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY, "... is a directory");
    CHECK_EQ(data.nFileSizeLow | data.nFileSizeHigh, 0, "... of size 0");
    CHECK_EQ(GetFileAttributesExA(dir, GetFileExMaxInfoLevel, &data), FALSE, "an unknown level fails");
    CHECK_EQ(GetLastError(), ERROR_INVALID_PARAMETER, "... ERROR_INVALID_PARAMETER");
}

static void console_program(void)
{
    char win[MAX_PATH], sys[MAX_PATH];
    WCHAR wwin[MAX_PATH];
    UINT n, need;
    DWORD start;

    CHECK(GetActiveProcessorCount(ALL_PROCESSOR_GROUPS) >= 1, "GetActiveProcessorCount(ALL_PROCESSOR_GROUPS)");
    CHECK(GetMaximumProcessorCount(ALL_PROCESSOR_GROUPS) >= GetActiveProcessorCount(ALL_PROCESSOR_GROUPS),
          "GetMaximumProcessorCount is at least the active count");
    CHECK(GetActiveProcessorCount(0) >= 1 && GetActiveProcessorCount(0) <= 64, "group 0 holds 1 to 64");

    n = GetWindowsDirectoryA(win, sizeof(win));
    CHECK(n > 0 && n < sizeof(win) && strlen(win) == n, "GetWindowsDirectoryA");
    need = GetWindowsDirectoryA(win, 2);
    CHECK_EQ(need, n + 1, "... a short buffer gets the size needed");
    GetWindowsDirectoryA(win, sizeof(win));
    n = GetSystemDirectoryA(sys, sizeof(sys));
    CHECK(n > strlen(win) && strncmp(sys, win, strlen(win)) == 0, "GetSystemDirectoryA is under it");
    CHECK(_stricmp(sys + strlen(win), "\\system32") == 0, "... in system32");
    CHECK_EQ(GetWindowsDirectoryW(wwin, MAX_PATH), strlen(win), "GetWindowsDirectoryW");
    printf("# Windows directory %s, system directory %s\n", win, sys);

    SetLastError(0);
    CHECK_EQ(AllocConsole(), FALSE, "AllocConsole in a console program fails");
    CHECK_EQ(GetLastError(), ERROR_ACCESS_DENIED, "... ERROR_ACCESS_DENIED");
    printf("# console window %s\n", GetConsoleWindow() != NULL ? "present" : "none");
    CHECK_EQ(MessageBeep(MB_OK), TRUE, "MessageBeep");
    CHECK_EQ(MessageBeep(0xFFFFFFFF), TRUE, "MessageBeep(-1)");

    start = GetTickCount();
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
#endif
    _sleep(30);
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif
    CHECK(GetTickCount() - start >= 20, "_sleep(30) waits");
}

int main(void)
{
    WSADATA wsa;
    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");
    broadcast_address();
    pointer_checks();
    file_attributes();
    console_program();
    WSACleanup();
    return check_done();
}

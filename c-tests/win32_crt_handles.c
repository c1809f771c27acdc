/* A transfer tool mixing the C runtime's descriptors and Win32 handles, as Windows programs
 * do: _get_osfhandle of a file it opened with _open (ReadFile, GetFileSize, GetFileTime,
 * LockFile on the handle), of the standard descriptors (GetStdHandle's handles) and of a
 * socket's descriptor; _open_osfhandle of a socket and of a CreateFile handle (then read and
 * closed through _read / _close); GetFullPathNameA for the names it is given. */
#include <winsock2.h>
#include <windows.h>
#include <io.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <stdio.h>
#include <string.h>
#include "check.h"

#ifdef _WIN32
#define SEP "\\"
#else
#define SEP "/"
#endif

static char dir[MAX_PATH];
static char path[MAX_PATH + 64];

static void test_descriptors(void)
{
    int fd, fd2;
    intptr_t osf;
    HANDLE h;
    DWORD n = 0, high = 1;
    char buf[32];
    FILETIME w;
    SOCKET s;

    fd = _open(path, _O_CREAT | _O_TRUNC | _O_RDWR | _O_BINARY, _S_IREAD | _S_IWRITE);
    REQUIRE(fd >= 0, "_open creates the file");
    CHECK_EQ(_write(fd, "transfer data", 13), 13, "_write writes 13 bytes");
    osf = _get_osfhandle(fd);
    REQUIRE(osf != -1, "_get_osfhandle gives the file's handle");
    h = (HANDLE)osf;
    CHECK_EQ(GetFileType(h), FILE_TYPE_DISK, "FILE_TYPE_DISK");
    CHECK_EQ(GetFileSize(h, &high), 13, "GetFileSize through it: 13");
    CHECK_EQ(high, 0, "high half 0");
    CHECK(GetFileTime(h, NULL, NULL, &w) && (w.dwLowDateTime | w.dwHighDateTime) != 0, "GetFileTime through it");
    CHECK_EQ(SetFilePointer(h, 0, NULL, FILE_BEGIN), 0, "SetFilePointer back to 0 (the descriptor's position)");
    CHECK(ReadFile(h, buf, 8, &n, NULL) && n == 8 && memcmp(buf, "transfer", 8) == 0, "ReadFile reads it");
    CHECK(_read(fd, buf, 5) == 5 && memcmp(buf, " data", 5) == 0, "and _read goes on from there: one position");
    CHECK(LockFile(h, 0, 0, 13, 0) && UnlockFile(h, 0, 0, 13, 0), "LockFile / UnlockFile on it");
    CHECK_EQ(_get_osfhandle(fd), osf, "_get_osfhandle again: the same handle");
    CHECK_EQ(_close(fd), 0, "_close closes the file");
    errno = 0;
    CHECK_EQ(_get_osfhandle(fd), -1, "then _get_osfhandle of it is INVALID_HANDLE_VALUE");
    CHECK_EQ(errno, EBADF, "with errno EBADF");
    CHECK_EQ(*_errno(), EBADF, "which *_errno() reads too (Microsoft's errno is (*_errno()))");

    CHECK_EQ(_get_osfhandle(0), (intptr_t)GetStdHandle(STD_INPUT_HANDLE), "descriptor 0 is STD_INPUT_HANDLE");
    CHECK_EQ(_get_osfhandle(1), (intptr_t)GetStdHandle(STD_OUTPUT_HANDLE), "descriptor 1 is STD_OUTPUT_HANDLE");
    CHECK_EQ(_get_osfhandle(2), (intptr_t)GetStdHandle(STD_ERROR_HANDLE), "descriptor 2 is STD_ERROR_HANDLE");

    s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    REQUIRE(s != INVALID_SOCKET, "a socket");
    CHECK_EQ(GetFileType((HANDLE)s), FILE_TYPE_PIPE, "a socket handle is FILE_TYPE_PIPE");
    fd2 = _open_osfhandle((intptr_t)s, 0);
    CHECK(fd2 >= 0, "_open_osfhandle of the socket");
    CHECK_EQ(_get_osfhandle(fd2), (intptr_t)s, "whose handle is the socket again");
#ifndef _WIN32
    CHECK_EQ(fd2, (int)s, "ws2mp: a SOCKET is its own descriptor");
#endif
    closesocket(s);

    h = CreateFileA(path, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    REQUIRE(h != INVALID_HANDLE_VALUE, "CreateFile opens the file again");
    fd = _open_osfhandle((intptr_t)h, _O_RDONLY);
    REQUIRE(fd >= 0, "_open_osfhandle of the file handle");
    memset(buf, 0, sizeof(buf));
    CHECK(_read(fd, buf, sizeof(buf)) == 13 && memcmp(buf, "transfer data", 13) == 0, "_read reads the file");
    CHECK_EQ(_close(fd), 0, "_close closes it (and the handle)");
    DeleteFileA(path);
}

static void test_full_path(void)
{
    char cwd[MAX_PATH], want[MAX_PATH * 2], got[MAX_PATH * 2], small[4];
    char *part = NULL;
    DWORD n, need;

    REQUIRE(SetCurrentDirectoryA(dir), "the tool works in the temporary directory");
    REQUIRE(GetCurrentDirectoryA(sizeof(cwd), cwd) > 0, "GetCurrentDirectoryA");
    if (cwd[strlen(cwd) - 1] == SEP[0])
        cwd[strlen(cwd) - 1] = '\0';

    snprintf(want, sizeof(want), "%s%sa.txt", cwd, SEP);
    n = GetFullPathNameA("a.txt", sizeof(got), got, &part);
    CHECK_EQ(n, strlen(want), "GetFullPathNameA returns the length without the NUL");
    CHECK(strcmp(got, want) == 0, "the current directory joined with the name");
    CHECK(part == got + strlen(cwd) + 1, "lpFilePart points at \"a.txt\"");
    part = NULL;
    CHECK_EQ(GetFullPathNameA("logs\\old\\..\\.\\..\\a.txt", sizeof(got), got, &part), strlen(want),
             "\"logs\\old\\..\\.\\..\\a.txt\"");
    CHECK(strcmp(got, want) == 0 && part && strcmp(part, "a.txt") == 0, "resolves to the same path");

    snprintf(want, sizeof(want), "%s%ssub%s", cwd, SEP, SEP);
    part = got;
    CHECK_EQ(GetFullPathNameA("sub\\", sizeof(got), got, &part), strlen(want), "a name ending in '\\'");
    CHECK(strcmp(got, want) == 0 && part == NULL, "keeps its separator; lpFilePart NULL");

    memset(small, 'x', sizeof(small));
    need = GetFullPathNameA("a.txt", sizeof(small), small, NULL);
    snprintf(want, sizeof(want), "%s%sa.txt", cwd, SEP);
    CHECK_EQ(need, strlen(want) + 1, "a short buffer: the size needed with the NUL");
    CHECK(GetFullPathNameA("a.txt", 0, NULL, NULL) == need, "no buffer: the same");
    SetLastError(0);
    CHECK_EQ(GetFullPathNameA("", sizeof(got), got, NULL), 0, "an empty name fails");
    CHECK_EQ(GetLastError(), ERROR_INVALID_NAME, "with ERROR_INVALID_NAME");
}

int main(void)
{
    WSADATA wsa;
    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");
    GetTempPathA(MAX_PATH, dir);
    snprintf(path, sizeof(path), "%sws2mp_crt_%lu.dat", dir, (unsigned long)GetCurrentProcessId());
    test_descriptors();
    test_full_path();
    WSACleanup();
    return check_done();
}

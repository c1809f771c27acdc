/* Directory listings the way a Windows file server builds them: FindFirstFile / FindNextFile /
 * FindClose over "dir\\*", skipping "." and "..", directories told by their attribute, sizes
 * from nFileSizeHigh/Low, and the listing sent to a client over TCP on 127.0.0.1. Also the
 * errors Windows gives and the W form. */
#include <winsock2.h>
#include <windows.h>
#include <io.h>
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include "check.h"

static char g_dir[MAX_PATH];

static void make_file(const char *name, DWORD size)
{
    char path[MAX_PATH + 32];
    char block[512];
    HANDLE f;
    DWORD n;
    memset(block, 'x', sizeof block);
    sprintf(path, "%s\\%s", g_dir, name);
    f = CreateFileA(path, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
    CHECK(f != INVALID_HANDLE_VALUE, "create a file to list");
    while (size > 0) {
        DWORD chunk = size < sizeof block ? size : (DWORD)sizeof block;
        WriteFile(f, block, chunk, &n, NULL);
        size -= chunk;
    }
    CloseHandle(f);
}

/* "NAME SIZE" lines, "<DIR>" for directories, as a server's LIST answer. */
static int listing(const char *spec, char *out, size_t cap, int *dots)
{
    WIN32_FIND_DATAA fd;
    HANDLE h = FindFirstFileA(spec, &fd);
    int count = 0;
    out[0] = '\0';
    *dots = 0;
    if (h == INVALID_HANDLE_VALUE)
        return -1;
    do {
        char line[MAX_PATH + 40];
        if (strcmp(fd.cFileName, ".") == 0 || strcmp(fd.cFileName, "..") == 0) {
            (*dots)++;
            continue;
        }
        if (fd.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY)
            sprintf(line, "%s <DIR>\r\n", fd.cFileName);
        else
            sprintf(line, "%s %lu\r\n", fd.cFileName, (unsigned long)fd.nFileSizeLow);
        if (strlen(out) + strlen(line) < cap)
            strcat(out, line);
        count++;
    } while (FindNextFileA(h, &fd));
    CHECK_EQ(GetLastError(), ERROR_NO_MORE_FILES, "FindNextFile ends with ERROR_NO_MORE_FILES");
    CHECK(FindClose(h), "FindClose");
    return count;
}

int main(void)
{
    char spec[MAX_PATH + 32], list[1024], got[1024];
    WIN32_FIND_DATAA fd;
    WIN32_FIND_DATAW wfd;
    WCHAR wspec[MAX_PATH + 32];
    WSADATA wsa;
    SOCKET ls, c, s;
    SOCKADDR_IN addr;
    int len = (int)sizeof(addr), dots, n, total, i;
    HANDLE h;

    GetTempPathA(MAX_PATH, g_dir);
    sprintf(g_dir + strlen(g_dir), "ws2mp_find_%lu", (unsigned long)GetCurrentProcessId());
    REQUIRE(CreateDirectoryA(g_dir, NULL), "create the directory to serve");
    make_file("readme.txt", 10);
    make_file("Data.BIN", 1500);
    make_file("notes.txt", 0);
    sprintf(spec, "%s\\archive", g_dir);
    CHECK(CreateDirectoryA(spec, NULL), "and a subdirectory");

    sprintf(spec, "%s\\*", g_dir);
    n = listing(spec, list, sizeof list, &dots);
    CHECK_EQ(n, 4, "\"dir\\\\*\" lists the four entries");
    CHECK_EQ(dots, 2, "... after \".\" and \"..\"");
    CHECK(strcmp(list, "archive <DIR>\r\nData.BIN 1500\r\nnotes.txt 0\r\nreadme.txt 10\r\n") == 0,
          "... in name order, directories marked, sizes right");

    sprintf(spec, "%s\\*.TXT", g_dir);
    n = listing(spec, list, sizeof list, &dots);
    CHECK(n == 2 && dots == 0 && strcmp(list, "notes.txt 0\r\nreadme.txt 10\r\n") == 0,
          "\"*.TXT\" matches the .txt files, whatever the case");
    sprintf(spec, "%s\\*.*", g_dir);
    CHECK_EQ(listing(spec, list, sizeof list, &dots), 4, "\"*.*\" matches everything");
    sprintf(spec, "%s\\read??.txt", g_dir);
    CHECK(listing(spec, list, sizeof list, &dots) == 1 && strcmp(list, "readme.txt 10\r\n") == 0, "? matches one character");

    sprintf(spec, "%s\\data.bin", g_dir);
    h = FindFirstFileA(spec, &fd);
    CHECK(h != INVALID_HANDLE_VALUE && strcmp(fd.cFileName, "Data.BIN") == 0, "a single name, in another case");
    CHECK(fd.nFileSizeLow == 1500 && fd.nFileSizeHigh == 0 && !(fd.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY),
          "... its size and attributes");
    CHECK(fd.ftLastWriteTime.dwHighDateTime != 0 && fd.cAlternateFileName[0] == '\0', "... a write time, no 8.3 name");
    SetLastError(0);
    CHECK(!FindNextFileA(h, &fd) && GetLastError() == ERROR_NO_MORE_FILES, "... and nothing after it");
    FindClose(h);

    sprintf(spec, "%s\\*.none", g_dir);
    CHECK(FindFirstFileA(spec, &fd) == INVALID_HANDLE_VALUE && GetLastError() == ERROR_FILE_NOT_FOUND,
          "no match: ERROR_FILE_NOT_FOUND");
    sprintf(spec, "%s\\missing\\*.*", g_dir);
    CHECK(FindFirstFileA(spec, &fd) == INVALID_HANDLE_VALUE && GetLastError() == ERROR_PATH_NOT_FOUND,
          "no such directory: ERROR_PATH_NOT_FOUND");
    CHECK(!FindClose(INVALID_HANDLE_VALUE) && GetLastError() == ERROR_INVALID_HANDLE,
          "FindClose(INVALID_HANDLE_VALUE): ERROR_INVALID_HANDLE");

    /* The W form. */
    sprintf(spec, "%s\\notes.*", g_dir);
    for (i = 0; spec[i] != '\0'; i++)
        wspec[i] = (WCHAR)(unsigned char)spec[i];
    wspec[i] = 0;
    h = FindFirstFileW(wspec, &wfd);
    CHECK(h != INVALID_HANDLE_VALUE && wfd.cFileName[0] == 'n' && wfd.cFileName[8] == 't' && wfd.cFileName[9] == 0,
          "FindFirstFileW: a WCHAR name");
    FindClose(h);

    /* The C runtime's form: _findfirst / _findnext / _findclose. */
    {
        struct _finddata_t cf;
        intptr_t ch;
        int files = 0, dirs = 0;
        sprintf(spec, "%s\\*", g_dir);
        ch = _findfirst(spec, &cf);
        CHECK(ch != -1, "_findfirst");
        if (ch != -1) {
            do {
                if (cf.attrib & _A_SUBDIR)
                    dirs++;
                else if (strcmp(cf.name, "Data.BIN") == 0)
                    CHECK(cf.size == 1500 && cf.time_write > 0, "... a file's size and write time");
                if (!(cf.attrib & _A_SUBDIR))
                    files++;
            } while (_findnext(ch, &cf) == 0);
            CHECK_EQ(errno, ENOENT, "_findnext ends with ENOENT");
            CHECK_EQ(_findclose(ch), 0, "_findclose");
        }
        CHECK(files == 3 && dirs == 3, "three files; \".\", \"..\" and the subdirectory are _A_SUBDIR");
        sprintf(spec, "%s\\*.none", g_dir);
        CHECK(_findfirst(spec, &cf) == -1 && errno == ENOENT, "_findfirst without a match: -1, ENOENT");
    }

    /* Serve the listing to a client. */
    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");
    ls = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(bind(ls, (SOCKADDR *)&addr, sizeof addr) == 0 && listen(ls, 1) == 0 &&
                getsockname(ls, (SOCKADDR *)&addr, &len) == 0,
            "listen on 127.0.0.1");
    c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    REQUIRE(connect(c, (SOCKADDR *)&addr, sizeof addr) == 0, "connect");
    s = accept(ls, NULL, NULL);
    sprintf(spec, "%s\\*", g_dir);
    listing(spec, list, sizeof list, &dots);
    CHECK_EQ(send(s, list, (int)strlen(list), 0), (int)strlen(list), "send the listing");
    closesocket(s);
    total = 0;
    while ((n = recv(c, got + total, (int)sizeof(got) - 1 - total, 0)) > 0)
        total += n;
    got[total] = '\0';
    CHECK(strcmp(got, list) == 0, "the client receives the listing");
    closesocket(c);
    closesocket(ls);
    WSACleanup();

    sprintf(spec, "%s\\archive", g_dir);
    RemoveDirectoryA(spec);
    sprintf(spec, "%s\\readme.txt", g_dir);
    DeleteFileA(spec);
    sprintf(spec, "%s\\Data.BIN", g_dir);
    DeleteFileA(spec);
    sprintf(spec, "%s\\notes.txt", g_dir);
    DeleteFileA(spec);
    CHECK(RemoveDirectoryA(g_dir), "everything removed");
    return check_done();
}

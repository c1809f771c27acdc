/* A legacy program's files beside itself, found the way Windows programs find them: the
 * program's path from GetModuleFileName cut after its last '\\'
 * (`*(strrchr(path, '\\') + 1) = '\0'; strcat(path, "server.ini");`), then the settings read
 * with GetPrivateProfileString, data written with CreateFile and fopen and read back with
 * _open, listed with FindFirstFile and _findfirst, copied, moved, renamed and deleted, the
 * working directory set with SetCurrentDirectory and the program started again in that
 * directory, every name built from that path with '\\' between its parts (PathRemoveFileSpec,
 * PathAppend, _splitpath and _makepath too). Also GetModuleFileName's shape (no '/', '\\'
 * between the directories) and its short-buffer rules, in both character types. The files live
 * in a directory of their own next to the program, removed at the end. */
#include <winsock2.h>
#include <windows.h>
#include <shlwapi.h>
#include <io.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"

static char self[MAX_PATH]; /* GetModuleFileName's answer */
static char home[MAX_PATH]; /* the program's directory, with its last '\\' */
static char work[MAX_PATH]; /* home + "ws2mp_paths_<pid>": this test's files */

/* work + '\\' + name, in buf (MAX_PATH). */
static const char *in_work(char *buf, const char *name)
{
    sprintf(buf, "%s\\%s", work, name);
    return buf;
}

/* Whatever a failed step left behind (at exit; nothing is left after a full run). */
static void clean_up(void)
{
    static const char *const names[] = { "server.ini", "data.bin", "copy.bin", "moved.bin", "renamed.bin" };
    char name[MAX_PATH];
    size_t i;
    if (work[0] == '\0')
        return;
    for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        DeleteFileA(in_work(name, names[i]));
    RemoveDirectoryA(work);
}

/* The started copy of this program: exit code 7 when its working directory holds server.ini. */
static int child(void)
{
    return GetFileAttributesA("server.ini") != INVALID_FILE_ATTRIBUTES ? 7 : 1;
}

static void test_module_file_name(void)
{
    char small[8], *exact;
    WCHAR wide[MAX_PATH], wsmall[4];
    char narrow[MAX_PATH * 4];
    DWORD n, i;

    n = GetModuleFileNameA(NULL, self, sizeof(self));
    REQUIRE(n > 0 && n == strlen(self), "GetModuleFileName gives the program's path and its length");
    printf("# GetModuleFileName: %s\n", self);
    CHECK(strchr(self, '/') == NULL, "with no '/' in it");
    CHECK(strrchr(self, '\\') != NULL, "and '\\' between its directories");
#ifndef _WIN32
    CHECK(self[0] == '\\' && self[1] != '\\', "from the root, without a drive letter");
#endif

    /* Windows' rules for a buffer too small: cut, terminated, nSize, ERROR_INSUFFICIENT_BUFFER. */
    memset(small, 'x', sizeof(small));
    SetLastError(0);
    CHECK_EQ(GetModuleFileNameA(NULL, small, sizeof(small)), sizeof(small), "a short buffer: its size is returned");
    CHECK_EQ(GetLastError(), ERROR_INSUFFICIENT_BUFFER, "with ERROR_INSUFFICIENT_BUFFER");
    CHECK(small[sizeof(small) - 1] == '\0' && strncmp(small, self, sizeof(small) - 1) == 0,
          "and the path's start in it, cut and terminated");
    exact = (char *)malloc(n + 1);
    REQUIRE(exact != NULL, "malloc");
    SetLastError(0);
    CHECK_EQ(GetModuleFileNameA(NULL, exact, n), n, "a buffer of the length without room for the NUL: cut too");
    CHECK(GetLastError() == ERROR_INSUFFICIENT_BUFFER && exact[n - 1] == '\0', "terminated, ERROR_INSUFFICIENT_BUFFER");
    CHECK(GetModuleFileNameA(NULL, exact, n + 1) == n && strcmp(exact, self) == 0, "one more byte holds it all");
    free(exact);

    n = GetModuleFileNameW(NULL, wide, MAX_PATH);
    REQUIRE(n > 0 && WideCharToMultiByte(CP_UTF8, 0, wide, -1, narrow, sizeof(narrow), NULL, NULL) > 0,
            "GetModuleFileNameW gives the path");
    CHECK(strcmp(narrow, self) == 0, "the same path as the A form");
    for (i = 0; i < n && wide[i] != L'/'; i++)
        ;
    CHECK_EQ(i, n, "with no '/' in it either");
    SetLastError(0);
    CHECK(GetModuleFileNameW(NULL, wsmall, 4) == 4 && wsmall[3] == 0 && GetLastError() == ERROR_INSUFFICIENT_BUFFER,
          "GetModuleFileNameW cuts to a short buffer, counting WCHARs, with ERROR_INSUFFICIENT_BUFFER");

    /* The module handles a program passes: its own (WinMain's hInstance) gives the same path. */
    {
        char again[MAX_PATH];
        HMODULE me = GetModuleHandle(NULL);
        CHECK(GetModuleFileNameA(me, again, sizeof(again)) == strlen(self) && strcmp(again, self) == 0,
              "GetModuleHandle(NULL)'s handle names the program too");
        SetLastError(0);
        CHECK(GetModuleFileNameA((HMODULE)&again, again, sizeof(again)) == 0 &&
                  GetLastError() == ERROR_MOD_NOT_FOUND,
              "something that is no module handle: 0 with ERROR_MOD_NOT_FOUND");
    }
}

static void test_directory_beside_the_program(void)
{
    DWORD a;
    strcpy(home, self);
    *(strrchr(home, '\\') + 1) = '\0';
    sprintf(work, "%sws2mp_paths_%lu", home, (unsigned long)GetCurrentProcessId());
    atexit(clean_up);
    REQUIRE(CreateDirectoryA(work, NULL), "CreateDirectory of the program's directory + a name");
    a = GetFileAttributesA(work);
    CHECK(a != INVALID_FILE_ATTRIBUTES && (a & FILE_ATTRIBUTE_DIRECTORY) != 0, "GetFileAttributes: a directory");
    SetLastError(0);
    CHECK(!CreateDirectoryA(work, NULL) && GetLastError() == ERROR_ALREADY_EXISTS,
          "a second CreateDirectory: ERROR_ALREADY_EXISTS");
}

static void test_settings(void)
{
    char ini[MAX_PATH], buf[64];
    FILE *f;
    DWORD n;
    /* The idiom, as legacy servers write it. */
    GetModuleFileName(NULL, ini, MAX_PATH);
    *(strrchr(ini, '\\') + 1) = '\0';
    sprintf(ini + strlen(ini), "ws2mp_paths_%lu\\", (unsigned long)GetCurrentProcessId());
    strcat(ini, "server.ini");
    f = fopen(ini, "w");
    REQUIRE(f != NULL, "fopen creates the settings file by that name");
    fputs("[net]\nport=5123\n", f);
    fclose(f);
    n = GetPrivateProfileString("net", "port", "5000", buf, sizeof(buf), ini);
    CHECK(n == 4 && strcmp(buf, "5123") == 0, "GetPrivateProfileString reads the port from it");
    CHECK_EQ(GetPrivateProfileInt("net", "port", 5000, ini), 5123, "GetPrivateProfileInt too");
    CHECK_EQ(GetPrivateProfileInt("net", "backlog", 5, ini), 5, "a missing key gives the default");
    CHECK(WritePrivateProfileString("net", "host", "127.0.0.1", ini), "WritePrivateProfileString adds a key");
    n = GetPrivateProfileString("net", "host", "", buf, sizeof(buf), ini);
    CHECK(n == 9 && strcmp(buf, "127.0.0.1") == 0, "which reads back");
}

static void test_files(void)
{
    char name[MAX_PATH], other[MAX_PATH], spec[MAX_PATH], buf[16];
    WIN32_FIND_DATAA fd;
    struct _finddata_t cfd;
    intptr_t search;
    HANDLE h;
    DWORD n = 0;
    FILE *f;
    int fh;

    in_work(name, "data.bin");
    h = CreateFileA(name, GENERIC_WRITE, 0, NULL, CREATE_NEW, FILE_ATTRIBUTE_NORMAL, NULL);
    REQUIRE(h != INVALID_HANDLE_VALUE, "CreateFile makes a file there");
    CHECK(WriteFile(h, "hello", 5, &n, NULL) && n == 5, "WriteFile writes to it");
    CloseHandle(h);
    f = fopen(name, "rb");
    CHECK(f != NULL && fread(buf, 1, sizeof(buf), f) == 5 && memcmp(buf, "hello", 5) == 0, "fopen reads it back");
    if (f != NULL)
        fclose(f);
    fh = _open(name, _O_RDONLY | _O_BINARY);
    CHECK(fh >= 0 && _read(fh, buf, sizeof(buf)) == 5, "so does _open");
    if (fh >= 0)
        _close(fh);
    CHECK_EQ(_access(name, 0), 0, "_access finds it");

    h = FindFirstFileA(in_work(spec, "*.ini"), &fd);
    CHECK(h != INVALID_HANDLE_VALUE && strcmp(fd.cFileName, "server.ini") == 0, "FindFirstFile lists the settings file");
    if (h != INVALID_HANDLE_VALUE) {
        SetLastError(0);
        CHECK(!FindNextFileA(h, &fd) && GetLastError() == ERROR_NO_MORE_FILES, "and nothing else for *.ini");
        FindClose(h);
    }
    search = _findfirst(in_work(spec, "*.bin"), &cfd);
    CHECK(search != -1 && strcmp(cfd.name, "data.bin") == 0 && cfd.size == 5, "_findfirst lists the data file and its size");
    if (search != -1)
        _findclose(search);

    CHECK(CopyFileA(name, in_work(other, "copy.bin"), TRUE), "CopyFile copies it");
    CHECK(MoveFileA(other, in_work(spec, "moved.bin")), "MoveFile moves the copy");
    CHECK(GetFileAttributesA(other) == INVALID_FILE_ATTRIBUTES && GetFileAttributesA(spec) != INVALID_FILE_ATTRIBUTES,
          "GetFileAttributes: the old name is gone, the new one there");
    CHECK_EQ(rename(spec, in_work(other, "renamed.bin")), 0, "rename renames it");
    CHECK_EQ(remove(other), 0, "remove removes it");
    CHECK(GetFileAttributesA(other) == INVALID_FILE_ATTRIBUTES, "it is gone");
    CHECK(DeleteFileA(name), "DeleteFile deletes the data file");
    CHECK(GetFileAttributesA(name) == INVALID_FILE_ATTRIBUTES, "it is gone too");
}

static void test_path_helpers(void)
{
    char p[MAX_PATH], drive[_MAX_DRIVE], dir[_MAX_DIR], fname[_MAX_FNAME], ext[_MAX_EXT], made[MAX_PATH];
    char ini[MAX_PATH];
    size_t len = strlen(home) - 1;

    strcpy(p, self);
    CHECK(PathRemoveFileSpecA(p) && strlen(p) == len && strncmp(p, home, len) == 0,
          "PathRemoveFileSpec leaves the program's directory");
    CHECK(strcmp(PathFindFileNameA(self), strrchr(self, '\\') + 1) == 0, "PathFindFileName gives the program's name");
    sprintf(made, "ws2mp_paths_%lu", (unsigned long)GetCurrentProcessId());
    CHECK(PathAppendA(p, made) && strcmp(p, work) == 0, "PathAppend joins the directory with '\\'");
    CHECK(PathFileExistsA(p) && PathIsDirectoryA(p), "PathFileExists and PathIsDirectory find it");

    _splitpath(self, drive, dir, fname, ext);
    CHECK(strcmp(dir, home + strlen(drive)) == 0, "_splitpath's directory is the program's, up to its last '\\'");
    CHECK(fname[0] != '\0' && strstr(self, fname) != NULL, "and its file name part is the program's");
    _makepath(made, drive, dir, fname, ext);
    CHECK(strcmp(made, self) == 0, "_makepath puts the parts back together");
    sprintf(made, "ws2mp_paths_%lu\\server", (unsigned long)GetCurrentProcessId());
    _makepath(ini, drive, dir, made, "ini");
    CHECK_EQ(GetPrivateProfileIntA("net", "port", 0, ini), 5123, "a settings path from _makepath reads");
}

static void test_current_directory(void)
{
    char saved[MAX_PATH], line[MAX_PATH + 16];
    STARTUPINFOA si;
    PROCESS_INFORMATION pi;
    DWORD code = 0;
    FILE *f;

    REQUIRE(GetCurrentDirectoryA(sizeof(saved), saved) > 0, "GetCurrentDirectory");
    CHECK(SetCurrentDirectoryA(work), "SetCurrentDirectory to the directory beside the program");
    CHECK(GetFileAttributesA("server.ini") != INVALID_FILE_ATTRIBUTES, "a bare name is found in it");
    f = fopen(".\\server.ini", "r");
    CHECK(f != NULL, "fopen(\".\\\\server.ini\") opens it");
    if (f != NULL)
        fclose(f);
    CHECK(SetCurrentDirectoryA(saved), "SetCurrentDirectory back");

    /* The program again, by GetModuleFileName's path, working in that directory. */
    memset(&si, 0, sizeof(si));
    si.cb = sizeof(si);
    sprintf(line, "\"%s\" child", self);
    REQUIRE(CreateProcessA(self, line, NULL, NULL, FALSE, 0, NULL, work, &si, &pi),
            "CreateProcess of GetModuleFileName's path, in the directory beside it");
    WaitForSingleObject(pi.hProcess, INFINITE);
    CHECK(GetExitCodeProcess(pi.hProcess, &code) && code == 7, "the child found server.ini in its working directory");
    CloseHandle(pi.hThread);
    CloseHandle(pi.hProcess);
}

static void test_clean_up(void)
{
    char ini[MAX_PATH];
    CHECK(DeleteFileA(in_work(ini, "server.ini")), "DeleteFile of the settings file");
    CHECK(RemoveDirectoryA(work), "RemoveDirectory of the emptied directory");
    CHECK(GetFileAttributesA(work) == INVALID_FILE_ATTRIBUTES, "it is gone");
    work[0] = '\0';
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "child") == 0)
        return child();
    test_module_file_name();
    test_directory_beside_the_program();
    test_settings();
    test_files();
    test_path_helpers();
    test_current_directory();
    test_clean_up();
    return check_done();
}

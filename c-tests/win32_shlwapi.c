/* <shlwapi.h>'s path and string helpers the way a file-transfer tool builds names: the
 * download directory and a received name combined, the extension changed, existence checked
 * against files the test makes. */
#include <winsock2.h>
#include <windows.h>
#include <shlwapi.h>
#include <stdio.h>
#include <string.h>
#include "check.h"

int main(void)
{
    char path[MAX_PATH], dir[MAX_PATH], file[MAX_PATH], line[32];
    HANDLE f;

    strcpy(path, "C:\\downloads\\report.final.txt");
    CHECK(strcmp(PathFindFileNameA(path), "report.final.txt") == 0, "PathFindFileName");
    CHECK(strcmp(PathFindExtensionA(path), ".txt") == 0, "PathFindExtension: the last dot");
    CHECK(*PathFindExtensionA("C:\\dir.d\\noext") == '\0', "... none after the last separator: the end");
    CHECK(PathRenameExtensionA(path, ".bak") && strcmp(path, "C:\\downloads\\report.final.bak") == 0,
          "PathRenameExtension");
    PathRemoveExtensionA(path);
    CHECK(strcmp(path, "C:\\downloads\\report.final") == 0, "PathRemoveExtension");
    CHECK(PathRemoveFileSpecA(path) && strcmp(path, "C:\\downloads") == 0, "PathRemoveFileSpec");
    CHECK(PathRemoveFileSpecA(path) && strcmp(path, "C:\\") == 0, "... down to the drive's root");
    strcpy(path, "name.txt");
    CHECK(PathRemoveFileSpecA(path) && path[0] == '\0', "... a bare name leaves nothing");
    strcpy(path, "dir\\");
    CHECK(PathRemoveFileSpecA(path) && strcmp(path, "dir") == 0, "... a trailing separator goes");
    strcpy(path, "C:\\dir\\sub\\file.bin");
    PathStripPathA(path);
    CHECK(strcmp(path, "file.bin") == 0, "PathStripPath");
    CHECK(PathIsRelativeA("data\\x") && !PathIsRelativeA("C:\\x") && !PathIsRelativeA("\\x") &&
              !PathIsRelativeA("/tmp"),
          "PathIsRelative");

    strcpy(path, "incoming");
    CHECK(PathAppendA(path, "\\part1.dat") && strcmp(path, "incoming\\part1.dat") == 0,
          "PathAppend: one separator between");
    strcpy(path, "out\\");
    CHECK(PathAddBackslashA(path) == path + 4 && strcmp(path, "out\\") == 0, "PathAddBackslash keeps one");
    strcpy(path, "out");
    CHECK(PathAddBackslashA(path) == path + 4 && strcmp(path, "out\\") == 0, "... or adds it");
    CHECK(PathCombineA(file, "base", "name.txt") == file && strcmp(file, "base\\name.txt") == 0, "PathCombine");
    CHECK(PathCombineA(file, "base", "C:\\abs.txt") != NULL && strcmp(file, "C:\\abs.txt") == 0,
          "... an absolute file wins");

    /* Existence, against real files (the file calls read '\\' as a separator). */
    GetTempPathA(sizeof dir, dir);
    sprintf(dir + strlen(dir), "ws2mp_shlwapi_%lu", (unsigned long)GetCurrentProcessId());
    CHECK(!PathFileExistsA(dir), "PathFileExists: not yet");
    REQUIRE(CreateDirectoryA(dir, NULL), "make a directory");
    CHECK(PathFileExistsA(dir) && PathIsDirectoryA(dir), "PathFileExists and PathIsDirectory on it");
    PathCombineA(file, dir, "got.txt");
    f = CreateFileA(file, GENERIC_WRITE, 0, NULL, CREATE_NEW, 0, NULL);
    CHECK(f != INVALID_HANDLE_VALUE, "a file by the combined name");
    CloseHandle(f);
    CHECK(PathFileExistsA(file) && !PathIsDirectoryA(file), "... exists and is no directory");
    CHECK(DeleteFileA(file) && RemoveDirectoryA(dir), "removed");

    CHECK(StrStrIA("GET /Index.HTML HTTP/1.0", "index.html") != NULL, "StrStrI");
    CHECK(StrCmpIA("QUIT", "quit") == 0 && StrCmpNIA("USER bob", "user", 4) == 0, "StrCmpI, StrCmpNI");
    CHECK(StrToIntA("  -42x") == -42, "StrToInt");
    strcpy(line, "  \tPORT 21\r\n");
    CHECK(StrTrimA(line, " \t\r\n") && strcmp(line, "PORT 21") == 0, "StrTrim");
    CHECK(!StrTrimA(line, " "), "... FALSE when nothing goes");
    return check_done();
}

/* The process environment calls network programs make around their sockets: keeping a
 * listening socket out of child processes (SetHandleInformation / GetHandleInformation with
 * HANDLE_FLAG_INHERIT), a log or config path next to the program (GetModuleFileName), the
 * working directory, environment variables, the temporary directory and the user's name for a
 * chat nickname (GetUserName, UNLEN from <lmcons.h>), and the size of a file to send
 * (_stat, _fstat, _fileno). */
#include <winsock2.h>
#include <windows.h>
#include <lmcons.h>
#include <direct.h>
#include <stdio.h>
#include <sys/types.h>
#include <sys/stat.h>
#include "check.h"

static void test_handle_information(void)
{
    WSADATA wsa;
    SOCKET s;
    DWORD flags = 12345;
    HANDLE ev;
    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");
    s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    CHECK(GetHandleInformation((HANDLE)s, &flags), "GetHandleInformation on a socket succeeds");
    CHECK_EQ(flags & HANDLE_FLAG_INHERIT, HANDLE_FLAG_INHERIT, "a new socket is inheritable, as on Windows");
    CHECK(SetHandleInformation((HANDLE)s, HANDLE_FLAG_INHERIT, 0), "SetHandleInformation clears HANDLE_FLAG_INHERIT");
    GetHandleInformation((HANDLE)s, &flags);
    CHECK_EQ(flags & HANDLE_FLAG_INHERIT, 0, "and the socket is no longer inheritable");
    CHECK(SetHandleInformation((HANDLE)s, HANDLE_FLAG_INHERIT, HANDLE_FLAG_INHERIT), "and sets it again");
    GetHandleInformation((HANDLE)s, &flags);
    CHECK_EQ(flags & HANDLE_FLAG_INHERIT, HANDLE_FLAG_INHERIT, "inheritable again");
    ev = CreateEvent(NULL, TRUE, FALSE, NULL);
    CHECK(SetHandleInformation(ev, HANDLE_FLAG_INHERIT, 0), "an event handle accepts the call");
    CloseHandle(ev);
    SetLastError(0);
    CHECK(!SetHandleInformation((HANDLE)s, 0x100, 0), "an unknown flag is refused");
    CHECK_EQ(GetLastError(), ERROR_INVALID_PARAMETER, "with ERROR_INVALID_PARAMETER");
    closesocket(s);
    SetLastError(0);
    CHECK(!SetHandleInformation((HANDLE)s, HANDLE_FLAG_INHERIT, 0), "a closed socket is no handle");
    CHECK_EQ(GetLastError(), ERROR_INVALID_HANDLE, "ERROR_INVALID_HANDLE");
    WSACleanup();
}

static void test_environment(void)
{
    char path[MAX_PATH], small[4], value[32], user[UNLEN + 1];
    DWORD n, size;
    n = GetModuleFileName(NULL, path, MAX_PATH);
    printf("# GetModuleFileName: %s\n", path);
    CHECK(n > 0 && n == strlen(path), "GetModuleFileName gives the program's path and its length");
    CHECK(strstr(path, "win32_process_env") != NULL, "which names this program");
    n = GetModuleFileName(NULL, small, sizeof(small));
    CHECK(n == sizeof(small) && GetLastError() == ERROR_INSUFFICIENT_BUFFER && small[3] == '\0',
          "a short buffer gets a cut, terminated path, its size and ERROR_INSUFFICIENT_BUFFER");

    n = GetCurrentDirectory(MAX_PATH, path);
    CHECK(n > 0 && n == strlen(path), "GetCurrentDirectory gives the directory and its length");
    CHECK_EQ(GetCurrentDirectory(0, NULL), n + 1, "GetCurrentDirectory(0, NULL) gives the size with the NUL");

    CHECK(SetEnvironmentVariable("WS2MP_TEST_VAR", "port=5150"), "SetEnvironmentVariable sets a variable");
    CHECK_EQ(GetEnvironmentVariable("WS2MP_TEST_VAR", value, sizeof(value)), 9, "GetEnvironmentVariable gives its length");
    CHECK(strcmp(value, "port=5150") == 0, "and its value");
    CHECK_EQ(GetEnvironmentVariable("WS2MP_TEST_VAR", small, sizeof(small)), 10, "a short buffer gets the size needed");
    CHECK(SetEnvironmentVariable("WS2MP_TEST_VAR", NULL), "a NULL value deletes it");
    SetLastError(0);
    CHECK_EQ(GetEnvironmentVariable("WS2MP_TEST_VAR", value, sizeof(value)), 0, "then it is not found");
    CHECK_EQ(GetLastError(), ERROR_ENVVAR_NOT_FOUND, "with ERROR_ENVVAR_NOT_FOUND");

    {
        char dir[MAX_PATH + 32], here[MAX_PATH];
        CHECK(_getcwd(here, sizeof(here)) != NULL, "_getcwd gives the working directory");
        n = GetTempPath(MAX_PATH, path);
        snprintf(dir, sizeof(dir), "%sws2mp_direct_%lu", path, (unsigned long)GetCurrentProcessId());
        CHECK_EQ(_mkdir(dir), 0, "_mkdir makes a directory");
        CHECK_EQ(_chdir(dir), 0, "_chdir enters it");
        CHECK_EQ(_chdir(here), 0, "and leaves it");
        CHECK_EQ(_rmdir(dir), 0, "_rmdir removes it");
    }
    n = GetTempPath(MAX_PATH, path);
    CHECK(n > 0 && (path[n - 1] == '/' || path[n - 1] == '\\'), "GetTempPath ends with a separator");

    size = sizeof(user);
    CHECK(GetUserName(user, &size), "GetUserName succeeds");
    printf("# GetUserName: %s\n", user);
    CHECK(size == strlen(user) + 1 && size > 1, "and counts the name with its NUL");
    size = 1;
    SetLastError(0);
    CHECK(!GetUserName(user, &size), "a one-byte buffer is too small");
    CHECK(GetLastError() == ERROR_INSUFFICIENT_BUFFER && size == strlen(user) + 1, "ERROR_INSUFFICIENT_BUFFER and the size needed");
}

static void test_stat(void)
{
    char path[MAX_PATH];
    struct _stat st;
    struct _stati64 st64;
    FILE *f;
    GetModuleFileName(NULL, path, MAX_PATH);
    CHECK_EQ(_stat(path, &st), 0, "_stat on the program succeeds");
    CHECK(st.st_size > 0 && (st.st_mode & _S_IFMT) == _S_IFREG, "a regular file with a size");
    f = fopen(path, "rb");
    REQUIRE(f != NULL, "the program opens for reading");
    CHECK_EQ(_fstati64(_fileno(f), &st64), 0, "_fstati64 on its _fileno succeeds");
    CHECK(st64.st_size == st.st_size, "with the same size");
    fclose(f);
    CHECK(_stat("/no/such/file", &st) != 0, "_stat on a missing file fails");
}

int main(void)
{
    test_handle_information();
    test_environment();
    test_stat();
    return check_done();
}

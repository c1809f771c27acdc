/* ws2mp-test: posix */
/* WinMain as the entry point, the way a windowed Winsock program starts: the module handle, no
 * previous instance, the command line after the program's name, SW_SHOWDEFAULT; GetCommandLine
 * gives the whole line, the program's name first. The test then starts itself again with
 * arguments (one holding a space; POSIX fork and exec, the only POSIX part) and that copy checks
 * the lpCmdLine (and MSVC's __argc / __argv) it was given. */
#include <winsock2.h>
#include <windows.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "check.h"

static int started_again(void)
{
    pid_t child = fork();
    int status = -1;
    if (child == 0) {
        execl("/proc/self/exe", "/proc/self/exe", "--child", "two words", (char *)NULL);
        _exit(127);
    }
    if (child < 0 || waitpid(child, &status, 0) != child)
        return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int WINAPI WinMain(HINSTANCE hInstance, HINSTANCE hPrevInstance, LPSTR lpCmdLine, int nCmdShow)
{
    WSADATA wsa;
    LPSTR whole = GetCommandLineA();
    LPWSTR wide = GetCommandLineW();

    if (strncmp(lpCmdLine, "--child", 7) == 0)
        return strcmp(lpCmdLine, "--child \"two words\"") == 0 && __argc == 3 && strcmp(__argv[1], "--child") == 0 &&
                       strcmp(__argv[2], "two words") == 0 && __argv[3] == NULL
                   ? 42
                   : 1;
    CHECK(hInstance == GetModuleHandle(NULL), "hInstance is the program's module handle");
    CHECK(hPrevInstance == NULL, "no previous instance");
    CHECK_EQ(nCmdShow, SW_SHOWDEFAULT, "nCmdShow is SW_SHOWDEFAULT");
    CHECK(lpCmdLine != NULL && strcmp(lpCmdLine, "") == 0, "started without arguments: lpCmdLine is empty");
    CHECK(whole != NULL && strstr(whole, "win32_winmain") != NULL, "GetCommandLineA starts with the program's name");
    CHECK(GetCommandLineA() == whole, "... and is the same string every time");
    CHECK(__argc == 1 && strstr(__argv[0], "win32_winmain") != NULL && __argv[1] == NULL,
          "__argc and __argv: the program's name alone");
    CHECK(wide != NULL && wide[0] == (WCHAR)whole[0], "GetCommandLineW is the same line in UTF-16");
    CHECK(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "Winsock starts from WinMain");
    WSACleanup();
    CHECK_EQ(started_again(), 42,
             "started with arguments, lpCmdLine is what follows the program's name, an argument with a space quoted; "
             "__argv holds them apart");
    return check_done();
}

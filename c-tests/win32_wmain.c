/* ws2mp-test: no-mingw */
/* mingw-w64 builds wmain programs only with -municode.
 * A Unicode console program's entry point, as Microsoft's Winsock examples write it:
 * `int wmain(int argc, wchar_t **argv, wchar_t **envp)` with no main. The command line and the
 * environment arrive as wide strings; the program's own name is argv[0]. */
#include <winsock2.h>
#include <wchar.h>
#include "check.h"

/* The wide entry `NAME=value` of envp, or NULL. */
static const wchar_t *find_env(wchar_t **envp, const wchar_t *name)
{
    size_t n = wcslen(name);
    for (; envp && *envp; envp++)
        if (wcsncmp(*envp, name, n) == 0 && (*envp)[n] == L'=')
            return *envp + n + 1;
    return NULL;
}

int wmain(int argc, wchar_t **argv, wchar_t **envp)
{
    WSADATA wsaData;
    char path[4096];
    const wchar_t *wpath;
    DWORD len;
    size_t i;

    CHECK(argc >= 1, "argc counts the program");
    CHECK(argv[argc] == NULL, "argv ends with NULL");
    CHECK(wcsstr(argv[0], L"win32_wmain") != NULL, "argv[0] is the program, as a wide string");
    CHECK(wcslen(argv[0]) >= wcslen(L"win32_wmain"), "... of the right length");

    len = GetEnvironmentVariableA("PATH", path, sizeof(path));
    wpath = find_env(envp, L"PATH");
    REQUIRE(len > 0 && wpath != NULL, "PATH is in the environment and in envp");
    CHECK_EQ(wcslen(wpath), len, "envp's PATH has the variable's length");
    for (i = 0; i < len && (wchar_t)(unsigned char)path[i] == wpath[i]; i++)
        ;
    CHECK_EQ(i, len, "... and its characters");

    CHECK_EQ(WSAStartup(MAKEWORD(2, 2), &wsaData), 0, "WSAStartup from wmain");
    WSACleanup();
    return check_done();
}

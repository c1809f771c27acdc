/* ws2mp-test: posix */ /* checks the POSIX places the special folders map to, under a private HOME */
/*
 * A program that keeps its settings where Windows programs do: SHGetFolderPath(CSIDL_APPDATA
 * | CSIDL_FLAG_CREATE) for its settings file, CSIDL_PERSONAL for the user's documents,
 * SHGetSpecialFolderPath with fCreate. HOME points at a private directory for the test.
 */
#include <winsock2.h>
#include <windows.h>
#include <shlobj.h>
#include <stdio.h>
#include <string.h>
#include "check.h"
#include "wide.h"

int main(void)
{
    char home[MAX_PATH], path[MAX_PATH], expect[MAX_PATH], settings[MAX_PATH];
    WCHAR wpath[MAX_PATH];
    HANDLE f;
    DWORD written;

    sprintf(home, "/tmp/ws2mp_shell_%lu", (unsigned long)GetCurrentProcessId());
    REQUIRE(CreateDirectoryA(home, NULL), "a private home");
    SetEnvironmentVariableA("HOME", home);
    SetEnvironmentVariableA("XDG_CONFIG_HOME", NULL);
    SetEnvironmentVariableA("XDG_DATA_HOME", NULL);

    CHECK(SHGetFolderPathA(NULL, CSIDL_PROFILE, NULL, SHGFP_TYPE_CURRENT, path) == S_OK && strcmp(path, home) == 0,
          "CSIDL_PROFILE is the home directory");
    sprintf(expect, "%s/.local/share", home);
    CHECK(SHGetFolderPathA(NULL, CSIDL_LOCAL_APPDATA, NULL, 0, path) == S_OK && strcmp(path, expect) == 0,
          "CSIDL_LOCAL_APPDATA is ~/.local/share");
    CHECK(GetFileAttributesA(expect) == INVALID_FILE_ATTRIBUTES, "... not created without CSIDL_FLAG_CREATE");

    sprintf(expect, "%s/.config", home);
    CHECK(SHGetFolderPathA(NULL, CSIDL_APPDATA | CSIDL_FLAG_CREATE, NULL, 0, path) == S_OK && strcmp(path, expect) == 0,
          "CSIDL_APPDATA is ~/.config");
    CHECK((GetFileAttributesA(path) & FILE_ATTRIBUTE_DIRECTORY) != 0, "... created with CSIDL_FLAG_CREATE");
    sprintf(settings, "%s\\settings.ini", path);
    f = CreateFileA(settings, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
    CHECK(f != INVALID_HANDLE_VALUE, "the settings file can be written there");
    if (f != INVALID_HANDLE_VALUE) {
        CHECK(WriteFile(f, "port=5000\n", 10, &written, NULL) && written == 10, "... its contents");
        CloseHandle(f);
        DeleteFileA(settings);
    }

    sprintf(expect, "%s/Documents", home);
    CHECK(SHGetSpecialFolderPathA(NULL, path, CSIDL_PERSONAL, TRUE) && strcmp(path, expect) == 0,
          "SHGetSpecialFolderPath(CSIDL_PERSONAL, TRUE): ~/Documents");
    CHECK((GetFileAttributesA(path) & FILE_ATTRIBUTE_DIRECTORY) != 0, "... created");

    SetEnvironmentVariableA("XDG_CONFIG_HOME", "/tmp/ws2mp_xdg_config");
    CHECK(SHGetFolderPathA(NULL, CSIDL_APPDATA, NULL, 0, path) == S_OK && strcmp(path, "/tmp/ws2mp_xdg_config") == 0,
          "CSIDL_APPDATA follows XDG_CONFIG_HOME");
    SetEnvironmentVariableA("XDG_CONFIG_HOME", NULL);

    CHECK(SHGetFolderPathW(NULL, CSIDL_PROFILE, NULL, 0, wpath) == S_OK && weq(wpath, home),
          "SHGetFolderPathW gives the same path in UTF-16");
    CHECK(SHGetFolderPathA(NULL, CSIDL_WINDOWS, NULL, 0, path) == S_OK && strcmp(path, "C:\\Windows") == 0,
          "CSIDL_WINDOWS is GetWindowsDirectory's answer");
    CHECK(SHGetFolderPathA(NULL, 0x77, NULL, 0, path) == E_INVALIDARG, "an unknown CSIDL is E_INVALIDARG");
    CHECK(!SHGetSpecialFolderPathA(NULL, path, 0x77, FALSE), "... and FALSE from SHGetSpecialFolderPath");

    sprintf(path, "%s/Documents", home);
    RemoveDirectoryA(path);
    sprintf(path, "%s/.config", home);
    RemoveDirectoryA(path);
    RemoveDirectoryA(home);
    return check_done();
}

/* ws2mp-test: no-mingw */ /* a wWinMain program links with mingw-w64's -municode, which the mingw build does not pass */
/* A Unicode windowed program's entry point through <tchar.h>: _tWinMain is wWinMain when UNICODE
 * is defined; it gets the program's module handle, no previous instance, the UTF-16 command
 * line after the program's name (empty here) and SW_SHOWDEFAULT. */
#define UNICODE
#define _UNICODE
#include <winsock2.h>
#include <windows.h>
#include <tchar.h>
#include "check.h"

int WINAPI _tWinMain(HINSTANCE hInstance, HINSTANCE hPrevInstance, LPTSTR lpCmdLine, int nCmdShow)
{
    LPWSTR whole = GetCommandLine();
    CHECK(hInstance == GetModuleHandle(NULL), "hInstance is the program's module handle");
    CHECK(hPrevInstance == NULL, "no previous instance");
    CHECK_EQ(nCmdShow, SW_SHOWDEFAULT, "nCmdShow is SW_SHOWDEFAULT");
    CHECK(lpCmdLine != NULL && lpCmdLine[0] == 0, "no arguments: an empty UTF-16 command line");
    CHECK(whole != NULL && lstrlenW(whole) > 0, "GetCommandLine (W with UNICODE) holds the program's name");
    return check_done();
}

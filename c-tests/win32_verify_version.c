/*
 * The start-up check of a program that needs a minimum Windows: VerifyVersionInfo with a
 * condition mask built by VER_SET_CONDITION / VerSetConditionMask, the way the SDK samples
 * write "is this at least Windows XP SP2" and "is this a workstation". ws2mp reports
 * Windows 10.0.19045, a workstation, no service pack.
 */
#include <winsock2.h>
#include <windows.h>
#include <string.h>
#include "check.h"

/* Microsoft's sample shape: major, minor and service pack major, all "greater or equal". */
static BOOL at_least(DWORD major, DWORD minor, WORD sp_major)
{
    OSVERSIONINFOEX osvi;
    DWORDLONG mask = 0;
    int op = VER_GREATER_EQUAL;
    ZeroMemory(&osvi, sizeof(OSVERSIONINFOEX));
    osvi.dwOSVersionInfoSize = sizeof(OSVERSIONINFOEX);
    osvi.dwMajorVersion = major;
    osvi.dwMinorVersion = minor;
    osvi.wServicePackMajor = sp_major;
    VER_SET_CONDITION(mask, VER_MAJORVERSION, op);
    VER_SET_CONDITION(mask, VER_MINORVERSION, op);
    VER_SET_CONDITION(mask, VER_SERVICEPACKMAJOR, op);
    return VerifyVersionInfo(&osvi, VER_MAJORVERSION | VER_MINORVERSION | VER_SERVICEPACKMAJOR, mask);
}

int main(void)
{
    OSVERSIONINFOEXA osvi;
    OSVERSIONINFOEXW wide;
    DWORDLONG mask;

    CHECK(at_least(5, 1, 2), "Windows XP SP2 or later");
    CHECK(at_least(6, 1, 0), "Windows 7 or later");
    CHECK(at_least(10, 0, 0), "Windows 10 or later");
    SetLastError(0);
    CHECK(!at_least(10, 1, 0), "not Windows 10.1");
    CHECK_EQ(GetLastError(), ERROR_OLD_WIN_VERSION, "... ERROR_OLD_WIN_VERSION");
    CHECK(!at_least(11, 0, 0), "not version 11");
    CHECK(!at_least(10, 0, 1), "not Windows 10 with a service pack");
    CHECK(at_least(3, 10, 0), "3.10 is older: the minor version is not looked at");

    /* The exact build, and the product type. */
    ZeroMemory(&osvi, sizeof(osvi));
    osvi.dwOSVersionInfoSize = sizeof(osvi);
    CHECK(GetVersionExA((LPOSVERSIONINFOA)&osvi), "GetVersionExA");
    mask = VerSetConditionMask(0, VER_BUILDNUMBER, VER_EQUAL);
    CHECK(VerifyVersionInfoA(&osvi, VER_BUILDNUMBER, mask), "the build GetVersionEx reports is the running one");
    osvi.dwBuildNumber++;
    SetLastError(0);
    CHECK(!VerifyVersionInfoA(&osvi, VER_BUILDNUMBER, mask), "a later build is not");
    CHECK_EQ(GetLastError(), ERROR_OLD_WIN_VERSION, "... ERROR_OLD_WIN_VERSION");
    osvi.wProductType = VER_NT_WORKSTATION;
    mask = VerSetConditionMask(0, VER_PRODUCT_TYPE, VER_EQUAL);
    CHECK(VerifyVersionInfoA(&osvi, VER_PRODUCT_TYPE, mask), "a workstation");
    osvi.wProductType = VER_NT_SERVER;
    CHECK(!VerifyVersionInfoA(&osvi, VER_PRODUCT_TYPE, mask), "not a server");
    osvi.dwPlatformId = VER_PLATFORM_WIN32_NT;
    CHECK(VerifyVersionInfoA(&osvi, VER_PLATFORMID, VerSetConditionMask(0, VER_PLATFORMID, VER_EQUAL)),
          "the NT platform");
    osvi.wSuiteMask = VER_SUITE_SINGLEUSERTS;
    CHECK(VerifyVersionInfoA(&osvi, VER_SUITENAME, VerSetConditionMask(0, VER_SUITENAME, VER_AND)),
          "the single-user terminal services suite");

    /* The condition mask's encoding: three bits per field. */
    CHECK(VerSetConditionMask(0, VER_MINORVERSION, VER_GREATER_EQUAL) == 3, "minor version in bits 0-2");
    CHECK(VerSetConditionMask(0, VER_MAJORVERSION, VER_GREATER_EQUAL) == 3 << 3, "major version in bits 3-5");
    CHECK(VerSetConditionMask(0, VER_SERVICEPACKMAJOR, VER_EQUAL) == 1 << 15, "service pack major in bits 15-17");
    CHECK(VerSetConditionMask(5, 0, VER_EQUAL) == 5, "no field: the mask is unchanged");

    /* Bad arguments. */
    SetLastError(0);
    CHECK(!VerifyVersionInfoA(&osvi, 0, mask), "an empty type mask fails");
    CHECK_EQ(GetLastError(), ERROR_BAD_ARGUMENTS, "... ERROR_BAD_ARGUMENTS");
    SetLastError(0);
    CHECK(!VerifyVersionInfoA(&osvi, VER_MAJORVERSION, 0), "an empty condition mask fails");
    CHECK_EQ(GetLastError(), ERROR_BAD_ARGUMENTS, "... ERROR_BAD_ARGUMENTS");

    /* The W form reads the same fields after its 16-bit szCSDVersion. */
    ZeroMemory(&wide, sizeof(wide));
    wide.dwOSVersionInfoSize = sizeof(wide);
    wide.dwMajorVersion = 6;
    wide.wServicePackMajor = 1;
    mask = VerSetConditionMask(VerSetConditionMask(VerSetConditionMask(0, VER_MAJORVERSION, VER_GREATER_EQUAL),
                                                   VER_MINORVERSION, VER_GREATER_EQUAL),
                               VER_SERVICEPACKMAJOR, VER_GREATER_EQUAL);
    CHECK(VerifyVersionInfoW(&wide, VER_MAJORVERSION | VER_MINORVERSION | VER_SERVICEPACKMAJOR, mask),
          "VerifyVersionInfoW: Vista SP1 or later");
    wide.dwMajorVersion = 10;
    SetLastError(0);
    CHECK(!VerifyVersionInfoW(&wide, VER_MAJORVERSION | VER_MINORVERSION | VER_SERVICEPACKMAJOR, mask),
          "VerifyVersionInfoW: not Windows 10 SP1");
    CHECK_EQ(GetLastError(), ERROR_OLD_WIN_VERSION, "... ERROR_OLD_WIN_VERSION");
    return check_done();
}

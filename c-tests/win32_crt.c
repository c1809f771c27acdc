/* ws2mp-test: no-mingw */ /* __try/__except and MSVC CRT names that mingw-w64's gcc lacks */
/* The C-runtime and Win32 names Windows programs use next to Winsock, with only <windows.h>
 * included (as on Windows, it makes <ctype.h>, <string.h>, <stdlib.h>, ... visible). */
#include <windows.h>
#include <io.h>
#include "check.h"

static void test_crt_visible(void)
{
    char word[] = "MiXeD";
    CHECK(tolower('Q') == 'q' && isdigit('7') && isspace(' '), "ctype functions without <ctype.h>");
    CHECK(strlen(word) == 5 && atoi("42") == 42, "string and stdlib functions without their headers");
    CHECK_EQ(MAX_PATH, 260, "MAX_PATH is 260");
    CHECK(INVALID_HANDLE_VALUE == (HANDLE)(LONG_PTR)-1, "INVALID_HANDLE_VALUE is -1 as a HANDLE");
    CHECK_EQ(_countof(word), 6, "_countof counts array elements");
}

static void test_strings(void)
{
    char buf[16];
    char *dup;
    CHECK(_stricmp("Hello", "hELLO") == 0 && _stricmp("a", "B") < 0, "_stricmp ignores case");
    CHECK(_strnicmp("ABCdef", "abcXYZ", 3) == 0 && strnicmp("ab", "AC", 2) < 0, "_strnicmp / strnicmp");
    CHECK(stricmp("x", "X") == 0, "stricmp");
    dup = _strdup("copy");
    CHECK(dup != NULL && strcmp(dup, "copy") == 0, "_strdup");
    free(dup);
    strcpy(buf, "MiXeD");
    CHECK(strcmp(_strlwr(buf), "mixed") == 0, "_strlwr");
    CHECK(strcmp(_strupr(buf), "MIXED") == 0, "_strupr");
    CHECK_EQ(_strtoi64("-9000000000", NULL, 10), -9000000000LL, "_strtoi64 reads 64-bit values");
    CHECK_EQ(_strtoui64("ff", NULL, 16), 255, "_strtoui64");

    CHECK_EQ(sprintf_s(buf, sizeof(buf), "%d:%s", 7, "ok"), 4, "sprintf_s returns the length");
    CHECK(strcmp(buf, "7:ok") == 0, "... and formats");
    CHECK_EQ(sprintf_s(buf, 4, "%s", "toolong"), -1, "sprintf_s that cannot fit returns -1");
    CHECK(buf[0] == '\0', "... and leaves an empty string");
    CHECK_EQ(strcpy_s(buf, sizeof(buf), "abc"), 0, "strcpy_s copies");
    CHECK_EQ(strcat_s(buf, sizeof(buf), "def"), 0, "strcat_s appends");
    CHECK(strcmp(buf, "abcdef") == 0, "... giving abcdef");
    CHECK_EQ(strcat_s(buf, 8, "ghijk"), ERANGE, "strcat_s that cannot fit is ERANGE");
    CHECK(buf[0] == '\0', "... and empties the destination");
    CHECK_EQ(strcpy_s(buf, 3, "abc"), ERANGE, "strcpy_s that cannot fit is ERANGE");
    CHECK_EQ(strcpy_s(NULL, 3, "abc"), EINVAL, "strcpy_s to NULL is EINVAL");
    memset(buf, '#', sizeof(buf));
    CHECK_EQ(_snprintf(buf, 3, "%s", "abcdef"), -1, "_snprintf cut: -1");
    CHECK_EQ(_scprintf("%d-%d", 10, 200), 6, "_scprintf counts");

    CHECK_EQ(wsprintfA(buf, "%s-%d", "ab", 12), 5, "wsprintfA returns the length");
    CHECK(strcmp(buf, "ab-12") == 0, "... and formats");
    OutputDebugString("discarded without a debugger\n");
    CHECK_EQ(lstrlenA("four"), 4, "lstrlenA");
    CHECK_EQ(lstrlen(NULL), 0, "lstrlen(NULL) is 0");
    lstrcpyA(buf, "ab");
    lstrcatA(buf, "cd");
    CHECK(strcmp(buf, "abcd") == 0, "lstrcpyA / lstrcatA");
    lstrcpynA(buf, "abcdef", 4);
    CHECK(strcmp(buf, "abc") == 0, "lstrcpynA copies n - 1 characters and terminates");
    CHECK(lstrcmpA("abc", "abc") == 0 && lstrcmpA("abc", "abd") < 0, "lstrcmpA orders strings");
    CHECK(lstrcmpA("a", "B") < 0 && lstrcmpA("a", "A") < 0 && lstrcmpA("A", "b") < 0,
          "lstrcmpA sorts words: case-insensitively, then lowercase first");
    CHECK(lstrcmpiA("HeLLo", "hello") == 0, "lstrcmpiA ignores case");
    {
        WCHAR w[8];
        WCHAR ab[3];
        ab[0] = 'a';
        ab[1] = 'b';
        ab[2] = 0;
        lstrcpyW(w, ab);
        lstrcatW(w, ab);
        CHECK(lstrlenW(w) == 4 && w[2] == 'a' && w[4] == 0, "lstrcpyW / lstrcatW / lstrlenW over 16-bit WCHAR");
        CHECK(lstrcmpW(w, ab) > 0 && lstrcmpiW(ab, ab) == 0, "lstrcmpW / lstrcmpiW");
    }
}

static void test_memory_and_time(void)
{
    unsigned char secret[16];
    struct tm tm;
    time_t t = 86400 * 365;
    char *p;
    memset(secret, 0xAA, sizeof(secret));
    CHECK(SecureZeroMemory(secret, sizeof(secret)) == secret && secret[0] == 0 && secret[15] == 0,
          "SecureZeroMemory zeroes and returns the pointer");
    p = (char *)LocalAlloc(LPTR, 32);
    CHECK(p != NULL && p[31] == 0, "LocalAlloc(LPTR) gives zeroed memory");
    CHECK(LocalFree(p) == NULL, "LocalFree returns NULL");
    CHECK_EQ(gmtime_s(&tm, &t), 0, "gmtime_s(struct tm *, const time_t *) in Windows' order");
    CHECK(tm.tm_year == 71 && tm.tm_yday == 0, "... fills the broken-down time");
    CHECK_EQ(localtime_s(&tm, &t), 0, "localtime_s succeeds");
    CHECK_EQ(localtime_s(&tm, NULL), EINVAL, "localtime_s with a NULL time is EINVAL");
    CHECK_EQ(gmtime_s(NULL, &t), EINVAL, "gmtime_s with a NULL result is EINVAL");
}

static void test_version(void)
{
    OSVERSIONINFOEX ex;
    OSVERSIONINFOW w;
    OSVERSIONINFO plain;
    DWORD v = GetVersion();
    ZeroMemory(&ex, sizeof(ex));
    ex.dwOSVersionInfoSize = sizeof(ex);
    CHECK(GetVersionEx((LPOSVERSIONINFO)&ex), "GetVersionEx fills an OSVERSIONINFOEX");
    CHECK(ex.dwMajorVersion == 10 && ex.dwMinorVersion == 0 && ex.dwBuildNumber == 19045,
          "... Windows 10.0.19045");
    CHECK(ex.dwPlatformId == VER_PLATFORM_WIN32_NT && ex.wProductType == VER_NT_WORKSTATION,
          "... an NT workstation");
    CHECK(ex.szCSDVersion[0] == '\0' && ex.wServicePackMajor == 0, "... without a service pack");
    ZeroMemory(&plain, sizeof(plain));
    plain.dwOSVersionInfoSize = sizeof(plain);
    CHECK(GetVersionEx(&plain) && plain.dwBuildNumber == 19045, "GetVersionEx fills an OSVERSIONINFO");
    ZeroMemory(&w, sizeof(w));
    w.dwOSVersionInfoSize = sizeof(w);
    CHECK(GetVersionExW(&w) && w.dwMajorVersion == 10, "GetVersionExW fills an OSVERSIONINFOW");
    plain.dwOSVersionInfoSize = 12;
    SetLastError(0);
    CHECK(!GetVersionExA(&plain), "a wrong dwOSVersionInfoSize fails");
    CHECK_EQ(GetLastError(), ERROR_INSUFFICIENT_BUFFER, "... with ERROR_INSUFFICIENT_BUFFER");
    SetLastError(0);
    CHECK(!GetVersionExA(NULL) && GetLastError() == ERROR_INVALID_PARAMETER,
          "GetVersionEx(NULL) fails with ERROR_INVALID_PARAMETER");
    CHECK(LOBYTE(LOWORD(v)) == 10 && HIBYTE(LOWORD(v)) == 0 && HIWORD(v) == 19045, "GetVersion packs 10.0.19045");
}

static void test_io(void)
{
    int fd = _fileno(stdout);
    CHECK_EQ(_setmode(fd, _O_BINARY), _O_TEXT, "_setmode reports the previous mode, text");
    CHECK_EQ(_setmode(-1, _O_BINARY), -1, "_setmode on a bad descriptor fails");
    CHECK_EQ(_access("/", 0), 0, "_access finds an existing path");
    CHECK_EQ(_access("/no/such/path", 0), -1, "... not a missing one");
    CHECK_EQ(_isatty(-1), 0, "_isatty(-1) is 0");
}

static VOID unused(int x, int y)
{
    UNREFERENCED_PARAMETER(x);
    UNREFERENCED_PARAMETER(y);
}

#ifndef __cplusplus
/* MSVC's structured exception handling, on the path where nothing faults. */
static int seh_finally(int leave_early)
{
    int steps = 0;
    __try {
        steps += 1;
        if (leave_early)
            __leave;
        steps += 10;
    }
    __finally {
        steps += 100;
    }
    return steps;
}

static int seh_except(void)
{
    int handled = 0, ran = 0;
    __try {
        ran = 1;
    }
    __except (GetExceptionCode() == EXCEPTION_ACCESS_VIOLATION ? EXCEPTION_EXECUTE_HANDLER
                                                                : EXCEPTION_CONTINUE_SEARCH) {
        handled = 1;
    }
    return ran * 10 + handled;
}

/* __leave from inside a loop and a switch in the body (argument parsing, accept loops) leaves
 * the whole __try body, and a nested __try has a __leave of its own. */
static int seh_leave_from_depth(int where)
{
    int steps = 0, i;
    __try {
        for (i = 0; i < 3; i++) {
            switch (where) {
            case 1:
                __leave;
            default:
                break;
            }
            steps += 1;
            if (where == 2 && i == 1)
                __leave;
        }
        __try {
            steps += 10;
            __leave;
        }
        __finally {
            steps += 100;
        }
        steps += 1000;
    }
    __finally {
        steps += 10000;
    }
    return steps;
}

/* break in a __try body (with __except) leaves the loop around the __try, as on Windows. */
static int seh_break_in_loop(void)
{
    int n, rounds = 0;
    for (n = 0; n < 5; n++) {
        __try {
            rounds++;
            if (n == 2)
                break;
        }
        __except (EXCEPTION_EXECUTE_HANDLER) {
            rounds = -100;
        }
    }
    return rounds;
}

static void test_seh(void)
{
    CHECK_EQ(seh_finally(0), 111, "__try body then __finally");
    CHECK_EQ(seh_finally(1), 101, "__leave skips the rest of the body, __finally still runs");
    CHECK_EQ(seh_except(), 10, "__except handlers do not run when nothing faults");
    CHECK_EQ(seh_leave_from_depth(0), 11113, "nested __try: the inner __leave leaves the inner body only");
    CHECK_EQ(seh_leave_from_depth(1), 10000, "__leave inside a switch inside a loop leaves the whole body");
    CHECK_EQ(seh_leave_from_depth(2), 10002, "__leave inside a loop leaves the whole body");
    CHECK_EQ(seh_break_in_loop(), 3, "break in a __try body leaves the loop around it");
}
#endif

static void test_cxx_overloads(void)
{
#ifdef __cplusplus
    char buf[8];
    CHECK_EQ(sprintf_s(buf, "%d", 1234), 4, "C++ sprintf_s(buf, fmt, ...) takes the size from the array");
    CHECK_EQ(strcpy_s(buf, "abc"), 0, "C++ strcpy_s(buf, src)");
    CHECK_EQ(strcat_s(buf, "defgh"), ERANGE, "C++ strcat_s(buf, src) knows the size too");
    {
        wchar_t wbuf[4];
        size_t n = 0;
        strcpy_s(buf, "get");
        CHECK(_strupr_s(buf) == 0 && strcmp(buf, "GET") == 0, "C++ _strupr_s(buf)");
        CHECK(_strlwr_s(buf) == 0 && strcmp(buf, "get") == 0, "C++ _strlwr_s(buf)");
        CHECK_EQ(strncat_s(buf, " /index", _TRUNCATE), STRUNCATE, "C++ strncat_s(buf, src, _TRUNCATE) cuts at the array's end");
        CHECK(strcmp(buf, "get /in") == 0, "... keeping what fits");
        CHECK(mbstowcs_s(&n, wbuf, "abc", _TRUNCATE) == 0 && n == 4 && wbuf[2] == L'c', "C++ mbstowcs_s(&n, wbuf, src, count)");
        CHECK(wcstombs_s(&n, buf, wbuf, _TRUNCATE) == 0 && n == 4 && strcmp(buf, "abc") == 0, "C++ wcstombs_s(&n, buf, src, count)");
    }
    {
        FILE *in = tmpfile();
        fputs("GET /\nlonger than eight\n", in);
        fflush(in);
        rewind(in);
        _dup2(_fileno(in), 0);
        CHECK(gets_s(buf) == buf && strcmp(buf, "GET /") == 0, "C++ gets_s(buf) reads a line into the array");
        CHECK(gets_s(buf) == NULL && buf[0] == '\0', "... and refuses one longer than the array");
        fclose(in);
    }
    SetLastError(77);
    CHECK_EQ(::GetLastError(), 77, "::GetLastError() and ::SetLastError() are functions");
#endif
}

int main(void)
{
    unused(1, 2);
    test_crt_visible();
    test_strings();
    test_memory_and_time();
    test_version();
    test_io();
#ifndef __cplusplus
    test_seh();
#endif
    test_cxx_overloads();
    return check_done();
}

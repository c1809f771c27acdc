/* A server that installs an invalid-parameter handler which only logs (as long-running Windows
 * services do, so that a bad argument does not end the process), then compares header values
 * that may be missing: _stricmp, _strnicmp, _memicmp, _wcsicmp and _wcsnicmp with a NULL
 * string return _NLSCMPERROR and set errno to EINVAL once the handler returns, as Microsoft
 * documents. A count of 0 compares nothing (0, even with NULL), and _strnset_s of nothing into
 * no buffer is not an error. */
#include <winsock2.h>
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <errno.h>
#include "check.h"

static void ignore_bad_argument(const wchar_t *expr, const wchar_t *func, const wchar_t *file,
                                unsigned int line, uintptr_t reserved)
{
    (void)expr, (void)func, (void)file, (void)line, (void)reserved;
}

int main(void)
{
    const char *missing = NULL;
    const wchar_t *wmissing = NULL;

    _set_invalid_parameter_handler(ignore_bad_argument);

    CHECK_EQ(_NLSCMPERROR, 2147483647, "_NLSCMPERROR is INT_MAX");
    errno = 0;
    CHECK_EQ(_stricmp(missing, "keep-alive"), _NLSCMPERROR, "_stricmp with NULL: _NLSCMPERROR");
    CHECK_EQ(errno, EINVAL, "and errno EINVAL");
    errno = 0;
    CHECK_EQ(_strnicmp("Close", missing, 5), _NLSCMPERROR, "_strnicmp with NULL: _NLSCMPERROR");
    CHECK_EQ(errno, EINVAL, "and errno EINVAL");
    CHECK_EQ(_strnicmp(missing, missing, 0), 0, "_strnicmp of 0 characters compares nothing");
    errno = 0;
    CHECK_EQ(_memicmp(missing, "GET", 3), _NLSCMPERROR, "_memicmp with NULL: _NLSCMPERROR");
    CHECK_EQ(errno, EINVAL, "and errno EINVAL");
    CHECK_EQ(_memicmp(NULL, NULL, 0), 0, "_memicmp of 0 bytes is 0");
    CHECK_EQ(_memicmp("abc", "aBd", 2), 0, "_memicmp ignores case");
    CHECK_EQ(_memicmp("abc", "aBd", 3), -1, "and orders c before d");
    errno = 0;
    CHECK_EQ(_wcsicmp(wmissing, L"gzip"), _NLSCMPERROR, "_wcsicmp with NULL: _NLSCMPERROR");
    CHECK_EQ(errno, EINVAL, "and errno EINVAL");
    CHECK_EQ(_wcsnicmp(L"GZIP", wmissing, 0), 0, "_wcsnicmp of 0 characters compares nothing");
    CHECK_EQ(_wcsnicmp(L"GZIP", L"gzip, deflate", 4), 0, "_wcsnicmp ignores case");
    CHECK(_stricmp("Keep-Alive", "keep-alive") == 0, "_stricmp with two strings still compares");

    CHECK_EQ(_strnset_s(NULL, 0, '*', 0), 0, "_strnset_s of nothing into no buffer succeeds");
    errno = 0;
    CHECK(_strnset_s(NULL, 0, '*', 1) == EINVAL && errno == EINVAL, "with a count it is EINVAL");
    return check_done();
}

/*
 * ws2mp compat: <wchar.h> is the system's, followed by what Windows' <wchar.h> declares beside
 * it: wprintf & co. with Microsoft's format (%s a wide string, %S a narrow one:
 * ws2mp_wprintf.h) and the wide file calls (_wmkdir, _wunlink, _wstat, _wgetcwd, ...:
 * ws2mp_wfile.h). A strict C89 or C++98 unit gets the system's header alone.
 */
#pragma GCC system_header
#include_next <wchar.h>
#if !defined(__STRICT_ANSI__) || (defined(__STDC_VERSION__) && __STDC_VERSION__ >= 199901L) || \
    (defined(__cplusplus) && __cplusplus >= 201103L)
#include "ws2mp_wfile.h"
#include "ws2mp_wprintf.h"
#endif

/*
 * ws2mp compat: <time.h> is the system's, followed by the C runtime's Windows names that
 * Windows' <time.h> declares as well (sprintf_s, strcpy_s, _stricmp, localtime_s, ...: see
 * ws2mp_crt.h), for the files of a Windows program that include no Windows header. A strict
 * C89 or C++98 unit (no inline, no va_copy) gets the system's header alone.
 */
#pragma GCC system_header
/* `#define localtime_r(t, r) localtime_s(r, t)` (and gmtime_r) before any header, as programs
 * ported from POSIX do, is accepted by Windows' headers (which have no localtime_r): the
 * system's declarations are read without it. */
#pragma push_macro("localtime_r")
#pragma push_macro("gmtime_r")
#undef localtime_r
#undef gmtime_r
#include_next <time.h>
#pragma pop_macro("gmtime_r")
#pragma pop_macro("localtime_r")
#if !defined(__STRICT_ANSI__) || (defined(__STDC_VERSION__) && __STDC_VERSION__ >= 199901L) || \
    (defined(__cplusplus) && __cplusplus >= 201103L)
#include "ws2mp_crt.h"
#include "ws2mp_msformat.h"
#endif

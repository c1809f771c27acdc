/*
 * ws2mp compat: <stdio.h> is the system's, followed by the C runtime's Windows names that
 * Windows' <stdio.h> declares as well (sprintf_s, strcpy_s, _stricmp, localtime_s, ...: see
 * ws2mp_crt.h), for the files of a Windows program that include no Windows header, and wprintf
 * & co. with Microsoft's format (%s a wide string: ws2mp_wprintf.h). A strict
 * C89 or C++98 unit (no inline, no va_copy) gets the system's header alone.
 */
#pragma GCC system_header
/* `#define fileno _fileno`, `#define snprintf _snprintf`, `#define vsnprintf _vsnprintf` or
 * `#define popen _popen` (pclose, fdopen) before any header is accepted by Windows' headers: the system's declarations are read
 * without them. */
#pragma push_macro("fileno")
#pragma push_macro("snprintf")
#pragma push_macro("vsnprintf")
#pragma push_macro("_snprintf")
#pragma push_macro("_vsnprintf")
#pragma push_macro("popen")
#pragma push_macro("pclose")
#pragma push_macro("fdopen")
#undef popen
#undef pclose
#undef fdopen
#undef fileno
#undef snprintf
#undef vsnprintf
#undef _snprintf
#undef _vsnprintf
#include_next <stdio.h>
#pragma pop_macro("fdopen")
#pragma pop_macro("pclose")
#pragma pop_macro("popen")
#pragma pop_macro("_vsnprintf")
#pragma pop_macro("_snprintf")
#pragma pop_macro("vsnprintf")
#pragma pop_macro("snprintf")
#pragma pop_macro("fileno")
#if !defined(__STRICT_ANSI__) || (defined(__STDC_VERSION__) && __STDC_VERSION__ >= 199901L) || \
    (defined(__cplusplus) && __cplusplus >= 201103L)
#include "ws2mp_crt.h"
#include "ws2mp_msformat.h"
#include "ws2mp_wprintf.h"
#endif

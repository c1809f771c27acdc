/*
 * ws2mp compat: <string.h> is the system's, followed by the C runtime's Windows names that
 * Windows' <string.h> declares as well (sprintf_s, strcpy_s, _stricmp, localtime_s, ...: see
 * ws2mp_crt.h), for the files of a Windows program that include no Windows header. A strict
 * C89 or C++98 unit (no inline, no va_copy) gets the system's header alone.
 */
#pragma GCC system_header
/* Windows' C library has no strcasecmp or strtok_r, and legacy code maps POSIX names onto
 * Microsoft's before any header (`#define strcasecmp _stricmp`, `#define strtok_r strtok_s`,
 * `#define strdup _strdup`), which Windows' headers accept: the system's declarations are read
 * without those macros. */
#pragma push_macro("strcasecmp")
#pragma push_macro("strncasecmp")
#pragma push_macro("strdup")
#pragma push_macro("strtok_r")
#pragma push_macro("strerror_r")
#undef strerror_r
#undef strcasecmp
#undef strncasecmp
#undef strdup
#undef strtok_r
#include_next <string.h>
#pragma pop_macro("strerror_r")
#pragma pop_macro("strtok_r")
#pragma pop_macro("strdup")
#pragma pop_macro("strncasecmp")
#pragma pop_macro("strcasecmp")
#if !defined(__STRICT_ANSI__) || (defined(__STDC_VERSION__) && __STDC_VERSION__ >= 199901L) || \
    (defined(__cplusplus) && __cplusplus >= 201103L)
#include "ws2mp_crt.h"
#endif

/*
 * ws2mp compat: <stdlib.h> is the system's, followed by the C runtime's Windows names that
 * Windows' <stdlib.h> declares as well (sprintf_s, strcpy_s, _stricmp, localtime_s, ...: see
 * ws2mp_crt.h), for the files of a Windows program that include no Windows header. A strict
 * C89 or C++98 unit (no inline, no va_copy) gets the system's header alone.
 */
#pragma GCC system_header
/* `#define atoll _atoi64` (or strtoll / strtoull over _strtoi64 / _strtoui64) before any
 * header is accepted by Windows' headers: the system's declarations are read without it. */
#pragma push_macro("atoll")
#pragma push_macro("strtoll")
#pragma push_macro("strtoull")
#undef atoll
#undef strtoll
#undef strtoull
#include_next <stdlib.h>
#pragma pop_macro("strtoull")
#pragma pop_macro("strtoll")
#pragma pop_macro("atoll")
#if !defined(__STRICT_ANSI__) || (defined(__STDC_VERSION__) && __STDC_VERSION__ >= 199901L) || \
    (defined(__cplusplus) && __cplusplus >= 201103L)
#include "ws2mp_crt.h"
#endif

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
/* swscanf and vswscanf with Microsoft's wide scanf meanings (%s, %c and %[ fill wchar_t
 * buffers, %S and %hs char ones; ws2mp_crt.h), in C: the C library's declarations are read by
 * now. C++'s <cwchar> keeps the C library's. -DWS2MP_NO_MS_FORMAT keeps them in C too. */
#if !defined(__cplusplus) && !defined(WS2MP_NO_MS_FORMAT) && !defined(_MSC_VER)
#undef swscanf
#undef vswscanf
#define swscanf ws2mp_swscanf_
#define vswscanf ws2mp_vswscanf_
#endif
#endif

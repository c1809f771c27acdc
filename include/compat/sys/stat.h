/*
 * ws2mp compat: <sys/stat.h> is the system's; then stat, and so the C runtime's `_stat`,
 * `_stat64`, `_stati64` (which <windows.h> names after it), read `\` in a path as `/`, as
 * Microsoft's C library does: a web server stats "root\\sub\\index.htm" before opening it.
 * stat is a function-like macro over ws2mp_stat_ (a name without `\` goes to the C library's
 * stat untouched), so `struct stat` and `&stat` are the system's. A strict C89 or C++98 unit
 * gets the system's header alone, with the MSVC names (`struct _stat`, `_stat`, `_fstat`,
 * `_S_IFDIR`, ...: ws2mp_stat_names.h). The wide `_wstat` family comes from ws2mp_wfile.h.
 */
#pragma GCC system_header
#include_next <sys/stat.h>
#include "../ws2mp_stat_names.h"
#if !defined(WS2MP_COMPAT_SYS_STAT_H) &&                                                           \
    (!defined(__STRICT_ANSI__) || (defined(__STDC_VERSION__) && __STDC_VERSION__ >= 199901L) ||    \
     (defined(__cplusplus) && __cplusplus >= 201103L))
#define WS2MP_COMPAT_SYS_STAT_H
#include "../ws2mp_path.h"

#ifdef __cplusplus
extern "C" {
#endif
static inline int ws2mp_stat_(const char *name, struct stat *buf)
{
    int result_;
    WS2MP_WITH_SLASH_PATH_(name, stat(path_, buf));
    return result_;
}
#ifdef __cplusplus
}
#endif
#define stat(name, buf) ws2mp_stat_(name, buf)
#include "../ws2mp_wfile.h"
#endif

/*
 * ws2mp compat: <direct.h>: the C runtime's directory calls over POSIX. _mkdir makes the
 * directory with mode 0777 (less the umask), as Windows' has no mode argument; paths take `\`
 * as `/`. The wide forms (_wmkdir, _wrmdir, _wchdir, _wgetcwd) are ws2mp_wfile.h's.
 */
#ifndef WS2MP_COMPAT_DIRECT_H
#define WS2MP_COMPAT_DIRECT_H

#include <stddef.h>
#include <sys/types.h>
#include "ws2mp_path.h"

#ifdef __cplusplus
extern "C" {
#endif

#define WS2MP_DIRECT_STR2_(x) #x
#define WS2MP_DIRECT_STR_(x) WS2MP_DIRECT_STR2_(x)
char *ws2mp_direct_getcwd_(char *buf, size_t size) __asm__(WS2MP_DIRECT_STR_(__USER_LABEL_PREFIX__) "getcwd");
int ws2mp_direct_chdir_(const char *path) __asm__(WS2MP_DIRECT_STR_(__USER_LABEL_PREFIX__) "chdir");
int ws2mp_direct_mkdir_(const char *path, mode_t mode) __asm__(WS2MP_DIRECT_STR_(__USER_LABEL_PREFIX__) "mkdir");
int ws2mp_direct_rmdir_(const char *path) __asm__(WS2MP_DIRECT_STR_(__USER_LABEL_PREFIX__) "rmdir");

/* The working directory in buf (NULL: a malloc'd buffer of at least maxlen bytes). */
static inline char *_getcwd(char *buf, int maxlen)
{
    return ws2mp_direct_getcwd_(buf, maxlen < 0 ? 0 : (size_t)maxlen);
}
/* Paths take `\` as `/`, as Microsoft's C library reads them (ws2mp_path.h). */
static inline int _chdir(const char *path)
{
    int result_;
    WS2MP_WITH_SLASH_PATH_(path, ws2mp_direct_chdir_(path_));
    return result_;
}
static inline int _mkdir(const char *path)
{
    int result_;
    WS2MP_WITH_SLASH_PATH_(path, ws2mp_direct_mkdir_(path_, 0777));
    return result_;
}
static inline int _rmdir(const char *path)
{
    int result_;
    WS2MP_WITH_SLASH_PATH_(path, ws2mp_direct_rmdir_(path_));
    return result_;
}

#ifdef __cplusplus
}
#endif

/* _wmkdir, _wrmdir, _wchdir, _wgetcwd (and the rest of the wide file calls). */
#include "ws2mp_wfile.h"

#endif /* WS2MP_COMPAT_DIRECT_H */

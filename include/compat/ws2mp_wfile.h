/*
 * ws2mp compat (internal): the wide C runtime's file and directory calls, declared where
 * Windows declares them: _wunlink, _waccess, _wchmod (<io.h>), _wmkdir, _wrmdir, _wchdir,
 * _wgetcwd (<direct.h>), _wstat, _wstat32, _wstat64, _wstati64, _wstat64i32 (<sys/stat.h>),
 * all of them (<wchar.h>). The wchar_t path (32-bit, UTF-32, on Linux and macOS) becomes the
 * system's UTF-8 file name (ws2mp_wcs_utf8_ of ws2mp_path.h), then the narrow call, so `\`
 * reads as `/` and the results and errno values are the narrow forms': -1 with errno EINVAL
 * for a NULL path, ENAMETOOLONG when the name's UTF-8 does not fit in 4 KiB. _wgetcwd gives
 * the directory decoded from UTF-8 (NULL with ERANGE when it does not fit `maxlen` characters
 * with its NUL; a NULL buffer is malloc'd, at least `maxlen` characters long). A strict C89
 * or C++98 unit gets none of them (they are static inline functions).
 */
#if !defined(WS2MP_COMPAT_WFILE_H) &&                                                              \
    (!defined(__STRICT_ANSI__) || (defined(__STDC_VERSION__) && __STDC_VERSION__ >= 199901L) ||    \
     (defined(__cplusplus) && __cplusplus >= 201103L))
#define WS2MP_COMPAT_WFILE_H

#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <sys/types.h>
#include <sys/stat.h>
#include "ws2mp_path.h"
#include "ws2mp_stat_names.h"

#ifdef __cplusplus
extern "C" {
#endif

#define WS2MP_WFILE_STR2_(x) #x
#define WS2MP_WFILE_STR_(x) WS2MP_WFILE_STR2_(x)
/* The C library's calls under private names: this header brings neither <unistd.h> nor
 * <direct.h> (which may be half-read when a program's first include leads here). */
int ws2mp_wfile_unlink_(const char *path) __asm__(WS2MP_WFILE_STR_(__USER_LABEL_PREFIX__) "unlink");
int ws2mp_wfile_access_(const char *path, int mode) __asm__(WS2MP_WFILE_STR_(__USER_LABEL_PREFIX__) "access");
int ws2mp_wfile_mkdir_(const char *path, mode_t mode) __asm__(WS2MP_WFILE_STR_(__USER_LABEL_PREFIX__) "mkdir");
int ws2mp_wfile_rmdir_(const char *path) __asm__(WS2MP_WFILE_STR_(__USER_LABEL_PREFIX__) "rmdir");
int ws2mp_wfile_chdir_(const char *path) __asm__(WS2MP_WFILE_STR_(__USER_LABEL_PREFIX__) "chdir");
char *ws2mp_wfile_getcwd_(char *buf, size_t size) __asm__(WS2MP_WFILE_STR_(__USER_LABEL_PREFIX__) "getcwd");

/* `path` (a wchar_t string) as UTF-8 in `p_`, then `call`; -1 with errno EINVAL for NULL,
 * ENAMETOOLONG for a name too long. */
#define WS2MP_WFILE_CALL_(path, call)                                                             \
    do {                                                                                           \
        char p_[4096];                                                                             \
        if ((path) == NULL) {                                                                      \
            errno = EINVAL;                                                                        \
            return -1;                                                                             \
        }                                                                                          \
        if (ws2mp_wcs_utf8_((path), p_, sizeof(p_)) != 0) {                                        \
            errno = ENAMETOOLONG;                                                                  \
            return -1;                                                                             \
        }                                                                                          \
        return (call);                                                                             \
    } while (0)

static inline int ws2mp_wfile_unlink_slash_(const char *name)
{
    int result_;
    WS2MP_WITH_SLASH_PATH_(name, ws2mp_wfile_unlink_(path_));
    return result_;
}
static inline int ws2mp_wfile_access_slash_(const char *name, int mode)
{
    int result_;
    if (mode & ~6) { /* 0 exists, 2 write, 4 read, 6 both, as _access */
        errno = EINVAL;
        return -1;
    }
    WS2MP_WITH_SLASH_PATH_(name, ws2mp_wfile_access_(path_, mode));
    return result_;
}
static inline int ws2mp_wfile_mkdir_slash_(const char *name)
{
    int result_;
    WS2MP_WITH_SLASH_PATH_(name, ws2mp_wfile_mkdir_(path_, 0777)); /* as _mkdir */
    return result_;
}
static inline int ws2mp_wfile_rmdir_slash_(const char *name)
{
    int result_;
    WS2MP_WITH_SLASH_PATH_(name, ws2mp_wfile_rmdir_(path_));
    return result_;
}
static inline int ws2mp_wfile_chdir_slash_(const char *name)
{
    int result_;
    WS2MP_WITH_SLASH_PATH_(name, ws2mp_wfile_chdir_(path_));
    return result_;
}
static inline int ws2mp_wfile_chmod_slash_(const char *name, int mode)
{
    int result_;
    WS2MP_WITH_SLASH_PATH_(name, chmod(path_, (mode_t)mode));
    return result_;
}
static inline int ws2mp_wfile_stat_slash_(const char *name, struct stat *buf)
{
    int result_;
    WS2MP_WITH_SLASH_PATH_(name, (stat)(path_, buf));
    return result_;
}

static inline int _wunlink(const wchar_t *path)
{
    WS2MP_WFILE_CALL_(path, ws2mp_wfile_unlink_slash_(p_));
}
static inline int _waccess(const wchar_t *path, int mode)
{
    WS2MP_WFILE_CALL_(path, ws2mp_wfile_access_slash_(p_, mode));
}
static inline int _wchmod(const wchar_t *path, int mode)
{
    WS2MP_WFILE_CALL_(path, ws2mp_wfile_chmod_slash_(p_, mode));
}
static inline int _wmkdir(const wchar_t *path)
{
    WS2MP_WFILE_CALL_(path, ws2mp_wfile_mkdir_slash_(p_));
}
static inline int _wrmdir(const wchar_t *path)
{
    WS2MP_WFILE_CALL_(path, ws2mp_wfile_rmdir_slash_(p_));
}
static inline int _wchdir(const wchar_t *path)
{
    WS2MP_WFILE_CALL_(path, ws2mp_wfile_chdir_slash_(p_));
}
/* `struct _stat` and its relatives are all `struct stat` here (ws2mp_stat_names.h). */
static inline int ws2mp_wstat_(const wchar_t *path, struct stat *buf)
{
    if (buf == NULL) {
        errno = EINVAL;
        return -1;
    }
    WS2MP_WFILE_CALL_(path, ws2mp_wfile_stat_slash_(p_, buf));
}
#define _wstat ws2mp_wstat_
#define _wstat32 ws2mp_wstat_
#define _wstat64 ws2mp_wstat_
#define _wstati64 ws2mp_wstat_
#define _wstat64i32 ws2mp_wstat_
#undef WS2MP_WFILE_CALL_

static inline wchar_t *_wgetcwd(wchar_t *buf, int maxlen)
{
    char *cwd;
    size_t need;
    if (buf != NULL && maxlen <= 0) {
        errno = EINVAL;
        return NULL;
    }
    cwd = ws2mp_wfile_getcwd_(NULL, 0);
    if (cwd == NULL)
        return NULL;
    need = ws2mp_utf8_wcs_(cwd, NULL) + 1;
    if (buf == NULL) {
        size_t n = need > (size_t)(maxlen > 0 ? maxlen : 0) ? need : (size_t)maxlen;
        buf = (wchar_t *)malloc(n * sizeof(wchar_t));
        if (buf == NULL) {
            free(cwd);
            errno = ENOMEM;
            return NULL;
        }
    } else if (need > (size_t)maxlen) {
        free(cwd);
        errno = ERANGE;
        return NULL;
    }
    ws2mp_utf8_wcs_(cwd, buf);
    free(cwd);
    return buf;
}

#ifdef __cplusplus
}
#endif

#endif /* WS2MP_COMPAT_WFILE_H */

/*
 * ws2mp compat: Windows' path separator for the C runtime's file calls. Microsoft's C library
 * reads `\` in a path as `/` (a server opens ".\\www\\index.htm", stats "root\\sub"); the
 * system's would look for a name holding backslashes. ws2mp_slash_path_ gives the name with
 * `/` for `\`: `name` itself when it has none, else a copy in `buf` (`cap` bytes) or, when
 * longer, in `*owned` (malloc'd, for the caller to free). A drive letter is not translated,
 * as in CreateFile. Used by fopen/freopen, remove/rename (ws2mp_msformat.h), stat and the
 * `_stat` family (<sys/stat.h>), _access/_unlink/_chmod/_open/_sopen/_creat (<io.h>),
 * _mkdir/_rmdir/_chdir (<direct.h>), SetCurrentDirectory (<windows.h>) and the _exec family
 * (<process.h>).
 */
/* The includes come before the guard: <stdlib.h> brings <stdio.h>, whose fopen uses this header,
 * and that inner inclusion must define ws2mp_slash_path_ first (when <sys/stat.h> or <direct.h>
 * is a program's first include). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#ifndef WS2MP_COMPAT_PATH_H
#define WS2MP_COMPAT_PATH_H

static inline char *ws2mp_slash_path_(const char *name, char *buf, size_t cap, char **owned)
{
    size_t i, n;
    char *out = buf;
    *owned = NULL;
    if (name == NULL || strchr(name, '\\') == NULL)
        return (char *)name;
    n = strlen(name);
    if (n >= cap) {
        out = *owned = (char *)malloc(n + 1);
        if (out == NULL)
            return (char *)name;
    }
    for (i = 0; i <= n; i++)
        out[i] = name[i] == '\\' ? '/' : name[i];
    return out;
}

/* Calls `call` (an expression using `path_`, an int result) with `name`'s slashed copy and
 * keeps errno across the copy's free. */
#define WS2MP_WITH_SLASH_PATH_(name, call)                                                        \
    do {                                                                                           \
        char path_buf_[260], *path_owned_;                                                         \
        const char *path_ = ws2mp_slash_path_((name), path_buf_, sizeof(path_buf_), &path_owned_); \
        int path_errno_;                                                                           \
        result_ = (call);                                                                          \
        path_errno_ = errno;                                                                       \
        free(path_owned_);                                                                         \
        errno = path_errno_;                                                                       \
    } while (0)

/* remove and rename with `\` read as `/`, as Microsoft's C library reads them: the C
 * library's functions under private names (this header does not need <stdio.h>). C units
 * call them as remove and rename (ws2mp_msformat.h), _tremove and _trename (<tchar.h>) in C
 * and C++. */
#define WS2MP_PATH_STR2_(x) #x
#define WS2MP_PATH_STR_(x) WS2MP_PATH_STR2_(x)
#ifdef __cplusplus
extern "C" {
#endif
int ws2mp_c_remove_(const char *name) __asm__(WS2MP_PATH_STR_(__USER_LABEL_PREFIX__) "remove");
int ws2mp_c_rename_(const char *from, const char *to)
    __asm__(WS2MP_PATH_STR_(__USER_LABEL_PREFIX__) "rename");
#ifdef __cplusplus
}
#endif

static inline int ws2mp_remove_(const char *name)
{
    int result_;
    WS2MP_WITH_SLASH_PATH_(name, ws2mp_c_remove_(path_));
    return result_;
}

static inline int ws2mp_rename_(const char *from, const char *to)
{
    char to_buf[260], *to_owned;
    const char *to_path = ws2mp_slash_path_(to, to_buf, sizeof(to_buf), &to_owned);
    int result_, saved;
    WS2MP_WITH_SLASH_PATH_(from, ws2mp_c_rename_(path_, to_path));
    saved = errno;
    free(to_owned);
    errno = saved;
    return result_;
}

/* The C library's wchar_t strings (32-bit on Linux and macOS, UTF-32) and the system's UTF-8
 * file names, both ways: the conversions behind the wide C runtime calls (_wfopen, _wremove,
 * _wgetenv in ws2mp_crt.h; _wmkdir, _wunlink, _wstat & co. in ws2mp_wfile.h). */
static inline int ws2mp_wcs_utf8_(const wchar_t *s, char *out, size_t cap)
{
    size_t n = 0;
    for (; *s; s++) {
        unsigned long c = (unsigned long)*s;
        if (c > 0x10FFFFul || (c >= 0xD800ul && c <= 0xDFFFul))
            c = 0xFFFDul;
        if (n + 5 > cap)
            return -1;
        if (c < 0x80) {
            out[n++] = (char)c;
        } else if (c < 0x800) {
            out[n++] = (char)(0xC0 | (c >> 6));
            out[n++] = (char)(0x80 | (c & 0x3F));
        } else if (c < 0x10000) {
            out[n++] = (char)(0xE0 | (c >> 12));
            out[n++] = (char)(0x80 | ((c >> 6) & 0x3F));
            out[n++] = (char)(0x80 | (c & 0x3F));
        } else {
            out[n++] = (char)(0xF0 | (c >> 18));
            out[n++] = (char)(0x80 | ((c >> 12) & 0x3F));
            out[n++] = (char)(0x80 | ((c >> 6) & 0x3F));
            out[n++] = (char)(0x80 | (c & 0x3F));
        }
    }
    out[n] = '\0';
    return 0;
}
/* UTF-8 into wchar_t (a malformed sequence is U+FFFD); returns the characters written. */
static inline size_t ws2mp_utf8_wcs_(const char *s, wchar_t *out)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t n = 0;
    while (*u) {
        unsigned long c = *u++;
        int more = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0, i;
        if (c >= 0x80 && more == 0) {
            c = 0xFFFDul;
        } else if (more > 0) {
            c &= 0x3Ful >> more;
            for (i = 0; i < more; i++) {
                if ((*u & 0xC0) != 0x80) {
                    c = 0xFFFDul;
                    break;
                }
                c = (c << 6) | (*u++ & 0x3Ful);
            }
        }
        if (out != NULL)
            out[n] = (wchar_t)c;
        n++;
    }
    if (out != NULL)
        out[n] = 0;
    return n;
}
#endif /* WS2MP_COMPAT_PATH_H */

/*
 * ws2mp compat: Windows' path separator for the C runtime's file calls. Microsoft's C library
 * reads `\` in a path as `/` (a server opens ".\\www\\index.htm", stats "root\\sub"); the
 * system's would look for a name holding backslashes. ws2mp_slash_path_ gives the name with
 * `/` for `\`: `name` itself when it has none, else a copy in `buf` (`cap` bytes) or, when
 * longer, in `*owned` (malloc'd, for the caller to free). A drive letter is not translated,
 * as in CreateFile. Used by fopen/freopen (ws2mp_msformat.h), stat and the `_stat` family
 * (<sys/stat.h>), _access/_unlink/_chmod (<io.h>) and _mkdir/_rmdir/_chdir (<direct.h>).
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

#endif /* WS2MP_COMPAT_PATH_H */

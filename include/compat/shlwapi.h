/*
 * ws2mp compat: <shlwapi.h>: the path and string helpers programs use to build file names
 * and parse commands (header-only; no shlwapi library to link).
 *
 * Paths are Windows-style strings: '\' separates (and '/' is read as one too), so
 * PathAppend("dir", "file") gives "dir\file", which ws2mp's file calls accept. A path may
 * hold MAX_PATH characters with its NUL, as the A functions require. PathFileExists and
 * PathIsDirectory ask the file system through GetFileAttributesA. The W forms take UTF-16
 * (what the A forms do, over the strings' UTF-8 form; case is compared for ASCII letters).
 */
#ifndef WS2MP_COMPAT_SHLWAPI_H
#define WS2MP_COMPAT_SHLWAPI_H

#include "windows.h"
#include "fileapi.h"

#ifdef __cplusplus
extern "C" {
#endif

static inline int ws2mp_is_sep_(char c)
{
    return c == '\\' || c == '/';
}

/* The file name part: after the last separator (or the drive's colon). */
static inline LPSTR PathFindFileNameA(LPCSTR path)
{
    LPCSTR name = path;
    if (path == NULL)
        return NULL;
    for (; *path; path++)
        if ((ws2mp_is_sep_(*path) || *path == ':') && path[1] != '\0' && !ws2mp_is_sep_(path[1]))
            name = path + 1;
    return (LPSTR)name;
}

/* The extension with its dot, or the string's end when there is none. */
static inline LPSTR PathFindExtensionA(LPCSTR path)
{
    LPCSTR dot = NULL;
    if (path == NULL)
        return NULL;
    for (; *path; path++) {
        if (*path == '.')
            dot = path;
        else if (ws2mp_is_sep_(*path) || *path == ' ')
            dot = NULL;
    }
    return (LPSTR)(dot != NULL ? dot : path);
}

static inline BOOL PathFileExistsA(LPCSTR path)
{
    return path != NULL && GetFileAttributesA(path) != INVALID_FILE_ATTRIBUTES;
}

static inline BOOL PathIsDirectoryA(LPCSTR path)
{
    DWORD a = path != NULL ? GetFileAttributesA(path) : INVALID_FILE_ATTRIBUTES;
    return a != INVALID_FILE_ATTRIBUTES && (a & FILE_ATTRIBUTE_DIRECTORY) != 0;
}

/* TRUE for "C:\...", "\\server\...", "\..." or "/...". */
static inline BOOL PathIsRelativeA(LPCSTR path)
{
    if (path == NULL || path[0] == '\0')
        return TRUE;
    if (ws2mp_is_sep_(path[0]))
        return FALSE;
    return !(isalpha((unsigned char)path[0]) && path[1] == ':');
}

/* Adds a backslash unless the path ends with a separator; the new end, or NULL when full. */
static inline LPSTR PathAddBackslashA(LPSTR path)
{
    size_t n = strlen(path);
    if (n > 0 && ws2mp_is_sep_(path[n - 1]))
        return path + n;
    if (n + 2 > MAX_PATH)
        return NULL;
    path[n] = '\\';
    path[n + 1] = '\0';
    return path + n + 1;
}

/* Removes the trailing file name (and its separator); TRUE when something was removed. */
static inline BOOL PathRemoveFileSpecA(LPSTR path)
{
    LPSTR name, cut;
    size_t n;
    if (path == NULL || path[0] == '\0')
        return FALSE;
    n = strlen(path);
    /* "dir\": only the trailing separator goes (not a root's: "\", "C:\"). */
    if (n > 1 && ws2mp_is_sep_(path[n - 1]) && !(n == 3 && path[1] == ':')) {
        path[n - 1] = '\0';
        return TRUE;
    }
    name = PathFindFileNameA(path);
    if (name == path) {
        if (ws2mp_is_sep_(path[0]) && path[1] != '\0') {
            path[1] = '\0';
            return TRUE;
        }
        if (ws2mp_is_sep_(path[0]))
            return FALSE;
        path[0] = '\0';
        return TRUE;
    }
    cut = name;
    /* Keep the root's separator ("\", "C:\"). */
    if (cut - 1 > path && ws2mp_is_sep_(cut[-1]) && cut[-2] != ':')
        cut--;
    *cut = '\0';
    return TRUE;
}

/* Removes everything but the file name. */
static inline void PathStripPathA(LPSTR path)
{
    LPSTR name = PathFindFileNameA(path);
    if (name != NULL && name != path)
        memmove(path, name, strlen(name) + 1);
}

static inline void PathRemoveExtensionA(LPSTR path)
{
    LPSTR ext = PathFindExtensionA(path);
    if (ext != NULL)
        *ext = '\0';
}

/* Replaces (or adds) the extension; FALSE when the result would not fit in MAX_PATH. */
static inline BOOL PathRenameExtensionA(LPSTR path, LPCSTR ext)
{
    LPSTR old = PathFindExtensionA(path);
    if ((size_t)(old - path) + strlen(ext) + 1 > MAX_PATH)
        return FALSE;
    strcpy(old, ext);
    return TRUE;
}

/* "dir" + "more": "dir\more" (one separator between them); FALSE when it does not fit. */
static inline BOOL PathAppendA(LPSTR path, LPCSTR more)
{
    size_t n;
    if (path == NULL || more == NULL)
        return FALSE;
    while (ws2mp_is_sep_(*more))
        more++;
    n = strlen(path);
    if (n + 1 + strlen(more) + 1 > MAX_PATH)
        return FALSE;
    if (n > 0 && !ws2mp_is_sep_(path[n - 1]) && *more != '\0')
        path[n++] = '\\';
    strcpy(path + n, more);
    return TRUE;
}

/* dir and file joined into dest (file alone when it is absolute); NULL when it does not fit. */
static inline LPSTR PathCombineA(LPSTR dest, LPCSTR dir, LPCSTR file)
{
    char tmp[MAX_PATH];
    if (dest == NULL || (dir == NULL && file == NULL))
        return NULL;
    if (file != NULL && !PathIsRelativeA(file)) {
        if (strlen(file) + 1 > MAX_PATH)
            return NULL;
        strcpy(tmp, file);
    } else {
        if (dir != NULL && strlen(dir) + 1 > MAX_PATH)
            return NULL;
        strcpy(tmp, dir != NULL ? dir : "");
        if (file != NULL && !PathAppendA(tmp, file))
            return NULL;
    }
    strcpy(dest, tmp);
    return dest;
}

/* The string functions. */
static inline LPSTR StrStrIA(LPCSTR haystack, LPCSTR needle)
{
    size_t n;
    if (haystack == NULL || needle == NULL)
        return NULL;
    n = strlen(needle);
    for (; *haystack; haystack++)
        if (ws2mp_strncasecmp_(haystack, needle, n) == 0)
            return (LPSTR)haystack;
    return n == 0 ? (LPSTR)haystack : NULL;
}

static inline int StrCmpIA(LPCSTR a, LPCSTR b)
{
    return ws2mp_strcasecmp_(a, b);
}

static inline int StrCmpNIA(LPCSTR a, LPCSTR b, int n)
{
    return ws2mp_strncasecmp_(a, b, (size_t)n);
}

/* The decimal number at the string's start (a sign allowed), 0 when there is none. */
static inline int StrToIntA(LPCSTR s)
{
    return s != NULL ? atoi(s) : 0;
}

/* Removes the characters of trim from both ends; TRUE when any was removed. */
static inline BOOL StrTrimA(LPSTR s, LPCSTR trim)
{
    size_t start = 0, end = strlen(s);
    while (s[start] && strchr(trim, s[start]) != NULL)
        start++;
    while (end > start && strchr(trim, s[end - 1]) != NULL)
        end--;
    if (start == 0 && end == strlen(s))
        return FALSE;
    memmove(s, s + start, end - start);
    s[end - start] = '\0';
    return TRUE;
}

/* ---- the W forms: the A functions over the UTF-8 form of the strings ---------------------- */
#define WS2MP_WPATH_BYTES_ (MAX_PATH * 4)
static inline int ws2mp_w2a_(LPCWSTR w, char *a, int cap)
{
    return WideCharToMultiByte(65001, 0, w, -1, a, cap, NULL, NULL) > 0;
}
/* The WCHAR in `w` that the byte `at` of its UTF-8 form `a` starts. */
static inline LPWSTR ws2mp_w_at_(LPCWSTR w, const char *a, const char *at)
{
    return (LPWSTR)w + (at > a ? MultiByteToWideChar(65001, 0, a, (int)(at - a), NULL, 0) : 0);
}
/* Writes the UTF-8 path `a` back into the MAX_PATH WCHARs of `w`; FALSE when it does not fit. */
static inline BOOL ws2mp_a2w_path_(const char *a, LPWSTR w)
{
    int need = MultiByteToWideChar(65001, 0, a, -1, NULL, 0);
    if (need <= 0 || need > MAX_PATH)
        return FALSE;
    MultiByteToWideChar(65001, 0, a, -1, w, MAX_PATH);
    return TRUE;
}
static inline LPWSTR PathFindFileNameW(LPCWSTR path)
{
    char a[WS2MP_WPATH_BYTES_];
    if (path == NULL || !ws2mp_w2a_(path, a, sizeof a))
        return (LPWSTR)path;
    return ws2mp_w_at_(path, a, PathFindFileNameA(a));
}
static inline LPWSTR PathFindExtensionW(LPCWSTR path)
{
    char a[WS2MP_WPATH_BYTES_];
    if (path == NULL || !ws2mp_w2a_(path, a, sizeof a))
        return (LPWSTR)path;
    return ws2mp_w_at_(path, a, PathFindExtensionA(a));
}
static inline BOOL PathFileExistsW(LPCWSTR path)
{
    char a[WS2MP_WPATH_BYTES_];
    return path != NULL && ws2mp_w2a_(path, a, sizeof a) && PathFileExistsA(a);
}
static inline BOOL PathIsDirectoryW(LPCWSTR path)
{
    char a[WS2MP_WPATH_BYTES_];
    return path != NULL && ws2mp_w2a_(path, a, sizeof a) && PathIsDirectoryA(a);
}
static inline BOOL PathIsRelativeW(LPCWSTR path)
{
    if (path == NULL || path[0] == 0)
        return TRUE;
    if (path[0] == '\\' || path[0] == '/')
        return FALSE;
    return !(path[0] < 0x80 && isalpha(path[0]) && path[1] == ':');
}
static inline LPWSTR PathAddBackslashW(LPWSTR path)
{
    size_t n = (size_t)ws2mp_wcslen16_(path);
    if (n > 0 && (path[n - 1] == '\\' || path[n - 1] == '/'))
        return path + n;
    if (n + 2 > MAX_PATH)
        return NULL;
    path[n] = '\\';
    path[n + 1] = 0;
    return path + n + 1;
}
static inline BOOL PathRemoveFileSpecW(LPWSTR path)
{
    char a[WS2MP_WPATH_BYTES_];
    BOOL removed;
    if (path == NULL || !ws2mp_w2a_(path, a, sizeof a))
        return FALSE;
    removed = PathRemoveFileSpecA(a);
    return ws2mp_a2w_path_(a, path) && removed;
}
static inline void PathStripPathW(LPWSTR path)
{
    char a[WS2MP_WPATH_BYTES_];
    if (path != NULL && ws2mp_w2a_(path, a, sizeof a)) {
        PathStripPathA(a);
        ws2mp_a2w_path_(a, path);
    }
}
static inline void PathRemoveExtensionW(LPWSTR path)
{
    LPWSTR ext = PathFindExtensionW(path);
    if (ext != NULL)
        *ext = 0;
}
static inline BOOL PathRenameExtensionW(LPWSTR path, LPCWSTR ext)
{
    char a[WS2MP_WPATH_BYTES_], e[WS2MP_WPATH_BYTES_];
    if (path == NULL || ext == NULL || !ws2mp_w2a_(path, a, sizeof a) || !ws2mp_w2a_(ext, e, sizeof e))
        return FALSE;
    return PathRenameExtensionA(a, e) && ws2mp_a2w_path_(a, path);
}
static inline BOOL PathAppendW(LPWSTR path, LPCWSTR more)
{
    char a[WS2MP_WPATH_BYTES_], m[WS2MP_WPATH_BYTES_];
    if (path == NULL || more == NULL || !ws2mp_w2a_(path, a, sizeof a) || !ws2mp_w2a_(more, m, sizeof m))
        return FALSE;
    return PathAppendA(a, m) && ws2mp_a2w_path_(a, path);
}
static inline LPWSTR PathCombineW(LPWSTR dest, LPCWSTR dir, LPCWSTR file)
{
    char d[WS2MP_WPATH_BYTES_], f[WS2MP_WPATH_BYTES_], out[MAX_PATH];
    if (dest == NULL || (dir == NULL && file == NULL) || (dir != NULL && !ws2mp_w2a_(dir, d, sizeof d)) ||
        (file != NULL && !ws2mp_w2a_(file, f, sizeof f)))
        return NULL;
    if (PathCombineA(out, dir ? d : NULL, file ? f : NULL) == NULL || !ws2mp_a2w_path_(out, dest))
        return NULL;
    return dest;
}
static inline LPWSTR StrStrIW(LPCWSTR haystack, LPCWSTR needle)
{
    size_t i, j;
    if (haystack == NULL || needle == NULL)
        return NULL;
    for (i = 0;; i++) {
        for (j = 0; needle[j] && ws2mp_wlower_(haystack[i + j]) == ws2mp_wlower_(needle[j]); j++)
            ;
        if (needle[j] == 0)
            return (LPWSTR)haystack + i;
        if (haystack[i] == 0)
            return NULL;
    }
}
static inline int StrCmpNIW(LPCWSTR a, LPCWSTR b, int n)
{
    int i;
    for (i = 0; i < n; i++) {
        WCHAR x = ws2mp_wlower_(a[i]), y = ws2mp_wlower_(b[i]);
        if (x != y)
            return x < y ? -1 : 1;
        if (x == 0)
            break;
    }
    return 0;
}
static inline int StrCmpIW(LPCWSTR a, LPCWSTR b)
{
    return StrCmpNIW(a, b, INT_MAX);
}
static inline int StrToIntW(LPCWSTR s)
{
    char a[64];
    int i;
    if (s == NULL)
        return 0;
    for (i = 0; i < 63 && s[i] && s[i] < 0x80; i++)
        a[i] = (char)s[i];
    a[i] = '\0';
    return atoi(a);
}
static inline BOOL StrTrimW(LPWSTR s, LPCWSTR trim)
{
    size_t start = 0, end = (size_t)ws2mp_wcslen16_(s), len = end, k;
    int found;
    for (;; start++) {
        for (found = 0, k = 0; trim[k]; k++)
            found |= s[start] == trim[k];
        if (!found || s[start] == 0)
            break;
    }
    for (; end > start; end--) {
        for (found = 0, k = 0; trim[k]; k++)
            found |= s[end - 1] == trim[k];
        if (!found)
            break;
    }
    if (start == 0 && end == len)
        return FALSE;
    memmove(s, s + start, (end - start) * sizeof(WCHAR));
    s[end - start] = 0;
    return TRUE;
}

#ifdef UNICODE
#define PathFindFileName PathFindFileNameW
#define PathFindExtension PathFindExtensionW
#define PathFileExists PathFileExistsW
#define PathIsDirectory PathIsDirectoryW
#define PathIsRelative PathIsRelativeW
#define PathAddBackslash PathAddBackslashW
#define PathRemoveFileSpec PathRemoveFileSpecW
#define PathStripPath PathStripPathW
#define PathRemoveExtension PathRemoveExtensionW
#define PathRenameExtension PathRenameExtensionW
#define PathAppend PathAppendW
#define PathCombine PathCombineW
#define StrStrI StrStrIW
#define StrCmpI StrCmpIW
#define StrCmpNI StrCmpNIW
#define StrToInt StrToIntW
#define StrTrim StrTrimW
#else
#define PathFindFileName PathFindFileNameA
#define PathFindExtension PathFindExtensionA
#define PathFileExists PathFileExistsA
#define PathIsDirectory PathIsDirectoryA
#define PathIsRelative PathIsRelativeA
#define PathAddBackslash PathAddBackslashA
#define PathRemoveFileSpec PathRemoveFileSpecA
#define PathStripPath PathStripPathA
#define PathRemoveExtension PathRemoveExtensionA
#define PathRenameExtension PathRenameExtensionA
#define PathAppend PathAppendA
#define PathCombine PathCombineA
#define StrStrI StrStrIA
#define StrCmpI StrCmpIA
#define StrCmpNI StrCmpNIA
#define StrToInt StrToIntA
#define StrTrim StrTrimA
#endif

#ifdef __cplusplus
}
#endif

/* The W helpers above take the C library's wchar_t strings too (ws2mp_wchar_args.h). */
#if !defined(WS2MP_NO_WCHAR_T_OVERLOADS) && !defined(_MSC_VER)
#define WS2MP_WCHAR_ARGS_FOR_SHLWAPI_H
#include "ws2mp_wchar_args.h"
#endif

#endif /* WS2MP_COMPAT_SHLWAPI_H */

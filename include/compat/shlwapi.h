/*
 * ws2mp compat: <shlwapi.h>: the path and string helpers programs use to build file names
 * and parse commands (header-only; no shlwapi library to link).
 *
 * Paths are Windows-style strings: '\' separates (and '/' is read as one too), so
 * PathAppend("dir", "file") gives "dir\file", which ws2mp's file calls accept. A path may
 * hold MAX_PATH characters with its NUL, as the A functions require. PathFileExists and
 * PathIsDirectory ask the file system through GetFileAttributesA.
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

#ifndef UNICODE
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

#endif /* WS2MP_COMPAT_SHLWAPI_H */

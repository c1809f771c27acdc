/*
 * ws2mp compat: a small <windows.h> for network programs.
 *
 * Real windows.h pulls in the Winsock declarations, so this one includes <winsock2.h> (base
 * types, calling conventions, MAKEWORD & co.) and adds the handful of Win32 basics that
 * network programs lean on: macros and static inline functions over the C library, and the
 * stateful or table-driven pieces exported by libws2mp under their Win32 names.
 *
 * Provided:  Sleep, GetTickCount, GetTickCount64 (exported by libws2mp), GetLastError, SetLastError (the same
 *            per-thread slot as WSAGetLastError, as on Windows), ZeroMemory, CopyMemory,
 *            MoveMemory, FillMemory, GetProcessHeap, HeapAlloc (HEAP_ZERO_MEMORY), HeapReAlloc,
 *            HeapFree, ExitProcess, _snprintf, _snprintf_s, strncpy_s, _itoa / itoa, INFINITE,
 *            __cdecl, __stdcall, WINAPI, CALLBACK.
 *            Also: the C library headers Windows' headers bring (<ctype.h>, <stdio.h>,
 *            <stdlib.h>, <string.h>, <stdarg.h>, <wchar.h>, <time.h>), <winerror.h> (HRESULT,
 *            S_OK, FAILED, ERROR_*), MAX_PATH, INVALID_HANDLE_VALUE, VOID, TCHAR/TEXT,
 *            UNREFERENCED_PARAMETER, _countof, SecureZeroMemory, LocalAlloc/LocalFree,
 *            FormatMessage and GetVersionEx (exported by libws2mp), lstr* (A and W),
 *            _stricmp & co., sprintf_s & co., strcpy_s, strcat_s, localtime_s, gmtime_s,
 *            and a normal-path form of __try/__except/__finally for C.
 * Not provided: the registry, window messages, structured exceptions that really catch a
 *            fault. Handles, threads, waits, synchronisation, modules and console control come
 *            from handleapi.h, synchapi.h, processthreadsapi.h, libloaderapi.h and
 *            consoleapi.h, included at the end.
 */
#ifndef WS2MP_COMPAT_WINDOWS_H
#define WS2MP_COMPAT_WINDOWS_H

#include "winsock2.h"

/* Windows' headers make the C library's declarations visible: programs call tolower, strlen,
 * printf, malloc, ... having included only <windows.h> or <winsock2.h>. */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <wchar.h>

#include "winerror.h"

#ifdef __cplusplus
extern "C" {
#endif

#ifndef INFINITE
#define INFINITE 0xFFFFFFFFu
#endif
#define HEAP_ZERO_MEMORY 0x00000008u
#define STRUNCATE 80
#ifndef _TRUNCATE
#define _TRUNCATE ((size_t)-1)
#endif
#if !defined(__APPLE__) && !defined(__STDC_LIB_EXT1__) && !defined(WS2MP_ERRNO_T_DEFINED)
#define WS2MP_ERRNO_T_DEFINED
typedef int errno_t;
#endif

/* The thread's last error: one slot with WSAGetLastError, as on Windows. Functions (not
 * macros), so that C++ can call ::GetLastError() and take their address. */
static inline DWORD GetLastError(void)
{
    return (DWORD)WSAGetLastError();
}

static inline void SetLastError(DWORD code)
{
    WSASetLastError((int)code);
}

#define ZeroMemory(dest, len) memset((dest), 0, (len))
#define CopyMemory(dest, src, len) memcpy((dest), (src), (len))
#define MoveMemory(dest, src, len) memmove((dest), (src), (len))
#define FillMemory(dest, len, fill) memset((dest), (fill), (len))

/* Sleep, GetTickCount and GetTickCount64 are exported by libws2mp under their Win32 names
 * (declared in ws2mp.h): no POSIX clock or sleep function is needed here, so this header
 * builds in a strict -std=c99 / -std=c11 unit too. */

/* The C library's localtime_r / gmtime_r, declared here under private names: a strict ISO C
 * unit (-std=c99 after <stdio.h>) has no POSIX declarations. */
#define WS2MP_W_STR2_(x) #x
#define WS2MP_W_STR_(x) WS2MP_W_STR2_(x)
struct tm *ws2mp_localtime_r_(const time_t *t, struct tm *result)
    __asm__(WS2MP_W_STR_(__USER_LABEL_PREFIX__) "localtime_r");
struct tm *ws2mp_gmtime_r_(const time_t *t, struct tm *result)
    __asm__(WS2MP_W_STR_(__USER_LABEL_PREFIX__) "gmtime_r");

/* strnlen without POSIX's declaration. */
static inline size_t ws2mp_strnlen_(const char *s, size_t max)
{
    size_t n = 0;
    while (n < max && s[n] != '\0')
        n++;
    return n;
}

/* The process heap is the C library's allocator. */
static inline HANDLE GetProcessHeap(void)
{
    return (HANDLE)(uintptr_t)1;
}

static inline LPVOID HeapAlloc(HANDLE heap, DWORD flags, size_t bytes)
{
    (void)heap;
    return (flags & HEAP_ZERO_MEMORY) ? calloc(1, bytes ? bytes : 1) : malloc(bytes ? bytes : 1);
}

static inline LPVOID HeapReAlloc(HANDLE heap, DWORD flags, LPVOID mem, size_t bytes)
{
    (void)heap;
    (void)flags; /* HEAP_ZERO_MEMORY on growth is not honoured: the C library cannot know the old size */
    return realloc(mem, bytes ? bytes : 1);
}

static inline BOOL HeapFree(HANDLE heap, DWORD flags, LPVOID mem)
{
    (void)heap;
    (void)flags;
    free(mem);
    return TRUE;
}

static inline void ExitProcess(UINT code)
{
    exit((int)code);
}

/* Windows' _snprintf: on truncation it writes `count` characters WITHOUT a terminating NUL and
 * returns -1; otherwise it returns the length written. */
#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static inline int _snprintf(char *buf, size_t count, const char *fmt, ...)
{
    va_list ap;
    int need;
    char *tmp;
    va_start(ap, fmt);
    need = vsnprintf(buf, count, fmt, ap);
    va_end(ap);
    if (need < 0)
        return -1;
    if ((size_t)need < count)
        return need;
    /* Truncated: vsnprintf wrote count-1 characters and a NUL; Windows writes count
     * characters and no NUL. */
    if (count == 0)
        return -1;
    tmp = (char *)malloc((size_t)need + 1);
    if (tmp == NULL)
        return -1;
    va_start(ap, fmt);
    vsnprintf(tmp, (size_t)need + 1, fmt, ap);
    va_end(ap);
    memcpy(buf, tmp, count);
    free(tmp);
    return -1;
}

/* _snprintf_s: always NUL-terminates. With count == _TRUNCATE (or count >= size) a too-long
 * result is truncated and -1 returned. When the result does not fit otherwise, Windows calls
 * the invalid-parameter handler; here buf becomes "" and -1 is returned with errno = ERANGE. */
#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
static inline int _snprintf_s(char *buf, size_t size, size_t count, const char *fmt, ...)
{
    va_list ap;
    int need;
    size_t limit;
    if (buf == NULL || size == 0) {
        errno = EINVAL;
        return -1;
    }
    limit = (count == _TRUNCATE || count >= size) ? size : count + 1;
    va_start(ap, fmt);
    need = vsnprintf(buf, limit, fmt, ap);
    va_end(ap);
    if (need < 0) {
        buf[0] = '\0';
        return -1;
    }
    if ((size_t)need < limit)
        return need;
    if (count == _TRUNCATE || count < size)
        return -1; /* truncated to what was allowed, NUL-terminated */
    buf[0] = '\0';
    errno = ERANGE;
    return -1;
}

/* strncpy_s: copies at most `count` characters of `src` and always NUL-terminates.
 * Returns 0, STRUNCATE when count == _TRUNCATE cut the string, EINVAL for NULL arguments, or
 * ERANGE (dest becomes "") when the result does not fit. */
static inline errno_t strncpy_s(char *dest, size_t size, const char *src, size_t count)
{
    size_t n;
    if (dest == NULL || size == 0)
        return EINVAL;
    if (src == NULL) {
        dest[0] = '\0';
        return EINVAL;
    }
    n = 0;
    while (n < count && src[n] != '\0')
        n++;
    if (n >= size) {
        if (count == _TRUNCATE) {
            memcpy(dest, src, size - 1);
            dest[size - 1] = '\0';
            return STRUNCATE;
        }
        dest[0] = '\0';
        return ERANGE;
    }
    memcpy(dest, src, n);
    dest[n] = '\0';
    return 0;
}

/* _itoa / itoa: `value` in base `radix` (2–36); negative values have a '-' only in base 10,
 * as on Windows (other bases show the two's-complement bits). */
static inline char *_itoa(int value, char *buf, int radix)
{
    char tmp[40];
    unsigned int u;
    int i = 0, j = 0;
    if (radix < 2 || radix > 36) {
        buf[0] = '\0';
        return buf;
    }
    if (radix == 10 && value < 0) {
        buf[j++] = '-';
        u = 0u - (unsigned int)value;
    } else {
        u = (unsigned int)value;
    }
    do {
        unsigned int d = u % (unsigned int)radix;
        tmp[i++] = (char)(d < 10 ? '0' + d : 'a' + d - 10);
        u /= (unsigned int)radix;
    } while (u != 0);
    while (i > 0)
        buf[j++] = tmp[--i];
    buf[j] = '\0';
    return buf;
}
#define itoa _itoa

/* ---- basic spellings (minwindef.h / winnt.h) ------------------------------------------------ */
#ifndef VOID
#define VOID void
#endif
#ifndef CONST
#define CONST const
#endif
#ifndef IN
#define IN
#endif
#ifndef OUT
#define OUT
#endif
#ifndef OPTIONAL
#define OPTIONAL
#endif
#ifndef _cdecl
#define _cdecl
#endif
#ifndef _stdcall
#define _stdcall
#endif
#ifndef APIENTRY
#define APIENTRY
#endif
#ifndef WINAPIV
#define WINAPIV
#endif
#ifndef MAX_PATH
#define MAX_PATH 260
#endif
#ifndef INVALID_HANDLE_VALUE
#define INVALID_HANDLE_VALUE ((HANDLE)(LONG_PTR)-1)
#endif
#define UNREFERENCED_PARAMETER(P) ((void)(P))
#define DBG_UNREFERENCED_PARAMETER(P) ((void)(P))
#define DBG_UNREFERENCED_LOCAL_VARIABLE(V) ((void)(V))
#ifndef _countof
#define _countof(array) (sizeof(array) / sizeof((array)[0]))
#endif
/* min and max are macros on Windows unless NOMINMAX; in C++ they would break std::min and
 * std::max in every later standard header, so they exist only for C here. */
#if !defined(__cplusplus) && !defined(NOMINMAX)
#ifndef max
#define max(a, b) (((a) > (b)) ? (a) : (b))
#endif
#ifndef min
#define min(a, b) (((a) < (b)) ? (a) : (b))
#endif
#endif

/* Each extra base type has its own guard (WS2MP_<NAME>_DEFINED), so that another compat header
 * may define it too. */
#ifndef WS2MP_HLOCAL_DEFINED
#define WS2MP_HLOCAL_DEFINED
typedef HANDLE HLOCAL;
#endif
#ifndef WS2MP_HGLOBAL_DEFINED
#define WS2MP_HGLOBAL_DEFINED
typedef HANDLE HGLOBAL;
#endif
#ifndef WS2MP_HINSTANCE_DEFINED
#define WS2MP_HINSTANCE_DEFINED
typedef HANDLE HINSTANCE;
#endif
#ifndef WS2MP_HWND_DEFINED
#define WS2MP_HWND_DEFINED
typedef HANDLE HWND;
#endif
#ifndef WS2MP_FLOAT_DEFINED
#define WS2MP_FLOAT_DEFINED
typedef float FLOAT;
#endif
#ifndef WS2MP_DOUBLE_DEFINED
#define WS2MP_DOUBLE_DEFINED
typedef double DOUBLE;
#endif
#ifndef WS2MP_ULONG64_DEFINED
#define WS2MP_ULONG64_DEFINED
typedef uint64_t ULONG64;
#endif
#ifndef WS2MP_LONG64_DEFINED
#define WS2MP_LONG64_DEFINED
typedef int64_t LONG64;
#endif
#ifndef WS2MP_ULONG32_DEFINED
#define WS2MP_ULONG32_DEFINED
typedef uint32_t ULONG32;
#endif
#ifndef WS2MP_LONG32_DEFINED
#define WS2MP_LONG32_DEFINED
typedef int32_t LONG32;
#endif
#ifndef WS2MP_UINT8_DEFINED
#define WS2MP_UINT8_DEFINED
typedef uint8_t UINT8;
#endif
#ifndef WS2MP_UINT16_DEFINED
#define WS2MP_UINT16_DEFINED
typedef uint16_t UINT16;
#endif
#ifndef WS2MP_UINT32_DEFINED
#define WS2MP_UINT32_DEFINED
typedef uint32_t UINT32;
#endif
#ifndef WS2MP_UINT64_DEFINED
#define WS2MP_UINT64_DEFINED
typedef uint64_t UINT64;
#endif
#ifndef WS2MP_INT8_DEFINED
#define WS2MP_INT8_DEFINED
typedef int8_t INT8;
#endif
#ifndef WS2MP_INT16_DEFINED
#define WS2MP_INT16_DEFINED
typedef int16_t INT16;
#endif
#ifndef WS2MP_INT32_DEFINED
#define WS2MP_INT32_DEFINED
typedef int32_t INT32;
#endif
#ifndef WS2MP_INT64_DEFINED
#define WS2MP_INT64_DEFINED
typedef int64_t INT64;
#endif
#ifndef WS2MP_SIZE_T_DEFINED
#define WS2MP_SIZE_T_DEFINED
typedef size_t SIZE_T;
#endif
#ifndef WS2MP_SSIZE_T_DEFINED
#define WS2MP_SSIZE_T_DEFINED
typedef intptr_t SSIZE_T;
#endif
#ifndef WS2MP_DWORD32_DEFINED
#define WS2MP_DWORD32_DEFINED
typedef uint32_t DWORD32;
#endif
#ifndef WS2MP_ATOM_DEFINED
#define WS2MP_ATOM_DEFINED
typedef WORD ATOM;
#endif
#ifndef WS2MP_LPCH_DEFINED
#define WS2MP_LPCH_DEFINED
typedef CHAR *LPCH;
#endif
#ifndef WS2MP_PWCHAR_DEFINED
#define WS2MP_PWCHAR_DEFINED
typedef WCHAR *PWCHAR;
#endif
#ifndef WS2MP_LPWCH_DEFINED
#define WS2MP_LPWCH_DEFINED
typedef WCHAR *LPWCH;
#endif
#ifndef WS2MP_BOOLEAN_DEFINED
#define WS2MP_BOOLEAN_DEFINED
typedef BYTE BOOLEAN;
#endif

/* ---- TCHAR (winnt.h): narrow unless UNICODE ------------------------------------------------- */
#ifndef WS2MP_TCHAR_DEFINED
#define WS2MP_TCHAR_DEFINED
#ifdef UNICODE
typedef WCHAR TCHAR;
typedef WCHAR TBYTE;
#ifdef __cplusplus
#define __TEXT(quote) ((const WCHAR *)u##quote)
#else
#define __TEXT(quote) u##quote
#endif
#else
typedef char TCHAR;
typedef unsigned char TBYTE;
#define __TEXT(quote) quote
#endif
typedef TCHAR *PTCHAR;
typedef TCHAR *LPTSTR;
typedef TCHAR *PTSTR;
typedef const TCHAR *LPCTSTR;
typedef const TCHAR *PCTSTR;
#define TEXT(quote) __TEXT(quote)
#endif

/* ADDRINFOT, GetAddrInfo & co. follow UNICODE: see ws2mp_names.h (included by winsock2.h). */

/* ---- local/global memory: the C library's allocator ----------------------------------------- */
#define LMEM_FIXED 0x0000u
#define LMEM_ZEROINIT 0x0040u
#define LPTR (LMEM_FIXED | LMEM_ZEROINIT)
#define GMEM_FIXED 0x0000u
#define GMEM_ZEROINIT 0x0040u
#define GPTR (GMEM_FIXED | GMEM_ZEROINIT)

static inline HLOCAL LocalAlloc(UINT flags, SIZE_T bytes)
{
    return (flags & LMEM_ZEROINIT) ? calloc(1, bytes ? bytes : 1) : malloc(bytes ? bytes : 1);
}

/* Frees memory from LocalAlloc or from FormatMessage(FORMAT_MESSAGE_ALLOCATE_BUFFER). */
static inline HLOCAL LocalFree(HLOCAL mem)
{
    free(mem);
    return NULL;
}

static inline HGLOBAL GlobalAlloc(UINT flags, SIZE_T bytes)
{
    return LocalAlloc(flags, bytes);
}

static inline HGLOBAL GlobalFree(HGLOBAL mem)
{
    free(mem);
    return NULL;
}

/* Zeroes memory in a way the compiler cannot remove. */
static inline PVOID SecureZeroMemory(PVOID dest, SIZE_T len)
{
    volatile unsigned char *p = (volatile unsigned char *)dest;
    while (len--)
        *p++ = 0;
    return dest;
}

/* ---- FormatMessage (exported by libws2mp; declared in ws2mp.h) ------------------------------ */
#define FORMAT_MESSAGE_ALLOCATE_BUFFER 0x00000100u
#define FORMAT_MESSAGE_IGNORE_INSERTS 0x00000200u
#define FORMAT_MESSAGE_FROM_STRING 0x00000400u
#define FORMAT_MESSAGE_FROM_HMODULE 0x00000800u
#define FORMAT_MESSAGE_FROM_SYSTEM 0x00001000u
#define FORMAT_MESSAGE_ARGUMENT_ARRAY 0x00002000u
#define FORMAT_MESSAGE_MAX_WIDTH_MASK 0x000000FFu
#define LANG_NEUTRAL 0x00
#define LANG_ENGLISH 0x09
#define SUBLANG_NEUTRAL 0x00
#define SUBLANG_DEFAULT 0x01
#define SUBLANG_SYS_DEFAULT 0x02
#define SUBLANG_ENGLISH_US 0x01
#define MAKELANGID(p, s) ((((WORD)(s)) << 10) | (WORD)(p))
#define PRIMARYLANGID(lgid) ((WORD)(lgid) & 0x3ff)
#define SUBLANGID(lgid) ((WORD)(lgid) >> 10)
#define LANG_USER_DEFAULT (MAKELANGID(LANG_NEUTRAL, SUBLANG_DEFAULT))
#define LANG_SYSTEM_DEFAULT (MAKELANGID(LANG_NEUTRAL, SUBLANG_SYS_DEFAULT))
#ifdef UNICODE
#define FormatMessage FormatMessageW
#else
#define FormatMessage FormatMessageA
#endif

/* ---- GetVersionEx (exported by libws2mp): always Windows 10.0.19045 ------------------------- */
#define VER_PLATFORM_WIN32s 0
#define VER_PLATFORM_WIN32_WINDOWS 1
#define VER_PLATFORM_WIN32_NT 2
#define VER_NT_WORKSTATION 0x0000001
#define VER_NT_DOMAIN_CONTROLLER 0x0000002
#define VER_NT_SERVER 0x0000003
#define VER_SUITE_SINGLEUSERTS 0x00000100

typedef struct _OSVERSIONINFOA {
    DWORD dwOSVersionInfoSize;
    DWORD dwMajorVersion;
    DWORD dwMinorVersion;
    DWORD dwBuildNumber;
    DWORD dwPlatformId;
    CHAR szCSDVersion[128];
} OSVERSIONINFOA, *POSVERSIONINFOA, *LPOSVERSIONINFOA;

typedef struct _OSVERSIONINFOW {
    DWORD dwOSVersionInfoSize;
    DWORD dwMajorVersion;
    DWORD dwMinorVersion;
    DWORD dwBuildNumber;
    DWORD dwPlatformId;
    WCHAR szCSDVersion[128];
} OSVERSIONINFOW, *POSVERSIONINFOW, *LPOSVERSIONINFOW;

typedef struct _OSVERSIONINFOEXA {
    DWORD dwOSVersionInfoSize;
    DWORD dwMajorVersion;
    DWORD dwMinorVersion;
    DWORD dwBuildNumber;
    DWORD dwPlatformId;
    CHAR szCSDVersion[128];
    WORD wServicePackMajor;
    WORD wServicePackMinor;
    WORD wSuiteMask;
    BYTE wProductType;
    BYTE wReserved;
} OSVERSIONINFOEXA, *POSVERSIONINFOEXA, *LPOSVERSIONINFOEXA;

typedef struct _OSVERSIONINFOEXW {
    DWORD dwOSVersionInfoSize;
    DWORD dwMajorVersion;
    DWORD dwMinorVersion;
    DWORD dwBuildNumber;
    DWORD dwPlatformId;
    WCHAR szCSDVersion[128];
    WORD wServicePackMajor;
    WORD wServicePackMinor;
    WORD wSuiteMask;
    BYTE wProductType;
    BYTE wReserved;
} OSVERSIONINFOEXW, *POSVERSIONINFOEXW, *LPOSVERSIONINFOEXW;

#ifdef UNICODE
typedef OSVERSIONINFOW OSVERSIONINFO, *POSVERSIONINFO, *LPOSVERSIONINFO;
typedef OSVERSIONINFOEXW OSVERSIONINFOEX, *POSVERSIONINFOEX, *LPOSVERSIONINFOEX;
#define GetVersionEx GetVersionExW
#else
typedef OSVERSIONINFOA OSVERSIONINFO, *POSVERSIONINFO, *LPOSVERSIONINFO;
typedef OSVERSIONINFOEXA OSVERSIONINFOEX, *POSVERSIONINFOEX, *LPOSVERSIONINFOEX;
#define GetVersionEx GetVersionExA
#endif

/* ---- C runtime names Windows programs use --------------------------------------------------- */
#if defined(__GNUC__)
#define WS2MP_PRINTF_(f, a) __attribute__((format(printf, f, a)))
#else
#define WS2MP_PRINTF_(f, a)
#endif

static inline int _stricmp(const char *a, const char *b)
{
    return strcasecmp(a, b);
}

static inline int _strnicmp(const char *a, const char *b, size_t n)
{
    return strncasecmp(a, b, n);
}

static inline int _stricoll(const char *a, const char *b)
{
    return strcasecmp(a, b);
}

static inline char *_strdup(const char *s)
{
    size_t n;
    char *p;
    if (s == NULL)
        return NULL;
    n = strlen(s) + 1;
    p = (char *)malloc(n);
    if (p != NULL)
        memcpy(p, s, n);
    return p;
}

static inline char *_strlwr(char *s)
{
    char *p;
    for (p = s; p != NULL && *p; p++)
        *p = (char)tolower((unsigned char)*p);
    return s;
}

static inline char *_strupr(char *s)
{
    char *p;
    for (p = s; p != NULL && *p; p++)
        *p = (char)toupper((unsigned char)*p);
    return s;
}

static inline char *_strrev(char *s)
{
    size_t i, n = s ? strlen(s) : 0;
    for (i = 0; i < n / 2; i++) {
        char c = s[i];
        s[i] = s[n - 1 - i];
        s[n - 1 - i] = c;
    }
    return s;
}

#define stricmp _stricmp
#define strnicmp _strnicmp
#define strcmpi _stricmp
#define strlwr _strlwr
#define strupr _strupr
#define strrev _strrev

static inline long long _strtoi64(const char *s, char **end, int base)
{
    return strtoll(s, end, base);
}

static inline unsigned long long _strtoui64(const char *s, char **end, int base)
{
    return strtoull(s, end, base);
}

static inline long long _atoi64(const char *s)
{
    return atoll(s);
}

static inline char *_i64toa(long long value, char *buf, int radix)
{
    char tmp[72];
    unsigned long long u;
    int i = 0, j = 0;
    if (radix < 2 || radix > 36) {
        buf[0] = '\0';
        return buf;
    }
    if (radix == 10 && value < 0) {
        buf[j++] = '-';
        u = 0ull - (unsigned long long)value;
    } else {
        u = (unsigned long long)value;
    }
    do {
        unsigned d = (unsigned)(u % (unsigned)radix);
        tmp[i++] = (char)(d < 10 ? '0' + d : 'a' + d - 10);
        u /= (unsigned)radix;
    } while (u != 0);
    while (i > 0)
        buf[j++] = tmp[--i];
    buf[j] = '\0';
    return buf;
}

static inline char *_ltoa(long value, char *buf, int radix)
{
    return _i64toa((long long)value, buf, radix);
}
#define ltoa _ltoa

/* Windows' _vsnprintf: like _snprintf, no NUL and -1 when the output is cut. */
static inline int _vsnprintf(char *buf, size_t count, const char *fmt, va_list ap)
{
    va_list again;
    int need;
    char *tmp;
    va_copy(again, ap);
    need = vsnprintf(buf, count, fmt, ap);
    if (need < 0 || (size_t)need < count) {
        va_end(again);
        return need < 0 ? -1 : need;
    }
    if (count > 0) {
        tmp = (char *)malloc((size_t)need + 1);
        if (tmp != NULL) {
            vsnprintf(tmp, (size_t)need + 1, fmt, again);
            memcpy(buf, tmp, count);
            free(tmp);
        }
    }
    va_end(again);
    return -1;
}

/* The length printf would produce. */
static inline int _vscprintf(const char *fmt, va_list ap)
{
    return vsnprintf(NULL, 0, fmt, ap);
}

WS2MP_PRINTF_(1, 2)
static inline int _scprintf(const char *fmt, ...)
{
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    return n;
}

/* vsprintf_s / sprintf_s: the result must fit, NUL included. When it does not, Windows calls
 * the invalid-parameter handler (which ends the program by default); here buf becomes "",
 * errno ERANGE and the result -1. NULL buf or size 0: -1, errno EINVAL. */
static inline int vsprintf_s(char *buf, size_t size, const char *fmt, va_list ap)
{
    int n;
    if (buf == NULL || size == 0 || fmt == NULL) {
        errno = EINVAL;
        return -1;
    }
    n = vsnprintf(buf, size, fmt, ap);
    if (n < 0 || (size_t)n >= size) {
        buf[0] = '\0';
        errno = ERANGE;
        return -1;
    }
    return n;
}

WS2MP_PRINTF_(3, 4)
static inline int sprintf_s(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = vsprintf_s(buf, size, fmt, ap);
    va_end(ap);
    return n;
}

/* _vsnprintf_s: as _snprintf_s above, with a va_list. */
static inline int _vsnprintf_s(char *buf, size_t size, size_t count, const char *fmt, va_list ap)
{
    int need;
    size_t limit;
    if (buf == NULL || size == 0) {
        errno = EINVAL;
        return -1;
    }
    limit = (count == _TRUNCATE || count >= size) ? size : count + 1;
    need = vsnprintf(buf, limit, fmt, ap);
    if (need < 0) {
        buf[0] = '\0';
        return -1;
    }
    if ((size_t)need < limit)
        return need;
    if (count == _TRUNCATE || count < size)
        return -1;
    buf[0] = '\0';
    errno = ERANGE;
    return -1;
}

/* strcpy_s / strcat_s: 0; EINVAL (NULL or size 0; dest becomes "" when it can); ERANGE when
 * the result does not fit (dest becomes ""). */
static inline errno_t strcpy_s(char *dest, size_t size, const char *src)
{
    size_t n;
    if (dest == NULL || size == 0)
        return EINVAL;
    if (src == NULL) {
        dest[0] = '\0';
        return EINVAL;
    }
    n = strlen(src);
    if (n >= size) {
        dest[0] = '\0';
        return ERANGE;
    }
    memcpy(dest, src, n + 1);
    return 0;
}

static inline errno_t strcat_s(char *dest, size_t size, const char *src)
{
    size_t have, n;
    if (dest == NULL || size == 0)
        return EINVAL;
    if (src == NULL) {
        dest[0] = '\0';
        return EINVAL;
    }
    have = ws2mp_strnlen_(dest, size);
    if (have == size) {
        dest[0] = '\0';
        return EINVAL; /* dest is not terminated within size */
    }
    n = strlen(src);
    if (have + n >= size) {
        dest[0] = '\0';
        return ERANGE;
    }
    memcpy(dest + have, src, n + 1);
    return 0;
}

static inline errno_t memcpy_s(void *dest, size_t size, const void *src, size_t count)
{
    if (count == 0)
        return 0;
    if (dest == NULL)
        return EINVAL;
    if (src == NULL || size < count) {
        memset(dest, 0, size);
        return src == NULL ? EINVAL : ERANGE;
    }
    memcpy(dest, src, count);
    return 0;
}

static inline errno_t memmove_s(void *dest, size_t size, const void *src, size_t count)
{
    if (count == 0)
        return 0;
    if (dest == NULL || src == NULL)
        return EINVAL;
    if (size < count)
        return ERANGE;
    memmove(dest, src, count);
    return 0;
}

static inline errno_t _itoa_s(int value, char *buf, size_t size, int radix)
{
    char tmp[40];
    if (buf == NULL || size == 0)
        return EINVAL;
    _itoa(value, tmp, radix);
    if (strlen(tmp) >= size) {
        buf[0] = '\0';
        return ERANGE;
    }
    strcpy(buf, tmp);
    return 0;
}

/* localtime_s / gmtime_s in Windows' argument order (result first); 0 or EINVAL. */
static inline errno_t localtime_s(struct tm *result, const time_t *t)
{
    if (result == NULL)
        return EINVAL;
    if (t == NULL || ws2mp_localtime_r_(t, result) == NULL) {
        memset(result, 0xff, sizeof(*result));
        return EINVAL;
    }
    return 0;
}

static inline errno_t gmtime_s(struct tm *result, const time_t *t)
{
    if (result == NULL)
        return EINVAL;
    if (t == NULL || ws2mp_gmtime_r_(t, result) == NULL) {
        memset(result, 0xff, sizeof(*result));
        return EINVAL;
    }
    return 0;
}

static inline errno_t ctime_s(char *buf, size_t size, const time_t *t)
{
    struct tm tm;
    if (buf == NULL || size == 0)
        return EINVAL;
    if (t == NULL || size < 26 || ws2mp_localtime_r_(t, &tm) == NULL) {
        buf[0] = '\0';
        return size < 26 ? ERANGE : EINVAL;
    }
    strftime(buf, size, "%a %b %d %H:%M:%S %Y\n", &tm);
    return 0;
}

/* wsprintf: user32's sprintf; the output is limited to 1024 characters, as on Windows. */
static inline int wvsprintfA(LPSTR buf, LPCSTR fmt, va_list ap)
{
    char tmp[1025];
    int n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
    if (n < 0)
        return -1;
    if (n > 1024)
        n = 1024;
    memcpy(buf, tmp, (size_t)n + 1);
    return n;
}

WS2MP_PRINTF_(2, 3)
static inline int wsprintfA(LPSTR buf, LPCSTR fmt, ...)
{
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = wvsprintfA(buf, fmt, ap);
    va_end(ap);
    return n;
}
#ifndef UNICODE
#define wsprintf wsprintfA
#define wvsprintf wvsprintfA
#endif

/* Without a debugger attached, Windows discards these strings; so does ws2mp. */
static inline void OutputDebugStringA(LPCSTR text)
{
    (void)text;
}

static inline void OutputDebugStringW(LPCWSTR text)
{
    (void)text;
}
#ifdef UNICODE
#define OutputDebugString OutputDebugStringW
#else
#define OutputDebugString OutputDebugStringA
#endif

/* ---- lstr*: the kernel32 string functions (A over char, W over 16-bit WCHAR) ---------------- */
static inline int ws2mp_wcslen16_(const WCHAR *s)
{
    int n = 0;
    while (s[n] != 0)
        n++;
    return n;
}

static inline WCHAR ws2mp_wlower_(WCHAR c)
{
    return (c >= 'A' && c <= 'Z') ? (WCHAR)(c + 32) : c;
}

static inline int lstrlenA(LPCSTR s)
{
    return s ? (int)strlen(s) : 0;
}

static inline int lstrlenW(LPCWSTR s)
{
    return s ? ws2mp_wcslen16_(s) : 0;
}

static inline LPSTR lstrcpyA(LPSTR dest, LPCSTR src)
{
    if (dest == NULL || src == NULL)
        return NULL;
    return strcpy(dest, src);
}

static inline LPWSTR lstrcpyW(LPWSTR dest, LPCWSTR src)
{
    int i = 0;
    if (dest == NULL || src == NULL)
        return NULL;
    do
        dest[i] = src[i];
    while (src[i++] != 0);
    return dest;
}

/* Copies at most n - 1 characters and always terminates (n > 0). */
static inline LPSTR lstrcpynA(LPSTR dest, LPCSTR src, int n)
{
    int i;
    if (dest == NULL || src == NULL)
        return NULL;
    if (n <= 0)
        return dest;
    for (i = 0; i < n - 1 && src[i] != '\0'; i++)
        dest[i] = src[i];
    dest[i] = '\0';
    return dest;
}

static inline LPWSTR lstrcpynW(LPWSTR dest, LPCWSTR src, int n)
{
    int i;
    if (dest == NULL || src == NULL)
        return NULL;
    if (n <= 0)
        return dest;
    for (i = 0; i < n - 1 && src[i] != 0; i++)
        dest[i] = src[i];
    dest[i] = 0;
    return dest;
}

static inline LPSTR lstrcatA(LPSTR dest, LPCSTR src)
{
    if (dest == NULL || src == NULL)
        return NULL;
    return strcat(dest, src);
}

static inline LPWSTR lstrcatW(LPWSTR dest, LPCWSTR src)
{
    if (dest == NULL || src == NULL)
        return NULL;
    lstrcpyW(dest + ws2mp_wcslen16_(dest), src);
    return dest;
}

/* lstrcmp compares like Windows' word sort for ASCII: letters case-insensitively first, then
 * a lowercase letter before its uppercase form ("a" < "A" < "b"). lstrcmpi ignores case. */
static inline int ws2mp_lstrcmp_(const char *a, const char *b, int ignore_case)
{
    size_t i;
    int tie = 0;
    if (a == NULL || b == NULL)
        return a == b ? 0 : (a == NULL ? -1 : 1);
    for (i = 0;; i++) {
        int ca = (unsigned char)a[i], cb = (unsigned char)b[i];
        int la = tolower(ca), lb = tolower(cb);
        if (la != lb)
            return la < lb ? -1 : 1;
        if (tie == 0 && ca != cb)
            tie = islower(ca) ? -1 : 1;
        if (ca == 0)
            return ignore_case ? 0 : tie;
    }
}

static inline int lstrcmpA(LPCSTR a, LPCSTR b)
{
    return ws2mp_lstrcmp_(a, b, 0);
}

static inline int lstrcmpiA(LPCSTR a, LPCSTR b)
{
    return ws2mp_lstrcmp_(a, b, 1);
}

static inline int ws2mp_lstrcmpw_(const WCHAR *a, const WCHAR *b, int ignore_case)
{
    size_t i;
    int tie = 0;
    if (a == NULL || b == NULL)
        return a == b ? 0 : (a == NULL ? -1 : 1);
    for (i = 0;; i++) {
        WCHAR ca = a[i], cb = b[i];
        WCHAR la = ws2mp_wlower_(ca), lb = ws2mp_wlower_(cb);
        if (la != lb)
            return la < lb ? -1 : 1;
        if (tie == 0 && ca != cb)
            tie = (ca >= 'a' && ca <= 'z') ? -1 : 1;
        if (ca == 0)
            return ignore_case ? 0 : tie;
    }
}

static inline int lstrcmpW(LPCWSTR a, LPCWSTR b)
{
    return ws2mp_lstrcmpw_(a, b, 0);
}

static inline int lstrcmpiW(LPCWSTR a, LPCWSTR b)
{
    return ws2mp_lstrcmpw_(a, b, 1);
}

#ifdef UNICODE
#define lstrlen lstrlenW
#define lstrcpy lstrcpyW
#define lstrcpyn lstrcpynW
#define lstrcat lstrcatW
#define lstrcmp lstrcmpW
#define lstrcmpi lstrcmpiW
#else
#define lstrlen lstrlenA
#define lstrcpy lstrcpyA
#define lstrcpyn lstrcpynA
#define lstrcat lstrcatA
#define lstrcmp lstrcmpA
#define lstrcmpi lstrcmpiA
#endif

/* ---- structured exception handling (MSVC's __try) ------------------------------------------- */
/* A C program's __try/__except/__finally compile to their normal path: the __try body runs,
 * an __except handler never runs (nothing raises a structured exception here; a real fault is
 * a signal), a __finally block runs after the body. __leave leaves the body. Not for C++
 * (the C++ library uses the name __try itself) and not when the body leaves with return,
 * goto or break while a __finally must run: see docs/PORTING.md. */
#if !defined(_MSC_VER) && !defined(__cplusplus) && !defined(WS2MP_NO_SEH)
#define __try do
#define __except(filter) while (0); if (0)
#define __finally while (0);
#define __leave break
#define GetExceptionCode() ((DWORD)0)
#define GetExceptionInformation() ((struct _EXCEPTION_POINTERS *)0)
#define AbnormalTermination() 0
#define _exception_code GetExceptionCode
#define _abnormal_termination AbnormalTermination
#endif
#define EXCEPTION_EXECUTE_HANDLER 1
#define EXCEPTION_CONTINUE_SEARCH 0
#define EXCEPTION_CONTINUE_EXECUTION (-1)
#define EXCEPTION_ACCESS_VIOLATION ((DWORD)0xC0000005u)
#define EXCEPTION_INT_DIVIDE_BY_ZERO ((DWORD)0xC0000094u)
#define EXCEPTION_STACK_OVERFLOW ((DWORD)0xC00000FDu)

#ifdef __cplusplus
}

/* MSVC's C++ overloads that take the array's size from its type. */
template <size_t N>
inline int sprintf_s(char (&buf)[N], const char *fmt, ...)
{
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = vsprintf_s(buf, N, fmt, ap);
    va_end(ap);
    return n;
}

template <size_t N>
inline int _snprintf_s(char (&buf)[N], size_t count, const char *fmt, ...)
{
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = _vsnprintf_s(buf, N, count, fmt, ap);
    va_end(ap);
    return n;
}

template <size_t N>
inline errno_t strcpy_s(char (&dest)[N], const char *src)
{
    return strcpy_s(dest, N, src);
}

template <size_t N>
inline errno_t strcat_s(char (&dest)[N], const char *src)
{
    return strcat_s(dest, N, src);
}

template <size_t N>
inline errno_t strncpy_s(char (&dest)[N], const char *src, size_t count)
{
    return strncpy_s(dest, N, src, count);
}
#endif

/* Handles, threads, synchronisation, modules, console (one header per Windows header). */
#include "handleapi.h"
#include "synchapi.h"
#include "processthreadsapi.h"
#include "libloaderapi.h"
#include "consoleapi.h"

#endif /* WS2MP_COMPAT_WINDOWS_H */


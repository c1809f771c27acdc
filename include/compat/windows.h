/*
 * ws2mp compat: a small <windows.h> for network programs.
 *
 * Real windows.h pulls in the Winsock declarations, so this one includes <winsock2.h> (base
 * types, calling conventions, MAKEWORD & co.) and adds the handful of Win32 basics that
 * network programs lean on. Everything here is a macro or a static inline function over the C
 * library; nothing is exported from libws2mp except through WSAGetLastError/WSASetLastError.
 *
 * Provided:  Sleep, GetTickCount, GetTickCount64, GetLastError, SetLastError (the same
 *            per-thread slot as WSAGetLastError, as on Windows), ZeroMemory, CopyMemory,
 *            MoveMemory, FillMemory, GetProcessHeap, HeapAlloc (HEAP_ZERO_MEMORY), HeapReAlloc,
 *            HeapFree, ExitProcess, _snprintf, _snprintf_s, strncpy_s, _itoa / itoa, INFINITE,
 *            __cdecl, __stdcall, WINAPI, CALLBACK.
 * Not provided: threads and synchronisation objects (CreateThread, WaitForSingleObject,
 *            CloseHandle, critical sections), TCHAR/UNICODE string macros, the registry,
 *            window messages, structured exception handling. Use pthreads and the C library.
 */
#ifndef WS2MP_COMPAT_WINDOWS_H
#define WS2MP_COMPAT_WINDOWS_H

#include "winsock2.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <time.h>

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

/* The thread's last error: one slot with WSAGetLastError, as on Windows. */
#define GetLastError() ((DWORD)WSAGetLastError())
#define SetLastError(code) WSASetLastError((int)(code))

#define ZeroMemory(dest, len) memset((dest), 0, (len))
#define CopyMemory(dest, src, len) memcpy((dest), (src), (len))
#define MoveMemory(dest, src, len) memmove((dest), (src), (len))
#define FillMemory(dest, len, fill) memset((dest), (fill), (len))

/* Sleeps for `ms` milliseconds (resumed after signals until the time has passed). */
static inline void Sleep(DWORD ms)
{
    struct timespec ts;
    ts.tv_sec = (time_t)(ms / 1000u);
    ts.tv_nsec = (long)(ms % 1000u) * 1000000L;
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
    }
}

/* Milliseconds since an arbitrary fixed point (the monotonic clock); wraps like Windows'. */
static inline ULONGLONG GetTickCount64(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (ULONGLONG)ts.tv_sec * 1000u + (ULONGLONG)ts.tv_nsec / 1000000u;
}

static inline DWORD GetTickCount(void)
{
    return (DWORD)GetTickCount64();
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

#ifdef __cplusplus
}
#endif

/* Handles, threads, synchronisation, modules, console (one header per Windows header). */
#include "handleapi.h"
#include "synchapi.h"
#include "processthreadsapi.h"
#include "libloaderapi.h"
#include "consoleapi.h"

#endif /* WS2MP_COMPAT_WINDOWS_H */

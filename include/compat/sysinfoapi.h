/*
 * ws2mp compat: <sysinfoapi.h> and <timezoneapi.h>: the calendar clock.
 *
 * SYSTEMTIME and FILETIME in Windows' layouts. GetSystemTime, GetLocalTime,
 * GetSystemTimeAsFileTime, GetSystemTimePreciseAsFileTime, FileTimeToSystemTime,
 * SystemTimeToFileTime, FileTimeToLocalFileTime, SetSystemTime and SetLocalTime (they set
 * the machine's clock: root or CAP_SYS_TIME, else ERROR_PRIVILEGE_NOT_HELD) are exported by
 * libws2mp (declared in ws2mp.h with `void *` for these structures). Local time is the C library's (the TZ
 * variable, /etc/localtime).
 * GetSystemTimes (exported): idle, kernel (idle included, as on Windows) and user time over
 * all CPUs, from /proc/stat on Linux; ERROR_NOT_SUPPORTED elsewhere.
 */
/* <windows.h> first, outside the guard: it includes this header itself, and that inner
 * inclusion must define everything before <windows.h> goes on (when a program includes this
 * header before any other). */
#include "windows.h"

#ifndef WS2MP_COMPAT_SYSINFOAPI_H
#define WS2MP_COMPAT_SYSINFOAPI_H

#ifdef __cplusplus
extern "C" {
#endif

#ifndef WS2MP_SYSTEMTIME_DEFINED
#define WS2MP_SYSTEMTIME_DEFINED
typedef struct _SYSTEMTIME {
    WORD wYear;
    WORD wMonth;
    WORD wDayOfWeek;
    WORD wDay;
    WORD wHour;
    WORD wMinute;
    WORD wSecond;
    WORD wMilliseconds;
} SYSTEMTIME, *PSYSTEMTIME, *LPSYSTEMTIME;
#endif

#ifndef WS2MP_FILETIME_DEFINED
#define WS2MP_FILETIME_DEFINED
/* 100 ns intervals since 1601-01-01 UTC, low half first. */
typedef struct _FILETIME {
    DWORD dwLowDateTime;
    DWORD dwHighDateTime;
} FILETIME, *PFILETIME, *LPFILETIME;
#endif

/* LocalFileTimeToFileTime: the inverse of FileTimeToLocalFileTime, by the C library's local
 * zone (mktime of the local fields; an hour a daylight-saving change repeats is read as either
 * of its two times, an hour it skips is moved forward). FALSE with ERROR_NOACCESS for a NULL
 * pointer (as FileTimeToLocalFileTime), ERROR_INVALID_PARAMETER for a time mktime cannot place. */
static inline BOOL LocalFileTimeToFileTime(const FILETIME *local, LPFILETIME utc)
{
    unsigned long long t, frac;
    time_t secs, back;
    struct tm tm;
    if (local == NULL || utc == NULL) {
        SetLastError(ERROR_NOACCESS);
        return FALSE;
    }
    t = ((unsigned long long)local->dwHighDateTime << 32) | local->dwLowDateTime;
    frac = t % 10000000ull;
    secs = (time_t)(t / 10000000ull) - (time_t)11644473600LL;
    if (ws2mp_gmtime_r_(&secs, &tm) == NULL) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    tm.tm_isdst = -1;
    back = mktime(&tm);
    if (back == (time_t)-1 && secs != (time_t)-1) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    t = ((unsigned long long)(back + (time_t)11644473600LL)) * 10000000ull + frac;
    utc->dwLowDateTime = (DWORD)t;
    utc->dwHighDateTime = (DWORD)(t >> 32);
    return TRUE;
}

#ifdef __cplusplus
}
#endif

#endif /* WS2MP_COMPAT_SYSINFOAPI_H */

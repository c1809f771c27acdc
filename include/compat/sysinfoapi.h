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

/* LocalFileTimeToFileTime: the inverse of FileTimeToLocalFileTime: the local offset in force
 * now (daylight saving included) is taken off, whatever the date, as on Windows. FALSE with
 * ERROR_NOACCESS for a NULL pointer, ERROR_INVALID_PARAMETER when the result is out of range. */
static inline BOOL LocalFileTimeToFileTime(const FILETIME *local, LPFILETIME utc)
{
    FILETIME now, now_local;
    unsigned long long t, n, nl;
    if (local == NULL || utc == NULL) {
        SetLastError(ERROR_NOACCESS);
        return FALSE;
    }
    GetSystemTimeAsFileTime(&now);
    if (!FileTimeToLocalFileTime(&now, &now_local))
        return FALSE;
    t = ((unsigned long long)local->dwHighDateTime << 32) | local->dwLowDateTime;
    n = ((unsigned long long)now.dwHighDateTime << 32) | now.dwLowDateTime;
    nl = ((unsigned long long)now_local.dwHighDateTime << 32) | now_local.dwLowDateTime;
    if ((nl > n && t < nl - n) || (n > nl && t > ~0ull - (n - nl))) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    t = t - nl + n;
    utc->dwLowDateTime = (DWORD)t;
    utc->dwHighDateTime = (DWORD)(t >> 32);
    return TRUE;
}

/* MS-DOS (FAT) dates and times: date = (year - 1980) << 9 | month << 5 | day, time =
 * hour << 11 | minute << 5 | seconds / 2. The FILETIME is taken as it is (a local time, as FAT
 * keeps). DosDateTimeToFileTime fails with ERROR_INVALID_PARAMETER for a field out of range;
 * FileTimeToDosDateTime for a NULL output or a time outside 1980..2107. */
static inline BOOL DosDateTimeToFileTime(WORD fatdate, WORD fattime, LPFILETIME ft)
{
    SYSTEMTIME st;
    memset(&st, 0, sizeof(st));
    st.wYear = (WORD)(1980 + (fatdate >> 9));
    st.wMonth = (WORD)((fatdate >> 5) & 0x0f);
    st.wDay = (WORD)(fatdate & 0x1f);
    st.wHour = (WORD)(fattime >> 11);
    st.wMinute = (WORD)((fattime >> 5) & 0x3f);
    st.wSecond = (WORD)((fattime & 0x1f) * 2);
    return SystemTimeToFileTime(&st, ft);
}

static inline BOOL FileTimeToDosDateTime(const FILETIME *ft, LPWORD fatdate, LPWORD fattime)
{
    SYSTEMTIME st;
    if (ft == NULL || fatdate == NULL || fattime == NULL) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (!FileTimeToSystemTime(ft, &st))
        return FALSE;
    if (st.wYear < 1980 || st.wYear > 2107) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    *fatdate = (WORD)(((st.wYear - 1980) << 9) | (st.wMonth << 5) | st.wDay);
    *fattime = (WORD)((st.wHour << 11) | (st.wMinute << 5) | (st.wSecond / 2));
    return TRUE;
}

#ifdef __cplusplus
}
#endif

#endif /* WS2MP_COMPAT_SYSINFOAPI_H */

/*
 * ws2mp compat: <sysinfoapi.h> and <timezoneapi.h>: the calendar clock.
 *
 * SYSTEMTIME and FILETIME in Windows' layouts. GetSystemTime, GetLocalTime,
 * GetSystemTimeAsFileTime, GetSystemTimePreciseAsFileTime, FileTimeToSystemTime,
 * SystemTimeToFileTime and FileTimeToLocalFileTime are exported by libws2mp (declared in
 * ws2mp.h with `void *` for these structures). Local time is the C library's (the TZ
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

#ifdef __cplusplus
}
#endif

#endif /* WS2MP_COMPAT_SYSINFOAPI_H */

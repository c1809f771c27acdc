/*
 * ws2mp compat: <timezoneapi.h>: GetTimeZoneInformation (also through <windows.h>), exported
 * by libws2mp (declared in ws2mp.h). The zone is the C library's (TZ, else the system's):
 * Bias, DaylightBias and the yearly transitions in Windows' day-in-month form, read from the
 * zone's rules for the current year; the names are the zone's abbreviations ("CET", "CEST"),
 * where Windows gives long names ("W. Europe Standard Time").
 * SystemTimeToTzSpecificLocalTime and TzSpecificLocalTimeToSystemTime (exported) convert
 * between UTC and the local time of a TIME_ZONE_INFORMATION the program fills (NULL: the
 * current zone), by its bias and yearly transitions as Windows does.
 */
#ifndef WS2MP_COMPAT_TIMEZONEAPI_H
#define WS2MP_COMPAT_TIMEZONEAPI_H

#include "windows.h"
#include "sysinfoapi.h"

#define TIME_ZONE_ID_INVALID ((DWORD)0xFFFFFFFF)
#define TIME_ZONE_ID_UNKNOWN 0
#define TIME_ZONE_ID_STANDARD 1
#define TIME_ZONE_ID_DAYLIGHT 2

typedef struct _TIME_ZONE_INFORMATION {
    LONG Bias;
    WCHAR StandardName[32];
    SYSTEMTIME StandardDate;
    LONG StandardBias;
    WCHAR DaylightName[32];
    SYSTEMTIME DaylightDate;
    LONG DaylightBias;
} TIME_ZONE_INFORMATION, *PTIME_ZONE_INFORMATION, *LPTIME_ZONE_INFORMATION;

#endif /* WS2MP_COMPAT_TIMEZONEAPI_H */

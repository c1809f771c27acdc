/*
 * ws2mp compat: <datetimeapi.h>: GetDateFormatA / GetTimeFormatA (also through <windows.h>),
 * for the date and time in log lines.
 *
 * Pictures as Windows reads them: d dd ddd dddd, M MM MMM MMMM, y yy yyyy, g gg (the era,
 * "A.D."), h hh H HH m mm s ss t tt, and 'quoted text' ('' is a quote). Every locale is
 * English (United States), the one ws2mp knows: without a picture the short date is "M/d/yyyy",
 * the long date "dddd, MMMM d, yyyy", the time "h:mm:ss tt" (LOCALE_INVARIANT: "MM/dd/yyyy"
 * and "HH:mm:ss"); the TIME_NO* and TIME_FORCE24HOURFORMAT flags apply. No time given: now,
 * in local time. Returns the characters written with the NUL, the size needed when cchDate
 * is 0, or 0 with ERROR_INSUFFICIENT_BUFFER / ERROR_INVALID_PARAMETER.
 * GetLocaleInfoA/W (winnls.h) describe the same locale (see below), and GetUserDefaultLCID,
 * GetSystemDefaultLCID, GetThreadLocale and the LANGID getters give its 0x0409.
 */
#ifndef WS2MP_COMPAT_DATETIMEAPI_H
#define WS2MP_COMPAT_DATETIMEAPI_H

#include "windows.h"
#include "sysinfoapi.h"

#ifdef __cplusplus
extern "C" {
#endif

#ifndef WS2MP_LCID_DEFINED
#define WS2MP_LCID_DEFINED
typedef DWORD LCID;
#endif
#define LOCALE_SYSTEM_DEFAULT 0x0800
#define LOCALE_USER_DEFAULT 0x0400
#define LOCALE_INVARIANT 0x007F
#define LOCALE_NEUTRAL 0x0000
#define DATE_SHORTDATE 0x00000001
#define DATE_LONGDATE 0x00000002
#define DATE_USE_ALT_CALENDAR 0x00000004
#define DATE_YEARMONTH 0x00000008
#define DATE_LTRREADING 0x00000010
#define DATE_RTLREADING 0x00000020
#define DATE_AUTOLAYOUT 0x00000040
#define DATE_MONTHDAY 0x00000080
#define LOCALE_NOUSEROVERRIDE 0x80000000
#define TIME_NOMINUTESORSECONDS 0x00000001
#define TIME_NOSECONDS 0x00000002
#define TIME_NOTIMEMARKER 0x00000004
#define TIME_FORCE24HOURFORMAT 0x00000008

/* Appends text to out (cap characters with the NUL; what does not fit is counted, not written). */
static inline void ws2mp_pic_put_(char *out, int cap, int *n, const char *text, int len)
{
    int i;
    for (i = 0; i < len; i++, (*n)++)
        if (*n + 1 < cap)
            out[*n] = text[i];
}

/* The day of the week (0 = Sunday) of a Gregorian date: Windows works it out from the date
 * and ignores wDayOfWeek. */
static inline unsigned ws2mp_weekday_(unsigned y, unsigned m, unsigned d)
{
    static const unsigned offsets[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
    if (m < 3)
        y--;
    return (y + y / 4 - y / 100 + y / 400 + offsets[(m + 11) % 12] + d) % 7;
}

/* One picture into out (room for cap characters with the NUL). Returns the length needed
 * without the NUL. A field the TIME_NO* flags leave out takes with it the text written since
 * the field before it and the text after it up to the next field or space, as on Windows
 * ("h:mm:ss tt" without seconds is "8:56 AM"). */
static inline int ws2mp_picture_(const SYSTEMTIME *t, const char *pic, int is_date, DWORD flags, char *out,
                                 int cap)
{
    static const char *const days[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
    static const char *const months[] = {"January", "February", "March",     "April",   "May",      "June",
                                         "July",    "August",   "September", "October", "November", "December"};
    int n = 0, field_end = 0, skipping = 0;
    while (*pic) {
        char piece[40];
        int run = 1, drop = 0;
        char c = *pic;
        if (c == '\'') {
            /* Quoted text up to the next lone quote; '' is a quote. */
            pic++;
            while (*pic && !(pic[0] == '\'' && pic[1] != '\'')) {
                if (skipping && *pic == ' ')
                    skipping = 0;
                if (!skipping)
                    ws2mp_pic_put_(out, cap, &n, pic, 1);
                pic += (pic[0] == '\'') ? 2 : 1;
            }
            if (*pic)
                pic++;
            continue;
        }
        while (pic[run] == c)
            run++;
        pic += run;
        if (is_date && c == 'd') {
            if (run <= 2)
                sprintf(piece, run == 1 ? "%u" : "%02u", (unsigned)t->wDay);
            else
                snprintf(piece, sizeof piece, "%.*s", run == 3 ? 3 : 16, days[ws2mp_weekday_(t->wYear, t->wMonth, t->wDay)]);
        } else if (is_date && c == 'M') {
            if (run <= 2)
                sprintf(piece, run == 1 ? "%u" : "%02u", (unsigned)t->wMonth);
            else
                snprintf(piece, sizeof piece, "%.*s", run == 3 ? 3 : 16, months[(t->wMonth + 11) % 12]);
        } else if (is_date && c == 'y') {
            if (run <= 2)
                sprintf(piece, run == 1 ? "%u" : "%02u", (unsigned)(t->wYear % 100));
            else
                sprintf(piece, "%0*u", run > 4 ? 5 : 4, (unsigned)t->wYear);
        } else if (is_date && c == 'g') {
            strcpy(piece, "A.D.");
        } else if (!is_date && (c == 'h' || c == 'H')) {
            unsigned h = t->wHour;
            if (c == 'h' && !(flags & TIME_FORCE24HOURFORMAT))
                h = (h % 12 == 0) ? 12 : h % 12;
            sprintf(piece, run == 1 ? "%u" : "%02u", h);
        } else if (!is_date && (c == 'm' || c == 's')) {
            drop = (c == 'm' && (flags & TIME_NOMINUTESORSECONDS)) ||
                   (c == 's' && (flags & (TIME_NOSECONDS | TIME_NOMINUTESORSECONDS)));
            sprintf(piece, run == 1 ? "%u" : "%02u", (unsigned)(c == 'm' ? t->wMinute : t->wSecond));
        } else if (!is_date && c == 't') {
            drop = (flags & TIME_NOTIMEMARKER) != 0;
            snprintf(piece, sizeof piece, "%.*s", run == 1 ? 1 : 2, t->wHour < 12 ? "AM" : "PM");
        } else {
            /* Not a field: literal text. */
            int i;
            for (i = 0; i < run; i++) {
                if (skipping && c == ' ')
                    skipping = 0;
                if (!skipping)
                    ws2mp_pic_put_(out, cap, &n, &c, 1);
            }
            continue;
        }
        if (drop) {
            if (n > field_end)
                n = field_end;
            skipping = 1;
            continue;
        }
        skipping = 0;
        ws2mp_pic_put_(out, cap, &n, piece, (int)strlen(piece));
        field_end = n;
    }
    return n;
}

/* The shared body: the time (now, local, when NULL), the picture, the copy. */
static inline int ws2mp_format_time_(const SYSTEMTIME *when, const char *pic, int is_date, DWORD flags, LCID locale,
                                     char *out, int cap)
{
    static const unsigned char month_days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const DWORD date_kinds = DATE_SHORTDATE | DATE_LONGDATE | DATE_YEARMONTH | DATE_MONTHDAY;
    const DWORD date_flags = date_kinds | DATE_USE_ALT_CALENDAR | DATE_LTRREADING | DATE_RTLREADING | DATE_AUTOLAYOUT;
    const DWORD time_flags = TIME_NOMINUTESORSECONDS | TIME_NOSECONDS | TIME_NOTIMEMARKER | TIME_FORCE24HOURFORMAT;
    SYSTEMTIME now;
    char scratch[256];
    int need;
    if (cap < 0 || (cap > 0 && out == NULL)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    /* Flags as Windows checks them: only the function's own (and LOCALE_NOUSEROVERRIDE,
     * LOCALE_USE_CP_ACP); with a picture no LOCALE_NOUSEROVERRIDE, and for a date no DATE_*
     * kind; at most one kind of date. */
    if ((flags & ~(DWORD)((is_date ? date_flags : time_flags) | LOCALE_NOUSEROVERRIDE | 0x40000000u)) ||
        (pic != NULL && (flags & LOCALE_NOUSEROVERRIDE)) ||
        (is_date && pic != NULL && (flags & date_kinds)) ||
        (is_date && ((flags & date_kinds) & ((flags & date_kinds) - 1)) != 0)) {
        SetLastError(ERROR_INVALID_FLAGS);
        return 0;
    }
    if (when == NULL) {
        GetLocalTime(&now);
        when = &now;
    } else if (is_date ? (when->wYear < 1601 || when->wYear > 30827 || when->wMonth < 1 || when->wMonth > 12 ||
                          when->wDay < 1 || when->wDay > month_days[when->wMonth - 1] ||
                          (when->wMonth == 2 && when->wDay == 29 &&
                           (when->wYear % 4 != 0 || (when->wYear % 100 == 0 && when->wYear % 400 != 0))))
                       : (when->wHour > 23 || when->wMinute > 59 || when->wSecond > 59)) {
        /* only the fields the call shows are checked: a time ignores the date, and a date the time */
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    if (pic == NULL) {
        if (is_date)
            pic = (flags & DATE_LONGDATE)    ? (locale == LOCALE_INVARIANT ? "dddd, dd MMMM yyyy" : "dddd, MMMM d, yyyy")
                  : (flags & DATE_YEARMONTH) ? (locale == LOCALE_INVARIANT ? "yyyy MMMM" : "MMMM yyyy")
                  : (flags & DATE_MONTHDAY)  ? (locale == LOCALE_INVARIANT ? "MMMM dd" : "MMMM d")
                  : (locale == LOCALE_INVARIANT ? "MM/dd/yyyy" : "M/d/yyyy");
        else
            pic = locale == LOCALE_INVARIANT ? "HH:mm:ss" : "h:mm:ss tt";
    }
    need = ws2mp_picture_(when, pic, is_date, flags, scratch, (int)sizeof scratch) + 1;
    if (cap == 0)
        return need;
    if (need > cap || need > (int)sizeof scratch) {
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
        return 0;
    }
    memcpy(out, scratch, (size_t)need - 1);
    out[need - 1] = '\0';
    return need;
}

static inline int GetDateFormatA(LCID Locale, DWORD dwFlags, const SYSTEMTIME *lpDate, LPCSTR lpFormat,
                                 LPSTR lpDateStr, int cchDate)
{
    return ws2mp_format_time_(lpDate, lpFormat, 1, dwFlags, Locale, lpDateStr, cchDate);
}

static inline int GetTimeFormatA(LCID Locale, DWORD dwFlags, const SYSTEMTIME *lpTime, LPCSTR lpFormat,
                                 LPSTR lpTimeStr, int cchTime)
{
    return ws2mp_format_time_(lpTime, lpFormat, 0, dwFlags, Locale, lpTimeStr, cchTime);
}

/* The W forms: the same text in UTF-16 (sizes in WCHARs). */
static inline int ws2mp_format_time_w_(const SYSTEMTIME *when, LPCWSTR format, int date, DWORD flags, LCID locale,
                                       LPWSTR out, int cap)
{
    char *narrow_format, text[512];
    int n, need;
    if (cap < 0 || (cap > 0 && out == NULL)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    narrow_format = ws2mp_wide_to_utf8_(format);
    n = ws2mp_format_time_(when, narrow_format, date, flags, locale, text, sizeof text);
    free(narrow_format);
    if (n == 0)
        return 0;
    need = ws2mp_utf8_to_wide_(text, NULL, 0);
    if (cap == 0)
        return need;
    if (need > cap) {
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
        return 0;
    }
    return ws2mp_utf8_to_wide_(text, out, cap);
}
static inline int GetDateFormatW(LCID Locale, DWORD dwFlags, const SYSTEMTIME *lpDate, LPCWSTR lpFormat,
                                 LPWSTR lpDateStr, int cchDate)
{
    return ws2mp_format_time_w_(lpDate, lpFormat, 1, dwFlags, Locale, lpDateStr, cchDate);
}
static inline int GetTimeFormatW(LCID Locale, DWORD dwFlags, const SYSTEMTIME *lpTime, LPCWSTR lpFormat,
                                 LPWSTR lpTimeStr, int cchTime)
{
    return ws2mp_format_time_w_(lpTime, lpFormat, 0, dwFlags, Locale, lpTimeStr, cchTime);
}
#ifdef UNICODE
#define GetDateFormat GetDateFormatW
#define GetTimeFormat GetTimeFormatW
#else
#define GetDateFormat GetDateFormatA
#define GetTimeFormat GetTimeFormatA
#endif


/* ---- GetLocaleInfoA / GetLocaleInfoW (winnls.h) and the locale identifiers -----------------
 * The one locale ws2mp knows, English (United States), LCID 0x0409, answers for
 * LOCALE_USER_DEFAULT, LOCALE_SYSTEM_DEFAULT, LOCALE_NEUTRAL, LOCALE_CUSTOM_DEFAULT, 0x0409
 * and LANG_ENGLISH; LOCALE_INVARIANT has its own names. Another LCID is 0 with
 * ERROR_INVALID_PARAMETER; an LCTYPE not in the table 0 with ERROR_INVALID_FLAGS. The table has
 * the names, separators, pictures and number and currency conventions, the day and month
 * names (LOCALE_SDAYNAME1 is Monday) and the calendar settings. The code
 * pages (LOCALE_IDEFAULTANSICODEPAGE, LOCALE_IDEFAULTCODEPAGE) are "65001", what GetACP and
 * GetOEMCP say here (a Windows set to use UTF-8 says the same). The returned count includes
 * the NUL; cchData 0 asks for it (the buffer is not touched); a buffer too small is 0 with
 * ERROR_INSUFFICIENT_BUFFER and holds the first cchData characters, as on Windows.
 * LOCALE_RETURN_NUMBER gives a numeric LCTYPE as a DWORD (the count is then the DWORD's size
 * in characters); LOCALE_NOUSEROVERRIDE and LOCALE_USE_CP_ACP change nothing. */
#ifndef WS2MP_LCTYPE_DEFINED
#define WS2MP_LCTYPE_DEFINED
typedef DWORD LCTYPE;
#endif
#ifndef WS2MP_LANGID_DEFINED
#define WS2MP_LANGID_DEFINED
typedef WORD LANGID;
#endif
#ifndef MAKELCID
#define MAKELCID(lgid, srtid) ((DWORD)((((DWORD)((WORD)(srtid))) << 16) | ((DWORD)((WORD)(lgid)))))
#define LANGIDFROMLCID(lcid) ((WORD)(lcid))
#define SORTIDFROMLCID(lcid) ((WORD)((((DWORD)(lcid)) >> 16) & 0xf))
#define SORT_DEFAULT 0x0
#endif
#define LOCALE_CUSTOM_DEFAULT 0x0C00
#define LOCALE_CUSTOM_UNSPECIFIED 0x1000
#define LOCALE_USE_CP_ACP 0x40000000
#define LOCALE_RETURN_NUMBER 0x20000000
#define LOCALE_ILANGUAGE 0x0001
#define LOCALE_SLANGUAGE 0x0002
#define LOCALE_SLOCALIZEDDISPLAYNAME 0x0002
#define LOCALE_SABBREVLANGNAME 0x0003
#define LOCALE_SNATIVELANGNAME 0x0004
#define LOCALE_SNATIVELANGUAGENAME 0x0004
#define LOCALE_ICOUNTRY 0x0005
#define LOCALE_SCOUNTRY 0x0006
#define LOCALE_SLOCALIZEDCOUNTRYNAME 0x0006
#define LOCALE_SABBREVCTRYNAME 0x0007
#define LOCALE_SNATIVECTRYNAME 0x0008
#define LOCALE_SNATIVECOUNTRYNAME 0x0008
#define LOCALE_IDEFAULTLANGUAGE 0x0009
#define LOCALE_IDEFAULTCOUNTRY 0x000A
#define LOCALE_IDEFAULTCODEPAGE 0x000B
#define LOCALE_SLIST 0x000C
#define LOCALE_IMEASURE 0x000D
#define LOCALE_SDECIMAL 0x000E
#define LOCALE_STHOUSAND 0x000F
#define LOCALE_SGROUPING 0x0010
#define LOCALE_IDIGITS 0x0011
#define LOCALE_ILZERO 0x0012
#define LOCALE_SNATIVEDIGITS 0x0013
#define LOCALE_SCURRENCY 0x0014
#define LOCALE_SINTLSYMBOL 0x0015
#define LOCALE_SMONDECIMALSEP 0x0016
#define LOCALE_SMONTHOUSANDSEP 0x0017
#define LOCALE_ICURRDIGITS 0x0019
#define LOCALE_ICURRENCY 0x001B
#define LOCALE_INEGCURR 0x001C
#define LOCALE_SDATE 0x001D
#define LOCALE_STIME 0x001E
#define LOCALE_SSHORTDATE 0x001F
#define LOCALE_SLONGDATE 0x0020
#define LOCALE_IDATE 0x0021
#define LOCALE_ITIME 0x0023
#define LOCALE_S1159 0x0028
#define LOCALE_S2359 0x0029
#define LOCALE_SPOSITIVESIGN 0x0050
#define LOCALE_SNEGATIVESIGN 0x0051
#define LOCALE_SISO639LANGNAME 0x0059
#define LOCALE_SISO3166CTRYNAME 0x005A
#define LOCALE_SNAME 0x005C
#define LOCALE_SENGLANGUAGE 0x1001
#define LOCALE_SENGLISHLANGUAGENAME 0x1001
#define LOCALE_SENGCOUNTRY 0x1002
#define LOCALE_SENGLISHCOUNTRYNAME 0x1002
#define LOCALE_STIMEFORMAT 0x1003
#define LOCALE_IDEFAULTANSICODEPAGE 0x1004
#define LOCALE_IDEFAULTMACCODEPAGE 0x1011
#define LOCALE_SISO639LANGNAME2 0x0067
#define LOCALE_SISO3166CTRYNAME2 0x0068
#define LOCALE_SMONGROUPING 0x0018
#define LOCALE_ICENTURY 0x0024
#define LOCALE_ITLZERO 0x0025
#define LOCALE_IDAYLZERO 0x0026
#define LOCALE_IMONLZERO 0x0027
#define LOCALE_SDAYNAME1 0x002A
#define LOCALE_SDAYNAME2 0x002B
#define LOCALE_SDAYNAME3 0x002C
#define LOCALE_SDAYNAME4 0x002D
#define LOCALE_SDAYNAME5 0x002E
#define LOCALE_SDAYNAME6 0x002F
#define LOCALE_SDAYNAME7 0x0030
#define LOCALE_SABBREVDAYNAME1 0x0031
#define LOCALE_SABBREVDAYNAME2 0x0032
#define LOCALE_SABBREVDAYNAME3 0x0033
#define LOCALE_SABBREVDAYNAME4 0x0034
#define LOCALE_SABBREVDAYNAME5 0x0035
#define LOCALE_SABBREVDAYNAME6 0x0036
#define LOCALE_SABBREVDAYNAME7 0x0037
#define LOCALE_SMONTHNAME1 0x0038
#define LOCALE_SMONTHNAME2 0x0039
#define LOCALE_SMONTHNAME3 0x003A
#define LOCALE_SMONTHNAME4 0x003B
#define LOCALE_SMONTHNAME5 0x003C
#define LOCALE_SMONTHNAME6 0x003D
#define LOCALE_SMONTHNAME7 0x003E
#define LOCALE_SMONTHNAME8 0x003F
#define LOCALE_SMONTHNAME9 0x0040
#define LOCALE_SMONTHNAME10 0x0041
#define LOCALE_SMONTHNAME11 0x0042
#define LOCALE_SMONTHNAME12 0x0043
#define LOCALE_SMONTHNAME13 0x100E
#define LOCALE_SABBREVMONTHNAME1 0x0044
#define LOCALE_SABBREVMONTHNAME2 0x0045
#define LOCALE_SABBREVMONTHNAME3 0x0046
#define LOCALE_SABBREVMONTHNAME4 0x0047
#define LOCALE_SABBREVMONTHNAME5 0x0048
#define LOCALE_SABBREVMONTHNAME6 0x0049
#define LOCALE_SABBREVMONTHNAME7 0x004A
#define LOCALE_SABBREVMONTHNAME8 0x004B
#define LOCALE_SABBREVMONTHNAME9 0x004C
#define LOCALE_SABBREVMONTHNAME10 0x004D
#define LOCALE_SABBREVMONTHNAME11 0x004E
#define LOCALE_SABBREVMONTHNAME12 0x004F
#define LOCALE_SABBREVMONTHNAME13 0x100F
#define LOCALE_IPOSSIGNPOSN 0x0052
#define LOCALE_INEGSIGNPOSN 0x0053
#define LOCALE_IPOSSYMPRECEDES 0x0054
#define LOCALE_IPOSSEPBYSPACE 0x0055
#define LOCALE_INEGSYMPRECEDES 0x0056
#define LOCALE_INEGSEPBYSPACE 0x0057
#define LOCALE_SSHORTTIME 0x0079
#define LOCALE_ITIMEMARKPOSN 0x1005
#define LOCALE_SYEARMONTH 0x1006
#define LOCALE_SENGCURRNAME 0x1007
#define LOCALE_SNATIVECURRNAME 0x1008
#define LOCALE_ICALENDARTYPE 0x1009
#define LOCALE_IPAPERSIZE 0x100A
#define LOCALE_IOPTIONALCALENDAR 0x100B
#define LOCALE_IFIRSTDAYOFWEEK 0x100C
#define LOCALE_IFIRSTWEEKOFYEAR 0x100D
#define LOCALE_INEGNUMBER 0x1010
#define LOCALE_IDEFAULTEBCDICCODEPAGE 0x1012
#define LOCALE_IDIGITSUBSTITUTION 0x1014

/* GetUserDefaultLCID & co.: English (United States) everywhere. */
static inline LCID GetUserDefaultLCID(void)
{
    return 0x0409;
}
static inline LCID GetSystemDefaultLCID(void)
{
    return 0x0409;
}
static inline LCID GetThreadLocale(void)
{
    return 0x0409;
}
static inline LANGID GetUserDefaultLangID(void)
{
    return 0x0409;
}
static inline LANGID GetSystemDefaultLangID(void)
{
    return 0x0409;
}
static inline LANGID GetUserDefaultUILanguage(void)
{
    return 0x0409;
}
static inline LANGID GetSystemDefaultUILanguage(void)
{
    return 0x0409;
}

/* The value of `type` in `lcid` as text (NULL: no such LCTYPE); -1 in *bad_locale for an
 * LCID ws2mp does not know. */
static inline const char *ws2mp_locale_value_(LCID lcid, LCTYPE type, int *bad_locale)
{
    int inv = lcid == LOCALE_INVARIANT;
    *bad_locale = 0;
    if (!inv && lcid != LOCALE_USER_DEFAULT && lcid != LOCALE_SYSTEM_DEFAULT && lcid != LOCALE_NEUTRAL &&
        lcid != LOCALE_CUSTOM_DEFAULT && lcid != LOCALE_CUSTOM_UNSPECIFIED && lcid != 0x0409 && lcid != 0x0009) {
        *bad_locale = 1;
        return NULL;
    }
    switch (type) {
    case LOCALE_ILANGUAGE: return inv ? "007f" : "0409";
    case LOCALE_SLANGUAGE: return inv ? "Invariant Language (Invariant Country)" : "English (United States)";
    case LOCALE_SABBREVLANGNAME: return inv ? "IVL" : "ENU";
    case LOCALE_SNATIVELANGNAME: return inv ? "Invariant Language" : "English";
    case LOCALE_ICOUNTRY: return "1";
    case LOCALE_SCOUNTRY: return inv ? "Invariant Country" : "United States";
    case LOCALE_SABBREVCTRYNAME: return inv ? "IVC" : "USA";
    case LOCALE_SNATIVECTRYNAME: return inv ? "Invariant Country" : "United States";
    case LOCALE_IDEFAULTLANGUAGE: return "0409";
    case LOCALE_IDEFAULTCOUNTRY: return "1";
    case LOCALE_IDEFAULTCODEPAGE: return "65001";
    case LOCALE_IDEFAULTANSICODEPAGE: return "65001";
    case LOCALE_IDEFAULTMACCODEPAGE: return "10000";
    case LOCALE_SLIST: return ",";
    case LOCALE_IMEASURE: return inv ? "0" : "1";
    case LOCALE_SDECIMAL: return ".";
    case LOCALE_STHOUSAND: return ",";
    case LOCALE_SGROUPING: return "3;0";
    case LOCALE_IDIGITS: return "2";
    case LOCALE_ILZERO: return "1";
    case LOCALE_SNATIVEDIGITS: return "0123456789";
    case LOCALE_SCURRENCY: return inv ? "\xc2\xa4" : "$";
    case LOCALE_SINTLSYMBOL: return inv ? "XDR" : "USD";
    case LOCALE_SMONDECIMALSEP: return ".";
    case LOCALE_SMONTHOUSANDSEP: return ",";
    case LOCALE_ICURRDIGITS: return "2";
    case LOCALE_ICURRENCY: return "0";
    case LOCALE_INEGCURR: return "0";
    case LOCALE_SDATE: return "/";
    case LOCALE_STIME: return ":";
    case LOCALE_SSHORTDATE: return inv ? "MM/dd/yyyy" : "M/d/yyyy";
    case LOCALE_SLONGDATE: return inv ? "dddd, dd MMMM yyyy" : "dddd, MMMM d, yyyy";
    case LOCALE_STIMEFORMAT: return inv ? "HH:mm:ss" : "h:mm:ss tt";
    case LOCALE_IDATE: return "0";
    case LOCALE_ITIME: return inv ? "1" : "0";
    case LOCALE_S1159: return "AM";
    case LOCALE_S2359: return "PM";
    case LOCALE_SPOSITIVESIGN: return "";
    case LOCALE_SNEGATIVESIGN: return "-";
    case LOCALE_SISO639LANGNAME: return inv ? "iv" : "en";
    case LOCALE_SISO639LANGNAME2: return inv ? "ivl" : "eng";
    case LOCALE_SISO3166CTRYNAME: return inv ? "IV" : "US";
    case LOCALE_SISO3166CTRYNAME2: return inv ? "ivc" : "USA";
    case LOCALE_SNAME: return inv ? "" : "en-US";
    case LOCALE_SENGLANGUAGE: return inv ? "Invariant Language" : "English";
    case LOCALE_SENGCOUNTRY: return inv ? "Invariant Country" : "United States";
    case LOCALE_SMONGROUPING: return "3;0";
    case LOCALE_ICENTURY: return "1";
    case LOCALE_ITLZERO: return inv ? "1" : "0";
    case LOCALE_IDAYLZERO: return inv ? "1" : "0";
    case LOCALE_IMONLZERO: return inv ? "1" : "0";
    case LOCALE_SMONTHNAME13: return "";
    case LOCALE_SABBREVMONTHNAME13: return "";
    case LOCALE_IPOSSIGNPOSN: return "3";
    case LOCALE_INEGSIGNPOSN: return "0";
    case LOCALE_IPOSSYMPRECEDES: return "1";
    case LOCALE_IPOSSEPBYSPACE: return "0";
    case LOCALE_INEGSYMPRECEDES: return "1";
    case LOCALE_INEGSEPBYSPACE: return "0";
    case LOCALE_SSHORTTIME: return inv ? "HH:mm" : "h:mm tt";
    case LOCALE_ITIMEMARKPOSN: return "0";
    case LOCALE_SYEARMONTH: return inv ? "yyyy MMMM" : "MMMM yyyy";
    case LOCALE_SENGCURRNAME: return inv ? "International Monetary Fund" : "US Dollar";
    case LOCALE_SNATIVECURRNAME: return inv ? "International Monetary Fund" : "US Dollar";
    case LOCALE_ICALENDARTYPE: return "1";
    case LOCALE_IPAPERSIZE: return inv ? "9" : "1";
    case LOCALE_IOPTIONALCALENDAR: return "0";
    case LOCALE_IFIRSTDAYOFWEEK: return inv ? "0" : "6";
    case LOCALE_IFIRSTWEEKOFYEAR: return "0";
    case LOCALE_INEGNUMBER: return "1";
    case LOCALE_IDEFAULTEBCDICCODEPAGE: return "037";
    case LOCALE_IDIGITSUBSTITUTION: return "1";
    default: break;
    }
    /* The day and month names (day 1 is Monday, as Windows numbers them). */
    if (type >= LOCALE_SDAYNAME1 && type <= LOCALE_SABBREVMONTHNAME12) {
        static const char *const names[] = {
            "Monday",   "Tuesday",  "Wednesday", "Thursday", "Friday",    "Saturday", "Sunday",
            "Mon",      "Tue",      "Wed",       "Thu",      "Fri",       "Sat",      "Sun",
            "January",  "February", "March",     "April",    "May",       "June",     "July",
            "August",   "September", "October",  "November", "December",
            "Jan",      "Feb",      "Mar",       "Apr",      "May",       "Jun",      "Jul",
            "Aug",      "Sep",      "Oct",       "Nov",      "Dec"};
        return names[type - LOCALE_SDAYNAME1];
    }
    return NULL;
}

/* The value for GetLocaleInfoA/W; returns 0 (the error set) or 1 with the text or number. */
static inline int ws2mp_locale_lookup_(LCID lcid, LCTYPE type, const char **text, DWORD *number)
{
    int bad_locale;
    LCTYPE base = type & ~(LCTYPE)(LOCALE_NOUSEROVERRIDE | LOCALE_USE_CP_ACP | LOCALE_RETURN_NUMBER);
    *text = ws2mp_locale_value_(lcid, base, &bad_locale);
    if (bad_locale) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    if (*text == NULL) {
        SetLastError(ERROR_INVALID_FLAGS);
        return 0;
    }
    if (type & LOCALE_RETURN_NUMBER) {
        const char *p = *text;
        /* Only the numeric LCTYPEs (the I* ones) have a number; ILANGUAGE is hexadecimal. */
        if (*p == '\0' || (base != LOCALE_ILANGUAGE && base != LOCALE_IDEFAULTLANGUAGE && (*p < '0' || *p > '9')) ||
            strchr(p, ';') != NULL || strchr(p, '/') != NULL || strchr(p, ':') != NULL) {
            SetLastError(ERROR_INVALID_FLAGS);
            return 0;
        }
        *number = (DWORD)strtoul(p, NULL,
                                 (base == LOCALE_ILANGUAGE || base == LOCALE_IDEFAULTLANGUAGE) ? 16 : 10);
    }
    return 1;
}

static inline int GetLocaleInfoA(LCID Locale, LCTYPE LCType, LPSTR lpLCData, int cchData)
{
    const char *text;
    DWORD number = 0;
    int need;
    if (cchData < 0 || (cchData > 0 && lpLCData == NULL)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    if (!ws2mp_locale_lookup_(Locale, LCType, &text, &number))
        return 0;
    if (LCType & LOCALE_RETURN_NUMBER) {
        need = (int)sizeof(DWORD);
        if (cchData == 0)
            return need;
        if (cchData < need) {
            SetLastError(ERROR_INSUFFICIENT_BUFFER);
            return 0;
        }
        memcpy(lpLCData, &number, sizeof(number));
        return need;
    }
    need = (int)strlen(text) + 1;
    if (cchData == 0)
        return need;
    if (cchData < need) {
        memcpy(lpLCData, text, (size_t)cchData);
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
        return 0;
    }
    memcpy(lpLCData, text, (size_t)need);
    return need;
}

static inline int GetLocaleInfoW(LCID Locale, LCTYPE LCType, LPWSTR lpLCData, int cchData)
{
    const char *text;
    DWORD number = 0;
    WCHAR wide[64];
    int need, i;
    if (cchData < 0 || (cchData > 0 && lpLCData == NULL)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    if (!ws2mp_locale_lookup_(Locale, LCType, &text, &number))
        return 0;
    if (LCType & LOCALE_RETURN_NUMBER) {
        need = (int)(sizeof(DWORD) / sizeof(WCHAR));
        if (cchData == 0)
            return need;
        if (cchData < need) {
            SetLastError(ERROR_INSUFFICIENT_BUFFER);
            return 0;
        }
        memcpy(lpLCData, &number, sizeof(number));
        return need;
    }
    need = MultiByteToWideChar(CP_UTF8, 0, text, -1, wide, (int)(sizeof(wide) / sizeof(wide[0])));
    if (cchData == 0)
        return need;
    if (cchData < need) {
        for (i = 0; i < cchData; i++)
            lpLCData[i] = wide[i];
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
        return 0;
    }
    for (i = 0; i < need; i++)
        lpLCData[i] = wide[i];
    return need;
}
#ifdef UNICODE
#define GetLocaleInfo GetLocaleInfoW
#else
#define GetLocaleInfo GetLocaleInfoA
#endif

/* ---- GetNumberFormatA / GetNumberFormatW (winnls.h) ----------------------------------------
 * A number given as text ("-1234.5": an optional '-', digits, an optional '.' and digits; no
 * spaces or separators, else ERROR_INVALID_PARAMETER) written the locale's way, or the way
 * lpFormat says: NumDigits decimals (rounded half up, or padded with zeros), LeadingZero ("0.5"
 * or ".5"), Grouping (each digit a group size counted from the decimal point; the last one
 * repeats unless the number ends in 0, and a 0 inside is an empty group: 3 is "1,234,567", 32
 * "12,34,567", 30 "1234,567"), the two separators and NegativeOrder (0 "(1.1)", 1 "-1.1",
 * 2 "- 1.1", 3 "1.1-", 4 "1.1 -"). English (United States): 2 decimals, a leading zero, groups
 * of 3, "." and ",", "-1.1". lpFormat with any flag is ERROR_INVALID_FLAGS (without it only
 * LOCALE_NOUSEROVERRIDE is allowed); a format without separators, NumDigits above 9 or
 * NegativeOrder above 4 is ERROR_INVALID_PARAMETER. The count includes the NUL; cchNumber 0
 * asks for it; too small is ERROR_INSUFFICIENT_BUFFER. */
typedef struct _numberfmtA {
    UINT NumDigits;
    UINT LeadingZero;
    UINT Grouping;
    LPSTR lpDecimalSep;
    LPSTR lpThousandSep;
    UINT NegativeOrder;
} NUMBERFMTA, *LPNUMBERFMTA;
typedef struct _numberfmtW {
    UINT NumDigits;
    UINT LeadingZero;
    UINT Grouping;
    LPWSTR lpDecimalSep;
    LPWSTR lpThousandSep;
    UINT NegativeOrder;
} NUMBERFMTW, *LPNUMBERFMTW;
#ifdef UNICODE
typedef NUMBERFMTW NUMBERFMT;
typedef LPNUMBERFMTW LPNUMBERFMT;
#else
typedef NUMBERFMTA NUMBERFMT;
typedef LPNUMBERFMTA LPNUMBERFMT;
#endif

/* The number formatted into a malloc'd string (NULL with the error set). */
static inline char *ws2mp_number_format_(LCID locale, DWORD flags, const char *value, const NUMBERFMTA *fmt)
{
    char digits[128], groups[16], *out, *p;
    const char *v = value, *dot, *dec_sep = ".", *thou_sep = ",";
    size_t int_len, frac_len, ngroups = 0, i, len, cap;
    UINT num_digits = 2, leading_zero = 1, neg_order = 1;
    int negative = 0, repeat = 1, bad_locale;
    if (fmt != NULL ? flags != 0 : (flags & ~(DWORD)LOCALE_NOUSEROVERRIDE) != 0) {
        SetLastError(ERROR_INVALID_FLAGS);
        return NULL;
    }
    (void)ws2mp_locale_value_(locale, LOCALE_SDECIMAL, &bad_locale);
    if (bad_locale || value == NULL) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    if (fmt != NULL) {
        UINT g = fmt->Grouping;
        char rev[16];
        size_t n = 0;
        if (fmt->lpDecimalSep == NULL || fmt->lpThousandSep == NULL || fmt->NumDigits > 9 || fmt->NegativeOrder > 4) {
            SetLastError(ERROR_INVALID_PARAMETER);
            return NULL;
        }
        num_digits = fmt->NumDigits;
        leading_zero = fmt->LeadingZero != 0;
        neg_order = fmt->NegativeOrder;
        dec_sep = fmt->lpDecimalSep;
        thou_sep = fmt->lpThousandSep;
        do {
            rev[n++] = (char)(g % 10);
            g /= 10;
        } while (g != 0 && n < sizeof rev);
        for (i = 0; i < n; i++)
            groups[i] = rev[n - 1 - i];
        ngroups = n;
        if (ngroups > 1 && groups[ngroups - 1] == 0) {
            ngroups--; /* a final 0: the groups do not repeat */
            repeat = 0;
        }
        if (ngroups == 1 && groups[0] == 0)
            ngroups = 0;
    } else {
        groups[0] = 3; /* the locale's "3;0" */
        ngroups = 1;
    }
    /* the value: [-]digits[.digits] */
    if (*v == '-') {
        negative = 1;
        v++;
    }
    dot = strchr(v, '.');
    int_len = dot != NULL ? (size_t)(dot - v) : strlen(v);
    frac_len = dot != NULL ? strlen(dot + 1) : 0;
    if ((int_len == 0 && frac_len == 0) || int_len + frac_len + 2 > sizeof digits) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    for (i = 0; i < int_len + frac_len + (dot != NULL); i++) {
        char c = v[i];
        if (!(c >= '0' && c <= '9') && !(dot != NULL && v + i == dot)) {
            SetLastError(ERROR_INVALID_PARAMETER);
            return NULL;
        }
    }
    /* digits = "0" + integer part + the fraction padded or cut to num_digits, rounded */
    digits[0] = '0';
    memcpy(digits + 1, v, int_len);
    for (i = 0; i < num_digits; i++)
        digits[1 + int_len + i] = i < frac_len ? dot[1 + i] : '0';
    len = 1 + int_len + num_digits;
    digits[len] = '\0';
    if (frac_len > num_digits && dot[1 + num_digits] >= '5') {
        for (i = len; i-- > 0;) {
            if (digits[i] == '9') {
                digits[i] = '0';
            } else {
                digits[i]++;
                break;
            }
        }
    }
    /* the integer digits without leading zeros */
    p = digits;
    int_len += 1;
    while (int_len > 0 && *p == '0') {
        p++;
        int_len--;
    }
    for (i = 0; i < len - (size_t)(p - digits); i++)
        if (p[i] != '0')
            break;
    if (i == len - (size_t)(p - digits))
        negative = 0; /* no minus for a zero */
    cap = 2 * int_len + strlen(thou_sep) * (int_len + 16) + strlen(dec_sep) + num_digits + 8;
    out = (char *)malloc(cap);
    if (out == NULL) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    out[0] = '\0';
    if (negative)
        strcat(out, neg_order == 0 ? "(" : neg_order == 1 ? "-" : neg_order == 2 ? "- " : "");
    if (int_len == 0) {
        if (leading_zero || num_digits == 0)
            strcat(out, "0");
    } else {
        /* group from the right: sizes groups[0], groups[1], ...; the last repeats if repeat */
        size_t bounds[128], nb = 0, end = int_len, gi = 0;
        while (nb < 127) {
            size_t size;
            if (gi < ngroups)
                size = (size_t)groups[gi++];
            else if (repeat && ngroups > 0 && groups[ngroups - 1] != 0)
                size = (size_t)groups[ngroups - 1];
            else
                break;
            if (size >= end)
                break; /* the digits left are the first group */
            end -= size;
            bounds[nb++] = end; /* a separator before digit `end` (twice after an empty group) */
        }
        {
            size_t at = 0, k;
            for (k = nb; k-- > 0;) {
                strncat(out, p + at, bounds[k] - at);
                strcat(out, thou_sep);
                at = bounds[k];
            }
            strncat(out, p + at, int_len - at);
        }
    }
    if (num_digits > 0) {
        strcat(out, dec_sep);
        strncat(out, p + int_len, num_digits);
    }
    if (negative)
        strcat(out, neg_order == 0 ? ")" : neg_order == 3 ? "-" : neg_order == 4 ? " -" : "");
    return out;
}

static inline int GetNumberFormatA(LCID Locale, DWORD dwFlags, LPCSTR lpValue, const NUMBERFMTA *lpFormat,
                                   LPSTR lpNumberStr, int cchNumber)
{
    char *text;
    int need;
    if (cchNumber < 0 || (cchNumber > 0 && lpNumberStr == NULL)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    text = ws2mp_number_format_(Locale, dwFlags, lpValue, lpFormat);
    if (text == NULL)
        return 0;
    need = (int)strlen(text) + 1;
    if (cchNumber != 0) {
        if (need > cchNumber) {
            free(text);
            SetLastError(ERROR_INSUFFICIENT_BUFFER);
            return 0;
        }
        memcpy(lpNumberStr, text, (size_t)need);
    }
    free(text);
    return need;
}

static inline int GetNumberFormatW(LCID Locale, DWORD dwFlags, LPCWSTR lpValue, const NUMBERFMTW *lpFormat,
                                   LPWSTR lpNumberStr, int cchNumber)
{
    NUMBERFMTA narrow_format;
    char *value, *text, *dec = NULL, *thou = NULL;
    int need;
    if (cchNumber < 0 || (cchNumber > 0 && lpNumberStr == NULL) || lpValue == NULL) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    if (lpFormat != NULL) {
        narrow_format.NumDigits = lpFormat->NumDigits;
        narrow_format.LeadingZero = lpFormat->LeadingZero;
        narrow_format.Grouping = lpFormat->Grouping;
        narrow_format.NegativeOrder = lpFormat->NegativeOrder;
        narrow_format.lpDecimalSep = dec = lpFormat->lpDecimalSep ? ws2mp_wide_to_utf8_(lpFormat->lpDecimalSep) : NULL;
        narrow_format.lpThousandSep = thou = lpFormat->lpThousandSep ? ws2mp_wide_to_utf8_(lpFormat->lpThousandSep) : NULL;
    }
    value = ws2mp_wide_to_utf8_(lpValue);
    text = ws2mp_number_format_(Locale, dwFlags, value, lpFormat != NULL ? &narrow_format : NULL);
    free(value);
    free(dec);
    free(thou);
    if (text == NULL)
        return 0;
    need = ws2mp_utf8_to_wide_(text, NULL, 0);
    if (cchNumber != 0) {
        if (need > cchNumber) {
            free(text);
            SetLastError(ERROR_INSUFFICIENT_BUFFER);
            return 0;
        }
        ws2mp_utf8_to_wide_(text, lpNumberStr, cchNumber);
    }
    free(text);
    return need;
}
#ifdef UNICODE
#define GetNumberFormat GetNumberFormatW
#else
#define GetNumberFormat GetNumberFormatA
#endif

#ifdef __cplusplus
}
#endif

/* The W helpers above take the C library's wchar_t strings too (ws2mp_wchar_args.h). */
#if !defined(WS2MP_NO_WCHAR_T_OVERLOADS) && !defined(_MSC_VER)
#define WS2MP_WCHAR_ARGS_FOR_DATETIMEAPI_H
#include "ws2mp_wchar_args.h"
#endif

#endif /* WS2MP_COMPAT_DATETIMEAPI_H */

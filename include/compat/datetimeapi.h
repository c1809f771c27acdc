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

/* Drops the separators (any of seps) written just before an omitted field. */
static inline void ws2mp_pic_unput_(const char *out, int cap, int *n, const char *seps)
{
    while (*n > 0 && *n <= cap - 1 && strchr(seps, out[*n - 1]) != NULL)
        (*n)--;
}

/* One picture into out (room for cap characters with the NUL). Returns the length needed
 * without the NUL. */
static inline int ws2mp_picture_(const SYSTEMTIME *t, const char *pic, int is_date, DWORD flags, char *out,
                                 int cap)
{
    static const char *const days[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
    static const char *const months[] = {"January", "February", "March",     "April",   "May",      "June",
                                         "July",    "August",   "September", "October", "November", "December"};
    int n = 0;
    while (*pic) {
        char piece[40];
        int run = 1;
        char c = *pic;
        if (c == '\'') {
            /* Quoted text up to the next lone quote; '' is a quote. */
            pic++;
            while (*pic && !(pic[0] == '\'' && pic[1] != '\'')) {
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
        if (is_date && (c == 'd' || c == 'M')) {
            unsigned v = c == 'd' ? t->wDay : t->wMonth;
            if (run <= 2)
                sprintf(piece, run == 1 ? "%u" : "%02u", v);
            else
                snprintf(piece, sizeof piece, "%.*s", run == 3 ? 3 : 16,
                         c == 'd' ? days[t->wDayOfWeek % 7] : months[(t->wMonth + 11) % 12]);
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
            if ((c == 'm' && (flags & TIME_NOMINUTESORSECONDS)) ||
                (c == 's' && (flags & (TIME_NOSECONDS | TIME_NOMINUTESORSECONDS)))) {
                ws2mp_pic_unput_(out, cap, &n, ":.");
                continue;
            }
            sprintf(piece, run == 1 ? "%u" : "%02u", (unsigned)(c == 'm' ? t->wMinute : t->wSecond));
        } else if (!is_date && c == 't') {
            if (flags & TIME_NOTIMEMARKER) {
                ws2mp_pic_unput_(out, cap, &n, " ");
                continue;
            }
            snprintf(piece, sizeof piece, "%.*s", run == 1 ? 1 : 2, t->wHour < 12 ? "AM" : "PM");
        } else {
            int k = run < (int)sizeof piece ? run : (int)sizeof piece - 1;
            memset(piece, c, (size_t)k);
            piece[k] = '\0';
        }
        ws2mp_pic_put_(out, cap, &n, piece, (int)strlen(piece));
    }
    return n;
}

/* The shared body: the time (now, local, when NULL), the picture, the copy. */
static inline int ws2mp_format_time_(const SYSTEMTIME *when, const char *pic, int is_date, DWORD flags, LCID locale,
                                     char *out, int cap)
{
    SYSTEMTIME now;
    char scratch[256];
    int need;
    if (cap < 0 || (cap > 0 && out == NULL)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    if (when == NULL) {
        GetLocalTime(&now);
        when = &now;
    } else if (when->wMonth < 1 || when->wMonth > 12 || when->wDay < 1 || when->wDay > 31 || when->wHour > 23 ||
               when->wMinute > 59 || when->wSecond > 59) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    if (pic == NULL) {
        if (is_date)
            pic = (flags & DATE_LONGDATE) ? "dddd, MMMM d, yyyy" : (locale == LOCALE_INVARIANT ? "MM/dd/yyyy" : "M/d/yyyy");
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
    char *narrow_format = ws2mp_wide_to_utf8_(format), text[512];
    int n = ws2mp_format_time_(when, narrow_format, date, flags, locale, text, sizeof text), need;
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
 * ERROR_INVALID_PARAMETER; an LCTYPE not in the table 0 with ERROR_INVALID_FLAGS. The code
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
    default: return NULL;
    }
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

#ifdef __cplusplus
}
#endif

/* The W helpers above take the C library's wchar_t strings too (ws2mp_wchar_args.h). */
#if !defined(WS2MP_NO_WCHAR_T_OVERLOADS) && !defined(_MSC_VER)
#define WS2MP_WCHAR_ARGS_FOR_DATETIMEAPI_H
#include "ws2mp_wchar_args.h"
#endif

#endif /* WS2MP_COMPAT_DATETIMEAPI_H */

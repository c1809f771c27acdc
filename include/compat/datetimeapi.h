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

#ifdef __cplusplus
}
#endif

#endif /* WS2MP_COMPAT_DATETIMEAPI_H */

/*
 * ws2mp compat: the C runtime's Windows names.
 *
 * MSVC's C library declares these next to the standard functions: sprintf_s, vsprintf_s,
 * printf_s, fprintf_s, vprintf_s, vfprintf_s,
 * _snprintf(_s), _vsnprintf(_s), _scprintf, strcpy_s, strcat_s, strncpy_s, memcpy_s,
 * memmove_s, strtok_s, _stricmp, _strnicmp, _strdup, _strlwr, _strupr, _strrev, _itoa(_s),
 * _ltoa, _ultoa, _i64toa, _ui64toa, _strtoi64, _strtoui64, _atoi64, _wtoi, _wtol, _wtoi64,
 * _wtof, _memicmp, localtime_s,
 * gmtime_s, ctime_s, _strtime(_s), _strdate(_s), fopen_s, freopen_s, _fsopen, _flushall, scanf_s & co., gets_s, gets,
 * _popen/_pclose, _fseeki64/_ftelli64, strncat_s, _strupr_s/_strlwr_s, _ltoa_s, _ultoa_s,
 * _i64toa_s, _ui64toa_s, mbstowcs_s/wcstombs_s, _set_invalid_parameter_handler, _fdopen,
 * _fileno,
 * strerror_s, _strerror, _get_errno/_set_errno, _errno, _putenv, getenv_s, _dupenv_s, _tzset,
 * _get_timezone/_get_daylight/_timezone/_daylight/_tzname, _isnan, _finite, asctime_s,
 * _mkgmtime, _aligned_malloc/_aligned_free, _msize, _malloca/_freea, __min/__max, __assume, qsort_s,
 * _putenv_s, the old aliases (_strcmpi, _abs64, _hypot, _tempnam, _getw, _ecvt, _swab, _environ, ...),
 * _alloca, _sleep, _MAX_PATH & co., _fullpath, _wcsicmp, _wcsdup, _countof, _byteswap_ushort/
 * _byteswap_ulong/_byteswap_uint64, _rotl/_rotr, _rotl64/_rotr64, _lrotl/_lrotr,
 * rand_s,
 * wcscpy_s/wcscat_s/wcsncpy_s, wcsncat_s, wcstok_s, wmemcpy_s/wmemmove_s, strnlen_s/wcsnlen_s,
 * _itow & co. and their _s forms, _wcstoi64, _wcslwr/_wcsupr(_s), _wcsrev, _wcsset, _strset_s,
 * _wfopen(_s), _wfreopen_s, _wfsopen, _wremove, _wrename, _wputenv, _wgetenv,
 * errno_t, _TRUNCATE, and the C++ overloads that take an array's size from its type. A
 * Windows program calls them having included <stdio.h>, <string.h>, <stdlib.h> or <time.h>
 * alone, so ws2mp's versions of those headers (the system's, then this file) bring them, and
 * so does <windows.h>. The old unprefixed names (stricmp, itoa, ...) come with <windows.h>
 * only. Macros and static inline functions over the C library, and exported functions: rand_s
 * draws from the system's generator, and system is ws2mp_system, which runs cmd.exe's pause, cls, title and color itself (the POSIX
 * shell has none of them) and returns a command's exit code as Windows' system does, not a
 * wait status (-DWS2MP_NO_SYSTEM keeps the C library's).
 */
#ifndef WS2MP_COMPAT_CRT_H
#define WS2MP_COMPAT_CRT_H

/* A program written for Visual C++ up to 2013 says `#define snprintf _snprintf` (or
 * `#define vsnprintf _vsnprintf`, `#define _snprintf snprintf`, ...) before its includes, which
 * Windows' headers accept: such a macro is set aside while ws2mp's definitions below (and the
 * C library's declarations) are read, and is the program's again at the end of this file. A
 * snprintf / vsnprintf macro that ws2mp_msformat.h defined is not the program's. */
#if defined(snprintf) && !defined(WS2MP_MSFORMAT_SNPRINTF_)
#define WS2MP_CRT_SHIELD_SNPRINTF_
#pragma push_macro("snprintf")
#undef snprintf
#endif
#if defined(vsnprintf) && !defined(WS2MP_MSFORMAT_VSNPRINTF_)
#define WS2MP_CRT_SHIELD_VSNPRINTF_
#pragma push_macro("vsnprintf")
#undef vsnprintf
#endif
/* _atoi64, _strtoi64 and _strtoui64 below call these: `#define atoll _atoi64` must not make
 * them call themselves. */
#pragma push_macro("atoll")
#pragma push_macro("strtoll")
#pragma push_macro("strtoull")
#undef atoll
#undef strtoll
#undef strtoull
#ifdef _snprintf
#define WS2MP_CRT_SHIELD__SNPRINTF_
#pragma push_macro("_snprintf")
#undef _snprintf
#endif
#ifdef _vsnprintf
#define WS2MP_CRT_SHIELD__VSNPRINTF_
#pragma push_macro("_vsnprintf")
#undef _vsnprintf
#endif

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
/* printf & co. with Microsoft's %I64d: also for the functions below that format. */
#include "ws2mp_msformat.h"
/* The path and UTF-8 helpers of the wide file functions below (ws2mp_msformat.h includes it too,
 * but not under -DWS2MP_NO_MS_FORMAT). */
#include "ws2mp_path.h"

#ifdef __cplusplus
extern "C" {
#endif

#define STRUNCATE 80
#ifndef _TRUNCATE
#define _TRUNCATE ((size_t)-1)
#endif
#if !defined(__APPLE__) && !defined(__STDC_LIB_EXT1__) && !defined(WS2MP_ERRNO_T_DEFINED)
#define WS2MP_ERRNO_T_DEFINED
typedef int errno_t;
#endif
#define WS2MP_W_STR2_(x) #x
#define WS2MP_W_STR_(x) WS2MP_W_STR2_(x)
/* The C library's localtime_r / gmtime_r through libws2mp, never a program's own functions of
 * those names: a program ported to Windows may define `localtime_r` over `localtime_s`. */
void *ws2mp_localtime_r(const int64_t *t, void *tm);
void *ws2mp_gmtime_r(const int64_t *t, void *tm);
static inline struct tm *ws2mp_localtime_r_(const time_t *t, struct tm *result)
{
    return (struct tm *)ws2mp_localtime_r((const int64_t *)t, result);
}
static inline struct tm *ws2mp_gmtime_r_(const time_t *t, struct tm *result)
{
    return (struct tm *)ws2mp_gmtime_r((const int64_t *)t, result);
}

/* strcasecmp / strncasecmp as _stricmp / _strnicmp compare (each character lowered by
 * tolower, the first difference returned), written out rather than called: <strings.h> is not
 * made visible to a unit that included only <stdio.h>, and a program ported to Windows may
 * define its own strcasecmp over _stricmp. */
static inline int ws2mp_strncasecmp_(const char *a, const char *b, size_t n)
{
    const unsigned char *p = (const unsigned char *)a, *q = (const unsigned char *)b;
    for (; n > 0; n--, p++, q++) {
        int x = tolower(*p), y = tolower(*q);
        if (x != y || x == 0)
            return x - y;
    }
    return 0;
}
static inline int ws2mp_strcasecmp_(const char *a, const char *b)
{
    return ws2mp_strncasecmp_(a, b, (size_t)-1);
}

/* strnlen without POSIX's declaration. */
static inline size_t ws2mp_strnlen_(const char *s, size_t max)
{
    size_t n = 0;
    while (n < max && s[n] != '\0')
        n++;
    return n;
}
/* Windows' _snprintf: on truncation it writes `count` characters WITHOUT a terminating NUL and
 * returns -1; a result of exactly `count` characters is written without the NUL and its
 * length returned; otherwise it returns the length written. A NULL buffer with a count of 0
 * gives the length the result needs (programs size their buffer so), a buffer with a count of
 * 0 is -1. */
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
    if ((size_t)need < count || (buf == NULL && count == 0))
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
    return (size_t)need == count ? need : -1;
}

/* _snprintf_s: always NUL-terminates. With count == _TRUNCATE (or count >= size) a too-long
 * result is truncated and -1 returned. When the result does not fit otherwise, Windows calls
 * the invalid-parameter handler; here buf becomes "" and -1 is returned with errno = ERANGE. */
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
 * ERANGE (dest becomes "") when the result does not fit. A count of 0 copies nothing, so the
 * source is not read: dest becomes "" (NULL dest of size 0: nothing at all) and 0 is returned.
 * The failures set errno too, as Microsoft's library does. */
static inline errno_t strncpy_s(char *dest, size_t size, const char *src, size_t count)
{
    size_t n;
    if (count == 0 && dest == NULL && size == 0)
        return 0;
    if (dest == NULL || size == 0)
        return errno = EINVAL;
    if (count == 0) {
        dest[0] = '\0';
        return 0;
    }
    if (src == NULL) {
        dest[0] = '\0';
        return errno = EINVAL;
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
        return errno = ERANGE;
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
/* ---- C runtime names Windows programs use --------------------------------------------------- */

/* The case-insensitive comparisons give _NLSCMPERROR with errno EINVAL for a NULL string (a
 * count of 0 compares nothing), where Windows calls the invalid-parameter handler and, when the
 * program's handler returns, gives the same. */
#ifndef _NLSCMPERROR
#define _NLSCMPERROR 2147483647
#endif
static inline int _stricmp(const char *a, const char *b)
{
    if (a == NULL || b == NULL) {
        errno = EINVAL;
        return _NLSCMPERROR;
    }
    return ws2mp_strcasecmp_(a, b);
}

static inline int _strnicmp(const char *a, const char *b, size_t n)
{
    if (n > 0 && (a == NULL || b == NULL)) {
        errno = EINVAL;
        return _NLSCMPERROR;
    }
    return n > 0 ? ws2mp_strncasecmp_(a, b, n) : 0;
}

static inline int _stricoll(const char *a, const char *b)
{
    return ws2mp_strcasecmp_(a, b);
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

/* _strlwr / _strupr (and the wide and _s forms below) write only the characters they change,
 * as Microsoft's do: a string already in that case may be read-only (a literal). */
static inline char *_strlwr(char *s)
{
    char *p;
    for (p = s; p != NULL && *p; p++)
        if ((char)tolower((unsigned char)*p) != *p)
            *p = (char)tolower((unsigned char)*p);
    return s;
}

static inline char *_strupr(char *s)
{
    char *p;
    for (p = s; p != NULL && *p; p++)
        if ((char)toupper((unsigned char)*p) != *p)
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

/* The wide conversions (Windows' <stdlib.h> and <wchar.h>) over the C library's wchar_t: the
 * strings of L"" literals and of a wmain's argv. The C library's functions under private
 * names, so that <wchar.h> is not made visible. */
long ws2mp_wcstol_(const wchar_t *s, wchar_t **end, int base)
    __asm__(WS2MP_W_STR_(__USER_LABEL_PREFIX__) "wcstol");
long long ws2mp_wcstoll_(const wchar_t *s, wchar_t **end, int base)
    __asm__(WS2MP_W_STR_(__USER_LABEL_PREFIX__) "wcstoll");
double ws2mp_wcstod_(const wchar_t *s, wchar_t **end)
    __asm__(WS2MP_W_STR_(__USER_LABEL_PREFIX__) "wcstod");
static inline int _wtoi(const wchar_t *s)
{
    return (int)ws2mp_wcstol_(s, NULL, 10);
}
static inline long _wtol(const wchar_t *s)
{
    return ws2mp_wcstol_(s, NULL, 10);
}
static inline long long _wtoi64(const wchar_t *s)
{
    return ws2mp_wcstoll_(s, NULL, 10);
}
static inline long long _wtoll(const wchar_t *s)
{
    return ws2mp_wcstoll_(s, NULL, 10);
}
static inline double _wtof(const wchar_t *s)
{
    return ws2mp_wcstod_(s, NULL);
}

/* The same conversions of a WCHAR (16-bit) string. On Windows WCHAR is wchar_t, so programs
 * give _wtoi a TCHAR buffer of a UNICODE build, a GetWindowTextW or MultiByteToWideChar result,
 * or a token _tcstok_s cut from one. Here WCHAR is not wchar_t: C++ overloads take it, and in C
 * a macro picks the form by the argument's type (_Generic); (_wtoi)(...) and the functions'
 * addresses are the wchar_t ones. Digits are ASCII, as for the wchar_t forms. */
static inline void ws2mp_w16_ascii_(const uint16_t *s, char *a, size_t n)
{
    size_t i = 0;
    for (; i + 1 < n && s[i] != 0; i++)
        a[i] = s[i] < 0x80 ? (char)s[i] : '\x7f';
    a[i] = '\0';
}
static inline long long ws2mp_w16toll_(const uint16_t *s)
{
    char a[128];
    ws2mp_w16_ascii_(s, a, sizeof a);
    return strtoll(a, NULL, 10);
}
static inline long ws2mp_w16tol_(const uint16_t *s)
{
    char a[128];
    ws2mp_w16_ascii_(s, a, sizeof a);
    return strtol(a, NULL, 10);
}
static inline int ws2mp_w16toi_(const uint16_t *s)
{
    return (int)ws2mp_w16tol_(s);
}
static inline double ws2mp_w16tof_(const uint16_t *s)
{
    char a[128];
    ws2mp_w16_ascii_(s, a, sizeof a);
    return strtod(a, NULL);
}
#ifdef __cplusplus
extern "C++" {
static inline int _wtoi(const uint16_t *s)
{
    return ws2mp_w16toi_(s);
}
static inline long _wtol(const uint16_t *s)
{
    return ws2mp_w16tol_(s);
}
static inline long long _wtoi64(const uint16_t *s)
{
    return ws2mp_w16toll_(s);
}
static inline long long _wtoll(const uint16_t *s)
{
    return ws2mp_w16toll_(s);
}
static inline double _wtof(const uint16_t *s)
{
    return ws2mp_w16tof_(s);
}
}
#elif !defined(WS2MP_NO_WCHAR_T_OVERLOADS)
#define WS2MP_W16_PICK_(s, f16, fw)                                                            \
    __extension__ _Generic((s), uint16_t *: f16, const uint16_t *: f16, default: fw)(s)
#define _wtoi(s) WS2MP_W16_PICK_(s, ws2mp_w16toi_, (_wtoi))
#define _wtol(s) WS2MP_W16_PICK_(s, ws2mp_w16tol_, (_wtol))
#define _wtoi64(s) WS2MP_W16_PICK_(s, ws2mp_w16toll_, (_wtoi64))
#define _wtoll(s) WS2MP_W16_PICK_(s, ws2mp_w16toll_, (_wtoll))
#define _wtof(s) WS2MP_W16_PICK_(s, ws2mp_w16tof_, (_wtof))
#endif

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

/* _ltoa / _ultoa (and so _ltoa_s, _ultoa_s, _ltow, _ultow, their _s forms, _ltot): Microsoft's
 * long is 32 bits, so a negative LONG or HRESULT (E_FAIL) shows its 32 two's-complement bits
 * in a base other than 10: "80004005", where the C library's 64-bit long, the argument
 * sign-extended, would give "ffffffff80004005"; _ultoa of such a sign-extended value likewise
 * prints its low 32 bits. Other values are printed whole. */
static inline char *_ltoa(long value, char *buf, int radix)
{
    if (radix != 10 && value < 0 && value >= -2147483647L - 1)
        return _itoa((int)value, buf, radix);
    return _i64toa((long long)value, buf, radix);
}

/* Windows' _vsnprintf: like _snprintf, no NUL and -1 when the output is cut (no NUL and the
 * length when it fills the buffer exactly; the length needed for a NULL buffer of count 0). */
static inline int _vsnprintf(char *buf, size_t count, const char *fmt, va_list ap)
{
    va_list again;
    int need;
    char *tmp;
    va_copy(again, ap);
    need = vsnprintf(buf, count, fmt, ap);
    if (need < 0 || (size_t)need < count || (buf == NULL && count == 0)) {
        va_end(again);
        return need < 0 ? -1 : need;
    }
    if (count > 0) {
        tmp = (char *)malloc((size_t)need + 1);
        if (tmp != NULL) {
            vsnprintf(tmp, (size_t)need + 1, fmt, again);
            memcpy(buf, tmp, count);
            free(tmp);
            va_end(again);
            return (size_t)need == count ? need : -1;
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

static inline int sprintf_s(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = vsprintf_s(buf, size, fmt, ap);
    va_end(ap);
    return n;
}

/* printf_s, fprintf_s, vprintf_s, vfprintf_s: printf & co. with the checks of Microsoft's
 * library (the names its deprecation warnings point programs to). A NULL stream or format calls
 * the invalid-parameter handler there (which ends the program by default); here -1, errno
 * EINVAL. The format is Microsoft's, as for printf (%I64d, %ws, ...). */
#ifndef vfprintf_s /* a program of its own may have defined it as a macro first */
static inline int vfprintf_s(FILE *fp, const char *fmt, va_list ap)
{
    if (fp == NULL || fmt == NULL) {
        errno = EINVAL;
        return -1;
    }
    return vfprintf(fp, fmt, ap);
}
#endif

#ifndef vprintf_s /* a program of its own may have defined it as a macro first */
static inline int vprintf_s(const char *fmt, va_list ap)
{
    return vfprintf_s(stdout, fmt, ap);
}
#endif

#ifndef fprintf_s /* a program of its own may have defined it as a macro first */
static inline int fprintf_s(FILE *fp, const char *fmt, ...)
{
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = vfprintf_s(fp, fmt, ap);
    va_end(ap);
    return n;
}
#endif

#ifndef printf_s /* a program of its own may have defined it as a macro first */
static inline int printf_s(const char *fmt, ...)
{
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = vfprintf_s(stdout, fmt, ap);
    va_end(ap);
    return n;
}
#endif

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
        return errno = EINVAL;
    if (src == NULL) {
        dest[0] = '\0';
        return errno = EINVAL;
    }
    n = strlen(src);
    if (n >= size) {
        dest[0] = '\0';
        return errno = ERANGE;
    }
    memcpy(dest, src, n + 1);
    return 0;
}

static inline errno_t strcat_s(char *dest, size_t size, const char *src)
{
    size_t have, n;
    if (dest == NULL || size == 0)
        return errno = EINVAL;
    if (src == NULL) {
        dest[0] = '\0';
        return errno = EINVAL;
    }
    have = ws2mp_strnlen_(dest, size);
    if (have == size) {
        dest[0] = '\0';
        return errno = EINVAL; /* dest is not terminated within size */
    }
    n = strlen(src);
    if (have + n >= size) {
        dest[0] = '\0';
        return errno = ERANGE;
    }
    memcpy(dest + have, src, n + 1);
    return 0;
}

static inline errno_t memcpy_s(void *dest, size_t size, const void *src, size_t count)
{
    if (count == 0)
        return 0;
    if (dest == NULL)
        return errno = EINVAL;
    if (src == NULL || size < count) {
        memset(dest, 0, size);
        return errno = (src == NULL ? EINVAL : ERANGE);
    }
    memcpy(dest, src, count);
    return 0;
}

static inline errno_t memmove_s(void *dest, size_t size, const void *src, size_t count)
{
    if (count == 0)
        return 0;
    if (dest == NULL || src == NULL)
        return errno = EINVAL;
    if (size < count)
        return errno = ERANGE;
    memmove(dest, src, count);
    return 0;
}

static inline errno_t _itoa_s(int value, char *buf, size_t size, int radix)
{
    char tmp[40];
    if (buf == NULL || size == 0)
        return errno = EINVAL;
    if (radix < 2 || radix > 36) {
        buf[0] = '\0';
        return errno = EINVAL;
    }
    _itoa(value, tmp, radix);
    if (strlen(tmp) >= size) {
        buf[0] = '\0';
        return errno = ERANGE;
    }
    strcpy(buf, tmp);
    return 0;
}

/* localtime_s / gmtime_s in Windows' argument order (result first); 0 or EINVAL, with errno
 * EINVAL too and every field of the result -1 when there is one. Microsoft's span of times
 * applies (see _localtime64 below): localtime_s takes no time before 1970 (the C library's
 * gives 1969-12-31 for -1), gmtime_s none before 1969-12-31 12:00, neither one after the year
 * 3000 (_MAX__TIME64_T). */
static inline errno_t localtime_s(struct tm *result, const time_t *t)
{
    if (result == NULL)
        return errno = EINVAL;
    if (t == NULL || !((*t) >= 0 && (*t) <= 0x793406FFFLL) || ws2mp_localtime_r_(t, result) == NULL) {
        memset(result, 0xff, sizeof(*result));
        return errno = EINVAL;
    }
    return 0;
}

static inline errno_t gmtime_s(struct tm *result, const time_t *t)
{
    if (result == NULL)
        return errno = EINVAL;
    if (t == NULL || !((*t) >= -43200 && (*t) <= 0x793406FFFLL + 46800) ||
        ws2mp_gmtime_r_(t, result) == NULL) {
        memset(result, 0xff, sizeof(*result));
        return errno = EINVAL;
    }
    return 0;
}

static inline errno_t ctime_s(char *buf, size_t size, const time_t *t)
{
    struct tm tm;
    if (buf == NULL || size == 0)
        return errno = EINVAL;
    if (t == NULL || size < 26 || localtime_s(&tm, t) != 0) {
        buf[0] = '\0';
        return errno = (size < 26 ? ERANGE : EINVAL);
    }
    strftime(buf, size, "%a %b %d %H:%M:%S %Y\n", &tm);
    return 0;
}

/* gets_s: a line of standard input without its newline (the C library has no gets since C11,
 * and Windows' has only this). At the input's end with nothing read: "" and NULL. A line longer
 * than `size` - 1 characters: Windows calls the invalid-parameter handler; here the rest of the
 * line is read and dropped, the buffer emptied, errno ERANGE and NULL returned. */
static inline char *gets_s(char *buf, size_t size)
{
    size_t n = 0;
    int c;
    if (buf == NULL || size == 0) {
        errno = EINVAL;
        return NULL;
    }
    while ((c = getchar()) != EOF && c != '\n') {
        if (n + 1 < size)
            buf[n] = (char)c;
        n++;
    }
    if (n >= size) {
        buf[0] = '\0';
        errno = ERANGE;
        return NULL;
    }
    buf[n] = '\0';
    if (c == EOF && (n == 0 || ferror(stdin)))
        return NULL;
    return buf;
}

/* _popen / _pclose: the C library's popen and pclose under private names (a strict ISO C unit
 * has no POSIX declarations). Windows' modes "rt", "rb", "wt", "wb" are "r" and "w" (there is
 * no text mode); _pclose returns the command's exit code as Windows' does, not a wait status
 * (128 + the signal's number for a command a signal ended, as shells report it). */
FILE *ws2mp_popen_(const char *command, const char *mode)
    __asm__(WS2MP_W_STR_(__USER_LABEL_PREFIX__) "popen");
int ws2mp_pclose_(FILE *stream) __asm__(WS2MP_W_STR_(__USER_LABEL_PREFIX__) "pclose");

static inline FILE *_popen(const char *command, const char *mode)
{
    char m[2] = { 0, 0 };
    if (command == NULL || mode == NULL || (mode[0] != 'r' && mode[0] != 'w') ||
        (mode[1] != '\0' && ((mode[1] != 't' && mode[1] != 'b') || mode[2] != '\0'))) {
        errno = EINVAL;
        return NULL;
    }
    m[0] = mode[0];
    return ws2mp_popen_(command, m);
}

static inline int _pclose(FILE *stream)
{
    int status;
    if (stream == NULL) {
        errno = EINVAL;
        return -1;
    }
    status = ws2mp_pclose_(stream);
    if (status == -1)
        return -1;
    return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f);
}

/* fopen_s / freopen_s: the FILE through the first argument (NULL on failure); 0, EINVAL for a
 * NULL argument, else the C library's errno of the failed open. */
static inline errno_t fopen_s(FILE **pfile, const char *name, const char *mode)
{
    if (pfile == NULL)
        return EINVAL;
    *pfile = NULL;
    if (name == NULL || mode == NULL)
        return EINVAL;
    errno = 0;
    *pfile = fopen(name, mode);
    if (*pfile == NULL)
        return errno != 0 ? errno : EINVAL;
    return 0;
}

/* _fsopen: fopen with a share flag (<share.h>: _SH_DENYNO, _SH_DENYWR, ...), as loggers open
 * their files so that others may read them. The flag is not enforced, as CreateFile's share
 * mode is not: another open of the file succeeds. The mode is fopen's (`\` in the path as `/`). */
static inline FILE *_fsopen(const char *name, const char *mode, int shflag)
{
    (void)shflag;
    if (name == NULL || mode == NULL) {
        errno = EINVAL;
        return NULL;
    }
    return fopen(name, mode);
}

/* _flushall: every output stream flushed; returns the number of open streams (here the count
 * is not kept: the three standard streams' 3, Windows' smallest answer). */
static inline int _flushall(void)
{
    fflush(NULL);
    return 3;
}

static inline errno_t freopen_s(FILE **pfile, const char *name, const char *mode, FILE *stream)
{
    if (pfile == NULL)
        return EINVAL;
    *pfile = NULL;
    if (mode == NULL || stream == NULL)
        return EINVAL;
    errno = 0;
    *pfile = freopen(name, mode, stream);
    if (*pfile == NULL)
        return errno != 0 ? errno : EINVAL;
    return 0;
}

/* scanf_s / fscanf_s / sscanf_s: the checked scanf family. Each `%s`, `%c` and `%[` argument is
 * followed by the buffer's size (an unsigned, in characters). The format is read one directive
 * at a time, each handed to the C library's scanf with the size turned into a field width; a
 * token longer than its buffer leaves the buffer "" and ends the call, as Visual C++ does (the
 * rest of that token stays unread; for `%[` it is cut at the buffer's size instead). Returns the
 * fields assigned, or EOF when the input ends before the first conversion. The wide forms
 * (`%ls`, `%lc`, `%l[`, `%S`, `%C`) end the call: a WCHAR is 16 bits here. */
typedef struct {
    FILE *in;          /* the stream, or NULL for a string */
    const char *str;   /* the string and how much of it was read */
    size_t pos;
} ws2mp_scan_src_;

static inline int ws2mp_scan_piece_(ws2mp_scan_src_ *src, const char *piece, void *arg, int *used)
{
    int r;
    *used = -1;
    if (src->in != NULL)
        r = arg != NULL ? fscanf(src->in, piece, arg, used) : fscanf(src->in, piece, used);
    else
        r = arg != NULL ? sscanf(src->str + src->pos, piece, arg, used)
                        : sscanf(src->str + src->pos, piece, used);
    if (*used >= 0 && src->in == NULL)
        src->pos += (size_t)*used;
    return r;
}

/* The character after a `%s` field: is the token longer than what was read? */
static inline int ws2mp_scan_more_(ws2mp_scan_src_ *src)
{
    int c;
    if (src->in == NULL) {
        c = (unsigned char)src->str[src->pos];
        return c != 0 && !isspace(c);
    }
    c = getc(src->in);
    if (c == EOF)
        return 0;
    ungetc(c, src->in);
    return !isspace(c);
}

/* Converts `bytes` bytes of UTF-8 (-1: through its NUL) to at most `cap` wide units at `dest`;
 * the units written, 0 when they do not fit. <tchar.h>'s wide scanf family passes one for
 * WCHAR, swscanf_s one for wchar_t. */
typedef int (*ws2mp_scan_widen_)(const char *text, int bytes, void *dest, unsigned cap);

/* The engine of the checked family (`checked`: each string argument is followed by its size)
 * and of <tchar.h>'s wide family (`widen` not NULL: `%s`, `%c`, `%[` and their `l`/`w` forms
 * fill WCHAR buffers, `%S`, `%C` and the `h` forms char ones, as in Microsoft's wscanf; a
 * wide field is read as UTF-8, at most 1023 bytes, then converted). */
static inline int ws2mp_vscan_(ws2mp_scan_src_ *src, const char *fmt, va_list ap, int checked, ws2mp_scan_widen_ widen)
{
    char piece[272], field[1024];
    int assigned = 0, converted = 0, total = 0, used, r;
    const char *p = fmt;
    if (fmt == NULL) {
        errno = EINVAL;
        return EOF;
    }
    while (*p != '\0') {
        const char *start = p;
        size_t len;
        if (*p != '%' || p[1] == '%') {
            /* literal text and white space, up to the next conversion */
            while (*p != '\0' && (*p != '%' || p[1] == '%'))
                p += *p == '%' ? 2 : 1;
            len = (size_t)(p - start);
            if (len + 3 > sizeof(piece))
                return assigned;
            memcpy(piece, start, len);
            memcpy(piece + len, "%n", 3);
            r = ws2mp_scan_piece_(src, piece, NULL, &used);
            if (used < 0)
                return (r == EOF && converted == 0) ? EOF : assigned;
            total += used;
            continue;
        }
        {
            int suppress = 0, width = -1, wide = 0, capped = 0;
            char conv, lenmod[4] = "";
            const char *set = NULL;
            size_t setlen = 0;
            void *arg = NULL;
            unsigned size = 0;
            p++;
            if (*p == '*') {
                suppress = 1;
                p++;
            }
            if (isdigit((unsigned char)*p)) {
                width = 0;
                while (isdigit((unsigned char)*p))
                    width = width * 10 + (*p++ - '0');
            }
            /* Microsoft's sizes: I64 (64 bits), I32 (32), I (pointer-sized) */
            if (p[0] == 'I' && p[1] == '6' && p[2] == '4') {
                strcpy(lenmod, "ll");
                p += 3;
            } else if (p[0] == 'I' && p[1] == '3' && p[2] == '2') {
                p += 3;
            } else if (p[0] == 'I' && p[1] != '\0' && strchr("diouxXn", p[1]) != NULL) {
                strcpy(lenmod, "z");
                p++;
            }
            while (*p == 'h' || *p == 'l' || *p == 'L' || *p == 'j' || *p == 'z' || *p == 't' || *p == 'w') {
                if (strlen(lenmod) < 2) {
                    size_t k = strlen(lenmod);
                    lenmod[k] = *p;
                    lenmod[k + 1] = '\0';
                }
                p++;
            }
            conv = *p;
            if (conv == '\0')
                return assigned;
            p++;
            if (conv == '[') {
                set = p;
                if (*p == '^')
                    p++;
                if (*p == ']')
                    p++;
                while (*p != '\0' && *p != ']')
                    p++;
                if (*p != ']')
                    return assigned;
                setlen = (size_t)(p - set);
                p++;
            }
            if (widen != NULL && (conv == 'S' || conv == 'C')) {
                conv = conv == 'S' ? 's' : 'c';
                lenmod[0] = 'h';
            }
            wide = (conv == 'S' || conv == 'C' ||
                    ((conv == 's' || conv == 'c' || conv == '[') && (lenmod[0] == 'l' || lenmod[0] == 'w')));
            if (widen != NULL && (conv == 's' || conv == 'c' || conv == '[')) {
                wide = lenmod[0] != 'h';
                lenmod[0] = '\0';
            } else if (wide) {
                return assigned;
            }
            if (conv == 'n') {
                if (!suppress)
                    *va_arg(ap, int *) = total;
                continue;
            }
            if (!suppress) {
                arg = va_arg(ap, void *);
                if ((conv == 's' || conv == 'c' || conv == '[') && !checked)
                    size = wide ? (unsigned)sizeof(field) : 0;
                if ((conv == 's' || conv == 'c' || conv == '[') && checked) {
                    size = va_arg(ap, unsigned);
                    if (conv == 'c') {
                        if (width < 0)
                            width = 1;
                        if (size < (unsigned)width) {
                            /* too many characters for the buffer: Windows leaves it "" */
                            if (size > 0 && wide)
                                widen("", -1, arg, 1);
                            else if (size > 0)
                                ((char *)arg)[0] = '\0';
                            return assigned;
                        }
                    } else {
                        if (size == 0)
                            return assigned;
                        if (width < 0 || (unsigned)width > size - 1) {
                            width = (int)(size - 1);
                            capped = 1;
                        }
                        if (width == 0) {
                            if (wide)
                                widen("", -1, arg, 1); /* an empty wide string */
                            else
                                ((char *)arg)[0] = '\0';
                            return assigned;
                        }
                    }
                }
            }
            if (wide && !suppress) {
                if (conv == 'c' && width < 0)
                    width = 1;
                if (width < 0 || width > (int)sizeof(field) - 1) {
                    width = (int)sizeof(field) - 1;
                    capped = conv == 's';
                }
            }
            if (setlen + 32 > sizeof(piece))
                return assigned;
            if (width >= 0)
                len = (size_t)snprintf(piece, sizeof(piece), "%%%s%d%s%c", suppress ? "*" : "",
                                       width, lenmod, conv);
            else
                len = (size_t)snprintf(piece, sizeof(piece), "%%%s%s%c", suppress ? "*" : "",
                                       lenmod, conv);
            if (set != NULL) {
                memcpy(piece + len, set, setlen);
                len += setlen;
                piece[len++] = ']';
            }
            memcpy(piece + len, "%n", 3);
            r = ws2mp_scan_piece_(src, piece, wide && !suppress ? (void *)field : arg, &used);
            if (used < 0)
                return (r == EOF && converted == 0) ? EOF : assigned;
            total += used;
            converted = 1;
            if (!suppress) {
                if (conv == 's' && capped && ws2mp_scan_more_(src)) {
                    if (wide)
                        widen("", -1, arg, 1); /* an empty wide string */
                    else
                        ((char *)arg)[0] = '\0';
                    return assigned;
                }
                if (wide && widen(field, conv == 'c' ? width : -1, arg, size) == 0) {
                    if (conv != 'c')
                        widen("", -1, arg, 1); /* an empty wide string */
                    return assigned;
                }
                assigned++;
            }
        }
    }
    return assigned;
}

static inline int vfscanf_s(FILE *in, const char *fmt, va_list ap)
{
    ws2mp_scan_src_ src = {in, NULL, 0};
    if (in == NULL) {
        errno = EINVAL;
        return EOF;
    }
    return ws2mp_vscan_(&src, fmt, ap, 1, NULL);
}

static inline int vsscanf_s(const char *str, const char *fmt, va_list ap)
{
    ws2mp_scan_src_ src = {NULL, str, 0};
    if (str == NULL) {
        errno = EINVAL;
        return EOF;
    }
    return ws2mp_vscan_(&src, fmt, ap, 1, NULL);
}

static inline int vscanf_s(const char *fmt, va_list ap)
{
    return vfscanf_s(stdin, fmt, ap);
}

static inline int fscanf_s(FILE *in, const char *fmt, ...)
{
    va_list ap;
    int r;
    va_start(ap, fmt);
    r = vfscanf_s(in, fmt, ap);
    va_end(ap);
    return r;
}

static inline int sscanf_s(const char *str, const char *fmt, ...)
{
    va_list ap;
    int r;
    va_start(ap, fmt);
    r = vsscanf_s(str, fmt, ap);
    va_end(ap);
    return r;
}

static inline int scanf_s(const char *fmt, ...)
{
    va_list ap;
    int r;
    va_start(ap, fmt);
    r = vfscanf_s(stdin, fmt, ap);
    va_end(ap);
    return r;
}
/* ---- more C runtime names --------------------------------------------------------------------- */
static inline char *_ultoa(unsigned long value, char *buf, int radix)
{
    char tmp[72];
    unsigned long long u = (unsigned long long)value;
    int i = 0, j = 0;
#if ULONG_MAX > 0xFFFFFFFFUL
    if (u >= 0xFFFFFFFF80000000ULL) /* a negative 32-bit value, sign-extended */
        u &= 0xFFFFFFFFULL;
#endif
    if (radix < 2 || radix > 36) {
        buf[0] = '\0';
        return buf;
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

static inline char *_ui64toa(unsigned long long value, char *buf, int radix)
{
    char tmp[72];
    int i = 0, j = 0;
    if (radix < 2 || radix > 36) {
        buf[0] = '\0';
        return buf;
    }
    do {
        unsigned d = (unsigned)(value % (unsigned)radix);
        tmp[i++] = (char)(d < 10 ? '0' + d : 'a' + d - 10);
        value /= (unsigned)radix;
    } while (value != 0);
    while (i > 0)
        buf[j++] = tmp[--i];
    buf[j] = '\0';
    return buf;
}

/* strtok_s: strtok with the position kept in *context (the same as POSIX strtok_r). */
static inline char *strtok_s(char *str, const char *delim, char **context)
{
    char *start, *end;
    if (delim == NULL || context == NULL || (str == NULL && *context == NULL)) {
        errno = EINVAL;
        return NULL;
    }
    start = str ? str : *context;
    start += strspn(start, delim);
    if (*start == '\0') {
        *context = start;
        return NULL;
    }
    end = start + strcspn(start, delim);
    if (*end != '\0')
        *end++ = '\0';
    *context = end;
    return start;
}

/* _memicmp: memcmp ignoring ASCII case. */
static inline int _memicmp(const void *a, const void *b, size_t n)
{
    const unsigned char *p = (const unsigned char *)a, *q = (const unsigned char *)b;
    size_t i;
    if (n > 0 && (a == NULL || b == NULL)) {
        errno = EINVAL;
        return _NLSCMPERROR;
    }
    for (i = 0; i < n; i++) {
        int d = tolower(p[i]) - tolower(q[i]);
        if (d != 0)
            return d;
    }
    return 0;
}

/* _strtime / _strdate: the local time as "hh:mm:ss" and the date as "mm/dd/yy" (9 bytes). The
 * _s forms: EINVAL for a NULL buffer, ERANGE (only the first byte cleared) for fewer than 9
 * bytes, in errno too. */
static inline char *_strtime(char *buf)
{
    time_t now = time(NULL);
    struct tm tm;
    ws2mp_localtime_r_(&now, &tm);
    strftime(buf, 9, "%H:%M:%S", &tm);
    return buf;
}
static inline char *_strdate(char *buf)
{
    time_t now = time(NULL);
    struct tm tm;
    ws2mp_localtime_r_(&now, &tm);
    strftime(buf, 9, "%m/%d/%y", &tm);
    return buf;
}
static inline errno_t _strtime_s(char *buf, size_t size)
{
    if (buf == NULL || size < 9) {
        if (buf != NULL && size > 0)
            buf[0] = '\0';
        return errno = (buf == NULL ? EINVAL : ERANGE);
    }
    _strtime(buf);
    return 0;
}
static inline errno_t _strdate_s(char *buf, size_t size)
{
    if (buf == NULL || size < 9) {
        if (buf != NULL && size > 0)
            buf[0] = '\0';
        return errno = (buf == NULL ? EINVAL : ERANGE);
    }
    _strdate(buf);
    return 0;
}
/* The 64-bit time functions (time_t is already 64 bits here), with the span Microsoft's
 * library accepts: a local time from 0 (1970-01-01 00:00:00 UTC) to _MAX__TIME64_T
 * (3001-01-01 07:59:59 UTC, the end of the year 3000 on the US Pacific coast), a UTC one from
 * 12 hours before 0 to 13 hours after that end. Outside it _localtime64, _gmtime64 and
 * _ctime64 are NULL with errno EINVAL (the C library converts any year) and _mktime64 is -1 for a
 * date before 1970 or after 3000, as a program's "no valid time" check expects. */
#define __time64_t time_t
#ifndef _MAX__TIME64_T
#define _MAX__TIME64_T 0x793406FFFLL
#endif
#define WS2MP_LOCAL_TIME_OK_(t) ((t) >= 0 && (t) <= 0x793406FFFLL)
#define WS2MP_UTC_TIME_OK_(t) ((t) >= -43200 && (t) <= 0x793406FFFLL + 46800)
#define _time64 time
static inline struct tm *_localtime64(const time_t *t)
{
    if (t == NULL || !WS2MP_LOCAL_TIME_OK_(*t)) {
        errno = EINVAL;
        return NULL;
    }
    return localtime(t);
}
static inline struct tm *_gmtime64(const time_t *t)
{
    if (t == NULL || !WS2MP_UTC_TIME_OK_(*t)) {
        errno = EINVAL;
        return NULL;
    }
    return gmtime(t);
}
static inline time_t _mktime64(struct tm *tm)
{
    time_t t;
    if (tm == NULL) {
        errno = EINVAL;
        return (time_t)-1;
    }
    t = mktime(tm);
    return WS2MP_LOCAL_TIME_OK_(t) ? t : (time_t)-1;
}
static inline char *_ctime64(const time_t *t)
{
    if (t == NULL || !WS2MP_LOCAL_TIME_OK_(*t)) {
        errno = EINVAL;
        return NULL;
    }
    return ctime(t);
}
#define _difftime64 difftime
/* _fileno: Windows' <stdio.h> declares it (so does <io.h>). */
#ifndef WS2MP_FILENO_DEFINED
#define WS2MP_FILENO_DEFINED
int ws2mp_fileno_(FILE *f) __asm__(WS2MP_W_STR_(__USER_LABEL_PREFIX__) "fileno");
static inline int _fileno(FILE *f)
{
    return ws2mp_fileno_(f);
}
#endif

/* _exit: Windows' <stdlib.h> and <process.h> declare it; POSIX puts it in <unistd.h>, which a
 * Windows program never includes. Declared here exactly as <unistd.h> declares it (glibc, macOS
 * and the BSDs: no exception specification), so a later #include <unistd.h> agrees. */
#if !defined(_UNISTD_H) && !defined(_UNISTD_H_)
void _exit(int status) __attribute__((__noreturn__));
#endif

/* ---- more of the C runtime: errors, environment, paths, times, wide strings ------------------ */
#ifndef _MAX_PATH
#define _MAX_PATH 260
#define _MAX_DRIVE 3
#define _MAX_DIR 256
#define _MAX_FNAME 256
#define _MAX_EXT 256
#endif

/* _splitpath(_s), _makepath(_s): a path as drive ("C:"), directory (through its last '\' or
 * '/'), file name and extension (from the name's last '.'), and back. */
static inline void ws2mp_path_parts_(const char *path, size_t *drive, size_t *dir, size_t *name)
{
    size_t i, end = strlen(path), sep = 0, dot = end;
    *drive = (path[0] != '\0' && path[1] == ':') ? 2 : 0;
    for (i = *drive; i < end; i++)
        if (path[i] == '\\' || path[i] == '/')
            sep = i + 1;
    if (sep < *drive)
        sep = *drive;
    for (i = end; i > sep; i--)
        if (path[i - 1] == '.') {
            dot = i - 1;
            break;
        }
    *dir = sep;
    *name = dot;
}
static inline int ws2mp_path_part_(char *out, size_t size, const char *from, size_t len)
{
    if (out == NULL)
        return 1;
    if (len + 1 > size)
        return 0;
    memcpy(out, from, len);
    out[len] = '\0';
    return 1;
}
static inline errno_t _splitpath_s(const char *path, char *drive, size_t driveSize, char *dir, size_t dirSize,
                                   char *fname, size_t fnameSize, char *ext, size_t extSize)
{
    size_t d, s, n;
    if (path == NULL || (drive == NULL) != (driveSize == 0) || (dir == NULL) != (dirSize == 0) ||
        (fname == NULL) != (fnameSize == 0) || (ext == NULL) != (extSize == 0)) {
        errno = EINVAL;
        return EINVAL;
    }
    ws2mp_path_parts_(path, &d, &s, &n);
    if (!ws2mp_path_part_(drive, driveSize, path, d) || !ws2mp_path_part_(dir, dirSize, path + d, s - d) ||
        !ws2mp_path_part_(fname, fnameSize, path + s, n - s) ||
        !ws2mp_path_part_(ext, extSize, path + n, strlen(path + n))) {
        if (drive)
            drive[0] = '\0';
        if (dir)
            dir[0] = '\0';
        if (fname)
            fname[0] = '\0';
        if (ext)
            ext[0] = '\0';
        errno = ERANGE;
        return ERANGE;
    }
    return 0;
}
static inline void _splitpath(const char *path, char *drive, char *dir, char *fname, char *ext)
{
    _splitpath_s(path, drive, drive ? _MAX_DRIVE : 0, dir, dir ? _MAX_DIR : 0, fname, fname ? _MAX_FNAME : 0, ext,
                 ext ? _MAX_EXT : 0);
}
static inline errno_t _makepath_s(char *path, size_t size, const char *drive, const char *dir, const char *fname,
                                  const char *ext)
{
    size_t len = 0, di = dir ? strlen(dir) : 0;
    size_t need = (drive && drive[0] ? 2 : 0) + di + (di > 0 && dir[di - 1] != '\\' && dir[di - 1] != '/') +
                  (fname ? strlen(fname) : 0) + (ext && ext[0] ? strlen(ext) + (ext[0] != '.') : 0);
    char small[_MAX_PATH], *out = small;
    if (path == NULL || size == 0) {
        errno = EINVAL;
        return EINVAL;
    }
    if (need + 1 > size) {
        path[0] = '\0';
        errno = ERANGE;
        return ERANGE;
    }
    /* Built aside, then copied: a part may be the path buffer itself, as in
     * _makepath(path, NULL, path, "app", "log"), which Microsoft's handles. */
    if (need + 1 > sizeof(small) && (out = (char *)malloc(need + 1)) == NULL) {
        path[0] = '\0';
        errno = ENOMEM;
        return ENOMEM;
    }
    if (drive && drive[0]) {
        out[len++] = drive[0];
        out[len++] = ':';
    }
    if (dir && dir[0]) {
        memcpy(out + len, dir, di);
        len += di;
        if (dir[di - 1] != '\\' && dir[di - 1] != '/')
            out[len++] = '\\';
    }
    if (fname) {
        size_t n = strlen(fname);
        memcpy(out + len, fname, n);
        len += n;
    }
    if (ext && ext[0]) {
        size_t n = strlen(ext);
        if (ext[0] != '.')
            out[len++] = '.';
        memcpy(out + len, ext, n);
        len += n;
    }
    out[len] = '\0';
    memcpy(path, out, len + 1);
    if (out != small)
        free(out);
    return 0;
}
/* _makepath: _makepath_s without a size (Microsoft's writes what the parts need). */
static inline void _makepath(char *path, const char *drive, const char *dir, const char *fname, const char *ext)
{
    _makepath_s(path, (size_t)-1, drive, dir, fname, ext);
}

/* The C library's functions these use, under private names (see above). */
char *ws2mp_strerror_r_(int errnum, char *buf, size_t size)
    __asm__(WS2MP_W_STR_(__USER_LABEL_PREFIX__) "__xpg_strerror_r");
int ws2mp_setenv_(const char *name, const char *value, int overwrite)
    __asm__(WS2MP_W_STR_(__USER_LABEL_PREFIX__) "setenv");
int ws2mp_unsetenv_(const char *name) __asm__(WS2MP_W_STR_(__USER_LABEL_PREFIX__) "unsetenv");
void ws2mp_tzset_(void) __asm__(WS2MP_W_STR_(__USER_LABEL_PREFIX__) "tzset");
time_t ws2mp_timegm_(struct tm *tm) __asm__(WS2MP_W_STR_(__USER_LABEL_PREFIX__) "timegm");
int ws2mp_posix_memalign_(void **out, size_t align, size_t size)
    __asm__(WS2MP_W_STR_(__USER_LABEL_PREFIX__) "posix_memalign");
size_t ws2mp_wcslen_(const wchar_t *s) __asm__(WS2MP_W_STR_(__USER_LABEL_PREFIX__) "wcslen");
int ws2mp_wcscasecmp_(const wchar_t *a, const wchar_t *b)
    __asm__(WS2MP_W_STR_(__USER_LABEL_PREFIX__) "wcscasecmp");
int ws2mp_wcsncasecmp_(const wchar_t *a, const wchar_t *b, size_t n)
    __asm__(WS2MP_W_STR_(__USER_LABEL_PREFIX__) "wcsncasecmp");

/* _fullpath: libws2mp's GetFullPathNameA (under a private name: <stdlib.h> alone declares
 * no Win32 function): the name made absolute against the current directory by text alone, `\`
 * read as `/`, the result the system's `/`-separated path. NULL or "" is the current
 * directory. A NULL buffer is malloc'd to fit (maxLength ignored); a result longer than
 * maxLength - 1 is NULL with errno ERANGE, a maxLength of 0 NULL with EINVAL. */
uint32_t ws2mp_full_path_name_(const char *name, uint32_t size, char *buf, char **part)
    __asm__(WS2MP_W_STR_(__USER_LABEL_PREFIX__) "GetFullPathNameA");
static inline char *_fullpath(char *absPath, const char *relPath, size_t maxLength)
{
    uint32_t need;
    const char *name = (relPath == NULL || relPath[0] == '\0') ? "." : relPath;
    if (absPath != NULL && maxLength == 0) {
        errno = EINVAL;
        return NULL;
    }
    need = ws2mp_full_path_name_(name, 0, NULL, NULL);
    if (need == 0) {
        errno = ENOENT;
        return NULL;
    }
    if (absPath == NULL) {
        char *owned = (char *)malloc(need);
        if (owned == NULL) {
            errno = ENOMEM;
            return NULL;
        }
        if (ws2mp_full_path_name_(name, need, owned, NULL) + 1 != need) {
            free(owned);
            errno = ENOENT;
            return NULL;
        }
        return owned;
    }
    if (need > maxLength || need > 0xFFFFFFFFu) {
        errno = ERANGE;
        return NULL;
    }
    if (ws2mp_full_path_name_(name, (uint32_t)maxLength, absPath, NULL) + 1 != need) {
        errno = ENOENT;
        return NULL;
    }
    return absPath;
}

/* strerror_s: the message of `errnum`, cut to fit (always terminated); 0 or EINVAL. */
static inline errno_t strerror_s(char *buf, size_t size, int errnum)
{
    if (buf == NULL || size == 0)
        return EINVAL;
#if defined(__GLIBC__)
    if (ws2mp_strerror_r_(errnum, buf, size) != 0 && buf[0] == '\0')
        snprintf(buf, size, "Unknown error %d", errnum);
#else
    snprintf(buf, size, "%s", strerror(errnum));
#endif
    buf[size - 1] = '\0';
    return 0;
}

/* _strerror: "msg: <the message of errno>\n" (or just the message) in a per-thread buffer. */
static inline char *_strerror(const char *msg)
{
    static __thread char text[256];
    char m[200];
    strerror_s(m, sizeof(m), errno);
    if (msg != NULL && *msg)
        snprintf(text, sizeof(text), "%s: %s\n", msg, m);
    else
        snprintf(text, sizeof(text), "%s\n", m);
    return text;
}

static inline errno_t _get_errno(int *value)
{
    if (value == NULL)
        return EINVAL;
    *value = errno;
    return 0;
}

static inline errno_t _set_errno(int value)
{
    errno = value;
    return 0;
}

/* The C runtime's errno as Microsoft's headers reach it (`errno` is `(*_errno())`). */
static inline int *_errno(void)
{
    return &errno;
}

static inline char *_strset(char *s, int c)
{
    char *p = s;
    while (*p)
        *p++ = (char)c;
    return s;
}

static inline char *_strnset(char *s, int c, size_t n)
{
    char *p = s;
    while (*p && n-- > 0)
        *p++ = (char)c;
    return s;
}

/* _putenv("NAME=value") sets, "NAME=" removes (the C runtime keeps its own copy); 0 or -1. */
static inline int _putenv(const char *assignment)
{
    char name[256];
    const char *eq = assignment ? strchr(assignment, '=') : NULL;
    size_t n;
    if (eq == NULL || eq == assignment || (n = (size_t)(eq - assignment)) >= sizeof(name)) {
        errno = EINVAL;
        return -1;
    }
    memcpy(name, assignment, n);
    name[n] = '\0';
    if (eq[1] == '\0')
        return ws2mp_unsetenv_(name) == 0 ? 0 : -1;
    return ws2mp_setenv_(name, eq + 1, 1) == 0 ? 0 : -1;
}

/* Old names of the C library's own functions, as Microsoft's library spells them. */
#define _strcmpi _stricmp
#define _abs64(v) llabs(v)
#define _hypot hypot
#define _copysign copysign
#define _chgsign(x) (-(x))
#define _logb logb
#define _nextafter nextafter
#define _scalb(x, e) scalbln((x), (e))
#define _getw getw
#define _putw putw
#define _tempnam tempnam
#define _fgetchar() getchar()
#define _fputchar(c) putchar(c)
#define _gcvt gcvt
/* _ecvt / _fcvt with Microsoft's results (the C library's ecvt/fcvt differ at the edges: zero,
 * a count below 1, a rounding carry). _ecvt: `ndigits` significant digits; _fcvt: the digits
 * up to `ndigits` places after the point (before it when negative), without leading zeros.
 * *decpt is where the point goes, *sign whether the value is negative. A value that rounds to
 * nothing gives "" and the position of the value's first digit; zero gives "000..." (the
 * count, for ndigits > 0) and 0. The text is in a per-thread buffer the next call reuses, as
 * Microsoft's. */
static inline char *ws2mp_cvt_(double value, int ndigits, int *decpt, int *sign, int fixed)
{
    static __thread char out[352];
    char tmp[400], *e;
    int first, sig, i, n = 0;
    *sign = value < 0;
    if (value < 0)
        value = -value;
    out[0] = '\0';
    if (value == 0 || value != value || value - value != 0) {
        *decpt = 0;
        for (; n < ndigits && n < 348; n++)
            out[n] = '0';
        out[n] = '\0';
        return out;
    }
    snprintf(tmp, sizeof(tmp), "%.17e", value);
    e = strchr(tmp, 'e');
    first = (int)strtol(e + 1, NULL, 10) + 1; /* the value is 0.d1d2... x 10^first */
    sig = fixed ? first + ndigits : ndigits;
    if (sig > 348)
        sig = 348;
    if (sig <= 0) {
        /* nothing left but a possible carry into a new first digit */
        if (sig == 0 && tmp[0] >= '5') {
            *decpt = first + 1; /* 0.6 -> 1: _fcvt has the one digit, _ecvt was asked for none */
            if (fixed) {
                out[0] = '1';
                out[1] = '\0';
            }
        } else {
            *decpt = first;
        }
        return out;
    }
    snprintf(tmp, sizeof(tmp), "%.*e", sig - 1, value);
    e = strchr(tmp, 'e');
    *decpt = (int)strtol(e + 1, NULL, 10) + 1;
    for (i = 0; tmp + i < e; i++)
        if (tmp[i] >= '0' && tmp[i] <= '9')
            out[n++] = tmp[i];
    /* a carry (99.99 -> 100.0) moved the point: _fcvt keeps its count of places */
    if (fixed)
        for (; n < *decpt + ndigits && n < 348; n++)
            out[n] = '0';
    out[n] = '\0';
    return out;
}
static inline char *_ecvt(double value, int ndigits, int *decpt, int *sign)
{
    return ws2mp_cvt_(value, ndigits, decpt, sign, 0);
}
static inline char *_fcvt(double value, int ndigits, int *decpt, int *sign)
{
    return ws2mp_cvt_(value, ndigits, decpt, sign, 1);
}
#define _memccpy memccpy
/* _swab: copies n bytes (an even count; an odd last byte is left) swapping each pair. */
static inline void _swab(char *src, char *dest, int n)
{
    int i;
    for (i = 0; i + 1 < n; i += 2) {
        char a = src[i];
        dest[i] = src[i + 1];
        dest[i + 1] = a;
    }
}
/* The environment as the C runtime's variable (POSIX's environ). */
extern char **environ;
#define _environ environ
/* printf's %n is always on here; the old exponent-digits setting is Windows' default. */
#define _TWO_DIGIT_EXPONENT 1
static inline int _get_printf_count_output(void)
{
    return 1;
}
static inline int _set_printf_count_output(int enable)
{
    (void)enable;
    return 1;
}
static inline unsigned int _set_output_format(unsigned int format)
{
    (void)format;
    return 0;
}

/* _putenv_s(name, value): sets the variable, or removes it when `value` is ""; 0, or EINVAL. */
static inline errno_t _putenv_s(const char *name, const char *value)
{
    if (name == NULL || value == NULL || *name == '\0' || strchr(name, '=') != NULL)
        return EINVAL;
    if (*value == '\0')
        return ws2mp_unsetenv_(name) == 0 ? 0 : errno;
    return ws2mp_setenv_(name, value, 1) == 0 ? 0 : errno;
}

/* getenv_s: the value with its NUL in `buf`, its size in *len (0 when not set); ERANGE when
 * it does not fit (*len then says how much is needed). */
static inline errno_t getenv_s(size_t *len, char *buf, size_t size, const char *name)
{
    const char *v;
    size_t n;
    if (len == NULL || name == NULL || (buf == NULL && size > 0))
        return EINVAL;
    v = getenv(name);
    if (v == NULL) {
        *len = 0;
        if (buf != NULL && size > 0)
            buf[0] = '\0';
        return 0;
    }
    n = strlen(v) + 1;
    *len = n;
    if (buf == NULL)
        return 0;
    if (n > size) {
        if (size > 0)
            buf[0] = '\0';
        return ERANGE;
    }
    memcpy(buf, v, n);
    return 0;
}

/* _dupenv_s: a malloc'd copy of the value (free it with free), NULL and 0 when not set. */
static inline errno_t _dupenv_s(char **buf, size_t *len, const char *name)
{
    const char *v;
    size_t n;
    if (buf == NULL || name == NULL)
        return EINVAL;
    *buf = NULL;
    if (len != NULL)
        *len = 0;
    v = getenv(name);
    if (v == NULL)
        return 0;
    n = strlen(v) + 1;
    *buf = (char *)malloc(n);
    if (*buf == NULL)
        return ENOMEM;
    memcpy(*buf, v, n);
    if (len != NULL)
        *len = n;
    return 0;
}

static inline void _tzset(void)
{
    ws2mp_tzset_();
}

/* _get_timezone / _get_daylight and the variables _timezone, _daylight, _tzname: the local
 * zone's standard offset in seconds west of UTC, whether it has a daylight-saving rule, and
 * the standard and daylight names (the C library's tzname). Read from the system's zone each
 * time (the zone is loaded as _tzset does): the standard offset is the smaller of January's
 * and July's UTC offsets, daylight saving is their differing. _timezone and _daylight are
 * lvalues, as MSVC's are, but a value stored there is not kept. */
extern char *ws2mp_tzname_[2] __asm__(WS2MP_W_STR_(__USER_LABEL_PREFIX__) "tzname");
static inline void ws2mp_zone_(long *west, int *dst)
{
    time_t now = time(NULL);
    struct tm at, jan, jul;
    time_t tjan, tjul;
    long off_jan, off_jul;
    ws2mp_tzset_();
    at = *gmtime(&now);
    memset(&jan, 0, sizeof jan);
    jan.tm_year = at.tm_year;
    jan.tm_mday = 1;
    jan.tm_hour = 12;
    jan.tm_isdst = -1;
    jul = jan;
    jul.tm_mon = 6;
    tjan = mktime(&jan);
    tjul = mktime(&jul);
    /* The UTC offset of a local time: local fields read as UTC, less the moment itself. */
    off_jan = (long)(ws2mp_timegm_(&jan) - tjan);
    off_jul = (long)(ws2mp_timegm_(&jul) - tjul);
    *west = -(off_jan < off_jul ? off_jan : off_jul);
    *dst = off_jan != off_jul;
}
static inline errno_t _get_timezone(long *seconds)
{
    int dst;
    if (seconds == NULL)
        return EINVAL;
    ws2mp_zone_(seconds, &dst);
    return 0;
}
static inline errno_t _get_daylight(int *hours)
{
    long west;
    if (hours == NULL)
        return EINVAL;
    ws2mp_zone_(&west, hours);
    return 0;
}
static inline long *ws2mp_timezone_p_(void)
{
    static long west;
    int dst;
    ws2mp_zone_(&west, &dst);
    return &west;
}
static inline int *ws2mp_daylight_p_(void)
{
    static int dst;
    long west;
    ws2mp_zone_(&west, &dst);
    return &dst;
}
static inline char **ws2mp_tzname_p_(void)
{
    ws2mp_tzset_();
    return ws2mp_tzname_;
}
#define _timezone (*ws2mp_timezone_p_())
#define _daylight (*ws2mp_daylight_p_())
#define _tzname (ws2mp_tzname_p_())

/* <float.h>'s _isnan / _finite. */
#ifndef _isnan
#define _isnan(x) __builtin_isnan((double)(x))
#endif
#ifndef _finite
#define _finite(x) __builtin_isfinite((double)(x))
#endif

/* <stdlib.h>'s _countof, byte swaps and rotations. Microsoft's unsigned long is 32 bits:
 * _byteswap_ulong swaps the low 32 bits and _lrotl / _lrotr rotate 32 bits. <x86intrin.h>
 * has macros named _rotl, _rotr, _lrotl and _lrotr (the last two 64-bit): they are dropped
 * here, and <windows.h> drops them again after its <intrin.h>, so these functions count. */
#ifndef _countof
#define _countof(array) (sizeof(array) / sizeof((array)[0]))
#endif
static inline unsigned short _byteswap_ushort(unsigned short v)
{
    return __builtin_bswap16(v);
}
static inline unsigned long _byteswap_ulong(unsigned long v)
{
    return __builtin_bswap32((uint32_t)v);
}
static inline unsigned long long _byteswap_uint64(unsigned long long v)
{
    return __builtin_bswap64(v);
}
#undef _rotl
#undef _rotr
#undef _lrotl
#undef _lrotr
static inline unsigned int _rotl(unsigned int v, int shift)
{
    shift &= 31;
    return shift ? (v << shift) | (v >> (32 - shift)) : v;
}
static inline unsigned int _rotr(unsigned int v, int shift)
{
    shift &= 31;
    return shift ? (v >> shift) | (v << (32 - shift)) : v;
}
static inline unsigned long _lrotl(unsigned long v, int shift)
{
    return _rotl((unsigned int)v, shift);
}
static inline unsigned long _lrotr(unsigned long v, int shift)
{
    return _rotr((unsigned int)v, shift);
}
static inline unsigned long long _rotl64(unsigned long long v, int shift)
{
    shift &= 63;
    return shift ? (v << shift) | (v >> (64 - shift)) : v;
}
static inline unsigned long long _rotr64(unsigned long long v, int shift)
{
    shift &= 63;
    return shift ? (v >> shift) | (v << (64 - shift)) : v;
}

static inline errno_t asctime_s(char *buf, size_t size, const struct tm *tm)
{
    if (buf == NULL || size == 0)
        return EINVAL;
    if (tm == NULL || size < 26) {
        buf[0] = '\0';
        return tm == NULL ? EINVAL : ERANGE;
    }
    strftime(buf, size, "%a %b %d %H:%M:%S %Y\n", tm);
    return 0;
}

/* The 64-bit forms are the same functions here (time_t is 64 bits). */
#define _localtime64_s localtime_s
#define _gmtime64_s gmtime_s
#define _ctime64_s ctime_s
#define _localtime32_s localtime_s
#define _gmtime32_s gmtime_s
/* ... and so the 32-bit forms' time type is time_t: a program's (__time32_t *)&t of a time_t
 * (IP_ADAPTER_INFO's LeaseObtained, say) reads the whole value. */
#define __time32_t time_t

/* _mkgmtime: mktime for a broken-down UTC time. */
static inline time_t _mkgmtime(struct tm *tm)
{
    return ws2mp_timegm_(tm);
}
#define _mkgmtime64 _mkgmtime

/* rand_s: a random unsigned int from the system's generator (libws2mp's export; Microsoft
 * declares it when _CRT_RAND_S is defined before <stdlib.h>: here it always is). 0, or EINVAL
 * for a NULL pointer. */
errno_t rand_s(unsigned int *randomValue);

/* _aligned_malloc / _aligned_free: `align` a power of two; NULL with EINVAL otherwise. */
static inline void *_aligned_malloc(size_t size, size_t align)
{
    void *p = NULL;
    if (align == 0 || (align & (align - 1)) != 0) {
        errno = EINVAL;
        return NULL;
    }
    if (align < sizeof(void *))
        align = sizeof(void *);
    if (ws2mp_posix_memalign_(&p, align, size ? size : 1) != 0) {
        errno = ENOMEM;
        return NULL;
    }
    return p;
}

static inline void _aligned_free(void *p)
{
    free(p);
}

/* _msize: the usable size of a malloc'd block. Windows gives the size that was asked for;
 * the C library gives what the block holds, which may be a few bytes more. */
#if defined(__APPLE__)
size_t ws2mp_malloc_size_(const void *p) __asm__(WS2MP_W_STR_(__USER_LABEL_PREFIX__) "malloc_size");
#else
size_t ws2mp_malloc_size_(void *p) __asm__(WS2MP_W_STR_(__USER_LABEL_PREFIX__) "malloc_usable_size");
#endif
static inline size_t _msize(void *p)
{
    if (p == NULL) {
        errno = EINVAL;
        return (size_t)-1;
    }
    return ws2mp_malloc_size_(p);
}

/* _malloca / _freea: always the heap here (Windows uses the stack below 1 KiB); every
 * _malloca needs its _freea, as on Windows. */
#define _malloca(size) malloc((size) ? (size) : 1)
#define _freea(p) free(p)

/* __min / __max of Microsoft's <stdlib.h> (each argument may be evaluated twice, as there). */
#ifndef __min
#define __min(a, b) (((a) < (b)) ? (a) : (b))
#endif
#ifndef __max
#define __max(a, b) (((a) > (b)) ? (a) : (b))
#endif

/* __assume(e): MSVC's optimiser hint; __assume(0) marks a place the program never reaches. */
#ifndef __assume
#define __assume(e) ((e) ? (void)0 : __builtin_unreachable())
#endif

/* qsort_s: qsort whose comparison function takes a context first (Microsoft's order, not C11
 * Annex K's). A NULL base with elements, or a NULL function, sets EINVAL and sorts nothing. */
#if defined(__APPLE__)
void ws2mp_qsort_ctx_(void *base, size_t num, size_t width, void *context,
                      int (*compare)(void *, const void *, const void *))
    __asm__(WS2MP_W_STR_(__USER_LABEL_PREFIX__) "qsort_r");
static inline void qsort_s(void *base, size_t num, size_t width,
                           int (*compare)(void *, const void *, const void *), void *context)
{
    if ((base == NULL && num != 0) || compare == NULL || width == 0) {
        errno = EINVAL;
        return;
    }
    ws2mp_qsort_ctx_(base, num, width, context, compare);
}
#else
struct ws2mp_qsort_s_ {
    int (*compare)(void *, const void *, const void *);
    void *context;
};
void ws2mp_qsort_r_(void *base, size_t num, size_t width,
                    int (*compare)(const void *, const void *, void *), void *arg)
    __asm__(WS2MP_W_STR_(__USER_LABEL_PREFIX__) "qsort_r");
static inline int ws2mp_qsort_s_call_(const void *a, const void *b, void *arg)
{
    struct ws2mp_qsort_s_ *q = (struct ws2mp_qsort_s_ *)arg;
    return q->compare(q->context, a, b);
}
static inline void qsort_s(void *base, size_t num, size_t width,
                           int (*compare)(void *, const void *, const void *), void *context)
{
    struct ws2mp_qsort_s_ q;
    if ((base == NULL && num != 0) || compare == NULL || width == 0) {
        errno = EINVAL;
        return;
    }
    q.compare = compare;
    q.context = context;
    ws2mp_qsort_r_(base, num, width, ws2mp_qsort_s_call_, &q);
}
#endif

#ifndef _alloca
#define _alloca(n) __builtin_alloca(n)
#endif

/* Wide strings of the C library's wchar_t (L"" literals, a wmain's argv). */
static inline int _wcsicmp(const wchar_t *a, const wchar_t *b)
{
    if (a == NULL || b == NULL) {
        errno = EINVAL;
        return _NLSCMPERROR;
    }
    return ws2mp_wcscasecmp_(a, b);
}

static inline int _wcsnicmp(const wchar_t *a, const wchar_t *b, size_t n)
{
    if (n > 0 && (a == NULL || b == NULL)) {
        errno = EINVAL;
        return _NLSCMPERROR;
    }
    return n > 0 ? ws2mp_wcsncasecmp_(a, b, n) : 0;
}

static inline wchar_t *_wcsdup(const wchar_t *s)
{
    size_t n = ws2mp_wcslen_(s) + 1;
    wchar_t *d = (wchar_t *)malloc(n * sizeof(wchar_t));
    if (d != NULL)
        memcpy(d, s, n * sizeof(wchar_t));
    return d;
}

/* wcscpy_s / wcscat_s / wcsncpy_s: as strcpy_s & co., counts in characters. */
static inline errno_t wcscpy_s(wchar_t *dest, size_t size, const wchar_t *src)
{
    size_t n;
    if (dest == NULL || size == 0)
        return errno = EINVAL;
    if (src == NULL) {
        dest[0] = L'\0';
        return errno = EINVAL;
    }
    n = ws2mp_wcslen_(src);
    if (n >= size) {
        dest[0] = L'\0';
        return errno = ERANGE;
    }
    memcpy(dest, src, (n + 1) * sizeof(wchar_t));
    return 0;
}

static inline errno_t wcscat_s(wchar_t *dest, size_t size, const wchar_t *src)
{
    size_t have, n;
    if (dest == NULL || size == 0)
        return errno = EINVAL;
    if (src == NULL) {
        dest[0] = L'\0';
        return errno = EINVAL;
    }
    for (have = 0; have < size && dest[have]; have++)
        ;
    n = ws2mp_wcslen_(src);
    if (have == size || have + n >= size) {
        dest[0] = L'\0';
        return errno = (have == size ? EINVAL : ERANGE);
    }
    memcpy(dest + have, src, (n + 1) * sizeof(wchar_t));
    return 0;
}

static inline errno_t wcsncpy_s(wchar_t *dest, size_t size, const wchar_t *src, size_t count)
{
    size_t n = 0;
    if (count == 0 && dest == NULL && size == 0)
        return 0;
    if (dest == NULL || size == 0)
        return errno = EINVAL;
    if (count == 0) {
        dest[0] = L'\0';
        return 0;
    }
    if (src == NULL) {
        dest[0] = L'\0';
        return errno = EINVAL;
    }
    while (n < count && src[n])
        n++;
    if (n >= size) {
        if (count == _TRUNCATE) {
            memcpy(dest, src, (size - 1) * sizeof(wchar_t));
            dest[size - 1] = L'\0';
            return STRUNCATE;
        }
        dest[0] = L'\0';
        return errno = ERANGE;
    }
    memcpy(dest, src, n * sizeof(wchar_t));
    dest[n] = L'\0';
    return 0;
}

/* strncat_s: appends at most `count` characters of src (all that fit with _TRUNCATE, then
 * STRUNCATE when some were left out); EINVAL and ERANGE as strcat_s. */
static inline errno_t strncat_s(char *dest, size_t size, const char *src, size_t count)
{
    size_t have, n;
    if (dest == NULL || size == 0)
        return errno = EINVAL;
    if (src == NULL && count != 0) {
        dest[0] = '\0';
        return errno = EINVAL;
    }
    have = ws2mp_strnlen_(dest, size);
    if (have == size) {
        dest[0] = '\0';
        return errno = EINVAL;
    }
    n = count == 0 ? 0 : ws2mp_strnlen_(src, count == _TRUNCATE ? (size_t)-1 : count);
    if (have + n >= size) {
        if (count != _TRUNCATE) {
            dest[0] = '\0';
            return errno = ERANGE;
        }
        memcpy(dest + have, src, size - 1 - have);
        dest[size - 1] = '\0';
        return STRUNCATE;
    }
    memcpy(dest + have, src, n);
    dest[have + n] = '\0';
    return 0;
}

/* _strupr_s / _strlwr_s: in place, ASCII letters; EINVAL for NULL or a string not terminated
 * within size (emptied). */
static inline errno_t ws2mp_strcase_s_(char *s, size_t size, int upper)
{
    size_t i, n;
    if (s == NULL)
        return errno = EINVAL;
    n = ws2mp_strnlen_(s, size);
    if (n == size) {
        if (size > 0)
            s[0] = '\0';
        return errno = EINVAL;
    }
    for (i = 0; i < n; i++)
        if ((char)(upper ? toupper((unsigned char)s[i]) : tolower((unsigned char)s[i])) != s[i])
            s[i] = (char)(upper ? toupper((unsigned char)s[i]) : tolower((unsigned char)s[i]));
    return 0;
}
static inline errno_t _strupr_s(char *s, size_t size)
{
    return ws2mp_strcase_s_(s, size, 1);
}
static inline errno_t _strlwr_s(char *s, size_t size)
{
    return ws2mp_strcase_s_(s, size, 0);
}

/* _ltoa_s, _ultoa_s, _i64toa_s, _ui64toa_s as _itoa_s: EINVAL for NULL, size 0 or a radix
 * outside 2-36, ERANGE when the digits and the NUL do not fit (buf emptied). */
static inline errno_t ws2mp_toa_s_(const char *digits, char *buf, size_t size, int radix)
{
    if (buf == NULL || size == 0)
        return errno = EINVAL;
    if (radix < 2 || radix > 36) {
        buf[0] = '\0';
        return errno = EINVAL;
    }
    if (strlen(digits) >= size) {
        buf[0] = '\0';
        return errno = ERANGE;
    }
    strcpy(buf, digits);
    return 0;
}
static inline errno_t _i64toa_s(long long value, char *buf, size_t size, int radix)
{
    char tmp[72];
    return ws2mp_toa_s_(_i64toa(value, tmp, radix), buf, size, radix);
}
static inline errno_t _ui64toa_s(unsigned long long value, char *buf, size_t size, int radix)
{
    char tmp[72];
    return ws2mp_toa_s_(_ui64toa(value, tmp, radix), buf, size, radix);
}
static inline errno_t _ltoa_s(long value, char *buf, size_t size, int radix)
{
    char tmp[72];
    return ws2mp_toa_s_(_ltoa(value, tmp, radix), buf, size, radix);
}
static inline errno_t _ultoa_s(unsigned long value, char *buf, size_t size, int radix)
{
    char tmp[72];
    return ws2mp_toa_s_(_ultoa(value, tmp, radix), buf, size, radix);
}

/* mbstowcs_s / wcstombs_s over the C library's wchar_t (L"" strings, a wmain's argv) in the
 * current locale: *converted counts what was stored with its NUL; a NULL destination of size 0
 * asks for the size needed (count is then ignored). `count` limits the characters (bytes)
 * converted; a result that does not fit is ERANGE (emptied), or cut with _TRUNCATE
 * (STRUNCATE). An invalid character: EILSEQ, *converted 0, the destination emptied. */
static inline errno_t mbstowcs_s(size_t *converted, wchar_t *dest, size_t size, const char *src, size_t count)
{
    size_t need, n;
    errno_t r = 0;
    if (converted != NULL)
        *converted = 0;
    if ((dest == NULL) != (size == 0) || src == NULL) {
        if (dest != NULL && size > 0)
            dest[0] = L'\0';
        return errno = EINVAL;
    }
    need = mbstowcs(NULL, src, 0);
    if (need == (size_t)-1) {
        if (dest != NULL)
            dest[0] = L'\0';
        return EILSEQ;
    }
    if (dest == NULL) {
        if (converted != NULL)
            *converted = need + 1;
        return 0;
    }
    n = need < count ? need : count;
    if (n >= size) {
        if (count != _TRUNCATE) {
            dest[0] = L'\0';
            return errno = ERANGE;
        }
        n = size - 1;
        r = STRUNCATE;
    }
    if (n > 0)
        mbstowcs(dest, src, n);
    dest[n] = L'\0';
    if (converted != NULL)
        *converted = n + 1;
    return r;
}

static inline errno_t wcstombs_s(size_t *converted, char *dest, size_t size, const wchar_t *src, size_t count)
{
    size_t need, n, done = 0;
    errno_t r = 0;
    if (converted != NULL)
        *converted = 0;
    if ((dest == NULL) != (size == 0) || src == NULL) {
        if (dest != NULL && size > 0)
            dest[0] = '\0';
        return errno = EINVAL;
    }
    need = wcstombs(NULL, src, 0);
    if (need == (size_t)-1) {
        if (dest != NULL)
            dest[0] = '\0';
        return EILSEQ;
    }
    if (dest == NULL) {
        if (converted != NULL)
            *converted = need + 1;
        return 0;
    }
    n = need < count ? need : count;
    if (n >= size) {
        if (count != _TRUNCATE) {
            dest[0] = '\0';
            return errno = ERANGE;
        }
        n = size - 1;
        r = STRUNCATE;
    }
    if (n > 0)
        done = wcstombs(dest, src, n); /* whole characters only */
    dest[done] = '\0';
    if (converted != NULL)
        *converted = done + 1;
    return r;
}

/* ---- the wide (wchar_t) forms of the checked string functions, and their narrow kin --------
 * strnlen_s / wcsnlen_s: the length, at most `size` (0 for a NULL string: they are the two
 * checked functions that never fail). */
static inline size_t strnlen_s(const char *s, size_t size)
{
    return s == NULL ? 0 : ws2mp_strnlen_(s, size);
}
static inline size_t wcsnlen_s(const wchar_t *s, size_t size)
{
    size_t n = 0;
    if (s == NULL)
        return 0;
    while (n < size && s[n] != L'\0')
        n++;
    return n;
}

/* wcstok_s: as strtok_s, over wchar_t (Microsoft's three arguments, not C11's four). */
static inline wchar_t *wcstok_s(wchar_t *str, const wchar_t *delim, wchar_t **context)
{
    wchar_t *start, *end;
    const wchar_t *d;
    if (delim == NULL || context == NULL || (str == NULL && *context == NULL)) {
        errno = EINVAL;
        return NULL;
    }
    start = str ? str : *context;
    for (; *start != L'\0'; start++) {
        for (d = delim; *d != L'\0' && *d != *start; d++)
            ;
        if (*d == L'\0')
            break;
    }
    if (*start == L'\0') {
        *context = start;
        return NULL;
    }
    for (end = start; *end != L'\0'; end++) {
        for (d = delim; *d != L'\0' && *d != *end; d++)
            ;
        if (*d != L'\0')
            break;
    }
    if (*end != L'\0')
        *end++ = L'\0';
    *context = end;
    return start;
}

/* wcsncat_s: as strncat_s, counts in characters. */
static inline errno_t wcsncat_s(wchar_t *dest, size_t size, const wchar_t *src, size_t count)
{
    size_t have, n = 0;
    if (dest == NULL || size == 0)
        return errno = EINVAL;
    if (src == NULL && count != 0) {
        dest[0] = L'\0';
        return errno = EINVAL;
    }
    have = wcsnlen_s(dest, size);
    if (have == size) {
        dest[0] = L'\0';
        return errno = EINVAL;
    }
    while (n < count && src[n] != L'\0')
        n++;
    if (have + n >= size) {
        if (count != _TRUNCATE) {
            dest[0] = L'\0';
            return errno = ERANGE;
        }
        memcpy(dest + have, src, (size - 1 - have) * sizeof(wchar_t));
        dest[size - 1] = L'\0';
        return STRUNCATE;
    }
    memcpy(dest + have, src, n * sizeof(wchar_t));
    dest[have + n] = L'\0';
    return 0;
}

/* wmemcpy_s / wmemmove_s: memcpy_s / memmove_s counting wchar_t elements. */
static inline errno_t wmemcpy_s(wchar_t *dest, size_t size, const wchar_t *src, size_t count)
{
    if (count == 0)
        return 0;
    if (dest == NULL)
        return errno = EINVAL;
    if (src == NULL || size < count) {
        memset(dest, 0, size * sizeof(wchar_t));
        return errno = (src == NULL ? EINVAL : ERANGE);
    }
    memcpy(dest, src, count * sizeof(wchar_t));
    return 0;
}
static inline errno_t wmemmove_s(wchar_t *dest, size_t size, const wchar_t *src, size_t count)
{
    if (count == 0)
        return 0;
    if (dest == NULL || src == NULL)
        return errno = EINVAL;
    if (size < count)
        return errno = ERANGE;
    memmove(dest, src, count * sizeof(wchar_t));
    return 0;
}

/* _itow, _ltow, _ultow, _i64tow, _ui64tow: _itoa & co. into a wchar_t buffer; and their _s
 * forms as _itoa_s: EINVAL for NULL, size 0 or a radix outside 2-36, ERANGE when the digits and
 * the NUL do not fit (the buffer emptied). */
static inline wchar_t *ws2mp_widen_digits_(const char *digits, wchar_t *buf)
{
    size_t i = 0;
    do
        buf[i] = (wchar_t)(unsigned char)digits[i];
    while (digits[i++] != '\0');
    return buf;
}
static inline wchar_t *_itow(int value, wchar_t *buf, int radix)
{
    char tmp[72];
    return ws2mp_widen_digits_(_itoa(value, tmp, radix), buf);
}
static inline wchar_t *_ltow(long value, wchar_t *buf, int radix)
{
    char tmp[72];
    return ws2mp_widen_digits_(_ltoa(value, tmp, radix), buf);
}
static inline wchar_t *_ultow(unsigned long value, wchar_t *buf, int radix)
{
    char tmp[72];
    return ws2mp_widen_digits_(_ultoa(value, tmp, radix), buf);
}
static inline wchar_t *_i64tow(long long value, wchar_t *buf, int radix)
{
    char tmp[72];
    return ws2mp_widen_digits_(_i64toa(value, tmp, radix), buf);
}
static inline wchar_t *_ui64tow(unsigned long long value, wchar_t *buf, int radix)
{
    char tmp[72];
    return ws2mp_widen_digits_(_ui64toa(value, tmp, radix), buf);
}
static inline errno_t ws2mp_tow_s_(const char *digits, wchar_t *buf, size_t size, int radix)
{
    if (buf == NULL || size == 0)
        return errno = EINVAL;
    if (radix < 2 || radix > 36) {
        buf[0] = L'\0';
        return errno = EINVAL;
    }
    if (strlen(digits) >= size) {
        buf[0] = L'\0';
        return errno = ERANGE;
    }
    ws2mp_widen_digits_(digits, buf);
    return 0;
}
static inline errno_t _itow_s(int value, wchar_t *buf, size_t size, int radix)
{
    char tmp[72];
    return ws2mp_tow_s_(_itoa(value, tmp, radix), buf, size, radix);
}
static inline errno_t _ltow_s(long value, wchar_t *buf, size_t size, int radix)
{
    char tmp[72];
    return ws2mp_tow_s_(_ltoa(value, tmp, radix), buf, size, radix);
}
static inline errno_t _ultow_s(unsigned long value, wchar_t *buf, size_t size, int radix)
{
    char tmp[72];
    return ws2mp_tow_s_(_ultoa(value, tmp, radix), buf, size, radix);
}
static inline errno_t _i64tow_s(long long value, wchar_t *buf, size_t size, int radix)
{
    char tmp[72];
    return ws2mp_tow_s_(_i64toa(value, tmp, radix), buf, size, radix);
}
static inline errno_t _ui64tow_s(unsigned long long value, wchar_t *buf, size_t size, int radix)
{
    char tmp[72];
    return ws2mp_tow_s_(_ui64toa(value, tmp, radix), buf, size, radix);
}

/* _wcstoi64 / _wcstoui64: the C library's wcstoll / wcstoull. */
unsigned long long ws2mp_wcstoull_(const wchar_t *s, wchar_t **end, int base)
    __asm__(WS2MP_W_STR_(__USER_LABEL_PREFIX__) "wcstoull");
static inline long long _wcstoi64(const wchar_t *s, wchar_t **end, int base)
{
    return ws2mp_wcstoll_(s, end, base);
}
static inline unsigned long long _wcstoui64(const wchar_t *s, wchar_t **end, int base)
{
    return ws2mp_wcstoull_(s, end, base);
}

/* _wcslwr / _wcsupr (and their _s forms, EINVAL for NULL or a string not terminated within
 * size), _wcsrev, _wcsset, _wcsnset: the wide forms of _strlwr & co., in place. The case is the
 * C library's towlower / towupper in the current locale. */
unsigned int ws2mp_towlower_(unsigned int c) __asm__(WS2MP_W_STR_(__USER_LABEL_PREFIX__) "towlower");
unsigned int ws2mp_towupper_(unsigned int c) __asm__(WS2MP_W_STR_(__USER_LABEL_PREFIX__) "towupper");
static inline wchar_t *_wcslwr(wchar_t *s)
{
    wchar_t *p;
    for (p = s; p != NULL && *p; p++)
        if ((wchar_t)ws2mp_towlower_((unsigned int)*p) != *p)
            *p = (wchar_t)ws2mp_towlower_((unsigned int)*p);
    return s;
}
static inline wchar_t *_wcsupr(wchar_t *s)
{
    wchar_t *p;
    for (p = s; p != NULL && *p; p++)
        if ((wchar_t)ws2mp_towupper_((unsigned int)*p) != *p)
            *p = (wchar_t)ws2mp_towupper_((unsigned int)*p);
    return s;
}
static inline errno_t ws2mp_wcscase_s_(wchar_t *s, size_t size, int upper)
{
    size_t n;
    if (s == NULL)
        return errno = EINVAL;
    n = wcsnlen_s(s, size);
    if (n == size) {
        s[0] = L'\0'; /* size 0 included: Windows' _wcslwr_s / _wcsupr_s empty it then too */
        return errno = EINVAL;
    }
    if (upper)
        _wcsupr(s);
    else
        _wcslwr(s);
    return 0;
}
static inline errno_t _wcslwr_s(wchar_t *s, size_t size)
{
    return ws2mp_wcscase_s_(s, size, 0);
}
static inline errno_t _wcsupr_s(wchar_t *s, size_t size)
{
    return ws2mp_wcscase_s_(s, size, 1);
}

/* swscanf_s / vswscanf_s: the checked scanf over the C library's wchar_t strings (L"" literals,
 * a wmain's argv), with Microsoft's wide scanf meanings: %s, %c and %[ fill wchar_t buffers
 * (each followed by its size in wchar_t units), %S, %C and the h forms char ones. The string and
 * the format are read as UTF-8 through the checked family's engine: a string field is at most
 * 1023 bytes of UTF-8, %c counts bytes, %n counts bytes. */
static inline int ws2mp_scan_widen_wcs_(const char *text, int bytes, void *dest, unsigned cap)
{
    char t[1024];
    wchar_t w[1025];
    size_t n, len = bytes < 0 ? strlen(text) : (size_t)bytes;
    if (len >= sizeof(t))
        return 0;
    memcpy(t, text, len);
    t[len] = '\0';
    n = ws2mp_utf8_wcs_(t, w) + (bytes < 0 ? 1 : 0); /* with the NUL when the text has one */
    if (n > cap)
        return 0;
    memcpy(dest, w, n * sizeof(wchar_t));
    return (int)n;
}
static inline char *ws2mp_wcs_utf8_dup_(const wchar_t *s)
{
    size_t cap = ws2mp_wcslen_(s) * 4 + 5;
    char *out = (char *)malloc(cap);
    if (out != NULL && ws2mp_wcs_utf8_(s, out, cap) != 0) {
        free(out);
        out = NULL;
    }
    return out;
}
/* The wide scan over UTF-8 copies of the string and the format; `checked`: the _s forms'
 * buffer sizes follow each string field. */
static inline int ws2mp_vswscan_utf8_(const wchar_t *str, const wchar_t *fmt, va_list ap, int checked)
{
    ws2mp_scan_src_ src = {NULL, NULL, 0};
    char *f, *text;
    int r = EOF;
    if (str == NULL || fmt == NULL) {
        errno = EINVAL;
        return EOF;
    }
    f = ws2mp_wcs_utf8_dup_(fmt);
    text = ws2mp_wcs_utf8_dup_(str);
    if (f != NULL && text != NULL) {
        src.str = text;
        r = ws2mp_vscan_(&src, f, ap, checked, ws2mp_scan_widen_wcs_);
    } else {
        errno = ENOMEM;
    }
    free(f);
    free(text);
    return r;
}
static inline int vswscanf_s(const wchar_t *str, const wchar_t *fmt, va_list ap)
{
    return ws2mp_vswscan_utf8_(str, fmt, ap, 1);
}
static inline int swscanf_s(const wchar_t *str, const wchar_t *fmt, ...)
{
    va_list ap;
    int r;
    va_start(ap, fmt);
    r = vswscanf_s(str, fmt, ap);
    va_end(ap);
    return r;
}
/* swscanf / vswscanf with the same meanings, without the sizes (a wide string field is at most
 * 1023 bytes of UTF-8): ws2mp's <wchar.h> makes the names these in C. */
static inline int ws2mp_vswscanf_(const wchar_t *str, const wchar_t *fmt, va_list ap)
{
    return ws2mp_vswscan_utf8_(str, fmt, ap, 0);
}
static inline int ws2mp_swscanf_(const wchar_t *str, const wchar_t *fmt, ...)
{
    va_list ap;
    int r;
    va_start(ap, fmt);
    r = ws2mp_vswscanf_(str, fmt, ap);
    va_end(ap);
    return r;
}
static inline wchar_t *_wcsrev(wchar_t *s)
{
    size_t i, n = s ? ws2mp_wcslen_(s) : 0;
    for (i = 0; i < n / 2; i++) {
        wchar_t c = s[i];
        s[i] = s[n - 1 - i];
        s[n - 1 - i] = c;
    }
    return s;
}
static inline wchar_t *_wcsset(wchar_t *s, wchar_t c)
{
    wchar_t *p = s;
    while (*p)
        *p++ = c;
    return s;
}
static inline wchar_t *_wcsnset(wchar_t *s, wchar_t c, size_t n)
{
    wchar_t *p = s;
    while (*p && n-- > 0)
        *p++ = c;
    return s;
}

/* _strset_s / _strnset_s: _strset / _strnset within a buffer of `size`; EINVAL for NULL or a
 * string not terminated within size (emptied). */
static inline errno_t _strset_s(char *s, size_t size, int c)
{
    if (s == NULL)
        return errno = EINVAL;
    if (ws2mp_strnlen_(s, size) == size) {
        if (size > 0)
            s[0] = '\0';
        return errno = EINVAL;
    }
    _strset(s, c);
    return 0;
}
static inline errno_t _strnset_s(char *s, size_t size, int c, size_t count)
{
    if (s == NULL && size == 0 && count == 0)
        return 0; /* nothing to set, as Windows answers */
    if (s == NULL)
        return errno = EINVAL;
    if (ws2mp_strnlen_(s, size) == size) {
        if (size > 0)
            s[0] = '\0';
        return errno = EINVAL;
    }
    _strnset(s, c, count);
    return 0;
}

/* _wfopen, _wfopen_s, _wfreopen_s, _wfsopen: the wchar_t path and mode as UTF-8 (the system's
 * file names; ws2mp_wcs_utf8_ of ws2mp_path.h), then fopen & co.; the same results as the
 * narrow forms. A name whose UTF-8 does not fit in 4 KiB is ENAMETOOLONG. */
static inline FILE *_wfsopen(const wchar_t *name, const wchar_t *mode, int shflag)
{
    char path[4096], m[32];
    if (name == NULL || mode == NULL) {
        errno = EINVAL;
        return NULL;
    }
    if (ws2mp_wcs_utf8_(name, path, sizeof(path)) != 0 || ws2mp_wcs_utf8_(mode, m, sizeof(m)) != 0) {
        errno = ENAMETOOLONG;
        return NULL;
    }
    return _fsopen(path, m, shflag);
}
static inline FILE *_wfopen(const wchar_t *name, const wchar_t *mode)
{
    return _wfsopen(name, mode, 0x40 /* _SH_DENYNO */);
}
static inline errno_t _wfopen_s(FILE **pfile, const wchar_t *name, const wchar_t *mode)
{
    if (pfile == NULL)
        return EINVAL;
    *pfile = NULL;
    if (name == NULL || mode == NULL)
        return EINVAL;
    errno = 0;
    *pfile = _wfopen(name, mode);
    if (*pfile == NULL)
        return errno != 0 ? errno : EINVAL;
    return 0;
}
static inline errno_t _wfreopen_s(FILE **pfile, const wchar_t *name, const wchar_t *mode, FILE *stream)
{
    char path[4096], m[32];
    if (pfile == NULL)
        return EINVAL;
    *pfile = NULL;
    if (mode == NULL || stream == NULL)
        return EINVAL;
    if ((name != NULL && ws2mp_wcs_utf8_(name, path, sizeof(path)) != 0) ||
        ws2mp_wcs_utf8_(mode, m, sizeof(m)) != 0)
        return ENAMETOOLONG;
    return freopen_s(pfile, name != NULL ? path : NULL, m, stream);
}

/* _wremove, _wrename: the wchar_t names as UTF-8, then remove / rename (`\` read as `/`). */
static inline int _wremove(const wchar_t *name)
{
    char path[4096];
    if (name == NULL) {
        errno = EINVAL;
        return -1;
    }
    if (ws2mp_wcs_utf8_(name, path, sizeof(path)) != 0) {
        errno = ENAMETOOLONG;
        return -1;
    }
    return ws2mp_remove_(path);
}
static inline int _wrename(const wchar_t *from, const wchar_t *to)
{
    char f[4096], t[4096];
    if (from == NULL || to == NULL) {
        errno = EINVAL;
        return -1;
    }
    if (ws2mp_wcs_utf8_(from, f, sizeof(f)) != 0 || ws2mp_wcs_utf8_(to, t, sizeof(t)) != 0) {
        errno = ENAMETOOLONG;
        return -1;
    }
    return ws2mp_rename_(f, t);
}

/* _wputenv: _putenv of the assignment as UTF-8. _wgetenv: the variable (its name as UTF-8)
 * decoded from UTF-8 into a wchar_t string that stays valid for the rest of the program (a
 * variable whose value changed gets a new string; the old one is kept), like the pointers
 * Microsoft's _wgetenv gives until the environment changes. */
static inline int _wputenv(const wchar_t *assignment)
{
    char a[4096];
    if (assignment == NULL) {
        errno = EINVAL;
        return -1;
    }
    if (ws2mp_wcs_utf8_(assignment, a, sizeof(a)) != 0) {
        errno = ENAMETOOLONG;
        return -1;
    }
    return _putenv(a);
}
struct ws2mp_wenv_ {
    struct ws2mp_wenv_ *next;
    char *name;
    char *value;
    wchar_t *wide;
};
static inline wchar_t *_wgetenv(const wchar_t *name)
{
    static struct ws2mp_wenv_ *cache;
    struct ws2mp_wenv_ *e;
    char n[4096];
    const char *v;
    size_t len;
    if (name == NULL || ws2mp_wcs_utf8_(name, n, sizeof(n)) != 0)
        return NULL;
    v = getenv(n);
    if (v == NULL)
        return NULL;
    for (e = cache; e != NULL; e = e->next)
        if (strcmp(e->name, n) == 0 && strcmp(e->value, v) == 0)
            return e->wide;
    len = ws2mp_utf8_wcs_(v, NULL);
    e = (struct ws2mp_wenv_ *)calloc(1, sizeof(*e));
    if (e == NULL)
        return NULL;
    e->name = (char *)malloc(strlen(n) + 1);
    e->value = (char *)malloc(strlen(v) + 1);
    e->wide = (wchar_t *)malloc((len + 1) * sizeof(wchar_t));
    if (e->name == NULL || e->value == NULL || e->wide == NULL) {
        free(e->name);
        free(e->value);
        free(e->wide);
        free(e);
        return NULL;
    }
    strcpy(e->name, n);
    strcpy(e->value, v);
    ws2mp_utf8_wcs_(v, e->wide);
    e->next = cache;
    cache = e;
    return e->wide;
}

/* _fdopen: a stream over a descriptor (the C library's fdopen, under a private name); Windows'
 * "t" (text mode) is dropped, there is no text mode. */
FILE *ws2mp_fdopen_(int fd, const char *mode) __asm__(WS2MP_W_STR_(__USER_LABEL_PREFIX__) "fdopen");
static inline FILE *_fdopen(int fd, const char *mode)
{
    char m[8];
    size_t i, n = 0;
    if (mode == NULL) {
        errno = EINVAL;
        return NULL;
    }
    for (i = 0; mode[i] != '\0' && n + 1 < sizeof(m); i++)
        if (mode[i] != 't')
            m[n++] = mode[i];
    m[n] = '\0';
    return ws2mp_fdopen_(fd, m);
}

/* _fseeki64 / _ftelli64: a 64-bit offset (the C library's long is 64 bits on ws2mp's targets). */
static inline int _fseeki64(FILE *f, long long offset, int origin)
{
    return fseek(f, (long)offset, origin);
}
static inline long long _ftelli64(FILE *f)
{
    return (long long)ftell(f);
}

/* _set_invalid_parameter_handler: ws2mp's checked functions return their error codes instead
 * of calling a handler, so the handler is kept (and given back by the next call in the same
 * file) but never called. */
typedef void (*_invalid_parameter_handler)(const wchar_t *expression, const wchar_t *function,
                                           const wchar_t *file, unsigned int line, uintptr_t reserved);
static inline _invalid_parameter_handler ws2mp_invalid_parameter_handler_(int set, _invalid_parameter_handler h)
{
    static _invalid_parameter_handler current;
    _invalid_parameter_handler old = current;
    if (set)
        current = h;
    return old;
}
static inline _invalid_parameter_handler _set_invalid_parameter_handler(_invalid_parameter_handler h)
{
    return ws2mp_invalid_parameter_handler_(1, h);
}
static inline _invalid_parameter_handler _get_invalid_parameter_handler(void)
{
    return ws2mp_invalid_parameter_handler_(0, NULL);
}

/* _sleep: the old CRT's (MSVC's <stdlib.h> still declares it), libws2mp's Sleep under a
 * private name: waits the milliseconds. */
void ws2mp_sleep_(uint32_t ms) __asm__(WS2MP_W_STR_(__USER_LABEL_PREFIX__) "Sleep");
static inline void _sleep(unsigned long _Duration)
{
    ws2mp_sleep_((uint32_t)_Duration);
}

/* system: cmd.exe's console commands (pause, pause>nul, cls, title, color) run in ws2mp, the
 * rest in the C library's shell; the result is the exit code. */
#ifndef WS2MP_NO_SYSTEM
int ws2mp_system(const char *command);
#undef system
#define system(command) ws2mp_system(command)
#endif

#ifdef __cplusplus
}

#ifndef WS2MP_NO_SYSTEM
/* For std::system. */
namespace std {
using ::ws2mp_system;
}
#endif

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
inline errno_t strncat_s(char (&dest)[N], const char *src, size_t count)
{
    return strncat_s(dest, N, src, count);
}

template <size_t N>
inline errno_t _strupr_s(char (&s)[N])
{
    return _strupr_s(s, N);
}

template <size_t N>
inline errno_t _strlwr_s(char (&s)[N])
{
    return _strlwr_s(s, N);
}

template <size_t N>
inline errno_t mbstowcs_s(size_t *converted, wchar_t (&dest)[N], const char *src, size_t count)
{
    return mbstowcs_s(converted, dest, N, src, count);
}

template <size_t N>
inline errno_t wcstombs_s(size_t *converted, char (&dest)[N], const wchar_t *src, size_t count)
{
    return wcstombs_s(converted, dest, N, src, count);
}

template <size_t N>
inline char *gets_s(char (&buf)[N])
{
    return gets_s(buf, N);
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
inline errno_t _makepath_s(char (&path)[N], const char *drive, const char *dir, const char *fname, const char *ext)
{
    return _makepath_s(path, N, drive, dir, fname, ext);
}

template <size_t A, size_t B, size_t C, size_t D>
inline errno_t _splitpath_s(const char *path, char (&drive)[A], char (&dir)[B], char (&fname)[C], char (&ext)[D])
{
    return _splitpath_s(path, drive, A, dir, B, fname, C, ext, D);
}

template <size_t N>
inline errno_t strncpy_s(char (&dest)[N], const char *src, size_t count)
{
    return strncpy_s(dest, N, src, count);
}
template <size_t N>
inline errno_t _itoa_s(int value, char (&buf)[N], int radix)
{
    return _itoa_s(value, buf, N, radix);
}

template <size_t N>
inline errno_t _ltoa_s(long value, char (&buf)[N], int radix)
{
    return _ltoa_s(value, buf, N, radix);
}

template <size_t N>
inline errno_t _ultoa_s(unsigned long value, char (&buf)[N], int radix)
{
    return _ultoa_s(value, buf, N, radix);
}

template <size_t N>
inline errno_t _itow_s(int value, wchar_t (&buf)[N], int radix)
{
    return _itow_s(value, buf, N, radix);
}

template <size_t N>
inline errno_t _ltow_s(long value, wchar_t (&buf)[N], int radix)
{
    return _ltow_s(value, buf, N, radix);
}

template <size_t N>
inline errno_t _ultow_s(unsigned long value, wchar_t (&buf)[N], int radix)
{
    return _ultow_s(value, buf, N, radix);
}

template <size_t N>
inline errno_t wcscpy_s(wchar_t (&dest)[N], const wchar_t *src)
{
    return wcscpy_s(dest, N, src);
}

template <size_t N>
inline errno_t wcscat_s(wchar_t (&dest)[N], const wchar_t *src)
{
    return wcscat_s(dest, N, src);
}

template <size_t N>
inline errno_t wcsncpy_s(wchar_t (&dest)[N], const wchar_t *src, size_t count)
{
    return wcsncpy_s(dest, N, src, count);
}

template <size_t N>
inline errno_t wcsncat_s(wchar_t (&dest)[N], const wchar_t *src, size_t count)
{
    return wcsncat_s(dest, N, src, count);
}

template <size_t N>
inline errno_t _wcslwr_s(wchar_t (&s)[N])
{
    return _wcslwr_s(s, N);
}

template <size_t N>
inline errno_t _wcsupr_s(wchar_t (&s)[N])
{
    return _wcsupr_s(s, N);
}

template <size_t N>
inline errno_t _strset_s(char (&s)[N], int c)
{
    return _strset_s(s, N, c);
}

template <size_t N>
inline errno_t _strnset_s(char (&s)[N], int c, size_t count)
{
    return _strnset_s(s, N, c, count);
}
#endif

/* The program's own macros again (over ws2mp_msformat.h's snprintf / vsnprintf). Not in C++:
 * the C++ library's <cstdio> #undefs snprintf and vsnprintf (and its <string> calls
 * std::vsnprintf), so a C++ unit loses such a macro with g++ on Windows too; snprintf and
 * vsnprintf stay ws2mp_msformat.h's there. */
#ifdef WS2MP_CRT_SHIELD_SNPRINTF_
#undef WS2MP_CRT_SHIELD_SNPRINTF_
#ifndef __cplusplus
#undef WS2MP_MSFORMAT_SNPRINTF_
#pragma pop_macro("snprintf")
#endif
#endif
#ifdef WS2MP_CRT_SHIELD_VSNPRINTF_
#undef WS2MP_CRT_SHIELD_VSNPRINTF_
#ifndef __cplusplus
#undef WS2MP_MSFORMAT_VSNPRINTF_
#pragma pop_macro("vsnprintf")
#endif
#endif
#pragma pop_macro("strtoull")
#pragma pop_macro("strtoll")
#pragma pop_macro("atoll")
#ifdef WS2MP_CRT_SHIELD__SNPRINTF_
#undef WS2MP_CRT_SHIELD__SNPRINTF_
#pragma pop_macro("_snprintf")
#endif
#ifdef WS2MP_CRT_SHIELD__VSNPRINTF_
#undef WS2MP_CRT_SHIELD__VSNPRINTF_
#pragma pop_macro("_vsnprintf")
#endif

#endif /* WS2MP_COMPAT_CRT_H */

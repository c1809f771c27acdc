/*
 * ws2mp compat: <tchar.h>. The generic-text names map to the narrow C library (TCHAR is char),
 * as on Windows without _UNICODE.
 *
 * With _UNICODE, TCHAR is the 16-bit WCHAR (the C library's own wide functions take a 32-bit
 * wchar_t on Linux and macOS, so the generic-text names map to functions of this header or of
 * ws2mp over WCHAR): _tcslen, _tcscpy, _tcscat, _tcscmp, _tcsicmp, _tcsncpy, _tcschr,
 * _tcsrchr, _tcsstr, _tcstok, _tcsdup, _stprintf_s / _sntprintf_s over StringCchPrintfW;
 * _tprintf, _ftprintf, _vtprintf, _vftprintf (written to the stream as UTF-8, so they mix with
 * printf as on Windows), _stprintf, _sntprintf (Microsoft's _snwprintf: no NUL when the output
 * fills the buffer, -1 when it is cut), _vstprintf, _vsntprintf, with the format rules of
 * StringCchPrintfW (%s a WCHAR string, %S / %hs a char string); _fputts, _putts, _fgetts (a
 * UTF-8 line read as UTF-16, up to 1023 bytes per call), _tfopen, _tperror; _ttoi, _ttol,
 * _tcstol, _tcstoul (ASCII digits). _tmain is wmain (argv in UTF-16) and _tWinMain wWinMain.
 * _tscanf, _stscanf and _tgetenv expand to an identifier that stops the build and names the
 * problem (ws2mp_unavailable_with_UNICODE_...): build such programs without UNICODE/_UNICODE.
 */
#ifndef WS2MP_COMPAT_TCHAR_H
#define WS2MP_COMPAT_TCHAR_H

#include "windows.h"
#include "strsafe.h"

#ifdef _UNICODE

typedef WCHAR _TCHAR;
typedef WCHAR _TSCHAR;
typedef WCHAR _TUCHAR;
typedef WCHAR _TXCHAR;
typedef int _TINT;
#ifdef __cplusplus
#define __T(x) ((const WCHAR *)u##x)
#else
#define __T(x) u##x
#endif

static inline size_t ws2mp_tcslen_(const WCHAR *s)
{
    return (size_t)lstrlenW(s);
}

static inline WCHAR *ws2mp_tcsncpy_(WCHAR *dest, const WCHAR *src, size_t n)
{
    size_t i = 0;
    for (; i < n && src[i] != 0; i++)
        dest[i] = src[i];
    for (; i < n; i++)
        dest[i] = 0;
    return dest;
}

static inline int ws2mp_tcsncmp_(const WCHAR *a, const WCHAR *b, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        if (a[i] != b[i])
            return a[i] < b[i] ? -1 : 1;
        if (a[i] == 0)
            return 0;
    }
    return 0;
}

static inline int ws2mp_tcscmp_(const WCHAR *a, const WCHAR *b)
{
    return ws2mp_tcsncmp_(a, b, (size_t)-1);
}

#define _tcslen ws2mp_tcslen_
#define _tcscpy lstrcpyW
#define _tcscat lstrcatW
#define _tcscmp ws2mp_tcscmp_
#define _tcsncmp ws2mp_tcsncmp_
#define _tcsicmp lstrcmpiW
#define _tcsncpy ws2mp_tcsncpy_
#define _stprintf_s StringCchPrintfW
#define _sntprintf_s(buf, size, count, ...) StringCchPrintfW((buf), (size), __VA_ARGS__)
#define _tcscpy_s StringCchCopyW
#define _tcscat_s StringCchCatW

#define _tmain wmain
#define _tWinMain wWinMain
/* ---- the wide C library over the 16-bit WCHAR: printf, files, conversions, searches ------ */

/* Formats into a new NUL-terminated buffer (free it); NULL for a bad format or no memory. */
static inline WCHAR *ws2mp_tformat_(const WCHAR *fmt, va_list ap, long *len)
{
    va_list sizing;
    long n;
    WCHAR *buf;
    va_copy(sizing, ap);
    n = ws2mp_wvformat_(NULL, 0, fmt, sizing);
    va_end(sizing);
    if (n < 0)
        return NULL;
    buf = (WCHAR *)malloc(((size_t)n + 1) * sizeof(WCHAR));
    if (buf == NULL)
        return NULL;
    ws2mp_wvformat_(buf, (size_t)n, fmt, ap);
    buf[n] = 0;
    *len = n;
    return buf;
}

/* Writes `n` WCHARs to `f` as UTF-8 (as wprintf does, so narrow and wide output mix). */
static inline int ws2mp_tputn_(FILE *f, const WCHAR *s, long n)
{
    char *u = ws2mp_tutf8_(s, (int)n);
    size_t bytes;
    int ok;
    if (u == NULL)
        return 0;
    bytes = strlen(u);
    ok = fwrite(u, 1, bytes, f) == bytes;
    free(u);
    return ok;
}

static inline int ws2mp_vftprintf_(FILE *f, const WCHAR *fmt, va_list ap)
{
    long n = 0;
    WCHAR *out;
    int r;
    if (f == NULL || fmt == NULL)
        return -1;
    out = ws2mp_tformat_(fmt, ap, &n);
    if (out == NULL)
        return -1;
    r = ws2mp_tputn_(f, out, n) ? (int)n : -1;
    free(out);
    return r;
}

static inline int ws2mp_ftprintf_(FILE *f, const WCHAR *fmt, ...)
{
    va_list ap;
    int r;
    va_start(ap, fmt);
    r = ws2mp_vftprintf_(f, fmt, ap);
    va_end(ap);
    return r;
}

static inline int ws2mp_vtprintf_(const WCHAR *fmt, va_list ap)
{
    return ws2mp_vftprintf_(stdout, fmt, ap);
}

static inline int ws2mp_tprintf_(const WCHAR *fmt, ...)
{
    va_list ap;
    int r;
    va_start(ap, fmt);
    r = ws2mp_vftprintf_(stdout, fmt, ap);
    va_end(ap);
    return r;
}

/* swprintf's legacy form without a count (the buffer is assumed large enough). */
static inline int ws2mp_vstprintf_(WCHAR *buf, const WCHAR *fmt, va_list ap)
{
    long n;
    if (buf == NULL || fmt == NULL)
        return -1;
    n = ws2mp_wvformat_(buf, (size_t)-1 / (2 * sizeof(WCHAR)), fmt, ap);
    if (n < 0)
        return -1;
    buf[n] = 0;
    return (int)n;
}

static inline int ws2mp_stprintf_(WCHAR *buf, const WCHAR *fmt, ...)
{
    va_list ap;
    int r;
    va_start(ap, fmt);
    r = ws2mp_vstprintf_(buf, fmt, ap);
    va_end(ap);
    return r;
}

/* _snwprintf: `count` characters at most; a NUL only when there is room; -1 when cut. */
static inline int ws2mp_vsntprintf_(WCHAR *buf, size_t count, const WCHAR *fmt, va_list ap)
{
    long n;
    if (fmt == NULL || (buf == NULL && count > 0))
        return -1;
    n = ws2mp_wvformat_(buf, count, fmt, ap);
    if (n < 0 || (size_t)n > count)
        return -1;
    if ((size_t)n < count)
        buf[n] = 0;
    return (int)n;
}

static inline int ws2mp_sntprintf_(WCHAR *buf, size_t count, const WCHAR *fmt, ...)
{
    va_list ap;
    int r;
    va_start(ap, fmt);
    r = ws2mp_vsntprintf_(buf, count, fmt, ap);
    va_end(ap);
    return r;
}

static inline int ws2mp_fputts_(const WCHAR *s, FILE *f)
{
    if (s == NULL || f == NULL)
        return EOF;
    return ws2mp_tputn_(f, s, (long)lstrlenW(s)) ? 0 : EOF;
}

static inline int ws2mp_putts_(const WCHAR *s)
{
    if (ws2mp_fputts_(s, stdout) == EOF)
        return EOF;
    return putchar('\n') == EOF ? EOF : 0;
}

/* Reads a line (UTF-8) into `buf` as UTF-16: at most `n` - 1 WCHARs and a NUL. */
static inline WCHAR *ws2mp_fgetts_(WCHAR *buf, int n, FILE *f)
{
    char line[1024];
    int want, got;
    if (buf == NULL || n <= 0 || f == NULL)
        return NULL;
    want = n < (int)sizeof(line) ? n : (int)sizeof(line);
    if (fgets(line, want, f) == NULL)
        return NULL;
    got = MultiByteToWideChar(CP_UTF8, 0, line, -1, buf, n);
    if (got == 0) {
        buf[0] = 0;
        return NULL;
    }
    buf[n - 1] = 0;
    return buf;
}

static inline FILE *ws2mp_tfopen_(const WCHAR *path, const WCHAR *mode)
{
    char *p = ws2mp_wide_to_utf8_(path);
    char *m = ws2mp_wide_to_utf8_(mode);
    FILE *f = (p != NULL && m != NULL) ? fopen(p, m) : NULL;
    free(p);
    free(m);
    return f;
}

/* The ASCII start of `s` (where a number is read: blanks, a sign, digits, letters of a base),
 * at most 127 characters, in `out`. */
static inline void ws2mp_tascii_(const WCHAR *s, char out[128])
{
    int i = 0;
    for (; s != NULL && i < 127 && s[i] != 0 && s[i] < 128; i++)
        out[i] = (char)s[i];
    out[i] = '\0';
}

static inline long ws2mp_tcstol_(const WCHAR *s, WCHAR **end, int base)
{
    char a[128], *e;
    long v;
    ws2mp_tascii_(s, a);
    v = strtol(a, &e, base);
    if (end != NULL)
        *end = (WCHAR *)(s + (e - a));
    return v;
}

static inline unsigned long ws2mp_tcstoul_(const WCHAR *s, WCHAR **end, int base)
{
    char a[128], *e;
    unsigned long v;
    ws2mp_tascii_(s, a);
    v = strtoul(a, &e, base);
    if (end != NULL)
        *end = (WCHAR *)(s + (e - a));
    return v;
}

static inline int ws2mp_ttoi_(const WCHAR *s)
{
    return (int)ws2mp_tcstol_(s, NULL, 10);
}

static inline long ws2mp_ttol_(const WCHAR *s)
{
    return ws2mp_tcstol_(s, NULL, 10);
}

static inline WCHAR *ws2mp_tcschr_(const WCHAR *s, WCHAR c)
{
    for (;; s++) {
        if (*s == c)
            return (WCHAR *)s;
        if (*s == 0)
            return NULL;
    }
}

static inline WCHAR *ws2mp_tcsrchr_(const WCHAR *s, WCHAR c)
{
    const WCHAR *last = NULL;
    for (;; s++) {
        if (*s == c)
            last = s;
        if (*s == 0)
            return (WCHAR *)last;
    }
}

static inline WCHAR *ws2mp_tcsstr_(const WCHAR *s, const WCHAR *sub)
{
    size_t n = (size_t)lstrlenW(sub);
    for (; *s != 0 || n == 0; s++) {
        if (ws2mp_tcsncmp_(s, sub, n) == 0)
            return (WCHAR *)s;
        if (*s == 0)
            break;
    }
    return NULL;
}

static inline WCHAR *ws2mp_tcsdup_(const WCHAR *s)
{
    size_t n;
    WCHAR *d;
    if (s == NULL)
        return NULL;
    n = (size_t)lstrlenW(s) + 1;
    d = (WCHAR *)malloc(n * sizeof(WCHAR));
    if (d != NULL)
        memcpy(d, s, n * sizeof(WCHAR));
    return d;
}

/* wcstok's two-argument form: the position is kept between calls (one per source file, where
 * Microsoft's is one per thread). */
static inline WCHAR *ws2mp_tcstok_(WCHAR *s, const WCHAR *delim)
{
    static WCHAR *ws2mp_tcstok_next_;
    WCHAR *start;
    if (s == NULL)
        s = ws2mp_tcstok_next_;
    if (s == NULL)
        return NULL;
    while (*s != 0 && ws2mp_tcschr_(delim, *s) != NULL)
        s++;
    if (*s == 0) {
        ws2mp_tcstok_next_ = NULL;
        return NULL;
    }
    start = s;
    while (*s != 0 && ws2mp_tcschr_(delim, *s) == NULL)
        s++;
    if (*s != 0)
        *s++ = 0;
    ws2mp_tcstok_next_ = s;
    return start;
}

static inline void ws2mp_tperror_(const WCHAR *s)
{
    char *u = ws2mp_wide_to_utf8_(s);
    perror(u);
    free(u);
}

#define _tprintf ws2mp_tprintf_
#define _ftprintf ws2mp_ftprintf_
#define _vtprintf ws2mp_vtprintf_
#define _vftprintf ws2mp_vftprintf_
#define _stprintf ws2mp_stprintf_
#define _vstprintf ws2mp_vstprintf_
#define _sntprintf ws2mp_sntprintf_
#define _vsntprintf ws2mp_vsntprintf_
#define _fputts ws2mp_fputts_
#define _putts ws2mp_putts_
#define _fgetts ws2mp_fgetts_
#define _tfopen ws2mp_tfopen_
#define _ttoi ws2mp_ttoi_
#define _tstoi ws2mp_ttoi_
#define _ttol ws2mp_ttol_
#define _tstol ws2mp_ttol_
#define _tcstol ws2mp_tcstol_
#define _tcstoul ws2mp_tcstoul_
#define _tcschr ws2mp_tcschr_
#define _tcsrchr ws2mp_tcsrchr_
#define _tcsstr ws2mp_tcsstr_
#define _tcstok ws2mp_tcstok_
#define _tcsdup ws2mp_tcsdup_
#define _tcsclen ws2mp_tcslen_
#define _tperror ws2mp_tperror_
#define _tscanf ws2mp_unavailable_with_UNICODE_tscanf
#define _stscanf ws2mp_unavailable_with_UNICODE_stscanf
#define _tgetenv ws2mp_unavailable_with_UNICODE_tgetenv

#else /* narrow */

typedef char _TCHAR;
typedef signed char _TSCHAR;
typedef unsigned char _TUCHAR;
typedef char _TXCHAR;
typedef int _TINT;
#define __T(x) x

#define _tmain main
#define _tWinMain WinMain
#define _tprintf printf
#define _ftprintf fprintf
#define _stprintf sprintf
#define _sntprintf _snprintf
#define _vstprintf vsprintf
#define _vsntprintf _vsnprintf
#define _vtprintf vprintf
#define _vftprintf vfprintf
#define _stprintf_s sprintf_s
#define _sntprintf_s _snprintf_s
#define _vstprintf_s vsprintf_s
#define _vsntprintf_s _vsnprintf_s
#define _tscanf scanf
#define _ftscanf fscanf
#define _stscanf sscanf
#define _tcslen strlen
#define _tcsnlen ws2mp_strnlen_
#define _tcscpy strcpy
#define _tcscpy_s strcpy_s
#define _tcsncpy strncpy
#define _tcsncpy_s strncpy_s
#define _tcscat strcat
#define _tcscat_s strcat_s
#define _tcsncat strncat
#define _tcscmp strcmp
#define _tcsncmp strncmp
#define _tcsicmp _stricmp
#define _tcsnicmp _strnicmp
#define _tcscoll strcoll
#define _tcschr strchr
#define _tcsrchr strrchr
#define _tcsstr strstr
#define _tcspbrk strpbrk
#define _tcsspn strspn
#define _tcscspn strcspn
#define _tcstok strtok
#define _tcsdup _strdup
#define _tcslwr _strlwr
#define _tcsupr _strupr
#define _tcsrev _strrev
#define _tcsftime strftime
#define _tcserror strerror
#define _ttoi atoi
#define _tstoi atoi
#define _ttol atol
#define _tstol atol
#define _ttoi64 _atoi64
#define _tstoi64 _atoi64
#define _tcstol strtol
#define _tcstoul strtoul
#define _tcstoi64 _strtoi64
#define _tcstoui64 _strtoui64
#define _tcstod strtod
#define _tstof atof
#define _ttof atof
#define _itot _itoa
#define _ltot _ltoa
#define _i64tot _i64toa
#define _itot_s _itoa_s
#define _totlower tolower
#define _totupper toupper
#define _istalpha isalpha
#define _istdigit isdigit
#define _istxdigit isxdigit
#define _istalnum isalnum
#define _istspace isspace
#define _istpunct ispunct
#define _istprint isprint
#define _istupper isupper
#define _istlower islower
#define _istcntrl iscntrl
#define _fgetts fgets
#define _fputts fputs
#define _fgettc fgetc
#define _fputtc fputc
#define _gettc getc
#define _puttc putc
#define _gettchar getchar
#define _puttchar putchar
#define _getts gets
#define _putts puts
#define _ungettc ungetc
#define _tfopen fopen
#define _tfreopen freopen
#define _tremove remove
#define _trename rename
#define _tgetenv getenv
#define _tsystem system
#define _tperror perror
#define _tcsclen strlen
#define _tcsinc(p) ((p) + 1)
#define _tcsnextc(p) ((unsigned int)*(const unsigned char *)(p))
#define _TEOF EOF

#endif /* _UNICODE */

#define _T(x) __T(x)
#define _TEXT(x) __T(x)

#endif /* WS2MP_COMPAT_TCHAR_H */

/*
 * ws2mp compat: <tchar.h>. The generic-text names map to the narrow C library (TCHAR is char),
 * as on Windows without _UNICODE (among them the checked _t forms, _tfopen_s, _tcsncat_s,
 * _ltot_s, _tgetenv_s, _tctime_s, _tmakepath_s, _tsplitpath_s, ..., and _tstat, _topen: this
 * header brings <io.h> and <direct.h>).
 *
 * With _UNICODE, TCHAR is the 16-bit WCHAR (the C library's own wide functions take a 32-bit
 * wchar_t on Linux and macOS, so the generic-text names map to functions of this header or of
 * ws2mp over WCHAR): _tcslen, _tcscpy, _tcscat, _tcsncat, _tcscmp, _tcsicmp, _tcsnicmp,
 * _tcsncicmp, _tcsnccmp, _tcsnccpy, _tcsspnp,
 * _tcsncpy, _tcschr, _tcsrchr, _tcsstr, _tcspbrk, _tcsspn, _tcscspn, _tcstok, _tcstok_s,
 * _tcsdup, _tcsupr, _tcslwr, _tcsrev; the checked _tcscpy_s, _tcscat_s, _tcsncpy_s, _tcsncat_s,
 * _stprintf_s, _sntprintf_s, _vstprintf_s, _vsntprintf_s (and in C++ their array forms);
 * _tprintf, _ftprintf, _vtprintf, _vftprintf and their _s forms (written to the stream as UTF-8, so they mix with
 * printf as on Windows), _stprintf, _sntprintf (Microsoft's _snwprintf: no NUL when the output
 * fills the buffer, -1 when it is cut), _vstprintf, _vsntprintf, with the format rules of
 * StringCchPrintfW (%s a WCHAR string, %S / %hs a char string); _fputts, _putts, _fgetts (a
 * UTF-8 line read as UTF-16, up to 1023 bytes per call), _fputtc/_puttc/_puttchar and
 * _fgettc/_gettc/_gettchar (one character as UTF-8 on the stream), _tfopen, _tperror;
 * _ttoi, _ttol, _tcstol, _tcstoul, _tcstod, _tstof (ASCII digits), _itot, _ltot, _ultot,
 * _i64tot, _ui64tot; _istalpha & co. and _totupper/_totlower (the C library's wide classes on
 * the unit); _tstrtime, _tstrdate, _tcsftime; the file-system calls _tremove, _trename,
 * _taccess, _tunlink, _tmkdir, _trmdir, _tchdir, _tgetcwd, _tstat (and _tstat64 & co., over
 * `struct _stat`), _tsystem (the path in UTF-8, then
 * the narrow call); _tgetenv (a UTF-16 copy kept for the rest of the program, as Microsoft's
 * _wgetenv pointers stay valid). _tmain is wmain (argv in UTF-16) and _tWinMain wWinMain.
 * _tscanf, _ftscanf, _stscanf and their _s forms follow Microsoft's wscanf (`%s` a WCHAR
 * buffer, `%S` a char one) over the stream's UTF-8.
 * In C++, _T("...") is a const WCHAR * and _T('x') a WCHAR constant.
 */
#ifndef WS2MP_COMPAT_TCHAR_H
#define WS2MP_COMPAT_TCHAR_H

#include "windows.h"
#include "strsafe.h"
#include "direct.h"
#include "io.h"
#ifdef _UNICODE
#include <wctype.h>
#endif

#ifdef _UNICODE

typedef WCHAR _TCHAR;
typedef WCHAR _TSCHAR;
typedef WCHAR _TUCHAR;
typedef WCHAR _TXCHAR;
typedef int _TINT;
#ifdef __cplusplus
#define __T(x) ws2mp_text_(u##x)
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
    int written;
    if (u == NULL)
        return 0;
    bytes = strlen(u);
    written = fwrite(u, 1, bytes, f) == bytes;
    free(u);
    return written;
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
#define _tprintf_s ws2mp_tprintf_
#define _ftprintf_s ws2mp_ftprintf_
#define _vtprintf_s ws2mp_vtprintf_
#define _vftprintf_s ws2mp_vftprintf_
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
#define _tscanf ws2mp_tscanf_
#define _ftscanf ws2mp_ftscanf_
#define _stscanf ws2mp_stscanf_
#define _tscanf_s ws2mp_tscanf_s_
#define _ftscanf_s ws2mp_ftscanf_s_
#define _stscanf_s ws2mp_stscanf_s_

/* _tscanf & co. over WCHAR: Microsoft's wscanf rules (`%s`, `%c`, `%[` fill WCHAR buffers,
 * `%S`, `%C` and `%hs` char ones) on the stream's UTF-8, through the checked family's engine
 * (ws2mp_crt.h); the _s forms take each string buffer's size in WCHARs. A string field is at
 * most 1023 bytes of UTF-8; `%n` counts bytes. */
static inline int ws2mp_tscan_widen_(const char *text, int bytes, void *dest, unsigned cap)
{
    return MultiByteToWideChar(65001, 0, text, bytes, (WCHAR *)dest, (int)cap);
}
static inline int ws2mp_vtscan_(FILE *in, const WCHAR *str, const WCHAR *fmt, va_list ap, int checked)
{
    ws2mp_scan_src_ src = {in, NULL, 0};
    char *f = ws2mp_wide_to_utf8_(fmt), *text = NULL;
    int r = EOF;
    if (f == NULL || (in == NULL && (str == NULL || (text = ws2mp_wide_to_utf8_(str)) == NULL))) {
        errno = EINVAL;
    } else {
        src.str = text;
        r = ws2mp_vscan_(&src, f, ap, checked, ws2mp_tscan_widen_);
    }
    free(f);
    free(text);
    return r;
}
static inline int ws2mp_tscanf_(const WCHAR *fmt, ...)
{
    va_list ap;
    int r;
    va_start(ap, fmt);
    r = ws2mp_vtscan_(stdin, NULL, fmt, ap, 0);
    va_end(ap);
    return r;
}
static inline int ws2mp_ftscanf_(FILE *in, const WCHAR *fmt, ...)
{
    va_list ap;
    int r;
    va_start(ap, fmt);
    r = ws2mp_vtscan_(in, NULL, fmt, ap, 0);
    va_end(ap);
    return r;
}
static inline int ws2mp_stscanf_(const WCHAR *str, const WCHAR *fmt, ...)
{
    va_list ap;
    int r;
    va_start(ap, fmt);
    r = ws2mp_vtscan_(NULL, str, fmt, ap, 0);
    va_end(ap);
    return r;
}
static inline int ws2mp_tscanf_s_(const WCHAR *fmt, ...)
{
    va_list ap;
    int r;
    va_start(ap, fmt);
    r = ws2mp_vtscan_(stdin, NULL, fmt, ap, 1);
    va_end(ap);
    return r;
}
static inline int ws2mp_ftscanf_s_(FILE *in, const WCHAR *fmt, ...)
{
    va_list ap;
    int r;
    va_start(ap, fmt);
    r = ws2mp_vtscan_(in, NULL, fmt, ap, 1);
    va_end(ap);
    return r;
}
static inline int ws2mp_stscanf_s_(const WCHAR *str, const WCHAR *fmt, ...)
{
    va_list ap;
    int r;
    va_start(ap, fmt);
    r = ws2mp_vtscan_(NULL, str, fmt, ap, 1);
    va_end(ap);
    return r;
}

/* ---- more of the generic-text names over WCHAR ------------------------------------------- */

/* Character classes and case of one unit: the C library's wide functions on the unit (a unit
 * of the Basic Multilingual Plane is a wchar_t value too; the locale decides beyond ASCII). */
#define _istalpha(c) iswalpha((wint_t)(c))
#define _istdigit(c) iswdigit((wint_t)(c))
#define _istxdigit(c) iswxdigit((wint_t)(c))
#define _istalnum(c) iswalnum((wint_t)(c))
#define _istspace(c) iswspace((wint_t)(c))
#define _istpunct(c) iswpunct((wint_t)(c))
#define _istprint(c) iswprint((wint_t)(c))
#define _istgraph(c) iswgraph((wint_t)(c))
#define _istupper(c) iswupper((wint_t)(c))
#define _istlower(c) iswlower((wint_t)(c))
#define _istcntrl(c) iswcntrl((wint_t)(c))
#define _totupper(c) ((WCHAR)towupper((wint_t)(c)))
#define _totlower(c) ((WCHAR)towlower((wint_t)(c)))

static inline int ws2mp_tcsnicmp_(const WCHAR *a, const WCHAR *b, size_t n)
{
    for (; n > 0; a++, b++, n--) {
        wint_t x = towlower((wint_t)*a), y = towlower((wint_t)*b);
        if (x != y)
            return x < y ? -1 : 1;
        if (*a == 0)
            break;
    }
    return 0;
}

static inline WCHAR *ws2mp_tcsupr_(WCHAR *s)
{
    WCHAR *p;
    for (p = s; *p != 0; p++)
        if ((WCHAR)towupper((wint_t)*p) != *p) /* unchanged characters are not written */
            *p = (WCHAR)towupper((wint_t)*p);
    return s;
}

static inline WCHAR *ws2mp_tcslwr_(WCHAR *s)
{
    WCHAR *p;
    for (p = s; *p != 0; p++)
        if ((WCHAR)towlower((wint_t)*p) != *p) /* unchanged characters are not written */
            *p = (WCHAR)towlower((wint_t)*p);
    return s;
}

static inline WCHAR *ws2mp_tcsrev_(WCHAR *s)
{
    size_t i, n = ws2mp_tcslen_(s);
    for (i = 0; i < n / 2; i++) {
        WCHAR c = s[i];
        s[i] = s[n - 1 - i];
        s[n - 1 - i] = c;
    }
    return s;
}

static inline WCHAR *ws2mp_tcsncat_(WCHAR *dest, const WCHAR *src, size_t n)
{
    WCHAR *d = dest + ws2mp_tcslen_(dest);
    for (; n > 0 && *src != 0; n--)
        *d++ = *src++;
    *d = 0;
    return dest;
}

static inline size_t ws2mp_tcsspn_(const WCHAR *s, const WCHAR *set)
{
    size_t n = 0;
    while (s[n] != 0 && ws2mp_tcschr_(set, s[n]) != NULL)
        n++;
    return n;
}
/* _wcsspnp: the first WCHAR of s not in set, or NULL when there is none. */
static inline WCHAR *ws2mp_tcsspnp_(const WCHAR *s, const WCHAR *set)
{
    s += ws2mp_tcsspn_(s, set);
    return *s != 0 ? (WCHAR *)s : NULL;
}

static inline size_t ws2mp_tcscspn_(const WCHAR *s, const WCHAR *set)
{
    size_t n = 0;
    while (s[n] != 0 && ws2mp_tcschr_(set, s[n]) == NULL)
        n++;
    return n;
}

static inline WCHAR *ws2mp_tcspbrk_(const WCHAR *s, const WCHAR *set)
{
    s += ws2mp_tcscspn_(s, set);
    return *s != 0 ? (WCHAR *)s : NULL;
}

/* Microsoft's wcstok_s: `*context` carries the position between calls. */
static inline WCHAR *ws2mp_tcstok_s_(WCHAR *s, const WCHAR *delim, WCHAR **context)
{
    WCHAR *start;
    if (s == NULL)
        s = *context;
    if (s == NULL)
        return NULL;
    s += ws2mp_tcsspn_(s, delim);
    if (*s == 0) {
        *context = s;
        return NULL;
    }
    start = s;
    s += ws2mp_tcscspn_(s, delim);
    if (*s != 0)
        *s++ = 0;
    *context = s;
    return start;
}

/* _tcstok: _tcstok_s with one position per source file (Microsoft's: per thread). */
static inline WCHAR *ws2mp_tcstok_(WCHAR *s, const WCHAR *delim)
{
    static WCHAR *ws2mp_tcstok_next_;
    return ws2mp_tcstok_s_(s, delim, &ws2mp_tcstok_next_);
}

static inline double ws2mp_tcstod_(const WCHAR *s, WCHAR **end)
{
    char a[128], *e;
    double v;
    ws2mp_tascii_(s, a);
    v = strtod(a, &e);
    if (end != NULL)
        *end = (WCHAR *)(s + (e - a));
    return v;
}

/* ASCII text (a number, a time) widened into `out`, terminator included. */
static inline WCHAR *ws2mp_twiden_(const char *a, WCHAR *out)
{
    size_t i = 0;
    do
        out[i] = (WCHAR)(unsigned char)a[i];
    while (a[i++] != '\0');
    return out;
}

static inline WCHAR *ws2mp_itot_(int v, WCHAR *buf, int radix)
{
    char a[72];
    return ws2mp_twiden_(_itoa(v, a, radix), buf);
}
static inline WCHAR *ws2mp_ltot_(long v, WCHAR *buf, int radix)
{
    char a[72];
    return ws2mp_twiden_(_ltoa(v, a, radix), buf);
}
static inline WCHAR *ws2mp_ultot_(unsigned long v, WCHAR *buf, int radix)
{
    char a[72];
    return ws2mp_twiden_(_ultoa(v, a, radix), buf);
}
static inline WCHAR *ws2mp_i64tot_(long long v, WCHAR *buf, int radix)
{
    char a[72];
    return ws2mp_twiden_(_i64toa(v, a, radix), buf);
}
static inline WCHAR *ws2mp_ui64tot_(unsigned long long v, WCHAR *buf, int radix)
{
    char a[72];
    return ws2mp_twiden_(_ui64toa(v, a, radix), buf);
}

/* "hh:mm:ss" and "mm/dd/yy" into a buffer of at least 9 units. */
static inline WCHAR *ws2mp_tstrtime_(WCHAR *buf)
{
    char a[9];
    return ws2mp_twiden_(_strtime(a), buf);
}
static inline WCHAR *ws2mp_tstrdate_(WCHAR *buf)
{
    char a[9];
    return ws2mp_twiden_(_strdate(a), buf);
}

/* wcsftime with a WCHAR format: strftime on its UTF-8 form, the result in UTF-16. The count
 * of units written (0 when it does not fit `max` with its terminator). */
static inline size_t ws2mp_tcsftime_(WCHAR *buf, size_t max, const WCHAR *fmt, const struct tm *t)
{
    char out[1024];
    char *f = ws2mp_wide_to_utf8_(fmt);
    size_t n = f != NULL ? strftime(out, sizeof(out), f, t) : 0;
    int units;
    free(f);
    if (n == 0 || max == 0 || max > INT_MAX)
        return 0;
    units = ws2mp_utf8_to_wide_(out, buf, (int)max);
    return units > 0 ? (size_t)(units - 1) : 0;
}

/* The file-system calls with a WCHAR path: the path in UTF-8, then the narrow call `call`
 * (of `p`); -1 when the path cannot be converted. */
#define WS2MP_TPATH_CALL_(name, params, call)                                                  \
    static inline int name params                                                              \
    {                                                                                          \
        char *p = ws2mp_wide_to_utf8_(path);                                                   \
        int r = p != NULL ? (call) : -1;                                                       \
        free(p);                                                                               \
        return r;                                                                              \
    }
WS2MP_TPATH_CALL_(ws2mp_tremove_, (const WCHAR *path), ws2mp_remove_(p))
WS2MP_TPATH_CALL_(ws2mp_taccess_, (const WCHAR *path, int mode), _access(p, mode))
WS2MP_TPATH_CALL_(ws2mp_tunlink_, (const WCHAR *path), _unlink(p))
WS2MP_TPATH_CALL_(ws2mp_tmkdir_, (const WCHAR *path), _mkdir(p))
WS2MP_TPATH_CALL_(ws2mp_trmdir_, (const WCHAR *path), _rmdir(p))
WS2MP_TPATH_CALL_(ws2mp_tchdir_, (const WCHAR *path), _chdir(p))
/* `struct _stat` is `struct stat` here (ws2mp_stat_names.h). */
WS2MP_TPATH_CALL_(ws2mp_tstat_, (const WCHAR *path, struct stat *buf), stat(p, buf))
static inline int ws2mp_trename_(const WCHAR *from, const WCHAR *to)
{
    char *f = ws2mp_wide_to_utf8_(from), *t = ws2mp_wide_to_utf8_(to);
    int r = (f != NULL && t != NULL) ? ws2mp_rename_(f, t) : -1;
    free(f);
    free(t);
    return r;
}
/* The current directory in `buf` (`maxlen` units), or in a malloc'd buffer when `buf` is
 * NULL; NULL with errno ERANGE when it does not fit. */
static inline WCHAR *ws2mp_tgetcwd_(WCHAR *buf, int maxlen)
{
    char *cwd = _getcwd(NULL, 0);
    int need;
    if (cwd == NULL)
        return NULL;
    need = ws2mp_utf8_to_wide_(cwd, NULL, 0);
    if (buf == NULL) {
        maxlen = need > maxlen ? need : maxlen;
        buf = (WCHAR *)malloc((size_t)maxlen * sizeof(WCHAR));
    } else if (need > maxlen) {
        free(cwd);
        errno = ERANGE;
        return NULL;
    }
    if (buf != NULL)
        ws2mp_utf8_to_wide_(cwd, buf, maxlen);
    free(cwd);
    return buf;
}
/* system with a WCHAR command (NULL asks whether there is a command processor). */
static inline int ws2mp_tsystem_(const WCHAR *command)
{
    char *c = command != NULL ? ws2mp_wide_to_utf8_(command) : NULL;
    int r = system(c);
    free(c);
    return r;
}

/* An environment variable in UTF-16. The strings stay valid for the rest of the program (a
 * variable whose value changed gets a new string; the old one is kept), like the pointers
 * Microsoft's _wgetenv gives until the environment changes. */
struct ws2mp_tenv_ {
    struct ws2mp_tenv_ *next;
    char *name;
    char *value;
    WCHAR *wide;
};
static inline WCHAR *ws2mp_tgetenv_(const WCHAR *name)
{
    static struct ws2mp_tenv_ *cache;
    struct ws2mp_tenv_ *e;
    char *n = ws2mp_wide_to_utf8_(name);
    const char *v = n != NULL ? getenv(n) : NULL;
    int units;
    if (v == NULL) {
        free(n);
        return NULL;
    }
    for (e = cache; e != NULL; e = e->next)
        if (strcmp(e->name, n) == 0 && strcmp(e->value, v) == 0) {
            free(n);
            return e->wide;
        }
    units = ws2mp_utf8_to_wide_(v, NULL, 0);
    e = (struct ws2mp_tenv_ *)calloc(1, sizeof(*e));
    if (e != NULL && units > 0) {
        e->wide = (WCHAR *)malloc((size_t)units * sizeof(WCHAR));
        e->value = (char *)malloc(strlen(v) + 1);
    }
    if (e == NULL || e->wide == NULL || e->value == NULL) {
        if (e != NULL) {
            free(e->wide);
            free(e->value);
            free(e);
        }
        free(n);
        return NULL;
    }
    memcpy(e->value, v, strlen(v) + 1);
    ws2mp_utf8_to_wide_(v, e->wide, units);
    e->name = n;
    e->next = cache;
    cache = e;
    return e->wide;
}

/* One character at a time on a stream: the unit written as UTF-8; read back from UTF-8 (a
 * character beyond the Basic Multilingual Plane reads as U+FFFD). WEOF at the end. */
static inline wint_t ws2mp_fputtc_(WCHAR c, FILE *f)
{
    unsigned char b[3];
    int n;
    if (c < 0x80) {
        b[0] = (unsigned char)c;
        n = 1;
    } else if (c < 0x800) {
        b[0] = (unsigned char)(0xC0 | (c >> 6));
        b[1] = (unsigned char)(0x80 | (c & 0x3F));
        n = 2;
    } else {
        b[0] = (unsigned char)(0xE0 | (c >> 12));
        b[1] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
        b[2] = (unsigned char)(0x80 | (c & 0x3F));
        n = 3;
    }
    return fwrite(b, 1, (size_t)n, f) == (size_t)n ? (wint_t)c : WEOF;
}
static inline wint_t ws2mp_fgettc_(FILE *f)
{
    int c = getc(f), more, i;
    unsigned int v;
    if (c == EOF)
        return WEOF;
    if (c < 0x80)
        return (wint_t)c;
    more = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
    v = (unsigned int)c & (0x3Fu >> more);
    for (i = 0; i < more; i++) {
        int d = getc(f);
        if (d == EOF || (d & 0xC0) != 0x80)
            return 0xFFFD;
        v = (v << 6) | ((unsigned int)d & 0x3F);
    }
    return (more == 0 || v > 0xFFFF) ? 0xFFFD : (wint_t)v;
}

#define _tcsnicmp ws2mp_tcsnicmp_
#define _tcsncicmp ws2mp_tcsnicmp_
#define _tcsnccmp ws2mp_tcsncmp_
#define _tcsnccpy ws2mp_tcsncpy_
#define _tcsspnp ws2mp_tcsspnp_
#define _tcsupr ws2mp_tcsupr_
#define _tcslwr ws2mp_tcslwr_
#define _tcsrev ws2mp_tcsrev_
#define _tcsncat ws2mp_tcsncat_
#define _tcsspn ws2mp_tcsspn_
#define _tcscspn ws2mp_tcscspn_
#define _tcspbrk ws2mp_tcspbrk_
#define _tcstok_s ws2mp_tcstok_s_
#define _tcstod ws2mp_tcstod_
#define _tstof(s) ws2mp_tcstod_((s), NULL)
#define _ttof(s) ws2mp_tcstod_((s), NULL)
#define _itot ws2mp_itot_
#define _ltot ws2mp_ltot_
#define _ultot ws2mp_ultot_
#define _i64tot ws2mp_i64tot_
#define _ui64tot ws2mp_ui64tot_
#define _tstrtime ws2mp_tstrtime_
#define _tstrdate ws2mp_tstrdate_
#define _tcsftime ws2mp_tcsftime_
#define _tremove ws2mp_tremove_
#define _trename ws2mp_trename_
#define _taccess ws2mp_taccess_
#define _tunlink ws2mp_tunlink_
#define _tmkdir ws2mp_tmkdir_
#define _trmdir ws2mp_trmdir_
#define _tchdir ws2mp_tchdir_
#define _tgetcwd ws2mp_tgetcwd_
#define _tstat ws2mp_tstat_
#define _tstat32 ws2mp_tstat_
#define _tstat64 ws2mp_tstat_
#define _tstati64 ws2mp_tstat_
#define _tstat64i32 ws2mp_tstat_
#define _tsystem ws2mp_tsystem_
#define _tgetenv ws2mp_tgetenv_
#define _fputtc ws2mp_fputtc_
#define _puttc ws2mp_fputtc_
#define _puttchar(c) ws2mp_fputtc_((c), stdout)
#define _fgettc ws2mp_fgettc_
#define _gettc ws2mp_fgettc_
#define _gettchar() ws2mp_fgettc_(stdin)
#define _tcsinc(p) ((p) + 1)
#define _tcsdec(start, p) ((p) > (start) ? (p) - 1 : NULL)
#define _tcsnextc(p) ((unsigned int)*(p))
#define _TEOF WEOF

/* ---- the checked forms over WCHAR: _tcscpy_s, _tcscat_s, _tcsncpy_s, _tcsncat_s,
 * _stprintf_s, _sntprintf_s, _vstprintf_s, _vsntprintf_s, with the results of Microsoft's
 * wcscpy_s & co. (0; EINVAL; ERANGE with the destination emptied when the text does not fit,
 * where Windows calls the invalid-parameter handler; STRUNCATE when _TRUNCATE cut it; the
 * printf forms return the count or -1). In C++, also the forms that take the array's size from
 * its type (`_tcscpy_s(array, src)`), as MSVC's templates do. ---- */
static inline errno_t ws2mp_tcsncpy_s_(WCHAR *dest, size_t size, const WCHAR *src, size_t count)
{
    size_t n = 0;
    if (count == 0 && dest == NULL && size == 0)
        return 0;
    if (dest == NULL || size == 0)
        return errno = EINVAL;
    if (count == 0) {
        dest[0] = 0;
        return 0;
    }
    if (src == NULL) {
        dest[0] = 0;
        return errno = EINVAL;
    }
    while (n < count && src[n] != 0)
        n++;
    if (n >= size) {
        if (count == _TRUNCATE) {
            memcpy(dest, src, (size - 1) * sizeof(WCHAR));
            dest[size - 1] = 0;
            return STRUNCATE;
        }
        dest[0] = 0;
        return errno = ERANGE;
    }
    memcpy(dest, src, n * sizeof(WCHAR));
    dest[n] = 0;
    return 0;
}

static inline errno_t ws2mp_tcsncat_s_(WCHAR *dest, size_t size, const WCHAR *src, size_t count)
{
    size_t have = 0, n = 0;
    if (dest == NULL || size == 0)
        return errno = EINVAL;
    if (src == NULL && count != 0) {
        dest[0] = 0;
        return errno = EINVAL;
    }
    while (have < size && dest[have] != 0)
        have++;
    if (have == size) {
        dest[0] = 0;
        return errno = EINVAL;
    }
    while (n < count && src[n] != 0)
        n++;
    if (have + n >= size) {
        if (count != _TRUNCATE) {
            dest[0] = 0;
            return errno = ERANGE;
        }
        memcpy(dest + have, src, (size - 1 - have) * sizeof(WCHAR));
        dest[size - 1] = 0;
        return STRUNCATE;
    }
    memcpy(dest + have, src, n * sizeof(WCHAR));
    dest[have + n] = 0;
    return 0;
}

static inline errno_t ws2mp_tcscpy_s_(WCHAR *dest, size_t size, const WCHAR *src)
{
    if (src == NULL) {
        if (dest != NULL && size > 0)
            dest[0] = 0;
        return errno = EINVAL;
    }
    if (src[0] == 0) {
        if (dest == NULL || size == 0)
            return errno = EINVAL;
        dest[0] = 0;
        return 0;
    }
    return ws2mp_tcsncpy_s_(dest, size, src, (size_t)lstrlenW(src));
}

static inline errno_t ws2mp_tcscat_s_(WCHAR *dest, size_t size, const WCHAR *src)
{
    if (src == NULL) {
        if (dest != NULL && size > 0)
            dest[0] = 0;
        return errno = EINVAL;
    }
    return ws2mp_tcsncat_s_(dest, size, src, (size_t)lstrlenW(src));
}

static inline int ws2mp_vstprintf_s_(WCHAR *buf, size_t size, const WCHAR *fmt, va_list ap)
{
    long n;
    if (buf == NULL || size == 0 || fmt == NULL) {
        errno = EINVAL;
        return -1;
    }
    n = ws2mp_wvformat_(buf, size, fmt, ap);
    if (n < 0 || (size_t)n >= size) {
        buf[0] = 0;
        errno = ERANGE;
        return -1;
    }
    buf[n] = 0;
    return (int)n;
}

static inline int ws2mp_stprintf_s_(WCHAR *buf, size_t size, const WCHAR *fmt, ...)
{
    va_list ap;
    int r;
    va_start(ap, fmt);
    r = ws2mp_vstprintf_s_(buf, size, fmt, ap);
    va_end(ap);
    return r;
}

/* _snwprintf_s: always NUL-terminated; a result longer than `count` (or than the buffer with
 * _TRUNCATE) is cut and -1 returned; one that does not fit the buffer otherwise empties it
 * (-1, ERANGE). */
static inline int ws2mp_vsntprintf_s_(WCHAR *buf, size_t size, size_t count, const WCHAR *fmt, va_list ap)
{
    long n;
    size_t limit;
    if (buf == NULL || size == 0 || fmt == NULL) {
        errno = EINVAL;
        return -1;
    }
    limit = (count == _TRUNCATE || count >= size) ? size - 1 : count;
    n = ws2mp_wvformat_(buf, limit, fmt, ap);
    if (n < 0) {
        buf[0] = 0;
        return -1;
    }
    if ((size_t)n <= limit) {
        buf[n] = 0;
        return (int)n;
    }
    buf[limit] = 0;
    if (count == _TRUNCATE || count < size)
        return -1;
    buf[0] = 0;
    errno = ERANGE;
    return -1;
}

static inline int ws2mp_sntprintf_s_(WCHAR *buf, size_t size, size_t count, const WCHAR *fmt, ...)
{
    va_list ap;
    int r;
    va_start(ap, fmt);
    r = ws2mp_vsntprintf_s_(buf, size, count, fmt, ap);
    va_end(ap);
    return r;
}

#ifdef __cplusplus
template <size_t N>
inline errno_t ws2mp_tcscpy_s_(WCHAR (&dest)[N], const WCHAR *src)
{
    return ws2mp_tcscpy_s_(dest, N, src);
}
template <size_t N>
inline errno_t ws2mp_tcscat_s_(WCHAR (&dest)[N], const WCHAR *src)
{
    return ws2mp_tcscat_s_(dest, N, src);
}
template <size_t N>
inline errno_t ws2mp_tcsncpy_s_(WCHAR (&dest)[N], const WCHAR *src, size_t count)
{
    return ws2mp_tcsncpy_s_(dest, N, src, count);
}
template <size_t N>
inline errno_t ws2mp_tcsncat_s_(WCHAR (&dest)[N], const WCHAR *src, size_t count)
{
    return ws2mp_tcsncat_s_(dest, N, src, count);
}
template <size_t N>
inline int ws2mp_vstprintf_s_(WCHAR (&buf)[N], const WCHAR *fmt, va_list ap)
{
    return ws2mp_vstprintf_s_(buf, N, fmt, ap);
}
template <size_t N>
inline int ws2mp_stprintf_s_(WCHAR (&buf)[N], const WCHAR *fmt, ...)
{
    va_list ap;
    int r;
    va_start(ap, fmt);
    r = ws2mp_vstprintf_s_(buf, N, fmt, ap);
    va_end(ap);
    return r;
}
template <size_t N>
inline int ws2mp_vsntprintf_s_(WCHAR (&buf)[N], size_t count, const WCHAR *fmt, va_list ap)
{
    return ws2mp_vsntprintf_s_(buf, N, count, fmt, ap);
}
template <size_t N>
inline int ws2mp_sntprintf_s_(WCHAR (&buf)[N], size_t count, const WCHAR *fmt, ...)
{
    va_list ap;
    int r;
    va_start(ap, fmt);
    r = ws2mp_vsntprintf_s_(buf, N, count, fmt, ap);
    va_end(ap);
    return r;
}
#endif

#define _tcscpy_s ws2mp_tcscpy_s_
#define _tcscat_s ws2mp_tcscat_s_
#define _tcsncpy_s ws2mp_tcsncpy_s_
#define _tcsncat_s ws2mp_tcsncat_s_
#define _stprintf_s ws2mp_stprintf_s_
#define _sntprintf_s ws2mp_sntprintf_s_
#define _vstprintf_s ws2mp_vstprintf_s_
#define _vsntprintf_s ws2mp_vsntprintf_s_


#else /* narrow */

typedef char _TCHAR;
typedef signed char _TSCHAR;
typedef unsigned char _TUCHAR;
typedef char _TXCHAR;
typedef int _TINT;
#define __T(x) x

/* strncat's semantics (at most n chars of src, then a NUL), as a function: GCC's
 * -Wstringop-overflow takes `_tcsncat(buf, _T("ab"), 2)` over strncat itself for a mistake. */
static inline char *ws2mp_tcsncat_a_(char *dest, const char *src, size_t n)
{
    char *end = dest + strlen(dest);
    while (n > 0 && *src != '\0') {
        *end++ = *src++;
        n--;
    }
    *end = '\0';
    return dest;
}
/* Microsoft's _strspnp: the first char of s not in set, or NULL when there is none. */
static inline char *ws2mp_strspnp_(const char *s, const char *set)
{
    s += strspn(s, set);
    return *s != '\0' ? (char *)s : NULL;
}

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
#define _tprintf_s printf_s
#define _ftprintf_s fprintf_s
#define _vtprintf_s vprintf_s
#define _vftprintf_s vfprintf_s
#define _stprintf_s sprintf_s
#define _sntprintf_s _snprintf_s
#define _vstprintf_s vsprintf_s
#define _vsntprintf_s _vsnprintf_s
#define _tscanf scanf
#define _ftscanf fscanf
#define _stscanf sscanf
#define _tscanf_s scanf_s
#define _ftscanf_s fscanf_s
#define _stscanf_s sscanf_s
#define _tcslen strlen
#define _tcsnlen ws2mp_strnlen_
#define _tcscpy strcpy
#define _tcscpy_s strcpy_s
#define _tcsncpy strncpy
#define _tcsncpy_s strncpy_s
#define _tcscat strcat
#define _tcscat_s strcat_s
#define _tcsncat ws2mp_tcsncat_a_
#define _tcsncat_s strncat_s
#define _tcscmp strcmp
#define _tcsncmp strncmp
#define _tcsicmp _stricmp
#define _tcsnicmp _strnicmp
#define _tcsncicmp _strnicmp
#define _tcsnccmp strncmp
#define _tcsnccpy strncpy
#define _tcscoll strcoll
#define _tcsicoll _stricoll
#define _tcsset _strset
#define _tcsnset _strnset
#define _tcsspnp ws2mp_strspnp_
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
#define _tcslwr_s _strlwr_s
#define _tcsupr_s _strupr_s
#define _tcsrev _strrev
#define _tcsftime strftime
#define _tcserror strerror
#define _tcserror_s strerror_s
#define _sctprintf _scprintf
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
#define _ltot_s _ltoa_s
#define _ultot_s _ultoa_s
#define _i64tot_s _i64toa_s
#define _ui64tot_s _ui64toa_s
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
#define _tfopen_s fopen_s
#define _tfreopen_s freopen_s
#define _tfsopen _fsopen
#define _topen _open
#define _tsopen _sopen
#define _tstat _stat
#define _tstat64 _stat64
#define _tstati64 _stati64
#define _tstat32 _stat32
#define _tstat64i32 _stat64i32
#define _tfullpath _fullpath
#define _tmakepath _makepath
#define _tmakepath_s _makepath_s
#define _tsplitpath _splitpath
#define _tsplitpath_s _splitpath_s
#define _tremove ws2mp_remove_
#define _trename ws2mp_rename_
#define _tgetenv getenv
#define _tgetenv_s getenv_s
#define _tdupenv_s _dupenv_s
#define _tputenv _putenv
#define _tputenv_s _putenv_s
#define _tsystem system
#define _tperror perror
#define _tcsclen strlen
#define _tcsinc(p) ((p) + 1)
#define _tcsnextc(p) ((unsigned int)*(const unsigned char *)(p))
#define _TEOF EOF
#define _tcstok_s strtok_s
#define _tstrtime _strtime
#define _tstrdate _strdate
#define _tstrtime_s _strtime_s
#define _tstrdate_s _strdate_s
#define _tctime_s ctime_s
#define _taccess _access
#define _tunlink _unlink
#define _tmkdir _mkdir
#define _trmdir _rmdir
#define _tchdir _chdir
#define _tgetcwd _getcwd
#define _ultot _ultoa
#define _ui64tot _ui64toa
#define _tcsdec(start, p) ((p) > (start) ? (p) - 1 : NULL)
#define _istgraph isgraph

#endif /* _UNICODE */

#define _T(x) __T(x)
#define _TEXT(x) __T(x)

#endif /* WS2MP_COMPAT_TCHAR_H */

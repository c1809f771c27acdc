/*
 * ws2mp compat (internal): wprintf, fwprintf, vwprintf, vfwprintf, swprintf, vswprintf,
 * _snwprintf, _vsnwprintf, _scwprintf, _vscwprintf, the _s forms (_snwprintf_s too), and
 * _swprintf / _vswprintf (the count-less legacy form; swprintf is too when the program defines
 * _CRT_NON_CONFORMING_SWPRINTFS, as with Microsoft's headers), with the Microsoft C library's
 * format. Windows declares them in <stdio.h> and <wchar.h>: ws2mp's <stdio.h>, <wchar.h> and
 * <windows.h> bring this header.
 *
 * In Windows' wide printf functions %s and %ws are wide strings, %S and %hs narrow ones (the
 * reverse of ISO C's %s / %ls), %c / %C likewise, and I64 / I32 / I are length modifiers. The
 * program's format is translated to the C library's, formatted with vswprintf, and written as
 * UTF-8 bytes, so that printf and wprintf mix on one stream as on Windows (the C library would
 * drop the wide output on a stream printf already used). The wide strings are the C library's
 * wchar_t (L"" literals, a wmain's argv), not the 16-bit WCHAR of the W functions.
 * -DWS2MP_NO_WPRINTF keeps the C library's own.
 *
 * In C the header needs nothing beyond <stdio.h>: the four wide C library calls it makes are
 * declared under private names. In C++ it reads <cwchar> first (which #undefs wprintf & co.);
 * a C++ file that includes <cwchar> (or <string>, <iostream>, ...) after its last <stdio.h> or
 * <windows.h> gets the C library's wprintf back: include <windows.h> or <stdio.h> last.
 */
#if !defined(WS2MP_NO_WPRINTF) && !defined(_MSC_VER) && !defined(WS2MP_COMPAT_WPRINTF_H)
#define WS2MP_COMPAT_WPRINTF_H
#ifdef __cplusplus
/* <cwchar> #undefs wprintf & co. (the C++ library includes it from <iostream>, <string>, ...):
 * read it now, so that its include guard keeps the names defined below. */
#include <cwchar>
#elif defined(_CRT_NON_CONFORMING_SWPRINTFS) || defined(_FORTIFY_SOURCE)
/* Read the C library's <wchar.h> first, before any header below can define the names, when a
 * later one (which <windows.h> reads) would meet them: under _CRT_NON_CONFORMING_SWPRINTFS
 * swprintf and vswprintf become _swprintf / _vswprintf (no count), which <wchar.h> would
 * declare a second time with ISO C's count; with _FORTIFY_SOURCE (distributions' default
 * flags) glibc's <wchar.h> defines checking wprintf, swprintf & co. inline, which would
 * define ws2mp's functions a second time. */
#include <wchar.h>
#endif
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef __cplusplus
extern "C" {
#endif
/* The C library's swprintf, fwide, fputws and wcschr under private names: a C unit that included only
 * <stdio.h> does not see <wchar.h>. */
#define WS2MP_WPF_STR2_(x) #x
#define WS2MP_WPF_STR_(x) WS2MP_WPF_STR2_(x)
int ws2mp_c_swprintf_(wchar_t *s, size_t n, const wchar_t *fmt, ...)
    __asm__(WS2MP_WPF_STR_(__USER_LABEL_PREFIX__) "swprintf");
int ws2mp_c_fwide_(FILE *fp, int mode) __asm__(WS2MP_WPF_STR_(__USER_LABEL_PREFIX__) "fwide");
int ws2mp_c_fputws_(const wchar_t *ws, FILE *fp) __asm__(WS2MP_WPF_STR_(__USER_LABEL_PREFIX__) "fputws");
/* C++'s <cwchar> overloads wcschr; the C function, whatever the language. */
wchar_t *ws2mp_c_wcschr_(const wchar_t *s, wchar_t c) __asm__(WS2MP_WPF_STR_(__USER_LABEL_PREFIX__) "wcschr");
#ifdef __cplusplus
}
#endif

/* The growing result of one wprintf call. */
typedef struct ws2mp_wbuf_ {
    wchar_t *p;
    size_t len, cap;
    wchar_t small[256];
} ws2mp_wbuf_;

static inline int ws2mp_wbuf_reserve_(ws2mp_wbuf_ *b, size_t more)
{
    wchar_t *n;
    size_t cap = b->cap;
    if (b->len + more + 1 <= cap)
        return 0;
    while (b->len + more + 1 > cap)
        cap *= 2;
    n = (wchar_t *)malloc(cap * sizeof(wchar_t));
    if (n == NULL)
        return -1;
    memcpy(n, b->p, b->len * sizeof(wchar_t));
    if (b->p != b->small)
        free(b->p);
    b->p = n;
    b->cap = cap;
    return 0;
}

/* A wide string argument: the C library's wchar_t, or the 16-bit WCHAR of the W functions
 * (WSAAddressToStringW, InetNtopW, GetAddrInfoW's names), told apart by its first two 16-bit
 * units: a 32-bit character below U+110000 has 0 to 0x10 in its upper half, a 16-bit string
 * a character (or its end) there. A one-character WCHAR string is read as wchar_t. Returns
 * the string as wchar_t (`*owned` to free when it was converted). */
static inline const wchar_t *ws2mp_wprintf_wide_arg_(const void *arg, wchar_t **owned)
{
    const unsigned short *u = (const unsigned short *)arg;
    size_t n = 0, i = 0, j = 0;
    wchar_t *w;
    *owned = NULL;
    if (u[0] == 0)
        return L"";
    if (u[1] <= 0x10)
        return (const wchar_t *)arg;
    while (u[n])
        n++;
    w = (wchar_t *)malloc((n + 1) * sizeof(wchar_t));
    if (w == NULL)
        return L"";
    while (i < n) {
        unsigned long c = u[i++];
        if (c >= 0xD800 && c < 0xDC00 && i < n && u[i] >= 0xDC00 && u[i] < 0xE000)
            c = 0x10000ul + ((c - 0xD800ul) << 10) + (u[i++] - 0xDC00ul);
        w[j++] = (wchar_t)c;
    }
    w[j] = L'\0';
    *owned = w;
    return w;
}

/* Formats one conversion (`spec` in the C library's spelling) onto the result. */
#define WS2MP_WPRINTF_ONE_(b, spec, value)                                                     \
    do {                                                                                       \
        size_t room_ = 64;                                                                     \
        int n_;                                                                                \
        for (;;) {                                                                             \
            if (ws2mp_wbuf_reserve_((b), room_) != 0)                                          \
                return -1;                                                                     \
            n_ = ws2mp_c_swprintf_((b)->p + (b)->len, (b)->cap - (b)->len, (spec), (value));            \
            if (n_ >= 0)                                                                       \
                break;                                                                         \
            if (room_ >= ((size_t)1 << 24))                                                    \
                return -1;                                                                     \
            room_ = ((b)->cap - (b)->len) * 2;                                                 \
        }                                                                                      \
        (b)->len += (size_t)n_;                                                                \
    } while (0)

/* Microsoft's 0 flag on a string or character: the spaces the C library put before the last
 * conversion (from `before`, `content` characters of text) become zeros. */
static inline void ws2mp_wprintf_zero_pad_(ws2mp_wbuf_ *b, size_t before, size_t content)
{
    size_t i;
    for (i = before; i + content < b->len && b->p[i] == L' '; i++)
        b->p[i] = L'0';
}

/* The whole call: Windows' format read one conversion at a time, each formatted by the C
 * library with its own spelling of the conversion. */
static inline int ws2mp_wprintf_format_(ws2mp_wbuf_ *b, const wchar_t *f, va_list ap)
{
    while (*f) {
        wchar_t spec[64];
        size_t k = 0;
        int narrow = 0, wide = 0, size = 0; /* size: 0 int, 1 h, 2 hh, 3 l, 4 ll, 5 z, 6 j, 7 t, 8 L */
        int zero = 0, left = 0;
        size_t before;
        long prec = -1;
        const wchar_t *dot;
        wchar_t conv;
        if (*f != L'%' || f[1] == L'%') {
            if (ws2mp_wbuf_reserve_(b, 1) != 0)
                return -1;
            b->p[b->len++] = *f;
            f += (*f == L'%') ? 2 : 1;
            continue;
        }
        spec[k++] = *f++;
        while (*f && ws2mp_c_wcschr_(L"-+ #0'", *f) && k < 8) {
            zero |= *f == L'0';
            left |= *f == L'-';
            spec[k++] = *f++;
        }
        /* Width and precision; a * takes its value from the arguments. */
        for (;;) {
            if (*f == L'*') {
                k += (size_t)ws2mp_c_swprintf_(spec + k, 16, L"%d", va_arg(ap, int));
                f++;
            } else {
                while (*f >= L'0' && *f <= L'9' && k < 40)
                    spec[k++] = *f++;
            }
            if (*f != L'.' || k >= 40)
                break;
            spec[k++] = *f++;
            if (*f != L'*' && !(*f >= L'0' && *f <= L'9'))
                break;
        }
        for (;;) {
            if (f[0] == L'I' && f[1] == L'6' && f[2] == L'4') {
                size = 4;
                f += 3;
            } else if (f[0] == L'I' && f[1] == L'3' && f[2] == L'2') {
                size = 0;
                f += 3;
            } else if (f[0] == L'I') {
                size = 5;
                f += 1;
            } else if (f[0] == L'w') {
                wide = 1;
                f += 1;
            } else if (f[0] == L'h') {
                narrow = 1;
                size = (size == 1) ? 2 : 1;
                f += 1;
            } else if (f[0] == L'l') {
                wide = 1;
                size = (size == 3) ? 4 : 3;
                f += 1;
            } else if (f[0] == L'q') {
                size = 4;
                f += 1;
            } else if (f[0] == L'L') {
                size = 8;
                f += 1;
            } else if (f[0] == L'z' || f[0] == L'j' || f[0] == L't') {
                size = (f[0] == L'z') ? 5 : (f[0] == L'j') ? 6 : 7;
                f += 1;
            } else {
                break;
            }
        }
        conv = *f;
        if (conv == L'\0')
            break;
        f++;
        spec[k] = L'\0';
        dot = ws2mp_c_wcschr_(spec, L'.');
        if (dot != NULL)
            for (prec = 0, dot++; *dot >= L'0' && *dot <= L'9'; dot++)
                prec = prec * 10 + (*dot - L'0');
        before = b->len;
        switch (conv) {
        case L'd':
        case L'i':
        case L'u':
        case L'o':
        case L'x':
        case L'X': {
            int is_signed = (conv == L'd' || conv == L'i');
            if (size == 3)
                size = 0; /* Microsoft's long is 32 bits: %ld is an int */
            const wchar_t *mod = (size == 3) ? L"l" : (size == 4) ? L"ll" : (size == 5) ? L"z"
                               : (size == 6) ? L"j" : (size == 7) ? L"t" : (size == 2) ? L"hh"
                               : (size == 1) ? L"h" : L"";
            ws2mp_c_swprintf_(spec + k, 8, L"%ls%lc", mod, conv);
            if (size == 3) {
                if (is_signed)
                    WS2MP_WPRINTF_ONE_(b, spec, va_arg(ap, long));
                else
                    WS2MP_WPRINTF_ONE_(b, spec, va_arg(ap, unsigned long));
            } else if (size == 4) {
                if (is_signed)
                    WS2MP_WPRINTF_ONE_(b, spec, va_arg(ap, long long));
                else
                    WS2MP_WPRINTF_ONE_(b, spec, va_arg(ap, unsigned long long));
            } else if (size >= 5 && size <= 7) {
                WS2MP_WPRINTF_ONE_(b, spec, va_arg(ap, size_t));
            } else {
                if (is_signed)
                    WS2MP_WPRINTF_ONE_(b, spec, va_arg(ap, int));
                else
                    WS2MP_WPRINTF_ONE_(b, spec, va_arg(ap, unsigned int));
            }
            break;
        }
        case L'e':
        case L'E':
        case L'f':
        case L'F':
        case L'g':
        case L'G':
        case L'a':
        case L'A':
            if (size == 8) {
                ws2mp_c_swprintf_(spec + k, 8, L"L%lc", conv);
                WS2MP_WPRINTF_ONE_(b, spec, va_arg(ap, long double));
            } else {
                ws2mp_c_swprintf_(spec + k, 8, L"%lc", conv);
                WS2MP_WPRINTF_ONE_(b, spec, va_arg(ap, double));
            }
            break;
        case L'c':
        case L'C':
            if (!narrow && (wide || conv == L'c')) {
                ws2mp_c_swprintf_(spec + k, 8, L"lc");
                WS2MP_WPRINTF_ONE_(b, spec, (__WINT_TYPE__)va_arg(ap, int));
            } else {
                ws2mp_c_swprintf_(spec + k, 8, L"c");
                WS2MP_WPRINTF_ONE_(b, spec, va_arg(ap, int));
            }
            if (zero && !left)
                ws2mp_wprintf_zero_pad_(b, before, 1);
            break;
        case L's':
        case L'S': {
            const void *arg = va_arg(ap, const void *);
            if (!narrow && (wide || conv == L's')) {
                wchar_t *owned = NULL;
                const wchar_t *w = arg ? ws2mp_wprintf_wide_arg_(arg, &owned) : L"(null)";
                size_t n = 0;
                ws2mp_c_swprintf_(spec + k, 8, L"ls");
                WS2MP_WPRINTF_ONE_(b, spec, w);
                while (w[n] && (prec < 0 || (long)n < prec))
                    n++;
                if (zero && !left)
                    ws2mp_wprintf_zero_pad_(b, before, n);
                free(owned);
            } else {
                const char *t = arg ? (const char *)arg : "(null)";
                size_t n = 0;
                ws2mp_c_swprintf_(spec + k, 8, L"s");
                WS2MP_WPRINTF_ONE_(b, spec, t);
                while (t[n] && (prec < 0 || (long)n < prec))
                    n++;
                if (zero && !left)
                    ws2mp_wprintf_zero_pad_(b, before, n);
            }
            break;
        }
        case L'p':
            /* Microsoft's %p: upper-case hexadecimal, zero-padded to the pointer's width. */
            spec[k] = L'\0';
            if (ws2mp_c_wcschr_(spec, L'.') == NULL)
                k += (size_t)ws2mp_c_swprintf_(spec + k, 8, L".%d", (int)(2 * sizeof(void *)));
            ws2mp_c_swprintf_(spec + k, 8, L"zX");
            WS2MP_WPRINTF_ONE_(b, spec, (size_t)(uintptr_t)va_arg(ap, void *));
            break;
        case L'n':
            /* Windows refuses %n unless the program turned it on; nothing is written. */
            (void)va_arg(ap, void *);
            break;
        default:
            /* Not a conversion: written as it stands. */
            if (ws2mp_wbuf_reserve_(b, 2) != 0)
                return -1;
            b->p[b->len++] = L'%';
            b->p[b->len++] = conv;
            break;
        }
    }
    return 0;
}
#undef WS2MP_WPRINTF_ONE_

/* UTF-8 bytes of a wide string, written to `fp` (or the wide string, on a stream the program
 * already made wide). Returns 0, or -1 when the stream failed. */
static inline int ws2mp_wprintf_put_(FILE *fp, const wchar_t *w, size_t n)
{
    char chunk[512];
    size_t used = 0, i;
    if (ws2mp_c_fwide_(fp, 0) > 0)
        return ws2mp_c_fputws_(w, fp) < 0 ? -1 : 0;
    for (i = 0; i < n; i++) {
        unsigned long c = (unsigned long)w[i];
        if (used > sizeof(chunk) - 4) {
            if (fwrite(chunk, 1, used, fp) != used)
                return -1;
            used = 0;
        }
        if (c > 0x10FFFFul || (c >= 0xD800ul && c <= 0xDFFFul))
            c = 0xFFFDul;
        if (c < 0x80) {
            chunk[used++] = (char)c;
        } else if (c < 0x800) {
            chunk[used++] = (char)(0xC0 | (c >> 6));
            chunk[used++] = (char)(0x80 | (c & 0x3F));
        } else if (c < 0x10000) {
            chunk[used++] = (char)(0xE0 | (c >> 12));
            chunk[used++] = (char)(0x80 | ((c >> 6) & 0x3F));
            chunk[used++] = (char)(0x80 | (c & 0x3F));
        } else {
            chunk[used++] = (char)(0xF0 | (c >> 18));
            chunk[used++] = (char)(0x80 | ((c >> 12) & 0x3F));
            chunk[used++] = (char)(0x80 | ((c >> 6) & 0x3F));
            chunk[used++] = (char)(0x80 | (c & 0x3F));
        }
    }
    return fwrite(chunk, 1, used, fp) == used ? 0 : -1;
}

static inline int ws2mp_vfwprintf_(FILE *fp, const wchar_t *fmt, va_list ap)
{
    ws2mp_wbuf_ b;
    va_list args;
    int r;
    if (fp == NULL || fmt == NULL) {
        errno = EINVAL;
        return -1;
    }
    b.p = b.small;
    b.len = 0;
    b.cap = sizeof(b.small) / sizeof(b.small[0]);
    va_copy(args, ap);
    r = ws2mp_wprintf_format_(&b, fmt, args);
    va_end(args);
    if (r == 0) {
        b.p[b.len] = L'\0';
        r = ws2mp_wprintf_put_(fp, b.p, b.len) == 0 ? (int)b.len : -1;
    }
    if (b.p != b.small)
        free(b.p);
    return r;
}

static inline int ws2mp_vwprintf_(const wchar_t *fmt, va_list ap)
{
    return ws2mp_vfwprintf_(stdout, fmt, ap);
}

static inline int ws2mp_fwprintf_(FILE *fp, const wchar_t *fmt, ...)
{
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = ws2mp_vfwprintf_(fp, fmt, ap);
    va_end(ap);
    return n;
}

static inline int ws2mp_wprintf_(const wchar_t *fmt, ...)
{
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = ws2mp_vfwprintf_(stdout, fmt, ap);
    va_end(ap);
    return n;
}

/* wprintf_s, fwprintf_s, vwprintf_s, vfwprintf_s: the same, with Microsoft's checks (a NULL
 * stream or format: -1, errno EINVAL, where Windows calls the invalid-parameter handler). */
#ifndef vfwprintf_s /* a program of its own may have defined it as a macro first */
static inline int vfwprintf_s(FILE *fp, const wchar_t *fmt, va_list ap)
{
    return ws2mp_vfwprintf_(fp, fmt, ap);
}
#endif

#ifndef vwprintf_s /* a program of its own may have defined it as a macro first */
static inline int vwprintf_s(const wchar_t *fmt, va_list ap)
{
    return ws2mp_vfwprintf_(stdout, fmt, ap);
}
#endif

#ifndef fwprintf_s /* a program of its own may have defined it as a macro first */
static inline int fwprintf_s(FILE *fp, const wchar_t *fmt, ...)
{
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = ws2mp_vfwprintf_(fp, fmt, ap);
    va_end(ap);
    return n;
}
#endif

#ifndef wprintf_s /* a program of its own may have defined it as a macro first */
static inline int wprintf_s(const wchar_t *fmt, ...)
{
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = ws2mp_vfwprintf_(stdout, fmt, ap);
    va_end(ap);
    return n;
}
#endif

/* Formats into `buf` of `count` characters. `mode` 0: swprintf (-1 and "" when the result and
 * its NUL do not fit); 1: _snwprintf (`count` characters without a NUL and -1 when cut; a NULL
 * buffer with a count of 0 gives the length the result needs, nothing written);
 * 2: swprintf_s (as 0: Windows would call the invalid-parameter handler). */
static inline int ws2mp_vsnwprintf_mode_(wchar_t *buf, size_t count, const wchar_t *fmt, va_list ap, int mode)
{
    ws2mp_wbuf_ b;
    va_list args;
    int r;
    if (fmt == NULL || (buf == NULL && !(mode == 1 && count == 0))) {
        errno = EINVAL;
        return -1;
    }
    b.p = b.small;
    b.len = 0;
    b.cap = sizeof(b.small) / sizeof(b.small[0]);
    va_copy(args, ap);
    r = ws2mp_wprintf_format_(&b, fmt, args);
    va_end(args);
    if (buf == NULL) {
        /* _snwprintf(NULL, 0, ...): the length the result needs, as Microsoft's gives it */
        r = r == 0 ? (int)b.len : -1;
    } else if (r == 0 && b.len < count) {
        memcpy(buf, b.p, b.len * sizeof(wchar_t));
        buf[b.len] = L'\0';
        r = (int)b.len;
    } else if (r == 0 && mode == 1) {
        memcpy(buf, b.p, count * sizeof(wchar_t));
        r = b.len == count ? (int)b.len : -1;
    } else {
        if (count > 0)
            buf[0] = L'\0';
        errno = ERANGE;
        r = -1;
    }
    if (b.p != b.small)
        free(b.p);
    return r;
}

static inline int ws2mp_vswprintf_(wchar_t *buf, size_t count, const wchar_t *fmt, va_list ap)
{
    return ws2mp_vsnwprintf_mode_(buf, count, fmt, ap, 0);
}

static inline int ws2mp_swprintf_(wchar_t *buf, size_t count, const wchar_t *fmt, ...)
{
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = ws2mp_vsnwprintf_mode_(buf, count, fmt, ap, 0);
    va_end(ap);
    return n;
}

static inline int vswprintf_s(wchar_t *buf, size_t size, const wchar_t *fmt, va_list ap)
{
    return ws2mp_vsnwprintf_mode_(buf, size, fmt, ap, 2);
}

static inline int swprintf_s(wchar_t *buf, size_t size, const wchar_t *fmt, ...)
{
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = ws2mp_vsnwprintf_mode_(buf, size, fmt, ap, 2);
    va_end(ap);
    return n;
}

static inline int _vsnwprintf(wchar_t *buf, size_t count, const wchar_t *fmt, va_list ap)
{
    return ws2mp_vsnwprintf_mode_(buf, count, fmt, ap, 1);
}

static inline int _snwprintf(wchar_t *buf, size_t count, const wchar_t *fmt, ...)
{
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = ws2mp_vsnwprintf_mode_(buf, count, fmt, ap, 1);
    va_end(ap);
    return n;
}
/* _snwprintf_s / _vsnwprintf_s: at most `count` characters and always a NUL in `size`. With
 * count == _TRUNCATE, a result too long for the buffer is cut to size - 1 characters and -1
 * returned; with a smaller count, the result is cut to count characters (-1 when cut). A
 * result that needs more than `size` with another count is where Windows calls the
 * invalid-parameter handler: here the buffer becomes "" and -1 is returned with errno ERANGE.
 * A NULL buffer or format, or size 0: -1 and EINVAL. */
#ifndef _TRUNCATE
#define _TRUNCATE ((size_t)-1)
#endif
static inline int _vsnwprintf_s(wchar_t *buf, size_t size, size_t count, const wchar_t *fmt, va_list ap)
{
    size_t limit;
    int n;
    if (buf == NULL || size == 0 || fmt == NULL) {
        if (buf != NULL && size > 0)
            buf[0] = L'\0';
        errno = EINVAL;
        return -1;
    }
    limit = (count == _TRUNCATE || count >= size) ? size : count + 1;
    n = ws2mp_vsnwprintf_mode_(buf, limit, fmt, ap, 1);
    if (n >= 0 && (size_t)n < limit)
        return n;
    if (count == _TRUNCATE || count < size) {
        buf[limit - 1] = L'\0';
        return -1;
    }
    buf[0] = L'\0';
    errno = ERANGE;
    return -1;
}

static inline int _snwprintf_s(wchar_t *buf, size_t size, size_t count, const wchar_t *fmt, ...)
{
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = _vsnwprintf_s(buf, size, count, fmt, ap);
    va_end(ap);
    return n;
}

/* _scwprintf / _vscwprintf: the number of characters the wide format would produce, without
 * the NUL (to size a buffer); -1 with errno EINVAL for a NULL format. */
static inline int _vscwprintf(const wchar_t *fmt, va_list ap)
{
    ws2mp_wbuf_ b;
    va_list args;
    int r;
    if (fmt == NULL) {
        errno = EINVAL;
        return -1;
    }
    b.p = b.small;
    b.len = 0;
    b.cap = sizeof(b.small) / sizeof(b.small[0]);
    va_copy(args, ap);
    r = ws2mp_wprintf_format_(&b, fmt, args);
    va_end(args);
    if (r == 0)
        r = (int)b.len;
    if (b.p != b.small)
        free(b.p);
    return r;
}

static inline int _scwprintf(const wchar_t *fmt, ...)
{
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = _vscwprintf(fmt, ap);
    va_end(ap);
    return n;
}
/* _swprintf / _vswprintf: swprintf's legacy form without a count (Microsoft's swprintf before
 * Visual C++ 2005, and swprintf itself under _CRT_NON_CONFORMING_SWPRINTFS): the buffer is
 * taken to be large enough. Returns the characters written, or -1. */
static inline int _vswprintf(wchar_t *buf, const wchar_t *fmt, va_list ap)
{
    return ws2mp_vsnwprintf_mode_(buf, (size_t)INT_MAX, fmt, ap, 0);
}

static inline int _swprintf(wchar_t *buf, const wchar_t *fmt, ...)
{
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = ws2mp_vsnwprintf_mode_(buf, (size_t)INT_MAX, fmt, ap, 0);
    va_end(ap);
    return n;
}
#ifdef __cplusplus
/* For std::wprintf & co. in a file that included <cwchar> before this header. */
namespace std {
using ::ws2mp_fwprintf_;
using ::ws2mp_swprintf_;
using ::ws2mp_vfwprintf_;
using ::ws2mp_vswprintf_;
using ::ws2mp_vwprintf_;
using ::ws2mp_wprintf_;
}
/* MSVC's overloads that take the array's size from its type. */
extern "C++" {
template <size_t N>
inline int swprintf_s(wchar_t (&buf)[N], const wchar_t *fmt, ...)
{
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = ws2mp_vsnwprintf_mode_(buf, N, fmt, ap, 2);
    va_end(ap);
    return n;
}
template <size_t N>
inline int _snwprintf_s(wchar_t (&buf)[N], size_t count, const wchar_t *fmt, ...)
{
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = _vsnwprintf_s(buf, N, count, fmt, ap);
    va_end(ap);
    return n;
}
template <size_t N>
inline int _vsnwprintf_s(wchar_t (&buf)[N], size_t count, const wchar_t *fmt, va_list ap)
{
    return _vsnwprintf_s(buf, N, count, fmt, ap);
}
}
#endif
#endif /* WS2MP_COMPAT_WPRINTF_H */

/* The names, defined at each inclusion: <cwchar> (read by a C++ file's <string>, <iostream>,
 * ...) #undefs them, and a later <stdio.h> or <windows.h> puts them back. */
#if !defined(WS2MP_NO_WPRINTF) && !defined(_MSC_VER)
#define wprintf ws2mp_wprintf_
#define fwprintf ws2mp_fwprintf_
#define vwprintf ws2mp_vwprintf_
#define vfwprintf ws2mp_vfwprintf_
#ifdef _CRT_NON_CONFORMING_SWPRINTFS
#undef swprintf
#undef vswprintf
#define swprintf _swprintf
#define vswprintf _vswprintf
#else
#define swprintf ws2mp_swprintf_
#define vswprintf ws2mp_vswprintf_
#endif
#endif

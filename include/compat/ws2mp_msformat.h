/*
 * ws2mp compat: printf and scanf with the Microsoft C library's length modifiers; fflush(stdin)
 * and gets as that library has them (at the end of this comment).
 *
 * Windows programs print 64-bit counters with %I64d / %I64u / %I64x, sizes with %Iu, 32-bit
 * values with %I32d, and the W functions' strings with %S / %ws / %wS (below). The C library reads `I` as its locale-digits flag and 64 as a
 * field width, so it would print a 64-bit value as a truncated int padded to 64 columns (and
 * scanf would fill half of an __int64). These wrappers hand the C library the same format
 * with ISO C's modifiers (I64 -> ll, I32 -> none, I -> z; and in printf, l of an integer ->
 * none, as Microsoft's long is 32 bits: a DWORD or LONG printed with %lu / %ld is read as
 * such); a format without them goes through untouched, after one scan. scanf keeps %ld (it
 * stores a long, whatever the program's variable). printf, fprintf, sprintf, snprintf, vprintf, vfprintf, vsprintf,
 * vsnprintf and the scanf family are function-like macros over them, so `&printf`,
 * `__attribute__((format(printf, 1, 2)))` and `using ::printf` still name the C library's.
 * Format checking (-Wformat) does not see the calls (it would reject %I64d).
 * -DWS2MP_NO_MS_FORMAT keeps the C library's functions.
 *
 * fflush(stdin) discards the input not read yet, as Microsoft's C library does (programs call
 * it after scanf to drop the rest of the line); gets is the old unbounded line read the C
 * library dropped in C11. Both are function-like macros too. fopen and freopen read `\` in a
 * path as `/`, as Microsoft's do, and fpos_t is Microsoft's 64-bit offset (fgetpos, fsetpos):
 * object-like macros naming the functions below; in C, remove and rename read `\` as `/` too
 * (function-like macros over ws2mp_path.h's; C++ keeps the names, which std::remove and the
 * containers' members use); clock() is Microsoft's wall-clock time since
 * the process started, in milliseconds (CLOCKS_PER_SEC and MSVC's old CLK_TCK 1000), a function-like macro over
 * libws2mp's ws2mp_clock; strtok keeps its position per thread, as Microsoft's does (a
 * function-like macro over libws2mp's ws2mp_strtok); strftime has Microsoft's %c and # flag
 * (a function-like macro over ws2mp_strftime_); fopen of a directory fails with EACCES
 * (-DWS2MP_NO_MS_FORMAT keeps the C library's of all these).
 *
 * The functions are defined once; the macros are (re)defined each time this file is read,
 * because C++'s <cstdio> #undefs printf & co.: every ws2mp header that may be read after it
 * includes this file at its end.
 */
#if !defined(WS2MP_NO_MS_FORMAT) && !defined(_MSC_VER) && !defined(WS2MP_MSFORMAT_READING_)
/* The C library headers below include this file again (through ws2mp's <stdio.h>): that
 * nested read does nothing, this one defines the macros at its end. */
#define WS2MP_MSFORMAT_READING_
#ifdef __cplusplus
/* Read <cstdio> (and its #undefs) now, so that its include guard keeps the macros below. */
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <errno.h>
#include "ws2mp_path.h"
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#else
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "ws2mp_path.h"
#endif

#ifndef WS2MP_COMPAT_MSFORMAT_H
#define WS2MP_COMPAT_MSFORMAT_H

#ifdef __cplusplus
extern "C" {
#endif

/* The C library's spelling of a Microsoft printf (`printing`) or scanf format. Returns `fmt`
 * itself when it has no Microsoft length modifier (nor, in printf, a %p); else the translation
 * in `buf` (`cap` bytes) or, when longer, in `*owned` (malloc'd, for the caller to free). Only
 * a %p makes the translation longer than the format (4 bytes each). */
static inline const char *ws2mp_ms_format_(const char *fmt, int printing, char *buf, size_t cap,
                                           char **owned)
{
    char *start = NULL, *o = NULL;
    int pass;
    *owned = NULL;
    if (fmt == NULL)
        return fmt;
    for (pass = 0; pass < 2; pass++) {
        const char *p = fmt;
        int changed = 0;
        size_t grow = 0;
        while (*p) {
            int precision = 0;
            if (*p != '%' || p[1] == '%') {
                size_t n = (*p == '%') ? 2 : 1;
                if (o) {
                    memcpy(o, p, n);
                    o += n;
                }
                p += n;
                continue;
            }
            if (o)
                *o++ = *p;
            p++;
            /* Flags, width, precision, positions, and scanf's assignment suppression. */
            while (*p && strchr("-+ #0123456789.*$'", *p)) {
                precision |= *p == '.';
                if (o)
                    *o++ = *p;
                p++;
            }
            if (printing && p[0] == 'p') {
                /* Microsoft's %p: the address in upper-case hexadecimal, zero-padded to the
                 * pointer's width, with # a 0X before it (the C library's: 0x and only the
                 * digits needed, "(nil)" for NULL). A size_t has the pointer's size here. */
                changed = 1;
                grow += 4;
                if (o) {
                    if (!precision) {
                        int n = snprintf(o, 4, ".%d", (int)(2 * sizeof(void *)));
                        o += n > 0 ? n : 0;
                    }
                    *o++ = 'z';
                    *o++ = 'X';
                }
                p++;
            } else if (p[0] == 'I' && p[1] == '6' && p[2] == '4') {
                changed = 1;
                if (o) {
                    *o++ = 'l';
                    *o++ = 'l';
                }
                p += 3;
            } else if (p[0] == 'I' && p[1] == '3' && p[2] == '2') {
                changed = 1;
                p += 3;
            } else if (p[0] == 'I') {
                changed = 1;
                if (o)
                    *o++ = 'z';
                p++;
            } else if (printing && p[0] == 'l' && p[1] != '\0' && strchr("diouxX", p[1])) {
                /* Microsoft's long is 32 bits: %ld reads an int (a negative LONG passed as
                 * int would otherwise print as a large unsigned value). */
                changed = 1;
                p++;
            }
        }
        if (pass == 0) {
            size_t len;
            if (!changed)
                return fmt;
            len = strlen(fmt) + 1 + grow;
            if (len <= cap) {
                o = buf;
            } else {
                o = *owned = (char *)malloc(len);
                if (o == NULL)
                    return fmt;
            }
            start = o;
        }
    }
    *o = '\0';
    return start;
}

/* ---- printf's wide strings and characters ---------------------------------------------------
 * In Microsoft's printf, %S, %ws, %wS and %ls print a wide string, %C, %wc and %lc a wide
 * character (the program's WCHAR, 16-bit, or a wchar_t from an L"" literal: told apart as
 * ws2mp's wprintf does). The C library would read a 32-bit wchar_t string and fail on a 16-bit
 * one, and stops at %w. A format with such a conversion is formatted here, one conversion at
 * a time by the C library, the wide ones as UTF-8. */

/* Whether a printf format has a wide string or character conversion, or a string or
 * character with the 0 flag (Microsoft's printf pads those with zeros, the C library with
 * spaces): such a format is formatted here. */
static inline int ws2mp_ms_has_wide_(const char *p)
{
    for (; p != NULL && *p; p++) {
        int zero = 0, left = 0, digits = 0;
        if (*p != '%')
            continue;
        if (p[1] == '%') {
            p++;
            continue;
        }
        p++;
        while (*p && strchr("-+ #0123456789.*$'", *p)) {
            zero |= *p == '0' && !digits;
            left |= *p == '-';
            digits |= *p >= '1' && *p <= '9';
            digits |= *p == '.' || *p == '*';
            p++;
        }
        if (*p == 'S' || *p == 'C' || ((*p == 'w' || *p == 'l') && (p[1] == 's' || p[1] == 'c' || p[1] == 'S' || p[1] == 'C')))
            return 1;
        if (zero && !left && (*p == 's' || *p == 'c' || (*p == 'h' && (p[1] == 's' || p[1] == 'c'))))
            return 1;
        if (*p == '\0')
            break;
    }
    return 0;
}

/* Appends the UTF-8 form of code point `c` to `out` (4 bytes room); returns the length. */
static inline size_t ws2mp_ms_utf8_(unsigned long c, char *out)
{
    if (c < 0x80) {
        out[0] = (char)c;
        return 1;
    }
    if (c < 0x800) {
        out[0] = (char)(0xC0 | (c >> 6));
        out[1] = (char)(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) {
        out[0] = (char)(0xE0 | (c >> 12));
        out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        out[2] = (char)(0x80 | (c & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (c >> 18));
    out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((c >> 6) & 0x3F));
    out[3] = (char)(0x80 | (c & 0x3F));
    return 4;
}

/* A wide string argument as UTF-8 (malloc'd), at most `max` characters (-1: all): a 16-bit
 * WCHAR string, or a 32-bit wchar_t one (a character below U+110000 has 0 to 0x10 in its upper
 * 16 bits, a WCHAR string a character there). A first character followed by a 0 unit is a
 * one-character WCHAR string for %S / %ws (`wchar`: Microsoft's spellings, used with the W
 * functions' strings) and a wchar_t string for %ls (ISO C's spelling); reading it the other
 * way would run past a one-character WCHAR string. NULL prints as "(null)". */
static inline char *ws2mp_ms_wide_utf8_(const void *arg, long max, int wchar)
{
    const unsigned short *u = (const unsigned short *)arg;
    size_t n = 0, i = 0, o = 0;
    int wide32;
    char *s;
    if (arg == NULL) {
        s = (char *)malloc(7);
        if (s != NULL)
            memcpy(s, "(null)", 7);
        return s;
    }
    wide32 = u[0] != 0 && u[1] <= 0x10 && !(u[1] == 0 && wchar);
    if (wide32) {
        const unsigned int *w = (const unsigned int *)arg;
        while (w[n] && (max < 0 || (long)n < max))
            n++;
    } else {
        while (u[n] && (max < 0 || (long)n < max))
            n++;
    }
    s = (char *)malloc(n * 4 + 1);
    if (s == NULL)
        return NULL;
    while (i < n) {
        unsigned long c;
        if (wide32) {
            c = ((const unsigned int *)arg)[i++];
        } else {
            c = u[i++];
            if (c >= 0xD800 && c < 0xDC00 && i < n && u[i] >= 0xDC00 && u[i] < 0xE000)
                c = 0x10000ul + ((c - 0xD800ul) << 10) + (u[i++] - 0xDC00ul);
        }
        o += ws2mp_ms_utf8_(c > 0x10FFFF ? 0xFFFD : c, s + o);
    }
    s[o] = '\0';
    return s;
}

/* Formats `fmt` (Microsoft's spelling, with wide conversions) into `out` (`cap` bytes, cut and
 * NUL-terminated as vsnprintf does); returns the full length, or -1. */
static inline int ws2mp_ms_wide_vsnprintf_(char *out, size_t cap, const char *fmt, va_list ap)
{
    size_t len = 0;
    const char *p = fmt;
#define WS2MP_MSW_PUT_(spec, value)                                                               \
    do {                                                                                          \
        int n_ = snprintf(len < cap ? out + len : NULL, len < cap ? cap - len : 0, (spec), (value)); \
        if (n_ < 0)                                                                               \
            return -1;                                                                            \
        len += (size_t)n_;                                                                        \
    } while (0)
    if (cap > 0)
        out[0] = '\0';
    while (*p) {
        char spec[64];
        size_t k = 0;
        int width = -1, prec = -1, left = 0, zero = 0;
        const char *start = p;
        char size = 0; /* 'H' hh, 'h', 'l' (32-bit), 'q' (64-bit), 'z', 'j', 't', 'L', 'w' */
        if (*p != '%' || p[1] == '%') {
            if (len + 1 < cap)
                out[len] = *p;
            len++;
            p += (*p == '%') ? 2 : 1;
            continue;
        }
        spec[k++] = *p++;
        while (*p && strchr("-+ #0'", *p) && k < 8) {
            left |= *p == '-';
            zero |= *p == '0';
            spec[k++] = *p++;
        }
        if (*p == '*') {
            width = va_arg(ap, int);
            if (width < 0) {
                left = 1;
                width = -width;
                spec[k++] = '-';
            }
            p++;
        } else {
            for (width = 0; *p >= '0' && *p <= '9'; p++)
                width = width * 10 + (*p - '0');
            if (p[-1] < '0' || p[-1] > '9')
                width = -1;
        }
        if (*p == '.') {
            p++;
            if (*p == '*') {
                prec = va_arg(ap, int);
                p++;
            } else {
                for (prec = 0; *p >= '0' && *p <= '9'; p++)
                    prec = prec * 10 + (*p - '0');
            }
        }
        if (width >= 0)
            k += (size_t)snprintf(spec + k, 16, "%d", width);
        if (prec >= 0)
            k += (size_t)snprintf(spec + k, 16, ".%d", prec);
        if (p[0] == 'I' && p[1] == '6' && p[2] == '4') {
            size = 'q';
            p += 3;
        } else if (p[0] == 'I' && p[1] == '3' && p[2] == '2') {
            p += 3;
        } else if (p[0] == 'I') {
            size = 'z';
            p++;
        } else if (p[0] == 'h' && p[1] == 'h') {
            size = 'H';
            p += 2;
        } else if (p[0] == 'l' && p[1] == 'l') {
            size = 'q';
            p += 2;
        } else if (strchr("hlwzjtL", p[0]) && p[0] != '\0') {
            size = *p++;
        }
        switch (*p) {
        case 'd':
        case 'i':
        case 'o':
        case 'u':
        case 'x':
        case 'X': {
            int is_signed = (*p == 'd' || *p == 'i');
            if (size == 'q') {
                spec[k++] = 'l';
                spec[k++] = 'l';
            } else if (size == 'z') {
                spec[k++] = 'z';
            } else if (size == 'j') {
                spec[k++] = 'j';
            } else if (size == 't') {
                spec[k++] = 't';
            } else if (size == 'H') {
                spec[k++] = 'h';
                spec[k++] = 'h';
            } else if (size == 'h') {
                spec[k++] = 'h';
            }
            spec[k++] = *p;
            spec[k] = '\0';
            if (size == 'q') {
                if (is_signed)
                    WS2MP_MSW_PUT_(spec, va_arg(ap, long long));
                else
                    WS2MP_MSW_PUT_(spec, va_arg(ap, unsigned long long));
            } else if (size == 'z') {
                WS2MP_MSW_PUT_(spec, va_arg(ap, size_t));
            } else if (size == 'j') {
                WS2MP_MSW_PUT_(spec, va_arg(ap, intmax_t));
            } else if (size == 't') {
                WS2MP_MSW_PUT_(spec, va_arg(ap, ptrdiff_t));
            } else if (is_signed) {
                WS2MP_MSW_PUT_(spec, va_arg(ap, int)); /* Microsoft's long is 32 bits */
            } else {
                WS2MP_MSW_PUT_(spec, va_arg(ap, unsigned int));
            }
            break;
        }
        case 'e':
        case 'E':
        case 'f':
        case 'F':
        case 'g':
        case 'G':
        case 'a':
        case 'A':
            if (size == 'L') {
                spec[k++] = 'L';
                spec[k++] = *p;
                spec[k] = '\0';
                WS2MP_MSW_PUT_(spec, va_arg(ap, long double));
            } else {
                spec[k++] = *p;
                spec[k] = '\0';
                WS2MP_MSW_PUT_(spec, va_arg(ap, double));
            }
            break;
        case 'p':
            /* Microsoft's %p, as in ws2mp_ms_format_. */
            if (prec < 0)
                k += (size_t)snprintf(spec + k, 8, ".%d", (int)(2 * sizeof(void *)));
            spec[k++] = 'z';
            spec[k++] = 'X';
            spec[k] = '\0';
            WS2MP_MSW_PUT_(spec, (size_t)(uintptr_t)va_arg(ap, void *));
            break;
        case 'n':
            *va_arg(ap, int *) = (int)len;
            break;
        case 's':
        case 'S':
        case 'c':
        case 'C': {
            int wide = (*p == 'S' || *p == 'C') ? size != 'h' : (size == 'l' || size == 'w');
            int chr = (*p == 'c' || *p == 'C');
            if (zero && !left && width > 0) {
                /* Microsoft's 0 flag on a string or character: zeros before it, up to the width
                 * (counted in bytes of the UTF-8 text, as the space padding below is). */
                char one[5], *text = NULL;
                const char *t;
                size_t n, i;
                if (chr) {
                    unsigned long c = (unsigned long)(unsigned int)va_arg(ap, int);
                    if (wide)
                        one[ws2mp_ms_utf8_(c & 0x1FFFFF, one)] = '\0';
                    else
                        one[0] = (char)c, one[1] = '\0';
                    t = one;
                    n = wide ? strlen(one) : 1;
                } else if (wide) {
                    t = text = ws2mp_ms_wide_utf8_(va_arg(ap, const void *), prec, size != 'l');
                    if (text == NULL)
                        return -1;
                    n = strlen(t);
                } else {
                    t = va_arg(ap, const char *);
                    if (t == NULL)
                        t = "(null)";
                    for (n = 0; t[n] && (prec < 0 || (long)n < prec); n++)
                        ;
                }
                for (i = n; i < (size_t)width; i++) {
                    if (len + 1 < cap)
                        out[len] = '0';
                    len++;
                }
                for (i = 0; i < n; i++) {
                    if (len + 1 < cap)
                        out[len] = t[i];
                    len++;
                }
                free(text);
            } else if (!wide && !chr) {
                spec[k++] = 's';
                spec[k] = '\0';
                WS2MP_MSW_PUT_(spec, va_arg(ap, const char *));
            } else if (!wide) {
                spec[k++] = 'c';
                spec[k] = '\0';
                WS2MP_MSW_PUT_(spec, va_arg(ap, int));
            } else {
                char one[5], *text;
                /* The precision counts characters of a wide string: applied before the
                 * conversion, and not again to its UTF-8 bytes. */
                k = 0;
                spec[k++] = '%';
                if (left)
                    spec[k++] = '-';
                if (width >= 0)
                    k += (size_t)snprintf(spec + k, 16, "%d", width);
                spec[k++] = 's';
                spec[k] = '\0';
                if (chr) {
                    one[ws2mp_ms_utf8_((unsigned long)(unsigned int)va_arg(ap, int) & 0x1FFFFF, one)] = '\0';
                    WS2MP_MSW_PUT_(spec, one);
                } else {
                    text = ws2mp_ms_wide_utf8_(va_arg(ap, const void *), prec, size != 'l');
                    if (text == NULL)
                        return -1;
                    WS2MP_MSW_PUT_(spec, text);
                    free(text);
                }
            }
            break;
        }
        default: {
            /* Not a conversion ws2mp knows: printed as it stands, as the C library does. */
            size_t n = (size_t)(p - start) + (*p ? 1 : 0), i;
            for (i = 0; i < n; i++) {
                if (len + 1 < cap)
                    out[len] = start[i];
                len++;
            }
            if (*p == '\0')
                goto done;
            break;
        }
        }
        p++;
    }
done:
    if (cap > 0)
        out[len < cap ? len : cap - 1] = '\0';
#undef WS2MP_MSW_PUT_
    return len > 0x7FFFFFFF ? -1 : (int)len;
}

/* fprintf with wide conversions: formatted whole, then written. */
static inline int ws2mp_ms_wide_vfprintf_(FILE *fp, const char *fmt, va_list ap)
{
    char small[512], *big = NULL;
    va_list sizing;
    int n;
    va_copy(sizing, ap);
    n = ws2mp_ms_wide_vsnprintf_(small, sizeof small, fmt, sizing);
    va_end(sizing);
    if (n < 0)
        return -1;
    if ((size_t)n >= sizeof small) {
        big = (char *)malloc((size_t)n + 1);
        if (big == NULL)
            return -1;
        ws2mp_ms_wide_vsnprintf_(big, (size_t)n + 1, fmt, ap);
    }
    if (fwrite(big ? big : small, 1, (size_t)n, fp) != (size_t)n)
        n = -1;
    free(big);
    return n;
}

/* One wrapper: translate the format, call the C library, free a long translation. */
#define WS2MP_MS_FORMAT_CALL_(fmt, printing, call)                                                \
    char ws2mp_buf_[256];                                                                         \
    char *ws2mp_owned_;                                                                           \
    const char *ws2mp_f_ =                                                                        \
        ws2mp_ms_format_((fmt), (printing), ws2mp_buf_, sizeof ws2mp_buf_, &ws2mp_owned_);        \
    int ws2mp_r_ = (call);                                                                        \
    free(ws2mp_owned_);                                                                           \
    return ws2mp_r_

static inline int ws2mp_vfprintf_(FILE *fp, const char *fmt, va_list ap)
{
    if (ws2mp_ms_has_wide_(fmt))
        return ws2mp_ms_wide_vfprintf_(fp, fmt, ap);
    {
        WS2MP_MS_FORMAT_CALL_(fmt, 1, vfprintf(fp, ws2mp_f_, ap));
    }
}

static inline int ws2mp_vprintf_(const char *fmt, va_list ap)
{
    if (ws2mp_ms_has_wide_(fmt))
        return ws2mp_ms_wide_vfprintf_(stdout, fmt, ap);
    {
        WS2MP_MS_FORMAT_CALL_(fmt, 1, vprintf(ws2mp_f_, ap));
    }
}

static inline int ws2mp_vsprintf_(char *buf, const char *fmt, va_list ap)
{
    if (ws2mp_ms_has_wide_(fmt))
        return ws2mp_ms_wide_vsnprintf_(buf, (size_t)0x7FFFFFFF, fmt, ap);
    {
        WS2MP_MS_FORMAT_CALL_(fmt, 1, vsprintf(buf, ws2mp_f_, ap));
    }
}

static inline int ws2mp_vsnprintf_(char *buf, size_t size, const char *fmt, va_list ap)
{
    if (ws2mp_ms_has_wide_(fmt))
        return ws2mp_ms_wide_vsnprintf_(buf, size, fmt, ap);
    {
        WS2MP_MS_FORMAT_CALL_(fmt, 1, vsnprintf(buf, size, ws2mp_f_, ap));
    }
}

static inline int ws2mp_vfscanf_(FILE *fp, const char *fmt, va_list ap)
{
    WS2MP_MS_FORMAT_CALL_(fmt, 0, vfscanf(fp, ws2mp_f_, ap));
}

static inline int ws2mp_vsscanf_(const char *str, const char *fmt, va_list ap)
{
    WS2MP_MS_FORMAT_CALL_(fmt, 0, vsscanf(str, ws2mp_f_, ap));
}

static inline int ws2mp_vscanf_(const char *fmt, va_list ap)
{
    return ws2mp_vfscanf_(stdin, fmt, ap);
}
#undef WS2MP_MS_FORMAT_CALL_

/* The variadic ones, over the va_list ones above. */
#define WS2MP_MS_VARIADIC_(call)                                                                  \
    va_list ap;                                                                                   \
    int r;                                                                                        \
    va_start(ap, fmt);                                                                            \
    r = (call);                                                                                   \
    va_end(ap);                                                                                   \
    return r

static inline int ws2mp_printf_(const char *fmt, ...)
{
    WS2MP_MS_VARIADIC_(ws2mp_vprintf_(fmt, ap));
}

static inline int ws2mp_fprintf_(FILE *fp, const char *fmt, ...)
{
    WS2MP_MS_VARIADIC_(ws2mp_vfprintf_(fp, fmt, ap));
}

static inline int ws2mp_sprintf_(char *buf, const char *fmt, ...)
{
    WS2MP_MS_VARIADIC_(ws2mp_vsprintf_(buf, fmt, ap));
}

static inline int ws2mp_snprintf_(char *buf, size_t size, const char *fmt, ...)
{
    WS2MP_MS_VARIADIC_(ws2mp_vsnprintf_(buf, size, fmt, ap));
}

static inline int ws2mp_scanf_(const char *fmt, ...)
{
    WS2MP_MS_VARIADIC_(ws2mp_vfscanf_(stdin, fmt, ap));
}

static inline int ws2mp_fscanf_(FILE *fp, const char *fmt, ...)
{
    WS2MP_MS_VARIADIC_(ws2mp_vfscanf_(fp, fmt, ap));
}

static inline int ws2mp_sscanf_(const char *str, const char *fmt, ...)
{
    WS2MP_MS_VARIADIC_(ws2mp_vsscanf_(str, fmt, ap));
}
#undef WS2MP_MS_VARIADIC_

#define WS2MP_MSF_STR2_(x) #x
#define WS2MP_MSF_STR_(x) WS2MP_MSF_STR2_(x)
/* gets: the line read of the MSVC C libraries before 2015, which old console programs call
 * (the C library has dropped it since C11): up to the newline, without it, with no bound on
 * the buffer, as it always was. NULL at the input's end with nothing read. */
static inline char *ws2mp_gets_(char *buf)
{
    size_t n = 0;
    int c;
    while ((c = getchar()) != EOF && c != '\n')
        buf[n++] = (char)c;
    buf[n] = '\0';
    return (c == EOF && (n == 0 || ferror(stdin))) ? NULL : buf;
}

/* fflush(stdin): Microsoft's C library discards the input not read yet (programs call it after
 * scanf to drop the rest of the line); the C library would leave it. Other streams are the C
 * library's fflush. */
#if defined(__APPLE__) || defined(__FreeBSD__) || defined(__NetBSD__) || defined(__OpenBSD__)
int ws2mp_fpurge_(FILE *stream) __asm__(WS2MP_MSF_STR_(__USER_LABEL_PREFIX__) "fpurge");
#else
void ws2mp_fpurge_(FILE *stream) __asm__(WS2MP_MSF_STR_(__USER_LABEL_PREFIX__) "__fpurge");
#endif
static inline int ws2mp_fflush_(FILE *stream)
{
    if (stream != NULL && stream == stdin) {
        ws2mp_fpurge_(stream);
        return 0;
    }
    return fflush(stream);
}

/* fopen and freopen take Windows' path separator (ws2mp_path.h): the name goes to the C
 * library's function with `/` for `\`. A directory is not a file Windows opens: fopen of one
 * is NULL with errno EACCES in every mode (the C library opens it for reading and says EISDIR
 * for writing), so a program that tries its argument as a file before as a directory, or
 * reports "cannot open" for a directory, goes the same way. The check is libws2mp's
 * GetFileAttributesA, under a private name (<stdio.h> alone declares no Win32 function). */
unsigned int ws2mp_msf_attributes_(const char *name)
    __asm__(WS2MP_MSF_STR_(__USER_LABEL_PREFIX__) "GetFileAttributesA");
/* What fopen/freopen opened as `f` (errno `*saved`): a directory opened for reading is closed
 * and NULL with EACCES; a failure with EISDIR is EACCES. */
static inline FILE *ws2mp_msf_no_directory_(FILE *f, const char *path, const char *mode, int *saved)
{
    if (f != NULL && path != NULL && mode != NULL && mode[0] == 'r' && strchr(mode, '+') == NULL) {
        unsigned int attributes = ws2mp_msf_attributes_(path);
        if (attributes != 0xFFFFFFFFu && (attributes & 0x10u) != 0) { /* a directory */
            fclose(f);
            *saved = EACCES;
            return NULL;
        }
    } else if (f == NULL && *saved == EISDIR) {
        *saved = EACCES;
    }
    return f;
}
static inline FILE *ws2mp_fopen_(const char *name, const char *mode)
{
    char buf[260], *owned;
    const char *path = ws2mp_slash_path_(name, buf, sizeof(buf), &owned);
    FILE *f = fopen(path, mode);
    int saved = errno;
    f = ws2mp_msf_no_directory_(f, path, mode, &saved);
    free(owned);
    errno = saved;
    return f;
}

static inline FILE *ws2mp_freopen_(const char *name, const char *mode, FILE *stream)
{
    char buf[260], *owned;
    const char *path = ws2mp_slash_path_(name, buf, sizeof(buf), &owned);
    FILE *f = freopen(path, mode, stream);
    int saved = errno;
    f = ws2mp_msf_no_directory_(f, path, mode, &saved); /* the stream is closed, as fopen's */
    free(owned);
    errno = saved;
    return f;
}

/* fpos_t is Microsoft's: a 64-bit integer, the offset from the file's start (programs take a
 * file's size as `fpos_t len; fseek(f, 0, SEEK_END); fgetpos(f, &len);` and compute with it).
 * The C library's is a structure. fgetpos and fsetpos read and set that offset; nonzero with
 * errno set on failure, EINVAL for a NULL argument. */
typedef long long ws2mp_fpos_t_;
static inline int ws2mp_fgetpos_(FILE *stream, ws2mp_fpos_t_ *pos)
{
    long offset;
    if (stream == NULL || pos == NULL) {
        errno = EINVAL;
        return -1;
    }
    offset = ftell(stream);
    if (offset < 0)
        return -1;
    *pos = offset;
    return 0;
}

static inline int ws2mp_fsetpos_(FILE *stream, const ws2mp_fpos_t_ *pos)
{
    if (stream == NULL || pos == NULL) {
        errno = EINVAL;
        return -1;
    }
    return fseek(stream, (long)*pos, SEEK_SET) == 0 ? 0 : -1;
}

/* clock() is Microsoft's: milliseconds of wall-clock time since the process started
 * (CLOCKS_PER_SEC 1000), exported by libws2mp; the C library's counts the CPU time the process
 * used, so a program timing a network wait with it would read almost nothing. */
long ws2mp_clock(void);

/* strftime with Microsoft's conversions: %c is "%m/%d/%y %H:%M:%S" (the C library's
 * "Thu Jan  1 00:00:00 1970"), %#c and %#x the long date ("Thursday, January 01, 1970",
 * then the time for %#c), and # before a number (%#d, %#H, %#m, ...) drops its leading zeros
 * ("1" for the 1st: the C library's spelling is %-d); before any other conversion # changes
 * nothing (the C library would change the case of %#a, %#b, %#p). A format without %c or # is
 * the C library's as it is. A NULL buffer or format is 0 with errno EINVAL. */
static inline size_t ws2mp_strftime_(char *buf, size_t max, const char *fmt, const struct tm *tm)
{
    char small[256], *out = small, *o;
    const char *p;
    size_t need, n;
    if (buf == NULL || fmt == NULL || tm == NULL) {
        errno = EINVAL;
        if (buf != NULL && max > 0)
            buf[0] = '\0';
        return 0;
    }
    if (strstr(fmt, "%c") == NULL && strstr(fmt, "%#") == NULL)
        return strftime(buf, max, fmt, tm);
    need = strlen(fmt) * 16 + 1; /* %c, 2 bytes, becomes 17 */
    if (need > sizeof(small) && (out = (char *)malloc(need)) == NULL)
        return strftime(buf, max, fmt, tm);
    for (p = fmt, o = out; *p; p++) {
        const char *with = NULL;
        if (*p != '%') {
            *o++ = *p;
            continue;
        }
        if (p[1] == '#' && p[2] != '\0') {
            if (p[2] == 'c')
                with = "%A, %B %d, %Y %H:%M:%S";
            else if (p[2] == 'x')
                with = "%A, %B %d, %Y";
            else if (strchr("dHIjmMSUwWyY", p[2]) != NULL) {
                *o++ = '%';
                *o++ = '-';
                *o++ = p[2];
                p += 2;
                continue;
            } else {
                *o++ = '%';
                *o++ = p[2];
                p += 2;
                continue;
            }
            p += 2;
        } else if (p[1] == 'c') {
            with = "%m/%d/%y %H:%M:%S";
            p += 1;
        } else if (p[1] != '\0') {
            *o++ = *p++;
            *o++ = *p;
            continue;
        } else {
            *o++ = *p;
            continue;
        }
        n = strlen(with);
        memcpy(o, with, n);
        o += n;
    }
    *o = '\0';
    n = strftime(buf, max, out, tm);
    if (out != small)
        free(out);
    return n;
}

/* strtok is Microsoft's: it keeps its position per thread, as Microsoft's C library does, so
 * threads that split their own strings at once do not continue in one another's (exported by
 * libws2mp; the C library's keeps one position for the process). */
char *ws2mp_strtok(char *str, const char *delim);

#ifdef __cplusplus
}
/* std::printf & co. after the macros below. */
namespace std {
using ::ws2mp_fprintf_;
using ::ws2mp_fscanf_;
using ::ws2mp_printf_;
using ::ws2mp_scanf_;
using ::ws2mp_snprintf_;
using ::ws2mp_sprintf_;
using ::ws2mp_sscanf_;
using ::ws2mp_vfprintf_;
using ::ws2mp_vfscanf_;
using ::ws2mp_vprintf_;
using ::ws2mp_vscanf_;
using ::ws2mp_vsnprintf_;
using ::ws2mp_vsprintf_;
using ::ws2mp_vsscanf_;
using ::ws2mp_fflush_;
using ::ws2mp_gets_;
using ::ws2mp_fopen_;
using ::ws2mp_freopen_;
using ::ws2mp_fpos_t_;
using ::ws2mp_fgetpos_;
using ::ws2mp_fsetpos_;
using ::ws2mp_clock;
using ::ws2mp_strftime_;
using ::ws2mp_strtok;
}
#endif
#endif /* WS2MP_COMPAT_MSFORMAT_H */

#undef printf
#undef fprintf
#undef sprintf
#if !defined(snprintf) || defined(WS2MP_MSFORMAT_SNPRINTF_)
#undef snprintf
#define snprintf(...) ws2mp_snprintf_(__VA_ARGS__)
#define WS2MP_MSFORMAT_SNPRINTF_
#endif
#undef vprintf
#undef vfprintf
#undef vsprintf
#if !defined(vsnprintf) || defined(WS2MP_MSFORMAT_VSNPRINTF_)
#undef vsnprintf
#define vsnprintf(...) ws2mp_vsnprintf_(__VA_ARGS__)
#define WS2MP_MSFORMAT_VSNPRINTF_
#endif
#undef scanf
#undef fscanf
#undef sscanf
#undef vscanf
#undef vfscanf
#undef vsscanf
#undef fflush
#undef gets
#undef fopen
#undef freopen
#undef fpos_t
#undef fgetpos
#undef fsetpos
#undef clock
#undef strftime
#undef strtok
#undef CLOCKS_PER_SEC
#undef CLK_TCK
#define printf(...) ws2mp_printf_(__VA_ARGS__)
#define fprintf(...) ws2mp_fprintf_(__VA_ARGS__)
#define sprintf(...) ws2mp_sprintf_(__VA_ARGS__)
#define vprintf(...) ws2mp_vprintf_(__VA_ARGS__)
#define vfprintf(...) ws2mp_vfprintf_(__VA_ARGS__)
#define vsprintf(...) ws2mp_vsprintf_(__VA_ARGS__)
#define scanf(...) ws2mp_scanf_(__VA_ARGS__)
#define fscanf(...) ws2mp_fscanf_(__VA_ARGS__)
#define sscanf(...) ws2mp_sscanf_(__VA_ARGS__)
#define vscanf(...) ws2mp_vscanf_(__VA_ARGS__)
#define vfscanf(...) ws2mp_vfscanf_(__VA_ARGS__)
#define vsscanf(...) ws2mp_vsscanf_(__VA_ARGS__)
#define fflush(stream) ws2mp_fflush_(stream)
#define gets(buf) ws2mp_gets_(buf)
#define fopen ws2mp_fopen_
#define freopen ws2mp_freopen_
#ifndef __cplusplus
/* remove and rename read `\` as `/` too (ws2mp_path.h), in C: C++ has std::remove, the
 * containers' remove members and std::filesystem::rename under these names. Variadic, so a
 * program's own `int remove(const char *);` or `extern int rename();` still declares. */
#undef remove
#undef rename
#define remove(...) ws2mp_remove_(__VA_ARGS__)
#define rename(...) ws2mp_rename_(__VA_ARGS__)
#endif
#define fpos_t ws2mp_fpos_t_
#define fgetpos ws2mp_fgetpos_
#define fsetpos ws2mp_fsetpos_
#define clock() ws2mp_clock()
#define strftime(...) ws2mp_strftime_(__VA_ARGS__)
#define strtok(...) ws2mp_strtok(__VA_ARGS__)
#define CLOCKS_PER_SEC 1000
/* MSVC's old name for CLOCKS_PER_SEC (the C library's, where it has one, is the kernel's tick
 * rate, 100, not clock()'s). */
#define CLK_TCK CLOCKS_PER_SEC
#undef WS2MP_MSFORMAT_READING_
#endif

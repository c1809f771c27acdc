/*
 * ws2mp compat (internal): a small formatter for 16-bit WCHAR formats, Microsoft's rules (%s
 * and %c take WCHAR strings and characters, %S and %hs narrow ones), shared by wsprintfW
 * (windows.h), StringCchPrintfW & co. (strsafe.h) and the _UNICODE TCHAR printf family
 * (tchar.h).
 */
#ifndef WS2MP_COMPAT_WFORMAT_H
#define WS2MP_COMPAT_WFORMAT_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* Appends one character to the output if there is room; counts it either way. */
static inline void ws2mp_wput_(WCHAR *dst, size_t cap, size_t *len, WCHAR c)
{
    if (*len < cap)
        dst[*len] = c;
    (*len)++;
}

/* Formats into dst (room for `cap` characters, no NUL written); returns the full length, or
 * -1 for a format ws2mp does not understand. */
static inline long ws2mp_wvformat_(WCHAR *dst, size_t cap, const WCHAR *fmt, va_list ap)
{
    size_t len = 0;
    while (*fmt) {
        char spec[48];
        char num[512];
        size_t sl = 0;
        int width = -1, prec = -1, left = 0, n, i;
        char lenmod = 0; /* 'H' hh, 'h', 'l', 'L' (ll/I64), 'D' long double, 'z', 'j', 't' */
        WCHAR conv;
        if (*fmt != '%') {
            ws2mp_wput_(dst, cap, &len, *fmt++);
            continue;
        }
        fmt++;
        if (*fmt == '%') {
            ws2mp_wput_(dst, cap, &len, '%');
            fmt++;
            continue;
        }
        spec[sl++] = '%';
        while (*fmt == '-' || *fmt == '+' || *fmt == ' ' || *fmt == '#' || *fmt == '0') {
            if (*fmt == '-')
                left = 1;
            spec[sl++] = (char)*fmt++;
        }
        if (*fmt == '*') {
            width = va_arg(ap, int);
            if (width < 0) {
                left = 1;
                width = -width;
                spec[sl++] = '-';
            }
            fmt++;
        } else if (*fmt >= '0' && *fmt <= '9') {
            width = 0;
            while (*fmt >= '0' && *fmt <= '9')
                width = width * 10 + (*fmt++ - '0');
        }
        if (*fmt == '.') {
            fmt++;
            prec = 0;
            if (*fmt == '*') {
                prec = va_arg(ap, int);
                fmt++;
            } else {
                while (*fmt >= '0' && *fmt <= '9')
                    prec = prec * 10 + (*fmt++ - '0');
            }
        }
        if (width >= 0)
            sl += (size_t)snprintf(spec + sl, sizeof(spec) - sl, "%d", width);
        if (prec >= 0)
            sl += (size_t)snprintf(spec + sl, sizeof(spec) - sl, ".%d", prec);
        if (*fmt == 'h') {
            fmt++;
            lenmod = 'h';
            if (*fmt == 'h') {
                fmt++;
                lenmod = 'H';
            }
        } else if (*fmt == 'l') {
            fmt++;
            lenmod = 'l';
            if (*fmt == 'l') {
                fmt++;
                lenmod = 'L';
            }
        } else if (*fmt == 'w') {
            fmt++;
            lenmod = 'l';
        } else if (*fmt == 'L') {
            fmt++;
            lenmod = 'D';
        } else if (*fmt == 'z' || *fmt == 'j' || *fmt == 't') {
            lenmod = (char)*fmt++;
        } else if (*fmt == 'I') {
            fmt++;
            if (fmt[0] == '6' && fmt[1] == '4') {
                fmt += 2;
                lenmod = 'L';
            } else if (fmt[0] == '3' && fmt[1] == '2') {
                fmt += 2;
            } else {
                lenmod = 'z';
            }
        }
        conv = *fmt++;
        n = -1;
        switch (conv) {
        case 'd':
        case 'i':
        case 'o':
        case 'u':
        case 'x':
        case 'X': {
            int is_signed = conv == 'd' || conv == 'i';
            const char *m = lenmod == 'H' ? "hh" : lenmod == 'h' ? "h" : lenmod == 'l' ? "l"
                          : lenmod == 'L' ? "ll" : lenmod == 'z' ? "z" : lenmod == 'j' ? "j"
                          : lenmod == 't' ? "t" : "";
            snprintf(spec + sl, sizeof(spec) - sl, "%s%c", m, (char)conv);
            if (lenmod == 'l')
                n = is_signed ? snprintf(num, sizeof(num), spec, va_arg(ap, long))
                              : snprintf(num, sizeof(num), spec, va_arg(ap, unsigned long));
            else if (lenmod == 'L')
                n = is_signed ? snprintf(num, sizeof(num), spec, va_arg(ap, long long))
                              : snprintf(num, sizeof(num), spec, va_arg(ap, unsigned long long));
            else if (lenmod == 'z')
                n = is_signed ? snprintf(num, sizeof(num), spec, va_arg(ap, ptrdiff_t))
                              : snprintf(num, sizeof(num), spec, va_arg(ap, size_t));
            else if (lenmod == 'j')
                n = is_signed ? snprintf(num, sizeof(num), spec, va_arg(ap, intmax_t))
                              : snprintf(num, sizeof(num), spec, va_arg(ap, uintmax_t));
            else if (lenmod == 't')
                n = snprintf(num, sizeof(num), spec, va_arg(ap, ptrdiff_t));
            else
                n = is_signed ? snprintf(num, sizeof(num), spec, va_arg(ap, int))
                              : snprintf(num, sizeof(num), spec, va_arg(ap, unsigned int));
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
            if (lenmod == 'D') {
                snprintf(spec + sl, sizeof(spec) - sl, "L%c", (char)conv);
                n = snprintf(num, sizeof(num), spec, va_arg(ap, long double));
            } else {
                snprintf(spec + sl, sizeof(spec) - sl, "%c", (char)conv);
                n = snprintf(num, sizeof(num), spec, va_arg(ap, double));
            }
            break;
        case 'p':
            /* Microsoft's %p: upper-case hexadecimal, zero-padded to the pointer's width. */
            if (prec < 0)
                sl += (size_t)snprintf(spec + sl, sizeof(spec) - sl, ".%d", (int)(2 * sizeof(void *)));
            snprintf(spec + sl, sizeof(spec) - sl, "zX");
            n = snprintf(num, sizeof(num), spec, (size_t)(uintptr_t)va_arg(ap, void *));
            break;
        case 'c':
        case 'C':
        case 's':
        case 'S': {
            /* W conventions: %s %c WCHAR; %S %C %hs %hc char; %ls %ws WCHAR. */
            int narrow = (conv == 'S' || conv == 'C') ? lenmod != 'l' : lenmod == 'h';
            WCHAR one[2] = {0, 0};
            const WCHAR *ws = NULL;
            const char *cs = NULL;
            size_t slen = 0, pad;
            if (conv == 'c' || conv == 'C') {
                one[0] = (WCHAR)va_arg(ap, int);
                if (narrow)
                    one[0] = (WCHAR)(unsigned char)one[0];
                ws = one;
                slen = 1;
            } else if (narrow) {
                cs = va_arg(ap, const char *);
                if (cs == NULL)
                    cs = "(null)";
                while (cs[slen] != '\0' && (prec < 0 || slen < (size_t)prec))
                    slen++;
            } else {
                ws = va_arg(ap, const WCHAR *);
                if (ws == NULL) {
                    cs = "(null)";
                    while (cs[slen] != '\0' && (prec < 0 || slen < (size_t)prec))
                        slen++;
                } else {
                    while (ws[slen] != 0 && (prec < 0 || slen < (size_t)prec))
                        slen++;
                }
            }
            pad = (width > 0 && (size_t)width > slen) ? (size_t)width - slen : 0;
            if (!left)
                while (pad-- > 0)
                    ws2mp_wput_(dst, cap, &len, ' ');
            for (i = 0; (size_t)i < slen; i++)
                ws2mp_wput_(dst, cap, &len, cs ? (WCHAR)(unsigned char)cs[i] : ws[i]);
            if (left)
                while (pad-- > 0)
                    ws2mp_wput_(dst, cap, &len, ' ');
            continue;
        }
        case 'n':
            *va_arg(ap, int *) = (int)len;
            continue;
        default:
            return -1;
        }
        if (n < 0)
            return -1;
        if ((size_t)n >= sizeof(num))
            n = (int)sizeof(num) - 1;
        for (i = 0; i < n; i++)
            ws2mp_wput_(dst, cap, &len, (WCHAR)(unsigned char)num[i]);
    }
    return (long)len;
}

#endif /* WS2MP_COMPAT_WFORMAT_H */

/* Wide strings for the tests: W("ascii") is a WCHAR copy (in one of eight rotating buffers,
 * so a call may take several), weq compares a WCHAR string with an ASCII one. Written for
 * the 16-bit WCHAR of the W functions (the tests also build as C++, where u"" is char16_t). */
#ifndef WS2MP_TEST_WIDE_H
#define WS2MP_TEST_WIDE_H

static inline const WCHAR *W(const char *s)
{
    static WCHAR pool[8][256];
    static int next = 0;
    WCHAR *w = pool[next++ % 8];
    int i = 0;
    do
        w[i] = (WCHAR)(unsigned char)s[i];
    while (s[i++] != '\0' && i < 255);
    w[255] = 0;
    return w;
}

/* 1 when the WCHAR string equals the ASCII string. */
static inline int weq(const WCHAR *w, const char *s)
{
    int i = 0;
    for (; s[i] != '\0'; i++)
        if (w[i] != (WCHAR)(unsigned char)s[i])
            return 0;
    return w[i] == 0;
}

#endif

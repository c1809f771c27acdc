/*
 * ws2mp compat: <strsafe.h>. The safe string functions with Windows' rules:
 *
 * - Cch functions count characters, Cb functions bytes (W: a WCHAR is 2 bytes, an odd byte
 *   count is rounded down); the A forms work on char, the W forms on 16-bit WCHAR, the
 *   unsuffixed names follow UNICODE.
 * - The result is always NUL-terminated when the destination has room for anything. A result
 *   that does not fit is cut to the destination's size minus one and the call returns
 *   STRSAFE_E_INSUFFICIENT_BUFFER.
 * - A size of 0 or above STRSAFE_MAX_CCH (2^31 - 1) returns STRSAFE_E_INVALID_PARAMETER (copy
 *   and printf then empty a non-empty destination); Cat on a destination that is not
 *   terminated within its size returns STRSAFE_E_INVALID_PARAMETER and changes nothing;
 *   StringCchLength sets the length to 0 when it fails.
 * - Where Windows would fault (a NULL string pointer), these return
 *   STRSAFE_E_INVALID_PARAMETER.
 * - The W printf forms take Windows' wide conventions: %s and %c are WCHAR, %S / %hs / %hc are
 *   char (copied byte for byte: ASCII), %ls / %ws are WCHAR.
 * - The Ex forms (StringCchCopyEx, StringCchCatNEx, StringCbPrintfEx, ...) add the end pointer,
 *   the remaining count and the STRSAFE_* flags, as described above them.
 * - StringCchGets / StringCbGets read one line of stdin without its '\n'; a line longer than the
 *   destination is cut there and the rest stays in stdin (S_OK); end of input before any
 *   character gives STRSAFE_E_END_OF_FILE and an empty string; a size below 2 characters gives
 *   STRSAFE_E_INSUFFICIENT_BUFFER. The W forms decode the input as UTF-8 into WCHARs.
 * Not provided: the Gets Ex forms.
 */
#ifndef WS2MP_COMPAT_STRSAFE_H
#define WS2MP_COMPAT_STRSAFE_H

#include "windows.h"
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define STRSAFE_MAX_CCH 2147483647
#define STRSAFE_MAX_LENGTH (STRSAFE_MAX_CCH - 1)
#define STRSAFE_E_INSUFFICIENT_BUFFER ((HRESULT)0x8007007Au)
#define STRSAFE_E_INVALID_PARAMETER ((HRESULT)0x80070057u)
#define STRSAFE_E_END_OF_FILE ((HRESULT)0x80070026u)

typedef char *STRSAFE_LPSTR;
typedef const char *STRSAFE_LPCSTR;
typedef WCHAR *STRSAFE_LPWSTR;
typedef const WCHAR *STRSAFE_LPCWSTR;
/* The source types of the ...N functions (Windows' spelling: a string that need not be
 * terminated within the count); programs cast their arguments to them. */
typedef const char *STRSAFE_PCNZCH;
typedef const WCHAR *STRSAFE_PCNZWCH;
typedef const WCHAR *STRSAFE_PCUNZWCH;

/* ---- the workers, one per operation, generic over the character size --------------------- */

/* Copies at most `max` characters of src into dest (cch > 0 checked by the caller). */
#define WS2MP_STRSAFE_COPY_(T)                                                                   \
    size_t i = 0;                                                                                \
    while (cch > 0 && max > 0 && src[i] != 0) {                                                  \
        dest[i] = src[i];                                                                        \
        i++;                                                                                     \
        cch--;                                                                                   \
        max--;                                                                                   \
    }                                                                                            \
    if (cch == 0) {                                                                              \
        dest[i - 1] = (T)0;                                                                      \
        return STRSAFE_E_INSUFFICIENT_BUFFER;                                                    \
    }                                                                                            \
    dest[i] = (T)0;                                                                              \
    return S_OK;

static inline HRESULT ws2mp_copy_a_(char *dest, size_t cch, const char *src, size_t max)
{
    WS2MP_STRSAFE_COPY_(char)
}

static inline HRESULT ws2mp_copy_w_(WCHAR *dest, size_t cch, const WCHAR *src, size_t max)
{
    WS2MP_STRSAFE_COPY_(WCHAR)
}

/* The length of s within max characters; STRSAFE_E_INVALID_PARAMETER when not terminated. */
static inline HRESULT ws2mp_len_a_(const char *s, size_t max, size_t *len)
{
    size_t n = 0;
    while (n < max && s[n] != 0)
        n++;
    if (len)
        *len = n < max ? n : 0;
    return n < max ? S_OK : STRSAFE_E_INVALID_PARAMETER;
}

static inline HRESULT ws2mp_len_w_(const WCHAR *s, size_t max, size_t *len)
{
    size_t n = 0;
    while (n < max && s[n] != 0)
        n++;
    if (len)
        *len = n < max ? n : 0;
    return n < max ? S_OK : STRSAFE_E_INVALID_PARAMETER;
}

/* ---- Copy / CopyN ------------------------------------------------------------------------- */
static inline HRESULT StringCchCopyNA(STRSAFE_LPSTR dest, size_t cch, STRSAFE_LPCSTR src, size_t n)
{
    if (dest == NULL || cch == 0 || cch > STRSAFE_MAX_CCH || src == NULL || n > STRSAFE_MAX_LENGTH) {
        if (dest != NULL && cch > 0)
            dest[0] = '\0';
        return STRSAFE_E_INVALID_PARAMETER;
    }
    return ws2mp_copy_a_(dest, cch, src, n);
}

static inline HRESULT StringCchCopyNW(STRSAFE_LPWSTR dest, size_t cch, STRSAFE_LPCWSTR src, size_t n)
{
    if (dest == NULL || cch == 0 || cch > STRSAFE_MAX_CCH || src == NULL || n > STRSAFE_MAX_LENGTH) {
        if (dest != NULL && cch > 0)
            dest[0] = 0;
        return STRSAFE_E_INVALID_PARAMETER;
    }
    return ws2mp_copy_w_(dest, cch, src, n);
}

static inline HRESULT StringCchCopyA(STRSAFE_LPSTR dest, size_t cch, STRSAFE_LPCSTR src)
{
    return StringCchCopyNA(dest, cch, src, STRSAFE_MAX_LENGTH);
}

static inline HRESULT StringCchCopyW(STRSAFE_LPWSTR dest, size_t cch, STRSAFE_LPCWSTR src)
{
    return StringCchCopyNW(dest, cch, src, STRSAFE_MAX_LENGTH);
}

static inline HRESULT StringCbCopyA(STRSAFE_LPSTR dest, size_t cb, STRSAFE_LPCSTR src)
{
    return StringCchCopyA(dest, cb, src);
}

static inline HRESULT StringCbCopyW(STRSAFE_LPWSTR dest, size_t cb, STRSAFE_LPCWSTR src)
{
    return StringCchCopyW(dest, cb / sizeof(WCHAR), src);
}

static inline HRESULT StringCbCopyNA(STRSAFE_LPSTR dest, size_t cb, STRSAFE_LPCSTR src, size_t cbn)
{
    return StringCchCopyNA(dest, cb, src, cbn);
}

static inline HRESULT StringCbCopyNW(STRSAFE_LPWSTR dest, size_t cb, STRSAFE_LPCWSTR src, size_t cbn)
{
    return StringCchCopyNW(dest, cb / sizeof(WCHAR), src, cbn / sizeof(WCHAR));
}

/* ---- Cat / CatN --------------------------------------------------------------------------- */
static inline HRESULT StringCchCatNA(STRSAFE_LPSTR dest, size_t cch, STRSAFE_LPCSTR src, size_t n)
{
    size_t have;
    if (dest == NULL || cch == 0 || cch > STRSAFE_MAX_CCH || src == NULL || n > STRSAFE_MAX_LENGTH)
        return STRSAFE_E_INVALID_PARAMETER;
    if (FAILED(ws2mp_len_a_(dest, cch, &have)))
        return STRSAFE_E_INVALID_PARAMETER;
    return ws2mp_copy_a_(dest + have, cch - have, src, n);
}

static inline HRESULT StringCchCatNW(STRSAFE_LPWSTR dest, size_t cch, STRSAFE_LPCWSTR src, size_t n)
{
    size_t have;
    if (dest == NULL || cch == 0 || cch > STRSAFE_MAX_CCH || src == NULL || n > STRSAFE_MAX_LENGTH)
        return STRSAFE_E_INVALID_PARAMETER;
    if (FAILED(ws2mp_len_w_(dest, cch, &have)))
        return STRSAFE_E_INVALID_PARAMETER;
    return ws2mp_copy_w_(dest + have, cch - have, src, n);
}

static inline HRESULT StringCchCatA(STRSAFE_LPSTR dest, size_t cch, STRSAFE_LPCSTR src)
{
    return StringCchCatNA(dest, cch, src, STRSAFE_MAX_LENGTH);
}

static inline HRESULT StringCchCatW(STRSAFE_LPWSTR dest, size_t cch, STRSAFE_LPCWSTR src)
{
    return StringCchCatNW(dest, cch, src, STRSAFE_MAX_LENGTH);
}

static inline HRESULT StringCbCatA(STRSAFE_LPSTR dest, size_t cb, STRSAFE_LPCSTR src)
{
    return StringCchCatA(dest, cb, src);
}

static inline HRESULT StringCbCatW(STRSAFE_LPWSTR dest, size_t cb, STRSAFE_LPCWSTR src)
{
    return StringCchCatW(dest, cb / sizeof(WCHAR), src);
}

static inline HRESULT StringCbCatNA(STRSAFE_LPSTR dest, size_t cb, STRSAFE_LPCSTR src, size_t cbn)
{
    return StringCchCatNA(dest, cb, src, cbn);
}

static inline HRESULT StringCbCatNW(STRSAFE_LPWSTR dest, size_t cb, STRSAFE_LPCWSTR src, size_t cbn)
{
    return StringCchCatNW(dest, cb / sizeof(WCHAR), src, cbn / sizeof(WCHAR));
}

/* ---- Length ------------------------------------------------------------------------------- */
static inline HRESULT StringCchLengthA(STRSAFE_LPCSTR s, size_t max, size_t *len)
{
    if (s == NULL || max > STRSAFE_MAX_CCH) {
        if (len)
            *len = 0;
        return STRSAFE_E_INVALID_PARAMETER;
    }
    return ws2mp_len_a_(s, max, len);
}

static inline HRESULT StringCchLengthW(STRSAFE_LPCWSTR s, size_t max, size_t *len)
{
    if (s == NULL || max > STRSAFE_MAX_CCH) {
        if (len)
            *len = 0;
        return STRSAFE_E_INVALID_PARAMETER;
    }
    return ws2mp_len_w_(s, max, len);
}

static inline HRESULT StringCbLengthA(STRSAFE_LPCSTR s, size_t cbmax, size_t *cblen)
{
    return StringCchLengthA(s, cbmax, cblen);
}

static inline HRESULT StringCbLengthW(STRSAFE_LPCWSTR s, size_t cbmax, size_t *cblen)
{
    size_t n = 0;
    HRESULT hr = StringCchLengthW(s, cbmax / sizeof(WCHAR), &n);
    if (cblen)
        *cblen = n * sizeof(WCHAR);
    return hr;
}

/* ---- Printf (A over vsnprintf) ------------------------------------------------------------- */
static inline HRESULT StringCchVPrintfA(STRSAFE_LPSTR dest, size_t cch, STRSAFE_LPCSTR fmt, va_list ap)
{
    int n;
    if (dest == NULL || cch == 0 || cch > STRSAFE_MAX_CCH || fmt == NULL) {
        if (dest != NULL && cch > 0)
            dest[0] = '\0';
        return STRSAFE_E_INVALID_PARAMETER;
    }
    n = vsnprintf(dest, cch, fmt, ap);
    if (n < 0 || (size_t)n > cch - 1) {
        dest[cch - 1] = '\0';
        return STRSAFE_E_INSUFFICIENT_BUFFER;
    }
    return S_OK;
}

static inline HRESULT StringCchPrintfA(STRSAFE_LPSTR dest, size_t cch, STRSAFE_LPCSTR fmt, ...)
{
    va_list ap;
    HRESULT hr;
    va_start(ap, fmt);
    hr = StringCchVPrintfA(dest, cch, fmt, ap);
    va_end(ap);
    return hr;
}

static inline HRESULT StringCbVPrintfA(STRSAFE_LPSTR dest, size_t cb, STRSAFE_LPCSTR fmt, va_list ap)
{
    return StringCchVPrintfA(dest, cb, fmt, ap);
}

static inline HRESULT StringCbPrintfA(STRSAFE_LPSTR dest, size_t cb, STRSAFE_LPCSTR fmt, ...)
{
    va_list ap;
    HRESULT hr;
    va_start(ap, fmt);
    hr = StringCchVPrintfA(dest, cb, fmt, ap);
    va_end(ap);
    return hr;
}

/* ---- Printf (W): over ws2mp_wvformat_ (ws2mp_wformat.h, through windows.h) ---------------- */
static inline HRESULT StringCchVPrintfW(STRSAFE_LPWSTR dest, size_t cch, STRSAFE_LPCWSTR fmt, va_list ap)
{
    long n;
    if (dest == NULL || cch == 0 || cch > STRSAFE_MAX_CCH || fmt == NULL) {
        if (dest != NULL && cch > 0)
            dest[0] = 0;
        return STRSAFE_E_INVALID_PARAMETER;
    }
    n = ws2mp_wvformat_(dest, cch - 1, fmt, ap);
    if (n < 0 || (size_t)n > cch - 1) {
        dest[n < 0 ? 0 : cch - 1] = 0;
        return n < 0 ? STRSAFE_E_INVALID_PARAMETER : STRSAFE_E_INSUFFICIENT_BUFFER;
    }
    dest[n] = 0;
    return S_OK;
}

static inline HRESULT StringCchPrintfW(STRSAFE_LPWSTR dest, size_t cch, STRSAFE_LPCWSTR fmt, ...)
{
    va_list ap;
    HRESULT hr;
    va_start(ap, fmt);
    hr = StringCchVPrintfW(dest, cch, fmt, ap);
    va_end(ap);
    return hr;
}

static inline HRESULT StringCbVPrintfW(STRSAFE_LPWSTR dest, size_t cb, STRSAFE_LPCWSTR fmt, va_list ap)
{
    return StringCchVPrintfW(dest, cb / sizeof(WCHAR), fmt, ap);
}

static inline HRESULT StringCbPrintfW(STRSAFE_LPWSTR dest, size_t cb, STRSAFE_LPCWSTR fmt, ...)
{
    va_list ap;
    HRESULT hr;
    va_start(ap, fmt);
    hr = StringCchVPrintfW(dest, cb / sizeof(WCHAR), fmt, ap);
    va_end(ap);
    return hr;
}

/* ---- the Ex forms: the operation above, then Windows' flags and outputs -------------------
 * ppszDestEnd receives the address of the result's NUL and pcchRemaining (pcbRemaining) the
 * unused characters (bytes) counting that NUL, on success and on truncation. The low byte of
 * dwFlags is the fill value of STRSAFE_FILL_BEHIND_NULL (after the NUL, on success) and
 * STRSAFE_FILL_ON_FAILURE (the whole buffer, NUL-terminated, on failure);
 * STRSAFE_NULL_ON_FAILURE empties the destination on failure, STRSAFE_NO_TRUNCATION too (Cat:
 * leaves the original string); STRSAFE_IGNORE_NULLS takes a NULL source as "" and allows a
 * NULL destination of size 0. Other flag bits are STRSAFE_E_INVALID_PARAMETER. */
#define STRSAFE_IGNORE_NULLS 0x00000100u
#define STRSAFE_FILL_BEHIND_NULL 0x00000200u
#define STRSAFE_FILL_ON_FAILURE 0x00000400u
#define STRSAFE_NULL_ON_FAILURE 0x00000800u
#define STRSAFE_NO_TRUNCATION 0x00001000u
#define STRSAFE_FILL_BYTE(x) ((DWORD)(((x) & 0xFFu) | STRSAFE_FILL_BEHIND_NULL))
#define STRSAFE_FAILURE_BYTE(x) ((DWORD)(((x) & 0xFFu) | STRSAFE_FILL_ON_FAILURE))
#define STRSAFE_GET_FILL_PATTERN(flags) ((int)((flags) & 0xFFu))
#define WS2MP_STRSAFE_EX_FLAGS_ (0xFFu | STRSAFE_IGNORE_NULLS | STRSAFE_FILL_BEHIND_NULL |        \
                                 STRSAFE_FILL_ON_FAILURE | STRSAFE_NULL_ON_FAILURE |             \
                                 STRSAFE_NO_TRUNCATION)

/* The checks before an Ex operation on `dest` of `cch` characters. S_FALSE: go on with the
 * operation (cch > 0); anything else is the result. A size of 0 (allowed with
 * STRSAFE_IGNORE_NULLS) holds nothing: S_OK when nothing was to be written. */
static inline HRESULT ws2mp_ex_begin_(const void *dest, size_t cch, DWORD flags, int nothing_to_write)
{
    if ((flags & ~WS2MP_STRSAFE_EX_FLAGS_) != 0 || cch > STRSAFE_MAX_CCH)
        return STRSAFE_E_INVALID_PARAMETER;
    if (cch == 0) {
        if (!(flags & STRSAFE_IGNORE_NULLS))
            return STRSAFE_E_INVALID_PARAMETER;
        if (nothing_to_write)
            return S_OK;
        return dest == NULL ? STRSAFE_E_INVALID_PARAMETER : STRSAFE_E_INSUFFICIENT_BUFFER;
    }
    return dest == NULL ? STRSAFE_E_INVALID_PARAMETER : S_FALSE;
}

/* After the operation: the flags' effect on failure or success, then the outputs. `w` is the
 * character size; `cat_len` the destination's length before a Cat, (size_t)-1 otherwise. */
static inline HRESULT ws2mp_ex_end_(void *dest, size_t cch, size_t w, HRESULT hr, DWORD flags,
                                    size_t cat_len, void **end, size_t *remaining)
{
    unsigned char *d = (unsigned char *)dest;
    int fill = STRSAFE_GET_FILL_PATTERN(flags);
    size_t len = 0;
    if (cch > 0) {
        while (len + 1 < cch && (d[len * w] != 0 || (w == 2 && d[len * w + 1] != 0)))
            len++;
        if (FAILED(hr) && (flags & STRSAFE_FILL_ON_FAILURE)) {
            memset(d, fill, cch * w);
            len = fill == 0 ? 0 : cch - 1;
            memset(d + len * w, 0, w);
        }
        if (FAILED(hr) && (flags & (STRSAFE_NULL_ON_FAILURE | STRSAFE_NO_TRUNCATION))) {
            len = (!(flags & STRSAFE_NULL_ON_FAILURE) && cat_len != (size_t)-1) ? cat_len : 0;
            memset(d + len * w, 0, w);
        }
        if (SUCCEEDED(hr) && (flags & STRSAFE_FILL_BEHIND_NULL) && len + 1 < cch)
            memset(d + (len + 1) * w, fill, (cch - len - 1) * w);
    }
    if (SUCCEEDED(hr) || hr == STRSAFE_E_INSUFFICIENT_BUFFER) {
        if (end != NULL)
            *end = d + len * w;
        if (remaining != NULL)
            *remaining = cch - len;
    }
    return hr;
}

/* One Ex function over its plain operation `op` (a statement setting hr). */
#define WS2MP_STRSAFE_EX_(T, empty_src, op, cat_len)                                             \
    HRESULT hr;                                                                                  \
    void *end_ = NULL;                                                                           \
    if ((flags & STRSAFE_IGNORE_NULLS) && src == NULL)                                           \
        src = (empty_src);                                                                       \
    hr = ws2mp_ex_begin_(dest, cch, flags, src == NULL || src[0] == 0);                           \
    if (hr == S_FALSE) {                                                                         \
        op;                                                                                      \
        hr = ws2mp_ex_end_(dest, cch, sizeof(T), hr, flags, (cat_len), &end_, remaining);        \
    } else if ((hr == S_OK || hr == STRSAFE_E_INSUFFICIENT_BUFFER) && remaining != NULL) {     \
        *remaining = 0;                                                                          \
    }                                                                                            \
    if (end != NULL && (SUCCEEDED(hr) || hr == STRSAFE_E_INSUFFICIENT_BUFFER))                   \
        *end = (T *)(end_ != NULL ? end_ : (void *)dest);                                        \
    return hr

static inline HRESULT StringCchCopyNExA(STRSAFE_LPSTR dest, size_t cch, STRSAFE_LPCSTR src, size_t n,
                                        STRSAFE_LPSTR *end, size_t *remaining, DWORD flags)
{
    WS2MP_STRSAFE_EX_(char, "", hr = StringCchCopyNA(dest, cch, src, n), (size_t)-1);
}

static inline HRESULT StringCchCopyNExW(STRSAFE_LPWSTR dest, size_t cch, STRSAFE_LPCWSTR src, size_t n,
                                        STRSAFE_LPWSTR *end, size_t *remaining, DWORD flags)
{
    static const WCHAR empty[1] = {0};
    WS2MP_STRSAFE_EX_(WCHAR, empty, hr = StringCchCopyNW(dest, cch, src, n), (size_t)-1);
}

static inline HRESULT StringCchCopyExA(STRSAFE_LPSTR dest, size_t cch, STRSAFE_LPCSTR src,
                                       STRSAFE_LPSTR *end, size_t *remaining, DWORD flags)
{
    return StringCchCopyNExA(dest, cch, src, STRSAFE_MAX_LENGTH, end, remaining, flags);
}

static inline HRESULT StringCchCopyExW(STRSAFE_LPWSTR dest, size_t cch, STRSAFE_LPCWSTR src,
                                       STRSAFE_LPWSTR *end, size_t *remaining, DWORD flags)
{
    return StringCchCopyNExW(dest, cch, src, STRSAFE_MAX_LENGTH, end, remaining, flags);
}

static inline HRESULT StringCchCatNExA(STRSAFE_LPSTR dest, size_t cch, STRSAFE_LPCSTR src, size_t n,
                                       STRSAFE_LPSTR *end, size_t *remaining, DWORD flags)
{
    size_t have = 0;
    if (dest != NULL && cch > 0 && cch <= STRSAFE_MAX_CCH &&
        FAILED(ws2mp_len_a_(dest, cch, &have)))
        have = 0;
    WS2MP_STRSAFE_EX_(char, "", hr = StringCchCatNA(dest, cch, src, n), have);
}

static inline HRESULT StringCchCatNExW(STRSAFE_LPWSTR dest, size_t cch, STRSAFE_LPCWSTR src, size_t n,
                                       STRSAFE_LPWSTR *end, size_t *remaining, DWORD flags)
{
    static const WCHAR empty[1] = {0};
    size_t have = 0;
    if (dest != NULL && cch > 0 && cch <= STRSAFE_MAX_CCH &&
        FAILED(ws2mp_len_w_(dest, cch, &have)))
        have = 0;
    WS2MP_STRSAFE_EX_(WCHAR, empty, hr = StringCchCatNW(dest, cch, src, n), have);
}

static inline HRESULT StringCchCatExA(STRSAFE_LPSTR dest, size_t cch, STRSAFE_LPCSTR src,
                                      STRSAFE_LPSTR *end, size_t *remaining, DWORD flags)
{
    return StringCchCatNExA(dest, cch, src, STRSAFE_MAX_LENGTH, end, remaining, flags);
}

static inline HRESULT StringCchCatExW(STRSAFE_LPWSTR dest, size_t cch, STRSAFE_LPCWSTR src,
                                      STRSAFE_LPWSTR *end, size_t *remaining, DWORD flags)
{
    return StringCchCatNExW(dest, cch, src, STRSAFE_MAX_LENGTH, end, remaining, flags);
}

/* The printf forms: the format is the "source" (never written when the size is 0). */
static inline HRESULT StringCchVPrintfExA(STRSAFE_LPSTR dest, size_t cch, STRSAFE_LPSTR *end,
                                          size_t *remaining, DWORD flags, STRSAFE_LPCSTR src,
                                          va_list ap)
{
    WS2MP_STRSAFE_EX_(char, "", hr = StringCchVPrintfA(dest, cch, src, ap), (size_t)-1);
}

static inline HRESULT StringCchVPrintfExW(STRSAFE_LPWSTR dest, size_t cch, STRSAFE_LPWSTR *end,
                                          size_t *remaining, DWORD flags, STRSAFE_LPCWSTR src,
                                          va_list ap)
{
    static const WCHAR empty[1] = {0};
    WS2MP_STRSAFE_EX_(WCHAR, empty, hr = StringCchVPrintfW(dest, cch, src, ap), (size_t)-1);
}
#undef WS2MP_STRSAFE_EX_

static inline HRESULT StringCchPrintfExA(STRSAFE_LPSTR dest, size_t cch, STRSAFE_LPSTR *end,
                                         size_t *remaining, DWORD flags, STRSAFE_LPCSTR fmt, ...)
{
    va_list ap;
    HRESULT hr;
    va_start(ap, fmt);
    hr = StringCchVPrintfExA(dest, cch, end, remaining, flags, fmt, ap);
    va_end(ap);
    return hr;
}

static inline HRESULT StringCchPrintfExW(STRSAFE_LPWSTR dest, size_t cch, STRSAFE_LPWSTR *end,
                                         size_t *remaining, DWORD flags, STRSAFE_LPCWSTR fmt, ...)
{
    va_list ap;
    HRESULT hr;
    va_start(ap, fmt);
    hr = StringCchVPrintfExW(dest, cch, end, remaining, flags, fmt, ap);
    va_end(ap);
    return hr;
}

/* The Cb forms: sizes and the remaining count in bytes (W: an odd byte count rounds down). */
#define WS2MP_CB_REMAINING_(T, hr, rem, cb_rem)                                                  \
    if (cb_rem != NULL && (SUCCEEDED(hr) || hr == STRSAFE_E_INSUFFICIENT_BUFFER))                \
        *cb_rem = rem * sizeof(T);                                                               \
    return hr

static inline HRESULT StringCbCopyExA(STRSAFE_LPSTR dest, size_t cb, STRSAFE_LPCSTR src,
                                      STRSAFE_LPSTR *end, size_t *cb_rem, DWORD flags)
{
    size_t rem = 0;
    HRESULT hr = StringCchCopyExA(dest, cb, src, end, &rem, flags);
    WS2MP_CB_REMAINING_(char, hr, rem, cb_rem);
}

static inline HRESULT StringCbCopyExW(STRSAFE_LPWSTR dest, size_t cb, STRSAFE_LPCWSTR src,
                                      STRSAFE_LPWSTR *end, size_t *cb_rem, DWORD flags)
{
    size_t rem = 0;
    HRESULT hr = StringCchCopyExW(dest, cb / sizeof(WCHAR), src, end, &rem, flags);
    WS2MP_CB_REMAINING_(WCHAR, hr, rem, cb_rem);
}

static inline HRESULT StringCbCopyNExA(STRSAFE_LPSTR dest, size_t cb, STRSAFE_LPCSTR src, size_t cbn,
                                       STRSAFE_LPSTR *end, size_t *cb_rem, DWORD flags)
{
    size_t rem = 0;
    HRESULT hr = StringCchCopyNExA(dest, cb, src, cbn, end, &rem, flags);
    WS2MP_CB_REMAINING_(char, hr, rem, cb_rem);
}

static inline HRESULT StringCbCopyNExW(STRSAFE_LPWSTR dest, size_t cb, STRSAFE_LPCWSTR src, size_t cbn,
                                       STRSAFE_LPWSTR *end, size_t *cb_rem, DWORD flags)
{
    size_t rem = 0;
    HRESULT hr = StringCchCopyNExW(dest, cb / sizeof(WCHAR), src, cbn / sizeof(WCHAR), end, &rem, flags);
    WS2MP_CB_REMAINING_(WCHAR, hr, rem, cb_rem);
}

static inline HRESULT StringCbCatExA(STRSAFE_LPSTR dest, size_t cb, STRSAFE_LPCSTR src,
                                     STRSAFE_LPSTR *end, size_t *cb_rem, DWORD flags)
{
    size_t rem = 0;
    HRESULT hr = StringCchCatExA(dest, cb, src, end, &rem, flags);
    WS2MP_CB_REMAINING_(char, hr, rem, cb_rem);
}

static inline HRESULT StringCbCatExW(STRSAFE_LPWSTR dest, size_t cb, STRSAFE_LPCWSTR src,
                                     STRSAFE_LPWSTR *end, size_t *cb_rem, DWORD flags)
{
    size_t rem = 0;
    HRESULT hr = StringCchCatExW(dest, cb / sizeof(WCHAR), src, end, &rem, flags);
    WS2MP_CB_REMAINING_(WCHAR, hr, rem, cb_rem);
}

static inline HRESULT StringCbCatNExA(STRSAFE_LPSTR dest, size_t cb, STRSAFE_LPCSTR src, size_t cbn,
                                      STRSAFE_LPSTR *end, size_t *cb_rem, DWORD flags)
{
    size_t rem = 0;
    HRESULT hr = StringCchCatNExA(dest, cb, src, cbn, end, &rem, flags);
    WS2MP_CB_REMAINING_(char, hr, rem, cb_rem);
}

static inline HRESULT StringCbCatNExW(STRSAFE_LPWSTR dest, size_t cb, STRSAFE_LPCWSTR src, size_t cbn,
                                      STRSAFE_LPWSTR *end, size_t *cb_rem, DWORD flags)
{
    size_t rem = 0;
    HRESULT hr = StringCchCatNExW(dest, cb / sizeof(WCHAR), src, cbn / sizeof(WCHAR), end, &rem, flags);
    WS2MP_CB_REMAINING_(WCHAR, hr, rem, cb_rem);
}

static inline HRESULT StringCbVPrintfExA(STRSAFE_LPSTR dest, size_t cb, STRSAFE_LPSTR *end,
                                         size_t *cb_rem, DWORD flags, STRSAFE_LPCSTR fmt, va_list ap)
{
    size_t rem = 0;
    HRESULT hr = StringCchVPrintfExA(dest, cb, end, &rem, flags, fmt, ap);
    WS2MP_CB_REMAINING_(char, hr, rem, cb_rem);
}

static inline HRESULT StringCbVPrintfExW(STRSAFE_LPWSTR dest, size_t cb, STRSAFE_LPWSTR *end,
                                         size_t *cb_rem, DWORD flags, STRSAFE_LPCWSTR fmt, va_list ap)
{
    size_t rem = 0;
    HRESULT hr = StringCchVPrintfExW(dest, cb / sizeof(WCHAR), end, &rem, flags, fmt, ap);
    WS2MP_CB_REMAINING_(WCHAR, hr, rem, cb_rem);
}
#undef WS2MP_CB_REMAINING_

static inline HRESULT StringCbPrintfExA(STRSAFE_LPSTR dest, size_t cb, STRSAFE_LPSTR *end,
                                        size_t *cb_rem, DWORD flags, STRSAFE_LPCSTR fmt, ...)
{
    va_list ap;
    HRESULT hr;
    va_start(ap, fmt);
    hr = StringCbVPrintfExA(dest, cb, end, cb_rem, flags, fmt, ap);
    va_end(ap);
    return hr;
}

static inline HRESULT StringCbPrintfExW(STRSAFE_LPWSTR dest, size_t cb, STRSAFE_LPWSTR *end,
                                        size_t *cb_rem, DWORD flags, STRSAFE_LPCWSTR fmt, ...)
{
    va_list ap;
    HRESULT hr;
    va_start(ap, fmt);
    hr = StringCbVPrintfExW(dest, cb, end, cb_rem, flags, fmt, ap);
    va_end(ap);
    return hr;
}

/* ---- Gets: one line of stdin, its '\n' dropped --------------------------------------------- */
static inline HRESULT ws2mp_gets_check_(size_t cch)
{
    if (cch > STRSAFE_MAX_CCH)
        return STRSAFE_E_INVALID_PARAMETER;
    if (cch <= 1)
        return STRSAFE_E_INSUFFICIENT_BUFFER;
    return S_OK;
}

static inline HRESULT StringCchGetsA(STRSAFE_LPSTR dest, size_t cch)
{
    size_t n = 0;
    HRESULT hr = ws2mp_gets_check_(cch);
    if (hr != S_OK) {
        if (dest != NULL && cch == 1)
            dest[0] = '\0';
        return hr;
    }
    if (dest == NULL)
        return STRSAFE_E_INVALID_PARAMETER;
    while (n + 1 < cch) {
        int c = getc(stdin);
        if (c == EOF) {
            if (n == 0)
                hr = STRSAFE_E_END_OF_FILE;
            break;
        }
        if (c == '\n')
            break;
        dest[n++] = (char)c;
    }
    dest[n] = '\0';
    return hr;
}

/* One character of stdin as a code point (UTF-8; a stray byte stands for itself); -1 at EOF. */
static inline long ws2mp_gets_utf8_(void)
{
    int c = getc(stdin), extra, i;
    long cp;
    if (c == EOF)
        return -1;
    if (c < 0x80)
        return c;
    if ((c & 0xE0) == 0xC0) {
        extra = 1;
        cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
        extra = 2;
        cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
        extra = 3;
        cp = c & 0x07;
    } else {
        return c;
    }
    for (i = 0; i < extra; i++) {
        int d = getc(stdin);
        if (d == EOF || (d & 0xC0) != 0x80) {
            if (d != EOF)
                ungetc(d, stdin);
            return 0xFFFD;
        }
        cp = (cp << 6) | (d & 0x3F);
    }
    return cp;
}

static inline HRESULT StringCchGetsW(STRSAFE_LPWSTR dest, size_t cch)
{
    size_t n = 0;
    HRESULT hr = ws2mp_gets_check_(cch);
    if (hr != S_OK) {
        if (dest != NULL && cch == 1)
            dest[0] = 0;
        return hr;
    }
    if (dest == NULL)
        return STRSAFE_E_INVALID_PARAMETER;
    while (n + 1 < cch) {
        long cp = ws2mp_gets_utf8_();
        if (cp < 0) {
            if (n == 0)
                hr = STRSAFE_E_END_OF_FILE;
            break;
        }
        if (cp == '\n')
            break;
        if (cp > 0xFFFF) {
            if (n + 2 >= cch)
                break; /* no room for both halves: the character is dropped */
            cp -= 0x10000;
            dest[n++] = (WCHAR)(0xD800 + (cp >> 10));
            dest[n++] = (WCHAR)(0xDC00 + (cp & 0x3FF));
        } else {
            dest[n++] = (WCHAR)cp;
        }
    }
    dest[n] = 0;
    return hr;
}

static inline HRESULT StringCbGetsA(STRSAFE_LPSTR dest, size_t cb)
{
    return StringCchGetsA(dest, cb);
}

static inline HRESULT StringCbGetsW(STRSAFE_LPWSTR dest, size_t cb)
{
    return StringCchGetsW(dest, cb / sizeof(WCHAR));
}

#ifdef UNICODE
#define StringCchCopy StringCchCopyW
#define StringCbCopy StringCbCopyW
#define StringCchCopyN StringCchCopyNW
#define StringCbCopyN StringCbCopyNW
#define StringCchCat StringCchCatW
#define StringCbCat StringCbCatW
#define StringCchCatN StringCchCatNW
#define StringCbCatN StringCbCatNW
#define StringCchLength StringCchLengthW
#define StringCbLength StringCbLengthW
#define StringCchPrintf StringCchPrintfW
#define StringCbPrintf StringCbPrintfW
#define StringCchVPrintf StringCchVPrintfW
#define StringCbVPrintf StringCbVPrintfW
#define StringCchCopyEx StringCchCopyExW
#define StringCbCopyEx StringCbCopyExW
#define StringCchCopyNEx StringCchCopyNExW
#define StringCbCopyNEx StringCbCopyNExW
#define StringCchCatEx StringCchCatExW
#define StringCbCatEx StringCbCatExW
#define StringCchCatNEx StringCchCatNExW
#define StringCbCatNEx StringCbCatNExW
#define StringCchPrintfEx StringCchPrintfExW
#define StringCbPrintfEx StringCbPrintfExW
#define StringCchVPrintfEx StringCchVPrintfExW
#define StringCbVPrintfEx StringCbVPrintfExW
#define StringCchGets StringCchGetsW
#define StringCbGets StringCbGetsW
#else
#define StringCchCopy StringCchCopyA
#define StringCbCopy StringCbCopyA
#define StringCchCopyN StringCchCopyNA
#define StringCbCopyN StringCbCopyNA
#define StringCchCat StringCchCatA
#define StringCbCat StringCbCatA
#define StringCchCatN StringCchCatNA
#define StringCbCatN StringCbCatNA
#define StringCchLength StringCchLengthA
#define StringCbLength StringCbLengthA
#define StringCchPrintf StringCchPrintfA
#define StringCbPrintf StringCbPrintfA
#define StringCchVPrintf StringCchVPrintfA
#define StringCbVPrintf StringCbVPrintfA
#define StringCchCopyEx StringCchCopyExA
#define StringCbCopyEx StringCbCopyExA
#define StringCchCopyNEx StringCchCopyNExA
#define StringCbCopyNEx StringCbCopyNExA
#define StringCchCatEx StringCchCatExA
#define StringCbCatEx StringCbCatExA
#define StringCchCatNEx StringCchCatNExA
#define StringCbCatNEx StringCbCatNExA
#define StringCchPrintfEx StringCchPrintfExA
#define StringCbPrintfEx StringCbPrintfExA
#define StringCchVPrintfEx StringCchVPrintfExA
#define StringCbVPrintfEx StringCbVPrintfExA
#define StringCchGets StringCchGetsA
#define StringCbGets StringCbGetsA
#endif

#ifdef __cplusplus
}
#endif

/* The W helpers above take the C library's wchar_t strings too (ws2mp_wchar_args.h). */
#if !defined(WS2MP_NO_WCHAR_T_OVERLOADS) && !defined(_MSC_VER)
#define WS2MP_WCHAR_ARGS_FOR_STRSAFE_H
#include "ws2mp_wchar_args.h"
#include "ws2mp_wchar_printf.h"
#endif

#endif /* WS2MP_COMPAT_STRSAFE_H */

/*
 * ws2mp compat: <atlconv.h>. ATL's string conversion macros, as console tools and services of
 * the ATL/MFC era use them around Winsock calls (getaddrinfo(T2A(argv[1]), ...)):
 *
 * - USES_CONVERSION declares ATL's locals (_convert, _acp, _lpw, _lpa) for programs that name
 *   them; the macros here keep their own temporaries.
 * - A2W converts an ANSI string (the ANSI code page is UTF-8 here) to a WCHAR (UTF-16) string,
 *   W2A the other way. The result lives in stack memory (alloca) until the calling function
 *   returns, as ATL's does: do not return it, and do not convert in a long loop. NULL gives NULL.
 * - A2CW and W2CA give const pointers; the T forms (T2A, A2T, T2W, W2T, T2CA, A2CT, T2CW, W2CT)
 *   convert or pass through by UNICODE; OLECHAR is WCHAR, so OLE2A, A2OLE, OLE2T, T2OLE, OLE2W,
 *   W2OLE, OLE2CA, A2COLE, OLE2CT, T2COLE follow.
 * Not provided: the _EX forms and the ATL 7 classes (CA2W, CW2A, CT2A, ...); W2A of an L"..."
 * literal (wchar_t is 32 bits here, the W side is WCHAR).
 */
#ifndef WS2MP_COMPAT_ATLCONV_H
#define WS2MP_COMPAT_ATLCONV_H

#include "windows.h"
#include <string.h>

#ifdef __cplusplus
extern "C" {
#endif

static inline int ws2mp_atl_wlen_(const WCHAR *s)
{
    int n = 0;
    while (s[n] != 0)
        n++;
    return n;
}

static inline LPWSTR ws2mp_atl_a2w_(LPWSTR out, LPCSTR in, int units)
{
    out[0] = 0;
    (MultiByteToWideChar)(CP_ACP, 0, in, -1, out, units);
    return out;
}

static inline LPSTR ws2mp_atl_w2a_(LPSTR out, LPCWSTR in, int bytes)
{
    out[0] = '\0';
    (WideCharToMultiByte)(CP_ACP, 0, in, -1, out, bytes, NULL, NULL);
    return out;
}

#ifdef __cplusplus
}
#endif

#define USES_CONVERSION                                                                          \
    int _convert = 0;                                                                            \
    (void)_convert;                                                                              \
    UINT _acp = CP_ACP;                                                                          \
    (void)_acp;                                                                                  \
    LPCWSTR _lpw = NULL;                                                                         \
    (void)_lpw;                                                                                  \
    LPCSTR _lpa = NULL;                                                                          \
    (void)_lpa

/* UTF-8 to UTF-16 never needs more units than bytes; UTF-16 to UTF-8 at most 3 bytes a unit.
 * Each conversion keeps its own temporaries (a GNU statement expression), so two of them in one
 * call's arguments, getaddrinfo(T2A(host), T2A(port), ...), do not share ATL's _convert. */
#define A2W(lpa)                                                                                 \
    (__extension__({                                                                             \
        LPCSTR ws2mp_atl_a_ = (lpa);                                                             \
        int ws2mp_atl_n_ = ws2mp_atl_a_ == NULL ? 0 : (int)strlen(ws2mp_atl_a_) + 1;             \
        ws2mp_atl_a_ == NULL                                                                     \
            ? (LPWSTR)NULL                                                                       \
            : ws2mp_atl_a2w_((LPWSTR)__builtin_alloca((size_t)ws2mp_atl_n_ * sizeof(WCHAR)),     \
                             ws2mp_atl_a_, ws2mp_atl_n_);                                        \
    }))
#define W2A(lpw)                                                                                 \
    (__extension__({                                                                             \
        LPCWSTR ws2mp_atl_w_ = (lpw);                                                            \
        int ws2mp_atl_n_ = ws2mp_atl_w_ == NULL ? 0 : (ws2mp_atl_wlen_(ws2mp_atl_w_) + 1) * 3;   \
        ws2mp_atl_w_ == NULL                                                                     \
            ? (LPSTR)NULL                                                                        \
            : ws2mp_atl_w2a_((LPSTR)__builtin_alloca((size_t)ws2mp_atl_n_), ws2mp_atl_w_,        \
                             ws2mp_atl_n_);                                                      \
    }))
#define A2CW(lpa) ((LPCWSTR)A2W(lpa))
#define W2CA(lpw) ((LPCSTR)W2A(lpw))

#ifdef UNICODE
#define T2A(lpt) W2A(lpt)
#define A2T(lpa) A2W(lpa)
#define T2W(lpt) ((LPWSTR)(lpt))
#define W2T(lpw) ((LPWSTR)(lpw))
#define T2CA(lpt) W2CA(lpt)
#define A2CT(lpa) A2CW(lpa)
#define T2CW(lpt) ((LPCWSTR)(lpt))
#define W2CT(lpw) ((LPCWSTR)(lpw))
#else
#define T2A(lpt) ((LPSTR)(lpt))
#define A2T(lpa) ((LPSTR)(lpa))
#define T2W(lpt) A2W(lpt)
#define W2T(lpw) W2A(lpw)
#define T2CA(lpt) ((LPCSTR)(lpt))
#define A2CT(lpa) ((LPCSTR)(lpa))
#define T2CW(lpt) A2CW(lpt)
#define W2CT(lpw) W2CA(lpw)
#endif

#define OLE2A(lpo) W2A(lpo)
#define A2OLE(lpa) A2W(lpa)
#define OLE2W(lpo) ((LPWSTR)(lpo))
#define W2OLE(lpw) ((LPWSTR)(lpw))
#define OLE2T(lpo) W2T(lpo)
#define T2OLE(lpt) T2W(lpt)
#define OLE2CA(lpo) W2CA(lpo)
#define A2COLE(lpa) A2CW(lpa)
#define OLE2CT(lpo) W2CT(lpo)
#define T2COLE(lpt) T2CW(lpt)

#endif /* WS2MP_COMPAT_ATLCONV_H */

/*
 * ws2mp compat (internal): the printf-style W functions (wsprintfW, StringCchPrintfW,
 * StringCbPrintfW, StringCchPrintfExW, StringCbPrintfExW) take the C library's wchar_t strings
 * too, as their format and as %s arguments: on Windows wchar_t is the 16-bit WCHAR, so
 * programs write StringCchPrintfW(buf, n, L"%s:%d", L"host", port). Here a wchar_t string is
 * 32 bits; each such argument is converted to a WCHAR string first (ws2mp_wchar_arg, which
 * keeps the last 8 conversions of the thread: a call with more than 8 wchar_t strings is not
 * supported). Other arguments pass unchanged. wchar_t is `int` on Linux: an `int *` argument
 * (for %p) is taken for a wchar_t string too.
 *
 * Included at the end of windows.h and strsafe.h, each part once its functions exist (as
 * ws2mp_wchar_args.h, after which it comes). -DWS2MP_NO_WCHAR_T_OVERLOADS turns it off.
 */
#ifndef WS2MP_COMPAT_WCHAR_PRINTF_H
#define WS2MP_COMPAT_WCHAR_PRINTF_H

#ifdef __cplusplus
extern "C++" {
/* One variadic argument: a wchar_t string converted, anything else as it is. */
static inline const uint16_t *ws2mp_wprintf_arg_(const wchar_t *s)
{
    return ws2mp_wchar_arg((const int32_t *)(const void *)s);
}
static inline const uint16_t *ws2mp_wprintf_arg_(wchar_t *s)
{
    return ws2mp_wchar_arg((const int32_t *)(const void *)s);
}
template <class T>
static inline T ws2mp_wprintf_arg_(T v)
{
    return v;
}
}
#else
/* One variadic argument: a wchar_t string converted, anything else as it is (the inner
 * selection keeps every branch valid for any argument type). */
#define WS2MP_WPRINTF_ARG_(s)                                                                  \
    __extension__ _Generic((s),                                                                \
        wchar_t *: ws2mp_wchar_arg(WS2MP_WPRINTF_PTR_(s)),                                     \
        const wchar_t *: ws2mp_wchar_arg(WS2MP_WPRINTF_PTR_(s)),                               \
        default: (s))
#define WS2MP_WPRINTF_PTR_(s)                                                                  \
    ((const int32_t *)(const void *)_Generic((s),                                              \
        wchar_t *: (s),                                                                        \
        const wchar_t *: (s),                                                                  \
        default: (const wchar_t *)0))

/* Each of up to 32 arguments through WS2MP_WPRINTF_ARG_. */
#define WS2MP_WPA_NTH_(a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16,   \
                       a17, a18, a19, a20, a21, a22, a23, a24, a25, a26, a27, a28, a29, a30,   \
                       a31, a32, n, ...)                                                       \
    n
#define WS2MP_WPA_COUNT_(...)                                                                  \
    WS2MP_WPA_NTH_(__VA_ARGS__, 32, 31, 30, 29, 28, 27, 26, 25, 24, 23, 22, 21, 20, 19, 18,    \
                   17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0)
#define WS2MP_WPA_JOIN2_(a, b) a##b
#define WS2MP_WPA_JOIN_(a, b) WS2MP_WPA_JOIN2_(a, b)
#define WS2MP_WPRINTF_ARGS_(...) WS2MP_WPA_JOIN_(WS2MP_WPA_, WS2MP_WPA_COUNT_(__VA_ARGS__))(__VA_ARGS__)
#define WS2MP_WPA_1(a) WS2MP_WPRINTF_ARG_(a)
#define WS2MP_WPA_2(a, ...) WS2MP_WPRINTF_ARG_(a), WS2MP_WPA_1(__VA_ARGS__)
#define WS2MP_WPA_3(a, ...) WS2MP_WPRINTF_ARG_(a), WS2MP_WPA_2(__VA_ARGS__)
#define WS2MP_WPA_4(a, ...) WS2MP_WPRINTF_ARG_(a), WS2MP_WPA_3(__VA_ARGS__)
#define WS2MP_WPA_5(a, ...) WS2MP_WPRINTF_ARG_(a), WS2MP_WPA_4(__VA_ARGS__)
#define WS2MP_WPA_6(a, ...) WS2MP_WPRINTF_ARG_(a), WS2MP_WPA_5(__VA_ARGS__)
#define WS2MP_WPA_7(a, ...) WS2MP_WPRINTF_ARG_(a), WS2MP_WPA_6(__VA_ARGS__)
#define WS2MP_WPA_8(a, ...) WS2MP_WPRINTF_ARG_(a), WS2MP_WPA_7(__VA_ARGS__)
#define WS2MP_WPA_9(a, ...) WS2MP_WPRINTF_ARG_(a), WS2MP_WPA_8(__VA_ARGS__)
#define WS2MP_WPA_10(a, ...) WS2MP_WPRINTF_ARG_(a), WS2MP_WPA_9(__VA_ARGS__)
#define WS2MP_WPA_11(a, ...) WS2MP_WPRINTF_ARG_(a), WS2MP_WPA_10(__VA_ARGS__)
#define WS2MP_WPA_12(a, ...) WS2MP_WPRINTF_ARG_(a), WS2MP_WPA_11(__VA_ARGS__)
#define WS2MP_WPA_13(a, ...) WS2MP_WPRINTF_ARG_(a), WS2MP_WPA_12(__VA_ARGS__)
#define WS2MP_WPA_14(a, ...) WS2MP_WPRINTF_ARG_(a), WS2MP_WPA_13(__VA_ARGS__)
#define WS2MP_WPA_15(a, ...) WS2MP_WPRINTF_ARG_(a), WS2MP_WPA_14(__VA_ARGS__)
#define WS2MP_WPA_16(a, ...) WS2MP_WPRINTF_ARG_(a), WS2MP_WPA_15(__VA_ARGS__)
#define WS2MP_WPA_17(a, ...) WS2MP_WPRINTF_ARG_(a), WS2MP_WPA_16(__VA_ARGS__)
#define WS2MP_WPA_18(a, ...) WS2MP_WPRINTF_ARG_(a), WS2MP_WPA_17(__VA_ARGS__)
#define WS2MP_WPA_19(a, ...) WS2MP_WPRINTF_ARG_(a), WS2MP_WPA_18(__VA_ARGS__)
#define WS2MP_WPA_20(a, ...) WS2MP_WPRINTF_ARG_(a), WS2MP_WPA_19(__VA_ARGS__)
#define WS2MP_WPA_21(a, ...) WS2MP_WPRINTF_ARG_(a), WS2MP_WPA_20(__VA_ARGS__)
#define WS2MP_WPA_22(a, ...) WS2MP_WPRINTF_ARG_(a), WS2MP_WPA_21(__VA_ARGS__)
#define WS2MP_WPA_23(a, ...) WS2MP_WPRINTF_ARG_(a), WS2MP_WPA_22(__VA_ARGS__)
#define WS2MP_WPA_24(a, ...) WS2MP_WPRINTF_ARG_(a), WS2MP_WPA_23(__VA_ARGS__)
#define WS2MP_WPA_25(a, ...) WS2MP_WPRINTF_ARG_(a), WS2MP_WPA_24(__VA_ARGS__)
#define WS2MP_WPA_26(a, ...) WS2MP_WPRINTF_ARG_(a), WS2MP_WPA_25(__VA_ARGS__)
#define WS2MP_WPA_27(a, ...) WS2MP_WPRINTF_ARG_(a), WS2MP_WPA_26(__VA_ARGS__)
#define WS2MP_WPA_28(a, ...) WS2MP_WPRINTF_ARG_(a), WS2MP_WPA_27(__VA_ARGS__)
#define WS2MP_WPA_29(a, ...) WS2MP_WPRINTF_ARG_(a), WS2MP_WPA_28(__VA_ARGS__)
#define WS2MP_WPA_30(a, ...) WS2MP_WPRINTF_ARG_(a), WS2MP_WPA_29(__VA_ARGS__)
#define WS2MP_WPA_31(a, ...) WS2MP_WPRINTF_ARG_(a), WS2MP_WPA_30(__VA_ARGS__)
#define WS2MP_WPA_32(a, ...) WS2MP_WPRINTF_ARG_(a), WS2MP_WPA_31(__VA_ARGS__)
#endif
/* C++: a template overload converts the arguments and calls the plain function through a
 * pointer of its own type (so that the template is not chosen again). C: each function is a
 * function-like macro; its address and `(wsprintfW)(...)` are the plain function. */
#ifdef __cplusplus
extern "C++" template <class T>
struct ws2mp_wprintf_type_ {
    typedef T type;
};
#define WS2MP_WPRINTF_OVERLOAD_(ret, name, params, args, ptr_type)                             \
    extern "C++" {                                                                             \
    template <class F, class... A>                                                             \
    static inline ret name params                                                              \
    {                                                                                          \
        ws2mp_wprintf_type_<ptr_type>::type plain = name;                                      \
        return plain args;                                                                     \
    }                                                                                          \
    }
#endif

#endif /* WS2MP_COMPAT_WCHAR_PRINTF_H */


/* <windows.h>'s wsprintfW. */
#if defined(WS2MP_WCHAR_ARGS_FOR_WINDOWS_H) && !defined(WS2MP_WCHAR_PRINTF_DONE_WINDOWS_H)
#define WS2MP_WCHAR_PRINTF_DONE_WINDOWS_H
#ifdef __cplusplus
WS2MP_WPRINTF_OVERLOAD_(int, wsprintfW, (LPWSTR buf, F fmt, A... a),
                        (buf, ws2mp_wprintf_arg_(fmt), ws2mp_wprintf_arg_(a)...),
                        int (*)(LPWSTR, LPCWSTR, ...))
#else
#define wsprintfW(buf, ...) (wsprintfW)(buf, WS2MP_WPRINTF_ARGS_(__VA_ARGS__))
#endif
#endif

/* <strsafe.h>'s printf forms. */
#if defined(WS2MP_WCHAR_ARGS_FOR_STRSAFE_H) && !defined(WS2MP_WCHAR_PRINTF_DONE_STRSAFE_H)
#define WS2MP_WCHAR_PRINTF_DONE_STRSAFE_H
#ifdef __cplusplus
WS2MP_WPRINTF_OVERLOAD_(HRESULT, StringCchPrintfW, (STRSAFE_LPWSTR dest, size_t cch, F fmt, A... a),
                        (dest, cch, ws2mp_wprintf_arg_(fmt), ws2mp_wprintf_arg_(a)...),
                        HRESULT (*)(STRSAFE_LPWSTR, size_t, STRSAFE_LPCWSTR, ...))
WS2MP_WPRINTF_OVERLOAD_(HRESULT, StringCbPrintfW, (STRSAFE_LPWSTR dest, size_t cb, F fmt, A... a),
                        (dest, cb, ws2mp_wprintf_arg_(fmt), ws2mp_wprintf_arg_(a)...),
                        HRESULT (*)(STRSAFE_LPWSTR, size_t, STRSAFE_LPCWSTR, ...))
WS2MP_WPRINTF_OVERLOAD_(HRESULT, StringCchPrintfExW,
                        (STRSAFE_LPWSTR dest, size_t cch, STRSAFE_LPWSTR *end, size_t *remaining,
                         DWORD flags, F fmt, A... a),
                        (dest, cch, end, remaining, flags, ws2mp_wprintf_arg_(fmt),
                         ws2mp_wprintf_arg_(a)...),
                        HRESULT (*)(STRSAFE_LPWSTR, size_t, STRSAFE_LPWSTR *, size_t *, DWORD,
                                    STRSAFE_LPCWSTR, ...))
WS2MP_WPRINTF_OVERLOAD_(HRESULT, StringCbPrintfExW,
                        (STRSAFE_LPWSTR dest, size_t cb, STRSAFE_LPWSTR *end, size_t *remaining,
                         DWORD flags, F fmt, A... a),
                        (dest, cb, end, remaining, flags, ws2mp_wprintf_arg_(fmt),
                         ws2mp_wprintf_arg_(a)...),
                        HRESULT (*)(STRSAFE_LPWSTR, size_t, STRSAFE_LPWSTR *, size_t *, DWORD,
                                    STRSAFE_LPCWSTR, ...))
#else
#define StringCchPrintfW(dest, cch, ...) (StringCchPrintfW)(dest, cch, WS2MP_WPRINTF_ARGS_(__VA_ARGS__))
#define StringCbPrintfW(dest, cb, ...) (StringCbPrintfW)(dest, cb, WS2MP_WPRINTF_ARGS_(__VA_ARGS__))
#define StringCchPrintfExW(dest, cch, end, rem, flags, ...)                                    \
    (StringCchPrintfExW)(dest, cch, end, rem, flags, WS2MP_WPRINTF_ARGS_(__VA_ARGS__))
#define StringCbPrintfExW(dest, cb, end, rem, flags, ...)                                      \
    (StringCbPrintfExW)(dest, cb, end, rem, flags, WS2MP_WPRINTF_ARGS_(__VA_ARGS__))
#endif
#endif

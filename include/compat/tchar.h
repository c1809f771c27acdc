/*
 * ws2mp compat: <tchar.h>. The generic-text names map to the narrow C library (TCHAR is char),
 * as on Windows without _UNICODE.
 *
 * With _UNICODE, TCHAR is the 16-bit WCHAR and the string functions ws2mp has in 16-bit form
 * map to them (_tcslen, _tcscpy, _tcscat, _tcscmp, _tcsicmp, _tcsncpy, _stprintf_s /
 * _sntprintf over StringCchPrintfW), _tmain is wmain (argv in UTF-16) and _tWinMain wWinMain;
 * the rest of the wide C library over a 16-bit WCHAR (_tprintf, _tfopen, ...: the C library's
 * wide functions take a 32-bit wchar_t on Linux and macOS) expands to an identifier that stops
 * the build and names the problem (ws2mp_unavailable_with_UNICODE_...). Build such programs
 * without UNICODE/_UNICODE.
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
#define _tprintf ws2mp_unavailable_with_UNICODE_tprintf
#define _ftprintf ws2mp_unavailable_with_UNICODE_ftprintf
#define _stprintf ws2mp_unavailable_with_UNICODE_stprintf
#define _sntprintf ws2mp_unavailable_with_UNICODE_sntprintf
#define _vstprintf ws2mp_unavailable_with_UNICODE_vstprintf
#define _vsntprintf ws2mp_unavailable_with_UNICODE_vsntprintf
#define _tscanf ws2mp_unavailable_with_UNICODE_tscanf
#define _stscanf ws2mp_unavailable_with_UNICODE_stscanf
#define _fgetts ws2mp_unavailable_with_UNICODE_fgetts
#define _fputts ws2mp_unavailable_with_UNICODE_fputts
#define _tfopen ws2mp_unavailable_with_UNICODE_tfopen
#define _tgetenv ws2mp_unavailable_with_UNICODE_tgetenv
#define _ttoi ws2mp_unavailable_with_UNICODE_ttoi
#define _tstoi ws2mp_unavailable_with_UNICODE_tstoi
#define _ttol ws2mp_unavailable_with_UNICODE_ttol
#define _tcstol ws2mp_unavailable_with_UNICODE_tcstol
#define _tcstoul ws2mp_unavailable_with_UNICODE_tcstoul
#define _tcschr ws2mp_unavailable_with_UNICODE_tcschr
#define _tcsrchr ws2mp_unavailable_with_UNICODE_tcsrchr
#define _tcsstr ws2mp_unavailable_with_UNICODE_tcsstr
#define _tcstok ws2mp_unavailable_with_UNICODE_tcstok
#define _tcsdup ws2mp_unavailable_with_UNICODE_tcsdup
#define _tperror ws2mp_unavailable_with_UNICODE_tperror

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

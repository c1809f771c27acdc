/*
 * ws2mp compat: <versionhelpers.h>: the version checks programs make before using a newer
 * Winsock feature (SIO_LOOPBACK_FAST_PATH on Windows 8, WSAPoll on Vista, ...).
 *
 * ws2mp reports Windows 10.0.19045 (see GetVersionEx), a workstation: every IsWindows*OrGreater
 * up to Windows 10 is TRUE and IsWindowsServer is FALSE.
 */
#ifndef WS2MP_COMPAT_VERSIONHELPERS_H
#define WS2MP_COMPAT_VERSIONHELPERS_H

#include "windows.h"

#ifdef __cplusplus
extern "C" {
#endif

/* _WIN32_WINNT_WINXP ... _WIN32_WINNT_WIN10 come from <sdkddkver.h> (through <windows.h>). */

/* Whether ws2mp's reported version (10.0, service pack 0) is at least major.minor.sp. */
static inline BOOL IsWindowsVersionOrGreater(WORD wMajorVersion, WORD wMinorVersion, WORD wServicePackMajor)
{
    if (wMajorVersion != 10)
        return wMajorVersion < 10;
    if (wMinorVersion != 0)
        return FALSE;
    return wServicePackMajor == 0;
}
static inline BOOL IsWindowsXPOrGreater(void)
{
    return IsWindowsVersionOrGreater(5, 1, 0);
}
static inline BOOL IsWindowsXPSP3OrGreater(void)
{
    return IsWindowsVersionOrGreater(5, 1, 3);
}
static inline BOOL IsWindowsVistaOrGreater(void)
{
    return IsWindowsVersionOrGreater(6, 0, 0);
}
static inline BOOL IsWindows7OrGreater(void)
{
    return IsWindowsVersionOrGreater(6, 1, 0);
}
static inline BOOL IsWindows8OrGreater(void)
{
    return IsWindowsVersionOrGreater(6, 2, 0);
}
static inline BOOL IsWindows8Point1OrGreater(void)
{
    return IsWindowsVersionOrGreater(6, 3, 0);
}
static inline BOOL IsWindows10OrGreater(void)
{
    return IsWindowsVersionOrGreater(10, 0, 0);
}
static inline BOOL IsWindowsServer(void)
{
    return FALSE;
}

#ifdef __cplusplus
}
#endif

#endif /* WS2MP_COMPAT_VERSIONHELPERS_H */

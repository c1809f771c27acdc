/*
 * ws2mp compat: <bcrypt.h>: CNG's random number generator. BCryptGenRandom is exported by
 * libws2mp (declared in ws2mp.h) for the system-preferred generator: a NULL algorithm handle
 * with BCRYPT_USE_SYSTEM_PREFERRED_RNG (what programs pass; STATUS_INVALID_HANDLE otherwise).
 * Algorithm providers (BCryptOpenAlgorithmProvider), hashes and ciphers are not provided.
 * As Windows' <wincrypt.h>, ws2mp's includes this header: NTSTATUS comes with <windows.h>
 * unless WIN32_LEAN_AND_MEAN. STATUS_SUCCESS does not (it is <ntstatus.h>'s, as on Windows);
 * STATUS_INVALID_HANDLE and STATUS_INVALID_PARAMETER are here for BCryptGenRandom's results.
 */
#ifndef WS2MP_COMPAT_BCRYPT_H
#define WS2MP_COMPAT_BCRYPT_H

#include "windows.h"

#ifndef WS2MP_NTSTATUS_DEFINED
#define WS2MP_NTSTATUS_DEFINED
typedef LONG NTSTATUS;
typedef NTSTATUS *PNTSTATUS;
#endif
typedef PVOID BCRYPT_HANDLE;
typedef PVOID BCRYPT_ALG_HANDLE;

#define BCRYPT_SUCCESS(Status) (((NTSTATUS)(Status)) >= 0)
#define BCRYPT_RNG_USE_ENTROPY_IN_BUFFER 0x00000001
#define BCRYPT_USE_SYSTEM_PREFERRED_RNG 0x00000002
#define BCRYPT_RNG_ALGORITHM u"RNG"

#ifndef STATUS_INVALID_HANDLE
#define STATUS_INVALID_HANDLE ((NTSTATUS)0xC0000008L)
#endif
#ifndef STATUS_INVALID_PARAMETER
#define STATUS_INVALID_PARAMETER ((NTSTATUS)0xC000000DL)
#endif

#endif /* WS2MP_COMPAT_BCRYPT_H */

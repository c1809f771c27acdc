/*
 * ws2mp compat: <wincrypt.h> (through <windows.h> unless WIN32_LEAN_AND_MEAN, as Windows'
 * does): CryptoAPI's random number generator, which programs use for session keys, nonces and
 * tokens. CryptAcquireContextA/W, CryptGenRandom and CryptReleaseContext are exported by
 * libws2mp (declared in ws2mp.h): any container, provider name and type are accepted as with
 * CRYPT_VERIFYCONTEXT, and the provider draws from the system's generator (getrandom,
 * getentropy). There are no key containers, keys, hashes or certificates: CryptCreateHash,
 * CryptEncrypt & co. are not provided.
 */
#ifndef WS2MP_COMPAT_WINCRYPT_H
#define WS2MP_COMPAT_WINCRYPT_H

#include "windows.h"

typedef ULONG_PTR HCRYPTPROV;
typedef ULONG_PTR HCRYPTKEY;
typedef ULONG_PTR HCRYPTHASH;
typedef unsigned int ALG_ID;

/* Provider types. */
#define PROV_RSA_FULL 1
#define PROV_RSA_SIG 2
#define PROV_DSS 3
#define PROV_FORTEZZA 4
#define PROV_MS_EXCHANGE 5
#define PROV_SSL 6
#define PROV_RSA_SCHANNEL 12
#define PROV_DSS_DH 13
#define PROV_DH_SCHANNEL 18
#define PROV_RSA_AES 24

/* CryptAcquireContext flags. */
#define CRYPT_VERIFYCONTEXT 0xF0000000u
#define CRYPT_NEWKEYSET 0x00000008u
#define CRYPT_DELETEKEYSET 0x00000010u
#define CRYPT_MACHINE_KEYSET 0x00000020u
#define CRYPT_SILENT 0x00000040u
#define CRYPT_DEFAULT_CONTAINER_OPTIONAL 0x00000080u

/* Provider names. */
#define MS_DEF_PROV_A "Microsoft Base Cryptographic Provider v1.0"
#define MS_DEF_PROV_W u"Microsoft Base Cryptographic Provider v1.0"
#define MS_ENHANCED_PROV_A "Microsoft Enhanced Cryptographic Provider v1.0"
#define MS_ENHANCED_PROV_W u"Microsoft Enhanced Cryptographic Provider v1.0"
#define MS_STRONG_PROV_A "Microsoft Strong Cryptographic Provider"
#define MS_STRONG_PROV_W u"Microsoft Strong Cryptographic Provider"
#define MS_ENH_RSA_AES_PROV_A "Microsoft Enhanced RSA and AES Cryptographic Provider"
#define MS_ENH_RSA_AES_PROV_W u"Microsoft Enhanced RSA and AES Cryptographic Provider"

/* The errors (GetLastError values) these functions set. */
#ifndef NTE_BAD_UID
#define NTE_BAD_UID ((HRESULT)0x80090001L)
#define NTE_BAD_FLAGS ((HRESULT)0x80090009L)
#define NTE_BAD_KEYSET ((HRESULT)0x80090016L)
#define NTE_EXISTS ((HRESULT)0x8009000FL)
#endif

#ifdef UNICODE
#define CryptAcquireContext CryptAcquireContextW
#define MS_DEF_PROV MS_DEF_PROV_W
#define MS_ENHANCED_PROV MS_ENHANCED_PROV_W
#define MS_STRONG_PROV MS_STRONG_PROV_W
#define MS_ENH_RSA_AES_PROV MS_ENH_RSA_AES_PROV_W
#else
#define CryptAcquireContext CryptAcquireContextA
#define MS_DEF_PROV MS_DEF_PROV_A
#define MS_ENHANCED_PROV MS_ENHANCED_PROV_A
#define MS_STRONG_PROV MS_STRONG_PROV_A
#define MS_ENH_RSA_AES_PROV MS_ENH_RSA_AES_PROV_A
#endif

/* Windows' <wincrypt.h> includes <bcrypt.h>: NTSTATUS and BCryptGenRandom come with
 * <windows.h> (without WIN32_LEAN_AND_MEAN). */
#include "bcrypt.h"

#endif /* WS2MP_COMPAT_WINCRYPT_H */

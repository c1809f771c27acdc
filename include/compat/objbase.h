/*
 * ws2mp compat: <objbase.h> (also <combaseapi.h>): the parts of COM's base API that Winsock
 * programs use without COM: the GUID helpers, to print a catalog entry's ProviderId or a
 * service class (StringFromGUID2, IsEqualGUID, the OLECHAR string types and
 * REFGUID/REFIID/REFCLSID), and CoInitialize / CoInitializeEx / CoUninitialize (exported by
 * libws2mp, declared in ws2mp.h): a per-thread count and concurrency model with Windows'
 * results (S_OK, S_FALSE, RPC_E_CHANGED_MODE). COM itself (CoCreateInstance, ...) is not
 * provided.
 */
#ifndef WS2MP_COMPAT_OBJBASE_H
#define WS2MP_COMPAT_OBJBASE_H

#include "windows.h"

#ifndef WS2MP_OLECHAR_DEFINED
#define WS2MP_OLECHAR_DEFINED
typedef WCHAR OLECHAR;
typedef OLECHAR *LPOLESTR;
typedef const OLECHAR *LPCOLESTR;
typedef GUID IID;
typedef GUID CLSID;
typedef IID *LPIID;
typedef CLSID *LPCLSID;
#endif

/* CoInitializeEx's concurrency model and flags. */
typedef enum tagCOINIT {
    COINIT_APARTMENTTHREADED = 0x2,
    COINIT_MULTITHREADED = 0x0,
    COINIT_DISABLE_OLE1DDE = 0x4,
    COINIT_SPEED_OVER_MEMORY = 0x8
} COINIT;

/* References to a GUID: C++ references, C pointers (as Windows' headers spell them). */
#ifdef __cplusplus
#define REFGUID const GUID &
#define REFIID const IID &
#define REFCLSID const IID &
#define WS2MP_GUID_PTR_(g) (&(g))
#else
#define REFGUID const GUID *
#define REFIID const IID *
#define REFCLSID const IID *
#define WS2MP_GUID_PTR_(g) (g)
#endif

#ifdef __cplusplus
extern "C++" {
#endif

/* "{XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}" in capitals: 39 characters with the NUL, the value
 * returned; 0 when `cchMax` is smaller (nothing written). */
static inline int StringFromGUID2(REFGUID rguid, LPOLESTR lpsz, int cchMax)
{
    static const char hex[] = "0123456789ABCDEF";
    const GUID *g = WS2MP_GUID_PTR_(rguid);
    unsigned char bytes[16];
    int i, j = 0, k;
    if (lpsz == NULL || cchMax < 39)
        return 0;
    for (i = 0; i < 4; i++)
        bytes[i] = (unsigned char)(g->Data1 >> (24 - 8 * i));
    bytes[4] = (unsigned char)(g->Data2 >> 8);
    bytes[5] = (unsigned char)g->Data2;
    bytes[6] = (unsigned char)(g->Data3 >> 8);
    bytes[7] = (unsigned char)g->Data3;
    for (i = 0; i < 8; i++)
        bytes[8 + i] = g->Data4[i];
    lpsz[j++] = '{';
    for (k = 0; k < 16; k++) {
        if (k == 4 || k == 6 || k == 8 || k == 10)
            lpsz[j++] = '-';
        lpsz[j++] = (OLECHAR)hex[bytes[k] >> 4];
        lpsz[j++] = (OLECHAR)hex[bytes[k] & 15];
    }
    lpsz[j++] = '}';
    lpsz[j++] = 0;
    return j;
}

#ifndef IsEqualGUID
static inline int IsEqualGUID(REFGUID a, REFGUID b)
{
    return memcmp(WS2MP_GUID_PTR_(a), WS2MP_GUID_PTR_(b), sizeof(GUID)) == 0;
}
#define InlineIsEqualGUID IsEqualGUID
#define IsEqualIID IsEqualGUID
#define IsEqualCLSID IsEqualGUID
#endif

#ifdef __cplusplus
}
#endif

#endif /* WS2MP_COMPAT_OBJBASE_H */

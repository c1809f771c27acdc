/*
 * ws2mp compat: <urlmon.h>: URLDownloadToFile, the one-call HTTP download.
 *
 * URLDownloadToFileA/W are exported by libws2mp (declared in ws2mp.h; the caller and the
 * status callback as `void *`, the unsuffixed name follows UNICODE) over the HTTP of ws2mp's
 * WinINet subset (<wininet.h>): http:// only (https:// gives INET_E_UNKNOWN_PROTOCOL: no TLS),
 * redirects followed, a status of 400 or more fails with INET_E_DOWNLOAD_FAILURE, the status
 * callback is never called. The rest of urlmon (monikers, URLOpenStream, ...) is not provided.
 */
#ifndef WS2MP_COMPAT_URLMON_H
#define WS2MP_COMPAT_URLMON_H

#include "windows.h"

#ifndef WS2MP_IUNKNOWN_DECLARED
#define WS2MP_IUNKNOWN_DECLARED
typedef struct IUnknown IUnknown;
typedef IUnknown *LPUNKNOWN;
#endif
typedef struct IBindStatusCallback IBindStatusCallback;
typedef IBindStatusCallback *LPBINDSTATUSCALLBACK;

#define INET_E_INVALID_URL ((HRESULT)0x800C0002L)
#define INET_E_NO_SESSION ((HRESULT)0x800C0003L)
#define INET_E_CANNOT_CONNECT ((HRESULT)0x800C0004L)
#define INET_E_RESOURCE_NOT_FOUND ((HRESULT)0x800C0005L)
#define INET_E_OBJECT_NOT_FOUND ((HRESULT)0x800C0006L)
#define INET_E_DATA_NOT_AVAILABLE ((HRESULT)0x800C0007L)
#define INET_E_DOWNLOAD_FAILURE ((HRESULT)0x800C0008L)
#define INET_E_UNKNOWN_PROTOCOL ((HRESULT)0x800C000DL)

#ifdef UNICODE
#define URLDownloadToFile URLDownloadToFileW
#else
#define URLDownloadToFile URLDownloadToFileA
#endif

#endif /* WS2MP_COMPAT_URLMON_H */

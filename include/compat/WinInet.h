/* ws2mp compat: <WinInet.h> is <wininet.h> (Windows' file names ignore case; Linux's do not). */
#ifndef WS2MP_FWD_WinInet_h
#define WS2MP_FWD_WinInet_h
#include "wininet.h"
#endif

/* ws2mp compat: <SDKDDKVer.h> is <sdkddkver.h> (Windows' file names ignore case; Linux's do not). */
#ifndef WS2MP_FWD_SDKDDKVer_h
#define WS2MP_FWD_SDKDDKVer_h
#include "sdkddkver.h"
#endif

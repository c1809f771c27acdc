/* ws2mp compat: <IPHlpApi.h> is <iphlpapi.h> (Windows' file names ignore case; Linux's do not). */
#ifndef WS2MP_FWD_IPHlpApi_h
#define WS2MP_FWD_IPHlpApi_h
#include "iphlpapi.h"
#endif

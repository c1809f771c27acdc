/* ws2mp compat: <Iphlpapi.h> is <iphlpapi.h> (Windows' file names ignore case; Linux's do not). */
#ifndef WS2MP_FWD_Iphlpapi_h
#define WS2MP_FWD_Iphlpapi_h
#include "iphlpapi.h"
#endif

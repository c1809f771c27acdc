/* ws2mp compat: <Psapi.h> is <psapi.h> (Windows' file names ignore case; Linux's do not). */
#ifndef WS2MP_FWD_Psapi_h
#define WS2MP_FWD_Psapi_h
#include "psapi.h"
#endif

/* ws2mp compat: <Shlwapi.h> is <shlwapi.h> (Windows' file names ignore case; Linux's do not). */
#ifndef WS2MP_FWD_Shlwapi_h
#define WS2MP_FWD_Shlwapi_h
#include "shlwapi.h"
#endif

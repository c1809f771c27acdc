/* ws2mp compat: <Urlmon.h> is <urlmon.h> (Windows' file names ignore case; Linux's do not). */
#ifndef WS2MP_FWD_Urlmon_h
#define WS2MP_FWD_Urlmon_h
#include "urlmon.h"
#endif

/* ws2mp compat: <UrlMon.h> is <urlmon.h> (Windows' file names ignore case; Linux's do not). */
#ifndef WS2MP_FWD_UrlMon_h
#define WS2MP_FWD_UrlMon_h
#include "urlmon.h"
#endif

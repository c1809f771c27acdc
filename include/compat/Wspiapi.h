/* ws2mp compat: <Wspiapi.h> is <wspiapi.h> (Windows' file names ignore case; Linux's do not). */
#ifndef WS2MP_FWD_Wspiapi_h
#define WS2MP_FWD_Wspiapi_h
#include "wspiapi.h"
#endif

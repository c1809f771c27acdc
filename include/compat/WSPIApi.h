/* ws2mp compat: <WSPIApi.h> is <wspiapi.h> (Windows' file names ignore case; Linux's do not). */
#ifndef WS2MP_FWD_WSPIApi_h
#define WS2MP_FWD_WSPIApi_h
#include "wspiapi.h"
#endif

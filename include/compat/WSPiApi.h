/* ws2mp compat: <WSPiApi.h> is <wspiapi.h> (Windows' file names ignore case; Linux's do not). */
#ifndef WS2MP_FWD_WSPiApi_h
#define WS2MP_FWD_WSPiApi_h
#include "wspiapi.h"
#endif

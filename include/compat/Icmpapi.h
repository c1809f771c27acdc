/* ws2mp compat: <Icmpapi.h> is <icmpapi.h> (Windows' file names ignore case; Linux's do not). */
#ifndef WS2MP_FWD_Icmpapi_h
#define WS2MP_FWD_Icmpapi_h
#include "icmpapi.h"
#endif

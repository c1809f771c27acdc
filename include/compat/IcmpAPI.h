/* ws2mp compat: <IcmpAPI.h> is <icmpapi.h> (Windows' file names ignore case; Linux's do not). */
#ifndef WS2MP_FWD_IcmpAPI_h
#define WS2MP_FWD_IcmpAPI_h
#include "icmpapi.h"
#endif

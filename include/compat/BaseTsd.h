/* ws2mp compat: <BaseTsd.h> is <basetsd.h> (Windows' file names ignore case; Linux's do not). */
#ifndef WS2MP_FWD_BaseTsd_h
#define WS2MP_FWD_BaseTsd_h
#include "basetsd.h"
#endif

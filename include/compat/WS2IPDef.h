/* ws2mp compat: <WS2IPDef.h> is <ws2ipdef.h> (Windows' file names ignore case; Linux's do not). */
#ifndef WS2MP_FWD_WS2IPDef_h
#define WS2MP_FWD_WS2IPDef_h
#include "ws2ipdef.h"
#endif

/* ws2mp compat: <ws2ipDef.h> is <ws2ipdef.h> (Windows' file names ignore case; Linux's do not). */
#ifndef WS2MP_FWD_ws2ipDef_h
#define WS2MP_FWD_ws2ipDef_h
#include "ws2ipdef.h"
#endif

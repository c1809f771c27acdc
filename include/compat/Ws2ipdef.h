/* ws2mp compat: <Ws2ipdef.h> is <ws2ipdef.h> (Windows' file names ignore case; Linux's do not). */
#ifndef WS2MP_FWD_Ws2ipdef_h
#define WS2MP_FWD_Ws2ipdef_h
#include "ws2ipdef.h"
#endif

/* ws2mp compat: <Ws2def.h> is <ws2def.h> (Windows' file names ignore case; Linux's do not). */
#ifndef WS2MP_FWD_Ws2def_h
#define WS2MP_FWD_Ws2def_h
#include "ws2def.h"
#endif

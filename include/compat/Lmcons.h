/* ws2mp compat: <Lmcons.h> is <lmcons.h> (Windows' file names ignore case; Linux's do not). */
#ifndef WS2MP_FWD_Lmcons_h
#define WS2MP_FWD_Lmcons_h
#include "lmcons.h"
#endif

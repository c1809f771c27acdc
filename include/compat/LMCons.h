/* ws2mp compat: <LMCons.h> is <lmcons.h> (Windows' file names ignore case; Linux's do not). */
#ifndef WS2MP_FWD_LMCons_h
#define WS2MP_FWD_LMCons_h
#include "lmcons.h"
#endif

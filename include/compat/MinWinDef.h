/* ws2mp compat: <MinWinDef.h> is <minwindef.h> (Windows' file names ignore case; Linux's do not). */
#ifndef WS2MP_FWD_MinWinDef_h
#define WS2MP_FWD_MinWinDef_h
#include "minwindef.h"
#endif

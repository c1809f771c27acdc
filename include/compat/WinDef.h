/* ws2mp compat: <WinDef.h> is <windef.h> (Windows' file names ignore case; Linux's do not). */
#ifndef WS2MP_FWD_WinDef_h
#define WS2MP_FWD_WinDef_h
#include "windef.h"
#endif

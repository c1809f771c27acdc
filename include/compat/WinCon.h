/* ws2mp compat: <WinCon.h> is <wincon.h> (Windows' file names ignore case; Linux's do not). */
#ifndef WS2MP_FWD_WinCon_h
#define WS2MP_FWD_WinCon_h
#include "wincon.h"
#endif

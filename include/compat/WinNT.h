/* ws2mp compat: <WinNT.h> is <winnt.h> (Windows' file names ignore case; Linux's do not). */
#ifndef WS2MP_FWD_WinNT_h
#define WS2MP_FWD_WinNT_h
#include "winnt.h"
#endif

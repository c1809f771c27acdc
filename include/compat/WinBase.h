/* ws2mp compat: <WinBase.h> is <winbase.h> (Windows' file names ignore case; Linux's do not). */
#ifndef WS2MP_FWD_WinBase_h
#define WS2MP_FWD_WinBase_h
#include "winbase.h"
#endif

/* ws2mp compat: <WinGDI.h> is <wingdi.h> (Windows' file names ignore case; Linux's do not). */
#ifndef WS2MP_FWD_WinGDI_h
#define WS2MP_FWD_WinGDI_h
#include "wingdi.h"
#endif

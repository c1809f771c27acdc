/* ws2mp compat: <WinReg.h> is <winreg.h> (Windows' file names ignore case; Linux's do not). */
#ifndef WS2MP_FWD_WinReg_h
#define WS2MP_FWD_WinReg_h
#include "winreg.h"
#endif

/* ws2mp compat: <WindowsX.h> is <windowsx.h> (Windows' file names ignore case; Linux's do not). */
#ifndef WS2MP_FWD_WindowsX_h
#define WS2MP_FWD_WindowsX_h
#include "windowsx.h"
#endif

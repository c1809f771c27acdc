/* ws2mp compat: <WinUser.h> is <winuser.h> (Windows' file names ignore case; Linux's do not). */
#ifndef WS2MP_FWD_WinUser_h
#define WS2MP_FWD_WinUser_h
#include "winuser.h"
#endif

/* ws2mp compat: <Windows.h> is <windows.h> (Windows' file names ignore case; Linux's do not). */
#ifndef WS2MP_FWD_Windows_h
#define WS2MP_FWD_Windows_h
#include "windows.h"
#endif

/* ws2mp compat: <wincon.h>: the console calls, types and constants ws2mp provides are in <windows.h> (<consoleapi.h>), which Windows' own windows.h includes it from. */
#ifndef WS2MP_COMPAT_WINCON_H
#define WS2MP_COMPAT_WINCON_H
#include "windows.h"
#endif

/* ws2mp compat: <windef.h>: its types, macros and functions that ws2mp provides are in <windows.h> (which Windows' own windows.h includes it from). */
#ifndef WS2MP_COMPAT_WINDEF_H
#define WS2MP_COMPAT_WINDEF_H
#include "windows.h"
#endif

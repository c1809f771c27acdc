/* ws2mp compat: <basetsd.h>: its types, macros and functions that ws2mp provides are in <windows.h> (which Windows' own windows.h includes it from). */
#ifndef WS2MP_COMPAT_BASETSD_H
#define WS2MP_COMPAT_BASETSD_H
#include "windows.h"
#endif

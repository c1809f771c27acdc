/* ws2mp compat: <minwindef.h>: its types, macros and functions that ws2mp provides are in <windows.h> (which Windows' own windows.h includes it from). */
#ifndef WS2MP_COMPAT_MINWINDEF_H
#define WS2MP_COMPAT_MINWINDEF_H
#include "windows.h"
#endif

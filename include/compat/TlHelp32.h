/* ws2mp compat: <TlHelp32.h> is <tlhelp32.h> (Windows' file names ignore case; Linux's do not). */
#ifndef WS2MP_FWD_TlHelp32_h
#define WS2MP_FWD_TlHelp32_h
#include "tlhelp32.h"
#endif

/* ws2mp compat: <ShlObj.h> is <shlobj.h> (Windows' file names ignore case; Linux's do not). */
#ifndef WS2MP_FWD_ShlObj_h
#define WS2MP_FWD_ShlObj_h
#include "shlobj.h"
#endif

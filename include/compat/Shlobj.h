/* ws2mp compat: <Shlobj.h> is <shlobj.h> (Windows' file names ignore case; Linux's do not). */
#ifndef WS2MP_FWD_Shlobj_h
#define WS2MP_FWD_Shlobj_h
#include "shlobj.h"
#endif

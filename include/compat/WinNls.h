/* ws2mp compat: <WinNls.h> is <winnls.h> (Windows' file names ignore case; Linux's do not). */
#ifndef WS2MP_FWD_WinNls_h
#define WS2MP_FWD_WinNls_h
#include "winnls.h"
#endif

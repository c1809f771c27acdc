/* ws2mp compat: <Wininet.h> is <wininet.h> (Windows' file names ignore case; Linux's do not). */
#ifndef WS2MP_FWD_Wininet_h
#define WS2MP_FWD_Wininet_h
#include "wininet.h"
#endif

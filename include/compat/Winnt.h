/* ws2mp compat: <Winnt.h> is <winnt.h> (Windows' file names ignore case; Linux's do not). */
#ifndef WS2MP_FWD_Winnt_h
#define WS2MP_FWD_Winnt_h
#include "winnt.h"
#endif

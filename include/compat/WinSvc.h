/* ws2mp compat: <WinSvc.h> is <winsvc.h> (Windows' file names ignore case; Linux's do not). */
#ifndef WS2MP_FWD_WinSvc_h
#define WS2MP_FWD_WinSvc_h
#include "winsvc.h"
#endif

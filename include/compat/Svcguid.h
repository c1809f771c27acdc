/* ws2mp compat: <Svcguid.h> is <svcguid.h> (Windows' file names ignore case; Linux's do not). */
#ifndef WS2MP_FWD_Svcguid_h
#define WS2MP_FWD_Svcguid_h
#include "svcguid.h"
#endif

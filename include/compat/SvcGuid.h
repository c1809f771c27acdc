/* ws2mp compat: <SvcGuid.h> is <svcguid.h> (Windows' file names ignore case; Linux's do not). */
#ifndef WS2MP_FWD_SvcGuid_h
#define WS2MP_FWD_SvcGuid_h
#include "svcguid.h"
#endif

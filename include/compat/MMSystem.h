/* ws2mp compat: <MMSystem.h> is <mmsystem.h> (Windows' file names ignore case; Linux's do not). */
#ifndef WS2MP_FWD_MMSystem_h
#define WS2MP_FWD_MMSystem_h
#include "mmsystem.h"
#endif

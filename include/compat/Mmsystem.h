/* ws2mp compat: <Mmsystem.h> is <mmsystem.h> (Windows' file names ignore case; Linux's do not). */
#ifndef WS2MP_FWD_Mmsystem_h
#define WS2MP_FWD_Mmsystem_h
#include "mmsystem.h"
#endif

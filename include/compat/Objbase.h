/* ws2mp compat: <Objbase.h> is <objbase.h> (Windows' file names ignore case; Linux's do not). */
#ifndef WS2MP_FWD_Objbase_h
#define WS2MP_FWD_Objbase_h
#include "objbase.h"
#endif

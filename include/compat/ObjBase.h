/* ws2mp compat: <ObjBase.h> is <objbase.h> (Windows' file names ignore case; Linux's do not). */
#ifndef WS2MP_FWD_ObjBase_h
#define WS2MP_FWD_ObjBase_h
#include "objbase.h"
#endif

/* ws2mp compat: <AtlConv.h> is <atlconv.h> (Windows' file names ignore case; Linux's do not). */
#ifndef WS2MP_FWD_AtlConv_h
#define WS2MP_FWD_AtlConv_h
#include "atlconv.h"
#endif

/* ws2mp compat: <IPTypes.h> is <iptypes.h> (Windows' file names ignore case; Linux's do not). */
#ifndef WS2MP_FWD_IPTypes_h
#define WS2MP_FWD_IPTypes_h
#include "iptypes.h"
#endif

/* ws2mp compat: <Mstcpip.h> is <mstcpip.h> (Windows' file names ignore case; Linux's do not). */
#ifndef WS2MP_FWD_Mstcpip_h
#define WS2MP_FWD_Mstcpip_h
#include "mstcpip.h"
#endif

/* ws2mp compat: <MSTcpIp.h> is <mstcpip.h> (Windows' file names ignore case; Linux's do not). */
#ifndef WS2MP_FWD_MSTcpIp_h
#define WS2MP_FWD_MSTcpIp_h
#include "mstcpip.h"
#endif

/* ws2mp compat: <MSTcpIP.h> is <mstcpip.h> (Windows' file names ignore case; Linux's do not). */
#ifndef WS2MP_FWD_MSTcpIP_h
#define WS2MP_FWD_MSTcpIP_h
#include "mstcpip.h"
#endif

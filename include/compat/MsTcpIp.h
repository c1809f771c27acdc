/* ws2mp compat: <MsTcpIp.h> is <mstcpip.h> (Windows' file names ignore case; Linux's do not). */
#ifndef WS2MP_FWD_MsTcpIp_h
#define WS2MP_FWD_MsTcpIp_h
#include "mstcpip.h"
#endif

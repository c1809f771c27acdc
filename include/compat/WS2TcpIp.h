/* ws2mp compat: <WS2TcpIp.h> is <ws2tcpip.h> (Windows' file names ignore case; Linux's do not). */
#ifndef WS2MP_FWD_WS2TcpIp_h
#define WS2MP_FWD_WS2TcpIp_h
#include "ws2tcpip.h"
#endif

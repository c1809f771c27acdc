/* ws2mp compat: <WS2tcpip.h> is <ws2tcpip.h> (Windows' file names ignore case; Linux's do not). */
#ifndef WS2MP_FWD_WS2tcpip_h
#define WS2MP_FWD_WS2tcpip_h
#include "ws2tcpip.h"
#endif

/* ws2mp compat: <WinSock2.h> is <winsock2.h> (Windows' file names ignore case; Linux's do not). */
#ifndef WS2MP_FWD_WinSock2_h
#define WS2MP_FWD_WinSock2_h
#include "winsock2.h"
#endif

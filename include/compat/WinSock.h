/* ws2mp compat: <WinSock.h> is <winsock.h> (Windows' file names ignore case; Linux's do not). */
#ifndef WS2MP_FWD_WinSock_h
#define WS2MP_FWD_WinSock_h
#include "winsock.h"
#endif

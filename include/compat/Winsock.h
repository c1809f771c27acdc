/* ws2mp compat: <Winsock.h> is <winsock.h> (Windows' file names ignore case; Linux's do not). */
#ifndef WS2MP_FWD_Winsock_h
#define WS2MP_FWD_Winsock_h
#include "winsock.h"
#endif

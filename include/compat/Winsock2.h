/* ws2mp compat: <Winsock2.h> is <winsock2.h> (Windows' file names ignore case; Linux's do not). */
#ifndef WS2MP_FWD_Winsock2_h
#define WS2MP_FWD_Winsock2_h
#include "winsock2.h"
#endif

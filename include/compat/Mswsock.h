/* ws2mp compat: <Mswsock.h> is <mswsock.h> (Windows' file names ignore case; Linux's do not). */
#ifndef WS2MP_FWD_Mswsock_h
#define WS2MP_FWD_Mswsock_h
#include "mswsock.h"
#endif

/* ws2mp compat: <MSWSOCK.h> is <mswsock.h> (Windows' file names ignore case; Linux's do not). */
#ifndef WS2MP_FWD_MSWSOCK_h
#define WS2MP_FWD_MSWSOCK_h
#include "mswsock.h"
#endif

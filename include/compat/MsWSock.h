/* ws2mp compat: <MsWSock.h> is <mswsock.h> (Windows' file names ignore case; Linux's do not). */
#ifndef WS2MP_FWD_MsWSock_h
#define WS2MP_FWD_MsWSock_h
#include "mswsock.h"
#endif

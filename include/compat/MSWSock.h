/* ws2mp compat: <MSWSock.h> is <mswsock.h> (Windows' file names ignore case; Linux's do not). */
#ifndef WS2MP_FWD_MSWSock_h
#define WS2MP_FWD_MSWSock_h
#include "mswsock.h"
#endif

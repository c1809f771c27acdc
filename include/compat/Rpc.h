/* ws2mp compat: <Rpc.h> is <rpc.h> (Windows' file names ignore case; Linux's do not). */
#ifndef WS2MP_FWD_Rpc_h
#define WS2MP_FWD_Rpc_h
#include "rpc.h"
#endif

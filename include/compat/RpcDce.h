/* ws2mp compat: <RpcDce.h> is <rpcdce.h> (Windows' file names ignore case; Linux's do not). */
#ifndef WS2MP_FWD_RpcDce_h
#define WS2MP_FWD_RpcDce_h
#include "rpcdce.h"
#endif

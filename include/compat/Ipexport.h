/* ws2mp compat: <Ipexport.h> is <ipexport.h> (Windows' file names ignore case; Linux's do not). */
#ifndef WS2MP_FWD_Ipexport_h
#define WS2MP_FWD_Ipexport_h
#include "ipexport.h"
#endif

/* ws2mp compat: <IPExport.h> is <ipexport.h> (Windows' file names ignore case; Linux's do not). */
#ifndef WS2MP_FWD_IPExport_h
#define WS2MP_FWD_IPExport_h
#include "ipexport.h"
#endif

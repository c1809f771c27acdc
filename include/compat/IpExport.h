/* ws2mp compat: <IpExport.h> is <ipexport.h> (Windows' file names ignore case; Linux's do not). */
#ifndef WS2MP_FWD_IpExport_h
#define WS2MP_FWD_IpExport_h
#include "ipexport.h"
#endif

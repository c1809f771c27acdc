/* ws2mp compat: <Dbghelp.h> is <dbghelp.h> (Windows' file names ignore case; Linux's do not). */
#ifndef WS2MP_FWD_Dbghelp_h
#define WS2MP_FWD_Dbghelp_h
#include "dbghelp.h"
#endif

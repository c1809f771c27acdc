/* ws2mp compat: <DbgHelp.h> is <dbghelp.h> (Windows' file names ignore case; Linux's do not). */
#ifndef WS2MP_FWD_DbgHelp_h
#define WS2MP_FWD_DbgHelp_h
#include "dbghelp.h"
#endif

/* ws2mp compat: <Tchar.h> is <tchar.h> (Windows' file names ignore case; Linux's do not). */
#ifndef WS2MP_FWD_TCHAR_H
#define WS2MP_FWD_TCHAR_H
#include "tchar.h"
#endif

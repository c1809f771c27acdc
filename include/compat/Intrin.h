/* ws2mp compat: <Intrin.h> is <intrin.h> (Windows' file names ignore case; Linux's do not). */
#ifndef WS2MP_FWD_Intrin_h
#define WS2MP_FWD_Intrin_h
#include "intrin.h"
#endif

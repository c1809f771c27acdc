/* ws2mp compat: <Versionhelpers.h> is <versionhelpers.h> (Windows' file names ignore case; Linux's do not). */
#ifndef WS2MP_FWD_Versionhelpers_h
#define WS2MP_FWD_Versionhelpers_h
#include "versionhelpers.h"
#endif

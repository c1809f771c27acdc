/* ws2mp compat: <VersionHelpers.h> is <versionhelpers.h> (Windows' file names ignore case; Linux's do not). */
#ifndef WS2MP_FWD_VersionHelpers_h
#define WS2MP_FWD_VersionHelpers_h
#include "versionhelpers.h"
#endif

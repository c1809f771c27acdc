/* ws2mp compat: <WinCrypt.h> is <wincrypt.h> (Windows' file names ignore case; Linux's do not). */
#ifndef WS2MP_FWD_WinCrypt_h
#define WS2MP_FWD_WinCrypt_h
#include "wincrypt.h"
#endif

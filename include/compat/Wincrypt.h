/* ws2mp compat: <Wincrypt.h> is <wincrypt.h> (Windows' file names ignore case; Linux's do not). */
#ifndef WS2MP_FWD_Wincrypt_h
#define WS2MP_FWD_Wincrypt_h
#include "wincrypt.h"
#endif

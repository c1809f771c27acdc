/* ws2mp compat: <Bcrypt.h> is <bcrypt.h> (Windows' file names ignore case; Linux's do not). */
#ifndef WS2MP_FWD_Bcrypt_h
#define WS2MP_FWD_Bcrypt_h
#include "bcrypt.h"
#endif

/* ws2mp compat: <BCrypt.h> is <bcrypt.h> (Windows' file names ignore case; Linux's do not). */
#ifndef WS2MP_FWD_BCrypt_h
#define WS2MP_FWD_BCrypt_h
#include "bcrypt.h"
#endif

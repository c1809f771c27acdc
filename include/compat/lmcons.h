/* ws2mp compat: <lmcons.h>: UNLEN, GNLEN, CNLEN (for GetUserName's buffer) are in <windows.h>. */
#ifndef WS2MP_COMPAT_LMCONS_H
#define WS2MP_COMPAT_LMCONS_H
#include "windows.h"
#endif

/* ws2mp compat: <timeapi.h> (Windows 10 SDK): timeGetTime & co., as <mmsystem.h>. */
#ifndef WS2MP_COMPAT_TIMEAPI_H
#define WS2MP_COMPAT_TIMEAPI_H
#include "mmsystem.h"
#endif

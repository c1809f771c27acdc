/* ws2mp compat: <ws2def.h>: the Winsock 2 definitions (address families, SOCKADDR, WSABUF, WSAMSG, ...) are all in <winsock2.h>, as Windows' winsock2.h includes ws2def.h. */
#ifndef WS2MP_COMPAT_WS2DEF_H
#define WS2MP_COMPAT_WS2DEF_H
#include "winsock2.h"
#endif

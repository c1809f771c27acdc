/* ws2mp compat: <inaddr.h>: IN_ADDR is in <winsock2.h>. */
#ifndef WS2MP_COMPAT_INADDR_H
#define WS2MP_COMPAT_INADDR_H
#include "winsock2.h"
#endif

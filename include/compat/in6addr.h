/* ws2mp compat: <in6addr.h>: IN6_ADDR is in <winsock2.h>. */
#ifndef WS2MP_COMPAT_IN6ADDR_H
#define WS2MP_COMPAT_IN6ADDR_H
#include "winsock2.h"
#endif

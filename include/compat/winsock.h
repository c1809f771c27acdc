/*
 * ws2mp compat: <winsock.h>. Winsock 1.1 programs include this header; Winsock 2 is a superset
 * of 1.1 with the same names and values, so it forwards to <winsock2.h>.
 */
#ifndef WS2MP_COMPAT_WINSOCK_H
#define WS2MP_COMPAT_WINSOCK_H

#include "winsock2.h"

#endif /* WS2MP_COMPAT_WINSOCK_H */

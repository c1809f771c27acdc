/*
 * ws2mp compat: a small <windows.h> for network programs. It provides the Windows base types
 * and calling-convention macros by way of <winsock2.h> (real windows.h pulls in the Winsock
 * declarations too). Only what Winsock programs commonly use is here; docs/PORTING.md lists it.
 */
#ifndef WS2MP_COMPAT_WINDOWS_H
#define WS2MP_COMPAT_WINDOWS_H

#include "winsock2.h"

#endif /* WS2MP_COMPAT_WINDOWS_H */

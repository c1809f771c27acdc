/*
 * ws2mp compat: <specstrings.h>, the older name of the annotation header: see <sal.h>.
 */
#ifndef WS2MP_COMPAT_SPECSTRINGS_H
#define WS2MP_COMPAT_SPECSTRINGS_H
#include "sal.h"
#endif

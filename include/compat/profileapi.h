/*
 * ws2mp compat: <profileapi.h>: the performance counter.
 *
 * QueryPerformanceCounter and QueryPerformanceFrequency are exported by libws2mp (declared in
 * ws2mp.h with `void *` for the LARGE_INTEGER they fill). The counter is the monotonic clock in
 * 100 ns ticks; the frequency is always 10,000,000, as on Windows 10 and later.
 */
#ifndef WS2MP_COMPAT_PROFILEAPI_H
#define WS2MP_COMPAT_PROFILEAPI_H

#include "windows.h"

#endif /* WS2MP_COMPAT_PROFILEAPI_H */

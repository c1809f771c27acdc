/*
 * ws2mp compat: <mmsystem.h>: the multimedia timer functions network programs use for timing.
 *
 * timeGetTime is GetTickCount (milliseconds on the monotonic clock, wrapping after 49.7 days
 * as on Windows). timeBeginPeriod and timeEndPeriod succeed and change nothing: the clock's
 * resolution is already better than 1 ms. No sound, joystick or MCI functions.
 */
#ifndef WS2MP_COMPAT_MMSYSTEM_H
#define WS2MP_COMPAT_MMSYSTEM_H

#include "windows.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef UINT MMRESULT;
#define TIMERR_NOERROR 0
#define TIMERR_NOCANDO 97
#define TIMERR_BASE 96

typedef struct timecaps_tag {
    UINT wPeriodMin;
    UINT wPeriodMax;
} TIMECAPS, *PTIMECAPS, *LPTIMECAPS;

static inline DWORD timeGetTime(void)
{
    return GetTickCount();
}

static inline MMRESULT timeBeginPeriod(UINT uPeriod)
{
    return uPeriod == 0 ? (MMRESULT)TIMERR_NOCANDO : (MMRESULT)TIMERR_NOERROR;
}

static inline MMRESULT timeEndPeriod(UINT uPeriod)
{
    return uPeriod == 0 ? (MMRESULT)TIMERR_NOCANDO : (MMRESULT)TIMERR_NOERROR;
}

static inline MMRESULT timeGetDevCaps(LPTIMECAPS ptc, UINT cbtc)
{
    if (ptc == NULL || cbtc < sizeof(TIMECAPS))
        return (MMRESULT)TIMERR_NOCANDO;
    ptc->wPeriodMin = 1;
    ptc->wPeriodMax = 1000000;
    return (MMRESULT)TIMERR_NOERROR;
}

#ifdef __cplusplus
}
#endif

#endif /* WS2MP_COMPAT_MMSYSTEM_H */

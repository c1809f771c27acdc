/*
 * ws2mp compat: <mmsystem.h>: the multimedia timer functions network programs use for timing.
 *
 * timeGetTime is GetTickCount (milliseconds on the monotonic clock, wrapping after 49.7 days
 * as on Windows). timeBeginPeriod and timeEndPeriod succeed and change nothing: the clock's
 * resolution is already better than 1 ms. timeSetEvent / timeKillEvent (exported by
 * libws2mp, declared in ws2mp.h with LPTIMECALLBACK) run one-shot or periodic timers on one
 * timer thread of ws2mp's, as Windows runs them on one thread: the callback gets the timer's
 * id and dwUser (uMsg, dw1, dw2 are 0), or the event handle given as lpTimeProc is set or
 * pulsed; timeKillEvent returns once the callback is not running (TIME_KILL_SYNCHRONOUS is
 * what it always does). No sound, joystick or MCI functions.
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
#ifndef MMSYSERR_NOERROR
#define MMSYSERR_NOERROR 0
#define MMSYSERR_INVALPARAM 11
#endif
#define TIME_ONESHOT 0x0000
#define TIME_PERIODIC 0x0001
#define TIME_CALLBACK_FUNCTION 0x0000
#define TIME_CALLBACK_EVENT_SET 0x0010
#define TIME_CALLBACK_EVENT_PULSE 0x0020
#define TIME_KILL_SYNCHRONOUS 0x0100

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

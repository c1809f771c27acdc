//! `timeSetEvent` / `timeKillEvent` (`<mmsystem.h>`) over `win32::mm_timer`: a callback run on
//! ws2mp's timer thread, or an event set or pulsed, once or periodically.

use crate::win32::mm_timer;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::Duration;

/// A multimedia timer's callback: `(uTimerID, uMsg, dwUser, dw1, dw2)`; `uMsg`, `dw1` and
/// `dw2` are 0.
pub type LPTIMECALLBACK = Option<unsafe extern "C" fn(u32, u32, usize, usize, usize)>;

const TIME_PERIODIC: u32 = 0x0001;
const TIME_CALLBACK_EVENT_SET: u32 = 0x0010;
const TIME_CALLBACK_EVENT_PULSE: u32 = 0x0020;
/// The longest delay `timeGetDevCaps` reports (`wPeriodMax`), in milliseconds.
const MAX_DELAY_MS: u32 = 1_000_000;
const TIMERR_NOERROR: u32 = 0;
const MMSYSERR_INVALPARAM: u32 = 11;

/// Starts a timer due in `uDelay` milliseconds (1 to 1,000,000): `TIME_ONESHOT` (0) or
/// `TIME_PERIODIC` (every `uDelay` ms until `timeKillEvent`). With `TIME_CALLBACK_FUNCTION`
/// (0) `lpTimeProc` is called on ws2mp's timer thread with the timer's id and `dwUser`; with
/// `TIME_CALLBACK_EVENT_SET` / `TIME_CALLBACK_EVENT_PULSE` `lpTimeProc` is an event handle
/// that is set / pulsed. `uResolution` is not needed (the clock is finer than 1 ms);
/// `TIME_KILL_SYNCHRONOUS` is what `timeKillEvent` always does. Returns the timer's id, or 0.
#[no_mangle]
pub extern "C" fn timeSetEvent(
    uDelay: u32,
    uResolution: u32,
    lpTimeProc: LPTIMECALLBACK,
    dwUser: usize,
    fuEvent: u32,
) -> u32 {
    let _ = uResolution;
    if uDelay == 0 || uDelay > MAX_DELAY_MS {
        return 0;
    }
    let delay = Duration::from_millis(u64::from(uDelay));
    let periodic = fuEvent & TIME_PERIODIC != 0;
    let started = catch_unwind(AssertUnwindSafe(|| {
        match fuEvent & (TIME_CALLBACK_EVENT_SET | TIME_CALLBACK_EVENT_PULSE) {
            0 => {
                let callback = lpTimeProc?;
                mm_timer::start(delay, periodic, |id| {
                    Box::new(move || {
                        // SAFETY: the program gave this function for its timer, with the
                        // multimedia timer callback's signature.
                        unsafe { callback(id, 0, dwUser, 0, 0) }
                    })
                })
            }
            mode @ (TIME_CALLBACK_EVENT_SET | TIME_CALLBACK_EVENT_PULSE) => {
                // The event handle travels in the callback parameter, as on Windows.
                let event = lpTimeProc.map_or(0, |f| f as usize);
                let pulse = mode == TIME_CALLBACK_EVENT_PULSE;
                crate::handle::events::lookup(event).ok()?;
                mm_timer::start(delay, periodic, move |_| {
                    Box::new(move || {
                        if pulse {
                            super::win32_sync::PulseEvent(event as *mut std::os::raw::c_void);
                        } else {
                            super::win32_sync::SetEvent(event as *mut std::os::raw::c_void);
                        }
                    })
                })
            }
            _ => None,
        }
    }));
    started.ok().flatten().unwrap_or(0)
}

/// Stops a timer: `TIMERR_NOERROR`, or `MMSYSERR_INVALPARAM` for an id that is no timer (a
/// one-shot timer that already fired included). When it returns, the timer's callback is not
/// running and will not run again (unless called from that callback).
#[no_mangle]
pub extern "C" fn timeKillEvent(uTimerID: u32) -> u32 {
    match catch_unwind(|| mm_timer::kill(uTimerID)) {
        Ok(true) => TIMERR_NOERROR,
        _ => MMSYSERR_INVALPARAM,
    }
}

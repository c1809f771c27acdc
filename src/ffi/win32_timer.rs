//! Waitable timers: `CreateWaitableTimer(Ex)A/W`, `OpenWaitableTimerA/W`, `SetWaitableTimer(Ex)`,
//! `CancelWaitableTimer` (the logic is `crate::handle::timer`). A timer handle works in every
//! wait and closes with `CloseHandle`; names share the namespace of events, mutexes and
//! semaphores (process-wide).

use super::call;
use super::win32_sync::{create, name_a, name_w, open};
use crate::handle::timer::{self, CompletionRoutine, Due};
use crate::handle::{codes, err, table, Kind};
use std::os::raw::{c_char, c_void};
use std::sync::Arc;

/// A timer's completion routine: `VOID CALLBACK f(LPVOID lpArgToCompletionRoutine,
/// DWORD dwTimerLowValue, DWORD dwTimerHighValue)`.
pub type PTIMERAPCROUTINE = Option<unsafe extern "C" fn(*mut c_void, u32, u32)>;

/// `CREATE_WAITABLE_TIMER_MANUAL_RESET`.
const MANUAL_RESET: u32 = 0x1;
/// `CREATE_WAITABLE_TIMER_HIGH_RESOLUTION` (accepted: every timer here has the system's
/// resolution).
const HIGH_RESOLUTION: u32 = 0x2;

fn is_timer(k: &Kind) -> bool {
    matches!(k, Kind::Timer(_))
}

fn new_timer(
    manual: bool,
) -> impl FnOnce(Option<String>) -> crate::error::WsaResult<Arc<crate::handle::Object>> {
    move |name| timer::new_timer(manual, name)
}

/// Creates a waitable timer, not set and not signalled: a manual-reset ("notification")
/// timer (`bManualReset` TRUE) stays signalled from its due time until it is set again; a
/// synchronization timer is taken by one wait, which resets it. `lpTimerAttributes` is
/// ignored. With a name already in use by a timer, that timer is opened and the last error is
/// `ERROR_ALREADY_EXISTS` (0 otherwise). Returns the handle, or NULL with
/// `ERROR_INVALID_HANDLE` (the name is another kind of object's) or `ERROR_NOT_ENOUGH_MEMORY`.
///
/// # Safety
/// `lpTimerName` must be NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn CreateWaitableTimerA(
    lpTimerAttributes: *mut c_void,
    bManualReset: i32,
    lpTimerName: *const c_char,
) -> *mut c_void {
    let _ = lpTimerAttributes;
    call(std::ptr::null_mut(), || {
        // SAFETY: caller guarantee.
        let name = unsafe { name_a(lpTimerName) };
        create(name, is_timer, new_timer(bManualReset != 0))
    })
}

/// `CreateWaitableTimerA` with a UTF-16 name.
///
/// # Safety
/// `lpTimerName` must be NULL or a NUL-terminated UTF-16 string.
#[no_mangle]
pub unsafe extern "C" fn CreateWaitableTimerW(
    lpTimerAttributes: *mut c_void,
    bManualReset: i32,
    lpTimerName: *const u16,
) -> *mut c_void {
    let _ = lpTimerAttributes;
    call(std::ptr::null_mut(), || {
        // SAFETY: caller guarantee.
        let name = unsafe { name_w(lpTimerName) };
        create(name, is_timer, new_timer(bManualReset != 0))
    })
}

/// `CreateWaitableTimerA` with flags: `CREATE_WAITABLE_TIMER_MANUAL_RESET` (a manual-reset
/// timer), `CREATE_WAITABLE_TIMER_HIGH_RESOLUTION` (accepted). Other flags →
/// `ERROR_INVALID_PARAMETER`. `dwDesiredAccess` is ignored.
///
/// # Safety
/// `lpTimerName` must be NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn CreateWaitableTimerExA(
    lpTimerAttributes: *mut c_void,
    lpTimerName: *const c_char,
    dwFlags: u32,
    dwDesiredAccess: u32,
) -> *mut c_void {
    let _ = (lpTimerAttributes, dwDesiredAccess);
    call(std::ptr::null_mut(), || {
        if dwFlags & !(MANUAL_RESET | HIGH_RESOLUTION) != 0 {
            return Err(err(codes::ERROR_INVALID_PARAMETER));
        }
        // SAFETY: caller guarantee.
        let name = unsafe { name_a(lpTimerName) };
        create(name, is_timer, new_timer(dwFlags & MANUAL_RESET != 0))
    })
}

/// `CreateWaitableTimerExA` with a UTF-16 name.
///
/// # Safety
/// `lpTimerName` must be NULL or a NUL-terminated UTF-16 string.
#[no_mangle]
pub unsafe extern "C" fn CreateWaitableTimerExW(
    lpTimerAttributes: *mut c_void,
    lpTimerName: *const u16,
    dwFlags: u32,
    dwDesiredAccess: u32,
) -> *mut c_void {
    let _ = (lpTimerAttributes, dwDesiredAccess);
    call(std::ptr::null_mut(), || {
        if dwFlags & !(MANUAL_RESET | HIGH_RESOLUTION) != 0 {
            return Err(err(codes::ERROR_INVALID_PARAMETER));
        }
        // SAFETY: caller guarantee.
        let name = unsafe { name_w(lpTimerName) };
        create(name, is_timer, new_timer(dwFlags & MANUAL_RESET != 0))
    })
}

/// Opens a new handle to the named timer. Returns NULL with `ERROR_FILE_NOT_FOUND` (no such
/// name), `ERROR_INVALID_HANDLE` (the name is another kind of object's) or
/// `ERROR_INVALID_PARAMETER` (NULL name) or `ERROR_ACCESS_DENIED` (`dwDesiredAccess` 0). Other
/// access rights and inheritance are ignored.
///
/// # Safety
/// `lpTimerName` must be NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn OpenWaitableTimerA(
    dwDesiredAccess: u32,
    bInheritHandle: i32,
    lpTimerName: *const c_char,
) -> *mut c_void {
    let _ = bInheritHandle;
    // SAFETY: caller guarantee.
    call(std::ptr::null_mut(), || {
        open(unsafe { name_a(lpTimerName) }, is_timer, dwDesiredAccess)
    })
}

/// `OpenWaitableTimerA` with a UTF-16 name.
///
/// # Safety
/// `lpTimerName` must be NULL or a NUL-terminated UTF-16 string.
#[no_mangle]
pub unsafe extern "C" fn OpenWaitableTimerW(
    dwDesiredAccess: u32,
    bInheritHandle: i32,
    lpTimerName: *const u16,
) -> *mut c_void {
    let _ = bInheritHandle;
    // SAFETY: caller guarantee.
    call(std::ptr::null_mut(), || {
        open(unsafe { name_w(lpTimerName) }, is_timer, dwDesiredAccess)
    })
}

/// The body of `SetWaitableTimer(Ex)`.
///
/// # Safety
/// As `SetWaitableTimer`.
unsafe fn set(
    hTimer: *mut c_void,
    lpDueTime: *const c_void,
    lPeriod: i32,
    pfnCompletionRoutine: PTIMERAPCROUTINE,
    lpArgToCompletionRoutine: *mut c_void,
) -> i32 {
    call(0, || {
        let object = table::get(hTimer as usize)?;
        if lpDueTime.is_null() {
            return Err(err(codes::ERROR_NOACCESS));
        }
        // SAFETY: caller guarantee: a readable LARGE_INTEGER (read unaligned: a program may
        // keep it packed).
        let due = unsafe { lpDueTime.cast::<i64>().read_unaligned() };
        let arg = lpArgToCompletionRoutine as usize;
        let routine = pfnCompletionRoutine.map(|f| -> CompletionRoutine {
            // SAFETY: the program gave this routine for this argument; it runs on the thread
            // that set the timer, inside its alertable waits.
            Arc::new(move |low, high| unsafe { f(arg as *mut c_void, low, high) })
        });
        timer::set(&object, Due::from_raw(due), lPeriod, routine)?;
        Ok(1)
    })
}

/// Sets a timer: it becomes not signalled, forgets an earlier setting, and is signalled at
/// `*lpDueTime` (100 ns units: negative, that long from now; positive, an absolute UTC
/// `FILETIME`, measured against the system clock when the call is made; a time already past
/// signals it at once), then every `lPeriod` milliseconds if `lPeriod` is above 0 (periods the
/// process could not keep up with are skipped, not made up for). `pfnCompletionRoutine`, if
/// not NULL, is queued as an APC to the calling thread each time the timer is signalled (at
/// most one at a time: a periodic timer whose routine has not run yet queues no second one),
/// and runs there during an alertable wait with `lpArgToCompletionRoutine` and the `FILETIME`
/// of the signal, low half first. `fResume` is ignored (nothing is suspended here).
///
/// Returns TRUE, or FALSE with `ERROR_INVALID_HANDLE` (not a timer handle),
/// `ERROR_INVALID_PARAMETER` (`lPeriod` < 0) or `ERROR_NOACCESS` (NULL `lpDueTime`).
///
/// # Safety
/// `lpDueTime` must be NULL or point to a readable `LARGE_INTEGER`; the routine must be
/// callable with the argument on the calling thread.
#[no_mangle]
pub unsafe extern "C" fn SetWaitableTimer(
    hTimer: *mut c_void,
    lpDueTime: *const c_void,
    lPeriod: i32,
    pfnCompletionRoutine: PTIMERAPCROUTINE,
    lpArgToCompletionRoutine: *mut c_void,
    fResume: i32,
) -> i32 {
    let _ = fResume;
    // SAFETY: caller guarantee.
    unsafe {
        set(
            hTimer,
            lpDueTime,
            lPeriod,
            pfnCompletionRoutine,
            lpArgToCompletionRoutine,
        )
    }
}

/// `SetWaitableTimer` with a wake context and a tolerable delay, both ignored (the timer is
/// signalled as soon as it is due).
///
/// # Safety
/// As `SetWaitableTimer`.
#[no_mangle]
pub unsafe extern "C" fn SetWaitableTimerEx(
    hTimer: *mut c_void,
    lpDueTime: *const c_void,
    lPeriod: i32,
    pfnCompletionRoutine: PTIMERAPCROUTINE,
    lpArgToCompletionRoutine: *mut c_void,
    WakeContext: *mut c_void,
    TolerableDelay: u32,
) -> i32 {
    let _ = (WakeContext, TolerableDelay);
    // SAFETY: caller guarantee.
    unsafe {
        set(
            hTimer,
            lpDueTime,
            lPeriod,
            pfnCompletionRoutine,
            lpArgToCompletionRoutine,
        )
    }
}

/// Stops a timer before its next due time; a completion routine of it still queued does not
/// run. The signalled state does not change (a signalled timer stays signalled). Returns
/// TRUE, or FALSE with `ERROR_INVALID_HANDLE` (not a timer handle).
#[no_mangle]
pub extern "C" fn CancelWaitableTimer(hTimer: *mut c_void) -> i32 {
    call(0, || {
        timer::cancel(&*table::get(hTimer as usize)?)?;
        Ok(1)
    })
}

//! Slim reader/writer locks and condition variables: `InitializeSRWLock`,
//! `AcquireSRWLockExclusive`/`Shared`, `TryAcquireSRWLockExclusive`/`Shared`,
//! `ReleaseSRWLockExclusive`/`Shared`, `InitializeConditionVariable`,
//! `SleepConditionVariableCS`/`SRW`, `WakeConditionVariable`, `WakeAllConditionVariable`.
//!
//! `SRWLOCK` and `CONDITION_VARIABLE` are one pointer-sized word each, zero when unused, in the
//! program's memory (static, on the stack or in its structures), as on Windows; there is no
//! delete function. The logic is in `sys::srw`.

use super::win32_critical::{ws2mp_critical_section, EnterCriticalSection, LeaveCriticalSection};
use crate::sys::srw;
use std::os::raw::c_void;
use std::sync::atomic::AtomicUsize;
use std::time::Duration;

/// `ERROR_TIMEOUT`: the condition variable's wait ran out.
const ERROR_TIMEOUT: i32 = 1460;
/// `CONDITION_VARIABLE_LOCKMODE_SHARED`.
const LOCKMODE_SHARED: u32 = 1;

/// The program's word as an atomic; None for NULL.
///
/// # Safety
/// `p` must be NULL or point to a pointer-sized, pointer-aligned word that stays valid while
/// the call runs and is only used through these functions.
unsafe fn word<'a>(p: *mut c_void) -> Option<&'a AtomicUsize> {
    // SAFETY: caller guarantee; AtomicUsize has usize's size and alignment.
    unsafe { (p as *const AtomicUsize).as_ref() }
}

fn timeout_of(ms: u32) -> Option<Duration> {
    (ms != u32::MAX).then(|| Duration::from_millis(u64::from(ms)))
}

/// Sets an `SRWLOCK` (or a `CONDITION_VARIABLE`) to its unused state, zero.
///
/// # Safety
/// `SRWLock` must be NULL or point to a writable `SRWLOCK` no thread is using.
#[no_mangle]
pub unsafe extern "C" fn InitializeSRWLock(SRWLock: *mut c_void) {
    // SAFETY: caller guarantee.
    if let Some(w) = unsafe { word(SRWLock) } {
        w.store(0, std::sync::atomic::Ordering::Release);
    }
}

/// Takes the lock exclusively, waiting while any thread holds it. Not recursive: a thread that
/// already holds it waits forever, as on Windows.
///
/// # Safety
/// `SRWLock` must point to an `SRWLOCK` (NULL is ignored).
#[no_mangle]
pub unsafe extern "C" fn AcquireSRWLockExclusive(SRWLock: *mut c_void) {
    // SAFETY: caller guarantee.
    if let Some(w) = unsafe { word(SRWLock) } {
        srw::exclusive(w);
    }
}

/// Takes the lock shared, waiting while a thread holds it exclusively.
///
/// # Safety
/// `SRWLock` must point to an `SRWLOCK` (NULL is ignored).
#[no_mangle]
pub unsafe extern "C" fn AcquireSRWLockShared(SRWLock: *mut c_void) {
    // SAFETY: caller guarantee.
    if let Some(w) = unsafe { word(SRWLock) } {
        srw::shared(w);
    }
}

/// Takes the lock exclusively if no thread holds it: TRUE (1), else FALSE (0).
///
/// # Safety
/// `SRWLock` must point to an `SRWLOCK` (NULL: FALSE).
#[no_mangle]
pub unsafe extern "C" fn TryAcquireSRWLockExclusive(SRWLock: *mut c_void) -> u8 {
    // SAFETY: caller guarantee.
    unsafe { word(SRWLock) }.is_some_and(srw::try_exclusive) as u8
}

/// Takes the lock shared unless a thread holds it exclusively: TRUE (1), else FALSE (0).
///
/// # Safety
/// `SRWLock` must point to an `SRWLOCK` (NULL: FALSE).
#[no_mangle]
pub unsafe extern "C" fn TryAcquireSRWLockShared(SRWLock: *mut c_void) -> u8 {
    // SAFETY: caller guarantee.
    unsafe { word(SRWLock) }.is_some_and(srw::try_shared) as u8
}

/// Releases an exclusive hold.
///
/// # Safety
/// `SRWLock` must point to an `SRWLOCK` the caller holds exclusively (NULL is ignored).
#[no_mangle]
pub unsafe extern "C" fn ReleaseSRWLockExclusive(SRWLock: *mut c_void) {
    // SAFETY: caller guarantee.
    if let Some(w) = unsafe { word(SRWLock) } {
        srw::release_exclusive(w);
    }
}

/// Releases a shared hold.
///
/// # Safety
/// `SRWLock` must point to an `SRWLOCK` the caller holds shared (NULL is ignored).
#[no_mangle]
pub unsafe extern "C" fn ReleaseSRWLockShared(SRWLock: *mut c_void) {
    // SAFETY: caller guarantee.
    if let Some(w) = unsafe { word(SRWLock) } {
        srw::release_shared(w);
    }
}

/// Sets a `CONDITION_VARIABLE` to its unused state, zero.
///
/// # Safety
/// `ConditionVariable` must be NULL or point to a writable `CONDITION_VARIABLE` no thread uses.
#[no_mangle]
pub unsafe extern "C" fn InitializeConditionVariable(ConditionVariable: *mut c_void) {
    // SAFETY: caller guarantee.
    unsafe { InitializeSRWLock(ConditionVariable) };
}

/// Leaves the critical section (entered once by the caller), waits for a wake-up or
/// `dwMilliseconds` (`INFINITE`: none), and enters it again. TRUE after a wake-up (which may be
/// spurious, as on Windows); FALSE with `ERROR_TIMEOUT` when the time ran out;
/// `ERROR_INVALID_PARAMETER` for NULL.
///
/// # Safety
/// `ConditionVariable` must point to a `CONDITION_VARIABLE`; `CriticalSection` to an initialised
/// critical section the caller has entered.
#[no_mangle]
pub unsafe extern "C" fn SleepConditionVariableCS(
    ConditionVariable: *mut c_void,
    CriticalSection: *mut ws2mp_critical_section,
    dwMilliseconds: u32,
) -> i32 {
    // SAFETY: caller guarantee.
    let Some(cv) = (unsafe { word(ConditionVariable) }) else {
        crate::error::set_last_error(87);
        return 0;
    };
    if CriticalSection.is_null() {
        crate::error::set_last_error(87);
        return 0;
    }
    let woken = srw::sleep(
        cv,
        timeout_of(dwMilliseconds),
        // SAFETY: caller guarantee (the caller holds the section).
        || unsafe { LeaveCriticalSection(CriticalSection) },
        // SAFETY: caller guarantee.
        || unsafe { EnterCriticalSection(CriticalSection) },
    );
    if woken {
        1
    } else {
        crate::error::set_last_error(ERROR_TIMEOUT);
        0
    }
}

/// `SleepConditionVariableCS` over an `SRWLOCK` held exclusively, or shared when `Flags` is
/// `CONDITION_VARIABLE_LOCKMODE_SHARED`.
///
/// # Safety
/// `ConditionVariable` must point to a `CONDITION_VARIABLE`; `SRWLock` to an `SRWLOCK` the
/// caller holds in the mode `Flags` names.
#[no_mangle]
pub unsafe extern "C" fn SleepConditionVariableSRW(
    ConditionVariable: *mut c_void,
    SRWLock: *mut c_void,
    dwMilliseconds: u32,
    Flags: u32,
) -> i32 {
    // SAFETY: caller guarantee.
    let (Some(cv), Some(lock)) = (unsafe { word(ConditionVariable) }, unsafe { word(SRWLock) })
    else {
        crate::error::set_last_error(87);
        return 0;
    };
    let shared = Flags & LOCKMODE_SHARED != 0;
    let woken = srw::sleep(
        cv,
        timeout_of(dwMilliseconds),
        || {
            if shared {
                srw::release_shared(lock)
            } else {
                srw::release_exclusive(lock)
            }
        },
        || {
            if shared {
                srw::shared(lock)
            } else {
                srw::exclusive(lock)
            }
        },
    );
    if woken {
        1
    } else {
        crate::error::set_last_error(ERROR_TIMEOUT);
        0
    }
}

/// Wakes one thread sleeping on the condition variable (none: nothing happens).
///
/// # Safety
/// `ConditionVariable` must point to a `CONDITION_VARIABLE` (NULL is ignored).
#[no_mangle]
pub unsafe extern "C" fn WakeConditionVariable(ConditionVariable: *mut c_void) {
    // SAFETY: caller guarantee.
    if let Some(cv) = unsafe { word(ConditionVariable) } {
        srw::wake(cv, false);
    }
}

/// Wakes every thread sleeping on the condition variable.
///
/// # Safety
/// `ConditionVariable` must point to a `CONDITION_VARIABLE` (NULL is ignored).
#[no_mangle]
pub unsafe extern "C" fn WakeAllConditionVariable(ConditionVariable: *mut c_void) {
    // SAFETY: caller guarantee.
    if let Some(cv) = unsafe { word(ConditionVariable) } {
        srw::wake(cv, true);
    }
}

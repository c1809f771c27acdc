//! Critical sections: `InitializeCriticalSection(AndSpinCount)`, `EnterCriticalSection`,
//! `TryEnterCriticalSection`, `LeaveCriticalSection`, `DeleteCriticalSection`.
//!
//! `CRITICAL_SECTION` is [`ws2mp_critical_section`]: Windows' public fields first (so code that
//! reads `RecursionCount` or `OwningThread` still compiles and sees meaningful values), then 64
//! bytes holding a recursive pthread mutex in place (a pthread mutex takes 40 bytes on Linux
//! x86-64, 48 on Linux arm64, 64 on macOS). The program owns the storage (static, on its stack,
//! or in its own structures); like on Windows it must not be moved or copied once initialised.

use crate::handle::thread;
use crate::sys::thread as sys;
use std::os::raw::c_void;

/// `CRITICAL_SECTION` (104 bytes; Windows' is 40: code that hard-codes the size differs).
#[repr(C)]
pub struct ws2mp_critical_section {
    /// Always NULL.
    pub DebugInfo: *mut c_void,
    /// -1 while free, otherwise 0 (ws2mp does not count waiters).
    pub LockCount: i32,
    /// How many times the owner has entered it.
    pub RecursionCount: i32,
    /// The owner's thread id (`GetCurrentThreadId`), NULL while free.
    pub OwningThread: *mut c_void,
    /// Always NULL.
    pub LockSemaphore: *mut c_void,
    /// The spin count given at initialisation (informational).
    pub SpinCount: usize,
    /// The recursive pthread mutex.
    pub ws2mp_mutex: [u64; 8],
}

/// Initialises a critical section: a lock one thread can enter recursively.
///
/// # Safety
/// `lpCriticalSection` must be NULL (ignored) or writable, and not hold an initialised section.
#[no_mangle]
pub unsafe extern "C" fn InitializeCriticalSection(lpCriticalSection: *mut ws2mp_critical_section) {
    // SAFETY: caller guarantee.
    unsafe { InitializeCriticalSectionAndSpinCount(lpCriticalSection, 0) };
}

/// `InitializeCriticalSection`, recording the spin count (pthread mutexes spin on their own).
/// Returns TRUE (FALSE for NULL).
///
/// # Safety
/// `lpCriticalSection` must be NULL or writable, and not hold an initialised section.
#[no_mangle]
pub unsafe extern "C" fn InitializeCriticalSectionAndSpinCount(
    lpCriticalSection: *mut ws2mp_critical_section,
    dwSpinCount: u32,
) -> i32 {
    // SAFETY: caller guarantee.
    let Some(cs) = (unsafe { lpCriticalSection.as_mut() }) else {
        return 0;
    };
    cs.DebugInfo = std::ptr::null_mut();
    cs.LockCount = -1;
    cs.RecursionCount = 0;
    cs.OwningThread = std::ptr::null_mut();
    cs.LockSemaphore = std::ptr::null_mut();
    cs.SpinCount = dwSpinCount as usize;
    // SAFETY: the mutex storage is 64 bytes, 8-aligned, inside the caller's structure.
    i32::from(unsafe { sys::mutex_init(cs.ws2mp_mutex.as_mut_ptr()) }.is_ok())
}

fn entered(cs: &mut ws2mp_critical_section) {
    cs.RecursionCount += 1;
    cs.LockCount = 0;
    cs.OwningThread = thread::current_id() as usize as *mut c_void;
}

/// Enters the critical section, waiting while another thread is in it. The owner may enter
/// again (each entry needs a `LeaveCriticalSection`).
///
/// # Safety
/// `lpCriticalSection` must be an initialised critical section (NULL is ignored).
#[no_mangle]
pub unsafe extern "C" fn EnterCriticalSection(lpCriticalSection: *mut ws2mp_critical_section) {
    if lpCriticalSection.is_null() {
        return;
    }
    // SAFETY: caller guarantee; the lock is taken through a raw pointer before any reference
    // to the fields is made.
    unsafe {
        let m = std::ptr::addr_of_mut!((*lpCriticalSection).ws2mp_mutex).cast::<u64>();
        if sys::mutex_lock(m, true) == Ok(true) {
            entered(&mut *lpCriticalSection);
        }
    }
}

/// Enters the critical section if no other thread is in it. Returns TRUE (entered) or FALSE.
///
/// # Safety
/// `lpCriticalSection` must be an initialised critical section (NULL → FALSE).
#[no_mangle]
pub unsafe extern "C" fn TryEnterCriticalSection(
    lpCriticalSection: *mut ws2mp_critical_section,
) -> i32 {
    if lpCriticalSection.is_null() {
        return 0;
    }
    // SAFETY: as in EnterCriticalSection.
    unsafe {
        let m = std::ptr::addr_of_mut!((*lpCriticalSection).ws2mp_mutex).cast::<u64>();
        if sys::mutex_lock(m, false) == Ok(true) {
            entered(&mut *lpCriticalSection);
            return 1;
        }
    }
    0
}

/// Leaves the critical section once. Leaving one the caller has not entered does nothing
/// (Windows corrupts the section).
///
/// # Safety
/// `lpCriticalSection` must be an initialised critical section (NULL is ignored).
#[no_mangle]
pub unsafe extern "C" fn LeaveCriticalSection(lpCriticalSection: *mut ws2mp_critical_section) {
    if lpCriticalSection.is_null() {
        return;
    }
    // SAFETY: caller guarantee; the fields are only changed by the owner, which we check
    // before touching them.
    unsafe {
        let cs = &mut *lpCriticalSection;
        if cs.OwningThread as usize != thread::current_id() as usize || cs.RecursionCount <= 0 {
            return;
        }
        cs.RecursionCount -= 1;
        if cs.RecursionCount == 0 {
            cs.OwningThread = std::ptr::null_mut();
            cs.LockCount = -1;
        }
        let _ = sys::mutex_unlock(cs.ws2mp_mutex.as_mut_ptr());
    }
}

/// Releases the critical section's resources. It must not be in use; it may be initialised
/// again afterwards.
///
/// # Safety
/// `lpCriticalSection` must be an initialised, unowned critical section (NULL is ignored).
#[no_mangle]
pub unsafe extern "C" fn DeleteCriticalSection(lpCriticalSection: *mut ws2mp_critical_section) {
    // SAFETY: caller guarantee.
    if let Some(cs) = unsafe { lpCriticalSection.as_mut() } {
        // SAFETY: an initialised, unlocked mutex, not used again until re-initialised.
        unsafe { sys::mutex_destroy(cs.ws2mp_mutex.as_mut_ptr()) };
        cs.LockCount = -1;
        cs.RecursionCount = 0;
        cs.OwningThread = std::ptr::null_mut();
    }
}

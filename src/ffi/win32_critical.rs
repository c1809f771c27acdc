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
use std::sync::atomic::{AtomicPtr, Ordering::Relaxed};

/// `CRITICAL_SECTION` (104 bytes; Windows' is 40: code that hard-codes the size differs).
#[repr(C)]
pub struct ws2mp_critical_section {
    /// `(void *)-1` once initialised, NULL after `DeleteCriticalSection` (Windows 8 and later
    /// give these values; programs test it to know whether a section is initialised).
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
    cs.DebugInfo = usize::MAX as *mut c_void;
    cs.LockCount = -1;
    cs.RecursionCount = 0;
    cs.OwningThread = std::ptr::null_mut();
    cs.LockSemaphore = std::ptr::null_mut();
    cs.SpinCount = dwSpinCount as usize;
    // SAFETY: the mutex storage is 64 bytes, 8-aligned, inside the caller's structure.
    i32::from(unsafe { sys::mutex_init(cs.ws2mp_mutex.as_mut_ptr()) }.is_ok())
}

/// The owner thread's id as stored in `OwningThread`: read by any thread (to refuse a leave by
/// a non-owner), written only by the owner, so accessed atomically.
///
/// # Safety
/// `cs` must point to a live critical section.
unsafe fn owner<'a>(cs: *mut ws2mp_critical_section) -> &'a AtomicPtr<c_void> {
    // SAFETY: the field is a properly aligned pointer inside the caller's live structure; all
    // concurrent accesses go through this atomic view.
    unsafe { AtomicPtr::from_ptr(std::ptr::addr_of_mut!((*cs).OwningThread)) }
}

/// Records an entry by the calling thread (which now holds the mutex).
///
/// # Safety
/// `cs` must be a live critical section whose mutex the caller holds.
unsafe fn entered(cs: *mut ws2mp_critical_section) {
    // SAFETY: only the mutex holder writes these fields; the structure is live.
    unsafe {
        (*cs).RecursionCount += 1;
        (*cs).LockCount = 0;
        owner(cs).store(thread::current_id() as usize as *mut c_void, Relaxed);
    }
}

/// The mutex storage's address.
///
/// # Safety
/// `cs` must point to a live critical section.
unsafe fn mutex_of(cs: *mut ws2mp_critical_section) -> *mut u64 {
    // SAFETY: computes the field's address inside the caller's live structure (no access).
    unsafe { std::ptr::addr_of_mut!((*cs).ws2mp_mutex).cast::<u64>() }
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
    // SAFETY: caller guarantee; fields are reached through raw pointers only (other threads
    // use the mutex concurrently).
    unsafe {
        if sys::mutex_lock(mutex_of(lpCriticalSection), true) == Ok(true) {
            entered(lpCriticalSection);
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
        if sys::mutex_lock(mutex_of(lpCriticalSection), false) == Ok(true) {
            entered(lpCriticalSection);
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
    let cs = lpCriticalSection;
    // SAFETY: caller guarantee; the owner check reads atomically, and only the owner (checked)
    // touches the other fields before unlocking.
    unsafe {
        if owner(cs).load(Relaxed) as usize != thread::current_id() as usize
            || (*cs).RecursionCount <= 0
        {
            return;
        }
        (*cs).RecursionCount -= 1;
        if (*cs).RecursionCount == 0 {
            owner(cs).store(std::ptr::null_mut(), Relaxed);
            (*cs).LockCount = -1;
        }
        let _ = sys::mutex_unlock(mutex_of(cs));
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
        cs.DebugInfo = std::ptr::null_mut();
        cs.LockCount = -1;
        cs.RecursionCount = 0;
        cs.OwningThread = std::ptr::null_mut();
    }
}

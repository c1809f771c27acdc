//! Threads and recursive mutexes over pthreads (the Win32 thread and critical-section calls).

use super::SysResult;
use std::os::raw::c_void;

/// The C start routine `spawn` runs: `extern "C-unwind"` so that `pthread_exit` (Win32
/// `ExitThread`) may unwind through it.
pub type Start = extern "C-unwind" fn(*mut c_void) -> *mut c_void;

/// Starts a detached thread running `start(arg)`, with at least `stack` bytes of stack (0: the
/// default). Err(errno) if the system refuses.
///
/// # Safety
/// `start` must be sound to call with `arg` on another thread.
pub unsafe fn spawn(start: Start, arg: *mut c_void, stack: usize) -> SysResult<()> {
    // SAFETY: attr is initialised by pthread_attr_init before use and destroyed after; the
    // caller vouches for `start(arg)`.
    unsafe {
        let mut attr: libc::pthread_attr_t = std::mem::zeroed();
        let r = libc::pthread_attr_init(&mut attr);
        if r != 0 {
            return Err(r);
        }
        libc::pthread_attr_setdetachstate(&mut attr, libc::PTHREAD_CREATE_DETACHED);
        if stack > 0 {
            // At least 64 KiB (above every system's PTHREAD_STACK_MIN), in whole pages.
            let size = stack.max(65536).next_multiple_of(65536);
            libc::pthread_attr_setstacksize(&mut attr, size);
        }
        let mut id: libc::pthread_t = std::mem::zeroed();
        // SAFETY: "C-unwind" and "C" share the calling convention; pthread_create only calls
        // the function.
        let start: extern "C" fn(*mut c_void) -> *mut c_void = std::mem::transmute(start);
        let r = libc::pthread_create(&mut id, &attr, start, arg);
        libc::pthread_attr_destroy(&mut attr);
        if r != 0 {
            return Err(r);
        }
    }
    Ok(())
}

/// Ends the calling thread (`pthread_exit`). On glibc this unwinds the thread's stack (a forced
/// unwind that runs cleanups only); callers must hold nothing that needs dropping.
pub fn exit() -> ! {
    // SAFETY: ends the calling thread; Win32's ExitThread has the same contract.
    unsafe { libc::pthread_exit(std::ptr::null_mut()) }
}

/// `getpid()`.
pub fn process_id() -> u32 {
    // SAFETY: no preconditions.
    unsafe { libc::getpid() as u32 }
}

// A recursive pthread mutex lives inside a `CRITICAL_SECTION`, in 64 bytes aligned to 8
// (`ws2mp_critical_section::ws2mp_mutex`).
const _: () = assert!(std::mem::size_of::<libc::pthread_mutex_t>() <= 64);
const _: () = assert!(std::mem::align_of::<libc::pthread_mutex_t>() <= 8);

/// Initialises a recursive mutex in place.
///
/// # Safety
/// `at` must be valid for writes of 64 bytes, 8-aligned, and not hold a live mutex.
pub unsafe fn mutex_init(at: *mut u64) -> SysResult<()> {
    let m = at.cast::<libc::pthread_mutex_t>();
    // SAFETY: caller guarantee; the attribute lives on this stack frame.
    unsafe {
        let mut attr: libc::pthread_mutexattr_t = std::mem::zeroed();
        libc::pthread_mutexattr_init(&mut attr);
        libc::pthread_mutexattr_settype(&mut attr, libc::PTHREAD_MUTEX_RECURSIVE);
        let r = libc::pthread_mutex_init(m, &attr);
        libc::pthread_mutexattr_destroy(&mut attr);
        if r != 0 {
            return Err(r);
        }
    }
    Ok(())
}

/// Locks (blocking), try-locks (`Ok(false)` if another thread holds it) or unlocks.
///
/// # Safety
/// `at` must hold a mutex `mutex_init` made.
pub unsafe fn mutex_lock(at: *mut u64, wait: bool) -> SysResult<bool> {
    let m = at.cast::<libc::pthread_mutex_t>();
    // SAFETY: caller guarantee.
    let r = unsafe {
        if wait {
            libc::pthread_mutex_lock(m)
        } else {
            libc::pthread_mutex_trylock(m)
        }
    };
    match r {
        0 => Ok(true),
        libc::EBUSY => Ok(false),
        e => Err(e),
    }
}

/// # Safety
/// `at` must hold a mutex `mutex_init` made, locked by the calling thread.
pub unsafe fn mutex_unlock(at: *mut u64) -> SysResult<()> {
    // SAFETY: caller guarantee.
    match unsafe { libc::pthread_mutex_unlock(at.cast::<libc::pthread_mutex_t>()) } {
        0 => Ok(()),
        e => Err(e),
    }
}

/// # Safety
/// `at` must hold an unlocked mutex `mutex_init` made; it is not used again until re-made.
pub unsafe fn mutex_destroy(at: *mut u64) {
    // SAFETY: caller guarantee.
    unsafe { libc::pthread_mutex_destroy(at.cast::<libc::pthread_mutex_t>()) };
}

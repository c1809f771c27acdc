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

/// CPUs a mask can name: Win32's affinity masks are one pointer-sized word (one processor
/// group of 64).
const MASK_CPUS: usize = 64;

/// The calling thread's kernel thread id (what the affinity calls take); the process id on
/// systems without per-thread ids.
pub fn os_thread_id() -> i32 {
    #[cfg(linux_like)]
    {
        // SAFETY: gettid has no preconditions.
        unsafe { libc::gettid() }
    }
    #[cfg(not(linux_like))]
    {
        process_id() as i32
    }
}

/// A thread name as the system keeps it: at most 15 bytes, cut at a character boundary.
fn kernel_name(name: &str) -> &str {
    let mut end = name.len().min(15);
    while !name.is_char_boundary(end) {
        end -= 1;
    }
    &name[..end]
}

/// Names another thread of this process (by kernel id) where the system allows it (Linux:
/// its `comm` file); elsewhere nothing happens.
pub fn set_name_of(tid: i32, name: &str) {
    #[cfg(linux_like)]
    {
        let _ = std::fs::write(format!("/proc/self/task/{tid}/comm"), kernel_name(name));
    }
    #[cfg(not(linux_like))]
    let _ = (tid, name);
}

/// Names the calling thread for debuggers and `ps`/`top` (see [`kernel_name`]).
pub fn set_current_name(name: &str) {
    let Ok(c) = std::ffi::CString::new(kernel_name(name)) else {
        return;
    };
    #[cfg(linux_like)]
    // SAFETY: names the calling thread with a NUL-terminated string of at most 15 bytes.
    unsafe {
        libc::pthread_setname_np(libc::pthread_self(), c.as_ptr());
    }
    #[cfg(target_vendor = "apple")]
    // SAFETY: names the calling thread (macOS names only the calling thread).
    unsafe {
        libc::pthread_setname_np(c.as_ptr());
    }
    #[cfg(target_os = "freebsd")]
    // SAFETY: names the calling thread with a NUL-terminated string.
    unsafe {
        libc::pthread_set_name_np(libc::pthread_self(), c.as_ptr());
    }
}

/// The CPU the calling thread runs on now (0 where the system does not say).
pub fn current_cpu() -> u32 {
    #[cfg(linux_like)]
    {
        // SAFETY: sched_getcpu has no preconditions.
        u32::try_from(unsafe { libc::sched_getcpu() }).unwrap_or(0)
    }
    #[cfg(not(linux_like))]
    {
        0
    }
}

/// The CPUs the system has online, as a mask of CPUs 0..63.
pub fn online_cpus_mask() -> u64 {
    // SAFETY: sysconf has no preconditions.
    let n = unsafe { libc::sysconf(libc::_SC_NPROCESSORS_ONLN) };
    let n = usize::try_from(n).unwrap_or(1).clamp(1, MASK_CPUS);
    if n == MASK_CPUS {
        u64::MAX
    } else {
        (1u64 << n) - 1
    }
}

/// The CPUs thread `tid` may run on (`tid` from `os_thread_id`; the process id names the
/// main thread), as a mask of CPUs 0..63. Err(errno): ESRCH when the thread is gone.
pub fn affinity(tid: i32) -> super::SysResult<u64> {
    #[cfg(linux_like)]
    {
        // SAFETY: set is a plain bit set the call fills; its size is passed.
        let set = unsafe {
            let mut set: libc::cpu_set_t = std::mem::zeroed();
            if libc::sched_getaffinity(tid, std::mem::size_of::<libc::cpu_set_t>(), &mut set) != 0 {
                return Err(std::io::Error::last_os_error()
                    .raw_os_error()
                    .unwrap_or(libc::EINVAL));
            }
            set
        };
        let mut mask = 0u64;
        for cpu in 0..MASK_CPUS {
            // SAFETY: cpu is below CPU_SETSIZE.
            if unsafe { libc::CPU_ISSET(cpu, &set) } {
                mask |= 1 << cpu;
            }
        }
        Ok(mask)
    }
    #[cfg(not(linux_like))]
    {
        let _ = tid;
        Ok(online_cpus_mask())
    }
}

/// Lets thread `tid` run on the CPUs of `mask` only. Err(errno): EINVAL when no CPU of the
/// mask is allowed, ESRCH when the thread is gone. Systems without thread affinity (macOS)
/// accept the mask and keep scheduling the thread anywhere.
pub fn set_affinity(tid: i32, mask: u64) -> super::SysResult<()> {
    #[cfg(linux_like)]
    {
        // SAFETY: set is a plain bit set built here; its size is passed.
        unsafe {
            let mut set: libc::cpu_set_t = std::mem::zeroed();
            for cpu in 0..MASK_CPUS {
                if mask & (1 << cpu) != 0 {
                    libc::CPU_SET(cpu, &mut set);
                }
            }
            if libc::sched_setaffinity(tid, std::mem::size_of::<libc::cpu_set_t>(), &set) != 0 {
                return Err(std::io::Error::last_os_error()
                    .raw_os_error()
                    .unwrap_or(libc::EINVAL));
            }
        }
        Ok(())
    }
    #[cfg(not(linux_like))]
    {
        let _ = (tid, mask);
        Ok(())
    }
}

/// The kernel ids of the process's threads (`/proc/self/task`); just the caller's where the
/// system has no such list.
pub fn process_thread_ids() -> Vec<i32> {
    #[cfg(linux_like)]
    {
        if let Ok(dir) = std::fs::read_dir("/proc/self/task") {
            return dir
                .filter_map(|e| e.ok()?.file_name().to_str()?.parse().ok())
                .collect();
        }
    }
    vec![os_thread_id()]
}

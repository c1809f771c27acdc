//! The system side of named synchronisation objects shared between processes
//! (`crate::handle::shared`): a page of a POSIX shared-memory object holding [`SyncWords`],
//! futex waits and wakes on a word of it, and whether a process is still alive.
//!
//! Linux waits with `FUTEX_WAIT` / `FUTEX_WAKE` without `FUTEX_PRIVATE_FLAG`, so a wake in one
//! process reaches a waiter in another. Elsewhere [`wait`] polls the word every
//! [`POLL_STEP`] (a short sleep), and [`wake`] does nothing.

use super::shared_memory;
use super::SysResult;
use std::os::fd::{AsRawFd, OwnedFd};
use std::sync::atomic::{AtomicU32, AtomicU64};
use std::time::Duration;

/// The state of one shared object, at the start of its page. Only atomics: every process maps
/// it and changes it with atomic operations.
#[repr(C)]
pub struct SyncWords {
    /// 0 until the maker has filled the page in; then the object's kind (its value is the
    /// caller's).
    pub kind: AtomicU32,
    /// Bumped after each change that may let a waiter in; the futex word.
    pub seq: AtomicU32,
    /// An event: 1 signalled, 0 not. A semaphore: its count.
    pub state: AtomicU32,
    /// A semaphore's maximum count.
    pub max: AtomicU32,
    /// A mutex's owner (`pid << 32 | thread id`), 0 when free, `u64::MAX` when abandoned.
    pub owner: AtomicU64,
    /// A mutex's recursion count (changed by its owner only).
    pub recursion: AtomicU32,
    /// `PulseEvent`: the reset owed by the latest pulse to its waiters still waiting.
    pub owed: AtomicU32,
    /// `PulseEvent`: low half, threads waiting; high half, pulses so far.
    pub waiters_and_pulses: AtomicU64,
}

/// The size of the object: one page is plenty.
const SIZE: usize = 4096;
const _: () = assert!(std::mem::size_of::<SyncWords>() <= SIZE);

/// One process's mapping of a shared object's page. The descriptor is kept open (it carries
/// the process's `flock` on the object).
pub struct Page {
    fd: OwnedFd,
    base: usize,
}

impl Page {
    /// Maps the object `fd` (grown to a page if smaller, which only its maker or the process
    /// that found it stale may ask for with `grow`).
    pub fn map(fd: OwnedFd, grow: bool) -> SysResult<Page> {
        let raw = fd.as_raw_fd();
        if grow {
            super::file::truncate(raw, SIZE as u64)?;
        } else if super::file::size(raw)? < SIZE as u64 {
            return Err(libc::EINVAL);
        }
        let access = shared_memory::ViewAccess {
            write: true,
            execute: false,
            private: false,
        };
        let base = shared_memory::map(raw, 0, SIZE, access, 0)?;
        Ok(Page { fd, base })
    }

    pub fn words(&self) -> &SyncWords {
        // SAFETY: `base` is a shared mapping of SIZE bytes, page-aligned (so aligned for
        // SyncWords), readable and writable, that lives as long as `self`; SyncWords is only
        // atomics, valid for any bytes (a new object is zero-filled), and other processes touch
        // it only with atomic operations too.
        unsafe { &*(self.base as *const SyncWords) }
    }

    pub fn fd(&self) -> super::Fd {
        self.fd.as_raw_fd()
    }
}

impl Drop for Page {
    fn drop(&mut self) {
        let _ = shared_memory::unmap(self.base, SIZE);
    }
}

/// How often [`wait`] looks at the word where there is no shared futex.
#[cfg(not(target_os = "linux"))]
pub const POLL_STEP: Duration = Duration::from_millis(2);

/// Sleeps while `word` holds `expected`, at most `timeout` (None: no limit), or until a
/// [`wake`] on it (or a spurious wake-up). Returns whether the word had changed or a wake came.
#[cfg(target_os = "linux")]
pub fn wait(word: &AtomicU32, expected: u32, timeout: Option<Duration>) -> bool {
    let ts = timeout.map(|t| libc::timespec {
        tv_sec: t.as_secs().min(i64::MAX as u64) as libc::time_t,
        tv_nsec: t.subsec_nanos() as libc::c_long,
    });
    let ts_ptr = ts
        .as_ref()
        .map_or(std::ptr::null(), |t| t as *const libc::timespec);
    // SAFETY: FUTEX_WAIT (shared) reads the aligned u32 behind `word`, which outlives the call;
    // the timeout is NULL or a valid relative timespec.
    let r = unsafe {
        libc::syscall(
            libc::SYS_futex,
            word.as_ptr(),
            libc::FUTEX_WAIT,
            expected,
            ts_ptr,
            std::ptr::null::<u32>(),
            0u32,
        )
    };
    r == 0 || super::errno() != libc::ETIMEDOUT
}

/// Wakes every thread of every process in [`wait`] on `word`.
#[cfg(target_os = "linux")]
pub fn wake(word: &AtomicU32) {
    // SAFETY: FUTEX_WAKE (shared) on the aligned u32 behind `word`; no memory is written.
    unsafe {
        libc::syscall(
            libc::SYS_futex,
            word.as_ptr(),
            libc::FUTEX_WAKE,
            i32::MAX,
            std::ptr::null::<libc::timespec>(),
            std::ptr::null::<u32>(),
            0u32,
        );
    }
}

/// Sleeps while `word` holds `expected`, at most `timeout` (None: no limit), looking every
/// [`POLL_STEP`]. Returns whether the word changed.
#[cfg(not(target_os = "linux"))]
pub fn wait(word: &AtomicU32, expected: u32, timeout: Option<Duration>) -> bool {
    use std::sync::atomic::Ordering::SeqCst;
    let start = std::time::Instant::now();
    loop {
        if word.load(SeqCst) != expected {
            return true;
        }
        let step = match timeout {
            None => POLL_STEP,
            Some(t) => match t.checked_sub(start.elapsed()) {
                Some(left) if !left.is_zero() => left.min(POLL_STEP),
                _ => return false,
            },
        };
        std::thread::sleep(step);
    }
}

/// Without a shared futex the waiters poll: nothing to wake.
#[cfg(not(target_os = "linux"))]
pub fn wake(_word: &AtomicU32) {}

/// Runs `f` when the process exits normally (`exit`, a return from `main`). Returns whether
/// it was registered.
pub fn at_exit(f: extern "C" fn()) -> bool {
    // SAFETY: `f` takes no arguments and, being a plain function, stays valid for the life of
    // the process.
    unsafe { libc::atexit(f) == 0 }
}

/// Whether process `pid` is still running (a zombie, ended but not yet reaped, is not).
pub fn process_alive(pid: u32) -> bool {
    let Ok(pid @ 1..) = libc::pid_t::try_from(pid) else {
        return false;
    };
    super::process::exists(pid as u32) != Err(libc::ESRCH) && !zombie(pid)
}

#[cfg(target_os = "linux")]
fn zombie(pid: libc::pid_t) -> bool {
    // The state follows the command's closing parenthesis: `Z` zombie, `X` dead.
    super::procfs::read(&format!("/proc/{pid}/stat"))
        .ok()
        .and_then(|s| {
            let after = &s[s.rfind(')')? + 1..];
            after.trim_start().chars().next()
        })
        .is_some_and(|c| c == 'Z' || c == 'X')
}

#[cfg(not(target_os = "linux"))]
fn zombie(_pid: libc::pid_t) -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::Ordering::SeqCst;

    #[test]
    fn a_wait_ends_on_a_change_or_its_timeout() {
        let word = AtomicU32::new(1);
        assert!(wait(&word, 0, Some(Duration::from_millis(50))), "not 0");
        let t = std::time::Instant::now();
        wait(&word, 1, Some(Duration::from_millis(20)));
        assert!(t.elapsed() >= Duration::from_millis(15));
        std::thread::scope(|s| {
            s.spawn(|| {
                std::thread::sleep(Duration::from_millis(20));
                word.store(2, SeqCst);
                wake(&word);
            });
            while word.load(SeqCst) == 1 {
                wait(&word, 1, Some(Duration::from_secs(5)));
            }
        });
    }

    #[test]
    fn this_process_is_alive() {
        assert!(process_alive(std::process::id()));
        assert!(!process_alive(u32::MAX));
    }
}

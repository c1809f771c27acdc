//! Stopping another thread where it stands: the signal behind `SuspendThread`,
//! `ResumeThread` and `TerminateThread`.
//!
//! A thread that may be stopped binds a [`Control`] (two atomics) to itself. [`nudge`] sends
//! it the control signal; the handler, on the stopped thread, reads its `Control`: while the
//! suspend count is above 0 it sleeps in `sigsuspend` (the next nudge wakes it to look
//! again), and once `terminated` is set it sleeps there for good, with every signal blocked.
//! The handler touches nothing but those atomics and `errno`, which it restores.
//!
//! A wait that holds something other threads need (the lead of a completion port) runs under
//! a [`Stoppable`]: a suspension or termination then only interrupts its system calls
//! (`EINTR`), and the code gives back what it holds and calls [`pause_here`] or [`end_here`]
//! once [`must_pause`] or [`must_end`] says so.
//!
//! The signal is `SIGRTMAX - 2` on Linux (glibc keeps the lowest real-time signals, Valgrind
//! the highest) and `SIGUSR2` elsewhere.

use super::SysResult;
use std::cell::{Cell, RefCell};
use std::os::raw::c_int;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering::SeqCst};
use std::sync::{Arc, OnceLock};

/// What the handler reads on the thread it stopped.
#[derive(Debug, Default)]
pub struct Control {
    /// The suspend count: the thread sleeps in the handler while it is above 0.
    pub suspend: AtomicU32,
    /// Set once: the thread sleeps in the handler for good.
    pub terminated: AtomicBool,
}

thread_local! {
    /// The calling thread's `Control`, while it is bound (null otherwise): what the handler
    /// reads (a plain pointer: no lazy initialisation or borrow flag in a signal handler).
    static BOUND: Cell<*const Control> = const { Cell::new(std::ptr::null()) };
    /// Keeps the bound `Control` alive; clears `BOUND` before letting it go.
    static KEEP: Keep = const { Keep(RefCell::new(None)) };
    /// Under a [`Stoppable`]: a suspension or termination interrupts the wait instead of
    /// stopping the thread.
    static STOPPABLE: Cell<bool> = const { Cell::new(false) };
}

struct Keep(RefCell<Option<Arc<Control>>>);

impl Drop for Keep {
    fn drop(&mut self) {
        let _ = BOUND.try_with(|b| b.set(std::ptr::null()));
    }
}

/// A running thread the control signal can reach (its `pthread_t`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Target(usize);

impl Target {
    /// The calling thread.
    pub fn current() -> Target {
        // SAFETY: no preconditions.
        Target(unsafe { libc::pthread_self() } as usize)
    }
}

/// Binds `control` to the calling thread: the handler reads it from now on, until
/// [`unbind_current`] or the thread's end.
pub fn bind_current(control: &Arc<Control>) {
    let _ = KEEP.try_with(|k| {
        let mut keep = k.0.borrow_mut();
        BOUND.with(|b| b.set(Arc::as_ptr(control)));
        *keep = Some(control.clone());
    });
}

/// Unbinds the calling thread's `Control`: a control signal that arrives later does nothing.
pub fn unbind_current() {
    let _ = BOUND.try_with(|b| b.set(std::ptr::null()));
    let _ = KEEP.try_with(|k| k.0.borrow_mut().take());
}

fn control_signal() -> c_int {
    #[cfg(linux_like)]
    {
        libc::SIGRTMAX() - 2
    }
    #[cfg(not(linux_like))]
    {
        libc::SIGUSR2
    }
}

/// Installs the handler (once; later calls return the first result).
fn install() -> SysResult<()> {
    static INSTALLED: OnceLock<SysResult<()>> = OnceLock::new();
    *INSTALLED.get_or_init(|| {
        // SAFETY: a zeroed sigaction with our handler, SA_RESTART (calls the stopped thread
        // was in resume where the system can) and every signal blocked while it runs.
        unsafe {
            let mut sa: libc::sigaction = std::mem::zeroed();
            sa.sa_sigaction = on_signal as extern "C" fn(c_int) as usize;
            sa.sa_flags = libc::SA_RESTART;
            libc::sigfillset(&mut sa.sa_mask);
            if libc::sigaction(control_signal(), &sa, std::ptr::null_mut()) < 0 {
                return Err(super::errno());
            }
        }
        Ok(())
    })
}

/// Sends the control signal to `target`, which must not have ended (the caller keeps it from
/// ending meanwhile); its handler then reads the thread's bound `Control`.
pub fn nudge(target: Target) -> SysResult<()> {
    install()?;
    // SAFETY: the caller guarantees the thread is still running, so the pthread_t is live.
    let r = unsafe { libc::pthread_kill(target.0 as libc::pthread_t, control_signal()) };
    if r != 0 {
        return Err(r);
    }
    Ok(())
}

/// Runs `f` with the control signal held back on the calling thread (delivered after): for a
/// thread taking a lock that the threads stopping it take too.
pub fn held_back<R>(f: impl FnOnce() -> R) -> R {
    // SAFETY: sigset_t values on this stack frame; pthread_sigmask only reads `only` and
    // writes `previous`.
    let previous = unsafe {
        let mut only: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut only);
        libc::sigaddset(&mut only, control_signal());
        let mut previous: libc::sigset_t = std::mem::zeroed();
        libc::pthread_sigmask(libc::SIG_BLOCK, &only, &mut previous);
        previous
    };
    let r = f();
    // SAFETY: restores the mask saved above.
    unsafe { libc::pthread_sigmask(libc::SIG_SETMASK, &previous, std::ptr::null_mut()) };
    r
}

/// While it lives, a suspension or termination interrupts the calling thread's system calls
/// (`EINTR`) instead of stopping the thread; the code then checks [`must_pause`] and
/// [`must_end`] where it holds nothing.
pub struct Stoppable(bool);

impl Stoppable {
    pub fn begin() -> Stoppable {
        Stoppable(STOPPABLE.try_with(|s| s.replace(true)).unwrap_or(false))
    }

    /// Runs `f` (the program's own code, an APC) where a suspension or termination stops the
    /// thread at once.
    pub fn pause<R>(&self, f: impl FnOnce() -> R) -> R {
        let _ = STOPPABLE.try_with(|s| s.set(false));
        let r = f();
        let _ = STOPPABLE.try_with(|s| s.set(true));
        r
    }
}

impl Drop for Stoppable {
    fn drop(&mut self) {
        let _ = STOPPABLE.try_with(|s| s.set(self.0));
    }
}

/// Whether the calling thread was terminated (it must give back what it holds and
/// [`end_here`]).
pub fn must_end() -> bool {
    let control = BOUND.try_with(|b| b.get()).unwrap_or(std::ptr::null());
    // SAFETY: as in the handler: `KEEP` keeps it alive while bound, on this very thread.
    !control.is_null() && unsafe { &*control }.terminated.load(SeqCst)
}

/// Whether the calling thread was suspended (it must give back what it holds and
/// [`pause_here`]).
pub fn must_pause() -> bool {
    let control = BOUND.try_with(|b| b.get()).unwrap_or(std::ptr::null());
    // SAFETY: as in the handler: `KEEP` keeps it alive while bound, on this very thread.
    !control.is_null() && unsafe { &*control }.suspend.load(SeqCst) > 0
}

/// Sleeps until the calling thread's suspend count is back to 0 (or it is terminated).
pub fn pause_here() {
    let control = BOUND.try_with(|b| b.get()).unwrap_or(std::ptr::null());
    if control.is_null() {
        return;
    }
    // SAFETY: as in the handler: `KEEP` keeps it alive while bound, on this very thread.
    let control = unsafe { &*control };
    // SAFETY: sigset_t values on this stack frame. The control signal is blocked while the
    // count is read, so a nudge between the read and sigsuspend stays pending and ends it.
    unsafe {
        let mut only: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut only);
        libc::sigaddset(&mut only, control_signal());
        let mut previous: libc::sigset_t = std::mem::zeroed();
        libc::pthread_sigmask(libc::SIG_BLOCK, &only, &mut previous);
        let mut wake_on_nudge = previous;
        libc::sigdelset(&mut wake_on_nudge, control_signal());
        while control.suspend.load(SeqCst) > 0 && !control.terminated.load(SeqCst) {
            libc::sigsuspend(&wake_on_nudge);
        }
        libc::pthread_sigmask(libc::SIG_SETMASK, &previous, std::ptr::null_mut());
    }
}

/// Stops the calling thread for good, as a termination does.
pub fn end_here() -> ! {
    // SAFETY: a sigset_t on this stack frame; sigsuspend with every signal blocked never
    // returns to run a handler (only SIGKILL and SIGSTOP act, outside the process's control).
    unsafe {
        let mut nothing: libc::sigset_t = std::mem::zeroed();
        libc::sigfillset(&mut nothing);
        libc::pthread_sigmask(libc::SIG_SETMASK, &nothing, std::ptr::null_mut());
        loop {
            libc::sigsuspend(&nothing);
        }
    }
}

extern "C" fn on_signal(_sig: c_int) {
    let control = BOUND.try_with(|b| b.get()).unwrap_or(std::ptr::null());
    if control.is_null() {
        return;
    }
    let saved = super::errno();
    // SAFETY: `KEEP` holds the Arc while `BOUND` points into it (it clears `BOUND` first
    // when it lets go); the handler runs on this thread, so neither changes meanwhile.
    let control = unsafe { &*control };
    // SAFETY: sigset_t values built on this stack frame; sigsuspend only reads its mask.
    unsafe {
        let mut wake_on_nudge: libc::sigset_t = std::mem::zeroed();
        libc::sigfillset(&mut wake_on_nudge);
        libc::sigdelset(&mut wake_on_nudge, control_signal());
        let mut nothing: libc::sigset_t = std::mem::zeroed();
        libc::sigfillset(&mut nothing);
        // Under a `Stoppable`, the wait fails with EINTR and the code around it stops the
        // thread itself once it holds nothing (`must_end`, `must_pause`).
        let stoppable = STOPPABLE.try_with(|s| s.get()).unwrap_or(false);
        loop {
            if control.terminated.load(SeqCst) {
                if stoppable {
                    break;
                }
                libc::sigsuspend(&nothing);
            } else if control.suspend.load(SeqCst) > 0 {
                if stoppable {
                    break;
                }
                // A nudge sent before this point is pending (the signal is blocked inside
                // the handler) and ends the sigsuspend at once: no wake-up is lost.
                libc::sigsuspend(&wake_on_nudge);
            } else {
                break;
            }
        }
    }
    super::set_errno(saved);
}

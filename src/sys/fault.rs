//! Faults of the program's own code (an invalid memory access, an integer division by zero,
//! an illegal instruction) as Windows' exceptions, for a top-level exception filter: one
//! handler for `SIGSEGV`, `SIGBUS`, `SIGFPE` and `SIGILL` that describes the fault with
//! Windows' exception code and asks a hook what to do.

use super::SysResult;
use std::os::raw::{c_int, c_void};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering::SeqCst};
use std::sync::OnceLock;

/// Windows' exception codes for the faults reported here.
pub mod code {
    pub(crate) const DATATYPE_MISALIGNMENT: u32 = 0x8000_0002;
    pub(crate) const ACCESS_VIOLATION: u32 = 0xC000_0005;
    pub(crate) const IN_PAGE_ERROR: u32 = 0xC000_0006;
    pub(crate) const ILLEGAL_INSTRUCTION: u32 = 0xC000_001D;
    pub(crate) const FLT_DIVIDE_BY_ZERO: u32 = 0xC000_008E;
    pub(crate) const FLT_INVALID_OPERATION: u32 = 0xC000_0090;
    pub(crate) const INT_DIVIDE_BY_ZERO: u32 = 0xC000_0094;
    pub(crate) const INT_OVERFLOW: u32 = 0xC000_0095;
}

/// One fault, as an `EXCEPTION_RECORD` describes it.
#[derive(Debug, Clone, Copy)]
pub struct Fault {
    /// Windows' exception code (`code::*`).
    pub code: u32,
    /// The faulting instruction (0 where the system does not say).
    pub pc: usize,
    /// For an access violation: the address accessed, and whether it was a write.
    pub address: usize,
    pub write: bool,
}

/// What the handler does after the hook has seen a fault.
pub enum Verdict {
    /// The process ends at once with this exit code.
    Exit(i32),
    /// The handler that was there before (or the system's: the process crashes) gets it.
    PassOn,
    /// The faulting instruction runs again.
    Retry,
}

/// `si_code` values of `SIGFPE` (the libc crate does not have them): integer division by
/// zero, integer overflow, floating-point division by zero.
#[cfg(linux_like)]
const FPE_CODES: (c_int, c_int, c_int) = (1, 2, 3);
#[cfg(target_vendor = "apple")]
const FPE_CODES: (c_int, c_int, c_int) = (7, 8, 1);
#[cfg(not(any(linux_like, target_vendor = "apple")))]
const FPE_CODES: (c_int, c_int, c_int) = (2, 1, 3);

const SIGNALS: [c_int; 4] = [libc::SIGSEGV, libc::SIGBUS, libc::SIGFPE, libc::SIGILL];

/// The hook (`fn(&Fault) -> Verdict`), as an address.
static HOOK: AtomicUsize = AtomicUsize::new(0);
static INSTALLED: AtomicBool = AtomicBool::new(false);
/// The actions the four signals had before the first installation.
static PREVIOUS: OnceLock<[libc::sigaction; 4]> = OnceLock::new();

/// Routes the four fault signals to `hook` (once; later calls replace the hook).
pub fn catch_faults(hook: fn(&Fault) -> Verdict) -> SysResult<()> {
    HOOK.store(hook as usize, SeqCst);
    if INSTALLED.swap(true, SeqCst) {
        return Ok(());
    }
    let mut previous = [empty_action(); 4];
    for (sig, old) in SIGNALS.iter().zip(previous.iter_mut()) {
        let mut sa = empty_action();
        sa.sa_sigaction =
            on_fault as extern "C" fn(c_int, *mut libc::siginfo_t, *mut c_void) as usize;
        sa.sa_flags = libc::SA_SIGINFO | libc::SA_ONSTACK;
        // SAFETY: installs a handler from a filled sigaction; `old` receives the previous one.
        if unsafe { libc::sigaction(*sig, &sa, old) } != 0 {
            INSTALLED.store(false, SeqCst);
            return Err(super::errno());
        }
    }
    let _ = PREVIOUS.set(previous);
    Ok(())
}

fn empty_action() -> libc::sigaction {
    // SAFETY: sigaction is a plain C structure for which all-zero bytes are valid (SIG_DFL,
    // no flags); the mask is then emptied properly.
    let mut sa: libc::sigaction = unsafe { std::mem::zeroed() };
    // SAFETY: `sa_mask` is a valid sigset_t to initialise.
    unsafe { libc::sigemptyset(&mut sa.sa_mask) };
    sa
}

/// The handler. Runs on the faulting thread.
extern "C" fn on_fault(sig: c_int, info: *mut libc::siginfo_t, ctx: *mut c_void) {
    // SAFETY: the kernel passes a valid siginfo_t for an SA_SIGINFO handler.
    let si_code = unsafe { (*info).si_code };
    let hook = HOOK.load(SeqCst);
    // A signal sent by a process (kill, raise) is not a fault of this thread's code.
    let verdict = if si_code <= 0 || hook == 0 {
        Verdict::PassOn
    } else {
        // SAFETY: HOOK only ever holds a `fn(&Fault) -> Verdict` (catch_faults).
        let hook: fn(&Fault) -> Verdict = unsafe { std::mem::transmute(hook) };
        hook(&describe(sig, si_code, info, ctx))
    };
    match verdict {
        // SAFETY: _exit is async-signal-safe and ends the process.
        Verdict::Exit(code) => unsafe { libc::_exit(code) },
        Verdict::Retry => {}
        Verdict::PassOn => pass_on(sig, si_code),
    }
}

/// Puts back the action `sig` had before and lets it have the fault: returning re-runs the
/// faulting instruction under it; a sent signal is raised again.
fn pass_on(sig: c_int, si_code: c_int) {
    let index = SIGNALS.iter().position(|s| *s == sig).unwrap_or(0);
    let previous = PREVIOUS.get().map_or_else(empty_action, |p| p[index]);
    INSTALLED.store(false, SeqCst);
    // SAFETY: restores a sigaction this module read from the system (or the default).
    unsafe { libc::sigaction(sig, &previous, std::ptr::null_mut()) };
    if si_code <= 0 {
        // SAFETY: raise is async-signal-safe.
        unsafe { libc::raise(sig) };
    }
}

fn describe(sig: c_int, si_code: c_int, info: *mut libc::siginfo_t, ctx: *mut c_void) -> Fault {
    // SAFETY: si_addr is valid for the four fault signals.
    let address = unsafe { (*info).si_addr() } as usize;
    let code = match sig {
        libc::SIGSEGV => code::ACCESS_VIOLATION,
        libc::SIGBUS if si_code == libc::BUS_ADRALN => code::DATATYPE_MISALIGNMENT,
        libc::SIGBUS => code::IN_PAGE_ERROR,
        libc::SIGFPE => match si_code {
            c if c == FPE_CODES.0 => code::INT_DIVIDE_BY_ZERO,
            c if c == FPE_CODES.1 => code::INT_OVERFLOW,
            c if c == FPE_CODES.2 => code::FLT_DIVIDE_BY_ZERO,
            _ => code::FLT_INVALID_OPERATION,
        },
        _ => code::ILLEGAL_INSTRUCTION,
    };
    let (pc, write) = machine_state(ctx);
    // SIGFPE and SIGILL report the instruction itself.
    let pc = if pc == 0 && matches!(sig, libc::SIGFPE | libc::SIGILL) {
        address
    } else {
        pc
    };
    Fault {
        code,
        pc,
        address,
        write,
    }
}

/// The faulting instruction's address, and whether a memory fault was a write, from the
/// signal's machine context (0 and false where this is not known).
#[cfg(all(target_os = "linux", target_arch = "x86_64"))]
fn machine_state(ctx: *mut c_void) -> (usize, bool) {
    if ctx.is_null() {
        return (0, false);
    }
    // SAFETY: an SA_SIGINFO handler's third argument is the thread's ucontext_t.
    let regs = unsafe { &(*ctx.cast::<libc::ucontext_t>()).uc_mcontext.gregs };
    // The page-fault error code's bit 1 is set for a write.
    (
        regs[libc::REG_RIP as usize] as usize,
        regs[libc::REG_ERR as usize] & 2 != 0,
    )
}

#[cfg(all(target_os = "linux", target_arch = "aarch64"))]
fn machine_state(ctx: *mut c_void) -> (usize, bool) {
    if ctx.is_null() {
        return (0, false);
    }
    // SAFETY: an SA_SIGINFO handler's third argument is the thread's ucontext_t.
    let pc = unsafe { (*ctx.cast::<libc::ucontext_t>()).uc_mcontext.pc };
    (pc as usize, false)
}

#[cfg(not(all(
    target_os = "linux",
    any(target_arch = "x86_64", target_arch = "aarch64")
)))]
fn machine_state(_ctx: *mut c_void) -> (usize, bool) {
    (0, false)
}

//! One-time initialisation: `InitOnceInitialize`, `InitOnceExecuteOnce`,
//! `InitOnceBeginInitialize`, `InitOnceComplete`. `INIT_ONCE` is one pointer-sized word in the
//! program's memory (`INIT_ONCE_STATIC_INIT` is zero), as on Windows; the logic is in
//! `crate::pool::once`.

use crate::error::set_last_error;
use crate::handle::codes;
use crate::pool::once::{self, Begun, Refused};
use std::os::raw::c_void;
use std::sync::atomic::AtomicUsize;

/// `INIT_ONCE` (`RTL_RUN_ONCE`): one pointer-sized word.
#[repr(C)]
#[derive(Clone, Copy)]
pub union _RTL_RUN_ONCE {
    pub Ptr: *mut c_void,
}

/// `PINIT_ONCE_FN`: `BOOL CALLBACK f(PINIT_ONCE InitOnce, PVOID Parameter, PVOID *Context)`.
pub type PINIT_ONCE_FN =
    Option<unsafe extern "C" fn(*mut _RTL_RUN_ONCE, *mut c_void, *mut *mut c_void) -> i32>;

/// `INIT_ONCE_CHECK_ONLY`, `INIT_ONCE_ASYNC`, `INIT_ONCE_INIT_FAILED`.
const CHECK_ONLY: u32 = 1;
const ASYNC: u32 = 2;
const INIT_FAILED: u32 = 4;

/// The program's word as an atomic; None for NULL.
///
/// # Safety
/// `p` must be NULL or point to an `INIT_ONCE` that stays valid while the call runs.
unsafe fn word<'a>(p: *mut _RTL_RUN_ONCE) -> Option<&'a AtomicUsize> {
    // SAFETY: caller guarantee; the union is one pointer-sized, pointer-aligned word.
    unsafe { (p as *const AtomicUsize).as_ref() }
}

fn fail(code: i32) -> i32 {
    set_last_error(code);
    0
}

/// Sets an `INIT_ONCE` to its initial state.
///
/// # Safety
/// `InitOnce` must be NULL or a writable `INIT_ONCE` no thread is using.
#[no_mangle]
pub unsafe extern "C" fn InitOnceInitialize(InitOnce: *mut _RTL_RUN_ONCE) {
    // SAFETY: caller guarantee.
    if let Some(w) = unsafe { word(InitOnce) } {
        once::reset(w);
    }
}

/// Calls `InitFn(InitOnce, Parameter, Context)` if no call for this `INIT_ONCE` has
/// succeeded yet; threads that arrive meanwhile wait for it. The function gets the caller's
/// `Context` pointer (its value as the caller left it; a pointer to NULL when `Context` is
/// NULL) and stores its context there. TRUE once a call returned TRUE (a later call gets the
/// stored context, its two low bits cleared, in `*Context`); FALSE if this thread's call
/// returned FALSE, the last error untouched as on Windows (a later call tries again); FALSE with
/// `ERROR_INVALID_PARAMETER` while `INIT_ONCE_ASYNC` initialisations run.
///
/// # Safety
/// `InitOnce` must be a valid `INIT_ONCE`; `Context` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn InitOnceExecuteOnce(
    InitOnce: *mut _RTL_RUN_ONCE,
    InitFn: PINIT_ONCE_FN,
    Parameter: *mut c_void,
    Context: *mut *mut c_void,
) -> i32 {
    // SAFETY: caller guarantee.
    let (Some(w), Some(f)) = (unsafe { word(InitOnce) }, InitFn) else {
        return fail(codes::ERROR_INVALID_PARAMETER);
    };
    let mut ran = false;
    let result = once::execute_once(w, || {
        ran = true;
        let mut own: *mut c_void = std::ptr::null_mut();
        let ctx = if Context.is_null() { &mut own } else { Context };
        // SAFETY: the program's function with its own arguments; `ctx` is the caller's
        // writable pointer or ours.
        let ok = unsafe { f(InitOnce, Parameter, ctx) };
        // SAFETY: as above.
        (ok != 0).then(|| unsafe { *ctx } as usize)
    });
    match result {
        Ok(Some(ctx)) => {
            if !ran && !Context.is_null() {
                // SAFETY: caller guarantee.
                unsafe { *Context = ctx as *mut c_void };
            }
            1
        }
        Ok(None) => 0,
        Err(_) => fail(codes::ERROR_INVALID_PARAMETER),
    }
}

/// Begins a one-time initialisation by hand: `*fPending` TRUE means the caller initialises
/// now and must call `InitOnceComplete`; FALSE means it is done (`*lpContext` gets its
/// context). `INIT_ONCE_CHECK_ONLY`: never waits or begins (FALSE with `ERROR_GEN_FAILURE`
/// when not done). `INIT_ONCE_ASYNC`: never waits; every caller is pending until one of them
/// completes. A synchronous call while asynchronous ones run (or the reverse), or
/// `CHECK_ONLY` with `ASYNC`: FALSE with `ERROR_INVALID_PARAMETER`.
///
/// # Safety
/// `lpInitOnce` a valid `INIT_ONCE`; `fPending` writable; `lpContext` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn InitOnceBeginInitialize(
    lpInitOnce: *mut _RTL_RUN_ONCE,
    dwFlags: u32,
    fPending: *mut i32,
    lpContext: *mut *mut c_void,
) -> i32 {
    // SAFETY: caller guarantee.
    let Some(w) = (unsafe { word(lpInitOnce) }) else {
        return fail(codes::ERROR_INVALID_PARAMETER);
    };
    if fPending.is_null() || dwFlags & !(CHECK_ONLY | ASYNC) != 0 || dwFlags == CHECK_ONLY | ASYNC {
        return fail(codes::ERROR_INVALID_PARAMETER);
    }
    match once::begin(w, dwFlags & CHECK_ONLY != 0, dwFlags & ASYNC != 0) {
        Ok(Begun::Done(ctx)) => {
            // SAFETY: caller guarantee.
            unsafe {
                *fPending = 0;
                if !lpContext.is_null() {
                    *lpContext = ctx as *mut c_void;
                }
            }
            1
        }
        Ok(Begun::Pending) => {
            // SAFETY: caller guarantee.
            unsafe { *fPending = 1 };
            1
        }
        Err(Refused::OtherMode) => fail(codes::ERROR_INVALID_PARAMETER),
        Err(Refused::NotPending) => fail(codes::ERROR_GEN_FAILURE),
    }
}

/// Ends an initialisation begun with `InitOnceBeginInitialize`: done with `lpContext` (its two
/// low bits must be 0; `INIT_ONCE_ASYNC` for an asynchronous one), or with
/// `INIT_ONCE_INIT_FAILED` (synchronous only, context NULL) abandoned so that another thread
/// may begin. FALSE with `ERROR_GEN_FAILURE` if none was in progress (an asynchronous one
/// another thread completed first included), `ERROR_INVALID_PARAMETER` for other flags, a
/// context with its low bits set, a failure with a context or `INIT_ONCE_ASYNC`, or a mode
/// other than the one begun.
///
/// # Safety
/// `lpInitOnce` must be a valid `INIT_ONCE`.
#[no_mangle]
pub unsafe extern "C" fn InitOnceComplete(
    lpInitOnce: *mut _RTL_RUN_ONCE,
    dwFlags: u32,
    lpContext: *mut c_void,
) -> i32 {
    // SAFETY: caller guarantee.
    let Some(w) = (unsafe { word(lpInitOnce) }) else {
        return fail(codes::ERROR_INVALID_PARAMETER);
    };
    let failed = dwFlags & INIT_FAILED != 0;
    let asynchronous = dwFlags & ASYNC != 0;
    if dwFlags & !(INIT_FAILED | ASYNC) != 0
        || lpContext as usize & 3 != 0
        || (failed && (asynchronous || !lpContext.is_null()))
    {
        return fail(codes::ERROR_INVALID_PARAMETER);
    }
    match once::complete(w, failed, asynchronous, lpContext as usize) {
        Ok(()) => 1,
        Err(Refused::OtherMode) => fail(codes::ERROR_INVALID_PARAMETER),
        Err(Refused::NotPending) => fail(codes::ERROR_GEN_FAILURE),
    }
}

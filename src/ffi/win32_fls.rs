//! Fiber-local storage: `FlsAlloc`, `FlsGetValue`, `FlsSetValue`, `FlsFree` over
//! `crate::handle::fls` (a value per thread; Windows' callbacks at thread exit and `FlsFree`).

use crate::error::set_last_error;
use crate::handle::fls;
use std::os::raw::c_void;
use std::sync::Arc;

/// `PFLS_CALLBACK_FUNCTION`: `VOID WINAPI f(PVOID lpFlsData)`.
pub type PFLS_CALLBACK_FUNCTION = Option<unsafe extern "C" fn(*mut c_void)>;

/// `FLS_OUT_OF_INDEXES`.
const FLS_OUT_OF_INDEXES: u32 = 0xFFFF_FFFF;
const ERROR_INVALID_PARAMETER: i32 = 87;
const ERROR_NOT_ENOUGH_MEMORY: i32 = 8;

/// Allocates a fiber-local storage index (never 0) whose value is NULL in every thread.
/// `lpCallback` (may be NULL) is called with a thread's non-NULL value when the thread exits
/// (before its handle is signalled) and, for every thread's non-NULL value, by `FlsFree`.
/// `FLS_OUT_OF_INDEXES` with `ERROR_NOT_ENOUGH_MEMORY` once all 4079 indexes are in use.
/// Differences from Windows: there are no fibers (a value belongs to its thread); the main
/// thread's values get no callback when the process exits.
#[no_mangle]
pub extern "C" fn FlsAlloc(lpCallback: PFLS_CALLBACK_FUNCTION) -> u32 {
    let callback = lpCallback.map(|f| -> fls::Callback {
        Arc::new(move |value| {
            // SAFETY: the program registered `f` with FlsAlloc as a `PFLS_CALLBACK_FUNCTION`;
            // it is called with a value the program stored, as Windows calls it.
            unsafe { f(value as *mut c_void) }
        })
    });
    fls::alloc(callback).unwrap_or_else(|| {
        set_last_error(ERROR_NOT_ENOUGH_MEMORY);
        FLS_OUT_OF_INDEXES
    })
}

/// The calling thread's value at `dwFlsIndex` (NULL when none was stored), the last error set
/// to `ERROR_SUCCESS` as on Windows; NULL with `ERROR_INVALID_PARAMETER` for index 0 or one
/// past the last (4079). As on Windows, an index in range that is not allocated reads its
/// value without an error.
#[no_mangle]
pub extern "C" fn FlsGetValue(dwFlsIndex: u32) -> *mut c_void {
    match fls::get(dwFlsIndex) {
        Some(value) => {
            set_last_error(0);
            value as *mut c_void
        }
        None => {
            set_last_error(ERROR_INVALID_PARAMETER);
            std::ptr::null_mut()
        }
    }
}

/// Stores `lpFlsData` at `dwFlsIndex` for the calling thread. FALSE with
/// `ERROR_INVALID_PARAMETER` for index 0 or one past the last, or while the thread's storage
/// is being destroyed at its end.
#[no_mangle]
pub extern "C" fn FlsSetValue(dwFlsIndex: u32, lpFlsData: *mut c_void) -> i32 {
    if fls::set(dwFlsIndex, lpFlsData as usize) {
        1
    } else {
        set_last_error(ERROR_INVALID_PARAMETER);
        0
    }
}

/// Frees `dwFlsIndex`: its callback is called, on this thread, with every thread's non-NULL
/// value, and the values become NULL. FALSE with `ERROR_INVALID_PARAMETER` for an index that
/// is not allocated.
#[no_mangle]
pub extern "C" fn FlsFree(dwFlsIndex: u32) -> i32 {
    if fls::free(dwFlsIndex) {
        1
    } else {
        set_last_error(ERROR_INVALID_PARAMETER);
        0
    }
}

//! `GlobalMemoryStatusEx` and `GlobalMemoryStatus`: the host's memory in Windows'
//! `MEMORYSTATUSEX` / `MEMORYSTATUS` (declared by the compat `<windows.h>`; the figures are
//! `crate::win32::memory`'s).

use super::call;
use crate::handle::{codes, err};
use crate::sys::{copy_from_user, copy_to_user};
use crate::win32::memory::{status, status_ex, MEMORYSTATUSEX_SIZE};
use std::os::raw::c_void;

/// The bytes of a plain repr(C) value.
fn bytes_of<T: Copy>(value: &T) -> &[u8] {
    // SAFETY: `T` is one of this file's plain repr(C) structures of integers (no padding):
    // its bytes are initialised and read for its size only.
    unsafe {
        std::slice::from_raw_parts((value as *const T).cast::<u8>(), std::mem::size_of::<T>())
    }
}

/// Fills a `MEMORYSTATUSEX` whose `dwLength` the caller set to its size (64): the percent of
/// RAM in use, RAM in all and available, the commit limit (RAM plus swap) and what is left of
/// it, and the 128 TB user address space of a 64-bit process less what this process has
/// mapped (Linux; the whole of it elsewhere). `ullAvailExtendedVirtual` is 0.
///
/// Returns TRUE, or FALSE with `ERROR_INVALID_PARAMETER` (`dwLength` is not 64; nothing
/// written) or `ERROR_NOACCESS` (NULL or unwritable pointer; Windows faults).
///
/// # Safety
/// `lpBuffer` should point to a `MEMORYSTATUSEX`.
#[no_mangle]
pub unsafe extern "C" fn GlobalMemoryStatusEx(lpBuffer: *mut c_void) -> i32 {
    call(0, || {
        if lpBuffer.is_null() {
            return Err(err(codes::ERROR_NOACCESS));
        }
        let mut length = [0u8; 4];
        copy_from_user(lpBuffer.cast::<u8>(), &mut length)
            .map_err(|_| err(codes::ERROR_NOACCESS))?;
        if u32::from_ne_bytes(length) != MEMORYSTATUSEX_SIZE {
            return Err(err(codes::ERROR_INVALID_PARAMETER));
        }
        let s = status_ex(&crate::sys::host::memory());
        copy_to_user(lpBuffer.cast(), bytes_of(&s)).map_err(|_| err(codes::ERROR_NOACCESS))?;
        Ok(1)
    })
}

/// Fills a `MEMORYSTATUS` (56 bytes on 64-bit systems) with `GlobalMemoryStatusEx`'s figures,
/// `dwLength` included (the call sets it). Sets no error; a NULL or unwritable pointer is
/// ignored (Windows faults).
///
/// # Safety
/// `lpBuffer` should point to a writable `MEMORYSTATUS`.
#[no_mangle]
pub unsafe extern "C" fn GlobalMemoryStatus(lpBuffer: *mut c_void) {
    if lpBuffer.is_null() {
        return;
    }
    let s = status(&crate::sys::host::memory());
    let _ = copy_to_user(lpBuffer.cast(), bytes_of(&s));
}

/// `IsBadReadPtr`: TRUE when any of the `ucb` bytes at `lp` cannot be read (NULL is bad unless
/// `ucb` is 0; a size of 0 is never bad). Probed by checked copies through the kernel
/// (`crate::sys::range_readable`), never by touching the memory; like Windows' answer, it can
/// be stale by the time the caller uses the memory.
#[no_mangle]
pub extern "C" fn IsBadReadPtr(lp: *const c_void, ucb: usize) -> i32 {
    i32::from(ucb != 0 && !crate::sys::range_readable(lp as usize, ucb))
}

/// `IsBadWritePtr`: TRUE when any of the `ucb` bytes at `lp` cannot be written. Nothing is
/// written: on Linux the mappings' permissions (`/proc/self/maps`) decide, elsewhere readable
/// memory counts as writable (`crate::sys::range_writable`).
#[no_mangle]
pub extern "C" fn IsBadWritePtr(lp: *mut c_void, ucb: usize) -> i32 {
    i32::from(ucb != 0 && !crate::sys::range_writable(lp as usize, ucb))
}

/// `IsBadCodePtr`: TRUE when the byte at `lpfn` cannot be read (whether it may be executed is
/// not asked; Windows checks read access too).
#[no_mangle]
pub extern "C" fn IsBadCodePtr(lpfn: super::win32_module::FARPROC) -> i32 {
    i32::from(!crate::sys::range_readable(
        lpfn.map_or(0, |f| f as usize),
        1,
    ))
}

/// A string of `unit`-byte characters at `lp` is bad when it cannot be read up to its
/// terminator or up to `max` characters, whichever comes first.
fn bad_string(lp: usize, unit: usize, max: usize) -> i32 {
    i32::from(!crate::sys::string_readable(lp, unit, max))
}

/// `IsBadStringPtrA`: TRUE when the string cannot be read up to its NUL or `ucchMax` chars.
#[no_mangle]
pub extern "C" fn IsBadStringPtrA(lpsz: *const c_void, ucchMax: usize) -> i32 {
    bad_string(lpsz as usize, 1, ucchMax)
}

/// `IsBadStringPtrW`: as `IsBadStringPtrA` for a UTF-16 string (`ucchMax` in WCHARs).
#[no_mangle]
pub extern "C" fn IsBadStringPtrW(lpsz: *const c_void, ucchMax: usize) -> i32 {
    bad_string(lpsz as usize, 2, ucchMax)
}

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

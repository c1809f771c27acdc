//! `VirtualAlloc`, `VirtualFree`, `VirtualProtect` over `win32::virtual_memory`.

use crate::win32::virtual_memory as vm;
use std::os::raw::c_void;

/// Runs a call through the ABI's `call`: a Win32 error code becomes `fail` with that last
/// error.
fn run<T>(fail: T, body: impl FnOnce() -> Result<T, u32>) -> T {
    super::call(fail, || {
        body().map_err(|code| crate::handle::err(code as i32))
    })
}

/// Reserves (`MEM_RESERVE`) and/or commits (`MEM_COMMIT`) pages: with `lpAddress` NULL a new
/// region at a 64 KiB boundary of the system's choosing, with an address the pages of a
/// region already reserved (a region cannot be reserved at a given address here:
/// `ERROR_INVALID_ADDRESS`). `flProtect` is one `PAGE_*` value (`PAGE_GUARD`, `PAGE_NOCACHE`,
/// `PAGE_WRITECOMBINE` accepted without effect). Committed pages read as zero. Returns the
/// base, or NULL with `ERROR_INVALID_PARAMETER`, `ERROR_INVALID_ADDRESS`,
/// `ERROR_NOT_ENOUGH_MEMORY`.
#[no_mangle]
pub extern "C" fn VirtualAlloc(
    lpAddress: *mut c_void,
    dwSize: usize,
    flAllocationType: u32,
    flProtect: u32,
) -> *mut c_void {
    run(std::ptr::null_mut(), || {
        vm::alloc(lpAddress as usize, dwSize, flAllocationType, flProtect).map(|a| a as *mut c_void)
    })
}

/// `MEM_RELEASE` (`dwSize` 0, the region's base: the whole region) or `MEM_DECOMMIT` (the
/// pages of the range; `dwSize` 0 from the base: all of them). TRUE, or FALSE with
/// `ERROR_INVALID_PARAMETER` / `ERROR_INVALID_ADDRESS`.
#[no_mangle]
pub extern "C" fn VirtualFree(lpAddress: *mut c_void, dwSize: usize, dwFreeType: u32) -> i32 {
    run(0, || {
        vm::free(lpAddress as usize, dwSize, dwFreeType).map(|()| 1)
    })
}

/// Changes the protection of committed pages; the previous protection (of the first page)
/// goes to `*lpflOldProtect`, which must not be NULL (`ERROR_NOACCESS`, as on Windows).
///
/// # Safety
/// `lpflOldProtect` must be NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn VirtualProtect(
    lpAddress: *mut c_void,
    dwSize: usize,
    flNewProtect: u32,
    lpflOldProtect: *mut u32,
) -> i32 {
    const ERROR_NOACCESS: u32 = 998;
    run(0, || {
        if lpflOldProtect.is_null() {
            return Err(ERROR_NOACCESS);
        }
        let old = vm::protect(lpAddress as usize, dwSize, flNewProtect)?;
        // SAFETY: caller guarantee.
        unsafe { lpflOldProtect.write(old) };
        Ok(1)
    })
}

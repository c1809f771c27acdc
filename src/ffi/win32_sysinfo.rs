//! `GetSystemInfo` and `GetNativeSystemInfo`: the host's page size and processor count in
//! Windows' `SYSTEM_INFO` (declared by the compat `<windows.h>`).

use crate::sys::copy_to_user;
use crate::win32::sysinfo::{system_info, SystemInfo};
use std::os::raw::c_void;

/// Shared body: writes the structure through the kernel-checked copy.
fn fill(out: *mut c_void) {
    if out.is_null() {
        return;
    }
    let info = system_info();
    // SAFETY: `SystemInfo` is a plain repr(C) value; its bytes are read for its size only.
    let bytes = unsafe {
        std::slice::from_raw_parts(
            (&info as *const SystemInfo).cast::<u8>(),
            std::mem::size_of::<SystemInfo>(),
        )
    };
    // An unwritable pointer is left alone (Windows faults); nothing is reported.
    let _ = copy_to_user(out.cast(), bytes);
}

/// Fills a `SYSTEM_INFO` (Windows' Win64 layout, 48 bytes): `wProcessorArchitecture`
/// `PROCESSOR_ARCHITECTURE_AMD64` (9) or `_ARM64` (12), `dwPageSize` the host's page size,
/// `dwNumberOfProcessors` the online processors (at most 64, as one Windows processor group)
/// with the matching `dwActiveProcessorMask`, `dwAllocationGranularity` 65536 and Windows'
/// 64-bit application address range. Differences from Windows: `wProcessorLevel` and
/// `wProcessorRevision` are 0. Sets no error; a NULL or unwritable pointer is ignored (Windows
/// faults).
///
/// # Safety
/// `lpSystemInfo` should point to a writable `SYSTEM_INFO`.
#[no_mangle]
pub unsafe extern "C" fn GetSystemInfo(lpSystemInfo: *mut c_void) {
    fill(lpSystemInfo);
}

/// `GetSystemInfo` (a 64-bit process sees the native system already).
///
/// # Safety
/// As for `GetSystemInfo`.
#[no_mangle]
pub unsafe extern "C" fn GetNativeSystemInfo(lpSystemInfo: *mut c_void) {
    fill(lpSystemInfo);
}

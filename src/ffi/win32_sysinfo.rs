//! `GetSystemInfo` and `GetNativeSystemInfo`: the host's page size and processor count in
//! Windows' `SYSTEM_INFO` (declared by the compat `<windows.h>`).

use crate::error::WsaError;
use crate::sys::copy_to_user;
use crate::win32::processor_info;
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

/// `ALL_PROCESSOR_GROUPS`.
const ALL_PROCESSOR_GROUPS: u16 = 0xffff;
/// `ERROR_INVALID_PARAMETER`.
const ERROR_INVALID_PARAMETER: i32 = 87;

/// The processors of `group` out of `count`: Windows puts at most 64 in a group, so group `g`
/// holds processors `64 g` to `64 g + 63`; `ALL_PROCESSOR_GROUPS` counts them all. 0 with
/// `ERROR_INVALID_PARAMETER` for a group that does not exist, as on Windows.
fn in_group(count: u32, group: u16) -> u32 {
    if group == ALL_PROCESSOR_GROUPS {
        return count;
    }
    let n = count.saturating_sub(u32::from(group) * 64).min(64);
    if n == 0 {
        crate::error::set_last_error(ERROR_INVALID_PARAMETER);
    }
    n
}

/// `GetActiveProcessorCount`: the processors online now, in `GroupNumber` or in all groups
/// (`ALL_PROCESSOR_GROUPS`).
#[no_mangle]
pub extern "C" fn GetActiveProcessorCount(GroupNumber: u16) -> u32 {
    in_group(crate::sys::host::online_processors(), GroupNumber)
}

/// `GetMaximumProcessorCount`: the processors the system has (online or not,
/// `_SC_NPROCESSORS_CONF`), in `GroupNumber` or in all groups (`ALL_PROCESSOR_GROUPS`).
#[no_mangle]
pub extern "C" fn GetMaximumProcessorCount(GroupNumber: u16) -> u32 {
    in_group(crate::sys::host::configured_processors(), GroupNumber)
}

/// Describes the host's processors as Windows' `SYSTEM_LOGICAL_PROCESSOR_INFORMATION` array
/// (x64 layout, 32 bytes a record): one `RelationProcessorCore` record per core (`Flags`
/// `LTP_PC_SMT` when it runs several logical processors), one `RelationCache` record per cache
/// (level, associativity, line size, size, type), one `RelationProcessorPackage` per package
/// and one `RelationNumaNode` per node, each with the `ProcessorMask` of its logical
/// processors (numbered as `GetSystemInfo` counts them). Linux reads the layout from sysfs;
/// elsewhere each processor is its own core, in one package and one node, and no caches are
/// listed.
///
/// TRUE with `*ReturnedLength` the bytes written; FALSE with `ERROR_INSUFFICIENT_BUFFER` and
/// `*ReturnedLength` the size needed when the buffer (`*ReturnedLength` bytes) is too small or
/// NULL; FALSE with `ERROR_INVALID_PARAMETER` for a NULL `ReturnedLength`, `ERROR_NOACCESS`
/// for memory that cannot be read or written.
///
/// # Safety
/// `Buffer` must be NULL or writable for `*ReturnedLength` bytes.
#[no_mangle]
pub unsafe extern "C" fn GetLogicalProcessorInformation(
    Buffer: *mut c_void,
    ReturnedLength: *mut u32,
) -> i32 {
    const ERROR_NOACCESS: i32 = 998;
    const ERROR_INSUFFICIENT_BUFFER: i32 = 122;
    super::call(0, || {
        if ReturnedLength.is_null() {
            return Err(WsaError(ERROR_INVALID_PARAMETER));
        }
        let mut have = [0u8; 4];
        crate::sys::copy_from_user(ReturnedLength.cast(), &mut have)
            .map_err(|_| WsaError(ERROR_NOACCESS))?;
        let bytes = processor_info::records(&crate::sys::cpu_topology::topology()).concat();
        let needed = (bytes.len() as u32).to_ne_bytes();
        if Buffer.is_null() || u32::from_ne_bytes(have) < bytes.len() as u32 {
            copy_to_user(ReturnedLength.cast(), &needed).map_err(|_| WsaError(ERROR_NOACCESS))?;
            return Err(WsaError(ERROR_INSUFFICIENT_BUFFER));
        }
        copy_to_user(Buffer.cast(), &bytes).map_err(|_| WsaError(ERROR_NOACCESS))?;
        copy_to_user(ReturnedLength.cast(), &needed).map_err(|_| WsaError(ERROR_NOACCESS))?;
        Ok(1)
    })
}

/// Whether the processor has Windows' feature `ProcessorFeature` (a `PF_*` number): asked of
/// the processor where the feature is an instruction set (on x86_64: MMX, SSE to SSE4.2,
/// SSSE3, AVX, AVX2, AVX-512F, RDTSC, RDRAND, CMPXCHG16B, XSAVE, ERMS; on AArch64: NEON, the
/// crypto and CRC32 instructions, LSE atomics, ...), TRUE for what every processor of the
/// architecture has (x86_64: CMPXCHG8B, PAE, NX, SSE DAZ mode), FALSE for another
/// architecture's features, for `PF_FASTFAIL_AVAILABLE`, `PF_RDWRFSGSBASE_AVAILABLE`, the
/// virtualization features and unknown numbers. Sets no error.
#[no_mangle]
pub extern "C" fn IsProcessorFeaturePresent(ProcessorFeature: u32) -> i32 {
    i32::from(crate::win32::cpu_features::present(ProcessorFeature))
}

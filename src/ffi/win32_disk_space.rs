//! `GetDiskFreeSpaceExA/W` and `GetDiskFreeSpaceA/W`: the size and free space of the file
//! system holding a directory (`statvfs`). Any directory names its file system; `C:\`, the
//! one drive ws2mp reports, is the root (as is `\`), another drive letter's root is
//! `ERROR_PATH_NOT_FOUND`; NULL is the current directory's. A name that does not exist (or "")
//! is `ERROR_PATH_NOT_FOUND`, a file `ERROR_DIRECTORY`.

use super::call;
use crate::error::WsaResult;
use crate::handle::err;
use crate::sys::disk_space::{self, Space};
use std::os::raw::{c_char, c_void};

const ERROR_PATH_NOT_FOUND: i32 = 3;
const ERROR_DIRECTORY: i32 = 267;
/// The sector size `GetDiskFreeSpace` reports (the system does not say).
const BYTES_PER_SECTOR: u64 = 512;

/// The sizes of the file system of `dir` (None: the current directory), Windows' errors.
fn space(dir: Option<String>) -> WsaResult<Space> {
    let c = super::win32_volume::root_dir(dir)?;
    match crate::sys::file::probe(&c) {
        None => return Err(err(ERROR_PATH_NOT_FOUND)),
        Some((false, _)) => return Err(err(ERROR_DIRECTORY)),
        Some((true, _)) => {}
    }
    disk_space::of(&c).map_err(|e| match e {
        libc::ENOENT | libc::ENOTDIR => err(ERROR_PATH_NOT_FOUND),
        e => crate::handle::file::error(e),
    })
}

/// # Safety
/// Each pointer must be NULL or point to a writable `ULARGE_INTEGER`.
unsafe fn report_ex(s: &Space, out: [*mut c_void; 3]) -> i32 {
    for (p, v) in out.into_iter().zip([s.available, s.total, s.free]) {
        if !p.is_null() {
            // SAFETY: caller guarantee.
            unsafe { (p as *mut u64).write_unaligned(v) };
        }
    }
    1
}

/// # Safety
/// Each pointer must be NULL or point to a writable `DWORD`.
unsafe fn report(s: &Space, out: [*mut u32; 4]) -> i32 {
    let cluster = s.block.max(BYTES_PER_SECTOR);
    let clusters = |bytes: u64| u32::try_from(bytes / cluster).unwrap_or(u32::MAX);
    let values = [
        (cluster / BYTES_PER_SECTOR) as u32,
        BYTES_PER_SECTOR as u32,
        clusters(s.available),
        clusters(s.total),
    ];
    for (p, v) in out.into_iter().zip(values) {
        if !p.is_null() {
            // SAFETY: caller guarantee.
            unsafe { p.write_unaligned(v) };
        }
    }
    1
}

/// The bytes free to the caller, the total bytes and the bytes free in all on the file system
/// of `lpDirectoryName` (NULL: the current directory's); any out pointer may be NULL. TRUE, or
/// FALSE with `ERROR_PATH_NOT_FOUND`, `ERROR_DIRECTORY`, `ERROR_ACCESS_DENIED`.
///
/// # Safety
/// `lpDirectoryName` must be NULL or a NUL-terminated string; each out pointer NULL or a
/// writable `ULARGE_INTEGER`.
#[no_mangle]
pub unsafe extern "C" fn GetDiskFreeSpaceExA(
    lpDirectoryName: *const c_char,
    lpFreeBytesAvailableToCaller: *mut c_void,
    lpTotalNumberOfBytes: *mut c_void,
    lpTotalNumberOfFreeBytes: *mut c_void,
) -> i32 {
    // SAFETY: caller guarantee.
    let dir = unsafe { super::win32_sync::name_a(lpDirectoryName) };
    call(0, || {
        let s = space(dir)?;
        let out = [
            lpFreeBytesAvailableToCaller,
            lpTotalNumberOfBytes,
            lpTotalNumberOfFreeBytes,
        ];
        // SAFETY: caller guarantee.
        Ok(unsafe { report_ex(&s, out) })
    })
}

/// `GetDiskFreeSpaceExA` with a UTF-16 name.
///
/// # Safety
/// As for `GetDiskFreeSpaceExA`, the name in UTF-16.
#[no_mangle]
pub unsafe extern "C" fn GetDiskFreeSpaceExW(
    lpDirectoryName: *const u16,
    lpFreeBytesAvailableToCaller: *mut c_void,
    lpTotalNumberOfBytes: *mut c_void,
    lpTotalNumberOfFreeBytes: *mut c_void,
) -> i32 {
    // SAFETY: caller guarantee.
    let dir = unsafe { super::win32_sync::name_w(lpDirectoryName) };
    call(0, || {
        let s = space(dir)?;
        let out = [
            lpFreeBytesAvailableToCaller,
            lpTotalNumberOfBytes,
            lpTotalNumberOfFreeBytes,
        ];
        // SAFETY: caller guarantee.
        Ok(unsafe { report_ex(&s, out) })
    })
}

/// The file system of `lpRootPathName` (NULL: the current directory's) in clusters: a cluster
/// is the file system's block, in 512-byte sectors; the free clusters are those free to the
/// caller; counts past 0xFFFFFFFF are reported as 0xFFFFFFFF (use `GetDiskFreeSpaceEx`). Any
/// out pointer may be NULL. TRUE, or FALSE with the errors of `GetDiskFreeSpaceExA`.
///
/// # Safety
/// `lpRootPathName` must be NULL or a NUL-terminated string; each out pointer NULL or a
/// writable `DWORD`.
#[no_mangle]
pub unsafe extern "C" fn GetDiskFreeSpaceA(
    lpRootPathName: *const c_char,
    lpSectorsPerCluster: *mut u32,
    lpBytesPerSector: *mut u32,
    lpNumberOfFreeClusters: *mut u32,
    lpTotalNumberOfClusters: *mut u32,
) -> i32 {
    // SAFETY: caller guarantee.
    let dir = unsafe { super::win32_sync::name_a(lpRootPathName) };
    call(0, || {
        let s = space(dir)?;
        let out = [
            lpSectorsPerCluster,
            lpBytesPerSector,
            lpNumberOfFreeClusters,
            lpTotalNumberOfClusters,
        ];
        // SAFETY: caller guarantee.
        Ok(unsafe { report(&s, out) })
    })
}

/// `GetDiskFreeSpaceA` with a UTF-16 name.
///
/// # Safety
/// As for `GetDiskFreeSpaceA`, the name in UTF-16.
#[no_mangle]
pub unsafe extern "C" fn GetDiskFreeSpaceW(
    lpRootPathName: *const u16,
    lpSectorsPerCluster: *mut u32,
    lpBytesPerSector: *mut u32,
    lpNumberOfFreeClusters: *mut u32,
    lpTotalNumberOfClusters: *mut u32,
) -> i32 {
    // SAFETY: caller guarantee.
    let dir = unsafe { super::win32_sync::name_w(lpRootPathName) };
    call(0, || {
        let s = space(dir)?;
        let out = [
            lpSectorsPerCluster,
            lpBytesPerSector,
            lpNumberOfFreeClusters,
            lpTotalNumberOfClusters,
        ];
        // SAFETY: caller guarantee.
        Ok(unsafe { report(&s, out) })
    })
}

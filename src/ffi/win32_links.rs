//! `CreateHardLinkA/W` and `CreateSymbolicLinkA/W`: a second name for a file, and a link to a
//! file or directory (`\` read as `/` in both names; a symbolic link's target is stored as
//! the system spells it, relative targets relative to the link's directory as on Windows).

use super::call;
use super::win32_sync::{name_a, name_w};
use crate::error::WsaResult;
use crate::handle::{codes, err, file};
use crate::win32::path::native;
use std::os::raw::{c_char, c_void};

const ERROR_ALREADY_EXISTS: i32 = codes::ERROR_ALREADY_EXISTS;
/// `SYMBOLIC_LINK_FLAG_DIRECTORY` and `SYMBOLIC_LINK_FLAG_ALLOW_UNPRIVILEGED_CREATE`.
const SYMBOLIC_LINK_FLAGS: u32 = 0x1 | 0x2;

fn link_error(e: std::io::Error) -> crate::error::WsaError {
    match e.raw_os_error() {
        Some(libc::EEXIST) => err(ERROR_ALREADY_EXISTS),
        // A hard link across file systems (Windows: ERROR_NOT_SAME_DEVICE).
        Some(libc::EXDEV) => err(17),
        // A hard link to a directory.
        Some(libc::EPERM) => err(codes::ERROR_ACCESS_DENIED),
        Some(errno) => file::error(errno),
        None => err(codes::ERROR_INVALID_PARAMETER),
    }
}

fn hard_link(new: Option<String>, existing: Option<String>) -> WsaResult<i32> {
    let (Some(new), Some(existing)) = (new, existing) else {
        return Err(err(codes::ERROR_INVALID_PARAMETER));
    };
    std::fs::hard_link(native(&existing), native(&new)).map_err(link_error)?;
    Ok(1)
}

fn symbolic_link(link: Option<String>, target: Option<String>, flags: u32) -> WsaResult<u8> {
    let (Some(link), Some(target)) = (link, target) else {
        return Err(err(codes::ERROR_INVALID_PARAMETER));
    };
    if flags & !SYMBOLIC_LINK_FLAGS != 0 {
        return Err(err(codes::ERROR_INVALID_PARAMETER));
    }
    std::os::unix::fs::symlink(native(&target), native(&link)).map_err(link_error)?;
    Ok(1)
}

/// Gives the file `lpExistingFileName` a second name, `lpFileName` (both on one file system);
/// `lpSecurityAttributes` is ignored. TRUE, or FALSE with `ERROR_ALREADY_EXISTS`,
/// `ERROR_FILE_NOT_FOUND`, `ERROR_PATH_NOT_FOUND`, `ERROR_NOT_SAME_DEVICE` (another file
/// system), `ERROR_ACCESS_DENIED` (a directory, or no permission).
///
/// # Safety
/// The names must be NULL or NUL-terminated strings.
#[no_mangle]
pub unsafe extern "C" fn CreateHardLinkA(
    lpFileName: *const c_char,
    lpExistingFileName: *const c_char,
    lpSecurityAttributes: *mut c_void,
) -> i32 {
    let _ = lpSecurityAttributes;
    // SAFETY: caller guarantee.
    let (new, existing) = unsafe { (name_a(lpFileName), name_a(lpExistingFileName)) };
    call(0, || hard_link(new, existing))
}

/// `CreateHardLinkA` with UTF-16 names.
///
/// # Safety
/// The names must be NULL or NUL-terminated UTF-16 strings.
#[no_mangle]
pub unsafe extern "C" fn CreateHardLinkW(
    lpFileName: *const u16,
    lpExistingFileName: *const u16,
    lpSecurityAttributes: *mut c_void,
) -> i32 {
    let _ = lpSecurityAttributes;
    // SAFETY: caller guarantee.
    let (new, existing) = unsafe { (name_w(lpFileName), name_w(lpExistingFileName)) };
    call(0, || hard_link(new, existing))
}

/// Makes `lpSymlinkFileName` a symbolic link to `lpTargetFileName` (which need not exist; a
/// relative target is taken from the link's directory). `dwFlags`:
/// `SYMBOLIC_LINK_FLAG_DIRECTORY` and `SYMBOLIC_LINK_FLAG_ALLOW_UNPRIVILEGED_CREATE` are
/// accepted (no privilege is needed here), others are `ERROR_INVALID_PARAMETER`. Returns
/// TRUE (its `BOOLEAN` is one byte), or FALSE with `ERROR_ALREADY_EXISTS`,
/// `ERROR_PATH_NOT_FOUND`, `ERROR_ACCESS_DENIED`.
///
/// # Safety
/// The names must be NULL or NUL-terminated strings.
#[no_mangle]
pub unsafe extern "C" fn CreateSymbolicLinkA(
    lpSymlinkFileName: *const c_char,
    lpTargetFileName: *const c_char,
    dwFlags: u32,
) -> u8 {
    // SAFETY: caller guarantee.
    let (link, target) = unsafe { (name_a(lpSymlinkFileName), name_a(lpTargetFileName)) };
    call(0, || symbolic_link(link, target, dwFlags))
}

/// `CreateSymbolicLinkA` with UTF-16 names.
///
/// # Safety
/// The names must be NULL or NUL-terminated UTF-16 strings.
#[no_mangle]
pub unsafe extern "C" fn CreateSymbolicLinkW(
    lpSymlinkFileName: *const u16,
    lpTargetFileName: *const u16,
    dwFlags: u32,
) -> u8 {
    // SAFETY: caller guarantee.
    let (link, target) = unsafe { (name_w(lpSymlinkFileName), name_w(lpTargetFileName)) };
    call(0, || symbolic_link(link, target, dwFlags))
}

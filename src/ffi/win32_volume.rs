//! Drives and volumes: `GetLogicalDrives`, `GetLogicalDriveStringsA/W`, `GetDriveTypeA/W`
//! and `GetVolumeInformationA/W`.
//!
//! ws2mp reports one drive, `C:`, standing for the system's root: a program that lists the
//! drives and then asks each for its type, its volume or its free space (`GetDiskFreeSpaceEx`)
//! gets answers about `/`. Any other directory names the file system that holds it, as a
//! mounted folder does on Windows; another drive letter's root is a drive that does not exist.

use super::call;
use super::win32_sync::{name_a, name_w};
use super::win32_toolhelp::{copy_name, Fit, Unit};
use crate::error::WsaResult;
use crate::handle::{codes, err};
use crate::sys::volume::{self, Class, Volume};
use crate::win32::path::{volume_root, VolumeRoot};
use std::ffi::CString;
use std::os::raw::c_char;

const ERROR_PATH_NOT_FOUND: i32 = 3;
const ERROR_DIRECTORY: i32 = 267;

/// `GetDriveType`'s answers.
const DRIVE_NO_ROOT_DIR: u32 = 1;
const DRIVE_FIXED: u32 = 3;
const DRIVE_REMOTE: u32 = 4;
const DRIVE_CDROM: u32 = 5;
const DRIVE_RAMDISK: u32 = 6;

/// `GetVolumeInformation`'s file system flags.
const FILE_CASE_SENSITIVE_SEARCH: u32 = 0x1;
const FILE_CASE_PRESERVED_NAMES: u32 = 0x2;
const FILE_UNICODE_ON_DISK: u32 = 0x4;
const FILE_PERSISTENT_ACLS: u32 = 0x8;
const FILE_SUPPORTS_REPARSE_POINTS: u32 = 0x80;
const FILE_SUPPORTS_HARD_LINKS: u32 = 0x0040_0000;

/// The drive strings: `C:\`, then the list's closing NUL.
const DRIVES: &str = "C:\\";

/// The directory a root name stands for (None: the current directory's volume), as a C
/// string, with `ERROR_PATH_NOT_FOUND` for a drive that does not exist or a name that cannot
/// be a path.
pub(super) fn root_dir(root: Option<String>) -> WsaResult<CString> {
    let dir = match root.as_deref().map(volume_root) {
        None => ".".to_owned(),
        Some(VolumeRoot::Dir(d)) if !d.is_empty() => d,
        Some(_) => return Err(err(ERROR_PATH_NOT_FOUND)),
    };
    CString::new(dir).map_err(|_| err(ERROR_PATH_NOT_FOUND))
}

/// The volume of an existing directory: `ERROR_PATH_NOT_FOUND` for a missing name,
/// `ERROR_DIRECTORY` for a file.
fn volume_of(dir: &CString) -> WsaResult<(Volume, u64)> {
    let st = crate::sys::file_stat::stat_path(dir).map_err(|_| err(ERROR_PATH_NOT_FOUND))?;
    if !st.directory {
        return Err(err(ERROR_DIRECTORY));
    }
    let v = volume::of(dir).map_err(crate::handle::file::error)?;
    Ok((v, st.dev))
}

/// The drives there are, one bit each (bit 0 `A:`): `C:` only.
#[no_mangle]
pub extern "C" fn GetLogicalDrives() -> u32 {
    call(0, || Ok(1 << 2))
}

/// `GetLogicalDriveStringsA/W`: `C:\`, then the list's closing NUL.
///
/// # Safety
/// `buf` must be NULL or hold `size` writable characters.
unsafe fn drive_strings<T: Unit>(size: u32, buf: *mut T) -> u32 {
    call(0, || {
        let mut units = T::encode(DRIVES);
        units.push(T::default());
        // The strings and the list's NUL; the return leaves that NUL out.
        let needed = units.len() as u32 + 1;
        if buf.is_null() || size < needed {
            return Ok(needed);
        }
        // SAFETY: caller guarantee: `size` units, and `needed <= size`.
        unsafe { copy_name(&units, buf, needed, Fit::Whole)? };
        Ok(needed - 1)
    })
}

/// Fills `lpBuffer` with the drives' root names, each NUL-terminated, and a NUL after the
/// last: `"C:\\\0\0"`. Returns the characters copied without the last NUL (4), or the size
/// the buffer needs (5) when it is NULL or smaller.
///
/// # Safety
/// `lpBuffer` must be NULL or hold `nBufferLength` writable characters.
#[no_mangle]
pub unsafe extern "C" fn GetLogicalDriveStringsA(nBufferLength: u32, lpBuffer: *mut c_char) -> u32 {
    // SAFETY: caller guarantee.
    unsafe { drive_strings(nBufferLength, lpBuffer) }
}

/// `GetLogicalDriveStringsA` in UTF-16, sizes in `WCHAR`s.
///
/// # Safety
/// `lpBuffer` must be NULL or hold `nBufferLength` writable `WCHAR`s.
#[no_mangle]
pub unsafe extern "C" fn GetLogicalDriveStringsW(nBufferLength: u32, lpBuffer: *mut u16) -> u32 {
    // SAFETY: caller guarantee.
    unsafe { drive_strings(nBufferLength, lpBuffer) }
}

fn drive_type(root: Option<String>) -> u32 {
    let Ok(dir) = root_dir(root) else {
        return DRIVE_NO_ROOT_DIR;
    };
    match volume_of(&dir) {
        Ok((v, _)) => match v.class {
            Class::Fixed => DRIVE_FIXED,
            Class::Remote => DRIVE_REMOTE,
            Class::CdRom => DRIVE_CDROM,
            Class::RamDisk => DRIVE_RAMDISK,
        },
        Err(_) => DRIVE_NO_ROOT_DIR,
    }
}

/// What kind of drive holds `lpRootPathName` (NULL: the current directory's):
/// `DRIVE_FIXED` (3), `DRIVE_REMOTE` (4: NFS, SMB), `DRIVE_CDROM` (5), `DRIVE_RAMDISK` (6:
/// tmpfs), or `DRIVE_NO_ROOT_DIR` (1) for a name that is no directory or a drive other than
/// `C:`. `C:\` is the system's root.
///
/// # Safety
/// `lpRootPathName` must be NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn GetDriveTypeA(lpRootPathName: *const c_char) -> u32 {
    // SAFETY: caller guarantee.
    let root = unsafe { name_a(lpRootPathName) };
    call(DRIVE_NO_ROOT_DIR, || Ok(drive_type(root)))
}

/// `GetDriveTypeA` with a UTF-16 name.
///
/// # Safety
/// `lpRootPathName` must be NULL or a NUL-terminated UTF-16 string.
#[no_mangle]
pub unsafe extern "C" fn GetDriveTypeW(lpRootPathName: *const u16) -> u32 {
    // SAFETY: caller guarantee.
    let root = unsafe { name_w(lpRootPathName) };
    call(DRIVE_NO_ROOT_DIR, || Ok(drive_type(root)))
}

/// The program's out-pointers of `GetVolumeInformation`, in either character type.
struct VolumeOut<T> {
    name: (*mut T, u32),
    serial: *mut u32,
    max_component: *mut u32,
    flags: *mut u32,
    fs_name: (*mut T, u32),
}

/// # Safety
/// As `GetVolumeInformationA`: every pointer NULL or writable for its size.
unsafe fn volume_information<T: Unit>(root: Option<String>, out: VolumeOut<T>) -> i32 {
    call(0, || {
        let (v, dev) = volume_of(&root_dir(root)?)?;
        let flags = match v.fs_name.as_str() {
            "FAT32" | "exFAT" => FILE_CASE_PRESERVED_NAMES | FILE_UNICODE_ON_DISK,
            _ => {
                FILE_CASE_SENSITIVE_SEARCH
                    | FILE_CASE_PRESERVED_NAMES
                    | FILE_UNICODE_ON_DISK
                    | FILE_PERSISTENT_ACLS
                    | FILE_SUPPORTS_REPARSE_POINTS
                    | FILE_SUPPORTS_HARD_LINKS
            }
        };
        // The strings first: a buffer too small fails before anything is written.
        let texts = [
            (out.name, T::encode("")),
            (out.fs_name, T::encode(&v.fs_name)),
        ];
        if texts
            .iter()
            .any(|((buf, size), units)| !buf.is_null() && units.len() >= *size as usize)
        {
            return Err(err(codes::ERROR_BAD_LENGTH));
        }
        for ((buf, size), units) in texts {
            if !buf.is_null() {
                // SAFETY: caller guarantee: `size` units, checked above to hold the text.
                unsafe { copy_name(&units, buf, size, Fit::Whole)? };
            }
        }
        // The same number `GetFileInformationByHandle` gives its files' volume.
        for (p, value) in [
            (out.serial, dev as u32),
            (out.max_component, v.name_max),
            (out.flags, flags),
        ] {
            if !p.is_null() {
                // SAFETY: caller guarantee: a writable DWORD.
                unsafe { p.write_unaligned(value) };
            }
        }
        Ok(1)
    })
}

/// Describes the volume (file system) of `lpRootPathName` (NULL: the current directory's; `C:\`
/// is the system's root; any directory names the file system holding it): the volume's label
/// (empty: file systems here have none ws2mp reads), a serial number (the device number, as
/// `GetFileInformationByHandle`'s `dwVolumeSerialNumber`), the longest name a directory holds,
/// `FILE_*` flags (case-sensitive, case-preserving, Unicode, ACLs, links; FAT: the middle two)
/// and the file system's type name (`ext4`, `xfs`, `btrfs`, `tmpfs`, `nfs`, `NTFS`, `FAT32`,
/// ...). Every out pointer may be NULL. TRUE, or FALSE with `ERROR_PATH_NOT_FOUND` (no such
/// directory or drive), `ERROR_DIRECTORY` (a file), `ERROR_BAD_LENGTH` (a name buffer too
/// small).
///
/// # Safety
/// Each pointer must be NULL or writable: the name buffers for their sizes in characters, the
/// others for a `DWORD`.
#[no_mangle]
pub unsafe extern "C" fn GetVolumeInformationA(
    lpRootPathName: *const c_char,
    lpVolumeNameBuffer: *mut c_char,
    nVolumeNameSize: u32,
    lpVolumeSerialNumber: *mut u32,
    lpMaximumComponentLength: *mut u32,
    lpFileSystemFlags: *mut u32,
    lpFileSystemNameBuffer: *mut c_char,
    nFileSystemNameSize: u32,
) -> i32 {
    // SAFETY: caller guarantee.
    let root = unsafe { name_a(lpRootPathName) };
    let out = VolumeOut {
        name: (lpVolumeNameBuffer, nVolumeNameSize),
        serial: lpVolumeSerialNumber,
        max_component: lpMaximumComponentLength,
        flags: lpFileSystemFlags,
        fs_name: (lpFileSystemNameBuffer, nFileSystemNameSize),
    };
    // SAFETY: caller guarantee.
    unsafe { volume_information(root, out) }
}

/// `GetVolumeInformationA` in UTF-16, sizes in `WCHAR`s.
///
/// # Safety
/// As `GetVolumeInformationA`.
#[no_mangle]
pub unsafe extern "C" fn GetVolumeInformationW(
    lpRootPathName: *const u16,
    lpVolumeNameBuffer: *mut u16,
    nVolumeNameSize: u32,
    lpVolumeSerialNumber: *mut u32,
    lpMaximumComponentLength: *mut u32,
    lpFileSystemFlags: *mut u32,
    lpFileSystemNameBuffer: *mut u16,
    nFileSystemNameSize: u32,
) -> i32 {
    // SAFETY: caller guarantee.
    let root = unsafe { name_w(lpRootPathName) };
    let out = VolumeOut {
        name: (lpVolumeNameBuffer, nVolumeNameSize),
        serial: lpVolumeSerialNumber,
        max_component: lpMaximumComponentLength,
        flags: lpFileSystemFlags,
        fs_name: (lpFileSystemNameBuffer, nFileSystemNameSize),
    };
    // SAFETY: caller guarantee.
    unsafe { volume_information(root, out) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_c_drive_is_the_root_and_other_letters_are_missing() {
        let c = drive_type(Some("C:\\".into()));
        assert!((DRIVE_FIXED..=DRIVE_RAMDISK).contains(&c));
        assert_eq!(c, drive_type(Some("/".into())));
        assert_eq!(drive_type(Some("Q:\\".into())), DRIVE_NO_ROOT_DIR);
        assert_eq!(drive_type(Some("/no/such/dir".into())), DRIVE_NO_ROOT_DIR);
        assert_eq!(drive_type(Some(String::new())), DRIVE_NO_ROOT_DIR);
    }
}

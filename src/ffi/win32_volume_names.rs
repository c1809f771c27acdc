//! Volumes by their unique names: `FindFirstVolumeA/W`, `FindNextVolumeA/W`,
//! `FindVolumeClose`, `GetVolumeNameForVolumeMountPointA/W` and
//! `GetVolumePathNamesForVolumeNameA/W`.
//!
//! There is one volume, the one drive ws2mp reports (`C:`, the system's root): its unique name
//! is [`C_VOLUME_NAME`] (`\\?\Volume{...}\`, 49 characters as on Windows), which the volume
//! calls (`GetVolumeInformation`, `GetDriveType`, `GetDiskFreeSpace(Ex)`) take as they take
//! `C:\`. A program that lists the volumes, then asks each for its drive letters and its
//! description, finds `C:\`.

use super::call;
use super::win32_sync::{name_a, name_w};
use super::win32_toolhelp::{copy_name, Fit, Unit};
use crate::error::WsaResult;
use crate::handle::err;
use crate::win32::path::{volume_root, VolumeRoot, C_VOLUME_NAME};
use std::collections::HashSet;
use std::os::raw::{c_char, c_void};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

const ERROR_FILE_NOT_FOUND: i32 = 2;
const ERROR_INVALID_HANDLE: i32 = 6;
const ERROR_NO_MORE_FILES: i32 = 18;
const ERROR_INVALID_PARAMETER: i32 = 87;
const ERROR_INVALID_NAME: i32 = 123;
const ERROR_FILENAME_EXCED_RANGE: i32 = 206;
const ERROR_MORE_DATA: i32 = 234;
const ERROR_NOT_A_REPARSE_POINT: i32 = 4390;

/// `INVALID_HANDLE_VALUE`.
const INVALID: *mut c_void = usize::MAX as *mut c_void;

/// The volume searches open (`FindFirstVolume` to `FindVolumeClose`), by handle value.
static SEARCHES: Mutex<Option<HashSet<usize>>> = Mutex::new(None);
/// The next search's handle value: a range of its own, word-aligned, never NULL.
static NEXT: AtomicUsize = AtomicUsize::new(0x5600_0000);

/// The drive letters the volume is mounted at: `C:\`, then the list's closing NUL.
const C_PATHS: &str = "C:\\";

/// Copies the one volume's name; `ERROR_FILENAME_EXCED_RANGE` when `size` cannot hold it
/// (Windows Vista and later).
///
/// # Safety
/// `buf` must be NULL or hold `size` writable units.
unsafe fn give_name<T: Unit>(buf: *mut T, size: u32) -> WsaResult<()> {
    let units = T::encode(C_VOLUME_NAME);
    if buf.is_null() || (size as usize) <= units.len() {
        return Err(err(ERROR_FILENAME_EXCED_RANGE));
    }
    // SAFETY: caller guarantee: `size` units, more than the name.
    unsafe { copy_name(&units, buf, size, Fit::Whole)? };
    Ok(())
}

fn searching(handle: *mut c_void, close: bool) -> WsaResult<()> {
    let mut open = SEARCHES.lock().unwrap_or_else(|e| e.into_inner());
    let set = open.get_or_insert_with(HashSet::new);
    let known = if close {
        set.remove(&(handle as usize))
    } else {
        set.contains(&(handle as usize))
    };
    known.then_some(()).ok_or(err(ERROR_INVALID_HANDLE))
}

/// # Safety
/// As `FindFirstVolumeA`.
unsafe fn find_first<T: Unit>(buf: *mut T, size: u32) -> *mut c_void {
    call(INVALID, || {
        // SAFETY: caller guarantee.
        unsafe { give_name(buf, size)? };
        let handle = NEXT.fetch_add(4, Ordering::Relaxed);
        let mut open = SEARCHES.lock().unwrap_or_else(|e| e.into_inner());
        open.get_or_insert_with(HashSet::new).insert(handle);
        Ok(handle as *mut c_void)
    })
}

/// Starts a listing of the volumes: the first one's unique name (`\\?\Volume{...}\`) in
/// `lpszVolumeName`, and the handle for `FindNextVolumeA` and `FindVolumeClose`. There is one
/// volume, `C:`. `INVALID_HANDLE_VALUE` with `ERROR_FILENAME_EXCED_RANGE` when
/// `cchBufferLength` cannot hold the name (50 characters with the NUL).
///
/// # Safety
/// `lpszVolumeName` must be NULL or hold `cchBufferLength` writable characters.
#[no_mangle]
pub unsafe extern "C" fn FindFirstVolumeA(
    lpszVolumeName: *mut c_char,
    cchBufferLength: u32,
) -> *mut c_void {
    // SAFETY: caller guarantee.
    unsafe { find_first(lpszVolumeName, cchBufferLength) }
}

/// `FindFirstVolumeA` in UTF-16.
///
/// # Safety
/// `lpszVolumeName` must be NULL or hold `cchBufferLength` writable `WCHAR`s.
#[no_mangle]
pub unsafe extern "C" fn FindFirstVolumeW(
    lpszVolumeName: *mut u16,
    cchBufferLength: u32,
) -> *mut c_void {
    // SAFETY: caller guarantee.
    unsafe { find_first(lpszVolumeName, cchBufferLength) }
}

/// The next volume of a listing: FALSE with `ERROR_NO_MORE_FILES` (the one volume was the
/// first), or `ERROR_INVALID_HANDLE` for a handle `FindFirstVolume` did not give.
#[no_mangle]
pub extern "C" fn FindNextVolumeA(
    hFindVolume: *mut c_void,
    _lpszVolumeName: *mut c_char,
    _cchBufferLength: u32,
) -> i32 {
    call(0, || {
        searching(hFindVolume, false)?;
        Err(err(ERROR_NO_MORE_FILES))
    })
}

/// `FindNextVolumeA` in UTF-16.
#[no_mangle]
pub extern "C" fn FindNextVolumeW(
    hFindVolume: *mut c_void,
    _lpszVolumeName: *mut u16,
    _cchBufferLength: u32,
) -> i32 {
    call(0, || {
        searching(hFindVolume, false)?;
        Err(err(ERROR_NO_MORE_FILES))
    })
}

/// Ends a listing `FindFirstVolume` started: TRUE, or FALSE with `ERROR_INVALID_HANDLE`.
#[no_mangle]
pub extern "C" fn FindVolumeClose(hFindVolume: *mut c_void) -> i32 {
    call(0, || searching(hFindVolume, true).map(|()| 1))
}

/// # Safety
/// As `GetVolumeNameForVolumeMountPointA`.
unsafe fn name_for_mount_point<T: Unit>(mount: Option<String>, buf: *mut T, size: u32) -> i32 {
    call(0, || {
        let mount = mount.ok_or(err(ERROR_INVALID_PARAMETER))?;
        if (size as usize) <= C_VOLUME_NAME.len() {
            return Err(err(ERROR_FILENAME_EXCED_RANGE));
        }
        if !mount.ends_with(['\\', '/']) {
            return Err(err(ERROR_INVALID_NAME));
        }
        match volume_root(&mount) {
            VolumeRoot::Dir(d) if d == "/" => {}
            VolumeRoot::Dir(d) => {
                let dir = std::ffi::CString::new(d).map_err(|_| err(ERROR_INVALID_NAME))?;
                return Err(err(match crate::sys::file_stat::stat_path(&dir) {
                    Ok(st) if st.directory => ERROR_NOT_A_REPARSE_POINT,
                    _ => ERROR_FILE_NOT_FOUND,
                }));
            }
            VolumeRoot::NoDrive => return Err(err(ERROR_FILE_NOT_FOUND)),
        }
        // SAFETY: caller guarantee.
        unsafe { give_name(buf, size)? };
        Ok(1)
    })
}

/// The unique name (`\\?\Volume{...}\`) of the volume mounted at `lpszVolumeMountPoint`,
/// which ends in `\`: `C:\` (the root, `\` and `/` too) or the volume's own unique name.
/// FALSE with `ERROR_FILENAME_EXCED_RANGE` (`cchBufferLength` under 50), `ERROR_INVALID_NAME`
/// (no trailing `\`), `ERROR_FILE_NOT_FOUND` (another drive letter, a missing directory) or
/// `ERROR_NOT_A_REPARSE_POINT` (a directory that is not a mount point: ws2mp has no other).
///
/// # Safety
/// `lpszVolumeMountPoint` must be NULL or NUL-terminated, `lpszVolumeName` NULL or writable
/// for `cchBufferLength` characters.
#[no_mangle]
pub unsafe extern "C" fn GetVolumeNameForVolumeMountPointA(
    lpszVolumeMountPoint: *const c_char,
    lpszVolumeName: *mut c_char,
    cchBufferLength: u32,
) -> i32 {
    // SAFETY: caller guarantee.
    unsafe {
        name_for_mount_point(
            name_a(lpszVolumeMountPoint),
            lpszVolumeName,
            cchBufferLength,
        )
    }
}

/// `GetVolumeNameForVolumeMountPointA` in UTF-16.
///
/// # Safety
/// As `GetVolumeNameForVolumeMountPointA`, in `WCHAR`s.
#[no_mangle]
pub unsafe extern "C" fn GetVolumeNameForVolumeMountPointW(
    lpszVolumeMountPoint: *const u16,
    lpszVolumeName: *mut u16,
    cchBufferLength: u32,
) -> i32 {
    // SAFETY: caller guarantee.
    unsafe {
        name_for_mount_point(
            name_w(lpszVolumeMountPoint),
            lpszVolumeName,
            cchBufferLength,
        )
    }
}

/// # Safety
/// As `GetVolumePathNamesForVolumeNameA`.
unsafe fn path_names<T: Unit>(
    volume: Option<String>,
    buf: *mut T,
    size: u32,
    needed_out: *mut u32,
) -> i32 {
    call(0, || {
        let volume = volume.ok_or(err(ERROR_INVALID_PARAMETER))?;
        if !volume.eq_ignore_ascii_case(C_VOLUME_NAME) {
            return Err(err(ERROR_INVALID_NAME));
        }
        let mut units = T::encode(C_PATHS);
        units.push(T::default());
        // The names with their NULs and the list's closing NUL.
        let needed = units.len() as u32 + 1;
        if !needed_out.is_null() {
            // SAFETY: caller guarantee: a writable DWORD.
            unsafe { needed_out.write_unaligned(needed) };
        }
        if buf.is_null() || size < needed {
            return Err(err(ERROR_MORE_DATA));
        }
        // SAFETY: caller guarantee: `size` units, and `needed <= size`.
        unsafe { copy_name(&units, buf, needed, Fit::Whole)? };
        Ok(1)
    })
}

/// The drive letters and folders the volume `lpszVolumeName` (its unique name, with the
/// trailing `\`) is mounted at, each NUL-terminated, then a NUL: `"C:\\\0\0"`. TRUE, with the
/// characters used in `*lpcchReturnLength`; FALSE with `ERROR_MORE_DATA` and the size needed
/// there when the buffer is short; `ERROR_INVALID_NAME` for a name that is not a volume's.
///
/// # Safety
/// `lpszVolumeName` must be NULL or NUL-terminated, `lpszVolumePathNames` NULL or writable for
/// `cchBufferLength` characters, `lpcchReturnLength` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn GetVolumePathNamesForVolumeNameA(
    lpszVolumeName: *const c_char,
    lpszVolumePathNames: *mut c_char,
    cchBufferLength: u32,
    lpcchReturnLength: *mut u32,
) -> i32 {
    // SAFETY: caller guarantee.
    unsafe {
        path_names(
            name_a(lpszVolumeName),
            lpszVolumePathNames,
            cchBufferLength,
            lpcchReturnLength,
        )
    }
}

/// `GetVolumePathNamesForVolumeNameA` in UTF-16.
///
/// # Safety
/// As `GetVolumePathNamesForVolumeNameA`, in `WCHAR`s.
#[no_mangle]
pub unsafe extern "C" fn GetVolumePathNamesForVolumeNameW(
    lpszVolumeName: *const u16,
    lpszVolumePathNames: *mut u16,
    cchBufferLength: u32,
    lpcchReturnLength: *mut u32,
) -> i32 {
    // SAFETY: caller guarantee.
    unsafe {
        path_names(
            name_w(lpszVolumeName),
            lpszVolumePathNames,
            cchBufferLength,
            lpcchReturnLength,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_volume_is_listed_and_its_search_closes_once() {
        let mut name = [0u16; 50];
        // SAFETY: a 50-unit buffer.
        let h = unsafe { FindFirstVolumeW(name.as_mut_ptr(), 50) };
        assert_ne!(h, INVALID);
        assert_eq!(String::from_utf16_lossy(&name[..49]), C_VOLUME_NAME);
        assert_eq!(FindNextVolumeW(h, name.as_mut_ptr(), 50), 0);
        assert_eq!(FindVolumeClose(h), 1);
        assert_eq!(FindVolumeClose(h), 0);
        // SAFETY: a 49-unit buffer is too small.
        assert_eq!(unsafe { FindFirstVolumeW(name.as_mut_ptr(), 49) }, INVALID);
    }
}

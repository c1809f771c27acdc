//! `FindFirstFileA/W`, `FindNextFileA/W`, `FindClose` over `win32::find`, filling Windows'
//! `WIN32_FIND_DATAA` (320 bytes) and `WIN32_FIND_DATAW` (592 bytes).

use super::win32_sync::{name_a, name_w};
use crate::win32::find::{self, Found};
use std::os::raw::{c_char, c_void};

const INVALID_HANDLE_VALUE: *mut c_void = usize::MAX as *mut c_void;
/// `MAX_PATH`: the characters of `cFileName`, its NUL included.
const MAX_PATH: usize = 260;

/// `WIN32_FIND_DATA`'s layout, generic over the character type; FILETIMEs are two DWORDs.
#[repr(C)]
pub(crate) struct FindData<T: Copy, const ALT: usize> {
    attributes: u32,
    created: [u32; 2],
    accessed: [u32; 2],
    written: [u32; 2],
    size_high: u32,
    size_low: u32,
    reserved: [u32; 2],
    file_name: [T; MAX_PATH],
    alternate_file_name: [T; ALT],
}

const _: () = assert!(std::mem::size_of::<FindData<u8, 14>>() == 320);
const _: () = assert!(std::mem::size_of::<FindData<u16, 14>>() == 592);

fn split(t: u64) -> [u32; 2] {
    [t as u32, (t >> 32) as u32]
}

impl<T: Copy + Default, const ALT: usize> FindData<T, ALT> {
    fn of(f: &Found, name: &[T]) -> Self {
        let mut file_name = [T::default(); MAX_PATH];
        let n = name.len().min(MAX_PATH - 1);
        file_name[..n].copy_from_slice(&name[..n]);
        FindData {
            attributes: f.attributes,
            created: split(f.created),
            accessed: split(f.accessed),
            written: split(f.written),
            size_high: (f.size >> 32) as u32,
            size_low: f.size as u32,
            reserved: [0; 2],
            file_name,
            alternate_file_name: [T::default(); ALT],
        }
    }
}

fn narrow(f: &Found) -> FindData<u8, 14> {
    FindData::of(f, f.name.as_bytes())
}

fn wide(f: &Found) -> FindData<u16, 14> {
    FindData::of(f, &f.name.encode_utf16().collect::<Vec<_>>())
}

/// Runs a call through the ABI's `call`: a Win32 error code becomes `fail` with that last
/// error.
fn run<T>(fail: T, body: impl FnOnce() -> Result<T, u32>) -> T {
    super::call(fail, || {
        body().map_err(|code| crate::handle::err(code as i32))
    })
}

/// Writes `data` to the program's structure.
///
/// # Safety
/// `out` must be NULL or point to a writable `WIN32_FIND_DATA` of the matching kind.
unsafe fn store<D>(out: *mut c_void, data: D) -> Result<(), u32> {
    if out.is_null() {
        return Err(crate::win32::codes::ERROR_INVALID_PARAMETER);
    }
    // SAFETY: caller guarantee; the structure holds only DWORDs and characters (align 4 at
    // most, which Windows' structure has too), written unaligned to be safe.
    unsafe { out.cast::<D>().write_unaligned(data) };
    Ok(())
}

fn first_found(spec: Option<String>) -> Result<(usize, Found), u32> {
    find::first(&spec.ok_or(find::ERROR_PATH_NOT_FOUND)?)
}

/// Starts a search of `lpFileName` (`dir\*.txt`, `*`, a single name; see `win32::find`):
/// fills `lpFindFileData` with the first entry and returns the handle for `FindNextFileA`,
/// or `INVALID_HANDLE_VALUE` with `ERROR_FILE_NOT_FOUND` (no match) or
/// `ERROR_PATH_NOT_FOUND` (no such directory).
///
/// # Safety
/// `lpFileName` must be NULL or NUL-terminated; `lpFindFileData` must point to a
/// `WIN32_FIND_DATAA`.
#[no_mangle]
pub unsafe extern "C" fn FindFirstFileA(
    lpFileName: *const c_char,
    lpFindFileData: *mut c_void,
) -> *mut c_void {
    run(INVALID_HANDLE_VALUE, || {
        // SAFETY: caller guarantee.
        let (handle, f) = first_found(unsafe { name_a(lpFileName) })?;
        // SAFETY: caller guarantee.
        unsafe { store(lpFindFileData, narrow(&f)) }.inspect_err(|_| {
            find::close(handle);
        })?;
        Ok(handle as *mut c_void)
    })
}

/// `FindFirstFileA` with a UTF-16 name, filling a `WIN32_FIND_DATAW`.
///
/// # Safety
/// `lpFileName` must be NULL or NUL-terminated UTF-16; `lpFindFileData` must point to a
/// `WIN32_FIND_DATAW`.
#[no_mangle]
pub unsafe extern "C" fn FindFirstFileW(
    lpFileName: *const u16,
    lpFindFileData: *mut c_void,
) -> *mut c_void {
    run(INVALID_HANDLE_VALUE, || {
        // SAFETY: caller guarantee.
        let (handle, f) = first_found(unsafe { name_w(lpFileName) })?;
        // SAFETY: caller guarantee.
        unsafe { store(lpFindFileData, wide(&f)) }.inspect_err(|_| {
            find::close(handle);
        })?;
        Ok(handle as *mut c_void)
    })
}

/// The search's next entry into `lpFindFileData`: TRUE, or FALSE with `ERROR_NO_MORE_FILES`
/// at the end (`ERROR_INVALID_HANDLE` for a handle that is no search).
///
/// # Safety
/// `lpFindFileData` must point to a `WIN32_FIND_DATAA`.
#[no_mangle]
pub unsafe extern "C" fn FindNextFileA(hFindFile: *mut c_void, lpFindFileData: *mut c_void) -> i32 {
    run(0, || {
        let f = find::next(hFindFile as usize)?;
        // SAFETY: caller guarantee.
        unsafe { store(lpFindFileData, narrow(&f)) }?;
        Ok(1)
    })
}

/// `FindNextFileA` filling a `WIN32_FIND_DATAW`.
///
/// # Safety
/// `lpFindFileData` must point to a `WIN32_FIND_DATAW`.
#[no_mangle]
pub unsafe extern "C" fn FindNextFileW(hFindFile: *mut c_void, lpFindFileData: *mut c_void) -> i32 {
    run(0, || {
        let f = find::next(hFindFile as usize)?;
        // SAFETY: caller guarantee.
        unsafe { store(lpFindFileData, wide(&f)) }?;
        Ok(1)
    })
}

/// Ends a search: TRUE, or FALSE with `ERROR_INVALID_HANDLE`.
#[no_mangle]
pub extern "C" fn FindClose(hFindFile: *mut c_void) -> i32 {
    run(0, || {
        if find::close(hFindFile as usize) {
            Ok(1)
        } else {
            Err(find::ERROR_INVALID_HANDLE)
        }
    })
}

/// `FindExInfoStandard` and `FindExInfoBasic` (no 8.3 name: ws2mp's is always empty).
const FIND_EX_INFO_LEVELS: i32 = 2;
/// `FindExSearchNameMatch` and `FindExSearchLimitToDirectories` (advisory, as on file systems
/// that cannot filter directories: the program checks `FILE_ATTRIBUTE_DIRECTORY`);
/// `FindExSearchLimitToDevices` is not available, as on Windows.
const FIND_EX_SEARCH_OPS: i32 = 2;
/// `FIND_FIRST_EX_CASE_SENSITIVE`, `FIND_FIRST_EX_LARGE_FETCH`,
/// `FIND_FIRST_EX_ON_DISK_ENTRIES_ONLY`.
const FIND_FIRST_EX_FLAGS: u32 = 0x7;

/// `FindFirstFileEx`'s arguments beyond `FindFirstFile`'s: `ERROR_INVALID_PARAMETER` for a
/// level, search or flag Windows does not have, or a search filter.
fn check_ex(level: i32, op: i32, filter: *mut c_void, flags: u32) -> Result<(), u32> {
    if !(0..FIND_EX_INFO_LEVELS).contains(&level)
        || !(0..FIND_EX_SEARCH_OPS).contains(&op)
        || !filter.is_null()
        || flags & !FIND_FIRST_EX_FLAGS != 0
    {
        return Err(crate::win32::codes::ERROR_INVALID_PARAMETER);
    }
    Ok(())
}

/// `FindFirstFileA` with the choices of `FindFirstFileEx`: `fInfoLevelId`
/// `FindExInfoStandard` or `FindExInfoBasic`; `fSearchOp` `FindExSearchNameMatch` or
/// `FindExSearchLimitToDirectories` (advisory: every match is listed, as on NTFS, so the
/// program checks `FILE_ATTRIBUTE_DIRECTORY`); `lpSearchFilter` NULL; `dwAdditionalFlags`
/// `FIND_FIRST_EX_CASE_SENSITIVE`, `_LARGE_FETCH`, `_ON_DISK_ENTRIES_ONLY` (accepted; names
/// match without regard to case). Anything else is `ERROR_INVALID_PARAMETER`.
///
/// # Safety
/// As `FindFirstFileA`.
#[no_mangle]
pub unsafe extern "C" fn FindFirstFileExA(
    lpFileName: *const c_char,
    fInfoLevelId: i32,
    lpFindFileData: *mut c_void,
    fSearchOp: i32,
    lpSearchFilter: *mut c_void,
    dwAdditionalFlags: u32,
) -> *mut c_void {
    if let Err(code) = check_ex(fInfoLevelId, fSearchOp, lpSearchFilter, dwAdditionalFlags) {
        return run(INVALID_HANDLE_VALUE, || Err(code));
    }
    // SAFETY: caller guarantee.
    unsafe { FindFirstFileA(lpFileName, lpFindFileData) }
}

/// `FindFirstFileExA` with a UTF-16 name, filling a `WIN32_FIND_DATAW`.
///
/// # Safety
/// As `FindFirstFileW`.
#[no_mangle]
pub unsafe extern "C" fn FindFirstFileExW(
    lpFileName: *const u16,
    fInfoLevelId: i32,
    lpFindFileData: *mut c_void,
    fSearchOp: i32,
    lpSearchFilter: *mut c_void,
    dwAdditionalFlags: u32,
) -> *mut c_void {
    if let Err(code) = check_ex(fInfoLevelId, fSearchOp, lpSearchFilter, dwAdditionalFlags) {
        return run(INVALID_HANDLE_VALUE, || Err(code));
    }
    // SAFETY: caller guarantee.
    unsafe { FindFirstFileW(lpFileName, lpFindFileData) }
}

//! What a file handle tells about its file: `GetFileTime`, `SetFileTime` and
//! `GetFileInformationByHandle`, on the handles `CreateFile` returns.
//!
//! The creation time is the file's birth time where the system keeps one (`statx` on Linux,
//! `st_birthtime` on macOS and the BSDs), else its change time (`st_ctime`); `SetFileTime`
//! cannot set it and leaves it alone. The volume serial number is the device number (`st_dev`)
//! and the file index the inode number (`st_ino`): together they name the file, as on Windows.

use super::call;
use super::win32_time::{read_filetime, write_filetime};
use crate::handle::{codes, err, file};
use crate::sys::file_stat::{self, Stat};
use crate::win32::filetime;
use std::os::raw::c_void;

fn file_fd(h: *mut c_void) -> crate::error::WsaResult<i32> {
    file::fd_of(h as usize).ok_or(err(codes::ERROR_INVALID_HANDLE))
}

fn stat(h: *mut c_void) -> crate::error::WsaResult<Stat> {
    file_stat::stat(file_fd(h)?).map_err(file::error)
}

/// The FILETIMEs (creation, last access, last write) of a file.
fn times(st: &Stat) -> [u64; 3] {
    let ft = |t: Option<std::time::SystemTime>| t.map_or(0, filetime::of);
    [ft(st.born.or(st.changed)), ft(st.accessed), ft(st.modified)]
}

/// `FILE_ATTRIBUTE_DIRECTORY` (0x10), `FILE_ATTRIBUTE_READONLY` (0x01: the owner may not write
/// it) or `FILE_ATTRIBUTE_NORMAL` (0x80), as `GetFileAttributes` reports them.
pub(super) fn attributes(st: &Stat) -> u32 {
    let mut a = if st.directory { 0x10 } else { 0 };
    if !st.owner_writable {
        a |= 0x01;
    }
    if a == 0 {
        0x80
    } else {
        a
    }
}

/// A file's creation, last access and last write times as FILETIMEs (any pointer may be NULL).
/// TRUE, or FALSE with `ERROR_INVALID_HANDLE` (not a file from `CreateFile`).
///
/// # Safety
/// Each pointer must be NULL or point to a writable `FILETIME`.
#[no_mangle]
pub unsafe extern "C" fn GetFileTime(
    hFile: *mut c_void,
    lpCreationTime: *mut c_void,
    lpLastAccessTime: *mut c_void,
    lpLastWriteTime: *mut c_void,
) -> i32 {
    call(0, || {
        let t = times(&stat(hFile)?);
        for (p, v) in [lpCreationTime, lpLastAccessTime, lpLastWriteTime]
            .into_iter()
            .zip(t)
        {
            if !p.is_null() {
                // SAFETY: caller guarantee.
                unsafe { write_filetime(p, v) };
            }
        }
        Ok(1)
    })
}

/// Sets a file's last access and last write times. A NULL pointer, a zero FILETIME or one of
/// 0xFFFFFFFF in both halves leaves that time as it is; the creation time is never changed
/// (the system has no call for it). The handle must be open for writing: else FALSE with
/// `ERROR_ACCESS_DENIED` (Windows asks for `FILE_WRITE_ATTRIBUTES`). TRUE, or FALSE with
/// `ERROR_INVALID_HANDLE`.
///
/// # Safety
/// Each pointer must be NULL or point to a readable `FILETIME`.
#[no_mangle]
pub unsafe extern "C" fn SetFileTime(
    hFile: *mut c_void,
    lpCreationTime: *const c_void,
    lpLastAccessTime: *const c_void,
    lpLastWriteTime: *const c_void,
) -> i32 {
    let _ = lpCreationTime;
    call(0, || {
        let fd = file_fd(hFile)?;
        if !file_stat::writable(fd).map_err(file::error)? {
            return Err(err(5)); // ERROR_ACCESS_DENIED
        }
        let pick = |p: *const c_void| {
            // SAFETY: caller guarantee.
            unsafe { read_filetime(p) }
                .filter(|&t| !filetime::leaves_alone(t))
                .map(filetime::to_system_time)
        };
        file_stat::set_times(fd, pick(lpLastAccessTime), pick(lpLastWriteTime))
            .map_err(file::error)?;
        Ok(1)
    })
}

/// `BY_HANDLE_FILE_INFORMATION`: 52 bytes, DWORDs and FILETIMEs (two DWORDs each).
#[repr(C)]
struct ByHandleFileInformation {
    attributes: u32,
    times: [[u32; 2]; 3],
    volume_serial_number: u32,
    size_high: u32,
    size_low: u32,
    links: u32,
    index_high: u32,
    index_low: u32,
}

/// Fills `*lpFileInformation` (`BY_HANDLE_FILE_INFORMATION`): the attributes as
/// `GetFileAttributes` gives them, the three times of `GetFileTime`, the volume serial number
/// (the low 32 bits of the device number), the size, the number of links and the file index
/// (the inode number). TRUE, or FALSE with `ERROR_INVALID_HANDLE` or `ERROR_NOACCESS` (NULL).
///
/// # Safety
/// `lpFileInformation` must be NULL or point to a writable `BY_HANDLE_FILE_INFORMATION`.
#[no_mangle]
pub unsafe extern "C" fn GetFileInformationByHandle(
    hFile: *mut c_void,
    lpFileInformation: *mut c_void,
) -> i32 {
    call(0, || {
        let st = stat(hFile)?;
        if lpFileInformation.is_null() {
            return Err(err(codes::ERROR_NOACCESS));
        }
        let size = if st.directory { 0 } else { st.size };
        let split = |v: u64| [v as u32, (v >> 32) as u32];
        let info = ByHandleFileInformation {
            attributes: attributes(&st),
            times: times(&st).map(split),
            volume_serial_number: st.dev as u32,
            size_high: (size >> 32) as u32,
            size_low: size as u32,
            links: u32::try_from(st.nlink).unwrap_or(u32::MAX),
            index_high: (st.ino >> 32) as u32,
            index_low: st.ino as u32,
        };
        // SAFETY: caller guarantee; the structure is 4-aligned on Windows, written unaligned.
        unsafe { (lpFileInformation as *mut ByHandleFileInformation).write_unaligned(info) };
        Ok(1)
    })
}

/// `WIN32_FILE_ATTRIBUTE_DATA`: 36 bytes, the attributes, three FILETIMEs and the size.
#[repr(C)]
struct FileAttributeData {
    attributes: u32,
    times: [[u32; 2]; 3],
    size_high: u32,
    size_low: u32,
}

/// `GetFileExInfoStandard`, the only `GET_FILEEX_INFO_LEVELS` value.
const GET_FILE_EX_INFO_STANDARD: i32 = 0;

fn attributes_ex(
    path: Option<String>,
    level: i32,
    out: *mut c_void,
) -> crate::error::WsaResult<i32> {
    let path = path.ok_or(err(codes::ERROR_INVALID_PARAMETER))?;
    if level != GET_FILE_EX_INFO_STANDARD {
        return Err(err(codes::ERROR_INVALID_PARAMETER));
    }
    let c = super::win32_file::c_path(path)?;
    let st = file_stat::stat_path(&c).map_err(|e| file::path_error(e, &c))?;
    if out.is_null() {
        return Err(err(codes::ERROR_NOACCESS));
    }
    let size = if st.directory { 0 } else { st.size };
    let split = |v: u64| [v as u32, (v >> 32) as u32];
    let data = FileAttributeData {
        attributes: attributes(&st),
        times: times(&st).map(split),
        size_high: (size >> 32) as u32,
        size_low: size as u32,
    };
    // SAFETY: a plain repr(C) structure of integers (no padding), read for its size only.
    let bytes = unsafe {
        std::slice::from_raw_parts(
            (&data as *const FileAttributeData).cast::<u8>(),
            std::mem::size_of::<FileAttributeData>(),
        )
    };
    crate::sys::copy_to_user(out.cast::<u8>(), bytes).map_err(|_| err(codes::ERROR_NOACCESS))?;
    Ok(1)
}

/// `GetFileAttributesExA` (`GetFileExInfoStandard` only, else `ERROR_INVALID_PARAMETER`): fills
/// a `WIN32_FILE_ATTRIBUTE_DATA` with what `GetFileAttributes` and `GetFileInformationByHandle`
/// report for the path (attributes, creation/access/write times, size; 0 for a directory).
/// TRUE, or FALSE with `ERROR_FILE_NOT_FOUND`, `ERROR_PATH_NOT_FOUND`, `ERROR_ACCESS_DENIED`.
///
/// # Safety
/// `lpFileName` must be NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn GetFileAttributesExA(
    lpFileName: *const std::os::raw::c_char,
    fInfoLevelId: i32,
    lpFileInformation: *mut c_void,
) -> i32 {
    // SAFETY: caller guarantee.
    let path = unsafe { super::win32_sync::name_a(lpFileName) };
    call(0, || attributes_ex(path, fInfoLevelId, lpFileInformation))
}

/// `GetFileAttributesExA` with a UTF-16 path.
///
/// # Safety
/// `lpFileName` must be NULL or a NUL-terminated UTF-16 string.
#[no_mangle]
pub unsafe extern "C" fn GetFileAttributesExW(
    lpFileName: *const u16,
    fInfoLevelId: i32,
    lpFileInformation: *mut c_void,
) -> i32 {
    // SAFETY: caller guarantee.
    let path = unsafe { super::win32_sync::name_w(lpFileName) };
    call(0, || attributes_ex(path, fInfoLevelId, lpFileInformation))
}

/// `FILE_ATTRIBUTE_READONLY`.
const FILE_ATTRIBUTE_READONLY: u32 = 0x01;

fn set_attributes(path: Option<String>, attrs: u32) -> crate::error::WsaResult<i32> {
    let path = path.ok_or(err(codes::ERROR_INVALID_PARAMETER))?;
    let c = super::win32_file::c_path(path)?;
    let st = file_stat::stat_path(&c).map_err(|e| file::path_error(e, &c))?;
    if !st.directory {
        file_stat::set_owner_writable(&c, attrs & FILE_ATTRIBUTE_READONLY == 0)
            .map_err(file::error)?;
    }
    Ok(1)
}

/// `SetFileAttributesA`: `FILE_ATTRIBUTE_READONLY` clears the owner write bit of a file, its
/// absence (`FILE_ATTRIBUTE_NORMAL`, ...) sets it; the other attributes (hidden, system,
/// archive, ...) are accepted and ignored, and so is read-only on a directory (on Windows it
/// does not stop writing into the directory; a cleared write bit would). TRUE, or FALSE with
/// `ERROR_FILE_NOT_FOUND`, `ERROR_PATH_NOT_FOUND`, `ERROR_ACCESS_DENIED` (not the owner).
///
/// # Safety
/// `lpFileName` must be NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn SetFileAttributesA(
    lpFileName: *const std::os::raw::c_char,
    dwFileAttributes: u32,
) -> i32 {
    // SAFETY: caller guarantee.
    let path = unsafe { super::win32_sync::name_a(lpFileName) };
    call(0, || set_attributes(path, dwFileAttributes))
}

/// `SetFileAttributesA` with a UTF-16 path.
///
/// # Safety
/// `lpFileName` must be NULL or a NUL-terminated UTF-16 string.
#[no_mangle]
pub unsafe extern "C" fn SetFileAttributesW(lpFileName: *const u16, dwFileAttributes: u32) -> i32 {
    // SAFETY: caller guarantee.
    let path = unsafe { super::win32_sync::name_w(lpFileName) };
    call(0, || set_attributes(path, dwFileAttributes))
}

/// `FILE_INFO_BY_HANDLE_CLASS` values `GetFileInformationByHandleEx` answers.
const FILE_BASIC_INFO: i32 = 0;
const FILE_STANDARD_INFO: i32 = 1;
const FILE_NAME_INFO: i32 = 2;
const FILE_ATTRIBUTE_TAG_INFO: i32 = 9;
const FILE_ALIGNMENT_INFO: i32 = 17;
const FILE_ID_INFO: i32 = 18;
/// `ERROR_MORE_DATA`: a `FILE_NAME_INFO` too small for the whole name.
const ERROR_MORE_DATA: i32 = 234;

/// `FILE_BASIC_INFO`: four `LARGE_INTEGER` times and the attributes (40 bytes).
#[repr(C)]
struct FileBasicInfo {
    times: [u64; 4],
    attributes: u32,
    pad: u32,
}

/// `FILE_STANDARD_INFO` (24 bytes).
#[repr(C)]
struct FileStandardInfo {
    allocation_size: u64,
    end_of_file: u64,
    links: u32,
    delete_pending: u8,
    directory: u8,
    pad: u16,
}

/// `FILE_ID_INFO`: the volume serial number and a 128-bit file id (24 bytes).
#[repr(C)]
struct FileIdInfo {
    volume_serial_number: u64,
    file_id: [u64; 2],
}

/// The bytes of a plain structure of integers (no padding left undefined: every field is
/// named).
fn bytes_of<T>(v: &T) -> &[u8] {
    // SAFETY: `T` is one of the repr(C) structures above, integers only, padding named.
    unsafe { std::slice::from_raw_parts((v as *const T).cast::<u8>(), std::mem::size_of::<T>()) }
}

/// A file handle's path in Windows' shape (`\` between the directories, no drive letter), as
/// `GetModuleFileName` gives the program's.
fn windows_path(h: *mut c_void) -> crate::error::WsaResult<String> {
    let path = crate::sys::volume::path_of(file_fd(h)?).map_err(file::error)?;
    Ok(crate::win32::path::windows(&path))
}

/// What `GetFileInformationByHandleEx` writes for `class` into `room` bytes: the whole
/// structure (a `FILE_NAME_INFO` may be longer than the room: the caller cuts it).
fn information(h: *mut c_void, class: i32, room: usize) -> crate::error::WsaResult<Vec<u8>> {
    let st = stat(h)?;
    let size = if st.directory { 0 } else { st.size };
    let fixed = |bytes: &[u8]| {
        if room < bytes.len() {
            Err(err(codes::ERROR_BAD_LENGTH))
        } else {
            Ok(bytes.to_vec())
        }
    };
    match class {
        FILE_BASIC_INFO => {
            let [created, accessed, written] = times(&st);
            let changed = st.changed.map_or(written, filetime::of);
            fixed(bytes_of(&FileBasicInfo {
                times: [created, accessed, written, changed],
                attributes: attributes(&st),
                pad: 0,
            }))
        }
        FILE_STANDARD_INFO => fixed(bytes_of(&FileStandardInfo {
            allocation_size: size.div_ceil(4096) * 4096,
            end_of_file: size,
            links: u32::try_from(st.nlink).unwrap_or(u32::MAX),
            delete_pending: 0,
            directory: st.directory as u8,
            pad: 0,
        })),
        FILE_NAME_INFO => {
            // FileNameLength (bytes), then the name, cut to the room there is.
            let name: Vec<u16> = windows_path(h)?.encode_utf16().collect();
            let len = (name.len() * 2) as u32;
            let mut bytes = len.to_ne_bytes().to_vec();
            bytes.extend(name.iter().flat_map(|u| u.to_ne_bytes()));
            if room < 4 {
                return Err(err(codes::ERROR_BAD_LENGTH));
            }
            Ok(bytes)
        }
        FILE_ATTRIBUTE_TAG_INFO => {
            fixed(&[attributes(&st).to_ne_bytes(), 0u32.to_ne_bytes()].concat())
        }
        FILE_ALIGNMENT_INFO => fixed(&0u32.to_ne_bytes()),
        FILE_ID_INFO => fixed(bytes_of(&FileIdInfo {
            volume_serial_number: st.dev,
            file_id: [st.ino, 0],
        })),
        _ => Err(err(codes::ERROR_INVALID_PARAMETER)),
    }
}

/// Fills `lpFileInformation` (`dwBufferSize` bytes) with what `FileInformationClass` asks of
/// the file: `FileBasicInfo` (`FILE_BASIC_INFO`: creation, access, write and change times as
/// `LARGE_INTEGER` FILETIMEs, the attributes), `FileStandardInfo` (sizes, links, whether a
/// directory; `DeletePending` 0), `FileNameInfo` (the path in bytes and UTF-16 characters,
/// `\`-separated without a drive letter, not NUL-terminated; a buffer too small gets what fits,
/// the whole length, and FALSE with `ERROR_MORE_DATA`), `FileAttributeTagInfo`,
/// `FileAlignmentInfo` (0: byte alignment) and `FileIdInfo` (the device number and the inode
/// number). Other classes are `ERROR_INVALID_PARAMETER`; a buffer smaller than the structure
/// `ERROR_BAD_LENGTH`; a handle that is no file from `CreateFile` `ERROR_INVALID_HANDLE`.
///
/// # Safety
/// `lpFileInformation` must be NULL or writable for `dwBufferSize` bytes.
#[no_mangle]
pub unsafe extern "C" fn GetFileInformationByHandleEx(
    hFile: *mut c_void,
    FileInformationClass: i32,
    lpFileInformation: *mut c_void,
    dwBufferSize: u32,
) -> i32 {
    call(0, || {
        let room = if lpFileInformation.is_null() {
            0
        } else {
            dwBufferSize as usize
        };
        let bytes = information(hFile, FileInformationClass, room)?;
        let n = bytes.len().min(room);
        // SAFETY: caller guarantee: `room` writable bytes, and `n <= room`.
        unsafe { std::ptr::copy_nonoverlapping(bytes.as_ptr(), lpFileInformation.cast(), n) };
        if n < bytes.len() {
            return Err(err(ERROR_MORE_DATA));
        }
        Ok(1)
    })
}

/// `FILE_NAME_OPENED` and the `VOLUME_NAME_*` choices.
const FINAL_PATH_FLAGS: u32 = 0x8 | 0x7;

/// `GetFinalPathNameByHandleA/W`.
///
/// # Safety
/// `buf` must be NULL or hold `size` writable characters.
unsafe fn final_path<T: super::win32_toolhelp::Unit>(
    h: *mut c_void,
    buf: *mut T,
    size: u32,
    flags: u32,
) -> u32 {
    call(0, || {
        if flags & !FINAL_PATH_FLAGS != 0 || flags & 0x7 > 4 || flags & 0x7 == 3 {
            return Err(err(codes::ERROR_INVALID_PARAMETER));
        }
        let name = T::encode(&windows_path(h)?);
        if buf.is_null() || name.len() >= size as usize {
            // The size the buffer needs, with the NUL.
            return Ok(name.len() as u32 + 1);
        }
        // SAFETY: caller guarantee: `size` units, and the name and its NUL fit.
        unsafe {
            super::win32_toolhelp::copy_name(&name, buf, size, super::win32_toolhelp::Fit::Whole)
        }
    })
}

/// The path of the file `hFile` has open, as the system knows it now (after a rename), in
/// Windows' shape with `\` between the directories and no drive letter (`\srv\logs\a.log`), for
/// every `VOLUME_NAME_*` and `FILE_NAME_*` choice in `dwFlags` (Windows gives
/// `\\?\C:\...` for `VOLUME_NAME_DOS`; every call that takes a path reads this one back).
/// Returns the characters copied without the NUL, or the size the buffer needs with it when it
/// is too small; 0 with `ERROR_INVALID_HANDLE` (no file from `CreateFile`),
/// `ERROR_FILE_NOT_FOUND` (the file was deleted), `ERROR_INVALID_PARAMETER` (unknown flags).
///
/// # Safety
/// `lpszFilePath` must be NULL or hold `cchFilePath` writable characters.
#[no_mangle]
pub unsafe extern "C" fn GetFinalPathNameByHandleA(
    hFile: *mut c_void,
    lpszFilePath: *mut std::os::raw::c_char,
    cchFilePath: u32,
    dwFlags: u32,
) -> u32 {
    // SAFETY: caller guarantee.
    unsafe { final_path(hFile, lpszFilePath, cchFilePath, dwFlags) }
}

/// `GetFinalPathNameByHandleA` in UTF-16, sizes in `WCHAR`s.
///
/// # Safety
/// `lpszFilePath` must be NULL or hold `cchFilePath` writable `WCHAR`s.
#[no_mangle]
pub unsafe extern "C" fn GetFinalPathNameByHandleW(
    hFile: *mut c_void,
    lpszFilePath: *mut u16,
    cchFilePath: u32,
    dwFlags: u32,
) -> u32 {
    // SAFETY: caller guarantee.
    unsafe { final_path(hFile, lpszFilePath, cchFilePath, dwFlags) }
}

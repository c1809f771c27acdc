//! File mappings: `CreateFileMapping`, `OpenFileMapping`, `MapViewOfFile(Ex)`,
//! `UnmapViewOfFile`, `FlushViewOfFile` over `handle::section`. A named mapping backed by the
//! paging file is shared with other processes that name it (the usual way two Windows programs
//! share memory); see `handle::section` for how its lifetime follows Windows'.

use super::call;
use super::win32_sync::{name_a, name_w};
use crate::error::{set_last_error, WsaResult};
use crate::handle::section::{self, Backing, Section};
use crate::handle::{codes, console, err, file, table, Kind, Object};
use std::os::raw::{c_char, c_void};
use std::sync::Arc;

const INVALID_HANDLE_VALUE: usize = usize::MAX;

fn create(
    file_handle: *mut c_void,
    protect: u32,
    size_high: u32,
    size_low: u32,
    name: Option<String>,
) -> WsaResult<*mut c_void> {
    let h = file_handle as usize;
    let backing = if h == INVALID_HANDLE_VALUE {
        Backing::PagingFile
    } else {
        let fd = file::fd_of(h)
            .or_else(|| console::std_fd(h))
            .ok_or(err(codes::ERROR_INVALID_HANDLE))?;
        Backing::File(fd)
    };
    let size = (u64::from(size_high) << 32) | u64::from(size_low);
    let (section, existed) = section::create(backing, protect, size, name.as_deref())?;
    let handle = table::insert(Object::new(Kind::Section(section), None, false)?, false)?;
    set_last_error(if existed {
        codes::ERROR_ALREADY_EXISTS
    } else {
        0
    });
    Ok(handle as *mut c_void)
}

fn open(name: Option<String>) -> WsaResult<*mut c_void> {
    let name = name.ok_or(err(codes::ERROR_INVALID_PARAMETER))?;
    let section = section::open(&name)?;
    Ok(table::insert(Object::new(Kind::Section(section), None, false)?, false)? as *mut c_void)
}

fn section_of(handle: *mut c_void) -> WsaResult<Arc<Section>> {
    match &table::get(handle as usize)?.kind {
        Kind::Section(s) => Ok(s.clone()),
        _ => Err(err(codes::ERROR_INVALID_HANDLE)),
    }
}

/// Creates a file mapping: with `hFile` `INVALID_HANDLE_VALUE`, `dwMaximumSizeHigh:Low` bytes of
/// memory of its own (reading as zero; a size of 0 is `ERROR_INVALID_PARAMETER`); with a file
/// handle (`CreateFile`), the file (size 0: its current size; an empty file is
/// `ERROR_FILE_INVALID`; a larger size grows a writable file, and is `ERROR_NOT_ENOUGH_MEMORY`
/// for a read-only mapping). `flProtect` is `PAGE_READONLY`, `PAGE_READWRITE`, `PAGE_WRITECOPY`
/// or an `EXECUTE` form, optionally with `SEC_COMMIT`/`SEC_RESERVE` (accepted; pages are
/// committed as they are touched). `lpFileMappingAttributes` is ignored.
///
/// With a name (`Global\` and `Local\` prefixes name the same object), a memory mapping is
/// shared with every process that names it; a mapping of that name that exists already is
/// opened instead (its size unchanged) and the last error is `ERROR_ALREADY_EXISTS`; otherwise
/// it is 0. A file mapping's name is known in this process only.
///
/// Returns the handle (close it with `CloseHandle`; views keep the mapping alive), or NULL with
/// `ERROR_INVALID_HANDLE`, `ERROR_INVALID_PARAMETER`, `ERROR_ACCESS_DENIED` (a writable
/// mapping of a file opened for reading), `ERROR_FILE_INVALID`, `ERROR_NOT_ENOUGH_MEMORY`.
///
/// # Safety
/// `lpName` must be NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn CreateFileMappingA(
    hFile: *mut c_void,
    lpFileMappingAttributes: *mut c_void,
    flProtect: u32,
    dwMaximumSizeHigh: u32,
    dwMaximumSizeLow: u32,
    lpName: *const c_char,
) -> *mut c_void {
    let _ = lpFileMappingAttributes;
    call(std::ptr::null_mut(), || {
        // SAFETY: caller guarantee.
        let name = unsafe { name_a(lpName) };
        create(hFile, flProtect, dwMaximumSizeHigh, dwMaximumSizeLow, name)
    })
}

/// `CreateFileMappingA` with a UTF-16 name.
///
/// # Safety
/// `lpName` must be NULL or a NUL-terminated UTF-16 string.
#[no_mangle]
pub unsafe extern "C" fn CreateFileMappingW(
    hFile: *mut c_void,
    lpFileMappingAttributes: *mut c_void,
    flProtect: u32,
    dwMaximumSizeHigh: u32,
    dwMaximumSizeLow: u32,
    lpName: *const u16,
) -> *mut c_void {
    let _ = lpFileMappingAttributes;
    call(std::ptr::null_mut(), || {
        // SAFETY: caller guarantee.
        let name = unsafe { name_w(lpName) };
        create(hFile, flProtect, dwMaximumSizeHigh, dwMaximumSizeLow, name)
    })
}

/// Opens the mapping `lpName` made by this or another process (`dwDesiredAccess` and
/// `bInheritHandle` are not checked: views ask for their access). Returns the handle, or NULL
/// with `ERROR_FILE_NOT_FOUND` (no such mapping) or `ERROR_INVALID_PARAMETER` (NULL name).
///
/// # Safety
/// `lpName` must be NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn OpenFileMappingA(
    dwDesiredAccess: u32,
    bInheritHandle: i32,
    lpName: *const c_char,
) -> *mut c_void {
    let _ = (dwDesiredAccess, bInheritHandle);
    call(std::ptr::null_mut(), || {
        // SAFETY: caller guarantee.
        open(unsafe { name_a(lpName) })
    })
}

/// `OpenFileMappingA` with a UTF-16 name.
///
/// # Safety
/// `lpName` must be NULL or a NUL-terminated UTF-16 string.
#[no_mangle]
pub unsafe extern "C" fn OpenFileMappingW(
    dwDesiredAccess: u32,
    bInheritHandle: i32,
    lpName: *const u16,
) -> *mut c_void {
    let _ = (dwDesiredAccess, bInheritHandle);
    call(std::ptr::null_mut(), || {
        // SAFETY: caller guarantee.
        open(unsafe { name_w(lpName) })
    })
}

/// `MapViewOfFileEx` at an address of the system's choosing.
#[no_mangle]
pub extern "C" fn MapViewOfFile(
    hFileMappingObject: *mut c_void,
    dwDesiredAccess: u32,
    dwFileOffsetHigh: u32,
    dwFileOffsetLow: u32,
    dwNumberOfBytesToMap: usize,
) -> *mut c_void {
    MapViewOfFileEx(
        hFileMappingObject,
        dwDesiredAccess,
        dwFileOffsetHigh,
        dwFileOffsetLow,
        dwNumberOfBytesToMap,
        std::ptr::null_mut(),
    )
}

/// Maps `dwNumberOfBytesToMap` bytes (0: to the mapping's end) of a mapping from the offset
/// `dwFileOffsetHigh:Low` (a multiple of 64 KiB, else `ERROR_MAPPED_ALIGNMENT`) into memory,
/// at `lpBaseAddress` (NULL: where the system chooses; else a 64 KiB boundary the system must
/// be able to use, else `ERROR_INVALID_ADDRESS`). `dwDesiredAccess`: `FILE_MAP_WRITE` or
/// `FILE_MAP_ALL_ACCESS` (a writable mapping, else `ERROR_ACCESS_DENIED`), `FILE_MAP_READ`,
/// `FILE_MAP_COPY` (writes stay in this view), with `FILE_MAP_EXECUTE` for an `EXECUTE`
/// mapping. A view past the mapping's end is `ERROR_ACCESS_DENIED`.
///
/// Returns the view's address (unmap it with `UnmapViewOfFile`), or NULL with the error.
#[no_mangle]
pub extern "C" fn MapViewOfFileEx(
    hFileMappingObject: *mut c_void,
    dwDesiredAccess: u32,
    dwFileOffsetHigh: u32,
    dwFileOffsetLow: u32,
    dwNumberOfBytesToMap: usize,
    lpBaseAddress: *mut c_void,
) -> *mut c_void {
    call(std::ptr::null_mut(), || {
        let section = section_of(hFileMappingObject)?;
        let offset = (u64::from(dwFileOffsetHigh) << 32) | u64::from(dwFileOffsetLow);
        let base = section::map_view(
            &section,
            dwDesiredAccess,
            offset,
            dwNumberOfBytesToMap,
            lpBaseAddress as usize,
        )?;
        Ok(base as *mut c_void)
    })
}

/// Unmaps the view holding `lpBaseAddress` (its base, or any address in it). Returns TRUE, or
/// FALSE with `ERROR_INVALID_ADDRESS` (no view there).
#[no_mangle]
pub extern "C" fn UnmapViewOfFile(lpBaseAddress: *const c_void) -> i32 {
    call(0, || {
        section::unmap_view(lpBaseAddress as usize).map(|()| 1)
    })
}

/// Writes the view's modified pages from `lpBaseAddress` for `dwNumberOfBytesToFlush` bytes (0:
/// to the view's end) to the file, and returns when they are written. Returns TRUE, or FALSE
/// with `ERROR_INVALID_ADDRESS` (no view there).
#[no_mangle]
pub extern "C" fn FlushViewOfFile(
    lpBaseAddress: *const c_void,
    dwNumberOfBytesToFlush: usize,
) -> i32 {
    call(0, || {
        section::flush_view(lpBaseAddress as usize, dwNumberOfBytesToFlush).map(|()| 1)
    })
}

//! `GetFullPathNameA/W`: a file name made absolute against the current directory (see
//! `win32::full_path`), with Windows' buffer rules: the length without the NUL when it fits,
//! else the size needed with the NUL (the buffer untouched); `*lpFilePart` points at the last
//! part (NULL when the name ends in a separator). 0 with `ERROR_INVALID_NAME` for "" and for
//! NULL (Windows 7 and later; Wine's kernel32 path.c test records it).

use super::call;
use crate::error::WsaResult;
use crate::handle::{codes, err};
use std::os::raw::c_char;

const ERROR_INVALID_NAME: i32 = 123;

fn full(name: Option<String>) -> WsaResult<(String, Option<usize>)> {
    let name = name
        .filter(|n| !n.is_empty())
        .ok_or(err(ERROR_INVALID_NAME))?;
    let cwd = std::env::current_dir().map_err(|_| err(codes::ERROR_GEN_FAILURE))?;
    Ok(crate::win32::full_path::resolve(
        &cwd.to_string_lossy(),
        &name,
    ))
}

/// Copies `units` and a NUL into the program's buffer when they fit; the `GetFullPathName`
/// return value. `part`: the index of the file part, stored through `file_part`.
///
/// # Safety
/// `buf` must be NULL or writable for `size` units; `file_part` NULL or writable.
unsafe fn give<T: Copy + Default>(
    units: &[T],
    part: Option<usize>,
    (buf, size): (*mut T, u32),
    file_part: *mut *mut T,
) -> u32 {
    let n = units.len();
    if buf.is_null() || (size as usize) < n + 1 {
        return (n + 1) as u32;
    }
    // SAFETY: caller guarantee: `buf` holds `size` >= n + 1 units.
    unsafe {
        std::ptr::copy_nonoverlapping(units.as_ptr(), buf, n);
        buf.add(n).write(T::default());
        if !file_part.is_null() {
            file_part.write(part.map_or(std::ptr::null_mut(), |i| buf.add(i)));
        }
    }
    n as u32
}

/// The full path of `lpFileName` in `lpBuffer` (`nBufferLength` bytes). Returns its length
/// without the NUL, the size needed with the NUL when the buffer is too small (or NULL), or 0
/// with `ERROR_INVALID_NAME` when the name is NULL or empty.
///
/// # Safety
/// `lpFileName` must be NULL or a NUL-terminated string, `lpBuffer` NULL or writable for
/// `nBufferLength` bytes, `lpFilePart` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn GetFullPathNameA(
    lpFileName: *const c_char,
    nBufferLength: u32,
    lpBuffer: *mut c_char,
    lpFilePart: *mut *mut c_char,
) -> u32 {
    // SAFETY: caller guarantee.
    let name = unsafe { super::win32_sync::name_a(lpFileName) };
    call(0, || {
        let (path, part) = full(name)?;
        let bytes: Vec<c_char> = path.bytes().map(|b| b as c_char).collect();
        // SAFETY: caller guarantee.
        Ok(unsafe { give(&bytes, part, (lpBuffer, nBufferLength), lpFilePart) })
    })
}

/// `GetFullPathNameA` in UTF-16 (lengths in `WCHAR`s).
///
/// # Safety
/// As for `GetFullPathNameA`, in UTF-16 units.
#[no_mangle]
pub unsafe extern "C" fn GetFullPathNameW(
    lpFileName: *const u16,
    nBufferLength: u32,
    lpBuffer: *mut u16,
    lpFilePart: *mut *mut u16,
) -> u32 {
    // SAFETY: caller guarantee.
    let name = unsafe { super::win32_sync::name_w(lpFileName) };
    call(0, || {
        let (path, part) = full(name)?;
        let units: Vec<u16> = path.encode_utf16().collect();
        let part = part.map(|i| path[..i].encode_utf16().count());
        // SAFETY: caller guarantee.
        Ok(unsafe { give(&units, part, (lpBuffer, nBufferLength), lpFilePart) })
    })
}

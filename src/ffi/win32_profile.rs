//! Initialization files: `GetPrivateProfileStringA/W`, `GetPrivateProfileIntA/W`,
//! `GetPrivateProfileSectionA/W`, `GetPrivateProfileSectionNamesA/W` and
//! `WritePrivateProfileStringA/W` (the file logic is `win32::profile`). A names are UTF-8,
//! W names UTF-16; results are copied with Windows' truncation rules: one string is cut to
//! `nSize - 1` characters and NUL-terminated (returning `nSize - 1`); a list (NUL after each
//! string, one more at the end) that does not fit with a character to spare is cut to
//! `nSize - 2` characters followed by two NULs (returning `nSize - 2`).

use super::win32_sync::{name_a, name_w};
use crate::error::set_last_error;
use crate::win32::codes::{ERROR_INVALID_PARAMETER, ERROR_SUCCESS};
use crate::win32::profile::{self, Change};
use std::io;
use std::os::raw::c_char;
use std::panic::{catch_unwind, AssertUnwindSafe};

const ERROR_FILE_NOT_FOUND: u32 = 2;
const ERROR_PATH_NOT_FOUND: u32 = 3;
const ERROR_ACCESS_DENIED: u32 = 5;
const ERROR_WRITE_FAULT: u32 = 29;

/// A character type of the A (UTF-8 bytes) or W (UTF-16 units) functions.
trait Unit: Copy + Default {
    fn encode(s: &str) -> Vec<Self>;
}

impl Unit for u8 {
    fn encode(s: &str) -> Vec<u8> {
        s.as_bytes().to_vec()
    }
}

impl Unit for u16 {
    fn encode(s: &str) -> Vec<u16> {
        s.encode_utf16().collect()
    }
}

/// What a read returns: one string, or a list.
enum Answer {
    One(String),
    List(Vec<String>),
}

/// The file's text; a file that cannot be read sets `ERROR_FILE_NOT_FOUND` and reads as
/// empty (the caller's default applies), a readable one sets the last error to 0.
fn text_of(file: Option<&str>) -> String {
    match file.map(profile::read) {
        Some(Ok(text)) => {
            set_last_error(ERROR_SUCCESS as i32);
            text
        }
        _ => {
            set_last_error(ERROR_FILE_NOT_FOUND as i32);
            String::new()
        }
    }
}

/// Copies `answer` to `buf` of `size` units as the comment at the top says; returns the
/// count Windows returns.
///
/// # Safety
/// `buf` must be NULL or writable for `size` units.
unsafe fn put<T: Unit>(answer: &Answer, buf: *mut T, size: u32) -> u32 {
    let size = size as usize;
    if buf.is_null() || size == 0 {
        return 0;
    }
    // SAFETY: caller guarantee.
    let out = unsafe { std::slice::from_raw_parts_mut(buf, size) };
    let nul = T::default();
    match answer {
        Answer::One(s) => {
            let units = T::encode(s);
            let n = units.len().min(size - 1);
            out[..n].copy_from_slice(&units[..n]);
            out[n] = nul;
            n as u32
        }
        Answer::List(items) if items.is_empty() => {
            out[0] = nul;
            0
        }
        Answer::List(items) => {
            let mut units = Vec::new();
            for item in items {
                units.extend(T::encode(item));
                units.push(nul);
            }
            if units.len() + 2 <= size {
                out[..units.len()].copy_from_slice(&units);
                out[units.len()] = nul;
                return units.len() as u32;
            }
            if size < 2 {
                out[0] = nul;
                return 0;
            }
            let n = size - 2;
            out[..n].copy_from_slice(&units[..n]);
            out[n] = nul;
            out[n + 1] = nul;
            n as u32
        }
    }
}

/// Runs a profile call; a panic becomes `fail` with `ERROR_INVALID_PARAMETER`.
fn guard<T>(fail: T, body: impl FnOnce() -> T) -> T {
    catch_unwind(AssertUnwindSafe(body)).unwrap_or_else(|_| {
        crate::log::error(format_args!("internal error (panic) in a profile function"));
        set_last_error(ERROR_INVALID_PARAMETER as i32);
        fail
    })
}

/// `GetPrivateProfileString`'s answer: the section names (no section), the section's keys
/// (no key), or the value, else the default without its trailing blanks.
fn get_string(
    section: Option<String>,
    key: Option<String>,
    default: Option<String>,
    file: Option<String>,
) -> Answer {
    let text = text_of(file.as_deref());
    match (section, key) {
        (None, _) => Answer::List(profile::section_names(&text)),
        (Some(s), None) => Answer::List(profile::keys(&text, &s)),
        (Some(s), Some(k)) => Answer::One(
            profile::value(&text, &s, &k)
                .unwrap_or_else(|| default.unwrap_or_default().trim_end_matches(' ').to_owned()),
        ),
    }
}

/// Copies the value of `lpKeyName` in section `lpAppName` of `lpFileName` to
/// `lpReturnedString` (`nSize` characters), or `lpDefault` when there is none; with no key,
/// the section's keys, with no section, the section names (each NUL-terminated, then a NUL).
/// Returns the characters copied without the last NUL. A missing file sets `GetLastError` to
/// `ERROR_FILE_NOT_FOUND` (the default is still copied). A file name without a directory is
/// looked for in the current directory (Windows: the Windows directory); `\` separates.
///
/// # Safety
/// The strings must be NULL or NUL-terminated; `lpReturnedString` writable for `nSize`.
#[no_mangle]
pub unsafe extern "C" fn GetPrivateProfileStringA(
    lpAppName: *const c_char,
    lpKeyName: *const c_char,
    lpDefault: *const c_char,
    lpReturnedString: *mut c_char,
    nSize: u32,
    lpFileName: *const c_char,
) -> u32 {
    guard(0, || {
        // SAFETY: caller guarantees for each string.
        let (s, k, d, f) = unsafe {
            (
                name_a(lpAppName),
                name_a(lpKeyName),
                name_a(lpDefault),
                name_a(lpFileName),
            )
        };
        let answer = get_string(s, k, d, f);
        // SAFETY: caller guarantee for the buffer.
        unsafe { put(&answer, lpReturnedString.cast::<u8>(), nSize) }
    })
}

/// `GetPrivateProfileStringA` with UTF-16 strings.
///
/// # Safety
/// As for `GetPrivateProfileStringA`, in 16-bit units.
#[no_mangle]
pub unsafe extern "C" fn GetPrivateProfileStringW(
    lpAppName: *const u16,
    lpKeyName: *const u16,
    lpDefault: *const u16,
    lpReturnedString: *mut u16,
    nSize: u32,
    lpFileName: *const u16,
) -> u32 {
    guard(0, || {
        // SAFETY: caller guarantees for each string.
        let (s, k, d, f) = unsafe {
            (
                name_w(lpAppName),
                name_w(lpKeyName),
                name_w(lpDefault),
                name_w(lpFileName),
            )
        };
        let answer = get_string(s, k, d, f);
        // SAFETY: caller guarantee for the buffer.
        unsafe { put(&answer, lpReturnedString, nSize) }
    })
}

/// `GetPrivateProfileInt`: the value read as Windows does (sign, decimal digits up to the
/// first other character, modulo 2^32), or `nDefault` when the key is missing or empty.
fn get_int(
    section: Option<String>,
    key: Option<String>,
    default: i32,
    file: Option<String>,
) -> u32 {
    let text = text_of(file.as_deref());
    match (section, key) {
        (Some(s), Some(k)) => match profile::value(&text, &s, &k) {
            Some(v) if !v.is_empty() => profile::int_value(&v),
            _ => default as u32,
        },
        _ => default as u32,
    }
}

/// The integer value of `lpKeyName` in section `lpAppName` of `lpFileName`, or `nDefault`.
///
/// # Safety
/// The strings must be NULL or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn GetPrivateProfileIntA(
    lpAppName: *const c_char,
    lpKeyName: *const c_char,
    nDefault: i32,
    lpFileName: *const c_char,
) -> u32 {
    // SAFETY: caller guarantees for each string.
    guard(nDefault as u32, || unsafe {
        get_int(
            name_a(lpAppName),
            name_a(lpKeyName),
            nDefault,
            name_a(lpFileName),
        )
    })
}

/// `GetPrivateProfileIntA` with UTF-16 strings.
///
/// # Safety
/// The strings must be NULL or NUL-terminated UTF-16.
#[no_mangle]
pub unsafe extern "C" fn GetPrivateProfileIntW(
    lpAppName: *const u16,
    lpKeyName: *const u16,
    nDefault: i32,
    lpFileName: *const u16,
) -> u32 {
    // SAFETY: caller guarantees for each string.
    guard(nDefault as u32, || unsafe {
        get_int(
            name_w(lpAppName),
            name_w(lpKeyName),
            nDefault,
            name_w(lpFileName),
        )
    })
}

/// `GetPrivateProfileSection`'s checks and answer: a section, a buffer and a file are needed
/// (else the error to report).
fn get_section(section: Option<String>, room: bool, file: Option<String>) -> Result<Answer, u32> {
    let (Some(section), true) = (section, room) else {
        return Err(ERROR_INVALID_PARAMETER);
    };
    let file = file.ok_or(ERROR_FILE_NOT_FOUND)?;
    let text = text_of(Some(&file));
    Ok(Answer::List(profile::section_lines(&text, &section)))
}

/// The lines of section `lpAppName` (`key=value`, comments left out), each NUL-terminated and
/// a NUL after the last, in `lpReturnedString` of `nSize` characters. Returns the characters
/// copied without the last NUL; 0 with `ERROR_INVALID_PARAMETER` for no section or no buffer,
/// with `ERROR_FILE_NOT_FOUND` for no file.
///
/// # Safety
/// The strings must be NULL or NUL-terminated; `lpReturnedString` writable for `nSize`.
#[no_mangle]
pub unsafe extern "C" fn GetPrivateProfileSectionA(
    lpAppName: *const c_char,
    lpReturnedString: *mut c_char,
    nSize: u32,
    lpFileName: *const c_char,
) -> u32 {
    guard(0, || {
        let room = !lpReturnedString.is_null() && nSize > 0;
        // SAFETY: caller guarantees for each string.
        match unsafe { get_section(name_a(lpAppName), room, name_a(lpFileName)) } {
            // SAFETY: caller guarantee for the buffer.
            Ok(answer) => unsafe { put(&answer, lpReturnedString.cast::<u8>(), nSize) },
            Err(code) => {
                set_last_error(code as i32);
                0
            }
        }
    })
}

/// `GetPrivateProfileSectionA` with UTF-16 strings.
///
/// # Safety
/// As for `GetPrivateProfileSectionA`, in 16-bit units.
#[no_mangle]
pub unsafe extern "C" fn GetPrivateProfileSectionW(
    lpAppName: *const u16,
    lpReturnedString: *mut u16,
    nSize: u32,
    lpFileName: *const u16,
) -> u32 {
    guard(0, || {
        let room = !lpReturnedString.is_null() && nSize > 0;
        // SAFETY: caller guarantees for each string.
        match unsafe { get_section(name_w(lpAppName), room, name_w(lpFileName)) } {
            // SAFETY: caller guarantee for the buffer.
            Ok(answer) => unsafe { put(&answer, lpReturnedString, nSize) },
            Err(code) => {
                set_last_error(code as i32);
                0
            }
        }
    })
}

/// The section names of `lpFileName`, each NUL-terminated and a NUL after the last, in
/// `lpszReturnBuffer` of `nSize` characters; returns the characters copied without the last
/// NUL (a missing file: 0, with one NUL written).
///
/// # Safety
/// `lpFileName` must be NULL or NUL-terminated; `lpszReturnBuffer` writable for `nSize`.
#[no_mangle]
pub unsafe extern "C" fn GetPrivateProfileSectionNamesA(
    lpszReturnBuffer: *mut c_char,
    nSize: u32,
    lpFileName: *const c_char,
) -> u32 {
    guard(0, || {
        // SAFETY: caller guarantee for the file name.
        let answer = get_string(None, None, None, unsafe { name_a(lpFileName) });
        // SAFETY: caller guarantee for the buffer.
        unsafe { put(&answer, lpszReturnBuffer.cast::<u8>(), nSize) }
    })
}

/// `GetPrivateProfileSectionNamesA` with UTF-16 strings.
///
/// # Safety
/// As for `GetPrivateProfileSectionNamesA`, in 16-bit units.
#[no_mangle]
pub unsafe extern "C" fn GetPrivateProfileSectionNamesW(
    lpszReturnBuffer: *mut u16,
    nSize: u32,
    lpFileName: *const u16,
) -> u32 {
    guard(0, || {
        // SAFETY: caller guarantee for the file name.
        let answer = get_string(None, None, None, unsafe { name_w(lpFileName) });
        // SAFETY: caller guarantee for the buffer.
        unsafe { put(&answer, lpszReturnBuffer, nSize) }
    })
}

/// `WritePrivateProfileString`'s change, made; 1 (TRUE) or 0 with the last error.
fn write_string(
    section: Option<String>,
    key: Option<String>,
    value: Option<String>,
    file: Option<String>,
) -> i32 {
    let fail = |code: u32| {
        set_last_error(code as i32);
        0
    };
    let (section, file) = match (section, file) {
        // No section, key or string: Windows flushes its cache; ws2mp has none.
        (None, _) if key.is_none() && value.is_none() => return 1,
        (Some(s), Some(f)) => (s, f),
        (None, _) => return fail(ERROR_INVALID_PARAMETER),
        (Some(_), None) => return fail(ERROR_FILE_NOT_FOUND),
    };
    let change = match (&key, &value) {
        (None, _) => Change::DeleteSection,
        (Some(k), None) => Change::DeleteKey(k),
        (Some(k), Some(v)) => Change::Set(k, v),
    };
    match profile::write(&file, &section, &change) {
        Ok(()) => 1,
        Err(e) => fail(match e.kind() {
            io::ErrorKind::NotFound => ERROR_PATH_NOT_FOUND,
            io::ErrorKind::PermissionDenied => ERROR_ACCESS_DENIED,
            _ => ERROR_WRITE_FAULT,
        }),
    }
}

/// Sets `lpKeyName` to `lpString` in section `lpAppName` of `lpFileName` (creating the file,
/// the section or the key as needed; other lines are kept), deletes the key when `lpString`
/// is NULL and the whole section when `lpKeyName` is NULL. Returns TRUE, or FALSE with the
/// last error (`ERROR_PATH_NOT_FOUND` for a missing directory, `ERROR_ACCESS_DENIED`).
///
/// # Safety
/// The strings must be NULL or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn WritePrivateProfileStringA(
    lpAppName: *const c_char,
    lpKeyName: *const c_char,
    lpString: *const c_char,
    lpFileName: *const c_char,
) -> i32 {
    // SAFETY: caller guarantees for each string.
    guard(0, || unsafe {
        write_string(
            name_a(lpAppName),
            name_a(lpKeyName),
            name_a(lpString),
            name_a(lpFileName),
        )
    })
}

/// `WritePrivateProfileStringA` with UTF-16 strings.
///
/// # Safety
/// The strings must be NULL or NUL-terminated UTF-16.
#[no_mangle]
pub unsafe extern "C" fn WritePrivateProfileStringW(
    lpAppName: *const u16,
    lpKeyName: *const u16,
    lpString: *const u16,
    lpFileName: *const u16,
) -> i32 {
    // SAFETY: caller guarantees for each string.
    guard(0, || unsafe {
        write_string(
            name_w(lpAppName),
            name_w(lpKeyName),
            name_w(lpString),
            name_w(lpFileName),
        )
    })
}

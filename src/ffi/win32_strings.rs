//! `MultiByteToWideChar` and `WideCharToMultiByte` (the conversions are in `win32::codepage`).
//! A count of -1 reads up to and including the terminating NUL; an output size of 0 asks for
//! the size needed. Errors (the return value 0 and `GetLastError`): `ERROR_INVALID_PARAMETER`
//! (NULL input, a count of 0, an output buffer that is the input, a code page ws2mp does not
//! convert), `ERROR_INSUFFICIENT_BUFFER` (the output does not fit), `ERROR_INVALID_FLAGS`,
//! `ERROR_NO_UNICODE_TRANSLATION` (with `MB_ERR_INVALID_CHARS` / `WC_ERR_INVALID_CHARS`).

use crate::win32::codepage::{self, Page};
use crate::win32::codes::{ERROR_INSUFFICIENT_BUFFER, ERROR_INVALID_PARAMETER};
use std::os::raw::c_char;

/// `ERROR_INVALID_FLAGS`.
const ERROR_INVALID_FLAGS: u32 = 1004;
/// The flags `MultiByteToWideChar` accepts (`MB_PRECOMPOSED`, `MB_COMPOSITE`,
/// `MB_USEGLYPHCHARS`, `MB_ERR_INVALID_CHARS`); none changes a UTF-8 conversion but the last.
const MB_FLAGS: u32 = 0x01 | 0x02 | 0x04 | 0x08;
/// The flags `WideCharToMultiByte` accepts: `WC_COMPOSITECHECK`, `WC_DISCARDNS`,
/// `WC_SEPCHARS`, `WC_DEFAULTCHAR`, `WC_NO_BEST_FIT_CHARS`, `WC_ERR_INVALID_CHARS`.
const WC_FLAGS: u32 = 0x200 | 0x10 | 0x20 | 0x40 | 0x400 | 0x80;

fn fail(code: u32) -> i32 {
    crate::error::set_last_error(code as i32);
    0
}

/// The input as a slice: `count` units, or up to and including the NUL when `count` is -1.
///
/// # Safety
/// `p` must point to `count` readable units, or to a NUL-terminated string when `count` is -1.
unsafe fn input<'a, T: Copy + PartialEq + Default>(p: *const T, count: i32) -> Option<&'a [T]> {
    if p.is_null() || count == 0 || count < -1 {
        return None;
    }
    let len = if count == -1 {
        let mut n = 0usize;
        // SAFETY: caller guarantee: the string is terminated.
        while unsafe { *p.add(n) } != T::default() {
            n += 1;
        }
        n + 1
    } else {
        count as usize
    };
    // SAFETY: caller guarantee.
    Some(unsafe { std::slice::from_raw_parts(p, len) })
}

/// Copies `data` to the caller's buffer of `room` units, or returns the size needed when
/// `room` is 0.
///
/// # Safety
/// `out` must point to `room` writable units when `room` > 0.
unsafe fn output<T: Copy>(data: &[T], out: *mut T, room: i32) -> i32 {
    if room == 0 {
        return data.len() as i32;
    }
    if data.len() > room as usize {
        return fail(ERROR_INSUFFICIENT_BUFFER);
    }
    // SAFETY: caller guarantee; the buffers do not overlap (checked by the callers).
    unsafe { std::ptr::copy_nonoverlapping(data.as_ptr(), out, data.len()) };
    data.len() as i32
}

/// Converts `cbMultiByte` bytes of `lpMultiByteStr` (-1: through its NUL) in `CodePage` to
/// UTF-16 in `lpWideCharStr` (`cchWideChar` units; 0 asks for the size). Returns the units
/// written (or needed), 0 on failure.
///
/// # Safety
/// `lpMultiByteStr` must be readable for the count given; `lpWideCharStr` writable for
/// `cchWideChar` units.
#[no_mangle]
pub unsafe extern "C" fn MultiByteToWideChar(
    CodePage: u32,
    dwFlags: u32,
    lpMultiByteStr: *const c_char,
    cbMultiByte: i32,
    lpWideCharStr: *mut u16,
    cchWideChar: i32,
) -> i32 {
    let page = match codepage::page(CodePage) {
        Ok(p) => p,
        Err(e) => return fail(e),
    };
    if dwFlags & !MB_FLAGS != 0
        || (page == Page::Utf8 && dwFlags & !codepage::MB_ERR_INVALID_CHARS != 0)
    {
        return fail(ERROR_INVALID_FLAGS);
    }
    // SAFETY: caller guarantee.
    let Some(bytes) = (unsafe { input(lpMultiByteStr as *const u8, cbMultiByte) }) else {
        return fail(ERROR_INVALID_PARAMETER);
    };
    if cchWideChar < 0
        || (cchWideChar > 0 && lpWideCharStr.is_null())
        || std::ptr::eq(lpWideCharStr.cast::<u8>(), lpMultiByteStr.cast::<u8>())
    {
        return fail(ERROR_INVALID_PARAMETER);
    }
    match codepage::to_wide(page, bytes, dwFlags & codepage::MB_ERR_INVALID_CHARS != 0) {
        // SAFETY: caller guarantee.
        Ok(wide) => unsafe { output(&wide, lpWideCharStr, cchWideChar) },
        Err(e) => fail(e),
    }
}

/// Converts `cchWideChar` UTF-16 units of `lpWideCharStr` (-1: through its NUL) to `CodePage`
/// in `lpMultiByteStr` (`cbMultiByte` bytes; 0 asks for the size). Characters the code page
/// cannot hold become `*lpDefaultChar` (or '?'), and `*lpUsedDefaultChar` says whether that
/// happened; both must be NULL for `CP_UTF8`, as on Windows. Returns the bytes written (or
/// needed), 0 on failure.
///
/// # Safety
/// `lpWideCharStr` must be readable for the count given; `lpMultiByteStr` writable for
/// `cbMultiByte` bytes; `lpDefaultChar` and `lpUsedDefaultChar` NULL or valid.
#[no_mangle]
pub unsafe extern "C" fn WideCharToMultiByte(
    CodePage: u32,
    dwFlags: u32,
    lpWideCharStr: *const u16,
    cchWideChar: i32,
    lpMultiByteStr: *mut c_char,
    cbMultiByte: i32,
    lpDefaultChar: *const c_char,
    lpUsedDefaultChar: *mut i32,
) -> i32 {
    let page = match codepage::page(CodePage) {
        Ok(p) => p,
        Err(e) => return fail(e),
    };
    if dwFlags & !WC_FLAGS != 0
        || (CodePage == codepage::CP_UTF8 && dwFlags & !codepage::WC_ERR_INVALID_CHARS != 0)
    {
        return fail(ERROR_INVALID_FLAGS);
    }
    if CodePage == codepage::CP_UTF8 && (!lpDefaultChar.is_null() || !lpUsedDefaultChar.is_null()) {
        return fail(ERROR_INVALID_PARAMETER);
    }
    // SAFETY: caller guarantee.
    let Some(wide) = (unsafe { input(lpWideCharStr, cchWideChar) }) else {
        return fail(ERROR_INVALID_PARAMETER);
    };
    if cbMultiByte < 0
        || (cbMultiByte > 0 && lpMultiByteStr.is_null())
        || std::ptr::eq(lpWideCharStr.cast::<u8>(), lpMultiByteStr.cast::<u8>())
    {
        return fail(ERROR_INVALID_PARAMETER);
    }
    let default = if lpDefaultChar.is_null() {
        b'?'
    } else {
        // SAFETY: caller guarantee.
        unsafe { *lpDefaultChar as u8 }
    };
    let strict = dwFlags & codepage::WC_ERR_INVALID_CHARS != 0;
    match codepage::from_wide(page, wide, strict, default) {
        Ok((bytes, used)) => {
            if !lpUsedDefaultChar.is_null() {
                // SAFETY: caller guarantee.
                unsafe { *lpUsedDefaultChar = i32::from(used) };
            }
            // SAFETY: caller guarantee.
            unsafe { output(&bytes, lpMultiByteStr as *mut u8, cbMultiByte) }
        }
        Err(e) => fail(e),
    }
}

/// The process's command line (or environment) for a program whose entry point is `wmain`:
/// each of `list`'s strings (UTF-8, as the system passes them; invalid bytes become U+FFFD)
/// as a wide string, in a NULL-terminated array that lives as long as the process. `count`
/// strings, or up to `list`'s NULL entry when `count` is negative. `utf16` nonzero: 16-bit
/// `WCHAR` strings (UTF-16); zero: the C library's `wchar_t` (UTF-32 here). A NULL `list`
/// gives an empty array. The `wmain` support of `<windows.h>` calls this before the program's
/// `wmain`; it is not a Win32 function.
///
/// # Safety
/// `list` must be NULL or hold `count` readable NUL-terminated strings (or be NULL-terminated
/// when `count` is negative).
#[no_mangle]
pub unsafe extern "C" fn ws2mp_wide_strings(
    list: *const *const c_char,
    count: i32,
    utf16: i32,
) -> *mut std::os::raw::c_void {
    let mut strings: Vec<String> = Vec::new();
    if !list.is_null() {
        let mut i = 0usize;
        loop {
            if count >= 0 && i >= count as usize {
                break;
            }
            // SAFETY: caller guarantee: entry i exists (below count, or up to the NULL).
            let p = unsafe { *list.add(i) };
            if p.is_null() {
                break;
            }
            // SAFETY: caller guarantee: a NUL-terminated string.
            let bytes = unsafe { std::ffi::CStr::from_ptr(p) }.to_bytes();
            strings.push(String::from_utf8_lossy(bytes).into_owned());
            i += 1;
        }
    }
    // Kept in a static to the process's end (as Windows' C runtime keeps __wargv): the
    // program may hold the strings as long as it runs.
    let mut kept = KEPT.lock();
    let mut ptrs: Vec<usize> = Vec::with_capacity(strings.len() + 1);
    for s in &strings {
        if utf16 != 0 {
            let mut w: Vec<u16> = s.encode_utf16().collect();
            w.push(0);
            let w = w.into_boxed_slice();
            ptrs.push(w.as_ptr() as usize);
            kept.push(Kept::Utf16(w));
        } else {
            let mut w: Vec<u32> = s.chars().map(u32::from).collect();
            w.push(0);
            let w = w.into_boxed_slice();
            ptrs.push(w.as_ptr() as usize);
            kept.push(Kept::Utf32(w));
        }
    }
    ptrs.push(0);
    let mut ptrs = ptrs.into_boxed_slice();
    let array = ptrs.as_mut_ptr().cast();
    kept.push(Kept::Array(ptrs));
    array
}

/// The wide command lines and environments `ws2mp_wide_strings` made (their heap blocks do not
/// move when the boxes move into the list).
enum Kept {
    Utf16(#[allow(dead_code)] Box<[u16]>),
    Utf32(#[allow(dead_code)] Box<[u32]>),
    Array(#[allow(dead_code)] Box<[usize]>),
}

static KEPT: parking_lot::Mutex<Vec<Kept>> = parking_lot::Mutex::new(Vec::new());

/// How many converted `wchar_t` arguments each thread keeps (see `ws2mp_wchar_arg`): more than
/// the string arguments of any one call.
const WCHAR_ARGS_KEPT: usize = 8;

thread_local! {
    /// The thread's last converted `wchar_t` arguments, reused in turn.
    static WCHAR_ARGS: std::cell::RefCell<(usize, [Vec<u16>; WCHAR_ARGS_KEPT])> =
        std::cell::RefCell::new((0, Default::default()));
}

/// A C library `wchar_t` string (32-bit: an `L"..."` literal, a C `wmain`'s argv) as the
/// 16-bit `WCHAR` string a W function takes: the compat headers pass a W function's `wchar_t`
/// string arguments through this, so `InetPtonW(AF_INET, L"127.0.0.1", &a)` works as on
/// Windows, where both types are 16 bits. The result stays valid until the same thread has
/// converted 8 more strings (the call it is an argument of has returned by then). NULL gives
/// NULL; an unreadable string gives an empty one (the call then fails as for any bad name); a
/// value that is no Unicode character becomes U+FFFD. Not a Win32 function.
#[no_mangle]
pub extern "C" fn ws2mp_wchar_arg(s: *const i32) -> *const u16 {
    super::call(std::ptr::null(), || Ok(wchar_arg(s)))
}

/// The C library's NUL-terminated `wchar_t` (UTF-32) string at `s`, read through checked
/// copies, as text (a value that is no character: U+FFFD); None when it cannot be read or has
/// no terminator within `max` characters.
pub(super) fn wchar_t_text(s: *const i32, max: usize) -> Option<String> {
    let bytes = crate::sys::copy_string_from_user(s.cast(), 4, max).ok()?;
    Some(
        bytes
            .chunks_exact(4)
            .map(|c| u32::from_ne_bytes([c[0], c[1], c[2], c[3]]))
            .map(|c| char::from_u32(c).unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect(),
    )
}

fn wchar_arg(s: *const i32) -> *const u16 {
    if s.is_null() {
        return std::ptr::null();
    }
    let units: Vec<u16> = wchar_t_text(s, 1 << 20)
        .unwrap_or_default()
        .encode_utf16()
        .collect();
    WCHAR_ARGS.with(|kept| {
        let (next, slots) = &mut *kept.borrow_mut();
        let slot = &mut slots[*next];
        *next = (*next + 1) % WCHAR_ARGS_KEPT;
        slot.clear();
        slot.extend_from_slice(&units);
        slot.push(0);
        slot.as_ptr()
    })
}

//! `MultiByteToWideChar` and `WideCharToMultiByte` (the conversions are in `win32::codepage`).
//! A negative count (-1 by convention) reads up to and including the terminating NUL; an output size of 0 asks for
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

/// The input, copied: `count` units, or up to and including the NUL when `count` is negative
/// (Windows reads any negative count as -1). The units are read one by one without assuming
/// alignment: a `WCHAR` string inside a byte buffer is fine on Windows.
///
/// # Safety
/// `p` must point to `count` readable units, or to a NUL-terminated string when `count` < 0.
unsafe fn input<T: Copy + PartialEq + Default>(p: *const T, count: i32) -> Option<Vec<T>> {
    if p.is_null() || count == 0 {
        return None;
    }
    let mut units = Vec::new();
    if count < 0 {
        loop {
            // SAFETY: caller guarantee: the string is terminated; no alignment is assumed.
            let unit = unsafe { p.add(units.len()).read_unaligned() };
            units.push(unit);
            if unit == T::default() {
                break;
            }
        }
    } else {
        units.reserve(count as usize);
        for i in 0..count as usize {
            // SAFETY: caller guarantee: `count` readable units; no alignment is assumed.
            units.push(unsafe { p.add(i).read_unaligned() });
        }
    }
    Some(units)
}

/// Copies `data` to the caller's buffer of `room` units (`room` is 0 when only the size is
/// asked for). `complete` false means `data` is only the part that fitted: it is written, as
/// Windows writes it, and the call fails with `ERROR_INSUFFICIENT_BUFFER`.
///
/// # Safety
/// `out` must point to `room` writable units when `room` > 0 (any alignment).
unsafe fn output<T: Copy>(data: &[T], complete: bool, out: *mut T, room: i32) -> i32 {
    if room == 0 {
        return data.len() as i32;
    }
    // SAFETY: caller guarantee: `data.len()` <= `room` units are writable; copied bytewise, so
    // neither alignment nor the input's place (it was copied already) matters.
    unsafe {
        std::ptr::copy(
            data.as_ptr().cast::<u8>(),
            out.cast::<u8>(),
            std::mem::size_of_val(data),
        )
    };
    if !complete {
        return fail(ERROR_INSUFFICIENT_BUFFER);
    }
    data.len() as i32
}

/// The room for the output: everything when only the size is asked for.
fn limit(room: i32) -> usize {
    if room == 0 {
        usize::MAX
    } else {
        room as usize
    }
}

/// Converts `cbMultiByte` bytes of `lpMultiByteStr` (negative: through its NUL) in `CodePage`
/// to UTF-16 in `lpWideCharStr` (`cchWideChar` units; 0 asks for the size). Returns the units
/// written (or needed), 0 on failure; when the buffer is too small, what fits is written and
/// the error is `ERROR_INSUFFICIENT_BUFFER`.
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
    let strict = dwFlags & codepage::MB_ERR_INVALID_CHARS != 0;
    match codepage::to_wide(page, &bytes, strict, limit(cchWideChar)) {
        // SAFETY: caller guarantee.
        Ok((wide, complete)) => unsafe { output(&wide, complete, lpWideCharStr, cchWideChar) },
        Err(e) => fail(e),
    }
}

/// Converts `cchWideChar` UTF-16 units of `lpWideCharStr` (negative: through its NUL) to
/// `CodePage` in `lpMultiByteStr` (`cbMultiByte` bytes; 0 asks for the size). Characters the
/// code page cannot hold become `*lpDefaultChar` (or '?'), and `*lpUsedDefaultChar` says
/// whether that happened; both must be NULL for `CP_UTF8`, as on Windows. Returns the bytes
/// written (or needed), 0 on failure; when the buffer is too small, the characters that fit
/// are written and the error is `ERROR_INSUFFICIENT_BUFFER`. ws2mp has no best-fit mapping:
/// a character a single-byte page lacks is always the default character.
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
    match codepage::from_wide(page, &wide, strict, default, limit(cbMultiByte)) {
        Ok((bytes, used, complete)) => {
            if !lpUsedDefaultChar.is_null() {
                // SAFETY: caller guarantee.
                unsafe { *lpUsedDefaultChar = i32::from(used) };
            }
            // SAFETY: caller guarantee.
            unsafe { output(&bytes, complete, lpMultiByteStr as *mut u8, cbMultiByte) }
        }
        Err(e) => fail(e),
    }
}

/// `CPINFOEXA` / `CPINFOEXW` up to the name (`CPINFO` is its first 20 bytes).
#[repr(C)]
struct CpInfoHead {
    max_char_size: u32,
    default_char: [u8; 2],
    lead_byte: [u8; 12],
    unicode_default_char: u16,
    code_page: u32,
}

/// The bytes of `CPINFO`; `CPINFOEX` continues with `UnicodeDefaultChar`, `CodePage` and the
/// name.
const CPINFO_SIZE: usize = 20;
/// `MAX_PATH`: the length of `CPINFOEX`'s name.
const CP_NAME_LEN: usize = 260;

/// What `GetCPInfo(Ex)` reports for `code_page`, or `ERROR_INVALID_PARAMETER`.
fn cp_info(code_page: u32) -> Result<(CpInfoHead, &'static str), u32> {
    let page = codepage::page(code_page)?;
    let actual = codepage::actual(code_page);
    let name = match actual {
        codepage::CP_UTF8 => "65001 (UTF-8)",
        codepage::CP_WINDOWS_1252 => "1252  (ANSI - Latin I)",
        codepage::CP_US_ASCII => "20127 (US-ASCII)",
        _ => "28591 (ISO 8859-1 Latin I)",
    };
    let head = CpInfoHead {
        max_char_size: codepage::max_char_size(page),
        default_char: [b'?', 0],
        lead_byte: [0; 12],
        unicode_default_char: if page == Page::Utf8 { 0xfffd } else { 0x3f },
        code_page: actual,
    };
    Ok((head, name))
}

/// Whether ws2mp converts `CodePage`: TRUE for 65001 (UTF-8, the ANSI and OEM code page here),
/// 1252, 20127 and 28591; FALSE for any other number, and for the aliases `CP_ACP`,
/// `CP_OEMCP`, `CP_MACCP` and `CP_THREAD_ACP`, which are not code pages (as on Windows).
#[no_mangle]
pub extern "C" fn IsValidCodePage(CodePage: u32) -> i32 {
    i32::from(codepage::is_valid(CodePage))
}

/// Fills the `CPINFO` at `lpCPInfo` for `CodePage` (the aliases `CP_ACP`, `CP_OEMCP`,
/// `CP_THREAD_ACP` name UTF-8 here): `MaxCharSize` 4 for UTF-8 and 1 for the single-byte
/// pages, `DefaultChar` "?", no lead bytes. FALSE with `ERROR_INVALID_PARAMETER` for a code
/// page ws2mp does not convert or a NULL `lpCPInfo` (nothing is written then).
///
/// # Safety
/// `lpCPInfo` must be NULL or point to a writable `CPINFO` (20 bytes).
#[no_mangle]
pub unsafe extern "C" fn GetCPInfo(CodePage: u32, lpCPInfo: *mut std::os::raw::c_void) -> i32 {
    if lpCPInfo.is_null() {
        return fail(ERROR_INVALID_PARAMETER);
    }
    match cp_info(CodePage) {
        Ok((head, _)) => {
            // SAFETY: caller guarantee: CPINFO's 20 bytes are writable; the head's first 20
            // bytes are CPINFO's layout.
            unsafe {
                std::ptr::copy_nonoverlapping(
                    (&head as *const CpInfoHead).cast::<u8>(),
                    lpCPInfo.cast::<u8>(),
                    CPINFO_SIZE,
                )
            };
            1
        }
        Err(e) => fail(e),
    }
}

/// Writes the head of `CPINFOEX` and returns where its name starts.
///
/// # Safety
/// `info` must point to a writable `CPINFOEXA` or `CPINFOEXW`.
unsafe fn cp_info_ex(code_page: u32, info: *mut std::os::raw::c_void) -> Result<&'static str, u32> {
    if info.is_null() {
        return Err(ERROR_INVALID_PARAMETER);
    }
    let (head, name) = cp_info(code_page)?;
    // SAFETY: caller guarantee: the struct is writable; bytewise, so no alignment is assumed.
    unsafe {
        std::ptr::copy_nonoverlapping(
            (&head as *const CpInfoHead).cast::<u8>(),
            info.cast::<u8>(),
            std::mem::size_of::<CpInfoHead>(),
        )
    };
    Ok(name)
}

/// `GetCPInfo` with the code page's number (`CP_ACP` and the other aliases give 65001),
/// `UnicodeDefaultChar` (U+FFFD for UTF-8, '?' otherwise) and its name, such as
/// "65001 (UTF-8)". `dwFlags` must be 0 (`ERROR_INVALID_FLAGS`); errors as `GetCPInfo`.
///
/// # Safety
/// `lpCPInfoEx` must be NULL or point to a writable `CPINFOEXA`.
#[no_mangle]
pub unsafe extern "C" fn GetCPInfoExA(
    CodePage: u32,
    dwFlags: u32,
    lpCPInfoEx: *mut std::os::raw::c_void,
) -> i32 {
    if dwFlags != 0 {
        return fail(ERROR_INVALID_FLAGS);
    }
    // SAFETY: caller guarantee.
    match unsafe { cp_info_ex(CodePage, lpCPInfoEx) } {
        Ok(name) => {
            let mut field = [0u8; CP_NAME_LEN];
            field[..name.len()].copy_from_slice(name.as_bytes());
            // SAFETY: caller guarantee: the name field follows the head in CPINFOEXA.
            unsafe {
                std::ptr::copy_nonoverlapping(
                    field.as_ptr(),
                    lpCPInfoEx
                        .cast::<u8>()
                        .add(std::mem::size_of::<CpInfoHead>()),
                    CP_NAME_LEN,
                )
            };
            1
        }
        Err(e) => fail(e),
    }
}

/// `GetCPInfoExA` with a wide name.
///
/// # Safety
/// `lpCPInfoEx` must be NULL or point to a writable `CPINFOEXW`.
#[no_mangle]
pub unsafe extern "C" fn GetCPInfoExW(
    CodePage: u32,
    dwFlags: u32,
    lpCPInfoEx: *mut std::os::raw::c_void,
) -> i32 {
    if dwFlags != 0 {
        return fail(ERROR_INVALID_FLAGS);
    }
    // SAFETY: caller guarantee.
    match unsafe { cp_info_ex(CodePage, lpCPInfoEx) } {
        Ok(name) => {
            let mut field = [0u16; CP_NAME_LEN];
            for (slot, unit) in field.iter_mut().zip(name.encode_utf16()) {
                *slot = unit;
            }
            // SAFETY: caller guarantee: the name field follows the head in CPINFOEXW; bytewise.
            unsafe {
                std::ptr::copy_nonoverlapping(
                    field.as_ptr().cast::<u8>(),
                    lpCPInfoEx
                        .cast::<u8>()
                        .add(std::mem::size_of::<CpInfoHead>()),
                    CP_NAME_LEN * 2,
                )
            };
            1
        }
        Err(e) => fail(e),
    }
}

/// Whether `TestChar` is a lead byte of a double-byte character in `CodePage`: never here (no
/// code page ws2mp converts is a DBCS page; UTF-8 has no lead bytes in this sense, as on
/// Windows). FALSE with `ERROR_INVALID_PARAMETER` for a code page ws2mp does not convert.
#[no_mangle]
pub extern "C" fn IsDBCSLeadByteEx(CodePage: u32, TestChar: u8) -> i32 {
    let _ = TestChar;
    match codepage::page(CodePage) {
        Ok(_) => 0,
        Err(e) => fail(e),
    }
}

/// `IsDBCSLeadByteEx` for the ANSI code page (UTF-8 here): always FALSE.
#[no_mangle]
pub extern "C" fn IsDBCSLeadByte(TestChar: u8) -> i32 {
    IsDBCSLeadByteEx(codepage::CP_ACP, TestChar)
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
        // The terminator, then zeros up to 8 bytes: a one-character string is followed by a
        // zero 32-bit unit, so it is never taken for a 32-bit `wchar_t` string (the test of
        // `names::wide`) because of what an earlier, longer string left in this slot.
        slot.extend_from_slice(&[0, 0, 0]);
        slot.as_ptr()
    })
}

thread_local! {
    /// Where `ws2mp_strtok` goes on in this thread's string: Microsoft's C library keeps it in
    /// the thread's data.
    static STRTOK_NEXT: std::cell::Cell<*mut c_char> = const { std::cell::Cell::new(std::ptr::null_mut()) };
}

/// Microsoft's `strtok`, which the compat `<string.h>` names `strtok`: the next token of `str`
/// (or, when `str` is NULL, of the string the calling thread gave last), its end overwritten
/// with a NUL. Windows keeps the position per thread, so threads that each split their own
/// buffer (a thread per connection parsing its request) do not disturb one another; the C
/// library's `strtok` keeps one position for the whole process. NULL when no token is left,
/// or when `str` is NULL and this thread has given no string yet.
///
/// # Safety
/// `str` (or the string it continues) must be a writable NUL-terminated string and `delim` a
/// NUL-terminated string, as for `strtok`.
#[no_mangle]
pub unsafe extern "C" fn ws2mp_strtok(str: *mut c_char, delim: *const c_char) -> *mut c_char {
    if delim.is_null() {
        return std::ptr::null_mut();
    }
    STRTOK_NEXT.with(|next| {
        let mut position = next.get();
        if str.is_null() && position.is_null() {
            return std::ptr::null_mut();
        }
        // SAFETY: the caller passes strings as `strtok` takes them; `position` is NULL or was
        // left by `strtok_r` inside the string this thread gave before, as `strtok` keeps it.
        let token = unsafe { libc::strtok_r(str, delim, &mut position) };
        next.set(position);
        token
    })
}

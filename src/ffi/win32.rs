//! The Win32 functions legacy Winsock programs call for error texts, the Windows version and
//! the adapter list: `FormatMessageA/W`, `GetVersion`, `GetVersionExA/W`,
//! `GetAdaptersAddresses`. They are Win32 names (not libc's), exported as they are; their
//! structures and constants are in the compat headers (`<windows.h>`, `<iphlpapi.h>`).

use super::adapters;
use crate::error::set_last_error;
use crate::win32::codes::*;
use crate::win32::messages::{self, Request};
use crate::win32::version;
use std::os::raw::{c_char, c_void};
use std::panic::{catch_unwind, AssertUnwindSafe};

const FORMAT_MESSAGE_ALLOCATE_BUFFER: u32 = 0x0000_0100;

/// Runs a Win32 body: a panic becomes `fail` with the last error `ERROR_NOT_ENOUGH_MEMORY`.
fn guard<T>(fail: T, body: impl FnOnce() -> T) -> T {
    catch_unwind(AssertUnwindSafe(body)).unwrap_or_else(|_| {
        crate::log::error(format_args!("internal error (panic) in a Win32 function"));
        set_last_error(ERROR_NOT_ENOUGH_MEMORY as i32);
        fail
    })
}

/// The text of a NUL-terminated string of `T` units (u8 or u16).
///
/// # Safety
/// `p` must be NULL or point to a NUL-terminated string.
unsafe fn read_c<T: Copy + Into<u32> + Default + PartialEq>(p: *const T) -> Option<Vec<T>> {
    if p.is_null() {
        return None;
    }
    let mut v = Vec::new();
    let mut i = 0;
    loop {
        // SAFETY: the caller guarantees the string is NUL-terminated.
        let c = unsafe { *p.add(i) };
        if c == T::default() {
            return Some(v);
        }
        v.push(c);
        i += 1;
    }
}

fn narrow_text(v: &[u8]) -> String {
    String::from_utf8_lossy(v).into_owned()
}

fn wide_text(v: &[u16]) -> String {
    String::from_utf16_lossy(v)
}

/// One FormatMessageA/W call's arguments. `wide` selects the character type of the source,
/// the string inserts and the output.
struct FormatCall {
    wide: bool,
    flags: u32,
    source: *const c_void,
    message_id: u32,
    language_id: u32,
    buffer: *mut c_void,
    size: u32,
    arguments: *mut c_void,
}

/// Shared body of FormatMessageA/W.
///
/// # Safety
/// As for FormatMessageA/W.
unsafe fn format_message(call: FormatCall) -> u32 {
    let FormatCall {
        wide,
        flags,
        source,
        message_id,
        language_id,
        buffer,
        size,
        arguments,
    } = call;
    let allocate = flags & FORMAT_MESSAGE_ALLOCATE_BUFFER != 0;
    if buffer.is_null() && (wide || allocate) {
        // FormatMessageA with ALLOCATE_BUFFER answers a NULL lpBuffer as a failed allocation.
        let code = if wide {
            ERROR_INVALID_PARAMETER
        } else {
            ERROR_NOT_ENOUGH_MEMORY
        };
        set_last_error(code as i32);
        return 0;
    }
    if allocate {
        // SAFETY: with ALLOCATE_BUFFER, `buffer` is the address of the caller's pointer, which
        // is NULL until a message is produced.
        unsafe { *buffer.cast::<*mut u8>() = std::ptr::null_mut() };
    }
    let source_text = if flags & messages::FORMAT_MESSAGE_FROM_STRING != 0 {
        // SAFETY: FROM_STRING: the caller passes a NUL-terminated string (or NULL).
        unsafe {
            if wide {
                read_c(source.cast::<u16>()).map(|v| wide_text(&v))
            } else {
                read_c(source.cast::<u8>()).map(|v| narrow_text(&v))
            }
        }
    } else {
        None
    };
    let array = arguments.cast::<u64>();
    let read_slot = move |i: usize| -> u64 {
        // SAFETY: with FORMAT_MESSAGE_ARGUMENT_ARRAY the caller passes an array of
        // pointer-sized values holding every argument the message uses.
        unsafe { *array.add(i) }
    };
    let mut list = if flags & messages::FORMAT_MESSAGE_ARGUMENT_ARRAY == 0 {
        // SAFETY: without ARGUMENT_ARRAY, a non-NULL `Arguments` is the address of the
        // caller's va_list, holding the arguments the message's inserts use.
        unsafe { crate::sys::va_list::VaList::new(arguments) }
    } else {
        None
    };
    let mut next_arg = move || list.as_mut().map_or(0, |l| l.next());
    let read_text = |v: u64, wide_arg: bool| -> Option<String> {
        // SAFETY: a string insert's argument is a NUL-terminated string of that width.
        unsafe {
            if wide_arg {
                read_c(v as usize as *const u16).map(|v| wide_text(&v))
            } else {
                read_c(v as usize as *const u8).map(|v| narrow_text(&v))
            }
        }
    };
    let args = if arguments.is_null() {
        messages::Args::Missing
    } else if flags & messages::FORMAT_MESSAGE_ARGUMENT_ARRAY != 0 {
        messages::Args::Array(&read_slot)
    } else if crate::sys::va_list::SUPPORTED {
        messages::Args::List(&mut next_arg)
    } else {
        messages::Args::Missing
    };
    let mut req = Request {
        flags,
        source: source_text,
        message_id,
        language_id,
        wide,
        args,
        read_text: &read_text,
        limit: (!allocate).then_some(size as usize),
    };
    let (bytes_of, unit) = (
        |t: &str| -> Vec<u8> {
            if wide {
                t.encode_utf16().flat_map(u16::to_ne_bytes).collect()
            } else {
                t.as_bytes().to_vec()
            }
        },
        if wide { 2 } else { 1 },
    );
    let text = match messages::format(&mut req) {
        Ok(t) => t,
        Err(failure) => {
            if wide && !allocate {
                // FormatMessageW has written what it produced before the error (no NUL).
                let b = bytes_of(&failure.partial);
                let n = b.len().min(size as usize * 2);
                // SAFETY: the caller's buffer holds `size` WCHARs.
                unsafe { std::ptr::copy_nonoverlapping(b.as_ptr(), buffer.cast::<u8>(), n) };
            }
            set_last_error(failure.code as i32);
            return 0;
        }
    };
    let bytes = bytes_of(&text);
    let count = bytes.len() / unit;
    if count == 0 {
        if wide && !allocate && size > 0 {
            // SAFETY: the caller's buffer holds at least one WCHAR.
            unsafe { *buffer.cast::<u16>() = 0 };
        }
        set_last_error(ERROR_NO_WORK_DONE as i32);
        return 0;
    }
    if !wide && count >= 32767 {
        // FormatMessageA's result is limited to 32766 characters.
        set_last_error(ERROR_INVALID_PARAMETER as i32);
        return 0;
    }
    let Ok(count32) = u32::try_from(count) else {
        set_last_error(ERROR_NOT_ENOUGH_MEMORY as i32);
        return 0;
    };
    if allocate {
        let cap = (count + 1).max(size as usize);
        // SAFETY: a fresh allocation the caller frees with LocalFree (free).
        let p = unsafe { libc::calloc(cap, unit) }.cast::<u8>();
        if p.is_null() {
            set_last_error(ERROR_NOT_ENOUGH_MEMORY as i32);
            return 0;
        }
        // SAFETY: `p` holds cap >= count + 1 units; `buffer` is really a pointer to the
        // caller's pointer variable with ALLOCATE_BUFFER.
        unsafe {
            std::ptr::copy_nonoverlapping(bytes.as_ptr(), p, count * unit);
            *buffer.cast::<*mut u8>() = p;
        }
        return count32;
    }
    if count + 1 > size as usize {
        if wide && size > 0 {
            // FormatMessageW leaves the message cut to the buffer, NUL-terminated.
            let n = (size as usize - 1) * 2;
            // SAFETY: the caller's buffer holds `size` WCHARs.
            unsafe {
                std::ptr::copy_nonoverlapping(bytes.as_ptr(), buffer.cast::<u8>(), n);
                *buffer.cast::<u16>().add(size as usize - 1) = 0;
            }
        }
        set_last_error(ERROR_INSUFFICIENT_BUFFER as i32);
        return 0;
    }
    if buffer.is_null() {
        // Windows' FormatMessageA would write through the NULL pointer.
        set_last_error(ERROR_INVALID_PARAMETER as i32);
        return 0;
    }
    // SAFETY: the caller's buffer holds `size` > count units.
    unsafe {
        std::ptr::copy_nonoverlapping(bytes.as_ptr(), buffer.cast::<u8>(), count * unit);
        std::ptr::write_bytes(buffer.cast::<u8>().add(count * unit), 0, unit);
    }
    count32
}

/// Formats a message: with `FORMAT_MESSAGE_FROM_SYSTEM`, Windows' English text for a Win32 or
/// Winsock error code (every `WSAE*`/`WSA*` code, the common Win32 codes, a `FACILITY_WIN32`
/// HRESULT as its code and a few COM HRESULTs), ending in "\r\n" as on Windows; with
/// `FORMAT_MESSAGE_FROM_STRING`, the string at `lpSource`. Inserts (`%1`..`%99`, with
/// printf-style specs such as `%2!d!`, `%1!*.*u!`, `%3!I64x!`, `%1!S!`) are read from the
/// `va_list` at `Arguments`, or from an array with `FORMAT_MESSAGE_ARGUMENT_ARRAY`;
/// `FORMAT_MESSAGE_IGNORE_INSERTS` leaves them as written. `FORMAT_MESSAGE_ALLOCATE_BUFFER`
/// stores a new buffer (free it with `LocalFree`) at `*(char **)lpBuffer`, or NULL. The low
/// byte of `dwFlags` is the maximum line width (lines break at their last space;
/// `FORMAT_MESSAGE_MAX_WIDTH_MASK`: line breaks become spaces and nothing wraps).
///
/// Returns the number of characters written (without the NUL), or 0 with `GetLastError()`:
/// `ERROR_NO_WORK_DONE` (an empty message), `ERROR_MR_MID_NOT_FOUND` (unknown code),
/// `ERROR_RESOURCE_LANG_NOT_FOUND` (a language other than neutral or English),
/// `ERROR_INSUFFICIENT_BUFFER` (`nSize` too small), `ERROR_INVALID_PARAMETER` (no source flag,
/// a template ending in `%`, inserts without arguments, a message of 32767 characters or more,
/// NULL `lpBuffer`), `ERROR_NOT_ENOUGH_MEMORY` (NULL `lpBuffer` with `ALLOCATE_BUFFER`).
///
/// # Safety
/// The pointers must be valid as for Windows' FormatMessageA.
#[no_mangle]
pub unsafe extern "C" fn FormatMessageA(
    dwFlags: u32,
    lpSource: *const c_void,
    dwMessageId: u32,
    dwLanguageId: u32,
    lpBuffer: *mut c_char,
    nSize: u32,
    Arguments: *mut c_void,
) -> u32 {
    guard(0, || {
        // SAFETY: forwarded caller guarantees.
        unsafe {
            format_message(FormatCall {
                wide: false,
                flags: dwFlags,
                source: lpSource,
                message_id: dwMessageId,
                language_id: dwLanguageId,
                buffer: lpBuffer.cast(),
                size: nSize,
                arguments: Arguments,
            })
        }
    })
}

/// `FormatMessageA` with 16-bit `WCHAR` strings (source, string inserts and output; `nSize`
/// counts `WCHAR`s). Unlike `FormatMessageA`, a NULL `lpBuffer` is `ERROR_INVALID_PARAMETER`,
/// a buffer too small is left holding the message cut to it, an empty message leaves an empty
/// string, and a bad template leaves what was formatted before it (no NUL), as on Windows.
///
/// # Safety
/// The pointers must be valid as for Windows' FormatMessageW.
#[no_mangle]
pub unsafe extern "C" fn FormatMessageW(
    dwFlags: u32,
    lpSource: *const c_void,
    dwMessageId: u32,
    dwLanguageId: u32,
    lpBuffer: *mut u16,
    nSize: u32,
    Arguments: *mut c_void,
) -> u32 {
    guard(0, || {
        // SAFETY: forwarded caller guarantees.
        unsafe {
            format_message(FormatCall {
                wide: true,
                flags: dwFlags,
                source: lpSource,
                message_id: dwMessageId,
                language_id: dwLanguageId,
                buffer: lpBuffer.cast(),
                size: nSize,
                arguments: Arguments,
            })
        }
    })
}

/// The Windows version, packed: major in the low byte, minor in the next, build in the high
/// word. ws2mp always reports Windows 10.0.19045 (see `GetVersionExA`).
#[no_mangle]
pub extern "C" fn GetVersion() -> u32 {
    version::packed()
}

/// Shared body of GetVersionExA/W.
///
/// # Safety
/// `info` must be NULL or point to a writable structure of its declared size.
unsafe fn get_version_ex(info: *mut c_void, char_size: u32) -> i32 {
    if info.is_null() {
        set_last_error(ERROR_INVALID_PARAMETER as i32);
        return 0;
    }
    let p = info.cast::<u8>();
    // SAFETY: every OSVERSIONINFO starts with its DWORD size.
    let declared = unsafe { p.cast::<u32>().read_unaligned() };
    let (plain, ex) = version::accepted_sizes(char_size);
    if declared != plain && declared != ex {
        set_last_error(ERROR_INSUFFICIENT_BUFFER as i32);
        return 0;
    }
    // SAFETY: the structure is `declared` bytes long (checked against the two layouts).
    unsafe {
        std::ptr::write_bytes(p.add(4), 0, declared as usize - 4);
        let dwords = [
            version::MAJOR,
            version::MINOR,
            version::BUILD,
            version::PLATFORM_NT,
        ];
        for (i, v) in dwords.iter().enumerate() {
            p.add(4 + 4 * i).cast::<u32>().write_unaligned(*v);
        }
        if declared == ex {
            let tail = p.add(plain as usize);
            // wServicePackMajor, wServicePackMinor stay 0.
            tail.add(4)
                .cast::<u16>()
                .write_unaligned(version::SUITE_MASK);
            *tail.add(6) = version::PRODUCT_WORKSTATION;
        }
    }
    1
}

/// Fills an `OSVERSIONINFOA` or `OSVERSIONINFOEXA` (chosen by `dwOSVersionInfoSize`) with
/// the fixed version ws2mp reports: Windows 10.0 build 19045, `VER_PLATFORM_WIN32_NT`, no
/// service pack (`szCSDVersion` ""), and in the EX form `VER_SUITE_SINGLEUSERTS` and
/// `VER_NT_WORKSTATION`. (Windows itself reports 6.2.9200 to programs without a
/// compatibility manifest.)
///
/// Returns TRUE, or FALSE with `ERROR_INSUFFICIENT_BUFFER` (a size that is neither
/// structure's) or `ERROR_INVALID_PARAMETER` (NULL).
///
/// # Safety
/// `lpVersionInformation` must be NULL or point to a writable structure of the size it
/// declares.
#[no_mangle]
pub unsafe extern "C" fn GetVersionExA(lpVersionInformation: *mut c_void) -> i32 {
    // SAFETY: forwarded caller guarantees.
    guard(0, || unsafe { get_version_ex(lpVersionInformation, 1) })
}

/// `GetVersionExA` for `OSVERSIONINFOW` / `OSVERSIONINFOEXW` (16-bit `szCSDVersion`).
///
/// # Safety
/// As for `GetVersionExA`.
#[no_mangle]
pub unsafe extern "C" fn GetVersionExW(lpVersionInformation: *mut c_void) -> i32 {
    // SAFETY: forwarded caller guarantees.
    guard(0, || unsafe { get_version_ex(lpVersionInformation, 2) })
}

/// `VerSetConditionMask`: `dwlConditionMask` with `Condition` (`VER_EQUAL` .. `VER_OR`, its
/// low 3 bits) put in the place of the first field of `dwTypeBitMask` (`VER_PRODUCT_TYPE`,
/// `VER_SUITENAME`, `VER_SERVICEPACKMAJOR`, `VER_SERVICEPACKMINOR`, `VER_PLATFORMID`,
/// `VER_BUILDNUMBER`, `VER_MAJORVERSION`, `VER_MINORVERSION`, in that order): call it once per
/// field. A zero type mask or condition returns the mask unchanged.
#[no_mangle]
pub extern "C" fn VerSetConditionMask(
    dwlConditionMask: u64,
    dwTypeBitMask: u32,
    Condition: u8,
) -> u64 {
    version::set_condition(dwlConditionMask, dwTypeBitMask, Condition)
}

/// Shared body of VerifyVersionInfoA/W: reads the fields of the program's `OSVERSIONINFOEX`
/// (its `szCSDVersion` has `char_size`-byte characters) and compares.
fn verify_version_info(info: *const c_void, char_size: usize, type_mask: u32, mask: u64) -> i32 {
    let tail = 20 + 128 * char_size;
    let mut raw = [0u8; 20 + 256 + 8];
    let raw = &mut raw[..tail + 8];
    if crate::sys::copy_from_user(info.cast(), raw).is_err() {
        set_last_error(ERROR_INVALID_PARAMETER as i32);
        return 0;
    }
    let dword = |at: usize| u32::from_ne_bytes([raw[at], raw[at + 1], raw[at + 2], raw[at + 3]]);
    let word = |at: usize| u16::from_ne_bytes([raw[at], raw[at + 1]]);
    // dwOSVersionInfoSize is not checked (Windows does not either).
    let want = version::Required {
        major: dword(4),
        minor: dword(8),
        build: dword(12),
        platform: dword(16),
        sp_major: word(tail),
        sp_minor: word(tail + 2),
        suite_mask: word(tail + 4),
        product_type: raw[tail + 6],
    };
    match version::verify(&version::current(), &want, type_mask, mask) {
        Ok(()) => 1,
        Err(why) => {
            set_last_error(match why {
                version::Mismatch::Old => ERROR_OLD_WIN_VERSION,
                version::Mismatch::BadArguments => ERROR_BAD_ARGUMENTS,
            } as i32);
            0
        }
    }
}

/// Compares the fields `dwTypeMask` names (`VER_MAJORVERSION`, `VER_MINORVERSION`,
/// `VER_SERVICEPACKMAJOR`, `VER_SERVICEPACKMINOR`, `VER_BUILDNUMBER`, `VER_PLATFORMID`,
/// `VER_SUITENAME`, `VER_PRODUCT_TYPE`) of an `OSVERSIONINFOEXA` with the version ws2mp
/// reports (Windows 10.0.19045, as `GetVersionExA`), each under its condition in
/// `dwlConditionMask` (built with `VerSetConditionMask`). The major, minor and service pack
/// numbers compare as one version, most significant first, as on Windows.
///
/// TRUE when the requirement is met; FALSE with `ERROR_OLD_WIN_VERSION` when it is not, or
/// `ERROR_BAD_ARGUMENTS` for a zero mask (or a suite condition other than `VER_AND` /
/// `VER_OR`); `ERROR_INVALID_PARAMETER` for an unreadable structure (Windows faults).
///
/// # Safety
/// `lpVersionInformation` should point to an `OSVERSIONINFOEXA`.
#[no_mangle]
pub unsafe extern "C" fn VerifyVersionInfoA(
    lpVersionInformation: *const c_void,
    dwTypeMask: u32,
    dwlConditionMask: u64,
) -> i32 {
    guard(0, || {
        verify_version_info(lpVersionInformation, 1, dwTypeMask, dwlConditionMask)
    })
}

/// `VerifyVersionInfoA` for an `OSVERSIONINFOEXW` (16-bit `szCSDVersion`).
///
/// # Safety
/// `lpVersionInformation` should point to an `OSVERSIONINFOEXW`.
#[no_mangle]
pub unsafe extern "C" fn VerifyVersionInfoW(
    lpVersionInformation: *const c_void,
    dwTypeMask: u32,
    dwlConditionMask: u64,
) -> i32 {
    guard(0, || {
        verify_version_info(lpVersionInformation, 2, dwTypeMask, dwlConditionMask)
    })
}

/// Lists the host's network interfaces as Windows' `IP_ADAPTER_ADDRESSES` chain
/// (`<iphlpapi.h>`), one adapter per interface, with its unicast addresses of `Family`
/// (`AF_UNSPEC`, `AF_INET` or `AF_INET6`). `AdapterName` is the interface's GUID in braces,
/// as on Windows (made from its name); `FriendlyName` and `Description` are the interface's
/// name (Windows has display names); `Luid` has the index as `NetLuidIndex`; multicast,
/// anycast, DNS-server, prefix and gateway lists are empty. `GAA_FLAG_SKIP_UNICAST` is
/// honoured; `GAA_FLAG_SKIP_FRIENDLY_NAME` is ignored as Windows ignores it (the friendly name
/// is given, the size is the same); other flags are accepted.
///
/// Returns a Win32 error code (the last error is not changed): `NO_ERROR`;
/// `ERROR_BUFFER_OVERFLOW` with `*SizePointer` set to the size needed (also for a NULL
/// `AdapterAddresses`); `ERROR_INVALID_PARAMETER` (NULL `SizePointer`, non-NULL `Reserved`,
/// an unknown family); `ERROR_NO_DATA` (no interfaces); `ERROR_NOT_ENOUGH_MEMORY`.
///
/// # Safety
/// `AdapterAddresses` must be NULL or writable for `*SizePointer` bytes (8-aligned, as
/// malloc returns); `SizePointer` NULL or valid.
#[no_mangle]
pub unsafe extern "C" fn GetAdaptersAddresses(
    Family: u32,
    Flags: u32,
    Reserved: *mut c_void,
    AdapterAddresses: *mut c_void,
    SizePointer: *mut u32,
) -> u32 {
    guard(ERROR_NOT_ENOUGH_MEMORY, || {
        if SizePointer.is_null() || !Reserved.is_null() {
            return ERROR_INVALID_PARAMETER;
        }
        // SAFETY: checked non-NULL; the caller guarantees validity.
        let size = unsafe { &mut *SizePointer };
        // SAFETY: forwarded caller guarantees.
        unsafe { adapters::get_adapters(Family, Flags, AdapterAddresses.cast(), size) }
    })
}

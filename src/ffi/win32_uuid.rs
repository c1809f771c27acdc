//! GUIDs for programs that name sessions, peers or messages with them: COM's `CoCreateGuid`,
//! the RPC runtime's `UuidCreate`, `UuidCreateSequential`, `UuidToStringA/W`,
//! `UuidFromStringA/W` and `RpcStringFreeA/W` (`crate::win32::guid`; declared by the compat
//! `<rpc.h>` and `<objbase.h>`).

use crate::win32::guid::{self, Guid};
use std::os::raw::c_void;

const RPC_S_OK: i32 = 0;
const RPC_S_OUT_OF_MEMORY: i32 = 14;
const RPC_S_INVALID_ARG: i32 = 87;
const RPC_S_INVALID_STRING_UUID: i32 = 1705;
const RPC_S_UUID_LOCAL_ONLY: i32 = 1824;
const RPC_S_UUID_NO_ADDRESS: i32 = 1739;
const S_OK: i32 = 0;
const E_INVALIDARG: i32 = 0x8007_0057_u32 as i32;

/// Writes `g` to the program's `GUID` at `out` (checked: false when it cannot be written).
fn put(out: *mut c_void, g: Guid) -> bool {
    !out.is_null() && crate::sys::copy_to_user(out.cast(), &g.to_bytes()).is_ok()
}

/// Reads the program's `GUID` at `p` (checked).
fn get(p: *const c_void) -> Option<Guid> {
    let mut b = [0u8; 16];
    if p.is_null() || crate::sys::copy_from_user(p.cast(), &mut b).is_err() {
        return None;
    }
    Some(Guid::from_bytes(b))
}

/// A new random (version 4) GUID in `*pguid`: `S_OK`, or `E_INVALIDARG` for a NULL or
/// unwritable pointer.
///
/// # Safety
/// `pguid` should point to a writable `GUID`.
#[no_mangle]
pub unsafe extern "C" fn CoCreateGuid(pguid: *mut c_void) -> i32 {
    match guid::random() {
        Ok(g) if put(pguid, g) => S_OK,
        _ => E_INVALIDARG,
    }
}

/// A new random (version 4) UUID in `*Uuid`: `RPC_S_OK`, or `RPC_S_INVALID_ARG` for a NULL
/// or unwritable pointer.
///
/// # Safety
/// `Uuid` should point to a writable `UUID`.
#[no_mangle]
pub unsafe extern "C" fn UuidCreate(Uuid: *mut c_void) -> i32 {
    match guid::random() {
        Ok(g) if put(Uuid, g) => RPC_S_OK,
        Ok(_) => RPC_S_INVALID_ARG,
        Err(_) => RPC_S_UUID_NO_ADDRESS,
    }
}

/// A new time-based (version 1) UUID in `*Uuid`, greater in its timestamp than the last:
/// `RPC_S_UUID_LOCAL_ONLY` (as Windows on a machine without a network card's address: the
/// node is random, so the UUID is unique to this machine), `RPC_S_INVALID_ARG` for a NULL or
/// unwritable pointer.
///
/// # Safety
/// `Uuid` should point to a writable `UUID`.
#[no_mangle]
pub unsafe extern "C" fn UuidCreateSequential(Uuid: *mut c_void) -> i32 {
    match guid::sequential() {
        Ok(g) if put(Uuid, g) => RPC_S_UUID_LOCAL_ONLY,
        Ok(_) => RPC_S_INVALID_ARG,
        Err(_) => RPC_S_UUID_NO_ADDRESS,
    }
}

/// Allocates the text of `*Uuid` (`unit`: 1 byte or 2) with its terminator into `*out`.
fn to_string(uuid: *const c_void, out: *mut *mut c_void, unit: usize) -> i32 {
    let Some(g) = get(uuid) else {
        return RPC_S_INVALID_ARG;
    };
    if out.is_null() {
        return RPC_S_INVALID_ARG;
    }
    let text = g.to_text();
    let mut bytes: Vec<u8> = if unit == 1 {
        text.into_bytes()
    } else {
        text.encode_utf16().flat_map(u16::to_ne_bytes).collect()
    };
    bytes.extend(std::iter::repeat_n(0, unit));
    // SAFETY: plain allocation; freed by `RpcStringFree` with `free`.
    let mem = unsafe { libc::malloc(bytes.len()) };
    if mem.is_null() {
        return RPC_S_OUT_OF_MEMORY;
    }
    // SAFETY: `mem` has room for `bytes.len()` bytes.
    unsafe { std::ptr::copy_nonoverlapping(bytes.as_ptr(), mem.cast::<u8>(), bytes.len()) };
    if crate::sys::copy_to_user(out.cast(), &(mem as usize).to_ne_bytes()).is_err() {
        // SAFETY: allocated above, never handed out.
        unsafe { libc::free(mem) };
        return RPC_S_INVALID_ARG;
    }
    RPC_S_OK
}

/// The text of `*Uuid`, lower case, 36 characters and no braces, in a string the runtime
/// allocates (`*StringUuid`; free it with `RpcStringFreeA`). `RPC_S_OK`, `RPC_S_INVALID_ARG`
/// (NULL or unreadable `Uuid`, NULL `StringUuid`), `RPC_S_OUT_OF_MEMORY`.
///
/// # Safety
/// `Uuid` should point to a `UUID`, `StringUuid` to a writable `RPC_CSTR`.
#[no_mangle]
pub unsafe extern "C" fn UuidToStringA(Uuid: *const c_void, StringUuid: *mut *mut u8) -> i32 {
    to_string(Uuid, StringUuid.cast(), 1)
}

/// `UuidToStringA` in UTF-16 (`RPC_WSTR`; free it with `RpcStringFreeW`).
///
/// # Safety
/// As for `UuidToStringA`.
#[no_mangle]
pub unsafe extern "C" fn UuidToStringW(Uuid: *const c_void, StringUuid: *mut *mut u16) -> i32 {
    to_string(Uuid, StringUuid.cast(), 2)
}

fn from_string(text: *const c_void, uuid: *mut c_void, unit: usize) -> i32 {
    let g = if text.is_null() {
        // NULL is the nil UUID, as on Windows.
        Guid::default()
    } else {
        let Ok(bytes) = crate::sys::copy_string_from_user(text.cast(), unit, 64) else {
            return RPC_S_INVALID_STRING_UUID;
        };
        // UTF-16 text: every unit must be ASCII to be part of a UUID.
        let narrow: Option<Vec<u8>> = if unit == 1 {
            Some(bytes)
        } else {
            bytes
                .chunks_exact(2)
                .map(|c| u8::try_from(u16::from_ne_bytes([c[0], c[1]])).ok())
                .collect()
        };
        match narrow.as_deref().and_then(Guid::parse) {
            Some(g) => g,
            None => return RPC_S_INVALID_STRING_UUID,
        }
    };
    if put(uuid, g) {
        RPC_S_OK
    } else {
        RPC_S_INVALID_ARG
    }
}

/// Reads a UUID's text (`xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`, either case, no braces) into
/// `*Uuid`; NULL text gives the nil UUID. `RPC_S_OK`, `RPC_S_INVALID_STRING_UUID`,
/// `RPC_S_INVALID_ARG` (NULL or unwritable `Uuid`).
///
/// # Safety
/// `StringUuid` should be NULL or a NUL-terminated string; `Uuid` a writable `UUID`.
#[no_mangle]
pub unsafe extern "C" fn UuidFromStringA(StringUuid: *const u8, Uuid: *mut c_void) -> i32 {
    from_string(StringUuid.cast(), Uuid, 1)
}

/// `UuidFromStringA` for UTF-16 text.
///
/// # Safety
/// As for `UuidFromStringA`.
#[no_mangle]
pub unsafe extern "C" fn UuidFromStringW(StringUuid: *const u16, Uuid: *mut c_void) -> i32 {
    from_string(StringUuid.cast(), Uuid, 2)
}

fn free_string(s: *mut *mut c_void) -> i32 {
    let mut b = [0u8; std::mem::size_of::<usize>()];
    if s.is_null() || crate::sys::copy_from_user(s.cast(), &mut b).is_err() {
        return RPC_S_INVALID_ARG;
    }
    let p = usize::from_ne_bytes(b) as *mut c_void;
    // SAFETY: `*String` is a string `UuidToString` allocated with `malloc` (or NULL), the
    // function's contract.
    unsafe { libc::free(p) };
    let _ = crate::sys::copy_to_user(s.cast(), &0usize.to_ne_bytes());
    RPC_S_OK
}

/// Frees a string `UuidToStringA` allocated and sets `*String` to NULL. `RPC_S_OK`, or
/// `RPC_S_INVALID_ARG` for a NULL or unreadable `String`.
///
/// # Safety
/// `*String` must be NULL or a string from `UuidToStringA`, not freed before.
#[no_mangle]
pub unsafe extern "C" fn RpcStringFreeA(String: *mut *mut u8) -> i32 {
    free_string(String.cast())
}

/// `RpcStringFreeA` for strings from `UuidToStringW`.
///
/// # Safety
/// As for `RpcStringFreeA`.
#[no_mangle]
pub unsafe extern "C" fn RpcStringFreeW(String: *mut *mut u16) -> i32 {
    free_string(String.cast())
}

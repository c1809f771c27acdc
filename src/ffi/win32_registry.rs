//! The registry calls (`advapi32`): `RegOpenKey(Ex)`, `RegCreateKey(Ex)`, `RegCloseKey`,
//! `RegQueryValueEx`, `RegGetValue`, `RegSetValueEx`, `RegDeleteValue`, `RegDeleteKey`,
//! `RegDeleteTree`, `RegEnumKey(Ex)`, `RegEnumValue`, `RegQueryInfoKey`, `RegFlushKey`, in A
//! and W forms, over `win32::registry`. They return the Win32 error (`ERROR_SUCCESS`,
//! `ERROR_FILE_NOT_FOUND`, `ERROR_MORE_DATA`, ...) and leave `GetLastError` alone, as Windows'
//! do. A strings are UTF-8; string values are kept as UTF-16, and the A calls convert them in
//! both directions (sizes are then the converted ones).

use super::win32_sync::{name_a, name_w};
use crate::win32::registry::{self as reg, KeyRef, Value};
use std::os::raw::{c_char, c_void};
use std::panic::{catch_unwind, AssertUnwindSafe};

const ERROR_SUCCESS: i32 = 0;
const ERROR_UNSUPPORTED_TYPE: u32 = 1630;

const REG_SZ: u32 = 1;
const REG_EXPAND_SZ: u32 = 2;
const REG_DWORD: u32 = 4;
const REG_MULTI_SZ: u32 = 7;
const REG_QWORD: u32 = 11;
const REG_CREATED_NEW_KEY: u32 = 1;
const REG_OPENED_EXISTING_KEY: u32 = 2;
const RRF_NOEXPAND: u32 = 0x1000_0000;
const RRF_ZEROONFAILURE: u32 = 0x2000_0000;

/// Runs a registry call: `Ok` is `ERROR_SUCCESS`, `Err(code)` the code; a panic is
/// `ERROR_INVALID_PARAMETER`.
fn run(body: impl FnOnce() -> Result<(), u32>) -> i32 {
    match catch_unwind(AssertUnwindSafe(body)) {
        Ok(Ok(())) => ERROR_SUCCESS,
        Ok(Err(code)) => code as i32,
        Err(_) => {
            crate::log::error(format_args!(
                "internal error (panic) in a registry function"
            ));
            reg::ERROR_INVALID_PARAMETER as i32
        }
    }
}

fn is_string(kind: u32) -> bool {
    matches!(kind, REG_SZ | REG_EXPAND_SZ | REG_MULTI_SZ)
}

/// UTF-16LE bytes of the A call's bytes (its NULs kept).
fn to_stored(bytes: &[u8]) -> Vec<u8> {
    String::from_utf8_lossy(bytes)
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect()
}

/// The A call's bytes of stored UTF-16LE.
fn from_stored(bytes: &[u8]) -> Vec<u8> {
    let units: Vec<u16> = bytes
        .chunks_exact(2)
        .map(|c| u16::from_le_bytes([c[0], c[1]]))
        .collect();
    String::from_utf16_lossy(&units).into_bytes()
}

/// The data a call hands out: `wide` calls get the stored bytes, A calls converted strings.
fn outgoing(v: &Value, wide: bool) -> Vec<u8> {
    if wide || !is_string(v.kind) {
        v.data.clone()
    } else {
        from_stored(&v.data)
    }
}

/// Writes a pointer-sized handle to `out`.
///
/// # Safety
/// `out` must be NULL or writable.
unsafe fn put_handle(out: *mut *mut c_void, key: KeyRef) -> Result<(), u32> {
    if out.is_null() {
        return Err(reg::ERROR_INVALID_PARAMETER);
    }
    // SAFETY: caller guarantee.
    unsafe { out.write(reg::handle_for(key) as *mut c_void) };
    Ok(())
}

/// Writes `v` to `out` when it is not NULL.
///
/// # Safety
/// `out` must be NULL or writable.
unsafe fn put<T>(out: *mut T, v: T) {
    if !out.is_null() {
        // SAFETY: caller guarantee.
        unsafe { out.write(v) };
    }
}

/// Windows' data-buffer protocol: `size` in, the size needed out; no buffer asks for the size,
/// a buffer too small is `ERROR_MORE_DATA`.
///
/// # Safety
/// `data` must be NULL or writable for `*size` bytes; `size` NULL or writable.
unsafe fn put_data(bytes: &[u8], data: *mut u8, size: *mut u32) -> Result<(), u32> {
    if size.is_null() {
        return if data.is_null() {
            Ok(())
        } else {
            Err(reg::ERROR_INVALID_PARAMETER)
        };
    }
    // SAFETY: caller guarantee.
    let room = unsafe { size.read() } as usize;
    // SAFETY: caller guarantee.
    unsafe { size.write(bytes.len() as u32) };
    if data.is_null() {
        return Ok(());
    }
    if bytes.len() > room {
        return Err(reg::ERROR_MORE_DATA);
    }
    // SAFETY: caller guarantee: `room` >= len bytes are writable.
    unsafe { std::ptr::copy_nonoverlapping(bytes.as_ptr(), data, bytes.len()) };
    Ok(())
}

/// Where a value's type and data go: the program's `lpType`, `lpData` and `lpcbData` (each
/// may be NULL), whether the call is a W one (string data as stored, UTF-16), and whether a
/// string comes back NUL-terminated even when it was stored without (`RegGetValue`).
#[derive(Clone, Copy)]
struct DataOut {
    kind: *mut u32,
    data: *mut u8,
    size: *mut u32,
    wide: bool,
    terminate: bool,
}

impl DataOut {
    /// Writes the type and, with the size protocol, the data of `v`.
    ///
    /// # Safety
    /// The pointers as `put` and `put_data` require.
    unsafe fn write(self, v: &Value) -> Result<(), u32> {
        let mut bytes = outgoing(v, self.wide);
        let nul: &[u8] = if self.wide { &[0, 0] } else { &[0] };
        if self.terminate && is_string(v.kind) && !bytes.ends_with(nul) {
            bytes.extend_from_slice(nul);
        }
        // SAFETY: caller guarantee.
        unsafe {
            put(self.kind, v.kind);
            put_data(&bytes, self.data, self.size)
        }
    }
}

/// Writes a name of `T` units (A: bytes, W: UTF-16) with Windows' count protocol: `count` in is
/// the room with the NUL, out the length without it; `ERROR_MORE_DATA` when it does not fit.
///
/// # Safety
/// `out` must be writable for `*count` units; `count` writable.
unsafe fn put_name<T: Copy + Default>(name: &[T], out: *mut T, count: *mut u32) -> Result<(), u32> {
    if out.is_null() || count.is_null() {
        return Err(reg::ERROR_INVALID_PARAMETER);
    }
    // SAFETY: caller guarantee.
    let room = unsafe { count.read() } as usize;
    if name.len() + 1 > room {
        return Err(reg::ERROR_MORE_DATA);
    }
    // SAFETY: caller guarantee: `room` units are writable.
    unsafe {
        std::ptr::copy_nonoverlapping(name.as_ptr(), out, name.len());
        out.add(name.len()).write(T::default());
        count.write(name.len() as u32);
    }
    Ok(())
}

// ---- opening and creating ------------------------------------------------------------------

fn open(key: *mut c_void, sub: Option<String>, out: *mut *mut c_void) -> Result<(), u32> {
    let at = reg::key_of(key as usize)?;
    let found = reg::open(&at, &sub.unwrap_or_default())?;
    // SAFETY: the exported callers pass the program's pointer, which it guarantees.
    unsafe { put_handle(out, found) }
}

/// Opens a key under `hKey` (a predefined root or an open key). `ERROR_FILE_NOT_FOUND` when
/// it does not exist. The options and access rights are not checked.
///
/// # Safety
/// `lpSubKey` must be NULL or NUL-terminated; `phkResult` writable.
#[no_mangle]
pub unsafe extern "C" fn RegOpenKeyExA(
    hKey: *mut c_void,
    lpSubKey: *const c_char,
    ulOptions: u32,
    samDesired: u32,
    phkResult: *mut *mut c_void,
) -> i32 {
    let _ = (ulOptions, samDesired);
    // SAFETY: caller guarantee.
    let sub = unsafe { name_a(lpSubKey) };
    run(|| open(hKey, sub, phkResult))
}

/// `RegOpenKeyExA` with a UTF-16 name.
///
/// # Safety
/// As for `RegOpenKeyExA`.
#[no_mangle]
pub unsafe extern "C" fn RegOpenKeyExW(
    hKey: *mut c_void,
    lpSubKey: *const u16,
    ulOptions: u32,
    samDesired: u32,
    phkResult: *mut *mut c_void,
) -> i32 {
    let _ = (ulOptions, samDesired);
    // SAFETY: caller guarantee.
    let sub = unsafe { name_w(lpSubKey) };
    run(|| open(hKey, sub, phkResult))
}

/// The old `RegOpenKeyA`: `RegOpenKeyExA` with no options.
///
/// # Safety
/// As for `RegOpenKeyExA`.
#[no_mangle]
pub unsafe extern "C" fn RegOpenKeyA(
    hKey: *mut c_void,
    lpSubKey: *const c_char,
    phkResult: *mut *mut c_void,
) -> i32 {
    // SAFETY: caller guarantee.
    unsafe { RegOpenKeyExA(hKey, lpSubKey, 0, 0, phkResult) }
}

/// The old `RegOpenKeyW`.
///
/// # Safety
/// As for `RegOpenKeyExW`.
#[no_mangle]
pub unsafe extern "C" fn RegOpenKeyW(
    hKey: *mut c_void,
    lpSubKey: *const u16,
    phkResult: *mut *mut c_void,
) -> i32 {
    // SAFETY: caller guarantee.
    unsafe { RegOpenKeyExW(hKey, lpSubKey, 0, 0, phkResult) }
}

fn create(
    key: *mut c_void,
    sub: Option<String>,
    out: *mut *mut c_void,
    disposition: *mut u32,
) -> Result<(), u32> {
    let at = reg::key_of(key as usize)?;
    let (made, created) = reg::create(&at, &sub.unwrap_or_default())?;
    // SAFETY: the exported callers pass the program's pointers, which it guarantees.
    unsafe {
        put_handle(out, made)?;
        put(
            disposition,
            if created {
                REG_CREATED_NEW_KEY
            } else {
                REG_OPENED_EXISTING_KEY
            },
        );
    }
    Ok(())
}

/// Opens a key, creating it and the keys above it as needed; `*lpdwDisposition` says which
/// (`REG_CREATED_NEW_KEY`, `REG_OPENED_EXISTING_KEY`). The class, options, access rights and
/// security attributes are not used (a volatile key is kept like the others).
///
/// # Safety
/// `lpSubKey` must be NULL or NUL-terminated; `phkResult` writable; `lpdwDisposition` NULL or
/// writable.
#[no_mangle]
pub unsafe extern "C" fn RegCreateKeyExA(
    hKey: *mut c_void,
    lpSubKey: *const c_char,
    Reserved: u32,
    lpClass: *mut c_char,
    dwOptions: u32,
    samDesired: u32,
    lpSecurityAttributes: *mut c_void,
    phkResult: *mut *mut c_void,
    lpdwDisposition: *mut u32,
) -> i32 {
    let _ = (
        Reserved,
        lpClass,
        dwOptions,
        samDesired,
        lpSecurityAttributes,
    );
    // SAFETY: caller guarantee.
    let sub = unsafe { name_a(lpSubKey) };
    run(|| create(hKey, sub, phkResult, lpdwDisposition))
}

/// `RegCreateKeyExA` with UTF-16 names.
///
/// # Safety
/// As for `RegCreateKeyExA`.
#[no_mangle]
pub unsafe extern "C" fn RegCreateKeyExW(
    hKey: *mut c_void,
    lpSubKey: *const u16,
    Reserved: u32,
    lpClass: *mut u16,
    dwOptions: u32,
    samDesired: u32,
    lpSecurityAttributes: *mut c_void,
    phkResult: *mut *mut c_void,
    lpdwDisposition: *mut u32,
) -> i32 {
    let _ = (
        Reserved,
        lpClass,
        dwOptions,
        samDesired,
        lpSecurityAttributes,
    );
    // SAFETY: caller guarantee.
    let sub = unsafe { name_w(lpSubKey) };
    run(|| create(hKey, sub, phkResult, lpdwDisposition))
}

/// The old `RegCreateKeyA`.
///
/// # Safety
/// As for `RegCreateKeyExA`.
#[no_mangle]
pub unsafe extern "C" fn RegCreateKeyA(
    hKey: *mut c_void,
    lpSubKey: *const c_char,
    phkResult: *mut *mut c_void,
) -> i32 {
    // SAFETY: caller guarantee.
    let sub = unsafe { name_a(lpSubKey) };
    run(|| create(hKey, sub, phkResult, std::ptr::null_mut()))
}

/// The old `RegCreateKeyW`.
///
/// # Safety
/// As for `RegCreateKeyExW`.
#[no_mangle]
pub unsafe extern "C" fn RegCreateKeyW(
    hKey: *mut c_void,
    lpSubKey: *const u16,
    phkResult: *mut *mut c_void,
) -> i32 {
    // SAFETY: caller guarantee.
    let sub = unsafe { name_w(lpSubKey) };
    run(|| create(hKey, sub, phkResult, std::ptr::null_mut()))
}

/// Closes a key handle (a predefined root closes too); `ERROR_INVALID_HANDLE` otherwise.
#[no_mangle]
pub extern "C" fn RegCloseKey(hKey: *mut c_void) -> i32 {
    run(|| reg::close(hKey as usize))
}

/// Nothing to flush: every change is already in the file.
#[no_mangle]
pub extern "C" fn RegFlushKey(hKey: *mut c_void) -> i32 {
    run(|| reg::key_of(hKey as usize).map(|_| ()))
}

// ---- values --------------------------------------------------------------------------------

/// # Safety
/// The pointers as for `RegQueryValueExA`.
unsafe fn query(key: *mut c_void, name: Option<String>, out: DataOut) -> Result<(), u32> {
    let at = reg::key_of(key as usize)?;
    let v = reg::value(&at, &name.unwrap_or_default())?;
    // SAFETY: caller guarantee.
    unsafe { out.write(&v) }
}

/// A value of the key (`lpValueName` NULL or "": the default value): its type in `*lpType`,
/// its data in `lpData` (`*lpcbData` bytes; out, the size). No `lpData`: only the size; too
/// small: `ERROR_MORE_DATA` with the size needed. String data is converted from UTF-16.
///
/// # Safety
/// `lpValueName` NULL or NUL-terminated; `lpType` NULL or writable; `lpData` NULL or writable
/// for `*lpcbData` bytes; `lpcbData` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn RegQueryValueExA(
    hKey: *mut c_void,
    lpValueName: *const c_char,
    lpReserved: *mut u32,
    lpType: *mut u32,
    lpData: *mut u8,
    lpcbData: *mut u32,
) -> i32 {
    let _ = lpReserved;
    // SAFETY: caller guarantee.
    let name = unsafe { name_a(lpValueName) };
    // SAFETY: caller guarantee.
    run(|| unsafe {
        query(
            hKey,
            name,
            DataOut {
                kind: lpType,
                data: lpData,
                size: lpcbData,
                wide: false,
                terminate: false,
            },
        )
    })
}

/// `RegQueryValueExA` with a UTF-16 name; string data as stored (UTF-16).
///
/// # Safety
/// As for `RegQueryValueExA`.
#[no_mangle]
pub unsafe extern "C" fn RegQueryValueExW(
    hKey: *mut c_void,
    lpValueName: *const u16,
    lpReserved: *mut u32,
    lpType: *mut u32,
    lpData: *mut u8,
    lpcbData: *mut u32,
) -> i32 {
    let _ = lpReserved;
    // SAFETY: caller guarantee.
    let name = unsafe { name_w(lpValueName) };
    // SAFETY: caller guarantee.
    run(|| unsafe {
        query(
            hKey,
            name,
            DataOut {
                kind: lpType,
                data: lpData,
                size: lpcbData,
                wide: true,
                terminate: false,
            },
        )
    })
}

/// # Safety
/// `data` readable for `size` bytes (or NULL with 0).
unsafe fn set(
    key: *mut c_void,
    name: Option<String>,
    kind: u32,
    data: *const u8,
    size: u32,
    wide: bool,
) -> Result<(), u32> {
    let at = reg::key_of(key as usize)?;
    if data.is_null() && size != 0 {
        return Err(reg::ERROR_INVALID_PARAMETER);
    }
    let bytes = if size == 0 {
        Vec::new()
    } else {
        // SAFETY: caller guarantee.
        unsafe { std::slice::from_raw_parts(data, size as usize) }.to_vec()
    };
    if (kind == REG_DWORD && bytes.len() != 4) || (kind == REG_QWORD && bytes.len() != 8) {
        return Err(reg::ERROR_INVALID_PARAMETER);
    }
    let data = if !wide && is_string(kind) {
        to_stored(&bytes)
    } else {
        bytes
    };
    reg::set_value(
        &at,
        Value {
            name: name.unwrap_or_default(),
            kind,
            data,
        },
    )
}

/// Sets a value of the key: `dwType` (`REG_SZ`, `REG_DWORD`, `REG_BINARY`, ...) and
/// `cbData` bytes of `lpData` (a string's NUL included, as Windows expects); a `REG_DWORD`
/// must be 4 bytes, a `REG_QWORD` 8 (`ERROR_INVALID_PARAMETER`).
///
/// # Safety
/// `lpValueName` NULL or NUL-terminated; `lpData` readable for `cbData` bytes.
#[no_mangle]
pub unsafe extern "C" fn RegSetValueExA(
    hKey: *mut c_void,
    lpValueName: *const c_char,
    Reserved: u32,
    dwType: u32,
    lpData: *const u8,
    cbData: u32,
) -> i32 {
    let _ = Reserved;
    // SAFETY: caller guarantee.
    let name = unsafe { name_a(lpValueName) };
    // SAFETY: caller guarantee.
    run(|| unsafe { set(hKey, name, dwType, lpData, cbData, false) })
}

/// `RegSetValueExA` with a UTF-16 name and UTF-16 string data.
///
/// # Safety
/// As for `RegSetValueExA`.
#[no_mangle]
pub unsafe extern "C" fn RegSetValueExW(
    hKey: *mut c_void,
    lpValueName: *const u16,
    Reserved: u32,
    dwType: u32,
    lpData: *const u8,
    cbData: u32,
) -> i32 {
    let _ = Reserved;
    // SAFETY: caller guarantee.
    let name = unsafe { name_w(lpValueName) };
    // SAFETY: caller guarantee.
    run(|| unsafe { set(hKey, name, dwType, lpData, cbData, true) })
}

/// `%NAME%` in a `REG_EXPAND_SZ` replaced by the environment's value (unknown names stay).
fn expand(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find('%') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        match after
            .find('%')
            .and_then(|end| Some((end, std::env::var(&after[..end]).ok()?)))
        {
            Some((end, value)) if end > 0 => {
                out.push_str(&value);
                rest = &after[end + 1..];
            }
            _ => {
                out.push('%');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The `RRF_RT_*` bit of a value type (0 for types no filter names).
fn type_bit(kind: u32) -> u32 {
    match kind {
        0..=4 => 1 << kind,
        REG_MULTI_SZ => 0x20,
        REG_QWORD => 0x40,
        _ => 0,
    }
}

/// # Safety
/// The pointers as for `RegGetValueA`.
unsafe fn get_value(
    key: *mut c_void,
    sub: Option<String>,
    name: Option<String>,
    flags: u32,
    out: DataOut,
) -> Result<(), u32> {
    let at = reg::key_of(key as usize)?;
    let at = match sub.as_deref() {
        Some(s) if !s.is_empty() => reg::open(&at, s)?,
        _ => at,
    };
    let mut v = reg::value(&at, &name.unwrap_or_default())?;
    if v.kind == REG_EXPAND_SZ && flags & RRF_NOEXPAND == 0 {
        let units: Vec<u16> = v
            .data
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect();
        let expanded = expand(String::from_utf16_lossy(&units).trim_end_matches('\0'));
        v = Value {
            name: v.name,
            kind: REG_SZ,
            data: expanded
                .encode_utf16()
                .chain([0])
                .flat_map(u16::to_le_bytes)
                .collect(),
        };
    }
    if flags & 0xFFFF & type_bit(v.kind) == 0 {
        return Err(ERROR_UNSUPPORTED_TYPE);
    }
    // SAFETY: caller guarantee.
    unsafe { out.write(&v) }
}

/// `RegGetValueA`: the value `lpValue` of `hkey\lpSubKey`, if its type is among `dwFlags`'
/// `RRF_RT_*` bits (else `ERROR_UNSUPPORTED_TYPE`); a `REG_EXPAND_SZ` is expanded and reported
/// as `REG_SZ` unless `RRF_NOEXPAND`; strings come back NUL-terminated; `RRF_ZEROONFAILURE`
/// zeroes the buffer on failure.
///
/// # Safety
/// `lpSubKey`, `lpValue` NULL or NUL-terminated; `pdwType` NULL or writable; `pvData` NULL or
/// writable for `*pcbData` bytes; `pcbData` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn RegGetValueA(
    hkey: *mut c_void,
    lpSubKey: *const c_char,
    lpValue: *const c_char,
    dwFlags: u32,
    pdwType: *mut u32,
    pvData: *mut c_void,
    pcbData: *mut u32,
) -> i32 {
    // SAFETY: caller guarantee.
    let (sub, name) = unsafe { (name_a(lpSubKey), name_a(lpValue)) };
    // SAFETY: caller guarantee.
    let room = if pcbData.is_null() {
        0
    } else {
        unsafe { pcbData.read() }
    };
    // SAFETY: caller guarantee.
    let r = run(|| unsafe {
        get_value(
            hkey,
            sub,
            name,
            dwFlags,
            DataOut {
                kind: pdwType,
                data: pvData.cast(),
                size: pcbData,
                wide: false,
                terminate: true,
            },
        )
    });
    // SAFETY: caller guarantee.
    unsafe { zero_on_failure(r, dwFlags, pvData, room) }
}

/// `RegGetValueA` with UTF-16 names and data.
///
/// # Safety
/// As for `RegGetValueA`.
#[no_mangle]
pub unsafe extern "C" fn RegGetValueW(
    hkey: *mut c_void,
    lpSubKey: *const u16,
    lpValue: *const u16,
    dwFlags: u32,
    pdwType: *mut u32,
    pvData: *mut c_void,
    pcbData: *mut u32,
) -> i32 {
    // SAFETY: caller guarantee.
    let (sub, name) = unsafe { (name_w(lpSubKey), name_w(lpValue)) };
    // SAFETY: caller guarantee.
    let room = if pcbData.is_null() {
        0
    } else {
        unsafe { pcbData.read() }
    };
    // SAFETY: caller guarantee.
    let r = run(|| unsafe {
        get_value(
            hkey,
            sub,
            name,
            dwFlags,
            DataOut {
                kind: pdwType,
                data: pvData.cast(),
                size: pcbData,
                wide: true,
                terminate: true,
            },
        )
    });
    // SAFETY: caller guarantee.
    unsafe { zero_on_failure(r, dwFlags, pvData, room) }
}

/// `RRF_ZEROONFAILURE`: a failed `RegGetValue` zeroes the caller's buffer of `room` bytes.
///
/// # Safety
/// `data` NULL or writable for `room` bytes.
unsafe fn zero_on_failure(r: i32, flags: u32, data: *mut c_void, room: u32) -> i32 {
    if r != ERROR_SUCCESS && flags & RRF_ZEROONFAILURE != 0 && !data.is_null() {
        // SAFETY: caller guarantee.
        unsafe { std::ptr::write_bytes(data.cast::<u8>(), 0, room as usize) };
    }
    r
}

fn delete_value(key: *mut c_void, name: Option<String>) -> Result<(), u32> {
    reg::delete_value(&reg::key_of(key as usize)?, &name.unwrap_or_default())
}

/// Deletes a value; `ERROR_FILE_NOT_FOUND` when there is none.
///
/// # Safety
/// `lpValueName` NULL or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn RegDeleteValueA(hKey: *mut c_void, lpValueName: *const c_char) -> i32 {
    // SAFETY: caller guarantee.
    let name = unsafe { name_a(lpValueName) };
    run(|| delete_value(hKey, name))
}

/// `RegDeleteValueA` with a UTF-16 name.
///
/// # Safety
/// `lpValueName` NULL or NUL-terminated UTF-16.
#[no_mangle]
pub unsafe extern "C" fn RegDeleteValueW(hKey: *mut c_void, lpValueName: *const u16) -> i32 {
    // SAFETY: caller guarantee.
    let name = unsafe { name_w(lpValueName) };
    run(|| delete_value(hKey, name))
}

fn delete_key(key: *mut c_void, sub: Option<String>, tree: bool) -> Result<(), u32> {
    let sub = sub.unwrap_or_default();
    if sub.is_empty() && !tree {
        return Err(reg::ERROR_INVALID_PARAMETER);
    }
    reg::delete_key(&reg::key_of(key as usize)?, &sub, tree)
}

/// Deletes a subkey with no subkeys of its own (`ERROR_ACCESS_DENIED` if it has some, as on
/// Windows); its values go with it.
///
/// # Safety
/// `lpSubKey` NULL or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn RegDeleteKeyA(hKey: *mut c_void, lpSubKey: *const c_char) -> i32 {
    // SAFETY: caller guarantee.
    let sub = unsafe { name_a(lpSubKey) };
    run(|| delete_key(hKey, sub, false))
}

/// `RegDeleteKeyA` with a UTF-16 name.
///
/// # Safety
/// `lpSubKey` NULL or NUL-terminated UTF-16.
#[no_mangle]
pub unsafe extern "C" fn RegDeleteKeyW(hKey: *mut c_void, lpSubKey: *const u16) -> i32 {
    // SAFETY: caller guarantee.
    let sub = unsafe { name_w(lpSubKey) };
    run(|| delete_key(hKey, sub, false))
}

/// Deletes a subkey and everything below it (NULL: everything below `hKey`, which stays).
///
/// # Safety
/// `lpSubKey` NULL or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn RegDeleteTreeA(hKey: *mut c_void, lpSubKey: *const c_char) -> i32 {
    // SAFETY: caller guarantee.
    let sub = unsafe { name_a(lpSubKey) };
    run(|| delete_key(hKey, sub, true))
}

/// `RegDeleteTreeA` with a UTF-16 name.
///
/// # Safety
/// `lpSubKey` NULL or NUL-terminated UTF-16.
#[no_mangle]
pub unsafe extern "C" fn RegDeleteTreeW(hKey: *mut c_void, lpSubKey: *const u16) -> i32 {
    // SAFETY: caller guarantee.
    let sub = unsafe { name_w(lpSubKey) };
    run(|| delete_key(hKey, sub, true))
}

// ---- enumeration ---------------------------------------------------------------------------

/// Writes `name` as A (bytes) or W (UTF-16) units.
///
/// # Safety
/// As for `put_name`, with `out` of the matching unit type.
unsafe fn put_any_name(
    name: &str,
    out: *mut c_void,
    count: *mut u32,
    wide: bool,
) -> Result<(), u32> {
    // SAFETY: caller guarantee.
    unsafe {
        if wide {
            put_name(
                &name.encode_utf16().collect::<Vec<_>>(),
                out.cast::<u16>(),
                count,
            )
        } else {
            put_name(name.as_bytes(), out.cast::<u8>(), count)
        }
    }
}

/// # Safety
/// As for `RegEnumKeyExA`.
unsafe fn enum_key(
    key: *mut c_void,
    index: u32,
    name: *mut c_void,
    count: *mut u32,
    class_count: *mut u32,
    time: *mut u64,
    wide: bool,
) -> Result<(), u32> {
    let subkeys = reg::subkeys(&reg::key_of(key as usize)?)?;
    let sub = subkeys
        .get(index as usize)
        .ok_or(reg::ERROR_NO_MORE_ITEMS)?;
    // SAFETY: caller guarantee.
    unsafe {
        put_any_name(sub, name, count, wide)?;
        put(class_count, 0);
        put(time, 0);
    }
    Ok(())
}

/// The `dwIndex`-th subkey's name (in name order): `*lpcchName` in is the room with the NUL,
/// out the length without; `ERROR_MORE_DATA` when it does not fit, `ERROR_NO_MORE_ITEMS`
/// past the last. The class is empty and the last write time 0.
///
/// # Safety
/// `lpName` writable for `*lpcchName` characters; `lpcchName` writable; `lpClass` unused;
/// `lpcchClass` and `lpftLastWriteTime` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn RegEnumKeyExA(
    hKey: *mut c_void,
    dwIndex: u32,
    lpName: *mut c_char,
    lpcchName: *mut u32,
    lpReserved: *mut u32,
    lpClass: *mut c_char,
    lpcchClass: *mut u32,
    lpftLastWriteTime: *mut c_void,
) -> i32 {
    let _ = (lpReserved, lpClass);
    // SAFETY: caller guarantee.
    run(|| unsafe {
        enum_key(
            hKey,
            dwIndex,
            lpName.cast(),
            lpcchName,
            lpcchClass,
            lpftLastWriteTime.cast(),
            false,
        )
    })
}

/// `RegEnumKeyExA` giving UTF-16 names.
///
/// # Safety
/// As for `RegEnumKeyExA`, in 16-bit units.
#[no_mangle]
pub unsafe extern "C" fn RegEnumKeyExW(
    hKey: *mut c_void,
    dwIndex: u32,
    lpName: *mut u16,
    lpcchName: *mut u32,
    lpReserved: *mut u32,
    lpClass: *mut u16,
    lpcchClass: *mut u32,
    lpftLastWriteTime: *mut c_void,
) -> i32 {
    let _ = (lpReserved, lpClass);
    // SAFETY: caller guarantee.
    run(|| unsafe {
        enum_key(
            hKey,
            dwIndex,
            lpName.cast(),
            lpcchName,
            lpcchClass,
            lpftLastWriteTime.cast(),
            true,
        )
    })
}

/// The old `RegEnumKeyA`: the name into `lpName` of `cchName` characters.
///
/// # Safety
/// `lpName` writable for `cchName` characters.
#[no_mangle]
pub unsafe extern "C" fn RegEnumKeyA(
    hKey: *mut c_void,
    dwIndex: u32,
    lpName: *mut c_char,
    cchName: u32,
) -> i32 {
    let mut count = cchName;
    // SAFETY: caller guarantee.
    run(|| unsafe {
        enum_key(
            hKey,
            dwIndex,
            lpName.cast(),
            &mut count,
            std::ptr::null_mut(),
            std::ptr::null_mut(),
            false,
        )
    })
}

/// The old `RegEnumKeyW`.
///
/// # Safety
/// `lpName` writable for `cchName` UTF-16 units.
#[no_mangle]
pub unsafe extern "C" fn RegEnumKeyW(
    hKey: *mut c_void,
    dwIndex: u32,
    lpName: *mut u16,
    cchName: u32,
) -> i32 {
    let mut count = cchName;
    // SAFETY: caller guarantee.
    run(|| unsafe {
        enum_key(
            hKey,
            dwIndex,
            lpName.cast(),
            &mut count,
            std::ptr::null_mut(),
            std::ptr::null_mut(),
            true,
        )
    })
}

/// # Safety
/// As for `RegEnumValueA`.
unsafe fn enum_value(
    key: *mut c_void,
    index: u32,
    name: *mut c_void,
    count: *mut u32,
    out: DataOut,
) -> Result<(), u32> {
    let values = reg::values(&reg::key_of(key as usize)?)?;
    let v = values.get(index as usize).ok_or(reg::ERROR_NO_MORE_ITEMS)?;
    // SAFETY: caller guarantee.
    unsafe {
        put_any_name(&v.name, name, count, out.wide)?;
        out.write(v)
    }
}

/// The `dwIndex`-th value (in the order they were first set): its name as for
/// `RegEnumKeyExA`, its type and data as for `RegQueryValueExA`.
///
/// # Safety
/// `lpValueName` writable for `*lpcchValueName` characters; the others as for
/// `RegQueryValueExA`.
#[no_mangle]
pub unsafe extern "C" fn RegEnumValueA(
    hKey: *mut c_void,
    dwIndex: u32,
    lpValueName: *mut c_char,
    lpcchValueName: *mut u32,
    lpReserved: *mut u32,
    lpType: *mut u32,
    lpData: *mut u8,
    lpcbData: *mut u32,
) -> i32 {
    let _ = lpReserved;
    // SAFETY: caller guarantee.
    run(|| unsafe {
        enum_value(
            hKey,
            dwIndex,
            lpValueName.cast(),
            lpcchValueName,
            DataOut {
                kind: lpType,
                data: lpData,
                size: lpcbData,
                wide: false,
                terminate: false,
            },
        )
    })
}

/// `RegEnumValueA` with UTF-16 names and string data.
///
/// # Safety
/// As for `RegEnumValueA`, names in 16-bit units.
#[no_mangle]
pub unsafe extern "C" fn RegEnumValueW(
    hKey: *mut c_void,
    dwIndex: u32,
    lpValueName: *mut u16,
    lpcchValueName: *mut u32,
    lpReserved: *mut u32,
    lpType: *mut u32,
    lpData: *mut u8,
    lpcbData: *mut u32,
) -> i32 {
    let _ = lpReserved;
    // SAFETY: caller guarantee.
    run(|| unsafe {
        enum_value(
            hKey,
            dwIndex,
            lpValueName.cast(),
            lpcchValueName,
            DataOut {
                kind: lpType,
                data: lpData,
                size: lpcbData,
                wide: true,
                terminate: false,
            },
        )
    })
}

/// The counts and longest lengths `RegQueryInfoKey` reports.
struct Info {
    subkeys: u32,
    max_subkey: u32,
    values: u32,
    max_value_name: u32,
    max_value: u32,
}

fn info(key: *mut c_void, wide: bool) -> Result<Info, u32> {
    let at = reg::key_of(key as usize)?;
    let subkeys = reg::subkeys(&at)?;
    let values = reg::values(&at)?;
    let len = |s: &str| if wide { s.encode_utf16().count() } else { s.len() } as u32;
    Ok(Info {
        subkeys: subkeys.len() as u32,
        max_subkey: subkeys.iter().map(|s| len(s)).max().unwrap_or(0),
        values: values.len() as u32,
        max_value_name: values.iter().map(|v| len(&v.name)).max().unwrap_or(0),
        max_value: values
            .iter()
            .map(|v| outgoing(v, wide).len() as u32)
            .max()
            .unwrap_or(0),
    })
}

/// `RegQueryInfoKey`'s answer into its out pointers, in the call's order: the class length,
/// subkeys, longest subkey name, longest class, values, longest value name, longest value,
/// security descriptor size; and the last write time (each NULL or the program's).
///
/// # Safety
/// Each pointer NULL or writable.
unsafe fn query_info(key: *mut c_void, wide: bool, outs: [*mut u32; 8], time: *mut u64) -> i32 {
    run(|| {
        let i = info(key, wide)?;
        let values = [
            0,
            i.subkeys,
            i.max_subkey,
            0,
            i.values,
            i.max_value_name,
            i.max_value,
            0,
        ];
        for (out, v) in outs.into_iter().zip(values) {
            // SAFETY: caller guarantee.
            unsafe { put(out, v) };
        }
        // SAFETY: caller guarantee.
        unsafe { put(time, 0) };
        Ok(())
    })
}

/// The key's number of subkeys and values and their longest names (characters, without the
/// NUL) and data (bytes); the class is empty, the security descriptor size and last write
/// time 0.
///
/// # Safety
/// Each out pointer NULL or writable; `lpClass` is not written.
#[no_mangle]
pub unsafe extern "C" fn RegQueryInfoKeyA(
    hKey: *mut c_void,
    lpClass: *mut c_char,
    lpcchClass: *mut u32,
    lpReserved: *mut u32,
    lpcSubKeys: *mut u32,
    lpcbMaxSubKeyLen: *mut u32,
    lpcbMaxClassLen: *mut u32,
    lpcValues: *mut u32,
    lpcbMaxValueNameLen: *mut u32,
    lpcbMaxValueLen: *mut u32,
    lpcbSecurityDescriptor: *mut u32,
    lpftLastWriteTime: *mut c_void,
) -> i32 {
    let _ = (lpClass, lpReserved);
    let outs = [
        lpcchClass,
        lpcSubKeys,
        lpcbMaxSubKeyLen,
        lpcbMaxClassLen,
        lpcValues,
        lpcbMaxValueNameLen,
        lpcbMaxValueLen,
        lpcbSecurityDescriptor,
    ];
    // SAFETY: caller guarantee.
    unsafe { query_info(hKey, false, outs, lpftLastWriteTime.cast()) }
}

/// `RegQueryInfoKeyA` counting UTF-16 units.
///
/// # Safety
/// As for `RegQueryInfoKeyA`.
#[no_mangle]
pub unsafe extern "C" fn RegQueryInfoKeyW(
    hKey: *mut c_void,
    lpClass: *mut u16,
    lpcchClass: *mut u32,
    lpReserved: *mut u32,
    lpcSubKeys: *mut u32,
    lpcbMaxSubKeyLen: *mut u32,
    lpcbMaxClassLen: *mut u32,
    lpcValues: *mut u32,
    lpcbMaxValueNameLen: *mut u32,
    lpcbMaxValueLen: *mut u32,
    lpcbSecurityDescriptor: *mut u32,
    lpftLastWriteTime: *mut c_void,
) -> i32 {
    let _ = (lpClass, lpReserved);
    let outs = [
        lpcchClass,
        lpcSubKeys,
        lpcbMaxSubKeyLen,
        lpcbMaxClassLen,
        lpcValues,
        lpcbMaxValueNameLen,
        lpcbMaxValueLen,
        lpcbSecurityDescriptor,
    ];
    // SAFETY: caller guarantee.
    unsafe { query_info(hKey, true, outs, lpftLastWriteTime.cast()) }
}

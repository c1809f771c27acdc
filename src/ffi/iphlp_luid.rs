//! `<netioapi.h>`'s conversions between an interface's `NET_LUID`, index, `GUID`, name and
//! alias (`crate::win32::luid`): `ConvertInterfaceIndexToLuid`, `ConvertInterfaceLuidToIndex`,
//! `ConvertInterfaceLuidToGuid`, `ConvertInterfaceGuidToLuid`, `ConvertInterfaceLuidToNameA/W`,
//! `ConvertInterfaceNameToLuidA/W`, `ConvertInterfaceLuidToAlias`, `ConvertInterfaceAliasToLuid`,
//! and `GetAdapterIndex`.
//! Each returns a Win32 error code (the last error is not changed); the argument checks and
//! their order are Windows', as Wine's conformance tests record them. Pointers are read and
//! written through checked copies: an unreadable or unwritable one is `ERROR_INVALID_PARAMETER`.

use super::iphlp_tables::guard;
use super::names::{text, wide};
use super::{read_in, write_array, write_out};
use crate::win32::codes::{ERROR_INVALID_PARAMETER, ERROR_NOT_ENOUGH_MEMORY};
use crate::win32::guid::Guid;
use crate::win32::luid::{self, Interface};
use std::os::raw::{c_char, c_void};

const ERROR_FILE_NOT_FOUND: u32 = 2;
const ERROR_INVALID_NAME: u32 = 123;

fn put_luid(out: *mut c_void, value: u64) -> u32 {
    match write_out(out.cast::<u64>(), value) {
        Ok(()) => 0,
        Err(_) => ERROR_INVALID_PARAMETER,
    }
}

/// The interface a `NET_LUID` argument names: `Err(ERROR_INVALID_PARAMETER)` for NULL or
/// unreadable, `Err(ERROR_FILE_NOT_FOUND)` when no interface has it.
fn named_by(luid: *const c_void) -> Result<Interface, u32> {
    if luid.is_null() {
        return Err(ERROR_INVALID_PARAMETER);
    }
    let value = read_in(luid.cast::<u64>()).map_err(|_| ERROR_INVALID_PARAMETER)?;
    luid::by_luid(value).ok_or(ERROR_FILE_NOT_FOUND)
}

/// Writes `s` and its terminator into a buffer of `len` units: `ERROR_NOT_ENOUGH_MEMORY` when
/// it does not fit, `ERROR_INVALID_PARAMETER` when it cannot be written.
fn put_text<T: super::Plain + Default>(units: &[T], out: *mut T, len: usize) -> u32 {
    if units.len() + 1 > len {
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    let mut all = units.to_vec();
    all.push(T::default());
    match write_array(out, &all) {
        Ok(()) => 0,
        Err(_) => ERROR_INVALID_PARAMETER,
    }
}

/// The `NET_LUID` of the interface with OS index `InterfaceIndex`. `ERROR_INVALID_PARAMETER`
/// for a NULL `InterfaceLuid`; `ERROR_FILE_NOT_FOUND` (the LUID zeroed) when no interface has
/// the index.
#[no_mangle]
pub extern "C" fn ConvertInterfaceIndexToLuid(
    InterfaceIndex: u32,
    InterfaceLuid: *mut c_void,
) -> u32 {
    guard(|| {
        if InterfaceLuid.is_null() {
            return ERROR_INVALID_PARAMETER;
        }
        match luid::luid_of_index(InterfaceIndex) {
            Some(value) => put_luid(InterfaceLuid, value),
            None => match put_luid(InterfaceLuid, 0) {
                0 => ERROR_FILE_NOT_FOUND,
                e => e,
            },
        }
    })
}

/// The OS index of the interface with this `NET_LUID`. `ERROR_INVALID_PARAMETER` for a NULL
/// argument; `ERROR_FILE_NOT_FOUND` for a LUID no interface has.
#[no_mangle]
pub extern "C" fn ConvertInterfaceLuidToIndex(
    InterfaceLuid: *const c_void,
    InterfaceIndex: *mut u32,
) -> u32 {
    guard(|| {
        if InterfaceIndex.is_null() {
            return ERROR_INVALID_PARAMETER;
        }
        match named_by(InterfaceLuid) {
            Ok(i) => write_out(InterfaceIndex, i.index).map_or(ERROR_INVALID_PARAMETER, |()| 0),
            Err(e) => e,
        }
    })
}

/// The `GUID` of the interface with this `NET_LUID` (made from the interface's name: the same
/// in every process and run). `ERROR_INVALID_PARAMETER` for a NULL argument (nothing written);
/// `ERROR_FILE_NOT_FOUND` for a LUID no interface has.
#[no_mangle]
pub extern "C" fn ConvertInterfaceLuidToGuid(
    InterfaceLuid: *const c_void,
    InterfaceGuid: *mut c_void,
) -> u32 {
    guard(|| {
        if InterfaceGuid.is_null() {
            return ERROR_INVALID_PARAMETER;
        }
        match named_by(InterfaceLuid) {
            Ok(i) => {
                let bytes = Guid::named(&i.name).to_bytes();
                write_array(InterfaceGuid.cast::<u8>(), &bytes)
                    .map_or(ERROR_INVALID_PARAMETER, |()| 0)
            }
            Err(e) => e,
        }
    })
}

/// The `NET_LUID` of the interface with this `GUID`. `ERROR_INVALID_PARAMETER` for a NULL
/// argument (nothing written); `ERROR_FILE_NOT_FOUND` for a GUID no interface has.
#[no_mangle]
pub extern "C" fn ConvertInterfaceGuidToLuid(
    InterfaceGuid: *const c_void,
    InterfaceLuid: *mut c_void,
) -> u32 {
    guard(|| {
        if InterfaceGuid.is_null() || InterfaceLuid.is_null() {
            return ERROR_INVALID_PARAMETER;
        }
        let mut bytes = [0u8; 16];
        if super::read_array(InterfaceGuid.cast::<u8>(), &mut bytes).is_err() {
            return ERROR_INVALID_PARAMETER;
        }
        match luid::by_guid(Guid::from_bytes(bytes)) {
            Some(i) => put_luid(InterfaceLuid, i.luid),
            None => ERROR_FILE_NOT_FOUND,
        }
    })
}

/// The name of the interface with this `NET_LUID` (the system's, such as `eth0`) as a UTF-16
/// string in `InterfaceName`, `Length` characters of room. `ERROR_INVALID_PARAMETER` for a
/// NULL argument; `ERROR_NOT_ENOUGH_MEMORY` when the name and its terminator do not fit.
#[no_mangle]
pub extern "C" fn ConvertInterfaceLuidToNameW(
    InterfaceLuid: *const c_void,
    InterfaceName: *mut u16,
    Length: usize,
) -> u32 {
    guard(|| {
        if InterfaceLuid.is_null() || InterfaceName.is_null() {
            return ERROR_INVALID_PARAMETER;
        }
        match named_by(InterfaceLuid) {
            Ok(i) => put_text(
                &i.name.encode_utf16().collect::<Vec<u16>>(),
                InterfaceName,
                Length,
            ),
            Err(e) => e,
        }
    })
}

/// [`ConvertInterfaceLuidToNameW`] in bytes: `Length` bytes of room; a NULL `InterfaceName`
/// has no room (`ERROR_NOT_ENOUGH_MEMORY`), as Windows answers it.
#[no_mangle]
pub extern "C" fn ConvertInterfaceLuidToNameA(
    InterfaceLuid: *const c_void,
    InterfaceName: *mut c_char,
    Length: usize,
) -> u32 {
    guard(|| match named_by(InterfaceLuid) {
        Ok(_) if InterfaceName.is_null() => ERROR_NOT_ENOUGH_MEMORY,
        Ok(i) => {
            let bytes: Vec<c_char> = i.name.bytes().map(|b| b as c_char).collect();
            put_text(&bytes, InterfaceName, Length)
        }
        Err(e) => e,
    })
}

/// The `NET_LUID` of the interface with this name (UTF-16). `ERROR_INVALID_PARAMETER` for a
/// NULL `InterfaceLuid`; a NULL or unknown name is `ERROR_INVALID_NAME` (a NULL one zeroes the
/// LUID, as Windows does).
#[no_mangle]
pub extern "C" fn ConvertInterfaceNameToLuidW(
    InterfaceName: *const u16,
    InterfaceLuid: *mut c_void,
) -> u32 {
    guard(|| {
        if InterfaceLuid.is_null() {
            return ERROR_INVALID_PARAMETER;
        }
        match wide(InterfaceName) {
            Ok(None) => match put_luid(InterfaceLuid, 0) {
                0 => ERROR_INVALID_NAME,
                e => e,
            },
            Ok(Some(Ok(name))) => match luid::by_name(&name) {
                Some(i) => put_luid(InterfaceLuid, i.luid),
                None => ERROR_INVALID_NAME,
            },
            Ok(Some(Err(()))) => ERROR_INVALID_NAME,
            Err(_) => ERROR_INVALID_PARAMETER,
        }
    })
}

/// [`ConvertInterfaceNameToLuidW`] with a narrow name: a NULL name is `ERROR_INVALID_NAME`
/// before anything else (the LUID untouched), then a NULL `InterfaceLuid`
/// `ERROR_INVALID_PARAMETER`.
#[no_mangle]
pub extern "C" fn ConvertInterfaceNameToLuidA(
    InterfaceName: *const c_char,
    InterfaceLuid: *mut c_void,
) -> u32 {
    guard(|| match text(InterfaceName) {
        Ok(None) => ERROR_INVALID_NAME,
        Ok(Some(_)) if InterfaceLuid.is_null() => ERROR_INVALID_PARAMETER,
        Ok(Some(name)) => match luid::by_name(&name.to_string_lossy()) {
            Some(i) => put_luid(InterfaceLuid, i.luid),
            None => ERROR_INVALID_NAME,
        },
        Err(_) => ERROR_INVALID_PARAMETER,
    })
}

/// The alias (Windows' friendly name; here the interface's name, as `GetAdaptersAddresses`'
/// `FriendlyName`) of the interface with this `NET_LUID`, as [`ConvertInterfaceLuidToNameW`].
#[no_mangle]
pub extern "C" fn ConvertInterfaceLuidToAlias(
    InterfaceLuid: *const c_void,
    InterfaceAlias: *mut u16,
    Length: usize,
) -> u32 {
    ConvertInterfaceLuidToNameW(InterfaceLuid, InterfaceAlias, Length)
}

/// The `NET_LUID` of the interface with this alias. `ERROR_INVALID_PARAMETER` for a NULL
/// argument or an alias no interface has.
#[no_mangle]
pub extern "C" fn ConvertInterfaceAliasToLuid(
    InterfaceAlias: *const u16,
    InterfaceLuid: *mut c_void,
) -> u32 {
    guard(|| {
        if InterfaceAlias.is_null() || InterfaceLuid.is_null() {
            return ERROR_INVALID_PARAMETER;
        }
        match wide(InterfaceAlias) {
            Ok(Some(Ok(alias))) => match luid::by_name(&alias) {
                Some(i) => put_luid(InterfaceLuid, i.luid),
                None => ERROR_INVALID_PARAMETER,
            },
            _ => ERROR_INVALID_PARAMETER,
        }
    })
}

/// The index of the adapter named `AdapterName`: `\DEVICE\TCPIP_{GUID}` (as
/// `GetInterfaceInfo` names it, the prefix in any case), `{GUID}` (`GetAdaptersInfo`'s
/// `AdapterName`), or an interface's own name. `ERROR_INVALID_PARAMETER` for a NULL argument or
/// a name no adapter has.
#[no_mangle]
pub extern "C" fn GetAdapterIndex(AdapterName: *const u16, IfIndex: *mut u32) -> u32 {
    guard(|| {
        if IfIndex.is_null() {
            return ERROR_INVALID_PARAMETER;
        }
        let Ok(Some(Ok(name))) = wide(AdapterName) else {
            return ERROR_INVALID_PARAMETER;
        };
        const PREFIX: &str = "\\DEVICE\\TCPIP_";
        let bare = match name.get(..PREFIX.len()) {
            Some(p) if p.eq_ignore_ascii_case(PREFIX) => &name[PREFIX.len()..],
            _ => name.as_str(),
        };
        match luid::by_adapter_name(bare).or_else(|| luid::by_name(bare)) {
            Some(i) => write_out(IfIndex, i.index).map_or(ERROR_INVALID_PARAMETER, |()| 0),
            None => ERROR_INVALID_PARAMETER,
        }
    })
}

//! `WSAEnumProtocolsA`/`W` and the protocol-info structures.

use super::types::{GUID, WSAPROTOCOLCHAIN, WSAPROTOCOL_INFOA, WSAPROTOCOL_INFOW};
use super::{call, non_null, read_in, write_array, write_out, Plain};
use crate::catalog::{self, Entry};
use crate::error::{WsaError, WsaResult};
use crate::runtime;
use crate::winsock::{BASE_PROTOCOL, BIGENDIAN, SECURITY_PROTOCOL_NONE};
use std::mem::size_of;

fn guid(id: (u32, u16, u16, [u8; 8])) -> GUID {
    GUID {
        Data1: id.0,
        Data2: id.1,
        Data3: id.2,
        Data4: id.3,
    }
}

macro_rules! fill_common {
    ($info:expr, $e:expr) => {{
        let e: &Entry = $e;
        $info.dwServiceFlags1 = e.service_flags1;
        $info.dwProviderFlags = e.provider_flags;
        $info.ProviderId = guid(e.provider_id);
        $info.dwCatalogEntryId = e.catalog_id;
        $info.ProtocolChain = WSAPROTOCOLCHAIN {
            ChainLen: BASE_PROTOCOL,
            ChainEntries: [0; 7],
        };
        $info.iVersion = 2;
        $info.iAddressFamily = e.family;
        $info.iMaxSockAddr = e.max_sockaddr;
        $info.iMinSockAddr = e.min_sockaddr;
        $info.iSocketType = e.socket_type;
        $info.iProtocol = e.protocol;
        // Raw entries take any protocol number from iProtocol up to iProtocol + 255.
        $info.iProtocolMaxOffset = if e.socket_type == libc::SOCK_RAW { 255 } else { 0 };
        $info.iNetworkByteOrder = BIGENDIAN;
        $info.iSecurityScheme = SECURITY_PROTOCOL_NONE;
        $info.dwMessageSize = e.message_size;
    }};
}

/// The ANSI protocol-info structure for a catalog entry.
pub fn info_a(e: &Entry) -> WSAPROTOCOL_INFOA {
    // SAFETY: the structure is plain integers and arrays; all-zero is valid.
    let mut info: WSAPROTOCOL_INFOA = unsafe { std::mem::zeroed() };
    fill_common!(info, e);
    for (d, b) in info.szProtocol.iter_mut().zip(e.name.bytes()) {
        *d = b as std::os::raw::c_char;
    }
    info
}

/// The UTF-16 protocol-info structure for a catalog entry.
pub fn info_w(e: &Entry) -> WSAPROTOCOL_INFOW {
    // SAFETY: the structure is plain integers and arrays; all-zero is valid.
    let mut info: WSAPROTOCOL_INFOW = unsafe { std::mem::zeroed() };
    fill_common!(info, e);
    for (d, u) in info.szProtocol.iter_mut().zip(e.name.encode_utf16()) {
        *d = u;
    }
    info
}

/// The catalog entries selected by a 0-terminated protocol list (NULL: all), read through
/// checked copies: an unreadable list is `WSAEFAULT`.
fn selected(protocols: *const i32) -> WsaResult<Vec<&'static Entry>> {
    let mut wanted = Vec::new();
    if !protocols.is_null() {
        // The bound keeps a missing terminator from running away.
        while wanted.len() < 1024 {
            let v = read_in(protocols.wrapping_add(wanted.len()))?;
            if v == 0 {
                break;
            }
            wanted.push(v);
        }
    }
    Ok(catalog::ENTRIES
        .iter()
        .filter(|e| protocols.is_null() || wanted.contains(&e.protocol))
        .collect())
}

fn enumerate<T: Plain>(
    protocols: *const i32,
    buffer: *mut T,
    length: *mut u32,
    make: fn(&Entry) -> T,
) -> WsaResult<i32> {
    runtime::check()?;
    let length = non_null(length)?;
    let entries = selected(protocols)?;
    let need = entries.len() * size_of::<T>();
    let have = read_in(length)? as usize;
    if buffer.is_null() || have < need {
        write_out(length, need as u32)?;
        return Err(WsaError::WSAENOBUFS);
    }
    // Through checked copies: a buffer ws2mp cannot write is WSAEFAULT, never a crash.
    let infos: Vec<T> = entries.iter().map(|e| make(e)).collect();
    write_array(buffer, &infos)?;
    write_out(length, need as u32)?;
    Ok(entries.len() as i32)
}

/// Lists the protocol catalog (ANSI form): TCP/IP, UDP/IP, TCP/IPv6, UDP/IPv6 (UDP entries
/// carry `XP1_SUPPORT_MULTIPOINT` with both plane bits clear: IP multicast). `lpiProtocols`
/// optionally restricts the list to a 0-terminated array of protocol numbers.
///
/// Returns the number of entries written. When `lpProtocolBuffer` is NULL or
/// `*lpdwBufferLength` too small, fails with `WSAENOBUFS` and sets `*lpdwBufferLength` to the
/// size needed. Errors: also `WSAEFAULT` (NULL `lpdwBufferLength`, or memory ws2mp cannot
/// read or write), `WSANOTINITIALISED`.
///
/// # Safety
/// `lpiProtocols` NULL or 0-terminated; `lpProtocolBuffer` NULL or writable for
/// `*lpdwBufferLength` bytes.
#[no_mangle]
pub unsafe extern "C" fn WSAEnumProtocolsA(
    lpiProtocols: *const i32,
    lpProtocolBuffer: *mut WSAPROTOCOL_INFOA,
    lpdwBufferLength: *mut u32,
) -> i32 {
    call(-1, || {
        enumerate(lpiProtocols, lpProtocolBuffer, lpdwBufferLength, info_a)
    })
}

/// Lists the protocol catalog (UTF-16 form). See `WSAEnumProtocolsA`.
///
/// # Safety
/// As `WSAEnumProtocolsA`.
#[no_mangle]
pub unsafe extern "C" fn WSAEnumProtocolsW(
    lpiProtocols: *const i32,
    lpProtocolBuffer: *mut WSAPROTOCOL_INFOW,
    lpdwBufferLength: *mut u32,
) -> i32 {
    call(-1, || {
        enumerate(lpiProtocols, lpProtocolBuffer, lpdwBufferLength, info_w)
    })
}

/// Writes a WSC* call's error to its `lpErrno` (ignored when that cannot be written) and
/// returns `SOCKET_ERROR`.
fn wsc_fail(errno: *mut i32, e: WsaError) -> i32 {
    let _ = write_out(errno, e.0);
    -1
}

/// The service-provider form of `WSAEnumProtocolsW`: the same catalog, lengths and results,
/// with the error written to `*lpErrno` instead of the last error (`WSAENOBUFS` with
/// `*lpdwBufferLength` set to the size needed, `WSAEFAULT`). Works without `WSAStartup`, as
/// on Windows (installers call it).
///
/// # Safety
/// As `WSAEnumProtocolsW`; `lpErrno` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn WSCEnumProtocols(
    lpiProtocols: *const i32,
    lpProtocolBuffer: *mut WSAPROTOCOL_INFOW,
    lpdwBufferLength: *mut u32,
    lpErrno: *mut i32,
) -> i32 {
    call(-1, || {
        let length = match non_null(lpdwBufferLength) {
            Ok(l) => l,
            Err(e) => return Ok(wsc_fail(lpErrno, e)),
        };
        let run = || -> WsaResult<i32> {
            let entries = selected(lpiProtocols)?;
            let need = entries.len() * size_of::<WSAPROTOCOL_INFOW>();
            let have = read_in(length)? as usize;
            if lpProtocolBuffer.is_null() || have < need {
                write_out(length, need as u32)?;
                return Err(WsaError::WSAENOBUFS);
            }
            let infos: Vec<WSAPROTOCOL_INFOW> = entries.iter().map(|e| info_w(e)).collect();
            write_array(lpProtocolBuffer, &infos)?;
            write_out(length, need as u32)?;
            Ok(entries.len() as i32)
        };
        Ok(run().unwrap_or_else(|e| wsc_fail(lpErrno, e)))
    })
}

/// The DLL path of a catalog provider, as UTF-16 into `lpszProviderDllPath` (capacity
/// `*lpProviderDllPathLen` characters, set to the length written, NUL included): ws2mp's
/// providers report Windows' `%SystemRoot%\system32\mswsock.dll`. Errors go to `*lpErrno`
/// (nothing happens when `lpErrno` is NULL): `WSAEFAULT` for a NULL provider id or length, or
/// a buffer that is NULL or too small (`*lpProviderDllPathLen` then says the length needed);
/// `WSAEINVAL` for a length of 0 or less or a provider id not in the catalog. Works without
/// `WSAStartup`.
///
/// # Safety
/// `lpProviderId` NULL or a GUID; `lpszProviderDllPath` NULL or writable for
/// `*lpProviderDllPathLen` UTF-16 units; `lpProviderDllPathLen`/`lpErrno` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn WSCGetProviderPath(
    lpProviderId: *const GUID,
    lpszProviderDllPath: *mut u16,
    lpProviderDllPathLen: *mut i32,
    lpErrno: *mut i32,
) -> i32 {
    call(-1, || {
        if lpErrno.is_null() {
            return Ok(-1);
        }
        let run = || -> WsaResult<i32> {
            if lpProviderId.is_null() || lpProviderDllPathLen.is_null() {
                return Err(WsaError::WSAEFAULT);
            }
            let have = read_in(lpProviderDllPathLen.cast_const())?;
            if have <= 0 {
                return Err(WsaError::WSAEINVAL);
            }
            let id = read_in(lpProviderId)?;
            let path = catalog::provider_path((id.Data1, id.Data2, id.Data3, id.Data4))
                .ok_or(WsaError::WSAEINVAL)?;
            let mut wide: Vec<u16> = path.encode_utf16().collect();
            wide.push(0);
            let need = wide.len() as i32;
            if lpszProviderDllPath.is_null() || have < need {
                write_out(lpProviderDllPathLen, need)?;
                return Err(WsaError::WSAEFAULT);
            }
            write_array(lpszProviderDllPath, &wide)?;
            write_out(lpProviderDllPathLen, need)?;
            Ok(0)
        };
        Ok(run().unwrap_or_else(|e| wsc_fail(lpErrno, e)))
    })
}

//! `WSAHtonl`, `WSAHtons`, `WSANtohl`, `WSANtohs`: byte-order conversion for a socket.
//!
//! Winsock is LLP64: the `u_long` these take is 32 bits, as `u32` here.

use super::types::SOCKET;
use super::{call, socket};
use crate::error::WsaError;
use crate::sys;
use crate::winsock::SOCKET_ERROR;

/// Writes `value` through the program's pointer (`WSAEFAULT` if it cannot be written).
fn store(out: *mut u8, bytes: &[u8]) -> Result<i32, WsaError> {
    if out.is_null() {
        return Err(WsaError::WSAEFAULT);
    }
    sys::copy_to_user(out, bytes).map_err(|_| WsaError::WSAEFAULT)?;
    Ok(0)
}

/// Converts a 32-bit `u_long` from host to network byte order (the socket's provider is
/// big-endian on the wire, as every IP provider is) into `*lpnetlong`.
///
/// Errors: `WSAEFAULT` (NULL or unwritable `lpnetlong`), `WSAENOTSOCK`, `WSANOTINITIALISED`.
///
/// # Safety
/// `lpnetlong` must be NULL or point to a 4-byte `u_long`.
#[no_mangle]
pub unsafe extern "C" fn WSAHtonl(s: SOCKET, hostlong: u32, lpnetlong: *mut u32) -> i32 {
    call(SOCKET_ERROR, || {
        socket(s)?;
        store(lpnetlong.cast(), &hostlong.to_be().to_ne_bytes())
    })
}

/// Converts a `u_short` from host to network byte order into `*lpnetshort`.
///
/// Errors: as `WSAHtonl`.
///
/// # Safety
/// `lpnetshort` must be NULL or point to a `u_short`.
#[no_mangle]
pub unsafe extern "C" fn WSAHtons(s: SOCKET, hostshort: u16, lpnetshort: *mut u16) -> i32 {
    call(SOCKET_ERROR, || {
        socket(s)?;
        store(lpnetshort.cast(), &hostshort.to_be().to_ne_bytes())
    })
}

/// Converts a 32-bit `u_long` from network to host byte order into `*lphostlong`.
///
/// Errors: as `WSAHtonl`.
///
/// # Safety
/// `lphostlong` must be NULL or point to a 4-byte `u_long`.
#[no_mangle]
pub unsafe extern "C" fn WSANtohl(s: SOCKET, netlong: u32, lphostlong: *mut u32) -> i32 {
    call(SOCKET_ERROR, || {
        socket(s)?;
        store(lphostlong.cast(), &u32::from_be(netlong).to_ne_bytes())
    })
}

/// Converts a `u_short` from network to host byte order into `*lphostshort`.
///
/// Errors: as `WSAHtonl`.
///
/// # Safety
/// `lphostshort` must be NULL or point to a `u_short`.
#[no_mangle]
pub unsafe extern "C" fn WSANtohs(s: SOCKET, netshort: u16, lphostshort: *mut u16) -> i32 {
    call(SOCKET_ERROR, || {
        socket(s)?;
        store(lphostshort.cast(), &u16::from_be(netshort).to_ne_bytes())
    })
}

/// `htonl` as `GetProcAddress(LoadLibrary("ws2_32.dll"), "htonl")` finds it, for programs that
/// load the Winsock functions at run time (a direct call is the C library's `htonl`): the
/// 32-bit `u_long` in network (big-endian) byte order.
#[no_mangle]
pub extern "C" fn ws2mp_htonl(hostlong: u32) -> u32 {
    hostlong.to_be()
}

/// `htons` as `GetProcAddress` finds it (see `ws2mp_htonl`).
#[no_mangle]
pub extern "C" fn ws2mp_htons(hostshort: u16) -> u16 {
    hostshort.to_be()
}

/// `ntohl` as `GetProcAddress` finds it (see `ws2mp_htonl`): network to host byte order.
#[no_mangle]
pub extern "C" fn ws2mp_ntohl(netlong: u32) -> u32 {
    u32::from_be(netlong)
}

/// `ntohs` as `GetProcAddress` finds it (see `ws2mp_htonl`).
#[no_mangle]
pub extern "C" fn ws2mp_ntohs(netshort: u16) -> u16 {
    u16::from_be(netshort)
}

//! `WSAHtons`, `WSANtohs`, `WSAHtonl`, `WSANtohl`: byte-order conversion "for a socket's
//! provider", which for every ws2mp provider is network byte order (big-endian).

use super::types::SOCKET;
use super::{call, non_null, socket};

/// Converts a 16-bit value from host to network byte order into `*lpnetshort`.
///
/// Returns 0, or `SOCKET_ERROR` with `WSANOTINITIALISED`, `WSAENOTSOCK` (not a socket) or
/// `WSAEFAULT` (NULL `lpnetshort`).
///
/// # Safety
/// `lpnetshort` must be NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn WSAHtons(s: SOCKET, hostshort: u16, lpnetshort: *mut u16) -> i32 {
    call(-1, || {
        socket(s)?;
        // SAFETY: checked non-NULL; caller guarantee.
        unsafe { non_null(lpnetshort)?.write(hostshort.to_be()) };
        Ok(0)
    })
}

/// Converts a 16-bit value from network to host byte order into `*lphostshort`. Errors as
/// `WSAHtons`.
///
/// # Safety
/// `lphostshort` must be NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn WSANtohs(s: SOCKET, netshort: u16, lphostshort: *mut u16) -> i32 {
    call(-1, || {
        socket(s)?;
        // SAFETY: checked non-NULL; caller guarantee.
        unsafe { non_null(lphostshort)?.write(u16::from_be(netshort)) };
        Ok(0)
    })
}

/// Converts a 32-bit value from host to network byte order into `*lpnetlong`. Errors as
/// `WSAHtons`.
///
/// # Safety
/// `lpnetlong` must be NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn WSAHtonl(s: SOCKET, hostlong: u32, lpnetlong: *mut u32) -> i32 {
    call(-1, || {
        socket(s)?;
        // SAFETY: checked non-NULL; caller guarantee.
        unsafe { non_null(lpnetlong)?.write(hostlong.to_be()) };
        Ok(0)
    })
}

/// Converts a 32-bit value from network to host byte order into `*lphostlong`. Errors as
/// `WSAHtons`.
///
/// # Safety
/// `lphostlong` must be NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn WSANtohl(s: SOCKET, netlong: u32, lphostlong: *mut u32) -> i32 {
    call(-1, || {
        socket(s)?;
        // SAFETY: checked non-NULL; caller guarantee.
        unsafe { non_null(lphostlong)?.write(u32::from_be(netlong)) };
        Ok(0)
    })
}

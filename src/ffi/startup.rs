//! `WSAStartup`, `WSACleanup`, `WSAGetLastError`, `WSASetLastError`.

use super::call;
use super::types::WSADATA;
use crate::error::{self, WsaError};
use crate::runtime;

fn copy_str(dst: &mut [std::os::raw::c_char], s: &str) {
    for (d, b) in dst.iter_mut().zip(s.bytes().chain(std::iter::once(0))) {
        *d = b as std::os::raw::c_char;
    }
}

/// Starts ws2mp for the caller and negotiates the Winsock version.
///
/// Any request from 1.0 up succeeds with `wVersion` = min(requested, 2.2) and `wHighVersion`
/// = 2.2. Each successful call needs one `WSACleanup`.
///
/// Returns 0, or the error itself (not through `WSAGetLastError`): `WSAVERNOTSUPPORTED` for a
/// version below 1.0, `WSAEFAULT` for a NULL `lpWSAData`.
///
/// # Safety
/// `lpWSAData` must be NULL or point to a writable `WSADATA`.
#[no_mangle]
pub unsafe extern "C" fn WSAStartup(wVersionRequested: u16, lpWSAData: *mut WSADATA) -> i32 {
    call(WsaError::WSASYSCALLFAILURE.0, || {
        if lpWSAData.is_null() {
            return Ok(WsaError::WSAEFAULT.0);
        }
        // SAFETY: checked non-NULL; the caller guarantees it is writable.
        let data = unsafe { &mut *lpWSAData };
        data.wHighVersion = runtime::HIGHEST_VERSION;
        let version = match runtime::negotiate(wVersionRequested) {
            Ok(v) => v,
            Err(e) => {
                data.wVersion = runtime::HIGHEST_VERSION;
                return Ok(e.0);
            }
        };
        data.wVersion = version;
        data.iMaxSockets = 0;
        data.iMaxUdpDg = 0;
        data.lpVendorInfo = std::ptr::null_mut();
        copy_str(&mut data.szDescription, "WinSock 2.0");
        copy_str(&mut data.szSystemStatus, "Running");
        runtime::startup();
        Ok(0)
    })
}

/// Ends one `WSAStartup`. The last one closes every socket and event object still open
/// (blocked calls on them fail with `WSAEINTR`).
///
/// Returns 0, or `SOCKET_ERROR` with `WSANOTINITIALISED` when there was no matching
/// `WSAStartup`.
#[no_mangle]
pub extern "C" fn WSACleanup() -> i32 {
    call(-1, || runtime::cleanup().map(|()| 0))
}

/// The calling thread's last Winsock error. Works before `WSAStartup`.
#[no_mangle]
pub extern "C" fn WSAGetLastError() -> i32 {
    error::last_error()
}

/// Sets the calling thread's last Winsock error.
#[no_mangle]
pub extern "C" fn WSASetLastError(iError: i32) {
    error::set_last_error(iError)
}

//! `WSAStartup`, `WSACleanup`, `WSAGetLastError`, `WSASetLastError`.

use super::call;
use super::types::WSADATA;
use super::win32_module::FARPROC;
use crate::error::{self, WsaError};
use crate::runtime;

/// Starts ws2mp for the caller and negotiates the Winsock version, as Windows does.
///
/// `wVersion` gets the request when it is 1.0, 1.1 or 2.0–2.2; 1.1 for any later 1.x; 2.2
/// above 2.2 (and for a refused request). `wHighVersion` is 2.2, `szDescription`
/// "WinSock 2.0", `szSystemStatus` "Running"; `iMaxSockets` and `iMaxUdpDg` are 32767 and
/// 65467 for a 1.x request, 0 for 2.x; `lpVendorInfo` is left untouched. WSADATA is filled
/// even when the call fails for its version. Each successful call needs one `WSACleanup`.
///
/// Returns 0, or the error itself: `WSAVERNOTSUPPORTED` for a major version of 0 (checked
/// first, so `WSAStartup(0, NULL)` gives it), `WSAEFAULT` for a NULL `lpWSAData` or one ws2mp cannot write. A refused call
/// also sets the last error to `WSANOTINITIALISED` (Winsock is not started).
///
/// # Safety
/// `lpWSAData` must be NULL or point to a writable `WSADATA`.
#[no_mangle]
pub unsafe extern "C" fn WSAStartup(wVersionRequested: u16, lpWSAData: *mut WSADATA) -> i32 {
    call(WsaError::WSASYSCALLFAILURE.0, || {
        let one_x = wVersionRequested & 0xff == 1;
        // Written through a checked copy: memory the program cannot write is WSAEFAULT, as
        // NULL is, never a crash. Only the fields named above (and the strings through their
        // terminators) are written.
        let written = !lpWSAData.is_null() && {
            let mut head = [0u8; 8];
            for (i, v) in [
                runtime::reported_version(wVersionRequested),
                runtime::HIGHEST_VERSION,
                if one_x { 32767 } else { 0 },
                if one_x { 65467 } else { 0 },
            ]
            .into_iter()
            .enumerate()
            {
                head[2 * i..2 * i + 2].copy_from_slice(&v.to_ne_bytes());
            }
            let base = lpWSAData.cast::<u8>();
            let desc = base.wrapping_add(std::mem::offset_of!(WSADATA, szDescription));
            let status = base.wrapping_add(std::mem::offset_of!(WSADATA, szSystemStatus));
            crate::sys::copy_to_user_each(&[
                (base, &head),
                (desc, b"WinSock 2.0\0"),
                (status, b"Running\0"),
            ])
            .is_ok()
        };
        let refused = match runtime::negotiate(wVersionRequested) {
            Err(e) => Some(e),
            Ok(_) if !written => Some(WsaError::WSAEFAULT),
            Ok(_) => None,
        };
        if let Some(e) = refused {
            if runtime::check().is_err() {
                error::set_last_error(WsaError::WSANOTINITIALISED.0);
            }
            return Ok(e.0);
        }
        runtime::startup(runtime::reported_version(wVersionRequested));
        // Windows clears the thread's last error when WSAStartup succeeds.
        error::set_last_error(0);
        Ok(0)
    })
}

/// Ends one `WSAStartup`. The last one closes every socket and event object still open
/// (blocked calls on them fail with `WSAEINTR`).
///
/// Returns 0 and clears the thread's last error (as Windows does), or `SOCKET_ERROR` with
/// `WSANOTINITIALISED` when there was no matching `WSAStartup`.
#[no_mangle]
pub extern "C" fn WSACleanup() -> i32 {
    call(-1, || {
        runtime::cleanup()?;
        error::set_last_error(0);
        Ok(0)
    })
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

/// The hook a Winsock 1.1 session has installed (None: the default one). Hooks are `FARPROC`s,
/// the one function-pointer type `GetProcAddress` also returns.
static BLOCKING_HOOK: parking_lot::Mutex<FARPROC> = parking_lot::Mutex::new(None);

/// The default blocking hook Winsock 1.1 reports: it never has a message to dispatch.
unsafe extern "C" fn default_blocking_hook() {}

/// Winsock 1.1: whether a blocking call is in progress on this thread. ws2mp's blocking calls
/// never run other code on the calling thread, so this is always FALSE (as on Windows for
/// Winsock 2 programs).
#[no_mangle]
pub extern "C" fn WSAIsBlocking() -> i32 {
    0
}

/// Winsock 1.1: installs a blocking hook. In a Winsock 2 session (the latest `WSAStartup`
/// negotiated 2.x) it fails with `WSAEOPNOTSUPP` and returns NULL, as on Windows. In a 1.x
/// session the hook is kept and the previous one returned (the first time a default hook), but
/// it is never called: ws2mp's blocking calls block in the OS.
///
/// Errors: `WSANOTINITIALISED`, `WSAEOPNOTSUPP`.
#[no_mangle]
pub extern "C" fn WSASetBlockingHook(lpBlockFunc: FARPROC) -> FARPROC {
    call(None, || {
        runtime::check()?;
        if !runtime::is_one_x_session() {
            return Err(WsaError::WSAEOPNOTSUPP);
        }
        let old = std::mem::replace(&mut *BLOCKING_HOOK.lock(), lpBlockFunc);
        Ok(old.or(Some(default_blocking_hook)))
    })
}

/// Winsock 1.1: restores the default blocking hook. `WSAEOPNOTSUPP` in a Winsock 2 session.
///
/// Errors: `WSANOTINITIALISED`, `WSAEOPNOTSUPP`.
#[no_mangle]
pub extern "C" fn WSAUnhookBlockingHook() -> i32 {
    call(-1, || {
        runtime::check()?;
        if !runtime::is_one_x_session() {
            return Err(WsaError::WSAEOPNOTSUPP);
        }
        *BLOCKING_HOOK.lock() = None;
        Ok(0)
    })
}

/// Winsock 1.1: cancels the blocking call in progress. `WSAEOPNOTSUPP` in a Winsock 2 session;
/// in a 1.x session `WSAEINVAL`, since no blocking call is ever in progress on the calling
/// thread (see `WSAIsBlocking`).
///
/// Errors: `WSANOTINITIALISED`, `WSAEOPNOTSUPP`, `WSAEINVAL`.
#[no_mangle]
pub extern "C" fn WSACancelBlockingCall() -> i32 {
    call(-1, || {
        runtime::check()?;
        if !runtime::is_one_x_session() {
            return Err(WsaError::WSAEOPNOTSUPP);
        }
        Err(WsaError::WSAEINVAL)
    })
}

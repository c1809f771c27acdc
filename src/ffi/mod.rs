//! The C ABI: thin `extern "C"` functions over the safe core.
//!
//! Every exported function runs its body through [`call`], which catches panics (→
//! `WSASYSCALLFAILURE`) and turns `Err(WsaError)` into the Winsock failure value plus
//! `WSASetLastError`. Pointer arguments are checked here (NULL, lengths) before the core sees
//! them; the thread's last error is set when a call fails and, for the exports that use
//! [`call_ok`], cleared when it succeeds (as Windows does).

#![allow(non_snake_case, non_camel_case_types)]

pub mod byteorder;
pub mod events;
pub mod io;
pub mod ioctls;
pub mod multipoint;
pub mod names;
pub mod options;
pub mod poll;
pub mod protocols;
pub mod select;
pub mod sockets;
pub mod startup;
pub mod types;
pub mod win32;
pub mod win32_console;
pub mod win32_critical;
pub mod win32_handles;
pub mod win32_module;
pub mod win32_sync;
pub mod win32_thread;
pub mod win32_time;

use crate::addr::SockAddr;
use crate::error::{set_last_error, WsaError, WsaResult};
use crate::socket::Socket;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;
use types::SOCKET;

/// Runs an exported function's body: `Ok(v)` returns `v`; `Err(e)` sets the thread's last error
/// and returns `fail`; a panic is logged, reported as `WSASYSCALLFAILURE`, and returns `fail`.
pub(crate) fn call<T>(fail: T, body: impl FnOnce() -> WsaResult<T>) -> T {
    match catch_unwind(AssertUnwindSafe(body)) {
        Ok(Ok(v)) => v,
        Ok(Err(e)) => {
            crate::log::debug(format_args!("call failed: {e}"));
            set_last_error(e.0);
            fail
        }
        Err(payload) => {
            let msg = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            crate::log::error(format_args!("internal error (panic): {msg}"));
            set_last_error(WsaError::WSASYSCALLFAILURE.0);
            fail
        }
    }
}

/// As [`call`], and a success also sets the thread's last error to 0. Windows clears the last
/// error on success in its socket calls (send, recv, connect, bind, getsockname, ...), and
/// legacy programs read `WSAGetLastError()` after a call that succeeded. Opt-in per export; the
/// cost is one thread-local store.
pub(crate) fn call_ok<T>(fail: T, body: impl FnOnce() -> WsaResult<T>) -> T {
    call(fail, || {
        let v = body()?;
        set_last_error(0);
        Ok(v)
    })
}

/// The socket behind a SOCKET value, after the startup check.
pub(crate) fn socket(s: SOCKET) -> WsaResult<Arc<Socket>> {
    crate::runtime::check()?;
    let fd = i32::try_from(s).map_err(|_| WsaError::WSAENOTSOCK)?;
    crate::registry::get(fd).ok_or(WsaError::WSAENOTSOCK)
}

/// Copies a C sockaddr argument. NULL, a negative or a too-short length → `WSAEFAULT`.
///
/// Only the bytes the address's family needs are read (a `sockaddr_in` passed with
/// `namelen` = `sizeof(SOCKADDR_STORAGE)`, or larger, is fine), so an oversized `namelen` never
/// makes ws2mp read past the caller's structure.
///
/// # Safety
/// `name` must be NULL or valid for reads of `namelen` bytes, or of the size its family's
/// address has, whichever is less.
pub(crate) unsafe fn read_sockaddr(
    name: *const libc::sockaddr,
    namelen: i32,
) -> WsaResult<SockAddr> {
    if name.is_null() || namelen <= 0 {
        return Err(WsaError::WSAEFAULT);
    }
    let namelen = namelen as usize;
    let family_at = std::mem::offset_of!(libc::sockaddr, sa_family);
    if namelen < family_at + std::mem::size_of::<libc::sa_family_t>() {
        return Err(WsaError::WSAEFAULT);
    }
    // SAFETY: the family field lies within the `namelen` readable bytes (checked above).
    let family = i32::from(unsafe {
        name.cast::<u8>()
            .add(family_at)
            .cast::<libc::sa_family_t>()
            .read_unaligned()
    });
    let (min, max) = match family {
        libc::AF_INET => {
            let n = std::mem::size_of::<libc::sockaddr_in>();
            (n, n)
        }
        libc::AF_INET6 => {
            let n = std::mem::size_of::<libc::sockaddr_in6>();
            (n, n)
        }
        libc::AF_UNIX => (2, std::mem::size_of::<libc::sockaddr_un>()),
        _ => (2, SockAddr::CAPACITY as usize),
    };
    if namelen < min {
        return Err(WsaError::WSAEFAULT);
    }
    let len = namelen.min(max);
    // SAFETY: the caller guarantees `name` is readable for `len` <= `namelen` bytes (and
    // `len` is at most the family's address size).
    let bytes = unsafe { std::slice::from_raw_parts(name.cast::<u8>(), len) };
    SockAddr::from_bytes(bytes).ok_or(WsaError::WSAEFAULT)
}

/// Writes an address to a C `(sockaddr *, int *len)` pair. Both NULL: nothing is written.
/// A buffer too small for the address → `WSAEFAULT`.
///
/// # Safety
/// `out` must be NULL or writable for `*outlen` bytes; `outlen` NULL or valid.
pub(crate) unsafe fn write_sockaddr(
    addr: &SockAddr,
    out: *mut libc::sockaddr,
    outlen: *mut i32,
) -> WsaResult<()> {
    if out.is_null() {
        return Ok(());
    }
    if outlen.is_null() {
        return Err(WsaError::WSAEFAULT);
    }
    // SAFETY: checked non-NULL; the caller guarantees validity.
    let cap = unsafe { *outlen };
    let bytes = addr.as_bytes();
    if cap < 0 || (cap as usize) < bytes.len() {
        return Err(WsaError::WSAEFAULT);
    }
    // SAFETY: `out` is writable for `cap` >= bytes.len() bytes.
    unsafe {
        std::ptr::copy_nonoverlapping(bytes.as_ptr(), out.cast::<u8>(), bytes.len());
        *outlen = bytes.len() as i32;
    }
    Ok(())
}

/// Checks, before anything is consumed, that `*addrlen` has room for an address of `family`
/// (`sockaddr_in` / `sockaddr_in6`): too small or negative → `WSAEFAULT`. NULL passes (nothing
/// will be written); other families are checked when the address is written.
///
/// # Safety
/// `addrlen` must be NULL or valid for reads.
pub(crate) unsafe fn check_addr_room(family: i32, addrlen: *const i32) -> WsaResult<()> {
    // SAFETY: caller guarantee.
    let Some(&cap) = (unsafe { addrlen.as_ref() }) else {
        return Ok(());
    };
    let need = match family {
        libc::AF_INET => std::mem::size_of::<libc::sockaddr_in>(),
        libc::AF_INET6 => std::mem::size_of::<libc::sockaddr_in6>(),
        _ => 0,
    };
    if cap < 0 || (cap as usize) < need {
        return Err(WsaError::WSAEFAULT);
    }
    Ok(())
}

/// Checks that `*out` can be written (non-NULL), for out-parameters that Winsock requires.
pub(crate) fn non_null<T>(p: *mut T) -> WsaResult<*mut T> {
    if p.is_null() {
        Err(WsaError::WSAEFAULT)
    } else {
        Ok(p)
    }
}

//! The C ABI: thin `extern "C"` functions over the safe core.
//!
//! Every exported function runs its body through [`call`], which catches panics (→
//! `WSASYSCALLFAILURE`) and turns `Err(WsaError)` into the Winsock failure value plus
//! `WSASetLastError`. Pointer arguments are checked here (NULL, lengths) before the core sees
//! them; the thread's last error is set when a call fails and, for the exports that use
//! [`call_ok`], cleared when it succeeds (as Windows does).

#![allow(non_snake_case, non_camel_case_types)]

pub(crate) mod adapters;
pub(crate) mod address_sort;
pub mod addrinfo_ex;
pub(crate) mod addrinfo_lists;
pub(crate) mod async_names;
pub mod byteorder;
pub mod connect_by;
pub mod crt_osfhandle;
pub(crate) mod entries;
pub mod events;
pub mod io;
pub mod ioctls;
pub mod iphlp_luid;
pub mod iphlp_notify;
pub mod iphlp_tables;
pub mod mswsock;
pub mod multipoint;
pub mod names;
pub mod options;
pub mod overlapped;
pub mod poll;
pub mod protocols;
pub mod rnr;
pub mod select;
pub mod sockets;
pub mod startup;
pub mod types;
pub mod win32;
pub mod win32_com;
pub mod win32_command_line;
pub mod win32_console;
pub mod win32_copy_progress;
pub mod win32_cpu_times;
pub mod win32_critical;
pub mod win32_disk_space;
pub mod win32_exception;
pub mod win32_file;
pub mod win32_file_info;
pub mod win32_file_lock;
pub mod win32_find;
pub mod win32_fls;
pub mod win32_full_path;
pub mod win32_handles;
pub mod win32_icmp;
pub mod win32_inet;
pub mod win32_init_once;
pub mod win32_iocp;
pub mod win32_links;
pub mod win32_mapping;
pub mod win32_memory;
pub mod win32_mm_timer;
pub mod win32_module;
pub mod win32_named_pipe;
pub mod win32_pool;
pub mod win32_process;
pub mod win32_profile;
pub mod win32_random;
pub mod win32_registry;
pub mod win32_service;
pub mod win32_slist;
pub mod win32_srw;
pub mod win32_strings;
pub mod win32_sync;
pub mod win32_sysinfo;
pub mod win32_thread;
pub mod win32_threadpool;
pub mod win32_time;
pub mod win32_timer;
pub mod win32_toolhelp;
pub mod win32_uuid;
pub mod win32_virtual;
pub mod win32_volume;
pub mod win32_volume_names;
pub mod win32_wave;
pub mod win32_window;

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
    crate::socket::registry::get(fd).ok_or(WsaError::WSAENOTSOCK)
}

/// Plain C data: every byte pattern is a valid value, and (for [`write_out`]) there are no
/// padding bytes. What [`read_in`] and [`write_out`] copy.
///
/// # Safety
/// Implement only for such types.
pub(crate) unsafe trait Plain: Copy {}
// SAFETY: integers and arrays of them are plain; the structs are `repr(C)` integers and
// pointers (WSABUF has padding, so it is only read, never written with `write_out`).
unsafe impl Plain for i32 {}
// SAFETY: as above.
unsafe impl Plain for u32 {}
// SAFETY: as above.
unsafe impl Plain for usize {}
// SAFETY: as above.
unsafe impl Plain for u64 {}
// SAFETY: as above.
unsafe impl Plain for u8 {}
// SAFETY: as above.
unsafe impl Plain for u16 {}
// SAFETY: as above.
unsafe impl Plain for i8 {}
// SAFETY: as above.
unsafe impl Plain for types::WSABUF {}
// SAFETY: as above.
unsafe impl Plain for libc::timeval {}
// SAFETY: as above (u32, two u16 and eight u8: 16 bytes, no padding).
unsafe impl Plain for types::GUID {}
// SAFETY: as above (u32/i32 fields, a GUID and character arrays: no padding; Windows'
// sizes, 372 and 628 bytes, are the sums of the fields).
unsafe impl Plain for types::WSAPROTOCOL_INFOA {}
// SAFETY: as above.
unsafe impl Plain for types::WSAPROTOCOL_INFOW {}
const _: () = assert!(std::mem::size_of::<types::WSAPROTOCOL_INFOA>() == 372);
const _: () = assert!(std::mem::size_of::<types::WSAPROTOCOL_INFOW>() == 628);

/// Reads a `T` from a pointer the program passed, through the kernel-checked copy
/// ([`crate::sys::copy_from_user`]): NULL or memory it cannot read → `WSAEFAULT`, never a crash.
pub(crate) fn read_in<T: Plain>(p: *const T) -> WsaResult<T> {
    let mut v = std::mem::MaybeUninit::<T>::uninit();
    // SAFETY: `v` is our own storage of `size_of::<T>()` bytes.
    let bytes = unsafe {
        std::slice::from_raw_parts_mut(v.as_mut_ptr().cast::<u8>(), std::mem::size_of::<T>())
    };
    bytes.fill(0);
    crate::sys::copy_from_user(p.cast(), bytes).map_err(|_| WsaError::WSAEFAULT)?;
    // SAFETY: every byte was written (zeroed, then copied), and any bytes are a valid `T`
    // (`Plain`).
    Ok(unsafe { v.assume_init() })
}

/// Reads `out.len()` consecutive `T`s from the program's array at `p` (one checked copy).
/// NULL or unreadable → `WSAEFAULT`.
pub(crate) fn read_array<T: Plain>(p: *const T, out: &mut [T]) -> WsaResult<()> {
    // SAFETY: `out` is our own initialised memory; `T` is `Plain`, so any bytes written into
    // it leave valid values.
    let bytes = unsafe {
        std::slice::from_raw_parts_mut(out.as_mut_ptr().cast::<u8>(), std::mem::size_of_val(out))
    };
    crate::sys::copy_from_user(p.cast(), bytes).map_err(|_| WsaError::WSAEFAULT)
}

/// Writes `data` to the program's array at `p` (one checked copy). NULL or memory that cannot
/// be written → `WSAEFAULT`.
pub(crate) fn write_array<T: Plain>(p: *mut T, data: &[T]) -> WsaResult<()> {
    if p.is_null() {
        return Err(WsaError::WSAEFAULT);
    }
    // SAFETY: `data` is our own initialised slice of padding-free plain values.
    let bytes = unsafe {
        std::slice::from_raw_parts(data.as_ptr().cast::<u8>(), std::mem::size_of_val(data))
    };
    crate::sys::copy_to_user(p.cast(), bytes).map_err(|_| WsaError::WSAEFAULT)
}

/// The bytes of a plain value (no padding: [`Plain`] types written out).
fn plain_bytes<T: Plain>(v: &T) -> &[u8] {
    // SAFETY: `v` is a live `T` of `size_of::<T>()` initialised bytes.
    unsafe { std::slice::from_raw_parts((v as *const T).cast::<u8>(), std::mem::size_of::<T>()) }
}

/// Writes `v` to a pointer the program passed, through the kernel-checked copy: NULL or
/// memory it cannot write → `WSAEFAULT`, never a crash.
pub(crate) fn write_out<T: Plain>(p: *mut T, v: T) -> WsaResult<()> {
    if p.is_null() {
        return Err(WsaError::WSAEFAULT);
    }
    crate::sys::copy_to_user(p.cast(), plain_bytes(&v)).map_err(|_| WsaError::WSAEFAULT)
}

/// Writes two out-parameters in one checked copy (one system call when neither is on the
/// stack): `WSARecv`'s byte count and flags, for instance. Either NULL → `WSAEFAULT`.
pub(crate) fn write_out2<A: Plain, B: Plain>(a: (*mut A, A), b: (*mut B, B)) -> WsaResult<()> {
    if a.0.is_null() || b.0.is_null() {
        return Err(WsaError::WSAEFAULT);
    }
    crate::sys::copy_to_user_each(&[
        (a.0.cast(), plain_bytes(&a.1)),
        (b.0.cast(), plain_bytes(&b.1)),
    ])
    .map_err(|_| WsaError::WSAEFAULT)
}

/// The number of bytes an address of `family` occupies: (least, most) `namelen` accepted.
fn sockaddr_bounds(family: i32) -> (usize, usize) {
    match family {
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
    }
}

/// Copies a C sockaddr argument. NULL, unreadable memory, a negative or a too-short length →
/// `WSAEFAULT` (never a crash: the bytes go through [`crate::sys::copy_from_user`]; a program's
/// local, or the same global address call after call, costs no system call).
///
/// Only the bytes the address's family needs are read (a `sockaddr_in` passed with
/// `namelen` = `sizeof(SOCKADDR_STORAGE)`, or larger, is fine), so an oversized `namelen` never
/// makes ws2mp read past the caller's structure.
pub(crate) fn read_sockaddr(name: *const libc::sockaddr, namelen: i32) -> WsaResult<SockAddr> {
    if name.is_null() || namelen <= 0 {
        return Err(WsaError::WSAEFAULT);
    }
    let namelen = namelen as usize;
    let family_at = std::mem::offset_of!(libc::sockaddr, sa_family);
    if namelen < family_at + std::mem::size_of::<libc::sa_family_t>() {
        return Err(WsaError::WSAEFAULT);
    }
    // The first bytes (an IPv4 address, or all of a shorter `namelen`) hold the family; then
    // only what the family needs, and never more than `namelen`, is read.
    let mut buf = [0u8; SockAddr::CAPACITY as usize];
    let first = namelen.min(std::mem::size_of::<libc::sockaddr_in>());
    crate::sys::copy_from_user(name.cast(), &mut buf[..first]).map_err(|_| WsaError::WSAEFAULT)?;
    const N: usize = std::mem::size_of::<libc::sa_family_t>();
    let mut f = [0u8; N];
    f.copy_from_slice(&buf[family_at..family_at + N]);
    let family = i32::from(libc::sa_family_t::from_ne_bytes(f));
    let want = sockaddr_bounds(family).1.min(namelen);
    if want > first {
        crate::sys::copy_from_user(name.cast(), &mut buf[..want])
            .map_err(|_| WsaError::WSAEFAULT)?;
    }
    let (min, max) = sockaddr_bounds(family);
    if namelen < min {
        return Err(WsaError::WSAEFAULT);
    }
    SockAddr::from_bytes(&buf[..namelen.min(max)]).ok_or(WsaError::WSAEFAULT)
}

/// Writes an address to a C `(sockaddr *, int *len)` pair. Both NULL: nothing is written.
/// A buffer too small for the address, or memory that cannot be read/written → `WSAEFAULT`
/// (checked copies, never a crash).
pub(crate) fn write_sockaddr(
    addr: &SockAddr,
    out: *mut libc::sockaddr,
    outlen: *mut i32,
) -> WsaResult<()> {
    if out.is_null() {
        return Ok(());
    }
    write_sockaddr_room(addr, out, outlen, read_in(outlen)?)
}

/// [`write_sockaddr`] with the room `*outlen` gave read beforehand: an overlapped receive
/// reads it when the call is made, as Windows does, and writes the address and its length
/// when the operation completes (programs pass a length that lives in the function that
/// posted the receive and is gone by then).
pub(crate) fn write_sockaddr_room(
    addr: &SockAddr,
    out: *mut libc::sockaddr,
    outlen: *mut i32,
    cap: i32,
) -> WsaResult<()> {
    if out.is_null() {
        return Ok(());
    }
    let bytes = addr.as_bytes();
    if cap < 0 || (cap as usize) < bytes.len() {
        return Err(WsaError::WSAEFAULT);
    }
    let len = bytes.len() as i32;
    crate::sys::copy_to_user_each(&[(out.cast(), bytes), (outlen.cast(), plain_bytes(&len))])
        .map_err(|_| WsaError::WSAEFAULT)
}

/// Checks, before anything is consumed, that `*addrlen` has room for an address of `family`
/// (`sockaddr_in` / `sockaddr_in6`): too small, negative or unreadable → `WSAEFAULT`. NULL
/// passes (nothing will be written); other families are checked when the address is written.
pub(crate) fn check_addr_room(family: i32, addrlen: *const i32) -> WsaResult<()> {
    if addrlen.is_null() {
        return Ok(());
    }
    let cap = read_in(addrlen)?;
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

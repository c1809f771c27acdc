//! `WSAJoinLeaf`: joining a multipoint session (IP multicast or ws2mp's rooted provider).

use super::types::{QOS, SOCKET, WSABUF};
use super::{call_ok, read_sockaddr, socket};
use crate::error::{WsaError, WsaResult};
use crate::multicast;
use crate::provider::rooted::machine::valid_jl;
use crate::provider::rooted::{CalleeFill, Member};
use crate::socket::Socket;
use crate::winsock::INVALID_SOCKET;
use std::sync::Arc;

/// Joins a multipoint session.
///
/// **IP multicast** (a c_leaf | d_leaf UDP socket: non-rooted control and data planes, IPv4 or
/// IPv6): `name` is the group and its port, and the same socket is returned:
///
/// - an unbound socket is first bound to the wildcard address with a port of the system's
///   choosing (bind to the group's port beforehand to receive what is sent to it);
/// - `JL_RECEIVER_ONLY` and `JL_BOTH` join the group on the interface chosen with
///   `IP_MULTICAST_IF` / `IPV6_MULTICAST_IF` (or the group's `sin6_scope_id`), else on the
///   interface of the address the socket is bound to, else on the system's default multicast
///   interface; `JL_SENDER_ONLY` joins nothing;
/// - the group becomes the socket's default destination, kept by ws2mp (the OS socket is never
///   connected, so datagrams from every group member keep arriving): `send`/`WSASend` without
///   an address send to the group, and `getpeername` reports it;
/// - the join completes at once: an event-selected socket records FD_CONNECT with code 0.
///
/// `closesocket` leaves the group. Which datagrams the socket then receives follows Windows:
/// only groups it joined (not every group sent to its port), and datagrams sent from this host
/// only while `SIO_MULTIPOINT_LOOPBACK` / `IP_MULTICAST_LOOP` is TRUE (the default) on the
/// receiving socket. Connect data is not supported, as on Windows TCP/IP: `lpCallerData` with a
/// non-zero length fails with `WSAEPROTONOSUPPORT`, and `lpCalleeData->len` is set to 0.
///
/// **Rooted multipoint** (ws2mp's rooted provider, the `WS2MP_PROTO_RMP` /
/// `WS2MP_PROTO_RMP_PEER` entries; see docs/PROTOCOL.md):
/// - On a c_leaf, `name` is the root: the leaf asks to join with `lpCallerData` (at most 4,096
///   bytes, else `WSAEFAULT`) and the same socket is returned. A blocking socket returns after
///   the root decided; a non-blocking one returns at once (never `WSAEWOULDBLOCK`) and the
///   outcome is FD_CONNECT (0, or e.g. `WSAECONNREFUSED` when the root rejected it). The root's
///   callee data is written to `*lpCalleeData` (kept by pointer, as on Windows: it must stay
///   valid until FD_CONNECT) and its `len` updated (0 when rejected or none).
/// - On a c_root, `name` is a leaf listening for invitations: a new c_leaf socket standing for
///   that leaf is returned (it inherits the root's event selection); the outcome is FD_CONNECT
///   on the root. A blocking root returns after the leaf decided, and fails with its code on
///   rejection.
///
/// `dwFlags` is exactly one of `JL_SENDER_ONLY`, `JL_RECEIVER_ONLY`, `JL_BOTH`. ws2mp supports
/// no QOS: a non-NULL `lpSQOS` fails with `WSAEOPNOTSUPP`, a non-NULL `lpGQOS` with `WSAEINVAL`
/// on rooted sockets and `WSAEOPNOTSUPP` on multicast sockets.
///
/// Errors: `WSANOTINITIALISED`; `WSAENOTSOCK`; `WSAEINVAL` (not a multipoint socket of a
/// provider that joins — a socket without the leaf flags, a TCP socket —, bad `dwFlags`, a
/// listening c_leaf); `WSAEFAULT` (NULL `name`, `namelen` too small, caller data too large);
/// `WSAEAFNOSUPPORT` (`name`'s family is not the socket's); `WSAEADDRNOTAVAIL` (multicast: not
/// a multicast address; rooted: an all-zero address or port); `WSAEALREADY` (a rooted join of
/// this socket is in progress); `WSAEISCONN` (already joined, or connected);
/// `WSAEPROTONOSUPPORT`; `WSAEOPNOTSUPP`; `WSAECONNREFUSED`, `WSAETIMEDOUT`,
/// `WSAEHOSTUNREACH` (blocking rooted joins); `WSAENETUNREACH`; `WSAEADDRINUSE` (the automatic
/// bind); `WSAENOBUFS` (too many memberships); `WSAESHUTDOWN` (after `shutdown`).
/// `WSAEWOULDBLOCK` is never returned.
///
/// # Safety
/// `name` must be NULL or readable for `namelen` bytes; `lpCallerData` NULL or a valid WSABUF;
/// `lpCalleeData` NULL or a valid WSABUF that stays valid until the join completes;
/// `lpSQOS`/`lpGQOS` are only compared with NULL.
#[no_mangle]
pub unsafe extern "C" fn WSAJoinLeaf(
    s: SOCKET,
    name: *const libc::sockaddr,
    namelen: i32,
    lpCallerData: *const WSABUF,
    lpCalleeData: *mut WSABUF,
    lpSQOS: *const QOS,
    lpGQOS: *const QOS,
    dwFlags: u32,
) -> SOCKET {
    let args = JoinArgs {
        name,
        namelen,
        caller: lpCallerData,
        callee: lpCalleeData,
        sqos: lpSQOS,
        gqos: lpGQOS,
        flags: dwFlags,
    };
    call_ok(INVALID_SOCKET, || {
        let sock = socket(s)?;
        match sock.rooted().cloned() {
            // SAFETY: forwarded caller guarantees.
            Some(member) => unsafe { join_rooted(&sock, &member, &args) },
            // SAFETY: forwarded caller guarantees.
            None => unsafe { join_multicast(&sock, s, &args) },
        }
    })
}

/// `WSAJoinLeaf`'s arguments, as the program passed them.
struct JoinArgs {
    name: *const libc::sockaddr,
    namelen: i32,
    caller: *const WSABUF,
    callee: *mut WSABUF,
    sqos: *const QOS,
    gqos: *const QOS,
    flags: u32,
}

/// # Safety
/// The pointers in `a` are valid as `WSAJoinLeaf` requires.
unsafe fn join_multicast(sock: &Arc<Socket>, s: SOCKET, a: &JoinArgs) -> WsaResult<SOCKET> {
    multicast::check_leaf(sock)?;
    multicast::check_join_flags(a.flags)?;
    if !a.sqos.is_null() || !a.gqos.is_null() {
        return Err(WsaError::WSAEOPNOTSUPP);
    }
    // SAFETY: the caller guarantees the pointer is NULL or readable.
    if unsafe { a.caller.as_ref() }.is_some_and(|b| b.len > 0) {
        return Err(WsaError::WSAEPROTONOSUPPORT);
    }
    // SAFETY: forwarded caller guarantee.
    let group = unsafe { read_sockaddr(a.name, a.namelen) }?;
    multicast::join_leaf(sock, &group, a.flags)?;
    // SAFETY: the caller guarantees the pointer is NULL or writable.
    if let Some(callee) = unsafe { a.callee.as_mut() } {
        callee.len = 0;
    }
    Ok(s)
}

/// # Safety
/// The pointers in `a` are valid as `WSAJoinLeaf` requires (`callee` until the join completes).
unsafe fn join_rooted(sock: &Arc<Socket>, member: &Arc<Member>, a: &JoinArgs) -> WsaResult<SOCKET> {
    if !a.gqos.is_null() {
        return Err(WsaError::WSAEINVAL);
    }
    if !a.sqos.is_null() {
        return Err(WsaError::WSAEOPNOTSUPP);
    }
    if a.flags > 0xff || !valid_jl(a.flags as u8) {
        return Err(WsaError::WSAEINVAL);
    }
    // SAFETY: forwarded caller guarantee.
    let addr = unsafe { read_sockaddr(a.name, a.namelen) }?;
    // SAFETY: the caller guarantees the pointer is NULL or a readable WSABUF.
    let caller: &[u8] = match unsafe { a.caller.as_ref() } {
        Some(b) if b.len > 0 => {
            if b.buf.is_null() {
                return Err(WsaError::WSAEFAULT);
            }
            // SAFETY: a WSABUF describes `len` readable bytes at `buf`.
            unsafe { std::slice::from_raw_parts(b.buf.cast::<u8>(), b.len as usize) }
        }
        _ => &[],
    };
    let callee: Option<CalleeFill> = (!a.callee.is_null()).then(|| {
        let at = a.callee as usize;
        Box::new(move |data: &[u8]| {
            // SAFETY: the caller keeps `*lpCalleeData` (and its buffer, `len` bytes) valid
            // until the join completes, which is when this runs (once).
            unsafe {
                let b = &mut *(at as *mut WSABUF);
                let n = data.len().min(b.len as usize);
                if n > 0 && !b.buf.is_null() {
                    std::ptr::copy_nonoverlapping(data.as_ptr(), b.buf.cast::<u8>(), n);
                }
                b.len = if b.buf.is_null() { 0 } else { n as u32 };
            }
        }) as CalleeFill
    });
    let joined = member.join(sock, &addr, caller, callee, a.flags as u8)?;
    Ok(joined.fd() as SOCKET)
}

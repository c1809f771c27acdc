//! `WSAJoinLeaf`: joining a multipoint session (IP multicast or ws2mp's rooted provider).

use super::types::{QOS, SOCKET, WSABUF};
use super::{call_ok, read_in, read_sockaddr, socket, write_out};
use crate::error::{WsaError, WsaResult};
use crate::provider::{CalleeFill, JoinRequest};
use crate::winsock::INVALID_SOCKET;

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
/// `dwFlags` is `JL_SENDER_ONLY`, `JL_RECEIVER_ONLY` or `JL_BOTH`; any other combination of those
/// bits (`JL_SENDER_ONLY | JL_RECEIVER_ONLY`) means both directions, as Windows' providers take
/// it. ws2mp supports
/// no QOS: a non-NULL `lpSQOS` fails with `WSAEOPNOTSUPP`, a non-NULL `lpGQOS` with `WSAEINVAL`
/// on rooted sockets and `WSAEOPNOTSUPP` on multicast sockets.
///
/// Errors: `WSANOTINITIALISED`; `WSAENOTSOCK`; `WSAEINVAL` (not a multipoint socket of a
/// provider that joins — a socket without the leaf flags, a TCP socket —, `dwFlags` 0 or with a bit outside the three `JL_*` bits, a
/// listening c_leaf); `WSAEFAULT` (NULL `name`, `namelen` too small, caller data too large, a
/// `name`, `WSABUF` or data buffer ws2mp cannot read — or, for `lpCalleeData`, write);
/// `WSAEAFNOSUPPORT` (`name`'s family is not the socket's); `WSAEADDRNOTAVAIL` (multicast: not
/// a multicast address; rooted: an all-zero address or port); `WSAEALREADY` (a rooted join of
/// this socket is in progress); `WSAEISCONN` (already joined, or connected);
/// `WSAEPROTONOSUPPORT`; `WSAEOPNOTSUPP`; `WSAECONNREFUSED`, `WSAETIMEDOUT`,
/// `WSAEHOSTUNREACH` (blocking rooted joins); `WSAENETUNREACH`; `WSAEADDRINUSE` (the automatic
/// bind); `WSAENOBUFS` (too many memberships); `WSAESHUTDOWN` (after `shutdown`).
/// `WSAEWOULDBLOCK` is never returned.
///
/// # Safety
/// Every pointer is checked, not trusted: `name`, `lpCallerData`, `lpCalleeData` and the
/// buffers the two `WSABUF`s name are read and written through checked copies (memory ws2mp
/// cannot use is `WSAEFAULT`); `lpSQOS`/`lpGQOS` are only compared with NULL. As on Windows,
/// `*lpCalleeData` and its buffer belong to the join until it completes: a program that
/// reuses that memory meanwhile gets the callee data written into it.
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
    call_ok(INVALID_SOCKET, || {
        let sock = socket(s)?;
        // The caller and callee data go through checked copies: a WSABUF or buffer ws2mp
        // cannot use is WSAEFAULT, never a crash (the buffers are bounded: connect data is a
        // short message).
        let caller = if lpCallerData.is_null() {
            None
        } else {
            Some(read_in(lpCallerData)?).filter(|b| b.len > 0)
        };
        let copied = match caller {
            Some(b) if !b.buf.is_null() => {
                let mut v = vec![0u8; (b.len as usize).min(1 << 16)];
                crate::sys::copy_from_user(b.buf.cast::<u8>(), &mut v)
                    .map_err(|_| WsaError::WSAEFAULT)?;
                Some(v)
            }
            _ => None,
        };
        let callee = CalleeBuf::check(lpCalleeData)?;
        let req = JoinRequest {
            name: read_sockaddr(name, namelen),
            caller_data: copied.as_deref(),
            caller_data_unreadable: caller.is_some_and(|b| b.buf.is_null()),
            callee: callee.map(CalleeBuf::into_fill),
            sqos: !lpSQOS.is_null(),
            gqos: !lpGQOS.is_null(),
            flags: dwFlags,
        };
        Ok(sock.join_leaf(req)?.fd() as SOCKET)
    })
}

/// The most callee data a provider returns (the rooted provider's connect-data limit): the
/// part of a callee buffer checked at the call.
const CALLEE_CHECKED: usize = 4_096;

/// The program's `lpCalleeData` of a join that may complete later, on another thread: an
/// address Windows keeps too (the program keeps the `WSABUF` and its buffer until
/// FD_CONNECT). It is only ever used through checked copies: at the call, where memory ws2mp
/// cannot read and write is `WSAEFAULT`, and when the join completes, where a structure or
/// buffer the program gave back in the meantime is skipped instead of written.
struct CalleeBuf(usize);

impl CalleeBuf {
    /// Checks `p` at the call: NULL → None; a `WSABUF` that cannot be read and written, or
    /// whose buffer (its first [`CALLEE_CHECKED`] bytes) cannot be, → `WSAEFAULT`. The check
    /// writes back the values it read.
    fn check(p: *mut WSABUF) -> WsaResult<Option<CalleeBuf>> {
        if p.is_null() {
            return Ok(None);
        }
        let b = read_in(p)?;
        write_out(p.cast::<u32>(), b.len)?;
        if b.len > 0 && !b.buf.is_null() {
            let mut held = vec![0u8; (b.len as usize).min(CALLEE_CHECKED)];
            crate::sys::copy_from_user(b.buf.cast::<u8>(), &mut held)
                .and_then(|()| crate::sys::copy_to_user(b.buf.cast::<u8>(), &held))
                .map_err(|_| WsaError::WSAEFAULT)?;
        }
        Ok(Some(CalleeBuf(p as usize)))
    }

    /// Writes the callee data the provider received (as much as the buffer holds) and the
    /// length used (0 without a buffer).
    fn fill(self, data: &[u8]) {
        let p = self.0 as *mut WSABUF;
        let Ok(b) = read_in(p) else {
            return;
        };
        let mut n = data.len().min(b.len as usize);
        if b.buf.is_null() || crate::sys::copy_to_user(b.buf.cast::<u8>(), &data[..n]).is_err() {
            n = 0;
        }
        let _ = write_out(p.cast::<u32>(), n as u32);
    }

    fn into_fill(self) -> CalleeFill {
        Box::new(move |data: &[u8]| self.fill(data))
    }
}

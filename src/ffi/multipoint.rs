//! `WSAJoinLeaf`.

use super::types::{QOS, SOCKET, WSABUF};
use super::{call, read_sockaddr, socket};
use crate::error::WsaError;
use crate::multicast;
use crate::winsock::INVALID_SOCKET;

/// Joins a multipoint session. On a c_leaf | d_leaf UDP socket (non-rooted control and data
/// planes: IP multicast, IPv4 or IPv6) `name` is the group and its port, and the same socket is
/// returned:
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
/// receiving socket.
///
/// Connect data is not supported, as on Windows TCP/IP: `lpCallerData` with a non-zero length
/// fails with `WSAEPROTONOSUPPORT`, and `lpCalleeData->len` is set to 0. ws2mp supports no
/// QOS: a non-NULL `lpSQOS` or `lpGQOS` fails with `WSAEOPNOTSUPP`. Only the non-rooted use
/// (a c_leaf | d_leaf UDP socket joining an IP multicast group) is implemented here.
///
/// Errors: `WSANOTINITIALISED`; `WSAENOTSOCK`; `WSAEINVAL` (a socket without both
/// `WSA_FLAG_MULTIPOINT_C_LEAF` and `WSA_FLAG_MULTIPOINT_D_LEAF`, a TCP socket, or `dwFlags`
/// other than exactly one `JL_*` value); `WSAEFAULT` (NULL `name`, `namelen` too small);
/// `WSAEAFNOSUPPORT` (`name`'s family is not the socket's); `WSAEADDRNOTAVAIL` (`name` is not
/// a multicast address); `WSAEISCONN` (the socket already joined, or is connected);
/// `WSAEPROTONOSUPPORT`; `WSAEOPNOTSUPP`; `WSAENETUNREACH` (no interface or route for the
/// group); `WSAEADDRINUSE` (the automatic bind); `WSAENOBUFS` (too many memberships).
/// `WSAEWOULDBLOCK` is never returned.
///
/// # Safety
/// `name` must be NULL or readable for `namelen` bytes; `lpCallerData` and `lpCalleeData`
/// NULL or valid WSABUFs; `lpSQOS`/`lpGQOS` are only compared with NULL.
#[no_mangle]
pub unsafe extern "C" fn WSAJoinLeaf(
    s: SOCKET,
    name: *const libc::sockaddr,
    namelen: i32,
    lpCallerData: *mut WSABUF,
    lpCalleeData: *mut WSABUF,
    lpSQOS: *mut QOS,
    lpGQOS: *mut QOS,
    dwFlags: u32,
) -> SOCKET {
    call(INVALID_SOCKET, || {
        let sock = socket(s)?;
        multicast::check_leaf(&sock)?;
        multicast::check_join_flags(dwFlags)?;
        if !lpSQOS.is_null() || !lpGQOS.is_null() {
            return Err(WsaError::WSAEOPNOTSUPP);
        }
        // SAFETY: the caller guarantees the pointer is NULL or readable.
        if unsafe { lpCallerData.as_ref() }.is_some_and(|b| b.len > 0) {
            return Err(WsaError::WSAEPROTONOSUPPORT);
        }
        // SAFETY: forwarded caller guarantee.
        let group = unsafe { read_sockaddr(name, namelen) }?;
        multicast::join_leaf(&sock, &group, dwFlags)?;
        // SAFETY: the caller guarantees the pointer is NULL or writable.
        if let Some(callee) = unsafe { lpCalleeData.as_mut() } {
            callee.len = 0;
        }
        Ok(s)
    })
}

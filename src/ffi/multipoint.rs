//! `WSAJoinLeaf`: joining a multipoint session.

use super::types::{QOS, SOCKET, WSABUF};
use super::{call, read_sockaddr, socket};
use crate::error::WsaError;
use crate::provider::rooted::machine::valid_jl;
use crate::provider::rooted::CalleeFill;
use crate::winsock::INVALID_SOCKET;

/// Joins a leaf to a multipoint session, or (on a c_root) invites a leaf.
///
/// ws2mp's rooted provider (the `WS2MP_PROTO_RMP` / `WS2MP_PROTO_RMP_PEER` entries, see
/// docs/PROTOCOL.md):
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
/// - `dwFlags`: `JL_SENDER_ONLY`, `JL_RECEIVER_ONLY` or `JL_BOTH` (the leaf's role).
///
/// Errors: `WSAEALREADY` (a join of this socket is in progress), `WSAEISCONN` (already
/// joined), `WSAEINVAL` (not a multipoint socket of a provider that joins, bad `dwFlags`, a
/// listening c_leaf, non-NULL `lpGQOS`), `WSAEOPNOTSUPP` (non-NULL `lpSQOS`: no QOS; UDP
/// multicast joins are not part of this build), `WSAEFAULT` (bad `name`/`namelen`, caller data
/// too large), `WSAEAFNOSUPPORT`, `WSAEADDRNOTAVAIL` (an all-zero address or port),
/// `WSAECONNREFUSED`, `WSAETIMEDOUT`, `WSAENETUNREACH`, `WSAEHOSTUNREACH` (blocking joins),
/// `WSAESHUTDOWN` (after `shutdown`), `WSAENOTSOCK`, `WSANOTINITIALISED`.
///
/// # Safety
/// `name` must be readable for `namelen` bytes; `lpCallerData` NULL or a valid WSABUF;
/// `lpCalleeData` NULL or a valid WSABUF that stays valid until the join completes.
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
    call(INVALID_SOCKET, || {
        let sock = socket(s)?;
        let Some(member) = sock.rooted().cloned() else {
            let multipoint = sock.entry.is_some_and(|e| e.is_multipoint())
                && sock.wsa_flags & crate::catalog::wsa_flag::MULTIPOINT != 0;
            return Err(if multipoint {
                WsaError::WSAEOPNOTSUPP
            } else {
                WsaError::WSAEINVAL
            });
        };
        if !lpGQOS.is_null() {
            return Err(WsaError::WSAEINVAL);
        }
        if !lpSQOS.is_null() {
            return Err(WsaError::WSAEOPNOTSUPP);
        }
        if dwFlags > 0xff || !valid_jl(dwFlags as u8) {
            return Err(WsaError::WSAEINVAL);
        }
        // SAFETY: forwarded caller guarantee.
        let addr = unsafe { read_sockaddr(name, namelen) }?;
        // SAFETY: the caller guarantees the pointer is NULL or a readable WSABUF.
        let caller: &[u8] = match unsafe { lpCallerData.as_ref() } {
            Some(b) if b.len > 0 => {
                if b.buf.is_null() {
                    return Err(WsaError::WSAEFAULT);
                }
                // SAFETY: a WSABUF describes `len` readable bytes at `buf`.
                unsafe { std::slice::from_raw_parts(b.buf.cast::<u8>(), b.len as usize) }
            }
            _ => &[],
        };
        let callee: Option<CalleeFill> = (!lpCalleeData.is_null()).then(|| {
            let at = lpCalleeData as usize;
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
        let joined = member.join(&sock, &addr, caller, callee, dwFlags as u8)?;
        Ok(joined.fd() as SOCKET)
    })
}

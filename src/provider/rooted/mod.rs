//! ws2mp's rooted multipoint provider: c_root / c_leaf sessions over TCP, with a rooted or a
//! peer data plane. The protocol and the local design are in docs/PROTOCOL.md.
//!
//! - `wire`: frames; `machine`: the per-link state machine (both pure, fuzzed).
//! - `link`: one TCP connection with its bounded send queue; `outgoing`: a DATA message sent
//!   from the program's buffers; `inbox`: a socket's received
//!   messages; `pair`: the socket pair behind every program-visible socket (its readability
//!   follows the inbox; plugs make it unwritable for FD_WRITE).
//! - `root`: a c_root's session; `leaf`: a leaf's membership; `listener`: a c_leaf listening
//!   for invitations; `admission`: the pending-request queue both listeners share.
//! - `member`: a socket's binding to the above, and the Winsock calls on it.
//! - `engine`: the background thread.
//!
//! # Lock order
//!
//! The provider's locks (all `parking_lot`, none poisoned by a panic), outermost first. A
//! thread holding one may take only locks further down the list, never one above it, and
//! never two of the same row at once.
//!
//! 1. `Member::role` (`with_role`): a socket's role. Held while a call is forwarded to the
//!    session, listener or engine it names (`listen`, `bind`, `watch`, `shutdown`, ...).
//!    The data calls (`send`, `recv`) take it only until the role has settled on a session
//!    (`Member::data`), and never while calling into the session.
//! 2. `engine::ENGINE`, then `Engine::thread`: starting and stopping the engine (`get` may
//!    run under a role lock, when a fresh c_leaf joins or listens).
//! 3. A session's state: `RootSession::st`, `LeafSession::st` or `LeafListener::st`, with
//!    its condition variable (`cond`, waited on with that lock). A session never takes
//!    another session's lock, and never a `Member::role`: the c_leaf sockets a root makes
//!    for its leaves (`make_c`, which takes the new socket's role and event locks) are made
//!    and given their selection *before* the root's lock is taken, and one that is not used
//!    after all is closed after it is released (`discard_c`; closing a c_leaf evicts its
//!    leaf, which takes the root's lock).
//! 4. `Inbox::st` (also held by an `inbox::Batch` while one read's messages are appended).
//!    One inbox at a time.
//! 5. `Socket::events` (recording FD_ACCEPT, FD_CONNECT, FD_WRITE for a session's sockets,
//!    `Socket::record_accept` and the like), then the event object's lock
//!    (`EventObject::raised`, by `set`). Never held while calling into this provider
//!    (`Socket::event_select` drops it before `Member::rearm_accept`).
//! 6. `Engine::table` and `Engine::tickers`: innermost; nothing is taken under them (the
//!    poller calls made under `table` are system calls).
//!
//! The engine thread takes no lock of its own around a handler call: it copies the handler
//! out of `table`, releases it, then calls the handler, which starts at row 3. Program
//! threads reading links themselves (`read_direct`) start at row 3 as well. A condition
//! function (`WSAAccept`) runs with no lock held (`admission::Snapshot`).

pub mod admission;
pub mod config;
pub mod engine;
#[cfg(test)]
mod fuzz;
pub mod inbox;
pub mod leaf;
pub mod link;
pub mod listener;
pub mod machine;
pub mod member;
pub mod outgoing;
pub mod pair;
pub mod root;
mod root_io;
pub mod wire;

pub use member::Member;

use crate::addr::SockAddr;
use crate::catalog::{wsa_flag, Entry};
use crate::error::{WsaError, WsaResult};
use crate::provider::{Adopt, JoinRequest};
use crate::sys::{self, Fd, OwnedFd};
use std::os::fd::AsRawFd;
use std::sync::Arc;

pub use super::CalleeFill;

/// `WSASocket` for a rooted entry: checks ws2mp's extra role rules and creates the socket.
pub fn open<S: Adopt>(
    entry: &'static Entry,
    family: i32,
    protocol: i32,
    flags: u32,
) -> WsaResult<Arc<S>> {
    use wsa_flag::*;
    let rooted_data = entry.service_flags1 & crate::catalog::xp1::MULTIPOINT_DATA_PLANE != 0;
    let c_root = flags & MULTIPOINT_C_ROOT != 0;
    let d_root = flags & MULTIPOINT_D_ROOT != 0;
    if flags & wsa_flag::MULTIPOINT == 0 {
        // The provider has multipoint sockets only.
        return Err(WsaError::WSAEINVAL);
    }
    if rooted_data && c_root != d_root {
        // Here the data root is always the control root.
        return Err(WsaError::WSAEINVAL);
    }
    member::open(entry, family, protocol, flags, c_root)
}

/// `WSAJoinLeaf` on a rooted socket: Windows' checks (no QOS, a direction, readable
/// caller data), then [`Member::join`]. Returns the socket standing for the join.
pub fn join<S: Adopt>(member: &Member, sock: &Arc<S>, req: JoinRequest<'_>) -> WsaResult<Arc<S>> {
    if req.gqos {
        return Err(WsaError::WSAEINVAL);
    }
    if req.sqos {
        return Err(WsaError::WSAEOPNOTSUPP);
    }
    let direction = req.direction()?;
    let addr = req.name?;
    if req.caller_data_unreadable {
        return Err(WsaError::WSAEFAULT);
    }
    let caller = req.caller_data.unwrap_or(&[]);
    member.join(sock, &addr, caller, req.callee, direction as u8)
}

/// Stops the engine (the last `WSACleanup`, after every socket was closed).
pub fn cleanup() {
    engine::stop();
}

/// A non-blocking TCP socket of `family`.
pub(crate) fn tcp_socket(family: i32) -> WsaResult<OwnedFd> {
    let fd = sys::socket(family, libc::SOCK_STREAM, libc::IPPROTO_TCP, true)
        .map_err(WsaError::from_errno)?;
    sys::set_nonblocking(fd.as_raw_fd(), true).map_err(WsaError::from_errno)?;
    Ok(fd)
}

/// Accepts one connection from a non-blocking listener: `Ok(None)` when none is waiting.
pub(crate) fn accept_tcp(listener: Fd) -> Result<Option<(OwnedFd, SockAddr)>, i32> {
    match sys::accept(listener, true) {
        Ok((fd, addr)) => {
            sys::set_nonblocking(fd.as_raw_fd(), true)?;
            Ok(Some((fd, addr)))
        }
        Err(libc::EAGAIN) => Ok(None),
        #[allow(unreachable_patterns)]
        Err(libc::EWOULDBLOCK) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Starts a non-blocking connect. Errors are Winsock codes.
pub(crate) fn start_connect(fd: Fd, to: &SockAddr) -> WsaResult<()> {
    match sys::connect(fd, to) {
        Ok(()) | Err(libc::EINPROGRESS) | Err(libc::EINTR) => Ok(()),
        Err(e) => Err(WsaError::from_errno(e)),
    }
}

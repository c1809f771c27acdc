//! ws2mp's rooted multipoint provider: c_root / c_leaf sessions over TCP, with a rooted or a
//! peer data plane. The protocol and the local design are in docs/PROTOCOL.md.
//!
//! - `wire`: frames; `machine`: the per-link state machine (both pure, fuzzed).
//! - `link`: one TCP connection with its bounded send queue; `inbox`: a socket's received
//!   messages; `pair`: the socket pair behind every program-visible socket (its readability
//!   follows the inbox; plugs make it unwritable for FD_WRITE).
//! - `root`: a c_root's session; `leaf`: a leaf's membership; `listener`: a c_leaf listening
//!   for invitations; `admission`: the pending-request queue both listeners share.
//! - `member`: a socket's binding to the above, and the Winsock calls on it.
//! - `engine`: the background thread.

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
pub mod pair;
pub mod root;
mod root_io;
pub mod wire;

pub use member::Member;

use crate::addr::SockAddr;
use crate::catalog::{wsa_flag, Entry};
use crate::error::{WsaError, WsaResult};
use crate::socket::Socket;
use crate::sys::{self, Fd};
use std::sync::Arc;

/// Writes callee data into the program's `lpCalleeData` when a join completes (built by the
/// ffi layer, which owns the pointer; called at most once, from any thread).
pub type CalleeFill = Box<dyn FnOnce(&[u8]) + Send>;

/// A descriptor the provider owns, closed on drop.
pub struct FdGuard(pub Fd);

impl Drop for FdGuard {
    fn drop(&mut self) {
        sys::close(self.0);
    }
}

/// `WSASocket` for a rooted entry: checks ws2mp's extra role rules and creates the socket.
pub fn open(
    entry: &'static Entry,
    family: i32,
    protocol: i32,
    flags: u32,
) -> WsaResult<Arc<Socket>> {
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

/// Stops the engine (the last `WSACleanup`, after every socket was closed).
pub fn cleanup() {
    engine::stop();
}

/// A non-blocking TCP socket of `family`.
pub(crate) fn tcp_socket(family: i32) -> WsaResult<FdGuard> {
    let fd = sys::socket(family, libc::SOCK_STREAM, libc::IPPROTO_TCP, true)
        .map_err(WsaError::from_errno)?;
    let g = FdGuard(fd);
    sys::set_nonblocking(fd, true).map_err(WsaError::from_errno)?;
    Ok(g)
}

/// Accepts one connection from a non-blocking listener: `Ok(None)` when none is waiting.
pub(crate) fn accept_tcp(listener: Fd) -> Result<Option<(FdGuard, SockAddr)>, i32> {
    match sys::accept(listener, true) {
        Ok((fd, addr)) => {
            let g = FdGuard(fd);
            sys::set_nonblocking(fd, true)?;
            Ok(Some((g, addr)))
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

/// Takes a descriptor out of its guard without closing it.
pub(crate) fn release(g: FdGuard) -> Fd {
    let fd = g.0;
    std::mem::forget(g);
    fd
}

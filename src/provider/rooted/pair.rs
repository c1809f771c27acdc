//! The socket pair behind every socket of the rooted provider (docs/PROTOCOL.md §2).
//!
//! The program's end is the `SOCKET`. It carries no data, only state the kernel can report (the
//! pair is `SOCK_SEQPACKET` or `SOCK_STREAM`, see `sys::rooted_pair`; every step below works on
//! either: one token at a time, plugs read away until none is left):
//! - *readable* while the socket's inbox holds a message: the provider keeps exactly one
//!   one-byte **token** record queued on the program's end then (and takes it back when the
//!   inbox empties), and closes its own end when the session ends for the socket, which the
//!   program's end reads as end-of-file once the token is gone (FD_CLOSE);
//! - *unwritable* while a send would block: the provider **plugs** the program's end by
//!   writing one small record from it toward its own end, whose send buffer is the minimum, and
//!   reads the plug away when there is room again (FD_WRITE, `select` writability).

use crate::error::{WsaError, WsaResult};
use crate::sys::{self, interest, Fd, OwnedFd};
use std::os::fd::AsRawFd;

const PLUG: [u8; 256] = [0; 256];

/// Creates a pair: `(program's end, provider's end)`; the provider's end is non-blocking.
pub fn create() -> WsaResult<(OwnedFd, OwnedFd)> {
    // An AF_UNIX SOCK_SEQPACKET pair, or a SOCK_STREAM one (macOS; WS2MP_ROOTED_PAIR=stream on
    // Linux): it only carries readiness, so the record boundaries do not matter.
    let (app, eng) = sys::rooted_pair().map_err(|e| match e {
        libc::EMFILE | libc::ENFILE => WsaError::WSAEMFILE,
        other => WsaError::from_errno(other),
    })?;
    // The program's end starts blocking, as every new Winsock socket does.
    let _ = sys::set_nonblocking(eng.as_raw_fd(), true);
    // The program's end sends only plugs: the smallest buffer, so one plug blocks it.
    let _ = sys::setsockopt(
        app.as_raw_fd(),
        libc::SOL_SOCKET,
        libc::SO_SNDBUF,
        1 as libc::c_int,
    );
    Ok((app, eng))
}

/// Makes the program's end unwritable (see the module comment).
pub fn plug(app: Fd) {
    for _ in 0..8 {
        let _ = sys::send(app, &PLUG, libc::MSG_DONTWAIT);
        if !sys::poll_one(app, interest::WRITE).intersects(sys::ready::WRITABLE) {
            return;
        }
    }
    crate::log::warn(format_args!(
        "rooted: fd {app} stays writable after plugging"
    ));
}

/// Removes every plug (the program's end turns writable again).
pub fn unplug(eng: Fd) {
    let mut buf = [0u8; 512];
    while let Ok(1..) = sys::recv(eng, &mut buf, libc::MSG_DONTWAIT) {}
}

/// Queues the token on the program's end (from the provider's end).
pub(super) fn raise_token(eng: Fd) {
    let _ = sys::send(eng, &[1u8], libc::MSG_DONTWAIT);
}

/// Takes the token back (from the program's end).
pub(super) fn take_token(app: Fd) {
    let mut b = [0u8; 1];
    let _ = sys::recv(app, &mut b, libc::MSG_DONTWAIT);
}

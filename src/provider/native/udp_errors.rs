//! The OS side of ICMP errors on datagram sockets (the Winsock rules are the socket façade's,
//! src/socket/udp_errors.rs): the error queue turned on for every datagram socket (Linux),
//! which errors are reports about an earlier datagram, and emptying the queue.

use crate::addr::SockAddr;
use crate::sys::{self, Fd};
use std::os::fd::AsRawFd;

/// Turns on the error queue for a new datagram socket (Linux), so unconnected sockets learn of
/// ICMP errors too.
pub(crate) fn enable(fd: Fd, family: i32) {
    if let Err(e) = sys::report_icmp_errors(fd, family) {
        crate::log::debug(format_args!("fd {fd}: RECVERR not available: {e}"));
    }
}

/// Errors the OS reports on a datagram socket because of an ICMP message about an earlier
/// datagram (not about this call).
pub(crate) fn is_icmp_error(errno: i32) -> bool {
    matches!(
        errno,
        libc::ECONNREFUSED | libc::EHOSTUNREACH | libc::ENETUNREACH | libc::EHOSTDOWN
    )
}

/// Empties the socket's error queue (Linux), so it stops polling as readable. Returns whether
/// the errors are ones Windows reports too: a datagram to a port of this host that a socket
/// holds (one connected to another peer, which Linux does not deliver to) draws a port
/// unreachable on Linux, never on Windows. Without an error queue (macOS, or nothing queued)
/// the error counts.
pub(crate) fn drain_error_queue(fd: Fd) -> bool {
    let mut phantom = 0;
    match sys::drain_error_queue(fd, 64, |dest| phantom += usize::from(port_held_here(dest))) {
        Some(seen) => seen == 0 || phantom < seen,
        None => true,
    }
}

/// Whether `dest` is an address of this host whose port a socket holds (a bind there fails).
fn port_held_here(dest: &SockAddr) -> bool {
    let Some(a) = dest.to_std() else {
        return false;
    };
    if a.port() == 0 || !crate::provider::multicast::local::is_local(a.ip()) {
        return false;
    }
    let family = if a.is_ipv4() {
        libc::AF_INET
    } else {
        libc::AF_INET6
    };
    let Ok(probe) = sys::socket(family, libc::SOCK_DGRAM, 0, true) else {
        return false;
    };
    matches!(sys::bind(probe.as_raw_fd(), dest), Err(libc::EADDRINUSE))
}

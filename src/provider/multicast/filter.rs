//! The receive filter of multicast sockets: Windows' receive-side loopback, and the unicast
//! destinations a socket bound to an interface address accepts ([`Multicast::keeps`]).
//!
//! It runs wherever a datagram can be observed through ws2mp: every receive call, and the
//! readiness checks behind FD_READ, `select` and `FIONREAD`, which first drop the filtered
//! datagrams at the head of the queue so that a datagram the socket will drop is never
//! reported. Only sockets with the filter on (a mode bit) come here; the filter itself uses no
//! heap memory and, for a datagram it keeps, no system call beyond the `recvmsg`.

use super::Multicast;
use crate::addr::SockAddr;
use crate::sys::{self, Fd, Received, SysResult};

/// How many filtered datagrams one readiness check drops before answering "nothing yet" (the
/// poller reports the socket again, so the rest is dropped on the next round).
const DRAIN_LIMIT: usize = 64;

fn would_block(e: i32) -> bool {
    e == libc::EAGAIN || e == libc::EWOULDBLOCK
}

/// Receives the next datagram the socket keeps into `bufs` (its source into `from`), dropping
/// the ones it does not. A blocking socket goes on waiting after a drop; a non-blocking one
/// fails with EAGAIN once the queue is empty. With `MSG_PEEK`, a dropped datagram is removed
/// and the next one peeked.
pub fn recv(
    fd: Fd,
    m: &Multicast,
    mut bufs: sys::IoBufsMut<'_>,
    flags: i32,
    from: &mut SockAddr,
) -> SysResult<Received> {
    // A socket bound to an interface address looks at the destination; one with loopback off
    // at the arrival interface.
    let want_dst = m.bound().is_some() || !m.loopback();
    loop {
        let (r, dst) = sys::recv_msg_dst(fd, bufs.reborrow(), flags, from, want_dst)?;
        if m.keeps(from, dst) {
            return Ok(r);
        }
        if flags & libc::MSG_PEEK != 0 {
            match sys::discard_datagram(fd) {
                Ok(()) => {}
                Err(e) if would_block(e) => {}
                Err(e) => return Err(e),
            }
        }
    }
}

/// Drops the filtered datagrams at the head of the receive queue, without blocking. Returns
/// whether something a receive call will report is now at the head: a datagram the socket
/// keeps, or a pending error.
pub fn head_is_kept(fd: Fd, m: &Multicast) -> bool {
    let mut byte = [0u8; 1];
    let mut from = SockAddr::empty();
    let want_dst = m.bound().is_some() || !m.loopback();
    for _ in 0..DRAIN_LIMIT {
        let mut iov = sys::iov_storage();
        let bufs = sys::IoBufsMut::single(&mut iov, &mut byte);
        let flags = libc::MSG_PEEK | libc::MSG_DONTWAIT;
        match sys::recv_msg_dst(fd, bufs, flags, &mut from, want_dst) {
            Ok((_, dst)) => {
                if m.keeps(&from, dst) {
                    return true;
                }
                if sys::discard_datagram(fd).is_err() {
                    return false;
                }
            }
            Err(e) if would_block(e) => return false,
            // A pending error: the application's receive reports it.
            Err(_) => return true,
        }
    }
    false
}

//! ICMP errors on datagram sockets, as Windows reports them.
//!
//! Windows never fails a send because an earlier datagram drew a "port unreachable"; the next
//! receive fails once with `WSAECONNRESET` instead, on connected and unconnected sockets alike,
//! unless the program turned that off with `SIO_UDP_CONNRESET` FALSE. POSIX stacks report the
//! error on the next call of any kind (a send too), and Linux only on connected sockets unless
//! `IP_RECVERR` is on. So ws2mp turns `IP_RECVERR` / `IPV6_RECVERR` on for every datagram
//! socket (Linux), retries a send that only picked up such an error, remembers it for the next
//! receive, and empties the error queue when the receive reports it (a pending queue entry
//! keeps the socket readable in `poll`, which is what makes `select` report it readable).
//! macOS has no `IP_RECVERR`: there only connected sockets learn of the error (see
//! docs/PORTING.md).

use super::*;

/// Turns on the error queue for a new datagram socket (Linux), so unconnected sockets learn of
/// ICMP errors too.
pub(super) fn enable(fd: Fd, family: i32) {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    {
        let (level, name) = match family {
            libc::AF_INET => (libc::SOL_IP, libc::IP_RECVERR),
            libc::AF_INET6 => (libc::SOL_IPV6, libc::IPV6_RECVERR),
            _ => return,
        };
        if let Err(e) = sys::setsockopt(fd, level, name, 1 as libc::c_int) {
            crate::log::debug(format_args!("fd {fd}: RECVERR not available: {e}"));
        }
    }
    #[cfg(not(any(target_os = "linux", target_os = "android")))]
    let _ = (fd, family);
}

/// Errors the OS reports on a datagram socket because of an ICMP message about an earlier
/// datagram (not about this call).
pub(super) fn is_icmp_error(errno: i32) -> bool {
    matches!(
        errno,
        libc::ECONNREFUSED | libc::EHOSTUNREACH | libc::ENETUNREACH | libc::EHOSTDOWN
    )
}

impl Socket {
    /// Runs a datagram send; if it failed only because it picked up an ICMP error about an
    /// earlier datagram, remembers a port-unreachable for the next receive and sends again.
    pub(super) fn send_datagram(
        &self,
        send: impl Fn() -> Result<usize, i32>,
    ) -> Result<usize, i32> {
        match send() {
            Err(e) if is_icmp_error(e) && !self.is_stream() => {
                let again = send();
                if again.is_ok() || again.as_ref().err() != Some(&e) {
                    // The first error was the OS's report of an earlier datagram.
                    if e == libc::ECONNREFUSED {
                        self.set(mode::RESET_PENDING);
                    }
                    again
                } else {
                    Err(e)
                }
            }
            other => other,
        }
    }

    /// Before a datagram receive: a port-unreachable a send took from the OS fails this
    /// receive once (`WSAECONNRESET`).
    pub(super) fn take_pending_reset(&self) -> WsaResult<()> {
        if self.is_stream() || !self.has(mode::RESET_PENDING) {
            return Ok(());
        }
        self.clear(mode::RESET_PENDING);
        let real = drain_error_queue(self.fd);
        if self.has(mode::NO_CONNRESET) || !real {
            Ok(())
        } else {
            Err(WsaError::WSAECONNRESET)
        }
    }

    /// What a datagram receive reports for an ICMP error the OS gave it: `Some(error)` to fail
    /// with, `None` to receive again (the program turned the report off, or Windows would not
    /// have reported it).
    pub(super) fn receive_icmp_error(&self, errno: i32) -> Option<WsaError> {
        let real = drain_error_queue(self.fd);
        self.clear(mode::RESET_PENDING);
        if !real {
            return None;
        }
        match errno {
            libc::ECONNREFUSED if self.has(mode::NO_CONNRESET) => None,
            libc::ECONNREFUSED => Some(WsaError::WSAECONNRESET),
            // Windows reports only port unreachable (and TTL expiry, which Linux reports as host
            // unreachable too, indistinguishably): the rest never fails a receive.
            _ => None,
        }
    }

    /// `SIO_UDP_CONNRESET`: whether a port-unreachable fails the next receive (default TRUE).
    pub fn set_udp_connreset(&self, on: bool) {
        if on {
            self.clear(mode::NO_CONNRESET);
        } else {
            self.set(mode::NO_CONNRESET);
        }
    }

    /// `SIO_UDP_NETRESET`: whether a TTL-expired report fails the next receive with
    /// `WSAENETRESET` (default TRUE). Kept; ws2mp cannot tell TTL expiry from other unreachable
    /// reports, and reports neither.
    pub fn set_udp_netreset(&self, on: bool) {
        if on {
            self.clear(mode::NO_NETRESET);
        } else {
            self.set(mode::NO_NETRESET);
        }
    }
}

/// Empties the socket's error queue (Linux), so it stops polling as readable. Returns whether
/// the errors are ones Windows reports too: a datagram to a port of this host that a socket
/// holds (one connected to another peer, which Linux does not deliver to) draws a port
/// unreachable on Linux, never on Windows. Without an error queue (macOS, or nothing queued)
/// the error counts.
fn drain_error_queue(fd: Fd) -> bool {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    {
        let mut byte = [0u8; 1];
        let mut seen = 0;
        let mut phantom = 0;
        for _ in 0..64 {
            let mut dest = SockAddr::empty();
            let mut iov = [libc::iovec {
                iov_base: byte.as_mut_ptr().cast(),
                iov_len: byte.len(),
            }];
            if sys::recv_msg(
                fd,
                &mut iov,
                libc::MSG_ERRQUEUE | libc::MSG_DONTWAIT,
                &mut dest,
            )
            .is_err()
            {
                break;
            }
            seen += 1;
            if port_held_here(&dest) {
                phantom += 1;
            }
        }
        seen == 0 || phantom < seen
    }
    #[cfg(not(any(target_os = "linux", target_os = "android")))]
    {
        let _ = fd;
        true
    }
}

/// Whether `dest` is an address of this host whose port a socket holds (a bind there fails).
#[cfg(any(target_os = "linux", target_os = "android"))]
fn port_held_here(dest: &SockAddr) -> bool {
    let Some(a) = dest.to_std() else {
        return false;
    };
    if a.port() == 0 || !crate::multicast::local::is_local(a.ip()) {
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
    let held = matches!(sys::bind(probe, dest), Err(libc::EADDRINUSE));
    sys::close(probe);
    held
}

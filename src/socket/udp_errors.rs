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
//! docs/PORTING.md). The OS side (the error queue) is crate::provider::native::udp_errors.

use super::*;
use crate::provider::native::udp_errors::{drain_error_queue, is_icmp_error};

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
        let real = drain_error_queue(self.fd());
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
        let real = drain_error_queue(self.fd());
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

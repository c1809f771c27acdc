//! Sending and receiving, with the re-enabling of FD_READ/FD_WRITE every call performs.

use super::*;

const FD_READ_OOB: u32 = (crate::winsock::FD_READ | crate::winsock::FD_OOB) as u32;

/// The OS flags of a call made with `wait` (a call that never waits adds `MSG_DONTWAIT`).
pub(super) fn os_flags(flags: i32, wait: Wait) -> i32 {
    match wait {
        Wait::AsSocket => flags,
        Wait::Never | Wait::Admitted => flags | libc::MSG_DONTWAIT,
    }
}

/// A destination given with the call must name a remote host: the unspecified address
/// (0.0.0.0, `::`) is `WSAEADDRNOTAVAIL`, as Windows documents for `sendto` and `WSASendTo`
/// (Linux and macOS would deliver the datagram to this host).
pub(crate) fn check_destination(to: Option<&SockAddr>) -> WsaResult<()> {
    match to {
        Some(a) if a.is_unspecified_host() => Err(WsaError::WSAEADDRNOTAVAIL),
        _ => Ok(()),
    }
}

impl Socket {
    /// Windows ignores the port of a raw socket's destination; Linux reads a raw IPv6 socket's as
    /// the protocol to send (`EINVAL` when it is not the socket's). A raw IPv6 destination with a
    /// port is sent to without it.
    fn raw_v6_destination(&self, to: Option<&SockAddr>) -> Option<SockAddr> {
        if self.socket_type != libc::SOCK_RAW {
            return None;
        }
        match to.and_then(SockAddr::to_std) {
            Some(std::net::SocketAddr::V6(mut a)) if a.port() != 0 => {
                a.set_port(0);
                Some(SockAddr::from_std(std::net::SocketAddr::V6(a)))
            }
            _ => None,
        }
    }

    /// Sends `buf` to the connected peer (the joined group), or to `to`.
    pub fn send(
        &self,
        bufs: sys::IoBufs<'_>,
        flags: i32,
        to: Option<&SockAddr>,
        wait: Wait,
    ) -> WsaResult<usize> {
        let flags = os_flags(flags, wait);
        let result = check_destination(to);
        let portless = self.raw_v6_destination(to);
        let to = portless
            .as_ref()
            .or(to)
            .or_else(|| self.default_destination());
        let result = result
            .and_then(|()| self.check_send_open(wait))
            .and_then(|()| {
                self.blocking(|| match &self.provider {
                    Provider::Rooted(r) => r.send(self, bufs, self.never_waits(wait)),
                    Provider::Native | Provider::Multicast(_) => {
                        let source = self.bound_source();
                        let datagram = !self.is_stream();
                        let sent = self.send_datagram(|| {
                            let sent = native::send(self.fd(), bufs, flags, to, source);
                            native::limited_broadcast_sent(
                                sent,
                                self.fd(),
                                datagram,
                                bufs,
                                flags,
                                to,
                            )
                        });
                        let sent = native::port_zero_sent(sent, datagram, bufs, to)
                            .map_err(|e| self.send_err(e, to.is_some(), wait));
                        self.queue_rest(sent, bufs, flags, wait)
                    }
                })
            });
        self.after_send_call(&result);
        result
    }

    /// Receives into `bufs`, the source into `from`. A datagram larger than the buffers fills
    /// them and is reported `truncated` (the caller fails with `WSAEMSGSIZE`).
    /// A filtered multicast socket never returns a datagram its filter drops.
    pub fn recv(
        &self,
        mut bufs: sys::IoBufsMut<'_>,
        flags: i32,
        from: &mut SockAddr,
        wait: Wait,
    ) -> WsaResult<sys::Received> {
        let asked = bufs.total_len() > 0;
        let flags = os_flags(flags, wait);
        let result = self.check_receive_open(wait).and_then(|()| {
            self.blocking(|| {
                if let Provider::Rooted(r) = &self.provider {
                    return r.recv(self, bufs.reborrow(), flags, from, self.never_waits(wait));
                }
                // Provider::Native | Provider::Multicast: the OS socket.
                let datagram = !self.is_stream();
                self.check_datagram_receive()?;
                self.receive_retrying(
                    || {
                        native::recv(
                            self.fd(),
                            datagram,
                            self.filter(),
                            bufs.reborrow(),
                            flags,
                            from,
                        )
                    },
                    |e| self.receive_err(e, wait),
                )
            })
        });
        if flags & libc::MSG_OOB != 0 && result.is_ok() {
            self.set(mode::OOB_TAKEN);
        }
        self.after_receive_call(result, |r| asked && r.len == 0)
    }

    /// Fast path for one buffer on a stream socket (no address, no truncation check).
    pub fn recv_stream(&self, buf: &mut [u8], flags: i32) -> WsaResult<usize> {
        let wait = Wait::AsSocket;
        let result = self.check_receive_open(wait).and_then(|()| {
            self.blocking(|| {
                native::recv_stream(self.fd(), buf, flags).map_err(|e| self.receive_err(e, wait))
            })
        });
        if flags & libc::MSG_OOB != 0 && result.is_ok() {
            self.set(mode::OOB_TAKEN);
        }
        let asked = !buf.is_empty();
        self.after_receive_call(result, |n| asked && *n == 0)
    }

    /// Whether an overlapped receive with these flags may be performed by the kernel itself
    /// ([`Socket::finish_kernel_receive`] then gives its result): a plain receive (no flags) on
    /// an OS stream socket, where the receive system call is all [`Socket::recv`] does.
    pub fn receives_in_kernel(&self, flags: i32) -> bool {
        flags == 0 && self.is_stream() && matches!(self.provider, Provider::Native)
    }

    /// The result of a receive the kernel performed by itself (bytes, or the errno), as
    /// [`Socket::recv`] with `wait` reports it (and with the same bookkeeping after the call).
    pub fn finish_kernel_receive(
        &self,
        result: Result<usize, i32>,
        wait: Wait,
    ) -> WsaResult<usize> {
        let result = match result {
            // The end of the stream after shutdown(SD_RECEIVE) is that shutdown.
            Ok(0) => self.check_receive_open(wait).map(|()| 0),
            Ok(n) => Ok(n),
            Err(e) => Err(self.receive_err(e, wait)),
        };
        self.after_receive_call(result, |n| *n == 0)
    }

    /// Before a receive on a datagram socket (nothing for a stream): Windows refuses
    /// (`WSAEINVAL`) to receive on one that has no address yet, and reports a pending
    /// `WSAECONNRESET` (an earlier datagram's port unreachable) first.
    pub(super) fn check_datagram_receive(&self) -> WsaResult<()> {
        if self.is_stream() {
            return Ok(());
        }
        if !self.has(mode::BOUND) {
            if !self.is_bound_now() {
                return Err(WsaError::WSAEINVAL);
            }
            self.set(mode::BOUND);
        }
        self.take_pending_reset()
    }

    /// Runs a receive system call again for every queued ICMP error Windows does not report
    /// (each one is taken); on a datagram socket an ICMP error Windows reports is returned as
    /// its error and `ENOTCONN` is `WSAEINVAL`; any other errno goes through `other`.
    pub(super) fn receive_retrying<T>(
        &self,
        mut call: impl FnMut() -> sys::SysResult<T>,
        other: impl FnOnce(i32) -> WsaError,
    ) -> WsaResult<T> {
        let datagram = !self.is_stream();
        loop {
            return match call() {
                Ok(v) => Ok(v),
                Err(e) if datagram && native::udp_errors::is_icmp_error(e) => {
                    match self.receive_icmp_error(e) {
                        Some(err) => Err(err),
                        None => continue,
                    }
                }
                Err(libc::ENOTCONN) if datagram => Err(WsaError::WSAEINVAL),
                Err(e) => Err(other(e)),
            };
        }
    }

    /// What every receive call does afterwards: re-enables FD_READ/FD_OOB, remembers a
    /// connection failure, and when a stream receive found the end of the stream (`at_end`)
    /// while the event machinery had taken a connection error from the OS (a reset), reports
    /// that error instead.
    pub(super) fn after_receive_call<T>(
        &self,
        result: WsaResult<T>,
        at_end: impl Fn(&T) -> bool,
    ) -> WsaResult<T> {
        self.with_selection(|ev, f| ev.after_receive(f));
        self.reenable_unselected(FD_READ_OOB);
        let result = match result {
            Ok(r) if self.is_stream() && at_end(&r) => {
                let mut ev = self.events.lock();
                match ev.take_consumed_error() {
                    Some(e) => Err(sys_err(e)),
                    // A connection whose reset was reported already: the OS now reports the
                    // end of the stream, Windows the reset again.
                    None => match ev.failure() {
                        Some(code) => Err(WsaError(code)),
                        None => match self.reset_after_end() {
                            Some(e) => Err(e),
                            None => Ok(r),
                        },
                    },
                }
            }
            other => other,
        };
        self.note_failure(&result);
        result
    }

    /// The end of the stream reached, the OS holds an error the peer's reset left after its
    /// FIN: data sent to a peer that had closed drew a reset. Linux reports the end of the
    /// stream first (and EPIPE in `SO_ERROR`); Windows fails the receive with
    /// `WSAECONNABORTED` (Wine's shutdown tests observe it), and every later one too (the
    /// failure is remembered). Any other pending error is reported as the OS names it.
    fn reset_after_end(&self) -> Option<WsaError> {
        if !matches!(self.provider, Provider::Native) {
            return None;
        }
        match sys::getsockopt::<libc::c_int>(self.fd(), libc::SOL_SOCKET, libc::SO_ERROR) {
            Ok(0) | Err(_) => None,
            Ok(libc::EPIPE) => Some(WsaError::WSAECONNABORTED),
            Ok(e) => Some(sys_err(e)),
        }
    }

    /// The Winsock error for a failed receive: EPIPE (the BSDs report the reset that came
    /// after the peer's FIN so, where Linux keeps it behind the end of the stream: see
    /// [`Socket::reset_after_end`]) is `WSAECONNABORTED`.
    fn receive_err(&self, errno: i32, wait: Wait) -> WsaError {
        if errno == libc::EPIPE && self.is_stream() {
            WsaError::WSAECONNABORTED
        } else {
            self.io_err(errno, wait)
        }
    }

    /// What every send call does afterwards: re-enables FD_WRITE (arming it after
    /// WSAEWOULDBLOCK) and remembers a connection failure.
    pub(super) fn after_send_call(&self, result: &WsaResult<usize>) {
        self.with_selection(|ev, f| {
            ev.after_send(f, matches!(result, Err(WsaError::WSAEWOULDBLOCK)))
        });
        self.note_failure(result);
    }

    /// The Winsock error for a failed send: an unconnected datagram socket sending without an
    /// address is WSAENOTCONN.
    pub(super) fn send_err(&self, errno: i32, addressed: bool, wait: Wait) -> WsaError {
        match errno {
            libc::ENOTCONN | libc::EDESTADDRREQ if !self.is_stream() && !addressed => {
                WsaError::WSAENOTCONN
            }
            other => self.io_err(other, wait),
        }
    }

    /// Re-enables FD_READ/FD_OOB after a receive call that failed before reaching the OS (bad
    /// buffer, flags or pointers): any receive call re-enables, even a failed one.
    pub fn receive_refused(&self) {
        self.with_selection(|ev, f| ev.after_receive(f));
        self.reenable_unselected(FD_READ_OOB);
    }

    /// One buffer to the connected peer: a plain `send` for native sockets; sockets with a
    /// default destination (a joined group), a bound source address or a rooted provider go
    /// through `send`.
    pub fn send_one(&self, buf: &[u8], flags: i32) -> WsaResult<usize> {
        if !self.provider.is_plain() {
            let mut iov = sys::iov_storage();
            return self.send(
                sys::IoBufs::single(&mut iov, buf),
                flags,
                None,
                Wait::AsSocket,
            );
        }
        let result = self.check_send_open(Wait::AsSocket).and_then(|()| {
            self.blocking(|| {
                let sent = self
                    .send_datagram(|| native::send_one(self.fd(), buf, flags))
                    .map_err(|e| self.send_err(e, false, Wait::AsSocket));
                match sent {
                    Ok(n) if n < buf.len() => {
                        let mut iov = sys::iov_storage();
                        let bufs = sys::IoBufs::single(&mut iov, buf);
                        self.queue_rest(Ok(n), bufs, flags, Wait::AsSocket)
                    }
                    other => other,
                }
            })
        });
        self.after_send_call(&result);
        result
    }

    /// Whether a receive or send on this stream socket reported a connection failure (reset).
    pub fn saw_connection_failure(&self) -> bool {
        self.events.lock().is_broken()
    }

    /// Remembers a connection failure that a receive or send took from the OS, so that the
    /// FD_CLOSE the event machinery finds later still carries an error.
    fn note_failure<T>(&self, result: &WsaResult<T>) {
        if !self.is_stream() {
            return;
        }
        if let Err(
            e @ (WsaError::WSAECONNRESET | WsaError::WSAECONNABORTED | WsaError::WSAENETRESET),
        ) = result
        {
            self.events.lock().note_failure(e.0);
        }
    }
}

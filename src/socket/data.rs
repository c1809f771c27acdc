//! Sending and receiving, with the re-enabling of FD_READ/FD_WRITE every call performs.

use super::*;

const FD_READ_OOB: u32 = (crate::winsock::FD_READ | crate::winsock::FD_OOB) as u32;

impl Socket {
    /// Sends `buf` to the connected peer (the joined group), or to `to`.
    pub fn send(
        &self,
        bufs: &[libc::iovec],
        flags: i32,
        to: Option<&SockAddr>,
    ) -> WsaResult<usize> {
        let to = to.or_else(|| self.default_destination());
        let result = self.check_send_open().and_then(|()| {
            self.blocking(|| {
                if let Some(r) = &self.rooted {
                    return r.send(self, bufs);
                }
                let source = self.bound_source();
                match self.send_datagram(|| match source {
                    Some((src, index)) => sys::send_msg_from(self.fd, bufs, flags, to, src, index),
                    None => sys::send_msg(self.fd, bufs, flags, to),
                }) {
                    // Windows sends a datagram to port 0 (nobody receives it); Linux refuses.
                    Err(libc::EINVAL)
                        if !self.is_stream()
                            && to.and_then(SockAddr::to_std).is_some_and(|a| a.port() == 0) =>
                    {
                        Ok(bufs.iter().map(|b| b.iov_len).sum())
                    }
                    other => other,
                }
                .map_err(|e| self.send_err(e, to.is_some()))
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
        bufs: &mut [libc::iovec],
        flags: i32,
        from: &mut SockAddr,
    ) -> WsaResult<sys::Received> {
        let result = self.check_receive_open().and_then(|()| {
            self.blocking(|| {
                if let Some(r) = &self.rooted {
                    return r.recv(self, bufs, flags, from);
                }
                let datagram = !self.is_stream();
                if datagram {
                    // Windows refuses to receive on a datagram socket that has no address yet.
                    if !self.has(mode::BOUND) {
                        if !self.is_bound_now() {
                            return Err(WsaError::WSAEINVAL);
                        }
                        self.set(mode::BOUND);
                    }
                    self.take_pending_reset()?;
                }
                loop {
                    let r = match self.filter() {
                        Some(m) => filter::recv(self.fd, m, bufs, flags, from),
                        None if datagram => sys::recv_datagram(self.fd, bufs, flags, from),
                        None => sys::recv_msg(self.fd, bufs, flags, from),
                    };
                    return match r {
                        Ok(v) => Ok(v),
                        Err(e) if datagram && udp_errors::is_icmp_error(e) => {
                            match self.receive_icmp_error(e) {
                                Some(err) => Err(err),
                                None => continue,
                            }
                        }
                        Err(libc::ENOTCONN) if datagram => Err(WsaError::WSAEINVAL),
                        Err(e) => Err(self.io_err(e)),
                    };
                }
            })
        });
        if flags & libc::MSG_OOB != 0 && result.is_ok() {
            self.set(mode::OOB_TAKEN);
        }
        let asked = bufs.iter().any(|b| b.iov_len > 0);
        self.after_receive_call(result, |r| asked && r.len == 0)
    }

    /// Fast path for one buffer on a stream socket (no address, no truncation check).
    pub fn recv_stream(&self, buf: &mut [u8], flags: i32) -> WsaResult<usize> {
        let result = self.check_receive_open().and_then(|()| {
            self.blocking(|| sys::recv(self.fd, buf, flags).map_err(|e| self.io_err(e)))
        });
        if flags & libc::MSG_OOB != 0 && result.is_ok() {
            self.set(mode::OOB_TAKEN);
        }
        let asked = !buf.is_empty();
        self.after_receive_call(result, |n| asked && *n == 0)
    }

    /// What every receive call does afterwards: re-enables FD_READ/FD_OOB, remembers a
    /// connection failure, and when a stream receive found the end of the stream (`at_end`)
    /// while the event machinery had taken a connection error from the OS (a reset), reports
    /// that error instead.
    fn after_receive_call<T>(
        &self,
        result: WsaResult<T>,
        at_end: impl Fn(&T) -> bool,
    ) -> WsaResult<T> {
        self.with_selection(|ev, f| ev.after_receive(f));
        self.reenable_unselected(FD_READ_OOB);
        self.note_failure(&result);
        match result {
            Ok(r) if self.is_stream() && at_end(&r) => {
                match self.events.lock().take_consumed_error() {
                    Some(e) => Err(sys_err(e)),
                    None => Ok(r),
                }
            }
            other => other,
        }
    }

    /// What every send call does afterwards: re-enables FD_WRITE (arming it after
    /// WSAEWOULDBLOCK) and remembers a connection failure.
    fn after_send_call(&self, result: &WsaResult<usize>) {
        self.with_selection(|ev, f| {
            ev.after_send(f, matches!(result, Err(WsaError::WSAEWOULDBLOCK)))
        });
        self.note_failure(result);
    }

    /// The Winsock error for a failed send: an unconnected datagram socket sending without an
    /// address is WSAENOTCONN.
    fn send_err(&self, errno: i32, addressed: bool) -> WsaError {
        match errno {
            libc::ENOTCONN | libc::EDESTADDRREQ if !self.is_stream() && !addressed => {
                WsaError::WSAENOTCONN
            }
            other => self.io_err(other),
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
        if self.rooted.is_some() || self.has(mode::JOINED | mode::FILTERED) {
            let iov = [libc::iovec {
                iov_base: buf.as_ptr() as *mut libc::c_void,
                iov_len: buf.len(),
            }];
            return self.send(&iov, flags, None);
        }
        let result = self.check_send_open().and_then(|()| {
            self.blocking(|| {
                self.send_datagram(|| sys::send(self.fd, buf, flags))
                    .map_err(|e| self.send_err(e, false))
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
        if self.is_stream()
            && matches!(
                result,
                Err(WsaError::WSAECONNRESET | WsaError::WSAECONNABORTED | WsaError::WSAENETRESET)
            )
        {
            self.events.lock().note_failure();
        }
    }
}

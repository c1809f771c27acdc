//! Sending and receiving, with the re-enabling of FD_READ/FD_WRITE every call performs.

use super::*;

impl Socket {
    /// Sends `buf` to the connected peer (the joined group), or to `to`.
    pub fn send(
        &self,
        bufs: &[libc::iovec],
        flags: i32,
        to: Option<&SockAddr>,
    ) -> WsaResult<usize> {
        let to = to.or_else(|| self.default_destination());
        let result = self.blocking(|| {
            if let Some(r) = &self.rooted {
                return r.send(self, bufs);
            }
            match self.bound_source() {
                Some((src, index)) => sys::send_msg_from(self.fd, bufs, flags, to, src, index),
                None => sys::send_msg(self.fd, bufs, flags, to),
            }
            .map_err(|e| match e {
                libc::ENOTCONN | libc::EDESTADDRREQ if !self.is_stream() && to.is_none() => {
                    WsaError::WSAENOTCONN
                }
                other => self.io_err(other),
            })
        });
        self.with_selection(|ev, f| {
            ev.after_send(f, matches!(result, Err(WsaError::WSAEWOULDBLOCK)))
        });
        self.note_failure(&result);
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
        let result = self.blocking(|| {
            if let Some(r) = &self.rooted {
                return r.recv(self, bufs, flags, from);
            }
            match self.filter() {
                Some(m) => filter::recv(self.fd, m, bufs, flags, from),
                None => sys::recv_msg(self.fd, bufs, flags, from),
            }
            .map_err(|e| match e {
                libc::ENOTCONN if !self.is_stream() => WsaError::WSAEINVAL,
                other => self.io_err(other),
            })
        });
        self.with_selection(|ev, f| ev.after_receive(f));
        self.note_failure(&result);
        match result {
            Ok(r) if r.len == 0 && self.is_stream() && bufs.iter().any(|b| b.iov_len > 0) => {
                self.end_of_stream().map(|()| r)
            }
            other => other,
        }
    }

    /// Fast path for one buffer on a stream socket (no address, no truncation check).
    pub fn recv_stream(&self, buf: &mut [u8], flags: i32) -> WsaResult<usize> {
        let result = self.blocking(|| sys::recv(self.fd, buf, flags).map_err(|e| self.io_err(e)));
        self.with_selection(|ev, f| ev.after_receive(f));
        self.note_failure(&result);
        match result {
            Ok(0) if !buf.is_empty() => self.end_of_stream().map(|()| 0),
            other => other,
        }
    }

    /// A stream receive found the end of the stream: if the event machinery took a connection
    /// error from the OS while looking at the socket (a reset), the receive reports it instead.
    fn end_of_stream(&self) -> WsaResult<()> {
        match self.events.lock().take_consumed_error() {
            Some(e) => Err(sys_err(e)),
            None => Ok(()),
        }
    }

    /// Re-enables FD_READ/FD_OOB after a receive call that failed before reaching the OS (bad
    /// buffer, flags or pointers): any receive call re-enables, even a failed one.
    pub fn receive_refused(&self) {
        self.with_selection(|ev, f| ev.after_receive(f));
    }

    /// Fast path for one buffer to the connected peer (or the joined group).
    pub fn send_one(&self, buf: &[u8], flags: i32) -> WsaResult<usize> {
        if self.rooted.is_some() {
            let iov = [libc::iovec {
                iov_base: buf.as_ptr() as *mut libc::c_void,
                iov_len: buf.len(),
            }];
            return self.send(&iov, flags, None);
        }
        let result = self.blocking(|| {
            match (self.default_destination(), self.bound_source()) {
                (to, Some((src, index))) => {
                    let iov = [libc::iovec {
                        iov_base: buf.as_ptr() as *mut libc::c_void,
                        iov_len: buf.len(),
                    }];
                    sys::send_msg_from(self.fd, &iov, flags, to, src, index)
                }
                (Some(group), None) => sys::send_to(self.fd, buf, flags, group),
                (None, None) => sys::send(self.fd, buf, flags),
            }
            .map_err(|e| match e {
                libc::ENOTCONN | libc::EDESTADDRREQ if !self.is_stream() => WsaError::WSAENOTCONN,
                other => self.io_err(other),
            })
        });
        self.with_selection(|ev, f| {
            ev.after_send(f, matches!(result, Err(WsaError::WSAEWOULDBLOCK)))
        });
        self.note_failure(&result);
        result
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

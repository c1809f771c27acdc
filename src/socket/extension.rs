//! What the Microsoft extension functions (`crate::extension`) need from a socket's own state:
//! receives and sends with control messages (with the same event re-enabling and error rules as
//! the plain calls), and giving a SOCKET value a new OS socket (`AcceptEx`'s accept socket
//! becomes the accepted connection; `DisconnectEx(TF_REUSE_SOCKET)` makes it a fresh socket).

use super::*;
use crate::sys::msg::{self as sysmsg, Control, ReceivedMsg};

use super::data::os_flags;

impl Socket {
    /// As `io_err`, but a call that never waits reports `WSAEWOULDBLOCK` for EAGAIN whatever
    /// the connection's state.
    fn extension_err(&self, errno: i32, wait: Wait) -> WsaError {
        if wait != Wait::AsSocket && (errno == libc::EAGAIN || errno == libc::EWOULDBLOCK) {
            WsaError::WSAEWOULDBLOCK
        } else {
            self.io_err(errno, wait)
        }
    }

    /// `WSARecvMsg`: receives into `bufs` with up to `room` bytes of control messages.
    pub(crate) fn recv_with_control(
        &self,
        mut bufs: sys::IoBufsMut<'_>,
        flags: i32,
        from: &mut SockAddr,
        room: usize,
        wait: Wait,
    ) -> WsaResult<ReceivedMsg> {
        let asked = bufs.total_len() > 0;
        let result = self.check_receive_open(wait).and_then(|()| {
            self.blocking(|| {
                if self.rooted().is_some() {
                    return Err(WsaError::WSAEOPNOTSUPP);
                }
                self.check_datagram_receive()?;
                self.receive_retrying(
                    || {
                        let flags = os_flags(flags, wait);
                        sysmsg::recv_with_control(self.fd(), bufs.reborrow(), flags, from, room)
                    },
                    |e| self.extension_err(e, wait),
                )
            })
        });
        self.after_receive_call(result, |r| asked && r.received.len == 0)
    }

    /// `WSASendMsg`: sends `bufs` to `to` (or the connected peer) with `controls`.
    pub(crate) fn send_with_control(
        &self,
        bufs: sys::IoBufs<'_>,
        flags: i32,
        to: Option<&SockAddr>,
        controls: &[Control],
        wait: Wait,
    ) -> WsaResult<usize> {
        let result = super::data::check_destination(to)
            .and_then(|()| self.check_send_open(wait))
            .and_then(|()| {
                self.blocking(|| {
                    if self.rooted().is_some() {
                        return Err(WsaError::WSAEOPNOTSUPP);
                    }
                    self.send_datagram(|| {
                        sysmsg::send_with_control(
                            self.fd(),
                            bufs,
                            os_flags(flags, wait),
                            to,
                            controls,
                        )
                    })
                    .map_err(|e| match e {
                        libc::ENOTCONN | libc::EDESTADDRREQ
                            if !self.is_stream() && to.is_none() =>
                        {
                            WsaError::WSAENOTCONN
                        }
                        other => self.extension_err(other, wait),
                    })
                })
            });
        self.after_send_call(&result);
        result
    }

    /// Sends all of `data` on a stream socket (`TransmitFile`, `TransmitPackets`): blocking as
    /// the socket's mode says with `Wait::AsSocket`; with `Wait::Never`, as much as the socket
    /// takes now (the count sent, or `WSAEWOULDBLOCK` when nothing could be).
    pub(crate) fn send_all(&self, data: &[u8], wait: Wait) -> WsaResult<usize> {
        let mut done = 0;
        while done < data.len() {
            let mut iov = sys::iov_storage();
            let bufs = sys::IoBufs::single(&mut iov, &data[done..]);
            match self.send_with_control(bufs, 0, None, &[], wait) {
                Ok(n) => done += n,
                Err(WsaError::WSAEWOULDBLOCK) if done > 0 => break,
                Err(WsaError::WSAEWOULDBLOCK) if wait == Wait::AsSocket => {
                    // A non-blocking socket: the transfer still completes, as Windows'
                    // TransmitFile does; wait for room.
                    sys::poll(
                        &mut [libc::pollfd {
                            fd: self.fd(),
                            events: libc::POLLOUT,
                            revents: 0,
                        }],
                        1000,
                    )
                    .map_err(sys_err)?;
                }
                Err(e) => return Err(e),
            }
        }
        Ok(done)
    }

    /// Whether the socket was ever bound, connected or made a listener: what `AcceptEx`
    /// refuses as an accept socket.
    pub(crate) fn is_used(&self) -> bool {
        self.has(mode::BOUND | mode::LISTENING | mode::CONNECTED | mode::CONNECTING)
            || self.is_bound_now()
    }

    /// A connect `ConnectEx` started finished: the socket is connected.
    pub(crate) fn connect_completed(&self) {
        self.clear(mode::CONNECTING | mode::CONNECT_FAILED);
        self.set(mode::CONNECTED | mode::BOUND);
    }

    /// Accepts one connection on this listening socket, without waiting, into `target`'s
    /// SOCKET value: `target` (the same object, so its completion port association and
    /// overlapped state stay) then is the accepted connection, keeping its catalog entry,
    /// flags and blocking mode. Re-enables FD_ACCEPT as any accept does. `WSAEWOULDBLOCK` when
    /// no connection waits.
    pub(crate) fn accept_into(&self, target: &Socket) -> WsaResult<SockAddr> {
        // A connection a condition function deferred (CF_DEFER) is taken first, as by accept.
        let (fd, peer) = match self.take_deferred() {
            Some(d) => d,
            None => {
                if !sys::poll_one(self.fd(), sys::interest::READ).intersects(sys::ready::READABLE) {
                    return Err(WsaError::WSAEWOULDBLOCK);
                }
                let cloexec = target.wsa_flags & wsa_flag::NO_HANDLE_INHERIT != 0;
                let accepted = sys::accept(self.fd(), cloexec);
                self.accept_refused();
                accepted.map_err(|e| match e {
                    libc::EAGAIN => WsaError::WSAEWOULDBLOCK,
                    other => sys_err(other),
                })?
            }
        };
        let inherited = self.mode() & mode::OOB_INLINE;
        target.take_over(
            fd,
            mode::CONNECTED | mode::BOUND | mode::ACCEPTED | inherited,
        )?;
        Ok(peer)
    }

    /// `DisconnectEx(TF_REUSE_SOCKET)`: this SOCKET value becomes a new, unbound socket of the
    /// same kind (the connection's socket is closed), ready for `AcceptEx` or `ConnectEx`.
    pub(crate) fn renew(&self) -> WsaResult<()> {
        let cloexec = self.wsa_flags & wsa_flag::NO_HANDLE_INHERIT != 0;
        let fd =
            sys::socket(self.family, self.socket_type, self.protocol, cloexec).map_err(sys_err)?;
        self.take_over(fd, Mode::empty())
    }

    /// Puts the open socket `fd` under this socket's descriptor number (closing `fd`'s own
    /// number and the socket the number named before): this object now stands for it, with
    /// `initial` mode bits plus its blocking mode; what it kept about the old socket (a
    /// peer's address, deferred connections) is dropped.
    pub(super) fn take_over(&self, fd: OwnedFd, initial: Mode) -> WsaResult<()> {
        if self.send_queued() {
            // Bytes a partial send left belong to the connection that ends here.
            self.drop_send_queue();
        }
        let cloexec = self.wsa_flags & wsa_flag::NO_HANDLE_INHERIT != 0;
        sysmsg::dup_onto(fd.as_raw_fd(), self.fd(), cloexec).map_err(sys_err)?;
        drop(fd);
        let kept = self.mode() & mode::NONBLOCKING;
        self.mode.store((kept | initial).bits(), Ordering::Release);
        // Deferred connections are closed.
        drop(self.extra.lock().take());
        sys::set_nonblocking(self.fd(), !kept.is_empty()).map_err(sys_err)
    }
}

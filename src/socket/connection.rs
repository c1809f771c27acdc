//! Binding, listening, connecting, accepting, shutting down: the connection calls.

use super::*;

impl Socket {
    /// Binds an unbound IPv4 or IPv6 socket to its family's wildcard address and a port the
    /// system picks, as the implicit bind of Windows' sends does (best effort: a failure
    /// leaves the socket unbound, and the caller's own error stands).
    pub fn bind_implicitly(&self) {
        use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr};
        if self.is_bound_now() {
            return;
        }
        let any = match self.family {
            libc::AF_INET => SocketAddr::from((Ipv4Addr::UNSPECIFIED, 0)),
            libc::AF_INET6 => SocketAddr::from((Ipv6Addr::UNSPECIFIED, 0)),
            _ => return,
        };
        let _ = self.bind(&SockAddr::from_std(any));
    }

    /// `bind`. An unknown address family is `WSAEAFNOSUPPORT`; an address of another family
    /// than the socket's is `WSAEFAULT`, as Windows' `bind` documents ("the first two bytes ...
    /// do not match the address family"); a second bind `WSAEINVAL`; 255.255.255.255
    /// `WSAEADDRNOTAVAIL`.
    pub fn bind(&self, addr: &SockAddr) -> WsaResult<()> {
        if !matches!(
            addr.family(),
            libc::AF_INET | libc::AF_INET6 | libc::AF_UNIX
        ) {
            return Err(WsaError::WSAEAFNOSUPPORT);
        }
        if addr.family() != self.family {
            return Err(WsaError::WSAEFAULT);
        }
        if let Provider::Rooted(r) = &self.provider {
            return r.bind(self, addr);
        }
        if self.has(mode::BOUND) {
            return Err(WsaError::WSAEINVAL);
        }
        // The limited broadcast address and group addresses are no addresses of this host:
        // Windows refuses them (Linux lets a datagram socket bind them; a receiver written for
        // Windows binds the wildcard address and joins).
        if addr.to_std().is_some_and(|a| {
            a.ip() == std::net::IpAddr::V4(std::net::Ipv4Addr::BROADCAST) || a.ip().is_multicast()
        }) {
            return Err(WsaError::WSAEADDRNOTAVAIL);
        }
        // Windows refuses an IPv6 scope id that names no interface of this host (Linux ignores
        // the scope id of a global or loopback address).
        if let Some(std::net::SocketAddr::V6(v6)) = addr.to_std() {
            let scope = v6.scope_id();
            if scope != 0
                && !sys::ifaces::interfaces()
                    .is_ok_and(|list| list.iter().any(|i| i.index == scope))
            {
                return Err(WsaError::WSAEADDRNOTAVAIL);
            }
        }
        if let Some(target) = multicast::emulated_bind_target(self, addr) {
            return multicast::bind_interface(self, target);
        }
        if let Some(scoped) = link_local_with_scope(addr)? {
            return self.bind_native(&scoped);
        }
        self.bind_native(addr)
    }

    /// Gives a UDP socket bound to one of the host's addresses an OS socket bound to the
    /// wildcard address with `port` instead ([`sys::move_to_wildcard`]), under the same
    /// descriptor, and registers it where the old one was. Returns false, changing nothing,
    /// while a call is blocked in the old socket or an overlapped operation is pending on it
    /// (they hold the old socket).
    pub(crate) fn move_to_wildcard(&self, port: u16) -> WsaResult<bool> {
        let mut ev = self.events.lock();
        if self.in_flight.load(Ordering::SeqCst) > 0 || super::overlapped_pending(self) {
            return Ok(false);
        }
        sys::move_to_wildcard(self.fd(), self.family, port).map_err(sys_err)?;
        if self.is_selected() {
            ev.register_again(&self.facts());
        }
        Ok(true)
    }

    /// Binds the OS socket to `addr` as it is.
    pub(crate) fn bind_native(&self, addr: &SockAddr) -> WsaResult<()> {
        sys::bind(self.fd(), addr).map_err(|e| match e {
            libc::EINVAL if self.has(mode::BOUND) => WsaError::WSAEINVAL,
            other => sys_err(other),
        })?;
        self.set(mode::BOUND);
        if !self.is_stream() {
            // A selected datagram socket can now send: FD_WRITE follows.
            self.with_selection(|ev, f| ev.arm_write(f));
        }
        Ok(())
    }

    pub fn listen(&self, backlog: i32) -> WsaResult<()> {
        if let Provider::Rooted(r) = &self.provider {
            return r.listen(self, backlog);
        }
        if !self.is_stream() {
            return Err(WsaError::WSAEOPNOTSUPP);
        }
        if self.has(mode::CONNECTED) {
            return Err(WsaError::WSAEISCONN);
        }
        if !self.has(mode::BOUND)
            && sys::getsockname(self.fd())
                .ok()
                .and_then(|a| a.to_std())
                .is_none_or(|a| a.port() == 0)
        {
            // Winsock requires bind before listen.
            return Err(WsaError::WSAEINVAL);
        }
        native::listen(self.fd(), backlog).map_err(sys_err)?;
        self.set(mode::LISTENING);
        self.with_selection(|ev, f| ev.after_accept(f));
        self.reenable_unselected(crate::winsock::FD_ACCEPT as u32);
        Ok(())
    }

    /// `connect`/`WSAConnect`. A non-blocking stream connect that is under way fails with
    /// `WSAEWOULDBLOCK` and completes through FD_CONNECT / writability; calling again gives
    /// `WSAEALREADY` while it is pending and `WSAEISCONN` once it succeeded. After a failed
    /// attempt, the next call starts a new one.
    /// One `connect` system call. Windows lets a datagram socket connect to a broadcast
    /// address without `SO_BROADCAST` (only `sendto` such an address needs it); Linux refuses
    /// with `EACCES`. The option is then turned on for the call and off again: the connected
    /// socket keeps its route, and a later `sendto` to a broadcast address is still refused.
    fn connect_once(&self, addr: &SockAddr) -> Result<(), i32> {
        match sys::connect(self.fd(), addr) {
            Err(libc::EACCES) if !self.is_stream() => {
                let on: i32 =
                    sys::getsockopt(self.fd(), libc::SOL_SOCKET, libc::SO_BROADCAST).unwrap_or(1);
                if on != 0 {
                    return Err(libc::EACCES);
                }
                sys::setsockopt(self.fd(), libc::SOL_SOCKET, libc::SO_BROADCAST, 1i32)?;
                let r = sys::connect(self.fd(), addr);
                let _ = sys::setsockopt(self.fd(), libc::SOL_SOCKET, libc::SO_BROADCAST, 0i32);
                r
            }
            r => r,
        }
    }

    pub fn connect(&self, addr: &SockAddr) -> WsaResult<()> {
        if matches!(self.provider, Provider::Rooted(_)) {
            // Joins are WSAJoinLeaf's (docs/PROTOCOL.md §7).
            return Err(WsaError::WSAEOPNOTSUPP);
        }
        if self.is_listening() {
            return Err(WsaError::WSAEINVAL);
        }
        if self.is_stream() {
            if self.has(mode::CONNECTING) {
                match self.connect_progress() {
                    // Windows: a `connect` while `ConnectEx` is under way is WSAEINVAL.
                    ConnectProgress::Pending if self.has(mode::CONNECT_EX) => {
                        return Err(WsaError::WSAEINVAL)
                    }
                    ConnectProgress::Pending => return Err(WsaError::WSAEALREADY),
                    ConnectProgress::Connected => return Err(WsaError::WSAEISCONN),
                    ConnectProgress::Failed => {}
                }
            }
            if self.has(mode::CONNECTED) {
                return Err(WsaError::WSAEISCONN);
            }
            if self.has(mode::CONNECT_FAILED) {
                // Linux keeps a failed attempt until a connect() call reports it (and macOS may
                // refuse a second attempt); dissolve it, so this call starts a new attempt as
                // Winsock's does.
                let _ = sys::take_socket_error(self.fd());
                let _ = sys::connect(self.fd(), &native::unspecified());
                self.clear(mode::CONNECT_FAILED);
            }
        }
        self.clear(mode::CONNECT_EX);
        let result = self.blocking(|| {
            self.connect_once(addr).map_err(|e| match e {
                libc::EINPROGRESS => WsaError::WSAEWOULDBLOCK,
                libc::EINTR => WsaError::WSAEWOULDBLOCK,
                libc::EALREADY => WsaError::WSAEALREADY,
                other => self.io_err(other, Wait::AsSocket),
            })
        });
        match result {
            Ok(()) => {
                self.clear(mode::DISCONNECTED);
                self.set(mode::CONNECTED | mode::BOUND);
                self.with_selection(|ev, f| ev.after_connect_call(f, true));
                Ok(())
            }
            Err(WsaError::WSAEWOULDBLOCK) => {
                // Windows names the peer while the connect is under way; the OS does not.
                self.extra.lock().get_or_insert_with(Default::default).peer = Some(addr.clone());
                self.set(mode::CONNECTING | mode::BOUND);
                self.with_selection(|ev, f| ev.after_connect_call(f, false));
                Err(WsaError::WSAEWOULDBLOCK)
            }
            Err(e) => {
                if self.is_stream()
                    && matches!(
                        e,
                        WsaError::WSAECONNREFUSED
                            | WsaError::WSAETIMEDOUT
                            | WsaError::WSAENETUNREACH
                            | WsaError::WSAEHOSTUNREACH
                            | WsaError::WSAECONNRESET
                    )
                {
                    // A failed attempt stays visible to select/WSAPoll until the next connect,
                    // as on Windows.
                    self.set(mode::CONNECT_FAILED);
                }
                Err(e)
            }
        }
    }

    /// `accept`/`WSAAccept`. `decide` is the condition function, given the caller's and the
    /// local address.
    pub fn accept(&self, mut decide: Option<Condition<'_>>) -> WsaResult<(Arc<Socket>, SockAddr)> {
        if let Provider::Rooted(r) = &self.provider {
            let result = r.accept(self, decide);
            if !matches!(result, Err(WsaError::WSATRY_AGAIN)) {
                self.with_selection(|ev, f| ev.after_accept(f));
                self.reenable_unselected(crate::winsock::FD_ACCEPT as u32);
                r.rearm_accept(self);
            }
            return result;
        }
        if !self.is_stream() {
            return Err(WsaError::WSAEOPNOTSUPP);
        }
        if !self.is_listening() {
            return Err(WsaError::WSAEINVAL);
        }
        let result = self.accept_inner(&mut decide);
        if !matches!(result, Err(WsaError::WSATRY_AGAIN)) {
            self.with_selection(|ev, f| ev.after_accept(f));
            self.reenable_unselected(crate::winsock::FD_ACCEPT as u32);
        }
        result
    }

    /// The connection a condition function deferred (CF_DEFER) last, if any: the next accept
    /// (or AcceptEx) takes it before any new one.
    pub(super) fn take_deferred(&self) -> Option<(OwnedFd, SockAddr)> {
        self.extra
            .lock()
            .as_mut()
            .and_then(|x| (!x.deferred.is_empty()).then(|| x.deferred.remove(0)))
    }

    fn accept_inner(
        &self,
        decide: &mut Option<Condition<'_>>,
    ) -> WsaResult<(Arc<Socket>, SockAddr)> {
        let cloexec = self.wsa_flags & wsa_flag::NO_HANDLE_INHERIT != 0;
        let (fd, peer) = match self.take_deferred() {
            Some(d) => d,
            None => self.blocking(|| {
                sys::accept(self.fd(), cloexec).map_err(|e| match e {
                    libc::EAGAIN => WsaError::WSAEWOULDBLOCK,
                    other => sys_err(other),
                })
            })?,
        };
        if let Some(decide) = decide.as_mut() {
            // A rejected connection is dropped (closed) on the way out.
            match native::admit(fd.as_raw_fd(), &peer, &mut **decide)? {
                native::Admitted::Accept => {}
                native::Admitted::Defer => {
                    self.extra
                        .lock()
                        .get_or_insert_with(Default::default)
                        .deferred
                        .insert(0, (fd, peer));
                    return Err(WsaError::WSATRY_AGAIN);
                }
            }
        }
        let socket = Socket::adopt(
            fd,
            self.family,
            self.socket_type,
            self.protocol,
            self.entry,
            self.wsa_flags,
            // SO_OOBINLINE is inherited by the accepted socket, like the other socket options.
            mode::CONNECTED | mode::BOUND | mode::ACCEPTED | (self.mode() & mode::OOB_INLINE),
            Provider::for_native(self.family, self.socket_type, self.protocol),
        )?;
        socket.inherit_selection_from(self)?;
        Ok((socket, peer))
    }

    /// Gives this (new) socket `parent`'s event selection, or at least its non-blocking mode:
    /// what accepted sockets and a c_root's new c_leaf sockets inherit.
    pub(crate) fn inherit_selection_from(&self, parent: &Socket) -> WsaResult<()> {
        let inherited = {
            let ev = parent.events.lock();
            ev.selection
                .as_ref()
                .map(|s| (s.event.clone(), s.mask, ev.by_message()))
        };
        if let Some((event, mask, by_message)) = inherited {
            self.event_select(Some(event), mask, by_message)?;
        } else if parent.is_nonblocking() {
            self.set_nonblocking(true)?;
        }
        Ok(())
    }

    /// Re-enables FD_ACCEPT after an accept call that failed before reaching the OS (bad
    /// address pointers): any accept call re-enables, even a failed one.
    pub fn accept_refused(&self) {
        if self.is_listening() {
            self.with_selection(|ev, f| ev.after_accept(f));
            self.reenable_unselected(crate::winsock::FD_ACCEPT as u32);
        }
    }

    /// Where a non-blocking connect (mode CONNECTING) stands; a finished one updates the mode.
    /// On an event-selected socket the outcome goes through the event state, which records
    /// FD_CONNECT; otherwise the error stays in SO_ERROR for the program to read.
    pub fn connect_progress(&self) -> ConnectProgress {
        if !self.has(mode::CONNECTING) {
            return if self.has(mode::CONNECTED) {
                ConnectProgress::Connected
            } else {
                ConnectProgress::Failed
            };
        }
        let bits = sys::poll_one(self.fd(), sys::interest::WRITE);
        if !bits.intersects(sys::ready::WRITABLE | sys::ready::HANGUP) {
            return ConnectProgress::Pending;
        }
        let event = if self.is_selected() {
            let ev = self.events.lock();
            ev.selection.as_ref().map(|s| s.event.clone())
        } else {
            None
        };
        match event {
            Some(event) => self.on_ready(&event, bits),
            None if sys::getpeername(self.fd()).is_ok() => {
                self.clear(mode::CONNECTING);
                self.set(mode::CONNECTED);
            }
            None if bits.intersects(sys::ready::HANGUP) => {
                self.clear(mode::CONNECTING);
                self.set(mode::CONNECT_FAILED);
            }
            None => {}
        }
        let m = self.mode();
        if m.contains(mode::CONNECTING) {
            ConnectProgress::Pending
        } else if m.contains(mode::CONNECTED) {
            ConnectProgress::Connected
        } else {
            ConnectProgress::Failed
        }
    }

    /// The last connection attempt failed (select reports it in the exception set).
    pub fn connect_failed(&self) -> bool {
        self.has(mode::CONNECT_FAILED)
    }

    /// A stream socket that is not listening and never started a connection: Windows reports
    /// no readiness at all for it (the OS reports it writable and hung up).
    pub fn is_idle_stream(&self) -> bool {
        self.is_stream()
            && !matches!(self.provider, Provider::Rooted(_))
            && !self
                .has(mode::LISTENING | mode::CONNECTED | mode::CONNECTING | mode::CONNECT_FAILED)
    }

    /// `closesocket` was called on this socket (by this or another thread).
    pub fn is_closed(&self) -> bool {
        self.has(mode::CLOSED)
    }

    /// Receiving was shut down (`SD_RECEIVE`, `SD_BOTH`).
    pub fn is_receive_shut(&self) -> bool {
        self.has(mode::SHUT_RECV)
    }

    /// SO_OOBINLINE is on.
    pub fn is_oob_inline(&self) -> bool {
        self.has(mode::OOB_INLINE)
    }

    /// Marks a wait on this socket that `closesocket` in another thread must interrupt (select,
    /// WSAPoll): the socket is shut down then, which wakes the wait.
    /// A socket closed before the guard counted itself (see `blocking`) is shut down here, so
    /// that the wait ends at once as it would have had `closesocket` seen it.
    pub fn wait_guard(&self) -> WaitGuard<'_> {
        self.in_flight.fetch_add(1, Ordering::SeqCst);
        let m = Mode::from_bits_retain(self.mode.load(Ordering::SeqCst));
        if m.contains(mode::CLOSED) && !m.contains(mode::FD_RELEASED) {
            let _ = sys::shutdown(self.fd(), libc::SHUT_RDWR);
        }
        WaitGuard(self)
    }

    /// A datagram socket disconnected with `connect` to the all-zero address.
    pub fn is_disconnected_datagram(&self) -> bool {
        self.has(mode::DISCONNECTED)
    }

    pub fn is_connecting(&self) -> bool {
        self.has(mode::CONNECTING)
    }

    /// Removes a datagram socket's default peer (`connect` to an all-zero address). The local
    /// address stays as it was, as on Windows: Linux drops a port the kernel chose (bind to
    /// port 0, or the implicit bind of connect) when a UDP socket disconnects, so it is bound
    /// again to the same address.
    pub fn disconnect_datagram(&self) -> WsaResult<()> {
        native::disconnect_datagram(self.fd()).map_err(sys_err)?;
        self.clear(mode::CONNECTED);
        self.set(mode::DISCONNECTED);
        Ok(())
    }

    /// `getsockname`: an unbound socket fails with `WSAEINVAL`, as on Windows.
    pub fn local_addr(&self) -> WsaResult<SockAddr> {
        if let Provider::Rooted(r) = &self.provider {
            return r.local_addr();
        }
        if let Some(a) = self.captured_addr() {
            return Ok(a);
        }
        native::local_addr(self.fd(), self.multicast_state().and_then(Multicast::bound))
    }

    /// Records that `ConnectEx` started the connect under way (called after `connect`): until
    /// it completes, the socket has no peer for `getpeername` (`WSAENOTCONN`, as on Windows,
    /// where only `connect` names the peer early).
    pub(crate) fn mark_connect_ex(&self) {
        self.set(mode::CONNECT_EX);
        if let Some(x) = self.extra.lock().as_mut() {
            x.peer = None;
        }
    }

    /// `getpeername`; a socket that joined a group with `WSAJoinLeaf` reports the group.
    pub fn peer_addr(&self) -> WsaResult<SockAddr> {
        if let Provider::Rooted(r) = &self.provider {
            return r.peer_addr();
        }
        if let Some(group) = self.default_destination() {
            return Ok(group.clone());
        }
        match sys::getpeername(self.fd()) {
            Ok(a) => Ok(a),
            // The peer of a connect under way, or of a connection shut down.
            Err(e) if self.has(mode::CONNECTING | mode::SHUT_SEND | mode::SHUT_RECV) => {
                match self.extra.lock().as_ref().and_then(|x| x.peer.clone()) {
                    Some(a) => Ok(a),
                    None => Err(sys_err(e)),
                }
            }
            Err(e) => Err(sys_err(e)),
        }
    }

    /// `shutdown`: `SD_RECEIVE` makes later receives fail with `WSAESHUTDOWN` (overlapped
    /// receives pending on an OS stream socket still receive: the OS's `SHUT_RD` waits for
    /// them), `SD_SEND` later sends, both as on Windows; a stream socket must be connected (a
    /// listening one is not).
    pub fn shutdown(&self, how: i32) -> WsaResult<()> {
        let how_native = match how {
            0 => libc::SHUT_RD,
            1 => libc::SHUT_WR,
            2 => libc::SHUT_RDWR,
            _ => return Err(WsaError::WSAEINVAL),
        };
        let bits = match how {
            0 => mode::SHUT_RECV,
            1 => mode::SHUT_SEND,
            _ => mode::SHUT_RECV | mode::SHUT_SEND,
        };
        if let Provider::Rooted(r) = &self.provider {
            r.shutdown(self, how)?;
            self.set(bits);
            return Ok(());
        }
        if self.is_stream()
            && (self.is_listening()
                || (!self.has(mode::CONNECTED)
                    && self.connect_progress() != ConnectProgress::Connected))
        {
            return Err(WsaError::WSAENOTCONN);
        }
        if self.is_stream() {
            if let Ok(peer) = sys::getpeername(self.fd()) {
                self.extra.lock().get_or_insert_with(Default::default).peer = Some(peer);
            }
        }
        // The bits first: a receive that the OS's shutdown wakes (a pending overlapped one,
        // tried by the engine on another thread) must find them set, or it would report the
        // end of the stream instead of WSAESHUTDOWN.
        let had = self.mode() & bits;
        // Overlapped receives pending now keep waiting for data, as on Windows: the OS's
        // SHUT_RD (which would end them) waits until they are done (`finish_held_shutdown`).
        // They are let through before the bits are set, so none of them is refused meanwhile.
        // RD_HELD first, so that receives finishing at once still find the shutdown to do.
        let candidate = how_native != libc::SHUT_WR
            && self.is_stream()
            && matches!(self.provider, Provider::Native)
            && !had.contains(mode::SHUT_RECV);
        if candidate {
            self.set(mode::RD_HELD);
        }
        let hold = candidate && super::hold_pending_receives(self);
        if candidate && !hold {
            self.clear(mode::RD_HELD);
        }
        self.set(bits);
        let how_native = if hold {
            if how_native == libc::SHUT_RD {
                return Ok(());
            }
            libc::SHUT_WR
        } else {
            how_native
        };
        // Bytes a partial send left are sent before the FIN (the flusher shuts down then).
        let how_native = match how_native {
            libc::SHUT_WR if self.defer_send_shutdown() => return Ok(()),
            libc::SHUT_RDWR if self.defer_send_shutdown() => libc::SHUT_RD,
            other => other,
        };
        match sys::shutdown(self.fd(), how_native) {
            Ok(()) => {}
            // Winsock allows shutdown on an unconnected datagram socket; the mode bits give it
            // Windows' effect.
            Err(libc::ENOTCONN) if !self.is_stream() => {}
            Err(e) => {
                self.clear(bits.difference(had));
                return Err(sys_err(e));
            }
        }
        Ok(())
    }

    /// The receives pending at `shutdown(SD_RECEIVE)` are done: the OS's own receive shutdown
    /// that waited for them happens now.
    pub fn finish_held_shutdown(&self) {
        if self.has(mode::RD_HELD) {
            self.clear(mode::RD_HELD);
            let _ = sys::shutdown(self.fd(), libc::SHUT_RD);
        }
    }

    /// Fails with `WSAESHUTDOWN` after `shutdown(SD_RECEIVE)`, unless the receive was pending
    /// then (`Wait::Admitted`).
    pub(super) fn check_receive_open(&self, wait: Wait) -> WsaResult<()> {
        if self.has(mode::SHUT_RECV) && wait != Wait::Admitted {
            Err(WsaError::WSAESHUTDOWN)
        } else {
            Ok(())
        }
    }

    /// One load of the mode for both: `SD_SEND` was called (`WSAESHUTDOWN`), or a partial
    /// send's rest is queued (the call waits for it or fails with `WSAEWOULDBLOCK`).
    #[inline]
    pub(super) fn check_send_open(&self, wait: Wait) -> WsaResult<()> {
        let m = self.mode();
        if !m.intersects(mode::SHUT_SEND | mode::SEND_QUEUED) {
            Ok(())
        } else if m.contains(mode::SHUT_SEND) {
            Err(WsaError::WSAESHUTDOWN)
        } else {
            self.wait_send_queue(wait)
        }
    }
}

/// A link-local IPv6 address given without a scope id (`sin6_scope_id` 0), as a program that
/// parsed `fe80::...` text passes it: Windows binds it on the interface that holds the address
/// (and `getsockname` then reports that interface's index), and refuses one no interface holds
/// with `WSAEADDRNOTAVAIL`; Linux refuses both with `EINVAL`. Returns the address with the
/// scope id of the interface holding it, or `None` when `addr` is not such an address (or the
/// interfaces cannot be read: the OS's answer stands then).
fn link_local_with_scope(addr: &SockAddr) -> WsaResult<Option<SockAddr>> {
    let Some(std::net::SocketAddr::V6(v6)) = addr.to_std() else {
        return Ok(None);
    };
    if v6.scope_id() != 0 || (v6.ip().segments()[0] & 0xffc0) != 0xfe80 {
        return Ok(None);
    }
    let Ok(list) = sys::ifaces::interfaces() else {
        return Ok(None);
    };
    let held = std::net::IpAddr::V6(*v6.ip());
    let index = list
        .iter()
        .find_map(|i| i.ips.iter().any(|ip| ip.addr == held).then_some(i.index))
        .ok_or(WsaError::WSAEADDRNOTAVAIL)?;
    let scoped = std::net::SocketAddrV6::new(*v6.ip(), v6.port(), v6.flowinfo(), index);
    Ok(Some(SockAddr::from_std(std::net::SocketAddr::V6(scoped))))
}

//! One Winsock socket: its fd, catalog entry, role flags, mode and event selection, and the
//! Winsock semantics of the calls on it (errors, blocking, re-enabling events).

use crate::addr::SockAddr;
use crate::catalog::{self, wsa_flag, Entry};
use crate::error::{WsaError, WsaResult};
use crate::event::object::EventObject;
use crate::event::selection::{ConnectOutcome, EventState, SocketFacts};
use crate::multicast::{self, filter, Multicast};
use crate::provider::rooted::{self, Member};
use crate::registry;
use crate::sys::{self, Fd};
use parking_lot::Mutex;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, OnceLock};

/// Bits of `Socket::mode`.
mod mode {
    pub(super) const NONBLOCKING: u32 = 1 << 0;
    pub(super) const SELECTED: u32 = 1 << 1;
    pub(super) const LISTENING: u32 = 1 << 2;
    pub(super) const CONNECTED: u32 = 1 << 3;
    pub(super) const CONNECTING: u32 = 1 << 4;
    pub(super) const SHUT_SEND: u32 = 1 << 5;
    pub(super) const CLOSED: u32 = 1 << 6;
    /// The fd number no longer belongs to this object (reused behind our back): never close it.
    pub(super) const FD_RELEASED: u32 = 1 << 7;
    pub(super) const BOUND: u32 = 1 << 8;
    /// A non-blocking connect failed; the OS must forget it before the next attempt.
    pub(super) const CONNECT_FAILED: u32 = 1 << 9;
    /// A datagram socket whose default peer was removed (`connect` to the all-zero address):
    /// `recv`/`send` fail with WSAENOTCONN until the next `connect`.
    pub(super) const DISCONNECTED: u32 = 1 << 10;
    /// SO_OOBINLINE is on: urgent data is normal data (FD_READ, never FD_OOB).
    pub(super) const OOB_INLINE: u32 = 1 << 11;
    /// Received datagrams go through the multicast receive filter (receive-side loopback off,
    /// or a bind to an interface address emulated).
    pub(super) const FILTERED: u32 = 1 << 12;
    /// `WSAJoinLeaf` gave the socket a default destination (the group).
    pub(super) const JOINED: u32 = 1 << 13;
    /// Connection-oriented for the event model (FD_CLOSE on end-of-file) although the type is
    /// not SOCK_STREAM: the rooted provider's c_leaf sockets.
    pub(super) const CONNECTION: u32 = 1 << 14;
}

/// Where a non-blocking stream connect stands.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ConnectProgress {
    Pending,
    Connected,
    Failed,
}

/// What a condition function decided about a pending connection.
pub enum Admission {
    Accept,
    Reject,
    Defer,
    /// The condition function returned something else: the connection is reset and the call
    /// fails with `WSAEINVAL`.
    Invalid,
}

/// What a condition function is shown about a pending connection, and its callee data.
pub struct Offer<'a> {
    pub caller: &'a SockAddr,
    pub callee: &'a SockAddr,
    /// The asking side's connect data (None: the protocol carries none).
    pub caller_data: Option<&'a [u8]>,
    /// Room for callee data (None: the protocol carries none). The function's answer is
    /// `callee_data[..callee_len]`.
    pub callee_data: Option<&'a mut [u8]>,
    pub callee_len: usize,
}

/// A condition function: sees the offer, decides.
pub type Condition<'a> = &'a mut dyn FnMut(&mut Offer<'_>) -> Admission;

/// State that few sockets need, kept out of line.
#[derive(Default)]
struct Extra {
    /// Connections a condition function deferred (`CF_DEFER`), offered again first.
    deferred: Vec<(Fd, SockAddr)>,
    /// Options Winsock keeps but that change nothing here (SO_CONDITIONAL_ACCEPT, ...).
    stored: Vec<(i32, i32)>,
}

pub struct Socket {
    fd: Fd,
    generation: u32,
    pub family: i32,
    pub socket_type: i32,
    pub protocol: i32,
    pub entry: Option<&'static Entry>,
    pub wsa_flags: u32,
    mode: AtomicU32,
    /// Calls currently blocked in the OS on this socket (closesocket wakes them).
    in_flight: AtomicU32,
    events: Mutex<EventState>,
    extra: Mutex<Option<Box<Extra>>>,
    /// Multicast state of a UDP socket, created on first use.
    mcast: OnceLock<Box<Multicast>>,
    /// The rooted provider's state for this socket (docs/PROTOCOL.md); None for native sockets.
    rooted: Option<Arc<Member>>,
}

static GENERATION: AtomicU32 = AtomicU32::new(1);

fn sys_err(errno: i32) -> WsaError {
    WsaError::from_errno(errno)
}

impl Socket {
    /// Creates a socket for a catalog entry (or a native triple outside the catalog) and
    /// registers it.
    pub fn open(
        family: i32,
        socket_type: i32,
        protocol: i32,
        entry: Option<&'static Entry>,
        wsa_flags: u32,
    ) -> WsaResult<Arc<Socket>> {
        if let Some(e) = entry.filter(|e| e.provider == catalog::Provider::Rooted) {
            return rooted::open(e, family, protocol, wsa_flags);
        }
        let cloexec = wsa_flags & wsa_flag::NO_HANDLE_INHERIT != 0;
        let fd = sys::socket(family, socket_type, protocol, cloexec).map_err(|e| match e {
            libc::EINVAL => WsaError::WSAESOCKTNOSUPPORT,
            other => sys_err(other),
        })?;
        multicast::prepare_new_socket(fd, family, socket_type, protocol);
        Self::adopt(fd, family, socket_type, protocol, entry, wsa_flags, 0, None)
    }

    /// Registers a socket of the rooted provider over the program's end of its pair.
    /// `connected`: a joined c_leaf (FD_CONNECT at selection, FD_WRITE armed); `connection`:
    /// a c_leaf (FD_CLOSE at end-of-file).
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn adopt_rooted(
        fd: Fd,
        entry: &'static Entry,
        family: i32,
        protocol: i32,
        wsa_flags: u32,
        member: Arc<Member>,
        connection: bool,
        connected: bool,
    ) -> WsaResult<Arc<Socket>> {
        let mut m = mode::BOUND;
        if connection {
            m |= mode::CONNECTION;
        }
        if connected {
            m |= mode::CONNECTED;
        }
        Self::adopt(
            fd,
            family,
            entry.socket_type,
            protocol,
            Some(entry),
            wsa_flags,
            m,
            Some(member),
        )
    }

    #[allow(clippy::too_many_arguments)]
    fn adopt(
        fd: Fd,
        family: i32,
        socket_type: i32,
        protocol: i32,
        entry: Option<&'static Entry>,
        wsa_flags: u32,
        initial_mode: u32,
        rooted: Option<Arc<Member>>,
    ) -> WsaResult<Arc<Socket>> {
        let socket = Arc::new(Socket {
            fd,
            generation: GENERATION.fetch_add(1, Ordering::Relaxed),
            family,
            socket_type,
            protocol,
            entry,
            wsa_flags,
            mode: AtomicU32::new(initial_mode),
            in_flight: AtomicU32::new(0),
            events: Mutex::new(EventState::default()),
            extra: Mutex::new(None),
            mcast: OnceLock::new(),
            rooted,
        });
        if !registry::insert(socket.clone()) {
            // Dropping the Arc closes the fd.
            return Err(WsaError::WSAEMFILE);
        }
        crate::log::debug(format_args!(
            "socket {fd}: family {family} type {socket_type} protocol {protocol} flags {wsa_flags:#x}"
        ));
        Ok(socket)
    }

    pub fn fd(&self) -> Fd {
        self.fd
    }

    /// The poller token: fd in the low half, generation in the high half, so a report for a
    /// reused fd number is recognised as stale.
    pub fn token(&self) -> u64 {
        (u64::from(self.generation) << 32) | u64::from(self.fd as u32)
    }

    pub fn generation(&self) -> u32 {
        self.generation
    }

    pub fn is_stream(&self) -> bool {
        self.socket_type == libc::SOCK_STREAM
    }

    /// The rooted provider's state, for its sockets.
    pub fn rooted(&self) -> Option<&Arc<Member>> {
        self.rooted.as_ref()
    }

    fn has(&self, bit: u32) -> bool {
        self.mode.load(Ordering::Acquire) & bit != 0
    }

    fn set(&self, bit: u32) {
        self.mode.fetch_or(bit, Ordering::AcqRel);
    }

    fn clear(&self, bit: u32) {
        self.mode.fetch_and(!bit, Ordering::AcqRel);
    }

    pub fn is_nonblocking(&self) -> bool {
        self.has(mode::NONBLOCKING)
    }

    pub fn is_listening(&self) -> bool {
        self.has(mode::LISTENING)
    }

    pub fn is_selected(&self) -> bool {
        self.has(mode::SELECTED)
    }

    pub fn is_connected(&self) -> bool {
        self.has(mode::CONNECTED)
    }

    /// Whether the socket has a local address (bound by `bind`, `connect`, or a send).
    pub fn is_bound_now(&self) -> bool {
        self.has(mode::BOUND)
            || sys::getsockname(self.fd)
                .ok()
                .and_then(|a| a.to_std())
                .is_some_and(|a| a.port() != 0)
    }

    // ---- multicast state (see crate::multicast) ---------------------------------------------

    /// The socket's multicast state, created on first use.
    pub fn multicast(&self) -> &Multicast {
        self.mcast.get_or_init(Default::default)
    }

    /// The socket's multicast state, if it has any.
    pub fn multicast_state(&self) -> Option<&Multicast> {
        self.mcast.get().map(|m| &**m)
    }

    /// Turns the multicast receive filter on or off.
    pub(crate) fn set_filtering(&self, on: bool) {
        if on {
            self.set(mode::FILTERED);
        } else {
            self.clear(mode::FILTERED);
        }
    }

    pub(crate) fn mark_joined(&self) {
        self.set(mode::JOINED);
    }

    /// The receive filter, when it is on.
    fn filter(&self) -> Option<&Multicast> {
        if self.has(mode::FILTERED) {
            self.multicast_state()
        } else {
            None
        }
    }

    /// Whether a receive would report something (for FD_READ, `select`, `FIONREAD`): for a
    /// filtered socket, drops the filtered datagrams at the head of the queue first. Sockets
    /// without the filter answer true (the caller's readiness stands).
    pub fn readable_after_filter(&self) -> bool {
        match self.filter() {
            Some(m) => filter::head_is_kept(self.fd, m),
            None => true,
        }
    }

    /// The source address and interface sends must carry: a bind to an interface address is
    /// emulated (such a socket always has the filter on, so plain sockets pay one bit test).
    fn bound_source(&self) -> Option<(std::net::IpAddr, u32)> {
        self.filter()
            .and_then(Multicast::bound)
            .map(|b| (b.ip, if b.scope_id != 0 { b.index } else { 0 }))
    }

    /// The default destination of a joined socket's sends.
    fn default_destination(&self) -> Option<&SockAddr> {
        if self.has(mode::JOINED) {
            self.multicast_state().and_then(Multicast::destination)
        } else {
            None
        }
    }

    /// Marks the fd as no longer ours (it was closed and reused behind our back).
    pub fn release_fd(&self) {
        self.set(mode::FD_RELEASED | mode::CLOSED);
    }

    fn facts(&self) -> SocketFacts {
        let m = self.mode.load(Ordering::Acquire);
        SocketFacts {
            fd: self.fd,
            token: self.token(),
            stream: self.is_stream() || m & mode::CONNECTION != 0,
            listening: m & mode::LISTENING != 0,
            connected: m & mode::CONNECTED != 0,
            connecting: m & mode::CONNECTING != 0,
            oob_inline: m & mode::OOB_INLINE != 0,
            close_code: self.rooted.as_ref().map_or(0, |r| r.close_code()),
        }
    }

    /// Runs `f` on the event state with the current facts, if the socket is selected.
    fn with_selection(&self, f: impl FnOnce(&mut EventState, &SocketFacts)) {
        if self.is_selected() {
            let mut ev = self.events.lock();
            let facts = self.facts();
            f(&mut ev, &facts);
        }
    }

    /// Runs a call that may block in the OS. If the socket is closed meanwhile by another
    /// thread, the call fails with `WSAEINTR`, as a Winsock blocking call interrupted by
    /// `closesocket` does.
    fn blocking<T>(&self, f: impl FnOnce() -> WsaResult<T>) -> WsaResult<T> {
        self.in_flight.fetch_add(1, Ordering::AcqRel);
        let r = f();
        self.in_flight.fetch_sub(1, Ordering::AcqRel);
        if self.has(mode::CLOSED) {
            return Err(WsaError::WSAEINTR);
        }
        r
    }

    /// Maps EAGAIN to WSAETIMEDOUT on a blocking socket (an SO_RCVTIMEO/SO_SNDTIMEO expiry)
    /// and to WSAENOTCONN on a stream socket whose connect is still under way, and EPIPE to what Winsock reports: `WSAESHUTDOWN` after a local `SD_SEND`, `WSAENOTCONN`
    /// on a stream socket that was never connected (Linux says EPIPE there), else
    /// `WSAECONNRESET`.
    fn io_err(&self, errno: i32) -> WsaError {
        let would_block = errno == libc::EAGAIN || errno == libc::EWOULDBLOCK;
        if would_block && !self.is_nonblocking() {
            WsaError::WSAETIMEDOUT
        } else if would_block
            && self.is_stream()
            && self.has(mode::CONNECTING)
            && matches!(self.connect_progress(), ConnectProgress::Pending)
        {
            WsaError::WSAENOTCONN
        } else if errno == libc::EPIPE && self.has(mode::SHUT_SEND) {
            WsaError::WSAESHUTDOWN
        } else if errno == libc::EPIPE
            && self.is_stream()
            && !self.has(mode::CONNECTED | mode::CONNECTING)
        {
            WsaError::WSAENOTCONN
        } else {
            sys_err(errno)
        }
    }

    // ---- lifecycle --------------------------------------------------------------------------

    /// `closesocket`: cancels the event selection, unregisters, wakes blocked calls. The fd is
    /// closed when the last reference goes (at once unless another thread is inside a call).
    pub fn close(self: &Arc<Self>) {
        self.set(mode::CLOSED);
        registry::remove(self);
        {
            let mut ev = self.events.lock();
            let facts = self.facts();
            ev.deselect(&facts);
        }
        self.clear(mode::SELECTED);
        if let Some(r) = &self.rooted {
            r.close(self);
        }
        if self.in_flight.load(Ordering::Acquire) > 0 {
            // Wakes threads blocked in recv/accept on this socket; they report WSAEINTR.
            let _ = sys::shutdown(self.fd, libc::SHUT_RDWR);
        }
        if let Some(extra) = self.extra.lock().take() {
            for (fd, _) in extra.deferred {
                sys::close(fd);
            }
        }
    }

    /// `bind`. An address of another family than the socket's is `WSAEFAULT`, as Windows'
    /// `bind` documents ("the first two bytes ... do not match the address family").
    pub fn bind(&self, addr: &SockAddr) -> WsaResult<()> {
        if addr.family() != self.family {
            return Err(WsaError::WSAEFAULT);
        }
        if let Some(r) = &self.rooted {
            return r.bind(self, addr);
        }
        if let Some(target) = multicast::emulated_bind_target(self, addr) {
            return multicast::bind_interface(self, target);
        }
        self.bind_native(addr)
    }

    /// Binds the OS socket to `addr` as it is.
    pub(crate) fn bind_native(&self, addr: &SockAddr) -> WsaResult<()> {
        sys::bind(self.fd, addr).map_err(|e| match e {
            libc::EINVAL if self.has(mode::BOUND) => WsaError::WSAEINVAL,
            other => sys_err(other),
        })?;
        self.set(mode::BOUND);
        Ok(())
    }

    pub fn listen(&self, backlog: i32) -> WsaResult<()> {
        if let Some(r) = &self.rooted {
            return r.listen(self, backlog);
        }
        if !self.is_stream() {
            return Err(WsaError::WSAEOPNOTSUPP);
        }
        if self.has(mode::CONNECTED) {
            return Err(WsaError::WSAEISCONN);
        }
        if !self.has(mode::BOUND)
            && sys::getsockname(self.fd)
                .ok()
                .and_then(|a| a.to_std())
                .is_none_or(|a| a.port() == 0)
        {
            // Winsock requires bind before listen.
            return Err(WsaError::WSAEINVAL);
        }
        let backlog = if backlog == 0x7fff_ffff {
            libc::SOMAXCONN
        } else {
            backlog.max(0)
        };
        sys::listen(self.fd, backlog).map_err(sys_err)?;
        self.set(mode::LISTENING);
        self.with_selection(|ev, f| ev.after_accept(f));
        Ok(())
    }

    /// `connect`/`WSAConnect`. A non-blocking stream connect that is under way fails with
    /// `WSAEWOULDBLOCK` and completes through FD_CONNECT / writability; calling again gives
    /// `WSAEALREADY` while it is pending and `WSAEISCONN` once it succeeded. After a failed
    /// attempt, the next call starts a new one.
    pub fn connect(&self, addr: &SockAddr) -> WsaResult<()> {
        if self.rooted.is_some() {
            // Joins are WSAJoinLeaf's (docs/PROTOCOL.md §7).
            return Err(WsaError::WSAEOPNOTSUPP);
        }
        if self.is_listening() {
            return Err(WsaError::WSAEINVAL);
        }
        if self.is_stream() {
            if self.has(mode::CONNECTING) {
                match self.connect_progress() {
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
                let _ = sys::take_socket_error(self.fd);
                let _ = sys::connect(self.fd, &unspecified());
                self.clear(mode::CONNECT_FAILED);
            }
        }
        let result = self.blocking(|| {
            sys::connect(self.fd, addr).map_err(|e| match e {
                libc::EINPROGRESS => WsaError::WSAEWOULDBLOCK,
                libc::EINTR => WsaError::WSAEWOULDBLOCK,
                libc::EALREADY => WsaError::WSAEALREADY,
                other => self.io_err(other),
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
                self.set(mode::CONNECTING | mode::BOUND);
                self.with_selection(|ev, f| ev.after_connect_call(f, false));
                Err(WsaError::WSAEWOULDBLOCK)
            }
            Err(e) => Err(e),
        }
    }

    /// `accept`/`WSAAccept`. `decide` is the condition function, given the caller's and the
    /// local address.
    pub fn accept(&self, mut decide: Option<Condition<'_>>) -> WsaResult<(Arc<Socket>, SockAddr)> {
        if let Some(r) = &self.rooted {
            let result = r.accept(self, decide);
            if !matches!(result, Err(WsaError::WSATRY_AGAIN)) {
                self.with_selection(|ev, f| ev.after_accept(f));
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
        }
        result
    }

    fn accept_inner(
        &self,
        decide: &mut Option<Condition<'_>>,
    ) -> WsaResult<(Arc<Socket>, SockAddr)> {
        let cloexec = self.wsa_flags & wsa_flag::NO_HANDLE_INHERIT != 0;
        let deferred = self
            .extra
            .lock()
            .as_mut()
            .and_then(|x| (!x.deferred.is_empty()).then(|| x.deferred.remove(0)));
        let (fd, peer) = match deferred {
            Some(d) => d,
            None => self.blocking(|| {
                sys::accept(self.fd, cloexec).map_err(|e| match e {
                    libc::EAGAIN => WsaError::WSAEWOULDBLOCK,
                    other => sys_err(other),
                })
            })?,
        };
        if let Some(decide) = decide.as_mut() {
            let local = sys::getsockname(fd).unwrap_or_else(|_| SockAddr::empty());
            let mut offer = Offer {
                caller: &peer,
                callee: &local,
                caller_data: None,
                callee_data: None,
                callee_len: 0,
            };
            match decide(&mut offer) {
                Admission::Accept => {}
                verdict @ (Admission::Reject | Admission::Invalid) => {
                    // Abortive close, so the caller sees a reset.
                    let _ = sys::setsockopt(
                        fd,
                        libc::SOL_SOCKET,
                        libc::SO_LINGER,
                        libc::linger {
                            l_onoff: 1,
                            l_linger: 0,
                        },
                    );
                    sys::close(fd);
                    return Err(match verdict {
                        Admission::Reject => WsaError::WSAECONNREFUSED,
                        _ => WsaError::WSAEINVAL,
                    });
                }
                Admission::Defer => {
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
            mode::CONNECTED | mode::BOUND | (self.mode.load(Ordering::Acquire) & mode::OOB_INLINE),
            None,
        )?;
        socket.inherit_selection_from(self)?;
        Ok((socket, peer))
    }

    /// Gives this (new) socket `parent`'s event selection, or at least its non-blocking mode:
    /// what accepted sockets and a c_root's new c_leaf sockets inherit.
    pub(crate) fn inherit_selection_from(&self, parent: &Socket) -> WsaResult<()> {
        let inherited = {
            let ev = parent.events.lock();
            ev.selection.as_ref().map(|s| (s.event.clone(), s.mask))
        };
        if let Some((event, mask)) = inherited {
            self.event_select(Some(event), mask)?;
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
        let bits = sys::poll_one(self.fd, sys::interest::WRITE);
        if bits & (sys::ready::WRITABLE | sys::ready::HANGUP) == 0 {
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
            None if sys::getpeername(self.fd).is_ok() => {
                self.clear(mode::CONNECTING);
                self.set(mode::CONNECTED);
            }
            None if bits & sys::ready::HANGUP != 0 => {
                self.clear(mode::CONNECTING);
                self.set(mode::CONNECT_FAILED);
            }
            None => {}
        }
        let m = self.mode.load(Ordering::Acquire);
        if m & mode::CONNECTING != 0 {
            ConnectProgress::Pending
        } else if m & mode::CONNECTED != 0 {
            ConnectProgress::Connected
        } else {
            ConnectProgress::Failed
        }
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
        let before = sys::getsockname(self.fd)
            .ok()
            .filter(|a| a.to_std().is_some_and(|a| a.port() != 0));
        match sys::connect(self.fd, &unspecified()) {
            Ok(()) | Err(libc::EAFNOSUPPORT) => {}
            Err(e) => return Err(sys_err(e)),
        }
        self.clear(mode::CONNECTED);
        self.set(mode::DISCONNECTED);
        if let Some(before) = before {
            let after = sys::getsockname(self.fd).ok().and_then(|a| a.to_std());
            if after != before.to_std() {
                if let Err(e) = sys::bind(self.fd, &before) {
                    crate::log::warn(format_args!(
                        "fd {}: could not keep local address {before:?} after disconnect: {}",
                        self.fd,
                        WsaError::from_errno(e)
                    ));
                }
            }
        }
        Ok(())
    }

    /// `getsockname`: an unbound socket fails with `WSAEINVAL`, as on Windows.
    pub fn local_addr(&self) -> WsaResult<SockAddr> {
        if let Some(r) = &self.rooted {
            return r.local_addr();
        }
        let addr = sys::getsockname(self.fd).map_err(sys_err)?;
        if let Some(bound) = self.multicast_state().and_then(Multicast::bound) {
            return Ok(multicast::reported_local_addr(bound, &addr));
        }
        if let Some(a) = addr.to_std() {
            if a.port() == 0 && a.ip().is_unspecified() {
                return Err(WsaError::WSAEINVAL);
            }
        }
        Ok(addr)
    }

    /// `getpeername`; a socket that joined a group with `WSAJoinLeaf` reports the group.
    pub fn peer_addr(&self) -> WsaResult<SockAddr> {
        if let Some(r) = &self.rooted {
            return r.peer_addr();
        }
        if let Some(group) = self.default_destination() {
            return Ok(group.clone());
        }
        sys::getpeername(self.fd).map_err(sys_err)
    }

    pub fn shutdown(&self, how: i32) -> WsaResult<()> {
        let how_native = match how {
            0 => libc::SHUT_RD,
            1 => libc::SHUT_WR,
            2 => libc::SHUT_RDWR,
            _ => return Err(WsaError::WSAEINVAL),
        };
        if let Some(r) = &self.rooted {
            r.shutdown(self, how)?;
            if how != 0 {
                self.set(mode::SHUT_SEND);
            }
            return Ok(());
        }
        match sys::shutdown(self.fd, how_native) {
            Ok(()) => {}
            // Winsock allows shutdown on an unconnected datagram socket.
            Err(libc::ENOTCONN) if !self.is_stream() => {}
            Err(e) => return Err(sys_err(e)),
        }
        if how != 0 {
            self.set(mode::SHUT_SEND);
        }
        Ok(())
    }

    // ---- data ------------------------------------------------------------------------------

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
        result
    }

    // ---- modes -----------------------------------------------------------------------------

    /// `FIONBIO`. Going back to blocking while event-selected fails with `WSAEINVAL`.
    pub fn set_nonblocking(&self, on: bool) -> WsaResult<()> {
        if !on && self.is_selected() {
            return Err(WsaError::WSAEINVAL);
        }
        sys::set_nonblocking(self.fd, on).map_err(sys_err)?;
        if on {
            self.set(mode::NONBLOCKING);
        } else {
            self.clear(mode::NONBLOCKING);
        }
        Ok(())
    }

    /// Keeps the value of an option that has no effect here, for `getsockopt`.
    pub fn store_option(&self, name: i32, value: i32) {
        let mut extra = self.extra.lock();
        let stored = &mut extra.get_or_insert_with(Default::default).stored;
        match stored.iter_mut().find(|(n, _)| *n == name) {
            Some(slot) => slot.1 = value,
            None => stored.push((name, value)),
        }
    }

    pub fn stored_option(&self, name: i32) -> i32 {
        let extra = self.extra.lock();
        extra
            .as_ref()
            .and_then(|x| x.stored.iter().find(|(n, _)| *n == name))
            .map_or(0, |(_, v)| *v)
    }

    /// Records that SO_OOBINLINE was set, which decides whether urgent data is FD_OOB.
    pub fn set_oob_inline(&self, on: bool) {
        if on {
            self.set(mode::OOB_INLINE);
        } else {
            self.clear(mode::OOB_INLINE);
        }
        self.with_selection(|ev, f| ev.refresh(f));
    }

    pub fn mark_bound(&self) {
        self.set(mode::BOUND);
    }

    // ---- events ----------------------------------------------------------------------------

    /// `WSAEventSelect`. `mask == 0` cancels. Either way the socket becomes non-blocking.
    pub fn event_select(&self, event: Option<Arc<EventObject>>, mask: u32) -> WsaResult<()> {
        sys::set_nonblocking(self.fd, true).map_err(sys_err)?;
        self.set(mode::NONBLOCKING);
        let mut ev = self.events.lock();
        let facts = self.facts();
        match event {
            Some(event) if mask != 0 => {
                ev.select(&facts, event, mask);
                self.set(mode::SELECTED);
            }
            _ => {
                ev.deselect(&facts);
                self.clear(mode::SELECTED);
            }
        }
        drop(ev);
        if let Some(r) = &self.rooted {
            // Conditions the provider records itself (pending joins: FD_ACCEPT).
            r.rearm_accept(self);
        }
        Ok(())
    }

    /// Applies a readiness report from `event`'s poller.
    pub fn on_ready(&self, event: &Arc<EventObject>, bits: u8) {
        let mut ev = self.events.lock();
        match &ev.selection {
            Some(sel) if Arc::ptr_eq(&sel.event, event) => {}
            _ => return,
        }
        let facts = self.facts();
        let mut bits = bits;
        if bits & sys::ready::READABLE != 0 && !self.readable_after_filter() {
            // Only datagrams the socket drops were queued: nothing to report.
            bits &= !sys::ready::READABLE;
        }
        match ev.on_ready(&facts, bits) {
            Some(ConnectOutcome::Succeeded) => {
                self.clear(mode::CONNECTING);
                self.set(mode::CONNECTED);
            }
            Some(ConnectOutcome::Failed) => {
                self.clear(mode::CONNECTING);
                self.set(mode::CONNECT_FAILED);
            }
            None => {}
        }
    }

    /// `WSAEnumNetworkEvents`: evaluates current conditions if nothing is recorded yet, then,
    /// under the socket's lock, resets `reset` and takes and clears the record. Resetting
    /// before taking means a network event recorded meanwhile (on this or another socket
    /// sharing the event) leaves the event signalled rather than lost.
    pub fn take_network_events(&self, reset: Option<&EventObject>, codes: &mut [i32; 10]) -> u32 {
        if self.is_selected() {
            let (event, want) = {
                let ev = self.events.lock();
                if ev.has_record() {
                    (None, 0)
                } else {
                    let facts = self.facts();
                    (
                        ev.selection.as_ref().map(|s| s.event.clone()),
                        ev.wanted_interest(&facts),
                    )
                }
            };
            if let Some(event) = event {
                if want != 0 {
                    let bits = sys::poll_one(self.fd, want);
                    if bits != 0 {
                        self.on_ready(&event, bits);
                    }
                }
            }
        }
        let mut ev = self.events.lock();
        if let Some(e) = reset {
            e.reset();
        }
        ev.take_record(codes)
    }

    /// Records FD_CONNECT (for joins that complete without a connect call).
    pub fn record_connect(&self, code: i32) {
        self.with_selection(|ev, f| ev.record_connect(f, code));
    }

    /// Records FD_ACCEPT (a join request or invitation the provider holds), if enabled.
    pub(crate) fn record_accept(&self) {
        self.with_selection(|ev, f| ev.record_accept(f));
    }

    /// A join started by this socket completed with `code` (0: success): records FD_CONNECT,
    /// and on success the socket is connected and FD_WRITE follows.
    pub(crate) fn join_completed(&self, code: i32) {
        if code == 0 {
            self.set(mode::CONNECTED);
            self.with_selection(|ev, f| {
                ev.record_connect(f, 0);
                ev.arm_write(f);
            });
        } else {
            self.record_connect(code);
        }
    }

    /// A c_leaf socket a root created for an invitation is now connected (FD_WRITE follows; its
    /// FD_CONNECT goes to the root socket).
    pub(crate) fn mark_connected(&self) {
        self.set(mode::CONNECTED);
        self.with_selection(|ev, f| ev.arm_write(f));
    }
}

impl Drop for Socket {
    fn drop(&mut self) {
        if self.mode.load(Ordering::Acquire) & mode::FD_RELEASED == 0 {
            sys::close(self.fd);
        }
        if let Some(extra) = self.extra.get_mut().take() {
            for (fd, _) in extra.deferred {
                sys::close(fd);
            }
        }
    }
}

/// An AF_UNSPEC address (all zeroes): `connect` to it dissolves an association.
fn unspecified() -> SockAddr {
    let mut unspec = SockAddr::empty();
    unspec.set_len(std::mem::size_of::<libc::sockaddr>() as _);
    unspec
}

/// Picks the catalog entry for a new socket, as `WSASocket` does.
pub fn choose_entry(
    family: i32,
    socket_type: i32,
    protocol: i32,
    info_catalog_id: Option<u32>,
) -> WsaResult<Option<&'static Entry>> {
    if let Some(id) = info_catalog_id {
        return catalog::by_id(id).map(Some).ok_or(WsaError::WSAEINVAL);
    }
    Ok(catalog::find(family, socket_type, protocol))
}

//! One Winsock socket: its fd, catalog entry, role flags, mode and event selection, and the
//! Winsock semantics of the calls on it (errors, blocking, re-enabling events).

mod connection;
mod data;
mod events;
mod udp_errors;

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
    /// `shutdown(SD_RECEIVE)` or `SD_BOTH`: receives fail with WSAESHUTDOWN.
    pub(super) const SHUT_RECV: u32 = 1 << 15;
    /// `SIO_UDP_CONNRESET` FALSE: a port-unreachable report never fails a receive.
    pub(super) const NO_CONNRESET: u32 = 1 << 16;
    /// A send took a port-unreachable report from the OS: the next receive fails once with
    /// WSAECONNRESET, as on Windows.
    pub(super) const RESET_PENDING: u32 = 1 << 17;
    /// `SIO_UDP_NETRESET` FALSE: a TTL-expired report never fails a receive.
    pub(super) const NO_NETRESET: u32 = 1 << 18;
    /// An urgent byte was read with MSG_OOB: Linux keeps it in the stream (skipped by later
    /// reads), so closing then would see unread data and reset the connection. The close
    /// skips it first, as Windows has nothing left to read.
    pub(super) const OOB_TAKEN: u32 = 1 << 19;
    /// Returned by `accept`: connected without a connect call, so never reports FD_CONNECT.
    pub(super) const ACCEPTED: u32 = 1 << 20;
    /// The event state remembers FD_READ/FD_OOB/FD_ACCEPT the program was told of: a receive
    /// or accept while the socket is not selected must make it forget them.
    pub(super) const CONSUMED: u32 = 1 << 21;
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

/// A wait on a socket in progress (see [`Socket::wait_guard`]); ends when dropped.
pub struct WaitGuard<'a>(&'a Socket);

impl Drop for WaitGuard<'_> {
    fn drop(&mut self) {
        self.0.in_flight.fetch_sub(1, Ordering::AcqRel);
    }
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
    /// The peer address, kept at `shutdown`: Windows still reports it after the connection
    /// is shut down, when the OS may have forgotten it.
    peer: Option<SockAddr>,
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
        if socket_type == libc::SOCK_DGRAM {
            udp_errors::enable(fd, family);
        }
        Self::adopt(fd, family, socket_type, protocol, entry, wsa_flags, 0, None)
    }

    /// `WSADuplicateSocket` for this process: a second descriptor for the same OS socket,
    /// made now (as Windows duplicates the handle at once) and adopted by `WSASocket` later.
    /// Rooted multipoint sockets keep their state in this process's provider and cannot be
    /// duplicated (`WSAEOPNOTSUPP`).
    pub fn duplicate_descriptor(&self) -> WsaResult<Fd> {
        if self.rooted.is_some() {
            return Err(WsaError::WSAEOPNOTSUPP);
        }
        sys::dup(self.fd, true).map_err(sys_err)
    }

    /// `WSASocket` from a `WSADuplicateSocket` record: registers the duplicated descriptor `fd`
    /// as a socket of its own, its mode taken from the OS (listening, connected, bound,
    /// non-blocking).
    pub fn adopt_duplicate(
        fd: Fd,
        family: i32,
        socket_type: i32,
        protocol: i32,
        entry: Option<&'static Entry>,
        wsa_flags: u32,
    ) -> WsaResult<Arc<Socket>> {
        if registry::get(fd).is_some() || !sys::is_socket(fd) {
            // Already adopted (a record is good for one WSASocket), or not ours any more.
            return Err(WsaError::WSAEINVAL);
        }
        let mut m = 0;
        if sys::getsockopt::<libc::c_int>(fd, libc::SOL_SOCKET, libc::SO_ACCEPTCONN)
            .is_ok_and(|v| v != 0)
        {
            m |= mode::LISTENING | mode::BOUND;
        } else if sys::getpeername(fd).is_ok() {
            m |= mode::CONNECTED | mode::BOUND;
        }
        if sys::getsockname(fd)
            .ok()
            .and_then(|a| a.to_std())
            .is_some_and(|a| a.port() != 0)
        {
            m |= mode::BOUND;
        }
        if sys::is_nonblocking(fd) {
            m |= mode::NONBLOCKING;
        }
        Self::adopt(fd, family, socket_type, protocol, entry, wsa_flags, m, None)
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
            accepted: m & mode::ACCEPTED != 0,
            native_stream: self.is_stream() && self.rooted.is_none() && m & mode::CONNECTION == 0,
            receive_shut: m & mode::SHUT_RECV != 0,
            close_code: self.rooted.as_ref().map_or(0, |r| r.close_code()),
        }
    }

    /// A re-enabling call (receive: FD_READ|FD_OOB, accept: FD_ACCEPT) on a socket that is not
    /// selected: the events the program was told of are forgotten, so that the next selection
    /// reports what still waits, as on Windows. (A selected socket forgets them in
    /// `after_receive`/`after_accept`.)
    fn reenable_unselected(&self, bits: u32) {
        if self.has(mode::CONSUMED) && !self.is_selected() {
            let mut ev = self.events.lock();
            if !ev.forget_consumed(bits) {
                self.clear(mode::CONSUMED);
            }
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
}

impl Drop for Socket {
    fn drop(&mut self) {
        let m = self.mode.load(Ordering::Acquire);
        if m & mode::FD_RELEASED == 0 {
            if m & (mode::OOB_TAKEN | mode::OOB_INLINE) == mode::OOB_TAKEN {
                sys::skip_taken_urgent_byte(self.fd);
            }
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

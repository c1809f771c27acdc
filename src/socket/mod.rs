//! One Winsock socket: its fd, catalog entry, role flags, mode and event selection, and the
//! Winsock semantics of the calls on it (errors, blocking, re-enabling events).

mod capture;
mod connection;
mod data;
mod events;
pub(crate) mod extension;
mod handoff;
mod host;
#[cfg(test)]
mod race;
pub(crate) mod registry;
mod send_queue;
pub(crate) mod siblings;
mod udp_errors;

use crate::addr::SockAddr;
use crate::catalog::{self, wsa_flag, Entry};
use crate::error::{WsaError, WsaResult};
use crate::event::driver::EventState;
use crate::event::object::EventObject;
use crate::event::selection::{ConnectOutcome, SocketFacts};
use crate::provider::multicast::{self, filter, Multicast};
use crate::provider::native;
use crate::provider::rooted::{self, Member};
pub(crate) use crate::provider::{Admission, Condition, Offer};
use crate::provider::{Adopt, Host, IoctlRequest, JoinRequest, Provider};
use crate::sys::{self, Fd, OwnedFd};
use parking_lot::Mutex;
use std::os::fd::AsRawFd;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;

bitflags::bitflags! {
    /// Bits of `Socket::mode`.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    struct Mode: u32 {
        const NONBLOCKING = 1 << 0;
        const SELECTED = 1 << 1;
        const LISTENING = 1 << 2;
        const CONNECTED = 1 << 3;
        const CONNECTING = 1 << 4;
        const SHUT_SEND = 1 << 5;
        const CLOSED = 1 << 6;
        /// The fd number no longer belongs to this object (reused behind our back): never close
        /// it (the descriptor is released when the socket is dropped).
        const FD_RELEASED = 1 << 7;
        const BOUND = 1 << 8;
        /// A non-blocking connect failed; the OS must forget it before the next attempt.
        const CONNECT_FAILED = 1 << 9;
        /// A datagram socket whose default peer was removed (`connect` to the all-zero address):
        /// `recv`/`send` fail with WSAENOTCONN until the next `connect`.
        const DISCONNECTED = 1 << 10;
        /// SO_OOBINLINE is on: urgent data is normal data (FD_READ, never FD_OOB).
        const OOB_INLINE = 1 << 11;
        /// Connection-oriented for the event model (FD_CLOSE on end-of-file) although the type is
        /// not SOCK_STREAM: the rooted provider's c_leaf sockets.
        const CONNECTION = 1 << 14;
        /// `shutdown(SD_RECEIVE)` or `SD_BOTH`: receives fail with WSAESHUTDOWN.
        const SHUT_RECV = 1 << 15;
        /// `SIO_UDP_CONNRESET` FALSE: a port-unreachable report never fails a receive.
        const NO_CONNRESET = 1 << 16;
        /// A send took a port-unreachable report from the OS: the next receive fails once with
        /// WSAECONNRESET, as on Windows.
        const RESET_PENDING = 1 << 17;
        /// `SIO_UDP_NETRESET` FALSE: a TTL-expired report never fails a receive.
        const NO_NETRESET = 1 << 18;
        /// An urgent byte was read with MSG_OOB: Linux keeps it in the stream (skipped by later
        /// reads), so closing then would see unread data and reset the connection. The close
        /// skips it first, as Windows has nothing left to read.
        const OOB_TAKEN = 1 << 19;
        /// Returned by `accept`: connected without a connect call, so never reports FD_CONNECT.
        const ACCEPTED = 1 << 20;
        /// The event state remembers FD_READ/FD_OOB/FD_ACCEPT the program was told of: a receive
        /// or accept while the socket is not selected must make it forget them.
        const CONSUMED = 1 << 21;
        /// `shutdown(SD_RECEIVE)` found overlapped receives pending: the OS's SHUT_RD waits
        /// until they are done (`finish_held_shutdown`).
        const RD_HELD = 1 << 22;
        /// The connect under way was started by `ConnectEx`: a second `connect` or `ConnectEx`
        /// meanwhile is `WSAEINVAL` (not `WSAEALREADY`), and `getpeername` names no peer yet.
        const CONNECT_EX = 1 << 23;
        /// A non-blocking stream send was partial and ws2mp holds the rest (send_queue.rs):
        /// sends fail with WSAEWOULDBLOCK and the socket is not writable until it is sent.
        const SEND_QUEUED = 1 << 24;
    }
}
/// `mode::X` names the bit (the flags of `Mode`).
use Mode as mode;

/// How a call on a socket may wait: passed down the send and receive paths, so that an
/// overlapped operation's attempt runs the blocking call's code without ever waiting.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Wait {
    /// As the socket's mode says (a blocking socket blocks, honouring its timeouts).
    AsSocket,
    /// Never: `WSAEWOULDBLOCK` when nothing can be done now (an overlapped attempt).
    Never,
    /// Never, for an overlapped receive that was pending when the program shut receiving down
    /// (`shutdown(SD_RECEIVE)` lets it through, as Windows lets it wait for data).
    Admitted,
}

/// Where a non-blocking stream connect stands.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ConnectProgress {
    Pending,
    Connected,
    Failed,
}

/// A wait on a socket in progress (see [`Socket::wait_guard`]); ends when dropped.
pub struct WaitGuard<'a>(&'a Socket);

impl Drop for WaitGuard<'_> {
    fn drop(&mut self) {
        self.0.in_flight.fetch_sub(1, Ordering::AcqRel);
    }
}

/// State that few sockets need, kept out of line.
#[derive(Default)]
struct Extra {
    /// Connections a condition function deferred (`CF_DEFER`), offered again first.
    deferred: Vec<(OwnedFd, SockAddr)>,
    /// Options Winsock keeps but that change nothing here (SO_CONDITIONAL_ACCEPT, ...).
    stored: Vec<(i32, i32)>,
    /// The peer address, kept at `shutdown`: Windows still reports it after the connection
    /// is shut down, when the OS may have forgotten it.
    peer: Option<SockAddr>,
    /// The address a raw socket was bound to before `SIO_RCVALL` put its interface's packets
    /// under its descriptor (capture.rs).
    captured: Option<SockAddr>,
    /// The sockets of this process that are one socket with this one (siblings.rs).
    group: Option<Arc<siblings::Group>>,
}

pub struct Socket {
    fd: sys::SocketFd,
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
    /// The provider behind the socket, fixed at creation (crate::provider).
    provider: Provider,
    /// What a partial non-blocking stream send left, while `SEND_QUEUED` is set
    /// (send_queue.rs); taken before `events`, never while it is held.
    send_queue: Mutex<Option<Box<send_queue::SendQueue>>>,
    /// Notified when the send queue is finished (a blocking send waits for it).
    send_drained: parking_lot::Condvar,
}

static GENERATION: AtomicU32 = AtomicU32::new(1);

/// What the overlapped engine answers for a socket: it registers them when first used, so
/// that this module does not depend on it.
pub(crate) struct OverlappedHooks {
    /// Run by `closesocket` (and the last `WSACleanup`) for every socket.
    pub close: fn(&Socket),
    /// Run by `shutdown(SD_RECEIVE)`: whether overlapped receives are pending on the socket
    /// (they are then let through the shutdown).
    pub hold_receives: fn(&Socket) -> bool,
    /// Whether any overlapped operation is pending on the socket.
    pub pending: fn(&Socket) -> bool,
}

static OVERLAPPED_HOOKS: std::sync::OnceLock<OverlappedHooks> = std::sync::OnceLock::new();

/// Registers the overlapped engine's hooks (once; later calls change nothing).
pub(crate) fn set_overlapped_hooks(hooks: OverlappedHooks) {
    let _ = OVERLAPPED_HOOKS.set(hooks);
}

fn hold_pending_receives(sock: &Socket) -> bool {
    OVERLAPPED_HOOKS
        .get()
        .is_some_and(|h| (h.hold_receives)(sock))
}

fn overlapped_pending(sock: &Socket) -> bool {
    OVERLAPPED_HOOKS.get().is_some_and(|h| (h.pending)(sock))
}

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
            return rooted::open::<Socket>(e, family, protocol, wsa_flags);
        }
        let cloexec = wsa_flags & wsa_flag::NO_HANDLE_INHERIT != 0;
        let (fd, provider) =
            native::open(family, socket_type, protocol, cloexec).map_err(|e| match e {
                libc::EINVAL => WsaError::WSAESOCKTNOSUPPORT,
                other => sys_err(other),
            })?;
        Self::adopt(
            fd,
            family,
            socket_type,
            protocol,
            entry,
            wsa_flags,
            Mode::empty(),
            provider,
        )
    }

    /// `WSADuplicateSocket` for this process: a second descriptor for the same OS socket,
    /// made now (as Windows duplicates the handle at once) and adopted by `WSASocket` later.
    /// Rooted multipoint sockets keep their state in this process's provider and cannot be
    /// duplicated (`WSAEOPNOTSUPP`).
    pub fn duplicate_descriptor(&self) -> WsaResult<Fd> {
        if matches!(self.provider, Provider::Rooted(_)) {
            return Err(WsaError::WSAEOPNOTSUPP);
        }
        sys::dup(self.fd(), true).map_err(sys_err)
    }

    /// `WSADuplicateSocket` for process `target` (not this one): a second descriptor for the
    /// same OS socket, made now and offered to that process (see `handoff.rs`); returns the
    /// offer's token. Rooted multipoint sockets cannot be duplicated (`WSAEOPNOTSUPP`).
    pub fn offer_to_process(&self, target: u32) -> WsaResult<u128> {
        if matches!(self.provider, Provider::Rooted(_)) {
            return Err(WsaError::WSAEOPNOTSUPP);
        }
        let fd = sys::file::duplicate(self.fd()).map_err(sys_err)?;
        handoff::offer(fd, target)
    }

    /// `WSASocket` in the target process of a `WSADuplicateSocket` record made by another
    /// process: takes the offered descriptor (`WSAEINVAL` when there is no such offer for
    /// this process: taken, expired, or garbage) and registers it as [`Socket::adopt_duplicate`]
    /// does.
    pub fn take_offered(
        token: u128,
        family: i32,
        socket_type: i32,
        protocol: i32,
        entry: Option<&'static Entry>,
        wsa_flags: u32,
    ) -> WsaResult<Arc<Socket>> {
        let fd = handoff::take(token)?;
        // The record's triple must be the descriptor's: a structure edited on the way is refused.
        let actual =
            sys::getsockopt::<libc::c_int>(fd.as_raw_fd(), libc::SOL_SOCKET, libc::SO_TYPE);
        if actual.ok() != Some(socket_type) {
            return Err(WsaError::WSAEINVAL);
        }
        Self::adopt_duplicate(fd, family, socket_type, protocol, entry, wsa_flags)
    }

    /// Whether the descriptor of a `WSADuplicateSocket` record may be adopted (by
    /// [`Socket::adopt_duplicate`]): `WSAEINVAL` when it was adopted already (a record is good
    /// for one `WSASocket`) or is not a socket any more.
    pub fn check_duplicate(fd: Fd) -> WsaResult<()> {
        if registry::get(fd).is_some() || !sys::is_socket(fd) {
            return Err(WsaError::WSAEINVAL);
        }
        Ok(())
    }

    /// `WSASocket` from a `WSADuplicateSocket` record: registers the duplicated descriptor `fd`
    /// as a socket of its own, its mode taken from the OS (listening, connected, bound,
    /// non-blocking).
    pub fn adopt_duplicate(
        fd: OwnedFd,
        family: i32,
        socket_type: i32,
        protocol: i32,
        entry: Option<&'static Entry>,
        wsa_flags: u32,
    ) -> WsaResult<Arc<Socket>> {
        let fd_owned = fd;
        let fd = fd_owned.as_raw_fd();
        let mut m = Mode::empty();
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
        // Inheritable as any socket `WSASocket` makes, unless asked otherwise.
        sys::set_inheritable(fd, wsa_flags & wsa_flag::NO_HANDLE_INHERIT == 0).map_err(sys_err)?;
        let provider = Provider::for_native(family, socket_type, protocol);
        Self::adopt(
            fd_owned,
            family,
            socket_type,
            protocol,
            entry,
            wsa_flags,
            m,
            provider,
        )
    }

    /// Registers a socket of the rooted provider over the program's end of its pair.
    /// `connected`: a joined c_leaf (FD_CONNECT at selection, FD_WRITE armed); `connection`:
    /// a c_leaf (FD_CLOSE at end-of-file).
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn adopt_rooted(
        fd: OwnedFd,
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
            Provider::Rooted(member),
        )
    }

    #[allow(clippy::too_many_arguments)]
    fn adopt(
        fd: OwnedFd,
        family: i32,
        socket_type: i32,
        protocol: i32,
        entry: Option<&'static Entry>,
        wsa_flags: u32,
        initial_mode: Mode,
        provider: Provider,
    ) -> WsaResult<Arc<Socket>> {
        let socket = Arc::new(Socket {
            fd: sys::SocketFd::new(fd),
            // 31 bits: the io_uring engine tags its receives with the top bit of a token.
            generation: GENERATION.fetch_add(1, Ordering::Relaxed) & 0x7fff_ffff,
            family,
            socket_type,
            protocol,
            entry,
            wsa_flags,
            mode: AtomicU32::new(initial_mode.bits()),
            in_flight: AtomicU32::new(0),
            events: Mutex::new(EventState::default()),
            extra: Mutex::new(None),
            provider,
            send_queue: Mutex::new(None),
            send_drained: parking_lot::Condvar::new(),
        });
        if !registry::insert(socket.clone()) {
            // Dropping the Arc closes the fd.
            return Err(WsaError::WSAEMFILE);
        }
        let fd = socket.fd();
        crate::log::debug(format_args!(
            "socket {fd}: family {family} type {socket_type} protocol {protocol} flags {wsa_flags:#x}"
        ));
        Ok(socket)
    }

    #[inline]
    pub fn fd(&self) -> Fd {
        self.fd.raw()
    }

    /// The poller token: fd in the low half, generation in the high half, so a report for a
    /// reused fd number is recognised as stale.
    pub fn token(&self) -> u64 {
        (u64::from(self.generation) << 32) | u64::from(self.fd() as u32)
    }

    pub fn generation(&self) -> u32 {
        self.generation
    }

    pub fn is_stream(&self) -> bool {
        self.socket_type == libc::SOCK_STREAM
    }

    /// Whether the socket was created for overlapped I/O (`WSA_FLAG_OVERLAPPED`, which
    /// `socket` sets unless the thread's `SO_OPENTYPE` asks for synchronous sockets).
    pub fn is_overlapped(&self) -> bool {
        self.wsa_flags & crate::catalog::wsa_flag::OVERLAPPED != 0
    }

    /// The rooted provider's state, for its sockets.
    pub fn rooted(&self) -> Option<&Arc<Member>> {
        self.provider.rooted()
    }

    /// The provider behind the socket.
    pub fn provider(&self) -> &Provider {
        &self.provider
    }

    fn mode(&self) -> Mode {
        Mode::from_bits_retain(self.mode.load(Ordering::Acquire))
    }

    /// Whether any of `bits` is set.
    fn has(&self, bits: Mode) -> bool {
        self.mode().intersects(bits)
    }

    fn set(&self, bits: Mode) {
        self.mode.fetch_or(bits.bits(), Ordering::AcqRel);
    }

    fn clear(&self, bits: Mode) {
        self.mode.fetch_and(!bits.bits(), Ordering::AcqRel);
    }

    pub fn is_nonblocking(&self) -> bool {
        self.has(mode::NONBLOCKING)
    }

    /// Whether a call made with `wait` returns at once instead of waiting.
    fn never_waits(&self, wait: Wait) -> bool {
        wait != Wait::AsSocket || self.is_nonblocking()
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
            || sys::getsockname(self.fd())
                .ok()
                .and_then(|a| a.to_std())
                .is_some_and(|a| a.port() != 0)
    }

    // ---- multicast state (see crate::provider::multicast) -----------------------------------

    /// The socket's multicast state, if it has any.
    pub fn multicast_state(&self) -> Option<&Multicast> {
        self.provider.multicast_state()
    }

    /// The multicast receive filter, when it is on.
    #[inline]
    fn filter(&self) -> Option<&Multicast> {
        match &self.provider {
            Provider::Multicast(m) => m.filter(),
            _ => None,
        }
    }

    /// Whether a receive would report something (for FD_READ, `select`, `FIONREAD`): for a
    /// filtered socket, drops the filtered datagrams at the head of the queue first. Sockets
    /// without the filter answer true (the caller's readiness stands).
    pub fn readable_after_filter(&self) -> bool {
        match self.filter() {
            Some(m) => filter::head_is_kept(self.fd(), m),
            None => true,
        }
    }

    /// The source address and interface sends must carry: a bind to an interface address is
    /// emulated (such a socket always has the filter on, so plain sockets pay one bit test).
    #[inline]
    fn bound_source(&self) -> Option<(std::net::IpAddr, u32)> {
        self.filter()
            .and_then(Multicast::bound)
            .map(|b| (b.ip, if b.scope_id != 0 { b.index } else { 0 }))
    }

    /// The default destination of a joined socket's sends.
    #[inline]
    fn default_destination(&self) -> Option<&SockAddr> {
        match &self.provider {
            Provider::Multicast(m) => m.destination(),
            _ => None,
        }
    }

    /// Marks the fd as no longer ours (it was closed and reused behind our back).
    pub fn release_fd(&self) {
        self.set(mode::FD_RELEASED | mode::CLOSED);
    }

    fn facts(&self) -> SocketFacts {
        let m = self.mode();
        SocketFacts {
            fd: self.fd(),
            token: self.token(),
            stream: self.is_stream() || m.contains(mode::CONNECTION),
            listening: m.contains(mode::LISTENING),
            connected: m.contains(mode::CONNECTED),
            connecting: m.contains(mode::CONNECTING),
            oob_inline: m.contains(mode::OOB_INLINE),
            accepted: m.contains(mode::ACCEPTED),
            native_stream: self.is_stream()
                && !matches!(self.provider, Provider::Rooted(_))
                && !m.contains(mode::CONNECTION),
            receive_shut: m.contains(mode::SHUT_RECV),
            send_queued: m.contains(mode::SEND_QUEUED),
            close_code: self.provider.rooted().map_or(0, |r| r.close_code()),
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
    ///
    /// A thread that found the socket in the registry may be overtaken by `closesocket` before
    /// it counts itself in `in_flight`: `close` then sees no call to wake. So the call counts
    /// itself first and looks at `CLOSED` after, while `close` sets `CLOSED` first and looks at
    /// `in_flight` after, both sequentially consistent: at least one of them sees the other
    /// (the call fails with `WSAEINTR` at once, or `close` shuts the fd down under it).
    fn blocking<T>(&self, f: impl FnOnce() -> WsaResult<T>) -> WsaResult<T> {
        #[cfg(test)]
        race::before_entering();
        self.in_flight.fetch_add(1, Ordering::SeqCst);
        if Mode::from_bits_retain(self.mode.load(Ordering::SeqCst)).contains(mode::CLOSED) {
            self.in_flight.fetch_sub(1, Ordering::SeqCst);
            return Err(WsaError::WSAEINTR);
        }
        let r = f();
        self.in_flight.fetch_sub(1, Ordering::SeqCst);
        if self.has(mode::CLOSED) {
            return Err(WsaError::WSAEINTR);
        }
        r
    }

    /// Maps EAGAIN to WSAETIMEDOUT on a call that waits (an SO_RCVTIMEO/SO_SNDTIMEO expiry)
    /// and to WSAENOTCONN on a stream socket whose connect is still under way, and EPIPE to
    /// what Winsock reports: `WSAESHUTDOWN` after a local `SD_SEND`, `WSAENOTCONN`
    /// on a stream socket that was never connected (Linux says EPIPE there), else
    /// `WSAECONNRESET`.
    fn io_err(&self, errno: i32, wait: Wait) -> WsaError {
        let would_block = errno == libc::EAGAIN || errno == libc::EWOULDBLOCK;
        if would_block && !self.never_waits(wait) {
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
        // SeqCst, paired with the `in_flight` check below and with `blocking` (see there).
        self.mode.fetch_or(mode::CLOSED.bits(), Ordering::SeqCst);
        registry::remove(self);
        // A duplicate in this process while another of its group is open: the socket lives on
        // (siblings.rs), its overlapped operations stay pending.
        let leave = siblings::leave(self);
        let parked = matches!(leave, Some(siblings::Leave::Park));
        // Pending overlapped operations complete (WSAECONNABORTED on a connection,
        // WSA_OPERATION_ABORTED otherwise).
        if let Some(hooks) = OVERLAPPED_HOOKS.get().filter(|_| !parked) {
            (hooks.close)(self);
            if let Some(siblings::Leave::Last(parked)) = &leave {
                for p in parked {
                    (hooks.close)(p);
                }
            }
        }
        {
            let mut ev = self.events.lock();
            let facts = self.facts();
            ev.deselect(&facts);
        }
        self.clear(mode::SELECTED);
        if let Provider::Rooted(r) = &self.provider {
            r.close(&**self);
        }
        if self.has(mode::SEND_QUEUED) {
            // Queued bytes go out in the background before the FIN (graceful), or are
            // dropped (SO_LINGER {1, 0}).
            self.close_send_queue();
        }
        // The last of a group also wakes the calls still blocked through its parked members.
        let blocked_elsewhere = match &leave {
            Some(siblings::Leave::Last(list)) => {
                list.iter().any(|p| p.in_flight.load(Ordering::SeqCst) > 0)
            }
            _ => false,
        };
        if !parked && (blocked_elsewhere || self.in_flight.load(Ordering::SeqCst) > 0) {
            // Wakes threads blocked in recv/accept on this socket; they report WSAEINTR.
            let _ = sys::shutdown(self.fd(), libc::SHUT_RDWR);
        }
        // Deferred connections are closed.
        drop(self.extra.lock().take());
    }

    // ---- modes -----------------------------------------------------------------------------

    /// `FIONBIO`. Going back to blocking while event-selected fails with `WSAEINVAL`.
    pub fn set_nonblocking(&self, on: bool) -> WsaResult<()> {
        if !on && self.is_selected() {
            return Err(WsaError::WSAEINVAL);
        }
        sys::set_nonblocking(self.fd(), on).map_err(sys_err)?;
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

    /// Before SO_OOBINLINE is turned on: an urgent byte already read with MSG_OOB is gone on
    /// Windows, but Linux keeps it in the stream (skipped only while SO_OOBINLINE is off), so
    /// it would come back as ordinary data. When nothing is queued before it, it is skipped
    /// now (as the close does); behind ordinary data it cannot be, and stays.
    pub fn before_oob_inline(&self) {
        if self.is_stream() && self.mode() & (mode::OOB_TAKEN | mode::OOB_INLINE) == mode::OOB_TAKEN
        {
            sys::skip_taken_urgent_byte(self.fd());
        }
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
    /// The descriptor closes as the fields drop, unless it was released.
    fn drop(&mut self) {
        let m = self.mode();
        if m.contains(mode::FD_RELEASED) {
            self.fd.release();
        } else if m & (mode::OOB_TAKEN | mode::OOB_INLINE) == mode::OOB_TAKEN {
            sys::skip_taken_urgent_byte(self.fd());
        }
    }
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

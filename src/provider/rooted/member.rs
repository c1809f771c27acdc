//! A program-visible socket's binding to the rooted provider, and the Winsock calls on it
//! (docs/PROTOCOL.md §3, §7). `Socket` forwards here for its rooted sockets.

use super::config::DIRECT_LINKS;
use super::inbox::{Inbox, Sink, Taken};
use super::leaf::LeafSession;
use super::listener::LeafListener;
use super::outgoing::Outgoing;
use super::root::RootSession;
use super::wire::{Plane, MAX_CONNECT_DATA, MAX_MESSAGE};
use super::{engine, pair, CalleeFill};
use crate::addr::SockAddr;
use crate::catalog::Entry;
use crate::error::{WsaError, WsaResult};
use crate::provider::{Adopt, Condition, Host};
use crate::sys;
use crate::sys::OwnedFd;
use parking_lot::Mutex;
use std::os::fd::AsRawFd;
use std::sync::atomic::{AtomicBool, AtomicI32, AtomicU8, Ordering};
use std::sync::{Arc, OnceLock, Weak};

/// What a socket is in its session.
pub enum Role {
    /// A c_leaf that has neither joined nor listened yet (with the TCP socket `bind` made).
    Fresh { tcp: Option<OwnedFd> },
    /// A c_root.
    Root(Arc<RootSession>),
    /// A c_leaf at the root standing for the leaf whose link is `token`.
    AtRoot(Arc<RootSession>, u64),
    /// A leaf's membership (joined, joining, or ended).
    Leaf(Arc<LeafSession>),
    /// A c_leaf listening for invitations.
    Listener(Arc<LeafListener>),
}

pub struct Member {
    pub entry: &'static Entry,
    pub family: i32,
    pub protocol: i32,
    pub flags: u32,
    pub plane: Plane,
    /// The socket's received messages (its descriptor's readability follows them).
    pub inbox: Arc<Inbox>,
    close_code: AtomicI32,
    /// SIO_MULTIPOINT_LOOPBACK: 0 = default for the plane, 1 = on, 2 = off.
    loopback: AtomicU8,
    shut: AtomicBool,
    me: OnceLock<Weak<dyn Host>>,
    role: Mutex<Role>,
    /// The session the data calls go to, once the role settled on it (see [`Member::data`]):
    /// `send` and `recv` then take neither the role's lock nor a reference count.
    settled: OnceLock<Data>,
    /// The role left the settled session (closed, or handed back as fresh): the data calls
    /// go through the role again.
    retired: AtomicBool,
    /// The process that created the socket: a forked child closing an inherited socket must
    /// not dismantle the parent's session over the shared connections.
    pid: u32,
}

fn plane_of(entry: &Entry) -> Plane {
    if entry.service_flags1 & crate::catalog::xp1::MULTIPOINT_DATA_PLANE != 0 {
        Plane::Rooted
    } else {
        Plane::Peer
    }
}

/// Creates a socket (a root when `c_root`, else a fresh c_leaf).
pub fn open<S: Adopt>(
    entry: &'static Entry,
    family: i32,
    protocol: i32,
    flags: u32,
    c_root: bool,
) -> WsaResult<Arc<S>> {
    let engine = engine::get()?;
    let (app, eng) = pair::create()?;
    let inbox = Arc::new(Inbox::new(eng));
    let plane = plane_of(entry);
    let role = if c_root {
        Role::Root(RootSession::new(
            engine,
            entry,
            family,
            protocol,
            flags,
            plane,
            inbox.clone(),
        )?)
    } else {
        Role::Fresh { tcp: None }
    };
    let member = Member::new(entry, family, protocol, flags, role, inbox);
    let sock = S::adopt_rooted(
        app,
        entry,
        family,
        protocol,
        flags,
        member.clone(),
        !c_root,
        false,
    )?;
    member.bind_socket(&sock);
    Ok(sock)
}

impl Member {
    pub fn new(
        entry: &'static Entry,
        family: i32,
        protocol: i32,
        flags: u32,
        role: Role,
        inbox: Arc<Inbox>,
    ) -> Arc<Member> {
        Arc::new(Member {
            entry,
            family,
            protocol,
            flags,
            plane: plane_of(entry),
            inbox,
            close_code: AtomicI32::new(0),
            loopback: AtomicU8::new(0),
            shut: AtomicBool::new(false),
            me: OnceLock::new(),
            role: Mutex::new(role),
            settled: OnceLock::new(),
            retired: AtomicBool::new(false),
            pid: std::process::id(),
        })
    }

    /// Ties the member to its socket (once, right after the socket is created).
    pub fn bind_socket<S: Adopt>(&self, sock: &Arc<S>) {
        let me: Weak<dyn Host> = Arc::downgrade(sock) as Weak<dyn Host>;
        let _ = self.me.set(me.clone());
        if let Role::Root(s) = &*self.role.lock() {
            s.set_socket(me);
        }
    }

    pub fn set_role(&self, role: Role) {
        let mut r = self.role.lock();
        if self.settled.get().is_some() {
            self.retired.store(true, Ordering::Release);
        }
        *r = role;
    }

    pub fn socket(&self) -> Option<Arc<dyn Host>> {
        self.me.get().and_then(Weak::upgrade)
    }

    pub fn close_code(&self) -> i32 {
        self.close_code.load(Ordering::Acquire)
    }

    pub fn set_close_code(&self, code: i32) {
        self.close_code.store(code, Ordering::Release);
    }

    /// Whether this socket receives its own messages (docs/PROTOCOL.md §3.1).
    pub fn loopback(&self) -> bool {
        match self.loopback.load(Ordering::Relaxed) {
            1 => true,
            2 => false,
            _ => self.plane == Plane::Peer,
        }
    }

    /// `SIO_MULTIPOINT_LOOPBACK`.
    pub fn set_loopback(&self, on: bool) {
        self.loopback
            .store(if on { 1 } else { 2 }, Ordering::Relaxed);
    }

    fn with_role<T>(&self, f: impl FnOnce(&mut Role) -> T) -> T {
        f(&mut self.role.lock())
    }

    /// Runs `f` with the session this socket's data calls go to (None: it has none, e.g. a
    /// fresh or listening c_leaf, or a leaf that never joined). A root's, a c_leaf's at the
    /// root and a joined leaf's session never change while the socket is open, so the first
    /// call keeps it (`settled`) and later ones use it without the role's lock; `close` and
    /// `set_role` retire it (a call racing with them sees the session as it would have just
    /// before the role changed, as a call that read the role then does).
    fn data<T>(&self, f: impl FnOnce(Option<&Data>) -> T) -> T {
        if let Some(d) = self.settled.get() {
            if !self.retired.load(Ordering::Acquire) {
                return f(Some(d));
            }
        }
        let found = self.with_role(|role| {
            let found = match role {
                Role::Root(s) => Some(Data::Root(s.clone())),
                Role::AtRoot(s, t) => Some(Data::AtRoot(s.clone(), *t)),
                Role::Leaf(l) if l.ever_joined() => Some(Data::Leaf(l.clone())),
                _ => None,
            };
            // Kept under the role's lock, which `close` and `set_role` hold when they retire
            // it: a role replaced after this sees it kept, and retires it.
            if let Some(d) = &found {
                if !self.retired.load(Ordering::Acquire) && self.settled.get().is_none() {
                    let _ = self.settled.set(d.clone());
                }
            }
            found
        });
        f(found.as_ref())
    }

    // ---- lifecycle ------------------------------------------------------------------------

    /// `closesocket`.
    pub fn close<S: Adopt>(&self, _sock: &S) {
        if self.pid != std::process::id() {
            // Inherited across fork: leave the parent's session alone (the descriptors are
            // closed with the objects, which does not end the parent's connections).
            let mut role = self.role.lock();
            self.retired.store(true, Ordering::Release);
            std::mem::forget(std::mem::replace(&mut *role, Role::Fresh { tcp: None }));
            return;
        }
        self.inbox.forget();
        let role = {
            let mut role = self.role.lock();
            self.retired.store(true, Ordering::Release);
            std::mem::replace(&mut *role, Role::Fresh { tcp: None })
        };
        match role {
            Role::Root(s) => s.close(true),
            Role::AtRoot(s, token) => s.evict(token),
            Role::Leaf(l) => l.close(),
            Role::Listener(l) => l.close(),
            Role::Fresh { .. } => {}
        }
    }

    pub fn bind<S: Adopt>(&self, sock: &S, addr: &SockAddr) -> WsaResult<()> {
        let reuse = sys::getsockopt::<libc::c_int>(sock.fd(), libc::SOL_SOCKET, libc::SO_REUSEADDR)
            .unwrap_or(0)
            != 0;
        let make = || -> WsaResult<OwnedFd> {
            let tcp = super::tcp_socket(self.family)?;
            if reuse {
                let _ = sys::setsockopt(
                    tcp.as_raw_fd(),
                    libc::SOL_SOCKET,
                    libc::SO_REUSEADDR,
                    1 as libc::c_int,
                );
            }
            sys::bind(tcp.as_raw_fd(), addr).map_err(WsaError::from_errno)?;
            Ok(tcp)
        };
        self.with_role(|role| match role {
            Role::Root(s) => s.bind(make()?),
            Role::Fresh { tcp: slot @ None } => {
                *slot = Some(make()?);
                Ok(())
            }
            _ => Err(WsaError::WSAEINVAL),
        })
    }

    pub fn listen<S: Adopt>(&self, _sock: &S, backlog: i32) -> WsaResult<()> {
        let backlog = super::config::backlog(backlog);
        self.with_role(|role| match role {
            Role::Root(s) => s.listen(backlog),
            Role::Listener(l) => l.set_backlog(backlog),
            Role::Fresh { tcp: None } => Err(WsaError::WSAEINVAL),
            Role::Fresh { tcp } => {
                let tcp_fd = tcp.as_ref().map_or(-1, |t| t.as_raw_fd());
                let os_backlog = i32::try_from(backlog).unwrap_or(i32::MAX);
                sys::listen(tcp_fd, os_backlog).map_err(WsaError::from_errno)?;
                let me = self.me.get().cloned().ok_or(WsaError::WSAENOTSOCK)?;
                let l = LeafListener::new(
                    engine::get()?,
                    self.entry,
                    self.family,
                    self.protocol,
                    self.flags,
                    self.plane,
                    tcp.take().ok_or(WsaError::WSAEINVAL)?,
                    backlog,
                    me,
                )?;
                *role = Role::Listener(l);
                Ok(())
            }
            Role::AtRoot(..) | Role::Leaf(_) => Err(WsaError::WSAEISCONN),
        })
    }

    pub fn accept<S: Adopt>(
        &self,
        sock: &S,
        decide: Option<Condition<'_>>,
    ) -> WsaResult<(Arc<S>, SockAddr)> {
        let nonblocking = sock.is_nonblocking();
        enum Target {
            Root(Arc<RootSession>),
            Listener(Arc<LeafListener>),
        }
        let target = self.with_role(|role| match role {
            Role::Root(s) => Ok(Target::Root(s.clone())),
            Role::Listener(l) => Ok(Target::Listener(l.clone())),
            _ => Err(WsaError::WSAEINVAL),
        })?;
        match target {
            Target::Root(s) => s.accept(sock, decide, nonblocking),
            Target::Listener(l) => l.accept(sock, decide, nonblocking),
        }
    }

    /// After a re-enabling accept or a new selection: FD_ACCEPT again at once while requests
    /// are pending (a level-triggered event).
    pub fn rearm_accept<S: Adopt>(&self, sock: &S) {
        // A selection waits on the descriptor: the engine raises the token again.
        self.watch();
        let pending = self.with_role(|role| match role {
            Role::Root(s) => s.has_pending(),
            Role::Listener(l) => l.has_pending(),
            _ => false,
        });
        if pending {
            sock.record_accept();
        }
    }

    /// Something other than a receive is about to wait on the socket's descriptor (`select`,
    /// `WSAPoll`, an event selection): links the program's receives were reading themselves
    /// go back to the engine, which raises the token for what arrives.
    pub fn watch(&self) {
        self.with_role(|role| match role {
            Role::Root(s) => s.watch(),
            Role::Leaf(l) => l.watch(),
            _ => {}
        });
    }

    /// A descriptor readable while requests are pending (what `select` adds for a listening
    /// socket).
    pub fn accept_signal_fd(&self) -> Option<sys::Fd> {
        self.with_role(|role| match role {
            Role::Root(s) => s.accept_signal_fd(),
            Role::Listener(l) => Some(l.accept_signal_fd()),
            _ => None,
        })
    }

    /// `WSAJoinLeaf`. Returns the socket that stands for the join: a new c_leaf for a root,
    /// `sock` itself for a leaf.
    pub fn join<S: Adopt>(
        &self,
        sock: &Arc<S>,
        to: &SockAddr,
        caller_data: &[u8],
        callee: Option<CalleeFill>,
        jl: u8,
    ) -> WsaResult<Arc<S>> {
        if caller_data.len() > MAX_CONNECT_DATA {
            return Err(WsaError::WSAEFAULT);
        }
        if to.family() != self.family {
            return Err(WsaError::WSAEAFNOSUPPORT);
        }
        if to
            .to_std()
            .is_none_or(|a| a.ip().is_unspecified() || a.port() == 0)
        {
            return Err(WsaError::WSAEADDRNOTAVAIL);
        }
        if self.shut.load(Ordering::Acquire) {
            return Err(WsaError::WSAESHUTDOWN);
        }
        let blocking = !sock.is_nonblocking();
        enum Target {
            Root(Arc<RootSession>),
            Leaf(Arc<LeafSession>),
        }
        let target = self.with_role(|role| -> WsaResult<Target> {
            match role {
                Role::Root(s) => Ok(Target::Root(s.clone())),
                Role::Leaf(l) => Ok(Target::Leaf(l.clone())),
                Role::Fresh { tcp } => {
                    let l = LeafSession::new(
                        engine::get()?,
                        self.family,
                        self.plane,
                        self.inbox.clone(),
                        tcp.take(),
                        Arc::downgrade(sock) as Weak<dyn Host>,
                    );
                    *role = Role::Leaf(l.clone());
                    Ok(Target::Leaf(l))
                }
                Role::Listener(_) => Err(WsaError::WSAEINVAL),
                Role::AtRoot(..) => Err(WsaError::WSAEISCONN),
            }
        })?;
        match target {
            Target::Root(s) => s.invite(sock, to, caller_data, callee, jl, blocking),
            Target::Leaf(l) => {
                l.join(to, caller_data, callee, jl, blocking)?;
                Ok(sock.clone())
            }
        }
    }

    // ---- data -------------------------------------------------------------------------------

    /// Sends one message; `nonblocking`: fails with `WSAEWOULDBLOCK` instead of waiting.
    pub fn send<S: Adopt>(
        &self,
        sock: &S,
        bufs: sys::IoBufs<'_>,
        nonblocking: bool,
    ) -> WsaResult<usize> {
        let total = bufs.total_len();
        if total > MAX_MESSAGE {
            return Err(WsaError::WSAEMSGSIZE);
        }
        if self.shut.load(Ordering::Acquire) {
            return Err(WsaError::WSAESHUTDOWN);
        }
        let loopback = self.loopback();
        let mut msg = Outgoing::new(bufs, total).map_err(|_| WsaError::WSAEFAULT)?;
        let result = self.data(|d| match d {
            Some(Data::Root(s)) => s.send_all(sock, &mut msg, loopback, nonblocking),
            Some(Data::AtRoot(s, t)) => s.send_one(sock, *t, &mut msg, nonblocking),
            Some(Data::Leaf(l)) => l.send(sock, &mut msg, loopback, nonblocking),
            // A leaf that has not joined yet (its send reports how its join stands).
            None => {
                let leaf = self.with_role(|role| match role {
                    Role::Leaf(l) => Some(l.clone()),
                    _ => None,
                });
                match leaf {
                    Some(l) => l.send(sock, &mut msg, loopback, nonblocking),
                    None => Err(WsaError::WSAENOTCONN),
                }
            }
        });
        result.map_err(|e| match e {
            // A session that ended reports how it ended.
            WsaError::WSAENOTCONN if self.close_code() != 0 => WsaError(self.close_code()),
            other => other,
        })
    }

    /// Receives one message; `nonblocking`: fails with `WSAEWOULDBLOCK` instead of waiting.
    pub fn recv<S: Adopt>(
        &self,
        sock: &S,
        bufs: sys::IoBufsMut<'_>,
        flags: i32,
        from: &mut SockAddr,
        nonblocking: bool,
    ) -> WsaResult<sys::Received> {
        self.data(|d| match d {
            Some(d) => self.recv_on(sock, d, bufs, flags, from, nonblocking),
            None => Err(WsaError::WSAENOTCONN),
        })
    }

    /// `recv` on the socket's session `data`.
    fn recv_on<S: Adopt>(
        &self,
        sock: &S,
        data: &Data,
        mut bufs: sys::IoBufsMut<'_>,
        flags: i32,
        from: &mut SockAddr,
        nonblocking: bool,
    ) -> WsaResult<sys::Received> {
        // SO_RCVTIMEO, kept on the descriptor: read once this receive has to wait.
        let timeout = || {
            sys::getsockopt::<libc::timeval>(sock.fd(), libc::SOL_SOCKET, libc::SO_RCVTIMEO)
                .ok()
                .filter(|tv| tv.tv_sec > 0 || tv.tv_usec > 0)
                .map(|tv| {
                    std::time::Duration::from_secs(tv.tv_sec as u64)
                        + std::time::Duration::from_micros(tv.tv_usec as u64)
                })
        };
        let peek = flags & libc::MSG_PEEK != 0;
        let mut deadline: Option<Option<std::time::Instant>> = None;
        let app = sock.fd();
        let result = loop {
            match self.inbox.try_take(app, bufs.reborrow(), peek, from) {
                Taken::Message(r) => break Ok(Some(r)),
                Taken::End => break Ok(None),
                Taken::Fault => break Err(libc::EFAULT),
                Taken::Empty => {}
            }
            let mut links = [0; DIRECT_LINKS];
            // The first message this thread's own read brings goes straight into the
            // program's buffers (a peek leaves every message queued).
            let mut sink = Sink::new(bufs.reborrow(), from);
            let sink_opt = (!peek).then_some(&mut sink);
            // Whose links this receive may read itself (a c_leaf at the root: the engine's).
            let n = match data {
                Data::Root(s) => s.read_direct(&mut links, !nonblocking, sink_opt),
                Data::Leaf(l) => l.read_direct(&mut links, !nonblocking, sink_opt),
                Data::AtRoot(..) => 0,
            };
            if let Some(r) = sink.taken {
                break Ok(Some(r));
            }
            match self.inbox.try_take(app, bufs.reborrow(), peek, from) {
                Taken::Message(r) => break Ok(Some(r)),
                Taken::End => break Ok(None),
                Taken::Fault => break Err(libc::EFAULT),
                Taken::Empty => {}
            }
            if nonblocking {
                break Err(libc::EAGAIN);
            }
            // Wait for the engine's token or for a link this thread reads next round.
            let deadline =
                *deadline.get_or_insert_with(|| timeout().map(|t| std::time::Instant::now() + t));
            match self.inbox.wait(app, &links[..n], deadline) {
                Ok(false) => {}
                // Shut down under us (closesocket from another thread) or ended.
                Ok(true) => break Ok(None),
                Err(e) => break Err(e),
            }
        };
        if self.inbox.take_paused_with_room() {
            // The session stopped reading links for this socket: it may read again.
            let resume = self.with_role(|role| match role {
                Role::Root(s) => Some(Resume::Root(s.clone())),
                Role::Leaf(l) => Some(Resume::Leaf(l.clone())),
                _ => None,
            });
            if let Some(r) = resume {
                r.run();
            }
        }
        match result {
            Ok(Some(r)) => Ok(r),
            Ok(None) => match self.close_code() {
                0 => {
                    // End-of-file names no sender: the caller writes no address and leaves
                    // the program's address length as it was, as Windows does.
                    from.set_len(0);
                    Ok(sys::Received {
                        len: 0,
                        truncated: false,
                    })
                }
                code => Err(WsaError(code)),
            },
            Err(libc::EAGAIN) if !nonblocking => Err(WsaError::WSAETIMEDOUT),
            Err(e) => Err(WsaError::from_errno(e)),
        }
    }

    /// `FIONREAD`: the size of the next message.
    pub fn bytes_readable<S: Adopt>(&self, sock: &S) -> WsaResult<usize> {
        let _ = sock;
        // What arrived on links the program reads itself is not in the inbox yet.
        self.watch();
        Ok(self.inbox.next_size())
    }

    /// `shutdown`: sending ends leave (or dismantle, at the root); receiving only marks.
    pub fn shutdown<S: Adopt>(&self, _sock: &S, how: i32) -> WsaResult<()> {
        if how == 0 {
            return Ok(());
        }
        self.shut.store(true, Ordering::Release);
        self.with_role(|role| match role {
            Role::Root(s) => {
                s.close(false);
                Ok(())
            }
            Role::AtRoot(s, t) => {
                s.evict(*t);
                Ok(())
            }
            Role::Leaf(l) => {
                l.close();
                Ok(())
            }
            _ => Err(WsaError::WSAENOTCONN),
        })
    }

    pub fn local_addr(&self) -> WsaResult<SockAddr> {
        self.with_role(|role| match role {
            Role::Root(s) => s.local_addr(None),
            Role::AtRoot(s, t) => s.local_addr(Some(*t)),
            Role::Leaf(l) => l.local_addr(),
            Role::Listener(l) => l.local_addr(),
            Role::Fresh { tcp: Some(t), .. } => {
                sys::getsockname(t.as_raw_fd()).map_err(WsaError::from_errno)
            }
            Role::Fresh { .. } => Err(WsaError::WSAEINVAL),
        })
    }

    pub fn peer_addr(&self) -> WsaResult<SockAddr> {
        self.with_role(|role| match role {
            Role::AtRoot(s, t) => s.peer_addr(*t),
            Role::Leaf(l) => l.peer_addr(),
            _ => Err(WsaError::WSAENOTCONN),
        })
    }
}

/// The session a socket's data calls go to (see `Member::data`).
#[derive(Clone)]
enum Data {
    Root(Arc<RootSession>),
    /// A c_leaf at the root, standing for the leaf whose link is the token.
    AtRoot(Arc<RootSession>, u64),
    Leaf(Arc<LeafSession>),
}

/// A session to resume reading for (after the program made room in an inbox).
enum Resume {
    Root(Arc<RootSession>),
    Leaf(Arc<LeafSession>),
}

impl Resume {
    fn run(self) {
        match self {
            Resume::Root(s) => s.resume(),
            Resume::Leaf(l) => l.resume(),
        }
    }
}

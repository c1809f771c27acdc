//! A c_root's session (docs/PROTOCOL.md §3): its listener, its pending join requests, and one
//! link per leaf, each with the c_leaf socket that stands for the leaf. This file holds what
//! program threads call; `root_io.rs` what the engine does.

use super::admission::{Admissions, Request, Snapshot, Verdict};
use super::config::SEND_QUEUE_LIMIT;
use super::engine::{Engine, Handler, TokenMap};
use super::inbox::Inbox;
use super::link::Link;
use super::machine::{self, Machine};
use super::member::{Member, Role};
use super::outgoing::Outgoing;
use super::pair;
use super::wire::{self, Plane};
use super::{config, CalleeFill};
use crate::addr::SockAddr;
use crate::catalog::{wsa_flag, Entry};
use crate::error::{WsaError, WsaResult};
use crate::provider::{Adopt, Condition, Host};
use crate::sys::OwnedFd;
use crate::sys::{self, interest};
use parking_lot::{Condvar, Mutex};
use std::os::fd::AsRawFd;
use std::sync::{Arc, OnceLock, Weak};
use std::time::Instant;

/// The per-leaf socket at the root.
pub(super) struct CSide {
    pub socket: Weak<dyn Host>,
    /// Its inbox (ended: FD_CLOSE at the socket).
    pub inbox: Arc<Inbox>,
    pub plugged: bool,
    /// The program let go of the socket (`closesocket`, `shutdown`): dropping this side
    /// reports nothing to it.
    pub released: bool,
}

pub(super) struct Peer {
    pub link: Link,
    pub c: Option<CSide>,
    /// `lpCalleeData` of the invitation that created this link.
    pub callee: Option<CalleeFill>,
    pub fin_sent: bool,
}

/// Closes a c_leaf socket that never came to stand for a leaf (its admission or invitation
/// did not go ahead): it lets go of its link token first, so that closing it does not evict
/// a leaf another call admitted under that token.
fn discard_c<S: Adopt>(c: &Arc<S>) {
    if let Some(m) = c.rooted() {
        m.set_role(Role::Fresh { tcp: None });
    }
    c.close();
}

impl Drop for CSide {
    /// A c_leaf whose link went away without `end_peer` (its handler panicked while holding
    /// it): the socket still learns that the connection ended, aborted.
    fn drop(&mut self) {
        if !self.released && !self.inbox.is_ended() {
            if let Some(m) = self.socket.upgrade().and_then(|s| s.rooted().cloned()) {
                m.set_close_code(WsaError::WSAECONNABORTED.0);
            }
            self.inbox.end();
        }
    }
}

impl Peer {
    /// A joined leaf that receives the root's data.
    pub fn is_receiver(&self) -> bool {
        self.link.machine.is_joined() && machine::receives(self.link.machine.jl)
    }
}

pub(super) struct RootState {
    pub tcp: Option<OwnedFd>,
    pub listen_token: u64,
    pub listening: bool,
    /// The listener's readiness is off because the backlog is full (`accept_more` resumes).
    pub accept_paused: bool,
    pub local: Option<SockAddr>,
    /// Boxed: a read moves its peer out of the map and back (a pointer, not the whole link).
    pub peers: TokenMap<Box<Peer>>,
    pub adm: Admissions,
    pub invite: Option<u64>,
    pub invite_done: Option<(u64, i32)>,
    pub r_plugged: bool,
    /// Blocking senders waiting for room.
    pub blocked: usize,
    /// Links whose reading is paused until deliveries and relays drain.
    pub waiting: Vec<u64>,
    pub shut: bool,
}

pub struct RootSession {
    pub(super) engine: Arc<Engine>,
    entry: &'static Entry,
    family: i32,
    protocol: i32,
    flags: u32,
    pub(super) plane: Plane,
    /// The root socket's inbox.
    pub(super) inbox: Arc<Inbox>,
    me: OnceLock<Weak<dyn Host>>,
    this: Weak<RootSession>,
    pub(super) st: Mutex<RootState>,
    pub(super) cond: Condvar,
}

/// How a peer's link ends.
pub(super) enum End {
    /// Reset at once.
    Abort,
    /// Closed at once (FIN).
    Close,
    /// `frame` (LEAVE or REJECT) is sent after what is queued, then FIN; the link lingers.
    Graceful(Arc<[u8]>),
    /// As `Graceful`, the frame being queued already.
    Linger,
}

impl RootSession {
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        engine: Arc<Engine>,
        entry: &'static Entry,
        family: i32,
        protocol: i32,
        flags: u32,
        plane: Plane,
        inbox: Arc<Inbox>,
    ) -> WsaResult<Arc<RootSession>> {
        let adm = Admissions::new()?;
        let listen_token = engine.new_token();
        let s = Arc::new_cyclic(|this| RootSession {
            engine,
            entry,
            family,
            protocol,
            flags,
            plane,
            inbox,
            me: OnceLock::new(),
            this: this.clone(),
            st: Mutex::new(RootState {
                tcp: None,
                listen_token,
                listening: false,
                accept_paused: false,
                local: None,
                peers: TokenMap::default(),
                adm,
                invite: None,
                invite_done: None,
                r_plugged: false,
                blocked: 0,
                waiting: Vec::new(),
                shut: false,
            }),
            cond: Condvar::new(),
        });
        let weak: Weak<dyn Handler> = s.this.clone();
        s.engine.add_ticker(weak);
        Ok(s)
    }

    pub fn set_socket(&self, me: Weak<dyn Host>) {
        let _ = self.me.set(me);
    }

    pub(super) fn root_socket(&self) -> Option<Arc<dyn Host>> {
        self.me.get().and_then(Weak::upgrade)
    }

    pub(super) fn handler(&self) -> WsaResult<Arc<dyn Handler>> {
        match self.this.upgrade() {
            Some(h) => Ok(h),
            None => Err(WsaError::WSAENOTSOCK),
        }
    }

    pub fn bind(&self, tcp: OwnedFd) -> WsaResult<()> {
        let mut st = self.st.lock();
        if st.tcp.is_some() {
            return Err(WsaError::WSAEINVAL);
        }
        st.local = sys::getsockname(tcp.as_raw_fd()).ok();
        st.tcp = Some(tcp);
        Ok(())
    }

    /// `listen`: `backlog` is what `config::backlog` made of the program's argument; the
    /// kernel's listen queue gets the same (the kernel caps it at its own maximum).
    pub fn listen(&self, backlog: usize) -> WsaResult<()> {
        let mut st = self.st.lock();
        if st.shut {
            return Err(WsaError::WSAEINVAL);
        }
        let fd = st.tcp.as_ref().ok_or(WsaError::WSAEINVAL)?.as_raw_fd();
        let os_backlog = i32::try_from(backlog).unwrap_or(i32::MAX);
        sys::listen(fd, os_backlog).map_err(WsaError::from_errno)?;
        st.adm.set_limit(backlog);
        if !st.listening {
            self.engine
                .register(fd, st.listen_token, interest::READ, self.handler()?)?;
            st.listening = true;
            st.accept_paused = false;
        }
        self.accept_more(&mut st);
        Ok(())
    }

    /// Stops taking connections from the kernel's listen queue while the backlog is full.
    pub(super) fn pause_accepting(&self, st: &mut RootState) {
        if let (false, true, Some(tcp)) = (st.accept_paused, st.listening, st.tcp.as_ref()) {
            self.engine.modify(
                tcp.as_raw_fd(),
                st.listen_token,
                interest::READ,
                interest::NONE,
            );
            st.accept_paused = true;
        }
    }

    /// Takes connections again once the backlog has room.
    pub(super) fn accept_more(&self, st: &mut RootState) {
        if !st.accept_paused || !st.adm.has_room() {
            return;
        }
        if let (true, Some(tcp)) = (st.listening, st.tcp.as_ref()) {
            self.engine.modify(
                tcp.as_raw_fd(),
                st.listen_token,
                interest::NONE,
                interest::READ,
            );
        }
        st.accept_paused = false;
    }

    pub fn has_pending(&self) -> bool {
        !self.st.lock().adm.is_empty()
    }

    pub fn accept_signal_fd(&self) -> Option<sys::Fd> {
        let st = self.st.lock();
        st.listening.then(|| st.adm.signal_fd())
    }

    /// `accept`/`WSAAccept` on the root: admits the first pending join request.
    pub fn accept<S: Adopt>(
        &self,
        parent: &S,
        decide: Option<Condition<'_>>,
        nonblocking: bool,
    ) -> WsaResult<(Arc<S>, SockAddr)> {
        let snap = Snapshot::next(
            &mut self.st.lock(),
            &self.cond,
            nonblocking,
            |st| st.listening && !st.shut,
            |st| &st.adm,
        )?;
        let verdict = snap.decide(decide);
        // The c_leaf socket is made before the session's lock is taken: its own locks come
        // first in the lock order (mod.rs).
        let made = match verdict {
            Verdict::Accept(_) => Some(self.make_c(parent, snap.token, true)),
            _ => None,
        };
        let mut st = self.st.lock();
        // The request may have been withdrawn (EOF), timed out, or taken by another accept
        // meanwhile.
        let Some(req) = st.adm.take(snap.token) else {
            drop(st);
            if let Some(Ok((c, _))) = made {
                discard_c(&c);
            }
            return Err(WsaError::WSAECONNRESET);
        };
        if !matches!(verdict, Verdict::Defer) {
            self.accept_more(&mut st);
        }
        match verdict {
            Verdict::Defer => {
                st.adm.put_back(req);
                Err(WsaError::WSATRY_AGAIN)
            }
            Verdict::Reject | Verdict::Invalid => {
                if let Some(peer) = st.peers.remove(&req.token) {
                    self.end_peer(
                        &mut st,
                        peer,
                        0,
                        End::Graceful(wire::reject(WsaError::WSAECONNREFUSED.0)),
                    );
                }
                Err(match verdict {
                    Verdict::Reject => WsaError::WSAECONNREFUSED,
                    _ => WsaError::WSAEINVAL,
                })
            }
            Verdict::Accept(callee) => match made {
                Some(Ok((c, cside))) => match self.admit(&mut st, req, cside, &callee) {
                    Ok(peer) => Ok((c, peer)),
                    Err(e) => {
                        drop(st);
                        discard_c(&c);
                        Err(e)
                    }
                },
                failed => {
                    let e = match failed {
                        Some(Err(e)) => e,
                        _ => WsaError::WSAENOBUFS,
                    };
                    if let Some(peer) = st.peers.remove(&req.token) {
                        self.end_peer(&mut st, peer, 0, End::Graceful(wire::reject(e.0)));
                    }
                    Err(e)
                }
            },
        }
    }

    /// Admits the leaf of `req`, whose c_leaf socket (`cside`) was made: ACCEPT goes out.
    /// Returns the leaf's address.
    fn admit(
        &self,
        st: &mut RootState,
        req: Request,
        cside: CSide,
        callee: &[u8],
    ) -> WsaResult<SockAddr> {
        let token = req.token;
        let Some(peer) = st.peers.get_mut(&token) else {
            return Err(WsaError::WSAECONNRESET);
        };
        peer.link.machine.admit();
        peer.link.peer_hb_ms = req.hb_ms;
        peer.link.since = Instant::now();
        peer.c = Some(cside);
        let sent = peer
            .link
            .send(&self.engine, &wire::accept(config::heartbeat_ms(), callee));
        if let Err(e) = sent {
            if let Some(peer) = st.peers.remove(&token) {
                self.end_peer(st, peer, super::link::failure_code(e), End::Abort);
            }
        }
        crate::log::debug(format_args!("rooted: admitted leaf {:?}", req.peer));
        Ok(req.peer)
    }

    /// Creates the c_leaf socket standing for the leaf of link `token`, with `parent`'s event
    /// selection. Called without the session's lock (lock order, mod.rs).
    fn make_c<S: Adopt>(
        &self,
        parent: &S,
        token: u64,
        connected: bool,
    ) -> WsaResult<(Arc<S>, CSide)> {
        let (app, eng) = pair::create()?;
        let inbox = Arc::new(Inbox::new(eng));
        let flags = (self.flags & !(wsa_flag::MULTIPOINT_C_ROOT | wsa_flag::MULTIPOINT_D_ROOT))
            | wsa_flag::MULTIPOINT_C_LEAF
            | wsa_flag::MULTIPOINT_D_LEAF;
        let this = self.this.upgrade().ok_or(WsaError::WSAENOTSOCK)?;
        let member = Member::new(
            self.entry,
            self.family,
            self.protocol,
            flags,
            Role::AtRoot(this, token),
            inbox.clone(),
        );
        let c = S::adopt_rooted(
            app,
            self.entry,
            self.family,
            self.protocol,
            flags,
            member.clone(),
            true,
            connected,
        )?;
        member.bind_socket(&c);
        if let Err(e) = c.inherit_selection_from(parent) {
            discard_c(&c);
            return Err(e);
        }
        let cside = CSide {
            socket: Arc::downgrade(&c) as Weak<dyn Host>,
            inbox,
            plugged: false,
            released: false,
        };
        Ok((c, cside))
    }

    /// `WSAJoinLeaf` on the root: invites the leaf listening at `to`.
    pub fn invite<S: Adopt>(
        &self,
        r: &Arc<S>,
        to: &SockAddr,
        caller: &[u8],
        callee: Option<CalleeFill>,
        jl: u8,
        blocking: bool,
    ) -> WsaResult<Arc<S>> {
        Self::may_invite(&self.st.lock())?;
        let token = self.engine.new_token();
        // Made before the session's lock is taken (lock order, mod.rs).
        let (c, cside) = self.make_c(&**r, token, false)?;
        let mut st = self.st.lock();
        if let Err(e) = self.start_invite(&mut st, token, to, caller, callee, jl, cside) {
            drop(st);
            discard_c(&c);
            return Err(e);
        }
        if !blocking {
            return Ok(c);
        }
        loop {
            self.cond.wait(&mut st);
            if let Some((t, code)) = st.invite_done {
                if t == token {
                    st.invite_done = None;
                    drop(st);
                    if code == 0 {
                        return Ok(c);
                    }
                    c.close();
                    return Err(WsaError(code));
                }
            }
            if st.invite != Some(token) && !st.peers.contains_key(&token) {
                drop(st);
                c.close();
                return Err(WsaError::WSAEINTR);
            }
        }
    }

    /// Whether an invitation may start now.
    fn may_invite(st: &RootState) -> WsaResult<()> {
        if st.shut {
            return Err(WsaError::WSAESHUTDOWN);
        }
        if st.invite.is_some() {
            return Err(WsaError::WSAEALREADY);
        }
        Ok(())
    }

    /// Connects to the invited leaf and sends HELLO; the link (with its c_leaf socket
    /// `cside`) becomes the invitation in progress.
    #[allow(clippy::too_many_arguments)]
    fn start_invite(
        &self,
        st: &mut RootState,
        token: u64,
        to: &SockAddr,
        caller: &[u8],
        callee: Option<CalleeFill>,
        jl: u8,
        cside: CSide,
    ) -> WsaResult<()> {
        Self::may_invite(st)?;
        let tcp = super::tcp_socket(self.family)?;
        super::start_connect(tcp.as_raw_fd(), to)?;
        let machine = Machine::asker(true, self.plane, jl);
        let mut link = Link::new(tcp, token, machine, to.clone());
        let hello = wire::hello(true, jl, self.plane, config::heartbeat_ms(), caller);
        link.send(&self.engine, &hello)
            .map_err(WsaError::from_errno)?;
        let want = interest::READ | interest::WRITE;
        self.engine
            .register(link.fd(), token, want, self.handler()?)?;
        link.registered(want);
        st.peers.insert(
            token,
            Box::new(Peer {
                link,
                c: Some(cside),
                callee,
                fin_sent: false,
            }),
        );
        st.invite = Some(token);
        Ok(())
    }
    pub fn send_all<S: Adopt>(
        &self,
        sock: &S,
        msg: &mut Outgoing,
        loopback: bool,
        nonblocking: bool,
    ) -> WsaResult<usize> {
        let len = msg.frame().len();
        let mut st = self.st.lock();
        loop {
            if st.shut {
                return Err(WsaError::WSAESHUTDOWN);
            }
            // The loopback copy is held to the same bound: a root that sends to itself and
            // does not read is pushed back like one whose leaves do not read.
            let full = (loopback && self.inbox.is_full())
                || st
                    .peers
                    .values()
                    .any(|p| p.is_receiver() && !p.link.has_room(len));
            if !full {
                break;
            }
            if nonblocking {
                if !st.r_plugged {
                    pair::plug(sock.fd());
                    st.r_plugged = true;
                }
                return Err(WsaError::WSAEWOULDBLOCK);
            }
            st.blocked += 1;
            self.cond.wait(&mut st);
            st.blocked -= 1;
        }
        let mut failed = Vec::new();
        for (t, p) in st.peers.iter_mut() {
            if p.is_receiver() {
                if let Err(e) = p.link.send_data(&self.engine, msg) {
                    failed.push((*t, e));
                }
            }
        }
        for (t, e) in failed {
            if let Some(peer) = st.peers.remove(&t) {
                self.end_peer(&mut st, peer, super::link::failure_code(e), End::Abort);
            }
        }
        if loopback {
            let from = st.local.clone().unwrap_or_else(SockAddr::empty);
            self.inbox.push(&from, msg.payload());
        }
        Ok(msg.payload().len())
    }

    /// A send on the c_leaf socket for link `token`: a side chat to that leaf.
    pub fn send_one<S: Adopt>(
        &self,
        sock: &S,
        token: u64,
        msg: &mut Outgoing,
        nonblocking: bool,
    ) -> WsaResult<usize> {
        let mut st = self.st.lock();
        loop {
            let peer = st.peers.get_mut(&token).ok_or(WsaError::WSAENOTCONN)?;
            if !peer.link.machine.is_joined() || peer.c.is_none() {
                return Err(WsaError::WSAENOTCONN);
            }
            if !machine::receives(peer.link.machine.jl) {
                return Err(WsaError::WSAESHUTDOWN);
            }
            if peer.link.has_room(msg.frame().len()) {
                break;
            }
            if nonblocking {
                if let Some(c) = peer.c.as_mut().filter(|c| !c.plugged) {
                    pair::plug(sock.fd());
                    c.plugged = true;
                }
                return Err(WsaError::WSAEWOULDBLOCK);
            }
            st.blocked += 1;
            self.cond.wait(&mut st);
            st.blocked -= 1;
        }
        let peer = st.peers.get_mut(&token).ok_or(WsaError::WSAENOTCONN)?;
        if let Err(e) = peer.link.send_data(&self.engine, msg) {
            let code = super::link::failure_code(e);
            if let Some(peer) = st.peers.remove(&token) {
                self.end_peer(&mut st, peer, code, End::Abort);
            }
            return Err(WsaError(code));
        }
        Ok(msg.payload().len())
    }

    /// The engine found this session's handler panicking: every leaf's link is aborted and
    /// its c_leaf socket reports FD_CLOSE with `code`, an invitation in progress fails with
    /// `code`, the root stops listening, and its own receives end with `code`. Blocked calls
    /// wake: `accept` fails with WSAEINVAL, a root's `send` with WSAESHUTDOWN.
    pub(super) fn fail(&self, code: i32) {
        let mut st = self.st.lock();
        st.shut = true;
        if st.listening {
            let registered = if st.accept_paused {
                interest::NONE
            } else {
                interest::READ
            };
            if let Some(tcp) = &st.tcp {
                self.engine
                    .deregister(tcp.as_raw_fd(), st.listen_token, registered);
            }
            st.listening = false;
        }
        st.tcp = None;
        st.adm.drain();
        st.waiting.clear();
        let tokens: Vec<u64> = st.peers.keys().copied().collect();
        for t in tokens {
            let Some(peer) = st.peers.remove(&t) else {
                continue;
            };
            match peer.link.machine.phase {
                machine::Phase::Connecting | machine::Phase::AwaitReply => {
                    self.invite_failed(&mut st, peer, code)
                }
                _ => self.end_peer(&mut st, peer, code, End::Abort),
            }
        }
        if let Some(m) = self.root_socket().and_then(|r| r.rooted().cloned()) {
            m.set_close_code(code);
        }
        self.inbox.end();
        self.cond.notify_all();
    }

    /// `closesocket` (`full`) or `shutdown` on the root: dismantles the session.
    pub fn close(&self, full: bool) {
        let mut st = self.st.lock();
        if !st.shut {
            st.shut = true;
            crate::log::debug(format_args!(
                "rooted: dismantling a session of {} leaves",
                st.peers.len()
            ));
            if st.listening {
                let registered = if st.accept_paused {
                    interest::NONE
                } else {
                    interest::READ
                };
                if let Some(tcp) = &st.tcp {
                    self.engine
                        .deregister(tcp.as_raw_fd(), st.listen_token, registered);
                }
                st.listening = false;
            }
            st.tcp = None;
            st.adm.drain();
            let tokens: Vec<u64> = st.peers.keys().copied().collect();
            for t in tokens {
                let Some(mut peer) = st.peers.remove(&t) else {
                    continue;
                };
                // The engine reads what is left (the leaves' FIN) from now on.
                peer.link.release(&self.engine);
                let how = match peer.link.machine.phase {
                    machine::Phase::Joined => End::Graceful(wire::leave(wire::reason::CLOSED)),
                    machine::Phase::Pending => {
                        End::Graceful(wire::reject(WsaError::WSAECONNREFUSED.0))
                    }
                    machine::Phase::Closing => {
                        st.peers.insert(t, peer);
                        continue;
                    }
                    machine::Phase::Connecting | machine::Phase::AwaitReply => {
                        self.invite_failed(&mut st, peer, WsaError::WSAECONNREFUSED.0);
                        continue;
                    }
                    _ => End::Abort,
                };
                self.end_peer(&mut st, peer, 0, how);
            }
        }
        let _ = full;
        self.cond.notify_all();
    }

    /// `closesocket` (or `shutdown`) on the c_leaf socket of link `token`: evicts that leaf, or
    /// withdraws the invitation.
    pub fn evict(&self, token: u64) {
        let mut st = self.st.lock();
        let Some(mut peer) = st.peers.remove(&token) else {
            return;
        };
        if let Some(mut c) = peer.c.take() {
            c.released = true;
        }
        peer.link.release(&self.engine);
        match peer.link.machine.phase {
            machine::Phase::Joined => {
                crate::log::debug(format_args!("rooted: evicting {:?}", peer.link.peer));
                self.end_peer(
                    &mut st,
                    peer,
                    0,
                    End::Graceful(wire::leave(wire::reason::EVICTED)),
                );
            }
            machine::Phase::Connecting | machine::Phase::AwaitReply => {
                if let Some(cb) = peer.callee.take() {
                    cb(&[]);
                }
                st.invite = None;
                st.invite_done = Some((token, WsaError::WSAECANCELLED.0));
                peer.link.close(&self.engine, true);
                self.cond.notify_all();
            }
            _ => st.peers.insert(token, peer).map_or((), drop),
        }
    }

    pub fn local_addr(&self, token: Option<u64>) -> WsaResult<SockAddr> {
        let st = self.st.lock();
        match token {
            None => st.local.clone().ok_or(WsaError::WSAEINVAL),
            Some(t) => {
                let p = st.peers.get(&t).ok_or(WsaError::WSAENOTCONN)?;
                sys::getsockname(p.link.fd()).map_err(WsaError::from_errno)
            }
        }
    }

    pub fn peer_addr(&self, token: u64) -> WsaResult<SockAddr> {
        let st = self.st.lock();
        st.peers
            .get(&token)
            .map(|p| p.link.peer.clone())
            .ok_or(WsaError::WSAENOTCONN)
    }

    /// Whether every leaf the root sends to has its queue at most half full.
    pub(super) fn all_below_half(st: &RootState) -> bool {
        st.peers
            .values()
            .all(|p| !p.is_receiver() || p.link.queued() <= SEND_QUEUE_LIMIT / 2)
    }
}

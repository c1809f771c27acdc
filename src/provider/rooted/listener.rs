//! A c_leaf listening for invitations (root-initiated joins, docs/PROTOCOL.md §3): it accepts a
//! root's connection, takes its HELLO_INVITE, and holds it as a pending request until the
//! program admits it with `accept`/`WSAAccept`, which returns the leaf's session socket.

use super::admission::{Admissions, Request, Snapshot, Verdict};
use super::config::{self, HANDSHAKE_TIMEOUT};
use super::engine::{Cx, Engine, Handler, TokenMap};
use super::inbox::Inbox;
use super::leaf::LeafSession;
use super::link::{Link, Read};
use super::machine::{Event, Machine, Phase};
use super::member::{Member, Role};
use super::pair;
use super::wire::{self, Plane};
use crate::addr::SockAddr;
use crate::catalog::Entry;
use crate::error::{WsaError, WsaResult};
use crate::provider::{Adopt, Condition, Host};
use crate::sys::OwnedFd;
use crate::sys::{self, interest, ready};
use parking_lot::{Condvar, Mutex};
use std::os::fd::AsRawFd;
use std::sync::{Arc, Weak};
use std::time::Instant;

struct ListenState {
    tcp: Option<OwnedFd>,
    /// The listener's readiness is off because the backlog is full (`accept_more` resumes).
    accept_paused: bool,
    links: TokenMap<Link>,
    adm: Admissions,
    closed: bool,
}

pub struct LeafListener {
    engine: Arc<Engine>,
    entry: &'static Entry,
    family: i32,
    protocol: i32,
    flags: u32,
    plane: Plane,
    me: Weak<dyn Host>,
    this: Weak<LeafListener>,
    token: u64,
    st: Mutex<ListenState>,
    cond: Condvar,
}

impl LeafListener {
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        engine: Arc<Engine>,
        entry: &'static Entry,
        family: i32,
        protocol: i32,
        flags: u32,
        plane: Plane,
        tcp: OwnedFd,
        backlog: usize,
        me: Weak<dyn Host>,
    ) -> WsaResult<Arc<LeafListener>> {
        let token = engine.new_token();
        let fd = tcp.as_raw_fd();
        let mut adm = Admissions::new()?;
        adm.set_limit(backlog);
        let l = Arc::new_cyclic(|this| LeafListener {
            engine: engine.clone(),
            entry,
            family,
            protocol,
            flags,
            plane,
            me,
            this: this.clone(),
            token,
            st: Mutex::new(ListenState {
                tcp: Some(tcp),
                accept_paused: false,
                links: TokenMap::default(),
                adm,
                closed: false,
            }),
            cond: Condvar::new(),
        });
        let handler: Arc<dyn Handler> = l.clone();
        engine.register(fd, token, interest::READ, handler)?;
        let weak: Weak<dyn Handler> = l.this.clone();
        engine.add_ticker(weak);
        Ok(l)
    }

    pub fn has_pending(&self) -> bool {
        !self.st.lock().adm.is_empty()
    }

    /// `listen` again: a new backlog (`config::backlog`).
    pub fn set_backlog(&self, backlog: usize) -> WsaResult<()> {
        let mut st = self.st.lock();
        let fd = st.tcp.as_ref().ok_or(WsaError::WSAEINVAL)?.as_raw_fd();
        let os_backlog = i32::try_from(backlog).unwrap_or(i32::MAX);
        sys::listen(fd, os_backlog).map_err(WsaError::from_errno)?;
        st.adm.set_limit(backlog);
        self.accept_more(&mut st);
        Ok(())
    }

    /// Stops taking connections from the kernel's listen queue while the backlog is full.
    fn pause_accepting(&self, st: &mut ListenState) {
        if let (false, Some(tcp)) = (st.accept_paused, st.tcp.as_ref()) {
            self.engine
                .modify(tcp.as_raw_fd(), self.token, interest::READ, interest::NONE);
            st.accept_paused = true;
        }
    }

    /// Takes connections again once the backlog has room.
    fn accept_more(&self, st: &mut ListenState) {
        if !st.accept_paused || !st.adm.has_room() {
            return;
        }
        if let Some(tcp) = st.tcp.as_ref() {
            self.engine
                .modify(tcp.as_raw_fd(), self.token, interest::NONE, interest::READ);
        }
        st.accept_paused = false;
    }

    pub fn accept_signal_fd(&self) -> sys::Fd {
        self.st.lock().adm.signal_fd()
    }

    pub fn local_addr(&self) -> WsaResult<SockAddr> {
        let st = self.st.lock();
        let fd = st.tcp.as_ref().ok_or(WsaError::WSAEINVAL)?.as_raw_fd();
        sys::getsockname(fd).map_err(WsaError::from_errno)
    }

    /// `accept`/`WSAAccept`: admits the first pending invitation.
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
            |st| !st.closed,
            |st| &st.adm,
        )?;
        let verdict = snap.decide(decide);
        let mut st = self.st.lock();
        let req = st.adm.take(snap.token).ok_or(WsaError::WSAECONNRESET)?;
        if !matches!(verdict, Verdict::Defer) {
            self.accept_more(&mut st);
        }
        let token = req.token;
        let reject = |st: &mut ListenState, code: i32| {
            if let Some(mut link) = st.links.remove(&token) {
                let _ = link.send(&self.engine, &wire::reject(code));
                let _ = link.flush(&self.engine, Instant::now());
                link.close(&self.engine, false);
            }
        };
        match verdict {
            Verdict::Defer => {
                st.adm.put_back(req);
                Err(WsaError::WSATRY_AGAIN)
            }
            Verdict::Reject => {
                reject(&mut st, WsaError::WSAECONNREFUSED.0);
                Err(WsaError::WSAECONNREFUSED)
            }
            Verdict::Invalid => {
                reject(&mut st, WsaError::WSAECONNREFUSED.0);
                Err(WsaError::WSAEINVAL)
            }
            Verdict::Accept(callee) => {
                let mut link = st.links.remove(&req.token).ok_or(WsaError::WSAECONNRESET)?;
                drop(st);
                link.machine.admit();
                link.peer_hb_ms = req.hb_ms;
                link.since = Instant::now();
                let peer = link.peer.clone();
                let sock = self.make_session(parent, link, &callee)?;
                Ok((sock, peer))
            }
        }
    }

    /// Creates the invited leaf's session socket around `link` and answers ACCEPT.
    fn make_session<S: Adopt>(
        &self,
        parent: &S,
        mut link: Link,
        callee: &[u8],
    ) -> WsaResult<Arc<S>> {
        let (app, eng) = match pair::create() {
            Ok(p) => p,
            Err(e) => {
                let _ = link.send(&self.engine, &wire::reject(e.0));
                link.close(&self.engine, false);
                return Err(e);
            }
        };
        let inbox = Arc::new(Inbox::new(eng));
        if let Err(e) = link.send(&self.engine, &wire::accept(config::heartbeat_ms(), callee)) {
            link.close(&self.engine, true);
            return Err(WsaError::from_errno(e));
        }
        let member = Member::new(
            self.entry,
            self.family,
            self.protocol,
            self.flags,
            Role::Fresh { tcp: None },
            inbox.clone(),
        );
        let sock = match S::adopt_rooted(
            app,
            self.entry,
            self.family,
            self.protocol,
            self.flags,
            member.clone(),
            true,
            true,
        ) {
            Ok(s) => s,
            Err(e) => {
                link.close(&self.engine, true);
                return Err(e);
            }
        };
        member.bind_socket(&sock);
        let session = LeafSession::invited(
            self.engine.clone(),
            self.family,
            self.plane,
            inbox,
            link,
            Arc::downgrade(&sock) as Weak<dyn Host>,
        );
        member.set_role(Role::Leaf(session));
        if let Err(e) = sock.inherit_selection_from(parent) {
            // The program never sees this socket: close it (the leaf leaves the session).
            sock.close();
            return Err(e);
        }
        Ok(sock)
    }

    /// `closesocket`: stops listening and refuses every pending invitation.
    pub fn close(&self) {
        let mut st = self.st.lock();
        st.closed = true;
        if let Some(tcp) = st.tcp.take() {
            let registered = if st.accept_paused {
                interest::NONE
            } else {
                interest::READ
            };
            self.engine
                .deregister(tcp.as_raw_fd(), self.token, registered);
        }
        st.adm.drain();
        for (_, mut link) in st.links.drain() {
            if link.machine.phase == Phase::Pending {
                let _ = link.send(&self.engine, &wire::reject(WsaError::WSAECONNREFUSED.0));
                let _ = link.flush(&self.engine, Instant::now());
            }
            link.close(&self.engine, false);
        }
        self.cond.notify_all();
    }

    /// Takes connections while the backlog has room (then pauses), reading each one's HELLO at
    /// once (as the root does, `root_io.rs`).
    fn accept_ready(&self, st: &mut ListenState, cx: &mut Cx) {
        let Some(fd) = st.tcp.as_ref().map(|t| t.as_raw_fd()) else {
            return;
        };
        for _ in 0..64 {
            if !st.adm.has_room() {
                st.adm.log_if_handshakes_full();
                return self.pause_accepting(st);
            }
            let (conn, addr) = match super::accept_tcp(fd) {
                Ok(Some(c)) => c,
                _ => return,
            };
            let token = self.engine.new_token();
            let mut link = Link::new(conn, token, Machine::acceptor(false, self.plane), addr);
            let handler: Arc<dyn Handler> = match self.this.upgrade() {
                Some(h) => h,
                None => return,
            };
            if self
                .engine
                .register(link.fd(), token, interest::READ, handler)
                .is_err()
            {
                continue;
            }
            link.registered(interest::READ);
            st.adm.handshaking += 1;
            st.links.insert(token, link);
            self.link_ready(st, token, ready::READABLE, cx);
        }
    }

    fn link_ready(&self, st: &mut ListenState, token: u64, bits: sys::Ready, cx: &mut Cx) {
        let Some(mut link) = st.links.remove(&token) else {
            return;
        };
        if bits.intersects(ready::WRITABLE) && link.flush(&self.engine, cx.now).is_err() {
            return self.drop_link(st, link);
        }
        if !bits.intersects(ready::READABLE) {
            st.links.insert(token, link);
            return;
        }
        let (n, eof) = match link.read(&mut cx.scratch, cx.now) {
            Read::Data(n) => (n, false),
            Read::Again => {
                st.links.insert(token, link);
                return;
            }
            Read::Eof | Read::Failed(_) => (0, true),
        };
        if eof {
            return self.drop_link(st, link);
        }
        // A refusal moves the link out of AWAIT_HELLO while parsing: count it now.
        let was_handshaking = link.machine.phase == Phase::AwaitHello;
        let mut request = None;
        let mut refuse = None;
        let mut violation = None;
        let mut decoder = std::mem::take(&mut link.decoder);
        let machine = &mut link.machine;
        let result = decoder.feed(
            &cx.scratch[..n],
            &mut |ty, body| match machine.on_frame(ty, body) {
                Ok(Event::Request { jl, hb_ms, data }) => {
                    request = Some((jl, hb_ms, data.to_vec()));
                    true
                }
                Ok(Event::Refuse { code, why }) => {
                    refuse = Some((code, why));
                    false
                }
                Ok(_) => true,
                Err(v) => {
                    violation = Some(v.0);
                    false
                }
            },
        );
        link.decoder = decoder;
        if was_handshaking && link.machine.phase != Phase::AwaitHello {
            // It said HELLO (a request or a refusal): no longer a handshake.
            st.adm.handshaking = st.adm.handshaking.saturating_sub(1);
        }
        if let Err(e) = result {
            violation = Some(e.to_string());
        }
        if let Some(why) = violation {
            crate::log::warn(format_args!(
                "rooted: dropping connection from {:?}: {why}",
                link.peer
            ));
            return self.drop_link(st, link);
        }
        if let Some((code, why)) = refuse {
            crate::log::warn(format_args!("rooted: refusing {:?}: {why}", link.peer));
            let _ = link.send(&self.engine, &wire::reject(code));
            let _ = link.flush(&self.engine, cx.now);
            return self.drop_link(st, link);
        }
        if let Some((jl, hb_ms, data)) = request {
            // The backlog had room when the connection was accepted: it has now.
            if st.closed {
                let _ = link.send(&self.engine, &wire::reject(WsaError::WSAECONNREFUSED.0));
                let _ = link.flush(&self.engine, cx.now);
                link.close(&self.engine, false);
                return;
            }
            link.since = cx.now;
            st.adm.push(Request {
                token,
                peer: link.peer.clone(),
                local: sys::getsockname(link.fd()).unwrap_or_else(|_| SockAddr::empty()),
                jl,
                hb_ms,
                data,
                since: cx.now,
            });
            self.cond.notify_all();
            if let Some(s) = self.me.upgrade() {
                s.record_accept();
            }
        }
        st.links.insert(token, link);
    }

    fn drop_link(&self, st: &mut ListenState, link: Link) {
        if link.machine.phase == Phase::AwaitHello {
            st.adm.handshaking = st.adm.handshaking.saturating_sub(1);
        }
        st.adm.take(link.token);
        link.close(&self.engine, true);
    }
}

impl Handler for LeafListener {
    fn ready(&self, token: u64, bits: sys::Ready, cx: &mut Cx) {
        let mut st = self.st.lock();
        if token == self.token {
            self.accept_ready(&mut st, cx);
        } else {
            self.link_ready(&mut st, token, bits, cx);
            self.accept_more(&mut st);
        }
    }

    fn fail(&self, _code: i32) {
        // A listener has no connection to report on: it stops listening, as if closed
        // (pending invitations are refused; a blocked accept fails with WSAEINVAL).
        self.close();
    }

    fn tick(&self, cx: &mut Cx) -> bool {
        let mut st = self.st.lock();
        let now = cx.now;
        for token in st.adm.expired(now, config::timeouts().decision) {
            if let Some(mut link) = st.links.remove(&token) {
                let _ = link.send(&self.engine, &wire::reject(WsaError::WSAETIMEDOUT.0));
                let _ = link.flush(&self.engine, now);
                link.close(&self.engine, false);
            }
        }
        let stale: Vec<u64> = st
            .links
            .iter()
            .filter(|(_, l)| {
                l.machine.phase == Phase::AwaitHello
                    && now.saturating_duration_since(l.since) > HANDSHAKE_TIMEOUT
            })
            .map(|(t, _)| *t)
            .collect();
        for t in stale {
            let Some(link) = st.links.remove(&t) else {
                continue;
            };
            crate::log::warn(format_args!(
                "rooted: dropping connection from {:?}: no HELLO within the handshake timeout",
                link.peer
            ));
            self.drop_link(&mut st, link);
        }
        self.accept_more(&mut st);
        !st.closed || !st.links.is_empty()
    }
}

//! The engine's side of a root session: accepting leaves, reading their frames, delivering and
//! relaying, flushing, timeouts and heartbeats (docs/PROTOCOL.md §5, §6).

use super::admission::Request;
use super::config::{self, DIRECT_LINKS, HANDSHAKE_TIMEOUT, SEND_QUEUE_LIMIT};
use super::engine::{Cx, Handler};
use super::inbox::{Delivered, Sink};
use super::link::{failure_code, Link, Read};
use super::machine::{Event, Machine, Phase};
use super::root::{End, Peer, RootSession, RootState};
use super::wire::{self, Plane};
use crate::error::WsaError;
use crate::sys::{self, interest, ready};
use std::os::fd::AsRawFd;
use std::time::Instant;

/// What processing a read decided about the link.
enum Outcome {
    Continue,
    /// A protocol violation (logged), or an undecodable stream.
    Violation(String),
    /// A REJECT is queued: close after it.
    Refused,
    /// LEAVE received.
    Left,
    /// The invitation was rejected with this code.
    InviteFailed(i32),
}

impl RootSession {
    /// Ends `peer` (already removed from the map): reports `code` as FD_CLOSE on its c_leaf
    /// socket, withdraws it from every queue, and closes its link as `how` says.
    pub(super) fn end_peer(&self, st: &mut RootState, mut peer: Box<Peer>, code: i32, how: End) {
        let token = peer.link.token;
        st.adm.take(token);
        if let Some(cb) = peer.callee.take() {
            cb(&[]);
        }
        if let Some(c) = peer.c.take() {
            if let Some(m) = c
                .socket
                .upgrade()
                .and_then(|s| s.provider().rooted().cloned())
            {
                m.set_close_code(code);
            }
            // The end-of-file: FD_CLOSE at the socket.
            c.inbox.end();
        }
        st.waiting.retain(|t| *t != token);
        if st.invite == Some(token) {
            st.invite = None;
        }
        match how {
            End::Abort => peer.link.close(&self.engine, true),
            End::Close => peer.link.close(&self.engine, false),
            End::Graceful(_) | End::Linger => {
                peer.link.machine.closing();
                peer.link.since = Instant::now();
                let sent = match how {
                    End::Graceful(frame) => peer.link.send(&self.engine, &frame),
                    _ => Ok(()),
                };
                match sent {
                    Ok(()) => {
                        if peer.link.is_flushed() && !peer.fin_sent {
                            let _ = sys::shutdown(peer.link.fd(), libc::SHUT_WR);
                            peer.fin_sent = true;
                        }
                        st.peers.insert(token, peer);
                    }
                    Err(_) => peer.link.close(&self.engine, true),
                }
            }
        }
        self.cond.notify_all();
    }

    /// An invitation failed with `code`: FD_CONNECT on the root, FD_CLOSE on its c_leaf socket.
    pub(super) fn invite_failed(&self, st: &mut RootState, peer: Box<Peer>, code: i32) {
        let token = peer.link.token;
        crate::log::debug(format_args!(
            "rooted: invitation of {:?} failed: {}",
            peer.link.peer,
            WsaError(code)
        ));
        self.end_peer(st, peer, code, End::Abort);
        st.invite_done = Some((token, code));
        if let Some(r) = self.root_socket() {
            r.record_connect(code);
        }
    }

    /// The program made room in the root's inbox: paused links may read again.
    pub fn resume(&self) {
        let mut st = self.st.lock();
        self.relieve(&mut st);
    }

    /// A receive on the root found its inbox empty: while the root has at most
    /// `DIRECT_LINKS` joined leaves, the receiving thread reads their links itself instead of
    /// waiting for the engine (docs/PROTOCOL.md §8), under the session's lock (which makes it
    /// the links' only reader meanwhile). A blocking receive (`blocking`) of the rooted data
    /// plane keeps the links (`Link::direct`); a non-blocking one reads only links kept so.
    /// Writes into `wait` the links to wait on and returns how many (0: wait for the engine).
    pub fn read_direct(
        &self,
        wait: &mut [sys::Fd],
        blocking: bool,
        mut sink: Option<&mut Sink<'_>>,
    ) -> usize {
        let mut st = self.st.lock();
        // Relays are the engine's in the peer data plane: the links stay watched there.
        let claim = blocking && self.plane == Plane::Rooted;
        let mut tokens = [0u64; DIRECT_LINKS];
        let mut n = 0;
        for (t, p) in &st.peers {
            // A non-blocking receive reads only links the engine is not watching.
            if p.link.machine.is_joined() && !p.link.paused && (blocking || p.link.direct) {
                if n == DIRECT_LINKS {
                    return 0;
                }
                tokens[n] = *t;
                n += 1;
            }
        }
        if n == 0 {
            return 0;
        }
        if claim {
            for t in &tokens[..n] {
                if let Some(p) = st.peers.get_mut(t) {
                    p.link.claim(&self.engine);
                }
            }
        }
        super::engine::with_direct_cx(|cx| {
            for &t in &tokens[..n] {
                self.link_ready(&mut st, t, ready::READABLE, cx, sink.as_deref_mut());
            }
        });
        let mut k = 0;
        for p in st.peers.values() {
            if p.link.machine.is_joined() && !p.link.paused && k < wait.len() {
                wait[k] = p.link.fd();
                k += 1;
            }
        }
        k
    }

    /// Something other than a receive waits on the root's descriptor: the engine reads every
    /// link again.
    /// What arrived while the program read them itself is read now, so that the wait sees it
    /// at once.
    pub fn watch(&self) {
        let mut st = self.st.lock();
        let mut tokens = Vec::new();
        for (t, p) in st.peers.iter_mut() {
            if p.link.direct {
                p.link.release(&self.engine);
                tokens.push(*t);
            }
        }
        if tokens.is_empty() {
            return;
        }
        super::engine::with_direct_cx(|cx| {
            for t in tokens {
                self.link_ready(&mut st, t, ready::READABLE, cx, None);
            }
        });
        self.inbox.announce();
    }

    /// After progress: unplugs the root, wakes blocked senders, resumes paused links.
    pub(super) fn relieve(&self, st: &mut RootState) {
        if !(st.r_plugged || st.blocked > 0 || !st.waiting.is_empty()) {
            return;
        }
        let below_half = Self::all_below_half(st) && !self.inbox.is_full();
        if st.r_plugged && below_half {
            self.inbox.unplug();
            st.r_plugged = false;
        }
        if st.blocked > 0 {
            self.cond.notify_all();
        }
        if !st.waiting.is_empty()
            && self.inbox.has_room()
            && st
                .peers
                .values()
                .all(|p| p.link.queued() <= SEND_QUEUE_LIMIT)
        {
            for t in std::mem::take(&mut st.waiting) {
                if let Some(p) = st.peers.get_mut(&t) {
                    p.link.paused = false;
                    p.link.last_rx = Instant::now();
                    p.link.update_interest(&self.engine);
                }
            }
        }
    }

    /// Takes connections from the listener while the backlog has room (then pauses it), and
    /// reads each one's HELLO at once: it is usually there already, and a connection that
    /// said HELLO no longer counts against the handshake limit.
    fn accept_ready(&self, st: &mut RootState, cx: &mut Cx) {
        let Some(fd) = st.tcp.as_ref().map(|t| t.as_raw_fd()) else {
            return;
        };
        let Ok(handler) = self.handler() else {
            return;
        };
        for _ in 0..64 {
            if !st.adm.has_room() {
                st.adm.log_if_handshakes_full();
                return self.pause_accepting(st);
            }
            let (conn, addr) = match super::accept_tcp(fd) {
                Ok(Some(c)) => c,
                Ok(None) => return,
                Err(e) => {
                    crate::log::warn(format_args!(
                        "rooted: accept failed: {}",
                        WsaError::from_errno(e)
                    ));
                    return;
                }
            };
            let token = self.engine.new_token();
            let machine = Machine::acceptor(true, self.plane);
            let mut link = Link::new(conn, token, machine, addr);
            if self
                .engine
                .register(link.fd(), token, interest::READ, handler.clone())
                .is_err()
            {
                continue;
            }
            link.registered(interest::READ);
            st.adm.handshaking += 1;
            st.peers.insert(
                token,
                Box::new(Peer {
                    link,
                    c: None,
                    callee: None,
                    fin_sent: false,
                }),
            );
            self.link_ready(st, token, ready::READABLE, cx, None);
        }
    }

    /// `sink`: a direct read's receive buffers (see `inbox::Sink`).
    fn link_ready(
        &self,
        st: &mut RootState,
        token: u64,
        bits: sys::Ready,
        cx: &mut Cx,
        mut sink: Option<&mut Sink<'_>>,
    ) {
        let Some(mut peer) = st.peers.remove(&token) else {
            return;
        };
        let now = cx.now;
        if peer.link.machine.phase == Phase::Connecting
            && bits.intersects(ready::WRITABLE | ready::HANGUP)
        {
            let err = sys::take_socket_error(peer.link.fd());
            if err != 0 {
                self.invite_failed(st, peer, WsaError::from_errno(err).0);
                return;
            }
            peer.link.machine.connected();
            peer.link.since = now;
        }
        if bits.intersects(ready::WRITABLE) {
            match peer.link.flush(&self.engine, now) {
                Err(e) => return self.link_failed(st, peer, failure_code(e)),
                Ok(done) => {
                    if done && peer.link.machine.phase == Phase::Closing && !peer.fin_sent {
                        let _ = sys::shutdown(peer.link.fd(), libc::SHUT_WR);
                        peer.fin_sent = true;
                    }
                }
            }
            if let Some(c) = peer.c.as_mut() {
                if c.plugged && peer.link.queued() <= SEND_QUEUE_LIMIT / 2 {
                    c.inbox.unplug();
                    c.plugged = false;
                }
            }
        }
        if bits.intersects(ready::READABLE) && !peer.link.paused {
            // A receiving thread reads once: what one read brings is usually all there is.
            let reads = if cx.direct { 1 } else { 4 };
            for _ in 0..reads {
                match peer.link.read(&mut cx.scratch, now) {
                    Read::Data(n) => {
                        let outcome = self.process(st, &mut peer, n, now, cx, sink.as_deref_mut());
                        match outcome {
                            Outcome::Continue => {}
                            Outcome::Violation(why) => {
                                crate::log::warn(format_args!(
                                    "rooted: dropping link {:?}: {why}",
                                    peer.link.peer
                                ));
                                return self.link_failed(st, peer, WsaError::WSAECONNABORTED.0);
                            }
                            Outcome::Refused => {
                                return self.end_peer(st, peer, 0, End::Linger);
                            }
                            Outcome::Left => return self.end_peer(st, peer, 0, End::Close),
                            Outcome::InviteFailed(code) => {
                                return self.invite_failed(st, peer, code)
                            }
                        }
                        // A short read emptied the socket: another would find nothing (the
                        // poller is level-triggered and reports what arrives later).
                        if peer.link.paused || n < cx.scratch.len() {
                            break;
                        }
                    }
                    Read::Again => break,
                    Read::Eof => {
                        let code = WsaError::WSAECONNRESET.0;
                        return self.link_failed(st, peer, code);
                    }
                    Read::Failed(e) => return self.link_failed(st, peer, failure_code(e)),
                }
            }
        }
        st.peers.insert(token, peer);
        self.relieve(st);
    }

    /// A link failed or reached end-of-file in whatever state it was.
    fn link_failed(&self, st: &mut RootState, peer: Box<Peer>, code: i32) {
        match peer.link.machine.phase {
            Phase::AwaitHello => {
                st.adm.handshaking = st.adm.handshaking.saturating_sub(1);
                peer.link.close(&self.engine, true);
            }
            Phase::Connecting | Phase::AwaitReply => {
                let code = if code == WsaError::WSAECONNRESET.0 {
                    WsaError::WSAECONNREFUSED.0
                } else {
                    code
                };
                self.invite_failed(st, peer, code);
            }
            Phase::Closing | Phase::Closed => peer.link.close(&self.engine, false),
            Phase::Pending | Phase::Joined => {
                if peer.link.machine.is_joined() {
                    crate::log::debug(format_args!(
                        "rooted: leaf {:?} gone: {}",
                        peer.link.peer,
                        WsaError(code)
                    ));
                }
                self.end_peer(st, peer, code, End::Abort);
            }
        }
        self.relieve(st);
    }

    /// Feeds `n` bytes read from `peer`'s link (in `cx.scratch`) through its decoder and state
    /// machine. Deliveries to the root are staged and relays queued, then each is written once
    /// for the whole read.
    fn process(
        &self,
        st: &mut RootState,
        peer: &mut Peer,
        n: usize,
        now: Instant,
        cx: &mut Cx,
        sink: Option<&mut Sink<'_>>,
    ) -> Outcome {
        let Cx {
            scratch,
            dirty,
            direct,
            announce,
            ..
        } = cx;
        let direct = *direct;
        let data = &scratch[..n];
        let mut outcome = Outcome::Continue;
        let mut relay_failed = Vec::new();
        let mut decoder = std::mem::take(&mut peer.link.decoder);
        let from = peer.link.peer.to_std();
        // Everything this read delivers to the root goes into its inbox under one lock.
        let mut batch = self.inbox.batch(sink);
        let result = decoder.feed(data, &mut |ty, body| {
            let event = match peer.link.machine.on_frame(ty, body) {
                Ok(e) => e,
                Err(v) => {
                    outcome = Outcome::Violation(v.0);
                    return false;
                }
            };
            match event {
                Event::Request { jl, hb_ms, data } => {
                    st.adm.handshaking = st.adm.handshaking.saturating_sub(1);
                    // The backlog had room when the connection was accepted: it has now.
                    if st.shut {
                        let refused = wire::reject(WsaError::WSAECONNREFUSED.0);
                        let _ = peer.link.send(&self.engine, &refused);
                        outcome = Outcome::Refused;
                        return false;
                    }
                    st.adm.push(Request {
                        token: peer.link.token,
                        peer: peer.link.peer.clone(),
                        local: sys::getsockname(peer.link.fd()).unwrap_or_else(|_| {
                            st.local
                                .clone()
                                .unwrap_or_else(crate::addr::SockAddr::empty)
                        }),
                        jl,
                        hb_ms,
                        data: data.to_vec(),
                        since: now,
                    });
                    self.cond.notify_all();
                    if let Some(r) = self.root_socket() {
                        r.record_accept();
                    }
                    true
                }
                Event::Refuse { code, why } => {
                    crate::log::warn(format_args!("rooted: refusing {:?}: {why}", peer.link.peer));
                    st.adm.handshaking = st.adm.handshaking.saturating_sub(1);
                    let _ = peer.link.send(&self.engine, &wire::reject(code));
                    outcome = Outcome::Refused;
                    false
                }
                Event::Accepted { hb_ms, data } => {
                    peer.link.peer_hb_ms = hb_ms;
                    peer.link.since = now;
                    if let Some(cb) = peer.callee.take() {
                        cb(data);
                    }
                    if let Some(c) = peer.c.as_ref().and_then(|c| c.socket.upgrade()) {
                        c.mark_connected();
                    }
                    st.invite = None;
                    st.invite_done = Some((peer.link.token, 0));
                    self.cond.notify_all();
                    if let Some(r) = self.root_socket() {
                        r.record_connect(0);
                    }
                    true
                }
                Event::Rejected { code } => {
                    outcome = Outcome::InviteFailed(code);
                    false
                }
                Event::Deliver { payload, .. } => {
                    #[cfg(debug_assertions)]
                    super::engine::injected_panic(payload, direct);
                    batch.push(from, payload);
                    if self.plane == Plane::Peer {
                        if let Some(origin) = from {
                            let frame = wire::relay(origin, payload);
                            for (t, p) in st.peers.iter_mut() {
                                if p.is_receiver() {
                                    if p.link.enqueue(&frame) {
                                        dirty.push(*t);
                                    }
                                    if p.link.queued() > SEND_QUEUE_LIMIT {
                                        peer.link.paused = true;
                                    }
                                }
                            }
                        }
                    }
                    true
                }
                Event::Heartbeat | Event::Ignored => true,
                Event::Left => {
                    outcome = Outcome::Left;
                    false
                }
            }
        });
        peer.link.decoder = decoder;
        if let Err(e) = result {
            outcome = Outcome::Violation(e.to_string());
        }
        let verdict = if direct {
            batch.finish_quiet()
        } else {
            let (verdict, appended) = batch.finish_later();
            if appended {
                super::engine::announce_later(announce, &self.inbox);
            }
            verdict
        };
        if verdict == Delivered::Full {
            peer.link.paused = true;
            self.inbox.mark_paused();
        }
        for t in dirty.drain(..) {
            if let Some(p) = st.peers.get_mut(&t) {
                if let Err(e) = p.link.flush(&self.engine, now) {
                    relay_failed.push((t, e));
                }
            }
        }
        for (t, e) in relay_failed {
            if let Some(p) = st.peers.remove(&t) {
                self.end_peer(st, p, failure_code(e), End::Abort);
            }
        }
        if peer.link.paused && matches!(outcome, Outcome::Continue) {
            peer.link.update_interest(&self.engine);
            st.waiting.push(peer.link.token);
        }
        outcome
    }
}

impl Handler for RootSession {
    fn ready(&self, token: u64, bits: sys::Ready, cx: &mut Cx) {
        let mut st = self.st.lock();
        if token == st.listen_token {
            return self.accept_ready(&mut st, cx);
        }
        self.link_ready(&mut st, token, bits, cx, None);
        self.accept_more(&mut st);
    }

    fn fail(&self, code: i32) {
        RootSession::fail(self, code);
    }

    fn tick(&self, cx: &mut Cx) -> bool {
        let now = cx.now;
        let t = config::timeouts();
        let mut st = self.st.lock();
        for token in st.adm.expired(now, t.decision) {
            if let Some(peer) = st.peers.remove(&token) {
                crate::log::info(format_args!(
                    "rooted: join request from {:?} not decided in time",
                    peer.link.peer
                ));
                let reject = wire::reject(WsaError::WSAETIMEDOUT.0);
                self.end_peer(&mut st, peer, 0, End::Graceful(reject));
            }
        }
        let tokens: Vec<u64> = st.peers.keys().copied().collect();
        for token in tokens {
            let Some(peer) = st.peers.get_mut(&token) else {
                continue;
            };
            peer.link.tick_direct(&self.engine);
            let age = now.saturating_duration_since(peer.link.since);
            let verdict: Option<(i32, &str)> = match peer.link.machine.phase {
                Phase::AwaitHello if age > HANDSHAKE_TIMEOUT => {
                    Some((0, "no HELLO within the handshake timeout"))
                }
                Phase::Connecting | Phase::AwaitReply if age > t.decision + HANDSHAKE_TIMEOUT => {
                    Some((WsaError::WSAETIMEDOUT.0, "invitation not answered in time"))
                }
                Phase::Joined if peer.link.silent(now) => {
                    Some((WsaError::WSAECONNABORTED.0, "heartbeat timeout"))
                }
                Phase::Joined if peer.link.stalled(now) => Some((
                    WsaError::WSAECONNABORTED.0,
                    "stopped reading (stall timeout)",
                )),
                Phase::Joined => match peer.link.heartbeat_due(&self.engine, now) {
                    Ok(()) => None,
                    Err(e) => Some((failure_code(e), "send failed")),
                },
                Phase::Closing if age > config::CLOSE_LINGER => Some((0, "close timed out")),
                _ => None,
            };
            if let Some((code, why)) = verdict {
                let Some(peer) = st.peers.remove(&token) else {
                    continue;
                };
                crate::log::warn(format_args!(
                    "rooted: dropping link {:?}: {why}",
                    peer.link.peer
                ));
                match peer.link.machine.phase {
                    Phase::Joined => self.end_peer(&mut st, peer, code, End::Abort),
                    _ => self.link_failed(&mut st, peer, code),
                }
            }
        }
        self.relieve(&mut st);
        self.accept_more(&mut st);
        self.inbox.trim();
        for p in st.peers.values() {
            if let Some(c) = &p.c {
                c.inbox.trim();
            }
        }
        !(st.shut && st.peers.is_empty())
    }
}

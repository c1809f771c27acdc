//! A leaf's membership in a session (docs/PROTOCOL.md §3): the c_leaf socket that joined a root
//! with `WSAJoinLeaf`, or that `accept` returned for an invitation. One link, to the root.

use super::config::{self, HANDSHAKE_TIMEOUT, SEND_QUEUE_LIMIT};
use super::engine::{Cx, Engine, Handler};
use super::inbox::{Delivered, Inbox, Sink};
use super::link::{failure_code, Link, Read};
use super::machine::{self, Event, Machine, Phase};
use super::outgoing::Outgoing;
use super::pair;
use super::wire::{self, Plane};
use super::CalleeFill;
use crate::addr::SockAddr;
use crate::error::{WsaError, WsaResult};
use crate::provider::{Adopt, Host};
use crate::sys::OwnedFd;
use crate::sys::{self, interest, ready};
use parking_lot::{Condvar, Mutex};
use std::os::fd::AsRawFd;
use std::sync::{Arc, Weak};
use std::time::Instant;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum State {
    Idle,
    Joining,
    Joined,
    /// The last join failed with this code (another may be tried).
    Failed(i32),
    /// The membership ended with this FD_CLOSE code.
    Ended(i32),
}

struct LeafState {
    link: Option<Link>,
    bound: Option<OwnedFd>,
    state: State,
    ever_joined: bool,
    callee: Option<CalleeFill>,
    local: Option<SockAddr>,
    plugged: bool,
    blocked: usize,
    fin_sent: bool,
}

pub struct LeafSession {
    engine: Arc<Engine>,
    family: i32,
    plane: Plane,
    /// The socket's inbox (ended when the membership ends: FD_CLOSE after the last message).
    inbox: Arc<Inbox>,
    me: Weak<dyn Host>,
    this: Weak<LeafSession>,
    st: Mutex<LeafState>,
    cond: Condvar,
}

impl LeafSession {
    /// A fresh c_leaf's membership, before its first `WSAJoinLeaf`.
    pub fn new(
        engine: Arc<Engine>,
        family: i32,
        plane: Plane,
        inbox: Arc<Inbox>,
        bound: Option<OwnedFd>,
        me: Weak<dyn Host>,
    ) -> Arc<LeafSession> {
        Self::build(engine, family, plane, inbox, bound, me, None, State::Idle)
    }

    /// The membership of a socket `accept` returned for an invitation: `link` is joined (its
    /// ACCEPT is being sent by the caller).
    pub fn invited(
        engine: Arc<Engine>,
        family: i32,
        plane: Plane,
        inbox: Arc<Inbox>,
        link: Link,
        me: Weak<dyn Host>,
    ) -> Arc<LeafSession> {
        let token_link = link.token;
        let s = Self::build(
            engine,
            family,
            plane,
            inbox,
            None,
            me,
            Some(link),
            State::Joined,
        );
        let handler: Arc<dyn Handler> = s.clone();
        s.engine.retarget(token_link, handler);
        s
    }

    #[allow(clippy::too_many_arguments)]
    fn build(
        engine: Arc<Engine>,
        family: i32,
        plane: Plane,
        inbox: Arc<Inbox>,
        bound: Option<OwnedFd>,
        me: Weak<dyn Host>,
        link: Option<Link>,
        state: State,
    ) -> Arc<LeafSession> {
        let local = link
            .as_ref()
            .and_then(|l| sys::getsockname(l.fd()).ok())
            .or_else(|| {
                bound
                    .as_ref()
                    .and_then(|b| sys::getsockname(b.as_raw_fd()).ok())
            });
        let s = Arc::new_cyclic(|this| LeafSession {
            engine,
            family,
            plane,
            inbox,
            me,
            this: this.clone(),
            st: Mutex::new(LeafState {
                link,
                bound,
                state,
                ever_joined: state == State::Joined,
                callee: None,
                local,
                plugged: false,
                blocked: 0,
                fin_sent: false,
            }),
            cond: Condvar::new(),
        });
        let weak: Weak<dyn Handler> = s.this.clone();
        s.engine.add_ticker(weak);
        s
    }

    fn handler(&self) -> WsaResult<Arc<dyn Handler>> {
        match self.this.upgrade() {
            Some(h) => Ok(h),
            None => Err(WsaError::WSAENOTSOCK),
        }
    }

    pub fn ever_joined(&self) -> bool {
        self.st.lock().ever_joined
    }

    /// `WSAJoinLeaf(leaf, root, ...)`.
    pub fn join(
        &self,
        to: &SockAddr,
        caller: &[u8],
        callee: Option<CalleeFill>,
        jl: u8,
        blocking: bool,
    ) -> WsaResult<()> {
        let mut st = self.st.lock();
        match st.state {
            State::Joining => return Err(WsaError::WSAEALREADY),
            State::Joined | State::Ended(_) => return Err(WsaError::WSAEISCONN),
            State::Idle | State::Failed(_) => {}
        }
        let tcp = match st.bound.take() {
            Some(b) => b,
            None => super::tcp_socket(self.family)?,
        };
        super::start_connect(tcp.as_raw_fd(), to)?;
        let token = self.engine.new_token();
        let machine = Machine::asker(false, self.plane, jl);
        let mut link = Link::new(tcp, token, machine, to.clone());
        let hello = wire::hello(false, jl, self.plane, config::heartbeat_ms(), caller);
        link.send(&self.engine, &hello)
            .map_err(WsaError::from_errno)?;
        let want = interest::READ | interest::WRITE;
        self.engine
            .register(link.fd(), token, want, self.handler()?)?;
        link.registered(want);
        st.local = sys::getsockname(link.fd()).ok();
        st.link = Some(link);
        st.callee = callee;
        st.state = State::Joining;
        if !blocking {
            return Ok(());
        }
        while st.state == State::Joining {
            self.cond.wait(&mut st);
        }
        match st.state {
            // Joined, possibly ended already (the root may have closed meanwhile): the join
            // itself succeeded, and the socket reports the end as usual.
            _ if st.ever_joined => Ok(()),
            State::Failed(code) if code != 0 => Err(WsaError(code)),
            _ => Err(WsaError::WSAEINTR),
        }
    }

    pub fn send<S: Adopt>(
        &self,
        sock: &S,
        msg: &mut Outgoing,
        loopback: bool,
        nonblocking: bool,
    ) -> WsaResult<usize> {
        let mut st = self.st.lock();
        loop {
            match st.state {
                State::Joined => {}
                State::Ended(code) if code != 0 => return Err(WsaError(code)),
                _ => return Err(WsaError::WSAENOTCONN),
            }
            let link = st.link.as_ref().ok_or(WsaError::WSAENOTCONN)?;
            if !machine::sends(link.machine.jl) {
                return Err(WsaError::WSAESHUTDOWN);
            }
            // The loopback copy is bounded too (see RootSession::send_all).
            let own_full = loopback && self.inbox.is_full();
            if link.has_room(msg.frame().len()) && !own_full {
                break;
            }
            if nonblocking {
                if !st.plugged {
                    pair::plug(sock.fd());
                    st.plugged = true;
                }
                return Err(WsaError::WSAEWOULDBLOCK);
            }
            st.blocked += 1;
            self.cond.wait(&mut st);
            st.blocked -= 1;
        }
        let Some(link) = st.link.as_mut() else {
            return Err(WsaError::WSAENOTCONN);
        };
        let jl = link.machine.jl;
        if let Err(e) = link.send_data(&self.engine, msg) {
            let code = failure_code(e);
            self.end(&mut st, code, true);
            return Err(WsaError(code));
        }
        if loopback && machine::receives(jl) {
            let from = st.local.clone().unwrap_or_else(SockAddr::empty);
            self.inbox.push(&from, msg.payload());
        }
        Ok(msg.payload().len())
    }

    /// `closesocket` or `shutdown`: leaves the session (LEAVE, then FIN).
    pub fn close(&self) {
        let mut st = self.st.lock();
        match st.state {
            State::Joined => {
                if let Some(link) = st.link.as_mut() {
                    // The engine reads what is left (the root's FIN) from now on.
                    link.release(&self.engine);
                    link.machine.closing();
                    link.since = Instant::now();
                    let _ = link.send(&self.engine, &wire::leave(wire::reason::CLOSED));
                    if link.is_flushed() {
                        let _ = sys::shutdown(link.fd(), libc::SHUT_WR);
                        st.fin_sent = true;
                    }
                }
                st.state = State::Ended(0);
            }
            State::Joining => {
                if let Some(link) = st.link.take() {
                    link.close(&self.engine, true);
                }
                st.state = State::Failed(WsaError::WSAEINTR.0);
            }
            _ => {}
        }
        self.cond.notify_all();
    }

    pub fn local_addr(&self) -> WsaResult<SockAddr> {
        self.st.lock().local.clone().ok_or(WsaError::WSAEINVAL)
    }

    pub fn peer_addr(&self) -> WsaResult<SockAddr> {
        let st = self.st.lock();
        match (&st.link, st.state) {
            (Some(l), State::Joined) => Ok(l.peer.clone()),
            _ => Err(WsaError::WSAENOTCONN),
        }
    }

    /// The membership ends with FD_CLOSE `code` (or, while joining, the join fails).
    fn end(&self, st: &mut LeafState, code: i32, abort: bool) {
        if let Some(link) = st.link.take() {
            link.close(&self.engine, abort);
        }
        let sock = self.me.upgrade();
        if st.state == State::Joining {
            st.state = State::Failed(code);
            if let Some(cb) = st.callee.take() {
                cb(&[]);
            }
            if let Some(s) = sock {
                s.join_completed(code);
            }
        } else if st.state == State::Joined {
            st.state = State::Ended(code);
            if let Some(m) = sock.as_ref().and_then(|s| s.provider().rooted()) {
                m.set_close_code(code);
            }
            // End-of-file once everything delivered was read.
            self.inbox.end();
        }
        self.cond.notify_all();
    }

    /// The program made room in the inbox: a paused link may read again.
    pub fn resume(&self) {
        let mut st = self.st.lock();
        if let Some(link) = st.link.as_mut() {
            if link.paused && self.inbox.has_room() {
                link.paused = false;
                link.last_rx = Instant::now();
                link.update_interest(&self.engine);
            }
        }
    }

    /// A receive found the inbox empty: the receiving thread reads the link itself instead of
    /// waiting for the engine (docs/PROTOCOL.md §8). The session's lock makes it the link's
    /// only reader meanwhile; heartbeats, back-pressure and the end of the membership are
    /// handled as the engine handles them. With `claim` (a blocking receive), the link stays
    /// the program's to read (`Link::direct`); without (a non-blocking receive), only a link
    /// that already is the program's is read. Writes into `wait` the link to wait on (while
    /// it stays joined and unpaused) and returns how many (0 or 1).
    pub fn read_direct(
        &self,
        wait: &mut [sys::Fd],
        claim: bool,
        sink: Option<&mut Sink<'_>>,
    ) -> usize {
        let mut st = self.st.lock();
        let usable = |st: &LeafState| {
            st.state == State::Joined
                && st
                    .link
                    .as_ref()
                    .is_some_and(|l| !l.paused && l.machine.phase == Phase::Joined)
        };
        if !usable(&st) {
            return 0;
        }
        // A non-blocking receive reads only a link the engine is not watching: otherwise the
        // engine's token already tells the program's wait (select, events) about new data.
        if !claim && !st.link.as_ref().is_some_and(|l| l.direct) {
            return 0;
        }
        if claim {
            if let Some(link) = st.link.as_mut() {
                link.claim(&self.engine);
            }
        }
        super::engine::with_direct_cx(|cx| self.on_link(&mut st, ready::READABLE, cx, sink));
        match (&st.link, wait.first_mut()) {
            (Some(link), Some(slot)) if usable(&st) => {
                *slot = link.fd();
                1
            }
            _ => 0,
        }
    }

    /// Something other than a receive waits on the socket's descriptor: the engine reads the
    /// link again (and so raises the token for what arrives).
    /// What arrived while the program read the link itself is read now, so that the wait
    /// sees it at once.
    pub fn watch(&self) {
        let mut st = self.st.lock();
        let Some(link) = st.link.as_mut() else {
            return;
        };
        if !link.direct {
            return;
        }
        link.release(&self.engine);
        if !link.paused {
            super::engine::with_direct_cx(|cx| self.on_link(&mut st, ready::READABLE, cx, None));
        }
        self.inbox.announce();
    }

    /// `sink`: a direct read's receive buffers (see `inbox::Sink`).
    fn on_link(
        &self,
        st: &mut LeafState,
        bits: sys::Ready,
        cx: &mut Cx,
        mut sink: Option<&mut Sink<'_>>,
    ) {
        let now = cx.now;
        let Some(link) = st.link.as_mut() else {
            return;
        };
        if link.machine.phase == Phase::Connecting
            && bits.intersects(ready::WRITABLE | ready::HANGUP)
        {
            let err = sys::take_socket_error(link.fd());
            if err != 0 {
                return self.end(st, WsaError::from_errno(err).0, true);
            }
            link.machine.connected();
            link.since = now;
            st.local = sys::getsockname(link.fd()).ok();
        }
        let Some(link) = st.link.as_mut() else {
            return;
        };
        if bits.intersects(ready::WRITABLE) {
            match link.flush(&self.engine, now) {
                Err(e) => return self.end(st, failure_code(e), true),
                Ok(done) => {
                    if done && link.machine.phase == Phase::Closing && !st.fin_sent {
                        let _ = sys::shutdown(link.fd(), libc::SHUT_WR);
                        st.fin_sent = true;
                    }
                }
            }
            if st.plugged && link.queued() <= SEND_QUEUE_LIMIT / 2 && !self.inbox.is_full() {
                self.inbox.unplug();
                st.plugged = false;
            }
            if st.blocked > 0 {
                self.cond.notify_all();
            }
        }
        if !bits.intersects(ready::READABLE) {
            return;
        }
        // A receiving thread reads once: what one read brings is usually all there is.
        let reads = if cx.direct { 1 } else { 4 };
        for _ in 0..reads {
            let Some(link) = st.link.as_mut() else {
                return;
            };
            if link.paused {
                return;
            }
            match link.read(&mut cx.scratch, now) {
                Read::Data(n) => {
                    let data = &cx.scratch[..n];
                    if !self.process(st, data, cx.direct, &mut cx.announce, sink.as_deref_mut()) {
                        return;
                    }
                    if n < cx.scratch.len() {
                        // A short read emptied the socket: another would find nothing (the
                        // poller is level-triggered and reports what arrives later).
                        return;
                    }
                }
                Read::Again => return,
                Read::Eof => {
                    let code = match st.state {
                        State::Joining => WsaError::WSAECONNREFUSED.0,
                        _ => WsaError::WSAECONNRESET.0,
                    };
                    let closing = link.machine.phase == Phase::Closing;
                    return self.end(st, if closing { 0 } else { code }, false);
                }
                Read::Failed(e) => return self.end(st, failure_code(e), true),
            }
        }
    }

    /// Runs received bytes through the decoder and state machine; the messages are delivered
    /// together at the end (`direct`: without the token, see `Cx::direct`). False: the link
    /// ended.
    fn process(
        &self,
        st: &mut LeafState,
        data: &[u8],
        direct: bool,
        announce: &mut Vec<Arc<Inbox>>,
        sink: Option<&mut Sink<'_>>,
    ) -> bool {
        enum Outcome {
            Continue,
            Violation(String),
            Rejected(i32),
            Left,
        }
        let mut joined = false;
        let mut outcome = Outcome::Continue;
        let Some(link) = st.link.as_mut() else {
            return false;
        };
        let mut decoder = std::mem::take(&mut link.decoder);

        let machine = &mut link.machine;
        let mut peer_hb = None;
        let mut callee_data: Option<Vec<u8>> = None;
        let mut pause = false;
        let root_std = link.peer.to_std();
        // Everything this read delivers goes into the inbox under one lock.
        let mut batch = self.inbox.batch(sink);
        let result = decoder.feed(data, &mut |ty, body| match machine.on_frame(ty, body) {
            Err(v) => {
                outcome = Outcome::Violation(v.0);
                false
            }
            Ok(Event::Accepted { hb_ms, data }) => {
                peer_hb = Some(hb_ms);
                callee_data = Some(data.to_vec());
                joined = true;
                true
            }
            Ok(Event::Rejected { code }) => {
                outcome = Outcome::Rejected(code);
                false
            }
            Ok(Event::Deliver { payload, origin }) => {
                #[cfg(debug_assertions)]
                super::engine::injected_panic(payload, direct);
                batch.push(origin.or(root_std), payload);
                true
            }
            Ok(Event::Left) => {
                outcome = Outcome::Left;
                false
            }
            Ok(Event::Heartbeat | Event::Ignored) => true,
            Ok(Event::Request { .. } | Event::Refuse { .. }) => {
                outcome = Outcome::Violation("a request at a joining leaf".into());
                false
            }
        });
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
            pause = true;
            self.inbox.mark_paused();
        }
        if let Some(link) = st.link.as_mut() {
            link.decoder = decoder;
            if let Some(hb) = peer_hb {
                link.peer_hb_ms = hb;
            }
            if pause {
                link.paused = true;
                link.update_interest(&self.engine);
            }
        }
        if let Err(e) = result {
            outcome = Outcome::Violation(e.to_string());
        }
        if joined {
            // First, even if the same read also ended the membership.
            st.state = State::Joined;
            st.ever_joined = true;
            if let Some(cb) = st.callee.take() {
                cb(callee_data.as_deref().unwrap_or(&[]));
            }
            if let Some(s) = self.me.upgrade() {
                s.join_completed(0);
            }
            self.cond.notify_all();
        }
        match outcome {
            Outcome::Continue => true,
            Outcome::Rejected(code) => {
                self.end(st, code, false);
                false
            }
            Outcome::Left => {
                self.end(st, 0, false);
                false
            }
            Outcome::Violation(why) => {
                let root = st.link.as_ref().map(|l| l.peer.clone());
                crate::log::warn(format_args!("rooted: dropping link {root:?}: {why}"));
                self.end(st, WsaError::WSAECONNABORTED.0, true);
                false
            }
        }
    }
}

impl Handler for LeafSession {
    fn ready(&self, token: u64, bits: sys::Ready, cx: &mut Cx) {
        let mut st = self.st.lock();
        if st.link.as_ref().is_some_and(|l| l.token == token) {
            self.on_link(&mut st, bits, cx, None);
        }
    }

    fn fail(&self, code: i32) {
        let mut st = self.st.lock();
        // A join in progress fails with `code`; a membership ends with FD_CLOSE `code`.
        self.end(&mut st, code, true);
    }

    fn tick(&self, cx: &mut Cx) -> bool {
        let now = cx.now;
        let t = config::timeouts();
        let mut st = self.st.lock();
        let verdict = match st.link.as_mut() {
            None => None,
            Some(link) => {
                link.tick_direct(&self.engine);
                let age = now.saturating_duration_since(link.since);
                match link.machine.phase {
                    Phase::Connecting | Phase::AwaitReply
                        if age > t.decision + HANDSHAKE_TIMEOUT =>
                    {
                        Some((WsaError::WSAETIMEDOUT.0, "no answer to the join"))
                    }
                    Phase::Joined if link.silent(now) => {
                        Some((WsaError::WSAECONNABORTED.0, "heartbeat timeout"))
                    }
                    Phase::Joined if link.stalled(now) => {
                        Some((WsaError::WSAECONNABORTED.0, "the root stopped reading"))
                    }
                    Phase::Joined => match link.heartbeat_due(&self.engine, now) {
                        Ok(()) => None,
                        Err(e) => Some((failure_code(e), "send failed")),
                    },
                    Phase::Closing if age > config::CLOSE_LINGER => Some((0, "close timed out")),
                    _ => None,
                }
            }
        };
        if let Some((code, why)) = verdict {
            let peer = st.link.as_ref().map(|l| l.peer.clone());
            crate::log::warn(format_args!("rooted: dropping link {peer:?}: {why}"));
            self.end(&mut st, code, true);
        }
        drop(st);
        self.inbox.trim();
        let st = self.st.lock();
        self.me.strong_count() > 0 || st.link.is_some()
    }
}

//! Requests waiting for the program's decision at a listening socket: join requests at a
//! c_root, invitations at a listening c_leaf (docs/PROTOCOL.md §5, PENDING), and the condition
//! function call that decides them.

use super::config::{MAX_BACKLOG, MAX_HANDSHAKING};
use super::wire::MAX_CONNECT_DATA;
use crate::addr::SockAddr;
use crate::error::{WsaError, WsaResult};
use crate::provider::{Admission, Condition, Offer};
use crate::sys::{Fd, Signal};
use parking_lot::{Condvar, MutexGuard};
use std::collections::VecDeque;
use std::time::{Duration, Instant};

/// One pending request (its link stays with the session or listener under `token`).
pub struct Request {
    pub token: u64,
    /// The asking side's address: `lpCallerId`, and what `accept` reports.
    pub peer: SockAddr,
    /// This side's address on that connection: `lpCalleeId`.
    pub local: SockAddr,
    /// The asking side's `JL_*` flags (kept for diagnostics; the link's machine applies them).
    #[allow(dead_code)]
    pub jl: u8,
    pub hb_ms: u32,
    pub data: Vec<u8>,
    pub since: Instant,
}

/// What the program decided.
pub enum Verdict {
    /// Admit, answering with this callee data.
    Accept(Vec<u8>),
    Reject,
    Defer,
    /// The condition function returned something else.
    Invalid,
}

pub struct Admissions {
    pending: VecDeque<Request>,
    /// Accepted connections that have not sent their HELLO yet.
    pub handshaking: usize,
    /// The listening socket's backlog: pending requests plus handshakes it takes at most.
    limit: usize,
    /// Readable while a request is pending (for `select`).
    signal: Signal,
}

impl Admissions {
    pub fn new() -> WsaResult<Admissions> {
        Ok(Admissions {
            pending: VecDeque::new(),
            handshaking: 0,
            limit: MAX_BACKLOG,
            signal: Signal::new().map_err(WsaError::from_errno)?,
        })
    }

    pub fn signal_fd(&self) -> Fd {
        self.signal.raw_fd()
    }

    pub fn is_empty(&self) -> bool {
        self.pending.is_empty()
    }

    /// Sets the backlog (`listen`; see `config::backlog`).
    pub fn set_limit(&mut self, limit: usize) {
        self.limit = limit.max(1);
    }

    /// Whether the listening socket may accept one more connection: what waits for the
    /// program's decision and what is still handshaking stay within the backlog, and at most
    /// `MAX_HANDSHAKING` connections are handshaking at once (so silent connections cannot
    /// hold unbounded state). Past either, the connections wait in the kernel's own listen
    /// queue, and past that the joiner's TCP retries its SYN, as for any TCP listener: a
    /// burst of joiners that say HELLO slowly (a loaded host) is slowed, never refused.
    pub fn has_room(&self) -> bool {
        self.handshaking < MAX_HANDSHAKING && self.pending.len() + self.handshaking < self.limit
    }

    /// Says so in the log when the handshake limit, not the backlog, stops the accepting.
    pub fn log_if_handshakes_full(&self) {
        if self.handshaking >= MAX_HANDSHAKING {
            crate::log::warn(format_args!(
                "rooted: {MAX_HANDSHAKING} handshakes already in progress: further connections wait in the listen queue"
            ));
        }
    }

    pub fn push(&mut self, r: Request) {
        if self.pending.is_empty() {
            self.signal.raise();
        }
        self.pending.push_back(r);
    }

    /// Puts a deferred request back first in line.
    pub fn put_back(&mut self, r: Request) {
        if self.pending.is_empty() {
            self.signal.raise();
        }
        self.pending.push_front(r);
    }

    pub fn front(&self) -> Option<&Request> {
        self.pending.front()
    }

    pub fn take(&mut self, token: u64) -> Option<Request> {
        let i = self.pending.iter().position(|r| r.token == token)?;
        let r = self.pending.remove(i);
        if self.pending.is_empty() {
            self.signal.clear();
        }
        r
    }

    /// Tokens of requests older than `timeout` (removed).
    pub fn expired(&mut self, now: Instant, timeout: Duration) -> Vec<u64> {
        let old: Vec<u64> = self
            .pending
            .iter()
            .filter(|r| now.saturating_duration_since(r.since) > timeout)
            .map(|r| r.token)
            .collect();
        for t in &old {
            self.take(*t);
        }
        old
    }

    /// Every pending token (removed).
    pub fn drain(&mut self) -> Vec<u64> {
        let all = self.pending.drain(..).map(|r| r.token).collect();
        self.signal.clear();
        all
    }
}

/// A copy of the first request's facts, so the condition function runs without any lock.
pub struct Snapshot {
    pub token: u64,
    pub peer: SockAddr,
    pub local: SockAddr,
    pub data: Vec<u8>,
}

impl Snapshot {
    /// Snapshots the first pending request of a listening socket's state `S`, waiting on `cond`
    /// for one unless `nonblocking` (then `WSAEWOULDBLOCK`). `queue` finds the requests in the
    /// state; `listening` says whether the socket still takes them (else `WSAEINVAL`).
    pub fn next<S>(
        st: &mut MutexGuard<'_, S>,
        cond: &Condvar,
        nonblocking: bool,
        listening: impl Fn(&S) -> bool,
        queue: impl Fn(&S) -> &Admissions,
    ) -> WsaResult<Snapshot> {
        loop {
            if !listening(st) {
                return Err(WsaError::WSAEINVAL);
            }
            if let Some(r) = queue(st).front() {
                return Ok(Snapshot::of(r));
            }
            if nonblocking {
                return Err(WsaError::WSAEWOULDBLOCK);
            }
            cond.wait(st);
        }
    }

    pub fn of(r: &Request) -> Snapshot {
        Snapshot {
            token: r.token,
            peer: r.peer.clone(),
            local: r.local.clone(),
            data: r.data.clone(),
        }
    }

    /// Asks the condition function (None: `accept`, which admits).
    pub fn decide(&self, decide: Option<Condition<'_>>) -> Verdict {
        let Some(decide) = decide else {
            return Verdict::Accept(Vec::new());
        };
        let mut room = vec![0u8; MAX_CONNECT_DATA];
        let mut offer = Offer {
            caller: &self.peer,
            callee: &self.local,
            caller_data: (!self.data.is_empty()).then_some(&self.data[..]),
            callee_data: Some(&mut room[..]),
            callee_len: 0,
        };
        let verdict = decide(&mut offer);
        let len = offer.callee_len.min(MAX_CONNECT_DATA);
        match verdict {
            Admission::Accept => {
                room.truncate(len);
                Verdict::Accept(room)
            }
            Admission::Reject => Verdict::Reject,
            Admission::Defer => Verdict::Defer,
            Admission::Invalid => Verdict::Invalid,
        }
    }
}

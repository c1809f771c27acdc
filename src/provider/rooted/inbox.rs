//! A socket's received messages, in process memory (docs/PROTOCOL.md §2).
//!
//! The engine (and, for loopback copies, the sending thread) appends messages; `recv` takes
//! them one at a time. The socket's descriptor is readable exactly while the inbox is not
//! empty (the pair's token, see `pair`), and reads end-of-file once the inbox ended and was
//! emptied, so `select`, `poll` and the event model see the Winsock state without a system call
//! per message.

use super::config::DELIVERY_BACKLOG;
use super::pair;
use crate::addr::SockAddr;
use crate::sys::OwnedFd;
use crate::sys::{self, Fd};
use parking_lot::Mutex;
use std::collections::VecDeque;
use std::net::SocketAddr;
use std::os::fd::AsRawFd;
use std::sync::atomic::{AtomicU8, Ordering};
use std::time::Instant;

/// What appending did.
#[derive(PartialEq, Eq, Debug)]
pub enum Delivered {
    /// Queued, within the bound.
    Done,
    /// Queued, but the inbox is over its bound: the source should stop reading.
    Full,
}

struct State {
    /// Every queued message's bytes, back to back (a ring: no allocation per message).
    data: VecDeque<u8>,
    /// Per queued message: its sender and length.
    heads: VecDeque<(Option<SocketAddr>, u32)>,
    /// The token is queued on the program's end.
    token: bool,
    /// The provider's end; None once the inbox ended (the program then reads end-of-file).
    eng: Option<OwnedFd>,
    /// The program closed its socket: nothing is kept any more.
    gone: bool,
    /// A source stopped reading because of this inbox (the program's receive resumes it).
    paused: bool,
}

impl State {
    fn accepts(&self) -> bool {
        !self.gone && self.eng.is_some()
    }

    /// Nothing queued, and the inbox takes messages (the `IDLE` bit of `Inbox::hint`).
    fn is_idle(&self) -> bool {
        self.heads.is_empty() && self.accepts()
    }

    fn append(&mut self, from: Option<SocketAddr>, payload: &[u8]) {
        self.data.extend(payload.iter());
        self.heads.push_back((from, payload.len() as u32));
    }

    fn raise(&mut self) {
        if !self.token && !self.heads.is_empty() {
            if let Some(eng) = &self.eng {
                pair::raise_token(eng.as_raw_fd());
                self.token = true;
            }
        }
    }

    fn verdict(&self) -> Delivered {
        if self.data.len() > DELIVERY_BACKLOG {
            Delivered::Full
        } else {
            Delivered::Done
        }
    }
}

/// Bits of `Inbox::hint`.
mod hint {
    pub(super) const IDLE: u8 = 1;
    pub(super) const TOKEN: u8 = 2;
    pub(super) const ENDED: u8 = 4;
}

pub struct Inbox {
    st: Mutex<State>,
    /// Mirrors `State::paused`, so that a receive looks at it without the lock.
    paused_hint: std::sync::atomic::AtomicBool,
    /// Mirrors the state (stored under the lock after every change, see `hint`): `IDLE`
    /// (`State::is_idle`): a receive that finds the inbox idle, and a direct read delivering
    /// straight to the receive's buffers, take no lock (docs/PROTOCOL.md §8); whatever is
    /// appended concurrently is raised by its appender (or taken by the receive's next look),
    /// as if appended just after the check. `TOKEN`, `ENDED`: what `poll` on the program's
    /// end would report (`readiness`).
    hint: AtomicU8,
}

/// A receive's buffers, handed down to the link reads it makes itself (docs/PROTOCOL.md §8):
/// the first message such a read delivers while the inbox is empty is copied straight into
/// them instead of through the inbox (one copy and one lock fewer per message).
pub struct Sink<'a> {
    bufs: sys::IoBufsMut<'a>,
    sender: &'a mut SockAddr,
    /// The message copied into `bufs`, if one was.
    pub taken: Option<sys::Received>,
}

impl<'a> Sink<'a> {
    pub fn new(bufs: sys::IoBufsMut<'a>, sender: &'a mut SockAddr) -> Sink<'a> {
        Sink {
            bufs,
            sender,
            taken: None,
        }
    }
}

/// Appending several messages under one lock (the engine, for everything one read produced).
pub struct Batch<'a, 'b> {
    inbox: &'a Inbox,
    /// The inbox's lock, taken at the first message appended.
    st: Option<parking_lot::MutexGuard<'a, State>>,
    /// Where the first message goes while the inbox is empty (a direct read's receive).
    sink: Option<&'a mut Sink<'b>>,
    /// The sink took a message.
    sunk: bool,
}

impl Batch<'_, '_> {
    pub fn push(&mut self, from: Option<SocketAddr>, payload: &[u8]) {
        // A sink that already holds a message (a root's receive reading several links) takes
        // no other: the rest is queued.
        if let Some(sink) = self.sink.take().filter(|s| s.taken.is_none()) {
            let idle = match &self.st {
                Some(st) => st.is_idle(),
                None => self.inbox.hint.load(Ordering::Acquire) & hint::IDLE != 0,
            };
            if idle {
                // A buffer the program cannot write: the message is queued instead, and the
                // receive's own take reports the fault, leaving it there.
                if let Ok(copied) = sys::copy_to_iovecs(payload, sink.bufs.reborrow()) {
                    sink.taken = Some(sys::Received {
                        len: payload.len(),
                        truncated: copied < payload.len(),
                    });
                    *sink.sender = from.map_or_else(SockAddr::empty, SockAddr::from_std);
                    self.sunk = true;
                    return;
                }
            }
        }
        let inbox = self.inbox;
        let st = self.st.get_or_insert_with(|| inbox.st.lock());
        if !st.accepts() {
            return;
        }
        st.append(from, payload);
        inbox.note(st);
    }

    /// Ends the batch: raises the token if something is queued.
    pub fn finish(self) -> Delivered {
        match self.st {
            Some(mut st) => {
                st.raise();
                self.inbox.note(&st);
                st.verdict()
            }
            // Nothing appended.
            None => Delivered::Done,
        }
    }

    /// Ends the engine's batch without raising the token: the engine raises the tokens of
    /// every inbox its round appended to once the round is over (`Cx::announce`). Whether
    /// this batch appended anything (the inbox then needs announcing).
    pub fn finish_later(self) -> (Delivered, bool) {
        match self.st {
            Some(st) => (st.verdict(), true),
            None => (Delivered::Done, false),
        }
    }

    /// Ends the batch without raising the token: the receiving thread that read the link
    /// itself takes a message next ([`Inbox::try_take`]), which raises the token if others
    /// remain. Saves the two system calls of a token that would be taken back at once. When
    /// the receive's sink took a message, what else is queued is announced now.
    pub fn finish_quiet(self) -> Delivered {
        match self.st {
            Some(mut st) => {
                if self.sunk {
                    st.raise();
                    self.inbox.note(&st);
                }
                st.verdict()
            }
            None => Delivered::Done,
        }
    }
}

/// What [`Inbox::try_take`] found.
pub enum Taken {
    /// A message (in the caller's buffers).
    Message(sys::Received),
    /// The inbox ended and is empty: end-of-file.
    End,
    /// Nothing queued yet.
    Empty,
    /// The caller's buffers could not be written (`EFAULT`); the message stays queued.
    Fault,
}

impl Inbox {
    pub fn new(eng: OwnedFd) -> Inbox {
        Inbox {
            st: Mutex::new(State {
                data: VecDeque::new(),
                heads: VecDeque::new(),
                token: false,
                eng: Some(eng),
                gone: false,
                paused: false,
            }),
            paused_hint: std::sync::atomic::AtomicBool::new(false),
            hint: AtomicU8::new(hint::IDLE),
        }
    }

    /// Mirrors the state into `hint` (under the lock, after a change).
    fn note(&self, st: &State) {
        let mut h = 0;
        if st.is_idle() {
            h |= hint::IDLE;
        }
        if st.token {
            h |= hint::TOKEN;
        }
        if st.eng.is_none() {
            h |= hint::ENDED;
        }
        self.hint.store(h, Ordering::Release);
    }

    /// Appends one message.
    pub fn push(&self, from: &SockAddr, payload: &[u8]) -> Delivered {
        let mut st = self.st.lock();
        if st.accepts() {
            st.append(from.to_std(), payload);
            st.raise();
            self.note(&st);
        }
        st.verdict()
    }

    /// Starts appending several messages; the first goes to `sink` if the inbox is empty.
    pub fn batch<'a, 'b>(&'a self, sink: Option<&'a mut Sink<'b>>) -> Batch<'a, 'b> {
        Batch {
            inbox: self,
            st: None,
            sink,
            sunk: false,
        }
    }

    /// Raises the token if messages are queued (after a quiet batch no receive takes from).
    pub fn announce(&self) {
        let mut st = self.st.lock();
        st.raise();
        self.note(&st);
    }

    /// Notes that a source stopped reading because the inbox is full.
    pub fn mark_paused(&self) {
        let mut st = self.st.lock();
        st.paused = true;
        // Under the lock: a receive that takes the lock after this sees both.
        self.paused_hint
            .store(true, std::sync::atomic::Ordering::Release);
    }

    /// After a receive: whether sources were paused and there is room again (the mark is
    /// cleared).
    pub fn take_paused_with_room(&self) -> bool {
        use std::sync::atomic::Ordering;
        if !self.paused_hint.load(Ordering::Acquire) {
            return false;
        }
        let mut st = self.st.lock();
        if st.paused && st.data.len() <= DELIVERY_BACKLOG / 2 {
            st.paused = false;
            self.paused_hint.store(false, Ordering::Release);
            true
        } else {
            false
        }
    }

    pub fn is_full(&self) -> bool {
        self.st.lock().data.len() > DELIVERY_BACKLOG
    }

    /// Whether the inbox is back under half its bound (paused sources may read again).
    pub fn has_room(&self) -> bool {
        self.st.lock().data.len() <= DELIVERY_BACKLOG / 2
    }

    /// Whether the session ended for this socket (`end`).
    pub fn is_ended(&self) -> bool {
        self.st.lock().eng.is_none()
    }

    /// The session ended for this socket: end-of-file once the queued messages were read.
    pub fn end(&self) {
        let mut st = self.st.lock();
        // Messages the engine's round appended and has not announced yet (`Cx::announce`)
        // are announced before the end: the program reads them, then sees the end.
        st.raise();
        let eng = st.eng.take();
        self.note(&st);
        drop(st);
        // Closing the provider's end shows the program the end (a hang-up, FD_CLOSE): only
        // now that a receive's lock-free look at the hint also finds it.
        drop(eng);
    }

    /// The program closed its socket.
    pub fn forget(&self) {
        let mut st = self.st.lock();
        st.gone = true;
        st.data = VecDeque::new();
        st.heads = VecDeque::new();
        self.note(&st);
    }

    /// Removes the plugs (see `pair::unplug`), if the provider's end is still open.
    pub fn unplug(&self) {
        if let Some(eng) = &self.st.lock().eng {
            pair::unplug(eng.as_raw_fd());
        }
    }

    /// Gives the ring's memory back when it is empty (the engine's timer: an idle socket holds
    /// nothing, a busy one keeps its buffer between messages).
    pub fn trim(&self) {
        let mut st = self.st.lock();
        if st.heads.is_empty() && st.data.capacity() > 0 {
            st.data = VecDeque::new();
            st.heads = VecDeque::new();
        }
    }

    /// What `poll` on the program's end `app` reports for `want` (read interest: `READ`,
    /// `PEER_CLOSED`), known here without the system call: readable while the token is
    /// queued on it, hung up (and readable) once the provider's end was closed. Write
    /// interest (the plugs) is not known here: `None` then.
    pub fn readiness(&self, want: sys::Interest) -> Option<sys::Ready> {
        use sys::{interest, ready};
        if want.intersects(interest::WRITE | interest::PRIORITY) {
            return None;
        }
        // The mirror, not the lock: the engine may hold the lock while it raises a token (a
        // system call), and a program enumerating its sockets would wait for it each time.
        let h = self.hint.load(Ordering::Acquire);
        Some(if h & hint::ENDED != 0 {
            ready::HANGUP | ready::READABLE
        } else if h & hint::TOKEN != 0 && want.intersects(interest::READ) {
            ready::READABLE
        } else {
            ready::NONE
        })
    }

    /// Size of the next message (`FIONREAD`).
    pub fn next_size(&self) -> usize {
        self.st.lock().heads.front().map_or(0, |h| h.1 as usize)
    }

    /// Takes (or, with `peek`, copies) the first message into `bufs`. None when empty.
    fn take(
        st: &mut State,
        app: Fd,
        bufs: sys::IoBufsMut<'_>,
        peek: bool,
        sender: &mut SockAddr,
    ) -> Option<sys::SysResult<sys::Received>> {
        let (from, len) = *st.heads.front()?;
        let len = len as usize;
        let (a, b) = st.data.as_slices();
        let copied = if len <= a.len() {
            sys::copy_to_iovecs(&a[..len], bufs)
        } else {
            // The ring wraps inside this message.
            let mut joined = Vec::with_capacity(len);
            joined.extend_from_slice(a);
            joined.extend_from_slice(&b[..len - a.len()]);
            sys::copy_to_iovecs(&joined, bufs)
        };
        let copied = match copied {
            Ok(n) => n,
            Err(e) => return Some(Err(e)),
        };
        if !peek {
            st.heads.pop_front();
            st.data.drain(..len);
            if st.heads.is_empty() && st.token {
                pair::take_token(app);
                st.token = false;
            }
        }
        // Messages a quiet batch queued are announced now.
        st.raise();
        *sender = from.map_or_else(SockAddr::empty, SockAddr::from_std);
        Some(Ok(sys::Received {
            len,
            truncated: copied < len,
        }))
    }

    /// Takes (or, with `peek`, copies) the first message into `bufs`, its sender into
    /// `sender`, without waiting. `app` is the program's end.
    pub fn try_take(
        &self,
        app: Fd,
        bufs: sys::IoBufsMut<'_>,
        peek: bool,
        sender: &mut SockAddr,
    ) -> Taken {
        if self.hint.load(Ordering::Acquire) & hint::IDLE != 0 {
            return Taken::Empty;
        }
        let mut st = self.st.lock();
        let taken = Self::take(&mut st, app, bufs, peek, sender);
        self.note(&st);
        match taken {
            Some(Ok(r)) => return Taken::Message(r),
            Some(Err(_)) => return Taken::Fault,
            None => {}
        }
        if st.eng.is_none() {
            Taken::End
        } else {
            Taken::Empty
        }
    }

    /// Waits until the token is on the program's end `app`, or one of `links` (TCP links the
    /// caller may read itself) is readable, or `deadline` passes (`EAGAIN`). `Ok(true)`: the
    /// program's end was shut down under the caller or ended with nothing queued.
    pub fn wait(&self, app: Fd, links: &[Fd], deadline: Option<Instant>) -> Result<bool, i32> {
        let ms = match deadline {
            None => -1,
            Some(d) => {
                let left = d.saturating_duration_since(Instant::now());
                if left.is_zero() {
                    return Err(libc::EAGAIN);
                }
                left.as_millis().clamp(1, i32::MAX as u128) as i32
            }
        };
        const MAX: usize = 1 + super::config::DIRECT_LINKS;
        let none = libc::pollfd {
            fd: -1,
            events: 0,
            revents: 0,
        };
        let mut pfd = [none; MAX];
        pfd[0] = libc::pollfd {
            fd: app,
            events: libc::POLLIN,
            revents: 0,
        };
        let n = 1 + links.len().min(MAX - 1);
        for (slot, &fd) in pfd[1..n].iter_mut().zip(links) {
            *slot = libc::pollfd {
                fd,
                events: libc::POLLIN,
                revents: 0,
            };
        }
        match sys::poll(&mut pfd[..n], ms) {
            Ok(_) | Err(libc::EINTR) => {}
            Err(e) => return Err(e),
        }
        Ok(
            pfd[0].revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0
                && self.st.lock().heads.is_empty(),
        )
    }
}

//! A socket's pending operations: two ordered queues (receives, sends), the port it is
//! associated with, its notification modes; completing, retrying and cancelling operations.
//!
//! Lock order: a socket's `Ops` lock, then whatever the attempt takes inside the socket, then
//! the port's queue lock (posting is done with the `Ops` lock held, so one socket's
//! completions reach its port in the order they finished).

use super::status::{self, STATUS_PENDING};
use super::{attempt_once, engine, wait, Attempt, Direction, Request, Routine, Submitted};
use super::{Transferred, WsaError, WsaResult};
use crate::handle::apc::ApcTarget;
use crate::handle::port::{Packet, Port};
use crate::handle::{self, Kind};
use crate::socket::{siblings, Socket, Wait};
use crate::sys::userbuf::{ReceiveTarget, UserOverlapped};
use crate::sys::{interest, ready};
use parking_lot::Mutex;
use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicBool, Ordering::Relaxed};
use std::sync::Arc;
use std::thread::ThreadId;

/// `FILE_SKIP_COMPLETION_PORT_ON_SUCCESS`: an operation that completes at once posts no
/// packet to the port.
pub(crate) const SKIP_PORT_ON_SUCCESS: u8 = 1;
/// `FILE_SKIP_SET_EVENT_ON_HANDLE`: the socket handle's own event ([`handle_object`]) is not
/// set when an operation completes; an explicit `hEvent` still is (as Windows documents).
pub(crate) const SKIP_SET_EVENT: u8 = 2;

struct Op {
    ov: UserOverlapped,
    routine: Option<(Routine, ApcTarget)>,
    attempt: super::AttemptFn,
    /// A receive the kernel may perform by itself ([`hand_to_kernel`]).
    kernel: Option<ReceiveTarget>,
    thread: ThreadId,
    /// A receive pending when the program called `shutdown(SD_RECEIVE)`: it still receives
    /// ([`hold_receives`]).
    admitted: bool,
    /// ws2mp's own watch ([`watch`]): its completion publishes, signals and posts nothing.
    silent: bool,
    /// An operation on a socket without `WSA_FLAG_OVERLAPPED`, whose issuing thread waits for
    /// it: that thread sets the `hEvent` ([`finish_synchronous`]) before its call returns.
    synchronous: bool,
}

/// Whether the head receive is in the kernel's hands ([`hand_to_kernel`]).
#[derive(Default, Clone, Copy, PartialEq, Eq)]
enum InKernel {
    #[default]
    No,
    Receiving,
    /// Cancelled (`CancelIo`, `closesocket`): completes when the kernel reports it, with this
    /// error unless the kernel had already received something.
    Cancelling(WsaError),
}

/// Where a socket's completions go besides its operations' own `WSAOVERLAPPED`.
#[derive(Default)]
struct Notify {
    port: Option<(Arc<Port>, usize)>,
    modes: u8,
    /// The socket handle's own event, once a wait asked for it ([`handle_object`]).
    handle_event: Option<Arc<handle::Object>>,
    /// Its state, kept before it exists: what a wait made later starts from. Only touched
    /// under the socket's state lock (the atomic lets `complete` take `&Notify`).
    handle_signalled: AtomicBool,
}

impl Notify {
    /// An operation starts on the socket: its handle is no longer signalled (Windows clears a
    /// file object's event when an I/O request on it starts).
    fn started(&self) {
        self.handle_signalled.store(false, Relaxed);
        if let Some(o) = &self.handle_event {
            o.event.reset();
        }
    }

    /// An operation without an `hEvent` completed: the handle is signalled (unless
    /// `FILE_SKIP_SET_EVENT_ON_HANDLE`).
    fn completed(&self) {
        if self.modes & SKIP_SET_EVENT != 0 {
            return;
        }
        self.handle_signalled.store(true, Relaxed);
        if let Some(o) = &self.handle_event {
            o.event.set();
        }
    }
}

#[derive(Default)]
struct State {
    /// Receives, sends: the head of each is the operation being tried.
    queues: [VecDeque<Op>; 2],
    /// Operations that wait for something outside the socket (`SIO_ADDRESS_LIST_CHANGE`):
    /// completed by [`complete_external`], in no order.
    external: Vec<Op>,
    /// What the socket is registered for in the engine (0: not registered).
    interest: crate::sys::Interest,
    notify: Notify,
    closed: bool,
    /// Directions (`sys::interest` bits) the engine does not watch because the thread
    /// `deferred_by` polls the socket itself in `SleepEx` ([`self_reap`]).
    deferred: crate::sys::Interest,
    deferred_by: Option<ApcTarget>,
    /// Whether the socket is in [`DEFERRED`].
    listed: bool,
    /// The head of the receive queue is being received by the kernel: nothing else may try
    /// it, and it completes only with the kernel's report ([`Ops::on_received`]).
    in_kernel: InKernel,
    /// Receives were admitted past `shutdown(SD_RECEIVE)`; the socket's OS shutdown waits for
    /// them ([`release_hold`]).
    held: bool,
}

/// One socket's overlapped state.
pub(super) struct Ops {
    pub(super) socket: Arc<Socket>,
    state: Mutex<State>,
}

const SHARDS: usize = 256;

/// Sockets with overlapped state, by poller token (fd and generation), in shards so that
/// threads submitting on different sockets rarely share a lock (each shard on its own cache
/// lines: two workers on neighbouring shards do not bounce one line between them).
static TABLE: [Shard; SHARDS] = [const { Shard(Mutex::new(None)) }; SHARDS];

#[repr(align(128))]
struct Shard(Mutex<Option<HashMap<u64, Arc<Ops>, TokenHash>>>);

/// Hashes a poller token (descriptor and generation) with one multiplication: the keys are
/// ours, not an attacker's, and SipHash was a visible part of every submission's cost.
#[derive(Default, Clone, Copy)]
struct TokenHash;

impl std::hash::BuildHasher for TokenHash {
    type Hasher = TokenHasher;
    fn build_hasher(&self) -> TokenHasher {
        TokenHasher(0)
    }
}

struct TokenHasher(u64);

impl std::hash::Hasher for TokenHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = (self.0 ^ v).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

/// The calling thread's id (`std::thread::current()` clones the thread's handle each time).
fn my_thread_id() -> ThreadId {
    thread_local! {
        static ID: ThreadId = std::thread::current().id();
    }
    ID.try_with(|id| *id)
        .unwrap_or_else(|_| std::thread::current().id())
}

fn shard(token: u64) -> &'static Mutex<Option<HashMap<u64, Arc<Ops>, TokenHash>>> {
    &TABLE[(token as u32 as usize) % SHARDS].0
}

/// The overlapped state of the socket with this poller token, if it has any.
pub(super) fn lookup(token: u64) -> Option<Arc<Ops>> {
    shard(token).lock().as_ref()?.get(&token).cloned()
}

fn ops_for(socket: &Arc<Socket>) -> Arc<Ops> {
    crate::socket::set_overlapped_hooks(crate::socket::OverlappedHooks {
        close: closing,
        hold_receives,
        pending,
    });
    let token = socket.token();
    let ops = {
        let mut table = shard(token).lock();
        let map = table.get_or_insert_with(HashMap::default);
        if let Some(ops) = map.get(&token) {
            return ops.clone();
        }
        let ops = Arc::new(Ops {
            socket: socket.clone(),
            state: Mutex::new(State::default()),
        });
        map.insert(token, ops.clone());
        ops
    };
    // A closesocket that ran between the caller's lookup and this insert found no state to
    // close: the state is born closed.
    if !crate::socket::registry::get(socket.fd()).is_some_and(|s| Arc::ptr_eq(&s, socket)) {
        closing(socket);
    }
    ops
}

fn index(direction: Direction) -> usize {
    match direction {
        Direction::Receive => 0,
        Direction::Send => 1,
    }
}

/// What a finished attempt reports: the transfer, and the error if it failed.
fn outcome(attempt: Attempt) -> Option<(Option<WsaError>, Transferred)> {
    match attempt {
        Attempt::WouldBlock | Attempt::Parked => None,
        Attempt::Done(Ok(t)) => Some((None, t)),
        Attempt::Done(Err(e)) => Some((Some(e), Transferred::default())),
        Attempt::Failed(e, t) => Some((Some(e), t)),
    }
}

pub(super) fn submit(request: Request) -> WsaResult<Submitted> {
    let ov = UserOverlapped::probe(request.overlapped).ok_or(WsaError::WSAEFAULT)?;
    let ops = ops_for(&request.socket);
    let mut op = Op {
        ov,
        routine: request.routine.map(|r| (r, ApcTarget::current())),
        attempt: request.attempt,
        kernel: request.kernel,
        thread: my_thread_id(),
        admitted: false,
        silent: false,
        synchronous: request.synchronous,
    };
    let dir = index(request.direction);
    let mut st = ops.state.lock();
    if st.closed {
        return Err(WsaError::WSAENOTSOCK);
    }
    // A socket associated with a completion port takes no completion routines (Windows:
    // WSAEINVAL, and the routine is never called).
    if op.routine.is_some() && st.notify.port.is_some() {
        return Err(WsaError::WSAEINVAL);
    }
    ov.mark_pending(STATUS_PENDING);
    st.notify.started();
    if op.routine.is_none() {
        if let Some(event) = event_of(ov) {
            event.reset();
        }
    }
    // After shutdown(SD_RECEIVE) a new receive fails at once, even behind receives the shutdown
    // let through (its attempt fails before it touches any data).
    let refused = dir == 0 && ops.socket.is_receive_shut();
    if st.queues[dir].is_empty() || refused {
        let tried = attempt_once(&mut op.attempt, &ops.socket, op.admitted);
        if matches!(tried, Attempt::Parked) {
            park(&mut st, op);
            return Ok(Submitted::Pending);
        }
        if let Some((error, t)) = outcome(tried) {
            return match error {
                None => {
                    complete(&st.notify, op, None, t, true);
                    Ok(Submitted::Done(t))
                }
                Some(e) if status::is_warning(e) => {
                    complete(&st.notify, op, Some(e), t, true);
                    Err(e)
                }
                Some(e) => {
                    // Failed at once: the call fails; nothing is posted.
                    ov.publish(status::from_error(Some(e)), t.bytes);
                    Err(e)
                }
            };
        }
    }
    let bit = [interest::READ, interest::WRITE][dir];
    let deferrable = op.routine.as_ref().is_some_and(|(_, target)| {
        st.deferred_by.as_ref().is_none_or(|by| by.same(target))
            && (st.queues[dir].is_empty() || st.deferred.intersects(bit))
            && crate::handle::apc::in_alertable_sleep()
    });
    let target = op.routine.as_ref().map(|(_, t)| t.clone());
    st.queues[dir].push_back(op);
    let deferred = match target {
        Some(by) if deferrable => defer(&ops, &mut st, bit, by),
        _ => false,
    };
    if deferred {
        trim(&ops, &mut st);
    } else {
        st.deferred.remove(bit);
        rearm(&ops, &mut st);
    }
    Ok(Submitted::Pending)
}

/// Most sockets the threads in `SleepEx` poll themselves (beyond, the engine watches).
const MOST_DEFERRED: usize = 64;

/// A socket whose operations a thread in `SleepEx` polls itself.
struct Deferred {
    ops: Arc<Ops>,
    by: ApcTarget,
    /// `by.self_reaping()`'s count when the engine last looked ([`expire`]).
    seen: u64,
    /// How many looks in a row found nothing left to the thread on the socket.
    idle: u8,
}

/// The sockets some thread polls itself (lock order: a socket's `Ops` lock, then this).
static DEFERRED: Mutex<Vec<Deferred>> = Mutex::new(Vec::new());

/// Leaves direction `bit` of a socket to the thread `by`, which is in `SleepEx` and issued its
/// head operation with a completion routine: that thread polls the socket itself, so the
/// completion needs no other thread. False when too many sockets are left to threads already.
fn defer(ops: &Arc<Ops>, st: &mut State, bit: crate::sys::Interest, by: ApcTarget) -> bool {
    if !st.listed {
        if !engine::available() {
            return false;
        }
        let mut list = DEFERRED.lock();
        if list.len() >= MOST_DEFERRED {
            return false;
        }
        let first = list.is_empty();
        list.push(Deferred {
            ops: ops.clone(),
            by: by.clone(),
            seen: by.self_reaping().0,
            idle: 0,
        });
        drop(list);
        st.listed = true;
        if first {
            // The reaper now also looks for threads that stopped sleeping ([`expire`]).
            engine::kick_reaper();
        }
    }
    st.deferred |= bit;
    st.deferred_by = Some(by);
    true
}

/// Whether some thread polls sockets itself (the reaper then calls [`expire`] regularly).
pub(super) fn any_deferred() -> bool {
    !DEFERRED.lock().is_empty()
}

/// Gives the engine the sockets of threads that have not been in `SleepEx` since the last call
/// (`all`: every socket, for `GetOverlappedResult(..., TRUE)`), and forgets sockets that had
/// nothing left to their thread at two looks in a row.
pub(super) fn expire(all: bool) {
    let stale: Vec<Arc<Ops>> = {
        let mut list = DEFERRED.lock();
        let mut stale = Vec::new();
        for d in list.iter_mut() {
            let (now, polling) = d.by.self_reaping();
            // Lock order is the other way round: a socket busy now counts as used.
            let used = d
                .ops
                .state
                .try_lock()
                .is_none_or(|st| !st.deferred.is_empty());
            d.idle = if used { 0 } else { d.idle.saturating_add(1) };
            if all || (!polling && now == d.seen) || d.idle >= 2 {
                stale.push(d.ops.clone());
            }
            d.seen = now;
        }
        stale
    };
    for ops in stale {
        let mut st = ops.state.lock();
        st.deferred = interest::NONE;
        st.deferred_by = None;
        unlist(&ops, &mut st);
        rearm(&ops, &mut st);
    }
}

fn unlist(ops: &Arc<Ops>, st: &mut State) {
    if st.listed {
        st.listed = false;
        DEFERRED.lock().retain(|d| !Arc::ptr_eq(&d.ops, ops));
    }
}

/// [`apc::SelfReap`](crate::handle::apc::SelfReap) for the engine: the calling thread, in
/// `SleepEx`, polls the sockets left to it and `wake` until one is ready or `until`, and
/// completes what it can.
pub(super) fn self_reap(wake: crate::sys::Fd, until: Option<std::time::Instant>) -> Option<bool> {
    let me = ApcTarget::current();
    let mine: Vec<Arc<Ops>> = DEFERRED
        .lock()
        .iter()
        .filter(|d| d.by.same(&me))
        .map(|d| d.ops.clone())
        .collect();
    let mut watched = Vec::with_capacity(mine.len());
    for ops in mine {
        let st = ops.state.lock();
        let bits = st.deferred & wanted(&st);
        let mine = st.deferred_by.as_ref().is_some_and(|by| by.same(&me));
        if !bits.is_empty() && mine && !st.closed {
            drop(st);
            watched.push((ops, bits));
        }
    }
    if watched.is_empty() {
        return None;
    }
    let mut ready = Vec::with_capacity(watched.len());
    let woken = engine::poll_sockets(&watched, wake, until, &mut ready);
    for (ops, bits) in ready {
        ops.on_ready_here(bits);
    }
    Some(woken)
}

/// Posts the completion of an operation its call finished itself (an overlapped `WSAIoctl`),
/// as one that completed at once: it joins neither queue. `error`: the operation failed (the
/// completion carries it; a port packet is posted even in `FILE_SKIP_COMPLETION_PORT_ON_SUCCESS`
/// mode).
pub(crate) fn post_at_once(
    socket: &Arc<Socket>,
    overlapped: usize,
    routine: Option<Routine>,
    bytes: u32,
    error: Option<WsaError>,
) -> WsaResult<()> {
    let ov = UserOverlapped::probe(overlapped).ok_or(WsaError::WSAEFAULT)?;
    let ops = ops_for(socket);
    let st = ops.state.lock();
    if st.closed {
        return Err(WsaError::WSAENOTSOCK);
    }
    if routine.is_some() && st.notify.port.is_some() {
        return Err(WsaError::WSAEINVAL);
    }
    let op = Op {
        ov,
        routine: routine.map(|r| (r, ApcTarget::current())),
        attempt: Box::new(|_, _| Attempt::WouldBlock),
        kernel: None,
        thread: my_thread_id(),
        admitted: false,
        silent: false,
        synchronous: false,
    };
    let t = Transferred { bytes, flags: 0 };
    st.notify.started();
    complete(&st.notify, op, error, t, error.is_none());
    Ok(())
}

/// Starts an operation that waits for something outside the socket (the host's address list
/// changing): marked pending, its `hEvent` reset, kept until [`complete_external`] or a cancel
/// (`CancelIo(Ex)`, `closesocket`) completes it. Checks as [`submit`]: `WSAEFAULT` for an
/// unusable `WSAOVERLAPPED`, `WSAEINVAL` for a completion routine on a socket with a port.
pub(crate) fn submit_external(
    socket: &Arc<Socket>,
    overlapped: usize,
    routine: Option<Routine>,
) -> WsaResult<()> {
    let ov = UserOverlapped::probe(overlapped).ok_or(WsaError::WSAEFAULT)?;
    let ops = ops_for(socket);
    let mut st = ops.state.lock();
    if st.closed {
        return Err(WsaError::WSAENOTSOCK);
    }
    if routine.is_some() && st.notify.port.is_some() {
        return Err(WsaError::WSAEINVAL);
    }
    ov.mark_pending(STATUS_PENDING);
    st.notify.started();
    if routine.is_none() {
        if let Some(event) = event_of(ov) {
            event.reset();
        }
    }
    st.external.push(Op {
        ov,
        routine: routine.map(|r| (r, ApcTarget::current())),
        attempt: Box::new(|_, _| Attempt::WouldBlock),
        kernel: None,
        thread: my_thread_id(),
        admitted: false,
        silent: false,
        synchronous: false,
    });
    Ok(())
}

/// Completes the [`submit_external`] operation with this `WSAOVERLAPPED` successfully with
/// `bytes`; false when it is no longer pending (cancelled, or the socket closed).
pub(crate) fn complete_external(socket: &Socket, overlapped: usize, bytes: u32) -> bool {
    let Some(ops) = lookup(socket.token()) else {
        return false;
    };
    let mut st = ops.state.lock();
    let Some(at) = st.external.iter().position(|op| op.ov.addr() == overlapped) else {
        return false;
    };
    let op = st.external.swap_remove(at);
    complete(&st.notify, op, None, Transferred { bytes, flags: 0 }, false);
    true
}

/// Whether the [`submit_external`] operation with this `WSAOVERLAPPED` is still pending.
pub(crate) fn external_pending(socket: &Socket, overlapped: usize) -> bool {
    lookup(socket.token()).is_some_and(|ops| {
        let st = ops.state.lock();
        !st.closed && st.external.iter().any(|op| op.ov.addr() == overlapped)
    })
}

/// An operation that returned [`Attempt::Parked`]: it stays pending among the socket's
/// external operations (cancelled with them), until [`complete_external_by`] completes it.
fn park(st: &mut State, mut op: Op) {
    op.attempt = Box::new(|_, _| Attempt::WouldBlock);
    op.kernel = None;
    st.external.push(op);
}

/// Completes the pending external (or parked) operation with this `WSAOVERLAPPED` with what
/// `finish` returns, `finish` running under the socket's lock (so that it may write the
/// program's buffers: the operation cannot be cancelled meanwhile). `finish` returning None
/// leaves it pending. Some(true): completed; Some(false): still pending; None: it is no
/// longer pending (cancelled, or the socket closed), and `finish` did not run.
pub(crate) fn complete_external_by(
    socket: &Socket,
    overlapped: usize,
    finish: impl FnOnce() -> Option<WsaResult<u32>>,
) -> Option<bool> {
    let ops = lookup(socket.token())?;
    let mut st = ops.state.lock();
    if st.closed {
        return None;
    }
    let at = st
        .external
        .iter()
        .position(|op| op.ov.addr() == overlapped)?;
    let Some(result) = finish() else {
        return Some(false);
    };
    let op = st.external.swap_remove(at);
    let (error, bytes) = match result {
        Ok(bytes) => (None, bytes),
        Err(e) => (Some(e), 0),
    };
    complete(
        &st.notify,
        op,
        error,
        Transferred { bytes, flags: 0 },
        false,
    );
    Some(true)
}

/// Watches `socket` for readability on ws2mp's own account: `attempt` runs (under the
/// socket's lock) whenever the socket is readable (or hung up), until it returns `Done`; a
/// silent operation in the socket's receive queue, which publishes nothing, signals no event
/// and posts no packet. `closesocket` and `CancelIo` on the socket end it silently. Never tried
/// on the calling thread.
pub(crate) fn watch(socket: &Arc<Socket>, attempt: super::AttemptFn) -> WsaResult<()> {
    /// What a silent operation's `WSAOVERLAPPED` points at: nothing reads or writes it.
    static NOWHERE: [std::sync::atomic::AtomicUsize; 4] =
        [const { std::sync::atomic::AtomicUsize::new(0) }; 4];
    let ov = UserOverlapped::probe(NOWHERE.as_ptr() as usize).ok_or(WsaError::WSAEFAULT)?;
    let ops = ops_for(socket);
    let mut st = ops.state.lock();
    if st.closed {
        return Err(WsaError::WSAENOTSOCK);
    }
    st.queues[0].push_back(Op {
        ov,
        routine: None,
        attempt,
        kernel: None,
        thread: my_thread_id(),
        admitted: false,
        silent: true,
        synchronous: false,
    });
    st.deferred.remove(interest::READ);
    if !st.interest.is_empty() {
        // The descriptor may name a new OS socket since it was registered (an accept socket
        // reused after `DisconnectEx(TF_REUSE_SOCKET)`): register it afresh.
        engine::register(&ops.socket, st.interest, interest::NONE);
        st.interest = interest::NONE;
    }
    rearm(&ops, &mut st);
    Ok(())
}

/// Marks an `OVERLAPPED` that no socket owns pending (`NotifyAddrChange`): `Internal` becomes
/// `STATUS_PENDING` and its `hEvent` is reset. `WSAEFAULT` for an unusable one.
pub(crate) fn start_detached(overlapped: usize) -> WsaResult<()> {
    start_detached_with(overlapped, true)
}

/// [`start_detached`]; `event` false leaves `hEvent` alone (a `ReadFileEx` / `WriteFileEx`,
/// whose `hEvent` is the program's own data, as on Windows).
pub(crate) fn start_detached_with(overlapped: usize, event: bool) -> WsaResult<()> {
    let ov = UserOverlapped::probe(overlapped).ok_or(WsaError::WSAEFAULT)?;
    ov.mark_pending(STATUS_PENDING);
    if let Some(event) = event.then(|| event_of(ov)).flatten() {
        event.reset();
    }
    Ok(())
}

/// Completes an `OVERLAPPED` [`start_detached`] marked: its status (`error` None: success) and
/// `bytes`, then its `hEvent` is set. Nothing touches it after this.
pub(crate) fn complete_detached(overlapped: usize, error: Option<WsaError>, bytes: u32) {
    complete_detached_with(overlapped, error, bytes, true)
}

/// [`complete_detached`]; `event` false leaves `hEvent` alone (see [`start_detached_with`]).
pub(crate) fn complete_detached_with(
    overlapped: usize,
    error: Option<WsaError>,
    bytes: u32,
    event: bool,
) {
    let Some(ov) = UserOverlapped::probe(overlapped) else {
        return;
    };
    // Read before publishing: a program that sees the status may reuse the `OVERLAPPED` at once.
    let event = event.then(|| event_of(ov)).flatten();
    ov.publish(status::from_error(error), bytes);
    wait::notify();
    if let Some(event) = event {
        event.set();
    }
}

/// The event object an operation's `hEvent` names, if any (the low bit, "no port packet",
/// is not part of the handle).
fn event_of(ov: UserOverlapped) -> Option<Arc<crate::event::object::EventObject>> {
    let h = ov.event() & !1;
    if h == 0 {
        return None;
    }
    let object = handle::lookup(h).ok()?;
    matches!(object.kind, Kind::Event { .. }).then(|| object.event.clone())
}

/// Sets the `hEvent` of an operation on a socket without `WSA_FLAG_OVERLAPPED` once the
/// issuing thread has seen it complete (see `Op::synchronous`).
pub(crate) fn finish_synchronous(ov: UserOverlapped) {
    if let Some(event) = event_of(ov) {
        event.set();
    }
}

/// Posts an operation's completion: the `WSAOVERLAPPED` first, then the completion routine
/// (queued to the issuing thread), or the event and the port packet. `at_once`: the call that
/// submitted it returns 0 (the port packet may be skipped). Nothing touches the
/// `WSAOVERLAPPED` after this.
fn complete(notify: &Notify, op: Op, error: Option<WsaError>, t: Transferred, at_once: bool) {
    if op.silent {
        return;
    }
    let status = status::from_error(error);
    // The `hEvent` is read before publishing: a program that sees the status (polling
    // `Internal`, `GetOverlappedResult`) may reuse the `WSAOVERLAPPED` at once.
    if let Some((routine, target)) = op.routine {
        let code = error.map_or(0, |e| e.0 as u32);
        // The status is published with the routine already queued: a thread that sees the
        // operation done (`WSAGetOverlappedResult`) finds its routine in the next alertable
        // wait, and the routine finds the status published.
        let ov = op.ov;
        target.queue_then(Box::new(move || routine(code, t.bytes, t.flags)), 0, || {
            ov.publish(status, t.bytes)
        });
        wait::notify();
        // No `hEvent`: the socket handle is signalled (Windows sets the file object's event
        // when the request has no user event).
        notify.completed();
        return;
    }
    let (raw_event, event) = (op.ov.event(), event_of(op.ov));
    op.ov.publish(status, t.bytes);
    wait::notify();
    match event {
        // The issuing thread sets it once it sees the status: the program finds the event set
        // when its call returns.
        Some(_) if op.synchronous && !at_once => {}
        Some(event) => event.set(),
        None if raw_event & !1 == 0 => notify.completed(),
        None => {}
    }
    if raw_event & 1 != 0 || (at_once && notify.modes & SKIP_PORT_ON_SUCCESS != 0) {
        return;
    }
    if let Some((port, key)) = &notify.port {
        port.post(Packet {
            key: *key,
            overlapped: op.ov.addr(),
            bytes: t.bytes,
            status,
        });
    }
}

/// The directions that have operations waiting and the engine watches (`sys::interest` bits);
/// a receive in the kernel needs no readiness report.
fn wanted_by_engine(st: &State) -> crate::sys::Interest {
    let mut wanted = wanted(st).difference(st.deferred);
    if st.in_kernel != InKernel::No {
        wanted.remove(interest::READ);
    }
    wanted
}

/// Hands the head of the receive queue to the kernel (io_uring's receive into the program's
/// buffer) when it is a plain stream receive into one buffer that the engine (not a thread in
/// `SleepEx`) waits for: the kernel receives as soon as data arrives, and the engine's report
/// is the completion, instead of a readiness report followed by a receive call.
fn hand_to_kernel(ops: &Ops, st: &mut State) {
    if st.in_kernel != InKernel::No || st.closed || st.deferred.intersects(interest::READ) {
        return;
    }
    let Some(target) = st.queues[0].front().and_then(|op| op.kernel) else {
        return;
    };
    if engine::receive_in_kernel(&ops.socket, target) {
        st.in_kernel = InKernel::Receiving;
    }
}

/// The directions that have operations waiting (`sys::interest` bits).
fn wanted(st: &State) -> crate::sys::Interest {
    let mut wanted = interest::NONE;
    if !st.queues[0].is_empty() {
        wanted |= interest::READ;
    }
    if !st.queues[1].is_empty() {
        wanted |= interest::WRITE;
    }
    wanted
}

/// Registers the socket in the engine for directions that have operations waiting and are
/// not watched yet. Interest no longer needed is kept (lazily) until a report shows it idle
/// ([`Ops::on_ready`]) or the socket closes: the usual receive → complete → receive loop then
/// costs no registration call.
fn rearm(ops: &Ops, st: &mut State) {
    hand_to_kernel(ops, st);
    let wanted = wanted_by_engine(st);
    if !wanted.difference(st.interest).is_empty() {
        engine::register(&ops.socket, st.interest, st.interest | wanted);
        st.interest |= wanted;
    }
}

/// Registers exactly what is wanted (a report showed the rest idle; a close wants nothing).
fn trim(ops: &Ops, st: &mut State) {
    hand_to_kernel(ops, st);
    let wanted = wanted_by_engine(st);
    if wanted != st.interest {
        engine::register(&ops.socket, st.interest, wanted);
        st.interest = wanted;
    }
}

/// Tries the head operations of one queue until one would block (not a receive the kernel
/// is performing).
fn drain(ops: &Ops, st: &mut State, dir: usize) {
    if dir == 0 && st.in_kernel != InKernel::No {
        return;
    }
    while let Some(op) = st.queues[dir].front_mut() {
        let tried = attempt_once(&mut op.attempt, &ops.socket, op.admitted);
        if matches!(tried, Attempt::Parked) {
            if let Some(op) = st.queues[dir].pop_front() {
                park(st, op);
            }
            continue;
        }
        let Some((error, t)) = outcome(tried) else {
            break;
        };
        if let Some(op) = st.queues[dir].pop_front() {
            complete(&st.notify, op, error, t, false);
        }
    }
    if dir == 0 {
        release_hold(ops, st);
    }
}

/// `shutdown(SD_RECEIVE)` (through `socket::OverlappedHooks`): the receives pending now
/// still receive, as on Windows, and the socket's OS shutdown waits for them. Whether any are.
fn hold_receives(socket: &Socket) -> bool {
    let Some(ops) = lookup(socket.token()) else {
        return false;
    };
    let mut st = ops.state.lock();
    if st.closed || st.queues[0].is_empty() {
        return false;
    }
    for op in &mut st.queues[0] {
        op.admitted = true;
    }
    st.held = true;
    true
}

/// Whether any overlapped operation is pending on the socket (through
/// `socket::OverlappedHooks`).
fn pending(socket: &Socket) -> bool {
    lookup(socket.token()).is_some_and(|ops| {
        let st = ops.state.lock();
        !st.closed && st.queues.iter().any(|q| !q.is_empty())
    })
}

/// Once no receive admitted past `shutdown(SD_RECEIVE)` is left, the OS's shutdown happens.
fn release_hold(ops: &Ops, st: &mut State) {
    if st.held && !st.closed && !st.queues[0].iter().any(|op| op.admitted) {
        st.held = false;
        ops.socket.finish_held_shutdown();
    }
}

impl Ops {
    /// The engine found the socket ready (`ready::*` bits).
    pub(super) fn on_ready(&self, bits: crate::sys::Ready) {
        let mut st = self.state.lock();
        if st.closed {
            return;
        }
        let one_shot = engine::one_shot();
        if one_shot {
            st.interest = interest::NONE;
        }
        let broken = bits.intersects(ready::HANGUP | ready::ERROR);
        // Directions reported ready that had nothing waiting: a level-triggered registration
        // would report them again and again.
        let mut idle = interest::NONE;
        for (dir, bit, ready_bit) in [
            (0, interest::READ, ready::READABLE),
            (1, interest::WRITE, ready::WRITABLE),
        ] {
            if bits.intersects(ready_bit) || broken {
                if st.queues[dir].is_empty() {
                    idle |= bit;
                }
                drain(self, &mut st, dir);
            }
        }
        if one_shot {
            trim(self, &mut st);
        } else {
            // Level-triggered (epoll, kqueue): a direction whose last operation just completed
            // stays registered, so the usual receive → complete → receive loop costs no
            // registration call; it is dropped at the first report that finds it idle.
            let keep = st.interest.difference(idle).difference(st.deferred);
            let wanted = keep | wanted_by_engine(&st);
            if wanted != st.interest {
                engine::register(&self.socket, st.interest, wanted);
                st.interest = wanted;
            }
        }
    }

    /// The kernel reports the receive [`hand_to_kernel`] gave it: `result` is the byte count
    /// or a negative errno.
    pub(super) fn on_received(&self, result: i32) {
        let mut st = self.state.lock();
        let cancelled = match st.in_kernel {
            InKernel::Cancelling(e) => Some(e),
            _ => None,
        };
        st.in_kernel = InKernel::No;
        let again = cancelled.is_none() && !st.closed;
        if again && (result == -libc::ECANCELED || result == -libc::EAGAIN) {
            // Cancelled by the kernel because the thread that asked ended (or, unexpectedly,
            // nothing there): ask again from this thread, or wait for readiness.
            rearm(self, &mut st);
            return;
        }
        let Some(op) = st.queues[0].pop_front() else {
            return;
        };
        let (error, bytes) = if let (Some(e), true) = (cancelled, result < 0) {
            (Some(e), 0)
        } else {
            let outcome = if result < 0 {
                Err(-result)
            } else {
                Ok(result as usize)
            };
            let wait = if op.admitted {
                Wait::Admitted
            } else {
                Wait::Never
            };
            match self.socket.finish_kernel_receive(outcome, wait) {
                Ok(n) => (None, n as u32),
                Err(e) => (Some(e), 0),
            }
        };
        let t = Transferred { bytes, flags: 0 };
        complete(&st.notify, op, error, t, false);
        if st.closed {
            drop(st);
            forget(&self.socket);
            return;
        }
        drain(self, &mut st, 0);
        rearm(self, &mut st);
    }

    /// The thread the socket is left to found it ready (`ready::*` bits) in its own poll: the
    /// engine's requests, if any, stay as they are.
    fn on_ready_here(&self, bits: crate::sys::Ready) {
        let mut st = self.state.lock();
        if st.closed {
            return;
        }
        let broken = bits.intersects(ready::HANGUP | ready::ERROR);
        if bits.intersects(ready::READABLE) || broken {
            drain(self, &mut st, 0);
        }
        if bits.intersects(ready::WRITABLE) || broken {
            drain(self, &mut st, 1);
        }
        let still = wanted(&st);
        st.deferred &= still;
        if st.deferred.is_empty() {
            st.deferred_by = None;
        }
    }
}

/// Which operations `CancelIo`/`CancelIoEx` cancel.
#[derive(Clone, Copy)]
pub(crate) enum Cancel {
    /// Every operation on the socket (`CancelIoEx(s, NULL)`, `closesocket`).
    All,
    /// The ones the calling thread issued (`CancelIo`).
    ThisThread,
    /// The one with this `WSAOVERLAPPED` (`CancelIoEx(s, lpOverlapped)`).
    One(usize),
}

/// `error`: what the cancelled operations report (`WSA_OPERATION_ABORTED`, or
/// `WSAECONNABORTED` when `closesocket` ends a connection). ws2mp's own watches ([`watch`])
/// go only when the socket closes (`closing`); the program's `CancelIo` leaves them.
fn cancel_locked(
    ops: &Ops,
    st: &mut State,
    which: Cancel,
    error: WsaError,
    closing: bool,
) -> usize {
    let me = my_thread_id();
    let hit = |op: &Op| match which {
        _ if op.silent => closing,
        Cancel::All => true,
        Cancel::ThisThread => op.thread == me,
        Cancel::One(addr) => op.ov.addr() == addr,
    };
    let mut cancelled = Vec::new();
    // A receive the kernel performs stays at the head until the kernel reports it cancelled
    // (or finished): its buffer is the kernel's until then.
    let mut in_kernel = 0;
    if st.in_kernel == InKernel::Receiving && st.queues[0].front().is_some_and(hit) {
        st.in_kernel = InKernel::Cancelling(error);
        engine::cancel_in_kernel(&ops.socket);
        in_kernel = 1;
    }
    let keep_head = usize::from(st.in_kernel != InKernel::No);
    for (dir, q) in st.queues.iter_mut().enumerate() {
        let skip = if dir == 0 { keep_head.min(q.len()) } else { 0 };
        let mut kept: VecDeque<Op> = q.drain(..skip).collect();
        for op in q.drain(..) {
            if hit(&op) {
                cancelled.push(op);
            } else {
                kept.push_back(op);
            }
        }
        *q = kept;
    }
    let (hit_external, kept): (Vec<Op>, Vec<Op>) =
        std::mem::take(&mut st.external).into_iter().partition(hit);
    st.external = kept;
    cancelled.extend(hit_external);
    let n = cancelled.len() + in_kernel;
    for op in cancelled {
        complete(&st.notify, op, Some(error), Transferred::default(), false);
    }
    release_hold(ops, st);
    rearm(ops, st);
    n
}

/// Cancels pending operations on a socket; each completes with `STATUS_CANCELLED`
/// (`WSA_OPERATION_ABORTED`). Returns how many.
pub(crate) fn cancel(socket: &Socket, which: Cancel) -> usize {
    let Some(ops) = lookup(socket.token()) else {
        return 0;
    };
    let mut st = ops.state.lock();
    cancel_locked(&ops, &mut st, which, WsaError::WSA_OPERATION_ABORTED, false)
}

/// `closesocket` (through `socket::OverlappedHooks`): every pending operation completes and the
/// socket's overlapped state goes (the socket's descriptor is closed once it is released).
/// On a connected stream socket the operations fail with `WSAECONNABORTED`
/// (`STATUS_CONNECTION_ABORTED`, `ERROR_CONNECTION_ABORTED` from the port): closing ends the
/// connection, as Windows reports it; on any other socket (a listener's `AcceptEx`, a
/// datagram socket) with `WSA_OPERATION_ABORTED` (`STATUS_CANCELLED`).
pub(crate) fn closing(socket: &Socket) {
    let Some(ops) = lookup(socket.token()) else {
        return;
    };
    let error = close_error(socket);
    let mut st = ops.state.lock();
    st.closed = true;
    st.deferred = interest::NONE;
    st.deferred_by = None;
    unlist(&ops, &mut st);
    cancel_locked(&ops, &mut st, Cancel::All, error, true);
    trim(&ops, &mut st);
    // A receive in the kernel still posts to the port when it is reported
    // ([`Ops::on_received`] then forgets the socket).
    if st.in_kernel == InKernel::No {
        st.notify.port = None;
        drop(st);
        forget(socket);
    }
}

/// What `closesocket` completes a socket's pending operations with (see [`closing`]).
pub(super) fn close_error(socket: &Socket) -> WsaError {
    if socket.is_stream() && socket.is_connected() && socket.rooted().is_none() {
        WsaError::WSAECONNABORTED
    } else {
        WsaError::WSA_OPERATION_ABORTED
    }
}

/// Drops the overlapped state of a closed socket.
fn forget(socket: &Socket) {
    let token = socket.token();
    if let Some(map) = shard(token).lock().as_mut() {
        map.remove(&token);
    }
}

/// `CreateIoCompletionPort(socket, port, key, ...)`: completions of the socket's operations
/// are queued to `port` with `key`. A socket already associated → `ERROR_INVALID_PARAMETER`.
/// The association is the file object's on Windows: the duplicates of the socket made in this
/// process share it (socket/siblings.rs).
pub(crate) fn associate(socket: &Arc<Socket>, port: Arc<Port>, key: usize) -> WsaResult<()> {
    {
        let ops = ops_for(socket);
        let st = ops.state.lock();
        if st.closed {
            return Err(WsaError::WSA_INVALID_HANDLE);
        }
    }
    let members = siblings::open_members(socket);
    let all: Vec<Arc<Ops>> = members.iter().map(ops_for).collect();
    if all.iter().any(|ops| ops.state.lock().notify.port.is_some()) {
        return Err(WsaError::WSA_INVALID_PARAMETER);
    }
    for ops in all {
        let mut st = ops.state.lock();
        if !st.closed {
            st.notify.port = Some((port.clone(), key));
        }
    }
    Ok(())
}

/// `WSASocket` made `new` from a `WSADuplicateSocket` record of `source` in this process: `new`
/// shares the completion port association `source` has (see [`associate`]).
pub(crate) fn share_association(source: &Arc<Socket>, new: &Arc<Socket>) {
    let port = lookup(source.token()).and_then(|ops| ops.state.lock().notify.port.clone());
    if let Some(port) = port {
        ops_for(new).state.lock().notify.port = Some(port);
    }
}

/// `SetFileCompletionNotificationModes` (`SKIP_PORT_ON_SUCCESS`, `SKIP_SET_EVENT`).
pub(crate) fn set_notification_modes(socket: &Arc<Socket>, modes: u8) {
    let ops = ops_for(socket);
    ops.state.lock().notify.modes = modes;
}

/// The socket handle as a waitable object (`WaitForSingleObject((HANDLE)s, ...)`): a
/// manual-reset event that each overlapped operation on the socket resets when it starts and
/// that one without an `hEvent` (none, or a completion routine) sets when it completes, as a
/// Windows file object's event. Not signalled before any operation completed. Made on the
/// first wait, from the state kept until then.
pub(crate) fn handle_object(socket: &Arc<Socket>) -> WsaResult<Arc<handle::Object>> {
    let ops = ops_for(socket);
    let mut st = ops.state.lock();
    if st.closed {
        return Err(WsaError::WSA_INVALID_HANDLE);
    }
    if let Some(o) = &st.notify.handle_event {
        return Ok(o.clone());
    }
    let signalled = st.notify.handle_signalled.load(Relaxed);
    let object = handle::Object::new(Kind::Event { auto_reset: false }, None, signalled)?;
    st.notify.handle_event = Some(object.clone());
    Ok(object)
}

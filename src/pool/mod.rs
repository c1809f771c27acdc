//! The thread pool of Windows Vista and later (`CreateThreadpoolWork`, timers, waits, I/O,
//! cleanup groups) and `BindIoCompletionCallback`, over the completion ports of
//! `crate::handle::port`.
//!
//! A pool is an internal completion port and the threads that wait on it, exactly as a
//! program's own IOCP server would be written: each worker loops in [`Port::take`] (leading
//! the overlapped engine while it waits, like any `GetQueuedCompletionStatus` caller), and
//! every callback reaches it as a packet. A socket given to `CreateThreadpoolIo` (or
//! `BindIoCompletionCallback`) is associated with the pool's port under its I/O object's
//! key, so its completions arrive as the engine posts them; work, timer, wait and simple
//! callbacks are queued here and a packet with key [`TASK_KEY`] tells a worker to take one.
//!
//! Threads: one at first, then one more whenever a worker starts a callback while no other
//! is waiting on the port (so callbacks that block never hold up the next packet), up to the
//! pool's maximum (500 by default, as Windows); a worker idle for [`IDLE_EXIT`] leaves while
//! others remain. Timers are kept by one scheduler thread for every pool; each armed wait has
//! a thread of its own, blocked in the handle wait until the object is signalled, the timeout
//! passes, or the wait is set again or closed.
//!
//! Object lifetime: an object lives while its handle is open or a callback of it is queued or
//! running, so closing an object whose callbacks are pending, or closing it from its own
//! callback, is safe. Program code is never called with a lock of this module held.

pub(crate) mod once;

use crate::error::{WsaError, WsaResult};
use crate::handle::port::{NoPacket, Packet, Port};
use crate::handle::wait::{wait_objects_ex, WaitOutcome};
use crate::handle::{self, codes, err, Kind};
use crate::overlapped::{self, status, Lead};
use crate::socket::Socket;
use parking_lot::{Condvar, Mutex};
use std::cell::RefCell;
use std::collections::{BTreeMap, VecDeque};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// The key of the packets that announce a queued callback (I/O objects' keys are their
/// handles, never 0).
const TASK_KEY: usize = 0;
/// How long a worker waits for a packet before it leaves (while another worker remains).
const IDLE_EXIT: Duration = Duration::from_secs(10);
/// Windows' default maximum of threads per pool.
const DEFAULT_MAX: u32 = 500;
/// `WAIT_OBJECT_0`, `WAIT_ABANDONED_0`, `WAIT_TIMEOUT`: what a wait callback is told.
pub(crate) const WAIT_OBJECT_0: u32 = 0;
pub(crate) const WAIT_ABANDONED_0: u32 = 0x80;
pub(crate) const WAIT_TIMEOUT: u32 = 0x102;

/// What a callback is called for.
pub(crate) enum Fire {
    /// A work object, a timer or a simple callback.
    Plain,
    /// A wait: `WAIT_OBJECT_0`, `WAIT_ABANDONED_0` or `WAIT_TIMEOUT`.
    Wait(u32),
    /// An I/O completion: the `OVERLAPPED`, the Win32 result (0: success), the byte count.
    Io {
        overlapped: usize,
        result: u32,
        bytes: u32,
    },
}

/// A program's callback, bound to its context by the ABI layer: called with the callback
/// instance, the object's own handle and what it fires for.
pub(crate) type Callback = Box<dyn Fn(usize, usize, Fire) + Send + Sync>;
/// A cleanup group's cancel callback for one member, bound to the member's context: called
/// with the cleanup context of `CloseThreadpoolCleanupGroupMembers`.
pub(crate) type CancelCallback = Box<dyn Fn(usize) + Send + Sync>;
/// A `...WhenCallbackReturns` action.
pub(crate) type Action = Box<dyn FnOnce() + Send>;

/// What kind of object a handle names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ItemKind {
    Work,
    /// `TrySubmitThreadpoolCallback`: closes itself after its one run.
    Simple,
    Timer,
    Wait,
    /// `CreateThreadpoolIo` (`counted`: `StartThreadpoolIo` announces each operation) or
    /// `BindIoCompletionCallback` (not counted).
    Io {
        counted: bool,
    },
}

#[derive(Default)]
struct PoolState {
    /// Queued callbacks, each announced by a `TASK_KEY` packet.
    tasks: VecDeque<(Arc<Item>, Fire)>,
    threads: u32,
    /// Workers waiting on the port (or about to).
    idle: u32,
    min: u32,
    max: u32,
    /// Live objects bound to the pool.
    objects: usize,
    /// `CloseThreadpool` was called: the port closes once no object remains.
    closed: bool,
    /// I/O objects by key, kept while completions may still come.
    ios: BTreeMap<usize, Arc<Item>>,
}

/// A pool: its port and its workers.
pub(crate) struct Pool {
    port: Arc<Port>,
    st: Mutex<PoolState>,
}

/// A cleanup group: the handles of its members.
pub(crate) struct Group {
    members: Mutex<Vec<usize>>,
}

#[derive(Default)]
struct ItemState {
    /// Callbacks queued and not started.
    queued: usize,
    running: usize,
    /// I/O operations announced by `StartThreadpoolIo` whose completion has not been taken.
    started: usize,
    /// `WaitForThreadpoolIoCallbacks(..., TRUE)` calls under way: completions taken meanwhile
    /// are dropped (their callbacks are cancelled).
    discarding: usize,
    closed: bool,
    /// A timer's next due time and period; whether it is set (`IsThreadpoolTimerSet`).
    due: Option<Instant>,
    period: Duration,
    set: bool,
    /// Bumped by every `SetThreadpoolWait` (and close), so an older arming stands down.
    generation: u64,
    /// The stop object of the wait's current arming.
    wait_stop: Option<Arc<handle::Object>>,
}

/// A work, simple, timer, wait or I/O object.
pub(crate) struct Item {
    pool: Arc<Pool>,
    kind: ItemKind,
    handle: usize,
    callback: Callback,
    group: Option<(Arc<Group>, Option<CancelCallback>)>,
    st: Mutex<ItemState>,
    changed: Condvar,
}

impl Drop for Item {
    fn drop(&mut self) {
        let mut st = self.pool.st.lock();
        st.objects = st.objects.saturating_sub(1);
        if st.closed && st.objects == 0 {
            self.pool.port.close();
        }
    }
}

enum Entry {
    Item(Arc<Item>),
    Pool(Arc<Pool>),
    Group(Arc<Group>),
}

static REGISTRY: Mutex<BTreeMap<usize, Entry>> = Mutex::new(BTreeMap::new());
static NEXT_HANDLE: AtomicUsize = AtomicUsize::new(1);

/// A new handle value: a distinct, aligned, never-NULL pointer-sized value (the program only
/// passes it back).
fn new_handle() -> usize {
    0x7450_0000_0000 + NEXT_HANDLE.fetch_add(1, Relaxed) * 16
}

fn item(h: usize) -> Option<Arc<Item>> {
    match REGISTRY.lock().get(&h) {
        Some(Entry::Item(i)) => Some(i.clone()),
        _ => None,
    }
}

/// The item behind `h` if it is of a kind `want` accepts.
pub(crate) fn item_of(h: usize, want: impl Fn(ItemKind) -> bool) -> Option<Arc<Item>> {
    item(h).filter(|i| want(i.kind))
}

impl Pool {
    fn new(max: u32) -> WsaResult<Arc<Pool>> {
        // No concurrency limit: a blocked callback must never hold up the next packet.
        let port = Port::new(1 << 20).map_err(|_| err(codes::ERROR_NOT_ENOUGH_MEMORY))?;
        Ok(Arc::new(Pool {
            port,
            st: Mutex::new(PoolState {
                max,
                ..PoolState::default()
            }),
        }))
    }

    /// Starts a worker (the caller holds the pool's lock). False if the system refused.
    fn spawn(self: &Arc<Self>, st: &mut PoolState) -> bool {
        let pool = self.clone();
        let started = std::thread::Builder::new()
            .name("ws2mp-pool".into())
            .spawn(move || worker(pool))
            .is_ok();
        if started {
            st.threads += 1;
            st.idle += 1;
        }
        started
    }

    /// Queues a callback of `item`.
    fn queue(self: &Arc<Self>, item: Arc<Item>, fire: Fire) {
        {
            let mut s = item.st.lock();
            if s.closed && item.kind != ItemKind::Simple {
                return;
            }
            s.queued += 1;
        }
        let mut st = self.st.lock();
        st.tasks.push_back((item, fire));
        if st.idle == 0 && st.threads < st.max {
            self.spawn(&mut st);
        }
        drop(st);
        self.port.post(Packet {
            key: TASK_KEY,
            overlapped: 0,
            bytes: 0,
            status: 0,
        });
    }
}

/// The process's default pool.
pub(crate) fn default_pool() -> WsaResult<Arc<Pool>> {
    static DEFAULT: OnceLock<Arc<Pool>> = OnceLock::new();
    if let Some(p) = DEFAULT.get() {
        return Ok(p.clone());
    }
    let pool = Pool::new(DEFAULT_MAX)?;
    Ok(DEFAULT.get_or_init(|| pool).clone())
}

/// The pool behind a `PTP_POOL` (NULL: the default pool).
pub(crate) fn pool_of(h: usize) -> WsaResult<Arc<Pool>> {
    if h == 0 {
        return default_pool();
    }
    match REGISTRY.lock().get(&h) {
        Some(Entry::Pool(p)) => Ok(p.clone()),
        _ => Err(err(codes::ERROR_INVALID_HANDLE)),
    }
}

/// The cleanup group behind a `PTP_CLEANUP_GROUP`.
pub(crate) fn group_of(h: usize) -> WsaResult<Arc<Group>> {
    match REGISTRY.lock().get(&h) {
        Some(Entry::Group(g)) => Ok(g.clone()),
        _ => Err(err(codes::ERROR_INVALID_HANDLE)),
    }
}

fn worker(pool: Arc<Pool>) {
    let mut out = [Packet {
        key: 0,
        overlapped: 0,
        bytes: 0,
        status: 0,
    }];
    loop {
        let got = pool.port.take(
            &mut out,
            Some(Instant::now() + IDLE_EXIT),
            false,
            Lead::take,
        );
        {
            let mut st = pool.st.lock();
            st.idle = st.idle.saturating_sub(1);
            match got {
                Ok(_) => {
                    // Keep one worker waiting while this one runs a callback.
                    if st.idle == 0 && st.threads < st.max {
                        pool.spawn(&mut st);
                    }
                }
                Err(NoPacket::Closed) => {
                    st.threads -= 1;
                    return;
                }
                Err(_) if st.threads > st.min.max(1) => {
                    st.threads -= 1;
                    return;
                }
                Err(_) => {
                    st.idle += 1;
                    continue;
                }
            }
        }
        let p = out[0];
        if p.key == TASK_KEY {
            let task = pool.st.lock().tasks.pop_front();
            if let Some((item, fire)) = task {
                {
                    let mut s = item.st.lock();
                    s.queued -= 1;
                    s.running += 1;
                }
                run(&item, fire);
            }
        } else {
            let io = pool.st.lock().ios.get(&p.key).cloned();
            if let Some(item) = io {
                let discard = {
                    let mut s = item.st.lock();
                    if item.kind == (ItemKind::Io { counted: true }) {
                        s.started = s.started.saturating_sub(1);
                    }
                    let discard = s.discarding > 0;
                    if !discard {
                        s.running += 1;
                    }
                    discard
                };
                if discard {
                    settle_io(&item);
                    pool.st.lock().idle += 1;
                    continue;
                }
                let result = status::to_win32(p.status).map_or(0, |e| e.0 as u32);
                run(
                    &item,
                    Fire::Io {
                        overlapped: p.overlapped,
                        result,
                        bytes: p.bytes,
                    },
                );
            }
        }
        pool.st.lock().idle += 1;
    }
}

/// A running callback's instance (`PTP_CALLBACK_INSTANCE`).
struct Instance {
    id: usize,
    item: Arc<Item>,
    actions: Vec<Action>,
    /// `DisassociateCurrentThreadFromCallback` already counted the callback as finished.
    done: bool,
}

thread_local! {
    static CURRENT: RefCell<Vec<Instance>> = const { RefCell::new(Vec::new()) };
}
static NEXT_INSTANCE: AtomicUsize = AtomicUsize::new(1);

/// Runs one callback (already counted as running) and what must follow it.
fn run(item: &Arc<Item>, fire: Fire) {
    let id = 0x7449_0000_0000 + NEXT_INSTANCE.fetch_add(1, Relaxed) * 16;
    CURRENT.with(|c| {
        c.borrow_mut().push(Instance {
            id,
            item: item.clone(),
            actions: Vec::new(),
            done: false,
        })
    });
    (item.callback)(id, item.handle, fire);
    let instance = CURRENT.with(|c| c.borrow_mut().pop());
    if let Some(instance) = instance {
        for action in instance.actions {
            action();
        }
        if !instance.done {
            finish(item);
        }
    }
    if item.kind == ItemKind::Simple {
        close(item.handle);
    }
}

/// A callback of `item` has finished.
fn finish(item: &Item) {
    let mut s = item.st.lock();
    s.running = s.running.saturating_sub(1);
    let unused = s.closed && s.running == 0 && s.started == 0 && s.queued == 0;
    drop(s);
    item.changed.notify_all();
    if unused && matches!(item.kind, ItemKind::Io { .. }) {
        let gone = item.pool.st.lock().ios.remove(&item.handle);
        drop(gone);
    }
}

/// Runs `f` on the calling thread's instance `id`, if it is its current one.
fn with_instance<R>(id: usize, f: impl FnOnce(&mut Instance) -> R) -> Option<R> {
    CURRENT.with(|c| c.borrow_mut().iter_mut().rev().find(|i| i.id == id).map(f))
}

/// `...WhenCallbackReturns`: `action` runs when the callback of instance `id` returns. False
/// if `id` is not a callback running on this thread.
pub(crate) fn on_return(id: usize, action: Action) -> bool {
    let mut action = Some(action);
    with_instance(id, |i| {
        if let Some(a) = action.take() {
            i.actions.push(a)
        }
    })
    .is_some()
}

/// `CallbackMayRunLong`: whether another worker is there (or could be started) for the pool's
/// other callbacks.
pub(crate) fn may_run_long(id: usize) -> bool {
    let Some(pool) = with_instance(id, |i| i.item.pool.clone()) else {
        return false;
    };
    let mut st = pool.st.lock();
    st.idle > 0 || (st.threads < st.max && pool.spawn(&mut st))
}

/// `DisassociateCurrentThreadFromCallback`: the callback counts as finished for the waits on
/// its object from now on.
pub(crate) fn disassociate(id: usize) {
    let item = with_instance(id, |i| {
        let first = !i.done;
        i.done = true;
        first.then(|| i.item.clone())
    })
    .flatten();
    if let Some(item) = item {
        finish(&item);
    }
}

/// Creates an object of `kind` on `pool`; its handle.
pub(crate) fn create(
    pool: Arc<Pool>,
    kind: ItemKind,
    callback: Callback,
    group: Option<(Arc<Group>, Option<CancelCallback>)>,
) -> usize {
    let handle = new_handle();
    {
        // A pool with objects always has a worker waiting on its port (I/O completions
        // arrive there with no submission to start one).
        let mut st = pool.st.lock();
        st.objects += 1;
        if st.threads == 0 {
            pool.spawn(&mut st);
        }
    }
    if let Some((g, _)) = &group {
        g.members.lock().push(handle);
    }
    let item = Arc::new(Item {
        pool,
        kind,
        handle,
        callback,
        group,
        st: Mutex::new(ItemState::default()),
        changed: Condvar::new(),
    });
    if !matches!(kind, ItemKind::Io { counted: false }) {
        REGISTRY.lock().insert(handle, Entry::Item(item.clone()));
    }
    if matches!(kind, ItemKind::Io { .. }) {
        let item = item.clone();
        item.pool.clone().st.lock().ios.insert(handle, item);
    }
    handle
}

/// `SubmitThreadpoolWork` (and the one run of a simple callback).
pub(crate) fn submit(item: &Arc<Item>) {
    item.pool.queue(item.clone(), Fire::Plain);
}

/// Withdraws the queued callbacks of `item` that have not started; how many.
fn cancel_queued(item: &Arc<Item>) -> usize {
    let mut st = item.pool.st.lock();
    let (mine, others): (VecDeque<_>, VecDeque<_>) = std::mem::take(&mut st.tasks)
        .into_iter()
        .partition(|(i, _)| Arc::ptr_eq(i, item));
    st.tasks = others;
    drop(st);
    let n = mine.len();
    if n > 0 {
        let mut s = item.st.lock();
        s.queued -= n;
        drop(s);
        item.changed.notify_all();
    }
    drop(mine);
    n
}

/// `WaitForThreadpool*Callbacks`: withdraws the queued callbacks first if `cancel`, then waits
/// until none is queued or running (and, for I/O, until every started operation completed).
///
/// For an I/O object, cancelling drops the completions taken from the port while the call
/// waits (they are its queued callbacks).
pub(crate) fn wait_callbacks(item: &Arc<Item>, cancel: bool) {
    if cancel {
        cancel_queued(item);
    }
    let discard = cancel && matches!(item.kind, ItemKind::Io { .. });
    let mut s = item.st.lock();
    if discard {
        s.discarding += 1;
    }
    while s.queued > 0 || s.running > 0 || s.started > 0 {
        item.changed.wait(&mut s);
    }
    if discard {
        s.discarding -= 1;
    }
}

/// Closes an object's handle: a timer stops, a wait is withdrawn, no new callback is queued;
/// queued and running ones finish, and the object is freed after the last.
pub(crate) fn close(h: usize) {
    let entry = REGISTRY.lock().remove(&h);
    let Some(Entry::Item(item)) = entry else {
        return;
    };
    if let Some((g, _)) = &item.group {
        g.members.lock().retain(|m| *m != h);
    }
    let mut s = item.st.lock();
    s.closed = true;
    s.due = None;
    s.set = false;
    s.generation += 1;
    let stop = s.wait_stop.take();
    let unused = s.running == 0 && s.started == 0 && s.queued == 0;
    drop(s);
    item.changed.notify_all();
    if let Some(stop) = stop {
        let _ = handle::sync::signal(&stop);
    }
    if unused && matches!(item.kind, ItemKind::Io { .. }) {
        let gone = item.pool.st.lock().ios.remove(&h);
        drop(gone);
    }
}

/// A due time given as a `FILETIME` value: negative, relative in 100 ns units; otherwise
/// absolute, in 100 ns units since 1601 (UTC). A time already past is now.
pub(crate) fn due_from_filetime(ft: i64) -> Instant {
    let now = Instant::now();
    // A due time beyond what `Instant` holds is as good as never: a century.
    let after = |d: Duration| {
        now.checked_add(d)
            .unwrap_or_else(|| now + Duration::from_secs(100 * 365 * 86_400))
    };
    if ft < 0 {
        return after(Duration::from_nanos(ft.unsigned_abs().saturating_mul(100)));
    }
    const UNIX_AT: i64 = 116_444_736_000_000_000;
    let since_epoch = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| (d.as_nanos() / 100) as i64);
    let ahead = ft - UNIX_AT - since_epoch;
    if ahead <= 0 {
        now
    } else {
        after(Duration::from_nanos((ahead as u64).saturating_mul(100)))
    }
}

struct Timers {
    list: Mutex<Vec<Arc<Item>>>,
    changed: Condvar,
}

fn timers() -> &'static Timers {
    static TIMERS: OnceLock<Timers> = OnceLock::new();
    static STARTED: std::sync::Once = std::sync::Once::new();
    let t = TIMERS.get_or_init(|| Timers {
        list: Mutex::new(Vec::new()),
        changed: Condvar::new(),
    });
    STARTED.call_once(|| {
        let _ = std::thread::Builder::new()
            .name("ws2mp-pool-timers".into())
            .spawn(move || scheduler(t));
    });
    t
}

/// The timer thread: queues the callbacks of due timers.
fn scheduler(t: &Timers) {
    let mut list = t.list.lock();
    loop {
        let now = Instant::now();
        let mut next: Option<Instant> = None;
        let mut due = Vec::new();
        list.retain(|item| {
            let mut s = item.st.lock();
            match s.due {
                _ if s.closed => false,
                None => false,
                Some(d) if d <= now => {
                    due.push(item.clone());
                    s.due = (!s.period.is_zero()).then(|| (d + s.period).max(now));
                    if let Some(n) = s.due {
                        next = Some(next.map_or(n, |x| x.min(n)));
                    }
                    s.due.is_some()
                }
                Some(d) => {
                    next = Some(next.map_or(d, |x| x.min(d)));
                    true
                }
            }
        });
        if !due.is_empty() {
            drop(list);
            for item in due {
                item.pool.queue(item.clone(), Fire::Plain);
            }
            list = t.list.lock();
            continue;
        }
        match next {
            None => t.changed.wait(&mut list),
            Some(d) => {
                t.changed.wait_until(&mut list, d);
            }
        }
    }
}

/// `SetThreadpoolTimer`: due at `due` (None: stop queueing callbacks), then every `period_ms`
/// (0: once). Whether the timer was set before.
pub(crate) fn set_timer(item: &Arc<Item>, due: Option<Instant>, period_ms: u32) -> bool {
    let mut s = item.st.lock();
    if s.closed {
        return false;
    }
    let was = s.set;
    s.due = due;
    s.set = due.is_some();
    s.period = Duration::from_millis(u64::from(period_ms));
    drop(s);
    let t = timers();
    let mut list = t.list.lock();
    if due.is_some() && !list.iter().any(|i| Arc::ptr_eq(i, item)) {
        list.push(item.clone());
    }
    drop(list);
    t.changed.notify_all();
    was
}

/// `IsThreadpoolTimerSet`.
pub(crate) fn timer_is_set(item: &Item) -> bool {
    item.st.lock().set
}

/// `SetThreadpoolWait`: waits for `target` (a handle; 0 stops the wait) until `deadline`
/// (None: no timeout), once. Whether a wait was armed before.
pub(crate) fn set_wait(item: &Arc<Item>, target: usize, deadline: Option<Instant>) -> bool {
    let mut s = item.st.lock();
    s.generation += 1;
    let previous = s.wait_stop.take();
    let was = previous.is_some();
    if let Some(stop) = previous {
        let _ = handle::sync::signal(&stop);
    }
    if target == 0 || s.closed {
        return was;
    }
    let Ok(object) = handle::lookup(target) else {
        return was;
    };
    let Ok(stop) = handle::Object::new(Kind::Event { auto_reset: false }, None, false) else {
        return was;
    };
    s.wait_stop = Some(stop.clone());
    let generation = s.generation;
    drop(s);
    let item = item.clone();
    let spawned = std::thread::Builder::new()
        .name("ws2mp-pool-wait".into())
        .spawn(move || armed_wait(item, stop, object, target, deadline, generation));
    let _ = spawned;
    was
}

fn armed_wait(
    item: Arc<Item>,
    stop: Arc<handle::Object>,
    object: Arc<handle::Object>,
    target: usize,
    deadline: Option<Instant>,
    generation: u64,
) {
    let ms = deadline.map_or(u32::MAX, |d| {
        let left = d.saturating_duration_since(Instant::now());
        left.as_micros()
            .div_ceil(1000)
            .min(u128::from(u32::MAX - 1)) as u32
    });
    let objects = [stop, object];
    // A pseudo-handle (`GetCurrentProcess()` is `INVALID_HANDLE_VALUE`) is in no table: it
    // cannot be closed under the wait.
    let named = !handle::is_pseudo(target);
    let outcome = wait_objects_ex(
        &objects,
        false,
        ms,
        |i| (i == 1 && named).then_some(target),
        false,
    );
    let result = match outcome {
        Ok(WaitOutcome::Signalled(1)) => WAIT_OBJECT_0,
        Ok(WaitOutcome::Abandoned(1)) => WAIT_ABANDONED_0,
        Ok(WaitOutcome::Timeout) => WAIT_TIMEOUT,
        _ => return,
    };
    {
        let mut s = item.st.lock();
        if s.generation != generation || s.closed {
            return;
        }
        s.wait_stop = None;
    }
    item.pool.queue(item.clone(), Fire::Wait(result));
}

/// What an I/O object is bound to.
pub(crate) enum IoTarget {
    Socket(Arc<Socket>),
    /// A file handle from `CreateFile` (its transfers complete at once and post their packet).
    File(usize),
}

/// `CreateThreadpoolIo` / `BindIoCompletionCallback`: the socket's or file's completions go to
/// the pool's port under a new I/O object, whose handle is returned. One already associated
/// with a port → `ERROR_INVALID_PARAMETER`, as on Windows.
pub(crate) fn create_io(
    pool: Arc<Pool>,
    target: &IoTarget,
    counted: bool,
    callback: Callback,
    group: Option<(Arc<Group>, Option<CancelCallback>)>,
) -> WsaResult<usize> {
    let port = pool.port.clone();
    let h = create(pool.clone(), ItemKind::Io { counted }, callback, group);
    let bound = match target {
        IoTarget::Socket(socket) => overlapped::associate(socket, port, h),
        IoTarget::File(file) => handle::file::associate(*file, port, h),
    };
    if let Err(e) = bound {
        close(h);
        let removed = pool.st.lock().ios.remove(&h);
        drop(removed);
        return Err(if e == WsaError::WSA_INVALID_PARAMETER {
            err(codes::ERROR_INVALID_PARAMETER)
        } else {
            err(codes::ERROR_INVALID_HANDLE)
        });
    }
    Ok(h)
}

/// `StartThreadpoolIo` (`start`) / `CancelThreadpoolIo`.
pub(crate) fn count_io(item: &Item, start: bool) {
    {
        let mut s = item.st.lock();
        if start {
            s.started += 1;
        } else {
            s.started = s.started.saturating_sub(1);
        }
    }
    settle_io(item);
}

/// After an I/O object's counts changed: wakes its waiters, and forgets a closed object that
/// nothing is pending for.
fn settle_io(item: &Item) {
    let s = item.st.lock();
    let unused = s.closed && s.running == 0 && s.started == 0 && s.queued == 0;
    drop(s);
    item.changed.notify_all();
    if unused {
        let gone = item.pool.st.lock().ios.remove(&item.handle);
        drop(gone);
    }
}

/// `CreateThreadpool`: a private pool (at most 500 threads until told otherwise).
pub(crate) fn create_pool() -> WsaResult<usize> {
    let pool = Pool::new(DEFAULT_MAX)?;
    let h = new_handle();
    REGISTRY.lock().insert(h, Entry::Pool(pool));
    Ok(h)
}

/// `CloseThreadpool`: its workers end once no object is bound to it.
pub(crate) fn close_pool(h: usize) {
    let entry = REGISTRY.lock().remove(&h);
    if let Some(Entry::Pool(pool)) = entry {
        let mut st = pool.st.lock();
        st.closed = true;
        if st.objects == 0 {
            pool.port.close();
        }
    }
}

/// `SetThreadpoolThreadMaximum` (at least 1; the minimum follows it down).
pub(crate) fn set_max(pool: &Pool, n: u32) {
    let mut st = pool.st.lock();
    st.max = n.max(1);
    st.min = st.min.min(st.max);
}

/// `SetThreadpoolThreadMinimum`: starts workers up to `n` (the maximum follows it up). False
/// if the system would not start them.
pub(crate) fn set_min(pool: &Arc<Pool>, n: u32) -> bool {
    let mut st = pool.st.lock();
    st.min = n;
    st.max = st.max.max(n);
    while st.threads < st.min {
        if !pool.spawn(&mut st) {
            return false;
        }
    }
    true
}

/// `CreateThreadpoolCleanupGroup`.
pub(crate) fn create_group() -> usize {
    let h = new_handle();
    REGISTRY.lock().insert(
        h,
        Entry::Group(Arc::new(Group {
            members: Mutex::new(Vec::new()),
        })),
    );
    h
}

/// `CloseThreadpoolCleanupGroupMembers`: every member stops (timers, waits), with `cancel`
/// loses its queued callbacks and has its cancel callback called with `context`, then is
/// waited for and closed.
pub(crate) fn close_group_members(group: &Group, cancel: bool, context: usize) {
    let members = std::mem::take(&mut *group.members.lock());
    let items: Vec<Arc<Item>> = members.iter().filter_map(|h| item(*h)).collect();
    for item in &items {
        let mut s = item.st.lock();
        if item.kind != ItemKind::Simple {
            s.due = None;
            s.set = false;
            s.generation += 1;
            if let Some(stop) = s.wait_stop.take() {
                let _ = handle::sync::signal(&stop);
            }
        }
        drop(s);
        if cancel {
            cancel_queued(item);
            if let Some((_, Some(cb))) = &item.group {
                cb(context);
            }
        }
    }
    for item in &items {
        wait_callbacks(item, false);
        close(item.handle);
    }
}

/// `CloseThreadpoolCleanupGroup`.
pub(crate) fn close_group(h: usize) {
    let entry = REGISTRY.lock().remove(&h);
    drop(entry);
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicU32;

    #[test]
    fn work_runs_as_often_as_submitted_and_waits_see_it_done() {
        let pool = default_pool().unwrap();
        let count = Arc::new(AtomicU32::new(0));
        let c = count.clone();
        let h = create(
            pool,
            ItemKind::Work,
            Box::new(move |_, _, _| {
                std::thread::sleep(Duration::from_millis(1));
                c.fetch_add(1, Relaxed);
            }),
            None,
        );
        let work = item(h).unwrap();
        for _ in 0..20 {
            submit(&work);
        }
        wait_callbacks(&work, false);
        assert_eq!(count.load(Relaxed), 20);
        close(h);
        assert!(item(h).is_none());
    }

    #[test]
    fn relative_and_past_due_times() {
        let now = Instant::now();
        let d = due_from_filetime(-10_000_000);
        assert!(d >= now + Duration::from_millis(999));
        assert!(due_from_filetime(0) <= Instant::now());
        // The extremes do not overflow.
        assert!(due_from_filetime(i64::MIN) > now);
        assert!(due_from_filetime(i64::MAX) > now);
    }
}

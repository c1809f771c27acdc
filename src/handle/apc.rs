//! Asynchronous procedure calls: work queued to one thread, run only when that thread is in
//! an alertable wait (`SleepEx`, `WaitForSingleObjectEx`, `WaitForMultipleObjectsEx`,
//! `WSAWaitForMultipleEvents(..., TRUE)`, `GetQueuedCompletionStatusEx(..., TRUE)`). Overlapped
//! completion routines and `QueueUserAPC` both arrive here.
//!
//! Every thread has a queue, made on first use (ws2mp's own threads get theirs at
//! `CreateThread`, so that APCs can be queued before the thread runs). Queuing never
//! interrupts anything: the call stays queued until its thread waits alertably. A thread in an
//! alertable wait is *armed*: its queue records how to wake it, and [`ApcTarget::queue`] wakes
//! it that way, after releasing the queue's lock:
//!
//! - `SleepEx` (no objects) parks on the queue's own condition variable, so a wake costs one
//!   futex wake, as `WSASetEvent` to a parked waiter does;
//! - a wait on objects blocks in `poll` on the objects' pollers and on the queue's wake-up
//!   [`EventObject`] (made the first time the thread waits alertably on objects), which the
//!   queue sets: a wake costs what setting an event costs;
//! - another blocking call (a completion port) may arm the thread with its own wake-up;
//! - a `SleepEx` that polls the thread's own sockets (the overlapped engine left them to it:
//!   [`SelfReap`]) blocks in `poll` on them and on the queue's wake-up eventfd, which `queue`
//!   raises (not when the thread queues to itself: it runs the call when its poll returns).
//!
//! A thread that is not armed costs `queue` one lock and nothing else; a wait that is not
//! alertable never looks at the queue. When a thread ends, what is still queued to it is
//! dropped, never run, and later `queue` calls drop their call at once.

use crate::error::WsaResult;
use crate::event::object::EventObject;
use parking_lot::{Condvar, Mutex};
use std::cell::RefCell;
use std::collections::VecDeque;
use std::sync::atomic::{AtomicU64, Ordering::SeqCst};
use std::sync::{Arc, OnceLock};
use std::time::Instant;

/// One queued call.
pub(crate) type Apc = Box<dyn FnOnce() + Send>;

/// How an armed thread is woken.
enum Waker {
    /// Not in an alertable wait: nothing to wake.
    None,
    /// Parked on [`Queue::parked`] (`SleepEx`).
    Parked,
    /// Blocked on objects and on [`Queue::wake`].
    Event,
    /// Blocked in `poll` on [`Queue::signal`] too (`SleepEx` reaping its own operations).
    Signal,
    /// Blocked somewhere else, woken by this (`GetQueuedCompletionStatusEx(..., TRUE)`).
    Other(Arc<dyn Fn() + Send + Sync>),
}

struct State {
    /// The queued calls, each with its tag ([`ApcTarget::queue_tagged`]; 0: none).
    calls: VecDeque<(usize, Apc)>,
    waker: Waker,
    /// The thread ended: nothing runs any more.
    ended: bool,
}

struct Queue {
    state: Mutex<State>,
    parked: Condvar,
    wake: OnceLock<Arc<EventObject>>,
    /// Raised to wake a `SleepEx` that polls its own sockets ([`SelfReap`]).
    signal: OnceLock<crate::sys::Signal>,
    /// Counts the thread's entries into and exits from `SleepEx(..., TRUE)`: odd while in it.
    sleeps: AtomicU64,
    /// Counts the thread's polls of its own sockets in `SleepEx` ([`SelfReap`]).
    polls: AtomicU64,
    /// Whether the thread is in such a poll now.
    polling: std::sync::atomic::AtomicBool,
}

/// A thread that APCs can be queued to: any thread, whether ws2mp started it or not.
#[derive(Clone)]
pub(crate) struct ApcTarget(Arc<Queue>);

/// The calling thread's queue; dropping it (the thread's end) drops what is still queued.
struct Mine(RefCell<Option<ApcTarget>>);

impl Drop for Mine {
    fn drop(&mut self) {
        if let Some(me) = self.0.borrow_mut().take() {
            me.end();
        }
    }
}

thread_local! {
    static MINE: Mine = const { Mine(RefCell::new(None)) };
}

impl ApcTarget {
    /// A queue for a thread that has not started yet (`CreateThread`); the thread takes it
    /// with [`install`] before its routine runs.
    pub(crate) fn new() -> ApcTarget {
        ApcTarget(Arc::new(Queue {
            state: Mutex::new(State {
                calls: VecDeque::new(),
                waker: Waker::None,
                ended: false,
            }),
            parked: Condvar::new(),
            wake: OnceLock::new(),
            signal: OnceLock::new(),
            sleeps: AtomicU64::new(0),
            polls: AtomicU64::new(0),
            polling: std::sync::atomic::AtomicBool::new(false),
        }))
    }

    /// The calling thread (its queue is made now if it has none). During the thread's TLS
    /// destruction, a queue that is already ended.
    pub(crate) fn current() -> ApcTarget {
        MINE.try_with(|m| m.0.borrow_mut().get_or_insert_with(ApcTarget::new).clone())
            .unwrap_or_else(|_| {
                let gone = ApcTarget::new();
                gone.0.state.lock().ended = true;
                gone
            })
    }

    /// Queues `apc` to run on this thread during its next alertable wait, waking the thread
    /// if it is in one. Returns false (and drops `apc`) if the thread has ended.
    pub(crate) fn queue(&self, apc: Apc) -> bool {
        self.queue_tagged(apc, 0)
    }

    /// [`ApcTarget::queue`], with a tag (not 0) that [`ApcTarget::withdraw`] can take the call
    /// back by (a waitable timer's completion routine, which cancelling the timer withdraws).
    pub(crate) fn queue_tagged(&self, apc: Apc, tag: usize) -> bool {
        self.queue_then(apc, tag, || {})
    }

    /// [`ApcTarget::queue_tagged`], running `then` once the call is queued and before the
    /// thread can take it: what `then` does (an operation's status published) is seen by the
    /// call, and whoever sees it finds the call queued. `then` runs even when the thread has
    /// ended (the call is then dropped: false).
    pub(crate) fn queue_then(&self, apc: Apc, tag: usize, then: impl FnOnce()) -> bool {
        let mut state = self.0.state.lock();
        if state.ended {
            drop(state);
            then();
            drop(apc);
            return false;
        }
        state.calls.push_back((tag, apc));
        then();
        let wake = match &state.waker {
            Waker::None => return true,
            // Queued by the sleeping thread itself (a completion it reaped): it runs the call
            // as soon as its poll returns, no wake needed.
            Waker::Signal if self.is_current() => return true,
            Waker::Signal => self.0.signal.get().map(|_| Wake::Signal),
            Waker::Parked => None,
            Waker::Event => self.0.wake.get().cloned().map(Wake::Event),
            Waker::Other(f) => Some(Wake::Other(f.clone())),
        };
        drop(state);
        match wake {
            None => {
                self.0.parked.notify_one();
            }
            Some(Wake::Event(e)) => e.set(),
            Some(Wake::Signal) => {
                if let Some(s) = self.0.signal.get() {
                    s.raise();
                }
            }
            Some(Wake::Other(f)) => f(),
        }
        true
    }

    /// Removes the calls queued with `tag` that have not started running.
    pub(crate) fn withdraw(&self, tag: usize) {
        let withdrawn: VecDeque<(usize, Apc)> = {
            let mut state = self.0.state.lock();
            let (gone, kept) = std::mem::take(&mut state.calls)
                .into_iter()
                .partition(|(t, _)| *t == tag);
            state.calls = kept;
            gone
        };
        // Dropped outside the lock: a call's captures may queue.
        drop(withdrawn);
    }

    /// Whether the thread has ended (its queue no longer takes calls).
    #[allow(dead_code)] // For the overlapped engine.
    pub(crate) fn has_ended(&self) -> bool {
        self.0.state.lock().ended
    }

    /// The thread ends: drop what is queued (outside the lock: a call's captures may queue).
    fn end(&self) {
        let dropped = {
            let mut state = self.0.state.lock();
            state.ended = true;
            state.waker = Waker::None;
            std::mem::take(&mut state.calls)
        };
        drop(dropped);
    }

    /// Whether this is the calling thread's queue.
    fn is_current(&self) -> bool {
        MINE.try_with(|m| {
            m.0.borrow()
                .as_ref()
                .is_some_and(|me| Arc::ptr_eq(&me.0, &self.0))
        })
        .unwrap_or(false)
    }

    /// Whether both name the same thread.
    pub(crate) fn same(&self, other: &ApcTarget) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }

    /// How the thread reaps its own sockets in `SleepEx`: a count that changes whenever it
    /// enters or leaves `SleepEx(..., TRUE)` or starts polling its sockets there, and whether
    /// it is polling them now. The overlapped engine takes a thread's sockets back when the
    /// count stays the same while the thread does not poll (it stopped sleeping alertably, or
    /// blocks elsewhere inside a completion routine).
    pub(crate) fn self_reaping(&self) -> (u64, bool) {
        let count = self.0.sleeps.load(SeqCst) + self.0.polls.load(SeqCst);
        (count, self.0.polling.load(SeqCst))
    }

    fn pop(&self) -> Option<Apc> {
        self.0.state.lock().calls.pop_front().map(|(_, apc)| apc)
    }
}

enum Wake {
    Event(Arc<EventObject>),
    Signal,
    Other(Arc<dyn Fn() + Send + Sync>),
}

/// Makes `target` the calling thread's queue (a thread ws2mp started, before its routine
/// runs). Calls queued to it before the thread started run in the thread's first alertable
/// wait.
pub(crate) fn install(target: &ApcTarget) {
    let _ = MINE.try_with(|m| *m.0.borrow_mut() = Some(target.clone()));
}

/// Runs every APC queued to the calling thread, in order, including any queued while they
/// run; whether any ran (an alertable wait then returns `WAIT_IO_COMPLETION`). No lock is held
/// while a call runs, so it may wait, queue, or do I/O.
pub(crate) fn run_pending() -> bool {
    let Some(me) = MINE.try_with(|m| m.0.borrow().clone()).ok().flatten() else {
        return false;
    };
    let mut ran = false;
    while let Some(apc) = me.pop() {
        apc();
        ran = true;
    }
    ran
}

/// The calling thread, armed for an alertable wait: while this lives, queuing to the thread
/// wakes it through the waker it was armed with. Disarmed when dropped.
pub(crate) struct Armed {
    me: ApcTarget,
}

impl Armed {
    /// The wake-up event of a wait armed with [`arm_event`]: block on it too.
    pub(crate) fn event(&self) -> Option<&Arc<EventObject>> {
        self.me.0.wake.get()
    }
}

impl Drop for Armed {
    fn drop(&mut self) {
        self.me.0.state.lock().waker = Waker::None;
    }
}

/// Arms the calling thread with `waker`, unless calls are already queued (then `None`: run
/// them with [`run_pending`] instead of blocking).
fn arm(waker: Waker) -> Option<Armed> {
    let me = ApcTarget::current();
    let mut state = me.0.state.lock();
    if !state.calls.is_empty() {
        return None;
    }
    state.waker = waker;
    drop(state);
    Some(Armed { me })
}

/// Arms the calling thread for a wait on objects: [`Armed::event`] is set when a call is
/// queued. `Ok(None)`: calls are already queued. The event is made on the thread's first
/// alertable wait on objects (`WSA_NOT_ENOUGH_MEMORY` if it cannot be).
pub(crate) fn arm_event() -> WsaResult<Option<Armed>> {
    let me = ApcTarget::current();
    let wake = match me.0.wake.get() {
        Some(w) => w,
        None => {
            let made = Arc::new(EventObject::new()?);
            me.0.wake.get_or_init(|| made)
        }
    };
    // Only this thread arms or resets its wake-up event; a set that arrives after this reset
    // comes from a call queued after it, which the check in `arm` or the wait then sees.
    wake.reset();
    Ok(arm(Waker::Event))
}

/// Arms the calling thread for a blocking call of its own (a completion port): `wake` is
/// called, outside any lock of the queue, when a call is queued. `None`: calls are already
/// queued.
pub(crate) fn arm_with(wake: Arc<dyn Fn() + Send + Sync>) -> Option<Armed> {
    arm(Waker::Other(wake))
}

/// Arms the calling thread for a blocking `poll` of its own (`WSAPoll`, `select`, which run
/// APCs while they wait, as on Windows): the returned descriptor becomes readable when a call
/// is queued (drain it with [`clear_signal`]). `None`: calls are already queued (run them),
/// or no descriptor could be made (the wait then runs calls only between its polls).
pub(crate) fn arm_signal() -> Option<(Armed, crate::sys::Fd)> {
    let me = ApcTarget::current();
    let signal = match me.0.signal.get() {
        Some(s) => s,
        None => {
            let made = crate::sys::Signal::new().ok()?;
            me.0.signal.get_or_init(|| made)
        }
    };
    let fd = signal.raw_fd();
    let armed = arm(Waker::Signal)?;
    Some((armed, fd))
}

/// Drains the calling thread's wake-up descriptor ([`arm_signal`]) after it was raised.
pub(crate) fn clear_signal() {
    let me = ApcTarget::current();
    if let Some(s) = me.0.signal.get() {
        s.clear();
    }
}

/// How a thread in `SleepEx(..., TRUE)` reaps the overlapped operations it issued itself
/// (installed by the overlapped engine): waits until one of its sockets is ready, `wake` is
/// readable, or `until`, and completes what it can (queuing the completion routines to the
/// thread). `None`: the thread watches no socket (it then parks); `Some(woken)`: whether
/// `wake` was readable.
pub(crate) type SelfReap = fn(wake: crate::sys::Fd, until: Option<Instant>) -> Option<bool>;

static SELF_REAP: OnceLock<SelfReap> = OnceLock::new();

/// Installs the overlapped engine's [`SelfReap`].
pub(crate) fn set_self_reap(reap: SelfReap) {
    let _ = SELF_REAP.set(reap);
}

/// Whether the calling thread is in `SleepEx(..., TRUE)` (including the calls it runs there).
pub(crate) fn in_alertable_sleep() -> bool {
    MINE.try_with(|m| {
        m.0.borrow()
            .as_ref()
            .is_some_and(|me| me.0.sleeps.load(SeqCst) % 2 == 1)
    })
    .unwrap_or(false)
}

/// `SleepEx(..., TRUE)`: sleeps until `deadline` (`None`: forever) or until a call is queued,
/// then runs the queued calls. Returns whether any ran.
///
/// A thread with overlapped operations of its own waiting (completion routines, issued while
/// it sleeps here) polls their sockets itself ([`SelfReap`]): the completion is found, and its
/// routine run, on this thread, with no other thread involved.
pub(crate) fn sleep_alertable(deadline: Option<Instant>) -> bool {
    let me = ApcTarget::current();
    me.0.sleeps.fetch_add(1, SeqCst);
    let ran = sleep_alertable_in(&me, deadline);
    me.0.sleeps.fetch_add(1, SeqCst);
    ran
}

fn sleep_alertable_in(me: &ApcTarget, deadline: Option<Instant>) -> bool {
    loop {
        if run_pending() {
            return true;
        }
        if deadline.is_some_and(|d| Instant::now() >= d) {
            return false;
        }
        let Some(reap) = SELF_REAP.get() else {
            break;
        };
        let signal = match me.0.signal.get() {
            Some(s) => s,
            None => match crate::sys::Signal::new() {
                Ok(s) => me.0.signal.get_or_init(|| s),
                Err(_) => break,
            },
        };
        let Some(armed) = arm(Waker::Signal) else {
            continue;
        };
        me.0.polls.fetch_add(1, SeqCst);
        me.0.polling.store(true, SeqCst);
        let reaped = reap(signal.raw_fd(), deadline);
        me.0.polling.store(false, SeqCst);
        drop(armed);
        match reaped {
            None => break,
            Some(true) => signal.clear(),
            Some(false) => {}
        }
    }
    {
        let mut state = me.0.state.lock();
        while state.calls.is_empty() {
            state.waker = Waker::Parked;
            let timed_out = match deadline {
                None => {
                    me.0.parked.wait(&mut state);
                    false
                }
                Some(d) => me.0.parked.wait_until(&mut state, d).timed_out(),
            };
            if timed_out {
                break;
            }
        }
        state.waker = Waker::None;
    }
    run_pending()
}

/// Whether calls are queued to the calling thread (without running them).
#[allow(dead_code)] // For the overlapped engine.
pub(crate) fn pending() -> bool {
    MINE.try_with(|m| {
        m.0.borrow()
            .as_ref()
            .is_some_and(|me| !me.0.state.lock().calls.is_empty())
    })
    .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};
    use std::time::Duration;

    #[test]
    fn calls_run_in_order_only_when_asked() {
        let log = Arc::new(Mutex::new(Vec::new()));
        let me = ApcTarget::current();
        for i in 0..3 {
            let log = log.clone();
            assert!(me.queue(Box::new(move || log.lock().push(i))));
        }
        assert!(log.lock().is_empty(), "queuing runs nothing");
        assert!(pending());
        assert!(run_pending());
        assert_eq!(*log.lock(), vec![0, 1, 2]);
        assert!(!run_pending(), "nothing left");
    }

    #[test]
    fn a_sleeping_thread_is_woken_and_runs_the_call() {
        let (tx, rx) = std::sync::mpsc::channel();
        let ran = Arc::new(AtomicUsize::new(0));
        let r = ran.clone();
        let t = std::thread::spawn(move || {
            tx.send(ApcTarget::current()).unwrap();
            let start = Instant::now();
            let woke = sleep_alertable(Some(start + Duration::from_secs(10)));
            (woke, start.elapsed(), r.load(SeqCst))
        });
        let target = rx.recv().unwrap();
        std::thread::sleep(Duration::from_millis(50));
        let r = ran.clone();
        assert!(target.queue(Box::new(move || {
            r.fetch_add(1, SeqCst);
        })));
        let (woke, took, seen) = t.join().unwrap();
        assert!(woke);
        assert_eq!(seen, 1);
        assert!(took < Duration::from_secs(5));
        assert!(target.has_ended(), "the thread's end ends its queue");
        assert!(
            !target.queue(Box::new(|| {})),
            "an ended thread takes nothing"
        );
    }

    #[test]
    fn an_alertable_sleep_times_out() {
        let start = Instant::now();
        assert!(!sleep_alertable(Some(start + Duration::from_millis(30))));
        assert!(start.elapsed() >= Duration::from_millis(30));
    }
}

//! I/O completion ports: a queue of completion packets that worker threads take with
//! `GetQueuedCompletionStatus(Ex)`.
//!
//! Waiters sleep on a stack (the thread that waited last is woken first, as on Windows, so a
//! few hot threads do the work and the rest stay asleep). The concurrency value limits how
//! many threads a post wakes while others are still processing: a thread counts as active on
//! the port from the moment a wait on it returns a packet until it waits on a port again (or
//! ends). A thread that comes to wait while packets are queued always takes one, and a
//! sleeping waiter re-checks the queue at least every 100 ms, so a limit never strands a
//! packet. Difference from Windows: a thread blocked elsewhere still counts as active.

use super::apc;
use crate::sys::thread_control;
use crate::sys::{Fd, Signal};
use parking_lot::{Condvar, Mutex};
use std::cell::RefCell;
use std::collections::VecDeque;
use std::sync::{Arc, Weak};
use std::time::{Duration, Instant};

/// One completion packet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Packet {
    pub(crate) key: usize,
    /// The `lpOverlapped` value (any value, for `PostQueuedCompletionStatus`).
    pub(crate) overlapped: usize,
    pub(crate) bytes: u32,
    /// The NTSTATUS of the operation (0 for posted packets).
    pub(crate) status: u32,
}

struct Waiter {
    wake: Condvar,
}

#[derive(Default)]
struct State {
    packets: VecDeque<Packet>,
    /// Sleeping waiters, the most recent last.
    waiters: Vec<Arc<Waiter>>,
    /// Threads that took a packet and have not come back.
    active: u32,
    closed: bool,
    /// The waiter that reaps the overlapped engine for this port (the leader), if any.
    reaper: Option<std::thread::ThreadId>,
}

/// A completion port.
pub struct Port {
    state: Mutex<State>,
    concurrency: u32,
    /// Raised to wake the leader out of its wait on the engine (a packet from elsewhere).
    wake: Signal,
    /// The port handle's own state for `WaitForSingleObject` on it: signalled while packets
    /// are queued (Windows' queue object; the wait takes none). Set by [`Port::signal_with`].
    signal: std::sync::OnceLock<Arc<crate::event::object::EventObject>>,
}

/// The overlapped engine as a waiting thread reaps it (implemented by `overlapped`).
pub(crate) trait Reaping {
    /// Waits until the engine has reports, `wake` is readable, or `until`, and retries the
    /// ready sockets (posting their completions). Whether `wake` was readable.
    fn reap(&self, wake: Fd, until: Option<Instant>) -> bool;
}

/// Why a wait on a port returned no packet.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum NoPacket {
    Timeout,
    /// The port's handle was closed (`ERROR_ABANDONED_WAIT_0`).
    Closed,
    /// An APC ran during an alertable wait (`WAIT_IO_COMPLETION`).
    Alerted,
}

/// Longest sleep before a waiter looks at the queue again on its own.
const RECHECK: Duration = Duration::from_millis(100);
/// Longest wait of the leader for the engine while other threads are active on the port
/// (their packets do not wake it).
const ACTIVE_RECHECK: Duration = Duration::from_millis(1);
/// Longest sleep of an alertable waiter before it looks for APCs.
const ALERT_RECHECK: Duration = Duration::from_millis(10);

/// The port the calling thread is active on (it took a packet from it).
struct ActiveOn(RefCell<Option<Weak<Port>>>);

impl ActiveOn {
    fn leave(&self) {
        if let Some(port) = self.0.borrow_mut().take().and_then(|w| w.upgrade()) {
            let mut st = port.state.lock();
            st.active = st.active.saturating_sub(1);
        }
    }

    /// Leaves the port the thread is active on, unless it is `port` (whether it is: the
    /// caller then counts the thread out under its own hold of that port's lock).
    fn leave_unless(&self, port: &Port) -> bool {
        let here = self
            .0
            .borrow()
            .as_ref()
            .is_some_and(|w| std::ptr::eq(w.as_ptr(), port));
        if here {
            self.0.borrow_mut().take();
        } else {
            self.leave();
        }
        here
    }
}

/// The calling thread's id (`std::thread::current()` clones the thread's handle each time).
fn my_thread_id() -> std::thread::ThreadId {
    thread_local! {
        static ID: std::thread::ThreadId = std::thread::current().id();
    }
    ID.try_with(|id| *id)
        .unwrap_or_else(|_| std::thread::current().id())
}

impl Drop for ActiveOn {
    fn drop(&mut self) {
        self.leave();
    }
}

thread_local! {
    static ACTIVE_ON: ActiveOn = const { ActiveOn(RefCell::new(None)) };
    static ME: Arc<Waiter> = Arc::new(Waiter { wake: Condvar::new() });
}

impl Port {
    /// A port; `concurrency` 0 means the number of processors. Err: the errno of the
    /// wake-up descriptor.
    pub(crate) fn new(concurrency: u32) -> Result<Arc<Port>, i32> {
        let concurrency = if concurrency == 0 {
            std::thread::available_parallelism().map_or(1, |n| n.get() as u32)
        } else {
            concurrency
        };
        Ok(Arc::new(Port {
            state: Mutex::new(State::default()),
            concurrency,
            wake: Signal::new()?,
            signal: std::sync::OnceLock::new(),
        }))
    }

    /// Gives the port its handle object's event, which it keeps signalled while packets are
    /// queued.
    pub(crate) fn signal_with(&self, event: Arc<crate::event::object::EventObject>) {
        let st = self.state.lock();
        if !st.packets.is_empty() {
            event.set();
        }
        let _ = self.signal.set(event);
    }

    /// Brings the handle's state in line with the queue (the port's lock held).
    fn update_signal(&self, st: &State) {
        if let Some(event) = self.signal.get() {
            if st.packets.is_empty() {
                event.reset();
            } else {
                event.set();
            }
        }
    }

    /// Queues a packet. Wakes the leader if another thread posts, and the most recent
    /// follower for a packet the leader will not take, if fewer threads than the concurrency
    /// value are active. False if the port is closed (the packet is dropped).
    pub(crate) fn post(&self, packet: Packet) -> bool {
        let mut st = self.state.lock();
        if st.closed {
            return false;
        }
        st.packets.push_back(packet);
        if st.packets.len() == 1 {
            self.update_signal(&st);
        }
        // A thread active on this port (a worker finishing a packet: its send completed at
        // once) comes back for the packet itself; the leader, which polls with a short
        // timeout while threads are active, takes it if it does not.
        if let Some(reaper) = st.reaper {
            if reaper != my_thread_id() && !self.is_active_here() {
                self.wake.raise();
            }
        }
        let spare = st.packets.len() > usize::from(st.reaper.is_some());
        if spare && st.active < self.concurrency {
            if let Some(w) = st.waiters.pop() {
                w.wake.notify_one();
            }
        }
        true
    }

    /// Whether the calling thread is active on this port.
    fn is_active_here(&self) -> bool {
        ACTIVE_ON
            .try_with(|a| {
                a.0.borrow()
                    .as_ref()
                    .is_some_and(|w| std::ptr::eq(w.as_ptr(), self))
            })
            .unwrap_or(false)
    }

    /// The lead `me` held passes to the most recent follower (returned: to be woken once
    /// the lock is released).
    fn give_up_lead(&self, st: &mut State, me: std::thread::ThreadId) -> Option<Arc<Waiter>> {
        if st.reaper != Some(me) {
            return None;
        }
        st.reaper = None;
        st.waiters.pop()
    }

    /// A thread that stops waiting without taking a packet (suspended or terminated): its
    /// lead, or else a queued packet it may have been woken for, passes to the most recent
    /// follower (returned: to be woken once the lock is released).
    fn hand_over(&self, st: &mut State, me: std::thread::ThreadId) -> Option<Arc<Waiter>> {
        self.give_up_lead(st, me).or_else(|| {
            if st.packets.is_empty() {
                None
            } else {
                st.waiters.pop()
            }
        })
    }

    /// The port's last handle was closed: waiters return `NoPacket::Closed`, queued packets
    /// are dropped.
    pub(crate) fn close(&self) {
        let mut st = self.state.lock();
        st.closed = true;
        if st.reaper.is_some() {
            self.wake.raise();
        }
        st.packets.clear();
        self.update_signal(&st);
        for w in st.waiters.drain(..) {
            w.wake.notify_one();
        }
    }

    /// Takes up to `out.len()` packets (at least one), waiting until `deadline` (None:
    /// forever). `alertable`: APCs queued to the thread run and end the wait. While the queue
    /// is empty the thread reaps the overlapped engine itself when `lead` gives it the lead
    /// (see `overlapped/engine.rs`), else it sleeps as a follower.
    pub(crate) fn take<L: Reaping>(
        self: &Arc<Self>,
        out: &mut [Packet],
        deadline: Option<Instant>,
        alertable: bool,
        lead: impl Fn() -> Option<L>,
    ) -> Result<usize, NoPacket> {
        let was_active_here = ACTIVE_ON.with(|a| a.leave_unless(self));
        let me = ME.with(Arc::clone);
        let my_id = my_thread_id();
        let mut led: Option<L> = None;
        // Whether this round already asked for the lead (and was told no).
        let mut asked = false;
        // `TerminateThread` interrupted this thread's wait: it gives back the lead and any
        // packet it was woken for, then ends. (It may be the one reaping the engine for
        // everyone: it must not stop inside the wait.)
        let stoppable = thread_control::Stoppable::begin();
        let mut ending = false;
        // An alertable wait is woken at once by a call queued to the thread: through the
        // port's descriptor if it leads, its condition variable if it follows (the 10 ms
        // recheck remains for a call queued just before it sleeps).
        let _armed = alertable
            .then(|| {
                let port = Arc::downgrade(self);
                let waiter = me.clone();
                apc::arm_with(Arc::new(move || {
                    if let Some(port) = port.upgrade() {
                        port.wake.raise();
                        let _st = port.state.lock();
                        waiter.wake.notify_all();
                    }
                }))
            })
            .flatten();
        let mut st = self.state.lock();
        if was_active_here {
            st.active = st.active.saturating_sub(1);
        }
        let result = loop {
            if thread_control::must_end() {
                ending = true;
                break Err(NoPacket::Timeout);
            }
            if thread_control::must_pause() {
                // Suspended: the lead, or a packet this thread was woken for, goes to
                // another waiter while it sleeps.
                let successor = self.hand_over(&mut st, my_id);
                asked = false;
                drop(st);
                led = None;
                if let Some(w) = successor {
                    w.wake.notify_one();
                }
                thread_control::pause_here();
                st = self.state.lock();
                continue;
            }
            if st.closed {
                break Err(NoPacket::Closed);
            }
            if !st.packets.is_empty() {
                let n = out.len().min(st.packets.len());
                for (slot, p) in out.iter_mut().zip(st.packets.drain(..n)) {
                    *slot = p;
                }
                if st.packets.is_empty() {
                    self.update_signal(&st);
                }
                st.active += 1;
                ACTIVE_ON.with(|a| *a.0.borrow_mut() = Some(Arc::downgrade(self)));
                break Ok(n);
            }
            if alertable {
                drop(st);
                let ran = stoppable.pause(apc::run_pending);
                st = self.state.lock();
                if ran {
                    break Err(NoPacket::Alerted);
                }
                if !st.packets.is_empty() || st.closed {
                    continue;
                }
            }
            let now = Instant::now();
            if deadline.is_some_and(|d| now >= d) {
                break Err(NoPacket::Timeout);
            }
            let slice = if alertable { ALERT_RECHECK } else { RECHECK };
            let until = deadline.map_or(now + slice, |d| d.min(now + slice));
            if st.reaper.is_none_or(|r| r == my_id) {
                if led.is_none() && !asked {
                    drop(st);
                    led = lead();
                    asked = true;
                    st = self.state.lock();
                    continue;
                }
                if let Some(l) = &led {
                    st.reaper = Some(my_id);
                    // Packets posted by active threads do not wake the leader (`post`).
                    let busy = (st.active > 0).then(|| now + ACTIVE_RECHECK);
                    drop(st);
                    let reap_until = match (alertable, busy) {
                        (_, Some(b)) => Some(until.min(b)),
                        (true, None) => Some(until),
                        (false, None) => deadline,
                    };
                    if l.reap(self.wake.raw_fd(), reap_until) {
                        self.wake.clear();
                    }
                    st = self.state.lock();
                    continue;
                }
            }
            asked = false;
            st.waiters.push(me.clone());
            me.wake.wait_until(&mut st, until);
            st.waiters.retain(|w| !Arc::ptr_eq(w, &me));
        };
        // The leader hands the lead to the most recent follower as it leaves.
        let successor = if ending {
            self.hand_over(&mut st, my_id)
        } else {
            self.give_up_lead(&mut st, my_id)
        };
        drop(st);
        drop(led);
        if let Some(w) = successor {
            w.wake.notify_one();
        }
        if ending {
            thread_control::end_here();
        }
        result
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// For a port no engine serves (the tests): never leads.
    struct NoReaping;

    impl Reaping for NoReaping {
        fn reap(&self, _wake: Fd, _until: Option<Instant>) -> bool {
            false
        }
    }

    fn packet(key: usize) -> Packet {
        Packet {
            key,
            overlapped: 0,
            bytes: 0,
            status: 0,
        }
    }

    #[test]
    fn packets_come_out_in_order_and_time_out() {
        let port = Port::new(1).unwrap();
        let no = || None::<NoReaping>;
        assert!(port.post(packet(1)));
        assert!(port.post(packet(2)));
        let mut out = [packet(0); 4];
        assert_eq!(port.take(&mut out, None, false, no), Ok(2));
        assert_eq!((out[0].key, out[1].key), (1, 2));
        let soon = Some(Instant::now() + Duration::from_millis(20));
        assert_eq!(port.take(&mut out, soon, false, no), Err(NoPacket::Timeout));
        port.close();
        assert_eq!(port.take(&mut out, None, false, no), Err(NoPacket::Closed));
        assert!(!port.post(packet(3)));
    }
}

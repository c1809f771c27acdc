//! WSAEVENT objects: manual-reset events that sockets can be selected to.
//!
//! Each event owns a poller (epoll/kqueue) in which the sockets selected to it are registered,
//! and a signal descriptor registered in that same poller. Waiting on one event is a plain
//! `epoll_wait` on its poller: the waiting thread harvests socket readiness itself and records
//! the Winsock network events, so no other thread is involved on the wake-up path.
//!
//! The signal descriptor is raised only when a thread may be blocked on the poller
//! (`blocked > 0`): setting an event nobody waits on costs no system call.
//!
//! An event that no socket is selected to needs no poller to wait on: a thread waiting on it
//! alone parks on a futex-backed condition variable instead, so `WSASetEvent` →
//! `WSAWaitForMultipleEvents` costs what a raw futex wake costs. Selecting a socket to the
//! event wakes parked waiters so they move to the poller.

use crate::error::{WsaError, WsaResult};
use crate::sys::{self, Poller, Signal};
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering::SeqCst};
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};
use std::time::Instant;

/// Token of the signal descriptor inside an event's poller.
pub(crate) const SIGNAL_TOKEN: u64 = u64::MAX;

pub struct EventObject {
    pub(crate) poller: Poller,
    signal: Signal,
    /// Mirror of the signalled state, readable without the lock.
    signalled: AtomicBool,
    /// Whether the signal descriptor is currently raised. Its lock also orders parking.
    raised: Mutex<bool>,
    /// Parked waiters (see the module comment) sleep here. The standard library's condition
    /// variable: its `notify_all` wakes every waiter, where parking_lot's wakes one and queues
    /// the rest behind it, which a waiter stopped by `SuspendThread` or `TerminateThread`
    /// would never pass on.
    parked: Condvar,
    /// Threads blocked (or about to block) in this event's poller.
    blocked: AtomicU32,
    /// Sockets currently selected to this event.
    members: AtomicU32,
    /// Set when the handle is closed, so parked waiters give up.
    closed: AtomicBool,
}

/// Why a parked wait ended.
pub enum Parked {
    Signalled,
    TimedOut,
    /// A socket was selected to the event (wait on the poller now) or the handle was closed.
    Changed,
}

impl EventObject {
    /// The `raised` lock (a panic while it was held leaves nothing half-done: one bool).
    fn raised(&self) -> MutexGuard<'_, bool> {
        self.raised.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub fn new() -> WsaResult<EventObject> {
        let map = |e| match e {
            libc::EMFILE | libc::ENFILE | libc::ENOMEM => WsaError::WSA_NOT_ENOUGH_MEMORY,
            other => WsaError::from_errno(other),
        };
        let poller = Poller::new().map_err(map)?;
        let signal = Signal::new().map_err(map)?;
        poller
            .add(signal.raw_fd(), SIGNAL_TOKEN, sys::interest::READ)
            .map_err(map)?;
        Ok(EventObject {
            poller,
            signal,
            signalled: AtomicBool::new(false),
            raised: Mutex::new(false),
            parked: Condvar::new(),
            blocked: AtomicU32::new(0),
            members: AtomicU32::new(0),
            closed: AtomicBool::new(false),
        })
    }

    pub fn is_signalled(&self) -> bool {
        self.signalled.load(SeqCst)
    }

    /// `WSASetEvent`, and what recording a network event does.
    pub fn set(&self) {
        let mut raised = self.raised();
        self.signalled.store(true, SeqCst);
        // Pairs with `begin_block`: either that thread sees `signalled`, or we see it blocked.
        if !*raised && self.blocked.load(SeqCst) > 0 {
            self.signal.raise();
            *raised = true;
        }
        drop(raised);
        self.parked.notify_all();
    }

    /// `WSAResetEvent`.
    pub fn reset(&self) {
        let mut raised = self.raised();
        self.signalled.store(false, SeqCst);
        if *raised {
            self.signal.clear();
            *raised = false;
        }
    }

    /// Announces that the calling thread is about to block on this event's poller.
    /// Returns false (and announces nothing) if the event is already signalled.
    pub fn begin_block(&self) -> bool {
        self.blocked.fetch_add(1, SeqCst);
        if self.signalled.load(SeqCst) {
            self.blocked.fetch_sub(1, SeqCst);
            return false;
        }
        true
    }

    pub fn end_block(&self) {
        self.blocked.fetch_sub(1, SeqCst);
    }

    /// Whether no socket is selected to this event (a waiter may park instead of polling).
    pub fn has_no_sockets(&self) -> bool {
        self.members.load(SeqCst) == 0
    }

    /// A socket was selected to this event.
    pub fn add_member(&self) {
        if self.members.fetch_add(1, SeqCst) == 0 {
            // Parked waiters must move to the poller to see this socket's readiness.
            let _guard = self.raised();
            self.parked.notify_all();
        }
    }

    /// A socket's selection to this event ended.
    pub fn remove_member(&self) {
        self.members.fetch_sub(1, SeqCst);
    }

    /// Sleeps until the event is signalled, `deadline` passes, a socket is selected to it, or
    /// the handle is closed. Only for events without sockets.
    pub fn park(&self, deadline: Option<Instant>) -> Parked {
        let mut guard = self.raised();
        loop {
            if self.signalled.load(SeqCst) {
                return Parked::Signalled;
            }
            if !self.has_no_sockets() || self.closed.load(SeqCst) {
                return Parked::Changed;
            }
            match deadline {
                None => {
                    guard = self
                        .parked
                        .wait(guard)
                        .unwrap_or_else(PoisonError::into_inner)
                }
                Some(d) => {
                    let left = d.saturating_duration_since(Instant::now());
                    let timed_out;
                    (guard, timed_out) = self
                        .parked
                        .wait_timeout(guard, left)
                        .map(|(g, t)| (g, t.timed_out()))
                        .unwrap_or_else(|e| (e.into_inner().0, false));
                    if timed_out && Instant::now() >= d {
                        return if self.signalled.load(SeqCst) {
                            Parked::Signalled
                        } else {
                            Parked::TimedOut
                        };
                    }
                }
            }
        }
    }
}

impl EventObject {
    /// An auto-reset wait's acquisition: takes the signal if it is set (true), resetting the
    /// event in the same step.
    pub fn try_consume(&self) -> bool {
        if !self.signalled.load(SeqCst) {
            return false;
        }
        let mut raised = self.raised();
        if !self.signalled.swap(false, SeqCst) {
            return false;
        }
        if *raised {
            self.signal.clear();
            *raised = false;
        }
        true
    }

    /// The object's last handle was closed: wake every waiter so it notices.
    pub fn mark_closed(&self) {
        self.closed.store(true, SeqCst);
        let mut raised = self.raised();
        if !*raised {
            self.signal.raise();
            *raised = true;
        }
        drop(raised);
        self.parked.notify_all();
    }
}

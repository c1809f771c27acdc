//! `PulseEvent`: signal an event for the threads waiting on it now, then reset it.
//!
//! Windows releases the waiters of the moment (all of them for a manual-reset event, one for
//! an auto-reset event) and leaves the event not signalled. Here waiters find an event's
//! state by looking at it, so a pulse cannot set and reset in one step: it sets the event and
//! owes a reset, which the last of the threads that were waiting at the pulse makes as it
//! leaves its wait (`PulseEvent` waits for that, briefly). Each event counts the threads in a wait on it (any-of waits and single
//! waits; a wait-all is not counted and may miss a pulse, which Microsoft documents as
//! possible on Windows too) in one word with the number of pulses so far, so that a pulse
//! reads exactly the waiters that entered before it and each waiter knows whether a pulse came
//! during its wait. `SetEvent` / `ResetEvent` settle a reset still owed (the event's state is
//! then theirs).

use super::{Kind, Object};
use parking_lot::Condvar;
use std::sync::atomic::{AtomicU32, AtomicU64, Ordering::SeqCst};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Low half: threads waiting; high half: pulses so far.
const ONE_PULSE: u64 = 1 << 32;
const WAITERS: u64 = ONE_PULSE - 1;

/// How long `PulseEvent` waits for the waiters it released to leave their waits.
const SETTLE_WITHIN: Duration = Duration::from_millis(200);

#[derive(Default)]
pub(crate) struct Pulses {
    waiters_and_pulses: AtomicU64,
    /// Waiters of the latest pulse still in their wait; the last to leave resets the event.
    owed: AtomicU32,
    /// Notified (with the object's gate) when the last of them has left.
    settled: Condvar,
}

/// A thread's presence in a wait on events: counted as a waiter on each event among the
/// objects (the others are not pulsed) until dropped.
pub(crate) struct Waiting<'a> {
    objects: &'a [Arc<Object>],
    /// The number of pulses of each event when the wait began.
    entered: [u64; 64],
}

fn is_event(object: &Object) -> bool {
    matches!(object.kind, Kind::Event { .. })
}

/// Counts the calling thread as waiting on the events among `objects` (at most 64) until the
/// guard drops.
pub(crate) fn enter(objects: &[Arc<Object>]) -> Waiting<'_> {
    let mut entered = [0; 64];
    for (o, e) in objects
        .iter()
        .zip(entered.iter_mut())
        .filter(|(o, _)| is_event(o))
    {
        *e = match &o.shared {
            Some(s) => s.enter(),
            None => o.pulses.waiters_and_pulses.fetch_add(1, SeqCst) >> 32,
        };
    }
    Waiting { objects, entered }
}

impl Drop for Waiting<'_> {
    fn drop(&mut self) {
        for (o, entered) in self
            .objects
            .iter()
            .zip(self.entered)
            .filter(|(o, _)| is_event(o))
        {
            leave(o, entered);
        }
    }
}

fn leave(object: &Object, entered: u64) {
    if let Some(s) = &object.shared {
        s.leave(entered);
        return;
    }
    let p = &object.pulses;
    let before = p.waiters_and_pulses.fetch_sub(1, SeqCst);
    if before >> 32 == entered {
        return;
    }
    // A pulse came while this thread waited: it was counted as owed.
    let _gate = object.gate.lock();
    let owed = p.owed.load(SeqCst);
    if owed > 0 {
        p.owed.store(owed - 1, SeqCst);
        if owed == 1 {
            object.event.reset();
            p.settled.notify_all();
        }
    }
}

/// `PulseEvent` on an event object: with nobody waiting, a reset; otherwise the event is set
/// and reset when the waiters of the moment have left their waits (an auto-reset event's
/// signal is taken by the first of them). The call returns when that is done, so the event is
/// not signalled when it returns, unless a waiter takes longer than [`SETTLE_WITHIN`] to leave
/// (a thread that was running a completion routine in its alertable wait): the reset then
/// waits for it.
pub(crate) fn pulse(object: &Object) {
    let p = &object.pulses;
    let mut gate = object.gate.lock();
    let before = p.waiters_and_pulses.fetch_add(ONE_PULSE, SeqCst);
    let waiters = (before & WAITERS) as u32;
    p.owed.store(waiters, SeqCst);
    if waiters == 0 {
        object.event.reset();
        return;
    }
    object.event.set();
    let auto_reset = matches!(object.kind, Kind::Event { auto_reset: true });
    let until = Instant::now() + SETTLE_WITHIN;
    // An auto-reset event is done when a waiter took the signal (checked every millisecond);
    // a manual-reset one when the last waiter left (notified).
    let taken = || auto_reset && !object.event.is_signalled();
    while p.owed.load(SeqCst) != 0 && !taken() {
        let now = Instant::now();
        if now >= until {
            break;
        }
        let slice = if auto_reset {
            Duration::from_millis(1)
        } else {
            until - now
        };
        p.settled.wait_for(&mut gate, slice);
    }
}

/// `SetEvent` / `ResetEvent` decide the state: a reset still owed by a pulse is dropped.
pub(crate) fn settle(object: &Object) {
    if object.pulses.owed.load(SeqCst) != 0 {
        let _gate = object.gate.lock();
        object.pulses.owed.store(0, SeqCst);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(auto_reset: bool) -> Arc<Object> {
        Object::new(Kind::Event { auto_reset }, None, false).unwrap()
    }

    #[test]
    fn a_pulse_with_nobody_waiting_only_resets() {
        let e = event(false);
        e.event.set();
        pulse(&e);
        assert!(!e.event.is_signalled());
    }

    #[test]
    fn the_last_waiter_of_the_pulse_resets_the_event() {
        let e = event(false);
        let one = [e.clone()];
        let a = enter(&one);
        let b = enter(&one);
        pulse(&e);
        let late = enter(&one);
        assert!(e.event.is_signalled(), "set for the waiters of the moment");
        drop(late);
        assert!(
            e.event.is_signalled(),
            "a waiter that came later owes nothing"
        );
        drop(a);
        assert!(
            e.event.is_signalled(),
            "one waiter of the pulse is still to leave"
        );
        drop(b);
        assert!(!e.event.is_signalled(), "the last one reset it");
    }

    #[test]
    fn set_event_after_a_pulse_keeps_the_event_set() {
        let e = event(false);
        let one = [e.clone()];
        let a = enter(&one);
        pulse(&e);
        settle(&e);
        e.event.set();
        drop(a);
        assert!(e.event.is_signalled());
    }
}

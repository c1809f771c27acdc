//! Waitable timers (`CreateWaitableTimer`, `SetWaitableTimer`, `CancelWaitableTimer`).
//!
//! A timer is an [`Object`] like an event: its [`EventObject`] is signalled when the due time
//! comes, so every wait (`WaitForSingleObject`, `WaitForMultipleObjects` any or all,
//! `MsgWaitForMultipleObjects`, `WSAWaitForMultipleEvents`) takes it the way it takes an event:
//! a manual-reset ("notification") timer stays signalled until it is set again, a
//! synchronization timer is taken by one wait, which resets it.
//!
//! One thread for the whole process signals due timers: it sleeps until the earliest due
//! time of the armed timers (a `BTreeMap` ordered by due time), signals that timer, re-arms it
//! if it is periodic, and queues its completion routine as an APC to the thread that set it.
//! The thread starts with the first `SetWaitableTimer` and then lives as long as the process;
//! with no timer armed it sleeps on a condition variable. Setting or cancelling a timer removes
//! its entry, so stale entries never pile up; waits never see the timer thread (they wait on
//! the timer's event as on any event's).

use super::apc::{Apc, ApcTarget};
use super::{codes, err, Kind, Object};
use crate::error::WsaResult;
use parking_lot::{Condvar, Mutex};
use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock, Weak};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// The completion routine of a `SetWaitableTimer` (`PTIMERAPCROUTINE` with its argument bound):
/// called with the low and high halves of the FILETIME at which the timer was signalled.
pub type CompletionRoutine = Arc<dyn Fn(u32, u32) + Send + Sync>;

/// When a timer is due, as `SetWaitableTimer`'s `lpDueTime` says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Due {
    /// A negative value: this many 100 ns intervals from now.
    Relative(u64),
    /// A value ≥ 0: a FILETIME (100 ns intervals since 1601-01-01 UTC).
    Absolute(u64),
}

impl Due {
    /// `lpDueTime`'s value, decoded.
    pub fn from_raw(value: i64) -> Due {
        if value < 0 {
            Due::Relative(value.unsigned_abs())
        } else {
            Due::Absolute(value as u64)
        }
    }

    /// The instant it names (an absolute time is measured against the system clock now; a
    /// later change of the clock does not move the timer).
    fn instant(self, now: Instant) -> Instant {
        match self {
            Due::Relative(ticks) => now + ticks_duration(ticks),
            Due::Absolute(filetime) => {
                let ahead = i128::from(filetime) - now_filetime();
                if ahead <= 0 {
                    now
                } else {
                    now + ticks_duration(ahead.min(i128::from(u64::MAX)) as u64)
                }
            }
        }
    }
}

fn ticks_duration(ticks: u64) -> Duration {
    // Far-future times saturate at a century, beyond any program's life.
    let capped = ticks.min(100 * 365 * 24 * 3600 * 10_000_000);
    Duration::from_nanos(capped * 100)
}

/// Now, as FILETIME ticks (100 ns since 1601, UTC).
fn now_filetime() -> i128 {
    let since_unix = match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(d) => d.as_nanos() as i128,
        Err(e) => -(e.duration().as_nanos() as i128),
    };
    i128::from(crate::win32::filetime::UNIX_EPOCH) + since_unix / 100
}

/// A timer's kind-specific state (`Kind::Timer`).
pub struct Timer {
    /// Notification timer (stays signalled) rather than synchronization timer (one wait).
    pub(crate) manual: bool,
    state: Mutex<State>,
}

struct Routine {
    /// The thread that set the timer: the routine runs there, in its alertable waits.
    target: ApcTarget,
    call: CompletionRoutine,
}

#[derive(Default)]
struct State {
    /// Changes at every set and cancel: a completion routine of an earlier setting that its
    /// thread already took from its queue does nothing.
    generation: u64,
    /// The timer's entry in the schedule while it is armed.
    scheduled: Option<Key>,
    period: Duration,
    routine: Option<Routine>,
    /// A completion routine of this setting is queued and has not run yet: a periodic timer
    /// queues no second one meanwhile (Windows' timer has one APC).
    apc_queued: bool,
}

impl Timer {
    pub(crate) fn new(manual: bool) -> Timer {
        Timer {
            manual,
            state: Mutex::new(State::default()),
        }
    }
}

/// `CreateWaitableTimer`: a timer, not armed, not signalled.
pub fn new_timer(manual: bool, name: Option<String>) -> WsaResult<Arc<Object>> {
    Object::new(Kind::Timer(Timer::new(manual)), name, false)
}

fn timer_of(object: &Object) -> WsaResult<&Timer> {
    match &object.kind {
        Kind::Timer(t) => Ok(t),
        _ => Err(err(codes::ERROR_INVALID_HANDLE)),
    }
}

/// `SetWaitableTimer`: resets the timer to not signalled, forgets an earlier setting (and a
/// completion routine of it still queued) and arms it for `due`, then every `period_ms` if
/// that is above 0. `routine` runs on the calling thread, in its alertable waits. A due time
/// already past signals the timer at once. `ERROR_INVALID_HANDLE` for an object that is not a
/// timer, `ERROR_INVALID_PARAMETER` for a negative period.
pub fn set(
    object: &Arc<Object>,
    due: Due,
    period_ms: i32,
    routine: Option<CompletionRoutine>,
) -> WsaResult<()> {
    let timer = timer_of(object)?;
    let period = u64::try_from(period_ms).map_err(|_| err(codes::ERROR_INVALID_PARAMETER))?;
    let schedule = schedule()?;
    let now = Instant::now();
    let at = due.instant(now);
    let mut st = timer.state.lock();
    disarm(object, &mut st);
    st.period = Duration::from_millis(period);
    st.routine = routine.map(|call| Routine {
        target: ApcTarget::current(),
        call,
    });
    object.event.reset();
    if at <= now {
        expire(object, &mut st, at, now);
    } else {
        st.scheduled = Some(schedule.insert(at, object));
    }
    Ok(())
}

/// `CancelWaitableTimer`: disarms the timer (and drops a completion routine of it still
/// queued); its signalled state does not change. `ERROR_INVALID_HANDLE` for another kind.
pub fn cancel(object: &Object) -> WsaResult<()> {
    let timer = timer_of(object)?;
    let mut st = timer.state.lock();
    disarm(object, &mut st);
    st.routine = None;
    Ok(())
}

/// Forgets the timer's setting: its entry in the schedule, and a completion routine of it
/// queued and not yet run (withdrawn from its thread's queue; one already running finishes).
fn disarm(object: &Object, st: &mut State) {
    if let Some(key) = st.scheduled.take() {
        if let Some(s) = SCHEDULE.get() {
            s.remove(key);
        }
    }
    st.generation += 1;
    if std::mem::take(&mut st.apc_queued) {
        if let Some(r) = &st.routine {
            r.target.withdraw(tag(object));
        }
    }
}

/// The tag of the timer's completion routines in an APC queue.
fn tag(object: &Object) -> usize {
    object as *const Object as usize
}

/// The timer is due (at `at`; now is `now`): queues its completion routine, if any, to the
/// thread that set it, then signals it (so a thread that sees the timer signalled finds the
/// routine queued), and re-arms a periodic timer for its next period after now. Called with
/// the timer's state locked (the APC queue's lock nests inside it).
fn expire(object: &Arc<Object>, st: &mut State, at: Instant, now: Instant) {
    if let Some(routine) = st.routine.as_ref().filter(|_| !st.apc_queued) {
        let ft = now_filetime().max(0) as u64;
        let (low, high) = (ft as u32, (ft >> 32) as u32);
        let weak = Arc::downgrade(object);
        let generation = st.generation;
        let call = routine.call.clone();
        let apc: Apc = Box::new(move || {
            let Some(object) = weak.upgrade() else {
                return;
            };
            let Kind::Timer(timer) = &object.kind else {
                return;
            };
            {
                let mut st = timer.state.lock();
                if st.generation != generation {
                    return;
                }
                st.apc_queued = false;
            }
            call(low, high);
        });
        if routine.target.queue_tagged(apc, tag(object)) {
            st.apc_queued = true;
        } else {
            // The thread that set the timer has ended: the timer is cancelled, as Windows
            // cancels a timer whose routine's thread is gone.
            disarm(object, st);
            st.routine = None;
            return;
        }
    }
    object.event.set();
    if !st.period.is_zero() {
        // The next period's end after now (periods missed meanwhile are not made up for).
        let behind = now.saturating_duration_since(at).as_nanos() / st.period.as_nanos();
        let steps = u32::try_from(behind + 1).unwrap_or(u32::MAX);
        let next = at + st.period * steps;
        if let Some(s) = SCHEDULE.get() {
            st.scheduled = Some(s.insert(next, object));
        }
    }
}

/// An entry of the schedule: due time, then a sequence number (unique).
type Key = (Instant, u64);

struct Schedule {
    armed: Mutex<Armed>,
    changed: Condvar,
}

struct Armed {
    entries: BTreeMap<Key, Weak<Object>>,
    next_seq: u64,
}

static SCHEDULE: OnceLock<Schedule> = OnceLock::new();
static STARTED: OnceLock<bool> = OnceLock::new();

/// The schedule, its thread started (`ERROR_NOT_ENOUGH_MEMORY` if the thread cannot be).
fn schedule() -> WsaResult<&'static Schedule> {
    let schedule = SCHEDULE.get_or_init(|| Schedule {
        armed: Mutex::new(Armed {
            entries: BTreeMap::new(),
            next_seq: 0,
        }),
        changed: Condvar::new(),
    });
    let started = *STARTED.get_or_init(|| {
        std::thread::Builder::new()
            .name("ws2mp-timers".into())
            .spawn(move || run(schedule))
            .is_ok()
    });
    if !started {
        return Err(err(codes::ERROR_NOT_ENOUGH_MEMORY));
    }
    Ok(schedule)
}

impl Schedule {
    fn insert(&self, at: Instant, object: &Arc<Object>) -> Key {
        let mut armed = self.armed.lock();
        let key = (at, armed.next_seq);
        armed.next_seq += 1;
        let first = armed
            .entries
            .first_key_value()
            .is_none_or(|(k, _)| key < *k);
        armed.entries.insert(key, Arc::downgrade(object));
        drop(armed);
        if first {
            self.changed.notify_one();
        }
        key
    }

    fn remove(&self, key: Key) {
        self.armed.lock().entries.remove(&key);
    }
}

/// The timer thread: signals each timer when its entry comes due.
fn run(schedule: &'static Schedule) {
    let mut armed = schedule.armed.lock();
    loop {
        let now = Instant::now();
        let due = match armed.entries.first_key_value() {
            None => {
                schedule.changed.wait(&mut armed);
                continue;
            }
            Some((key, _)) if key.0 > now => {
                let at = key.0;
                schedule.changed.wait_until(&mut armed, at);
                continue;
            }
            Some(_) => armed.entries.pop_first(),
        };
        drop(armed);
        if let Some((key, weak)) = due {
            if let Some(object) = weak.upgrade() {
                fire(&object, key);
            }
        }
        armed = schedule.armed.lock();
    }
}

/// Expires the timer if `key` is still its entry (a set or cancel since replaced it).
fn fire(object: &Arc<Object>, key: Key) {
    let Kind::Timer(timer) = &object.kind else {
        return;
    };
    let mut st = timer.state.lock();
    if st.scheduled != Some(key) {
        return;
    }
    st.scheduled = None;
    expire(object, &mut st, key.0, Instant::now());
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU32, Ordering::SeqCst};

    #[test]
    fn due_times_decode_as_windows_reads_them() {
        assert_eq!(Due::from_raw(-10_000), Due::Relative(10_000));
        assert_eq!(Due::from_raw(0), Due::Absolute(0));
        let now = Instant::now();
        assert_eq!(Due::Absolute(0).instant(now), now, "1601 is long past");
        let in_1ms = Due::Relative(10_000).instant(now);
        assert_eq!(in_1ms - now, Duration::from_millis(1));
        let soon = (now_filetime() + 50_000_000) as u64;
        let at = Due::Absolute(soon).instant(now);
        assert!(at > now + Duration::from_secs(4) && at <= now + Duration::from_secs(5));
    }

    #[test]
    fn a_past_due_time_signals_at_once_and_setting_resets() {
        let t = new_timer(true, None).unwrap();
        set(&t, Due::Absolute(0), 0, None).unwrap();
        assert!(t.event.is_signalled());
        assert_eq!(t.try_acquire(), Some(super::super::Acquired::Yes));
        assert!(
            t.event.is_signalled(),
            "a notification timer stays signalled"
        );
        cancel(&t).unwrap();
        assert!(t.event.is_signalled(), "cancelling leaves the state alone");
        set(&t, Due::Relative(10_000_000_000), 0, None).unwrap();
        assert!(!t.event.is_signalled(), "setting resets it");
        cancel(&t).unwrap();
    }

    #[test]
    fn a_synchronization_timer_is_taken_once() {
        let t = new_timer(false, None).unwrap();
        set(&t, Due::Absolute(0), 0, None).unwrap();
        assert!(t.try_acquire().is_some());
        assert!(t.try_acquire().is_none(), "the first wait reset it");
    }

    #[test]
    fn a_periodic_timer_fires_again_and_queues_one_routine_at_a_time() {
        let t = new_timer(false, None).unwrap();
        let calls = Arc::new(AtomicU32::new(0));
        let c = calls.clone();
        let routine: CompletionRoutine = Arc::new(move |_, high| {
            assert!(high > 0);
            c.fetch_add(1, SeqCst);
        });
        set(&t, Due::Relative(10_000), 1, Some(routine)).unwrap();
        for _ in 0..3 {
            while !t.event.is_signalled() {
                std::thread::sleep(Duration::from_millis(1));
            }
            assert!(t.try_acquire().is_some());
        }
        assert_eq!(calls.load(SeqCst), 0, "routines wait for an alertable wait");
        assert!(super::super::apc::run_pending());
        assert_eq!(
            calls.load(SeqCst),
            1,
            "one routine was queued, not one per period"
        );
        cancel(&t).unwrap();
        super::super::apc::run_pending();
        assert_eq!(
            calls.load(SeqCst),
            1,
            "a routine queued before the cancel does not run"
        );
    }

    #[test]
    fn other_objects_are_not_timers() {
        let e = Object::new(Kind::Event { auto_reset: false }, None, false).unwrap();
        assert_eq!(
            set(&e, Due::Relative(1), 0, None).err(),
            Some(err(codes::ERROR_INVALID_HANDLE))
        );
        assert_eq!(cancel(&e).err(), Some(err(codes::ERROR_INVALID_HANDLE)));
        let t = new_timer(true, None).unwrap();
        assert_eq!(
            set(&t, Due::Relative(1), -1, None).err(),
            Some(err(codes::ERROR_INVALID_PARAMETER))
        );
    }
}

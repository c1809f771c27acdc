//! Multimedia timers (`timeSetEvent` / `timeKillEvent`): one-shot or periodic actions run by
//! one timer thread, in due order, as Windows runs them on its one timer thread (a slow
//! action delays the others). A periodic timer keeps its rhythm: its next time is the last
//! one plus the period, unless it fell a whole period behind (then it restarts from now).
//! A one-shot timer is gone once it ran. `kill` waits for the timer's action if it is running
//! (unless called from that action), so nothing runs after it returns.

use parking_lot::{Condvar, Mutex};
use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// What a timer does when due.
pub type Action = Box<dyn FnMut() + Send>;

struct Timer {
    period: Option<Duration>,
    due: Instant,
    action: Arc<Mutex<Action>>,
}

struct State {
    timers: BTreeMap<u32, Timer>,
    next_id: u32,
    /// The timer whose action runs now.
    running: Option<u32>,
    thread: Option<std::thread::ThreadId>,
}

static STATE: Mutex<State> = Mutex::new(State {
    timers: BTreeMap::new(),
    next_id: 1,
    running: None,
    thread: None,
});
/// Wakes the timer thread (a new or changed schedule) and `kill`s waiting for an action.
static CHANGED: Condvar = Condvar::new();

/// The timer thread: runs each due action, then sleeps until the next is due.
fn run() {
    let mut s = STATE.lock();
    loop {
        let now = Instant::now();
        let Some((&id, due)) = s
            .timers
            .iter()
            .map(|(id, t)| (id, t.due))
            .min_by_key(|(_, due)| *due)
        else {
            CHANGED.wait(&mut s);
            continue;
        };
        if due > now {
            CHANGED.wait_until(&mut s, due);
            continue;
        }
        let action = {
            let t = s.timers.get_mut(&id).expect("the timer just found");
            let action = Arc::clone(&t.action);
            match t.period {
                Some(p) => {
                    t.due = if now.duration_since(t.due) >= p {
                        now + p
                    } else {
                        t.due + p
                    }
                }
                None => {
                    s.timers.remove(&id);
                }
            }
            action
        };
        s.running = Some(id);
        drop(s);
        (action.lock())();
        s = STATE.lock();
        s.running = None;
        CHANGED.notify_all();
    }
}

/// Starts a timer due in `delay` (then every `delay` when `periodic`), whose action `make`
/// builds knowing the timer's id; the id, or None when the timer thread cannot start.
pub fn start(delay: Duration, periodic: bool, make: impl FnOnce(u32) -> Action) -> Option<u32> {
    let mut s = STATE.lock();
    if s.thread.is_none() {
        let thread = std::thread::Builder::new()
            .name("ws2mp-mm-timer".into())
            .spawn(run)
            .ok()?;
        s.thread = Some(thread.thread().id());
    }
    let id = s.next_id;
    s.next_id = s.next_id.checked_add(1).unwrap_or(1);
    s.timers.insert(
        id,
        Timer {
            period: periodic.then_some(delay),
            due: Instant::now() + delay,
            action: Arc::new(Mutex::new(make(id))),
        },
    );
    CHANGED.notify_all();
    Some(id)
}

/// Stops a timer; false for an id that is no timer (a one-shot that already ran included).
pub fn kill(id: u32) -> bool {
    let mut s = STATE.lock();
    let known = s.timers.remove(&id).is_some();
    let on_timer_thread = s.thread == Some(std::thread::current().id());
    while s.running == Some(id) && !on_timer_thread {
        CHANGED.wait(&mut s);
    }
    CHANGED.notify_all();
    known
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU32, Ordering};

    #[test]
    fn periodic_and_one_shot_timers() {
        let ticks = Arc::new(AtomicU32::new(0));
        let once = Arc::new(AtomicU32::new(0));
        let t = Arc::clone(&ticks);
        let periodic = start(Duration::from_millis(5), true, |_| {
            Box::new(move || {
                t.fetch_add(1, Ordering::SeqCst);
            })
        })
        .unwrap();
        let o = Arc::clone(&once);
        let one = start(Duration::from_millis(5), false, |_| {
            Box::new(move || {
                o.fetch_add(1, Ordering::SeqCst);
            })
        })
        .unwrap();
        let deadline = Instant::now() + Duration::from_secs(10);
        while (ticks.load(Ordering::SeqCst) < 3 || once.load(Ordering::SeqCst) < 1)
            && Instant::now() < deadline
        {
            std::thread::sleep(Duration::from_millis(5));
        }
        assert!(kill(periodic));
        let after = ticks.load(Ordering::SeqCst);
        assert!(after >= 3);
        std::thread::sleep(Duration::from_millis(30));
        assert_eq!(
            ticks.load(Ordering::SeqCst),
            after,
            "nothing runs after kill returns"
        );
        assert_eq!(once.load(Ordering::SeqCst), 1, "a one-shot timer runs once");
        assert!(!kill(one), "a one-shot timer is gone once it ran");
        assert!(!kill(periodic));
    }
}

//! One-time initialisation (`InitOnceExecuteOnce`, `InitOnceBeginInitialize`,
//! `InitOnceComplete`) over the program's `INIT_ONCE` word: 0 before, 1 while a thread
//! initialises, and once done the context with its two low bits (reserved, as on Windows)
//! set to 2. Threads that find it in progress sleep until it is done or abandoned.

use parking_lot::{Condvar, Mutex};
use std::sync::atomic::{AtomicUsize, Ordering::AcqRel, Ordering::Acquire, Ordering::Release};
use std::time::Duration;

const RUNNING: usize = 1;
const DONE: usize = 2;
/// `INIT_ONCE_CTX_RESERVED_BITS`: the context's low bits the word keeps for itself.
const RESERVED: usize = 3;

static GATE: Mutex<()> = Mutex::new(());
static CHANGED: Condvar = Condvar::new();

/// How `begin` found the word.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Begun {
    /// Already initialised, with this context.
    Done(usize),
    /// The caller initialises now and must `complete`.
    Pending,
    /// `check_only` and not initialised.
    NotDone,
}

/// Starts a one-time initialisation, waiting while another thread runs one.
pub(crate) fn begin(word: &AtomicUsize, check_only: bool) -> Begun {
    loop {
        let v = word.load(Acquire);
        if v & RESERVED == DONE {
            return Begun::Done(v & !RESERVED);
        }
        if check_only {
            return Begun::NotDone;
        }
        if v == 0 {
            if word.compare_exchange(0, RUNNING, AcqRel, Acquire).is_ok() {
                return Begun::Pending;
            }
            continue;
        }
        let mut gate = GATE.lock();
        if word.load(Acquire) == RUNNING {
            // Bounded, in case the word was changed without `complete` (re-initialised).
            CHANGED.wait_for(&mut gate, Duration::from_millis(50));
        }
    }
}

/// Ends the initialisation `begin` handed out: done with `context`, or (`failed`) back to
/// not started so another thread may try. False if none was in progress.
pub(crate) fn complete(word: &AtomicUsize, failed: bool, context: usize) -> bool {
    let new = if failed {
        0
    } else {
        (context & !RESERVED) | DONE
    };
    if word
        .compare_exchange(RUNNING, new, AcqRel, Acquire)
        .is_err()
    {
        return false;
    }
    let _gate = GATE.lock();
    CHANGED.notify_all();
    true
}

/// Runs `init` once for the word (again later if it fails): the context it produced, or None
/// if it failed.
pub(crate) fn execute_once(
    word: &AtomicUsize,
    init: impl FnOnce() -> Option<usize>,
) -> Option<usize> {
    match begin(word, false) {
        Begun::Done(c) => Some(c),
        Begun::NotDone => None,
        Begun::Pending => {
            let result = init();
            complete(word, result.is_none(), result.unwrap_or(0));
            result.map(|c| c & !RESERVED)
        }
    }
}

/// `InitOnceInitialize`.
pub(crate) fn reset(word: &AtomicUsize) {
    word.store(0, Release);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_once_and_retries_after_failure() {
        let w = AtomicUsize::new(0);
        assert_eq!(execute_once(&w, || None), None);
        assert_eq!(execute_once(&w, || Some(0x1000)), Some(0x1000));
        assert_eq!(execute_once(&w, || panic!("ran twice")), Some(0x1000));
        assert_eq!(begin(&w, true), Begun::Done(0x1000));
    }
}

//! One-time initialisation (`InitOnceExecuteOnce`, `InitOnceBeginInitialize`,
//! `InitOnceComplete`) over the program's `INIT_ONCE` word, with Windows' values (the ones a
//! program that looks at `INIT_ONCE.Ptr` sees): 0 before, 1 while a thread initialises, 3
//! while `INIT_ONCE_ASYNC` initialisations run, and once done the context with its two low
//! bits (reserved, as on Windows) set to 2. Threads that find a synchronous initialisation in
//! progress sleep until it is done or abandoned.

use parking_lot::{Condvar, Mutex};
use std::sync::atomic::{AtomicUsize, Ordering::AcqRel, Ordering::Acquire, Ordering::Release};
use std::time::Duration;

const RUNNING: usize = 1;
const DONE: usize = 2;
const ASYNC_RUNNING: usize = 3;
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
}

/// Why `begin` or `complete` refused.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Refused {
    /// `ERROR_INVALID_PARAMETER`: the other mode (synchronous or `INIT_ONCE_ASYNC`) runs.
    OtherMode,
    /// `ERROR_GEN_FAILURE`: not initialised (`check_only`), or nothing in progress to complete.
    NotPending,
}

/// Starts a one-time initialisation, waiting while another thread runs a synchronous one.
/// `asynchronous` (`INIT_ONCE_ASYNC`): any number of threads may initialise at once, the
/// first `complete` wins; it cannot be mixed with synchronous ones while either runs.
pub(crate) fn begin(
    word: &AtomicUsize,
    check_only: bool,
    asynchronous: bool,
) -> Result<Begun, Refused> {
    loop {
        let v = word.load(Acquire);
        if v & RESERVED == DONE {
            return Ok(Begun::Done(v & !RESERVED));
        }
        if check_only {
            return Err(Refused::NotPending);
        }
        match v & RESERVED {
            RUNNING if asynchronous => return Err(Refused::OtherMode),
            ASYNC_RUNNING if !asynchronous => return Err(Refused::OtherMode),
            ASYNC_RUNNING => return Ok(Begun::Pending),
            RUNNING => {
                let mut gate = GATE.lock();
                if word.load(Acquire) == v {
                    // Bounded, in case the word was changed without `complete` (re-initialised).
                    CHANGED.wait_for(&mut gate, Duration::from_millis(50));
                }
            }
            _ => {
                let running = if asynchronous { ASYNC_RUNNING } else { RUNNING };
                if word.compare_exchange(v, running, AcqRel, Acquire).is_ok() {
                    return Ok(Begun::Pending);
                }
            }
        }
    }
}

/// Ends an initialisation `begin` handed out: done with `context`, or (`failed`, synchronous
/// only) back to not started so another thread may try. An `INIT_ONCE_ASYNC` one needs
/// `asynchronous`.
pub(crate) fn complete(
    word: &AtomicUsize,
    failed: bool,
    asynchronous: bool,
    context: usize,
) -> Result<(), Refused> {
    let new = if failed {
        0
    } else {
        (context & !RESERVED) | DONE
    };
    loop {
        let v = word.load(Acquire);
        match v & RESERVED {
            ASYNC_RUNNING if !asynchronous => return Err(Refused::OtherMode),
            RUNNING | ASYNC_RUNNING => {
                if word.compare_exchange(v, new, AcqRel, Acquire).is_ok() {
                    let _gate = GATE.lock();
                    CHANGED.notify_all();
                    return Ok(());
                }
            }
            _ => return Err(Refused::NotPending),
        }
    }
}

/// Runs `init` once for the word (again later if it fails): Ok(Some(context)) when done by
/// this or an earlier call (`init` returns the context it produced), Ok(None) when this call's
/// `init` failed, Err when an `INIT_ONCE_ASYNC` initialisation runs.
pub(crate) fn execute_once(
    word: &AtomicUsize,
    init: impl FnOnce() -> Option<usize>,
) -> Result<Option<usize>, Refused> {
    match begin(word, false, false)? {
        Begun::Done(c) => Ok(Some(c)),
        Begun::Pending => {
            let result = init();
            // Cannot fail: this thread set RUNNING and nothing else completes it.
            let _ = complete(word, result.is_none(), false, result.unwrap_or(0));
            Ok(result.map(|c| c & !RESERVED))
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
    use std::sync::atomic::Ordering::SeqCst;

    #[test]
    fn runs_once_and_retries_after_failure() {
        let w = AtomicUsize::new(0);
        assert_eq!(execute_once(&w, || None), Ok(None));
        assert_eq!(execute_once(&w, || Some(0x1000)), Ok(Some(0x1000)));
        assert_eq!(execute_once(&w, || panic!("ran twice")), Ok(Some(0x1000)));
        assert_eq!(begin(&w, true, false), Ok(Begun::Done(0x1000)));
    }

    #[test]
    fn asynchronous_initialisations_share_the_word() {
        let w = AtomicUsize::new(0);
        assert_eq!(begin(&w, false, true), Ok(Begun::Pending));
        assert_eq!(w.load(SeqCst), ASYNC_RUNNING);
        assert_eq!(begin(&w, false, true), Ok(Begun::Pending));
        assert_eq!(begin(&w, false, false), Err(Refused::OtherMode));
        assert_eq!(complete(&w, false, false, 0x10), Err(Refused::OtherMode));
        assert_eq!(complete(&w, false, true, 0x10), Ok(()));
        assert_eq!(complete(&w, false, true, 0x20), Err(Refused::NotPending));
        assert_eq!(w.load(SeqCst), 0x12);
    }
}

//! Waiting for one operation to complete (`GetOverlappedResult(..., TRUE)`,
//! `WSAGetOverlappedResult(..., TRUE)`): the waiter sleeps on one process-wide condition
//! variable that completions notify only while someone waits, and re-reads the operation's
//! `Internal` field.

use super::status::STATUS_PENDING;
use crate::sys::userbuf::UserOverlapped;
use parking_lot::{Condvar, Mutex};
use std::sync::atomic::{fence, AtomicUsize, Ordering::SeqCst};
use std::time::Instant;

static WAITERS: AtomicUsize = AtomicUsize::new(0);
static LOCK: Mutex<()> = Mutex::new(());
static COMPLETED: Condvar = Condvar::new();

/// A completion was published: wakes the waiters, if any.
pub(super) fn notify() {
    fence(SeqCst);
    if WAITERS.load(SeqCst) > 0 {
        let _guard = LOCK.lock();
        COMPLETED.notify_all();
    }
}

/// Waits until the operation of `ov` is no longer pending, or `deadline`. Whether it is done.
pub(crate) fn wait_for(ov: UserOverlapped, deadline: Option<Instant>) -> bool {
    // Sockets left to threads in `SleepEx` go back to the engine: this thread waits otherwise.
    super::ops::expire(true);
    WAITERS.fetch_add(1, SeqCst);
    fence(SeqCst);
    let mut guard = LOCK.lock();
    let done = loop {
        if ov.status() != STATUS_PENDING {
            break true;
        }
        match deadline {
            None => COMPLETED.wait(&mut guard),
            Some(d) => {
                if COMPLETED.wait_until(&mut guard, d).timed_out() {
                    break ov.status() != STATUS_PENDING;
                }
            }
        }
    };
    drop(guard);
    WAITERS.fetch_sub(1, SeqCst);
    done
}

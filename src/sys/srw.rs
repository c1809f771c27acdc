//! Slim reader/writer locks and condition variables (`SRWLOCK`, `CONDITION_VARIABLE`): each is
//! one pointer-sized word in the program's memory, zero when unused (`SRWLOCK_INIT`,
//! `CONDITION_VARIABLE_INIT`), as on Windows. Waiting threads park on the word's address in
//! parking_lot's global table, so the program's word needs no initialisation, allocation or
//! destruction.

use parking_lot_core::{
    ParkResult, ParkToken, UnparkToken, DEFAULT_PARK_TOKEN, DEFAULT_UNPARK_TOKEN,
};
use std::sync::atomic::AtomicUsize;
use std::sync::atomic::Ordering::{Acquire, Relaxed, Release};
use std::time::{Duration, Instant};

/// Held exclusively.
const WRITER: usize = 1;
/// Some thread is parked on the lock (a release must wake the parked threads).
const PARKED: usize = 2;
/// A thread waits for exclusive access: new shared acquirers wait behind it (Windows prefers
/// a waiting writer, so a stream of readers cannot starve it). Cleared by the writer that
/// gets the lock; writers still waiting set it again.
const WRITER_WAITING: usize = 4;
/// One shared holder (the count is kept above the three flag bits).
const READER: usize = 8;

/// Sets `flags` (PARKED, and WRITER_WAITING for a writer) and parks while `still_busy(state)`
/// holds; returns at once when the lock state changed meanwhile.
fn park_while(lock: &AtomicUsize, flags: usize, still_busy: impl Fn(usize) -> bool) {
    let state = lock.load(Relaxed);
    if !still_busy(state) {
        return;
    }
    if state & flags != flags
        && lock
            .compare_exchange(state, state | flags, Relaxed, Relaxed)
            .is_err()
    {
        return;
    }
    let key = lock as *const AtomicUsize as usize;
    // SAFETY: parking_lot_core's contract: the validate and timed-out callbacks do not park or
    // panic; the key is this lock's address.
    unsafe {
        parking_lot_core::park(
            key,
            || {
                let s = lock.load(Relaxed);
                s & PARKED != 0 && still_busy(s)
            },
            || {},
            |_, _| {},
            DEFAULT_PARK_TOKEN,
            None,
        );
    }
}

/// Wakes every thread parked on the lock when the PARKED flag was set.
fn wake_parked(lock: &AtomicUsize) {
    if lock.load(Relaxed) & PARKED != 0 && lock.fetch_and(!PARKED, Relaxed) & PARKED != 0 {
        let key = lock as *const AtomicUsize as usize;
        // SAFETY: the key is this lock's address; no callback is involved.
        unsafe { parking_lot_core::unpark_all(key, DEFAULT_UNPARK_TOKEN) };
    }
}

/// Held by a writer or readers.
fn held(s: usize) -> bool {
    s & !(PARKED | WRITER_WAITING) != 0
}

/// `TryAcquireSRWLockExclusive`.
pub fn try_exclusive(lock: &AtomicUsize) -> bool {
    let s = lock.load(Relaxed);
    !held(s)
        && lock
            .compare_exchange(s, (s & PARKED) | WRITER, Acquire, Relaxed)
            .is_ok()
}

/// `AcquireSRWLockExclusive`.
pub fn exclusive(lock: &AtomicUsize) {
    while !try_exclusive(lock) {
        park_while(lock, PARKED | WRITER_WAITING, held);
    }
}

/// `ReleaseSRWLockExclusive`.
pub fn release_exclusive(lock: &AtomicUsize) {
    lock.fetch_and(!WRITER, Release);
    wake_parked(lock);
}

/// `TryAcquireSRWLockShared`: fails while a writer holds the lock or waits for it.
pub fn try_shared(lock: &AtomicUsize) -> bool {
    let mut s = lock.load(Relaxed);
    while s & (WRITER | WRITER_WAITING) == 0 {
        match lock.compare_exchange_weak(s, s + READER, Acquire, Relaxed) {
            Ok(_) => return true,
            Err(now) => s = now,
        }
    }
    false
}

/// `AcquireSRWLockShared`.
pub fn shared(lock: &AtomicUsize) {
    while !try_shared(lock) {
        park_while(lock, PARKED, |s| s & (WRITER | WRITER_WAITING) != 0);
    }
}

/// `ReleaseSRWLockShared`. A lock no thread holds shared is left as it is (Windows raises an
/// exception for that program error; the count must not wrap and lock out every writer).
pub fn release_shared(lock: &AtomicUsize) {
    let mut s = lock.load(Relaxed);
    loop {
        if s < READER {
            return;
        }
        match lock.compare_exchange_weak(s, s - READER, Release, Relaxed) {
            Ok(_) => break,
            Err(now) => s = now,
        }
    }
    if !held(s - READER) {
        wake_parked(lock);
    }
}

/// Parks on the condition variable `cv` (its word counts wake-ups) after `unlock` released the
/// caller's lock, until a wake-up or `timeout` (None: forever); `relock` takes the lock again
/// either way. False when the time ran out.
pub fn sleep(
    cv: &AtomicUsize,
    timeout: Option<Duration>,
    unlock: impl FnOnce(),
    relock: impl FnOnce(),
) -> bool {
    let seen = cv.load(Acquire);
    let deadline = timeout.map(|t| Instant::now() + t);
    unlock();
    let key = cv as *const AtomicUsize as usize;
    // SAFETY: as in park_while.
    let result = unsafe {
        parking_lot_core::park(
            key,
            || cv.load(Acquire) == seen,
            || {},
            |_, _| {},
            ParkToken(0),
            deadline,
        )
    };
    relock();
    !matches!(result, ParkResult::TimedOut)
}

/// `WakeConditionVariable` (`all`: `WakeAllConditionVariable`).
pub fn wake(cv: &AtomicUsize, all: bool) {
    cv.fetch_add(1, Release);
    let key = cv as *const AtomicUsize as usize;
    // SAFETY: the key is the condition variable's address; the callback does not park.
    unsafe {
        if all {
            parking_lot_core::unpark_all(key, DEFAULT_UNPARK_TOKEN);
        } else {
            parking_lot_core::unpark_one(key, |_| UnparkToken(0));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[test]
    fn exclusive_excludes_and_shared_shares() {
        let lock = AtomicUsize::new(0);
        exclusive(&lock);
        assert!(!try_exclusive(&lock));
        assert!(!try_shared(&lock));
        release_exclusive(&lock);
        assert!(try_shared(&lock));
        assert!(try_shared(&lock));
        assert!(!try_exclusive(&lock));
        release_shared(&lock);
        release_shared(&lock);
        assert!(try_exclusive(&lock));
        release_exclusive(&lock);
        assert_eq!(lock.load(Relaxed), 0);
    }

    #[test]
    fn releasing_an_unheld_shared_lock_leaves_it_usable() {
        let lock = AtomicUsize::new(0);
        release_shared(&lock);
        assert_eq!(lock.load(Relaxed), 0, "the reader count does not wrap");
        assert!(try_exclusive(&lock));
        release_shared(&lock);
        assert!(
            !try_exclusive(&lock),
            "a writer's hold is not a reader's to drop"
        );
        release_exclusive(&lock);
        assert_eq!(lock.load(Relaxed), 0);
    }

    #[test]
    fn a_waiting_writer_holds_back_new_readers() {
        let lock = Arc::new(AtomicUsize::new(0));
        shared(&lock);
        let l2 = lock.clone();
        let writer = std::thread::spawn(move || {
            exclusive(&l2);
            release_exclusive(&l2);
        });
        while lock.load(Relaxed) & WRITER_WAITING == 0 {
            std::thread::yield_now();
        }
        assert!(!try_shared(&lock), "a new reader waits behind the writer");
        release_shared(&lock);
        writer.join().unwrap();
        assert!(try_shared(&lock));
        release_shared(&lock);
        assert_eq!(lock.load(Relaxed) & !PARKED, 0);
    }

    #[test]
    fn contended_counter_stays_exact() {
        let lock = Arc::new(AtomicUsize::new(0));
        let count = Arc::new(AtomicUsize::new(0));
        let threads: Vec<_> = (0..4)
            .map(|_| {
                let (lock, count) = (lock.clone(), count.clone());
                std::thread::spawn(move || {
                    for _ in 0..2000 {
                        exclusive(&lock);
                        let v = count.load(Relaxed);
                        count.store(v + 1, Relaxed);
                        release_exclusive(&lock);
                    }
                })
            })
            .collect();
        for t in threads {
            t.join().unwrap();
        }
        assert_eq!(count.load(Relaxed), 8000);
    }

    #[test]
    fn sleep_times_out_and_wakes() {
        let cv = AtomicUsize::new(0);
        assert!(!sleep(&cv, Some(Duration::from_millis(20)), || {}, || {}));
        let cv = Arc::new(AtomicUsize::new(0));
        let c2 = cv.clone();
        let t = std::thread::spawn(move || sleep(&c2, Some(Duration::from_secs(10)), || {}, || {}));
        std::thread::sleep(Duration::from_millis(50));
        wake(&cv, true);
        assert!(t.join().unwrap());
    }
}

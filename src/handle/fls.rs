//! Fiber-local storage (`FlsAlloc` & co.). There are no fibers, so a slot holds one value per
//! thread, like a TLS slot, and keeps Windows' callback: it is called with each non-NULL value
//! when its thread exits (before the thread's handle is signalled, as on Windows, for the
//! threads ws2mp starts; at the thread's TLS destruction for others), and for every thread's
//! non-NULL value, on the freeing thread, by `free`.
//!
//! Each thread's values sit behind their own lock, so `get` / `set` touch no shared state; the
//! slot table lists every thread's values for `free`. Callbacks run with no lock held.

use parking_lot::Mutex;
use std::sync::{Arc, Weak};

/// A slot's callback, called with a value (an address) the program stored.
pub type Callback = Arc<dyn Fn(usize) + Send + Sync>;

/// `FLS_MAXIMUM_AVAILABLE`: the slots of a process (Windows 10 1903 and later); index 0 is
/// never handed out, as on Windows.
const MAXIMUM: usize = 4080;

/// One thread's values, by index (a missing entry is 0), as addresses.
type Values = Arc<Mutex<Vec<usize>>>;

struct Table {
    /// By index: `Some(callback)` while the slot is allocated.
    slots: Vec<Option<Option<Callback>>>,
    /// Every thread that has stored a value.
    threads: Vec<Weak<Mutex<Vec<usize>>>>,
}

static TABLE: Mutex<Table> = Mutex::new(Table {
    slots: Vec::new(),
    threads: Vec::new(),
});

/// The thread's values; dropping them at the thread's end runs what `thread_exit` did not.
struct ThreadValues(Values);

impl Drop for ThreadValues {
    fn drop(&mut self) {
        release(&self.0);
    }
}

thread_local! {
    static MINE: ThreadValues = {
        let values: Values = Arc::new(Mutex::new(Vec::new()));
        let mut table = TABLE.lock();
        table.threads.retain(|w| w.strong_count() > 0);
        table.threads.push(Arc::downgrade(&values));
        ThreadValues(values)
    };
}

/// Calls the callbacks of a thread's non-NULL values and clears them; a callback may store a
/// value again, so a few passes are made (Windows repeats too).
fn release(values: &Values) {
    for _ in 0..4 {
        let taken: Vec<(usize, usize)> = {
            let mut v = values.lock();
            let t = v
                .iter()
                .enumerate()
                .filter(|(_, &x)| x != 0)
                .map(|(i, &x)| (i, x))
                .collect();
            v.iter_mut().for_each(|x| *x = 0);
            t
        };
        if taken.is_empty() {
            break;
        }
        for (index, value) in taken {
            let callback = TABLE.lock().slots.get(index).cloned().flatten().flatten();
            if let Some(f) = callback {
                f(value);
            }
        }
    }
}

/// The calling thread is ending: its values' callbacks run now (`handle::thread` calls this
/// before it signals the thread's handle).
pub fn thread_exit() {
    let values = MINE.try_with(|m| Arc::clone(&m.0));
    if let Ok(values) = values {
        release(&values);
    }
}

/// An index `get` / `set` accept: 1 to `MAXIMUM - 1`.
fn in_range(index: u32) -> Option<usize> {
    let i = index as usize;
    (1..MAXIMUM).contains(&i).then_some(i)
}

/// A new index (its value NULL in every thread), or None when all are in use.
pub fn alloc(callback: Option<Callback>) -> Option<u32> {
    let mut table = TABLE.lock();
    if table.slots.is_empty() {
        table.slots.push(None); // index 0 is never allocated
    }
    let index = match table.slots.iter().skip(1).position(Option::is_none) {
        Some(p) => p + 1,
        None if table.slots.len() < MAXIMUM => {
            table.slots.push(None);
            table.slots.len() - 1
        }
        None => return None,
    };
    table.slots[index] = Some(callback);
    // A value stored at the index while it was free (Windows allows it) does not survive.
    for values in table.threads.iter().filter_map(Weak::upgrade) {
        if let Some(v) = values.lock().get_mut(index) {
            *v = 0;
        }
    }
    u32::try_from(index).ok()
}

/// The calling thread's value at `index` (0 when none was stored; an index in range that is
/// not allocated reads as on Windows); None for an index out of range.
pub fn get(index: u32) -> Option<usize> {
    let index = in_range(index)?;
    Some(
        MINE.try_with(|m| m.0.lock().get(index).copied().unwrap_or(0))
            .unwrap_or(0),
    )
}

/// Stores `value` at `index` for the calling thread; false for an index out of range or while
/// the thread's storage is being destroyed.
pub fn set(index: u32, value: usize) -> bool {
    let Some(index) = in_range(index) else {
        return false;
    };
    MINE.try_with(|m| {
        let mut v = m.0.lock();
        if v.len() <= index {
            v.resize(index + 1, 0);
        }
        v[index] = value;
    })
    .is_ok()
}

/// Frees `index`, calling its callback for every thread's non-NULL value (which become NULL);
/// false when the index is not allocated.
pub fn free(index: u32) -> bool {
    let index = index as usize;
    let (callback, threads) = {
        let mut table = TABLE.lock();
        let Some(callback) = table
            .slots
            .get_mut(index)
            .filter(|_| index != 0)
            .and_then(Option::take)
        else {
            return false;
        };
        let threads: Vec<Values> = table.threads.iter().filter_map(Weak::upgrade).collect();
        (callback, threads)
    };
    for values in threads {
        let value = values
            .lock()
            .get_mut(index)
            .map(std::mem::take)
            .unwrap_or(0);
        if let (true, Some(f)) = (value != 0, callback.as_ref()) {
            f(value);
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn callbacks_run_at_thread_exit_and_free() {
        let seen = Arc::new(AtomicUsize::new(0));
        let s = Arc::clone(&seen);
        let index = alloc(Some(Arc::new(move |v| {
            s.fetch_add(v, Ordering::SeqCst);
        })))
        .unwrap();
        assert_ne!(index, 0);
        std::thread::spawn(move || {
            assert!(set(index, 5));
            assert_eq!(get(index), Some(5));
        })
        .join()
        .unwrap();
        assert_eq!(
            seen.load(Ordering::SeqCst),
            5,
            "the thread's end ran the callback"
        );
        assert!(set(index, 7));
        assert!(free(index));
        assert_eq!(
            seen.load(Ordering::SeqCst),
            12,
            "free ran it for this thread's value"
        );
        assert_eq!(get(index), Some(0));
        assert!(!free(index), "a second free fails");
        assert_eq!(get(0), None);
        assert!(!set(0, 1));
        assert!(!set(MAXIMUM as u32, 1));
    }
}

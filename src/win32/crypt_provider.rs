//! The cryptographic service provider handles of `CryptAcquireContext`: each call opens one
//! (a number, never reused while open), `CryptReleaseContext` closes it, and `CryptGenRandom`
//! accepts only open ones. A provider here is the system's random generator and nothing else:
//! there are no key containers, keys or hashes.

use parking_lot::Mutex;
use std::collections::BTreeSet;

struct Providers {
    open: BTreeSet<usize>,
    next: usize,
}

static PROVIDERS: Mutex<Providers> = Mutex::new(Providers {
    open: BTreeSet::new(),
    next: 0,
});

/// Opens a provider; its handle value (never 0).
pub fn acquire() -> usize {
    let mut p = PROVIDERS.lock();
    loop {
        // Multiples of 8 from 0x1000, as a pointer-like handle would look.
        p.next = p.next.wrapping_add(8).max(0x1000);
        let h = p.next;
        if p.open.insert(h) {
            return h;
        }
    }
}

/// Whether `handle` is an open provider.
pub fn is_open(handle: usize) -> bool {
    PROVIDERS.lock().open.contains(&handle)
}

/// Closes `handle`; false if it was not open.
pub fn release(handle: usize) -> bool {
    PROVIDERS.lock().open.remove(&handle)
}

#[cfg(test)]
mod tests {
    #[test]
    fn providers_open_and_close() {
        let a = super::acquire();
        let b = super::acquire();
        assert_ne!(a, b);
        assert_ne!(a, 0);
        assert!(super::is_open(a));
        assert!(super::release(a));
        assert!(!super::is_open(a));
        assert!(!super::release(a));
        assert!(super::release(b));
    }
}

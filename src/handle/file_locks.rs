//! Windows' byte-range lock rules for one file handle, kept as records so that the system's
//! locks (which merge and split ranges, and hold one kind per byte) can be set to what the
//! handle's Windows locks add up to:
//!
//! - an exclusive lock may not overlap any lock the handle holds; a shared one may overlap
//!   the handle's shared and exclusive locks;
//! - a zero-byte lock at `o` overlaps a lock whose range holds `o` past its first byte
//!   (`start < o < end`: one at a range's start overlaps nothing, as Windows answers Wine's
//!   `file.c` and as Wine and Samba model it); it takes no bytes from other handles: it is
//!   never given to the system;
//! - unlocking names a lock exactly (offset and length); when an exclusive and a shared lock
//!   hold the same range, the exclusive one goes first;
//! - a range that runs past the 2^64th byte is invalid.
//!
//! The system's byte offsets stop at 2^63 - 1: a range past it is locked from its start to the
//! end of all offsets, and one starting past it is kept here only.

use crate::sys::file_lock::Kind;

/// One lock a handle holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Lock {
    pub start: u64,
    pub len: u64,
    pub exclusive: bool,
}

/// One setting to give the system: `len` bytes (None: to the end of all offsets) from `start`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Setting {
    pub start: u64,
    pub len: Option<u64>,
    pub kind: Kind,
}

const OFFSET_LIMIT: u128 = 1 << 63;

impl Lock {
    fn end(&self) -> u128 {
        u128::from(self.start) + u128::from(self.len)
    }

    /// Whether the range stays below 2^64.
    pub fn valid(&self) -> bool {
        self.end() <= 1 << 64
    }

    fn overlaps(&self, other: &Lock) -> bool {
        let holds = |range: &Lock, at: u64| {
            u128::from(range.start) < u128::from(at) && u128::from(at) < range.end()
        };
        match (self.len, other.len) {
            (0, 0) => false,
            (0, _) => holds(other, self.start),
            (_, 0) => holds(self, other.start),
            _ => u128::from(self.start) < other.end() && u128::from(other.start) < self.end(),
        }
    }
}

/// Whether `new` may not be taken next to the handle's `held` locks.
pub fn conflicts(held: &[Lock], new: &Lock) -> bool {
    new.exclusive && held.iter().any(|h| h.overlaps(new))
}

/// Which of `held` an unlock of `len` bytes at `start` removes (the exclusive lock first).
pub fn find(held: &[Lock], start: u64, len: u64) -> Option<usize> {
    let same = |l: &&Lock| l.start == start && l.len == len;
    let at = |want: bool| held.iter().position(|l| same(&l) && l.exclusive == want);
    at(true).or_else(|| at(false))
}

/// What the system's locks over `range` must be set to for the handle to hold `held`: each
/// piece exclusive where an exclusive lock of `held` covers it, else shared where a shared one
/// does, else unlocked.
pub fn settings(held: &[Lock], range: &Lock) -> Vec<Setting> {
    let (lo, hi) = (u128::from(range.start), range.end().min(OFFSET_LIMIT));
    if range.len == 0 || lo >= hi {
        return Vec::new();
    }
    let mut cuts = vec![lo, hi];
    for l in held.iter().filter(|l| l.len > 0) {
        for c in [u128::from(l.start), l.end()] {
            if lo < c && c < hi {
                cuts.push(c);
            }
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut out: Vec<Setting> = Vec::new();
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        let covering = held
            .iter()
            .filter(|l| l.len > 0 && u128::from(l.start) <= a && b <= l.end());
        let kind = covering.fold(Kind::Unlocked, |k, l| match (k, l.exclusive) {
            (_, true) | (Kind::Exclusive, _) => Kind::Exclusive,
            _ => Kind::Shared,
        });
        match out.last_mut() {
            Some(s) if s.kind == kind => s.len = s.len.map(|n| n + (b - a) as u64),
            _ => out.push(Setting {
                start: a as u64,
                len: Some((b - a) as u64),
                kind,
            }),
        }
    }
    if range.end() > OFFSET_LIMIT {
        if let Some(last) = out.last_mut() {
            last.len = None;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lock(start: u64, len: u64, exclusive: bool) -> Lock {
        Lock {
            start,
            len,
            exclusive,
        }
    }

    #[test]
    fn overlap_rules() {
        let held = [lock(10, 20, true)];
        assert!(conflicts(&held, &lock(12, 10, true)));
        assert!(conflicts(&held, &lock(5, 6, true)));
        assert!(!conflicts(&held, &lock(5, 5, true)));
        assert!(!conflicts(&held, &lock(12, 10, false)));
        let zero = [lock(100, 0, true)];
        assert!(conflicts(&zero, &lock(98, 4, true)));
        assert!(!conflicts(&zero, &lock(90, 10, true)));
        assert!(!conflicts(&zero, &lock(100, 10, true)));
        // A zero-byte lock at the start of a held range (Windows: LockFile(100, 0) while the
        // handle holds 100..200).
        assert!(!conflicts(&[lock(100, 100, false)], &lock(100, 0, true)));
        assert!(conflicts(&[lock(100, 100, false)], &lock(150, 0, true)));
        assert!(!lock(u64::MAX, 2, true).valid());
        assert!(lock(1 << 60, 0xF << 60, true).valid());
    }

    #[test]
    fn unlock_finds_exact_range_exclusive_first() {
        let held = [
            lock(300, 100, false),
            lock(300, 100, true),
            lock(10, 20, true),
        ];
        assert_eq!(find(&held, 300, 100), Some(1));
        assert_eq!(find(&held, 10, 10), None);
        assert_eq!(find(&held, 10, 20), Some(2));
    }

    #[test]
    fn settings_take_the_strongest_cover() {
        let held = [lock(0, 10, false), lock(5, 10, true)];
        let s = settings(&held, &lock(0, 20, true));
        assert_eq!(
            s,
            vec![
                Setting {
                    start: 0,
                    len: Some(5),
                    kind: Kind::Shared
                },
                Setting {
                    start: 5,
                    len: Some(10),
                    kind: Kind::Exclusive
                },
                Setting {
                    start: 15,
                    len: Some(5),
                    kind: Kind::Unlocked
                },
            ]
        );
        let far = settings(&[], &lock(1 << 60, 0xF << 60, true));
        assert_eq!(
            far,
            vec![Setting {
                start: 1 << 60,
                len: None,
                kind: Kind::Unlocked
            }]
        );
        assert!(settings(&[], &lock(u64::MAX, 1, true)).is_empty());
    }
}

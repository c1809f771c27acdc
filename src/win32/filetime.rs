//! `FILETIME`: Windows' time stamp, 100 ns intervals since 1601-01-01 UTC, of the system's
//! times and durations (file times, CPU times).

use std::time::{Duration, SystemTime};

/// The FILETIME of 1970-01-01 UTC, the Unix epoch.
pub(crate) const UNIX_EPOCH: u64 = 116_444_736_000_000_000;
/// FILETIME ticks in a second.
pub(crate) const PER_SECOND: u64 = 10_000_000;

/// A duration in 100 ns units (a CPU time's FILETIME).
pub(crate) fn ticks(d: Duration) -> u64 {
    (d.as_nanos() / 100).min(u128::from(u64::MAX)) as u64
}

/// The FILETIME of a point in time (0 before 1601).
pub(crate) fn of(t: SystemTime) -> u64 {
    match t.duration_since(SystemTime::UNIX_EPOCH) {
        Ok(after) => UNIX_EPOCH.saturating_add(ticks(after)),
        Err(e) => UNIX_EPOCH.saturating_sub(ticks(e.duration())),
    }
}

/// The point in time of a FILETIME.
pub(crate) fn to_system_time(filetime: u64) -> SystemTime {
    let span = |t: u64| Duration::new(t / PER_SECOND, ((t % PER_SECOND) * 100) as u32);
    if filetime >= UNIX_EPOCH {
        SystemTime::UNIX_EPOCH + span(filetime - UNIX_EPOCH)
    } else {
        SystemTime::UNIX_EPOCH - span(UNIX_EPOCH - filetime)
    }
}

/// `SetFileTime`'s value for "leave this time as it is": a zero FILETIME, or 0xFFFFFFFF in
/// both halves (which on Windows also stops the handle's later I/O from changing the time;
/// here the system keeps updating it) or the 0xFFFFFFFE "resume updating" value.
pub(crate) fn leaves_alone(filetime: u64) -> bool {
    filetime == 0 || filetime >= 0xFFFF_FFFF_FFFF_FFFE
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        assert_eq!(of(SystemTime::UNIX_EPOCH), UNIX_EPOCH);
        let t = 132_000_000_001_234_567;
        assert_eq!(of(to_system_time(t)), t);
        assert_eq!(of(to_system_time(1_000)), 1_000);
        assert_eq!(ticks(Duration::from_millis(1)), 10_000);
        assert!(leaves_alone(0) && leaves_alone(u64::MAX) && !leaves_alone(t));
    }
}

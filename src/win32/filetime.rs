//! `FILETIME`: Windows' time stamp, 100 ns intervals since 1601-01-01 UTC.

use std::time::SystemTime;

/// The FILETIME of 1970-01-01 UTC, the Unix epoch.
pub(crate) const UNIX_EPOCH: u64 = 116_444_736_000_000_000;
/// FILETIME ticks in a second.
pub(crate) const PER_SECOND: u64 = 10_000_000;

/// A system time as FILETIME ticks; 0 for a time before 1970 or none.
pub(crate) fn of(t: std::io::Result<SystemTime>) -> u64 {
    t.ok()
        .and_then(|t| t.duration_since(SystemTime::UNIX_EPOCH).ok())
        .map_or(0, |d| {
            UNIX_EPOCH + d.as_secs() * PER_SECOND + u64::from(d.subsec_nanos() / 100)
        })
}

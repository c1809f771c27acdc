//! Host facts Win32's `GetSystemInfo` reports: the number of online processors and the page
//! size.

/// Processors online now (at least 1).
pub fn online_processors() -> u32 {
    // SAFETY: sysconf reads a system value and touches no memory of ours.
    let n = unsafe { libc::sysconf(libc::_SC_NPROCESSORS_ONLN) };
    u32::try_from(n).ok().filter(|&n| n > 0).unwrap_or(1)
}

/// The virtual memory page size.
pub fn page_size() -> u32 {
    // SAFETY: as above.
    let n = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
    u32::try_from(n).ok().filter(|&n| n > 0).unwrap_or(4096)
}

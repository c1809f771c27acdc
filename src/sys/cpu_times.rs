//! CPU time for `GetProcessTimes`, `GetThreadTimes` and `GetSystemTimes`: `getrusage`, the
//! calling thread's CPU clock, the process's start time and the clock tick of `/proc/stat`.

use super::SysResult;
use std::time::Duration;

fn duration(tv: libc::timeval) -> Duration {
    Duration::new(tv.tv_sec.max(0) as u64, (tv.tv_usec.max(0) as u32) * 1000)
}

fn rusage(who: libc::c_int) -> SysResult<(Duration, Duration)> {
    // SAFETY: an all-zero rusage is valid; getrusage only writes it.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: as above.
    super::cvt(unsafe { libc::getrusage(who, &mut ru) })?;
    Ok((duration(ru.ru_stime), duration(ru.ru_utime)))
}

/// The process's (kernel, user) CPU time.
pub fn process() -> SysResult<(Duration, Duration)> {
    rusage(libc::RUSAGE_SELF)
}

/// The calling thread's (kernel, user) CPU time (`RUSAGE_THREAD`).
#[cfg(any(target_os = "linux", target_os = "freebsd"))]
pub fn thread() -> SysResult<(Duration, Duration)> {
    rusage(libc::RUSAGE_THREAD)
}

/// The calling thread's CPU time: the thread CPU clock, all of it counted as user time (macOS
/// splits it only through Mach calls ws2mp does not make).
#[cfg(not(any(target_os = "linux", target_os = "freebsd")))]
pub fn thread() -> SysResult<(Duration, Duration)> {
    // SAFETY: an all-zero timespec is valid; clock_gettime only writes it.
    let mut ts: libc::timespec = unsafe { std::mem::zeroed() };
    // SAFETY: as above.
    super::cvt(unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) })?;
    Ok((
        Duration::ZERO,
        Duration::new(ts.tv_sec.max(0) as u64, ts.tv_nsec.max(0) as u32),
    ))
}

/// Time since the system booted, suspended time included (`CLOCK_BOOTTIME`: the clock the
/// start times of `/proc/<pid>/stat` count on).
#[cfg(target_os = "linux")]
pub fn since_boot() -> SysResult<Duration> {
    // SAFETY: an all-zero timespec is valid; clock_gettime only writes it.
    let mut ts: libc::timespec = unsafe { std::mem::zeroed() };
    // SAFETY: as above.
    super::cvt(unsafe { libc::clock_gettime(libc::CLOCK_BOOTTIME, &mut ts) })?;
    Ok(Duration::new(
        ts.tv_sec.max(0) as u64,
        ts.tv_nsec.max(0) as u32,
    ))
}

/// Clock ticks per second (`sysconf(_SC_CLK_TCK)`, the unit of `/proc/stat`).
pub fn ticks_per_second() -> u64 {
    // SAFETY: sysconf only reads a configuration value.
    let n = unsafe { libc::sysconf(libc::_SC_CLK_TCK) };
    if n > 0 {
        n as u64
    } else {
        100
    }
}

/// When the process started, since the Unix epoch (`kinfo_proc`'s start time).
#[cfg(target_os = "freebsd")]
pub fn process_start() -> SysResult<Duration> {
    // SAFETY: getpid has no preconditions.
    let pid = unsafe { libc::getpid() };
    let mut mib = [libc::CTL_KERN, libc::KERN_PROC, libc::KERN_PROC_PID, pid];
    // SAFETY: an all-zero kinfo_proc is valid; sysctl only writes it.
    let mut info: libc::kinfo_proc = unsafe { std::mem::zeroed() };
    let mut len = std::mem::size_of::<libc::kinfo_proc>();
    // SAFETY: a valid MIB, buffer and length.
    super::cvt(unsafe {
        libc::sysctl(
            mib.as_mut_ptr(),
            mib.len() as libc::c_uint,
            (&mut info as *mut libc::kinfo_proc).cast(),
            &mut len,
            std::ptr::null(),
            0,
        )
    })?;
    Ok(duration(info.ki_start))
}

/// When the process started, since the Unix epoch (`proc_pidinfo`'s BSD information).
#[cfg(target_os = "macos")]
pub fn process_start() -> SysResult<Duration> {
    // SAFETY: getpid has no preconditions.
    let pid = unsafe { libc::getpid() };
    // SAFETY: an all-zero proc_bsdinfo is valid; proc_pidinfo only writes it.
    let mut info: libc::proc_bsdinfo = unsafe { std::mem::zeroed() };
    let size = std::mem::size_of::<libc::proc_bsdinfo>() as libc::c_int;
    // SAFETY: a valid buffer of `size` bytes.
    let n = unsafe {
        libc::proc_pidinfo(
            pid,
            libc::PROC_PIDTBSDINFO,
            0,
            (&mut info as *mut libc::proc_bsdinfo).cast(),
            size,
        )
    };
    if n != size {
        return Err(super::errno());
    }
    Ok(Duration::new(
        info.pbi_start_tvsec,
        (info.pbi_start_tvusec as u32) * 1000,
    ))
}

/// Elsewhere the start time comes from `/proc` (see `win32::cpu_times`).
#[cfg(not(any(target_os = "macos", target_os = "freebsd")))]
pub fn process_start() -> SysResult<Duration> {
    Err(libc::EOPNOTSUPP)
}

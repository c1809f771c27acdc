//! CPU time as Windows reports it, for servers that show their load: `GetProcessTimes`,
//! `GetThreadTimes` and `GetSystemTimes`. Creation times are FILETIMEs (100 ns since 1601,
//! UTC); CPU times are 100 ns counts in a FILETIME.
//!
//! - `GetProcessTimes(GetCurrentProcess(), ...)`: the creation time is the process's start
//!   (`/proc/self/stat` and the boot time on Linux, `kinfo_proc` on macOS and FreeBSD; 10 ms
//!   resolution on Linux), the exit time 0, kernel and user time from `getrusage`.
//! - `GetThreadTimes`: a thread's start (recorded for threads ws2mp starts; else from `/proc`
//!   on Linux, the process's start elsewhere), exit time (0 while it runs), kernel and user
//!   time: the calling thread's from `RUSAGE_THREAD` (macOS counts the thread's CPU clock as
//!   user time), an ended thread's as it ended, another running thread's from
//!   `/proc/self/task` (Linux; `ERROR_NOT_SUPPORTED` elsewhere).
//! - `GetSystemTimes`: idle, kernel (which includes idle, as on Windows) and user time summed
//!   over all CPUs, from `/proc/stat` (Linux); elsewhere `ERROR_NOT_SUPPORTED`.

use super::call;
use super::win32_time::write_filetime;
use crate::error::WsaResult;
use crate::handle::thread::{CURRENT_PROCESS, CURRENT_THREAD};
use crate::handle::{codes, err};
use crate::sys::{cpu_times, procfs};
use crate::win32::{codes::ERROR_NOT_SUPPORTED, cpu_times as text, filetime};
use std::os::raw::c_void;
use std::time::{Duration, SystemTime};

fn not_supported() -> crate::error::WsaError {
    err(ERROR_NOT_SUPPORTED as i32)
}

/// When the task whose `/proc/.../stat` is at `path` started (Linux).
fn start_from_proc(path: &str) -> WsaResult<SystemTime> {
    let boot = procfs::read("/proc/stat")
        .ok()
        .and_then(|s| text::boot_time(&s))
        .ok_or_else(not_supported)?;
    let ticks = procfs::read(path)
        .ok()
        .and_then(|s| text::start_ticks(&s))
        .ok_or_else(not_supported)?;
    let hz = cpu_times::ticks_per_second();
    let after_boot =
        Duration::from_secs(ticks / hz) + Duration::from_nanos(ticks % hz * 1_000_000_000 / hz);
    Ok(SystemTime::UNIX_EPOCH + Duration::from_secs(boot) + after_boot)
}

fn process_start() -> WsaResult<SystemTime> {
    match cpu_times::process_start() {
        Ok(d) => Ok(SystemTime::UNIX_EPOCH + d),
        Err(_) => start_from_proc("/proc/self/stat"),
    }
}

/// How long the process has been running, from its start time: on Linux the start in clock
/// ticks after boot (`/proc/self/stat`) against `CLOCK_BOOTTIME`, elsewhere the start time
/// against the calendar clock. None when neither can be read.
pub(crate) fn process_age() -> Option<Duration> {
    #[cfg(target_os = "linux")]
    {
        let ticks = procfs::read("/proc/self/stat")
            .ok()
            .and_then(|s| text::start_ticks(&s))?;
        let hz = cpu_times::ticks_per_second();
        let after_boot =
            Duration::from_secs(ticks / hz) + Duration::from_nanos(ticks % hz * 1_000_000_000 / hz);
        let now = cpu_times::since_boot().ok()?;
        Some(now.saturating_sub(after_boot))
    }
    #[cfg(not(target_os = "linux"))]
    {
        let start = process_start().ok()?;
        SystemTime::now().duration_since(start).ok()
    }
}

/// Writes the four FILETIMEs of `GetProcessTimes` / `GetThreadTimes`.
///
/// # Safety
/// Each pointer must be NULL or point to a writable `FILETIME`.
unsafe fn write_four(out: [*mut c_void; 4], values: [u64; 4]) -> WsaResult<i32> {
    if out.iter().any(|p| p.is_null()) {
        return Err(err(codes::ERROR_NOACCESS));
    }
    for (p, v) in out.into_iter().zip(values) {
        // SAFETY: caller guarantee (checked non-NULL).
        unsafe { write_filetime(p, v) };
    }
    Ok(1)
}

/// The creation, exit, kernel and user times of the calling process (`hProcess` must be
/// `GetCurrentProcess()`; another handle is `ERROR_INVALID_HANDLE`). TRUE, or FALSE with
/// `ERROR_NOACCESS` (a NULL pointer), `ERROR_NOT_SUPPORTED` (no start time readable).
///
/// # Safety
/// Each pointer must be NULL or point to a writable `FILETIME`.
#[no_mangle]
pub unsafe extern "C" fn GetProcessTimes(
    hProcess: *mut c_void,
    lpCreationTime: *mut c_void,
    lpExitTime: *mut c_void,
    lpKernelTime: *mut c_void,
    lpUserTime: *mut c_void,
) -> i32 {
    call(0, || {
        if hProcess as usize != CURRENT_PROCESS {
            return Err(err(codes::ERROR_INVALID_HANDLE));
        }
        let (kernel, user) = cpu_times::process().map_err(|_| not_supported())?;
        let created = filetime::of(process_start()?);
        let values = [created, 0, filetime::ticks(kernel), filetime::ticks(user)];
        // SAFETY: caller guarantee.
        unsafe {
            write_four(
                [lpCreationTime, lpExitTime, lpKernelTime, lpUserTime],
                values,
            )
        }
    })
}

/// Another thread's times: those it had when it ended, else (Linux) its `/proc` entry.
fn other_thread(thread: &crate::handle::thread::ThreadState) -> WsaResult<[u64; 4]> {
    let times = thread.times();
    let created = |fallback: Option<SystemTime>| -> WsaResult<u64> {
        match times.created.or(fallback) {
            Some(t) => Ok(filetime::of(t)),
            None => Ok(filetime::of(process_start()?)),
        }
    };
    if let Some((kernel, user, exit)) = times.ended {
        let c = created(None)?;
        return Ok([
            c,
            filetime::of(exit),
            filetime::ticks(kernel),
            filetime::ticks(user),
        ]);
    }
    let tid = thread.kernel_id();
    if tid == 0 {
        // Not started yet (`CREATE_SUSPENDED` before its first run): no CPU time.
        return Ok([created(Some(SystemTime::now()))?, 0, 0, 0]);
    }
    if tid == crate::sys::thread::os_thread_id() {
        return current_thread();
    }
    let stat = procfs::read(&format!("/proc/self/task/{tid}/stat")).map_err(|_| not_supported())?;
    let (user, system, start) = text::task_ticks(&stat).ok_or_else(not_supported)?;
    let hz = cpu_times::ticks_per_second();
    let ticks = |t: u64| (u128::from(t) * 10_000_000 / u128::from(hz)) as u64;
    let boot = procfs::read("/proc/stat")
        .ok()
        .and_then(|s| text::boot_time(&s))
        .map(|b| {
            SystemTime::UNIX_EPOCH
                + Duration::from_secs(b)
                + Duration::from_millis(start * 1000 / hz)
        });
    Ok([created(boot)?, 0, ticks(system), ticks(user)])
}

fn current_thread() -> WsaResult<[u64; 4]> {
    let (kernel, user) = cpu_times::thread().map_err(|_| not_supported())?;
    let created = match crate::handle::thread::current_object() {
        Some(o) => crate::handle::thread::state(&o)?.times().created,
        None => None,
    };
    let created = match created {
        Some(t) => t,
        None => start_from_proc("/proc/thread-self/stat").or_else(|_| process_start())?,
    };
    Ok([
        filetime::of(created),
        0,
        filetime::ticks(kernel),
        filetime::ticks(user),
    ])
}

/// The creation, exit, kernel and user times of a thread: `GetCurrentThread()`, or a handle
/// from `CreateThread` / `_beginthreadex` (or `DuplicateHandle`). A thread ws2mp started has
/// its start time; one that has ended reports its exit time and the CPU time it used. Another
/// running thread's times come from `/proc` (Linux, 10 ms steps; elsewhere
/// `ERROR_NOT_SUPPORTED`). TRUE, or FALSE with `ERROR_INVALID_HANDLE`, `ERROR_NOACCESS`
/// (a NULL pointer), `ERROR_NOT_SUPPORTED`.
///
/// # Safety
/// Each pointer must be NULL or point to a writable `FILETIME`.
#[no_mangle]
pub unsafe extern "C" fn GetThreadTimes(
    hThread: *mut c_void,
    lpCreationTime: *mut c_void,
    lpExitTime: *mut c_void,
    lpKernelTime: *mut c_void,
    lpUserTime: *mut c_void,
) -> i32 {
    call(0, || {
        let values = if hThread as usize == CURRENT_THREAD {
            current_thread()?
        } else {
            let object = crate::handle::table::get(hThread as usize)?;
            other_thread(crate::handle::thread::state(&object)?)?
        };
        // SAFETY: caller guarantee.
        unsafe {
            write_four(
                [lpCreationTime, lpExitTime, lpKernelTime, lpUserTime],
                values,
            )
        }
    })
}

/// The system's idle, kernel (idle included) and user time over all CPUs since boot (any
/// pointer may be NULL). TRUE, or FALSE with `ERROR_NOT_SUPPORTED` (not Linux).
///
/// # Safety
/// Each pointer must be NULL or point to a writable `FILETIME`.
#[no_mangle]
pub unsafe extern "C" fn GetSystemTimes(
    lpIdleTime: *mut c_void,
    lpKernelTime: *mut c_void,
    lpUserTime: *mut c_void,
) -> i32 {
    call(0, || {
        let t = procfs::read("/proc/stat")
            .ok()
            .and_then(|s| text::system_times(&s))
            .ok_or_else(not_supported)?;
        let hz = u128::from(cpu_times::ticks_per_second());
        let ft = |ticks: u64| (u128::from(ticks) * 10_000_000 / hz) as u64;
        for (p, v) in [
            (lpIdleTime, t.idle),
            (lpKernelTime, t.kernel),
            (lpUserTime, t.user),
        ] {
            if !p.is_null() {
                // SAFETY: caller guarantee.
                unsafe { write_filetime(p, ft(v)) };
            }
        }
        Ok(1)
    })
}

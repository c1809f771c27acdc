//! The Win32 clock and sleep: `Sleep`, `GetTickCount`, `GetTickCount64`. Exported under their
//! Win32 names (no C library has them), so that `<windows.h>` needs no POSIX function and
//! builds in a strict `-std=c99` / `-std=c11` unit.

/// Milliseconds on the system's monotonic clock (Windows counts from boot; so does Linux's
/// `CLOCK_MONOTONIC`, less suspended time).
fn monotonic_millis() -> u64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec; CLOCK_MONOTONIC always exists.
    unsafe { libc::clock_gettime(libc::CLOCK_MONOTONIC, &mut ts) };
    (ts.tv_sec as u64) * 1000 + (ts.tv_nsec as u64) / 1_000_000
}

/// Suspends the calling thread for `dwMilliseconds` (`INFINITE`, 0xFFFFFFFF: forever); a
/// signal does not cut the sleep short. `Sleep(0)` yields the processor.
#[no_mangle]
pub extern "C" fn Sleep(dwMilliseconds: u32) {
    if dwMilliseconds == u32::MAX {
        loop {
            std::thread::sleep(std::time::Duration::from_secs(3600));
        }
    }
    if dwMilliseconds == 0 {
        std::thread::yield_now();
        return;
    }
    std::thread::sleep(std::time::Duration::from_millis(u64::from(dwMilliseconds)));
}

/// Milliseconds since an arbitrary fixed point (the monotonic clock), 64 bits: it never wraps.
#[no_mangle]
pub extern "C" fn GetTickCount64() -> u64 {
    monotonic_millis()
}

/// The low 32 bits of `GetTickCount64`: wraps after about 49.7 days, as on Windows.
#[no_mangle]
pub extern "C" fn GetTickCount() -> u32 {
    monotonic_millis() as u32
}

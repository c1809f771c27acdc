//! The Win32 clock and sleep: `Sleep`, `GetTickCount`, `GetTickCount64`. Exported under their
//! Win32 names (no C library has them), so that `<windows.h>` needs no POSIX function and
//! builds in a strict `-std=c99` / `-std=c11` unit. Also the performance counter
//! (`QueryPerformanceCounter`/`Frequency`) and the calendar clock (`GetSystemTime`, `GetLocalTime`,
//! `GetSystemTimeAsFileTime`, `FileTimeToSystemTime`, `SystemTimeToFileTime`,
//! `FileTimeToLocalFileTime`), and its setters `SetSystemTime`, `SetLocalTime`.

use crate::sys;
use std::os::raw::c_void;

/// Milliseconds on the system's monotonic clock (Windows counts from boot; so does Linux's
/// `CLOCK_MONOTONIC`, less suspended time).
fn monotonic_millis() -> u64 {
    let ts = sys::clock_now(libc::CLOCK_MONOTONIC);
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

/// What the compat `<time.h>`'s `clock()` returns: milliseconds of wall-clock time since the
/// process started, as Microsoft's C library counts (`CLOCKS_PER_SEC` is 1000 there; the C
/// library's `clock` counts CPU time). The start is read once (on Linux to the clock tick,
/// 10 ms); later calls add the monotonic clock's progress. -1 when the start cannot be read.
#[no_mangle]
pub extern "C" fn ws2mp_clock() -> std::os::raw::c_long {
    use std::sync::OnceLock;
    use std::time::{Duration, Instant};
    static START: OnceLock<Option<(Instant, Duration)>> = OnceLock::new();
    match START
        .get_or_init(|| super::win32_cpu_times::process_age().map(|age| (Instant::now(), age)))
    {
        Some((at, age)) => {
            let ms = (*age + at.elapsed()).as_millis();
            ms.min(std::os::raw::c_long::MAX as u128) as std::os::raw::c_long
        }
        None => -1,
    }
}

/// The performance counter's rate: 10 MHz (100 ns ticks), the rate Windows 10 and later report.
const PERFORMANCE_FREQUENCY: i64 = 10_000_000;

/// `ERROR_NOACCESS`: a NULL output pointer (Windows faults on it; ws2mp fails the call).
const ERROR_NOACCESS: i32 = 998;
/// `ERROR_INVALID_PARAMETER`.
const ERROR_INVALID_PARAMETER: i32 = 87;

/// Writes `value` through a caller's `LARGE_INTEGER *` (declared `void *` so that C passes its
/// union without a cast); FALSE with `ERROR_NOACCESS` for NULL.
///
/// # Safety
/// `out` must be NULL or point to 8 writable bytes.
unsafe fn put_i64(out: *mut c_void, value: i64) -> i32 {
    if out.is_null() {
        crate::error::set_last_error(ERROR_NOACCESS);
        return 0;
    }
    // SAFETY: caller guarantee; LARGE_INTEGER may be only 4-aligned in a packed structure.
    unsafe { (out as *mut i64).write_unaligned(value) };
    1
}

/// The monotonic clock in 100 ns ticks (see `QueryPerformanceFrequency`). TRUE; FALSE with
/// `ERROR_NOACCESS` for a NULL pointer.
///
/// # Safety
/// `lpPerformanceCount` must be NULL or point to a writable `LARGE_INTEGER`.
#[no_mangle]
pub unsafe extern "C" fn QueryPerformanceCounter(lpPerformanceCount: *mut c_void) -> i32 {
    let ts = sys::clock_now(libc::CLOCK_MONOTONIC);
    // time_t and c_long are i64 on 64-bit Linux, not on every target.
    #[allow(clippy::unnecessary_cast)]
    let ticks = (ts.tv_sec as i64) * PERFORMANCE_FREQUENCY + (ts.tv_nsec as i64) / 100;
    // SAFETY: caller guarantee.
    unsafe { put_i64(lpPerformanceCount, ticks) }
}

/// Ticks per second of `QueryPerformanceCounter`: 10,000,000. TRUE; FALSE with
/// `ERROR_NOACCESS` for a NULL pointer.
///
/// # Safety
/// `lpFrequency` must be NULL or point to a writable `LARGE_INTEGER`.
#[no_mangle]
pub unsafe extern "C" fn QueryPerformanceFrequency(lpFrequency: *mut c_void) -> i32 {
    // SAFETY: caller guarantee.
    unsafe { put_i64(lpFrequency, PERFORMANCE_FREQUENCY) }
}

/// `SYSTEMTIME` (16 bytes, as on Windows).
#[repr(C)]
#[derive(Clone, Copy, Default)]
struct SystemTime {
    year: u16,
    month: u16,
    day_of_week: u16,
    day: u16,
    hour: u16,
    minute: u16,
    second: u16,
    milliseconds: u16,
}

use crate::win32::filetime::UNIX_EPOCH as FILETIME_UNIX_EPOCH;

/// Now, as FILETIME ticks (100 ns since 1601, UTC).
fn now_filetime() -> u64 {
    let ts = sys::clock_now(libc::CLOCK_REALTIME);
    FILETIME_UNIX_EPOCH
        .wrapping_add((ts.tv_sec as u64).wrapping_mul(10_000_000))
        .wrapping_add((ts.tv_nsec as u64) / 100)
}

/// The calendar fields of a FILETIME value, in UTC (`local`: in the local time zone).
fn systemtime_of(filetime: u64, local: bool) -> Option<SystemTime> {
    let unix_ticks = filetime as i128 - FILETIME_UNIX_EPOCH as i128;
    let secs = unix_ticks.div_euclid(10_000_000);
    let millis = (unix_ticks.rem_euclid(10_000_000) / 10_000) as u16;
    let t: libc::time_t = secs.try_into().ok()?;
    // SAFETY: an all-zero `tm` is a valid value; it is only written by the C library.
    let mut tm: libc::tm = unsafe { std::mem::zeroed() };
    // SAFETY: `t` and `tm` are valid for the calls; the _r forms keep no shared state.
    let done = unsafe {
        if local {
            sys::libc_next::localtime_r(&t, &mut tm)
        } else {
            sys::libc_next::gmtime_r(&t, &mut tm)
        }
    };
    if done.is_null() || !(1601..=30827).contains(&(tm.tm_year + 1900)) {
        return None;
    }
    Some(SystemTime {
        year: (tm.tm_year + 1900) as u16,
        month: (tm.tm_mon + 1) as u16,
        day_of_week: tm.tm_wday as u16,
        day: tm.tm_mday as u16,
        hour: tm.tm_hour as u16,
        minute: tm.tm_min as u16,
        second: tm.tm_sec as u16,
        milliseconds: millis,
    })
}

/// Days in `month` (1–12) of `year`, Gregorian.
fn days_in_month(year: u16, month: u16) -> u16 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

/// The FILETIME ticks of a UTC `SYSTEMTIME`; None for a field out of Windows' ranges
/// (`wDayOfWeek` is ignored, as Windows does).
fn filetime_of(st: &SystemTime) -> Option<u64> {
    if !(1601..=30827).contains(&st.year)
        || !(1..=12).contains(&st.month)
        || st.day < 1
        || st.day > days_in_month(st.year, st.month)
        || st.hour > 23
        || st.minute > 59
        || st.second > 59
        || st.milliseconds > 999
    {
        return None;
    }
    // Days from 1970-01-01 to the date (Howard Hinnant's days_from_civil).
    let (y, m, d) = (
        i64::from(st.year) - i64::from(st.month <= 2),
        i64::from(st.month),
        i64::from(st.day),
    );
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    let secs = days * 86_400
        + i64::from(st.hour) * 3600
        + i64::from(st.minute) * 60
        + i64::from(st.second);
    let ticks = i128::from(secs) * 10_000_000
        + i128::from(st.milliseconds) * 10_000
        + i128::from(FILETIME_UNIX_EPOCH);
    u64::try_from(ticks).ok()
}

/// # Safety
/// `p` must be NULL or point to 8 readable bytes.
pub(crate) unsafe fn read_filetime(p: *const c_void) -> Option<u64> {
    if p.is_null() {
        return None;
    }
    // SAFETY: caller guarantee. FILETIME is two DWORDs, low first (4-aligned).
    let parts = unsafe { (p as *const [u32; 2]).read_unaligned() };
    Some(u64::from(parts[0]) | (u64::from(parts[1]) << 32))
}

/// # Safety
/// `p` must point to 8 writable bytes.
pub(crate) unsafe fn write_filetime(p: *mut c_void, ticks: u64) {
    // SAFETY: caller guarantee.
    unsafe { (p as *mut [u32; 2]).write_unaligned([ticks as u32, (ticks >> 32) as u32]) };
}

/// # Safety
/// `p` must be NULL or point to a writable `SYSTEMTIME`.
unsafe fn write_systemtime(p: *mut c_void, st: SystemTime) {
    if !p.is_null() {
        // SAFETY: caller guarantee.
        unsafe { (p as *mut SystemTime).write_unaligned(st) };
    }
}

/// The current date and time in UTC, to the millisecond. A NULL pointer is ignored.
///
/// # Safety
/// `lpSystemTime` must be NULL or point to a writable `SYSTEMTIME`.
#[no_mangle]
pub unsafe extern "C" fn GetSystemTime(lpSystemTime: *mut c_void) {
    let st = systemtime_of(now_filetime(), false).unwrap_or_default();
    // SAFETY: caller guarantee.
    unsafe { write_systemtime(lpSystemTime, st) };
}

/// The current date and time in the local time zone (the C library's `TZ`), to the millisecond.
/// A NULL pointer is ignored.
///
/// # Safety
/// `lpSystemTime` must be NULL or point to a writable `SYSTEMTIME`.
#[no_mangle]
pub unsafe extern "C" fn GetLocalTime(lpSystemTime: *mut c_void) {
    let st = systemtime_of(now_filetime(), true).unwrap_or_default();
    // SAFETY: caller guarantee.
    unsafe { write_systemtime(lpSystemTime, st) };
}

/// The current time as a `FILETIME`: 100 ns intervals since 1601-01-01 UTC. A NULL pointer is
/// ignored.
///
/// # Safety
/// `lpSystemTimeAsFileTime` must be NULL or point to a writable `FILETIME`.
#[no_mangle]
pub unsafe extern "C" fn GetSystemTimeAsFileTime(lpSystemTimeAsFileTime: *mut c_void) {
    if !lpSystemTimeAsFileTime.is_null() {
        // SAFETY: caller guarantee.
        unsafe { write_filetime(lpSystemTimeAsFileTime, now_filetime()) };
    }
}

/// `GetSystemTimeAsFileTime` (already at the clock's full precision here).
///
/// # Safety
/// As for `GetSystemTimeAsFileTime`.
#[no_mangle]
pub unsafe extern "C" fn GetSystemTimePreciseAsFileTime(lpSystemTimeAsFileTime: *mut c_void) {
    // SAFETY: caller guarantee.
    unsafe { GetSystemTimeAsFileTime(lpSystemTimeAsFileTime) };
}

/// Splits a `FILETIME` into UTC calendar fields. TRUE; FALSE with `ERROR_INVALID_PARAMETER`
/// for a time past year 30827 (the top bit set, as Windows), `ERROR_NOACCESS` for NULL.
///
/// # Safety
/// `lpFileTime` must be NULL or readable; `lpSystemTime` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn FileTimeToSystemTime(
    lpFileTime: *const c_void,
    lpSystemTime: *mut c_void,
) -> i32 {
    // SAFETY: caller guarantee.
    let Some(ticks) = (unsafe { read_filetime(lpFileTime) }) else {
        crate::error::set_last_error(ERROR_NOACCESS);
        return 0;
    };
    if lpSystemTime.is_null() {
        crate::error::set_last_error(ERROR_NOACCESS);
        return 0;
    }
    match systemtime_of(ticks, false).filter(|_| ticks < 1 << 63) {
        Some(st) => {
            // SAFETY: caller guarantee.
            unsafe { write_systemtime(lpSystemTime, st) };
            1
        }
        None => {
            crate::error::set_last_error(ERROR_INVALID_PARAMETER);
            0
        }
    }
}

/// Joins UTC calendar fields into a `FILETIME`. TRUE; FALSE with `ERROR_INVALID_PARAMETER` for
/// a field out of range (month 13, February 30, hour 24, ...), `ERROR_NOACCESS` for NULL.
///
/// # Safety
/// `lpSystemTime` must be NULL or readable; `lpFileTime` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn SystemTimeToFileTime(
    lpSystemTime: *const c_void,
    lpFileTime: *mut c_void,
) -> i32 {
    if lpSystemTime.is_null() || lpFileTime.is_null() {
        crate::error::set_last_error(ERROR_NOACCESS);
        return 0;
    }
    // SAFETY: caller guarantee.
    let st = unsafe { (lpSystemTime as *const SystemTime).read_unaligned() };
    match filetime_of(&st) {
        Some(ticks) => {
            // SAFETY: caller guarantee.
            unsafe { write_filetime(lpFileTime, ticks) };
            1
        }
        None => {
            crate::error::set_last_error(ERROR_INVALID_PARAMETER);
            0
        }
    }
}

/// `ERROR_PRIVILEGE_NOT_HELD`: the caller may not set the clock.
const ERROR_PRIVILEGE_NOT_HELD: i32 = 1314;

/// Steps the system clock (`CLOCK_REALTIME`) to `secs` seconds and `millis` ms since 1970.
fn set_realtime(secs: i64, millis: u16) -> i32 {
    // 64-bit targets only (as `WSADATA`): `time_t` holds every SYSTEMTIME.
    let ts = libc::timespec {
        tv_sec: secs as libc::time_t,
        tv_nsec: libc::c_long::from(millis) * 1_000_000,
    };
    // SAFETY: `ts` is a valid timespec for the call.
    if unsafe { libc::clock_settime(libc::CLOCK_REALTIME, &ts) } == 0 {
        return 1;
    }
    let code = match std::io::Error::last_os_error().raw_os_error() {
        Some(libc::EPERM) | Some(libc::EACCES) => ERROR_PRIVILEGE_NOT_HELD,
        _ => ERROR_INVALID_PARAMETER,
    };
    crate::error::set_last_error(code);
    0
}

/// # Safety
/// `p` must be NULL or point to a readable `SYSTEMTIME`.
unsafe fn read_systemtime(p: *const c_void) -> Option<SystemTime> {
    if p.is_null() {
        return None;
    }
    // SAFETY: caller guarantee.
    Some(unsafe { (p as *const SystemTime).read_unaligned() })
}

/// Sets the system clock to a UTC `SYSTEMTIME` (`wDayOfWeek` is ignored). TRUE; FALSE with
/// `ERROR_INVALID_PARAMETER` for a field out of range (as `SystemTimeToFileTime`),
/// `ERROR_NOACCESS` for NULL, and `ERROR_PRIVILEGE_NOT_HELD` when the process may not set the
/// clock, as Windows gives a program without the system-time privilege: on Linux that takes
/// root or `CAP_SYS_TIME` (Windows: an administrator). The clock is the machine's, stepped at
/// once, as on Windows.
///
/// # Safety
/// `lpSystemTime` must be NULL or point to a readable `SYSTEMTIME`.
#[no_mangle]
pub unsafe extern "C" fn SetSystemTime(lpSystemTime: *const c_void) -> i32 {
    // SAFETY: caller guarantee.
    let Some(st) = (unsafe { read_systemtime(lpSystemTime) }) else {
        crate::error::set_last_error(ERROR_NOACCESS);
        return 0;
    };
    let Some(ticks) = filetime_of(&st) else {
        crate::error::set_last_error(ERROR_INVALID_PARAMETER);
        return 0;
    };
    let unix_ticks = ticks as i128 - FILETIME_UNIX_EPOCH as i128;
    set_realtime(unix_ticks.div_euclid(10_000_000) as i64, st.milliseconds)
}

/// Sets the system clock to a `SYSTEMTIME` in the local time zone (the C library's: `mktime`
/// of the fields, so an hour a daylight-saving change repeats is read as either of its times).
/// Errors as `SetSystemTime`.
///
/// # Safety
/// `lpSystemTime` must be NULL or point to a readable `SYSTEMTIME`.
#[no_mangle]
pub unsafe extern "C" fn SetLocalTime(lpSystemTime: *const c_void) -> i32 {
    // SAFETY: caller guarantee.
    let Some(st) = (unsafe { read_systemtime(lpSystemTime) }) else {
        crate::error::set_last_error(ERROR_NOACCESS);
        return 0;
    };
    if filetime_of(&st).is_none() {
        crate::error::set_last_error(ERROR_INVALID_PARAMETER);
        return 0;
    }
    // SAFETY: an all-zero `tm` is a valid value.
    let mut tm: libc::tm = unsafe { std::mem::zeroed() };
    tm.tm_year = i32::from(st.year) - 1900;
    tm.tm_mon = i32::from(st.month) - 1;
    tm.tm_mday = i32::from(st.day);
    tm.tm_hour = i32::from(st.hour);
    tm.tm_min = i32::from(st.minute);
    tm.tm_sec = i32::from(st.second);
    tm.tm_isdst = -1;
    // SAFETY: `tm` is a valid, writable `tm`.
    let secs = unsafe { libc::mktime(&mut tm) };
    if secs == -1 && !(st.year == 1969 || st.year == 1970) {
        crate::error::set_last_error(ERROR_INVALID_PARAMETER);
        return 0;
    }
    set_realtime(secs as i64, st.milliseconds)
}

/// A UTC `FILETIME` shifted into the local time zone by the offset in force *now*, daylight
/// saving included, whatever the date converted (Microsoft documents it so, and Wine's
/// kernel32 `time.c` shows it: a January time converted in July gets the summer offset).
/// TRUE; FALSE with `ERROR_NOACCESS` for NULL, `ERROR_INVALID_PARAMETER` out of range.
///
/// # Safety
/// `lpFileTime` must be NULL or readable; `lpLocalFileTime` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn FileTimeToLocalFileTime(
    lpFileTime: *const c_void,
    lpLocalFileTime: *mut c_void,
) -> i32 {
    // SAFETY: caller guarantee.
    let Some(ticks) = (unsafe { read_filetime(lpFileTime) }) else {
        crate::error::set_last_error(ERROR_NOACCESS);
        return 0;
    };
    if lpLocalFileTime.is_null() {
        crate::error::set_last_error(ERROR_NOACCESS);
        return 0;
    }
    let shifted = local_offset_minutes(now_filetime())
        .and_then(|m| u64::try_from(ticks as i128 + m as i128 * 600_000_000).ok());
    match shifted {
        Some(t) => {
            // SAFETY: caller guarantee.
            unsafe { write_filetime(lpLocalFileTime, t) };
            1
        }
        None => {
            crate::error::set_last_error(ERROR_INVALID_PARAMETER);
            0
        }
    }
}

/// The local offset from UTC, in minutes, at FILETIME `ticks`.
fn local_offset_minutes(ticks: u64) -> Option<i32> {
    let local = systemtime_of(ticks, true).and_then(|st| filetime_of(&st))?;
    let utc = systemtime_of(ticks, false).and_then(|st| filetime_of(&st))?;
    i32::try_from((local as i64 - utc as i64) / 600_000_000).ok()
}

/// The zone's abbreviation at FILETIME `ticks` (`tm_zone`: "CET", "EDT", ...), as UTF-16.
fn zone_name(ticks: u64) -> [u16; 32] {
    let mut name = [0u16; 32];
    let t = ((ticks as i128 - FILETIME_UNIX_EPOCH as i128) / 10_000_000) as libc::time_t;
    // SAFETY: an all-zero `tm` is a valid value; only the C library writes it.
    let mut tm: libc::tm = unsafe { std::mem::zeroed() };
    // SAFETY: `t` and `tm` are valid; `tm_zone` then points to a string the C library keeps.
    let zone = unsafe {
        if sys::libc_next::localtime_r(&t, &mut tm).is_null() || tm.tm_zone.is_null() {
            return name;
        }
        std::ffi::CStr::from_ptr(tm.tm_zone)
            .to_string_lossy()
            .into_owned()
    };
    for (slot, unit) in name.iter_mut().take(31).zip(zone.encode_utf16()) {
        *slot = unit;
    }
    name
}

/// `TIME_ZONE_INFORMATION` (172 bytes, as on Windows).
#[repr(C)]
struct TimeZoneInformation {
    bias: i32,
    standard_name: [u16; 32],
    standard_date: SystemTime,
    standard_bias: i32,
    daylight_name: [u16; 32],
    daylight_date: SystemTime,
    daylight_bias: i32,
}

const _: () = assert!(std::mem::size_of::<TimeZoneInformation>() == 172);

const TIME_ZONE_ID_UNKNOWN: u32 = 0;
const TIME_ZONE_ID_STANDARD: u32 = 1;
const TIME_ZONE_ID_DAYLIGHT: u32 = 2;
const TIME_ZONE_ID_INVALID: u32 = u32::MAX;

fn transition_date(t: Option<crate::win32::time_zone::Transition>) -> SystemTime {
    t.map_or_else(SystemTime::default, |t| SystemTime {
        year: 0,
        month: t.month,
        day_of_week: t.day_of_week,
        day: t.week,
        hour: t.hour,
        minute: t.minute,
        second: 0,
        milliseconds: 0,
    })
}

/// The local time zone (the C library's `TZ`): `Bias` (UTC minus local standard time, in
/// minutes), `DaylightBias` (-60 where daylight saving time applies, else 0), the yearly
/// transitions in Windows' day-in-month form (`wMonth` 0 without daylight saving time) and the
/// zone's abbreviations as names ("CET", "CEST"; Windows gives long names). Returns
/// `TIME_ZONE_ID_STANDARD`, `TIME_ZONE_ID_DAYLIGHT`, `TIME_ZONE_ID_UNKNOWN` (no daylight
/// saving time), or `TIME_ZONE_ID_INVALID` with `ERROR_NOACCESS` for NULL.
///
/// # Safety
/// `lpTimeZoneInformation` must be NULL or point to a writable `TIME_ZONE_INFORMATION`.
#[no_mangle]
pub unsafe extern "C" fn GetTimeZoneInformation(lpTimeZoneInformation: *mut c_void) -> u32 {
    if lpTimeZoneInformation.is_null() {
        crate::error::set_last_error(ERROR_NOACCESS);
        return TIME_ZONE_ID_INVALID;
    }
    let now = now_filetime();
    let year = systemtime_of(now, false).map_or(1970, |st| st.year);
    let jan1 = SystemTime {
        year,
        month: 1,
        day: 1,
        ..SystemTime::default()
    };
    let Some(zone) = filetime_of(&jan1)
        .and_then(|start| crate::win32::time_zone::describe(now, start, local_offset_minutes))
    else {
        crate::error::set_last_error(ERROR_INVALID_PARAMETER);
        return TIME_ZONE_ID_INVALID;
    };
    let info = TimeZoneInformation {
        bias: zone.bias,
        standard_name: zone_name(zone.standard_instant),
        standard_date: transition_date(zone.standard),
        standard_bias: 0,
        daylight_name: zone.daylight_instant.map_or([0; 32], zone_name),
        daylight_date: transition_date(zone.daylight),
        daylight_bias: zone.daylight_bias,
    };
    // SAFETY: caller guarantee.
    unsafe {
        lpTimeZoneInformation
            .cast::<TimeZoneInformation>()
            .write_unaligned(info)
    };
    match (zone.daylight.is_some(), zone.in_daylight) {
        (false, _) => TIME_ZONE_ID_UNKNOWN,
        (true, true) => TIME_ZONE_ID_DAYLIGHT,
        (true, false) => TIME_ZONE_ID_STANDARD,
    }
}

fn rule_of(st: &SystemTime) -> crate::win32::time_zone::Rule {
    crate::win32::time_zone::Rule {
        year: st.year,
        month: st.month,
        day_of_week: st.day_of_week,
        day: st.day,
        hour: st.hour,
        minute: st.minute,
        second: st.second,
        milliseconds: st.milliseconds,
    }
}

/// Converts `input` (UTC when `to_local`, else a local time) under the program's zone (NULL:
/// the current one) into `output`.
///
/// # Safety
/// As for `SystemTimeToTzSpecificLocalTime`.
unsafe fn tz_convert(
    zone: *const c_void,
    input: *const c_void,
    output: *mut c_void,
    to_local: bool,
) -> i32 {
    if input.is_null() || output.is_null() {
        crate::error::set_last_error(ERROR_INVALID_PARAMETER);
        return 0;
    }
    let mut current = std::mem::MaybeUninit::<TimeZoneInformation>::uninit();
    let zone = if zone.is_null() {
        // SAFETY: `current` is a writable TIME_ZONE_INFORMATION.
        if unsafe { GetTimeZoneInformation(current.as_mut_ptr().cast()) } == TIME_ZONE_ID_INVALID {
            return 0;
        }
        // SAFETY: GetTimeZoneInformation filled it.
        unsafe { current.assume_init() }
    } else {
        // SAFETY: caller guarantee: a readable TIME_ZONE_INFORMATION.
        unsafe { zone.cast::<TimeZoneInformation>().read_unaligned() }
    };
    // SAFETY: caller guarantee: a readable SYSTEMTIME.
    let st = unsafe { input.cast::<SystemTime>().read_unaligned() };
    let Some(ticks) = filetime_of(&st) else {
        crate::error::set_last_error(ERROR_INVALID_PARAMETER);
        return 0;
    };
    let rules = crate::win32::time_zone::Rules {
        bias: zone.bias,
        standard_bias: zone.standard_bias,
        daylight_bias: zone.daylight_bias,
        standard: rule_of(&zone.standard_date),
        daylight: rule_of(&zone.daylight_date),
    };
    let offset = crate::win32::time_zone::offset_minutes(&rules, ticks as i64, !to_local);
    let shift = i64::from(offset) * 600_000_000;
    let converted = if to_local {
        ticks as i64 - shift
    } else {
        ticks as i64 + shift
    };
    let Some(out) = u64::try_from(converted)
        .ok()
        .and_then(|t| systemtime_of(t, false))
    else {
        crate::error::set_last_error(ERROR_INVALID_PARAMETER);
        return 0;
    };
    // SAFETY: caller guarantee: a writable SYSTEMTIME.
    unsafe { output.cast::<SystemTime>().write_unaligned(out) };
    1
}

/// A UTC time as the local time of the zone `lpTimeZoneInformation` describes (NULL: the
/// current zone): the bias, plus the daylight or standard bias by the zone's yearly
/// transitions (in the day-in-month form, or an absolute date). TRUE; FALSE with
/// `ERROR_INVALID_PARAMETER` for a NULL time or one out of range.
///
/// # Safety
/// `lpTimeZoneInformation` must be NULL or a readable `TIME_ZONE_INFORMATION`;
/// `lpUniversalTime` NULL or a readable `SYSTEMTIME`; `lpLocalTime` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn SystemTimeToTzSpecificLocalTime(
    lpTimeZoneInformation: *const c_void,
    lpUniversalTime: *const c_void,
    lpLocalTime: *mut c_void,
) -> i32 {
    // SAFETY: forwarded caller guarantees.
    unsafe { tz_convert(lpTimeZoneInformation, lpUniversalTime, lpLocalTime, true) }
}

/// The inverse of `SystemTimeToTzSpecificLocalTime`: a local time of the zone as UTC (a time
/// in the hour repeated when daylight time ends is read as daylight time, as on Windows).
///
/// # Safety
/// As for `SystemTimeToTzSpecificLocalTime`.
#[no_mangle]
pub unsafe extern "C" fn TzSpecificLocalTimeToSystemTime(
    lpTimeZoneInformation: *const c_void,
    lpLocalTime: *const c_void,
    lpUniversalTime: *mut c_void,
) -> i32 {
    // SAFETY: forwarded caller guarantees.
    unsafe { tz_convert(lpTimeZoneInformation, lpLocalTime, lpUniversalTime, false) }
}

/// The C library's `localtime_r` (`t` a `time_t`, `tm` a `struct tm`), never a program's own
/// function of that name: the compat `localtime_s`, `ctime_s`, `_strtime` & co. call this, so
/// a program's `localtime_r` built on `localtime_s` (common in ports to Windows) does not call
/// itself. NULL for a NULL argument or a time the C library cannot convert.
///
/// # Safety
/// `t` must be NULL or point to a `time_t`, `tm` NULL or point to a writable `struct tm`.
#[no_mangle]
pub unsafe extern "C" fn ws2mp_localtime_r(t: *const i64, tm: *mut c_void) -> *mut c_void {
    if t.is_null() || tm.is_null() {
        return std::ptr::null_mut();
    }
    // SAFETY: caller guarantee (`time_t` is 64 bits on every target ws2mp supports).
    unsafe { sys::libc_next::localtime_r(t.cast(), tm.cast()) }.cast()
}

/// `ws2mp_localtime_r` in UTC: the C library's `gmtime_r`, never a program's own.
///
/// # Safety
/// As for `ws2mp_localtime_r`.
#[no_mangle]
pub unsafe extern "C" fn ws2mp_gmtime_r(t: *const i64, tm: *mut c_void) -> *mut c_void {
    if t.is_null() || tm.is_null() {
        return std::ptr::null_mut();
    }
    // SAFETY: caller guarantee.
    unsafe { sys::libc_next::gmtime_r(t.cast(), tm.cast()) }.cast()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filetime_and_systemtime_round_trip() {
        let st = SystemTime {
            year: 2024,
            month: 2,
            day_of_week: 0,
            day: 29,
            hour: 13,
            minute: 45,
            second: 30,
            milliseconds: 250,
        };
        let ft = filetime_of(&st).unwrap();
        let back = systemtime_of(ft, false).unwrap();
        assert_eq!(
            (
                back.year,
                back.month,
                back.day,
                back.hour,
                back.minute,
                back.second
            ),
            (2024, 2, 29, 13, 45, 30)
        );
        assert_eq!(back.milliseconds, 250);
        assert_eq!(back.day_of_week, 4); // a Thursday
        let epoch = SystemTime {
            year: 1970,
            month: 1,
            day: 1,
            ..SystemTime::default()
        };
        assert_eq!(filetime_of(&epoch), Some(FILETIME_UNIX_EPOCH));
        let first = SystemTime {
            year: 1601,
            month: 1,
            day: 1,
            ..SystemTime::default()
        };
        assert_eq!(filetime_of(&first), Some(0));
        assert_eq!(filetime_of(&SystemTime { day: 30, ..st }), None);
        assert_eq!(filetime_of(&SystemTime { month: 13, ..st }), None);
    }
}

//! The C library's own functions, looked up past the program (`dlsym(RTLD_NEXT, ...)`).
//!
//! Windows' C library has no `clock_gettime`, `localtime_r`, `poll` or `getifaddrs`, so
//! programs ported to it often define functions of those names themselves, built on Win32
//! calls (`QueryPerformanceCounter`, `localtime_s`, `WSAPoll`, `SIO_GET_INTERFACE_LIST`).
//! Linked with libws2mp into one executable, such a definition would answer ws2mp's own calls
//! too, and the Win32 call it is built on would come back to it without end. ws2mp's calls to
//! these names go through the functions here instead; each finds the C library's function once
//! (the plain symbol when the lookup fails: a program without a dynamic loader).

use std::ffi::CStr;
use std::os::raw::c_int;

/// The C library's function `name` past the program, if the dynamic loader finds one.
fn next_symbol(name: &CStr) -> Option<std::ptr::NonNull<libc::c_void>> {
    // SAFETY: dlsym with RTLD_NEXT and a NUL-terminated name only reads the loader's tables.
    std::ptr::NonNull::new(unsafe { libc::dlsym(libc::RTLD_NEXT, name.as_ptr()) })
}

/// Declares `unsafe fn NAME(...)` calling the C library's function NAME (see the module).
macro_rules! past_the_program {
    ($(#[$doc:meta])* fn $name:ident($($arg:ident: $ty:ty),*) -> $ret:ty;) => {
        $(#[$doc])*
        ///
        /// # Safety
        /// As for the C library's function of this name.
        pub unsafe fn $name($($arg: $ty),*) -> $ret {
            type Function = unsafe extern "C" fn($($ty),*) -> $ret;
            static FUNCTION: std::sync::OnceLock<Function> = std::sync::OnceLock::new();
            let name = concat!(stringify!($name), "\0");
            let f = *FUNCTION.get_or_init(|| {
                match CStr::from_bytes_with_nul(name.as_bytes()).ok().and_then(next_symbol) {
                    // SAFETY: the C library's function of this name has the type libc
                    // declares for it, which `Function` repeats.
                    Some(p) => unsafe { std::mem::transmute::<*mut libc::c_void, Function>(p.as_ptr()) },
                    None => libc::$name,
                }
            });
            // SAFETY: the caller's guarantee, as for the C library's function.
            unsafe { f($($arg),*) }
        }
    };
}

past_the_program! {
    /// `clock_gettime`.
    fn clock_gettime(clock: libc::clockid_t, ts: *mut libc::timespec) -> c_int;
}
past_the_program! {
    /// `localtime_r`.
    fn localtime_r(t: *const libc::time_t, tm: *mut libc::tm) -> *mut libc::tm;
}
past_the_program! {
    /// `gmtime_r`.
    fn gmtime_r(t: *const libc::time_t, tm: *mut libc::tm) -> *mut libc::tm;
}
past_the_program! {
    /// `poll`.
    fn poll(fds: *mut libc::pollfd, n: libc::nfds_t, timeout_ms: c_int) -> c_int;
}
past_the_program! {
    /// `getifaddrs`.
    fn getifaddrs(list: *mut *mut libc::ifaddrs) -> c_int;
}
past_the_program! {
    /// `freeifaddrs`.
    fn freeifaddrs(list: *mut libc::ifaddrs) -> ();
}

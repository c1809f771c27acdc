//! Win32 threads: `CreateThread`, `_beginthreadex`, `_beginthread`, `ExitThread`,
//! `_endthreadex`, `_endthread`, `ResumeThread`, `GetExitCodeThread`, `GetThreadId`,
//! `GetCurrentThread`, `GetCurrentThreadId`, `GetCurrentProcess`, `GetCurrentProcessId`,
//! `SleepEx`.
//!
//! Threads are pthreads. A thread handle is signalled when the thread ends; its exit code is
//! `STILL_ACTIVE` (259) until then. ws2mp cannot suspend a running pthread, so `SuspendThread`
//! and `TerminateThread` are not provided; `CREATE_SUSPENDED` works (the thread waits for
//! `ResumeThread` before its routine starts).

use super::call;
use crate::handle::thread::{self, Routine, CURRENT_PROCESS, CURRENT_THREAD};
use crate::handle::{self, codes, err};
use std::os::raw::{c_uint, c_void};

/// `CREATE_SUSPENDED`.
const CREATE_SUSPENDED: u32 = 0x4;

/// Starts a thread running `lpStartAddress(lpParameter)`; its return value is the thread's
/// exit code. `dwCreationFlags` may hold `CREATE_SUSPENDED` (the routine starts at
/// `ResumeThread`); `dwStackSize` is a minimum stack size (0: the default); the security
/// attributes are ignored. Writes the new thread's id to `lpThreadId` if not NULL.
///
/// Returns the thread's handle (close it with `CloseHandle`; the thread runs on), or NULL
/// with `ERROR_INVALID_PARAMETER` (NULL routine) or `ERROR_NOT_ENOUGH_MEMORY`.
///
/// # Safety
/// `lpThreadId` must be NULL or writable; the routine must be callable with the parameter.
#[no_mangle]
pub unsafe extern "C" fn CreateThread(
    lpThreadAttributes: *mut c_void,
    dwStackSize: usize,
    lpStartAddress: Option<unsafe extern "C-unwind" fn(*mut c_void) -> u32>,
    lpParameter: *mut c_void,
    dwCreationFlags: u32,
    lpThreadId: *mut u32,
) -> *mut c_void {
    let _ = lpThreadAttributes;
    call(std::ptr::null_mut(), || {
        let f = lpStartAddress.ok_or(err(codes::ERROR_INVALID_PARAMETER))?;
        let suspended = dwCreationFlags & CREATE_SUSPENDED != 0;
        let (h, id) = thread::create(
            Routine::Win32(f),
            lpParameter,
            dwStackSize,
            suspended,
            false,
        )?;
        // SAFETY: caller guarantee.
        if let Some(out) = unsafe { lpThreadId.as_mut() } {
            *out = id;
        }
        Ok(h as *mut c_void)
    })
}

/// The C runtime's `_beginthreadex` (`<process.h>`): `CreateThread` with `unsigned`
/// types. Returns the handle as `uintptr_t`, or 0 on failure (errno is set to EINVAL for a NULL
/// routine, EAGAIN otherwise).
///
/// # Safety
/// `thrdaddr` must be NULL or writable; the routine must be callable with the argument.
#[no_mangle]
pub unsafe extern "C" fn _beginthreadex(
    security: *mut c_void,
    stack_size: c_uint,
    start_address: Option<unsafe extern "C-unwind" fn(*mut c_void) -> c_uint>,
    arglist: *mut c_void,
    initflag: c_uint,
    thrdaddr: *mut c_uint,
) -> usize {
    let _ = security;
    let Some(f) = start_address else {
        set_errno(libc::EINVAL);
        return 0;
    };
    match thread::create(
        Routine::Win32(f),
        arglist,
        stack_size as usize,
        initflag & CREATE_SUSPENDED != 0,
        false,
    ) {
        Ok((h, id)) => {
            // SAFETY: caller guarantee.
            if let Some(out) = unsafe { thrdaddr.as_mut() } {
                *out = id;
            }
            h
        }
        Err(_) => {
            set_errno(libc::EAGAIN);
            0
        }
    }
}

/// The C runtime's `_beginthread`: starts `start_address(arglist)`; the thread's handle is
/// closed automatically when the thread ends, as on Windows (so it may be invalid by the time
/// the caller uses it). Returns the handle, or `(uintptr_t)-1` with errno EINVAL/EAGAIN.
///
/// # Safety
/// The routine must be callable with the argument.
#[no_mangle]
pub unsafe extern "C" fn _beginthread(
    start_address: Option<unsafe extern "C-unwind" fn(*mut c_void)>,
    stack_size: c_uint,
    arglist: *mut c_void,
) -> usize {
    let Some(f) = start_address else {
        set_errno(libc::EINVAL);
        return usize::MAX;
    };
    match thread::create(Routine::Void(f), arglist, stack_size as usize, false, true) {
        Ok((h, _)) => h,
        Err(_) => {
            set_errno(libc::EAGAIN);
            usize::MAX
        }
    }
}

fn set_errno(e: i32) {
    // SAFETY: the calling thread's errno slot.
    #[cfg(any(target_os = "linux", target_os = "android"))]
    unsafe {
        *libc::__errno_location() = e
    };
    // SAFETY: the calling thread's errno slot.
    #[cfg(not(any(target_os = "linux", target_os = "android")))]
    unsafe {
        *libc::__error() = e
    };
}

/// Ends the calling thread with exit code `dwExitCode`: its handle is signalled and mutexes it
/// still owns are abandoned. The thread's stack is unwound the way `pthread_exit` unwinds it
/// (C++ destructors run on Linux; C code has none). On a thread ws2mp did not start, this
/// is `pthread_exit` (the main thread's end leaves the process running until other threads
/// end, as on Windows).
#[no_mangle]
pub extern "C-unwind" fn ExitThread(dwExitCode: u32) -> ! {
    thread::exit_current(dwExitCode)
}

/// The C runtime's `_endthreadex`: `ExitThread`.
#[no_mangle]
pub extern "C-unwind" fn _endthreadex(retval: c_uint) -> ! {
    thread::exit_current(retval)
}

/// The C runtime's `_endthread`: `ExitThread(0)`.
#[no_mangle]
pub extern "C-unwind" fn _endthread() -> ! {
    thread::exit_current(0)
}

/// Decrements a thread's suspend count; at 0 a thread created with `CREATE_SUSPENDED`
/// starts. Returns the previous count (0: it was not suspended), or `(DWORD)-1` with
/// `ERROR_INVALID_HANDLE`.
#[no_mangle]
pub extern "C" fn ResumeThread(hThread: *mut c_void) -> u32 {
    call(u32::MAX, || {
        let object = handle::lookup(hThread as usize)?;
        if hThread as usize == CURRENT_THREAD {
            return Ok(0);
        }
        Ok(thread::state(&object)?.resume())
    })
}

/// Writes a thread's exit code to `lpExitCode`: `STILL_ACTIVE` (259) while it runs, then what
/// its routine returned or `ExitThread` gave. Returns TRUE, or FALSE with
/// `ERROR_INVALID_HANDLE` or `ERROR_INVALID_PARAMETER` (NULL `lpExitCode`; Windows faults).
///
/// # Safety
/// `lpExitCode` must be NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn GetExitCodeThread(hThread: *mut c_void, lpExitCode: *mut u32) -> i32 {
    call(0, || {
        let code = if hThread as usize == CURRENT_THREAD {
            thread::STILL_ACTIVE
        } else {
            thread::state(&*handle::table::get(hThread as usize)?)?.exit_code()
        };
        // SAFETY: caller guarantee.
        let out = unsafe { lpExitCode.as_mut() }.ok_or(err(codes::ERROR_INVALID_PARAMETER))?;
        *out = code;
        Ok(1)
    })
}

/// A thread handle's thread id. Returns 0 with `ERROR_INVALID_HANDLE` for anything else.
#[no_mangle]
pub extern "C" fn GetThreadId(Thread: *mut c_void) -> u32 {
    call(0, || {
        if Thread as usize == CURRENT_THREAD {
            return Ok(thread::current_id());
        }
        Ok(thread::state(&*handle::table::get(Thread as usize)?)?.id())
    })
}

/// The calling thread's id: nonzero and unique among the process's live threads. ws2mp's own
/// numbering (not the system's thread id), shared by `CreateThread`'s `lpThreadId`.
#[no_mangle]
pub extern "C" fn GetCurrentThreadId() -> u32 {
    thread::current_id()
}

/// The calling process's id (`getpid()`).
#[no_mangle]
pub extern "C" fn GetCurrentProcessId() -> u32 {
    crate::sys::thread::process_id()
}

/// The pseudo-handle `(HANDLE)-2` meaning "the calling thread" wherever a thread handle is
/// taken. Closing it does nothing.
#[no_mangle]
pub extern "C" fn GetCurrentThread() -> *mut c_void {
    CURRENT_THREAD as *mut c_void
}

/// The pseudo-handle `(HANDLE)-1` meaning "this process" (never signalled while it runs).
#[no_mangle]
pub extern "C" fn GetCurrentProcess() -> *mut c_void {
    CURRENT_PROCESS as *mut c_void
}

/// Sleeps `dwMilliseconds` (`INFINITE`: forever). ws2mp queues no APCs, so `bAlertable`
/// changes nothing and this always returns 0 (never `WAIT_IO_COMPLETION`).
#[no_mangle]
pub extern "C" fn SleepEx(dwMilliseconds: u32, bAlertable: i32) -> u32 {
    let _ = bAlertable;
    if dwMilliseconds == u32::MAX {
        loop {
            crate::sys::sleep_ms(u64::from(u32::MAX));
        }
    }
    crate::sys::sleep_ms(u64::from(dwMilliseconds));
    0
}

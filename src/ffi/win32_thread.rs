//! Win32 threads: `CreateThread`, `_beginthreadex`, `_beginthread`, `ExitThread`,
//! `_endthreadex`, `_endthread`, `SuspendThread`, `ResumeThread`, `TerminateThread`,
//! `GetExitCodeThread`, `GetThreadId`, `GetCurrentThread`, `GetCurrentThreadId`,
//! `GetCurrentProcess`, `GetCurrentProcessId`, `SleepEx`, `QueueUserAPC`.
//!
//! Threads are pthreads. A thread handle is signalled when the thread ends; its exit code is
//! `STILL_ACTIVE` (259) until then. `CREATE_SUSPENDED` works (the thread waits for
//! `ResumeThread` before its routine starts); a running thread is suspended or terminated by
//! a signal that stops it where it stands (`handle/thread.rs`).

use super::call;
use crate::handle::apc::{self, ApcTarget};
use crate::handle::thread::{self, Routine, CURRENT_PROCESS, CURRENT_THREAD};
use crate::handle::{self, codes, err};
use crate::winsock::WSA_WAIT_IO_COMPLETION;
use std::os::raw::{c_uint, c_void};
use std::time::{Duration, Instant};

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
        // SAFETY: the program gives a routine it may call with this parameter.
        let routine = unsafe { Routine::win32(f, lpParameter) };
        let (h, id) = thread::create(routine, dwStackSize, suspended, false)?;
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
    // SAFETY: the program gives a routine it may call with this parameter.
    let routine = unsafe { Routine::win32(f, arglist) };
    match thread::create(
        routine,
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
    // SAFETY: the program gives a routine it may call with this parameter.
    let routine = unsafe { Routine::void(f, arglist) };
    match thread::create(routine, stack_size as usize, false, true) {
        Ok((h, _)) => h,
        Err(_) => {
            set_errno(libc::EAGAIN);
            usize::MAX
        }
    }
}

fn set_errno(e: i32) {
    crate::sys::set_errno(e);
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
/// `ERROR_INVALID_HANDLE`. On the `hThread` of a child `CreateProcess` started with
/// `CREATE_SUSPENDED`, the child runs its program (1, then 0 for later calls).
#[no_mangle]
pub extern "C" fn ResumeThread(hThread: *mut c_void) -> u32 {
    call(u32::MAX, || {
        let object = handle::lookup(hThread as usize)?;
        if hThread as usize == CURRENT_THREAD {
            return Ok(0);
        }
        // A child process's thread handle (`CreateProcess`'s `hThread`).
        if let Ok(child) = crate::handle::process::state(&object) {
            return Ok(child.resume());
        }
        Ok(thread::state(&object)?.resume())
    })
}

/// Increments a thread's suspend count; from 0 the thread stops where it stands until
/// `ResumeThread` brings the count back to 0 (the stop is asynchronous, as on Windows: the
/// thread may run a moment longer). Returns the previous count, or `(DWORD)-1` with
/// `ERROR_ACCESS_DENIED` (the thread has ended), `ERROR_SIGNAL_REFUSED` (the count is at
/// `MAXIMUM_SUSPEND_COUNT`, 127) or `ERROR_INVALID_HANDLE`. As on Windows, a thread suspended
/// while it holds a lock (a critical section, the C library's heap lock) blocks every thread
/// that needs it until it is resumed.
#[no_mangle]
pub extern "C" fn SuspendThread(hThread: *mut c_void) -> u32 {
    call(u32::MAX, || {
        let object = if hThread as usize == CURRENT_THREAD {
            thread::current_object_or_new()?
        } else {
            handle::table::get(hThread as usize)?
        };
        thread::state(&object)?.suspend()
    })
}

/// Ends another thread at once with exit code `dwExitCode`: it stops where it stands and never
/// runs again, its handle is signalled and `GetExitCodeThread` gives `dwExitCode`.
/// `TerminateThread` on the calling thread is `ExitThread`; on a thread that has already
/// ended it succeeds and changes nothing; on a process's `hThread` (`CreateProcess`) it is
/// `TerminateProcess`. Returns TRUE, or FALSE with `ERROR_INVALID_HANDLE`.
///
/// As on Windows, the thread releases nothing but its Win32 mutexes: its stack stays
/// allocated, and what it held stays held (critical sections, the C library's heap lock); the
/// mutexes it owned are abandoned, as at any end of a thread (the next wait gets
/// `WAIT_ABANDONED`). Meant, as on Windows, for a thread blocked in a call (`accept`, `recv`, a
/// wait) at shutdown. A thread waiting in `GetQueuedCompletionStatus` first hands what it does
/// for the port's other waiters (gathering the engine's completions) to one of them.
#[no_mangle]
pub extern "C-unwind" fn TerminateThread(hThread: *mut c_void, dwExitCode: u32) -> i32 {
    let own = hThread as usize == CURRENT_THREAD
        || thread::current_object().is_some_and(|me| {
            handle::table::get(hThread as usize).is_ok_and(|o| std::sync::Arc::ptr_eq(&o, &me))
        });
    if own {
        thread::exit_current(dwExitCode);
    }
    call(0, || {
        let object = handle::table::get(hThread as usize)?;
        match handle::process::state(&object) {
            Ok(_) => handle::process::terminate(&object, dwExitCode)?,
            Err(_) => thread::terminate(&object, dwExitCode)?,
        }
        Ok(1)
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
            let object = handle::table::get(hThread as usize)?;
            // `CreateProcess`'s hThread names the child process.
            match handle::process::state(&object) {
                Ok(p) => p.exit_code(),
                Err(_) => thread::state(&object)?.exit_code(),
            }
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
        let object = handle::table::get(Thread as usize)?;
        match handle::process::state(&object) {
            Ok(p) => Ok(p.pid()),
            Err(_) => Ok(thread::state(&object)?.id()),
        }
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

/// Sleeps `dwMilliseconds` (`INFINITE`: forever; 0: yields the processor).
///
/// With `bAlertable` TRUE the sleep is alertable: APCs queued to the calling thread
/// (`QueueUserAPC`, overlapped completion routines of calls this thread issued) that are
/// pending, or get queued during the sleep, run on this thread, all of them, in the order they
/// were queued, and `SleepEx` returns `WAIT_IO_COMPLETION` (0xC0) at once. So
/// `SleepEx(0, TRUE)` runs what is pending without sleeping. Otherwise (and always with
/// `bAlertable` FALSE, which leaves APCs queued) it returns 0 when the time is up.
#[no_mangle]
pub extern "C" fn SleepEx(dwMilliseconds: u32, bAlertable: i32) -> u32 {
    if bAlertable != 0 {
        return call(0, || {
            let ran = if dwMilliseconds == 0 {
                apc::run_pending() || {
                    std::thread::yield_now();
                    apc::run_pending()
                }
            } else {
                let deadline = (dwMilliseconds != u32::MAX)
                    .then(|| Instant::now() + Duration::from_millis(u64::from(dwMilliseconds)));
                apc::sleep_alertable(deadline)
            };
            Ok(if ran { WSA_WAIT_IO_COMPLETION } else { 0 })
        });
    }
    if dwMilliseconds == u32::MAX {
        loop {
            crate::sys::sleep_ms(u64::from(u32::MAX));
        }
    }
    if dwMilliseconds == 0 {
        std::thread::yield_now();
        return 0;
    }
    crate::sys::sleep_ms(u64::from(dwMilliseconds));
    0
}

/// An APC function: `VOID CALLBACK f(ULONG_PTR dwData)`.
pub type PAPCFUNC = Option<unsafe extern "C" fn(usize)>;

/// Queues a call of `pfnAPC(dwData)` to a thread: it runs on that thread, in the order queued,
/// the next time the thread is in an alertable wait (`SleepEx`, `WaitForSingleObjectEx`,
/// `WaitForMultipleObjectsEx` or `WSAWaitForMultipleEvents` with the alertable flag TRUE), which
/// then returns `WAIT_IO_COMPLETION`. A thread in an alertable wait is woken at once; a
/// thread in any other wait or call is not disturbed, and the call waits in the queue. Calls
/// queued to a thread ws2mp started before it began its routine (`CREATE_SUSPENDED`) run
/// before that routine, as on Windows. Calls still queued when a thread ends are dropped
/// (never run).
///
/// `hThread` is a handle from `CreateThread` / `_beginthreadex`, the pseudo-handle
/// `GetCurrentThread()`, or a handle `DuplicateHandle` made from it. A thread ws2mp did not
/// start (the main thread, a pthread) has no handle of its own: other threads reach it only
/// through a handle it duplicated from its `GetCurrentThread()` (ws2mp has no `OpenThread`).
///
/// Returns nonzero, or 0 with `ERROR_INVALID_HANDLE` (not a thread handle),
/// `ERROR_GEN_FAILURE` (the thread has ended) or `ERROR_INVALID_PARAMETER` (NULL `pfnAPC`;
/// Windows queues it and the target thread faults when it runs).
#[no_mangle]
pub extern "C" fn QueueUserAPC(pfnAPC: PAPCFUNC, hThread: *mut c_void, dwData: usize) -> u32 {
    call(0, || {
        let h = hThread as usize;
        let target = if h == CURRENT_THREAD {
            ApcTarget::current()
        } else {
            let object = handle::table::get(h)?;
            let state = thread::state(&object)?;
            if state.has_finished() {
                return Err(err(codes::ERROR_GEN_FAILURE));
            }
            state.apc().clone()
        };
        let f = pfnAPC.ok_or(err(codes::ERROR_INVALID_PARAMETER))?;
        // SAFETY: the program gave this function for this argument; it runs on the target
        // thread inside an alertable wait.
        let queued = target.queue(Box::new(move || unsafe { f(dwData) }));
        if !queued {
            return Err(err(codes::ERROR_GEN_FAILURE));
        }
        Ok(1)
    })
}

/// The thread a thread handle names: `None` for the calling thread (`GetCurrentThread()`).
fn thread_target(
    hThread: *mut c_void,
) -> crate::error::WsaResult<Option<std::sync::Arc<handle::Object>>> {
    let h = hThread as usize;
    if h == CURRENT_THREAD {
        return Ok(None);
    }
    let object = handle::table::get(h)?;
    thread::state(&object)?;
    Ok(Some(object))
}

/// The thread state behind a thread handle or `GetCurrentThread()`'s pseudo-handle
/// (`ERROR_INVALID_HANDLE` for anything else).
fn thread_object(hThread: *mut c_void) -> crate::error::WsaResult<std::sync::Arc<handle::Object>> {
    match thread_target(hThread)? {
        Some(object) => Ok(object),
        None => thread::current_object_or_new(),
    }
}

/// `THREAD_PRIORITY_ERROR_RETURN`.
const PRIORITY_ERROR_RETURN: i32 = 0x7fff_ffff;
/// `THREAD_MODE_BACKGROUND_BEGIN` / `THREAD_MODE_BACKGROUND_END`.
const MODE_BACKGROUND: [i32; 2] = [0x0001_0000, 0x0002_0000];

/// Sets a thread's priority level: `GetThreadPriority` reads it back, as on Windows. The
/// system's scheduling is not changed (raising a priority needs privileges POSIX does not give
/// a normal user). The levels Windows accepts outside the realtime class are
/// `THREAD_PRIORITY_LOWEST` (-2) to `THREAD_PRIORITY_HIGHEST` (2), `THREAD_PRIORITY_IDLE`
/// (-15) and `THREAD_PRIORITY_TIME_CRITICAL` (15); the background modes are accepted and
/// change no level. Another value: FALSE with `ERROR_INVALID_PARAMETER`; a handle that is not
/// a thread: FALSE with `ERROR_INVALID_HANDLE`.
#[no_mangle]
pub extern "C" fn SetThreadPriority(hThread: *mut c_void, nPriority: i32) -> i32 {
    call(0, || {
        let object = thread_object(hThread)?;
        let state = thread::state(&object)?;
        match nPriority {
            -2..=2 | 15 | -15 => state.set_priority(nPriority),
            level if MODE_BACKGROUND.contains(&level) => {}
            _ => return Err(err(codes::ERROR_INVALID_PARAMETER)),
        }
        Ok(1)
    })
}

/// A thread's priority level (`THREAD_PRIORITY_NORMAL` until `SetThreadPriority` set one), or
/// `THREAD_PRIORITY_ERROR_RETURN` with `ERROR_INVALID_HANDLE` for a handle that is not a thread.
#[no_mangle]
pub extern "C" fn GetThreadPriority(hThread: *mut c_void) -> i32 {
    call(PRIORITY_ERROR_RETURN, || {
        let object = thread_object(hThread)?;
        Ok(thread::state(&object)?.priority())
    })
}

/// The number of the processor the calling thread runs on (it may move at any time); 0 on
/// systems that do not tell (macOS).
#[no_mangle]
pub extern "C" fn GetCurrentProcessorNumber() -> u32 {
    call(0, || Ok(crate::sys::thread::current_cpu()))
}

/// Lets the thread run only on the CPUs of `dwThreadAffinityMask` (bit n: CPU n), which must be
/// a nonzero subset of the process's mask (`GetProcessAffinityMask`) once the bits of CPUs the
/// system does not have are dropped; all bits set (`~0`) means all of the process's CPUs. `hThread` is
/// `GetCurrentThread()`, a handle from `CreateThread` / `_beginthreadex` (a thread still held by
/// `CREATE_SUSPENDED` gets the mask when it starts) or one `DuplicateHandle` made.
///
/// Returns the thread's previous mask, or 0 with `ERROR_INVALID_PARAMETER` (an empty mask, or
/// CPUs outside the process's) or `ERROR_INVALID_HANDLE`. On systems without thread affinity
/// (macOS) the mask is accepted and the thread keeps running anywhere.
#[no_mangle]
pub extern "C" fn SetThreadAffinityMask(
    hThread: *mut c_void,
    dwThreadAffinityMask: usize,
) -> usize {
    call(0, || {
        let target = thread_target(hThread)?;
        let state = target.as_deref().map(thread::state).transpose()?;
        let previous = thread::set_thread_affinity(state, dwThreadAffinityMask as u64)?;
        Ok(previous as usize)
    })
}

/// The CPUs the process may run on and the CPUs the system has (bit n: CPU n, the first 64).
/// `hProcess` must be `GetCurrentProcess()`. Returns nonzero, or 0 with `ERROR_INVALID_HANDLE`
/// or `ERROR_NOACCESS` (a NULL output).
///
/// # Safety
/// The outputs must be writable.
#[no_mangle]
pub unsafe extern "C" fn GetProcessAffinityMask(
    hProcess: *mut c_void,
    lpProcessAffinityMask: *mut usize,
    lpSystemAffinityMask: *mut usize,
) -> i32 {
    call(0, || {
        if hProcess as usize != CURRENT_PROCESS {
            return Err(err(codes::ERROR_INVALID_HANDLE));
        }
        if lpProcessAffinityMask.is_null() || lpSystemAffinityMask.is_null() {
            return Err(err(codes::ERROR_NOACCESS));
        }
        let (process, system) = thread::process_affinity();
        // SAFETY: caller guarantee; both checked non-NULL.
        unsafe {
            *lpProcessAffinityMask = process as usize;
            *lpSystemAffinityMask = system as usize;
        }
        Ok(1)
    })
}

/// Lets every thread of the process run only on the CPUs of `dwProcessAffinityMask`, a
/// nonzero subset of the system's CPUs. `hProcess` must be `GetCurrentProcess()`. Returns
/// nonzero, or 0 with `ERROR_INVALID_PARAMETER` or `ERROR_INVALID_HANDLE`.
#[no_mangle]
pub extern "C" fn SetProcessAffinityMask(
    hProcess: *mut c_void,
    dwProcessAffinityMask: usize,
) -> i32 {
    call(0, || {
        if hProcess as usize != CURRENT_PROCESS {
            return Err(err(codes::ERROR_INVALID_HANDLE));
        }
        thread::set_process_affinity(dwProcessAffinityMask as u64)?;
        Ok(1)
    })
}

/// Records the process's priority class (`IDLE_`, `BELOW_NORMAL_`, `NORMAL_`,
/// `ABOVE_NORMAL_`, `HIGH_`, `REALTIME_PRIORITY_CLASS`; `PROCESS_MODE_BACKGROUND_BEGIN`/`END`
/// are accepted and change nothing). ws2mp does not change the OS priority of the threads
/// (raising it needs privileges POSIX does not give a normal user), as `SetThreadPriority`.
/// `hProcess` must be `GetCurrentProcess()`. Returns nonzero, or 0 with
/// `ERROR_INVALID_PARAMETER` or `ERROR_INVALID_HANDLE`.
#[no_mangle]
pub extern "C" fn SetPriorityClass(hProcess: *mut c_void, dwPriorityClass: u32) -> i32 {
    call(0, || {
        if hProcess as usize != CURRENT_PROCESS {
            return Err(err(codes::ERROR_INVALID_HANDLE));
        }
        thread::set_priority_class(dwPriorityClass)?;
        Ok(1)
    })
}

/// The priority class `SetPriorityClass` last recorded (`NORMAL_PRIORITY_CLASS`, 0x20, at
/// first), or 0 with `ERROR_INVALID_HANDLE` when `hProcess` is not `GetCurrentProcess()`.
#[no_mangle]
pub extern "C" fn GetPriorityClass(hProcess: *mut c_void) -> u32 {
    call(0, || {
        if hProcess as usize != CURRENT_PROCESS {
            return Err(err(codes::ERROR_INVALID_HANDLE));
        }
        Ok(thread::priority_class())
    })
}

/// `S_OK`, `E_INVALIDARG`, `E_OUTOFMEMORY` and `HRESULT_FROM_WIN32(ERROR_INVALID_HANDLE)`.
const S_OK: i32 = 0;
const E_INVALIDARG: i32 = 0x8007_0057_u32 as i32;
const E_OUTOFMEMORY: i32 = 0x8007_000E_u32 as i32;
const E_HANDLE: i32 = 0x8007_0006_u32 as i32;

/// Runs `f` on the thread `hThread` names (`GetCurrentThread()`: the caller) and whether it
/// is the caller; `HRESULT_FROM_WIN32(ERROR_INVALID_HANDLE)` for a handle that is no thread.
fn with_thread(hThread: *mut c_void, f: impl FnOnce(&thread::ThreadState, bool) -> i32) -> i32 {
    let object = match thread_target(hThread) {
        Ok(Some(object)) => object,
        Ok(None) => match thread::current_object_or_new() {
            Ok(object) => object,
            Err(_) => return E_OUTOFMEMORY,
        },
        Err(_) => return E_HANDLE,
    };
    match thread::state(&object) {
        Ok(state) => f(state, state.id() == thread::current_id()),
        Err(_) => E_HANDLE,
    }
}

/// Gives the thread a description (`GetThreadDescription` returns it whole) and names it for
/// debuggers and `ps`: the system keeps the first 15 bytes of its UTF-8 (Linux names any thread
/// of the process; macOS only the caller, so another thread keeps only the description).
/// `S_OK`, `E_INVALIDARG` (a NULL or unreadable text), `HRESULT_FROM_WIN32(ERROR_INVALID_HANDLE)`.
///
/// # Safety
/// `lpThreadDescription` must be NULL or a NUL-terminated UTF-16 string.
#[no_mangle]
pub unsafe extern "C" fn SetThreadDescription(
    hThread: *mut c_void,
    lpThreadDescription: *const u16,
) -> i32 {
    std::panic::catch_unwind(|| {
        let Ok(bytes) = crate::sys::copy_string_from_user(lpThreadDescription.cast(), 2, 32767)
        else {
            return E_INVALIDARG;
        };
        let text: Vec<u16> = bytes
            .chunks_exact(2)
            .map(|c| u16::from_ne_bytes([c[0], c[1]]))
            .collect();
        with_thread(hThread, |state, current| {
            state.set_description(text, current);
            S_OK
        })
    })
    .unwrap_or(E_OUTOFMEMORY)
}

/// The thread's description (`SetThreadDescription`'s text, "" when none was set) as a new
/// UTF-16 string in `*ppszThreadDescription` (free it with `LocalFree`). `S_OK`,
/// `E_INVALIDARG` (a NULL or unwritable output), `E_OUTOFMEMORY`,
/// `HRESULT_FROM_WIN32(ERROR_INVALID_HANDLE)`.
///
/// # Safety
/// `ppszThreadDescription` must be NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn GetThreadDescription(
    hThread: *mut c_void,
    ppszThreadDescription: *mut *mut u16,
) -> i32 {
    std::panic::catch_unwind(|| {
        with_thread(hThread, |state, _| {
            let bytes: Vec<u8> = state
                .description()
                .iter()
                .chain([&0u16])
                .flat_map(|u| u.to_ne_bytes())
                .collect();
            // SAFETY: a fresh allocation the program frees with LocalFree (free).
            let block = unsafe { libc::malloc(bytes.len()) }.cast::<u8>();
            if block.is_null() {
                return E_OUTOFMEMORY;
            }
            // SAFETY: `block` holds `bytes.len()` bytes.
            unsafe { std::ptr::copy_nonoverlapping(bytes.as_ptr(), block, bytes.len()) };
            if super::write_out(ppszThreadDescription.cast::<usize>(), block as usize).is_err() {
                // SAFETY: `block` came from malloc above and was not handed out.
                unsafe { libc::free(block.cast()) };
                return E_INVALIDARG;
            }
            S_OK
        })
    })
    .unwrap_or(E_OUTOFMEMORY)
}

//! Win32 handles: `CloseHandle`, `DuplicateHandle`, `WaitForSingleObject(Ex)`,
//! `WaitForMultipleObjects(Ex)`, `SignalObjectAndWait`.
//!
//! A `HANDLE` names an event (`CreateEvent` or `WSACreateEvent`: the same objects), a thread,
//! a mutex or a semaphore. Win32 errors share the thread's last-error slot with Winsock
//! (`GetLastError` is `WSAGetLastError`).

use super::call;
use crate::error::{WsaError, WsaResult};
use crate::handle::wait::{self, WaitOutcome, WAIT_ABANDONED_0};
use crate::handle::{self, codes, err, table, thread};
use crate::winsock::{WSA_WAIT_FAILED, WSA_WAIT_IO_COMPLETION, WSA_WAIT_TIMEOUT};
use std::os::raw::c_void;

/// Closes a handle of any kind (event, thread, mutex, semaphore). The object lives on while
/// other handles name it (or, for a thread, while it runs). Closing a pseudo-handle
/// (`GetCurrentThread()`, `GetCurrentProcess()`) does nothing and succeeds, as on Windows.
///
/// Returns TRUE, or FALSE with `ERROR_INVALID_HANDLE` (NULL, a closed or unknown handle, a
/// socket: close sockets with `closesocket`).
#[no_mangle]
pub extern "C" fn CloseHandle(hObject: *mut c_void) -> i32 {
    call(0, || {
        let h = hObject as usize;
        if handle::is_pseudo(h)
            || handle::console::std_fd(h).is_some()
            || handle::file::close(h)
            || crate::named_pipe::close(h)
        {
            return Ok(1);
        }
        table::close(h)?;
        Ok(1)
    })
}

/// `DUPLICATE_CLOSE_SOURCE`.
const DUPLICATE_CLOSE_SOURCE: u32 = 0x1;

/// Opens a second handle to the object `hSourceHandle` names, within this process (both
/// process handles must be `GetCurrentProcess()`). `GetCurrentThread()` duplicates into a real
/// handle to the calling thread (signalled when it ends), the classic way to hand one's own
/// thread handle to another thread. A file or pipe handle (or a standard handle) duplicates
/// into a file handle on a second descriptor of the same open file (`CreateProcess`'s
/// `STARTUPINFO` takes it; the position is shared). `DUPLICATE_CLOSE_SOURCE` closes the source
/// handle. Access rights and inheritance are ignored.
///
/// Returns TRUE, or FALSE with `ERROR_INVALID_HANDLE` (a bad source handle, or a process
/// handle other than the current process) or `ERROR_INVALID_PARAMETER` (NULL
/// `lpTargetHandle`).
///
/// # Safety
/// `lpTargetHandle` must be NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn DuplicateHandle(
    hSourceProcessHandle: *mut c_void,
    hSourceHandle: *mut c_void,
    hTargetProcessHandle: *mut c_void,
    lpTargetHandle: *mut *mut c_void,
    dwDesiredAccess: u32,
    bInheritHandle: i32,
    dwOptions: u32,
) -> i32 {
    let _ = (dwDesiredAccess, bInheritHandle);
    call(0, || {
        let me = thread::CURRENT_PROCESS;
        if hSourceProcessHandle as usize != me || hTargetProcessHandle as usize != me {
            return Err(err(codes::ERROR_INVALID_HANDLE));
        }
        let source = hSourceHandle as usize;
        if let Some(copy) = handle::file::duplicate(source) {
            let copy = copy?;
            // SAFETY: caller guarantee.
            let Some(out) = (unsafe { lpTargetHandle.as_mut() }) else {
                handle::file::close(copy);
                return Err(err(codes::ERROR_INVALID_PARAMETER));
            };
            *out = copy as *mut c_void;
            if dwOptions & DUPLICATE_CLOSE_SOURCE != 0 {
                handle::file::close(source);
            }
            return Ok(1);
        }
        let object = match source {
            thread::CURRENT_THREAD => thread::current_object_or_new()?,
            _ => table::get(source)?,
        };
        // SAFETY: caller guarantee.
        let out = unsafe { lpTargetHandle.as_mut() }.ok_or(err(codes::ERROR_INVALID_PARAMETER))?;
        *out = table::insert(object, false)? as *mut c_void;
        if dwOptions & DUPLICATE_CLOSE_SOURCE != 0 && !handle::is_pseudo(source) {
            table::close(source)?;
        }
        Ok(1)
    })
}

/// What a wait names: a table handle, or a socket (`(HANDLE)s`), whose own event each
/// overlapped operation on it resets when it starts and one without an `hEvent` sets when it
/// completes (`crate::overlapped::handle_object`). The flag: a table handle.
pub(crate) fn wait_target(h: usize) -> WsaResult<(std::sync::Arc<handle::Object>, bool)> {
    match handle::lookup(h) {
        Ok(o) => Ok((o, true)),
        Err(e) => {
            let socket = i32::try_from(h)
                .ok()
                .and_then(crate::socket::registry::get)
                .ok_or(e)?;
            Ok((crate::overlapped::handle_object(&socket)?, false))
        }
    }
}

fn outcome(o: WaitOutcome) -> u32 {
    match o {
        WaitOutcome::Signalled(i) => i as u32,
        WaitOutcome::Abandoned(i) => WAIT_ABANDONED_0 + i as u32,
        WaitOutcome::Timeout => WSA_WAIT_TIMEOUT,
        WaitOutcome::IoCompletion => WSA_WAIT_IO_COMPLETION,
    }
}

/// Waits until the object is signalled or `dwMilliseconds` pass (`INFINITE`: forever).
/// A wait takes what it waits for: an auto-reset event's signal, a mutex (recursively), one
/// count of a semaphore; manual-reset events and ended threads stay signalled. Sockets selected
/// to an event are serviced by the waiting thread itself while it waits. A socket (`(HANDLE)s`)
/// is signalled once an overlapped operation on it without an `hEvent` completed, until the
/// next one starts (a file object's event).
///
/// Returns `WAIT_OBJECT_0`, `WAIT_ABANDONED` (a mutex whose owner thread ended without
/// releasing it; the caller now owns it), `WAIT_TIMEOUT`, or `WAIT_FAILED` with
/// `ERROR_INVALID_HANDLE` (not an open handle, or closed during the wait).
#[no_mangle]
pub extern "C" fn WaitForSingleObject(hHandle: *mut c_void, dwMilliseconds: u32) -> u32 {
    call(WSA_WAIT_FAILED, || {
        Ok(outcome(wait::wait_ex(
            &[hHandle as usize],
            false,
            dwMilliseconds,
            false,
            wait_target,
        )?))
    })
}

/// `WaitForSingleObject`, alertable if `bAlertable` is TRUE: if the object cannot be taken and
/// APCs are queued to the calling thread (`QueueUserAPC`, overlapped completion routines), or
/// get queued during the wait, the thread runs them all, in the order they were queued, and
/// the call returns `WAIT_IO_COMPLETION` (0xC0) without taking the object. An object that can
/// be taken wins: the call returns `WAIT_OBJECT_0` and the APCs stay queued, as on Windows.
/// With `bAlertable` FALSE, queued APCs are neither run nor noticed.
#[no_mangle]
pub extern "C" fn WaitForSingleObjectEx(
    hHandle: *mut c_void,
    dwMilliseconds: u32,
    bAlertable: i32,
) -> u32 {
    call(WSA_WAIT_FAILED, || {
        Ok(outcome(wait::wait_ex(
            &[hHandle as usize],
            false,
            dwMilliseconds,
            bAlertable != 0,
            wait_target,
        )?))
    })
}

/// Waits until one (`bWaitAll` FALSE: the lowest-indexed one that can be taken) or all (TRUE:
/// all at once, atomically) of 1–64 objects are signalled, or `dwMilliseconds` pass. Events,
/// threads, mutexes and semaphores mix freely, and sockets selected to the events are serviced
/// by the waiting thread itself.
///
/// Returns `WAIT_OBJECT_0 + i`, `WAIT_ABANDONED_0 + i`, `WAIT_TIMEOUT`, or `WAIT_FAILED` with
/// `ERROR_INVALID_PARAMETER` (count 0 or above `MAXIMUM_WAIT_OBJECTS` = 64, NULL array, the
/// same object twice with `bWaitAll`) or `ERROR_INVALID_HANDLE` (also for the pseudo-handles
/// `GetCurrentProcess()` and `GetCurrentThread()`, as on Windows).
///
/// # Safety
/// `lpHandles` must be NULL or readable for `nCount` handles.
#[no_mangle]
pub unsafe extern "C" fn WaitForMultipleObjects(
    nCount: u32,
    lpHandles: *const *mut c_void,
    bWaitAll: i32,
    dwMilliseconds: u32,
) -> u32 {
    call(WSA_WAIT_FAILED, || {
        // SAFETY: caller guarantee (lpHandles NULL or readable for nCount handles).
        let (handles, n) = unsafe { handle_array(lpHandles, nCount) }?;
        let handles = &handles[..n];
        Ok(outcome(wait::wait_ex(
            handles,
            bWaitAll != 0,
            dwMilliseconds,
            false,
            wait_target,
        )?))
    })
}

/// The handle array of a multiple-object wait, copied: `WSA_INVALID_PARAMETER` for a NULL
/// array or a count outside 1..=64, `ERROR_INVALID_HANDLE` for the pseudo-handles
/// (`GetCurrentProcess()`, `GetCurrentThread()`), which Windows refuses here although
/// `WaitForSingleObject` takes them. Returns the copy and the count.
///
/// # Safety
/// `ptr` must be NULL or readable for `count` handles.
unsafe fn handle_array(ptr: *const *mut c_void, count: u32) -> WsaResult<([usize; 64], usize)> {
    if ptr.is_null() || count == 0 || count > 64 {
        return Err(WsaError::WSA_INVALID_PARAMETER);
    }
    // SAFETY: caller guarantee; count checked to be 1..=64.
    let raw = unsafe { std::slice::from_raw_parts(ptr, count as usize) };
    let mut handles = [0usize; 64];
    for (d, s) in handles.iter_mut().zip(raw) {
        *d = *s as usize;
        if handle::is_pseudo(*d) {
            return Err(err(codes::ERROR_INVALID_HANDLE));
        }
    }
    Ok((handles, raw.len()))
}

/// `WaitForMultipleObjects`, alertable if `bAlertable` is TRUE (as `WaitForSingleObjectEx`:
/// queued APCs run and the call returns `WAIT_IO_COMPLETION` when the wait is not satisfied
/// at once; with `bWaitAll`, only all the objects together satisfy it).
///
/// # Safety
/// `lpHandles` must be NULL or readable for `nCount` handles.
#[no_mangle]
pub unsafe extern "C" fn WaitForMultipleObjectsEx(
    nCount: u32,
    lpHandles: *const *mut c_void,
    bWaitAll: i32,
    dwMilliseconds: u32,
    bAlertable: i32,
) -> u32 {
    call(WSA_WAIT_FAILED, || {
        // SAFETY: caller guarantee (lpHandles NULL or readable for nCount handles).
        let (handles, n) = unsafe { handle_array(lpHandles, nCount) }?;
        let handles = &handles[..n];
        Ok(outcome(wait::wait_ex(
            handles,
            bWaitAll != 0,
            dwMilliseconds,
            bAlertable != 0,
            wait_target,
        )?))
    })
}

/// Signals one object and waits on another: sets an event (`SetEvent`), releases a mutex
/// (`ReleaseMutex`) or adds one to a semaphore (`ReleaseSemaphore(h, 1)`), then waits on
/// `hObjectToWaitOn` as `WaitForSingleObjectEx` does (alertable if `bAlertable`). The classic
/// use hands a turn to another thread and waits for it to hand it back.
///
/// Returns `WAIT_OBJECT_0`, `WAIT_ABANDONED`, `WAIT_IO_COMPLETION`, `WAIT_TIMEOUT`, or
/// `WAIT_FAILED` with `ERROR_INVALID_HANDLE` (either handle bad, or the object to signal is
/// not an event, mutex or semaphore: nothing is signalled), `ERROR_NOT_OWNER` (a mutex the
/// caller does not own) or `ERROR_TOO_MANY_POSTS` (a semaphore at its maximum); after a failed
/// signal nothing is waited on. The signal and the start of the wait are two steps, not one
/// atomic step as on Windows: a thread woken by the signal may act before this thread waits
/// (it still finds what it signals back: objects keep their state).
#[no_mangle]
pub extern "C" fn SignalObjectAndWait(
    hObjectToSignal: *mut c_void,
    hObjectToWaitOn: *mut c_void,
    dwMilliseconds: u32,
    bAlertable: i32,
) -> u32 {
    call(WSA_WAIT_FAILED, || {
        let to_signal = table::get(hObjectToSignal as usize)?;
        wait_target(hObjectToWaitOn as usize)?;
        handle::sync::signal(&to_signal)?;
        Ok(outcome(wait::wait_ex(
            &[hObjectToWaitOn as usize],
            false,
            dwMilliseconds,
            bAlertable != 0,
            wait_target,
        )?))
    })
}

/// `HANDLE_FLAG_INHERIT`.
const HANDLE_FLAG_INHERIT: u32 = 0x1;
/// `HANDLE_FLAG_PROTECT_FROM_CLOSE`.
const HANDLE_FLAG_PROTECT_FROM_CLOSE: u32 = 0x2;

/// The descriptor of a socket given as a handle, when `h` is one of ws2mp's sockets.
fn socket_fd(h: usize) -> Option<i32> {
    super::socket(h as super::types::SOCKET)
        .ok()
        .map(|s| s.fd())
}

/// Sets the flags in `dwMask` to those in `dwFlags`. On a socket, `HANDLE_FLAG_INHERIT` is
/// whether the descriptor survives `exec` (a child started with `fork`+`exec` keeps it), the
/// way servers keep their sockets out of the processes they start; other handles (events,
/// threads, the standard handles, files and pipes) are process-local here and accept the
/// call without effect, and `HANDLE_FLAG_PROTECT_FROM_CLOSE` is accepted and not enforced. Returns TRUE, or FALSE
/// with `ERROR_INVALID_HANDLE` (not a handle) or `ERROR_INVALID_PARAMETER` (unknown flags).
#[no_mangle]
pub extern "C" fn SetHandleInformation(hObject: *mut c_void, dwMask: u32, dwFlags: u32) -> i32 {
    call(0, || {
        let h = hObject as usize;
        if dwMask & !(HANDLE_FLAG_INHERIT | HANDLE_FLAG_PROTECT_FROM_CLOSE) != 0 {
            return Err(err(codes::ERROR_INVALID_PARAMETER));
        }
        if let Some(fd) = socket_fd(h) {
            if dwMask & HANDLE_FLAG_INHERIT != 0 {
                crate::sys::set_inheritable(fd, dwFlags & HANDLE_FLAG_INHERIT != 0)
                    .map_err(|_| err(codes::ERROR_INVALID_HANDLE))?;
            }
            return Ok(1);
        }
        if handle::is_pseudo(h)
            || handle::console::std_fd(h).is_some()
            || handle::file::fd_of(h).is_some()
            || crate::named_pipe::lookup(h).is_some()
        {
            return Ok(1);
        }
        handle::lookup(h)?;
        Ok(1)
    })
}

/// The handle's flags: `HANDLE_FLAG_INHERIT` when a socket survives `exec`; 0 for other
/// handles. Returns TRUE, or FALSE with `ERROR_INVALID_HANDLE` or `ERROR_NOACCESS` (NULL
/// `lpdwFlags`).
///
/// # Safety
/// `lpdwFlags` must be NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn GetHandleInformation(hObject: *mut c_void, lpdwFlags: *mut u32) -> i32 {
    call(0, || {
        let h = hObject as usize;
        let flags = if let Some(fd) = socket_fd(h) {
            match crate::sys::inheritable(fd) {
                Ok(true) => HANDLE_FLAG_INHERIT,
                Ok(false) => 0,
                Err(_) => return Err(err(codes::ERROR_INVALID_HANDLE)),
            }
        } else if handle::is_pseudo(h)
            || handle::console::std_fd(h).is_some()
            || handle::file::fd_of(h).is_some()
            || crate::named_pipe::lookup(h).is_some()
        {
            0
        } else {
            handle::lookup(h)?;
            0
        };
        // SAFETY: caller guarantee.
        match unsafe { lpdwFlags.as_mut() } {
            Some(out) => *out = flags,
            None => return Err(err(codes::ERROR_NOACCESS)),
        }
        Ok(1)
    })
}

//! `ReadFile`, `WriteFile`, `ReadFileEx`, `WriteFileEx` on the handles ws2mp knows: sockets
//! (`(HANDLE)s`) and the standard handles of `GetStdHandle`. There are no files.
//!
//! On a socket, `ReadFile` is `WSARecv` with one buffer and no flags and `WriteFile` is
//! `WSASend` with one buffer (the same checks, the same overlapped submission: event, port or
//! completion routine), reported the Win32 way: a BOOL, `GetLastError()` a Win32 error
//! (`ERROR_IO_PENDING`, `ERROR_NETNAME_DELETED` for a reset connection, `ERROR_MORE_DATA` for a
//! truncated datagram, `ERROR_NOACCESS` for memory the program cannot use). A standard
//! handle reads from descriptor 0 or writes to 1 or 2, synchronously.
//!
//! A handle value is a socket only when it is a descriptor the socket registry holds; the
//! standard handles are above `INT_MAX` and ws2mp's other handles (events, threads, ports)
//! are not files at all (`ERROR_INVALID_HANDLE`), so neither is ever taken for the other.

use super::call;
use super::io::{receive_from, send_from};
use super::overlapped::socket_handle;
use super::types::{LPOVERLAPPED_COMPLETION_ROUTINE, SOCKET, WSABUF, WSAOVERLAPPED};
use crate::error::{WsaError, WsaResult};
use crate::handle::{codes, console, err};
use crate::overlapped::{status, Routine};
use std::os::raw::c_void;

/// `ERROR_MORE_DATA`: a datagram longer than the buffer (the buffer holds its start).
const ERROR_MORE_DATA: i32 = 234;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Way {
    Read,
    Write,
}

/// The Win32 error a Winsock error of a socket read or write is reported as (the mapping of
/// `GetOverlappedResult`, through the operation's NTSTATUS): `WSAECONNRESET` is
/// `ERROR_NETNAME_DELETED`, `WSAEFAULT` `ERROR_NOACCESS`, `WSA_IO_PENDING` `ERROR_IO_PENDING`
/// (the same number), ...; an error without an NTSTATUS of its own keeps its Winsock code.
fn win32_error(e: WsaError) -> WsaError {
    status::to_win32(status::from_error(Some(e))).unwrap_or(e)
}

/// The engine's form of a `ReadFileEx`/`WriteFileEx` completion routine: the program's
/// function with the Win32 error, the byte count and the `OVERLAPPED`.
fn file_routine(
    f: unsafe extern "C" fn(u32, u32, *mut WSAOVERLAPPED),
    ov: *mut WSAOVERLAPPED,
) -> Routine {
    let ov = ov as usize;
    Box::new(move |error, bytes, _flags| {
        let code = match error {
            0 => 0,
            e => win32_error(WsaError(e as i32)).0 as u32,
        };
        // SAFETY: the program's completion routine, called as Windows calls it, on the thread
        // that issued the operation, during an alertable wait.
        unsafe { f(code, bytes, ov as *mut WSAOVERLAPPED) }
    })
}

/// The body of the four calls. Writes 0 to `*count` first (as Windows does), then the bytes
/// transferred when the call completes at once (or, without an `OVERLAPPED`, a truncated
/// datagram's). `Err(ERROR_IO_PENDING)` when the operation was left pending.
///
/// # Safety
/// `buf` must be valid for `len` bytes (writable to read into) until the operation completes;
/// `count` NULL or writable; `ov` NULL or the program's `OVERLAPPED`, left alone until the
/// completion is posted.
unsafe fn transfer(
    way: Way,
    handle: *mut c_void,
    (buf, len): (*mut c_void, u32),
    count: *mut u32,
    (ov, routine): (*mut WSAOVERLAPPED, Option<Routine>),
) -> WsaResult<i32> {
    let report = |n: u32| {
        if count.is_null() {
            Ok(())
        } else {
            super::write_out(count, n).map_err(|_| err(codes::ERROR_NOACCESS))
        }
    };
    report(0)?;
    let h = handle as usize;
    let sock = match console::std_fd(h) {
        Some(_) => None,
        None => Some(socket_handle(handle)?),
    };
    if buf.is_null() && len > 0 {
        return Err(err(codes::ERROR_NOACCESS));
    }
    let Some(sock) = sock else {
        if !ov.is_null() {
            return Err(err(codes::ERROR_INVALID_PARAMETER));
        }
        let n = match (way, len) {
            (_, 0) => 0,
            // SAFETY: caller guarantee: `buf` is writable for `len` bytes (checked non-NULL);
            // only the kernel touches it.
            (Way::Read, _) => console::read(h, unsafe {
                std::slice::from_raw_parts_mut(buf.cast::<u8>(), len as usize)
            })?,
            (Way::Write, _) => {
                // SAFETY: as above, readable.
                console::write(h, unsafe {
                    std::slice::from_raw_parts(buf.cast::<u8>(), len as usize)
                })?;
                len as usize
            }
        };
        report(n as u32)?;
        return Ok(1);
    };
    let wsabuf = WSABUF {
        len,
        buf: buf.cast(),
    };
    let mut done = 0u32;
    let mut flags = 0u32;
    // SAFETY: forwarded caller guarantees; `wsabuf`, `done` and `flags` are ours and outlive
    // the call (the engine copies the buffer list).
    let result = unsafe {
        match way {
            Way::Read => receive_from(
                sock.fd() as SOCKET,
                &wsabuf,
                1,
                &mut done,
                &mut flags,
                (std::ptr::null_mut(), std::ptr::null_mut()),
                (ov, routine),
                true,
            ),
            Way::Write => send_from(
                sock,
                (&wsabuf, 1),
                &mut done,
                0,
                (std::ptr::null(), 0),
                (ov, routine),
            ),
        }
    };
    match result {
        Ok(_) => {
            report(done)?;
            Ok(1)
        }
        Err(WsaError::WSAEMSGSIZE) if ov.is_null() => {
            report(done)?;
            Err(err(ERROR_MORE_DATA))
        }
        Err(e) => Err(win32_error(e)),
    }
}

/// Reads from socket `hFile` (`(HANDLE)s`) as `WSARecv` with one buffer and no flags, or from
/// standard input (`GetStdHandle(STD_INPUT_HANDLE)`). `*lpNumberOfBytesRead` (may be NULL) is
/// set to 0 first.
///
/// - Without `lpOverlapped`: waits for data (a non-blocking socket fails with
///   `WSAEWOULDBLOCK` as its error instead); TRUE with the bytes read, 0 when the peer closed
///   the connection (end of stream).
/// - With `lpOverlapped` (sockets only): TRUE with the count when the read completes at once
///   (its completion is still posted: event, port), or FALSE with `ERROR_IO_PENDING`; then
///   `GetOverlappedResult`, the event or the completion port report it.
///
/// Errors (`GetLastError`): `ERROR_INVALID_HANDLE` (6: not a socket or a standard handle;
/// ws2mp provides no files), `ERROR_NOACCESS` (998: NULL buffer with a length, or memory the
/// program cannot use), `ERROR_MORE_DATA` (234: a datagram longer than the buffer, which holds
/// its start), `ERROR_NETNAME_DELETED` (64: connection reset), `ERROR_INVALID_PARAMETER` (an
/// `OVERLAPPED` with a standard handle), or the Winsock error of the receive where Windows has
/// no other (`WSAENOTCONN`, `WSAESHUTDOWN`, `WSAEWOULDBLOCK`, ...).
///
/// # Safety
/// `lpBuffer` must be writable for `nNumberOfBytesToRead` bytes until the read completes;
/// `lpNumberOfBytesRead` NULL or writable; `lpOverlapped` NULL or the program's `OVERLAPPED`.
#[no_mangle]
pub unsafe extern "C" fn ReadFile(
    hFile: *mut c_void,
    lpBuffer: *mut c_void,
    nNumberOfBytesToRead: u32,
    lpNumberOfBytesRead: *mut u32,
    lpOverlapped: *mut WSAOVERLAPPED,
) -> i32 {
    call(0, || {
        // SAFETY: forwarded caller guarantees.
        unsafe {
            transfer(
                Way::Read,
                hFile,
                (lpBuffer, nNumberOfBytesToRead),
                lpNumberOfBytesRead,
                (lpOverlapped, None),
            )
        }
    })
}

/// Writes to socket `hFile` (`(HANDLE)s`) as `WSASend` with one buffer and no flags, or to
/// standard output or error (`GetStdHandle`). `*lpNumberOfBytesWritten` (may be NULL) is set
/// to 0 first.
///
/// - Without `lpOverlapped`: TRUE once every byte has been handed to the system, with their
///   number.
/// - With `lpOverlapped` (sockets only): TRUE with the count when the write completes at once
///   (its completion is still posted), or FALSE with `ERROR_IO_PENDING`.
///
/// Errors: as `ReadFile` (`ERROR_NETNAME_DELETED` for a reset connection; `WSAENOTCONN`,
/// `WSAESHUTDOWN`, ... where Windows has no other Win32 error).
///
/// # Safety
/// `lpBuffer` must be readable for `nNumberOfBytesToWrite` bytes until the write completes;
/// `lpNumberOfBytesWritten` NULL or writable; `lpOverlapped` NULL or the program's
/// `OVERLAPPED`.
#[no_mangle]
pub unsafe extern "C" fn WriteFile(
    hFile: *mut c_void,
    lpBuffer: *const c_void,
    nNumberOfBytesToWrite: u32,
    lpNumberOfBytesWritten: *mut u32,
    lpOverlapped: *mut WSAOVERLAPPED,
) -> i32 {
    call(0, || {
        // SAFETY: forwarded caller guarantees (the buffer is only read).
        unsafe {
            transfer(
                Way::Write,
                hFile,
                (lpBuffer.cast_mut(), nNumberOfBytesToWrite),
                lpNumberOfBytesWritten,
                (lpOverlapped, None),
            )
        }
    })
}

/// `ReadFileEx`/`WriteFileEx`: an overlapped transfer whose completion runs `routine` on the
/// calling thread in an alertable wait. TRUE when it completed at once or is pending.
///
/// # Safety
/// As `ReadFile` / `WriteFile`.
unsafe fn transfer_ex(
    way: Way,
    handle: *mut c_void,
    buffer: (*mut c_void, u32),
    ov: *mut WSAOVERLAPPED,
    routine: LPOVERLAPPED_COMPLETION_ROUTINE,
) -> i32 {
    call(0, || {
        let (Some(f), false) = (routine, ov.is_null()) else {
            return Err(err(codes::ERROR_INVALID_PARAMETER));
        };
        let routine = Some(file_routine(f, ov));
        // SAFETY: forwarded caller guarantees.
        match unsafe { transfer(way, handle, buffer, std::ptr::null_mut(), (ov, routine)) } {
            Err(WsaError::WSA_IO_PENDING) => Ok(1),
            other => other,
        }
    })
}

/// Starts an overlapped read from socket `hFile` into `lpBuffer` (as `ReadFile` with
/// `lpOverlapped`) whose completion calls `lpCompletionRoutine(dwErrorCode,
/// dwNumberOfBytesTransfered, lpOverlapped)` on the calling thread during an alertable wait
/// (`SleepEx`, `WaitForSingleObjectEx`, ... with `bAlertable` TRUE), with a Win32 error code
/// (`ERROR_OPERATION_ABORTED` when cancelled or the socket closed, `ERROR_NETNAME_DELETED`,
/// `ERROR_MORE_DATA`, ...). The `OVERLAPPED`'s `hEvent` is not used (the program may keep its
/// own data there), and no completion packet is queued to a port.
///
/// Returns TRUE when the read completed at once (the routine still runs) or is pending; FALSE
/// with `ERROR_INVALID_PARAMETER` (NULL `lpOverlapped` or, unlike Windows, which would call
/// it, NULL `lpCompletionRoutine`; a standard handle) or an error of `ReadFile`.
///
/// # Safety
/// As `ReadFile`; the routine must stay callable until it has run.
#[no_mangle]
pub unsafe extern "C" fn ReadFileEx(
    hFile: *mut c_void,
    lpBuffer: *mut c_void,
    nNumberOfBytesToRead: u32,
    lpOverlapped: *mut WSAOVERLAPPED,
    lpCompletionRoutine: LPOVERLAPPED_COMPLETION_ROUTINE,
) -> i32 {
    // SAFETY: forwarded caller guarantees.
    unsafe {
        transfer_ex(
            Way::Read,
            hFile,
            (lpBuffer, nNumberOfBytesToRead),
            lpOverlapped,
            lpCompletionRoutine,
        )
    }
}

/// Starts an overlapped write of `lpBuffer` to socket `hFile` whose completion calls
/// `lpCompletionRoutine` on the calling thread during an alertable wait. As `ReadFileEx`.
///
/// # Safety
/// As `WriteFile`; the routine must stay callable until it has run.
#[no_mangle]
pub unsafe extern "C" fn WriteFileEx(
    hFile: *mut c_void,
    lpBuffer: *const c_void,
    nNumberOfBytesToWrite: u32,
    lpOverlapped: *mut WSAOVERLAPPED,
    lpCompletionRoutine: LPOVERLAPPED_COMPLETION_ROUTINE,
) -> i32 {
    // SAFETY: forwarded caller guarantees (the buffer is only read).
    unsafe {
        transfer_ex(
            Way::Write,
            hFile,
            (lpBuffer.cast_mut(), nNumberOfBytesToWrite),
            lpOverlapped,
            lpCompletionRoutine,
        )
    }
}

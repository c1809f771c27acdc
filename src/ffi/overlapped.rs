//! Overlapped I/O at the ABI boundary: turning a `WSABUF` array and a completion routine into
//! the engine's typed values, submitting, and the result calls (`WSAGetOverlappedResult`,
//! `GetOverlappedResult`), cancellation (`CancelIo`, `CancelIoEx`) and
//! `SetFileCompletionNotificationModes`.
//!
//! A `HANDLE` given to the Win32 calls here names a socket (`(HANDLE)s`), as on Windows.

use super::types::{LPWSAOVERLAPPED_COMPLETION_ROUTINE, SOCKET, WSABUF, WSAOVERLAPPED};
use super::{call, call_ok, socket};
use crate::error::{WsaError, WsaResult};
use crate::handle::{codes, err};
use crate::overlapped::{self, status, AttemptFn, Cancel, Direction, Request, Routine, Submitted};
use crate::socket::Socket;
use crate::sys::userbuf::{ReceiveTarget, UserBufs, UserOverlapped};
use std::os::raw::c_void;
use std::sync::Arc;

/// Copies a WSABUF array for an operation that may outlive the call. NULL array, a NULL
/// buffer with a length → `WSAEFAULT`; more than 1024 buffers → `WSAENOBUFS`.
///
/// # Safety
/// `bufs` must be NULL or readable for `count` WSABUFs whose buffers stay valid until the
/// operation completes (the program's promise to Windows).
pub(crate) unsafe fn user_bufs(bufs: *const WSABUF, count: u32) -> WsaResult<UserBufs> {
    if bufs.is_null() {
        return Err(WsaError::WSAEFAULT);
    }
    if count as usize > 1024 {
        return Err(WsaError::WSAENOBUFS);
    }
    // The array through a checked copy: unreadable memory is WSAEFAULT, never a crash. A
    // short list (the usual one or two buffers) is copied to the stack, not the heap.
    const EMPTY: WSABUF = WSABUF {
        len: 0,
        buf: std::ptr::null_mut(),
    };
    let mut short = [EMPTY; 8];
    let mut long = Vec::new();
    let list: &mut [WSABUF] = if count as usize <= short.len() {
        &mut short[..count as usize]
    } else {
        long.resize(count as usize, EMPTY);
        &mut long
    };
    super::read_array(bufs, list)?;
    if list.iter().any(|b| b.buf.is_null() && b.len > 0) {
        return Err(WsaError::WSAEFAULT);
    }
    // SAFETY: forwarded caller guarantee.
    Ok(unsafe { UserBufs::new(list.iter().map(|b| (b.buf.cast::<u8>(), b.len as usize))) })
}

/// The engine's form of a completion routine: calls the program's function with the
/// operation's `WSAOVERLAPPED`.
pub(crate) fn routine_of(
    routine: LPWSAOVERLAPPED_COMPLETION_ROUTINE,
    ov: *mut WSAOVERLAPPED,
) -> Option<Routine> {
    let f = routine?;
    let ov = ov as usize;
    Some(Box::new(move |error, bytes, flags| {
        // SAFETY: the program's completion routine, called as Windows calls it, on the thread
        // that issued the operation, during an alertable wait.
        unsafe { f(error, bytes, ov as *mut WSAOVERLAPPED, flags) }
    }))
}

/// Submits an overlapped operation for an exported call (`routine`: the engine's form of its
/// completion routine, [`routine_of`] for Winsock's; `kernel`: the buffer of a receive the
/// kernel may perform itself, see `overlapped::Request`) and writes what a call that
/// completes at once reports (`*count`, `*flags`; either may be NULL). Returns 0, or the
/// error (`WSA_IO_PENDING` when left pending).
///
/// A socket created without `WSA_FLAG_OVERLAPPED` (`WSASocket` with flags 0, or `socket` with
/// a nonzero `SO_OPENTYPE`) never leaves an operation pending: as on Windows, the call waits
/// until the operation completes — even on a non-blocking socket — and returns its result,
/// with the `WSAOVERLAPPED` (status, byte count, `hEvent`) completed as well.
pub(crate) fn start(
    sock: Arc<Socket>,
    ov: *mut WSAOVERLAPPED,
    routine: Option<Routine>,
    direction: Direction,
    (attempt, kernel): (AttemptFn, Option<ReceiveTarget>),
    count: *mut u32,
    flags: *mut u32,
) -> WsaResult<i32> {
    let synchronous = !sock.is_overlapped();
    let request = Request {
        socket: sock,
        overlapped: ov as usize,
        routine,
        direction,
        attempt,
        kernel,
        synchronous,
    };
    let write = |bytes: u32, f: u32| {
        if !count.is_null() {
            // SAFETY: the program's output pointer (non-NULL).
            let _ = crate::sys::copy_to_user(count.cast(), &bytes.to_ne_bytes());
        }
        if !flags.is_null() {
            // SAFETY: the program's output pointer (non-NULL).
            let _ = crate::sys::copy_to_user(flags.cast(), &f.to_ne_bytes());
        }
    };
    match overlapped::submit(request) {
        Ok(Submitted::Done(t)) => {
            write(t.bytes, t.flags);
            Ok(0)
        }
        Ok(Submitted::Pending) if synchronous => {
            let o = UserOverlapped::probe(ov as usize).ok_or(WsaError::WSAEFAULT)?;
            overlapped::wait_for(o, None);
            overlapped::finish_synchronous(o);
            match status::to_winsock(o.status()) {
                None => {
                    write(o.bytes(), 0);
                    Ok(0)
                }
                Some(e) => {
                    if e == WsaError::WSAEMSGSIZE {
                        write(o.bytes(), 0);
                    }
                    Err(e)
                }
            }
        }
        Ok(Submitted::Pending) => Err(WsaError::WSA_IO_PENDING),
        Err(e) => {
            if e == WsaError::WSAEMSGSIZE {
                if let Some(o) = UserOverlapped::probe(ov as usize) {
                    write(o.bytes(), 0);
                }
            }
            Err(e)
        }
    }
}

/// Posts the completion of an operation the call finished itself (an overlapped `WSAIoctl`):
/// `bytes` transferred, success, or the failure `error`.
pub(crate) fn post_at_once(
    sock: &Arc<Socket>,
    ov: *mut WSAOVERLAPPED,
    routine: LPWSAOVERLAPPED_COMPLETION_ROUTINE,
    bytes: u32,
    error: Option<WsaError>,
) -> WsaResult<()> {
    overlapped::post_at_once(sock, ov as usize, routine_of(routine, ov), bytes, error)
}

/// The result of an operation, waiting for it with `wait`: `Ok(bytes)` or the status.
fn result_of(ov: *mut WSAOVERLAPPED, wait: bool) -> WsaResult<(u32, u32)> {
    let o = UserOverlapped::probe(ov as usize).ok_or(WsaError::WSAEFAULT)?;
    if o.status() == status::STATUS_PENDING && !(wait && overlapped::wait_for(o, None)) {
        return Err(WsaError::WSA_IO_INCOMPLETE);
    }
    Ok((o.status(), o.bytes()))
}

/// Reports the result of an overlapped operation on socket `s`: TRUE when it succeeded,
/// with the bytes transferred in `*lpcbTransfer` and its flags in `*lpdwFlags`; FALSE with
/// the operation's error (`WSA_OPERATION_ABORTED` when cancelled or the socket was closed,
/// `WSAEMSGSIZE` with the truncated count, `WSAECONNRESET`, ...). `fWait` TRUE waits for the
/// operation to finish; FALSE reports `WSA_IO_INCOMPLETE` while it is pending.
///
/// `Internal` is read as Windows reads it: any success status but `STATUS_PENDING` is TRUE,
/// each network NTSTATUS has its Winsock error, an error status without one is `WSAEINVAL`
/// (`overlapped::status`).
///
/// A NULL `lpdwFlags` is accepted (the documentation forbids it, but Windows still reports the
/// byte count and the operation's result, and programs that do not want the flags pass NULL).
///
/// Other errors: `WSAEFAULT` (NULL or unmapped `lpOverlapped`, NULL `lpcbTransfer`),
/// `WSAENOTSOCK`, `WSANOTINITIALISED`.
///
/// # Safety
/// `lpOverlapped` must be one the program passed to an overlapped call (or any readable
/// `WSAOVERLAPPED`); the output pointers NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn WSAGetOverlappedResult(
    s: SOCKET,
    lpOverlapped: *mut WSAOVERLAPPED,
    lpcbTransfer: *mut u32,
    fWait: i32,
    lpdwFlags: *mut u32,
) -> i32 {
    call_ok(0, || {
        socket(s)?;
        if lpcbTransfer.is_null() {
            return Err(WsaError::WSAEFAULT);
        }
        let (st, bytes) = result_of(lpOverlapped, fWait != 0)?;
        // Checked copies: outputs ws2mp cannot write are WSAEFAULT, never a crash. A NULL
        // `lpdwFlags` still gets the byte count, as on Windows.
        if lpdwFlags.is_null() {
            super::write_out(lpcbTransfer, bytes)?;
        } else {
            super::write_out2((lpcbTransfer, bytes), (lpdwFlags, 0u32))?;
        }
        match status::to_winsock(st) {
            None => Ok(1),
            Some(e) => Err(e),
        }
    })
}

/// Win32's form of `WSAGetOverlappedResult` for a socket handle: TRUE with the bytes in
/// `*lpNumberOfBytesTransferred`, or FALSE with the Win32 error (`ERROR_IO_INCOMPLETE` (996)
/// while pending and `bWait` is FALSE, `ERROR_OPERATION_ABORTED` (995), `ERROR_NETNAME_DELETED`
/// (64) for a reset connection, `ERROR_MORE_DATA` (234) for a truncated datagram,
/// `ERROR_INVALID_PARAMETER` for a NULL or unmapped `lpOverlapped` or NULL count). A success
/// sets the last error to 0, as Windows 10 does. `hFile` is not consulted: the `OVERLAPPED`
/// says everything.
///
/// # Safety
/// As `WSAGetOverlappedResult`.
#[no_mangle]
pub unsafe extern "C" fn GetOverlappedResult(
    hFile: *mut c_void,
    lpOverlapped: *mut WSAOVERLAPPED,
    lpNumberOfBytesTransferred: *mut u32,
    bWait: i32,
) -> i32 {
    let _ = hFile;
    call_ok(0, || {
        if lpNumberOfBytesTransferred.is_null() {
            return Err(err(codes::ERROR_INVALID_PARAMETER));
        }
        let (st, bytes) = result_of(lpOverlapped, bWait != 0).map_err(|e| match e {
            WsaError::WSAEFAULT => err(codes::ERROR_INVALID_PARAMETER),
            other => other,
        })?;
        // SAFETY: checked non-NULL; caller guarantee.
        unsafe { *lpNumberOfBytesTransferred = bytes };
        match status::to_win32(st) {
            None => Ok(1),
            Some(e) => Err(e),
        }
    })
}

/// `GetOverlappedResult` with a timeout: waits up to `dwMilliseconds` (`INFINITE`: forever)
/// for the operation. Errors as `GetOverlappedResult`, plus `WAIT_TIMEOUT` (258) when it is
/// still pending after the wait (`ERROR_IO_INCOMPLETE` for a zero timeout) and, with
/// `bAlertable`, `WAIT_IO_COMPLETION` (192) when APCs queued to the thread ran first.
///
/// # Safety
/// As `GetOverlappedResult`.
#[no_mangle]
pub unsafe extern "C" fn GetOverlappedResultEx(
    hFile: *mut c_void,
    lpOverlapped: *mut WSAOVERLAPPED,
    lpNumberOfBytesTransferred: *mut u32,
    dwMilliseconds: u32,
    bAlertable: i32,
) -> i32 {
    let _ = hFile;
    call_ok(0, || {
        if lpNumberOfBytesTransferred.is_null() {
            return Err(err(codes::ERROR_INVALID_PARAMETER));
        }
        let o = UserOverlapped::probe(lpOverlapped as usize)
            .ok_or(err(codes::ERROR_INVALID_PARAMETER))?;
        if o.status() == status::STATUS_PENDING {
            if bAlertable != 0 && crate::handle::apc::run_pending() {
                return Err(err(0xC0));
            }
            if dwMilliseconds == 0 {
                return Err(WsaError::WSA_IO_INCOMPLETE);
            }
            let deadline = (dwMilliseconds != u32::MAX).then(|| {
                std::time::Instant::now()
                    + std::time::Duration::from_millis(u64::from(dwMilliseconds))
            });
            if !overlapped::wait_for(o, deadline) {
                return Err(err(codes::WAIT_TIMEOUT));
            }
        }
        // SAFETY: checked non-NULL; caller guarantee.
        unsafe { *lpNumberOfBytesTransferred = o.bytes() };
        match status::to_win32(o.status()) {
            None => Ok(1),
            Some(e) => Err(e),
        }
    })
}

/// The socket a Win32 `HANDLE` names, or `ERROR_INVALID_HANDLE`.
pub(crate) fn socket_handle(h: *mut c_void) -> WsaResult<Arc<Socket>> {
    let fd = i32::try_from(h as usize).map_err(|_| err(codes::ERROR_INVALID_HANDLE))?;
    crate::socket::registry::get(fd).ok_or(err(codes::ERROR_INVALID_HANDLE))
}

/// Cancels the overlapped operations the calling thread issued on socket (or named pipe end)
/// `hFile`; each completes with `ERROR_OPERATION_ABORTED` (`WSA_OPERATION_ABORTED`, status
/// `STATUS_CANCELLED`) through its event, port or completion routine. TRUE (also when there
/// was nothing to cancel, as for a file from `CreateFile`, whose transfers complete at once),
/// or FALSE with `ERROR_INVALID_HANDLE` (none of these).
#[no_mangle]
pub extern "C" fn CancelIo(hFile: *mut c_void) -> i32 {
    call(0, || {
        if let Some(end) = crate::named_pipe::lookup(hFile as usize) {
            end.cancel(None);
            return Ok(1);
        }
        if crate::handle::file::fd_of(hFile as usize).is_some() {
            // A file's transfers complete at once: nothing is ever pending to cancel.
            return Ok(1);
        }
        overlapped::cancel(&*socket_handle(hFile)?, Cancel::ThisThread);
        Ok(1)
    })
}

/// Cancels every overlapped operation on socket `hFile` whoever issued it (`lpOverlapped`
/// NULL), or the one whose `OVERLAPPED` is `lpOverlapped`; each completes with
/// `ERROR_OPERATION_ABORTED`. TRUE, or FALSE with `ERROR_NOT_FOUND` (1168: nothing pending
/// matched; always for a file from `CreateFile`, whose transfers complete at once) or
/// `ERROR_INVALID_HANDLE` (not a socket, pipe end or file).
#[no_mangle]
pub extern "C" fn CancelIoEx(hFile: *mut c_void, lpOverlapped: *mut WSAOVERLAPPED) -> i32 {
    call(0, || {
        if let Some(end) = crate::named_pipe::lookup(hFile as usize) {
            let which = (!lpOverlapped.is_null()).then_some(lpOverlapped as usize);
            return match end.cancel(which) {
                0 => Err(err(codes::ERROR_NOT_FOUND)),
                _ => Ok(1),
            };
        }
        if crate::handle::file::fd_of(hFile as usize).is_some() {
            // Nothing of a file's is pending (its transfers complete at once).
            return Err(err(codes::ERROR_NOT_FOUND));
        }
        let sock = socket_handle(hFile)?;
        let which = match lpOverlapped as usize {
            0 => Cancel::All,
            addr => Cancel::One(addr),
        };
        match overlapped::cancel(&sock, which) {
            0 => Err(err(codes::ERROR_NOT_FOUND)),
            _ => Ok(1),
        }
    })
}

/// `FILE_SKIP_COMPLETION_PORT_ON_SUCCESS`.
const SKIP_PORT: u8 = 1;
/// `FILE_SKIP_SET_EVENT_ON_HANDLE`.
const SKIP_EVENT: u8 = 2;

/// Sets a socket's completion notification modes: `FILE_SKIP_COMPLETION_PORT_ON_SUCCESS`
/// (an operation that completes at once, the call returning 0, queues no packet to the
/// socket's port; its `hEvent` is still set) and `FILE_SKIP_SET_EVENT_ON_HANDLE` (completions
/// no longer set the socket handle's own event, which `WaitForSingleObject((HANDLE)s)` waits
/// on; an explicit `hEvent` is set regardless, as Windows documents). On a file from
/// `CreateFile`, whose transfers complete at once, the first mode means its transfers queue
/// no packet. TRUE, or FALSE with `ERROR_INVALID_HANDLE` (not a socket or file) or
/// `ERROR_INVALID_PARAMETER` (other bits).
#[no_mangle]
pub extern "C" fn SetFileCompletionNotificationModes(FileHandle: *mut c_void, Flags: u8) -> i32 {
    call(0, || {
        if Flags & !(SKIP_PORT | SKIP_EVENT) != 0 {
            return Err(err(codes::ERROR_INVALID_PARAMETER));
        }
        if crate::handle::file::fd_of(FileHandle as usize).is_some() {
            // A file's transfers complete at once: with the first mode they queue no packet.
            crate::handle::file::set_skip_port(FileHandle as usize, Flags & SKIP_PORT != 0)?;
            return Ok(1);
        }
        let sock = socket_handle(FileHandle)?;
        let mut modes = 0;
        if Flags & SKIP_PORT != 0 {
            modes |= overlapped::SKIP_PORT_ON_SUCCESS;
        }
        if Flags & SKIP_EVENT != 0 {
            modes |= overlapped::SKIP_SET_EVENT;
        }
        overlapped::set_notification_modes(&sock, modes);
        Ok(1)
    })
}

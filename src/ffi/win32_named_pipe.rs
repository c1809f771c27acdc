//! Win32 named pipes on this machine (`crate::named_pipe`): `CreateNamedPipeA/W`,
//! `ConnectNamedPipe`, `DisconnectNamedPipe`, `WaitNamedPipeA/W`, `SetNamedPipeHandleState`,
//! `GetNamedPipeInfo`, `TransactNamedPipe`, `CallNamedPipeA/W`,
//! `GetNamedPipeClientProcessId`, `GetNamedPipeServerProcessId`, `GetNamedPipeHandleStateA/W`.
//! A client opens a pipe with
//! `CreateFile` of `\\.\pipe\name`; `ReadFile`, `WriteFile` (and their `Ex` forms),
//! `PeekNamedPipe`, `CancelIo(Ex)`, `CreateIoCompletionPort`, `FlushFileBuffers`,
//! `GetFileType` and `CloseHandle` take either end (`win32_file`, `overlapped`, ...).

use super::call;
use super::types::WSAOVERLAPPED;
use crate::error::{WsaError, WsaResult};
use crate::handle::{codes, err};
use crate::named_pipe::{self, Completion, End};
use crate::overlapped::Routine;
use crate::sys::named_pipe::UserSpan;
use std::os::raw::{c_char, c_void};
use std::sync::Arc;

/// `INVALID_HANDLE_VALUE`.
const INVALID_HANDLE: *mut c_void = usize::MAX as *mut c_void;

/// The pipe end `h` names, or `ERROR_INVALID_HANDLE`.
pub(crate) fn end_of(h: *mut c_void) -> WsaResult<Arc<End>> {
    named_pipe::lookup(h as usize).ok_or(err(codes::ERROR_INVALID_HANDLE))
}

/// Whether `h` names a pipe end.
pub(crate) fn is_pipe(h: *mut c_void) -> bool {
    named_pipe::lookup(h as usize).is_some()
}

/// A program's buffer, checked: NULL only with a zero length.
///
/// # Safety
/// `buf` must be valid for `len` bytes until the operation completes.
unsafe fn span(buf: *mut c_void, len: u32) -> WsaResult<UserSpan> {
    if buf.is_null() && len > 0 {
        return Err(err(codes::ERROR_NOACCESS));
    }
    // SAFETY: forwarded caller guarantee.
    Ok(unsafe { UserSpan::new(buf.cast(), len as usize) })
}

/// `ReadFile` / `WriteFile` (and the `Ex` forms) on a pipe end: the bytes transferred, and
/// `ERROR_MORE_DATA` for a message read in part.
///
/// # Safety
/// As `ReadFile`: `buf` valid for `len` bytes until the operation completes; `ov` NULL or
/// the program's `OVERLAPPED`.
pub(crate) unsafe fn transfer(
    end: &Arc<End>,
    read: bool,
    (buf, len): (*mut c_void, u32),
    (ov, routine): (*mut WSAOVERLAPPED, Option<Routine>),
) -> WsaResult<(u32, Option<WsaError>)> {
    // SAFETY: forwarded caller guarantee.
    let span = unsafe { span(buf, len)? };
    let completion = (!ov.is_null()).then(|| Completion::new(ov as usize, routine));
    if read {
        end.read(span, completion)
    } else {
        end.write(span.to_vec(), completion).map(|n| (n, None))
    }
}

#[allow(clippy::too_many_arguments)]
fn create(
    name: Option<String>,
    open_mode: u32,
    pipe_mode: u32,
    max: u32,
    out_size: u32,
    in_size: u32,
    timeout: u32,
) -> WsaResult<*mut c_void> {
    let h = named_pipe::create_server(
        name.as_deref(),
        open_mode,
        pipe_mode,
        max,
        out_size,
        in_size,
        timeout,
    )?;
    crate::error::set_last_error(0);
    Ok(h as *mut c_void)
}

/// Creates an instance of the named pipe `lpName` (`\\.\pipe\name`, case-insensitive) and
/// returns the server end's handle, listening: a client's `CreateFile` of the name connects to
/// it (before or after `ConnectNamedPipe`).
///
/// `dwOpenMode`: `PIPE_ACCESS_INBOUND` (the server reads), `PIPE_ACCESS_OUTBOUND` (it
/// writes) or `PIPE_ACCESS_DUPLEX`, with `FILE_FLAG_OVERLAPPED` (`ReadFile`, `WriteFile`,
/// `ConnectNamedPipe` with an `OVERLAPPED` return `ERROR_IO_PENDING` when they wait) and
/// `FILE_FLAG_FIRST_PIPE_INSTANCE` (`ERROR_ACCESS_DENIED` when the name exists);
/// `FILE_FLAG_WRITE_THROUGH` and the security flags are accepted. `dwPipeMode`:
/// `PIPE_TYPE_BYTE` / `PIPE_TYPE_MESSAGE`, `PIPE_READMODE_BYTE` / `PIPE_READMODE_MESSAGE`
/// (a message pipe only), `PIPE_WAIT` / `PIPE_NOWAIT`, `PIPE_REJECT_REMOTE_CLIENTS`
/// (accepted: no client is remote). `nMaxInstances`: 1–254 or `PIPE_UNLIMITED_INSTANCES`
/// (255); a further instance is `ERROR_PIPE_BUSY`. The buffer sizes are reported by
/// `GetNamedPipeInfo`; `nDefaultTimeOut` is `WaitNamedPipe`'s `NMPWAIT_USE_DEFAULT_WAIT`
/// (0: 50 ms); the security attributes are ignored.
///
/// Returns the handle, or `INVALID_HANDLE_VALUE` with `ERROR_INVALID_NAME` (not a local pipe
/// name), `ERROR_PATH_NOT_FOUND` (NULL), `ERROR_INVALID_PARAMETER`, `ERROR_PIPE_BUSY`,
/// `ERROR_ACCESS_DENIED` (first instance, another direction, or a name another process
/// serves: all instances of one name live in one process here).
///
/// # Safety
/// `lpName` must be NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn CreateNamedPipeA(
    lpName: *const c_char,
    dwOpenMode: u32,
    dwPipeMode: u32,
    nMaxInstances: u32,
    nOutBufferSize: u32,
    nInBufferSize: u32,
    nDefaultTimeOut: u32,
    lpSecurityAttributes: *mut c_void,
) -> *mut c_void {
    let _ = lpSecurityAttributes;
    // SAFETY: caller guarantee.
    let name = unsafe { super::win32_sync::name_a(lpName) };
    call(INVALID_HANDLE, || {
        create(
            name,
            dwOpenMode,
            dwPipeMode,
            nMaxInstances,
            nOutBufferSize,
            nInBufferSize,
            nDefaultTimeOut,
        )
    })
}

/// `CreateNamedPipeA` with a UTF-16 name.
///
/// # Safety
/// `lpName` must be NULL or a NUL-terminated UTF-16 string.
#[no_mangle]
pub unsafe extern "C" fn CreateNamedPipeW(
    lpName: *const u16,
    dwOpenMode: u32,
    dwPipeMode: u32,
    nMaxInstances: u32,
    nOutBufferSize: u32,
    nInBufferSize: u32,
    nDefaultTimeOut: u32,
    lpSecurityAttributes: *mut c_void,
) -> *mut c_void {
    let _ = lpSecurityAttributes;
    // SAFETY: caller guarantee.
    let name = unsafe { super::win32_sync::name_w(lpName) };
    call(INVALID_HANDLE, || {
        create(
            name,
            dwOpenMode,
            dwPipeMode,
            nMaxInstances,
            nOutBufferSize,
            nInBufferSize,
            nDefaultTimeOut,
        )
    })
}

/// Waits for a client on a server end. TRUE once one is connected; FALSE with
/// `ERROR_PIPE_CONNECTED` (535: a client connected before the call; the pipe is usable),
/// `ERROR_NO_DATA` (232: it connected and has already closed its end; call
/// `DisconnectNamedPipe`), `ERROR_IO_PENDING` (an `OVERLAPPED` on a handle made with
/// `FILE_FLAG_OVERLAPPED`: its event, port or `GetOverlappedResult` tell when a client came),
/// `ERROR_PIPE_LISTENING` (536: `PIPE_NOWAIT`, no client yet, or a connect already pending),
/// `ERROR_INVALID_FUNCTION` (a client end), `ERROR_INVALID_HANDLE`.
///
/// # Safety
/// `lpOverlapped` must be NULL or the program's `OVERLAPPED`, kept until the completion.
#[no_mangle]
pub unsafe extern "C" fn ConnectNamedPipe(
    hNamedPipe: *mut c_void,
    lpOverlapped: *mut WSAOVERLAPPED,
) -> i32 {
    call(0, || {
        let end = end_of(hNamedPipe)?;
        let completion =
            (!lpOverlapped.is_null()).then(|| Completion::new(lpOverlapped as usize, None));
        end.connect(completion)?;
        Ok(1)
    })
}

/// Cuts a server end's client off (its unread data is dropped; its reads fail with
/// `ERROR_BROKEN_PIPE`, its writes with `ERROR_NO_DATA`, as after the server's close: Windows
/// says `ERROR_PIPE_NOT_CONNECTED` to both) and cancels the end's pending operations
/// (`ERROR_PIPE_NOT_CONNECTED`). The instance takes no client until the next
/// `ConnectNamedPipe`. TRUE, or FALSE with `ERROR_PIPE_NOT_CONNECTED` (disconnected already),
/// `ERROR_INVALID_FUNCTION` (a client end), `ERROR_INVALID_HANDLE`.
#[no_mangle]
pub extern "C" fn DisconnectNamedPipe(hNamedPipe: *mut c_void) -> i32 {
    call(0, || {
        end_of(hNamedPipe)?.disconnect()?;
        Ok(1)
    })
}

fn wait_named(name: Option<String>, timeout: u32) -> WsaResult<i32> {
    let name = name.ok_or(err(ERROR_PATH_NOT_FOUND))?;
    named_pipe::wait_named(&name, timeout)?;
    Ok(1)
}

const ERROR_PATH_NOT_FOUND: i32 = 3;

/// Waits until an instance of the pipe `lpNamedPipeName` is free for `CreateFile` (which may
/// still find it taken by another client first), up to `nTimeOut` ms
/// (`NMPWAIT_USE_DEFAULT_WAIT`: the pipe's default timeout, `NMPWAIT_WAIT_FOREVER`). TRUE, or
/// FALSE with `ERROR_SEM_TIMEOUT` (121), `ERROR_FILE_NOT_FOUND` (no such pipe: at once),
/// `ERROR_BAD_NETPATH` (another machine's pipe), `ERROR_INVALID_NAME`.
///
/// # Safety
/// `lpNamedPipeName` must be NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn WaitNamedPipeA(lpNamedPipeName: *const c_char, nTimeOut: u32) -> i32 {
    // SAFETY: caller guarantee.
    let name = unsafe { super::win32_sync::name_a(lpNamedPipeName) };
    call(0, || wait_named(name, nTimeOut))
}

/// `WaitNamedPipeA` with a UTF-16 name.
///
/// # Safety
/// `lpNamedPipeName` must be NULL or a NUL-terminated UTF-16 string.
#[no_mangle]
pub unsafe extern "C" fn WaitNamedPipeW(lpNamedPipeName: *const u16, nTimeOut: u32) -> i32 {
    // SAFETY: caller guarantee.
    let name = unsafe { super::win32_sync::name_w(lpNamedPipeName) };
    call(0, || wait_named(name, nTimeOut))
}

/// Sets an end's read mode (`*lpMode`: `PIPE_READMODE_BYTE` / `PIPE_READMODE_MESSAGE`, a
/// message pipe only) and wait mode (`PIPE_WAIT` / `PIPE_NOWAIT`). The collection count and
/// timeout are accepted and ignored (nothing here is remote). TRUE, or FALSE with
/// `ERROR_INVALID_PARAMETER`, `ERROR_INVALID_HANDLE`.
///
/// # Safety
/// The pointers must be NULL or readable.
#[no_mangle]
pub unsafe extern "C" fn SetNamedPipeHandleState(
    hNamedPipe: *mut c_void,
    lpMode: *mut u32,
    lpMaxCollectionCount: *mut u32,
    lpCollectDataTimeout: *mut u32,
) -> i32 {
    let _ = (lpMaxCollectionCount, lpCollectDataTimeout);
    call(0, || {
        let end = end_of(hNamedPipe)?;
        if !lpMode.is_null() {
            let mut mode = [0u8; 4];
            crate::sys::copy_from_user(lpMode.cast(), &mut mode)
                .map_err(|_| err(codes::ERROR_NOACCESS))?;
            end.set_mode(u32::from_ne_bytes(mode))?;
        }
        Ok(1)
    })
}

/// An end's `PIPE_SERVER_END` (1) / `PIPE_CLIENT_END` (0) and `PIPE_TYPE_MESSAGE` (4) flags,
/// buffer sizes and maximum instances (each output may be NULL). TRUE, or FALSE with
/// `ERROR_INVALID_HANDLE`, `ERROR_NOACCESS`.
///
/// # Safety
/// The outputs must be NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn GetNamedPipeInfo(
    hNamedPipe: *mut c_void,
    lpFlags: *mut u32,
    lpOutBufferSize: *mut u32,
    lpInBufferSize: *mut u32,
    lpMaxInstances: *mut u32,
) -> i32 {
    call(0, || {
        let i = end_of(hNamedPipe)?.info();
        for (p, v) in [
            (lpFlags, i.flags),
            (lpOutBufferSize, i.out_size),
            (lpInBufferSize, i.in_size),
            (lpMaxInstances, i.max),
        ] {
            if !p.is_null() {
                super::write_out(p, v).map_err(|_| err(codes::ERROR_NOACCESS))?;
            }
        }
        Ok(1)
    })
}

/// Writes `lpInBuffer` as one message and reads the answer into `lpOutBuffer` on an end in
/// message read mode (`ERROR_BAD_PIPE` otherwise). TRUE with `*lpBytesRead`, or FALSE with
/// `ERROR_MORE_DATA` (the answer's start; `ReadFile` reads the rest), `ERROR_BROKEN_PIPE`,
/// `ERROR_PIPE_BUSY` (an earlier message still waits unread), ... On a handle opened with
/// `FILE_FLAG_OVERLAPPED`, with an `OVERLAPPED`, an answer not there yet leaves the call
/// pending: FALSE with `ERROR_IO_PENDING`, the `OVERLAPPED` (its event, the port) gets the
/// result. Otherwise the call waits for the answer (an `OVERLAPPED` gets the result too).
///
/// # Safety
/// The buffers must be valid for their sizes; `lpBytesRead` NULL or writable;
/// `lpOverlapped` NULL or the program's `OVERLAPPED`.
#[no_mangle]
pub unsafe extern "C" fn TransactNamedPipe(
    hNamedPipe: *mut c_void,
    lpInBuffer: *mut c_void,
    nInBufferSize: u32,
    lpOutBuffer: *mut c_void,
    nOutBufferSize: u32,
    lpBytesRead: *mut u32,
    lpOverlapped: *mut WSAOVERLAPPED,
) -> i32 {
    call(0, || {
        let end = end_of(hNamedPipe)?;
        // SAFETY: caller guarantees.
        let (request, reply) = unsafe {
            (
                span(lpInBuffer, nInBufferSize)?.to_vec(),
                span(lpOutBuffer, nOutBufferSize)?,
            )
        };
        let completion =
            (!lpOverlapped.is_null()).then(|| Completion::new(lpOverlapped as usize, None));
        let (n, more) = named_pipe::transact(&end, request, reply, completion)?;
        report(lpBytesRead, n, more)
    })
}

/// Writes the count (when the pointer is not NULL) and turns `ERROR_MORE_DATA` into the
/// call's failure.
fn report(count: *mut u32, n: u32, more: Option<WsaError>) -> WsaResult<i32> {
    if !count.is_null() {
        super::write_out(count, n).map_err(|_| err(codes::ERROR_NOACCESS))?;
    }
    match more {
        Some(_) => Err(err(234)),
        None => Ok(1),
    }
}

/// # Safety
/// As `CallNamedPipeA`.
unsafe fn call_named(
    name: Option<String>,
    (inb, inn): (*mut c_void, u32),
    (outb, outn): (*mut c_void, u32),
    read: *mut u32,
    timeout: u32,
) -> WsaResult<i32> {
    let name = name.ok_or(err(ERROR_PATH_NOT_FOUND))?;
    // SAFETY: forwarded caller guarantees.
    let (request, reply) = unsafe { (span(inb, inn)?.to_vec(), span(outb, outn)?) };
    let (n, more) = named_pipe::call(&name, request, reply, timeout)?;
    report(read, n, more)
}

/// Connects to a message pipe (waiting up to `nTimeOut` ms for a free instance:
/// `NMPWAIT_USE_DEFAULT_WAIT`, `NMPWAIT_WAIT_FOREVER`, `NMPWAIT_NOWAIT`), writes `lpInBuffer`
/// as one message, reads one answer and closes. TRUE with `*lpBytesRead`, or FALSE with
/// `ERROR_MORE_DATA` (the answer was cut to the buffer), `ERROR_FILE_NOT_FOUND`,
/// `ERROR_SEM_TIMEOUT`, `ERROR_BAD_PIPE` (a byte pipe), `ERROR_BAD_NETPATH`.
///
/// # Safety
/// `lpNamedPipeName` NULL or a NUL-terminated string; the buffers valid for their sizes;
/// `lpBytesRead` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn CallNamedPipeA(
    lpNamedPipeName: *const c_char,
    lpInBuffer: *mut c_void,
    nInBufferSize: u32,
    lpOutBuffer: *mut c_void,
    nOutBufferSize: u32,
    lpBytesRead: *mut u32,
    nTimeOut: u32,
) -> i32 {
    // SAFETY: caller guarantee.
    let name = unsafe { super::win32_sync::name_a(lpNamedPipeName) };
    call(0, || {
        // SAFETY: forwarded caller guarantees.
        unsafe {
            call_named(
                name,
                (lpInBuffer, nInBufferSize),
                (lpOutBuffer, nOutBufferSize),
                lpBytesRead,
                nTimeOut,
            )
        }
    })
}

/// `CallNamedPipeA` with a UTF-16 name.
///
/// # Safety
/// As `CallNamedPipeA`, the name UTF-16.
#[no_mangle]
pub unsafe extern "C" fn CallNamedPipeW(
    lpNamedPipeName: *const u16,
    lpInBuffer: *mut c_void,
    nInBufferSize: u32,
    lpOutBuffer: *mut c_void,
    nOutBufferSize: u32,
    lpBytesRead: *mut u32,
    nTimeOut: u32,
) -> i32 {
    // SAFETY: caller guarantee.
    let name = unsafe { super::win32_sync::name_w(lpNamedPipeName) };
    call(0, || {
        // SAFETY: forwarded caller guarantees.
        unsafe {
            call_named(
                name,
                (lpInBuffer, nInBufferSize),
                (lpOutBuffer, nOutBufferSize),
                lpBytesRead,
                nTimeOut,
            )
        }
    })
}

fn pid_out(h: *mut c_void, out: *mut u32, server: bool) -> WsaResult<i32> {
    let end = end_of(h)?;
    let pid = if server {
        end.server_pid()
    } else {
        end.client_pid()
    };
    super::write_out(out, pid).map_err(|_| err(codes::ERROR_NOACCESS))?;
    Ok(1)
}

/// The process id of the pipe's client (as the client said when it connected; 0 on a server
/// end no client has connected to). TRUE, or FALSE with `ERROR_INVALID_HANDLE`,
/// `ERROR_NOACCESS`.
///
/// # Safety
/// `ClientProcessId` must be NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn GetNamedPipeClientProcessId(
    Pipe: *mut c_void,
    ClientProcessId: *mut u32,
) -> i32 {
    call(0, || pid_out(Pipe, ClientProcessId, false))
}

/// The process id of the pipe's server. TRUE, or FALSE with `ERROR_INVALID_HANDLE`,
/// `ERROR_NOACCESS`.
///
/// # Safety
/// `ServerProcessId` must be NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn GetNamedPipeServerProcessId(
    Pipe: *mut c_void,
    ServerProcessId: *mut u32,
) -> i32 {
    call(0, || pid_out(Pipe, ServerProcessId, true))
}

/// # Safety
/// As `GetNamedPipeHandleStateA`.
unsafe fn handle_state(
    h: *mut c_void,
    state: *mut u32,
    instances: *mut u32,
    collect: (*mut u32, *mut u32),
    user_name: bool,
) -> WsaResult<i32> {
    let end = end_of(h)?;
    if !collect.0.is_null() || !collect.1.is_null() || user_name {
        return Err(err(codes::ERROR_INVALID_PARAMETER));
    }
    if !state.is_null() {
        super::write_out(state, end.mode_state()).map_err(|_| err(codes::ERROR_NOACCESS))?;
    }
    // Only the instance count asks a client end's server (which may be gone).
    if !instances.is_null() {
        let n = end.instances()?;
        super::write_out(instances, n).map_err(|_| err(codes::ERROR_NOACCESS))?;
    }
    Ok(1)
}

/// An end's state: `*lpState` its `PIPE_NOWAIT` and `PIPE_READMODE_MESSAGE` bits,
/// `*lpCurInstances` the pipe's instances now (each may be NULL). The collection count and
/// timeout must be NULL (no client is on another machine), and so must the user name (the
/// client runs as this user or root: the server checks it when it connects); otherwise
/// `ERROR_INVALID_PARAMETER`. TRUE, or FALSE with that, `ERROR_INVALID_HANDLE`,
/// `ERROR_NOACCESS`, `ERROR_FILE_NOT_FOUND` (`lpCurInstances` of a client end whose server
/// has gone; its state alone is still given).
///
/// # Safety
/// The outputs must be NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn GetNamedPipeHandleStateA(
    hNamedPipe: *mut c_void,
    lpState: *mut u32,
    lpCurInstances: *mut u32,
    lpMaxCollectionCount: *mut u32,
    lpCollectDataTimeout: *mut u32,
    lpUserName: *mut c_char,
    nMaxUserNameSize: u32,
) -> i32 {
    let _ = nMaxUserNameSize;
    call(0, || {
        // SAFETY: forwarded caller guarantees.
        unsafe {
            handle_state(
                hNamedPipe,
                lpState,
                lpCurInstances,
                (lpMaxCollectionCount, lpCollectDataTimeout),
                !lpUserName.is_null(),
            )
        }
    })
}

/// `GetNamedPipeHandleStateA` with a UTF-16 user name (which must be NULL too).
///
/// # Safety
/// As `GetNamedPipeHandleStateA`.
#[no_mangle]
pub unsafe extern "C" fn GetNamedPipeHandleStateW(
    hNamedPipe: *mut c_void,
    lpState: *mut u32,
    lpCurInstances: *mut u32,
    lpMaxCollectionCount: *mut u32,
    lpCollectDataTimeout: *mut u32,
    lpUserName: *mut u16,
    nMaxUserNameSize: u32,
) -> i32 {
    let _ = nMaxUserNameSize;
    call(0, || {
        // SAFETY: forwarded caller guarantees.
        unsafe {
            handle_state(
                hNamedPipe,
                lpState,
                lpCurInstances,
                (lpMaxCollectionCount, lpCollectDataTimeout),
                !lpUserName.is_null(),
            )
        }
    })
}

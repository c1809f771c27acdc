//! `ReadFile`, `WriteFile`, `ReadFileEx`, `WriteFileEx` on the handles ws2mp knows: sockets
//! (`(HANDLE)s`), the standard handles of `GetStdHandle` and files from `CreateFile`
//! (synchronous; see `file_transfer`). `CreateFile` and the other file calls are at the end.
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
use crate::win32::copy_move::Step;
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

/// `ERROR_HANDLE_EOF`: an overlapped read at or past the end of a file.
const ERROR_HANDLE_EOF: i32 = 38;
/// `ERROR_BROKEN_PIPE`: a read from a pipe whose write ends are all closed.
const ERROR_BROKEN_PIPE: i32 = 109;
/// `ERROR_NO_DATA`: a write to a pipe whose read end is closed.
const ERROR_NO_DATA: i32 = 232;
/// `STATUS_END_OF_FILE`, kept in `Internal` for that read.
const STATUS_END_OF_FILE: usize = 0xC000_0011;

/// `ERROR_INVALID_USER_BUFFER`: a write from memory the program cannot read.
const ERROR_INVALID_USER_BUFFER: i32 = 1784;

/// `ReadFile`/`WriteFile` on a file from `CreateFile`: the transfer itself is synchronous, at
/// the file position, or with an `OVERLAPPED` at its `Offset`/`OffsetHigh` (then, on a handle
/// opened without `FILE_FLAG_OVERLAPPED`, the position moves past the bytes transferred, as on
/// Windows). With an `OVERLAPPED` the call completes at once: `Internal` and `InternalHigh`
/// are set and `hEvent`, when there is one, is signalled (an overlapped read at the end of the
/// file fails with `ERROR_HANDLE_EOF`), and a handle bound to a completion port gets its packet.
/// The `Ex` forms (`routine`) leave `hEvent` alone and queue the completion routine to the
/// calling thread (it runs in the thread's next alertable wait); a read at the end fails at
/// once with `ERROR_HANDLE_EOF` and runs no routine, and a handle bound to a completion port
/// refuses them (`ERROR_INVALID_PARAMETER`). Returns the bytes transferred.
///
/// # Safety
/// As for `transfer`.
unsafe fn file_transfer(
    way: Way,
    fd: i32,
    (buf, len): (*mut c_void, u32),
    (ov, routine): (*mut WSAOVERLAPPED, Option<Routine>),
) -> WsaResult<u32> {
    // What the program's memory could not give or take.
    let fault = match way {
        Way::Read => err(codes::ERROR_NOACCESS),
        Way::Write => err(ERROR_INVALID_USER_BUFFER),
    };
    if buf.is_null() && len > 0 {
        return Err(fault);
    }
    if way == Way::Read && !crate::handle::file::is_readable(fd) {
        return Err(err(codes::ERROR_ACCESS_DENIED));
    }
    if routine.is_some() && crate::handle::file::port_of(fd).is_some() {
        // A handle bound to a completion port takes no completion routines, as on Windows.
        return Err(err(codes::ERROR_INVALID_PARAMETER));
    }
    // SAFETY: caller guarantee (NULL or the program's OVERLAPPED).
    let at = unsafe { ov.as_ref() }.map(|o| u64::from(o.Offset) | (u64::from(o.OffsetHigh) << 32));
    // `Offset` and `OffsetHigh` both 0xFFFFFFFF: Windows' documented way to write at the end of
    // the file (as a handle opened with `FILE_APPEND_DATA` would), not a negative offset.
    let at = match at {
        Some(u64::MAX) if way == Way::Write && !crate::handle::file::is_pipe(fd) => {
            Some(crate::sys::file::size(fd).map_err(crate::handle::file::error)?)
        }
        other => other,
    };
    let n = if len == 0 {
        0
    } else {
        match way {
            // SAFETY: caller guarantee: `buf` is writable for `len` bytes (checked non-NULL).
            Way::Read => crate::sys::file::read(
                fd,
                unsafe { std::slice::from_raw_parts_mut(buf.cast::<u8>(), len as usize) },
                at,
            ),
            // SAFETY: as above, readable.
            Way::Write => crate::sys::file::write(
                fd,
                unsafe { std::slice::from_raw_parts(buf.cast::<u8>(), len as usize) },
                at,
            ),
        }
        .map_err(|e| match e {
            // A pipe whose read end is closed (SIGPIPE is ignored once pipes exist).
            libc::EPIPE => err(ERROR_NO_DATA),
            // The handle is open, but not for this (read-only, write-only).
            libc::EBADF => err(codes::ERROR_ACCESS_DENIED),
            libc::EFAULT => fault,
            e => crate::handle::file::error(e),
        })?
    };
    if way == Way::Read && n == 0 && len > 0 && crate::handle::file::is_pipe(fd) {
        // Every write end is closed: Windows' broken pipe, not an end of file.
        return Err(err(ERROR_BROKEN_PIPE));
    }
    if let Some(offset) = at {
        if !crate::handle::file::is_overlapped(fd) && !crate::handle::file::is_pipe(fd) {
            crate::handle::file::seek(fd, (offset + n as u64) as i64, 0)?;
        }
    }
    // SAFETY: caller guarantee.
    if let Some(o) = unsafe { ov.as_mut() } {
        let eof = way == Way::Read && n == 0 && len > 0;
        o.Internal = if eof { STATUS_END_OF_FILE } else { 0 };
        o.InternalHigh = n;
        if eof {
            if routine.is_none() && !o.hEvent.is_null() {
                super::win32_sync::SetEvent(o.hEvent);
            }
            return Err(err(ERROR_HANDLE_EOF));
        }
        if let Some(routine) = routine {
            let bytes = n as u32;
            crate::handle::apc::ApcTarget::current().queue(Box::new(move || routine(0, bytes, 0)));
            return Ok(bytes);
        }
        if !o.hEvent.is_null() {
            super::win32_sync::SetEvent(o.hEvent);
        }
        // A file bound to a completion port (`CreateIoCompletionPort`, a thread pool's
        // `CreateThreadpoolIo`): the completed transfer is posted there, unless `hEvent`'s low
        // bit asks for no packet or `FILE_SKIP_COMPLETION_PORT_ON_SUCCESS` is set (as on
        // Windows for a transfer that completes at once).
        if let Some((port, key)) = crate::handle::file::packet_port(fd) {
            if o.hEvent as usize & 1 == 0 {
                port.post(crate::handle::port::Packet {
                    key,
                    overlapped: ov as usize,
                    bytes: n as u32,
                    status: 0,
                });
            }
        }
    }
    Ok(n as u32)
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
    if let Some(end) = crate::named_pipe::lookup(h) {
        let read = way == Way::Read;
        // SAFETY: forwarded caller guarantees.
        let (n, more) =
            unsafe { super::win32_named_pipe::transfer(&end, read, (buf, len), (ov, routine))? };
        report(n)?;
        return match more {
            Some(_) => Err(err(ERROR_MORE_DATA)),
            None => Ok(1),
        };
    }
    if let Some(fd) = crate::handle::file::fd_of(h) {
        // SAFETY: forwarded caller guarantees.
        let n = unsafe { file_transfer(way, fd, (buf, len), (ov, routine))? };
        report(n)?;
        return Ok(1);
    }
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
/// Files from `CreateFile` and pipe ends: see `CreateFileA` and `CreatePipe`.
///
/// Errors (`GetLastError`): `ERROR_INVALID_HANDLE` (6: not a socket, file, pipe or standard
/// handle), `ERROR_NOACCESS` (998: NULL buffer with a length, or memory the
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

// ---- CreateFile and the file calls --------------------------------------------------------------

use crate::handle::{file, file_share};

/// `INVALID_HANDLE_VALUE`.
const INVALID_HANDLE: *mut c_void = usize::MAX as *mut c_void;

/// The descriptor behind a file handle (`ERROR_INVALID_HANDLE` otherwise).
/// A Win32 file name for the system (`\` separates directories: `win32::path`).
pub(super) fn c_path(path: String) -> WsaResult<std::ffi::CString> {
    std::ffi::CString::new(crate::win32::path::native(&path))
        .map_err(|_| err(codes::ERROR_INVALID_PARAMETER))
}

/// A file from `CreateFile`, or a standard handle redirected from or to a regular file.
fn file_fd(h: *mut c_void) -> WsaResult<i32> {
    file::fd_of(h as usize)
        .or_else(|| console::std_file_fd(h as usize))
        .ok_or(err(codes::ERROR_INVALID_HANDLE))
}

/// `ERROR_INVALID_NAME`: a file name with a wildcard (`*`, `?`) where a single file is meant.
const ERROR_INVALID_NAME: i32 = 123;

/// A name that can be a single file's: an empty one is `ERROR_PATH_NOT_FOUND`, one with a
/// wildcard `ERROR_INVALID_NAME`, as on Windows. The DOS device `NUL` (any case, with or
/// without a drive or directory before it, as Windows reads it) is the null device.
pub(super) fn file_name(path: String) -> WsaResult<String> {
    check_name(&path)?;
    let last = path.rsplit(['\\', '/', ':']).next().unwrap_or_default();
    let stem = last.split('.').next().unwrap_or_default();
    if stem.eq_ignore_ascii_case("nul") && !std::path::Path::new(&path).exists() {
        return Ok("/dev/null".to_owned());
    }
    Ok(path)
}

/// `ERROR_PATH_NOT_FOUND`.
const ERROR_PATH_NOT_FOUND: i32 = 3;

/// `file_name`'s checks alone (a name a file is created or renamed to).
fn check_name(path: &str) -> WsaResult<()> {
    if path.is_empty() {
        return Err(err(ERROR_PATH_NOT_FOUND));
    }
    if path.contains(['*', '?']) {
        return Err(err(ERROR_INVALID_NAME));
    }
    Ok(())
}

fn create(
    path: Option<String>,
    access: u32,
    (share_mode, disposition): (u32, u32),
    flags: u32,
) -> WsaResult<*mut c_void> {
    let path = path.ok_or(err(ERROR_PATH_NOT_FOUND))?;
    if crate::named_pipe::is_pipe_name(&path) {
        // A client end of a named pipe (`\\.\pipe\name`).
        let read = access & (file::GENERIC_READ | file::GENERIC_ALL | 1) != 0;
        let write = access & (file::GENERIC_WRITE | file::GENERIC_ALL | 2) != 0;
        let h = crate::named_pipe::open_client(&path, read, write, flags)?;
        crate::error::set_last_error(0);
        return Ok(h as *mut c_void);
    }
    let c = c_path(file_name(path)?)?;
    let (h, existed) = file::create(&file::Request {
        path: &c,
        access,
        share_mode,
        disposition,
        flags_and_attributes: flags,
    })?;
    // CREATE_ALWAYS and OPEN_ALWAYS say whether the file was there; success clears the error.
    let always = disposition == 2 || disposition == 4;
    crate::error::set_last_error(if always && existed {
        codes::ERROR_ALREADY_EXISTS
    } else {
        0
    });
    Ok(h as *mut c_void)
}

/// Opens or creates a file (`lpFileName`, a path of the system's; `\` separates directories) for
/// `ReadFile`, `WriteFile`, `TransmitFile`, `GetFileSize`, `SetFilePointer`, ... and
/// `CloseHandle`. `dwDesiredAccess`: `GENERIC_READ` / `GENERIC_WRITE` (or `FILE_*_DATA`,
/// `FILE_APPEND_DATA` alone appends); `dwCreationDisposition`: `CREATE_NEW`, `CREATE_ALWAYS`,
/// `OPEN_EXISTING`, `OPEN_ALWAYS`, `TRUNCATE_EXISTING`; `dwFlagsAndAttributes`:
/// `FILE_ATTRIBUTE_READONLY` (a new file's mode), `FILE_FLAG_DELETE_ON_CLOSE`,
/// `FILE_FLAG_BACKUP_SEMANTICS` (a directory opens only with it), `FILE_FLAG_OVERLAPPED` (the
/// file calls complete at once; an `OVERLAPPED`'s offset then leaves the file position alone;
/// a `WriteFile` whose `Offset` and `OffsetHigh` are both 0xFFFFFFFF writes at the end of the
/// file),
/// the rest accepted and ignored. `dwShareMode` (`FILE_SHARE_READ`, `FILE_SHARE_WRITE`,
/// `FILE_SHARE_DELETE`) is kept between the handles of this process; security attributes and
/// template are ignored. `NUL` is the null device. Returns the handle (the last error
/// `ERROR_ALREADY_EXISTS` when `CREATE_ALWAYS`/`OPEN_ALWAYS` found the file, else 0), or
/// `INVALID_HANDLE_VALUE` with `ERROR_FILE_NOT_FOUND`, `ERROR_PATH_NOT_FOUND` (also an empty
/// name), `ERROR_ACCESS_DENIED` (a read-only file opened to write, a directory without backup
/// semantics), `ERROR_FILE_EXISTS` (`CREATE_NEW`), `ERROR_SHARING_VIOLATION`,
/// `ERROR_INVALID_NAME` (a wildcard), `ERROR_INVALID_PARAMETER`.
///
/// # Safety
/// `lpFileName` must be NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn CreateFileA(
    lpFileName: *const std::os::raw::c_char,
    dwDesiredAccess: u32,
    dwShareMode: u32,
    lpSecurityAttributes: *mut c_void,
    dwCreationDisposition: u32,
    dwFlagsAndAttributes: u32,
    hTemplateFile: *mut c_void,
) -> *mut c_void {
    let _ = (lpSecurityAttributes, hTemplateFile);
    // SAFETY: caller guarantee.
    let path = unsafe { super::win32_sync::name_a(lpFileName) };
    call(INVALID_HANDLE, || {
        create(
            path,
            dwDesiredAccess,
            (dwShareMode, dwCreationDisposition),
            dwFlagsAndAttributes,
        )
    })
}

/// `CreateFileA` with a UTF-16 path.
///
/// # Safety
/// `lpFileName` must be NULL or a NUL-terminated UTF-16 string.
#[no_mangle]
pub unsafe extern "C" fn CreateFileW(
    lpFileName: *const u16,
    dwDesiredAccess: u32,
    dwShareMode: u32,
    lpSecurityAttributes: *mut c_void,
    dwCreationDisposition: u32,
    dwFlagsAndAttributes: u32,
    hTemplateFile: *mut c_void,
) -> *mut c_void {
    let _ = (lpSecurityAttributes, hTemplateFile);
    // SAFETY: caller guarantee.
    let path = unsafe { super::win32_sync::name_w(lpFileName) };
    call(INVALID_HANDLE, || {
        create(
            path,
            dwDesiredAccess,
            (dwShareMode, dwCreationDisposition),
            dwFlagsAndAttributes,
        )
    })
}

/// The file's size: the low 32 bits, the high ones in `*lpFileSizeHigh` (may be NULL).
/// `INVALID_FILE_SIZE` (0xFFFFFFFF) with `ERROR_INVALID_HANDLE` for a handle that is no file
/// (a size whose low half is 0xFFFFFFFF leaves the last error 0, as on Windows).
///
/// # Safety
/// `lpFileSizeHigh` must be NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn GetFileSize(hFile: *mut c_void, lpFileSizeHigh: *mut u32) -> u32 {
    call(u32::MAX, || {
        let size = crate::sys::file::size(file_fd(hFile)?).map_err(file::error)?;
        // SAFETY: caller guarantee.
        if let Some(high) = unsafe { lpFileSizeHigh.as_mut() } {
            *high = (size >> 32) as u32;
        }
        // Only a size that reads like the failure value says so (Windows leaves the last
        // error alone otherwise).
        if size as u32 == u32::MAX {
            crate::error::set_last_error(0);
        }
        Ok(size as u32)
    })
}

/// The file's size in a `LARGE_INTEGER`. TRUE, or FALSE with `ERROR_INVALID_HANDLE` /
/// `ERROR_NOACCESS` (NULL).
///
/// # Safety
/// `lpFileSize` must be NULL or point to a writable `LARGE_INTEGER`.
#[no_mangle]
pub unsafe extern "C" fn GetFileSizeEx(hFile: *mut c_void, lpFileSize: *mut c_void) -> i32 {
    call(0, || {
        let size = crate::sys::file::size(file_fd(hFile)?).map_err(file::error)?;
        if lpFileSize.is_null() {
            return Err(err(codes::ERROR_NOACCESS));
        }
        // SAFETY: caller guarantee.
        unsafe { (lpFileSize as *mut i64).write_unaligned(size as i64) };
        Ok(1)
    })
}

/// Moves the file position by `lDistanceToMove` (with `*lpDistanceToMoveHigh` as its high 32
/// bits when given) from `FILE_BEGIN`, `FILE_CURRENT` or `FILE_END`. Returns the new
/// position's low 32 bits (the high ones in `*lpDistanceToMoveHigh`), or
/// `INVALID_SET_FILE_POINTER` with `ERROR_NEGATIVE_SEEK`, `ERROR_INVALID_HANDLE`,
/// `ERROR_INVALID_PARAMETER`. A success leaves the last error alone, except that a position
/// whose low half is 0xFFFFFFFF sets it to 0, as on Windows.
///
/// # Safety
/// `lpDistanceToMoveHigh` must be NULL or readable and writable.
#[no_mangle]
pub unsafe extern "C" fn SetFilePointer(
    hFile: *mut c_void,
    lDistanceToMove: i32,
    lpDistanceToMoveHigh: *mut i32,
    dwMoveMethod: u32,
) -> u32 {
    call(u32::MAX, || {
        let fd = file_fd(hFile)?;
        // SAFETY: caller guarantee.
        let high = unsafe { lpDistanceToMoveHigh.as_mut() };
        let distance = match &high {
            Some(h) => (i64::from(**h) << 32) | i64::from(lDistanceToMove as u32),
            None => i64::from(lDistanceToMove),
        };
        let pos = file::seek(fd, distance, dwMoveMethod)?;
        if let Some(h) = high {
            *h = (pos >> 32) as i32;
        }
        // As `GetFileSize`: the last error is cleared only when the position's low half reads
        // like `INVALID_SET_FILE_POINTER`.
        if pos as u32 == u32::MAX {
            crate::error::set_last_error(0);
        }
        Ok(pos as u32)
    })
}

/// `SetFilePointer` with 64-bit values: the new position in `*lpNewFilePointer` (may be NULL).
/// TRUE, or FALSE with the errors of `SetFilePointer`.
///
/// # Safety
/// `lpNewFilePointer` must be NULL or point to a writable `LARGE_INTEGER`.
#[no_mangle]
pub unsafe extern "C" fn SetFilePointerEx(
    hFile: *mut c_void,
    liDistanceToMove: i64,
    lpNewFilePointer: *mut c_void,
    dwMoveMethod: u32,
) -> i32 {
    call(0, || {
        let pos = file::seek(file_fd(hFile)?, liDistanceToMove, dwMoveMethod)?;
        if !lpNewFilePointer.is_null() {
            // SAFETY: caller guarantee.
            unsafe { (lpNewFilePointer as *mut i64).write_unaligned(pos as i64) };
        }
        Ok(1)
    })
}

/// Cuts (or extends) the file at its current position. TRUE, or FALSE with a Win32 error
/// (`ERROR_ACCESS_DENIED` through a handle opened without write access, as on Windows).
#[no_mangle]
pub extern "C" fn SetEndOfFile(hFile: *mut c_void) -> i32 {
    call(0, || {
        let fd = file_fd(hFile)?;
        write_access(fd)?;
        let pos = file::seek(fd, 0, 1)?;
        crate::sys::file::truncate(fd, pos).map_err(file::error)?;
        Ok(1)
    })
}

/// Flushes a file to its device (`fsync`); on a socket or standard handle it succeeds and does
/// nothing. TRUE, or FALSE with `ERROR_INVALID_HANDLE`, `ERROR_ACCESS_DENIED` (a file handle
/// opened without write access, as on Windows).
#[no_mangle]
pub extern "C" fn FlushFileBuffers(hFile: *mut c_void) -> i32 {
    call(0, || {
        let h = hFile as usize;
        if let Some(fd) = file::fd_of(h) {
            write_access(fd)?;
            crate::sys::file::sync(fd).map_err(file::error)?;
            return Ok(1);
        }
        if console::std_fd(h).is_some()
            || socket_handle(hFile).is_ok()
            || super::win32_named_pipe::is_pipe(hFile)
        {
            return Ok(1);
        }
        Err(err(codes::ERROR_INVALID_HANDLE))
    })
}

/// `ERROR_ACCESS_DENIED` unless the file's descriptor was opened to write (Windows' calls that
/// change a file, or flush it, want the handle's write access).
fn write_access(fd: i32) -> WsaResult<()> {
    if crate::sys::file_stat::writable(fd).map_err(file::error)? {
        Ok(())
    } else {
        Err(err(codes::ERROR_ACCESS_DENIED))
    }
}

/// Removes a file. TRUE, or FALSE with `ERROR_FILE_NOT_FOUND`, `ERROR_PATH_NOT_FOUND` (a
/// missing directory, an empty name, NULL), `ERROR_INVALID_NAME` (a wildcard),
/// `ERROR_ACCESS_DENIED` (a directory, a read-only file), `ERROR_SHARING_VIOLATION` (a handle
/// has it open without `FILE_SHARE_DELETE`), ...
///
/// # Safety
/// `lpFileName` must be NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn DeleteFileA(lpFileName: *const std::os::raw::c_char) -> i32 {
    // SAFETY: caller guarantee.
    let path = unsafe { super::win32_sync::name_a(lpFileName) };
    call(0, || delete(path))
}

/// `DeleteFileA` with a UTF-16 path.
///
/// # Safety
/// `lpFileName` must be NULL or a NUL-terminated UTF-16 string.
#[no_mangle]
pub unsafe extern "C" fn DeleteFileW(lpFileName: *const u16) -> i32 {
    // SAFETY: caller guarantee.
    let path = unsafe { super::win32_sync::name_w(lpFileName) };
    call(0, || delete(path))
}

fn delete(path: Option<String>) -> WsaResult<i32> {
    let path = path.ok_or(err(ERROR_PATH_NOT_FOUND))?;
    check_name(&path)?;
    let c = c_path(path)?;
    // A read-only file is not deleted (not even by root), as on Windows.
    if crate::sys::file_stat::stat_path(&c).is_ok_and(|st| !st.directory && !st.owner_writable) {
        return Err(err(codes::ERROR_ACCESS_DENIED));
    }
    if !file::share_allows(&c, file_share::Share::removal()) {
        return Err(err(file::ERROR_SHARING_VIOLATION));
    }
    crate::sys::file::unlink(&c).map_err(|e| file::path_error(e, &c))?;
    Ok(1)
}

/// `FILE_TYPE_DISK` (1) for a file or directory (a standard handle redirected from or to one
/// too), `FILE_TYPE_CHAR` (2) for a device such as `NUL`,
/// `FILE_TYPE_CHAR` (2) for a standard handle on a terminal (`FILE_TYPE_PIPE`, 3, for one on a
/// pipe), and
/// `FILE_TYPE_PIPE` for a socket, as Windows reports them; `FILE_TYPE_UNKNOWN` (0) with
/// `ERROR_INVALID_HANDLE` for anything else.
#[no_mangle]
pub extern "C" fn GetFileType(hFile: *mut c_void) -> u32 {
    let mut h = hFile as usize;
    // The `STD_*_HANDLE` numbers themselves stand for the standard handles here.
    if let Ok(std) = u32::try_from(h)
        .map_err(|_| ())
        .and_then(|w| console::std_handle(w).map_err(|_| ()))
    {
        h = std;
    }
    if let Some(fd) = file::fd_of(h) {
        // A character device (the `NUL` device) is one; a pipe end is a pipe.
        return if file::is_pipe(fd) {
            3
        } else if crate::sys::file::is_regular(fd)
            || crate::sys::file_stat::stat(fd).is_ok_and(|st| st.directory)
        {
            1
        } else {
            2
        };
    }
    if let Some(fd) = console::std_fd(h) {
        return if crate::sys::console::is_terminal(fd) {
            2
        } else if crate::sys::file::is_regular(fd) {
            1
        } else {
            3
        };
    }
    if socket_handle(hFile).is_ok() || super::win32_named_pipe::is_pipe(hFile) {
        return 3;
    }
    crate::error::set_last_error(codes::ERROR_INVALID_HANDLE);
    0
}

/// `INVALID_FILE_ATTRIBUTES`.
const INVALID_FILE_ATTRIBUTES: u32 = u32::MAX;

fn attributes(path: Option<String>) -> WsaResult<u32> {
    let path = path.ok_or(err(codes::ERROR_INVALID_PARAMETER))?;
    let c = c_path(path)?;
    let st = crate::sys::file_stat::stat_path(&c).map_err(|e| match e {
        libc::ENOENT | libc::ENOTDIR => file::path_error(e, &c),
        _ => err(codes::ERROR_FILE_NOT_FOUND),
    })?;
    Ok(super::win32_file_info::attributes(&st))
}

/// A path's attributes: `FILE_ATTRIBUTE_DIRECTORY`, `FILE_ATTRIBUTE_READONLY` (the owner may
/// not write it) or `FILE_ATTRIBUTE_NORMAL`; `INVALID_FILE_ATTRIBUTES` with
/// `ERROR_FILE_NOT_FOUND` when it does not exist (the way programs test for a file;
/// `ERROR_PATH_NOT_FOUND` when its directory does not).
///
/// # Safety
/// `lpFileName` must be NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn GetFileAttributesA(lpFileName: *const std::os::raw::c_char) -> u32 {
    // SAFETY: caller guarantee.
    let path = unsafe { super::win32_sync::name_a(lpFileName) };
    call(INVALID_FILE_ATTRIBUTES, || attributes(path))
}

/// `GetFileAttributesA` with a UTF-16 path.
///
/// # Safety
/// `lpFileName` must be NULL or a NUL-terminated UTF-16 string.
#[no_mangle]
pub unsafe extern "C" fn GetFileAttributesW(lpFileName: *const u16) -> u32 {
    // SAFETY: caller guarantee.
    let path = unsafe { super::win32_sync::name_w(lpFileName) };
    call(INVALID_FILE_ATTRIBUTES, || attributes(path))
}

/// `ERROR_DIRECTORY`: `RemoveDirectory` of a file.
const ERROR_DIRECTORY: i32 = 267;

fn directory(path: Option<String>, make: bool) -> WsaResult<i32> {
    let path = path.ok_or(err(ERROR_PATH_NOT_FOUND))?;
    check_name(&path)?;
    let c = c_path(path)?;
    if make {
        // "." and ".." (and a file's name) exist already; a missing parent is the path's.
        return crate::sys::file::mkdir(&c)
            .map_err(|e| match e {
                libc::EEXIST => err(file::ERROR_ALREADY_EXISTS),
                libc::ENOENT | libc::ENOTDIR => err(ERROR_PATH_NOT_FOUND),
                e => file::error(e),
            })
            .map(|()| 1);
    }
    match &crate::sys::file_stat::stat_path(&c) {
        Ok(st) if !st.directory => return Err(err(ERROR_DIRECTORY)),
        // Windows keeps the current directory open, and an open directory is not removed.
        Ok(st) if is_current_directory(st) => return Err(err(file::ERROR_SHARING_VIOLATION)),
        _ => {}
    }
    crate::sys::file::rmdir(&c).map_err(|e| match e {
        libc::ENOTDIR => err(ERROR_PATH_NOT_FOUND),
        e => file::path_error(e, &c),
    })?;
    Ok(1)
}

/// Whether `st` is the current directory's.
fn is_current_directory(st: &crate::sys::file_stat::Stat) -> bool {
    crate::sys::file_stat::stat_path(c".").is_ok_and(|cwd| cwd.dev == st.dev && cwd.ino == st.ino)
}

/// Makes a directory (the security attributes are ignored). TRUE, or FALSE with
/// `ERROR_ALREADY_EXISTS` (also ".", ".." and a file's name), `ERROR_PATH_NOT_FOUND` (a
/// missing parent, an empty name, NULL), `ERROR_INVALID_NAME` (a wildcard),
/// `ERROR_ACCESS_DENIED`.
///
/// # Safety
/// `lpPathName` must be NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn CreateDirectoryA(
    lpPathName: *const std::os::raw::c_char,
    lpSecurityAttributes: *mut c_void,
) -> i32 {
    let _ = lpSecurityAttributes;
    // SAFETY: caller guarantee.
    let path = unsafe { super::win32_sync::name_a(lpPathName) };
    call(0, || directory(path, true))
}

/// Removes an empty directory. TRUE, or FALSE with `ERROR_DIR_NOT_EMPTY`,
/// `ERROR_FILE_NOT_FOUND` (`ERROR_PATH_NOT_FOUND` under a missing parent), `ERROR_DIRECTORY`
/// (a file), `ERROR_SHARING_VIOLATION` (the current directory, which Windows keeps open),
/// `ERROR_INVALID_NAME` (a wildcard), ...
///
/// # Safety
/// `lpPathName` must be NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn RemoveDirectoryA(lpPathName: *const std::os::raw::c_char) -> i32 {
    // SAFETY: caller guarantee.
    let path = unsafe { super::win32_sync::name_a(lpPathName) };
    call(0, || directory(path, false))
}

/// `CreateDirectoryA` with a UTF-16 path.
///
/// # Safety
/// `lpPathName` must be NULL or a NUL-terminated UTF-16 string.
#[no_mangle]
pub unsafe extern "C" fn CreateDirectoryW(
    lpPathName: *const u16,
    lpSecurityAttributes: *mut c_void,
) -> i32 {
    let _ = lpSecurityAttributes;
    // SAFETY: caller guarantee.
    let path = unsafe { super::win32_sync::name_w(lpPathName) };
    call(0, || directory(path, true))
}

/// `RemoveDirectoryA` with a UTF-16 path.
///
/// # Safety
/// `lpPathName` must be NULL or a NUL-terminated UTF-16 string.
#[no_mangle]
pub unsafe extern "C" fn RemoveDirectoryW(lpPathName: *const u16) -> i32 {
    // SAFETY: caller guarantee.
    let path = unsafe { super::win32_sync::name_w(lpPathName) };
    call(0, || directory(path, false))
}

/// The Win32 error of a failed copy or move; "already there" is `exists`.
fn copy_move_error(e: std::io::Error, exists: i32) -> WsaError {
    match (e.kind(), e.raw_os_error()) {
        (std::io::ErrorKind::AlreadyExists, _) => err(exists),
        // Stopped by a progress routine (`CopyFileEx`).
        (std::io::ErrorKind::Interrupted, None) => err(ERROR_REQUEST_ABORTED),
        (_, Some(libc::EBUSY)) => err(file::ERROR_SHARING_VIOLATION),
        (std::io::ErrorKind::PermissionDenied, _) => err(codes::ERROR_ACCESS_DENIED),
        (_, errno) => file::error(errno.unwrap_or(libc::EIO)),
    }
}

/// `ERROR_REQUEST_ABORTED`: a copy its progress routine stopped.
const ERROR_REQUEST_ABORTED: i32 = 1235;
/// `ERROR_FILE_EXISTS`: `CopyFile`'s answer for an existing target with `bFailIfExists`.
const ERROR_FILE_EXISTS: i32 = 80;
const MOVEFILE_REPLACE_EXISTING: u32 = 0x1;
const MOVEFILE_COPY_ALLOWED: u32 = 0x2;
const MOVEFILE_WRITE_THROUGH: u32 = 0x8;

/// Whether the handles open on `path` let an open `share` of it be made (else
/// `ERROR_SHARING_VIOLATION`).
fn shared(path: &str, share: file_share::Share) -> WsaResult<()> {
    if file::share_allows(&c_path(path.to_owned())?, share) {
        Ok(())
    } else {
        Err(err(file::ERROR_SHARING_VIOLATION))
    }
}

/// A copy's progress routine: `CopyFileEx`'s, or none.
pub(super) type Progress<'a> = &'a mut dyn FnMut(u64, u64) -> Step;

pub(super) fn copy_file(
    from: Option<String>,
    to: Option<String>,
    fail_if_exists: i32,
    progress: Progress<'_>,
) -> WsaResult<i32> {
    let (Some(from), Some(to)) = (from, to) else {
        return Err(err(codes::ERROR_INVALID_PARAMETER));
    };
    // Windows opens the source (to read, sharing everything) before the target (to write,
    // sharing reading and writing): a handle that does not share that refuses the copy.
    shared(&from, file_share::Share::copy_source())?;
    if !from.contains(['*', '?'])
        && std::path::Path::new(&crate::win32::path::native(&from)).exists()
    {
        shared(&to, file_share::Share::copy_target())?;
    }
    if fail_if_exists == 0
        && read_only_file(&to)
        && !same_path_file(&from, &to)
        && readable_file(&from)
    {
        // Windows does not overwrite a read-only file (root here could).
        return Err(err(codes::ERROR_ACCESS_DENIED));
    }
    crate::win32::copy_move::copy(&from, &to, fail_if_exists != 0, progress)
        .map_err(|e| missing_name(copy_move_error(e, ERROR_FILE_EXISTS), &from, &to))?;
    Ok(1)
}

pub(super) fn move_file(
    from: Option<String>,
    to: Option<String>,
    flags: u32,
    progress: Progress<'_>,
) -> WsaResult<i32> {
    let (Some(from), Some(to)) = (from, to) else {
        return Err(err(codes::ERROR_INVALID_PARAMETER));
    };
    if flags & !(MOVEFILE_REPLACE_EXISTING | MOVEFILE_COPY_ALLOWED | MOVEFILE_WRITE_THROUGH) != 0 {
        // MOVEFILE_DELAY_UNTIL_REBOOT (4) and the rest: nothing here runs at the next boot.
        return Err(err(codes::ERROR_INVALID_PARAMETER));
    }
    check_name(&to)?;
    // The source is opened to be renamed (delete access): a handle that does not share
    // deleting refuses it; a file in the way that a handle has open cannot be replaced.
    shared(&from, file_share::Share::removal())?;
    let replace = flags & MOVEFILE_REPLACE_EXISTING != 0;
    // Nor is a read-only file replaced (root here could).
    if replace
        && (file::is_open_path(&c_path(to.clone())?) || read_only_file(&to))
        && !same_path_file(&from, &to)
    {
        return Err(err(codes::ERROR_ACCESS_DENIED));
    }
    let copy_allowed = flags & MOVEFILE_COPY_ALLOWED != 0;
    crate::win32::copy_move::rename(&from, &to, replace, copy_allowed, progress)
        .map_err(|e| missing_name(copy_move_error(e, file::ERROR_ALREADY_EXISTS), &from, &to))?;
    Ok(1)
}

/// What `path` names, if it can be read.
fn stat_of(path: &str) -> Option<crate::sys::file_stat::Stat> {
    crate::sys::file_stat::stat_path(&c_path(path.to_owned()).ok()?).ok()
}

/// Whether `path` names a file with the read-only attribute (the owner may not write it).
fn read_only_file(path: &str) -> bool {
    stat_of(path).is_some_and(|st| !st.directory && !st.owner_writable)
}

/// Whether `path` names an existing file (a copy's source opens before its target).
fn readable_file(path: &str) -> bool {
    stat_of(path).is_some_and(|st| !st.directory)
}

/// Whether two names are the same file.
fn same_path_file(a: &str, b: &str) -> bool {
    stat_of(a)
        .zip(stat_of(b))
        .is_some_and(|(a, b)| (a.dev, a.ino) == (b.dev, b.ino))
}

/// A copy or move that found no file: `ERROR_PATH_NOT_FOUND` when the source's directory or
/// the target's is missing, as on Windows (the system does not say which name it missed).
fn missing_name(e: WsaError, from: &str, to: &str) -> WsaError {
    if e.0 != codes::ERROR_FILE_NOT_FOUND {
        return e;
    }
    let (Ok(from), Ok(to)) = (c_path(from.to_owned()), c_path(to.to_owned())) else {
        return e;
    };
    if crate::sys::file_stat::stat_path(&from).is_err() {
        return file::path_error(libc::ENOENT, &from);
    }
    if !file::parent_exists(&to) {
        return err(ERROR_PATH_NOT_FOUND);
    }
    e
}

/// Copies a file (contents and permissions). TRUE, or FALSE with `ERROR_FILE_EXISTS` (the
/// target exists and `bFailIfExists`), `ERROR_FILE_NOT_FOUND`, `ERROR_PATH_NOT_FOUND`,
/// `ERROR_ACCESS_DENIED`.
///
/// # Safety
/// The names must be NULL or NUL-terminated strings.
#[no_mangle]
pub unsafe extern "C" fn CopyFileA(
    lpExistingFileName: *const std::os::raw::c_char,
    lpNewFileName: *const std::os::raw::c_char,
    bFailIfExists: i32,
) -> i32 {
    // SAFETY: caller guarantee.
    let (from, to) = unsafe {
        (
            super::win32_sync::name_a(lpExistingFileName),
            super::win32_sync::name_a(lpNewFileName),
        )
    };
    call(0, || {
        copy_file(from, to, bFailIfExists, &mut |_, _| Step::Continue)
    })
}

/// `CopyFileA` with UTF-16 names.
///
/// # Safety
/// The names must be NULL or NUL-terminated UTF-16 strings.
#[no_mangle]
pub unsafe extern "C" fn CopyFileW(
    lpExistingFileName: *const u16,
    lpNewFileName: *const u16,
    bFailIfExists: i32,
) -> i32 {
    // SAFETY: caller guarantee.
    let (from, to) = unsafe {
        (
            super::win32_sync::name_w(lpExistingFileName),
            super::win32_sync::name_w(lpNewFileName),
        )
    };
    call(0, || {
        copy_file(from, to, bFailIfExists, &mut |_, _| Step::Continue)
    })
}

/// Moves (renames) a file or directory; an existing target is `ERROR_ALREADY_EXISTS`.
///
/// # Safety
/// The names must be NULL or NUL-terminated strings.
#[no_mangle]
pub unsafe extern "C" fn MoveFileA(
    lpExistingFileName: *const std::os::raw::c_char,
    lpNewFileName: *const std::os::raw::c_char,
) -> i32 {
    // SAFETY: caller guarantee.
    let (from, to) = unsafe {
        (
            super::win32_sync::name_a(lpExistingFileName),
            super::win32_sync::name_a(lpNewFileName),
        )
    };
    call(0, || move_file(from, to, 0, &mut |_, _| Step::Continue))
}

/// `MoveFileA` with UTF-16 names.
///
/// # Safety
/// The names must be NULL or NUL-terminated UTF-16 strings.
#[no_mangle]
pub unsafe extern "C" fn MoveFileW(
    lpExistingFileName: *const u16,
    lpNewFileName: *const u16,
) -> i32 {
    // SAFETY: caller guarantee.
    let (from, to) = unsafe {
        (
            super::win32_sync::name_w(lpExistingFileName),
            super::win32_sync::name_w(lpNewFileName),
        )
    };
    call(0, || move_file(from, to, 0, &mut |_, _| Step::Continue))
}

/// `MoveFileA` with `MOVEFILE_REPLACE_EXISTING` (replace a file there), `MOVEFILE_COPY_ALLOWED`
/// (copy and delete across file systems) and `MOVEFILE_WRITE_THROUGH` (accepted);
/// `MOVEFILE_DELAY_UNTIL_REBOOT` and other flags are `ERROR_INVALID_PARAMETER`.
///
/// # Safety
/// The names must be NULL or NUL-terminated strings.
#[no_mangle]
pub unsafe extern "C" fn MoveFileExA(
    lpExistingFileName: *const std::os::raw::c_char,
    lpNewFileName: *const std::os::raw::c_char,
    dwFlags: u32,
) -> i32 {
    // SAFETY: caller guarantee.
    let (from, to) = unsafe {
        (
            super::win32_sync::name_a(lpExistingFileName),
            super::win32_sync::name_a(lpNewFileName),
        )
    };
    call(0, || {
        move_file(from, to, dwFlags, &mut |_, _| Step::Continue)
    })
}

/// `MoveFileExA` with UTF-16 names.
///
/// # Safety
/// The names must be NULL or NUL-terminated UTF-16 strings.
#[no_mangle]
pub unsafe extern "C" fn MoveFileExW(
    lpExistingFileName: *const u16,
    lpNewFileName: *const u16,
    dwFlags: u32,
) -> i32 {
    // SAFETY: caller guarantee.
    let (from, to) = unsafe {
        (
            super::win32_sync::name_w(lpExistingFileName),
            super::win32_sync::name_w(lpNewFileName),
        )
    };
    call(0, || {
        move_file(from, to, dwFlags, &mut |_, _| Step::Continue)
    })
}

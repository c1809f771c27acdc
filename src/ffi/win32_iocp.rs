//! I/O completion ports: `CreateIoCompletionPort`, `GetQueuedCompletionStatus(Ex)`,
//! `PostQueuedCompletionStatus`. A port is a handle like the others (`CloseHandle` closes it);
//! sockets are associated with it by passing them as `(HANDLE)s`.

use super::call;
use super::overlapped::socket_handle;
use super::types::WSAOVERLAPPED;
use crate::error::{WsaError, WsaResult};
use crate::handle::port::{NoPacket, Packet, Port};
use crate::handle::{codes, err, table, Kind, Object};
use crate::overlapped::{status, Lead};
use std::os::raw::c_void;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// One entry of `GetQueuedCompletionStatusEx`'s output.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct OVERLAPPED_ENTRY {
    pub lpCompletionKey: usize,
    pub lpOverlapped: *mut WSAOVERLAPPED,
    /// The operation's NTSTATUS (0: success).
    pub Internal: usize,
    pub dwNumberOfBytesTransferred: u32,
}

const INVALID_HANDLE_VALUE: usize = usize::MAX;
const WAIT_IO_COMPLETION: i32 = 0xC0;
const INFINITE: u32 = 0xffff_ffff;

fn port_of(h: *mut c_void) -> WsaResult<Arc<Port>> {
    let object = table::get(h as usize).map_err(|_| err(codes::ERROR_INVALID_HANDLE))?;
    match &object.kind {
        Kind::Port(p) => Ok(p.clone()),
        _ => Err(err(codes::ERROR_INVALID_HANDLE)),
    }
}

fn new_port(concurrency: u32) -> WsaResult<(usize, Arc<Port>)> {
    let port = Port::new(concurrency).map_err(|_| err(codes::ERROR_NOT_ENOUGH_MEMORY))?;
    let object = Object::new(Kind::Port(port.clone()), None, false)?;
    port.signal_with(object.event.clone());
    Ok((table::insert(object, false)?, port))
}

fn deadline(ms: u32) -> Option<Instant> {
    (ms != INFINITE).then(|| Instant::now() + Duration::from_millis(u64::from(ms)))
}

fn no_packet(why: NoPacket) -> WsaError {
    match why {
        NoPacket::Timeout => err(codes::WAIT_TIMEOUT),
        NoPacket::Closed => err(codes::ERROR_ABANDONED_WAIT_0),
        NoPacket::Alerted => err(WAIT_IO_COMPLETION),
    }
}

/// Creates a completion port, associates a socket, a named pipe end or a file with one, or
/// both.
///
/// - `FileHandle` `INVALID_HANDLE_VALUE`, `ExistingCompletionPort` NULL: a new port;
///   `NumberOfConcurrentThreads` is how many threads it lets run at once (0: one per
///   processor).
/// - `FileHandle` a socket (`(HANDLE)s`), a named pipe end or a file from `CreateFile`: the
///   completions of its overlapped operations are queued, with `CompletionKey`, to
///   `ExistingCompletionPort` (returned), or to a new port when that is NULL. (A file's
///   transfers complete at once; each with an `OVERLAPPED` still queues its packet, as a
///   transfer that completes at once does on Windows.)
///
/// Returns the port's handle, or NULL with `ERROR_INVALID_HANDLE` (`FileHandle` none of these,
/// `ExistingCompletionPort` not a port) or `ERROR_INVALID_PARAMETER` (the socket is already
/// associated with a port, as on Windows; `INVALID_HANDLE_VALUE` with an existing port).
#[no_mangle]
pub extern "C" fn CreateIoCompletionPort(
    FileHandle: *mut c_void,
    ExistingCompletionPort: *mut c_void,
    CompletionKey: usize,
    NumberOfConcurrentThreads: u32,
) -> *mut c_void {
    call(std::ptr::null_mut(), || {
        if FileHandle as usize == INVALID_HANDLE_VALUE {
            if !ExistingCompletionPort.is_null() {
                return Err(err(codes::ERROR_INVALID_PARAMETER));
            }
            return Ok(new_port(NumberOfConcurrentThreads)?.0 as *mut c_void);
        }
        if let Some(end) = crate::named_pipe::lookup(FileHandle as usize) {
            if ExistingCompletionPort.is_null() {
                let (h, port) = new_port(NumberOfConcurrentThreads)?;
                if let Err(e) = end.associate(port, CompletionKey) {
                    let _ = table::close(h);
                    return Err(e);
                }
                return Ok(h as *mut c_void);
            }
            end.associate(port_of(ExistingCompletionPort)?, CompletionKey)?;
            return Ok(ExistingCompletionPort);
        }
        if crate::handle::file::fd_of(FileHandle as usize).is_some() {
            // A file from `CreateFile`: its overlapped transfers post their packets there.
            let file = FileHandle as usize;
            if ExistingCompletionPort.is_null() {
                let (h, port) = new_port(NumberOfConcurrentThreads)?;
                if let Err(e) = crate::handle::file::associate(file, port, CompletionKey) {
                    let _ = table::close(h);
                    return Err(e);
                }
                return Ok(h as *mut c_void);
            }
            let port = port_of(ExistingCompletionPort)?;
            crate::handle::file::associate(file, port, CompletionKey)?;
            return Ok(ExistingCompletionPort);
        }
        let sock = socket_handle(FileHandle)?;
        if ExistingCompletionPort.is_null() {
            let (h, port) = new_port(NumberOfConcurrentThreads)?;
            if let Err(e) = crate::overlapped::associate(&sock, port, CompletionKey) {
                let _ = table::close(h);
                return Err(e);
            }
            return Ok(h as *mut c_void);
        }
        let port = port_of(ExistingCompletionPort)?;
        crate::overlapped::associate(&sock, port, CompletionKey)?;
        Ok(ExistingCompletionPort)
    })
}

/// Takes one completion packet from the port, waiting up to `dwMilliseconds` (`INFINITE`:
/// forever). Threads waiting on one port are woken most recent first.
///
/// - TRUE: an operation succeeded (or a `PostQueuedCompletionStatus` packet): its byte count,
///   key and `OVERLAPPED` are written.
/// - FALSE with `*lpOverlapped` non-NULL: the operation failed; the three outputs describe it
///   and `GetLastError` is its Win32 error (`ERROR_OPERATION_ABORTED` for a cancelled one or
///   one whose socket was closed, `ERROR_NETNAME_DELETED` for a reset connection, ...).
/// - FALSE with `*lpOverlapped` NULL: `WAIT_TIMEOUT` (258), `ERROR_ABANDONED_WAIT_0` (735: the
///   port's handle was closed during the wait), `ERROR_INVALID_HANDLE` (not a port),
///   `ERROR_INVALID_PARAMETER` (a NULL output pointer).
///
/// # Safety
/// The three output pointers must be NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn GetQueuedCompletionStatus(
    CompletionPort: *mut c_void,
    lpNumberOfBytesTransferred: *mut u32,
    lpCompletionKey: *mut usize,
    lpOverlapped: *mut *mut WSAOVERLAPPED,
    dwMilliseconds: u32,
) -> i32 {
    call(0, || {
        if lpNumberOfBytesTransferred.is_null()
            || lpCompletionKey.is_null()
            || lpOverlapped.is_null()
        {
            return Err(err(codes::ERROR_INVALID_PARAMETER));
        }
        let port = port_of(CompletionPort).inspect_err(|_| {
            // SAFETY: checked non-NULL; caller guarantee.
            unsafe { *lpOverlapped = std::ptr::null_mut() };
        })?;
        let mut out = [Packet {
            key: 0,
            overlapped: 0,
            bytes: 0,
            status: 0,
        }];
        match port.take(&mut out, deadline(dwMilliseconds), false, Lead::take) {
            Ok(_) => {
                let p = out[0];
                // SAFETY: checked non-NULL; caller guarantee.
                unsafe {
                    *lpNumberOfBytesTransferred = p.bytes;
                    *lpCompletionKey = p.key;
                    *lpOverlapped = p.overlapped as *mut WSAOVERLAPPED;
                }
                match status::to_win32(p.status) {
                    None => Ok(1),
                    Some(e) => Err(e),
                }
            }
            Err(why) => {
                // SAFETY: checked non-NULL; caller guarantee.
                unsafe { *lpOverlapped = std::ptr::null_mut() };
                Err(no_packet(why))
            }
        }
    })
}

/// Takes up to `ulCount` completion packets at once (at least one), waiting up to
/// `dwMilliseconds`. Each entry carries the key, the `OVERLAPPED`, its status in `Internal`
/// (failed operations are returned too; the call still succeeds) and the byte count;
/// `*ulNumEntriesRemoved` says how many. With `fAlertable` TRUE, APCs queued to the thread
/// (completion routines, `QueueUserAPC`) run during the wait and end it: FALSE with
/// `WAIT_IO_COMPLETION` (192) and no entries.
///
/// Errors (FALSE, `*ulNumEntriesRemoved` 0): `WAIT_TIMEOUT`, `ERROR_ABANDONED_WAIT_0`,
/// `ERROR_INVALID_HANDLE`, `ERROR_INVALID_PARAMETER` (NULL array or count pointer, `ulCount`
/// 0). At most 64 entries are returned per call.
///
/// # Safety
/// `lpCompletionPortEntries` must be writable for `ulCount` entries; `ulNumEntriesRemoved`
/// NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn GetQueuedCompletionStatusEx(
    CompletionPort: *mut c_void,
    lpCompletionPortEntries: *mut OVERLAPPED_ENTRY,
    ulCount: u32,
    ulNumEntriesRemoved: *mut u32,
    dwMilliseconds: u32,
    fAlertable: i32,
) -> i32 {
    call(0, || {
        if lpCompletionPortEntries.is_null() || ulNumEntriesRemoved.is_null() || ulCount == 0 {
            return Err(err(codes::ERROR_INVALID_PARAMETER));
        }
        // SAFETY: checked non-NULL; caller guarantee.
        unsafe { *ulNumEntriesRemoved = 0 };
        let port = port_of(CompletionPort)?;
        const MAX: usize = 64;
        let mut out = [Packet {
            key: 0,
            overlapped: 0,
            bytes: 0,
            status: 0,
        }; MAX];
        let want = (ulCount as usize).min(MAX);
        let n = port
            .take(
                &mut out[..want],
                deadline(dwMilliseconds),
                fAlertable != 0,
                Lead::take,
            )
            .map_err(no_packet)?;
        // SAFETY: caller guarantee: the array holds `ulCount` >= `n` entries.
        let entries = unsafe { std::slice::from_raw_parts_mut(lpCompletionPortEntries, n) };
        for (e, p) in entries.iter_mut().zip(&out[..n]) {
            *e = OVERLAPPED_ENTRY {
                lpCompletionKey: p.key,
                lpOverlapped: p.overlapped as *mut WSAOVERLAPPED,
                Internal: p.status as usize,
                dwNumberOfBytesTransferred: p.bytes,
            };
        }
        // SAFETY: checked non-NULL; caller guarantee.
        unsafe { *ulNumEntriesRemoved = n as u32 };
        Ok(1)
    })
}

/// Queues a packet of the program's own to the port: a waiter receives exactly these three
/// values (`lpOverlapped` may be anything, it is not read) and TRUE. Returns TRUE, or FALSE
/// with `ERROR_INVALID_HANDLE` (not a port).
#[no_mangle]
pub extern "C" fn PostQueuedCompletionStatus(
    CompletionPort: *mut c_void,
    dwNumberOfBytesTransferred: u32,
    dwCompletionKey: usize,
    lpOverlapped: *mut WSAOVERLAPPED,
) -> i32 {
    call(0, || {
        let port = port_of(CompletionPort)?;
        if !port.post(Packet {
            key: dwCompletionKey,
            overlapped: lpOverlapped as usize,
            bytes: dwNumberOfBytesTransferred,
            status: 0,
        }) {
            return Err(err(codes::ERROR_INVALID_HANDLE));
        }
        Ok(1)
    })
}

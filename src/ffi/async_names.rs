//! Winsock's asynchronous database calls: `WSAAsyncGetHostByName`, `WSAAsyncGetHostByAddr`,
//! `WSAAsyncGetServByName`, `WSAAsyncGetServByPort`, `WSAAsyncGetProtoByName`,
//! `WSAAsyncGetProtoByNumber` and `WSACancelAsyncRequest`.
//!
//! Each call copies its arguments, returns a task handle at once and runs the lookup of the
//! synchronous call (`gethostbyname`, ...) on a thread of its own. When it finishes, the entry is
//! laid out in the program's buffer as Windows lays it out (the structure first, its pointers
//! into the same buffer) and the window gets `wMsg` with `wParam` the task handle and `lParam`
//! `WSAMAKEASYNCREPLY(length, error)`: the entry's length and 0, the length the entry needs and
//! `WSAENOBUFS` when the buffer is too small (nothing written), or 0 and the lookup's error.
//! A request cancelled with `WSACancelAsyncRequest` before it finished writes nothing and posts
//! nothing.

use super::names::text;
use super::{call, entries, read_array};
use crate::error::{WsaError, WsaResult};
use crate::names::{hosts, services};
use crate::window::queue::{make_reply, Msg};
use crate::winsock::SOCKET_ERROR;
use entries::Entry;
use parking_lot::Mutex;
use std::collections::{HashSet, VecDeque};
use std::os::raw::{c_char, c_void};
use std::sync::atomic::{AtomicUsize, Ordering};

/// How many finished requests are remembered, so that cancelling one is `WSAEALREADY`.
const REMEMBERED: usize = 1024;

#[derive(Default)]
struct Tasks {
    pending: HashSet<usize>,
    finished: VecDeque<usize>,
}

fn tasks() -> &'static Mutex<Tasks> {
    static TASKS: std::sync::OnceLock<Mutex<Tasks>> = std::sync::OnceLock::new();
    TASKS.get_or_init(Default::default)
}

/// Where the answer goes.
struct Reply {
    hwnd: usize,
    message: u32,
    buf: usize,
    buflen: usize,
}

/// Starts `lookup` on a thread of its own; returns the task handle.
fn start(
    reply: Reply,
    lookup: impl FnOnce() -> WsaResult<Entry> + Send + 'static,
) -> WsaResult<*mut c_void> {
    static NEXT: AtomicUsize = AtomicUsize::new(1);
    crate::runtime::check()?;
    let task = NEXT.fetch_add(1, Ordering::Relaxed);
    tasks().lock().pending.insert(task);
    let spawned = std::thread::Builder::new()
        .name("ws2mp-async-db".into())
        .spawn(move || finish(task, &reply, lookup()));
    if spawned.is_err() {
        tasks().lock().pending.remove(&task);
        return Err(WsaError::WSAEWOULDBLOCK);
    }
    Ok(task as *mut c_void)
}

/// Writes the entry into the program's buffer and posts the message, unless the request was
/// cancelled (the lock makes the two exclusive).
fn finish(task: usize, reply: &Reply, found: WsaResult<Entry>) {
    let laid = found.map(|e| entries::block(&e, reply.buf));
    let mut tasks = tasks().lock();
    if !tasks.pending.remove(&task) {
        return;
    }
    let (length, error) = match &laid {
        Ok(bytes) if bytes.len() > reply.buflen => (bytes.len(), WsaError::WSAENOBUFS.0),
        Ok(bytes) => {
            let written = crate::sys::copy_to_user(reply.buf as *mut u8, bytes);
            (
                bytes.len(),
                if written.is_ok() {
                    0
                } else {
                    WsaError::WSAEFAULT.0
                },
            )
        }
        Err(e) => (0, e.0),
    };
    if tasks.finished.len() == REMEMBERED {
        tasks.finished.pop_front();
    }
    tasks.finished.push_back(task);
    drop(tasks);
    if let Ok(w) = crate::window::lookup(reply.hwnd) {
        w.queue.post(Msg {
            hwnd: reply.hwnd,
            message: reply.message,
            wparam: task,
            lparam: make_reply(length.min(0xffff) as u32, error),
        });
    }
}

fn reply(hwnd: *mut c_void, message: u32, buf: *mut c_char, buflen: i32) -> Reply {
    Reply {
        hwnd: hwnd as usize,
        message,
        buf: buf as usize,
        buflen: usize::try_from(buflen).unwrap_or(0),
    }
}

/// `gethostbyname` in the background: the `hostent` goes into `buf` (`MAXGETHOSTSTRUCT`, 1,024
/// bytes, is enough), then `wMsg` is posted to `hWnd` with `wParam` the returned task handle
/// and `lParam` `WSAMAKEASYNCREPLY(length, error)` (`WSAENOBUFS` with the length needed when
/// `buflen` is too small; `WSAHOST_NOT_FOUND`, `WSANO_DATA`, `WSATRY_AGAIN`, `WSANO_RECOVERY`,
/// `WSAEFAULT` as the lookup or the copy fail). Returns the task handle, or NULL with
/// `WSANOTINITIALISED`, `WSAEFAULT` (an unreadable name) or `WSAEWOULDBLOCK` (no thread).
///
/// # Safety
/// `name` must be NULL or a NUL-terminated string; `buf` must stay writable for `buflen` bytes
/// until the message arrives or the request is cancelled.
#[no_mangle]
pub unsafe extern "C" fn WSAAsyncGetHostByName(
    hWnd: *mut c_void,
    wMsg: u32,
    name: *const c_char,
    buf: *mut c_char,
    buflen: i32,
) -> *mut c_void {
    call(std::ptr::null_mut(), || {
        let name = text(name)?.map(|n| n.to_string_lossy().into_owned());
        start(reply(hWnd, wMsg, buf, buflen), move || {
            hosts::by_name(name.as_deref()).map(Entry::Host)
        })
    })
}

/// `gethostbyaddr` in the background, answered as `WSAAsyncGetHostByName`.
///
/// # Safety
/// `addr` must be NULL or readable for `len` bytes; `buf` as `WSAAsyncGetHostByName`'s.
#[no_mangle]
pub unsafe extern "C" fn WSAAsyncGetHostByAddr(
    hWnd: *mut c_void,
    wMsg: u32,
    addr: *const c_char,
    len: i32,
    r#type: i32,
    buf: *mut c_char,
    buflen: i32,
) -> *mut c_void {
    call(std::ptr::null_mut(), || {
        if addr.is_null() || len < 0 {
            return Err(WsaError::WSAEFAULT);
        }
        let mut copy = [0u8; 16];
        let n = (len as usize).min(copy.len());
        read_array(addr.cast::<u8>(), &mut copy[..n])?;
        start(reply(hWnd, wMsg, buf, buflen), move || {
            hosts::by_addr(&copy[..n], r#type).map(Entry::Host)
        })
    })
}

/// `getservbyname` in the background (`MAXGETHOSTSTRUCT` bytes are enough for the `servent`),
/// answered as `WSAAsyncGetHostByName`.
///
/// # Safety
/// `name` and `proto` must be NULL or NUL-terminated strings; `buf` as
/// `WSAAsyncGetHostByName`'s.
#[no_mangle]
pub unsafe extern "C" fn WSAAsyncGetServByName(
    hWnd: *mut c_void,
    wMsg: u32,
    name: *const c_char,
    proto: *const c_char,
    buf: *mut c_char,
    buflen: i32,
) -> *mut c_void {
    call(std::ptr::null_mut(), || {
        let name = text(name)?.ok_or(WsaError::WSAEFAULT)?;
        let proto = text(proto)?;
        start(reply(hWnd, wMsg, buf, buflen), move || {
            services::service_by_name(&name, proto.as_deref()).map(Entry::Service)
        })
    })
}

/// `getservbyport` in the background (`port` in network byte order), answered as
/// `WSAAsyncGetHostByName`.
///
/// # Safety
/// `proto` must be NULL or a NUL-terminated string; `buf` as `WSAAsyncGetHostByName`'s.
#[no_mangle]
pub unsafe extern "C" fn WSAAsyncGetServByPort(
    hWnd: *mut c_void,
    wMsg: u32,
    port: i32,
    proto: *const c_char,
    buf: *mut c_char,
    buflen: i32,
) -> *mut c_void {
    call(std::ptr::null_mut(), || {
        let proto = text(proto)?;
        start(reply(hWnd, wMsg, buf, buflen), move || {
            services::service_by_port(port as u16, proto.as_deref()).map(Entry::Service)
        })
    })
}

/// `getprotobyname` in the background, answered as `WSAAsyncGetHostByName`.
///
/// # Safety
/// `name` must be NULL or a NUL-terminated string; `buf` as `WSAAsyncGetHostByName`'s.
#[no_mangle]
pub unsafe extern "C" fn WSAAsyncGetProtoByName(
    hWnd: *mut c_void,
    wMsg: u32,
    name: *const c_char,
    buf: *mut c_char,
    buflen: i32,
) -> *mut c_void {
    call(std::ptr::null_mut(), || {
        let name = text(name)?.ok_or(WsaError::WSAEFAULT)?;
        start(reply(hWnd, wMsg, buf, buflen), move || {
            services::protocol_by_name(name.as_bytes()).map(Entry::Protocol)
        })
    })
}

/// `getprotobynumber` in the background, answered as `WSAAsyncGetHostByName`.
///
/// # Safety
/// `buf` as `WSAAsyncGetHostByName`'s.
#[no_mangle]
pub unsafe extern "C" fn WSAAsyncGetProtoByNumber(
    hWnd: *mut c_void,
    wMsg: u32,
    number: i32,
    buf: *mut c_char,
    buflen: i32,
) -> *mut c_void {
    call(std::ptr::null_mut(), || {
        start(reply(hWnd, wMsg, buf, buflen), move || {
            services::protocol_by_number(number).map(Entry::Protocol)
        })
    })
}

/// Cancels a request of the `WSAAsyncGet*` calls that has not finished: nothing is written to
/// its buffer and no message is posted. Returns 0, or `SOCKET_ERROR` with `WSAEALREADY` (it
/// has finished), `WSAEINVAL` (no such request) or `WSANOTINITIALISED`.
#[no_mangle]
pub extern "C" fn WSACancelAsyncRequest(hAsyncTaskHandle: *mut c_void) -> i32 {
    call(SOCKET_ERROR, || {
        crate::runtime::check()?;
        let task = hAsyncTaskHandle as usize;
        let mut tasks = tasks().lock();
        if tasks.pending.remove(&task) {
            Ok(0)
        } else if tasks.finished.contains(&task) {
            Err(WsaError::WSAEALREADY)
        } else {
            Err(WsaError::WSAEINVAL)
        }
    })
}

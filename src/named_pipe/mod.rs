//! Win32 named pipes, local to the machine: `CreateNamedPipe`, `ConnectNamedPipe`,
//! `DisconnectNamedPipe`, a client's `CreateFile` of `\\.\pipe\name`, `WaitNamedPipe`,
//! `ReadFile` / `WriteFile` on either end (blocking, overlapped with an event, a completion
//! port or a completion routine), `PeekNamedPipe`, `TransactNamedPipe`, `CallNamedPipe`.
//!
//! The carrier is an AF_UNIX stream socket per connection (`sys::named_pipe`): one listening
//! socket per pipe name in the serving process, whose acceptor thread hands each client to an
//! instance that is listening (created, or `ConnectNamedPipe` called after a disconnect) and
//! refuses it (`ERROR_PIPE_BUSY`) when none is. The client and the acceptor exchange a small
//! hello first: what the client wants (to connect, or only to ask whether an instance is free,
//! `WaitNamedPipe`), its access and process id; the pipe's type, direction, sizes, default
//! timeout and the server's process id back. A message pipe frames each message with its
//! length (4 bytes, little-endian) on the stream: a read in message mode returns one message,
//! or its start with `ERROR_MORE_DATA` and the rest at the next read, as on Windows.
//!
//! Names are case-insensitive (`\\.\PIPE\Name` is `\\.\pipe\name`). Overlapped operations that
//! cannot complete at once run on a thread of their own, which a cancel or a close wakes.

use crate::error::{WsaError, WsaResult};
use crate::handle::apc::ApcTarget;
use crate::handle::port::{Packet, Port};
use crate::handle::{codes, err};
use crate::overlapped::{self, status, Routine};
use crate::sys::named_pipe::{self as carrier, UserSpan, Waited, Wake};
use crate::sys::userbuf::UserOverlapped;
use parking_lot::{Condvar, Mutex};
use std::collections::HashMap;
use std::os::fd::{AsRawFd, OwnedFd};
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering::SeqCst};
use std::sync::{Arc, Weak};

pub(crate) const PIPE_ACCESS_INBOUND: u32 = 0x1;
pub(crate) const PIPE_ACCESS_OUTBOUND: u32 = 0x2;
pub(crate) const FILE_FLAG_FIRST_PIPE_INSTANCE: u32 = 0x0008_0000;
pub(crate) const FILE_FLAG_OVERLAPPED: u32 = 0x4000_0000;
pub(crate) const PIPE_NOWAIT: u32 = 0x1;
pub(crate) const PIPE_READMODE_MESSAGE: u32 = 0x2;
pub(crate) const PIPE_TYPE_MESSAGE: u32 = 0x4;
pub(crate) const PIPE_REJECT_REMOTE_CLIENTS: u32 = 0x8;
pub(crate) const PIPE_UNLIMITED_INSTANCES: u32 = 255;
pub(crate) const PIPE_SERVER_END: u32 = 0x1;
pub(crate) const NMPWAIT_USE_DEFAULT_WAIT: u32 = 0;
pub(crate) const NMPWAIT_WAIT_FOREVER: u32 = 0xFFFF_FFFF;

pub(crate) const ERROR_INVALID_FUNCTION: i32 = 1;
pub(crate) const ERROR_PATH_NOT_FOUND: i32 = 3;
pub(crate) const ERROR_NOT_SUPPORTED: i32 = 50;
pub(crate) const ERROR_BAD_NETPATH: i32 = 53;
pub(crate) const ERROR_BROKEN_PIPE: i32 = 109;
pub(crate) const ERROR_SEM_TIMEOUT: i32 = 121;
pub(crate) const ERROR_INVALID_NAME: i32 = 123;
pub(crate) const ERROR_BAD_PIPE: i32 = 230;
pub(crate) const ERROR_PIPE_BUSY: i32 = 231;
pub(crate) const ERROR_NO_DATA: i32 = 232;
pub(crate) const ERROR_PIPE_NOT_CONNECTED: i32 = 233;
pub(crate) const ERROR_PIPE_CONNECTED: i32 = 535;
pub(crate) const ERROR_PIPE_LISTENING: i32 = 536;
pub(crate) const ERROR_OPERATION_ABORTED: i32 = 995;
/// `ERROR_MORE_DATA` is carried as `WSAEMSGSIZE`: its status is `STATUS_BUFFER_OVERFLOW`,
/// the warning Windows stores for a message read in part, which reads back as 234.
pub(crate) const MORE_DATA: WsaError = WsaError::WSAEMSGSIZE;

/// A read or write that would wait (internal: never reported).
const WOULD_BLOCK: WsaError = WsaError::WSAEWOULDBLOCK;

// ---- names ----------------------------------------------------------------------------------

/// What a pipe name is.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Name {
    /// `\\.\pipe\name`: the case-folded name.
    Local(String),
    /// `\\server\pipe\name` with a server other than `.`.
    Remote,
}

/// Parses `\\server\pipe\name` (`/` may stand for `\`); None when it is no pipe name.
pub(crate) fn parse(name: &str) -> Option<Name> {
    let n = name.replace('/', "\\");
    let rest = n.strip_prefix("\\\\")?;
    let (server, rest) = rest.split_once('\\')?;
    let (pipe, pipe_name) = rest.split_once('\\')?;
    if !pipe.eq_ignore_ascii_case("pipe") || server.is_empty() {
        return None;
    }
    if server != "." {
        return Some(Name::Remote);
    }
    if pipe_name.is_empty() {
        return None;
    }
    Some(Name::Local(pipe_name.to_lowercase()))
}

// ---- handles ----------------------------------------------------------------------------------

#[cfg(target_pointer_width = "64")]
const PIPE_TAG: usize = 0x5049_5045_0000_0000;
#[cfg(not(target_pointer_width = "64"))]
const PIPE_TAG: usize = 0x7000_0000;
const ID_MASK: usize = 0x0FFF_FFFF;

static ENDS: Mutex<Option<HashMap<u32, Arc<End>>>> = Mutex::new(None);
static NEXT_ID: AtomicU32 = AtomicU32::new(1);

fn insert(end: End) -> WsaResult<usize> {
    let id = NEXT_ID.fetch_add(1, SeqCst);
    if id as usize > ID_MASK {
        return Err(err(codes::ERROR_NOT_ENOUGH_MEMORY));
    }
    ENDS.lock()
        .get_or_insert_with(HashMap::new)
        .insert(id, Arc::new(end));
    Ok(PIPE_TAG | id as usize)
}

fn id_of(handle: usize) -> Option<u32> {
    (handle & !ID_MASK == PIPE_TAG).then_some((handle & ID_MASK) as u32)
}

/// The pipe end a handle names, if it is one.
pub(crate) fn lookup(handle: usize) -> Option<Arc<End>> {
    let id = id_of(handle)?;
    ENDS.lock().as_ref()?.get(&id).cloned()
}

/// `CloseHandle` of a pipe end: false when `handle` is none.
pub(crate) fn close(handle: usize) -> bool {
    let Some(id) = id_of(handle) else {
        return false;
    };
    let Some(end) = ENDS.lock().as_mut().and_then(|m| m.remove(&id)) else {
        return false;
    };
    end.close();
    true
}

// ---- the serving side of a name -------------------------------------------------------------

/// Hello from a client: `[what, access, pid (4)]`.
const HELLO_LEN: usize = 6;
const WANT_CONNECT: u8 = b'C';
const WANT_QUERY: u8 = b'Q';
const ACCESS_READ: u8 = 1;
const ACCESS_WRITE: u8 = 2;
/// The answer: `[status, message type, server access, max instances, server pid (4), default
/// timeout (4), out size (4), in size (4), instances now]`.
const REPLY_LEN: usize = 21;
const REPLY_OK: u8 = 0;
const REPLY_BUSY: u8 = 1;
const REPLY_DENIED: u8 = 2;

/// What the first instance of a name fixed.
#[derive(Clone, Copy)]
struct Params {
    message: bool,
    /// `PIPE_ACCESS_*` of the server ends.
    access: u32,
    max: u32,
    timeout: u32,
    out_size: u32,
    in_size: u32,
}

/// A pipe name this process serves: its listener, its acceptor and its instances.
struct Shared {
    key: String,
    params: Params,
    listener: Mutex<Option<OwnedFd>>,
    stop: Wake,
    instances: Mutex<Vec<Weak<End>>>,
    acceptor: Mutex<Option<std::thread::JoinHandle<()>>>,
}

static NAMES: Mutex<Option<HashMap<String, Arc<Shared>>>> = Mutex::new(None);

fn pid() -> u32 {
    crate::sys::thread::process_id()
}

impl Shared {
    fn reply(&self, status: u8, instances: usize) -> [u8; REPLY_LEN] {
        let p = &self.params;
        let mut r = [0u8; REPLY_LEN];
        r[20] = instances.min(255) as u8;
        r[0] = status;
        r[1] = u8::from(p.message);
        r[2] = p.access as u8;
        r[3] = p.max as u8;
        r[4..8].copy_from_slice(&pid().to_le_bytes());
        r[8..12].copy_from_slice(&p.timeout.to_le_bytes());
        r[12..16].copy_from_slice(&p.out_size.to_le_bytes());
        r[16..20].copy_from_slice(&p.in_size.to_le_bytes());
        r
    }

    /// The acceptor: hands each client to a listening instance (one with a
    /// `ConnectNamedPipe` waiting first), or answers that none is free.
    fn serve(self: Arc<Shared>, listener: i32) {
        loop {
            match carrier::wait(listener, false, Some(self.stop.fd()), -1) {
                Ok(Waited::Ready) => {}
                Ok(Waited::Timeout) => continue,
                Ok(Waited::Woken) | Err(_) => return,
            }
            let Ok(conn) = carrier::accept(listener) else {
                continue;
            };
            let mut hello = [0u8; HELLO_LEN];
            if read_exact(conn.as_raw_fd(), &mut hello, 1000, Some(self.stop.fd())).is_err() {
                continue;
            }
            let client_pid = u32::from_le_bytes([hello[2], hello[3], hello[4], hello[5]]);
            // The directions the client asked for must be the pipe's.
            let server_reads = self.params.access & PIPE_ACCESS_INBOUND != 0;
            let server_writes = self.params.access & PIPE_ACCESS_OUTBOUND != 0;
            let denied = (hello[1] & ACCESS_READ != 0 && !server_writes)
                || (hello[1] & ACCESS_WRITE != 0 && !server_reads)
                || !carrier::peer_is_same_user(conn.as_raw_fd());
            let instances: Vec<Arc<End>> = self
                .instances
                .lock()
                .iter()
                .filter_map(Weak::upgrade)
                .collect();
            let mut states: Vec<_> = instances.iter().map(|e| (e, e.state.lock())).collect();
            let free = states
                .iter()
                .enumerate()
                .filter(|(_, (_, st))| matches!(st.phase, Phase::Listening))
                .min_by_key(|(_, (_, st))| st.pending_connect.is_none())
                .map(|(i, _)| i);
            let status = match (denied, free) {
                (true, _) => REPLY_DENIED,
                (false, Some(_)) => REPLY_OK,
                (false, None) => REPLY_BUSY,
            };
            // A fresh connection's buffer is empty: the answer goes out whole, at once.
            let _ = carrier::send(conn.as_raw_fd(), &self.reply(status, instances.len()));
            if hello[0] != WANT_CONNECT || status != REPLY_OK {
                continue;
            }
            let Some(i) = free else { continue };
            let (end, st) = &mut states[i];
            end.client_pid.store(client_pid, SeqCst);
            st.phase = Phase::Connected(Arc::new(Conn::new(conn)));
            if let Some(c) = st.pending_connect.take() {
                c.complete(end, 0, None);
            }
            end.changed.notify_all();
        }
    }
}

/// Reads exactly `buf.len()` bytes from non-blocking `fd`, waiting up to `timeout_ms` for
/// each part (negative: no limit). `ERROR_BROKEN_PIPE` at the end of the stream,
/// `ERROR_SEM_TIMEOUT` on timeout, `ERROR_OPERATION_ABORTED` when `wake` fires.
fn read_exact(fd: i32, buf: &mut [u8], timeout_ms: i32, wake: Option<i32>) -> WsaResult<()> {
    let mut got = 0;
    while got < buf.len() {
        match carrier::recv(fd, &mut buf[got..], false) {
            Ok(0) => return Err(err(ERROR_BROKEN_PIPE)),
            Ok(n) => got += n,
            Err(libc::EAGAIN) => match carrier::wait(fd, false, wake, timeout_ms) {
                Ok(Waited::Ready) => {}
                Ok(Waited::Timeout) => return Err(err(ERROR_SEM_TIMEOUT)),
                Ok(Waited::Woken) => return Err(err(ERROR_OPERATION_ABORTED)),
                Err(e) => return Err(crate::handle::file::error(e)),
            },
            Err(libc::EINTR) => {}
            Err(_) => return Err(err(ERROR_BROKEN_PIPE)),
        }
    }
    Ok(())
}

// ---- one end --------------------------------------------------------------------------------

/// A connection: the socket and what a message-mode read left of the current message.
struct Conn {
    fd: OwnedFd,
    /// The current message's bytes not yet read, and how far they were read.
    rest: Mutex<Option<(Vec<u8>, usize)>>,
    /// Keeps a message's frame whole against other writers.
    writing: Mutex<()>,
}

impl Conn {
    fn new(fd: OwnedFd) -> Conn {
        Conn {
            fd,
            rest: Mutex::new(None),
            writing: Mutex::new(()),
        }
    }

    fn raw(&self) -> i32 {
        self.fd.as_raw_fd()
    }
}

enum Phase {
    /// A server instance a client may connect to.
    Listening,
    Connected(Arc<Conn>),
    /// After `DisconnectNamedPipe`, until `ConnectNamedPipe`.
    Disconnected,
    Closed,
}

struct State {
    phase: Phase,
    /// An overlapped `ConnectNamedPipe` waiting for a client.
    pending_connect: Option<Completion>,
}

/// Where an operation's result goes: the `OVERLAPPED` (its event, the end's port) or a
/// completion routine queued to the thread that issued it.
pub(crate) struct Completion {
    ov: usize,
    routine: Option<(Routine, ApcTarget)>,
}

impl Completion {
    pub(crate) fn new(ov: usize, routine: Option<Routine>) -> Completion {
        Completion {
            ov,
            routine: routine.map(|r| (r, ApcTarget::current())),
        }
    }

    /// Marks the `OVERLAPPED` pending (its event reset, unless a completion routine gets the
    /// result: `ReadFileEx`'s `hEvent` is the program's own).
    fn start(&self) -> WsaResult<()> {
        overlapped::start_detached_with(self.ov, self.routine.is_none())
            .map_err(|_| err(codes::ERROR_NOACCESS))
    }

    /// Publishes the result; nothing touches the `OVERLAPPED` after this.
    fn complete(self, end: &End, bytes: u32, error: Option<WsaError>) {
        let raw_event = UserOverlapped::probe(self.ov).map_or(0, |o| o.event());
        overlapped::complete_detached_with(self.ov, error, bytes, self.routine.is_none());
        if let Some((routine, target)) = self.routine {
            let code = error.map_or(0, |e| e.0 as u32);
            target.queue(Box::new(move || routine(code, bytes, 0)));
            return;
        }
        if raw_event & 1 == 0 {
            if let Some((port, key)) = end.port.lock().clone() {
                port.post(Packet {
                    key,
                    overlapped: self.ov,
                    bytes,
                    status: status::from_error(error),
                });
            }
        }
    }
}

/// An operation that may wait: a cancel or a close wakes it.
struct Op {
    ov: usize,
    wake: Wake,
    /// The error it ends with when woken.
    reason: AtomicU32,
}

/// One end of a pipe: a server instance or a client's.
pub(crate) struct End {
    /// The name served (server ends only).
    shared: Option<Arc<Shared>>,
    /// The pipe's name, case-folded.
    key: String,
    params: Params,
    read_message: AtomicBool,
    nowait: AtomicBool,
    overlapped: bool,
    can_read: bool,
    can_write: bool,
    state: Mutex<State>,
    changed: Condvar,
    port: Mutex<Option<(Arc<Port>, usize)>>,
    ops: Mutex<Vec<Arc<Op>>>,
    client_pid: AtomicU32,
    server_pid: u32,
}

fn directions(access: u32) -> (bool, bool) {
    (
        access & PIPE_ACCESS_INBOUND != 0,
        access & PIPE_ACCESS_OUTBOUND != 0,
    )
}

/// `CreateNamedPipe`: a new instance of `name`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn create_server(
    name: Option<&str>,
    open_mode: u32,
    pipe_mode: u32,
    max: u32,
    out_size: u32,
    in_size: u32,
    timeout: u32,
) -> WsaResult<usize> {
    let name = name.ok_or(err(ERROR_PATH_NOT_FOUND))?;
    let Some(Name::Local(key)) = parse(name) else {
        return Err(err(ERROR_INVALID_NAME));
    };
    let access = open_mode & 3;
    let known_open = 3 | FILE_FLAG_FIRST_PIPE_INSTANCE | FILE_FLAG_OVERLAPPED | 0x8000_0000
        | 0x000C_0000 // WRITE_DAC, WRITE_OWNER
        | 0x0100_0000; // ACCESS_SYSTEM_SECURITY
    let message = pipe_mode & PIPE_TYPE_MESSAGE != 0;
    if access == 0
        || open_mode & !known_open != 0
        || pipe_mode
            & !(PIPE_NOWAIT
                | PIPE_READMODE_MESSAGE
                | PIPE_TYPE_MESSAGE
                | PIPE_REJECT_REMOTE_CLIENTS)
            != 0
        || (pipe_mode & PIPE_READMODE_MESSAGE != 0 && !message)
        || max == 0
        || max > PIPE_UNLIMITED_INSTANCES
    {
        return Err(err(codes::ERROR_INVALID_PARAMETER));
    }
    let mut names = NAMES.lock();
    let names = names.get_or_insert_with(HashMap::new);
    let shared = match names.get(&key) {
        Some(shared) => {
            if open_mode & FILE_FLAG_FIRST_PIPE_INSTANCE != 0 || shared.params.access != access {
                return Err(err(codes::ERROR_ACCESS_DENIED));
            }
            let live = shared
                .instances
                .lock()
                .iter()
                .filter(|w| w.strong_count() > 0)
                .count() as u32;
            if shared.params.max != PIPE_UNLIMITED_INSTANCES && live >= shared.params.max {
                return Err(err(ERROR_PIPE_BUSY));
            }
            shared.clone()
        }
        None => {
            let listener = carrier::listen(&key).map_err(|e| match e {
                // Another process serves the name (instances of one name live in one process).
                libc::EADDRINUSE => err(codes::ERROR_ACCESS_DENIED),
                e => crate::handle::file::error(e),
            })?;
            let raw = listener.as_raw_fd();
            let shared = Arc::new(Shared {
                key: key.clone(),
                params: Params {
                    message,
                    access,
                    max,
                    timeout,
                    out_size,
                    in_size,
                },
                listener: Mutex::new(Some(listener)),
                stop: Wake::new().map_err(crate::handle::file::error)?,
                instances: Mutex::new(Vec::new()),
                acceptor: Mutex::new(None),
            });
            let s = shared.clone();
            let t = std::thread::Builder::new()
                .name("ws2mp-pipe".into())
                .spawn(move || s.serve(raw))
                .map_err(|_| err(codes::ERROR_NOT_ENOUGH_MEMORY))?;
            *shared.acceptor.lock() = Some(t);
            names.insert(key, shared.clone());
            shared
        }
    };
    let (can_read, can_write) = directions(access);
    let end = End {
        shared: Some(shared.clone()),
        key: shared.key.clone(),
        params: shared.params,
        read_message: AtomicBool::new(pipe_mode & PIPE_READMODE_MESSAGE != 0),
        nowait: AtomicBool::new(pipe_mode & PIPE_NOWAIT != 0),
        overlapped: open_mode & FILE_FLAG_OVERLAPPED != 0,
        can_read,
        can_write,
        state: Mutex::new(State {
            phase: Phase::Listening,
            pending_connect: None,
        }),
        changed: Condvar::new(),
        port: Mutex::new(None),
        ops: Mutex::new(Vec::new()),
        client_pid: AtomicU32::new(0),
        server_pid: pid(),
    };
    // The instance is listening before the handle is returned (a client may come first).
    let handle = {
        let mut instances = shared.instances.lock();
        let h = insert(end)?;
        let e = lookup(h).ok_or(err(codes::ERROR_INVALID_HANDLE))?;
        instances.retain(|w| w.strong_count() > 0);
        instances.push(Arc::downgrade(&e));
        h
    };
    Ok(handle)
}

/// Asks the server of `key` (`want`: connect or query). The socket and the answer.
fn hello(key: &str, want: u8, access: u8) -> WsaResult<(OwnedFd, [u8; REPLY_LEN])> {
    let fd = carrier::connect(key).map_err(|e| match e {
        libc::ENOENT | libc::ECONNREFUSED => err(codes::ERROR_FILE_NOT_FOUND),
        e => crate::handle::file::error(e),
    })?;
    let mut h = [0u8; HELLO_LEN];
    h[0] = want;
    h[1] = access;
    h[2..6].copy_from_slice(&pid().to_le_bytes());
    if carrier::send(fd.as_raw_fd(), &h) != Ok(HELLO_LEN) {
        return Err(err(codes::ERROR_FILE_NOT_FOUND));
    }
    let mut reply = [0u8; REPLY_LEN];
    // No answer: the server went away meanwhile.
    read_exact(fd.as_raw_fd(), &mut reply, 5000, None)
        .map_err(|_| err(codes::ERROR_FILE_NOT_FOUND))?;
    Ok((fd, reply))
}

fn u32_at(r: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([r[at], r[at + 1], r[at + 2], r[at + 3]])
}

fn local_key(name: &str) -> WsaResult<String> {
    match parse(name) {
        Some(Name::Local(key)) => Ok(key),
        Some(Name::Remote) => Err(err(ERROR_BAD_NETPATH)),
        None => Err(err(ERROR_INVALID_NAME)),
    }
}

/// Whether `path` (a `CreateFile` name) names a pipe: `\\server\pipe\...`.
pub(crate) fn is_pipe_name(path: &str) -> bool {
    let n = path.replace('/', "\\");
    n.strip_prefix("\\\\")
        .and_then(|r| r.split_once('\\'))
        .is_some_and(|(_, r)| r.get(..5).is_some_and(|p| p.eq_ignore_ascii_case("pipe\\")))
}

/// A client's `CreateFile` of a pipe name: `ERROR_FILE_NOT_FOUND` without a server,
/// `ERROR_PIPE_BUSY` when every instance is taken, `ERROR_BAD_NETPATH` for another machine's.
pub(crate) fn open_client(name: &str, read: bool, write: bool, flags: u32) -> WsaResult<usize> {
    let key = local_key(name)?;
    let access = if read { ACCESS_READ } else { 0 } | if write { ACCESS_WRITE } else { 0 };
    let (fd, reply) = hello(&key, WANT_CONNECT, access)?;
    match reply[0] {
        REPLY_OK => {}
        REPLY_BUSY => return Err(err(ERROR_PIPE_BUSY)),
        _ => return Err(err(codes::ERROR_ACCESS_DENIED)),
    }
    let end = End {
        shared: None,
        key: key.clone(),
        params: Params {
            message: reply[1] != 0,
            access: u32::from(reply[2]),
            max: u32::from(reply[3]),
            timeout: u32_at(&reply, 8),
            out_size: u32_at(&reply, 12),
            in_size: u32_at(&reply, 16),
        },
        read_message: AtomicBool::new(false),
        nowait: AtomicBool::new(false),
        overlapped: flags & FILE_FLAG_OVERLAPPED != 0,
        can_read: read,
        can_write: write,
        state: Mutex::new(State {
            phase: Phase::Connected(Arc::new(Conn::new(fd))),
            pending_connect: None,
        }),
        changed: Condvar::new(),
        port: Mutex::new(None),
        ops: Mutex::new(Vec::new()),
        client_pid: AtomicU32::new(pid()),
        server_pid: u32_at(&reply, 4),
    };
    insert(end)
}

/// `WaitNamedPipe`: until an instance of `name` is free or `timeout` ms pass
/// (`NMPWAIT_USE_DEFAULT_WAIT`: the server's default, `NMPWAIT_WAIT_FOREVER`).
pub(crate) fn wait_named(name: &str, timeout: u32) -> WsaResult<()> {
    let key = local_key(name)?;
    let start = std::time::Instant::now();
    let mut limit: Option<u32> = None;
    loop {
        let (_, reply) = hello(&key, WANT_QUERY, 0)?;
        if reply[0] == REPLY_OK {
            return Ok(());
        }
        let ms = *limit.get_or_insert(match timeout {
            NMPWAIT_USE_DEFAULT_WAIT => match u32_at(&reply, 8) {
                0 => 50,
                t => t,
            },
            t => t,
        });
        if ms != NMPWAIT_WAIT_FOREVER && start.elapsed().as_millis() >= u128::from(ms) {
            return Err(err(ERROR_SEM_TIMEOUT));
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
}

/// `GetNamedPipeInfo`'s four values: flags, out and in buffer sizes, max instances.
pub(crate) struct Info {
    pub(crate) flags: u32,
    pub(crate) out_size: u32,
    pub(crate) in_size: u32,
    pub(crate) max: u32,
}

/// What `PeekNamedPipe` reports.
pub(crate) struct Peeked {
    pub(crate) data: Vec<u8>,
    pub(crate) available: u32,
    /// The next message's length less the bytes copied (a byte pipe's message is 0 long:
    /// the count copied, negated).
    pub(crate) left_this_message: u32,
}

impl End {
    pub(crate) fn is_server(&self) -> bool {
        self.shared.is_some()
    }

    pub(crate) fn info(&self) -> Info {
        let p = &self.params;
        Info {
            flags: if self.is_server() { PIPE_SERVER_END } else { 0 }
                | if p.message { PIPE_TYPE_MESSAGE } else { 0 },
            out_size: p.out_size,
            in_size: p.in_size,
            max: p.max,
        }
    }

    pub(crate) fn client_pid(&self) -> u32 {
        self.client_pid.load(SeqCst)
    }

    pub(crate) fn server_pid(&self) -> u32 {
        self.server_pid
    }

    /// `SetNamedPipeHandleState`'s mode: `PIPE_READMODE_MESSAGE` (a message pipe only) and
    /// `PIPE_NOWAIT`.
    pub(crate) fn set_mode(&self, mode: u32) -> WsaResult<()> {
        if mode & !(PIPE_READMODE_MESSAGE | PIPE_NOWAIT) != 0
            || (mode & PIPE_READMODE_MESSAGE != 0 && !self.params.message)
        {
            return Err(err(codes::ERROR_INVALID_PARAMETER));
        }
        self.read_message
            .store(mode & PIPE_READMODE_MESSAGE != 0, SeqCst);
        self.nowait.store(mode & PIPE_NOWAIT != 0, SeqCst);
        Ok(())
    }

    /// The descriptor a child process gets for this end as a standard handle
    /// (`STARTUPINFO.hStdOutput`, ...): a connected byte pipe's socket. A message pipe's
    /// framing is ws2mp's own, which the child would not write: `ERROR_NOT_SUPPORTED`.
    pub(crate) fn child_fd(&self) -> WsaResult<i32> {
        if self.params.message {
            return Err(err(ERROR_NOT_SUPPORTED));
        }
        Ok(self.conn()?.raw())
    }

    /// `GetNamedPipeHandleState`'s state: `PIPE_NOWAIT`, `PIPE_READMODE_MESSAGE`.
    pub(crate) fn mode_state(&self) -> u32 {
        let mut state = 0;
        if self.nowait.load(SeqCst) {
            state |= PIPE_NOWAIT;
        }
        if self.read_message.load(SeqCst) {
            state |= PIPE_READMODE_MESSAGE;
        }
        state
    }

    /// `GetNamedPipeHandleState`'s instances: the pipe's now (a client end asks the server).
    pub(crate) fn instances(&self) -> WsaResult<u32> {
        Ok(match &self.shared {
            Some(shared) => shared
                .instances
                .lock()
                .iter()
                .filter(|w| w.strong_count() > 0)
                .count() as u32,
            None => u32::from(hello(&self.key, WANT_QUERY, 0)?.1[20]),
        })
    }

    pub(crate) fn reads_messages(&self) -> bool {
        self.read_message.load(SeqCst)
    }

    /// Binds the end's overlapped completions to `port` (`CreateIoCompletionPort`).
    pub(crate) fn associate(&self, port: Arc<Port>, key: usize) -> WsaResult<()> {
        let mut p = self.port.lock();
        if p.is_some() {
            return Err(err(codes::ERROR_INVALID_PARAMETER));
        }
        *p = Some((port, key));
        Ok(())
    }

    fn conn(&self) -> WsaResult<Arc<Conn>> {
        match &self.state.lock().phase {
            Phase::Connected(c) => Ok(c.clone()),
            Phase::Listening => Err(err(ERROR_PIPE_LISTENING)),
            Phase::Disconnected => Err(err(ERROR_PIPE_NOT_CONNECTED)),
            Phase::Closed => Err(err(codes::ERROR_INVALID_HANDLE)),
        }
    }

    fn begin_op(&self, ov: usize) -> WsaResult<Arc<Op>> {
        let op = Arc::new(Op {
            ov,
            wake: Wake::new().map_err(crate::handle::file::error)?,
            reason: AtomicU32::new(ERROR_OPERATION_ABORTED as u32),
        });
        self.ops.lock().push(op.clone());
        Ok(op)
    }

    fn end_op(&self, op: &Arc<Op>) {
        self.ops.lock().retain(|o| !Arc::ptr_eq(o, op));
    }

    /// An overlapped read or write that must wait: marks the `OVERLAPPED` pending and runs
    /// `work` on a thread of its own (woken by a cancel, a disconnect or a close through its
    /// `Op`), which completes `c` with the result. The error the call returns:
    /// `WSA_IO_PENDING`, or why it could not start.
    fn finish_later<F>(self: &Arc<Self>, c: Completion, work: F) -> WsaError
    where
        F: FnOnce(&Arc<End>, &Arc<Op>) -> WsaResult<(u32, Option<WsaError>)> + Send + 'static,
    {
        if let Err(e) = c.start() {
            return e;
        }
        let op = match self.begin_op(c.ov) {
            Ok(op) => op,
            Err(e) => return e,
        };
        let end = self.clone();
        let spawned = std::thread::Builder::new()
            .name("ws2mp-pipe-io".into())
            .spawn(move || {
                let r = work(&end, &op);
                end.end_op(&op);
                match r {
                    Ok((n, warn)) => c.complete(&end, n, warn),
                    Err(e) => c.complete(&end, 0, Some(e)),
                }
            });
        if spawned.is_err() {
            return err(codes::ERROR_NOT_ENOUGH_MEMORY);
        }
        WsaError::WSA_IO_PENDING
    }

    /// Wakes the waiting operations (`which`: the one of that `OVERLAPPED`; None: all) and a
    /// pending `ConnectNamedPipe`; they end with `reason`. How many there were.
    fn cancel_with(&self, which: Option<usize>, reason: i32) -> usize {
        let mut n = 0;
        for op in self.ops.lock().iter() {
            if which.is_none_or(|ov| ov == op.ov) {
                op.reason.store(reason as u32, SeqCst);
                op.wake.fire();
                n += 1;
            }
        }
        let mut st = self.state.lock();
        if st
            .pending_connect
            .as_ref()
            .is_some_and(|c| which.is_none_or(|ov| ov == c.ov))
        {
            if let Some(c) = st.pending_connect.take() {
                c.complete(self, 0, Some(err(reason)));
                n += 1;
            }
        }
        n
    }

    /// `CancelIo` / `CancelIoEx`.
    pub(crate) fn cancel(&self, which: Option<usize>) -> usize {
        self.cancel_with(which, ERROR_OPERATION_ABORTED)
    }

    /// The last handle is closed: pending operations end (`ERROR_OPERATION_ABORTED`), the
    /// peer reads the end of the pipe (`ERROR_BROKEN_PIPE`), and a name with no instance left
    /// is served no more.
    fn close(&self) {
        self.cancel_with(None, ERROR_OPERATION_ABORTED);
        {
            // The socket closes with its last user (the operations just woken); no shutdown:
            // a child process may hold the same socket as its standard output.
            let mut st = self.state.lock();
            st.phase = Phase::Closed;
            self.changed.notify_all();
        }
        let Some(shared) = &self.shared else { return };
        let mut names = NAMES.lock();
        let empty = {
            let mut instances = shared.instances.lock();
            instances.retain(|w| w.upgrade().is_some_and(|e| !std::ptr::eq(&*e, self)));
            instances.is_empty()
        };
        if !empty {
            return;
        }
        if let Some(map) = names.as_mut() {
            if map.get(&shared.key).is_some_and(|s| Arc::ptr_eq(s, shared)) {
                map.remove(&shared.key);
            }
        }
        shared.stop.fire();
        if let Some(t) = shared.acceptor.lock().take() {
            let _ = t.join();
        }
        drop(shared.listener.lock().take());
        carrier::unlink(&shared.key);
    }

    /// `ConnectNamedPipe`: Ok once a client is connected; `ERROR_PIPE_CONNECTED` when one came
    /// first, `ERROR_NO_DATA` when it came and left, `ERROR_IO_PENDING` (overlapped).
    pub(crate) fn connect(&self, completion: Option<Completion>) -> WsaResult<()> {
        if !self.is_server() {
            return Err(err(ERROR_INVALID_FUNCTION));
        }
        let mut st = self.state.lock();
        match &st.phase {
            Phase::Connected(c) => {
                return Err(err(if carrier::hung_up(c.raw()) {
                    ERROR_NO_DATA
                } else {
                    ERROR_PIPE_CONNECTED
                }));
            }
            Phase::Closed => return Err(err(codes::ERROR_INVALID_HANDLE)),
            Phase::Disconnected => st.phase = Phase::Listening,
            Phase::Listening => {}
        }
        if st.pending_connect.is_some() || self.nowait.load(SeqCst) {
            return Err(err(ERROR_PIPE_LISTENING));
        }
        if let Some(c) = completion {
            if self.overlapped {
                c.start()?;
                st.pending_connect = Some(c);
                return Err(WsaError::WSA_IO_PENDING);
            }
            // A handle without FILE_FLAG_OVERLAPPED waits, then reports through the
            // OVERLAPPED too.
            while matches!(st.phase, Phase::Listening) {
                self.changed.wait(&mut st);
            }
            let ok = matches!(st.phase, Phase::Connected(_));
            drop(st);
            c.complete(self, 0, (!ok).then(|| err(ERROR_OPERATION_ABORTED)));
            return if ok {
                Ok(())
            } else {
                Err(err(ERROR_OPERATION_ABORTED))
            };
        }
        while matches!(st.phase, Phase::Listening) {
            self.changed.wait(&mut st);
        }
        match st.phase {
            Phase::Connected(_) => Ok(()),
            _ => Err(err(ERROR_OPERATION_ABORTED)),
        }
    }

    /// `DisconnectNamedPipe`: the client is cut off (unread data is dropped) and the instance
    /// waits for `ConnectNamedPipe` before it takes another. `ERROR_PIPE_NOT_CONNECTED` when
    /// it is disconnected already.
    pub(crate) fn disconnect(&self) -> WsaResult<()> {
        if !self.is_server() {
            return Err(err(ERROR_INVALID_FUNCTION));
        }
        for op in self.ops.lock().iter() {
            op.reason.store(ERROR_PIPE_NOT_CONNECTED as u32, SeqCst);
            op.wake.fire();
        }
        let mut st = self.state.lock();
        match &st.phase {
            Phase::Connected(c) => carrier::shutdown(c.raw()),
            Phase::Closed => return Err(err(codes::ERROR_INVALID_HANDLE)),
            // Disconnected already (until ConnectNamedPipe), as Windows says.
            Phase::Disconnected => return Err(err(ERROR_PIPE_NOT_CONNECTED)),
            Phase::Listening => {}
        }
        if let Some(c) = st.pending_connect.take() {
            c.complete(self, 0, Some(err(ERROR_PIPE_NOT_CONNECTED)));
        }
        st.phase = Phase::Disconnected;
        Ok(())
    }

    /// Waits until `fd` is ready; the op's reason when woken.
    fn wait_ready(fd: i32, write: bool, op: &Op) -> WsaResult<()> {
        match carrier::wait(fd, write, Some(op.wake.fd()), -1) {
            Ok(Waited::Woken) => Err(err(op.reason.load(SeqCst) as i32)),
            Ok(_) => Ok(()),
            Err(e) => Err(crate::handle::file::error(e)),
        }
    }

    /// One read of at most `len` bytes: the bytes and whether the message goes on.
    /// `WOULD_BLOCK` when nothing is there and `op` is None.
    fn read_once(&self, conn: &Conn, len: usize, op: Option<&Op>) -> WsaResult<(Vec<u8>, bool)> {
        let fd = conn.raw();
        loop {
            {
                let mut rest = conn.rest.lock();
                if let Some((buf, at)) = rest.as_mut() {
                    let n = len.min(buf.len() - *at);
                    let data = buf[*at..*at + n].to_vec();
                    *at += n;
                    let more = *at < buf.len();
                    if !more {
                        *rest = None;
                    }
                    return Ok((data, more));
                }
                if self.params.message {
                    let mut header = [0u8; 4];
                    match carrier::recv(fd, &mut header, true) {
                        Ok(0) => return Err(err(ERROR_BROKEN_PIPE)),
                        Ok(4) => {
                            read_exact(fd, &mut header, -1, None)?;
                            let mut body = vec![0u8; u32::from_le_bytes(header) as usize];
                            read_exact(fd, &mut body, -1, None)?;
                            *rest = Some((body, 0));
                            continue;
                        }
                        // A header in part: its rest is on the way.
                        Ok(_) => {
                            drop(rest);
                            std::thread::sleep(std::time::Duration::from_millis(1));
                            continue;
                        }
                        Err(libc::EAGAIN) | Err(libc::EINTR) => {}
                        Err(_) => return Err(err(ERROR_BROKEN_PIPE)),
                    }
                } else {
                    if len == 0 {
                        return Ok((Vec::new(), false));
                    }
                    let mut buf = vec![0u8; len];
                    match carrier::recv(fd, &mut buf, false) {
                        Ok(0) => return Err(err(ERROR_BROKEN_PIPE)),
                        Ok(n) => {
                            buf.truncate(n);
                            return Ok((buf, false));
                        }
                        Err(libc::EAGAIN) | Err(libc::EINTR) => {}
                        Err(_) => return Err(err(ERROR_BROKEN_PIPE)),
                    }
                }
            }
            match op {
                None => return Err(WOULD_BLOCK),
                Some(op) => Self::wait_ready(fd, false, op)?,
            }
        }
    }

    /// A read as `ReadFile` does it: [`End::read_once`], and in a message pipe read in byte
    /// mode, the following messages already there too, up to `len` bytes (message boundaries
    /// mean nothing to a byte-mode reader, as on Windows).
    fn read_some(&self, conn: &Conn, len: usize, op: Option<&Op>) -> WsaResult<(Vec<u8>, bool)> {
        let (mut data, mut more) = self.read_once(conn, len, op)?;
        if self.params.message && !self.read_message.load(SeqCst) {
            while data.len() < len {
                match self.read_once(conn, len - data.len(), None) {
                    Ok((next, m)) => {
                        data.extend_from_slice(&next);
                        more = m;
                    }
                    Err(_) => break,
                }
            }
        }
        Ok((data, more))
    }

    /// Writes `data` whole (framed, in a message pipe). `WOULD_BLOCK` when nothing could be
    /// written and `op` is None.
    fn write_all(&self, conn: &Conn, data: &[u8], op: Option<&Op>) -> WsaResult<usize> {
        let framed;
        let frame: &[u8] = if self.params.message {
            let mut f = Vec::with_capacity(4 + data.len());
            f.extend_from_slice(&(data.len() as u32).to_le_bytes());
            f.extend_from_slice(data);
            framed = f;
            &framed
        } else if data.is_empty() {
            return Ok(0);
        } else {
            data
        };
        let _whole = conn.writing.lock();
        let mut done = 0;
        while done < frame.len() {
            match carrier::send(conn.raw(), &frame[done..]) {
                Ok(n) => done += n,
                Err(libc::EAGAIN) | Err(libc::EINTR) => match op {
                    Some(op) => Self::wait_ready(conn.raw(), true, op)?,
                    None if done == 0 => return Err(WOULD_BLOCK),
                    // A frame begun by a first attempt is finished here (another thread
                    // starting it again would write it twice).
                    None => {
                        let _ = carrier::wait(conn.raw(), true, None, 100);
                    }
                },
                Err(_) => return Err(err(ERROR_NO_DATA)),
            }
        }
        Ok(data.len())
    }

    /// The result of a read as the caller sees it: the bytes copied and `ERROR_MORE_DATA`
    /// when a message-mode read left part of the message.
    fn deliver(&self, span: &UserSpan, got: (Vec<u8>, bool)) -> (u32, Option<WsaError>) {
        let n = span.fill(&got.0) as u32;
        let more = got.1 && self.read_message.load(SeqCst);
        (n, more.then_some(MORE_DATA))
    }

    /// `ReadFile` (`completion` None: synchronous). Ok((bytes, ERROR_MORE_DATA or None)).
    pub(crate) fn read(
        self: &Arc<Self>,
        span: UserSpan,
        completion: Option<Completion>,
    ) -> WsaResult<(u32, Option<WsaError>)> {
        if !self.can_read {
            return Err(err(codes::ERROR_ACCESS_DENIED));
        }
        let conn = self.conn()?;
        let sync = |end: &Arc<End>| -> WsaResult<(u32, Option<WsaError>)> {
            // What is there is read without a wake-up pipe; only a read that waits needs one.
            match end.read_some(&conn, span.len(), None) {
                Err(WOULD_BLOCK) if end.nowait.load(SeqCst) => return Err(err(ERROR_NO_DATA)),
                Err(WOULD_BLOCK) => {}
                r => return r.map(|got| end.deliver(&span, got)),
            }
            let op = end.begin_op(0)?;
            let r = end.read_some(&conn, span.len(), Some(&op));
            end.end_op(&op);
            r.map(|got| end.deliver(&span, got))
        };
        let Some(c) = completion else {
            return sync(self);
        };
        if !self.overlapped {
            let r = sync(self);
            match &r {
                Ok((n, warn)) => c.complete(self, *n, *warn),
                Err(e) => c.complete(self, 0, Some(*e)),
            }
            return r;
        }
        match self.read_some(&conn, span.len(), None) {
            Ok(got) => {
                let (n, warn) = self.deliver(&span, got);
                c.complete(self, n, warn);
                Ok((n, warn))
            }
            Err(WOULD_BLOCK) if self.nowait.load(SeqCst) => Err(err(ERROR_NO_DATA)),
            Err(WOULD_BLOCK) => Err(self.finish_later(c, move |end, op| {
                let got = end.read_some(&conn, span.len(), Some(op))?;
                Ok(end.deliver(&span, got))
            })),
            Err(e) => Err(e),
        }
    }

    /// `WriteFile` (`completion` None: synchronous): the bytes written.
    pub(crate) fn write(
        self: &Arc<Self>,
        data: Vec<u8>,
        completion: Option<Completion>,
    ) -> WsaResult<u32> {
        if !self.can_write {
            return Err(err(codes::ERROR_ACCESS_DENIED));
        }
        let conn = self.conn()?;
        let sync = |end: &Arc<End>| -> WsaResult<u32> {
            match end.write_all(&conn, &data, None) {
                Err(WOULD_BLOCK) => {}
                r => return r.map(|n| n as u32),
            }
            let op = end.begin_op(0)?;
            let r = end.write_all(&conn, &data, Some(&op));
            end.end_op(&op);
            r.map(|n| n as u32)
        };
        let Some(c) = completion else {
            return sync(self);
        };
        if !self.overlapped {
            let r = sync(self);
            match &r {
                Ok(n) => c.complete(self, *n, None),
                Err(e) => c.complete(self, 0, Some(*e)),
            }
            return r;
        }
        match self.write_all(&conn, &data, None) {
            Ok(n) => {
                c.complete(self, n as u32, None);
                Ok(n as u32)
            }
            Err(WOULD_BLOCK) => Err(self.finish_later(c, move |end, op| {
                let n = end.write_all(&conn, &data, Some(op))?;
                Ok((n as u32, None))
            })),
            Err(e) => Err(e),
        }
    }

    /// `PeekNamedPipe`: up to `max` bytes without reading them (of the next message only, in
    /// a message pipe), the bytes available and those left of the next message.
    pub(crate) fn peek(&self, max: usize) -> WsaResult<Peeked> {
        let conn = match self.conn() {
            Ok(c) => c,
            Err(e) if e == err(codes::ERROR_INVALID_HANDLE) => return Err(e),
            Err(_) => return Err(err(ERROR_BAD_PIPE)),
        };
        let rest = conn.rest.lock();
        let queued = carrier::available(conn.raw()).unwrap_or(0);
        let mut raw = vec![0u8; queued];
        let got = if queued > 0 {
            carrier::recv(conn.raw(), &mut raw, true).unwrap_or(0)
        } else {
            0
        };
        raw.truncate(got);
        let (data, available, left) = if self.params.message {
            let mut messages: Vec<&[u8]> = Vec::new();
            if let Some((buf, at)) = rest.as_ref() {
                messages.push(&buf[*at..]);
            }
            let mut at = 0;
            while at + 4 <= raw.len() {
                let n = u32_at(&raw, at) as usize;
                let body = &raw[at + 4..raw.len().min(at + 4 + n)];
                messages.push(body);
                at += 4 + n;
            }
            let available = messages.iter().map(|m| m.len()).sum::<usize>();
            let first = messages.first().copied().unwrap_or(&[]);
            let data = first[..first.len().min(max)].to_vec();
            let left = first.len() - data.len();
            (data, available, left)
        } else {
            (raw[..raw.len().min(max)].to_vec(), raw.len(), 0)
        };
        // Windows reports the message's length less the bytes copied; a byte pipe's "message"
        // is 0 long, so bytes copied out of a byte pipe make it negative (as a DWORD).
        let left = if self.params.message {
            left as u32
        } else {
            0u32.wrapping_sub(data.len() as u32)
        };
        if available == 0 && rest.is_none() && carrier::hung_up(conn.raw()) {
            return Err(err(ERROR_BROKEN_PIPE));
        }
        Ok(Peeked {
            data,
            available: available as u32,
            left_this_message: left,
        })
    }
}

/// `TransactNamedPipe`: writes `request` as one message, then reads the answer (message read
/// mode only: `ERROR_BAD_PIPE` otherwise; `ERROR_PIPE_BUSY` when unread data is already
/// there, as on Windows). On a handle opened for overlapped I/O with an `OVERLAPPED`, a reply
/// not there yet leaves the call pending (`ERROR_IO_PENDING`) and the `OVERLAPPED` gets it;
/// otherwise the call waits for it (an `OVERLAPPED` gets the result too).
pub(crate) fn transact(
    end: &Arc<End>,
    request: Vec<u8>,
    reply: UserSpan,
    completion: Option<Completion>,
) -> WsaResult<(u32, Option<WsaError>)> {
    if !end.params.message || !end.reads_messages() {
        return Err(err(ERROR_BAD_PIPE));
    }
    let conn = end.conn()?;
    if conn.rest.lock().is_some() || carrier::available(conn.raw()).unwrap_or(0) > 0 {
        return Err(err(ERROR_PIPE_BUSY));
    }
    let (pending, completion) = match end.overlapped {
        true => (completion, None),
        false => (None, completion),
    };
    if let Some(c) = pending {
        let op = end.begin_op(0)?;
        let written = end.write_all(&conn, &request, Some(&op));
        end.end_op(&op);
        written?;
        return match end.read_once(&conn, reply.len(), None) {
            Ok(got) => {
                let (n, warn) = end.deliver(&reply, got);
                c.complete(end, n, warn);
                Ok((n, warn))
            }
            Err(WOULD_BLOCK) => Err(end.finish_later(c, move |end, op| {
                let got = end.read_once(&conn, reply.len(), Some(op))?;
                Ok(end.deliver(&reply, got))
            })),
            Err(e) => Err(e),
        };
    }
    let r = (|| {
        let op = end.begin_op(0)?;
        let r = end
            .write_all(&conn, &request, Some(&op))
            .and_then(|_| end.read_once(&conn, reply.len(), Some(&op)));
        end.end_op(&op);
        r.map(|got| end.deliver(&reply, got))
    })();
    if let Some(c) = completion {
        match &r {
            Ok((n, warn)) => c.complete(end, *n, *warn),
            Err(e) => c.complete(end, 0, Some(*e)),
        }
    }
    r
}

/// `CallNamedPipe`: connects (waiting up to `timeout` for a free instance), sets message
/// read mode, transacts and closes. A longer answer is cut (`ERROR_MORE_DATA`).
pub(crate) fn call(
    name: &str,
    request: Vec<u8>,
    reply: UserSpan,
    timeout: u32,
) -> WsaResult<(u32, Option<WsaError>)> {
    let h = match open_client(name, true, true, 0) {
        Err(e) if e == err(ERROR_PIPE_BUSY) => {
            wait_named(name, timeout)?;
            open_client(name, true, true, 0)?
        }
        r => r?,
    };
    let r = (|| {
        let end = lookup(h).ok_or(err(codes::ERROR_INVALID_HANDLE))?;
        end.set_mode(PIPE_READMODE_MESSAGE)?;
        transact(&end, request, reply, None)
    })();
    close(h);
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(parse(r"\\.\pipe\Abc"), Some(Name::Local("abc".into())));
        assert_eq!(parse(r"\\.\PIPE\a\b"), Some(Name::Local(r"a\b".into())));
        assert_eq!(parse(r"\\host\pipe\x"), Some(Name::Remote));
        assert_eq!(parse(r"\\.\pipe\"), None);
        assert_eq!(parse(r"\\.\mailslot\x"), None);
        assert_eq!(parse("pipe"), None);
        assert!(is_pipe_name(r"\\.\pipe\x"));
        assert!(is_pipe_name(r"\\srv\Pipe\x"));
        assert!(!is_pipe_name(r"C:\pipe\x"));
    }

    #[test]
    fn a_message_is_read_whole_or_in_parts() {
        let name = format!(r"\\.\pipe\ws2mp-unit-{}", pid());
        let s = create_server(Some(&name), 3, 4 | 2, 1, 512, 512, 0).unwrap();
        let c = open_client(&name, true, true, 0).unwrap();
        let (server, client) = (lookup(s).unwrap(), lookup(c).unwrap());
        assert_eq!(server.connect(None), Err(err(ERROR_PIPE_CONNECTED)));
        assert_eq!(
            open_client(&name, true, true, 0).err(),
            Some(err(ERROR_PIPE_BUSY))
        );
        client.write(b"hello world".to_vec(), None).unwrap();
        let p = server.peek(0).unwrap();
        assert_eq!((p.available, p.left_this_message), (11, 11));
        let p = server.peek(4).unwrap();
        assert_eq!(
            (&p.data[..], p.available, p.left_this_message),
            (&b"hell"[..], 11, 7)
        );
        let buf = UserSpan::leaked(5);
        let span = || buf.again();
        assert_eq!(server.read(span(), None), Ok((5, Some(MORE_DATA))));
        assert_eq!(server.read(span(), None), Ok((5, Some(MORE_DATA))));
        assert_eq!(server.read(span(), None), Ok((1, None)));
        assert_eq!(buf.to_vec()[0], b'd');
        assert!(close(c));
        assert_eq!(server.read(span(), None), Err(err(ERROR_BROKEN_PIPE)));
        assert!(close(s));
        assert_eq!(
            open_client(&name, true, true, 0).err(),
            Some(err(codes::ERROR_FILE_NOT_FOUND))
        );
    }
}

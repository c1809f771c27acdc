//! The Microsoft extension functions: `AcceptEx`, `GetAcceptExSockaddrs`, `TransmitFile`
//! (mswsock's exports), `WSASendMsg` (ws2_32's), and `ConnectEx`, `DisconnectEx`,
//! `TransmitPackets`, `WSARecvMsg`, which Windows hands out only through
//! `WSAIoctl(SIO_GET_EXTENSION_FUNCTION_POINTER)` and ws2mp exports as `ws2mp_ConnectEx`, ... (a
//! program may name its own pointer variables `ConnectEx`). The logic is in `crate::extension`.

use super::types::{LPWSAOVERLAPPED_COMPLETION_ROUTINE, SOCKET, WSABUF, WSAOVERLAPPED};
use super::{call, call_ok, read_sockaddr, socket};
use crate::addr::SockAddr;
use crate::error::{WsaError, WsaResult};
use crate::extension::transmit::{self, Segment};
use crate::extension::{accept, connect, disconnect, message};
use crate::overlapped::{
    self, Attempt, AttemptFn, Direction, Request, Routine, Submitted, Transferred,
};
use crate::socket::Socket;
use crate::socket::Wait;
use crate::sys;
use std::os::raw::c_void;
use std::sync::Arc;

/// `TransmitFile`'s head and tail buffers (Windows' layout).
#[repr(C)]
pub struct TRANSMIT_FILE_BUFFERS {
    pub Head: *mut c_void,
    pub HeadLength: u32,
    pub Tail: *mut c_void,
    pub TailLength: u32,
}

/// `WSARecvMsg` / `WSASendMsg`'s message: the address, the data buffers, the control buffer
/// (`WSACMSGHDR`s) and the flags (Windows' layout).
#[repr(C)]
pub struct WSAMSG {
    pub name: *mut libc::sockaddr,
    pub namelen: i32,
    pub lpBuffers: *mut WSABUF,
    pub dwBufferCount: u32,
    pub Control: WSABUF,
    pub dwFlags: u32,
}

/// `STATUS_PENDING`: what `OVERLAPPED.Internal` holds once an extension call has been made.
const STATUS_PENDING: usize = 0x103;

/// Reads `N` bytes of program memory (`WSAEFAULT` when it cannot be read).
fn read_bytes<const N: usize>(at: *const c_void) -> WsaResult<[u8; N]> {
    if at.is_null() {
        return Err(WsaError::WSAEFAULT);
    }
    let mut out = [0u8; N];
    sys::copy_from_user(at.cast::<u8>(), &mut out).map_err(|_| WsaError::WSAEFAULT)?;
    Ok(out)
}

/// Copies `len` bytes of program memory (`WSAEFAULT` when NULL with a length or unreadable).
fn copy_in(at: *const c_void, len: usize) -> WsaResult<Vec<u8>> {
    if len == 0 {
        return Ok(Vec::new());
    }
    if at.is_null() {
        return Err(WsaError::WSAEFAULT);
    }
    if len > PROBE_ABOVE {
        // A length no real buffer has must not cost an allocation first: its two ends are
        // checked before anything is allocated.
        let mut byte = [0u8; 1];
        let last = (at as usize).wrapping_add(len - 1) as *const u8;
        sys::copy_from_user(at.cast::<u8>(), &mut byte).map_err(|_| WsaError::WSAEFAULT)?;
        sys::copy_from_user(last, &mut byte).map_err(|_| WsaError::WSAEFAULT)?;
    }
    let mut out = vec![0u8; len];
    sys::copy_from_user(at.cast::<u8>(), &mut out).map_err(|_| WsaError::WSAEFAULT)?;
    Ok(out)
}

/// Buffers longer than this are probed before they are copied.
const PROBE_ABOVE: usize = 1 << 20;

fn word(bytes: &[u8], at: usize) -> u32 {
    u32::from_ne_bytes(bytes[at..at + 4].try_into().expect("4 bytes"))
}

fn pointer(bytes: &[u8], at: usize) -> usize {
    usize::from_ne_bytes(
        bytes[at..at + std::mem::size_of::<usize>()]
            .try_into()
            .expect("pointer"),
    )
}

/// Writes a DWORD out-parameter when the program gave one.
fn put_dword(at: *mut u32, v: u32) -> WsaResult<()> {
    if at.is_null() {
        return Ok(());
    }
    sys::copy_to_user(at.cast::<u8>(), &v.to_ne_bytes()).map_err(|_| WsaError::WSAEFAULT)
}

/// Marks the program's `OVERLAPPED` as pending, as Windows does first thing (even for a call
/// that then fails).
fn mark_pending(ov: *mut WSAOVERLAPPED) {
    if !ov.is_null() {
        let _ = sys::copy_to_user(ov.cast::<u8>(), &STATUS_PENDING.to_ne_bytes());
    }
}

/// The completion routine as the engine runs it (an APC on the issuing thread).
fn routine(r: LPWSAOVERLAPPED_COMPLETION_ROUTINE, ov: *mut WSAOVERLAPPED) -> Option<Routine> {
    let f = r?;
    let ov = ov as usize;
    Some(Box::new(move |error, bytes, flags| {
        // SAFETY: the program's completion routine, called as Windows calls it, with the
        // OVERLAPPED the program passed (it must stay valid until the completion).
        unsafe { f(error, bytes, ov as *mut WSAOVERLAPPED, flags) }
    }))
}

/// Hands an overlapped operation to the engine. `Ok(Some(t))`: completed at once;
/// `Ok(None)`: pending (the caller fails with `WSA_IO_PENDING`).
fn submit(
    socket: Arc<Socket>,
    ov: *mut WSAOVERLAPPED,
    routine: Option<Routine>,
    direction: Direction,
    attempt: AttemptFn,
) -> WsaResult<Transferred> {
    match overlapped::submit(Request {
        socket,
        overlapped: ov as usize,
        routine,
        direction,
        attempt,
        kernel: None,
        synchronous: false,
    })? {
        Submitted::Done(t) => Ok(t),
        Submitted::Pending => Err(WsaError::WSA_IO_PENDING),
    }
}

/// An attempt that reports "not yet" the first time (on the calling thread): Windows reports
/// AcceptEx, ConnectEx, DisconnectEx and the transfers as pending (`ERROR_IO_PENDING`) even
/// when they could finish at once; the engine then runs them as soon as the socket is ready.
/// (These operations never wait whatever they are passed: their steps use `Wait::Never`.)
fn pending_first(mut attempt: impl FnMut() -> Attempt + Send + 'static) -> AttemptFn {
    let mut first = true;
    Box::new(move |_, _| {
        if std::mem::take(&mut first) {
            return Attempt::WouldBlock;
        }
        attempt()
    })
}

// ---- AcceptEx ---------------------------------------------------------------------------------

/// Accepts a connection into a socket the program created (`sAcceptSocket`), returning the
/// local and remote addresses and, with `dwReceiveDataLength` > 0, the first data received, in
/// `lpOutputBuffer` (`[data][local address slot][remote address slot]`; read the addresses
/// with `GetAcceptExSockaddrs`). With receive data asked for it completes once the first data
/// arrived (or the client closed or reset the connection: 0 bytes); meanwhile the connection
/// is already in the accept socket, as on Windows: `SO_CONNECT_TIME` on it counts the seconds
/// since it connected (0xFFFFFFFF before any client came), and closing it ends the connection
/// and cancels the `AcceptEx` (`WSA_OPERATION_ABORTED`), the next `AcceptEx` taking the next
/// connection. Each address slot must be at least the address's size + 16;
/// a local slot of 0 gets no address; a slot too small fails the request with
/// `ERROR_INSUFFICIENT_BUFFER` (122) and leaves the connection queued. The accept socket then
/// is the connection (getpeername/getsockname/recv/send work on it; ws2mp needs no
/// `SO_UPDATE_ACCEPT_CONTEXT`, which it accepts). The completion is reported on the listening
/// socket (its event, completion port or completion routine). Returns FALSE with
/// `WSA_IO_PENDING` while pending; TRUE when it completed at once (`*lpdwBytesReceived` set).
///
/// Errors: `WSAENOTSOCK` (either socket), `WSAEINVAL` (listener not listening; accept socket
/// not a fresh stream socket of the listener's family: bound, connected, a datagram socket, or
/// already being accepted into), `WSA_INVALID_PARAMETER` (NULL `lpOverlapped`: AcceptEx is
/// overlapped only, as on Windows), `WSAEFAULT` (NULL `lpOutputBuffer`, a remote slot of 0),
/// `WSANOTINITIALISED`. Difference from Windows: the accept socket's options set before the
/// call are not kept (the connection is a new OS socket under the same SOCKET value).
///
/// # Safety
/// `lpOutputBuffer` must stay valid until completion for `dwReceiveDataLength +
/// dwLocalAddressLength + dwRemoteAddressLength` bytes; `lpOverlapped` likewise.
#[no_mangle]
pub unsafe extern "C" fn AcceptEx(
    sListenSocket: SOCKET,
    sAcceptSocket: SOCKET,
    lpOutputBuffer: *mut c_void,
    dwReceiveDataLength: u32,
    dwLocalAddressLength: u32,
    dwRemoteAddressLength: u32,
    lpdwBytesReceived: *mut u32,
    lpOverlapped: *mut WSAOVERLAPPED,
) -> i32 {
    call_ok(0, || {
        mark_pending(lpOverlapped);
        let listener = socket(sListenSocket)?;
        if !listener.is_listening() {
            return Err(WsaError::WSAEINVAL);
        }
        let acceptor = socket(sAcceptSocket)?;
        if lpOverlapped.is_null() {
            return Err(WsaError::WSA_INVALID_PARAMETER);
        }
        if lpOutputBuffer.is_null() || dwRemoteAddressLength == 0 {
            return Err(WsaError::WSAEFAULT);
        }
        accept::check(&listener, &acceptor)?;
        let params = accept::Accept {
            buffer: lpOutputBuffer as usize,
            receive: dwReceiveDataLength,
            local: dwLocalAddressLength,
            remote: dwRemoteAddressLength,
        };
        let mut op =
            accept::Operation::new(listener.clone(), acceptor, params, lpOverlapped as usize);
        let t = submit(
            listener,
            lpOverlapped,
            None,
            Direction::Receive,
            pending_first(move || op.attempt()),
        )?;
        put_dword(lpdwBytesReceived, t.bytes)?;
        Ok(1)
    })
}

/// How much of an `AcceptEx` address slot `GetAcceptExSockaddrs` reads.
const SLOT_HEAD: usize = 32;

/// Finds the addresses `AcceptEx` wrote into its output buffer: `*LocalSockaddr` /
/// `*RemoteSockaddr` point into `lpOutputBuffer`, `*LocalSockaddrLength` /
/// `*RemoteSockaddrLength` receive their sizes. With `dwLocalAddressLength` 0 the local
/// outputs are left as they are (as on Windows). NULL output pointers are skipped.
///
/// # Safety
/// `lpOutputBuffer` must be the buffer a completed `AcceptEx` filled, with the same lengths.
#[no_mangle]
pub unsafe extern "C" fn GetAcceptExSockaddrs(
    lpOutputBuffer: *mut c_void,
    dwReceiveDataLength: u32,
    dwLocalAddressLength: u32,
    dwRemoteAddressLength: u32,
    LocalSockaddr: *mut *mut libc::sockaddr,
    LocalSockaddrLength: *mut i32,
    RemoteSockaddr: *mut *mut libc::sockaddr,
    RemoteSockaddrLength: *mut i32,
) {
    call((), || {
        if lpOutputBuffer.is_null() {
            return Ok(());
        }
        let base = lpOutputBuffer as usize;
        // Only the start of each slot is read: the address's family gives its length.
        let (local, (remote_at, remote_len)) = accept::sockaddrs(
            dwReceiveDataLength,
            dwLocalAddressLength,
            dwRemoteAddressLength,
            |at, room| {
                copy_in((base + at) as *const c_void, room.min(SLOT_HEAD)).unwrap_or_default()
            },
        );
        let put = |ptr: *mut *mut libc::sockaddr, len: *mut i32, at: usize, n: usize| {
            if !ptr.is_null() {
                let _ = sys::copy_to_user(ptr.cast::<u8>(), &(base + at).to_ne_bytes());
            }
            if !len.is_null() {
                let _ = sys::copy_to_user(len.cast::<u8>(), &(n as i32).to_ne_bytes());
            }
        };
        if let Some((at, n)) = local {
            put(LocalSockaddr, LocalSockaddrLength, at, n);
        }
        if dwRemoteAddressLength > 0 {
            put(RemoteSockaddr, RemoteSockaddrLength, remote_at, remote_len);
        }
        Ok(())
    })
}

// ---- ConnectEx ----------------------------------------------------------------------------------

/// `ConnectEx` (reached through `WSAIoctl(SIO_GET_EXTENSION_FUNCTION_POINTER, WSAID_CONNECTEX)`):
/// connects a **bound** stream socket to `name` and, once connected, sends
/// `dwSendDataLength` bytes of `lpSendBuffer` (copied when the call is made). Completes through
/// `lpOverlapped` with the bytes sent; returns FALSE with `WSA_IO_PENDING` while pending, TRUE
/// when done at once (`*lpdwBytesSent` set). Afterwards the socket is connected as after
/// `connect` (`SO_UPDATE_CONNECT_CONTEXT` is accepted and changes nothing).
///
/// Errors: `WSAENOTSOCK`, `WSAEFAULT` (bad `name`/`namelen`, NULL send buffer with a length),
/// `WSAEINVAL` (unbound socket, not a stream socket, listening, being accepted into, a connect
/// under way: Windows' answer whether `connect` or `ConnectEx` started it), `WSAEISCONN`,
/// `WSAEAFNOSUPPORT`, `WSA_INVALID_PARAMETER` (NULL
/// `lpOverlapped`: ConnectEx is overlapped only), the connect errors (`WSAECONNREFUSED`, ...)
/// through the completion, `WSANOTINITIALISED`.
///
/// # Safety
/// `name` readable for `namelen` bytes; `lpSendBuffer` for `dwSendDataLength`; `lpOverlapped`
/// valid until completion.
#[no_mangle]
pub unsafe extern "C" fn ws2mp_ConnectEx(
    s: SOCKET,
    name: *const libc::sockaddr,
    namelen: i32,
    lpSendBuffer: *mut c_void,
    dwSendDataLength: u32,
    lpdwBytesSent: *mut u32,
    lpOverlapped: *mut WSAOVERLAPPED,
) -> i32 {
    call_ok(0, || {
        mark_pending(lpOverlapped);
        let sock = socket(s)?;
        let to = read_sockaddr(name, namelen)?;
        connect::check(&sock, &to)?;
        if lpOverlapped.is_null() {
            return Err(WsaError::WSA_INVALID_PARAMETER);
        }
        let data = copy_in(lpSendBuffer, dwSendDataLength as usize)?;
        connect::start(&sock, &to)?;
        let mut op = connect::Operation::new(sock.clone(), data);
        let t = submit(
            sock,
            lpOverlapped,
            None,
            Direction::Send,
            pending_first(move || op.attempt()),
        )?;
        put_dword(lpdwBytesSent, t.bytes)?;
        Ok(1)
    })
}

// ---- DisconnectEx ------------------------------------------------------------------------------

/// `DisconnectEx` (through `WSAIoctl`, `WSAID_DISCONNECTEX`): ends the connection's sending
/// side (the peer reads end-of-file; this side may still receive, as on Windows). With
/// `TF_REUSE_SOCKET` the SOCKET value then names a fresh, unbound socket of the same kind,
/// ready for `AcceptEx` or `ConnectEx`. Without `lpOverlapped` it completes before returning
/// (TRUE; calling it again succeeds too); with one it returns FALSE with `WSA_IO_PENDING` or
/// TRUE when done at once.
///
/// Errors: `WSAENOTSOCK`, `WSAENOTCONN` (not a connected stream socket), `WSAEINVAL` (flags
/// other than `TF_REUSE_SOCKET`, `dwReserved` not 0), `WSANOTINITIALISED`. Difference from
/// Windows: a reused socket is a new OS socket under the same SOCKET value (its options are
/// the defaults again).
///
/// # Safety
/// `lpOverlapped` NULL or valid until completion.
#[no_mangle]
pub unsafe extern "C" fn ws2mp_DisconnectEx(
    s: SOCKET,
    lpOverlapped: *mut WSAOVERLAPPED,
    dwFlags: u32,
    dwReserved: u32,
) -> i32 {
    call_ok(0, || {
        let sock = socket(s)?;
        disconnect::check_flags(dwFlags)?;
        if dwReserved != 0 {
            return Err(WsaError::WSAEINVAL);
        }
        disconnect::check(&sock)?;
        if lpOverlapped.is_null() {
            disconnect::disconnect(&sock, dwFlags)?;
            return Ok(1);
        }
        let target = sock.clone();
        submit(
            sock,
            lpOverlapped,
            None,
            Direction::Send,
            pending_first(move || {
                Attempt::Done(
                    disconnect::disconnect(&target, dwFlags).map(|()| Transferred::default()),
                )
            }),
        )?;
        Ok(1)
    })
}

// ---- TransmitFile / TransmitPackets ------------------------------------------------------------

/// The file descriptor a program's file `HANDLE` stands for.
fn file_fd(h: *mut c_void) -> WsaResult<sys::Fd> {
    // A file from CreateFile, a standard handle redirected from a file, or a descriptor given
    // as a handle.
    let fd = match crate::handle::file::fd_of(h as usize)
        .or_else(|| crate::handle::console::std_file_fd(h as usize))
    {
        Some(fd) => fd,
        None => i32::try_from(h as isize).map_err(|_| WsaError::WSA_INVALID_HANDLE)?,
    };
    transmit::check_file(fd)?;
    Ok(fd)
}

/// Runs a transfer: at once without `OVERLAPPED`, else through the engine.
fn run_transfer(
    sock: Arc<Socket>,
    segments: Vec<Segment>,
    per_send: u32,
    flags: u32,
    ov: *mut WSAOVERLAPPED,
) -> WsaResult<i32> {
    let op = transmit::Operation::new(sock.clone(), segments, per_send, flags);
    if ov.is_null() {
        op.run()?;
        return Ok(1);
    }
    let mut op = op;
    submit(
        sock,
        ov,
        None,
        Direction::Send,
        pending_first(move || op.attempt()),
    )?;
    Ok(1)
}

/// Sends a file's contents, between optional head and tail buffers, on a connected stream
/// socket. `hFile` is the file's descriptor as a `HANDLE` (`(HANDLE)(intptr_t)fd`; NULL: no
/// file); `nNumberOfBytesToWrite` 0 sends to the end of the file. Without `lpOverlapped` the
/// file is read from its current position (which advances) and the call returns once all was
/// sent (TRUE); with one, from `Offset`/`OffsetHigh`, completing with the byte count (FALSE
/// with `WSA_IO_PENDING`, or TRUE when done at once). `TF_DISCONNECT` shuts the sending side
/// down afterwards; with `TF_REUSE_SOCKET` the socket is then renewed as `DisconnectEx` does.
/// `nNumberOfBytesPerSend` sizes each send (0: 64 KiB).
///
/// Errors: `WSAENOTSOCK`, `WSAENOTCONN` (not connected, or not a stream socket), `WSAEINVAL`
/// (unknown flags), `WSA_INVALID_HANDLE` (`hFile` not a readable file descriptor), `WSAEFAULT`
/// (unreadable head/tail buffers), the send errors, `WSANOTINITIALISED`.
///
/// # Safety
/// `lpTransmitBuffers` NULL or valid; its buffers readable for their lengths.
#[no_mangle]
pub unsafe extern "C" fn TransmitFile(
    hSocket: SOCKET,
    hFile: *mut c_void,
    nNumberOfBytesToWrite: u32,
    nNumberOfBytesPerSend: u32,
    lpOverlapped: *mut WSAOVERLAPPED,
    lpTransmitBuffers: *mut TRANSMIT_FILE_BUFFERS,
    dwReserved: u32,
) -> i32 {
    call_ok(0, || {
        let sock = socket(hSocket)?;
        transmit::check(&sock, dwReserved, true)?;
        let ptr = std::mem::size_of::<usize>();
        let (head, tail) = if lpTransmitBuffers.is_null() {
            (Vec::new(), Vec::new())
        } else {
            // TRANSMIT_FILE_BUFFERS { PVOID Head; DWORD HeadLength; PVOID Tail; DWORD TailLength; }
            let b = read_bytes::<32>(lpTransmitBuffers.cast::<c_void>())?;
            let head = copy_in(pointer(&b, 0) as *const c_void, word(&b, ptr) as usize)?;
            let tail = copy_in(
                pointer(&b, 2 * ptr) as *const c_void,
                word(&b, 3 * ptr) as usize,
            )?;
            (head, tail)
        };
        let mut segments = vec![Segment::Memory(head)];
        if !hFile.is_null() {
            let fd = file_fd(hFile)?;
            let offset = if lpOverlapped.is_null() {
                None
            } else {
                let ov = read_bytes::<24>(lpOverlapped as *const c_void)?;
                Some(u64::from(word(&ov, 16)) | (u64::from(word(&ov, 20)) << 32))
            };
            let len = (nNumberOfBytesToWrite != 0).then_some(u64::from(nNumberOfBytesToWrite));
            segments.push(Segment::File { fd, offset, len });
        }
        segments.push(Segment::Memory(tail));
        run_transfer(
            sock,
            segments,
            nNumberOfBytesPerSend,
            dwReserved,
            lpOverlapped,
        )
    })
}

/// `TP_ELEMENT_MEMORY`, `TP_ELEMENT_FILE`, `TP_ELEMENT_EOP`.
const TP_ELEMENT_MEMORY: u32 = 1;
const TP_ELEMENT_FILE: u32 = 2;
const TP_ELEMENT_EOP: u32 = 4;

/// `TransmitPackets` (through `WSAIoctl`, `WSAID_TRANSMITPACKETS`): sends an array of
/// `TRANSMIT_PACKETS_ELEMENT`s in order: memory (`TP_ELEMENT_MEMORY`: `pBuffer`, `cLength`)
/// and file ranges (`TP_ELEMENT_FILE`: `hFile` a descriptor as for `TransmitFile`,
/// `nFileOffset` (-1: the current position), `cLength` (0: to the end of the file)). On a
/// connected stream socket the elements form one byte stream; on a connected datagram socket
/// each memory element (and each file read) is one datagram. Flags, completion and return
/// values as for `TransmitFile`.
///
/// Errors: `WSAENOTSOCK`, `WSAENOTCONN`, `WSAEINVAL` (an element with neither or both of
/// memory and file, unknown flags), `WSAEFAULT` (NULL array with elements, unreadable
/// buffers), `WSA_INVALID_HANDLE`, the send errors, `WSANOTINITIALISED`.
///
/// # Safety
/// `lpPacketArray` NULL or readable for `nElementCount` elements, their buffers readable.
#[no_mangle]
pub unsafe extern "C" fn ws2mp_TransmitPackets(
    hSocket: SOCKET,
    lpPacketArray: *mut c_void,
    nElementCount: u32,
    nSendSize: u32,
    lpOverlapped: *mut WSAOVERLAPPED,
    dwFlags: u32,
) -> i32 {
    call_ok(0, || {
        let sock = socket(hSocket)?;
        transmit::check(&sock, dwFlags, false)?;
        if lpPacketArray.is_null() && nElementCount > 0 {
            return Err(WsaError::WSAEFAULT);
        }
        let mut segments = Vec::with_capacity(nElementCount as usize);
        for i in 0..nElementCount as usize {
            // { ULONG dwElFlags; ULONG cLength; union { { LARGE_INTEGER nFileOffset;
            //   HANDLE hFile; }; PVOID pBuffer; }; }: 24 bytes on 64-bit.
            let at = (lpPacketArray as usize + i * 24) as *const c_void;
            let e = read_bytes::<24>(at)?;
            let (flags, len) = (word(&e, 0) & !TP_ELEMENT_EOP, word(&e, 4));
            match flags {
                TP_ELEMENT_MEMORY => segments.push(Segment::Memory(copy_in(
                    pointer(&e, 8) as *const c_void,
                    len as usize,
                )?)),
                TP_ELEMENT_FILE => {
                    let offset = i64::from_ne_bytes(e[8..16].try_into().expect("8 bytes"));
                    let fd = file_fd(pointer(&e, 16) as *mut c_void)?;
                    segments.push(Segment::File {
                        fd,
                        offset: (offset >= 0).then_some(offset as u64),
                        len: (len != 0).then_some(u64::from(len)),
                    });
                }
                _ => return Err(WsaError::WSAEINVAL),
            }
        }
        run_transfer(sock, segments, nSendSize, dwFlags, lpOverlapped)
    })
}

// ---- WSARecvMsg / WSASendMsg -------------------------------------------------------------------

/// `WSAMSG` on 64-bit: name @0, namelen @8, lpBuffers @16, dwBufferCount @24, Control
/// (`WSABUF`: len @32, buf @40), dwFlags @48; 56 bytes.
const WSAMSG_SIZE: usize = 56;

struct Msg {
    name: usize,
    namelen: i32,
    buffers: *const WSABUF,
    count: u32,
    control_len: u32,
    control: usize,
    flags: u32,
}

fn read_msg(at: *const c_void) -> WsaResult<Msg> {
    let m = read_bytes::<WSAMSG_SIZE>(at)?;
    Ok(Msg {
        name: pointer(&m, 0),
        namelen: word(&m, 8) as i32,
        buffers: pointer(&m, 16) as *const WSABUF,
        count: word(&m, 24),
        control_len: word(&m, 32),
        control: pointer(&m, 40),
        flags: word(&m, 48),
    })
}

/// The iovecs of a WSABUF array (`WSAEFAULT` for a NULL array or buffer with a length).
fn iovecs(bufs: *const WSABUF, count: u32) -> WsaResult<Vec<libc::iovec>> {
    if count as usize > 1024 {
        return Err(WsaError::WSAENOBUFS);
    }
    let size = std::mem::size_of::<WSABUF>();
    let raw = copy_in(bufs.cast::<c_void>(), count as usize * size)?;
    raw.chunks(size)
        .map(|b| {
            let len = word(b, 0) as usize;
            let buf = pointer(b, 8);
            if buf == 0 && len > 0 {
                Err(WsaError::WSAEFAULT)
            } else {
                Ok(libc::iovec {
                    iov_base: buf as *mut c_void,
                    iov_len: len,
                })
            }
        })
        .collect()
}

/// One `WSARecvMsg` receive, writing the source, the control data, `Control.len` and
/// `dwFlags` back into the program's `WSAMSG` at `msg`. Returns the bytes received and whether
/// the datagram or its control data was cut (`WSAEMSGSIZE`).
fn receive_msg(sock: &Socket, msg: usize, wait: Wait) -> WsaResult<(u32, bool)> {
    let m = read_msg(msg as *const c_void)?;
    let mut iov = iovecs(m.buffers, m.count)?;
    // SAFETY: the WSAMSG's buffers are the program's, lent writable for the receive
    // (Winsock's contract; a bad pointer fails in the system call with EFAULT).
    let bufs = unsafe { sys::IoBufsMut::from_raw(&mut iov) };
    let capacity = bufs.total_len();
    let mut from = SockAddr::empty();
    let room = if m.control == 0 {
        0
    } else {
        m.control_len as usize
    };
    // MSG_PEEK is the one input flag (non-overlapped calls only, as Windows documents).
    let peek = if wait == Wait::AsSocket {
        m.flags as i32 & libc::MSG_PEEK
    } else {
        0
    };
    let r = sock.recv_with_control(bufs, peek, &mut from, room, wait)?;
    let (control, cut) = message::to_windows(&r.controls, room);
    let mut flags = message::destination_flags(&r.controls);
    if r.received.truncated && !sock.is_stream() {
        flags |= libc::MSG_TRUNC as u32;
    }
    if cut || r.control_truncated {
        flags |= libc::MSG_CTRUNC as u32;
    }
    let msg_ptr = msg as *mut u8;
    let mut writes: Vec<(*mut u8, &[u8])> = Vec::new();
    let flags_bytes = flags.to_ne_bytes();
    let control_len = (control.len() as u32).to_ne_bytes();
    writes.push((msg_ptr.wrapping_add(48), &flags_bytes));
    writes.push((msg_ptr.wrapping_add(32), &control_len));
    if !control.is_empty() {
        writes.push((m.control as *mut u8, &control));
    }
    let namelen;
    if m.name != 0 && !sock.is_stream() && !from.is_empty() {
        let bytes = from.as_bytes();
        if (m.namelen.max(0) as usize) < bytes.len() {
            return Err(WsaError::WSAEFAULT);
        }
        namelen = (bytes.len() as i32).to_ne_bytes();
        writes.push((m.name as *mut u8, bytes));
        writes.push((msg_ptr.wrapping_add(8), &namelen));
    }
    sys::copy_to_user_each(&writes).map_err(|_| WsaError::WSAEFAULT)?;
    let n = r.received.len.min(capacity) as u32;
    // Windows fails the receive with WSAEMSGSIZE when the datagram or its control data was
    // cut (observed: a control buffer too small gives MSG_CTRUNC and WSAEMSGSIZE, with the
    // data received and counted).
    let datagram_cut = r.received.truncated && !sock.is_stream();
    Ok((n, datagram_cut || cut || r.control_truncated))
}

/// `WSARecvMsg` (through `WSAIoctl`, `WSAID_WSARECVMSG`): receives into `lpMsg->lpBuffers`,
/// with the source in `lpMsg->name` (`namelen` updated) and control data in `lpMsg->Control`
/// in Windows' `WSACMSGHDR` layout (walk it with `WSA_CMSG_FIRSTHDR` / `WSA_CMSG_NXTHDR` /
/// `WSA_CMSG_DATA`); `Control.len` becomes the control bytes written. With `IP_PKTINFO` /
/// `IPV6_PKTINFO` set on the socket each datagram carries an `IN_PKTINFO` / `IN6_PKTINFO`
/// (destination address, arrival interface index). `dwFlags` takes `MSG_PEEK` (without
/// `lpOverlapped`) and reports `MSG_TRUNC` (datagram cut; the call fails with `WSAEMSGSIZE`),
/// `MSG_CTRUNC` (control data cut; the call fails with `WSAEMSGSIZE` too, the data received
/// and counted, as on Windows) and, when the datagram carries packet information,
/// `MSG_MCAST` / `MSG_BCAST` (sent to a multicast / the limited broadcast address). Without
/// `lpOverlapped` it blocks as `WSARecv` does; with one it completes through it (or the
/// completion routine).
///
/// Errors: as `WSARecvFrom`, plus `WSAEFAULT` (NULL `lpMsg`, NULL
/// `lpdwNumberOfBytesRecvd` without `lpOverlapped`, a `name` too small, a NULL `name` or
/// `Control.buf` with a non-zero length). `IP_TOS` data is an INT, as on Windows. Difference from
/// Windows: multicast sockets whose receive filter
/// is on (loopback off, interface bind) are not filtered by this call; `MSG_MCAST`/`MSG_BCAST`
/// need `IP_PKTINFO`/`IPV6_PKTINFO` (a subnet broadcast is not recognised).
///
/// # Safety
/// `lpMsg` and what it points to must be valid (until completion when overlapped).
#[no_mangle]
pub unsafe extern "C" fn ws2mp_WSARecvMsg(
    s: SOCKET,
    lpMsg: *mut WSAMSG,
    lpdwNumberOfBytesRecvd: *mut u32,
    lpOverlapped: *mut WSAOVERLAPPED,
    lpCompletionRoutine: LPWSAOVERLAPPED_COMPLETION_ROUTINE,
) -> i32 {
    call_ok(crate::winsock::SOCKET_ERROR, || {
        let sock = socket(s)?;
        if lpMsg.is_null() {
            sock.receive_refused();
            return Err(WsaError::WSAEFAULT);
        }
        let m = read_msg(lpMsg.cast::<c_void>())?;
        if m.count == 0 {
            return Err(WsaError::WSAEINVAL);
        }
        // A NULL name or control buffer with a length is WSAEFAULT, as Windows documents.
        if (m.name == 0 && m.namelen != 0) || (m.control == 0 && m.control_len != 0) {
            return Err(WsaError::WSAEFAULT);
        }
        let msg = lpMsg as usize;
        if lpOverlapped.is_null() {
            if lpdwNumberOfBytesRecvd.is_null() {
                return Err(WsaError::WSAEFAULT);
            }
            let (n, cut) = receive_msg(&sock, msg, Wait::AsSocket)?;
            put_dword(lpdwNumberOfBytesRecvd, n)?;
            return if cut {
                Err(WsaError::WSAEMSGSIZE)
            } else {
                Ok(0)
            };
        }
        let routine = routine(lpCompletionRoutine, lpOverlapped);
        let t = submit(
            sock,
            lpOverlapped,
            routine,
            Direction::Receive,
            Box::new(move |sock, wait| match receive_msg(sock, msg, wait) {
                // A cut datagram completes with its count and WSAEMSGSIZE.
                Ok((bytes, true)) => {
                    Attempt::Failed(WsaError::WSAEMSGSIZE, Transferred { bytes, flags: 0 })
                }
                other => crate::extension::finish(other.map(|(n, _)| n)),
            }),
        )?;
        put_dword(lpdwNumberOfBytesRecvd, t.bytes)?;
        Ok(0)
    })
}

/// Sends `lpMsg->lpBuffers` to `lpMsg->name` (or the connected peer when `name` is NULL) with
/// control data from `lpMsg->Control` in Windows' `WSACMSGHDR` layout: `IP_PKTINFO` with an
/// `IN_PKTINFO` chooses the source address (`ipi_addr`) and the interface (`ipi_ifindex`),
/// `IPV6_PKTINFO` with an `IN6_PKTINFO` likewise; other messages are passed to the system as
/// they are. Datagram and raw sockets only (a stream socket is `WSAEINVAL`, as on Windows).
/// `dwFlags`: `MSG_DONTROUTE` (and `MSG_OOB`, which datagram sockets refuse). Without `lpOverlapped` it
/// blocks as `WSASendTo` does; with one it completes through it (or the completion routine).
///
/// Errors: as `WSASendTo`, plus `WSAEFAULT` (NULL `lpMsg`, unreadable control buffer, NULL
/// `lpNumberOfBytesSent` without `lpOverlapped`), `WSAEINVAL` (a stream socket, a malformed
/// control header, unknown flags), `WSAEADDRNOTAVAIL` (a source address not of this host).
///
/// # Safety
/// `lpMsg` and what it points to must be valid (until completion when overlapped).
#[no_mangle]
pub unsafe extern "C" fn WSASendMsg(
    Handle: SOCKET,
    lpMsg: *mut WSAMSG,
    dwFlags: u32,
    lpNumberOfBytesSent: *mut u32,
    lpOverlapped: *mut WSAOVERLAPPED,
    lpCompletionRoutine: LPWSAOVERLAPPED_COMPLETION_ROUTINE,
) -> i32 {
    call_ok(crate::winsock::SOCKET_ERROR, || {
        let sock = socket(Handle)?;
        if dwFlags & !((libc::MSG_OOB | libc::MSG_DONTROUTE) as u32) != 0 {
            return Err(WsaError::WSAEINVAL);
        }
        let m = read_msg(lpMsg.cast::<c_void>())?;
        if sock.is_stream() {
            // Datagram and raw sockets only, as Windows (observed: WSAEINVAL on TCP).
            return Err(WsaError::WSAEINVAL);
        }
        let iov = iovecs(m.buffers, m.count)?;
        // SAFETY: the WSAMSG's buffers are the program's, lent readable for the send
        // (Winsock's contract; a bad pointer fails in the system call with EFAULT).
        let bufs = unsafe { sys::IoBufs::from_raw(&iov) };
        let to = if m.name == 0 || sock.is_stream() {
            None
        } else {
            Some(read_sockaddr(m.name as *const libc::sockaddr, m.namelen)?)
        };
        let controls = if m.control == 0 {
            Vec::new()
        } else {
            message::from_windows(&copy_in(
                m.control as *const c_void,
                m.control_len as usize,
            )?)?
        };
        let flags = dwFlags as i32;
        if lpOverlapped.is_null() {
            if lpNumberOfBytesSent.is_null() {
                // Windows binds the socket before it finds the missing count (Wine's
                // conformance test_WSASendMsg: getsockname then succeeds).
                sock.bind_implicitly();
                return Err(WsaError::WSAEFAULT);
            }
            let n = sock.send_with_control(bufs, flags, to.as_ref(), &controls, Wait::AsSocket)?;
            put_dword(lpNumberOfBytesSent, n as u32)?;
            return Ok(0);
        }
        // The data is copied now, so the program's buffers may be reused at once.
        let mut data = Vec::new();
        sys::copy_iovecs(bufs, &mut data).map_err(|_| WsaError::WSAEFAULT)?;
        let routine = routine(lpCompletionRoutine, lpOverlapped);
        let t = submit(
            sock,
            lpOverlapped,
            routine,
            Direction::Send,
            Box::new(move |sock, wait| {
                let mut one = sys::iov_storage();
                let bufs = sys::IoBufs::single(&mut one, &data);
                crate::extension::finish(
                    sock.send_with_control(bufs, flags, to.as_ref(), &controls, wait)
                        .map(|n| n as u32),
                )
            }),
        )?;
        put_dword(lpNumberOfBytesSent, t.bytes)?;
        Ok(0)
    })
}

// ---- SIO_GET_EXTENSION_FUNCTION_POINTER ---------------------------------------------------------

type Guid = (u32, u16, u16, [u8; 8]);

const MSWSOCK_TAIL: [u8; 8] = [0x95, 0xca, 0x00, 0x80, 0x5f, 0x48, 0xa1, 0x92];

/// Every GUID ws2mp answers, with the function it hands out.
fn extension_functions() -> [(Guid, usize); 9] {
    [
        (
            (0xb536_7df0, 0xcbac, 0x11cf, MSWSOCK_TAIL),
            TransmitFile as *const () as usize,
        ),
        (
            (0xb536_7df1, 0xcbac, 0x11cf, MSWSOCK_TAIL),
            AcceptEx as *const () as usize,
        ),
        (
            (0xb536_7df2, 0xcbac, 0x11cf, MSWSOCK_TAIL),
            GetAcceptExSockaddrs as *const () as usize,
        ),
        (
            (
                0x25a2_07b9,
                0xddf3,
                0x4660,
                [0x8e, 0xe9, 0x76, 0xe5, 0x8c, 0x74, 0x06, 0x3e],
            ),
            ws2mp_ConnectEx as *const () as usize,
        ),
        (
            (
                0x7fda_2e11,
                0x8630,
                0x436f,
                [0xa0, 0x31, 0xf5, 0x36, 0xa6, 0xee, 0xc1, 0x57],
            ),
            ws2mp_DisconnectEx as *const () as usize,
        ),
        (
            (
                0xd968_9da0,
                0x1f90,
                0x11d3,
                [0x99, 0x71, 0x00, 0xc0, 0x4f, 0x68, 0xc8, 0x76],
            ),
            ws2mp_TransmitPackets as *const () as usize,
        ),
        (
            (
                0xf689_d7c8,
                0x6f1f,
                0x436b,
                [0x8a, 0x53, 0xe5, 0x4f, 0xe3, 0x51, 0xc3, 0x22],
            ),
            ws2mp_WSARecvMsg as *const () as usize,
        ),
        (
            (
                0xa441_e712,
                0x754f,
                0x4ca4,
                [0x84, 0xa7, 0x0d, 0xee, 0x44, 0xcf, 0x60, 0x6d],
            ),
            WSASendMsg as *const () as usize,
        ),
        (
            (
                0x18c7_6f85,
                0xdc66,
                0x4964,
                [0x97, 0x2e, 0x23, 0xc2, 0x72, 0x38, 0x31, 0x2b],
            ),
            super::poll::WSAPoll as *const () as usize,
        ),
    ]
}

/// `WSAIoctl(SIO_GET_EXTENSION_FUNCTION_POINTER)`: reads the GUID (16 bytes of input), writes
/// the function's address (a pointer's size of output). Returns the bytes written.
/// `WSAEFAULT` for short or NULL buffers, `WSAEINVAL` for a GUID ws2mp does not know.
pub(crate) fn extension_pointer(
    input: *const c_void,
    in_len: u32,
    output: *mut c_void,
    out_len: u32,
) -> WsaResult<u32> {
    if in_len < 16 {
        return Err(WsaError::WSAEFAULT);
    }
    let g = read_bytes::<16>(input)?;
    let guid: Guid = (
        word(&g, 0),
        u16::from_ne_bytes([g[4], g[5]]),
        u16::from_ne_bytes([g[6], g[7]]),
        g[8..16].try_into().expect("8 bytes"),
    );
    let f = extension_functions()
        .iter()
        .find(|(id, _)| *id == guid)
        .map(|(_, f)| *f)
        .ok_or(WsaError::WSAEINVAL)?;
    let size = std::mem::size_of::<usize>();
    if output.is_null() || (out_len as usize) < size {
        return Err(WsaError::WSAEFAULT);
    }
    sys::copy_to_user(output.cast::<u8>(), &f.to_ne_bytes()).map_err(|_| WsaError::WSAEFAULT)?;
    Ok(size as u32)
}

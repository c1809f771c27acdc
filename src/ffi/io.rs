//! Sending and receiving: `send`, `recv`, `sendto`, `recvfrom` and the WSABUF forms.
//!
//! Every receive re-enables FD_READ/FD_OOB and every send FD_WRITE, even when it fails
//! (docs/WINDOWS.md §6.3). A datagram larger than the receive buffers fills them and fails with
//! `WSAEMSGSIZE`, as on Windows. `SIGPIPE` is never raised.

use super::types::{LPWSAOVERLAPPED_COMPLETION_ROUTINE, SOCKET, WSABUF, WSAOVERLAPPED};
use super::{call_ok, check_addr_room, non_null, read_sockaddr, socket, write_sockaddr};
use crate::addr::SockAddr;
use crate::error::{WsaError, WsaResult};
use crate::socket::Socket;
use crate::winsock::{MSG_PARTIAL, SOCKET_ERROR};

const WIN_MSG_WAITALL: i32 = 0x8;

/// Translates receive flags: MSG_OOB, MSG_PEEK, MSG_WAITALL (Windows' 0x8 or the native value).
fn recv_flags(sock: &Socket, flags: i32) -> WsaResult<i32> {
    let mut native = 0;
    let mut rest = flags;
    for (win, nat) in [
        (libc::MSG_OOB, libc::MSG_OOB),
        (libc::MSG_PEEK, libc::MSG_PEEK),
        (WIN_MSG_WAITALL, libc::MSG_WAITALL),
        (libc::MSG_WAITALL, libc::MSG_WAITALL),
    ] {
        if rest & win != 0 {
            native |= nat;
            rest &= !win;
        }
    }
    if rest != 0 {
        return Err(WsaError::WSAEINVAL);
    }
    if native & libc::MSG_OOB != 0 && !sock.is_stream() {
        return Err(WsaError::WSAEOPNOTSUPP);
    }
    Ok(native)
}

/// Translates send flags: MSG_OOB and MSG_DONTROUTE. MSG_PARTIAL is not supported.
fn send_flags(sock: &Socket, flags: i32) -> WsaResult<i32> {
    if flags & MSG_PARTIAL != 0 {
        return Err(WsaError::WSAEOPNOTSUPP);
    }
    if flags & !(libc::MSG_OOB | libc::MSG_DONTROUTE) != 0 {
        return Err(WsaError::WSAEINVAL);
    }
    if flags & libc::MSG_OOB != 0 && !sock.is_stream() {
        return Err(WsaError::WSAEOPNOTSUPP);
    }
    Ok(flags)
}

fn check_len(buf: *const std::os::raw::c_void, len: i32) -> WsaResult<usize> {
    if len < 0 || (buf.is_null() && len > 0) {
        return Err(WsaError::WSAEFAULT);
    }
    Ok(len as usize)
}

/// How many WSABUFs the scatter/gather calls convert on the stack; more take one allocation.
const INLINE_BUFS: usize = 16;

/// The iovecs of a WSABUF array: on the stack for up to [`INLINE_BUFS`] buffers, so that
/// `WSASend`/`WSARecv`/... allocate nothing per call in the usual case (`heap` is used, and
/// allocates, only beyond that).
struct Iovecs {
    inline: [libc::iovec; INLINE_BUFS],
    len: usize,
    heap: Vec<libc::iovec>,
}

impl std::ops::Deref for Iovecs {
    type Target = [libc::iovec];
    fn deref(&self) -> &[libc::iovec] {
        if self.len > INLINE_BUFS {
            &self.heap
        } else {
            &self.inline[..self.len]
        }
    }
}

impl std::ops::DerefMut for Iovecs {
    fn deref_mut(&mut self) -> &mut [libc::iovec] {
        if self.len > INLINE_BUFS {
            &mut self.heap
        } else {
            &mut self.inline[..self.len]
        }
    }
}

/// Builds iovecs from a WSABUF array. NULL array or a NULL buffer with a length → WSAEFAULT.
///
/// # Safety
/// `bufs` must be NULL or readable for `count` WSABUFs.
unsafe fn iovecs(bufs: *const WSABUF, count: u32) -> WsaResult<Iovecs> {
    if bufs.is_null() {
        return Err(WsaError::WSAEFAULT);
    }
    if count as usize > 1024 {
        return Err(WsaError::WSAENOBUFS);
    }
    // SAFETY: caller guarantee.
    let bufs = unsafe { std::slice::from_raw_parts(bufs, count as usize) };
    let iovec = |b: &WSABUF| {
        if b.buf.is_null() && b.len > 0 {
            Err(WsaError::WSAEFAULT)
        } else {
            Ok(libc::iovec {
                iov_base: b.buf.cast(),
                iov_len: b.len as usize,
            })
        }
    };
    let mut out = Iovecs {
        inline: [libc::iovec {
            iov_base: std::ptr::null_mut(),
            iov_len: 0,
        }; INLINE_BUFS],
        len: bufs.len(),
        heap: Vec::new(),
    };
    if bufs.len() > INLINE_BUFS {
        out.heap = bufs.iter().map(iovec).collect::<WsaResult<_>>()?;
    } else {
        for (slot, b) in out.inline.iter_mut().zip(bufs) {
            *slot = iovec(b)?;
        }
    }
    Ok(out)
}

/// `recv`/`WSARecv` on a datagram socket whose default peer was removed fail with
/// `WSAENOTCONN`, as Windows' do (`recvfrom` still receives from anyone).
fn not_disconnected(sock: &Socket) -> WsaResult<()> {
    if sock.is_disconnected_datagram() {
        Err(WsaError::WSAENOTCONN)
    } else {
        Ok(())
    }
}

fn reject_overlapped(ov: *mut WSAOVERLAPPED) -> WsaResult<()> {
    if ov.is_null() {
        Ok(())
    } else {
        crate::log::warn(format_args!(
            "overlapped I/O requested; ws2mp does not provide it"
        ));
        Err(WsaError::WSAEOPNOTSUPP)
    }
}

/// Runs the body of a receive call on socket `s`. Every receive call re-enables FD_READ/FD_OOB,
/// even one refused for its flags before it reaches the OS (docs/WINDOWS.md §6.3): a failed
/// body re-enables here (the receive itself already did if it got that far; doing it twice is
/// harmless). A call refused with `WSAEFAULT` (a bad buffer or pointer, a negative length)
/// re-enables nothing, as Windows is observed to do: such a call never reached the socket.
fn receive_call<T>(s: SOCKET, body: impl FnOnce(&Socket) -> WsaResult<T>) -> WsaResult<T> {
    let sock = socket(s)?;
    let result = body(&sock);
    if matches!(result, Err(e) if e != WsaError::WSAEFAULT) {
        sock.receive_refused();
    }
    result
}

/// Receives one message into `iov`, reporting truncation as WSAEMSGSIZE. Returns bytes copied.
fn receive(
    sock: &Socket,
    iov: &mut [libc::iovec],
    flags: i32,
    from: Option<(*mut libc::sockaddr, *mut i32)>,
) -> WsaResult<usize> {
    let mut source = SockAddr::empty();
    let r = sock.recv(iov, flags, &mut source)?;
    let capacity: usize = iov.iter().map(|v| v.iov_len).sum();
    if let Some((addr, len)) = from {
        // An end-of-file (no sender) writes no address and leaves the length as it was.
        if !sock.is_stream() && !source.is_empty() {
            // SAFETY: the exported functions' callers guarantee these pointers.
            unsafe { write_sockaddr(&source, addr, len) }?;
        }
    }
    if r.truncated && !sock.is_stream() {
        return Err(WsaError::WSAEMSGSIZE);
    }
    Ok(r.len.min(capacity))
}

/// Receives data (mapped from `recv`). Returns the bytes received, 0 when a stream peer closed
/// gracefully, or `SOCKET_ERROR`.
///
/// Multicast sockets receive as on Windows: with `SIO_MULTIPOINT_LOOPBACK` / `IP_MULTICAST_LOOP`
/// FALSE no datagram sent from this host is returned, and a multipoint socket bound to an
/// interface address returns no unicast datagram sent to another address; such datagrams are
/// discarded (the same holds for `recvfrom`, `WSARecv` and `WSARecvFrom`, with or without
/// `MSG_PEEK`); on a blocking socket the wait goes on, and an `SO_RCVTIMEO` timeout starts
/// again after each discarded datagram. The buffer's contents are unspecified when the call
/// fails.
///
/// Errors: `WSAEWOULDBLOCK`, `WSAEMSGSIZE` (datagram truncated; the buffer is filled),
/// `WSAETIMEDOUT` (`SO_RCVTIMEO` expired), `WSAECONNRESET`, `WSAENOTCONN`, `WSAESHUTDOWN`,
/// `WSAEINTR` (closed by another thread), `WSAEFAULT` (NULL buffer with a length, negative
/// length), `WSAEINVAL` (unknown flags), `WSAEOPNOTSUPP` (`MSG_OOB` on a datagram socket),
/// `WSAENOTSOCK`, `WSANOTINITIALISED`.
///
/// # Safety
/// `buf` must be writable for `len` bytes.
#[no_mangle]
pub unsafe extern "C" fn ws2mp_recv(
    s: SOCKET,
    buf: *mut std::os::raw::c_void,
    len: i32,
    flags: i32,
) -> i32 {
    call_ok(SOCKET_ERROR, || {
        receive_call(s, |sock| {
            let len = check_len(buf, len)?;
            let flags = recv_flags(sock, flags)?;
            not_disconnected(sock)?;
            if sock.is_stream() {
                // SAFETY: caller guarantee: `buf` is writable for `len` bytes (or len is 0).
                let slice: &mut [u8] = if len == 0 {
                    &mut []
                } else {
                    unsafe { std::slice::from_raw_parts_mut(buf.cast(), len) }
                };
                return sock.recv_stream(slice, flags).map(|n| n as i32);
            }
            let mut iov = [libc::iovec {
                iov_base: buf,
                iov_len: len,
            }];
            receive(sock, &mut iov, flags, None).map(|n| n as i32)
        })
    })
}

/// Receives data and its source (mapped from `recvfrom`). `from`/`fromlen` may be NULL; for
/// stream sockets they are ignored. Errors: as `recv`, plus `WSAEFAULT` when `*fromlen` is too
/// small for an address of the socket's family (checked first: the datagram stays queued).
///
/// # Safety
/// `buf` must be writable for `len` bytes; `from` NULL or writable for `*fromlen` bytes.
#[no_mangle]
pub unsafe extern "C" fn ws2mp_recvfrom(
    s: SOCKET,
    buf: *mut std::os::raw::c_void,
    len: i32,
    flags: i32,
    from: *mut libc::sockaddr,
    fromlen: *mut i32,
) -> i32 {
    call_ok(SOCKET_ERROR, || {
        receive_call(s, |sock| {
            let len = check_len(buf, len)?;
            let flags = recv_flags(sock, flags)?;
            if !from.is_null() && !sock.is_stream() {
                non_null(fromlen)?;
                // SAFETY: caller guarantee.
                unsafe { check_addr_room(sock.family, fromlen) }?;
            }
            let mut iov = [libc::iovec {
                iov_base: buf,
                iov_len: len,
            }];
            receive(sock, &mut iov, flags, Some((from, fromlen))).map(|n| n as i32)
        })
    })
}

/// Sends data to the connected peer (mapped from `send`), or, after `WSAJoinLeaf`, to the
/// joined multicast group. Returns the bytes sent.
///
/// Errors: `WSAEWOULDBLOCK` (arms FD_WRITE), `WSAENOTCONN`, `WSAESHUTDOWN`, `WSAECONNRESET`,
/// `WSAEMSGSIZE`, `WSAETIMEDOUT` (`SO_SNDTIMEO`), `WSAEFAULT`, `WSAEINVAL` (unknown flags),
/// `WSAEOPNOTSUPP` (`MSG_OOB` on a datagram socket, `MSG_PARTIAL`), `WSAENOTSOCK`,
/// `WSANOTINITIALISED`.
///
/// # Safety
/// `buf` must be readable for `len` bytes.
#[no_mangle]
pub unsafe extern "C" fn ws2mp_send(
    s: SOCKET,
    buf: *const std::os::raw::c_void,
    len: i32,
    flags: i32,
) -> i32 {
    call_ok(SOCKET_ERROR, || {
        let sock = socket(s)?;
        let len = check_len(buf, len)?;
        let flags = send_flags(&sock, flags)?;
        // SAFETY: caller guarantee: `buf` is readable for `len` bytes (or len is 0).
        let slice: &[u8] = if len == 0 {
            &[]
        } else {
            unsafe { std::slice::from_raw_parts(buf.cast(), len) }
        };
        sock.send_one(slice, flags).map(|n| n as i32)
    })
}

/// Sends data to `to` (mapped from `sendto`). With `to` NULL it behaves as `send`.
/// A datagram to port 0 is sent as on Windows (the call succeeds; nobody receives it).
/// Errors: as `send`, plus `WSAEFAULT` (`tolen` too small), `WSAEAFNOSUPPORT`,
/// `WSAEADDRNOTAVAIL`, `WSAENETUNREACH`, `WSAEHOSTUNREACH`, `WSAEACCES` (broadcast without
/// `SO_BROADCAST`).
///
/// # Safety
/// `buf` must be readable for `len` bytes; `to` NULL or readable for `tolen` bytes.
#[no_mangle]
pub unsafe extern "C" fn ws2mp_sendto(
    s: SOCKET,
    buf: *const std::os::raw::c_void,
    len: i32,
    flags: i32,
    to: *const libc::sockaddr,
    tolen: i32,
) -> i32 {
    call_ok(SOCKET_ERROR, || {
        let sock = socket(s)?;
        let len = check_len(buf, len)?;
        let flags = send_flags(&sock, flags)?;
        let dest = destination(&sock, to, tolen)?;
        let iov = [libc::iovec {
            iov_base: buf as *mut _,
            iov_len: len,
        }];
        sock.send(&iov, flags, dest.as_ref()).map(|n| n as i32)
    })
}

/// The destination of a sendto: None for NULL `to` or a stream socket (Windows ignores it).
unsafe fn destination(
    sock: &Socket,
    to: *const libc::sockaddr,
    tolen: i32,
) -> WsaResult<Option<SockAddr>> {
    if to.is_null() || sock.is_stream() {
        return Ok(None);
    }
    // SAFETY: forwarded caller guarantee.
    let addr = unsafe { read_sockaddr(to, tolen) }?;
    if addr.family() != sock.family {
        return Err(WsaError::WSAEAFNOSUPPORT);
    }
    Ok(Some(addr))
}

/// Sends from an array of buffers (gather). Overlapped I/O is not provided: a non-NULL
/// `lpOverlapped` fails with `WSAEOPNOTSUPP`; `lpCompletionRoutine` is then irrelevant.
/// `lpNumberOfBytesSent` must not be NULL (`WSAEFAULT`). Errors: as `send`.
///
/// # Safety
/// `lpBuffers` must be readable for `dwBufferCount` WSABUFs whose buffers are readable.
#[no_mangle]
pub unsafe extern "C" fn WSASend(
    s: SOCKET,
    lpBuffers: *const WSABUF,
    dwBufferCount: u32,
    lpNumberOfBytesSent: *mut u32,
    dwFlags: u32,
    lpOverlapped: *mut WSAOVERLAPPED,
    _lpCompletionRoutine: LPWSAOVERLAPPED_COMPLETION_ROUTINE,
) -> i32 {
    // SAFETY: forwarded caller guarantees.
    unsafe {
        WSASendTo(
            s,
            lpBuffers,
            dwBufferCount,
            lpNumberOfBytesSent,
            dwFlags,
            std::ptr::null(),
            0,
            lpOverlapped,
            None,
        )
    }
}

/// Sends from an array of buffers to `lpTo` (or the connected peer when `lpTo` is NULL).
/// See `WSASend` and `sendto`.
///
/// # Safety
/// As `WSASend`; `lpTo` NULL or readable for `iTolen` bytes.
#[no_mangle]
pub unsafe extern "C" fn WSASendTo(
    s: SOCKET,
    lpBuffers: *const WSABUF,
    dwBufferCount: u32,
    lpNumberOfBytesSent: *mut u32,
    dwFlags: u32,
    lpTo: *const libc::sockaddr,
    iTolen: i32,
    lpOverlapped: *mut WSAOVERLAPPED,
    _lpCompletionRoutine: LPWSAOVERLAPPED_COMPLETION_ROUTINE,
) -> i32 {
    call_ok(SOCKET_ERROR, || {
        let sock = socket(s)?;
        reject_overlapped(lpOverlapped)?;
        let sent = non_null(lpNumberOfBytesSent)?;
        // SAFETY: forwarded caller guarantee.
        let iov = unsafe { iovecs(lpBuffers, dwBufferCount) }?;
        let flags = send_flags(&sock, dwFlags as i32)?;
        // SAFETY: forwarded caller guarantee.
        let dest = unsafe { destination(&sock, lpTo, iTolen) }?;
        let n = sock.send(&iov, flags, dest.as_ref())?;
        // SAFETY: checked non-NULL.
        unsafe { *sent = n as u32 };
        Ok(0)
    })
}

/// Receives into an array of buffers (scatter). `lpFlags` is in/out and must not be NULL;
/// `lpNumberOfBytesRecvd` must not be NULL; overlapped I/O fails with `WSAEOPNOTSUPP`; no
/// buffers (`dwBufferCount` 0) is `WSAEINVAL`, as on Windows.
/// A truncated datagram fills the buffers, sets the byte count and fails with `WSAEMSGSIZE`.
/// Errors: as `recv`.
///
/// # Safety
/// `lpBuffers` must be readable for `dwBufferCount` WSABUFs whose buffers are writable.
#[no_mangle]
pub unsafe extern "C" fn WSARecv(
    s: SOCKET,
    lpBuffers: *const WSABUF,
    dwBufferCount: u32,
    lpNumberOfBytesRecvd: *mut u32,
    lpFlags: *mut u32,
    lpOverlapped: *mut WSAOVERLAPPED,
    _lpCompletionRoutine: LPWSAOVERLAPPED_COMPLETION_ROUTINE,
) -> i32 {
    call_ok(SOCKET_ERROR, || {
        // SAFETY: forwarded caller guarantees.
        unsafe {
            receive_from(
                s,
                lpBuffers,
                dwBufferCount,
                lpNumberOfBytesRecvd,
                lpFlags,
                (std::ptr::null_mut(), std::ptr::null_mut()),
                lpOverlapped,
                true,
            )
        }
    })
}

/// Receives into an array of buffers and reports the source. See `WSARecv` and `recvfrom`.
///
/// # Safety
/// As `WSARecv`; `lpFrom` NULL or writable for `*lpFromlen` bytes.
#[no_mangle]
pub unsafe extern "C" fn WSARecvFrom(
    s: SOCKET,
    lpBuffers: *const WSABUF,
    dwBufferCount: u32,
    lpNumberOfBytesRecvd: *mut u32,
    lpFlags: *mut u32,
    lpFrom: *mut libc::sockaddr,
    lpFromlen: *mut i32,
    lpOverlapped: *mut WSAOVERLAPPED,
    _lpCompletionRoutine: LPWSAOVERLAPPED_COMPLETION_ROUTINE,
) -> i32 {
    call_ok(SOCKET_ERROR, || {
        // SAFETY: forwarded caller guarantees.
        unsafe {
            receive_from(
                s,
                lpBuffers,
                dwBufferCount,
                lpNumberOfBytesRecvd,
                lpFlags,
                (lpFrom, lpFromlen),
                lpOverlapped,
                false,
            )
        }
    })
}

/// The body of `WSARecv` (`connected_only`: a datagram socket whose default peer was removed
/// fails with `WSAENOTCONN`) and `WSARecvFrom`.
///
/// # Safety
/// As `WSARecvFrom`.
#[allow(clippy::too_many_arguments)]
unsafe fn receive_from(
    s: SOCKET,
    lpBuffers: *const WSABUF,
    dwBufferCount: u32,
    lpNumberOfBytesRecvd: *mut u32,
    lpFlags: *mut u32,
    (lpFrom, lpFromlen): (*mut libc::sockaddr, *mut i32),
    lpOverlapped: *mut WSAOVERLAPPED,
    connected_only: bool,
) -> WsaResult<i32> {
    receive_call(s, |sock| {
        // No buffers at all is WSAEINVAL, as Windows (checked even before overlapped use).
        if dwBufferCount == 0 {
            return Err(WsaError::WSAEINVAL);
        }
        if connected_only {
            not_disconnected(sock)?;
        }
        reject_overlapped(lpOverlapped)?;
        let count = non_null(lpNumberOfBytesRecvd)?;
        let flags_ptr = non_null(lpFlags)?;
        if !lpFrom.is_null() && !sock.is_stream() {
            non_null(lpFromlen)?;
            // SAFETY: caller guarantee.
            unsafe { check_addr_room(sock.family, lpFromlen) }?;
        }
        // SAFETY: checked non-NULL; caller guarantee.
        let flags = recv_flags(sock, unsafe { *flags_ptr } as i32)?;
        // SAFETY: forwarded caller guarantee.
        let mut iov = unsafe { iovecs(lpBuffers, dwBufferCount) }?;
        let capacity: usize = iov.iter().map(|v| v.iov_len).sum();
        let result = receive(sock, &mut iov, flags, Some((lpFrom, lpFromlen)));
        let n = match result {
            Ok(n) => n,
            Err(WsaError::WSAEMSGSIZE) => capacity,
            Err(e) => return Err(e),
        };
        // SAFETY: checked non-NULL.
        unsafe {
            *count = n as u32;
            *flags_ptr = 0;
        }
        result.map(|_| 0)
    })
}

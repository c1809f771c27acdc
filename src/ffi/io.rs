//! Sending and receiving: `send`, `recv`, `sendto`, `recvfrom` and the WSABUF forms.
//!
//! Every receive re-enables FD_READ/FD_OOB and every send FD_WRITE, even when it fails
//! (docs/WINDOWS.md §6.3). A datagram larger than the receive buffers fills them and fails with
//! `WSAEMSGSIZE`, as on Windows. `SIGPIPE` is never raised.

use super::types::{LPWSAOVERLAPPED_COMPLETION_ROUTINE, SOCKET, WSABUF, WSAOVERLAPPED};
use super::{
    call_ok, check_addr_room, non_null, overlapped, read_array, read_in, read_sockaddr, socket,
    write_out, write_out2, write_sockaddr, write_sockaddr_room,
};
use crate::addr::SockAddr;
use crate::error::{WsaError, WsaResult};
use crate::overlapped::{Attempt, Direction, Routine, Transferred};
use crate::socket::{Socket, Wait};
use crate::sys;
use crate::winsock::{MSG_PARTIAL, SOCKET_ERROR};
use std::sync::Arc;

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

impl Iovecs {
    /// The buffers, to send from.
    fn bufs(&self) -> sys::IoBufs<'_> {
        let raw = if self.len > INLINE_BUFS {
            &self.heap
        } else {
            &self.inline[..self.len]
        };
        // SAFETY: the iovecs are the program's WSABUFs, which describe buffers it lends for the
        // call (Winsock's contract); a bad pointer fails in the system call (EFAULT).
        unsafe { sys::IoBufs::from_raw(raw) }
    }

    /// The buffers, to receive into.
    fn bufs_mut(&mut self) -> sys::IoBufsMut<'_> {
        let raw = if self.len > INLINE_BUFS {
            &mut self.heap
        } else {
            &mut self.inline[..self.len]
        };
        // SAFETY: as in `bufs`; a receive call's buffers are lent writable.
        unsafe { sys::IoBufsMut::from_raw(raw) }
    }
}

/// Builds iovecs from a WSABUF array, read through the kernel-checked copy (one copy of the
/// whole array; a local array costs no system call). NULL or unreadable array, or a NULL buffer
/// with a length → WSAEFAULT. The buffers themselves are not touched here: the system call
/// that sends or receives checks them (EFAULT → WSAEFAULT).
fn iovecs(bufs: *const WSABUF, count: u32) -> WsaResult<Iovecs> {
    if bufs.is_null() {
        return Err(WsaError::WSAEFAULT);
    }
    if count as usize > 1024 {
        return Err(WsaError::WSAENOBUFS);
    }
    let count = count as usize;
    let empty = WSABUF {
        len: 0,
        buf: std::ptr::null_mut(),
    };
    let mut out = Iovecs {
        inline: [libc::iovec {
            iov_base: std::ptr::null_mut(),
            iov_len: 0,
        }; INLINE_BUFS],
        len: count,
        heap: Vec::new(),
    };
    let mut inline = [empty; INLINE_BUFS];
    let mut heap = Vec::new();
    let copied: &mut [WSABUF] = if count > INLINE_BUFS {
        heap = vec![empty; count];
        &mut heap
    } else {
        &mut inline[..count]
    };
    read_array(bufs, copied)?;
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
    if count > INLINE_BUFS {
        out.heap = heap.iter().map(iovec).collect::<WsaResult<_>>()?;
    } else {
        for (slot, b) in out.inline.iter_mut().zip(&inline[..count]) {
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

/// Runs the body of a receive call on socket `s`. Every receive call re-enables FD_READ/FD_OOB,
/// even one refused for its flags before it reaches the OS (docs/WINDOWS.md §6.3): a failed
/// body re-enables here (the receive itself already did if it got that far; doing it twice is
/// harmless). A call refused with `WSAEFAULT` (a bad buffer or pointer, a negative length)
/// re-enables nothing for `WSAEventSelect`, as Windows is observed to do: such a call never
/// reached the socket. For `WSAAsyncSelect` it re-enables too (Windows posts FD_READ again).
fn receive_call<T>(s: SOCKET, body: impl FnOnce(&Arc<Socket>) -> WsaResult<T>) -> WsaResult<T> {
    let sock = socket(s)?;
    let result = body(&sock);
    if matches!(result, Err(e) if e != WsaError::WSAEFAULT || sock.selected_by_message()) {
        sock.receive_refused();
    }
    result
}

/// Where a receive reports its sender: the program's `(sockaddr *, int *len)` pair, and the
/// room `*len` gave if it was read when the call was made (an overlapped receive).
type FromOut = (*mut libc::sockaddr, *mut i32, Option<i32>);

/// Receives one message into `iov`, reporting truncation as WSAEMSGSIZE. Returns bytes copied.
fn receive(
    sock: &Socket,
    iov: sys::IoBufsMut<'_>,
    flags: i32,
    from: Option<FromOut>,
    wait: Wait,
) -> WsaResult<usize> {
    let mut source = SockAddr::empty();
    let capacity = iov.total_len();
    let r = sock.recv(iov, flags, &mut source, wait)?;
    if let Some((addr, len, room)) = from {
        // An end-of-file (no sender) writes no address and leaves the length as it was.
        if !sock.is_stream() && !source.is_empty() {
            match room {
                Some(cap) => write_sockaddr_room(&source, addr, len, cap)?,
                None => write_sockaddr(&source, addr, len)?,
            }
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
/// `WSAETIMEDOUT` (`SO_RCVTIMEO` expired), `WSAECONNRESET` (also from every receive after the
/// first that reported the reset, as on Windows), `WSAENOTCONN`, `WSAESHUTDOWN`,
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
            // SAFETY: caller guarantee: `buf` is writable for `len` bytes (or len is 0).
            let bufs = unsafe { sys::IoBufsMut::from_raw(&mut iov) };
            receive(sock, bufs, flags, None, Wait::AsSocket).map(|n| n as i32)
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
                check_addr_room(sock.family, fromlen)?;
            }
            let mut iov = [libc::iovec {
                iov_base: buf,
                iov_len: len,
            }];
            // SAFETY: caller guarantee: `buf` is writable for `len` bytes (or len is 0).
            let bufs = unsafe { sys::IoBufsMut::from_raw(&mut iov) };
            receive(
                sock,
                bufs,
                flags,
                Some((from, fromlen, None)),
                Wait::AsSocket,
            )
            .map(|n| n as i32)
        })
    })
}

/// Sends data to the connected peer (mapped from `send`), or, after `WSAJoinLeaf`, to the
/// joined multicast group. Returns the bytes sent. A non-blocking TCP send takes the whole
/// buffer, as on Windows: what the kernel does not take now is sent in the background, and
/// sends fail with `WSAEWOULDBLOCK` until it is out (docs/PORTING.md section 4).
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
/// `WSAEADDRNOTAVAIL` (the unspecified address 0.0.0.0 or `::`, as on Windows),
/// `WSAENETUNREACH`, `WSAEHOSTUNREACH`, `WSAEACCES` (broadcast without `SO_BROADCAST`).
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
        // SAFETY: caller guarantee: `buf` is readable for `len` bytes (or len is 0).
        let bufs = unsafe { sys::IoBufs::from_raw(&iov) };
        sock.send(bufs, flags, dest.as_ref(), Wait::AsSocket)
            .map(|n| n as i32)
    })
}

/// The destination of a sendto: None for NULL `to` or a stream socket (Windows ignores it).
fn destination(
    sock: &Socket,
    to: *const libc::sockaddr,
    tolen: i32,
) -> WsaResult<Option<SockAddr>> {
    if to.is_null() || sock.is_stream() {
        return Ok(None);
    }
    let addr = read_sockaddr(to, tolen)?;
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
    lpCompletionRoutine: LPWSAOVERLAPPED_COMPLETION_ROUTINE,
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
            lpCompletionRoutine,
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
    lpCompletionRoutine: LPWSAOVERLAPPED_COMPLETION_ROUTINE,
) -> i32 {
    call_ok(SOCKET_ERROR, || {
        let sock = socket(s)?;
        let routine = overlapped::routine_of(lpCompletionRoutine, lpOverlapped);
        // SAFETY: forwarded caller guarantees.
        unsafe {
            send_from(
                sock,
                (lpBuffers, dwBufferCount),
                lpNumberOfBytesSent,
                dwFlags,
                (lpTo, iTolen),
                (lpOverlapped, routine),
            )
        }
    })
}

/// The body of `WSASendTo` (and of `WriteFile` on a socket): an overlapped send when
/// `lpOverlapped` is not NULL (`routine`: the engine's form of its completion routine), else
/// a send that may block.
///
/// # Safety
/// As `WSASendTo`.
pub(crate) unsafe fn send_from(
    sock: Arc<Socket>,
    (lpBuffers, dwBufferCount): (*const WSABUF, u32),
    lpNumberOfBytesSent: *mut u32,
    dwFlags: u32,
    (lpTo, iTolen): (*const libc::sockaddr, i32),
    (lpOverlapped, routine): (*mut WSAOVERLAPPED, Option<Routine>),
) -> WsaResult<i32> {
    if !lpOverlapped.is_null() {
        // SAFETY: forwarded caller guarantees.
        return unsafe {
            send_overlapped(
                sock,
                (lpBuffers, dwBufferCount),
                lpNumberOfBytesSent,
                dwFlags,
                (lpTo, iTolen),
                lpOverlapped,
                routine,
            )
        };
    }
    let sent = non_null(lpNumberOfBytesSent)?;
    let iov = iovecs(lpBuffers, dwBufferCount)?;
    let flags = send_flags(&sock, dwFlags as i32)?;
    let dest = destination(&sock, lpTo, iTolen)?;
    let n = sock.send(iov.bufs(), flags, dest.as_ref(), Wait::AsSocket)?;
    write_out(sent, n as u32)?;
    Ok(0)
}

/// Receives into an array of buffers (scatter). `lpFlags` is in/out and must not be NULL;
/// `lpNumberOfBytesRecvd` must not be NULL unless `lpOverlapped` is given; no buffers
/// (`dwBufferCount` 0) is `WSAEINVAL`, as on Windows. With `lpOverlapped` the receive is
/// overlapped (`WSA_IO_PENDING` while it waits), except on a socket made without
/// `WSA_FLAG_OVERLAPPED`: as on Windows, the call then waits for the data, even on a
/// non-blocking socket, and returns the result, the `WSAOVERLAPPED` completed as well.
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
    lpCompletionRoutine: LPWSAOVERLAPPED_COMPLETION_ROUTINE,
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
                (
                    lpOverlapped,
                    overlapped::routine_of(lpCompletionRoutine, lpOverlapped),
                ),
                true,
            )
        }
    })
}

/// Receives into an array of buffers and reports the source. See `WSARecv` and `recvfrom`.
/// Overlapped, the room `*lpFromlen` gives is read when the call is made, and the address and
/// its length are written when the receive completes, as on Windows (a length kept in a
/// variable that changes or goes meanwhile does not matter).
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
    lpCompletionRoutine: LPWSAOVERLAPPED_COMPLETION_ROUTINE,
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
                (
                    lpOverlapped,
                    overlapped::routine_of(lpCompletionRoutine, lpOverlapped),
                ),
                false,
            )
        }
    })
}

/// The body of `WSARecv` (`connected_only`: a datagram socket whose default peer was removed
/// fails with `WSAENOTCONN`), `WSARecvFrom` and `ReadFile` on a socket. `routine` is the
/// engine's form of the completion routine of an overlapped receive.
///
/// # Safety
/// As `WSARecvFrom`.
#[allow(clippy::too_many_arguments)]
pub(crate) unsafe fn receive_from(
    s: SOCKET,
    lpBuffers: *const WSABUF,
    dwBufferCount: u32,
    lpNumberOfBytesRecvd: *mut u32,
    lpFlags: *mut u32,
    (lpFrom, lpFromlen): (*mut libc::sockaddr, *mut i32),
    (lpOverlapped, routine): (*mut WSAOVERLAPPED, Option<Routine>),
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
        let flags_ptr = non_null(lpFlags)?;
        if !lpFrom.is_null() && !sock.is_stream() {
            non_null(lpFromlen)?;
            check_addr_room(sock.family, lpFromlen)?;
        }
        let flags = recv_flags(sock, read_in(flags_ptr)? as i32)?;
        if !lpOverlapped.is_null() {
            // SAFETY: forwarded caller guarantee: the buffers, the address and its length
            // stay valid until the operation completes.
            let mut bufs = unsafe { overlapped::user_bufs(lpBuffers, dwBufferCount) }?;
            let kernel = if sock.receives_in_kernel(flags) {
                // SAFETY: the buffers were lent for this receive.
                unsafe { bufs.receive_target() }
            } else {
                None
            };
            // The room for the sender's address is read now, as Windows reads it when the
            // call is made; the address and its length are written when the receive completes.
            let room = if !lpFrom.is_null() && !sock.is_stream() {
                Some(read_in(lpFromlen)?)
            } else {
                None
            };
            let from = (lpFrom as usize, lpFromlen as usize);
            let attempt = move |sock: &Socket, wait| {
                let capacity = bufs.capacity() as u32;
                let from = Some((from.0 as *mut libc::sockaddr, from.1 as *mut i32, room));
                // SAFETY: a receive's buffers are lent writable (`user_bufs`' contract).
                match receive(sock, unsafe { bufs.bufs_mut() }, flags, from, wait) {
                    Ok(n) => Attempt::Done(Ok(Transferred {
                        bytes: n as u32,
                        flags: 0,
                    })),
                    Err(WsaError::WSAEMSGSIZE) => Attempt::Failed(
                        WsaError::WSAEMSGSIZE,
                        Transferred {
                            bytes: capacity,
                            flags: 0,
                        },
                    ),
                    Err(e) => Attempt::Done(Err(e)),
                }
            };
            return overlapped::start(
                sock.clone(),
                lpOverlapped,
                routine,
                Direction::Receive,
                (Box::new(attempt), kernel),
                lpNumberOfBytesRecvd,
                lpFlags,
            );
        }
        let count = non_null(lpNumberOfBytesRecvd)?;
        let mut iov = iovecs(lpBuffers, dwBufferCount)?;
        let capacity = iov.bufs().total_len();
        let result = receive(
            sock,
            iov.bufs_mut(),
            flags,
            Some((lpFrom, lpFromlen, None)),
            Wait::AsSocket,
        );
        let n = match result {
            Ok(n) => n,
            Err(WsaError::WSAEMSGSIZE) => capacity,
            Err(e) => return Err(e),
        };
        write_out2((count, n as u32), (flags_ptr, 0u32))?;
        result.map(|_| 0)
    })
}

/// The overlapped form of `WSASend`/`WSASendTo`: validates as the plain call does, copies
/// the buffer list and hands the operation to the engine. A stream send completes when every
/// byte has been handed to the OS (in several tries if the socket's buffer fills).
///
/// # Safety
/// As `WSASendTo`; the buffers stay valid until the operation completes.
unsafe fn send_overlapped(
    sock: Arc<Socket>,
    (lpBuffers, dwBufferCount): (*const WSABUF, u32),
    lpNumberOfBytesSent: *mut u32,
    dwFlags: u32,
    (lpTo, iTolen): (*const libc::sockaddr, i32),
    lpOverlapped: *mut WSAOVERLAPPED,
    routine: Option<Routine>,
) -> WsaResult<i32> {
    // SAFETY: forwarded caller guarantee.
    let mut bufs = unsafe { overlapped::user_bufs(lpBuffers, dwBufferCount) }?;
    let flags = send_flags(&sock, dwFlags as i32)?;
    let dest = destination(&sock, lpTo, iTolen)?;
    let total = bufs.capacity();
    let stream = sock.is_stream();
    let mut sent = 0usize;
    let attempt =
        move |sock: &Socket, wait| match sock.send(bufs.bufs(), flags, dest.as_ref(), wait) {
            Ok(n) if stream && sent + n < total => {
                sent += n;
                bufs.advance(n);
                Attempt::WouldBlock
            }
            Ok(n) => Attempt::Done(Ok(Transferred {
                bytes: (sent + n) as u32,
                flags: 0,
            })),
            Err(e) if sent > 0 && e != WsaError::WSAEWOULDBLOCK => Attempt::Failed(
                e,
                Transferred {
                    bytes: sent as u32,
                    flags: 0,
                },
            ),
            Err(e) => Attempt::Done(Err(e)),
        };
    overlapped::start(
        sock,
        lpOverlapped,
        routine,
        Direction::Send,
        (Box::new(attempt), None),
        lpNumberOfBytesSent,
        std::ptr::null_mut(),
    )
}

//! The only place that calls the operating system.
//!
//! Everything here is a thin, safe wrapper over one system call. Failures come back as the raw
//! `errno` value (`Err(i32)`), so the caller can apply the context-dependent Winsock mapping.
//! OS-specific code is behind `cfg` in this module and in the poller/signal backends:
//! `epoll` + `eventfd` on Linux, `kqueue` + a pipe on macOS and the BSDs.

pub mod console;
pub mod ifaces;
mod mcast;
pub mod names;
#[cfg(any(target_os = "linux", target_os = "android"))]
#[path = "epoll.rs"]
mod poller;
#[cfg(not(any(target_os = "linux", target_os = "android")))]
#[path = "kqueue.rs"]
mod poller;
mod signal;
pub mod thread;
mod usercopy;

pub use mcast::*;
pub use poller::Poller;
pub use signal::Signal;
pub use usercopy::{copy_from_user, copy_to_user, copy_to_user_each};

use crate::addr::SockAddr;
use std::mem;
use std::os::raw::{c_int, c_void};

pub type Fd = c_int;
pub type SysResult<T> = Result<T, i32>;

/// Readiness bits reported by the poller.
pub mod ready {
    pub(crate) const READABLE: u8 = 1;
    pub(crate) const WRITABLE: u8 = 2;
    pub(crate) const PRIORITY: u8 = 4;
    /// The peer closed its side, the connection broke, or an error is pending: a read will not
    /// block but may return 0 or fail. Always paired with READABLE when read interest is set.
    pub(crate) const HANGUP: u8 = 8;
    /// An error is pending on the socket (`SO_ERROR`: a reset, a failed connection). Always
    /// paired with HANGUP.
    pub(crate) const ERROR: u8 = 16;
}

/// Interest bits given to the poller.
pub mod interest {
    pub(crate) const READ: u8 = 1;
    pub(crate) const WRITE: u8 = 2;
    pub(crate) const PRIORITY: u8 = 4;
    /// Only the peer's close (Linux `EPOLLRDHUP`/`POLLRDHUP`; nothing elsewhere): watched while
    /// unread data is not to be reported again but `FD_CLOSE` is wanted.
    pub(crate) const PEER_CLOSED: u8 = 8;
}

/// The calling thread's `errno`.
pub fn errno() -> i32 {
    std::io::Error::last_os_error().raw_os_error().unwrap_or(0)
}

fn cvt(ret: c_int) -> SysResult<c_int> {
    if ret < 0 {
        Err(errno())
    } else {
        Ok(ret)
    }
}

fn cvt_size(ret: isize) -> SysResult<usize> {
    if ret < 0 {
        Err(errno())
    } else {
        Ok(ret as usize)
    }
}

/// A monotonic clock in milliseconds, as cheap as the system has it, for staleness checks on
/// hot paths: Linux's coarse clock (a few milliseconds of resolution, read without a system
/// call), elsewhere the ordinary monotonic clock.
pub fn coarse_millis() -> u64 {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    const CLOCK: libc::clockid_t = libc::CLOCK_MONOTONIC_COARSE;
    #[cfg(not(any(target_os = "linux", target_os = "android")))]
    const CLOCK: libc::clockid_t = libc::CLOCK_MONOTONIC;
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec; a monotonic clock always exists.
    unsafe { libc::clock_gettime(CLOCK, &mut ts) };
    (ts.tv_sec as u64) * 1000 + (ts.tv_nsec as u64) / 1_000_000
}

/// Retries a call interrupted by a signal (Winsock has no EINTR for ordinary calls).
fn retry<T>(mut f: impl FnMut() -> SysResult<T>) -> SysResult<T> {
    loop {
        match f() {
            Err(libc::EINTR) => continue,
            other => return other,
        }
    }
}

#[cfg(any(target_os = "linux", target_os = "android"))]
const SEND_FLAGS: c_int = libc::MSG_NOSIGNAL;
#[cfg(not(any(target_os = "linux", target_os = "android")))]
const SEND_FLAGS: c_int = 0;

/// Creates a socket; `cloexec` chooses whether it survives `exec`. Never returns fd 0, which
/// legacy Winsock code treats as "no socket".
pub fn socket(domain: c_int, ty: c_int, protocol: c_int, cloexec: bool) -> SysResult<Fd> {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    let fd = {
        let flags = if cloexec { libc::SOCK_CLOEXEC } else { 0 };
        // SAFETY: plain system call with integer arguments.
        cvt(unsafe { libc::socket(domain, ty | flags, protocol) })?
    };
    #[cfg(not(any(target_os = "linux", target_os = "android")))]
    let fd = {
        // SAFETY: plain system call with integer arguments.
        let fd = cvt(unsafe { libc::socket(domain, ty, protocol) })?;
        if cloexec {
            set_cloexec(fd);
        }
        set_nosigpipe(fd);
        fd
    };
    avoid_fd_zero(fd, cloexec)
}

fn avoid_fd_zero(fd: Fd, cloexec: bool) -> SysResult<Fd> {
    if fd != 0 {
        return Ok(fd);
    }
    let cmd = if cloexec {
        libc::F_DUPFD_CLOEXEC
    } else {
        libc::F_DUPFD
    };
    // SAFETY: duplicates fd 0, which we own, onto the lowest free fd >= 1.
    let new = cvt(unsafe { libc::fcntl(0, cmd, 1) });
    close(0);
    new
}

#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn set_cloexec(fd: Fd) {
    // SAFETY: fcntl on an fd we own.
    unsafe { libc::fcntl(fd, libc::F_SETFD, libc::FD_CLOEXEC) };
}

#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn set_nosigpipe(fd: Fd) {
    let _ = setsockopt(fd, libc::SOL_SOCKET, libc::SO_NOSIGPIPE, 1 as c_int);
}

pub fn close(fd: Fd) {
    // SAFETY: closes an fd this library owns; EINTR is not retried (the fd is gone on Linux).
    unsafe { libc::close(fd) };
}

pub fn bind(fd: Fd, addr: &SockAddr) -> SysResult<()> {
    // SAFETY: the pointer and length describe `addr`'s storage.
    cvt(unsafe { libc::bind(fd, addr.as_ptr(), addr.len()) }).map(drop)
}

/// Runs `f` on socket2's view of `fd`: socket2 supplies the portable socket calls (and tests
/// them on macOS and the BSDs).
fn with_socket<R>(
    fd: Fd,
    f: impl FnOnce(socket2::SockRef<'_>) -> std::io::Result<R>,
) -> SysResult<R> {
    if fd < 0 {
        return Err(libc::EBADF);
    }
    // SAFETY: `fd` is not -1 and stays open for this call: the caller holds the socket.
    let borrowed = unsafe { std::os::fd::BorrowedFd::borrow_raw(fd) };
    f(socket2::SockRef::from(&borrowed)).map_err(|e| e.raw_os_error().unwrap_or(libc::EIO))
}

pub fn listen(fd: Fd, backlog: c_int) -> SysResult<()> {
    with_socket(fd, |s| s.listen(backlog))
}

pub fn connect(fd: Fd, addr: &SockAddr) -> SysResult<()> {
    // SAFETY: the pointer and length describe `addr`'s storage. Not retried on EINTR: the
    // connection then continues asynchronously, which callers see as EINPROGRESS/EALREADY.
    cvt(unsafe { libc::connect(fd, addr.as_ptr(), addr.len()) }).map(drop)
}

/// Accepts a connection; the new fd gets `cloexec` and is blocking.
pub fn accept(fd: Fd, cloexec: bool) -> SysResult<(Fd, SockAddr)> {
    let mut addr = SockAddr::empty();
    #[cfg(any(target_os = "linux", target_os = "android"))]
    let new = retry(|| {
        let flags = if cloexec { libc::SOCK_CLOEXEC } else { 0 };
        // SAFETY: `addr` provides sockaddr_storage-sized writable memory and its length.
        cvt(unsafe { libc::accept4(fd, addr.as_mut_ptr(), addr.len_mut(), flags) })
    })?;
    #[cfg(not(any(target_os = "linux", target_os = "android")))]
    let new = {
        // SAFETY: `addr` provides sockaddr_storage-sized writable memory and its length.
        let new = retry(|| cvt(unsafe { libc::accept(fd, addr.as_mut_ptr(), addr.len_mut()) }))?;
        if cloexec {
            set_cloexec(new);
        }
        set_nosigpipe(new);
        // BSD accept() inherits O_NONBLOCK from the listener; Winsock's accepted sockets start
        // blocking unless event-selected, which the caller re-applies.
        let _ = set_nonblocking(new, false);
        new
    };
    Ok((avoid_fd_zero(new, cloexec)?, addr))
}

pub fn send(fd: Fd, buf: &[u8], flags: c_int) -> SysResult<usize> {
    // SAFETY: `buf` is valid for reads of its length.
    retry(|| {
        cvt_size(unsafe { libc::send(fd, buf.as_ptr().cast(), buf.len(), flags | SEND_FLAGS) })
    })
}

pub fn send_to(fd: Fd, buf: &[u8], flags: c_int, to: &SockAddr) -> SysResult<usize> {
    retry(|| {
        // SAFETY: `buf` is valid for reads of its length; `to` describes its own storage.
        cvt_size(unsafe {
            libc::sendto(
                fd,
                buf.as_ptr().cast(),
                buf.len(),
                flags | SEND_FLAGS,
                to.as_ptr(),
                to.len(),
            )
        })
    })
}

pub fn recv(fd: Fd, buf: &mut [u8], flags: c_int) -> SysResult<usize> {
    // SAFETY: `buf` is valid for writes of its length.
    retry(|| cvt_size(unsafe { libc::recv(fd, buf.as_mut_ptr().cast(), buf.len(), flags) }))
}

/// How many connections wait in a listening TCP socket's accept queue, where the OS tells
/// (Linux: `TCP_INFO`); `None` elsewhere.
#[cfg(any(target_os = "linux", target_os = "android"))]
pub fn pending_connections(fd: Fd) -> Option<u32> {
    getsockopt::<libc::tcp_info>(fd, libc::IPPROTO_TCP, libc::TCP_INFO)
        .ok()
        .map(|i| i.tcpi_unacked)
}

/// How many connections wait in a listening TCP socket's accept queue, where the OS tells
/// (Linux: `TCP_INFO`); `None` elsewhere.
#[cfg(not(any(target_os = "linux", target_os = "android")))]
pub fn pending_connections(_fd: Fd) -> Option<u32> {
    None
}

/// Before closing a stream socket whose urgent byte was read with MSG_OOB: if no ordinary data
/// waits, one non-blocking read moves past the urgent byte the kernel still keeps in the
/// stream, so the close ends the connection gracefully instead of resetting it.
pub fn skip_taken_urgent_byte(fd: Fd) {
    let mut byte = [0u8; 1];
    let peek = libc::MSG_PEEK | libc::MSG_DONTWAIT;
    if matches!(recv(fd, &mut byte, peek), Err(libc::EAGAIN)) {
        let _ = recv(fd, &mut byte, libc::MSG_DONTWAIT);
    }
}

/// One received message: its length (possibly larger than the buffer, see `truncated`). Its
/// source is written to the caller's `SockAddr`, so that the address is never copied on the
/// way back up.
#[derive(Clone, Copy, Debug)]
pub struct Received {
    pub len: usize,
    pub truncated: bool,
}

/// A `msghdr` that receives into `bufs` and writes the source address into `from`.
fn recv_header(from: &mut SockAddr, bufs: &mut [libc::iovec]) -> libc::msghdr {
    // SAFETY: zeroed msghdr is a valid "nothing" value.
    let mut msg: libc::msghdr = unsafe { mem::zeroed() };
    msg.msg_name = from.as_mut_ptr().cast();
    msg.msg_namelen = SockAddr::CAPACITY;
    msg.msg_iov = bufs.as_mut_ptr();
    msg.msg_iovlen = bufs.len() as _;
    msg
}

/// `recvmsg` into one or more buffers, the source into `from`; reports datagram truncation
/// (`MSG_TRUNC`).
pub fn recv_msg(
    fd: Fd,
    bufs: &mut [libc::iovec],
    flags: c_int,
    from: &mut SockAddr,
) -> SysResult<Received> {
    retry(|| {
        let mut msg = recv_header(from, bufs);
        // SAFETY: the iovecs were built from valid, writable caller buffers; msg_name points to
        // sockaddr_storage-sized memory.
        let n = cvt_size(unsafe { libc::recvmsg(fd, &mut msg, flags) })?;
        from.set_len(msg.msg_namelen);
        Ok(Received {
            len: n,
            truncated: msg.msg_flags & libc::MSG_TRUNC != 0,
        })
    })
}

/// `sendmsg` from one or more buffers, to `to` or to the connected peer.
pub fn send_msg(
    fd: Fd,
    bufs: &[libc::iovec],
    flags: c_int,
    to: Option<&SockAddr>,
) -> SysResult<usize> {
    if let [one] = bufs {
        return mcast::send_one(fd, one, flags, to);
    }
    retry(|| {
        // SAFETY: zeroed msghdr is a valid "nothing" value.
        let mut msg: libc::msghdr = unsafe { mem::zeroed() };
        if let Some(to) = to {
            msg.msg_name = to.as_ptr() as *mut c_void;
            msg.msg_namelen = to.len();
        }
        msg.msg_iov = bufs.as_ptr() as *mut libc::iovec;
        msg.msg_iovlen = bufs.len() as _;
        // SAFETY: the iovecs point to valid caller buffers; sendmsg only reads them.
        cvt_size(unsafe { libc::sendmsg(fd, &msg, flags | SEND_FLAGS) })
    })
}

pub fn shutdown(fd: Fd, how: c_int) -> SysResult<()> {
    let how = match how {
        libc::SHUT_RD => std::net::Shutdown::Read,
        libc::SHUT_WR => std::net::Shutdown::Write,
        libc::SHUT_RDWR => std::net::Shutdown::Both,
        _ => return Err(libc::EINVAL),
    };
    with_socket(fd, |s| s.shutdown(how))
}

/// Sets an option from raw bytes.
pub fn setsockopt_raw(fd: Fd, level: c_int, name: c_int, val: &[u8]) -> SysResult<()> {
    // SAFETY: `val` is readable for its length.
    cvt(unsafe { libc::setsockopt(fd, level, name, val.as_ptr().cast(), val.len() as _) }).map(drop)
}

/// Sets an option of type `T` (a plain-old-data value).
pub fn setsockopt<T: Copy>(fd: Fd, level: c_int, name: c_int, val: T) -> SysResult<()> {
    // SAFETY: `val` is a local value readable for size_of::<T>() bytes.
    cvt(unsafe {
        libc::setsockopt(
            fd,
            level,
            name,
            std::ptr::addr_of!(val).cast(),
            mem::size_of::<T>() as _,
        )
    })
    .map(drop)
}

/// Reads an option of type `T` (a plain-old-data value).
pub fn getsockopt<T: Copy>(fd: Fd, level: c_int, name: c_int) -> SysResult<T> {
    // SAFETY: T is plain data (integers, linger, timeval); all-zero is a valid value.
    let mut val: T = unsafe { mem::zeroed() };
    let mut len = mem::size_of::<T>() as libc::socklen_t;
    // SAFETY: `val` is writable for `len` bytes.
    cvt(unsafe {
        libc::getsockopt(
            fd,
            level,
            name,
            std::ptr::addr_of_mut!(val).cast(),
            &mut len,
        )
    })?;
    Ok(val)
}

pub fn getsockname(fd: Fd) -> SysResult<SockAddr> {
    let mut addr = SockAddr::empty();
    // SAFETY: `addr` provides writable storage and its length.
    cvt(unsafe { libc::getsockname(fd, addr.as_mut_ptr(), addr.len_mut()) })?;
    Ok(addr)
}

pub fn getpeername(fd: Fd) -> SysResult<SockAddr> {
    let mut addr = SockAddr::empty();
    // SAFETY: `addr` provides writable storage and its length.
    cvt(unsafe { libc::getpeername(fd, addr.as_mut_ptr(), addr.len_mut()) })?;
    Ok(addr)
}

/// Whether `O_NONBLOCK` is set on `fd` (shared by every descriptor of the open socket).
pub fn is_nonblocking(fd: Fd) -> bool {
    with_socket(fd, |s| s.nonblocking()).unwrap_or(false)
}

/// A second descriptor for the same open socket (`fcntl(F_DUPFD[_CLOEXEC])`).
pub fn dup(fd: Fd, cloexec: bool) -> SysResult<Fd> {
    let cmd = if cloexec {
        libc::F_DUPFD_CLOEXEC
    } else {
        libc::F_DUPFD
    };
    // SAFETY: fcntl duplicating a descriptor has no memory effects.
    cvt(unsafe { libc::fcntl(fd, cmd, 0) })
}

pub fn set_nonblocking(fd: Fd, on: bool) -> SysResult<()> {
    with_socket(fd, |s| s.set_nonblocking(on))
}

/// Bytes that one receive would return (`FIONREAD`).
pub fn bytes_readable(fd: Fd) -> SysResult<usize> {
    let mut n: c_int = 0;
    // SAFETY: FIONREAD writes one int.
    cvt(unsafe { libc::ioctl(fd, libc::FIONREAD as _, &mut n) })?;
    Ok(n.max(0) as usize)
}

/// The native `SIOCATMARK` request (libc does not export it everywhere).
#[cfg(any(target_os = "linux", target_os = "android"))]
pub(crate) const SIOCATMARK: u32 = 0x8905;
#[cfg(not(any(target_os = "linux", target_os = "android")))]
pub(crate) const SIOCATMARK: u32 = 0x4004_7307;

/// Whether the read pointer is at the out-of-band mark (POSIX `SIOCATMARK`).
pub fn at_oob_mark(fd: Fd) -> SysResult<bool> {
    let mut n: c_int = 0;
    // SAFETY: SIOCATMARK writes one int.
    cvt(unsafe { libc::ioctl(fd, SIOCATMARK as _, &mut n) })?;
    Ok(n != 0)
}

/// What a peek at a stream socket finds: data, an orderly end, or an error.
pub enum Peek {
    Data,
    End,
    Empty,
    Failed(i32),
}

/// Looks at a stream socket without consuming anything or blocking.
pub fn peek_stream(fd: Fd) -> Peek {
    let mut byte = 0u8;
    // SAFETY: one writable byte.
    let r = unsafe {
        libc::recv(
            fd,
            std::ptr::addr_of_mut!(byte).cast(),
            1,
            libc::MSG_PEEK | libc::MSG_DONTWAIT,
        )
    };
    match r {
        1.. => Peek::Data,
        0 => Peek::End,
        _ => match errno() {
            libc::EAGAIN | libc::EINTR => Peek::Empty,
            #[allow(unreachable_patterns)]
            libc::EWOULDBLOCK => Peek::Empty,
            e => Peek::Failed(e),
        },
    }
}

/// The socket's pending error (`SO_ERROR`), which reading clears.
pub fn take_socket_error(fd: Fd) -> i32 {
    match with_socket(fd, |s| s.take_error()) {
        Ok(pending) => pending.and_then(|e| e.raw_os_error()).unwrap_or(0),
        Err(e) => e,
    }
}

/// `poll(2)` on raw descriptors, retrying on EINTR with the remaining time.
pub fn poll(fds: &mut [libc::pollfd], timeout_ms: c_int) -> SysResult<usize> {
    // SAFETY: `fds` is a valid, writable pollfd array of the given length.
    cvt(unsafe { libc::poll(fds.as_mut_ptr(), fds.len() as _, timeout_ms) }).map(|n| n as usize)
}

/// Whether `fd` is an open socket.
pub fn is_socket(fd: Fd) -> bool {
    // SAFETY: zeroed stat is a valid output buffer; fstat writes it.
    let mut st: libc::stat = unsafe { mem::zeroed() };
    // SAFETY: fstat only writes `st`.
    (unsafe { libc::fstat(fd, &mut st) } == 0) && (st.st_mode & libc::S_IFMT) == libc::S_IFSOCK
}

/// Sleeps the calling thread.
pub fn sleep_ms(ms: u64) {
    std::thread::sleep(std::time::Duration::from_millis(ms));
}

/// Current readiness of one fd for `wanted` interest, without blocking (a `poll` with timeout 0).
pub fn poll_one(fd: Fd, wanted: u8) -> u8 {
    let mut events: libc::c_short = 0;
    if wanted & interest::READ != 0 {
        events |= libc::POLLIN;
        #[cfg(any(target_os = "linux", target_os = "android"))]
        {
            events |= libc::POLLRDHUP;
        }
    }
    if wanted & interest::WRITE != 0 {
        events |= libc::POLLOUT;
    }
    if wanted & interest::PRIORITY != 0 {
        events |= libc::POLLPRI;
    }
    #[cfg(any(target_os = "linux", target_os = "android"))]
    if wanted & interest::PEER_CLOSED != 0 {
        events |= libc::POLLRDHUP;
    }
    let mut pfd = [libc::pollfd {
        fd,
        events,
        revents: 0,
    }];
    if poll(&mut pfd, 0).unwrap_or(0) == 0 {
        return 0;
    }
    let r = pfd[0].revents;
    let mut bits = 0;
    if r & libc::POLLIN != 0 {
        bits |= ready::READABLE;
    }
    if r & libc::POLLOUT != 0 {
        bits |= ready::WRITABLE;
    }
    if r & libc::POLLPRI != 0 {
        bits |= ready::PRIORITY;
    }
    #[cfg(any(target_os = "linux", target_os = "android"))]
    let hup = libc::POLLHUP | libc::POLLERR | libc::POLLRDHUP;
    #[cfg(not(any(target_os = "linux", target_os = "android")))]
    let hup = libc::POLLHUP | libc::POLLERR;
    if r & hup != 0 {
        bits |= ready::HANGUP | ready::READABLE;
    }
    if r & libc::POLLERR != 0 {
        bits |= ready::ERROR;
    }
    bits
}

/// Reads an option into `buf`; returns the length the OS wrote.
pub fn getsockopt_raw(fd: Fd, level: c_int, name: c_int, buf: &mut [u8]) -> SysResult<usize> {
    let mut len = buf.len() as libc::socklen_t;
    // SAFETY: `buf` is writable for `len` bytes.
    cvt(unsafe { libc::getsockopt(fd, level, name, buf.as_mut_ptr().cast(), &mut len) })?;
    Ok(len as usize)
}

/// A connected pair of `AF_UNIX` sockets of type `ty` (close-on-exec). The first is never fd 0.
pub fn socketpair(ty: c_int) -> SysResult<(Fd, Fd)> {
    let mut fds = [0 as Fd; 2];
    #[cfg(any(target_os = "linux", target_os = "android"))]
    let ty = ty | libc::SOCK_CLOEXEC;
    // SAFETY: `fds` has room for the two descriptors socketpair() writes.
    cvt(unsafe { libc::socketpair(libc::AF_UNIX, ty, 0, fds.as_mut_ptr()) })?;
    #[cfg(not(any(target_os = "linux", target_os = "android")))]
    for fd in fds {
        set_cloexec(fd);
        set_nosigpipe(fd);
    }
    let first = match avoid_fd_zero(fds[0], true) {
        Ok(fd) => fd,
        Err(e) => {
            close(fds[1]);
            return Err(e);
        }
    };
    Ok((first, fds[1]))
}

/// Appends the bytes the iovecs describe to `out`.
///
/// The iovecs must describe readable memory: ws2mp builds them only from the program's
/// buffers after the ffi layer checked them (the same contract `send_msg` relies on).
pub fn copy_iovecs(bufs: &[libc::iovec], out: &mut Vec<u8>) {
    for b in bufs {
        if b.iov_len == 0 || b.iov_base.is_null() {
            continue;
        }
        // SAFETY: per the contract above, `iov_base` is readable for `iov_len` bytes.
        out.extend_from_slice(unsafe {
            std::slice::from_raw_parts(b.iov_base as *const u8, b.iov_len)
        });
    }
}

/// Sends each of `records` as one message (a datagram or a SEQPACKET record), in order,
/// without blocking. Returns how many were sent (fewer when the socket is full); an error only
/// if the first one failed.
pub fn send_records(fd: Fd, records: &[&[u8]]) -> SysResult<usize> {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    {
        const BATCH: usize = 64;
        let mut sent = 0;
        while sent < records.len() {
            let chunk = &records[sent..records.len().min(sent + BATCH)];
            let mut iov: [libc::iovec; BATCH] = [libc::iovec {
                iov_base: std::ptr::null_mut(),
                iov_len: 0,
            }; BATCH];
            // SAFETY: zeroed mmsghdr is a valid "nothing" value.
            let mut msgs: [libc::mmsghdr; BATCH] = unsafe { mem::zeroed() };
            for (i, r) in chunk.iter().enumerate() {
                iov[i] = libc::iovec {
                    iov_base: r.as_ptr() as *mut c_void,
                    iov_len: r.len(),
                };
                msgs[i].msg_hdr.msg_iov = &mut iov[i];
                msgs[i].msg_hdr.msg_iovlen = 1;
            }
            // SAFETY: every mmsghdr points to one iovec describing a live, readable record.
            let n = unsafe {
                libc::sendmmsg(
                    fd,
                    msgs.as_mut_ptr(),
                    chunk.len() as _,
                    libc::MSG_DONTWAIT | SEND_FLAGS,
                )
            };
            if n < 0 {
                let e = errno();
                if e == libc::EINTR {
                    continue;
                }
                return if sent == 0 { Err(e) } else { Ok(sent) };
            }
            sent += n as usize;
            if (n as usize) < chunk.len() {
                break;
            }
        }
        Ok(sent)
    }
    #[cfg(not(any(target_os = "linux", target_os = "android")))]
    {
        let mut sent = 0;
        for r in records {
            match send(fd, r, libc::MSG_DONTWAIT) {
                Ok(_) => sent += 1,
                Err(e) if sent == 0 => return Err(e),
                Err(_) => break,
            }
        }
        Ok(sent)
    }
}

/// Copies `src` into the buffers the iovecs describe, in order; returns the bytes copied (at
/// most the buffers' total size).
///
/// The iovecs must describe writable memory: ws2mp builds them only from the program's
/// buffers after the ffi layer checked them (the same contract `recv_msg` relies on).
pub fn copy_to_iovecs(src: &[u8], bufs: &[libc::iovec]) -> usize {
    let mut done = 0;
    for b in bufs {
        if done == src.len() {
            break;
        }
        if b.iov_len == 0 || b.iov_base.is_null() {
            continue;
        }
        let n = b.iov_len.min(src.len() - done);
        // SAFETY: per the contract above, `iov_base` is writable for `iov_len` >= n bytes, and
        // it cannot overlap `src` (a buffer ws2mp owns).
        unsafe { std::ptr::copy_nonoverlapping(src[done..].as_ptr(), b.iov_base as *mut u8, n) };
        done += n;
    }
    done
}

/// Plain C structures the OS exchanges as bytes, without padding: any bytes of the right
/// length are a valid value, and every byte of a value is initialised.
pub trait Pod: Copy {}
impl Pod for libc::timeval {}
impl Pod for libc::linger {}

/// Reads a plain C structure from the start of `bytes` (None when `bytes` is too short).
pub fn read_pod<T: Pod>(bytes: &[u8]) -> Option<T> {
    (bytes.len() >= mem::size_of::<T>()).then(|| {
        // SAFETY: `bytes` holds at least size_of::<T>() bytes, and any bytes are a valid T (Pod).
        unsafe { std::ptr::read_unaligned(bytes.as_ptr().cast::<T>()) }
    })
}

/// The bytes of a plain C structure.
pub fn pod_bytes<T: Pod>(v: &T) -> Vec<u8> {
    // SAFETY: a Pod value has no padding, so all size_of::<T>() bytes are initialised.
    unsafe { std::slice::from_raw_parts((v as *const T).cast::<u8>(), mem::size_of::<T>()) }
        .to_vec()
}

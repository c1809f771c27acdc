//! The only place that calls the operating system.
//!
//! Everything here is a thin, safe wrapper over one system call. Failures come back as the raw
//! `errno` value (`Err(i32)`), so the caller can apply the context-dependent Winsock mapping.
//! Descriptors this library makes are owned: `OwnedFd` (a Winsock socket's is a [`SocketFd`],
//! which may be released); the calls take the raw number (`SOCKET` is that number) and reach
//! socket2 through a `SockRef` over it; `raw.rs` has the few calls socket2 lacks. What differs between systems sits in one
//! file per OS: `linux.rs`/`epoll.rs` (Linux, Android: cfg `linux_like`, set by build.rs) and
//! `bsd.rs`/`kqueue.rs` (macOS, the BSDs).

pub mod console;
pub mod cpu_times;
pub mod cpu_topology;
pub mod disk_space;
pub mod fault;
pub mod file;
pub mod file_lock;
pub mod file_stat;
pub mod host;
pub mod icmp;
pub mod ifaces;
mod iobufs;
pub mod libc_next;
mod mcast;
pub mod msg;
pub mod named_pipe;
pub mod names;
pub mod net_counters;
pub mod net_watch;
#[cfg(linux_like)]
#[path = "linux.rs"]
mod os;
#[cfg(not(linux_like))]
#[path = "bsd.rs"]
mod os;
#[cfg(linux_like)]
#[path = "epoll.rs"]
mod poller;
#[cfg(not(linux_like))]
#[path = "kqueue.rs"]
mod poller;
pub mod process;
pub(crate) mod procfs;
pub mod random;
mod raw;
mod rooted_pair;
pub mod route_table;
pub mod service_manager;
pub mod shared_memory;
pub mod shared_sync;
mod signal;
pub mod socket_handoff;
pub mod socket_table;
pub mod srw;
pub mod system_log;
pub mod thread;
pub mod thread_control;
#[cfg(target_os = "linux")]
pub mod uring;
pub mod userbuf;
mod usercopy;
pub mod va_list;
pub mod vmem;
pub mod volume;

pub use ifaces::{interface_addrs, IfAddr};
pub use iobufs::{storage as iov_storage, IoBufs, IoBufsMut};
pub use mcast::*;
pub(crate) use os::{
    dont_fragment_v4, drain_error_queue, pending_connections, report_icmp_errors, set_buffer_size,
    set_dont_fragment_v4, set_errno, tcp_port_only_in_time_wait,
};
pub(crate) use os::{
    BUFFER_SIZE_FACTOR, IPV6_JOIN_GROUP, IP_OPTIONS, LINGER_SECONDS, POLL_PEER_CLOSED,
};
pub use poller::Poller;
pub use raw::*;
pub(crate) use rooted_pair::rooted_pair;
pub use signal::Signal;
pub use usercopy::{
    copy_from_user, copy_string_from_user, copy_to_user, copy_to_user_each, forget_verified,
    range_readable, range_writable, string_readable,
};

use crate::addr::SockAddr;
use socket2::{SockRef, Socket};
use std::io::IoSlice;
use std::mem::{ManuallyDrop, MaybeUninit};
pub use std::os::fd::OwnedFd;
use std::os::fd::{AsRawFd, BorrowedFd, FromRawFd, IntoRawFd};
use std::os::raw::c_int;

pub type Fd = c_int;
pub type SysResult<T> = Result<T, i32>;

bitflags::bitflags! {
    /// Readiness bits reported by the poller.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
    pub struct Ready: u8 {
        const READABLE = 1;
        const WRITABLE = 2;
        const PRIORITY = 4;
        /// The peer closed its side, the connection broke, or an error is pending: a read will
        /// not block but may return 0 or fail. Always paired with READABLE when read interest
        /// is set.
        const HANGUP = 8;
        /// An error is pending on the socket (`SO_ERROR`: a reset, a failed connection).
        /// Always paired with HANGUP.
        const ERROR = 16;
    }

    /// Interest bits given to the poller.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
    pub struct Interest: u8 {
        const READ = 1;
        const WRITE = 2;
        const PRIORITY = 4;
        /// Only the peer's close (Linux `EPOLLRDHUP`/`POLLRDHUP`; nothing elsewhere): watched
        /// while unread data is not to be reported again but `FD_CLOSE` is wanted.
        const PEER_CLOSED = 8;
        /// Edge-triggered (Linux `EPOLLET`, kqueue `EV_CLEAR`): a report only when something
        /// new arrives (a connection on a listener), not while the condition lasts.
        const EDGE = 16;
    }
}

impl Ready {
    /// Nothing ready.
    pub const NONE: Ready = Ready::empty();
}

impl Interest {
    /// No interest (not registered).
    pub const NONE: Interest = Interest::empty();
}

/// `ready::X` and `interest::X` name the bits (the flags of [`Ready`] and [`Interest`]), as
/// the constants they replace did.
pub use {Interest as interest, Ready as ready};

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

fn os_err(e: std::io::Error) -> i32 {
    e.raw_os_error().unwrap_or(libc::EIO)
}

/// Runs `f` on socket2's view of `fd` (no EINTR retry).
fn with_socket<R>(fd: Fd, f: impl FnOnce(SockRef<'_>) -> std::io::Result<R>) -> SysResult<R> {
    if fd < 0 {
        return Err(libc::EBADF);
    }
    // SAFETY: `fd` is not -1 and stays open for this call: the caller holds the socket.
    let borrowed = unsafe { BorrowedFd::borrow_raw(fd) };
    f(SockRef::from(&borrowed)).map_err(os_err)
}

/// `with_socket`, retried on EINTR.
fn on_socket<R>(fd: Fd, mut f: impl FnMut(&SockRef<'_>) -> std::io::Result<R>) -> SysResult<R> {
    retry(|| with_socket(fd, |s| f(&s)))
}

fn cvt_size(ret: isize) -> SysResult<usize> {
    if ret < 0 {
        Err(errno())
    } else {
        Ok(ret as usize)
    }
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

/// Flags every send adds (Linux: `MSG_NOSIGNAL`).
const SEND_FLAGS: c_int = os::SEND_FLAGS;

/// A `msghdr` that receives into `bufs` and writes the source address into `from`.
fn recv_header(from: &mut SockAddr, bufs: &mut IoBufsMut<'_>) -> libc::msghdr {
    let bufs = bufs.raw();
    // SAFETY: zeroed msghdr is a valid "nothing" value.
    let mut msg: libc::msghdr = unsafe { std::mem::zeroed() };
    msg.msg_name = from.as_mut_ptr().cast();
    msg.msg_namelen = SockAddr::CAPACITY;
    msg.msg_iov = bufs.as_mut_ptr();
    msg.msg_iovlen = bufs.len() as _;
    msg
}

/// Hands a new socket2 socket over as an owned descriptor, never fd 0 (legacy Winsock code
/// treats 0 as "no socket").
fn into_fd(s: Socket, cloexec: bool) -> SysResult<OwnedFd> {
    os::after_create(&s);
    if s.as_raw_fd() != 0 {
        return Ok(s.into());
    }
    let moved = raw::dup_from(0, 1, cloexec)?;
    drop(s);
    // SAFETY: `moved` was just made by fcntl(F_DUPFD) and nothing else owns it.
    Ok(unsafe { OwnedFd::from_raw_fd(moved) })
}

/// The descriptor of a Winsock socket: owned (closed when dropped), unless [`released`]
/// first because the program closed it behind ws2mp's back and the OS gave the number to
/// another socket, which this one must then never close.
///
/// [`released`]: SocketFd::release
pub struct SocketFd {
    fd: ManuallyDrop<OwnedFd>,
    released: bool,
}

impl SocketFd {
    pub fn new(fd: OwnedFd) -> SocketFd {
        SocketFd {
            fd: ManuallyDrop::new(fd),
            released: false,
        }
    }

    /// The descriptor number (the `SOCKET` value).
    #[inline]
    pub fn raw(&self) -> Fd {
        self.fd.as_raw_fd()
    }

    /// The number is no longer this socket's: dropping leaves it open.
    pub fn release(&mut self) {
        self.released = true;
    }
}

impl Drop for SocketFd {
    fn drop(&mut self) {
        if !self.released {
            // SAFETY: taken once, here; `self.fd` is not used after.
            let fd = unsafe { ManuallyDrop::take(&mut self.fd) }.into_raw_fd();
            // Closed by number rather than by `OwnedFd`'s drop, whose debug-build check aborts
            // the process when the descriptor is closed already: a program may have closed
            // its SOCKET with close() before closesocket (Winsock reports nothing then).
            // SAFETY: closes the descriptor this value owned; nothing else uses it.
            unsafe { libc::close(fd) };
        }
    }
}

/// Our address as socket2's (a copy of its bytes).
fn to_s2(addr: &SockAddr) -> socket2::SockAddr {
    let bytes = addr.as_bytes();
    let mut storage = socket2::SockAddrStorage::zeroed();
    // SAFETY: `bytes` (at most sockaddr_storage's size) is a sockaddr of its stated length;
    // copied into a zeroed sockaddr_storage, it is a valid address of that length.
    unsafe {
        std::ptr::copy_nonoverlapping(
            bytes.as_ptr(),
            std::ptr::addr_of_mut!(storage).cast::<u8>(),
            bytes.len(),
        );
        socket2::SockAddr::new(storage, bytes.len() as libc::socklen_t)
    }
}

/// Writes socket2's address into ours (bytes and length).
fn from_s2(addr: &socket2::SockAddr, out: &mut SockAddr) {
    let len = addr.len().min(SockAddr::CAPACITY);
    // SAFETY: both are sockaddr_storage-sized; `len` bytes of socket2's are initialised.
    unsafe {
        std::ptr::copy_nonoverlapping(
            addr.as_ptr().cast::<u8>(),
            out.as_mut_ptr().cast::<u8>(),
            len as usize,
        )
    };
    out.set_len(len);
}

fn addr_of(addr: &socket2::SockAddr) -> SockAddr {
    let mut out = SockAddr::empty();
    from_s2(addr, &mut out);
    out
}

/// A byte buffer as the "maybe uninitialised" buffer socket2's receive calls take.
fn uninit(buf: &mut [u8]) -> &mut [MaybeUninit<u8>] {
    // SAFETY: same layout; socket2 only writes initialised bytes into it.
    unsafe { &mut *(buf as *mut [u8] as *mut [MaybeUninit<u8>]) }
}

/// The buffers as std's `IoSlice`s.
fn io_slices<'a>(bufs: IoBufs<'a>) -> &'a [IoSlice<'a>] {
    let bufs = bufs.raw();
    // SAFETY: `IoSlice` is ABI-compatible with `iovec` on Unix (documented by std); the
    // buffers are readable for 'a (`IoBufs`' invariant), and socket2 hands the array to the
    // kernel without reading an entry itself (an empty entry may have a NULL base).
    unsafe { &*(bufs as *const [libc::iovec] as *const [IoSlice<'a>]) }
}

/// The buffers as socket2's writable buffers.
fn uninit_slices<'b>(bufs: &'b mut IoBufsMut<'_>) -> &'b mut [socket2::MaybeUninitSlice<'b>] {
    let bufs = bufs.raw();
    // SAFETY: `MaybeUninitSlice` is `repr(transparent)` over `iovec` on Unix; the buffers
    // are writable for as long as `bufs` is borrowed (`IoBufsMut`' invariant).
    unsafe { &mut *(bufs as *mut [libc::iovec] as *mut [socket2::MaybeUninitSlice<'b>]) }
}

/// A monotonic clock in milliseconds, as cheap as the system has it, for staleness checks on
/// hot paths: Linux's coarse clock (a few milliseconds of resolution, read without a system
/// call), elsewhere the ordinary monotonic clock.
pub fn coarse_millis() -> u64 {
    raw::clock_millis(os::COARSE_CLOCK)
}

/// Creates a socket; `cloexec` chooses whether it survives `exec`. Never returns fd 0, which
/// legacy Winsock code treats as "no socket".
pub fn socket(domain: c_int, ty: c_int, protocol: c_int, cloexec: bool) -> SysResult<OwnedFd> {
    let (domain, ty, protocol) = (domain.into(), ty.into(), Some(protocol.into()));
    let s = if cloexec {
        Socket::new(domain, ty, protocol)
    } else {
        Socket::new_raw(domain, ty, protocol)
    };
    into_fd(s.map_err(os_err)?, cloexec)
}

/// A connected pair of `AF_UNIX` sockets of type `ty` (close-on-exec). Neither is fd 0.
pub fn socketpair(ty: c_int) -> SysResult<(OwnedFd, OwnedFd)> {
    let (a, b) = Socket::pair(libc::AF_UNIX.into(), ty.into(), None).map_err(os_err)?;
    let b = into_fd(b, true)?;
    Ok((into_fd(a, true)?, b))
}

pub fn bind(fd: Fd, addr: &SockAddr) -> SysResult<()> {
    with_socket(fd, |s| s.bind(&to_s2(addr)))
}

pub fn listen(fd: Fd, backlog: c_int) -> SysResult<()> {
    with_socket(fd, |s| s.listen(backlog))
}

/// Not retried on EINTR: the connection then continues asynchronously, which callers see as
/// EINPROGRESS/EALREADY.
pub fn connect(fd: Fd, addr: &SockAddr) -> SysResult<()> {
    with_socket(fd, |s| s.connect(&to_s2(addr)))
}

/// Accepts a connection; the new fd gets `cloexec` and is blocking.
pub fn accept(fd: Fd, cloexec: bool) -> SysResult<(OwnedFd, SockAddr)> {
    let (new, addr) = on_socket(fd, |s| os::accept(s, cloexec))?;
    Ok((into_fd(new, cloexec)?, addr_of(&addr)))
}

pub fn send(fd: Fd, buf: &[u8], flags: c_int) -> SysResult<usize> {
    on_socket(fd, |s| s.send_with_flags(buf, flags | SEND_FLAGS))
}

pub fn send_to(fd: Fd, buf: &[u8], flags: c_int, to: &SockAddr) -> SysResult<usize> {
    raw::sendto(fd, buf, flags | SEND_FLAGS, to)
}

pub fn recv(fd: Fd, buf: &mut [u8], flags: c_int) -> SysResult<usize> {
    let buf = uninit(buf);
    on_socket(fd, |s| s.recv_with_flags(buf, flags))
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

/// Removes the datagram at the head of the receive queue without blocking. A one-byte buffer
/// (not zero bytes: BSD may leave a datagram queued for an empty read).
pub fn discard_datagram(fd: Fd) -> SysResult<()> {
    with_socket(fd, |s| {
        s.recv_with_flags(uninit(&mut [0u8]), libc::MSG_DONTWAIT)
    })
    .map(drop)
}

/// One received message: its length (possibly larger than the buffer, see `truncated`). Its
/// source is written to the caller's `SockAddr`, so that the address is never copied on the
/// way back up.
#[derive(Clone, Copy, Debug)]
pub struct Received {
    pub len: usize,
    pub truncated: bool,
}

/// `recvmsg` into one or more buffers, the source into `from`; reports datagram truncation
/// (`MSG_TRUNC`).
pub fn recv_msg(
    fd: Fd,
    mut bufs: IoBufsMut<'_>,
    flags: c_int,
    from: &mut SockAddr,
) -> SysResult<Received> {
    let bufs = uninit_slices(&mut bufs);
    let (len, recv_flags, addr) = on_socket(fd, |s| s.recv_from_vectored_with_flags(bufs, flags))?;
    from_s2(&addr, from);
    Ok(Received {
        len,
        truncated: recv_flags.is_truncated(),
    })
}

/// `sendmsg` from one or more buffers, to `to` or to the connected peer.
pub fn send_msg(fd: Fd, bufs: IoBufs<'_>, flags: c_int, to: Option<&SockAddr>) -> SysResult<usize> {
    if let [one] = bufs.raw() {
        // SAFETY: `one` is the entry of an `IoBufs`, readable for this call.
        return unsafe { send_one(fd, one, flags, to) };
    }
    let (bufs, flags) = (io_slices(bufs), flags | SEND_FLAGS);
    match to.map(to_s2) {
        Some(to) => on_socket(fd, |s| s.send_to_vectored_with_flags(bufs, &to, flags)),
        None => on_socket(fd, |s| s.send_vectored_with_flags(bufs, flags)),
    }
}

/// `sendto` (or `send`, without `to`) of the one buffer `buf`: what `send_msg` does for a single
/// buffer without control data, without the `msghdr` the kernel would copy in and walk.
///
/// # Safety
/// `buf` must describe memory readable for the call (an entry of an `IoBufs`).
unsafe fn send_one(
    fd: Fd,
    buf: &libc::iovec,
    flags: c_int,
    to: Option<&SockAddr>,
) -> SysResult<usize> {
    let buf = match buf.iov_len {
        0 => &[],
        // SAFETY: the iovec describes readable memory (the function contract).
        n => unsafe { std::slice::from_raw_parts(buf.iov_base.cast::<u8>(), n) },
    };
    match to {
        Some(to) => send_to(fd, buf, flags, to),
        None => send(fd, buf, flags),
    }
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

pub fn getsockname(fd: Fd) -> SysResult<SockAddr> {
    with_socket(fd, |s| s.local_addr()).map(|a| addr_of(&a))
}

pub fn getpeername(fd: Fd) -> SysResult<SockAddr> {
    with_socket(fd, |s| s.peer_addr()).map(|a| addr_of(&a))
}

/// Whether `O_NONBLOCK` is set on `fd` (shared by every descriptor of the open socket).
pub fn is_nonblocking(fd: Fd) -> bool {
    with_socket(fd, |s| s.nonblocking()).unwrap_or(false)
}

pub fn set_nonblocking(fd: Fd, on: bool) -> SysResult<()> {
    with_socket(fd, |s| s.set_nonblocking(on))
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
    let mut byte = [0u8];
    match with_socket(fd, |s| {
        s.recv_with_flags(uninit(&mut byte), libc::MSG_PEEK | libc::MSG_DONTWAIT)
    }) {
        Ok(1..) => Peek::Data,
        Ok(0) => Peek::End,
        Err(libc::EAGAIN | libc::EINTR) => Peek::Empty,
        #[allow(unreachable_patterns)]
        Err(libc::EWOULDBLOCK) => Peek::Empty,
        Err(e) => Peek::Failed(e),
    }
}

/// The socket's pending error (`SO_ERROR`), which reading clears.
pub fn take_socket_error(fd: Fd) -> i32 {
    match with_socket(fd, |s| s.take_error()) {
        Ok(pending) => pending.and_then(|e| e.raw_os_error()).unwrap_or(0),
        Err(e) => e,
    }
}

/// `SO_REUSEADDR`. On macOS and the BSDs a datagram socket also gets `SO_REUSEPORT`, without
/// which two sockets cannot bind the same wildcard port there (Windows needs only
/// `SO_REUSEADDR`).
pub fn set_reuse_address(fd: Fd, on: bool, datagram: bool) -> SysResult<()> {
    with_socket(fd, |s| {
        s.set_reuse_address(on)?;
        if datagram && os::DATAGRAM_REUSE_PORT {
            s.set_reuse_port(on)?;
        }
        Ok(())
    })
}

/// Sleeps the calling thread.
pub fn sleep_ms(ms: u64) {
    std::thread::sleep(std::time::Duration::from_millis(ms));
}

// Pointer and foreign-code plumbing moved here from the core (one file per concept).
#[cfg(test)]
pub(crate) mod counting_alloc;
pub(crate) mod ifname;
pub(crate) mod iov;
pub(crate) mod routine;

#[cfg(test)]
mod socket_fd_tests {
    use super::*;

    fn is_open(fd: Fd) -> bool {
        // SAFETY: F_GETFD reads a descriptor's flags; no memory is touched.
        unsafe { libc::fcntl(fd, libc::F_GETFD) >= 0 }
    }

    /// A socket's descriptor closes when dropped; a released one stays open. (A descriptor the
    /// program closed first is not tried here: the tests run in parallel, and its number could
    /// be another test's by the time it is dropped.)
    #[test]
    fn closes_unless_released() {
        let fd = SocketFd::new(socket(libc::AF_INET, libc::SOCK_DGRAM, 0, true).unwrap());
        let n = fd.raw();
        assert!(is_open(n));
        drop(fd);
        assert!(!is_open(n), "dropping closes the descriptor");

        let mut fd = SocketFd::new(socket(libc::AF_INET, libc::SOCK_DGRAM, 0, true).unwrap());
        let n = fd.raw();
        fd.release();
        drop(fd);
        assert!(is_open(n), "a released descriptor stays open");
        // SAFETY: `n` was released above: this test owns it now.
        drop(unsafe { OwnedFd::from_raw_fd(n) });
    }
}

//! The calls socket2 does not offer, on libc directly: socket options by number, `FIONREAD`,
//! `SIOCATMARK`, `poll`, `fstat`, descriptor duplication (and keeping sockets off fd 0), and
//! `recvmsg`/`sendmsg` with the `IP_PKTINFO`/`IPV6_PKTINFO` control messages.

use super::{
    cvt, cvt_size, interest, os, ready, retry, Fd, Interest, IoBufs, IoBufsMut, Ready, Received,
    SysResult, SEND_FLAGS,
};
use crate::addr::SockAddr;
use std::mem;
use std::net::{IpAddr, Ipv6Addr};
use std::os::raw::c_int;

/// Plain C values the OS exchanges as bytes.
///
/// # Safety
/// Any `size_of::<Self>()` initialised bytes must be a valid value: integers and structures of
/// integers only (no pointers, references, `bool`s, enums). Padding is allowed; ws2mp never
/// reads a value's bytes back (`getsockopt_raw` gives the bytes the OS wrote).
pub unsafe trait Pod: Copy {}
// SAFETY: integers: every bit pattern is a value.
unsafe impl Pod for c_int {}
// SAFETY: integers: every bit pattern is a value.
unsafe impl Pod for libc::c_uchar {}
// SAFETY: two integers.
unsafe impl Pod for libc::timeval {}
// SAFETY: two ints.
unsafe impl Pod for libc::linger {}

/// Reads a plain C value from the start of `bytes` (None when `bytes` is too short).
pub fn read_pod<T: Pod>(bytes: &[u8]) -> Option<T> {
    (bytes.len() >= mem::size_of::<T>()).then(|| {
        // SAFETY: `bytes` holds at least size_of::<T>() initialised bytes, a valid T (Pod).
        unsafe { std::ptr::read_unaligned(bytes.as_ptr().cast::<T>()) }
    })
}

/// Sets an option from raw bytes.
pub fn setsockopt_raw(fd: Fd, level: c_int, name: c_int, val: &[u8]) -> SysResult<()> {
    // SAFETY: `val` is readable for its length.
    cvt(unsafe { libc::setsockopt(fd, level, name, val.as_ptr().cast(), val.len() as _) }).map(drop)
}

/// Sets an option of type `T` (a C value the kernel reads as bytes).
pub fn setsockopt<T: Copy>(fd: Fd, level: c_int, name: c_int, val: T) -> SysResult<()> {
    // SAFETY: `val` is a local value readable for size_of::<T>() bytes; the kernel only
    // reads it.
    let r = unsafe {
        let ptr = std::ptr::addr_of!(val).cast();
        libc::setsockopt(fd, level, name, ptr, mem::size_of::<T>() as _)
    };
    cvt(r).map(drop)
}

/// Reads an option into `buf`; returns the length the OS wrote.
pub fn getsockopt_raw(fd: Fd, level: c_int, name: c_int, buf: &mut [u8]) -> SysResult<usize> {
    let mut len = buf.len() as libc::socklen_t;
    // SAFETY: `buf` is writable for `len` bytes.
    cvt(unsafe { libc::getsockopt(fd, level, name, buf.as_mut_ptr().cast(), &mut len) })?;
    Ok(len as usize)
}

/// Reads an option of type `T` (bytes the OS does not write stay zero).
pub fn getsockopt<T: Pod>(fd: Fd, level: c_int, name: c_int) -> SysResult<T> {
    let mut val = mem::MaybeUninit::<T>::zeroed();
    let mut len = mem::size_of::<T>() as libc::socklen_t;
    // SAFETY: `val` is writable for `len` bytes.
    cvt(unsafe { libc::getsockopt(fd, level, name, val.as_mut_ptr().cast(), &mut len) })?;
    // SAFETY: every byte is zero or written by the OS, and any bytes are a valid T (Pod).
    Ok(unsafe { val.assume_init() })
}

/// `sendto` from the caller's own address storage. On the datagram path this replaces
/// socket2's `send_to`, whose address type would be rebuilt (zeroed, then copied) for every
/// datagram.
pub(super) fn sendto(fd: Fd, buf: &[u8], flags: c_int, to: &SockAddr) -> SysResult<usize> {
    let (ptr, len) = (buf.as_ptr().cast(), buf.len());
    // SAFETY: `buf` is readable for its length; `to` describes its own storage.
    retry(|| cvt_size(unsafe { libc::sendto(fd, ptr, len, flags, to.as_ptr(), to.len()) }))
}

/// `recvfrom` into the buffer `buf` describes, the source written straight into `from` (the
/// same reason as `sendto`).
///
/// # Safety
/// `buf` must describe memory writable for the call (an entry of an `IoBufsMut`).
pub(super) unsafe fn recvfrom(
    fd: Fd,
    buf: &libc::iovec,
    flags: c_int,
    from: &mut SockAddr,
) -> SysResult<usize> {
    retry(|| {
        let mut len = SockAddr::CAPACITY;
        // SAFETY: the iovec describes writable memory (the function contract); `from` has
        // sockaddr_storage-sized room, and `len` says so.
        let n = cvt_size(unsafe {
            libc::recvfrom(
                fd,
                buf.iov_base,
                buf.iov_len,
                flags,
                from.as_mut_ptr(),
                &mut len,
            )
        })?;
        from.set_len(len);
        Ok(n)
    })
}

/// Duplicates `fd` onto the lowest free descriptor `>= min` (`fcntl(F_DUPFD[_CLOEXEC])`).
pub(super) fn dup_from(fd: Fd, min: Fd, cloexec: bool) -> SysResult<Fd> {
    let cmd = if cloexec {
        libc::F_DUPFD_CLOEXEC
    } else {
        libc::F_DUPFD
    };
    // SAFETY: fcntl duplicating a descriptor has no memory effects.
    cvt(unsafe { libc::fcntl(fd, cmd, min) })
}

/// A second descriptor for the same open socket.
pub fn dup(fd: Fd, cloexec: bool) -> SysResult<Fd> {
    dup_from(fd, 0, cloexec)
}

/// A clock's current time, from the C library's `clock_gettime` even where the program defines
/// a function of that name (`libc_next`: ws2mp's `QueryPerformanceCounter`,
/// `GetSystemTimeAsFileTime`, `GetTickCount` are what such a function is built on). Zero for a
/// clock the system lacks.
pub fn clock_now(clock: libc::clockid_t) -> libc::timespec {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec; an unknown clock leaves it zero (EINVAL).
    unsafe { super::libc_next::clock_gettime(clock, &mut ts) };
    ts
}

/// A clock's time in milliseconds.
pub(super) fn clock_millis(clock: libc::clockid_t) -> u64 {
    let ts = clock_now(clock);
    (ts.tv_sec as u64) * 1000 + (ts.tv_nsec as u64) / 1_000_000
}

/// An ioctl on a socket that writes one int.
fn ioctl_int(fd: Fd, request: libc::c_ulong) -> SysResult<c_int> {
    let mut n: c_int = 0;
    // SAFETY: the requests used here (FIONREAD, SIOCATMARK) write one int.
    cvt(unsafe { libc::ioctl(fd, request as _, &mut n) })?;
    Ok(n)
}

/// Bytes that one receive would return (`FIONREAD`).
pub fn bytes_readable(fd: Fd) -> SysResult<usize> {
    Ok(ioctl_int(fd, libc::FIONREAD)?.max(0) as usize)
}

/// The native `SIOCATMARK` request (libc does not export it everywhere).
pub(crate) const SIOCATMARK: u32 = os::SIOCATMARK;

/// Whether the read pointer is at the out-of-band mark (POSIX `SIOCATMARK`).
pub fn at_oob_mark(fd: Fd) -> SysResult<bool> {
    Ok(ioctl_int(fd, SIOCATMARK.into())? != 0)
}

/// Whether `fd` is an open socket.
pub fn is_socket(fd: Fd) -> bool {
    let mut st = mem::MaybeUninit::<libc::stat>::uninit();
    // SAFETY: fstat writes `st` when it succeeds; only then is it read.
    (unsafe { libc::fstat(fd, st.as_mut_ptr()) } == 0)
        // SAFETY: fstat succeeded, so `st` is initialised.
        && (unsafe { st.assume_init() }.st_mode & libc::S_IFMT) == libc::S_IFSOCK
}

/// `poll(2)` on raw descriptors (not retried on EINTR).
pub fn poll(fds: &mut [libc::pollfd], timeout_ms: c_int) -> SysResult<usize> {
    // SAFETY: `fds` is a valid, writable pollfd array of the given length.
    cvt(unsafe { super::libc_next::poll(fds.as_mut_ptr(), fds.len() as _, timeout_ms) })
        .map(|n| n as usize)
}

/// The `poll` events that stand for `wanted`.
fn poll_events(wanted: Interest) -> libc::c_short {
    [
        (interest::READ, libc::POLLIN | os::POLL_PEER_CLOSED),
        (interest::WRITE, libc::POLLOUT),
        (interest::PRIORITY, libc::POLLPRI),
        (interest::PEER_CLOSED, os::POLL_PEER_CLOSED),
    ]
    .into_iter()
    .filter(|&(bit, _)| wanted.intersects(bit))
    .fold(0, |events, (_, ev)| events | ev)
}

/// The readiness `poll` reported in `revents`.
fn ready_from(revents: libc::c_short) -> Ready {
    let hangup = libc::POLLHUP | libc::POLLERR | libc::POLLNVAL | os::POLL_PEER_CLOSED;
    [
        (libc::POLLIN, ready::READABLE),
        (libc::POLLOUT, ready::WRITABLE),
        (libc::POLLPRI, ready::PRIORITY),
        (hangup, ready::HANGUP | ready::READABLE),
        (libc::POLLERR, ready::ERROR),
    ]
    .into_iter()
    .filter(|&(ev, _)| revents & ev != 0)
    .fold(Ready::empty(), |bits, (_, b)| bits | b)
}

/// Current readiness of one fd for `wanted` interest, without blocking (a `poll` with timeout 0).
pub fn poll_one(fd: Fd, wanted: Interest) -> Ready {
    let mut pfd = [libc::pollfd {
        fd,
        events: poll_events(wanted),
        revents: 0,
    }];
    if poll(&mut pfd, 0).unwrap_or(0) == 0 {
        return Ready::empty();
    }
    ready_from(pfd[0].revents)
}

/// Waits up to `timeout_ms` (-1: no limit) until one of `fds` is ready for its interest, and
/// fills `found` with each one's readiness (in order; empty for the others). Whether any was.
pub fn poll_ready(fds: &[(Fd, Interest)], timeout_ms: i32, found: &mut Vec<Ready>) -> bool {
    let mut pfds: Vec<libc::pollfd> = fds
        .iter()
        .map(|&(fd, wanted)| libc::pollfd {
            fd,
            events: poll_events(wanted),
            revents: 0,
        })
        .collect();
    found.clear();
    let any = poll(&mut pfds, timeout_ms).unwrap_or(0) > 0;
    found.extend(pfds.iter().map(|p| ready_from(p.revents)));
    any
}

/// Appends the bytes of `bufs` to `out`, through checked copies (`EFAULT` when a buffer
/// cannot be read).
pub fn copy_iovecs(bufs: IoBufs<'_>, out: &mut Vec<u8>) -> SysResult<()> {
    for b in bufs.raw() {
        if b.iov_len == 0 || b.iov_base.is_null() {
            continue;
        }
        let at = out.len();
        out.resize(at + b.iov_len, 0);
        super::copy_from_user(b.iov_base as *const u8, &mut out[at..])?;
    }
    Ok(())
}

/// Copies `src` into `bufs`, in order, through checked copies; returns the bytes copied (at
/// most the buffers' total size), or `EFAULT` when a buffer cannot be written.
pub fn copy_to_iovecs(src: &[u8], mut bufs: IoBufsMut<'_>) -> SysResult<usize> {
    let mut done = 0;
    for b in bufs.raw().iter() {
        if done == src.len() {
            break;
        }
        if b.iov_len == 0 || b.iov_base.is_null() {
            continue;
        }
        let n = b.iov_len.min(src.len() - done);
        super::copy_to_user(b.iov_base as *mut u8, &src[done..done + n])?;
        done += n;
    }
    Ok(done)
}

/// The IPv4 option that turns on packet-information control messages (`IP_PKTINFO`; FreeBSD's
/// `IP_RECVDSTADDR`).
pub(crate) const IP_PKTINFO_OPTION: c_int = os::pktinfo4::RECV_OPTION;

/// Room for the packet-info messages (an IPv4 datagram on a dual-stack socket carries both
/// kinds). The kernel puts them before any other control message the application may have
/// enabled (which ws2mp does not report), so a truncated control area still holds them.
#[repr(C, align(8))]
struct ControlBuf([u8; 128]);

/// Where a datagram arrived: its destination address and the index of the interface it came in
/// on (from the packet-info control message).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Arrival {
    pub dst: IpAddr,
    pub ifindex: u32,
}

/// `recvmsg` (source into `from`) that also reports where the datagram arrived when `want_dst`
/// is true and the socket has `report_destination` on (otherwise `None`). Uses no heap memory.
pub fn recv_msg_dst(
    fd: Fd,
    mut bufs: IoBufsMut<'_>,
    flags: c_int,
    from: &mut SockAddr,
    want_dst: bool,
) -> SysResult<(Received, Option<Arrival>)> {
    if !want_dst {
        return super::recv_datagram(fd, bufs, flags, from).map(|r| (r, None));
    }
    let mut control = ControlBuf([0; 128]);
    retry(|| {
        let mut msg = super::recv_header(from, &mut bufs);
        msg.msg_control = control.0.as_mut_ptr().cast();
        msg.msg_controllen = control.0.len() as _;
        // SAFETY: the iovecs describe valid, writable caller buffers; msg_name points to
        // sockaddr_storage-sized memory and msg_control to `control`.
        let n = cvt_size(unsafe { libc::recvmsg(fd, &mut msg, flags) })?;
        from.set_len(msg.msg_namelen);
        let received = Received {
            len: n,
            truncated: msg.msg_flags & libc::MSG_TRUNC != 0,
        };
        // SAFETY: `msg` was just filled by recvmsg; its control area is `control`.
        Ok((received, unsafe { destination_from(&msg) }))
    })
}

/// The destination address and arrival interface in a received message's packet-info control
/// message.
///
/// # Safety
/// `msg` must be a msghdr that recvmsg filled, with its control area still valid.
unsafe fn destination_from(msg: &libc::msghdr) -> Option<Arrival> {
    // SAFETY: per the function contract, the CMSG walk stays inside the control area.
    unsafe {
        let mut cmsg = libc::CMSG_FIRSTHDR(msg);
        while !cmsg.is_null() {
            let (level, kind) = ((*cmsg).cmsg_level, (*cmsg).cmsg_type);
            let data = libc::CMSG_DATA(cmsg);
            if level == libc::IPPROTO_IP && kind == os::pktinfo4::RECV_MESSAGE {
                let (dst, ifindex) = os::pktinfo4::read(data);
                let dst = IpAddr::V4(dst);
                return Some(Arrival { dst, ifindex });
            }
            if level == libc::IPPROTO_IPV6 && kind == libc::IPV6_PKTINFO {
                let info = std::ptr::read_unaligned(data.cast::<libc::in6_pktinfo>());
                let dst = IpAddr::V6(Ipv6Addr::from(info.ipi6_addr.s6_addr));
                let ifindex = info.ipi6_ifindex as u32;
                return Some(Arrival { dst, ifindex });
            }
            cmsg = libc::CMSG_NXTHDR(msg, cmsg);
        }
    }
    None
}

/// `sendmsg` with the source address `src` (`IP_PKTINFO` / `IPV6_PKTINFO`), for a socket bound
/// to the wildcard address that stands for one bound to `src`. `index` is the interface of a
/// link-local `src` (0 otherwise). Uses no heap memory.
pub fn send_msg_from(
    fd: Fd,
    bufs: IoBufs<'_>,
    flags: c_int,
    to: Option<&SockAddr>,
    src: IpAddr,
    index: u32,
) -> SysResult<usize> {
    let mut control = ControlBuf([0; 128]);
    // SAFETY: zeroed msghdr is a valid "nothing" value.
    let mut msg: libc::msghdr = unsafe { mem::zeroed() };
    if let Some(to) = to {
        msg.msg_name = to.as_ptr().cast_mut().cast();
        msg.msg_namelen = to.len();
    }
    msg.msg_iov = bufs.raw().as_ptr().cast_mut();
    msg.msg_iovlen = bufs.len() as _;
    msg.msg_control = control.0.as_mut_ptr().cast();
    let (level, kind, len) = match src {
        IpAddr::V4(_) => (
            libc::IPPROTO_IP,
            os::pktinfo4::SEND_MESSAGE,
            os::pktinfo4::LEN,
        ),
        IpAddr::V6(_) => (
            libc::IPPROTO_IPV6,
            libc::IPV6_PKTINFO,
            mem::size_of::<libc::in6_pktinfo>(),
        ),
    };
    // SAFETY: CMSG_SPACE/CMSG_LEN are arithmetic; the control buffer is larger than either
    // message, so CMSG_FIRSTHDR is non-NULL and CMSG_DATA has room for the payload.
    unsafe {
        msg.msg_controllen = libc::CMSG_SPACE(len as _) as _;
        let cmsg = libc::CMSG_FIRSTHDR(&msg);
        (*cmsg).cmsg_level = level;
        (*cmsg).cmsg_type = kind;
        (*cmsg).cmsg_len = libc::CMSG_LEN(len as _) as _;
        let data = libc::CMSG_DATA(cmsg);
        match src {
            IpAddr::V4(a) => os::pktinfo4::write(data, a),
            IpAddr::V6(a) => {
                let mut info: libc::in6_pktinfo = mem::zeroed();
                info.ipi6_addr.s6_addr = a.octets();
                info.ipi6_ifindex = index as _;
                std::ptr::write_unaligned(data.cast::<libc::in6_pktinfo>(), info);
            }
        }
    }
    // SAFETY: the iovecs point to valid caller buffers; msg_control to `control`.
    retry(|| cvt_size(unsafe { libc::sendmsg(fd, &msg, flags | SEND_FLAGS) }))
}

/// The IPv4 packet-information control message where the system has `IP_PKTINFO` both ways
/// (`struct in_pktinfo`: Linux, macOS); `os::pktinfo4` names this or the system's own.
#[cfg(not(target_os = "freebsd"))]
pub(super) mod in_pktinfo {
    use std::net::Ipv4Addr;

    pub(in crate::sys) const RECV_OPTION: libc::c_int = libc::IP_PKTINFO;
    pub(in crate::sys) const RECV_MESSAGE: libc::c_int = libc::IP_PKTINFO;
    pub(in crate::sys) const SEND_MESSAGE: libc::c_int = libc::IP_PKTINFO;
    pub(in crate::sys) const LEN: usize = std::mem::size_of::<libc::in_pktinfo>();

    /// The destination address and the arrival interface's index.
    ///
    /// # Safety
    /// `data` must point to a received `IP_PKTINFO` payload.
    pub(in crate::sys) unsafe fn read(data: *const u8) -> (Ipv4Addr, u32) {
        // SAFETY: per the function contract.
        let info = unsafe { std::ptr::read_unaligned(data.cast::<libc::in_pktinfo>()) };
        let dst = Ipv4Addr::from(u32::from_be(info.ipi_addr.s_addr));
        (dst, info.ipi_ifindex as u32)
    }

    /// # Safety
    /// `data` must have room for `LEN` bytes.
    pub(in crate::sys) unsafe fn write(data: *mut u8, src: Ipv4Addr) {
        // SAFETY: all-zero is a valid in_pktinfo; `data` has room per the contract.
        unsafe {
            let mut info: libc::in_pktinfo = std::mem::zeroed();
            info.ipi_spec_dst.s_addr = u32::from(src).to_be();
            std::ptr::write_unaligned(data.cast::<libc::in_pktinfo>(), info);
        }
    }
}

/// Whether `fd` survives `exec` (its close-on-exec flag is clear): a Windows handle's
/// `HANDLE_FLAG_INHERIT`.
pub fn inheritable(fd: Fd) -> SysResult<bool> {
    // SAFETY: F_GETFD only reads the descriptor's flags.
    let flags = cvt(unsafe { libc::fcntl(fd, libc::F_GETFD) })?;
    Ok(flags & libc::FD_CLOEXEC == 0)
}

/// Sets whether `fd` survives `exec`.
pub fn set_inheritable(fd: Fd, inherit: bool) -> SysResult<()> {
    // SAFETY: F_GETFD/F_SETFD only read and write the descriptor's flags.
    let flags = cvt(unsafe { libc::fcntl(fd, libc::F_GETFD) })?;
    let new = if inherit {
        flags & !libc::FD_CLOEXEC
    } else {
        flags | libc::FD_CLOEXEC
    };
    // SAFETY: as above.
    cvt(unsafe { libc::fcntl(fd, libc::F_SETFD, new) })?;
    Ok(())
}

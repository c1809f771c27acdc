//! macOS and BSD specifics (cfg `not(linux_like)`); `linux.rs` has the same items for Linux.
//! Type-checked only (CI runs clippy for these targets; no such machine was available to run
//! them).

use super::{setsockopt, Fd, SysResult};
use crate::addr::SockAddr;
use socket2::{SockRef, Socket};
use std::io;
use std::net::Ipv4Addr;
use std::os::fd::{FromRawFd, OwnedFd};
use std::os::raw::c_int;

#[cfg(not(target_os = "freebsd"))]
pub(super) use super::raw::in_pktinfo as pktinfo4;

/// Sends never raise SIGPIPE: `SO_NOSIGPIPE` is set on every socket instead (`after_create`).
pub(super) const SEND_FLAGS: c_int = 0;
pub(super) const COARSE_CLOCK: libc::clockid_t = libc::CLOCK_MONOTONIC;
/// The native `SIOCATMARK` request (`_IOR('s', 7, int)`).
pub(super) const SIOCATMARK: u32 = 0x4004_7307;
/// No `POLLRDHUP`: the peer's close shows as readable.
pub(crate) const POLL_PEER_CLOSED: libc::c_short = 0;
/// No `MSG_TRUNC` on receive: datagrams go through `recvmsg`, whose flags report truncation.
pub(super) const RECVFROM_TRUNC: Option<c_int> = None;
/// Two datagram sockets share a wildcard port only with `SO_REUSEPORT` as well.
pub(super) const DATAGRAM_REUSE_PORT: bool = true;

/// `SO_NOSIGPIPE` on a new socket (its sends never raise SIGPIPE).
pub(super) fn after_create(s: &Socket) {
    use std::os::fd::AsRawFd;
    let _ = setsockopt(
        s.as_raw_fd(),
        libc::SOL_SOCKET,
        libc::SO_NOSIGPIPE,
        1 as c_int,
    );
}

/// `accept`, then blocking: BSD's `accept` inherits `O_NONBLOCK` from the listener, and
/// Winsock's accepted sockets start blocking unless event-selected, which the caller
/// re-applies.
pub(super) fn accept(s: &SockRef<'_>, cloexec: bool) -> io::Result<(Socket, socket2::SockAddr)> {
    let (new, addr) = if cloexec {
        s.accept()?
    } else {
        s.accept_raw()?
    };
    let _ = new.set_nonblocking(false);
    Ok((new, addr))
}

/// How many connections wait in a listening TCP socket's accept queue: the OS does not tell.
pub fn pending_connections(_fd: Fd) -> Option<u32> {
    None
}

/// BSD stacks deliver a group's datagrams to its members only already.
pub(super) fn deliver_joined_groups_only(_: &SockRef<'_>, _v6: bool) -> io::Result<()> {
    Ok(())
}

/// `MCAST_JOIN_GROUP` (RFC 3678), which takes an interface index (xnu's
/// `IP_ADD_MEMBERSHIP` takes only `ip_mreq`).
pub(super) fn join_group_v4_index(fd: Fd, group: Ipv4Addr, index: u32) -> SysResult<()> {
    let target = SockAddr::from_std(std::net::SocketAddr::new(group.into(), 0));
    // SAFETY: all-zero is a valid group_req.
    let mut req: libc::group_req = unsafe { std::mem::zeroed() };
    req.gr_interface = index;
    let bytes = target.as_bytes();
    // SAFETY: the address fits in sockaddr_storage (it is one).
    unsafe {
        let dst = std::ptr::addr_of_mut!(req.gr_group).cast::<u8>();
        std::ptr::copy_nonoverlapping(bytes.as_ptr(), dst, bytes.len())
    };
    setsockopt(fd, libc::IPPROTO_IP, libc::MCAST_JOIN_GROUP, req)
}

/// `IP_MULTICAST_IF` by interface index: macOS's `IP_MULTICAST_IFINDEX`, FreeBSD's `ip_mreqn`.
pub(super) fn set_multicast_if_v4_index(fd: Fd, index: u32) -> SysResult<()> {
    #[cfg(apple)]
    {
        /// `<netinet/in.h>` (xnu): set the IPv4 multicast interface by index.
        const IP_MULTICAST_IFINDEX: c_int = 66;
        setsockopt(fd, libc::IPPROTO_IP, IP_MULTICAST_IFINDEX, index as c_int)
    }
    #[cfg(not(apple))]
    {
        let any = libc::in_addr { s_addr: 0 };
        let mreq = libc::ip_mreqn {
            imr_multiaddr: any,
            imr_address: any,
            imr_ifindex: index as c_int,
        };
        setsockopt(fd, libc::IPPROTO_IP, libc::IP_MULTICAST_IF, mreq)
    }
}

/// The `SO_LINGER` whose time counts seconds, Windows' unit: macOS's `SO_LINGER` counts clock
/// ticks, its `SO_LINGER_SEC` seconds; the BSDs' `SO_LINGER` counts seconds.
#[cfg(apple)]
pub(crate) const LINGER_SECONDS: c_int = 0x1080;
#[cfg(not(apple))]
pub(crate) const LINGER_SECONDS: c_int = libc::SO_LINGER;

/// No `IP_MSFILTER` socket option (macOS and the BSDs set source filters through an ioctl,
/// `SIOCSIPMSFILTER`, or `setsourcefilter`); the `imsf_fmode` values of `<netinet/in.h>`.
pub(crate) const IP_MSFILTER: Option<c_int> = None;
pub(crate) const MCAST_INCLUDE: u32 = 1;
pub(crate) const MCAST_EXCLUDE: u32 = 2;

/// Capture sockets (`SIO_RCVALL`) would need a BPF device: not provided.
pub(super) fn capture_socket(
    _v6: bool,
    _index: u32,
    _what: super::Capture,
    _loopback: bool,
    _cloexec: bool,
) -> SysResult<OwnedFd> {
    Err(libc::EOPNOTSUPP)
}

/// No capture sockets here: nothing to rewrite.
pub(super) fn capture_source(_from: &mut SockAddr, _packet: &[u8]) {}

/// Sets `SO_RCVBUF`/`SO_SNDBUF` (`name`) to `size` bytes (the system's own limits apply).
pub fn set_buffer_size(fd: Fd, name: c_int, size: c_int) -> SysResult<()> {
    setsockopt(fd, libc::SOL_SOCKET, name, size)
}

/// The option that joins an IPv6 group.
pub(crate) const IPV6_JOIN_GROUP: c_int = libc::IPV6_JOIN_GROUP;

/// The BSD stacks' integer options a UDP socket keeps when `move_to_wildcard` gives it a new
/// OS socket.
pub(super) const KEPT_DATAGRAM_OPTIONS: &[(c_int, c_int)] = &[
    (libc::SOL_SOCKET, libc::SO_NOSIGPIPE),
    (libc::IPPROTO_IP, libc::IP_RECVTTL),
    (libc::IPPROTO_IP, libc::IP_DONTFRAG),
    (libc::IPPROTO_IPV6, libc::IPV6_RECVHOPLIMIT),
    (libc::IPPROTO_IPV6, libc::IPV6_DONTFRAG),
];

/// `SO_RCVBUF`/`SO_SNDBUF` read back as set.
pub(crate) const BUFFER_SIZE_FACTOR: i32 = 1;

/// `IP_OPTIONS`, 1 on macOS and the BSDs (`<netinet/in.h>`; the libc crate does not name it
/// there).
pub(crate) const IP_OPTIONS: c_int = 1;

/// IPv4 "don't fragment" (`IP_DONTFRAG`).
pub fn set_dont_fragment_v4(fd: Fd, on: bool) -> SysResult<()> {
    setsockopt(fd, libc::IPPROTO_IP, libc::IP_DONTFRAG, c_int::from(on))
}

/// Whether IPv4 "don't fragment" is on.
pub fn dont_fragment_v4(fd: Fd) -> SysResult<bool> {
    let v: c_int = super::getsockopt(fd, libc::IPPROTO_IP, libc::IP_DONTFRAG)?;
    Ok(v != 0)
}

/// Sets the calling thread's `errno`.
pub fn set_errno(e: i32) {
    // SAFETY: the calling thread's errno slot.
    unsafe { *libc::__error() = e };
}

/// No error queue here: only connected datagram sockets learn of ICMP errors.
pub fn report_icmp_errors(_fd: Fd, _family: c_int) -> SysResult<()> {
    Ok(())
}

/// No error queue here (`None`).
pub fn drain_error_queue(_fd: Fd, _max: usize, _each: impl FnMut(&SockAddr)) -> Option<usize> {
    None
}

/// The pollable flag behind `Signal`: a pipe, (read end, write end), both close-on-exec and
/// non-blocking.
pub(super) fn signal_fds() -> SysResult<(OwnedFd, Option<OwnedFd>)> {
    let mut fds = [0 as Fd; 2];
    // SAFETY: `fds` has room for the two descriptors pipe() writes.
    super::cvt(unsafe { libc::pipe(fds.as_mut_ptr()) })?;
    for fd in fds {
        // SAFETY: fcntl on our own fds.
        unsafe {
            libc::fcntl(fd, libc::F_SETFD, libc::FD_CLOEXEC);
            let fl = libc::fcntl(fd, libc::F_GETFL);
            libc::fcntl(fd, libc::F_SETFL, fl | libc::O_NONBLOCK);
        }
    }
    // SAFETY: two new descriptors that nothing else owns.
    Ok(unsafe {
        (
            OwnedFd::from_raw_fd(fds[0]),
            Some(OwnedFd::from_raw_fd(fds[1])),
        )
    })
}

/// What raising a `Signal` writes into its pipe.
pub(super) const SIGNAL_TOKEN: &[u8] = &[1];

/// The hardware address in an interface's `AF_LINK` entry (`None`: not such an entry).
pub(super) fn hw_addr(sa: &libc::sockaddr) -> Option<Vec<u8>> {
    if i32::from(sa.sa_family) != libc::AF_LINK {
        return None;
    }
    // SAFETY: an AF_LINK address from getifaddrs is a sockaddr_dl.
    let dl = unsafe { &*(sa as *const libc::sockaddr).cast::<libc::sockaddr_dl>() };
    let start = usize::from(dl.sdl_nlen);
    let n = usize::from(dl.sdl_alen);
    let data: &[libc::c_char] = &dl.sdl_data;
    if start + n > data.len() {
        return Some(Vec::new());
    }
    Some(data[start..start + n].iter().map(|&b| b as u8).collect())
}

/// The interface's MTU: not asked here (the caller assumes a typical value).
pub(super) fn mtu(_name: &std::ffi::CStr) -> Option<u32> {
    None
}

/// The entry's broadcast address (with `IFF_BROADCAST`) or peer address field.
pub(super) fn broadcast_addr(ifa: &libc::ifaddrs) -> *const libc::sockaddr {
    ifa.ifa_dstaddr
}

/// FreeBSD reports the destination with `IP_RECVDSTADDR` and takes the source with
/// `IP_SENDSRCADDR`, each a bare `struct in_addr` (no interface index).
#[cfg(target_os = "freebsd")]
pub(super) mod pktinfo4 {
    use std::net::Ipv4Addr;

    pub(in crate::sys) const RECV_OPTION: libc::c_int = libc::IP_RECVDSTADDR;
    pub(in crate::sys) const RECV_MESSAGE: libc::c_int = libc::IP_RECVDSTADDR;
    pub(in crate::sys) const SEND_MESSAGE: libc::c_int = libc::IP_SENDSRCADDR;
    pub(in crate::sys) const LEN: usize = std::mem::size_of::<libc::in_addr>();

    /// # Safety
    /// `data` must point to a received `IP_RECVDSTADDR` payload.
    pub(in crate::sys) unsafe fn read(data: *const u8) -> (Ipv4Addr, u32) {
        // SAFETY: per the function contract.
        let addr = unsafe { std::ptr::read_unaligned(data.cast::<libc::in_addr>()) };
        (Ipv4Addr::from(u32::from_be(addr.s_addr)), 0)
    }

    /// # Safety
    /// `data` must have room for `LEN` bytes.
    pub(in crate::sys) unsafe fn write(data: *mut u8, src: Ipv4Addr) {
        let addr = libc::in_addr {
            s_addr: u32::from(src).to_be(),
        };
        // SAFETY: per the function contract.
        unsafe { std::ptr::write_unaligned(data.cast::<libc::in_addr>(), addr) };
    }
}

/// Whether every TCP socket on local port `port` is in `TIME_WAIT`: not known here (no
/// `/proc/net/tcp`), so never (a bind refused so stays refused).
pub fn tcp_port_only_in_time_wait(_port: u16) -> bool {
    false
}

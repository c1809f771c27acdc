//! IP multicast: memberships, the multicast interface and hop limit, "joined groups only"
//! delivery, and datagram receives that see truncation. socket2 does the work; what it lacks
//! (an IPv4 interface by index off Linux, `IP_PKTINFO`) is in `os` and `raw`.

use super::{os, with_socket, Fd, IoBufsMut, Received, SysResult};
use crate::addr::SockAddr;
use std::net::{Ipv4Addr, Ipv6Addr};
use std::os::fd::AsRawFd;
use std::os::raw::c_int;

/// The interface an IPv4 membership or multicast send uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum V4Iface {
    /// The system's choice (the route to the group).
    Any,
    /// The interface that owns this address.
    Addr(Ipv4Addr),
    /// The interface with this index.
    Index(u32),
}

/// Linux delivers a group's datagrams to every socket bound to the port, member or not
/// (`IP_MULTICAST_ALL` defaults to on). Windows delivers them only to sockets that joined the
/// group: switch that off. BSD stacks (macOS) already deliver to members only, so there is
/// nothing to do there.
pub fn deliver_joined_groups_only(fd: Fd, family: c_int) -> SysResult<()> {
    with_socket(fd, |s| {
        os::deliver_joined_groups_only(&s, family == libc::AF_INET6)
    })
}

/// Joins an IPv4 group on an interface (`IP_ADD_MEMBERSHIP`).
pub fn join_group_v4(fd: Fd, group: Ipv4Addr, iface: V4Iface) -> SysResult<()> {
    match iface {
        V4Iface::Any => with_socket(fd, |s| s.join_multicast_v4(&group, &Ipv4Addr::UNSPECIFIED)),
        V4Iface::Addr(a) => with_socket(fd, |s| s.join_multicast_v4(&group, &a)),
        V4Iface::Index(index) => os::join_group_v4_index(fd, group, index),
    }
}

/// Joins an IPv6 group on an interface index (0: the system's choice) (`IPV6_JOIN_GROUP`).
pub fn join_group_v6(fd: Fd, group: Ipv6Addr, index: u32) -> SysResult<()> {
    with_socket(fd, |s| s.join_multicast_v6(&group, index))
}

/// The interface IPv4 multicast leaves by (`IP_MULTICAST_IF`).
pub fn set_multicast_if_v4(fd: Fd, iface: V4Iface) -> SysResult<()> {
    match iface {
        V4Iface::Any => with_socket(fd, |s| s.set_multicast_if_v4(&Ipv4Addr::UNSPECIFIED)),
        V4Iface::Addr(a) => with_socket(fd, |s| s.set_multicast_if_v4(&a)),
        V4Iface::Index(index) => os::set_multicast_if_v4_index(fd, index),
    }
}

/// The interface IPv6 multicast leaves by (`IPV6_MULTICAST_IF`; 0: the system's choice).
pub fn set_multicast_if_v6(fd: Fd, index: u32) -> SysResult<()> {
    with_socket(fd, |s| s.set_multicast_if_v6(index))
}

/// Sets the multicast TTL (IPv4) or hop limit (IPv6), 0–255.
pub fn set_multicast_hops(fd: Fd, family: c_int, hops: u8) -> SysResult<()> {
    with_socket(fd, |s| {
        if family == libc::AF_INET6 {
            s.set_multicast_hops_v6(hops.into())?;
            // A dual-stack socket sends IPv4 multicast with the IPv4 TTL; not every system
            // accepts the IPv4 option on an IPv6 socket.
            let _ = s.set_multicast_ttl_v4(hops.into());
            return Ok(());
        }
        s.set_multicast_ttl_v4(hops.into())
    })
}

/// The multicast TTL (IPv4) or hop limit (IPv6).
pub fn multicast_hops(fd: Fd, family: c_int) -> SysResult<i32> {
    with_socket(fd, |s| match family {
        libc::AF_INET6 => s.multicast_hops_v6(),
        _ => s.multicast_ttl_v4(),
    })
    .map(|v| v as i32)
}

/// Asks for each datagram's destination address (`IP_PKTINFO` / `IPV6_RECVPKTINFO`), which
/// `recv_msg_dst` then reports.
pub fn report_destination(fd: Fd, family: c_int) -> SysResult<()> {
    let v4 = || super::setsockopt(fd, libc::IPPROTO_IP, super::IP_PKTINFO_OPTION, 1 as c_int);
    if family == libc::AF_INET6 {
        super::setsockopt(fd, libc::IPPROTO_IPV6, libc::IPV6_RECVPKTINFO, 1 as c_int)?;
        // IPv4 datagrams on a dual-stack socket carry IPv4 packet info.
        let _ = v4();
        return Ok(());
    }
    v4()
}

/// Receives one datagram into `bufs`, its source into `from`. With one buffer this is
/// `recvfrom` (on Linux with `MSG_TRUNC`, which returns the datagram's real length, so a
/// truncation is still seen); with several, `recvmsg`. Datagram sockets only: on a stream
/// socket Linux's `MSG_TRUNC` discards data.
pub fn recv_datagram(
    fd: Fd,
    bufs: IoBufsMut<'_>,
    flags: c_int,
    from: &mut SockAddr,
) -> SysResult<Received> {
    let first = bufs.raw_ref().first().copied();
    let got = if let ([one], Some(trunc)) = (bufs.raw_ref(), os::RECVFROM_TRUNC) {
        // SAFETY: `one` is the entry of an `IoBufsMut`, writable for this call.
        let n = unsafe { super::raw::recvfrom(fd, one, flags | trunc, from) }?;
        Received {
            len: n.min(one.iov_len),
            truncated: n > one.iov_len,
        }
    } else {
        super::recv_msg(fd, bufs, flags, from)?
    };
    if let Some(first) = first.filter(|_| !matches!(from.family(), libc::AF_INET | libc::AF_INET6))
    {
        // A capture socket (SIO_RCVALL) reports the packet's IP source as the sender.
        let n = got.len.min(first.iov_len).min(40);
        if n > 0 && !first.iov_base.is_null() {
            // SAFETY: the first buffer is writable (so readable) for `iov_len` bytes and the
            // receive just filled its first `got.len` bytes; `n` is at most both.
            let head = unsafe { std::slice::from_raw_parts(first.iov_base.cast::<u8>(), n) };
            os::capture_source(from, head);
        }
    }
    Ok(got)
}

/// An IPv4 membership's source filter (RFC 3678's `ip_msfilter`, which Windows' has the same
/// layout as): the group, the interface (by address; unspecified: the system's choice), the
/// mode (include or exclude the sources) and the sources.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceFilterV4 {
    pub group: Ipv4Addr,
    pub iface: Ipv4Addr,
    pub include: bool,
    pub sources: Vec<Ipv4Addr>,
}

/// `ip_msfilter`'s header: group, interface, mode, source count.
const MSFILTER_HEADER: usize = 16;

/// The `imsf_fmode` values of this system's `<netinet/in.h>` (what the compat headers' program
/// sees as `MCAST_INCLUDE` / `MCAST_EXCLUDE`).
pub const MCAST_INCLUDE_MODE: u32 = os::MCAST_INCLUDE;
pub const MCAST_EXCLUDE_MODE: u32 = os::MCAST_EXCLUDE;

fn msfilter_bytes(
    group: Ipv4Addr,
    iface: Ipv4Addr,
    mode: u32,
    count: u32,
    sources: &[Ipv4Addr],
) -> Vec<u8> {
    let mut b = Vec::with_capacity(MSFILTER_HEADER + 4 * sources.len().max(1));
    b.extend_from_slice(&group.octets());
    b.extend_from_slice(&iface.octets());
    b.extend_from_slice(&mode.to_ne_bytes());
    b.extend_from_slice(&count.to_ne_bytes());
    for s in sources {
        b.extend_from_slice(&s.octets());
    }
    // The structure always has room for one source (`imsf_slist[1]`).
    b.resize(b.len().max(MSFILTER_HEADER + 4), 0);
    b
}

/// Replaces the source filter of a membership the socket holds (`IP_MSFILTER`). Linux refuses
/// (`EINVAL`) a group the socket has not joined; `EOPNOTSUPP` where the system has no such
/// option.
pub fn set_source_filter_v4(fd: Fd, f: &SourceFilterV4) -> SysResult<()> {
    let name = os::IP_MSFILTER.ok_or(libc::EOPNOTSUPP)?;
    let mode = if f.include {
        os::MCAST_INCLUDE
    } else {
        os::MCAST_EXCLUDE
    };
    let bytes = msfilter_bytes(f.group, f.iface, mode, f.sources.len() as u32, &f.sources);
    super::setsockopt_raw(fd, libc::IPPROTO_IP, name, &bytes)
}

/// The source filter of the socket's membership of `group` on `iface`, with at most
/// `capacity` sources, and the number of sources it has in all (`IP_MSFILTER`; `EADDRNOTAVAIL`
/// when the socket is not a member).
pub fn source_filter_v4(
    fd: Fd,
    group: Ipv4Addr,
    iface: Ipv4Addr,
    capacity: usize,
) -> SysResult<(SourceFilterV4, usize)> {
    let name = os::IP_MSFILTER.ok_or(libc::EOPNOTSUPP)?;
    let capacity = capacity.min(u32::MAX as usize);
    let mut buf = msfilter_bytes(group, iface, 0, capacity as u32, &[]);
    buf.resize(MSFILTER_HEADER + 4 * capacity.max(1), 0);
    super::getsockopt_raw(fd, libc::IPPROTO_IP, name, &mut buf)?;
    let word = |at: usize| u32::from_ne_bytes([buf[at], buf[at + 1], buf[at + 2], buf[at + 3]]);
    let addr = |at: usize| Ipv4Addr::new(buf[at], buf[at + 1], buf[at + 2], buf[at + 3]);
    let total = word(12) as usize;
    let sources = (0..total.min(capacity))
        .map(|i| addr(MSFILTER_HEADER + 4 * i))
        .collect();
    let filter = SourceFilterV4 {
        group: addr(0),
        iface: addr(4),
        include: word(8) == os::MCAST_INCLUDE,
        sources,
    };
    Ok((filter, total))
}

/// Leaves an IPv4 group joined on the interface that owns `iface` (`IP_DROP_MEMBERSHIP`).
pub fn leave_group_v4(fd: Fd, group: Ipv4Addr, iface: Ipv4Addr) -> SysResult<()> {
    with_socket(fd, |s| s.leave_multicast_v4(&group, &iface))
}

/// What a capture socket (`SIO_RCVALL`, `SIO_RCVALL_MCAST`, `SIO_RCVALL_IGMPMCAST`) passes of
/// its interface's IP packets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Capture {
    /// Every IP packet.
    All,
    /// Packets to a multicast address.
    Multicast,
    /// IGMP packets (IPv6: MLD, which travels as ICMPv6 after a hop-by-hop header).
    Igmp,
}

/// A socket that receives the IP packets (IPv4, or IPv6 when `v6`) of interface `index`, in
/// both directions, each whole from its IP header on, as `what` selects them; on a loopback
/// interface (`loopback`), where every packet is seen leaving and arriving, each once. Linux:
/// an `AF_PACKET` datagram socket; elsewhere `EOPNOTSUPP`.
pub fn capture_socket(
    v6: bool,
    index: u32,
    what: Capture,
    loopback: bool,
    cloexec: bool,
) -> SysResult<super::OwnedFd> {
    os::capture_socket(v6, index, what, loopback, cloexec)
}

/// Integer options a UDP socket keeps when [`move_to_wildcard`] gives it a new OS socket (the
/// OS-specific ones are in `os::KEPT_DATAGRAM_OPTIONS`).
const KEPT_DATAGRAM_OPTIONS: &[(c_int, c_int)] = &[
    (libc::SOL_SOCKET, libc::SO_BROADCAST),
    (libc::SOL_SOCKET, libc::SO_DONTROUTE),
    (libc::SOL_SOCKET, libc::SO_TIMESTAMP),
    (libc::IPPROTO_IP, libc::IP_TOS),
    (libc::IPPROTO_IP, libc::IP_TTL),
    (libc::IPPROTO_IP, libc::IP_MULTICAST_TTL),
    (libc::IPPROTO_IP, libc::IP_MULTICAST_LOOP),
    (libc::IPPROTO_IP, super::IP_PKTINFO_OPTION),
    (libc::IPPROTO_IPV6, libc::IPV6_V6ONLY),
    (libc::IPPROTO_IPV6, libc::IPV6_UNICAST_HOPS),
    (libc::IPPROTO_IPV6, libc::IPV6_MULTICAST_HOPS),
    (libc::IPPROTO_IPV6, libc::IPV6_MULTICAST_LOOP),
    (libc::IPPROTO_IPV6, libc::IPV6_MULTICAST_IF),
    (libc::IPPROTO_IPV6, libc::IPV6_RECVPKTINFO),
    (libc::IPPROTO_IPV6, libc::IPV6_RECVTCLASS),
    (libc::IPPROTO_IPV6, libc::IPV6_TCLASS),
];

/// Gives the UDP socket `fd`, bound to one of the host's addresses, a new OS socket under the
/// same descriptor number, bound to the wildcard address with the same port: the kernel
/// delivers multicast only to sockets bound to the wildcard (or the group) address. The new
/// socket takes the old one's options (but the IPv4 multicast interface, which the caller
/// applies again), blocking mode and close-on-exec flag; the program's `SO_REUSEADDR` /
/// `SO_REUSEPORT` are what they were. Datagrams queued on the old socket are
/// lost with it; a call blocked in it, or a poller registration of it, stays with the old
/// socket (the caller makes sure there is none, or registers again).
pub fn move_to_wildcard(fd: Fd, family: c_int, port: u16) -> SysResult<()> {
    use super::{getsockopt, setsockopt};
    let new = super::socket(family, libc::SOCK_DGRAM, libc::IPPROTO_UDP, true)?;
    let to = new.as_raw_fd();
    let options = KEPT_DATAGRAM_OPTIONS
        .iter()
        .chain(os::KEPT_DATAGRAM_OPTIONS.iter());
    for &(level, name) in options {
        if let Ok(v) = getsockopt::<c_int>(fd, level, name) {
            let _ = setsockopt(to, level, name, v);
        }
    }
    for name in [libc::SO_RCVBUF, libc::SO_SNDBUF] {
        if let Ok(v) = getsockopt::<c_int>(fd, libc::SOL_SOCKET, name) {
            let _ = super::set_buffer_size(to, name, v / super::BUFFER_SIZE_FACTOR);
        }
    }
    for name in [libc::SO_RCVTIMEO, libc::SO_SNDTIMEO] {
        if let Ok(tv) = getsockopt::<libc::timeval>(fd, libc::SOL_SOCKET, name) {
            let _ = setsockopt(to, libc::SOL_SOCKET, name, tv);
        }
    }
    // The wildcard port is free for us only with address reuse on both sockets; the program's
    // own settings come back once bound.
    let reuse = [libc::SO_REUSEADDR, libc::SO_REUSEPORT].map(|name| {
        (
            name,
            getsockopt::<c_int>(fd, libc::SOL_SOCKET, name).unwrap_or(0),
        )
    });
    let set_reuse = |target: Fd, on: bool| {
        for (name, was) in reuse {
            let _ = setsockopt(target, libc::SOL_SOCKET, name, if on { 1 } else { was });
        }
    };
    set_reuse(fd, true);
    set_reuse(to, true);
    let ip = if family == libc::AF_INET6 {
        std::net::IpAddr::V6(Ipv6Addr::UNSPECIFIED)
    } else {
        std::net::IpAddr::V4(Ipv4Addr::UNSPECIFIED)
    };
    if let Err(e) = super::bind(to, &SockAddr::from_std(std::net::SocketAddr::new(ip, port))) {
        set_reuse(fd, false);
        return Err(e);
    }
    set_reuse(to, false);
    if super::is_nonblocking(fd) {
        super::set_nonblocking(to, true)?;
    }
    let cloexec = !super::inheritable(fd)?;
    super::msg::dup_onto(to, fd, cloexec)
}

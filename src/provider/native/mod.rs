//! The native provider: the OS socket as it is (TCP, raw sockets, and the datagram path that
//! the multicast provider's UDP sockets share). The socket façade keeps the Winsock state every
//! socket has (mode bits, event selection, errors in context) and delegates the OS side of each
//! call here, as it delegates to [`super::rooted`] for rooted sockets: by a `match` on
//! [`super::Provider`] (no vtable on the data path). Errors come back as errno values, which
//! the façade maps to Winsock codes where the context is known.

pub(crate) mod udp_errors;

use super::multicast::{filter, Multicast};
use super::{Admission, Condition, Offer, Provider};
use crate::addr::SockAddr;
use crate::error::WsaError;
use crate::sys::{self, Fd, OwnedFd, SysResult};
use std::net::IpAddr;
use std::os::fd::AsRawFd;

/// Creates an OS socket and its provider: `Multicast` for IP UDP sockets (which receive only
/// the groups they joined, as on Windows), `Native` for the rest; datagram sockets learn of
/// ICMP errors ([`udp_errors`]).
pub(crate) fn open(
    family: i32,
    socket_type: i32,
    protocol: i32,
    cloexec: bool,
) -> SysResult<(OwnedFd, Provider)> {
    let owned = sys::socket(
        family,
        socket_type,
        os_protocol(socket_type, protocol),
        cloexec,
    )?;
    let fd = owned.as_raw_fd();
    super::multicast::prepare_new_socket(fd, family, socket_type, protocol);
    if socket_type == libc::SOCK_DGRAM {
        udp_errors::enable(fd, family);
    }
    Ok((owned, Provider::for_native(family, socket_type, protocol)))
}

/// The protocol the OS socket is made with. A raw socket of protocol 0 (`IPPROTO_IP`, what
/// Windows packet capture opens before `SIO_RCVALL`) does not exist on POSIX systems: it is a
/// raw `IPPROTO_RAW` socket, which can be bound and sends packets with their own IP header,
/// and receives nothing until `SIO_RCVALL`.
pub(crate) fn os_protocol(socket_type: i32, protocol: i32) -> i32 {
    if socket_type == libc::SOCK_RAW && protocol == 0 {
        libc::IPPROTO_RAW
    } else {
        protocol
    }
}

/// Sends `bufs` to the connected peer or to `to`; `source`: the address and interface an
/// emulated bind to an interface address gives the datagram.
#[inline]
pub(crate) fn send(
    fd: Fd,
    bufs: sys::IoBufs<'_>,
    flags: i32,
    to: Option<&SockAddr>,
    source: Option<(IpAddr, u32)>,
) -> SysResult<usize> {
    match source {
        Some((src, index)) => sys::send_msg_from(fd, bufs, flags, to, src, index),
        None => sys::send_msg(fd, bufs, flags, to),
    }
}

/// Windows sends a datagram to port 0 (nobody receives it) where Linux refuses: such a send
/// succeeds.
#[inline]
pub(crate) fn port_zero_sent(
    result: SysResult<usize>,
    datagram: bool,
    bufs: sys::IoBufs<'_>,
    to: Option<&SockAddr>,
) -> SysResult<usize> {
    match result {
        Err(libc::EINVAL)
            if datagram && to.and_then(SockAddr::to_std).is_some_and(|a| a.port() == 0) =>
        {
            Ok(bufs.total_len())
        }
        other => other,
    }
}

/// Windows' route table holds the limited broadcast address (255.255.255.255) on every
/// interface, loopback included, so a broadcast is sent even on a host without a default route;
/// Linux refuses it there (`ENETUNREACH`). Such a send goes out by the first broadcast-capable
/// interface that is up (from its address), else by loopback (from 127.0.0.1), as Windows'
/// route would take it; the host's own listeners get it either way.
#[inline]
pub(crate) fn limited_broadcast_sent(
    result: SysResult<usize>,
    fd: Fd,
    datagram: bool,
    bufs: sys::IoBufs<'_>,
    flags: i32,
    to: Option<&SockAddr>,
) -> SysResult<usize> {
    match result {
        Err(libc::ENETUNREACH)
            if datagram
                && to
                    .and_then(SockAddr::to_std)
                    .is_some_and(|a| a.ip() == IpAddr::V4(std::net::Ipv4Addr::BROADCAST)) =>
        {
            let Some((source, index)) = broadcast_route() else {
                return Err(libc::ENETUNREACH);
            };
            sys::send_msg_from(fd, bufs, flags, to, source, index)
        }
        other => other,
    }
}

/// The interface (its IPv4 address and index) a limited broadcast leaves by when the system
/// has no route for it: the first up, broadcast-capable one, else loopback.
fn broadcast_route() -> Option<(IpAddr, u32)> {
    let addrs = sys::interface_addrs().ok()?;
    let up = |flags: u32, bit: i32| flags & libc::IFF_UP as u32 != 0 && flags & bit as u32 != 0;
    let pick = |bit: i32| {
        addrs
            .iter()
            .find(|a| a.addr.is_ipv4() && a.index != 0 && up(a.flags, bit))
            .map(|a| (a.addr, a.index))
    };
    pick(libc::IFF_BROADCAST).or_else(|| pick(libc::IFF_LOOPBACK))
}

/// One buffer to the connected peer (no address, no source).
#[inline]
pub(crate) fn send_one(fd: Fd, buf: &[u8], flags: i32) -> SysResult<usize> {
    sys::send(fd, buf, flags)
}

/// Receives into `bufs`, the source into `from`; `filter`: the multicast receive filter, when
/// it is on (the datagrams it drops are never returned).
#[inline]
pub(crate) fn recv(
    fd: Fd,
    datagram: bool,
    filter: Option<&Multicast>,
    bufs: sys::IoBufsMut<'_>,
    flags: i32,
    from: &mut SockAddr,
) -> SysResult<sys::Received> {
    match filter {
        Some(m) => filter::recv(fd, m, bufs, flags, from),
        None if datagram => sys::recv_datagram(fd, bufs, flags, from),
        None => sys::recv_msg(fd, bufs, flags, from),
    }
}

/// One buffer from a stream socket (no address, no truncation check).
#[inline]
pub(crate) fn recv_stream(fd: Fd, buf: &mut [u8], flags: i32) -> SysResult<usize> {
    sys::recv(fd, buf, flags)
}

/// `listen`: Winsock's `SOMAXCONN` (0x7fffffff) is the OS's; a negative backlog is 0.
pub(crate) fn listen(fd: Fd, backlog: i32) -> SysResult<()> {
    let backlog = if backlog == 0x7fff_ffff {
        libc::SOMAXCONN
    } else {
        backlog.max(0)
    };
    sys::listen(fd, backlog)
}

/// What the condition function decided about a connection the OS accepted.
pub(crate) enum Admitted {
    Accept,
    /// `CF_DEFER`: the connection waits, offered again first by the next accept.
    Defer,
}

/// Shows the condition function the connection `fd` from `peer`. A rejected connection is
/// set to close abortively (the peer sees a reset once the caller drops it):
/// `WSAECONNREFUSED`, or `WSAEINVAL` when the function returned something else.
pub(crate) fn admit(fd: Fd, peer: &SockAddr, decide: Condition<'_>) -> Result<Admitted, WsaError> {
    let local = sys::getsockname(fd).unwrap_or_else(|_| SockAddr::empty());
    let mut offer = Offer {
        caller: peer,
        callee: &local,
        caller_data: None,
        callee_data: None,
        callee_len: 0,
    };
    match decide(&mut offer) {
        Admission::Accept => Ok(Admitted::Accept),
        Admission::Defer => Ok(Admitted::Defer),
        verdict @ (Admission::Reject | Admission::Invalid) => {
            let _ = sys::setsockopt(
                fd,
                libc::SOL_SOCKET,
                libc::SO_LINGER,
                libc::linger {
                    l_onoff: 1,
                    l_linger: 0,
                },
            );
            Err(match verdict {
                Admission::Reject => WsaError::WSAECONNREFUSED,
                _ => WsaError::WSAEINVAL,
            })
        }
    }
}

/// An AF_UNSPEC address (all zeroes): `connect` to it dissolves an association.
pub(crate) fn unspecified() -> SockAddr {
    let mut unspec = SockAddr::empty();
    unspec.set_len(std::mem::size_of::<libc::sockaddr>() as _);
    unspec
}

/// Removes a datagram socket's default peer. The local address stays as it was, as on
/// Windows: Linux drops a port the kernel chose (bind to port 0, or the implicit bind of
/// connect) when a UDP socket disconnects, so it is bound again to the same address.
pub(crate) fn disconnect_datagram(fd: Fd) -> SysResult<()> {
    let before = sys::getsockname(fd)
        .ok()
        .filter(|a| a.to_std().is_some_and(|a| a.port() != 0));
    match sys::connect(fd, &unspecified()) {
        Ok(()) | Err(libc::EAFNOSUPPORT) => {}
        Err(e) => return Err(e),
    }
    if let Some(before) = before {
        let after = sys::getsockname(fd).ok().and_then(|a| a.to_std());
        if after != before.to_std() {
            if let Err(e) = sys::bind(fd, &before) {
                crate::log::warn(format_args!(
                    "fd {fd}: could not keep local address {before:?} after disconnect: {}",
                    WsaError::from_errno(e)
                ));
            }
        }
    }
    Ok(())
}

/// `getsockname`: an unbound socket (port 0 on the unspecified address) fails with
/// `WSAEINVAL`, as on Windows; `bound`: the address of an emulated bind to an interface
/// address, which is what the program sees.
pub(crate) fn local_addr(
    fd: Fd,
    bound: Option<&super::multicast::BoundAddr>,
) -> Result<SockAddr, WsaError> {
    let addr = sys::getsockname(fd).map_err(WsaError::from_errno)?;
    if let Some(bound) = bound {
        return Ok(super::multicast::reported_local_addr(bound, &addr));
    }
    if let Some(a) = addr.to_std() {
        if a.port() == 0 && a.ip().is_unspecified() {
            return Err(WsaError::WSAEINVAL);
        }
    }
    Ok(addr)
}

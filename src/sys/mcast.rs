//! IP multicast and interface system calls: memberships, the multicast interface and hop
//! limit, "joined groups only" delivery, shared ports, the host's interface addresses
//! (`getifaddrs`), and `recvmsg` with the packet's destination address (`IP_PKTINFO`).
//!
//! Linux, macOS and FreeBSD differ in option numbers and value types here; the differences
//! stay in this file, behind `cfg`. The macOS and FreeBSD branches are type-checked only (CI
//! runs clippy for those targets; no such machine was available to run them).

use super::{cvt, cvt_size, retry, setsockopt, Fd, Received, SysResult, SEND_FLAGS};
use crate::addr::SockAddr;
use std::mem;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::os::raw::c_int;

#[cfg(any(target_os = "linux", target_os = "android"))]
mod os {
    /// `<linux/in6.h>`: not in the libc crate.
    pub(super) const IPV6_MULTICAST_ALL: libc::c_int = 29;
}

#[cfg(any(target_os = "macos", target_os = "ios"))]
mod os {
    /// `<netinet/in.h>` (xnu): set the IPv4 multicast interface by index.
    pub(super) const IP_MULTICAST_IFINDEX: libc::c_int = 66;
}

/// The IPv4 packet-information control message: its option and message numbers and how its
/// payload carries an address. Linux and macOS have `IP_PKTINFO` (`struct in_pktinfo`) both
/// ways; FreeBSD reports the destination with `IP_RECVDSTADDR` and takes the source with
/// `IP_SENDSRCADDR`, each a bare `struct in_addr`.
#[cfg(not(target_os = "freebsd"))]
mod pktinfo4 {
    use std::mem;
    use std::net::Ipv4Addr;

    pub(super) const RECV_OPTION: libc::c_int = libc::IP_PKTINFO;
    pub(super) const RECV_MESSAGE: libc::c_int = libc::IP_PKTINFO;
    pub(super) const SEND_MESSAGE: libc::c_int = libc::IP_PKTINFO;
    pub(super) const LEN: usize = mem::size_of::<libc::in_pktinfo>();

    /// The destination address and the arrival interface's index.
    ///
    /// # Safety
    /// `data` must point to a received `IP_PKTINFO` payload.
    pub(super) unsafe fn read(data: *const u8) -> (Ipv4Addr, u32) {
        // SAFETY: per the function contract.
        let info = unsafe { std::ptr::read_unaligned(data.cast::<libc::in_pktinfo>()) };
        (
            Ipv4Addr::from(u32::from_be(info.ipi_addr.s_addr)),
            info.ipi_ifindex as u32,
        )
    }

    /// # Safety
    /// `data` must have room for `LEN` bytes.
    pub(super) unsafe fn write(data: *mut u8, src: Ipv4Addr) {
        // SAFETY: all-zero is a valid in_pktinfo.
        let mut info: libc::in_pktinfo = unsafe { mem::zeroed() };
        info.ipi_spec_dst = super::in_addr(src);
        // SAFETY: per the function contract.
        unsafe { std::ptr::write_unaligned(data.cast::<libc::in_pktinfo>(), info) };
    }
}

#[cfg(target_os = "freebsd")]
mod pktinfo4 {
    use std::mem;
    use std::net::Ipv4Addr;

    pub(super) const RECV_OPTION: libc::c_int = libc::IP_RECVDSTADDR;
    pub(super) const RECV_MESSAGE: libc::c_int = libc::IP_RECVDSTADDR;
    pub(super) const SEND_MESSAGE: libc::c_int = libc::IP_SENDSRCADDR;
    pub(super) const LEN: usize = mem::size_of::<libc::in_addr>();

    /// The destination address; `IP_RECVDSTADDR` does not name the arrival interface (0).
    ///
    /// # Safety
    /// `data` must point to a received `IP_RECVDSTADDR` payload.
    pub(super) unsafe fn read(data: *const u8) -> (Ipv4Addr, u32) {
        // SAFETY: per the function contract.
        let addr = unsafe { std::ptr::read_unaligned(data.cast::<libc::in_addr>()) };
        (Ipv4Addr::from(u32::from_be(addr.s_addr)), 0)
    }

    /// # Safety
    /// `data` must have room for `LEN` bytes.
    pub(super) unsafe fn write(data: *mut u8, src: Ipv4Addr) {
        // SAFETY: per the function contract.
        unsafe { std::ptr::write_unaligned(data.cast::<libc::in_addr>(), super::in_addr(src)) };
    }
}

/// The IPv4 option that turns on packet-information control messages (`IP_PKTINFO`; FreeBSD's
/// `IP_RECVDSTADDR`).
pub(crate) const IP_PKTINFO_OPTION: c_int = pktinfo4::RECV_OPTION;

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

fn in_addr(ip: Ipv4Addr) -> libc::in_addr {
    libc::in_addr {
        s_addr: u32::from(ip).to_be(),
    }
}

fn in6_addr(ip: Ipv6Addr) -> libc::in6_addr {
    libc::in6_addr {
        s6_addr: ip.octets(),
    }
}

/// Linux delivers a group's datagrams to every socket bound to the port, member or not
/// (`IP_MULTICAST_ALL` defaults to on). Windows delivers them only to sockets that joined the
/// group: switch that off. BSD stacks (macOS) already deliver to members only, so there is
/// nothing to do there.
pub fn deliver_joined_groups_only(fd: Fd, family: c_int) -> SysResult<()> {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    {
        // Also on IPv6 sockets: it governs the IPv4 datagrams a dual-stack socket receives.
        let v4 = setsockopt(fd, libc::IPPROTO_IP, libc::IP_MULTICAST_ALL, 0 as c_int);
        if family == libc::AF_INET6 {
            // IPV6_MULTICAST_ALL exists since Linux 4.20.
            setsockopt(fd, libc::IPPROTO_IPV6, os::IPV6_MULTICAST_ALL, 0 as c_int)?;
            return Ok(());
        }
        v4
    }
    #[cfg(not(any(target_os = "linux", target_os = "android")))]
    {
        let _ = (fd, family);
        Ok(())
    }
}

/// `SO_REUSEADDR`. On macOS a datagram socket also gets `SO_REUSEPORT`, without which two
/// sockets cannot bind the same wildcard port there (Windows needs only `SO_REUSEADDR`).
pub fn set_reuse_address(fd: Fd, on: bool, datagram: bool) -> SysResult<()> {
    setsockopt(fd, libc::SOL_SOCKET, libc::SO_REUSEADDR, c_int::from(on))?;
    #[cfg(not(any(target_os = "linux", target_os = "android")))]
    if datagram {
        setsockopt(fd, libc::SOL_SOCKET, libc::SO_REUSEPORT, c_int::from(on))?;
    }
    #[cfg(any(target_os = "linux", target_os = "android"))]
    let _ = datagram;
    Ok(())
}

/// Joins an IPv4 group on an interface (`IP_ADD_MEMBERSHIP`).
pub fn join_group_v4(fd: Fd, group: Ipv4Addr, iface: V4Iface) -> SysResult<()> {
    match iface {
        V4Iface::Any | V4Iface::Addr(_) => {
            let local = match iface {
                V4Iface::Addr(a) => a,
                _ => Ipv4Addr::UNSPECIFIED,
            };
            let mreq = libc::ip_mreq {
                imr_multiaddr: in_addr(group),
                imr_interface: in_addr(local),
            };
            setsockopt(fd, libc::IPPROTO_IP, libc::IP_ADD_MEMBERSHIP, mreq)
        }
        V4Iface::Index(index) => {
            #[cfg(any(target_os = "linux", target_os = "android"))]
            {
                let mreq = libc::ip_mreqn {
                    imr_multiaddr: in_addr(group),
                    imr_address: in_addr(Ipv4Addr::UNSPECIFIED),
                    imr_ifindex: index as c_int,
                };
                setsockopt(fd, libc::IPPROTO_IP, libc::IP_ADD_MEMBERSHIP, mreq)
            }
            #[cfg(not(any(target_os = "linux", target_os = "android")))]
            {
                // xnu's IP_ADD_MEMBERSHIP takes only ip_mreq; the RFC 3678 form takes an index.
                let target = SockAddr::from_std(std::net::SocketAddr::new(group.into(), 0));
                // SAFETY: all-zero is a valid group_req.
                let mut req: libc::group_req = unsafe { mem::zeroed() };
                req.gr_interface = index;
                // SAFETY: the address fits in sockaddr_storage (it is one).
                unsafe {
                    std::ptr::copy_nonoverlapping(
                        target.as_bytes().as_ptr(),
                        std::ptr::addr_of_mut!(req.gr_group).cast::<u8>(),
                        target.as_bytes().len(),
                    )
                };
                setsockopt(fd, libc::IPPROTO_IP, libc::MCAST_JOIN_GROUP, req)
            }
        }
    }
}

/// Joins an IPv6 group on an interface index (0: the system's choice) (`IPV6_JOIN_GROUP`).
pub fn join_group_v6(fd: Fd, group: Ipv6Addr, index: u32) -> SysResult<()> {
    let mreq = libc::ipv6_mreq {
        ipv6mr_multiaddr: in6_addr(group),
        ipv6mr_interface: index as _,
    };
    #[cfg(any(target_os = "linux", target_os = "android"))]
    let name = libc::IPV6_ADD_MEMBERSHIP;
    #[cfg(not(any(target_os = "linux", target_os = "android")))]
    let name = libc::IPV6_JOIN_GROUP;
    setsockopt(fd, libc::IPPROTO_IPV6, name, mreq)
}

/// The interface IPv4 multicast leaves by (`IP_MULTICAST_IF`).
pub fn set_multicast_if_v4(fd: Fd, iface: V4Iface) -> SysResult<()> {
    match iface {
        V4Iface::Any => setsockopt(
            fd,
            libc::IPPROTO_IP,
            libc::IP_MULTICAST_IF,
            in_addr(Ipv4Addr::UNSPECIFIED),
        ),
        V4Iface::Addr(a) => setsockopt(fd, libc::IPPROTO_IP, libc::IP_MULTICAST_IF, in_addr(a)),
        V4Iface::Index(index) => {
            #[cfg(any(target_os = "linux", target_os = "android", target_os = "freebsd"))]
            {
                let mreq = libc::ip_mreqn {
                    imr_multiaddr: in_addr(Ipv4Addr::UNSPECIFIED),
                    imr_address: in_addr(Ipv4Addr::UNSPECIFIED),
                    imr_ifindex: index as c_int,
                };
                setsockopt(fd, libc::IPPROTO_IP, libc::IP_MULTICAST_IF, mreq)
            }
            #[cfg(any(target_os = "macos", target_os = "ios"))]
            {
                setsockopt(
                    fd,
                    libc::IPPROTO_IP,
                    os::IP_MULTICAST_IFINDEX,
                    index as c_int,
                )
            }
        }
    }
}

/// The interface IPv6 multicast leaves by (`IPV6_MULTICAST_IF`; 0: the system's choice).
pub fn set_multicast_if_v6(fd: Fd, index: u32) -> SysResult<()> {
    setsockopt(
        fd,
        libc::IPPROTO_IPV6,
        libc::IPV6_MULTICAST_IF,
        index as c_int,
    )
}

/// Sets the multicast TTL (IPv4) or hop limit (IPv6), 0–255.
pub fn set_multicast_hops(fd: Fd, family: c_int, hops: u8) -> SysResult<()> {
    if family == libc::AF_INET6 {
        setsockopt(
            fd,
            libc::IPPROTO_IPV6,
            libc::IPV6_MULTICAST_HOPS,
            c_int::from(hops),
        )?;
        // A dual-stack socket sends IPv4 multicast with the IPv4 TTL; not every system accepts
        // the IPv4 option on an IPv6 socket.
        let _ = set_ttl_v4(fd, hops);
        return Ok(());
    }
    set_ttl_v4(fd, hops)
}

fn set_ttl_v4(fd: Fd, ttl: u8) -> SysResult<()> {
    // Linux takes an int (or a u_char); macOS documents a u_char.
    #[cfg(any(target_os = "linux", target_os = "android"))]
    let value = c_int::from(ttl);
    #[cfg(not(any(target_os = "linux", target_os = "android")))]
    let value: libc::c_uchar = ttl;
    setsockopt(fd, libc::IPPROTO_IP, libc::IP_MULTICAST_TTL, value)
}

/// The multicast TTL (IPv4) or hop limit (IPv6).
pub fn multicast_hops(fd: Fd, family: c_int) -> SysResult<i32> {
    if family == libc::AF_INET6 {
        return super::getsockopt::<c_int>(fd, libc::IPPROTO_IPV6, libc::IPV6_MULTICAST_HOPS);
    }
    #[cfg(any(target_os = "linux", target_os = "android"))]
    let v = super::getsockopt::<c_int>(fd, libc::IPPROTO_IP, libc::IP_MULTICAST_TTL)?;
    #[cfg(not(any(target_os = "linux", target_os = "android")))]
    let v = i32::from(super::getsockopt::<libc::c_uchar>(
        fd,
        libc::IPPROTO_IP,
        libc::IP_MULTICAST_TTL,
    )?);
    Ok(v)
}

/// Asks for each datagram's destination address (`IP_PKTINFO` / `IPV6_RECVPKTINFO`), which
/// `recv_msg_dst` then reports.
pub fn report_destination(fd: Fd, family: c_int) -> SysResult<()> {
    if family == libc::AF_INET6 {
        setsockopt(fd, libc::IPPROTO_IPV6, libc::IPV6_RECVPKTINFO, 1 as c_int)?;
        // IPv4 datagrams on a dual-stack socket carry IPv4 packet info.
        let _ = setsockopt(fd, libc::IPPROTO_IP, pktinfo4::RECV_OPTION, 1 as c_int);
        return Ok(());
    }
    setsockopt(fd, libc::IPPROTO_IP, pktinfo4::RECV_OPTION, 1 as c_int)
}

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
    bufs: &mut [libc::iovec],
    flags: c_int,
    from: &mut SockAddr,
    want_dst: bool,
) -> SysResult<(Received, Option<Arrival>)> {
    if !want_dst {
        return recv_datagram(fd, bufs, flags, from).map(|r| (r, None));
    }
    let mut control = ControlBuf([0; 128]);
    retry(|| {
        let mut msg = super::recv_header(from, bufs);
        msg.msg_control = control.0.as_mut_ptr().cast();
        msg.msg_controllen = control.0.len() as _;
        // SAFETY: the iovecs describe valid, writable caller buffers; msg_name points to
        // sockaddr_storage-sized memory and msg_control to `control`.
        let n = cvt_size(unsafe { libc::recvmsg(fd, &mut msg, flags) })?;
        from.set_len(msg.msg_namelen);
        // SAFETY: `msg` was just filled by recvmsg; its control area is `control`.
        let dst = unsafe { destination_from(&msg) };
        Ok((
            Received {
                len: n,
                truncated: msg.msg_flags & libc::MSG_TRUNC != 0,
            },
            dst,
        ))
    })
}

/// The destination address and arrival interface in a received message's packet-info control
/// message.
///
/// # Safety
/// `msg` must be a msghdr that recvmsg filled, with its control area still valid.
unsafe fn destination_from(msg: &libc::msghdr) -> Option<Arrival> {
    if msg.msg_controllen == 0 {
        return None;
    }
    // SAFETY: per the function contract, the CMSG walk stays inside the control area.
    unsafe {
        let mut cmsg = libc::CMSG_FIRSTHDR(msg);
        while !cmsg.is_null() {
            let (level, kind) = ((*cmsg).cmsg_level, (*cmsg).cmsg_type);
            let data = libc::CMSG_DATA(cmsg);
            if level == libc::IPPROTO_IP && kind == pktinfo4::RECV_MESSAGE {
                let (dst, ifindex) = pktinfo4::read(data);
                return Some(Arrival {
                    dst: IpAddr::V4(dst),
                    ifindex,
                });
            }
            if level == libc::IPPROTO_IPV6 && kind == libc::IPV6_PKTINFO {
                let info = std::ptr::read_unaligned(data.cast::<libc::in6_pktinfo>());
                return Some(Arrival {
                    dst: IpAddr::V6(Ipv6Addr::from(info.ipi6_addr.s6_addr)),
                    ifindex: info.ipi6_ifindex,
                });
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
    bufs: &[libc::iovec],
    flags: c_int,
    to: Option<&SockAddr>,
    src: IpAddr,
    index: u32,
) -> SysResult<usize> {
    let mut control = ControlBuf([0; 128]);
    // SAFETY: zeroed msghdr is a valid "nothing" value.
    let mut msg: libc::msghdr = unsafe { mem::zeroed() };
    if let Some(to) = to {
        msg.msg_name = to.as_ptr() as *mut libc::c_void;
        msg.msg_namelen = to.len();
    }
    msg.msg_iov = bufs.as_ptr() as *mut libc::iovec;
    msg.msg_iovlen = bufs.len() as _;
    msg.msg_control = control.0.as_mut_ptr().cast();
    // SAFETY: CMSG_SPACE/CMSG_LEN are arithmetic; the control buffer is larger than either
    // message, so CMSG_FIRSTHDR is non-NULL and CMSG_DATA has room for the payload.
    unsafe {
        let (level, kind, len) = match src {
            IpAddr::V4(_) => (libc::IPPROTO_IP, pktinfo4::SEND_MESSAGE, pktinfo4::LEN),
            IpAddr::V6(_) => (
                libc::IPPROTO_IPV6,
                libc::IPV6_PKTINFO,
                mem::size_of::<libc::in6_pktinfo>(),
            ),
        };
        msg.msg_controllen = libc::CMSG_SPACE(len as _) as _;
        let cmsg = libc::CMSG_FIRSTHDR(&msg);
        (*cmsg).cmsg_level = level;
        (*cmsg).cmsg_type = kind;
        (*cmsg).cmsg_len = libc::CMSG_LEN(len as _) as _;
        let data = libc::CMSG_DATA(cmsg);
        match src {
            IpAddr::V4(a) => pktinfo4::write(data, a),
            IpAddr::V6(a) => {
                // SAFETY: all-zero is a valid in6_pktinfo.
                let mut info: libc::in6_pktinfo = mem::zeroed();
                info.ipi6_addr = in6_addr(a);
                info.ipi6_ifindex = index as _;
                std::ptr::write_unaligned(data.cast::<libc::in6_pktinfo>(), info);
            }
        }
    }
    // SAFETY: the iovecs point to valid caller buffers; msg_control to `control`.
    retry(|| cvt_size(unsafe { libc::sendmsg(fd, &msg, flags | SEND_FLAGS) }))
}

/// `sendto` (or `send`, without `to`) of the one buffer `buf`: what `send_msg` does for a single
/// buffer without control data, without the `msghdr` the kernel would copy in and walk.
pub fn send_one(
    fd: Fd,
    buf: &libc::iovec,
    flags: c_int,
    to: Option<&SockAddr>,
) -> SysResult<usize> {
    let (name, len) = match to {
        Some(to) => (to.as_ptr(), to.len()),
        None => (std::ptr::null(), 0),
    };
    // SAFETY: the iovec describes a valid caller buffer that sendto only reads; `name` is NULL
    // (length 0) or `to`'s own storage.
    retry(|| {
        cvt_size(unsafe {
            libc::sendto(fd, buf.iov_base, buf.iov_len, flags | SEND_FLAGS, name, len)
        })
    })
}

/// Receives one datagram into `bufs`, its source into `from`. With one buffer this is
/// `recvfrom` (on Linux with `MSG_TRUNC`, which returns the datagram's real length, so a
/// truncation is still seen); with several, `recvmsg`. Datagram sockets only: on a stream
/// socket Linux's `MSG_TRUNC` discards data.
pub fn recv_datagram(
    fd: Fd,
    bufs: &mut [libc::iovec],
    flags: c_int,
    from: &mut SockAddr,
) -> SysResult<Received> {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    if let [one] = bufs {
        let cap = one.iov_len;
        return retry(|| {
            let mut len = SockAddr::CAPACITY;
            // SAFETY: the iovec describes a valid, writable caller buffer; `from` has
            // sockaddr_storage-sized room, `len` says so.
            let n = cvt_size(unsafe {
                libc::recvfrom(
                    fd,
                    one.iov_base,
                    cap,
                    flags | libc::MSG_TRUNC,
                    from.as_mut_ptr().cast(),
                    &mut len,
                )
            })?;
            from.set_len(len);
            Ok(Received {
                len: n.min(cap),
                truncated: n > cap,
            })
        });
    }
    super::recv_msg(fd, bufs, flags, from)
}

/// Removes the datagram at the head of the receive queue without blocking. A one-byte buffer
/// (not zero bytes: BSD may leave a datagram queued for an empty read).
pub fn discard_datagram(fd: Fd) -> SysResult<()> {
    let mut byte = 0u8;
    // SAFETY: one writable byte.
    cvt_size(unsafe {
        libc::recv(
            fd,
            std::ptr::addr_of_mut!(byte).cast(),
            1,
            libc::MSG_DONTWAIT,
        )
    })
    .map(drop)
}

/// One address of one of the host's interfaces.
#[derive(Clone, Debug)]
pub struct IfAddr {
    pub addr: IpAddr,
    /// The interface's index (`if_nametoindex`), 0 if unknown.
    pub index: u32,
    /// The IPv4 broadcast address of the interface's subnet, if it has one.
    pub broadcast: Option<Ipv4Addr>,
    /// The address's netmask, if the system reports one.
    pub netmask: Option<IpAddr>,
    /// The interface's `IFF_*` flags (the system's values).
    pub flags: u32,
}

/// An IP address from a `struct sockaddr` the system filled.
///
/// # Safety
/// `sa` must be NULL or point to a valid sockaddr of its family's size.
unsafe fn ip_of(sa: *const libc::sockaddr) -> Option<IpAddr> {
    if sa.is_null() {
        return None;
    }
    // SAFETY: per the function contract.
    unsafe {
        match i32::from((*sa).sa_family) {
            libc::AF_INET => {
                let sin = &*sa.cast::<libc::sockaddr_in>();
                Some(IpAddr::V4(Ipv4Addr::from(u32::from_be(
                    sin.sin_addr.s_addr,
                ))))
            }
            libc::AF_INET6 => {
                let sin6 = &*sa.cast::<libc::sockaddr_in6>();
                Some(IpAddr::V6(Ipv6Addr::from(sin6.sin6_addr.s6_addr)))
            }
            _ => None,
        }
    }
}

/// Every IPv4 and IPv6 address of the host's interfaces (`getifaddrs`).
pub fn interface_addrs() -> SysResult<Vec<IfAddr>> {
    let mut head: *mut libc::ifaddrs = std::ptr::null_mut();
    // SAFETY: getifaddrs writes a list head that we free below.
    cvt(unsafe { libc::getifaddrs(&mut head) })?;
    let mut out = Vec::new();
    let mut cur = head;
    while !cur.is_null() {
        // SAFETY: `cur` is a node of the list getifaddrs returned, not yet freed.
        let ifa = unsafe { &*cur };
        cur = ifa.ifa_next;
        // SAFETY: getifaddrs fills valid sockaddrs (or NULL).
        let Some(addr) = (unsafe { ip_of(ifa.ifa_addr) }) else {
            continue;
        };
        #[cfg(any(target_os = "linux", target_os = "android"))]
        let other = ifa.ifa_ifu;
        #[cfg(not(any(target_os = "linux", target_os = "android")))]
        let other = ifa.ifa_dstaddr;
        let broadcast = if ifa.ifa_flags & libc::IFF_BROADCAST as libc::c_uint != 0 {
            // SAFETY: with IFF_BROADCAST this field is the broadcast address (or NULL).
            match unsafe { ip_of(other) } {
                Some(IpAddr::V4(b)) => Some(b),
                _ => None,
            }
        } else {
            None
        };
        // SAFETY: ifa_name is a NUL-terminated interface name.
        let index = unsafe { libc::if_nametoindex(ifa.ifa_name) };
        // SAFETY: getifaddrs fills a valid sockaddr (or NULL) of the address's family.
        let netmask = unsafe { ip_of(ifa.ifa_netmask) };
        out.push(IfAddr {
            addr,
            index,
            broadcast,
            netmask,
            flags: ifa.ifa_flags as u32,
        });
    }
    // SAFETY: frees the list getifaddrs allocated; nothing points into it any more.
    unsafe { libc::freeifaddrs(head) };
    Ok(out)
}

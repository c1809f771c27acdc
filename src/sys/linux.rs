//! Linux and Android specifics (cfg `linux_like`); `bsd.rs` has the same items for macOS and
//! the BSDs.

use super::{setsockopt, with_socket, Fd, SysResult};
use crate::addr::SockAddr;
use socket2::{InterfaceIndexOrAddress, SockRef, Socket};
use std::io;
use std::net::Ipv4Addr;
use std::os::fd::{FromRawFd, OwnedFd};
use std::os::raw::c_int;

pub(super) use super::raw::in_pktinfo as pktinfo4;

/// Sends never raise SIGPIPE.
pub(super) const SEND_FLAGS: c_int = libc::MSG_NOSIGNAL;
/// Read without a system call, a few milliseconds of resolution.
pub(super) const COARSE_CLOCK: libc::clockid_t = libc::CLOCK_MONOTONIC_COARSE;
/// The native `SIOCATMARK` request.
pub(super) const SIOCATMARK: u32 = 0x8905;
/// `poll` reports the peer's close apart from readable data (`POLLRDHUP`).
pub(crate) const POLL_PEER_CLOSED: libc::c_short = libc::POLLRDHUP;
/// `recvfrom` with this flag returns a datagram's real length (truncation stays visible).
pub(super) const RECVFROM_TRUNC: Option<c_int> = Some(libc::MSG_TRUNC);
/// `SO_REUSEADDR` alone lets datagram sockets share a port.
pub(super) const DATAGRAM_REUSE_PORT: bool = false;

/// Flags a new socket needs beyond what its creation set (none here).
pub(super) fn after_create(_: &Socket) {}

/// `accept4`: close-on-exec as asked, blocking (Linux does not inherit `O_NONBLOCK`).
pub(super) fn accept(s: &SockRef<'_>, cloexec: bool) -> io::Result<(Socket, socket2::SockAddr)> {
    s.accept4(if cloexec { libc::SOCK_CLOEXEC } else { 0 })
}

// SAFETY: integer fields only.
unsafe impl super::Pod for libc::tcp_info {}

/// How many connections wait in a listening TCP socket's accept queue (`TCP_INFO`).
pub fn pending_connections(fd: Fd) -> Option<u32> {
    super::getsockopt::<libc::tcp_info>(fd, libc::IPPROTO_TCP, libc::TCP_INFO)
        .ok()
        .map(|i| i.tcpi_unacked)
}

/// `IP_MULTICAST_ALL` (and, on IPv6 sockets, `IPV6_MULTICAST_ALL`, Linux 4.20+) off.
pub(super) fn deliver_joined_groups_only(s: &SockRef<'_>, v6: bool) -> io::Result<()> {
    // Also on IPv6 sockets: it governs the IPv4 datagrams a dual-stack socket receives.
    let v4 = s.set_multicast_all_v4(false);
    if v6 {
        return s.set_multicast_all_v6(false);
    }
    v4
}

/// `IP_ADD_MEMBERSHIP` with an `ip_mreqn` naming the interface by index.
pub(super) fn join_group_v4_index(fd: Fd, group: Ipv4Addr, index: u32) -> SysResult<()> {
    let iface = InterfaceIndexOrAddress::Index(index);
    with_socket(fd, |s| s.join_multicast_v4_n(&group, &iface))
}

/// `IP_MULTICAST_IF` with an `ip_mreqn` naming the interface by index.
pub(super) fn set_multicast_if_v4_index(fd: Fd, index: u32) -> SysResult<()> {
    let any = libc::in_addr { s_addr: 0 };
    let mreq = libc::ip_mreqn {
        imr_multiaddr: any,
        imr_address: any,
        imr_ifindex: index as c_int,
    };
    setsockopt(fd, libc::IPPROTO_IP, libc::IP_MULTICAST_IF, mreq)
}

/// `IP_MSFILTER` (RFC 3678's full-state source filter of an IPv4 membership), and the
/// `imsf_fmode` values of `<netinet/in.h>`.
pub(crate) const IP_MSFILTER: Option<c_int> = Some(libc::IP_MSFILTER);
pub(crate) const MCAST_INCLUDE: u32 = libc::MCAST_INCLUDE as u32;
pub(crate) const MCAST_EXCLUDE: u32 = libc::MCAST_EXCLUDE as u32;

/// `<linux/if_packet.h>`: a packet socket leaves out the packets the host sends (Linux 4.20).
const PACKET_IGNORE_OUTGOING: c_int = 23;

/// Classic BPF: the instructions a capture filter uses.
const BPF_LDH_ABS: u16 = 0x28;
const BPF_LDB_ABS: u16 = 0x30;
const BPF_AND_K: u16 = 0x54;
const BPF_JEQ_K: u16 = 0x15;
const BPF_RET_K: u16 = 0x06;
/// `SKF_AD_OFF + SKF_AD_PROTOCOL`: loads the packet's ethertype.
const SKF_AD_PROTOCOL: u32 = 0xffff_f000;

fn bpf(code: u16, jt: u8, jf: u8, k: u32) -> libc::sock_filter {
    libc::sock_filter { code, jt, jf, k }
}

/// The filter that keeps, of every packet the interface carries, the IPv4 (IPv6) ones that
/// `what` asks for (offset 0 is the IP header on a datagram packet socket).
fn capture_filter(v6: bool, what: super::Capture) -> Vec<libc::sock_filter> {
    const KEEP: u32 = 0x4_0000;
    let ethertype = if v6 { libc::ETH_P_IPV6 } else { libc::ETH_P_IP } as u32;
    let is_ip = |drop_at: u8| bpf(BPF_JEQ_K, 0, drop_at, ethertype);
    let keep = bpf(BPF_RET_K, 0, 0, KEEP);
    let drop = bpf(BPF_RET_K, 0, 0, 0);
    let load = bpf(BPF_LDH_ABS, 0, 0, SKF_AD_PROTOCOL);
    // One byte of the IP header equal to `k`: (offset, k).
    let byte_is = |(at, k): (u32, u32)| {
        vec![
            load,
            is_ip(3),
            bpf(BPF_LDB_ABS, 0, 0, at),
            bpf(BPF_JEQ_K, 0, 1, k),
            keep,
            drop,
        ]
    };
    match (what, v6) {
        (super::Capture::All, _) => vec![load, is_ip(1), keep, drop],
        // IPv4 destination 224.0.0.0/4: its first byte's high nibble is 0xe.
        (super::Capture::Multicast, false) => vec![
            load,
            is_ip(4),
            bpf(BPF_LDB_ABS, 0, 0, 16),
            bpf(BPF_AND_K, 0, 0, 0xf0),
            bpf(BPF_JEQ_K, 0, 1, 0xe0),
            keep,
            drop,
        ],
        // IPv6 destination ff00::/8.
        (super::Capture::Multicast, true) => byte_is((24, 0xff)),
        // IPv4 protocol IGMP.
        (super::Capture::Igmp, false) => byte_is((9, libc::IPPROTO_IGMP as u32)),
        // IPv6: MLD is ICMPv6 (when it is the next header after the IPv6 header).
        (super::Capture::Igmp, true) => byte_is((6, libc::IPPROTO_ICMPV6 as u32)),
    }
}

/// An `AF_PACKET` datagram socket (IP packets without the link header) on interface `index`,
/// filtered as `what` asks; on loopback it leaves out the outgoing copy of each packet.
pub(super) fn capture_socket(
    v6: bool,
    index: u32,
    what: super::Capture,
    loopback: bool,
    cloexec: bool,
) -> SysResult<OwnedFd> {
    let ty = libc::SOCK_DGRAM | if cloexec { libc::SOCK_CLOEXEC } else { 0 };
    // Protocol 0: nothing arrives before the bind below, which comes after the filter.
    // SAFETY: socket() has no memory arguments.
    let raw = super::cvt(unsafe { libc::socket(libc::AF_PACKET, ty, 0) })?;
    // SAFETY: `raw` is a descriptor socket() just opened, owned by nothing else.
    let fd = unsafe { OwnedFd::from_raw_fd(raw) };
    let program = capture_filter(v6, what);
    let fprog = libc::sock_fprog {
        len: program.len() as u16,
        filter: program.as_ptr().cast_mut(),
    };
    // The kernel copies the program during the call; `program` outlives it.
    setsockopt(raw, libc::SOL_SOCKET, libc::SO_ATTACH_FILTER, fprog)?;
    if loopback {
        // Older kernels lack the option: each packet then comes twice.
        let _ = setsockopt(raw, libc::SOL_PACKET, PACKET_IGNORE_OUTGOING, 1 as c_int);
    }
    // SAFETY: all-zero is a valid sockaddr_ll.
    let mut sll: libc::sockaddr_ll = unsafe { std::mem::zeroed() };
    sll.sll_family = libc::AF_PACKET as u16;
    // Every protocol: a packet socket of one protocol sees only arriving packets; the filter
    // keeps the IP ones.
    sll.sll_protocol = (libc::ETH_P_ALL as u16).to_be();
    sll.sll_ifindex = index as c_int;
    // SAFETY: `sll` is a sockaddr_ll of the size given.
    super::cvt(unsafe {
        libc::bind(
            raw,
            std::ptr::addr_of!(sll).cast(),
            std::mem::size_of::<libc::sockaddr_ll>() as libc::socklen_t,
        )
    })?;
    Ok(fd)
}

/// The IP source of a packet a capture socket received (`from` is then an `AF_PACKET`
/// address): Windows reports it as the sender. `packet`: the packet's first bytes.
pub(super) fn capture_source(from: &mut SockAddr, packet: &[u8]) {
    if from.family() != libc::AF_PACKET {
        return;
    }
    let ip = match packet.first().map(|b| b >> 4) {
        Some(4) if packet.len() >= 20 => {
            std::net::IpAddr::from(<[u8; 4]>::try_from(&packet[12..16]).expect("four bytes"))
        }
        Some(6) if packet.len() >= 40 => {
            std::net::IpAddr::from(<[u8; 16]>::try_from(&packet[8..24]).expect("sixteen bytes"))
        }
        _ => return,
    };
    *from = SockAddr::from_std(std::net::SocketAddr::new(ip, 0));
}

/// The `SO_LINGER` whose time counts seconds, Windows' unit.
pub(crate) const LINGER_SECONDS: c_int = libc::SO_LINGER;

/// How much larger the kernel reports `SO_RCVBUF`/`SO_SNDBUF` than it was given: Linux doubles
/// the sizes (socket(7)).
pub(crate) const BUFFER_SIZE_FACTOR: i32 = 2;

/// Sets `SO_RCVBUF`/`SO_SNDBUF` (`name`) to `size` bytes. Windows takes any size; Linux caps
/// `SO_RCVBUF`/`SO_SNDBUF` at `net.core.rmem_max`/`wmem_max` (a few hundred KiB), so a
/// process allowed to (`CAP_NET_ADMIN`) sets the size through `SO_RCVBUFFORCE` /
/// `SO_SNDBUFFORCE`, which ignore the cap; others get the capped size.
pub fn set_buffer_size(fd: Fd, name: c_int, size: c_int) -> SysResult<()> {
    let force = if name == libc::SO_RCVBUF {
        libc::SO_RCVBUFFORCE
    } else {
        libc::SO_SNDBUFFORCE
    };
    setsockopt(fd, libc::SOL_SOCKET, force, size)
        .or_else(|_| setsockopt(fd, libc::SOL_SOCKET, name, size))
}

/// The option that joins an IPv6 group (RFC 3493's `IPV6_JOIN_GROUP`; the libc crate has
/// Linux's older name).
pub(crate) const IPV6_JOIN_GROUP: c_int = libc::IPV6_ADD_MEMBERSHIP;

/// Linux's integer options a UDP socket keeps when `move_to_wildcard` gives it a new OS socket.
pub(super) const KEPT_DATAGRAM_OPTIONS: &[(c_int, c_int)] = &[
    (libc::SOL_SOCKET, libc::SO_PRIORITY),
    (libc::IPPROTO_IP, libc::IP_MULTICAST_ALL),
    (libc::IPPROTO_IP, libc::IP_RECVERR),
    (libc::IPPROTO_IP, libc::IP_RECVTTL),
    (libc::IPPROTO_IP, libc::IP_RECVTOS),
    (libc::IPPROTO_IP, libc::IP_MTU_DISCOVER),
    (libc::IPPROTO_IPV6, libc::IPV6_MULTICAST_ALL),
    (libc::IPPROTO_IPV6, libc::IPV6_RECVERR),
    (libc::IPPROTO_IPV6, libc::IPV6_RECVHOPLIMIT),
    (libc::IPPROTO_IPV6, libc::IPV6_MTU_DISCOVER),
];

/// `IP_OPTIONS` (the libc crate names it for Linux only).
pub(crate) const IP_OPTIONS: c_int = libc::IP_OPTIONS;

/// IPv4 "don't fragment" (`IP_MTU_DISCOVER`: `IP_PMTUDISC_DO` / `IP_PMTUDISC_DONT`).
pub fn set_dont_fragment_v4(fd: Fd, on: bool) -> SysResult<()> {
    let v = if on {
        libc::IP_PMTUDISC_DO
    } else {
        libc::IP_PMTUDISC_DONT
    };
    setsockopt(fd, libc::IPPROTO_IP, libc::IP_MTU_DISCOVER, v)
}

/// Whether IPv4 "don't fragment" is on.
pub fn dont_fragment_v4(fd: Fd) -> SysResult<bool> {
    let v: c_int = super::getsockopt(fd, libc::IPPROTO_IP, libc::IP_MTU_DISCOVER)?;
    Ok(v == libc::IP_PMTUDISC_DO)
}

/// Sets the calling thread's `errno`.
pub fn set_errno(e: i32) {
    // SAFETY: the calling thread's errno slot.
    unsafe { *libc::__errno_location() = e };
}

/// Puts ICMP errors about a datagram socket's sends on its error queue (`IP_RECVERR` /
/// `IPV6_RECVERR`), so that unconnected sockets learn of them too.
pub fn report_icmp_errors(fd: Fd, family: c_int) -> SysResult<()> {
    let (level, name) = match family {
        libc::AF_INET => (libc::SOL_IP, libc::IP_RECVERR),
        libc::AF_INET6 => (libc::SOL_IPV6, libc::IPV6_RECVERR),
        _ => return Ok(()),
    };
    setsockopt(fd, level, name, 1 as c_int)
}

/// Takes up to `max` reports off the socket's error queue (`MSG_ERRQUEUE`), without blocking,
/// calling `each` with the destination of the datagram each one is about. Returns how many it
/// took (`None`: the system has no error queue).
pub fn drain_error_queue(fd: Fd, max: usize, mut each: impl FnMut(&SockAddr)) -> Option<usize> {
    let mut byte = [0u8; 1];
    let mut seen = 0;
    while seen < max {
        let mut dest = SockAddr::empty();
        let mut iov = super::iov_storage();
        let bufs = super::IoBufsMut::single(&mut iov, &mut byte);
        let flags = libc::MSG_ERRQUEUE | libc::MSG_DONTWAIT;
        if super::recv_msg(fd, bufs, flags, &mut dest).is_err() {
            break;
        }
        seen += 1;
        each(&dest);
    }
    Some(seen)
}

/// The pollable flag behind `Signal`: one eventfd, read and written (close-on-exec,
/// non-blocking).
pub(super) fn signal_fds() -> SysResult<(OwnedFd, Option<OwnedFd>)> {
    // SAFETY: plain system call.
    let fd = super::cvt(unsafe { libc::eventfd(0, libc::EFD_CLOEXEC | libc::EFD_NONBLOCK) })?;
    // SAFETY: a new descriptor that nothing else owns.
    Ok((unsafe { OwnedFd::from_raw_fd(fd) }, None))
}

/// What raising a `Signal` writes: an eventfd takes one 8-byte count.
pub(super) const SIGNAL_TOKEN: &[u8] = &1u64.to_ne_bytes();

/// The hardware address in an interface's `AF_PACKET` entry (`None`: not such an entry).
pub(super) fn hw_addr(sa: &libc::sockaddr) -> Option<Vec<u8>> {
    if i32::from(sa.sa_family) != libc::AF_PACKET {
        return None;
    }
    // SAFETY: an AF_PACKET address from getifaddrs is a sockaddr_ll.
    let ll = unsafe { &*(sa as *const libc::sockaddr).cast::<libc::sockaddr_ll>() };
    let n = usize::from(ll.sll_halen).min(ll.sll_addr.len());
    Some(ll.sll_addr[..n].to_vec())
}

/// The interface's MTU (`SIOCGIFMTU`).
pub(super) fn mtu(name: &std::ffi::CStr) -> Option<u32> {
    use std::os::fd::AsRawFd;
    let probe = super::socket(libc::AF_INET, libc::SOCK_DGRAM, 0, true).ok()?;
    // SAFETY: ifreq is plain data; zeroed is a valid value.
    let mut req: libc::ifreq = unsafe { std::mem::zeroed() };
    for (d, s) in req.ifr_name.iter_mut().zip(name.to_bytes()) {
        *d = *s as libc::c_char;
    }
    // SAFETY: SIOCGIFMTU reads ifr_name and writes ifr_mtu of `req`.
    let r = unsafe { libc::ioctl(probe.as_raw_fd(), libc::SIOCGIFMTU, &mut req) };
    drop(probe);
    if r != 0 {
        return None;
    }
    // SAFETY: the ioctl succeeded, so the union holds the MTU.
    let mtu = unsafe { req.ifr_ifru.ifru_mtu };
    u32::try_from(mtu).ok().filter(|&m| m > 0)
}

/// The entry's broadcast address (with `IFF_BROADCAST`) or peer address field.
pub(super) fn broadcast_addr(ifa: &libc::ifaddrs) -> *const libc::sockaddr {
    ifa.ifa_ifu
}

/// Whether the system lists TCP sockets with local port `port` and every one of them is in
/// `TIME_WAIT` (`/proc/net/tcp` and `tcp6` of this network namespace: state `06`).
pub fn tcp_port_only_in_time_wait(port: u16) -> bool {
    const TIME_WAIT: &str = "06";
    let wanted = format!(":{port:04X}");
    let mut seen = false;
    for table in ["/proc/net/tcp", "/proc/net/tcp6"] {
        let Ok(text) = std::fs::read_to_string(table) else {
            return false;
        };
        // "sl local_address rem_address st ...": the local address ends with ":PORT" in hex.
        for line in text.lines().skip(1) {
            let mut fields = line.split_whitespace();
            let (Some(local), Some(_remote), Some(state)) =
                (fields.nth(1), fields.next(), fields.next())
            else {
                continue;
            };
            if local.ends_with(&wanted) {
                if state != TIME_WAIT {
                    return false;
                }
                seen = true;
            }
        }
    }
    seen
}

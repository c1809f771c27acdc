//! Non-rooted multipoint over IP multicast (docs/ARCHITECTURE.md, "IP multicast"): `WSAJoinLeaf` on c_leaf/d_leaf UDP
//! sockets, the multipoint IOCTLs and IP multicast options with Windows' meaning, and the
//! per-socket state behind them.
//!
//! Windows behaviours that POSIX lacks, and how they are emulated:
//! - **Loopback is decided by the receiving socket** (`SIO_MULTIPOINT_LOOPBACK`,
//!   `IP_MULTICAST_LOOP`). The kernel's (send-side) loopback stays on; a socket whose setting
//!   is FALSE drops, on receipt, datagrams this host sent: source one of its addresses or
//!   0.0.0.0, or arrival on a loopback interface ([`filter`], [`local`]).
//! - **The group is a default destination kept here**, never an OS-level `connect()` (which
//!   would make the socket drop everything not sent by the group address itself).
//! - **Membership decides delivery**: UDP sockets get `IP_MULTICAST_ALL` off on Linux.
//! - **Binding to the host's own address still receives the groups joined**: a multipoint
//!   UDP socket bound to a unicast address is bound to the wildcard address underneath, uses
//!   the address as its multicast interface and as the source of what it sends (`IP_PKTINFO`
//!   on send), drops unicast datagrams sent to other addresses (learnt with `IP_PKTINFO` on
//!   receive), and reports the bound address in `getsockname`.

pub mod filter;
pub mod local;

use super::{Host, JoinRequest};
use crate::addr::SockAddr;
use crate::catalog::wsa_flag;
use crate::error::{WsaError, WsaResult};
use crate::sys::{self, V4Iface};
use crate::winsock::JL_SENDER_ONLY;
use parking_lot::Mutex;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, SocketAddrV6};
use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};
use std::sync::OnceLock;

/// The unicast address a multipoint socket was bound to, while the OS socket is bound to the
/// wildcard address.
#[derive(Clone, Copy, Debug)]
pub struct BoundAddr {
    pub ip: IpAddr,
    /// The IPv6 scope id the program gave (link-local addresses).
    pub scope_id: u32,
    /// The index of the interface that owns `ip`.
    pub index: u32,
}

bitflags::bitflags! {
    /// What the data path must know of a UDP socket's multicast state: whether a send or a
    /// receive is a plain one (no bit set) or goes through the multicast rules.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub struct Paths: u8 {
        /// Received datagrams go through the receive filter (receive-side loopback off, or a
        /// bind to an interface address emulated); sends carry the emulated source.
        const FILTERED = 1 << 0;
        /// `WSAJoinLeaf` gave the socket a default destination (the group).
        const JOINED = 1 << 1;
    }
}

/// The multicast provider's state for one IP UDP socket (`Provider::Multicast`): the
/// [`Paths`] bits inline, so that one load decides whether a datagram takes the plain path,
/// and the [`Multicast`] state, created on first use (most UDP sockets never need it). A bit is
/// set only after the state it points to exists.
pub struct Slot {
    paths: AtomicU8,
    state: OnceLock<Box<Multicast>>,
}

impl Slot {
    pub const fn new() -> Slot {
        Slot {
            paths: AtomicU8::new(0),
            state: OnceLock::new(),
        }
    }

    #[inline]
    fn paths(&self) -> Paths {
        Paths::from_bits_retain(self.paths.load(Ordering::Acquire))
    }

    /// Neither filtered nor joined: sends and receives are the native ones.
    #[inline]
    pub fn is_plain(&self) -> bool {
        self.paths().is_empty()
    }

    /// The multicast state, if the socket has any.
    #[inline]
    pub fn state(&self) -> Option<&Multicast> {
        self.state.get().map(|m| &**m)
    }

    /// The multicast state, created on first use.
    pub fn state_or_init(&self) -> &Multicast {
        self.state.get_or_init(Default::default)
    }

    /// The receive filter, when it is on.
    #[inline]
    pub fn filter(&self) -> Option<&Multicast> {
        if self.paths().contains(Paths::FILTERED) {
            self.state()
        } else {
            None
        }
    }

    /// The default destination of a joined socket's sends.
    #[inline]
    pub fn destination(&self) -> Option<&SockAddr> {
        if self.paths().contains(Paths::JOINED) {
            self.state().and_then(Multicast::destination)
        } else {
            None
        }
    }

    fn set(&self, bits: Paths, on: bool) {
        if on {
            self.paths.fetch_or(bits.bits(), Ordering::AcqRel);
        } else {
            self.paths.fetch_and(!bits.bits(), Ordering::AcqRel);
        }
    }
}

impl Default for Slot {
    fn default() -> Self {
        Slot::new()
    }
}

/// Control state: changed by rare calls, under a lock.
#[derive(Default)]
struct Control {
    /// The interface the program chose with `IP_MULTICAST_IF`.
    iface_v4: Option<V4Iface>,
    /// The interface index the program chose with `IPV6_MULTICAST_IF`.
    iface_v6: Option<u32>,
}

/// A UDP socket's multicast state. Created on first use; the receive path reads it without
/// taking a lock.
pub struct Multicast {
    /// Windows' receive-side loopback: FALSE drops datagrams sent from this host.
    loopback: AtomicBool,
    /// The group `WSAJoinLeaf` joined: the destination of sends without an address.
    destination: OnceLock<SockAddr>,
    /// Set when the socket emulates a bind to an interface address.
    bound: OnceLock<BoundAddr>,
    control: Mutex<Control>,
}

impl Default for Multicast {
    fn default() -> Self {
        Multicast {
            loopback: AtomicBool::new(true),
            destination: OnceLock::new(),
            bound: OnceLock::new(),
            control: Mutex::new(Control::default()),
        }
    }
}

impl Multicast {
    /// The default destination (the joined group), if any.
    pub fn destination(&self) -> Option<&SockAddr> {
        self.destination.get()
    }

    /// The emulated bound address, if any.
    pub fn bound(&self) -> Option<&BoundAddr> {
        self.bound.get()
    }

    pub fn loopback(&self) -> bool {
        self.loopback.load(Ordering::Relaxed)
    }

    /// Whether received datagrams must go through [`filter`].
    fn needs_filter(&self) -> bool {
        !self.loopback() || self.bound.get().is_some()
    }

    /// The receive filter's verdict on one datagram: its source and, for sockets bound to an
    /// interface address or with loopback off, where it arrived.
    pub fn keeps(&self, from: &SockAddr, arrival: Option<sys::Arrival>) -> bool {
        if let (Some(bound), Some(a)) = (self.bound.get(), arrival) {
            if !wanted_destination(a.dst.to_canonical(), bound.ip) {
                return false;
            }
        }
        self.loopback() || !from_this_host(from, arrival)
    }
}

/// Whether a datagram was sent by this host: its source is one of the host's addresses, or the
/// unspecified address (the kernel's source for multicast sent through a loopback-only route,
/// where no address of the host may appear on the wire), or it arrived on a loopback interface
/// (which only carries what the host itself sent).
fn from_this_host(from: &SockAddr, arrival: Option<sys::Arrival>) -> bool {
    if let Some(src) = from.to_std() {
        let ip = src.ip().to_canonical();
        if ip.is_unspecified() || local::is_local(ip) {
            return true;
        }
    }
    arrival.is_some_and(|a| local::is_loopback_interface(a.ifindex))
}

/// What a socket bound to `bound` (emulated) accepts: the groups it joined (the kernel checks
/// membership), broadcasts, and unicast datagrams sent to `bound` itself.
fn wanted_destination(dst: IpAddr, bound: IpAddr) -> bool {
    match dst {
        IpAddr::V4(d) => d.is_multicast() || dst == bound || local::is_broadcast(d),
        IpAddr::V6(d) => d.is_multicast() || dst == bound,
    }
}

/// Whether a socket of this type is an IP UDP socket (the only kind multicast applies to).
pub fn is_udp_triple(family: i32, socket_type: i32, protocol: i32) -> bool {
    (family == libc::AF_INET || family == libc::AF_INET6)
        && socket_type == libc::SOCK_DGRAM
        && (protocol == 0 || protocol == libc::IPPROTO_UDP)
}

/// Whether a `setsockopt` level and name join a group (any-source or source-specific).
fn is_join(level: i32, name: i32) -> bool {
    match level {
        libc::IPPROTO_IP => [
            libc::IP_ADD_MEMBERSHIP,
            libc::IP_ADD_SOURCE_MEMBERSHIP,
            libc::MCAST_JOIN_GROUP,
            libc::MCAST_JOIN_SOURCE_GROUP,
        ]
        .contains(&name),
        libc::IPPROTO_IPV6 => [
            sys::IPV6_JOIN_GROUP,
            libc::MCAST_JOIN_GROUP,
            libc::MCAST_JOIN_SOURCE_GROUP,
        ]
        .contains(&name),
        _ => false,
    }
}

/// Whether a socket is an IP UDP socket.
pub fn is_udp<S: Host>(s: &S) -> bool {
    is_udp_triple(s.family(), s.socket_type(), s.protocol())
}

/// The provider state of an IP UDP socket (checked with [`is_udp`]).
fn slot<S: Host>(s: &S) -> &Slot {
    s.provider()
        .multicast_slot()
        .expect("an IP UDP socket has the multicast provider")
}

/// The multicast state of an IP UDP socket (checked with [`is_udp`]), created on first use.
fn state<S: Host>(s: &S) -> &Multicast {
    slot(s).state_or_init()
}

/// Whether a socket was created as a non-rooted multipoint member (c_leaf | d_leaf) of UDP.
pub fn is_leaf<S: Host>(s: &S) -> bool {
    let leaf = wsa_flag::MULTIPOINT_C_LEAF | wsa_flag::MULTIPOINT_D_LEAF;
    is_udp(s) && s.wsa_flags() & leaf == leaf
}

/// Prepares a new socket: UDP sockets receive only the groups they joined, as on Windows.
pub fn prepare_new_socket(fd: sys::Fd, family: i32, socket_type: i32, protocol: i32) {
    let ip = family == libc::AF_INET || family == libc::AF_INET6;
    if ip && socket_type == libc::SOCK_DGRAM && (protocol == 0 || protocol == libc::IPPROTO_UDP) {
        if let Err(e) = sys::deliver_joined_groups_only(fd, family) {
            crate::log::warn(format_args!(
                "fd {fd}: cannot restrict multicast delivery to joined groups ({}); \
                 it may receive groups it did not join",
                WsaError::from_errno(e)
            ));
        }
    }
}

fn update_filter<S: Host>(s: &S, m: &Multicast) {
    slot(s).set(Paths::FILTERED, m.needs_filter());
}

// ---- loopback and scope (SIO_MULTIPOINT_LOOPBACK, SIO_MULTICAST_SCOPE, IP options) --------

/// Sets the receive-side loopback (`SIO_MULTIPOINT_LOOPBACK`, `IP_MULTICAST_LOOP`).
pub fn set_loopback<S: Host>(s: &S, on: bool) -> WsaResult<()> {
    if !is_udp(s) {
        return Err(WsaError::WSAENOPROTOOPT);
    }
    let m = state(s);
    let _g = m.control.lock();
    if !on {
        // Start from a fresh view of this host's addresses, and learn each datagram's arrival
        // interface (a datagram that came in on a loopback interface was sent by this host).
        local::refresh();
        sys::report_destination(s.fd(), s.family()).map_err(WsaError::from_errno)?;
    }
    m.loopback.store(on, Ordering::Relaxed);
    update_filter(s, m);
    Ok(())
}

/// The receive-side loopback setting (TRUE unless changed).
pub fn loopback<S: Host>(s: &S) -> WsaResult<bool> {
    if !is_udp(s) {
        return Err(WsaError::WSAENOPROTOOPT);
    }
    Ok(s.provider()
        .multicast_state()
        .is_none_or(Multicast::loopback))
}

/// `SIO_MULTICAST_SCOPE`: the multicast TTL / hop limit, 0–255.
pub fn set_scope<S: Host>(s: &S, scope: i32) -> WsaResult<()> {
    if !is_udp(s) {
        return Err(WsaError::WSAENOPROTOOPT);
    }
    let hops = u8::try_from(scope).map_err(|_| WsaError::WSAEINVAL)?;
    sys::set_multicast_hops(s.fd(), s.family(), hops).map_err(WsaError::from_errno)
}

/// Reads a Winsock BOOL/DWORD option value (4 bytes, or a 1-byte value).
fn read_value(val: &[u8]) -> WsaResult<u32> {
    match val.len() {
        0 => Err(WsaError::WSAEFAULT),
        1..=3 => Ok(u32::from(val[0])),
        _ => Ok(u32::from_ne_bytes([val[0], val[1], val[2], val[3]])),
    }
}

/// `setsockopt` at `IPPROTO_IP`/`IPPROTO_IPV6` for the multicast options whose meaning or
/// value type differs from POSIX. Returns None for the options it leaves to the caller.
pub fn set_option<S: Host>(s: &S, level: i32, name: i32, val: &[u8]) -> Option<WsaResult<()>> {
    if !is_udp(s) {
        return None;
    }
    let ip = level == libc::IPPROTO_IP;
    let ip6 = level == libc::IPPROTO_IPV6;
    if is_join(level, name) {
        // The option itself is the system's: passed through by the caller.
        emulate_bind_before_join(s);
        return None;
    }
    Some(match name {
        n if (ip && n == libc::IP_MULTICAST_LOOP) || (ip6 && n == libc::IPV6_MULTICAST_LOOP) => {
            read_value(val).and_then(|v| set_loopback(s, v != 0))
        }
        n if ip && n == libc::IP_MULTICAST_TTL => read_value(val).and_then(|v| {
            let hops = u8::try_from(v).map_err(|_| WsaError::WSAEINVAL)?;
            sys::set_multicast_hops(s.fd(), libc::AF_INET, hops).map_err(WsaError::from_errno)
        }),
        n if ip6 && n == libc::IPV6_MULTICAST_HOPS => read_value(val).and_then(|v| {
            // -1 (the system default) is 1, as on Windows.
            let hops = if v == u32::MAX {
                1
            } else {
                u8::try_from(v).map_err(|_| WsaError::WSAEINVAL)?
            };
            sys::set_multicast_hops(s.fd(), libc::AF_INET6, hops).map_err(WsaError::from_errno)
        }),
        n if ip && n == libc::IP_MULTICAST_IF => set_interface_v4(s, val),
        n if ip6 && n == libc::IPV6_MULTICAST_IF => read_value(val).and_then(|index| {
            sys::set_multicast_if_v6(s.fd(), index).map_err(WsaError::from_errno)?;
            state(s).control.lock().iface_v6 = Some(index);
            Ok(())
        }),
        _ => return None,
    })
}

/// `IP_MULTICAST_IF`. Windows' value is a 4-byte IPv4 address in network order, where
/// `0.x.x.x` is an interface index; the native `ip_mreq`/`ip_mreqn` forms are passed through.
fn set_interface_v4<S: Host>(s: &S, val: &[u8]) -> WsaResult<()> {
    let word =
        |at: usize| -> u32 { u32::from_ne_bytes([val[at], val[at + 1], val[at + 2], val[at + 3]]) };
    let iface = match val.len() {
        0..=3 => return Err(WsaError::WSAEFAULT),
        4..=7 => {
            let addr = Ipv4Addr::from(u32::from_be(word(0)));
            let host = u32::from(addr);
            if host != 0 && host >> 24 == 0 {
                V4Iface::Index(host)
            } else if host == 0 {
                V4Iface::Any
            } else {
                V4Iface::Addr(addr)
            }
        }
        n => {
            // ip_mreq { multiaddr, interface } / ip_mreqn { multiaddr, address, ifindex }.
            sys::setsockopt_raw(s.fd(), libc::IPPROTO_IP, libc::IP_MULTICAST_IF, val)
                .map_err(WsaError::from_errno)?;
            let addr = Ipv4Addr::from(u32::from_be(word(4)));
            let index = if n >= 12 { word(8) } else { 0 };
            let iface = match (index, addr.is_unspecified()) {
                (0, true) => V4Iface::Any,
                (0, false) => V4Iface::Addr(addr),
                (i, _) => V4Iface::Index(i),
            };
            state(s).control.lock().iface_v4 = Some(iface);
            return Ok(());
        }
    };
    sys::set_multicast_if_v4(s.fd(), iface).map_err(WsaError::from_errno)?;
    state(s).control.lock().iface_v4 = Some(iface);
    Ok(())
}

/// `getsockopt` counterpart of [`set_option`]: the bytes to return, or None.
pub fn get_option<S: Host>(s: &S, level: i32, name: i32, cap: usize) -> Option<WsaResult<Vec<u8>>> {
    if !is_udp(s) {
        return None;
    }
    let ip = level == libc::IPPROTO_IP;
    let ip6 = level == libc::IPPROTO_IPV6;
    let value = |v: u32| -> WsaResult<Vec<u8>> {
        match cap {
            0 => Err(WsaError::WSAEFAULT),
            1..=3 => Ok(vec![v.min(255) as u8]),
            _ => Ok(v.to_ne_bytes().to_vec()),
        }
    };
    Some(match name {
        n if (ip && n == libc::IP_MULTICAST_LOOP) || (ip6 && n == libc::IPV6_MULTICAST_LOOP) => {
            loopback(s).and_then(|on| value(u32::from(on)))
        }
        n if (ip && n == libc::IP_MULTICAST_TTL) || (ip6 && n == libc::IPV6_MULTICAST_HOPS) => {
            let family = if ip { libc::AF_INET } else { libc::AF_INET6 };
            sys::multicast_hops(s.fd(), family)
                .map_err(WsaError::from_errno)
                .and_then(|h| value(h as u32))
        }
        _ => return None,
    })
}

// ---- Source filters ---------------------------------------------------------------------------

/// The sockets a source filter applies to: IPv4 datagram and raw sockets (Windows'
/// `ip_msfilter` is IPv4's; a stream socket has no memberships).
fn check_filter_socket<S: Host>(s: &S) -> WsaResult<()> {
    if s.family() != libc::AF_INET || s.socket_type() == libc::SOCK_STREAM {
        return Err(WsaError::WSAEINVAL);
    }
    Ok(())
}

/// `SIO_SET_MULTICAST_FILTER`: the whole state of the socket's membership of a group in one
/// call, as Windows has it: a socket that is not a member yet joins (on the filter's
/// interface), then takes the filter; INCLUDE with no sources leaves the group (or does
/// nothing when the socket is not a member). POSIX's `IP_MSFILTER` only changes a membership
/// the socket already holds.
pub fn set_source_filter<S: Host>(s: &S, filter: &sys::SourceFilterV4) -> WsaResult<()> {
    check_filter_socket(s)?;
    if !filter.group.is_multicast() {
        return Err(WsaError::WSAEINVAL);
    }
    let leaving = filter.include && filter.sources.is_empty();
    if !leaving && is_udp(s) {
        emulate_bind_before_join(s);
    }
    match sys::set_source_filter_v4(s.fd(), filter) {
        Ok(()) => Ok(()),
        // Linux's answers for a group the socket has not joined (INCLUDE {} is a leave).
        Err(libc::EINVAL | libc::EADDRNOTAVAIL) if leaving => Ok(()),
        Err(libc::EINVAL) => {
            let iface = if filter.iface.is_unspecified() {
                V4Iface::Any
            } else {
                V4Iface::Addr(filter.iface)
            };
            sys::join_group_v4(s.fd(), filter.group, iface).map_err(WsaError::from_errno)?;
            sys::set_source_filter_v4(s.fd(), filter).map_err(|e| {
                // Not a membership the program asked for: give it back.
                let _ = sys::leave_group_v4(s.fd(), filter.group, filter.iface);
                WsaError::from_errno(e)
            })
        }
        Err(e) => Err(WsaError::from_errno(e)),
    }
}

/// `SIO_GET_MULTICAST_FILTER`: the filter of the socket's membership of `group` on `iface`,
/// at most `capacity` sources of it, and how many sources it has in all (RFC 3678's rule:
/// the count may exceed what was returned).
pub fn source_filter<S: Host>(
    s: &S,
    group: Ipv4Addr,
    iface: Ipv4Addr,
    capacity: usize,
) -> WsaResult<(sys::SourceFilterV4, usize)> {
    check_filter_socket(s)?;
    sys::source_filter_v4(s.fd(), group, iface, capacity).map_err(WsaError::from_errno)
}

// ---- WSAJoinLeaf ------------------------------------------------------------------------------

/// Checks that `s` can join a non-rooted session (c_leaf | d_leaf UDP), `WSAEINVAL` otherwise.
pub fn check_leaf<S: Host>(s: &S) -> WsaResult<()> {
    if is_leaf(s) {
        Ok(())
    } else {
        Err(WsaError::WSAEINVAL)
    }
}

fn wildcard(family: i32, port: u16) -> SockAddr {
    let ip = if family == libc::AF_INET6 {
        IpAddr::V6(Ipv6Addr::UNSPECIFIED)
    } else {
        IpAddr::V4(Ipv4Addr::UNSPECIFIED)
    };
    SockAddr::from_std(SocketAddr::new(ip, port))
}

/// `WSAJoinLeaf` on a c_leaf | d_leaf UDP socket (already checked with [`check_leaf`];
/// `flags` is one `JL_*` value, [`JoinRequest::direction`]): binds an unbound socket, joins `group` unless `JL_SENDER_ONLY`,
/// makes the group the default destination and records FD_CONNECT (code 0).
pub fn join_leaf<S: Host>(s: &S, group: &SockAddr, flags: u32) -> WsaResult<()> {
    if group.family() != s.family() {
        return Err(WsaError::WSAEAFNOSUPPORT);
    }
    let target = group.to_std().ok_or(WsaError::WSAEFAULT)?;
    if !target.ip().is_multicast() {
        return Err(WsaError::WSAEADDRNOTAVAIL);
    }
    let m = state(s);
    {
        let ctl = m.control.lock();
        if m.destination.get().is_some() || s.is_connected() {
            return Err(WsaError::WSAEISCONN);
        }
        if !s.is_bound_now() {
            // Windows binds an unbound socket to a unique local association.
            s.bind(&wildcard(s.family(), 0))?;
        }
        if flags != JL_SENDER_ONLY {
            local::refresh();
            join_group(s, m, &ctl, target)?;
        }
        let _ = m.destination.set(group.clone());
        slot(s).set(Paths::JOINED, true);
    }
    crate::log::debug(format_args!(
        "socket {}: joined {target} (flags {flags:#x})",
        s.fd()
    ));
    s.record_connect(0);
    Ok(())
}

/// `WSAJoinLeaf` on an IP UDP socket: Windows' checks (a c_leaf | d_leaf socket, a direction,
/// no QOS, no connect data), then [`join_leaf`]; `lpCalleeData`'s length becomes 0.
pub fn join<S: Host>(s: &S, req: JoinRequest<'_>) -> WsaResult<()> {
    check_leaf(s)?;
    let direction = req.direction()?;
    if req.sqos || req.gqos {
        return Err(WsaError::WSAEOPNOTSUPP);
    }
    if req.caller_data_unreadable || req.caller_data.is_some_and(|d| !d.is_empty()) {
        return Err(WsaError::WSAEPROTONOSUPPORT);
    }
    join_leaf(s, &req.name?, direction)?;
    if let Some(fill) = req.callee {
        fill(&[]);
    }
    Ok(())
}

/// Adds the membership on the interface Windows would use: the one the program chose
/// (`IP_MULTICAST_IF` / `IPV6_MULTICAST_IF`, or the group's scope id for IPv6), else the one
/// of the address the socket is bound to, else the system's default.
fn join_group<S: Host>(s: &S, m: &Multicast, ctl: &Control, target: SocketAddr) -> WsaResult<()> {
    let result = match target {
        SocketAddr::V4(g) => {
            let iface = ctl.iface_v4.unwrap_or_else(|| match m.bound.get() {
                Some(BoundAddr {
                    ip: IpAddr::V4(a), ..
                }) => V4Iface::Addr(*a),
                _ => V4Iface::Any,
            });
            sys::join_group_v4(s.fd(), *g.ip(), iface)
        }
        SocketAddr::V6(g) => {
            let index = if g.scope_id() != 0 {
                g.scope_id()
            } else {
                ctl.iface_v6
                    .or_else(|| m.bound.get().map(|b| b.index))
                    .unwrap_or(0)
            };
            sys::join_group_v6(s.fd(), *g.ip(), index)
        }
    };
    match result {
        Ok(()) => Ok(()),
        // Already a member (joined earlier with IP_ADD_MEMBERSHIP): nothing to add.
        Err(libc::EADDRINUSE) => Ok(()),
        // No such interface, or no route for the group.
        Err(libc::ENODEV) => Err(WsaError::WSAENETUNREACH),
        Err(e) => Err(WsaError::from_errno(e)),
    }
}

// ---- binding to an interface address ----------------------------------------------------------

/// Whether `ip` is one a socket binds to choose an interface: a unicast address of either
/// family (not the wildcard, a group, the broadcast address or an IPv4-mapped one).
fn is_interface_address(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(ip) => !ip.is_unspecified() && !ip.is_multicast() && !ip.is_broadcast(),
        IpAddr::V6(ip) => {
            !ip.is_unspecified() && !ip.is_multicast() && ip.to_ipv4_mapped().is_none()
        }
    }
}

/// The address a bind on `s` must emulate: a multipoint UDP socket bound to a unicast
/// (non-wildcard) address. Other binds go to the OS as they are (a plain UDP socket's bind is
/// emulated later, when it joins a group: [`emulate_bind_before_join`]).
pub fn emulated_bind_target<S: Host>(s: &S, addr: &SockAddr) -> Option<SocketAddr> {
    if !is_leaf(s) {
        return None;
    }
    addr.to_std().filter(|a| is_interface_address(a.ip()))
}

/// The index of the interface that owns `target`'s address (a link-local address names its
/// interface by scope id), and the scope id.
fn interface_of(target: SocketAddr) -> WsaResult<(u32, u32)> {
    let index = local::interface_of(target.ip()).ok_or(WsaError::WSAEADDRNOTAVAIL)?;
    let scope_id = match target {
        SocketAddr::V6(a) => a.scope_id(),
        SocketAddr::V4(_) => 0,
    };
    Ok((if scope_id != 0 { scope_id } else { index }, scope_id))
}

/// Binds `s` to the wildcard address with `target`'s port, and keeps `target`'s address as
/// the socket's own: its multicast interface, the only unicast destination it accepts, and
/// what `getsockname` reports.
pub fn bind_interface<S: Host>(s: &S, target: SocketAddr) -> WsaResult<()> {
    if s.is_bound_now() {
        return Err(WsaError::WSAEINVAL);
    }
    local::refresh();
    let (index, scope_id) = interface_of(target)?;
    let m = state(s);
    let ctl = m.control.lock();
    s.bind_native(&wildcard(s.family(), target.port()))?;
    take_interface_address(s, m, &ctl, target, index, scope_id)
}

/// Before a membership option (`IP_ADD_MEMBERSHIP`, `MCAST_JOIN_GROUP`, ...) or a source
/// filter joins a group: a UDP socket bound to one of the host's unicast addresses gets the
/// emulated bind of [`bind_interface`] now. The kernel delivers no multicast to a socket bound
/// to a unicast address, where Windows delivers the groups it joined on that address's
/// interface (legacy receivers bind so to choose the interface). The OS socket is replaced by
/// one bound to the wildcard address (`Host::move_to_wildcard`); when something holds the
/// old one, or the replacement fails, the socket stays as it is and the join goes ahead.
fn emulate_bind_before_join<S: Host>(s: &S) {
    let m = state(s);
    let ctl = m.control.lock();
    if m.bound.get().is_some() {
        return;
    }
    let Some(target) = sys::getsockname(s.fd())
        .ok()
        .and_then(|a| a.to_std())
        .filter(|a| a.port() != 0 && is_interface_address(a.ip()))
    else {
        return;
    };
    local::refresh();
    let fd = s.fd();
    let moved = interface_of(target).and_then(|(index, scope_id)| {
        if !s.move_to_wildcard(target.port())? {
            return Err(WsaError::WSAEWOULDBLOCK);
        }
        // The IPv4 interface the program chose (by address or index) is not copied.
        if let Some(iface) = ctl.iface_v4 {
            let _ = sys::set_multicast_if_v4(fd, iface);
        }
        take_interface_address(s, m, &ctl, target, index, scope_id)
    });
    if let Err(e) = moved {
        crate::log::warn(format_args!(
            "socket {fd}: bound to {target}, it receives no multicast ({e}: the kernel \
             delivers groups only to sockets bound to the wildcard address)"
        ));
    }
}

/// The rest of an emulated bind, once the OS socket is bound to the wildcard address:
/// `target`'s address becomes the socket's own.
fn take_interface_address<S: Host>(
    s: &S,
    m: &Multicast,
    ctl: &Control,
    target: SocketAddr,
    index: u32,
    scope_id: u32,
) -> WsaResult<()> {
    let fd = s.fd();
    sys::report_destination(fd, s.family()).map_err(WsaError::from_errno)?;
    // Sends leave by the bound address's interface (unless the program chose one), so the
    // group sees the bound address as the source.
    let chosen = match target {
        SocketAddr::V4(_) => ctl.iface_v4.is_some(),
        SocketAddr::V6(_) => ctl.iface_v6.is_some(),
    };
    if !chosen {
        let r = match target {
            SocketAddr::V4(a) => sys::set_multicast_if_v4(fd, V4Iface::Addr(*a.ip())),
            SocketAddr::V6(_) => sys::set_multicast_if_v6(fd, index),
        };
        if let Err(e) = r {
            crate::log::warn(format_args!(
                "socket {fd}: cannot send multicast by the bound interface ({})",
                WsaError::from_errno(e)
            ));
        }
    }
    let _ = m.bound.set(BoundAddr {
        ip: target.ip().to_canonical(),
        scope_id,
        index,
    });
    update_filter(s, m);
    crate::log::debug(format_args!(
        "socket {fd}: bound to {target} (the wildcard address underneath, interface {index})"
    ));
    Ok(())
}

/// The address `getsockname` reports for a socket bound with [`bind_interface`]: the bound
/// address with the port the OS chose.
pub fn reported_local_addr(bound: &BoundAddr, actual: &SockAddr) -> SockAddr {
    let port = actual.to_std().map_or(0, |a| a.port());
    match bound.ip {
        IpAddr::V4(ip) => SockAddr::from_std(SocketAddr::new(IpAddr::V4(ip), port)),
        IpAddr::V6(ip) => SockAddr::from_std(SocketAddr::V6(SocketAddrV6::new(
            ip,
            port,
            0,
            bound.scope_id,
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bound_socket_accepts_groups_broadcasts_and_its_own_address() {
        let bound: IpAddr = "192.0.2.1".parse().unwrap();
        let ok = |d: &str| wanted_destination(d.parse().unwrap(), bound);
        assert!(ok("192.0.2.1"));
        assert!(ok("239.1.2.3"));
        assert!(ok("255.255.255.255"));
        assert!(!ok("127.0.0.1"));
        assert!(!ok("192.0.2.2"));
        let bound6: IpAddr = "2001:db8::1".parse().unwrap();
        assert!(wanted_destination("2001:db8::1".parse().unwrap(), bound6));
        assert!(wanted_destination("ff15::1".parse().unwrap(), bound6));
        assert!(!wanted_destination("::1".parse().unwrap(), bound6));
    }

    #[test]
    fn the_filter_keeps_everything_by_default_and_drops_local_sources_without_loopback() {
        let m = Multicast::default();
        let local = SockAddr::from_std("127.0.0.1:5000".parse().unwrap());
        let remote = SockAddr::from_std("192.0.2.9:5000".parse().unwrap());
        assert!(!m.needs_filter());
        assert!(m.keeps(&local, None));
        m.loopback.store(false, Ordering::Relaxed);
        assert!(m.needs_filter());
        assert!(!m.keeps(&local, None));
        assert!(m.keeps(&remote, None));
        let unspecified = SockAddr::from_std("0.0.0.0:5000".parse().unwrap());
        assert!(
            !m.keeps(&unspecified, None),
            "0.0.0.0 is this host sending through a loopback-only route"
        );
        local::refresh();
        let lo = local::interface_of("127.0.0.1".parse().unwrap()).unwrap();
        let on_lo = sys::Arrival {
            dst: "239.1.1.1".parse().unwrap(),
            ifindex: lo,
        };
        assert!(
            !m.keeps(&remote, Some(on_lo)),
            "what arrived on lo was sent here"
        );
        let elsewhere = sys::Arrival {
            ifindex: 0,
            ..on_lo
        };
        assert!(m.keeps(&remote, Some(elsewhere)));
        let mapped = SockAddr::from_std("[::ffff:127.0.0.1]:5000".parse().unwrap());
        assert!(
            !m.keeps(&mapped, None),
            "an IPv4-mapped local source is local"
        );
    }

    #[test]
    fn a_slot_is_plain_until_a_path_bit_is_set_and_answers_only_through_its_bits() {
        let slot = Slot::new();
        assert!(slot.is_plain());
        assert!(slot.state().is_none() && slot.filter().is_none());
        let m = slot.state_or_init();
        let group = SockAddr::from_std("239.1.2.3:5000".parse().unwrap());
        let _ = m.destination.set(group.clone());
        assert!(slot.is_plain(), "state alone changes no path");
        assert!(slot.destination().is_none() && slot.filter().is_none());
        slot.set(Paths::JOINED, true);
        assert!(!slot.is_plain());
        assert_eq!(
            slot.destination().and_then(SockAddr::to_std),
            group.to_std()
        );
        assert!(slot.filter().is_none());
        slot.set(Paths::FILTERED, true);
        assert!(slot.filter().is_some());
        slot.set(Paths::FILTERED, false);
        assert!(slot.filter().is_none() && !slot.is_plain());
    }

    #[test]
    fn windows_option_values_are_four_bytes_or_one() {
        assert_eq!(read_value(&[]), Err(WsaError::WSAEFAULT));
        assert_eq!(read_value(&[7]), Ok(7));
        assert_eq!(read_value(&5u32.to_ne_bytes()), Ok(5));
    }
}

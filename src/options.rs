//! `setsockopt`, `getsockopt`, `ioctlsocket` and `WSAIoctl` with Windows' value types.
//!
//! Option *numbers* are the native ones (what a ported program sees in the system headers),
//! plus Winsock's own options with Windows' values. Option *values* follow Windows where they
//! differ: BOOLs and DWORDs are 4 bytes, `SO_RCVTIMEO`/`SO_SNDTIMEO` are milliseconds,
//! `struct linger` has `u_short` fields — and the native forms are accepted too, told apart by
//! their length (docs/WINDOWS.md §1.1).

use crate::catalog::Entry;
use crate::error::{WsaError, WsaResult};
use crate::provider::multicast;
use crate::runtime;
use crate::socket::Socket;
use crate::sys;
pub use crate::winsock::{
    PVD_CONFIG, SIO_GET_GROUP_QOS, SIO_GET_QOS, SIO_MULTICAST_SCOPE, SIO_MULTIPOINT_LOOPBACK,
    SIO_SET_GROUP_QOS, SIO_SET_QOS, SO_CONDITIONAL_ACCEPT, SO_GROUP_ID, SO_GROUP_PRIORITY,
    SO_MAX_MSG_SIZE, SO_PROTOCOL_INFOA, SO_PROTOCOL_INFOW,
};
use std::mem::size_of;

pub(crate) const WIN_SOL_SOCKET: i32 = 0xffff;

/// `SO_CONNECT_TIME` (getsockopt only): the seconds a stream socket has been connected, as a
/// DWORD; 0xFFFFFFFF while it is not connected.
pub const SO_CONNECT_TIME: i32 = 0x700c;
/// `SO_OPENTYPE`: Windows' per-thread default for new sockets' overlapped attribute
/// (`SO_SYNCHRONOUS_ALERT`, `SO_SYNCHRONOUS_NONALERT`, or 0). Stored per thread, as on Windows;
/// it changes nothing here (ws2mp performs no overlapped I/O).
pub const SO_OPENTYPE: i32 = 0x7008;
#[allow(dead_code)] // exported into ws2mp.h
pub const SO_SYNCHRONOUS_ALERT: i32 = 0x10;
#[allow(dead_code)] // exported into ws2mp.h
pub const SO_SYNCHRONOUS_NONALERT: i32 = 0x20;
/// `SO_BSP_STATE` (getsockopt only): a `CSADDR_INFO` with the socket's local and remote
/// addresses (stored after the structure, in the caller's buffer), type and protocol.
pub const SO_BSP_STATE: i32 = 0x1009;
/// `SO_UPDATE_ACCEPT_CONTEXT` (the value: the listening SOCKET) / `SO_UPDATE_CONNECT_CONTEXT`
/// (no value): after AcceptEx / ConnectEx. ws2mp's accept socket already is a complete
/// connection; the update gives it the listener's event selection or non-blocking mode, as an
/// accepted socket inherits them. The connect update changes nothing.
pub const SO_UPDATE_ACCEPT_CONTEXT: i32 = 0x700b;
pub const SO_UPDATE_CONNECT_CONTEXT: i32 = 0x7010;
/// `IP_DONTFRAGMENT` (a BOOL at `IPPROTO_IP`, and at `IPPROTO_IPV6` as on Windows). Windows
/// numbers it 14, which is `IP_MTU` on Linux; ws2mp gives it a number no system uses.
pub const IP_DONTFRAGMENT: i32 = 0x700e;
/// `WSAIoctl(SIO_KEEPALIVE_VALS)`: turns keep-alive on or off and sets the idle time and probe
/// interval (a `struct tcp_keepalive` of three ULONGs, milliseconds; rounded up to seconds).
pub const SIO_KEEPALIVE_VALS: u32 = 0x9800_0004;

/// Keys of the values `store_option` keeps for this module (outside every option number).
const KEPT_RCVBUF: i32 = -0x7001;
const KEPT_SNDBUF: i32 = -0x7002;
const KEPT_CONNECT_START: i32 = -0x7003;
const KEPT_EXCLUSIVE: i32 = -0x7004;
const KEPT_SO_ERROR: i32 = -0x7005;
const KEPT_RCVTIMEO: i32 = -0x7006;
const KEPT_SNDTIMEO: i32 = -0x7007;
const KEPT_DONTFRAG: i32 = -0x7008;
const KEPT_LINGER_ON: i32 = -0x7009;
const KEPT_DEBUG: i32 = -0x700a;
/// `SO_REUSEADDR` on a stream socket as the program set it (ws2mp also sets the kernel's flag
/// itself: see [`bind`]).
const KEPT_REUSE: i32 = -0x700b;
/// `IPV6_V6ONLY` as set on an IPv4 socket (see [`v6only_on_v4`]).
const KEPT_V6ONLY_ON_V4: i32 = -0x700c;
/// The milliseconds part of the connection's start (`KEPT_CONNECT_START` keeps the seconds).
const KEPT_CONNECT_START_MS: i32 = -0x700d;
/// The error of a failed connection attempt, as `SO_ERROR` first reported it: Windows keeps
/// reporting it (Linux clears it once read) until a connection succeeds.
const KEPT_CONNECT_ERROR: i32 = -0x700e;
/// Gives an accepted socket the values this module keeps for its listener (the buffer sizes,
/// timeouts and linger as the program set them; the kernel copies its own state), as Windows'
/// accepted sockets inherit the listener's options.
pub fn inherit(listener: &Socket, accepted: &Socket) {
    for key in [
        KEPT_RCVBUF,
        KEPT_SNDBUF,
        KEPT_RCVTIMEO,
        KEPT_SNDTIMEO,
        KEPT_LINGER_ON,
        KEPT_DEBUG,
        KEPT_DONTFRAG,
        KEPT_REUSE,
    ] {
        let v = listener.stored_option(key);
        if v != 0 {
            accepted.store_option(key, v);
        }
    }
}

/// Set with the value + 1, so that 0 (never set) is told apart from a program's 0.
fn keep(s: &Socket, key: i32, v: i32) {
    s.store_option(key, v.wrapping_add(1));
}
fn kept(s: &Socket, key: i32) -> Option<i32> {
    match s.stored_option(key) {
        0 => None,
        v => Some(v.wrapping_sub(1)),
    }
}

thread_local! {
    static OPEN_TYPE: std::cell::Cell<i32> = const { std::cell::Cell::new(0) };
}

/// Whether this is `SO_OPENTYPE`, which belongs to the calling thread and needs no socket.
pub fn open_type_option(level: i32, name: i32) -> bool {
    is_sol_socket(level) && name == SO_OPENTYPE
}

/// `setsockopt(SO_OPENTYPE)`: stored for the calling thread.
pub fn set_open_type(val: &[u8]) -> WsaResult<()> {
    if val.len() < 4 {
        return Err(WsaError::WSAEFAULT);
    }
    let v = read_i32(val)?;
    OPEN_TYPE.with(|t| t.set(v));
    Ok(())
}

/// The calling thread's `SO_OPENTYPE` (0, or `SO_SYNCHRONOUS_ALERT` / `_NONALERT`: `socket`
/// then creates sockets without `WSA_FLAG_OVERLAPPED`).
pub fn open_type() -> i32 {
    OPEN_TYPE.with(|t| t.get())
}

/// `getsockopt(SO_OPENTYPE)`: the calling thread's value (0 until set).
pub fn get_open_type(cap: usize) -> WsaResult<OptValue> {
    need(cap, 4)?;
    Ok(int_value(OPEN_TYPE.with(|t| t.get())))
}

/// What every new socket gets: Windows' defaults where they differ from the system's.
/// `IPV6_V6ONLY` is TRUE on Windows, so a dual-stack server can bind 0.0.0.0:p and [::]:p.
pub fn on_create(s: &Socket) {
    if s.family == libc::AF_INET6 {
        let _ = sys::setsockopt(s.fd(), libc::IPPROTO_IPV6, libc::IPV6_V6ONLY, 1i32);
    }
}

/// Records when a stream socket's connection began (a connect call or an accept), for
/// `SO_CONNECT_TIME`.
pub fn mark_connect_start(s: &Socket) {
    if s.is_stream() {
        let now = sys::coarse_millis();
        keep(s, KEPT_CONNECT_START, (now / 1000) as i32);
        keep(s, KEPT_CONNECT_START_MS, (now % 1000) as i32);
    }
}

/// Whether a TCP socket is on Windows' default port rules: it asked for neither sharing nor
/// exclusive use (`SO_REUSEADDR`, `SO_EXCLUSIVEADDRUSE`). See [`bind`].
fn windows_default_port_use(s: &Socket) -> bool {
    s.is_stream()
        && s.rooted().is_none()
        && matches!(s.family, libc::AF_INET | libc::AF_INET6)
        && !reuse_address(s)
        && kept(s, KEPT_EXCLUSIVE).unwrap_or(0) == 0
}

/// `bind` with Windows' view of ports left in `TIME_WAIT`: on Windows a TCP socket binds a
/// port whose only users are connections in `TIME_WAIT` (a server restarted at once binds its
/// port again), where POSIX refuses (`EADDRINUSE`) unless both the old and the new socket set
/// `SO_REUSEADDR`. So a TCP socket on Windows' default rules first binds as POSIX does, which
/// still refuses every port another socket holds, as Windows does; when that is refused and
/// the system lists nothing but `TIME_WAIT` on the port (Linux), it binds again with the
/// kernel's `SO_REUSEADDR` (on for that bind only). [`before_listen`] sets the kernel's flag on every listening
/// socket on the default rules, so the `TIME_WAIT`s of its connections (the kernel records
/// the flag in them) can be passed so. The program's own `SO_REUSEADDR` reads back as it set
/// it. Other refusals get [`bind_error`]'s mapping.
pub fn bind(s: &Socket, addr: &crate::addr::SockAddr) -> WsaResult<()> {
    let mut result = s.bind(addr);
    if result == Err(WsaError::WSAEADDRINUSE) && windows_default_port_use(s) {
        let port = addr.to_std().map_or(0, |a| a.port());
        if port != 0 && sys::tcp_port_only_in_time_wait(port) {
            let _ = sys::set_reuse_address(s.fd(), true, false);
            result = s.bind(addr);
            // Off again until `listen`: a socket that is only bound appears in no system
            // table, so a later bind of the port must meet the kernel's own refusal.
            let _ = sys::set_reuse_address(s.fd(), false, false);
            if result.is_err() {
                result = Err(WsaError::WSAEADDRINUSE);
            }
        }
    }
    result.map_err(|e| bind_error(s, addr, e))
}

/// Before `listen`: a TCP socket on Windows' default port rules gets the kernel's
/// `SO_REUSEADDR` (see [`bind`]); a listening socket holds its port against every other
/// bind either way.
pub fn before_listen(s: &Socket) {
    if windows_default_port_use(s) {
        let _ = sys::set_reuse_address(s.fd(), true, false);
    }
}

/// Windows' error for a bind of `addr` the system refused with `EADDRINUSE`: a socket that
/// asked to share the address (`SO_REUSEADDR`) but may not, because the holder is exclusive
/// (Windows 2003 and later treat every TCP holder so), gets `WSAEACCES`; so does a socket
/// whose port a socket of this process holds with `SO_EXCLUSIVEADDRUSE` on another address.
fn bind_error(s: &Socket, addr: &crate::addr::SockAddr, e: WsaError) -> WsaError {
    if e != WsaError::WSAEADDRINUSE {
        return e;
    }
    if reuse_address(s) {
        return WsaError::WSAEACCES;
    }
    // The exclusive holder covers the port on other addresses (its wildcard, or the other
    // family's); the very same address stays WSAEADDRINUSE, as on Windows.
    let Some(wanted) = addr.to_std().filter(|a| a.port() != 0) else {
        return e;
    };
    let exclusive_holder = crate::socket::registry::all().iter().any(|other| {
        other.fd() != s.fd()
            && other.is_stream() == s.is_stream()
            && kept(other, KEPT_EXCLUSIVE).unwrap_or(0) != 0
            && sys::getsockname(other.fd())
                .ok()
                .and_then(|a| a.to_std())
                .is_some_and(|a| a.port() == wanted.port() && a.ip() != wanted.ip())
    });
    if exclusive_holder {
        WsaError::WSAEACCES
    } else {
        e
    }
}

fn set_dont_fragment(s: &Socket, level: i32, on: bool) -> WsaResult<()> {
    if s.is_stream() {
        // TCP discovers the path MTU (DF set) from the start, as on Windows; what the program
        // sets is kept for reading back.
        keep(s, KEPT_DONTFRAG, i32::from(on));
    }
    if level == libc::IPPROTO_IPV6 {
        if s.family != libc::AF_INET6 {
            return Err(WsaError::WSAEINVAL);
        }
        return sys::setsockopt(s.fd(), level, libc::IPV6_DONTFRAG, i32::from(on)).map_err(native);
    }
    sys::set_dont_fragment_v4(s.fd(), on).map_err(native)
}

fn get_dont_fragment(s: &Socket, level: i32) -> WsaResult<bool> {
    if s.is_stream() && (level != libc::IPPROTO_IPV6 || s.family == libc::AF_INET6) {
        return Ok(kept(s, KEPT_DONTFRAG).unwrap_or(1) != 0);
    }
    if level == libc::IPPROTO_IPV6 {
        if s.family != libc::AF_INET6 {
            return Err(WsaError::WSAEINVAL);
        }
        let v: i32 = sys::getsockopt(s.fd(), level, libc::IPV6_DONTFRAG).map_err(native)?;
        return Ok(v != 0);
    }
    sys::dont_fragment_v4(s.fd()).map_err(native)
}

/// `SIO_KEEPALIVE_VALS`: `onoff`, then idle time and interval in milliseconds.
pub fn keepalive_vals(s: &Socket, on: bool, time_ms: u32, interval_ms: u32) -> WsaResult<()> {
    if !s.is_stream() {
        return Err(WsaError::WSAEINVAL);
    }
    sys::setsockopt(s.fd(), libc::SOL_SOCKET, libc::SO_KEEPALIVE, i32::from(on)).map_err(native)?;
    if on {
        let secs = |ms: u32| (ms.div_ceil(1000)).clamp(1, 32767) as i32;
        #[cfg(not(apple))]
        let idle = libc::TCP_KEEPIDLE;
        #[cfg(apple)]
        let idle = libc::TCP_KEEPALIVE;
        sys::setsockopt(s.fd(), libc::IPPROTO_TCP, idle, secs(time_ms)).map_err(native)?;
        sys::setsockopt(
            s.fd(),
            libc::IPPROTO_TCP,
            libc::TCP_KEEPINTVL,
            secs(interval_ms),
        )
        .map_err(native)?;
    }
    Ok(())
}
/// Size of Windows' `CSADDR_INFO` (two `SOCKET_ADDRESS`es of a pointer and an int, two ints).
pub(crate) const CSADDR_INFO_SIZE: usize = 2 * (2 * size_of::<usize>()) + 8;
pub(crate) const SO_DONTLINGER: i32 = !libc::SO_LINGER;
pub(crate) const SO_EXCLUSIVEADDRUSE: i32 = !libc::SO_REUSEADDR;

pub(crate) const WIN_FIONBIO: u32 = 0x8004_667e;
pub(crate) const WIN_FIONREAD: u32 = 0x4004_667f;
pub(crate) const WIN_SIOCATMARK: u32 = 0x4004_7307;

const NATIVE_LINGER: i32 = sys::LINGER_SECONDS;

fn is_sol_socket(level: i32) -> bool {
    level == libc::SOL_SOCKET || level == WIN_SOL_SOCKET
}

/// Winsock rejects a level its provider does not know with `WSAEINVAL` (POSIX says
/// `ENOPROTOOPT` or `EOPNOTSUPP`). The TCP/UDP providers know the socket, IP, IPv6, TCP and UDP
/// levels; sockets outside the catalog (raw, `AF_UNIX`) pass any level to the OS.
fn check_level(s: &Socket, level: i32) -> WsaResult<()> {
    let known = [
        libc::IPPROTO_IP,
        libc::IPPROTO_IPV6,
        libc::IPPROTO_TCP,
        libc::IPPROTO_UDP,
    ];
    if s.entry.is_some() && !is_sol_socket(level) && !known.contains(&level) {
        return Err(WsaError::WSAEINVAL);
    }
    // IPv6-level options on an IPv4 socket: Windows rejects the level for that socket
    // (Linux says ENOPROTOOPT), IPV6_V6ONLY aside (`v6only_on_v4`).
    if s.entry.is_some() && level == libc::IPPROTO_IPV6 && s.family == libc::AF_INET {
        return Err(WsaError::WSAEINVAL);
    }
    Ok(())
}

/// Whether this is `SO_UPDATE_CONNECT_CONTEXT` (which takes no value: `setsockopt` accepts it
/// with a NULL `optval`).
pub fn is_update_connect_context(level: i32, name: i32) -> bool {
    (level == libc::SOL_SOCKET || level == 0xffff) && name == SO_UPDATE_CONNECT_CONTEXT
}

/// `SO_UPDATE_ACCEPT_CONTEXT`: the value is a SOCKET (4 bytes are enough; the upper half of a
/// 64-bit SOCKET is 0). A value that names no socket is `WSAENOTSOCK`; a listening socket's
/// event selection or non-blocking mode is inherited.
fn update_accept_context(s: &Socket, val: &[u8]) -> WsaResult<()> {
    if val.len() < 4 {
        return Err(WsaError::WSAEFAULT);
    }
    let mut word = [0u8; 8];
    let n = val.len().min(std::mem::size_of::<usize>());
    word[..n].copy_from_slice(&val[..n]);
    let fd = i32::try_from(u64::from_ne_bytes(word)).map_err(|_| WsaError::WSAENOTSOCK)?;
    let listener = crate::socket::registry::get(fd).ok_or(WsaError::WSAENOTSOCK)?;
    if listener.is_listening() && s.is_connected() && !s.is_selected() {
        s.inherit_selection_from(&listener)?;
    }
    Ok(())
}

fn read_i32(val: &[u8]) -> WsaResult<i32> {
    match val.len() {
        0 => Err(WsaError::WSAEFAULT),
        // A BOOL passed as a one-byte char, as some Windows programs do.
        1..=3 => Ok(i32::from(val[0])),
        _ => Ok(i32::from_ne_bytes([val[0], val[1], val[2], val[3]])),
    }
}

fn read_u16_pair(val: &[u8]) -> (u16, u16) {
    (
        u16::from_ne_bytes([val[0], val[1]]),
        u16::from_ne_bytes([val[2], val[3]]),
    )
}

fn native(e: i32) -> WsaError {
    WsaError::from_errno(e)
}

/// What a `getsockopt` produced: the bytes to copy out.
pub enum OptValue {
    Bytes(Vec<u8>),
    /// Bytes to write and the (smaller) length to report in `*optlen`: Windows' socket-level
    /// BOOLs fill a 2-byte buffer but report 1 byte.
    Reported(Vec<u8>, usize),
    /// The buffer is zeroed (`*optlen` bytes), then the call fails with `WSAEFAULT`: Windows'
    /// `SO_LINGER`, `SO_RCVBUF`, `SO_SNDBUF` with a buffer shorter than 4 bytes.
    ZeroedFault,
    /// `*optlen` is set to 0, then the call fails with `WSAEFAULT`: Windows' 4-byte-only
    /// TCP/IP options (`TCP_KEEPALIVE`, `IP_PKTINFO`, ...) with a shorter buffer.
    FaultNoLength,
    /// `SO_PROTOCOL_INFOA`/`W`: the caller fills the structure from this entry.
    ProtocolInfo(&'static Entry),
    /// `SO_BSP_STATE`: the caller lays out a `CSADDR_INFO` followed by the two address slots
    /// (`slot` bytes each), pointing into its own buffer.
    BspState {
        local: Option<Vec<u8>>,
        remote: Option<Vec<u8>>,
        slot: usize,
        socket_type: i32,
        protocol: i32,
    },
}

/// The socket-level BOOL options. Windows' getsockopt answers them in a buffer shorter than a
/// BOOL too, with one byte.
const BOOL_OPTIONS: [i32; 6] = [
    libc::SO_BROADCAST,
    libc::SO_DEBUG,
    libc::SO_DONTROUTE,
    libc::SO_KEEPALIVE,
    libc::SO_OOBINLINE,
    libc::SO_REUSEADDR,
];

/// The socket-level BOOLs a zero `optlen` sets without reading anything (Windows succeeds).
const ZERO_LENGTH_BOOLS: [i32; 5] = [
    libc::SO_BROADCAST,
    SO_DONTLINGER,
    libc::SO_OOBINLINE,
    libc::SO_REUSEADDR,
    SO_EXCLUSIVEADDRUSE,
];

/// Options Windows keeps in ONE byte: getsockopt writes and reports 1 byte whatever the buffer
/// size, and setsockopt reads only the first byte of the value (0x100 is FALSE).
fn is_byte_option(level: i32, name: i32) -> bool {
    (is_sol_socket(level) && (name == libc::SO_KEEPALIVE || name == libc::SO_DONTROUTE))
        || (level == libc::IPPROTO_TCP && name == libc::TCP_NODELAY)
        || (level == libc::IPPROTO_IPV6 && name == libc::IPV6_V6ONLY)
}

/// Options Windows takes only as a full 4-byte value: a shorter `setsockopt` value is
/// `WSAEFAULT`, and so is a shorter `getsockopt` buffer (which is told 0 bytes).
fn is_four_byte_option(level: i32, name: i32) -> bool {
    match level {
        libc::IPPROTO_TCP => name != libc::TCP_NODELAY,
        libc::IPPROTO_IP => RECEIVE_INFO_V4.contains(&name),
        libc::IPPROTO_IPV6 => RECEIVE_INFO_V6.contains(&name),
        _ => false,
    }
}

/// The options that ask for information with each received datagram (IPv4, IPv6).
const RECEIVE_INFO_V4: [i32; 3] = [sys::IP_PKTINFO_OPTION, libc::IP_RECVTOS, libc::IP_RECVTTL];
const RECEIVE_INFO_V6: [i32; 5] = [
    libc::IPV6_PKTINFO,
    libc::IPV6_HOPLIMIT,
    libc::IPV6_RECVPKTINFO,
    libc::IPV6_RECVHOPLIMIT,
    libc::IPV6_RECVTCLASS,
];

/// The multicast and receive-information options, which `getsockopt` on a Windows TCP socket
/// refuses with `WSAEINVAL` (observed).
fn is_datagram_option(level: i32, name: i32) -> bool {
    match level {
        libc::IPPROTO_IP => {
            [
                libc::IP_MULTICAST_IF,
                libc::IP_MULTICAST_TTL,
                libc::IP_MULTICAST_LOOP,
            ]
            .contains(&name)
                || RECEIVE_INFO_V4.contains(&name)
        }
        libc::IPPROTO_IPV6 => {
            [
                libc::IPV6_MULTICAST_IF,
                libc::IPV6_MULTICAST_HOPS,
                libc::IPV6_MULTICAST_LOOP,
            ]
            .contains(&name)
                || RECEIVE_INFO_V6.contains(&name)
        }
        _ => false,
    }
}

/// Windows' `IPV6_PKTINFO` and `IPV6_HOPLIMIT` are the flags that ask for that information
/// with each datagram: the system's `IPV6_RECVPKTINFO` / `IPV6_RECVHOPLIMIT` (the system's
/// own `IPV6_PKTINFO` takes a whole `in6_pktinfo`, which a ported program still may pass).
fn ipv6_receive_flag(level: i32, name: i32, len: usize) -> i32 {
    if level != libc::IPPROTO_IPV6 || len >= size_of::<libc::in6_pktinfo>() {
        return name;
    }
    match name {
        libc::IPV6_PKTINFO => libc::IPV6_RECVPKTINFO,
        libc::IPV6_HOPLIMIT => libc::IPV6_RECVHOPLIMIT,
        n => n,
    }
}

/// How many bytes of the program's value `setsockopt` reads, by Windows' rules for `optlen`
/// (the caller has checked `optval` is not NULL): a negative length is taken as 4 for the
/// socket-level options that hold 4 bytes and fails with `WSAENOBUFS` for the others; a zero
/// length sets the socket-level BOOLs to nothing (success, `None`) and fails with `WSAEFAULT`
/// for the others.
pub fn set_length(level: i32, name: i32, optlen: i32) -> WsaResult<Option<usize>> {
    if optlen < 0 {
        if is_sol_socket(level) && !is_byte_option(level, name) {
            return Ok(Some(4));
        }
        return Err(WsaError::WSAENOBUFS);
    }
    if optlen == 0 {
        if is_sol_socket(level) && ZERO_LENGTH_BOOLS.contains(&name) {
            return Ok(None);
        }
        if level == libc::IPPROTO_IP && name == sys::IP_OPTIONS {
            // No IP options: clears them (what a getsockopt of none reads back).
            return Ok(Some(0));
        }
        return Err(WsaError::WSAEFAULT);
    }
    Ok(Some(optlen as usize))
}

/// A BOOL as getsockopt returns it: 4 bytes; into a shorter buffer Windows writes up to 2
/// bytes of the value and reports 1.
fn bool_value(on: bool, cap: usize) -> OptValue {
    if cap < 4 {
        let mut b = vec![0u8; cap.min(2)];
        b[0] = u8::from(on);
        OptValue::Reported(b, 1)
    } else {
        int_value(i32::from(on))
    }
}

fn int_value(v: i32) -> OptValue {
    OptValue::Bytes(v.to_ne_bytes().to_vec())
}

fn set_timeout(s: &Socket, name: i32, val: &[u8]) -> WsaResult<()> {
    let timeval = (val.len() == size_of::<libc::timeval>())
        .then(|| sys::read_pod::<libc::timeval>(val))
        .flatten();
    let key = if name == libc::SO_RCVTIMEO {
        KEPT_RCVTIMEO
    } else {
        KEPT_SNDTIMEO
    };
    let tv = if let Some(tv) = timeval {
        // A native struct timeval, as a ported program declares it.
        s.store_option(key, 0);
        tv
    } else if val.len() >= 4 {
        // Windows: a DWORD of milliseconds, 0 = no timeout. Kept, so that it reads back
        // exactly (the kernel rounds to its clock tick).
        let ms = u32::from_ne_bytes([val[0], val[1], val[2], val[3]]);
        keep(s, key, ms as i32);
        libc::timeval {
            tv_sec: (ms / 1000) as _,
            tv_usec: ((ms % 1000) * 1000) as _,
        }
    } else {
        return Err(WsaError::WSAEFAULT);
    };
    sys::setsockopt(s.fd(), libc::SOL_SOCKET, name, tv).map_err(native)
}

fn set_linger(s: &Socket, val: &[u8]) -> WsaResult<()> {
    let lg = if let Some(lg) = sys::read_pod::<libc::linger>(val) {
        // The native struct linger.
        s.store_option(KEPT_LINGER_ON, 0);
        lg
    } else if val.len() >= 4 {
        let (on, secs) = read_u16_pair(val);
        // Windows reads back l_onoff as it was set (0x100 stays 0x100).
        keep(s, KEPT_LINGER_ON, i32::from(on));
        libc::linger {
            l_onoff: on.into(),
            l_linger: secs.into(),
        }
    } else {
        return Err(WsaError::WSAEFAULT);
    };
    if !s.is_stream() {
        return Err(WsaError::WSAENOPROTOOPT);
    }
    sys::setsockopt(s.fd(), libc::SOL_SOCKET, NATIVE_LINGER, lg).map_err(native)
}

/// Winsock 1.1's `IP_ADD_MEMBERSHIP` and `IP_DROP_MEMBERSHIP` (5 and 6 in `<winsock.h>`; 12
/// and 13 in Winsock 2), which a 1.1 program may spell as numbers: Windows' wsock32 renumbers
/// them for Winsock 2. The system's 5 and 6 are other IP options (Linux: `IP_ROUTER_ALERT`, for
/// raw sockets only, and `IP_RECVOPTS`, an int), so only a 1.1 session's datagram socket given
/// an `ip_mreq` (8 bytes) is taken to mean the membership.
fn winsock1_membership(s: &Socket, level: i32, name: i32, len: usize) -> i32 {
    const WS1_IP_ADD_MEMBERSHIP: i32 = 5;
    const WS1_IP_DROP_MEMBERSHIP: i32 = 6;
    if level != libc::IPPROTO_IP
        || len != size_of::<libc::ip_mreq>()
        || s.socket_type != libc::SOCK_DGRAM
        || !runtime::is_one_x_session()
    {
        return name;
    }
    match name {
        WS1_IP_ADD_MEMBERSHIP => libc::IP_ADD_MEMBERSHIP,
        WS1_IP_DROP_MEMBERSHIP => libc::IP_DROP_MEMBERSHIP,
        n => n,
    }
}

/// `IPV6_V6ONLY` on an IPv4 socket: Windows accepts it (the value is kept and read back, 1 at
/// first) until the socket is bound, then refuses to change it; the other IPv6-level options
/// stay refused on such a socket ([`check_level`]). Programs that set the option on every
/// socket of a `getaddrinfo` list, IPv4 ones included, rely on it (Wine's ws2_32 conformance
/// test `test_ipv6only`, which runs on Windows).
fn v6only_on_v4(s: &Socket, level: i32, name: i32) -> bool {
    s.entry.is_some()
        && s.family == libc::AF_INET
        && level == libc::IPPROTO_IPV6
        && name == libc::IPV6_V6ONLY
}

/// `setsockopt`.
pub fn set(s: &Socket, level: i32, name: i32, val: &[u8]) -> WsaResult<()> {
    if v6only_on_v4(s, level, name) {
        let Some(&first) = val.first() else {
            return Err(WsaError::WSAEFAULT);
        };
        if s.is_bound_now() {
            return Err(WsaError::WSAEINVAL);
        }
        keep(s, KEPT_V6ONLY_ON_V4, i32::from(first != 0));
        return Ok(());
    }
    check_level(s, level)?;
    let name = winsock1_membership(s, level, name, val.len());
    if is_byte_option(level, name) && !val.is_empty() {
        let native_level = if is_sol_socket(level) {
            libc::SOL_SOCKET
        } else {
            level
        };
        return sys::setsockopt(s.fd(), native_level, name, i32::from(val[0] != 0)).map_err(native);
    }
    if is_sol_socket(level) {
        match name {
            libc::SO_RCVTIMEO | libc::SO_SNDTIMEO => return set_timeout(s, name, val),
            libc::SO_LINGER => return set_linger(s, val),
            SO_DONTLINGER => {
                // Sets l_onoff only (to the opposite of the value); the linger time set
                // earlier with SO_LINGER is kept, so FALSE lingers for that time again rather
                // than turning closesocket into an abortive close.
                let on = read_i32(val)? != 0;
                if !s.is_stream() {
                    return Err(WsaError::WSAENOPROTOOPT);
                }
                let mut lg: libc::linger =
                    sys::getsockopt(s.fd(), libc::SOL_SOCKET, NATIVE_LINGER).map_err(native)?;
                lg.l_onoff = i32::from(!on);
                s.store_option(KEPT_LINGER_ON, 0);
                return sys::setsockopt(s.fd(), libc::SOL_SOCKET, NATIVE_LINGER, lg)
                    .map_err(native);
            }
            SO_EXCLUSIVEADDRUSE => {
                // Without SO_REUSEADDR, POSIX binds are already exclusive. Windows refuses the
                // option on a socket that has SO_REUSEADDR, and the other way round.
                let on = read_i32(val)? != 0;
                if on && reuse_address(s) {
                    return Err(WsaError::WSAEINVAL);
                }
                keep(s, KEPT_EXCLUSIVE, i32::from(on));
                return Ok(());
            }
            libc::SO_RCVBUF | libc::SO_SNDBUF => {
                // Windows reads back the value set (Linux doubles it and has a floor). A DWORD:
                // shorter values are refused.
                if val.len() < 4 {
                    return Err(WsaError::WSAEFAULT);
                }
                let v = read_i32(val)?;
                // 0 is Windows' "no buffering in the stack": sends still complete (a
                // non-blocking send is taken whole) and data goes straight into the receives
                // the program posted, however fast it comes (an overlapped UDP receiver, a
                // TCP server with receives outstanding). The kernel has no such mode: its
                // minimum buffer would drop a burst of datagrams and shrink a TCP window to
                // a few KiB, so it keeps the buffer it has.
                if v > 0 {
                    sys::set_buffer_size(s.fd(), name, v).map_err(native)?;
                }
                let key = if name == libc::SO_RCVBUF {
                    KEPT_RCVBUF
                } else {
                    KEPT_SNDBUF
                };
                keep(s, key, v);
                return Ok(());
            }
            SO_CONNECT_TIME => return Err(WsaError::WSAENOPROTOOPT),
            libc::SO_DEBUG if val.len() >= 4 => {
                // Any program may set it on Windows (read back as 0/1); Linux lets only a
                // privileged process turn the kernel's socket debugging on, so ws2mp keeps the
                // value and passes it on where the system takes it.
                let on = i32::from(read_i32(val)? != 0);
                let _ = sys::setsockopt(s.fd(), libc::SOL_SOCKET, libc::SO_DEBUG, on);
                keep(s, KEPT_DEBUG, on);
                return Ok(());
            }
            // Read-only; Windows refuses it with WSAEINVAL on datagram sockets and
            // WSAENOPROTOOPT on streams (observed).
            libc::SO_TYPE if !s.is_stream() => return Err(WsaError::WSAEINVAL),
            libc::SO_ERROR => {
                // Windows stores the value; getsockopt returns it while no error is pending
                // (it replaces a failed connect's error).
                keep(s, KEPT_SO_ERROR, read_i32(val)?);
                keep(s, KEPT_CONNECT_ERROR, 0);
                return Ok(());
            }
            SO_UPDATE_ACCEPT_CONTEXT => return update_accept_context(s, val),
            SO_UPDATE_CONNECT_CONTEXT => return Ok(()),
            SO_PROTOCOL_INFOA | SO_PROTOCOL_INFOW | SO_MAX_MSG_SIZE | SO_GROUP_ID
            | SO_BSP_STATE => {
                // Read-only options.
                return Err(WsaError::WSAENOPROTOOPT);
            }
            SO_GROUP_PRIORITY | SO_CONDITIONAL_ACCEPT => {
                // Kept for getsockopt; neither changes behaviour (Windows TCP ignores
                // SO_CONDITIONAL_ACCEPT too, and ws2mp has no socket groups).
                s.store_option(name, read_i32(val)?);
                return Ok(());
            }
            PVD_CONFIG => return Err(WsaError::WSAENOPROTOOPT),
            libc::SO_REUSEADDR => {
                // Shared multicast ports need SO_REUSEPORT as well on macOS.
                let on = read_i32(val)? != 0;
                if on && kept(s, KEPT_EXCLUSIVE).unwrap_or(0) != 0 {
                    return Err(WsaError::WSAEINVAL);
                }
                if s.is_stream() {
                    keep(s, KEPT_REUSE, i32::from(on));
                }
                return sys::set_reuse_address(s.fd(), on, !s.is_stream()).map_err(native);
            }
            _ => {}
        }
        let v = read_i32(val)?;
        if name == libc::SO_OOBINLINE && v != 0 {
            s.before_oob_inline();
        }
        sys::setsockopt(s.fd(), libc::SOL_SOCKET, name, v).map_err(native)?;
        if name == libc::SO_OOBINLINE {
            s.set_oob_inline(v != 0);
        }
        return Ok(());
    }
    if level == libc::IPPROTO_IP && name == sys::IP_OPTIONS && val.is_empty() {
        return sys::setsockopt_raw(s.fd(), level, name, val).map_err(native);
    }
    if val.is_empty() {
        return Err(WsaError::WSAEFAULT);
    }
    if level == libc::IPPROTO_IP && name == libc::IP_HDRINCL && s.socket_type != libc::SOCK_RAW {
        // Only raw sockets carry their own IP header (Windows: WSAEINVAL elsewhere).
        return Err(WsaError::WSAEINVAL);
    }
    if val.len() < 4 && is_four_byte_option(level, name) {
        return Err(WsaError::WSAEFAULT);
    }
    let name = ipv6_receive_flag(level, name, val.len());
    if name == IP_DONTFRAGMENT && (level == libc::IPPROTO_IP || level == libc::IPPROTO_IPV6) {
        return set_dont_fragment(s, level, read_i32(val)? != 0);
    }
    if level == libc::IPPROTO_IP && name == libc::IP_TOS && !(0..=255).contains(&read_i32(val)?) {
        // Windows refuses a type of service that does not fit its byte.
        return Err(WsaError::WSAEINVAL);
    }
    if let Some(result) = multicast::set_option(s, level, name, val) {
        // IP_MULTICAST_LOOP (receive-side, as on Windows), the TTL/hops and interface options
        // with Windows' value types.
        return result;
    }
    if val.len() < 4
        && (level == libc::IPPROTO_IP || level == libc::IPPROTO_IPV6 || level == libc::IPPROTO_TCP)
    {
        // One-byte values (an IP_MULTICAST_TTL as u_char, say) are widened to the int the
        // kernel expects everywhere.
        let v = read_i32(val)?;
        return sys::setsockopt(s.fd(), level, name, v).map_err(native);
    }
    sys::setsockopt_raw(s.fd(), level, name, val).map_err(native)
}

/// `getsockopt`. `cap` is the caller's buffer size (`*optlen`).
pub fn get(s: &Socket, level: i32, name: i32, cap: usize) -> WsaResult<OptValue> {
    if v6only_on_v4(s, level, name) {
        let on = kept(s, KEPT_V6ONLY_ON_V4).unwrap_or(1);
        return Ok(OptValue::Bytes(vec![u8::from(on != 0)]));
    }
    check_level(s, level)?;
    if is_byte_option(level, name) {
        let native_level = if is_sol_socket(level) {
            libc::SOL_SOCKET
        } else {
            level
        };
        let v: i32 = sys::getsockopt(s.fd(), native_level, name).map_err(native)?;
        return Ok(OptValue::Bytes(vec![u8::from(v != 0)]));
    }
    if is_sol_socket(level) {
        match name {
            SO_PROTOCOL_INFOA | SO_PROTOCOL_INFOW => {
                // The caller checks the buffer size (a short one learns the size needed). Raw
                // IP sockets are described by the catalog's hidden raw entries.
                let raw = || {
                    (s.socket_type == libc::SOCK_RAW)
                        .then(|| crate::catalog::raw_entry_for(s.family))
                        .flatten()
                };
                return s
                    .entry
                    .or_else(raw)
                    .map(OptValue::ProtocolInfo)
                    .ok_or(WsaError::WSAENOPROTOOPT);
            }
            SO_BSP_STATE => {
                let slot = if s.family == libc::AF_INET6 {
                    size_of::<libc::sockaddr_in6>()
                } else {
                    size_of::<libc::sockaddr_in>()
                };
                if cap < CSADDR_INFO_SIZE + 2 * slot {
                    return Err(WsaError::WSAEFAULT);
                }
                let bytes =
                    |a: crate::addr::SockAddr| a.as_bytes()[..slot.min(a.len() as usize)].to_vec();
                let local = sys::getsockname(s.fd())
                    .ok()
                    .filter(|a| a.to_std().is_some_and(|a| a.port() != 0))
                    .map(bytes);
                let remote = sys::getpeername(s.fd()).ok().map(bytes);
                return Ok(OptValue::BspState {
                    local,
                    remote,
                    slot,
                    socket_type: s.socket_type,
                    protocol: s.entry.map_or(s.protocol, |e| e.protocol),
                });
            }
            SO_MAX_MSG_SIZE => {
                need(cap, 4)?;
                let size = match s.entry {
                    Some(e) if e.message_size != 0 => e.message_size,
                    _ => return Err(WsaError::WSAENOPROTOOPT),
                };
                return Ok(int_value(size as i32));
            }
            SO_GROUP_ID => {
                need(cap, 4)?;
                return Ok(int_value(0));
            }
            SO_GROUP_PRIORITY | SO_CONDITIONAL_ACCEPT => {
                need(cap, 4)?;
                return Ok(int_value(s.stored_option(name)));
            }
            libc::SO_ERROR => {
                need(cap, 4)?;
                let err = sys::take_socket_error(s.fd());
                crate::error::set_last_error(0);
                // A stream socket's failed connect: Windows reports the error at every read,
                // until a connection succeeds (reading does not clear it; connecting again
                // does not either).
                let unconnected = s.is_stream() && sys::getpeername(s.fd()).is_err();
                let code = if err != 0 {
                    let code = WsaError::from_errno(err).0;
                    if unconnected {
                        keep(s, KEPT_CONNECT_ERROR, code);
                    }
                    code
                } else {
                    match kept(s, KEPT_CONNECT_ERROR) {
                        Some(code) if code != 0 && unconnected => code,
                        _ => kept(s, KEPT_SO_ERROR).unwrap_or(0),
                    }
                };
                return Ok(int_value(code));
            }
            SO_EXCLUSIVEADDRUSE => {
                return Ok(bool_value(kept(s, KEPT_EXCLUSIVE).unwrap_or(0) != 0, cap));
            }
            SO_CONNECT_TIME => {
                need(cap, 4)?;
                let connected = s.is_stream() && sys::getpeername(s.fd()).is_ok();
                // Whole seconds of connection (a connection made 10 ms ago is 0 even when a
                // second of the clock turned meanwhile).
                let secs = match kept(s, KEPT_CONNECT_START) {
                    Some(start) if connected => {
                        let now = sys::coarse_millis();
                        let start_ms = i64::from(start) * 1000
                            + i64::from(kept(s, KEPT_CONNECT_START_MS).unwrap_or(0));
                        let now_ms = i64::from((now / 1000) as i32) * 1000 + (now % 1000) as i64;
                        ((now_ms - start_ms).max(0) / 1000) as i32
                    }
                    _ => -1, // 0xFFFFFFFF: not connected
                };
                return Ok(int_value(secs));
            }
            libc::SO_RCVBUF | libc::SO_SNDBUF => {
                if cap < 4 {
                    return Ok(OptValue::ZeroedFault);
                }
                let key = if name == libc::SO_RCVBUF {
                    KEPT_RCVBUF
                } else {
                    KEPT_SNDBUF
                };
                if let Some(v) = kept(s, key) {
                    return Ok(int_value(v));
                }
                let v: i32 = sys::getsockopt(s.fd(), libc::SOL_SOCKET, name).map_err(native)?;
                return Ok(int_value(v / sys::BUFFER_SIZE_FACTOR));
            }
            libc::SO_RCVTIMEO | libc::SO_SNDTIMEO => {
                let mut raw = [0u8; size_of::<libc::timeval>()];
                sys::getsockopt_raw(s.fd(), libc::SOL_SOCKET, name, &mut raw).map_err(native)?;
                if cap >= raw.len() {
                    return Ok(OptValue::Bytes(raw.to_vec()));
                }
                let tv: libc::timeval = sys::read_pod(&raw).ok_or(WsaError::WSAEFAULT)?;
                need(cap, 4)?;
                let key = if name == libc::SO_RCVTIMEO {
                    KEPT_RCVTIMEO
                } else {
                    KEPT_SNDTIMEO
                };
                if let Some(ms) = kept(s, key) {
                    return Ok(int_value(ms));
                }
                let ms = (tv.tv_sec as u64 * 1000 + tv.tv_usec as u64 / 1000).min(u32::MAX as u64);
                return Ok(OptValue::Bytes((ms as u32).to_ne_bytes().to_vec()));
            }
            libc::SO_LINGER | SO_DONTLINGER => {
                if !s.is_stream() {
                    return Err(WsaError::WSAENOPROTOOPT);
                }
                let lg: libc::linger =
                    sys::getsockopt(s.fd(), libc::SOL_SOCKET, NATIVE_LINGER).map_err(native)?;
                if name == SO_DONTLINGER {
                    return Ok(bool_value(lg.l_onoff == 0, cap));
                }
                // Always Windows' 4-byte struct linger, whatever the buffer size.
                if cap < 4 {
                    return Ok(OptValue::ZeroedFault);
                }
                let on = match kept(s, KEPT_LINGER_ON) {
                    Some(v) if v != 0 && lg.l_onoff != 0 => v as u16,
                    _ => lg.l_onoff as u16,
                };
                let mut b = on.to_ne_bytes().to_vec();
                b.extend_from_slice(&(lg.l_linger as u16).to_ne_bytes());
                return Ok(OptValue::Bytes(b));
            }
            libc::SO_TYPE => {
                need(cap, 4)?;
                return Ok(int_value(s.socket_type));
            }
            // A stream socket's flag as the program set it (ws2mp sets the kernel's itself).
            libc::SO_REUSEADDR if s.is_stream() => {
                let v = kept(s, KEPT_REUSE).unwrap_or(0);
                return if cap < 4 {
                    Ok(bool_value(v != 0, cap))
                } else {
                    Ok(int_value(v))
                };
            }
            libc::SO_DEBUG => {
                if let Some(v) = kept(s, KEPT_DEBUG) {
                    return if cap < 4 {
                        Ok(bool_value(v != 0, cap))
                    } else {
                        Ok(int_value(v))
                    };
                }
            }
            _ => {}
        }
        if cap < 4 && BOOL_OPTIONS.contains(&name) {
            let v: i32 = sys::getsockopt(s.fd(), libc::SOL_SOCKET, name).map_err(native)?;
            return Ok(bool_value(v != 0, cap));
        }
        need(cap, 4)?;
        let v: i32 = sys::getsockopt(s.fd(), libc::SOL_SOCKET, name).map_err(native)?;
        // Winsock reports BOOL options as 0/1 in a 4-byte BOOL; so does the system.
        return Ok(int_value(v));
    }
    if cap == 0 {
        return Err(WsaError::WSAEFAULT);
    }
    if level == libc::IPPROTO_IP && name == libc::IP_HDRINCL && s.socket_type != libc::SOCK_RAW {
        return Err(WsaError::WSAEINVAL);
    }
    if s.is_stream() && is_datagram_option(level, name) {
        // Windows' TCP does not know the multicast and receive-information options.
        return Err(WsaError::WSAEINVAL);
    }
    if cap < 4 && is_four_byte_option(level, name) {
        return Ok(OptValue::FaultNoLength);
    }
    // Read back, Windows' IPV6_PKTINFO / IPV6_HOPLIMIT are always the receive flags (the
    // system's own IPV6_PKTINFO cannot be read), whatever the buffer's size.
    let name = ipv6_receive_flag(level, name, 0);
    if name == IP_DONTFRAGMENT && (level == libc::IPPROTO_IP || level == libc::IPPROTO_IPV6) {
        need(cap, 4)?;
        return Ok(int_value(i32::from(get_dont_fragment(s, level)?)));
    }
    if let Some(result) = multicast::get_option(s, level, name, cap) {
        return result.map(OptValue::Bytes);
    }
    if cap < 4 && (level == libc::IPPROTO_IP || level == libc::IPPROTO_IPV6) {
        // An integer IP option into a short buffer: Windows writes and reports one byte.
        let mut buf = [0u8; 4];
        let len = sys::getsockopt_raw(s.fd(), level, name, &mut buf).map_err(native)?;
        if len == 4 {
            let v = i32::from_ne_bytes(buf);
            return Ok(OptValue::Bytes(vec![v as u8]));
        }
        return Ok(OptValue::Bytes(buf[..len.min(cap)].to_vec()));
    }
    let mut buf = vec![0u8; cap.min(4096)];
    let len = sys::getsockopt_raw(s.fd(), level, name, &mut buf).map_err(native)?;
    buf.truncate(len);
    Ok(OptValue::Bytes(buf))
}

/// Whether the program asked to share the socket's address (`SO_REUSEADDR`).
fn reuse_address(s: &Socket) -> bool {
    if s.is_stream() {
        return kept(s, KEPT_REUSE).unwrap_or(0) != 0;
    }
    sys::getsockopt::<i32>(s.fd(), libc::SOL_SOCKET, libc::SO_REUSEADDR).unwrap_or(0) != 0
}

fn need(cap: usize, n: usize) -> WsaResult<()> {
    if cap < n {
        Err(WsaError::WSAEFAULT)
    } else {
        Ok(())
    }
}

/// The Unix-style commands of `ioctlsocket` / `WSAIoctl`, native or Windows numbered.
pub enum UnixIoctl {
    NonBlocking,
    BytesReadable,
    AtMark,
}

pub fn classify_unix_ioctl(cmd: u32) -> Option<UnixIoctl> {
    match cmd {
        WIN_FIONBIO => Some(UnixIoctl::NonBlocking),
        WIN_FIONREAD => Some(UnixIoctl::BytesReadable),
        WIN_SIOCATMARK => Some(UnixIoctl::AtMark),
        c if c == libc::FIONBIO as u32 => Some(UnixIoctl::NonBlocking),
        c if c == libc::FIONREAD as u32 => Some(UnixIoctl::BytesReadable),
        c if c == sys::SIOCATMARK => Some(UnixIoctl::AtMark),
        _ => None,
    }
}

/// Runs a Unix-style ioctl. `arg` is the input value; the result is the output value.
pub fn unix_ioctl(s: &Socket, which: UnixIoctl, arg: u64) -> WsaResult<u64> {
    match which {
        UnixIoctl::NonBlocking => {
            s.set_nonblocking(arg != 0)?;
            Ok(0)
        }
        UnixIoctl::BytesReadable => s.bytes_readable().map(|n| n as u64),
        UnixIoctl::AtMark => {
            if !s.is_stream() {
                return Err(WsaError::WSAEINVAL);
            }
            // Windows: TRUE means no out-of-band data is waiting to be read before the mark.
            let at_mark = sys::at_oob_mark(s.fd()).map_err(native)?;
            let urgent =
                sys::poll_one(s.fd(), sys::interest::PRIORITY).intersects(sys::ready::PRIORITY);
            Ok(u64::from(at_mark || !urgent))
        }
    }
}

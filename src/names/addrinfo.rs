//! `getaddrinfo` / `GetAddrInfoW` and `getnameinfo` / `GetNameInfoW` the Windows way, and the
//! result lists ws2mp allocates (and frees in its own `freeaddrinfo`, never handing the
//! system's list to the program).
//!
//! Windows' rules kept here: one entry per address, with `ai_socktype`/`ai_protocol` copied
//! from the hints (0 stays 0, except that a service name known for one transport only gives
//! its socket type) and `ai_flags` `AI_NUMERICHOST` when the node was an address, else 0;
//! numeric services read as `strtoul` does (see `numeric_port`); NULL node and service →
//! `WSAHOST_NOT_FOUND`; unknown hint flags → `WSAEINVAL`; a family other than
//! unspecified/IPv4/IPv6 → `WSAEAFNOSUPPORT`; a socket type above 5 → `WSAESOCKTNOSUPPORT`;
//! numeric IPv4 hosts in four parts, each decimal, octal (`010`) or hexadecimal (`0x4`), but
//! not the shorter forms `inet_addr` takes (`1.2.3` is not an address); an address followed
//! by white space resolves to it as a name does (no `AI_NUMERICHOST`); `""` and the machine's
//! own name give its interface addresses; an unknown service name → `WSATYPE_NOT_FOUND`.

use super::address_string::{self, Parsed};
use crate::addr::SockAddr;
use crate::error::{WsaError, WsaResult};
use crate::sys::names as sys;
use std::ffi::CString;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, SocketAddrV6};

bitflags::bitflags! {
    /// Windows' `AI_*` flags: every bit Windows knows (the hints are refused with `WSAEINVAL`
    /// for any other).
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub(crate) struct Ai: i32 {
        const PASSIVE = 0x1;
        const CANONNAME = 0x2;
        const NUMERICHOST = 0x4;
        const NUMERICSERV = 0x8;
        const ALL = 0x100;
        const ADDRCONFIG = 0x400;
        const V4MAPPED = 0x800;
        const FQDN = 0x0002_0000;
        /// The flags Windows knows that change nothing here (`AI_NON_AUTHORITATIVE`,
        /// `AI_SECURE`, `AI_RETURN_PREFERRED_NAMES`, `AI_FILESERVER`, `AI_DISABLE_IDN_ENCODING`,
        /// `AI_RETURN_RESPONSE_FLAGS`, ...).
        const OTHERS = 0x10
            | 0x20
            | 0x40
            | 0x80
            | 0x4000
            | 0x8000
            | 0x1_0000
            | 0x4_0000
            | 0x8_0000
            | 0x10_0000
            | 0x20_0000
            | 0x1000_0000
            | 0x2000_0000
            | 0x4000_0000
            | (0x8000_0000u32 as i32);
    }

    /// Windows' `NI_*` flags (any other bit is `WSAEINVAL`).
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub(crate) struct Ni: i32 {
        const NOFQDN = 0x1;
        const NUMERICHOST = 0x2;
        const NAMEREQD = 0x4;
        const NUMERICSERV = 0x8;
        const DGRAM = 0x10;
    }
}

/// The hints a caller gave (zero when it gave none).
#[derive(Clone, Copy, Default)]
pub struct Hints {
    /// As the program gave them (unknown bits kept, to be refused).
    pub flags: Ai,
    pub family: i32,
    pub socktype: i32,
    pub protocol: i32,
}

/// The answer: addresses with the port set, and the canonical name when asked for.
pub struct Answer {
    pub hints: Hints,
    /// The `ai_flags` of every entry: `AI_NUMERICHOST` when the node was an address.
    pub flags: i32,
    pub addrs: Vec<SockAddr>,
    pub canonical: Option<String>,
}

fn family_allows(family: i32, ip: &IpAddr) -> bool {
    match family {
        libc::AF_INET => ip.is_ipv4(),
        libc::AF_INET6 => ip.is_ipv6(),
        _ => true,
    }
}

/// A numeric service as Windows reads it: C's `strtoul` in base 10 on a 32-bit `unsigned long`
/// (leading white space and a sign accepted, a negative number wrapping, an overflow giving
/// the largest value), the whole string used, then the low 16 bits: "65536" is port 0,
/// "-1" and "99999999999" port 65535, " 123" and "+5" ports 123 and 5; "28 " and "0x1a" are
/// not numbers.
fn numeric_port(service: &str) -> Option<u16> {
    let s = service.trim_start_matches([' ', '\t', '\n', '\x0b', '\x0c', '\r']);
    let (negative, digits) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let value = digits
        .bytes()
        .try_fold(0u32, |v, d| {
            v.checked_mul(10)?.checked_add(u32::from(d - b'0'))
        })
        .map_or(u32::MAX, |v| if negative { v.wrapping_neg() } else { v });
    Some(value as u16)
}

/// The port of `service`, and for a service name the socket type its entry settles when the
/// hints leave it open (`SOCK_STREAM` for a TCP-only service, `SOCK_DGRAM` for a UDP-only one,
/// 0 for one that has both), as Windows reports it in each result.
fn service_port(service: Option<&str>, hints: &Hints) -> WsaResult<(u16, Option<i32>)> {
    let Some(service) = service.filter(|s| !s.is_empty()) else {
        return Ok((0, None));
    };
    if let Some(port) = numeric_port(service) {
        return Ok((port, None));
    }
    if hints.flags.contains(Ai::NUMERICSERV) {
        return Err(WsaError::WSAHOST_NOT_FOUND);
    }
    let name = CString::new(service).map_err(|_| WsaError::WSATYPE_NOT_FOUND)?;
    let lookup = |proto: Option<&std::ffi::CStr>| {
        sys::service_by_name(&name, proto).map(|s| u16::from_be(s.port_be))
    };
    let found = match hints.socktype {
        libc::SOCK_STREAM => lookup(Some(c"tcp")).map(|port| (port, None)),
        libc::SOCK_DGRAM => lookup(Some(c"udp")).map(|port| (port, None)),
        0 => match (lookup(Some(c"tcp")), lookup(Some(c"udp"))) {
            (Some(port), None) => Some((port, Some(libc::SOCK_STREAM))),
            (None, Some(port)) => Some((port, Some(libc::SOCK_DGRAM))),
            (Some(port), Some(_)) => Some((port, None)),
            (None, None) => lookup(None).map(|port| (port, None)),
        },
        _ => lookup(None).map(|port| (port, None)),
    };
    found.ok_or(WsaError::WSATYPE_NOT_FOUND)
}

/// A literal address in `node`, if it is one: `a.b.c.d`, an IPv6 address with an optional
/// `%scope`, or `[IPv6]` with an optional `:port` after it (the port is ignored, as Windows
/// does). `Err` for a malformed bracket form.
fn literal(node: &str) -> WsaResult<Option<(IpAddr, u32)>> {
    if let Some(inner) = node.strip_prefix('[') {
        let end = inner.find(']').ok_or(WsaError::WSAHOST_NOT_FOUND)?;
        let after = &inner[end + 1..];
        let port_ok = after.is_empty()
            || after
                .strip_prefix(':')
                .is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
        return match literal(&inner[..end])? {
            Some((ip @ IpAddr::V6(_), scope)) if port_ok => Ok(Some((ip, scope))),
            _ => Err(WsaError::WSAHOST_NOT_FOUND),
        };
    }
    if let Parsed::Whole(a) = address_string::ipv4_strict(node.as_bytes()) {
        return Ok(Some((IpAddr::from(a), 0)));
    }
    // Four parts in the number forms `inet_addr` reads (`1.2.3.0x4`, `1.2.3.010`).
    if node.bytes().filter(|&b| b == b'.').count() == 3 {
        if let Some(v) = address_string::ipv4_lenient(node.as_bytes()) {
            return Ok(Some((IpAddr::V4(Ipv4Addr::from(v)), 0)));
        }
    }
    let (addr, scope) = match node.split_once('%') {
        Some((a, s)) => (a, Some(s)),
        None => (node, None),
    };
    let Some(v6) = address_string::ipv6_strict(addr.as_bytes()) else {
        return Ok(None);
    };
    let scope = match scope {
        None => 0,
        Some(s) if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) => {
            s.parse().map_err(|_| WsaError::WSAHOST_NOT_FOUND)?
        }
        Some(s) => {
            let c = CString::new(s).map_err(|_| WsaError::WSAHOST_NOT_FOUND)?;
            match crate::sys::ifname::index_of(&c) {
                0 => return Err(WsaError::WSAHOST_NOT_FOUND),
                i => i,
            }
        }
    };
    Ok(Some((IpAddr::from(v6), scope)))
}

fn with_port(ip: IpAddr, scope: u32, port: u16) -> SockAddr {
    match ip {
        IpAddr::V4(v4) => SockAddr::from_std(SocketAddr::new(IpAddr::V4(v4), port)),
        IpAddr::V6(v6) => SockAddr::from_std(SocketAddr::V6(SocketAddrV6::new(v6, port, 0, scope))),
    }
}

fn native_flags(flags: Ai) -> i32 {
    let mut out = 0;
    for (win, native) in [
        (Ai::CANONNAME, libc::AI_CANONNAME),
        (Ai::ADDRCONFIG, libc::AI_ADDRCONFIG),
        (Ai::V4MAPPED, libc::AI_V4MAPPED),
        (Ai::ALL, libc::AI_ALL),
    ] {
        if flags.contains(win) {
            out |= native;
        }
    }
    out
}

/// Whether the hints ask for IPv4 addresses as IPv4-mapped IPv6 ones (`AF_INET6` with
/// `AI_V4MAPPED`).
fn maps_v4(hints: &Hints) -> bool {
    hints.family == libc::AF_INET6 && hints.flags.contains(Ai::V4MAPPED)
}

/// A name's addresses under `AI_V4MAPPED` (`AF_INET6`), as Windows gives them: its IPv4
/// addresses as IPv4-mapped IPv6 ones when it has no IPv6 address, or always with `AI_ALL`
/// (after the IPv6 ones, in the order found). Without the flag, unchanged.
fn map_v4(ips: Vec<(IpAddr, u32)>, hints: &Hints) -> Vec<(IpAddr, u32)> {
    if !maps_v4(hints) {
        return ips;
    }
    let has_v6 = ips.iter().any(|(ip, _)| ip.is_ipv6());
    if has_v6 && !hints.flags.contains(Ai::ALL) {
        return ips;
    }
    ips.into_iter()
        .map(|(ip, scope)| match ip {
            IpAddr::V4(v4) => (IpAddr::V6(v4.to_ipv6_mapped()), 0),
            v6 => (v6, scope),
        })
        .collect()
}

/// `getaddrinfo(node, service, hints)`.
pub fn lookup(
    node: Option<&str>,
    service: Option<&str>,
    hints: Option<Hints>,
) -> WsaResult<Answer> {
    crate::runtime::check()?;
    let hints = hints.unwrap_or_default();
    if node.is_none() && service.is_none() {
        return Err(WsaError::WSAHOST_NOT_FOUND);
    }
    if !Ai::all().contains(hints.flags)
        || hints.flags.contains(Ai::CANONNAME | Ai::FQDN)
        || (hints.flags.contains(Ai::CANONNAME) && node.is_none())
    {
        return Err(WsaError::WSAEINVAL);
    }
    if !matches!(
        hints.family,
        libc::AF_UNSPEC | libc::AF_INET | libc::AF_INET6
    ) {
        return Err(WsaError::WSAEAFNOSUPPORT);
    }
    if !(0..=5).contains(&hints.socktype) {
        return Err(WsaError::WSAESOCKTNOSUPPORT);
    }
    let (port, service_socktype) = service_port(service, &hints)?;
    let want_canonical = hints.flags.contains(Ai::CANONNAME);
    let mut canonical = None;
    let mut numeric = false;
    let ips: Vec<(IpAddr, u32)> = match node {
        None => {
            let (v6, v4) = if hints.flags.contains(Ai::PASSIVE) {
                (Ipv6Addr::UNSPECIFIED, Ipv4Addr::UNSPECIFIED)
            } else {
                (Ipv6Addr::LOCALHOST, Ipv4Addr::LOCALHOST)
            };
            vec![(IpAddr::V6(v6), 0), (IpAddr::V4(v4), 0)]
        }
        Some(name) if name.is_empty() || super::is_local_name(name) => {
            canonical = Some(sys::host_name());
            let mut local: Vec<(IpAddr, u32)> = sys::local_addresses()
                .iter()
                .filter_map(|a| match a.to_std()? {
                    SocketAddr::V4(v4) => Some((IpAddr::V4(*v4.ip()), 0)),
                    SocketAddr::V6(v6) => Some((IpAddr::V6(*v6.ip()), v6.scope_id())),
                })
                .collect();
            if !local
                .iter()
                .any(|(ip, _)| family_allows(hints.family, ip) || maps_v4(&hints))
            {
                local = vec![
                    (IpAddr::V6(Ipv6Addr::LOCALHOST), 0),
                    (IpAddr::V4(Ipv4Addr::LOCALHOST), 0),
                ];
            }
            local
        }
        Some(name)
            if name.eq_ignore_ascii_case("localhost") && !hints.flags.contains(Ai::NUMERICHOST) =>
        {
            // Windows' resolver answers "localhost" itself, whatever the hosts file says:
            // ::1 first, then 127.0.0.1. A client that connects to the first answer reaches
            // a server listening on `::` only (the first AI_PASSIVE address), as on Windows.
            canonical = Some(name.to_string());
            vec![
                (IpAddr::V6(Ipv6Addr::LOCALHOST), 0),
                (IpAddr::V4(Ipv4Addr::LOCALHOST), 0),
            ]
        }
        Some(name) => match literal(name)? {
            Some((IpAddr::V4(v4), _))
                if hints.family == libc::AF_INET6 && hints.flags.contains(Ai::V4MAPPED) =>
            {
                canonical = Some(name.to_string());
                vec![(IpAddr::V6(v4.to_ipv6_mapped()), 0)]
            }
            Some(lit) => {
                canonical = Some(name.to_string());
                numeric = true;
                vec![lit]
            }
            None if !hints.flags.contains(Ai::NUMERICHOST)
                && name.trim_end() != name
                && matches!(literal(name.trim_end()), Ok(Some((IpAddr::V4(_), _)))) =>
            {
                // An address with white space after it is no address, but Windows' resolver
                // still answers it (`"0.0.0.0 "` → 0.0.0.0, `ai_flags` 0).
                canonical = Some(name.to_string());
                literal(name.trim_end())?.into_iter().collect()
            }
            None => {
                if hints.flags.contains(Ai::NUMERICHOST)
                    || super::is_reserved_invalid(name)
                    || address_string::ipv4_lenient(name.as_bytes()).is_some()
                    || matches!(
                        address_string::ipv4_strict(name.as_bytes()),
                        Parsed::Prefix(_)
                    )
                {
                    return Err(WsaError::WSAHOST_NOT_FOUND);
                }
                let c = sys::c_string(name).ok_or(WsaError::WSAHOST_NOT_FOUND)?;
                let found = sys::resolve(Some(&c), hints.family, native_flags(hints.flags));
                let found: Vec<(IpAddr, u32)> = match found {
                    Ok(found) => {
                        canonical = found.canonical.or_else(|| Some(name.to_string()));
                        found
                            .addrs
                            .iter()
                            .filter_map(|a| match a.to_std()? {
                                SocketAddr::V4(v4) => Some((IpAddr::V4(*v4.ip()), 0)),
                                SocketAddr::V6(v6) => Some((IpAddr::V6(*v6.ip()), v6.scope_id())),
                            })
                            .collect()
                    }
                    Err(e) => return Err(super::from_gai(e)),
                };
                found
            }
        },
    };
    let ips = if numeric || node.is_none() {
        ips
    } else {
        map_v4(ips, &hints)
    };
    let addrs: Vec<SockAddr> = ips
        .into_iter()
        .filter(|(ip, _)| family_allows(hints.family, ip))
        .map(|(ip, scope)| with_port(ip, scope, port))
        .collect();
    if addrs.is_empty() {
        return Err(WsaError::WSAHOST_NOT_FOUND);
    }
    Ok(Answer {
        flags: if numeric { Ai::NUMERICHOST.bits() } else { 0 },
        hints: Hints {
            socktype: service_socktype.unwrap_or(hints.socktype),
            ..hints
        },
        addrs,
        canonical: canonical.filter(|_| want_canonical),
    })
}

/// A numeric host as Windows writes it (IPv6 with `%scope` as a number).
fn numeric_host(addr: &SockAddr) -> Option<String> {
    Some(match addr.to_std()? {
        SocketAddr::V4(v4) => address_string::format_v4(v4.ip().octets()),
        SocketAddr::V6(v6) if v6.scope_id() != 0 => {
            format!(
                "{}%{}",
                address_string::format_v6(v6.ip().octets()),
                v6.scope_id()
            )
        }
        SocketAddr::V6(v6) => address_string::format_v6(v6.ip().octets()),
    })
}

/// `getnameinfo`: the host and service texts asked for (flags are Windows' `NI_*`).
pub fn name_info(
    addr: &SockAddr,
    want_host: bool,
    want_service: bool,
    flags: i32,
) -> WsaResult<(String, String)> {
    crate::runtime::check()?;
    let flags = Ni::from_bits(flags).ok_or(WsaError::WSAEINVAL)?;
    let mut native = 0;
    for (win, n) in [
        (Ni::NOFQDN, libc::NI_NOFQDN),
        (Ni::NAMEREQD, libc::NI_NAMEREQD),
        (Ni::NUMERICSERV, libc::NI_NUMERICSERV),
        (Ni::DGRAM, libc::NI_DGRAM),
    ] {
        if flags.contains(win) {
            native |= n;
        }
    }
    let numeric = numeric_host(addr).ok_or(WsaError::WSAEAFNOSUPPORT)?;
    let port = addr.to_std().map_or(0, |a| a.port());
    let mut host = String::new();
    if want_host {
        host = if flags.contains(Ni::NUMERICHOST) {
            numeric.clone()
        } else {
            // One of this machine's addresses the system cannot name is named by the host
            // name, as on Windows.
            let own = || addr.to_std().and_then(|a| super::own_address_name(a.ip()));
            // A lookup that fails (no DNS server answers: EAI_AGAIN; or none has the name)
            // gives the numeric form unless NI_NAMEREQD asks for a name, as on Windows, where
            // only NI_NAMEREQD turns a failed DNS lookup into an error.
            let lookup_failed = |code: i32| {
                !flags.contains(Ni::NAMEREQD)
                    && [libc::EAI_AGAIN, libc::EAI_FAIL, libc::EAI_NONAME].contains(&code)
            };
            let (h, _) = match sys::name_of(addr, true, false, native) {
                Ok(found) => found,
                Err(e) => match own() {
                    Some(name) => (name, String::new()),
                    None if lookup_failed(e.code) => (numeric.clone(), String::new()),
                    None => return Err(super::from_gai(e)),
                },
            };
            // The system writes an unnamed address its own way; Windows' numeric form instead.
            let plain = h.split('%').next().unwrap_or("");
            if h.contains('%')
                || address_string::ipv6_strict(plain.as_bytes()).is_some()
                || h == numeric
            {
                own().unwrap_or_else(|| numeric.clone())
            } else {
                h
            }
        };
    }
    let mut service = String::new();
    if want_service {
        service = if flags.contains(Ni::NUMERICSERV) {
            port.to_string()
        } else {
            sys::name_of(addr, false, true, native)
                .map_err(super::from_gai)?
                .1
        };
    }
    Ok((host, service))
}

//! Registration and name resolution (RnR) lookups: `WSALookupServiceBegin/Next/End` in the DNS
//! name space, for host names and addresses, the way Winsock 2 programs resolved names before
//! getaddrinfo. A lookup resolves at `Begin` and hands out one result set (all the addresses)
//! at the first `Next`; later `Next` calls report `WSA_E_NO_MORE`. A lookup of no class in
//! `NS_ALL` (Windows' network-list query) is an empty enumeration.

use crate::addr::SockAddr;
use crate::error::{WsaError, WsaResult};
use parking_lot::Mutex;
use std::collections::BTreeMap;
use std::ffi::CString;

/// `NS_ALL`, `NS_DNS`, `NS_TCPIP_LOCAL`, `NS_TCPIP_HOSTS`, `NS_NLA`.
pub(crate) const NS_ALL: u32 = 0;
pub(crate) const NS_TCPIP_LOCAL: u32 = 10;
pub(crate) const NS_TCPIP_HOSTS: u32 = 11;
pub(crate) const NS_DNS: u32 = 12;
pub(crate) const NS_NLA: u32 = 15;

/// The class GUIDs of svcguid.h this name space answers (Data1 of `{0002a80x-0000-0000-
/// C000-000000000046}`).
const SVCID_HOSTNAME: u32 = 0x0002_a800;
const SVCID_INET_HOSTADDRBYINETSTRING: u32 = 0x0002_a801;
const SVCID_INET_HOSTADDRBYNAME: u32 = 0x0002_a803;
const SVCID_TAIL: [u8; 12] = [0, 0, 0, 0, 0xC0, 0, 0, 0, 0, 0, 0, 0x46];

/// What a lookup found.
pub struct Found {
    /// The host's name (canonical when the resolver gave one).
    pub name: String,
    pub addrs: Vec<SockAddr>,
    /// The class GUID asked for (16 bytes, Windows' layout).
    pub class: [u8; 16],
}

struct Lookup {
    found: Option<Found>,
    flags: u32,
}

static LOOKUPS: Mutex<(usize, BTreeMap<usize, Lookup>)> = Mutex::new((0, BTreeMap::new()));

fn svcid(class: &[u8; 16]) -> Option<u32> {
    (class[4..] == SVCID_TAIL).then(|| u32::from_le_bytes([class[0], class[1], class[2], class[3]]))
}

/// Starts a lookup; returns its handle. `class` None with `NS_ALL` is the network list (empty
/// here). `families` limits the addresses (empty: IPv4 and IPv6).
pub fn begin(
    name: Option<&str>,
    class: Option<[u8; 16]>,
    namespace: u32,
    families: &[i32],
    flags: u32,
) -> WsaResult<usize> {
    crate::runtime::check()?;
    if !matches!(
        namespace,
        NS_ALL | NS_DNS | NS_TCPIP_LOCAL | NS_TCPIP_HOSTS | NS_NLA
    ) {
        return Err(WsaError::WSASERVICE_NOT_FOUND);
    }
    let found = match class {
        None if namespace == NS_ALL || namespace == NS_NLA => None,
        None => return Err(WsaError::WSAEINVAL),
        Some(class) => match svcid(&class) {
            Some(SVCID_HOSTNAME | SVCID_INET_HOSTADDRBYNAME | SVCID_INET_HOSTADDRBYINETSTRING) => {
                let literal_only = svcid(&class) == Some(SVCID_INET_HOSTADDRBYINETSTRING);
                Some(resolve(name, class, families, literal_only)?)
            }
            _ => return Err(WsaError::WSASERVICE_NOT_FOUND),
        },
    };
    let mut l = LOOKUPS.lock();
    l.0 += 1;
    let h = 0x524e_0000 + l.0 * 4;
    l.1.insert(h, Lookup { found, flags });
    Ok(h)
}

fn resolve(
    name: Option<&str>,
    class: [u8; 16],
    families: &[i32],
    literal_only: bool,
) -> WsaResult<Found> {
    let host = match name {
        Some(n) if !n.is_empty() => n.to_string(),
        _ => crate::sys::names::host_name(),
    };
    let family = match families {
        [f] if *f == libc::AF_INET || *f == libc::AF_INET6 => *f,
        _ => libc::AF_UNSPEC,
    };
    let literal: Option<std::net::IpAddr> = host.parse().ok();
    if literal_only && literal.is_none() {
        return Err(WsaError::WSAHOST_NOT_FOUND);
    }
    let node = CString::new(host.clone()).map_err(|_| WsaError::WSAHOST_NOT_FOUND)?;
    let flags = if literal.is_some() {
        libc::AI_NUMERICHOST
    } else {
        libc::AI_CANONNAME
    };
    let resolved = crate::sys::names::resolve(Some(&node), family, flags)
        .map_err(|_| WsaError::WSAHOST_NOT_FOUND)?;
    let addrs: Vec<SockAddr> = resolved
        .addrs
        .iter()
        .filter(|a| families.is_empty() || families.contains(&a.family()))
        .cloned()
        .collect();
    if addrs.is_empty() {
        return Err(WsaError::WSANO_DATA);
    }
    Ok(Found {
        name: resolved.canonical.unwrap_or(host),
        addrs,
        class,
    })
}

/// Takes the lookup's result set (once), with the lookup's `Begin` flags; `WSA_E_NO_MORE` after
/// the first, `WSA_INVALID_HANDLE` for an unknown handle. `peek` leaves the result in place
/// (for a caller whose buffer turns out too small).
pub fn next(handle: usize, peek: bool) -> WsaResult<(Found, u32)> {
    let mut l = LOOKUPS.lock();
    let lookup = l.1.get_mut(&handle).ok_or(WsaError::WSA_INVALID_HANDLE)?;
    let flags = lookup.flags;
    let found = if peek {
        lookup.found.as_ref().map(|f| Found {
            name: f.name.clone(),
            addrs: f.addrs.clone(),
            class: f.class,
        })
    } else {
        lookup.found.take()
    };
    found.map(|f| (f, flags)).ok_or(WsaError::WSA_E_NO_MORE)
}

/// Ends a lookup; `WSA_INVALID_HANDLE` for an unknown handle.
pub fn end(handle: usize) -> WsaResult<()> {
    LOOKUPS
        .lock()
        .1
        .remove(&handle)
        .map(|_| ())
        .ok_or(WsaError::WSA_INVALID_HANDLE)
}

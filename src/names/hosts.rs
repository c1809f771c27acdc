//! `gethostbyname`, `gethostbyaddr` and `gethostname` the Windows way: IPv4 only for
//! `gethostbyname`, a literal dotted quad answered without a lookup, `""`/NULL and the
//! machine's own name answered with its interface addresses.

use super::address_string::{self, Parsed};
use super::entries;
use crate::addr::SockAddr;
use crate::error::{WsaError, WsaResult};
use crate::sys::names as sys;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};

/// This machine's IPv4 addresses (loopback only when it has no other), the default route's
/// first. Finding that route sends nothing (192.0.2.1 is a documentation address).
fn local_ipv4() -> Vec<Vec<u8>> {
    let mut out: Vec<Vec<u8>> = sys::local_addresses()
        .iter()
        .filter_map(|a| match a.to_std()?.ip() {
            IpAddr::V4(v4) => Some(v4.octets().to_vec()),
            IpAddr::V6(_) => None,
        })
        .collect();
    if out.is_empty() {
        out.push(Ipv4Addr::LOCALHOST.octets().to_vec());
    }
    // Windows lists the address of the default route's interface first.
    if let Some(IpAddr::V4(first)) = sys::route_source(IpAddr::V4(Ipv4Addr::new(192, 0, 2, 1))) {
        if let Some(k) = out.iter().position(|a| a[..] == first.octets()) {
            let a = out.remove(k);
            out.insert(0, a);
        }
    }
    out
}

/// `gethostbyname(name)`: None is the local host, as `""` is.
pub fn by_name(name: Option<&str>) -> WsaResult<entries::HostEntry> {
    crate::runtime::check()?;
    let name = name.unwrap_or("");
    let inet = libc::AF_INET as i16;
    if name.is_empty() || super::is_local_name(name) {
        return Ok(entries::hostent(
            &sys::host_name(),
            &[],
            inet,
            4,
            &local_ipv4(),
        ));
    }
    if let Parsed::Whole(a) = address_string::ipv4_strict(name.as_bytes()) {
        return Ok(entries::hostent(name, &[], inet, 4, &[a.to_vec()]));
    }
    // Other numeric forms ("1.2.3", "0x7f.1", IPv6 literals) and reserved names never resolve.
    if super::is_reserved_invalid(name)
        || address_string::ipv4_lenient(name.as_bytes()).is_some()
        || address_string::ipv6_strict(name.split('%').next().unwrap_or("").as_bytes()).is_some()
    {
        return Err(WsaError::WSAHOST_NOT_FOUND);
    }
    let c = sys::c_string(name).ok_or(WsaError::WSAHOST_NOT_FOUND)?;
    let found =
        sys::resolve(Some(&c), libc::AF_INET, libc::AI_CANONNAME).map_err(super::from_gai)?;
    let addrs: Vec<Vec<u8>> = found
        .addrs
        .iter()
        .filter_map(|a| match a.to_std()?.ip() {
            IpAddr::V4(v4) => Some(v4.octets().to_vec()),
            IpAddr::V6(_) => None,
        })
        .collect();
    if addrs.is_empty() {
        return Err(WsaError::WSANO_DATA);
    }
    let canonical = found.canonical.unwrap_or_else(|| name.to_string());
    let aliases: Vec<String> = if canonical.eq_ignore_ascii_case(name) {
        Vec::new()
    } else {
        vec![name.to_string()]
    };
    Ok(entries::hostent(&canonical, &aliases, inet, 4, &addrs))
}

/// `gethostbyaddr(addr, len, type)`: `bytes` are the first `len` bytes at `addr`.
pub fn by_addr(bytes: &[u8], family: i32) -> WsaResult<entries::HostEntry> {
    crate::runtime::check()?;
    let ip: IpAddr = match family {
        libc::AF_INET => {
            let a: [u8; 4] = bytes
                .get(..4)
                .and_then(|b| b.try_into().ok())
                .ok_or(WsaError::WSAEFAULT)?;
            IpAddr::from(a)
        }
        libc::AF_INET6 => {
            let a: [u8; 16] = bytes
                .get(..16)
                .and_then(|b| b.try_into().ok())
                .ok_or(WsaError::WSAEFAULT)?;
            IpAddr::from(a)
        }
        _ => return Err(WsaError::WSAEAFNOSUPPORT),
    };
    let raw = match ip {
        IpAddr::V4(v4) => v4.octets().to_vec(),
        IpAddr::V6(v6) => v6.octets().to_vec(),
    };
    let sa = SockAddr::from_std(SocketAddr::new(ip, 0));
    let host = match sys::name_of(&sa, true, false, libc::NI_NAMEREQD) {
        Ok((host, _)) => host,
        // One of this machine's addresses is named by the host name, as on Windows.
        Err(e) => super::own_address_name(ip).ok_or_else(|| super::from_gai(e))?,
    };
    Ok(entries::hostent(
        &host,
        &[],
        family as i16,
        raw.len() as i16,
        &[raw],
    ))
}

/// `gethostname(name, namelen)`: the name with its NUL must fit in `namelen` bytes, else
/// `WSAEFAULT` and the buffer is left alone.
pub fn host_name(capacity: i32) -> WsaResult<Vec<u8>> {
    crate::runtime::check()?;
    let mut name = sys::host_name().into_bytes();
    if capacity < 0 || (capacity as usize) < name.len() + 1 {
        return Err(WsaError::WSAEFAULT);
    }
    name.push(0);
    Ok(name)
}

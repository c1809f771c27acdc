//! The host's network interfaces with everything `GetAdaptersAddresses` reports: name,
//! index, flags, MTU, hardware address and IP addresses with their prefix lengths.

use super::{os, SysResult};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// One IP address of an interface.
pub struct IfIp {
    pub addr: IpAddr,
    pub prefix_len: u8,
    /// The IPv6 scope id (0 for IPv4).
    pub scope_id: u32,
}

/// One interface, with all of its addresses.
pub struct Iface {
    pub name: String,
    pub index: u32,
    /// `IFF_*` flags.
    pub flags: u32,
    pub mtu: u32,
    pub hw_addr: Vec<u8>,
    pub ips: Vec<IfIp>,
}

fn prefix_len(mask: *const libc::sockaddr) -> u8 {
    if mask.is_null() {
        return 0;
    }
    // SAFETY: a non-NULL netmask from getifaddrs is a valid sockaddr of its family.
    unsafe {
        match i32::from((*mask).sa_family) {
            libc::AF_INET => {
                let m = &*mask.cast::<libc::sockaddr_in>();
                u32::from_be(m.sin_addr.s_addr).count_ones() as u8
            }
            libc::AF_INET6 => {
                let m = &*mask.cast::<libc::sockaddr_in6>();
                m.sin6_addr
                    .s6_addr
                    .iter()
                    .map(|b| b.count_ones())
                    .sum::<u32>() as u8
            }
            _ => 0,
        }
    }
}

/// The interface's MTU where the OS tells, or a typical value.
fn mtu_of(name: &std::ffi::CStr, loopback: bool) -> u32 {
    os::mtu(name).unwrap_or(if loopback { 65536 } else { 1500 })
}

/// Calls `f` on each entry of the host's interface list (`getifaddrs`), in the OS's order.
fn each_ifaddr(mut f: impl FnMut(&libc::ifaddrs)) -> SysResult<()> {
    use super::libc_next::{freeifaddrs, getifaddrs};
    let mut head: *mut libc::ifaddrs = std::ptr::null_mut();
    // SAFETY: getifaddrs writes a list head that we free below.
    if unsafe { getifaddrs(&mut head) } != 0 {
        return Err(super::errno());
    }
    let mut cur = head;
    while !cur.is_null() {
        // SAFETY: `cur` is a node of the list getifaddrs returned, not yet freed.
        let ifa = unsafe { &*cur };
        cur = ifa.ifa_next;
        f(ifa);
    }
    // SAFETY: frees the list getifaddrs allocated; nothing points into it any more.
    unsafe { freeifaddrs(head) };
    Ok(())
}

/// Every interface of the host (`getifaddrs`), in the order the OS lists them.
pub fn interfaces() -> SysResult<Vec<Iface>> {
    let mut out: Vec<Iface> = Vec::new();
    each_ifaddr(|ifa| {
        // SAFETY: ifa_name is a NUL-terminated interface name.
        let cname = unsafe { std::ffi::CStr::from_ptr(ifa.ifa_name) };
        let name = cname.to_string_lossy().into_owned();
        let pos = match out.iter().position(|i| i.name == name) {
            Some(p) => p,
            None => {
                let flags = ifa.ifa_flags;
                out.push(Iface {
                    // SAFETY: ifa_name is a NUL-terminated interface name.
                    index: unsafe { libc::if_nametoindex(ifa.ifa_name) },
                    mtu: mtu_of(cname, flags & libc::IFF_LOOPBACK as u32 != 0),
                    name,
                    flags,
                    hw_addr: Vec::new(),
                    ips: Vec::new(),
                });
                out.len() - 1
            }
        };
        if ifa.ifa_addr.is_null() {
            return;
        }
        // SAFETY: non-NULL addresses from getifaddrs are valid sockaddrs.
        let sa = unsafe { &*ifa.ifa_addr };
        if let Some(hw) = os::hw_addr(sa) {
            out[pos].hw_addr = hw;
            return;
        }
        let prefix = prefix_len(ifa.ifa_netmask);
        match i32::from(sa.sa_family) {
            libc::AF_INET => {
                // SAFETY: an AF_INET address is a sockaddr_in.
                let sin = unsafe { &*ifa.ifa_addr.cast::<libc::sockaddr_in>() };
                out[pos].ips.push(IfIp {
                    addr: IpAddr::from(u32::from_be(sin.sin_addr.s_addr).to_be_bytes()),
                    prefix_len: prefix,
                    scope_id: 0,
                });
            }
            libc::AF_INET6 => {
                // SAFETY: an AF_INET6 address is a sockaddr_in6.
                let sin6 = unsafe { &*ifa.ifa_addr.cast::<libc::sockaddr_in6>() };
                out[pos].ips.push(IfIp {
                    addr: IpAddr::from(sin6.sin6_addr.s6_addr),
                    prefix_len: prefix,
                    scope_id: sin6.sin6_scope_id,
                });
            }
            _ => {}
        }
    })?;
    Ok(out)
}

/// The index of the interface with this name (`if_nametoindex`), 0 if there is none.
pub fn index_of(name: &str) -> u32 {
    let Ok(c) = std::ffi::CString::new(name) else {
        return 0;
    };
    // SAFETY: `c` is a NUL-terminated string.
    unsafe { libc::if_nametoindex(c.as_ptr()) }
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

/// An IP address from a `struct sockaddr` getifaddrs filled (NULL or of its family's size).
fn ip_of(sa: *const libc::sockaddr) -> Option<IpAddr> {
    if sa.is_null() {
        return None;
    }
    // SAFETY: a non-NULL address from getifaddrs is a valid sockaddr of its family.
    unsafe {
        match i32::from((*sa).sa_family) {
            libc::AF_INET => {
                let sin = &*sa.cast::<libc::sockaddr_in>();
                Some(Ipv4Addr::from(u32::from_be(sin.sin_addr.s_addr)).into())
            }
            libc::AF_INET6 => {
                let sin6 = &*sa.cast::<libc::sockaddr_in6>();
                Some(Ipv6Addr::from(sin6.sin6_addr.s6_addr).into())
            }
            _ => None,
        }
    }
}

/// Every IPv4 and IPv6 address of the host's interfaces (`getifaddrs`).
pub fn interface_addrs() -> SysResult<Vec<IfAddr>> {
    let mut out = Vec::new();
    each_ifaddr(|ifa| {
        let Some(addr) = ip_of(ifa.ifa_addr) else {
            return;
        };
        let other = os::broadcast_addr(ifa);
        // With IFF_BROADCAST, `other` is the broadcast address (or NULL).
        // An address added without a broadcast address (`ip addr add 10.0.0.1/24`, no `brd`)
        // comes back from glibc with the address itself there: no broadcast address, then.
        let broadcast = match ifa.ifa_flags & libc::IFF_BROADCAST as libc::c_uint {
            0 => None,
            _ => match ip_of(other) {
                Some(IpAddr::V4(b)) if IpAddr::V4(b) != addr && !b.is_unspecified() => Some(b),
                _ => None,
            },
        };
        out.push(IfAddr {
            addr,
            // SAFETY: ifa_name is a NUL-terminated interface name.
            index: unsafe { libc::if_nametoindex(ifa.ifa_name) },
            broadcast,
            netmask: ip_of(ifa.ifa_netmask),
            flags: ifa.ifa_flags,
        });
    })?;
    Ok(out)
}

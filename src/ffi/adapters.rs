//! `GetAdaptersAddresses` over the host's interfaces: the Windows `IP_ADAPTER_ADDRESSES`
//! list (64-bit layout, as in iptypes.h), packed into the caller's buffer.
//!
//! Each interface becomes one adapter: `AdapterName` is the interface's GUID in braces, as
//! Windows gives it (`crate::win32::luid`: made from the interface's name, the same GUID
//! `ConvertInterfaceLuidToGuid` gives), `FriendlyName` and `Description` are the interface's
//! name, `IfIndex` the
//! OS index, `Ipv6IfIndex` the same index when the interface has an IPv6 address (else 0), and
//! `FirstUnicastAddress` lists its addresses of the requested family.

use crate::sys::ifaces::{IfIp, Iface};
use crate::win32::codes::*;
use std::mem::{align_of, size_of};
use std::net::IpAddr;
use std::os::raw::{c_char, c_void};

/// `SOCKET_ADDRESS`.
#[repr(C)]
pub struct SocketAddress {
    pub lp_sockaddr: *mut c_void,
    pub i_sockaddr_length: i32,
}

/// `IP_ADAPTER_UNICAST_ADDRESS_LH`.
#[repr(C, align(8))]
pub struct UnicastAddress {
    pub length: u32,
    pub flags: u32,
    pub next: *mut UnicastAddress,
    pub address: SocketAddress,
    pub prefix_origin: i32,
    pub suffix_origin: i32,
    pub dad_state: i32,
    pub valid_lifetime: u32,
    pub preferred_lifetime: u32,
    pub lease_lifetime: u32,
    pub on_link_prefix_length: u8,
}

/// `IP_ADAPTER_ADDRESSES_LH`.
#[repr(C, align(8))]
pub struct AdapterAddresses {
    pub length: u32,
    pub if_index: u32,
    pub next: *mut AdapterAddresses,
    pub adapter_name: *mut c_char,
    pub first_unicast_address: *mut UnicastAddress,
    pub first_anycast_address: *mut c_void,
    pub first_multicast_address: *mut c_void,
    pub first_dns_server_address: *mut c_void,
    pub dns_suffix: *mut u16,
    pub description: *mut u16,
    pub friendly_name: *mut u16,
    pub physical_address: [u8; 8],
    pub physical_address_length: u32,
    pub flags: u32,
    pub mtu: u32,
    pub if_type: u32,
    pub oper_status: i32,
    pub ipv6_if_index: u32,
    pub zone_indices: [u32; 16],
    pub first_prefix: *mut c_void,
    pub transmit_link_speed: u64,
    pub receive_link_speed: u64,
    pub first_wins_server_address: *mut c_void,
    pub first_gateway_address: *mut c_void,
    pub ipv4_metric: u32,
    pub ipv6_metric: u32,
    pub luid: u64,
    pub dhcpv4_server: SocketAddress,
    pub compartment_id: u32,
    pub network_guid: [u32; 4],
    pub connection_type: i32,
    pub tunnel_type: i32,
    pub dhcpv6_server: SocketAddress,
    pub dhcpv6_client_duid: [u8; 130],
    pub dhcpv6_client_duid_length: u32,
    pub dhcpv6_iaid: u32,
    pub first_dns_suffix: *mut c_void,
}

#[cfg(target_pointer_width = "64")]
const _: () = {
    assert!(size_of::<AdapterAddresses>() == 448);
    assert!(size_of::<UnicastAddress>() == 64);
};

pub(crate) const GAA_FLAG_SKIP_UNICAST: u32 = 0x0001;

const IF_TYPE_ETHERNET_CSMACD: u32 = 6;
const IF_TYPE_SOFTWARE_LOOPBACK: u32 = 24;
const IF_OPER_STATUS_UP: i32 = 1;
const IF_OPER_STATUS_DOWN: i32 = 2;
/// `IP_ADAPTER_NO_MULTICAST`, `IP_ADAPTER_IPV4_ENABLED`, `IP_ADAPTER_IPV6_ENABLED`.
const ADAPTER_NO_MULTICAST: u32 = 0x0010;
const ADAPTER_IPV4_ENABLED: u32 = 0x0080;
const ADAPTER_IPV6_ENABLED: u32 = 0x0100;
/// `IP_ADAPTER_ADDRESS_DNS_ELIGIBLE`.
const ADDRESS_DNS_ELIGIBLE: u32 = 0x01;
const IP_PREFIX_ORIGIN_MANUAL: i32 = 1;
const IP_PREFIX_ORIGIN_WELL_KNOWN: i32 = 2;
const IP_SUFFIX_ORIGIN_MANUAL: i32 = 1;
const IP_SUFFIX_ORIGIN_WELL_KNOWN: i32 = 2;
const IP_DAD_STATE_PREFERRED: i32 = 4;

fn align(n: usize) -> usize {
    (n + 7) & !7
}

/// What one adapter takes in the buffer.
struct Plan<'a> {
    iface: &'a Iface,
    ips: Vec<&'a IfIp>,
}

fn sockaddr_len(ip: &IpAddr) -> usize {
    match ip {
        IpAddr::V4(_) => size_of::<libc::sockaddr_in>(),
        IpAddr::V6(_) => size_of::<libc::sockaddr_in6>(),
    }
}

/// The length of an `AdapterName`: a GUID in braces, `{XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}`.
const ADAPTER_NAME_LEN: usize = 38;

fn wide_len(s: &str) -> usize {
    s.encode_utf16().count() + 1
}

fn plan_size(p: &Plan<'_>) -> usize {
    let name = &p.iface.name;
    let mut n = align(size_of::<AdapterAddresses>());
    n += align(ADAPTER_NAME_LEN + 1);
    n += 2 * align(2 * wide_len(name)) + align(2);
    for ip in &p.ips {
        n += align(size_of::<UnicastAddress>()) + align(sockaddr_len(&ip.addr));
    }
    n
}

/// Whether `family` (AF_UNSPEC, AF_INET or AF_INET6, Windows' values) selects this address.
fn wanted(family: u32, ip: &IpAddr) -> bool {
    match family {
        0 => true,
        2 => ip.is_ipv4(),
        _ => ip.is_ipv6(),
    }
}

/// Windows' address-family numbers: AF_UNSPEC 0, AF_INET 2, AF_INET6 23. The native AF_INET6
/// value is accepted too, since programs pass the constant their headers define.
fn family_of(family: u32) -> Option<u32> {
    match family {
        0 => Some(0),
        2 => Some(2),
        23 => Some(23),
        f if f == libc::AF_INET6 as u32 => Some(23),
        _ => None,
    }
}

/// A bump allocator over the caller's buffer.
struct Cursor {
    base: *mut u8,
    used: usize,
    cap: usize,
}

impl Cursor {
    /// A zeroed, 8-aligned block of `len` bytes.
    fn take(&mut self, len: usize) -> *mut u8 {
        let at = self.used;
        self.used += align(len);
        assert!(self.used <= self.cap, "adapter buffer overrun");
        // SAFETY: at + align(len) <= cap, so the block lies inside the caller's buffer.
        unsafe {
            let p = self.base.add(at);
            std::ptr::write_bytes(p, 0, align(len));
            p
        }
    }

    fn wide(&mut self, s: &str) -> *mut u16 {
        let units: Vec<u16> = s.encode_utf16().chain(std::iter::once(0)).collect();
        let p = self.take(2 * units.len()).cast::<u16>();
        // SAFETY: the block holds `units.len()` u16s; it is 8-aligned.
        unsafe { std::ptr::copy_nonoverlapping(units.as_ptr(), p, units.len()) };
        p
    }
}

fn write_sockaddr(cur: &mut Cursor, ip: &IfIp) -> (*mut c_void, i32) {
    let len = sockaddr_len(&ip.addr);
    let p = cur.take(len);
    match ip.addr {
        IpAddr::V4(v4) => {
            // SAFETY: zeroed is a valid sockaddr_in.
            let mut sin: libc::sockaddr_in = unsafe { std::mem::zeroed() };
            sin.sin_family = libc::AF_INET as libc::sa_family_t;
            sin.sin_addr.s_addr = u32::from_ne_bytes(v4.octets());
            // SAFETY: the block is len bytes and 8-aligned.
            unsafe { p.cast::<libc::sockaddr_in>().write(sin) };
        }
        IpAddr::V6(v6) => {
            // SAFETY: zeroed is a valid sockaddr_in6.
            let mut sin6: libc::sockaddr_in6 = unsafe { std::mem::zeroed() };
            sin6.sin6_family = libc::AF_INET6 as libc::sa_family_t;
            sin6.sin6_addr.s6_addr = v6.octets();
            sin6.sin6_scope_id = ip.scope_id;
            // SAFETY: the block is len bytes and 8-aligned.
            unsafe { p.cast::<libc::sockaddr_in6>().write(sin6) };
        }
    }
    (p.cast(), len as i32)
}

/// `GetAdaptersAddresses`: fills `buf` (`*size` bytes, may be NULL) and returns a Win32
/// error code: 0, `ERROR_BUFFER_OVERFLOW` with `*size` set to the size needed,
/// `ERROR_INVALID_PARAMETER`, `ERROR_NO_DATA` or `ERROR_NOT_ENOUGH_MEMORY`.
///
/// # Safety
/// `buf` must be NULL or writable for `*size` bytes and 8-aligned.
pub unsafe fn get_adapters(family: u32, flags: u32, buf: *mut u8, size: &mut u32) -> u32 {
    let Some(family) = family_of(family) else {
        return ERROR_INVALID_PARAMETER;
    };
    let Ok(ifaces) = crate::sys::ifaces::interfaces() else {
        return ERROR_NOT_ENOUGH_MEMORY;
    };
    let plans: Vec<Plan<'_>> = ifaces
        .iter()
        .map(|iface| Plan {
            iface,
            ips: if flags & GAA_FLAG_SKIP_UNICAST != 0 {
                Vec::new()
            } else {
                iface
                    .ips
                    .iter()
                    .filter(|ip| wanted(family, &ip.addr))
                    .collect()
            },
        })
        .collect();
    if plans.is_empty() {
        return ERROR_NO_DATA;
    }
    let need: usize = plans.iter().map(plan_size).sum();
    let Ok(need32) = u32::try_from(need) else {
        return ERROR_NOT_ENOUGH_MEMORY;
    };
    if buf.is_null() || (*size as usize) < need {
        *size = need32;
        return ERROR_BUFFER_OVERFLOW;
    }
    if (buf as usize) % align_of::<AdapterAddresses>() != 0 {
        return ERROR_INVALID_PARAMETER;
    }
    let mut cur = Cursor {
        base: buf,
        used: 0,
        cap: *size as usize,
    };
    let mut prev: *mut AdapterAddresses = std::ptr::null_mut();
    for p in &plans {
        let iface = p.iface;
        let a = cur
            .take(size_of::<AdapterAddresses>())
            .cast::<AdapterAddresses>();
        let loopback = iface.flags & libc::IFF_LOOPBACK as u32 != 0;
        let has_v6 = iface.ips.iter().any(|i| i.addr.is_ipv6());
        let guid = crate::win32::luid::adapter_name(&iface.name);
        let name = cur.take(ADAPTER_NAME_LEN + 1).cast::<c_char>();
        // SAFETY: the block holds the name and its NUL (zeroed).
        unsafe { std::ptr::copy_nonoverlapping(guid.as_ptr().cast(), name, ADAPTER_NAME_LEN) };
        // GAA_FLAG_SKIP_FRIENDLY_NAME is ignored, as Windows ignores it (the size and the
        // name are the same with it).
        let friendly = cur.wide(&iface.name);
        let description = cur.wide(&iface.name);
        let dns_suffix = cur.wide("");
        let mut first: *mut UnicastAddress = std::ptr::null_mut();
        let mut last: *mut UnicastAddress = std::ptr::null_mut();
        for ip in &p.ips {
            let u = cur
                .take(size_of::<UnicastAddress>())
                .cast::<UnicastAddress>();
            let (sa, sa_len) = write_sockaddr(&mut cur, ip);
            let well_known = loopback
                || matches!(ip.addr, IpAddr::V6(v6) if (v6.segments()[0] & 0xffc0) == 0xfe80);
            // SAFETY: `u` is a zeroed, aligned block the size of UnicastAddress.
            unsafe {
                u.write(UnicastAddress {
                    length: size_of::<UnicastAddress>() as u32,
                    flags: if loopback { 0 } else { ADDRESS_DNS_ELIGIBLE },
                    next: std::ptr::null_mut(),
                    address: SocketAddress {
                        lp_sockaddr: sa,
                        i_sockaddr_length: sa_len,
                    },
                    prefix_origin: if well_known {
                        IP_PREFIX_ORIGIN_WELL_KNOWN
                    } else {
                        IP_PREFIX_ORIGIN_MANUAL
                    },
                    suffix_origin: if well_known {
                        IP_SUFFIX_ORIGIN_WELL_KNOWN
                    } else {
                        IP_SUFFIX_ORIGIN_MANUAL
                    },
                    dad_state: IP_DAD_STATE_PREFERRED,
                    valid_lifetime: u32::MAX,
                    preferred_lifetime: u32::MAX,
                    lease_lifetime: u32::MAX,
                    on_link_prefix_length: ip.prefix_len,
                });
                if last.is_null() {
                    first = u;
                } else {
                    (*last).next = u;
                }
            }
            last = u;
        }
        let mut physical = [0u8; 8];
        let hw_len = iface.hw_addr.len().min(8);
        physical[..hw_len].copy_from_slice(&iface.hw_addr[..hw_len]);
        let up =
            iface.flags & libc::IFF_UP as u32 != 0 && iface.flags & libc::IFF_RUNNING as u32 != 0;
        // IPv4 cannot be turned off per interface on Linux and macOS: it is always enabled.
        let mut aflags = ADAPTER_IPV4_ENABLED;
        if has_v6 {
            aflags |= ADAPTER_IPV6_ENABLED;
        }
        if iface.flags & libc::IFF_MULTICAST as u32 == 0 {
            aflags |= ADAPTER_NO_MULTICAST;
        }
        let mut zones = [0u32; 16];
        zones[1] = iface.index; // ScopeLevelInterface
        zones[2] = iface.index; // ScopeLevelLink
                                // SAFETY: `a` is a zeroed, aligned block the size of AdapterAddresses; fields not
                                // named here stay zero.
        unsafe {
            let ad = &mut *a;
            ad.length = size_of::<AdapterAddresses>() as u32;
            ad.if_index = iface.index;
            ad.adapter_name = name;
            ad.first_unicast_address = first;
            ad.dns_suffix = dns_suffix;
            ad.description = description;
            ad.friendly_name = friendly;
            ad.physical_address = physical;
            ad.physical_address_length = hw_len as u32;
            ad.flags = aflags;
            ad.mtu = iface.mtu;
            ad.if_type = if loopback {
                IF_TYPE_SOFTWARE_LOOPBACK
            } else {
                IF_TYPE_ETHERNET_CSMACD
            };
            ad.oper_status = if up {
                IF_OPER_STATUS_UP
            } else {
                IF_OPER_STATUS_DOWN
            };
            ad.ipv6_if_index = if has_v6 { iface.index } else { 0 };
            ad.zone_indices = zones;
            ad.ipv4_metric = if loopback { 75 } else { 25 };
            ad.ipv6_metric = ad.ipv4_metric;
            ad.luid = crate::win32::luid::luid_of(iface.index, loopback);
            if !prev.is_null() {
                (*prev).next = a;
            }
        }
        prev = a;
    }
    ERROR_SUCCESS
}

//! The host's network interfaces with everything `GetAdaptersAddresses` reports: name,
//! index, flags, MTU, hardware address and IP addresses with their prefix lengths.

use super::SysResult;
use std::net::IpAddr;

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

#[cfg(any(target_os = "linux", target_os = "android"))]
fn hw_addr_of(sa: &libc::sockaddr) -> Option<Vec<u8>> {
    if i32::from(sa.sa_family) != libc::AF_PACKET {
        return None;
    }
    // SAFETY: an AF_PACKET address from getifaddrs is a sockaddr_ll.
    let ll = unsafe { &*(sa as *const libc::sockaddr).cast::<libc::sockaddr_ll>() };
    let n = usize::from(ll.sll_halen).min(ll.sll_addr.len());
    Some(ll.sll_addr[..n].to_vec())
}

#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn hw_addr_of(sa: &libc::sockaddr) -> Option<Vec<u8>> {
    if i32::from(sa.sa_family) != libc::AF_LINK {
        return None;
    }
    // SAFETY: an AF_LINK address from getifaddrs is a sockaddr_dl.
    let dl = unsafe { &*(sa as *const libc::sockaddr).cast::<libc::sockaddr_dl>() };
    let start = usize::from(dl.sdl_nlen);
    let n = usize::from(dl.sdl_alen);
    let data: &[libc::c_char] = &dl.sdl_data;
    if start + n > data.len() {
        return Some(Vec::new());
    }
    Some(data[start..start + n].iter().map(|&b| b as u8).collect())
}

/// The interface's MTU (`SIOCGIFMTU`), or a typical value when the OS does not say.
fn mtu_of(name: &std::ffi::CStr, loopback: bool) -> u32 {
    let fallback = if loopback { 65536 } else { 1500 };
    #[cfg(any(target_os = "linux", target_os = "android"))]
    {
        // SAFETY: a plain datagram socket used only for the ioctl, closed below.
        let fd = unsafe { libc::socket(libc::AF_INET, libc::SOCK_DGRAM | libc::SOCK_CLOEXEC, 0) };
        if fd < 0 {
            return fallback;
        }
        // SAFETY: ifreq is plain data; zeroed is a valid value.
        let mut req: libc::ifreq = unsafe { std::mem::zeroed() };
        for (d, s) in req.ifr_name.iter_mut().zip(name.to_bytes()) {
            *d = *s as libc::c_char;
        }
        // SAFETY: SIOCGIFMTU reads ifr_name and writes ifr_mtu of `req`.
        let r = unsafe { libc::ioctl(fd, libc::SIOCGIFMTU, &mut req) };
        // SAFETY: `fd` is ours.
        unsafe { libc::close(fd) };
        if r == 0 {
            // SAFETY: the ioctl succeeded, so the union holds the MTU.
            let mtu = unsafe { req.ifr_ifru.ifru_mtu };
            if mtu > 0 {
                return mtu as u32;
            }
        }
    }
    let _ = name;
    fallback
}

/// Every interface of the host (`getifaddrs`), in the order the OS lists them.
pub fn interfaces() -> SysResult<Vec<Iface>> {
    let mut head: *mut libc::ifaddrs = std::ptr::null_mut();
    // SAFETY: getifaddrs writes a list head that we free below.
    if unsafe { libc::getifaddrs(&mut head) } != 0 {
        return Err(super::errno());
    }
    let mut out: Vec<Iface> = Vec::new();
    let mut cur = head;
    while !cur.is_null() {
        // SAFETY: `cur` is a node of the list getifaddrs returned, not yet freed.
        let ifa = unsafe { &*cur };
        cur = ifa.ifa_next;
        // SAFETY: ifa_name is a NUL-terminated interface name.
        let cname = unsafe { std::ffi::CStr::from_ptr(ifa.ifa_name) };
        let name = cname.to_string_lossy().into_owned();
        let pos = match out.iter().position(|i| i.name == name) {
            Some(p) => p,
            None => {
                let flags = ifa.ifa_flags as u32;
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
            continue;
        }
        // SAFETY: non-NULL addresses from getifaddrs are valid sockaddrs.
        let sa = unsafe { &*ifa.ifa_addr };
        if let Some(hw) = hw_addr_of(sa) {
            out[pos].hw_addr = hw;
            continue;
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
    }
    // SAFETY: frees the list getifaddrs allocated; nothing points into it any more.
    unsafe { libc::freeifaddrs(head) };
    Ok(out)
}

//! The `WSAIoctl` codes for datagram error reports and the host's address lists:
//! `SIO_UDP_CONNRESET`, `SIO_UDP_NETRESET`, `SIO_GET_INTERFACE_LIST`, `SIO_ADDRESS_LIST_QUERY`,
//! `SIO_ROUTING_INTERFACE_QUERY`, `SIO_GET_BROADCAST_ADDRESS`, and IPv4 source filters: `SIO_SET_MULTICAST_FILTER`,
//! `SIO_GET_MULTICAST_FILTER`. `WSAIoctl` (ffi/options.rs) hands these codes here.

use super::types::{LPWSAOVERLAPPED_COMPLETION_ROUTINE, WSAOVERLAPPED};
use crate::error::{WsaError, WsaResult};
use crate::socket::Socket;
use crate::sys::{interface_addrs, IfAddr};
use crate::win32::net_change::{self, Topic};
use crate::winsock::{
    SIO_ADDRESS_LIST_QUERY, SIO_GET_BROADCAST_ADDRESS, SIO_ROUTING_INTERFACE_QUERY,
};
use std::collections::HashSet;
use std::net::{IpAddr, Ipv4Addr};
use std::os::raw::c_void;
use std::sync::{Arc, Mutex};

/// `_WSAIOW(IOC_VENDOR, 12)`: input BOOL, whether a "port unreachable" fails the next receive
/// of a datagram socket with `WSAECONNRESET` (default TRUE).
pub const SIO_UDP_CONNRESET: u32 = 0x9800_000C;
/// `_WSAIOW(IOC_VENDOR, 15)`: input BOOL, whether a "TTL expired" report fails the next receive
/// with `WSAENETRESET` (default TRUE). Accepted and kept; ws2mp reports no TTL expiry.
pub const SIO_UDP_NETRESET: u32 = 0x9800_000F;
/// `_IOR('t', 127, u_long)`: the host's IPv4 interfaces as an `INTERFACE_INFO` array (the
/// broadcast address is zeroes for interfaces without `IFF_BROADCAST`, as on Windows).
pub const SIO_GET_INTERFACE_LIST: u32 = 0x4004_747F;

/// `_IOW('t', 125, ULONG)`: input an `ip_msfilter` (group, interface, mode, source count,
/// sources), the whole source filter of an IPv4 membership; joins the group when the socket is
/// not yet a member.
pub const SIO_SET_MULTICAST_FILTER: u32 = 0x8004_747D;
/// `_IOW('t', 124 | IOC_IN, ULONG)`: input an `ip_msfilter` naming the group and interface,
/// output the membership's `ip_msfilter` (as many sources as the output buffer holds;
/// `imsf_numsrc` is the count in all).
pub const SIO_GET_MULTICAST_FILTER: u32 = 0x8004_747C;

/// `_WSAIOW(IOC_VENDOR, 1..3)`: a raw socket bound to a host address receives its interface's
/// IP packets (all, multicast, IGMP); input a 4-byte `RCVALL_*` value. `<mstcpip.h>` names
/// them, as on Windows (not `ws2mp.h`: a program may define `SIO_RCVALL` itself after
/// `<winsock2.h>`).
pub(crate) const SIO_RCVALL: u32 = 0x9800_0001;
pub(crate) const SIO_RCVALL_MCAST: u32 = 0x9800_0002;
pub(crate) const SIO_RCVALL_IGMPMCAST: u32 = 0x9800_0003;

/// `INTERFACE_INFO.iiFlags` bits (Windows' values; the compat `<winsock2.h>` defines `IFF_UP`,
/// ... from these unless `<net/if.h>` came first).
pub const WS2MP_IFF_UP: u32 = 0x1;
pub const WS2MP_IFF_BROADCAST: u32 = 0x2;
pub const WS2MP_IFF_LOOPBACK: u32 = 0x4;
pub const WS2MP_IFF_POINTTOPOINT: u32 = 0x8;
pub const WS2MP_IFF_MULTICAST: u32 = 0x10;

/// `sockaddr_gen`: a union of sockaddr, sockaddr_in and the old 24-byte sockaddr_in6.
#[repr(C)]
#[derive(Clone, Copy)]
struct sockaddr_gen {
    bytes: [u8; 24],
}

/// One entry of `SIO_GET_INTERFACE_LIST`'s output (76 bytes).
#[repr(C)]
#[derive(Clone, Copy)]
struct INTERFACE_INFO {
    iiFlags: u32,
    iiAddress: sockaddr_gen,
    iiBroadcastAddress: sockaddr_gen,
    iiNetmask: sockaddr_gen,
}

/// Whether `WSAIoctl` should hand `code` to [`wsa_ioctl`].
pub fn handles(code: u32) -> bool {
    matches!(
        code,
        SIO_UDP_CONNRESET
            | SIO_UDP_NETRESET
            | SIO_GET_INTERFACE_LIST
            | SIO_ADDRESS_LIST_QUERY
            | SIO_ROUTING_INTERFACE_QUERY
            | SIO_GET_BROADCAST_ADDRESS
            | super::address_sort::SIO_ADDRESS_LIST_SORT
    )
}

/// The body of `WSAIoctl` for the codes [`handles`] accepts. Returns the bytes written to the
/// output buffer; for a too-small output buffer of `SIO_ADDRESS_LIST_QUERY` it stores the size
/// needed in `*returned` and fails with `WSAEFAULT`, as Windows does.
///
/// # Safety
/// `input` must be NULL or readable for `in_len` bytes, `output` NULL or writable for
/// `out_len` bytes, `returned` valid for writes.
pub unsafe fn wsa_ioctl(
    sock: &Socket,
    code: u32,
    input: *const c_void,
    in_len: u32,
    output: *mut c_void,
    out_len: u32,
    returned: *mut u32,
) -> WsaResult<u32> {
    match code {
        SIO_UDP_CONNRESET | SIO_UDP_NETRESET => {
            if input.is_null() || in_len < 4 {
                return Err(WsaError::WSAEFAULT);
            }
            if sock.is_stream() {
                return Err(WsaError::WSAEINVAL);
            }
            // SAFETY: non-NULL and at least 4 bytes per the caller.
            let on = unsafe { input.cast::<u32>().read_unaligned() } != 0;
            if code == SIO_UDP_CONNRESET {
                sock.set_udp_connreset(on);
            } else {
                sock.set_udp_netreset(on);
            }
            Ok(0)
        }
        super::address_sort::SIO_ADDRESS_LIST_SORT => {
            super::address_sort::sort_list(input, in_len, output, out_len, returned)
        }
        SIO_GET_BROADCAST_ADDRESS => {
            // Windows: the limited broadcast address for an IPv4 socket; IPv6 has no
            // broadcast (WSAENOPROTOOPT). A missing or short output is WSAEFAULT, 0 bytes.
            // SAFETY: caller guarantee.
            unsafe { *returned = 0 };
            if sock.family != libc::AF_INET {
                return Err(WsaError::WSAENOPROTOOPT);
            }
            let sa = crate::addr::SockAddr::from_std(std::net::SocketAddr::new(
                IpAddr::V4(Ipv4Addr::BROADCAST),
                0,
            ));
            let bytes = sa.as_bytes();
            if output.is_null() || (out_len as usize) < bytes.len() {
                return Err(WsaError::WSAEFAULT);
            }
            crate::sys::copy_to_user(output.cast::<u8>(), bytes)
                .map_err(|_| WsaError::WSAEFAULT)?;
            Ok(bytes.len() as u32)
        }
        SIO_ROUTING_INTERFACE_QUERY => {
            // SAFETY: forwarded caller guarantees.
            unsafe { routing_interface(input, in_len, output, out_len, returned) }
        }
        SIO_GET_INTERFACE_LIST => {
            let list = interface_list()?;
            let size = list.len() * std::mem::size_of::<INTERFACE_INFO>();
            if output.is_null() || (out_len as usize) < size {
                // Windows reports 0 bytes with the failure.
                // SAFETY: caller guarantee.
                unsafe { *returned = 0 };
                return Err(WsaError::WSAEFAULT);
            }
            // SAFETY: `output` is writable for `size` <= `out_len` bytes.
            unsafe {
                std::ptr::copy_nonoverlapping(list.as_ptr().cast::<u8>(), output.cast::<u8>(), size)
            };
            Ok(size as u32)
        }
        _ => {
            // An output buffer too small for even the count (but not empty) is WSAEINVAL with
            // 0 bytes, as Windows; otherwise a short buffer reports the size needed.
            if out_len > 0 && (out_len as usize) < std::mem::size_of::<usize>() {
                // SAFETY: caller guarantee.
                unsafe { *returned = 0 };
                return Err(WsaError::WSAEINVAL);
            }
            let bytes = address_list(sock.family, output as usize)?;
            if output.is_null() || (out_len as usize) < bytes.len() {
                // SAFETY: caller guarantee.
                unsafe { *returned = bytes.len() as u32 };
                return Err(WsaError::WSAEFAULT);
            }
            // SAFETY: `output` is writable for `bytes.len()` <= `out_len` bytes.
            unsafe {
                std::ptr::copy_nonoverlapping(bytes.as_ptr(), output.cast::<u8>(), bytes.len())
            };
            Ok(bytes.len() as u32)
        }
    }
}

/// The sockets whose `SIO_ADDRESS_LIST_CHANGE` / `SIO_ROUTING_INTERFACE_CHANGE` failed with
/// `WSAEWOULDBLOCK` and wait for the change to record FD_ADDRESS_LIST_CHANGE /
/// FD_ROUTING_INTERFACE_CHANGE (by poller token and kind: one waiter each).
static ARMED: Mutex<Option<HashSet<(u64, bool)>>> = Mutex::new(None);

/// `SIO_ADDRESS_LIST_CHANGE` (`routing` false: told when the host's address list of the
/// socket's family changes) and `SIO_ROUTING_INTERFACE_CHANGE` (`routing` true: told when the
/// routing table changes; the destination in the input is not consulted). Overlapped: pending
/// (`WSA_IO_PENDING`) until the change, then completed with 0 bytes (event, completion routine
/// or port; `CancelIo(Ex)` and `closesocket` abort it). Otherwise, on a blocking socket, the
/// call returns at the change (`WSAEINTR` if the socket is closed meanwhile); on a
/// non-blocking one it fails with `WSAEWOULDBLOCK` and the change records
/// FD_ADDRESS_LIST_CHANGE / FD_ROUTING_INTERFACE_CHANGE (`WSAEventSelect`, `WSAAsyncSelect`),
/// as on Windows.
pub fn host_change(
    sock: &Arc<Socket>,
    routing: bool,
    ov: *mut WSAOVERLAPPED,
    routine: LPWSAOVERLAPPED_COMPLETION_ROUTINE,
) -> WsaResult<()> {
    let topic = if routing {
        Topic::Routes
    } else {
        Topic::Addresses(match sock.family {
            libc::AF_INET | libc::AF_INET6 => sock.family,
            _ => 0,
        })
    };
    let weak = Arc::downgrade(sock);
    if !ov.is_null() {
        let addr = ov as usize;
        crate::overlapped::submit_external(sock, addr, super::overlapped::routine_of(routine, ov))?;
        let still = weak.clone();
        let fire = Box::new(move || {
            if let Some(s) = weak.upgrade() {
                crate::overlapped::complete_external(&s, addr, 0);
            }
        });
        let alive = Box::new(move || {
            still
                .upgrade()
                .is_some_and(|s| crate::overlapped::external_pending(&s, addr))
        });
        if let Err(e) = net_change::on_next_while(topic, fire, alive) {
            crate::overlapped::cancel(sock, crate::overlapped::Cancel::One(addr));
            return Err(e);
        }
        return Err(WsaError::WSA_IO_PENDING);
    }
    if sock.is_nonblocking() {
        let token = (sock.token(), routing);
        let fresh = ARMED
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get_or_insert_with(HashSet::new)
            .insert(token);
        if fresh {
            let fire = Box::new(move || {
                ARMED
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .get_or_insert_with(HashSet::new)
                    .remove(&token);
                if let Some(s) = weak.upgrade() {
                    s.record_host_change(routing);
                }
            });
            if let Err(e) = net_change::on_next(topic, fire) {
                if let Some(set) = ARMED.lock().unwrap_or_else(|p| p.into_inner()).as_mut() {
                    set.remove(&token);
                }
                return Err(e);
            }
        }
        return Err(WsaError::WSAEWOULDBLOCK);
    }
    let fd = sock.fd();
    net_change::wait_next(topic, || {
        crate::socket::registry::get(fd).is_some_and(|s| Arc::ptr_eq(&s, sock))
    })
}

/// `SIO_ROUTING_INTERFACE_QUERY`: the local address the system would send from toward the
/// destination in `input` (port 0). Windows' checks: a missing or short input is `WSAEINVAL`,
/// a family other than IPv4/IPv6 `WSAEAFNOSUPPORT`, the unspecified address `WSAEINVAL`; a
/// missing output is `WSAEFAULT`, a short one `WSAEFAULT` with the size needed. Only a short
/// output writes the count.
///
/// # Safety
/// As [`wsa_ioctl`].
unsafe fn routing_interface(
    input: *const c_void,
    in_len: u32,
    output: *mut c_void,
    out_len: u32,
    returned: *mut u32,
) -> WsaResult<u32> {
    if input.is_null() || (in_len as usize) < std::mem::size_of::<libc::sockaddr_in>() {
        return Err(WsaError::WSAEINVAL);
    }
    let mut raw = [0u8; std::mem::size_of::<libc::sockaddr_in6>()];
    let n = raw.len().min(in_len as usize);
    crate::sys::copy_from_user(input.cast::<u8>(), &mut raw[..n])
        .map_err(|_| WsaError::WSAEFAULT)?;
    let family_at = std::mem::offset_of!(libc::sockaddr, sa_family);
    // SAFETY: the family field lies within the copied bytes (a sockaddr_in at least).
    let family = i32::from(unsafe {
        raw.as_ptr()
            .add(family_at)
            .cast::<libc::sa_family_t>()
            .read_unaligned()
    });
    if family != libc::AF_INET && family != libc::AF_INET6 {
        return Err(WsaError::WSAEAFNOSUPPORT);
    }
    let dest = super::read_sockaddr(raw.as_ptr().cast(), n as i32)?
        .to_std()
        .ok_or(WsaError::WSAEINVAL)?;
    if dest.ip().is_unspecified() {
        return Err(WsaError::WSAEINVAL);
    }
    let source = crate::sys::names::route_source(dest.ip()).ok_or(WsaError::WSAENETUNREACH)?;
    let sa = crate::addr::SockAddr::from_std(std::net::SocketAddr::new(source, 0));
    let bytes = sa.as_bytes();
    if output.is_null() {
        return Err(WsaError::WSAEFAULT);
    }
    if (out_len as usize) < bytes.len() {
        // SAFETY: caller guarantee.
        unsafe { *returned = bytes.len() as u32 };
        return Err(WsaError::WSAEFAULT);
    }
    crate::sys::copy_to_user(output.cast::<u8>(), bytes).map_err(|_| WsaError::WSAEFAULT)?;
    Ok(bytes.len() as u32)
}

fn addrs() -> WsaResult<Vec<IfAddr>> {
    interface_addrs().map_err(WsaError::from_errno)
}

fn gen_v4(ip: std::net::Ipv4Addr) -> sockaddr_gen {
    let mut g = sockaddr_gen { bytes: [0; 24] };
    g.bytes[..2].copy_from_slice(&(libc::AF_INET as u16).to_ne_bytes());
    g.bytes[4..8].copy_from_slice(&ip.octets());
    g
}

/// The host's IPv4 interfaces, as Windows lists them.
fn interface_list() -> WsaResult<Vec<INTERFACE_INFO>> {
    let mut out = Vec::new();
    for a in addrs()? {
        let IpAddr::V4(ip) = a.addr else { continue };
        let mask = match a.netmask {
            Some(IpAddr::V4(m)) => m,
            _ => std::net::Ipv4Addr::BROADCAST,
        };
        let f = a.flags;
        let mut flags = 0;
        for (native, win) in [
            (libc::IFF_UP, WS2MP_IFF_UP),
            (libc::IFF_BROADCAST, WS2MP_IFF_BROADCAST),
            (libc::IFF_LOOPBACK, WS2MP_IFF_LOOPBACK),
            (libc::IFF_POINTOPOINT, WS2MP_IFF_POINTTOPOINT),
            (libc::IFF_MULTICAST, WS2MP_IFF_MULTICAST),
        ] {
            if f & native as u32 != 0 {
                flags |= win;
            }
        }
        // Windows' loopback interface takes multicast (Linux's does not say so).
        if flags & WS2MP_IFF_LOOPBACK != 0 {
            flags |= WS2MP_IFF_MULTICAST;
        }
        // Windows reports the limited broadcast address, 255.255.255.255, for every broadcast
        // interface (programs that want the subnet's compute `(addr & mask) | ~mask`), and
        // zeroes otherwise.
        let broadcast = if flags & WS2MP_IFF_BROADCAST != 0 {
            gen_v4(std::net::Ipv4Addr::BROADCAST)
        } else {
            sockaddr_gen { bytes: [0; 24] }
        };
        out.push(INTERFACE_INFO {
            iiFlags: flags,
            iiAddress: gen_v4(ip),
            iiBroadcastAddress: broadcast,
            iiNetmask: gen_v4(mask),
        });
    }
    Ok(out)
}

/// `SOCKET_ADDRESS_LIST` for the host's (non-loopback) addresses of `family`, laid out for a
/// buffer at address `base`: the count, the `SOCKET_ADDRESS` array, then the addresses the array
/// points at.
fn address_list(family: i32, base: usize) -> WsaResult<Vec<u8>> {
    let ips: Vec<IpAddr> = addrs()?
        .into_iter()
        .map(|a| a.addr)
        .filter(|ip| !ip.is_loopback())
        .filter(|ip| match family {
            libc::AF_INET => ip.is_ipv4(),
            libc::AF_INET6 => ip.is_ipv6(),
            _ => false,
        })
        .collect();
    let ptr = std::mem::size_of::<usize>();
    // SOCKET_ADDRESS: a pointer and an INT, padded to pointer alignment.
    let entry = 2 * ptr;
    let header = ptr; // INT iAddressCount, padded so the array is pointer-aligned
    let addr_len = if family == libc::AF_INET6 {
        std::mem::size_of::<libc::sockaddr_in6>()
    } else {
        std::mem::size_of::<libc::sockaddr_in>()
    };
    let table = header + ips.len() * entry;
    let mut out = vec![0u8; table + ips.len() * addr_len];
    out[..4].copy_from_slice(&(ips.len() as i32).to_ne_bytes());
    for (i, ip) in ips.iter().enumerate() {
        let at = table + i * addr_len;
        let e = header + i * entry;
        out[e..e + ptr].copy_from_slice(&(base + at).to_ne_bytes());
        out[e + ptr..e + ptr + 4].copy_from_slice(&(addr_len as i32).to_ne_bytes());
        let sa = crate::addr::SockAddr::from_std(std::net::SocketAddr::new(*ip, 0));
        let b = sa.as_bytes();
        out[at..at + b.len().min(addr_len)].copy_from_slice(&b[..b.len().min(addr_len)]);
    }
    Ok(out)
}

/// `ip_msfilter`'s header (group, interface, mode, source count) and one source.
const MSFILTER_HEADER: usize = 16;
const MSFILTER_SOURCE: usize = 4;
/// More sources than any system keeps per membership (Linux: `igmp_max_msf`, 10 by default).
const MSFILTER_MAX_SOURCES: usize = 1 << 16;

fn v4_at(b: &[u8], at: usize) -> Ipv4Addr {
    Ipv4Addr::new(b[at], b[at + 1], b[at + 2], b[at + 3])
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    u32::from_ne_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
}

/// `SIO_SET_MULTICAST_FILTER`: reads the program's `ip_msfilter` (a missing or short one, or a
/// source count beyond the buffer, is `WSAEFAULT`; a mode other than `MCAST_INCLUDE` /
/// `MCAST_EXCLUDE` `WSAEINVAL`) and sets it (provider/multicast).
pub fn set_multicast_filter(sock: &Socket, input: *const c_void, in_len: u32) -> WsaResult<u32> {
    if input.is_null() || (in_len as usize) < MSFILTER_HEADER {
        return Err(WsaError::WSAEFAULT);
    }
    let mut head = [0u8; MSFILTER_HEADER];
    crate::sys::copy_from_user(input.cast::<u8>(), &mut head).map_err(|_| WsaError::WSAEFAULT)?;
    let count = u32_at(&head, 12) as usize;
    if count > MSFILTER_MAX_SOURCES || MSFILTER_HEADER + MSFILTER_SOURCE * count > in_len as usize {
        return Err(WsaError::WSAEFAULT);
    }
    let mut all = vec![0u8; MSFILTER_HEADER + MSFILTER_SOURCE * count];
    crate::sys::copy_from_user(input.cast::<u8>(), &mut all).map_err(|_| WsaError::WSAEFAULT)?;
    let include = match u32_at(&all, 8) {
        crate::sys::MCAST_INCLUDE_MODE => true,
        crate::sys::MCAST_EXCLUDE_MODE => false,
        _ => return Err(WsaError::WSAEINVAL),
    };
    let filter = crate::sys::SourceFilterV4 {
        group: v4_at(&all, 0),
        iface: v4_at(&all, 4),
        include,
        sources: (0..count)
            .map(|i| v4_at(&all, MSFILTER_HEADER + MSFILTER_SOURCE * i))
            .collect(),
    };
    crate::provider::multicast::set_source_filter(sock, &filter)?;
    Ok(0)
}

/// `SIO_GET_MULTICAST_FILTER`: the group and interface from the input `ip_msfilter`, the
/// membership's filter into the output buffer (the sources that fit; `imsf_numsrc` the count
/// in all). Returns the bytes written. A missing or short input or output is `WSAEFAULT`.
pub fn get_multicast_filter(
    sock: &Socket,
    input: *const c_void,
    in_len: u32,
    output: *mut c_void,
    out_len: u32,
) -> WsaResult<u32> {
    if input.is_null() || (in_len as usize) < MSFILTER_HEADER {
        return Err(WsaError::WSAEFAULT);
    }
    if output.is_null() || (out_len as usize) < MSFILTER_HEADER {
        return Err(WsaError::WSAEFAULT);
    }
    let mut head = [0u8; MSFILTER_HEADER];
    crate::sys::copy_from_user(input.cast::<u8>(), &mut head).map_err(|_| WsaError::WSAEFAULT)?;
    let capacity =
        ((out_len as usize - MSFILTER_HEADER) / MSFILTER_SOURCE).min(MSFILTER_MAX_SOURCES);
    let (filter, total) = crate::provider::multicast::source_filter(
        sock,
        v4_at(&head, 0),
        v4_at(&head, 4),
        capacity,
    )?;
    let mode = if filter.include {
        crate::sys::MCAST_INCLUDE_MODE
    } else {
        crate::sys::MCAST_EXCLUDE_MODE
    };
    let mut out = Vec::with_capacity(MSFILTER_HEADER + MSFILTER_SOURCE * filter.sources.len());
    out.extend_from_slice(&filter.group.octets());
    out.extend_from_slice(&filter.iface.octets());
    out.extend_from_slice(&mode.to_ne_bytes());
    out.extend_from_slice(&(total as u32).to_ne_bytes());
    for a in &filter.sources {
        out.extend_from_slice(&a.octets());
    }
    crate::sys::copy_to_user(output.cast::<u8>(), &out).map_err(|_| WsaError::WSAEFAULT)?;
    Ok(out.len() as u32)
}

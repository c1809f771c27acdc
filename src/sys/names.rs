//! The OS's name services: `getaddrinfo`, `getnameinfo`, `gethostname`, `getifaddrs` and the
//! services database. Everything here returns owned Rust values; no system-allocated list
//! outlives the call that made it.

use crate::addr::SockAddr;
use std::ffi::{CStr, CString};
use std::os::raw::{c_char, c_int};

/// A failure of `getaddrinfo`/`getnameinfo`: the native `EAI_*` code, and `errno` when that
/// code is `EAI_SYSTEM`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GaiError {
    pub code: c_int,
    pub errno: c_int,
}

/// What the system resolver found for a host: its addresses (each once, in the resolver's
/// order, port 0) and the canonical name when it was asked for.
pub struct Resolved {
    pub addrs: Vec<SockAddr>,
    pub canonical: Option<String>,
}

/// Resolves `node` with the system's `getaddrinfo`. `family` and `flags` are native values.
pub fn resolve(node: Option<&CStr>, family: c_int, flags: c_int) -> Result<Resolved, GaiError> {
    // SAFETY: all-zero is a valid addrinfo hints value.
    let mut hints: libc::addrinfo = unsafe { std::mem::zeroed() };
    hints.ai_family = family;
    hints.ai_socktype = libc::SOCK_STREAM; // one entry per address
    hints.ai_flags = flags;
    let mut list: *mut libc::addrinfo = std::ptr::null_mut();
    let node_ptr = node.map_or(std::ptr::null(), |n| n.as_ptr());
    // A service is needed when there is no node; "0" keeps the port at 0.
    let service: &CStr = c"0";
    // SAFETY: valid C strings, hints and out-pointer; the list is freed below.
    let rc = unsafe { libc::getaddrinfo(node_ptr, service.as_ptr(), &hints, &mut list) };
    if rc != 0 {
        return Err(GaiError {
            code: rc,
            errno: super::errno(),
        });
    }
    let mut out = Resolved {
        addrs: Vec::new(),
        canonical: None,
    };
    let mut p = list;
    while !p.is_null() {
        // SAFETY: `p` is a node of the list getaddrinfo returned.
        let ai = unsafe { &*p };
        if out.canonical.is_none() && !ai.ai_canonname.is_null() {
            // SAFETY: a NUL-terminated string owned by the list.
            let name = unsafe { CStr::from_ptr(ai.ai_canonname) };
            out.canonical = Some(name.to_string_lossy().into_owned());
        }
        if !ai.ai_addr.is_null() && ai.ai_addrlen > 0 {
            // SAFETY: ai_addr is valid for ai_addrlen bytes.
            let bytes = unsafe {
                std::slice::from_raw_parts(ai.ai_addr.cast::<u8>(), ai.ai_addrlen as usize)
            };
            if let Some(a) = SockAddr::from_bytes(bytes) {
                if !out.addrs.iter().any(|b| b.as_bytes() == a.as_bytes()) {
                    out.addrs.push(a);
                }
            }
        }
        p = ai.ai_next;
    }
    // SAFETY: the list came from getaddrinfo and is freed once.
    unsafe { libc::freeaddrinfo(list) };
    Ok(out)
}

/// The system's `getnameinfo` into owned strings (`flags` native). Either part may be skipped.
pub fn name_of(
    addr: &SockAddr,
    want_host: bool,
    want_service: bool,
    flags: c_int,
) -> Result<(String, String), GaiError> {
    let mut host = vec![0 as c_char; 1025];
    let mut serv = vec![0 as c_char; 64];
    // SAFETY: the address is valid for its length; the buffers for their lengths.
    let rc = unsafe {
        libc::getnameinfo(
            addr.as_ptr(),
            addr.len(),
            if want_host {
                host.as_mut_ptr()
            } else {
                std::ptr::null_mut()
            },
            if want_host { host.len() as _ } else { 0 },
            if want_service {
                serv.as_mut_ptr()
            } else {
                std::ptr::null_mut()
            },
            if want_service { serv.len() as _ } else { 0 },
            flags,
        )
    };
    if rc != 0 {
        return Err(GaiError {
            code: rc,
            errno: super::errno(),
        });
    }
    let text = |b: &[c_char]| {
        // SAFETY: getnameinfo NUL-terminates what it writes; the buffers start zeroed.
        unsafe { CStr::from_ptr(b.as_ptr()) }
            .to_string_lossy()
            .into_owned()
    };
    Ok((text(&host), text(&serv)))
}

/// This machine's host name (`gethostname`).
pub fn host_name() -> String {
    let mut buf = [0 as c_char; 256];
    // SAFETY: the buffer is writable for its length; one byte is kept for the NUL.
    let rc = unsafe { libc::gethostname(buf.as_mut_ptr(), buf.len() - 1) };
    if rc != 0 {
        return "localhost".to_string();
    }
    // SAFETY: NUL-terminated (the last byte was never written).
    unsafe { CStr::from_ptr(buf.as_ptr()) }
        .to_string_lossy()
        .into_owned()
}

/// The addresses of this machine's interfaces that are up, loopback excluded (port 0).
pub fn local_addresses() -> Vec<SockAddr> {
    // The C library's functions, not a program's own of the same names.
    use super::libc_next::{freeifaddrs, getifaddrs};
    let mut list: *mut libc::ifaddrs = std::ptr::null_mut();
    // SAFETY: out-pointer; freed below.
    if unsafe { getifaddrs(&mut list) } != 0 {
        return Vec::new();
    }
    let mut out: Vec<SockAddr> = Vec::new();
    let mut p = list;
    while !p.is_null() {
        // SAFETY: a node of the list getifaddrs returned.
        let ifa = unsafe { &*p };
        p = ifa.ifa_next;
        let up = ifa.ifa_flags & libc::IFF_UP as u32 != 0;
        let loopback = ifa.ifa_flags & libc::IFF_LOOPBACK as u32 != 0;
        if ifa.ifa_addr.is_null() || !up || loopback {
            continue;
        }
        // SAFETY: ifa_addr points to a sockaddr whose family says its size.
        let family = i32::from(unsafe { (*ifa.ifa_addr).sa_family });
        let len = match family {
            libc::AF_INET => std::mem::size_of::<libc::sockaddr_in>(),
            libc::AF_INET6 => std::mem::size_of::<libc::sockaddr_in6>(),
            _ => continue,
        };
        // SAFETY: an address of that family has that size.
        let bytes = unsafe { std::slice::from_raw_parts(ifa.ifa_addr.cast::<u8>(), len) };
        if let Some(a) = SockAddr::from_bytes(bytes) {
            if !out.iter().any(|b| b.as_bytes() == a.as_bytes()) {
                out.push(a);
            }
        }
    }
    // SAFETY: the list came from getifaddrs and is freed once.
    unsafe { freeifaddrs(list) };
    out
}

/// A services-database entry.
pub struct Service {
    pub name: String,
    pub aliases: Vec<String>,
    /// Network byte order, as the database gives it.
    pub port_be: u16,
    pub proto: String,
}

/// The services database is read through the non-reentrant calls under one lock: every ws2mp
/// caller is serialised, and the entry is copied out before the lock is released.
static SERVICES: parking_lot::Mutex<()> = parking_lot::Mutex::new(());

/// Copies a `servent` the system returned.
///
/// # Safety
/// `s` must be NULL or a valid entry that nobody changes during the call.
unsafe fn copy_servent(s: *const libc::servent) -> Option<Service> {
    // SAFETY: caller guarantee.
    let s = unsafe { s.as_ref() }?;
    // SAFETY: NUL-terminated strings of a valid entry.
    let text = |p: *const c_char| unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned();
    let mut aliases = Vec::new();
    let mut a = s.s_aliases;
    // SAFETY: a NULL-terminated array of strings.
    while !a.is_null() && !unsafe { *a }.is_null() {
        // SAFETY: as above.
        aliases.push(text(unsafe { *a }));
        // SAFETY: still within the array (its terminator was not reached).
        a = unsafe { a.add(1) };
    }
    Some(Service {
        name: text(s.s_name),
        aliases,
        port_be: s.s_port as u16,
        proto: text(s.s_proto),
    })
}

/// `getservbyname`: `proto` None matches any protocol.
pub fn service_by_name(name: &CStr, proto: Option<&CStr>) -> Option<Service> {
    let _g = SERVICES.lock();
    let proto = proto.map_or(std::ptr::null(), |p| p.as_ptr());
    // SAFETY: valid C strings; the entry is copied while the lock is held.
    unsafe { copy_servent(libc::getservbyname(name.as_ptr(), proto)) }
}

/// `getservbyport`: `port_be` in network byte order.
pub fn service_by_port(port_be: u16, proto: Option<&CStr>) -> Option<Service> {
    let _g = SERVICES.lock();
    let proto = proto.map_or(std::ptr::null(), |p| p.as_ptr());
    // SAFETY: valid C string or NULL; the entry is copied while the lock is held.
    unsafe { copy_servent(libc::getservbyport(c_int::from(port_be), proto)) }
}

/// A C string for the resolver, or None when `s` holds a NUL.
pub fn c_string(s: &str) -> Option<CString> {
    CString::new(s).ok()
}

/// The source address the system would use toward `dest` (a UDP socket connected to it; no
/// packet is sent), or None when there is no route.
pub fn route_source(dest: std::net::IpAddr) -> Option<std::net::IpAddr> {
    let bind: std::net::SocketAddr = match dest {
        std::net::IpAddr::V4(_) => (std::net::Ipv4Addr::UNSPECIFIED, 0).into(),
        std::net::IpAddr::V6(_) => (std::net::Ipv6Addr::UNSPECIFIED, 0).into(),
    };
    let socket = std::net::UdpSocket::bind(bind).ok()?;
    socket.connect((dest, 9)).ok()?;
    Some(socket.local_addr().ok()?.ip())
}

//! Name resolution and address strings, the Winsock way: `gethostbyname` & co. with
//! Windows' structures in per-thread buffers, `getaddrinfo`/`getnameinfo` with Windows' flags,
//! codes and result shape, and the `WSAAddressToString`/`WSAStringToAddress`/`inet_pton`
//! text forms. The system resolver is asked only for real names; literals, the local host
//! and names under `.invalid` are answered here.

pub mod address_string;
pub mod addrinfo;
pub mod entries;
pub mod hosts;
pub mod messages;
pub mod rnr;
pub mod services;
pub mod types;

use crate::error::WsaError;
use crate::sys::names::GaiError;

/// Maps a native `EAI_*` failure to the Winsock code Windows reports for it.
pub fn from_gai(e: GaiError) -> WsaError {
    #[cfg(target_os = "linux")]
    const EAI_ADDRFAMILY: i32 = -9;
    #[cfg(not(target_os = "linux"))]
    const EAI_ADDRFAMILY: i32 = i32::MIN;
    // FreeBSD dropped EAI_NODATA (a name with no address is EAI_NONAME there).
    #[cfg(not(target_os = "freebsd"))]
    const EAI_NODATA: i32 = libc::EAI_NODATA;
    #[cfg(target_os = "freebsd")]
    const EAI_NODATA: i32 = i32::MIN + 1;
    match e.code {
        libc::EAI_NONAME => WsaError::WSAHOST_NOT_FOUND,
        libc::EAI_AGAIN => WsaError::WSATRY_AGAIN,
        libc::EAI_FAIL => WsaError::WSANO_RECOVERY,
        libc::EAI_FAMILY => WsaError::WSAEAFNOSUPPORT,
        libc::EAI_MEMORY => WsaError::WSA_NOT_ENOUGH_MEMORY,
        libc::EAI_SERVICE => WsaError::WSATYPE_NOT_FOUND,
        libc::EAI_SOCKTYPE => WsaError::WSAESOCKTNOSUPPORT,
        libc::EAI_BADFLAGS => WsaError::WSAEINVAL,
        libc::EAI_OVERFLOW => WsaError::WSAEFAULT,
        EAI_NODATA | EAI_ADDRFAMILY => WsaError::WSANO_DATA,
        libc::EAI_SYSTEM if e.errno != 0 => WsaError::from_errno(e.errno),
        _ => WsaError::WSANO_RECOVERY,
    }
}

/// True for names under the reserved top-level domain `.invalid` (RFC 6761), which can never
/// resolve: ws2mp answers "host not found" without asking the network.
pub fn is_reserved_invalid(name: &str) -> bool {
    let n = name.trim_end_matches('.').to_ascii_lowercase();
    n == "invalid" || n.ends_with(".invalid")
}

/// The name of one of this machine's own (non-loopback) addresses when the system's resolver
/// has none for it: the host name, as Windows' resolver answers a reverse lookup of its own
/// addresses (the counterpart of `gethostbyname` of the host name giving those addresses).
pub fn own_address_name(ip: std::net::IpAddr) -> Option<String> {
    let ip = ip.to_canonical();
    crate::sys::names::local_addresses()
        .iter()
        .any(|a| a.to_std().is_some_and(|s| s.ip().to_canonical() == ip))
        .then(crate::sys::names::host_name)
}

/// True when `name` is this machine's own host name (any case, optionally with a final dot).
pub fn is_local_name(name: &str) -> bool {
    let own = crate::sys::names::host_name();
    name.trim_end_matches('.').eq_ignore_ascii_case(&own)
}

//! A socket address held by value: `sockaddr_storage` plus its length.

use std::mem;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

#[derive(Clone)]
pub struct SockAddr {
    storage: libc::sockaddr_storage,
    len: libc::socklen_t,
}

impl SockAddr {
    pub(crate) const CAPACITY: libc::socklen_t = mem::size_of::<libc::sockaddr_storage>() as _;

    /// An empty address with room for any family, ready to be filled by the OS.
    pub fn empty() -> SockAddr {
        SockAddr {
            // SAFETY: all-zero is a valid sockaddr_storage.
            storage: unsafe { mem::zeroed() },
            len: Self::CAPACITY,
        }
    }

    /// Copies `bytes` (a sockaddr as C passed it) into owned storage.
    /// Returns None when it is longer than any address or shorter than a family field.
    pub fn from_bytes(bytes: &[u8]) -> Option<SockAddr> {
        if bytes.len() < mem::size_of::<libc::sa_family_t>() + 1
            || bytes.len() > Self::CAPACITY as usize
        {
            return None;
        }
        let mut a = SockAddr::empty();
        // SAFETY: sockaddr_storage is plain bytes of CAPACITY length and bytes.len() <= CAPACITY.
        let dst = unsafe {
            std::slice::from_raw_parts_mut(
                std::ptr::addr_of_mut!(a.storage).cast::<u8>(),
                bytes.len(),
            )
        };
        dst.copy_from_slice(bytes);
        a.len = bytes.len() as _;
        Some(a)
    }

    pub fn from_std(addr: SocketAddr) -> SockAddr {
        let mut a = SockAddr::empty();
        match addr {
            SocketAddr::V4(v4) => {
                // SAFETY: sockaddr_storage is large and aligned enough for sockaddr_in.
                let sin = unsafe {
                    &mut *(std::ptr::addr_of_mut!(a.storage).cast::<libc::sockaddr_in>())
                };
                sin.sin_family = libc::AF_INET as _;
                sin.sin_port = v4.port().to_be();
                sin.sin_addr.s_addr = u32::from(*v4.ip()).to_be();
                #[cfg(not(any(target_os = "linux", target_os = "android")))]
                {
                    sin.sin_len = mem::size_of::<libc::sockaddr_in>() as u8;
                }
                a.len = mem::size_of::<libc::sockaddr_in>() as _;
            }
            SocketAddr::V6(v6) => {
                // SAFETY: sockaddr_storage is large and aligned enough for sockaddr_in6.
                let sin6 = unsafe {
                    &mut *(std::ptr::addr_of_mut!(a.storage).cast::<libc::sockaddr_in6>())
                };
                sin6.sin6_family = libc::AF_INET6 as _;
                sin6.sin6_port = v6.port().to_be();
                sin6.sin6_addr.s6_addr = v6.ip().octets();
                sin6.sin6_flowinfo = v6.flowinfo();
                sin6.sin6_scope_id = v6.scope_id();
                #[cfg(not(any(target_os = "linux", target_os = "android")))]
                {
                    sin6.sin6_len = mem::size_of::<libc::sockaddr_in6>() as u8;
                }
                a.len = mem::size_of::<libc::sockaddr_in6>() as _;
            }
        }
        a
    }

    pub fn as_ptr(&self) -> *const libc::sockaddr {
        std::ptr::addr_of!(self.storage).cast()
    }

    pub fn as_mut_ptr(&mut self) -> *mut libc::sockaddr {
        std::ptr::addr_of_mut!(self.storage).cast()
    }

    pub fn len(&self) -> libc::socklen_t {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn len_mut(&mut self) -> &mut libc::socklen_t {
        &mut self.len
    }

    pub fn set_len(&mut self, len: libc::socklen_t) {
        self.len = len.min(Self::CAPACITY);
    }

    /// The address as bytes, as the OS wrote it.
    pub fn as_bytes(&self) -> &[u8] {
        // SAFETY: storage is CAPACITY plain bytes and len <= CAPACITY.
        unsafe { std::slice::from_raw_parts(self.as_ptr().cast::<u8>(), self.len as usize) }
    }

    pub fn family(&self) -> i32 {
        self.storage.ss_family as i32
    }

    /// The IPv4/IPv6 address and port, if this is an IP address of the right length.
    pub fn to_std(&self) -> Option<SocketAddr> {
        match self.family() {
            libc::AF_INET if self.len as usize >= mem::size_of::<libc::sockaddr_in>() => {
                // SAFETY: family and length say this storage holds a sockaddr_in.
                let sin = unsafe { &*(self.as_ptr().cast::<libc::sockaddr_in>()) };
                let ip = Ipv4Addr::from(u32::from_be(sin.sin_addr.s_addr));
                Some(SocketAddr::new(IpAddr::V4(ip), u16::from_be(sin.sin_port)))
            }
            libc::AF_INET6 if self.len as usize >= mem::size_of::<libc::sockaddr_in6>() => {
                // SAFETY: family and length say this storage holds a sockaddr_in6.
                let sin6 = unsafe { &*(self.as_ptr().cast::<libc::sockaddr_in6>()) };
                let ip = Ipv6Addr::from(sin6.sin6_addr.s6_addr);
                Some(SocketAddr::V6(std::net::SocketAddrV6::new(
                    ip,
                    u16::from_be(sin6.sin6_port),
                    sin6.sin6_flowinfo,
                    sin6.sin6_scope_id,
                )))
            }
            _ => None,
        }
    }
}

impl std::fmt::Debug for SockAddr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.to_std() {
            Some(a) => write!(f, "{a}"),
            None => write!(f, "<family {} len {}>", self.family(), self.len),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_ipv4_and_ipv6() {
        for s in ["127.0.0.1:80", "[::1]:8080", "[ff02::1%3]:9"] {
            let a: SocketAddr = s.parse().unwrap();
            let sa = SockAddr::from_std(a);
            assert_eq!(sa.to_std(), Some(a));
            let copy = SockAddr::from_bytes(sa.as_bytes()).unwrap();
            assert_eq!(copy.to_std(), Some(a));
        }
    }

    #[test]
    fn rejects_impossible_lengths() {
        assert!(SockAddr::from_bytes(&[0u8; 1]).is_none());
        assert!(SockAddr::from_bytes(&[0u8; 200]).is_none());
        let short = SockAddr::from_bytes(&[2u8, 0, 0, 80]).unwrap();
        assert!(short.to_std().is_none());
    }
}

//! A socket address held by value: `sockaddr_storage` plus its length.

use std::mem::{self, offset_of, size_of};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, SocketAddrV6};

/// Room for any address, aligned as `sockaddr_storage` is, so the OS may read and write it
/// through [`SockAddr::as_ptr`] / [`SockAddr::as_mut_ptr`] as a `sockaddr_storage`.
#[derive(Clone, Copy)]
#[repr(C, align(8))]
struct Storage([u8; size_of::<libc::sockaddr_storage>()]);

const _: () = assert!(mem::align_of::<Storage>() >= mem::align_of::<libc::sockaddr_storage>());

/// A socket address held by value, as plain bytes in the C layout: reading and writing the
/// fields goes through their offsets in the libc structures, so all of it is safe code,
/// and no length stored in `len` can make a read go past the storage (every read is clamped
/// to the storage and checked against the field it wants).
#[derive(Clone)]
pub struct SockAddr {
    storage: Storage,
    len: libc::socklen_t,
}

/// Writes `bytes` at `at` in `buf`.
fn put(buf: &mut [u8], at: usize, bytes: &[u8]) {
    buf[at..at + bytes.len()].copy_from_slice(bytes);
}

/// `N` bytes at `at` of `buf` (zeroes past its end).
fn take<const N: usize>(buf: &[u8], at: usize) -> [u8; N] {
    let mut out = [0u8; N];
    if let Some(src) = buf.get(at..at + N) {
        out.copy_from_slice(src);
    }
    out
}

impl SockAddr {
    pub(crate) const CAPACITY: libc::socklen_t = size_of::<libc::sockaddr_storage>() as _;

    /// An empty address with room for any family, ready to be filled by the OS.
    pub fn empty() -> SockAddr {
        SockAddr {
            storage: Storage([0; size_of::<libc::sockaddr_storage>()]),
            len: Self::CAPACITY,
        }
    }

    /// Copies `bytes` (a sockaddr as C passed it) into owned storage.
    /// Returns None when it is longer than any address or shorter than a family field.
    pub fn from_bytes(bytes: &[u8]) -> Option<SockAddr> {
        if bytes.len() < size_of::<libc::sa_family_t>() + 1 || bytes.len() > Self::CAPACITY as usize
        {
            return None;
        }
        let mut a = SockAddr::empty();
        a.storage.0[..bytes.len()].copy_from_slice(bytes);
        a.len = bytes.len() as _;
        Some(a)
    }

    fn put_family(&mut self, family: i32) {
        let f = family as libc::sa_family_t;
        put(
            &mut self.storage.0,
            offset_of!(libc::sockaddr_storage, ss_family),
            &f.to_ne_bytes(),
        );
    }

    pub fn from_std(addr: SocketAddr) -> SockAddr {
        let mut a = SockAddr::empty();
        match addr {
            SocketAddr::V4(v4) => {
                type In = libc::sockaddr_in;
                a.put_family(libc::AF_INET);
                let b = &mut a.storage.0;
                put(b, offset_of!(In, sin_port), &v4.port().to_be_bytes());
                put(b, offset_of!(In, sin_addr), &v4.ip().octets());
                #[cfg(not(linux_like))]
                put(b, offset_of!(In, sin_len), &[size_of::<In>() as u8]);
                a.len = size_of::<In>() as _;
            }
            SocketAddr::V6(v6) => {
                type In6 = libc::sockaddr_in6;
                a.put_family(libc::AF_INET6);
                let b = &mut a.storage.0;
                put(b, offset_of!(In6, sin6_port), &v6.port().to_be_bytes());
                put(b, offset_of!(In6, sin6_addr), &v6.ip().octets());
                put(
                    b,
                    offset_of!(In6, sin6_flowinfo),
                    &v6.flowinfo().to_ne_bytes(),
                );
                put(
                    b,
                    offset_of!(In6, sin6_scope_id),
                    &v6.scope_id().to_ne_bytes(),
                );
                #[cfg(not(linux_like))]
                put(b, offset_of!(In6, sin6_len), &[size_of::<In6>() as u8]);
                a.len = size_of::<In6>() as _;
            }
        }
        a
    }

    /// The storage as a C `sockaddr` for the OS to read (`len()` bytes).
    pub fn as_ptr(&self) -> *const libc::sockaddr {
        self.storage.0.as_ptr().cast()
    }

    /// The storage as a C `sockaddr` for the OS to fill (`CAPACITY` bytes).
    pub fn as_mut_ptr(&mut self) -> *mut libc::sockaddr {
        self.storage.0.as_mut_ptr().cast()
    }

    pub fn len(&self) -> libc::socklen_t {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn set_len(&mut self, len: libc::socklen_t) {
        self.len = len.min(Self::CAPACITY);
    }

    /// The address as bytes, as the OS wrote it.
    pub fn as_bytes(&self) -> &[u8] {
        &self.storage.0[..(self.len as usize).min(self.storage.0.len())]
    }

    pub fn family(&self) -> i32 {
        let at = offset_of!(libc::sockaddr_storage, ss_family);
        i32::from(libc::sa_family_t::from_ne_bytes(take(&self.storage.0, at)))
    }

    /// Whether this is an IP address whose host part is the unspecified address (0.0.0.0, `::`
    /// or `::ffff:0.0.0.0`): no remote host, which Windows refuses as a destination with
    /// `WSAEADDRNOTAVAIL` (`connect` on a stream socket, `sendto`, `ConnectEx`), where
    /// Linux and macOS deliver to this host.
    pub fn is_unspecified_host(&self) -> bool {
        self.to_std()
            .is_some_and(|a| a.ip().to_canonical().is_unspecified())
    }

    /// Whether a stream connection to this address is refused before it starts, as Windows
    /// refuses it (`WSAEADDRNOTAVAIL`): the unspecified host, or port 0 (Linux and macOS try
    /// port 0 and report `ECONNREFUSED`).
    pub fn is_invalid_remote(&self) -> bool {
        self.is_unspecified_host() || self.to_std().is_some_and(|a| a.port() == 0)
    }

    /// The IPv4/IPv6 address and port, if this is an IP address of the right length.
    pub fn to_std(&self) -> Option<SocketAddr> {
        let b = self.as_bytes();
        match self.family() {
            libc::AF_INET if b.len() >= size_of::<libc::sockaddr_in>() => {
                type In = libc::sockaddr_in;
                let ip = Ipv4Addr::from(take::<4>(b, offset_of!(In, sin_addr)));
                let port = u16::from_be_bytes(take(b, offset_of!(In, sin_port)));
                Some(SocketAddr::new(IpAddr::V4(ip), port))
            }
            libc::AF_INET6 if b.len() >= size_of::<libc::sockaddr_in6>() => {
                type In6 = libc::sockaddr_in6;
                Some(SocketAddr::V6(SocketAddrV6::new(
                    Ipv6Addr::from(take::<16>(b, offset_of!(In6, sin6_addr))),
                    u16::from_be_bytes(take(b, offset_of!(In6, sin6_port))),
                    u32::from_ne_bytes(take(b, offset_of!(In6, sin6_flowinfo))),
                    u32::from_ne_bytes(take(b, offset_of!(In6, sin6_scope_id))),
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

    #[test]
    fn a_length_beyond_the_storage_never_reads_past_it() {
        let mut a = SockAddr::from_std("127.0.0.1:80".parse().unwrap());
        a.set_len(100_000);
        assert_eq!(a.as_bytes().len(), SockAddr::CAPACITY as usize);
        assert_eq!(a.to_std(), Some("127.0.0.1:80".parse().unwrap()));
    }
}

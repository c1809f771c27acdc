//! `WSAConnectByNameA`/`W` and `WSAConnectByList` (Vista's one-call connects): resolve a name
//! (or take a list of addresses), then try each address in turn until one connects, within an
//! optional time limit, and report the local and remote address of the connection.

use super::types::SOCKET;
use super::{call, read_in, read_sockaddr, socket, write_sockaddr};
use crate::addr::SockAddr;
use crate::error::{WsaError, WsaResult};
use crate::names::addrinfo::{self, Hints};
use crate::socket::{ConnectProgress, Socket};
use std::net::{SocketAddr, SocketAddrV6};
use std::os::raw::{c_char, c_void};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How long a waiting attempt sleeps between looks at the connection.
const STEP: Duration = Duration::from_millis(2);

/// The caller's time limit: None waits as long as each connect takes.
fn deadline(timeout: *const libc::timeval) -> WsaResult<Option<Instant>> {
    if timeout.is_null() {
        return Ok(None);
    }
    let tv = read_in(timeout)?;
    if tv.tv_sec < 0 || tv.tv_usec < 0 {
        return Err(WsaError::WSAEINVAL);
    }
    Ok(Some(
        Instant::now()
            + Duration::from_secs(tv.tv_sec as u64)
            + Duration::from_micros(tv.tv_usec as u64),
    ))
}

/// An address as the socket's family takes it: IPv4 becomes v4-mapped on an IPv6 socket.
fn for_family(addr: &SockAddr, family: i32) -> Option<SockAddr> {
    if addr.family() == family {
        return Some(addr.clone());
    }
    match (addr.to_std()?, family) {
        (SocketAddr::V4(v4), libc::AF_INET6) => Some(SockAddr::from_std(SocketAddr::V6(
            SocketAddrV6::new(v4.ip().to_ipv6_mapped(), v4.port(), 0, 0),
        ))),
        _ => None,
    }
}

/// One attempt: connects `sock` to `addr`, waiting until `limit` at most.
fn attempt(sock: &Arc<Socket>, addr: &SockAddr, limit: Option<Instant>) -> WsaResult<()> {
    crate::options::mark_connect_start(sock);
    match sock.connect(addr) {
        Ok(()) => return Ok(()),
        Err(WsaError::WSAEWOULDBLOCK) if limit.is_some() => {}
        Err(e) => return Err(e),
    }
    loop {
        match sock.connect_progress() {
            ConnectProgress::Connected => return Ok(()),
            ConnectProgress::Failed => {
                // The attempt's own error (the next connect call would report it).
                let errno = crate::sys::take_socket_error(sock.fd());
                return Err(if errno != 0 {
                    WsaError::from_errno(errno)
                } else {
                    WsaError::WSAECONNREFUSED
                });
            }
            ConnectProgress::Pending => {}
        }
        if limit.is_some_and(|l| Instant::now() >= l) {
            return Err(WsaError::WSAETIMEDOUT);
        }
        std::thread::sleep(STEP);
    }
}

/// Tries each address in turn; on success writes the two addresses.
fn connect_list(
    s: SOCKET,
    addrs: &[SockAddr],
    limit: Option<Instant>,
    out: [(*mut libc::sockaddr, *mut u32); 2],
) -> WsaResult<()> {
    let sock = socket(s)?;
    if !sock.is_stream() {
        return Err(WsaError::WSAEINVAL);
    }
    if sock.is_connected() {
        return Err(WsaError::WSAEISCONN);
    }
    if sock.family == libc::AF_INET6 {
        // Both families' addresses are tried: the socket becomes dual-stack, as on Windows.
        crate::sys::setsockopt(sock.fd(), libc::IPPROTO_IPV6, libc::IPV6_V6ONLY, 0i32)
            .map_err(WsaError::from_errno)?;
    }
    let was_nonblocking = sock.is_nonblocking();
    if limit.is_some() {
        sock.set_nonblocking(true)?;
    }
    let mut last = WsaError::WSAEHOSTUNREACH;
    let mut connected = false;
    for addr in addrs.iter().filter_map(|a| for_family(a, sock.family)) {
        match attempt(&sock, &addr, limit) {
            Ok(()) => {
                connected = true;
                break;
            }
            Err(WsaError::WSAETIMEDOUT) => {
                last = WsaError::WSAETIMEDOUT;
                break;
            }
            Err(e) => last = e,
        }
        if limit.is_some_and(|l| Instant::now() >= l) {
            last = WsaError::WSAETIMEDOUT;
            break;
        }
    }
    if limit.is_some() {
        sock.set_nonblocking(was_nonblocking)?;
    }
    if !connected {
        return Err(last);
    }
    let [(local, local_len), (remote, remote_len)] = out;
    write_sockaddr(&sock.local_addr()?, local, local_len.cast())?;
    write_sockaddr(&sock.peer_addr()?, remote, remote_len.cast())?;
    Ok(())
}

/// A NUL-terminated name the caller passed (NULL → `WSAEINVAL`).
fn name_arg(p: *const u8, unit: usize) -> WsaResult<String> {
    if p.is_null() {
        return Err(WsaError::WSAEINVAL);
    }
    let bytes =
        crate::sys::copy_string_from_user(p, unit, 1025).map_err(|_| WsaError::WSAEFAULT)?;
    if unit == 1 {
        return Ok(String::from_utf8_lossy(&bytes).into_owned());
    }
    let units: Vec<u16> = bytes
        .chunks_exact(2)
        .map(|c| u16::from_ne_bytes([c[0], c[1]]))
        .collect();
    String::from_utf16(&units).map_err(|_| WsaError::WSAHOST_NOT_FOUND)
}

/// `WSAConnectByNameA`/`W`: names of `unit`-byte characters (1: ANSI, 2: UTF-16).
#[allow(clippy::too_many_arguments)]
fn connect_by_name(
    s: SOCKET,
    unit: usize,
    nodename: *const u8,
    servicename: *const u8,
    local_len: *mut u32,
    local: *mut libc::sockaddr,
    remote_len: *mut u32,
    remote: *mut libc::sockaddr,
    timeout: *const libc::timeval,
    reserved: *mut c_void,
) -> i32 {
    call(0, || {
        if !reserved.is_null() {
            return Err(WsaError::WSAEINVAL);
        }
        let node = name_arg(nodename, unit)?;
        let service = name_arg(servicename, unit)?;
        let sock = socket(s)?;
        let limit = deadline(timeout)?;
        let family = if sock.family == libc::AF_INET6 {
            libc::AF_UNSPEC
        } else {
            sock.family
        };
        let hints = Hints {
            flags: addrinfo::Ai::empty(),
            family,
            socktype: libc::SOCK_STREAM,
            protocol: 0,
        };
        let answer = addrinfo::lookup(Some(&node), Some(&service), Some(hints))?;
        connect_list(
            s,
            &answer.addrs,
            limit,
            [(local, local_len), (remote, remote_len)],
        )?;
        crate::error::set_last_error(0);
        Ok(1)
    })
}

/// Resolves `nodename` and `servicename` (a port number or service name) and connects the
/// unconnected stream socket `s` to the first address that answers, trying them in turn; an
/// IPv6 socket is made dual-stack first (`IPV6_V6ONLY` off) and also tries IPv4 addresses
/// (v4-mapped). With `timeout`, the whole call ends after that time with `WSAETIMEDOUT`; the
/// socket's blocking mode is kept. On success returns TRUE and writes the local and remote
/// address (and their lengths) where the pointers are not NULL. On failure returns FALSE:
/// `WSAEINVAL` (NULL name or service, not a stream socket, a negative timeout), `WSAEISCONN`,
/// `WSAEFAULT` (an address buffer too small or unwritable), the resolver's error
/// (`WSAHOST_NOT_FOUND`, ...) or the last attempt's (`WSAECONNREFUSED`, ...). `Reserved` must
/// be NULL (`WSAEINVAL`).
///
/// # Safety
/// Strings NUL-terminated; the address pointers writable for `*...Length` bytes.
#[no_mangle]
pub unsafe extern "C" fn WSAConnectByNameA(
    s: SOCKET,
    nodename: *const c_char,
    servicename: *const c_char,
    LocalAddressLength: *mut u32,
    LocalAddress: *mut libc::sockaddr,
    RemoteAddressLength: *mut u32,
    RemoteAddress: *mut libc::sockaddr,
    timeout: *const libc::timeval,
    Reserved: *mut c_void,
) -> i32 {
    connect_by_name(
        s,
        1,
        nodename.cast(),
        servicename.cast(),
        LocalAddressLength,
        LocalAddress,
        RemoteAddressLength,
        RemoteAddress,
        timeout,
        Reserved,
    )
}

/// `WSAConnectByNameA` with UTF-16 names.
///
/// # Safety
/// As for `WSAConnectByNameA`, with NUL-terminated UTF-16 strings.
#[no_mangle]
pub unsafe extern "C" fn WSAConnectByNameW(
    s: SOCKET,
    nodename: *const u16,
    servicename: *const u16,
    LocalAddressLength: *mut u32,
    LocalAddress: *mut libc::sockaddr,
    RemoteAddressLength: *mut u32,
    RemoteAddress: *mut libc::sockaddr,
    timeout: *const libc::timeval,
    Reserved: *mut c_void,
) -> i32 {
    connect_by_name(
        s,
        2,
        nodename.cast(),
        servicename.cast(),
        LocalAddressLength,
        LocalAddress,
        RemoteAddressLength,
        RemoteAddress,
        timeout,
        Reserved,
    )
}

/// `SOCKET_ADDRESS_LIST`'s head: the count, then `SOCKET_ADDRESS { LPSOCKADDR; INT }` entries.
#[repr(C)]
struct SocketAddress {
    sockaddr: *const libc::sockaddr,
    length: i32,
}

/// Connects the unconnected stream socket `s` to the first address of `SocketAddress` (a
/// `SOCKET_ADDRESS_LIST`) that answers, trying them in order, as `WSAConnectByNameA` does with
/// resolved addresses (same timeout, dual-stack and output rules). An empty or NULL list fails
/// with `WSAEINVAL`; an unreadable one with `WSAEFAULT`.
///
/// # Safety
/// `SocketAddress` must be NULL or a readable `SOCKET_ADDRESS_LIST`.
#[no_mangle]
pub unsafe extern "C" fn WSAConnectByList(
    s: SOCKET,
    SocketAddress: *const c_void,
    LocalAddressLength: *mut u32,
    LocalAddress: *mut libc::sockaddr,
    RemoteAddressLength: *mut u32,
    RemoteAddress: *mut libc::sockaddr,
    timeout: *const libc::timeval,
    Reserved: *mut c_void,
) -> i32 {
    call(0, || {
        if !Reserved.is_null() || SocketAddress.is_null() {
            return Err(WsaError::WSAEINVAL);
        }
        let _ = socket(s)?;
        let limit = deadline(timeout)?;
        let count = read_in(SocketAddress.cast::<i32>())?;
        if count <= 0 {
            return Err(WsaError::WSAEINVAL);
        }
        // The entries start after the INT count, at pointer alignment.
        let first = SocketAddress
            .cast::<u8>()
            .wrapping_add(std::mem::size_of::<usize>());
        let mut addrs = Vec::new();
        for i in 0..count as usize {
            let entry = first.wrapping_add(i * std::mem::size_of::<SocketAddress>());
            let ptr = read_in(entry.cast::<usize>())?;
            let len = read_in(
                entry
                    .wrapping_add(std::mem::size_of::<usize>())
                    .cast::<i32>(),
            )?;
            addrs.push(read_sockaddr(ptr as *const libc::sockaddr, len)?);
        }
        connect_list(
            s,
            &addrs,
            limit,
            [
                (LocalAddress, LocalAddressLength),
                (RemoteAddress, RemoteAddressLength),
            ],
        )?;
        crate::error::set_last_error(0);
        Ok(1)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ipv4_is_mapped_for_an_ipv6_socket() {
        let v4 = SockAddr::from_std("127.0.0.1:80".parse().unwrap());
        let mapped = for_family(&v4, libc::AF_INET6).unwrap();
        assert_eq!(
            mapped.to_std().unwrap(),
            "[::ffff:127.0.0.1]:80".parse::<SocketAddr>().unwrap()
        );
        assert!(for_family(&mapped, libc::AF_INET).is_none());
    }
}

//! `WSAIoctl(SIO_ADDRESS_LIST_SORT)`: orders a `SOCKET_ADDRESS_LIST` of destinations, best
//! first, the way a client then tries them (`WSAConnectByList` takes the list in that order).

use super::{read_in, read_sockaddr, write_array};
use crate::error::{WsaError, WsaResult};
use std::net::{IpAddr, Ipv6Addr};
use std::os::raw::c_void;

pub use crate::winsock::SIO_ADDRESS_LIST_SORT;

/// The bytes before the first entry: the INT count, padded to pointer alignment.
const HEAD: usize = std::mem::size_of::<usize>();
/// One `SOCKET_ADDRESS`: a pointer and an INT length, padded.
const ENTRY: usize = 2 * std::mem::size_of::<usize>();

/// RFC 6724's default policy table: the precedence of a destination (higher first). IPv4
/// addresses count as v4-mapped.
fn precedence(ip: IpAddr) -> u8 {
    let v6 = match ip {
        IpAddr::V4(v4) => v4.to_ipv6_mapped(),
        IpAddr::V6(v6) => v6,
    };
    let s = v6.segments();
    if v6 == Ipv6Addr::LOCALHOST {
        50
    } else if s[..5] == [0; 5] && s[5] == 0xffff {
        35
    } else if s[0] == 0x2002 {
        30
    } else if s[0] == 0x2001 && s[1] == 0 {
        5
    } else if s[0] & 0xfe00 == 0xfc00 {
        3
    } else if s[..6] == [0; 6] || s[0] & 0xffc0 == 0xfec0 || s[0] == 0x3ffe {
        1
    } else {
        40
    }
}

/// The body of the ioctl: reads the list at `input`, writes it sorted to `output` (which may
/// be the same memory). A missing or short input, or a negative count, is `WSAEINVAL`; an
/// output smaller than the list is `WSAEFAULT` with the size needed in `*returned`; an entry
/// whose address cannot be read is `WSAEFAULT`. Returns the bytes written.
pub fn sort_list(
    input: *const c_void,
    in_len: u32,
    output: *mut c_void,
    out_len: u32,
    returned: *mut u32,
) -> WsaResult<u32> {
    if input.is_null() || (in_len as usize) < HEAD {
        return Err(WsaError::WSAEINVAL);
    }
    let count = read_in(input.cast::<i32>())?;
    let size = usize::try_from(count)
        .ok()
        .and_then(|n| n.checked_mul(ENTRY))
        .and_then(|n| n.checked_add(HEAD))
        .filter(|&n| n <= in_len as usize)
        .ok_or(WsaError::WSAEINVAL)?;
    if output.is_null() || (out_len as usize) < size {
        if !returned.is_null() {
            write_array(returned, &[size as u32])?;
        }
        return Err(WsaError::WSAEFAULT);
    }
    let mut entries = Vec::with_capacity(count as usize);
    for i in 0..count as usize {
        let at = input.cast::<u8>().wrapping_add(HEAD + i * ENTRY);
        let ptr = read_in(at.cast::<usize>())?;
        let len = read_in(at.wrapping_add(std::mem::size_of::<usize>()).cast::<i32>())?;
        let addr = read_sockaddr(ptr as *const libc::sockaddr, len)?;
        let rank = addr.to_std().map_or(0, |a| precedence(a.ip()));
        entries.push((rank, ptr, len));
    }
    // Stable: equal destinations keep the caller's order.
    entries.sort_by_key(|e| std::cmp::Reverse(e.0));
    let mut out = Vec::with_capacity(size / std::mem::size_of::<usize>());
    out.push(count as u32 as usize);
    for (_, ptr, len) in entries {
        out.push(ptr);
        out.push(len as u32 as usize);
    }
    write_array(output.cast::<usize>(), &out)?;
    Ok(size as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policy_table_order() {
        let p = |s: &str| precedence(s.parse().unwrap());
        assert!(p("::1") > p("2a00::1"));
        assert!(p("2a00::1") > p("192.0.2.1"));
        assert!(p("192.0.2.1") > p("2002::1"));
        assert!(p("2002::1") > p("fd00::1"));
        assert_eq!(p("127.0.0.1"), p("10.0.0.1"));
    }
}

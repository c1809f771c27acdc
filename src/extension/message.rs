//! `WSARecvMsg` / `WSASendMsg`: control data in Windows' `WSACMSGHDR` layout.
//!
//! A Windows control message is `{ size_t cmsg_len; INT cmsg_level; INT cmsg_type; }` followed
//! by its data at `WSA_CMSGDATA_ALIGN(sizeof(WSACMSGHDR))`; the next header starts at
//! `WSA_CMSGHDR_ALIGN(cmsg_len)` (pointer alignment). Levels and types keep the system's
//! numbers (as every constant of the compat headers does); `IP_PKTINFO`'s payload is
//! translated between Windows' `IN_PKTINFO` (address, interface index) and the kernel's
//! `in_pktinfo`; `IPV6_PKTINFO`'s has the same layout on both sides; other payloads pass as
//! they are.

use crate::error::{WsaError, WsaResult};
use crate::sys::msg::{self as sysmsg, Control};

const ALIGN: usize = std::mem::size_of::<usize>();
/// `sizeof(WSACMSGHDR)`.
pub(crate) const HEADER: usize = ALIGN + 8;
/// Where a message's data starts (`WSA_CMSGDATA_ALIGN(sizeof(WSACMSGHDR))`, 8-byte aligned).
const DATA_AT: usize = (HEADER + 7) & !7;

fn align(len: usize) -> usize {
    (len + ALIGN - 1) & !(ALIGN - 1)
}

/// The Windows form of a kernel control message's payload.
fn payload_to_windows(c: &Control) -> Vec<u8> {
    if c.level == libc::IPPROTO_IP && c.kind == sysmsg::PKTINFO4_MESSAGE {
        if let Some(w) = sysmsg::pktinfo4_to_windows(&c.data) {
            return w.to_vec();
        }
    }
    if c.level == libc::IPPROTO_IP && c.kind == libc::IP_TOS && c.data.len() == 1 {
        // Linux gives the TOS byte alone; Windows an INT.
        return i32::from(c.data[0]).to_ne_bytes().to_vec();
    }
    c.data.clone()
}

/// The kernel form of a Windows control message's payload.
fn payload_from_windows(level: i32, kind: i32, data: &[u8]) -> Vec<u8> {
    if level == libc::IPPROTO_IP && kind == sysmsg::PKTINFO4_MESSAGE {
        if let Some(n) = sysmsg::pktinfo4_from_windows(data) {
            return n;
        }
    }
    data.to_vec()
}

/// Windows' `MSG_BCAST` / `MSG_MCAST` (reported in `WSAMSG.dwFlags`).
pub(crate) const MSG_BCAST: u32 = 0x0400;
pub(crate) const MSG_MCAST: u32 = 0x0800;

/// `MSG_MCAST` / `MSG_BCAST` for a datagram whose packet information names a multicast or the
/// limited broadcast destination (0 without packet information).
pub(crate) fn destination_flags(controls: &[Control]) -> u32 {
    for c in controls {
        if c.level == libc::IPPROTO_IP && c.kind == sysmsg::PKTINFO4_MESSAGE {
            if let Some(w) = sysmsg::pktinfo4_to_windows(&c.data) {
                let ip = std::net::Ipv4Addr::from([w[0], w[1], w[2], w[3]]);
                if ip.is_multicast() {
                    return MSG_MCAST;
                }
                if ip.is_broadcast() {
                    return MSG_BCAST;
                }
            }
        }
        if c.level == libc::IPPROTO_IPV6
            && c.kind == libc::IPV6_PKTINFO
            && c.data.first() == Some(&0xff)
        {
            return MSG_MCAST;
        }
    }
    0
}

/// Lays `controls` out in Windows' format in at most `room` bytes. Returns the bytes and
/// whether some message did not fit (`MSG_CTRUNC`).
pub(crate) fn to_windows(controls: &[Control], room: usize) -> (Vec<u8>, bool) {
    let mut out = Vec::new();
    for c in controls {
        let data = payload_to_windows(c);
        let len = DATA_AT + data.len();
        if out.len() + len > room {
            return (out, true);
        }
        let mut header = vec![0u8; DATA_AT];
        header[..ALIGN].copy_from_slice(&len.to_ne_bytes()[..ALIGN]);
        header[ALIGN..ALIGN + 4].copy_from_slice(&c.level.to_ne_bytes());
        header[ALIGN + 4..ALIGN + 8].copy_from_slice(&c.kind.to_ne_bytes());
        out.extend_from_slice(&header);
        out.extend_from_slice(&data);
        let padded = align(out.len()).min(room);
        out.resize(padded, 0);
    }
    (out, false)
}

/// Reads a program's control buffer in Windows' format. A header whose length is shorter
/// than a header or runs past the buffer is `WSAEINVAL`.
pub(crate) fn from_windows(bytes: &[u8]) -> WsaResult<Vec<Control>> {
    let mut out = Vec::new();
    let mut at = 0;
    while at + HEADER <= bytes.len() {
        let mut word = [0u8; 8];
        word[..ALIGN].copy_from_slice(&bytes[at..at + ALIGN]);
        let len = usize::from_ne_bytes(
            word[..std::mem::size_of::<usize>()]
                .try_into()
                .expect("usize"),
        );
        let level = i32::from_ne_bytes(bytes[at + ALIGN..at + ALIGN + 4].try_into().expect("4"));
        let kind = i32::from_ne_bytes(bytes[at + ALIGN + 4..at + ALIGN + 8].try_into().expect("4"));
        if len < DATA_AT || at + len > bytes.len() {
            return Err(WsaError::WSAEINVAL);
        }
        out.push(Control {
            level,
            kind,
            data: payload_from_windows(level, kind, &bytes[at + DATA_AT..at + len]),
        });
        at += align(len);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_keeps_level_type_and_payload() {
        let c = Control {
            level: libc::IPPROTO_IP,
            kind: libc::IP_TTL,
            data: 64i32.to_ne_bytes().to_vec(),
        };
        let (bytes, cut) = to_windows(&[c.clone(), c.clone()], 1024);
        assert!(!cut);
        assert_eq!(bytes.len(), 2 * align(DATA_AT + 4));
        assert_eq!(from_windows(&bytes).unwrap(), vec![c.clone(), c]);
    }

    #[test]
    fn short_room_truncates() {
        let c = Control {
            level: libc::IPPROTO_IP,
            kind: libc::IP_TTL,
            data: vec![1, 0, 0, 0],
        };
        let (bytes, cut) = to_windows(&[c], DATA_AT);
        assert!(cut);
        assert!(bytes.is_empty());
    }

    #[test]
    fn bad_length_is_einval() {
        let mut b = vec![0u8; DATA_AT];
        b[0] = 3;
        assert_eq!(from_windows(&b), Err(WsaError::WSAEINVAL));
    }
}

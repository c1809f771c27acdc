//! ICMPv4 echo for `IcmpSendEcho`: one request, then the first answer that belongs to it (an
//! echo reply, or an ICMP error quoting the request) or the deadline.
//!
//! A raw ICMP socket is used when the process may open one (root, or `CAP_NET_RAW`); otherwise
//! Linux's unprivileged "ping" socket (`SOCK_DGRAM`, `IPPROTO_ICMP`, allowed by
//! `net.ipv4.ping_group_range`), which sees echo replies only (errors are not reported through
//! it, so they end as a timeout) and no reply TTL.

use super::SysResult;
use socket2::{Domain, Protocol, SockAddr as Sock2Addr, Socket, Type};
use std::mem::MaybeUninit;
use std::net::{Ipv4Addr, SocketAddrV4};
use std::os::fd::AsRawFd;
use std::sync::atomic::{AtomicU16, Ordering::Relaxed};
use std::time::{Duration, Instant};

/// What was asked.
pub struct EchoRequest<'a> {
    pub dest: Ipv4Addr,
    pub data: &'a [u8],
    /// 0: the system's default.
    pub ttl: u8,
    pub tos: u8,
    pub dont_fragment: bool,
    pub timeout: Duration,
}

/// The ICMP answer to a request.
pub struct EchoAnswer {
    /// The answering host (the target, or a router for an error).
    pub from: Ipv4Addr,
    /// The ICMP type and code (0/0 for an echo reply).
    pub icmp_type: u8,
    pub code: u8,
    pub rtt: Duration,
    /// The answer's IP header TTL, TOS and flags (0 when the socket does not see the header).
    pub ttl: u8,
    pub tos: u8,
    pub ip_flags: u8,
    /// The echoed data (an error: the quoted bytes after the request's ICMP header).
    pub data: Vec<u8>,
}

static SEQUENCE: AtomicU16 = AtomicU16::new(1);

/// The Internet checksum (RFC 1071).
fn checksum(bytes: &[u8]) -> u16 {
    let mut sum: u32 = 0;
    for pair in bytes.chunks(2) {
        let word = u16::from_be_bytes([pair[0], *pair.get(1).unwrap_or(&0)]);
        sum += u32::from(word);
    }
    while sum >> 16 != 0 {
        sum = (sum & 0xffff) + (sum >> 16);
    }
    !(sum as u16)
}

fn open() -> SysResult<(Socket, bool)> {
    let err = |e: std::io::Error| e.raw_os_error().unwrap_or(libc::EIO);
    match Socket::new(Domain::IPV4, Type::RAW, Some(Protocol::ICMPV4)) {
        Ok(s) => Ok((s, true)),
        Err(_) => Socket::new(Domain::IPV4, Type::DGRAM, Some(Protocol::ICMPV4))
            .map(|s| (s, false))
            .map_err(err),
    }
}

/// Whether `icmp` (an ICMP message starting at its header) is an error quoting our request.
fn quotes_request(icmp: &[u8], id: u16, seq: u16, raw: bool) -> bool {
    let inner = match icmp.get(8..) {
        Some(i) if !i.is_empty() => i,
        _ => return false,
    };
    let ihl = usize::from(inner[0] & 0x0f) * 4;
    match inner.get(ihl..ihl + 8) {
        Some(q) => {
            q[0] == 8
                && u16::from_be_bytes([q[6], q[7]]) == seq
                && (!raw || u16::from_be_bytes([q[4], q[5]]) == id)
        }
        None => false,
    }
}

/// Sends one echo request and waits for its answer; `Ok(None)` when the time ran out.
pub fn echo(req: &EchoRequest<'_>) -> SysResult<Option<EchoAnswer>> {
    let err = |e: std::io::Error| e.raw_os_error().unwrap_or(libc::EIO);
    let (sock, raw) = open()?;
    if req.ttl != 0 {
        sock.set_ttl_v4(u32::from(req.ttl)).map_err(err)?;
    }
    if req.tos != 0 {
        sock.set_tos_v4(u32::from(req.tos)).map_err(err)?;
    }
    if req.dont_fragment {
        super::set_dont_fragment_v4(sock.as_raw_fd(), true)?;
    }
    let id = (std::process::id() as u16) ^ 0x5753;
    let seq = SEQUENCE.fetch_add(1, Relaxed);
    let mut packet = Vec::with_capacity(8 + req.data.len());
    packet.extend_from_slice(&[8, 0, 0, 0]);
    packet.extend_from_slice(&id.to_be_bytes());
    packet.extend_from_slice(&seq.to_be_bytes());
    packet.extend_from_slice(req.data);
    let sum = checksum(&packet);
    packet[2..4].copy_from_slice(&sum.to_be_bytes());
    let mut buf = vec![MaybeUninit::<u8>::uninit(); 65536];
    let start = Instant::now();
    // A timeout of 0 still takes an answer that is already there (loopback's is by the time
    // the request is sent), as Windows answers it.
    let deadline = start + req.timeout.max(Duration::from_millis(1));
    sock.send_to(&packet, &Sock2Addr::from(SocketAddrV4::new(req.dest, 0)))
        .map_err(err)?;
    loop {
        let now = Instant::now();
        if now >= deadline {
            return Ok(None);
        }
        sock.set_read_timeout(Some((deadline - now).max(Duration::from_millis(1))))
            .map_err(err)?;
        let (n, from) = match sock.recv_from(&mut buf) {
            Ok(r) => r,
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) =>
            {
                return Ok(None)
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(err(e)),
        };
        // SAFETY: recv_from initialised the first `n` bytes.
        let got: &[u8] = unsafe { std::slice::from_raw_parts(buf.as_ptr().cast::<u8>(), n) };
        let rtt = start.elapsed();
        let from = from
            .as_socket_ipv4()
            .map(|a| *a.ip())
            .unwrap_or(Ipv4Addr::UNSPECIFIED);
        let (icmp, ttl, tos, ip_flags) = if raw {
            if got.len() < 20 {
                continue;
            }
            let ihl = usize::from(got[0] & 0x0f) * 4;
            match got.get(ihl..) {
                Some(icmp) => (icmp, got[8], got[1], got[6] >> 5),
                None => continue,
            }
        } else {
            (got, 0, 0, 0)
        };
        if icmp.len() < 8 {
            continue;
        }
        let (kind, code) = (icmp[0], icmp[1]);
        let echo_reply = kind == 0
            && u16::from_be_bytes([icmp[6], icmp[7]]) == seq
            && (!raw || u16::from_be_bytes([icmp[4], icmp[5]]) == id);
        let error = matches!(kind, 3 | 4 | 11 | 12) && quotes_request(icmp, id, seq, raw);
        if echo_reply || error {
            return Ok(Some(EchoAnswer {
                from,
                icmp_type: kind,
                code,
                rtt,
                ttl,
                tos,
                ip_flags,
                data: icmp[8..].to_vec(),
            }));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checksum_matches_rfc1071_example() {
        // The example of RFC 1071 section 3: the sum of these words is 0xddf2.
        let bytes = [0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7];
        assert_eq!(checksum(&bytes), !0xddf2);
    }
}

//! The host's TCP and UDP endpoints as the kernel lists them (`/proc/net/tcp`, `tcp6`, `udp`,
//! `udp6`), and which process owns each (the socket inodes behind `/proc/<pid>/fd`).

use super::{procfs, SysResult};
use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// Linux's TCP states (`include/net/tcp_states.h`), as `/proc/net/tcp` prints them.
pub(crate) mod tcp_state {
    pub(crate) const ESTABLISHED: u8 = 1;
    pub(crate) const SYN_SENT: u8 = 2;
    pub(crate) const SYN_RECV: u8 = 3;
    pub(crate) const FIN_WAIT1: u8 = 4;
    pub(crate) const FIN_WAIT2: u8 = 5;
    pub(crate) const TIME_WAIT: u8 = 6;
    pub(crate) const CLOSE: u8 = 7;
    pub(crate) const CLOSE_WAIT: u8 = 8;
    pub(crate) const LAST_ACK: u8 = 9;
    pub(crate) const LISTEN: u8 = 10;
    pub(crate) const CLOSING: u8 = 11;
    pub(crate) const NEW_SYN_RECV: u8 = 12;
}

/// One endpoint of the table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Endpoint {
    pub local: IpAddr,
    pub local_port: u16,
    pub remote: IpAddr,
    pub remote_port: u16,
    /// The Linux TCP state (`tcp_state`); UDP sockets have 7 (unconnected) or 1 (connected).
    pub state: u8,
    /// The socket's inode (0 for a TCP connection in TIME_WAIT, which no socket holds).
    pub inode: u64,
}

/// An address as `/proc/net` prints it: the 32-bit words of the address in network order,
/// each printed as a host-order number (`%08X`).
fn parse_addr(hex: &str) -> Option<IpAddr> {
    let word = |i: usize| -> Option<[u8; 4]> {
        let w = u32::from_str_radix(hex.get(8 * i..8 * i + 8)?, 16).ok()?;
        Some(w.to_ne_bytes())
    };
    match hex.len() {
        8 => Some(Ipv4Addr::from(word(0)?).into()),
        32 => {
            let mut b = [0u8; 16];
            for i in 0..4 {
                b[4 * i..4 * i + 4].copy_from_slice(&word(i)?);
            }
            Some(Ipv6Addr::from(b).into())
        }
        _ => None,
    }
}

fn parse_endpoint(field: &str) -> Option<(IpAddr, u16)> {
    let (addr, port) = field.split_once(':')?;
    Some((parse_addr(addr)?, u16::from_str_radix(port, 16).ok()?))
}

/// The endpoints of one `/proc/net` socket table's text, in its order.
pub fn parse_table(text: &str) -> Vec<Endpoint> {
    text.lines()
        .skip(1)
        .filter_map(|line| {
            let f: Vec<&str> = line.split_whitespace().collect();
            let (local, local_port) = parse_endpoint(f.get(1)?)?;
            let (remote, remote_port) = parse_endpoint(f.get(2)?)?;
            Some(Endpoint {
                local,
                local_port,
                remote,
                remote_port,
                state: u8::from_str_radix(f.get(3)?, 16).ok()?,
                inode: f.get(9)?.parse().ok()?,
            })
        })
        .collect()
}

/// The host's TCP endpoints of one family (IPv6: `tcp6`, which also holds the dual-stack
/// sockets), listeners included.
pub fn tcp(v6: bool) -> SysResult<Vec<Endpoint>> {
    let path = if v6 {
        "/proc/net/tcp6"
    } else {
        "/proc/net/tcp"
    };
    Ok(parse_table(&procfs::read(path)?))
}

/// The host's UDP endpoints of one family.
pub fn udp(v6: bool) -> SysResult<Vec<Endpoint>> {
    let path = if v6 {
        "/proc/net/udp6"
    } else {
        "/proc/net/udp"
    };
    Ok(parse_table(&procfs::read(path)?))
}

/// The inode of a `/proc/<pid>/fd` link's target, when it is a socket (`socket:[123]`).
fn socket_inode(target: &str) -> Option<u64> {
    target
        .strip_prefix("socket:[")?
        .strip_suffix(']')?
        .parse()
        .ok()
}

fn owned_by(pid: u32, out: &mut HashMap<u64, u32>) {
    let dir = format!("/proc/{pid}/fd");
    let Ok(fds) = procfs::list(&dir) else {
        return;
    };
    for fd in fds {
        if let Some(inode) = procfs::link(&format!("{dir}/{fd}"))
            .ok()
            .as_deref()
            .and_then(socket_inode)
        {
            out.entry(inode).or_insert(pid);
        }
    }
}

/// Which process holds each socket inode: this process's sockets always, other processes'
/// where their `/proc/<pid>/fd` is readable (the same user, or privileges). A socket shared by
/// several processes (inherited) is given to this process if it holds it, else to the first
/// found.
pub fn socket_owners() -> HashMap<u64, u32> {
    let mut out = HashMap::new();
    owned_by(std::process::id(), &mut out);
    for name in procfs::list("/proc").unwrap_or_default() {
        if let Ok(pid) = name.parse::<u32>() {
            if pid != std::process::id() {
                owned_by(pid, &mut out);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_listener_and_a_connection() {
        let v4 = |a: [u8; 4]| u32::from_ne_bytes(a);
        let text = format!(
            "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n   \
             0: {:08X}:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 4242 1\n   \
             1: {:08X}:1F90 {:08X}:D431 01 00000000:00000000 00:00000000 00000000  1000        0 4243 1\n",
            v4([127, 0, 0, 1]),
            v4([127, 0, 0, 1]),
            v4([10, 1, 2, 3])
        );
        let t = parse_table(&text);
        assert_eq!(t.len(), 2);
        assert_eq!(t[0].local, IpAddr::from([127, 0, 0, 1]));
        assert_eq!(t[0].local_port, 8080);
        assert_eq!(t[0].state, tcp_state::LISTEN);
        assert_eq!(t[0].inode, 4242);
        assert_eq!(t[1].remote, IpAddr::from([10, 1, 2, 3]));
        assert_eq!(t[1].remote_port, 0xD431);
        assert_eq!(t[1].state, tcp_state::ESTABLISHED);
    }

    #[test]
    fn parses_an_ipv6_address() {
        let mut hex = String::new();
        let addr = Ipv6Addr::LOCALHOST.octets();
        for w in addr.chunks(4) {
            hex.push_str(&format!(
                "{:08X}",
                u32::from_ne_bytes([w[0], w[1], w[2], w[3]])
            ));
        }
        assert_eq!(parse_addr(&hex), Some(IpAddr::V6(Ipv6Addr::LOCALHOST)));
    }

    #[test]
    fn reads_socket_inodes() {
        assert_eq!(socket_inode("socket:[77]"), Some(77));
        assert_eq!(socket_inode("pipe:[77]"), None);
    }
}

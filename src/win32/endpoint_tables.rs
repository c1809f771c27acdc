//! The TCP and UDP endpoint tables of the IP Helper API (`GetTcpTable`, `GetUdpTable`,
//! `GetTcp6Table`, `GetExtendedTcpTable`, `GetExtendedUdpTable`) from the kernel's socket
//! tables: Windows' row layouts (tcpmib.h, udpmib.h), `MIB_TCP_STATE` values, ports in network
//! byte order in the low 16 bits of a `DWORD`, and the owning process where it can be found.

use super::codes::ERROR_INVALID_PARAMETER;
use super::mib_table::{error_of, table, Row};
use crate::sys::socket_table::{self, tcp_state, Endpoint};
use std::collections::HashMap;
use std::net::IpAddr;

/// `MIB_TCP_STATE` values (tcpmib.h).
pub(crate) mod mib_tcp_state {
    pub(crate) const CLOSED: u32 = 1;
    pub(crate) const LISTEN: u32 = 2;
    pub(crate) const SYN_SENT: u32 = 3;
    pub(crate) const SYN_RCVD: u32 = 4;
    pub(crate) const ESTAB: u32 = 5;
    pub(crate) const FIN_WAIT1: u32 = 6;
    pub(crate) const FIN_WAIT2: u32 = 7;
    pub(crate) const CLOSE_WAIT: u32 = 8;
    pub(crate) const CLOSING: u32 = 9;
    pub(crate) const LAST_ACK: u32 = 10;
    pub(crate) const TIME_WAIT: u32 = 11;
}

/// Windows' state for a Linux TCP state.
pub(crate) fn mib_state(linux: u8) -> u32 {
    use mib_tcp_state as m;
    match linux {
        tcp_state::ESTABLISHED => m::ESTAB,
        tcp_state::SYN_SENT => m::SYN_SENT,
        tcp_state::SYN_RECV | tcp_state::NEW_SYN_RECV => m::SYN_RCVD,
        tcp_state::FIN_WAIT1 => m::FIN_WAIT1,
        tcp_state::FIN_WAIT2 => m::FIN_WAIT2,
        tcp_state::TIME_WAIT => m::TIME_WAIT,
        tcp_state::CLOSE_WAIT => m::CLOSE_WAIT,
        tcp_state::LAST_ACK => m::LAST_ACK,
        tcp_state::LISTEN => m::LISTEN,
        tcp_state::CLOSING => m::CLOSING,
        tcp_state::CLOSE => m::CLOSED,
        _ => m::CLOSED,
    }
}

/// Which rows a TCP table holds (`TCP_TABLE_CLASS`'s LISTENER / CONNECTIONS / ALL).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Which {
    Listeners,
    Connections,
    All,
}

/// A table's row layout.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Layout {
    /// `MIB_TCPROW` / `MIB_UDPROW` (IPv4) or `MIB_TCP6ROW` / `MIB_UDP6ROW` (IPv6).
    Basic,
    /// `MIB_TCPROW_OWNER_PID` / `MIB_UDPROW_OWNER_PID` and their IPv6 forms.
    OwnerPid,
}

/// `TCP_TABLE_CLASS` (iprtrmib.h): which rows and which layout, or `None` for the
/// OWNER_MODULE classes (not provided) and unknown values.
pub(crate) fn tcp_class(class: u32) -> Result<(Which, Layout), u32> {
    const W: [Which; 3] = [Which::Listeners, Which::Connections, Which::All];
    match class {
        0..=2 => Ok((W[class as usize], Layout::Basic)),
        3..=5 => Ok((W[class as usize - 3], Layout::OwnerPid)),
        6..=8 => Err(super::codes::ERROR_NOT_SUPPORTED),
        _ => Err(ERROR_INVALID_PARAMETER),
    }
}

/// `UDP_TABLE_CLASS` (iprtrmib.h).
pub(crate) fn udp_class(class: u32) -> Result<Layout, u32> {
    match class {
        0 => Ok(Layout::Basic),
        1 => Ok(Layout::OwnerPid),
        2 => Err(super::codes::ERROR_NOT_SUPPORTED),
        _ => Err(ERROR_INVALID_PARAMETER),
    }
}

fn v4(ip: &IpAddr) -> [u8; 4] {
    match ip {
        IpAddr::V4(a) => a.octets(),
        IpAddr::V6(_) => [0; 4],
    }
}

fn v6(ip: &IpAddr) -> [u8; 16] {
    match ip {
        IpAddr::V6(a) => a.octets(),
        IpAddr::V4(a) => a.to_ipv6_mapped().octets(),
    }
}

/// Windows' sort order: local address, local port, remote address, remote port (the scope ids
/// are all 0 here).
fn sort_key(e: &Endpoint) -> ([u8; 16], u16, [u8; 16], u16) {
    (v6(&e.local), e.local_port, v6(&e.remote), e.remote_port)
}

fn owners_if(layout: Layout) -> HashMap<u64, u32> {
    match layout {
        Layout::OwnerPid => socket_table::socket_owners(),
        Layout::Basic => HashMap::new(),
    }
}

fn owner(owners: &HashMap<u64, u32>, e: &Endpoint) -> u32 {
    if e.inode == 0 {
        0
    } else {
        owners.get(&e.inode).copied().unwrap_or(0)
    }
}

/// A TCP table: `MIB_TCPTABLE` (20-byte rows), `MIB_TCPTABLE_OWNER_PID` (24),
/// `MIB_TCP6TABLE` (52) or `MIB_TCP6TABLE_OWNER_PID` (56), sorted when `order`.
pub(crate) fn tcp_table(
    ipv6: bool,
    which: Which,
    layout: Layout,
    order: bool,
) -> Result<Vec<u8>, u32> {
    let mut rows: Vec<Endpoint> = socket_table::tcp(ipv6)
        .map_err(error_of)?
        .into_iter()
        .filter(|e| match which {
            Which::All => true,
            Which::Listeners => e.state == tcp_state::LISTEN,
            Which::Connections => e.state != tcp_state::LISTEN,
        })
        .collect();
    if order {
        rows.sort_by_key(sort_key);
    }
    let owners = owners_if(layout);
    let (size, rows): (usize, Vec<Row>) = match (ipv6, layout) {
        (false, Layout::Basic) => (
            20,
            rows.iter()
                .map(|e| {
                    Row::default()
                        .dword(mib_state(e.state))
                        .ipv4(v4(&e.local))
                        .port(e.local_port)
                        .ipv4(v4(&e.remote))
                        .port(e.remote_port)
                })
                .collect(),
        ),
        (false, Layout::OwnerPid) => (
            24,
            rows.iter()
                .map(|e| {
                    Row::default()
                        .dword(mib_state(e.state))
                        .ipv4(v4(&e.local))
                        .port(e.local_port)
                        .ipv4(v4(&e.remote))
                        .port(e.remote_port)
                        .dword(owner(&owners, e))
                })
                .collect(),
        ),
        (true, Layout::Basic) => (
            52,
            rows.iter()
                .map(|e| {
                    Row::default()
                        .dword(mib_state(e.state))
                        .bytes(&v6(&e.local))
                        .dword(0)
                        .port(e.local_port)
                        .bytes(&v6(&e.remote))
                        .dword(0)
                        .port(e.remote_port)
                })
                .collect(),
        ),
        (true, Layout::OwnerPid) => (
            56,
            rows.iter()
                .map(|e| {
                    Row::default()
                        .bytes(&v6(&e.local))
                        .dword(0)
                        .port(e.local_port)
                        .bytes(&v6(&e.remote))
                        .dword(0)
                        .port(e.remote_port)
                        .dword(mib_state(e.state))
                        .dword(owner(&owners, e))
                })
                .collect(),
        ),
    };
    Ok(table(rows, size))
}

/// A UDP table: `MIB_UDPTABLE` (8-byte rows), `MIB_UDPTABLE_OWNER_PID` (12),
/// `MIB_UDP6TABLE` (24) or `MIB_UDP6TABLE_OWNER_PID` (28), sorted when `order`.
pub(crate) fn udp_table(ipv6: bool, layout: Layout, order: bool) -> Result<Vec<u8>, u32> {
    let mut rows = socket_table::udp(ipv6).map_err(error_of)?;
    if order {
        rows.sort_by_key(|e| (v6(&e.local), e.local_port));
    }
    let owners = owners_if(layout);
    let pid = |e: &Endpoint| owner(&owners, e);
    let (size, rows): (usize, Vec<Row>) = match (ipv6, layout) {
        (false, Layout::Basic) => (
            8,
            rows.iter()
                .map(|e| Row::default().ipv4(v4(&e.local)).port(e.local_port))
                .collect(),
        ),
        (false, Layout::OwnerPid) => (
            12,
            rows.iter()
                .map(|e| {
                    Row::default()
                        .ipv4(v4(&e.local))
                        .port(e.local_port)
                        .dword(pid(e))
                })
                .collect(),
        ),
        (true, Layout::Basic) => (
            24,
            rows.iter()
                .map(|e| {
                    Row::default()
                        .bytes(&v6(&e.local))
                        .dword(0)
                        .port(e.local_port)
                })
                .collect(),
        ),
        (true, Layout::OwnerPid) => (
            28,
            rows.iter()
                .map(|e| {
                    Row::default()
                        .bytes(&v6(&e.local))
                        .dword(0)
                        .port(e.local_port)
                        .dword(pid(e))
                })
                .collect(),
        ),
    };
    Ok(table(rows, size))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn linux_states_map_to_windows_states() {
        assert_eq!(mib_state(tcp_state::LISTEN), mib_tcp_state::LISTEN);
        assert_eq!(mib_state(tcp_state::ESTABLISHED), mib_tcp_state::ESTAB);
        assert_eq!(mib_state(tcp_state::TIME_WAIT), mib_tcp_state::TIME_WAIT);
        assert_eq!(mib_state(tcp_state::CLOSE), mib_tcp_state::CLOSED);
        assert_eq!(mib_state(tcp_state::NEW_SYN_RECV), mib_tcp_state::SYN_RCVD);
    }

    #[test]
    fn table_classes() {
        assert_eq!(tcp_class(2), Ok((Which::All, Layout::Basic)));
        assert_eq!(tcp_class(3), Ok((Which::Listeners, Layout::OwnerPid)));
        assert_eq!(tcp_class(4), Ok((Which::Connections, Layout::OwnerPid)));
        assert_eq!(tcp_class(8), Err(super::super::codes::ERROR_NOT_SUPPORTED));
        assert_eq!(tcp_class(9), Err(ERROR_INVALID_PARAMETER));
        assert_eq!(udp_class(1), Ok(Layout::OwnerPid));
        assert_eq!(udp_class(3), Err(ERROR_INVALID_PARAMETER));
    }
}

//! The kernel's network counters: per interface (`/proc/net/dev`), and the IP, TCP and UDP
//! MIB-II counters (`/proc/net/snmp`), plus a link's speed (`/sys/class/net/<if>/speed`).

use super::{procfs, SysResult};
use std::collections::HashMap;

/// One interface's counters (`/proc/net/dev`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct IfCounters {
    pub rx_bytes: u64,
    pub rx_packets: u64,
    pub rx_errors: u64,
    pub rx_dropped: u64,
    pub rx_multicast: u64,
    pub tx_bytes: u64,
    pub tx_packets: u64,
    pub tx_errors: u64,
    pub tx_dropped: u64,
}

/// The counters of `/proc/net/dev`'s text, by interface name.
pub fn parse_dev(text: &str) -> HashMap<String, IfCounters> {
    text.lines()
        .skip(2)
        .filter_map(|line| {
            let (name, rest) = line.split_once(':')?;
            let v: Vec<u64> = rest
                .split_whitespace()
                .map(|n| n.parse().unwrap_or(0))
                .collect();
            let at = |i: usize| v.get(i).copied().unwrap_or(0);
            Some((
                name.trim().to_string(),
                IfCounters {
                    rx_bytes: at(0),
                    rx_packets: at(1),
                    rx_errors: at(2),
                    rx_dropped: at(3),
                    rx_multicast: at(7),
                    tx_bytes: at(8),
                    tx_packets: at(9),
                    tx_errors: at(10),
                    tx_dropped: at(11),
                },
            ))
        })
        .collect()
}

/// Every interface's counters.
pub fn interface_counters() -> SysResult<HashMap<String, IfCounters>> {
    Ok(parse_dev(&procfs::read("/proc/net/dev")?))
}

/// A link's speed in bits per second, when the driver tells (`None` for loopback, virtual
/// links and links that are down).
pub fn link_speed(iface: &str) -> Option<u64> {
    if iface.contains('/') || iface.starts_with('.') {
        return None;
    }
    let mbps: i64 = procfs::read(&format!("/sys/class/net/{iface}/speed"))
        .ok()?
        .trim()
        .parse()
        .ok()?;
    u64::try_from(mbps).ok().map(|m| m * 1_000_000)
}

/// One protocol's counters of `/proc/net/snmp`'s text (`"Ip"`, `"Tcp"`, `"Udp"`): the
/// header line names them, the next line holds the values.
pub fn parse_snmp(text: &str, protocol: &str) -> HashMap<String, i64> {
    let prefix = format!("{protocol}:");
    let mut lines = text.lines().filter(|l| l.starts_with(&prefix));
    let (Some(names), Some(values)) = (lines.next(), lines.next()) else {
        return HashMap::new();
    };
    names
        .split_whitespace()
        .skip(1)
        .zip(values.split_whitespace().skip(1))
        .filter_map(|(n, v)| Some((n.to_string(), v.parse().ok()?)))
        .collect()
}

/// One protocol's MIB-II counters (`"Ip"`, `"Tcp"`, `"Udp"`), by name.
pub fn snmp(protocol: &str) -> SysResult<HashMap<String, i64>> {
    Ok(parse_snmp(&procfs::read("/proc/net/snmp")?, protocol))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_dev() {
        let text = "Inter-|   Receive |  Transmit\n face |bytes packets|bytes\n    \
                    lo: 100 2 0 0 0 0 0 0 100 2 0 0 0 0 0 0\n  \
                    eth0: 5000 40 1 2 0 0 0 3 7000 50 4 5 0 0 0 0\n";
        let d = parse_dev(text);
        assert_eq!(d["lo"].rx_bytes, 100);
        let e = &d["eth0"];
        assert_eq!(
            (e.rx_packets, e.rx_errors, e.rx_dropped, e.rx_multicast),
            (40, 1, 2, 3)
        );
        assert_eq!(
            (e.tx_bytes, e.tx_packets, e.tx_errors, e.tx_dropped),
            (7000, 50, 4, 5)
        );
    }

    #[test]
    fn parses_snmp() {
        let text = "Ip: Forwarding DefaultTTL InReceives\nIp: 2 64 99\n\
                    Tcp: RtoAlgorithm RtoMin MaxConn\nTcp: 1 200 -1\n";
        assert_eq!(parse_snmp(text, "Ip")["DefaultTTL"], 64);
        assert_eq!(parse_snmp(text, "Tcp")["MaxConn"], -1);
        assert!(parse_snmp(text, "Udp").is_empty());
    }
}

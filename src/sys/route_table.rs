//! The host's IPv4 routing table (`/proc/net/route`: the main table) and neighbour (ARP)
//! cache (`/proc/net/arp`), as the kernel lists them.

use super::{procfs, SysResult};
use std::net::Ipv4Addr;

/// `RTF_GATEWAY`: the route goes through a router.
pub(crate) const RTF_GATEWAY: u32 = 0x0002;
/// `ATF_COM`: the neighbour entry is complete (its hardware address is known).
const ATF_COM: u32 = 0x02;
/// `ATF_PERM`: the entry is permanent (static).
const ATF_PERM: u32 = 0x04;

/// One IPv4 route.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Route {
    pub iface: String,
    pub dest: Ipv4Addr,
    pub gateway: Ipv4Addr,
    pub mask: Ipv4Addr,
    /// `RTF_*` flags.
    pub flags: u32,
    pub metric: u32,
}

/// An address as `/proc/net/route` prints it: the network-order word as a host number.
fn addr(hex: &str) -> Option<Ipv4Addr> {
    Some(Ipv4Addr::from(
        u32::from_str_radix(hex, 16).ok()?.to_ne_bytes(),
    ))
}

/// The routes of `/proc/net/route`'s text, in its order.
pub fn parse_routes(text: &str) -> Vec<Route> {
    text.lines()
        .skip(1)
        .filter_map(|line| {
            let f: Vec<&str> = line.split_whitespace().collect();
            Some(Route {
                iface: f.first()?.to_string(),
                dest: addr(f.get(1)?)?,
                gateway: addr(f.get(2)?)?,
                flags: u32::from_str_radix(f.get(3)?, 16).ok()?,
                metric: f.get(6)?.parse().ok()?,
                mask: addr(f.get(7)?)?,
            })
        })
        .collect()
}

/// The IPv4 routes of the main routing table.
pub fn routes() -> SysResult<Vec<Route>> {
    Ok(parse_routes(&procfs::read("/proc/net/route")?))
}

/// One entry of the neighbour (ARP) cache.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Neighbour {
    pub ip: Ipv4Addr,
    /// The hardware address (all zeros while the entry is incomplete).
    pub hw: Vec<u8>,
    /// `ATF_*` flags.
    pub flags: u32,
    pub iface: String,
}

impl Neighbour {
    /// Whether the hardware address is known (`ATF_COM`).
    pub fn complete(&self) -> bool {
        self.flags & ATF_COM != 0
    }

    /// Whether the entry was set by hand and never expires (`ATF_PERM`).
    pub fn permanent(&self) -> bool {
        self.flags & ATF_PERM != 0
    }
}

/// The entries of `/proc/net/arp`'s text, in its order.
pub fn parse_neighbours(text: &str) -> Vec<Neighbour> {
    text.lines()
        .skip(1)
        .filter_map(|line| {
            let f: Vec<&str> = line.split_whitespace().collect();
            Some(Neighbour {
                ip: f.first()?.parse().ok()?,
                flags: u32::from_str_radix(f.get(2)?.trim_start_matches("0x"), 16).ok()?,
                hw: f
                    .get(3)?
                    .split(':')
                    .map(|b| u8::from_str_radix(b, 16).ok())
                    .collect::<Option<Vec<u8>>>()?,
                iface: f.get(5)?.to_string(),
            })
        })
        .collect()
}

/// The hardware address the neighbour cache holds for `ip` (complete entries only), from
/// `/proc/net/arp`'s text.
pub fn parse_neighbour(text: &str, ip: Ipv4Addr) -> Option<Vec<u8>> {
    parse_neighbours(text)
        .into_iter()
        .find(|n| n.ip == ip && n.complete())
        .map(|n| n.hw)
}

/// The IPv4 neighbour cache.
pub fn neighbours() -> SysResult<Vec<Neighbour>> {
    Ok(parse_neighbours(&procfs::read("/proc/net/arp")?))
}

/// The hardware address of a neighbour the kernel has resolved (nothing is sent): `Ok(None)`
/// when the cache has no complete entry for it.
pub fn neighbour(ip: Ipv4Addr) -> SysResult<Option<Vec<u8>>> {
    Ok(parse_neighbour(&procfs::read("/proc/net/arp")?, ip))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_routes() {
        let text =
            "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n\
                    eth0\t00000000\t010200C0\t0003\t0\t0\t100\t00000000\t0\t0\t0\n\
                    eth0\t000200C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0\n";
        let r = parse_routes(text);
        assert_eq!(r.len(), 2);
        if cfg!(target_endian = "little") {
            assert_eq!(r[0].gateway, Ipv4Addr::new(192, 0, 2, 1));
            assert_eq!(r[1].dest, Ipv4Addr::new(192, 0, 2, 0));
            assert_eq!(r[1].mask, Ipv4Addr::new(255, 255, 255, 0));
        }
        assert_eq!(r[0].flags & RTF_GATEWAY, RTF_GATEWAY);
        assert_eq!(r[0].metric, 100);
        assert_eq!(r[1].iface, "eth0");
    }

    #[test]
    fn finds_complete_neighbours_only() {
        let text =
            "IP address       HW type     Flags       HW address            Mask     Device\n\
                    192.0.2.1        0x1         0x2         02:fc:00:00:00:05     *        eth0\n\
                    192.0.2.9        0x1         0x0         00:00:00:00:00:00     *        eth0\n";
        assert_eq!(
            parse_neighbour(text, Ipv4Addr::new(192, 0, 2, 1)),
            Some(vec![2, 0xfc, 0, 0, 0, 5])
        );
        assert_eq!(parse_neighbour(text, Ipv4Addr::new(192, 0, 2, 9)), None);
        assert_eq!(parse_neighbour(text, Ipv4Addr::new(192, 0, 2, 7)), None);
        let all = parse_neighbours(text);
        assert_eq!(all.len(), 2);
        assert!(all[0].complete() && !all[0].permanent());
        assert!(!all[1].complete());
        assert_eq!(all[1].iface, "eth0");
    }
}

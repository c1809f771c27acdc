//! The IPv4 route table of the IP Helper API (`GetIpForwardTable`): one `MIB_IPFORWARDROW`
//! (ipmib.h, 56 bytes) per route of the system's main routing table.

use super::codes::{ERROR_CAN_NOT_COMPLETE, ERROR_NO_DATA};
use super::mib_table::{error_of, table, Row};
use crate::sys::route_table::{routes, Route, RTF_GATEWAY};
use std::net::Ipv4Addr;

pub(crate) const FORWARDROW_SIZE: usize = 56;
/// `MIB_IPFORWARD_TYPE`.
const MIB_IPROUTE_TYPE_DIRECT: u32 = 3;
const MIB_IPROUTE_TYPE_INDIRECT: u32 = 4;
/// `MIB_IPFORWARD_PROTO` (`MIB_IPPROTO_*`): a connected route, a configured one.
const MIB_IPPROTO_LOCAL: u32 = 2;
const MIB_IPPROTO_NETMGMT: u32 = 3;
/// `MIB_IPROUTE_METRIC_UNUSED`.
const METRIC_UNUSED: u32 = u32::MAX;

fn proto(r: &Route) -> u32 {
    if r.flags & RTF_GATEWAY != 0 {
        MIB_IPPROTO_NETMGMT
    } else {
        MIB_IPPROTO_LOCAL
    }
}

fn row(r: &Route, if_index: u32) -> Row {
    let indirect = r.flags & RTF_GATEWAY != 0;
    Row::default()
        .ipv4(r.dest.octets())
        .ipv4(r.mask.octets())
        .dword(0) // dwForwardPolicy
        .ipv4(r.gateway.octets())
        .dword(if_index)
        .dword(if indirect {
            MIB_IPROUTE_TYPE_INDIRECT
        } else {
            MIB_IPROUTE_TYPE_DIRECT
        })
        .dword(proto(r))
        .dword(0) // dwForwardAge: not known
        .dword(0) // dwForwardNextHopAS
        .dword(r.metric)
        .dword(METRIC_UNUSED)
        .dword(METRIC_UNUSED)
        .dword(METRIC_UNUSED)
        .dword(METRIC_UNUSED)
}

/// `MIB_IPFORWARDTABLE`, sorted when `order` (by destination, protocol, policy, next hop, as
/// Windows does); `ERROR_NO_DATA` without routes.
pub(crate) fn forward_table(order: bool, if_index: impl Fn(&str) -> u32) -> Result<Vec<u8>, u32> {
    let mut list = routes().map_err(error_of)?;
    if list.is_empty() {
        return Err(ERROR_NO_DATA);
    }
    if order {
        list.sort_by_key(|r| (u32::from(r.dest), proto(r), u32::from(r.gateway)));
    }
    let rows = list.iter().map(|r| row(r, if_index(&r.iface))).collect();
    Ok(table(rows, FORWARDROW_SIZE))
}

/// The route to `dest` among `list`: the longest prefix that covers it, then the lowest
/// metric. A loopback destination without a route of its own takes 127.0.0.0/8 on `lo`, the
/// route Windows' table holds (Linux keeps it in its `local` table, which is not listed).
fn choose(list: Vec<Route>, dest: Ipv4Addr) -> Option<Route> {
    let covers = |r: &Route| u32::from(dest) & u32::from(r.mask) == u32::from(r.dest);
    let best = list
        .into_iter()
        .filter(|r| covers(r))
        .max_by_key(|r| (u32::from(r.mask).count_ones(), std::cmp::Reverse(r.metric)));
    match best {
        Some(r) if !(dest.is_loopback() && r.mask.octets()[0] != 255) => Some(r),
        _ if dest.is_loopback() => Some(Route {
            iface: "lo".into(),
            dest: Ipv4Addr::new(127, 0, 0, 0),
            gateway: Ipv4Addr::UNSPECIFIED,
            mask: Ipv4Addr::new(255, 0, 0, 0),
            flags: 0,
            metric: 0,
        }),
        other => other,
    }
}

/// `GetBestRoute`: the `MIB_IPFORWARDROW` of the route the system would take to `dest`;
/// `ERROR_CAN_NOT_COMPLETE` when no route covers it.
pub(crate) fn best_route(dest: Ipv4Addr, if_index: impl Fn(&str) -> u32) -> Result<Vec<u8>, u32> {
    let list = routes().map_err(error_of)?;
    let r = choose(list, dest).ok_or(ERROR_CAN_NOT_COMPLETE)?;
    Ok(row(&r, if_index(&r.iface)).0)
}

/// How many routes the main table holds (`MIB_IPSTATS.dwNumRoutes`).
pub(crate) fn route_count() -> u32 {
    routes().map_or(0, |r| r.len() as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn route(dest: [u8; 4], mask: [u8; 4], gateway: [u8; 4], metric: u32) -> Route {
        Route {
            iface: "eth0".into(),
            dest: dest.into(),
            gateway: gateway.into(),
            mask: mask.into(),
            flags: if gateway == [0; 4] { 0 } else { RTF_GATEWAY },
            metric,
        }
    }

    #[test]
    fn the_best_route_is_the_longest_prefix_then_the_lowest_metric() {
        let table = vec![
            route([0, 0, 0, 0], [0, 0, 0, 0], [192, 0, 2, 1], 100),
            route([0, 0, 0, 0], [0, 0, 0, 0], [192, 0, 2, 9], 50),
            route([192, 0, 2, 0], [255, 255, 255, 0], [0; 4], 0),
        ];
        let on_link = choose(table.clone(), Ipv4Addr::new(192, 0, 2, 77)).unwrap();
        assert_eq!(on_link.mask, Ipv4Addr::new(255, 255, 255, 0));
        let default = choose(table.clone(), Ipv4Addr::new(8, 8, 8, 8)).unwrap();
        assert_eq!(
            default.gateway,
            Ipv4Addr::new(192, 0, 2, 9),
            "the lower metric"
        );
        let lo = choose(table, Ipv4Addr::LOCALHOST).unwrap();
        assert_eq!(
            (lo.iface.as_str(), lo.mask),
            ("lo", Ipv4Addr::new(255, 0, 0, 0))
        );
        assert!(choose(Vec::new(), Ipv4Addr::new(8, 8, 8, 8)).is_none());
    }
    use std::net::Ipv4Addr;

    #[test]
    fn a_gateway_route_is_indirect() {
        let r = Route {
            iface: "eth0".into(),
            dest: Ipv4Addr::UNSPECIFIED,
            gateway: Ipv4Addr::new(192, 0, 2, 1),
            mask: Ipv4Addr::UNSPECIFIED,
            flags: 0x3,
            metric: 100,
        };
        let b = row(&r, 4).0;
        assert_eq!(b.len(), FORWARDROW_SIZE);
        assert_eq!(&b[12..16], &[192, 0, 2, 1]);
        assert_eq!(&b[16..20], &4u32.to_ne_bytes());
        assert_eq!(&b[20..24], &MIB_IPROUTE_TYPE_INDIRECT.to_ne_bytes());
        assert_eq!(&b[24..28], &MIB_IPPROTO_NETMGMT.to_ne_bytes());
        assert_eq!(&b[36..40], &100u32.to_ne_bytes());
    }
}

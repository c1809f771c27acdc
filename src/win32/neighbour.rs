//! `SendARP` without sending: the hardware address the kernel's neighbour cache already holds
//! for an IPv4 address (or the host's own interface's, for one of its addresses).

use super::codes::{ERROR_BAD_NET_NAME, ERROR_NOT_FOUND};
use super::mib_table::error_of;
use crate::sys::ifaces::interfaces;
use crate::sys::route_table::neighbour;
use std::net::{IpAddr, Ipv4Addr};

/// The hardware address of `dest`: `ERROR_NOT_FOUND` when `src` (unless 0.0.0.0) is not an
/// address of this host, `ERROR_BAD_NET_NAME` when the neighbour cache has no complete entry
/// (what Windows returns when no ARP reply came), `ERROR_NOT_SUPPORTED` off Linux.
pub(crate) fn resolve(dest: Ipv4Addr, src: Ipv4Addr) -> Result<Vec<u8>, u32> {
    let cached = neighbour(dest).map_err(error_of)?;
    let ifaces = interfaces().map_err(error_of)?;
    let owns = |ip: Ipv4Addr| {
        ifaces
            .iter()
            .find(|i| i.ips.iter().any(|a| a.addr == IpAddr::V4(ip)))
    };
    if !src.is_unspecified() && owns(src).is_none() {
        return Err(ERROR_NOT_FOUND);
    }
    if let Some(hw) = cached {
        return Ok(hw);
    }
    match owns(dest) {
        Some(i) if i.hw_addr.iter().any(|b| *b != 0) => Ok(i.hw_addr.clone()),
        _ => Err(ERROR_BAD_NET_NAME),
    }
}

//! The IPv4 neighbour table of the IP Helper API (`GetIpNetTable`): one `MIB_IPNETROW`
//! (ipmib.h, 24 bytes) per entry of the kernel's ARP cache.

use super::codes::ERROR_NO_DATA;
use super::mib_table::{error_of, table, Row};
use crate::sys::route_table::{neighbours, Neighbour};

pub(crate) const IPNETROW_SIZE: usize = 24;
const MAXLEN_PHYSADDR: usize = 8;
/// `MIB_IPNET_TYPE`.
const MIB_IPNET_TYPE_INVALID: u32 = 2;
const MIB_IPNET_TYPE_DYNAMIC: u32 = 3;
const MIB_IPNET_TYPE_STATIC: u32 = 4;

fn kind(n: &Neighbour) -> u32 {
    if n.permanent() {
        MIB_IPNET_TYPE_STATIC
    } else if n.complete() {
        MIB_IPNET_TYPE_DYNAMIC
    } else {
        MIB_IPNET_TYPE_INVALID
    }
}

fn row(n: &Neighbour, if_index: u32) -> Row {
    let hw_len = n.hw.len().min(MAXLEN_PHYSADDR);
    Row::default()
        .dword(if_index)
        .dword(hw_len as u32)
        .array(&n.hw, MAXLEN_PHYSADDR)
        .ipv4(n.ip.octets())
        .dword(kind(n))
}

/// `MIB_IPNETTABLE`, sorted by address when `order`; `ERROR_NO_DATA` when the cache is empty
/// (the success without data Windows reports).
pub(crate) fn ip_net_table(order: bool, if_index: impl Fn(&str) -> u32) -> Result<Vec<u8>, u32> {
    let mut list = neighbours().map_err(error_of)?;
    if list.is_empty() {
        return Err(ERROR_NO_DATA);
    }
    if order {
        list.sort_by_key(|n| u32::from(n.ip));
    }
    let rows = list.iter().map(|n| row(n, if_index(&n.iface))).collect();
    Ok(table(rows, IPNETROW_SIZE))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::Ipv4Addr;

    #[test]
    fn a_row_has_windows_layout() {
        let n = Neighbour {
            ip: Ipv4Addr::new(192, 0, 2, 1),
            hw: vec![2, 0xfc, 0, 0, 0, 5],
            flags: 0x2,
            iface: "eth0".into(),
        };
        let b = row(&n, 4).0;
        assert_eq!(b.len(), IPNETROW_SIZE);
        assert_eq!(&b[0..4], &4u32.to_ne_bytes());
        assert_eq!(&b[4..8], &6u32.to_ne_bytes());
        assert_eq!(&b[8..16], &[2, 0xfc, 0, 0, 0, 5, 0, 0]);
        assert_eq!(&b[16..20], &[192, 0, 2, 1]);
        assert_eq!(&b[20..24], &MIB_IPNET_TYPE_DYNAMIC.to_ne_bytes());
    }
}

//! The interface table of the IP Helper API (`GetIfTable`, `GetIfEntry`): one `MIB_IFROW`
//! (ifmib.h, 860 bytes) per interface, from the interface list (name, index, flags, MTU,
//! hardware address) and the kernel's per-interface counters.

use super::mib_table::{error_of, table, Row};
use crate::sys::ifaces::{interfaces, Iface};
use crate::sys::net_counters::{interface_counters, link_speed, IfCounters};

/// `sizeof(MIB_IFROW)`.
pub(crate) const IFROW_SIZE: usize = 860;
/// `MAX_INTERFACE_NAME_LEN`, `MAXLEN_PHYSADDR`, `MAXLEN_IFDESCR`.
const NAME_LEN: usize = 256;
const PHYSADDR_LEN: usize = 8;
const DESCR_LEN: usize = 256;

const IF_TYPE_ETHERNET_CSMACD: u32 = 6;
const IF_TYPE_SOFTWARE_LOOPBACK: u32 = 24;
const MIB_IF_ADMIN_STATUS_UP: u32 = 1;
const MIB_IF_ADMIN_STATUS_DOWN: u32 = 2;
/// `INTERNAL_IF_OPER_STATUS`.
const IF_OPER_STATUS_NON_OPERATIONAL: u32 = 0;
const IF_OPER_STATUS_DISCONNECTED: u32 = 2;
const IF_OPER_STATUS_OPERATIONAL: u32 = 5;
/// The speed Windows reports for its loopback interface (bits per second).
const LOOPBACK_SPEED: u32 = 1_073_741_824;

fn row(iface: &Iface, c: &IfCounters) -> Row {
    let flag = |f: i32| iface.flags & f as u32 != 0;
    let loopback = flag(libc::IFF_LOOPBACK);
    let speed = match link_speed(&iface.name) {
        Some(bps) => u32::try_from(bps).unwrap_or(u32::MAX),
        None if loopback => LOOPBACK_SPEED,
        None => 0,
    };
    let oper = match (flag(libc::IFF_UP), flag(libc::IFF_RUNNING)) {
        (true, true) => IF_OPER_STATUS_OPERATIONAL,
        (true, false) => IF_OPER_STATUS_DISCONNECTED,
        _ => IF_OPER_STATUS_NON_OPERATIONAL,
    };
    // Loopback has no hardware address (Linux gives it six zero bytes; Windows none).
    let hw: &[u8] = if loopback { &[] } else { &iface.hw_addr };
    let descr = iface.name.as_bytes();
    let descr_len = descr.len().min(DESCR_LEN - 1);
    // Windows names the row as GetInterfaceInfo names the adapter: "\DEVICE\TCPIP_" and the
    // adapter's name, its GUID in braces.
    let name = format!("\\DEVICE\\TCPIP_{}", super::luid::adapter_name(&iface.name));
    Row::default()
        .wide(&name, NAME_LEN)
        .dword(iface.index)
        .dword(if loopback {
            IF_TYPE_SOFTWARE_LOOPBACK
        } else {
            IF_TYPE_ETHERNET_CSMACD
        })
        .dword(iface.mtu)
        .dword(speed)
        .dword(hw.len().min(PHYSADDR_LEN) as u32)
        .array(hw, PHYSADDR_LEN)
        .dword(if flag(libc::IFF_UP) {
            MIB_IF_ADMIN_STATUS_UP
        } else {
            MIB_IF_ADMIN_STATUS_DOWN
        })
        .dword(oper)
        .dword(0) // dwLastChange: not known
        .counter(c.rx_bytes)
        .counter(c.rx_packets.saturating_sub(c.rx_multicast))
        .counter(c.rx_multicast)
        .counter(c.rx_dropped)
        .counter(c.rx_errors)
        .dword(0) // dwInUnknownProtos
        .counter(c.tx_bytes)
        .counter(c.tx_packets)
        .dword(0) // dwOutNUcastPkts: Linux does not count them apart
        .counter(c.tx_dropped)
        .counter(c.tx_errors)
        .dword(0) // dwOutQLen
        .dword(descr_len as u32 + 1)
        .array(&descr[..descr_len], DESCR_LEN)
}

/// Every interface's row, in index order when `order` (else the system's order).
fn rows(order: bool) -> Result<Vec<(u32, Row)>, u32> {
    let counters = interface_counters().map_err(error_of)?;
    let mut ifaces = interfaces().map_err(error_of)?;
    if order {
        ifaces.sort_by_key(|i| i.index);
    }
    Ok(ifaces
        .iter()
        .map(|i| {
            let c = counters.get(&i.name).cloned().unwrap_or_default();
            (i.index, row(i, &c))
        })
        .collect())
}

/// `MIB_IFTABLE`.
pub(crate) fn if_table(order: bool) -> Result<Vec<u8>, u32> {
    let rows = rows(order)?.into_iter().map(|(_, r)| r).collect();
    Ok(table(rows, IFROW_SIZE))
}

/// The `MIB_IFROW` of the interface with this index, `Ok(None)` if there is none.
pub(crate) fn if_entry(index: u32) -> Result<Option<Vec<u8>>, u32> {
    Ok(rows(false)?
        .into_iter()
        .find(|(i, _)| *i == index)
        .map(|(_, r)| r.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_is_the_size_of_mib_ifrow() {
        let iface = Iface {
            name: "lo".into(),
            index: 1,
            flags: (libc::IFF_UP | libc::IFF_RUNNING | libc::IFF_LOOPBACK) as u32,
            mtu: 65536,
            hw_addr: vec![0; 6],
            ips: Vec::new(),
        };
        let r = row(&iface, &IfCounters::default());
        assert_eq!(r.0.len(), IFROW_SIZE);
        // dwIndex follows the 512-byte name; dwType after it.
        assert_eq!(&r.0[512..516], &1u32.to_ne_bytes());
        assert_eq!(&r.0[516..520], &IF_TYPE_SOFTWARE_LOOPBACK.to_ne_bytes());
        // dwPhysAddrLen at 528: none for loopback.
        assert_eq!(&r.0[528..532], &0u32.to_ne_bytes());
        // dwOperStatus at 512 + 5*4 + 8 + 4.
        assert_eq!(&r.0[544..548], &IF_OPER_STATUS_OPERATIONAL.to_ne_bytes());
        // dwDescrLen at 600, bDescr at 604.
        assert_eq!(&r.0[600..604], &3u32.to_ne_bytes());
        assert_eq!(&r.0[604..607], b"lo\0");
    }
}

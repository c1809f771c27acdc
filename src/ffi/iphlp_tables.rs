//! The IP Helper API's MIB tables (`<iphlpapi.h>`; the structures are in tcpmib.h, udpmib.h,
//! ifmib.h and ipmib.h): the TCP and UDP endpoint tables, the interface table, the IPv4 route
//! and neighbour (ARP) tables, the IP/ICMP/TCP/UDP statistics and `SendARP`, the calls
//! netstat-like tools, port listers, route printers and interface monitors make. The tables
//! come from Linux's `/proc`; on macOS and the BSDs every call returns `ERROR_NOT_SUPPORTED`.
//!
//! The size protocol is Windows': a NULL `pdwSize` is `ERROR_INVALID_PARAMETER`; a NULL table
//! or a `*pdwSize` below the table's size is `ERROR_INSUFFICIENT_BUFFER` with the size needed
//! in `*pdwSize`; otherwise the table is written and the call returns `NO_ERROR`. The return
//! value is the error (the last error is not changed).

use crate::win32::codes::*;
use crate::win32::endpoint_tables::{tcp_class, tcp_table, udp_class, udp_table, Layout, Which};
use crate::win32::forward_table::{best_route, forward_table, route_count};
use crate::win32::if_table::{if_entry, if_table, IFROW_SIZE};
use crate::win32::ip_statistics::{
    icmp_stats, ip_stats, tcp_stats, udp_stats, ICMPSTATS_SIZE, IPSTATS_SIZE, TCPSTATS_SIZE,
    UDPSTATS_SIZE,
};
use crate::win32::net_table::ip_net_table;
use std::net::Ipv4Addr;
use std::os::raw::c_void;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// Windows' `AF_INET` and `AF_INET6` (23); the native `AF_INET6` is accepted too.
fn ipv6_family(af: u32) -> Option<bool> {
    match af {
        2 => Some(false),
        23 => Some(true),
        f if f == libc::AF_INET6 as u32 => Some(true),
        _ => None,
    }
}

/// Runs a body; a panic becomes `ERROR_NOT_ENOUGH_MEMORY`.
pub(super) fn guard(body: impl FnOnce() -> u32) -> u32 {
    catch_unwind(AssertUnwindSafe(body)).unwrap_or_else(|_| {
        crate::log::error(format_args!(
            "internal error (panic) in an IP Helper function"
        ));
        ERROR_NOT_ENOUGH_MEMORY
    })
}

/// Hands a built table to the caller under the size protocol.
///
/// # Safety
/// `buf` must be NULL or writable for `*size` bytes; `size` NULL or valid.
unsafe fn hand_out(built: Result<Vec<u8>, u32>, buf: *mut c_void, size: *mut u32) -> u32 {
    if size.is_null() {
        return ERROR_INVALID_PARAMETER;
    }
    let table = match built {
        Ok(t) => t,
        Err(e) => return e,
    };
    let Ok(need) = u32::try_from(table.len()) else {
        return ERROR_NOT_ENOUGH_MEMORY;
    };
    // SAFETY: `size` is non-NULL and valid (caller guarantee).
    let have = unsafe { &mut *size };
    if buf.is_null() || *have < need {
        *have = need;
        return ERROR_INSUFFICIENT_BUFFER;
    }
    // SAFETY: `buf` is writable for `*size` >= table.len() bytes (caller guarantee).
    unsafe { std::ptr::copy_nonoverlapping(table.as_ptr(), buf.cast::<u8>(), table.len()) };
    ERROR_SUCCESS
}

/// Writes a fixed-size structure (`MIB_IPSTATS` & co.).
///
/// # Safety
/// `out` must be NULL or writable for `len` bytes.
unsafe fn write_struct(built: Result<Vec<u8>, u32>, out: *mut c_void, len: usize) -> u32 {
    if out.is_null() {
        return ERROR_INVALID_PARAMETER;
    }
    match built {
        Ok(b) => {
            debug_assert_eq!(b.len(), len, "a MIB structure has its size");
            // SAFETY: `out` is writable for `len` bytes (caller guarantee).
            unsafe {
                std::ptr::copy_nonoverlapping(b.as_ptr(), out.cast::<u8>(), b.len().min(len))
            };
            ERROR_SUCCESS
        }
        Err(e) => e,
    }
}

/// The IPv4 TCP connection table (`MIB_TCPTABLE`: listeners, connections and TIME_WAIT
/// entries, as Windows lists them), sorted by local then remote address and port when
/// `Order` is TRUE. States are `MIB_TCP_STATE_*`; ports are in network byte order in the low
/// 16 bits of each `DWORD`. Returns `NO_ERROR`, `ERROR_INSUFFICIENT_BUFFER` (with the size
/// needed in `*SizePointer`, also for a NULL `TcpTable`), `ERROR_INVALID_PARAMETER` (NULL
/// `SizePointer`) or `ERROR_NOT_SUPPORTED` (not Linux).
///
/// # Safety
/// `TcpTable` must be NULL or writable for `*SizePointer` bytes; `SizePointer` NULL or valid.
#[no_mangle]
pub unsafe extern "C" fn GetTcpTable(
    TcpTable: *mut c_void,
    SizePointer: *mut u32,
    Order: i32,
) -> u32 {
    // SAFETY: forwarded caller guarantees.
    guard(|| unsafe {
        hand_out(
            tcp_table(false, Which::All, Layout::Basic, Order != 0),
            TcpTable,
            SizePointer,
        )
    })
}

/// The IPv6 TCP connection table (`MIB_TCP6TABLE`), as `GetTcpTable`. Scope ids are 0.
///
/// # Safety
/// As for `GetTcpTable`.
#[no_mangle]
pub unsafe extern "C" fn GetTcp6Table(
    TcpTable: *mut c_void,
    SizePointer: *mut u32,
    Order: i32,
) -> u32 {
    // SAFETY: forwarded caller guarantees.
    guard(|| unsafe {
        hand_out(
            tcp_table(true, Which::All, Layout::Basic, Order != 0),
            TcpTable,
            SizePointer,
        )
    })
}

/// The IPv4 UDP listener table (`MIB_UDPTABLE`: every bound UDP socket), sorted by local
/// address and port when `Order` is TRUE; the size protocol and errors of `GetTcpTable`.
///
/// # Safety
/// `UdpTable` must be NULL or writable for `*SizePointer` bytes; `SizePointer` NULL or valid.
#[no_mangle]
pub unsafe extern "C" fn GetUdpTable(
    UdpTable: *mut c_void,
    SizePointer: *mut u32,
    Order: i32,
) -> u32 {
    // SAFETY: forwarded caller guarantees.
    guard(|| unsafe {
        hand_out(
            udp_table(false, Layout::Basic, Order != 0),
            UdpTable,
            SizePointer,
        )
    })
}

/// The IPv6 UDP listener table (`MIB_UDP6TABLE`), as `GetUdpTable`. Scope ids are 0.
///
/// # Safety
/// As for `GetUdpTable`.
#[no_mangle]
pub unsafe extern "C" fn GetUdp6Table(
    Udp6Table: *mut c_void,
    SizePointer: *mut u32,
    Order: i32,
) -> u32 {
    // SAFETY: forwarded caller guarantees.
    guard(|| unsafe {
        hand_out(
            udp_table(true, Layout::Basic, Order != 0),
            Udp6Table,
            SizePointer,
        )
    })
}

/// The TCP table of `ulAf` (`AF_INET`, or `AF_INET6` with Windows' value 23 or the system's)
/// in the form `TableClass` names: `TCP_TABLE_BASIC_*` a `MIB_TCPTABLE` (IPv4 only),
/// `TCP_TABLE_OWNER_PID_*` a `MIB_TCPTABLE_OWNER_PID` or `MIB_TCP6TABLE_OWNER_PID`; `_LISTENER`
/// the listening sockets, `_CONNECTIONS` the others, `_ALL` both. The owning process is found
/// through the socket's inode in `/proc/<pid>/fd`: always for this process's sockets, for other
/// processes' when their descriptors are readable (the same user, or privileges), else 0 (and
/// 0 for TIME_WAIT entries, as on Windows). `TCP_TABLE_OWNER_MODULE_*` is
/// `ERROR_NOT_SUPPORTED`; an unknown class or family, a BASIC class with `AF_INET6`, a
/// non-zero `Reserved` or a NULL `pdwSize` are `ERROR_INVALID_PARAMETER`. Otherwise as
/// `GetTcpTable`.
///
/// # Safety
/// `pTcpTable` must be NULL or writable for `*pdwSize` bytes; `pdwSize` NULL or valid.
#[no_mangle]
pub unsafe extern "C" fn GetExtendedTcpTable(
    pTcpTable: *mut c_void,
    pdwSize: *mut u32,
    bOrder: i32,
    ulAf: u32,
    TableClass: u32,
    Reserved: u32,
) -> u32 {
    guard(|| {
        let built = match (ipv6_family(ulAf), tcp_class(TableClass)) {
            _ if Reserved != 0 || pdwSize.is_null() => Err(ERROR_INVALID_PARAMETER),
            (None, _) | (Some(true), Ok((_, Layout::Basic))) => Err(ERROR_INVALID_PARAMETER),
            (_, Err(e)) => Err(e),
            (Some(v6), Ok((which, layout))) => tcp_table(v6, which, layout, bOrder != 0),
        };
        // SAFETY: forwarded caller guarantees.
        unsafe { hand_out(built, pTcpTable, pdwSize) }
    })
}

/// The UDP table of `ulAf` in the form `TableClass` names: `UDP_TABLE_BASIC` a
/// `MIB_UDPTABLE` / `MIB_UDP6TABLE`, `UDP_TABLE_OWNER_PID` a `MIB_UDPTABLE_OWNER_PID` /
/// `MIB_UDP6TABLE_OWNER_PID` (owners found as for `GetExtendedTcpTable`).
/// `UDP_TABLE_OWNER_MODULE` is `ERROR_NOT_SUPPORTED`; other errors as `GetExtendedTcpTable`.
///
/// # Safety
/// `pUdpTable` must be NULL or writable for `*pdwSize` bytes; `pdwSize` NULL or valid.
#[no_mangle]
pub unsafe extern "C" fn GetExtendedUdpTable(
    pUdpTable: *mut c_void,
    pdwSize: *mut u32,
    bOrder: i32,
    ulAf: u32,
    TableClass: u32,
    Reserved: u32,
) -> u32 {
    guard(|| {
        let built = match (ipv6_family(ulAf), udp_class(TableClass)) {
            _ if Reserved != 0 || pdwSize.is_null() => Err(ERROR_INVALID_PARAMETER),
            (None, _) => Err(ERROR_INVALID_PARAMETER),
            (_, Err(e)) => Err(e),
            (Some(v6), Ok(layout)) => udp_table(v6, layout, bOrder != 0),
        };
        // SAFETY: forwarded caller guarantees.
        unsafe { hand_out(built, pUdpTable, pdwSize) }
    })
}

/// The interface table (`MIB_IFTABLE`): one `MIB_IFROW` per interface, loopback included,
/// sorted by index when `bOrder` is TRUE. `wszName` is `\DEVICE\TCPIP_` and the interface's
/// name (as `GetInterfaceInfo` names the adapter), `bDescr` the interface's name;
/// `dwType` is `IF_TYPE_SOFTWARE_LOOPBACK` or `IF_TYPE_ETHERNET_CSMACD`; `dwSpeed` the link's
/// speed where the driver tells (loopback: 1073741824, as Windows reports); `dwAdminStatus`
/// follows `IFF_UP`; `dwOperStatus` is `IF_OPER_STATUS_OPERATIONAL` when up and running,
/// `IF_OPER_STATUS_DISCONNECTED` when up without a carrier, else
/// `IF_OPER_STATUS_NON_OPERATIONAL`; the counters are the kernel's (cut to 32 bits);
/// `dwLastChange`, `dwInUnknownProtos`, `dwOutNUcastPkts` and `dwOutQLen` are 0. The size
/// protocol and errors of `GetTcpTable`.
///
/// # Safety
/// `pIfTable` must be NULL or writable for `*pdwSize` bytes; `pdwSize` NULL or valid.
#[no_mangle]
pub unsafe extern "C" fn GetIfTable(pIfTable: *mut c_void, pdwSize: *mut u32, bOrder: i32) -> u32 {
    // SAFETY: forwarded caller guarantees.
    guard(|| unsafe { hand_out(if_table(bOrder != 0), pIfTable, pdwSize) })
}

/// Fills the `MIB_IFROW` whose `dwIndex` the caller set, as `GetIfTable` would list it.
/// Returns `NO_ERROR`, `ERROR_INVALID_PARAMETER` (NULL `pIfRow`), `ERROR_INVALID_DATA` (no
/// interface has that index) or `ERROR_NOT_SUPPORTED` (not Linux).
///
/// # Safety
/// `pIfRow` must be NULL or a writable `MIB_IFROW`.
#[no_mangle]
pub unsafe extern "C" fn GetIfEntry(pIfRow: *mut c_void) -> u32 {
    guard(|| {
        if pIfRow.is_null() {
            return ERROR_INVALID_PARAMETER;
        }
        // SAFETY: a MIB_IFROW is 4-aligned; dwIndex is at offset 512 (after wszName).
        let index = unsafe { pIfRow.cast::<u8>().add(512).cast::<u32>().read_unaligned() };
        let row = match if_entry(index) {
            Ok(Some(r)) => Ok(r),
            Ok(None) => Err(ERROR_INVALID_DATA),
            Err(e) => Err(e),
        };
        // SAFETY: `pIfRow` is a writable MIB_IFROW (caller guarantee).
        unsafe { write_struct(row, pIfRow, IFROW_SIZE) }
    })
}

/// The IPv4 route table (`MIB_IPFORWARDTABLE`) of the system's main routing table, sorted
/// by destination (then protocol and next hop) when `bOrder` is TRUE. A route through a
/// gateway is `MIB_IPROUTE_TYPE_INDIRECT` with protocol `MIB_IPPROTO_NETMGMT`; an on-link
/// route `MIB_IPROUTE_TYPE_DIRECT` with `MIB_IPPROTO_LOCAL` and next hop 0.0.0.0 (Windows
/// gives the interface's address); `dwForwardMetric1` is the route's metric, the other
/// metrics `MIB_IPROUTE_METRIC_UNUSED`; policy, age and next-hop AS are 0. `ERROR_NO_DATA`
/// without routes; otherwise the size protocol and errors of `GetTcpTable`.
///
/// # Safety
/// `pIpForwardTable` must be NULL or writable for `*pdwSize` bytes; `pdwSize` NULL or valid.
#[no_mangle]
pub unsafe extern "C" fn GetIpForwardTable(
    pIpForwardTable: *mut c_void,
    pdwSize: *mut u32,
    bOrder: i32,
) -> u32 {
    let index = |name: &str| crate::sys::ifaces::index_of(name);
    // SAFETY: forwarded caller guarantees.
    guard(|| unsafe { hand_out(forward_table(bOrder != 0, index), pIpForwardTable, pdwSize) })
}

/// The route the system would take to `dwDestAddr` (network byte order) as a
/// `MIB_IPFORWARDROW` in `pBestRoute`: the route table's longest prefix covering it, then the
/// lowest metric (a loopback address takes 127.0.0.0/8 on the loopback interface, as in
/// Windows' table); `dwSourceAddr` is not consulted. `ERROR_INVALID_PARAMETER` for a NULL
/// `pBestRoute`, `ERROR_CAN_NOT_COMPLETE` when no route covers the address.
///
/// # Safety
/// `pBestRoute` must be NULL or a writable `MIB_IPFORWARDROW`.
#[no_mangle]
pub unsafe extern "C" fn GetBestRoute(
    dwDestAddr: u32,
    dwSourceAddr: u32,
    pBestRoute: *mut c_void,
) -> u32 {
    let _ = dwSourceAddr;
    guard(|| {
        if pBestRoute.is_null() {
            return ERROR_INVALID_PARAMETER;
        }
        let index = |name: &str| crate::sys::ifaces::index_of(name);
        match best_route(Ipv4Addr::from(u32::from_be(dwDestAddr)), index) {
            Ok(row) => super::write_array(pBestRoute.cast::<u8>(), &row)
                .map_or(ERROR_INVALID_PARAMETER, |()| 0),
            Err(e) => e,
        }
    })
}

/// The IPv4 neighbour table (`MIB_IPNETTABLE`): the kernel's ARP cache, sorted by address
/// when `Order` is TRUE. A complete entry is `MIB_IPNET_TYPE_DYNAMIC`, a permanent one
/// `MIB_IPNET_TYPE_STATIC`, one still being resolved `MIB_IPNET_TYPE_INVALID` (hardware address
/// all zeros). `ERROR_NO_DATA` when the cache is empty (Windows' success without data);
/// otherwise the size protocol and errors of `GetTcpTable`.
///
/// # Safety
/// `IpNetTable` must be NULL or writable for `*SizePointer` bytes; `SizePointer` NULL or valid.
#[no_mangle]
pub unsafe extern "C" fn GetIpNetTable(
    IpNetTable: *mut c_void,
    SizePointer: *mut u32,
    Order: i32,
) -> u32 {
    let index = |name: &str| crate::sys::ifaces::index_of(name);
    // SAFETY: forwarded caller guarantees.
    guard(|| unsafe { hand_out(ip_net_table(Order != 0, index), IpNetTable, SizePointer) })
}

/// The IPv4 statistics (`MIB_IPSTATS`): the kernel's IP counters (`dwRoutingDiscards` is 0)
/// with the number of interfaces, IPv4 addresses and routes. Returns `NO_ERROR`,
/// `ERROR_INVALID_PARAMETER` (NULL `pStats`) or `ERROR_NOT_SUPPORTED` (not Linux).
///
/// # Safety
/// `pStats` must be NULL or a writable `MIB_IPSTATS`.
#[no_mangle]
pub unsafe extern "C" fn GetIpStatistics(pStats: *mut c_void) -> u32 {
    guard(|| {
        let ifaces = crate::sys::ifaces::interfaces().unwrap_or_default();
        let addrs = ifaces
            .iter()
            .flat_map(|i| i.ips.iter())
            .filter(|a| a.addr.is_ipv4())
            .count() as u32;
        let built = ip_stats(ifaces.len() as u32, addrs, route_count());
        // SAFETY: `pStats` is a writable MIB_IPSTATS (caller guarantee).
        unsafe { write_struct(built, pStats, IPSTATS_SIZE) }
    })
}

/// The ICMP statistics (`MIB_ICMP`): the kernel's ICMP counters of the messages received
/// (`stats.icmpInStats`) and sent (`stats.icmpOutStats`); as `GetIpStatistics`.
///
/// # Safety
/// `Statistics` must be NULL or a writable `MIB_ICMP`.
#[no_mangle]
pub unsafe extern "C" fn GetIcmpStatistics(Statistics: *mut c_void) -> u32 {
    // SAFETY: `Statistics` is a writable MIB_ICMP (caller guarantee).
    guard(|| unsafe { write_struct(icmp_stats(), Statistics, ICMPSTATS_SIZE) })
}

/// The TCP statistics (`MIB_TCPSTATS`): the kernel's TCP counters (`dwMaxConn` is
/// `(DWORD)-1`, dynamic, as on Windows) and the number of IPv4 TCP table entries; as
/// `GetIpStatistics`.
///
/// # Safety
/// `pStats` must be NULL or a writable `MIB_TCPSTATS`.
#[no_mangle]
pub unsafe extern "C" fn GetTcpStatistics(pStats: *mut c_void) -> u32 {
    guard(|| {
        let conns = crate::sys::socket_table::tcp(false).map_or(0, |t| t.len() as u32);
        // SAFETY: `pStats` is a writable MIB_TCPSTATS (caller guarantee).
        unsafe { write_struct(tcp_stats(conns), pStats, TCPSTATS_SIZE) }
    })
}

/// The UDP statistics (`MIB_UDPSTATS`): the kernel's UDP counters and the number of IPv4 UDP
/// table entries; as `GetIpStatistics`.
///
/// # Safety
/// `pStats` must be NULL or a writable `MIB_UDPSTATS`.
#[no_mangle]
pub unsafe extern "C" fn GetUdpStatistics(pStats: *mut c_void) -> u32 {
    guard(|| {
        let addrs = crate::sys::socket_table::udp(false).map_or(0, |t| t.len() as u32);
        // SAFETY: `pStats` is a writable MIB_UDPSTATS (caller guarantee).
        unsafe { write_struct(udp_stats(addrs), pStats, UDPSTATS_SIZE) }
    })
}

/// The hardware address of `DestIP` (network byte order) from the kernel's neighbour (ARP)
/// cache, or the host's own interface's for one of its addresses: ws2mp sends no ARP request.
/// Returns `NO_ERROR` with the address in `pMacAddr` and its length in `*PhyAddrLen`;
/// `ERROR_BAD_NET_NAME` when the cache holds no complete entry (what Windows returns when no
/// reply came); `ERROR_BUFFER_OVERFLOW` when `*PhyAddrLen` is below the address's length;
/// `ERROR_NOT_FOUND` when `SrcIP` is neither 0 nor an address of this host;
/// `ERROR_INVALID_PARAMETER` for NULL pointers; `ERROR_NOT_SUPPORTED` (not Linux).
///
/// # Safety
/// `pMacAddr` must be NULL or writable for `*PhyAddrLen` bytes; `PhyAddrLen` NULL or valid.
#[no_mangle]
pub unsafe extern "C" fn SendARP(
    DestIP: u32,
    SrcIP: u32,
    pMacAddr: *mut c_void,
    PhyAddrLen: *mut u32,
) -> u32 {
    guard(|| {
        if pMacAddr.is_null() || PhyAddrLen.is_null() {
            return ERROR_INVALID_PARAMETER;
        }
        let ip = |a: u32| Ipv4Addr::from(a.to_ne_bytes());
        let hw = match crate::win32::neighbour::resolve(ip(DestIP), ip(SrcIP)) {
            Ok(hw) => hw,
            Err(e) => return e,
        };
        // SAFETY: `PhyAddrLen` is non-NULL and valid (caller guarantee).
        let len = unsafe { &mut *PhyAddrLen };
        if (*len as usize) < hw.len() {
            return ERROR_BUFFER_OVERFLOW;
        }
        // SAFETY: `pMacAddr` is writable for `*PhyAddrLen` >= hw.len() bytes.
        unsafe { std::ptr::copy_nonoverlapping(hw.as_ptr(), pMacAddr.cast::<u8>(), hw.len()) };
        *len = hw.len() as u32;
        ERROR_SUCCESS
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_size_protocol() {
        let mut size = 0u32;
        // SAFETY: a NULL table with a valid size.
        let rc = unsafe {
            hand_out(
                Ok(vec![1, 0, 0, 0, 9, 9, 9, 9]),
                std::ptr::null_mut(),
                &mut size,
            )
        };
        assert_eq!((rc, size), (ERROR_INSUFFICIENT_BUFFER, 8));
        let mut buf = [0u8; 8];
        // SAFETY: an 8-byte buffer and its size.
        let rc = unsafe {
            hand_out(
                Ok(vec![1, 0, 0, 0, 9, 9, 9, 9]),
                buf.as_mut_ptr().cast(),
                &mut size,
            )
        };
        assert_eq!(rc, ERROR_SUCCESS);
        assert_eq!(buf[4], 9);
        // SAFETY: a NULL size pointer is refused before anything is read.
        let rc = unsafe {
            hand_out(
                Ok(Vec::new()),
                buf.as_mut_ptr().cast(),
                std::ptr::null_mut(),
            )
        };
        assert_eq!(rc, ERROR_INVALID_PARAMETER);
    }
}

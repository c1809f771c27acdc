//! The protocol statistics of the IP Helper API (`GetIpStatistics`, `GetTcpStatistics`,
//! `GetUdpStatistics`): `MIB_IPSTATS` (92 bytes), `MIB_TCPSTATS` (60) and `MIB_UDPSTATS`
//! (20) from the kernel's MIB-II counters, which have the same names and meanings.

use super::mib_table::{error_of, Row};
use crate::sys::net_counters::snmp;
use std::collections::HashMap;

pub(crate) const IPSTATS_SIZE: usize = 92;
pub(crate) const TCPSTATS_SIZE: usize = 60;
pub(crate) const UDPSTATS_SIZE: usize = 20;

fn fields(row: Row, counters: &HashMap<String, i64>, names: &[&str]) -> Row {
    names.iter().fold(row, |r, n| {
        r.dword(counters.get(*n).copied().unwrap_or(0) as u32)
    })
}

/// `MIB_IPSTATS`; the interface, address and route counts are the caller's.
pub(crate) fn ip_stats(num_if: u32, num_addr: u32, num_routes: u32) -> Result<Vec<u8>, u32> {
    let c = snmp("Ip").map_err(error_of)?;
    let head = [
        "Forwarding",
        "DefaultTTL",
        "InReceives",
        "InHdrErrors",
        "InAddrErrors",
    ];
    let mid = [
        "ForwDatagrams",
        "InUnknownProtos",
        "InDiscards",
        "InDelivers",
        "OutRequests",
    ];
    // dwRoutingDiscards: Linux does not count it.
    let tail = [
        "OutDiscards",
        "OutNoRoutes",
        "ReasmTimeout",
        "ReasmReqds",
        "ReasmOKs",
        "ReasmFails",
        "FragOKs",
        "FragFails",
        "FragCreates",
    ];
    let r = fields(Row::default(), &c, &head);
    let r = fields(r, &c, &mid).dword(0);
    let r = fields(r, &c, &tail)
        .dword(num_if)
        .dword(num_addr)
        .dword(num_routes);
    Ok(r.0)
}

/// `MIB_TCPSTATS`; `dwNumConns` is the number of rows of the TCP table.
pub(crate) fn tcp_stats(num_conns: u32) -> Result<Vec<u8>, u32> {
    let c = snmp("Tcp").map_err(error_of)?;
    let names = [
        "RtoAlgorithm",
        "RtoMin",
        "RtoMax",
        "MaxConn",
        "ActiveOpens",
        "PassiveOpens",
        "AttemptFails",
        "EstabResets",
        "CurrEstab",
        "InSegs",
        "OutSegs",
        "RetransSegs",
        "InErrs",
        "OutRsts",
    ];
    Ok(fields(Row::default(), &c, &names).dword(num_conns).0)
}

/// `MIB_UDPSTATS`; `dwNumAddrs` is the number of rows of the UDP table.
pub(crate) fn udp_stats(num_addrs: u32) -> Result<Vec<u8>, u32> {
    let c = snmp("Udp").map_err(error_of)?;
    let names = ["InDatagrams", "NoPorts", "InErrors", "OutDatagrams"];
    Ok(fields(Row::default(), &c, &names).dword(num_addrs).0)
}

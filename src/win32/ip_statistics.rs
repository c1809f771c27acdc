//! The protocol statistics of the IP Helper API (`GetIpStatistics`, `GetIcmpStatistics`,
//! `GetTcpStatistics`, `GetUdpStatistics`): `MIB_IPSTATS` (92 bytes), `MIB_ICMP` (104),
//! `MIB_TCPSTATS` (60) and `MIB_UDPSTATS` (20) from the kernel's MIB-II counters, which have
//! the same names and meanings.

use super::mib_table::{error_of, Row};
use crate::sys::net_counters::snmp;
use std::collections::HashMap;

pub(crate) const IPSTATS_SIZE: usize = 92;
pub(crate) const ICMPSTATS_SIZE: usize = 104;
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

/// `MIB_ICMP`: the `MIBICMPSTATS` of the messages received, then of those sent.
pub(crate) fn icmp_stats() -> Result<Vec<u8>, u32> {
    let c = snmp("Icmp").map_err(error_of)?;
    let kinds = [
        "Msgs",
        "Errors",
        "DestUnreachs",
        "TimeExcds",
        "ParmProbs",
        "SrcQuenchs",
        "Redirects",
        "Echos",
        "EchoReps",
        "Timestamps",
        "TimestampReps",
        "AddrMasks",
        "AddrMaskReps",
    ];
    let names = |dir: &str| -> Vec<String> { kinds.iter().map(|k| format!("{dir}{k}")).collect() };
    let (inn, out) = (names("In"), names("Out"));
    let r = fields(
        Row::default(),
        &c,
        &inn.iter().map(String::as_str).collect::<Vec<_>>(),
    );
    Ok(fields(r, &c, &out.iter().map(String::as_str).collect::<Vec<_>>()).0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_follow_the_names_in_order() {
        let c: HashMap<String, i64> = [("A".to_string(), 7), ("B".to_string(), -1)].into();
        let r = fields(Row::default(), &c, &["B", "missing", "A"]).0;
        assert_eq!(&r[0..4], &u32::MAX.to_ne_bytes());
        assert_eq!(&r[4..8], &0u32.to_ne_bytes());
        assert_eq!(&r[8..12], &7u32.to_ne_bytes());
    }
}

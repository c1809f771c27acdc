//! `getservbyname`/`getservbyport` (the system's services database) and
//! `getprotobyname`/`getprotobynumber` (Windows' own protocol table, so the answers are the
//! ones Windows gives: each protocol's upper-case alias, case-insensitive names).

use super::entries;
use crate::error::{WsaError, WsaResult};
use crate::sys::names as sys;
use std::ffi::{CStr, CString};

/// The protocol table Windows ships (`%SystemRoot%\system32\drivers\etc\protocol`): number,
/// name, alias.
const PROTOCOLS: &[(i16, &str, &str)] = &[
    (0, "ip", "IP"),
    (1, "icmp", "ICMP"),
    (3, "ggp", "GGP"),
    (6, "tcp", "TCP"),
    (8, "egp", "EGP"),
    (12, "pup", "PUP"),
    (17, "udp", "UDP"),
    (20, "hmp", "HMP"),
    (22, "xns-idp", "XNS-IDP"),
    (27, "rdp", "RDP"),
    (41, "ipv6", "IPv6"),
    (43, "ipv6-route", "IPv6-Route"),
    (44, "ipv6-frag", "IPv6-Frag"),
    (50, "esp", "ESP"),
    (51, "ah", "AH"),
    (58, "ipv6-icmp", "IPv6-ICMP"),
    (59, "ipv6-nonxt", "IPv6-NoNxt"),
    (60, "ipv6-opts", "IPv6-Opts"),
    (66, "rvd", "RVD"),
];

fn protocol(entry: &(i16, &str, &str)) -> entries::ProtocolEntry {
    entries::protoent(entry.1, &[entry.2], entry.0)
}

/// `getprotobyname`: unknown names fail with `WSANO_DATA`.
pub fn protocol_by_name(name: &[u8]) -> WsaResult<entries::ProtocolEntry> {
    crate::runtime::check()?;
    PROTOCOLS
        .iter()
        .find(|p| {
            p.1.as_bytes().eq_ignore_ascii_case(name) || p.2.as_bytes().eq_ignore_ascii_case(name)
        })
        .map(protocol)
        .ok_or(WsaError::WSANO_DATA)
}

/// `getprotobynumber`: unknown numbers fail with `WSANO_DATA`.
pub fn protocol_by_number(number: i32) -> WsaResult<entries::ProtocolEntry> {
    crate::runtime::check()?;
    PROTOCOLS
        .iter()
        .find(|p| i32::from(p.0) == number)
        .map(protocol)
        .ok_or(WsaError::WSANO_DATA)
}

fn service(s: sys::Service) -> entries::ServiceEntry {
    entries::servent(&s.name, &s.aliases, s.port_be, &s.proto)
}

/// `text` in lower case, when that differs from it (the services file's names and protocols
/// are lower case; Windows compares them without regard to case).
fn lowered(text: &CStr) -> Option<CString> {
    let bytes = text.to_bytes();
    if !bytes.iter().any(u8::is_ascii_uppercase) {
        return None;
    }
    CString::new(bytes.to_ascii_lowercase()).ok()
}

/// `getservbyname(name, proto)`: `proto` None matches any protocol; the name and the protocol
/// are matched in any case (`"HTTP"`, `"TCP"`), as on Windows; unknown services fail with
/// `WSANO_DATA`.
pub fn service_by_name(name: &CStr, proto: Option<&CStr>) -> WsaResult<entries::ServiceEntry> {
    crate::runtime::check()?;
    sys::service_by_name(name, proto)
        .or_else(|| {
            let lower_name = lowered(name);
            let lower_proto = proto.and_then(lowered);
            if lower_name.is_none() && lower_proto.is_none() {
                return None;
            }
            sys::service_by_name(
                lower_name.as_deref().unwrap_or(name),
                lower_proto.as_deref().or(proto),
            )
        })
        .map(service)
        .ok_or(WsaError::WSANO_DATA)
}

/// `getservbyport(port, proto)`, `port_be` in network byte order; the protocol in any case.
pub fn service_by_port(port_be: u16, proto: Option<&CStr>) -> WsaResult<entries::ServiceEntry> {
    crate::runtime::check()?;
    sys::service_by_port(port_be, proto)
        .or_else(|| {
            let lower = proto.and_then(lowered)?;
            sys::service_by_port(port_be, Some(&lower))
        })
        .map(service)
        .ok_or(WsaError::WSANO_DATA)
}

//! The protocol catalog: what `WSAEnumProtocols` lists and `SO_PROTOCOL_INFO` describes.

use crate::error::{WsaError, WsaResult};

/// `dwServiceFlags1` bits, by their Winsock names without the `XP1_` prefix.
pub mod xp1 {
    pub use crate::winsock::{
        XP1_CONNECTIONLESS as CONNECTIONLESS, XP1_CONNECT_DATA as CONNECT_DATA,
        XP1_EXPEDITED_DATA as EXPEDITED_DATA, XP1_GRACEFUL_CLOSE as GRACEFUL_CLOSE,
        XP1_GUARANTEED_DELIVERY as GUARANTEED_DELIVERY, XP1_GUARANTEED_ORDER as GUARANTEED_ORDER,
        XP1_IFS_HANDLES as IFS_HANDLES, XP1_MESSAGE_ORIENTED as MESSAGE_ORIENTED,
        XP1_MULTIPOINT_CONTROL_PLANE as MULTIPOINT_CONTROL_PLANE,
        XP1_MULTIPOINT_DATA_PLANE as MULTIPOINT_DATA_PLANE,
        XP1_SUPPORT_BROADCAST as SUPPORT_BROADCAST, XP1_SUPPORT_MULTIPOINT as SUPPORT_MULTIPOINT,
    };
}

/// `WSASocket` flags, by their Winsock names without the `WSA_FLAG_` prefix.
pub mod wsa_flag {
    use crate::winsock::{WSA_FLAG_ACCESS_SYSTEM_SECURITY, WSA_FLAG_REGISTERED_IO};
    pub use crate::winsock::{
        WSA_FLAG_MULTIPOINT_C_LEAF as MULTIPOINT_C_LEAF,
        WSA_FLAG_MULTIPOINT_C_ROOT as MULTIPOINT_C_ROOT,
        WSA_FLAG_MULTIPOINT_D_LEAF as MULTIPOINT_D_LEAF,
        WSA_FLAG_MULTIPOINT_D_ROOT as MULTIPOINT_D_ROOT,
        WSA_FLAG_NO_HANDLE_INHERIT as NO_HANDLE_INHERIT, WSA_FLAG_OVERLAPPED as OVERLAPPED,
    };

    bitflags::bitflags! {
        /// `WSASocket`'s `dwFlags` (the C constants stay plain `WSA_FLAG_*`s).
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub(crate) struct WsaFlags: u32 {
            const OVERLAPPED = OVERLAPPED;
            const MULTIPOINT_C_ROOT = MULTIPOINT_C_ROOT;
            const MULTIPOINT_C_LEAF = MULTIPOINT_C_LEAF;
            const MULTIPOINT_D_ROOT = MULTIPOINT_D_ROOT;
            const MULTIPOINT_D_LEAF = MULTIPOINT_D_LEAF;
            const ACCESS_SYSTEM_SECURITY = WSA_FLAG_ACCESS_SYSTEM_SECURITY;
            const NO_HANDLE_INHERIT = NO_HANDLE_INHERIT;
            const REGISTERED_IO = WSA_FLAG_REGISTERED_IO;
            /// The four multipoint role flags.
            const MULTIPOINT = Self::MULTIPOINT_C_ROOT.bits() | Self::MULTIPOINT_C_LEAF.bits()
                | Self::MULTIPOINT_D_ROOT.bits() | Self::MULTIPOINT_D_LEAF.bits();
        }
    }

    /// The four multipoint role flags.
    pub(crate) const MULTIPOINT: u32 = WsaFlags::MULTIPOINT.bits();
}

pub use crate::winsock::{
    PFL_MATCHES_PROTOCOL_ZERO, PFL_MULTIPLE_PROTO_ENTRIES, PFL_RECOMMENDED_PROTO_ENTRY,
    WS2MP_PROTO_RMP, WS2MP_PROTO_RMP_PEER, WS2MP_RMP_MAX_MESSAGE,
};

/// ws2mp's provider GUID for its IP entries: {6d7a3a52-9a1e-4c8f-b1d4-57733270e101}.
pub(crate) const IP_PROVIDER_ID: (u32, u16, u16, [u8; 8]) = (
    0x6d7a_3a52,
    0x9a1e,
    0x4c8f,
    [0xb1, 0xd4, 0x57, 0x73, 0x32, 0x70, 0xe1, 0x01],
);

/// Which ws2mp provider serves sockets of an entry.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Provider {
    /// TCP and UDP, passed through to the OS (UDP also does IP multicast).
    Native,
    /// ws2mp's rooted multipoint protocol over TCP (docs/PROTOCOL.md).
    Rooted,
}

#[derive(Debug)]
pub struct Entry {
    pub name: &'static str,
    pub catalog_id: u32,
    pub provider: Provider,
    pub provider_id: (u32, u16, u16, [u8; 8]),
    pub service_flags1: u32,
    pub provider_flags: u32,
    pub family: i32,
    pub socket_type: i32,
    pub protocol: i32,
    pub min_sockaddr: i32,
    pub max_sockaddr: i32,
    /// `dwMessageSize`: 0 for streams, else the largest message.
    pub message_size: u32,
}

impl Entry {
    pub fn is_multipoint(&self) -> bool {
        self.service_flags1 & xp1::SUPPORT_MULTIPOINT != 0
    }
}

const TCP_FLAGS: u32 = xp1::GUARANTEED_DELIVERY
    | xp1::GUARANTEED_ORDER
    | xp1::GRACEFUL_CLOSE
    | xp1::EXPEDITED_DATA
    | xp1::IFS_HANDLES;
const UDP_FLAGS: u32 = xp1::CONNECTIONLESS
    | xp1::MESSAGE_ORIENTED
    | xp1::SUPPORT_BROADCAST
    | xp1::SUPPORT_MULTIPOINT
    | xp1::IFS_HANDLES;
/// The rooted provider: rooted control plane, message-oriented, reliable, with connect data.
const RMP_PEER_FLAGS: u32 = xp1::GUARANTEED_DELIVERY
    | xp1::GUARANTEED_ORDER
    | xp1::MESSAGE_ORIENTED
    | xp1::CONNECT_DATA
    | xp1::SUPPORT_MULTIPOINT
    | xp1::MULTIPOINT_CONTROL_PLANE;
/// ... with a rooted data plane too.
const RMP_FLAGS: u32 = RMP_PEER_FLAGS | xp1::MULTIPOINT_DATA_PLANE;
const RMP_PFL: u32 =
    PFL_MATCHES_PROTOCOL_ZERO | PFL_MULTIPLE_PROTO_ENTRIES | PFL_RECOMMENDED_PROTO_ENTRY;
const IN4: i32 = std::mem::size_of::<libc::sockaddr_in>() as i32;
const IN6: i32 = std::mem::size_of::<libc::sockaddr_in6>() as i32;

/// Largest UDP payload over IPv4 (65535 − 20 − 8) and over IPv6 without jumbograms (65535 − 8).
pub(crate) const UDP4_MAX_MESSAGE: u32 = 65507;
pub(crate) const UDP6_MAX_MESSAGE: u32 = 65527;

pub static ENTRIES: &[Entry] = &[
    Entry {
        name: "ws2mp [TCP/IP]",
        catalog_id: 1001,
        provider: Provider::Native,
        provider_id: IP_PROVIDER_ID,
        service_flags1: TCP_FLAGS,
        provider_flags: PFL_MATCHES_PROTOCOL_ZERO,
        family: libc::AF_INET,
        socket_type: libc::SOCK_STREAM,
        protocol: libc::IPPROTO_TCP,
        min_sockaddr: IN4,
        max_sockaddr: IN4,
        message_size: 0,
    },
    Entry {
        name: "ws2mp [UDP/IP]",
        catalog_id: 1002,
        provider: Provider::Native,
        provider_id: IP_PROVIDER_ID,
        service_flags1: UDP_FLAGS,
        provider_flags: PFL_MATCHES_PROTOCOL_ZERO,
        family: libc::AF_INET,
        socket_type: libc::SOCK_DGRAM,
        protocol: libc::IPPROTO_UDP,
        min_sockaddr: IN4,
        max_sockaddr: IN4,
        message_size: UDP4_MAX_MESSAGE,
    },
    Entry {
        name: "ws2mp [TCP/IPv6]",
        catalog_id: 1003,
        provider: Provider::Native,
        provider_id: IP_PROVIDER_ID,
        service_flags1: TCP_FLAGS,
        provider_flags: PFL_MATCHES_PROTOCOL_ZERO,
        family: libc::AF_INET6,
        socket_type: libc::SOCK_STREAM,
        protocol: libc::IPPROTO_TCP,
        min_sockaddr: IN6,
        max_sockaddr: IN6,
        message_size: 0,
    },
    Entry {
        name: "ws2mp [UDP/IPv6]",
        catalog_id: 1004,
        provider: Provider::Native,
        provider_id: IP_PROVIDER_ID,
        service_flags1: UDP_FLAGS,
        provider_flags: PFL_MATCHES_PROTOCOL_ZERO,
        family: libc::AF_INET6,
        socket_type: libc::SOCK_DGRAM,
        protocol: libc::IPPROTO_UDP,
        min_sockaddr: IN6,
        max_sockaddr: IN6,
        message_size: UDP6_MAX_MESSAGE,
    },
    Entry {
        name: "ws2mp rooted multipoint [RMP/IP]",
        catalog_id: 1005,
        provider: Provider::Rooted,
        provider_id: IP_PROVIDER_ID,
        service_flags1: RMP_FLAGS,
        provider_flags: RMP_PFL,
        family: libc::AF_INET,
        socket_type: libc::SOCK_SEQPACKET,
        protocol: WS2MP_PROTO_RMP,
        min_sockaddr: IN4,
        max_sockaddr: IN4,
        message_size: WS2MP_RMP_MAX_MESSAGE,
    },
    Entry {
        name: "ws2mp rooted multipoint, peer data [RMP/IP]",
        catalog_id: 1006,
        provider: Provider::Rooted,
        provider_id: IP_PROVIDER_ID,
        service_flags1: RMP_PEER_FLAGS,
        provider_flags: PFL_MULTIPLE_PROTO_ENTRIES,
        family: libc::AF_INET,
        socket_type: libc::SOCK_SEQPACKET,
        protocol: WS2MP_PROTO_RMP_PEER,
        min_sockaddr: IN4,
        max_sockaddr: IN4,
        message_size: WS2MP_RMP_MAX_MESSAGE,
    },
    Entry {
        name: "ws2mp rooted multipoint [RMP/IPv6]",
        catalog_id: 1007,
        provider: Provider::Rooted,
        provider_id: IP_PROVIDER_ID,
        service_flags1: RMP_FLAGS,
        provider_flags: RMP_PFL,
        family: libc::AF_INET6,
        socket_type: libc::SOCK_SEQPACKET,
        protocol: WS2MP_PROTO_RMP,
        min_sockaddr: IN6,
        max_sockaddr: IN6,
        message_size: WS2MP_RMP_MAX_MESSAGE,
    },
    Entry {
        name: "ws2mp rooted multipoint, peer data [RMP/IPv6]",
        catalog_id: 1008,
        provider: Provider::Rooted,
        provider_id: IP_PROVIDER_ID,
        service_flags1: RMP_PEER_FLAGS,
        provider_flags: PFL_MULTIPLE_PROTO_ENTRIES,
        family: libc::AF_INET6,
        socket_type: libc::SOCK_SEQPACKET,
        protocol: WS2MP_PROTO_RMP_PEER,
        min_sockaddr: IN6,
        max_sockaddr: IN6,
        message_size: WS2MP_RMP_MAX_MESSAGE,
    },
];

/// Raw IP sockets' entries (`SOCK_RAW` over IPv4 and IPv6). Hidden, as Windows' are
/// (`PFL_HIDDEN`: `WSAEnumProtocols` does not list them); `SO_PROTOCOL_INFO` describes a raw
/// socket with them. Raw sockets themselves are the system's (no ws2mp provider).
pub static RAW_ENTRIES: [Entry; 2] = [
    raw_entry(libc::AF_INET, 1009, IN4),
    raw_entry(libc::AF_INET6, 1010, IN6),
];

const fn raw_entry(family: i32, catalog_id: u32, sockaddr: i32) -> Entry {
    Entry {
        name: if family == libc::AF_INET {
            "ws2mp [RAW/IP]"
        } else {
            "ws2mp [RAW/IPv6]"
        },
        catalog_id,
        provider: Provider::Native,
        provider_id: IP_PROVIDER_ID,
        service_flags1: xp1::CONNECTIONLESS
            | xp1::MESSAGE_ORIENTED
            | xp1::SUPPORT_BROADCAST
            | xp1::SUPPORT_MULTIPOINT
            | xp1::IFS_HANDLES,
        provider_flags: PFL_MATCHES_PROTOCOL_ZERO | crate::winsock::PFL_HIDDEN,
        family,
        socket_type: libc::SOCK_RAW,
        // Windows reports protocol 0 (any protocol, up to iProtocolMaxOffset 255).
        protocol: 0,
        min_sockaddr: sockaddr,
        max_sockaddr: sockaddr,
        message_size: if family == libc::AF_INET {
            UDP4_MAX_MESSAGE
        } else {
            UDP6_MAX_MESSAGE
        },
    }
}

/// The hidden entry describing a raw socket of `family`, if it is an IP family.
pub fn raw_entry_for(family: i32) -> Option<&'static Entry> {
    RAW_ENTRIES.iter().find(|e| e.family == family)
}

/// The entry with this catalog id.
pub fn by_id(id: u32) -> Option<&'static Entry> {
    ENTRIES.iter().find(|e| e.catalog_id == id)
}

/// The first entry for `(family, type, protocol)`; 0 matches any type, and protocol 0 matches
/// the entries flagged `PFL_MATCHES_PROTOCOL_ZERO`.
pub fn find(family: i32, socket_type: i32, protocol: i32) -> Option<&'static Entry> {
    ENTRIES.iter().find(|e| {
        e.family == family
            && (socket_type == 0 || e.socket_type == socket_type)
            && (e.protocol == protocol
                || (protocol == 0 && e.provider_flags & PFL_MATCHES_PROTOCOL_ZERO != 0))
    })
}

/// Applies Winsock's multipoint flag rules (docs/WINDOWS.md §3.2) to a socket about to be created
/// from `entry` (None: a native socket outside the catalog, which supports no multipoint).
pub fn check_multipoint_flags(entry: Option<&Entry>, flags: u32) -> WsaResult<()> {
    use wsa_flag::*;
    let mp = flags & MULTIPOINT;
    if mp == 0 {
        return Ok(());
    }
    let sf = entry.map_or(0, |e| e.service_flags1);
    let c = flags & (MULTIPOINT_C_ROOT | MULTIPOINT_C_LEAF);
    let d = flags & (MULTIPOINT_D_ROOT | MULTIPOINT_D_LEAF);
    let one_each = c.count_ones() == 1 && d.count_ones() == 1;
    let supported = sf & xp1::SUPPORT_MULTIPOINT != 0;
    let c_ok = c != MULTIPOINT_C_ROOT || sf & xp1::MULTIPOINT_CONTROL_PLANE != 0;
    let d_ok = d != MULTIPOINT_D_ROOT || sf & xp1::MULTIPOINT_DATA_PLANE != 0;
    if one_each && supported && c_ok && d_ok {
        Ok(())
    } else {
        Err(WsaError::WSAEINVAL)
    }
}

/// The DLL path `WSCGetProviderPath` reports for a provider of the catalog (None: not one of
/// ws2mp's). Windows' base providers all live in mswsock.dll and report the path with
/// `%SystemRoot%` unexpanded; ws2mp's report the same, so programs that print or compare it
/// see what they see on Windows.
pub fn provider_path(id: (u32, u16, u16, [u8; 8])) -> Option<&'static str> {
    ENTRIES
        .iter()
        .any(|e| e.provider_id == id)
        .then_some("%SystemRoot%\\system32\\mswsock.dll")
}

#[cfg(test)]
mod tests {
    use super::wsa_flag::*;
    use super::*;

    #[test]
    fn protocol_zero_selects_tcp_and_udp() {
        assert_eq!(
            find(libc::AF_INET, libc::SOCK_STREAM, 0)
                .unwrap()
                .catalog_id,
            1001
        );
        assert_eq!(
            find(libc::AF_INET6, libc::SOCK_DGRAM, 0)
                .unwrap()
                .catalog_id,
            1004
        );
        assert_eq!(
            find(libc::AF_INET, 0, libc::IPPROTO_UDP)
                .unwrap()
                .catalog_id,
            1002
        );
        assert!(find(libc::AF_INET, libc::SOCK_STREAM, libc::IPPROTO_UDP).is_none());
    }

    #[test]
    fn rooted_entries() {
        use super::wsa_flag::*;
        let rooted = find(libc::AF_INET, libc::SOCK_SEQPACKET, 0).unwrap();
        assert_eq!(rooted.catalog_id, 1005);
        assert_eq!(rooted.protocol, WS2MP_PROTO_RMP);
        let peer = find(libc::AF_INET6, libc::SOCK_SEQPACKET, WS2MP_PROTO_RMP_PEER).unwrap();
        assert_eq!(peer.catalog_id, 1008);
        let root = MULTIPOINT_C_ROOT | MULTIPOINT_D_ROOT;
        assert!(check_multipoint_flags(Some(rooted), root).is_ok());
        assert!(check_multipoint_flags(Some(peer), root).is_err());
        assert!(check_multipoint_flags(Some(peer), MULTIPOINT_C_ROOT | MULTIPOINT_D_LEAF).is_ok());
        assert!(check_multipoint_flags(Some(peer), MULTIPOINT_C_LEAF | MULTIPOINT_D_LEAF).is_ok());
        for e in ENTRIES.iter().filter(|e| e.provider == Provider::Rooted) {
            assert!(
                e.protocol > 0xffff,
                "cannot clash with an IP protocol number"
            );
            assert_eq!(e.message_size, 65_536);
        }
    }

    #[test]
    fn multipoint_flag_rules_for_udp_and_tcp() {
        let udp = find(libc::AF_INET, libc::SOCK_DGRAM, 0);
        let tcp = find(libc::AF_INET, libc::SOCK_STREAM, 0);
        let leaf = MULTIPOINT_C_LEAF | MULTIPOINT_D_LEAF;
        assert!(check_multipoint_flags(udp, leaf).is_ok());
        assert!(check_multipoint_flags(udp, leaf | OVERLAPPED).is_ok());
        assert!(check_multipoint_flags(udp, MULTIPOINT_C_ROOT | MULTIPOINT_D_LEAF).is_err());
        assert!(check_multipoint_flags(udp, MULTIPOINT_C_LEAF | MULTIPOINT_D_ROOT).is_err());
        assert!(check_multipoint_flags(udp, MULTIPOINT_C_LEAF).is_err());
        assert!(check_multipoint_flags(udp, leaf | MULTIPOINT_C_ROOT).is_err());
        assert!(check_multipoint_flags(tcp, leaf).is_err());
        assert!(check_multipoint_flags(None, leaf).is_err());
        assert!(check_multipoint_flags(tcp, OVERLAPPED).is_ok());
    }
}

//! Interface identifiers of the IP Helper API (`<netioapi.h>`): the `NET_LUID` each interface
//! has, the `GUID` standing for it, and the conversions between them, the OS index and the
//! interface's name.
//!
//! A `NET_LUID` is laid out as Windows lays it out: 24 reserved bits (0), then the
//! `NetLuidIndex` (24 bits: here the OS interface index), then the `IfType` (16 bits:
//! `IF_TYPE_SOFTWARE_LOOPBACK` for a loopback interface, else `IF_TYPE_ETHERNET_CSMACD`). The
//! interface's GUID is made from its name ([`Guid::named`]), so it is the same in every process
//! and run, as Windows' adapter GUIDs are; in braces it is the adapter's name
//! (`GetAdaptersAddresses`' `AdapterName`, `GetIfEntry`'s `\DEVICE\TCPIP_{...}`). Interface
//! names are the system's (`eth0`); Windows' look like `ethernet_32768`.

use super::guid::Guid;
use crate::sys::ifaces::interfaces;

const IF_TYPE_ETHERNET_CSMACD: u64 = 6;
const IF_TYPE_SOFTWARE_LOOPBACK: u64 = 24;

/// One of the host's interfaces, as the conversions see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Interface {
    pub(crate) index: u32,
    pub(crate) name: String,
    pub(crate) luid: u64,
}

/// The `NET_LUID` value of the interface with this OS index.
pub(crate) fn luid_of(index: u32, loopback: bool) -> u64 {
    let if_type = if loopback {
        IF_TYPE_SOFTWARE_LOOPBACK
    } else {
        IF_TYPE_ETHERNET_CSMACD
    };
    (if_type << 48) | (u64::from(index & 0xFF_FFFF) << 24)
}

/// The `AdapterName` of the interface called `name`, as Windows spells an adapter's: its GUID,
/// upper-case, in braces (38 characters).
pub(crate) fn adapter_name(name: &str) -> String {
    format!("{{{}}}", Guid::named(name).to_text().to_uppercase())
}

/// The interface an `AdapterName` ([`adapter_name`]) stands for.
pub(crate) fn by_adapter_name(text: &str) -> Option<Interface> {
    all()
        .into_iter()
        .find(|i| adapter_name(&i.name).eq_ignore_ascii_case(text))
}

/// The host's interfaces (none when they cannot be listed).
pub(crate) fn all() -> Vec<Interface> {
    interfaces()
        .unwrap_or_default()
        .into_iter()
        .map(|i| Interface {
            luid: luid_of(i.index, i.flags & libc::IFF_LOOPBACK as u32 != 0),
            index: i.index,
            name: i.name,
        })
        .collect()
}

/// The `NET_LUID` of the interface with this index, if one has it.
pub(crate) fn luid_of_index(index: u32) -> Option<u64> {
    all().into_iter().find(|i| i.index == index).map(|i| i.luid)
}

/// The interface with this `NET_LUID`.
pub(crate) fn by_luid(luid: u64) -> Option<Interface> {
    all().into_iter().find(|i| i.luid == luid)
}

/// The interface with this name.
pub(crate) fn by_name(name: &str) -> Option<Interface> {
    all().into_iter().find(|i| i.name == name)
}

/// The interface whose GUID this is.
pub(crate) fn by_guid(guid: Guid) -> Option<Interface> {
    all().into_iter().find(|i| Guid::named(&i.name) == guid)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_luid_carries_the_index_and_type_as_windows_lays_them_out() {
        let l = luid_of(3, false);
        assert_eq!(l & 0xFF_FFFF, 0, "Reserved is 0");
        assert_eq!((l >> 24) & 0xFF_FFFF, 3, "NetLuidIndex is the index");
        assert_eq!(l >> 48, 6, "IfType is Ethernet");
        assert_eq!(luid_of(1, true) >> 48, 24, "loopback's IfType");
    }

    #[test]
    fn every_interface_is_found_by_each_of_its_identifiers() {
        for i in all() {
            assert_eq!(by_luid(i.luid).as_ref(), Some(&i));
            assert_eq!(by_name(&i.name).as_ref(), Some(&i));
            assert_eq!(by_guid(Guid::named(&i.name)).as_ref(), Some(&i));
            assert_eq!(luid_of_index(i.index), Some(i.luid));
            let name = adapter_name(&i.name);
            assert_eq!(name.len(), 38);
            assert_eq!(by_adapter_name(&name.to_lowercase()).as_ref(), Some(&i));
        }
        assert_eq!(luid_of_index(0), None, "no interface has index 0");
    }

    #[test]
    fn names_give_stable_distinct_guids() {
        let (a, b) = (Guid::named("eth0"), Guid::named("eth1"));
        assert_eq!(a, Guid::named("eth0"));
        assert_ne!(a, b);
        assert_ne!(a.data1, 0);
        assert_eq!(a.data3 >> 12, 8, "a version 8 UUID");
    }
}

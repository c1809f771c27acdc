//! What `gethostbyname`/`gethostbyaddr`, `getservbyname`/`getservbyport` and
//! `getprotobyname`/`getprotobynumber` found, as plain values. The ABI layer lays them out as
//! Windows' per-thread `hostent`/`servent`/`protoent` blocks (ffi/entries.rs).

/// A `hostent`'s content.
pub struct HostEntry {
    pub name: String,
    pub aliases: Vec<String>,
    pub family: i16,
    pub length: i16,
    pub addrs: Vec<Vec<u8>>,
}

/// A `servent`'s content (`port_be` in network byte order).
pub struct ServiceEntry {
    pub name: String,
    pub aliases: Vec<String>,
    pub port_be: u16,
    pub proto: String,
}

/// A `protoent`'s content.
pub struct ProtocolEntry {
    pub name: String,
    pub aliases: Vec<String>,
    pub number: i16,
}

pub fn hostent(
    name: &str,
    aliases: &[String],
    family: i16,
    length: i16,
    addrs: &[Vec<u8>],
) -> HostEntry {
    HostEntry {
        name: name.to_string(),
        aliases: aliases.to_vec(),
        family,
        length,
        addrs: addrs.to_vec(),
    }
}

pub fn servent(name: &str, aliases: &[String], port_be: u16, proto: &str) -> ServiceEntry {
    ServiceEntry {
        name: name.to_string(),
        aliases: aliases.to_vec(),
        port_be,
        proto: proto.to_string(),
    }
}

pub fn protoent(name: &str, aliases: &[&str], number: i16) -> ProtocolEntry {
    ProtocolEntry {
        name: name.to_string(),
        aliases: aliases.iter().map(|s| s.to_string()).collect(),
        number,
    }
}
